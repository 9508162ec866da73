/*
 * explain.c - `ndrcode TEXT...`, `--list` and `--search`: explain the codes,
 * tokens and reply codes found in command-line text.
 *
 * A TEXT is scanned, not parsed: "550 5.1.1", "#550 5.1.1", a pasted
 * Exchange line or a whole sentence all work.  Enhanced codes and vendor
 * tokens are explained; a bare reply code ("550") only when the TEXT holds
 * neither, so "550 5.1.1" does not print two explanations of one failure.
 */
#include "cli.h"
#include "ndrcode.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#define MAX_PER_TEXT 64

/* "CODE  Title" in text output: the code coloured by its class, the title
 * wrapped under itself, or under a small indent after a long token. */
static void print_head(out_ctx *o, int cls, const char *code,
                       const char *title)
{
    int n = (int)strlen(code);
    out_color(o, cls);
    fputs(code, o->f);
    out_reset(o);
    fputs("  ", o->f);
    out_wrap_from(o, n + 2, n + 2 <= 16 ? n + 2 : 4, title);
}

/* "  Replies:    550 554": a row's basic reply codes, when it has any. */
static void print_replies(FILE *f, const unsigned short *reply, size_t n)
{
    if (n == 0)
        return;
    fputs("  Replies:    ", f);
    for (size_t i = 0; i < n; i++)
        fprintf(f, "%s%u", i ? " " : "", reply[i]);
    fputc('\n', f);
}

#if defined(__GNUC__)
#define NDR_PRINTF_LIKE(f, a) __attribute__((format(printf, f, a)))
#else
#define NDR_PRINTF_LIKE(f, a)
#endif

/* A line of text output that the program writes itself, indented by two
 * and wrapped like the table's text. */
static void print_line(out_ctx *o, const char *fmt, ...) NDR_PRINTF_LIKE(2, 3);
static void print_line(out_ctx *o, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    int n;
    va_start(ap, fmt);
    /* static analysis (clang-analyzer-valist.Uninitialized) wrongly says ap
     * is uninitialized here: see tests/static/justified.txt */
    n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n >= sizeof buf)
        buf[sizeof buf - 1] = '\0';
    out_wrapped(o, "  ", 2, buf);
}

static void json_replies(FILE *f, const unsigned short *r, size_t n)
{
    fputc('[', f);
    for (size_t i = 0; i < n; i++)
        fprintf(f, "%s%u", i ? "," : "", r[i]);
    fputc(']', f);
}

static void json_key(FILE *f, const char *key, const char *val)
{
    fprintf(f, ",\"%s\":", key);
    out_json_cstr(f, val);
}

/* Title and meaning for a code that only matched its subject or class. */
static void fallback_text(const ndr_explanation *ex, char *title, size_t tcap,
                          char *meaning, size_t mcap)
{
    char code[NDR_CODE_BUFSZ];
    int n;
    ndr_code_format(ex->code, code);
    if (ex->match == NDR_MATCH_SUBJECT) {
        /* A success whose X.S.D the registry gives only to failures (2.1.1)
         * is as unregistered as 2.4.9; its meaning is its class row's. */
        int success = ex->code.cls == 2;
        n = snprintf(title, tcap, "%s status, detail %u not registered%s",
                     ex->subject_text, ex->code.detail,
                     success ? " as a success" : "");
        if (n < 0 || (size_t)n >= tcap)
            title[0] = '\0';
        n = snprintf(meaning, mcap,
                     success ? "%s is not a registered success status; only "
                               "its class and subject say something. %s"
                             : "%s is not in the IANA registry; only its "
                               "class and subject say something. %s",
                     code, ex->main->meaning);
    } else {
        n = snprintf(title, tcap, "%s, subject %u not registered",
                     ex->class_text, ex->code.subject);
        if (n < 0 || (size_t)n >= tcap)
            title[0] = '\0';
        n = snprintf(meaning, mcap,
                     "%s has a subject that the registry does not define; "
                     "only its class says something. %s",
                     code, ex->main->meaning);
    }
    if (n < 0 || (size_t)n >= mcap)
        meaning[0] = '\0';
}

