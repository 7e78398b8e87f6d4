/* parse_vegeta.c - `vegeta report` text and `vegeta report -type=json`
 * outputs -> runs.
 *
 * What vegeta prints (lib/reporters.go NewTextReporter, a tabwriter over
 * Go's %s of time.Duration; lib/metrics.go for the JSON):
 *
 *   Requests      [total, rate, throughput]         250, 50.18, 22.01
 *   Duration      [total, attack, wait]             10.722s, 4.982s, 5.74s
 *   Latencies     [min, mean, 50, 90, 95, 99, max]  65.458ms, 701.68ms, ...
 *   Bytes In      [total, mean]                     311284, 1245.14
 *   Bytes Out     [total, mean]                     42244, 168.98
 *   Success       [ratio]                           94.40%
 *   Status Codes  [code:count]                      0:14  200:236
 *   Error Set:
 *   Post "http://localhost:9088/v1/responses": context deadline exceeded ...
 *
 * Older releases print "Requests [total, rate]" and "Latencies [mean, 50,
 * 95, 99, max]"; the bracketed names say which values follow, so every
 * layout is read by its names. Durations are Go's ("3m59.927115548s",
 * "10m0s", "0s", "500µs"). `vegeta report -type=hist` rows ("[0s, 2ms]
 * 10  50.00%  #####") printed right after a report are kept as buckets of
 * metric "latency".
 *
 * The JSON report (one line): {"latencies": {"total", "mean", "50th",
 * "90th", "95th", "99th", "max", "min"} in nanoseconds, "bytes_in" and
 * "bytes_out": {"total", "mean"}, "earliest", "latest", "end" (RFC 3339),
 * "duration", "wait" (ns), "requests", "rate", "throughput", "success" (a
 * ratio 0..1), "status_codes": {"200": n}, "errors": [...]}; 2018 releases
 * have no "min", "90th" or "throughput". A report embedded after a log
 * prefix ("run-benchmark:<TAB>{...}") is read too.
 *
 * Mapping: requests = Requests total; rps = the "rate" (requests sent per
 * second of the attack; "throughput", successful responses per second of
 * the whole run, is kept as a figure); duration_s = Duration total (attack
 * + wait; in JSON duration + wait); latency min/mean/50/max; percentiles
 * 50, 90, 95, 99 of metric "latency"; bytes_received/sent = Bytes In/Out
 * total. target_rate is the -rate of the attack when its command line is
 * printed before the report ("-rate=50" or "-rate=100/1s": requests per
 * second), not the achieved "rate".
 *
 * Failures, as vegeta counts success: a response with a status of 200 to
 * 399 succeeded. failed_requests = the Status Codes counts of every other
 * code, code 0 (no response: a timeout or a connection error) included;
 * failed_pct its share of requests. A whole report whose Status Codes row
 * is empty (the JSON's "status_codes": {}) gives failed_pct = 100 - the
 * Success ratio as printed. non2xx counts the responses (code not 0)
 * outside 2xx. The Error Set lists each distinct error once, without a
 * count: kept as counts of kind "error" with no number. A run where every
 * request failed is failed.
 *
 * Cut short: the Status Codes row is always printed; "Error Set:" and its
 * lines follow, in older releases always, in newer ones only when a
 * request failed. Every failed request set its error: a failing status
 * is listed as "NNN Status Text" (Go's resp.Status), a request with no
 * response (code 0) as the transport's error. So a report is whole when
 * it holds its Status Codes row and, where that row counts failures, an
 * Error Set line for each failing status and, for code 0, at least one
 * other line. A report without that end is incomplete (which wins over
 * failed); its failures are not derived without the Status Codes row.
 * Several transport errors for code 0 cannot be told from fewer: a cut
 * among those lines is not seen; nor can -type=hist rows. A JSON report
 * cut short does not close: the file is refused.
 *
 * Runs: each "Requests" row opens one; a blank line, a code fence or the
 * next "Requests" row ends it. Report rows outside a run (a stray "Status
 * Codes" line grep'd from a log) are skipped. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "jsontext.h"
#include "parse.h"
#include "tool_common.h"
#include "toolcmd.h"
#include "units.h"

#define VG_MAXVAL 16
#define VG_MAXFAILING 32

static const struct toolcmd_prog vg_progs[] = {{"vegeta", 0}, {NULL, 0}};

struct vg_state {
    struct run *run;
    unsigned seen;          /* rows read, bit per vg_row */
    int in_errors;
    int have_codes;
    double failed, codes_total, non2xx;
    double success_pct;
    int failing[VG_MAXFAILING]; /* failing HTTP statuses of Status Codes */
    size_t nfailing;
    int no_response;            /* code 0 was counted */
    size_t last_end;
};

