/* compat.c - differences that make runs incomparable, named. */
#include "compat.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "units.h"

/* Distinct stated values of one property, with the runs that have each. */
struct value_runs {
    char *value;
    double num;
    struct buf ids;
    size_t count;
};

static void add_value(struct value_runs **vals, size_t *n, size_t *cap, const char *value, double num,
                      int tolerance, int64_t run_id)
{
    for (size_t i = 0; i < *n; i++) {
        struct value_runs *v = &(*vals)[i];
        int same = tolerance ? fabs(v->num - num) <= 0.05 * fmax(fabs(v->num), fabs(num))
                             : strcmp(v->value, value) == 0;
        if (same) {
            buf_printf(&v->ids, ", %lld", (long long)run_id);
            v->count++;
            return;
        }
    }
    ARRAY_GROW(*vals, *n, *cap);
    struct value_runs *v = &(*vals)[(*n)++];
    memset(v, 0, sizeof(*v));
    v->value = xstrdup(value);
    v->num = num;
    buf_printf(&v->ids, "%lld", (long long)run_id);
    v->count = 1;
}

/* One property: how to read it from a run. */
struct prop {
    int tolerance; /* numeric, 5% */
    int per_tool;  /* a parameter of the tool: unknown only among one tool */
    const char *(*text)(const struct stored_run *sr, char *tmp, size_t n, double *num);
};

static const char *num_text(double v, char *tmp, size_t n, double *num, const char *unit)
{
    if (isnan(v))
        return NULL;
    *num = v;
    units_format(tmp, n, v);
    if (unit)
        strncat(tmp, unit, n - strlen(tmp) - 1);
    return tmp;
}

#define TEXT_PROP(name, expr)                                                  \
    static const char *name(const struct stored_run *sr, char *tmp, size_t n, double *num) \
    {                                                                          \
        (void)tmp, (void)n, (void)num;                                         \
        return (expr);                                                         \
    }
#define NUM_PROP(name, expr, unit)                                             \
    static const char *name(const struct stored_run *sr, char *tmp, size_t n, double *num) \
    {                                                                          \
        return num_text((expr), tmp, n, num, unit);                            \
    }

TEXT_PROP(p_cpu, sr->meta.host.cpu_model)
NUM_PROP(p_vcpus, sr->meta.host.vcpus, NULL)
NUM_PROP(p_ram, sr->meta.host.ram_mb, " MiB")
TEXT_PROP(p_virt, sr->meta.host.virtualization)
TEXT_PROP(p_load_cpu, sr->meta.load_host.cpu_model)
NUM_PROP(p_load_vcpus, sr->meta.load_host.vcpus, NULL)
TEXT_PROP(p_tool, sr->run->tool)
NUM_PROP(p_conns, sr->run->connections, NULL)
NUM_PROP(p_threads, sr->run->threads, NULL)
NUM_PROP(p_vus, sr->run->vus_max, NULL)
NUM_PROP(p_duration, sr->run->duration_s, " s")
NUM_PROP(p_rate, sr->run->target_rate, "/s")
TEXT_PROP(p_scenario, sr->scenario)

/* Indexed by enum compat_prop. */
static const struct prop props[COMPAT_NPROPS] = {
    [COMPAT_CPU] = {0, 0, p_cpu},
    [COMPAT_VCPUS] = {0, 0, p_vcpus},
    [COMPAT_RAM] = {0, 0, p_ram},
    [COMPAT_VIRT] = {0, 0, p_virt},
    [COMPAT_LOAD_CPU] = {0, 0, p_load_cpu},
    [COMPAT_LOAD_VCPUS] = {0, 0, p_load_vcpus},
    [COMPAT_TOOL] = {0, 0, p_tool},
    [COMPAT_CONNECTIONS] = {0, 1, p_conns},
    [COMPAT_THREADS] = {0, 1, p_threads},
    [COMPAT_VUS] = {0, 1, p_vus},
    [COMPAT_DURATION] = {1, 1, p_duration},
    [COMPAT_RATE] = {0, 1, p_rate},
    [COMPAT_SCENARIO] = {0, 0, p_scenario},
};

