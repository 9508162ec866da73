/*
 * match.c - run a compiled Aho-Corasick automaton over a buffer.
 *
 * One pass over the text finds every occurrence of every pattern, however
 * many patterns the automaton holds.  The automaton is deterministic, with
 * the folding of case (ASCII, and the two-byte UTF-8 letters of Latin-1,
 * Latin Extended-A, Greek and Cyrillic), whitespace runs and pending lead
 * bytes built into its states (match.h): in a state with a row, which is
 * where nearly every step of ordinary text ends, a byte costs one table
 * load and the loop calls no function; a deeper state looks at its short
 * list of classes, then at most one row.  The tables come from the
 * generator (src/gen/acgen.c), which normalizes patterns with
 * ndr_ac_normalize and folds letters with ndr_ac_fold_pair below, so the
 * scanner and the patterns agree on folding.
 */
#include "match.h"

/* The simple lower case of code point U (U+0080..U+07FF, written in two
 * bytes) where it is one letter written in two bytes too; else U. */
static unsigned lower2(unsigned u)
{
    /* Latin-1: U+00D7 is the multiplication sign */
    if (u >= 0xc0 && u <= 0xde)
        return u == 0xd7 ? u : u + 0x20;
    /* Latin Extended-A: capital and small side by side, the capital first
     * (even) except from U+0139 to U+0148 and from U+0179 on.  U+0130 and
     * U+0131 pair with ASCII i and I, U+0138 and U+0149 have no capital,
     * U+017F (long s) is small; U+0178 is the capital of U+00FF. */
    if (u >= 0x100 && u <= 0x17f) {
        if (u == 0x130 || u == 0x131 || u == 0x138 || u == 0x149 ||
            u == 0x17f)
            return u;
        if (u == 0x178)
            return 0xff;
        if ((u >= 0x139 && u <= 0x148) || u >= 0x179)
            return (u + 1) & ~1u;
        return u | 1;
    }
    /* Greek: the capitals with tonos, then U+0391..U+03AB (U+03A2 is
     * unassigned); final sigma reads as sigma */
    if (u >= 0x386 && u <= 0x3ab) {
        if (u == 0x386)
            return 0x3ac;
        if (u >= 0x388 && u <= 0x38a)
            return u + 0x25;
        if (u == 0x38c)
            return 0x3cc;
        if (u == 0x38e || u == 0x38f)
            return u + 0x3f;
        return u >= 0x391 && u != 0x3a2 ? u + 0x20 : u;
    }
    if (u == 0x3c2)
        return 0x3c3;
    /* Cyrillic: U+0400..U+040F and U+0410..U+042F */
    if (u >= 0x400 && u <= 0x42f)
        return u < 0x410 ? u + 0x50 : u + 0x20;
    /* Cyrillic Supplement: pairs, the capital first (even), except
     * U+04C0 (palochka, small U+04CF) and U+04C1..U+04CE (capital odd);
     * U+0482..U+0489 are signs and marks */
    if ((u >= 0x460 && u <= 0x481) || (u >= 0x48a && u <= 0x4bf) ||
        (u >= 0x4d0 && u <= 0x4ff))
        return u | 1;
    if (u == 0x4c0)
        return 0x4cf;
    if (u >= 0x4c1 && u <= 0x4ce)
        return (u + 1) & ~1u;
    return u;
}

int ndr_ac_folds_lead(unsigned char c)
{
    return (c >= 0xc3 && c <= 0xc5) || c == 0xce || c == 0xcf ||
           (c >= 0xd0 && c <= 0xd3);
}

unsigned ndr_ac_fold_pair(unsigned char lead, unsigned char cont)
{
    unsigned u = lower2((unsigned)(lead & 0x1f) << 6 | (cont & 0x3fu));
    return (0xc0u | u >> 6) << 8 | (0x80u | (u & 0x3f));
}

static int continuation(unsigned char c)
{
    return c >= 0x80 && c <= 0xbf;
}

static int blank(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
           c == '\v';
}

size_t ndr_ac_normalize(const char *s, size_t n, char *out)
{
    size_t o = 0;
    int was_blank = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (blank(c)) {
            if (was_blank)
                continue;
            was_blank = 1;
            out[o++] = ' ';
            continue;
        }
        was_blank = 0;
        if (c >= 'A' && c <= 'Z') {
            out[o++] = (char)(c | 0x20);
        } else if (ndr_ac_folds_lead(c) && i + 1 < n &&
                   continuation((unsigned char)s[i + 1])) {
            unsigned f = ndr_ac_fold_pair(c, (unsigned char)s[++i]);
            out[o++] = (char)(f >> 8);
            out[o++] = (char)(f & 0xff);
        } else {
            out[o++] = (char)c;
        }
    }
    return o;
}

