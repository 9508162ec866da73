/*
 * gen.c - build-time generator: data/ CSV files -> ndr_tables.c.
 *
 * Reads the knowledge tables (codes, vendors, reply codes, tokens, reason
 * rules, reader patterns), checks every row (syntax, required fields,
 * duplicates, unknown vendors or reasons, text repeated across rows) and
 * writes sorted static arrays that the library searches with binary search,
 * plus Aho-Corasick automata of the reason phrases and of the reader's
 * patterns (acgen.c).  Any problem is printed as FILE:LINE: message and the
 * exit status is 1, which fails the build.  The output depends only on the
 * input bytes, so the same CSV always gives the same C file.
 *
 * usage: ndr_gen -o OUT.c CODES.csv VENDORS.csv REPLIES.csv TOKENS.csv
 *                REASONS.csv PATTERNS.csv
 */
#include "acgen.h"
#include "csv.h"
#include "match.h"
#include "ndrcode.h"
#include "table.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ROWS 4096

static const char *const who_names[] = {"", "sender", "sender_admin",
                                        "recipient_admin", "recipient",
                                        "provider"};

typedef struct vendor_row {
    char *id, *name, *markers;
} vendor_row;

typedef struct code_row {
    char *code, *vendor, *title, *meaning, *remediation, *reference;
    unsigned short reply[NDR_MAX_REPLY_CODES];
    unsigned n_reply, who, cls, depth, subject, detail;
    unsigned long line;
} code_row;

typedef struct reply_row {
    unsigned code, who;
    char *title, *meaning, *remediation, *reference;
} reply_row;

typedef struct token_row {
    char *token, *vendor, *code, *title, *meaning, *remediation, *reference;
    unsigned who;
} token_row;

static vendor_row vendors[MAX_ROWS];
static size_t n_vendors;
static code_row codes[MAX_ROWS];
static size_t n_codes;
static reply_row replies[MAX_ROWS];
static size_t n_replies;
static token_row tokens[MAX_ROWS];
static size_t n_tokens;

/* One rule of reasons.csv. */
enum rule_kind { RULE_TEXT, RULE_STATUS, RULE_REPLY, RULE_ACTION };

typedef struct reason_row {
    enum rule_kind kind;
    char *text; /* text rules: the normalized phrase; action rules: the word */
    size_t len;
    unsigned word, reason, priority, cls, subject, detail, reply;
    unsigned context, to; /* FROM>TO: a context rule turning FROM into TO */
    unsigned long long from; /* context rule: the FROM reasons, one bit each */
    unsigned long line;
} reason_row;

static reason_row reasons[MAX_ROWS];
static size_t n_reasons;
static size_t n_context; /* context rules among them */

static const char *const reason_names[] = {
#define REASON_NAME_(e, name, text) name,
    NDR_REASONS(REASON_NAME_)
#undef REASON_NAME_
};

/* Every long text seen so far, to reject the same sentence in two rows. */
typedef struct seen_text {
    const char *text;
    const char *path;
    unsigned long line;
} seen_text;
static seen_text seen[MAX_ROWS * 3];
static size_t n_seen;

static void put_str(FILE *o, const char *s);

static char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d == NULL) {
        fputs("ndr_gen: out of memory\n", stderr);
        exit(1);
    }
    memcpy(d, s, n);
    return d;
}

static int check_header(csv_reader *r, const char *want)
{
    char got[512] = "";
    size_t used = 0;
    if (csv_next(r) != 1)
        return csv_error(r, "missing header line (want %s)", want);
    for (size_t i = 0; i < r->nfields; i++) {
        int n = snprintf(got + used, sizeof got - used, "%s%s", i ? "," : "",
                         r->field[i]);
        if (n < 0 || (size_t)n >= sizeof got - used)
            return csv_error(r, "header line too long");
        used += (size_t)n;
    }
    if (strcmp(got, want) != 0)
        return csv_error(r, "header is '%s', want '%s'", got, want);
    return 0;
}

static int check_fields(csv_reader *r, size_t want)
{
    if (r->nfields != want)
        return csv_error(r, "%zu fields, want %zu", r->nfields, want);
    for (size_t i = 0; i < r->nfields; i++) {
        const char *f = r->field[i];
        size_t n = strlen(f);
        for (size_t k = 0; k < n; k++)
            if ((unsigned char)f[k] < 0x20 || f[k] == 0x7f)
                return csv_error(r, "control character in field %zu", i + 1);
        if (n > 0 && (f[0] == ' ' || f[n - 1] == ' '))
            return csv_error(r, "field %zu has leading or trailing blanks",
                             i + 1);
    }
    return 0;
}

static int require(csv_reader *r, const char *value, const char *name)
{
    if (value[0] == '\0')
        return csv_error(r, "missing %s", name);
    return 0;
}

static int parse_who(csv_reader *r, const char *s, unsigned *out)
{
    for (unsigned i = 1; i < sizeof who_names / sizeof who_names[0]; i++)
        if (strcmp(s, who_names[i]) == 0) {
            *out = i;
            return 0;
        }
    return csv_error(r, "bad who '%s' (sender, sender_admin, recipient_admin, "
                        "recipient or provider)", s);
}

static int valid_reply(const char *s)
{
    return strlen(s) == 3 && s[0] >= '2' && s[0] <= '5' &&
           isdigit((unsigned char)s[1]) && isdigit((unsigned char)s[2]);
}

static int parse_replies(csv_reader *r, const char *s, code_row *row)
{
    char buf[128];
    size_t len = strlen(s);
    if (len >= sizeof buf)
        return csv_error(r, "reply_codes too long");
    memcpy(buf, s, len + 1);
    row->n_reply = 0;
    for (char *t = strtok(buf, " "); t != NULL; t = strtok(NULL, " ")) {
        if (!valid_reply(t))
            return csv_error(r, "bad reply code '%s'", t);
        if (row->n_reply == NDR_MAX_REPLY_CODES)
            return csv_error(r, "more than %d reply codes",
                             NDR_MAX_REPLY_CODES);
        row->reply[row->n_reply++] = (unsigned short)atoi(t);
    }
    return 0;
}

/* A subject or detail number: 1 to 3 digits, no leading zero. */
static int parse_num(const char *s, size_t n, unsigned *out)
{
    if (n == 0 || n > 3 || (n > 1 && s[0] == '0'))
        return 0;
    *out = 0;
    for (size_t i = 0; i < n; i++) {
        if (!isdigit((unsigned char)s[i]))
            return 0;
        *out = *out * 10 + (unsigned)(s[i] - '0');
    }
    return 1;
}

