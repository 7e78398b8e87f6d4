/* store.c - every SQL statement benchdb runs, the schema version, and the
 * prepared-statement cache. The only file that includes sqlite3.h.
 *
 * Statements are SQL text constants below, prepared once per store and
 * reused (looked up by the constant's address). Values are always bound,
 * by name (a run's detail rows, inserted in batches, by positions checked
 * against the names); nothing from outside is pasted into SQL text. The
 * one place a name is spliced in, store_cond_parse() checks it against
 * the columns the `summary` view really has and quotes it as an
 * identifier. */
#include "store.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "buf.h"
#include "diag.h"
#include "units.h"

struct schema_migration {
    const char *name;
    const char *sql;
};
/* Generated from schema/NNN_name.sql by cmake/embed_schema.cmake. */
extern const struct schema_migration schema_migrations[];
extern const int schema_migration_count;

#define STMT_CACHE 96
#define STMT_PARAMS 64

/* A prepared statement kept for reuse, with its parameters' names by
 * position (copies). Binds mostly come in the order of the
 * SQL: the name at `next` is tried first, one strcmp instead of SQLite's
 * search of every name. */
struct stmt_slot {
    const char *sql;
    sqlite3_stmt *stmt;
    const char *pname[STMT_PARAMS]; /* into names: a statement's own
                                     * names go when SQLite re-prepares it
                                     * after another process changed the
                                     * schema */
    char *names;
    int nparams;
    int next;    /* position (0-based) after the last one bound */
    int checked; /* rows_stmt() checked its parameter positions */
};

struct store {
    sqlite3 *db;
    char *path;
    int readonly;
    int writer_cache; /* the page cache was made a writer's (store_begin) */
    const char *tx_file; /* where the open transaction began */
    int tx_line;
    struct stmt_slot cache[STMT_CACHE];
    size_t ncache;
    /* The ids of shared records (campaign names, host and stack
     * identities) met so far, so a batch's runs do not look them up
     * again. Used only inside store_begin's transactions, and only while
     * no other connection has written (data_version, read by each
     * store_begin); one found in a transaction is kept only if it commits. */
    struct shared_id {
        char kind; /* 'c' campaign, 'h' host, 's' stack */
        int pending;
        char *key;
        int64_t id;
    } *shared;
    size_t nshared, capshared;
    long long data_version;
};

/* The slot of the statement stmt() handed out last: the one being bound. */
static _Thread_local struct stmt_slot *bound_slot;

/* --- errors ------------------------------------------------------------ */

static int db_error(struct store *st, const char *sql)
{
    char msg[512];
    int code = sqlite3_extended_errcode(st->db) & 0xff;
    int sys = sqlite3_system_errno(st->db);
    /* A disk full or a failing write says what the system said. */
    if (sys && (code == SQLITE_IOERR || code == SQLITE_FULL || code == SQLITE_CANTOPEN))
        snprintf(msg, sizeof msg, "%s (%s)", sqlite3_errmsg(st->db), strerror(sys));
    else
        snprintf(msg, sizeof msg, "%s", sqlite3_errmsg(st->db));
    if (sql) {
        /* First line of the statement is enough to find it in this file. */
        const char *nl = strchr(sql, '\n');
        int n = nl ? (int)(nl - sql) : (int)strlen(sql);
        return error("database %s: %s (in: %.*s)", st->path, msg, n, sql);
    }
    return error("database %s: %s", st->path, msg);
}

static int exec_sql(struct store *st, const char *sql)
{
    if (sqlite3_exec(st->db, sql, NULL, NULL, NULL) != SQLITE_OK)
        return db_error(st, NULL);
    return 0;
}

/* Prepared once, reset on every reuse. */
static sqlite3_stmt *stmt(struct store *st, const char *sql)
{
    bound_slot = NULL;
    for (size_t i = 0; i < st->ncache; i++) {
        if (st->cache[i].sql == sql) {
            struct stmt_slot *c = &st->cache[i];
            sqlite3_reset(c->stmt);
            sqlite3_clear_bindings(c->stmt);
            c->next = 0;
            bound_slot = c;
            return c->stmt;
        }
    }
    /* The SQL passed here is a constant of this file: a full cache means
     * one more constant than slots, and a statement nobody would finalize. */
    if (st->ncache == STMT_CACHE)
        die(70, "internal error: more than %d cached SQL statements", STMT_CACHE);
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK) {
        db_error(st, sql);
        return NULL;
    }
    struct stmt_slot *c = &st->cache[st->ncache++];
    memset(c, 0, sizeof *c);
    c->sql = sql;
    c->stmt = s;
    c->nparams = sqlite3_bind_parameter_count(s);
    if (c->nparams > STMT_PARAMS)
        c->nparams = STMT_PARAMS;
    size_t len = 0;
    for (int i = 0; i < c->nparams; i++) {
        const char *n = sqlite3_bind_parameter_name(s, i + 1);
        len += n ? strlen(n) + 1 : 0;
    }
    c->names = xmalloc(len + 1);
    char *p = c->names;
    for (int i = 0; i < c->nparams; i++) {
        const char *n = sqlite3_bind_parameter_name(s, i + 1);
        if (n) {
            size_t k = strlen(n) + 1;
            memcpy(p, n, k);
            c->pname[i] = p;
            p += k;
        }
    }
    bound_slot = c;
    return s;
}

/* A statement prepared for one use (dynamic SQL); finalize after. */
static sqlite3_stmt *stmt_once(struct store *st, const char *sql)
{
    sqlite3_stmt *s = NULL;
    bound_slot = NULL;
    if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK) {
        db_error(st, sql);
        return NULL;
    }
    return s;
}

/* --- binding ------------------------------------------------------------ */

static int pidx(sqlite3_stmt *s, const char *name)
{
    struct stmt_slot *c = bound_slot;
    if (c && c->stmt == s) {
        for (int k = 0, j = c->next; k < c->nparams; k++, j = j + 1 < c->nparams ? j + 1 : 0) {
            if (c->pname[j] && strcmp(c->pname[j], name) == 0) {
                c->next = j + 1 < c->nparams ? j + 1 : 0;
                return j + 1;
            }
        }
    }
    int i = sqlite3_bind_parameter_index(s, name);
    if (i == 0)
        die(70, "internal error: no SQL parameter %s", name);
    return i;
}

/* Values are bound SQLITE_STATIC: every caller steps (and resets) the
 * statement before the bound text can go, and stmt() clears the
 * bindings before a statement is used again. The _at binders take the
 * parameter's position (the row batches below); the others its name. */
static void bind_text_at(sqlite3_stmt *s, int i, const char *v)
{
    if (v)
        sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(s, i);
}

static void bind_real_at(sqlite3_stmt *s, int i, double v)
{
    if (isnan(v))
        sqlite3_bind_null(s, i);
    else
        sqlite3_bind_double(s, i, v);
}

/* A count: NULL when absent, an integer when whole. A fraction or a
 * value past 64 bits is refused: it cannot be a count of anything.
 * name (":count") is for the message. */
static int bind_count_at(sqlite3_stmt *s, int i, const char *name, double v)
{
    if (isnan(v)) {
        sqlite3_bind_null(s, i);
        return 0;
    }
    if (!(fabs(v) < 9.2e18) || v != floor(v)) {
        char tmp[64];
        return error("%s: %s is not a whole number within 64 bits", name + 1,
                     units_format(tmp, sizeof tmp, v));
    }
    sqlite3_bind_int64(s, i, (long long)v);
    return 0;
}

static void bind_text(sqlite3_stmt *s, const char *name, const char *v)
{
    bind_text_at(s, pidx(s, name), v);
}

static void bind_real(sqlite3_stmt *s, const char *name, double v)
{
    bind_real_at(s, pidx(s, name), v);
}

static void bind_int(sqlite3_stmt *s, const char *name, long long v)
{
    sqlite3_bind_int64(s, pidx(s, name), v);
}

static int bind_count(struct store *st, sqlite3_stmt *s, const char *name, double v)
{
    (void)st;
    return bind_count_at(s, pidx(s, name), name, v);
}

static int step_done(struct store *st, sqlite3_stmt *s, const char *sql)
{
    int rc = sqlite3_step(s);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW)
        return db_error(st, sql);
    sqlite3_reset(s);
    return 0;
}

/* Runs sql, which returns no rows, with its one parameter (`param`) bound
 * to id. */
static int exec_id(struct store *st, const char *sql, const char *param, int64_t id)
{
    sqlite3_stmt *s = stmt(st, sql);
    if (!s)
        return -1;
    bind_int(s, param, id);
    return step_done(st, s, sql);
}

/* Steps s, prepared from sql, for its one row: 1 when there is one, to be
 * read and then reset by the caller; 0 when there is none and -1 (the
 * error printed) when the step fails, s reset either way. */
static int step_row(struct store *st, sqlite3_stmt *s, const char *sql)
{
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        return 1;
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? 0 : db_error(st, sql);
}

/* The row of id (bound to param) that sql selects, as step_row says; *s
 * is the statement to read it from. */
static int id_row(struct store *st, const char *sql, const char *param, int64_t id,
                  sqlite3_stmt **s)
{
    if (!(*s = stmt(st, sql)))
        return -1;
    bind_int(*s, param, id);
    return step_row(st, *s, sql);
}

static char *col_text(sqlite3_stmt *s, int i)
{
    const unsigned char *t = sqlite3_column_text(s, i);
    return t ? xstrdup((const char *)t) : NULL;
}

static double col_real(sqlite3_stmt *s, int i)
{
    return sqlite3_column_type(s, i) == SQLITE_NULL ? RUN_NA : sqlite3_column_double(s, i);
}

/* --- shared records known by id --------------------------------------------- */

#define SHARED_MAX 1024 /* beyond this many, the rest are looked up each time */

/* Forgets the shared ids: all, or only those of the open transaction. */
static void shared_forget(struct store *st, int pending_only)
{
    size_t o = 0;
    for (size_t i = 0; i < st->nshared; i++) {
        if (pending_only && !st->shared[i].pending)
            st->shared[o++] = st->shared[i];
        else
            free(st->shared[i].key);
    }
    st->nshared = o;
}

static int shared_find(struct store *st, char kind, const char *key, int64_t *id)
{
    if (!st->tx_file)
        return 0;
    for (size_t i = 0; i < st->nshared; i++) {
        if (st->shared[i].kind == kind && strcmp(st->shared[i].key, key) == 0) {
            *id = st->shared[i].id;
            return 1;
        }
    }
    return 0;
}

static void shared_keep(struct store *st, char kind, const char *key, int64_t id)
{
    if (!st->tx_file || st->nshared >= SHARED_MAX)
        return;
    ARRAY_GROW(st->shared, st->nshared, st->capshared);
    st->shared[st->nshared++] = (struct shared_id){kind, 1, xstrdup(key), id};
}

static const char SQL_BEGIN[] = "BEGIN IMMEDIATE";
static const char SQL_COMMIT[] = "COMMIT";
static const char SQL_DATA_VERSION[] = "PRAGMA data_version";

/* Whether another connection committed since the last call (the first
 * call says yes). -1 on error. */
static int others_wrote(struct store *st)
{
    sqlite3_stmt *s = stmt(st, SQL_DATA_VERSION);
    if (!s)
        return -1;
    int rc = step_row(st, s, SQL_DATA_VERSION);
    if (rc <= 0) /* the pragma always has its row: none is an error too */
        return rc < 0 ? -1 : db_error(st, SQL_DATA_VERSION);
    long long v = sqlite3_column_int64(s, 0);
    sqlite3_reset(s);
    int changed = st->nshared == 0 || v != st->data_version;
    st->data_version = v;
    return changed;
}

/* --- the WAL handed to the OS once per commit --------------------------------- */

/* SQLite appends a commit's pages to the WAL as two writes each (a 24-byte
 * frame header, then the page): some 40 system calls for one imported
 * file, half of import's time in the kernel. This VFS, a thin layer
 * over SQLite's own, gathers the WAL writes that follow on from one
 * another and hands them to the OS in one write when the commit's last
 * frame is complete: its header (the 24-byte write) carries the database
 * size after the commit, which no other frame does. A failing write is
 * thus reported by that frame's write, as before, and before SQLite
 * publishes the commit in the shared-memory index, which is what other
 * connections read. Anything that could look at the WAL (a read, sync,
 * size, truncation, file control or close of it, a lock or memory barrier
 * of the database's shared memory) first writes out what is pending, so
 * no one sees the file other than as SQLite wrote it. The database file
 * itself is written through unchanged. */

