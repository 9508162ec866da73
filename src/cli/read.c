/*
 * read.c - `ndrcode < bounce`, `ndrcode -f FILE...`: feed files, mbox
 * files, Maildir folders or standard input to the library's bounce parser
 * in fixed blocks, and print each record as text, JSON Lines or TSV, or
 * only a --summary at the end.
 *
 * A large mbox that is a regular file is read on several threads: it is
 * cut into segments of whole messages (a cut falls where the parser itself
 * would start a new message), each worker parses its segments with its
 * own parser into a buffer, and the main thread writes the buffers in
 * input order, so the output is byte for byte what one thread prints.
 */
#include "cli.h"
#include "ndrcode.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define READ_BLOCK ((size_t)256 * 1024)
#define SUMMARY_KEYS 4096

typedef struct count {
    char *key;
    size_t n;
} count;

typedef struct tally {
    count *c;     /* in the order first seen */
    size_t n, cap;
    size_t other; /* past SUMMARY_KEYS distinct keys */
    size_t *slot; /* hash index of C: position + 1, 0 for none */
    size_t nslot; /* a power of two, more than twice N */
} tally;

/* Where a message number goes in a segment's output (see put_message). */
typedef struct mark {
    size_t at;      /* offset in the output */
    size_t message; /* the number within the segment */
} mark;

typedef struct reader {
    const cli_opts *opt;
    out_ctx *o;
    const char *source;
    size_t records, failures, hard, soft, not_failures;
    tally by_status, by_reason, by_domain;
    char *buf;
    int oom;
    int segment;    /* 1: a worker's reader: numbers are marked, tallies
                       keep every key */
    mark *marks;
    size_t nmarks, marks_cap;
    out_buf ob;     /* a JSON or TSV record being built */
    out_buf *direct; /* a worker's JSON or TSV output: records go here */
} reader;

/* ---- summary counting ---------------------------------------------------- */

static size_t key_hash(const char *k)
{
    size_t h = 2166136261u; /* FNV-1a */
    for (; *k; k++)
        h = (h ^ (unsigned char)*k) * 16777619u;
    return h;
}

/* The index slot of KEY: where it is, or the empty slot it would take. */
static size_t *tally_slot(const tally *t, const char *key)
{
    size_t mask = t->nslot - 1, i = key_hash(key) & mask;
    while (t->slot[i] != 0 && strcmp(t->c[t->slot[i] - 1].key, key) != 0)
        i = (i + 1) & mask;
    return &t->slot[i];
}

/* Keep the index more than twice as large as the keys.  Returns 0 when
 * out of memory. */
static int tally_index(tally *t)
{
    size_t ns;
    if (t->nslot > 2 * (t->n + 1))
        return 1;
    ns = t->nslot ? t->nslot * 2 : 64;
    free(t->slot);
    t->slot = calloc(ns, sizeof *t->slot);
    t->nslot = t->slot != NULL ? ns : 0;
    if (t->slot == NULL)
        return 0;
    for (size_t i = 0; i < t->n; i++)
        *tally_slot(t, t->c[i].key) = i + 1;
    return 1;
}

