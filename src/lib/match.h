/*
 * match.h - a compiled multi-pattern matcher (Aho-Corasick) (internal).
 *
 * The generator (src/gen/acgen.c) compiles a list of patterns into static
 * tables; the library scans text with them in one pass, whatever the
 * number of patterns.  Matching ignores the case of ASCII letters and of
 * the two-byte UTF-8 letters whose capital and small forms are one to one
 * and of the same length: Latin-1 (U+00C0..U+00DE), Latin Extended-A
 * (U+0100..U+017F, with U+0178 Y diaeresis whose small letter is U+00FF;
 * not U+0130 dotted I and U+0131 dotless i, whose partners are ASCII),
 * Greek (U+0386..U+03AB, and final sigma as sigma), Cyrillic
 * (U+0400..U+042F) and the Cyrillic Supplement (U+0460..U+04FF).  Any run
 * of whitespace in the text matches one space in a pattern, so a phrase
 * wrapped across lines ("User\n    unknown") still matches "user unknown".
 * Folding keeps every byte in its place (a letter and its small letter are
 * both two bytes), so a match starts plen bytes back, blank runs aside.
 *
 * The automaton is deterministic: what a plain Aho-Corasick scanner keeps
 * beside its state (is the last byte whitespace; is it the lead byte of a
 * letter that may fold, and then which one) is part of the state, so a
 * step is one table look-up and nothing else.  After such a lead byte the
 * state remembers it and where the trie stood before it; the next byte,
 * when it continues the letter, moves the trie over both bytes of the
 * small letter (for Cyrillic the small letter's lead byte can differ:
 * capital R is D0 A0, small r D1 80), and any other byte is read as after
 * a byte no pattern holds.  A pattern therefore never ends with such a
 * lead byte, nor has one without its continuation byte (ac_compile
 * refuses it).  States are numbered breadth first from the start; the
 * first NHOT of them (the shallow ones, where nearly every step of
 * ordinary text ends) have a full row of next states.  A row entry is the
 * next state's row offset divided by NDR_AC_SCALE (state * STRIDE /
 * NDR_AC_SCALE) when that state has a row and reports nothing, else
 * NDR_AC_SPECIAL | state.  A deeper state lists only the classes on which
 * it goes elsewhere than its default state (the first state with a row
 * down its chain of failure nodes, with the same flags), whose row
 * answers for the rest.  Matches are reported from trie nodes: a state
 * that reports names the first node of its output chain, whose patterns
 * are in term[] and the next node in dict[].  Nothing here allocates.
 */
#ifndef NDR_MATCH_H
#define NDR_MATCH_H

#include <stddef.h>
#include <stdint.h>

/* A row entry with this bit names a state (the low 15 bits) instead of
 * giving a row offset: a deep state, or one that reports matches. */
#define NDR_AC_SPECIAL 0x8000u

/* Row offsets are kept divided by this (rows are padded to a multiple of
 * it), so that 15 bits name more rows. */
#define NDR_AC_SCALE 8

/* The most states (and trie nodes) an automaton may have: state numbers
 * fit in 15 bits. */
#define NDR_AC_MAX_STATES 0x8000u

/* One state, in breadth-first order (state 0 is the start). */
typedef struct ndr_ac_state {
    uint16_t dflt;  /* deep state: the state (with a row) whose row gives
                       the classes not listed */
    uint16_t first; /* reporting state: the first trie node with a match */
    uint16_t nkids; /* deep state: classes listed, the first of them here
                       (most deep states list one), the rest at
                       edge[kids ..] */
    uint16_t out;   /* 1 when arriving here reports matches */
    uint32_t kids;
    uint16_t cls0;  /* the first listed class, and where it goes */
    uint16_t to0;
} ndr_ac_state;

/* A listed class of a deep state: on class CLS, go to TO (a row offset or
 * NDR_AC_SPECIAL | state, as in the rows). */
typedef struct ndr_ac_edge {
    uint16_t cls;
    uint16_t to;
} ndr_ac_edge;

typedef struct ndr_ac {
    const unsigned char *cls;   /* 256 entries: byte -> class */
    const uint16_t *row;        /* NHOT rows of NCLS entries, see above */
    const ndr_ac_state *state;  /* per state */
    const ndr_ac_edge *edge;    /* listed classes, grouped by state */
    const uint32_t *term;       /* per trie node: pattern id + 1 ending
                                   there, or 0 */
    const uint32_t *dict;       /* per trie node: next node down the
                                   failure chain with term != 0, or 0 */
    const uint16_t *plen;       /* per pattern: length after normalization */
    uint32_t nstates;
    uint32_t npatterns;
    uint32_t nhot;              /* states 0 .. nhot-1 have rows (at least
                                   the roots: 2, and 1 per lead byte that
                                   waits) */
    uint32_t stride;            /* entries per row (a multiple of
                                   NDR_AC_SCALE, at least the classes) */
    unsigned char space;        /* the class of ' ' (0 when no pattern
                                   has one) */
    uint32_t maxplen;           /* the longest pattern, normalized */
} ndr_ac;

