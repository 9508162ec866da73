/*
 * match.h - a compiled multi-pattern matcher (Aho-Corasick) (internal).
 *
 * The generator (src/gen/acgen.c) compiles a list of patterns into static
 * tables; the library scans text with them in one pass, whatever the
 * number of patterns.  Matching ignores ASCII case and the case of the
 * Latin-1 letters written in UTF-8 (U+00C0..U+00DE), and any run of
 * whitespace in the text matches one space in a pattern, so a phrase wrapped
 * across lines ("User\n    unknown") still matches "user unknown".
 *
 * The goto function is stored as a double array: the child of state S on
 * byte class C is the slot T = base[S] + C when check[T] == S, else the
 * search follows fail[S].  The tables are padded so that base[S] + C is
 * always inside them.  Nothing here allocates.
 */
#ifndef NDR_MATCH_H
#define NDR_MATCH_H

#include <stddef.h>
#include <stdint.h>

typedef struct ndr_ac {
    const unsigned char *cls; /* 256 entries: folded byte -> class, 0 = unused */
    const uint32_t *base;     /* per slot: where its children start */
    const uint32_t *check;    /* per slot: parent slot, NDR_AC_EMPTY if free */
    const uint32_t *fail;     /* per slot: longest proper suffix state */
    const uint32_t *term;     /* per slot: pattern id + 1 ending here, or 0 */
    const uint32_t *dict;     /* per slot: next state on the fail chain with
                                 term != 0, or 0 */
    const uint16_t *plen;     /* per pattern: length after normalization */
    uint32_t nslots;
    uint32_t npatterns;
    unsigned char space;      /* the class of ' ' (0 when no pattern has one) */
} ndr_ac;

#define NDR_AC_EMPTY UINT32_MAX

/* Longest pattern, in bytes after normalization. */
#define NDR_AC_MAX_PATTERN 1024

/* One occurrence: pattern ID found at TEXT[start..end). */
typedef struct ndr_ac_match {
    uint32_t id;
    size_t start;
    size_t end;
} ndr_ac_match;

/* A scan in progress over one buffer; the fields are private. */
typedef struct ndr_ac_iter {
    const ndr_ac *ac;
    const unsigned char *text;
    size_t len;
    size_t pos;
    uint32_t state;
    uint32_t out;   /* next state of the output chain still to report */
    unsigned char prev; /* previous byte as read (for UTF-8 folding) */
    unsigned char blank; /* 1 when the previous byte was whitespace */
} ndr_ac_iter;

/* Start scanning TEXT[0..LEN) (borrowed for the whole scan). */
void ndr_ac_begin(ndr_ac_iter *it, const ndr_ac *ac, const char *text,
                  size_t len);

/* The next occurrence, in order of its end offset (occurrences ending at
 * the same byte: longest first).  Overlapping occurrences are all reported.
 * Returns 1 and fills *M, or 0 at the end of the text. */
int ndr_ac_next(ndr_ac_iter *it, ndr_ac_match *m);

/* Normalize pattern S[0..N) the way the scanner sees text: ASCII and
 * Latin-1 UTF-8 capitals to small letters, whitespace runs to one space.
 * Writes at most N bytes to OUT and returns the new length.  The generator
 * applies it to every pattern. */
size_t ndr_ac_normalize(const char *s, size_t n, char *out);

#endif
