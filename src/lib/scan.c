/*
 * scan.c - reading what a bounce says: delivery-status reports (RFC 3464),
 * feedback reports (RFC 5965), auto-replies (RFC 3834) and the free text
 * of non-delivery notices, and turning them into one record per recipient.
 *
 * Free text is read with general rules rather than one parser per mail
 * system: a line that starts with an address (after indentation, quote
 * marks and bullets), a "Label: address" line, or an address after "to"
 * in a sentence about delivery names a recipient; the text that follows,
 * up to the next recipient, is that recipient's context, where its codes
 * and the server's words are found.  Text stops at the line that
 * introduces the returned original message, so codes quoted there are
 * never findings.  A code in a report block is checked against the
 * Diagnostic-Code and the text, and the most specific one is reported.
 */
#include "match.h"
#include "parser.h"
#include "table.h"
#include "util.h"

#include <string.h>

/* ---- small helpers ------------------------------------------------------ */

/* The characters of an address, by byte: 1 may be in the local part
 * (letters, digits, "._+-!%&*^~$", and any byte of UTF-8), 2 in the
 * domain (letters, digits, '.', '-', UTF-8). */
static const unsigned char addr_chars[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 1, 0, 0, 1, 1, 1, 0, 0, 0, 1, 1, 0, 3, 3, 0,
    3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 0, 0, 0, 0, 0, 0,
    0, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
    3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 0, 0, 0, 1, 1,
    0, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
    3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 0, 0, 0, 1, 0,
    3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
    3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
    3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
    3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
    3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
    3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
    3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
    3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
};

static int addr_local_char(unsigned char c)
{
    return addr_chars[c] & 1;
}

static int addr_domain_char(unsigned char c)
{
    return addr_chars[c] & 2;
}

/* Is S[0..3) a full-width punctuation mark of Chinese and Japanese text
 * (U+3001 、 U+3002 。 U+3008..U+300F 〈〉《》「」『』, U+FF08 （ U+FF09 ）
 * U+FF0C ， U+FF1A ： U+FF1B ； U+FF1C ＜ U+FF1E ＞), or U+FFFD, what text
 * in a charset that is not decoded reads as?  It ends an address as ASCII
 * punctuation does, though other UTF-8 may be part of one.  (The garbage
 * value clang-tidy finds here comes by way of json_get, as in addr_at: see
 * tests/static/justified.txt.) */
static int wide_punct(const unsigned char *s)
{
    if (s[0] == 0xef && s[1] == 0xbf && s[2] == 0xbd)
        return 1;
    if (s[0] == 0xe3 && s[1] == 0x80)
        return s[2] == 0x81 || s[2] == 0x82 || (s[2] >= 0x88 && s[2] <= 0x8f);
    if (s[0] == 0xef && s[1] == 0xbc)
        return s[2] == 0x88 || s[2] == 0x89 || s[2] == 0x8c || s[2] == 0x9a ||
               s[2] == 0x9b || s[2] == 0x9c || s[2] == 0x9e;
    return 0;
}

/* Is S[0..3) what may stand between a label and the address in Chinese,
 * Japanese or Korean text: an ideographic space (U+3000), a full-width
 * less-than sign (U+FF1C ＜) or an opening angle bracket (U+3008 〈,
 * U+300A 《)? */
static int wide_open(const unsigned char *s)
{
    if (s[0] == 0xe3 && s[1] == 0x80)
        return s[2] == 0x80 || s[2] == 0x88 || s[2] == 0x8a;
    return s[0] == 0xef && s[1] == 0xbc && s[2] == 0x9c;
}

/* Is S[0..3) the full-width or angle bracket that closes those of
 * wide_open (U+FF1E ＞, U+3009 〉, U+300B 》)? */
static int wide_close(const unsigned char *s)
{
    if (s[0] == 0xe3 && s[1] == 0x80)
        return s[2] == 0x89 || s[2] == 0x8b;
    return s[0] == 0xef && s[1] == 0xbc && s[2] == 0x9e;
}

/* Is S[0..N) a character of a script written without spaces between
 * words: Thai (U+0E00..U+0E7F), Hangul jamo, Japanese kana, CJK
 * ideographs, Hangul syllables?  Text in such a script may run into an
 * address with no blank between ("未能送达kim@far.example，",
 * "kim@far.example.jpへ配信", "park@far.example에 전달"). */
static int unspaced_at(const unsigned char *s, size_t n)
{
    unsigned cp;
    if (n < 3 || (s[0] & 0xf0) != 0xe0 || (s[1] & 0xc0) != 0x80 ||
        (s[2] & 0xc0) != 0x80)
        return 0;
    cp = ((s[0] & 0x0fu) << 12) | ((s[1] & 0x3fu) << 6) | (s[2] & 0x3fu);
    return (cp >= 0x0e00 && cp <= 0x0e7f) || (cp >= 0x1100 && cp <= 0x11ff) ||
           (cp >= 0x3040 && cp <= 0x30ff) || (cp >= 0x3130 && cp <= 0x318f) ||
           (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x4e00 && cp <= 0x9fff) ||
           (cp >= 0xac00 && cp <= 0xd7af) || (cp >= 0xf900 && cp <= 0xfaff);
}

/* Is there an address whose '@' is at S[AT]?  Sets its bounds.  (The
 * garbage values clang-tidy finds here come by way of json_get: see
 * tests/static/justified.txt.) */
static int addr_at(const char *s, size_t n, size_t at, size_t *start,
                   size_t *end)
{
    size_t a = at, b = at + 1;
    int dot = 0;
    /* An ASCII address ends where a full-width mark or text of a script
     * without spaces touches it; a local part or a domain in such a
     * script (RFC 6531) is whole.  (Such a character starts with a byte
     * of 0xE0 or more: ASCII, nearly every byte here, is not looked at
     * further.) */
    while (a > 0 && addr_local_char((unsigned char)s[a - 1]) &&
           !(a >= 3 && (unsigned char)s[a - 1] >= 0x80 &&
             (wide_punct((const unsigned char *)s + a - 3) ||
              (a < at && (unsigned char)s[a] < 0x80 && s[a] != '.' &&
               unspaced_at((const unsigned char *)s + a - 3, 3)))))
        a--;
    /* Exchange writes a recipient it could not turn into an SMTP address
     * as "IMCEAEX-_o=ORG_ou=...+20..._cn=name@domain" ('=' is an address
     * character, but taken everywhere it would glue "to=a@b" together):
     * the whole of such an address is the recipient. */
    if (a > 0 && s[a - 1] == '=') {
        size_t k = a;
        while (k > 0 && (addr_local_char((unsigned char)s[k - 1]) ||
                         s[k - 1] == '=') && (unsigned char)s[k - 1] < 0x80)
            k--;
        if (at - k > 6 && ndr_ci_cmpn(s + k, 5, "imcea") == 0)
            a = k;
    }
    while (a < at && (s[a] == '.' || s[a] == '-'))
        a++;
    while (b < n && addr_domain_char((unsigned char)s[b]) &&
           !((unsigned char)s[b] >= 0xe0 && n - b >= 3 &&
             (wide_punct((const unsigned char *)s + b) ||
              (ndr_isalnum((unsigned char)s[b - 1]) &&
               unspaced_at((const unsigned char *)s + b, n - b))))) {
        if (s[b] == '.')
            dot = 1;
        b++;
    }
    while (b > at + 1 && (s[b - 1] == '.' || s[b - 1] == '-'))
        b--;
    if (a == at || b == at + 1 || !dot || s[at + 1] == '.')
        return 0;
    /* the dot must be inside the kept domain */
    if (memchr(s + at + 1, '.', b - at - 1) == NULL)
        return 0;
    *start = a;
    *end = b;
    return 1;
}

size_t ndr_find_addr(const char *s, size_t n, char *out, size_t *at,
                     size_t *alen)
{
    const char *p = s, *e = s + n;
    while (p < e) {
        const char *q = memchr(p, '@', (size_t)(e - p));
        size_t a, b, len;
        if (q == NULL)
            return 0;
        if (addr_at(s, n, (size_t)(q - s), &a, &b)) {
            len = b - a;
            if (len >= NDR_ADDR_MAX)
                len = NDR_ADDR_MAX - 1;
            if (out != NULL) {
                memcpy(out, s + a, len);
                out[len] = '\0';
            }
            if (at != NULL)
                *at = a;
            if (alen != NULL)
                *alen = b - a;
            return len;
        }
        p = q + 1;
    }
    return 0;
}

static int addr_eq(const char *a, const char *b)
{
    return ndr_ci_cmpn(a, strlen(a), b) == 0;
}

static const char *ci_has(const char *s, size_t n, const char *w)
{
    return ndr_ci_find(s, n, w, strlen(w));
}

/* Copy S[0..N) into DST (CAP bytes), trimmed, NUL-terminated. */
static void copy_trim(char *dst, size_t cap, const char *s, size_t n)
{
    while (n > 0 && ndr_isspace((unsigned char)*s)) {
        s++;
        n--;
    }
    while (n > 0 && ndr_isspace((unsigned char)s[n - 1]))
        n--;
    if (n >= cap)
        n = cap - 1;
    memcpy(dst, s, n);
    dst[n] = '\0';
}

/* Drop the comments (RFC 5322 §3.2.2: "(...)", nested) from the
 * NUL-terminated S, with the blanks before them, in place: a Remote-MTA
 * of "mx.example.org (TCP|192.0.2.1|25) (ESMTP banner)" names the host
 * mx.example.org, an Action of "failed (permanent)" is failed. */
static void drop_comments(char *s)
{
    char *w = s;
    int depth = 0;
    if (strchr(s, '(') == NULL)
        return;
    for (const char *r = s; *r; r++) {
        if (*r == '(') {
            depth++;
            while (w > s && ndr_isblank((unsigned char)w[-1]))
                w--;
        } else if (*r == ')' && depth > 0) {
            depth--;
        } else if (depth == 0) {
            *w++ = *r;
        }
    }
    *w = '\0';
}

/* Drop a "type;" prefix (RFC 3464 address-type, diagnostic-type). */
static void strip_type(const char **s, size_t *n)
{
    const char *semi = memchr(*s, ';', *n);
    if (semi != NULL && semi - *s < 20) {
        size_t k;
        for (k = 0; *s + k < semi; k++)
            if (!(ndr_isalnum((unsigned char)(*s)[k]) || (*s)[k] == '-' ||
                  ndr_isblank((unsigned char)(*s)[k])))
                break;
        if (*s + k == semi) {
            *n -= (size_t)(semi + 1 - *s);
            *s = semi + 1;
        }
    }
}

/* Append S[0..N) to a bounded text buffer, joining with one space. */
static void ctx_add(char *buf, size_t *len, size_t cap, const char *s,
                    size_t n)
{
    while (n > 0 && ndr_isspace((unsigned char)*s)) {
        s++;
        n--;
    }
    while (n > 0 && ndr_isspace((unsigned char)s[n - 1]))
        n--;
    if (n == 0 || *len + 2 >= cap)
        return;
    if (*len > 0)
        buf[(*len)++] = ' ';
    if (n > cap - 1 - *len)
        n = cap - 1 - *len;
    memcpy(buf + *len, s, n);
    *len += n;
    buf[*len] = '\0';
}

/* ---- patterns ----------------------------------------------------------- */

/* The kinds of data/patterns.csv found in S[0..N) (NDR_PAT_* bits, all
 * of WANT read in text lines or all in header fields); the scan stops once
 * every kind in WANT was seen. */
static unsigned pattern_kinds(const char *s, size_t n, unsigned want)
{
    ndr_ac_iter it;
    ndr_ac_match m;
    unsigned found = 0;
    int text = (want & NDR_PAT_TEXT) != 0;
    const unsigned char *kind =
        text ? ndr_tab_textpat_ac_kind : ndr_tab_hdrpat_ac_kind;
    ndr_ac_begin(&it, text ? &ndr_tab_textpat_ac : &ndr_tab_hdrpat_ac, s, n);
    while ((found & want) != want && ndr_ac_next(&it, &m))
        found |= kind[m.id];
    return found & want;
}

/* Could the line introduce the returned original message (is it of a
 * separator's length, once leading blanks are dropped)? */
static int separator_length(const char *s, size_t n)
{
    while (n > 0 && ndr_isblank((unsigned char)*s)) {
        s++;
        n--;
    }
    return n >= 8 && n <= 120;
}

/* ---- encoded words (RFC 2047) ------------------------------------------- */

#define WORD_TEXT_MAX 600 /* encoded text read of one word: 453 bytes */

static int hex_digit(unsigned char c)
{
    if (ndr_isdigit(c))
        return c - '0';
    c = ndr_lower(c);
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Is S[0..N) the start of an encoded word, =?charset?B|Q?text?= ?  Sets
 * the charset (without a RFC 2231 language), the encoding letter and the
 * text, and returns the word's length (0: not one). */
static size_t encoded_word(const char *s, size_t n, const char **cs,
                           size_t *cslen, char *enc, const char **txt,
                           size_t *txtlen)
{
    size_t i = 2, k;
    if (n < 8 || s[0] != '=' || s[1] != '?')
        return 0;
    while (i < n && s[i] != '?' && !ndr_isspace((unsigned char)s[i]))
        i++;
    if (i == 2 || i + 3 >= n || s[i] != '?' || s[i + 2] != '?')
        return 0;
    *cs = s + 2;
    *cslen = i - 2;
    for (k = 0; k < *cslen; k++)
        if ((*cs)[k] == '*')
            *cslen = k;
    *enc = (char)ndr_lower((unsigned char)s[i + 1]);
    if (*enc != 'b' && *enc != 'q')
        return 0;
    *txt = s + i + 3;
    for (k = i + 3; k + 1 < n; k++) {
        if (ndr_isspace((unsigned char)s[k]))
            return 0;
        if (s[k] == '?' && s[k + 1] == '=') {
            *txtlen = k - (i + 3);
            return k + 2;
        }
    }
    return 0;
}

/* Decode the encoded words of a header value S[0..N) into OUT (CAP bytes):
 * words in UTF-8 or ASCII are copied, in ISO-2022-JP or a charset that
 * ndr_recode reads recoded to UTF-8 (others pass undecoded, matching
 * nothing), white space between two words is dropped, and the rest of the
 * value is copied as it is.  Returns the bytes written. */
static size_t decode_words(const char *s, size_t n, char *out, size_t cap)
{
    char raw[WORD_TEXT_MAX];
    size_t i = 0, o = 0, word_end = (size_t)-1;
    while (i < n && o < cap) {
        const char *cs, *txt;
        size_t cslen, txtlen, len, k = 0;
        char enc;
        int cs_id;
        if (s[i] != '=' ||
            (len = encoded_word(s + i, n - i, &cs, &cslen, &enc, &txt,
                                &txtlen)) == 0) {
            out[o++] = s[i++];
            if (!ndr_isspace((unsigned char)s[i - 1]))
                word_end = (size_t)-1;
            continue;
        }
        if (word_end != (size_t)-1)
            o = word_end; /* the blank between two words is not text */
        if (txtlen > WORD_TEXT_MAX)
            txtlen = WORD_TEXT_MAX;
        if (enc == 'b') {
            ndr_b64 st;
            memset(&st, 0, sizeof st);
            /* 3 bytes for every 4 letters: at most 450 of raw's 600 */
            k = ndr_b64_decode(&st, txt, txtlen, raw);
        } else {
            for (size_t j = 0; j < txtlen; j++) {
                if (txt[j] == '_') {
                    raw[k++] = ' ';
                } else if (txt[j] == '=' && j + 2 < txtlen &&
                           hex_digit((unsigned char)txt[j + 1]) >= 0 &&
                           hex_digit((unsigned char)txt[j + 2]) >= 0) {
                    raw[k++] = (char)(hex_digit((unsigned char)txt[j + 1]) * 16 +
                                      hex_digit((unsigned char)txt[j + 2]));
                    j += 2;
                } else {
                    raw[k++] = txt[j];
                }
            }
        }
        cs_id = ndr_charset_id(cs, cslen);
        if (cs_id != 0)
            o += ndr_recode(cs_id, raw, k, out + o, cap - o);
        else if (ndr_ci_cmpn(cs, cslen, "iso-2022-jp") == 0)
            o += ndr_jis_decode_line(raw, k, out + o, cap - o);
        else {
            if (k > cap - o)
                k = cap - o;
            memcpy(out + o, raw, k);
            o += k;
        }
        word_end = o;
        i += len;
    }
    return o;
}

/* ---- per-message state -------------------------------------------------- */

static void json_reset(ndr_parser *p);

void ndr_scan_reset(ndr_parser *p)
{
    p->hdr_bounce = 0;
    p->sys_sender = 0;
    p->subj_failure = 0;
    p->subj_delay = 0;
    p->hdr_report = 0;
    p->sys_from = 0;
    p->null_path = 0;
    p->other_kind = 0;
    p->bulk = 0;
    p->autoreply = 0;
    p->autoreply_sure = 0;
    p->unsubscribe = 0;
    p->list_server = 0;
    p->top_fields = 0;
    p->top_dsn = 0;
    p->from_addr[0] = '\0';
    p->nsenders = 0;
    p->nxfailed = 0;
    p->orig_to[0] = '\0';
    p->reporting_mta[0] = '\0';
    p->nblocks = 0;
    p->ds_open = 0;
    p->ds_last = 0;
    p->ds_text = 0;
    p->ds_field_len = 0;
    p->feedback = 0;
    p->mdn = 0;
    p->mdn_reject = 0;
    p->log_input = 0;
    p->nfb = 0;
    p->text_done = 0;
    p->after_sender = 0;
    p->text_blank = 1;
    p->line_after_blank = 0;
    p->held_len = 0;
    p->held_replay = 0;
    p->lead[0] = '\0';
    p->body_marker = 0;
    p->fwd = 0;
    p->fwd_sep = 0;
    p->fwd_bounce = 0;
    p->fwd_subj_failure = 0;
    p->fwd_subj_delay = 0;
    p->fwd_subj_fwd = 0;
    p->fwd_taken = 0;
    p->attached_taken = 0;
    p->returned = 0;
    p->nrcpts = 0;
    p->cur_rcpt = -1;
    p->rcpt_refused = 0;
    p->pre_len = 0;
    p->pre[0] = '\0';
    memset(&p->pre_m, 0, sizeof p->pre_m);
    p->diag_open = -2;
    p->diag_going = 0;
    p->diag_quote = 0;
    p->diag_indent = 0;
    p->diag_wrap = 0;
    p->footer = 0;
    p->named_in_sentence = 0;
    p->lone_new = -1;
    p->lone_prev = -1;
    p->pend_len = 0;
    p->pend[0] = '\0';
    p->pending = 0;
    p->pend_owner = -1;
    json_reset(p);
    p->in_json = 0;
    p->json_events = 0;
    p->attached = 0;
    p->attached_bounce = 0;
}

/* Add the addresses of a header value to a bounded list. */
static void add_addrs(const char *v, size_t n, char (*list)[NDR_ADDR_MAX],
                      size_t *count, size_t max)
{
    size_t at, alen;
    char a[NDR_ADDR_MAX];
    while (n > 0 && *count < max && ndr_find_addr(v, n, a, &at, &alen) > 0) {
        size_t k;
        for (k = 0; k < *count && !addr_eq(list[k], a); k++)
            ;
        if (k == *count)
            memcpy(list[(*count)++], a, sizeof a);
        v += at + alen;
        n -= at + alen;
    }
}

/* The names of enum hdr_id, by length: few share one, so a name is
 * compared with one or two. */
static const struct hdr_name {
    const char *name;
    unsigned char len; /* strlen(name), what from_len counts; not read */
    unsigned char id;
} hdr_names[] = {
    {"to", 2, HDR_TO},
    {"from", 4, HDR_FROM},
    {"action", 6, HDR_ACTION},
    {"status", 6, HDR_STATUS},
    {"subject", 7, HDR_SUBJECT},
    {"list-id", 7, HDR_LIST_ID},
    {"precedence", 10, HDR_PRECEDENCE},
    {"remote-mta", 10, HDR_REMOTE_MTA},
    {"x-mlserver", 10, HDR_X_MLSERVER},
    {"return-path", 11, HDR_RETURN_PATH},
    {"x-autoreply", 11, HDR_X_AUTOREPLY},
    {"content-type", 12, HDR_CONTENT_TYPE},
    {"x-autorespond", 13, HDR_X_AUTORESPOND},
    {"reporting-mta", 13, HDR_REPORTING_MTA},
    {"content-class", 13, HDR_CONTENT_CLASS},
    {"auto-submitted", 14, HDR_AUTO_SUBMITTED},
    {"x-apple-action", 14, HDR_X_APPLE_ACTION},
    {"x-autoresponder", 15, HDR_X_AUTORESPONDER},
    {"final-recipient", 15, HDR_FINAL_RECIPIENT},
    {"diagnostic-code", 15, HDR_DIAGNOSTIC_CODE},
    {"list-unsubscribe", 16, HDR_LIST_UNSUBSCRIBE},
    {"original-recipient", 18, HDR_ORIGINAL_RECIPIENT},
    {"x-apple-unsubscribe", 19, HDR_X_APPLE_UNSUBSCRIBE},
    {"x-failed-recipients", 19, HDR_X_FAILED_RECIPIENTS},
    {"content-transfer-encoding", 25, HDR_CONTENT_TRANSFER_ENCODING},
    {"x-powermta-bouncecategory", 25, HDR_X_PMTA_CATEGORY},
};

enum hdr_id ndr_header_id(const char *name, size_t n)
{
    /* where each length starts in hdr_names */
    static const unsigned char from_len[27] = {
        0, 0, 0, 1, 1, 2, 2, 4, 6, 6, 6, 9, 11, 12, 15, 17, 20, 21, 21, 22,
        24, 24, 24, 24, 24, 24, 26};
    unsigned char c;
    if (n >= 26 || n == 0)
        return HDR_OTHER;
    c = ndr_lower((unsigned char)name[0]);
    for (size_t i = from_len[n]; i < from_len[n + 1]; i++) {
        /* The names are small letters and '-': a byte matches when it is
         * the same with the 0x20 bit set (no other byte than '-' itself,
         * or a control character, which no name holds, becomes '-'). */
        const char *w = hdr_names[i].name;
        size_t k = 0;
        if ((unsigned char)w[0] != c)
            continue;
        while (k < n && ((unsigned char)name[k] | 0x20) == (unsigned char)w[k])
            k++;
        if (k == n)
            return (enum hdr_id)hdr_names[i].id;
    }
    return HDR_OTHER;
}

static int is_dsn_id(enum hdr_id id)
{
    return id >= HDR_FINAL_RECIPIENT && id <= HDR_REPORTING_MTA;
}

static int is_dsn_field(const char *name, size_t n)
{
    return is_dsn_id(ndr_header_id(name, n));
}

static int name_in(const char *name, size_t n, const char *const *words);

/* What the words before the first colon of a Subject S[0..N) say: 1 for
 * the prefix of a reply ("Re:", "AW:", "SV:", "回复:"), 2 for that of an
 * automatic reply ("Automatic reply:", "Out of Office:", "Autosvar:"),
 * else 0.  After such a prefix comes the Subject of the message answered,
 * whose words ("Delivery failed for order 5512") say nothing of this
 * one; a failure notice's own words come first ("Undeliverable: ..."). */
static int subject_prefix(const char *s, size_t n)
{
    /* the reply prefixes of mail clients, in the languages of
     * data/patterns.csv (Re, Aw, Sv, Vs, Antw, Odp, Ynt, R, Rif, Réf,
     * Res, Отв, 回复, 答复, 回覆) */
    static const char *const reply[] = {
        "re", "aw", "sv", "vs", "antw", "odp", "ynt", "r", "rif", "ref",
        "r\303\251f", "res", "\xd0\x9e\xd1\x82\xd0\xb2",
        "\xe5\x9b\x9e\xe5\xa4\x8d", "\xe7\xad\x94\xe5\xa4\x8d",
        "\xe5\x9b\x9e\xe8\xa6\x86", NULL};
    size_t b = 0, e, c = 0;
    while (b < n && ndr_isspace((unsigned char)s[b]))
        b++;
    while (b + c < n && c <= 40 && s[b + c] != ':' &&
           !(b + c + 3 <= n && (unsigned char)s[b + c] == 0xef &&
             (unsigned char)s[b + c + 1] == 0xbc &&
             (unsigned char)s[b + c + 2] == 0x9a)) /* '：' */
        c++;
    if (c == 0 || b + c >= n || c > 40)
        return 0;
    e = c;
    while (e > 0 && ndr_isspace((unsigned char)s[b + e - 1]))
        e--;
    if (name_in(s + b, e, reply))
        return 1;
    /* (with its colon: "Auto:" is a pattern) */
    return pattern_kinds(s + b, c + 1, NDR_PAT_AUTOREPLY_SUBJECT) ? 2 : 0;
}

/* The text of a header value *V[0..N): its encoded words decoded into
 * BUF (CAP bytes) and *V pointed there, or, when it has none (most
 * have), *V as it is.  Returns the length. */
static size_t header_text(const char **v, size_t n, char *buf, size_t cap)
{
    if (ci_has(*v, n, "=?") == NULL)
        return n;
    n = decode_words(*v, n, buf, cap);
    *v = buf;
    return n;
}

void ndr_scan_top_header(ndr_parser *p, enum hdr_id id, const char *name,
                         size_t nlen, const char *val, size_t vlen)
{
    /* A fragment that starts with report fields ("Final-Recipient: ...")
     * parses as headers; a real message only carries such trace fields
     * among its other headers. */
    if (p->top_fields++ == 0 && is_dsn_id(id))
        p->top_dsn = 1;
    switch (id) {
    case HDR_FROM: {
        /* (its display name decoded: "=?GBK?B?...?=" is 邮件系统; most
         * have no encoded word and are read as they are) */
        char from[512];
        const char *fv = val;
        size_t fn = header_text(&fv, vlen, from, sizeof from);
        if (pattern_kinds(fv, fn, NDR_PAT_BOUNCE_FROM))
            p->hdr_bounce = p->sys_sender = p->sys_from = 1;
        ndr_find_addr(val, vlen, p->from_addr, NULL, NULL);
        add_addrs(val, vlen, p->senders, &p->nsenders, NDR_SENDERS_MAX);
        break;
    }
    case HDR_TO:
        add_addrs(val, vlen, p->senders, &p->nsenders, NDR_SENDERS_MAX);
        break;
    case HDR_RETURN_PATH: {
        const char *v = val;
        size_t n = vlen;
        while (n > 0 && ndr_isspace((unsigned char)v[n - 1]))
            n--;
        if (n == 2 && v[0] == '<' && v[1] == '>')
            p->hdr_bounce = p->sys_sender = p->null_path = 1;
        break;
    }
    case HDR_SUBJECT: {
        /* Read with its encoded words decoded: subjects in other
         * languages come as UTF-8, ISO-2022-JP or a local charset. */
        char buf[512];
        const char *subj = val;
        size_t sn = header_text(&subj, vlen, buf, sizeof buf);
        unsigned k;
        switch (subject_prefix(subj, sn)) {
        case 1: /* a person's answer */
            p->other_kind = 1;
            return;
        case 2:
            p->autoreply = p->autoreply_sure = 1;
            return;
        default:
            break;
        }
        k = pattern_kinds(subj, sn, NDR_PAT_BOUNCE_SUBJECT |
                                        NDR_PAT_AUTOREPLY_SUBJECT |
                                        NDR_PAT_DELAY_SUBJECT);
        if (k & NDR_PAT_BOUNCE_SUBJECT)
            p->hdr_bounce = p->subj_failure = 1;
        if (k & NDR_PAT_DELAY_SUBJECT)
            p->hdr_bounce = p->subj_delay = 1;
        if (k & NDR_PAT_AUTOREPLY_SUBJECT)
            p->autoreply = 1;
        break;
    }
    case HDR_X_FAILED_RECIPIENTS:
        p->hdr_bounce = p->sys_sender = p->sys_from = 1;
        add_addrs(val, vlen, p->xfailed, &p->nxfailed, NDR_XFAILED_MAX);
        break;
    case HDR_AUTO_SUBMITTED:
        /* RFC 5429 §2.2.1: a Sieve reject is sent as an MDN marked
         * "auto-replied (rejected)" (Dovecot, Cyrus) */
        if (ci_has(val, vlen, "(rejected)"))
            p->mdn_reject = 1;
        if (ci_has(val, vlen, "auto-replied"))
            p->autoreply = 1;
        /* an application's notice (a ticket, a build, an alert); Sendmail
         * marks its failure notices "auto-generated (failure)" and the
         * copies for the postmaster "auto-generated
         * (postmaster-notification)": a comment says what a notice is */
        else if (ci_has(val, vlen, "auto-generated") &&
                 memchr(val, '(', vlen) == NULL)
            p->bulk = 1;
        break;
    case HDR_X_AUTOREPLY:
    case HDR_X_AUTORESPOND:
    case HDR_X_AUTORESPONDER:
        p->autoreply = p->autoreply_sure = 1;
        break;
    case HDR_PRECEDENCE:
        if (ci_has(val, vlen, "auto_reply"))
            p->autoreply = p->autoreply_sure = 1;
        else if (ci_has(val, vlen, "bulk") || ci_has(val, vlen, "list") ||
                 ci_has(val, vlen, "junk"))
            p->bulk = 1;
        break;
    case HDR_LIST_ID:
    case HDR_LIST_UNSUBSCRIBE:
        /* a mailing list's post, digest or notice, or a newsletter */
        p->other_kind = 1;
        break;
    case HDR_CONTENT_CLASS:
        /* Outlook's invitations and their answers */
        if (ci_has(val, vlen, "calendarmessage"))
            p->other_kind = 1;
        break;
    case HDR_X_MLSERVER:
        /* fml, a mailing list manager, names itself on the articles it
         * distributes and on the notices its maintainer address sends
         * back to a poster ("You are not a member of this mailing list",
         * "Duplicated Message-ID"): which one it is, the From tells at
         * the end of the headers */
        if (vlen >= 3 && ndr_ci_cmpn(val, 3, "fml") == 0)
            p->list_server = 1;
        break;
    case HDR_X_APPLE_ACTION:
        if (ci_has(val, vlen, "vacation"))
            p->autoreply = p->autoreply_sure = 1;
        break;
    case HDR_X_APPLE_UNSUBSCRIBE:
        /* Apple Mail's "unsubscribe" button mails the list's
         * List-Unsubscribe address on the reader's behalf. */
        if (ci_has(val, vlen, "true"))
            p->unsubscribe = 1;
        break;
    default:
        if (p->top_dsn && is_dsn_id(id)) {
            char line[NDR_DIAG_MAX];
            size_t n = nlen + 2 + vlen;
            if (n >= sizeof line)
                n = sizeof line - 1;
            memcpy(line, name, nlen);
            line[nlen] = ':';
            line[nlen + 1] = ' ';
            memcpy(line + nlen + 2, val, n - nlen - 2);
            ndr_scan_dsn_line(p, line, n);
        }
        break;
    }
}

void ndr_scan_original_header(ndr_parser *p, const char *name, size_t nlen,
                              const char *val, size_t vlen)
{
    if (p->orig_to[0] == '\0' && ndr_ci_cmpn(name, nlen, "to") == 0)
        ndr_find_addr(val, vlen, p->orig_to, NULL, NULL);
}

void ndr_scan_attached_header(ndr_parser *p, enum hdr_id id, const char *val,
                              size_t vlen)
{
    switch (id) {
    case HDR_FROM:
        /* (not the Subject: an original's own may well say "error") */
        if (pattern_kinds(val, vlen, NDR_PAT_BOUNCE_FROM))
            p->attached_bounce = 1;
        break;
    case HDR_TO:
        if (p->orig_to[0] == '\0')
            ndr_find_addr(val, vlen, p->orig_to, NULL, NULL);
        break;
    default:
        break;
    }
}

int ndr_scan_attached_end(ndr_parser *p, int report)
{
    int bounce = report || p->attached_bounce;
    p->attached = 2;
    p->attached_taken = bounce;
    if (bounce && p->orig_to[0] != '\0') {
        /* the bounce went to the sender of the original: never a
         * recipient; the original's own To comes later */
        add_addrs(p->orig_to, strlen(p->orig_to), p->senders, &p->nsenders,
                  NDR_SENDERS_MAX);
        p->orig_to[0] = '\0';
    }
    return bounce;
}

/* ---- delivery-status fields --------------------------------------------- */

/* Make room for one more of N items of SIZE bytes in *ARR (capacity *CAP),
 * up to max_recipients.  Returns 0, or -1 (limit met, or out of memory). */
static int grow_recipients(ndr_parser *p, void **arr, size_t n, size_t *cap,
                           size_t size)
{
    if (n >= p->opt.max_recipients) {
        if (p->limit == NDR_OK)
            p->limit = NDR_LIMIT_RECIPIENTS;
        return -1;
    }
    if (n == *cap) {
        size_t ncap = *cap ? *cap * 2 : 4;
        void *na;
        if (ncap > p->opt.max_recipients)
            ncap = p->opt.max_recipients;
        na = ndr_realloc(p, *arr, ncap * size);
        if (na == NULL)
            return -1;
        *arr = na;
        *cap = ncap;
    }
    return 0;
}

static ds_block *ds_new(ndr_parser *p)
{
    ds_block *b;
    void *arr = p->blocks;
    if (grow_recipients(p, &arr, p->nblocks, &p->blocks_cap, sizeof *b) < 0)
        return NULL;
    p->blocks = arr;
    b = &p->blocks[p->nblocks++];
    memset(b, 0, offsetof(ds_block, diag) + 1);
    b->diag_len = 0;
    b->seen = 0;
    b->diag_not_smtp = 0;
    p->ds_open = 1;
    return b;
}

/* The block that takes field F: the open one, unless it has F already. */
static ds_block *ds_for(ndr_parser *p, unsigned f)
{
    ds_block *b = p->nblocks > 0 ? &p->blocks[p->nblocks - 1] : NULL;
    if (b != NULL && !p->ds_open) {
        /* A blank line inside a block (between Final-Recipient and
         * Action): a field the last recipient's block lacks is still its
         * own; a recipient field, or one it has, starts the next. */
        if ((f & (DSF_FINAL | DSF_ORIG)) == 0 &&
            (b->seen & (DSF_FINAL | DSF_ORIG)) != 0 && (b->seen & f) == 0)
            p->ds_open = 1;
        else
            b = NULL;
    }
    if (b != NULL && (b->seen & f) != 0) {
        /* Original-Recipient before Final-Recipient is the normal order;
         * a second one of either starts the next recipient. */
        b = NULL;
    }
    if (b == NULL)
        b = ds_new(p);
    return b;
}

/* The address of a Final- or Original-Recipient value V[0..VN) into A.
 * RFC 6533 writes a non-ASCII character in a report that must stay ASCII
 * as "\\x{FC}" (utf-8-addr-xtext, utf-8-addr-unitext): decoded to UTF-8.
 * With XTEXT, the value is an ORCPT parameter copied undecoded (RFC 3461
 * §4: xtext), where the only characters of an address that are encoded
 * are '+' and '=': "+2B" and "+3D" are decoded. */
static void rcpt_value(const char *v, size_t vn, int xtext, char *a)
{
    char buf[NDR_ADDR_MAX * 2];
    size_t o = 0, i = 0;
    if (memchr(v, '\\', vn) != NULL ||
        (xtext && memchr(v, '+', vn) != NULL)) {
        while (i < vn && o + 4 < sizeof buf) {
            if (v[i] == '\\' && vn - i > 4 && v[i + 1] == 'x' &&
                v[i + 2] == '{') {
                unsigned long cp = 0;
                size_t k = i + 3;
                while (k < vn && k < i + 9 && hex_digit((unsigned char)v[k]) >= 0)
                    cp = cp * 16 + (unsigned long)hex_digit((unsigned char)v[k++]);
                if (k < vn && v[k] == '}' && k > i + 3 && cp > 0x20 &&
                    cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff)) {
                    if (cp < 0x80) {
                        buf[o++] = (char)cp;
                    } else if (cp < 0x800) {
                        buf[o++] = (char)(0xc0 | (cp >> 6));
                        buf[o++] = (char)(0x80 | (cp & 0x3f));
                    } else if (cp < 0x10000) {
                        buf[o++] = (char)(0xe0 | (cp >> 12));
                        buf[o++] = (char)(0x80 | ((cp >> 6) & 0x3f));
                        buf[o++] = (char)(0x80 | (cp & 0x3f));
                    } else {
                        buf[o++] = (char)(0xf0 | (cp >> 18));
                        buf[o++] = (char)(0x80 | ((cp >> 12) & 0x3f));
                        buf[o++] = (char)(0x80 | ((cp >> 6) & 0x3f));
                        buf[o++] = (char)(0x80 | (cp & 0x3f));
                    }
                    i = k + 1;
                    continue;
                }
            } else if (xtext && v[i] == '+' && vn - i > 2 &&
                       ((v[i + 1] == '2' && v[i + 2] == 'B') ||
                        (v[i + 1] == '3' && v[i + 2] == 'D'))) {
                buf[o++] = v[i + 1] == '2' ? '+' : '=';
                i += 3;
                continue;
            }
            buf[o++] = v[i++];
        }
        v = buf;
        vn = o;
    }
    if (ndr_find_addr(v, vn, a, NULL, NULL) == 0)
        copy_trim(a, NDR_ADDR_MAX, v, vn);
}

