/*
 * acgen.c - build an Aho-Corasick automaton at build time.
 *
 * Steps: give each byte that occurs in a pattern a class number (case and
 * whitespace folded as the scanner folds them), build the trie of the
 * patterns, compute failure and dictionary links breadth first, then pack
 * the trie's edges into a double array (base/check) so that the scanner
 * finds a child with one addition and one comparison.  Everything is
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
    uint32_t *go, *fail, *term, *dict, *slot;
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

int ac_compile(ac_tables *t, const char *const *pats, const size_t *lens,
               size_t n)
{
    unsigned char used[256] = {0};
    trie tr;
    uint32_t *queue, qh = 0, qt = 0, top = 0, hint = 1;
    unsigned char *taken = NULL;
    size_t taken_cap = 0;

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
            free(tr.go);
            free(tr.term);
            return -1;
        }
        tr.term[s] = (uint32_t)i + 1;
    }

    /* Failure and dictionary links, breadth first; QUEUE keeps the order
     * for the packing below. */
    tr.fail = xcalloc(tr.n, sizeof *tr.fail);
    tr.dict = xcalloc(tr.n, sizeof *tr.dict);
    tr.slot = xcalloc(tr.n, sizeof *tr.slot);
    queue = xcalloc(tr.n, sizeof *queue);
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

    /* Double array: place each node's children at BASE + class in free
     * slots, parents before children.  Slot 0 is the root. */
    tr.slot[0] = 0;
    taken_cap = 1024;
    taken = xcalloc(taken_cap, 1);
    taken[0] = 1;
    t->base = NULL;
    {
        uint32_t *base = xcalloc(tr.n, sizeof *base); /* by node */
        unsigned kids[256], nk;
        for (qh = 0; qh < qt; qh++) {
            uint32_t u = queue[qh], b;
            nk = 0;
            for (unsigned c = 1; c < tr.ncls; c++)
                if (tr.go[(size_t)u * tr.ncls + c] != NONE)
                    kids[nk++] = c;
            if (nk == 0) {
                base[u] = 0; /* a leaf: no slot names it as parent */
                continue;
            }
            while (hint < taken_cap && taken[hint])
                hint++;
            b = hint > kids[0] ? hint - kids[0] : 0;
            for (;; b++) {
                unsigned k = 0;
                if ((size_t)b + tr.ncls >= taken_cap) {
                    size_t nc = taken_cap * 2;
                    taken = xrealloc(taken, nc, 1);
                    memset(taken + taken_cap, 0, nc - taken_cap);
                    taken_cap = nc;
                }
                while (k < nk && !taken[b + kids[k]])
                    k++;
                if (k == nk)
                    break;
            }
            base[u] = b;
            for (unsigned k = 0; k < nk; k++) {
                uint32_t v = tr.go[(size_t)u * tr.ncls + kids[k]];
                taken[b + kids[k]] = 1;
                tr.slot[v] = b + kids[k];
                if (b + kids[k] > top)
                    top = b + kids[k];
            }
        }
        /* Pad so that base + class never leaves the arrays. */
        t->nslots = top + 1;
        for (uint32_t u = 0; u < tr.n; u++)
            if (base[u] + tr.ncls > t->nslots)
                t->nslots = base[u] + tr.ncls;
        t->base = xcalloc(t->nslots, sizeof *t->base);
        t->check = xcalloc(t->nslots, sizeof *t->check);
        t->fail = xcalloc(t->nslots, sizeof *t->fail);
        t->term = xcalloc(t->nslots, sizeof *t->term);
        t->dict = xcalloc(t->nslots, sizeof *t->dict);
        for (uint32_t s = 0; s < t->nslots; s++)
            t->check[s] = NDR_AC_EMPTY;
        for (uint32_t u = 0; u < tr.n; u++) {
            uint32_t s = tr.slot[u];
            t->base[s] = base[u];
            t->fail[s] = tr.slot[tr.fail[u]];
            t->term[s] = tr.term[u];
            t->dict[s] = tr.dict[u] != 0 ? tr.slot[tr.dict[u]] : 0;
            for (unsigned c = 1; c < tr.ncls; c++) {
                uint32_t v = tr.go[(size_t)u * tr.ncls + c];
                if (v != NONE)
                    t->check[tr.slot[v]] = s;
            }
        }
        free(base);
    }
    t->npatterns = (uint32_t)n;
    t->plen = xcalloc(n, sizeof *t->plen);
    for (size_t i = 0; i < n; i++)
        t->plen[i] = (uint16_t)lens[i];

    free(taken);
    free(queue);
    free(tr.go);
    free(tr.fail);
    free(tr.term);
    free(tr.dict);
    free(tr.slot);
    return 0;
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
    fprintf(o, "/* %s: %lu patterns, %u byte classes, %lu slots */\n", name,
            (unsigned long)t->npatterns, t->nclasses,
            (unsigned long)t->nslots);
    fprintf(o, "static const unsigned char %s_cls[256] = {", name);
    for (unsigned b = 0; b < 256; b++)
        fprintf(o, "%s%s%u", b ? "," : "", b % 16 == 0 ? "\n    " : " ",
                t->cls[b]);
    fputs("};\n", o);
    emit_u32(o, name, "base", t->base, t->nslots);
    /* check[] holds NDR_AC_EMPTY for free slots: write it by name */
    fprintf(o, "static const uint32_t %s_check[%lu] = {", name,
            (unsigned long)t->nslots);
    for (uint32_t i = 0; i < t->nslots; i++) {
        fprintf(o, "%s%s", i ? "," : "", i % 8 == 0 ? "\n    " : " ");
        if (t->check[i] == NDR_AC_EMPTY)
            fputs("NDR_AC_EMPTY", o);
        else
            fprintf(o, "%lu", (unsigned long)t->check[i]);
    }
    fputs("};\n", o);
    emit_u32(o, name, "fail", t->fail, t->nslots);
    emit_u32(o, name, "term", t->term, t->nslots);
    emit_u32(o, name, "dict", t->dict, t->nslots);
    fprintf(o, "static const uint16_t %s_plen[%lu] = {", name,
            (unsigned long)(t->npatterns ? t->npatterns : 1));
    for (uint32_t i = 0; i < t->npatterns; i++)
        fprintf(o, "%s%s%u", i ? "," : "", i % 16 == 0 ? "\n    " : " ",
                (unsigned)t->plen[i]);
    fputs(t->npatterns ? "};\n" : "0};\n", o);
    fprintf(o,
            "const ndr_ac %s = {%s_cls, %s_base, %s_check, %s_fail, %s_term,\n"
            "    %s_dict, %s_plen, %lu, %lu, %u};\n\n",
            name, name, name, name, name, name, name, name,
            (unsigned long)t->nslots, (unsigned long)t->npatterns,
            (unsigned)t->space);
}

void ac_free(ac_tables *t)
{
    free(t->base);
    free(t->check);
    free(t->fail);
    free(t->term);
    free(t->dict);
    free(t->plen);
    memset(t, 0, sizeof *t);
}
