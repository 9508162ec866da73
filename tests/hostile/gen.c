/*
 * gen.c - write hostile inputs for ndrcode to standard output, so that the
 * tests never keep large files: each case is generated while it is read.
 *
 * usage: ndr_hostile_gen CASE N
 *   longline N    a bounce with one body line of N bytes before its finding
 *   nested N      N multiparts nested in one another, a finding at the bottom
 *   parts N       one multipart with N tiny parts after a finding
 *   b64 N         a base64 part of N lines (N = 0: without end)
 *   nuls N        a bounce with NUL bytes in every field, then N lines of
 *                 failure text full of NUL bytes
 *   textlines N   a bounce naming one recipient, then N lines of its text
 *   badutf8 N     a bounce whose server text holds ill-formed UTF-8,
 *                 terminal escapes and bidirectional controls (N lines)
 *   dsnrcpts N    a delivery report with N recipient blocks
 *   textrcpts N   failure text naming N different recipients
 *   samercpt N    failure text naming 900 recipients, then N more lines
 *                 naming the last of them again
 *   headers N     a message with N header fields
 *   hdrlen N      one header field folded to N bytes, then a finding
 *   boundary N    a multipart whose boundary is N characters long
 *   mbox N        an mbox of N bounces
 * Every finding is "<user@example.org>: 550 5.1.1 ..." unless said.
 * Output ends early, quietly, when the reader goes away (EPIPE).
 */

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char bounce_head[] =
    "From: Mail Delivery System <MAILER-DAEMON@mx.example.org>\n"
    "Subject: Undelivered Mail Returned to Sender\n";
static const char finding[] =
    "<user@example.org>: 550 5.1.1 User unknown in local recipient table\n";

static void put(const char *s)
{
    if (fputs(s, stdout) == EOF)
        exit(0);
}

static void putn(const char *s, size_t n)
{
    if (fwrite(s, 1, n, stdout) != n)
        exit(0);
}

static void repeat(char c, unsigned long n)
{
    char block[65536];
    memset(block, c, sizeof block);
    while (n > 0) {
        size_t k = n < sizeof block ? (size_t)n : sizeof block;
        putn(block, k);
        n -= k;
    }
}

