/*
 * acgen.c - build an Aho-Corasick automaton at build time.
 *
 * Steps: give each byte that occurs in a pattern a class number (case and
 * whitespace folded as the scanner folds them), build the trie of the
 * patterns, compute failure and dictionary links breadth first, then
 * number the states in that order and write a full row of next states for
 * the first (shallow) ones and a short list of children for the others
 * (src/lib/match.h says how the scanner reads them).  Everything is
 * deterministic: the same list gives the same tables, byte for byte.
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
    p = realloc(p, n * size);
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

/* The byte the scanner looks up for input byte C outside the Latin-1
 * capital case: ASCII capitals folded, whitespace as ' '. */
static unsigned char fold(unsigned c)
{
    if (c >= 'A' && c <= 'Z')
        return (unsigned char)(c | 0x20);
    if (is_blank((int)c))
        return ' ';
    return (unsigned char)c;
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

/* The scanner's value for state ID: its row offset when it has a row and
 * reports nothing, else NDR_AC_SPECIAL | ID. */
static uint16_t state_ref(const ac_tables *t, uint32_t id)
{
    if (id < t->nhot && t->state[id].out == 0)
        return (uint16_t)(id * t->nclasses);
    return (uint16_t)(NDR_AC_SPECIAL | id);
}

int ac_compile(ac_tables *t, const char *const *pats, const size_t *lens,
               size_t n)
{
    unsigned char used[256] = {0};
    trie tr;
    uint32_t *queue, *id, qh = 0, qt = 0;

    memset(t, 0, sizeof *t);
    memset(&tr, 0, sizeof tr);
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
        for (size_t k = 0; k < lens[i]; k++)
            used[(unsigned char)pats[i][k]] = 1;
    }
    /* Classes in byte order: deterministic, and 0 stays "no pattern". */
    t->nclasses = 1;
    for (unsigned b = 0; b < 256; b++)
        if (used[b]) {
            if (t->nclasses == 256) {
                fputs("ndr_gen: alphabet too large\n", stderr);
                return -1;
            }
            used[b] = (unsigned char)t->nclasses++;
        }
    for (unsigned b = 0; b < 256; b++)
        t->cls[b] = used[fold(b)];
    t->space = used[' '];

    /* The trie. */
    tr.ncls = t->nclasses;
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
    if (tr.n > NDR_AC_MAX_STATES) {
        fprintf(stderr, "ndr_gen: automaton too large (%lu states, at most "
                        "%u)\n", (unsigned long)tr.n, NDR_AC_MAX_STATES);
        trie_free(&tr);
        return -1;
    }

    /* Failure and dictionary links, breadth first; QUEUE keeps the order,
     * which becomes the states' numbers. */
    tr.fail = xcalloc(tr.n, sizeof *tr.fail);
    tr.dict = xcalloc(tr.n, sizeof *tr.dict);
    queue = xcalloc(tr.n, sizeof *queue);
    id = xcalloc(tr.n, sizeof *id);
    queue[qt++] = 0;
    while (qh < qt) {
        uint32_t u = queue[qh++];
        for (unsigned c = 1; c < tr.ncls; c++) {
            uint32_t v = tr.go[(size_t)u * tr.ncls + c], f;
            if (v == NONE)
                continue;
            f = 0;
            if (u != 0) {
                f = tr.fail[u];
                while (f != 0 && tr.go[(size_t)f * tr.ncls + c] == NONE)
                    f = tr.fail[f];
                if (tr.go[(size_t)f * tr.ncls + c] != NONE)
                    f = tr.go[(size_t)f * tr.ncls + c];
            }
            tr.fail[v] = f;
            tr.dict[v] = tr.term[f] != 0 ? f : tr.dict[f];
            queue[qt++] = v;
        }
    }
    for (uint32_t i = 0; i < qt; i++)
        id[queue[i]] = i;

    /* States in breadth-first order, with their children. */
    t->nstates = tr.n;
    t->nhot = (uint32_t)(NDR_AC_MAX_STATES / t->nclasses);
    if (t->nhot > t->nstates)
        t->nhot = t->nstates;
    t->state = xcalloc(t->nstates, sizeof *t->state);
    t->edge = xcalloc(t->nstates, sizeof *t->edge);
    t->term = xcalloc(t->nstates, sizeof *t->term);
    t->dict = xcalloc(t->nstates, sizeof *t->dict);
    for (uint32_t i = 0; i < t->nstates; i++) {
        uint32_t u = queue[i];
        ndr_ac_state *st = &t->state[i];
        st->fail = (uint16_t)id[tr.fail[u]];
        st->out = tr.term[u] != 0 || tr.dict[u] != 0;
        t->term[i] = tr.term[u];
        t->dict[i] = tr.dict[u] != 0 ? id[tr.dict[u]] : 0;
    }
    for (uint32_t i = 0; i < t->nstates; i++) {
        uint32_t u = queue[i];
        ndr_ac_state *st = &t->state[i];
        st->kids = t->nedges;
        for (unsigned c = 1; c < tr.ncls; c++) {
            uint32_t v = tr.go[(size_t)u * tr.ncls + c];
            if (v == NONE)
                continue;
            t->edge[t->nedges].cls = (uint16_t)c;
            t->edge[t->nedges].to = state_ref(t, id[v]);
            t->nedges++;
            st->nkids++;
        }
    }
    /* Full rows of the shallow states: a missing child is what the
     * failure state (shallower, so its row is done) does on that class. */
    t->row = xcalloc((size_t)t->nhot * t->nclasses, sizeof *t->row);
    for (uint32_t i = 0; i < t->nhot; i++) {
        uint16_t *r = &t->row[(size_t)i * t->nclasses];
        const ndr_ac_state *st = &t->state[i];
        for (unsigned c = 0; c < t->nclasses; c++)
            r[c] = i == 0 ? 0 : t->row[(size_t)st->fail * t->nclasses + c];
        for (uint32_t k = 0; k < st->nkids; k++)
            r[t->edge[st->kids + k].cls] = t->edge[st->kids + k].to;
    }

    t->npatterns = (uint32_t)n;
    t->plen = xcalloc(n, sizeof *t->plen);
    for (size_t i = 0; i < n; i++)
        t->plen[i] = (uint16_t)lens[i];

    free(queue);
    free(id);
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
    ac->ncls = t->nclasses;
    ac->space = t->space;
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
    size_t nrow = (size_t)t->nhot * t->nclasses;
    fprintf(o, "/* %s: %lu patterns, %u byte classes, %lu states, %lu with "
               "rows */\n", name, (unsigned long)t->npatterns, t->nclasses,
            (unsigned long)t->nstates, (unsigned long)t->nhot);
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
    for (uint32_t i = 0; i < t->nstates; i++)
        fprintf(o, "%s%s{%u, %u, %u, %lu}", i ? "," : "",
                i % 4 == 0 ? "\n    " : " ", (unsigned)t->state[i].fail,
                (unsigned)t->state[i].nkids, (unsigned)t->state[i].out,
                (unsigned long)t->state[i].kids);
    fputs("};\n", o);
    fprintf(o, "static const ndr_ac_edge %s_edge[%lu] = {", name,
            (unsigned long)(t->nedges ? t->nedges : 1));
    for (uint32_t i = 0; i < t->nedges; i++)
        fprintf(o, "%s%s{%u, %u}", i ? "," : "", i % 6 == 0 ? "\n    " : " ",
                (unsigned)t->edge[i].cls, (unsigned)t->edge[i].to);
    fputs(t->nedges ? "};\n" : "{0, 0}};\n", o);
    emit_u32(o, name, "term", t->term, t->nstates);
    emit_u32(o, name, "dict", t->dict, t->nstates);
    fprintf(o, "static const uint16_t %s_plen[%lu] = {", name,
            (unsigned long)(t->npatterns ? t->npatterns : 1));
    for (uint32_t i = 0; i < t->npatterns; i++)
        fprintf(o, "%s%s%u", i ? "," : "", i % 16 == 0 ? "\n    " : " ",
                (unsigned)t->plen[i]);
    fputs(t->npatterns ? "};\n" : "0};\n", o);
    fprintf(o,
            "const ndr_ac %s = {%s_cls, %s_row, %s_state, %s_edge, %s_term,\n"
            "    %s_dict, %s_plen, %lu, %lu, %lu, %u, %u};\n\n",
            name, name, name, name, name, name, name, name,
            (unsigned long)t->nstates, (unsigned long)t->npatterns,
            (unsigned long)t->nhot, t->nclasses, (unsigned)t->space);
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
