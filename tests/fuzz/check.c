/*
 * check.c - UTF-8, terminal-safety and JSON checkers used as test oracles.
 *
 * The UTF-8 rules follow the table of well-formed byte sequences in the
 * Unicode standard (chapter 3, table 3-7) by listing each lead byte's
 * allowed second byte, rather than by decoding and range-checking as
 * src/cli/out.c does, so the two can disagree when either is wrong.
 */
#include "check.h"

#include <string.h>

size_t chk_utf8_seq(const unsigned char *s, size_t n, unsigned long *cp)
{
    unsigned char b0, lo = 0x80, hi = 0xbf;
    size_t len;
    if (n == 0)
        return 0;
    b0 = s[0];
    if (b0 <= 0x7f) {
        *cp = b0;
        return 1;
    }
    if (b0 >= 0xc2 && b0 <= 0xdf)
        len = 2;
    else if (b0 >= 0xe0 && b0 <= 0xef)
        len = 3;
    else if (b0 >= 0xf0 && b0 <= 0xf4)
        len = 4;
    else
        return 0;
    /* The second byte's range depends on the lead byte. */
    if (b0 == 0xe0)
        lo = 0xa0;
    else if (b0 == 0xed)
        hi = 0x9f;
    else if (b0 == 0xf0)
        lo = 0x90;
    else if (b0 == 0xf4)
        hi = 0x8f;
    if (n < len || s[1] < lo || s[1] > hi)
        return 0;
    for (size_t i = 2; i < len; i++)
        if (s[i] < 0x80 || s[i] > 0xbf)
            return 0;
    switch (len) {
    case 2:
        *cp = ((unsigned long)(b0 & 0x1f) << 6) | (s[1] & 0x3fu);
        break;
    case 3:
        *cp = ((unsigned long)(b0 & 0x0f) << 12) |
              ((unsigned long)(s[1] & 0x3f) << 6) | (s[2] & 0x3fu);
        break;
    default:
        *cp = ((unsigned long)(b0 & 0x07) << 18) |
              ((unsigned long)(s[1] & 0x3f) << 12) |
              ((unsigned long)(s[2] & 0x3f) << 6) | (s[3] & 0x3fu);
        break;
    }
    return len;
}

int chk_utf8_valid(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        unsigned long cp;
        size_t k = chk_utf8_seq(p + i, n - i, &cp);
        if (k == 0)
            return 0;
        i += k;
    }
    return 1;
}

int chk_cp_unsafe(unsigned long cp)
{
    if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f))
        return 1; /* C0, DEL, C1 */
    switch (cp) {
    case 0x061c: /* arabic letter mark */
    case 0x180e: /* mongolian vowel separator */
    case 0xfeff: /* byte order mark, zero width no-break space */
        return 1;
    default:
        break;
    }
    return (cp >= 0x200b && cp <= 0x200f) || /* zero width, LRM, RLM */
           (cp >= 0x2028 && cp <= 0x202e) || /* separators, embeddings */
           (cp >= 0x2060 && cp <= 0x2069) || /* joiners, isolates */
           (cp >= 0xfff9 && cp <= 0xfffb) || /* interlinear annotation */
           (cp >= 0xe0000 && cp <= 0xe007f); /* tags */
}

int chk_terminal_safe(const char *s, size_t n, int allow_nl, size_t *at)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        unsigned long cp;
        size_t k = chk_utf8_seq(p + i, n - i, &cp);
        if (k == 0 || (chk_cp_unsafe(cp) && !(allow_nl && cp == '\n'))) {
            if (at != NULL)
                *at = i;
            return 0;
        }
        i += k;
    }
    return 1;
}

/* ---- JSON ------------------------------------------------------------ */

typedef struct jp {
    const unsigned char *s;
    size_t n, i;
    int depth;
    char *out; /* decoded string bytes go here when not NULL */
    size_t outlen;
} jp;

static void skip_ws(jp *p)
{
    while (p->i < p->n && (p->s[p->i] == ' ' || p->s[p->i] == '\t' ||
                           p->s[p->i] == '\n' || p->s[p->i] == '\r'))
        p->i++;
}