/* A multi-line SMTP reply copied whole into a Diagnostic-Code ("550-5.1.1
 * The email account ... Please try 550-5.1.1 double-checking ... 550 5.1.1
 * https://..."): the reply code (and status code) that starts each of its
 * lines (RFC 5321 §4.2.1) is dropped inside the text, which then reads as
 * the server's sentence. */
static void join_reply_lines(char *d, size_t *len)
{
    size_t plen = 4, r, w;
    if (*len < 8 || !ndr_isdigit((unsigned char)d[0]) ||
        !ndr_isdigit((unsigned char)d[1]) ||
        !ndr_isdigit((unsigned char)d[2]) || d[3] != '-')
        return;
    {
        size_t k = 4;
        while (k < *len && (ndr_isdigit((unsigned char)d[k]) || d[k] == '.'))
            k++;
        if (k > 4 && k < *len && d[k] == ' ')
            plen = k; /* "550-5.1.1" */
    }
    for (r = w = plen; r < *len;) {
        if (d[r] == ' ' && *len - r > plen && memcmp(d + r + 1, d, 3) == 0 &&
            (d[r + 4] == '-' || d[r + 4] == ' ') &&
            memcmp(d + r + 5, d + 4, plen - 4) == 0 &&
            (plen == 4 || r + 1 + plen == *len || d[r + 1 + plen] == ' ')) {
            r += 1 + plen;
            if (plen == 4)
                d[w++] = ' ';
            continue;
        }
        d[w++] = d[r++];
    }
    d[w] = '\0';
    *len = w;
}

/* One unfolded report field: into the block it belongs to. */
static void ds_read_field(ndr_parser *p, const char *line, size_t len)
{
    size_t colon = 0, vs;
    const char *v;
    size_t vn;
    ds_block *b;
    enum hdr_id id;

    while (colon < len && colon < 40 && line[colon] != ':')
        colon++;
    if (colon == len || colon == 40 || line[colon] != ':')
        return;
    vs = colon + 1;
    while (vs < len && ndr_isblank((unsigned char)line[vs]))
        vs++;
    v = line + vs;
    vn = len - vs;
    id = p->ds_field_id; /* named when the field began (ndr_scan_dsn_line) */

    if (id == HDR_REPORTING_MTA) {
        strip_type(&v, &vn);
        copy_trim(p->reporting_mta, sizeof p->reporting_mta, v, vn);
        drop_comments(p->reporting_mta);
    } else if (id == HDR_FINAL_RECIPIENT || id == HDR_ORIGINAL_RECIPIENT) {
        int fin = id == HDR_FINAL_RECIPIENT;
        char a[NDR_ADDR_MAX];
        strip_type(&v, &vn);
        rcpt_value(v, vn, !fin, a);
        if (fin) {
            /* Original then Final is one recipient; Final after Final
             * (or after a complete block) is the next. */
            if ((b = ds_for(p, DSF_FINAL)) == NULL)
                return;
            memcpy(b->final_rcpt, a, sizeof a);
            b->seen |= DSF_FINAL;
        } else {
            ds_block *cur = p->ds_open && p->nblocks > 0
                                ? &p->blocks[p->nblocks - 1] : NULL;
            if (cur != NULL && (cur->seen & (DSF_ORIG | DSF_FINAL)))
                b = (cur->seen & DSF_ORIG) ? ds_new(p) : cur;
            else
                b = ds_for(p, DSF_ORIG);
            if (b == NULL)
                return;
            memcpy(b->orig_rcpt, a, sizeof a);
            b->seen |= DSF_ORIG;
        }
    } else if (id == HDR_ACTION) {
        if ((b = ds_for(p, DSF_ACTION)) == NULL)
            return;
        copy_trim(b->action, sizeof b->action, v, vn);
        drop_comments(b->action);
        for (char *c = b->action; *c; c++)
            *c = (char)ndr_lower((unsigned char)*c);
        b->seen |= DSF_ACTION;
    } else if (id == HDR_STATUS) {
        if ((b = ds_for(p, DSF_STATUS)) == NULL)
            return;
        copy_trim(b->status, sizeof b->status, v, vn);
        b->seen |= DSF_STATUS;
    } else if (id == HDR_REMOTE_MTA) {
        if ((b = ds_for(p, DSF_REMOTE)) == NULL)
            return;
        strip_type(&v, &vn);
        copy_trim(b->remote_mta, sizeof b->remote_mta, v, vn);
        drop_comments(b->remote_mta);
        b->seen |= DSF_REMOTE;
    } else if (id == HDR_X_PMTA_CATEGORY) {
        /* (the block's last field: it opens no block of its own) */
        if (p->ds_open && p->nblocks > 0) {
            b = &p->blocks[p->nblocks - 1];
            copy_trim(b->category, sizeof b->category, v, vn);
        }
    } else if (id == HDR_DIAGNOSTIC_CODE) {
        if ((b = ds_for(p, DSF_DIAG)) == NULL)
            return;
        {
            /* vn < 20 is not always true (knownConditionTrueFalse) */
            const char *semi = memchr(v, ';', vn < 20 ? vn : 20);
            /* LMTP (RFC 2033) answers as SMTP does */
            b->diag_not_smtp =
                semi != NULL &&
                ndr_ci_find(v, (size_t)(semi - v), "smtp", 4) == NULL &&
                ndr_ci_find(v, (size_t)(semi - v), "lmtp", 4) == NULL;
        }
        /* "smtp;" says nothing; "X-Unix; 255" (a local program's exit
         * status) needs its type to be understood. */
        if (!b->diag_not_smtp)
            strip_type(&v, &vn);
        b->diag_len = 0;
        b->diag[0] = '\0';
        ctx_add(b->diag, &b->diag_len, sizeof b->diag, v, vn);
        join_reply_lines(b->diag, &b->diag_len);
        b->seen |= DSF_DIAG;
    }
}

static void ds_flush(ndr_parser *p)
{
    if (p->ds_field_len > 0) {
        size_t n = p->ds_field_len;
        p->ds_field_len = 0;
        ds_read_field(p, p->ds_field, n);
    }
}

void ndr_scan_dsn_line(ndr_parser *p, const char *line, size_t len)
{
    if (len == 0) {
        ds_flush(p);
        p->ds_open = 0;
        p->ds_last = 0;
        p->ds_text = 0;
        return;
    }
    if (ndr_isblank((unsigned char)line[0])) {
        /* A folded continuation of the last field (in free text, only of
         * a Diagnostic-Code: an indented line there is mostly text). */
        if (p->ds_field_len > 0 && (!p->ds_text || p->ds_last == DSF_DIAG))
            ctx_add(p->ds_field, &p->ds_field_len, sizeof p->ds_field, line,
                    len);
        return;
    }
    ds_flush(p);
    {
        const char *c = memchr(line, ':', len < 40 ? len : 40);
        if (c == NULL) {
            p->ds_last = 0;
            return;
        }
        p->ds_field_id = ndr_header_id(line, (size_t)(c - line));
        p->ds_last = p->ds_field_id == HDR_DIAGNOSTIC_CODE ? DSF_DIAG : 0;
    }
    ctx_add(p->ds_field, &p->ds_field_len, sizeof p->ds_field, line, len);
}

void ndr_scan_feedback_line(ndr_parser *p, const char *line, size_t len)
{
    size_t colon = 0;
    while (colon < len && colon < 40 && line[colon] != ':')
        colon++;
    if (colon == len || colon == 40)
        return;
    if (ndr_ci_cmpn(line, colon, "original-rcpt-to") == 0 ||
        ndr_ci_cmpn(line, colon, "removal-recipient") == 0)
        add_addrs(line + colon + 1, len - colon - 1, p->fb_rcpts, &p->nfb,
                  NDR_XFAILED_MAX);
}


/* ---- JSON notifications and events -------------------------------------- */

/* Amazon SES sends bounce, complaint and delivery notifications as JSON,
 * by mail through SNS, sometimes as a string inside another JSON object
 * (its quotes escaped) and folded over several lines.  Sending platforms
 * (Mailgun, Postmark, SendGrid, SparkPost, Mandrill, Brevo) post their
 * bounce events as JSON too, one object, an array of them, or one per
 * line, which people paste or pipe in.  The lines are joined as they are
 * (a string holds no line break); the nesting is followed as the bytes
 * go by, and each event object is read once it closes: the top-level
 * value, or an element of an array at the top or one level down ("items"
 * of an event listing), so a long array or an endless stream of events
 * needs no more than one event's room. */

static void json_unit(ndr_parser *p, size_t from, size_t to);

static void json_reset(ndr_parser *p)
{
    p->json_len = 0;
    p->json_depth = 0;
    p->json_str = p->json_esc = 0;
    p->json_mid = 0;
    for (size_t k = 0; k < NDR_JSON_NEST; k++)
        p->json_at[k] = (size_t)-1;
}

/* Read what is kept, whole or not, and start afresh. */
static void json_flush(ndr_parser *p)
{
    if (p->json_len > 0)
        json_unit(p, 0, p->json_len);
    json_reset(p);
}

/* Does a line that starts JSON reading without a key of data/patterns.csv
 * open a JSON value: '{' or '[' as its first byte after blanks, then a
 * quote, another bracket, or nothing? */
static int json_opens(const char *line, size_t len)
{
    size_t k = 0;
    while (k < len && ndr_isblank((unsigned char)line[k]))
        k++;
    if (k == len || (line[k] != '{' && line[k] != '['))
        return 0;
    for (k++; k < len && ndr_isblank((unsigned char)line[k]); k++)
        ;
    return k == len || line[k] == '"' || line[k] == '{' || line[k] == '[';
}

/* Take a line of JSON.  Returns 0 when the line is no part of it (the
 * value before it closed and this line opens no other), which ends JSON
 * reading. */
static int json_collect(ndr_parser *p, const char *line, size_t len)
{
    if (len == 0) {
        json_flush(p);
        p->in_json = 0;
        return 1;
    }
    if (p->in_json && p->json_len == 0 && p->json_depth == 0 &&
        !p->json_mid) {
        size_t k = 0;
        while (k < len && ndr_isblank((unsigned char)line[k]))
            k++;
        if (k == len || (line[k] != '{' && line[k] != '[' &&
                         line[k] != ',' && line[k] != ']')) {
            p->in_json = 0;
            return 0;
        }
    }
    if (p->json == NULL) {
        if ((p->json = ndr_alloc(p, NDR_JSON_MAX)) == NULL)
            return 1;
        json_reset(p);
    }
    if (!p->in_json)
        json_reset(p);
    p->in_json = 1;
    /* An object that opens a line, after a line that ended inside a
     * value and not after a comma, bracket or colon: the value before
     * was cut short (a line over the line limit); read it as it is. */
    if (p->json_depth > 0 && !p->json_mid && len > 1 && line[0] == '{' &&
        line[1] == '"' && p->json_len > 0 &&
        strchr(",[{:", p->json[p->json_len - 1]) == NULL)
        json_flush(p);
    for (size_t i = 0; i < len; i++) {
        char c = line[i];
        size_t at = p->json_len, d;
        if (p->json_len < NDR_JSON_MAX)
            p->json[p->json_len++] = c;
        else
            at = (size_t)-1;
        if (p->json_str) {
            if (p->json_esc)
                p->json_esc = 0;
            else if (c == '\\')
                p->json_esc = 1;
            else if (c == '"')
                p->json_str = 0;
            continue;
        }
        if (c == '"') {
            p->json_str = 1;
        } else if (c == '{' || c == '[') {
            if (p->json_depth < NDR_JSON_NEST) {
                p->json_kind[p->json_depth] = c;
                p->json_at[p->json_depth] = at;
            }
            p->json_depth++;
        } else if (c == '}' || c == ']') {
            if (p->json_depth == 0) {
                /* reading began inside a value (the line of SNS's
                 * "Message"): the rest is read at its end */
                p->json_mid = 1;
                continue;
            }
            d = (size_t)--p->json_depth;
            if (p->json_mid || c != '}' ||
                !(d == 0 || (d <= 2 && p->json_kind[d - 1] == '[')))
                continue;
            json_unit(p, p->json_at[d] == (size_t)-1 ? 0 : p->json_at[d],
                      p->json_len);
            p->json_len = 0;
            for (size_t k = 0; k < NDR_JSON_NEST; k++)
                p->json_at[k] = (size_t)-1;
        }
    }
    return 1;
}

/* Copy the JSON string whose opening quote is at S[I] (after L
 * backslashes: the quotes of a string inside a string are escaped once)
 * into OUT, its escapes undone (a line break or tab a blank, \uXXXX in
 * UTF-8), trimmed.  Returns the offset just past it. */