/* "5", "X.1", "X.1.1", "5.1.1" */
static int parse_table_code(const char *s, code_row *row)
{
    size_t n = strlen(s);
    const char *dot1, *dot2;
    if (n == 1 && (s[0] == '2' || s[0] == '4' || s[0] == '5')) {
        row->cls = (unsigned)(s[0] - '0');
        row->depth = 1;
        return 1;
    }
    if (n < 3 || s[1] != '.')
        return 0;
    if (s[0] == 'X')
        row->cls = 0;
    else if (s[0] == '2' || s[0] == '4' || s[0] == '5')
        row->cls = (unsigned)(s[0] - '0');
    else
        return 0;
    dot1 = s + 1;
    dot2 = strchr(dot1 + 1, '.');
    if (dot2 == NULL) {
        row->depth = 2;
        return row->cls == 0 &&
               parse_num(dot1 + 1, n - 2, &row->subject);
    }
    row->depth = 3;
    return parse_num(dot1 + 1, (size_t)(dot2 - dot1 - 1), &row->subject) &&
           parse_num(dot2 + 1, strlen(dot2 + 1), &row->detail);
}

static const vendor_row *find_vendor(const char *id)
{
    for (size_t i = 0; i < n_vendors; i++)
        if (strcmp(vendors[i].id, id) == 0)
            return &vendors[i];
    return NULL;
}

/* Reject a sentence that another row already uses (copy-paste rows). */
static int unique_text(csv_reader *r, const char *text, const char *what)
{
    if (strlen(text) < 40)
        return 0;
    for (size_t i = 0; i < n_seen; i++)
        if (strcmp(seen[i].text, text) == 0)
            return csv_error(r, "%s repeats the text of %s:%lu", what,
                             seen[i].path, seen[i].line);
    if (n_seen < sizeof seen / sizeof seen[0]) {
        seen[n_seen].text = text;
        seen[n_seen].path = r->path;
        seen[n_seen].line = r->rec_line;
        n_seen++;
    }
    return 0;
}

static int read_vendors(const char *path)
{
    csv_reader r;
    int rc, bad = 0;
    if (csv_open(&r, path) < 0)
        return -1;
    if (check_header(&r, "vendor,name,markers") < 0) {
        csv_close(&r);
        return -1;
    }
    while ((rc = csv_next(&r)) == 1) {
        vendor_row *v;
        if (n_vendors == MAX_ROWS) {
            csv_error(&r, "too many rows (at most %d)", MAX_ROWS);
            bad = 1;
            break;
        }
        v = &vendors[n_vendors];
        if (check_fields(&r, 3) < 0 || require(&r, r.field[0], "vendor") < 0 ||
            require(&r, r.field[1], "name") < 0) {
            bad = 1;
            continue;
        }
        for (const char *p = r.field[0]; *p; p++)
            if (!(islower((unsigned char)*p) || isdigit((unsigned char)*p) ||
                  *p == '_')) {
                csv_error(&r, "vendor id '%s' must be [a-z0-9_]", r.field[0]);
                bad = 1;
                break;
            }
        if (find_vendor(r.field[0]) != NULL) {
            csv_error(&r, "duplicate vendor %s", r.field[0]);
            bad = 1;
            continue;
        }
        /* kept until exit (-Wanalyzer-malloc-leak loses them in vendors[]) */
        v->id = xstrdup(r.field[0]);
        v->name = xstrdup(r.field[1]);
        v->markers = xstrdup(r.field[2]);
        n_vendors++;
    }
    csv_close(&r);
    return rc < 0 || bad ? -1 : 0;
}

static int read_codes(const char *path)
{
    csv_reader r;
    int rc, bad = 0;
    if (csv_open(&r, path) < 0)
        return -1;
    if (check_header(&r, "code,vendor,title,meaning,remediation,who,"
                         "reply_codes,reference") < 0) {
        csv_close(&r);
        return -1;
    }
    while ((rc = csv_next(&r)) == 1) {
        code_row *row;
        if (n_codes == MAX_ROWS) {
            csv_error(&r, "too many rows (at most %d)", MAX_ROWS);
            bad = 1;
            break;
        }
        row = &codes[n_codes];
        char **f = r.field;
        memset(row, 0, sizeof *row);
        if (check_fields(&r, 8) < 0 || require(&r, f[0], "code") < 0 ||
            require(&r, f[2], "title") < 0 ||
            require(&r, f[3], "meaning") < 0 ||
            require(&r, f[4], "remediation") < 0 ||
            require(&r, f[5], "who") < 0 ||
            require(&r, f[7], "reference") < 0 ||
            parse_who(&r, f[5], &row->who) < 0 ||
            parse_replies(&r, f[6], row) < 0) {
            bad = 1;
            continue;
        }
        if (!parse_table_code(f[0], row)) {
            csv_error(&r, "malformed code '%s'", f[0]);
            bad = 1;
            continue;
        }
        if (f[1][0] != '\0') {
            if (find_vendor(f[1]) == NULL) {
                csv_error(&r, "unknown vendor '%s' (not in vendors.csv)", f[1]);
                bad = 1;
                continue;
            }
            if (row->depth != 3 || row->cls == 0) {
                csv_error(&r, "vendor row %s must name a full class-specific "
                              "code such as 5.1.1", f[0]);
                bad = 1;
                continue;
            }
        }
        if (strcmp(f[3], f[4]) == 0) {
            csv_error(&r, "remediation repeats the meaning");
            bad = 1;
            continue;
        }
        for (size_t i = 0; i < n_codes; i++)
            if (strcmp(codes[i].code, f[0]) == 0 &&
                strcmp(codes[i].vendor, f[1]) == 0) {
                csv_error(&r, "duplicate code %s%s%s (first at line %lu)", f[0],
                          f[1][0] ? " for vendor " : "", f[1], codes[i].line);
                bad = 1;
                break;
            }
        row->code = xstrdup(f[0]);
        row->vendor = xstrdup(f[1]);
        row->title = xstrdup(f[2]);
        row->meaning = xstrdup(f[3]);
        row->remediation = xstrdup(f[4]);
        row->reference = xstrdup(f[7]);
        row->line = r.rec_line;
        if (unique_text(&r, row->meaning, "meaning") < 0 ||
            unique_text(&r, row->remediation, "remediation") < 0)
            bad = 1;
        n_codes++;
    }
    csv_close(&r);
    if (rc < 0 || bad)
        return -1;
    /* Every class and subject needs a fallback row. */
    for (unsigned c = 2; c <= 5; c++) {
        int found = 0;
        if (c == 3)
            continue;
        for (size_t i = 0; i < n_codes; i++)
            found |= codes[i].depth == 1 && codes[i].cls == c;
        if (!found) {
            fprintf(stderr, "%s: no row for class %u\n", path, c);
            bad = 1;
        }
    }
    for (unsigned s = 0; s <= 7; s++) {
        int found = 0;
        for (size_t i = 0; i < n_codes; i++)
            found |= codes[i].depth == 2 && codes[i].subject == s;
        if (!found) {
            fprintf(stderr, "%s: no row for subject X.%u\n", path, s);
            bad = 1;
        }
    }
    return bad ? -1 : 0;
}

