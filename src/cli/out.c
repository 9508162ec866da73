/*
 * out.c - escaping and formatting for the command line's output.
 *
 * Text from a bounce is untrusted: an escape sequence in a diagnostic could
 * retitle the terminal or hide output, a bidirectional override could
 * reorder what the reader sees.  Everything that comes from a message goes
 * through out_safe (text) or out_json_str (JSON), which decode UTF-8 and
 * let through only printable characters.
 *
 * The escaping is written once, into an out_buf: a buffer that grows (a
 * record is built whole and written with one call) or that empties into a
 * FILE when full (the FILE functions use one on the stack).
 */
#include "out.h"
#include "ndrcode.h"

#include <stdint.h>
#include <stdlib.h>
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

/* ---- the buffer -------------------------------------------------------- */

/* Room for N more bytes; 0 when there is none (out of memory). */
static int ob_room(out_buf *b, size_t n)
{
    if (b->cap - b->len >= n)
        return 1;
    if (b->sink != NULL) {
        if (b->len > 0)
            fwrite(b->p, 1, b->len, b->sink);
        b->len = 0;
        return b->cap >= n;
    }
    {
        size_t ncap = b->cap ? b->cap : 256;
        char *np;
        while (ncap - b->len < n)
            ncap *= 2;
        /* not a stack buffer (OB_STACK): those have a sink.  The analyzers
         * say otherwise (clang-analyzer-unix.Malloc,
         * -Wanalyzer-free-of-non-heap): tests/static/justified.txt */
        np = realloc(b->p, ncap);
        if (np == NULL) {
            b->oom = 1;
            return 0;
        }
        b->p = np;
        b->cap = ncap;
    }
    return 1;
}

