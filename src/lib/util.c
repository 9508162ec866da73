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
    unsigned char first = ndr_lower((unsigned char)needle[0]);
    unsigned char upper = (unsigned char)(first >= 'a' && first <= 'z'
                                              ? first - 32 : first);
    const char *end;
    if (nlen == 0 || hlen < nlen)
        return NULL;
    end = hay + (hlen - nlen) + 1;
    for (const char *p = hay; p < end; p++) {
        size_t k;
        unsigned char c = (unsigned char)*p;
        if (c != first && c != upper) {
            /* jump to the next candidate with memchr on either case */
            const char *a = memchr(p, first, (size_t)(end - p));
            const char *b = upper != first ? memchr(p, upper, (size_t)(end - p))
                                           : NULL;
            if (a == NULL && b == NULL)
                return NULL;
            p = (a == NULL || (b != NULL && b < a)) ? b : a;
        }
        for (k = 1; k < nlen; k++)
            if (ndr_lower((unsigned char)p[k]) !=
                ndr_lower((unsigned char)needle[k]))
                break;
        if (k == nlen)
            return p;
    }
    return NULL;
}
