/*
 * out.c - escaping and formatting for the command line's output.
 *
 * Text from a bounce is untrusted: an escape sequence in a diagnostic could
 * retitle the terminal or hide output, a bidirectional override could
 * reorder what the reader sees.  Everything that comes from a message goes
 * through out_safe (text) or out_json_str (JSON), which decode UTF-8 and
 * let through only printable characters.
 */
#include "out.h"
#include "ndrcode.h"

#include <string.h>

/* Decode one UTF-8 sequence at S (N bytes left).  Returns its length and
 * sets *CP, or 0 for an invalid or truncated sequence (overlongs and
 * surrogates included). */
static size_t utf8_decode(const unsigned char *s, size_t n, unsigned long *cp)
{
    unsigned long c;
    size_t len, i;
    if (s[0] < 0x80) {
        *cp = s[0];
        return 1;
    }
    if (s[0] >= 0xc2 && s[0] <= 0xdf) {
        len = 2;
        c = s[0] & 0x1fu;
    } else if (s[0] >= 0xe0 && s[0] <= 0xef) {
        len = 3;
        c = s[0] & 0x0fu;
    } else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
        len = 4;
        c = s[0] & 0x07u;
    } else {
        return 0;
    }
    if (n < len)
        return 0;
    for (i = 1; i < len; i++) {
        if ((s[i] & 0xc0) != 0x80)
            return 0;
        c = (c << 6) | (s[i] & 0x3fu);
    }
    if ((len == 3 && c < 0x800) || (len == 4 && (c < 0x10000 || c > 0x10ffff)) ||
        (c >= 0xd800 && c <= 0xdfff))
        return 0;
    *cp = c;
    return len;
}

/* Characters that change how a terminal shows text: C0, DEL, C1, and the
 * Unicode format controls that reorder or hide text (bidirectional marks,
 * embeddings and isolates, zero-width characters, the interlinear
 * annotation controls and the invisible tag characters). */
static int unsafe_cp(unsigned long c)
{
    return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x061c ||
           c == 0x180e || (c >= 0x200b && c <= 0x200f) ||
           (c >= 0x2028 && c <= 0x202e) || (c >= 0x2060 && c <= 0x2069) ||
           c == 0xfeff || (c >= 0xfff9 && c <= 0xfffb) ||
           (c >= 0xe0000 && c <= 0xe007f);
}

void out_safe(FILE *f, const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        unsigned long cp;
        size_t n, run = i;
        /* printable ASCII goes out in one piece */
        while (run < len && p[run] >= 0x20 && p[run] < 0x7f)
            run++;
        if (run > i) {
            fwrite(p + i, 1, run - i, f);
            i = run;
            continue;
        }
        n = utf8_decode(p + i, len - i, &cp);
        if (n == 0) {
            fprintf(f, "\\x%02x", p[i]);
            i++;
            continue;
        }
        if (unsafe_cp(cp)) {
            if (cp == '\n')
                fputs("\\n", f);
            else if (cp == '\t')
                fputs("\\t", f);
            else if (cp == '\r')
                fputs("\\r", f);
            else if (cp < 0x100)
                fprintf(f, "\\x%02lx", cp);
            else
                fprintf(f, "\\u%04lx", cp);
        } else {
            fwrite(p + i, 1, n, f);
        }
        i += n;
    }
}

void out_safe_str(FILE *f, const char *s)
{
    if (s != NULL)
        out_safe(f, s, strlen(s));
}

void out_json_str(FILE *f, const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    fputc('"', f);
    while (i < len) {
        unsigned long cp;
        size_t n, run = i;
        while (run < len && p[run] >= 0x20 && p[run] < 0x7f && p[run] != '"' &&
               p[run] != '\\')
            run++;
        if (run > i) {
            fwrite(p + i, 1, run - i, f);
            i = run;
            continue;
        }
        n = utf8_decode(p + i, len - i, &cp);
        if (n == 0) {
            fputs("\\ufffd", f);
            i++;
            continue;
        }
        if (cp == '"' || cp == '\\') {
            fputc('\\', f);
            fputc((int)cp, f);
        } else if (cp == '\n') {
            fputs("\\n", f);
        } else if (cp == '\t') {
            fputs("\\t", f);
        } else if (cp == '\r') {
            fputs("\\r", f);
        } else if (cp < 0x20 || cp == 0x7f || cp == 0x2028 || cp == 0x2029 ||
                   (cp >= 0x80 && cp <= 0x9f)) {
            fprintf(f, "\\u%04lx", cp);
        } else {
            fwrite(p + i, 1, n, f);
        }
        i += n;
    }
    fputc('"', f);
}

void out_json_cstr(FILE *f, const char *s)
{
    if (s == NULL)
        fputs("null", f);
    else
        out_json_str(f, s, strlen(s));
}

