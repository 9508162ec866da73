/* test_decode.c - streaming base64 and quoted-printable decoding, at every
 * way of cutting the input into lines. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "decode.h"

/* Decode S in pieces of CHUNK bytes; returns the decoded length. */
static size_t b64_chunks(const char *s, size_t chunk, char *out)
{
    ndr_b64 st;
    size_t n = strlen(s), o = 0;
    memset(&st, 0, sizeof st);
    for (size_t i = 0; i < n; i += chunk)
        o += ndr_b64_decode(&st, s + i, n - i < chunk ? n - i : chunk, out + o);
    out[o] = '\0';
    return o;
}

static void test_b64(void **state)
{
    char out[256];
    (void)state;
    for (size_t c = 1; c <= 9; c++) {
        assert_int_equal(b64_chunks("NTUwIDUuMS4xIHVzZXIgdW5rbm93bg==", c, out),
                         22);
        assert_string_equal(out, "550 5.1.1 user unknown");
        b64_chunks("YQ==", c, out);
        assert_string_equal(out, "a");
        b64_chunks("YWI=", c, out);
        assert_string_equal(out, "ab");
        b64_chunks("YWJj", c, out);
        assert_string_equal(out, "abc");
        /* line breaks, blanks and junk are skipped */
        b64_chunks("YW\r\nJj\nZG Vm*", c, out);
        assert_string_equal(out, "abcdef");
        /* nothing after the padding counts */
        b64_chunks("YQ==YWJj", c, out);
        assert_string_equal(out, "a");
    }
    assert_int_equal(b64_chunks("", 1, out), 0);
    assert_int_equal(b64_chunks("====", 1, out), 0);
}

static void test_b64_binary(void **state)
{
    /* all 256 byte values survive */
    static const char enc[] =
        "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4v"
        "MDEyMzQ1Njc4OTo7PD0+P0BBQkNERUZHSElKS0xNTk9QUVJTVFVWV1hZWltcXV5f"
        "YGFiY2RlZmdoaWprbG1ub3BxcnN0dXZ3eHl6e3x9fn+AgYKDhIWGh4iJiouMjY6P"
        "kJGSk5SVlpeYmZqbnJ2en6ChoqOkpaanqKmqq6ytrq+wsbKztLW2t7i5uru8vb6/"
        "wMHCw8TFxsfIycrLzM3Oz9DR0tPU1dbX2Nna29zd3t/g4eLj5OXm5+jp6uvs7e7v"
        "8PHy8/T19vf4+fr7/P3+/w==";
    char out[300];
    (void)state;
    assert_int_equal(b64_chunks(enc, 7, out), 256);
    for (int i = 0; i < 256; i++)
        assert_int_equal((unsigned char)out[i], i);
}

static const char *qp(const char *line)
{
    static char out[256];
    size_t n = ndr_qp_decode_line(line, strlen(line), out);
    out[n] = '\0';
    return out;
}

static void test_qp(void **state)
{
    (void)state;
    assert_string_equal(qp("plain text"), "plain text\n");
    assert_string_equal(qp("caf=C3=A9"), "caf\xc3\xa9\n");
    assert_string_equal(qp("soft break="), "soft break");
    assert_string_equal(qp("trailing blanks   "), "trailing blanks\n");
    assert_string_equal(qp("a=3Db"), "a=b\n");
    assert_string_equal(qp("lower =3d hex"), "lower = hex\n");
    /* not escapes: kept as they are */
    assert_string_equal(qp("50% =ZZ off"), "50% =ZZ off\n");
    assert_string_equal(qp("end =4"), "end =4\n");
    assert_string_equal(qp(""), "\n");
    assert_string_equal(qp("="), "");
}

static const char *jis_cap(const char *line, size_t cap)
{
    static char out[256];
    size_t n = ndr_jis_decode_line(line, strlen(line), out, cap);
    assert_true(n <= cap);
    out[n] = '\0';
    return out;
}

static const char *jis(const char *line)
{
    return jis_cap(line, 255);
}

static void test_jis(void **state)
{
    (void)state;
    /* ESC $ B ... ESC ( B: JIS X 0208 between ASCII */
    assert_string_equal(jis("550 \x1b$B%f!<%6$,8+$D$+$j$^$;$s\x1b(B (x)"),
                        "550 \xe3\x83\xa6\xe3\x83\xbc\xe3\x82\xb6"
                        "\xe3\x81\x8c\xe8\xa6\x8b\xe3\x81\xa4"
                        "\xe3\x81\x8b\xe3\x82\x8a\xe3\x81\xbe"
                        "\xe3\x81\x9b\xe3\x82\x93 (x)"); /* ユーザが見つかりません */
    /* the older ESC $ @, and JIS-Roman ESC ( J read as ASCII */
    assert_string_equal(jis("\x1b$@08@h\x1b(J!"),
                        "\xe5\xae\x9b\xe5\x85\x88!"); /* 宛先 */
    /* NEC row 13 (code page 932 in ISO-2022-JP): circled one */
    assert_string_equal(jis("\x1b$B-!\x1b(B"), "\xe2\x91\xa0");
    /* half-width katakana: ESC ( I, 0x31 is U+FF71 */
    assert_string_equal(jis("\x1b(I1\x1b(B"), "\xef\xbd\xb1");
    /* JIS X 0212 is not decoded: one U+FFFD a pair */
    assert_string_equal(jis("\x1b$(D0!\x1b(B."), "\xef\xbf\xbd.");
    /* an empty cell, and a byte without its partner */
    assert_string_equal(jis("\x1b$B\x22\x2f\x1b(B"), "\xef\xbf\xbd");
    assert_string_equal(jis("\x1b$B%"), "\xef\xbf\xbd");
    /* blanks pass in a two-byte set; 8-bit bytes anywhere */
    assert_string_equal(jis("\x1b$B%f %f\x1b(B"),
                        "\xe3\x83\xa6 \xe3\x83\xa6");
    assert_string_equal(jis("\x1b$B\xc3\xa9"), "\xc3\xa9");
    /* an escape that is not ISO-2022-JP's stays as it is */
    assert_string_equal(jis("\x1b[31mred"), "\x1b[31mred");
    assert_string_equal(jis("\x1b$"), "\x1b$");
    /* the output stops at a character boundary within the room */
    assert_string_equal(jis_cap("ab\x1b$B%f%f", 4), "ab");
    assert_string_equal(jis_cap("ab\x1b$B%f%f", 5), "ab\xe3\x83\xa6");
    assert_string_equal(jis_cap("abc", 2), "ab");
    assert_string_equal(jis_cap("\x1b$B%f", 0), "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_b64),
        cmocka_unit_test(test_b64_binary),
        cmocka_unit_test(test_qp),
        cmocka_unit_test(test_jis),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
