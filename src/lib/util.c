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

const char *ndr_ci_find_at(const char *hay, size_t hlen, const char *needle,
                           size_t nlen, size_t k)
{
    unsigned char lo_c, up_c;
    const char *end, *lo, *up;
    if (nlen == 0 || hlen < nlen || k >= nlen)
        return NULL;
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

const char *ndr_ci_find(const char *hay, size_t hlen, const char *needle,
                        size_t nlen)
{
    return ndr_ci_find_at(hay, hlen, needle, nlen, 0);
}
