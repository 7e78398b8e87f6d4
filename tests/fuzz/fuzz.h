/* fuzz.h - shared declarations of the fuzz harnesses. Each harness is one
 * LLVMFuzzerTestOneInput(); built with clang -fsanitize=fuzzer it is a
 * libFuzzer target (tests/fuzz/run), built with anything else and
 * standalone.c it replays saved inputs (the regression fixtures) in ctest. */
#ifndef BENCHDB_FUZZ_H
#define BENCHDB_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
