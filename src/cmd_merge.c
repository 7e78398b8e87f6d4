/* cmd_merge.c - `benchdb merge OTHER.sqlite`: runs made elsewhere, brought in. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "diag.h"
#include "store.h"

const char cmd_merge_usage[] =
    "usage: benchdb merge OTHER.sqlite\n"
    "\n"
    "Brings the runs of another benchdb database into this one: each source\n"
    "file with its raw text and every run with every figure and all metadata.\n"
    "A source already here (the same SHA-256) is skipped with its runs, but\n"
    "the tags its runs have in OTHER and lack here are added to them (a tag\n"
    "both have with different values keeps this database's value, and merge\n"
    "says so). Hosts and stacks are matched by their content and campaigns by\n"
    "name, so they stay shared records. OTHER is only read (an older schema is\n"
    "migrated in a private copy). It is all one transaction: all of it lands,\n"
    "or nothing.\n";

/* The value of tag key among a run's tags, or NULL. */
static const char *tag_value(const struct meta *m, const char *key)
{
    for (size_t i = 0; i < m->ntags; i++)
        if (strcmp(m->tags[i].key, key) == 0)
            return m->tags[i].value;
    return NULL;
}

/* A source both databases hold: each run of it here gets the tags its twin
 * (the same seq) has in other and it lacks. A tag both have with different
 * values keeps ours, and that is said. Counts into *added and *kept;
 * 0, or -1 on a database error. */
static int merge_tags(struct store *st, struct store *other, const char *other_name,
                      int64_t here_id, const struct stored_source *there, int *added, int *kept)
{
    struct stored_source here;
    struct stored_run *ours;
    size_t nours = 0;
    int rc = 0;
    if (store_source_load(st, here_id, &here) <= 0)
        return -1;
    ours = xcalloc(here.nruns ? here.nruns : 1, sizeof(*ours));
    for (; nours < here.nruns; nours++)
        if (store_run_load(st, here.run_ids[nours], &ours[nours]) <= 0) {
            rc = -1;
            goto out;
        }
    for (size_t i = 0; i < there->nruns && rc == 0; i++) {
        struct stored_run theirs;
        if (store_run_load(other, there->run_ids[i], &theirs) <= 0) {
            stored_run_free(&theirs);
            rc = -1;
            break;
        }
        for (size_t k = 0; k < nours && rc == 0; k++) {
            if (ours[k].seq != theirs.seq)
                continue;
            for (size_t t = 0; t < theirs.meta.ntags; t++) {
                const struct meta_tag *tag = &theirs.meta.tags[t];
                const char *mine = tag_value(&ours[k].meta, tag->key);
                if (!mine) {
                    if (store_tag_set(st, ours[k].run_id, tag->key, tag->value) < 0) {
                        rc = -1;
                        break;
                    }
                    (*added)++;
                } else if (strcmp(mine, tag->value) != 0) {
                    if (!diag_quiet())
                        printf("run %lld: tag %s kept %s (%s has %s)\n",
                               (long long)ours[k].run_id, tag->key, mine, other_name, tag->value);
                    (*kept)++;
                }
            }
        }
        stored_run_free(&theirs);
    }
out:
    for (size_t k = 0; k < nours; k++)
        stored_run_free(&ours[k]);
    if (rc < 0 && nours < here.nruns)
        stored_run_free(&ours[nours]);
    free(ours);
    stored_source_free(&here);
    return rc;
}

int cmd_merge(int argc, char **argv, struct cmd_ctx *ctx)
{
    const struct cmd *self = cmd_find("merge");
    struct store *other = NULL;
    int64_t *ids = NULL;
    size_t nids = 0;
    int rc = EXIT_OK, added = 0, dups = 0, runs = 0, tags_added = 0, tags_kept = 0;

    if (argc != 2)
        return cmd_usage_error(self, "merge: expected one database file");
    if ((rc = cmd_open_store(ctx)) != EXIT_OK)
        return rc;
    if (store_open_snapshot(argv[1], &other) < 0)
        return EXIT_FAIL;
    if (store_source_ids(other, &ids, &nids) < 0 || store_begin(ctx->st) < 0) {
        rc = EXIT_DB;
        goto out;
    }
    for (size_t i = 0; i < nids; i++) {
        struct stored_source src;
        int64_t existing, new_id;
        if (store_source_load(other, ids[i], &src) <= 0)
            goto fail;
        int found = store_source_find(ctx->st, src.sha256, &existing);
        if (found != 0) {
            int bad = found < 0 ||
                      merge_tags(ctx->st, other, argv[1], existing, &src, &tags_added, &tags_kept) < 0;
            stored_source_free(&src);
            if (bad)
                goto fail;
            dups++;
            continue;
        }
        struct store_source rec = {
            .sha256 = src.sha256,
            .file_name = src.file_name,
            .format = src.format,
            .size_bytes = src.size_bytes,
            .gzipped = src.gzipped,
            .raw = src.has_raw ? buf_str(&src.raw) : NULL,
            .raw_len = src.raw.len,
            .imported_at = src.imported_at,
        };
        if (store_source_add(ctx->st, &rec, &new_id) < 0) {
            stored_source_free(&src);
            goto fail;
        }
        for (size_t k = 0; k < src.nruns; k++) {
            struct stored_run sr;
            int64_t run_id;
            if (store_run_load(other, src.run_ids[k], &sr) <= 0 ||
                store_run_add(ctx->st, new_id, sr.seq, sr.run, &sr.meta, &run_id) < 0) {
                stored_run_free(&sr);
                stored_source_free(&src);
                goto fail;
            }
            stored_run_free(&sr);
            runs++;
        }
        stored_source_free(&src);
        added++;
    }
    if (store_commit(ctx->st) < 0) {
        rc = EXIT_DB;
        goto out;
    }
    if (!diag_quiet()) {
        printf("%s: %d source%s (%d run%s) added, %d already here", argv[1], added,
               added == 1 ? "" : "s", runs, runs == 1 ? "" : "s", dups);
        if (tags_added || tags_kept)
            printf("; %d tag%s added to runs already here, %d kept with this database's value",
                   tags_added, tags_added == 1 ? "" : "s", tags_kept);
        printf("\n");
    }
    goto out;
fail:
    store_rollback(ctx->st);
    error("merge of %s failed; nothing was merged", argv[1]);
    rc = EXIT_DB;
out:
    free(ids);
    store_close(other);
    return rc;
}
