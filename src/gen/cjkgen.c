/*
 * cjkgen.c - data/gbk.csv, data/big5.csv, data/uhc.csv -> the double-byte
 * tables of the Chinese and Korean decoders (ndr_recode, src/lib/bounce.c);
 * data/gb18030.csv -> the ranges of GB18030's four-byte sequences.
 *
 * usage: ndr_cjkgen -o OUT.c [NAME=TABLE.csv | -r NAME=RANGES.csv]...
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
 *
 * Each RANGES.csv (after -r) becomes "const unsigned short
 * ndr_cjk_NAME_ranges[][3]" and "const unsigned ndr_cjk_NAME_nranges": runs
 * of pointers {first pointer, first code point, count}, in ascending order,
 * for a binary search.  Its header is "pointer,code,count" and each record
 * one run: "pointer" in decimal, 0..39419 (the four-byte sequences of
 * GB18030 that stand for BMP characters); "code" in hex; "count" in
 * decimal, 1 or more.  The runs ascend, neither their pointers nor their
 * code points overlapping, none passes pointer 39419, and their code
 * points obey the rule above.
 */
#include "csv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LEADS 126  /* 0x81..0xFE */
#define TRAILS 191 /* 0x40..0xFE */
#define MAX_TABLES 8
#define NAME_MAX_LEN 16
#define POINTERS 39420 /* GB18030's four-byte pointers of the BMP */
#define MAX_RANGES 1024

static unsigned short table[MAX_TABLES][LEADS][TRAILS];
static char names[MAX_TABLES][NAME_MAX_LEN + 1];
static int is_ranges[MAX_TABLES];
static unsigned short ranges[MAX_TABLES][MAX_RANGES][3];
static unsigned nranges[MAX_TABLES];

