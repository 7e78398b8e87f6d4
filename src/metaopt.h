/* metaopt.h - metadata from the command line and from files, for the
 * commands that store runs (import, run).
 *
 * Options: --format NAME, --meta FILE, --this-host, --this-load-host,
 * --tag KEY=VALUE, and one --FLAG VALUE per metadata key (meta.h). The
 * layers of one output's metadata, later ones winning key by key:
 * DIR/meta.json, --meta FILE, NAME.meta.json beside the output, this
 * machine (--this-host, --this-load-host), then flags. DIR/meta.json is
 * read once for a run of outputs from the same directory.
 *
 * Ownership: metaopt_free() releases what metaopt_init() and the options
 * collected; the meta filled by metaopt_gather() is the caller's. */
#ifndef BENCHDB_METAOPT_H
#define BENCHDB_METAOPT_H

#include <getopt.h>
#include <stddef.h>

#include "meta.h"

struct cmd;

struct metaopt {
    const char *format;
    struct meta meta_file; /* --meta */
    int have_meta_file;
    struct meta flags;     /* flags and --tag */
    int this_host, this_load_host;
    struct meta_host probed; /* this machine, read on first use */
    int probed_done;
    /* DIR/meta.json of the directory last gathered for: read once for
     * all its files (a batch comes directory by directory). */
    char *dir;             /* "DIR/" as in the path, or NULL */
    struct meta dir_meta;
    int dir_has_meta;
    struct option *longopts; /* for getopt_long: ours plus the extra ones */
    size_t nopt;
};

/* Builds the option table: the metadata options plus `extra` (the
 * command's own, with codes below 1000). */
void metaopt_init(struct metaopt *o, const struct option *extra, size_t nextra);
void metaopt_free(struct metaopt *o);

/* Handles getopt_long's code c: 1 when it was a metadata option, 0 when
 * it is not ours, -1 on a bad value (printed; *rc set). */
int metaopt_handle(struct metaopt *o, const struct cmd *self, int c, const char *word, int *rc);

/* The merged metadata for an output at path (NULL: no file, so no file
 * layers). 0, or -1 when a metadata file is bad (printed). */
int metaopt_gather(struct metaopt *o, const char *path, struct meta *m);

/* Sets m->label when no layer gave one: the framework (+ server), else the
 * file name without extension ("stdin" for "-", "run" for no file). */
void metaopt_default_label(struct meta *m, const char *path);

#endif
