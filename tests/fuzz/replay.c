/*
 * replay.c - run a harness once over saved inputs, without libFuzzer.
 *
 * usage: replay_NAME [-p HEX] PATH...   (each PATH a file or a folder)
 *
 * -p HEX puts the bytes HEX (e.g. 0704) before every input of the PATHs
 * that follow it, so that plain files (the shared corpus of real bounces)
 * can be replayed through a harness that reads option bytes first.
 *
 * Each file is read into a buffer of exactly its size, so that a sanitizer
 * sees a read past the end, and handed to LLVMFuzzerTestOneInput.  Files
 * whose names start with '.' or are README* are skipped.  A missing PATH is
 * an error: a corpus that silently vanished would test nothing.
 */
#include "fuzz.h"

#include <dirent.h>
#include <errno.h>
#include <string.h>
#include <sys/stat.h>

static unsigned long n_run;
static unsigned char prefix[64];
static size_t prefix_len;

/* Parse HEX into prefix[]; returns 0, or -1 when it is not even-length hex
 * of at most sizeof prefix bytes. */
static int set_prefix(const char *hex)
{
    size_t n = strlen(hex);
    if (n % 2 != 0 || n / 2 > sizeof prefix)
        return -1;
    for (size_t i = 0; i < n / 2; i++) {
        unsigned v = 0;
        for (int k = 0; k < 2; k++) {
            char c = hex[2 * i + (size_t)k];
            v <<= 4;
            if (c >= '0' && c <= '9')
                v |= (unsigned)(c - '0');
            else if (c >= 'a' && c <= 'f')
                v |= (unsigned)(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F')
                v |= (unsigned)(c - 'A' + 10);
            else
                return -1;
        }
        prefix[i] = (unsigned char)v;
    }
    prefix_len = n / 2;
    return 0;
}

static int run_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    struct stat st;
    unsigned char *buf;
    size_t size;
    if (f == NULL || fstat(fileno(f), &st) != 0) {
        fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
        if (f != NULL)
            fclose(f);
        return -1;
    }
    size = (size_t)st.st_size;
    buf = malloc(prefix_len + size > 0 ? prefix_len + size : 1);
    if (buf != NULL)
        memcpy(buf, prefix, prefix_len);
    if (buf == NULL || fread(buf + prefix_len, 1, size, f) != size) {
        fprintf(stderr, "replay: %s: cannot read\n", path);
        free(buf);
        fclose(f);
        return -1;
    }
    fclose(f);
    if (getenv("REPLAY_VERBOSE") != NULL)
        fprintf(stderr, "replay: %s\n", path);
    LLVMFuzzerTestOneInput(buf, prefix_len + size);
    free(buf);
    n_run++;
    return 0;
}

static int skip_name(const char *name)
{
    return name[0] == '.' || strncmp(name, "README", 6) == 0;
}

static int run_path(const char *path)
{
    struct stat st;
    DIR *d;
    struct dirent *e;
    int rc = 0;
    if (stat(path, &st) != 0) {
        fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
        return -1;
    }
    if (!S_ISDIR(st.st_mode))
        return run_file(path);
    d = opendir(path);
    if (d == NULL) {
        fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
        return -1;
    }
    while ((e = readdir(d)) != NULL) {
        char sub[4096];
        int n;
        if (skip_name(e->d_name))
            continue;
        n = snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
        if (n < 0 || (size_t)n >= sizeof sub) {
            fprintf(stderr, "replay: %s: path too long\n", path);
            rc = -1;
            continue;
        }
        if (run_path(sub) != 0)
            rc = -1;
    }
    closedir(d);
    return rc;
}

int main(int argc, char **argv)
{
    int rc = 0;
    if (argc < 2) {
        fputs("usage: replay [-p HEX] PATH...\n", stderr);
        return 2;
    }
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-p") == 0) {
            if (i + 1 == argc || set_prefix(argv[i + 1]) != 0) {
                fputs("replay: -p wants an even number of hex digits\n",
                      stderr);
                return 2;
            }
            i++;
            continue;
        }
        if (run_path(argv[i]) != 0)
            rc = 1;
    }
    printf("replayed %lu inputs\n", n_run);
    return rc;
}