/* Parse the cells of lead byte LEAD from S into ROW. */
static int parse_cells(const csv_reader *r, unsigned lead, const char *s,
                       unsigned short *row)
{
    unsigned col = 0;
    while (*s != '\0') {
        unsigned long v = 0, count = 1;
        int digits = 0, h;
        while ((h = csv_hex_digit((unsigned char)*s)) >= 0) {
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
    if (csv_open_header(&r, path, "lead,cells") < 0)
        return -1;
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

/* The decimal number S (1..5 digits) into *V; -1 if it is none. */
static int decimal(const char *s, unsigned long *v)
{
    size_t n = strspn(s, "0123456789");
    if (n == 0 || n > 5 || s[n] != '\0')
        return -1;
    *v = strtoul(s, NULL, 10);
    return 0;
}

/* The hex number S (1..4 digits) into *V; -1 if it is none. */
static int hex4(const char *s, unsigned long *v)
{
    int h, digits = 0;
    *v = 0;
    for (; (h = csv_hex_digit((unsigned char)*s)) >= 0; s++) {
        if (++digits > 4)
            return -1;
        *v = *v * 16 + (unsigned long)h;
    }
    return digits == 0 || *s != '\0' ? -1 : 0;
}

static int read_ranges(unsigned t, const char *path)
{
    csv_reader r;
    int rc, bad = 0;
    unsigned long next_ptr = 0, next_code = 0; /* past the run before */
    if (csv_open_header(&r, path, "pointer,code,count") < 0)
        return -1;
    while ((rc = csv_next(&r)) == 1) {
        unsigned long ptr, code, count;
        if (r.nfields != 3) {
            bad |= csv_error(&r, "%zu fields, want 3", r.nfields);
            continue;
        }
        if (decimal(r.field[0], &ptr) < 0 || ptr >= POINTERS) {
            bad |= csv_error(&r, "pointer \"%s\" is not a number 0..%d",
                             r.field[0], POINTERS - 1);
            continue;
        }
        if (hex4(r.field[1], &code) < 0) {
            bad |= csv_error(&r, "pointer %lu: code \"%s\" is not a hex "
                                 "number of one to four digits (in the "
                                 "Basic Multilingual Plane)", ptr, r.field[1]);
            continue;
        }
        if (decimal(r.field[2], &count) < 0 || count == 0) {
            bad |= csv_error(&r, "pointer %lu: count \"%s\" is not a number "
                                 "1..%d", ptr, r.field[2], POINTERS);
            continue;
        }
        if (count > POINTERS - ptr) {
            bad |= csv_error(&r, "pointer %lu: the run of %lu passes pointer "
                                 "%d", ptr, count, POINTERS - 1);
            continue;
        }
        if (code < 0xa0 || code + count - 1 > 0xffff ||
            (code <= 0xdfff && code + count - 1 >= 0xd800)) {
            bad |= csv_error(&r, "pointer %lu: U+%04lX (x%lu) holds a control "
                                 "character, a surrogate or passes U+FFFF",
                             ptr, code, count);
            continue;
        }
        if (ptr < next_ptr || code < next_code) {
            bad |= csv_error(&r, "pointer %lu: the runs must ascend without "
                                 "overlapping (the one before ends before "
                                 "pointer %lu, U+%04lX)", ptr, next_ptr,
                             next_code);
            continue;
        }
        if (nranges[t] == MAX_RANGES) {
            bad |= csv_error(&r, "more than %d runs", MAX_RANGES);
            break;
        }
        ranges[t][nranges[t]][0] = (unsigned short)ptr;
        ranges[t][nranges[t]][1] = (unsigned short)code;
        ranges[t][nranges[t]][2] = (unsigned short)count;
        nranges[t]++;
        next_ptr = ptr + count;
        next_code = code + count;
    }
    if (rc < 0)
        bad = -1;
    if (bad == 0 && nranges[t] == 0)
        bad = csv_error(&r, "no runs");
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
    fputs("/* Generated by ndr_cjkgen from data/gbk.csv, data/big5.csv, "
          "data/uhc.csv and data/gb18030.csv: do not edit. */\n"
          "#include \"cjk.h\"\n",
          f);
    for (unsigned t = 0; t < ntables; t++) {
        if (is_ranges[t]) {
            fprintf(f, "\nconst unsigned ndr_cjk_%s_nranges = %u;\n"
                       "const unsigned short ndr_cjk_%s_ranges[%u][3] = {\n",
                    names[t], nranges[t], names[t], nranges[t]);
            csv_put_rows(f, &ranges[t][0][0], nranges[t], 3);
        } else {
            fprintf(f, "\nconst unsigned short ndr_cjk_%s[126][191] = {\n",
                    names[t]);
            csv_put_rows(f, &table[t][0][0], LEADS, TRAILS);
        }
        fputs("};\n", f);
    }
    return csv_close_out(f, out);
}

int main(int argc, char **argv)
{
    unsigned n = 0;
    int bad = 0;
    static const char usage[] =
        "usage: ndr_cjkgen -o OUT.c [NAME=TABLE.csv | -r NAME=RANGES.csv]...\n";
    if (argc < 4 || strcmp(argv[1], "-o") != 0) {
        fputs(usage, stderr);
        return 2;
    }
    for (int i = 3; i < argc; i++, n++) {
        const char *eq;
        size_t len;
        int r = strcmp(argv[i], "-r") == 0;
        if (r && ++i == argc) {
            fputs(usage, stderr);
            return 2;
        }
        if (n == MAX_TABLES) {
            fprintf(stderr, "ndr_cjkgen: more than %d tables\n", MAX_TABLES);
            return 2;
        }
        eq = strchr(argv[i], '=');
        len = eq != NULL ? (size_t)(eq - argv[i]) : 0;
        if (len == 0 || len > NAME_MAX_LEN ||
            strspn(argv[i], "abcdefghijklmnopqrstuvwxyz0123456789") != len) {
            fprintf(stderr, "ndr_cjkgen: '%s': want NAME=%s.csv, NAME in "
                            "small letters and digits\n", argv[i],
                    r ? "RANGES" : "TABLE");
            return 2;
        }
        memcpy(names[n], argv[i], len);
        names[n][len] = '\0';
        is_ranges[n] = r;
        for (unsigned k = 0; k < n; k++)
            if (strcmp(names[k], names[n]) == 0) {
                fprintf(stderr, "ndr_cjkgen: table %s given twice\n",
                        names[n]);
                return 2;
            }
        if ((r ? read_ranges(n, eq + 1) : read_table(n, eq + 1)) != 0)
            bad = 1;
    }
    if (bad)
        return 1;
    return write_tables(argv[2], n) == 0 ? 0 : 1;
}
