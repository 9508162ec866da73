/*
 * ndrcode.h - explain SMTP status codes and read bounce messages.
 *
 * The one public header of libndrcode.  Every public name starts with ndr_
 * (functions, types) or NDR_ (macros, constants).  The library never prints,
 * never exits and keeps no global mutable state; several parsers can run in
 * several threads at once.
 *
 * Ownership: pointers passed in are borrowed for the duration of the call.
 * Strings from the code table (ndr_entry, ndr_explanation, ndr_token,
 * ndr_reply) are static and live forever.  Strings inside an ndr_record are
 * owned by the parser and valid only during the record callback.
 */
#ifndef NDRCODE_H
#define NDRCODE_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define NDR_VERSION_MAJOR 0
#define NDR_VERSION_MINOR 1
#define NDR_VERSION_PATCH 0
#define NDR_VERSION "0.1.0"

/* ------------------------------------------------------------------ */
/* Errors                                                              */
/* ------------------------------------------------------------------ */

/* X-macro: name, message.  NDR_OK is 0; every other value is an error. */
#define NDR_ERRORS(X)                                                     \
    X(OK, "success")                                                      \
    X(NOMEM, "out of memory")                                             \
    X(INVALID, "invalid argument")                                        \
    X(FINISHED, "parser already finished")                                \
    X(LIMIT_MESSAGE, "message too large (byte limit reached)")            \
    X(LIMIT_RECIPIENTS, "too many recipients in one message")             \
    X(LIMIT_DEPTH, "MIME nesting too deep")                               \
    X(LIMIT_PARTS, "too many MIME parts in one message")                  \
    X(LIMIT_HEADERS, "too many header fields")                            \
    X(CALLBACK, "record callback asked to stop")

typedef enum ndr_status {
#define NDR_ERR_ENUM_(name, msg) NDR_##name,
    NDR_ERRORS(NDR_ERR_ENUM_)
#undef NDR_ERR_ENUM_
    NDR_STATUS_COUNT_
} ndr_status;

/* A static, never-NULL message for an ndr_status value. */
const char *ndr_strerror(ndr_status st);

/* Library version string, and the date of the IANA registry snapshot the
 * compiled table carries (e.g. "2022-05-10"). */
const char *ndr_version(void);
const char *ndr_registry_date(void);

/* ------------------------------------------------------------------ */
/* Status codes: syntax                                                */
/* ------------------------------------------------------------------ */

/* An enhanced status code (RFC 3463 class.subject.detail).  A class of 0
 * means the generic "X" of the registry; subject and detail are 0..999. */
typedef struct ndr_code {
    unsigned char cls;      /* 2, 4 or 5 (0 = X) */
    unsigned short subject; /* 0..999 */
    unsigned short detail;  /* 0..999 */
} ndr_code;

/* Longest text of a code: "5.999.999" plus NUL. */
#define NDR_CODE_BUFSZ 12

/* Parse S[0..LEN) as exactly one code (surrounding blanks not allowed).
 * Class 2, 4 or 5; subject and detail 1 to 3 digits without leading zeros.
 * Returns 1 and fills *OUT, or 0 when S is not a code. */
int ndr_code_parse(const char *s, size_t len, ndr_code *out);

/* Write CODE as "5.1.1" into BUF (NDR_CODE_BUFSZ bytes); returns BUF. */
char *ndr_code_format(ndr_code code, char buf[NDR_CODE_BUFSZ]);

/* Scan TEXT[0..LEN) for the first enhanced status code that stands alone:
 * not glued to letters or digits, not preceded by '.', not followed by
 * '.digit' (so 10.5.1.1, v2.4.1 and 5.1.1000 are not codes).  On success
 * returns the offset of the code and sets *OUT and *TOKLEN; returns
 * (size_t)-1 when there is none. */
size_t ndr_code_scan(const char *text, size_t len, ndr_code *out,
                     size_t *toklen);

/* Scan for a basic reply code (RFC 5321: [2-5][0-5][0-9]) standing alone:
 * not glued to letters, digits or '.', optionally followed by ' ' or '-'.
 * Returns the offset or (size_t)-1; *OUT gets the number. */
size_t ndr_reply_scan(const char *text, size_t len, int *out);

/* ------------------------------------------------------------------ */
/* The code table                                                      */
/* ------------------------------------------------------------------ */

/* Who must act first. */
typedef enum ndr_who {
    NDR_WHO_NONE = 0,
    NDR_WHO_SENDER,
    NDR_WHO_SENDER_ADMIN,
    NDR_WHO_RECIPIENT_ADMIN,
    NDR_WHO_RECIPIENT,
    NDR_WHO_PROVIDER
} ndr_who;

/* "sender", "sender_admin", ...; "" for NDR_WHO_NONE. */
const char *ndr_who_name(ndr_who who);

