/*
 * jsonl.c - check that standard input is JSON Lines: every line one
 * strict RFC 8259 value in well-formed UTF-8 (tests/fuzz/check.c), each
 * line ended by '\n'.  With -t, check instead that the input is safe for
 * a terminal: well-formed UTF-8 with no control character other than
 * '\n' (and '\t' with -T), no C1 control, no bidirectional or invisible
 * format character.
 *
 * usage: ndr_jsonl [-t | -T] < FILE      exit 0 when every line passes
 */
#include "check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
    char *line = NULL;
    size_t cap = 0, lineno = 0;
    ssize_t n;
    int text = argc > 1 && strcmp(argv[1], "-t") == 0;
    int tsv = argc > 1 && strcmp(argv[1], "-T") == 0;
    int rc = 0;

    while ((n = getline(&line, &cap, stdin)) > 0) {
        size_t len = (size_t)n, at = 0;
        lineno++;
        if (line[len - 1] != '\n') {
            fprintf(stderr, "line %zu: no line end\n", lineno);
            rc = 1;
        } else {
            len--;
        }
        if (text || tsv) {
            /* a tab is a field separator in TSV, so allowed there */
            for (size_t i = 0; tsv && i < len; i++)
                if (line[i] == '\t')
                    line[i] = ' ';
            if (!chk_terminal_safe(line, len, 0, &at)) {
                fprintf(stderr, "line %zu: unsafe byte 0x%02x at %zu\n",
                        lineno, (unsigned char)line[at], at);
                rc = 1;
            }
        } else if (!chk_json_text(line, len)) {
            fprintf(stderr, "line %zu: not a JSON value: %.200s\n", lineno,
                    line);
            rc = 1;
        }
    }
    free(line);
    return rc;
}
