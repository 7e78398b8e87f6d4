/* cmd_reparse.c - `benchdb reparse`: read the stored outputs again with
 * today's parsers (after a parser fix), update the figures in place and say
 * what changed. Metadata and tags stay as they are. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cmd.h"
#include "diag.h"
#include "ingest.h"
#include "select.h"
#include "store.h"

const char cmd_reparse_usage[] =
    "usage: benchdb reparse [--dry-run] [options]\n"
    "\n"
    "Parses every stored output again (or the sources of the chosen runs)\n"
    "with this benchdb's parsers and updates what changed: headline figures,\n"
    "every figure, percentile, threshold, check and count. Metadata and tags\n"
    "are kept. For each changed run it prints the changed lines of its\n"
    "canonical dump (- before, + after). A run the parser no longer finds is\n"
    "kept as it was and reported; a run it finds now is added. Raw point data\n"
    "(k6 --out json/csv) is not kept, so it cannot be read again.\n"
    "\n"
    "Options:\n"
    "  --dry-run          say what would change, change nothing\n" SELECT_USAGE;

struct reparse_stats {
    int sources, unchanged, changed, added, lost, unreadable, not_kept;
};

/* The run's dump as sorted lines. */
static char **dump_lines(const struct run *r, size_t *n)
{
    char *text = NULL;
    size_t len = 0, cap = 0;
    FILE *mem = open_memstream(&text, &len);
    char **lines = NULL;
    *n = 0;
    if (!mem)
        return NULL;
    run_dump(mem, r);
    fclose(mem);
    for (char *p = text, *nl; p && *p; p = nl ? nl + 1 : NULL) {
        nl = strchr(p, '\n');
        ARRAY_GROW(lines, *n, cap);
        lines[(*n)++] = nl ? xstrndup(p, (size_t)(nl - p)) : xstrdup(p);
    }
    free(text);
    return lines;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Prints the lines only in a ("-") and only in b ("+"); returns how many. */
static int diff_runs(const struct run *a, const struct run *b, int print)
{
    size_t na, nb;
    char **la = dump_lines(a, &na), **lb = dump_lines(b, &nb);
    qsort(la, na, sizeof(char *), cmp_str);
    qsort(lb, nb, sizeof(char *), cmp_str);
    size_t i = 0, j = 0;
    int changes = 0;
    while (i < na || j < nb) {
        int c = i >= na ? 1 : j >= nb ? -1 : strcmp(la[i], lb[j]);
        if (c == 0) {
            i++;
            j++;
            continue;
        }
        changes++;
        if (print)
            printf("  %c %s\n", c < 0 ? '-' : '+', c < 0 ? la[i] : lb[j]);
        if (c < 0)
            i++;
        else
            j++;
    }
    for (size_t k = 0; k < na; k++)
        free(la[k]);
    for (size_t k = 0; k < nb; k++)
        free(lb[k]);
    free(la);
    free(lb);
    return changes;
}

/* Settings that came from metadata where the output printed none stay. */
static void keep_settings(struct run *r, const struct run *old)
{
    if (!r->tool_version && old->tool_version)
        r->tool_version = xstrdup(old->tool_version);
    if (!r->command && old->command)
        r->command = xstrdup(old->command);
    if (!r->url && old->url)
        r->url = xstrdup(old->url);
    double *mine[] = {&r->duration_s, &r->threads, &r->connections, &r->vus_max, &r->target_rate};
    const double theirs[] = {old->duration_s, old->threads, old->connections, old->vus_max,
                             old->target_rate};
    for (size_t i = 0; i < 5; i++)
        if (!run_has(*mine[i]))
            *mine[i] = theirs[i];
}

static int reparse_source(struct store *st, int64_t source_id, int dry, struct reparse_stats *rs)
{
    struct stored_source src;
    struct ingest ing;
    struct meta none;
    int rc = 0, began = 0;
    memset(&ing, 0, sizeof ing);
    meta_init(&none);
    if (store_source_load(st, source_id, &src) <= 0)
        return -1;
    rs->sources++;
    if (!src.has_raw) {
        rs->not_kept++;
        goto out;
    }
    if (ingest_buffer(src.raw.data ? src.raw.data : "", src.raw.len, NULL, &ing) < 0) {
        ingest_free(&ing);
        if (ingest_buffer(src.raw.data ? src.raw.data : "", src.raw.len, src.format, &ing) < 0) {
            printf("source %lld (%s): not readable any more (line %d: %s); kept as it was\n",
                   (long long)source_id, src.file_name, ing.pr.err_line, ing.pr.err);
            rs->unreadable++;
            goto out;
        }
    }
    if (!dry) {
        if (store_begin(st) < 0) {
            rc = -1;
            goto out;
        }
        began = 1;
    }
    size_t n = ing.pr.nruns > src.nruns ? ing.pr.nruns : src.nruns;
    struct stored_run first;
    int have_first = 0;
    memset(&first, 0, sizeof first);
    for (size_t i = 0; i < n && rc == 0; i++) {
        if (i >= ing.pr.nruns) {
            printf("run %lld (%s): today's parser does not find it; kept as it was\n",
                   (long long)src.run_ids[i], src.file_name);
            rs->lost++;
            continue;
        }
        struct run *r = ing.pr.runs[i];
        if (i >= src.nruns) {
            int64_t id = 0;
            if (!have_first) {
                printf("source %lld (%s): a new run has no run to take metadata from; not added\n",
                       (long long)source_id, src.file_name);
                continue;
            }
            struct meta rm = first.meta; /* shallow: a run the parser names keeps its name */
            if (r->label)
                rm.label = r->label;
            if (!dry && store_run_add(st, source_id, (int)i + 1, r, &rm, &id) < 0) {
                rc = -1;
                break;
            }
            printf("run %lld (%s): new, found by today's parser\n", (long long)id, src.file_name);
            rs->added++;
            continue;
        }
        struct stored_run old;
        if (store_run_load(st, src.run_ids[i], &old) <= 0) {
            rc = -1;
            break;
        }
        keep_settings(r, old.run);
        int changes = diff_runs(old.run, r, 0);
        if (changes == 0) {
            rs->unchanged++;
        } else {
            printf("run %lld (%s): %d line%s of its figures changed%s\n", (long long)old.run_id,
                   src.file_name, changes, changes == 1 ? "" : "s", dry ? " (dry run)" : "");
            diff_runs(old.run, r, 1);
            rs->changed++;
            if (!dry && store_run_refresh(st, old.run_id, r, &none) < 0)
                rc = -1;
        }
        if (!have_first) {
            first = old;
            have_first = 1;
        } else {
            stored_run_free(&old);
        }
    }
    if (have_first)
        stored_run_free(&first);
    if (began) {
        if (rc == 0 && store_commit(st) < 0)
            rc = -1;
        else if (rc != 0)
            store_rollback(st);
    }
out:
    ingest_free(&ing);
    meta_free(&none);
    stored_source_free(&src);
    return rc;
}

struct collect {
    int64_t *ids;
    size_t n, cap;
    struct store *st;
};

static int collect_source(const struct store_row *row, void *arg)
{
    struct collect *c = arg;
    struct stored_run sr;
    if (store_run_load(c->st, row->run_id, &sr) > 0) {
        int seen = 0;
        for (size_t i = 0; i < c->n; i++)
            seen |= c->ids[i] == sr.source_id;
        if (!seen) {
            ARRAY_GROW(c->ids, c->n, c->cap);
            c->ids[c->n++] = sr.source_id;
        }
    }
    stored_run_free(&sr);
    return 0;
}

int cmd_reparse(int argc, char **argv, struct cmd_ctx *ctx)
{
    const struct cmd *self = cmd_find("reparse");
    static const struct option longopts[] = {
        SELECT_LONGOPTS,
        {"dry-run", no_argument, NULL, 'n'},
        {NULL, 0, NULL, 0},
    };
    struct selection sel;
    struct reparse_stats rs = {0};
    struct collect col = {NULL, 0, 0, NULL};
    int dry = 0, c, rc = EXIT_OK;

    selection_init(&sel);
    opterr = 0;
    while ((c = cmd_getopt(argc, argv, "", longopts)) != -1) {
        if (c == 'n')
            dry = 1;
        else if (c >= SEL_CAMPAIGN && c <= SEL_LIMIT) {
            if (selection_option(&sel, c, optarg) < 0) {
                rc = EXIT_USAGE;
                goto out;
            }
        } else {
            rc = cmd_usage_error(self, "reparse: unknown or incomplete option '%s'", argv[optind - 1]);
            goto out;
        }
    }
    if (optind < argc) {
        rc = cmd_usage_error(self, "reparse: unexpected argument '%s'", argv[optind]);
        goto out;
    }
    if ((rc = cmd_open_selection(ctx, &sel)) != EXIT_OK)
        goto out;
    col.st = ctx->st;
    if (selection_narrowed(&sel)) {
        if (store_list(ctx->st, &sel.f, collect_source, &col) < 0) {
            rc = EXIT_DB;
            goto out;
        }
    } else if (store_source_ids(ctx->st, &col.ids, &col.n) < 0) {
        rc = EXIT_DB;
        goto out;
    }
    for (size_t i = 0; i < col.n; i++) {
        if (reparse_source(ctx->st, col.ids[i], dry, &rs) < 0) {
            rc = EXIT_DB;
            goto out;
        }
    }
    if (!diag_quiet())
        printf("%d source%s read again%s: %d run%s changed, %d unchanged, %d new, %d not found"
               " any more; %d unreadable, %d not kept (raw data)\n",
               rs.sources, rs.sources == 1 ? "" : "s", dry ? " (dry run: nothing written)" : "",
               rs.changed, rs.changed == 1 ? "" : "s", rs.unchanged, rs.added, rs.lost,
               rs.unreadable, rs.not_kept);
out:
    free(col.ids);
    selection_free(&sel);
    return rc;
}
