/*
 * acgen.c - build an Aho-Corasick automaton at build time.
 *
 * Steps: give each byte that occurs in a pattern a class number (ASCII case
 * and whitespace folded as the scanner folds them), build the trie of the
 * patterns and compute failure and dictionary links breadth first.  Then
 * turn it into a deterministic automaton that does in its states what a
 * plain Aho-Corasick scanner does with extra variables: whether the last
 * byte was whitespace (a run of whitespace counts once) and whether it was
 * the lead byte of a two-byte letter that folds (ndr_ac_folds_lead), left
 * pending until the next byte tells which letter it starts.  A state of
 * the result is a trie node together with those flags and whether
 * arriving there reports the node's matches; a pending state keeps the
 * trie node before the lead byte, taken down its failure chain to the
 * first node that goes anywhere on the lead bytes the letter may fold to,
 * so that the states after a lead byte are few.  They are numbered breadth
 * first from the start.  The shallow ones get a full row of next states,
 * the others the few classes on which they differ from a default state
 * (the first state with a row down the chain of failure nodes, with the
 * same flags), as src/lib/match.h describes; those deeper states are then
 * renumbered depth first, so that a phrase's states lie together.
 * Everything is deterministic: the same list gives the same tables, byte
 * for byte.
 */
#include "acgen.h"
#include "match.h"

#include <stdlib.h>
#include <string.h>

#define NONE UINT32_MAX

static void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size);
    if (p == NULL) {
        fputs("ndr_gen: out of memory\n", stderr);
        exit(1);
    }
    return p;
}

static void *xrealloc(void *p, size_t n, size_t size)
{
    if (n != 0 && size > SIZE_MAX / n) {
        fputs("ndr_gen: out of memory\n", stderr);
        exit(1);
    }
    /* never 0 bytes: realloc(p, 0) frees p and returns NULL on glibc */
    p = realloc(p, n != 0 && size != 0 ? n * size : 1);
    if (p == NULL) {
        fputs("ndr_gen: out of memory\n", stderr);
        exit(1);
    }
    return p;
}

static int is_blank(int c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
           c == '\v';
}

/* The byte the scanner looks up for input byte C outside a letter that
 * folds: ASCII capitals folded, whitespace as ' '. */
static unsigned char fold(unsigned c)
{
    if (c >= 'A' && c <= 'Z')
        return (unsigned char)(c | 0x20);
    if (is_blank((int)c))
        return ' ';
    return (unsigned char)c;
}

static int is_cont(unsigned c)
{
    return c >= 0x80 && c <= 0xbf;
}

/* The most lead bytes that fold (ndr_ac_folds_lead) a key can name. */
#define NLEADS 15

size_t ac_unfinished(const char *p, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (ndr_ac_folds_lead((unsigned char)p[k]) &&
            (k + 1 == n || !is_cont((unsigned char)p[k + 1])))
            return k;
    return n;
}

/* The trie while it is built: node 0 is the root; go[] has one row of
 * NCLS entries per node. */
typedef struct trie {
    uint32_t *go, *fail, *term, *dict;
    uint32_t n, cap;
    unsigned ncls;
} trie;

static uint32_t trie_add(trie *tr)
{
    if (tr->n == tr->cap) {
        tr->cap = tr->cap ? tr->cap * 2 : 1024;
        tr->go = xrealloc(tr->go, (size_t)tr->cap * tr->ncls, sizeof *tr->go);
        tr->term = xrealloc(tr->term, tr->cap, sizeof *tr->term);
    }
    for (unsigned c = 0; c < tr->ncls; c++)
        tr->go[(size_t)tr->n * tr->ncls + c] = NONE;
    tr->term[tr->n] = 0;
    return tr->n++;
}

static void trie_free(trie *tr)
{
    free(tr->go);
    free(tr->fail);
    free(tr->term);
    free(tr->dict);
}

/* The trie's goto function with failure links followed. */
static uint32_t trie_next(const trie *tr, uint32_t q, unsigned c)
{
    while (q != 0 && tr->go[(size_t)q * tr->ncls + c] == NONE)
        q = tr->fail[q];
    q = tr->go[(size_t)q * tr->ncls + c];
    return q == NONE ? 0 : q;
}