static int read_replies(const char *path)
{
    csv_reader r;
    int rc, bad = 0;
    if (csv_open(&r, path) < 0)
        return -1;
    if (check_header(&r, "code,title,meaning,remediation,who,reference") < 0) {
        csv_close(&r);
        return -1;
    }
    while ((rc = csv_next(&r)) == 1) {
        reply_row *row;
        if (n_replies == MAX_ROWS) {
            csv_error(&r, "too many rows (at most %d)", MAX_ROWS);
            bad = 1;
            break;
        }
        row = &replies[n_replies];
        char **f = r.field;
        if (check_fields(&r, 6) < 0 || require(&r, f[1], "title") < 0 ||
            require(&r, f[2], "meaning") < 0 ||
            require(&r, f[3], "remediation") < 0 ||
            require(&r, f[5], "reference") < 0 ||
            parse_who(&r, f[4], &row->who) < 0) {
            bad = 1;
            continue;
        }
        if (!valid_reply(f[0])) {
            csv_error(&r, "malformed reply code '%s'", f[0]);
            bad = 1;
            continue;
        }
        row->code = (unsigned)atoi(f[0]);
        for (size_t i = 0; i < n_replies; i++)
            if (replies[i].code == row->code) {
                csv_error(&r, "duplicate reply code %s", f[0]);
                bad = 1;
            }
        if (strcmp(f[2], f[3]) == 0) {
            csv_error(&r, "remediation repeats the meaning");
            bad = 1;
        }
        row->title = xstrdup(f[1]);
        row->meaning = xstrdup(f[2]);
        row->remediation = xstrdup(f[3]);
        row->reference = xstrdup(f[5]);
        if (unique_text(&r, row->meaning, "meaning") < 0 ||
            unique_text(&r, row->remediation, "remediation") < 0)
            bad = 1;
        n_replies++;
    }
    csv_close(&r);
    return rc < 0 || bad ? -1 : 0;
}

static int ci_cmp(const char *a, const char *b)
{
    for (;; a++, b++) {
        int ca = tolower((unsigned char)*a), cb = tolower((unsigned char)*b);
        if (ca != cb || ca == 0)
            return ca - cb;
    }
}

static int read_tokens(const char *path)
{
    csv_reader r;
    int rc, bad = 0;
    if (csv_open(&r, path) < 0)
        return -1;
    if (check_header(&r, "token,vendor,code,title,meaning,remediation,who,"
                         "reference") < 0) {
        csv_close(&r);
        return -1;
    }
    while ((rc = csv_next(&r)) == 1) {
        token_row *row;
        if (n_tokens == MAX_ROWS) {
            csv_error(&r, "too many rows (at most %d)", MAX_ROWS);
            bad = 1;
            break;
        }
        row = &tokens[n_tokens];
        char **f = r.field;
        ndr_code c;
        if (check_fields(&r, 8) < 0 || require(&r, f[0], "token") < 0 ||
            require(&r, f[1], "vendor") < 0 ||
            require(&r, f[3], "title") < 0 ||
            require(&r, f[4], "meaning") < 0 ||
            require(&r, f[5], "remediation") < 0 ||
            require(&r, f[7], "reference") < 0 ||
            parse_who(&r, f[6], &row->who) < 0) {
            bad = 1;
            continue;
        }
        for (const char *p = f[0]; *p; p++)
            if (!(isalnum((unsigned char)*p) || strchr("._:-", *p) != NULL)) {
                csv_error(&r, "token '%s' may hold only letters, digits and "
                              "._:-", f[0]);
                bad = 1;
                break;
            }
        if (find_vendor(f[1]) == NULL) {
            csv_error(&r, "unknown vendor '%s' (not in vendors.csv)", f[1]);
            bad = 1;
        }
        if (f[2][0] != '\0' && !ndr_code_parse(f[2], strlen(f[2]), &c)) {
            csv_error(&r, "malformed code '%s'", f[2]);
            bad = 1;
        }
        if (strcmp(f[4], f[5]) == 0) {
            csv_error(&r, "remediation repeats the meaning");
            bad = 1;
        }
        for (size_t i = 0; i < n_tokens; i++)
            if (ci_cmp(tokens[i].token, f[0]) == 0) {
                csv_error(&r, "duplicate token %s", f[0]);
                bad = 1;
            }
        row->token = xstrdup(f[0]);
        row->vendor = xstrdup(f[1]);
        row->code = xstrdup(f[2]);
        row->title = xstrdup(f[3]);
        row->meaning = xstrdup(f[4]);
        row->remediation = xstrdup(f[5]);
        row->reference = xstrdup(f[7]);
        if (unique_text(&r, row->meaning, "meaning") < 0 ||
            unique_text(&r, row->remediation, "remediation") < 0)
            bad = 1;
        n_tokens++;
    }
    csv_close(&r);
    return rc < 0 || bad ? -1 : 0;
}

/* ---- reasons.csv ------------------------------------------------------ */

#define RULE_ANY 0xffffu
#define MAX_PRIORITY 9999u

/* "5", "X", "*" digits: a status rule's part.  Returns 1 and sets *OUT. */
static int parse_rule_num(const char *s, size_t n, unsigned *out)
{
    if (n == 1 && s[0] == '*') {
        *out = RULE_ANY;
        return 1;
    }
    return parse_num(s, n, out);
}

/* status:C.S.D with C one of 2 4 5 X, S and D numbers or '*' (a '*'
 * subject needs a '*' detail). */
static int parse_status_rule(const char *s, reason_row *row)
{
    const char *d1, *d2;
    if (s[0] == 'X' || s[0] == 'x')
        row->cls = 0;
    else if (s[0] == '2' || s[0] == '4' || s[0] == '5')
        row->cls = (unsigned)(s[0] - '0');
    else
        return 0;
    d1 = s + 1;
    if (*d1 != '.' || (d2 = strchr(d1 + 1, '.')) == NULL)
        return 0;
    if (!parse_rule_num(d1 + 1, (size_t)(d2 - d1 - 1), &row->subject) ||
        !parse_rule_num(d2 + 1, strlen(d2 + 1), &row->detail))
        return 0;
    return row->subject != RULE_ANY || row->detail == RULE_ANY;
}

static int find_reason(const char *name, unsigned *out)
{
    for (unsigned i = 0; i < sizeof reason_names / sizeof reason_names[0]; i++)
        if (strcmp(name, reason_names[i]) == 0) {
            *out = i;
            return 1;
        }
    return 0;
}

/* A rule's kind from its pattern's prefix; *REST gets what follows. */
static int rule_kind(csv_reader *r, const char *p, enum rule_kind *kind,
                     unsigned *word, const char **rest)
{
    static const struct {
        const char *prefix;
        enum rule_kind kind;
        unsigned word;
    } kinds[] = {
        {"status:", RULE_STATUS, 0}, {"reply:", RULE_REPLY, 0},
        {"action:", RULE_ACTION, 0}, {"word:", RULE_TEXT, 1},
        {"text:", RULE_TEXT, 0},
    };
    size_t n = 0;
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        size_t k = strlen(kinds[i].prefix);
        if (strncmp(p, kinds[i].prefix, k) == 0) {
            *kind = kinds[i].kind;
            *word = kinds[i].word;
            *rest = p + k;
            if (**rest == '\0' || **rest == ' ' ||
                (*rest)[strlen(*rest) - 1] == ' ')
                return csv_error(r, "empty or blank-edged pattern after '%s'",
                                 kinds[i].prefix);
            return 0;
        }
    }
    /* A lower-case word and a colon at the start look like a misspelt
     * kind; a phrase that starts so is written with text:. */
    while (p[n] >= 'a' && p[n] <= 'z')
        n++;
    if (n > 0 && p[n] == ':' && p[n + 1] != ' ' && p[n + 1] != '\0')
        return csv_error(r, "unknown rule kind '%.*s:' (status:, reply:, "
                            "action:, word:, text:)", (int)n, p);
    *kind = RULE_TEXT;
    *word = 0;
    *rest = p;
    return 0;
}