const struct compat_phrases compat_phrases_en = {
    .prop = {
        [COMPAT_CPU] = "server CPU",
        [COMPAT_VCPUS] = "server vCPUs",
        [COMPAT_RAM] = "server RAM",
        [COMPAT_VIRT] = "server virtualization",
        [COMPAT_LOAD_CPU] = "load host CPU",
        [COMPAT_LOAD_VCPUS] = "load host vCPUs",
        [COMPAT_TOOL] = "load tool",
        [COMPAT_CONNECTIONS] = "connections",
        [COMPAT_THREADS] = "load threads",
        [COMPAT_VUS] = "VUs",
        [COMPAT_DURATION] = "duration",
        [COMPAT_RATE] = "target rate",
        [COMPAT_SCENARIO] = "scenario",
    },
    .differs = "differs",
    .unknown = "unknown for",
    .vs = "vs",
    .run = "run",
    .runs = "runs",
};

static void add_msg(struct compat *c, struct buf *m)
{
    ARRAY_GROW(c->msgs, c->n, c->cap);
    c->msgs[c->n++] = buf_detach(m, NULL);
}

/* Whether the runs were made with more than one load tool. */
static int tools_differ(struct stored_run *const *runs, size_t n)
{
    for (size_t i = 1; i < n; i++)
        if (strcmp(runs[i]->run->tool, runs[0]->run->tool) != 0)
            return 1;
    return 0;
}

/* One property over all runs: "differs" when two stated values do, and
 * "unknown for" the runs that do not state it when others do. */
static void check_prop(struct compat *c, enum compat_prop p, struct stored_run *const *runs,
                       size_t n, int tools_vary, const struct compat_phrases *ph)
{
    struct value_runs *vals = NULL;
    size_t nv = 0, cap = 0, nunknown = 0;
    struct buf unknown = BUF_INIT;
    for (size_t i = 0; i < n; i++) {
        char tmp[64];
        double num = (double)NAN;
        const char *v = props[p].text(runs[i], tmp, sizeof tmp, &num);
        if (v) {
            add_value(&vals, &nv, &cap, v, num, props[p].tolerance, runs[i]->run_id);
        } else {
            buf_printf(&unknown, "%s%lld", nunknown ? ", " : "", (long long)runs[i]->run_id);
            nunknown++;
        }
    }
    if (nv > 1) {
        struct buf m = BUF_INIT;
        buf_printf(&m, "%s %s:", ph->prop[p], ph->differs);
        for (size_t k = 0; k < nv; k++)
            buf_printf(&m, "%s%s %s (%s %s)", k ? " " : "", k ? ph->vs : "", vals[k].value,
                       vals[k].count == 1 ? ph->run : ph->runs, buf_str(&vals[k].ids));
        add_msg(c, &m);
    }
    if (nv > 0 && nunknown > 0 && !(props[p].per_tool && tools_vary)) {
        struct buf m = BUF_INIT;
        buf_printf(&m, "%s %s %s %s", ph->prop[p], ph->unknown, nunknown == 1 ? ph->run : ph->runs,
                   buf_str(&unknown));
        add_msg(c, &m);
    }
    for (size_t k = 0; k < nv; k++) {
        free(vals[k].value);
        buf_free(&vals[k].ids);
    }
    free(vals);
    buf_free(&unknown);
}

void compat_check_in(struct compat *c, struct stored_run *const *runs, size_t n,
                     const struct compat_phrases *ph)
{
    memset(c, 0, sizeof(*c));
    if (!ph)
        ph = &compat_phrases_en;
    int tools_vary = tools_differ(runs, n);
    for (int p = 0; p < COMPAT_NPROPS; p++)
        check_prop(c, (enum compat_prop)p, runs, n, tools_vary, ph);
}

void compat_check(struct compat *c, struct stored_run *const *runs, size_t n)
{
    compat_check_in(c, runs, n, NULL);
}

void compat_free(struct compat *c)
{
    for (size_t i = 0; i < c->n; i++)
        free(c->msgs[i]);
    free(c->msgs);
    memset(c, 0, sizeof(*c));
}