void ob_put(out_buf *b, const void *s, size_t n)
{
    if (b->cap - b->len >= n) {
        memcpy(b->p + b->len, s, n);
        b->len += n;
        return;
    }
    if (!ob_room(b, n)) {
        if (b->sink != NULL && b->oom == 0)
            fwrite(s, 1, n, b->sink); /* longer than the whole buffer */
        return;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
}

void ob_putc(out_buf *b, char c)
{
    if (b->len < b->cap || ob_room(b, 1))
        b->p[b->len++] = c;
}

void ob_puts(out_buf *b, const char *s)
{
    ob_put(b, s, strlen(s));
}

void ob_num(out_buf *b, unsigned long v)
{
    char tmp[24];
    size_t i = sizeof tmp;
    do {
        tmp[--i] = (char)('0' + v % 10);
        v /= 10;
    } while (v != 0);
    ob_put(b, tmp + i, sizeof tmp - i);
}

void ob_flush(out_buf *b)
{
    if (b->sink != NULL && b->len > 0)
        fwrite(b->p, 1, b->len, b->sink);
    b->len = 0;
}

/* "\xNN" or "\uNNNN" for code point CP. */
static void ob_hex(out_buf *b, const char *prefix, unsigned long cp, int digits)
{
    static const char hex[] = "0123456789abcdef";
    char tmp[8];
    size_t n = strlen(prefix);
    memcpy(tmp, prefix, n);
    for (int d = digits - 1; d >= 0; d--)
        tmp[n++] = hex[(cp >> (4 * d)) & 15];
    ob_put(b, tmp, n);
}

/* Bytes that go out as they are: printable ASCII (JSON: not '"' or
 * '\\'). */
static const unsigned char plain_text[256] = {
#define R16(v) v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v
    R16(0), R16(0), R16(1), R16(1), R16(1), R16(1), R16(1),
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0,
    R16(0), R16(0), R16(0), R16(0), R16(0), R16(0), R16(0), R16(0)};
static const unsigned char plain_json[256] = {
    R16(0), R16(0),
    1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* '"' */
    R16(1), R16(1),
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, /* '\\' */
    R16(1),
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0,
    R16(0), R16(0), R16(0), R16(0), R16(0), R16(0), R16(0), R16(0)};
#undef R16

/* Which of the 8 bytes of X are under 0x20, 0x7F or over, or (JSON) '"'
 * or '\\'?  Nonzero when any is (it may also flag a byte after the first
 * such one, which only sends the caller to its byte-by-byte path). */
#define ONES 0x0101010101010101ull
#define HIGHS 0x8080808080808080ull
static uint64_t special8(uint64_t x, int json)
{
    uint64_t r = ((x - 0x20 * ONES) & ~x) |           /* < 0x20 */
                 (((x & ~HIGHS) + ONES) | x);          /* 0x7f, >= 0x80 */
    if (json) {
        uint64_t q = x ^ ('"' * ONES), k = x ^ ('\\' * ONES);
        r |= ((q - ONES) & ~q) | ((k - ONES) & ~k);
    }
    return r & HIGHS;
}

/* The length of the run of bytes at P (N left) that go out as they are:
 * eight at a time, then one by one. */
static size_t plain_run(const unsigned char *p, size_t n, int json)
{
    const unsigned char *plain = json ? plain_json : plain_text;
    size_t i = 0;
    while (n - i >= 8) {
        uint64_t x;
        memcpy(&x, p + i, 8);
        if (special8(x, json) != 0)
            break;
        i += 8;
    }
    while (i < n && plain[p[i]])
        i++;
    return i;
}

void ob_safe(out_buf *b, const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        unsigned long cp;
        size_t n, run;
        /* printable ASCII goes out in one piece */
        run = i + plain_run(p + i, len - i, 0);
        if (run > i) {
            ob_put(b, p + i, run - i);
            i = run;
            continue;
        }
        n = utf8_decode(p + i, len - i, &cp);
        if (n == 0) {
            ob_hex(b, "\\x", p[i], 2);
            i++;
            continue;
        }
        if (unsafe_cp(cp)) {
            if (cp == '\n')
                ob_put(b, "\\n", 2);
            else if (cp == '\t')
                ob_put(b, "\\t", 2);
            else if (cp == '\r')
                ob_put(b, "\\r", 2);
            else if (cp < 0x100)
                ob_hex(b, "\\x", cp, 2);
            else
                ob_hex(b, "\\u", cp, 4);
        } else {
            ob_put(b, p + i, n);
        }
        i += n;
    }
}

void ob_json_str(out_buf *b, const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    ob_putc(b, '"');
    while (i < len) {
        unsigned long cp;
        size_t n, run = i + plain_run(p + i, len - i, 1);
        if (run > i) {
            ob_put(b, p + i, run - i);
            i = run;
            continue;
        }
        n = utf8_decode(p + i, len - i, &cp);
        if (n == 0) {
            ob_put(b, "\\ufffd", 6);
            i++;
            continue;
        }
        if (cp == '"' || cp == '\\') {
            ob_putc(b, '\\');
            ob_putc(b, (char)cp);
        } else if (cp == '\n') {
            ob_put(b, "\\n", 2);
        } else if (cp == '\t') {
            ob_put(b, "\\t", 2);
        } else if (cp == '\r') {
            ob_put(b, "\\r", 2);
        } else if (cp < 0x20 || cp == 0x7f || cp == 0x2028 || cp == 0x2029 ||
                   (cp >= 0x80 && cp <= 0x9f)) {
            ob_hex(b, "\\u", cp, 4);
        } else {
            ob_put(b, p + i, n);
        }
        i += n;
    }
    ob_putc(b, '"');
}

void ob_json_cstr(out_buf *b, const char *s)
{
    if (s == NULL)
        ob_put(b, "null", 4);
    else
        ob_json_str(b, s, strlen(s));
}

