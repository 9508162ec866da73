/*
 * decode.h - streaming content-transfer decoders (internal).
 *
 * Both decoders work on whole raw lines handed over by the line splitter
 * and keep their state between calls, so a base64 quad or a soft line
 * break may fall across any chunk boundary of the input.
 */
#ifndef NDR_DECODE_H
#define NDR_DECODE_H

#include <stddef.h>

typedef struct ndr_b64 {
    unsigned long bits; /* pending bits, most recent lowest */
    int nbits;          /* 0, 6, 12 or 18 */
    int done;           /* '=' seen: the rest of the part is ignored */
} ndr_b64;

/* Decode the base64 text IN[0..N) into OUT (at least N*3/4+3 bytes);
 * characters outside the alphabet are skipped.  Returns the bytes written. */
size_t ndr_b64_decode(ndr_b64 *st, const char *in, size_t n, char *out);

/* Decode one quoted-printable line IN[0..N) (without its line end) into
 * OUT (at least N+1 bytes).  A '\n' is appended unless the line ends with
 * a soft break ('=').  Returns the bytes written. */
size_t ndr_qp_decode_line(const char *in, size_t n, char *out);

/* Decode one line of ISO-2022-JP text (RFC 1468) IN[0..N) into UTF-8 in
 * OUT, at most CAP bytes.  The line starts in ASCII, as RFC 1468 has every
 * line end in it.  Escapes: ESC ( B and ESC ( J switch to ASCII (JIS-Roman
 * is read as ASCII), ESC $ @ and ESC $ B to JIS X 0208, ESC ( I to
 * half-width katakana, ESC $ ( D to JIS X 0212, which is not decoded (one
 * U+FFFD for each pair).  In a two-byte set, a pair that names no
 * character or a byte without its partner becomes U+FFFD; white space and
 * control characters pass as they are, and so do bytes of 0x80 and above
 * anywhere.  Output stops, at a character boundary, before it would pass
 * CAP.  Returns the bytes written. */
size_t ndr_jis_decode_line(const char *in, size_t n, char *out, size_t cap);

/* Decode one line of ISO-2022-KR text (RFC 1557) IN[0..N) into UTF-8 in
 * OUT, at most CAP bytes.  The line starts in ASCII, as RFC 1557 has every
 * line end in it.  The designation ESC $ ) C is dropped, SO (0x0e) shifts
 * to KS X 1001, whose pairs of 0x21..0x7e are read as EUC-KR (the UHC
 * table of cjk.h, each byte + 0x80), and SI (0x0f) back to ASCII.  In KS X
 * 1001, a pair that names no character or a byte without its partner
 * becomes U+FFFD; white space and control characters pass as they are,
 * and so do other escapes and bytes of 0x80 and above anywhere.  Output
 * stops, at a character boundary, before it would pass CAP.  Returns the
 * bytes written. */
size_t ndr_kr_decode_line(const char *in, size_t n, char *out, size_t cap);

#endif
