/* store.h - the only database API. store.c is the only file that includes
 * sqlite3.h or holds SQL text.
 *
 * Opening a store creates the database when asked, and migrates an older
 * schema forward (schema/NNN_*.sql, counted by PRAGMA user_version). Every
 * value reaches SQLite through a bound parameter; identifiers (the columns
 * of `summary` a filter names) are checked against the schema first.
 *
 * Errors are printed ("benchdb: database PATH: message") and returned as
 * -1. Ownership: the store owns its prepared statements; rows handed to
 * callbacks live until the callback returns; stored_run_free() releases
 * what store_run_load() filled. A store is used by one thread at a time
 * (its connection takes no lock of its own). */
#ifndef BENCHDB_STORE_H
#define BENCHDB_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "meta.h"
#include "run.h"

struct store;

enum {
    STORE_CREATE = 1,   /* create the file if missing */
    STORE_READONLY = 2, /* never write (no migration either) */
};

int store_open(const char *path, int flags, struct store **out);
void store_close(struct store *st);
const char *store_path(const struct store *st);
int store_schema_version(struct store *st);
/* Number of migrations built into this benchdb. */
int store_schema_latest(void);
const char *store_sqlite_version(void);

/* Transactions. store_begin records where it was called so an unclosed
 * transaction is reported where it began. */
int store_begin_at(struct store *st, const char *file, int line);
#define store_begin(st) store_begin_at((st), __FILE__, __LINE__)
int store_commit(struct store *st);
void store_rollback(struct store *st);

/* --- writing ----------------------------------------------------------- */

struct store_source {
    const char *sha256;
    const char *file_name;
    const char *format;
    long long size_bytes;
    int gzipped;
    const void *raw; /* NULL: not kept (raw point data) */
    size_t raw_len;
    const char *imported_at; /* NULL: now (merge keeps the original time) */
};

/* 1 and *id when a source with this digest exists, 0 when not, -1 on error. */
int store_source_find(struct store *st, const char *sha256, int64_t *id);
int store_source_add(struct store *st, const struct store_source *src, int64_t *id);

/* Stores one run with its metadata (m->label must be set). The run's
 * imported_at is its source's. */
int store_run_add(struct store *st, int64_t source_id, int seq, const struct run *r,
                  const struct meta *m, int64_t *run_id);

/* Replaces what a run's output says (headline figures and every figure,
 * percentile, threshold, check, count, parameter and bucket) by r, keeping
 * its metadata and tags; m supplies the settings used where r prints none
 * (as at import). For reparse. */
int store_run_refresh(struct store *st, int64_t run_id, const struct run *r, const struct meta *m);

/* --- reading ----------------------------------------------------------- */

/* A condition on a column of `summary` (from `--where`). */
struct store_cond {
    char *column;
    char *op;    /* "=", "!=", "<", "<=", ">", ">=", "~" (contains) */
    char *value;
};

struct store_filter {
    const char *campaign;
    const char *scenario;
    const int64_t *ids;
    size_t nids;
    const struct meta_tag *tags; /* each must match */
    size_t ntags;
    const struct store_cond *conds;
    size_t nconds;
    const char *order; /* a column of summary, checked; NULL: run_id */
    int desc;
    long limit; /* 0: no limit */
};

/* Parses "rps>1000", "framework=fastapi", "label~granian" into c, checking
 * the column exists in `summary`. 0, or -1 with a reason printed. */
int store_cond_parse(struct store *st, const char *text, struct store_cond *c);
void store_cond_free(struct store_cond *c);
/* 0 when `summary` has the column, else -1 with "OPTION COLUMN: no column". */
int store_column_check(struct store *st, const char *column, const char *option);

/* One line of `benchdb list`. */
struct store_row {
    int64_t run_id;
    const char *campaign;
    const char *scenario;
    const char *label;
    const char *tool;
    const char *state;
    double rps;
    double p90_ms;
    double failed_pct;
    double requests;
};

typedef int (*store_row_fn)(const struct store_row *row, void *arg);
/* Calls fn for each matching run in run_id order; stops early when fn
 * returns non-zero (and returns that value). */
int store_list(struct store *st, const struct store_filter *f, store_row_fn fn, void *arg);

/* The newest campaign's name (by its newest run), or NULL. Caller frees. */
char *store_newest_campaign(struct store *st);

/* Everything stored about one run. */
struct stored_run {
    int64_t run_id;
    int64_t source_id;
    int seq;
    char *campaign;
    char *scenario;
    char *label;
    char *notes;
    char *source_file;
    char *source_format;
    char *sha256;
    char *imported_at;
    long long source_size;
    int gzipped;
    int has_raw;
    struct run *run;
    struct meta meta; /* stack, hosts, tags; campaign/scenario/label too */
};

/* 1 when found (out filled), 0 when there is no such run, -1 on error. */
int store_run_load(struct store *st, int64_t run_id, struct stored_run *out);
void stored_run_free(struct stored_run *sr);

/* The raw bytes of a run's source into b: 1 stored, 0 not kept, -1 error. */
int store_source_raw(struct store *st, int64_t source_id, struct buf *b);

/* Counts for messages and tests. */
long long store_count_runs(struct store *st);

/* --- housekeeping ---------------------------------------------------------- */

/* Sets (value non-NULL) or removes a tag: 1 done, 0 no such run, -1 error. */
int store_tag_set(struct store *st, int64_t run_id, const char *key, const char *value);
/* Deletes a run with its figures; its source too when no run of it is
 * left (so the file can be imported again), and hosts, stacks and
 * campaigns no run uses any more. 1 deleted, 0 no such run, -1 error. */
int store_run_delete(struct store *st, int64_t run_id);

/* One cell of a `summary` row: the column name, NULL-ness, the number for
 * numeric columns and the text form of every non-NULL value. */
struct store_cell {
    const char *name;
    int is_null;
    int is_num;
    double num;
    const char *text;
};
typedef int (*store_cells_fn)(const struct store_cell *cells, size_t n, void *arg);
/* Every column of `summary` for the matching runs, in run_id order. */
int store_summary_rows(struct store *st, const struct store_filter *f, store_cells_fn fn, void *arg);

/* --- sources as a whole ---------------------------------------------------- */

struct stored_source {
    int64_t source_id;
    char *sha256, *file_name, *format, *imported_at;
    long long size_bytes;
    int gzipped;
    int has_raw;
    struct buf raw;    /* the bytes when kept */
    int64_t *run_ids;  /* its runs, in seq order */
    size_t nruns;
};

/* Every source id, ascending (caller frees *ids). 0 or -1. */
int store_source_ids(struct store *st, int64_t **ids, size_t *n);
/* 1 found (out filled), 0 none, -1 error. */
int store_source_load(struct store *st, int64_t source_id, struct stored_source *out);
void stored_source_free(struct stored_source *src);

/* Opens another benchdb database through a private in-memory copy,
 * migrated to this benchdb's schema; the file itself is only read. */
int store_open_snapshot(const char *path, struct store **out);

#endif
