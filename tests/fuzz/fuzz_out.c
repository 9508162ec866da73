/*
 * fuzz_out.c - the output escaping of the command line (src/cli/out.c).
 *
 * Bytes from a bounce reach the screen through out_safe, out_wrapped and
 * out_tsv_field, and scripts through out_json_str.  For any input:
 *  - text output is well-formed UTF-8 with no control character, escape
 *    sequence, C1 control or bidirectional/invisible format character
 *    (only the record's own '\n' in wrapped text), and text that was safe
 *    already passes unchanged;
 *  - a JSON string is one valid RFC 8259 string literal that decodes to
 *    the input, each byte of an ill-formed sequence replaced by U+FFFD,
 *    with DEL, C1 and U+2028/U+2029 escaped too;
 *  - a TSV field holds no tab, newline or carriage return.
 * The first input byte chooses the wrap width and indent.
 */
#include "check.h"
#include "fuzz.h"
#include "out.h"

#include <string.h>

/* Open a stream into memory: after fclose, *BUF (malloc'd) holds *LEN
 * bytes. */
static void capture(FILE **f, size_t *len, char **buf)
{
    *buf = NULL;
    *len = 0;
    *f = open_memstream(buf, len);
    FUZZ_CHECK(*f != NULL);
}

static void finish(FILE *f)
{
    FUZZ_CHECK(fclose(f) == 0);
}

/* The JSON string expected for S[0..N): ill-formed bytes become U+FFFD. */
static size_t expected_json_value(const unsigned char *s, size_t n, char *out)
{
    size_t i = 0, o = 0;
    while (i < n) {
        unsigned long cp;
        size_t k = chk_utf8_seq(s + i, n - i, &cp);
        if (k == 0) {
            memcpy(out + o, "\xef\xbf\xbd", 3);
            o += 3;
            i++;
        } else {
            memcpy(out + o, s + i, k);
            o += k;
            i += k;
        }
    }
    return o;
}

static void check_json(const unsigned char *data, size_t size)
{
    FILE *f;
    char *buf, *want, *got;
    size_t len, wlen, glen;

    capture(&f, &len, &buf);
    out_json_str(f, (const char *)data, size);
    finish(f);
    FUZZ_CHECK(chk_utf8_valid(buf, len));
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)buf[i];
        FUZZ_CHECK(c >= 0x20 && c != 0x7f);
        /* no raw C1 (c2 80..c2 9f) and no raw U+2028/U+2029 */
        FUZZ_CHECK(!(c == 0xc2 && i + 1 < len &&
                     (unsigned char)buf[i + 1] <= 0x9f));
        FUZZ_CHECK(!(c == 0xe2 && i + 2 < len &&
                     (unsigned char)buf[i + 1] == 0x80 &&
                     ((unsigned char)buf[i + 2] == 0xa8 ||
                      (unsigned char)buf[i + 2] == 0xa9)));
    }
    want = malloc(size * 3 + 1);
    got = malloc(len + 1);
    FUZZ_CHECK(want != NULL && got != NULL);
    wlen = expected_json_value(data, size, want);
    FUZZ_CHECK(chk_json_string(buf, len, got, &glen));
    FUZZ_CHECK(glen == wlen && memcmp(got, want, wlen) == 0);
    free(want);
    free(got);
    free(buf);
}

static void check_json_object(const char *cstr)
{
    FILE *f;
    char *buf;
    size_t len;
    capture(&f, &len, &buf);
    fputs("{\"a\":", f);
    out_json_cstr(f, cstr);
    fputs(",\"b\":", f);
    out_json_cstr(f, NULL);
    fputs(",\"c\":[", f);
    out_json_cstr(f, cstr);
    fputs("]}", f);
    finish(f);
    FUZZ_CHECK(chk_json_text(buf, len));
    free(buf);
}

static void check_safe(const unsigned char *data, size_t size)
{
    FILE *f;
    char *buf;
    size_t len, at;
    int clean = chk_terminal_safe((const char *)data, size, 0, NULL);

    capture(&f, &len, &buf);
    out_safe(f, (const char *)data, size);
    finish(f);
    if (!chk_terminal_safe(buf, len, 0, &at)) {
        fprintf(stderr, "unsafe output byte at %zu\n", at);
        FUZZ_FAIL("out_safe let an unsafe character through");
    }
    if (clean)
        FUZZ_CHECK(len == size && memcmp(buf, data, size) == 0);
    free(buf);
}

static void check_tsv(const char *cstr)
{
    FILE *f;
    char *buf;
    size_t len;
    capture(&f, &len, &buf);
    out_tsv_field(f, cstr);
    finish(f);
    FUZZ_CHECK(chk_terminal_safe(buf, len, 0, NULL));
    FUZZ_CHECK(memchr(buf, '\t', len) == NULL);
    free(buf);
}

static void check_wrapped(const char *cstr, unsigned char knob)
{
    FILE *f;
    char *buf;
    size_t len;
    out_ctx o;
    capture(&f, &len, &buf);
    o.f = f;
    o.color = 0;
    o.width = 10 + (knob & 0x7f);
    out_wrapped(&o, (knob & 0x80) ? "  Label:  " : NULL, knob & 0x1f, cstr);
    finish(f);
    FUZZ_CHECK(len > 0 && buf[len - 1] == '\n');
    FUZZ_CHECK(chk_terminal_safe(buf, len, 1, NULL));
    free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *cstr;
    unsigned char knob = size > 0 ? data[0] : 0;

    check_safe(data, size);
    check_json(data, size);

    /* The C-string paths see the input up to its first NUL. */
    cstr = malloc(size + 1);
    FUZZ_CHECK(cstr != NULL);
    memcpy(cstr, data, size);
    cstr[size] = '\0';
    check_json_object(cstr);
    check_tsv(cstr);
    check_wrapped(size > 0 ? cstr + 1 : cstr, knob);
    free(cstr);
    return 0;
}
