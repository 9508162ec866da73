/*
 * util.h - small byte helpers shared by the library (internal).
 *
 * Locale-independent ASCII classification: mail is bytes, and the C
 * library's <ctype.h> depends on the locale and takes int.
 */
#ifndef NDR_UTIL_H
#define NDR_UTIL_H

#include <stddef.h>

static inline int ndr_isdigit(unsigned char c) { return c >= '0' && c <= '9'; }
static inline int ndr_isalpha(unsigned char c)
{
    return (unsigned char)((c | 0x20) - 'a') < 26;
}
static inline int ndr_isalnum(unsigned char c)
{
    return ndr_isdigit(c) || ndr_isalpha(c);
}
static inline unsigned char ndr_lower(unsigned char c)
{
    return (unsigned char)(c >= 'A' && c <= 'Z' ? c | 0x20 : c);
}
static inline int ndr_isblank(unsigned char c) { return c == ' ' || c == '\t'; }
static inline int ndr_isspace(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' ||
           c == '\v';
}

/* Case-insensitive ASCII comparison of A[0..AN) with the C string B:
 * like strcmp's sign. */
int ndr_ci_cmpn(const char *a, size_t an, const char *b);

/* Case-insensitive search for NEEDLE (NLEN bytes, not empty) in HAY. */
const char *ndr_ci_find(const char *hay, size_t hlen, const char *needle,
                        size_t nlen);

/* The same, looking first for the needle's byte K (K < NLEN): a byte that
 * is rare in the text makes the search fast. */
const char *ndr_ci_find_at(const char *hay, size_t hlen, const char *needle,
                           size_t nlen, size_t k);

#endif