static int hexval(unsigned char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static int read_u4(jp *p, unsigned long *v)
{
    *v = 0;
    if (p->n - p->i < 4)
        return 0;
    for (int k = 0; k < 4; k++) {
        int h = hexval(p->s[p->i++]);
        if (h < 0)
            return 0;
        *v = *v * 16 + (unsigned long)h;
    }
    return 1;
}

static void emit_cp(jp *p, unsigned long cp)
{
    char *o;
    if (p->out == NULL)
        return;
    o = p->out + p->outlen;
    if (cp < 0x80) {
        o[0] = (char)cp;
        p->outlen += 1;
    } else if (cp < 0x800) {
        o[0] = (char)(0xc0 | (cp >> 6));
        o[1] = (char)(0x80 | (cp & 0x3f));
        p->outlen += 2;
    } else if (cp < 0x10000) {
        o[0] = (char)(0xe0 | (cp >> 12));
        o[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
        o[2] = (char)(0x80 | (cp & 0x3f));
        p->outlen += 3;
    } else {
        o[0] = (char)(0xf0 | (cp >> 18));
        o[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
        o[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
        o[3] = (char)(0x80 | (cp & 0x3f));
        p->outlen += 4;
    }
}

/* An escape never decodes to more bytes than it takes (\uXXXX is six
 * bytes for at most three; a surrogate pair twelve for four), so OUT of N
 * bytes is always big enough. */
static int parse_string(jp *p)
{
    if (p->i >= p->n || p->s[p->i] != '"')
        return 0;
    p->i++;
    while (p->i < p->n) {
        unsigned char c = p->s[p->i];
        unsigned long cp;
        if (c == '"') {
            p->i++;
            return 1;
        }
        if (c < 0x20)
            return 0; /* RFC 8259 §7: control characters must be escaped */
        if (c != '\\') {
            size_t k = chk_utf8_seq(p->s + p->i, p->n - p->i, &cp);
            if (k == 0)
                return 0;
            if (p->out != NULL)
                memcpy(p->out + p->outlen, p->s + p->i, k);
            p->outlen += p->out != NULL ? k : 0;
            p->i += k;
            continue;
        }
        if (++p->i >= p->n)
            return 0;
        c = p->s[p->i++];
        switch (c) {
        case '"': emit_cp(p, '"'); break;
        case '\\': emit_cp(p, '\\'); break;
        case '/': emit_cp(p, '/'); break;
        case 'b': emit_cp(p, 8); break;
        case 'f': emit_cp(p, 12); break;
        case 'n': emit_cp(p, 10); break;
        case 'r': emit_cp(p, 13); break;
        case 't': emit_cp(p, 9); break;
        case 'u':
            if (!read_u4(p, &cp))
                return 0;
            if (cp >= 0xdc00 && cp <= 0xdfff)
                return 0; /* a low surrogate alone */
            if (cp >= 0xd800 && cp <= 0xdbff) {
                unsigned long lo;
                if (p->n - p->i < 6 || p->s[p->i] != '\\' ||
                    p->s[p->i + 1] != 'u')
                    return 0;
                p->i += 2;
                if (!read_u4(p, &lo) || lo < 0xdc00 || lo > 0xdfff)
                    return 0;
                cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
            }
            emit_cp(p, cp);
            break;
        default:
            return 0;
        }
    }
    return 0;
}

static int digits(jp *p)
{
    size_t start = p->i;
    while (p->i < p->n && p->s[p->i] >= '0' && p->s[p->i] <= '9')
        p->i++;
    return p->i > start;
}

/* RFC 8259 §6: -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)? */
static int parse_number(jp *p)
{
    if (p->i < p->n && p->s[p->i] == '-')
        p->i++;
    if (p->i >= p->n)
        return 0;
    if (p->s[p->i] == '0')
        p->i++;
    else if (!digits(p))
        return 0;
    if (p->i < p->n && p->s[p->i] == '.') {
        p->i++;
        if (!digits(p))
            return 0;
    }
    if (p->i < p->n && (p->s[p->i] == 'e' || p->s[p->i] == 'E')) {
        p->i++;
        if (p->i < p->n && (p->s[p->i] == '+' || p->s[p->i] == '-'))
            p->i++;
        if (!digits(p))
            return 0;
    }
    return 1;
}

static int literal(jp *p, const char *word)
{
    size_t k = strlen(word);
    if (p->n - p->i < k || memcmp(p->s + p->i, word, k) != 0)
        return 0;
    p->i += k;
    return 1;
}

static int parse_value(jp *p)
{
    unsigned char c;
    skip_ws(p);
    if (p->i >= p->n)
        return 0;
    c = p->s[p->i];
    if (c == '{' || c == '[') {
        unsigned char close = c == '{' ? '}' : ']';
        if (++p->depth > 64)
            return 0;
        p->i++;
        skip_ws(p);
        if (p->i < p->n && p->s[p->i] == close) {
            p->i++;
            p->depth--;
            return 1;
        }
        for (;;) {
            if (c == '{') {
                skip_ws(p);
                if (!parse_string(p))
                    return 0;
                skip_ws(p);
                if (p->i >= p->n || p->s[p->i] != ':')
                    return 0;
                p->i++;
            }
            if (!parse_value(p))
                return 0;
            skip_ws(p);
            if (p->i >= p->n)
                return 0;
            if (p->s[p->i] == ',') {
                p->i++;
                continue;
            }
            if (p->s[p->i] != close)
                return 0;
            p->i++;
            p->depth--;
            return 1;
        }
    }
    if (c == '"')
        return parse_string(p);
    if (c == 't')
        return literal(p, "true");
    if (c == 'f')
        return literal(p, "false");
    if (c == 'n')
        return literal(p, "null");
    return parse_number(p);
}

int chk_json_text(const char *s, size_t n)
{
    jp p;
    memset(&p, 0, sizeof p);
    p.s = (const unsigned char *)s;
    p.n = n;
    if (!parse_value(&p))
        return 0;
    skip_ws(&p);
    return p.i == n;
}

int chk_json_string(const char *s, size_t n, char *out, size_t *outlen)
{
    jp p;
    memset(&p, 0, sizeof p);
    p.s = (const unsigned char *)s;
    p.n = n;
    p.out = out;
    if (!parse_string(&p) || p.i != n)
        return 0;
    *outlen = p.outlen;
    return 1;
}
