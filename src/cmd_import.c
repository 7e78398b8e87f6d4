/* cmd_import.c - `benchdb import FILE...`: for each file, detect the format,
 * parse, gather metadata, and store it all in one transaction. A refused
 * file leaves nothing behind; the batch goes on with the next file. */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "buf.h"
#include "cmd.h"
#include "diag.h"
#include "ingest.h"
#include "meta.h"
#include "parse.h"
#include "store.h"

const char cmd_import_usage[] =
    "usage: benchdb import [options] FILE|DIR|- ...\n"
    "\n"
    "Imports load-tool outputs. Each file's format is detected from its content\n"
    "(`benchdb help formats`); a directory is walked recursively in name order;\n"
    "`-` reads standard input. Each file is stored in one transaction with its\n"
    "raw text and SHA-256: the same bytes imported again store nothing. A file\n"
    "that cannot be read is refused with FILE:LINE: reason, and the batch goes on.\n"
    "\n"
    "Options:\n"
    "  --format NAME      skip detection and read every file as NAME\n"
    "  --meta FILE        metadata (JSON) for every file imported\n"
    "  --this-host        record this machine as the server host\n"
    "  --this-load-host   record this machine as the load host\n"
    "  --tag KEY=VALUE    a free tag (repeatable)\n"
    "  --KEY VALUE        any metadata key: --campaign, --scenario, --label,\n"
    "                     --framework, --server, --workers, --cpu-model, ...\n"
    "                     (`benchdb help meta` lists them all)\n"
    "\n"
    "Metadata layers, later ones winning key by key: DIR/meta.json beside the\n"
    "file, --meta FILE, FILE's own NAME.meta.json (run.txt -> run.meta.json),\n"
    "--this-host/--this-load-host, then flags.\n"
    "\n"
    "Exit status: 0 when every file was imported or already there, 1 when any\n"
    "was refused, 2 on a bad command line, 3 when the database fails.\n";

struct import_opts {
    const char *format;
    struct meta meta_file; /* --meta */
    int have_meta_file;
    struct meta flags;     /* flags and --tag */
    int this_host, this_load_host;
    struct meta_host probed;
};

struct import_stats {
    int files, imported, duplicates, refused;
    int runs;
    int db_failed;
};

/* --- metadata layers ---------------------------------------------------- */

static int file_exists(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0 && S_ISREG(sb.st_mode);
}

/* "dir/run.txt" -> "dir/run.meta.json"; a ".gz" goes first. */
static char *beside_meta_path(const char *path)
{
    struct buf b = BUF_INIT;
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    size_t n = strlen(path);
    if (n > 3 && strcmp(path + n - 3, ".gz") == 0)
        n -= 3;
    const char *dot = NULL;
    for (const char *p = base; p < path + n; p++)
        if (*p == '.' && p != base)
            dot = p;
    if (dot)
        n = (size_t)(dot - path);
    buf_add(&b, path, n);
    buf_adds(&b, ".meta.json");
    return buf_detach(&b, NULL);
}

static char *dir_meta_path(const char *path)
{
    struct buf b = BUF_INIT;
    const char *slash = strrchr(path, '/');
    if (slash)
        buf_add(&b, path, (size_t)(slash - path + 1));
    buf_adds(&b, "meta.json");
    return buf_detach(&b, NULL);
}

/* The file's metadata: every layer merged. 0, or -1 when a metadata
 * file is bad (already reported). */
static int gather_meta(const struct import_opts *o, const char *path, struct meta *m)
{
    meta_init(m);
    if (strcmp(path, "-") != 0) {
        char *dm = dir_meta_path(path);
        int rc = file_exists(dm) ? meta_load_file(m, dm) : 0;
        free(dm);
        if (rc < 0)
            return -1;
    }
    if (o->have_meta_file)
        meta_merge(m, &o->meta_file);
    if (strcmp(path, "-") != 0) {
        char *bm = beside_meta_path(path);
        int rc = file_exists(bm) ? meta_load_file(m, bm) : 0;
        free(bm);
        if (rc < 0)
            return -1;
    }
    if (o->this_host || o->this_load_host) {
        struct meta probe;
        meta_init(&probe);
        if (o->this_host)
            meta_merge_host(&probe.host, &o->probed);
        if (o->this_load_host)
            meta_merge_host(&probe.load_host, &o->probed);
        meta_merge(m, &probe);
        meta_free(&probe);
    }
    meta_merge(m, &o->flags);
    return 0;
}

/* Default label: the stack's framework (+ server), else the file name.
 * A run the parser names (a published table's row, run->label) is
 * labelled by that name instead, unless the metadata gives a label: see
 * store_file(). */
static void default_label(struct meta *m, const char *path)
{
    if (m->label)
        return;
    struct buf b = BUF_INIT;
    if (m->stack.framework) {
        buf_adds(&b, m->stack.framework);
        if (m->stack.server)
            buf_printf(&b, " + %s", m->stack.server);
    } else if (strcmp(path, "-") == 0) {
        buf_adds(&b, "stdin");
    } else {
        const char *slash = strrchr(path, '/');
        const char *base = slash ? slash + 1 : path;
        const char *dot = strchr(base, '.');
        buf_add(&b, base, dot && dot != base ? (size_t)(dot - base) : strlen(base));
    }
    m->label = buf_detach(&b, NULL);
}