static size_t json_read(const char *s, size_t i, size_t to, size_t lvl,
                        char *out, size_t cap)
{
    size_t o = 0;
    for (i++; i < to; i++) {
        size_t r = 0;
        char x;
        while (i + r < to && s[i + r] == '\\')
            r++;
        if (i + r >= to)
            break;
        x = s[i + r];
        if (x == '"' && (lvl == 0 ? r % 2 == 0 : r <= lvl)) {
            i += r;
            break;
        }
        i += r;
        if (o + 4 >= cap)
            continue;
        if (r > 0 && (x == 'n' || x == 'r' || x == 't')) {
            out[o++] = ' ';
        } else if (r > 0 && x == 'u' && i + 4 < to) {
            unsigned cp = 0;
            size_t k;
            for (k = 1; k <= 4; k++) {
                unsigned char h = (unsigned char)s[i + k];
                if (ndr_isdigit(h))
                    cp = cp * 16 + (unsigned)(h - '0');
                else if ((h | 0x20) >= 'a' && (h | 0x20) <= 'f')
                    cp = cp * 16 + (unsigned)((h | 0x20) - 'a' + 10);
                else
                    break;
            }
            if (k <= 4) {
                out[o++] = x;
                continue;
            }
            i += 4;
            if (cp < 0x20 || (cp >= 0xd800 && cp < 0xe000)) {
                out[o++] = cp < 0x20 ? ' ' : '?';
            } else if (cp < 0x80) {
                out[o++] = (char)cp;
            } else if (cp < 0x800) {
                out[o++] = (char)(0xc0 | (cp >> 6));
                out[o++] = (char)(0x80 | (cp & 0x3f));
            } else {
                out[o++] = (char)(0xe0 | (cp >> 12));
                out[o++] = (char)(0x80 | ((cp >> 6) & 0x3f));
                out[o++] = (char)(0x80 | (cp & 0x3f));
            }
        } else {
            out[o++] = x;
        }
    }
    while (o > 0 && ndr_isspace((unsigned char)out[o - 1]))
        o--;
    out[o] = '\0';
    if (ndr_isspace((unsigned char)out[0])) {
        size_t k = 0;
        while (ndr_isspace((unsigned char)out[k]))
            k++;
        memmove(out, out + k, o - k + 1);
    }
    return i + 1;
}

/* Find "KEY" : "value" in S[FROM..TO), its quotes escaped or not; copy
 * the value.  Returns the offset just past it, or 0. */
static size_t json_get(const char *s, size_t from, size_t to, const char *key,
                       char *out, size_t cap)
{
    size_t kl = strlen(key);
    while (from < to) {
        const char *k = ndr_ci_find(s + from, to - from, key, kl);
        size_t i, lvl = 0;
        if (k == NULL)
            return 0;
        i = (size_t)(k - s) + kl;
        from = i;
        while (i < to && s[i] == '\\')
            i++;
        if (k == s || k[-1] != '"' || i >= to || s[i] != '"')
            continue;
        i++;
        while (i < to && ndr_isblank((unsigned char)s[i]))
            i++;
        if (i >= to || s[i] != ':')
            continue;
        i++;
        while (i < to && ndr_isblank((unsigned char)s[i]))
            i++;
        while (i + lvl < to && s[i + lvl] == '\\')
            lvl++;
        if (i + lvl >= to || s[i + lvl] != '"')
            continue;
        return json_read(s, i + lvl, to, lvl, out, cap);
    }
    return 0;
}

/* The end of the JSON array or object that starts at or after FROM
 * (brackets counted in strings too: SES's may be escaped strings). */
static size_t json_close(const char *s, size_t from, size_t to, char open,
                         char close)
{
    int depth = 0;
    for (size_t i = from; i < to; i++) {
        if (s[i] == open)
            depth++;
        else if (s[i] == close && --depth <= 0)
            return i;
    }
    return to;
}

/* The offset of the byte that closes the object or array at S[FROM]
 * (plain JSON: strings skipped), or TO. */
static size_t json_end(const char *s, size_t from, size_t to)
{
    size_t depth = 0;
    int str = 0;
    for (size_t i = from; i < to; i++) {
        if (str) {
            if (s[i] == '\\')
                i++;
            else if (s[i] == '"')
                str = 0;
        } else if (s[i] == '"') {
            str = 1;
        } else if (s[i] == '{' || s[i] == '[') {
            depth++;
        } else if ((s[i] == '}' || s[i] == ']') && --depth == 0) {
            return i;
        }
    }
    return to;
}

/* The value of member KEY (any case) of the object S[OB..OE]: the offset
 * of its first byte, or 0. */
static size_t json_member(const char *s, size_t ob, size_t oe, const char *key)
{
    size_t kl = strlen(key);
    long depth = 0;
    for (size_t i = ob; i < oe; i++) {
        size_t ks, j;
        if (s[i] == '{' || s[i] == '[') {
            depth++;
            continue;
        }
        if (s[i] == '}' || s[i] == ']') {
            depth--;
            continue;
        }
        if (s[i] != '"')
            continue;
        ks = ++i;
        while (i < oe && s[i] != '"')
            i += s[i] == '\\' ? 2 : 1;
        if (i >= oe || depth != 1)
            continue;
        for (j = i + 1; j < oe && ndr_isspace((unsigned char)s[j]); j++)
            ;
        if (j >= oe || s[j] != ':')
            continue;
        if (i - ks == kl && ndr_ci_cmpn(s + ks, kl, key) == 0) {
            for (j++; j < oe && ndr_isspace((unsigned char)s[j]); j++)
                ;
            return j < oe ? j : 0;
        }
    }
    return 0;
}

/* Copy the string, number or word that is member KEY of S[OB..OE]. */
static int json_value(const char *s, size_t ob, size_t oe, const char *key,
                      char *out, size_t cap)
{
    size_t v = json_member(s, ob, oe, key), e;
    out[0] = '\0';
    if (v == 0)
        return 0;
    if (s[v] == '"') {
        json_read(s, v, oe, 0, out, cap);
        return out[0] != '\0';
    }
    for (e = v; e < oe && (ndr_isalnum((unsigned char)s[e]) || s[e] == '.' ||
                           s[e] == '-' || s[e] == '+');
         e++)
        ;
    copy_trim(out, cap, s + v, e - v);
    return out[0] != '\0';
}

/* The object that is member KEY of S[*OB..*OE]: narrows the range. */
static int json_object(const char *s, size_t *ob, size_t *oe, const char *key)
{
    size_t v = json_member(s, *ob, *oe, key);
    if (v == 0 || s[v] != '{')
        return 0;
    *ob = v;
    *oe = json_end(s, v, *oe);
    return 1;
}

/* What the event names of sending platforms mean for the recipient. */
enum { JE_FAILED = 1, JE_DELAYED, JE_FEEDBACK };

static const struct {
    const char *name;
    int what;
} json_events[] = {
    /* Mailgun ("failed": see severity), SendGrid, SparkPost, Mandrill,
     * Brevo; Postmark's bounce Type */
    {"failed", JE_FAILED},         {"bounce", JE_FAILED},
    {"dropped", JE_FAILED},        {"hard_bounce", JE_FAILED},
    {"out_of_band", JE_FAILED},    {"policy_rejection", JE_FAILED},
    {"blocked", JE_FAILED},        {"invalid_email", JE_FAILED},
    {"HardBounce", JE_FAILED},     {"BadEmailAddress", JE_FAILED},
    {"DnsError", JE_FAILED},       {"SpamNotification", JE_FAILED},
    {"VirusNotification", JE_FAILED}, {"DMARCPolicy", JE_FAILED},
    {"deferred", JE_DELAYED},      {"delay", JE_DELAYED},
    {"soft_bounce", JE_DELAYED},   {"SoftBounce", JE_DELAYED},
    {"Transient", JE_DELAYED},
    {"complained", JE_FEEDBACK},   {"spamreport", JE_FEEDBACK},
    {"spam_complaint", JE_FEEDBACK}, {"spam", JE_FEEDBACK},
    {"SpamComplaint", JE_FEEDBACK},
};

/* A sending platform's event, the object S[OB..OE]: a block for a bounce
 * or a delay, the recipient of a complaint as a feedback recipient;
 * nothing for others (delivered, opened, clicked). */
static void json_event(ndr_parser *p, const char *s, size_t ob, size_t oe)
{
    static const char *const rcpt_keys[] = {"rcpt_to", "raw_rcpt_to",
                                            "recipient", "email"};
    /* the remote server's words first, then the platform's own */
    static const char *const diag_keys[] = {
        "raw_reason", "diag", "Details", "response", "reason",
        "message", "description", "bounce_description"};
    char ev[40], tmp[NDR_DIAG_MAX], code[16], rcpt[NDR_ADDR_MAX];
    size_t db, de, dn = 0;
    int what = 0;
    ds_block *b;

    /* Mailgun's webhook wraps the event in "event-data", SparkPost's in
     * "msys" and a member named for its kind ("message_event") */
    json_object(s, &ob, &oe, "event-data");
    if (json_object(s, &ob, &oe, "msys")) {
        const char *in = memchr(s + ob + 1, '{', oe - ob - 1);
        if (in == NULL)
            return;
        ob = (size_t)(in - s);
        oe = json_end(s, ob, oe);
    }
    if (json_value(s, ob, oe, "RecordType", ev, sizeof ev)) {
        /* Postmark: the kind of bounce is its Type */
        if (ndr_ci_cmpn(ev, strlen(ev), "bounce") == 0)
            json_value(s, ob, oe, "Type", ev, sizeof ev);
    } else if (!json_value(s, ob, oe, "event", ev, sizeof ev) &&
               !json_value(s, ob, oe, "type", ev, sizeof ev)) {
        return;
    }
    for (size_t i = 0; i < sizeof json_events / sizeof json_events[0]; i++)
        if (ndr_ci_cmpn(ev, strlen(ev), json_events[i].name) == 0) {
            what = json_events[i].what;
            break;
        }
    if (what == 0)
        return;
    /* Mandrill keeps the message's fields in "msg", Mailgun the
     * server's answer in "delivery-status" */
    db = ob;
    de = oe;
    json_object(s, &db, &de, "msg");
    tmp[0] = '\0';
    for (size_t i = 0; i < sizeof rcpt_keys / sizeof rcpt_keys[0]; i++)
        if (json_value(s, db, de, rcpt_keys[i], tmp, sizeof tmp))
            break;
    if (tmp[0] == '\0' && db != ob)
        json_value(s, ob, oe, "email", tmp, sizeof tmp);
    if (what == JE_FEEDBACK) {
        if (ndr_find_addr(tmp, strlen(tmp), NULL, NULL, NULL) > 0) {
            add_addrs(tmp, strlen(tmp), p->fb_rcpts, &p->nfb,
                      NDR_XFAILED_MAX);
            p->feedback = 1;
        }
        return;
    }
    if (ndr_find_addr(tmp, strlen(tmp), rcpt, NULL, NULL) == 0 ||
        (b = ds_new(p)) == NULL)
        return;
    memcpy(b->final_rcpt, rcpt, sizeof b->final_rcpt);
    p->ds_open = 0;
    p->json_events = 1;
    b->seen = DSF_FINAL | DSF_ACTION;
    if (what == JE_FAILED && json_value(s, ob, oe, "severity", ev, sizeof ev) &&
        ndr_ci_cmpn(ev, strlen(ev), "temporary") == 0)
        what = JE_DELAYED;
    {
        const char *act = what == JE_DELAYED ? "delayed" : "failed";
        memcpy(b->action, act, strlen(act) + 1);
    }
    if (json_object(s, &db, &de, "delivery-status")) {
        if (json_value(s, db, de, "mx-host", b->remote_mta,
                       sizeof b->remote_mta))
            b->seen |= DSF_REMOTE;
    }
    if ((json_value(s, db, de, "enhanced-code", tmp, sizeof tmp) ||
         json_value(s, db, de, "status", tmp, sizeof tmp)) &&
        tmp[0] >= '2' && tmp[0] <= '5' && tmp[1] == '.') {
        copy_trim(b->status, sizeof b->status, tmp, strlen(tmp));
        b->seen |= DSF_STATUS;
    }
    if (!json_value(s, db, de, "code", code, sizeof code) &&
        !json_value(s, db, de, "error_code", code, sizeof code))
        code[0] = '\0';
    for (size_t i = 0; i < sizeof diag_keys / sizeof diag_keys[0]; i++)
        if (json_value(s, db, de, diag_keys[i], tmp, sizeof tmp))
            break;
    if (tmp[0] != '\0') {
        const char *v = tmp;
        size_t vn = strlen(tmp);
        strip_type(&v, &vn);
        while (vn > 0 && ndr_isspace((unsigned char)*v)) {
            v++;
            vn--;
        }
        /* the reply code given apart ("code": 550) goes before words
         * that do not start with it ("5.1.1 <a@b>: ...") */
        if (strlen(code) == 3 && code[0] >= '2' && code[0] <= '5' &&
            ndr_isdigit((unsigned char)code[1]) &&
            ndr_isdigit((unsigned char)code[2]) &&
            !(vn >= 3 && memcmp(v, code, 3) == 0 &&
              (vn == 3 || !ndr_isdigit((unsigned char)v[3]))))
            ctx_add(b->diag, &dn, sizeof b->diag, code, 3);
        ctx_add(b->diag, &dn, sizeof b->diag, v, vn);
        b->diag_len = dn;
        b->seen |= DSF_DIAG;
    }
}

/* Amazon SES's notification in S[0..N). */
static void json_ses(ndr_parser *p, const char *s, size_t n, const char *kind)
{
    size_t at, end;
    char tmp[NDR_DIAG_MAX];
    const char *k;

    if (json_get(s, 0, n, "reportingMTA", tmp, sizeof tmp)) {
        const char *v = tmp;
        size_t vn = strlen(tmp);
        strip_type(&v, &vn);
        copy_trim(p->reporting_mta, sizeof p->reporting_mta, v, vn);
    }
    if (ndr_ci_cmpn(kind, strlen(kind), "complaint") == 0) {
        if ((k = ci_has(s, n, "complainedRecipients")) == NULL)
            return;
        at = (size_t)(k - s);
        end = json_close(s, at, n, '[', ']');
        while (p->nfb < NDR_XFAILED_MAX &&
               (at = json_get(s, at, end, "emailAddress", tmp, sizeof tmp)) != 0)
            add_addrs(tmp, strlen(tmp), p->fb_rcpts, &p->nfb, NDR_XFAILED_MAX);
        p->feedback = 1;
    } else if (ndr_ci_cmpn(kind, strlen(kind), "bounce") == 0) {
        if ((k = ci_has(s, n, "bouncedRecipients")) == NULL)
            return;
        at = (size_t)(k - s);
        end = json_close(s, at, n, '[', ']');
        for (;;) {
            const char *ob = memchr(s + at, '{', end - at);
            size_t oe;
            ds_block *b;
            if (ob == NULL)
                break;
            at = (size_t)(ob - s);
            oe = json_close(s, at, end, '{', '}');
            if (json_get(s, at, oe, "emailAddress", tmp, sizeof tmp) == 0 ||
                (b = ds_new(p)) == NULL)
                break;
            ndr_find_addr(tmp, strlen(tmp), b->final_rcpt, NULL, NULL);
            b->seen |= DSF_FINAL;
            json_get(s, at, oe, "action", b->action, sizeof b->action);
            json_get(s, at, oe, "status", b->status, sizeof b->status);
            if (json_get(s, at, oe, "diagnosticCode", tmp, sizeof tmp)) {
                const char *v = tmp;
                size_t vn = strlen(tmp);
                strip_type(&v, &vn);
                ctx_add(b->diag, &b->diag_len, sizeof b->diag, v, vn);
            }
            p->ds_open = 0;
            at = oe + 1;
            if (at >= end)
                break;
        }
    } else if (ndr_ci_cmpn(kind, strlen(kind), "delivery") == 0) {
        char resp[NDR_DIAG_MAX];
        if ((k = ci_has(s, n, "\"delivery")) == NULL)
            return;
        at = (size_t)(k - s);
        resp[0] = '\0';
        json_get(s, at, n, "smtpResponse", resp, sizeof resp);
        if ((k = ci_has(s + at, n - at, "recipients")) == NULL)
            return;
        at = (size_t)(k - s);
        end = json_close(s, at, n, '[', ']');
        while (at < end) {
            size_t aat, alen;
            ds_block *b;
            if (ndr_find_addr(s + at, end - at, tmp, &aat, &alen) == 0 ||
                (b = ds_new(p)) == NULL)
                break;
            memcpy(b->final_rcpt, tmp, sizeof b->final_rcpt);
            b->seen |= DSF_FINAL;
            strcpy(b->action, "delivered");
            ctx_add(b->diag, &b->diag_len, sizeof b->diag, resp, strlen(resp));
            p->ds_open = 0;
            at += aat + alen;
        }
    }
}

/* A JSON value read whole, S[FROM..TO) of what is kept: Amazon SES's
 * notification (its type in notificationType, or eventType when it comes
 * by event publishing), or a sending platform's event. */
static void json_unit(ndr_parser *p, size_t from, size_t to)
{
    const char *s = p->json + from;
    size_t n = to - from;
    char kind[32];
    if (n == 0)
        return;
    if (json_get(s, 0, n, "notificationType", kind, sizeof kind) ||
        json_get(s, 0, n, "eventType", kind, sizeof kind)) {
        json_ses(p, s, n, kind);
        return;
    }
    if ((s = memchr(s, '{', n)) != NULL) {
        size_t ob = (size_t)(s - p->json);
        json_event(p, p->json, ob, json_end(p->json, ob, to));
    }
}

/* ---- failure text ------------------------------------------------------- */

static int is_sender(const ndr_parser *p, const char *a)
{
    for (size_t i = 0; i < p->nsenders; i++)
        if (addr_eq(p->senders[i], a))
            return 1;
    return ndr_ci_find(a, strlen(a), "mailer-daemon", 13) == a;
}

static long find_or_add_rcpt(ndr_parser *p, const char *a)
{
    text_rcpt *r;
    for (size_t i = 0; i < p->nrcpts; i++)
        if (addr_eq(p->rcpts[i].addr, a))
            return (long)i;
    {
        void *arr = p->rcpts;
        if (grow_recipients(p, &arr, p->nrcpts, &p->rcpts_cap, sizeof *r) < 0)
            return -1;
        p->rcpts = arr;
    }
    r = &p->rcpts[p->nrcpts];
    memcpy(r->addr, a, strlen(a) + 1);
    memcpy(r->lead, p->lead, sizeof r->lead);
    r->ctx_len = 0;
    r->ctx[0] = '\0';
    memset(&r->m, 0, sizeof r->m);
    return (long)p->nrcpts++;
}

/* Does S[0..N) start with one of the NL words of L (ASCII case
 * ignored)? */
static int starts_any(const char *s, size_t n, const char *const *l,
                      size_t nl)
{
    for (size_t i = 0; i < nl; i++) {
        size_t k = strlen(l[i]);
        if (n >= k && ndr_ci_cmpn(s, k, l[i]) == 0)
            return 1;
    }
    return 0;
}

/* Labels whose address is not a recipient. */
static int sender_label(const char *s, size_t n)
{
    static const char *const l[] = {
        "from", "sender", "reply-to", "return-path", "message-id",
        "envelope-from", "envelope-to", "delivered-to", "mail from",
        "in-reply-to", "references", "generating server", "reporting-mta",
        "received", "x-", "dkim", "authentication", "cc", "bcc", "errors-to",
        "resent-", "list-", "disposition-notification", "return-receipt"};
    return starts_any(s, n, l, sizeof l / sizeof l[0]);
}

/* Does label S[0..N) name a message identifier wherever in it ("Original
 * Message ID:", Postal's "Orginal Message ID:", "X-Original-Message-ID:")?
 * Its value has an '@' but is no one's address. */
static int names_message_id(const char *s, size_t n)
{
    static const char *const l[] = {"message id", "message-id", "msgid",
                                    "msg-id"};
    if (ci_has(s, n, "id") == NULL) /* in each of them */
        return 0;
    for (size_t i = 0; i < sizeof l / sizeof l[0]; i++)
        if (ci_has(s, n, l[i]) != NULL)
            return 1;
    return 0;
}

/* Can the first address of S[0..N) start at S[0]?  Only when S runs from
 * a local-part character (not '.' or '-', which addr_at drops) over
 * local-part characters to its first '@': a quick test before
 * ndr_find_addr. */
static int addr_first(const char *s, size_t n)
{
    size_t i = 0;
    if (n == 0 || s[0] == '.' || s[0] == '-')
        return 0;
    /* (Exchange's IMCEAEX-... addresses hold '=': see addr_at) */
    int imcea = n > 6 && ndr_ci_cmpn(s, 5, "imcea") == 0;
    while (i < n && (addr_local_char((unsigned char)s[i]) ||
                     (imcea && s[i] == '=')))
        i++;
    return i > 0 && i < n && s[i] == '@';
}

static inline int introduces_sender(const char *s, size_t n);

/* Does S[0..N) hold a status code (5.1.1)? */
static int code_before(const char *s, size_t n)
{
    ndr_code c;
    size_t tl;
    return n >= 5 && ndr_code_scan(s, n, &c, &tl) != (size_t)-1;
}

/* Does the server call the address that ends at S[E] the sender's
 * ("<a@b>: Sender address rejected", sendmail's "<a@b>... Domain of
 * sender address a@b does not exist")? */
static int sender_named(const char *s, size_t n, size_t e)
{
    if (e < n && s[e] == '>')
        e++;
    while (e < n && (s[e] == ':' || s[e] == '.' ||
                     ndr_isblank((unsigned char)s[e])))
        e++;
    if (e + 10 <= n && ndr_ci_cmpn(s + e, 10, "domain of ") == 0)
        e += 10;
    return e + 14 <= n && ndr_ci_cmpn(s + e, 14, "sender address") == 0;
}

/* The length of "5.1.1 " when S[0..N) starts with a status code, a space
 * and '<', or 0. */
static size_t status_then_bracket(const char *s, size_t n)
{
    ndr_code c;
    size_t tl;
    if (n < 8 || s[1] != '.' || ndr_code_scan(s, n < 12 ? n : 12, &c, &tl) != 0)
        return 0;
    return tl + 1 < n && s[tl] == ' ' && s[tl + 1] == '<' ? tl + 1 : 0;
}

/* Does any of the NW WORDS occur in S[0..N)? */
/* The pairs of adjacent bytes of S[0..N) (ASCII letters folded), hashed
 * into the bit set IN of PAIR_BITS bits. */
#define PAIR_BITS 1024u
static unsigned pair_slot(unsigned char a, unsigned char b)
{
    return ((unsigned)a * 31u + b) & (PAIR_BITS - 1);
}

static void pair_set(const char *s, size_t n, unsigned char in[PAIR_BITS / 8])
{
    memset(in, 0, PAIR_BITS / 8);
    for (size_t i = 1; i < n; i++) {
        unsigned h = pair_slot(ndr_lower((unsigned char)s[i - 1]),
                               ndr_lower((unsigned char)s[i]));
        in[h >> 3] = (unsigned char)(in[h >> 3] | 1u << (h & 7));
    }
}

/* Does S[0..N), whose byte pairs are IN (pair_set), hold one of the NW
 * WORDS?  A word is searched for only when every pair of its bytes is
 * there, which few words of a line that does not hold them pass. */
static int any_in_set(const char *s, size_t n, const unsigned char *in,
                      const char *const *words, size_t nw)
{
    for (size_t i = 0; i < nw; i++) {
        const unsigned char *w = (const unsigned char *)words[i];
        int all = 1;
        for (size_t j = 0; all && w[j] != '\0' && w[j + 1] != '\0'; j++) {
            unsigned h = pair_slot(ndr_lower(w[j]), ndr_lower(w[j + 1]));
            all = (in[h >> 3] & 1u << (h & 7)) != 0;
        }
        if (all && ci_has(s, n, words[i]) != NULL)
            return 1;
    }
    return 0;
}

static int any_in(const char *s, size_t n, const char *const *words,
                  size_t nw)
{
    unsigned char in[PAIR_BITS / 8];
    pair_set(s, n, in);
    return any_in_set(s, n, in, words, nw);
}

#define ANY_IN(s, n, words)                                                   \
    any_in(s, n, words, sizeof(words) / sizeof((words)[0]))

/* Words that ask the reader to turn to someone ("please contact
 * postmaster@...", "napisz do ...", "请联系 ...", "お問い合わせは ...",
 * "문의: ..."), or name a helpdesk: an address in such a sentence or
 * after such a label is advice, not a recipient. */
