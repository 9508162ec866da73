/*
 * bounce.c - the push parser: bytes -> lines -> messages -> MIME parts.
 *
 * The input is split into lines (LF, CRLF or bare CR) without copying when
 * a line lies whole in the caller's buffer; only a line cut by a chunk edge
 * is copied, up to max_line bytes.  Lines go through the message layer
 * (mbox "From " separators), header unfolding (RFC 5322 §2.2.3) and the
 * MIME layer (RFC 2046 §5.1: a stack of boundaries, so a missing closing
 * boundary is tolerated), then content-transfer decoding (decode.c), and
 * reach the handlers of scan.c by part kind.  Everything the parser keeps
 * is bounded by the limits in ndr_options.
 */
#include "jis.h"
#include "cjk.h"
#include "parser.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

/* ---- allocation --------------------------------------------------------- */

void *ndr_alloc(ndr_parser *p, size_t n)
{
    const ndr_allocator *a = p->opt.alloc;
    void *r = a ? a->malloc_fn(a->ud, n) : malloc(n);
    if (r == NULL)
        p->error = NDR_NOMEM;
    return r;
}

void *ndr_realloc(ndr_parser *p, void *ptr, size_t n)
{
    const ndr_allocator *a = p->opt.alloc;
    void *r = a ? a->realloc_fn(a->ud, ptr, n) : realloc(ptr, n);
    if (r == NULL)
        p->error = NDR_NOMEM;
    return r;
}

void ndr_free(ndr_parser *p, void *ptr)
{
    const ndr_allocator *a = p->opt.alloc;
    if (ptr == NULL)
        return;
    if (a)
        a->free_fn(a->ud, ptr);
    else
        free(ptr);
}

void ndr_options_init(ndr_options *opts)
{
    memset(opts, 0, sizeof *opts);
    opts->mbox = -1;
    opts->max_line = 8192;
    opts->max_header = 16384;
    opts->max_headers = 10000;
    opts->max_depth = 32;
    opts->max_parts = 10000;
    opts->max_recipients = 1000;
    opts->max_message = (size_t)512 << 20;
    opts->max_decoded = (size_t)16 << 20;
}

/* ---- line splitter ------------------------------------------------------ */

typedef void (*line_fn)(ndr_parser *p, const char *line, size_t len);

/* Append to the line being collected, up to its cap; returns how many
 * bytes did not fit (they are dropped, but still count toward the
 * message's size). */
static size_t lines_append(ndr_lines *lb, const char *s, size_t n)
{
    size_t room = lb->cap - lb->len, drop = 0;
    if (n > room) {
        drop = n - room;
        n = room;
        lb->overflow = 1;
    }
    memcpy(lb->buf + lb->len, s, n);
    lb->len += n;
    return drop;
}

static void message_over(ndr_parser *p);

/* Count N more bytes of the message against max_message: a test per
 * line, the rest out of line. */
static inline void message_bytes(ndr_parser *p, size_t n)
{
    p->msg_bytes += n;
    if (p->msg_bytes > p->opt.max_message)
        message_over(p);
}
static int is_from_line(const char *line, size_t len);

/* N bytes dropped from the raw line that starts with LINE[0..HAVE) (at
 * least its first 256 bytes).  They count toward the message the line is
 * part of: a line that starts a message (the first line, or a "From "
 * separator of an mbox) gives them to that message, which is counted from
 * the line on (input_line).  An endless such line must still end the
 * reading, as message_bytes would once its message started. */
static void drop_bytes(ndr_parser *p, const char *line, size_t have, size_t n)
{
    size_t max = p->opt.max_message;
    int mbox;
    if (p->started && !(p->mbox && p->prev_blank && is_from_line(line, have))) {
        message_bytes(p, n);
        return;
    }
    mbox = p->started ? p->mbox
           : p->opt.mbox < 0 ? is_from_line(line, have) : p->opt.mbox;
    p->next_drop += n;
    if (p->next_drop > max && (!mbox || p->next_drop - max > max)) {
        if (p->limit == NDR_OK)
            p->limit = NDR_LIMIT_MESSAGE;
        p->stop = 1;
    }
}

/* Emit the line that ends at E: the buffered start (if any) plus S..E. */
static void lines_emit(ndr_parser *p, ndr_lines *lb, const char *s,
                       const char *e, line_fn fn);

/* The same, for the line at S of the buffer being split: when it started
 * in this buffer (FRESH) and fits max_line (CAP), the common case, it goes
 * to FN at once. */
static inline void line_out(ndr_parser *p, ndr_lines *lb, const char *s,
                            const char *e, line_fn fn, int fresh, size_t cap)
{
    if (fresh && (size_t)(e - s) <= cap) {
        if (!p->stop)
            fn(p, s, (size_t)(e - s));
    } else
        lines_emit(p, lb, s, e, fn);
}

static void lines_emit(ndr_parser *p, ndr_lines *lb, const char *s,
                       const char *e, line_fn fn)
{
    size_t n = (size_t)(e - s), drop;
    /* Bytes dropped from an over-long line count toward the message at
     * once, whether the line came whole or in pieces; if that ends the
     * reading, the line is not handled either (so chunking changes
     * nothing). */
    if (lb->len == 0 && !lb->overflow) {
        if (n > lb->cap && lb == &p->raw)
            drop_bytes(p, s, n, n - lb->cap);
        if (!p->stop)
            fn(p, s, n > lb->cap ? lb->cap : n);
        return;
    }
    drop = lines_append(lb, s, n);
    if (drop > 0 && lb == &p->raw)
        drop_bytes(p, lb->buf, lb->len, drop);
    if (!p->stop)
        fn(p, lb->buf, lb->len);
    lb->len = 0;
    lb->overflow = 0;
}


/* Which raw lines from here on can be skipped without looking at them
 * (SKIP_NONE: none)?  In the body of a part that cannot hold findings
 * (the returned message, an attachment, text after the original began)
 * only two kinds of line matter: a boundary ("--...") and, in an mbox, a
 * "From " separator (SKIP_ALL).  Inside a header field no one reads, its
 * folded continuation lines (SKIP_FOLDED); in the header of the returned
 * message, while no To field has been read or is being read, every line
 * but an empty one and a "To:" field (SKIP_NOT_TO): the line-by-line path
 * does nothing with the lines skipped. */
enum skip_mode { SKIP_NONE, SKIP_ALL, SKIP_FOLDED, SKIP_NOT_TO };

static enum skip_mode skippable(const ndr_parser *p)
{
    if (!p->in_msg)
        return SKIP_NONE;
    if (p->msg_dead)
        return SKIP_ALL;
    if (p->in_header)
        return p->hdr_skip ? SKIP_FOLDED : SKIP_NONE;
    switch (p->kind) {
    case PART_SKIP:
        return SKIP_ALL;
    case PART_ORIGINAL:
        /* its headers matter until a To field gave the recipient */
        if (!p->orig_headers || p->orig_to[0] != '\0')
            return SKIP_ALL;
        return p->hdr_len == 0 ? SKIP_NOT_TO : SKIP_NONE;
    case PART_TEXT:
    case PART_HTML:
        if (!p->text_done)
            return SKIP_NONE;
        /* the header of an original pasted after the text, as in a part
         * of its own; its raw lines are its lines only when not encoded,
         * and until its first field (orig_headers 2) each is looked at */
        if (p->orig_headers && p->orig_to[0] == '\0')
            return p->orig_headers == 1 && p->enc == ENC_NONE &&
                           p->hdr_len == 0
                       ? SKIP_NOT_TO
                       : SKIP_NONE;
        return SKIP_ALL;
    default:
        return SKIP_NONE;
    }
}

/* The first CR in [S, END), or END: *CR caches it for a whole buffer (it
 * is searched again only once S has passed it), so that text without CRs
 * is searched for them once, not once per line. */
static const char *next_cr(const char *s, const char *end, const char **cr)
{
    if (*cr == NULL || *cr < s) {
        const char *c = memchr(s, '\r', (size_t)(end - s));
        *cr = c != NULL ? c : end;
    }
    return *cr;
}

/* May the line at Q (LEFT bytes to the buffer's end) be skipped in MODE?
 * The line before it is PREV, the last one skipped, or when PREV is NULL
 * the one read before (PREV_BLANK says if it was blank); it is looked at
 * only for a line that starts with 'F'.  A "From " line matters only
 * after a blank line (it starts a message there, and is an ordinary line
 * of the part anywhere else); a line too short to tell is left to the
 * line-by-line path. */
static int line_skippable(const char *q, size_t left, enum skip_mode mode,
                          int want_b, int want_f, const char *prev,
                          int prev_blank)
{
    char c = q[0];
    if (mode == SKIP_FOLDED)
        /* a folded line starts with a blank: never "--" or "From " */
        return c == ' ' || c == '\t';
    if (c == '-')
        return !want_b || (left >= 2 && q[1] != '-');
    if (c == 'F' && want_f) {
        /* the line before: PREV up to the LF before Q, or PREV_BLANK */
        int blank = prev == NULL ? prev_blank
                    : q - 1 == prev || (q - 2 == prev && prev[0] == '\r');
        if (blank && (left < 5 || memcmp(q, "From ", 5) == 0))
            return 0;
    }
    /* an empty line ends the header; "To:" (RFC 5322 §3.6.3) */
    if (mode == SKIP_NOT_TO &&
        (c == '\n' || c == '\r' || left < 3 ||
         ((c | 0x20) == 't' && (q[1] | 0x20) == 'o' && q[2] == ':')))
        return 0;
    return 1;
}

/* Skip whole lines from S (a line start) up to the next line that may
 * matter in MODE, or up to the last complete line of the buffer.  Each
 * line costs one memchr for its LF and a look at its first bytes; the
 * cached CR (*CRP, as next_cr) tells a CRLF end from a bare CR.  Only
 * lines ended by LF or CRLF are skipped: a bare CR inside a line ends a
 * line too, so such a line takes the line-by-line path, where a boundary
 * or "From " after the CR is seen as it is anywhere else.  Returns where
 * line-by-line reading resumes. */
static const char *skip_lines(ndr_parser *p, const char *s, const char *end,
                              const char **crp, enum skip_mode mode)
{
    int want_b = p->depth > 0 && !p->msg_dead, want_f = p->mbox;
    const char *q = s, *prev = NULL, *cr = *crp;
    size_t crlf = 0;  /* CRLF ends skipped (input_line counts each as one) */
    size_t lines = 0; /* lines skipped */
    while (q < end && line_skippable(q, (size_t)(end - q), mode, want_b,
                                     want_f, prev, p->prev_blank)) {
        const char *nl = memchr(q, '\n', (size_t)(end - q));
        if (nl == NULL)
            break;
        if (cr == NULL || cr < q) {
            cr = memchr(q, '\r', (size_t)(end - q));
            if (cr == NULL)
                cr = end;
        }
        if (cr < nl) {
            if (cr + 1 != nl)
                break; /* a bare CR */
            crlf++;
        }
        prev = q;
        q = nl + 1;
        lines++;
    }
    *crp = cr;
    if (prev == NULL)
        return s;
    /* The last skipped line: was it blank (for the mbox rule)? */
    p->prev_blank = q - 1 == prev || (q - 2 == prev && prev[0] == '\r');
    message_bytes(p, (size_t)(q - s) - crlf);
    /* Lines of a text part (the header of an original pasted under the
     * failure text) count toward its max_decoded as body_line counts
     * them, without their ends: whether the To line after them is still
     * read must not depend on which lines the buffer let us skip. */
    if (mode == SKIP_NOT_TO && p->kind != PART_ORIGINAL)
        p->decoded += (size_t)(q - s) - crlf - lines;
    return q;
}

