/* unit_store_shared.c - a store keeps the ids of campaigns, hosts and
 * stacks it met, and must not use one that is gone: taken away by a
 * rolled-back transaction, by its own delete, or by another connection
 * (two stores on one database file here, as two importers would be). */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "check.h"
#include "store.h"

/* Stores one run (a fresh source each time) with campaign, host and
 * stack; returns its run id, or -1. */
static int64_t add_run(struct store *st, int n, int commit)
{
    char sha[65], name[32];
    snprintf(sha, sizeof sha, "%064d", n);
    snprintf(name, sizeof name, "out%d.txt", n);
    struct store_source src = {
        .sha256 = sha, .file_name = name, .format = "wrk", .size_bytes = 1, .raw = "x", .raw_len = 1,
    };
    struct run *r = run_new("wrk", "wrk");
    r->requests = 100;
    r->rps = 10;
    run_add_figure(r, "latency", "avg", 1.5, UNIT_MS, "1.50ms");
    struct meta m;
    meta_init(&m);
    char err[128];
    CHECK(meta_set(&m, "campaign", "c1", err, sizeof err) == 0);
    CHECK(meta_set(&m, "host.cpu_model", "cpu", err, sizeof err) == 0);
    CHECK(meta_set(&m, "host.vcpus", "4", err, sizeof err) == 0);
    CHECK(meta_set(&m, "stack.framework", "fw", err, sizeof err) == 0);
    CHECK(meta_set(&m, "label", name, err, sizeof err) == 0);
    int64_t source = 0, id = -1;
    if (store_begin(st) < 0) {
        id = -1;
    } else if (store_source_add(st, &src, &source) < 0 ||
               store_run_add(st, source, 1, r, &m, &id) < 0) {
        store_rollback(st);
        id = -1;
    } else if (!commit) {
        store_rollback(st);
    } else if (store_commit(st) < 0) {
        id = -1;
    }
    run_free(r);
    meta_free(&m);
    return id;
}

int main(void)
{
    char path[] = "/tmp/benchdb-unit-store-XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    close(fd);
    unlink(path);

    struct store *a = NULL, *b = NULL;
    CHECK(store_open(path, STORE_CREATE, &a) == 0);
    CHECK(store_open(path, 0, &b) == 0);
    if (!a || !b)
        return 1;

    /* Met in a transaction that is rolled back: not kept. */
    CHECK(add_run(a, 1, 0) >= 0);
    CHECK(add_run(a, 2, 1) > 0);
    CHECK(add_run(a, 3, 1) > 0);

    /* Another connection deletes every run: the campaign, host and stack
     * go with them (prune). The first store must find out. */
    for (int64_t id = 1; id <= 10; id++)
        store_run_delete(b, id);
    CHECK(store_count_runs(b) == 0);
    CHECK(add_run(a, 4, 1) > 0);

    /* Its own delete takes them away too. */
    int64_t last = add_run(a, 5, 1);
    CHECK(last > 0);
    for (int64_t id = 1; id <= last; id++)
        store_run_delete(a, id);
    CHECK(add_run(a, 6, 1) > 0);
    CHECK(store_count_runs(a) == 1);

    store_close(a);
    store_close(b);
    unlink(path);
    char side[sizeof path + 8];
    snprintf(side, sizeof side, "%s-wal", path);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", path);
    unlink(side);
    return check_failures != 0;
}