/* A state of the scanner: trie node Q; BLANK, the last byte was
 * whitespace (or the text has just begun); PEND, 0 or the lead byte
 * lead[PEND - 1] (of the builder) just read and not yet fed to the trie
 * (Q is then the node before it); REP, arriving here reports Q's
 * matches.  Packed as one number. */
#define KEY(q, blank, pend, rep)                                             \
    ((uint32_t)(q) << 6 | (uint32_t)(pend) << 2 | (uint32_t)(blank) << 1 |  \
     (uint32_t)(rep))
#define KEY_Q(k) ((k) >> 6)
#define KEY_PEND(k) (((k) >> 2) & 15u)
#define KEY_BLANK(k) (((k) >> 1) & 1u)
#define KEY_REP(k) ((k) & 1u)
#define KEY_SPACE 64u /* keys per trie node */

typedef struct builder {
    const trie *tr;
    const unsigned char *bcls; /* byte -> trie class (folded) */
    unsigned sp;               /* trie class of ' ', 0 if none */
    unsigned char rep[256];    /* a byte of each scanner class */
    unsigned ncls;
    /* the lead bytes that fold, in byte order; for each, pending (1) or
     * read as any byte (0), and the trie classes of the lead bytes its
     * letters fold to */
    unsigned char lead[NLEADS];
    unsigned nleads;
    unsigned char active[NLEADS];
    unsigned char lcls[NLEADS][4];
    unsigned nlcls[NLEADS];
    uint32_t *id;              /* key -> state + 1, 0 when not yet a state */
    uint32_t *key;             /* state -> key */
    uint32_t n, cap;
} builder;

static int has_out(const trie *tr, uint32_t q)
{
    return tr->term[q] != 0 || tr->dict[q] != 0;
}

/* Where a pending state on lead J keeps trie node Q: the first node down
 * Q's failure chain (Q itself included) with a child on a lead byte that
 * J's letters fold to, else the root.  The trie goes from there on those
 * bytes exactly as from Q. */
static uint32_t pend_node(const builder *b, uint32_t q, unsigned j)
{
    const trie *tr = b->tr;
    for (; q != 0; q = tr->fail[q])
        for (unsigned i = 0; i < b->nlcls[j]; i++)
            if (tr->go[(size_t)q * tr->ncls + b->lcls[j][i]] != NONE)
                return q;
    return 0;
}

/* The state for KEY (REP dropped where nothing is reported, a pending
 * state's node taken down its chain), made when new. */
static uint32_t state_of(builder *b, uint32_t key)
{
    if (KEY_REP(key) && !has_out(b->tr, KEY_Q(key)))
        key &= ~1u;
    if (KEY_PEND(key) != 0)
        key = KEY(pend_node(b, KEY_Q(key), KEY_PEND(key) - 1), 0,
                  KEY_PEND(key), 0);
    if (b->id[key] == 0) {
        if (b->n == b->cap) {
            b->cap = b->cap ? b->cap * 2 : 1024;
            b->key = xrealloc(b->key, b->cap, sizeof *b->key);
        }
        b->key[b->n] = key;
        b->id[key] = ++b->n;
    }
    return b->id[key] - 1;
}

/* The pending lead of byte C (lead[] index + 1), or 0 when C is read as
 * any other byte. */
static unsigned pend_of(const builder *b, unsigned char c)
{
    for (unsigned j = 0; j < b->nleads; j++)
        if (b->lead[j] == c)
            return b->active[j] ? j + 1 : 0;
    return 0;
}

/* What the plain scanner does on byte C from the state KEY: the key of
 * where it goes.  A lead byte that folds waits; the byte after it, when
 * it continues the letter, moves the trie over both bytes of the small
 * letter; else the lead byte, which no pattern has without its
 * continuation, leaves no partial match, as a byte no pattern holds. */