static void lines_feed(ndr_parser *p, ndr_lines *lb, const char *s, size_t n,
                       line_fn fn)
{
    const char *end = s + n, *crs = NULL;
    const size_t cap = lb->cap;
    const int raw = lb == &p->raw;
    /* Does the line at S start in this buffer (none is being collected)?
     * Only the first can continue one; every line emitted leaves LB
     * empty. */
    int fresh = lb->len == 0 && !lb->overflow;
    if (n > 0 && lb->pending_cr) {
        lb->pending_cr = 0;
        if (*s == '\n')
            s++;
    }
    while (s < end && p->error == NDR_OK) {
        const char *nl, *stop, *cr;
        enum skip_mode mode;
        if (fresh && raw && (mode = skippable(p)) != SKIP_NONE) {
            s = skip_lines(p, s, end, &crs, mode);
            if (s >= end)
                return;
        }
        nl = memchr(s, '\n', (size_t)(end - s));
        stop = nl ? nl : end;
        cr = next_cr(s, end, &crs);
        if (cr < stop) {
            line_out(p, lb, s, cr, fn, fresh, cap);
            fresh = 1;
            if (cr + 1 == nl)
                s = nl + 1;
            else if (cr + 1 == end) {
                lb->pending_cr = 1;
                s = end;
            } else
                s = cr + 1;
            continue;
        }
        if (nl == NULL) {
            size_t drop = lines_append(lb, s, (size_t)(end - s));
            if (drop > 0 && raw)
                drop_bytes(p, lb->buf, lb->len, drop);
            return;
        }
        line_out(p, lb, s, nl, fn, fresh, cap);
        fresh = 1;
        s = nl + 1;
    }
}

static void lines_flush(ndr_parser *p, ndr_lines *lb, line_fn fn)
{
    if (lb->len > 0 || lb->overflow)
        fn(p, lb->buf, lb->len);
    lb->len = 0;
    lb->overflow = 0;
    lb->pending_cr = 0;
}

/* ---- header fields ------------------------------------------------------ */

/* Is LINE the start of a header field "Name: value"?  Returns where its
 * colon is, or 0 (a name is never empty).  The position is returned, not
 * stored through a pointer, so that the callers keep no address-taken
 * local (no stack-protector canary on the per-line path). */
static size_t field_start(const char *line, size_t len)
{
    /* the bytes of a field name: printable ASCII but ':' (RFC 5322 §3.6.8) */
    static const unsigned char name_char[256] = {
#define R16(v) v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v
        R16(0), R16(0),
        0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1,
        R16(1), R16(1), R16(1),
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0,
        R16(0), R16(0), R16(0), R16(0), R16(0), R16(0), R16(0), R16(0)
#undef R16
    };
    /* lim is capped by an if, not by "len < 80 ? len : 80", which
     * cppcheck 2.10 misreads as "less than 1" (knownConditionTrueFalse) */
    size_t i = 0, lim = len;
    if (lim > 80)
        lim = 80;
    while (i < lim && name_char[(unsigned char)line[i]])
        i++;
    if (i == 0 || i == lim || line[i] != ':')
        return 0;
    return i;
}

/* A folded continuation of the header field being read, cut at
 * max_header. */
static void hdr_append(ndr_parser *p, const char *line, size_t len)
{
    if (len > p->opt.max_header - p->hdr_len)
        len = p->opt.max_header - p->hdr_len;
    memcpy(p->hdr + p->hdr_len, line, len);
    p->hdr_len += len;
}

static int name_is(const char *name, size_t n, const char *want)
{
    return ndr_ci_cmpn(name, n, want) == 0;
}

/* Charsets recoded to UTF-8 so that the server's words match the (UTF-8)
 * rules and print correctly.  CS_LATIN1: the Western ones, whose bytes
 * from 0xa0 are their own code points; CS_SJIS and CS_EUCJP: Japanese,
 * through the JIS X 0208 table; CS_GBK, CS_BIG5 and CS_UHC: Chinese and
 * Korean, through the double-byte tables of cjk.h (GB2312 and GB18030 read
 * as GBK, with GB18030's four-byte sequences through its ranges; EUC-KR as
 * UHC); CS_CJK: EUC-TW, not decoded (no table is
 * carried) but read a character at a time, each one U+FFFD, so that its
 * bytes do not run into an address written next to them; from CS_TABLE
 * on, single-byte charsets with the code points of bytes 0x80..0xff in
 * cs_tables (a byte that names no character, or a C1 control, is a
 * space).  ISO-2022-JP needs no label: leaf_line knows it by its
 * escapes.  CS_KR2022: ISO-2022-KR, labelled so or known by its
 * designation ESC $ ) C, which starts a part's Korean text and is not
 * repeated on the lines that follow: their shifts (SO, SI) are read
 * through the UHC table (ndr_kr_decode_line). */
enum { CS_NONE, CS_LATIN1, CS_SJIS, CS_EUCJP, CS_CJK, CS_GBK, CS_BIG5,
       CS_UHC, CS_KR2022, CS_TABLE };

