/* compat.h - are these runs comparable? The talk's rule: compare numbers
 * only under identical conditions — same hardware, same load, same
 * scenario. This names every difference among a set of runs.
 *
 * Checked: the server host (CPU model, vCPUs, RAM, virtualization), the
 * load tool and its parameters (connections, threads, VUs, duration,
 * target rate) and the scenario. A value nobody stated (NULL) is not a
 * difference: only stated values are compared. Durations differing by
 * less than 5% are the same duration (wrk prints 10.10s for -d10s).
 *
 * Ownership: compat_free() releases the messages. */
#ifndef BENCHDB_COMPAT_H
#define BENCHDB_COMPAT_H

#include <stddef.h>

#include "store.h"

struct compat {
    char **msgs; /* "server CPU differs: ... (runs 1, 2) vs ... (run 3)" */
    size_t n, cap;
};

void compat_check(struct compat *c, struct stored_run *const *runs, size_t n);
void compat_free(struct compat *c);

#endif