/* REASON, or FROM>TO for a context rule, FROM being one reason or several
 * joined by '|'. */
static int parse_rule_reason(csv_reader *r, const char *s, reason_row *row)
{
    const char *gt = strchr(s, '>');
    size_t n = gt != NULL ? (size_t)(gt - s) : strlen(s);
    char name[64];
    if (gt == NULL) {
        if (!find_reason(s, &row->reason))
            return csv_error(r, "unknown reason '%s'", s);
        row->to = row->reason;
        return 0;
    }
    if (!find_reason(gt + 1, &row->to))
        return csv_error(r, "unknown reason '%s'", gt + 1);
    row->context = 1;
    for (const char *p = s; p < s + n;) {
        size_t k = strcspn(p, "|>");
        if (k == 0 || k >= sizeof name)
            return csv_error(r, "malformed context rule '%s' (want "
                                "FROM|FROM...>TO)", s);
        memcpy(name, p, k);
        name[k] = '\0';
        if (!find_reason(name, &row->reason))
            return csv_error(r, "unknown reason '%s'", name);
        if (row->reason == row->to)
            return csv_error(r, "context rule %s turns %s into itself", s,
                             name);
        row->from |= 1ULL << row->reason;
        p += k;
        if (*p == '|')
            p++;
    }
    return 0;
}

static int read_reasons(const char *path)
{
    static const char *const actions[] = {"failed", "delayed", "delivered",
                                          "relayed", "expanded", "expired"};
    csv_reader r;
    int rc, bad = 0;
    if (csv_open(&r, path) < 0)
        return -1;
    if (check_header(&r, "pattern,reason,priority,note") < 0) {
        csv_close(&r);
        return -1;
    }
    while ((rc = csv_next(&r)) == 1) {
        reason_row *row;
        if (n_reasons == MAX_ROWS) {
            csv_error(&r, "too many rows (at most %d)", MAX_ROWS);
            bad = 1;
            break;
        }
        row = &reasons[n_reasons];
        char **f = r.field;
        const char *rest = NULL;
        char *end;
        unsigned long pri;
        memset(row, 0, sizeof *row);
        if (check_fields(&r, 4) < 0 || require(&r, f[0], "pattern") < 0 ||
            require(&r, f[1], "reason") < 0 ||
            require(&r, f[2], "priority") < 0 ||
            rule_kind(&r, f[0], &row->kind, &row->word, &rest) < 0) {
            bad = 1;
            continue;
        }
        if (parse_rule_reason(&r, f[1], row) < 0) {
            bad = 1;
            continue;
        }
        pri = strtoul(f[2], &end, 10);
        if (!isdigit((unsigned char)f[2][0]) || *end != '\0' ||
            pri > MAX_PRIORITY) {
            csv_error(&r, "priority '%s' is not an integer 0..%u", f[2],
                      MAX_PRIORITY);
            bad = 1;
            continue;
        }
        row->priority = (unsigned)pri;
        row->line = r.rec_line;
        if (row->context && row->kind != RULE_TEXT &&
            row->kind != RULE_STATUS) {
            csv_error(&r, "a context rule (FROM>TO) needs a phrase or status "
                          "pattern");
            bad = 1;
            continue;
        }
        switch (row->kind) {
        case RULE_STATUS:
            if (!parse_status_rule(rest, row)) {
                csv_error(&r, "malformed status rule '%s' (want C.S.D: C one "
                              "of 2 4 5 X, S and D numbers or *)", f[0]);
                bad = 1;
                continue;
            }
            break;
        case RULE_REPLY:
            if (!valid_reply(rest)) {
                csv_error(&r, "malformed reply rule '%s'", f[0]);
                bad = 1;
                continue;
            }
            row->reply = (unsigned)atoi(rest);
            break;
        case RULE_ACTION: {
            size_t k = 0;
            while (k < sizeof actions / sizeof actions[0] &&
                   strcmp(actions[k], rest) != 0)
                k++;
            if (k == sizeof actions / sizeof actions[0]) {
                csv_error(&r, "unknown action '%s' (failed, delayed, "
                              "delivered, relayed, expanded, expired)", rest);
                bad = 1;
                continue;
            }
            row->text = xstrdup(rest);
            break;
        }
        case RULE_TEXT: {
            size_t n = strlen(rest);
            row->text = xstrdup(rest);
            row->len = ndr_ac_normalize(rest, n, row->text);
            row->text[row->len] = '\0';
            if (row->len > NDR_AC_MAX_PATTERN)
                csv_error(&r, "pattern longer than %d bytes",
                          NDR_AC_MAX_PATTERN);
            else if (ac_unfinished(row->text, row->len) < row->len)
                csv_error(&r, "pattern '%s' is not UTF-8 (a lead byte "
                              "without its second byte)", f[0]);
            else
                break;
            free(row->text); /* the row is not kept */
            row->text = NULL;
            bad = 1;
            continue;
        }
        }
        for (size_t i = 0; i < n_reasons; i++) {
            const reason_row *o = &reasons[i];
            int same = o->kind == row->kind;
            if (same && row->kind == RULE_TEXT)
                same = o->len == row->len &&
                       memcmp(o->text, row->text, row->len) == 0;
            else if (same && row->kind == RULE_STATUS)
                same = o->cls == row->cls && o->subject == row->subject &&
                       o->detail == row->detail;
            else if (same && row->kind == RULE_REPLY)
                same = o->reply == row->reply;
            else if (same)
                same = strcmp(o->text, row->text) == 0;
            if (same) {
                csv_error(&r, "duplicate pattern '%s' (first at line %lu)",
                          f[0], o->line);
                bad = 1;
                break;
            }
        }
        if (row->context && ++n_context > NDR_MAX_CONTEXT_RULES) {
            csv_error(&r, "more than %d context rules (FROM>TO): the "
                          "classifier keeps that many", NDR_MAX_CONTEXT_RULES);
            bad = 1;
        }
        n_reasons++;
    }
    csv_close(&r);
    return rc < 0 || bad ? -1 : 0;
}

/* The phrases as an automaton, and the rule tables beside it. */
/* The order of status rules: by subject, any subject last. */
static unsigned long status_key(const reason_row *w)
{
    return w->subject == RULE_ANY ? 0x10000ul : w->subject;
}