static uint32_t semantic_step(const builder *b, uint32_t key, unsigned char c)
{
    uint32_t q = KEY_Q(key);
    unsigned k, pend = pend_of(b, c);
    if (KEY_PEND(key) != 0) {
        if (is_cont(c)) {
            unsigned f = ndr_ac_fold_pair(b->lead[KEY_PEND(key) - 1], c);
            q = trie_next(b->tr, q, b->bcls[f >> 8]);
            q = trie_next(b->tr, q, b->bcls[f & 0xff]);
            return KEY(q, 0, 0, 1);
        }
        q = 0;
        key = KEY(0, 0, 0, 0);
    }
    if (pend != 0)
        return KEY(q, 0, pend, 0);
    k = b->bcls[c];
    if (k == 0)
        return KEY(0, 0, 0, 0); /* every partial match dies */
    if (k == b->sp && KEY_BLANK(key))
        return KEY(q, 1, 0, 0); /* whitespace after whitespace: nothing */
    q = trie_next(b->tr, q, k);
    return KEY(q, k == b->sp, 0, 1);
}

/* A deep state's place in the new order: the depth-first rank of its
 * trie node, then its key. */
typedef struct deep_order {
    uint32_t rank, key, old;
} deep_order;

static int deep_cmp(const void *a, const void *b)
{
    const deep_order *x = a, *y = b;
    if (x->rank != y->rank)
        return x->rank < y->rank ? -1 : 1;
    return x->key < y->key ? -1 : x->key > y->key;
}

/* Renumber the states from NHOT on (the deep ones) in depth-first order of
 * their trie nodes; the states with rows keep their numbers.  NEXT and
 * DFLT (by state) and B's keys follow. */
static void renumber_deep(const trie *tr, builder *b, uint32_t *next,
                          uint32_t *dflt, uint32_t nhot)
{
    uint32_t *rank = xcalloc(tr->n, sizeof *rank), *stack, *perm, *tmp;
    uint32_t sp = 0, r = 0, n = b->n;
    deep_order *ord;
    if (nhot >= n) {
        free(rank);
        return;
    }
    /* depth-first ranks: children in class order */
    stack = xcalloc(tr->n, sizeof *stack);
    stack[sp++] = 0;
    while (sp > 0) {
        uint32_t u = stack[--sp];
        rank[u] = r++;
        for (unsigned c = tr->ncls; c-- > 1;) {
            uint32_t v = tr->go[(size_t)u * tr->ncls + c];
            if (v != NONE)
                stack[sp++] = v;
        }
    }
    ord = xcalloc(n - nhot, sizeof *ord);
    for (uint32_t i = nhot; i < n; i++) {
        ord[i - nhot].rank = rank[KEY_Q(b->key[i])];
        ord[i - nhot].key = b->key[i];
        ord[i - nhot].old = i;
    }
    qsort(ord, n - nhot, sizeof *ord, deep_cmp);
    perm = xcalloc(n, sizeof *perm);
    for (uint32_t i = 0; i < nhot; i++)
        perm[i] = i;
    for (uint32_t i = nhot; i < n; i++)
        perm[ord[i - nhot].old] = i;
    /* move rows of NEXT, DFLT and the keys to their new places */
    tmp = xcalloc((size_t)n * b->ncls, sizeof *tmp);
    for (uint32_t i = 0; i < n; i++)
        for (unsigned c = 0; c < b->ncls; c++)
            tmp[(size_t)perm[i] * b->ncls + c] =
                perm[next[(size_t)i * b->ncls + c]];
    memcpy(next, tmp, (size_t)n * b->ncls * sizeof *tmp);
    for (uint32_t i = 0; i < n; i++)
        tmp[perm[i]] = dflt[i]; /* defaults have rows: not moved */
    memcpy(dflt, tmp, n * sizeof *tmp);
    for (uint32_t i = 0; i < n; i++)
        tmp[perm[i]] = b->key[i];
    memcpy(b->key, tmp, n * sizeof *tmp);
    for (uint32_t i = 0; i < n; i++)
        b->id[b->key[i]] = i + 1;
    free(tmp);
    free(perm);
    free(ord);
    free(stack);
    free(rank);
}

