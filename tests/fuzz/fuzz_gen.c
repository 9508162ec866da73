/*
 * fuzz_gen.c - the table generator (src/gen) on arbitrary CSV files.
 *
 * The generator is a build-time program whose input is the project's own
 * data, but a bad edit (or a hostile pull request) must fail the build
 * with a message, never crash it or write a broken table.  The input is
 * split at each line "%%" into the six files the generator reads, in the
 * order vendors, codes, replies, tokens, reasons, patterns (missing ones
 * are empty), written
 * to a scratch folder, and the generator's main runs on them.  When it
 * succeeds, the C file it wrote must be plain printable ASCII.
 *
 * gen.c is a program with file-scope tables and a main(), not a library,
 * so this wrapper includes it with main renamed and empties its tables
 * between runs; gen.c itself stays untouched.
 */
#include "fuzz.h"

#include <fcntl.h>
#include <string.h>
#include <unistd.h>

int ndr_gen_main(int argc, char **argv);
#define main ndr_gen_main
#include "../../src/gen/gen.c" /* NOLINT(bugprone-suspicious-include): see above */
#undef main

/* Let a sanitizer report reach the real stderr while the generator's own
 * messages are silenced (the sanitizer runtime defines this; a plain build
 * does not). */
/* NOLINTNEXTLINE(bugprone-reserved-identifier): the sanitizers' API name */
extern void __sanitizer_set_report_fd(void *fd) __attribute__((weak));

static char dir[4096];
#define NINPUTS 6
#define NFILES (NINPUTS + 1) /* the inputs and the output */
static char paths[NFILES][4200];

static void cleanup(void)
{
    for (int i = 0; i < NFILES; i++)
        if (paths[i][0])
            unlink(paths[i]);
    if (dir[0])
        rmdir(dir);
}

static void setup(void)
{
    static const char *const names[NFILES] = {
        "vendors.csv", "codes.csv", "replies.csv", "tokens.csv",
        "reasons.csv", "patterns.csv", "out.c"};
    const char *tmp = getenv("TMPDIR");
    int n = snprintf(dir, sizeof dir, "%s/ndr-fuzz-gen-XXXXXX",
                     tmp && tmp[0] ? tmp : "/tmp");
    FUZZ_CHECK(n > 0 && (size_t)n < sizeof dir);
    FUZZ_CHECK(mkdtemp(dir) != NULL);
    for (int i = 0; i < NFILES; i++) {
        n = snprintf(paths[i], sizeof paths[i], "%s/%s", dir, names[i]);
        FUZZ_CHECK(n > 0 && (size_t)n < sizeof paths[i]);
    }
    atexit(cleanup);
}

/* Forget the previous run: free every copied field, empty the tables. */
static void reset_tables(void)
{
    for (size_t i = 0; i < n_vendors; i++) {
        free(vendors[i].id);
        free(vendors[i].name);
        free(vendors[i].markers);
    }
    for (size_t i = 0; i < n_codes; i++) {
        free(codes[i].code);
        free(codes[i].vendor);
        free(codes[i].title);
        free(codes[i].meaning);
        free(codes[i].remediation);
        free(codes[i].reference);
    }
    for (size_t i = 0; i < n_replies; i++) {
        free(replies[i].title);
        free(replies[i].meaning);
        free(replies[i].remediation);
        free(replies[i].reference);
    }
    for (size_t i = 0; i < n_tokens; i++) {
        free(tokens[i].token);
        free(tokens[i].vendor);
        free(tokens[i].code);
        free(tokens[i].title);
        free(tokens[i].meaning);
        free(tokens[i].remediation);
        free(tokens[i].reference);
    }
    for (size_t i = 0; i < n_reasons; i++)
        free(reasons[i].text);
    for (size_t i = 0; i < n_patterns; i++)
        free(patterns[i].text);
    n_vendors = n_codes = n_replies = n_tokens = n_reasons = n_patterns = 0;
    n_seen = 0;
}

static void write_file(const char *path, const uint8_t *p, size_t n)
{
    FILE *f = fopen(path, "wb");
    FUZZ_CHECK(f != NULL);
    FUZZ_CHECK(fwrite(p, 1, n, f) == n);
    FUZZ_CHECK(fclose(f) == 0);
}

/* Where the next "%%\n" line starts in D[0..N), or N. */
static size_t next_split(const uint8_t *d, size_t n)
{
    for (size_t i = 0; i + 3 <= n; i++)
        if ((i == 0 || d[i - 1] == '\n') && d[i] == '%' && d[i + 1] == '%' &&
            d[i + 2] == '\n')
            return i;
    return n;
}

static void check_output(void)
{
    FILE *f = fopen(paths[NINPUTS], "rb");
    int c;
    FUZZ_CHECK(f != NULL);
    while ((c = getc(f)) != EOF)
        FUZZ_CHECK(c == '\n' || (c >= 0x20 && c < 0x7f));
    fclose(f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *argv[NFILES + 3];
    int saved, devnull, rc;

    if (dir[0] == '\0')
        setup();
    for (int i = 0; i < NINPUTS; i++) {
        size_t k = next_split(data, size);
        write_file(paths[i], data, k);
        if (k < size)
            k += 3;
        data += k;
        size -= k;
    }
    unlink(paths[NINPUTS]);

    /* ndr_gen -o OUT CODES VENDORS REPLIES TOKENS REASONS PATTERNS */
    argv[0] = (char *)"ndr_gen";
    argv[1] = (char *)"-o";
    argv[2] = paths[NINPUTS];
    argv[3] = paths[1];
    argv[4] = paths[0];
    for (int i = 2; i < NINPUTS; i++)
        argv[i + 3] = paths[i];
    argv[NINPUTS + 3] = NULL;

    fflush(stderr);
    saved = dup(STDERR_FILENO);
    devnull = open("/dev/null", O_WRONLY);
    FUZZ_CHECK(saved >= 0 && devnull >= 0);
    if (__sanitizer_set_report_fd)
        __sanitizer_set_report_fd((void *)(long)saved);
    dup2(devnull, STDERR_FILENO);
    rc = ndr_gen_main(NINPUTS + 3, argv);
    fflush(stderr);
    dup2(saved, STDERR_FILENO);
    if (__sanitizer_set_report_fd)
        __sanitizer_set_report_fd((void *)(long)STDERR_FILENO);
    close(saved);
    close(devnull);

    FUZZ_CHECK(rc == 0 || rc == 1);
    if (rc == 0)
        check_output();
    reset_tables();
    return 0;
}