static void print_code(const cli_opts *opt, out_ctx *o, const char *input,
                       const ndr_explanation *ex)
{
    char code[NDR_CODE_BUFSZ], title[256], meaning[2048];
    const ndr_entry *m = ex->main;
    const char *t = m->title, *mean = m->meaning;
    FILE *f = o->f;

    ndr_code_format(ex->code, code);
    if (ex->match == NDR_MATCH_SUBJECT || ex->match == NDR_MATCH_CLASS) {
        fallback_text(ex, title, sizeof title, meaning, sizeof meaning);
        t = title;
        mean = meaning;
    }
    if (opt->quiet)
        return;
    if (opt->format == FMT_JSON) {
        fputs("{\"kind\":\"code\"", f);
        json_key(f, "input", input);
        json_key(f, "code", code);
        json_key(f, "match", ndr_match_name(ex->match));
        fprintf(f, ",\"class\":%u", ex->code.cls);
        json_key(f, "class_text", ex->class_text);
        fprintf(f, ",\"subject\":%u", ex->code.subject);
        json_key(f, "subject_text", ex->subject_text[0] ? ex->subject_text : NULL);
        json_key(f, "title", t);
        json_key(f, "meaning", mean);
        json_key(f, "remediation", m->remediation);
        json_key(f, "who", ndr_who_name((ndr_who)m->who));
        fputs(",\"vendor\":[", f);
        for (size_t i = 0, k = 0; i < ex->n_vendors; i++) {
            const ndr_entry *v = ex->vendors[i];
            fputs(k++ ? ",{" : "{", f);
            fputs("\"vendor\":", f);
            out_json_cstr(f, v->vendor);
            json_key(f, "name", v->vendor_name);
            json_key(f, "title", v->title);
            json_key(f, "text", v->meaning);
            json_key(f, "remediation", v->remediation);
            json_key(f, "who", ndr_who_name((ndr_who)v->who));
            fputs(",\"reply_codes\":", f);
            json_replies(f, v->reply, v->n_reply);
            json_key(f, "reference", v->reference);
            fputc('}', f);
        }
        fputs("],\"reply_codes\":", f);
        json_replies(f, m->reply, m->n_reply);
        json_key(f, "reference", m->reference);
        fputs("}\n", f);
        return;
    }

    /* Text: the hinted vendor's reading first (with the replies and the
     * source of its own row), then the registry's. */
    print_head(o, ex->code.cls, code,
               ex->vendor_leads ? ex->vendors[0]->title : t);
    print_line(o, "%s (class %u), %s (subject %u); match: %s",
               ex->class_text, ex->code.cls,
               ex->subject_text[0] ? ex->subject_text : "unregistered subject",
               ex->code.subject, ndr_match_name(ex->match));
    for (size_t i = 0; i < ex->n_vendors; i++) {
        const ndr_entry *v = ex->vendors[i];
        char label[128];
        int n;
        if (!(i == 0 && ex->vendor_leads))
            continue;
        n = snprintf(label, sizeof label, "  %s: ", v->vendor_name);
        if (n < 0 || (size_t)n >= sizeof label)
            continue;
        out_wrapped(o, label, 14, v->meaning);
        out_wrapped(o, "  What to do: ", 14, v->remediation);
        out_wrapped(o, "  Who acts:   ", 14, out_who_text(v->who));
        print_replies(f, v->reply, v->n_reply);
        out_wrapped(o, "  Reference:  ", 14, v->reference);
    }
    if (!(ex->vendor_leads && m == ex->vendors[0])) {
        out_wrapped(o, ex->vendor_leads ? "  Registry:   " : "  Meaning:    ",
                    14, mean);
        out_wrapped(o, "  What to do: ", 14, m->remediation);
        out_wrapped(o, "  Who acts:   ", 14, out_who_text(m->who));
    }
    for (size_t i = 0; i < ex->n_vendors; i++) {
        const ndr_entry *v = ex->vendors[i];
        char label[128];
        int n;
        if ((i == 0 && ex->vendor_leads) || v == m)
            continue;
        n = snprintf(label, sizeof label, "  %s: ", v->vendor_name);
        if (n < 0 || (size_t)n >= sizeof label)
            continue;
        fputc('\n', f);
        out_wrapped(o, label, 4, v->meaning);
        out_wrapped(o, "    What to do: ", 16, v->remediation);
    }
    print_replies(f, m->reply, m->n_reply);
    out_wrapped(o, "  Reference:  ", 14, m->reference);
    fputc('\n', f);
}

static void print_token(const cli_opts *opt, out_ctx *o, const char *input,
                        const ndr_token *t)
{
    FILE *f = o->f;
    if (opt->quiet)
        return;
    if (opt->format == FMT_JSON) {
        fputs("{\"kind\":\"token\"", f);
        json_key(f, "input", input);
        json_key(f, "token", t->token);
        json_key(f, "vendor", t->vendor);
        json_key(f, "name", t->vendor_name);
        json_key(f, "code", t->code[0] ? t->code : NULL);
        json_key(f, "title", t->title);
        json_key(f, "meaning", t->meaning);
        json_key(f, "remediation", t->remediation);
        json_key(f, "who", ndr_who_name((ndr_who)t->who));
        json_key(f, "reference", t->reference);
        fputs("}\n", f);
        return;
    }
    print_head(o, t->code[0] ? t->code[0] - '0' : 0, t->token, t->title);
    if (t->code[0])
        print_line(o, "%s diagnostic token, usually with %s", t->vendor_name,
                   t->code);
    else
        print_line(o, "%s diagnostic token", t->vendor_name);
    out_wrapped(o, "  Meaning:    ", 14, t->meaning);
    out_wrapped(o, "  What to do: ", 14, t->remediation);
    out_wrapped(o, "  Who acts:   ", 14, out_who_text(t->who));
    out_wrapped(o, "  Reference:  ", 14, t->reference);
    fputc('\n', f);
}