#define NDR_MAX_REPLY_CODES 6

/* One row of data/ndr_codes.csv, compiled in. */
typedef struct ndr_entry {
    const char *code;        /* as written in the data: "5", "X.1", "X.1.1", "5.7.708" */
    const char *vendor;      /* vendor id ("exchange"), "" for registry rows */
    const char *vendor_name; /* display name, "" for registry rows */
    const char *title;
    const char *meaning;
    const char *remediation;
    const char *reference;
    unsigned short reply[NDR_MAX_REPLY_CODES];
    unsigned char n_reply;
    unsigned char who;      /* ndr_who */
    unsigned char cls;      /* 2, 4, 5; 0 for X */
    unsigned char depth;    /* 1 class row, 2 subject row, 3 detail row */
    unsigned short subject; /* valid when depth >= 2 */
    unsigned short detail;  /* valid when depth == 3 */
} ndr_entry;

/* The table in listing order: class rows, subject rows, then detail rows
 * sorted by subject, detail, class (X first) and vendor (registry first). */
size_t ndr_entry_count(void);
const ndr_entry *ndr_entry_at(size_t i); /* NULL when I is out of range */

/* How a lookup matched. */
typedef enum ndr_match {
    NDR_MATCH_NONE = 0,
    NDR_MATCH_EXACT,   /* the table has rows for exactly this code */
    NDR_MATCH_GENERIC, /* the registry's X.S.D row */
    NDR_MATCH_SUBJECT, /* only the subject (detail not registered) */
    NDR_MATCH_CLASS    /* only the class (subject not registered) */
} ndr_match;

/* "exact", "generic", "subject", "class"; "none". */
const char *ndr_match_name(ndr_match m);

#define NDR_MAX_VENDOR_NOTES 12

/* Everything the table says about one code.  All pointers are static. */
typedef struct ndr_explanation {
    ndr_code code;
    ndr_match match;
    const char *class_text;   /* "Permanent failure" */
    const char *subject_text; /* "Addressing"; "" when the subject is unknown */
    const ndr_entry *main;    /* the row giving title/meaning/remediation */
    const ndr_entry *vendors[NDR_MAX_VENDOR_NOTES]; /* vendor rows, lead first */
    size_t n_vendors;
    int vendor_leads;         /* 1 when vendors[0] is the hinted vendor */
} ndr_explanation;

/* Explain CODE.  VENDOR_HINT (may be NULL) is a vendor id such as
 * "exchange_online": when the table has a row of that vendor for the code,
 * it is put first and vendor_leads is set.  Allocates nothing.  Returns 1,
 * or 0 when the class is not 2, 4 or 5. */
int ndr_explain(ndr_code code, const char *vendor_hint, ndr_explanation *out);

/* A basic reply code (data/reply_codes.csv). */
typedef struct ndr_reply {
    unsigned short code;
    unsigned char who;
    const char *title;
    const char *meaning;
    const char *remediation;
    const char *reference;
} ndr_reply;

const ndr_reply *ndr_reply_lookup(int code); /* NULL when unknown */
size_t ndr_reply_count(void);
const ndr_reply *ndr_reply_at(size_t i);

/* A vendor diagnostic token or provider sub-code (data/tokens.csv). */
typedef struct ndr_token {
    const char *token; /* "RESOLVER.ADR.RecipNotFound" */
    const char *vendor;
    const char *vendor_name;
    const char *code; /* usual status code, "" when none */
    const char *title;
    const char *meaning;
    const char *remediation;
    const char *reference;
    unsigned char who;
} ndr_token;

/* Look up S[0..LEN) case-insensitively; NULL when not a known token. */
const ndr_token *ndr_token_lookup(const char *s, size_t len);
size_t ndr_token_count(void);
const ndr_token *ndr_token_at(size_t i);

/* Scan TEXT for the first known token standing as a whole word.  Returns
 * its offset and sets *OUT and *TOKLEN, or (size_t)-1. */
size_t ndr_token_scan(const char *text, size_t len, const ndr_token **out,
                      size_t *toklen);

/* A vendor (data/vendors.csv). */
const char *ndr_vendor_name(const char *vendor_id); /* "" when unknown */

/* Which vendor's markers TEXT shows first in vendor-table order; NULL
 * when none. */
const char *ndr_vendor_detect(const char *text, size_t len);


/* ------------------------------------------------------------------ */
/* Bounce reasons                                                      */
/* ------------------------------------------------------------------ */

/* The reason vocabulary (the one Sisimai uses, so results compare):
 * X(enum suffix, name, one-line explanation). */
