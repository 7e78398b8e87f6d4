/* unit_compat.c - the differences compat names among runs: stated values
 * that differ, a value stated on one side and unknown on the other, the
 * load host, and the words taken from a caller's table of phrases. */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "check.h"
#include "compat.h"

/* A run of tool with the server CPU cpu (NULL: unknown) and connections. */
static void mk(struct stored_run *sr, int64_t id, const char *tool, const char *cpu, double conns)
{
    memset(sr, 0, sizeof(*sr));
    sr->run_id = id;
    sr->run = run_new(tool, tool);
    sr->run->connections = conns;
    meta_init(&sr->meta);
    sr->meta.host.cpu_model = cpu ? xstrdup(cpu) : NULL;
}

static void expect_msgs(struct stored_run *runs, size_t n, const struct compat_phrases *ph,
                        const char *const *want, size_t nwant, int line)
{
    struct stored_run *all[8];
    struct compat c;
    for (size_t i = 0; i < n; i++)
        all[i] = &runs[i];
    compat_check_in(&c, all, n, ph);
    if (c.n != nwant) {
        fprintf(stderr, "%s:%d: %zu messages, want %zu\n", __FILE__, line, c.n, nwant);
        for (size_t i = 0; i < c.n; i++)
            fprintf(stderr, "  %s\n", c.msgs[i]);
        check_failures++;
    } else {
        for (size_t i = 0; i < c.n; i++)
            if (strcmp(c.msgs[i], want[i]) != 0) {
                fprintf(stderr, "%s:%d: [%s], want [%s]\n", __FILE__, line, c.msgs[i], want[i]);
                check_failures++;
            }
    }
    compat_free(&c);
}

int main(void)
{
    struct stored_run r[4];

    /* Same tool, same connections, CPU stated for runs 1 and 2 only. */
    mk(&r[0], 1, "wrk", "Xeon", 10);
    mk(&r[1], 2, "wrk", "Xeon", 10);
    mk(&r[2], 3, "wrk", NULL, 10);
    mk(&r[3], 4, "wrk", NULL, (double)NAN);
    const char *const w1[] = {"server CPU unknown for runs 3, 4", "connections unknown for run 4"};
    expect_msgs(r, 4, NULL, w1, 2, __LINE__);

    /* Stated and different, plus the load host: both messages. */
    free(r[2].meta.host.cpu_model);
    r[2].meta.host.cpu_model = xstrdup("EPYC");
    r[0].meta.load_host.vcpus = 4;
    r[1].meta.load_host.vcpus = 4;
    r[2].meta.load_host.vcpus = 8;
    const char *const w2[] = {"server CPU differs: Xeon (runs 1, 2) vs EPYC (run 3)",
                              "server CPU unknown for run 4", "load host vCPUs differs: 4 (runs 1, 2) vs 8 (run 3)",
                              "load host vCPUs unknown for run 4", "connections unknown for run 4"};
    expect_msgs(r, 4, NULL, w2, 5, __LINE__);

    /* Nobody states it: nothing to say. Two tools: the tool's parameters
     * are not "unknown" (k6 has no connections), the tool is named. */
    for (int i = 0; i < 4; i++)
        stored_run_free(&r[i]);
    mk(&r[0], 1, "wrk", NULL, 10);
    mk(&r[1], 2, "k6", NULL, (double)NAN);
    const char *const w3[] = {"load tool differs: wrk (run 1) vs k6 (run 2)"};
    expect_msgs(r, 2, NULL, w3, 1, __LINE__);

    /* The words from the caller's table. */
    struct compat_phrases ru = compat_phrases_en;
    ru.prop[COMPAT_TOOL] = "нагрузчик";
    ru.prop[COMPAT_CONNECTIONS] = "соединения";
    ru.differs = "различается";
    ru.unknown = "неизвестно для";
    ru.vs = "и";
    ru.run = "прогона";
    ru.runs = "прогонов";
    const char *const w4[] = {"нагрузчик различается: wrk (прогона 1) и k6 (прогона 2)"};
    expect_msgs(r, 2, &ru, w4, 1, __LINE__);
    free(r[1].run->tool);
    r[1].run->tool = xstrdup("wrk");
    const char *const w5[] = {"соединения неизвестно для прогона 2"};
    expect_msgs(r, 2, &ru, w5, 1, __LINE__);
    /* The English table is untouched by the copy. */
    CHECK(strcmp(compat_phrases_en.differs, "differs") == 0);
    for (int i = 0; i < 2; i++)
        stored_run_free(&r[i]);
    return check_failures ? 1 : 0;
}
