/*
 * match.c - run a compiled Aho-Corasick automaton over a buffer.
 *
 * One pass over the text finds every occurrence of every pattern, however
 * many patterns the automaton holds: each byte costs a table lookup and,
 * amortised, a constant number of goto/fail steps.  The inner loop calls no
 * function.  The tables come from the generator (src/gen/acgen.c), which
 * normalizes patterns with ndr_ac_normalize below, so the scanner and the
 * patterns agree on case folding and whitespace.
 */
#include "match.h"

/* U+00C0..U+00DE except U+00D7 (multiplication sign): the capitals of
 * Latin-1, whose small letters are the same second byte plus 0x20. */
static int latin1_capital(unsigned char prev, unsigned char c)
{
    return prev == 0xc3 && c >= 0x80 && c <= 0x9e && c != 0x97;
}

static int blank(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
           c == '\v';
}

size_t ndr_ac_normalize(const char *s, size_t n, char *out)
{
    size_t o = 0;
    unsigned char prev = 0;
    int was_blank = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (blank(c)) {
            prev = c;
            if (was_blank)
                continue;
            was_blank = 1;
            out[o++] = ' ';
            continue;
        }
        was_blank = 0;
        if (c >= 'A' && c <= 'Z')
            out[o++] = (char)(c | 0x20);
        else if (latin1_capital(prev, c))
            out[o++] = (char)(c + 0x20);
        else
            out[o++] = (char)c;
        prev = c;
    }
    return o;
}

void ndr_ac_begin(ndr_ac_iter *it, const ndr_ac *ac, const char *text,
                  size_t len)
{
    it->ac = ac;
    it->text = (const unsigned char *)text;
    it->len = text != NULL ? len : 0;
    it->pos = 0;
    it->state = 0;
    it->out = 0;
    it->prev = 0;
    it->blank = 1; /* leading whitespace matches nothing */
}

/* Where the occurrence of pattern ID that ends at END begins: step back
 * over plen[ID] normalized bytes, a whitespace run counting as one. */
static size_t start_of(const ndr_ac *ac, const unsigned char *t, size_t end,
                       uint32_t id)
{
    size_t i = end;
    unsigned n = ac->plen[id];
    unsigned char sp = ac->space;
    while (n-- > 0 && i > 0) {
        i--;
        if (sp != 0 && ac->cls[t[i]] == sp)
            while (i > 0 && ac->cls[t[i - 1]] == sp)
                i--;
    }
    return i;
}

int ndr_ac_next(ndr_ac_iter *it, ndr_ac_match *m)
{
    const ndr_ac *ac = it->ac;
    uint32_t s = it->state, u = it->out;
    size_t pos = it->pos;

    if (u == 0) {
        const unsigned char *t = it->text;
        const unsigned char *cls = ac->cls;
        const uint32_t *base = ac->base, *check = ac->check;
        const size_t len = it->len;
        const unsigned char sp = ac->space;
        unsigned char prev = it->prev, was_blank = it->blank;
        for (;;) {
            unsigned char c, k;
            if (pos == len) {
                it->pos = pos;
                it->state = s;
                it->prev = prev;
                it->blank = was_blank;
                return 0;
            }
            c = t[pos++];
            k = cls[c];
            if (prev == 0xc3 && c >= 0x80 && c <= 0x9e && c != 0x97)
                k = cls[c + 0x20];
            prev = c;
            if (k == 0) {
                /* a byte no pattern holds: every partial match dies */
                s = 0;
                was_blank = 0;
                continue;
            }
            if (k == sp) {
                if (was_blank)
                    continue;
                was_blank = 1;
            } else {
                was_blank = 0;
            }
            for (;;) {
                uint32_t x = base[s] + k;
                if (check[x] == s) {
                    s = x;
                    break;
                }
                if (s == 0)
                    break;
                s = ac->fail[s];
            }
            u = ac->term[s] != 0 ? s : ac->dict[s];
            if (u != 0)
                break;
        }
        it->prev = prev;
        it->blank = was_blank;
    }
    m->id = ac->term[u] - 1;
    m->end = pos;
    m->start = start_of(ac, it->text, pos, m->id);
    it->out = ac->dict[u];
    it->state = s;
    it->pos = pos;
    return 1;
}
