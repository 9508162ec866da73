/*
 * code.c - the syntax of status codes: parse, format and find them in text.
 *
 * RFC 3463 §2: status-code = class "." subject "." detail, class 2, 4 or 5,
 * subject and detail 1*3digit.  We also refuse leading zeros ("5.01.1"): no
 * mail system writes them, while version strings and dates do.  A code found
 * in running text must stand alone, so that IP addresses (10.5.1.1),
 * versions (v2.4.1) and longer numbers (5.1.1000) are not taken for codes.
 */
#include "ndrcode.h"
#include "util.h"

#include <string.h>

/* Read 1-3 digits without a leading zero at S (N bytes available);
 * returns the count read, or 0. */
static size_t read_num(const char *s, size_t n, unsigned short *out)
{
    size_t i = 0;
    unsigned v = 0;
    while (i < n && i < 3 && ndr_isdigit((unsigned char)s[i])) {
        v = v * 10 + (unsigned)(s[i] - '0');
        i++;
    }
    if (i == 0 || (i > 1 && s[0] == '0'))
        return 0;
    *out = (unsigned short)v;
    return i;
}

/* Parse a code at the start of S; returns its length or 0. */
static size_t parse_at(const char *s, size_t n, ndr_code *out)
{
    size_t i, k;
    ndr_code c;
    if (n < 5 || (s[0] != '2' && s[0] != '4' && s[0] != '5') || s[1] != '.')
        return 0;
    c.cls = (unsigned char)(s[0] - '0');
    i = 2;
    k = read_num(s + i, n - i, &c.subject);
    if (k == 0 || i + k >= n || s[i + k] != '.')
        return 0;
    i += k + 1;
    k = read_num(s + i, n - i, &c.detail);
    if (k == 0)
        return 0;
    *out = c;
    return i + k;
}

int ndr_code_parse(const char *s, size_t len, ndr_code *out)
{
    ndr_code c;
    if (s == NULL || len == 0 || parse_at(s, len, &c) != len)
        return 0;
    if (out != NULL)
        *out = c;
    return 1;
}

char *ndr_code_format(ndr_code code, char buf[NDR_CODE_BUFSZ])
{
    char *p = buf;
    const unsigned v[2] = {code.subject % 1000u, code.detail % 1000u};
    *p++ = (char)(code.cls ? '0' + code.cls % 10 : 'X');
    for (int k = 0; k < 2; k++) {
        *p++ = '.';
        if (v[k] >= 100)
            *p++ = (char)('0' + v[k] / 100);
        if (v[k] >= 10)
            *p++ = (char)('0' + v[k] / 10 % 10);
        *p++ = (char)('0' + v[k] % 10);
    }
    *p = '\0';
    return buf;
}

/* May a number start right after BEFORE?  Not after a letter, digit or '.'. */
static int free_before(const char *text, size_t at)
{
    unsigned char c;
    if (at == 0)
        return 1;
    c = (unsigned char)text[at - 1];
    return !ndr_isalnum(c) && c != '.' && c != '_';
}

/* May a number end at END?  Not before a letter or digit, nor '.digit'. */
static int free_after(const char *text, size_t len, size_t end)
{
    unsigned char c;
    if (end >= len)
        return 1;
    c = (unsigned char)text[end];
    if (ndr_isalnum(c) || c == '_')
        return 0;
    if (c == '.' && end + 1 < len && ndr_isdigit((unsigned char)text[end + 1]))
        return 0;
    return 1;
}

size_t ndr_code_scan(const char *text, size_t len, ndr_code *out,
                     size_t *toklen)
{
    size_t i = 1;
    if (text == NULL)
        return (size_t)-1;
    /* A code has its first '.' right after the class digit: let memchr
     * find dots and look back one byte. */
    while (i < len) {
        const char *dot = memchr(text + i, '.', len - i);
        size_t at, n;
        ndr_code c;
        if (dot == NULL)
            break;
        at = (size_t)(dot - text) - 1;
        i = at + 2;
        n = parse_at(text + at, len - at, &c);
        if (n == 0 || !free_before(text, at) || !free_after(text, len, at + n))
            continue;
        if (out != NULL)
            *out = c;
        if (toklen != NULL)
            *toklen = n;
        return at;
    }
    return (size_t)-1;
}

size_t ndr_reply_scan(const char *text, size_t len, int *out)
{
    if (text == NULL)
        return (size_t)-1;
    for (size_t i = 0; i + 3 <= len; i++) {
        unsigned char a = (unsigned char)text[i];
        if (a < '2' || a > '5' || text[i + 1] < '0' || text[i + 1] > '5' ||
            !ndr_isdigit((unsigned char)text[i + 2]))
            continue;
        if (!free_before(text, i) || !free_after(text, len, i + 3))
            continue;
        if (out != NULL)
            *out = (a - '0') * 100 + (text[i + 1] - '0') * 10 +
                   (text[i + 2] - '0');
        return i;
    }
    return (size_t)-1;
}