/* The scanner's value for state ID: its row offset when it has a row and
 * reports nothing, else NDR_AC_SPECIAL | ID. */
static uint16_t state_ref(const ac_tables *t, uint32_t id)
{
    if (id < t->nhot && t->state[id].out == 0)
        return (uint16_t)(id * t->stride / NDR_AC_SCALE);
    return (uint16_t)(NDR_AC_SPECIAL | id);
}

int ac_compile(ac_tables *t, const char *const *pats, const size_t *lens,
               size_t n)
{
    unsigned char used[256] = {0}, bcls[256];
    trie tr;
    builder b;
    uint32_t *queue, qh = 0, qt = 0, *next = NULL, *dflt = NULL, nroots;
    size_t next_cap = 0;

    memset(t, 0, sizeof *t);
    memset(&tr, 0, sizeof tr);
    memset(&b, 0, sizeof b);
    if (n >= UINT32_MAX / 2) {
        fputs("ndr_gen: too many patterns\n", stderr);
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        if (lens[i] == 0 || lens[i] > NDR_AC_MAX_PATTERN) {
            fprintf(stderr, "ndr_gen: pattern %zu is empty or longer than %d "
                            "bytes\n", i, NDR_AC_MAX_PATTERN);
            return -1;
        }
        if (ac_unfinished(pats[i], lens[i]) < lens[i]) {
            fprintf(stderr, "ndr_gen: pattern %zu: a letter's lead byte "
                            "without its second byte\n", i);
            return -1;
        }
        for (size_t k = 0; k < lens[i]; k++)
            used[(unsigned char)pats[i][k]] = 1;
    }
    /* Trie classes in byte order: deterministic, and 0 stays "no
     * pattern". */
    tr.ncls = 1;
    for (unsigned c = 0; c < 256; c++)
        if (used[c]) {
            if (tr.ncls == 256) {
                fputs("ndr_gen: alphabet too large\n", stderr);
                return -1;
            }
            used[c] = (unsigned char)tr.ncls++;
        }
    for (unsigned c = 0; c < 256; c++)
        bcls[c] = used[fold(c)];

    /* The trie. */
    trie_add(&tr);
    for (size_t i = 0; i < n; i++) {
        uint32_t s = 0;
        for (size_t k = 0; k < lens[i]; k++) {
            unsigned c = used[(unsigned char)pats[i][k]];
            uint32_t *g = &tr.go[(size_t)s * tr.ncls + c];
            if (*g == NONE) {
                uint32_t v = trie_add(&tr);
                g = &tr.go[(size_t)s * tr.ncls + c]; /* go may have moved */
                *g = v;
            }
            s = *g;
        }
        if (tr.term[s] != 0) {
            fprintf(stderr, "ndr_gen: pattern %zu repeats pattern %u\n", i,
                    tr.term[s] - 1);
            trie_free(&tr);
            return -1;
        }
        tr.term[s] = (uint32_t)i + 1;
    }

    /* Failure and dictionary links, breadth first. */
    tr.fail = xcalloc(tr.n, sizeof *tr.fail);
    tr.dict = xcalloc(tr.n, sizeof *tr.dict);
    queue = xcalloc(tr.n, sizeof *queue);
    queue[qt++] = 0;
    while (qh < qt) {
        uint32_t u = queue[qh++];
        for (unsigned c = 1; c < tr.ncls; c++) {
            uint32_t v = tr.go[(size_t)u * tr.ncls + c], f;
            if (v == NONE)
                continue;
            f = u == 0 ? 0 : trie_next(&tr, tr.fail[u], c);
            tr.fail[v] = f;
            tr.dict[v] = tr.term[f] != 0 ? f : tr.dict[f];
            queue[qt++] = v;
        }
    }
    free(queue);

    /* The lead bytes that wait for the next one: those whose letters
     * fold to lead bytes some pattern has; and all of them when a
     * pattern starts with a continuation byte, which the folding of the
     * byte before decides.  Any other lead byte leaves no partial match,
     * and neither does the byte after it when no pattern starts with it,
     * folded or not. */
    {
        int cont_first = 0;
        for (size_t i = 0; i < n; i++)
            cont_first |= is_cont((unsigned char)pats[i][0]);
        for (unsigned c = 0; c < 256 && b.nleads < NLEADS; c++)
            if (ndr_ac_folds_lead((unsigned char)c))
                b.lead[b.nleads++] = (unsigned char)c;
        for (unsigned j = 0; j < b.nleads; j++) {
            unsigned char seen[256] = {0};
            seen[b.lead[j]] = 1;
            for (unsigned c = 0x80; c <= 0xbf; c++)
                seen[ndr_ac_fold_pair(b.lead[j], (unsigned char)c) >> 8] = 1;
            for (unsigned c = 0; c < 256; c++)
                if (seen[c] && used[c] != 0) {
                    if (b.nlcls[j] == sizeof b.lcls[j]) {
                        fputs("ndr_gen: a letter folds to too many lead "
                              "bytes\n", stderr);
                        trie_free(&tr);
                        return -1;
                    }
                    b.lcls[j][b.nlcls[j]++] = used[c];
                }
            b.active[j] = (unsigned char)(cont_first || b.nlcls[j] > 0);
        }
    }

    /* The scanner's classes: bytes the plain scanner cannot tell apart
     * (same trie class, the same pending lead or none, and after each
     * pending lead the same trie classes of the small letter's two
     * bytes) share one, numbered in byte order. */
    {
        uint32_t sig[256][NLEADS + 2];
        unsigned ncls = 0;
        memset(sig, 0, sizeof sig);
        for (unsigned c = 0; c < 256; c++) {
            unsigned k;
            sig[c][0] = bcls[c];
            sig[c][1] = pend_of(&b, (unsigned char)c);
            for (unsigned j = 0; j < b.nleads; j++)
                if (b.active[j] && is_cont(c)) {
                    unsigned f = ndr_ac_fold_pair(b.lead[j], (unsigned char)c);
                    sig[c][j + 2] = 1u << 16 | (uint32_t)bcls[f >> 8] << 8 |
                                    bcls[f & 0xff];
                }
            for (k = 0; k < c && memcmp(sig[k], sig[c], sizeof sig[c]) != 0;
                 k++)
                ;
            if (k < c) {
                t->cls[c] = t->cls[k];
                continue;
            }
            if (ncls == 256) {
                fputs("ndr_gen: alphabet too large\n", stderr);
                trie_free(&tr);
                return -1;
            }
            b.rep[ncls] = (unsigned char)c;
            t->cls[c] = (unsigned char)ncls++;
        }
        b.ncls = ncls;
        t->nclasses = ncls;
    }
    b.tr = &tr;
    b.bcls = bcls;
    b.sp = used[' '];
    t->space = b.sp != 0 ? t->cls[' '] : 0;
    if (tr.n > NDR_AC_MAX_STATES) {
        fprintf(stderr, "ndr_gen: automaton too large (%lu trie nodes, at "
                        "most %u)\n", (unsigned long)tr.n, NDR_AC_MAX_STATES);
        trie_free(&tr);
        return -1;
    }
    b.id = xcalloc((size_t)tr.n * KEY_SPACE, sizeof *b.id);

    /* The states breadth first from the start (the root at the beginning
     * of a text, as after whitespace), then the other roots (after other
     * bytes, after each pending lead byte), so that every default chain
     * ends in a state with a row.  A default state shares the flags and
     * sits at the failure node; a state's next states are computed with
     * the plain scanner's rules, so the result does exactly what it
     * does. */
    state_of(&b, KEY(0, 1, 0, 0));
    state_of(&b, KEY(0, 0, 0, 0));
    for (unsigned j = 0; j < b.nleads; j++)
        if (b.active[j])
            state_of(&b, KEY(0, 0, j + 1, 0));
    nroots = b.n;
    for (uint32_t i = 0; i < b.n; i++) {
        uint32_t key = b.key[i];
        if ((size_t)(i + 1) * b.ncls > next_cap) {
            next_cap = next_cap ? next_cap * 2 : (size_t)4096 * b.ncls;
            next = xrealloc(next, next_cap, sizeof *next);
        }
        for (unsigned c = 0; c < b.ncls; c++)
            next[(size_t)i * b.ncls + c] =
                state_of(&b, semantic_step(&b, key, b.rep[c]));
        if (i >= nroots)
            state_of(&b, KEY(tr.fail[KEY_Q(key)], KEY_BLANK(key),
                             KEY_PEND(key), 0));
        if (b.n > NDR_AC_MAX_STATES) {
            fprintf(stderr, "ndr_gen: automaton too large (more than %u "
                            "states)\n", NDR_AC_MAX_STATES);
            free(next);
            free(b.id);
            free(b.key);
            trie_free(&tr);
            return -1;
        }
    }
    dflt = xcalloc(b.n, sizeof *dflt);
    for (uint32_t i = nroots; i < b.n; i++) {
        uint32_t key = b.key[i];
        dflt[i] = state_of(&b, KEY(tr.fail[KEY_Q(key)], KEY_BLANK(key),
                                   KEY_PEND(key), 0));
    }

    t->nstates = b.n;
    t->stride = (t->nclasses + NDR_AC_SCALE - 1) / NDR_AC_SCALE * NDR_AC_SCALE;
    t->nhot = (uint32_t)((size_t)NDR_AC_MAX_STATES * NDR_AC_SCALE / t->stride);
    if (t->nhot > t->nstates)
        t->nhot = t->nstates;
    /* A deep state's default goes straight to the first state with a row
     * down its chain, so that a step from a deep state is one look at its
     * list and at most one row. */
    for (uint32_t i = nroots; i < b.n; i++)
        while (dflt[i] >= t->nhot)
            dflt[i] = dflt[dflt[i]];
    /* The deep states in depth-first order of their trie nodes, so that
     * the states a phrase runs through lie side by side in memory. */
    renumber_deep(&tr, &b, next, dflt, t->nhot);
    t->state = xcalloc(t->nstates, sizeof *t->state);
    for (uint32_t i = 0; i < t->nstates; i++) {
        uint32_t key = b.key[i], q = KEY_Q(key);
        ndr_ac_state *st = &t->state[i];
        st->dflt = (uint16_t)dflt[i];
        if (KEY_REP(key)) {
            st->out = 1;
            st->first = (uint16_t)(tr.term[q] != 0 ? q : tr.dict[q]);
        }
    }
    /* Deep states: the classes on which they differ from their default. */
    for (uint32_t i = t->nhot; i < t->nstates; i++) {
        ndr_ac_state *st = &t->state[i];
        st->kids = t->nedges;
        for (unsigned c = 0; c < b.ncls; c++) {
            uint32_t to = next[(size_t)i * b.ncls + c];
            if (to == next[(size_t)dflt[i] * b.ncls + c])
                continue;
            if (st->nkids++ == 0) {
                st->cls0 = (uint16_t)c;
                st->to0 = state_ref(t, to);
                continue;
            }
            if (t->nedges == t->edge_cap) {
                t->edge_cap = t->edge_cap ? t->edge_cap * 2 : 1024;
                t->edge = xrealloc(t->edge, t->edge_cap, sizeof *t->edge);
            }
            t->edge[t->nedges].cls = (uint16_t)c;
            t->edge[t->nedges].to = state_ref(t, to);
            t->nedges++;
        }
    }
    t->row = xcalloc((size_t)t->nhot * t->stride, sizeof *t->row);
    for (uint32_t i = 0; i < t->nhot; i++)
        for (unsigned c = 0; c < t->nclasses; c++)
            t->row[(size_t)i * t->stride + c] =
                state_ref(t, next[(size_t)i * b.ncls + c]);

    /* Matches are reported from trie nodes: their patterns and the next
     * node down the dictionary chain. */
    t->ntrie = tr.n;
    t->term = xcalloc(tr.n, sizeof *t->term);
    t->dict = xcalloc(tr.n, sizeof *t->dict);
    memcpy(t->term, tr.term, tr.n * sizeof *t->term);
    memcpy(t->dict, tr.dict, tr.n * sizeof *t->dict);
    t->npatterns = (uint32_t)n;
    t->plen = xcalloc(n, sizeof *t->plen);
    t->maxplen = 0;
    for (size_t i = 0; i < n; i++) {
        t->plen[i] = (uint16_t)lens[i];
        if (lens[i] > t->maxplen)
            t->maxplen = (uint32_t)lens[i];
    }

    free(next);
    free(dflt);
    free(b.id);
    free(b.key);
    trie_free(&tr);
    return 0;
}

