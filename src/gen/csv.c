/*
 * csv.c - strict RFC 4180 CSV reader used by the table generator.
 *
 * Fields are comma separated; a field may be enclosed in double quotes, with
 * "" standing for one quote.  A quote inside an unquoted field, text after a
 * closing quote, or a quoted field left open at end of file is an error,
 * reported with the file name and line so a bad edit fails the build at the
 * right place.  Lines that begin with '#' before the header are comments.
 */
#include "csv.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

int csv_open(csv_reader *r, const char *path)
{
    memset(r, 0, sizeof *r);
    r->path = path;
    r->f = fopen(path, "rb");
    if (r->f == NULL) {
        fprintf(stderr, "%s: %s\n", path, strerror(errno));
        return -1;
    }
    r->line = 1;
    return 0;
}

void csv_close(csv_reader *r)
{
    if (r->f != NULL)
        fclose(r->f);
    free(r->buf);
    r->f = NULL;
    r->buf = NULL;
}

int csv_error(const csv_reader *r, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "%s:%lu: ", r->path, r->rec_line);
    va_start(ap, fmt);
    /* clang-tidy 14 reports an uninitialized va_list here although
     * va_start is right above: a false positive of its valist checker. */
    vfprintf(stderr, fmt, ap); /* NOLINT(clang-analyzer-valist.Uninitialized) */
    va_end(ap);
    fputc('\n', stderr);
    return -1;
}

/* Do the fields of R's record read HEADER, its names joined by commas? */
static int header_is(const csv_reader *r, const char *header)
{
    size_t i = 0;
    for (const char *h = header;; i++) {
        size_t len = strcspn(h, ",");
        if (i == r->nfields || strlen(r->field[i]) != len ||
            strncmp(r->field[i], h, len) != 0)
            return 0;
        if (h[len] == '\0')
            return i + 1 == r->nfields;
        h += len + 1;
    }
}

int csv_open_header(csv_reader *r, const char *path, const char *header)
{
    int rc;
    if (csv_open(r, path) < 0)
        return -1;
    rc = csv_next(r);
    if (rc != 1 || !header_is(r, header)) {
        if (rc >= 0)
            csv_error(r, "the header must be \"%s\"", header);
        csv_close(r);
        return -1;
    }
    return 0;
}

int csv_hex_digit(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

void csv_put_rows(FILE *f, const unsigned short *t, unsigned rows,
                  unsigned cols)
{
    for (unsigned i = 0; i < rows; i++) {
        fputs("    {", f);
        for (unsigned j = 0; j < cols; j++)
            fprintf(f, "%s0x%04x", j == 0 ? "" : j % 8 ? ", " : ",\n     ",
                    t[(size_t)i * cols + j]);
        fputs("},\n", f);
    }
}

int csv_close_out(FILE *f, const char *out)
{
    if (fclose(f) != 0) {
        perror(out);
        remove(out);
        return -1;
    }
    return 0;
}

static int put(csv_reader *r, size_t *len, char c)
{
    if (*len + 1 >= r->cap) {
        size_t ncap = r->cap ? r->cap * 2 : 1024;
        char *nb = realloc(r->buf, ncap);
        if (nb == NULL)
            return csv_error(r, "out of memory");
        r->buf = nb;
        r->cap = ncap;
    }
    r->buf[(*len)++] = c;
    return 0;
}

/* Skip a comment line; the '#' was already read. */
static void skip_line(csv_reader *r)
{
    int c;
    while ((c = getc(r->f)) != EOF && c != '\n')
        ;
    r->line++;
}

int csv_next(csv_reader *r)
{
    size_t len = 0, starts[CSV_MAX_FIELDS];
    int c, quoted = 0, after_quote = 0, any = 0;

    for (;;) {
        c = getc(r->f);
        if (c == '#' && !r->header_seen) {
            skip_line(r);
            continue;
        }
        break;
    }
    if (c == EOF)
        return ferror(r->f) ? (r->rec_line = r->line, csv_error(r, "read error")) : 0;

    r->rec_line = r->line;
    r->nfields = 0;
    starts[r->nfields++] = 0;
    for (;; c = getc(r->f)) {
        if (c == EOF) {
            if (quoted)
                return csv_error(r, "unterminated quoted field");
            if (!any && len == 0 && r->nfields == 1)
                return 0;
            break;
        }
        any = 1;
        if (quoted) {
            if (c == '"') {
                int d = getc(r->f);
                if (d == '"') {
                    if (put(r, &len, '"') < 0)
                        return -1;
                    continue;
                }
                ungetc(d, r->f);
                quoted = 0;
                after_quote = 1;
                continue;
            }
            if (c == '\n')
                r->line++;
            if (put(r, &len, (char)c) < 0)
                return -1;
            continue;
        }
        if (c == '\r') {
            int d = getc(r->f);
            if (d != '\n')
                return csv_error(r, "bare carriage return");
            c = '\n';
        }
        if (c == '\n') {
            r->line++;
            break;
        }
        if (c == ',') {
            if (put(r, &len, '\0') < 0)
                return -1;
            if (r->nfields == CSV_MAX_FIELDS)
                return csv_error(r, "too many fields");
            starts[r->nfields++] = len;
            after_quote = 0;
            continue;
        }
        if (after_quote)
            return csv_error(r, "text after a closing quote");
        if (c == '"') {
            if (len != starts[r->nfields - 1])
                return csv_error(r, "quote inside an unquoted field");
            quoted = 1;
            continue;
        }
        if (put(r, &len, (char)c) < 0)
            return -1;
    }
    if (put(r, &len, '\0') < 0)
        return -1;
    for (size_t i = 0; i < r->nfields; i++)
        r->field[i] = r->buf + starts[i];
    r->header_seen = 1;
    return 1;
}
