/*
 * table.c - lookups in the compiled knowledge tables.
 *
 * Nothing here allocates or reads a file: the tables are static arrays made
 * by src/gen at build time, searched by binary search.  A code falls back
 * from its exact rows to the registry's generic X.S.D row, then to the
 * subject row X.S, then to the class row (SPEC "What a code explanation
 * holds"); a success code takes only rows written for success (see
 * lists_success_reply).
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

/* Whether row E lists a success reply (2xx) among its associated replies:
 * a generic X.S.D row describes a success code only when the registry
 * pairs it with one (X.1.5 "Destination address valid" with 250); the
 * others are written for failures and would explain a 2.S.D as one. */
static int lists_success_reply(const ndr_entry *e)
{
    for (size_t i = 0; i < e->n_reply; i++)
        if (e->reply[i] >= 200 && e->reply[i] < 300)
            return 1;
    return 0;
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
            if (e->vendor[0] == '\0' &&
                (code.cls != 2 || lists_success_reply(e)))
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
    else if (subj_row != NULL && !(code.cls == 2 && cls_row != NULL))
        out->main = subj_row;
    else /* a success with only its subject known reads as its class:
            the subject rows describe what goes wrong in that area */
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

/* An occurrence of a token at T[START..END) of T[0..LEN), by the rule
 * below: -1 when it starts past the word of the best one so far (a scan in
 * order can stop), 1 when it counts and beats the best (which it
 * becomes), else 0.  What wins does not depend on the order occurrences
 * come in. */
static int token_consider(const unsigned char *t, size_t len, size_t start,
                          size_t end, size_t *best, size_t *best_end)
{
    if (*best != (size_t)-1 && start > *best_end)
        return -1;
    if (start > 0 && token_char(t[start - 1]))
        return 0;
    if (end < len && token_char(t[end]) && t[end] != '.' && t[end] != ':')
        return 0;
    if (*best == (size_t)-1 || start < *best ||
        (start == *best && end > *best_end)) {
        *best = start;
        *best_end = end;
        return 1;
    }
    return 0;
}

/* A word is a run of token characters; the token wanted is the first
 * word, or its longest prefix cut just before a '.' or ':', that the table
 * holds.  The automaton finds every token in the text; an occurrence
 * counts when it starts a word and ends the word or ends before a '.' or
 * ':' of it (tokens are made of token characters only, so it never spans
 * two words).  The first word wins, and in it the longest occurrence. */
size_t ndr_token_scan(const char *text, size_t len, const ndr_token **out,
                      size_t *toklen)
{
    const unsigned char *t = (const unsigned char *)text;
    size_t best = (size_t)-1, best_end = 0;
    uint32_t best_id = 0;
    ndr_ac_iter it;
    ndr_ac_match m;
    if (text == NULL || ndr_tab_ntokens == 0)
        return (size_t)-1;
    ndr_ac_begin(&it, &ndr_tab_token_ac, text, len);
    while (ndr_ac_next(&it, &m)) {
        int c = token_consider(t, len, ndr_ac_start(&it, &m), m.end, &best,
                               &best_end);
        if (c < 0)
            break;
        if (c > 0)
            best_id = m.id;
    }
    if (best == (size_t)-1)
        return (size_t)-1;
    if (out != NULL)
        *out = &ndr_tab_tokens[best_id];
    if (toklen != NULL)
        *toklen = best_end - best;
    return best;
}

/* The match of marker pattern K at TEXT[START..END): the lowest vendor
 * among its markers with exactly those bytes (any case), if below BEST. */
static size_t marker_vendor(const char *text, size_t start, size_t end,
                            size_t k, size_t best)
{
    size_t i = (size_t)ndr_tab_vendor_pattern[k] + 1;
    for (; i != 0; i = ndr_tab_vendor_marker[i - 1].next) {
        const ndr_vendor_marker *v = &ndr_tab_vendor_marker[i - 1];
        if (v->vendor < best && end - start == v->len &&
            ndr_ci_cmpn(text + start, v->len, v->text) == 0)
            best = v->vendor;
    }
    return best;
}

/* The slow markers (not in the automaton) below BEST, found by a plain
 * search. */
static size_t slow_vendor(const char *text, size_t len, size_t best)
{
    for (size_t i = 0; i < ndr_tab_vendor_nslow; i++) {
        const ndr_vendor_marker *v =
            &ndr_tab_vendor_marker[ndr_tab_vendor_slow[i]];
        if (v->vendor < best && v->len > 0 &&
            ndr_ci_find(text, len, v->text, v->len) != NULL)
            best = v->vendor;
    }
    return best;
}

/* What the vendor tokens and markers of a text have said so far. */
typedef struct vt_scan {
    const char *text;
    size_t len;
    size_t best, best_end; /* the winning token's place, or (size_t)-1 */
    uint32_t best_id;
    size_t vbest;          /* the lowest vendor of a marker found */
} vt_scan;

/* An occurrence of pattern ID of the token-and-marker automaton, ending
 * at TEXT[END]: a token (the first word's wins) and a vendor marker (the
 * lowest vendor wins), in whatever order they come. */
static void vt_found(void *ud, uint32_t id, size_t end)
{
    vt_scan *v = ud;
    uint16_t tok = ndr_tab_vt_token[id], ven = ndr_tab_vt_vendor[id];
    size_t start = ndr_ac_start_at(&ndr_tab_vt_ac, v->text, end, id);
    if (ven != 0xffff && v->vbest > 0)
        v->vbest = marker_vendor(v->text, start, end, ven, v->vbest);
    if (tok != 0xffff &&
        token_consider((const unsigned char *)v->text, v->len, start, end,
                       &v->best, &v->best_end) > 0)
        v->best_id = tok;
}

const char *ndr_text_vendor(const char *text, size_t len)
{
    vt_scan v;
    if (text == NULL)
        return NULL;
    v.text = text;
    v.len = len;
    v.best = (size_t)-1;
    v.best_end = 0;
    v.best_id = 0;
    v.vbest = ndr_tab_nvendors;
    ndr_ac_scan_all(&ndr_tab_vt_ac, text, len, vt_found, &v);
    if (v.best != (size_t)-1)
        return ndr_tab_tokens[v.best_id].vendor;
    v.vbest = slow_vendor(text, len, v.vbest);
    return v.vbest < ndr_tab_nvendors ? ndr_tab_vendors[v.vbest].id : NULL;
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
    size_t best = ndr_tab_nvendors;
    ndr_ac_iter it;
    ndr_ac_match m;
    if (text == NULL)
        return NULL;
    ndr_ac_begin(&it, &ndr_tab_vendor_ac, text, len);
    while (best > 0 && ndr_ac_next(&it, &m))
        best = marker_vendor(text, ndr_ac_start(&it, &m), m.end, m.id, best);
    best = slow_vendor(text, len, best);
    return best < ndr_tab_nvendors ? ndr_tab_vendors[best].id : NULL;
}