void ac_view(const ac_tables *t, ndr_ac *ac)
{
    ac->cls = t->cls;
    ac->row = t->row;
    ac->state = t->state;
    ac->edge = t->edge;
    ac->term = t->term;
    ac->dict = t->dict;
    ac->plen = t->plen;
    ac->nstates = t->nstates;
    ac->npatterns = t->npatterns;
    ac->nhot = t->nhot;
    ac->stride = t->stride;
    ac->space = t->space;
    ac->maxplen = t->maxplen;
}

static void emit_u32(FILE *o, const char *name, const char *field,
                     const uint32_t *v, uint32_t n)
{
    fprintf(o, "static const uint32_t %s_%s[%lu] = {", name, field,
            (unsigned long)(n ? n : 1));
    for (uint32_t i = 0; i < n; i++)
        fprintf(o, "%s%s%lu", i ? "," : "", i % 12 == 0 ? "\n    " : " ",
                (unsigned long)v[i]);
    fputs(n ? "};\n" : "0};\n", o);
}

void ac_emit(FILE *o, const char *name, const ac_tables *t)
{
    size_t nrow = (size_t)t->nhot * t->stride;
    fprintf(o, "/* %s: %lu patterns, %u byte classes, %lu states, %lu with "
               "rows, %lu edges, %lu trie nodes */\n", name,
            (unsigned long)t->npatterns, t->nclasses,
            (unsigned long)t->nstates, (unsigned long)t->nhot,
            (unsigned long)t->nedges, (unsigned long)t->ntrie);
    fprintf(o, "static const unsigned char %s_cls[256] = {", name);
    for (unsigned b = 0; b < 256; b++)
        fprintf(o, "%s%s%u", b ? "," : "", b % 16 == 0 ? "\n    " : " ",
                t->cls[b]);
    fputs("};\n", o);
    fprintf(o, "static const uint16_t %s_row[%lu] = {", name,
            (unsigned long)nrow);
    for (size_t i = 0; i < nrow; i++)
        fprintf(o, "%s%s%u", i ? "," : "", i % 12 == 0 ? "\n    " : " ",
                (unsigned)t->row[i]);
    fputs("};\n", o);
    fprintf(o, "static const ndr_ac_state %s_state[%lu] = {", name,
            (unsigned long)t->nstates);
    for (uint32_t i = 0; i < t->nstates; i++) {
        const ndr_ac_state *st = &t->state[i];
        fprintf(o, "%s%s{%u, %u, %u, %u, %lu, %u, %u}", i ? "," : "",
                i % 3 == 0 ? "\n    " : " ", (unsigned)st->dflt,
                (unsigned)st->first, (unsigned)st->nkids, (unsigned)st->out,
                (unsigned long)st->kids, (unsigned)st->cls0,
                (unsigned)st->to0);
    }
    fputs("};\n", o);
    fprintf(o, "static const ndr_ac_edge %s_edge[%lu] = {", name,
            (unsigned long)(t->nedges ? t->nedges : 1));
    for (uint32_t i = 0; i < t->nedges; i++)
        fprintf(o, "%s%s{%u, %u}", i ? "," : "", i % 6 == 0 ? "\n    " : " ",
                (unsigned)t->edge[i].cls, (unsigned)t->edge[i].to);
    fputs(t->nedges ? "};\n" : "{0, 0}};\n", o);
    emit_u32(o, name, "term", t->term, t->ntrie);
    emit_u32(o, name, "dict", t->dict, t->ntrie);
    fprintf(o, "static const uint16_t %s_plen[%lu] = {", name,
            (unsigned long)(t->npatterns ? t->npatterns : 1));
    for (uint32_t i = 0; i < t->npatterns; i++)
        fprintf(o, "%s%s%u", i ? "," : "", i % 16 == 0 ? "\n    " : " ",
                (unsigned)t->plen[i]);
    fputs(t->npatterns ? "};\n" : "0};\n", o);
    fprintf(o,
            "const ndr_ac %s = {%s_cls, %s_row, %s_state, %s_edge, %s_term,\n"
            "    %s_dict, %s_plen, %lu, %lu, %lu, %u, %u, %lu};\n\n",
            name, name, name, name, name, name, name, name,
            (unsigned long)t->nstates, (unsigned long)t->npatterns,
            (unsigned long)t->nhot, t->stride, (unsigned)t->space,
            (unsigned long)t->maxplen);
}

