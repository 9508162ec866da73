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

#endif
