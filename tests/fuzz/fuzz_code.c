/*
 * fuzz_code.c - the code syntax and the table lookups on arbitrary text.
 *
 * Whatever the bytes: ndr_code_parse agrees with ndr_code_format (a parsed
 * code formats back to the same text), every code ndr_code_scan finds lies
 * inside the text and parses on its own, reply codes and vendor tokens
 * found are really there, and ndr_explain gives complete answers for every
 * code found.  This is the path `ndrcode TEXT` takes with a user's text.
 */
#include "fuzz.h"
#include "ndrcode.h"

#include <string.h>

static void check_explain(ndr_code c, const char *hint)
{
    ndr_explanation ex;
    if (!ndr_explain(c, hint, &ex))
        return;
    FUZZ_CHECK(ex.match != NDR_MATCH_NONE);
    FUZZ_CHECK(ex.main != NULL && ex.main->title != NULL);
    FUZZ_CHECK(ex.class_text != NULL && ex.subject_text != NULL);
    FUZZ_CHECK(ex.n_vendors <= NDR_MAX_VENDOR_NOTES);
    for (size_t i = 0; i < ex.n_vendors; i++)
        FUZZ_CHECK(ex.vendors[i] != NULL && ex.vendors[i]->vendor[0] != '\0');
}

static void scan_codes(const char *text, size_t len, const char *hint)
{
    size_t pos = 0;
    while (pos < len) {
        ndr_code c, again;
        size_t tl = 0, at = ndr_code_scan(text + pos, len - pos, &c, &tl);
        char buf[NDR_CODE_BUFSZ];
        if (at == (size_t)-1)
            break;
        FUZZ_CHECK(tl >= 5 && tl <= 9 && at + tl <= len - pos);
        FUZZ_CHECK(ndr_code_parse(text + pos + at, tl, &again));
        FUZZ_CHECK(again.cls == c.cls && again.subject == c.subject &&
                   again.detail == c.detail);
        ndr_code_format(c, buf);
        FUZZ_CHECK(strlen(buf) == tl && memcmp(buf, text + pos + at, tl) == 0);
        check_explain(c, hint);
        pos += at + tl;
    }
}

static void scan_replies(const char *text, size_t len)
{
    size_t pos = 0;
    while (pos < len) {
        int r = 0;
        size_t at = ndr_reply_scan(text + pos, len - pos, &r);
        const ndr_reply *rep;
        if (at == (size_t)-1)
            break;
        FUZZ_CHECK(at + 3 <= len - pos);
        FUZZ_CHECK(r >= 200 && r <= 559);
        FUZZ_CHECK(text[pos + at] == (char)('0' + r / 100));
        rep = ndr_reply_lookup(r);
        FUZZ_CHECK(rep == NULL || rep->code == r);
        pos += at + 3;
    }
}

static void scan_tokens(const char *text, size_t len)
{
    size_t pos = 0;
    while (pos < len) {
        const ndr_token *t = NULL;
        size_t tl = 0, at = ndr_token_scan(text + pos, len - pos, &t, &tl);
        if (at == (size_t)-1)
            break;
        FUZZ_CHECK(t != NULL && tl > 0 && at + tl <= len - pos);
        FUZZ_CHECK(strlen(t->token) == tl);
        FUZZ_CHECK(ndr_token_lookup(text + pos + at, tl) == t);
        pos += at + tl;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    const char *hint = ndr_vendor_detect(text, size);
    ndr_code c;

    FUZZ_CHECK(hint == NULL || ndr_vendor_name(hint)[0] != '\0');
    if (ndr_code_parse(text, size, &c)) {
        char buf[NDR_CODE_BUFSZ];
        ndr_code_format(c, buf);
        FUZZ_CHECK(strlen(buf) == size && memcmp(buf, text, size) == 0);
        check_explain(c, hint);
    }
    scan_codes(text, size, hint);
    scan_replies(text, size);
    scan_tokens(text, size);
    return 0;
}