/* Longest pattern, in bytes after normalization. */
#define NDR_AC_MAX_PATTERN 1024

/* One occurrence: pattern ID found ending at TEXT[end] (exclusive); where
 * it starts costs a walk back over the text, so ndr_ac_start finds it only
 * for the occurrences whose start matters. */
typedef struct ndr_ac_match {
    uint32_t id;
    size_t end;
} ndr_ac_match;

/* A scan in progress over one buffer; the fields are private. */
typedef struct ndr_ac_iter {
    const ndr_ac *ac;
    const unsigned char *text;
    size_t len;
    size_t pos;
    uint32_t state; /* a row offset, or NDR_AC_SPECIAL | state */
    uint32_t out;   /* next trie node of the output chain to report */
} ndr_ac_iter;

/* Start scanning TEXT[0..LEN) (borrowed for the whole scan). */
void ndr_ac_begin(ndr_ac_iter *it, const ndr_ac *ac, const char *text,
                  size_t len);

/* The next occurrence, in order of its end offset (occurrences ending at
 * the same byte: longest first).  Overlapping occurrences are all reported.
 * Returns 1 and fills *M, or 0 at the end of the text. */
int ndr_ac_next(ndr_ac_iter *it, ndr_ac_match *m);

/* Where occurrence M, reported by the scan IT, starts in its text. */
size_t ndr_ac_start(const ndr_ac_iter *it, const ndr_ac_match *m);

/* Where the occurrence of pattern ID that ends at TEXT[END] starts. */
size_t ndr_ac_start_at(const ndr_ac *ac, const char *text, size_t end,
                       uint32_t id);

/* Every occurrence in TEXT[0..LEN), to FN (with UD, the pattern and where
 * the occurrence ends), for a caller to whom their order does not matter.
 * A long text is read as two overlapping halves side by side: each step
 * of the automaton waits on the table load of the step before, so two
 * independent walks in one loop take little longer than one.  An
 * occurrence in the overlap may be reported twice. */
typedef void ndr_ac_fn(void *ud, uint32_t id, size_t end);
void ndr_ac_scan_all(const ndr_ac *ac, const char *text, size_t len,
                     ndr_ac_fn *fn, void *ud);

/* A skip filter: a quick, one-sided test that a text cannot hold any of a
 * list of patterns, so that most lines need no automaton at all.  It is
 * Horspool's search over pairs of bytes (as in Wu and Manber's), run on one
 * window of M bytes chosen in each pattern: the text's last pair under the
 * window says how far the window can move before any pattern's window
 * could end there, and the test passes as soon as a pair allows no move.
 * Text and patterns are read through the same folding (case and
 * whitespace as the scanner, the letters of other scripts more coarsely),
 * and a pair of blanks moves one byte only, since a run of them matches
 * one space: the test never fails a text that holds a pattern, and passes
 * few others.  Tables from the generator. */
#define NDR_SKIP_HASH 4096u

typedef struct ndr_skip {
    const unsigned char *shift; /* NDR_SKIP_HASH entries, by pair hash */
    unsigned m;                 /* the window, 2..255 bytes; 0: every text
                                   passes (a pattern shorter than 2) */
} ndr_skip;

/* The filter's view of byte C: ASCII capitals small, every blank a space,
 * every lead byte of a letter that folds (ndr_ac_folds_lead) 0xC3 and
 * every continuation byte (0x80..0xBF) 0x80.  A letter and its small
 * letter differ only in those bytes, and the scanner folds them by pairs,
 * which a view of one byte cannot follow: so it forgets them alike on
 * both sides, never a miss. */
unsigned char ndr_skip_fold(unsigned char c);

/* The slot of the folded pair A, B. */
unsigned ndr_skip_hash(unsigned char a, unsigned char b);

/* 0 when TEXT[0..LEN) cannot hold a pattern of F (after leading blanks,
 * which no pattern starts with), 1 when it may. */
int ndr_skip_maybe(const ndr_skip *f, const char *text, size_t len);

/* 1 when C is the lead byte of a two-byte letter that folds: 0xC3, 0xC4,
 * 0xC5 (Latin-1, Latin Extended-A), 0xCE, 0xCF (Greek), 0xD0..0xD3
 * (Cyrillic and its Supplement). */
int ndr_ac_folds_lead(unsigned char c);

/* The small letter of the two-byte UTF-8 character LEAD, CONT (LEAD as
 * above, CONT 0x80..0xBF), as LEAD' << 8 | CONT'; the character itself
 * when it is no capital. */
unsigned ndr_ac_fold_pair(unsigned char lead, unsigned char cont);

/* Normalize pattern S[0..N) the way the scanner sees text: capitals to
 * small letters (ASCII, and the two-byte letters listed at the top),
 * whitespace runs to one space.  Writes at most N bytes to OUT (which may
 * be S) and returns the new length.  The generator applies it to every
 * pattern. */
size_t ndr_ac_normalize(const char *s, size_t n, char *out);

#endif
