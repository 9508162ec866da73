/*
 * test_bounce.c - the bounce parser, fed every way: whole, byte by byte,
 * in chunks of 2..7 bytes and split at every offset; with LF, CRLF and CR
 * line ends.  Each feeding must give the same records.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ndrcode.h"
#include "parser.h"

typedef struct sink {
    char out[16384];
    size_t len;
    size_t n;
} sink;

static int on_rec(void *ctx, const ndr_record *r)
{
    sink *s = ctx;
    int w = snprintf(s->out + s->len, sizeof s->out - s->len,
                     "%zu|%s|%s|%d|%s|%s|%s\n", r->message,
                     r->recipient ? r->recipient : "-",
                     r->status ? r->status : "-", r->reply,
                     r->action ? r->action : "-",
                     r->dsn_status ? r->dsn_status : "-",
                     ndr_reason_name(r->reason));
    if (w > 0 && (size_t)w < sizeof s->out - s->len)
        s->len += (size_t)w;
    s->n++;
    return 0;
}

/* Parse DATA fed in pieces of CHUNK bytes (0: whole; SPLIT: one cut). */
static void run(const char *data, size_t len, size_t chunk, size_t split,
                sink *s)
{
    ndr_options o;
    ndr_parser *p;
    ndr_options_init(&o);
    o.on_record = on_rec;
    o.ctx = s;
    memset(s, 0, sizeof *s);
    p = ndr_parser_new(&o);
    assert_non_null(p);
    if (split != 0) {
        assert_int_equal(ndr_parser_feed(p, data, split), NDR_OK);
        assert_int_equal(ndr_parser_feed(p, data + split, len - split), NDR_OK);
    } else if (chunk == 0) {
        assert_int_equal(ndr_parser_feed(p, data, len), NDR_OK);
    } else {
        for (size_t i = 0; i < len; i += chunk)
            assert_int_equal(
                ndr_parser_feed(p, data + i, len - i < chunk ? len - i : chunk),
                NDR_OK);
    }
    assert_int_equal(ndr_parser_finish(p), NDR_OK);
    ndr_parser_free(p);
}

static char *load(const char *name, size_t *len)
{
    char path[512];
    FILE *f;
    char *buf;
    long n;
    snprintf(path, sizeof path, "%s/%s", NDR_FIXTURES, name);
    f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    buf = malloc((size_t)n + 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    buf[n] = '\0';
    fclose(f);
    *len = (size_t)n;
    return buf;
}

/* LF -> CRLF or CR. */
static char *convert(const char *s, size_t n, const char *eol, size_t *out)
{
    size_t el = strlen(eol), k = 0;
    char *d = malloc(n * 2 + 1);
    assert_non_null(d);
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\n') {
            memcpy(d + k, eol, el);
            k += el;
        } else
            d[k++] = s[i];
    }
    *out = k;
    return d;
}

/* Every way of feeding DATA gives WANT. */
static void check_all_feeds(const char *data, size_t len, const char *want,
                            int every_split)
{
    sink *s = malloc(sizeof *s);
    assert_non_null(s);
    run(data, len, 0, 0, s);
    assert_string_equal(s->out, want);
    for (size_t c = 1; c <= 7; c++) {
        run(data, len, c, 0, s);
        assert_string_equal(s->out, want);
    }
    if (every_split)
        for (size_t k = 1; k < len; k++) {
            run(data, len, 0, k, s);
            if (strcmp(s->out, want) != 0)
                fail_msg("split at %zu gives\n%s", k, s->out);
        }
    free(s);
}

static void check_fixture(const char *name, const char *want)
{
    size_t len, clen;
    char *data = load(name, &len), *conv;
    check_all_feeds(data, len, want, 1);
    conv = convert(data, len, "\r\n", &clen);
    check_all_feeds(conv, clen, want, 0);
    free(conv);
    conv = convert(data, len, "\r", &clen);
    check_all_feeds(conv, clen, want, 0);
    free(conv);
    free(data);
}

static void test_dsn(void **state)
{
    (void)state;
    /* Two report blocks; the returned message's codes are ignored. */
    check_fixture("dsn-postfix.eml",
                  "1|bob@example.org|5.1.1|550|failed|-|userunknown\n"
                  "1|carol@example.com|4.2.2|452|delayed|-|mailboxfull\n");
}

static void test_exim(void **state)
{
    (void)state;
    check_fixture("text-exim.eml",
                  "1|erin@example.org|5.7.1|550|failed|-|blocked\n");
}

static void test_qmail(void **state)
{
    (void)state;
    check_fixture("text-qmail.eml",
                  "1|heidi@example.jp|5.1.1|0|failed|-|userunknown\n"
                  "1|ivan@example.jp|5.2.2|552|failed|-|mailboxfull\n");
}

static void test_exchange_fragment(void **state)
{
    (void)state;
    /* a fragment pasted from a mail client: no headers at all */
    check_fixture("text-exchange.txt",
                  "1|judy@example.com|5.1.1|550|failed|-|userunknown\n");
}

static void test_base64(void **state)
{
    (void)state;
    check_fixture("b64.eml", "1|pat@example.org|5.1.1|550|failed|-|userunknown\n");
}

static void test_qp(void **state)
{
    (void)state;
    /* soft breaks split a field name and a code */
    check_fixture("qp.eml", "1|rosa@example.org|5.2.2|552|failed|-|mailboxfull\n");
}

static void test_arf(void **state)
{
    (void)state;
    check_fixture("arf.eml", "1|user1@isp.example|-|0|-|-|feedback\n"
                             "1|user2@isp.example|-|0|-|-|feedback\n");
}

static void test_vacation(void **state)
{
    (void)state;
    check_fixture("vacation.eml", "1|karl@example.de|-|0|-|-|vacation\n");
}

static void test_ses_json(void **state)
{
    (void)state;
    /* escaped inside another JSON string and folded mid-key */
    check_fixture("ses.eml", "1|uma@example.org|5.1.1|550|failed|-|userunknown\n"
                             "1|vic@example.net|5.2.2|552|failed|-|mailboxfull\n");
}

static void test_vacation_null_path(void **state)
{
    (void)state;
    check_fixture("vacation-nullpath.eml", "1|wendy@example.org|-|0|-|-|vacation\n");
}

static void test_sendmail(void **state)
{
    (void)state;
    /* Status 5.0.0, the diagnostic says 5.2.1; the transcript's generic
     * 554 5.0.0 is not taken */
    check_fixture("sendmail.eml",
                  "1|zane@example.edu|5.2.1|550|failed|5.0.0|suspend\n");
}

static void test_domino(void **state)
{
    (void)state;
    /* no code anywhere: a record with the words, and no status */
    check_fixture("domino.eml", "1|bea@notes.example.co.jp|-|0|failed|-|userunknown\n");
}

static void test_opensmtpd(void **state)
{
    (void)state;
    check_fixture("opensmtpd.eml", "1|dee@example.org|5.2.2|550|failed|-|mailboxfull\n"
                                   "1|eve@example.org|5.1.1|550|failed|-|userunknown\n");
}

static void test_html_only(void **state)
{
    (void)state;
    check_fixture("html-only.eml",
                  "1|gus@example.org|5.1.10|550|failed|-|userunknown\n");
}

static void test_german_latin1(void **state)
{
    (void)state;
    check_fixture("german.eml", "1|ida@example.de|5.2.2|552|failed|-|mailboxfull\n");
}

/* Style sheets, scripts and comments of an HTML bounce are not text: a
 * separator phrase or an address in them neither ends the text nor names
 * a recipient. */
static void test_html_style(void **state)
{
    (void)state;
    check_fixture("html-style.eml",
                  "1|ivy@example.org|5.1.1|550|failed|-|userunknown\n");
}

/* A Latin-1 HTML part: the recoded line and the text taken out of its
 * tags share the scratch space (ASan once caught an overlapping copy). */
static void test_html_latin1(void **state)
{
    (void)state;
    check_fixture("html-latin1.eml",
                  "1|odile@example.fr|5.1.1|550|failed|-|userunknown\n");
}

/* Apple Mail's automatic unsubscribe request: feedback from its sender,
 * not the vacation reply its Auto-Submitted field would suggest. */
static void test_unsubscribe(void **state)
{
    (void)state;
    check_fixture("unsubscribe.eml", "1|pia@example.net|-|0|-|-|feedback\n");
}

