/*
 * read.c - `ndrcode < bounce`, `ndrcode -f FILE...`: feed files, mbox
 * files, Maildir folders or standard input to the library's bounce parser
 * in fixed blocks, and print each record as text, JSON Lines or TSV, or
 * only a --summary at the end.
 */
#include "cli.h"
#include "ndrcode.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define READ_BLOCK (256 * 1024)
#define SUMMARY_KEYS 4096

typedef struct count {
    char *key;
    size_t n;
} count;

typedef struct tally {
    count *c;
    size_t n, cap;
    size_t other; /* past SUMMARY_KEYS distinct keys */
} tally;

typedef struct reader {
    const cli_opts *opt;
    out_ctx *o;
    const char *source;
    size_t records, failures, hard, soft, not_failures;
    tally by_status, by_reason, by_domain;
    char *buf;
    int oom;
} reader;

/* ---- summary counting ---------------------------------------------------- */

static void tally_add(reader *rd, tally *t, const char *key)
{
    size_t i;
    for (i = 0; i < t->n; i++)
        if (strcmp(t->c[i].key, key) == 0) {
            t->c[i].n++;
            return;
        }
    if (t->n == SUMMARY_KEYS) {
        t->other++;
        return;
    }
    if (t->n == t->cap) {
        size_t ncap = t->cap ? t->cap * 2 : 16;
        count *nc = realloc(t->c, ncap * sizeof *nc);
        if (nc == NULL) {
            rd->oom = 1;
            return;
        }
        t->c = nc;
        t->cap = ncap;
    }
    t->c[t->n].key = strdup(key);
    if (t->c[t->n].key == NULL) {
        rd->oom = 1;
        return;
    }
    t->c[t->n++].n = 1;
}

static int count_order(const void *pa, const void *pb)
{
    const count *a = pa, *b = pb;
    if (a->n != b->n)
        return a->n > b->n ? -1 : 1;
    return strcmp(a->key, b->key);
}

static void tally_free(tally *t)
{
    for (size_t i = 0; i < t->n; i++)
        free(t->c[i].key);
    free(t->c);
}

static void print_tally_json(FILE *f, const char *name, tally *t)
{
    qsort(t->c, t->n, sizeof *t->c, count_order);
    fprintf(f, ",\"%s\":{", name);
    for (size_t i = 0; i < t->n; i++) {
        if (i)
            fputc(',', f);
        out_json_cstr(f, t->c[i].key);
        fprintf(f, ":%zu", t->c[i].n);
    }
    if (t->other)
        fprintf(f, "%s\"(other)\":%zu", t->n ? "," : "", t->other);
    fputc('}', f);
}

static void print_tally_text(FILE *f, const char *title, tally *t)
{
    qsort(t->c, t->n, sizeof *t->c, count_order);
    fprintf(f, "\n%s\n", title);
    for (size_t i = 0; i < t->n; i++) {
        fprintf(f, "  %8zu  ", t->c[i].n);
        out_safe_str(f, t->c[i].key);
        fputc('\n', f);
    }
    if (t->other)
        fprintf(f, "  %8zu  (other)\n", t->other);
}

static void print_summary(reader *rd)
{
    FILE *f = rd->o->f;
    if (rd->opt->format == FMT_JSON) {
        fprintf(f,
                "{\"kind\":\"summary\",\"records\":%zu,\"failures\":%zu,"
                "\"hard\":%zu,\"soft\":%zu,\"not_failures\":%zu",
                rd->records, rd->failures, rd->hard, rd->soft,
                rd->not_failures);
        print_tally_json(f, "by_status", &rd->by_status);
        print_tally_json(f, "by_reason", &rd->by_reason);
        print_tally_json(f, "by_domain", &rd->by_domain);
        fputs("}\n", f);
        return;
    }
    fprintf(f, "Records:  %zu\nFailures: %zu (hard %zu, soft %zu)\n"
               "Other reports (feedback, auto-replies, deliveries): %zu\n",
            rd->records, rd->failures, rd->hard, rd->soft, rd->not_failures);
    print_tally_text(f, "By status:", &rd->by_status);
    print_tally_text(f, "By reason:", &rd->by_reason);
    print_tally_text(f, "By recipient domain:", &rd->by_domain);
}

