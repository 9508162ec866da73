/*
 * cjkgen.c - data/gbk.csv, data/big5.csv, data/uhc.csv -> the double-byte
 * tables of the Chinese and Korean decoders (ndr_recode, src/lib/bounce.c).
 *
 * usage: ndr_cjkgen -o OUT.c NAME=TABLE.csv...
 *
 * Each TABLE.csv becomes "const unsigned short ndr_cjk_NAME[126][191]":
 * the code point of lead byte 0x81..0xFE and trail byte 0x40..0xFE, 0 for
 * a pair that names no character; a lookup is one index.  The CSV has a
 * header "lead,cells" and one record per lead byte, each once: "lead" in
 * hex, "cells" a list of items separated by single spaces that covers the
 * 191 trail bytes exactly: HEX (one cell; 0 for none), HEX*N (N cells
 * counting up from HEX) or 0*N (N empty cells).  Every code point must be
 * in the Basic Multilingual Plane and not a surrogate or a control
 * character.  Anything else stops the build with FILE:LINE and the reason;
 * the output is written only when every file is good.  (tools/mkcjk.py
 * writes the files from Python's codecs.)
 */
#include "csv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LEADS 126  /* 0x81..0xFE */
#define TRAILS 191 /* 0x40..0xFE */
#define MAX_TABLES 8
#define NAME_MAX_LEN 16

static unsigned short table[MAX_TABLES][LEADS][TRAILS];
static char names[MAX_TABLES][NAME_MAX_LEN + 1];

static int hexval(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

/* Parse the cells of lead byte LEAD from S into ROW. */
static int parse_cells(const csv_reader *r, unsigned lead, const char *s,
                       unsigned short *row)
{
    unsigned col = 0;
    while (*s != '\0') {
        unsigned long v = 0, count = 1;
        int digits = 0, h;
        while ((h = hexval((unsigned char)*s)) >= 0) {
            if (++digits > 4)
                return csv_error(r, "lead %02X after %u cells: more than four hex "
                                    "digits (beyond the Basic Multilingual "
                                    "Plane)", lead, col);
            v = v * 16 + (unsigned long)h;
            s++;
        }
        if (digits == 0)
            return csv_error(r, "lead %02X after %u cells: not a hex number",
                             lead, col);
        if (*s == '*') {
            int ndig = 0;
            count = 0;
            for (s++; *s >= '0' && *s <= '9'; s++) {
                if (++ndig > 3)
                    return csv_error(r, "lead %02X after %u cells: run too "
                                        "long", lead, col);
                count = count * 10 + (unsigned long)(*s - '0');
            }
            if (count < 2)
                return csv_error(r, "lead %02X after %u cells: a run needs "
                                    "a count of 2 or more", lead, col);
        }
        if (*s == ' ')
            s++;
        else if (*s != '\0')
            return csv_error(r, "lead %02X after %u cells: items are "
                                "separated by one space", lead, col);
        if (count > TRAILS - col)
            return csv_error(r, "lead %02X has more than %d cells", lead,
                             TRAILS);
        if (v != 0 && (v < 0xa0 || v + count - 1 > 0xffff ||
                       (v <= 0xdfff && v + count - 1 >= 0xd800)))
            return csv_error(r, "lead %02X after %u cells: U+%04lX (x%lu) "
                                "holds a control character, a surrogate or "
                                "passes U+FFFF", lead, col, v, count);
        for (unsigned long k = 0; k < count; k++)
            row[col++] = (unsigned short)(v == 0 ? 0 : v + k);
    }
    if (col != TRAILS)
        return csv_error(r, "lead %02X has %u cells, want %d", lead, col,
                         TRAILS);
    return 0;
}

static int read_table(unsigned t, const char *path)
{
    csv_reader r;
    int rc, bad = 0;
    int seen[LEADS] = {0};
    if (csv_open(&r, path) < 0)
        return -1;
    rc = csv_next(&r);
    if (rc != 1 || r.nfields != 2 || strcmp(r.field[0], "lead") != 0 ||
        strcmp(r.field[1], "cells") != 0) {
        if (rc >= 0)
            csv_error(&r, "the header must be \"lead,cells\"");
        csv_close(&r);
        return -1;
    }
    while ((rc = csv_next(&r)) == 1) {
        char *end;
        long lead;
        if (r.nfields != 2) {
            bad |= csv_error(&r, "%zu fields, want 2", r.nfields);
            continue;
        }
        lead = strtol(r.field[0], &end, 16);
        if (*r.field[0] == '\0' || *end != '\0' || strlen(r.field[0]) != 2 ||
            lead < 0x81 || lead > 0xfe) {
            bad |= csv_error(&r, "lead \"%s\" is not a hex byte 81..FE",
                             r.field[0]);
            continue;
        }
        if (seen[lead - 0x81]++) {
            bad |= csv_error(&r, "lead %02lX given twice", lead);
            continue;
        }
        bad |= parse_cells(&r, (unsigned)lead, r.field[1],
                           table[t][lead - 0x81]);
    }
    if (rc < 0)
        bad = -1;
    for (unsigned i = 0; i < LEADS && bad == 0; i++)
        if (!seen[i])
            bad = csv_error(&r, "lead %02X is missing", i + 0x81);
    csv_close(&r);
    return bad;
}

static int write_tables(const char *out, unsigned ntables)
{
    FILE *f = fopen(out, "w");
    if (f == NULL) {
        perror(out);
        return -1;
    }
    fputs("/* Generated by ndr_cjkgen from data/gbk.csv, data/big5.csv and "
          "data/uhc.csv: do not edit. */\n"
          "#include \"cjk.h\"\n",
          f);
    for (unsigned t = 0; t < ntables; t++) {
        fprintf(f, "\nconst unsigned short ndr_cjk_%s[126][191] = {\n",
                names[t]);
        for (unsigned i = 0; i < LEADS; i++) {
            fputs("    {", f);
            for (unsigned j = 0; j < TRAILS; j++)
                fprintf(f, "%s0x%04x", j == 0 ? "" : j % 8 ? ", " : ",\n     ",
                        table[t][i][j]);
            fputs("},\n", f);
        }
        fputs("};\n", f);
    }
    if (fclose(f) != 0) {
        perror(out);
        remove(out);
        return -1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    unsigned n = 0;
    int bad = 0;
    if (argc < 4 || argc - 3 > MAX_TABLES || strcmp(argv[1], "-o") != 0) {
        fputs("usage: ndr_cjkgen -o OUT.c NAME=TABLE.csv...\n", stderr);
        return 2;
    }
    for (int i = 3; i < argc; i++, n++) {
        const char *eq = strchr(argv[i], '=');
        size_t len = eq != NULL ? (size_t)(eq - argv[i]) : 0;
        if (len == 0 || len > NAME_MAX_LEN ||
            strspn(argv[i], "abcdefghijklmnopqrstuvwxyz0123456789") != len) {
            fprintf(stderr, "ndr_cjkgen: '%s': want NAME=TABLE.csv, NAME in "
                            "small letters and digits\n", argv[i]);
            return 2;
        }
        memcpy(names[n], argv[i], len);
        names[n][len] = '\0';
        for (unsigned k = 0; k < n; k++)
            if (strcmp(names[k], names[n]) == 0) {
                fprintf(stderr, "ndr_cjkgen: table %s given twice\n",
                        names[n]);
                return 2;
            }
        if (read_table(n, eq + 1) != 0)
            bad = 1;
    }
    if (bad)
        return 1;
    return write_tables(argv[2], n) == 0 ? 0 : 1;
}
