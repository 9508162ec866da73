/*
 * util.c - case-insensitive byte helpers shared by the library and the
 * table generator.
 */
#include "util.h"

#include <string.h>

int ndr_ci_cmpn(const char *a, size_t an, const char *b)
{
    size_t i;
    for (i = 0; i < an; i++) {
        unsigned char ca = ndr_lower((unsigned char)a[i]);
        unsigned char cb = ndr_lower((unsigned char)b[i]);
        if (cb == 0)
            return 1;
        if (ca != cb)
            return ca < cb ? -1 : 1;
    }
    return b[i] == 0 ? 0 : -1;
}

/* How common a byte is in mail text, roughly (letters by their English
 * frequency, case folded): ndr_ci_find looks for the needle's rarest byte
 * first.  Only the order matters. */
static unsigned char commonness(unsigned char c)
{
    static const unsigned char letters[26] = {
        /* a */ 80, 15, 28, 42, 120, 22, 20, 60, 70, 2, 8, 40, 24,
        /* n */ 67, 75, 19, 1, 60, 63, 90, 28, 10, 24, 2, 20, 1};
    c = ndr_lower(c);
    if (c >= 'a' && c <= 'z')
        return letters[c - 'a'];
    if (c == ' ')
        return 200;
    if (c >= '0' && c <= '9')
        return 30;
    return 12; /* punctuation, control and 8-bit bytes */
}

const char *ndr_ci_find(const char *hay, size_t hlen, const char *needle,
                        size_t nlen)
{
    unsigned char lo_c, up_c;
    const char *end, *lo, *up;
    size_t k = 0;
    if (nlen == 0 || hlen < nlen)
        return NULL;
    for (size_t i = 1; i < nlen; i++)
        if (commonness((unsigned char)needle[i]) <
            commonness((unsigned char)needle[k]))
            k = i;
    lo_c = ndr_lower((unsigned char)needle[k]);
    up_c = (unsigned char)(lo_c >= 'a' && lo_c <= 'z' ? lo_c - 32 : lo_c);
    /* Byte K of a match lies in [hay + k, end). */
    end = hay + (hlen - nlen) + 1 + k;
    /* The next place of that byte in either case, each searched with
     * memchr and searched again only once passed. */
    lo = memchr(hay + k, lo_c, (size_t)(end - hay) - k);
    up = up_c != lo_c ? memchr(hay + k, up_c, (size_t)(end - hay) - k) : NULL;
    while (lo != NULL || up != NULL) {
        const char *p = lo == NULL || (up != NULL && up < lo) ? up : lo;
        const char *m = p - k;
        size_t i;
        for (i = 0; i < nlen; i++)
            if (ndr_lower((unsigned char)m[i]) !=
                ndr_lower((unsigned char)needle[i]))
                break;
        if (i == nlen)
            return m;
        if (p == lo)
            lo = memchr(p + 1, lo_c, (size_t)(end - p - 1));
        else
            up = memchr(p + 1, up_c, (size_t)(end - p - 1));
    }
    return NULL;
}