void ndr_ac_begin(ndr_ac_iter *it, const ndr_ac *ac, const char *text,
                  size_t len)
{
    it->ac = ac;
    /* no text: an empty one (no arithmetic on a null pointer) */
    it->text = (const unsigned char *)(text != NULL ? text : "");
    it->len = text != NULL ? len : 0;
    it->pos = 0;
    it->state = 0; /* the start's row */
    it->out = 0;
}

/* Where the occurrence of pattern ID that ends at END begins: step back
 * over plen[ID] normalized bytes, a whitespace run counting as one. */
static size_t start_of(const ndr_ac *ac, const unsigned char *t, size_t end,
                       uint32_t id)
{
    size_t i = end;
    unsigned n = ac->plen[id];
    unsigned char sp = ac->space;
    if (sp == 0) /* no pattern has a space: one text byte each */
        return n < end ? end - n : 0;
    while (n-- > 0 && i > 0) {
        i--;
        if (ac->cls[t[i]] == sp)
            while (i > 0 && ac->cls[t[i - 1]] == sp)
                i--;
    }
    return i;
}

/* The step from deep state Q on class K: a listed class, else the step
 * of its default state, which has a row.  Returns a row offset or
 * NDR_AC_SPECIAL | state. */
static inline uint32_t deep_step(const ndr_ac *ac, uint32_t q, unsigned k)
{
    const ndr_ac_state *st = &ac->state[q];
    if (q >= ac->nhot) {
        if (st->nkids > 0) {
            const ndr_ac_edge *e = ac->edge + st->kids;
            if (st->cls0 == k)
                return st->to0;
            for (unsigned i = 1; i < st->nkids; i++)
                if (e[i - 1].cls == k)
                    return e[i - 1].to;
        }
        q = st->dflt;
    }
    return ac->row[q * ac->stride + k];
}

int ndr_ac_next(ndr_ac_iter *it, ndr_ac_match *m)
{
    const ndr_ac *ac = it->ac;
    uint32_t u = it->out;

    if (u == 0) {
        const unsigned char *const t = it->text;
        const unsigned char *const end = t + it->len;
        const unsigned char *p = t + it->pos;
        const unsigned char *const cls = ac->cls;
        const uint16_t *const row = ac->row;
        uint32_t e = it->state;
        for (;;) {
            /* Shallow states: one load per byte, two bytes a turn. */
            while (e < NDR_AC_SPECIAL && end - p >= 2) {
                e = row[e * NDR_AC_SCALE + cls[p[0]]];
                if (e >= NDR_AC_SPECIAL) {
                    p++;
                    goto special;
                }
                e = row[e * NDR_AC_SCALE + cls[p[1]]];
                p += 2;
                if (e >= NDR_AC_SPECIAL)
                    goto special;
            }
            if (p == end) {
                it->pos = it->len;
                it->state = e;
                return 0;
            }
            if (e < NDR_AC_SPECIAL)
                e = row[e * NDR_AC_SCALE + cls[*p++]];
            else
                e = deep_step(ac, e & ~NDR_AC_SPECIAL, cls[*p++]);
            if (e < NDR_AC_SPECIAL)
                continue;
        special:
            if (ac->state[e & ~NDR_AC_SPECIAL].out) {
                u = ac->state[e & ~NDR_AC_SPECIAL].first;
                break;
            }
        }
        it->pos = (size_t)(p - t);
        it->state = e;
    }
    m->id = ac->term[u] - 1;
    m->end = it->pos;
    it->out = ac->dict[u];
    return 1;
}

size_t ndr_ac_start(const ndr_ac_iter *it, const ndr_ac_match *m)
{
    return start_of(it->ac, it->text, m->end, m->id);
}

size_t ndr_ac_start_at(const ndr_ac *ac, const char *text, size_t end,
                       uint32_t id)
{
    return start_of(ac, (const unsigned char *)text, end, id);
}

/* ---- every occurrence, two walks side by side --------------------------- */

/* The step from E (a row offset or NDR_AC_SPECIAL | state) on byte C. */
static inline uint32_t step(const ndr_ac *ac, uint32_t e, unsigned char c)
{
    return e < NDR_AC_SPECIAL ? ac->row[e * NDR_AC_SCALE + ac->cls[c]]
                              : deep_step(ac, e & ~NDR_AC_SPECIAL, ac->cls[c]);
}

/* What arriving at E (a special entry) just before TEXT[END] reports. */
static void report(const ndr_ac *ac, uint32_t e, size_t end, ndr_ac_fn *fn,
                   void *ud)
{
    const ndr_ac_state *st = &ac->state[e & ~NDR_AC_SPECIAL];
    if (!st->out)
        return;
    for (uint32_t u = st->first; u != 0; u = ac->dict[u])
        fn(ud, ac->term[u] - 1, end);
}