static int write_reasons(FILE *o)
{
    const char **pats = calloc(n_reasons + 1, sizeof *pats);
    size_t *lens = calloc(n_reasons + 1, sizeof *lens);
    size_t n = 0, nc = 0;
    ac_tables t;
    if (pats == NULL || lens == NULL) {
        fputs("ndr_gen: out of memory\n", stderr);
        free(pats);
        free(lens);
        return -1;
    }
    for (size_t i = 0; i < n_reasons; i++)
        if (reasons[i].kind == RULE_TEXT) {
            pats[n] = reasons[i].text;
            lens[n++] = reasons[i].len;
        }
    if (ac_compile(&t, pats, lens, n) < 0) {
        free(pats);
        free(lens);
        return -1;
    }
    ac_emit(o, "ndr_tab_reason_ac", &t);
    ac_free(&t);
    free(pats);
    free(lens);

    fputs("const ndr_reason_text_rule ndr_tab_reason_text[] = {\n", o);
    for (size_t i = 0; i < n_reasons; i++)
        if (reasons[i].kind == RULE_TEXT)
            fprintf(o, "    {%u, %u, %u, %u, %lu, 0x%llxULL}, /* %s%s */\n",
                    reasons[i].priority, reasons[i].to, reasons[i].word,
                    reasons[i].context, reasons[i].line, reasons[i].from,
                    reasons[i].context ? "> " : "",
                    reason_names[reasons[i].to]);
    if (n == 0)
        fputs("    {0, 0, 0, 0, 0, 0},\n", o);
    fprintf(o, "};\nconst size_t ndr_tab_reason_ntext = %zu;\n\n", n);

    /* Grouped by kind (status, reply, action rules), each group in file
     * order but the status rules by subject (any subject last): the
     * matcher's loop then takes the same branch rule after rule, and
     * passes over the rules of another subject at once (`next`: the first
     * rule of the next subject).  The order decides nothing: ties go to
     * the lower line. */
    {
        size_t *ord = calloc(n_reasons + 1, sizeof *ord), no = 0, ns = 0;
        if (ord == NULL) {
            fputs("ndr_gen: out of memory\n", stderr);
            return -1;
        }
        for (size_t i = 0; i < n_reasons; i++)
            if (reasons[i].kind == RULE_STATUS) {
                /* insertion by subject, stable */
                size_t k = no++;
                while (k > 0 && status_key(&reasons[ord[k - 1]]) >
                                    status_key(&reasons[i])) {
                    ord[k] = ord[k - 1];
                    k--;
                }
                ord[k] = i;
            }
        ns = no;
        for (size_t i = 0; i < n_reasons; i++)
            if (reasons[i].kind == RULE_REPLY)
                ord[no++] = i;
        for (size_t i = 0; i < n_reasons; i++)
            if (reasons[i].kind == RULE_ACTION)
                ord[no++] = i;
        fputs("const ndr_reason_code_rule ndr_tab_reason_code[] = {\n", o);
        for (size_t g = 0; g < no; g++) {
            const reason_row *w = &reasons[ord[g]];
            static const char *const kinds[] = {"0", "NDR_RULE_STATUS",
                                                "NDR_RULE_REPLY",
                                                "NDR_RULE_ACTION"};
            size_t next = g + 1;
            if (g < ns)
                while (next < ns &&
                       reasons[ord[next]].subject == w->subject)
                    next++;
            fprintf(o, "    {%s, %u, %u, %u, %u, %u, %u, ", kinds[w->kind],
                    w->to, w->cls, w->kind == RULE_STATUS ? w->subject : 0,
                    w->kind == RULE_STATUS ? w->detail : 0, w->reply,
                    w->priority);
            if (w->kind == RULE_ACTION)
                put_str(o, w->text);
            else
                fputs("NULL", o);
            fprintf(o, ", %lu, %zu, %u, 0x%llxULL}, /* %s%s */\n", w->line,
                    next, w->context, w->from, w->context ? "> " : "",
                    reason_names[w->to]);
            nc++;
        }
        free(ord);
    }
    if (nc == 0)
        fputs("    {0, 0, 0, 0, 0, 0, 0, NULL, 0, 1, 0, 0},\n", o);
    fprintf(o, "};\nconst size_t ndr_tab_reason_ncode = %zu;\n", nc);
    return 0;
}

/* The registry date comes from a comment "# registry-date: YYYY-MM-DD". */
static int read_registry_date(const char *path, char *out, size_t cap)
{
    static const char key[] = "# registry-date:";
    char line[256];
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return -1;
    out[0] = '\0';
    while (fgets(line, sizeof line, f) != NULL && line[0] == '#') {
        if (strncmp(line, key, sizeof key - 1) == 0) {
            const char *p = line + sizeof key - 1;
            size_t n;
            while (*p == ' ')
                p++;
            n = strcspn(p, "\r\n");
            if (n >= cap)
                n = cap - 1;
            memcpy(out, p, n);
            out[n] = '\0';
        }
    }
    fclose(f);
    if (out[0] == '\0') {
        fprintf(stderr, "%s: no '# registry-date: YYYY-MM-DD' comment\n",
                path);
        return -1;
    }
    return 0;
}


/* ---- patterns.csv ------------------------------------------------------ */

static const char *const pattern_kinds[] = {
    "separator", "marker", "bounce_from", "bounce_subject",
    "autoreply_subject", "delay_subject", "json", "forward"};

typedef struct pattern_row {
    char *text;     /* normalized */
    size_t len;
    unsigned kinds; /* bit per pattern_kinds entry */
} pattern_row;

static pattern_row patterns[MAX_ROWS];
static size_t n_patterns;

static int read_patterns(const char *path)
{
    csv_reader r;
    int rc, bad = 0;
    if (csv_open(&r, path) < 0)
        return -1;
    if (check_header(&r, "kind,pattern,note") < 0) {
        csv_close(&r);
        return -1;
    }
    while ((rc = csv_next(&r)) == 1) {
        char **f = r.field;
        unsigned kind;
        char *norm;
        size_t len, i;
        if (check_fields(&r, 3) < 0 || require(&r, f[0], "kind") < 0 ||
            require(&r, f[1], "pattern") < 0) {
            bad = 1;
            continue;
        }
        for (kind = 0; kind < sizeof pattern_kinds / sizeof pattern_kinds[0];
             kind++)
            if (strcmp(f[0], pattern_kinds[kind]) == 0)
                break;
        if (kind == sizeof pattern_kinds / sizeof pattern_kinds[0]) {
            csv_error(&r, "unknown kind '%s' (separator, marker, bounce_from, "
                          "bounce_subject, autoreply_subject, delay_subject, "
                          "json, forward)",
                      f[0]);
            bad = 1;
            continue;
        }
        norm = xstrdup(f[1]);
        len = ndr_ac_normalize(f[1], strlen(f[1]), norm);
        norm[len] = '\0';
        if (len == 0 || len > NDR_AC_MAX_PATTERN) {
            csv_error(&r, "pattern empty or longer than %d bytes",
                      NDR_AC_MAX_PATTERN);
            free(norm);
            bad = 1;
            continue;
        }
        if (ac_unfinished(norm, len) < len) {
            csv_error(&r, "pattern '%s' is not UTF-8 (a lead byte without "
                          "its second byte)", f[1]);
            free(norm);
            bad = 1;
            continue;
        }
        /* One automaton holds every kind: the same words under two kinds
         * are one pattern with two kind bits. */
        for (i = 0; i < n_patterns; i++)
            if (patterns[i].len == len && memcmp(patterns[i].text, norm, len) == 0)
                break;
        if (i < n_patterns) {
            free(norm);
            if (patterns[i].kinds & (1u << kind)) {
                csv_error(&r, "duplicate %s pattern '%s'", f[0], f[1]);
                bad = 1;
            }
            patterns[i].kinds |= 1u << kind;
            continue;
        }
        if (n_patterns == MAX_ROWS) {
            csv_error(&r, "too many rows");
            free(norm);
            bad = 1;
            break;
        }
        patterns[n_patterns].text = norm;
        patterns[n_patterns].len = len;
        patterns[n_patterns].kinds = 1u << kind;
        n_patterns++;
    }
    csv_close(&r);
    return rc < 0 || bad ? -1 : 0;
}

