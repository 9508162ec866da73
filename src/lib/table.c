/*
 * table.c - lookups in the compiled knowledge tables.
 *
 * Nothing here allocates or reads a file: the tables are static arrays made
 * by src/gen at build time, searched by binary search.  A code falls back
 * from its exact rows to the registry's generic X.S.D row, then to the
 * subject row X.S, then to the class row (SPEC "What a code explanation
 * holds").
 */
#include "ndrcode.h"
#include "table.h"
#include "util.h"

#include <string.h>

static const char *const err_msgs[] = {
#define NDR_ERR_MSG_(name, msg) msg,
    NDR_ERRORS(NDR_ERR_MSG_)
#undef NDR_ERR_MSG_
};

const char *ndr_strerror(ndr_status st)
{
    if ((unsigned)st >= (unsigned)NDR_STATUS_COUNT_)
        return "unknown error";
    return err_msgs[st];
}

const char *ndr_version(void) { return NDR_VERSION; }
const char *ndr_registry_date(void) { return ndr_tab_registry_date; }

const char *ndr_who_name(ndr_who who)
{
    static const char *const names[] = {"", "sender", "sender_admin",
                                        "recipient_admin", "recipient",
                                        "provider"};
    return (unsigned)who < sizeof names / sizeof names[0] ? names[who] : "";
}

const char *ndr_match_name(ndr_match m)
{
    static const char *const names[] = {"none", "exact", "generic", "subject",
                                        "class"};
    return (unsigned)m < sizeof names / sizeof names[0] ? names[m] : "none";
}

size_t ndr_entry_count(void) { return ndr_tab_nentries; }

const ndr_entry *ndr_entry_at(size_t i)
{
    return i < ndr_tab_nentries ? &ndr_tab_entries[i] : NULL;
}

static const ndr_entry *class_row(unsigned cls)
{
    for (size_t i = 0; i < ndr_tab_first_subject; i++)
        if (ndr_tab_entries[i].cls == cls)
            return &ndr_tab_entries[i];
    return NULL;
}

static const ndr_entry *subject_row(unsigned subject)
{
    for (size_t i = ndr_tab_first_subject; i < ndr_tab_first_detail; i++)
        if (ndr_tab_entries[i].subject == subject)
            return &ndr_tab_entries[i];
    return NULL;
}

/* The first detail row of (subject, detail), or NULL. */
static const ndr_entry *detail_rows(unsigned subject, unsigned detail,
                                    size_t *count)
{
    size_t lo = ndr_tab_first_detail, hi = ndr_tab_nentries, first;
    unsigned long key = (unsigned long)subject * 1000u + detail;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const ndr_entry *e = &ndr_tab_entries[mid];
        unsigned long k = (unsigned long)e->subject * 1000u + e->detail;
        if (k < key)
            lo = mid + 1;
        else
            hi = mid;
    }
    first = lo;
    while (lo < ndr_tab_nentries &&
           (unsigned long)ndr_tab_entries[lo].subject * 1000u +
                   ndr_tab_entries[lo].detail == key)
        lo++;
    *count = lo - first;
    return lo > first ? &ndr_tab_entries[first] : NULL;
}