static void print_reply(const cli_opts *opt, out_ctx *o, const char *input,
                        const ndr_reply *r)
{
    FILE *f = o->f;
    int cls = r->code / 100;
    const char *ct = cls == 2 ? "Success" : cls == 3 ? "Intermediate"
                   : cls == 4 ? "Transient failure" : "Permanent failure";
    char num[8];
    if (opt->quiet)
        return;
    if (opt->format == FMT_JSON) {
        fputs("{\"kind\":\"reply\"", f);
        json_key(f, "input", input);
        fprintf(f, ",\"code\":%u,\"class\":%d", r->code, cls);
        json_key(f, "class_text", ct);
        json_key(f, "title", r->title);
        json_key(f, "meaning", r->meaning);
        json_key(f, "remediation", r->remediation);
        json_key(f, "who", ndr_who_name((ndr_who)r->who));
        json_key(f, "reference", r->reference);
        fputs("}\n", f);
        return;
    }
    snprintf(num, sizeof num, "%u", r->code);
    print_head(o, cls, num, r->title);
    print_line(o, "%s (basic reply code)", ct);
    out_wrapped(o, "  Meaning:    ", 14, r->meaning);
    out_wrapped(o, "  What to do: ", 14, r->remediation);
    out_wrapped(o, "  Who acts:   ", 14, out_who_text(r->who));
    out_wrapped(o, "  Reference:  ", 14, r->reference);
    fputc('\n', f);
}

static void no_code(const char *text)
{
    struct stat st;
    fputs("ndrcode: no status code in '", stderr);
    out_safe_str(stderr, text);
    fputc('\'', stderr);
    if (stat(text, &st) == 0)
        fputs(" (to read a file, use -f ", stderr), out_safe_str(stderr, text),
            fputc(')', stderr);
    fputc('\n', stderr);
}

/* Explain one TEXT; returns how many things were explained. */
static size_t explain_one(const cli_opts *opt, out_ctx *o, const char *text)
{
    size_t len = strlen(text), pos = 0, found = 0, ncodes = 0, ntok = 0;
    ndr_code codes[MAX_PER_TEXT];
    const ndr_token *toks[MAX_PER_TEXT];
    const char *hint = ndr_vendor_detect(text, len);

    /* Tokens first: they name their vendor, which then leads. */
    while (pos < len && ntok < MAX_PER_TEXT) {
        const ndr_token *t;
        size_t tl, at = ndr_token_scan(text + pos, len - pos, &t, &tl);
        size_t k;
        if (at == (size_t)-1)
            break;
        pos += at + tl;
        for (k = 0; k < ntok && toks[k] != t; k++)
            ;
        if (k == ntok)
            toks[ntok++] = t;
    }
    if (hint == NULL && ntok > 0)
        hint = toks[0]->vendor;

    pos = 0;
    while (pos < len && ncodes < MAX_PER_TEXT) {
        ndr_code c;
        size_t tl, at = ndr_code_scan(text + pos, len - pos, &c, &tl), k;
        ndr_explanation ex;
        if (at == (size_t)-1)
            break;
        pos += at + tl;
        for (k = 0; k < ncodes; k++)
            if (codes[k].cls == c.cls && codes[k].subject == c.subject &&
                codes[k].detail == c.detail)
                break;
        if (k < ncodes)
            continue;
        codes[ncodes++] = c;
        if (ndr_explain(c, hint, &ex)) {
            print_code(opt, o, text, &ex);
            found++;
        }
    }
    for (size_t k = 0; k < ntok; k++)
        print_token(opt, o, text, toks[k]);
    found += ntok;

    if (found == 0) {
        int seen[8] = {0};
        size_t nseen = 0;
        pos = 0;
        while (pos < len) {
            int r;
            size_t at = ndr_reply_scan(text + pos, len - pos, &r), k;
            const ndr_reply *rep;
            if (at == (size_t)-1)
                break;
            pos += at + 3;
            for (k = 0; k < nseen && seen[k] != r; k++)
                ;
            if (k < nseen || (rep = ndr_reply_lookup(r)) == NULL)
                continue;
            if (nseen < sizeof seen / sizeof seen[0])
                seen[nseen++] = r;
            print_reply(opt, o, text, rep);
            found++;
        }
    }
    return found;
}

