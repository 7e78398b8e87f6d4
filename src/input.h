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
 * already printed on failure.
 *
 * Reads return -1 on failure, the message printed once: a system error
 * as "FILE: what: strerror", damaged gzip data (cut short, or failing
 * its check) as bad input is, "FILE:LINE: truncated gzip data", where
 * LINE is the last complete line decoded before the damage (1 when none
 * was). Every read after a failure fails at once, silently. */
struct input *input_open(const char *path);
/* The same over an open stream (fmemopen for tests and fuzzing); the
 * input closes it when `own`. */
struct input *input_from_stream(FILE *fp, const char *name, int own);
void input_close(struct input *in);

/* The first up to `want` decoded bytes, without consuming them. The
 * returned pointer is valid until the next read. */
const char *input_head(struct input *in, size_t want, size_t *got);

/* Block reading for stream parsers (do not mix with input_read):
 * the next decoded bytes in a buffer the input owns, after a copy of
 * the last `keep` bytes of the previous block (a line the block's end
 * cut continues in the next block). *data is the block: the kept bytes,
 * then up to INPUT_BLOCK new ones, then INPUT_PAD zero bytes a scanner
 * may read past the end; it stays valid and unchanged until the next
 * call. Returns the length (kept bytes included; `keep` alone at the
 * end of the input), or -1 on a read error (printed). `keep` is at most
 * the previous block's length (less on the first call: none).
 *
 * The file's bytes are hashed once per block; from the second block on,
 * when input_threads() is more than 1, on a helper thread while the
 * caller reads the block (the digest is the same). */
#define INPUT_BLOCK (1u << 18)
#define INPUT_PAD 64
#define INPUT_RING 8 /* blocks in flight: the one read, the ones hashed */
long input_block(struct input *in, size_t keep, const char **data);

/* Threads benchdb may use: BENCHDB_THREADS (a positive number), by
 * default the number of online CPUs; at most INPUT_MAX_THREADS. 1 keeps
 * everything on the calling thread. */
#define INPUT_MAX_THREADS 8
int input_threads(void);

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
