/* cmd_merge.c - `benchdb merge OTHER.sqlite`: runs made elsewhere, brought in. */
#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"
#include "diag.h"
#include "store.h"

const char cmd_merge_usage[] =
    "usage: benchdb merge OTHER.sqlite\n"
    "\n"
    "Brings the runs of another benchdb database into this one: each source\n"
    "file with its raw text and every run with every figure and all metadata.\n"
    "A source already here (the same SHA-256) is skipped with its runs; hosts\n"
    "and stacks are matched by their content and campaigns by name, so they\n"
    "stay shared records. OTHER is only read (an older schema is migrated in a\n"
    "private copy). It is all one transaction: all of it lands, or nothing.\n";

int cmd_merge(int argc, char **argv, struct cmd_ctx *ctx)
{
    const struct cmd *self = cmd_find("merge");
    struct store *other = NULL;
    int64_t *ids = NULL;
    size_t nids = 0;
    int rc = EXIT_OK, added = 0, dups = 0, runs = 0;

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
            stored_source_free(&src);
            if (found < 0)
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
    if (!diag_quiet())
        printf("%s: %d source%s (%d run%s) added, %d already here\n", argv[1], added,
               added == 1 ? "" : "s", runs, runs == 1 ? "" : "s", dups);
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
