/*
 * decode.c - base64 (RFC 2045 §6.8) and quoted-printable (RFC 2045 §6.7)
 * decoding for the bounce parser, and ISO-2022-JP (RFC 1468) and
 * ISO-2022-KR (RFC 1557) text to UTF-8.  Lenient by design: bounces are often malformed, so bad
 * characters are skipped or kept as they are rather than treated as
 * errors.
 */
#include "decode.h"
#include "cjk.h"
#include "jis.h"

#include <string.h>

/* 0..63 for the alphabet, 64 for '=', 255 for anything else. */
static const unsigned char b64_value[256] = {
#define N255 255, 255, 255, 255, 255, 255, 255, 255
#define R16 N255, N255
    R16, R16,
    255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 62, 255, 255, 255, 63,
    52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 255, 255, 255, 64, 255, 255,
    255, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14,
    15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 255, 255, 255, 255, 255,
    255, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40,
    41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 255, 255, 255, 255, 255,
    R16, R16, R16, R16, R16, R16, R16, R16,
#undef R16
#undef N255
};

size_t ndr_b64_decode(ndr_b64 *st, const char *in, size_t n, char *out)
{
    size_t o = 0;
    unsigned long bits = st->bits;
    int nbits = st->nbits;
    if (st->done)
        return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char v = b64_value[(unsigned char)in[i]];
        if (v == 255)
            continue;
        if (v == 64) {
            /* Padding: flush what the quad holds and stop. */
            if (nbits == 12)
                out[o++] = (char)((bits >> 4) & 0xff);
            else if (nbits == 18) {
                out[o++] = (char)((bits >> 10) & 0xff);
                out[o++] = (char)((bits >> 2) & 0xff);
            }
            st->done = 1;
            bits = 0;
            nbits = 0;
            break;
        }
        bits = (bits << 6) | v;
        nbits += 6;
        if (nbits == 24) {
            out[o++] = (char)((bits >> 16) & 0xff);
            out[o++] = (char)((bits >> 8) & 0xff);
            out[o++] = (char)(bits & 0xff);
            bits = 0;
            nbits = 0;
        }
    }
    st->bits = bits;
    st->nbits = nbits;
    return o;
}