/* Bytes held at most: SQLite's unix VFS writes at most 128 KiB - 1 in one
 * call (a larger write it reports as a full disk). */
#define WAL_GATHER_MAX (120 << 10)

struct gather_file {
    sqlite3_file base;         /* our methods */
    sqlite3_file *real;        /* the underlying VFS's file, just after us */
    const char *db_name;       /* a main database: its name as opened */
    struct gather_file *wal;   /* a main database: its WAL while open */
    struct gather_file *db;    /* a WAL: its database */
    int is_wal;
    char *buf;                 /* a WAL: bytes not yet written, from off */
    size_t len, cap;
    sqlite3_int64 off;
    sqlite3_int64 end;         /* a WAL: just past the last byte appended */
    int commit_header;         /* the last write was a commit frame's header */
    struct gather_file *next;  /* open main databases */
};

static sqlite3_vfs *gather_real;
static struct gather_file *gather_dbs;

#define GATHER_REAL(f) (((struct gather_file *)(f))->real)

static int gather_flush(struct gather_file *f)
{
    if (!f || f->len == 0)
        return SQLITE_OK;
    int rc = f->real->pMethods->xWrite(f->real, f->buf, (int)f->len, f->off);
    f->len = 0;
    if (rc != SQLITE_OK)
        f->end = 0; /* what the file holds is unknown: the next write goes through */
    return rc;
}

static int gather_close(sqlite3_file *file)
{
    struct gather_file *f = (struct gather_file *)file;
    int rc = gather_flush(f);
    sqlite3_mutex *mx = sqlite3_mutex_alloc(SQLITE_MUTEX_STATIC_VFS1);
    sqlite3_mutex_enter(mx);
    if (f->is_wal && f->db)
        f->db->wal = NULL;
    if (f->db_name) {
        if (f->wal)
            f->wal->db = NULL;
        for (struct gather_file **p = &gather_dbs; *p; p = &(*p)->next) {
            if (*p == f) {
                *p = f->next;
                break;
            }
        }
    }
    sqlite3_mutex_leave(mx);
    free(f->buf);
    int rc2 = f->real->pMethods->xClose(f->real);
    return rc != SQLITE_OK ? rc : rc2;
}

static int gather_read(sqlite3_file *file, void *p, int amt, sqlite3_int64 off)
{
    int rc = gather_flush((struct gather_file *)file);
    return rc != SQLITE_OK ? rc : GATHER_REAL(file)->pMethods->xRead(GATHER_REAL(file), p, amt, off);
}

/* A WAL's appends are gathered; its first header (at 0) and any write over
 * what is already there (SQLite rewrites frames in a long transaction)
 * go straight through, so their errors come back from them. */
static int gather_write(sqlite3_file *file, const void *p, int amt, sqlite3_int64 off)
{
    struct gather_file *f = (struct gather_file *)file;
    if (!f->is_wal)
        return f->real->pMethods->xWrite(f->real, p, amt, off);
    sqlite3_int64 end = f->len ? f->off + (sqlite3_int64)f->len : f->end;
    if (off != end || off == 0 || amt <= 0 || (size_t)amt > WAL_GATHER_MAX) {
        int rc = gather_flush(f);
        if (rc == SQLITE_OK)
            rc = f->real->pMethods->xWrite(f->real, p, amt, off);
        f->commit_header = 0;
        /* The header at 0 starts the WAL again. */
        if (rc == SQLITE_OK && (off == 0 || off + amt > f->end))
            f->end = off + amt;
        return rc;
    }
    if (f->len + (size_t)amt > WAL_GATHER_MAX) {
        int rc = gather_flush(f);
        if (rc != SQLITE_OK)
            return rc;
    }
    if (f->len == 0)
        f->off = off;
    if (f->len + (size_t)amt > f->cap) {
        size_t cap = f->cap ? f->cap : 1 << 16;
        while (cap < f->len + (size_t)amt)
            cap *= 2;
        char *nb = realloc(f->buf, cap);
        if (!nb) { /* no room to gather: write through */
            int rc = gather_flush(f);
            if (rc == SQLITE_OK)
                rc = f->real->pMethods->xWrite(f->real, p, amt, off);
            if (rc == SQLITE_OK)
                f->end = off + amt;
            return rc;
        }
        f->buf = nb;
        f->cap = cap;
    }
    memcpy(f->buf + f->len, p, (size_t)amt);
    f->len += (size_t)amt;
    f->end = off + amt;
    if (amt == 24) {
        /* A frame header: page number, then the database size after the
         * commit this frame ends (0 for the other frames), big-endian. */
        const unsigned char *h = p;
        f->commit_header = (h[4] | h[5] | h[6] | h[7]) != 0;
        return SQLITE_OK;
    }
    if (f->commit_header) { /* the commit frame's page: the commit is whole */
        f->commit_header = 0;
        return gather_flush(f);
    }
    return SQLITE_OK;
}

static int gather_truncate(sqlite3_file *file, sqlite3_int64 size)
{
    int rc = gather_flush((struct gather_file *)file);
    return rc != SQLITE_OK ? rc : GATHER_REAL(file)->pMethods->xTruncate(GATHER_REAL(file), size);
}

static int gather_sync(sqlite3_file *file, int flags)
{
    int rc = gather_flush((struct gather_file *)file);
    return rc != SQLITE_OK ? rc : GATHER_REAL(file)->pMethods->xSync(GATHER_REAL(file), flags);
}

static int gather_file_size(sqlite3_file *file, sqlite3_int64 *size)
{
    int rc = gather_flush((struct gather_file *)file);
    return rc != SQLITE_OK ? rc : GATHER_REAL(file)->pMethods->xFileSize(GATHER_REAL(file), size);
}

static int gather_lock(sqlite3_file *file, int lock)
{
    return GATHER_REAL(file)->pMethods->xLock(GATHER_REAL(file), lock);
}

static int gather_unlock(sqlite3_file *file, int lock)
{
    return GATHER_REAL(file)->pMethods->xUnlock(GATHER_REAL(file), lock);
}

static int gather_check_reserved(sqlite3_file *file, int *out)
{
    return GATHER_REAL(file)->pMethods->xCheckReservedLock(GATHER_REAL(file), out);
}

static int gather_file_control(sqlite3_file *file, int op, void *arg)
{
    struct gather_file *f = (struct gather_file *)file;
    int rc = gather_flush(f->is_wal ? f : f->wal);
    return rc != SQLITE_OK ? rc : f->real->pMethods->xFileControl(f->real, op, arg);
}

static int gather_sector_size(sqlite3_file *file)
{
    return GATHER_REAL(file)->pMethods->xSectorSize(GATHER_REAL(file));
}

static int gather_device(sqlite3_file *file)
{
    return GATHER_REAL(file)->pMethods->xDeviceCharacteristics(GATHER_REAL(file));
}

/* The shared-memory calls come on the main database's file. */
static int gather_shm_map(sqlite3_file *file, int page, int size, int extend, void volatile **pp)
{
    struct gather_file *f = (struct gather_file *)file;
    int rc = gather_flush(f->wal);
    return rc != SQLITE_OK ? rc : f->real->pMethods->xShmMap(f->real, page, size, extend, pp);
}

static int gather_shm_lock(sqlite3_file *file, int offset, int n, int flags)
{
    struct gather_file *f = (struct gather_file *)file;
    int rc = gather_flush(f->wal);
    return rc != SQLITE_OK ? rc : f->real->pMethods->xShmLock(f->real, offset, n, flags);
}

static void gather_shm_barrier(sqlite3_file *file)
{
    struct gather_file *f = (struct gather_file *)file;
    (void)gather_flush(f->wal); /* nothing is pending here: a commit wrote it all */
    f->real->pMethods->xShmBarrier(f->real);
}

static int gather_shm_unmap(sqlite3_file *file, int del)
{
    struct gather_file *f = (struct gather_file *)file;
    int rc = gather_flush(f->wal);
    return rc != SQLITE_OK ? rc : f->real->pMethods->xShmUnmap(f->real, del);
}

static int gather_fetch(sqlite3_file *file, sqlite3_int64 off, int amt, void **pp)
{
    return GATHER_REAL(file)->pMethods->xFetch(GATHER_REAL(file), off, amt, pp);
}

static int gather_unfetch(sqlite3_file *file, sqlite3_int64 off, void *p)
{
    return GATHER_REAL(file)->pMethods->xUnfetch(GATHER_REAL(file), off, p);
}

#define GATHER_METHODS(version)                                                      \
    {                                                                                 \
        version, gather_close, gather_read, gather_write, gather_truncate, gather_sync,   \
            gather_file_size, gather_lock, gather_unlock, gather_check_reserved,          \
            gather_file_control, gather_sector_size, gather_device, gather_shm_map,       \
            gather_shm_lock, gather_shm_barrier, gather_shm_unmap, gather_fetch,          \
            gather_unfetch,                                                               \
    }

/* By the underlying file's version: SQLite calls no method it lacks. */
static const sqlite3_io_methods gather_methods[3] = {
    GATHER_METHODS(1), GATHER_METHODS(2), GATHER_METHODS(3),
};


static size_t gather_head(void)
{
    return (sizeof(struct gather_file) + 15) & ~(size_t)15;
}

static int gather_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *file, int flags,
                       int *out_flags)
{
    struct gather_file *f = (struct gather_file *)file;
    (void)vfs;
    memset(f, 0, sizeof *f);
    f->real = (sqlite3_file *)((char *)f + gather_head());
    int rc = gather_real->xOpen(gather_real, name, f->real, flags, out_flags);
    if (!f->real->pMethods) /* nothing opened: nothing to close */
        return rc;
    int version = f->real->pMethods->iVersion;
    f->base.pMethods = &gather_methods[version < 1 ? 0 : version > 3 ? 2 : version - 1];
    if (rc != SQLITE_OK || !name || version < 2)
        return rc; /* no shared memory: its WAL is not gathered */
    sqlite3_mutex *mx = sqlite3_mutex_alloc(SQLITE_MUTEX_STATIC_VFS1);
    sqlite3_mutex_enter(mx);
    if (flags & SQLITE_OPEN_MAIN_DB) {
        f->db_name = name;
        f->next = gather_dbs;
        gather_dbs = f;
    } else if (flags & SQLITE_OPEN_WAL) {
        const char *db = sqlite3_filename_database(name);
        for (struct gather_file *d = gather_dbs; d; d = d->next) {
            if (d->db_name == db && !d->wal) {
                /* Gathered only with its database known, whose shared
                 * memory calls write out what is pending. */
                f->is_wal = 1;
                f->db = d;
                d->wal = f;
                break;
            }
        }
    }
    sqlite3_mutex_leave(mx);
    return rc;
}

static int gather_delete(sqlite3_vfs *vfs, const char *name, int sync_dir)
{
    (void)vfs;
    return gather_real->xDelete(gather_real, name, sync_dir);
}

static int gather_access(sqlite3_vfs *vfs, const char *name, int flags, int *out)
{
    (void)vfs;
    return gather_real->xAccess(gather_real, name, flags, out);
}

static int gather_full_pathname(sqlite3_vfs *vfs, const char *name, int n, char *out)
{
    (void)vfs;
    return gather_real->xFullPathname(gather_real, name, n, out);
}

static void *gather_dlopen(sqlite3_vfs *vfs, const char *name)
{
    (void)vfs;
    return gather_real->xDlOpen(gather_real, name);
}

static void gather_dlerror(sqlite3_vfs *vfs, int n, char *msg)
{
    (void)vfs;
    gather_real->xDlError(gather_real, n, msg);
}

static void (*gather_dlsym(sqlite3_vfs *vfs, void *h, const char *sym))(void)
{
    (void)vfs;
    return gather_real->xDlSym(gather_real, h, sym);
}

static void gather_dlclose(sqlite3_vfs *vfs, void *h)
{
    (void)vfs;
    gather_real->xDlClose(gather_real, h);
}

static int gather_randomness(sqlite3_vfs *vfs, int n, char *out)
{
    (void)vfs;
    return gather_real->xRandomness(gather_real, n, out);
}

