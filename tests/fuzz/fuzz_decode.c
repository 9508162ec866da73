/*
 * fuzz_decode.c - the base64 and quoted-printable decoders (src/lib/
 * decode.c) on arbitrary input.
 *
 * Byte 0 of the input picks a split point; the rest is the text.
 *  - base64: the output never exceeds the documented bound (the buffer
 *    is allocated to exactly n*3/4+3 bytes, so ASan sees any write past
 *    it), and decoding in two pieces cut anywhere gives the same bytes
 *    as decoding whole (the state carries a quad across calls);
 *  - base64 round trip: our own encoding of the input decodes back to
 *    the input, whether fed whole or split;
 *  - quoted-printable: one line's output fits in n+1 bytes, and our own
 *    encoding of the input (hex escapes, soft breaks every 60 columns)
 *    decodes back to the input plus the final line end;
 *  - ISO-2022-JP: the output stays within the room given (an exact-size
 *    buffer, with the room picked by byte 0), input without 8-bit bytes
 *    gives valid UTF-8, and less room gives a prefix of the output that
 *    more room gives;
 *  - ISO-2022-KR: the same as ISO-2022-JP;
 *  - the Chinese and Korean recoders (ndr_recode in GB18030, Big5 and
 *    UHC): the output stays within the room given (an exact-size buffer)
 *    and is valid UTF-8, whatever the bytes, and less room gives a prefix.
 */
#include "check.h"
#include "decode.h"
#include "fuzz.h"
#include "parser.h"

#include <string.h>

static size_t b64_bound(size_t n) { return n * 3 / 4 + 3; }

static size_t b64_run(const char *in, size_t n, size_t cut, char *out)
{
    ndr_b64 st;
    size_t o;
    char *tmp;
    memset(&st, 0, sizeof st);
    if (cut > n)
        cut = n;
    tmp = malloc(b64_bound(cut));
    FUZZ_CHECK(tmp != NULL);
    o = ndr_b64_decode(&st, in, cut, tmp);
    FUZZ_CHECK(o <= b64_bound(cut));
    memcpy(out, tmp, o);
    free(tmp);
    tmp = malloc(b64_bound(n - cut));
    FUZZ_CHECK(tmp != NULL);
    {
        size_t k = ndr_b64_decode(&st, in + cut, n - cut, tmp);
        FUZZ_CHECK(k <= b64_bound(n - cut));
        memcpy(out + o, tmp, k);
        o += k;
    }
    free(tmp);
    return o;
}

static size_t b64_encode(const unsigned char *in, size_t n, char *out)
{
    static const char abc[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    size_t o = 0, i = 0;
    for (; i + 3 <= n; i += 3) {
        unsigned long v = ((unsigned long)in[i] << 16) |
                          ((unsigned long)in[i + 1] << 8) | in[i + 2];
        out[o++] = abc[(v >> 18) & 63];
        out[o++] = abc[(v >> 12) & 63];
        out[o++] = abc[(v >> 6) & 63];
        out[o++] = abc[v & 63];
        if ((i / 3) % 19 == 18)
            out[o++] = '\n'; /* line breaks are skipped by the decoder */
    }
    if (n - i == 1) {
        unsigned long v = (unsigned long)in[i] << 16;
        out[o++] = abc[(v >> 18) & 63];
        out[o++] = abc[(v >> 12) & 63];
        out[o++] = '=';
        out[o++] = '=';
    } else if (n - i == 2) {
        unsigned long v = ((unsigned long)in[i] << 16) |
                          ((unsigned long)in[i + 1] << 8);
        out[o++] = abc[(v >> 18) & 63];
        out[o++] = abc[(v >> 12) & 63];
        out[o++] = abc[(v >> 6) & 63];
        out[o++] = '=';
    }
    return o;
}

static void check_b64(const uint8_t *data, size_t size, size_t cut)
{
    char *whole = malloc(b64_bound(size) + 8);
    char *split = malloc(b64_bound(size) + 8);
    char *enc = malloc(size * 2 + 8);
    size_t nw, ns, ne;
    FUZZ_CHECK(whole != NULL && split != NULL && enc != NULL);

    nw = b64_run((const char *)data, size, size, whole);
    ns = b64_run((const char *)data, size, cut, split);
    FUZZ_CHECK(nw == ns && memcmp(whole, split, nw) == 0);

    ne = b64_encode(data, size, enc);
    free(whole);
    free(split);
    whole = malloc(b64_bound(ne) + 8);
    split = malloc(b64_bound(ne) + 8);
    FUZZ_CHECK(whole != NULL && split != NULL);
    nw = b64_run(enc, ne, ne, whole);
    FUZZ_CHECK(nw == size && memcmp(whole, data, size) == 0);
    ns = b64_run(enc, ne, cut % (ne + 1), split);
    FUZZ_CHECK(ns == size && memcmp(split, data, size) == 0);
    free(whole);
    free(split);
    free(enc);
}

/* Encode IN as quoted-printable lines ending in LF; soft breaks keep each
 * line under 64 columns. */
static size_t qp_encode(const unsigned char *in, size_t n, char *out)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t o = 0, col = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = in[i];
        if (col >= 60) {
            out[o++] = '=';
            out[o++] = '\n';
            col = 0;
        }
        if (c >= 33 && c <= 126 && c != '=') {
            out[o++] = (char)c;
            col++;
        } else {
            out[o++] = '=';
            out[o++] = hex[c >> 4];
            out[o++] = hex[c & 15];
            col += 3;
        }
    }
    out[o++] = '\n';
    return o;
}

