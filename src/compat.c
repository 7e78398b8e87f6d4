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

/* One property: what it is called and how to read it from a run. */
struct prop {
    const char *what;
    int tolerance; /* numeric, 5% */
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
TEXT_PROP(p_tool, sr->run->tool)
NUM_PROP(p_conns, sr->run->connections, NULL)
NUM_PROP(p_threads, sr->run->threads, NULL)
NUM_PROP(p_vus, sr->run->vus_max, NULL)
NUM_PROP(p_duration, sr->run->duration_s, " s")
NUM_PROP(p_rate, sr->run->target_rate, "/s")
TEXT_PROP(p_scenario, sr->scenario)

static const struct prop props[] = {
    {"server CPU", 0, p_cpu},
    {"server vCPUs", 0, p_vcpus},
    {"server RAM", 0, p_ram},
    {"server virtualization", 0, p_virt},
    {"load tool", 0, p_tool},
    {"connections", 0, p_conns},
    {"load threads", 0, p_threads},
    {"VUs", 0, p_vus},
    {"duration", 1, p_duration},
    {"target rate", 0, p_rate},
    {"scenario", 0, p_scenario},
};

void compat_check(struct compat *c, struct stored_run *const *runs, size_t n)
{
    memset(c, 0, sizeof(*c));
    for (size_t p = 0; p < sizeof props / sizeof props[0]; p++) {
        struct value_runs *vals = NULL;
        size_t nv = 0, cap = 0;
        for (size_t i = 0; i < n; i++) {
            char tmp[64];
            double num = (double)NAN;
            const char *v = props[p].text(runs[i], tmp, sizeof tmp, &num);
            if (v)
                add_value(&vals, &nv, &cap, v, num, props[p].tolerance, runs[i]->run_id);
        }
        if (nv > 1) {
            struct buf m = BUF_INIT;
            buf_printf(&m, "%s differs:", props[p].what);
            for (size_t k = 0; k < nv; k++)
                buf_printf(&m, "%s %s (run%s %s)", k ? " vs" : "", vals[k].value,
                           vals[k].count == 1 ? "" : "s", buf_str(&vals[k].ids));
            ARRAY_GROW(c->msgs, c->n, c->cap);
            c->msgs[c->n++] = buf_detach(&m, NULL);
        }
        for (size_t k = 0; k < nv; k++) {
            free(vals[k].value);
            buf_free(&vals[k].ids);
        }
        free(vals);
    }
}

void compat_free(struct compat *c)
{
    for (size_t i = 0; i < c->n; i++)
        free(c->msgs[i]);
    free(c->msgs);
    memset(c, 0, sizeof(*c));
}