/* A sendmail transcript: the mailer's line ("550 host (smtp)... ") and a
 * new session ("While talking to host:") speak of the address named after
 * them, not of the one before. */
static void test_sendmail_transcript(void **state)
{
    (void)state;
    check_fixture("sendmail-transcript.eml",
                  "1|abe@example.edu|-|421|failed|-|networkerror\n"
                  "1|bo@example.net|-|550|failed|-|hostunknown\n"
                  "1|cy@example.org|5.1.1|550|failed|-|userunknown\n");
}

/* An ISO-2022-JP text part is read as UTF-8: the Japanese words give the
 * reason, with no code in the text. */
static void test_iso2022jp(void **state)
{
    (void)state;
    check_fixture("jis.eml", "1|tanaka@example.jp|-|0|failed|-|userunknown\n");
}

/* A 4.x.x code is a delay in a delay warning, but a failure when the
 * Subject says the message came back (the server gave up retrying). */
static void test_action_by_subject(void **state)
{
    (void)state;
    check_fixture("postfix-delay.eml",
                  "1|max@example.org|4.2.2|452|delayed|-|mailboxfull\n");
    /* no code at all: the Subject alone says it is a delay */
    check_fixture("postfix-delay-text.eml",
                  "1|xin@example.org|-|0|delayed|-|expired\n");
    check_fixture("exim-gave-up.eml",
                  "1|lee@example.org|-|0|failed|-|expired\n"
                  "1|kim@example.org|4.2.2|452|failed|-|mailboxfull\n");
}

/* Exim's local deliveries: the target ("save to", "pipe to") comes
 * first, the address it was for on the "generated by" line after it, and
 * an indented line ending with ':' is the recipient's own text, not a
 * lead for the recipients after it. */
static void test_exim_local(void **state)
{
    (void)state;
    check_fixture("exim-local.eml",
                  "1|zack@host.example.com|-|0|failed|-|mailboxfull\n"
                  "1|amy@host.example.com|-|0|failed|-|mailererror\n"
                  "1|ben@nowhere.example|-|0|failed|-|hostunknown\n");
}

/* Exchange's store names a full mailbox in one run-together exception
 * name, under a plain 5.2.0 that alone would say nothing. */
static void test_exchange_quota(void **state)
{
    (void)state;
    check_fixture("exchange-quota.eml",
                  "1|erik.holm@corp.example.com|5.2.0|550|failed|-|mailboxfull\n");
}

/* A bounce forwarded by a person, or pasted with the mail client's
 * separator above it: the forwarded header's addresses are not
 * recipients, and the bounce after it is read.  A reply that quotes a
 * person's mail about bounces stays no bounce. */
static void test_forwarded(void **state)
{
    (void)state;
    check_fixture("fwd-outlook.eml",
                  "1|carl.young@fabrikam.example.net|5.1.10|550|failed|-|userunknown\n");
    check_fixture("fwd-pasted.txt",
                  "1|carl.young@fabrikam.example.net|5.1.10|550|failed|-|userunknown\n");
    check_fixture("fwd-gmail.eml",
                  "1|gina.lopez@example.org|5.1.1|550|failed|-|userunknown\n");
    check_fixture("not-bounce-reply.eml", "");
}

/* SmarterMail quotes the address ("Failed to deliver to 'a@b'");
 * Portuguese words name the cause in Latin-1 text without a code; a
 * Chinese notice labels the recipient in Chinese with a full-width colon,
 * which is no part of the address. */
static void test_other_systems(void **state)
{
    (void)state;
    check_fixture("smartermail.eml",
                  "1|bert@example.org|5.1.1|550|failed|-|userunknown\n");
    check_fixture("portuguese-latin1.eml",
                  "1|ines@example.com.br|-|0|failed|-|userunknown\n");
    check_fixture("chinese.eml",
                  "1|kai@example.cn|-|550|failed|-|userunknown\n");
}

/* Bounces of systems the other fixtures do not cover: Microsoft 365's
 * HTML-only notice (quoted-printable, the returned original holding a code
 * of its own), four recipients of a Postfix report with four causes
 * (block list, DMARC, no such domain, size), MDaemon's session transcript
 * (its "* To:" line and the reply to RCPT), and Kerio Connect. */
static void test_more_systems(void **state)
{
    (void)state;
    check_fixture("o365-html-ndr.eml",
                  "1|bruno.keller@fabrikam.example.net|5.1.10|550|failed|-|userunknown\n");
    check_fixture("postfix-multi.eml",
                  "1|xavier@example.org|5.7.1|550|failed|-|blocked\n"
                  "1|yara@example.net|5.7.26|550|failed|-|authfailure\n"
                  "1|zoe@nowhere.example|5.4.4|0|failed|-|hostunknown\n"
                  "1|adam@example.info|5.3.4|552|failed|-|mesgtoobig\n");
    check_fixture("mdaemon.eml",
                  "1|quinn@example.org|5.2.1|550|failed|-|suspend\n");
    check_fixture("kerio.eml",
                  "1|sam@example.net|5.3.4|552|failed|-|mesgtoobig\n");
}

/* Text parts in charsets other than UTF-8 and Latin-1 are recoded before
 * they are read: Czech in ISO-8859-2 (8-bit) and Polish in ISO-8859-2
 * (quoted-printable), Japanese in Shift_JIS and EUC-JP (words only, no
 * code), Russian in windows-1251 (a phrase starting a sentence), and
 * GB2312, where the label ends with a full-width colon and full-width
 * brackets enclose the address. */
static void test_charsets(void **state)
{
    (void)state;
    check_fixture("czech-latin2.eml",
                  "1|tomas.dvorak@example.cz|-|0|failed|-|userunknown\n");
    check_fixture("polish-qp-latin2.eml",
                  "1|ola@onet.example.pl|-|0|failed|-|userunknown\n");
    check_fixture("sjis.eml",
                  "1|watanabe@softbank.example.jp|-|0|failed|-|mailboxfull\n");
    check_fixture("eucjp.eml",
                  "1|yoshida@example.co.jp|-|0|failed|-|userunknown\n");
    check_fixture("russian-1251.eml",
                  "1|petrov@example.ru|-|0|failed|-|userunknown\n");
    check_fixture("gb2312.eml",
                  "1|sun@example.cn|-|550|failed|-|userunknown\n");
}

/* Chinese and Korean notices in their own charsets, decoded before they
 * are read: NetEase-like GB2312 in quoted-printable (a full mailbox, the
 * address in full-width brackets), GBK in base64 whose encoded Subject
 * alone marks it as a bounce (a frozen mailbox; 喆 is in GBK, not
 * GB2312), Big5 in quoted-printable (no such account; 許 has a backslash
 * for its trail byte), EUC-KR in 8 bits (the mailbox over capacity) and
 * UHC labelled ks_c_5601-1987 in base64 beside a report whose 5.0.0 says
 * nothing more (a dormant account; 똠 is in UHC, not EUC-KR). */
static void test_cjk_charsets(void **state)
{
    (void)state;
    check_fixture("cjk-gb2312-qp.eml",
                  "1|li.na@example.cn|-|0|failed|-|mailboxfull\n");
    check_fixture("cjk-gbk-b64.eml",
                  "1|zhang.zhe@example.com.cn|-|0|failed|-|suspend\n");
    check_fixture("cjk-big5-qp.eml",
                  "1|chen.yating@example.com.tw|-|550|failed|-|userunknown\n");
    check_fixture("cjk-euckr.eml",
                  "1|park.jisoo@example.co.kr|-|0|failed|-|mailboxfull\n");
    check_fixture("cjk-uhc-report.eml",
                  "1|kim.ttom@example.kr|5.0.0|550|failed|-|suspend\n");
}

/* Words of other languages: a Dutch and a Turkish notice naming an
 * unknown user, Rediffmail's full mailbox ("the mailbox of the user ... is
 * full"), full mailboxes said by local delivery in six languages, and
 * auto-replies whose only mark is the Subject in twelve languages
 * (encoded words in UTF-8, ISO-2022-JP and ISO-8859-1, or plain). */