static const unsigned short cs_tables[][128] = {
    /* ISO-8859-2 (Latin-2: Czech, Polish, Slovak, Hungarian, Croatian...) */
    {
        0x0020, 0x0020, 0x0020, 0x0020, 0x0020, 0x0020, 0x0020, 0x0020,
        0x0020, 0x0020, 0x0020, 0x0020, 0x0020, 0x0020, 0x0020, 0x0020,
        0x0020, 0x0020, 0x0020, 0x0020, 0x0020, 0x0020, 0x0020, 0x0020,
        0x0020, 0x0020, 0x0020, 0x0020, 0x0020, 0x0020, 0x0020, 0x0020,
        0x00a0, 0x0104, 0x02d8, 0x0141, 0x00a4, 0x013d, 0x015a, 0x00a7,
        0x00a8, 0x0160, 0x015e, 0x0164, 0x0179, 0x00ad, 0x017d, 0x017b,
        0x00b0, 0x0105, 0x02db, 0x0142, 0x00b4, 0x013e, 0x015b, 0x02c7,
        0x00b8, 0x0161, 0x015f, 0x0165, 0x017a, 0x02dd, 0x017e, 0x017c,
        0x0154, 0x00c1, 0x00c2, 0x0102, 0x00c4, 0x0139, 0x0106, 0x00c7,
        0x010c, 0x00c9, 0x0118, 0x00cb, 0x011a, 0x00cd, 0x00ce, 0x010e,
        0x0110, 0x0143, 0x0147, 0x00d3, 0x00d4, 0x0150, 0x00d6, 0x00d7,
        0x0158, 0x016e, 0x00da, 0x0170, 0x00dc, 0x00dd, 0x0162, 0x00df,
        0x0155, 0x00e1, 0x00e2, 0x0103, 0x00e4, 0x013a, 0x0107, 0x00e7,
        0x010d, 0x00e9, 0x0119, 0x00eb, 0x011b, 0x00ed, 0x00ee, 0x010f,
        0x0111, 0x0144, 0x0148, 0x00f3, 0x00f4, 0x0151, 0x00f6, 0x00f7,
        0x0159, 0x016f, 0x00fa, 0x0171, 0x00fc, 0x00fd, 0x0163, 0x02d9,
    },
    /* windows-1250 (the same languages) */
    {
        0x20ac, 0x0020, 0x201a, 0x0020, 0x201e, 0x2026, 0x2020, 0x2021,
        0x0020, 0x2030, 0x0160, 0x2039, 0x015a, 0x0164, 0x017d, 0x0179,
        0x0020, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
        0x0020, 0x2122, 0x0161, 0x203a, 0x015b, 0x0165, 0x017e, 0x017a,
        0x00a0, 0x02c7, 0x02d8, 0x0141, 0x00a4, 0x0104, 0x00a6, 0x00a7,
        0x00a8, 0x00a9, 0x015e, 0x00ab, 0x00ac, 0x00ad, 0x00ae, 0x017b,
        0x00b0, 0x00b1, 0x02db, 0x0142, 0x00b4, 0x00b5, 0x00b6, 0x00b7,
        0x00b8, 0x0105, 0x015f, 0x00bb, 0x013d, 0x02dd, 0x013e, 0x017c,
        0x0154, 0x00c1, 0x00c2, 0x0102, 0x00c4, 0x0139, 0x0106, 0x00c7,
        0x010c, 0x00c9, 0x0118, 0x00cb, 0x011a, 0x00cd, 0x00ce, 0x010e,
        0x0110, 0x0143, 0x0147, 0x00d3, 0x00d4, 0x0150, 0x00d6, 0x00d7,
        0x0158, 0x016e, 0x00da, 0x0170, 0x00dc, 0x00dd, 0x0162, 0x00df,
        0x0155, 0x00e1, 0x00e2, 0x0103, 0x00e4, 0x013a, 0x0107, 0x00e7,
        0x010d, 0x00e9, 0x0119, 0x00eb, 0x011b, 0x00ed, 0x00ee, 0x010f,
        0x0111, 0x0144, 0x0148, 0x00f3, 0x00f4, 0x0151, 0x00f6, 0x00f7,
        0x0159, 0x016f, 0x00fa, 0x0171, 0x00fc, 0x00fd, 0x0163, 0x02d9,
    },
    /* ISO-8859-9 (Latin-5: Turkish) */
    {
        0x0020, 0x0020, 0x0020, 0x0020, 0x0020, 0x0020, 0x0020, 0x0020,
        0x0020, 0x0020, 0x0020, 0x0020, 0x0020, 0x0020, 0x0020, 0x0020,
        0x0020, 0x0020, 0x0020, 0x0020, 0x0020, 0x0020, 0x0020, 0x0020,
        0x0020, 0x0020, 0x0020, 0x0020, 0x0020, 0x0020, 0x0020, 0x0020,
        0x00a0, 0x00a1, 0x00a2, 0x00a3, 0x00a4, 0x00a5, 0x00a6, 0x00a7,
        0x00a8, 0x00a9, 0x00aa, 0x00ab, 0x00ac, 0x00ad, 0x00ae, 0x00af,
        0x00b0, 0x00b1, 0x00b2, 0x00b3, 0x00b4, 0x00b5, 0x00b6, 0x00b7,
        0x00b8, 0x00b9, 0x00ba, 0x00bb, 0x00bc, 0x00bd, 0x00be, 0x00bf,
        0x00c0, 0x00c1, 0x00c2, 0x00c3, 0x00c4, 0x00c5, 0x00c6, 0x00c7,
        0x00c8, 0x00c9, 0x00ca, 0x00cb, 0x00cc, 0x00cd, 0x00ce, 0x00cf,
        0x011e, 0x00d1, 0x00d2, 0x00d3, 0x00d4, 0x00d5, 0x00d6, 0x00d7,
        0x00d8, 0x00d9, 0x00da, 0x00db, 0x00dc, 0x0130, 0x015e, 0x00df,
        0x00e0, 0x00e1, 0x00e2, 0x00e3, 0x00e4, 0x00e5, 0x00e6, 0x00e7,
        0x00e8, 0x00e9, 0x00ea, 0x00eb, 0x00ec, 0x00ed, 0x00ee, 0x00ef,
        0x011f, 0x00f1, 0x00f2, 0x00f3, 0x00f4, 0x00f5, 0x00f6, 0x00f7,
        0x00f8, 0x00f9, 0x00fa, 0x00fb, 0x00fc, 0x0131, 0x015f, 0x00ff,
    },
    /* windows-1254 (Turkish) */
    {
        0x20ac, 0x0020, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
        0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x0020, 0x0020, 0x0020,
        0x0020, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
        0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x0020, 0x0020, 0x0178,
        0x00a0, 0x00a1, 0x00a2, 0x00a3, 0x00a4, 0x00a5, 0x00a6, 0x00a7,
        0x00a8, 0x00a9, 0x00aa, 0x00ab, 0x00ac, 0x00ad, 0x00ae, 0x00af,
        0x00b0, 0x00b1, 0x00b2, 0x00b3, 0x00b4, 0x00b5, 0x00b6, 0x00b7,
        0x00b8, 0x00b9, 0x00ba, 0x00bb, 0x00bc, 0x00bd, 0x00be, 0x00bf,
        0x00c0, 0x00c1, 0x00c2, 0x00c3, 0x00c4, 0x00c5, 0x00c6, 0x00c7,
        0x00c8, 0x00c9, 0x00ca, 0x00cb, 0x00cc, 0x00cd, 0x00ce, 0x00cf,
        0x011e, 0x00d1, 0x00d2, 0x00d3, 0x00d4, 0x00d5, 0x00d6, 0x00d7,
        0x00d8, 0x00d9, 0x00da, 0x00db, 0x00dc, 0x0130, 0x015e, 0x00df,
        0x00e0, 0x00e1, 0x00e2, 0x00e3, 0x00e4, 0x00e5, 0x00e6, 0x00e7,
        0x00e8, 0x00e9, 0x00ea, 0x00eb, 0x00ec, 0x00ed, 0x00ee, 0x00ef,
        0x011f, 0x00f1, 0x00f2, 0x00f3, 0x00f4, 0x00f5, 0x00f6, 0x00f7,
        0x00f8, 0x00f9, 0x00fa, 0x00fb, 0x00fc, 0x0131, 0x015f, 0x00ff,
    },
    /* KOI8-R (Russian) */
    {
        0x2500, 0x2502, 0x250c, 0x2510, 0x2514, 0x2518, 0x251c, 0x2524,
        0x252c, 0x2534, 0x253c, 0x2580, 0x2584, 0x2588, 0x258c, 0x2590,
        0x2591, 0x2592, 0x2593, 0x2320, 0x25a0, 0x2219, 0x221a, 0x2248,
        0x2264, 0x2265, 0x00a0, 0x2321, 0x00b0, 0x00b2, 0x00b7, 0x00f7,
        0x2550, 0x2551, 0x2552, 0x0451, 0x2553, 0x2554, 0x2555, 0x2556,
        0x2557, 0x2558, 0x2559, 0x255a, 0x255b, 0x255c, 0x255d, 0x255e,
        0x255f, 0x2560, 0x2561, 0x0401, 0x2562, 0x2563, 0x2564, 0x2565,
        0x2566, 0x2567, 0x2568, 0x2569, 0x256a, 0x256b, 0x256c, 0x00a9,
        0x044e, 0x0430, 0x0431, 0x0446, 0x0434, 0x0435, 0x0444, 0x0433,
        0x0445, 0x0438, 0x0439, 0x043a, 0x043b, 0x043c, 0x043d, 0x043e,
        0x043f, 0x044f, 0x0440, 0x0441, 0x0442, 0x0443, 0x0436, 0x0432,
        0x044c, 0x044b, 0x0437, 0x0448, 0x044d, 0x0449, 0x0447, 0x044a,
        0x042e, 0x0410, 0x0411, 0x0426, 0x0414, 0x0415, 0x0424, 0x0413,
        0x0425, 0x0418, 0x0419, 0x041a, 0x041b, 0x041c, 0x041d, 0x041e,
        0x041f, 0x042f, 0x0420, 0x0421, 0x0422, 0x0423, 0x0416, 0x0412,
        0x042c, 0x042b, 0x0417, 0x0428, 0x042d, 0x0429, 0x0427, 0x042a,
    },
    /* windows-1251 (Russian, Bulgarian, Serbian...) */
    {
        0x0402, 0x0403, 0x201a, 0x0453, 0x201e, 0x2026, 0x2020, 0x2021,
        0x20ac, 0x2030, 0x0409, 0x2039, 0x040a, 0x040c, 0x040b, 0x040f,
        0x0452, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
        0x0020, 0x2122, 0x0459, 0x203a, 0x045a, 0x045c, 0x045b, 0x045f,
        0x00a0, 0x040e, 0x045e, 0x0408, 0x00a4, 0x0490, 0x00a6, 0x00a7,
        0x0401, 0x00a9, 0x0404, 0x00ab, 0x00ac, 0x00ad, 0x00ae, 0x0407,
        0x00b0, 0x00b1, 0x0406, 0x0456, 0x0491, 0x00b5, 0x00b6, 0x00b7,
        0x0451, 0x2116, 0x0454, 0x00bb, 0x0458, 0x0405, 0x0455, 0x0457,
        0x0410, 0x0411, 0x0412, 0x0413, 0x0414, 0x0415, 0x0416, 0x0417,
        0x0418, 0x0419, 0x041a, 0x041b, 0x041c, 0x041d, 0x041e, 0x041f,
        0x0420, 0x0421, 0x0422, 0x0423, 0x0424, 0x0425, 0x0426, 0x0427,
        0x0428, 0x0429, 0x042a, 0x042b, 0x042c, 0x042d, 0x042e, 0x042f,
        0x0430, 0x0431, 0x0432, 0x0433, 0x0434, 0x0435, 0x0436, 0x0437,
        0x0438, 0x0439, 0x043a, 0x043b, 0x043c, 0x043d, 0x043e, 0x043f,
        0x0440, 0x0441, 0x0442, 0x0443, 0x0444, 0x0445, 0x0446, 0x0447,
        0x0448, 0x0449, 0x044a, 0x044b, 0x044c, 0x044d, 0x044e, 0x044f,
    },
    /* KOI8-U (Ukrainian: KOI8-R with ye, i, yi and ghe with upturn) */
    {
        0x2500, 0x2502, 0x250c, 0x2510, 0x2514, 0x2518, 0x251c, 0x2524,
        0x252c, 0x2534, 0x253c, 0x2580, 0x2584, 0x2588, 0x258c, 0x2590,
        0x2591, 0x2592, 0x2593, 0x2320, 0x25a0, 0x2219, 0x221a, 0x2248,
        0x2264, 0x2265, 0x00a0, 0x2321, 0x00b0, 0x00b2, 0x00b7, 0x00f7,
        0x2550, 0x2551, 0x2552, 0x0451, 0x0454, 0x2554, 0x0456, 0x0457,
        0x2557, 0x2558, 0x2559, 0x255a, 0x255b, 0x0491, 0x255d, 0x255e,
        0x255f, 0x2560, 0x2561, 0x0401, 0x0404, 0x2563, 0x0406, 0x0407,
        0x2566, 0x2567, 0x2568, 0x2569, 0x256a, 0x0490, 0x256c, 0x00a9,
        0x044e, 0x0430, 0x0431, 0x0446, 0x0434, 0x0435, 0x0444, 0x0433,
        0x0445, 0x0438, 0x0439, 0x043a, 0x043b, 0x043c, 0x043d, 0x043e,
        0x043f, 0x044f, 0x0440, 0x0441, 0x0442, 0x0443, 0x0436, 0x0432,
        0x044c, 0x044b, 0x0437, 0x0448, 0x044d, 0x0449, 0x0447, 0x044a,
        0x042e, 0x0410, 0x0411, 0x0426, 0x0414, 0x0415, 0x0424, 0x0413,
        0x0425, 0x0418, 0x0419, 0x041a, 0x041b, 0x041c, 0x041d, 0x041e,
        0x041f, 0x042f, 0x0420, 0x0421, 0x0422, 0x0423, 0x0416, 0x0412,
        0x042c, 0x042b, 0x0417, 0x0428, 0x042d, 0x0429, 0x0427, 0x042a,
    },
    /* ISO-8859-5 (Cyrillic, as some older servers label it) */
    {
        0x0020, 0x0020, 0x0020, 0x0020, 0x0020, 0x0020, 0x0020, 0x0020,
        0x0020, 0x0020, 0x0020, 0x0020, 0x0020, 0x0020, 0x0020, 0x0020,
        0x0020, 0x0020, 0x0020, 0x0020, 0x0020, 0x0020, 0x0020, 0x0020,
        0x0020, 0x0020, 0x0020, 0x0020, 0x0020, 0x0020, 0x0020, 0x0020,
        0x00a0, 0x0401, 0x0402, 0x0403, 0x0404, 0x0405, 0x0406, 0x0407,
        0x0408, 0x0409, 0x040a, 0x040b, 0x040c, 0x00ad, 0x040e, 0x040f,
        0x0410, 0x0411, 0x0412, 0x0413, 0x0414, 0x0415, 0x0416, 0x0417,
        0x0418, 0x0419, 0x041a, 0x041b, 0x041c, 0x041d, 0x041e, 0x041f,
        0x0420, 0x0421, 0x0422, 0x0423, 0x0424, 0x0425, 0x0426, 0x0427,
        0x0428, 0x0429, 0x042a, 0x042b, 0x042c, 0x042d, 0x042e, 0x042f,
        0x0430, 0x0431, 0x0432, 0x0433, 0x0434, 0x0435, 0x0436, 0x0437,
        0x0438, 0x0439, 0x043a, 0x043b, 0x043c, 0x043d, 0x043e, 0x043f,
        0x0440, 0x0441, 0x0442, 0x0443, 0x0444, 0x0445, 0x0446, 0x0447,
        0x0448, 0x0449, 0x044a, 0x044b, 0x044c, 0x044d, 0x044e, 0x044f,
        0x2116, 0x0451, 0x0452, 0x0453, 0x0454, 0x0455, 0x0456, 0x0457,
        0x0458, 0x0459, 0x045a, 0x045b, 0x045c, 0x00a7, 0x045e, 0x045f,
    },
    /* ISO-8859-7 (Greek) */
    {
        0x0020, 0x0020, 0x0020, 0x0020, 0x0020, 0x0020, 0x0020, 0x0020,
        0x0020, 0x0020, 0x0020, 0x0020, 0x0020, 0x0020, 0x0020, 0x0020,
        0x0020, 0x0020, 0x0020, 0x0020, 0x0020, 0x0020, 0x0020, 0x0020,
        0x0020, 0x0020, 0x0020, 0x0020, 0x0020, 0x0020, 0x0020, 0x0020,
        0x00a0, 0x2018, 0x2019, 0x00a3, 0x20ac, 0x20af, 0x00a6, 0x00a7,
        0x00a8, 0x00a9, 0x037a, 0x00ab, 0x00ac, 0x00ad, 0x0020, 0x2015,
        0x00b0, 0x00b1, 0x00b2, 0x00b3, 0x0384, 0x0385, 0x0386, 0x00b7,
        0x0388, 0x0389, 0x038a, 0x00bb, 0x038c, 0x00bd, 0x038e, 0x038f,
        0x0390, 0x0391, 0x0392, 0x0393, 0x0394, 0x0395, 0x0396, 0x0397,
        0x0398, 0x0399, 0x039a, 0x039b, 0x039c, 0x039d, 0x039e, 0x039f,
        0x03a0, 0x03a1, 0x0020, 0x03a3, 0x03a4, 0x03a5, 0x03a6, 0x03a7,
        0x03a8, 0x03a9, 0x03aa, 0x03ab, 0x03ac, 0x03ad, 0x03ae, 0x03af,
        0x03b0, 0x03b1, 0x03b2, 0x03b3, 0x03b4, 0x03b5, 0x03b6, 0x03b7,
        0x03b8, 0x03b9, 0x03ba, 0x03bb, 0x03bc, 0x03bd, 0x03be, 0x03bf,
        0x03c0, 0x03c1, 0x03c2, 0x03c3, 0x03c4, 0x03c5, 0x03c6, 0x03c7,
        0x03c8, 0x03c9, 0x03ca, 0x03cb, 0x03cc, 0x03cd, 0x03ce, 0x0020,
    },
    /* windows-1253 (Greek) */
    {
        0x20ac, 0x0020, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
        0x0020, 0x2030, 0x0020, 0x2039, 0x0020, 0x0020, 0x0020, 0x0020,
        0x0020, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
        0x0020, 0x2122, 0x0020, 0x203a, 0x0020, 0x0020, 0x0020, 0x0020,
        0x00a0, 0x0385, 0x0386, 0x00a3, 0x00a4, 0x00a5, 0x00a6, 0x00a7,
        0x00a8, 0x00a9, 0x0020, 0x00ab, 0x00ac, 0x00ad, 0x00ae, 0x2015,
        0x00b0, 0x00b1, 0x00b2, 0x00b3, 0x0384, 0x00b5, 0x00b6, 0x00b7,
        0x0388, 0x0389, 0x038a, 0x00bb, 0x038c, 0x00bd, 0x038e, 0x038f,
        0x0390, 0x0391, 0x0392, 0x0393, 0x0394, 0x0395, 0x0396, 0x0397,
        0x0398, 0x0399, 0x039a, 0x039b, 0x039c, 0x039d, 0x039e, 0x039f,
        0x03a0, 0x03a1, 0x0020, 0x03a3, 0x03a4, 0x03a5, 0x03a6, 0x03a7,
        0x03a8, 0x03a9, 0x03aa, 0x03ab, 0x03ac, 0x03ad, 0x03ae, 0x03af,
        0x03b0, 0x03b1, 0x03b2, 0x03b3, 0x03b4, 0x03b5, 0x03b6, 0x03b7,
        0x03b8, 0x03b9, 0x03ba, 0x03bb, 0x03bc, 0x03bd, 0x03be, 0x03bf,
        0x03c0, 0x03c1, 0x03c2, 0x03c3, 0x03c4, 0x03c5, 0x03c6, 0x03c7,
        0x03c8, 0x03c9, 0x03ca, 0x03cb, 0x03cc, 0x03cd, 0x03ce, 0x0020,
    },
    /* windows-1255 (Hebrew) */
    {
        0x20ac, 0x0020, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
        0x02c6, 0x2030, 0x0020, 0x2039, 0x0020, 0x0020, 0x0020, 0x0020,
        0x0020, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
        0x02dc, 0x2122, 0x0020, 0x203a, 0x0020, 0x0020, 0x0020, 0x0020,
        0x00a0, 0x00a1, 0x00a2, 0x00a3, 0x20aa, 0x00a5, 0x00a6, 0x00a7,
        0x00a8, 0x00a9, 0x00d7, 0x00ab, 0x00ac, 0x00ad, 0x00ae, 0x00af,
        0x00b0, 0x00b1, 0x00b2, 0x00b3, 0x00b4, 0x00b5, 0x00b6, 0x00b7,
        0x00b8, 0x00b9, 0x00f7, 0x00bb, 0x00bc, 0x00bd, 0x00be, 0x00bf,
        0x05b0, 0x05b1, 0x05b2, 0x05b3, 0x05b4, 0x05b5, 0x05b6, 0x05b7,
        0x05b8, 0x05b9, 0x0020, 0x05bb, 0x05bc, 0x05bd, 0x05be, 0x05bf,
        0x05c0, 0x05c1, 0x05c2, 0x05c3, 0x05f0, 0x05f1, 0x05f2, 0x05f3,
        0x05f4, 0x0020, 0x0020, 0x0020, 0x0020, 0x0020, 0x0020, 0x0020,
        0x05d0, 0x05d1, 0x05d2, 0x05d3, 0x05d4, 0x05d5, 0x05d6, 0x05d7,
        0x05d8, 0x05d9, 0x05da, 0x05db, 0x05dc, 0x05dd, 0x05de, 0x05df,
        0x05e0, 0x05e1, 0x05e2, 0x05e3, 0x05e4, 0x05e5, 0x05e6, 0x05e7,
        0x05e8, 0x05e9, 0x05ea, 0x0020, 0x0020, 0x200e, 0x200f, 0x0020,
    },
    /* ISO-8859-8 (Hebrew; ISO-8859-8-I is the same bytes in logical order) */
    {
        0x0020, 0x0020, 0x0020, 0x0020, 0x0020, 0x0020, 0x0020, 0x0020,
        0x0020, 0x0020, 0x0020, 0x0020, 0x0020, 0x0020, 0x0020, 0x0020,
        0x0020, 0x0020, 0x0020, 0x0020, 0x0020, 0x0020, 0x0020, 0x0020,
        0x0020, 0x0020, 0x0020, 0x0020, 0x0020, 0x0020, 0x0020, 0x0020,
        0x00a0, 0x0020, 0x00a2, 0x00a3, 0x00a4, 0x00a5, 0x00a6, 0x00a7,
        0x00a8, 0x00a9, 0x00d7, 0x00ab, 0x00ac, 0x00ad, 0x00ae, 0x00af,
        0x00b0, 0x00b1, 0x00b2, 0x00b3, 0x00b4, 0x00b5, 0x00b6, 0x00b7,
        0x00b8, 0x00b9, 0x00f7, 0x00bb, 0x00bc, 0x00bd, 0x00be, 0x0020,
        0x0020, 0x0020, 0x0020, 0x0020, 0x0020, 0x0020, 0x0020, 0x0020,
        0x0020, 0x0020, 0x0020, 0x0020, 0x0020, 0x0020, 0x0020, 0x0020,
        0x0020, 0x0020, 0x0020, 0x0020, 0x0020, 0x0020, 0x0020, 0x0020,
        0x0020, 0x0020, 0x0020, 0x0020, 0x0020, 0x0020, 0x0020, 0x2017,
        0x05d0, 0x05d1, 0x05d2, 0x05d3, 0x05d4, 0x05d5, 0x05d6, 0x05d7,
        0x05d8, 0x05d9, 0x05da, 0x05db, 0x05dc, 0x05dd, 0x05de, 0x05df,
        0x05e0, 0x05e1, 0x05e2, 0x05e3, 0x05e4, 0x05e5, 0x05e6, 0x05e7,
        0x05e8, 0x05e9, 0x05ea, 0x0020, 0x0020, 0x200e, 0x200f, 0x0020,
    },
    /* windows-1256 (Arabic) */
    {
        0x20ac, 0x067e, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
        0x02c6, 0x2030, 0x0679, 0x2039, 0x0152, 0x0686, 0x0698, 0x0688,
        0x06af, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
        0x06a9, 0x2122, 0x0691, 0x203a, 0x0153, 0x200c, 0x200d, 0x06ba,
        0x00a0, 0x060c, 0x00a2, 0x00a3, 0x00a4, 0x00a5, 0x00a6, 0x00a7,
        0x00a8, 0x00a9, 0x06be, 0x00ab, 0x00ac, 0x00ad, 0x00ae, 0x00af,
        0x00b0, 0x00b1, 0x00b2, 0x00b3, 0x00b4, 0x00b5, 0x00b6, 0x00b7,
        0x00b8, 0x00b9, 0x061b, 0x00bb, 0x00bc, 0x00bd, 0x00be, 0x061f,
        0x06c1, 0x0621, 0x0622, 0x0623, 0x0624, 0x0625, 0x0626, 0x0627,
        0x0628, 0x0629, 0x062a, 0x062b, 0x062c, 0x062d, 0x062e, 0x062f,
        0x0630, 0x0631, 0x0632, 0x0633, 0x0634, 0x0635, 0x0636, 0x00d7,
        0x0637, 0x0638, 0x0639, 0x063a, 0x0640, 0x0641, 0x0642, 0x0643,
        0x00e0, 0x0644, 0x00e2, 0x0645, 0x0646, 0x0647, 0x0648, 0x00e7,
        0x00e8, 0x00e9, 0x00ea, 0x00eb, 0x0649, 0x064a, 0x00ee, 0x00ef,
        0x064b, 0x064c, 0x064d, 0x064e, 0x00f4, 0x064f, 0x0650, 0x00f7,
        0x0651, 0x00f9, 0x0652, 0x00fb, 0x00fc, 0x200e, 0x200f, 0x06d2,
    },
    /* ISO-8859-6 (Arabic) */
    {
        0x0020, 0x0020, 0x0020, 0x0020, 0x0020, 0x0020, 0x0020, 0x0020,
        0x0020, 0x0020, 0x0020, 0x0020, 0x0020, 0x0020, 0x0020, 0x0020,
        0x0020, 0x0020, 0x0020, 0x0020, 0x0020, 0x0020, 0x0020, 0x0020,
        0x0020, 0x0020, 0x0020, 0x0020, 0x0020, 0x0020, 0x0020, 0x0020,
        0x00a0, 0x0020, 0x0020, 0x0020, 0x00a4, 0x0020, 0x0020, 0x0020,
        0x0020, 0x0020, 0x0020, 0x0020, 0x060c, 0x00ad, 0x0020, 0x0020,
        0x0020, 0x0020, 0x0020, 0x0020, 0x0020, 0x0020, 0x0020, 0x0020,
        0x0020, 0x0020, 0x0020, 0x061b, 0x0020, 0x0020, 0x0020, 0x061f,
        0x0020, 0x0621, 0x0622, 0x0623, 0x0624, 0x0625, 0x0626, 0x0627,
        0x0628, 0x0629, 0x062a, 0x062b, 0x062c, 0x062d, 0x062e, 0x062f,
        0x0630, 0x0631, 0x0632, 0x0633, 0x0634, 0x0635, 0x0636, 0x0637,
        0x0638, 0x0639, 0x063a, 0x0020, 0x0020, 0x0020, 0x0020, 0x0020,
        0x0640, 0x0641, 0x0642, 0x0643, 0x0644, 0x0645, 0x0646, 0x0647,
        0x0648, 0x0649, 0x064a, 0x064b, 0x064c, 0x064d, 0x064e, 0x064f,
        0x0650, 0x0651, 0x0652, 0x0020, 0x0020, 0x0020, 0x0020, 0x0020,
        0x0020, 0x0020, 0x0020, 0x0020, 0x0020, 0x0020, 0x0020, 0x0020,
    },
};