/* One walk over T[FROM..TO) from E; returns where it ends. */
static uint32_t walk(const ndr_ac *ac, const unsigned char *t, size_t from,
                     size_t to, uint32_t e, ndr_ac_fn *fn, void *ud)
{
    for (size_t i = from; i < to; i++) {
        e = step(ac, e, t[i]);
        if (e >= NDR_AC_SPECIAL)
            report(ac, e, i + 1, fn, ud);
    }
    return e;
}

/* Where an occurrence that starts before T[MID] ends at the latest: the
 * longest pattern's length in text from MID on, a run of blanks counting
 * once, as in the patterns (and a byte more). */
static size_t reach(const ndr_ac *ac, const unsigned char *t, size_t mid,
                    size_t len)
{
    size_t i = mid, n = 0;
    int was_blank = mid > 0 && blank(t[mid - 1]);
    while (i < len && n < ac->maxplen) {
        int b = blank(t[i++]);
        if (!b || !was_blank)
            n++;
        was_blank = b;
    }
    return i < len ? i + 1 : len;
}

void ndr_ac_scan_all(const ndr_ac *ac, const char *text, size_t len,
                     ndr_ac_fn *fn, void *ud)
{
    const unsigned char *t = (const unsigned char *)text;
    size_t mid, a, b, aend;
    uint32_t ea = 0, eb = 0;
    if (text == NULL || len == 0)
        return;
    /* Walk A reads [0, AEND), far enough to see every occurrence that
     * starts before MID end; walk B reads [MID, LEN) from the start state,
     * which finds every occurrence that starts after MID as a scan of the
     * whole text would (what a state keeps of the bytes before it, a blank
     * or a lead byte waiting for its second, B has read too).  MID is
     * placed so that the two are about as long. */
    if (len < 128 || ac->maxplen + 64 > len / 2) {
        walk(ac, t, 0, len, 0, fn, ud);
        return;
    }
    mid = (len - ac->maxplen) / 2;
    aend = reach(ac, t, mid, len);
    a = 0;
    b = mid;
    while (a < aend && b < len) {
        ea = step(ac, ea, t[a++]);
        eb = step(ac, eb, t[b++]);
        if (((ea | eb) & NDR_AC_SPECIAL) != 0) {
            if (ea >= NDR_AC_SPECIAL)
                report(ac, ea, a, fn, ud);
            if (eb >= NDR_AC_SPECIAL)
                report(ac, eb, b, fn, ud);
        }
    }
    walk(ac, t, a, aend, ea, fn, ud);
    walk(ac, t, b, len, eb, fn, ud);
}

/* ---- skip filter -------------------------------------------------------- */

/* (The arms of ?: are masked to a byte: clang checks the conversion of
 * every arm, even one never taken for that C.) */
#define FOLD_(c)                                                              \
    ((c) >= 'A' && (c) <= 'Z'                                                \
         ? ((c) | 0x20) & 0xff                                                \
     : (c) == ' ' || (c) == '\t' || (c) == '\n' || (c) == '\r' ||             \
             (c) == '\f' || (c) == '\v'                                       \
         ? ' '                                                                \
     : (c) >= 0x80 && (c) <= 0xbf ? 0x80                                      \
     : ((c) >= 0xc3 && (c) <= 0xc5) || (c) == 0xce || (c) == 0xcf ||          \
             ((c) >= 0xd0 && (c) <= 0xd3)                                     \
         ? 0xc3                                                               \
         : (c) & 0xff)
#define FOLD4_(c) FOLD_(c), FOLD_((c) + 1), FOLD_((c) + 2), FOLD_((c) + 3)
#define FOLD16_(c)                                                            \
    FOLD4_(c), FOLD4_((c) + 4), FOLD4_((c) + 8), FOLD4_((c) + 12)
#define FOLD64_(c)                                                            \
    FOLD16_(c), FOLD16_((c) + 16), FOLD16_((c) + 32), FOLD16_((c) + 48)

static const unsigned char skip_fold[256] = {FOLD64_(0), FOLD64_(64),
                                             FOLD64_(128), FOLD64_(192)};

unsigned char ndr_skip_fold(unsigned char c) { return skip_fold[c]; }

static unsigned pair_slot(unsigned char a, unsigned char b)
{
    return ((unsigned)a << 5 ^ b) & (NDR_SKIP_HASH - 1);
}

unsigned ndr_skip_hash(unsigned char a, unsigned char b)
{
    return pair_slot(a, b);
}

int ndr_skip_maybe(const ndr_skip *f, const char *text, size_t len)
{
    const unsigned char *t = (const unsigned char *)text;
    const unsigned char *sh = f->shift;
    size_t pos;
    if (f->m == 0)
        return 1;
    while (len > 0 && skip_fold[*t] == ' ') {
        t++;
        len--;
    }
    for (pos = f->m - 1; pos < len;) {
        unsigned s = sh[pair_slot(skip_fold[t[pos - 1]], skip_fold[t[pos]])];
        if (s == 0)
            return 1;
        pos += s;
    }
    return 0;
}