static void test_languages(void **state)
{
    (void)state;
    check_fixture("dutch.eml",
                  "1|lotte.visser@kpn.example.nl|-|0|failed|-|userunknown\n");
    check_fixture("turkish.eml",
                  "1|fatma.kaya@example.com.tr|-|0|failed|-|userunknown\n");
    check_fixture("rediff.eml",
                  "1|priya.sharma@rediffmail.example.com|-|0|failed|-|mailboxfull\n");
    check_fixture("quota-languages.mbox",
                  "1|olle@example.se|5.0.0|0|failed|-|mailboxfull\n"
                  "2|zofia@example.pl|5.0.0|0|failed|-|mailboxfull\n"
                  "3|park@example.kr|5.0.0|0|failed|-|mailboxfull\n"
                  "4|bram@example.nl|5.0.0|0|failed|-|mailboxfull\n"
                  "5|jiri@example.cz|5.0.0|0|failed|-|mailboxfull\n"
                  "6|emre@example.com.tr|5.0.0|0|failed|-|mailboxfull\n");
    check_fixture("ooo-languages.mbox",
                  "1|jan.devries@example.nl|-|0|-|-|vacation\n"
                  "2|ewa@example.pl|-|0|-|-|vacation\n"
                  "3|martin@example.cz|-|0|-|-|vacation\n"
                  "4|can@example.com.tr|-|0|-|-|vacation\n"
                  "5|kim@example.kr|-|0|-|-|vacation\n"
                  "6|wang@example.cn|-|0|-|-|vacation\n"
                  "7|suzuki@example.jp|-|0|-|-|vacation\n"
                  "8|erik@example.se|-|0|-|-|vacation\n"
                  "9|lars@example.dk|-|0|-|-|vacation\n"
                  "10|anna@example.hu|-|0|-|-|vacation\n"
                  "11|karine@example.fr|-|0|-|-|vacation\n"
                  "12|lena@example.de|-|0|-|-|vacation\n");
}

/* Notices written in capitals in other scripts: a Russian one in plain
 * text ("ПОЛЬЗОВАТЕЛЬ НЕ НАЙДЕН"), full mailboxes said in Russian and
 * Polish capitals in a DSN ("ЯЩИК ПЕРЕПОЛНЕН", "Skrzynka PEŁNA", whose
 * 5.0.0 says nothing more), and an auto-reply whose Subject is Greek in
 * capitals ("ΑΥΤΌΜΑΤΗ ΑΠΆΝΤΗΣΗ"): the phrases match whatever the case. */
static void test_capitals(void **state)
{
    (void)state;
    check_fixture("caps-scripts.mbox",
                  "1|kuznetsova@example.ru|-|0|failed|-|userunknown\n"
                  "2|orlov@example.ru|5.0.0|0|failed|-|mailboxfull\n"
                  "3|jerzy@example.pl|5.0.0|0|failed|-|mailboxfull\n"
                  "4|nikos@example.gr|-|0|-|-|vacation\n");
}

/* More systems and shapes: FortiMail's FortiGuard AntiSpam (a refused
 * connection that is not a network fault), Google Groups, an Exchange
 * transport rule, Exim's MX records pointing nowhere, cPanel's hourly
 * sending limit and its spam refusal after end of data, Microsoft 365 with
 * three recipients and three causes, Naver's Korean HTML notice (base64),
 * a global delivery-status report with a UTF-8 address, and a report
 * whose block has only Original-Recipient. */
static void test_systems_round2(void **state)
{
    (void)state;
    check_fixture("fortimail.eml",
                  "1|legal@example.org|5.7.1|550|failed|-|spamdetected\n");
    check_fixture("google-groups.eml",
                  "1|team-announce@example.org|5.7.0|0|failed|-|rejected\n");
    check_fixture("exchange-rule.eml",
                  "1|partner@example.net|5.7.1|550|failed|-|policyviolation\n");
    check_fixture("exim-mx-nonexist.eml",
                  "1|eli@broken.example|-|0|failed|-|hostunknown\n");
    check_fixture("cpanel-hourly.eml",
                  "1|client@example.org|-|0|failed|-|speeding\n");
    check_fixture("cpanel-eod.eml",
                  "1|buyer@example.org|5.7.1|550|failed|-|spamdetected\n");
    check_fixture("o365-multi.eml",
                  "1|bob@fabrikam.example.net|5.1.10|550|failed|-|userunknown\n"
                  "1|carol@tailspin.example.org|5.2.2|554|failed|-|mailboxfull\n"
                  "1|dave@wingtip.example.com|5.7.1|550|failed|-|blocked\n");
    check_fixture("naver-html.eml",
                  "1|hong.gildong@example.kr|5.1.1|550|failed|-|userunknown\n");
    check_fixture("dsn-global.eml",
                  "1|\xe7\x94\xa8\xe6\x88\xb7@\xe4\xbe\x8b\xe5\xad\x90.example.cn|"
                  "5.1.1|550|failed|-|userunknown\n");
    check_fixture("dsn-origonly.eml",
                  "1|ivy@example.net|5.1.1|550|failed|-|userunknown\n");
}

/* The remote hosts' own words and codes, in the reports of the sending
 * MTAs that carry them: Spectrum's AUP#I- number after "sender rejected",
 * Cox's AUP#CXBL beside "spam", Orange's blocked recipient account,
 * docomo's "too much mail data", Facebook's RCP-P2, i.ua's error page and
 * Exchange Online's "no mail over IPv6" (blocked, not a hard null MX) in
 * one Postfix report; GoDaddy's IB110 and QQ's frequency limit from Exim;
 * Yahoo's TSS09 from Sendmail; Mimecast's anti-spoofing policy and
 * MessageLabs' list of sender addresses from Exchange; a Postfix delay
 * warning with Gmail's same-Message-ID quota and AOL's DYN:T1. */
static void test_remote_hosts(void **state)
{
    (void)state;
    check_fixture("rhost-postfix-multi.eml",
                  "1|lee@charter.example.net|5.1.0|550|failed|-|toomanyconn\n"
                  "1|dana@cox.example.net|5.7.1|554|failed|-|blocked\n"
                  "1|paul@orange.example.fr|5.5.0|550|failed|-|suspend\n"
                  "1|hana@docomo.example.jp|5.0.0|552|failed|-|mailboxfull\n"
                  "1|bob@facebook.example.com|5.7.1|550|failed|-|filtered\n"
                  "1|oles@i.example.ua|5.0.0|550|failed|-|suspend\n"
                  "1|joe@contoso.example.com|5.7.510|550|failed|-|blocked\n");
    check_fixture("rhost-exim-godaddy.eml",
                  "1|kim@godaddy-hosted.example.org|5.7.1|554|failed|-|"
                  "blocked\n"
                  "1|wei@qq.example.com|-|550|failed|-|toomanyconn\n");
    check_fixture("rhost-sendmail-yahoo.eml",
                  "1|sam@yahoo.example.com|5.7.2|553|failed|-|rejected\n");
    check_fixture("rhost-exchange-gateways.eml",
                  "1|ruth@partner.example.org|5.0.0|550|failed|-|"
                  "policyviolation\n"
                  "1|tom@supplier.example.org|5.0.0|553|failed|-|rejected\n");
    /* a delay warning: Gmail's same-Message-ID quota (not the 4.7.28 rate
     * limit) and AOL's DYN:T1 throttle */
    check_fixture("rhost-postfix-delayed.eml",
                  "1|amy@gmail.example.com|4.7.28|421|delayed|-|"
                  "policyviolation\n"
                  "1|pat@aol.example.com|4.0.0|421|delayed|-|speeding\n");
}

/* The returned original right after the failure text, with no blank line
 * before its header: after Smail's "Message text follows" line, and after
 * a line of dashes; or after a separator line with a blank line, its
 * header starting with another field than a trace field.  Its Subject and body speak of a full mailbox and
 * spam; they are the sender's words, not the server's. */
static void test_original_after_text(void **state)
{
    (void)state;
    check_fixture("smail-text-follows.eml",
                  "1|bert@nohost.example.com|-|0|failed|-|hostunknown\n");
    check_fixture("headers-after-text.eml",
                  "1|dieter@example.de|5.1.1|550|failed|-|userunknown\n");
    /* SmarterMail's "-- The header and top 20 lines of the message
     * follows --", then the original starting with its From field */
    check_fixture("smartermail-top20.eml",
                  "1|greta@example.net|5.7.1|550|failed|-|blocked\n");
}

/* The first record's diagnostic of DATA, parsed whole, into OUT. */
static int diag_rec(void *ctx, const ndr_record *r)
{
    char *out = ctx;
    if (out[0] == '\0' && r->diagnostic != NULL)
        snprintf(out, 1024, "%s", r->diagnostic);
    return 0;
}

