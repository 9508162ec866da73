/*
 * main.c - the ndrcode command: options, then one of the jobs (explain
 * TEXT, read bounces, list, search).  All knowledge and parsing live in
 * libndrcode; this file only wires options to it.
 */
#include "cli.h"
#include "ndrcode.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

enum opt_id {
    OPT_HELP, OPT_VERSION, OPT_JSON, OPT_TSV, OPT_SUMMARY, OPT_QUIET,
    OPT_COLOR, OPT_FILE, OPT_LIST, OPT_SEARCH, OPT_REASONS
};

/* The one option table: --help, usage() and the man page follow it. */
static const struct option_def {
    const char *lng;
    char shrt;
    int arg; /* 0 none, 1 required, 2 optional (--opt=VALUE only) */
    enum opt_id id;
} options[] = {
    {"help", 'h', 0, OPT_HELP},       {"version", 'V', 0, OPT_VERSION},
    {"json", 'j', 0, OPT_JSON},       {"tsv", 't', 0, OPT_TSV},
    {"summary", 's', 0, OPT_SUMMARY}, {"quiet", 'q', 0, OPT_QUIET},
    {"color", 0, 2, OPT_COLOR},       {"file", 'f', 1, OPT_FILE},
    {"list", 'l', 0, OPT_LIST},       {"search", 0, 0, OPT_SEARCH},
    {"reasons", 0, 0, OPT_REASONS},
};

static const char usage_text[] =
    "usage: ndrcode [-jqst] [--color=WHEN] TEXT...\n"
    "       ndrcode [-jqst] [--color=WHEN] [-f FILE]...\n"
    "       ndrcode [-jt] --list [PREFIX]\n"
    "       ndrcode [-jt] --search WORDS...\n"
    "       ndrcode [-j] --reasons\n";

static const char help_text[] =
    "\n"
    "Explain SMTP status codes, and read bounce messages.\n"
    "\n"
    "  TEXT              a code (5.1.1, 550 5.1.1, #550 5.1.1, 550), a vendor\n"
    "                    token (RESOLVER.ADR.RecipNotFound) or any text holding\n"
    "                    them\n"
    "  -f, --file FILE   read bounces from FILE: a message, an mbox or a Maildir\n"
    "                    folder ('-' is standard input); may be repeated.  With\n"
    "                    no TEXT and no -f, bounces are read from standard input.\n"
    "  -j, --json        JSON Lines output, one object per line\n"
    "  -t, --tsv         tab-separated output with a header line\n"
    "  -s, --summary     only counts per status, reason, domain and hard/soft\n"
    "  -q, --quiet       print nothing; the exit status tells\n"
    "      --color=WHEN  colour by class: auto (default), always, never\n"
    "  -l, --list        list the code table, or the codes under PREFIX (5.7)\n"
    "      --search      list the entries whose text holds all WORDS\n"
    "      --reasons     list the bounce reasons with a line on each\n"
    "  -h, --help        show this help\n"
    "  -V, --version     show the version and the registry snapshot date\n"
    "\n"
    "Exit status: 0 found what was asked, 1 no code or no bounce found,\n"
    "2 usage error, unreadable input or an input limit hit.\n"
    "The manual, ndrcode(1), describes the output fields, limits and examples.\n";

static void usage(void)
{
    fputs(usage_text, stderr);
    exit(2);
}

static int term_width(void)
{
    struct winsize ws;
    const char *cols = getenv("COLUMNS");
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 20)
        return ws.ws_col > 200 ? 200 : ws.ws_col;
    if (cols != NULL) {
        char *end;
        long v = strtol(cols, &end, 10);
        if (*end == '\0' && v >= 20 && v <= 200)
            return (int)v;
    }
    return 80;
}

static int want_color(const char *when)
{
    const char *term = getenv("TERM"), *no_color = getenv("NO_COLOR");
    if (strcmp(when, "always") == 0)
        return 1;
    if (strcmp(when, "never") == 0)
        return 0;
    if (strcmp(when, "auto") != 0) {
        fprintf(stderr, "ndrcode: --color takes auto, always or never\n");
        usage();
    }
    if (no_color != NULL && no_color[0] != '\0')
        return 0;
    if (term != NULL && strcmp(term, "dumb") == 0)
        return 0;
    return isatty(STDOUT_FILENO);
}

static const struct option_def *find_long(const char *name, size_t n)
{
    for (size_t i = 0; i < sizeof options / sizeof options[0]; i++)
        if (strlen(options[i].lng) == n && strncmp(options[i].lng, name, n) == 0)
            return &options[i];
    return NULL;
}

static const struct option_def *find_short(char c)
{
    for (size_t i = 0; i < sizeof options / sizeof options[0]; i++)
        if (options[i].shrt == c && c != 0)
            return &options[i];
    return NULL;
}

