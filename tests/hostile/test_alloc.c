/*
 * test_alloc.c - allocation failure through ndr_options.alloc.
 *
 * For each input, a clean run counts the allocations it makes (N).  Then,
 * for every n in 0..N-1, the n-th allocation fails (and, in a second
 * round, every allocation from the n-th on): the parser must give
 * NDR_NOMEM (or NULL from ndr_parser_new), keep giving it, deliver only
 * sane records before it, and hold no memory after ndr_parser_free.
 * The inputs reach every allocation site: the parser's buffers, the MIME
 * stack, report blocks and text recipients growing past their first
 * capacity, and the JSON notification buffer.
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

/* ---- a counting allocator that fails on request ------------------------- */

typedef struct arena {
    size_t calls;      /* allocations (malloc and realloc) so far */
    size_t fail_at;    /* the first call that fails; (size_t)-1: none */
    int fail_rest;     /* 1: every call from fail_at on fails */
    size_t live;       /* blocks held */
    size_t failed;     /* calls that failed */
} arena;

/* Each block carries its size in front, so that frees can be counted. */
/* C99 has no max_align_t: the members that are never used are there to
 * align the block as malloc would. */
typedef union hdr {
    size_t size;
    long double ld; /* cppcheck-suppress unusedStructMember */
    long long ll;   /* cppcheck-suppress unusedStructMember */
    void *ptr;      /* cppcheck-suppress unusedStructMember */
} hdr;

static int should_fail(arena *a)
{
    size_t k = a->calls++;
    if (k == a->fail_at || (a->fail_rest && k > a->fail_at)) {
        a->failed++;
        return 1;
    }
    return 0;
}

static void *t_malloc(void *ud, size_t size)
{
    arena *a = ud;
    hdr *h;
    if (should_fail(a))
        return NULL;
    h = malloc(sizeof *h + size);
    assert_non_null(h);
    h->size = size;
    a->live++;
    return h + 1;
}

static void *t_realloc(void *ud, void *ptr, size_t size)
{
    arena *a = ud;
    hdr *h;
    if (should_fail(a))
        return NULL; /* the old block stays valid, as realloc promises */
    if (ptr == NULL)
        a->live++;
    h = realloc(ptr ? (hdr *)ptr - 1 : NULL, sizeof *h + size);
    assert_non_null(h);
    h->size = size;
    return h + 1;
}

static void t_free(void *ud, void *ptr)
{
    arena *a = ud;
    if (ptr == NULL)
        return;
    assert_true(a->live > 0);
    a->live--;
    free((hdr *)ptr - 1);
}

/* ---- running an input ---------------------------------------------------- */

static int on_rec(void *ctx, const ndr_record *r)
{
    size_t *n = ctx;
    ndr_code c;
    /* records before a failure must be whole */
    assert_true(r->message >= 1);
    if (r->status != NULL)
        assert_true(ndr_code_parse(r->status, strlen(r->status), &c));
    if (r->recipient != NULL)
        assert_true(strlen(r->recipient) < 1024);
    if (r->diagnostic != NULL)
        assert_true(strlen(r->diagnostic) < 1 << 20);
    (*n)++;
    return 0;
}

/* Parse DATA in 512-byte chunks with arena A; returns the final status,
 * or NDR_NOMEM when ndr_parser_new gave NULL. */
static ndr_status run(arena *a, const char *data, size_t len, size_t *records)
{
    ndr_allocator al = {t_malloc, t_realloc, t_free, a};
    ndr_options o;
    ndr_parser *p;
    ndr_status st = NDR_OK;
    ndr_options_init(&o);
    o.on_record = on_rec;
    o.ctx = records;
    o.alloc = &al;
    *records = 0;
    p = ndr_parser_new(&o);
    if (p == NULL)
        return NDR_NOMEM;
    for (size_t i = 0; i < len && st == NDR_OK; i += 512)
        st = ndr_parser_feed(p, data + i, len - i < 512 ? len - i : 512);
    if (st == NDR_OK)
        st = ndr_parser_finish(p);
    if (st == NDR_NOMEM) {
        /* sticky: the parser refuses more work with the same status */
        assert_int_equal(ndr_parser_feed(p, "x\n", 2), NDR_NOMEM);
        assert_int_equal(ndr_parser_finish(p), NDR_NOMEM);
    }
    ndr_parser_free(p);
    return st;
}