static void first_diag(const char *data, char *out)
{
    ndr_options o;
    ndr_parser *p;
    ndr_options_init(&o);
    o.on_record = diag_rec;
    o.ctx = out;
    out[0] = '\0';
    p = ndr_parser_new(&o);
    assert_non_null(p);
    assert_int_equal(ndr_parser_feed(p, data, strlen(data)), NDR_OK);
    assert_int_equal(ndr_parser_finish(p), NDR_OK);
    ndr_parser_free(p);
}

/* TEXT gives RECORDS however it is fed, and its first record's
 * diagnostic is WANT. */
static void check_diag(const char *text, const char *records,
                       const char *want)
{
    char diag[1024];
    check_all_feeds(text, strlen(text), records, 1);
    first_diag(text, diag);
    assert_string_equal(diag, want);
}

/* A report without a Diagnostic-Code, whose text does not name its lone
 * recipient: the text gives the reply and the server's words, without the
 * sentence a MIME message puts before its first part. */
static void test_report_without_diagnostic(void **state)
{
    static const char msg[] =
        "From: postmaster@outlook.example.com\n"
        "To: ann@example.org\n"
        "Subject: Undeliverable: hello\n"
        "Content-Type: multipart/report; report-type=delivery-status;\n"
        " boundary=\"b1\"\n"
        "\n"
        "This is a multi-part message in MIME format.\n"
        "\n"
        "--b1\n"
        "Content-Type: text/plain\n"
        "\n"
        "Your message couldn't be delivered.\n"
        "Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound;\n"
        " Recipient not found by SMTP address lookup'\n"
        "\n"
        "--b1\n"
        "Content-Type: message/delivery-status\n"
        "\n"
        "Reporting-MTA: dns; mx.outlook.example.com\n"
        "\n"
        "Final-Recipient: rfc822; bo@example.net\n"
        "Action: failed\n"
        "Status: 5.1.10\n"
        "\n"
        "--b1--\n";
    (void)state;
    /* the server's words, not the template around them */
    check_diag(msg,
               "1|bo@example.net|5.1.10|550|failed|-|userunknown\n",
               "550 5.1.10 RESOLVER.ADR.RecipientNotFound; "
               "Recipient not found by SMTP address lookup");
}

/* A notice built from a template (Microsoft 365's since 2019, pasted
 * from the mail client) gives the server's own words as the diagnostic:
 * the value of "Reported error:" with what is folded under it, or the
 * lines after "The remote server said:"; and an address in a signature
 * or a block of contacts after the failure text names no recipient. */
static void test_diag_from_template(void **state)
{
    static const char o365[] =
        "Your message to jo@contoso.example couldn't be delivered.\n"
        "\n"
        "jo wasn't found at contoso.example.\n"
        "\n"
        "More Info for Email Admins\n"
        "Status code: 550 5.1.10\n"
        "\n"
        "Error Details\n"
        "Reported error:    550 5.1.10 RESOLVER.ADR.RecipientNotFound; "
        "Recipient\n"
        "    jo@contoso.example not found by SMTP address lookup\n"
        "DSN generated by:    BN8PR12MB0001.namprd12.prod.outlook.com\n";
    static const char said[] =
        "From: postmaster@relay.example.net\n"
        "Subject: Delivery failure\n"
        "\n"
        "Delivery to the following address failed permanently:\n"
        "\n"
        "dan@customer.example\n"
        "\n"
        "The remote server said:\n"
        "550 5.1.1 Mailbox\n"
        "unavailable\n"
        "\n"
        "-- \n"
        "Postmaster Team\n"
        "noc@relay.example.net\n";
    static const char multiline[] =
        "From: MAILER-DAEMON@mx.sender.example\n"
        "Subject: failure notice\n"
        "\n"
        "Hi. This is the qmail-send program at mx.sender.example.\n"
        "I'm afraid I wasn't able to deliver your message to the following "
        "addresses.\n"
        "This is a permanent error; I've given up. Sorry it didn't work "
        "out.\n"
        "\n"
        "<lee@strict.example>:\n"
        "203.0.113.7 failed after I sent the message.\n"
        "Remote host said: 550-5.7.26 Unauthenticated mail from "
        "sender.example is\n"
        "550-5.7.26 refused by the domain's DMARC policy.\n"
        "550 5.7.26 See the postmaster pages of strict.example\n"
        "\n";
    static const char links[] =
        "From: MAILER-DAEMON@notify.mailhost.example\n"
        "Subject: Delivery Status Notification (Failure)\n"
        "\n"
        "Delivery to the following recipient failed:\n"
        "\n"
        "nina@wholesale.example\n"
        "\n"
        "The mailbox of nina@wholesale.example is full.\n"
        "For the limits see\n"
        "https://help.mailhost.example/quota\n"
        "\n"
        "<https://mailhost.example/settings>\n"
        "Learn more about why messages bounce.\n"
        "Unsubscribe: https://mailhost.example/u/8f3a21\n";
    /* a recipient's "Reason:" line, its words wrapped by the notice's
     * width, with the server's own label inside it */
    static const char reason[] =
        "From: postmaster@mail.agency.example\n"
        "Subject: Undeliverable Mail\n"
        "\n"
        "Could not deliver message to the following recipient(s):\n"
        "\n"
        "Failed Recipient: ivo@studio.example\n"
        "Reason: Remote host said: 550 5.7.1 Service unavailable, sending\n"
        "host [192.0.2.71] listed on a DNS block list\n"
        "\n"
        "   -- The header and top 20 lines of the message follows --\n";
    /* "Reason:" in the notice's words, then the server's own under a
     * surer label */
    static const char oracle[] =
        "From: MAILER-DAEMON@msg.campus.example\n"
        "Subject: Delivery Notification: Delivery has failed\n"
        "\n"
        "This report relates to a message you sent with the following "
        "header fields:\n"
        "\n"
        "  Subject: minutes\n"
        "\n"
        "Your message cannot be delivered to the following recipients:\n"
        "\n"
        "  Recipient address: dean@faculty.example\n"
        "  Reason: Remote SMTP server has rejected address\n"
        "  Diagnostic code: smtp;550 5.1.1 <dean@faculty.example>... User "
        "unknown\n"
        "  Remote system: dns;mx.faculty.example\n"
        "\n";
    /* hMailServer's "Remote server replied:" among its own lines */
    static const char replied[] =
        "From: mailer-daemon@office.example\n"
        "Subject: Message undeliverable: invoice\n"
        "\n"
        "Your message did not reach some or all of the intended "
        "recipients.\n"
        "\n"
        "   Sent: Mon, 30 Nov 2026 10:12:31 +0100\n"
        "   Subject: invoice\n"
        "\n"
        "The following recipient(s) could not be reached:\n"
        "\n"
        "kasse@shop.example\n"
        "   Error Type: SMTP\n"
        "   Remote server (192.0.2.88) issued an error.\n"
        "   hMailServer sent: RCPT TO:<kasse@shop.example>\n"
        "   Remote server replied: 550 5.1.1 <kasse@shop.example>: User "
        "unknown\n"
        "\n"
        "hMailServer\n";
    /* a sure label set mid-line by a paragraph wrapped to the notice's
     * width */
    static const char midline[] =
        "From: Mail Delivery Subsystem <mailer-daemon@relay.example.com>\n"
        "Subject: Delivery Status Notification (Failure)\n"
        "\n"
        "Delivery to the following recipient failed permanently:\n"
        "\n"
        "     ola@fjord.example\n"
        "\n"
        "Technical details of permanent failure:\n"
        "We tried to deliver your message, but the receiving domain refused "
        "it. Ask\n"
        "the recipient's provider why. The error that the other server "
        "returned was:\n"
        "552 552 5.2.2 <ola@fjord.example>: quota exceeded (state 14).\n"
        "\n";
    (void)state;
    check_diag(midline,
               "1|ola@fjord.example|5.2.2|552|failed|-|mailboxfull\n",
               "552 552 5.2.2 <ola@fjord.example>: quota "
               "exceeded (state 14).");
    check_diag(reason,
               "1|ivo@studio.example|5.7.1|550|failed|-|blocked\n",
               "550 5.7.1 Service unavailable, sending host "
               "[192.0.2.71] listed on a DNS block list");
    check_diag(oracle,
               "1|dean@faculty.example|5.1.1|550|failed|-|userunknown\n",
               "smtp;550 5.1.1 <dean@faculty.example>... User "
               "unknown");
    check_diag(replied,
               "1|kasse@shop.example|5.1.1|550|failed|-|userunknown\n",
               "550 5.1.1 <kasse@shop.example>: User unknown");
    check_diag(multiline,
               "1|lee@strict.example|5.7.26|550|failed|-|authfailure\n",
               "550-5.7.26 Unauthenticated mail from "
               "sender.example is 550-5.7.26 refused by the "
               "domain's DMARC policy. 550 5.7.26 See the "
               "postmaster pages of strict.example");
    check_diag(o365,
               "1|jo@contoso.example|5.1.10|550|failed|-|userunknown\n",
               "550 5.1.10 RESOLVER.ADR.RecipientNotFound; "
               "Recipient jo@contoso.example not found by "
               "SMTP address lookup");
    check_diag(said,
               "1|dan@customer.example|5.1.1|550|failed|-|userunknown\n",
               "550 5.1.1 Mailbox unavailable");
    /* a link alone on its line is left out, unless a sentence runs on
     * into it; so is a line that points at one */
    check_diag(links,
               "1|nina@wholesale.example|-|0|failed|-|mailboxfull\n",
               "The mailbox of nina@wholesale.example is "
               "full. For the limits see "
               "https://help.mailhost.example/quota");
}

