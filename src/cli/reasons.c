/*
 * reasons.c - `ndrcode --reasons`: the reason vocabulary, one line each.
 *
 * Text: the name, its explanation and whether it is a hard bounce.  JSON:
 * one object per reason with the keys kind, reason, text and hard.  The
 * hard flag is the one a permanent (5.x.x) failure with that reason gets;
 * only notaccept depends on the status, and the text line says so.
 */
#include "cli.h"
#include "ndrcode.h"

int cli_reasons(const cli_opts *opt, out_ctx *o)
{
    for (int i = 0; i < NDR_REASON_COUNT_; i++) {
        ndr_reason r = (ndr_reason)i;
        int hard = ndr_reason_is_hard(r, "5.0.0");
        int always = ndr_reason_is_hard(r, "4.0.0");
        if (opt->format == FMT_JSON) {
            fputs("{\"kind\":\"reason\",\"reason\":", o->f);
            out_json_cstr(o->f, ndr_reason_name(r));
            fputs(",\"text\":", o->f);
            out_json_cstr(o->f, ndr_reason_text(r));
            fprintf(o->f, ",\"hard\":%s}\n", hard ? "true" : "false");
        } else {
            fprintf(o->f, "%-16s %s%s\n", ndr_reason_name(r),
                    ndr_reason_text(r),
                    !hard ? "" : always ? " (hard)"
                                        : " (hard when the status is 5.x.x)");
        }
    }
    return 0;
}