/* The names a charset goes by (lower case, as IANA and the mail clients
 * write them), with their lengths, so that a name is compared only with
 * those of its length. */
#define CS_NAME(s, cs) {(s), sizeof(s) - 1, (cs)}
static const struct {
    const char *name;
    size_t len;
    int cs;
} cs_names[] = {
    CS_NAME("iso-8859-1", CS_LATIN1),
    CS_NAME("iso-8859-15", CS_LATIN1),
    CS_NAME("iso_8859-1", CS_LATIN1),
    CS_NAME("latin1", CS_LATIN1),
    CS_NAME("latin-1", CS_LATIN1),
    CS_NAME("windows-1252", CS_LATIN1),
    CS_NAME("cp1252", CS_LATIN1),
    CS_NAME("iso-8859-2", CS_TABLE),
    CS_NAME("iso_8859-2", CS_TABLE),
    CS_NAME("latin2", CS_TABLE),
    CS_NAME("latin-2", CS_TABLE),
    CS_NAME("windows-1250", CS_TABLE + 1),
    CS_NAME("cp1250", CS_TABLE + 1),
    CS_NAME("iso-8859-9", CS_TABLE + 2),
    CS_NAME("iso_8859-9", CS_TABLE + 2),
    CS_NAME("latin5", CS_TABLE + 2),
    CS_NAME("latin-5", CS_TABLE + 2),
    CS_NAME("windows-1254", CS_TABLE + 3),
    CS_NAME("cp1254", CS_TABLE + 3),
    CS_NAME("koi8-r", CS_TABLE + 4),
    CS_NAME("windows-1251", CS_TABLE + 5),
    CS_NAME("cp1251", CS_TABLE + 5),
    CS_NAME("koi8-u", CS_TABLE + 6),
    CS_NAME("iso-8859-5", CS_TABLE + 7),
    CS_NAME("iso_8859-5", CS_TABLE + 7),
    CS_NAME("iso-8859-7", CS_TABLE + 8),
    CS_NAME("iso_8859-7", CS_TABLE + 8),
    CS_NAME("greek", CS_TABLE + 8),
    CS_NAME("windows-1253", CS_TABLE + 9),
    CS_NAME("cp1253", CS_TABLE + 9),
    CS_NAME("windows-1255", CS_TABLE + 10),
    CS_NAME("cp1255", CS_TABLE + 10),
    CS_NAME("iso-8859-8", CS_TABLE + 11),
    CS_NAME("iso_8859-8", CS_TABLE + 11),
    CS_NAME("iso-8859-8-i", CS_TABLE + 11),
    CS_NAME("iso_8859-8-i", CS_TABLE + 11),
    CS_NAME("iso-8859-8-e", CS_TABLE + 11),
    CS_NAME("hebrew", CS_TABLE + 11),
    CS_NAME("windows-1256", CS_TABLE + 12),
    CS_NAME("cp1256", CS_TABLE + 12),
    CS_NAME("iso-8859-6", CS_TABLE + 13),
    CS_NAME("iso_8859-6", CS_TABLE + 13),
    CS_NAME("iso-8859-6-i", CS_TABLE + 13),
    CS_NAME("iso-8859-6-e", CS_TABLE + 13),
    CS_NAME("arabic", CS_TABLE + 13),
    CS_NAME("asmo-708", CS_TABLE + 13),
    CS_NAME("shift_jis", CS_SJIS),
    CS_NAME("shift-jis", CS_SJIS),
    CS_NAME("sjis", CS_SJIS),
    CS_NAME("x-sjis", CS_SJIS),
    CS_NAME("windows-31j", CS_SJIS),
    CS_NAME("cp932", CS_SJIS),
    CS_NAME("ms_kanji", CS_SJIS),
    CS_NAME("euc-jp", CS_EUCJP),
    CS_NAME("x-euc-jp", CS_EUCJP),
    CS_NAME("eucjp", CS_EUCJP),
    CS_NAME("gb2312", CS_GBK),
    CS_NAME("gb_2312-80", CS_GBK),
    CS_NAME("csgb2312", CS_GBK),
    CS_NAME("euc-cn", CS_GBK),
    CS_NAME("x-euc-cn", CS_GBK),
    CS_NAME("chinese", CS_GBK),
    CS_NAME("gbk", CS_GBK),
    CS_NAME("x-gbk", CS_GBK),
    CS_NAME("cp936", CS_GBK),
    CS_NAME("ms936", CS_GBK),
    CS_NAME("windows-936", CS_GBK),
    CS_NAME("gb18030", CS_GBK),
    CS_NAME("gb18030-2000", CS_GBK),
    CS_NAME("gb18030-2005", CS_GBK),
    CS_NAME("big5", CS_BIG5),
    CS_NAME("big-5", CS_BIG5),
    CS_NAME("big-five", CS_BIG5),
    CS_NAME("x-big5", CS_BIG5),
    CS_NAME("csbig5", CS_BIG5),
    CS_NAME("cn-big5", CS_BIG5),
    CS_NAME("big5-hkscs", CS_BIG5),
    CS_NAME("big5hkscs", CS_BIG5),
    CS_NAME("cp950", CS_BIG5),
    CS_NAME("ms950", CS_BIG5),
    CS_NAME("windows-950", CS_BIG5),
    CS_NAME("euc-kr", CS_UHC),
    CS_NAME("euckr", CS_UHC),
    CS_NAME("x-euc-kr", CS_UHC),
    CS_NAME("cseuckr", CS_UHC),
    CS_NAME("ks_c_5601-1987", CS_UHC),
    CS_NAME("ks_c_5601-1989", CS_UHC),
    CS_NAME("ksc_5601", CS_UHC),
    CS_NAME("ksc5601", CS_UHC),
    CS_NAME("korean", CS_UHC),
    CS_NAME("cp949", CS_UHC),
    CS_NAME("ms949", CS_UHC),
    CS_NAME("windows-949", CS_UHC),
    CS_NAME("uhc", CS_UHC),
    CS_NAME("x-windows-949", CS_UHC),
    CS_NAME("iso-2022-kr", CS_KR2022),
    CS_NAME("csiso2022kr", CS_KR2022),
    CS_NAME("euc-tw", CS_CJK),
};
#undef CS_NAME