static int gather_sleep(sqlite3_vfs *vfs, int us)
{
    (void)vfs;
    return gather_real->xSleep(gather_real, us);
}

static int gather_current_time(sqlite3_vfs *vfs, double *out)
{
    (void)vfs;
    return gather_real->xCurrentTime(gather_real, out);
}

static int gather_last_error(sqlite3_vfs *vfs, int n, char *msg)
{
    (void)vfs;
    return gather_real->xGetLastError(gather_real, n, msg);
}

static int gather_current_time64(sqlite3_vfs *vfs, sqlite3_int64 *out)
{
    (void)vfs;
    return gather_real->xCurrentTimeInt64(gather_real, out);
}

static sqlite3_vfs gather_vfs = {
    .iVersion = 2,
    .zName = "benchdb-gather",
    .xOpen = gather_open,
    .xDelete = gather_delete,
    .xAccess = gather_access,
    .xFullPathname = gather_full_pathname,
    .xDlOpen = gather_dlopen,
    .xDlError = gather_dlerror,
    .xDlSym = gather_dlsym,
    .xDlClose = gather_dlclose,
    .xRandomness = gather_randomness,
    .xSleep = gather_sleep,
    .xCurrentTime = gather_current_time,
    .xGetLastError = gather_last_error,
    .xCurrentTimeInt64 = gather_current_time64,
};

/* The VFS's name for sqlite3_open_v2, or NULL (SQLite's default) when
 * the default cannot be layered over. Registered on first use. */
static const char *gather_vfs_name(void)
{
    sqlite3_mutex *mx = sqlite3_mutex_alloc(SQLITE_MUTEX_STATIC_VFS1);
    const char *name = NULL;
    sqlite3_mutex_enter(mx);
    if (!gather_real) {
        sqlite3_vfs *real = sqlite3_vfs_find(NULL);
        if (real && real->iVersion >= 2) {
            gather_vfs.szOsFile = (int)(gather_head() + (size_t)real->szOsFile);
            gather_vfs.mxPathname = real->mxPathname;
            gather_real = real;
            if (sqlite3_vfs_register(&gather_vfs, 0) != SQLITE_OK)
                gather_real = NULL;
        }
    }
    if (gather_real)
        name = gather_vfs.zName;
    sqlite3_mutex_leave(mx);
    return name;
}

/* --- opening and migrating --------------------------------------------- */

static int user_version(struct store *st)
{
    sqlite3_stmt *s = stmt_once(st, "PRAGMA user_version");
    if (!s)
        return -1;
    int v = -1;
    if (sqlite3_step(s) == SQLITE_ROW)
        v = sqlite3_column_int(s, 0);
    else
        db_error(st, NULL);
    sqlite3_finalize(s);
    return v;
}

/* A WAL database read by someone who may not write beside it cannot make
 * its shared-memory file; SQLite reads it then only as immutable. */
static int reopen_immutable(struct store *st)
{
    struct buf uri = BUF_INIT;
    buf_adds(&uri, "file:");
    for (const char *p = st->path; *p; p++) {
        if (*p == '%' || *p == '?' || *p == '#')
            buf_printf(&uri, "%%%02X", (unsigned char)*p);
        else
            buf_addc(&uri, *p);
    }
    buf_adds(&uri, "?immutable=1");
    sqlite3_close(st->db);
    st->db = NULL;
    int rc = sqlite3_open_v2(buf_str(&uri), &st->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
    buf_free(&uri);
    if (rc == SQLITE_OK)
        sqlite3_extended_result_codes(st->db, 1);
    return rc == SQLITE_OK ? 0 : -1;
}

static int migrate(struct store *st)
{
    int v = user_version(st);
    if (v < 0)
        return -1;
    if (v > schema_migration_count)
        return error("database %s: schema version %d is newer than this benchdb knows (%d); "
                     "upgrade benchdb", st->path, v, schema_migration_count);
    if (v == schema_migration_count)
        return 0;
    if (st->readonly)
        return error("database %s: schema version %d needs migrating to %d, but the database "
                     "is read-only", st->path, v, schema_migration_count);
    for (int i = v; i < schema_migration_count; i++) {
        char pragma[64];
        if (exec_sql(st, "BEGIN IMMEDIATE") < 0)
            return -1;
        /* Another process may have migrated while we waited for the lock. */
        int now = user_version(st);
        if (now > i) {
            exec_sql(st, "COMMIT");
            i = now - 1;
            continue;
        }
        snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", i + 1);
        if (exec_sql(st, schema_migrations[i].sql) < 0 || exec_sql(st, pragma) < 0) {
            error("database %s: migration %s failed; the database is unchanged", st->path,
                  schema_migrations[i].name);
            exec_sql(st, "ROLLBACK");
            return -1;
        }
        if (exec_sql(st, "COMMIT") < 0)
            return -1;
    }
    return 0;
}

int store_schema_latest(void)
{
    return schema_migration_count;
}

const char *store_sqlite_version(void)
{
    return sqlite3_libversion();
}

int store_schema_version(struct store *st)
{
    return user_version(st);
}

int store_open(const char *path, int flags, struct store **out)
{
    struct stat sb;
    int exists = stat(path, &sb) == 0;
    *out = NULL;
    if (!exists && !(flags & STORE_CREATE))
        return error("no database at %s (import something first, or give --db)", path);
    if (exists && S_ISDIR(sb.st_mode))
        return error("database %s: is a directory", path);

    /* Before SQLite starts (the first open): no count of the memory it
     * holds, which nothing here asks for and which costs a global mutex
     * on every allocation. Later calls are refused, harmlessly. */
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);

    struct store *st = xcalloc(1, sizeof(*st));
    st->path = xstrdup(path);
    st->readonly = (flags & STORE_READONLY) != 0;
    /* A database we may not write to is opened read-only, and works as
     * long as nothing needs writing. */
    if (!st->readonly && exists && access(path, W_OK) != 0)
        st->readonly = 1;
    /* NOMUTEX: a store is used by one thread at a time, so its
     * connection needs no lock of its own around every call. */
    int oflags = st->readonly ? SQLITE_OPEN_READONLY
                              : SQLITE_OPEN_READWRITE | ((flags & STORE_CREATE) ? SQLITE_OPEN_CREATE : 0);
    oflags |= SQLITE_OPEN_NOMUTEX;
    if (sqlite3_open_v2(path, &st->db, oflags, gather_vfs_name()) != SQLITE_OK) {
        error("database %s: %s", path, st->db ? sqlite3_errmsg(st->db) : "cannot open");
        store_close(st);
        return -1;
    }
    sqlite3_extended_result_codes(st->db, 1);
    /* Several importers may write at once: wait for the lock rather than
     * fail (WAL lets readers go on meanwhile). */
    sqlite3_busy_timeout(st->db, 30000);
    if (st->readonly) {
        /* Quietly first: a read-only WAL database may need reopening. */
        sqlite3_stmt *probe = NULL;
        int prc = sqlite3_prepare_v2(st->db, "PRAGMA user_version", -1, &probe, NULL);
        if (prc == SQLITE_OK)
            prc = sqlite3_step(probe);
        sqlite3_finalize(probe);
        if (((prc & 0xff) == SQLITE_CANTOPEN || (prc & 0xff) == SQLITE_READONLY) &&
            reopen_immutable(st) < 0) {
            error("database %s: cannot be read", path);
            goto fail;
        }
    }
    if (exec_sql(st, "PRAGMA foreign_keys = ON") < 0)
        goto fail;
    /* Not a SQLite file at all? Reading the schema finds out. */
    if (user_version(st) < 0)
        goto fail;
    if (!st->readonly) {
        /* Switching to WAL needs a moment alone with the file, and SQLite
         * does not call the busy handler for it: several importers starting
         * on one new database take turns here. */
        int rc = SQLITE_BUSY;
        for (int i = 0; i < 600 && ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED); i++) {
            rc = sqlite3_exec(st->db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL);
            if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
                sqlite3_sleep(10 + i % 40);
        }
        if (rc != SQLITE_OK) {
            db_error(st, "PRAGMA journal_mode = WAL");
            goto fail;
        }
        /* NORMAL: a commit is durable once in the WAL, synced at checkpoints
         * (a crash loses no committed run: see tests/cli/crash.sh). Fewer,
         * larger checkpoints: a batch of thousands of small files pays a
         * few syncs, not one per 4 MB; the WAL is cut back after. */
        if (exec_sql(st, "PRAGMA synchronous = NORMAL") < 0 ||
            exec_sql(st, "PRAGMA wal_autocheckpoint = 8192") < 0 ||
            exec_sql(st, "PRAGMA journal_size_limit = 67108864") < 0)
            goto fail;
    }
    if (migrate(st) < 0)
        goto fail;
    *out = st;
    return 0;
fail:
    store_close(st);
    return -1;
}

void store_close(struct store *st)
{
    if (!st)
        return;
    if (st->tx_file) {
        warning("database %s: transaction begun at %s:%d was never closed; rolled back",
                st->path, st->tx_file, st->tx_line);
        exec_sql(st, "ROLLBACK");
    }
    for (size_t i = 0; i < st->ncache; i++) {
        if (bound_slot == &st->cache[i])
            bound_slot = NULL;
        sqlite3_finalize(st->cache[i].stmt);
        free(st->cache[i].names);
    }
    shared_forget(st, 0);
    free(st->shared);
    sqlite3_close(st->db);
    free(st->path);
    free(st);
}

const char *store_path(const struct store *st)
{
    return st->path;
}

int store_begin_at(struct store *st, const char *file, int line)
{
    if (st->readonly)
        return error("database %s: is read-only", st->path);
    if (st->tx_file)
        return error("internal error: transaction begun at %s:%d still open at %s:%d",
                     st->tx_file, st->tx_line, file, line);
    /* A writer's page cache is 16 MB: an import revisits the pages of
     * the indexes it inserts into file after file. A reader keeps SQLite's
     * 2 MB: a query reads most pages once, and every page a larger cache
     * keeps is fresh memory, a page fault (list --campaign on a million
     * runs: 83 ms of CPU with 16 MB, 52 ms with 2 MB). */
    if (!st->writer_cache) {
        if (exec_sql(st, "PRAGMA cache_size = -16384") < 0)
            return -1;
        st->writer_cache = 1;
    }
    /* IMMEDIATE takes the write lock now, so a busy database is waited
     * for here (busy timeout) rather than failing halfway through. */
    sqlite3_stmt *s = stmt(st, SQL_BEGIN);
    if (!s || step_done(st, s, SQL_BEGIN) < 0)
        return -1;
    /* Under the write lock: nobody else writes until we commit. */
    int wrote = others_wrote(st);
    if (wrote < 0) {
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
        return -1;
    }
    if (wrote)
        shared_forget(st, 0);
    st->tx_file = file;
    st->tx_line = line;
    return 0;
}

int store_commit(struct store *st)
{
    sqlite3_stmt *s = stmt(st, SQL_COMMIT);
    if (!s || step_done(st, s, SQL_COMMIT) < 0) {
        store_rollback(st);
        return -1;
    }
    for (size_t i = 0; i < st->nshared; i++)
        st->shared[i].pending = 0;
    st->tx_file = NULL;
    return 0;
}

void store_rollback(struct store *st)
{
    if (!sqlite3_get_autocommit(st->db))
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
    shared_forget(st, 1);
    st->tx_file = NULL;
}

/* --- sources ------------------------------------------------------------ */

static const char SQL_SOURCE_FIND[] =
    "SELECT source_id FROM source WHERE sha256 = :sha256";

int store_source_find(struct store *st, const char *sha256, int64_t *id)
{
    sqlite3_stmt *s = stmt(st, SQL_SOURCE_FIND);
    if (!s)
        return -1;
    bind_text(s, ":sha256", sha256);
    int rc = step_row(st, s, SQL_SOURCE_FIND);
    if (rc > 0) {
        *id = sqlite3_column_int64(s, 0);
        sqlite3_reset(s);
    }
    return rc;
}

static void now_utc(char out[32])
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static const char SQL_SOURCE_ADD[] =
    "INSERT INTO source (sha256, file_name, size_bytes, gzipped, format, raw, imported_at)\n"
    "VALUES (:sha256, :file_name, :size_bytes, :gzipped, :format, :raw, :imported_at)";