int cli_explain(const cli_opts *opt, out_ctx *o, char **texts, size_t n)
{
    int rc = 0;
    for (size_t i = 0; i < n; i++) {
        if (explain_one(opt, o, texts[i]) == 0) {
            /* (-q: the exit status alone says it) */
            if (!opt->quiet)
                no_code(texts[i]);
            rc = 1;
        }
    }
    return rc;
}

/* ---- --list and --search ------------------------------------------- */

static void print_entry(const cli_opts *opt, out_ctx *o, const ndr_entry *e)
{
    FILE *f = o->f;
    if (opt->format == FMT_JSON) {
        fputs("{\"kind\":\"entry\"", f);
        json_key(f, "code", e->code);
        json_key(f, "vendor", e->vendor[0] ? e->vendor : NULL);
        json_key(f, "title", e->title);
        json_key(f, "meaning", e->meaning);
        json_key(f, "remediation", e->remediation);
        json_key(f, "who", ndr_who_name((ndr_who)e->who));
        fputs(",\"reply_codes\":", f);
        json_replies(f, e->reply, e->n_reply);
        json_key(f, "reference", e->reference);
        fputs("}\n", f);
    } else if (opt->format == FMT_TSV) {
        fprintf(f, "%s\t%s\t", e->code, e->vendor);
        out_tsv_field(f, e->title);
        fputc('\n', f);
    } else {
        out_color(o, e->cls);
        fprintf(f, "%-9s", e->code);
        out_reset(o);
        fprintf(f, " %-16s %s\n", e->vendor[0] ? e->vendor : "registry",
                e->title);
    }
}

/* Does the table code CODE fall under PREFIX ("5.7" lists X.7.* too)? */
static int under_prefix(const char *code, const char *prefix)
{
    size_t i;
    for (i = 0; prefix[i]; i++) {
        char c = code[i];
        if (c == '\0')
            return 0;
        if (c == prefix[i] || (i == 0 && c == 'X' && strchr("245", prefix[0])))
            continue;
        return 0;
    }
    return code[i] == '\0' || code[i] == '.' || prefix[i - 1] == '.';
}

int cli_list(const cli_opts *opt, out_ctx *o, const char *prefix)
{
    size_t shown = 0;
    if (opt->format == FMT_TSV)
        fputs("code\tvendor\ttitle\n", o->f);
    for (size_t i = 0; i < ndr_entry_count(); i++) {
        const ndr_entry *e = ndr_entry_at(i);
        if (prefix != NULL && prefix[0] && !under_prefix(e->code, prefix))
            continue;
        if (!opt->quiet)
            print_entry(opt, o, e);
        shown++;
    }
    return shown ? 0 : 1;
}

static int has_word(const char *hay, const char *w)
{
    size_t n = strlen(w), hl = strlen(hay);
    for (size_t i = 0; i + n <= hl; i++) {
        size_t k;
        for (k = 0; k < n; k++) {
            char a = hay[i + k], b = w[k];
            if (a >= 'A' && a <= 'Z')
                a = (char)(a + 32);
            if (b >= 'A' && b <= 'Z')
                b = (char)(b + 32);
            if (a != b)
                break;
        }
        if (k == n)
            return 1;
    }
    return 0;
}

static int all_words(const char *const *fields, size_t nf, char **words,
                     size_t nw)
{
    for (size_t w = 0; w < nw; w++) {
        int hit = 0;
        for (size_t i = 0; i < nf && !hit; i++)
            hit = fields[i] != NULL && has_word(fields[i], words[w]);
        if (!hit)
            return 0;
    }
    return 1;
}

int cli_search(const cli_opts *opt, out_ctx *o, char **words, size_t n)
{
    size_t shown = 0;
    if (opt->format == FMT_TSV)
        fputs("code\tvendor\ttitle\n", o->f);
    for (size_t i = 0; i < ndr_entry_count(); i++) {
        const ndr_entry *e = ndr_entry_at(i);
        const char *fields[] = {e->code, e->vendor_name, e->title, e->meaning,
                                e->remediation};
        if (!all_words(fields, 5, words, n))
            continue;
        if (!opt->quiet)
            print_entry(opt, o, e);
        shown++;
    }
    for (size_t i = 0; i < ndr_token_count(); i++) {
        const ndr_token *t = ndr_token_at(i);
        const char *fields[] = {t->token, t->vendor_name, t->title, t->meaning,
                                t->remediation};
        if (!all_words(fields, 5, words, n))
            continue;
        if (!opt->quiet) {
            if (opt->format == FMT_TEXT)
                fprintf(o->f, "%-30s %-16s %s\n", t->token, t->vendor,
                        t->title);
            else if (opt->format == FMT_TSV)
                fprintf(o->f, "%s\t%s\t%s\n", t->token, t->vendor, t->title);
            else
                print_token(opt, o, words[0], t);
        }
        shown++;
    }
    return shown ? 0 : 1;
}
