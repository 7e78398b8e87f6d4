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
#include "metaopt.h"
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
    "A file may hold several outputs, of one tool or of several: each is a run\n"
    "(logs and prose around them are skipped).\n"
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


struct import_stats {
    int files, imported, duplicates, refused;
    int runs;
    int db_failed;
};

/* --- one file ------------------------------------------------------------- */

static int known_source(const char *sha256, void *arg)
{
    struct cmd_ctx *ctx = arg;
    int64_t id;
    return store_source_find(ctx->st, sha256, &id) > 0;
}

/* Stores a file's runs. A run the parser names (a published table's row,
 * run->label) is labelled by that name unless the metadata gave a label. */
static int store_file(struct cmd_ctx *ctx, const char *path, const struct store_source *src,
                      struct parse_result *pr, struct meta *m, int label_given,
                      struct import_stats *stats)
{
    int64_t source_id, first = 0, last = 0, existing;
    if (store_begin(ctx->st) < 0) {
        stats->db_failed = 1;
        return -1;
    }
    /* Another importer may have stored the same bytes since we looked:
     * under the write lock, look again. */
    int found = store_source_find(ctx->st, src->sha256, &existing);
    if (found != 0) {
        store_rollback(ctx->st);
        if (found < 0) {
            stats->refused++;
            return -1;
        }
        stats->duplicates++;
        if (!diag_quiet())
            printf("%s: already imported (same SHA-256 as source %lld), nothing stored\n", path,
                   (long long)existing);
        return 0;
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

static void import_file(struct cmd_ctx *ctx, struct metaopt *o, const char *path,
                        struct import_stats *stats)
{
    struct meta m;
    struct ingest ing;
    int64_t existing = 0;

    stats->files++;
    memset(&ing, 0, sizeof ing);
    if (metaopt_gather(o, path, &m) < 0) {
        stats->refused++;
        goto out;
    }
    if (ingest_file(path, o->format, known_source, ctx, &ing) < 0) {
        if (ing.pr.err[0])
            error("%s:%d: %s", path, ing.pr.err_line, ing.pr.err);
        stats->refused++;
        goto out;
    }
    /* Text was looked up by its digest before parsing (known_source);
     * raw point data is hashed as it streams: its duplicate shows now. */
    if (ing.duplicate || (!ing.kept && store_source_find(ctx->st, ing.sha256, &existing) > 0)) {
        if (!existing)
            store_source_find(ctx->st, ing.sha256, &existing);
        stats->duplicates++;
        if (!diag_quiet())
            printf("%s: already imported (same SHA-256 as source %lld), nothing stored\n", path,
                   (long long)existing);
        goto out;
    }
    /* What was skipped between the runs, so that nothing goes unsaid. */
    for (const char *note = ing.skipped.data, *end; note && *note; note = end + 1) {
        end = strchr(note, '\n');
        warning("%s:%.*s", path, (int)(end - note), note);
    }
    int label_given = m.label != NULL;
    metaopt_default_label(&m, path);
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

int cmd_import(int argc, char **argv, struct cmd_ctx *ctx)
{
    const struct cmd *self = cmd_find("import");
    struct metaopt o;
    struct import_stats stats = {0};
    int rc = EXIT_OK, c;
    char **files = NULL;
    size_t nfiles = 0, capfiles = 0;

    metaopt_init(&o, NULL, 0);
    opterr = 0;
    while ((c = cmd_getopt(argc, argv, "", o.longopts)) != -1) {
        if (metaopt_handle(&o, self, c, argv[optind - 1], &rc) <= 0) {
            if (rc == EXIT_OK)
                rc = cmd_usage_error(self, "import: unknown or incomplete option '%s'",
                                     argv[optind - 1]);
            goto out;
        }
    }
    if (optind >= argc) {
        rc = cmd_usage_error(self, "import: no files given");
        goto out;
    }
    if ((rc = cmd_open_store(ctx)) != EXIT_OK)
        goto out;

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
    metaopt_free(&o);
    return rc;
}