enum vg_row { R_REQUESTS, R_DURATION, R_LATENCIES, R_BYTES_IN, R_BYTES_OUT, R_SUCCESS, R_CODES };

static const struct vg_label {
    const char *label;
    enum vg_row row;
    const char *metric;
} vg_labels[] = {
    {"Requests", R_REQUESTS, "requests"},
    {"Duration", R_DURATION, "duration"},
    {"Latencies", R_LATENCIES, "latency"},
    {"Bytes In", R_BYTES_IN, "bytes_in"},
    {"Bytes Out", R_BYTES_OUT, "bytes_out"},
    {"Success", R_SUCCESS, "success"},
    {"Status Codes", R_CODES, "status_codes"},
};

/* A -rate value: "50", "100/1s", "50/1m" -> requests per second. */
static int rate_per_s(const char *v, double *out)
{
    const char *slash = strchr(v, '/');
    double n, ms;
    if (!slash)
        return units_number(v, strlen(v), 0, out) == UNITS_OK;
    if (units_number(v, (size_t)(slash - v), 0, &n) != UNITS_OK)
        return 0;
    const char *d = slash + 1;
    char buf[32];
    if (*d >= '0' && *d <= '9')
        snprintf(buf, sizeof buf, "%s", d);
    else
        snprintf(buf, sizeof buf, "1%s", d); /* "50/m" */
    if (units_duration_ms(buf, strlen(buf), &ms) != UNITS_OK || ms <= 0)
        return 0;
    *out = n * 1000 / ms;
    return 1;
}

/* Command line, url, -rate and -duration from the lines before index i. */
static void vg_command(struct run *r, const struct text *t, size_t i, size_t last_end)
{
    size_t len;
    const char *cmd = tool_command(r, t, i, last_end, vg_progs, &len);
    if (!cmd)
        return;
    char v[1024];
    if (toolcmd_option(cmd, len, "rate", v, sizeof v)) {
        run_add_param(r, "rate", v);
        double x;
        if (rate_per_s(v, &x) && x > 0)
            r->target_rate = x;
    }
    if (toolcmd_option(cmd, len, "duration", v, sizeof v))
        run_add_param(r, "duration", v);
}

/* The failure rule of the header comment, from the status code counts. */
static void vg_status(struct run *r, struct vg_state *st, const char *code, double count)
{
    double c;
    run_add_count(r, "status", code, count);
    if (units_number(code, strlen(code), 0, &c) != UNITS_OK)
        return;
    st->have_codes = 1;
    st->codes_total += count;
    if (c < 200 || c >= 400)
        st->failed += count;
    if (count > 0 && c == 0)
        st->no_response = 1;
    else if (count > 0 && (c < 200 || c >= 400) && st->nfailing < VG_MAXFAILING)
        st->failing[st->nfailing++] = (int)c;
    if (c != 0 && (c < 200 || c >= 300))
        st->non2xx += count;
}

/* Whether an Error Set line is the error of HTTP status `code` ("503
 * Service Unavailable"); code -1: of any status. */
static int status_error(const char *msg, int code)
{
    if (!msg || !(msg[0] >= '1' && msg[0] <= '9') || !(msg[1] >= '0' && msg[1] <= '9') ||
        !(msg[2] >= '0' && msg[2] <= '9') || (msg[3] != ' ' && msg[3] != '\0'))
        return 0;
    return code < 0 || atoi(msg) == code;
}

/* Whether the Error Set holds every error the Status Codes row implies
 * (see "Cut short" above). */
static int vg_errors_whole(const struct run *r, const struct vg_state *st)
{
    int other = 0;
    for (size_t k = 0; k < r->ncounts; k++) {
        const struct run_count *c = &r->counts[k];
        if (c->kind && strcmp(c->kind, "error") == 0 && !status_error(c->message, -1))
            other = 1;
    }
    if (st->no_response && !other)
        return 0;
    for (size_t i = 0; i < st->nfailing; i++) {
        int found = 0;
        for (size_t k = 0; k < r->ncounts && !found; k++) {
            const struct run_count *c = &r->counts[k];
            found = c->kind && strcmp(c->kind, "error") == 0 && status_error(c->message, st->failing[i]);
        }
        if (!found)
            return 0;
    }
    return 1;
}

