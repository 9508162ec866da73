/*
 * parser.h - the bounce parser's internal state (shared by bounce.c, the
 * line and MIME layer, and scan.c, the reading of delivery reports and
 * failure text).  Not part of the public API.
 */
#ifndef NDR_PARSER_H
#define NDR_PARSER_H

#include "decode.h"
#include "ndrcode.h"

#define NDR_ADDR_MAX 256   /* longest address kept (RFC 5321 allows 254) */
#define NDR_BOUNDARY_MAX 200
#define NDR_CTX_MAX 2048   /* failure text kept per recipient */
#define NDR_PRE_MAX 4096   /* failure text kept before the first recipient */
#define NDR_LEAD_MAX 160   /* a line introducing a list of recipients */
#define NDR_HELD_MAX 512   /* a trace field held until the next line */
#define NDR_DIAG_MAX 1024  /* a Diagnostic-Code kept */
#define NDR_FIELD_MAX 256  /* other DSN fields kept */
#define NDR_SENDERS_MAX 8  /* addresses of the bounce's own From/To */
#define NDR_XFAILED_MAX 64 /* X-Failed-Recipients addresses kept */
#define NDR_JSON_MAX 65536 /* a JSON notification kept */
#define NDR_JSON_NEST 4    /* JSON containers whose start is kept */

/* Line splitter: LF, CRLF and bare CR all end a line. */
typedef struct ndr_lines {
    char *buf;
    size_t len, cap;
    int pending_cr; /* a line ended with CR at a chunk's end: skip one LF */
    int overflow;   /* the current line passed cap; its rest is dropped */
} ndr_lines;

/* The header field names the parser acts on (HDR_OTHER: any other). */
enum hdr_id {
    HDR_OTHER, HDR_FROM, HDR_TO, HDR_RETURN_PATH, HDR_SUBJECT,
    HDR_X_FAILED_RECIPIENTS, HDR_AUTO_SUBMITTED, HDR_X_AUTOREPLY,
    HDR_X_AUTORESPOND, HDR_X_AUTORESPONDER, HDR_PRECEDENCE,
    HDR_X_APPLE_ACTION, HDR_X_APPLE_UNSUBSCRIBE, HDR_CONTENT_TYPE, HDR_CONTENT_TRANSFER_ENCODING,
    HDR_LIST_ID, HDR_LIST_UNSUBSCRIBE, HDR_CONTENT_CLASS, HDR_X_MLSERVER,
    /* the fields of a delivery-status report (RFC 3464) */
    HDR_FINAL_RECIPIENT, HDR_ORIGINAL_RECIPIENT, HDR_ACTION, HDR_STATUS,
    HDR_DIAGNOSTIC_CODE, HDR_REMOTE_MTA, HDR_REPORTING_MTA,
    /* a report field of PowerMTA's own (its bounce category) */
    HDR_X_PMTA_CATEGORY
};

enum part_kind {
    PART_TEXT,     /* human-readable failure text */
    PART_HTML,     /* text/html: tags stripped, then as text */
    PART_DSN,      /* message/delivery-status */
    PART_FEEDBACK, /* message/feedback-report */
    PART_ORIGINAL, /* the returned message: only its To: is read */
    PART_SKIP      /* images, attachments, epilogues */
};

enum part_enc { ENC_NONE, ENC_B64, ENC_QP };

typedef struct mime_level {
    char boundary[NDR_BOUNDARY_MAX + 1];
    size_t blen;
    int digest; /* multipart/digest: parts default to message/rfc822 */
} mime_level;

#define NDR_LINKS_MAX 4 /* link lines noted in a failure text */

/* What the lines of a failure text showed, which the text joined into one
 * line no longer does. */
typedef struct text_marks {
    size_t diag_off, diag_len; /* the server's own words */
    unsigned diag_rank;        /* how surely (diag_label) */
    size_t reply_at; /* 1 + where a line began with a reply, or 0 */
    /* lines that were only a link ("https://...", "Click here ..."),
     * left out of a diagnostic that is the whole text */
    unsigned short link_off[NDR_LINKS_MAX], link_len[NDR_LINKS_MAX];
    unsigned nlinks;
} text_marks;

