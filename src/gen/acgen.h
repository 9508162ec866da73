/*
 * acgen.h - compile a pattern list into the static tables of an ndr_ac
 * automaton (src/lib/match.h) and write them as C.
 *
 * Any list of byte strings can be compiled: the reason phrases today, other
 * marker lists (separator lines, vendor markers) later.  A list becomes one
 * `const ndr_ac NAME` in the generated file; pattern ids are the positions
 * in the list, so the caller keeps its own per-pattern data in a parallel
 * array.
 */
#ifndef NDR_GEN_ACGEN_H
#define NDR_GEN_ACGEN_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "match.h"

typedef struct ac_tables {
    unsigned char cls[256];
    unsigned nclasses; /* the scanner's byte classes */
    unsigned stride;   /* entries per row: nclasses rounded up to a multiple
                          of NDR_AC_SCALE */
    unsigned char space;
    uint32_t nstates, npatterns, nhot, nedges, edge_cap, ntrie;
    uint16_t *row;        /* nhot rows of stride entries */
    ndr_ac_state *state;  /* nstates */
    ndr_ac_edge *edge;    /* nedges */
    uint32_t *term, *dict; /* ntrie: per trie node */
    uint16_t *plen;
    uint32_t maxplen;     /* the longest of plen */
} ac_tables;

/* Compile PATS[0..N): each PATS[i] is LENS[i] bytes, already normalized
 * with ndr_ac_normalize, not empty, not longer than NDR_AC_MAX_PATTERN,
 * with a continuation byte (0x80..0xBF) after each lead byte that folds
 * (ndr_ac_folds_lead: valid UTF-8 always has one), and no two equal (the
 * caller reports duplicates with file and line).  Returns 0, or -1 after
 * printing "ndr_gen: message" (a pattern breaks those rules, the alphabet
 * grows past 255 classes or the automaton past NDR_AC_MAX_STATES
 * states). */
int ac_compile(ac_tables *t, const char *const *pats, const size_t *lens,
               size_t n);

/* The offset in P[0..N) of the first lead byte that folds without a
 * continuation byte after it (a pattern ac_compile refuses), or N. */
size_t ac_unfinished(const char *p, size_t n);

/* Point AC at the tables of T (which must outlive it): for automata
 * compiled at run time, as the unit tests do. */
void ac_view(const ac_tables *t, ndr_ac *ac);

/* Write the tables as static arrays and `const ndr_ac NAME = {...};`. */
void ac_emit(FILE *o, const char *name, const ac_tables *t);

void ac_free(ac_tables *t);

/* The skip filter (match.h) of PATS[0..N) (normalized, as for
 * ac_compile): its window is the shortest pattern's length (at most 255),
 * and in each pattern the window is placed where its last pair of bytes
 * is least common in English text, so that few texts pass.  Writes
 * NDR_SKIP_HASH shifts and returns the window (0: no filter, as a pattern
 * is shorter than 2 bytes or starts with a space). */
unsigned skip_compile(unsigned char *shift, const char *const *pats,
                      const size_t *lens, size_t n);

/* Write SHIFT and `const ndr_skip NAME = {...};`. */
void skip_emit(FILE *o, const char *name, const unsigned char *shift,
               unsigned m);

#endif
