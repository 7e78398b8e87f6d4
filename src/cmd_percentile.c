/* cmd_percentile.c - `benchdb percentile ID P...`: any percentile of a
 * run's stored histogram (raw point data: k6 --out json/csv), computed
 * now from the histogram rather than looked up among printed ones. */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cmd.h"
#include "diag.h"
#include "hdr.h"
#include "store.h"
#include "units.h"

const char cmd_percentile_usage[] =
    "usage: benchdb percentile ID P [P...] [--metric NAME]\n"
    "\n"
    "Prints percentiles P (0..100: 50, 99, 99.9, p99.99, 99.999%) of run ID,\n"
    "computed from the whole distribution stored when raw point data was\n"
    "imported (k6 --out json/csv). Percentiles are k6's: interpolated between\n"
    "the two nearest values, each read from the histogram within 0.4%; p0 and\n"
    "p100 are the exact minimum and maximum. One line per P:\n"
    "  p99.9 = 812.5 ms\n"
    "Each value is the shortest decimal within 4 units in the last place of\n"
    "the computed one: 13.9390905, not the binary sum's 13.939090499999999.\n"
    "\n"
    "Options:\n"
    "  --metric NAME   the metric (default: the run's latency metric, for k6\n"
    "                  http_req_duration); any k6 trend, or\n"
    "                  'http_req_duration{expected_response:true}'\n"
    "\n"
    "Runs from summaries (k6 text, wrk, ...) have no stored distribution:\n"
    "their printed percentiles are in `benchdb show ID`.\n";

/* "99.9", "p99.9", "99.9%" -> 99.9; -1 when not a percentile. */
static double parse_pct(const char *s)
{
    double v;
    size_t n = strlen(s);
    if (*s == 'p' || *s == 'P')
        s++, n--;
    if (n > 0 && s[n - 1] == '%')
        n--;
    if (n == 0 || units_number(s, n, 0, &v) != UNITS_OK || !(v >= 0 && v <= 100))
        return -1;
    return v;
}

/* The value x as printed: the shortest decimal within four units in the
 * last place of x. A percentile between two values is worked out in
 * binary (lo + (hi - lo) * frac), which is a few units off the decimal
 * the same sum gives on paper: 7.558442 and 20.319739 give the median
 * 13.939090499999999 in doubles, 13.9390905 on paper. Four units are
 * what the sum's three roundings and the inputs' own can add up to;
 * the histogram's 0.4% is billions of times wider, so nothing measured
 * is lost. The decimal is printed by units_format (shortest text that
 * reads back). */
static char *format_value(char *buf, size_t size, double x)
{
    double slack = 4 * (nextafter(fabs(x), HUGE_VAL) - fabs(x));
    for (int digits = 1; digits <= 17; digits++) {
        char tmp[64];
        snprintf(tmp, sizeof tmp, "%.*e", digits - 1, x);
        double y = strtod(tmp, NULL);
        if (fabs(y - x) <= slack)
            return units_format(buf, size, y);
    }
    return units_format(buf, size, x);
}

static void list_histograms(const struct run *r, struct buf *b)
{
    for (size_t i = 0; i < r->nhists; i++)
        buf_printf(b, "%s%s", i ? ", " : "", r->hists[i].metric);
}

int cmd_percentile(int argc, char **argv, struct cmd_ctx *ctx)
{
    const struct cmd *self = cmd_find("percentile");
    const char *metric = NULL, *idtext = NULL;
    double *pcts = xcalloc((size_t)argc, sizeof(double));
    size_t npcts = 0;
    struct stored_run sr;
    struct hdr *h = NULL;
    int loaded = 0, rc = EXIT_OK;

    static const struct option longopts[] = {
        {"metric", required_argument, NULL, 'm'},
        {NULL, 0, NULL, 0},
    };
    int c;
    opterr = 0;
    while ((c = cmd_getopt(argc, argv, ":", longopts)) != -1) {
        if (c == ':') { /* the one option with a value: --metric */
            rc = cmd_usage_error(self, "percentile: --metric needs a NAME");
            goto out;
        }
        if (c != 'm') {
            rc = cmd_usage_error(self, "percentile: unknown option '%s'", argv[optind - 1]);
            goto out;
        }
        metric = optarg;
    }
    for (int i = optind; i < argc; i++) {
        const char *a = argv[i];
        if (!idtext) {
            idtext = a;
        } else {
            double p = parse_pct(a);
            if (p < 0) {
                rc = cmd_usage_error(self, "percentile: '%s' is not a percentile (0..100)", a);
                goto out;
            }
            pcts[npcts++] = p;
        }
    }
    if (!idtext || npcts == 0) {
        rc = cmd_usage_error(self, "percentile: expected a run ID and at least one percentile");
        goto out;
    }
    char *end;
    long long id = strtoll(idtext, &end, 10);
    if (*idtext == '\0' || *end != '\0' || id <= 0) {
        rc = cmd_usage_error(self, "percentile: '%s' is not a run ID", idtext);
        goto out;
    }

    if ((rc = cmd_open_store(ctx)) != EXIT_OK)
        goto out;
    int found = store_run_load(ctx->st, id, &sr);
    loaded = 1; /* filled, even partly: freed below */
    if (found < 0) {
        rc = EXIT_DB;
        goto out;
    }
    if (found == 0) {
        error("no run %lld in %s", id, ctx->db_path);
        rc = EXIT_FAIL;
        goto out;
    }
    const struct run *r = sr.run;
    if (r->nhists == 0) {
        error("run %lld (%s) has no stored distribution: only raw point data (k6 --out "
              "json/csv) keeps one; its printed percentiles are in `benchdb show %lld`",
              id, r->format ? r->format : "?", id);
        rc = EXIT_FAIL;
        goto out;
    }
    if (!metric)
        metric = r->latency_metric ? r->latency_metric : r->hists[0].metric;
    const struct run_histogram *rh = run_histogram_get(r, metric);
    if (!rh) {
        struct buf names = BUF_INIT;
        list_histograms(r, &names);
        error("run %lld has no histogram of %s (it has: %s)", id, metric, buf_str(&names));
        buf_free(&names);
        rc = EXIT_FAIL;
        goto out;
    }
    h = hdr_new();
    if (strcmp(rh->encoding, HDR_ENCODING) != 0 || hdr_decode(h, rh->data, rh->len) < 0) {
        error("run %lld: the histogram of %s (%s, %zu bytes) cannot be read by this benchdb",
              id, metric, rh->encoding, rh->len);
        rc = EXIT_FAIL;
        goto out;
    }
    for (size_t i = 0; i < npcts; i++) {
        char v[64], p[64];
        double x = hdr_percentile(h, pcts[i]);
        units_format(p, sizeof p, pcts[i]);
        if (isnan(x))
            printf("p%s = -\n", p);
        else
            printf("p%s = %s%s%s\n", p, format_value(v, sizeof v, x), *rh->unit ? " " : "",
                   rh->unit);
    }
out:
    hdr_free(h);
    if (loaded)
        stored_run_free(&sr);
    free(pcts);
    return rc;
}