int ndr_charset_id(const char *s, size_t n)
{
    unsigned char c;
    /* the commonest labels need no recoding: they answer at once */
    if ((n == 5 && ndr_ci_cmpn(s, 5, "utf-8") == 0) ||
        (n == 8 && ndr_ci_cmpn(s, 8, "us-ascii") == 0) || n == 0)
        return CS_NONE;
    c = ndr_lower((unsigned char)s[0]);
    for (size_t i = 0; i < sizeof cs_names / sizeof cs_names[0]; i++)
        if (cs_names[i].len == n && (unsigned char)cs_names[i].name[0] == c &&
            ndr_ci_cmpn(s, n, cs_names[i].name) == 0)
            return cs_names[i].cs;
    return CS_NONE;
}

/* The code point of the two-byte Japanese character at IN[0..N) (IN[0]
 * is 0x80 or above) in CS (CS_SJIS or CS_EUCJP), and the bytes it takes
 * in *USED: U+FFFD for a byte or pair that names no character (user-
 * defined areas, JIS X 0212). */
static unsigned jp_char(int cs, const unsigned char *in, size_t n,
                        size_t *used)
{
    unsigned c = in[0], c2 = n > 1 ? in[1] : 0, row, col;
    *used = 1;
    if (cs == CS_SJIS) {
        if (c >= 0xa1 && c <= 0xdf)
            return 0xff61 + (c - 0xa1); /* half-width katakana */
        if (!((c >= 0x81 && c <= 0x9f) || (c >= 0xe0 && c <= 0xef)) ||
            c2 < 0x40 || c2 == 0x7f || c2 > 0xfc)
            return 0xfffd;
        *used = 2;
        row = (c - (c <= 0x9f ? 0x81u : 0xc1u)) * 2 + 1;
        if (c2 >= 0x9f) {
            row++;
            col = c2 - 0x9e;
        } else {
            col = c2 - (c2 >= 0x80 ? 0x40u : 0x3fu);
        }
    } else {
        if (c == 0x8e) { /* SS2: half-width katakana */
            if (c2 < 0xa1 || c2 > 0xdf)
                return 0xfffd;
            *used = 2;
            return 0xff61 + (c2 - 0xa1);
        }
        if (c == 0x8f) { /* SS3: JIS X 0212, not decoded */
            *used = n > 2 ? 3 : n;
            return 0xfffd;
        }
        if (c < 0xa1 || c > 0xfe || c2 < 0xa1 || c2 > 0xfe)
            return 0xfffd;
        *used = 2;
        row = c - 0xa0;
        col = c2 - 0xa0;
    }
    if (row < 1 || row > 94 || col < 1 || col > 94 ||
        ndr_jis0208[row - 1][col - 1] == 0)
        return 0xfffd;
    return ndr_jis0208[row - 1][col - 1];
}

/* The code point of GB18030's four-byte sequence B1 B2 B3 B4 (B1 and B3
 * 0x81..0xfe, B2 and B4 0x30..0x39), U+FFFD if it names none.  Its pointer
 * (((B1 - 0x81) * 10 + B2 - 0x30) * 126 + B3 - 0x81) * 10 + B4 - 0x30
 * counts the characters of the BMP that have no two-byte form in code
 * point order, in runs found by a binary search of ndr_cjk_gb18030_ranges
 * (from data/gb18030.csv), then those beyond the BMP from pointer 189000
 * on. */
static unsigned gb18030_char(unsigned b1, unsigned b2, unsigned b3,
                             unsigned b4)
{
    unsigned long ptr =
        (((b1 - 0x81) * 10ul + (b2 - 0x30)) * 126ul + (b3 - 0x81)) * 10ul +
        (b4 - 0x30);
    size_t lo = 0, hi = ndr_cjk_gb18030_nranges;
    if (ptr >= 189000ul && ptr <= 189000ul + 0xfffff)
        return (unsigned)(0x10000 + (ptr - 189000ul));
    /* the last run starting at or before ptr: lo ends just past it */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (ndr_cjk_gb18030_ranges[mid][0] <= ptr)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0 || ptr - ndr_cjk_gb18030_ranges[lo - 1][0] >=
                       ndr_cjk_gb18030_ranges[lo - 1][2])
        return 0xfffd;
    return ndr_cjk_gb18030_ranges[lo - 1][1] +
           (unsigned)(ptr - ndr_cjk_gb18030_ranges[lo - 1][0]);
}

/* The code point of the Chinese or Korean character at IN[0..N) (IN[0] is
 * 0x80 or above) in CS (CS_GBK, CS_BIG5 or CS_UHC), and the bytes it
 * takes in *USED.  A lead byte is 0x81..0xfe and its trail 0x40..0xfe; a
 * pair the table leaves empty is U+FFFD.  As the WHATWG Encoding Standard
 * reads them, a trail that is an ASCII byte is not eaten by a lead it does
 * not complete (a lone lead byte before "<a@b>" keeps the '<'), while a
 * non-ASCII one is.  GBK: 0x80 is the euro sign (code page 936), and
 * GB18030's four-byte sequences (lead, digit, lead, digit) are read as
 * gb18030_char reads them. */
static unsigned cjk_char(int cs, const unsigned char *in, size_t n,
                         size_t *used)
{
    const unsigned short (*tab)[191] =
        cs == CS_GBK ? ndr_cjk_gbk : cs == CS_BIG5 ? ndr_cjk_big5 : ndr_cjk_uhc;
    unsigned c = in[0], c2 = n > 1 ? in[1] : 0;
    *used = 1;
    if (cs == CS_GBK && c == 0x80)
        return 0x20ac;
    if (c < 0x81 || c > 0xfe || n < 2)
        return 0xfffd;
    if (cs == CS_GBK && c2 >= 0x30 && c2 <= 0x39) {
        if (n >= 4 && in[2] >= 0x81 && in[2] <= 0xfe && in[3] >= 0x30 &&
            in[3] <= 0x39) {
            *used = 4;
            return gb18030_char(c, c2, in[2], in[3]);
        }
        return 0xfffd;
    }
    if (c2 >= 0x40 && c2 <= 0xfe && tab[c - 0x81][c2 - 0x40] != 0) {
        *used = 2;
        return tab[c - 0x81][c2 - 0x40];
    }
    if (c2 >= 0x80)
        *used = 2;
    return 0xfffd;
}