/* Decode LF-separated QP lines with exact-size output buffers. */
static size_t qp_run(const char *in, size_t n, char *out)
{
    size_t o = 0, s = 0;
    while (s < n) {
        const char *nl = memchr(in + s, '\n', n - s);
        size_t e = nl ? (size_t)(nl - in) : n, k;
        char *tmp = malloc(e - s + 1);
        FUZZ_CHECK(tmp != NULL);
        k = ndr_qp_decode_line(in + s, e - s, tmp);
        FUZZ_CHECK(k <= e - s + 1);
        memcpy(out + o, tmp, k);
        o += k;
        free(tmp);
        s = e + 1;
    }
    return o;
}

static void check_qp(const uint8_t *data, size_t size)
{
    char *enc = malloc(size * 3 + size / 20 * 2 + 8);
    char *dec = malloc(size * 3 + 8);
    size_t ne, nd;
    FUZZ_CHECK(enc != NULL && dec != NULL);
    /* arbitrary text: only the bounds are checked */
    qp_run((const char *)data, size, dec);
    ne = qp_encode(data, size, enc);
    nd = qp_run(enc, ne, dec);
    FUZZ_CHECK(nd == size + 1 && memcmp(dec, data, size) == 0 &&
               dec[size] == '\n');
    free(enc);
    free(dec);
}

/* ISO-2022-JP (KR == 0) or ISO-2022-KR (KR == 1) */
static void check_jis(const uint8_t *data, size_t size, size_t cut, int kr)
{
    size_t full = size * 3, room = cut * 3 % (full + 1), nf, nr;
    char *f = malloc(full + 1), *r = malloc(room + 1);
    int ascii = 1;
    size_t (*dec)(const char *, size_t, char *, size_t) =
        kr ? ndr_kr_decode_line : ndr_jis_decode_line;
    FUZZ_CHECK(f != NULL && r != NULL);
    nf = dec((const char *)data, size, f, full);
    FUZZ_CHECK(nf <= full);
    for (size_t i = 0; i < size; i++)
        if (data[i] >= 0x80)
            ascii = 0;
    if (ascii)
        FUZZ_CHECK(chk_utf8_valid(f, nf));
    nr = dec((const char *)data, size, r, room);
    FUZZ_CHECK(nr <= room && nr <= nf && memcmp(r, f, nr) == 0);
    free(f);
    free(r);
}

static void check_cjk(const uint8_t *data, size_t size, size_t cut)
{
    static const char *const names[] = {"gb18030", "big5", "euc-kr"};
    size_t full = size * 3 + 3, room = cut * 3 % (full + 1), nf, nr;
    char *f = malloc(full), *r = malloc(room + 1);
    FUZZ_CHECK(f != NULL && r != NULL);
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
        int cs = ndr_charset_id(names[k], strlen(names[k]));
        FUZZ_CHECK(cs != 0);
        nf = ndr_recode(cs, (const char *)data, size, f, full);
        FUZZ_CHECK(nf <= full && chk_utf8_valid(f, nf));
        nr = ndr_recode(cs, (const char *)data, size, r, room);
        FUZZ_CHECK(nr <= room && nr <= nf && memcmp(r, f, nr) == 0);
    }
    free(f);
    free(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t cut;
    if (size < 1)
        return 0;
    cut = data[0];
    data++;
    size--;
    if (size > 0)
        cut = cut % (size + 1);
    check_b64(data, size, cut);
    check_qp(data, size);
    check_jis(data, size, cut, 0);
    check_jis(data, size, cut, 1);
    check_cjk(data, size, cut);
    return 0;
}
