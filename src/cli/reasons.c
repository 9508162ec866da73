/* reasons.c - `ndrcode --reasons`: the reason vocabulary. */
#include "cli.h"
#include "ndrcode.h"

int cli_reasons(const cli_opts *opt, out_ctx *o)
{
    for (int r = 0; r < NDR_REASON_COUNT_; r++) {
        if (opt->format == FMT_JSON) {
            fprintf(o->f, "{\"kind\":\"reason\",\"reason\":\"%s\",\"text\":",
                    ndr_reason_name((ndr_reason)r));
            out_json_cstr(o->f, ndr_reason_text((ndr_reason)r));
            fputs("}\n", o->f);
        } else {
            fprintf(o->f, "%-16s %s\n", ndr_reason_name((ndr_reason)r),
                    ndr_reason_text((ndr_reason)r));
        }
    }
    return 0;
}
