/* read.c - placeholder until the bounce reader lands. */
#include "cli.h"

#include <stdio.h>

int cli_read(const cli_opts *opt, out_ctx *o)
{
    (void)opt;
    (void)o;
    fputs("ndrcode: reading bounces is not built yet\n", stderr);
    return 2;
}

int cli_reasons(const cli_opts *opt, out_ctx *o)
{
    (void)opt;
    (void)o;
    return 0;
}
