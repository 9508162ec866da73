/*
 * limit.c - run a command under a wall-clock limit and report what it
 * cost: peak resident memory (getrusage ru_maxrss of the child), CPU time
 * and wall time.  The hostile-input tests use it instead of /usr/bin/time
 * and timeout(1), which a minimal CI image may lack.
 *
 * usage: ndr_limit SECONDS -- COMMAND [ARG...]
 * (Standard input and output pass through to the command.)
 * Prints one line on stderr:  limit: rss_kib=N cpu_s=X wall_s=Y status=S
 * and exits with the command's exit status, 124 when it ran out of time
 * (it is then killed), or 128+N when signal N ended it.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    char *end;
    double secs, start;
    pid_t pid;
    int status = 0, timed_out = 0, rc;
    struct rusage ru;

    if (argc < 4 || strcmp(argv[2], "--") != 0) {
        fputs("usage: ndr_limit SECONDS -- COMMAND [ARG...]\n", stderr);
        return 2;
    }
    secs = strtod(argv[1], &end);
    if (*end != '\0' || secs <= 0) {
        fputs("ndr_limit: SECONDS must be a positive number\n", stderr);
        return 2;
    }
    start = now();
    pid = fork();
    if (pid < 0) {
        perror("ndr_limit: fork");
        return 2;
    }
    if (pid == 0) {
        execvp(argv[3], argv + 3);
        fprintf(stderr, "ndr_limit: %s: %s\n", argv[3], strerror(errno));
        _exit(127);
    }
    for (;;) {
        pid_t w = waitpid(pid, &status, WNOHANG);
        if (w == pid)
            break;
        if (w < 0 && errno != EINTR) {
            perror("ndr_limit: waitpid");
            return 2;
        }
        if (!timed_out && now() - start > secs) {
            kill(pid, SIGKILL);
            timed_out = 1;
        }
        {
            struct timespec pause = {0, 10000000L}; /* 10 ms */
            nanosleep(&pause, NULL);
        }
    }
    /* the only child, so the children's peak is its peak */
    getrusage(RUSAGE_CHILDREN, &ru);
    rc = timed_out ? 124
         : WIFEXITED(status) ? WEXITSTATUS(status)
         : WIFSIGNALED(status) ? 128 + WTERMSIG(status) : 2;
    fprintf(stderr, "limit: rss_kib=%ld cpu_s=%.3f wall_s=%.3f status=%d\n",
            ru.ru_maxrss,
            (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
                (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6,
            now() - start, rc);
    return rc;
}