/* A recipient found in failure text, with the text that follows it. */
typedef struct text_rcpt {
    char addr[NDR_ADDR_MAX];
    char lead[NDR_LEAD_MAX]; /* the sentence that introduced it */
    char ctx[NDR_CTX_MAX];
    size_t ctx_len;
    text_marks m; /* of ctx */
} text_rcpt;

/* One per-recipient block of a delivery-status report (RFC 3464 §2.3). */
typedef struct ds_block {
    char final_rcpt[NDR_ADDR_MAX];
    char orig_rcpt[NDR_ADDR_MAX];
    char action[32];
    char status[64];
    char remote_mta[NDR_FIELD_MAX];
    char category[24]; /* X-PowerMTA-BounceCategory (bad-mailbox, ...) */
    char diag[NDR_DIAG_MAX];
    size_t diag_len;
    unsigned seen; /* DSF_* bits of the fields present */
    int diag_not_smtp; /* diagnostic-type is not smtp (X-Unix; 255) */
} ds_block;

enum {
    DSF_FINAL = 1, DSF_ORIG = 2, DSF_ACTION = 4, DSF_STATUS = 8,
    DSF_REMOTE = 16, DSF_DIAG = 32
};

struct ndr_parser {
    ndr_options opt;
    ndr_status error;       /* sticky: NOMEM, CALLBACK, FINISHED */
    ndr_status limit;       /* first limit met, reported by finish */
    int stop;               /* a message grew too large to ever end: read no more */
    ndr_lines raw;          /* lines of the input */
    ndr_lines dec;          /* lines of a decoded part */
    size_t messages;        /* messages started */
    int mbox;               /* resolved mode: 1 mbox */
    int started;            /* a line has been seen */
    int prev_blank;

    /* ---- the message being read (reset per message) ---- */
    int in_msg;
    int msg_dead;           /* a hard limit was hit: skip to the next one */
    size_t msg_bytes;
    size_t next_drop;       /* bytes dropped from a line that starts the
                               next message, counted once it starts */
    size_t nparts;

    /* header unfolding */
    int in_header;
    int top;                /* reading the message's own headers */
    int headerless;         /* a pasted fragment without headers */
    char *hdr;
    size_t hdr_len;
    size_t hdr_colon;       /* where the name of the field in hdr ends */
    enum hdr_id hdr_id;     /* and what it is */
    int hdr_skip;           /* a field no one reads is going on: its lines
                               are not kept */
    size_t nheaders;

    /* the current part */
    enum part_kind kind;
    enum part_enc enc;
    char ctype[64];
    int latin1;             /* 8-bit text in a charset other than UTF-8
                               (ndr_charset_id): recode to UTF-8 */
    char boundary[NDR_BOUNDARY_MAX + 1];
    size_t blen;
    int boundary_bad;
    ndr_b64 b64;
    size_t decoded;
    int orig_headers;       /* in the header block of a returned message */
    int attached;           /* a bounce sent on as an attached message:
                               1 while its header is read, 2 once it was
                               taken as the bounce (once per message) */
    int attached_bounce;    /* that header looks like a bounce's */
    int html_tag;           /* inside an HTML tag */
    int html_skip;          /* inside content that is never text (style,
                               script, a comment): enum html_skip */
    int seen_plain;         /* a text/plain part was read */

    mime_level *stack;
    size_t depth, stack_cap;
    size_t skip_depth;      /* multiparts nested past max_depth */

