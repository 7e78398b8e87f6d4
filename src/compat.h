/* compat.h - are these runs comparable? The talk's rule: compare numbers
 * only under identical conditions — same hardware, same load, same
 * scenario. This names every difference among a set of runs.
 *
 * Checked: the server host (CPU model, vCPUs, RAM, virtualization), the
 * load host (CPU model, vCPUs), the load tool and its parameters
 * (connections, threads, VUs, duration, target rate) and the scenario.
 * Stated values that differ are named ("server CPU differs: A (run 1) vs
 * B (run 2)"), and so is a value stated for some runs and unknown (NULL)
 * for others ("server CPU unknown for run 3"): nothing says those runs
 * shared it. The tool's parameters are not called unknown when the tools
 * differ (wrk has no VUs, k6 no connections); the tool is named instead.
 * Durations differing by less than 5% are the same duration (wrk prints
 * 10.10s for -d10s).
 *
 * The words of the messages come from a table of phrases, English in
 * compat_phrases_en; a report in another language passes its own.
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

/* The properties compared, in the order of their messages. */
enum compat_prop {
    COMPAT_CPU, COMPAT_VCPUS, COMPAT_RAM, COMPAT_VIRT,
    COMPAT_LOAD_CPU, COMPAT_LOAD_VCPUS,
    COMPAT_TOOL, COMPAT_CONNECTIONS, COMPAT_THREADS, COMPAT_VUS, COMPAT_DURATION, COMPAT_RATE,
    COMPAT_SCENARIO,
    COMPAT_NPROPS
};

/* Every word a message is made of. A message is either
 *   PROP DIFFERS: VALUE (RUN 1) VS VALUE (RUNS 2, 3)
 * or
 *   PROP UNKNOWN RUN 4          (RUNS for several)   */
struct compat_phrases {
    const char *prop[COMPAT_NPROPS]; /* "server CPU", "load host vCPUs", ... */
    const char *differs;             /* "differs" */
    const char *unknown;             /* "unknown for" */
    const char *vs;                  /* "vs" */
    const char *run, *runs;          /* "run", "runs" */
};

extern const struct compat_phrases compat_phrases_en;

/* Names the differences among runs[0..n) into c, in English. */
void compat_check(struct compat *c, struct stored_run *const *runs, size_t n);
/* The same in the words of ph (NULL: English). */
void compat_check_in(struct compat *c, struct stored_run *const *runs, size_t n,
                     const struct compat_phrases *ph);
void compat_free(struct compat *c);

#endif