int main(int argc, char **argv)
{
    const char *c;
    unsigned long n;
    char *end;

    signal(SIGPIPE, SIG_IGN);
    if (argc != 3) {
        fputs("usage: ndr_hostile_gen CASE N\n", stderr);
        return 2;
    }
    c = argv[1];
    n = strtoul(argv[2], &end, 10);
    if (*end != '\0') {
        fputs("ndr_hostile_gen: N must be a number\n", stderr);
        return 2;
    }

    if (strcmp(c, "longline") == 0) {
        put(bounce_head);
        put("\nThis is the mail system.\n");
        repeat('a', n);
        put("\n");
        put(finding);
    } else if (strcmp(c, "nested") == 0) {
        put(bounce_head);
        for (unsigned long i = 0; i < n; i++)
            if (printf("Content-Type: multipart/mixed; boundary=\"b%lu\"\n\n"
                       "--b%lu\n", i, i) < 0)
                return 0;
        put("Content-Type: text/plain\n\n");
        put(finding);
        for (unsigned long i = n; i > 0; i--)
            if (printf("--b%lu--\n", i - 1) < 0)
                return 0;
    } else if (strcmp(c, "parts") == 0) {
        put(bounce_head);
        put("Content-Type: multipart/mixed; boundary=p\n\n--p\n\n");
        put(finding);
        for (unsigned long i = 0; i < n; i++)
            put("--p\n\nx\n");
        put("--p--\n");
    } else if (strcmp(c, "b64") == 0) {
        put(bounce_head);
        put("Content-Type: text/plain\nContent-Transfer-Encoding: base64\n\n");
        /* base64 of the finding line, then of filler text, for ever */
        put("PHVzZXJAZXhhbXBsZS5vcmc+OiA1NTAgNS4xLjEgVXNlciB1bmtub3duCg\n");
        for (unsigned long i = 0; n == 0 || i < n; i++)
            put("QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2\n");
    } else if (strcmp(c, "nuls") == 0) {
        static const char msg[] =
            "From: MAILER-\0DAEMON@mx.example.org\n"
            "Subject: Undelivered\0 Mail\n"
            "Content-Type: multipart/report; boundary=\"\0x\"\n\n"
            "--\0x\nContent-Type: message/delivery-status\n\n"
            "Final-Recipient: rfc822; us\0er@example.org\n"
            "Action: fai\0led\nStatus: 5.\0001.1\n"
            "Diagnostic-Code: smtp; 550\0 5.1.1 \0\0\0unknown\n\n"
            "\0\0\0\0<user@example.org>: 550 5.1.1\0 x\n";
        static const char line[] = "\0mail\0box \0\0 unavailable\0\n";
        putn(msg, sizeof msg - 1);
        for (unsigned long i = 0; i < n; i++)
            putn(line, sizeof line - 1);
    } else if (strcmp(c, "textlines") == 0) {
        put(bounce_head);
        put("\n");
        put(finding);
        for (unsigned long i = 0; i < n; i++)
            put("  the remote server said something about this recipient\n");
    } else if (strcmp(c, "badutf8") == 0) {
        put(bounce_head);
        put("\n");
        for (unsigned long i = 0; i < (n ? n : 1); i++)
            put("<user@example.org>: 550 5.1.1 bad \xc0\xaf \xed\xa0\x80 "
                "\xf4\x90\x80\x80 \xff\xfe trunc \xe2\x82 "
                "\x1b]52;c;cm0gLXJmIH4K\x07 \x1b[2J\x1b[1A\r\x9b" "31m "
                "\xc2\x9b" "31m \xe2\x80\xae" "evil \xe2\x81\xa6 \x1b" "c "
                "\x7f \x08 end\n");
    } else if (strcmp(c, "dsnrcpts") == 0) {
        put(bounce_head);
        put("Content-Type: multipart/report; report-type=delivery-status; "
            "boundary=r\n\n--r\n\nDelivery failed.\n--r\n"
            "Content-Type: message/delivery-status\n\n"
            "Reporting-MTA: dns; mx.example.org\n");
        for (unsigned long i = 0; i < n; i++)
            if (printf("\nFinal-Recipient: rfc822; u%lu@example.org\n"
                       "Action: failed\nStatus: 5.1.1\n"
                       "Diagnostic-Code: smtp; 550 5.1.1 unknown\n", i) < 0)
                return 0;
        put("--r--\n");
    } else if (strcmp(c, "textrcpts") == 0) {
        put(bounce_head);
        put("\nThe following addresses failed:\n");
        for (unsigned long i = 0; i < n; i++)
            if (printf("<u%lu@example.org>: 550 5.1.1 unknown\n", i) < 0)
                return 0;
    } else if (strcmp(c, "samercpt") == 0) {
        put(bounce_head);
        put("\nThe following addresses failed:\n");
        for (unsigned long i = 0; i < 900; i++)
            if (printf("<u%lu@example.org>: 550 5.1.1 unknown\n", i) < 0)
                return 0;
        for (unsigned long i = 0; i < n; i++)
            put("<u899@example.org>: 550 5.1.1 unknown\n");
    } else if (strcmp(c, "headers") == 0) {
        put(bounce_head);
        for (unsigned long i = 0; i < n; i++)
            if (printf("X-Filler-%lu: header\n", i) < 0)
                return 0;
        put("\n");
        put(finding);
    } else if (strcmp(c, "hdrlen") == 0) {
        put(bounce_head);
        put("X-Long: start");
        for (unsigned long i = 0; i + 64 <= n; i += 64)
            put("\n x23456789012345678901234567890123456789012345678901234567890");
        put("\n\n");
        put(finding);
    } else if (strcmp(c, "boundary") == 0) {
        put(bounce_head);
        put("Content-Type: multipart/mixed; boundary=\"");
        repeat('b', n);
        put("\"\n\n--");
        repeat('b', n);
        put("\nContent-Type: text/plain\n\n");
        put(finding);
        put("--");
        repeat('b', n);
        put("--\n");
    } else if (strcmp(c, "mbox") == 0) {
        for (unsigned long i = 0; i < n; i++) {
            put("From MAILER-DAEMON Mon Jan  1 00:00:00 2024\n");
            put(bounce_head);
            if (printf("\n<u%lu@example.org>: 550 5.1.1 unknown\n\n", i) < 0)
                return 0;
        }
    } else {
        fprintf(stderr, "ndr_hostile_gen: unknown case %s\n", c);
        return 2;
    }
    fflush(stdout);
    return 0;
}