    /* what the message's own headers say */
    int hdr_bounce;         /* From/Subject/Return-Path/... look like a bounce */
    int sys_sender;         /* From, Return-Path or X-Failed-Recipients say
                               a mail system sent it (not a person) */
    int subj_failure;       /* the Subject says the mail was not delivered */
    int subj_delay;         /* ... or that delivery is only late */
    int hdr_report;         /* Content-Type multipart/report */
    int sys_from;           /* From or X-Failed-Recipients say a mail
                               system sent it (sys_sender without the null
                               Return-Path, which auto-replies share) */
    int null_path;          /* Return-Path: <> */
    int other_kind;         /* the message shows it is something a failure
                               notice never is: a reply to a person's
                               mail, a list's or a bulk sender's message,
                               an application's notice, calendar mail */
    int bulk;               /* Precedence: bulk, list or junk, or
                               Auto-Submitted: auto-generated without a
                               comment (a bulk sender's mail or an
                               application's notice, unless its reverse
                               path is null: some bounces say so too) */
    int autoreply;          /* RFC 3834 or vacation markers */
    int autoreply_sure;     /* markers that only auto-replies carry (not
                               Auto-Submitted: auto-replied, which bounces
                               carry too) */
    int unsubscribe;        /* a mail client's automatic unsubscribe request */
    int list_server;        /* X-MLServer: fml (a list manager's mail) */
    size_t top_fields;      /* header fields of the message seen */
    int top_dsn;            /* its headers are a pasted report block */
    char from_addr[NDR_ADDR_MAX];
    char senders[NDR_SENDERS_MAX][NDR_ADDR_MAX];
    size_t nsenders;
    char xfailed[NDR_XFAILED_MAX][NDR_ADDR_MAX];
    size_t nxfailed;
    char orig_to[NDR_ADDR_MAX];

    /* delivery-status report */
    char reporting_mta[NDR_FIELD_MAX];
    ds_block *blocks;
    size_t nblocks, blocks_cap;
    int ds_open;            /* the last block takes more fields */
    int ds_last;            /* DSF_* of the last field, for continuations */
    int ds_text;            /* DSN fields are being read from text */
    /* the last report field, kept until the next line shows whether it
     * is folded (RFC 3464 §2.1 fields are RFC 5322 header fields) */
    char ds_field[NDR_DIAG_MAX + 64];
    size_t ds_field_len;
    enum hdr_id ds_field_id; /* what its name is (ndr_header_id) */

    /* feedback report (RFC 5965) */
    int feedback;
    int mdn;                /* a message/disposition-notification part */
    int log_input;          /* lines of a mail log were read (log_line) */
    int mdn_reject;         /* Auto-Submitted: auto-replied (rejected): the
                               notification of a Sieve reject (RFC 5429
                               §2.2), a refused delivery in the form of an
                               MDN */
    char fb_rcpts[NDR_XFAILED_MAX][NDR_ADDR_MAX];
    size_t nfb;

    /* failure text */
    int text_done;          /* the returned original began */
    int after_sender;       /* the last text line introduced the sender */
    int text_blank;         /* the last text line was blank */
    int line_after_blank;   /* the line being read came after a blank */
    char held[NDR_HELD_MAX]; /* a trace field that may begin the returned
                                original's header, until the next line */
    size_t held_len;        /* its length; 0: none held */
    size_t held_part;       /* nparts when it was held */
    int held_replay;        /* it is read again as text */
    char lead[NDR_LEAD_MAX]; /* the last line that ended with ':' */
    int body_marker;        /* the text reads like a bounce */
    int fwd;                /* the header of a forwarded message is being
                               read: 1 before its first field, 2 in them */
    int fwd_sep;            /* the line that began it was a separator */
    int fwd_bounce;         /* its From is a mail system's */
    int fwd_subj_failure;   /* its Subject: as subj_failure, subj_delay */
    int fwd_subj_delay;
    int fwd_subj_fwd;       /* its Subject is a forward's ("FW: ...") */
    int fwd_taken;          /* a forwarded bounce was found (fwd_end) */
    int attached_taken;     /* an attached message was taken as the bounce */
    int returned;           /* a returned original began (its part, or a
                               separator in the text) */
    text_rcpt *rcpts;
    size_t nrcpts, rcpts_cap;
    long cur_rcpt;          /* -1: before the first recipient */
    int rcpt_refused;       /* a transcript's "<<< 4xx/5xx" answered the
                               current recipient's RCPT */
    char pre[NDR_PRE_MAX];
    size_t pre_len;
    text_marks pre_m;     /* of pre */
    /* whose text a label of the server's words ("The remote server
     * said:") ended the last line of: -1 pre, a recipient, or -2 */
    long diag_open;
    int diag_going;         /* 0: none of those words taken yet; 1: lines
                               after the label; 2: the label's value, and
                               the lines folded under it */
    int diag_quote;         /* the value opened a quote not closed yet */
    size_t diag_indent;     /* the blanks before the label of those words */
    int diag_wrap;          /* they may wrap onto lines not indented */
    int footer;             /* a signature ("-- ") or a line asking the
                               reader to write to or call someone began:
                               its addresses are contacts, not recipients,
                               and its lines no one's failure text */
    int named_in_sentence;  /* the last recipient was named in a sentence,
                               and no line introduced a list since */
    long lone_new;          /* the recipient the last line named alone on
                               it and added, or -1 */
    long lone_prev;         /* the current recipient before that one */
    char diag_out[NDR_PRE_MAX]; /* a record's diagnostic cut from a text */
    /* text after a transcript line that belongs to the recipient named
     * next (sendmail: "While talking to host:", "550 host (smtp)... ") */
    char pend[NDR_CTX_MAX];
    size_t pend_len;
    int pending;
    long pend_owner; /* who had the text before: gets it if no one follows */