int ndr_explain(ndr_code code, const char *vendor_hint, ndr_explanation *out)
{
    const ndr_entry *rows, *cls_row, *subj_row, *exact_reg = NULL,
                                                *generic = NULL;
    size_t n = 0;
    int any_exact = 0;

    if (out == NULL || (code.cls != 2 && code.cls != 4 && code.cls != 5))
        return 0;
    memset(out, 0, sizeof *out);
    out->code = code;
    cls_row = class_row(code.cls);
    subj_row = subject_row(code.subject);
    out->class_text = cls_row ? cls_row->title : "";
    out->subject_text = subj_row ? subj_row->title : "";

    rows = detail_rows(code.subject, code.detail, &n);
    if (rows == NULL) /* detail_rows gives NULL only with n == 0 */
        n = 0;
    for (size_t i = 0; i < n; i++) {
        const ndr_entry *e = &rows[i];
        if (e->cls == 0) {
            if (e->vendor[0] == '\0')
                generic = e;
            continue;
        }
        if (e->cls != code.cls)
            continue;
        any_exact = 1;
        if (e->vendor[0] == '\0') {
            exact_reg = e;
        } else if (out->n_vendors < NDR_MAX_VENDOR_NOTES) {
            out->vendors[out->n_vendors++] = e;
        }
    }
    /* The hinted vendor's row leads. */
    if (vendor_hint != NULL && vendor_hint[0] != '\0') {
        for (size_t i = 0; i < out->n_vendors; i++)
            if (strcmp(out->vendors[i]->vendor, vendor_hint) == 0) {
                const ndr_entry *lead = out->vendors[i];
                /* The array holds pointers: sizeof a pointer is right. */
                memmove(&out->vendors[1], &out->vendors[0],
                        i * sizeof out->vendors[0]); /* NOLINT(bugprone-sizeof-expression) */
                out->vendors[0] = lead;
                out->vendor_leads = 1;
                break;
            }
    }
    if (any_exact)
        out->match = NDR_MATCH_EXACT;
    else if (generic != NULL)
        out->match = NDR_MATCH_GENERIC;
    else if (subj_row != NULL)
        out->match = NDR_MATCH_SUBJECT;
    else
        out->match = NDR_MATCH_CLASS;

    if (exact_reg != NULL)
        out->main = exact_reg;
    else if (generic != NULL)
        out->main = generic;
    else if (out->n_vendors > 0)
        out->main = out->vendors[0];
    else if (subj_row != NULL)
        out->main = subj_row;
    else
        out->main = cls_row;
    return out->main != NULL;
}

const ndr_reply *ndr_reply_lookup(int code)
{
    size_t lo = 0, hi = ndr_tab_nreplies;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int k = ndr_tab_replies[mid].code;
        if (k == code)
            return &ndr_tab_replies[mid];
        if (k < code)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

size_t ndr_reply_count(void) { return ndr_tab_nreplies; }

const ndr_reply *ndr_reply_at(size_t i)
{
    return i < ndr_tab_nreplies ? &ndr_tab_replies[i] : NULL;
}

const ndr_token *ndr_token_lookup(const char *s, size_t len)
{
    size_t lo = 0, hi = ndr_tab_ntokens;
    if (s == NULL || len == 0)
        return NULL;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = ndr_ci_cmpn(s, len, ndr_tab_tokens[mid].token);
        if (c == 0)
            return &ndr_tab_tokens[mid];
        if (c > 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

size_t ndr_token_count(void) { return ndr_tab_ntokens; }

const ndr_token *ndr_token_at(size_t i)
{
    return i < ndr_tab_ntokens ? &ndr_tab_tokens[i] : NULL;
}

static int token_char(unsigned char c)
{
    return ndr_isalnum(c) || c == '.' || c == '_' || c == ':' || c == '-';
}

size_t ndr_token_scan(const char *text, size_t len, const ndr_token **out,
                      size_t *toklen)
{
    size_t i = 0;
    if (text == NULL || ndr_tab_ntokens == 0)
        return (size_t)-1;
    while (i < len) {
        size_t start, end;
        while (i < len && !token_char((unsigned char)text[i]))
            i++;
        start = i;
        while (i < len && token_char((unsigned char)text[i]))
            i++;
        end = i;
        /* Try the whole word, then shorter prefixes cut at '.' or ':'
         * ("STOREDRV.Deliver.Exception:..." holds STOREDRV.Deliver). */
        while (end > start) {
            const ndr_token *t = ndr_token_lookup(text + start, end - start);
            if (t != NULL) {
                if (out != NULL)
                    *out = t;
                if (toklen != NULL)
                    *toklen = end - start;
                return start;
            }
            do
                end--;
            while (end > start && text[end] != '.' && text[end] != ':');
        }
    }
    return (size_t)-1;
}

const char *ndr_vendor_name(const char *vendor_id)
{
    if (vendor_id == NULL)
        return "";
    for (size_t i = 0; i < ndr_tab_nvendors; i++)
        if (strcmp(ndr_tab_vendors[i].id, vendor_id) == 0)
            return ndr_tab_vendors[i].name;
    return "";
}

const char *ndr_vendor_detect(const char *text, size_t len)
{
    if (text == NULL)
        return NULL;
    for (size_t i = 0; i < ndr_tab_nvendors; i++)
        for (const char *const *m = ndr_tab_vendors[i].markers; *m; m++)
            if ((*m)[0] && ndr_ci_find(text, len, *m, strlen(*m)) != NULL)
                return ndr_tab_vendors[i].id;
    return NULL;
}