/* --- one file ------------------------------------------------------------- */

static int known_source(const char *sha256, void *arg)
{
    struct cmd_ctx *ctx = arg;
    int64_t id;
    return store_source_find(ctx->st, sha256, &id) > 0;
}

static int store_file(struct cmd_ctx *ctx, const char *path, const struct store_source *src,
                      struct parse_result *pr, struct meta *m, int label_given,
                      struct import_stats *stats)
{
    int64_t source_id, first = 0, last = 0;
    if (store_begin(ctx->st) < 0) {
        stats->db_failed = 1;
        return -1;
    }
    if (store_source_add(ctx->st, src, &source_id) < 0)
        goto fail;
    for (size_t i = 0; i < pr->nruns; i++) {
        int64_t id;
        struct meta rm = *m; /* shallow: only the label may differ */
        if (!label_given && pr->runs[i]->label)
            rm.label = pr->runs[i]->label;
        if (store_run_add(ctx->st, source_id, (int)i + 1, pr->runs[i], &rm, &id) < 0) {
            error("%s:%d: run not stored; nothing of this file was kept", path,
                  pr->runs[i]->first_line);
            goto fail;
        }
        if (!first)
            first = id;
        last = id;
    }
    if (store_commit(ctx->st) < 0)
        goto fail;
    stats->imported++;
    stats->runs += (int)pr->nruns;
    if (!diag_quiet()) {
        if (first == last)
            printf("%s: run %lld (%s, %s)\n", path, (long long)first, src->format, m->label);
        else
            printf("%s: runs %lld-%lld (%s, %s)\n", path, (long long)first, (long long)last,
                   src->format, m->label);
    }
    return 0;
fail:
    store_rollback(ctx->st);
    stats->refused++;
    return -1;
}

static void import_file(struct cmd_ctx *ctx, const struct import_opts *o, const char *path,
                        struct import_stats *stats)
{
    struct meta m;
    struct ingest ing;
    int64_t existing = 0;

    stats->files++;
    memset(&ing, 0, sizeof ing);
    if (gather_meta(o, path, &m) < 0) {
        stats->refused++;
        goto out;
    }
    if (ingest_file(path, o->format, known_source, ctx, &ing) < 0) {
        if (ing.pr.err[0])
            error("%s:%d: %s", path, ing.pr.err_line, ing.pr.err);
        stats->refused++;
        goto out;
    }
    /* Raw point data is hashed as it streams: the duplicate shows now. */
    if (ing.duplicate || store_source_find(ctx->st, ing.sha256, &existing) > 0) {
        if (!existing)
            store_source_find(ctx->st, ing.sha256, &existing);
        stats->duplicates++;
        if (!diag_quiet())
            printf("%s: already imported (same SHA-256 as source %lld), nothing stored\n", path,
                   (long long)existing);
        goto out;
    }
    int label_given = m.label != NULL;
    default_label(&m, path);
    struct store_source src = {
        .sha256 = ing.sha256,
        .file_name = path,
        .format = ing.parser->name,
        .size_bytes = (long long)ing.raw_bytes,
        .gzipped = ing.gzipped,
        .raw = ing.kept ? ing.data.data : NULL,
        .raw_len = ing.data.len,
    };
    store_file(ctx, path, &src, &ing.pr, &m, label_given, stats);
out:
    ingest_free(&ing);
    meta_free(&m);
}

/* --- walking arguments ------------------------------------------------------ */