static const char *const contact_words[] = {
    "contact", "kontakt", "support", "helpdesk", "napisz",
    "napi\xc5\xa1te" /* napište */,
    "nap\xc3\xad\xc5\xa1te" /* napíšte */, "obra\xc5\xa5" /* obrať */, "wenden",
    "contatt", "ileti\xc5\x9fim" /* iletişim */, "ba\xc5\x9fvur" /* başvur */,
    "forduljon",
    "\xd0\xbe\xd0\xb1\xd1\x80\xd0\xb0\xd1\x82\xd0\xb8\xd1\x82\xd0\xb5\xd1\x81\xd1\x8c" /* обратитесь */,
    "\xd1\x81\xd0\xb2\xd1\x8f\xd0\xb6\xd0\xb8\xd1\x82\xd0\xb5\xd1\x81\xd1\x8c" /* свяжитесь */,
    "\xd0\xbd\xd0\xb0\xd0\xbf\xd0\xb8\xd1\x88\xd0\xb8\xd1\x82\xd0\xb5" /* напишите */,
    "\xd0\xb7\xd0\xb2\xd0\xb5\xd1\x80\xd0\xbd\xd1\x96\xd1\x82\xd1\x8c\xd1\x81\xd1\x8f" /* зверніться */,
    "\xd0\xbd\xd0\xb0\xd0\xbf\xd0\xb8\xd1\x88\xd1\x96\xd1\x82\xd1\x8c" /* напишіть */,
    "\xe8\x81\x94\xe7\xb3\xbb" /* 联系 */, "\xe8\x81\xaf\xe7\xb9\xab" /* 聯繫 */,
    "\xe8\x81\xaf\xe7\xb5\xa1" /* 聯絡 */, "\xe8\x81\x94\xe7\xbb\x9c" /* 联络 */,
    "\xe5\x92\xa8\xe8\xaf\xa2" /* 咨询 */, "\xe8\xab\xae\xe8\xa9\xa2" /* 諮詢 */,
    "\xe6\x8a\x80\xe6\x9c\xaf\xe6\x94\xaf\xe6\x8c\x81" /* 技术支持 */,
    "\xe6\x8a\x80\xe8\xa1\x93\xe6\x94\xaf\xe6\x8f\xb4" /* 技術支援 */,
    "\xe5\xae\xa2\xe6\x9c\x8d" /* 客服 */,
    "\xe5\x95\x8f\xe3\x81\x84\xe5\x90\x88\xe3\x82\x8f\xe3\x81\x9b" /* 問い合わせ */,
    "\xe5\x95\x8f\xe5\x90\x88\xe3\x81\x9b" /* 問合せ */,
    "\xe9\x80\xa3\xe7\xb5\xa1" /* 連絡 */,
    "\xe3\x82\xb5\xe3\x83\x9d\xe3\x83\xbc\xe3\x83\x88" /* サポート */,
    "\xeb\xac\xb8\xec\x9d\x98" /* 문의 */, "\xec\x97\xb0\xeb\x9d\xbd" /* 연락 */,
    "\xea\xb3\xa0\xea\xb0\x9d\xec\x84\xbc\xed\x84\xb0" /* 고객센터 */,
    "\xe0\xb8\x95\xe0\xb8\xb4\xe0\xb8\x94\xe0\xb8\x95\xe0\xb9\x88\xe0\xb8\xad" /* ติดต่อ */};

/* The sender labels of Chinese, Japanese, Korean and Thai mail (发件人,
 * 差出人, 보낸 사람, ผู้ส่ง, ...): a label that starts with one names no
 * recipient (sender_label_intl), and neither does an address whose
 * clause holds one (unspaced_clause). */
static const char *const cjk_sender_labels[] = {
    "\xe5\x8f\x91\xe4\xbb\xb6\xe4\xba\xba" /* 发件人 */,
    "\xe7\x99\xbc\xe4\xbb\xb6\xe4\xba\xba" /* 發件人 */,
    "\xe5\xaf\x84\xe4\xbb\xb6\xe4\xba\xba" /* 寄件人 */,
    "\xe5\xaf\x84\xe4\xbb\xb6\xe8\x80\x85" /* 寄件者 */,
    "\xe5\x8f\x91\xe4\xbf\xa1\xe4\xba\xba" /* 发信人 */,
    "\xe7\x99\xbc\xe4\xbf\xa1\xe4\xba\xba" /* 發信人 */,
    "\xe5\xb7\xae\xe5\x87\xba\xe4\xba\xba" /* 差出人 */,
    "\xe9\x80\x81\xe4\xbf\xa1\xe8\x80\x85" /* 送信者 */,
    "\xe9\x80\x81\xe4\xbf\xa1\xe5\x85\x83" /* 送信元 */,
    "\xeb\xb3\xb4\xeb\x82\xb8 \xec\x82\xac\xeb\x9e\x8c" /* 보낸 사람 */,
    "\xeb\xb3\xb4\xeb\x82\xb8\xec\x82\xac\xeb\x9e\x8c" /* 보낸사람 */,
    "\xeb\xb0\x9c\xec\x8b\xa0" /* 발신 */,
    "\xe0\xb8\x9c\xe0\xb8\xb9\xe0\xb9\x89\xe0\xb8\xaa\xe0\xb9\x88\xe0\xb8\x87" /* ผู้ส่ง */};

/* Is label S[0..N) a localized "From", "Sender", "Reply-To" or "Cc"?
 * The whole label for the short words ("Od", "От", "De"), its start for
 * the others ("差出人", "发件人地址", "Обратный адрес"). */
static int sender_label_intl(const char *s, size_t n)
{
    static const char *const whole[] = {
        "von", "od", "de", "da", "van", "fr\xc3\xa5n" /* från */, "fra",
        "kimden", "\xd0\xbe\xd1\x82" /* от */,
        "\xd0\x9e\xd1\x82" /* От */, "\xd0\xb2\xd1\x96\xd0\xb4" /* від */,
        "\xd0\x92\xd1\x96\xd0\xb4" /* Від */,
        "\xe0\xb8\x88\xe0\xb8\xb2\xe0\xb8\x81" /* จาก */,
        "\xe0\xa4\xb8\xe0\xa5\x87" /* से */};
    static const char *const start[] = {
        "absender", "nadawca", "odes\xc3\xadlatel" /* odesílatel */,
        "odosielate\xc4\xbe" /* odosielateľ */,
        "exp\303\251diteur" /* expéditeur */,
        "expediteur", "mittente", "remitente", "remetente", "afzender",
        "g\xc3\xb6nderen" /* gönderen */, "felad\xc3\xb3" /* feladó */,
        "l\xc3\xa4hett\xc3\xa4j\xc3\xa4" /* lähettäjä */,
        "avs\xc3\xa4ndare" /* avsändare */, "afsender",
        "avsender", "po\xc5\xa1iljatelj" /* pošiljatelj */, "posiljatelj",
        "po\xc5\xa1iljalac" /* pošiljalac */,
        "\xd0\x9e\xd1\x82\xd0\xbf\xd1\x80\xd0\xb0\xd0\xb2\xd0\xb8\xd1\x82\xd0\xb5\xd0\xbb\xd1\x8c" /* Отправитель */,
        "\xd0\xbe\xd1\x82\xd0\xbf\xd1\x80\xd0\xb0\xd0\xb2\xd0\xb8\xd1\x82\xd0\xb5\xd0\xbb\xd1\x8c" /* отправитель */,
        "\xd0\x92\xd1\x96\xd0\xb4\xd0\xbf\xd1\x80\xd0\xb0\xd0\xb2\xd0\xbd\xd0\xb8\xd0\xba" /* Відправник */,
        "\xd0\xb2\xd1\x96\xd0\xb4\xd0\xbf\xd1\x80\xd0\xb0\xd0\xb2\xd0\xbd\xd0\xb8\xd0\xba" /* відправник */,
        "\xd0\x9e\xd0\xb1\xd1\x80\xd0\xb0\xd1\x82\xd0\xbd\xd1\x8b\xd0\xb9 \xd0\xb0\xd0\xb4\xd1\x80\xd0\xb5\xd1\x81" /* Обратный адрес */,
        "\xd0\x9f\xd0\xbe\xd0\xb4\xd0\xb0\xd1\x82\xd0\xb5\xd0\xbb" /* Подател */,
        "\xd0\xbf\xd0\xbe\xd0\xb4\xd0\xb0\xd1\x82\xd0\xb5\xd0\xbb" /* подател */,
        "\xd0\x9f\xd0\xbe\xd1\x88\xd0\xb8\xd1\x99\xd0\xb0\xd0\xbb\xd0\xb0\xd1\x86" /* Пошиљалац */,
        "\xe5\x9b\x9e\xe5\xa4\x8d" /* 回复 */,
        "\xe5\x9b\x9e\xe8\xa6\x86" /* 回覆 */,
        "\xe6\x8a\x84\xe9\x80\x81" /* 抄送 */,
        "\xe5\x89\xaf\xe6\x9c\xac" /* 副本 */,
        "\xe8\xbf\x94\xe4\xbf\xa1\xe5\x85\x88" /* 返信先 */,
        "\xed\x9a\x8c\xec\x8b\xa0" /* 회신 */,
        "\xec\xb0\xb8\xec\xa1\xb0" /* 참조 */,
        "\xe0\xa4\xaa\xe0\xa5\x8d\xe0\xa4\xb0\xe0\xa5\x87\xe0\xa4\xb7\xe0\xa4\x95" /* प्रेषक */};
    while (n > 0 && ndr_isblank((unsigned char)s[n - 1]))
        n--;
    for (size_t i = 0; i < sizeof whole / sizeof whole[0]; i++)
        if (ndr_ci_cmpn(s, n, whole[i]) == 0)
            return 1;
    return starts_any(s, n, start, sizeof start / sizeof start[0]) ||
           starts_any(s, n, cjk_sender_labels,
                      sizeof cjk_sender_labels / sizeof cjk_sender_labels[0]);
}

/* Where does the sentence that holds S[W] start (after the last ". ",
 * "! ", "? " or an ideographic full stop before W)? */
static size_t sentence_start(const char *s, size_t w)
{
    for (size_t k = w; k > 1; k--) {
        if ((s[k - 2] == '.' || s[k - 2] == '!' || s[k - 2] == '?') &&
            ndr_isblank((unsigned char)s[k - 1]))
            return k;
        if (k >= 3 && memcmp(s + k - 3, "\xe3\x80\x82", 3) == 0) /* 。 */
            return k;
    }
    return 0;
}

/* Is S[0..N) one of the marks that may stand between an address and
 * the text around it in Chinese, Japanese or Korean: full-width
 * brackets, colon and space (U+3000, U+300C..U+300F 「」『』, U+FF08
 * （, U+FF09 ）, U+FF1A ：, and those of wide_open and wide_close)? */
static int wide_around(const unsigned char *s, size_t n)
{
    if (n < 3)
        return 0;
    if (wide_open(s) || wide_close(s))
        return 1;
    if (s[0] == 0xe3 && s[1] == 0x80)
        return s[2] >= 0x8c && s[2] <= 0x8f;
    return s[0] == 0xef && s[1] == 0xbc &&
           (s[2] == 0x88 || s[2] == 0x89 || s[2] == 0x9a);
}

/* Is S[0..N) the end of a clause: ASCII ",;!?()", a full stop before a
 * blank, or U+3001 、 U+3002 。 U+FF01 ！ U+FF08 （ U+FF09 ） U+FF0C ，
 * U+FF1B ； U+FF1F ？ */
static int clause_end(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    if (n == 0)
        return 0;
    if (u[0] < 0x80)
        return s[0] == ',' || s[0] == ';' || s[0] == '!' || s[0] == '?' ||
               s[0] == '(' || s[0] == ')' ||
               (s[0] == '.' && (n == 1 || ndr_isspace(u[1])));
    if (n < 3)
        return 0;
    if (u[0] == 0xe3 && u[1] == 0x80)
        return u[2] == 0x81 || u[2] == 0x82;
    return u[0] == 0xef && u[1] == 0xbc &&
           (u[2] == 0x81 || u[2] == 0x88 || u[2] == 0x89 || u[2] == 0x8c ||
            u[2] == 0x9b || u[2] == 0x9f);
}

/* Is S[0..3) a mark that ends a clause or closes a bracket in Chinese
 * or Japanese text (、。），：；」』)?  After an address it says
 * nothing of the failure. */
static int clause_after(const unsigned char *s)
{
    if (s[0] == 0xe3 && s[1] == 0x80)
        return s[2] == 0x81 || s[2] == 0x82 || s[2] == 0x8d || s[2] == 0x8f;
    return s[0] == 0xef && s[1] == 0xbc &&
           (s[2] == 0x89 || s[2] == 0x8c || s[2] == 0x9a || s[2] == 0x9b);
}

/* Where the text after the address that ends at S[E] starts, past
 * brackets, quote marks, a colon and blanks. */
static size_t after_addr(const char *s, size_t n, size_t e)
{
    for (;;) {
        if (e < n && (ndr_isblank((unsigned char)s[e]) || s[e] == '>' ||
                      s[e] == '"' || s[e] == '\'' || s[e] == ')' ||
                      s[e] == ':'))
            e++;
        else if (e + 3 <= n && wide_around((const unsigned char *)s + e, 3))
            e += 3;
        else
            return e;
    }
}

/* Does the text from S[E] say that the address before it sent the
 * message ("a@b から送信された", "a@b 发送的邮件", "a@b에서 보낸")? */
static int sent_by_after(const char *s, size_t n, size_t e)
{
    static const char *const from[] = {
        "\xe3\x81\x8b\xe3\x82\x89" /* から */,
        "\xe3\x82\x88\xe3\x82\x8a" /* より */,
        "\xec\x97\x90\xec\x84\x9c" /* 에서 */,
        "\xeb\x8b\x98\xec\x9d\xb4" /* 님이 */,
        "\xe5\x8f\x91\xe9\x80\x81\xe7\x9a\x84" /* 发送的 */,
        "\xe7\x99\xbc\xe9\x80\x81\xe7\x9a\x84" /* 發送的 */,
        "\xe5\x8f\x91\xe5\x87\xba\xe7\x9a\x84" /* 发出的 */,
        "\xe7\x99\xbc\xe5\x87\xba\xe7\x9a\x84" /* 發出的 */,
        "\xe5\xaf\x84\xe5\x87\xba\xe7\x9a\x84" /* 寄出的 */,
        "\xe5\xaf\x84\xe9\x80\x81\xe7\x9a\x84" /* 寄送的 */,
        "\xe5\x8f\x91\xe6\x9d\xa5\xe7\x9a\x84" /* 发来的 */,
        "\xe7\x99\xbc\xe4\xbe\x86\xe7\x9a\x84" /* 發來的 */};
    e = after_addr(s, n, e);
    if (e >= n || (unsigned char)s[e] < 0xe3) /* (where each one starts) */
        return 0;
    for (size_t i = 0; i < sizeof from / sizeof from[0]; i++) {
        size_t k = strlen(from[i]);
        if (n - e >= k && memcmp(s + e, from[i], k) == 0)
            return 1;
    }
    return 0;
}

/* Chinese, Japanese, Korean and Thai write no blank between words, and
 * often none around an address: "邮件无法投递到 a@b", "您发送的邮件未能
 * 送达a@b，", "a@b に届きませんでした", "（宛先：a@b）は配信できません
 * でした", "수신자 a@b 의 메일함", "ส่งไปยัง a@b".  An address that such
 * text touches (past blanks, brackets and a colon) names a recipient when
 * its clause (up to the nearest comma, full stop or bracket on either
 * side, or the address before it) speaks of delivery, failure or the
 * recipient, and names no sender and no one to contact.  Returns 1 and
 * sets *REST, or 0. */
static int unspaced_clause(const char *s, size_t n, size_t prev, size_t at,
                           size_t alen, size_t *rest)
{
    static const char *const about[] = {
        "\xe6\x8a\x95\xe9\x80\x92" /* 投递 */,
        "\xe6\x8a\x95\xe9\x81\x9e" /* 投遞 */,
        "\xe9\x80\x81\xe8\xbe\xbe" /* 送达 */,
        "\xe9\x80\x81\xe9\x81\x94" /* 送達 */,
        "\xe9\x80\x92\xe9\x80\x81" /* 递送 */,
        "\xe9\x81\x9e\xe9\x80\x81" /* 遞送 */,
        "\xe4\xbc\xa0\xe9\x80\x81" /* 传送 */,
        "\xe5\x82\xb3\xe9\x80\x81" /* 傳送 */,
        "\xe5\x8f\x91\xe9\x80\x81" /* 发送 */,
        "\xe7\x99\xbc\xe9\x80\x81" /* 發送 */,
        "\xe5\xaf\x84\xe9\x80\x81" /* 寄送 */,
        "\xe5\x8f\x91\xe5\xbe\x80" /* 发往 */,
        "\xe7\x99\xbc\xe5\xbe\x80" /* 發往 */,
        "\xe9\x80\x80\xe4\xbf\xa1" /* 退信 */,
        "\xe9\x80\x80\xe5\x9b\x9e" /* 退回 */,
        "\xe6\x94\xb6\xe4\xbb\xb6" /* 收件 */,
        "\xe6\x94\xb6\xe4\xbf\xa1" /* 收信 */,
        "\xe5\xa4\xb1\xe8\xb4\xa5" /* 失败 */,
        "\xe5\xa4\xb1\xe6\x95\x97" /* 失敗 */,
        "\xe6\x97\xa0\xe6\xb3\x95" /* 无法 */,
        "\xe7\x84\xa1\xe6\xb3\x95" /* 無法 */,
        "\xe6\x8b\x92\xe6\x94\xb6" /* 拒收 */,
        "\xe6\x8b\x92\xe7\xbb\x9d" /* 拒绝 */,
        "\xe6\x8b\x92\xe7\xb5\x95" /* 拒絕 */,
        "\xe4\xb8\x8d\xe5\xad\x98\xe5\x9c\xa8" /* 不存在 */,
        "\xe9\x85\x8d\xe4\xbf\xa1" /* 配信 */,
        "\xe9\x85\x8d\xe9\x80\x81" /* 配送 */, "\xe5\xb1\x8a" /* 届 */,
        "\xe9\x80\x81\xe4\xbf\xa1" /* 送信 */, "\xe5\xae\x9b" /* 宛 */,
        "\xe3\x82\xa8\xe3\x83\xa9\xe3\x83\xbc" /* エラー */,
        "\xec\xa0\x84\xeb\x8b\xac" /* 전달 */,
        "\xec\xa0\x84\xec\x86\xa1" /* 전송 */,
        "\xeb\xb0\x9c\xec\x86\xa1" /* 발송 */,
        "\xeb\xb0\xb0\xeb\x8b\xac" /* 배달 */,
        "\xec\x88\x98\xec\x8b\xa0" /* 수신 */,
        "\xeb\xb0\x9b\xeb\x8a\x94" /* 받는 */,
        "\xeb\xb0\x98\xec\x86\xa1" /* 반송 */,
        "\xec\x8b\xa4\xed\x8c\xa8" /* 실패 */,
        "\xeb\xa9\x94\xec\x9d\xbc" /* 메일 */,
        "\xe0\xb8\xaa\xe0\xb9\x88\xe0\xb8\x87" /* ส่ง */,
        "\xe0\xb8\x96\xe0\xb8\xb6\xe0\xb8\x87" /* ถึง */,
        "\xe0\xb9\x84\xe0\xb8\x9b\xe0\xb8\xa2\xe0\xb8\xb1\xe0\xb8\x87" /* ไปยัง */,
        "\xe0\xb8\x9c\xe0\xb8\xb9\xe0\xb9\x89\xe0\xb8\xa3\xe0\xb8\xb1\xe0\xb8\x9a" /* ผู้รับ */,
        "\xe0\xb8\xa5\xe0\xb9\x89\xe0\xb8\xa1\xe0\xb9\x80\xe0\xb8\xab\xe0\xb8\xa5\xe0\xb8\xa7" /* ล้มเหลว */,
        "\xe0\xb9\x84\xe0\xb8\xa1\xe0\xb9\x88\xe0\xb8\xaa\xe0\xb8\xb2\xe0\xb8\xa1\xe0\xb8\xb2\xe0\xb8\xa3\xe0\xb8\x96" /* ไม่สามารถ */};
    static const char *const sender[] = {
        "\xe6\x9d\xa5\xe8\x87\xaa" /* 来自 */,
        "\xe4\xbe\x86\xe8\x87\xaa" /* 來自 */,
        "\xe0\xb8\x88\xe0\xb8\xb2\xe0\xb8\x81" /* จาก */};
    size_t b = at, e = at + alen, bs, ae;
    int touch = 0;
    /* the text before: past blanks, brackets and a colon */
    for (;;) {
        if (b > prev && (ndr_isblank((unsigned char)s[b - 1]) ||
                         s[b - 1] == '<' || s[b - 1] == '"' ||
                         s[b - 1] == '\'' || s[b - 1] == '(' ||
                         s[b - 1] == ':'))
            b--;
        else if (b >= prev + 3 &&
                 wide_around((const unsigned char *)s + b - 3, 3))
            b -= 3;
        else
            break;
    }
    if (b >= prev + 3 && unspaced_at((const unsigned char *)s + b - 3, 3))
        touch = 1;
    /* the text after */
    e = after_addr(s, n, e);
    if (unspaced_at((const unsigned char *)s + e, n - e))
        touch = 1;
    if (!touch) /* (the common case, known before the clause is sought) */
        return 0;
    for (bs = b; bs > prev && b - bs < 240; bs--)
        if (clause_end(s + bs - 1, n - bs + 1) ||
            (bs >= prev + 3 && (unsigned char)s[bs - 1] >= 0x80 &&
             clause_end(s + bs - 3, 3)))
            break;
    for (ae = e; ae < n && ae - e < 240 && !clause_end(s + ae, n - ae);)
        ae++;
    if (sent_by_after(s, n, at + alen) ||
        ANY_IN(s + bs, b - bs, sender) ||
        ANY_IN(s + bs, b - bs, cjk_sender_labels) ||
        ANY_IN(s + bs, b - bs, contact_words) ||
        ANY_IN(s + e, ae - e, contact_words))
        return 0;
    if (!ANY_IN(s + bs, b - bs, about) && !ANY_IN(s + e, ae - e, about))
        return 0;
    *rest = e < n ? at + alen : 0;
    return 1;
}

/* Does a sentence name the address at S[AT..AT+ALEN) as the one a
 * message could not be delivered to?  PREV is where the address before it
 * in the line ends (0 for the first).  Returns 1 and sets *REST, or 0.
 *
 * "... deliver ... to <address>", in many languages.  The word before
 * the address says "to" (Swedish till, Danish and Norwegian til, Romanian
 * la, Polish do, Indonesian ke, Vietnamese tới, Arabic إلى, Hebrew אל,
 * Russian для "for", Bulgarian до) or names the goal ("to the user", "to
 * the address": Russian пользователю, на адрес, Czech, Slovak, Croatian
 * and Serbian na adresu, на адресу, Polish na adres, Slovenian na naslov,
 * Lithuanian adresu, Latvian uz adresi, Estonian aadressile, Catalan a
 * l'adreça, French à l'adresse, Finnish osoitteeseen, Greek διεύθυνση);
 * a word earlier in the line speaks of the message or its delivery, and
 * none in its sentence asks the reader to contact someone ("napisz do
 * postmaster@..."). */