    /* a JSON notification (Amazon SES through SNS) or sending platforms'
     * events (one, an array, one per line) in the text */
    char *json;
    size_t json_len;
    int in_json;
    long json_depth;        /* containers open (saturates) */
    int json_str, json_esc; /* in a string; after a backslash in one */
    int json_mid;           /* reading began inside a value: no value ends */
    char json_kind[NDR_JSON_NEST];  /* '{' or '[' of the outer containers */
    size_t json_at[NDR_JSON_NEST];  /* where they start in json, or -1 */
    int json_events;        /* a platform's event gave a block */

    /* scratch for decoding and for building records */
    char *scratch;
    size_t scratch_cap;
};

/* Allocation through the options' allocator. */
void *ndr_alloc(ndr_parser *p, size_t n);
void *ndr_realloc(ndr_parser *p, void *ptr, size_t n);
void ndr_free(ndr_parser *p, void *ptr);

/* Which of those NAME[0..N) is, ignoring case. */
enum hdr_id ndr_header_id(const char *name, size_t n);

/* scan.c: the leaf handlers and the end of a message. */
void ndr_scan_reset(ndr_parser *p);
/* A field of the message's own header; ID is ndr_header_id of the name.
 * Every field is counted, HDR_OTHER ones with NAME NULL (their value is
 * not kept). */
void ndr_scan_top_header(ndr_parser *p, enum hdr_id id, const char *name,
                         size_t nlen, const char *val, size_t vlen);
int ndr_scan_text_line(ndr_parser *p, const char *line, size_t len);
void ndr_scan_dsn_line(ndr_parser *p, const char *line, size_t len);
void ndr_scan_feedback_line(ndr_parser *p, const char *line, size_t len);
void ndr_scan_original_header(ndr_parser *p, const char *name, size_t nlen,
                              const char *val, size_t vlen);
/* Has the failure text given nothing yet that a bounce is read for (no
 * recipient, report block, notification or code)? */
int ndr_scan_nothing_read(const ndr_parser *p);
/* A field (From or To) of the header of an attached message
 * that may be the bounce itself (p->attached == 1): sets
 * p->attached_bounce when it shows a mail system's report; its To names
 * the original's recipient, unless it is a bounce. */
void ndr_scan_attached_header(ndr_parser *p, enum hdr_id id, const char *val,
                              size_t vlen);
/* That header is over (REPORT: its Content-Type is multipart/report):
 * 1 when the attached message is to be read as the bounce. */
int ndr_scan_attached_end(ndr_parser *p, int report);
void ndr_scan_end_message(ndr_parser *p);

/* bounce.c: the number of the charset named S[0..N) that ndr_recode reads
 * (Latin-1 and other single-byte charsets, Shift_JIS, EUC-JP, GB18030,
 * GBK and GB2312, Big5, EUC-KR and UHC; 0: not one it knows), and the
 * recoding of IN[0..N) in that charset into UTF-8 in OUT (at most CAP
 * bytes; returns the bytes written). */
int ndr_charset_id(const char *s, size_t n);
size_t ndr_recode(int cs, const char *in, size_t n, char *out, size_t cap);

/* Copy the first address in S[0..N) into OUT (NDR_ADDR_MAX bytes),
 * lowercased domain kept as written; returns its length or 0. */
size_t ndr_find_addr(const char *s, size_t n, char *out, size_t *at,
                     size_t *alen);

#endif