int store_source_add(struct store *st, const struct store_source *src, int64_t *id)
{
    char now[32];
    sqlite3_stmt *s = stmt(st, SQL_SOURCE_ADD);
    if (!s)
        return -1;
    now_utc(now);
    bind_text(s, ":sha256", src->sha256);
    bind_text(s, ":file_name", src->file_name);
    bind_int(s, ":size_bytes", src->size_bytes);
    bind_int(s, ":gzipped", src->gzipped);
    bind_text(s, ":format", src->format);
    if (src->raw)
        sqlite3_bind_blob64(s, pidx(s, ":raw"), src->raw, src->raw_len, SQLITE_STATIC);
    else
        sqlite3_bind_null(s, pidx(s, ":raw"));
    bind_text(s, ":imported_at", src->imported_at ? src->imported_at : now);
    if (step_done(st, s, SQL_SOURCE_ADD) < 0)
        return -1;
    *id = sqlite3_last_insert_rowid(st->db);
    return 0;
}

/* --- shared records: campaigns, hosts, stacks --------------------------- */

static const char SQL_CAMPAIGN_ADD[] =
    "INSERT INTO campaign (name) VALUES (:name) ON CONFLICT (name) DO NOTHING";
static const char SQL_CAMPAIGN_ID[] =
    "SELECT campaign_id FROM campaign WHERE name = :name";

static int lookup_id(struct store *st, const char *sql, const char *param, const char *value,
                     int64_t *id)
{
    sqlite3_stmt *s = stmt(st, sql);
    if (!s)
        return -1;
    bind_text(s, param, value);
    int rc = step_row(st, s, sql);
    if (rc <= 0) /* no row is an error too: the INSERT before made one */
        return rc < 0 ? -1 : db_error(st, sql);
    *id = sqlite3_column_int64(s, 0);
    sqlite3_reset(s);
    return 0;
}

/* A kind of shared record, known by a key (a campaign's name, a host's or
 * a stack's identity): added when new, found by its key either way. */
struct shared_kind {
    char kind;             /* as in struct shared_id */
    const char *add_sql;   /* INSERT ... ON CONFLICT DO NOTHING */
    const char *id_sql;    /* SELECT its id by the key */
    const char *key_param; /* the key's name in both */
    /* Binds the record's other columns to add_sql; NULL: it has none. */
    int (*bind)(struct store *st, sqlite3_stmt *s, const void *rec);
};

/* The id of the record rec of kind sk known by key: the one met before in
 * this batch, else the row added or already there. */
static int shared_id(struct store *st, const struct shared_kind *sk, const char *key,
                     const void *rec, int64_t *id)
{
    if (shared_find(st, sk->kind, key, id))
        return 0;
    sqlite3_stmt *s = stmt(st, sk->add_sql);
    if (!s || (sk->bind && sk->bind(st, s, rec) < 0))
        return -1;
    bind_text(s, sk->key_param, key);
    if (step_done(st, s, sk->add_sql) < 0 || lookup_id(st, sk->id_sql, sk->key_param, key, id) < 0)
        return -1;
    shared_keep(st, sk->kind, key, *id);
    return 0;
}

static const struct shared_kind CAMPAIGNS = {'c', SQL_CAMPAIGN_ADD, SQL_CAMPAIGN_ID, ":name", NULL};

static const char SQL_HOST_ADD[] =
    "INSERT INTO host (name, cpu_model, vcpus, ram_mb, virtualization, os, kernel, arch, identity)\n"
    "VALUES (:name, :cpu_model, :vcpus, :ram_mb, :virtualization, :os, :kernel, :arch, :identity)\n"
    "ON CONFLICT (identity) DO NOTHING";
static const char SQL_HOST_ID[] =
    "SELECT host_id FROM host WHERE identity = :identity";

static int bind_host(struct store *st, sqlite3_stmt *s, const void *rec)
{
    const struct meta_host *h = rec;
    bind_text(s, ":name", h->name);
    bind_text(s, ":cpu_model", h->cpu_model);
    if (bind_count(st, s, ":vcpus", h->vcpus) < 0 || bind_count(st, s, ":ram_mb", h->ram_mb) < 0)
        return -1;
    bind_text(s, ":virtualization", h->virtualization);
    bind_text(s, ":os", h->os);
    bind_text(s, ":kernel", h->kernel);
    bind_text(s, ":arch", h->arch);
    return 0;
}

static const struct shared_kind HOSTS = {'h', SQL_HOST_ADD, SQL_HOST_ID, ":identity", bind_host};

static int host_id(struct store *st, const struct meta_host *h, int64_t *id)
{
    char *ident;
    meta_host_identity(h, &ident);
    int rc = shared_id(st, &HOSTS, ident, h, id);
    free(ident);
    return rc;
}

static const char SQL_STACK_ADD[] =
    "INSERT INTO stack (language, language_version, framework, framework_version, server,\n"
    "                   server_version, workers, event_loop, serializer, proxy, database, identity)\n"
    "VALUES (:language, :language_version, :framework, :framework_version, :server,\n"
    "        :server_version, :workers, :event_loop, :serializer, :proxy, :database, :identity)\n"
    "ON CONFLICT (identity) DO NOTHING";
static const char SQL_STACK_ID[] =
    "SELECT stack_id FROM stack WHERE identity = :identity";

static int bind_stack(struct store *st, sqlite3_stmt *s, const void *rec)
{
    const struct meta_stack *k = rec;
    bind_text(s, ":language", k->language);
    bind_text(s, ":language_version", k->language_version);
    bind_text(s, ":framework", k->framework);
    bind_text(s, ":framework_version", k->framework_version);
    bind_text(s, ":server", k->server);
    bind_text(s, ":server_version", k->server_version);
    if (bind_count(st, s, ":workers", k->workers) < 0)
        return -1;
    bind_text(s, ":event_loop", k->event_loop);
    bind_text(s, ":serializer", k->serializer);
    bind_text(s, ":proxy", k->proxy);
    bind_text(s, ":database", k->database);
    return 0;
}

static const struct shared_kind STACKS = {'s', SQL_STACK_ADD, SQL_STACK_ID, ":identity",
                                          bind_stack};

static int stack_id(struct store *st, const struct meta_stack *k, int64_t *id)
{
    char *ident;
    meta_stack_identity(k, &ident);
    int rc = shared_id(st, &STACKS, ident, k, id);
    free(ident);
    return rc;
}

/* Raw point data (histograms, time series): the section at the end. */
static int raw_data_add(struct store *st, int64_t id, const struct run *r);
static int raw_data_load(struct store *st, int64_t id, struct run *r);

/* --- runs ---------------------------------------------------------------- */

static const char SQL_RUN_ADD[] =
    "INSERT INTO run (source_id, seq, first_line, last_line, campaign_id, scenario, label, notes,\n"
    "  stack_id, host_id, load_host_id, tool, format, tool_version, command, url, state,\n"
    "  published, requests, rps, duration_s, latency_avg_ms, latency_min_ms, latency_med_ms, latency_max_ms,\n"
    "  latency_stdev_ms, failed_requests, failed_pct, bytes_received, bytes_sent, iterations,\n"
    "  vus, vus_max, threads, connections, target_rate, non2xx, checks_passed, checks_failed,\n"
    "  latency_metric, imported_at)\n"
    "VALUES (:source_id, :seq, :first_line, :last_line, :campaign_id, :scenario, :label, :notes,\n"
    "  :stack_id, :host_id, :load_host_id, :tool, :format, :tool_version, :command, :url, :state,\n"
    "  :published, :requests, :rps, :duration_s, :latency_avg_ms, :latency_min_ms, :latency_med_ms,\n"
    "  :latency_max_ms, :latency_stdev_ms, :failed_requests, :failed_pct, :bytes_received,\n"
    "  :bytes_sent, :iterations, :vus, :vus_max, :threads, :connections, :target_rate, :non2xx,\n"
    "  :checks_passed, :checks_failed, :latency_metric,\n"
    "  (SELECT imported_at FROM source WHERE source_id = :source_id))";

/* Parsing a stored source again (reparse) rewrites what came from the
 * output and keeps the metadata. */
static const char SQL_RUN_REFRESH[] =
    "UPDATE run SET first_line = :first_line, last_line = :last_line, tool = :tool,\n"
    "  format = :format, tool_version = :tool_version, command = :command, url = :url,\n"
    "  state = :state, published = :published, requests = :requests, rps = :rps,\n"
    "  duration_s = :duration_s, latency_avg_ms = :latency_avg_ms, latency_min_ms = :latency_min_ms,\n"
    "  latency_med_ms = :latency_med_ms, latency_max_ms = :latency_max_ms,\n"
    "  latency_stdev_ms = :latency_stdev_ms, failed_requests = :failed_requests,\n"
    "  failed_pct = :failed_pct, bytes_received = :bytes_received, bytes_sent = :bytes_sent,\n"
    "  iterations = :iterations, vus = :vus, vus_max = :vus_max, threads = :threads,\n"
    "  connections = :connections, target_rate = :target_rate, non2xx = :non2xx,\n"
    "  checks_passed = :checks_passed, checks_failed = :checks_failed,\n"
    "  latency_metric = :latency_metric\n"
    "WHERE run_id = :run_id";

static const char *const SQL_DETAILS_CLEAR[] = {
    "DELETE FROM run_figure WHERE run_id = :run_id",
    "DELETE FROM run_percentile WHERE run_id = :run_id",
    "DELETE FROM run_threshold WHERE run_id = :run_id",
    "DELETE FROM run_check WHERE run_id = :run_id",
    "DELETE FROM run_count WHERE run_id = :run_id",
    "DELETE FROM run_param WHERE run_id = :run_id",
    "DELETE FROM run_bucket WHERE run_id = :run_id",
};

/* A run's detail rows go up to 8 to one INSERT ... VALUES (...), (...):
 * one statement executed per batch, not per row (8, then 4, 2 and 1 for
 * the rest). Parameters are numbered in the order they first appear, so
 * :run_id is 1 and row j's k-th column (counted from 0, after run_id) is
 * 2 + j * ncols + k; rows_stmt() checks that against the names when it
 * prepares the statement. */
#define ROWS_2(ROW) ROW(0) ", " ROW(1)
#define ROWS_4(ROW) ROW(0) ", " ROW(1) ", " ROW(2) ", " ROW(3)
#define ROWS_8(ROW)                                                                       \
    ROW(0) ", " ROW(1) ", " ROW(2) ", " ROW(3) ", " ROW(4) ", " ROW(5) ", " ROW(6) ", " ROW(7)
#define ROWS_SQL(INTO, ROW) {INTO ROW(0), INTO ROWS_2(ROW), INTO ROWS_4(ROW), INTO ROWS_8(ROW)}

#define FIGURE_INTO                                                                       \
    "INSERT INTO run_figure (run_id, seq, metric, stat, value, unit, printed) VALUES "
#define FIGURE_ROW(j)                                                                     \
    "(:run_id, :seq" #j ", :metric" #j ", :stat" #j ", :value" #j ", :unit" #j             \
    ", :printed" #j ")"
#define PCT_INTO                                                                          \
    "INSERT INTO run_percentile (run_id, metric, percentile, value, unit, printed,\n"       \
    "  total_count) VALUES "
#define PCT_ROW(j)                                                                        \
    "(:run_id, :metric" #j ", :percentile" #j ", :value" #j ", :unit" #j ", :printed" #j   \
    ", :total_count" #j ")"
#define THRESHOLD_INTO                                                                    \
    "INSERT INTO run_threshold (run_id, seq, metric, expression, ok, observed) VALUES "
#define THRESHOLD_ROW(j)                                                                  \
    "(:run_id, :seq" #j ", :metric" #j ", :expression" #j ", :ok" #j ", :observed" #j ")"
#define CHECK_INTO "INSERT INTO run_check (run_id, seq, grp, name, passes, fails) VALUES "
#define CHECK_ROW(j) "(:run_id, :seq" #j ", :grp" #j ", :name" #j ", :passes" #j ", :fails" #j ")"
#define COUNT_INTO "INSERT INTO run_count (run_id, seq, kind, message, count) VALUES "
#define COUNT_ROW(j) "(:run_id, :seq" #j ", :kind" #j ", :message" #j ", :count" #j ")"
#define PARAM_INTO "INSERT INTO run_param (run_id, seq, key, value) VALUES "
#define PARAM_ROW(j) "(:run_id, :seq" #j ", :key" #j ", :value" #j ")"
#define BUCKET_INTO "INSERT INTO run_bucket (run_id, metric, seq, lower, upper, count) VALUES "
#define BUCKET_ROW(j)                                                                     \
    "(:run_id, :metric" #j ", :seq" #j ", :lower" #j ", :upper" #j ", :count" #j ")"