/* whole: the Status Codes row was read (always so for the JSON). */
static void vg_failures(struct run *r, const struct vg_state *st, int whole)
{
    if (!whole)
        return;
    if (st->have_codes) {
        r->failed_requests = st->failed;
        r->non2xx = st->non2xx;
        double total = run_has(r->requests) ? r->requests : st->codes_total;
        if (total > 0)
            r->failed_pct = 100.0 * st->failed / total;
        if (total > 0 && st->failed >= total)
            r->state = RUN_STATE_FAILED;
    } else if (run_has(st->success_pct)) {
        r->failed_pct = 100 - st->success_pct;
        if (st->success_pct == 0)
            r->state = RUN_STATE_FAILED;
    }
}

static void vg_finish(struct vg_state *st, struct parse_result *pr)
{
    struct run *r = st->run;
    if (!r)
        return;
    st->run = NULL;
    st->last_end = (size_t)r->last_line;
    int codes = (st->seen & (1u << R_CODES)) != 0;
    vg_failures(r, st, codes);
    if (!codes || !vg_errors_whole(r, st))
        r->state = RUN_STATE_INCOMPLETE; /* cut before its end */
    run_set(&r->latency_metric, "latency");
    parse_emit(pr, r);
}

static void vg_open(struct vg_state *st, const struct text *t, size_t i)
{
    st->run = run_new("vegeta", "vegeta");
    st->run->first_line = st->run->last_line = t->lines[i].no;
    st->seen = 0;
    st->in_errors = st->have_codes = 0;
    st->failed = st->codes_total = st->non2xx = 0;
    st->success_pct = RUN_NA;
    st->nfailing = 0;
    st->no_response = 0;
    vg_command(st->run, t, i, st->last_end);
}

/* "Label  [name, name]  value, value": the label, or NULL. */
static const struct vg_label *row_label(const char *s, const char **names, const char **values)
{
    const char *open = strchr(s, '[');
    const char *close = open ? strchr(open, ']') : NULL;
    if (!close)
        return NULL;
    size_t ln = (size_t)(open - s);
    while (ln > 0 && (s[ln - 1] == ' ' || s[ln - 1] == '\t'))
        ln--;
    for (size_t i = 0; i < sizeof vg_labels / sizeof vg_labels[0]; i++) {
        if (strlen(vg_labels[i].label) == ln && memcmp(s, vg_labels[i].label, ln) == 0) {
            *names = open + 1;
            *values = str_skip_blank(close + 1);
            return &vg_labels[i];
        }
    }
    return NULL;
}

/* Splits "a, b, c" (up to ']' or the end) into tokens. */
static size_t split_list(const char *s, struct tok *out, size_t max)
{
    size_t n = 0;
    while (*s && *s != ']') {
        s = str_skip_blank(s);
        size_t k = strcspn(s, ",]");
        size_t e = k;
        while (e > 0 && (s[e - 1] == ' ' || s[e - 1] == '\t'))
            e--;
        if (e > 0 && n < max) {
            out[n].s = s;
            out[n].n = e;
            n++;
        }
        s += k;
        if (*s == ',')
            s++;
    }
    return n;
}

