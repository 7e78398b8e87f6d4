/* input.h - reading an output file (or standard input) as the importer
 * needs it: the SHA-256 of its bytes as stored on disk, gzip undone
 * transparently, the first block available for format detection before
 * the rest is read, and the whole text for text parsers.
 *
 * Ownership: input_open() returns an input the caller closes with
 * input_close() (NULL is a no-op). */
#ifndef BENCHDB_INPUT_H
#define BENCHDB_INPUT_H

#include <stddef.h>
#include <stdio.h>

#include "buf.h"
#include "parse.h"

/* Opens path ("-" is standard input). Returns NULL with a message
 * already printed on failure. */
struct input *input_open(const char *path);
/* The same over an open stream (fmemopen for tests and fuzzing); the
 * input closes it when `own`. */
struct input *input_from_stream(FILE *fp, const char *name, int own);
void input_close(struct input *in);

/* The first up to `want` decoded bytes, without consuming them. The
 * returned pointer is valid until the next read. */
const char *input_head(struct input *in, size_t want, size_t *got);

/* Reads everything that is left into b (decoded). 0 or -1 (printed). */
int input_slurp(struct input *in, struct buf *b);

/* Whether the file on disk was gzip-compressed. */
int input_gzipped(const struct input *in);

/* Total bytes read from disk so far (compressed size when gzipped). */
unsigned long long input_raw_bytes(const struct input *in);

/* Lowercase hex SHA-256 of every byte read from disk so far; call after
 * the input was read to its end for the file's digest. */
void input_sha256(struct input *in, char hex[65]);

/* One-shot digest of a buffer. */
void sha256_hex(const void *data, size_t len, char hex[65]);

const char *input_path(const struct input *in);

#endif
