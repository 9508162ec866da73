/*
 * fuzz.h - what every harness in tests/fuzz shares.
 *
 * A harness defines LLVMFuzzerTestOneInput.  With clang and NDR_FUZZ it is
 * linked with libFuzzer; in every build it is also linked with replay.c,
 * a small driver that runs the saved corpus and regression inputs once, so
 * a plain gcc build checks them too.
 */
#ifndef NDR_FUZZ_H
#define NDR_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A property the harness checks on every input.  Not assert(): it must
 * hold in builds with NDEBUG too, and the message says what broke. */
#define FUZZ_CHECK(cond)                                                    \
    do {                                                                    \
        if (!(cond)) {                                                      \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__,          \
                    __LINE__, #cond);                                       \
            abort();                                                        \
        }                                                                   \
    } while (0)

/* A property that failed, with its description. */
#define FUZZ_FAIL(what)                                                     \
    do {                                                                    \
        fprintf(stderr, "%s:%d: %s\n", __FILE__, __LINE__, what);          \
        abort();                                                            \
    } while (0)

#endif