/* The patterns with a kind in MASK: their texts, lengths and kinds (those
 * within MASK). */
typedef struct pattern_set {
    const char **pats;
    size_t *lens;
    unsigned char *kinds;
    size_t n;
} pattern_set;

static void pattern_set_free(pattern_set *ps)
{
    free(ps->pats);
    free(ps->lens);
    free(ps->kinds);
}

/* Fill PS; -1 (after the message) when memory runs out. */
static int pattern_set_get(pattern_set *ps, unsigned mask)
{
    ps->pats = calloc(n_patterns + 1, sizeof *ps->pats);
    ps->lens = calloc(n_patterns + 1, sizeof *ps->lens);
    ps->kinds = calloc(n_patterns + 1, 1);
    ps->n = 0;
    if (ps->pats == NULL || ps->lens == NULL || ps->kinds == NULL) {
        fputs("ndr_gen: out of memory\n", stderr);
        pattern_set_free(ps);
        return -1;
    }
    for (size_t i = 0; i < n_patterns; i++) {
        if ((patterns[i].kinds & mask) == 0)
            continue;
        ps->pats[ps->n] = patterns[i].text;
        ps->lens[ps->n] = patterns[i].len;
        ps->kinds[ps->n++] = (unsigned char)(patterns[i].kinds & mask);
    }
    return 0;
}

/* The automaton NAME of the patterns with a kind in MASK, and their kinds
 * (within MASK) in NAME_kind[]. */
static int write_pattern_group(FILE *o, const char *name, unsigned mask)
{
    pattern_set ps;
    ac_tables t;
    if (pattern_set_get(&ps, mask) < 0)
        return -1;
    if (ac_compile(&t, ps.pats, ps.lens, ps.n) < 0) {
        pattern_set_free(&ps);
        return -1;
    }
    ac_emit(o, name, &t);
    ac_free(&t);
    fprintf(o, "const unsigned char %s_kind[] = {", name);
    for (size_t i = 0; i < ps.n; i++)
        fprintf(o, "%s%u", i == 0 ? "\n    " : i % 16 ? ", " : ",\n    ",
                ps.kinds[i]);
    if (ps.n == 0)
        fputs("0", o);
    fputs("\n};\n", o);
    pattern_set_free(&ps);
    return 0;
}

/* The skip filter of the patterns with a kind in MASK. */
static int write_pattern_skip(FILE *o, const char *name, unsigned mask)
{
    unsigned char shift[NDR_SKIP_HASH];
    pattern_set ps;
    if (pattern_set_get(&ps, mask) < 0)
        return -1;
    skip_emit(o, name, shift, skip_compile(shift, ps.pats, ps.lens, ps.n));
    pattern_set_free(&ps);
    return 0;
}

static unsigned kind_bit(const char *name)
{
    for (unsigned k = 0; k < sizeof pattern_kinds / sizeof pattern_kinds[0];
         k++)
        if (strcmp(pattern_kinds[k], name) == 0)
            return 1u << k;
    return 0;
}

/* Two automata: the words read in text lines (separators, markers, the
 * JSON key, forwards), which run over most of a bounce's text, and the
 * words of the Subject and From fields.  Apart, each is smaller than the
 * two together, and the text scan does not stop on header words.  The
 * words a line is searched for once a marker was seen also get a skip
 * filter. */
static int write_patterns(FILE *o)
{
    unsigned text = kind_bit("separator") | kind_bit("marker") |
                    kind_bit("json") | kind_bit("forward");
    unsigned all = (1u << (sizeof pattern_kinds / sizeof pattern_kinds[0])) - 1;
    if (write_pattern_group(o, "ndr_tab_textpat_ac", text) < 0 ||
        write_pattern_skip(o, "ndr_tab_sepskip",
                           kind_bit("separator") | kind_bit("json") |
                               kind_bit("forward")) < 0)
        return -1;
    return write_pattern_group(o, "ndr_tab_hdrpat_ac", all & ~text);
}

/* ---- output ---------------------------------------------------------- */

static void put_str(FILE *o, const char *s)
{
    fputc('"', o);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fprintf(o, "\\%c", c);
        else if (c == '?')
            fputs("\\?", o); /* no trigraphs */
        else if (c < 0x20 || c >= 0x7f)
            fprintf(o, "\\%03o", c);
        else
            fputc(c, o);
    }
    fputc('"', o);
}

static int code_order(const void *pa, const void *pb)
{
    const code_row *a = pa, *b = pb;
    if (a->depth != b->depth)
        return (int)a->depth - (int)b->depth;
    if (a->depth == 1)
        return (int)a->cls - (int)b->cls;
    if (a->subject != b->subject)
        return a->subject < b->subject ? -1 : 1;
    if (a->depth == 2)
        return 0;
    if (a->detail != b->detail)
        return a->detail < b->detail ? -1 : 1;
    if (a->cls != b->cls)
        return (int)a->cls - (int)b->cls;
    return strcmp(a->vendor, b->vendor); /* "" (registry) first */
}

static int reply_order(const void *pa, const void *pb)
{
    const reply_row *a = pa, *b = pb;
    return (int)a->code - (int)b->code;
}

static int token_order(const void *pa, const void *pb)
{
    const token_row *a = pa, *b = pb;
    return ci_cmp(a->token, b->token);
}

/* ---- automata of vendor markers and tokens ---------------------------- */

/* May the automaton find marker M (N bytes)?  Its matches are checked
 * against the marker's own bytes, which finds exactly what a plain
 * case-insensitive search finds, when the marker neither starts nor ends
 * with whitespace nor holds two whitespace bytes in a row (the automaton
 * counts a run of whitespace as one), nor a letter's lead byte without
 * its second byte (which the automaton refuses). */
static int marker_simple(const char *m, size_t n)
{
    if (n == 0 || isspace((unsigned char)m[0]) ||
        isspace((unsigned char)m[n - 1]) || ac_unfinished(m, n) < n)
        return 0;
    for (size_t i = 1; i < n; i++)
        if (isspace((unsigned char)m[i]) && isspace((unsigned char)m[i - 1]))
            return 0;
    return 1;
}

/* The tokens, normalized, into PATS[0..n_tokens) (allocated; the caller
 * frees them) and LENS. */
static void token_patterns(const char **pats, size_t *lens)
{
    for (size_t i = 0; i < n_tokens; i++) {
        char *norm = xstrdup(tokens[i].token);
        lens[i] = ndr_ac_normalize(tokens[i].token, strlen(tokens[i].token),
                                   norm);
        pats[i] = norm;
    }
}