static int row_line(struct vg_state *st, const struct vg_label *lb, const char *names,
                    const char *values, const struct line *l, struct parse_result *pr)
{
    struct run *r = st->run;
    char text[128], name[32];
    if (lb->row == R_CODES) {
        struct tok t[64];
        size_t n = tok_split(values, strlen(values), t, 64);
        for (size_t k = 0; k < n && k < 64; k++) {
            const char *colon = memchr(t[k].s, ':', t[k].n);
            double x;
            if (!colon || units_number(colon + 1, t[k].n - (size_t)(colon - t[k].s) - 1, 0, &x) != UNITS_OK)
                return parse_fail(pr, l->no, "vegeta: cannot read \"%.*s\" in Status Codes",
                                  (int)t[k].n, t[k].s);
            snprintf(name, sizeof name, "%.*s", (int)(colon - t[k].s), t[k].s);
            vg_status(r, st, name, x);
        }
        return 0;
    }
    struct tok nm[VG_MAXVAL], v[VG_MAXVAL];
    size_t nn = split_list(names, nm, VG_MAXVAL);
    size_t nv = split_list(values, v, VG_MAXVAL);
    if (nn != nv || nn == 0)
        return parse_fail(pr, l->no, "vegeta: %zu values for %zu names in the %s row", nv, nn, lb->label);
    for (size_t k = 0; k < nn; k++) {
        double x;
        int rc;
        const char *unit;
        tool_tok_text(name, sizeof name, nm[k]);
        tool_tok_text(text, sizeof text, v[k]);
        switch (lb->row) {
        case R_DURATION:
        case R_LATENCIES:
            rc = units_duration_ms(v[k].s, v[k].n, &x);
            unit = UNIT_MS;
            break;
        case R_SUCCESS:
            rc = units_percent(v[k].s, v[k].n, &x);
            unit = UNIT_PERCENT;
            break;
        case R_BYTES_IN:
        case R_BYTES_OUT:
            rc = units_number(v[k].s, v[k].n, 0, &x);
            unit = UNIT_BYTES;
            break;
        default:
            rc = units_number(v[k].s, v[k].n, 0, &x);
            unit = strcmp(name, "total") == 0 ? UNIT_COUNT : UNIT_PER_S;
            break;
        }
        /* vegeta prints no NaN (no corpus output holds one): every value
         * of these rows is a number, the request total a count. */
        const char *bad = tool_figure_bad(rc, x);
        if (!bad && lb->row == R_REQUESTS && strcmp(name, "total") == 0)
            bad = tool_count_bad(v[k].s, v[k].n, 0, &x);
        if (bad)
            return parse_fail(pr, l->no, "vegeta: \"%s\" (%s) in the %s row %s", text, name,
                              lb->label, bad);
        double pct;
        if (lb->row == R_LATENCIES && units_number(name, strlen(name), 0, &pct) == UNITS_OK) {
            run_add_percentile(r, "latency", pct, x, UNIT_MS, text, -1);
            if (pct == 50)
                r->lat_med = x;
            continue;
        }
        run_add_figure(r, lb->metric, name, x, unit, text);
        int total = strcmp(name, "total") == 0;
        switch (lb->row) {
        case R_REQUESTS:
            if (total)
                r->requests = x;
            else if (strcmp(name, "rate") == 0)
                r->rps = x;
            break;
        case R_DURATION:
            if (total)
                r->duration_s = tool_ms_to_s(x);
            break;
        case R_LATENCIES:
            if (strcmp(name, "min") == 0)
                r->lat_min = x;
            else if (strcmp(name, "mean") == 0)
                r->lat_avg = x;
            else if (strcmp(name, "max") == 0)
                r->lat_max = x;
            break;
        case R_BYTES_IN:
            if (total)
                r->bytes_received = x;
            break;
        case R_BYTES_OUT:
            if (total)
                r->bytes_sent = x;
            break;
        case R_SUCCESS:
            st->success_pct = x;
            break;
        case R_CODES:
            break;
        }
    }
    return 0;
}

/* A `vegeta report -type=hist` row: "[0s,     2ms]  10  50.00%  ####". */
static int hist_row(struct run *r, const char *s)
{
    if (s[0] != '[')
        return 0;
    const char *comma = strchr(s, ',');
    const char *close = strchr(s, ']');
    if (!comma || !close || comma > close)
        return 0;
    const char *hs = str_skip_blank(comma + 1);
    double lo, hi, count;
    if (units_duration_ms(s + 1, (size_t)(comma - s - 1), &lo) != UNITS_OK)
        return 0;
    if ((size_t)(close - hs) == 4 && memcmp(hs, "+Inf", 4) == 0)
        hi = (double)INFINITY;
    else if (units_duration_ms(hs, (size_t)(close - hs), &hi) != UNITS_OK)
        return 0;
    struct tok t[3];
    const char *rest = close + 1;
    if (tok_split(rest, strlen(rest), t, 3) < 2 || units_number(t[0].s, t[0].n, 0, &count) != UNITS_OK)
        return 0;
    run_add_bucket(r, "latency", lo, hi, count);
    return 1;
}