void ac_free(ac_tables *t)
{
    free(t->row);
    free(t->state);
    free(t->edge);
    free(t->term);
    free(t->dict);
    free(t->plen);
    memset(t, 0, sizeof *t);
}

/* ---- skip filter -------------------------------------------------------- */

/* How rare a folded byte is in English text: letters by their frequency
 * (e, t, a ... first), the space the most common of all; digits,
 * punctuation and other bytes rarer than any letter, but for the bytes
 * the filter folds coarsely (the lead and continuation bytes of letters
 * in other scripts), which any such letter has. */
static unsigned rarity(unsigned char c)
{
    static const char order[] = " etaoinshrdlcumwfgypbvkjxqz";
    const char *w = c != 0 ? strchr(order, c) : NULL;
    if (c == ndr_skip_fold(0x80) || c == ndr_skip_fold(0xd0))
        return 1;
    return w != NULL ? (unsigned)(w - order) : 30u;
}

unsigned skip_compile(unsigned char *shift, const char *const *pats,
                      const size_t *lens, size_t n)
{
    size_t m = 255;
    for (size_t i = 0; i < n; i++)
        if (lens[i] < m)
            m = lens[i];
    /* the filter skips a text's leading blanks, as no pattern starts
     * with one */
    for (size_t i = 0; i < n; i++)
        if (lens[i] > 0 && pats[i][0] == ' ')
            m = 0;
    if (n == 0 || m < 2) {
        memset(shift, 0, NDR_SKIP_HASH);
        return 0;
    }
    /* A pair under no window lets the window move by all but one byte. */
    memset(shift, (int)(m - 1), NDR_SKIP_HASH);
    for (size_t i = 0; i < n; i++) {
        const unsigned char *p = (const unsigned char *)pats[i];
        size_t at = 0;
        unsigned best = 0;
        for (size_t o = 0; o + m <= lens[i]; o++) {
            unsigned r = rarity(ndr_skip_fold(p[o + m - 2])) +
                         rarity(ndr_skip_fold(p[o + m - 1]));
            if (r > best) {
                best = r;
                at = o;
            }
        }
        /* the pair ending at J of the window: the window may move by
         * the bytes after it, and no further */
        for (size_t j = 1; j < m; j++) {
            unsigned h = ndr_skip_hash(ndr_skip_fold(p[at + j - 1]),
                                       ndr_skip_fold(p[at + j]));
            if (m - 1 - j < shift[h])
                shift[h] = (unsigned char)(m - 1 - j);
        }
    }
    /* Two blanks of a run stand for one space of a pattern: one byte on. */
    {
        unsigned h = ndr_skip_hash(' ', ' ');
        if (shift[h] > 1)
            shift[h] = 1;
    }
    return (unsigned)m;
}

void skip_emit(FILE *o, const char *name, const unsigned char *shift,
               unsigned m)
{
    fprintf(o, "static const unsigned char %s_shift[%u] = {", name,
            NDR_SKIP_HASH);
    for (unsigned i = 0; i < NDR_SKIP_HASH; i++)
        fprintf(o, "%s%s%u", i ? "," : "", i % 16 == 0 ? "\n    " : " ",
                (unsigned)shift[i]);
    fputs("};\n", o);
    fprintf(o, "const ndr_skip %s = {%s_shift, %u};\n\n", name, name, m);
}