static void check_input(const char *name, const char *data, size_t len)
{
    arena a;
    size_t total, records, clean_records;
    ndr_status clean;

    memset(&a, 0, sizeof a);
    a.fail_at = (size_t)-1;
    clean = run(&a, data, len, &clean_records);
    assert_int_equal(a.live, 0);
    assert_true(clean == NDR_OK || clean >= NDR_LIMIT_MESSAGE);
    total = a.calls;
    for (int rest = 0; rest < 2; rest++) {
        for (size_t n = 0; n < total; n++) {
            ndr_status st;
            memset(&a, 0, sizeof a);
            a.fail_at = n;
            a.fail_rest = rest;
            st = run(&a, data, len, &records);
            if (a.live != 0)
                fail_msg("%s: allocation %zu failed: %zu blocks leaked", name,
                         n, a.live);
            if (st != NDR_NOMEM)
                fail_msg("%s: allocation %zu failed, status %s", name, n,
                         ndr_strerror(st));
            assert_true(records <= clean_records);
        }
    }
    printf("  %s: %zu allocations, each failed in turn\n", name, total);
}

/* ---- the inputs ---------------------------------------------------------- */

static void test_fixtures(void **state)
{
    static const char *const names[] = {"dsn-postfix.eml", "b64.eml",
                                        "qp.eml", "ses.eml", "arf.eml",
                                        "text-exim.eml", "text-qmail.eml",
                                        "vacation.eml"};
    (void)state;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        char path[1024];
        FILE *f;
        char *buf;
        long n;
        snprintf(path, sizeof path, "%s/%s", NDR_FIXTURES, names[i]);
        f = fopen(path, "rb");
        if (f == NULL)
            fail_msg("%s: cannot open", path);
        fseek(f, 0, SEEK_END);
        n = ftell(f);
        fseek(f, 0, SEEK_SET);
        buf = malloc((size_t)n + 1);
        assert_non_null(buf);
        assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
        fclose(f);
        check_input(names[i], buf, (size_t)n);
        free(buf);
    }
}

/* Growth past every first capacity: 12 nested multiparts, a report with 20
 * recipients, failure text with 20 more, and an mbox of three messages. */
static void test_growth(void **state)
{
    char *s = malloc(1 << 16);
    size_t n = 0;
    (void)state;
    assert_non_null(s);
#define PUT(...) (n += (size_t)snprintf(s + n, (1 << 16) - n, __VA_ARGS__))
    for (int m = 0; m < 3; m++) {
        PUT("From MAILER-DAEMON Mon Jan  1 00:00:00 2024\n"
            "From: MAILER-DAEMON@mx.example.org\n"
            "Subject: Undelivered Mail Returned to Sender\n"
            "Content-Type: multipart/report; boundary=r\n\n--r\n");
        for (int i = 0; i < 12; i++)
            PUT("Content-Type: multipart/mixed; boundary=n%d\n\n--n%d\n", i, i);
        PUT("Content-Type: text/plain\n\n");
        for (int i = 0; i < 20; i++)
            PUT("<t%d@example.org>: 550 5.1.1 unknown\n", i);
        for (int i = 12; i > 0; i--)
            PUT("--n%d--\n", i - 1);
        PUT("--r\nContent-Type: message/delivery-status\n\n"
            "Reporting-MTA: dns; mx.example.org\n");
        for (int i = 0; i < 20; i++)
            PUT("\nFinal-Recipient: rfc822; d%d@example.org\nAction: failed\n"
                "Status: 5.1.1\nDiagnostic-Code: smtp; 550 5.1.1 no\n", i);
        PUT("--r--\n\n");
    }
#undef PUT
    check_input("growth", s, n);
    free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fixtures),
        cmocka_unit_test(test_growth),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