/* Count KEY N times. */
static void tally_addn(reader *rd, tally *t, const char *key, size_t n)
{
    size_t *slot;
    if (!tally_index(t)) {
        rd->oom = 1;
        return;
    }
    slot = tally_slot(t, key);
    if (*slot != 0) {
        t->c[*slot - 1].n += n;
        return;
    }
    if (t->n == SUMMARY_KEYS && !rd->segment) {
        t->other += n;
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
    t->c[t->n++].n = n;
    *slot = t->n;
}

static void tally_add(reader *rd, tally *t, const char *key)
{
    tally_addn(rd, t, key, 1);
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
    free(t->slot);
}

/* Add the counts of SRC (a segment's, every key in the order first seen)
 * to DST, as if its records had been counted into DST one by one: a key
 * new to a full DST goes to "(other)". */
static void tally_merge(reader *rd, tally *dst, const tally *src)
{
    for (size_t k = 0; k < src->n && !rd->oom; k++)
        tally_addn(rd, dst, src->c[k].key, src->c[k].n);
    dst->other += src->other;
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

/* Note where message number MESSAGE goes: at offset AT of the output. */
static void add_mark(reader *rd, size_t at, size_t message)
{
    if (rd->nmarks == rd->marks_cap) {
        size_t ncap = rd->marks_cap ? rd->marks_cap * 2 : 64;
        mark *nm = realloc(rd->marks, ncap * sizeof *nm);
        if (nm == NULL) {
            rd->oom = 1;
            return;
        }
        rd->marks = nm;
        rd->marks_cap = ncap;
    }
    rd->marks[rd->nmarks].at = at;
    rd->marks[rd->nmarks++].message = message;
}

/* A record's message number.  One thread prints it.  A worker builds a
 * segment's output before the messages in front of the segment are
 * counted, so it notes where the number goes and which message of the
 * segment it is, and the writer puts the number in (write_segment). */
static void put_message(reader *rd, FILE *f, size_t message)
{
    long at;
    if (!rd->segment) {
        fprintf(f, "%zu", message);
        return;
    }
    at = ftell(f);
    if (at < 0)
        rd->oom = 1;
    else
        add_mark(rd, (size_t)at, message);
}

/* The buffer a JSON or TSV record is built in: the segment's output
 * itself on a worker, else rd->ob, written to F once the record is whole. */
static out_buf *record_buf(reader *rd)
{
    if (rd->direct != NULL)
        return rd->direct;
    rd->ob.len = 0;
    return &rd->ob;
}

/* The message number of a record being built in B (see put_message). */
static void ob_message(reader *rd, out_buf *b, FILE *f, size_t message)
{
    long at;
    if (!rd->segment) {
        ob_num(b, message);
        return;
    }
    if (rd->direct != NULL) {
        add_mark(rd, b->len, message);
        return;
    }
    at = ftell(f);
    if (at < 0)
        rd->oom = 1;
    else
        add_mark(rd, (size_t)at + b->len, message);
}

/* A record built in B is whole: write it, unless B is the output. */
static void record_done(reader *rd, out_buf *b, FILE *f)
{
    if (b->oom)
        rd->oom = 1;
    else if (b != rd->direct)
        fwrite(b->p, 1, b->len, f);
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

#define OB_LIT(b, s) ob_put((b), (s), sizeof(s) - 1)

/* ,"KEY":VALUE with KEYQ the literal ,"KEY": */
#define JSON_KV(b, keyq, val)                                                \
    do {                                                                     \
        OB_LIT(b, keyq);                                                     \
        ob_json_cstr(b, val);                                                \
    } while (0)

/* Each record is built whole and written with one call. */
static void print_json(reader *rd, const ndr_record *r, const ndr_entry *e)
{
    FILE *f = rd->o->f;
    out_buf *b = record_buf(rd);
    OB_LIT(b, "{\"kind\":\"bounce\"");
    JSON_KV(b, ",\"source\":", rd->source);
    OB_LIT(b, ",\"message\":");
    ob_message(rd, b, f, r->message);
    JSON_KV(b, ",\"recipient\":", r->recipient);
    JSON_KV(b, ",\"action\":", r->action);
    JSON_KV(b, ",\"status\":", r->status);
    if (r->reply) {
        OB_LIT(b, ",\"reply\":");
        if (r->reply < 0)
            ob_putc(b, '-');
        ob_num(b, (unsigned long)(r->reply < 0 ? -(long)r->reply : r->reply));
    } else {
        OB_LIT(b, ",\"reply\":null");
    }
    JSON_KV(b, ",\"reason\":", ndr_reason_name(r->reason));
    if (r->hard)
        OB_LIT(b, ",\"hard\":true");
    else
        OB_LIT(b, ",\"hard\":false");
    JSON_KV(b, ",\"diagnostic\":", r->diagnostic);
    JSON_KV(b, ",\"remote_mta\":", r->remote_mta);
    JSON_KV(b, ",\"reporting_mta\":", r->reporting_mta);
    JSON_KV(b, ",\"dsn_status\":", r->dsn_status);
    if (r->flags & NDR_REC_INCONSISTENT)
        OB_LIT(b, ",\"inconsistent\":true");
    else
        OB_LIT(b, ",\"inconsistent\":false");
    JSON_KV(b, ",\"vendor\":", r->vendor);
    JSON_KV(b, ",\"title\":", e ? e->title : NULL);
    JSON_KV(b, ",\"remediation\":", e ? e->remediation : NULL);
    JSON_KV(b, ",\"who\":", e ? ndr_who_name((ndr_who)e->who) : NULL);
    OB_LIT(b, "}\n");
    record_done(rd, b, f);
}

static void print_tsv(reader *rd, const ndr_record *r)
{
    FILE *f = rd->o->f;
    out_buf *b = record_buf(rd);
    ob_tsv_field(b, rd->source);
    ob_putc(b, '\t');
    ob_message(rd, b, f, r->message);
    ob_putc(b, '\t');
    ob_tsv_field(b, r->recipient);
    ob_putc(b, '\t');
    ob_tsv_field(b, r->action);
    ob_putc(b, '\t');
    ob_tsv_field(b, r->status);
    ob_putc(b, '\t');
    if (r->reply) {
        if (r->reply < 0)
            ob_putc(b, '-');
        ob_num(b, (unsigned long)(r->reply < 0 ? -(long)r->reply : r->reply));
    }
    ob_putc(b, '\t');
    ob_puts(b, ndr_reason_name(r->reason));
    ob_puts(b, r->hard ? "\t1\t" : "\t0\t");
    ob_tsv_field(b, r->remote_mta);
    ob_putc(b, '\t');
    ob_tsv_field(b, r->diagnostic);
    ob_putc(b, '\n');
    record_done(rd, b, f);
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
    fputs(", message ", f);
    put_message(rd, f, r->message);
    fputs(")\n", f);
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
    const ndr_entry *e;

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
    e = record_entry(r, &ex);
    if (rd->opt->format == FMT_JSON)
        print_json(rd, r, e);
    else if (rd->opt->format == FMT_TSV)
        print_tsv(rd, r);
    else
        print_text(rd, r, e);
    return rd->oom;
}

/* ---- input --------------------------------------------------------------- */

static void say_error(const char *source, const char *what)
{
    fputs("ndrcode: ", stderr);
    out_safe_str(stderr, source);
    fprintf(stderr, ": %s\n", what);
}

/* The bytes a message may take (max_message; see LIMITS in ndrcode(1)):
 * NDRCODE_MAX_MESSAGE when set, for tests of the limit on small inputs,
 * else DEF. */
static size_t message_limit(size_t def)
{
    const char *env = getenv("NDRCODE_MAX_MESSAGE");
    if (env != NULL && env[0] != '\0') {
        char *end;
        unsigned long long n = strtoull(env, &end, 10);
        if (*end == '\0' && env[0] != '-' && n >= 1 && (size_t)n == n)
            return (size_t)n;
    }
    return def;
}

/* ---- an mbox on several threads ----------------------------------------- */

#define SEGMENT_BYTES ((size_t)1024 * 1024) /* input per segment, about */
#define WORKER_BLOCK ((size_t)128 * 1024)   /* a worker's reads */
#define MAX_WORKERS 16
#define CUT_BLOCK ((size_t)64 * 1024)       /* reads while looking for a cut */

enum { SEG_FREE, SEG_QUEUED, SEG_RUNNING, SEG_DONE };

/* A run of whole messages, [start, end) of the file, and what its parse
 * gave: the output (with marks where message numbers go), the counts, the
 * number of messages and how the parse ended. */
typedef struct segment {
    off_t start, end; /* end: where the parse stopped, once done */
    int to_end;       /* the last segment: read to the end of the file */
    int state;
    reader rd;        /* counts, tallies and marks of the segment */
    char *out;        /* its output: the worker's buffer, or open_memstream's */
    size_t out_len;
    size_t messages;
    ndr_status st;
    int read_errno;   /* a pread failed: its errno */
    int stopped;      /* the parser stopped reading (see parse_segment) */
} segment;

typedef struct pool pool;

typedef struct worker {
    pool *pl;
    pthread_t tid;
    ndr_parser *p;
    reader rd;        /* the segment being parsed; on_record's context */
    out_ctx o;
    out_buf out;      /* the segment's JSON or TSV output */
    char *buf;
} worker;

struct pool {
    pthread_mutex_t mu;
    pthread_cond_t work; /* a segment was queued, or stop */
    pthread_cond_t done; /* a segment was parsed */
    segment *ring;
    size_t nring;
    size_t queued;       /* segments queued so far (sequence numbers) */
    size_t taken;        /* segments handed to workers so far */
    int stop;
    int fd;
    reader *main;        /* the reader of the whole run */
};

/* The number of threads to parse with: NDRCODE_THREADS when set (1 turns
 * threads off), else the processors online, at most MAX_WORKERS. */
static size_t thread_count(void)
{
    const char *env = getenv("NDRCODE_THREADS");
    long n;
    if (env != NULL && env[0] != '\0') {
        char *end;
        n = strtol(env, &end, 10);
        if (*end != '\0' || n < 1)
            n = 1;
    } else {
        n = sysconf(_SC_NPROCESSORS_ONLN);
    }
    if (n < 1)
        n = 1;
    return n > MAX_WORKERS ? MAX_WORKERS : (size_t)n;
}

/* Input bytes per segment: NDRCODE_SEGMENT when set (for tests, down to
 * one message per segment), else SEGMENT_BYTES. */
static off_t segment_bytes(void)
{
    const char *env = getenv("NDRCODE_SEGMENT");
    if (env != NULL && env[0] != '\0') {
        char *end;
        long n = strtol(env, &end, 10);
        if (*end == '\0' && n >= 1)
            return (off_t)n;
    }
    return SEGMENT_BYTES;
}

/* Does a new message start at S[I] (the parser's rule: a "From " line
 * whose previous line is empty)?  S[I-3 .. I+5) must be readable.  A line
 * ends at LF, CRLF or a bare CR; the line before "From " is empty when the
 * terminator before it directly follows another one. */
static int message_starts(const unsigned char *s, size_t i)
{
    if (memcmp(s + i, "From ", 5) != 0)
        return 0;
    if (s[i - 1] == '\n') {
        if (s[i - 2] == '\r')
            return s[i - 3] == '\n' || s[i - 3] == '\r';
        return s[i - 2] == '\n';
    }
    if (s[i - 1] == '\r')
        return s[i - 2] == '\n' || s[i - 2] == '\r';
    return 0;
}

/* Read up to N bytes at OFF; short only at the end of the file.  Returns
 * the count, or -1 with errno set. */
static ssize_t pread_full(int fd, char *buf, size_t n, off_t off)
{
    size_t got = 0;
    while (got < n) {
        ssize_t k = pread(fd, buf + got, n - got, off + (off_t)got);
        if (k < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        if (k == 0)
            break;
        got += (size_t)k;
    }
    return (ssize_t)got;
}

/* The first offset I >= 3 (I + 5 <= N) where a message starts in
 * S[0..N), or N.  A "From " line that starts a message follows a line
 * end, so the LFs are searched for: there is one a line, where an
 * attachment in base64 holds an "F" every few dozen bytes.  A buffer
 * without LFs (bare CR line ends) is searched for its "F"s.  A start
 * behind bare CRs inside text with LFs may be missed, which only makes the
 * segment longer: every offset returned is a message start. */
static size_t next_start(const unsigned char *s, size_t n)
{
    /* the byte searched for, and how far before the "From " it lies */
    size_t back = memchr(s + 2, '\n', n - 2) != NULL ? 1 : 0;
    int c = back ? '\n' : 'F';
    for (size_t i = 3; i + 5 <= n; i++) {
        const unsigned char *f = memchr(s + i - back, c, n - 4 - i);
        if (f == NULL)
            break;
        i = (size_t)(f - s) + back;
        if (i + 5 <= n && message_starts(s, i))
            return i;
    }
    return n;
}

/* Where the segment that starts at FROM should end: at the first message
 * start at or past FROM + WANT.  Returns its offset, or -1 with errno set;
 * sets *AT_END instead when the file ends first. */
static off_t find_cut(int fd, char *buf, size_t cap, off_t from, off_t want,
                      int *at_end)
{
    /* Scan from 3 bytes before the wanted offset (the rule looks back 3
     * bytes); a message start is never within 3 bytes of another. */
    off_t off = want > 3 ? from + want - 3 : from;
    *at_end = 0;
    for (;;) {
        ssize_t n = pread_full(fd, buf, cap, off);
        if (n < 0)
            return -1;
        if (n >= 8) {
            size_t i = next_start((const unsigned char *)buf, (size_t)n);
            if (i < (size_t)n)
                return off + (off_t)i;
        }
        if ((size_t)n < cap) {
            *at_end = 1;
            return 0;
        }
        off += n - 8; /* keep the bytes a match at the edge needs */
    }
}

/* Parse one segment on a worker. */
static void parse_segment(worker *w, segment *sg)
{
    reader *rd = &w->rd;
    ndr_status st = NDR_OK;
    FILE *f;
    off_t pos = sg->start;

    {
        out_buf keep = rd->ob; /* the record buffer serves every segment */
        memset(rd, 0, sizeof *rd);
        rd->ob = keep;
    }
    rd->opt = w->pl->main->opt;
    rd->source = w->pl->main->source;
    rd->o = &w->o;
    rd->segment = 1;
    w->o = *w->pl->main->o;
    sg->out = NULL;
    sg->out_len = 0;
    sg->read_errno = 0;
    /* JSON and TSV records go straight into the segment's buffer; text
     * goes through a FILE (open_memstream); a summary or -q prints none. */
    memset(&w->out, 0, sizeof w->out);
    f = NULL;
    if (rd->opt->summary || rd->opt->quiet) {
        /* no output */
    } else if (rd->opt->format != FMT_TEXT) {
        /* room for the usual output of a segment, to grow it seldom */
        w->out.cap = (size_t)(sg->end - sg->start) / 2 + 4096;
        if (sg->to_end || w->out.cap > SEGMENT_BYTES)
            w->out.cap = SEGMENT_BYTES / 2;
        w->out.p = malloc(w->out.cap);
        if (w->out.p == NULL)
            w->out.cap = 0;
        rd->direct = &w->out;
    } else if ((f = open_memstream(&sg->out, &sg->out_len)) == NULL) {
        rd->oom = 1;
        st = NDR_NOMEM;
    }
    w->o.f = f;
    ndr_parser_reset(w->p);
    while (st == NDR_OK && (sg->to_end || pos < sg->end)) {
        size_t want = !sg->to_end && (size_t)(sg->end - pos) < WORKER_BLOCK
                          ? (size_t)(sg->end - pos) : WORKER_BLOCK;
        ssize_t n = pread_full(w->pl->fd, w->buf, want, pos);
        if (n < 0) {
            sg->read_errno = errno;
            break;
        }
        if (n == 0)
            break;
        st = ndr_parser_feed(w->p, w->buf, (size_t)n);
        pos += n;
    }
    sg->end = pos;
    /* feed says NDR_LIMIT_MESSAGE when a message can never end: reading
     * stops there, for the whole input (read_mbox_threads drops what
     * follows) */
    sg->stopped = st == NDR_LIMIT_MESSAGE;
    if ((st == NDR_OK || st == NDR_LIMIT_MESSAGE) && sg->read_errno == 0) {
        ndr_status fin = ndr_parser_finish(w->p);
        if (st == NDR_OK)
            st = fin;
    }
    if (f != NULL && fclose(f) != 0)
        rd->oom = 1;
    if (rd->direct != NULL) {
        sg->out = w->out.p;
        sg->out_len = w->out.len;
        if (w->out.oom)
            rd->oom = 1;
        rd->direct = NULL;
    }
    sg->st = st;
    sg->messages = ndr_parser_messages(w->p);
    sg->rd = *rd;
    sg->rd.ob.p = NULL;
}

static void *worker_main(void *arg)
{
    worker *w = arg;
    pool *pl = w->pl;
    pthread_mutex_lock(&pl->mu);
    for (;;) {
        segment *sg;
        while (!pl->stop && pl->taken == pl->queued)
            pthread_cond_wait(&pl->work, &pl->mu);
        if (pl->taken == pl->queued)
            break;
        sg = &pl->ring[pl->taken++ % pl->nring];
        sg->state = SEG_RUNNING;
        pthread_mutex_unlock(&pl->mu);
        parse_segment(w, sg);
        pthread_mutex_lock(&pl->mu);
        sg->state = SEG_DONE;
        pthread_cond_broadcast(&pl->done);
    }
    pthread_mutex_unlock(&pl->mu);
    return NULL;
}

/* Write a parsed segment in its turn: its output with the message numbers
 * put in (BASE messages come before it), its counts into the run's. */
static void write_segment(reader *rd, segment *sg, size_t base)
{
    char mem[16384];
    out_buf b = {mem, 0, sizeof mem, rd->o->f, 0};
    size_t pos = 0;
    for (size_t i = 0; i < sg->rd.nmarks; i++) {
        const mark *m = &sg->rd.marks[i];
        ob_put(&b, sg->out + pos, m->at - pos);
        ob_num(&b, base + m->message);
        pos = m->at;
    }
    if (sg->out_len > pos)
        ob_put(&b, sg->out + pos, sg->out_len - pos);
    ob_flush(&b);
    rd->records += sg->rd.records;
    rd->failures += sg->rd.failures;
    rd->hard += sg->rd.hard;
    rd->soft += sg->rd.soft;
    rd->not_failures += sg->rd.not_failures;
    tally_merge(rd, &rd->by_status, &sg->rd.by_status);
    tally_merge(rd, &rd->by_reason, &sg->rd.by_reason);
    tally_merge(rd, &rd->by_domain, &sg->rd.by_domain);
}

static void segment_free(segment *sg)
{
    free(sg->out);
    free(sg->rd.marks);
    tally_free(&sg->rd.by_status);
    tally_free(&sg->rd.by_reason);
    tally_free(&sg->rd.by_domain);
    sg->out = NULL;
    memset(&sg->rd, 0, sizeof sg->rd);
}

/* Read the mbox on FD with worker threads, when that applies: a regular
 * file, starting with "From " at the current offset, longer than one
 * segment, and more than one thread.  Returns -1 when it does not apply
 * (nothing was read), else 0 or 2 as read_fd. */
static int read_mbox_threads(reader *rd, int fd, const char *source)
{
    struct stat st;
    off_t start, size, want = segment_bytes(), pos, read_to;
    size_t nthreads = thread_count(), base = 0, written = 0, nstarted = 0;
    char head[5], *cutbuf;
    worker workers[MAX_WORKERS];
    pool pl;
    ndr_options po;
    ndr_status first_limit = NDR_OK;
    int rc = 0, eof = 0, failed = 0;

    if (nthreads < 2 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
        return -1;
    start = lseek(fd, 0, SEEK_CUR);
    size = st.st_size;
    if (start < 0 || size - start <= want ||
        pread_full(fd, head, 5, start) != 5 || memcmp(head, "From ", 5) != 0)
        return -1;

    memset(&pl, 0, sizeof pl);
    memset(workers, 0, sizeof workers);
    pl.fd = fd;
    pl.main = rd;
    pl.nring = 2 * nthreads + 2;
    pl.ring = calloc(pl.nring, sizeof *pl.ring);
    cutbuf = malloc(CUT_BLOCK);
    ndr_options_init(&po);
    po.on_record = on_record;
    po.max_message = message_limit(po.max_message);
    for (size_t i = 0; i < nthreads; i++) {
        workers[i].pl = &pl;
        po.ctx = &workers[i].rd;
        workers[i].p = ndr_parser_new(&po);
        workers[i].buf = malloc(WORKER_BLOCK);
        if (workers[i].p == NULL || workers[i].buf == NULL)
            failed = 1;
    }
    if (pl.ring == NULL || cutbuf == NULL || failed ||
        pthread_mutex_init(&pl.mu, NULL) != 0) {
        for (size_t i = 0; i < nthreads; i++) {
            ndr_parser_free(workers[i].p);
            free(workers[i].buf);
        }
        free(pl.ring);
        free(cutbuf);
        return -1;
    }
    pthread_cond_init(&pl.work, NULL);
    pthread_cond_init(&pl.done, NULL);
    for (size_t i = 0; i < nthreads; i++) {
        if (pthread_create(&workers[i].tid, NULL, worker_main,
                           &workers[i]) != 0)
            break;
        nstarted++;
    }

    rd->source = source;
    pos = read_to = start;
    if (nstarted == 0)
        eof = 1; /* no worker: fall through to the plain reading below */
    pthread_mutex_lock(&pl.mu);
    while (!failed) {
        segment *sg;
        /* Keep the ring full of queued segments. */
        while (!eof && pl.queued - written < pl.nring) {
            int at_end;
            off_t cut;
            pthread_mutex_unlock(&pl.mu);
            cut = find_cut(fd, cutbuf, CUT_BLOCK, pos, want, &at_end);
            pthread_mutex_lock(&pl.mu);
            if (cut < 0) {
                say_error(source, strerror(errno));
                rc = 2;
                eof = 1;
                break;
            }
            sg = &pl.ring[pl.queued % pl.nring];
            sg->start = pos;
            sg->end = cut;
            sg->to_end = at_end;
            sg->state = SEG_QUEUED;
            pl.queued++;
            pthread_cond_signal(&pl.work);
            pos = cut;
            eof = at_end;
        }
        if (written == pl.queued)
            break;
        /* Write the oldest segment when it is parsed. */
        sg = &pl.ring[written % pl.nring];
        while (sg->state != SEG_DONE)
            pthread_cond_wait(&pl.done, &pl.mu);
        pthread_mutex_unlock(&pl.mu);
        write_segment(rd, sg, base);
        base += sg->messages;
        read_to = sg->end;
        if (sg->read_errno != 0) {
            say_error(source, strerror(sg->read_errno));
            rc = 2;
            failed = 1;
        } else if (sg->st == NDR_NOMEM || sg->st == NDR_CALLBACK ||
                   sg->rd.oom) {
            say_error(source, ndr_strerror(sg->rd.oom ? NDR_NOMEM : sg->st));
            rc = 2;
            failed = 1;
        } else if (sg->st != NDR_OK && first_limit == NDR_OK) {
            first_limit = sg->st;
        }
        if (sg->stopped)
            failed = 1; /* as one parser: nothing after it is read */
        segment_free(sg);
        pthread_mutex_lock(&pl.mu);
        sg->state = SEG_FREE;
        written++;
    }
    /* Stop the workers; segments still queued after a failure are parsed
     * and dropped. */
    pl.stop = 1;
    pthread_cond_broadcast(&pl.work);
    pthread_mutex_unlock(&pl.mu);
    for (size_t i = 0; i < nstarted; i++)
        pthread_join(workers[i].tid, NULL);
    for (size_t i = written; i < pl.queued; i++)
        segment_free(&pl.ring[i % pl.nring]);
    for (size_t i = 0; i < nthreads; i++) {
        ndr_parser_free(workers[i].p);
        free(workers[i].buf);
        free(workers[i].rd.ob.p);
    }
    pthread_cond_destroy(&pl.work);
    pthread_cond_destroy(&pl.done);
    pthread_mutex_destroy(&pl.mu);
    free(pl.ring);
    free(cutbuf);
    if (nstarted == 0)
        return -1;
    /* Leave the offset where reading the whole file leaves it. */
    lseek(fd, read_to, SEEK_SET);
    if (rc == 0 && first_limit != NDR_OK) {
        say_error(source, ndr_strerror(first_limit));
        rc = 2;
    }
    return rc;
}

/* Feed one open descriptor to a fresh parser run.  Returns 0 or 2. */
static int read_fd(reader *rd, ndr_parser *p, int fd, const char *source)
{
    ndr_status st = NDR_OK;
    int rc = read_mbox_threads(rd, fd, source);
    if (rc >= 0)
        return rc;
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
    if (st == NDR_OK || st == NDR_LIMIT_MESSAGE) {
        /* a message too large to end still gives its records */
        ndr_status f = ndr_parser_finish(p);
        if (st == NDR_OK)
            st = f;
    }
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
        if (w < 0 || (size_t)w >= sizeof path) {
            rc = 2;
            break;
        }
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
    /* read_path pointed rd->source at path[], which dies here */
    rd->source = dir;
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
    int rc = 0, pasted = 0;

    memset(&rd, 0, sizeof rd);
    rd.opt = opt;
    rd.o = o;
    rd.buf = malloc(READ_BLOCK);
    ndr_options_init(&po);
    po.on_record = on_record;
    po.ctx = &rd;
    po.max_message = message_limit(po.max_message);
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
        pasted = isatty(STDIN_FILENO);
        if (pasted)
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
    /* A paste that held no bounce gets a word at the terminal (a pipe or a
     * file gets the exit status alone): it may have been a code or a line
     * meant to be explained. */
    if (pasted && rc == 0 && rd.records == 0 && !opt->quiet)
        fputs("ndrcode: no bounce found in what was pasted; to explain a "
              "code or a line, give it as an argument: ndrcode '550 5.1.1'\n",
              stderr);
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
    free(rd.ob.p);
    if (rc != 0)
        return rc;
    return rd.failures > 0 ? 0 : 1;
}
