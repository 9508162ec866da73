/*
 * test_limits.c - every documented limit of the bounce parser, just under,
 * at and just over it, with small limits set through ndr_options; each
 * input fed whole and byte by byte.  Also: the defaults of
 * ndr_options_init are the numbers the manual page gives.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ndrcode.h"

/* A growing text buffer for building inputs. */
typedef struct buf {
    char *s;
    size_t n, cap;
} buf;

static void add(buf *b, const char *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        char *ns;
        b->cap = (b->n + n + 1) * 2;
        ns = realloc(b->s, b->cap);
        if (ns == NULL)
            abort();
        b->s = ns;
    }
    if (b->s == NULL) /* not reached: cap 0 always grows above */
        abort();
    memcpy(b->s + b->n, s, n);
    b->n += n;
    b->s[b->n] = '\0';
}

static void adds(buf *b, const char *s) { add(b, s, strlen(s)); }

#if defined(__GNUC__)
static void addf(buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
#endif
static void addf(buf *b, const char *fmt, ...)
{
    char tmp[512];
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    assert_true(n >= 0 && (size_t)n < sizeof tmp);
    add(b, tmp, (size_t)n);
}

static void fill(buf *b, char c, size_t n)
{
    for (size_t i = 0; i < n; i++)
        add(b, &c, 1);
}

/* What a parse gave: the records as "recipient status" lines. */
typedef struct result {
    ndr_status st;
    size_t n;
    char log[8192];
    size_t len;
} result;

static int on_rec(void *ctx, const ndr_record *r)
{
    result *res = ctx;
    int w = snprintf(res->log + res->len, sizeof res->log - res->len,
                     "%s %s\n", r->recipient ? r->recipient : "-",
                     r->status ? r->status : "-");
    if (w > 0 && (size_t)w < sizeof res->log - res->len)
        res->len += (size_t)w;
    res->n++;
    return 0;
}

/* Parse B with options O (on_record and ctx are set here), whole and
 * byte by byte; both ways must agree.  Returns the result of the whole
 * feed in *RES. */
static void parse(const ndr_options *o, const buf *b, result *res)
{
    result *bytes = calloc(1, sizeof *bytes);
    ndr_options opt = *o;
    assert_non_null(bytes);
    memset(res, 0, sizeof *res);
    for (int pass = 0; pass < 2; pass++) {
        result *r = pass == 0 ? res : bytes;
        ndr_status st = NDR_OK;
        ndr_parser *p;
        opt.on_record = on_rec;
        opt.ctx = r;
        p = ndr_parser_new(&opt);
        assert_non_null(p);
        if (pass == 0)
            st = ndr_parser_feed(p, b->s, b->n);
        else
            for (size_t i = 0; i < b->n && st == NDR_OK; i++)
                st = ndr_parser_feed(p, b->s + i, 1);
        r->st = st == NDR_OK ? ndr_parser_finish(p) : st;
        ndr_parser_free(p);
    }
    assert_int_equal(res->st, bytes->st);
    assert_string_equal(res->log, bytes->log);
    free(bytes);
}

static const char head[] =
    "From: Mail Delivery System <MAILER-DAEMON@mx.example.org>\n"
    "Subject: Undelivered Mail Returned to Sender\n";

/* ---- max_line ----------------------------------------------------------- */

/* A failure line of exactly LEN bytes whose code ends it. */
static void line_case(size_t len, result *res)
{
    buf b = {0};
    ndr_options o;
    ndr_options_init(&o);
    o.max_line = 300;
    adds(&b, head);
    adds(&b, "\n<u@example.org>:\n");
    fill(&b, 'x', len - 10);
    adds(&b, " 552 5.2.2\n");
    parse(&o, &b, res);
    free(b.s);
}

static void test_max_line(void **state)
{
    result r;
    (void)state;
    line_case(299, &r);
    assert_string_equal(r.log, "u@example.org 5.2.2\n");
    line_case(300, &r);
    assert_string_equal(r.log, "u@example.org 5.2.2\n");
    line_case(301, &r); /* the cut takes the code's last digit */
    assert_string_equal(r.log, "u@example.org -\n");
    assert_int_equal(r.st, NDR_OK); /* a cut line is not an error */
}

/* ---- max_header --------------------------------------------------------- */

/* A Subject field of LEN bytes, folded, that only its last word makes a
 * bounce subject; the body alone does not read as a bounce. */
static void header_case(size_t len, result *res)
{
    static const char word[] = " undeliver";
    buf b = {0};
    ndr_options o;
    size_t used;
    ndr_options_init(&o);
    o.max_header = 300;
    adds(&b, "From: someone@example.net\nSubject: ");
    used = strlen("Subject: ");
    while (used + 99 < len - (sizeof word - 1)) {
        adds(&b, "\n ");
        fill(&b, 'y', 98);
        used += 99; /* the fold's blank is kept, the line end is not */
    }
    fill(&b, 'z', len - (sizeof word - 1) - used);
    adds(&b, word);
    adds(&b, "\n\n<u@example.org>: 550 5.1.1\n");
    parse(&o, &b, res);
    free(b.s);
}

static void test_max_header(void **state)
{
    result r;
    (void)state;
    header_case(299, &r);
    assert_string_equal(r.log, "u@example.org 5.1.1\n");
    header_case(300, &r);
    assert_string_equal(r.log, "u@example.org 5.1.1\n");
    header_case(301, &r);
    assert_int_equal(r.n, 0);
    assert_int_equal(r.st, NDR_OK);
}

/* ---- max_headers -------------------------------------------------------- */

static void headers_case(size_t n, result *res)
{
    buf b = {0};
    ndr_options o;
    ndr_options_init(&o);
    o.max_headers = 20;
    adds(&b, head); /* two fields */
    for (size_t i = 2; i < n; i++)
        addf(&b, "X-Filler-%zu: x\n", i);
    adds(&b, "\n<u@example.org>: 550 5.1.1\n");
    parse(&o, &b, res);
    free(b.s);
}

static void test_max_headers(void **state)
{
    result r;
    (void)state;
    headers_case(19, &r);
    assert_int_equal(r.st, NDR_OK);
    assert_string_equal(r.log, "u@example.org 5.1.1\n");
    headers_case(20, &r);
    assert_int_equal(r.st, NDR_OK);
    assert_string_equal(r.log, "u@example.org 5.1.1\n");
    headers_case(21, &r);
    assert_int_equal(r.st, NDR_LIMIT_HEADERS);
    assert_int_equal(r.n, 0);
}

/* ---- max_depth ---------------------------------------------------------- */

static void depth_case(size_t levels, result *res)
{
    buf b = {0};
    ndr_options o;
    ndr_options_init(&o);
    o.max_depth = 4;
    adds(&b, head);
    for (size_t i = 0; i < levels; i++)
        addf(&b, "Content-Type: multipart/mixed; boundary=\"b%zu\"\n\n--b%zu\n",
             i, i);
    adds(&b, "Content-Type: text/plain\n\n<u@example.org>: 550 5.1.1\n");
    for (size_t i = levels; i > 0; i--)
        addf(&b, "--b%zu--\n", i - 1);
    parse(&o, &b, res);
    free(b.s);
}

static void test_max_depth(void **state)
{
    result r;
    (void)state;
    depth_case(3, &r);
    assert_string_equal(r.log, "u@example.org 5.1.1\n");
    depth_case(4, &r);
    assert_string_equal(r.log, "u@example.org 5.1.1\n");
    depth_case(5, &r); /* the fifth level is skipped, not an error */
    assert_int_equal(r.n, 0);
    assert_int_equal(r.st, NDR_OK);
}

/* ---- max_parts ---------------------------------------------------------- */

static void parts_case(size_t parts, result *res)
{
    buf b = {0};
    ndr_options o;
    ndr_options_init(&o);
    o.max_parts = 10;
    adds(&b, head);
    adds(&b, "Content-Type: multipart/mixed; boundary=p\n\n"
             "--p\n\n<u@example.org>: 550 5.1.1\n");
    for (size_t i = 1; i < parts; i++)
        adds(&b, "--p\n\nx\n");
    adds(&b, "--p--\n");
    parse(&o, &b, res);
    free(b.s);
}

static void test_max_parts(void **state)
{
    result r;
    (void)state;
    parts_case(9, &r);
    assert_int_equal(r.st, NDR_OK);
    parts_case(10, &r);
    assert_int_equal(r.st, NDR_OK);
    assert_string_equal(r.log, "u@example.org 5.1.1\n");
    parts_case(11, &r); /* the records so far are still given */
    assert_int_equal(r.st, NDR_LIMIT_PARTS);
    assert_string_equal(r.log, "u@example.org 5.1.1\n");
}

/* ---- boundary length (fixed: 200) --------------------------------------- */

/* A multipart with a boundary of LEN characters whose first part is an
 * attachment holding a code: a boundary that is taken keeps it out. */
static void boundary_case(size_t len, result *res)
{
    buf b = {0};
    ndr_options o;
    ndr_options_init(&o);
    adds(&b, head);
    adds(&b, "Content-Type: multipart/mixed; boundary=\"");
    fill(&b, 'b', len);
    adds(&b, "\"\n\n--");
    fill(&b, 'b', len);
    adds(&b, "\nContent-Type: application/octet-stream\n\n"
             "<v@example.org>: 552 5.2.2\n--");
    fill(&b, 'b', len);
    adds(&b, "\nContent-Type: text/plain\n\n<u@example.org>: 550 5.1.1\n--");
    fill(&b, 'b', len);
    adds(&b, "--\n");
    parse(&o, &b, res);
    free(b.s);
}

static void test_boundary_length(void **state)
{
    result r;
    (void)state;
    boundary_case(199, &r);
    assert_string_equal(r.log, "u@example.org 5.1.1\n");
    boundary_case(200, &r);
    assert_string_equal(r.log, "u@example.org 5.1.1\n");
    boundary_case(201, &r); /* refused: the body is read as one text */
    assert_non_null(strstr(r.log, "v@example.org 5.2.2\n"));
    assert_int_equal(r.st, NDR_OK);
}

/* ---- max_recipients ----------------------------------------------------- */

static void rcpt_case(size_t n, int dsn, result *res)
{
    buf b = {0};
    ndr_options o;
    ndr_options_init(&o);
    o.max_recipients = 5;
    adds(&b, head);
    if (dsn) {
        adds(&b, "Content-Type: multipart/report; boundary=r\n\n--r\n"
                 "Content-Type: message/delivery-status\n\n"
                 "Reporting-MTA: dns; mx.example.org\n");
        for (size_t i = 0; i < n; i++)
            addf(&b, "\nFinal-Recipient: rfc822; u%zu@example.org\n"
                     "Action: failed\nStatus: 5.1.1\n", i);
        adds(&b, "--r--\n");
    } else {
        adds(&b, "\n");
        for (size_t i = 0; i < n; i++)
            addf(&b, "<u%zu@example.org>: 550 5.1.1\n", i);
    }
    parse(&o, &b, res);
    free(b.s);
}

static void test_max_recipients(void **state)
{
    result r;
    (void)state;
    for (int dsn = 0; dsn < 2; dsn++) {
        rcpt_case(4, dsn, &r);
        assert_int_equal(r.st, NDR_OK);
        assert_int_equal(r.n, 4);
        rcpt_case(5, dsn, &r);
        assert_int_equal(r.st, NDR_OK);
        assert_int_equal(r.n, 5);
        rcpt_case(6, dsn, &r);
        assert_int_equal(r.st, NDR_LIMIT_RECIPIENTS);
        assert_int_equal(r.n, 5);
        assert_non_null(strstr(r.log, "u4@example.org 5.1.1\n"));
        assert_null(strstr(r.log, "u5@example.org"));
    }
}

/* ---- max_decoded -------------------------------------------------------- */

/* A base64 part: the first recipient, then 57-byte filler lines, then a
 * second recipient on the last line.  Each raw line decodes to 57 bytes,
 * so the bytes before the last line are 57 * (lines - 1). */
static void decoded_case(size_t max, size_t *before, result *res)
{
    static const char b64[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    char line[57], out[77];
    buf b = {0};
    ndr_options o;
    size_t nlines = 0;
    ndr_options_init(&o);
    o.max_decoded = max;
    adds(&b, head);
    adds(&b, "Content-Type: text/plain\nContent-Transfer-Encoding: base64\n\n");
    for (int k = 0; k < 6; k++) {
        const char *text = k == 0   ? "<u@example.org>: 550 5.1.1"
                           : k == 5 ? "<v@example.org>: 552 5.2.2"
                                    : "the server said more about this";
        size_t tl = strlen(text);
        memset(line, ' ', sizeof line);
        memcpy(line, text, tl);
        line[56] = '\n';
        for (size_t i = 0, o2 = 0; i < 57; i += 3) {
            unsigned long v = ((unsigned long)(unsigned char)line[i] << 16) |
                              ((unsigned long)(unsigned char)line[i + 1] << 8) |
                              (unsigned char)line[i + 2];
            out[o2++] = b64[(v >> 18) & 63];
            out[o2++] = b64[(v >> 12) & 63];
            out[o2++] = b64[(v >> 6) & 63];
            out[o2++] = b64[v & 63];
        }
        out[76] = '\n';
        add(&b, out, 77);
        nlines++;
    }
    *before = 57 * (nlines - 1);
    parse(&o, &b, res);
    free(b.s);
}

static void test_max_decoded(void **state)
{
    result r;
    size_t before;
    (void)state;
    decoded_case(1 << 20, &before, &r);
    assert_string_equal(r.log, "u@example.org 5.1.1\nv@example.org 5.2.2\n");
    decoded_case(before + 1, &before, &r);
    assert_string_equal(r.log, "u@example.org 5.1.1\nv@example.org 5.2.2\n");
    decoded_case(before, &before, &r); /* the last line is not decoded */
    assert_string_equal(r.log, "u@example.org 5.1.1\n");
    assert_int_equal(r.st, NDR_OK);
}

/* ---- max_message -------------------------------------------------------- */

static void message_case(long delta, result *res, size_t *size)
{
    buf b = {0};
    ndr_options o;
    ndr_options_init(&o);
    adds(&b, head);
    adds(&b, "\n<u@example.org>: 550 5.1.1\n");
    o.max_message = (size_t)((long)b.n + delta);
    *size = b.n;
    parse(&o, &b, res);
    free(b.s);
}

static void test_max_message(void **state)
{
    result r;
    size_t size;
    (void)state;
    message_case(1, &r, &size);
    assert_int_equal(r.st, NDR_OK);
    message_case(0, &r, &size);
    assert_int_equal(r.st, NDR_OK);
    assert_string_equal(r.log, "u@example.org 5.1.1\n");
    message_case(-1, &r, &size);
    assert_int_equal(r.st, NDR_LIMIT_MESSAGE);
}

/* ---- the defaults are the documented ones ------------------------------- */

static void test_defaults_documented(void **state)
{
    ndr_options o;
    FILE *f;
    char *page;
    long n;
    (void)state;
    ndr_options_init(&o);
    assert_int_equal(o.mbox, -1);
    assert_int_equal(o.max_line, 8192);
    assert_int_equal(o.max_header, 16384);
    assert_int_equal(o.max_headers, 10000);
    assert_int_equal(o.max_depth, 32);
    assert_int_equal(o.max_parts, 10000);
    assert_int_equal(o.max_recipients, 1000);
    assert_int_equal(o.max_message, (size_t)512 << 20);
    assert_int_equal(o.max_decoded, (size_t)16 << 20);

    /* The manual page's LIMITS section gives the same numbers. */
    f = fopen(NDR_MANPAGE, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    page = calloc(1, (size_t)n + 1);
    assert_non_null(page);
    assert_int_equal(fread(page, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    {
        const char *lim = strstr(page, "\n.Sh LIMITS\n");
        static const char *const want[] = {
            "8192 bytes", "16384 bytes", "10000 header fields",
            "32 levels", "10000 parts", "1000 recipients", "512 MiB",
            "16 MiB", "200 characters"};
        assert_non_null(lim);
        for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
            if (strstr(lim, want[i]) == NULL)
                fail_msg("ndrcode(1) LIMITS lacks \"%s\"", want[i]);
    }
    free(page);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_max_line),
        cmocka_unit_test(test_max_header),
        cmocka_unit_test(test_max_headers),
        cmocka_unit_test(test_max_depth),
        cmocka_unit_test(test_max_parts),
        cmocka_unit_test(test_boundary_length),
        cmocka_unit_test(test_max_recipients),
        cmocka_unit_test(test_max_decoded),
        cmocka_unit_test(test_max_message),
        cmocka_unit_test(test_defaults_documented),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
