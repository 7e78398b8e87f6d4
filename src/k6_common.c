/* k6_common.c - stat names and headline fields shared by the k6 summary
 * parsers (see k6_common.h). */
#include "k6_common.h"

#include <math.h>
#include <string.h>

#include "units.h"

double k6_stat_percentile(const char *stat)
{
    if (strcmp(stat, "med") == 0)
        return 50;
    size_t n = strlen(stat);
    double p;
    if (n > 3 && strncmp(stat, "p(", 2) == 0 && stat[n - 1] == ')' &&
        units_number(stat + 2, n - 3, 0, &p) == UNITS_OK && p >= 0 && p <= 100)
        return p;
    return -1;
}

void k6_headline(struct run *r, const char *metric, const char *stat, double v, int in_ms)
{
    if (strcmp(metric, "http_reqs") == 0) {
        if (strcmp(stat, "count") == 0)
            r->requests = v;
        else if (strcmp(stat, "rate") == 0)
            r->rps = v;
    } else if (strcmp(metric, "http_req_duration") == 0 && in_ms) {
        if (strcmp(stat, "avg") == 0)
            r->lat_avg = v;
        else if (strcmp(stat, "min") == 0)
            r->lat_min = v;
        else if (strcmp(stat, "med") == 0)
            r->lat_med = v;
        else if (strcmp(stat, "max") == 0)
            r->lat_max = v;
    } else if (strcmp(metric, "http_req_failed") == 0) {
        if (strcmp(stat, "rate") == 0)
            r->failed_pct = v;
        else if (strcmp(stat, "passes") == 0)
            r->failed_requests = v;
    } else if (strcmp(metric, "checks") == 0) {
        if (strcmp(stat, "passes") == 0)
            r->checks_passed = v;
        else if (strcmp(stat, "fails") == 0)
            r->checks_failed = v;
    } else if (strcmp(metric, "data_received") == 0 && strcmp(stat, "count") == 0) {
        r->bytes_received = v;
    } else if (strcmp(metric, "data_sent") == 0 && strcmp(stat, "count") == 0) {
        r->bytes_sent = v;
    } else if (strcmp(metric, "iterations") == 0 && strcmp(stat, "count") == 0) {
        r->iterations = v;
    } else if (strcmp(metric, "vus") == 0 && strcmp(stat, "value") == 0) {
        r->vus = v;
    } else if (strcmp(metric, "vus_max") == 0 && strcmp(stat, "value") == 0) {
        r->vus_max = v;
    }
}

const char *k6_headline_bad(const char *metric, const char *stat, double v)
{
    /* Which figures are counts; every other headline figure is a rate,
     * a percentage or a time. */
    static const struct { const char *metric, *stat; } counts[] = {
        {"http_reqs", "count"},        {"iterations", "count"},
        {"data_received", "count"},    {"data_sent", "count"},
        {"http_req_failed", "passes"}, {"http_req_failed", "fails"},
        {"http_req_failed", "total"},  {"checks", "passes"},
        {"checks", "fails"},           {"checks", "total"},
        {"checks_succeeded", "passes"}, {"checks_failed", "passes"},
        {"vus", "value"},              {"vus_max", "value"},
    };
    static const char *const rated[] = {"http_reqs", "iterations", "http_req_failed", "checks"};
    int headline = 0;
    for (size_t i = 0; i < sizeof counts / sizeof counts[0]; i++) {
        if (strcmp(metric, counts[i].metric) != 0)
            continue;
        headline = 1;
        if (strcmp(stat, counts[i].stat) == 0)
            return v >= 0 && v < 9223372036854775808.0 && v == floor(v)
                       ? NULL : "is not a whole number within 64 bits";
    }
    if (!headline && strcmp(metric, "http_req_duration") != 0)
        return NULL;
    if (!isfinite(v))
        return "is not a finite number";
    if (strcmp(stat, "rate") != 0)
        return NULL;
    for (size_t i = 0; i < sizeof rated / sizeof rated[0]; i++)
        if (strcmp(metric, rated[i]) == 0 && v < 0)
            return "is negative";
    /* The Rate metrics' rate is a share, in percent. */
    if ((strcmp(metric, "http_req_failed") == 0 || strcmp(metric, "checks") == 0) && v > 100)
        return "is more than 100%";
    return NULL;
}

double k6_rate_achieved(const struct run *r)
{
    if (!(r->target_rate > 0))
        return RUN_NA;
    if (r->tool && strcmp(r->tool, "k6") == 0) {
        const struct run_figure *f = run_figure_get(r, "iterations", "rate");
        return f ? 100.0 * f->value / r->target_rate : RUN_NA;
    }
    return 100.0 * r->rps / r->target_rate;
}