static int sentence_names(const char *s, size_t n, size_t prev, size_t at,
                          size_t alen, size_t *rest)
{
    static const char *const to_words[] = {
        "to", "an", "aan", "a", "para", "\xc3\xa0" /* à */, "till", "til", "la",
        "do", "ke",
        "t\xe1\xbb\x9bi" /* tới */, "\xd8\xa5\xd9\x84\xd9\x89" /* إلى */,
        "\xd7\x90\xd7\x9c" /* אל */,
        "\xd0\xbf\xd0\xbe\xd0\xbb\xd1\x8c\xd0\xb7\xd0\xbe\xd0\xb2\xd0\xb0\xd1\x82\xd0\xb5\xd0\xbb\xd1\x8e" /* пользователю */,
        "adresu",
        "\xd0\xb0\xd0\xb4\xd1\x80\xd0\xb5\xd1\x81\xd1\x83" /* адресу */,
        "osoitteeseen",
        "\xce\xb4\xce\xb9\xce\xb5\xcf\x8d\xce\xb8\xcf\x85\xce\xbd\xcf\x83\xce\xb7" /* διεύθυνση */,
        "\xd0\xb4\xd0\xbb\xd1\x8f" /* для */, "\xd0\xb4\xd0\xbe" /* до */,
        "\xd0\xb0\xd0\xb4\xd1\x80\xd0\xb5\xd1\x81" /* адрес */, "adres",
        "naslov", "adresi", "aadressile", "l'adre\303\247a" /* l'adreça */,
        "l'adresse"};
    /* (stems; Cyrillic ones without their first letter, which a sentence
     * may start with in capitals: ndr_ci_cmpn folds ASCII only) */
    static const char *const about[] = {
        "deliver", "message", "mail", "recipient", "rcpt", "sent", "send",
        "zustell", "nachricht", "remis", "destinataire", "consegn",
        "destinatario", "entreg", "mensaje", "mensagem", "bericht", "levere",
        "levert", "livrat", "dostarcz", "wiadomo", "doru\xc4\x8d" /* doruč */,
        "zpr\xc3\xa1v" /* zpráv */,
        "spr\xc3\xa1v" /* správ */, "toimitet",
        "k\xc3\xa9zbes\xc3\xadt" /* kézbesít */, "terkirim",
        "g\xe1\xbb\xadi" /* gửi */, "isporu",
        "poruk", "sporo\xc4\x8dil" /* sporočil */, "dostav", "lliura",
        "missatge", "pristatyt",
        "lai\xc5\xa1k" /* laišk */, "pieg\304\201d" /* piegād */,
        "zi\xc5\x86ojum" /* ziņojum */, "s\xc3\xb5num" /* sõnum */,
        "\xd0\xb4\xd0\xbe\xd1\x81\xd1\x82\xd0\xb0\xd0\xb2" /* достав */,
        "\xd0\xbe\xd0\xbe\xd0\xb1\xd1\x89\xd0\xb5\xd0\xbd\xd0\xb8" /* ообщени */,
        "\xd1\x8a\xd0\xbe\xd0\xb1\xd1\x89\xd0\xb5\xd0\xbd\xd0\xb8" /* ъобщени */,
        "\xd0\xb8\xd1\x81\xd1\x8c\xd0\xbc" /* исьм */,
        "\xd0\xb8\xd1\x81\xd0\xbc\xd0\xbe" /* исмо */,
        "\xd0\xbe\xd0\xb2\xd1\x96\xd0\xb4\xd0\xbe\xd0\xbc\xd0\xbb\xd0\xb5\xd0\xbd" /* овідомлен */,
        "\xd0\xbb\xd0\xb8\xd1\x81\xd1\x82" /* лист */,
        "\xd0\xbe\xd1\x80\xd1\x83\xd0\xba" /* орук */,
        "\xd1\x81\xd0\xbf\xd0\xbe\xd1\x80\xd1\x83\xd1\x87" /* споруч */,
        "\xcf\x80\xce\xb1\xcf\x81\xce\xb1\xce\xb4\xcf\x8c\xce\xb8\xce\xb7\xce\xba\xce\xb5" /* παραδόθηκε */,
        "\xd8\xaa\xd8\xb3\xd9\x84\xd9\x8a\xd9\x85" /* تسليم */,
        "\xd7\xa0\xd7\x9e\xd7\xa1\xd7\xa8\xd7\x94" /* נמסרה */};
    size_t b = at, w;
    while (b > prev && (s[b - 1] == '<' || s[b - 1] == '"' ||
                        s[b - 1] == '\'' || /* "Failed to deliver to 'a@b'" */
                        ndr_isblank((unsigned char)s[b - 1]) || s[b - 1] == ':'))
        b--;
    w = b;
    while (w > prev && !ndr_isblank((unsigned char)s[w - 1]))
        w--;
    /* "rejected recipient <a@b>": the word names it.  A status code
     * before the address in the line is the recipient's ("Remote Server
     * returned '550 5.1.10 ...; Recipient a@b not found"): then the whole
     * line is its text. */
    if (b - w == 9 && ndr_ci_cmpn(s + w, 9, "recipient") == 0) {
        *rest = code_before(s, w) ? 0 : at + alen;
        return 1;
    }
    for (size_t k = 0; k < sizeof to_words / sizeof to_words[0]; k++) {
        size_t ss;
        if (ndr_ci_cmpn(s + w, b - w, to_words[k]) != 0)
            continue;
        ss = sentence_start(s, w);
        if (ANY_IN(s + ss, w - ss, contact_words))
            return 0;
        if (ANY_IN(s, w, about)) {
            *rest = code_before(s, w) ? 0 : at + alen;
            return 1;
        }
        break;
    }
    /* Languages that set the goal after the address: Turkish "iletiniz
     * a@b adresine teslim edilmedi" (to the address a@b it was not
     * delivered), Hungarian "a@b címre", Hindi "a@b को नहीं भेजा जा सका"
     * (could not be sent to a@b), Korean "a@b(으)로 메일을 전송하지
     * 못했습니다" (could not send the mail to a@b).  The words of delivery
     * follow. */
    {
        static const struct {
            const char *goal, *about;
        } after[] = {
            {" adresine", "teslim"},
            {" adresine", "g\xc3\xb6nderil" /* gönderil */},
            {" adresine", "iletil"},
            {" adresine", "ula\xc5\x9f" /* ulaş */},
            {" c\xc3\xadmre" /*  címre */,
            "k\xc3\xa9zbes\xc3\xadt" /* kézbesít */},
            {" \xe0\xa4\x95\xe0\xa5\x8b" /*  को */,
            "\xe0\xa4\xad\xe0\xa5\x87\xe0\xa4\x9c" /* भेज */},
            {" \xe0\xa4\x95\xe0\xa5\x8b" /*  को */,
            "\xe0\xa4\xb5\xe0\xa4\xbf\xe0\xa4\xa4\xe0\xa4\xb0\xe0\xa4\xbf\xe0\xa4\xa4" /* वितरित */},
            {"(\xec\x9c\xbc)\xeb\xa1\x9c" /* (으)로 */,
            "\xeb\xa9\x94\xec\x9d\xbc" /* 메일 */},
        };
        size_t e = at + alen;
        while (e < n && (s[e] == '>' || s[e] == '"' || s[e] == '\''))
            e++;
        /* (each goal starts with a blank or a bracket) */
        for (size_t k = 0;
             e < n && (s[e] == ' ' || s[e] == '(') &&
             k < sizeof after / sizeof after[0];
             k++) {
            size_t gl = strlen(after[k].goal);
            if (n - e >= gl && ndr_ci_cmpn(s + e, gl, after[k].goal) == 0 &&
                ci_has(s + e + gl, n - e - gl, after[k].about)) {
                *rest = e + gl;
                return 1;
            }
        }
    }
    return unspaced_clause(s, n, prev, at, alen, rest);
}

/* How a line named a recipient (recipient_in_line's *HOW). */
enum { RCPT_OTHER, RCPT_ALONE, RCPT_SENTENCE };

/* Is S[E..N) only what may close an address that stands alone on its line
 * ("<a@b>:", "a@b,")? */
static int nothing_after(const char *s, size_t n, size_t e)
{
    while (e < n && (ndr_isspace((unsigned char)s[e]) || s[e] == '>' ||
                     s[e] == '"' || s[e] == '\'' || s[e] == ':' ||
                     s[e] == ',' || s[e] == ';'))
        e++;
    return e == n;
}

/* Does line S[0..N) name a recipient?  Returns the address length written
 * to OUT, sets *REST to where the line goes on after it and *HOW to how the
 * line named it (alone on the line, in a sentence, or otherwise), or 0. */
static size_t recipient_in_line(const ndr_parser *p, const char *s, size_t n,
                                char *out, size_t *rest, int *how)
{
    size_t i = 0, at, alen;
    *how = RCPT_OTHER;
    /* every way below needs an address, and an address needs an '@' */
    if (memchr(s, '@', n) == NULL)
        return 0;
    /* indentation, quote marks, bullets */
    while (i < n && (ndr_isblank((unsigned char)s[i]) || s[i] == '>' ||
                     s[i] == '*' || s[i] == '|'))
        i++;
    /* a reply code before the address: "554 <user@host>... error", or
     * without the brackets as old sendmail (V5) writes it, "550
     * user@host... User unknown", where the dots tell it from a sentence */
    if (i + 4 < n && s[i] >= '2' && s[i] <= '5' &&
        ndr_isdigit((unsigned char)s[i + 1]) &&
        ndr_isdigit((unsigned char)s[i + 2]) && s[i + 3] == ' ') {
        size_t sc = status_then_bracket(s + i + 4, n - i - 4);
        if (s[i + 4] == '<')
            i += 4;
        else if (sc > 0) {
            /* "550 5.1.1 <a@b>: Recipient address rejected", unless the
             * server says the address is the sender's */
            size_t k = i + 4 + sc + 1;
            if (ndr_find_addr(s + k, n - k, out, &at, &alen) > 0 && at == 0 &&
                !sender_named(s, n, k + alen)) {
                *rest = 0; /* the codes are the recipient's */
                return strlen(out);
            }
            out[0] = '\0';
        } else if (addr_first(s + i + 4, n - i - 4) &&
                 ndr_find_addr(s + i + 4, n - i - 4, out, &at, &alen) > 0 &&
                 at == 0 && n - (i + 4 + alen) >= 3 &&
                 memcmp(s + i + 4 + alen, "...", 3) == 0) {
            *rest = 0; /* the code is the recipient's: keep the line */
            return strlen(out);
        }
    }
    if (i < n && (s[i] == '<' || s[i] == '"' || s[i] == '\'' ||
                  addr_local_char((unsigned char)s[i]))) {
        size_t k = i + (s[i] == '<' || s[i] == '"' || s[i] == '\'');
        /* an address right at the start, unless the words after it say
         * it sent the message ("a@b から送信された", "a@b에서 보낸") */
        if (addr_first(s + k, n - k) &&
            ndr_find_addr(s + k, n - k, out, &at, &alen) > 0 && at == 0 &&
            !sent_by_after(s, n, k + alen)) {
            *rest = k + alen;
            if (nothing_after(s, n, k + alen))
                *how = RCPT_ALONE;
            return strlen(out);
        }
    }
    /* "Display Name (address)" alone on the line, as Exchange lists the
     * recipients it could not reach ("Rosa Diaz (rosa@example.org)"): a
     * short run of name words, no punctuation of a sentence or a field */
    {
        size_t e = n, o, words = 0;
        while (e > i && ndr_isblank((unsigned char)s[e - 1]))
            e--;
        if (e > i + 2 && s[e - 1] == ')') {
            for (o = e - 1; o > i && s[o - 1] != '('; o--)
                ;
            if (o > i + 1 && s[o - 2] == ' ' && e - 1 - o > 2 &&
                addr_first(s + o, e - 1 - o) &&
                ndr_find_addr(s + o, e - 1 - o, out, &at, &alen) > 0 &&
                at == 0 && alen == e - 1 - o && o - 1 - i <= 64) {
                size_t j;
                for (j = i; j < o - 2; j++) {
                    unsigned char c = (unsigned char)s[j];
                    if (c == ' ')
                        words++;
                    else if (!(ndr_isalpha(c) || c == '.' || c == '-' ||
                               c == '\'' || c >= 0x80))
                        break;
                }
                if (j == o - 2 && words < 5) {
                    *rest = e;
                    return strlen(out);
                }
            }
        }
    }
    /* Exim names a local delivery by its target ("save to /var/mail/x",
     * "pipe to |procmail") and the address it was for on the next line,
     * "generated by address": that address is the recipient whose
     * delivery failed. */
    if (n - i > 13 && ndr_ci_cmpn(s + i, 13, "generated by ") == 0) {
        size_t k = i + 13;
        while (k < n && (ndr_isblank((unsigned char)s[k]) || s[k] == '<'))
            k++;
        if (addr_first(s + k, n - k) &&
            ndr_find_addr(s + k, n - k, out, &at, &alen) > 0 && at == 0) {
            *rest = k + alen;
            return strlen(out);
        }
    }
    /* "Label: address"; the label may be in any script ("Empfänger:",
     * "收件人:"), and Chinese and Japanese text ends it with a full-width
     * colon (U+FF1A). */
    {
        size_t c = i, cl = 0;
        for (; c < n && c - i < 64 && s[c] != '@'; c++) {
            if (s[c] == ':') {
                cl = 1;
                break;
            }
            if (n - c >= 3 && memcmp(s + c, "\xef\xbc\x9a", 3) == 0) {
                cl = 3;
                break;
            }
        }
        if (cl > 0 && c > i) {
            size_t k = c + cl;
            for (;;) {
                if (k < n && (ndr_isblank((unsigned char)s[k]) || s[k] == '<' ||
                              s[k] == '"'))
                    k++;
                else if (k + 3 <= n && wide_open((const unsigned char *)s + k))
                    k += 3;
                else
                    break;
            }
            /* (the address first: most labels have none after them) */
            if (addr_first(s + k, n - k) && !sender_label(s + i, c - i) &&
                !sender_label_intl(s + i, c - i) &&
                !ANY_IN(s + i, c - i, contact_words) &&
                !names_message_id(s + i, c - i) &&
                ndr_find_addr(s + k, n - k, out, &at, &alen) > 0 && at == 0) {
                /* words, and numbers after the first word ("Delivery
                 * failed 4 attempts:"); a label that ends by naming the
                 * sender ("Message sent by:") is not one of a recipient */
                int word = !ndr_isdigit((unsigned char)s[i]) &&
                           !introduces_sender(s + i, c - i);
                for (size_t j = i; j < c && word; j++) {
                    if (ndr_isalnum((unsigned char)s[j]) || s[j] == ' ' ||
                        s[j] == '-' || s[j] == '_' ||
                        (unsigned char)s[j] >= 0x80)
                        continue;
                    /* a label in two languages, the second in parentheses
                     * or after a slash ("收件人(Recipient):", "收件人 /
                     * Recipient:"): neither half may name the sender */
                    if ((s[j] == '(' || s[j] == ')' || s[j] == '/') &&
                        j > i) {
                        size_t h = j + 1;
                        while (h < c && (ndr_isblank((unsigned char)s[h]) ||
                                         s[h] == '(' || s[h] == '/'))
                            h++;
                        if (h == c || !(sender_label(s + h, c - h) ||
                                        sender_label_intl(s + h, c - h)))
                            continue;
                    }
                    word = 0;
                }
                if (word) {
                    *rest = k + alen;
                    return strlen(out);
                }
            }
        }
    }
    /* A label in a charset that is not decoded reads as a run of U+FFFD
     * (its colon too): "收件人：＜a@b＞" in GB2312. */
    {
        size_t k = i;
        while (n - k >= 3 && memcmp(s + k, "\xef\xbf\xbd", 3) == 0 &&
               k - i < 40)
            k += 3;
        if (k > i) {
            while (k < n && (ndr_isblank((unsigned char)s[k]) || s[k] == '<' ||
                             s[k] == '"'))
                k++;
            if (addr_first(s + k, n - k) &&
                ndr_find_addr(s + k, n - k, out, &at, &alen) > 0 && at == 0) {
                *rest = k + alen;
                return strlen(out);
            }
        }
    }
    /* An address written as in a report field, anywhere in the line:
     * "rfc822;a@b" (old Exchange: "#550 5.1.1 ... ##rfc822;a@b"), or in
     * the server's words after "smtp;" ("<host #5.1.1 smtp;550 5.1.1
     * <a@b>... User unknown>", Exchange 2003 as Outlook shows it).  The
     * code before it is the recipient's: the whole line is its text. */
    if (memchr(s + i, ';', n - i) != NULL && !sender_label(s + i, n - i)) {
        static const char *const types[] = {"rfc822;", "smtp;"};
        for (size_t t = 0; t < 2; t++) {
            const char *q = ci_has(s, n, types[t]);
            size_t k;
            if (q == NULL)
                continue;
            k = (size_t)(q - s) + strlen(types[t]);
            while (k < n && ndr_isblank((unsigned char)s[k]))
                k++;
            if (t == 1) {
                /* the reply code and the status code before the address,
                 * which the server sets in angle brackets */
                while (k < n && (ndr_isdigit((unsigned char)s[k]) ||
                                 s[k] == '.' || s[k] == '-' || s[k] == ' '))
                    k++;
                if (k >= n || s[k] != '<')
                    continue;
            }
            if (k < n && s[k] == '<')
                k++;
            if (addr_first(s + k, n - k) &&
                ndr_find_addr(s + k, n - k, out, &at, &alen) > 0 && at == 0) {
                *rest = 0;
                return strlen(out);
            }
        }
    }
    /* an address in a sentence, the first that names a recipient */
    {
        size_t from = 0;
        for (int k = 0; k < 8 && from < n; k++) {
            size_t fa, fl;
            if (ndr_find_addr(s + from, n - from, out, &fa, &fl) == 0)
                break;
            fa += from;
            if (sentence_names(s, n, from, fa, fl, rest)) {
                *how = RCPT_SENTENCE;
                return strlen(out);
            }
            from = fa + fl;
        }
    }
    (void)p;
    return 0;
}

/* Read DSN fields that appear in text (pasted reports, broken MIME). */
static int text_dsn_field(ndr_parser *p, const char *s, size_t n)
{
    size_t colon = 0;
    ndr_code c;
    size_t tl;
    if (p->ds_text && n > 0 && ndr_isblank((unsigned char)s[0])) {
        ndr_scan_dsn_line(p, s, n);
        p->ds_text = p->ds_last == DSF_DIAG;
        return p->ds_text;
    }
    {
        /* the shortest field name is 6 letters, the longest 18 */
        const char *at = n > 6 ? memchr(s + 6, ':', (n < 24 ? n : 24) - 6)
                               : NULL;
        if (at == NULL)
            return 0;
        colon = (size_t)(at - s);
    }
    if (memchr(s, ':', colon) != NULL || !is_dsn_field(s, colon))
        return 0;
    if (ndr_ci_cmpn(s, colon, "status") == 0 &&
        ndr_code_scan(s + colon, n - colon, &c, &tl) == (size_t)-1)
        return 0;
    if (ndr_ci_cmpn(s, colon, "action") == 0 &&
        !(ci_has(s, n, "failed") || ci_has(s, n, "delayed") ||
          ci_has(s, n, "delivered") || ci_has(s, n, "relayed") ||
          ci_has(s, n, "expanded") || ci_has(s, n, "expired")))
        return 0;
    ndr_scan_dsn_line(p, s, n);
    p->ds_text = 1;
    return 1;
}

/* ---- mail log lines --------------------------------------------------- */

/* The value of KEY ("to=", "status=") in a log line S[0..N): where it
 * starts, after the key, which must begin the line or follow a blank or a
 * comma; NULL when there is none. */
static const char *log_value(const char *s, size_t n, const char *key)
{
    size_t kl = strlen(key);
    for (size_t i = 0; i + kl <= n; i++) {
        const char *k = memchr(s + i, key[0], n - i - kl + 1);
        if (k == NULL)
            return NULL;
        i = (size_t)(k - s);
        if (memcmp(k, key, kl) == 0 &&
            (i == 0 || s[i - 1] == ' ' || s[i - 1] == ','))
            return k + kl;
    }
    return NULL;
}

/* The length of a value that runs to the next comma, blank or end. */
static size_t log_word(const char *v, const char *end)
{
    const char *e = v;
    while (e < end && *e != ',' && *e != ' ' && *e != '\t')
        e++;
    return (size_t)(e - v);
}

/* One record's worth of a mail log line, as the fields of a delivery
 * status report would give it. */
static void log_block(ndr_parser *p, const char *addr, const char *action,
                      const char *dsn, size_t dsn_len, const char *relay,
                      size_t relay_len, const char *diag, size_t diag_len)
{
    ds_block *b = ds_new(p);
    if (b == NULL)
        return;
    p->ds_open = 0;
    memcpy(b->final_rcpt, addr, NDR_ADDR_MAX);
    b->seen = DSF_FINAL | DSF_ACTION;
    copy_trim(b->action, sizeof b->action, action, strlen(action));
    if (dsn_len > 0) {
        copy_trim(b->status, sizeof b->status, dsn, dsn_len);
        b->seen |= DSF_STATUS;
    }
    if (relay_len > 0) {
        copy_trim(b->remote_mta, sizeof b->remote_mta, relay, relay_len);
        b->seen |= DSF_REMOTE;
    }
    if (diag_len > 0) {
        ctx_add(b->diag, &b->diag_len, sizeof b->diag, diag, diag_len);
        b->seen |= DSF_DIAG;
    }
}

/* Is S[0..N) a line of a mail server's log about one recipient, pasted or
 * piped in alone ("grep status=bounced /var/log/mail.log | ndrcode")?
 * Such a line gives that recipient's record, as a report block would:
 *  - Postfix delivery agents: "to=<a@b>, relay=mx[ip]:25, ..., dsn=5.1.1,
 *    status=bounced (host mx said: 550 ...)"; bounced, expired and
 *    undeliverable fail, deferred (and SOFTBOUNCE) is a delay;
 *  - Postfix smtpd refusals: "NOQUEUE: reject: RCPT from x[ip]: 550 5.1.1
 *    <a@b>: Recipient address rejected: ...; from=<s@c> to=<a@b> ...";
 *  - Sendmail: "to=<a@b>, ..., relay=mx. [ip], dsn=5.1.1, stat=User
 *    unknown"; "stat=Deferred: ..." is a delay;
 *  - Exim's main log: "** a@b R=dnslookup T=remote_smtp H=mx [ip]: SMTP
 *    error from remote mail server after RCPT TO:<a@b>: 550 ..." fails,
 *    "== a@b ... defer (-44) ...: 451 ..." is a delay.
 * A delivery ("status=sent", "stat=Sent", Exim's "=>") is no failure and
 * gives nothing.  Returns 1 when the line was one of these. */
static int log_line_read(ndr_parser *p, const char *s, size_t n);

static int log_line(ndr_parser *p, const char *s, size_t n)
{
    if (!log_line_read(p, s, n))
        return 0;
    p->log_input = 1;
    return 1;
}

static int log_line_read(ndr_parser *p, const char *s, size_t n)
{
    const char *end = s + n, *v, *to;
    char a[NDR_ADDR_MAX];
    size_t at = 0, alen = 0;

    /* every such line has an '=' ("to=", "==") or a '*' ("**") */
    if (memchr(s, '=', n) == NULL && memchr(s, '*', n) == NULL)
        return 0;
    /* Exim: the flag after the message id, then the address (not the
     * text of a line that merely holds " ** ": its address follows at
     * once) */
    for (size_t i = 1; i + 4 < n && i < 80; i++) {
        const char *f = memchr(s + i, ' ', (n < 80 ? n : 80) - i);
        const char *d, *colon;
        if (f == NULL)
            break;
        i = (size_t)(f - s);
        if (i + 4 >= n || f[3] != ' ' ||
            !((f[1] == '*' && f[2] == '*') || (f[1] == '=' && f[2] == '=')))
            continue;
        if (ndr_find_addr(f + 4, (size_t)(end - f - 4), a, &at, &alen) == 0 ||
            at != 0)
            return 0;
        d = f + 4 + alen;
        /* the text after the first ": " past the address */
        colon = d;
        while (colon + 1 < end && !(colon[0] == ':' && colon[1] == ' '))
            colon++;
        if (colon + 1 < end)
            d = colon + 2;
        while (d < end && ndr_isblank((unsigned char)*d))
            d++;
        {
            /* the remote host: "H=mx.example [192.0.2.1]" */
            const char *h = log_value(f + 4, (size_t)(end - f - 4), "H=");
            size_t hl = h != NULL ? log_word(h, end) : 0;
            log_block(p, a, f[1] == '*' ? "failed" : "delayed", NULL, 0, h,
                      hl, d, (size_t)(end - d));
        }
        return 1;
    }
    /* Postfix and Sendmail: "to=" and a status */
    if ((to = log_value(s, n, "to=")) == NULL ||
        ndr_find_addr(to, (size_t)(end - to), a, &at, &alen) == 0 ||
        at > 1)
        return 0;
    if ((v = log_value(s, n, "status=")) != NULL) {
        size_t w = log_word(v, end);
        const char *act = NULL, *dsn = log_value(s, n, "dsn="),
                   *relay = log_value(s, n, "relay="), *d = v + w, *e = end;
        size_t rl = relay != NULL ? log_word(relay, end) : 0;
        if ((w == 7 && memcmp(v, "bounced", 7) == 0) ||
            (w == 7 && memcmp(v, "expired", 7) == 0) ||
            (w == 13 && memcmp(v, "undeliverable", 13) == 0))
            act = "failed";
        else if ((w == 8 && memcmp(v, "deferred", 8) == 0) ||
                 (w == 10 && memcmp(v, "SOFTBOUNCE", 10) == 0))
            act = "delayed"; /* (soft_bounce turns a bounce into this) */
        else if (w == 4 && memcmp(v, "sent", 4) == 0)
            return 1;
        else
            return 0;
        /* "mx.example[192.0.2.1]:25": the host; a transport of this
         * system (local, virtual, none, a pipe) is none */
        if (relay != NULL && memchr(relay, '[', rl) != NULL)
            rl = (size_t)((const char *)memchr(relay, '[', rl) - relay);
        if (relay != NULL && memchr(relay, '.', rl) == NULL)
            rl = 0;
        /* the reason in parentheses, to the line's last ')'; after a
         * comma, the line says what became of the message ("expired,
         * returned to sender"), not why */
        while (d < e && ndr_isblank((unsigned char)*d))
            d++;
        if (d < e && *d == ',')
            d = e;
        if (d < e && *d == '(') {
            d++;
            while (e > d && ndr_isspace((unsigned char)e[-1]))
                e--;
            if (e > d && e[-1] == ')')
                e--;
        }
        log_block(p, a, act, dsn, dsn != NULL ? log_word(dsn, end) : 0,
                  relay, rl, d, (size_t)(e - d));
        return 1;
    }
    if ((v = log_value(s, n, "stat=")) != NULL) {
        const char *dsn = log_value(s, n, "dsn="),
                   *relay = log_value(s, n, "relay=");
        size_t rl = relay != NULL ? log_word(relay, end) : 0;
        if (end - v >= 4 && memcmp(v, "Sent", 4) == 0)
            return 1;
        /* "mx.example. [192.0.2.1]": the host, without its final dot */
        if (rl > 0 && relay[rl - 1] == '.')
            rl--;
        log_block(p, a,
                  end - v >= 8 && memcmp(v, "Deferred", 8) == 0 ? "delayed"
                                                                : "failed",
                  dsn, dsn != NULL ? log_word(dsn, end) : 0, relay, rl, v,
                  (size_t)(end - v));
        return 1;
    }
    {
        /* Postfix smtpd: "reject: RCPT from c[ip]: 550 ...; from=<..." */
        const char *r = ndr_ci_find(s, n, "reject: ", 8), *d, *e;
        if (r == NULL || (d = ndr_ci_find(r, (size_t)(end - r), "]: ", 3)) ==
                             NULL)
            return 0;
        d += 3;
        e = ndr_ci_find(d, (size_t)(end - d), "; from=", 7);
        if (e == NULL)
            e = to > d ? to : end;
        log_block(p, a, "failed", NULL, 0, NULL, 0, d, (size_t)(e - d));
        return 1;
    }
}

/* After a blank line, the header fields that only a message's own header
 * holds show that the returned original follows without a separator. */
static int original_starts(const char *s, size_t n)
{
    /* (every line of the text is asked: its first letter answers most) */
    if (n < 12 || (s[0] | 0x20) != 'r')
        return 0;
    return ndr_ci_cmpn(s, 12, "return-path:") == 0 ||
           (n >= 14 && ndr_ci_cmpn(s, 9, "received:") == 0 &&
            (ndr_ci_cmpn(s + 9, 5, " from") == 0 ||
             ndr_ci_cmpn(s + 9, 4, "from") == 0));
}

