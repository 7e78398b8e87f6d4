/* ingest.h - one file, from bytes on disk to parsed runs: open (gzip
 * undone), hash, detect the format, parse. Shared by `import`, the golden
 * tests and anything else that must read outputs exactly as import does.
 * No database here: the caller decides what to do with the runs.
 *
 * Ownership: ingest_free() releases what ingest_file() filled. */
#ifndef BENCHDB_INGEST_H
#define BENCHDB_INGEST_H

#include "buf.h"
#include "parse.h"

struct ingest {
    const struct parser *parser; /* the format used, or NULL */
    char sha256[65];             /* of the bytes on disk */
    struct buf data;             /* the decoded bytes (text formats only) */
    int kept;                    /* data holds the whole output */
    unsigned long long raw_bytes;
    int gzipped;
    struct parse_result pr;      /* runs, or err/err_line */
    int duplicate;               /* stopped early: `known` said so */
    /* Stretches between the runs that a format claimed but could not
     * read (ingest.c), one "LINE: FORMAT, not read: reason\n" each. */
    struct buf skipped;
};

/* Called with the digest before a text output is parsed; return 1 to
 * stop there (a duplicate), 0 to go on. */
typedef int (*ingest_known_fn)(const char *sha256, void *arg);

/* Reads and parses path ("-": stdin). format NULL: detect. Returns 0 on
 * success (or a duplicate), -1 when refused: then ing->pr.err holds the
 * reason and ing->pr.err_line its line (already final, never 0), or
 * ing->pr.err is empty when a system error was printed already. */
int ingest_file(const char *path, const char *format, ingest_known_fn known, void *arg,
                struct ingest *ing);
/* The same for text already in memory (a tool's captured output, a
 * stored source being parsed again). Raw-data formats are not read this
 * way. */
int ingest_buffer(const char *data, size_t len, const char *format, struct ingest *ing);
void ingest_free(struct ingest *ing);

#endif