#define TAG_INTO "INSERT INTO run_tag (run_id, key, value) VALUES "
#define TAG_ROW(j) "(:run_id, :key" #j ", :value" #j ")"

/* The rows of one kind: its two statements, its columns after run_id
 * (the parameter names without row number), and how to bind row i of
 * `rows` at position `at`. */
struct rows_kind {
    const char *sql[4]; /* for 1, 2, 4 and 8 rows */
    const char *const cols[7];
    int (*bind)(sqlite3_stmt *s, int at, const void *rows, size_t i);
};

static int bind_figure(sqlite3_stmt *s, int at, const void *rows, size_t i)
{
    const struct run_figure *f = (const struct run_figure *)rows + i;
    sqlite3_bind_int64(s, at, (long long)i + 1);
    bind_text_at(s, at + 1, f->metric);
    bind_text_at(s, at + 2, f->stat);
    bind_real_at(s, at + 3, f->value);
    bind_text_at(s, at + 4, f->unit);
    bind_text_at(s, at + 5, f->text);
    return 0;
}

static int bind_pct(sqlite3_stmt *s, int at, const void *rows, size_t i)
{
    const struct run_percentile *p = (const struct run_percentile *)rows + i;
    bind_text_at(s, at, p->metric);
    bind_real_at(s, at + 1, p->percentile);
    bind_real_at(s, at + 2, p->value);
    bind_text_at(s, at + 3, p->unit);
    bind_text_at(s, at + 4, p->text);
    if (p->count >= 0)
        sqlite3_bind_int64(s, at + 5, p->count);
    else
        sqlite3_bind_null(s, at + 5);
    return 0;
}

static int bind_threshold(sqlite3_stmt *s, int at, const void *rows, size_t i)
{
    const struct run_threshold *t = (const struct run_threshold *)rows + i;
    sqlite3_bind_int64(s, at, (long long)i + 1);
    bind_text_at(s, at + 1, t->metric);
    bind_text_at(s, at + 2, t->expr);
    sqlite3_bind_int64(s, at + 3, t->ok ? 1 : 0);
    bind_text_at(s, at + 4, t->text);
    return 0;
}

static int bind_check(sqlite3_stmt *s, int at, const void *rows, size_t i)
{
    const struct run_check *c = (const struct run_check *)rows + i;
    sqlite3_bind_int64(s, at, (long long)i + 1);
    bind_text_at(s, at + 1, c->group);
    bind_text_at(s, at + 2, c->name);
    if (bind_count_at(s, at + 3, ":passes", c->passes < 0 ? RUN_NA : (double)c->passes) < 0 ||
        bind_count_at(s, at + 4, ":fails", c->fails < 0 ? RUN_NA : (double)c->fails) < 0)
        return -1;
    return 0;
}

static int bind_count_row(sqlite3_stmt *s, int at, const void *rows, size_t i)
{
    const struct run_count *c = (const struct run_count *)rows + i;
    sqlite3_bind_int64(s, at, (long long)i + 1);
    bind_text_at(s, at + 1, c->kind);
    bind_text_at(s, at + 2, c->message);
    return bind_count_at(s, at + 3, ":count", c->count);
}

static int bind_param(sqlite3_stmt *s, int at, const void *rows, size_t i)
{
    const struct run_param *p = (const struct run_param *)rows + i;
    sqlite3_bind_int64(s, at, (long long)i + 1);
    bind_text_at(s, at + 1, p->key);
    bind_text_at(s, at + 2, p->value);
    return 0;
}

static int bind_bucket(sqlite3_stmt *s, int at, const void *rows, size_t i)
{
    const struct run_bucket *b = (const struct run_bucket *)rows + i;
    bind_text_at(s, at, b->metric);
    sqlite3_bind_int64(s, at + 1, (long long)i + 1);
    bind_real_at(s, at + 2, b->lower);
    bind_real_at(s, at + 3, b->upper);
    return bind_count_at(s, at + 4, ":count", b->count);
}

static int bind_tag(sqlite3_stmt *s, int at, const void *rows, size_t i)
{
    const struct meta_tag *t = (const struct meta_tag *)rows + i;
    bind_text_at(s, at, t->key);
    bind_text_at(s, at + 1, t->value);
    return 0;
}

static const struct rows_kind FIGURES = {
    ROWS_SQL(FIGURE_INTO, FIGURE_ROW),
    {"seq", "metric", "stat", "value", "unit", "printed"}, bind_figure};
static const struct rows_kind PCTS = {
    ROWS_SQL(PCT_INTO, PCT_ROW),
    {"metric", "percentile", "value", "unit", "printed", "total_count"}, bind_pct};
static const struct rows_kind THRESHOLDS = {
    ROWS_SQL(THRESHOLD_INTO, THRESHOLD_ROW),
    {"seq", "metric", "expression", "ok", "observed"}, bind_threshold};
static const struct rows_kind CHECKS = {
    ROWS_SQL(CHECK_INTO, CHECK_ROW),
    {"seq", "grp", "name", "passes", "fails"}, bind_check};
static const struct rows_kind COUNTS = {
    ROWS_SQL(COUNT_INTO, COUNT_ROW),
    {"seq", "kind", "message", "count"}, bind_count_row};
static const struct rows_kind PARAMS = {
    ROWS_SQL(PARAM_INTO, PARAM_ROW),
    {"seq", "key", "value"}, bind_param};
static const struct rows_kind BUCKETS = {
    ROWS_SQL(BUCKET_INTO, BUCKET_ROW),
    {"metric", "seq", "lower", "upper", "count"}, bind_bucket};
static const struct rows_kind TAGS = {
    ROWS_SQL(TAG_INTO, TAG_ROW),
    {"key", "value"}, bind_tag};

static int rows_ncols(const struct rows_kind *rk)
{
    int n = 0;
    while (n < 7 && rk->cols[n])
        n++;
    return n;
}

/* The statement of kind rk for k rows (1, 2, 4 or 8). The positions the
 * binders use are checked once, when the statement is prepared. */
static sqlite3_stmt *rows_stmt(struct store *st, const struct rows_kind *rk, size_t k,
                               const char **sql_out)
{
    const char *sql = rk->sql[k == 8 ? 3 : k == 4 ? 2 : k == 2 ? 1 : 0];
    sqlite3_stmt *s = stmt(st, sql);
    *sql_out = sql;
    if (!s || bound_slot == NULL || bound_slot->stmt != s || bound_slot->checked)
        return s;
    int ncols = rows_ncols(rk), n = sqlite3_bind_parameter_count(s);
    const char *first = sqlite3_bind_parameter_name(s, 1);
    if (n != 1 + (int)k * ncols || !first || strcmp(first, ":run_id") != 0)
        die(70, "internal error: parameters of %.40s... are not laid out in rows", sql);
    for (int i = 2; i <= n; i++) {
        char want[64];
        snprintf(want, sizeof want, ":%s%d", rk->cols[(i - 2) % ncols], (i - 2) / ncols);
        const char *name = sqlite3_bind_parameter_name(s, i);
        if (!name || strcmp(name, want) != 0)
            die(70, "internal error: parameter %d of %.40s... is %s, not %s", i, sql,
                name ? name : "?", want);
    }
    bound_slot->checked = 1;
    return s;
}

/* Inserts the n rows of kind rk of run id. */
static int add_rows(struct store *st, const struct rows_kind *rk, int64_t id, const void *rows,
                    size_t n)
{
    int ncols = rows_ncols(rk);
    for (size_t i = 0; i < n;) {
        size_t k = n - i >= 8 ? 8 : n - i >= 4 ? 4 : n - i >= 2 ? 2 : 1;
        const char *sql;
        sqlite3_stmt *s = rows_stmt(st, rk, k, &sql);
        if (!s)
            return -1;
        sqlite3_bind_int64(s, 1, id);
        for (size_t j = 0; j < k; j++)
            if (rk->bind(s, 2 + (int)j * ncols, rows, i + j) < 0)
                return -1;
        if (step_done(st, s, sql) < 0)
            return -1;
        i += k;
    }
    return 0;
}

static const char *state_text(enum run_state s)
{
    switch (s) {
    case RUN_STATE_OK: return "ok";
    case RUN_STATE_FAILED: return "failed";
    case RUN_STATE_INCOMPLETE: return "incomplete";
    }
    return "ok";
}

/* Output figures win; metadata fills what the output did not print. */
static double pick(double printed, double meta)
{
    return isnan(printed) ? meta : printed;
}

static const char *pick_text(const char *printed, const char *meta)
{
    return printed ? printed : meta;
}

static int add_details(struct store *st, int64_t id, const struct run *r, const struct meta *m)
{
    if (add_rows(st, &FIGURES, id, r->figures, r->nfigures) < 0 ||
        add_rows(st, &PCTS, id, r->pcts, r->npcts) < 0 ||
        add_rows(st, &THRESHOLDS, id, r->thresholds, r->nthresholds) < 0 ||
        add_rows(st, &CHECKS, id, r->checks, r->nchecks) < 0 ||
        add_rows(st, &COUNTS, id, r->counts, r->ncounts) < 0 ||
        add_rows(st, &PARAMS, id, r->params, r->nparams) < 0 ||
        add_rows(st, &BUCKETS, id, r->buckets, r->nbuckets) < 0 ||
        add_rows(st, &TAGS, id, m->tags, m->ntags) < 0)
        return -1;
    return 0;
}

/* Binds what a run's output says (and, where it says nothing, the
 * metadata's settings) to the named parameters both SQL_RUN_ADD and
 * SQL_RUN_REFRESH use. */
static int bind_run_output(struct store *st, sqlite3_stmt *s, const struct run *r,
                           const struct meta *m)
{
    bind_int(s, ":first_line", r->first_line);
    bind_int(s, ":last_line", r->last_line);
    bind_text(s, ":tool", r->tool);
    bind_text(s, ":format", r->format);
    bind_text(s, ":tool_version", pick_text(r->tool_version, m->tool_version));
    bind_text(s, ":command", pick_text(r->command, m->command));
    bind_text(s, ":url", pick_text(r->url, m->url));
    bind_text(s, ":state", state_text(r->state));
    bind_int(s, ":published", r->published ? 1 : 0);
    bind_real(s, ":rps", r->rps);
    bind_real(s, ":duration_s", pick(r->duration_s, m->duration_s));
    bind_real(s, ":latency_avg_ms", r->lat_avg);
    bind_real(s, ":latency_min_ms", r->lat_min);
    bind_real(s, ":latency_med_ms", r->lat_med);
    bind_real(s, ":latency_max_ms", r->lat_max);
    bind_real(s, ":latency_stdev_ms", r->lat_stdev);
    bind_real(s, ":failed_pct", r->failed_pct);
    bind_real(s, ":bytes_received", r->bytes_received);
    bind_real(s, ":bytes_sent", r->bytes_sent);
    bind_real(s, ":target_rate", pick(r->target_rate, m->rate));
    bind_text(s, ":latency_metric", r->latency_metric);
    if (bind_count(st, s, ":requests", r->requests) < 0 ||
        bind_count(st, s, ":failed_requests", r->failed_requests) < 0 ||
        bind_count(st, s, ":iterations", r->iterations) < 0 ||
        bind_count(st, s, ":vus", r->vus) < 0 ||
        bind_count(st, s, ":vus_max", pick(r->vus_max, m->vus)) < 0 ||
        bind_count(st, s, ":threads", pick(r->threads, m->threads)) < 0 ||
        bind_count(st, s, ":connections", pick(r->connections, m->connections)) < 0 ||
        bind_count(st, s, ":non2xx", r->non2xx) < 0 ||
        bind_count(st, s, ":checks_passed", r->checks_passed) < 0 ||
        bind_count(st, s, ":checks_failed", r->checks_failed) < 0)
        return -1;
    return 0;
}