/* Does the line end by introducing the sender ("A message sent by",
 * "from:")?  Then an address on the next line is not a recipient. */
static inline int introduces_sender(const char *s, size_t n)
{
    static const struct {
        const char *w;
        size_t len;
    } w[] = {{"sent by", 7}, {"from", 4}, {"by", 2}, {"von", 3}, {"de", 2},
             {"par", 3}, {"da", 2}};
    unsigned char last;
    while (n > 0 && (ndr_isspace((unsigned char)s[n - 1]) || s[n - 1] == ':'))
        n--;
    if (n == 0)
        return 0;
    last = ndr_lower((unsigned char)s[n - 1]);
    for (size_t i = 0; i < sizeof w / sizeof w[0]; i++) {
        size_t k = w[i].len;
        if ((unsigned char)w[i].w[k - 1] != last)
            continue;
        /* a word, not the end of a host name ("server: mx.example.de",
         * "relay.example.by") */
        if (n >= k && ndr_ci_cmpn(s + n - k, k, w[i].w) == 0 &&
            (n == k || (!ndr_isalnum((unsigned char)s[n - k - 1]) &&
                        s[n - k - 1] != '.' && s[n - k - 1] != '-')))
            return 1;
    }
    return 0;
}

/* The length of a "Some words:" label that starts the line, or 0.  Words
 * and, after the first, numbers: "Delivery failed 4 attempts:". */
static size_t label_words(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && ndr_isblank((unsigned char)s[i]))
        i++;
    for (size_t k = i; k < n && k - i < 40; k++) {
        if (s[k] == ':')
            return k > i && !sender_label(s + i, k - i) ? k : 0;
        if (!(ndr_isalpha((unsigned char)s[k]) || s[k] == ' ' ||
              (k > i && ndr_isdigit((unsigned char)s[k]))))
            return 0;
    }
    return 0;
}

/* Text held for the next recipient goes to the one before it after all
 * (the transcript named no one after it). */
static void pend_flush(ndr_parser *p)
{
    if (p->pend_len > 0 && p->pend_owner >= 0) {
        text_rcpt *t = &p->rcpts[p->pend_owner];
        ctx_add(t->ctx, &t->ctx_len, sizeof t->ctx, p->pend, p->pend_len);
    } else if (p->pend_len > 0) {
        ctx_add(p->pre, &p->pre_len, sizeof p->pre, p->pend, p->pend_len);
    }
    p->pend_len = 0;
}

/* A sendmail transcript line that speaks of the recipient named after it,
 * not of the one before: 2 for "While talking to host:" (a new SMTP
 * session), 1 for a mailer's status line "550 host (smtp)... text", and 1
 * for Exim's target of a local delivery ("pipe to |...", "save to /...")
 * followed by the "generated by" line that names its recipient. */
static int session_line(const char *s, size_t n)
{
    size_t k;
    while (n > 0 && (ndr_isblank((unsigned char)*s) || *s == '.')) {
        s++;
        n--;
    }
    /* (the first byte answers most lines) */
    switch (ndr_lower((unsigned char)(n > 0 ? s[0] : 0))) {
    case 'w':
        return n >= 16 && ndr_ci_cmpn(s, 16, "while talking to") == 0 ? 2 : 0;
    case 'p':
    case 's':
        return n > 8 && (ndr_ci_cmpn(s, 8, "pipe to ") == 0 ||
                         ndr_ci_cmpn(s, 8, "save to ") == 0);
    default:
        break;
    }
    if (n < 6 || !ndr_isdigit((unsigned char)s[0]) ||
        !ndr_isdigit((unsigned char)s[1]) ||
        !ndr_isdigit((unsigned char)s[2]) || s[3] != ' ')
        return 0;
    for (k = 4; k < n && !ndr_isspace((unsigned char)s[k]); k++)
        if (s[k] == '@' || s[k] == '<')
            return 0;
    if (k == 4 || n - k < 3 || s[k] != ' ' || s[k + 1] != '(')
        return 0;
    for (k += 2; k < n && ndr_isalnum((unsigned char)s[k]); k++)
        ;
    return n - k >= 4 && memcmp(s + k, ")...", 4) == 0;
}

/* A line of an SMTP transcript: 1 for a refusal ("<<< 550 ..."), 2 for
 * the client's DATA (">>> DATA"), 0 for anything else. */
static int transcript_line(const char *s, size_t n)
{
    if (n >= 8 && memcmp(s, "<<< ", 4) == 0 && (s[4] == '4' || s[4] == '5') &&
        ndr_isdigit((unsigned char)s[5]) && ndr_isdigit((unsigned char)s[6]))
        return 1;
    while (n > 0 && ndr_isspace((unsigned char)s[n - 1]))
        n--;
    if (n == 8 && memcmp(s, ">>> ", 4) == 0 && ndr_ci_cmpn(s + 4, 4, "data") == 0)
        return 2;
    return 0;
}

/* ---- forwarded bounces -------------------------------------------------- */

/* A bounce that a person forwarded ("FW: Undeliverable: ...", or pasted
 * with the mail client's "-----Original Message-----" above it) comes
 * after a line that introduces a forwarded or quoted message and a short
 * header in the client's language (From, Sent, To, Subject).  When such a
 * line comes before the text named any recipient, code or report field
 * (and, for a separator, in a message from a person; see forwarded_here),
 * that header is read like a message's own: its addresses are senders,
 * never recipients, and its From tells whether a bounce follows (a mail
 * system's address or name, as in a message's own From field).  If one
 * does, the text after the header is the failure text (the forwarder's
 * note before it is dropped); if not, a separator ends the text as it
 * always does. */

static size_t pick_code(const char *s, size_t n, ndr_code *out);

/* Has the text given nothing yet that a bounce is read for? */
static int nothing_read(const ndr_parser *p)
{
    ndr_code c;
    return p->nrcpts == 0 && p->nblocks == 0 && p->ds_field_len == 0 &&
           p->json_len == 0 &&
           pick_code(p->pre, p->pre_len, &c) == (size_t)-1;
}

int ndr_scan_nothing_read(const ndr_parser *p)
{
    return nothing_read(p);
}

/* Can a separator here introduce a forwarded bounce rather than the
 * returned original?  Not in a message that a mail system sent, nor
 * after text that already read like a bounce: the header after it is the
 * original's, whatever its Subject says. */
static int forwarded_here(const ndr_parser *p)
{
    return !p->sys_sender && !p->hdr_report && !p->body_marker;
}

/* The length of the name of a forwarded header field ("From", "Betreff",
 * "À") that starts S[0..N), up to its colon, or 0. */
static size_t fwd_field(const char *s, size_t n)
{
    size_t k = 0;
    while (k < n && k <= 20 &&
           (ndr_isalpha((unsigned char)s[k]) || s[k] == '-' || s[k] == ' ' ||
            (unsigned char)s[k] >= 0x80))
        k++;
    return k > 0 && k < n && s[k] == ':' && s[0] != ' ' ? k : 0;
}

/* Is NAME[0..N) one of WORDS (NULL-terminated)? */
static int name_in(const char *name, size_t n, const char *const *words)
{
    for (; *words != NULL; words++)
        if (ndr_ci_cmpn(name, n, *words) == 0)
            return 1;
    return 0;
}

/* Does the Subject S[0..N) start with the prefix of a forward ("FW:",
 * "Fwd:", "WG:", "TR:", "RV:", "I:", "Doorst:", "Enc:")? */
static int forward_prefix(const char *s, size_t n)
{
    static const char *const fw[] = {"fw", "fwd", "wg", "tr", "rv", "i",
                                     "doorst", "enc", NULL};
    size_t b = 0, c = 0;
    while (b < n && ndr_isblank((unsigned char)s[b]))
        b++;
    while (b + c < n && c <= 6 && ndr_isalpha((unsigned char)s[b + c]))
        c++;
    return c > 0 && b + c < n && s[b + c] == ':' && name_in(s + b, c, fw);
}

static void fwd_field_read(ndr_parser *p, const char *name, size_t n,
                           const char *v, size_t vn)
{
    /* the names mail clients write, in the languages of data/patterns.csv */
    static const char *const from[] = {"from", "von", "de", "da", "van",
                                       NULL};
    static const char *const subject[] = {"subject", "betreff", "objet",
                                          "oggetto", "asunto", "assunto",
                                          "onderwerp", NULL};
    /* French puts a blank, or a no-break space, before the colon ("De :",
     * "Objet&nbsp;:") */
    while (n > 0 && ndr_isblank((unsigned char)name[n - 1]))
        n--;
    if (n >= 2 && (unsigned char)name[n - 2] == 0xc2 &&
        (unsigned char)name[n - 1] == 0xa0)
        n -= 2;
    add_addrs(v, vn, p->senders, &p->nsenders, NDR_SENDERS_MAX);
    if (name_in(name, n, from) &&
        pattern_kinds(v, vn, NDR_PAT_BOUNCE_FROM) != 0)
        p->fwd_bounce = 1;
    /* The Subject says whether the bounce is a failure or a delay, but
     * not that it is a bounce: people write "bounce" and "failed" in
     * theirs, and quote them. */
    if (name_in(name, n, subject)) {
        unsigned k = pattern_kinds(v, vn, NDR_PAT_BOUNCE_SUBJECT |
                                              NDR_PAT_DELAY_SUBJECT);
        if (k & NDR_PAT_BOUNCE_SUBJECT)
            p->fwd_subj_failure = 1;
        if (k & NDR_PAT_DELAY_SUBJECT)
            p->fwd_subj_delay = 1;
        if (forward_prefix(v, vn))
            p->fwd_subj_fwd = 1;
    }
}

/* The forwarded header is over: go on with the bounce after it, or end
 * the text at a separator. */
static void fwd_end(ndr_parser *p)
{
    if (p->fwd_bounce) {
        p->hdr_bounce = 1;
        p->fwd_taken = 1;
        p->subj_failure |= p->fwd_subj_failure;
        p->subj_delay |= p->fwd_subj_delay;
        p->pre_len = 0;
        p->pre[0] = '\0';
        memset(&p->pre_m, 0, sizeof p->pre_m);
        p->lead[0] = '\0';
        p->footer = 0; /* (the forwarder's signature is over) */
    } else if (p->fwd_sep && p->fwd_subj_fwd && p->fwd_subj_failure) {
        /* a person's forward of a bounce, forwarded again ("FW: FW:
         * Undeliverable: ..."): its note is no failure text, and the
         * bounce's own header may follow */
        p->pre_len = 0;
        p->pre[0] = '\0';
        memset(&p->pre_m, 0, sizeof p->pre_m);
        p->lead[0] = '\0';
        p->footer = 0;
    } else if (p->fwd_sep) {
        p->text_done = 1;
    }
    p->fwd = 0;
}

/* A line while a forwarded header may be read: 1 when it was consumed. */
static int fwd_line(ndr_parser *p, const char *line, size_t len)
{
    size_t k = 0;
    /* some clients quote what they forward ("> From: ..."): the header
     * is read without the quote marks, each with the blank after it */
    for (;;) {
        while (k < len && ndr_isblank((unsigned char)line[k]))
            k++;
        if (k == len || line[k] != '>')
            break;
        k++;
        if (k < len && line[k] == ' ')
            k++;
        line += k;
        len -= k;
        k = 0;
    }
    k = 0;
    while (k < len && ndr_isspace((unsigned char)line[k]))
        k++;
    if (k == len) {
        /* a blank line may come before the header (Apple Mail's "Begin
         * forwarded message:"), and one ends it */
        if (p->fwd == 2)
            fwd_end(p);
        p->text_blank = 1;
        return 1;
    }
    if ((k = fwd_field(line, len)) > 0) {
        fwd_field_read(p, line, k, line + k + 1, len - k - 1);
        p->fwd = 2;
        return 1;
    }
    if (p->fwd == 2 && ndr_isblank((unsigned char)line[0]))
        return 1; /* a folded field */
    fwd_end(p);
    return p->text_done;
}

/* Is line S[0..N) a "To: a@b" header field quoted in the text (the
 * returned original's header, in a part of its own or pasted) naming A,
 * an address not named before?  Once the text named its recipients, such
 * a line adds none. */
static int quoted_to(const ndr_parser *p, const char *s, size_t n,
                     const char *a)
{
    size_t j = 0;
    while (j < n && ndr_isblank((unsigned char)s[j]))
        j++;
    if (j + 3 > n || ndr_lower((unsigned char)s[j]) != 't' ||
        ndr_lower((unsigned char)s[j + 1]) != 'o' || s[j + 2] != ':')
        return 0;
    for (size_t i = 0; i < p->nrcpts; i++)
        if (addr_eq(p->rcpts[i].addr, a))
            return 0;
    return 1;
}

/* Is the line the sentence a MIME message puts before its first part for
 * mail readers that know no MIME ("This is a multi-part message in MIME
 * format.", "This is a MIME-encapsulated message")?  It says nothing of
 * the failure: the text does not start with it. */
static int mime_preamble(const char *s, size_t n)
{
    while (n > 0 && ndr_isblank((unsigned char)*s)) {
        s++;
        n--;
    }
    return n >= 14 && n <= 80 && ndr_ci_cmpn(s, 10, "this is a ") == 0 &&
           ndr_ci_find(s, n, "mime", 4) != NULL;
}

/* ---- signatures, contacts and the server's own words ------------------- */

static const text_rcpt *text_for(const ndr_parser *p, const char *a);

/* Does line S[0..N) begin a signature or a block of contacts at the end of
 * the failure text?  The signature separator "-- " (RFC 3676 §4.3), or a
 * line, not indented under a recipient, that asks the reader to write to
 * or call someone and introduces what follows: it ends with ':' or with
 * "to", "at" or "us" ("If you need assistance, please contact:", "For
 * questions regarding this notice, write to") rather than ending a
 * sentence, as "If the problem continues, contact your helpdesk." does
 * between the recipients of an Exchange notice. */
static int footer_starts(const char *s, size_t n)
{
    static const char *const asks[] = {"question", "assistance", "help",
                                        "write to", "forward this",
                                        "call ", "reach us", "mail us"};
    size_t e = n;
    while (e > 0 && ndr_isspace((unsigned char)s[e - 1]))
        e--;
    if (e == 2 && s[0] == '-' && s[1] == '-')
        return 1;
    if (e < 8 || e > 200 || ndr_isblank((unsigned char)s[0]))
        return 0;
    if (s[e - 1] != ':') {
        size_t w = e;
        while (w > 0 && ndr_isalpha((unsigned char)s[w - 1]))
            w--;
        if (w == 0 || s[w - 1] != ' ' || e - w != 2 ||
            !(ndr_ci_cmpn(s + w, 2, "to") == 0 ||
              ndr_ci_cmpn(s + w, 2, "at") == 0 ||
              ndr_ci_cmpn(s + w, 2, "us") == 0))
            return 0;
    }
    /* no address in it, and a space in it: "X-MS-Has-Attach:" is a
     * header field's name, its value folded under it */
    if (memchr(s, '@', e) != NULL || memchr(s, ' ', e) == NULL)
        return 0;
    {
        unsigned char in[PAIR_BITS / 8];
        pair_set(s, e, in);
        return any_in_set(s, e, in, contact_words,
                          sizeof contact_words / sizeof contact_words[0]) ||
               any_in_set(s, e, in, asks, sizeof asks / sizeof asks[0]);
    }
}

/* Is line S[0..N) a telephone number, with or without its label ("+1 555
 * 0100", "Tel. +44 20 7946 0000", "Phone: 1-800-555-0199")?  After an
 * address alone on a line it shows a contact's block, not a list of
 * failed recipients. */
static int phone_line(const char *s, size_t n)
{
    static const char *const labels[] = {
        "tel", "phone", "fax", "mobile", "mob", "cell", "telefon",
        "t\xc3\xa9l" /* tél */, "tlf", "telephone", "t\xc3\xa9l\xc3\xa9phone"};
    size_t i = 0, digits = 0;
    while (i < n && ndr_isblank((unsigned char)s[i]))
        i++;
    if (i < n && ndr_isalpha((unsigned char)s[i])) {
        size_t w = i;
        while (w < n && (ndr_isalpha((unsigned char)s[w]) ||
                         (unsigned char)s[w] >= 0x80))
            w++;
        {
            int known = 0;
            for (size_t k = 0; k < sizeof labels / sizeof labels[0]; k++)
                if (strlen(labels[k]) == w - i &&
                    ndr_ci_cmpn(s + i, w - i, labels[k]) == 0)
                    known = 1;
            if (!known)
                return 0;
        }
        i = w;
        while (i < n && (s[i] == '.' || s[i] == ':' ||
                         ndr_isblank((unsigned char)s[i])))
            i++;
    }
    for (; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (ndr_isdigit(c))
            digits++;
        else if (!(c == '+' || c == ' ' || c == '-' || c == '(' ||
                   c == ')' || c == '.' || c == '/' || ndr_isspace(c)))
            return 0;
    }
    return digits >= 7 && digits <= 16;
}

/* Is line S[0..N) only a link: a web address alone ("https://...",
 * "<https://...>", "www.example.com/help"; returns 1), or a line that
 * points at one ("Click here to ...", "Learn more at ...", "Unsubscribe:
 * ...", "To unsubscribe ..."; returns 2)?  0 when not.  A footer's, not
 * the server's words. */
static int link_line(const char *s, size_t n)
{
    static const char *const leads[] = {"click here", "learn more",
                                        "unsubscribe", "to unsubscribe",
                                        "read more", "find out more"};
    size_t i = 0;
    unsigned char c;
    while (i < n && ndr_isspace((unsigned char)s[i]))
        i++;
    if (i + 4 > n)
        return 0;
    /* (the first byte answers most lines) */
    c = ndr_lower((unsigned char)s[i]);
    if (!(c == 'h' || c == 'w' || c == 'c' || c == 'l' || c == 'u' ||
          c == 't' || c == 'r' || c == 'f' || c == '<' || c == '(' ||
          c == '['))
        return 0;
    while (n > i && ndr_isspace((unsigned char)s[n - 1]))
        n--;
    if (i + 4 > n)
        return 0;
    if (c == '<' || c == '(' || c == '[') {
        i++;
        c = ndr_lower((unsigned char)s[i]);
    }
    if (c == 'h' || c == 'w') {
        if (!(n - i > 7 && (ndr_ci_cmpn(s + i, 7, "http://") == 0 ||
                            (n - i > 8 && ndr_ci_cmpn(s + i, 8, "https://") == 0) ||
                            ndr_ci_cmpn(s + i, 4, "www.") == 0)))
            return 0;
        for (size_t k = i; k < n; k++)
            if (ndr_isblank((unsigned char)s[k]))
                return 0;
        return 1;
    }
    /* (a line that points at a link says 2) */
    if (c != 'c' && c != 'l' && c != 'u' && c != 't' && c != 'r' && c != 'f')
        return 0;
    for (size_t k = 0; k < sizeof leads / sizeof leads[0]; k++) {
        size_t m;
        if ((unsigned char)leads[k][0] != c)
            continue;
        m = strlen(leads[k]);
        if (n - i >= m && ndr_ci_cmpn(s + i, m, leads[k]) == 0 &&
            (n - i == m || !ndr_isalpha((unsigned char)s[i + m])))
            return 2;
    }
    return 0;
}

/* The length of a label at the start of S[0..N) that introduces the
 * server's own words ("Reported error:", "Remote Server returned", "The
 * remote server said:"), up to its value, or 0; *RANK says how surely
 * the words are the server's: 2 for those labels, 1 for a recipient's
 * "Reason:" or "Error:" line, which a notice's own words may fill
 * ("Reason: Remote SMTP server has rejected address", then "Diagnostic
 * code: smtp; 550 ...").  A notice built from a template (Microsoft
 * 365's, Gmail's, Oracle's) sets them among its own sentences: the
 * record's diagnostic is those words, not the template. */
static size_t diag_label(const char *s, size_t n, unsigned *rank)
{
    static const struct {
        const char *w;
        unsigned rank;
    } l[] = {{"reported error:", 2},
             {"remote server returned", 2},
             {"remote server said:", 2},
             {"remote server replied:", 2},
             {"remote host said:", 2},
             {"the remote server said:", 2},
             {"the remote host said:", 2},
             {"the error that the other server returned was:", 2},
             {"the response from the remote server was:", 2},
             {"the response from the remote host was:", 2},
             {"diagnostic code:", 2},
             {"it responded as follows:", 2},
             {"reason:", 1},
             {"error:", 1}};
    size_t i = 0;
    unsigned char c, d;
    while (i < n && ndr_isblank((unsigned char)s[i]))
        i++;
    if (i + 7 > n)
        return 0;
    /* (each starts "re", "th", "er" or "di": most lines fail here) */
    c = ndr_lower((unsigned char)s[i]);
    d = ndr_lower((unsigned char)s[i + 1]);
    if (!((c == 'r' && d == 'e') || (c == 't' && d == 'h') ||
          (c == 'e' && d == 'r') || (c == 'd' && d == 'i')))
        return 0;
    for (size_t k = 0; k < sizeof l / sizeof l[0]; k++) {
        size_t m;
        if ((unsigned char)l[k].w[0] != c || (unsigned char)l[k].w[1] != d ||
            (unsigned char)l[k].w[2] != ndr_lower((unsigned char)s[i + 2]))
            continue;
        m = strlen(l[k].w);
        if (n - i >= m && ndr_ci_cmpn(s + i, m, l[k].w) == 0) {
            *rank = l[k].rank;
            return i + m;
        }
    }
    return 0;
}

/* The length up to the value of a sure label (rank 2, ending with ':')
 * that starts a sentence inside S[0..N): a notice's paragraph, wrapped by
 * its width, may set it mid-line ("... about the cause of this error.
 * The error that the other server returned was: 554 ..."; "Reason: Remote
 * host said: 550 ..."), or 0. */
static size_t diag_label_in(const char *s, size_t n)
{
    static const char *const l[] = {
        "remote server said:", "remote server replied:", "remote host said:",
        "the error that the other server returned was:",
        "the response from the remote server was:",
        "the response from the remote host was:", "it responded as follows:"};
    /* (each is 17 bytes or more and ends "d:" or "s:": the colon is at
     * offset 16 or later) */
    const char *c = s + 16;
    if (n <= 16)
        return 0;
    while ((c = memchr(c, ':', n - (size_t)(c - s))) != NULL) {
        size_t e = (size_t)(c - s) + 1;
        unsigned char last;
        last = ndr_lower((unsigned char)s[e - 2]);
        if (last != 'd' && last != 's') {
            c++;
            continue;
        }
        for (size_t k = 0; k < sizeof l / sizeof l[0]; k++) {
            size_t m = strlen(l[k]), b = e - m;
            if (e < m || (unsigned char)l[k][m - 2] != last ||
                (unsigned char)l[k][m - 3] !=
                    ndr_lower((unsigned char)s[e - 3]) ||
                ndr_ci_cmpn(s + b, m, l[k]) != 0)
                continue;
            while (b > 0 && ndr_isblank((unsigned char)s[b - 1]))
                b--;
            if (b == 0 || s[b - 1] == '.' || s[b - 1] == ':' ||
                s[b - 1] == ';' || s[b - 1] == ')')
                return e;
        }
        c++;
    }
    return 0;
}

/* The blanks that indent line S[0..N). */
static size_t indent_of(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && ndr_isblank((unsigned char)s[i]))
        i++;
    return i;
}

/* Does line S[0..N) go on words that ended with LAST, wrapped by the
 * width of the notice ("Reason: Remote host said: 550 5.7.1 Service
 * unavailable, Client host\n[198.51.100.23] blocked using ..."): they
 * ended mid-sentence, and the line is no label ("Diagnostic code: ...")? */
static int wrapped_on(char last, const char *s, size_t n)
{
    return (ndr_isalnum((unsigned char)last) || last == ',' || last == ';' ||
            last == '-') &&
           n > 0 && !ndr_isblank((unsigned char)s[0]) &&
           label_words(s, n) == 0;
}

/* Does line S[0..N) go on the multiline reply that V[0..VN) begins
 * ("550-5.7.26 Unauthenticated email ... due to domain's", then
 * "550-5.7.26 DMARC policy. ..." up to "550 5.7.26 ...", RFC 5321
 * §4.2.1)? */
static int reply_goes_on(const char *v, size_t vn, const char *s, size_t n)
{
    return vn >= 4 && n >= 4 && ndr_isdigit((unsigned char)v[0]) &&
           ndr_isdigit((unsigned char)v[1]) &&
           ndr_isdigit((unsigned char)v[2]) && v[3] == '-' &&
           memcmp(v, s, 3) == 0 && (s[3] == '-' || s[3] == ' ');
}

/* Is what follows a reply code at S[I..I+3) what follows a server's
 * reply: the end, a space or '-' before words or a status code ("550
 * 5.1.1", "550-Mailbox", "554: delivery error"), not the rest of a
 * telephone number ("555 0100", "(555) 010-0199"), a host name
 * ("450.mx.example"), a size or a span of time ("300 KB", "250 ms")? */
