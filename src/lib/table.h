/*
 * table.h - the compiled knowledge tables (internal).
 *
 * Defined in the generated ndr_tables.c; see src/gen/gen.c for the order:
 * entries are class rows, subject rows, then detail rows sorted by
 * (subject, detail, class with X first, vendor with registry first); reply
 * codes are sorted by number; tokens case-insensitively.  The reason rules
 * of data/reasons.csv come as an automaton of their phrases plus a list of
 * code rules, both in file order.
 */
#ifndef NDR_TABLE_H
#define NDR_TABLE_H

#include "match.h"
#include "ndrcode.h"

typedef struct ndr_vendor_row {
    const char *id;
    const char *name;
    const char *const *markers; /* NULL-terminated */
} ndr_vendor_row;

extern const char ndr_tab_registry_date[];
extern const ndr_vendor_row ndr_tab_vendors[];
extern const size_t ndr_tab_nvendors;
extern const ndr_entry ndr_tab_entries[];
extern const size_t ndr_tab_nentries;
extern const size_t ndr_tab_first_subject;
extern const size_t ndr_tab_first_detail;
extern const ndr_reply ndr_tab_replies[];
extern const size_t ndr_tab_nreplies;
extern const ndr_token ndr_tab_tokens[];
extern const size_t ndr_tab_ntokens;

/* The tokens as one automaton: pattern I is ndr_tab_tokens[I]. */
extern const ndr_ac ndr_tab_token_ac;

/* A vendor marker of data/vendors.csv, as written. */
typedef struct ndr_vendor_marker {
    unsigned short vendor; /* index in ndr_tab_vendors */
    const char *text;
    unsigned short len;
    unsigned short next;   /* the next marker of the same pattern + 1, or 0 */
} ndr_vendor_marker;

/* Markers are found with ndr_tab_vendor_ac: pattern I stands for the
 * markers from ndr_tab_vendor_pattern[I] on, along their `next` links
 * (markers that differ only in case or whitespace share a pattern), and
 * each match is checked against the marker's bytes.  The markers the
 * automaton cannot stand for (whitespace at an end, or two whitespace bytes
 * in a row) are listed in ndr_tab_vendor_slow for a plain search. */
extern const ndr_ac ndr_tab_vendor_ac;
extern const ndr_vendor_marker ndr_tab_vendor_marker[];
extern const uint16_t ndr_tab_vendor_pattern[];
extern const uint16_t ndr_tab_vendor_slow[];
extern const size_t ndr_tab_vendor_nslow;

/* Tokens and markers in one automaton, to find in one pass which vendor
 * the words of a bounce name: pattern I is token ndr_tab_vt_token[I] and
 * marker pattern ndr_tab_vt_vendor[I] of ndr_tab_vendor_ac (0xffff:
 * neither). */
extern const ndr_ac ndr_tab_vt_ac;
extern const uint16_t ndr_tab_vt_token[];
extern const uint16_t ndr_tab_vt_vendor[];

/* The vendor the words TEXT[0..LEN) name: that of their first token
 * (ndr_token_scan) when they hold one, else ndr_vendor_detect's; what
 * ndr_token_scan then ndr_vendor_detect give, in one pass. */
const char *ndr_text_vendor(const char *text, size_t len);

/* A phrase rule of data/reasons.csv; its index is the pattern id in
 * ndr_tab_reason_ac.  A context rule (reason written FROM|FROM...>TO) does
 * not vote: when its phrase is found it turns a result in FROM into TO, if
 * that result's rule has no higher priority than the context rule and no
 * status rule of priority NDR_RULE_CODE_NAMES or more names the result. */
typedef struct ndr_reason_text_rule {
    unsigned short priority;
    unsigned char reason;  /* ndr_reason (TO for a context rule) */
    unsigned char word;    /* 1: no letter or digit may touch either end */
    unsigned char context; /* 1: a context rule */
    unsigned line;         /* row in data/reasons.csv: the earlier wins a tie */
    uint64_t from;         /* context rule: bit R set for each FROM reason R */
} ndr_reason_text_rule;

/* The most context rules (of phrases and of status codes) data/reasons.csv
 * may hold: the classifier remembers that many per text (the generator
 * refuses more). */
#define NDR_MAX_CONTEXT_RULES 16

/* A status rule of at least this priority makes the code itself name its
 * reason, which no context rule then changes. */
#define NDR_RULE_CODE_NAMES 600

enum ndr_rule_kind { NDR_RULE_STATUS = 1, NDR_RULE_REPLY, NDR_RULE_ACTION };

/* Wildcard subject or detail of a status rule ("status:5.7.*"). */
#define NDR_RULE_ANY 0xffffu

/* A status:, reply: or action: rule of data/reasons.csv.  A status rule
 * may be a context rule: it then does not vote, and when the code matches
 * it turns the result as a phrase's context rule does (on the same
 * conditions). */
typedef struct ndr_reason_code_rule {
    unsigned char kind;       /* enum ndr_rule_kind */
    unsigned char reason;     /* ndr_reason */
    unsigned char cls;        /* status: 2, 4 or 5; 0 for any class (X) */
    unsigned short subject;   /* status: number or NDR_RULE_ANY */
    unsigned short detail;    /* status: number or NDR_RULE_ANY */
    unsigned short reply;     /* reply: the basic reply code */
    unsigned short priority;
    const char *action;       /* action: the DSN action, lower case */
    unsigned line;
    unsigned short next;      /* status: the first rule after this one of
                                 another subject (status rules come sorted
                                 by subject, any subject last) */
    unsigned char context;    /* status: 1 for a context rule (FROM>TO),
                                 which turns a result in FROM into reason
                                 (TO) as a phrase's context rule does */
    uint64_t from;            /* context rule: bit R set for each FROM
                                 reason R */
} ndr_reason_code_rule;

/* The bounce reader's patterns (data/patterns.csv) in two automata: the
 * kinds read in text lines (NDR_PAT_TEXT) and those of the
 * Subject and From fields.  The kinds of pattern I of an automaton are the
 * bits of its _kind[I], in the order of the kind names in src/gen/gen.c. */
enum {
    NDR_PAT_SEPARATOR = 1,
    NDR_PAT_MARKER = 2,
    NDR_PAT_BOUNCE_FROM = 4,
    NDR_PAT_BOUNCE_SUBJECT = 8,
    NDR_PAT_AUTOREPLY_SUBJECT = 16,
    NDR_PAT_DELAY_SUBJECT = 32,
    NDR_PAT_JSON = 64,
    NDR_PAT_FORWARD = 128,
    /* the kinds read in text lines, in ndr_tab_textpat_ac */
    NDR_PAT_TEXT = NDR_PAT_SEPARATOR | NDR_PAT_MARKER | NDR_PAT_JSON |
                   NDR_PAT_FORWARD
};
extern const ndr_ac ndr_tab_textpat_ac;
extern const unsigned char ndr_tab_textpat_ac_kind[];
/* The skip filter of the separator, forward and json patterns (match.h). */
extern const ndr_skip ndr_tab_sepskip;
extern const ndr_ac ndr_tab_hdrpat_ac;
extern const unsigned char ndr_tab_hdrpat_ac_kind[];

extern const ndr_ac ndr_tab_reason_ac;
extern const ndr_reason_text_rule ndr_tab_reason_text[];
extern const size_t ndr_tab_reason_ntext;
extern const ndr_reason_code_rule ndr_tab_reason_code[];
extern const size_t ndr_tab_reason_ncode;

#endif
