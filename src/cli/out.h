/*
 * out.h - output helpers of the command line: escaping untrusted text for
 * the terminal, JSON string encoding, wrapping, colour.
 */
#ifndef NDR_CLI_OUT_H
#define NDR_CLI_OUT_H

#include <stddef.h>
#include <stdio.h>

typedef struct out_ctx {
    FILE *f;
    int color; /* 1: ANSI colours by class */
    int width; /* wrap column for text output */
} out_ctx;

/* A byte buffer that output is built in.  With SINK NULL it grows with
 * realloc (P from malloc, or NULL to start; on failure what fits is kept
 * and OOM is set); with a SINK it is fixed storage emptied into SINK when
 * full and by ob_flush. */
typedef struct out_buf {
    char *p;
    size_t len, cap;
    FILE *sink;
    int oom;
} out_buf;

void ob_put(out_buf *b, const void *s, size_t n);
void ob_putc(out_buf *b, char c);
void ob_puts(out_buf *b, const char *s);
void ob_num(out_buf *b, unsigned long v);
void ob_flush(out_buf *b); /* a SINK's: write what is held */

/* The escapes of out_safe, out_json_str and out_tsv_field below, into a
 * buffer (those are these, written to a FILE). */
void ob_safe(out_buf *b, const char *s, size_t len);
void ob_json_str(out_buf *b, const char *s, size_t len);
void ob_json_cstr(out_buf *b, const char *s); /* NULL -> null */
void ob_tsv_field(out_buf *b, const char *s);

/* Write S[0..LEN) for a terminal: printable UTF-8 passes, control
 * characters, escape sequences, C1 controls, bidirectional overrides and
 * invalid bytes become visible escapes (\n, \x1b, \u202e ...). */
void out_safe(FILE *f, const char *s, size_t len);
void out_safe_str(FILE *f, const char *s);

/* Write a JSON string (with quotes) for S[0..LEN): valid UTF-8, invalid
 * bytes replaced by U+FFFD, every control character escaped. */
void out_json_str(FILE *f, const char *s, size_t len);
void out_json_cstr(FILE *f, const char *s); /* NULL -> null */

/* Write a TSV field: tab, newline, CR and backslash escaped, the rest as
 * out_safe. */
void out_tsv_field(FILE *f, const char *s);

/* Write "LABEL" then TEXT wrapped at ctx->width, continuation lines
 * indented by INDENT columns.  TEXT is escaped as out_safe; widths count
 * what the terminal shows (escapes, wide and combining characters). */
void out_wrapped(const out_ctx *o, const char *label, int indent,
                 const char *text);

/* The same, continuing a line on which COL columns are already written
 * (after a coloured code, say): pad to INDENT, then wrap TEXT. */
void out_wrap_from(const out_ctx *o, int col, int indent, const char *text);

/* ANSI colour for a class (2 green, 4 yellow, 5 red) or reset, when
 * colour is on. */
void out_color(const out_ctx *o, int cls);
void out_reset(const out_ctx *o);

/* "the sender", "the recipient's mail administrator", ... for a who. */
const char *out_who_text(unsigned who);

#endif