void out_tsv_field(FILE *f, const char *s)
{
    const char *start;
    if (s == NULL)
        return;
    start = s;
    for (;; s++) {
        if (*s == '\0' || *s == '\t' || *s == '\n' || *s == '\r' ||
            *s == '\\') {
            out_safe(f, start, (size_t)(s - start));
            if (*s == '\0')
                return;
            fputs(*s == '\t' ? "\\t" : *s == '\n' ? "\\n" : *s == '\r' ? "\\r"
                                                                       : "\\\\",
                  f);
            start = s + 1;
        }
    }
}

/* Terminal columns of a code point that out_safe prints as it is: 0 for
 * combining marks, 2 for East Asian wide and fullwidth characters and most
 * emoji, else 1.  A small table instead of wcwidth(), which would depend on
 * the locale the user happens to run in. */
static int cp_columns(unsigned long c)
{
    if ((c >= 0x0300 && c <= 0x036f) || (c >= 0x1ab0 && c <= 0x1aff) ||
        (c >= 0x1dc0 && c <= 0x1dff) || (c >= 0x20d0 && c <= 0x20ff) ||
        (c >= 0xfe20 && c <= 0xfe2f) || (c >= 0xfe00 && c <= 0xfe0f))
        return 0;
    if ((c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0x303e) ||
        (c >= 0x3041 && c <= 0x33ff) || (c >= 0x3400 && c <= 0x4dbf) ||
        (c >= 0x4e00 && c <= 0x9fff) || (c >= 0xa000 && c <= 0xa4cf) ||
        (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) ||
        (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) ||
        (c >= 0xffe0 && c <= 0xffe6) || (c >= 0x1f300 && c <= 0x1f64f) ||
        (c >= 0x1f900 && c <= 0x1f9ff) || (c >= 0x20000 && c <= 0x3fffd))
        return 2;
    return 1;
}

/* Columns that S[0..N) takes once written by out_safe: escapes count with
 * their full length (\x1b is four columns). */
static int columns(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    int c = 0;
    while (i < n) {
        unsigned long cp;
        size_t k = utf8_decode(p + i, n - i, &cp);
        if (k == 0) {
            c += 4; /* \xNN */
            i++;
            continue;
        }
        if (unsafe_cp(cp))
            c += cp == '\n' || cp == '\t' || cp == '\r' ? 2
                 : cp < 0x100                       ? 4
                                                    : 6;
        else
            c += cp_columns(cp);
        i += k;
    }
    return c;
}

void out_wrap_from(const out_ctx *o, int col, int indent, const char *text)
{
    int width = o->width < 20 ? 20 : o->width, cont = indent;
    const char *p = text;
    /* On a narrow terminal, give up the hanging indent rather than squeeze
     * the text into fewer than 20 columns. */
    if (width - cont < 20)
        cont = width >= 22 ? 2 : 0;
    while (col < indent) {
        fputc(' ', o->f);
        col++;
    }
    if (text == NULL) {
        fputc('\n', o->f);
        return;
    }
    for (int first = 1; *p;) {
        size_t wl;
        int wc;
        while (*p == ' ')
            p++;
        if (*p == '\0')
            break;
        wl = strcspn(p, " ");
        wc = columns(p, wl);
        /* A word that does not fit goes to the next line, unless nothing
         * but the indent is before it there (a long URL is never broken).
         * That holds for the first word too, after a long label. */
        if (col + (first ? 0 : 1) + wc > width && col > cont) {
            fputc('\n', o->f);
            for (col = 0; col < cont; col++)
                fputc(' ', o->f);
            first = 1;
        }
        if (!first) {
            fputc(' ', o->f);
            col++;
        }
        out_safe(o->f, p, wl);
        col += wc;
        p += wl;
        first = 0;
    }
    fputc('\n', o->f);
}

void out_wrapped(const out_ctx *o, const char *label, int indent,
                 const char *text)
{
    int col = 0;
    if (label != NULL) {
        fputs(label, o->f);
        col = columns(label, strlen(label));
    }
    out_wrap_from(o, col, indent, text);
}

void out_color(const out_ctx *o, int cls)
{
    if (!o->color)
        return;
    fputs(cls == 2 ? "\033[32m" : cls == 4 ? "\033[33m" : cls == 5 ? "\033[31m"
                                                                   : "\033[1m",
          o->f);
}

void out_reset(const out_ctx *o)
{
    if (o->color)
        fputs("\033[0m", o->f);
}

const char *out_who_text(unsigned who)
{
    switch (who) {
    case NDR_WHO_SENDER: return "the sender";
    case NDR_WHO_SENDER_ADMIN: return "the sender's mail administrator";
    case NDR_WHO_RECIPIENT_ADMIN: return "the recipient's mail administrator";
    case NDR_WHO_RECIPIENT: return "the recipient";
    case NDR_WHO_PROVIDER: return "the mail provider";
    default: return "unknown";
    }
}