static int hexval(unsigned char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = (unsigned char)(c | 0x20);
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

size_t ndr_qp_decode_line(const char *in, size_t n, char *out)
{
    size_t o = 0, i = 0;
    int soft = 0;
    /* Trailing blanks are transport padding (RFC 2045 §6.7 rule 3). */
    while (n > 0 && (in[n - 1] == ' ' || in[n - 1] == '\t'))
        n--;
    while (i < n) {
        /* the text up to the next '=' as it is */
        const char *eq = memchr(in + i, '=', n - i);
        size_t run = eq != NULL ? (size_t)(eq - in) - i : n - i;
        memcpy(out + o, in + i, run);
        o += run;
        i += run;
        if (i == n)
            break;
        if (i + 1 == n) {
            soft = 1;
            break;
        }
        if (i + 2 < n && hexval((unsigned char)in[i + 1]) >= 0 &&
            hexval((unsigned char)in[i + 2]) >= 0) {
            out[o++] = (char)(hexval((unsigned char)in[i + 1]) * 16 +
                              hexval((unsigned char)in[i + 2]));
            i += 3;
            continue;
        }
        out[o++] = '='; /* not an escape: keep it */
        i++;
    }
    if (!soft)
        out[o++] = '\n';
    return o;
}

/* ---- ISO-2022-JP ---------------------------------------------------------- */

enum jis_set { JIS_ASCII, JIS_0208, JIS_KANA, JIS_0212 };

/* Append code point C (below 0x10000) as UTF-8 if it fits in CAP. */
static int put_utf8(char *out, size_t *o, size_t cap, unsigned c)
{
    size_t k = c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
    if (cap - *o < k)
        return 0;
    if (k == 1) {
        out[(*o)++] = (char)c;
    } else if (k == 2) {
        out[(*o)++] = (char)(0xc0 | (c >> 6));
        out[(*o)++] = (char)(0x80 | (c & 0x3f));
    } else {
        out[(*o)++] = (char)(0xe0 | (c >> 12));
        out[(*o)++] = (char)(0x80 | ((c >> 6) & 0x3f));
        out[(*o)++] = (char)(0x80 | (c & 0x3f));
    }
    return 1;
}

/* The set an escape sequence at IN[0..N) (IN[0] is ESC) selects, and its
 * length in *LEN; -1 if it is not one of ISO-2022-JP's. */
static int jis_escape(const unsigned char *in, size_t n, size_t *len)
{
    if (n >= 3 && in[1] == '(' &&
        (in[2] == 'B' || in[2] == 'J' || in[2] == 'I')) {
        *len = 3;
        return in[2] == 'I' ? JIS_KANA : JIS_ASCII;
    }
    if (n >= 3 && in[1] == '$' && (in[2] == '@' || in[2] == 'B')) {
        *len = 3;
        return JIS_0208;
    }
    if (n >= 4 && in[1] == '$' && in[2] == '(' &&
        (in[3] == 'B' || in[3] == 'D' || in[3] == '@')) {
        *len = 4;
        return in[3] == 'D' ? JIS_0212 : JIS_0208;
    }
    return -1;
}

size_t ndr_jis_decode_line(const char *in, size_t n, char *out, size_t cap)
{
    const unsigned char *b = (const unsigned char *)in;
    size_t i = 0, o = 0, elen;
    int set = JIS_ASCII;
    while (i < n) {
        unsigned c = b[i];
        int e;
        if (c == 0x1b && (e = jis_escape(b + i, n - i, &elen)) >= 0) {
            set = e;
            i += elen;
            continue;
        }
        if (set == JIS_ASCII || c < 0x21 || c > 0x7e) {
            if (o == cap)
                break;
            out[o++] = (char)c; /* as it is */
            i++;
            continue;
        }
        if (set == JIS_KANA) {
            /* 0x21..0x5f: U+FF61..U+FF9F */
            if (!put_utf8(out, &o, cap, c <= 0x5f ? 0xff40 + c : 0xfffd))
                break;
            i++;
            continue;
        }
        /* a two-byte set: a pair of 0x21..0x7e */
        {
            unsigned u = 0xfffd;
            size_t used = 1;
            if (i + 1 < n && b[i + 1] >= 0x21 && b[i + 1] <= 0x7e) {
                used = 2;
                if (set == JIS_0208 && ndr_jis0208[c - 0x21][b[i + 1] - 0x21])
                    u = ndr_jis0208[c - 0x21][b[i + 1] - 0x21];
            }
            if (!put_utf8(out, &o, cap, u))
                break;
            i += used;
        }
    }
    return o;
}

/* ---- ISO-2022-KR ---------------------------------------------------------- */

size_t ndr_kr_decode_line(const char *in, size_t n, char *out, size_t cap)
{
    const unsigned char *b = (const unsigned char *)in;
    size_t i = 0, o = 0;
    int ksc = 0; /* shifted out, to KS X 1001 */
    while (i < n) {
        unsigned c = b[i];
        if (c == 0x1b && n - i >= 4 && b[i + 1] == '$' && b[i + 2] == ')' &&
            b[i + 3] == 'C') {
            i += 4;
            continue;
        }
        if (c == 0x0e || c == 0x0f) {
            ksc = c == 0x0e;
            i++;
            continue;
        }
        if (!ksc || c < 0x21 || c > 0x7e) {
            if (o == cap)
                break;
            out[o++] = (char)c; /* as it is */
            i++;
            continue;
        }
        /* a pair of 0x21..0x7e: EUC-KR's lead and trail less 0x80 */
        {
            unsigned u = 0xfffd;
            size_t used = 1;
            if (i + 1 < n && b[i + 1] >= 0x21 && b[i + 1] <= 0x7e) {
                used = 2;
                if (ndr_cjk_uhc[c + 0x80 - 0x81][b[i + 1] + 0x80 - 0x40])
                    u = ndr_cjk_uhc[c + 0x80 - 0x81][b[i + 1] + 0x80 - 0x40];
            }
            if (!put_utf8(out, &o, cap, u))
                break;
            i += used;
        }
    }
    return o;
}