static void test_not_bounce(void **state)
{
    (void)state;
    check_fixture("not-bounce.eml", "");
}

static void test_mbox(void **state)
{
    static const char *const parts[] = {"dsn-postfix.eml", "text-qmail.eml",
                                        "not-bounce.eml", "text-exim.eml"};
    char *mbox = malloc(65536);
    size_t len = 0;
    (void)state;
    assert_non_null(mbox);
    for (size_t i = 0; i < 4; i++) {
        size_t n;
        char *m = load(parts[i], &n);
        len += (size_t)sprintf(mbox + len,
                               "From MAILER-DAEMON Mon Nov  3 10:15:02 2025\n");
        memcpy(mbox + len, m, n);
        len += n;
        mbox[len++] = '\n';
        free(m);
    }
    check_all_feeds(mbox, len,
                    "1|bob@example.org|5.1.1|550|failed|-|userunknown\n"
                    "1|carol@example.com|4.2.2|452|delayed|-|mailboxfull\n"
                    "2|heidi@example.jp|5.1.1|0|failed|-|userunknown\n"
                    "2|ivan@example.jp|5.2.2|552|failed|-|mailboxfull\n"
                    "4|erin@example.org|5.7.1|550|failed|-|blocked\n",
                    0);
    free(mbox);
}

/* A bare CR ends a line everywhere, also inside a part that is skipped
 * without being read (an attachment): the empty line it makes and the
 * "From " line after it start the next message of an mbox. */
static void test_mbox_bare_cr_in_skipped_part(void **state)
{
    static const char mbox[] =
        "From MAILER-DAEMON Mon Nov  3 10:15:02 2025\n"
        "From: MAILER-DAEMON@example.org\n"
        "Subject: Undelivered Mail Returned to Sender\n"
        "Content-Type: multipart/mixed; boundary=b\n"
        "\n"
        "--b\n"
        "Content-Type: text/plain\n"
        "\n"
        "<amy@example.org>: 550 5.1.1 user unknown\n"
        "--b\n"
        "Content-Type: image/png\n"
        "\n"
        "iVBORw0KGgo\n"
        "AAAANSUhEUg\r\r"
        "From MAILER-DAEMON Mon Nov  3 10:15:03 2025\n"
        "From: MAILER-DAEMON@example.org\n"
        "Subject: Undelivered Mail Returned to Sender\n"
        "X-Failed-Recipients: zed@example.net\n"
        "\n"
        "550 5.1.2 host unknown\n";
    (void)state;
    check_all_feeds(mbox, sizeof mbox - 1,
                    "1|amy@example.org|5.1.1|550|failed|-|userunknown\n"
                    "2|zed@example.net|5.1.2|550|failed|-|hostunknown\n",
                    1);
}

/* The parts skipped without being split (an attachment, the returned
 * message's header before and after its To field, an epilogue, folded
 * lines of a field no one reads) end exactly where the line-by-line path
 * would end them: at a boundary, also one right after a bare CR, and at a
 * "From " line after a blank line (LF or CRLF), but not at a "From " line
 * after another line, nor at a line that only starts with '-' or "From".
 * Mixed LF, CRLF and bare CR ends; then all of it in CRLF (the bare CRs
 * stay bare). */
static const char skip_mbox[] =
    "From MAILER-DAEMON Mon Nov  3 10:15:02 2025\n"
    "From: MAILER-DAEMON@example.org\n"
    "Subject: Undelivered Mail Returned to Sender\n"
    "X-Long: a header no one reads\n"
    " with a folded line\n"
    "\tand another\n"
    "Content-Type: multipart/mixed; boundary=b\n"
    "\n"
    "--b\n"
    "Content-Type: text/plain\n"
    "\n"
    "<amy@example.org>: 550 5.1.1 user unknown\n"
    "--b\n"
    "Content-Type: application/octet-stream\n"
    "\n"
    "-not a boundary\n"
    "From the attachment, not after a blank line\n"
    "\n"
    "Fromage, after a blank line\n"
    "crlf line\r\n"
    "\r\n"
    "F\r\n"
    "last line of the attachment\n"
    "--b\n"
    "Content-Type: image/png\n"
    "\n"
    "iVBORw0KGgo\r\n"
    "AAAANSUhEUg\r--b\n"
    "Content-Type: text/plain\n"
    "\n"
    "<bob@example.org>: 550 5.2.2 mailbox full\n"
    "--b--\n"
    "epilogue line\n"
    "-- not a boundary at depth 0\n"
    "\r\n"
    "From MAILER-DAEMON Mon Nov  3 10:15:03 2025\n"
    "From: MAILER-DAEMON@example.org\n"
    "Subject: Undelivered Mail Returned to Sender\n"
    "Content-Type: multipart/mixed; boundary=c\n"
    "\n"
    "--c\n"
    "Content-Type: text/plain\n"
    "\n"
    "The mail could not be delivered: 550 5.1.1 user unknown\n"
    "--c\n"
    "Content-Type: message/rfc822\n"
    "\n"
    "Received: from x by y\n"
    " folded part of Received\n"
    "Subject: hello\n"
    "From someone at the start of a header line\n"
    "To: <orig@example.net>\n"
    "Cc: <cc@example.net>\n"
    "\n"
    "body of the original\n"
    "--c\n"
    "Content-Type: application/octet-stream\n"
    "\n"
    "AAAA\n"
    "\n"
    "From MAILER-DAEMON Mon Nov  3 10:15:04 2025\n"
    "From: MAILER-DAEMON@example.org\n"
    "Subject: Undelivered Mail Returned to Sender\n"
    "X-Failed-Recipients: zed@example.net\n"
    "\n"
    "550 5.1.2 host unknown\n";

static const char skip_want[] =
    "1|amy@example.org|5.1.1|550|failed|-|userunknown\n"
    "1|bob@example.org|5.2.2|550|failed|-|mailboxfull\n"
    "2|orig@example.net|5.1.1|550|failed|-|userunknown\n"
    "3|zed@example.net|5.1.2|550|failed|-|hostunknown\n";

static void test_skipped_parts(void **state)
{
    size_t clen;
    char *crlf = convert(skip_mbox, sizeof skip_mbox - 1, "\r\n", &clen);
    (void)state;
    check_all_feeds(skip_mbox, sizeof skip_mbox - 1, skip_want, 1);
    check_all_feeds(crlf, clen, skip_want, 1);
    free(crlf);
}

/* Parse DATA fed in pieces of CHUNK bytes (0: whole; SPLIT: one cut)
 * with max_message MAX; the records and the status finish returns go
 * into S. */
static ndr_status run_limits(const char *data, size_t len, size_t chunk,
                             size_t split, size_t max, size_t max_decoded,
                             sink *s)
{
    ndr_options o;
    ndr_parser *p;
    ndr_status st;
    size_t i = 0;
    ndr_options_init(&o);
    o.on_record = on_rec;
    o.ctx = s;
    o.max_message = max;
    if (max_decoded > 0)
        o.max_decoded = max_decoded;
    memset(s, 0, sizeof *s);
    p = ndr_parser_new(&o);
    assert_non_null(p);
    while (i < len) {
        size_t n = split != 0 ? (i == 0 ? split : len - i)
                   : chunk == 0 || len - i < chunk ? len - i : chunk;
        if (ndr_parser_feed(p, data + i, n) != NDR_OK)
            break;
        i += n;
    }
    st = ndr_parser_finish(p);
    ndr_parser_free(p);
    return st;
}