/* Tokens and vendor markers in one automaton, for the words of a bounce,
 * where a token names the vendor and else a marker does: the tokens first
 * (pattern I < n_tokens is token I), then the marker patterns that are not
 * also a token.  Per pattern, ndr_tab_vt_token gives the token (0xffff:
 * none) and ndr_tab_vt_vendor the marker pattern of ndr_tab_vendor_ac
 * (0xffff: none).  VPATS[0..NV) are the marker patterns, normalized. */
static int write_vendor_token_ac(FILE *o, const char *const *vpats,
                                 const size_t *vlens, size_t nv)
{
    size_t cap = n_tokens + nv + 1, n = 0;
    const char **pats = calloc(cap, sizeof *pats);
    size_t *lens = calloc(cap, sizeof *lens);
    size_t *tok = calloc(cap, sizeof *tok), *ven = calloc(cap, sizeof *ven);
    ac_tables t;
    int rc = -1;
    if (!pats || !lens || !tok || !ven) {
        fputs("ndr_gen: out of memory\n", stderr);
        goto out;
    }
    token_patterns(pats, lens);
    for (; n < n_tokens; n++) {
        tok[n] = n;
        ven[n] = 0xffff;
    }
    for (size_t k = 0; k < nv; k++) {
        size_t i;
        for (i = 0; i < n_tokens; i++)
            if (lens[i] == vlens[k] && memcmp(pats[i], vpats[k], vlens[k]) == 0)
                break;
        if (i < n_tokens) {
            ven[i] = k;
            continue;
        }
        pats[n] = xstrdup(vpats[k]);
        lens[n] = vlens[k];
        tok[n] = 0xffff;
        ven[n++] = k;
    }
    if (ac_compile(&t, pats, lens, n) < 0)
        goto out;
    ac_emit(o, "ndr_tab_vt_ac", &t);
    ac_free(&t);
    fputs("const uint16_t ndr_tab_vt_token[] = {", o);
    for (size_t i = 0; i < n; i++)
        fprintf(o, "%s%zu", i % 12 ? ", " : i ? ",\n    " : "\n    ", tok[i]);
    fputs(n ? "\n};\n" : "0};\n", o);
    fputs("const uint16_t ndr_tab_vt_vendor[] = {", o);
    for (size_t i = 0; i < n; i++)
        fprintf(o, "%s%zu", i % 12 ? ", " : i ? ",\n    " : "\n    ", ven[i]);
    fputs(n ? "\n};\n\n" : "0};\n\n", o);
    rc = 0;
out:
    for (size_t i = 0; pats != NULL && i < n; i++)
        free((char *)pats[i]);
    free(pats);
    free(lens);
    free(tok);
    free(ven);
    return rc;
}

/* Vendor markers: one automaton of the simple ones, each pattern naming
 * its markers (vendor and bytes; markers that differ only in case or
 * whitespace share a pattern, chained by `next`), and a list of the rest
 * for a plain search. */
static int write_vendor_markers(FILE *o)
{
    const char **pats = calloc(MAX_ROWS, sizeof *pats);
    size_t *lens = calloc(MAX_ROWS, sizeof *lens);
    size_t *first = calloc(MAX_ROWS, sizeof *first); /* pattern -> marker + 1 */
    size_t *next = calloc(MAX_ROWS, sizeof *next);   /* marker -> marker + 1 */
    size_t *vend = calloc(MAX_ROWS, sizeof *vend);
    const char **raw = calloc(MAX_ROWS, sizeof *raw);
    size_t *pat_of = calloc(MAX_ROWS, sizeof *pat_of);
    size_t nm = 0, np = 0, nslow = 0;
    ac_tables t;
    int rc = -1;

    if (!pats || !lens || !first || !next || !vend || !raw || !pat_of) {
        fputs("ndr_gen: out of memory\n", stderr);
        goto out;
    }
    for (size_t i = 0; i < n_vendors; i++) {
        char *copy = xstrdup(vendors[i].markers), *save = NULL, *m;
        for (m = strtok_r(copy, "|", &save); m; m = strtok_r(NULL, "|", &save)) {
            size_t n = strlen(m), k;
            char *norm;
            if (nm == MAX_ROWS) {
                fputs("ndr_gen: too many vendor markers\n", stderr);
                free(copy);
                goto out;
            }
            vend[nm] = i;
            raw[nm] = xstrdup(m);
            if (!marker_simple(m, n) || n > NDR_AC_MAX_PATTERN) {
                pat_of[nm++] = SIZE_MAX;
                nslow++;
                continue;
            }
            norm = xstrdup(m);
            n = ndr_ac_normalize(m, n, norm);
            for (k = 0; k < np; k++)
                if (lens[k] == n && memcmp(pats[k], norm, n) == 0)
                    break;
            if (k == np) {
                pats[np] = norm;
                lens[np++] = n;
            } else {
                size_t *link = &first[k];
                free(norm);
                while (*link != 0)
                    link = &next[*link - 1];
                *link = nm + 1;
                pat_of[nm++] = k;
                continue;
            }
            first[k] = nm + 1;
            pat_of[nm++] = k;
        }
        free(copy);
    }
    if (ac_compile(&t, pats, lens, np) < 0)
        goto out;
    ac_emit(o, "ndr_tab_vendor_ac", &t);
    ac_free(&t);
    if (write_vendor_token_ac(o, pats, lens, np) < 0)
        goto out;
    /* per marker: vendor, bytes, length, next marker of the same pattern */
    fputs("const ndr_vendor_marker ndr_tab_vendor_marker[] = {\n", o);
    for (size_t i = 0; i < nm; i++) {
        fprintf(o, "    {%zu, ", vend[i]);
        put_str(o, raw[i]);
        fprintf(o, ", %zu, %zu},\n", strlen(raw[i]),
                pat_of[i] == SIZE_MAX ? (size_t)0 : next[i]);
    }
    if (nm == 0)
        fputs("    {0, \"\", 0, 0},\n", o);
    fputs("};\n", o);
    fputs("const uint16_t ndr_tab_vendor_pattern[] = {", o);
    for (size_t k = 0; k < np; k++)
        fprintf(o, "%s%zu", k % 16 ? ", " : k ? ",\n    " : "\n    ",
                first[k] - 1);
    fputs(np ? "\n};\n" : "0};\n", o);
    fputs("const uint16_t ndr_tab_vendor_slow[] = {", o);
    for (size_t i = 0, k = 0; i < nm; i++)
        if (pat_of[i] == SIZE_MAX)
            fprintf(o, "%s%zu", k++ ? ", " : "", i);
    fprintf(o, "%s};\nconst size_t ndr_tab_vendor_nslow = %zu;\n\n",
            nslow ? "" : "0", nslow);
    rc = 0;
out:
    for (size_t k = 0; k < np; k++)
        free((char *)pats[k]);
    for (size_t i = 0; i < nm; i++)
        free((char *)raw[i]);
    free(pats);
    free(lens);
    free(first);
    free(next);
    free(vend);
    free(raw);
    free(pat_of);
    return rc;
}