size_t ndr_recode(int cs, const char *in, size_t n, char *out, size_t cap)
{
    size_t o = 0, used;
    if (cs == CS_KR2022) /* seven bits, with shifts */
        return ndr_kr_decode_line(in, n, out, cap);
    for (size_t i = 0; i < n && o + 3 < cap; i += used) {
        unsigned char c = (unsigned char)in[i];
        unsigned u;
        used = 1;
        if (c < 0x80) {
            out[o++] = (char)c;
            continue;
        }
        if (cs == CS_SJIS || cs == CS_EUCJP) {
            u = jp_char(cs, (const unsigned char *)in + i, n - i, &used);
        } else if (cs == CS_GBK || cs == CS_BIG5 || cs == CS_UHC) {
            u = cjk_char(cs, (const unsigned char *)in + i, n - i, &used);
        } else if (cs == CS_CJK) {
            /* a lead byte and its trail (0x40 and above, or a digit of
             * GB18030's four-byte forms, which read as two pairs) */
            u = 0xfffd;
            if (i + 1 < n && (unsigned char)in[i + 1] >= 0x30)
                used = 2;
        } else if (cs >= CS_TABLE && (size_t)(cs - CS_TABLE) <
                                         sizeof cs_tables / sizeof cs_tables[0]) {
            u = cs_tables[cs - CS_TABLE][c - 0x80];
        } else {
            u = c < 0xa0 ? 0x20 : c; /* C1 / windows-1252 punctuation */
        }
        if (u < 0x80) {
            out[o++] = (char)u;
        } else if (u < 0x800) {
            out[o++] = (char)(0xc0 | (u >> 6));
            out[o++] = (char)(0x80 | (u & 0x3f));
        } else if (u < 0x10000) {
            out[o++] = (char)(0xe0 | (u >> 12));
            out[o++] = (char)(0x80 | ((u >> 6) & 0x3f));
            out[o++] = (char)(0x80 | (u & 0x3f));
        } else { /* GB18030 beyond the BMP: four bytes from four */
            out[o++] = (char)(0xf0 | (u >> 18));
            out[o++] = (char)(0x80 | ((u >> 12) & 0x3f));
            out[o++] = (char)(0x80 | ((u >> 6) & 0x3f));
            out[o++] = (char)(0x80 | (u & 0x3f));
        }
    }
    return o;
}

/* Parse a Content-Type value into the part: type/subtype and boundary. */
static void parse_content_type(ndr_parser *p, const char *v, size_t n)
{
    size_t i = 0, k = 0;
    while (i < n && ndr_isspace((unsigned char)v[i]))
        i++;
    while (i < n && v[i] != ';' && !ndr_isspace((unsigned char)v[i]) &&
           k + 1 < sizeof p->ctype)
        p->ctype[k++] = (char)ndr_lower((unsigned char)v[i++]);
    p->ctype[k] = '\0';
    /* parameters: look for boundary= */
    while (i < n) {
        size_t ns, ne;
        while (i < n && v[i] != ';')
            i++;
        if (i >= n)
            break;
        i++;
        while (i < n && ndr_isspace((unsigned char)v[i]))
            i++;
        ns = i;
        while (i < n && v[i] != '=' && v[i] != ';')
            i++;
        ne = i;
        while (ne > ns && ndr_isspace((unsigned char)v[ne - 1]))
            ne--;
        if (i >= n || v[i] != '=')
            continue;
        i++;
        while (i < n && ndr_isspace((unsigned char)v[i]))
            i++;
        if (name_is(v + ns, ne - ns, "charset")) {
            size_t cs = i + (i < n && v[i] == '"'), ce = cs;
            while (ce < n && v[ce] != '"' && v[ce] != ';' &&
                   !ndr_isspace((unsigned char)v[ce]))
                ce++;
            p->latin1 = ndr_charset_id(v + cs, ce - cs);
        }
        if (name_is(v + ns, ne - ns, "boundary")) {
            size_t bs, be;
            if (i < n && v[i] == '"') {
                bs = ++i;
                while (i < n && v[i] != '"')
                    i++;
                be = i;
            } else {
                bs = i;
                while (i < n && v[i] != ';' && !ndr_isspace((unsigned char)v[i]))
                    i++;
                be = i;
            }
            if (be - bs == 0 || be - bs > NDR_BOUNDARY_MAX) {
                p->boundary_bad = 1;
            } else {
                memcpy(p->boundary, v + bs, be - bs);
                p->blen = be - bs;
                p->boundary[p->blen] = '\0';
            }
        }
    }
}

static void part_field(ndr_parser *p, enum hdr_id id, const char *val,
                       size_t vlen)
{
    if (id == HDR_CONTENT_TYPE) {
        parse_content_type(p, val, vlen);
    } else if (id == HDR_CONTENT_TRANSFER_ENCODING) {
        size_t i = 0;
        while (i < vlen && ndr_isspace((unsigned char)val[i]))
            i++;
        if (ndr_ci_find(val + i, vlen - i, "base64", 6) == val + i)
            p->enc = ENC_B64;
        else if (ndr_ci_find(val + i, vlen - i, "quoted-printable", 16) ==
                 val + i)
            p->enc = ENC_QP;
        else
            p->enc = ENC_NONE;
    }
}

/* Is a field named ID read?  The content fields of every part; in the
 * message's own header, every field with a name the scanner knows. */
static int field_wanted(const ndr_parser *p, enum hdr_id id)
{
    return id == HDR_CONTENT_TYPE || id == HDR_CONTENT_TRANSFER_ENCODING ||
           (p->top && id != HDR_OTHER) ||
           (p->attached == 1 && (id == HDR_FROM || id == HDR_TO));
}

/* A complete (unfolded) header field of the current part. */
static void finish_field(ndr_parser *p)
{
    size_t colon = p->hdr_colon, vs;
    if (p->hdr_skip) {
        /* a field no one reads: the message's header still counts it */
        p->hdr_skip = 0;
        if (p->top)
            ndr_scan_top_header(p, HDR_OTHER, NULL, 0, NULL, 0);
        return;
    }
    if (p->hdr_len == 0)
        return;
    vs = colon + 1;
    while (vs < p->hdr_len && ndr_isblank((unsigned char)p->hdr[vs]))
        vs++;
    part_field(p, p->hdr_id, p->hdr + vs, p->hdr_len - vs);
    if (p->top)
        ndr_scan_top_header(p, p->hdr_id, p->hdr, colon, p->hdr + vs,
                            p->hdr_len - vs);
    else if (p->attached == 1)
        ndr_scan_attached_header(p, p->hdr_id, p->hdr + vs, p->hdr_len - vs);
    p->hdr_len = 0;
}

/* ---- MIME structure ----------------------------------------------------- */

static int type_is(const ndr_parser *p, const char *t)
{
    return strcmp(p->ctype, t) == 0;
}

static int type_prefix(const ndr_parser *p, const char *t)
{
    return strncmp(p->ctype, t, strlen(t)) == 0;
}

static void push_level(ndr_parser *p)
{
    mime_level *l;
    if (p->depth >= p->opt.max_depth) {
        p->skip_depth++;
        p->kind = PART_SKIP;
        return;
    }
    if (p->depth == p->stack_cap) {
        size_t ncap = p->stack_cap ? p->stack_cap * 2 : 4;
        mime_level *ns;
        if (ncap > p->opt.max_depth)
            ncap = p->opt.max_depth;
        ns = ndr_realloc(p, p->stack, ncap * sizeof *ns);
        if (ns == NULL)
            return;
        p->stack = ns;
        p->stack_cap = ncap;
    }
    l = &p->stack[p->depth++];
    memcpy(l->boundary, p->boundary, p->blen + 1);
    l->blen = p->blen;
    l->digest = type_is(p, "multipart/digest");
}

static void begin_part(ndr_parser *p, int digest);

/* The headers of a part (or of the message) are complete: decide what its
 * body is. */
static void end_headers(ndr_parser *p)
{
    finish_field(p);
    p->in_header = 0;
    p->decoded = 0;
    memset(&p->b64, 0, sizeof p->b64);
    p->html_tag = 0;
    p->html_skip = 0;
    if (p->top) {
        p->top = 0;
        if (type_is(p, "multipart/report"))
            p->hdr_report = 1;
    }
    /* the header of an attached message that may be the bounce is over:
     * when it is no bounce's, the rest is the original's */
    if (p->attached == 1 &&
        !ndr_scan_attached_end(p, type_is(p, "multipart/report"))) {
        p->kind = PART_ORIGINAL;
        p->returned = 1;
        return;
    }
    if (p->attached == 0 && p->hdr_bounce && !p->hdr_report &&
        (type_is(p, "message/rfc822") || type_is(p, "message/global")) &&
        ndr_scan_nothing_read(p)) {
        /* A bounce whose text said nothing yet, with a message attached:
         * a notice that sends a bounce on as an attachment (Sisimai's
         * X5), or a bounce a person forwarded as an attachment.  Its
         * header decides whether it is the bounce, which is then read
         * as the message's own parts; else it is the original. */
        p->attached = 1;
        p->attached_bounce = 0;
        begin_part(p, 0);
        return;
    }
    if (type_prefix(p, "multipart/") && p->blen > 0 && !p->boundary_bad) {
        push_level(p);
        if (p->kind != PART_SKIP)
            p->kind = PART_TEXT; /* the preamble: read, in case the
                                    boundary never comes */
        p->enc = ENC_NONE;
    } else if (type_is(p, "text/plain")) {
        p->kind = PART_TEXT; /* the commonest part: known at once */
        p->seen_plain = 1;
    } else if (type_is(p, "message/delivery-status") ||
               type_is(p, "message/global-delivery-status")) {
        p->kind = PART_DSN;
    } else if (type_is(p, "message/disposition-notification")) {
        p->kind = PART_SKIP;
        p->mdn = 1;
    } else if (type_is(p, "message/feedback-report")) {
        p->kind = PART_FEEDBACK;
        p->feedback = 1;
    } else if (type_is(p, "message/rfc822") || type_is(p, "message/global") ||
               type_is(p, "text/rfc822-headers") ||
               type_is(p, "text/rfc822-header") ||
               type_is(p, "message/rfc822-headers") ||
               type_is(p, "message/global-headers")) {
        p->kind = PART_ORIGINAL;
        p->orig_headers = 1;
        p->hdr_len = 0;
        p->returned = 1;
    } else if (type_is(p, "text/calendar")) {
        /* an invitation or its answer: calendar mail, no failure notice
         * (a returned invitation is in the original's part, not read) */
        p->kind = PART_SKIP;
        p->other_kind = 1;
    } else if (type_is(p, "text/html")) {
        p->kind = p->seen_plain ? PART_SKIP : PART_HTML;
    } else if (p->ctype[0] == '\0' || type_prefix(p, "text/") ||
               type_prefix(p, "multipart/")) {
        p->kind = PART_TEXT;
        if (type_is(p, "text/plain") || p->ctype[0] == '\0')
            p->seen_plain = 1;
    } else {
        p->kind = PART_SKIP;
    }
}