/* ---- records ------------------------------------------------------------- */

static void json_kv(FILE *f, const char *key, const char *val)
{
    fprintf(f, ",\"%s\":", key);
    out_json_cstr(f, val);
}

/* What the table says about the record's status: title, remediation. */
static const ndr_entry *record_entry(const ndr_record *r, ndr_explanation *ex)
{
    ndr_code c;
    if (r->status == NULL ||
        !ndr_code_parse(r->status, strlen(r->status), &c) ||
        !ndr_explain(c, r->vendor, ex))
        return NULL;
    if (ex->vendor_leads)
        return ex->vendors[0];
    return ex->main;
}

static void print_json(reader *rd, const ndr_record *r, const ndr_entry *e)
{
    FILE *f = rd->o->f;
    fputs("{\"kind\":\"bounce\"", f);
    json_kv(f, "source", rd->source);
    fprintf(f, ",\"message\":%zu", r->message);
    json_kv(f, "recipient", r->recipient);
    json_kv(f, "action", r->action);
    json_kv(f, "status", r->status);
    if (r->reply)
        fprintf(f, ",\"reply\":%d", r->reply);
    else
        fputs(",\"reply\":null", f);
    json_kv(f, "reason", ndr_reason_name(r->reason));
    fprintf(f, ",\"hard\":%s", r->hard ? "true" : "false");
    json_kv(f, "diagnostic", r->diagnostic);
    json_kv(f, "remote_mta", r->remote_mta);
    json_kv(f, "reporting_mta", r->reporting_mta);
    json_kv(f, "dsn_status", r->dsn_status);
    fprintf(f, ",\"inconsistent\":%s",
            (r->flags & NDR_REC_INCONSISTENT) ? "true" : "false");
    json_kv(f, "vendor", r->vendor);
    json_kv(f, "title", e ? e->title : NULL);
    json_kv(f, "remediation", e ? e->remediation : NULL);
    json_kv(f, "who", e ? ndr_who_name((ndr_who)e->who) : NULL);
    fputs("}\n", f);
}

static void print_tsv(reader *rd, const ndr_record *r)
{
    FILE *f = rd->o->f;
    char num[32];
    out_tsv_field(f, rd->source);
    fprintf(f, "\t%zu\t", r->message);
    out_tsv_field(f, r->recipient);
    fputc('\t', f);
    out_tsv_field(f, r->action);
    fputc('\t', f);
    out_tsv_field(f, r->status);
    fputc('\t', f);
    if (r->reply) {
        snprintf(num, sizeof num, "%d", r->reply);
        fputs(num, f);
    }
    fprintf(f, "\t%s\t%s\t", ndr_reason_name(r->reason),
            r->hard ? "1" : "0");
    out_tsv_field(f, r->remote_mta);
    fputc('\t', f);
    out_tsv_field(f, r->diagnostic);
    fputc('\n', f);
}