static ndr_status run_max(const char *data, size_t len, size_t chunk,
                          size_t split, size_t max, sink *s)
{
    return run_limits(data, len, chunk, split, max, 0, s);
}

/* Skipped lines count toward max_message as read lines do (a CRLF end
 * is one byte), so that a message just under, at or just over the limit
 * is read the same whatever the chunking.  Message 1 of skip_mbox (its
 * separator line is not counted) is mostly skipped lines. */
static void test_skipped_parts_max_message(void **state)
{
    const char *m1 = strchr(skip_mbox, '\n') + 1;
    const char *m2 = strstr(m1, "\nFrom MAILER-DAEMON") + 1;
    size_t size = (size_t)(m2 - m1), len = sizeof skip_mbox - 1;
    sink *want = malloc(sizeof *want), *got = malloc(sizeof *got);
    (void)state;
    assert_non_null(want);
    assert_non_null(got);
    for (const char *c = m1; c < m2; c++)
        if (c[0] == '\r' && c[1] == '\n')
            size--;
    for (size_t max = size - 3; max <= size + 3; max++) {
        ndr_status st = run_max(skip_mbox, len, 0, 0, max, want);
        /* the message fits from SIZE on */
        assert_int_equal(st, max < size ? NDR_LIMIT_MESSAGE : NDR_OK);
        for (size_t c = 1; c <= 7; c++) {
            assert_int_equal(run_max(skip_mbox, len, c, 0, max, got), st);
            assert_string_equal(got->out, want->out);
        }
        for (size_t k = 1; k < len; k++) {
            assert_int_equal(run_max(skip_mbox, len, 0, k, max, got), st);
            if (strcmp(got->out, want->out) != 0)
                fail_msg("max %zu, split at %zu gives\n%s", max, k, got->out);
        }
    }
    free(want);
    free(got);
}

/* A text bounce that names its recipient only in the To field of the
 * original pasted under it.  The header lines before that field may be
 * skipped unread, or read one by one when the feeding cuts them; either
 * way they count toward the part's max_decoded, so the To field is read
 * under the same limits whatever the chunking (a finding of the fuzzer:
 * a limit between the two counts gave the recipient only when fed
 * whole). */
static const char pasted_to_bounce[] =
    "From: MAILER-DAEMON@mx.example\n"
    "To: owner@home.example\n"
    "Subject: failure notice\n"
    "\n"
    "Hi. This is the qmail-send program at mx.example.\n"
    "I'm afraid I wasn't able to deliver your message to the following "
    "addresses.\n"
    "\n"
    "Remote host said: 550 5.1.1 User unknown\n"
    "\n"
    "--- Below this line is a copy of the message.\n"
    "\n"
    "Return-Path: <owner@home.example>\n"
    "Received: (qmail 1 invoked by uid 0); 1 Jan 2026 00:00:00 -0000\n"
    "Date: 1 Jan 2026 00:00:00 -0000\n"
    "Message-ID: <1.qmail@home.example>\n"
    "From: owner@home.example\n"
    "To: lost@away.example\n"
    "\n"
    "body\n";

static void test_pasted_to_max_decoded(void **state)
{
    size_t len = sizeof pasted_to_bounce - 1, body = 0, named = 0;
    const char *b = strstr(pasted_to_bounce, "\n\n") + 2;
    /* the To field is taken at the blank line that ends the header */
    const char *to = strstr(pasted_to_bounce, "lost@away.example\n") + 18;
    sink *want = malloc(sizeof *want), *got = malloc(sizeof *got);
    (void)state;
    assert_non_null(want);
    assert_non_null(got);
    /* what body_line counts before that line: the lines without ends */
    for (const char *c = b; c < to; c++)
        if (*c != '\n')
            body++;
    for (size_t max = body - 3; max <= body + 3; max++) {
        ndr_status st = run_limits(pasted_to_bounce, len, 0, 0, 1 << 20,
                                   max, want);
        assert_int_equal(st, NDR_OK);
        /* the To line is read only while the part is under its limit */
        if (strstr(want->out, "lost@away.example") != NULL)
            named++;
        assert_int_equal(strstr(want->out, "lost@away.example") != NULL,
                         max > body);
        for (size_t c = 1; c <= 7; c++) {
            assert_int_equal(
                run_limits(pasted_to_bounce, len, c, 0, 1 << 20, max, got),
                st);
            assert_string_equal(got->out, want->out);
        }
        for (size_t k = 1; k < len; k++) {
            run_limits(pasted_to_bounce, len, 0, k, 1 << 20, max, got);
            if (strcmp(got->out, want->out) != 0)
                fail_msg("max_decoded %zu, split at %zu gives\n%s", max, k,
                         got->out);
        }
    }
    assert_int_equal(named, 3);
    free(want);
    free(got);
}

/* The header names the parser acts on are known in any case, and no
 * other name is taken for one of them. */
static void test_header_names(void **state)
{
    static const struct { const char *name; enum hdr_id id; } names[] = {
        {"From", HDR_FROM}, {"TO", HDR_TO}, {"return-path", HDR_RETURN_PATH},
        {"Subject", HDR_SUBJECT},
        {"X-Failed-Recipients", HDR_X_FAILED_RECIPIENTS},
        {"Auto-Submitted", HDR_AUTO_SUBMITTED},
        {"X-Autoreply", HDR_X_AUTOREPLY}, {"X-Autorespond", HDR_X_AUTORESPOND},
        {"X-AutoResponder", HDR_X_AUTORESPONDER},
        {"Precedence", HDR_PRECEDENCE}, {"X-Apple-Action", HDR_X_APPLE_ACTION},
        {"X-Apple-Unsubscribe", HDR_X_APPLE_UNSUBSCRIBE},
        {"Content-Type", HDR_CONTENT_TYPE},
        {"content-transfer-encoding", HDR_CONTENT_TRANSFER_ENCODING},
        {"Final-Recipient", HDR_FINAL_RECIPIENT},
        {"Original-Recipient", HDR_ORIGINAL_RECIPIENT},
        {"Action", HDR_ACTION}, {"Status", HDR_STATUS},
        {"Diagnostic-Code", HDR_DIAGNOSTIC_CODE},
        {"Remote-MTA", HDR_REMOTE_MTA}, {"Reporting-MTA", HDR_REPORTING_MTA},
        {"X-MLServer", HDR_X_MLSERVER},
        {"X-PowerMTA-BounceCategory", HDR_X_PMTA_CATEGORY},
        {"Received", HDR_OTHER}, {"Froms", HDR_OTHER}, {"Fro", HDR_OTHER},
        {"X-Autoreplies", HDR_OTHER}, {"Content-Typ", HDR_OTHER},
        {"content-transfer-encodings", HDR_OTHER}, {"", HDR_OTHER}};
    (void)state;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        assert_int_equal(ndr_header_id(names[i].name, strlen(names[i].name)),
                         names[i].id);
}

/* Status and Diagnostic-Code disagree: the diagnostic's code wins and the
 * Status stays visible. */
static void test_status_vs_diagnostic(void **state)
{
    static const char msg[] =
        "Content-Type: multipart/report; boundary=x\n\n--x\n"
        "Content-Type: message/delivery-status\n\n"
        "Reporting-MTA: dns; a.example\n\n"
        "Final-Recipient: rfc822; sam@example.org\nAction: failed\n"
        "Status: 5.0.0\nDiagnostic-Code: smtp; 550 5.1.1 no such user\n\n"
        "Final-Recipient: rfc822; tom@example.org\nAction: failed\n"
        "Status: 4.4.7\nDiagnostic-Code: smtp; 550 4.4.7 expired\n\n"
        "Final-Recipient: rfc822; una@example.org\nAction: failed\n"
        "Status: 5.2.1\nDiagnostic-Code: smtp; 550 5.0.0 disabled\n"
        "--x--\n";
    (void)state;
    /* a generic 5.0.0 in the diagnostic does not replace 5.2.1 */
    check_all_feeds(msg, sizeof msg - 1,
                    "1|sam@example.org|5.1.1|550|failed|5.0.0|userunknown\n"
                    "1|tom@example.org|4.4.7|550|failed|-|expired\n"
                    "1|una@example.org|5.2.1|550|failed|-|suspend\n",
                    1);
}