static int skip_name(const char *name)
{
    size_t n = strlen(name);
    return name[0] == '.' || strcmp(name, "meta.json") == 0 ||
           (n > 10 && strcmp(name + n - 10, ".meta.json") == 0) ||
           strncmp(name, "README", 6) == 0 || strncmp(name, "SOURCES", 7) == 0;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Appends the files under path (or path itself) to *list, sorted. */
static int collect(const char *path, char ***list, size_t *n, size_t *cap)
{
    struct stat sb;
    if (strcmp(path, "-") != 0 && stat(path, &sb) == 0 && S_ISDIR(sb.st_mode)) {
        DIR *d = opendir(path);
        if (!d)
            return error_errno("%s", path);
        char **names = NULL;
        size_t nn = 0, nc = 0;
        struct dirent *e;
        while ((e = readdir(d)) != NULL) {
            if (skip_name(e->d_name))
                continue;
            ARRAY_GROW(names, nn, nc);
            names[nn++] = xstrdup(e->d_name);
        }
        closedir(d);
        qsort(names, nn, sizeof(char *), cmp_str);
        int rc = 0;
        for (size_t i = 0; i < nn; i++) {
            struct buf b = BUF_INIT;
            size_t pl = strlen(path);
            buf_adds(&b, path);
            if (pl == 0 || path[pl - 1] != '/')
                buf_addc(&b, '/');
            buf_adds(&b, names[i]);
            if (collect(buf_str(&b), list, n, cap) < 0)
                rc = -1;
            buf_free(&b);
            free(names[i]);
        }
        free(names);
        return rc;
    }
    ARRAY_GROW(*list, *n, *cap);
    (*list)[(*n)++] = xstrdup(path);
    return 0;
}

/* --- the command ------------------------------------------------------------ */

enum { OPT_FORMAT = 1000, OPT_META, OPT_THIS_HOST, OPT_THIS_LOAD_HOST, OPT_TAG, OPT_KEY };

int cmd_import(int argc, char **argv, struct cmd_ctx *ctx)
{
    const struct cmd *self = cmd_find("import");
    struct import_opts o;
    struct import_stats stats = {0};
    struct option *longopts = NULL;
    size_t nopt = 0, capopt = 0;
    int rc = EXIT_OK;
    char **files = NULL;
    size_t nfiles = 0, capfiles = 0;

    memset(&o, 0, sizeof o);
    meta_init(&o.meta_file);
    meta_init(&o.flags);
    meta_init_host(&o.probed);

    static const struct option fixed[] = {
        {"format", required_argument, NULL, OPT_FORMAT},
        {"meta", required_argument, NULL, OPT_META},
        {"this-host", no_argument, NULL, OPT_THIS_HOST},
        {"this-load-host", no_argument, NULL, OPT_THIS_LOAD_HOST},
        {"tag", required_argument, NULL, OPT_TAG},
    };
    for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++) {
        ARRAY_GROW(longopts, nopt, capopt);
        longopts[nopt++] = fixed[i];
    }
    for (size_t i = 0; meta_key_at(i); i++) {
        ARRAY_GROW(longopts, nopt, capopt);
        longopts[nopt++] = (struct option){meta_key_at(i)->flag, required_argument, NULL,
                                           OPT_KEY + (int)i};
    }
    ARRAY_GROW(longopts, nopt, capopt);
    longopts[nopt++] = (struct option){NULL, 0, NULL, 0};

    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "+", longopts, NULL)) != -1) {
        char err[512];
        switch (c) {
        case OPT_FORMAT:
            if (!parser_find(optarg)) {
                rc = cmd_usage_error(self, "--format %s: unknown format (formats: %s)", optarg,
                                     parser_names());
                goto out;
            }
            o.format = optarg;
            break;
        case OPT_META:
            if (meta_load_file(&o.meta_file, optarg) < 0) {
                rc = EXIT_FAIL;
                goto out;
            }
            o.have_meta_file = 1;
            break;
        case OPT_THIS_HOST:
            o.this_host = 1;
            break;
        case OPT_THIS_LOAD_HOST:
            o.this_load_host = 1;
            break;
        case OPT_TAG: {
            const char *eq = strchr(optarg, '=');
            if (!eq || eq == optarg) {
                rc = cmd_usage_error(self, "--tag %s: expected KEY=VALUE", optarg);
                goto out;
            }
            char *key = xstrndup(optarg, (size_t)(eq - optarg));
            meta_set_tag(&o.flags, key, eq + 1);
            free(key);
            break;
        }
        case '?':
            rc = cmd_usage_error(self, "import: unknown or incomplete option '%s'",
                                 argv[optind - 1]);
            goto out;
        default:
            if (c >= OPT_KEY && meta_key_at((size_t)(c - OPT_KEY))) {
                const struct meta_key *k = meta_key_at((size_t)(c - OPT_KEY));
                if (meta_set(&o.flags, k->key, optarg, err, sizeof err) < 0) {
                    rc = cmd_usage_error(self, "--%s: %s", k->flag, err);
                    goto out;
                }
                break;
            }
            rc = cmd_usage_error(self, "import: bad option");
            goto out;
        }
    }
    if (optind >= argc) {
        rc = cmd_usage_error(self, "import: no files given");
        goto out;
    }
    if (o.this_host || o.this_load_host)
        meta_probe_host(&o.probed);

    for (int i = optind; i < argc; i++)
        if (collect(argv[i], &files, &nfiles, &capfiles) < 0)
            stats.refused++;

    int progress = diag_progress_enabled() && nfiles > 1;
    for (size_t i = 0; i < nfiles && !stats.db_failed; i++) {
        if (progress) {
            fprintf(stderr, "\rimporting %zu/%zu ", i + 1, nfiles);
            fflush(stderr);
        }
        import_file(ctx, &o, files[i], &stats);
    }
    if (progress)
        fprintf(stderr, "\r%*s\r", 30, "");

    if (!diag_quiet())
        printf("%d file%s: %d imported (%d run%s), %d duplicate%s, %d refused\n", stats.files,
               stats.files == 1 ? "" : "s", stats.imported, stats.runs, stats.runs == 1 ? "" : "s",
               stats.duplicates, stats.duplicates == 1 ? "" : "s", stats.refused);
    if (stats.db_failed)
        rc = EXIT_DB;
    else if (stats.refused)
        rc = EXIT_FAIL;
out:
    for (size_t i = 0; i < nfiles; i++)
        free(files[i]);
    free(files);
    free(longopts);
    meta_free(&o.meta_file);
    meta_free(&o.flags);
    meta_free_host(&o.probed);
    return rc;
}
