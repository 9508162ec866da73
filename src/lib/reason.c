/*
 * reason.c - why a message bounced, from the rules of data/reasons.csv.
 *
 * A rule matches the status code (status:5.1.1, status:X.2.2,
 * status:5.7.*), the basic reply code (reply:552), the DSN action
 * (action:delayed) or a phrase in the server's words; every rule that
 * matches is a candidate, and the one with the highest priority wins (on a
 * tie, the row nearer the top of the file).  So the data, not this code,
 * decides that "mailbox full" beats a 5.1.1 status while a bare "rejected"
 * does not beat 5.7.26.  Context rules (FROM>TO) do not vote: when their
 * phrase is found, or their status code matches, they turn a winner in
 * FROM into TO ("user unknown" said in reply to DATA comes from a content
 * filter; DNS words under a permanent 5.1.2 tell of a host that does not
 * exist), when the winner's rule is no stronger than the context rule and
 * the status code does not itself name the winner.  All phrases are found
 * in one pass by the compiled automaton (match.c); nothing here allocates.
 */
#include "ndrcode.h"
#include "match.h"
#include "table.h"
#include "util.h"

#include <string.h>

static const char *const reason_names[] = {
#define NDR_REASON_NAME_(e, name, text) name,
    NDR_REASONS(NDR_REASON_NAME_)
#undef NDR_REASON_NAME_
};

static const char *const reason_texts[] = {
#define NDR_REASON_TEXT_(e, name, text) text,
    NDR_REASONS(NDR_REASON_TEXT_)
#undef NDR_REASON_TEXT_
};

const char *ndr_reason_name(ndr_reason r)
{
    return (unsigned)r < (unsigned)NDR_REASON_COUNT_ ? reason_names[r]
                                                     : reason_names[0];
}

const char *ndr_reason_text(ndr_reason r)
{
    return (unsigned)r < (unsigned)NDR_REASON_COUNT_ ? reason_texts[r]
                                                     : reason_texts[0];
}

/* The best candidate so far. */
typedef struct pick {
    int priority; /* -1: none yet */
    unsigned line;
    ndr_reason reason;
} pick;

static void consider(pick *p, unsigned priority, unsigned line,
                     unsigned reason)
{
    if ((int)priority > p->priority ||
        ((int)priority == p->priority && line < p->line)) {
        p->priority = (int)priority;
        p->line = line;
        p->reason = (ndr_reason)reason;
    }
}

static int has_words(const char *text, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (!ndr_isspace((unsigned char)text[i]))
            return 1;
    return 0;
}

/* At most this many different context rules are remembered per text;
 * data/reasons.csv holds no more than that (the generator sees to it), so
 * none is lost whatever order they are found in. */
#define MAX_CONTEXT NDR_MAX_CONTEXT_RULES

/* What the phrases of a text have said so far. */
typedef struct phrases {
    pick *best;
    const char *text;
    size_t len;
    const ndr_reason_text_rule *ctx[MAX_CONTEXT];
    size_t nctx;
} phrases;

/* An occurrence of phrase rule ID ending at TEXT[END]: a candidate, or a
 * context rule to remember.  Occurrences come in no set order, and may come
 * twice (ndr_ac_scan_all): what is kept does not depend on either. */
static void phrase_found(void *ud, uint32_t id, size_t end)
{
    phrases *ph = ud;
    const ndr_reason_text_rule *r = &ndr_tab_reason_text[id];
    const unsigned char *t = (const unsigned char *)ph->text;
    if (!r->context && (int)r->priority < ph->best->priority)
        return;
    /* word: rules must not touch a letter or digit at an edge that is
     * itself a letter or digit */
    if (r->word) {
        size_t start;
        if (end < ph->len && ndr_isalnum(t[end - 1]) && ndr_isalnum(t[end]))
            return;
        start = ndr_ac_start_at(&ndr_tab_reason_ac, ph->text, end, id);
        if (start > 0 && ndr_isalnum(t[start]) && ndr_isalnum(t[start - 1]))
            return;
    }
    if (r->context) {
        size_t k = 0;
        while (k < ph->nctx && ph->ctx[k] != r)
            k++;
        if (k == ph->nctx && ph->nctx < MAX_CONTEXT)
            ph->ctx[ph->nctx++] = r;
        return;
    }
    consider(ph->best, r->priority, r->line, r->reason);
}