int store_run_add(struct store *st, int64_t source_id, int seq, const struct run *r,
                  const struct meta *m, int64_t *run_id)
{
    int64_t camp = 0, stk = 0, hst = 0, lhst = 0;

    if (m->campaign && shared_id(st, &CAMPAIGNS, m->campaign, NULL, &camp) < 0)
        return -1;
    if (!meta_stack_empty(&m->stack) && stack_id(st, &m->stack, &stk) < 0)
        return -1;
    if (!meta_host_empty(&m->host) && host_id(st, &m->host, &hst) < 0)
        return -1;
    if (!meta_host_empty(&m->load_host) && host_id(st, &m->load_host, &lhst) < 0)
        return -1;

    sqlite3_stmt *s = stmt(st, SQL_RUN_ADD);
    if (!s)
        return -1;
    bind_int(s, ":source_id", source_id);
    bind_int(s, ":seq", seq);
    if (camp)
        bind_int(s, ":campaign_id", camp);
    bind_text(s, ":scenario", m->scenario);
    bind_text(s, ":label", m->label ? m->label : "(unnamed)");
    bind_text(s, ":notes", m->notes);
    if (stk)
        bind_int(s, ":stack_id", stk);
    if (hst)
        bind_int(s, ":host_id", hst);
    if (lhst)
        bind_int(s, ":load_host_id", lhst);
    if (bind_run_output(st, s, r, m) < 0)
        return -1;
    if (step_done(st, s, SQL_RUN_ADD) < 0)
        return -1;
    *run_id = sqlite3_last_insert_rowid(st->db);
    if (add_details(st, *run_id, r, m) < 0)
        return -1;
    return raw_data_add(st, *run_id, r);
}

int store_run_refresh(struct store *st, int64_t run_id, const struct run *r, const struct meta *m)
{
    sqlite3_stmt *s = stmt(st, SQL_RUN_REFRESH);
    if (!s)
        return -1;
    bind_int(s, ":run_id", run_id);
    if (bind_run_output(st, s, r, m) < 0 || step_done(st, s, SQL_RUN_REFRESH) < 0)
        return -1;
    for (size_t i = 0; i < sizeof SQL_DETAILS_CLEAR / sizeof SQL_DETAILS_CLEAR[0]; i++)
        if (exec_id(st, SQL_DETAILS_CLEAR[i], ":run_id", run_id) < 0)
            return -1;
    struct meta no_tags;
    meta_init(&no_tags);
    int rc = add_details(st, run_id, r, &no_tags);
    meta_free(&no_tags);
    return rc;
}

/* --- filters -------------------------------------------------------------- */

static const char SQL_SUMMARY_COLUMNS[] = "SELECT name FROM pragma_table_info('summary')";

/* 1 when `summary` has the column, 0 when not (names lists them), -1 on error. */
static int summary_column(struct store *st, const char *column, struct buf *names)
{
    sqlite3_stmt *s = stmt(st, SQL_SUMMARY_COLUMNS);
    int found = 0;
    if (!s)
        return -1;
    while (sqlite3_step(s) == SQLITE_ROW) {
        const char *name = (const char *)sqlite3_column_text(s, 0);
        if (strcmp(name, column) == 0)
            found = 1;
        if (names)
            buf_printf(names, "%s%s", names->len ? ", " : "", name);
    }
    sqlite3_reset(s);
    return found;
}

int store_column_check(struct store *st, const char *column, const char *option)
{
    struct buf names = BUF_INIT;
    int found = summary_column(st, column, &names);
    if (found == 0)
        error("%s %s: no column \"%s\" in summary (columns: %s)", option, column, column,
              buf_str(&names));
    buf_free(&names);
    return found > 0 ? 0 : -1;
}

int store_cond_parse(struct store *st, const char *text, struct store_cond *c)
{
    static const char *const ops[] = {"!=", "<=", ">=", "=", "<", ">", "~", NULL};
    memset(c, 0, sizeof(*c));
    const char *best = NULL;
    const char *bop = NULL;
    for (size_t i = 0; ops[i]; i++) {
        const char *p = strstr(text, ops[i]);
        if (p && (!best || p < best || (p == best && strlen(ops[i]) > strlen(bop)))) {
            best = p;
            bop = ops[i];
        }
    }
    if (!best || best == text)
        return error("--where %s: expected COLUMN OP VALUE, OP one of = != < <= > >= ~", text);
    size_t cl = (size_t)(best - text);
    while (cl > 0 && text[cl - 1] == ' ')
        cl--;
    char *column = xstrndup(text, cl);
    const char *v = best + strlen(bop);
    while (*v == ' ')
        v++;

    /* The column must be one `summary` has: checked, never trusted. */
    struct buf names = BUF_INIT;
    int found = summary_column(st, column, &names);
    if (found <= 0) {
        if (found == 0)
            error("--where %s: no column \"%s\" in summary (columns: %s)", text, column,
                  buf_str(&names));
        free(column);
        buf_free(&names);
        return -1;
    }
    buf_free(&names);
    c->column = column;
    c->op = xstrdup(bop);
    c->value = xstrdup(v);
    return 0;
}

void store_cond_free(struct store_cond *c)
{
    free(c->column);
    free(c->op);
    free(c->value);
    memset(c, 0, sizeof(*c));
}

/* Appends " AND ..." clauses for f to sql; binds in bind_filter(). Column
 * names come from store_cond_parse (checked) and are quoted. */
static void filter_sql(struct buf *sql, const struct store_filter *f)
{
    if (!f)
        return;
    if (f->campaign)
        buf_adds(sql, " AND campaign = :f_campaign");
    if (f->scenario)
        buf_adds(sql, " AND scenario = :f_scenario");
    if (f->nids) {
        buf_adds(sql, " AND run_id IN (");
        for (size_t i = 0; i < f->nids; i++)
            buf_printf(sql, "%s:f_id%zu", i ? ", " : "", i);
        buf_adds(sql, ")");
    }
    for (size_t i = 0; i < f->ntags; i++)
        buf_printf(sql, " AND run_id IN (SELECT run_id FROM run_tag WHERE key = :f_tk%zu"
                        " AND value = :f_tv%zu)", i, i);
    for (size_t i = 0; i < f->nconds; i++) {
        const struct store_cond *c = &f->conds[i];
        if (strcmp(c->op, "~") == 0)
            buf_printf(sql, " AND instr(lower(\"%s\"), lower(:f_c%zu)) > 0", c->column, i);
        else
            buf_printf(sql, " AND \"%s\" %s :f_c%zu", c->column, c->op, i);
    }
}

static void bind_filter(sqlite3_stmt *s, const struct store_filter *f)
{
    char name[32];
    if (!f)
        return;
    if (f->campaign)
        bind_text(s, ":f_campaign", f->campaign);
    if (f->scenario)
        bind_text(s, ":f_scenario", f->scenario);
    for (size_t i = 0; i < f->nids; i++) {
        snprintf(name, sizeof name, ":f_id%zu", i);
        bind_int(s, name, f->ids[i]);
    }
    for (size_t i = 0; i < f->ntags; i++) {
        snprintf(name, sizeof name, ":f_tk%zu", i);
        bind_text(s, name, f->tags[i].key);
        snprintf(name, sizeof name, ":f_tv%zu", i);
        bind_text(s, name, f->tags[i].value);
    }
    for (size_t i = 0; i < f->nconds; i++) {
        const struct store_cond *c = &f->conds[i];
        double v;
        snprintf(name, sizeof name, ":f_c%zu", i);
        /* Numbers compare as numbers, everything else as text. */
        if (strcmp(c->op, "~") != 0 &&
            units_number(c->value, strlen(c->value), 0, &v) == UNITS_OK && !isnan(v))
            sqlite3_bind_double(s, pidx(s, name), v);
        else
            bind_text(s, name, c->value);
    }
}

/* --- listing --------------------------------------------------------------- */

int store_list(struct store *st, const struct store_filter *f, store_row_fn fn, void *arg)
{
    struct buf sql = BUF_INIT;
    buf_adds(&sql, "SELECT run_id, campaign, scenario, label, tool, state, rps, latency_p90_ms,"
                   " failed_pct, requests FROM summary WHERE 1");
    filter_sql(&sql, f);
    if (f && f->order) {
        struct buf names = BUF_INIT;
        int found = summary_column(st, f->order, &names);
        if (found == 0)
            error("--sort %s: no column \"%s\" in summary (columns: %s)", f->order, f->order,
                  buf_str(&names));
        buf_free(&names);
        if (found <= 0) {
            buf_free(&sql);
            return -1;
        }
        /* NULLs last either way: a missing figure never ranks first. */
        buf_printf(&sql, " ORDER BY \"%s\" IS NULL, \"%s\" %s, run_id", f->order, f->order,
                   f->desc ? "DESC" : "ASC");
    } else {
        buf_adds(&sql, " ORDER BY run_id");
    }
    if (f && f->limit > 0)
        buf_printf(&sql, " LIMIT %ld", f->limit);
    sqlite3_stmt *s = stmt_once(st, buf_str(&sql));
    int rc = 0;
    if (!s) {
        buf_free(&sql);
        return -1;
    }
    bind_filter(s, f);
    int step;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        struct store_row row = {
            .run_id = sqlite3_column_int64(s, 0),
            .campaign = (const char *)sqlite3_column_text(s, 1),
            .scenario = (const char *)sqlite3_column_text(s, 2),
            .label = (const char *)sqlite3_column_text(s, 3),
            .tool = (const char *)sqlite3_column_text(s, 4),
            .state = (const char *)sqlite3_column_text(s, 5),
            .rps = col_real(s, 6),
            .p90_ms = col_real(s, 7),
            .failed_pct = col_real(s, 8),
            .requests = col_real(s, 9),
        };
        rc = fn(&row, arg);
        if (rc)
            break;
    }
    if (step != SQLITE_ROW && step != SQLITE_DONE)
        rc = db_error(st, buf_str(&sql));
    sqlite3_finalize(s);
    buf_free(&sql);
    return rc;
}

static const char SQL_NEWEST_CAMPAIGN[] =
    "SELECT c.name FROM run r JOIN campaign c ON c.campaign_id = r.campaign_id\n"
    "ORDER BY r.run_id DESC LIMIT 1";

char *store_newest_campaign(struct store *st)
{
    sqlite3_stmt *s = stmt(st, SQL_NEWEST_CAMPAIGN);
    char *name = NULL;
    if (!s)
        return NULL;
    if (sqlite3_step(s) == SQLITE_ROW)
        name = col_text(s, 0);
    sqlite3_reset(s);
    return name;
}

static const char SQL_COUNT_RUNS[] = "SELECT count(*) FROM run";

long long store_count_runs(struct store *st)
{
    sqlite3_stmt *s = stmt(st, SQL_COUNT_RUNS);
    long long n = -1;
    if (!s)
        return -1;
    if (sqlite3_step(s) == SQLITE_ROW)
        n = sqlite3_column_int64(s, 0);
    sqlite3_reset(s);
    return n;
}

/* --- loading one run -------------------------------------------------------- */

static const char SQL_RUN_GET[] =
    "SELECT r.source_id, r.seq, c.name, r.scenario, r.label, r.notes, src.file_name, src.format,\n"
    "  src.sha256, src.imported_at, src.size_bytes, src.gzipped, src.raw IS NOT NULL,\n"
    "  r.tool, r.format, r.tool_version, r.command, r.url, r.first_line, r.last_line, r.state,\n"
    "  r.published,\n"
    "  r.requests, r.rps, r.duration_s, r.latency_avg_ms, r.latency_min_ms, r.latency_med_ms,\n"
    "  r.latency_max_ms, r.latency_stdev_ms, r.failed_requests, r.failed_pct, r.bytes_received,\n"
    "  r.bytes_sent, r.iterations, r.vus, r.vus_max, r.threads, r.connections, r.target_rate,\n"
    "  r.non2xx, r.checks_passed, r.checks_failed, r.latency_metric, r.stack_id, r.host_id,\n"
    "  r.load_host_id\n"
    "FROM run r JOIN source src ON src.source_id = r.source_id\n"
    "LEFT JOIN campaign c ON c.campaign_id = r.campaign_id\n"
    "WHERE r.run_id = :run_id";
static const char SQL_STACK_GET[] =
    "SELECT language, language_version, framework, framework_version, server, server_version,\n"
    "  workers, event_loop, serializer, proxy, database FROM stack WHERE stack_id = :id";
