/* cmd_delete.c - `benchdb delete ID...`: runs out, with what only they used. */
#include <stdio.h>
#include <stdlib.h>

#include "buf.h"
#include "cmd.h"
#include "diag.h"
#include "store.h"

const char cmd_delete_usage[] =
    "usage: benchdb delete ID...\n"
    "\n"
    "Deletes runs (ids or ranges N-M) with every figure stored for them. A\n"
    "source file none of whose runs is left goes too, so it can be imported\n"
    "again; hosts, stacks and campaigns no run uses any more are removed.\n"
    "All of it is one transaction.\n";

int cmd_delete(int argc, char **argv, struct cmd_ctx *ctx)
{
    const struct cmd *self = cmd_find("delete");
    long long *ids = NULL;
    size_t nids = 0, capids = 0;
    int rc = EXIT_OK;

    for (int i = 1; i < argc; i++) {
        char *end;
        long long lo = strtoll(argv[i], &end, 10), hi = lo;
        if (*end == '-' && end != argv[i])
            hi = strtoll(end + 1, &end, 10);
        if (end == argv[i] || *end != '\0' || lo <= 0 || hi < lo || hi - lo > 1000000) {
            free(ids);
            return cmd_usage_error(self, "delete: '%s' is not a run id or range", argv[i]);
        }
        for (long long v = lo; v <= hi; v++) {
            ARRAY_GROW(ids, nids, capids);
            ids[nids++] = v;
        }
    }
    if (!nids)
        return cmd_usage_error(self, "delete: which runs?");
    if ((rc = cmd_open_store(ctx)) != EXIT_OK)
        goto out;
    if (store_begin(ctx->st) < 0) {
        rc = EXIT_DB;
        goto out;
    }
    int deleted = 0;
    for (size_t i = 0; i < nids; i++) {
        int r = store_run_delete(ctx->st, ids[i]);
        if (r < 0) {
            store_rollback(ctx->st);
            rc = EXIT_DB;
            goto out;
        }
        if (r == 0) {
            error("no run %lld", ids[i]);
            rc = EXIT_FAIL;
        } else {
            deleted++;
        }
    }
    if (store_commit(ctx->st) < 0) {
        rc = EXIT_DB;
        goto out;
    }
    if (!diag_quiet())
        printf("deleted %d run%s\n", deleted, deleted == 1 ? "" : "s");
out:
    free(ids);
    return rc;
}