static int reply_after_ok(const char *s, size_t n, size_t i)
{
    static const char *const units[] = {"kb", "mb", "gb", "k", "m", "b",
                                        "kib", "mib", "bytes", "byte",
                                        "ms", "sec", "secs", "seconds",
                                        "minutes", "min", "mins", "hours",
                                        "days", "octets"};
    size_t j = i + 3, k;
    if (j >= n)
        return 1;
    if (s[j] == '.' || s[j] == '%' || s[j] == '/' || s[j] == ',')
        return j + 1 >= n || ndr_isspace((unsigned char)s[j + 1]);
    k = j;
    while (k < n && k - j < 3 &&
           (s[k] == ' ' || s[k] == '\t' || s[k] == '-' || s[k] == ')' ||
            s[k] == ']' || s[k] == '#'))
        k++;
    if (k < n && ndr_isdigit((unsigned char)s[k])) {
        /* digits after it: a status code, or a short subcode before words
         * (AOL's "552 1 Requested mail action aborted", "554 30 Sorry") */
        size_t d = k;
        while (d < n && ndr_isdigit((unsigned char)s[d]))
            d++;
        if (k > j && s[j] == ' ' && d - k <= 2 && d + 1 < n && s[d] == ' ' &&
            ndr_isalpha((unsigned char)s[d + 1]))
            return 1;
        return k > j && ndr_code_scan(s + k, n - k < 12 ? n - k : 12, NULL,
                                      NULL) == 0;
    }
    if (k > j && k < n && ndr_isalpha((unsigned char)s[k]) &&
        (s[j] == ' ' || s[j] == '\t')) {
        size_t w = k;
        while (w < n && w - k < 8 && ndr_isalpha((unsigned char)s[w]))
            w++;
        if (w == n || !ndr_isalpha((unsigned char)s[w]))
            for (size_t u = 0; u < sizeof units / sizeof units[0]; u++)
                if (strlen(units[u]) == w - k &&
                    ndr_ci_cmpn(s + k, w - k, units[u]) == 0)
                    return 0;
    }
    return 1;
}

/* Does a reply code at S[I..) stand where a server's reply stands: at
 * the start of the text or of a line (LINE_AT: 1 + the offset of the
 * first line that began with one, or 0), after a colon, a quote, an
 * opening bracket or a transcript's "<<<" ("said: 550", "returned
 * '550", "smtp; 550", "(550 ..."), after a word that names it ("error
 * 550", "SMTP 550", "code 550"), or before a status code?  Not inside a
 * telephone number, a date, an address, a port or a host name. */
static int reply_placed(const char *s, size_t n, size_t i, size_t line_at)
{
    static const char *const words[] = {"said", "error", "code", "reply",
                                        "replied", "response", "returned",
                                        "answer", "answered", "smtp",
                                        "esmtp", "failure", "status",
                                        "data"};
    size_t b = i, w, k;
    unsigned char c;
    if (!reply_after_ok(s, n, i))
        return 0;
    k = i + 3;
    if (k < n && (s[k] == ' ' || s[k] == '-'))
        k++;
    if (k < n && s[k] == '#')
        k++;
    if (k > i + 3 && k < n && ndr_isdigit((unsigned char)s[k]))
        return 1; /* a status code follows (reply_after_ok checked it) */
    if (i == 0 || (line_at > 0 && i == line_at - 1))
        return 1;
    while (b > 0 && (s[b - 1] == ' ' || s[b - 1] == '\t'))
        b--;
    if (b == 0)
        return 1;
    c = (unsigned char)s[b - 1];
    if (c == ':' || c == ';' || c == '#' || c == '\'' || c == '"' ||
        c == '(' || c == '[' || c == '<' || c == '>' || c == '=' ||
        c == '`' || (c == '-' && b < i && b >= 2 && s[b - 2] == ' '))
        return 1;
    /* "原因：550": a full-width colon or bracket */
    if (c >= 0x80 && b >= 3 &&
        (wide_punct((const unsigned char *)s + b - 3) ||
         wide_open((const unsigned char *)s + b - 3)))
        return 1;
    w = b;
    while (w > 0 && ndr_isalpha((unsigned char)s[w - 1]))
        w--;
    if (b == i || w == b || b - w > 8)
        return 0;
    for (size_t u = 0; u < sizeof words / sizeof words[0]; u++)
        if (strlen(words[u]) == b - w && ndr_ci_cmpn(s + w, b - w, words[u]) == 0)
            return 1;
    return 0;
}

/* The offset of the first reply code in S[0..N) that stands where a
 * server's reply stands (reply_placed), or (size_t)-1; *OUT its number. */
static size_t reply_find(const char *s, size_t n, size_t line_at, int *out)
{
    size_t pos = 0;
    while (pos < n) {
        int r;
        size_t at = ndr_reply_scan(s + pos, n - pos, &r);
        if (at == (size_t)-1)
            return (size_t)-1;
        at += pos;
        if (reply_placed(s, n, at, line_at)) {
            *out = r;
            return at;
        }
        pos = at + 3;
    }
    return (size_t)-1;
}

/* Append line S[0..N) to the failure text BUF of OWNER (-1: the text
 * before the first recipient, else a recipient) and note where in it the
 * server's own words are (*DOFF, *DLEN): the value of a label that
 * introduces them, with the lines folded under it (indented, or up to the
 * quote that closes it: "Remote Server returned '550 ...\n not found'"),
 * or, for a label that ends its line, the lines after it up to a blank
 * one.  The first such words are kept. */
static void text_add(ndr_parser *p, long owner, char *buf, size_t *blen,
                     size_t cap, text_marks *m, const char *s, size_t n)
{
    size_t before = *blen, k, v, lead = 0, e = n;
    size_t *doff = &m->diag_off, *dlen = &m->diag_len;
    unsigned rank = 0;
    int quote, link;
    ctx_add(buf, blen, cap, s, n);
    if (*blen == before)
        return;
    /* a link alone on its line, unless a sentence runs on into it ("For
     * an explanation visit\nhttp://...") */
    if (m->nlinks < NDR_LINKS_MAX && (link = link_line(s, n)) != 0 &&
        (link == 2 || before == 0 || p->line_after_blank ||
         !(ndr_isalnum((unsigned char)buf[before - 1]) ||
           buf[before - 1] == ':' || buf[before - 1] == ','))) {
        size_t at = before + (before > 0);
        m->link_off[m->nlinks] = (unsigned short)at;
        m->link_len[m->nlinks] = (unsigned short)(*blen - at);
        m->nlinks++;
    }
    /* the first line that begins with a server's reply ("550 Mailbox
     * unavailable"): the joined text no longer shows where lines began */
    if (m->reply_at == 0) {
        size_t f = 0;
        while (f < n && ndr_isspace((unsigned char)s[f]))
            f++;
        if (f + 3 <= n && s[f] >= '2' && s[f] <= '5' &&
            ndr_reply_scan(s + f, 3, NULL) == 0 &&
            reply_after_ok(s + f, n - f, 0))
            m->reply_at = before + (before > 0) + 1;
    }
    while (e > 0 && ndr_isspace((unsigned char)s[e - 1]))
        e--;
    if (p->diag_open == owner &&
        (p->diag_going != 2 || p->diag_quote ||
         (ndr_isblank((unsigned char)s[0]) && indent_of(s, n) > p->diag_indent) ||
         reply_goes_on(buf + *doff, *dlen, s, n) ||
         (p->diag_wrap && *dlen > 0 && wrapped_on(buf[*doff + *dlen - 1], s, n)))) {
        if (p->diag_going == 0) {
            *doff = before + (before > 0);
            p->diag_going = 1;
        }
        *dlen = *blen - *doff;
        if (p->diag_quote && s[e - 1] == '\'') {
            (*dlen)--; /* the closing quote */
            p->diag_open = -2;
        }
        return;
    }
    p->diag_open = -2;
    /* the first words of the surest label are kept */
    if (*dlen > 0 && m->diag_rank == 2)
        return;
    k = diag_label(s, n, &rank);
    if (k == 0 && n > 20 && (k = diag_label_in(s, n)) > 0)
        rank = 2;
    if (k == 0 || (*dlen > 0 && rank <= m->diag_rank))
        return;
    while (lead < n && ndr_isspace((unsigned char)s[lead]))
        lead++;
    v = k;
    while (v < e && ndr_isblank((unsigned char)s[v]))
        v++;
    /* "Reason: Remote host said: 550 ...": the words after both; a
     * "Reason:" line's words may wrap onto lines not indented */
    p->diag_wrap = rank == 1;
    if (rank == 1 && v < e) {
        size_t k2 = diag_label_in(s + v, e - v);
        if (k2 > 0) {
            rank = 2;
            v += k2;
            while (v < e && ndr_isblank((unsigned char)s[v]))
                v++;
        }
    }
    p->diag_indent = lead;
    quote = v < e && s[v] == '\'';
    if (quote)
        v++;
    m->diag_rank = rank;
    if (v >= e) { /* the words follow on the next lines */
        p->diag_open = owner;
        p->diag_going = 0;
        p->diag_quote = 0;
        return;
    }
    if (quote && s[e - 1] == '\'') { /* (v < e here) */
        e--;
        quote = 0;
    }
    *doff = before + (before > 0) + (v - lead);
    if (*doff >= *blen)
        return;
    *dlen = (before + (before > 0) + (e - lead) < *blen
                 ? before + (before > 0) + (e - lead)
                 : *blen) - *doff;
    p->diag_open = owner; /* folded lines may follow */
    p->diag_going = 2;
    p->diag_quote = quote;
}

/* The diagnostic of a record whose words come from a failure text BUF:
 * the server's own words noted in it (M), else the whole text but the
 * lines that were only a link. */
static const char *text_diag(ndr_parser *p, const char *buf,
                             const text_marks *m)
{
    size_t dlen = m->diag_len, o = 0, from = 0;
    if (dlen == 0 && m->nlinks == 0)
        return buf;
    if (dlen > 0) {
        if (dlen >= sizeof p->diag_out)
            dlen = sizeof p->diag_out - 1;
        memcpy(p->diag_out, buf + m->diag_off, dlen);
        p->diag_out[dlen] = '\0';
        return p->diag_out;
    }
    /* the spans are in order, each a line joined by one space */
    for (unsigned i = 0; i <= m->nlinks; i++) {
        size_t to = i < m->nlinks ? m->link_off[i] : strlen(buf);
        while (to > from && buf[to - 1] == ' ')
            to--;
        if (to > from) {
            size_t k = to - from;
            if (o > 0 && o + 1 < sizeof p->diag_out)
                p->diag_out[o++] = ' ';
            if (k > sizeof p->diag_out - 1 - o)
                k = sizeof p->diag_out - 1 - o;
            memcpy(p->diag_out + o, buf + from, k);
            o += k;
        }
        if (i < m->nlinks) {
            from = (size_t)m->link_off[i] + m->link_len[i];
            while (buf[from] == ' ')
                from++;
        }
    }
    p->diag_out[o] = '\0';
    /* a text of links alone keeps them */
    return o > 0 ? p->diag_out : buf;
}

static void text_line(ndr_parser *p, const char *line, size_t len)
{
    char a[NDR_ADDR_MAX];
    size_t rest = 0;
    int sender_next, how, took, rc;
    unsigned kinds;

    if (p->text_done)
        return;
    /* JSON: a notification or events, read from a line that holds a key
     * of data/patterns.csv, or from one that opens a JSON value before
     * the text gave anything else (a payload pasted or piped in) */
    if ((p->in_json ||
         (len > 0 && (line[0] == '{' || line[0] == '[') &&
          json_opens(line, len) && nothing_read(p))) &&
        json_collect(p, line, len))
        return;
    if (p->fwd && fwd_line(p, line, len))
        return;
    if (len == 0) {
        if (p->ds_text)
            ndr_scan_dsn_line(p, line, 0);
        p->text_blank = 1;
        p->lone_new = -1;
        if (p->diag_going != 0)
            p->diag_open = -2;
        return;
    }
    /* One scan finds a separator (which ends the text), a bounce marker
     * while none was seen, and the start of a JSON notification.  The
     * automaton skips leading blanks, so the line need not be trimmed for
     * the separator.  A line scanned for nothing else is searched for the
     * JSON key alone (the 'p' of "notificationType" is its rarest letter
     * in mail). */
    {
        unsigned want = (separator_length(line, len)
                             ? NDR_PAT_SEPARATOR | NDR_PAT_FORWARD : 0) |
                        (p->body_marker ? 0 : NDR_PAT_MARKER);
        if (want != 0) {
            if (len > 20)
                want |= NDR_PAT_JSON;
            /* once a marker was seen, most lines hold no separator, no
             * forward and no JSON key, which the skip filter tells at a
             * glance */
            kinds = (want & NDR_PAT_MARKER) == 0 &&
                            !ndr_skip_maybe(&ndr_tab_sepskip, line, len)
                        ? 0
                        : pattern_kinds(line, len, want);
        } else {
            kinds = len > 20 && ndr_ci_find_at(line, len, "notificationType",
                                               16, 14) ? NDR_PAT_JSON : 0;
        }
        if ((kinds & NDR_PAT_JSON) && json_collect(p, line, len))
            return;
    }
    if ((kinds & (NDR_PAT_SEPARATOR | NDR_PAT_FORWARD)) && nothing_read(p) &&
        ((kinds & NDR_PAT_SEPARATOR) == 0 || forwarded_here(p))) {
        p->fwd = 1;
        p->fwd_sep = (kinds & NDR_PAT_SEPARATOR) != 0;
        p->fwd_bounce = p->fwd_subj_failure = p->fwd_subj_delay = 0;
        p->fwd_subj_fwd = 0;
        if (p->fwd_sep)
            return;
        /* "Forwarded message" alone may be a sentence: read it as one */
    }
    /* The returned original's header may also follow the failure text
     * directly, or after a line of dashes: once the text gave what a
     * bounce is read for, a trace field ends it. */
    if (!(kinds & NDR_PAT_SEPARATOR) && !p->held_replay &&
        original_starts(line, len) && (p->text_blank || !nothing_read(p))) {
        /* the next line tells (ndr_scan_text_line) */
        size_t k = len < sizeof p->held ? len : sizeof p->held;
        memcpy(p->held, line, k);
        p->held_len = k;
        p->held_part = p->nparts;
        return;
    }
    if (kinds & NDR_PAT_SEPARATOR) {
        p->text_done = 1;
        p->returned = 1;
        /* the original's header follows (bounce.c reads its To field) */
        if (p->kind == PART_TEXT)
            p->orig_headers = 2;
        return;
    }
    p->line_after_blank = p->text_blank;
    p->text_blank = 0;
    if (text_dsn_field(p, line, len))
        return;
    /* a mail log piped in: a line a recipient */
    if (p->headerless && p->depth == 0 && log_line(p, line, len))
        return;
    /* A signature or a block of contacts names no recipient, and its
     * lines are no one's failure text.  A telephone number right after
     * an address that stood alone on its line shows that address a
     * contact's too. */
    if (p->footer)
        return;
    if (p->lone_new >= 0) {
        long r = p->lone_new;
        p->lone_new = -1;
        if (r == (long)p->nrcpts - 1 && p->rcpts[r].ctx_len == 0 &&
            phone_line(line, len)) {
            p->nrcpts--;
            p->cur_rcpt = p->lone_prev;
            p->footer = 1;
            return;
        }
    }
    if (p->nrcpts > 0 && footer_starts(line, len)) {
        p->footer = 1;
        return;
    }
    sender_next = p->after_sender;
    p->after_sender = introduces_sender(line, len);
    if (kinds & NDR_PAT_MARKER)
        p->body_marker = 1;
    if (p->nrcpts > 0) {
        int sl = session_line(line, len);
        /* A transcript's ">>> DATA" after the current recipient's RCPT was
         * refused speaks of the recipients that were accepted, not of it
         * (sendmail: one address refused at RCPT, the rest at DATA). */
        if (line[0] == '>' || line[0] == '<')
            switch (transcript_line(line, len)) {
            case 1:
                if (p->cur_rcpt >= 0)
                    p->rcpt_refused = 1;
                break;
            case 2:
                if (p->rcpt_refused) {
                    if (p->pending)
                        pend_flush(p);
                    p->pend_owner = -1;
                    p->cur_rcpt = -1;
                    p->pending = 1;
                    p->rcpt_refused = 0;
                }
                break;
            default:
                break;
            }
        if (sl > 0) {
            if (!p->pending)
                p->pend_owner = p->cur_rcpt;
            else if (sl == 2) /* a new session: the last one's text stays */
                pend_flush(p);
            p->cur_rcpt = -1;
            p->pending = 1;
        }
    } else if ((line[0] == 'W' || line[0] == 'w') && session_line(line, len) == 2) {
        /* The first session of a transcript, before any recipient: an old
         * sendmail (V5) names the recipient refused at DATA only after
         * the server's reply ("<<< 552 ...", then "554 <a@b>... Service
         * unavailable"), so the session's lines wait for it. */
        p->pend_owner = -1;
        p->pending = 1;
    }
    took = recipient_in_line(p, line, len, a, &rest, &how) > 0 &&
           !is_sender(p, a) && !sender_next &&
           !(p->nrcpts > 0 && quoted_to(p, line, len, a));
    /* After a sentence that named the recipient ("The message you sent
     * to a@b was rejected"), a new address alone on a line, with no line
     * introducing a list before it, is someone to write to. */
    if (took && how == RCPT_ALONE && p->named_in_sentence &&
        text_for(p, a) == NULL)
        took = 0;
    if (took) {
        size_t before = p->nrcpts;
        long prev = p->cur_rcpt;
        long r = find_or_add_rcpt(p, a);
        if (r >= 0) {
            text_rcpt *t = &p->rcpts[r];
            size_t lab = label_words(line, len);
            if (p->nrcpts > before) {
                p->named_in_sentence = how == RCPT_SENTENCE;
                if (how == RCPT_ALONE) {
                    p->lone_new = r;
                    p->lone_prev = prev;
                }
            }
            if (r != p->cur_rcpt)
                p->rcpt_refused = 0;
            else if (rest > 0 && (code_before(line, rest) ||
                                  reply_find(line, rest, 1, &rc) !=
                                      (size_t)-1 ||
                                  ndr_isblank((unsigned char)line[0])))
                /* the recipient named again, after the code of its
                 * failure (a status code, or a reply code where a reply
                 * stands: Yahoo's "554: delivery error: dd Sorry your
                 * message to a@b cannot be delivered") or in a line
                 * indented under it ("SMTP error
                 * from remote mail server after RCPT TO:<a@b>:"): the
                 * line goes on with its text */
                rest = 0;
            p->cur_rcpt = r;
            if (p->pending) {
                if (p->pend_len > 0)
                    ctx_add(t->ctx, &t->ctx_len, sizeof t->ctx, p->pend,
                            p->pend_len);
                p->pend_len = 0;
                p->pending = 0;
            }
            /* "Unknown user: a@b": the label is the server's word (a
             * whole line kept holds it already) */
            if (lab > 0 && rest > 0)
                ctx_add(t->ctx, &t->ctx_len, sizeof t->ctx, line, lab);
            for (;;) {
                if (rest < len && (line[rest] == '>' || line[rest] == '"' ||
                                   line[rest] == ':' || line[rest] == '\'' ||
                                   line[rest] == '.'))
                    rest++;
                else if (rest + 3 <= len &&
                         (wide_close((const unsigned char *)line + rest) ||
                          (rest > 0 &&
                           clause_after((const unsigned char *)line + rest))))
                    rest += 3; /* "＜a@b＞", "送达a@b，原因：..." */
                else if (rest + 8 < len &&
                         ndr_ci_cmpn(line + rest, 8, "<mailto:") == 0 &&
                         memchr(line + rest, '>', len - rest) != NULL)
                    /* the link a mail client adds when text is copied
                     * out of it: "a@b<mailto:a@b>" */
                    rest = (size_t)((const char *)memchr(line + rest, '>',
                                                         len - rest) -
                                    line) + 1;
                else
                    break;
            }
            text_add(p, r, t->ctx, &t->ctx_len, sizeof t->ctx, &t->m,
                     line + rest, len - rest);
        }
        return;
    }
    p->lone_new = -1;
    /* "The following recipients were rejected:" introduces the recipients
     * after it, and often says why.  An indented line under a recipient
     * is that recipient's own text, even when it ends with ':' (Exim's
     * "SMTP error from remote mail server after RCPT TO:<a@b>:", "mailbox
     * is full (...):"), and says nothing of the recipients after it. */
    if (p->cur_rcpt < 0 || !ndr_isblank((unsigned char)line[0])) {
        size_t e = len;
        while (e > 0 && ndr_isspace((unsigned char)line[e - 1]))
            e--;
        if (e > 0 && line[e - 1] == ':') {
            copy_trim(p->lead, sizeof p->lead, line, e);
            p->named_in_sentence = 0;
            /* a line that introduces the recipients that were reached
             * ("Delivery to the following recipients succeeded:") says
             * nothing of the failed one before it */
            if (p->cur_rcpt >= 0 && !ndr_isblank((unsigned char)line[0]) &&
                ndr_reason_classify(NULL, 0, NULL, line, e) ==
                    NDR_REASON_DELIVERED) {
                p->cur_rcpt = -1;
                return;
            }
        }
    }
    if (len > 5 && line[0] == '-' && line[1] == '-' && line[2] == '-')
        p->named_in_sentence = 0; /* "----- The following addresses ..." */
    if (p->cur_rcpt >= 0) {
        text_rcpt *t = &p->rcpts[p->cur_rcpt];
        text_add(p, p->cur_rcpt, t->ctx, &t->ctx_len, sizeof t->ctx,
                 &t->m, line, len);
    } else if (p->pending) {
        ctx_add(p->pend, &p->pend_len, sizeof p->pend, line, len);
        p->diag_open = -2;
    } else if (p->pre_len > 0 || !mime_preamble(line, len)) {
        text_add(p, -1, p->pre, &p->pre_len, sizeof p->pre,
                 &p->pre_m, line, len);
    }
}

/* Is S[0..N) a line of a message's header: a field ("Received: from
 * ...", "Message-ID: <...>", a name without blanks before its colon), or
 * a line folded under one? */
static int header_line(const char *s, size_t n)
{
    size_t k = 0;
    if (n > 0 && ndr_isblank((unsigned char)s[0]))
        return 1;
    while (k < n && k < 40 && s[k] > ' ' && s[k] < 0x7f && s[k] != ':')
        k++;
    return k > 0 && k < n && s[k] == ':';
}

/* A line of failure text.  A trace field ("Return-Path:", "Received:
 * from") after the text may begin the returned original's header, or be
 * quoted in a sentence ("the envelope sender given in\n\nReturn-Path:
 * <a@b>\nis not permitted ..."): the line after it tells.  Another field
 * or a folded line confirms a header, which ends the text: returns 1 when
 * LINE is that header's (bounce.c reads it for the original's To field).
 * Anything else makes the held line text again. */
int ndr_scan_text_line(ndr_parser *p, const char *line, size_t len)
{
    if (p->held_len > 0 && !p->text_done) {
        if (p->held_part != p->nparts) {
            p->held_len = 0; /* its part ended with it */
        } else if (len > 0 && header_line(line, len)) {
            p->held_len = 0;
            p->text_done = 1;
            p->returned = 1;
            if (p->kind == PART_TEXT)
                p->orig_headers = 1;
            return p->kind == PART_TEXT;
        } else {
            size_t k = p->held_len;
            p->held_len = 0;
            p->held_replay = 1;
            text_line(p, p->held, k);
            p->held_replay = 0;
        }
    }
    text_line(p, line, len);
    return 0;
}

/* ---- records ------------------------------------------------------------ */

static int code_generic(ndr_code c) { return c.subject == 0 && c.detail == 0; }

static int code_same(ndr_code a, ndr_code b)
{
    return a.cls == b.cls && a.subject == b.subject && a.detail == b.detail;
}

/* Cisco's gateway (IronPort) heads the server's words with its own
 * summary, "5.3.0 - Other mail system problem 552-'5.2.2 <a@b>: Mailbox
 * full'": the code at S[AT], when " - " follows it, gives way to the code
 * the remote server gave after its reply code, within a short phrase.
 * Returns that code's offset (and sets *OUT), or (size_t)-1. */
static size_t inner_code(const char *s, size_t n, size_t at, ndr_code *out)
{
    ndr_code c;
    size_t tl, from, lim, k;
    if (n - at <= 8 || memcmp(s + at + 5, " - ", 3) != 0)
        return (size_t)-1;
    from = at + 8;
    lim = n - from < 80 ? n - from : 80;
    k = ndr_code_scan(s + from, lim, &c, &tl);
    if (k != (size_t)-1 && k >= 4 && c.cls != 2 && !code_generic(c)) {
        size_t e = from + k;
        int r;
        if (s[e - 1] == '\'')
            e--;
        if (e >= from + 4 && (s[e - 1] == '-' || s[e - 1] == ' ') &&
            ndr_reply_scan(s + e - 4, 3, &r) == 0) {
            *out = c;
            return from + k;
        }
    }
    return (size_t)-1;
}

/* The code a failure text stands for: the first failure (4/5) code that is
 * not the generic X.0.0, else the first failure code, else the first code.
 * Returns its offset in S or (size_t)-1. */