int main(int argc, char **argv)
{
    cli_opts opt;
    out_ctx o;
    const char *color = "auto";
    char **args;
    size_t nargs = 0;
    int list = 0, search = 0, reasons = 0, only_args = 0, rc;

    memset(&opt, 0, sizeof opt);
    args = calloc((size_t)argc + 1, sizeof *args);
    if (args == NULL) {
        fputs("ndrcode: out of memory\n", stderr);
        return 2;
    }
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *val = NULL;
        const struct option_def *d = NULL;
        char shorts[64];
        if (only_args || a[0] != '-' || a[1] == '\0') {
            args[nargs++] = argv[i];
            continue;
        }
        if (strcmp(a, "--") == 0) {
            only_args = 1;
            continue;
        }
        if (a[1] == '-') {
            const char *eq = strchr(a + 2, '=');
            size_t n = eq ? (size_t)(eq - a - 2) : strlen(a + 2);
            d = find_long(a + 2, n);
            if (d == NULL) {
                fputs("ndrcode: unknown option '", stderr);
                out_safe_str(stderr, a);
                fputs("'\n", stderr);
                usage();
            }
            if (eq != NULL) {
                if (d->arg == 0) {
                    fprintf(stderr, "ndrcode: --%s takes no value\n", d->lng);
                    usage();
                }
                val = eq + 1;
            } else if (d->arg == 1) {
                if (i + 1 >= argc) {
                    fprintf(stderr, "ndrcode: --%s needs a value\n", d->lng);
                    usage();
                }
                val = argv[++i];
            }
            shorts[0] = '\0';
        } else {
            /* Grouped short options: -jq; -fFILE or -f FILE. */
            size_t k;
            shorts[0] = '\0';
            for (k = 1; a[k] != '\0'; k++) {
                d = find_short(a[k]);
                if (d == NULL) {
                    fputs("ndrcode: unknown option '-", stderr);
                    out_safe(stderr, a + k, 1);
                    fputs("'\n", stderr);
                    usage();
                }
                if (d->arg == 1) {
                    if (a[k + 1] != '\0')
                        val = a + k + 1;
                    else if (i + 1 < argc)
                        val = argv[++i];
                    else {
                        fprintf(stderr, "ndrcode: -%c needs a value\n", a[k]);
                        usage();
                    }
                    break;
                }
                if (a[k + 1] != '\0' && k < sizeof shorts - 1) {
                    /* handle all but the last here */
                    switch (d->id) {
                    case OPT_JSON: opt.format = FMT_JSON; break;
                    case OPT_TSV: opt.format = FMT_TSV; break;
                    case OPT_SUMMARY: opt.summary = 1; break;
                    case OPT_QUIET: opt.quiet = 1; break;
                    case OPT_LIST: list = 1; break;
                    default:
                        fprintf(stderr, "ndrcode: -%c cannot be grouped\n",
                                a[k]);
                        usage();
                    }
                }
            }
        }
        if (d == NULL) /* not reached: each branch above set d or exited */
            usage();
        switch (d->id) {
        case OPT_HELP:
            fputs(usage_text, stdout);
            fputs(help_text, stdout);
            free(args);
            return 0;
        case OPT_VERSION:
            printf("ndrcode %s (IANA status code registry of %s)\n",
                   ndr_version(), ndr_registry_date());
            free(args);
            return 0;
        case OPT_JSON: opt.format = FMT_JSON; break;
        case OPT_TSV: opt.format = FMT_TSV; break;
        case OPT_SUMMARY: opt.summary = 1; break;
        case OPT_QUIET: opt.quiet = 1; break;
        case OPT_COLOR: color = val ? val : "always"; break;
        case OPT_FILE:
            if (opt.nfiles == sizeof opt.files / sizeof opt.files[0]) {
                fputs("ndrcode: too many -f options\n", stderr);
                usage();
            }
            opt.files[opt.nfiles++] = val;
            break;
        case OPT_LIST: list = 1; break;
        case OPT_SEARCH: search = 1; break;
        case OPT_REASONS: reasons = 1; break;
        }
    }

    o.f = stdout;
    /* --color=WHEN is checked whatever the format; JSON and TSV are never
     * coloured. */
    o.color = want_color(color) && opt.format == FMT_TEXT;
    o.width = isatty(STDOUT_FILENO) ? term_width() : 80;
    opt.color = o.color;
    opt.width = o.width;

    if (list + search + reasons > 1 ||
        ((list || search || reasons) && opt.nfiles > 0))
        usage();
    if (list) {
        if (nargs > 1)
            usage();
        rc = cli_list(&opt, &o, nargs ? args[0] : NULL);
    } else if (search) {
        if (nargs == 0)
            usage();
        rc = cli_search(&opt, &o, args, nargs);
    } else if (reasons) {
        rc = cli_reasons(&opt, &o);
    } else if (opt.nfiles > 0 || nargs == 0) {
        /* With -f, further operands are files too. */
        for (size_t k = 0; k < nargs; k++) {
            if (opt.nfiles == sizeof opt.files / sizeof opt.files[0]) {
                fputs("ndrcode: too many files\n", stderr);
                usage();
            }
            opt.files[opt.nfiles++] = args[k];
        }
        rc = cli_read(&opt, &o);
    } else {
        rc = cli_explain(&opt, &o, args, nargs);
    }
    free(args);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fputs("ndrcode: error writing output\n", stderr);
        return 2;
    }
    return rc;
}