static void print_text(reader *rd, const ndr_record *r, const ndr_entry *e)
{
    out_ctx *o = rd->o;
    FILE *f = o->f;
    int cls = r->status ? r->status[0] - '0' : 0;

    out_color(o, cls);
    out_safe_str(f, r->recipient ? r->recipient : "(recipient not given)");
    out_reset(o);
    fputs("  (", f);
    out_safe_str(f, rd->source);
    fprintf(f, ", message %zu)\n", r->message);
    if (r->status != NULL) {
        fputs("  ", f);
        out_color(o, cls);
        fputs(r->status, f);
        out_reset(o);
        if (r->reply)
            fprintf(f, " (reply %d)", r->reply);
        if (e != NULL) {
            fputs("  ", f);
            out_safe_str(f, e->title);
        }
        fputc('\n', f);
    } else if (r->reply) {
        fprintf(f, "  reply %d, no enhanced status code\n", r->reply);
    }
    {
        char why[512];
        int w = snprintf(why, sizeof why, "%s (%s)%s",
                         ndr_reason_name(r->reason), ndr_reason_text(r->reason),
                         (r->flags & NDR_REC_NOT_FAILURE) ? ""
                         : r->hard ? "; hard bounce: stop sending to this address"
                                   : "; soft bounce");
        if (w > 0 && (size_t)w < sizeof why)
            out_wrapped(o, "  Reason:     ", 14, why);
    }
    if (r->dsn_status != NULL) {
        char dsn[160];
        int w = snprintf(dsn, sizeof dsn, "%s (the more specific code above "
                         "comes from the server's words)", r->dsn_status);
        if (w > 0 && (size_t)w < sizeof dsn)
            out_wrapped(o, "  DSN status: ", 14, dsn);
    }
    if (r->flags & NDR_REC_INCONSISTENT)
        out_wrapped(o, "  Note:       ", 14,
                    "the status class and the reply code disagree");
    if (r->diagnostic != NULL)
        out_wrapped(o, "  Server:     ", 14, r->diagnostic);
    if (r->remote_mta != NULL)
        out_wrapped(o, "  Remote MTA: ", 14, r->remote_mta);
    if (e != NULL) {
        if (e->vendor_name[0])
            out_wrapped(o, "  As used by: ", 14, e->vendor_name);
        out_wrapped(o, "  Meaning:    ", 14, e->meaning);
        out_wrapped(o, "  What to do: ", 14, e->remediation);
        out_wrapped(o, "  Who acts:   ", 14, out_who_text(e->who));
    }
    fputc('\n', f);
}

static int on_record(void *ctx, const ndr_record *r)
{
    reader *rd = ctx;
    ndr_explanation ex;
    const ndr_entry *e = record_entry(r, &ex);

    rd->records++;
    if (r->flags & NDR_REC_NOT_FAILURE) {
        rd->not_failures++;
    } else {
        rd->failures++;
        if (r->hard)
            rd->hard++;
        else
            rd->soft++;
    }
    if (rd->opt->summary) {
        const char *at = r->recipient ? strrchr(r->recipient, '@') : NULL;
        tally_add(rd, &rd->by_status, r->status ? r->status : "(none)");
        tally_add(rd, &rd->by_reason, ndr_reason_name(r->reason));
        tally_add(rd, &rd->by_domain, at ? at + 1 : "(none)");
        return rd->oom;
    }
    if (rd->opt->quiet)
        return 0;
    if (rd->opt->format == FMT_JSON)
        print_json(rd, r, e);
    else if (rd->opt->format == FMT_TSV)
        print_tsv(rd, r);
    else
        print_text(rd, r, e);
    return 0;
}

/* ---- input --------------------------------------------------------------- */

static void say_error(const char *source, const char *what)
{
    fputs("ndrcode: ", stderr);
    out_safe_str(stderr, source);
    fprintf(stderr, ": %s\n", what);
}

/* Feed one open descriptor to a fresh parser run.  Returns 0 or 2. */
static int read_fd(reader *rd, ndr_parser *p, int fd, const char *source)
{
    ndr_status st = NDR_OK;
    ndr_parser_reset(p);
    rd->source = source;
    for (;;) {
        ssize_t n = read(fd, rd->buf, READ_BLOCK);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            say_error(source, strerror(errno));
            return 2;
        }
        if (n == 0)
            break;
        st = ndr_parser_feed(p, rd->buf, (size_t)n);
        if (st != NDR_OK)
            break;
    }
    if (st == NDR_OK)
        st = ndr_parser_finish(p);
    if (st != NDR_OK) {
        say_error(source, ndr_strerror(st));
        return 2;
    }
    return 0;
}

static int read_path(reader *rd, ndr_parser *p, const char *path)
{
    int fd, rc;
    struct stat st;
    fd = open(path, O_RDONLY);
    if (fd < 0) {
        say_error(path, strerror(errno));
        return 2;
    }
    if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        close(fd);
        say_error(path, "is a directory (not a Maildir folder)");
        return 2;
    }
    rc = read_fd(rd, p, fd, path);
    close(fd);
    return rc;
}