/* Tokens (already sorted): one automaton whose pattern ids are the
 * positions in ndr_tab_tokens. */
static int write_token_ac(FILE *o)
{
    const char **pats = calloc(n_tokens + 1, sizeof *pats);
    size_t *lens = calloc(n_tokens + 1, sizeof *lens);
    ac_tables t;
    int rc = -1;
    if (pats == NULL || lens == NULL) {
        fputs("ndr_gen: out of memory\n", stderr);
        goto out;
    }
    token_patterns(pats, lens);
    if (ac_compile(&t, pats, lens, n_tokens) < 0)
        goto out;
    ac_emit(o, "ndr_tab_token_ac", &t);
    ac_free(&t);
    rc = 0;
out:
    for (size_t i = 0; pats != NULL && i < n_tokens; i++)
        free((char *)pats[i]);
    free(pats);
    free(lens);
    return rc;
}

static int write_output(FILE *o, const char *date)
{
    size_t i, first_subject = 0, first_detail = 0;

    fputs("/* generated by ndr_gen from the data/ CSV files - do not edit */\n"
          "#include \"table.h\"\n\n",
          o);
    fputs("const char ndr_tab_registry_date[] = ", o);
    put_str(o, date);
    fputs(";\n\n", o);

    for (i = 0; i < n_vendors; i++) {
        char *m = xstrdup(vendors[i].markers), *save = NULL, *t;
        fprintf(o, "static const char *const vendor_markers_%zu[] = {", i);
        for (t = strtok_r(m, "|", &save); t; t = strtok_r(NULL, "|", &save)) {
            put_str(o, t);
            fputs(", ", o);
        }
        fputs("NULL};\n", o);
        free(m);
    }
    fputs("const ndr_vendor_row ndr_tab_vendors[] = {\n", o);
    for (i = 0; i < n_vendors; i++) {
        fputs("    {", o);
        put_str(o, vendors[i].id);
        fputs(", ", o);
        put_str(o, vendors[i].name);
        fprintf(o, ", vendor_markers_%zu},\n", i);
    }
    fprintf(o, "};\nconst size_t ndr_tab_nvendors = %zu;\n\n", n_vendors);

    qsort(codes, n_codes, sizeof codes[0], code_order);
    fputs("const ndr_entry ndr_tab_entries[] = {\n", o);
    for (i = 0; i < n_codes; i++) {
        const code_row *c = &codes[i];
        const vendor_row *v = c->vendor[0] ? find_vendor(c->vendor) : NULL;
        if (c->depth == 2 && first_subject == 0)
            first_subject = i;
        if (c->depth == 3 && first_detail == 0)
            first_detail = i;
        fputs("    {", o);
        put_str(o, c->code);
        fputs(", ", o);
        put_str(o, c->vendor);
        fputs(", ", o);
        put_str(o, v ? v->name : "");
        fputs(",\n     ", o);
        put_str(o, c->title);
        fputs(",\n     ", o);
        put_str(o, c->meaning);
        fputs(",\n     ", o);
        put_str(o, c->remediation);
        fputs(",\n     ", o);
        put_str(o, c->reference);
        fputs(",\n     {", o);
        for (unsigned k = 0; k < NDR_MAX_REPLY_CODES; k++)
            fprintf(o, "%s%u", k ? ", " : "",
                    k < c->n_reply ? c->reply[k] : 0u);
        fprintf(o, "}, %u, %u, %u, %u, %u, %u},\n", c->n_reply, c->who, c->cls,
                c->depth, c->subject, c->detail);
    }
    fprintf(o, "};\nconst size_t ndr_tab_nentries = %zu;\n", n_codes);
    fprintf(o, "const size_t ndr_tab_first_subject = %zu;\n", first_subject);
    fprintf(o, "const size_t ndr_tab_first_detail = %zu;\n\n", first_detail);

    qsort(replies, n_replies, sizeof replies[0], reply_order);
    fputs("const ndr_reply ndr_tab_replies[] = {\n", o);
    for (i = 0; i < n_replies; i++) {
        const reply_row *p = &replies[i];
        fprintf(o, "    {%u, %u,\n     ", p->code, p->who);
        put_str(o, p->title);
        fputs(",\n     ", o);
        put_str(o, p->meaning);
        fputs(",\n     ", o);
        put_str(o, p->remediation);
        fputs(",\n     ", o);
        put_str(o, p->reference);
        fputs("},\n", o);
    }
    fprintf(o, "};\nconst size_t ndr_tab_nreplies = %zu;\n\n", n_replies);

    qsort(tokens, n_tokens, sizeof tokens[0], token_order);
    fputs("const ndr_token ndr_tab_tokens[] = {\n", o);
    for (i = 0; i < n_tokens; i++) {
        const token_row *t = &tokens[i];
        const vendor_row *v = find_vendor(t->vendor);
        fputs("    {", o);
        put_str(o, t->token);
        fputs(", ", o);
        put_str(o, t->vendor);
        fputs(", ", o);
        put_str(o, v ? v->name : "");
        fputs(", ", o);
        put_str(o, t->code);
        fputs(",\n     ", o);
        put_str(o, t->title);
        fputs(",\n     ", o);
        put_str(o, t->meaning);
        fputs(",\n     ", o);
        put_str(o, t->remediation);
        fputs(",\n     ", o);
        put_str(o, t->reference);
        fprintf(o, ", %u},\n", t->who);
    }
    if (n_tokens == 0)
        fputs("    {\"\", \"\", \"\", \"\", \"\", \"\", \"\", \"\", 0},\n", o);
    fprintf(o, "};\nconst size_t ndr_tab_ntokens = %zu;\n\n", n_tokens);
    if (write_token_ac(o) < 0 || write_vendor_markers(o) < 0)
        return -1;
    if (write_reasons(o) < 0)
        return -1;
    return write_patterns(o);
}

int main(int argc, char **argv)
{
    const char *out = NULL;
    char date[64];
    FILE *o;
    int bad = 0;

    if (argc == 9 && strcmp(argv[1], "-o") == 0)
        out = argv[2];
    else {
        fputs("usage: ndr_gen -o OUT.c CODES.csv VENDORS.csv REPLIES.csv "
              "TOKENS.csv REASONS.csv PATTERNS.csv\n",
              stderr);
        return 2;
    }
    /* Vendors first: the other tables refer to them. */
    if (read_vendors(argv[4]) < 0)
        return 1;
    bad |= read_codes(argv[3]) < 0;
    bad |= read_replies(argv[5]) < 0;
    bad |= read_tokens(argv[6]) < 0;
    bad |= read_reasons(argv[7]) < 0;
    bad |= read_patterns(argv[8]) < 0;
    bad |= read_registry_date(argv[3], date, sizeof date) < 0;
    if (bad)
        return 1;

    o = fopen(out, "wb");
    if (o == NULL) {
        perror(out);
        return 1;
    }
    if (write_output(o, date) < 0) {
        fclose(o);
        remove(out);
        return 1;
    }
    if (fclose(o) != 0) {
        perror(out);
        remove(out);
        return 1;
    }
    return 0;
}