static size_t pick_code(const char *s, size_t n, ndr_code *out)
{
    size_t pos = 0, best = (size_t)-1, fail = (size_t)-1, any = (size_t)-1;
    ndr_code cb = {0, 0, 0}, cf = {0, 0, 0}, ca = {0, 0, 0};
    while (pos < n) {
        ndr_code c;
        size_t tl, at = ndr_code_scan(s + pos, n - pos, &c, &tl);
        if (at == (size_t)-1)
            break;
        at += pos;
        if (any == (size_t)-1) {
            any = at;
            ca = c;
        }
        if (c.cls != 2 && fail == (size_t)-1) {
            fail = at;
            cf = c;
        }
        if (c.cls != 2 && !code_generic(c)) {
            best = at;
            cb = c;
            break;
        }
        pos = at + tl;
    }
    if (best != (size_t)-1) {
        ndr_code c;
        size_t k = inner_code(s, n, best, &c);
        *out = k != (size_t)-1 ? c : cb;
        return k != (size_t)-1 ? k : best;
    }
    if (fail != (size_t)-1) {
        *out = cf;
        return fail;
    }
    *out = ca;
    return any;
}

/* The reply code written just before offset AT ("550 5.1.1", "550-5.1.1",
 * "550 #5.1.1", "552-'5.2.2"), else the first reply code in S that stands where a
 * server's reply stands (reply_placed; LINE_AT as there); 0 when none. */
static int pick_reply(const char *s, size_t n, size_t at, size_t line_at)
{
    int r = 0;
    if (at != (size_t)-1 && at >= 4) {
        size_t e = at;
        while (e > 0 && (s[e - 1] == ' ' || s[e - 1] == '#' || s[e - 1] == '-' ||
                         s[e - 1] == ':' || s[e - 1] == '\''))
            e--;
        if (e >= 3 && ndr_reply_scan(s + e - 3, 3, &r) == 0 &&
            (e == 3 || !ndr_isalnum((unsigned char)s[e - 4])))
            return r;
    }
    return reply_find(s, n, line_at, &r) == (size_t)-1 ? 0 : r;
}

typedef struct rec_build {
    ndr_record rec;
    char status[NDR_CODE_BUFSZ];
    char dsn_status[NDR_CODE_BUFSZ];
} rec_build;

/* Classify, then hand the record to the caller. */
static void emit(ndr_parser *p, rec_build *b, const char *reason_text,
                 size_t rlen)
{
    ndr_record *r = &b->rec;
    r->message = p->messages;
    if (r->reason == NDR_REASON_UNDEFINED)
        r->reason = ndr_reason_classify(r->status, r->reply, r->action,
                                        reason_text, rlen);
    /* text that reports a delivery ("has been delivered to the
     * following recipients") is no failure, whatever was assumed */
    if (r->reason == NDR_REASON_DELIVERED && r->status == NULL &&
        r->action != NULL && strcmp(r->action, "failed") == 0)
        r->action = "delivered";
    r->hard = ndr_reason_is_hard(r->reason, r->status);
    if (r->reason == NDR_REASON_FEEDBACK || r->reason == NDR_REASON_VACATION ||
        r->reason == NDR_REASON_DELIVERED)
        r->flags |= NDR_REC_NOT_FAILURE;
    if (r->status != NULL && r->reply >= 400 && r->reply < 600 &&
        (r->status[0] == '4' || r->status[0] == '5') &&
        r->status[0] - '0' != r->reply / 100)
        r->flags |= NDR_REC_INCONSISTENT;
    if (p->error == NDR_OK && p->opt.on_record(p->opt.ctx, r) != 0)
        p->error = NDR_CALLBACK;
}

/* Which vendor wrote the bounce: the host names of the reporting and
 * remote MTAs say it best, then a vendor token in the server's words,
 * then the vendors' markers in those words. */
static const char *vendor_of(const char *a, const char *b, const char *c)
{
    const char *v = NULL;
    if (a != NULL && a[0])
        v = ndr_vendor_detect(a, strlen(a));
    if (v == NULL && b != NULL && b[0])
        v = ndr_vendor_detect(b, strlen(b));
    if (v == NULL && c != NULL && c[0])
        v = ndr_text_vendor(c, strlen(c));
    return v;
}

static const text_rcpt *text_for(const ndr_parser *p, const char *a)
{
    if (a == NULL || a[0] == '\0')
        return NULL;
    for (size_t i = 0; i < p->nrcpts; i++)
        if (addr_eq(p->rcpts[i].addr, a))
            return &p->rcpts[i];
    return NULL;
}

/* Reason text: two pieces joined in the scratch buffer. */
static size_t join_text(ndr_parser *p, const char *a, const char *b)
{
    size_t n = 0, cap = p->scratch_cap;
    char *s = p->scratch;
    s[0] = '\0';
    if (a != NULL)
        ctx_add(s, &n, cap, a, strlen(a));
    if (b != NULL && b != a)
        ctx_add(s, &n, cap, b, strlen(b));
    return n;
}

/* The reason PowerMTA's bounce category names (X-PowerMTA-BounceCategory,
 * the categories of its bounce-category-patterns): a fallback for a block
 * whose server's words and code name no cause.  "other" and the
 * categories of the sending side's own setup name none either. */
static ndr_reason category_reason(const char *c)
{
    static const struct {
        const char *name;
        ndr_reason reason;
    } cats[] = {
        {"bad-mailbox", NDR_REASON_USERUNKNOWN},
        {"bad-domain", NDR_REASON_HOSTUNKNOWN},
        {"inactive-mailbox", NDR_REASON_SUSPEND},
        {"quota-issues", NDR_REASON_MAILBOXFULL},
        {"spam-related", NDR_REASON_SPAMDETECTED},
        {"virus-related", NDR_REASON_VIRUSDETECTED},
        {"content-related", NDR_REASON_CONTENTERROR},
        {"policy-related", NDR_REASON_POLICYVIOLATION},
        {"relaying-issues", NDR_REASON_NORELAYING},
        {"message-expired", NDR_REASON_EXPIRED},
        {"no-answer-from-host", NDR_REASON_NETWORKERROR},
        {"bad-connection", NDR_REASON_NETWORKERROR},
        {"invalid-sender", NDR_REASON_REJECTED},
    };
    for (size_t i = 0; i < sizeof cats / sizeof cats[0]; i++)
        if (ndr_ci_cmpn(c, strlen(c), cats[i].name) == 0)
            return cats[i].reason;
    return NDR_REASON_UNDEFINED;
}

static void records_from_blocks(ndr_parser *p)
{
    for (size_t i = 0; i < p->nblocks && p->error == NDR_OK; i++) {
        ds_block *blk = &p->blocks[i];
        rec_build b;
        ndr_code st, dc, tc;
        size_t tl, dat = (size_t)-1;
        int have_st, have = 0;
        /* A Final-Recipient of another address type (x400; /G=.../), or
         * one that is no mail address though it holds an '@' (the LMTP
         * channel Oracle's Messaging Server names,
         * "@mss1.example.lmtp:35065@lmtpcs-daemon"), gives way to an
         * Original-Recipient that is an address. */
        int final_is_addr =
            blk->orig_rcpt[0] == '\0' ||
            (strchr(blk->final_rcpt, '@') != NULL &&
             (ndr_find_addr(blk->final_rcpt, strlen(blk->final_rcpt), NULL,
                            NULL, NULL) > 0 ||
              ndr_find_addr(blk->orig_rcpt, strlen(blk->orig_rcpt), NULL,
                            NULL, NULL) == 0));
        const char *rcpt = blk->final_rcpt[0] && final_is_addr
                               ? blk->final_rcpt
                               : blk->orig_rcpt;
        const text_rcpt *t = text_for(p, blk->final_rcpt);
        const char *tctx;
        size_t tlen;
        if (t == NULL)
            t = text_for(p, blk->orig_rcpt);
        if (t == NULL && p->nblocks == 1 && p->nrcpts == 1)
            t = &p->rcpts[0];
        /* The recipient's failure text; for a lone recipient that the text
         * does not name, the text as a whole.  A mail log's other lines
         * are no one's failure text: its records stand on their lines. */
        if (p->log_input)
            t = NULL;
        tctx = t != NULL ? t->ctx
               : p->nblocks == 1 && !p->log_input ? p->pre : NULL;
        tlen = tctx == NULL ? 0 : t != NULL ? t->ctx_len : p->pre_len;

        memset(&b, 0, sizeof b);
        have_st = ndr_code_scan(blk->status, strlen(blk->status), &st, &tl) !=
                  (size_t)-1;
        /* The diagnostic's own code, when it says more than Status. */
        {
            size_t pos = 0;
            while (pos < blk->diag_len) {
                size_t at = ndr_code_scan(blk->diag + pos, blk->diag_len - pos,
                                          &dc, &tl);
                if (at == (size_t)-1)
                    break;
                at += pos;
                /* a generic X.0.0 never replaces a specific Status */
                if (!have_st || (!code_same(dc, st) &&
                                 (!code_generic(dc) || code_generic(st)))) {
                    dat = at;
                    have = 1;
                    break;
                }
                if (dat == (size_t)-1)
                    dat = at;
                pos = at + tl;
            }
        }
        if (have) { /* dc is set when have is */
            ndr_code ic;
            size_t k = inner_code(blk->diag, blk->diag_len, dat, &ic);
            if (k != (size_t)-1) {
                dc = ic;
                dat = k;
            }
            ndr_code_format(dc, b.status);
            if (have_st)
                ndr_code_format(st, b.dsn_status);
        } else if (have_st) {
            ndr_code_format(st, b.status);
            dc = st;
            have = 1;
        }
        /* A generic or missing code: the text may be more specific. */
        if ((!have || code_generic(dc)) && tctx != NULL &&
            pick_code(tctx, tlen, &tc) != (size_t)-1 &&
            tc.cls != 2 && !code_generic(tc)) {
            if (have && b.dsn_status[0] == '\0')
                memcpy(b.dsn_status, b.status, sizeof b.status);
            ndr_code_format(tc, b.status);
            have = 1;
        }
        b.rec.recipient = rcpt[0] ? rcpt : NULL;
        b.rec.action = blk->action[0] ? blk->action : NULL;
        b.rec.status = have ? b.status : NULL;
        /* a block without its Action field (pasted, truncated): a failure
         * code says what became of the message */
        if (b.rec.action == NULL && have && b.status[0] == '5')
            b.rec.action = "failed";
        else if (b.rec.action == NULL && have && b.status[0] == '4')
            b.rec.action = "delayed";
        b.rec.dsn_status = b.dsn_status[0] ? b.dsn_status : NULL;
        if (!blk->diag_not_smtp)
            b.rec.reply = pick_reply(blk->diag, blk->diag_len, dat, 0);
        /* The recipient's failure text gives the reply the diagnostic
         * lacks, and without a Diagnostic-Code the server's words; for a
         * lone recipient that the text does not name, the text as a whole
         * does (tctx), when the report gave no diagnostic at all. */
        if (b.rec.reply == 0 && t != NULL)
            b.rec.reply = pick_reply(t->ctx, t->ctx_len, (size_t)-1,
                                      t->m.reply_at);
        else if (b.rec.reply == 0 && blk->diag_len == 0 && tctx != NULL &&
                 tlen > 0)
            b.rec.reply = pick_reply(tctx, tlen, (size_t)-1,
                                      p->pre_m.reply_at);
        b.rec.diagnostic =
            blk->diag_len ? blk->diag
            : tctx == NULL || tlen == 0 ? NULL
            : t != NULL ? text_diag(p, tctx, &t->m)
                        : text_diag(p, tctx, &p->pre_m);
        b.rec.remote_mta = blk->remote_mta[0] ? blk->remote_mta : NULL;
        b.rec.reporting_mta = p->reporting_mta[0] ? p->reporting_mta : NULL;
        b.rec.vendor = vendor_of(p->reporting_mta, blk->remote_mta, blk->diag);
        {
            size_t n = join_text(p, blk->diag_len ? blk->diag : NULL,
                                 t != NULL ? t->ctx : NULL);
            if (n == 0 && p->nblocks == 1 && !p->log_input)
                n = join_text(p, p->pre, NULL);
            if (blk->category[0]) {
                b.rec.reason = ndr_reason_classify(
                    b.rec.status, b.rec.reply, b.rec.action, p->scratch, n);
                if (b.rec.reason == NDR_REASON_UNDEFINED ||
                    b.rec.reason == NDR_REASON_ONHOLD) {
                    ndr_reason c = category_reason(blk->category);
                    if (c != NDR_REASON_UNDEFINED)
                        b.rec.reason = c;
                }
            }
            emit(p, &b, p->scratch, n);
        }
    }
}

/* A record for a recipient known from text (or from X-Failed-Recipients). */
static void record_from_text(ndr_parser *p, const char *addr,
                             const text_rcpt *t)
{
    rec_build b;
    ndr_code c;
    size_t at = (size_t)-1, n;
    const char *ctx = NULL, *src = NULL;
    size_t clen = 0;

    memset(&b, 0, sizeof b);
    if (t != NULL && t->ctx_len > 0) {
        ctx = t->ctx;
        clen = t->ctx_len;
        at = pick_code(ctx, clen, &c);
        src = ctx;
    }
    if (at == (size_t)-1 && p->pre_len > 0) {
        size_t pat = pick_code(p->pre, p->pre_len, &c);
        if (pat != (size_t)-1) {
            at = pat;
            src = p->pre;
        }
    }
    if (at != (size_t)-1) {
        ndr_code_format(c, b.status);
        b.rec.status = b.status;
        b.rec.reply = pick_reply(src, strlen(src), at,
                                  t != NULL && src == t->ctx
                                      ? t->m.reply_at
                                      : p->pre_m.reply_at);
    } else if (ctx != NULL) {
        b.rec.reply = pick_reply(ctx, clen, (size_t)-1, t->m.reply_at);
    }
    b.rec.recipient = addr;
    b.rec.action = "failed";
    b.rec.diagnostic =
        ctx != NULL ? text_diag(p, ctx, &t->m)
        : p->pre_len ? text_diag(p, p->pre, &p->pre_m)
                     : NULL;
    b.rec.reporting_mta = p->reporting_mta[0] ? p->reporting_mta : NULL;
    b.rec.vendor = vendor_of(p->reporting_mta, NULL, b.rec.diagnostic);
    /* A 4.x.x code is a delay, unless the Subject says the mail came back
     * (Exim's "Mail delivery failed" after a "452 4.2.2" kept refusing it
     * until the retry time ran out) and not that it is only late. */
    if (b.rec.status != NULL && b.rec.status[0] == '4' &&
        (p->subj_delay || !p->subj_failure))
        b.rec.action = "delayed";
    /* Without a code, the Subject alone can tell: a delay warning's
     * words ("Connection timed out") are those of the attempts so far.
     * A transient reply (451) without a status is read as a 4.x.x code
     * is: a delay, unless the Subject says the mail came back. */
    if (b.rec.status == NULL &&
        (p->subj_delay ||
         (b.rec.reply >= 400 && b.rec.reply < 500 && !p->subj_failure)))
        b.rec.action = "delayed";
    /* The text before the first recipient speaks for it only when its own
     * context is empty or the code came from there. */
    n = join_text(p, ctx, (src == p->pre || clen == 0) ? p->pre : NULL);
    if (t != NULL && t->lead[0])
        ctx_add(p->scratch, &n, p->scratch_cap, t->lead, strlen(t->lead));
    /* When the recipient's own words name no cause, the text before the
     * first recipient may: "Error: Invalid user address ... 550 - no such
     * user here" above the details of the message that list it. */
    if (clen > 0 && src != p->pre && p->pre_len > 0) {
        b.rec.reason = ndr_reason_classify(b.rec.status, b.rec.reply,
                                           b.rec.action, p->scratch, n);
        if (b.rec.reason == NDR_REASON_ONHOLD) {
            ctx_add(p->scratch, &n, p->scratch_cap, p->pre, p->pre_len);
            b.rec.reason = NDR_REASON_UNDEFINED;
        }
    }
    emit(p, &b, p->scratch, n);
}

/* A record for the message's sender itself: an automatic reply, or a
 * request to be taken off a list. */
static void record_for_sender(ndr_parser *p, ndr_reason reason)
{
    rec_build b;
    memset(&b, 0, sizeof b);
    b.rec.reason = reason;
    b.rec.recipient = p->from_addr[0] ? p->from_addr : NULL;
    emit(p, &b, "", 0);
}

/* Does the failure text show a code, a status (5.1.1) or a reply (550)? */
static int text_has_code(const ndr_parser *p)
{
    ndr_code c;
    if (pick_code(p->pre, p->pre_len, &c) != (size_t)-1 ||
        pick_reply(p->pre, p->pre_len, (size_t)-1, p->pre_m.reply_at) >= 400)
        return 1;
    for (size_t i = 0; i < p->nrcpts; i++) {
        const text_rcpt *t = &p->rcpts[i];
        if (pick_code(t->ctx, t->ctx_len, &c) != (size_t)-1 ||
            pick_reply(t->ctx, t->ctx_len, (size_t)-1, t->m.reply_at) >= 400)
            return 1;
    }
    return 0;
}

/* Did a mail system send the message as a failure notice?  Its From
 * (MAILER-DAEMON, postmaster), X-Failed-Recipients, a report, report
 * fields or a bounce forwarded or attached say so. */
static int sent_as_notice(const ndr_parser *p)
{
    return p->sys_from || p->hdr_report || p->nblocks > 0 ||
           p->headerless || p->nxfailed > 0 || p->fwd_taken ||
           p->attached_taken;
}

/* Is a message that nothing above marks as a failure notice one all the
 * same?  People, shops, carriers, ticket systems and build servers write
 * "delivery failed", "rejected" and "undeliverable" too, and quote
 * codes, so the words are not enough: the message must not show itself
 * as something else (a reply, a list's or a bulk sender's mail, an
 * application's notice, calendar mail); with the null reverse path that
 * only automatic mail has, words of failure or a code make it one;
 * without it, words of failure (in the text or the Subject) must come
 * with a code or the returned original. */
static int weak_bounce(const ndr_parser *p)
{
    int code;
    /* (some mail systems mark their notices "Precedence: bulk" or
     * "junk", or "Auto-Submitted: auto-generated", too: with the null
     * reverse path, those marks do not tell) */
    if (p->other_kind || (p->bulk && !p->null_path))
        return 0;
    code = text_has_code(p);
    if (p->null_path)
        return p->body_marker || p->subj_failure || p->subj_delay || code;
    return (p->body_marker || p->subj_failure || p->subj_delay) &&
           (code || p->returned);
}

/* Is A the address a list manager sends its notices from: the list's
 * maintainer ("books-admin@", "books-owner@", "owner-books@")?  An
 * article the list distributes comes from the person who wrote it. */
static int list_maintainer(const char *a)
{
    const char *at = strchr(a, '@');
    size_t n = at != NULL ? (size_t)(at - a) : 0;
    return (n > 6 && ndr_ci_cmpn(a + n - 6, 6, "-admin") == 0) ||
           (n > 6 && ndr_ci_cmpn(a + n - 6, 6, "-owner") == 0) ||
           (n > 6 && ndr_ci_cmpn(a, 6, "owner-") == 0);
}

void ndr_scan_end_message(ndr_parser *p)
{
    size_t with_rcpt = 0;
    int bounce, list_notice;

    ds_flush(p);
    if (p->json_len > 0)
        json_flush(p);
    pend_flush(p);
    list_notice = p->list_server && list_maintainer(p->from_addr);
    if (list_notice)
        p->hdr_bounce = p->sys_sender = p->sys_from = 1;
    bounce = p->hdr_bounce || p->hdr_report || p->body_marker ||
             p->headerless || p->nblocks > 0 || (p->mdn && p->mdn_reject);
    if (bounce && !sent_as_notice(p))
        bounce = weak_bounce(p);

    if (p->feedback) {
        rec_build b;
        memset(&b, 0, sizeof b);
        b.rec.reason = NDR_REASON_FEEDBACK;
        if (p->nfb == 0) {
            b.rec.recipient = p->orig_to[0] ? p->orig_to : NULL;
            emit(p, &b, "", 0);
        }
        for (size_t i = 0; i < p->nfb && p->error == NDR_OK; i++) {
            b.rec.recipient = p->fb_rcpts[i];
            emit(p, &b, "", 0);
        }
        /* (complaints among platforms' bounce events: those too) */
        if (!p->json_events)
            return;
    }
    for (size_t i = 0; i < p->nblocks; i++)
        if (p->blocks[i].final_rcpt[0] || p->blocks[i].orig_rcpt[0])
            with_rcpt++;
    /* Report fields that name no recipient (a Status or Diagnostic-Code
     * pasted alone, a truncated report), in a message that names none
     * elsewhere either: the diagnostic's address is the recipient
     * ("550 5.1.1 <a@b>... User unknown"), else the original's To, else
     * none is known; each such block still gives its record. */
    if (with_rcpt == 0 && p->nrcpts == 0 && p->nxfailed == 0 && !p->mdn) {
        size_t k = 0;
        for (size_t i = 0; i < p->nblocks; i++) {
            ds_block *blk = &p->blocks[i];
            size_t at = 0, alen = 0;
            if ((blk->seen & (DSF_STATUS | DSF_DIAG)) == 0)
                continue;
            if (blk->diag_len == 0 ||
                ndr_find_addr(blk->diag, blk->diag_len, blk->final_rcpt, &at,
                              &alen) == 0 ||
                sender_named(blk->diag, blk->diag_len, at + alen))
                copy_trim(blk->final_rcpt, sizeof blk->final_rcpt,
                          p->orig_to, strlen(p->orig_to));
            p->blocks[k++] = *blk;
        }
        if (k > 0) {
            p->nblocks = k;
            records_from_blocks(p);
            return;
        }
    }
    /* A message disposition notification (RFC 3798: displayed, deleted)
     * reports what a reader did, never a failed delivery; but one that a
     * Sieve reject sends (RFC 5429) refuses the message, and its text
     * names the recipient and the reason ("Your message to <a@b> was
     * automatically rejected: Quota exceeded"). */
    if (p->mdn && with_rcpt == 0 && !p->mdn_reject)
        return;
    if (with_rcpt > 0) {
        /* Blocks without a recipient hold only per-message fields. */
        size_t k = 0;
        for (size_t i = 0; i < p->nblocks; i++)
            if (p->blocks[i].final_rcpt[0] || p->blocks[i].orig_rcpt[0])
                p->blocks[k++] = p->blocks[i];
        p->nblocks = k;
        records_from_blocks(p);
        return;
    }
    if (!bounce) {
        /* An unsubscribe request: the reader asks to be taken off the
         * list, a complaint's milder cousin, so the address is dropped. */
        if (p->unsubscribe)
            record_for_sender(p, NDR_REASON_FEEDBACK);
        else if (p->autoreply)
            record_for_sender(p, NDR_REASON_VACATION);
        return;
    }
    /* An automatic reply that says so in its Subject or in fields only
     * auto-replies carry ("Automatic reply: ...", X-Autoreply) is one,
     * whatever its text says ("mail sent here will not be delivered
     * after 30 April"): the addresses it names are whom to write to. */
    if (p->autoreply_sure && !sent_as_notice(p)) {
        record_for_sender(p, NDR_REASON_VACATION);
        return;
    }
    /* A list manager's notice turns a post back: what failed is the
     * delivery to the list, the first address its words name ("You are
     * not a member of this mailing list <books@...>", "Duplicated
     * Message-ID in <garden@...>"); the addresses after it are where to
     * send commands.  Only words that name a cause make it one. */
    if (list_notice && p->nblocks == 0) {
        char list[NDR_ADDR_MAX];
        ndr_reason why = ndr_reason_classify(NULL, 0, NULL, p->pre,
                                             p->pre_len);
        if (why == NDR_REASON_ONHOLD || why == NDR_REASON_UNDEFINED)
            return;
        if (ndr_find_addr(p->pre, p->pre_len, list, NULL, NULL) == 0)
            list[0] = '\0';
        record_from_text(p, list[0] ? list : NULL, NULL);
        return;
    }
    if (p->nrcpts > 0) {
        for (size_t i = 0; i < p->nrcpts && p->error == NDR_OK; i++)
            record_from_text(p, p->rcpts[i].addr, &p->rcpts[i]);
        return;
    }
    if (p->nxfailed > 0) {
        for (size_t i = 0; i < p->nxfailed && p->error == NDR_OK; i++)
            record_from_text(p, p->xfailed[i], NULL);
        return;
    }
    /* (a Subject that says the mail failed or is late outweighs an
     * "Auto-Submitted: auto-replied", which Postfix puts on its bounces:
     * a bounce cut off before its report is no vacation notice) */
    if (p->autoreply && !p->body_marker && !p->subj_failure &&
        !p->subj_delay) {
        record_for_sender(p, NDR_REASON_VACATION);
        return;
    }
    /* A bounce that names no recipient: report what it says, if it says
     * anything (a code, or words about a failed delivery). */
    if (p->pre_len > 0 && (p->body_marker || p->headerless)) {
        ndr_code c;
        ndr_reason why;
        /* (without a code or the original's To, only a mail system's
         * notice is one, and only when its words name a cause: a
         * notice that the mail system will be down names none) */
        if (pick_code(p->pre, p->pre_len, &c) != (size_t)-1 ||
            p->orig_to[0] != '\0' ||
            ((p->sys_sender || p->fwd_taken) &&
             (why = ndr_reason_classify(NULL, 0, NULL, p->pre,
                                        p->pre_len)) != NDR_REASON_ONHOLD &&
             why != NDR_REASON_UNDEFINED))
            record_from_text(p, p->orig_to[0] ? p->orig_to : NULL, NULL);
    }
}
