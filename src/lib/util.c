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

const char *ndr_ci_find(const char *hay, size_t hlen, const char *needle,
                        size_t nlen)
{
    unsigned char first, upper;
    const char *end, *lo, *up;
    if (nlen == 0 || hlen < nlen)
        return NULL;
    first = ndr_lower((unsigned char)needle[0]);
    upper = (unsigned char)(first >= 'a' && first <= 'z' ? first - 32 : first);
    end = hay + (hlen - nlen) + 1;
    /* The next place of the first byte in either case, each searched with
     * memchr and searched again only once passed. */
    lo = memchr(hay, first, (size_t)(end - hay));
    up = upper != first ? memchr(hay, upper, (size_t)(end - hay)) : NULL;
    while (lo != NULL || up != NULL) {
        const char *p = lo == NULL || (up != NULL && up < lo) ? up : lo;
        size_t k;
        for (k = 1; k < nlen; k++)
            if (ndr_lower((unsigned char)p[k]) !=
                ndr_lower((unsigned char)needle[k]))
                break;
        if (k == nlen)
            return p;
        if (p == lo)
            lo = memchr(p + 1, first, (size_t)(end - p - 1));
        else
            up = memchr(p + 1, upper, (size_t)(end - p - 1));
    }
    return NULL;
}
