/* buf.h - growable byte buffer, always NUL-terminated.
 *
 * Ownership: a struct buf owns its bytes. buf_free() releases them and
 * leaves an empty buffer; buf_detach() hands the bytes to the caller (who
 * free()s them) and leaves an empty buffer. Allocation failure aborts:
 * benchdb cannot do anything useful without memory. */
#ifndef BENCHDB_BUF_H
#define BENCHDB_BUF_H

#include <stddef.h>
#include <stdio.h>

#include "diag.h"

struct buf {
    char *data; /* NUL-terminated when data != NULL */
    size_t len;
    size_t cap;
};

#define BUF_INIT {NULL, 0, 0}

void buf_grow(struct buf *b, size_t extra);
void buf_add(struct buf *b, const void *p, size_t n);
void buf_adds(struct buf *b, const char *s);
void buf_addc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...) BENCHDB_PRINTF(2, 3);
void buf_reset(struct buf *b);
void buf_free(struct buf *b);
char *buf_detach(struct buf *b, size_t *len);
/* The text, or "" for an empty buffer that never allocated. */
const char *buf_str(const struct buf *b);

/* Reads a whole stream into b; returns 0, or -1 with errno set. */
int buf_read_stream(struct buf *b, FILE *fp);

/* Allocation helpers that abort on failure. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* Grow an array *p of *cap elements so that index `need - 1` fits. */
#define ARRAY_GROW(p, n, cap)                                                \
    do {                                                                     \
        if ((n) >= (cap)) {                                                  \
            (cap) = (cap) ? (cap) * 2 : 8;                                   \
            (p) = xrealloc((p), (cap) * sizeof(*(p)));                       \
        }                                                                    \
    } while (0)

#endif
