/*
 * replay.c - run a harness once over saved inputs, without libFuzzer.
 *
 * usage: replay_NAME PATH...   (each PATH a file or a folder of files)
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
    buf = malloc(size ? size : 1);
    if (buf == NULL || fread(buf, 1, size, f) != size) {
        fprintf(stderr, "replay: %s: cannot read\n", path);
        free(buf);
        fclose(f);
        return -1;
    }
    fclose(f);
    if (getenv("REPLAY_VERBOSE") != NULL)
        fprintf(stderr, "replay: %s\n", path);
    LLVMFuzzerTestOneInput(buf, size);
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
        fputs("usage: replay PATH...\n", stderr);
        return 2;
    }
    for (int i = 1; i < argc; i++)
        if (run_path(argv[i]) != 0)
            rc = 1;
    printf("replayed %lu inputs\n", n_run);
    return rc;
}