void ob_tsv_field(out_buf *b, const char *s)
{
    const char *start;
    if (s == NULL)
        return;
    start = s;
    for (;; s++) {
        if (*s == '\0' || *s == '\t' || *s == '\n' || *s == '\r' ||
            *s == '\\') {
            ob_safe(b, start, (size_t)(s - start));
            if (*s == '\0')
                return;
            ob_put(b, *s == '\t' ? "\\t" : *s == '\n' ? "\\n"
                                      : *s == '\r' ? "\\r" : "\\\\", 2);
            start = s + 1;
        }
    }
}

/* ---- the FILE functions ------------------------------------------------ */

#define OB_STACK(name, f)                                                    \
    char name##_mem[512];                                                    \
    out_buf name = {name##_mem, 0, sizeof name##_mem, f, 0}

void out_safe(FILE *f, const char *s, size_t len)
{
    OB_STACK(b, f);
    ob_safe(&b, s, len);
    ob_flush(&b);
}

void out_safe_str(FILE *f, const char *s)
{
    if (s != NULL)
        out_safe(f, s, strlen(s));
}

void out_json_str(FILE *f, const char *s, size_t len)
{
    OB_STACK(b, f);
    ob_json_str(&b, s, len);
    ob_flush(&b);
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
    OB_STACK(b, f);
    ob_tsv_field(&b, s);
    ob_flush(&b);
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

/* Printable ASCII bytes in S[0..N)?  Then they print as they are, one
 * column each. */
static int plain_ascii(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!plain_text[(unsigned char)s[i]])
            return 0;
    return 1;
}

static void ob_spaces(out_buf *b, int n)
{
    static const char sp[] = "                                ";
    while (n > 0) {
        int k = n < (int)sizeof sp - 1 ? n : (int)sizeof sp - 1;
        ob_put(b, sp, (size_t)k);
        n -= k;
    }
}

/* The wrapped text is built in a buffer on the stack and written when it
 * fills and at the end. */
void out_wrap_from(const out_ctx *o, int col, int indent, const char *text)
{
    int width = o->width < 20 ? 20 : o->width, cont = indent;
    const char *p = text;
    OB_STACK(b, o->f);
    /* On a narrow terminal, give up the hanging indent rather than squeeze
     * the text into fewer than 20 columns. */
    if (width - cont < 20)
        cont = width >= 22 ? 2 : 0;
    if (col < indent) {
        ob_spaces(&b, indent - col);
        col = indent;
    }
    if (text == NULL) {
        ob_putc(&b, '\n');
        ob_flush(&b);
        return;
    }
    for (int first = 1; *p;) {
        size_t wl;
        int wc, plain;
        while (*p == ' ')
            p++;
        if (*p == '\0')
            break;
        {
            /* the word's length, and whether it is all printable ASCII */
            const char *q = p;
            unsigned char all = 1;
            while (*q != '\0' && *q != ' ')
                all &= plain_text[(unsigned char)*q++];
            wl = (size_t)(q - p);
            plain = all;
        }
        wc = plain ? (int)wl : columns(p, wl);
        /* A word that does not fit goes to the next line, unless nothing
         * but the indent is before it there (a long URL is never broken).
         * That holds for the first word too, after a long label. */
        if (col + (first ? 0 : 1) + wc > width && col > cont) {
            ob_putc(&b, '\n');
            ob_spaces(&b, cont);
            col = cont;
            first = 1;
        }
        if (!first) {
            ob_putc(&b, ' ');
            col++;
        }
        if (plain)
            ob_put(&b, p, wl);
        else
            ob_safe(&b, p, wl);
        col += wc;
        p += wl;
        first = 0;
    }
    ob_putc(&b, '\n');
    ob_flush(&b);
}

void out_wrapped(const out_ctx *o, const char *label, int indent,
                 const char *text)
{
    int col = 0;
    if (label != NULL) {
        size_t n = strlen(label);
        fputs(label, o->f);
        col = plain_ascii(label, n) ? (int)n : columns(label, n);
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