static const char SQL_HOST_GET[] =
    "SELECT name, cpu_model, vcpus, ram_mb, virtualization, os, kernel, arch\n"
    "FROM host WHERE host_id = :id";
static const char SQL_FIGURES_GET[] =
    "SELECT metric, stat, value, unit, printed FROM run_figure WHERE run_id = :run_id\n"
    "ORDER BY seq";
static const char SQL_PCTS_GET[] =
    "SELECT metric, percentile, value, unit, printed, total_count FROM run_percentile\n"
    "WHERE run_id = :run_id ORDER BY metric, percentile";
static const char SQL_THRESHOLDS_GET[] =
    "SELECT metric, expression, ok, observed FROM run_threshold WHERE run_id = :run_id ORDER BY seq";
static const char SQL_CHECKS_GET[] =
    "SELECT name, grp, passes, fails FROM run_check WHERE run_id = :run_id ORDER BY seq";
static const char SQL_COUNTS_GET[] =
    "SELECT kind, message, count FROM run_count WHERE run_id = :run_id ORDER BY seq";
static const char SQL_PARAMS_GET[] =
    "SELECT key, value FROM run_param WHERE run_id = :run_id ORDER BY seq";
static const char SQL_BUCKETS_GET[] =
    "SELECT metric, lower, upper, count FROM run_bucket WHERE run_id = :run_id ORDER BY metric, seq";
static const char SQL_TAGS_GET[] =
    "SELECT key, value FROM run_tag WHERE run_id = :run_id ORDER BY key";

static const char *unit_const(const char *u)
{
    static const char *const units[] = {UNIT_MS, UNIT_BYTES, UNIT_BYTES_PER_S, UNIT_PER_S,
                                        UNIT_PERCENT, UNIT_COUNT, "s", NULL};
    for (size_t i = 0; units[i]; i++)
        if (u && strcmp(u, units[i]) == 0)
            return units[i];
    return UNIT_COUNT;
}

/* Steps sql, its parameter `param` bound to id, and hands each row to fn
 * with arg. 0, or -1 with the error printed when sql cannot be prepared
 * or a step fails: a run read back with some of its rows missing would be
 * shown, exported or reparsed as if that were all it had. */
static int each_row(struct store *st, const char *sql, const char *param, int64_t id,
                    void (*fn)(sqlite3_stmt *s, void *arg), void *arg)
{
    sqlite3_stmt *s = stmt(st, sql);
    if (!s)
        return -1;
    bind_int(s, param, id);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW)
        fn(s, arg);
    sqlite3_reset(s);
    if (rc != SQLITE_DONE) /* a read that fails midway is not a short list */
        return db_error(st, sql);
    return 0;
}

/* The readers of each_row, by what they read (host and stack by primary
 * key: one row at most). */
static void read_host(sqlite3_stmt *s, void *arg)
{
    struct meta_host *h = arg;
    h->name = col_text(s, 0);
    h->cpu_model = col_text(s, 1);
    h->vcpus = col_real(s, 2);
    h->ram_mb = col_real(s, 3);
    h->virtualization = col_text(s, 4);
    h->os = col_text(s, 5);
    h->kernel = col_text(s, 6);
    h->arch = col_text(s, 7);
}

static void read_stack(sqlite3_stmt *s, void *arg)
{
    struct meta_stack *k = arg;
    k->language = col_text(s, 0);
    k->language_version = col_text(s, 1);
    k->framework = col_text(s, 2);
    k->framework_version = col_text(s, 3);
    k->server = col_text(s, 4);
    k->server_version = col_text(s, 5);
    k->workers = col_real(s, 6);
    k->event_loop = col_text(s, 7);
    k->serializer = col_text(s, 8);
    k->proxy = col_text(s, 9);
    k->database = col_text(s, 10);
}

static void read_figure(sqlite3_stmt *s, void *arg)
{
    run_add_figure(arg, (const char *)sqlite3_column_text(s, 0),
                   (const char *)sqlite3_column_text(s, 1), col_real(s, 2),
                   unit_const((const char *)sqlite3_column_text(s, 3)),
                   (const char *)sqlite3_column_text(s, 4));
}

static void read_pct(sqlite3_stmt *s, void *arg)
{
    run_add_percentile(arg, (const char *)sqlite3_column_text(s, 0), col_real(s, 1),
                       col_real(s, 2), unit_const((const char *)sqlite3_column_text(s, 3)),
                       (const char *)sqlite3_column_text(s, 4),
                       sqlite3_column_type(s, 5) == SQLITE_NULL ? -1 : sqlite3_column_int64(s, 5));
}

static void read_threshold(sqlite3_stmt *s, void *arg)
{
    run_add_threshold(arg, (const char *)sqlite3_column_text(s, 0),
                      (const char *)sqlite3_column_text(s, 1), sqlite3_column_int(s, 2),
                      (const char *)sqlite3_column_text(s, 3));
}

static void read_check(sqlite3_stmt *s, void *arg)
{
    run_add_check(arg, (const char *)sqlite3_column_text(s, 0),
                  (const char *)sqlite3_column_text(s, 1),
                  sqlite3_column_type(s, 2) == SQLITE_NULL ? -1 : sqlite3_column_int64(s, 2),
                  sqlite3_column_type(s, 3) == SQLITE_NULL ? -1 : sqlite3_column_int64(s, 3));
}

static void read_count(sqlite3_stmt *s, void *arg)
{
    run_add_count(arg, (const char *)sqlite3_column_text(s, 0),
                  (const char *)sqlite3_column_text(s, 1), col_real(s, 2));
}

static void read_param(sqlite3_stmt *s, void *arg)
{
    run_add_param(arg, (const char *)sqlite3_column_text(s, 0),
                  (const char *)sqlite3_column_text(s, 1));
}

static void read_bucket(sqlite3_stmt *s, void *arg)
{
    run_add_bucket(arg, (const char *)sqlite3_column_text(s, 0), col_real(s, 1), col_real(s, 2),
                   col_real(s, 3));
}

static void read_tag(sqlite3_stmt *s, void *arg)
{
    meta_set_tag(arg, (const char *)sqlite3_column_text(s, 0),
                 (const char *)sqlite3_column_text(s, 1));
}

int store_run_load(struct store *st, int64_t run_id, struct stored_run *out)
{
    memset(out, 0, sizeof(*out));
    meta_init(&out->meta);
    sqlite3_stmt *s;
    int rc = id_row(st, SQL_RUN_GET, ":run_id", run_id, &s);
    if (rc <= 0)
        return rc;
    int c = 0;
    out->run_id = run_id;
    out->source_id = sqlite3_column_int64(s, c++);
    out->seq = sqlite3_column_int(s, c++);
    out->campaign = col_text(s, c++);
    out->scenario = col_text(s, c++);
    out->label = col_text(s, c++);
    out->notes = col_text(s, c++);
    out->source_file = col_text(s, c++);
    out->source_format = col_text(s, c++);
    out->sha256 = col_text(s, c++);
    out->imported_at = col_text(s, c++);
    out->source_size = sqlite3_column_int64(s, c++);
    out->gzipped = sqlite3_column_int(s, c++);
    out->has_raw = sqlite3_column_int(s, c++);
    const char *tool = (const char *)sqlite3_column_text(s, c++);
    const char *format = (const char *)sqlite3_column_text(s, c++);
    struct run *r = run_new(tool, format);
    out->run = r;
    r->tool_version = col_text(s, c++);
    r->command = col_text(s, c++);
    r->url = col_text(s, c++);
    r->first_line = sqlite3_column_int(s, c++);
    r->last_line = sqlite3_column_int(s, c++);
    const char *state = (const char *)sqlite3_column_text(s, c++);
    r->state = strcmp(state, "failed") == 0       ? RUN_STATE_FAILED
               : strcmp(state, "incomplete") == 0 ? RUN_STATE_INCOMPLETE
                                                  : RUN_STATE_OK;
    r->published = sqlite3_column_int(s, c++);
    double *heads[] = {
        &r->requests, &r->rps, &r->duration_s, &r->lat_avg, &r->lat_min, &r->lat_med,
        &r->lat_max, &r->lat_stdev, &r->failed_requests, &r->failed_pct, &r->bytes_received,
        &r->bytes_sent, &r->iterations, &r->vus, &r->vus_max, &r->threads, &r->connections,
        &r->target_rate, &r->non2xx, &r->checks_passed, &r->checks_failed,
    };
    for (size_t i = 0; i < sizeof heads / sizeof heads[0]; i++)
        *heads[i] = col_real(s, c++);
    r->latency_metric = col_text(s, c++);
    int64_t stack = sqlite3_column_int64(s, c++);
    int64_t host = sqlite3_column_int64(s, c++);
    int64_t lhost = sqlite3_column_int64(s, c++);
    sqlite3_reset(s);

    out->meta.campaign = out->campaign ? xstrdup(out->campaign) : NULL;
    out->meta.scenario = out->scenario ? xstrdup(out->scenario) : NULL;
    out->meta.label = out->label ? xstrdup(out->label) : NULL;
    out->meta.notes = out->notes ? xstrdup(out->notes) : NULL;

    if (stack && each_row(st, SQL_STACK_GET, ":id", stack, read_stack, &out->meta.stack) < 0)
        return -1;
    if (host && each_row(st, SQL_HOST_GET, ":id", host, read_host, &out->meta.host) < 0)
        return -1;
    if (lhost && each_row(st, SQL_HOST_GET, ":id", lhost, read_host, &out->meta.load_host) < 0)
        return -1;

    const struct {
        const char *sql;
        void (*fn)(sqlite3_stmt *s, void *arg);
        void *arg;
    } details[] = {
        {SQL_FIGURES_GET, read_figure, r},
        {SQL_PCTS_GET, read_pct, r},
        {SQL_THRESHOLDS_GET, read_threshold, r},
        {SQL_CHECKS_GET, read_check, r},
        {SQL_COUNTS_GET, read_count, r},
        {SQL_PARAMS_GET, read_param, r},
        {SQL_BUCKETS_GET, read_bucket, r},
        {SQL_TAGS_GET, read_tag, &out->meta},
    };
    for (size_t i = 0; i < sizeof details / sizeof details[0]; i++)
        if (each_row(st, details[i].sql, ":run_id", run_id, details[i].fn, details[i].arg) < 0)
            return -1;
    if (raw_data_load(st, run_id, r) < 0)
        return -1;
    return 1;
}

void stored_run_free(struct stored_run *sr)
{
    free(sr->campaign);
    free(sr->scenario);
    free(sr->label);
    free(sr->notes);
    free(sr->source_file);
    free(sr->source_format);
    free(sr->sha256);
    free(sr->imported_at);
    run_free(sr->run);
    meta_free(&sr->meta);
    memset(sr, 0, sizeof(*sr));
}

static const char SQL_SOURCE_RAW[] = "SELECT raw FROM source WHERE source_id = :id";

int store_source_raw(struct store *st, int64_t source_id, struct buf *b)
{
    sqlite3_stmt *s = stmt(st, SQL_SOURCE_RAW);
    if (!s)
        return -1;
    bind_int(s, ":id", source_id);
    int rc = 0;
    if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_type(s, 0) != SQLITE_NULL) {
        const void *p = sqlite3_column_blob(s, 0);
        int n = sqlite3_column_bytes(s, 0);
        buf_add(b, p, (size_t)n);
        rc = 1;
    }
    sqlite3_reset(s);
    return rc;
}

/* --- housekeeping: tags, deleting, summary rows ----------------------------- */

static const char SQL_RUN_EXISTS[] = "SELECT 1 FROM run WHERE run_id = :run_id";
static const char SQL_TAG_SET[] =
    "INSERT INTO run_tag (run_id, key, value) VALUES (:run_id, :key, :value)\n"
    "ON CONFLICT (run_id, key) DO UPDATE SET value = excluded.value";
static const char SQL_TAG_DEL[] = "DELETE FROM run_tag WHERE run_id = :run_id AND key = :key";

static int run_exists(struct store *st, int64_t run_id)
{
    sqlite3_stmt *s;
    int rc = id_row(st, SQL_RUN_EXISTS, ":run_id", run_id, &s);
    if (rc > 0)
        sqlite3_reset(s);
    return rc;
}

