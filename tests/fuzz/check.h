/*
 * check.h - independent checkers for what ndrcode prints: UTF-8, terminal
 * safety and strict JSON.  The fuzz harnesses and the output tests use them
 * as oracles, so they are written apart from src/cli/out.c on purpose: a
 * bug there must not be repeated here.
 */
#ifndef NDR_TEST_CHECK_H
#define NDR_TEST_CHECK_H

#include <stddef.h>

/* Length of the well-formed UTF-8 sequence at S (N bytes left), with its
 * code point in *CP; 0 when S does not start a well-formed sequence
 * (Unicode 15, table 3-7: no overlongs, no surrogates, nothing past
 * U+10FFFF). */
size_t chk_utf8_seq(const unsigned char *s, size_t n, unsigned long *cp);

/* 1 when S[0..N) is entirely well-formed UTF-8. */
int chk_utf8_valid(const char *s, size_t n);

/* Code points a terminal or a reader could be fooled by: C0 and C1
 * controls, DEL, bidirectional and zero-width format characters, line and
 * paragraph separators, the byte order mark, tag characters and the
 * interlinear annotation controls. */
int chk_cp_unsafe(unsigned long cp);

/* 1 when S[0..N) is well-formed UTF-8 holding no unsafe code point, except
 * '\n' when ALLOW_NL is set.  On failure *AT (if not NULL) gets the
 * offset of the first offending byte. */
int chk_terminal_safe(const char *s, size_t n, int allow_nl, size_t *at);

/* Parse one JSON value (RFC 8259, strict: no raw control characters, no
 * lone surrogate escapes, well-formed UTF-8, nesting at most 64) at
 * S[0..N), skipping whitespace around it.  Returns 1 when the whole of
 * S[0..N) is exactly one value. */
int chk_json_text(const char *s, size_t n);

/* Decode the JSON string literal (with its quotes) at S[0..N) into OUT
 * (at least N bytes), setting *OUTLEN.  Returns 1, or 0 when S[0..N) is
 * not exactly one valid string literal. */
int chk_json_string(const char *s, size_t n, char *out, size_t *outlen);

#endif
