/* cmd_tag.c - `benchdb tag ID... KEY=VALUE...`: set or remove free tags. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cmd.h"
#include "diag.h"
#include "store.h"

const char cmd_tag_usage[] =
    "usage: benchdb tag ID... KEY=VALUE... [--remove KEY]...\n"
    "\n"
    "Sets free tags on runs (a tag already there gets the new value), or\n"
    "removes them with --remove. IDs are run ids or ranges N-M.\n"
    "\n"
    "Example: benchdb tag 3 4 7-9 round=2 branch=main --remove draft\n";

struct tag_op {
    char *key;
    const char *value; /* NULL: remove */
};

int cmd_tag(int argc, char **argv, struct cmd_ctx *ctx)
{
    const struct cmd *self = cmd_find("tag");
    static const struct option longopts[] = {
        {"remove", required_argument, NULL, 'r'},
        {NULL, 0, NULL, 0},
    };
    struct tag_op *ops = NULL;
    size_t nops = 0, capops = 0;
    long long *ids = NULL;
    size_t nids = 0, capids = 0;
    int c, rc = EXIT_OK;

    /* Options may stand anywhere (cmd_getopt), --remove too. */
    opterr = 0;
    while ((c = cmd_getopt(argc, argv, "", longopts)) != -1) {
        if (c != 'r') {
            rc = cmd_usage_error(self, "tag: unknown option '%s'", argv[optind - 1]);
            goto out;
        }
        ARRAY_GROW(ops, nops, capops);
        ops[nops].key = xstrdup(optarg);
        ops[nops++].value = NULL;
    }
    for (int i = optind; i < argc; i++) {
        const char *a = argv[i];
        const char *eq = strchr(a, '=');
        if (eq) {
            if (eq == a) {
                rc = cmd_usage_error(self, "tag: '%s' has no key", a);
                goto out;
            }
            ARRAY_GROW(ops, nops, capops);
            ops[nops].key = xstrndup(a, (size_t)(eq - a));
            ops[nops++].value = eq + 1;
            continue;
        }
        char *end;
        long long lo = strtoll(a, &end, 10), hi = lo;
        if (*end == '-')
            hi = strtoll(end + 1, &end, 10);
        if (end == a || *end != '\0' || lo <= 0 || hi < lo || hi - lo > 1000000) {
            rc = cmd_usage_error(self, "tag: '%s' is neither a run id nor KEY=VALUE", a);
            goto out;
        }
        for (long long v = lo; v <= hi; v++) {
            ARRAY_GROW(ids, nids, capids);
            ids[nids++] = v;
        }
    }
    if (!nids || !nops) {
        rc = cmd_usage_error(self, "tag: give run ids and KEY=VALUE or --remove KEY");
        goto out;
    }
    if ((rc = cmd_open_store(ctx)) != EXIT_OK)
        goto out;
    if (store_begin(ctx->st) < 0) {
        rc = EXIT_DB;
        goto out;
    }
    for (size_t i = 0; i < nids; i++) {
        for (size_t k = 0; k < nops; k++) {
            int r = store_tag_set(ctx->st, ids[i], ops[k].key, ops[k].value);
            if (r < 0) {
                store_rollback(ctx->st);
                rc = EXIT_DB;
                goto out;
            }
            if (r == 0) {
                error("no run %lld", ids[i]);
                rc = EXIT_FAIL;
                break;
            }
        }
    }
    if (store_commit(ctx->st) < 0)
        rc = EXIT_DB;
out:
    for (size_t k = 0; k < nops; k++)
        free(ops[k].key);
    free(ops);
    free(ids);
    return rc;
}