static int vg_parse(const struct text *t, struct parse_result *pr)
{
    struct vg_state st;
    memset(&st, 0, sizeof st);
    struct run *hist_run = NULL; /* the run a histogram may follow */
    int in_hist = 0;

    for (size_t i = 0; i < t->n; i++) {
        const struct line *l = &t->lines[i];
        const char *s = str_skip_blank(l->s);
        const char *names, *values;
        const struct vg_label *lb;

        if (*s == '\0' || str_starts(s, "```")) {
            if (st.run) {
                hist_run = st.run;
                vg_finish(&st, pr);
            }
            if (*s)
                hist_run = NULL;
            in_hist = 0;
            continue;
        }
        if ((lb = row_label(s, &names, &values)) != NULL) {
            if (lb->row == R_REQUESTS || (st.run && (st.seen & (1u << lb->row)))) {
                vg_finish(&st, pr);
                if (lb->row == R_REQUESTS)
                    vg_open(&st, t, i);
            }
            hist_run = NULL;
            if (!st.run)
                continue; /* a report row outside a report */
            st.in_errors = 0;
            st.seen |= 1u << lb->row;
            if (row_line(&st, lb, names, values, l, pr) < 0)
                goto fail;
            st.run->last_line = l->no;
            continue;
        }
        if (str_starts(s, "Bucket") && strstr(s, "Histogram")) {
            struct run *target = st.run ? st.run : hist_run;
            in_hist = target != NULL;
            if (in_hist)
                target->last_line = l->no;
            continue;
        }
        if (in_hist) {
            struct run *target = st.run ? st.run : hist_run;
            if (hist_row(target, s)) {
                target->last_line = l->no;
                continue;
            }
            in_hist = 0;
        }
        if (!st.run) {
            hist_run = NULL;
            continue;
        }
        if (str_starts(s, "Error Set:")) {
            st.in_errors = 1;
            st.run->last_line = l->no;
            continue;
        }
        if (st.in_errors) {
            run_add_count(st.run, "error", s, RUN_NA);
            st.run->last_line = l->no;
            continue;
        }
        /* anything else ends the report */
        hist_run = NULL;
        vg_finish(&st, pr);
    }
    vg_finish(&st, pr);
    return 0;
fail:
    run_free(st.run);
    return -1;
}

static int vg_sniff(const struct text *t)
{
    int req = 0, lat = 0, codes = 0;
    for (size_t i = 0; i < t->n; i++) {
        const char *s = str_skip_blank(t->lines[i].s);
        const char *names, *values;
        const struct vg_label *lb = row_label(s, &names, &values);
        if (!lb)
            continue;
        if (lb->row == R_REQUESTS && str_starts(names, "total, rate"))
            req = 1;
        else if (lb->row == R_LATENCIES)
            lat = 1;
        else if (lb->row == R_CODES && str_starts(names, "code:count"))
            codes = 1;
    }
    if (req && (lat || codes))
        return 95;
    return req ? 60 : 0;
}

const struct parser parser_vegeta = {
    .name = "vegeta",
    .tool = "vegeta",
    .summary = "vegeta report text output (all layouts; several reports per file)",
    .sniff = vg_sniff,
    .parse = vg_parse,
    .parse_stream = NULL,
};

/* --- JSON ---------------------------------------------------------------- */