static void begin_part(ndr_parser *p, int digest)
{
    p->in_header = 1;
    p->hdr_len = 0;
    p->hdr_skip = 0;
    p->nheaders = 0;
    p->enc = ENC_NONE;
    p->blen = 0;
    p->boundary_bad = 0;
    p->orig_headers = 0;
    p->latin1 = 0;
    /* a constant of at most 15 bytes into 64 (insecureAPI.strcpy) */
    strcpy(p->ctype, digest ? "message/rfc822" : "text/plain");
    if (++p->nparts > p->opt.max_parts) {
        if (p->limit == NDR_OK)
            p->limit = NDR_LIMIT_PARTS;
        p->msg_dead = 1;
    }
}

/* Does LINE close or separate a level of the boundary stack?  Returns the
 * level + 1, or 0; *CLOSE says "--boundary--". */
static size_t match_boundary(const ndr_parser *p, const char *line,
                             size_t len, int *close)
{
    if (len < 3 || line[0] != '-' || line[1] != '-')
        return 0;
    for (size_t k = p->depth; k > 0; k--) {
        const mime_level *l = &p->stack[k - 1];
        size_t i;
        if (len < 2 + l->blen || memcmp(line + 2, l->boundary, l->blen) != 0)
            continue;
        i = 2 + l->blen;
        *close = 0;
        if (i + 2 <= len && line[i] == '-' &&
            line[i + 1] == '-') {
            *close = 1;
            i += 2;
        }
        while (i < len && ndr_isspace((unsigned char)line[i]))
            i++;
        if (i == len)
            return k;
    }
    return 0;
}

/* ---- leaf content ------------------------------------------------------- */

/* Content of an HTML body that is never text: the CSS of <style>, the
 * code of <script>, a comment.  Office 365 and other HTML bounces carry
 * long style sheets, which are neither findings nor worth the scan. */
enum html_skip { HTML_TEXT, HTML_STYLE, HTML_SCRIPT, HTML_COMMENT };

/* What ends each (searched for without regard to case). */
static const char *const html_skip_end[] = {"", "</style", "</script",
                                            "-->"};

/* Does the tag whose name starts at S (N bytes left on the line) open a
 * style sheet or a script?  Returns its enum html_skip. */
static int html_skip_element(const char *s, size_t n)
{
    static const struct { const char *name; size_t len; int kind; } el[] = {
        {"style", 5, HTML_STYLE}, {"script", 6, HTML_SCRIPT}};
    for (size_t k = 0; k < sizeof el / sizeof el[0]; k++)
        if (n >= el[k].len && ndr_ci_cmpn(s, el[k].len, el[k].name) == 0 &&
            (n == el[k].len || s[el[k].len] == '>' ||
             ndr_isspace((unsigned char)s[el[k].len])))
            return el[k].kind;
    return HTML_TEXT;
}

/* Does the tag whose name starts at S (after its '<'; N bytes left on the
 * line) break the line where a browser shows it: <br>, and the start or
 * end of a paragraph, a block, a list item or a table row?  Outlook
 * writes a forwarded header's From, Sent and To, and Exchange a
 * recipient and the sentence under it, on one source line split by
 * <br>. */
static int html_breaks_line(const char *s, size_t n)
{
    static const struct { const char *name; size_t len; } el[] = {
        {"br", 2}, {"p", 1}, {"div", 3}, {"tr", 2}, {"li", 2},
        {"table", 5}, {"blockquote", 10}, {"hr", 2}};
    if (n > 0 && s[0] == '/') {
        s++;
        n--;
    }
    for (size_t k = 0; k < sizeof el / sizeof el[0]; k++)
        if (n > el[k].len && ndr_ci_cmpn(s, el[k].len, el[k].name) == 0 &&
            (s[el[k].len] == '>' || s[el[k].len] == '/' ||
             ndr_isspace((unsigned char)s[el[k].len])))
            return 1;
    return 0;
}

/* Strip HTML tags and the common entities, then read the line as text.
 * Output stops at half the scratch space, wherever the line is then (a tag
 * still open stays open).  Runs of text are copied whole and a tag is
 * passed over with memchr.  LINE may itself be the scratch space (a
 * Latin-1 line recoded by leaf_line): the output never gets ahead of the
 * input (o <= i), so the text is moved, not copied. */
static void html_line(ndr_parser *p, const char *line, size_t len)
{
    static const struct { const char *ent; size_t len; char ch; } ents[] = {
        {"&lt;", 4, '<'}, {"&gt;", 4, '>'}, {"&amp;", 5, '&'},
        {"&nbsp;", 6, ' '}, {"&quot;", 6, '"'}, {"&#39;", 5, '\''}};
    size_t o = 0, i = 0, limit = p->scratch_cap / 2;
    char *out = p->scratch;
    int broke = 0; /* a line break was given: no blank line after it */
    while (i < len && o + 1 < limit) {
        if (p->html_tag) {
            const char *gt = memchr(line + i, '>', len - i);
            if (gt == NULL)
                break;
            i = (size_t)(gt - line) + 1;
            p->html_tag = 0;
            continue;
        }
        if (p->html_skip != HTML_TEXT) {
            const char *end = html_skip_end[p->html_skip];
            size_t elen = strlen(end);
            const char *e = ndr_ci_find(line + i, len - i, end, elen);
            if (e == NULL)
                break;
            i = (size_t)(e - line) + elen;
            /* the rest of "</style ...>" is a tag */
            p->html_tag = p->html_skip != HTML_COMMENT;
            p->html_skip = HTML_TEXT;
            continue;
        }
        {
            /* text up to the next '<' or '&', as far as the output goes */
            size_t run = i, room = limit - 1 - o;
            while (run < len && line[run] != '<' && line[run] != '&' &&
                   run - i < room)
                run++;
            memmove(out + o, line + i, run - i);
            o += run - i;
            i = run;
        }
        if (i >= len || o + 1 >= limit)
            break;
        if (line[i] == '<') {
            i++;
            if (len - i >= 3 && memcmp(line + i, "!--", 3) == 0) {
                p->html_skip = HTML_COMMENT;
                i += 3;
                continue;
            }
            /* a tag that breaks the line ends the text line: "a@b<br>The
             * email address ..." is two lines, as the reader sees it */
            if (o > 0 && html_breaks_line(line + i, len - i)) {
                ndr_scan_text_line(p, out, o);
                o = 0;
                broke = 1;
            }
            p->html_skip = html_skip_element(line + i, len - i);
            p->html_tag = 1;
            continue;
        }
        /* '&' */
        {
            size_t k;
            for (k = 0; k < sizeof ents / sizeof ents[0]; k++)
                if (len - i >= ents[k].len &&
                    ndr_ci_cmpn(line + i, ents[k].len, ents[k].ent) == 0)
                    break;
            if (k < sizeof ents / sizeof ents[0]) {
                out[o++] = ents[k].ch;
                i += ents[k].len;
            } else {
                out[o++] = '&';
                i++;
            }
        }
    }
    if (o > 0 || !broke)
        ndr_scan_text_line(p, out, o);
}

/* Is S[0..N) plain ASCII or valid UTF-8 (a mislabelled part)? */
static int utf8_or_ascii(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        size_t k;
        if (c < 0x80)
            continue;
        k = c > 0xf4 ? 0 : c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : c >= 0xc2 ? 1 : 0;
        if (k == 0 || i + k >= n)
            return 0;
        for (size_t j = 1; j <= k; j++)
            if (((unsigned char)s[i + j] & 0xc0) != 0x80)
                return 0;
        i += k;
    }
    return 1;
}

/* Does LINE[0..LEN) hold ISO-2022-KR's designation ESC $ ) C? */
static int kr_designation(const char *line, size_t len)
{
    const char *e = line;
    while ((e = memchr(e, 0x1b, len - (size_t)(e - line))) != NULL) {
        if (len - (size_t)(e - line) >= 4 && memcmp(e + 1, "$)C", 3) == 0)
            return 1;
        e++;
    }
    return 0;
}

/* A decoded line of the current leaf part. */
static void pasted_original_line(ndr_parser *p, const char *line,
                                 size_t len);

static void leaf_line(ndr_parser *p, const char *line, size_t len)
{
    int text =
        p->kind == PART_TEXT || p->kind == PART_HTML || p->kind == PART_DSN;
    const char *esc = text && len > 2 ? memchr(line, 0x1b, len) : NULL;
    if (esc != NULL && p->latin1 != CS_KR2022 && kr_designation(line, len))
        p->latin1 = CS_KR2022; /* the rest of the part is ISO-2022-KR */
    if (text && p->latin1 == CS_KR2022) {
        /* ISO-2022-KR (RFC 1557): lines with shifts or escapes, into the
         * scratch space's first half */
        if (esc != NULL || memchr(line, 0x0e, len) != NULL) {
            len = ndr_kr_decode_line(line, len, p->scratch,
                                     p->scratch_cap / 2);
            line = p->scratch;
        }
    } else if (esc != NULL) {
        /* ISO-2022-JP (RFC 1468), whatever the part's label says: its
         * escapes are unmistakable, and every line starts in ASCII.  Into
         * the scratch space's first half, like the Latin-1 recoding. */
        len = ndr_jis_decode_line(line, len, p->scratch, p->scratch_cap / 2);
        line = p->scratch;
    } else if (p->latin1 && (p->kind == PART_TEXT || p->kind == PART_HTML)) {
        /* Recode bytes >= 0x80 (up to three UTF-8 bytes a character) into the
         * scratch space's first half; the decoders use the second. */
        if (!utf8_or_ascii(line, len)) {
            len = ndr_recode(p->latin1, line, len, p->scratch,
                             p->scratch_cap / 2);
            line = p->scratch;
        }
    }
    switch (p->kind) {
    case PART_TEXT:
        /* a line that confirmed the returned original's header (see
         * ndr_scan_text_line) is its line too */
        if ((p->text_done || ndr_scan_text_line(p, line, len)) &&
            p->orig_headers)
            pasted_original_line(p, line, len);
        break;
    case PART_HTML:
        html_line(p, line, len);
        break;
    case PART_DSN:
        ndr_scan_dsn_line(p, line, len);
        break;
    case PART_FEEDBACK:
        ndr_scan_feedback_line(p, line, len);
        break;
    case PART_ORIGINAL:
    case PART_SKIP:
        break;
    }
}

/* The header block of a returned message: only To: is wanted. */
static void original_line(ndr_parser *p, const char *line, size_t len)
{
    size_t colon;
    if (len == 0) {
        if (p->hdr_len > 0 && (colon = field_start(p->hdr, p->hdr_len)) > 0)
            ndr_scan_original_header(p, p->hdr, colon, p->hdr + colon + 1,
                                     p->hdr_len - colon - 1);
        p->hdr_len = 0;
        p->orig_headers = 0;
        return;
    }
    if (ndr_isblank((unsigned char)line[0]) && p->hdr_len > 0) {
        hdr_append(p, line, len);
        return;
    }
    if (p->hdr_len > 0 && (colon = field_start(p->hdr, p->hdr_len)) > 0)
        ndr_scan_original_header(p, p->hdr, colon, p->hdr + colon + 1,
                                 p->hdr_len - colon - 1);
    p->hdr_len = 0;
    /* Only a To field can matter (ndr_scan_original_header), and only
     * until one is read: other fields are not kept, which makes their
     * continuation lines no-ops as well. */
    if ((colon = field_start(line, len)) > 0 && p->orig_to[0] == '\0' &&
        ndr_header_id(line, colon) == HDR_TO) {
        size_t n = len < p->opt.max_header ? len : p->opt.max_header;
        memcpy(p->hdr, line, n);
        p->hdr_len = n;
    }
}