static int name_order(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A Maildir folder: every file of new/ and cur/, in name order. */
static int read_maildir(reader *rd, ndr_parser *msg, const char *dir)
{
    static const char *const subs[] = {"new", "cur"};
    int rc = 0;
    for (size_t s = 0; s < 2; s++) {
        char path[4096];
        DIR *d;
        struct dirent *de;
        char **names = NULL;
        size_t n = 0, cap = 0;
        int w = snprintf(path, sizeof path, "%s/%s", dir, subs[s]);
        if (w < 0 || (size_t)w >= sizeof path)
            return 2;
        d = opendir(path);
        if (d == NULL)
            continue;
        while ((de = readdir(d)) != NULL) {
            if (de->d_name[0] == '.')
                continue;
            if (n == cap) {
                size_t ncap = cap ? cap * 2 : 64;
                char **nn = realloc(names, ncap * sizeof *nn);
                if (nn == NULL)
                    break;
                names = nn;
                cap = ncap;
            }
            if ((names[n] = strdup(de->d_name)) != NULL)
                n++;
        }
        closedir(d);
        if (n > 0)
            qsort(names, n, sizeof *names, name_order);
        for (size_t i = 0; i < n; i++) {
            w = snprintf(path, sizeof path, "%s/%s/%s", dir, subs[s],
                         names[i]);
            if (w >= 0 && (size_t)w < sizeof path) {
                struct stat st;
                if (stat(path, &st) == 0 && S_ISREG(st.st_mode) &&
                    read_path(rd, msg, path) != 0)
                    rc = 2;
            }
            free(names[i]);
        }
        free(names);
    }
    return rc;
}

static int is_maildir(const char *dir)
{
    char path[4096];
    struct stat st;
    int w = snprintf(path, sizeof path, "%s/cur", dir);
    if (w > 0 && (size_t)w < sizeof path && stat(path, &st) == 0 &&
        S_ISDIR(st.st_mode))
        return 1;
    w = snprintf(path, sizeof path, "%s/new", dir);
    return w > 0 && (size_t)w < sizeof path && stat(path, &st) == 0 &&
           S_ISDIR(st.st_mode);
}

int cli_read(const cli_opts *opt, out_ctx *o)
{
    reader rd;
    ndr_options po, mo;
    ndr_parser *p, *msg;
    int rc = 0;

    memset(&rd, 0, sizeof rd);
    rd.opt = opt;
    rd.o = o;
    rd.buf = malloc(READ_BLOCK);
    ndr_options_init(&po);
    po.on_record = on_record;
    po.ctx = &rd;
    mo = po;
    mo.mbox = 0; /* Maildir files hold one message each */
    p = ndr_parser_new(&po);
    msg = ndr_parser_new(&mo);
    if (rd.buf == NULL || p == NULL || msg == NULL) {
        fputs("ndrcode: out of memory\n", stderr);
        free(rd.buf);
        ndr_parser_free(p);
        ndr_parser_free(msg);
        return 2;
    }
    if (opt->format == FMT_TSV && !opt->summary && !opt->quiet)
        fputs("source\tmessage\trecipient\taction\tstatus\treply\treason\t"
              "hard\tremote_mta\tdiagnostic\n",
              o->f);

    if (opt->nfiles == 0) {
        if (isatty(STDIN_FILENO))
            fputs("ndrcode: reading a bounce from the terminal: paste it, "
                  "then press Ctrl-D\n", stderr);
        rc = read_fd(&rd, p, STDIN_FILENO, "-");
    }
    for (size_t i = 0; i < opt->nfiles; i++) {
        const char *path = opt->files[i];
        struct stat st;
        int r;
        if (strcmp(path, "-") == 0)
            r = read_fd(&rd, p, STDIN_FILENO, "-");
        else if (stat(path, &st) == 0 && S_ISDIR(st.st_mode) &&
                 is_maildir(path))
            r = read_maildir(&rd, msg, path);
        else
            r = read_path(&rd, p, path);
        if (r != 0)
            rc = r;
    }
    if (opt->summary && !opt->quiet)
        print_summary(&rd);
    if (rd.oom) {
        fputs("ndrcode: out of memory\n", stderr);
        rc = 2;
    }
    tally_free(&rd.by_status);
    tally_free(&rd.by_reason);
    tally_free(&rd.by_domain);
    ndr_parser_free(p);
    ndr_parser_free(msg);
    free(rd.buf);
    if (rc != 0)
        return rc;
    return rd.failures > 0 ? 0 : 1;
}