/* Context rule (PRIORITY, LINE, FROM>TO) applied to the winner BEST: a
 * candidate for TURN when BEST's reason is in FROM and its rule is no
 * stronger than the context rule. */
static void turn_by(pick *turn, const pick *best, unsigned priority,
                    unsigned line, uint64_t from, unsigned to)
{
    if ((from >> best->reason & 1u) != 0 && best->priority <= (int)priority)
        consider(turn, priority, line, to);
}

ndr_reason ndr_reason_classify(const char *status, int reply,
                               const char *action, const char *text,
                               size_t len)
{
    pick best = {-1, 0, NDR_REASON_UNDEFINED};
    int status_pri[NDR_REASON_COUNT_]; /* best status rule per reason */
    const ndr_reason_code_rule *code_ctx[MAX_CONTEXT]; /* status contexts */
    size_t ncode_ctx = 0;
    phrases ph;
    ndr_code code;
    int have_code = status != NULL &&
                    ndr_code_parse(status, strlen(status), &code);
    size_t action_len = action != NULL ? strlen(action) : 0;

    if (text == NULL)
        len = 0;
    for (size_t i = 0; i < NDR_REASON_COUNT_; i++)
        status_pri[i] = -1;

    for (size_t i = 0; i < ndr_tab_reason_ncode; i++) {
        const ndr_reason_code_rule *r = &ndr_tab_reason_code[i];
        switch (r->kind) {
        case NDR_RULE_STATUS:
            /* the rules of another subject are passed over at once */
            if (!have_code ||
                (r->subject != NDR_RULE_ANY && r->subject != code.subject)) {
                i = (size_t)r->next - 1;
                continue;
            }
            if ((r->cls != 0 && r->cls != code.cls) ||
                (r->detail != NDR_RULE_ANY && r->detail != code.detail))
                continue;
            if (r->context) {
                if (ncode_ctx < MAX_CONTEXT)
                    code_ctx[ncode_ctx++] = r;
                continue;
            }
            if ((int)r->priority > status_pri[r->reason])
                status_pri[r->reason] = (int)r->priority;
            break;
        case NDR_RULE_REPLY:
            if (reply != (int)r->reply)
                continue;
            break;
        case NDR_RULE_ACTION:
            if (action_len == 0 ||
                ndr_ci_cmpn(action, action_len, r->action) != 0)
                continue;
            break;
        default:
            continue;
        }
        consider(&best, r->priority, r->line, r->reason);
    }

    ph.best = &best;
    ph.text = text;
    ph.len = len;
    ph.nctx = 0;
    if (len > 0)
        ndr_ac_scan_all(&ndr_tab_reason_ac, text, len, phrase_found, &ph);

    if (best.priority >= 0) {
        /* The strongest context rule that applies, if any. */
        pick turn = {-1, 0, best.reason};
        if (status_pri[best.reason] < NDR_RULE_CODE_NAMES) {
            for (size_t i = 0; i < ph.nctx; i++)
                turn_by(&turn, &best, ph.ctx[i]->priority, ph.ctx[i]->line,
                        ph.ctx[i]->from, ph.ctx[i]->reason);
            for (size_t i = 0; i < ncode_ctx; i++)
                turn_by(&turn, &best, code_ctx[i]->priority,
                        code_ctx[i]->line, code_ctx[i]->from,
                        code_ctx[i]->reason);
        }
        return turn.reason;
    }
    /* Words no rule knows: the failure is real but unexplained. */
    return has_words(text, len) ? NDR_REASON_ONHOLD : NDR_REASON_UNDEFINED;
}

int ndr_reason_is_hard(ndr_reason r, const char *status)
{
    ndr_code code;
    switch (r) {
    case NDR_REASON_USERUNKNOWN:
    case NDR_REASON_HOSTUNKNOWN:
    case NDR_REASON_HASMOVED:
        return 1;
    case NDR_REASON_NOTACCEPT:
        /* A failure that carries no code is final (the reporting server
         * gave up), so only a 4.x.x status makes it soft. */
        if (status == NULL || !ndr_code_parse(status, strlen(status), &code))
            return 1;
        return code.cls == 5;
    default:
        return 0;
    }
}
