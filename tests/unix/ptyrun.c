/*
 * ptyrun.c - run a command with a pseudo-terminal as its standard output,
 * for the tests of what ndrcode does on a terminal (colour, wrapping).
 *
 *   ptyrun [-i FILE] COLS COMMAND [ARG]...
 *
 * The command's stdin is /dev/null (with -i, the terminal too: FILE's bytes
 * are typed into it with echo off, then Ctrl-D, as a user pasting them
 * would); its stdout and stderr are the slave side
 * of a new pty, COLS columns wide, with output post-processing turned off so
 * that its bytes arrive unchanged (no CR added before LF).  ptyrun copies
 * them to its own stdout and exits with the command's exit status (128+N if
 * killed by signal N).  A test-only tool: it is never installed.
 */
#define _XOPEN_SOURCE 700

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

static void die(const char *what)
{
    fprintf(stderr, "ptyrun: %s: %s\n", what, strerror(errno));
    exit(125);
}

int main(int argc, char **argv)
{
    struct winsize ws;
    struct termios tio;
    char buf[4096], *end;
    const char *slave_name;
    int master, slave, status;
    long cols;
    pid_t pid;
    const char *input = NULL;

    if (argc >= 3 && strcmp(argv[1], "-i") == 0) {
        input = argv[2];
        argv += 2;
        argc -= 2;
    }
    if (argc < 3) {
        fputs("usage: ptyrun [-i FILE] COLS COMMAND [ARG]...\n", stderr);
        return 125;
    }
    cols = strtol(argv[1], &end, 10);
    if (*end != '\0' || cols < 1 || cols > 1000) {
        fputs("ptyrun: COLS must be 1 to 1000\n", stderr);
        return 125;
    }

    master = posix_openpt(O_RDWR | O_NOCTTY);
    if (master < 0)
        die("posix_openpt");
    if (grantpt(master) != 0 || unlockpt(master) != 0)
        die("grantpt/unlockpt");
    slave_name = ptsname(master);
    if (slave_name == NULL)
        die("ptsname");
    slave = open(slave_name, O_RDWR | O_NOCTTY);
    if (slave < 0)
        die(slave_name);

    memset(&ws, 0, sizeof ws);
    ws.ws_col = (unsigned short)cols;
    ws.ws_row = 24;
    if (ioctl(slave, TIOCSWINSZ, &ws) != 0)
        die("TIOCSWINSZ");
    if (tcgetattr(slave, &tio) != 0)
        die("tcgetattr");
    tio.c_oflag &= ~(tcflag_t)OPOST;
    if (input != NULL)
        tio.c_lflag &= ~(tcflag_t)ECHO;
    if (tcsetattr(slave, TCSANOW, &tio) != 0)
        die("tcsetattr");

    pid = fork();
    if (pid < 0)
        die("fork");
    if (pid == 0) {
        int null = input != NULL ? dup(slave) : open("/dev/null", O_RDONLY);
        close(master);
        if (null < 0 || setsid() < 0)
            _exit(126);
        if (dup2(null, STDIN_FILENO) < 0 || dup2(slave, STDOUT_FILENO) < 0 ||
            dup2(slave, STDERR_FILENO) < 0)
            _exit(126);
        if (slave > STDERR_FILENO)
            close(slave);
        close(null);
        execvp(argv[2], argv + 2);
        _exit(127);
    }
    close(slave);

    /* Type the input, then end it as Ctrl-D at the start of a line does. */
    if (input != NULL) {
        FILE *in = fopen(input, "rb");
        size_t n;
        if (in == NULL)
            die(input);
        while ((n = fread(buf, 1, sizeof buf, in)) > 0)
            if (write(master, buf, n) != (ssize_t)n)
                die("write to the terminal");
        fclose(in);
        if (write(master, "\004", 1) != 1)
            die("write to the terminal");
    }

    /* Read until the slave side is closed by everyone (EIO on Linux). */
    for (;;) {
        ssize_t n = read(master, buf, sizeof buf);
        if (n > 0) {
            if (fwrite(buf, 1, (size_t)n, stdout) != (size_t)n)
                die("write");
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        break;
    }
    if (waitpid(pid, &status, 0) < 0)
        die("waitpid");
    if (fflush(stdout) != 0)
        die("write");
    if (WIFEXITED(status))
        return WEXITSTATUS(status);
    if (WIFSIGNALED(status))
        return 128 + WTERMSIG(status);
    return 125;
}