#define NDR_REASONS(X)                                                        \
    X(UNDEFINED, "undefined", "no rule recognised why the message bounced")    \
    X(AUTHFAILURE, "authfailure",                                              \
      "the sender's domain failed SPF, DKIM or DMARC checks")                  \
    X(BADREPUTATION, "badreputation",                                          \
      "the sending IP or domain has a poor reputation with the receiver")      \
    X(BLOCKED, "blocked",                                                      \
      "the sending IP or host is refused (blocklist, no service for it)")      \
    X(CONTENTERROR, "contenterror",                                            \
      "the message's format or encoding was refused")                         \
    X(DELIVERED, "delivered", "the message was delivered (success report)")   \
    X(EXCEEDLIMIT, "exceedlimit",                                              \
      "the message exceeds a size limit set for the recipient")               \
    X(EXPIRED, "expired",                                                      \
      "delivery kept failing until the queue lifetime ran out")                \
    X(FEEDBACK, "feedback",                                                    \
      "a feedback (abuse/complaint) report, not a bounce")                     \
    X(FILTERED, "filtered",                                                    \
      "a filter at the recipient's side refused the message")                  \
    X(HASMOVED, "hasmoved", "the recipient has moved to another address")     \
    X(HOSTUNKNOWN, "hostunknown",                                              \
      "the recipient's domain does not exist or has no mail host")             \
    X(MAILBOXFULL, "mailboxfull", "the recipient's mailbox is full")           \
    X(MAILERERROR, "mailererror",                                              \
      "a local delivery program at the recipient's host failed")               \
    X(MESGTOOBIG, "mesgtoobig", "the message is larger than the server accepts") \
    X(NETWORKERROR, "networkerror",                                            \
      "a DNS, routing or connection problem on the way")                       \
    X(NORELAYING, "norelaying", "the server refused to relay the message")     \
    X(NOTACCEPT, "notaccept",                                                  \
      "the destination does not accept mail at all (null MX, no service)")     \
    X(NOTCOMPLIANTRFC, "notcompliantrfc",                                      \
      "the message violates the Internet mail standards")                      \
    X(ONHOLD, "onhold", "the bounce gives no reason yet (held or unclear)")    \
    X(POLICYVIOLATION, "policyviolation",                                      \
      "the message breaks a policy of the receiving organisation")             \
    X(REJECTED, "rejected",                                                    \
      "the sender address or envelope was refused")                            \
    X(REQUIREPTR, "requireptr",                                                \
      "the sending IP has no or a mismatching reverse DNS (PTR) name")         \
    X(SECURITYERROR, "securityerror",                                          \
      "authentication or another security requirement was not met")            \
    X(SPAMDETECTED, "spamdetected", "the message was judged to be spam")       \
    X(SPEEDING, "speeding", "the sender sent too much too fast (rate limit)")  \
    X(SUSPEND, "suspend",                                                      \
      "the recipient's mailbox is disabled or suspended")                      \
    X(SYNTAXERROR, "syntaxerror", "an SMTP command had a syntax error")        \
    X(SYSTEMERROR, "systemerror",                                              \
      "the receiving mail system had an internal error")                       \
    X(SYSTEMFULL, "systemfull", "the receiving mail system is out of storage") \
    X(TOOMANYCONN, "toomanyconn",                                              \
      "too many connections or recipients at once")                            \
    X(USERUNKNOWN, "userunknown", "the recipient's mailbox does not exist")    \
    X(VACATION, "vacation", "an automatic reply (vacation, out of office)")   \
    X(VIRUSDETECTED, "virusdetected", "the message was found to carry malware")

typedef enum ndr_reason {
#define NDR_REASON_ENUM_(e, name, text) NDR_REASON_##e,
    NDR_REASONS(NDR_REASON_ENUM_)
#undef NDR_REASON_ENUM_
    NDR_REASON_COUNT_
} ndr_reason;

/* "userunknown", ...; and the one-line explanation.  Static strings. */
const char *ndr_reason_name(ndr_reason r);
const char *ndr_reason_text(ndr_reason r);

/* Classify a failure from its status code ("5.1.1" or NULL), its reply
 * code (0 when none), its DSN action ("failed", "delayed" or NULL) and the
 * server's words TEXT[0..LEN) (may be NULL; any bytes, UTF-8 for other
 * scripts).  The rules of data/reasons.csv decide; when none matches, the
 * result is NDR_REASON_ONHOLD if TEXT holds words and NDR_REASON_UNDEFINED
 * otherwise.  Allocates nothing and keeps no state. */
ndr_reason ndr_reason_classify(const char *status, int reply,
                               const char *action, const char *text,
                               size_t len);

/* SPEC: hard when retrying is pointless: userunknown, hostunknown,
 * hasmoved, and notaccept with a 5.x.x status.  A notaccept failure whose
 * STATUS is NULL (or not a code) counts as permanent, so hard.  Returns 1
 * for hard, 0 for soft. */