/* A line of text after the failure text ended at a separator or at the
 * first field of the returned original (ndr_scan_text_line sets
 * orig_headers to 2 or 1): the original's header, read for its To field
 * as in a part of its own.  After a separator, blank lines may come
 * first, and a line that is no header field means no header follows. */
static void pasted_original_line(ndr_parser *p, const char *line,
                                 size_t len)
{
    if (p->orig_headers == 2) {
        size_t k = 0;
        while (k < len && ndr_isspace((unsigned char)line[k]))
            k++;
        if (k == len)
            return;
        if (field_start(line, len) == 0) {
            p->orig_headers = 0;
            return;
        }
        p->orig_headers = 1;
    }
    original_line(p, line, len);
}

/* A raw body line of the current part: decode, then hand it on. */
static void body_line(ndr_parser *p, const char *line, size_t len)
{
    size_t n;
    if (p->kind == PART_SKIP)
        return;
    if (p->kind == PART_ORIGINAL) {
        if (p->orig_headers)
            original_line(p, line, len);
        return;
    }
    if (p->decoded >= p->opt.max_decoded)
        return;
    switch (p->enc) {
    case ENC_NONE:
        p->decoded += len;
        leaf_line(p, line, len);
        break;
    case ENC_B64:
        n = ndr_b64_decode(&p->b64, line, len, p->scratch + p->scratch_cap / 2);
        p->decoded += n;
        lines_feed(p, &p->dec, p->scratch + p->scratch_cap / 2, n, leaf_line);
        break;
    case ENC_QP:
        n = ndr_qp_decode_line(line, len, p->scratch + p->scratch_cap / 2);
        p->decoded += n;
        lines_feed(p, &p->dec, p->scratch + p->scratch_cap / 2, n, leaf_line);
        break;
    }
}

/* The current part ends: flush the decoder's last line. */
static void end_part(ndr_parser *p)
{
    if (p->in_header) {
        p->hdr_len = 0;
        p->hdr_skip = 0;
        return;
    }
    if (p->enc != ENC_NONE)
        lines_flush(p, &p->dec, leaf_line);
    if (p->kind == PART_DSN || p->kind == PART_TEXT || p->kind == PART_HTML)
        ndr_scan_dsn_line(p, "", 0); /* close any open report block */
}

/* A line of the message (the mbox layer already removed separators). */
static void message_line(ndr_parser *p, const char *line, size_t len)
{
    if (p->in_header) {
        size_t colon;
        if (len == 0) {
            end_headers(p);
            return;
        }
        if (ndr_isblank((unsigned char)line[0]) &&
            (p->hdr_len > 0 || p->hdr_skip)) {
            if (!p->hdr_skip)
                hdr_append(p, line, len);
            return;
        }
        /* An envelope line quoted as a body line ('>From a@b Mon ...')
         * before the first field: a message copied whole, "From " line
         * and all, into an mbox or a file that quotes it.  It is no part
         * of the header, and the header still follows. */
        if (p->top && p->nheaders == 0 && p->hdr_len == 0 && len > 6 &&
            line[0] == '>') {
            size_t q = 1;
            while (q < len && line[q] == '>')
                q++;
            if (q + 5 <= len && memcmp(line + q, "From ", 5) == 0)
                return;
        }
        finish_field(p);
        /* (a first line that starts with an address and a colon is no
         * field: a line pasted from a bounce, "<a@b>: host ... said:";
         * nor one that starts with a digit: a line of a mail log,
         * "2026-11-22T10:02:01+00:00 mx postfix/smtp[...]: ...";
         * nor one that opens JSON, '{"event": ...' pasted or piped in) */
        if ((colon = field_start(line, len)) > 0 &&
            !(p->top && p->nheaders == 0 &&
              (memchr(line, '@', colon) != NULL ||
               ndr_isdigit((unsigned char)line[0]) || line[0] == '{' ||
               line[0] == '['))) {
            size_t n = len < p->opt.max_header ? len : p->opt.max_header;
            enum hdr_id id;
            if (++p->nheaders > p->opt.max_headers) {
                if (p->limit == NDR_OK)
                    p->limit = NDR_LIMIT_HEADERS;
                p->msg_dead = 1;
                return;
            }
            id = ndr_header_id(line, colon);
            if (!field_wanted(p, id)) {
                p->hdr_skip = 1;
                return;
            }
            memcpy(p->hdr, line, n);
            p->hdr_len = n;
            p->hdr_colon = colon;
            p->hdr_id = id;
            return;
        }
        /* Not a header line: the headers are over (or there were none, as
         * in a fragment pasted from a mail client). */
        if (p->top && p->nheaders == 0)
            p->headerless = 1;
        end_headers(p);
        /* fall through: LINE is the first body line */
    }
    if (p->depth > 0 && len >= 3 && line[0] == '-' && line[1] == '-') {
        int close = 0;
        size_t k = match_boundary(p, line, len, &close);
        if (k > 0) {
            int digest = p->stack[k - 1].digest;
            end_part(p);
            p->skip_depth = 0;
            if (close) {
                p->depth = k - 1;
                p->kind = PART_SKIP; /* epilogue */
                p->enc = ENC_NONE;
            } else {
                p->depth = k;
                begin_part(p, digest);
            }
            return;
        }
    }
    body_line(p, line, len);
}

/* ---- messages ----------------------------------------------------------- */

static void start_message(ndr_parser *p)
{
    p->in_msg = 1;
    p->msg_dead = 0;
    p->msg_bytes = 0;
    p->nparts = 0;
    p->messages++;
    p->top = 1;
    p->headerless = 0;
    p->depth = 0;
    p->skip_depth = 0;
    p->kind = PART_TEXT;
    p->seen_plain = 0;
    p->dec.len = 0;
    p->dec.overflow = 0;
    p->dec.pending_cr = 0;
    ndr_scan_reset(p);
    begin_part(p, 0);
    p->nparts = 0;
    p->ctype[0] = '\0';
}

static void end_message(ndr_parser *p)
{
    if (!p->in_msg)
        return;
    if (p->in_header)
        end_headers(p);
    end_part(p);
    ndr_scan_end_message(p);
    p->in_msg = 0;
}

static int is_from_line(const char *line, size_t len)
{
    return len >= 5 && memcmp(line, "From ", 5) == 0;
}

/* A raw line of the input. */
static void input_line(ndr_parser *p, const char *line, size_t len)
{
    if (!p->started) {
        p->started = 1;
        p->mbox = p->opt.mbox < 0 ? is_from_line(line, len) : p->opt.mbox;
        start_message(p);
        message_bytes(p, p->next_drop); /* what the line lost (drop_bytes) */
        p->next_drop = 0;
        p->prev_blank = 0;
        if (p->mbox && is_from_line(line, len))
            return;
    } else if (p->mbox && p->prev_blank && is_from_line(line, len)) {
        end_message(p);
        start_message(p);
        message_bytes(p, p->next_drop);
        p->next_drop = 0;
        p->prev_blank = 0;
        return;
    }
    p->prev_blank = len == 0;
    message_bytes(p, len + 1);
    if (!p->msg_dead)
        message_line(p, line, len);
}

/* The message passed max_message (message_bytes). */
static void message_over(ndr_parser *p)
{
    if (!p->msg_dead) {
        if (p->limit == NDR_OK)
            p->limit = NDR_LIMIT_MESSAGE;
        p->msg_dead = 1;
    }
    /* Nothing can end a message of a single-message input; in an mbox the
     * next "From " line would, but an input that never gives one (say
     * /dev/zero) must end too: stop reading altogether. */
    if (!p->mbox || p->msg_bytes - p->opt.max_message > p->opt.max_message)
        p->stop = 1;
}

/* ---- public API --------------------------------------------------------- */

ndr_parser *ndr_parser_new(const ndr_options *opts)
{
    ndr_parser *p;
    const ndr_allocator *a;
    if (opts == NULL || opts->on_record == NULL)
        return NULL;
    a = opts->alloc;
    if (a != NULL && (a->malloc_fn == NULL || a->realloc_fn == NULL ||
                      a->free_fn == NULL))
        return NULL;
    p = a ? a->malloc_fn(a->ud, sizeof *p) : malloc(sizeof *p);
    if (p == NULL)
        return NULL;
    memset(p, 0, sizeof *p);
    p->opt = *opts;
    if (p->opt.max_line < 256)
        p->opt.max_line = 256;
    if (p->opt.max_header < 256)
        p->opt.max_header = 256;
    if (p->opt.max_depth == 0)
        p->opt.max_depth = 1;
    p->raw.cap = p->opt.max_line;
    p->dec.cap = p->opt.max_line;
    /* scratch: one line of decoded output, and a line for HTML/records */
    /* constants, far inside int (implicit-widening-of-multiplication) */
    p->scratch_cap = 2 * (p->opt.max_line + 16);
    if (p->scratch_cap < 2 * (NDR_CTX_MAX + NDR_DIAG_MAX + 64))
        p->scratch_cap = 2 * (NDR_CTX_MAX + NDR_DIAG_MAX + 64);
    p->raw.buf = ndr_alloc(p, p->raw.cap);
    p->dec.buf = p->raw.buf ? ndr_alloc(p, p->dec.cap) : NULL;
    p->hdr = p->dec.buf ? ndr_alloc(p, p->opt.max_header) : NULL;
    p->scratch = p->hdr ? ndr_alloc(p, p->scratch_cap) : NULL;
    if (p->scratch == NULL) {
        ndr_parser_free(p);
        return NULL;
    }
    p->cur_rcpt = -1;
    return p;
}

void ndr_parser_free(ndr_parser *p)
{
    if (p == NULL)
        return;
    ndr_free(p, p->raw.buf);
    ndr_free(p, p->dec.buf);
    ndr_free(p, p->hdr);
    ndr_free(p, p->scratch);
    ndr_free(p, p->stack);
    ndr_free(p, p->blocks);
    ndr_free(p, p->rcpts);
    ndr_free(p, p->json);
    ndr_free(p, p);
}

ndr_status ndr_parser_feed(ndr_parser *p, const void *buf, size_t len)
{
    if (p == NULL || (buf == NULL && len > 0))
        return NDR_INVALID;
    if (p->error != NDR_OK)
        return p->error;
    if (!p->stop)
        lines_feed(p, &p->raw, buf, len, input_line);
    if (p->error == NDR_OK && p->stop)
        return p->limit;
    return p->error;
}

ndr_status ndr_parser_finish(ndr_parser *p)
{
    if (p == NULL)
        return NDR_INVALID;
    if (p->error != NDR_OK)
        return p->error;
    if (!p->stop)
        lines_flush(p, &p->raw, input_line);
    if (p->error == NDR_OK)
        end_message(p);
    if (p->error == NDR_OK)
        p->error = NDR_FINISHED;
    return p->error == NDR_FINISHED ? p->limit : p->error;
}

void ndr_parser_reset(ndr_parser *p)
{
    if (p == NULL)
        return;
    p->error = NDR_OK;
    p->limit = NDR_OK;
    p->stop = 0;
    p->msg_bytes = 0;
    p->msg_dead = 0;
    p->next_drop = 0;
    p->raw.len = 0;
    p->raw.overflow = 0;
    p->raw.pending_cr = 0;
    p->messages = 0;
    p->started = 0;
    p->in_msg = 0;
    p->prev_blank = 0;
}

size_t ndr_parser_messages(const ndr_parser *p)
{
    return p ? p->messages : 0;
}