int store_tag_set(struct store *st, int64_t run_id, const char *key, const char *value)
{
    int found = run_exists(st, run_id);
    if (found <= 0)
        return found;
    const char *sql = value ? SQL_TAG_SET : SQL_TAG_DEL;
    sqlite3_stmt *s = stmt(st, sql);
    if (!s)
        return -1;
    bind_int(s, ":run_id", run_id);
    bind_text(s, ":key", key);
    if (value)
        bind_text(s, ":value", value);
    return step_done(st, s, sql) < 0 ? -1 : 1;
}

static const char SQL_RUN_SOURCE[] = "SELECT source_id FROM run WHERE run_id = :run_id";
static const char SQL_RUN_DELETE[] = "DELETE FROM run WHERE run_id = :run_id";
static const char SQL_SOURCE_DELETE_IF_EMPTY[] =
    "DELETE FROM source WHERE source_id = :id\n"
    "  AND NOT EXISTS (SELECT 1 FROM run WHERE source_id = :id)";
static const char SQL_PRUNE_HOSTS[] =
    "DELETE FROM host WHERE host_id NOT IN (SELECT host_id FROM run WHERE host_id IS NOT NULL)\n"
    "  AND host_id NOT IN (SELECT load_host_id FROM run WHERE load_host_id IS NOT NULL)";
static const char SQL_PRUNE_STACKS[] =
    "DELETE FROM stack WHERE stack_id NOT IN (SELECT stack_id FROM run WHERE stack_id IS NOT NULL)";
static const char SQL_PRUNE_CAMPAIGNS[] =
    "DELETE FROM campaign\n"
    "WHERE campaign_id NOT IN (SELECT campaign_id FROM run WHERE campaign_id IS NOT NULL)";

int store_run_delete(struct store *st, int64_t run_id)
{
    sqlite3_stmt *s;
    int rc = id_row(st, SQL_RUN_SOURCE, ":run_id", run_id, &s);
    if (rc <= 0)
        return rc;
    int64_t source = sqlite3_column_int64(s, 0);
    sqlite3_reset(s);
    /* Details go with the run (ON DELETE CASCADE); the source goes when
     * it has no run left, so the file can be imported again; shared
     * records nothing uses any more go too. */
    if (exec_id(st, SQL_RUN_DELETE, ":run_id", run_id) < 0 ||
        exec_id(st, SQL_SOURCE_DELETE_IF_EMPTY, ":id", source) < 0)
        return -1;
    shared_forget(st, 0); /* the prunes may take shared records away */
    const char *prune[] = {SQL_PRUNE_HOSTS, SQL_PRUNE_STACKS, SQL_PRUNE_CAMPAIGNS};
    for (size_t i = 0; i < 3; i++) {
        if (!(s = stmt(st, prune[i])) || step_done(st, s, prune[i]) < 0)
            return -1;
    }
    return 1;
}

int store_summary_rows(struct store *st, const struct store_filter *f, store_cells_fn fn, void *arg)
{
    struct buf sql = BUF_INIT;
    buf_adds(&sql, "SELECT * FROM summary WHERE 1");
    filter_sql(&sql, f);
    buf_adds(&sql, " ORDER BY run_id");
    if (f && f->limit > 0)
        buf_printf(&sql, " LIMIT %ld", f->limit);
    sqlite3_stmt *s = stmt_once(st, buf_str(&sql));
    if (!s) {
        buf_free(&sql);
        return -1;
    }
    bind_filter(s, f);
    int n = sqlite3_column_count(s), rc = 0, step;
    struct store_cell *cells = xcalloc((size_t)n, sizeof(*cells));
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        for (int i = 0; i < n; i++) {
            int type = sqlite3_column_type(s, i);
            cells[i].name = sqlite3_column_name(s, i);
            cells[i].is_null = type == SQLITE_NULL;
            cells[i].is_num = type == SQLITE_INTEGER || type == SQLITE_FLOAT;
            cells[i].num = cells[i].is_num ? sqlite3_column_double(s, i) : RUN_NA;
            cells[i].text = (const char *)sqlite3_column_text(s, i);
        }
        if ((rc = fn(cells, (size_t)n, arg)) != 0)
            break;
    }
    if (step != SQLITE_ROW && step != SQLITE_DONE)
        rc = db_error(st, buf_str(&sql));
    free(cells);
    sqlite3_finalize(s);
    buf_free(&sql);
    return rc;
}

/* --- sources as a whole (reparse, merge) ----------------------------------- */

static const char SQL_SOURCE_IDS[] = "SELECT source_id FROM source ORDER BY source_id";
static const char SQL_SOURCE_GET[] =
    "SELECT sha256, file_name, format, imported_at, size_bytes, gzipped, raw\n"
    "FROM source WHERE source_id = :id";
static const char SQL_SOURCE_RUNS[] =
    "SELECT run_id FROM run WHERE source_id = :id ORDER BY seq";

int store_source_ids(struct store *st, int64_t **ids, size_t *n)
{
    size_t cap = 0;
    *ids = NULL;
    *n = 0;
    sqlite3_stmt *s = stmt(st, SQL_SOURCE_IDS);
    if (!s)
        return -1;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        ARRAY_GROW(*ids, *n, cap);
        (*ids)[(*n)++] = sqlite3_column_int64(s, 0);
    }
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? 0 : db_error(st, SQL_SOURCE_IDS);
}

int store_source_load(struct store *st, int64_t source_id, struct stored_source *out)
{
    memset(out, 0, sizeof(*out));
    sqlite3_stmt *s;
    int rc = id_row(st, SQL_SOURCE_GET, ":id", source_id, &s);
    if (rc <= 0)
        return rc;
    out->source_id = source_id;
    out->sha256 = col_text(s, 0);
    out->file_name = col_text(s, 1);
    out->format = col_text(s, 2);
    out->imported_at = col_text(s, 3);
    out->size_bytes = sqlite3_column_int64(s, 4);
    out->gzipped = sqlite3_column_int(s, 5);
    if (sqlite3_column_type(s, 6) != SQLITE_NULL) {
        out->has_raw = 1;
        buf_add(&out->raw, sqlite3_column_blob(s, 6), (size_t)sqlite3_column_bytes(s, 6));
    }
    sqlite3_reset(s);
    if (!(s = stmt(st, SQL_SOURCE_RUNS)))
        return -1;
    bind_int(s, ":id", source_id);
    size_t cap = 0;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        ARRAY_GROW(out->run_ids, out->nruns, cap);
        out->run_ids[out->nruns++] = sqlite3_column_int64(s, 0);
    }
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? 1 : db_error(st, SQL_SOURCE_RUNS);
}

void stored_source_free(struct stored_source *src)
{
    free(src->sha256);
    free(src->file_name);
    free(src->format);
    free(src->imported_at);
    buf_free(&src->raw);
    free(src->run_ids);
    memset(src, 0, sizeof(*src));
}

/* --- another database, read through a private copy (merge) ----------------- */

int store_open_snapshot(const char *path, struct store **out)
{
    *out = NULL;
    if (access(path, R_OK) != 0)
        return error_errno("%s", path);
    sqlite3 *from = NULL;
    if (sqlite3_open_v2(path, &from, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        error("database %s: %s", path, from ? sqlite3_errmsg(from) : "cannot open");
        sqlite3_close(from);
        return -1;
    }
    struct store *st = xcalloc(1, sizeof(*st));
    st->path = xstrdup(path);
    if (sqlite3_open_v2(":memory:", &st->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
        SQLITE_OK) {
        sqlite3_close(from);
        store_close(st);
        return error("cannot open a memory database");
    }
    sqlite3_backup *b = sqlite3_backup_init(st->db, "main", from, "main");
    int rc = b ? sqlite3_backup_step(b, -1) : SQLITE_ERROR;
    if (b)
        sqlite3_backup_finish(b);
    if (rc != SQLITE_DONE) {
        error("database %s: cannot be read: %s", path, sqlite3_errmsg(st->db));
        sqlite3_close(from);
        store_close(st);
        return -1;
    }
    sqlite3_close(from);
    if (exec_sql(st, "PRAGMA foreign_keys = ON") < 0)
        goto fail;
    int v = user_version(st);
    if (v < 0)
        goto fail;
    if (v == 0) {
        error("database %s: not a benchdb database", path);
        goto fail;
    }
    if (migrate(st) < 0)
        goto fail;
    *out = st;
    return 0;
fail:
    store_close(st);
    return -1;
}

/* --- raw point data: histograms and time series (schema 002) ------------------ */

/* What k6 --out json/csv runs carry beyond the figures: one serialised
 * histogram per metric (run_histogram) and one row per second
 * (run_second). Written by store_run_add and read by store_run_load,
 * each with one call; nothing else in this file knows about them. */

static const char SQL_HIST_ADD[] =
    "INSERT INTO run_histogram (run_id, metric, unit, count, min, max, mean, encoding, data)\n"
    "VALUES (:run_id, :metric, :unit, :count, :min, :max, :mean, :encoding, :data)";
static const char SQL_SECOND_ADD[] =
    "INSERT INTO run_second (run_id, second, requests, failed, p50_ms, p90_ms, p99_ms, vus)\n"
    "VALUES (:run_id, :second, :requests, :failed, :p50_ms, :p90_ms, :p99_ms, :vus)";
static const char SQL_HISTS_GET[] =
    "SELECT metric, unit, count, min, max, mean, encoding, data FROM run_histogram\n"
    "WHERE run_id = :run_id ORDER BY rowid";
static const char SQL_SERIES_GET[] =
    "SELECT second, requests, failed, p50_ms, p90_ms, p99_ms, vus FROM run_second\n"
    "WHERE run_id = :run_id ORDER BY second";

static int raw_data_add(struct store *st, int64_t id, const struct run *r)
{
    sqlite3_stmt *s;
    for (size_t i = 0; i < r->nhists; i++) {
        const struct run_histogram *h = &r->hists[i];
        if (!(s = stmt(st, SQL_HIST_ADD)))
            return -1;
        bind_int(s, ":run_id", id);
        bind_text(s, ":metric", h->metric);
        bind_text(s, ":unit", h->unit);
        bind_real(s, ":min", h->min);
        bind_real(s, ":max", h->max);
        bind_real(s, ":mean", h->mean);
        bind_text(s, ":encoding", h->encoding);
        sqlite3_bind_blob64(s, pidx(s, ":data"), h->data, h->len, SQLITE_TRANSIENT);
        if (bind_count(st, s, ":count", h->count) < 0 || step_done(st, s, SQL_HIST_ADD) < 0)
            return -1;
    }
    for (size_t i = 0; i < r->nseries; i++) {
        const struct run_second *x = &r->series[i];
        if (!(s = stmt(st, SQL_SECOND_ADD)))
            return -1;
        bind_int(s, ":run_id", id);
        bind_int(s, ":second", x->second);
        bind_real(s, ":p50_ms", x->p50);
        bind_real(s, ":p90_ms", x->p90);
        bind_real(s, ":p99_ms", x->p99);
        if (bind_count(st, s, ":requests", x->requests) < 0 ||
            bind_count(st, s, ":failed", x->failed) < 0 || bind_count(st, s, ":vus", x->vus) < 0 ||
            step_done(st, s, SQL_SECOND_ADD) < 0)
            return -1;
    }
    return 0;
}

static void read_hist(sqlite3_stmt *s, void *arg)
{
    run_add_histogram(arg, (const char *)sqlite3_column_text(s, 0),
                      unit_const((const char *)sqlite3_column_text(s, 1)), col_real(s, 2),
                      col_real(s, 3), col_real(s, 4), col_real(s, 5),
                      (const char *)sqlite3_column_text(s, 6), sqlite3_column_blob(s, 7),
                      (size_t)sqlite3_column_bytes(s, 7));
}

static void read_second(sqlite3_stmt *s, void *arg)
{
    struct run_second x = {
        .second = sqlite3_column_int64(s, 0),
        .requests = col_real(s, 1),
        .failed = col_real(s, 2),
        .p50 = col_real(s, 3),
        .p90 = col_real(s, 4),
        .p99 = col_real(s, 5),
        .vus = col_real(s, 6),
    };
    run_add_second(arg, &x);
}

static int raw_data_load(struct store *st, int64_t id, struct run *r)
{
    if (each_row(st, SQL_HISTS_GET, ":run_id", id, read_hist, r) < 0 ||
        each_row(st, SQL_SERIES_GET, ":run_id", id, read_second, r) < 0)
        return -1;
    return 0;
}