static int vgj_run(const cJSON *root, const struct jsontext *jt, const struct text *t,
                   size_t last_end, struct parse_result *pr)
{
    struct run *r = run_new("vegeta", "vegeta-json");
    struct vg_state st;
    memset(&st, 0, sizeof st);
    st.success_pct = RUN_NA;
    r->first_line = t->lines[jt->first].no;
    r->last_line = t->lines[jt->last].no;
    vg_command(r, t, jt->first, last_end);

    double x;
    char text[64];
    tool_json_fig(r, root, "requests", "requests", "total", 0, UNIT_COUNT, &r->requests);
    tool_json_fig(r, root, "rate", "requests", "rate", 0, UNIT_PER_S, &r->rps);
    tool_json_fig(r, root, "throughput", "requests", "throughput", 0, UNIT_PER_S, NULL);

    /* duration and wait in ns; duration_s is their sum, as the text's total */
    double dur = RUN_NA, wait = RUN_NA;
    tool_json_fig(r, root, "duration", "duration", "attack", -6, UNIT_MS, NULL);
    tool_json_fig(r, root, "wait", "duration", "wait", -6, UNIT_MS, NULL);
    if (jsontext_num(root, "duration", 0, &dur, NULL, 0) == UNITS_OK &&
        jsontext_num(root, "wait", 0, &wait, NULL, 0) == UNITS_OK && dur + wait < 9007199254740992.0)
        r->duration_s = tool_shift10(dur + wait, -9);

    const cJSON *lat = cJSON_GetObjectItemCaseSensitive(root, "latencies");
    if (cJSON_IsObject(lat)) {
        const cJSON *it;
        cJSON_ArrayForEach(it, lat) {
            if (!it->string || jsontext_num(it, NULL, -6, &x, text, sizeof text) != UNITS_OK)
                continue;
            double pct;
            size_t kn = strlen(it->string);
            if (kn > 2 && strcmp(it->string + kn - 2, "th") == 0 &&
                units_number(it->string, kn - 2, 0, &pct) == UNITS_OK) {
                run_add_percentile(r, "latency", pct, x, UNIT_MS, text, -1);
                if (pct == 50)
                    r->lat_med = x;
                continue;
            }
            run_add_figure(r, "latency", it->string, x, UNIT_MS, text);
            if (strcmp(it->string, "min") == 0)
                r->lat_min = x;
            else if (strcmp(it->string, "mean") == 0)
                r->lat_avg = x;
            else if (strcmp(it->string, "max") == 0)
                r->lat_max = x;
        }
    }
    const cJSON *b = cJSON_GetObjectItemCaseSensitive(root, "bytes_in");
    tool_json_fig(r, b, "total", "bytes_in", "total", 0, UNIT_BYTES, &r->bytes_received);
    tool_json_fig(r, b, "mean", "bytes_in", "mean", 0, UNIT_BYTES, NULL);
    b = cJSON_GetObjectItemCaseSensitive(root, "bytes_out");
    tool_json_fig(r, b, "total", "bytes_out", "total", 0, UNIT_BYTES, &r->bytes_sent);
    tool_json_fig(r, b, "mean", "bytes_out", "mean", 0, UNIT_BYTES, NULL);
    tool_json_fig(r, root, "success", "success", "ratio", 2, UNIT_PERCENT, &st.success_pct);

    static const char *const stamps[] = {"earliest", "latest", "end", NULL};
    for (size_t i = 0; stamps[i]; i++) {
        const char *s = jsontext_str(root, stamps[i]);
        if (s)
            run_add_param(r, stamps[i], s);
    }
    const cJSON *c;
    cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(root, "status_codes")) {
        if (c->string && jsontext_num(c, NULL, 0, &x, NULL, 0) == UNITS_OK)
            vg_status(r, &st, c->string, x);
    }
    cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(root, "errors")) {
        if (cJSON_IsString(c))
            run_add_count(r, "error", c->valuestring, RUN_NA);
    }
    vg_failures(r, &st, 1);
    run_set(&r->latency_metric, "latency");
    parse_emit(pr, r);
    return 0;
}

static int vgj_is_ours(const cJSON *root)
{
    return cJSON_IsObject(cJSON_GetObjectItemCaseSensitive(root, "latencies")) &&
           cJSON_GetObjectItemCaseSensitive(root, "status_codes") &&
           cJSON_GetObjectItemCaseSensitive(root, "requests");
}

static int vgj_parse(const struct text *t, struct parse_result *pr)
{
    static const struct tool_json json = {
        {"\"latencies\"", "\"status_codes\""}, {NULL}, vgj_is_ours, vgj_run,
        "vegeta-json: the report is cut short", "vegeta-json: not a vegeta JSON report"};
    return tool_json_parse(t, pr, &json);
}

static int vgj_sniff(const struct text *t)
{
    static const char *const keys[] = {"\"latencies\"", "\"status_codes\"", "\"bytes_in\"", NULL};
    return jsontext_has_all(t, keys) ? 95 : 0;
}

const struct parser parser_vegeta_json = {
    .name = "vegeta-json",
    .tool = "vegeta",
    .summary = "vegeta report -type=json (one or many, also inside log lines)",
    .sniff = vgj_sniff,
    .parse = vgj_parse,
    .parse_stream = NULL,
};
