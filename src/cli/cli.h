/*
 * cli.h - the pieces of the ndrcode command (internal to src/cli).
 */
#ifndef NDR_CLI_H
#define NDR_CLI_H

#include "out.h"

enum out_format { FMT_TEXT, FMT_JSON, FMT_TSV };

typedef struct cli_opts {
    enum out_format format;
    int summary;
    int quiet;
    int color; /* resolved: 1 on */
    int width;
    const char *files[256];
    size_t nfiles;
} cli_opts;

/* Explain the codes in each TEXT; returns the exit status (0 or 1). */
int cli_explain(const cli_opts *opt, out_ctx *o, char **texts, size_t n);

/* --list [PREFIX] and --search WORDS; return the exit status. */
int cli_list(const cli_opts *opt, out_ctx *o, const char *prefix);
int cli_search(const cli_opts *opt, out_ctx *o, char **words, size_t n);

/* Read bounces from opt->files (or stdin); returns the exit status. */
int cli_read(const cli_opts *opt, out_ctx *o);

/* --reasons: the reason vocabulary. */
int cli_reasons(const cli_opts *opt, out_ctx *o);

#endif