static int rec_inconsistent(void *ctx, const ndr_record *r)
{
    *(unsigned *)ctx |= r->flags;
    return 0;
}

static void test_inconsistent_flag(void **state)
{
    static const char msg[] =
        "Final-Recipient: rfc822; tom@example.org\nAction: failed\n"
        "Status: 4.4.7\nDiagnostic-Code: smtp; 550 4.4.7 expired\n";
    unsigned flags = 0;
    ndr_options o;
    ndr_parser *p;
    (void)state;
    ndr_options_init(&o);
    o.on_record = rec_inconsistent;
    o.ctx = &flags;
    p = ndr_parser_new(&o);
    assert_non_null(p);
    assert_int_equal(ndr_parser_feed(p, msg, sizeof msg - 1), NDR_OK);
    assert_int_equal(ndr_parser_finish(p), NDR_OK);
    assert_true(flags & NDR_REC_INCONSISTENT);
    assert_int_equal(ndr_parser_messages(p), 1);
    /* finished: further calls say so */
    assert_int_equal(ndr_parser_feed(p, "x", 1), NDR_FINISHED);
    ndr_parser_reset(p);
    assert_int_equal(ndr_parser_feed(p, msg, sizeof msg - 1), NDR_OK);
    assert_int_equal(ndr_parser_finish(p), NDR_OK);
    ndr_parser_free(p);
    ndr_parser_free(NULL);
}

static int stop_cb(void *ctx, const ndr_record *r)
{
    (void)ctx;
    (void)r;
    return 1;
}

static void test_api_errors(void **state)
{
    ndr_options o;
    ndr_parser *p;
    size_t len;
    char *data = load("dsn-postfix.eml", &len);
    (void)state;
    ndr_options_init(&o);
    assert_null(ndr_parser_new(&o)); /* no callback */
    assert_null(ndr_parser_new(NULL));
    o.on_record = stop_cb;
    p = ndr_parser_new(&o);
    assert_int_equal(ndr_parser_feed(p, data, len), NDR_OK);
    assert_int_equal(ndr_parser_finish(p), NDR_CALLBACK);
    assert_int_equal(ndr_parser_feed(NULL, data, len), NDR_INVALID);
    ndr_parser_free(p);
    free(data);
}

/* The bytes an over-long line loses count toward the message the line
 * belongs to: those of a "From " separator toward the message it starts,
 * not the one before (so each message of an mbox can be read on its own,
 * as the command's threads do); and a reset parser counts like a new one. */
static void test_long_separator(void **state)
{
    ndr_options o;
    ndr_parser *p;
    sink *s = malloc(sizeof *s), *t = malloc(sizeof *t);
    char *mbox = malloc(4096), *second;
    size_t len = 0;
    (void)state;
    assert_non_null(s);
    assert_non_null(t);
    assert_non_null(mbox);
    /* message 1: 800 bytes; the separator of message 2: 700 bytes, of
     * which 444 are past max_line (256) */
    len += (size_t)sprintf(mbox, "From a\nSubject: x\n\n");
    memset(mbox + len, 'b', 760);
    len += 760;
    mbox[len++] = '\n';
    mbox[len++] = '\n';
    second = mbox + len;
    memcpy(mbox + len, "From ", 5);
    memset(mbox + len + 5, 'c', 695);
    len += 700;
    len += (size_t)sprintf(mbox + len,
                           "\nFrom: MAILER-DAEMON@example.org\n"
                           "X-Failed-Recipients: zed@example.net\n\n"
                           "550 5.1.1 no such user\n");
    ndr_options_init(&o);
    o.on_record = on_rec;
    o.max_line = 256;
    o.max_message = 1000;
    for (size_t chunk = 0; chunk <= 7; chunk++) {
        o.ctx = s;
        memset(s, 0, sizeof *s);
        p = ndr_parser_new(&o);
        assert_non_null(p);
        for (size_t i = 0; i < len; i += chunk ? chunk : len)
            assert_int_equal(ndr_parser_feed(p, mbox + i,
                                             chunk && len - i > chunk
                                                 ? chunk : len - i),
                             NDR_OK);
        assert_int_equal(ndr_parser_finish(p), NDR_OK);
        assert_string_equal(s->out,
                            "2|zed@example.net|5.1.1|550|failed|-|userunknown\n");
        /* the same parser, reset, reads message 2 alone as a new one */
        ndr_parser_free(p);
        o.ctx = t;
        p = ndr_parser_new(&o);
        assert_int_equal(ndr_parser_feed(p, mbox, len), NDR_OK);
        ndr_parser_reset(p);
        memset(t, 0, sizeof *t);
        assert_int_equal(
            ndr_parser_feed(p, second, len - (size_t)(second - mbox)), NDR_OK);
        assert_int_equal(ndr_parser_finish(p), NDR_OK);
        assert_string_equal(t->out,
                            "1|zed@example.net|5.1.1|550|failed|-|userunknown\n");
        ndr_parser_free(p);
    }
    free(mbox);
    free(s);
    free(t);
}

static void test_limits(void **state)
{
    ndr_options o;
    ndr_parser *p;
    sink *s = malloc(sizeof *s);
    char big[4096];
    (void)state;
    assert_non_null(s);
    memset(s, 0, sizeof *s);
    ndr_options_init(&o);
    o.on_record = on_rec;
    o.ctx = s;
    o.max_recipients = 1;
    p = ndr_parser_new(&o);
    {
        size_t len;
        char *data = load("dsn-postfix.eml", &len);
        assert_int_equal(ndr_parser_feed(p, data, len), NDR_OK);
        free(data);
    }
    assert_int_equal(ndr_parser_finish(p), NDR_LIMIT_RECIPIENTS);
    assert_int_equal(s->n, 1);
    ndr_parser_free(p);

    /* a message over max_message stops being read, and says so */
    o.max_recipients = 1000;
    o.max_message = 10000;
    p = ndr_parser_new(&o);
    memset(big, 'a', sizeof big);
    big[sizeof big - 1] = '\n';
    /* a single message that will never end: feed says so at once */
    assert_int_equal(ndr_parser_feed(p, big, sizeof big), NDR_OK);
    assert_int_equal(ndr_parser_feed(p, big, sizeof big), NDR_OK);
    assert_int_equal(ndr_parser_feed(p, big, sizeof big), NDR_LIMIT_MESSAGE);
    assert_int_equal(ndr_parser_feed(p, big, sizeof big), NDR_LIMIT_MESSAGE);
    assert_int_equal(ndr_parser_finish(p), NDR_LIMIT_MESSAGE);
    ndr_parser_free(p);

    /* one endless line counts all its bytes, not only the ones kept */
    p = ndr_parser_new(&o);
    {
        int i;
        for (i = 0; i < 10; i++)
            if (ndr_parser_feed(p, big, sizeof big - 1) != NDR_OK)
                break;
        assert_true(i < 10);
    }
    assert_int_equal(ndr_parser_finish(p), NDR_LIMIT_MESSAGE);
    ndr_parser_free(p);
    free(s);
}

/* Generality round 3, the reporting systems: an Outlook forward whose
 * HTML puts the forwarded header's From, Sent and To, and a recipient and
 * its sentence, on one source line split by <br>; the words of
 * MessageLabs (its own 542), amavisd-new (INFECTED, BANNED), Barracuda
 * ("a@b:blocked"), Apache James (no DNS entries), Mimecast (security
 * policies), and AOL relaying Postfix's "Access denied" for a recipient
 * (an address refused every time: userunknown, as Sisimai says). */
static void test_systems_round3(void **state)
{
    (void)state;
    check_fixture("fwd-outlook-html.eml",
                  "1|trustee@example.org|5.1.1|550|failed|-|userunknown\n");
    check_fixture("messagelabs-542.eml",
                  "1|jane.doe@example.org|5.0.0|542|failed|-|userunknown\n");
    check_fixture("amavis-infected.eml",
                  "1|walter@example.net|5.7.0|554|failed|-|virusdetected\n");
    check_fixture("amavis-banned.eml",
                  "1|ulla@example.net|5.7.0|554|failed|-|policyviolation\n");
    check_fixture("barracuda-blocked.eml",
                  "1|tanaka@example.jp|5.0.0|550|failed|-|filtered\n");
    check_fixture("james-nodns.eml",
                  "1|ops@nosuchdomain.example|-|0|failed|-|hostunknown\n");
    check_fixture("mimecast-policy.eml",
                  "1|ian@example.co.uk|5.0.0|554|failed|-|virusdetected\n");
    check_fixture("aol-access-denied.eml",
                  "1|partner@example.com|5.7.1|554|failed|-|userunknown\n");
    /* Verizon's gateways: the error above, the recipient below it in
     * the message's details, whose own words say nothing of the cause */
    check_fixture("vtext-details.eml",
                  "1|5555550147@vtext.example.com|-|0|failed|-|userunknown\n");
    check_fixture("vzwpix.eml",
                  "1|5555550199@vzwpix.example.com|-|0|failed|-|userunknown\n");
}

