/* test_code.c - status code syntax: parse, format, scan. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "ndrcode.h"

static int parses(const char *s)
{
    ndr_code c;
    return ndr_code_parse(s, strlen(s), &c);
}

static void test_parse_valid(void **state)
{
    ndr_code c;
    char buf[NDR_CODE_BUFSZ];
    (void)state;
    assert_true(ndr_code_parse("5.1.1", 5, &c));
    assert_int_equal(c.cls, 5);
    assert_int_equal(c.subject, 1);
    assert_int_equal(c.detail, 1);
    assert_true(parses("4.7.500"));
    assert_true(parses("2.0.0"));
    assert_true(parses("5.999.999"));
    assert_true(ndr_code_parse("5.7.708", 7, &c));
    assert_string_equal(ndr_code_format(c, buf), "5.7.708");
    c.cls = 0;
    assert_string_equal(ndr_code_format(c, buf), "X.7.708");
}

static void test_parse_invalid(void **state)
{
    (void)state;
    assert_false(parses("9.9.9"));
    assert_false(parses("3.1.1"));
    assert_false(parses("5.1"));
    assert_false(parses("5.1234.1"));
    assert_false(parses("5.1.1000"));
    assert_false(parses("5.01.1"));
    assert_false(parses("5.1.01"));
    assert_false(parses("5..1"));
    assert_false(parses(" 5.1.1"));
    assert_false(parses("5.1.1 "));
    assert_false(parses("5.1.a"));
    assert_false(parses(""));
    assert_false(ndr_code_parse(NULL, 0, NULL));
}

/* The code that TEXT holds first, formatted, or "" when none. */
static const char *first(const char *text)
{
    static char buf[NDR_CODE_BUFSZ];
    ndr_code c;
    size_t len;
    if (ndr_code_scan(text, strlen(text), &c, &len) == (size_t)-1)
        return "";
    return ndr_code_format(c, buf);
}

static void test_scan(void **state)
{
    (void)state;
    assert_string_equal(first("550 5.1.1 user unknown"), "5.1.1");
    assert_string_equal(first("550-5.1.1"), "5.1.1");
    assert_string_equal(first("#550 5.1.1 RESOLVER"), "5.1.1");
    assert_string_equal(first("(5.7.1)"), "5.7.1");
    assert_string_equal(first("Status: 5.2.2."), "5.2.2");
    assert_string_equal(first("code 4.4.7;"), "4.4.7");
    assert_string_equal(first("5.1.1"), "5.1.1");
    assert_string_equal(first("smtp;550 5.1.10 RESOLVER"), "5.1.10");
    /* look-alikes */
    assert_string_equal(first("10.5.1.1"), "");
    assert_string_equal(first("host 192.168.5.1.1"), "");
    assert_string_equal(first("v2.4.1"), "");
    assert_string_equal(first("version 2.4.1a"), "");
    assert_string_equal(first("5.1.1000"), "");
    assert_string_equal(first("5.1.1.2"), "");
    assert_string_equal(first("15.1.1"), "");
    assert_string_equal(first("x5.1.1"), "");
    assert_string_equal(first("5.01.1"), "");
    assert_string_equal(first("_5.1.1"), "");
    /* the first real code after look-alikes */
    assert_string_equal(first("10.5.1.1 then 4.2.2 over quota"), "4.2.2");
    assert_string_equal(first("v2.4.1 5.7.1"), "5.7.1");
    assert_string_equal(first(""), "");
    assert_string_equal(first("..."), "");
    assert_string_equal(first("5."), "");
}

static void test_scan_offsets(void **state)
{
    ndr_code c;
    size_t len, at;
    const char *t = "Remote Server returned '550 5.1.1 RESOLVER'";
    (void)state;
    at = ndr_code_scan(t, strlen(t), &c, &len);
    assert_int_equal(at, 28);
    assert_int_equal(len, 5);
    /* a code cut off by the buffer end still stands alone */
    at = ndr_code_scan("x 5.1.1", 7, &c, &len);
    assert_int_equal(at, 2);
    /* but not when the buffer ends inside it */
    assert_int_equal(ndr_code_scan("x 5.1.", 6, &c, &len), (size_t)-1);
}

static void test_reply_scan(void **state)
{
    int r = 0;
    (void)state;
    assert_int_equal(ndr_reply_scan("550 5.1.1", 9, &r), 0);
    assert_int_equal(r, 550);
    assert_int_equal(ndr_reply_scan("#550-5.1.1", 10, &r), 1);
    assert_int_equal(r, 550);
    assert_int_equal(ndr_reply_scan("5500", 4, &r), (size_t)-1);
    assert_int_equal(ndr_reply_scan("1.550", 5, &r), (size_t)-1);
    assert_int_equal(ndr_reply_scan("x550", 4, &r), (size_t)-1);
    assert_int_equal(ndr_reply_scan("599", 3, &r), (size_t)-1);
    assert_int_equal(ndr_reply_scan("said: 421 try later", 19, &r), 6);
    assert_int_equal(r, 421);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_valid),
        cmocka_unit_test(test_parse_invalid),
        cmocka_unit_test(test_scan),
        cmocka_unit_test(test_scan_offsets),
        cmocka_unit_test(test_reply_scan),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