int ndr_reason_is_hard(ndr_reason r, const char *status);

/* ------------------------------------------------------------------ */
/* Reading bounces                                                     */
/* ------------------------------------------------------------------ */

/* One bounced (or reported) recipient.  Every string is owned by the
 * parser and valid only during the callback; NULL means "not given". */
typedef struct ndr_record {
    size_t message;            /* 1-based message number in the input */
    const char *recipient;     /* "user@example.org" */
    const char *action;        /* DSN action: "failed", "delayed", ... */
    const char *status;        /* the most specific code found: "5.1.1" */
    const char *dsn_status;    /* the DSN Status field when it differs */
    int reply;                 /* basic reply code, 0 when none */
    const char *diagnostic;    /* the server's words */
    const char *remote_mta;
    const char *reporting_mta;
    const char *vendor;        /* vendor id the bounce shows, or NULL */
    ndr_reason reason;
    int hard;                  /* 1: suppress the address */
    unsigned flags;            /* NDR_REC_* */
} ndr_record;

/* Status and reply code disagree (a 4.x.x status under a 5xx reply). */
#define NDR_REC_INCONSISTENT 1u
/* The record reports no failure: feedback, vacation, delivered. */
#define NDR_REC_NOT_FAILURE 2u

/* Called once per record; return 0 to go on, nonzero to stop the parser
 * (ndr_parser_feed then returns NDR_CALLBACK). */
typedef int (*ndr_record_fn)(void *ctx, const ndr_record *rec);

/* Optional allocator: all three set, or leave alloc NULL for malloc. */
typedef struct ndr_allocator {
    void *(*malloc_fn)(void *ud, size_t size);
    void *(*realloc_fn)(void *ud, void *ptr, size_t size);
    void (*free_fn)(void *ud, void *ptr);
    void *ud;
} ndr_allocator;

/* Limits (defaults in parentheses, set by ndr_options_init).  Past a
 * limit the parser skips what is too much: an over-long line or header is
 * cut, a too-deep part is skipped, and a message over max_message, over
 * max_parts parts, over max_headers fields or over max_recipients
 * recipients is read no further (its records so far are still given) and
 * the limit is remembered: ndr_parser_finish returns the first NDR_LIMIT_*
 * status after every record has been delivered.  Memory use is bounded by
 * these numbers, whatever the input. */
typedef struct ndr_options {
    ndr_record_fn on_record;
    void *ctx;
    const ndr_allocator *alloc;
    int mbox;              /* -1 detect "From " (default), 0 one message, 1 mbox */
    size_t max_line;       /* bytes kept of one line (8192); the rest is skipped */
    size_t max_header;     /* bytes kept of one unfolded header field (16384) */
    size_t max_headers;    /* header fields per part before LIMIT_HEADERS (10000) */
    size_t max_depth;      /* MIME nesting; deeper parts are skipped (32) */
    size_t max_parts;      /* parts per message before LIMIT_PARTS (10000) */
    size_t max_recipients; /* recipients per message before LIMIT_RECIPIENTS (1000) */
    size_t max_message;    /* bytes per message before LIMIT_MESSAGE (512 MiB) */
    size_t max_decoded;    /* decoded bytes kept per MIME part (16 MiB) */
} ndr_options;

void ndr_options_init(ndr_options *opts);

typedef struct ndr_parser ndr_parser;

/* A new parser; OPTS is copied.  NULL when out of memory or OPTS is NULL
 * or has no on_record. */
ndr_parser *ndr_parser_new(const ndr_options *opts);

/* Feed LEN bytes (any chunking gives the same records).  Records of each
 * message are delivered when the message ends, i.e. at the next mbox
 * "From " line or in ndr_parser_finish.  Returns NDR_OK or an error,
 * which is sticky: later calls return it again.  One limit also stops the
 * reading: a message past max_message in a single-message input (past
 * twice that in an mbox, where no "From " line came to end it) makes this
 * return NDR_LIMIT_MESSAGE, and the rest of the input is ignored; call
 * ndr_parser_finish for the records found so far. */
ndr_status ndr_parser_feed(ndr_parser *p, const void *buf, size_t len);

/* End of input: flush the last message.  Returns NDR_OK, the sticky error
 * of an earlier call, or the first NDR_LIMIT_* status met in the input. */
ndr_status ndr_parser_finish(ndr_parser *p);

/* Forget everything and start a new input, keeping the options. */
void ndr_parser_reset(ndr_parser *p);

/* Messages seen so far. */
size_t ndr_parser_messages(const ndr_parser *p);

/* Free the parser; NULL is a no-op. */
void ndr_parser_free(ndr_parser *p);

#ifdef __cplusplus
}
#endif
#endif /* NDRCODE_H */