/* Facebook's response codes name the cause: RCP-P2 (the recipient's
 * preferences) is filtered, not the userunknown its 5.1.1 says, and
 * POL-T1 a block of the sending server for an hour or two. */
static void test_facebook_codes(void **state)
{
    (void)state;
    check_fixture("facebook-rcp-p2.eml",
                  "1|lin.wei@facebook.com|5.1.1|550|failed|-|filtered\n");
    check_fixture("facebook-pol-t1.eml",
                  "1|events@facebook.com|4.7.1|451|failed|-|blocked\n");
}

/* Exchange 5.5 to 2003: the MSEXCH lines of Internet Mail Service
 * (conversion to Internet format, an ambiguous name), and a notice with
 * three recipients and three causes, one of them a domain missing from
 * DNS. */
static void test_exchange2003(void **state)
{
    (void)state;
    check_fixture("msexch-conversion.eml",
                  "1|klara@example.de|-|0|failed|-|contenterror\n");
    check_fixture("msexch-ambiguous.eml",
                  "1|jonas@example.de|-|0|failed|-|filtered\n");
    check_fixture("exchange2003-multi.eml",
                  "1|piotr@example.pl|5.1.1|550|failed|-|userunknown\n"
                  "1|zofia@example.pl|5.2.2|552|failed|-|mailboxfull\n"
                  "1|adam@unknown-host.example.pl|5.4.0|0|failed|-|hostunknown\n");
}

/* Reporting systems missing from the development corpus: Trend Micro
 * (a recipient and "check that the address is correct", nothing more),
 * InterScan MSS in Japanese with two recipients, Google Workspace with
 * no report part and with one whose Status is only 5.0.0, and a Mimecast
 * HTML notice whose table rows hold the recipient and the reason. */
static void test_reporting_families(void **state)
{
    (void)state;
    check_fixture("trendmicro-unable.eml",
                  "1|lee@example.kr|-|0|failed|-|userunknown\n");
    check_fixture("interscan-ja.eml",
                  "1|yamamoto@example.jp|5.2.2|552|failed|-|mailboxfull\n"
                  "1|nakamura@example.jp|5.1.1|550|failed|-|userunknown\n");
    check_fixture("workspace-timeout.eml",
                  "1|f.gallo@slow.example.it|4.4.2|421|failed|-|expired\n");
    check_fixture("gsuite-dsn.eml",
                  "1|nils@example.fi|5.1.0|550|failed|5.0.0|userunknown\n");
    check_fixture("mimecast-html.eml",
                  "1|editor@example.org|5.1.1|550|failed|-|userunknown\n");
}

/* Recipients named in longer sentences: an unnamed MTA's "rejected
 * recipient <a@b>" and "The following recipients returned permanent
 * errors: a@b." (the To of the header attachment after them adds no
 * one), and IMail's "Delivery failed 4 attempts: a@b". */
static void test_recipient_sentences(void **state)
{
    (void)state;
    check_fixture("x6-rcpt.eml",
                  "1|rita@example.org|5.1.1|550|failed|-|userunknown\n");
    check_fixture("x6-data.eml",
                  "1|sam@example.org|5.3.4|552|failed|-|mesgtoobig\n");
    check_fixture("imail-attempts.eml",
                  "1|ejohnson@slow.example.org|-|0|failed|-|expired\n");
}

/* A bounce sent on as an attached message: a notice whose only content
 * is the bounce (Sisimai's X5), and a bounce a person forwarded as an
 * attachment, are read from the attachment; a bounce that attached its
 * original, whose own header is no mail system's, reads nothing from it,
 * though the original speaks of errors and codes. */
static void test_attached_bounce(void **state)
{
    (void)state;
    check_fixture("x5-attached.eml",
                  "1|noriko@example.jp|5.1.1|550|failed|-|userunknown\n");
    check_fixture("fwd-attached-ndr.eml",
                  "1|buyer@example.no|5.1.1|550|failed|-|userunknown\n");
    check_fixture("attached-original.eml", "");
}

/* Variants of the common mail systems (tests/fixtures/variants): each
 * file's records are listed in expected.txt there, a block per file. */
static void test_variants(void **state)
{
    size_t len, n = 0;
    char *list = load("variants/expected.txt", &len);
    char *line = list, *name = NULL;
    char want[4096];
    size_t wlen = 0;
    (void)state;
    for (;;) {
        char *nl = strchr(line, '\n');
        int end = nl == NULL;
        if (nl != NULL)
            *nl = '\0';
        if (end || (line[0] != '#' && line[0] != '\0' &&
                    strchr(line, '|') == NULL)) {
            if (name != NULL) {
                char path[256];
                want[wlen] = '\0';
                snprintf(path, sizeof path, "variants/%s", name);
                check_fixture(path, want);
                n++;
            }
            name = end ? NULL : line;
            wlen = 0;
        } else if (strchr(line, '|') != NULL) {
            size_t k = strlen(line);
            assert_true(wlen + k + 2 < sizeof want);
            memcpy(want + wlen, line, k);
            wlen += k;
            want[wlen++] = '\n';
        }
        if (end)
            break;
        line = nl + 1;
    }
    assert_true(n >= 60);
    free(list);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dsn),
        cmocka_unit_test(test_exim),
        cmocka_unit_test(test_qmail),
        cmocka_unit_test(test_exchange_fragment),
        cmocka_unit_test(test_base64),
        cmocka_unit_test(test_qp),
        cmocka_unit_test(test_arf),
        cmocka_unit_test(test_vacation),
        cmocka_unit_test(test_ses_json),
        cmocka_unit_test(test_vacation_null_path),
        cmocka_unit_test(test_sendmail),
        cmocka_unit_test(test_domino),
        cmocka_unit_test(test_opensmtpd),
        cmocka_unit_test(test_html_only),
        cmocka_unit_test(test_html_style),
        cmocka_unit_test(test_german_latin1),
        cmocka_unit_test(test_html_latin1),
        cmocka_unit_test(test_unsubscribe),
        cmocka_unit_test(test_sendmail_transcript),
        cmocka_unit_test(test_iso2022jp),
        cmocka_unit_test(test_action_by_subject),
        cmocka_unit_test(test_exim_local),
        cmocka_unit_test(test_exchange_quota),
        cmocka_unit_test(test_forwarded),
        cmocka_unit_test(test_other_systems),
        cmocka_unit_test(test_more_systems),
        cmocka_unit_test(test_charsets),
        cmocka_unit_test(test_cjk_charsets),
        cmocka_unit_test(test_languages),
        cmocka_unit_test(test_capitals),
        cmocka_unit_test(test_systems_round2),
        cmocka_unit_test(test_remote_hosts),
        cmocka_unit_test(test_systems_round3),
        cmocka_unit_test(test_recipient_sentences),
        cmocka_unit_test(test_attached_bounce),
        cmocka_unit_test(test_facebook_codes),
        cmocka_unit_test(test_exchange2003),
        cmocka_unit_test(test_reporting_families),
        cmocka_unit_test(test_variants),
        cmocka_unit_test(test_not_bounce),
        cmocka_unit_test(test_mbox),
        cmocka_unit_test(test_mbox_bare_cr_in_skipped_part),
        cmocka_unit_test(test_skipped_parts),
        cmocka_unit_test(test_skipped_parts_max_message),
        cmocka_unit_test(test_pasted_to_max_decoded),
        cmocka_unit_test(test_header_names),
        cmocka_unit_test(test_status_vs_diagnostic),
        cmocka_unit_test(test_inconsistent_flag),
        cmocka_unit_test(test_api_errors),
        cmocka_unit_test(test_long_separator),
        cmocka_unit_test(test_limits),
        cmocka_unit_test(test_original_after_text),
        cmocka_unit_test(test_report_without_diagnostic),
        cmocka_unit_test(test_diag_from_template),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
