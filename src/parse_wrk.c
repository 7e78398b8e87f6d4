/* parse_wrk.c - wrk's text output -> runs.
 *
 * What wrk prints (wrk.c, print_stats_header/print_stats/print_stats_latency):
 *
 *   Running 10s test @ http://localhost:8000          ("Making N requests to URL" before 3.0)
 *     2 threads and 10 connections
 *     Thread Stats   Avg      Stdev     Max   +/- Stdev
 *       Latency   141.10us   28.93us 508.00us   71.74%
 *       Req/Sec    34.24k   487.51    35.74k    76.73%
 *     Latency Distribution                             (with --latency)
 *        50%  234.00us
 *     688132 requests in 10.10s, 101.72MB read
 *     Socket errors: connect 0, read 0, write 0, timeout 53   (only when any)
 *     Non-2xx or 3xx responses: 522540                         (only when any)
 *   Requests/sec:  68133.61
 *   Transfer/sec:     10.07MB
 *
 * Times use wrk's units (us ms s m h), sizes are 1024-based (KB MB GB),
 * Req/Sec counts 1000-based (k M G). Forks add columns (Min) and rows
 * (Connect, TTFB, TTLB) and print thousands separators; Lua done()
 * scripts print more lines after Transfer/sec, which are kept as figures
 * of metric "script" when they are "Name: number" pairs, and as
 * percentiles when they are a percentile table. Every "Running" line
 * starts a new run: files with several outputs give several runs.
 *
 * Failures: wrk counts responses with status > 399 as "Non-2xx or 3xx" and
 * timeouts among completed requests; failed_requests is their sum and
 * failed_pct its share of requests. Socket connect/read/write errors are
 * not requests; they are kept as counts by kind. A run that completed no
 * request, or whose every request failed, is marked failed.
 *
 * Cut short: wrk always prints Transfer/sec last (a Lua done() script
 * prints after it). A run without it is incomplete, and so is one whose
 * script JSON block (announced by a "JSON Output" line) never closes. Its failures are derived only when
 * Requests/sec was read: the Socket errors and Non-2xx lines, printed
 * only when non-zero, come before it, so their absence is known only
 * then. Lines a done() script prints after Transfer/sec have no end mark:
 * a cut among them cannot be told. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "buf.h"
#include "parse.h"
#include "units.h"

#define MAXTOK 16

struct wrk_state {
    struct run *run;
    /* Thread Stats headers seen in this run, lowercased column names: a
     * fork prints two (with and without Min); a row uses the one whose
     * width it has. */
    char cols[2][MAXTOK][16];
    size_t ncols[2];
    size_t nheaders;
    int in_dist;           /* inside "Latency Distribution" */
    int in_script_pcts;    /* inside a Lua "Latency percentiles:" table */
    int after_rps;         /* Requests/sec was read: failures are known */
    int after_transfer;    /* past Transfer/sec: Lua done() territory */
    int after_blank;       /* ... and a blank line seen since */
    int json_pending;      /* "JSON Output" was printed, its block not yet closed */
    struct buf json;       /* a JSON block printed by a Lua done() script */
    int json_depth;
    double socket_errors;  /* connect + read + write */
    double timeouts;
    struct buf script;     /* unparsed lines printed after the report */
};

static int tok_time(struct tok t, double *ms)
{
    return units_duration_ms(t.s, t.n, ms);
}

/* "Running 10s test @ URL", "Running 2m test @ URL", "Making N requests to URL". */
static int run_start(const struct line *l, const char **url, size_t *url_len, struct tok *dur)
{
    /* The first word decides; most lines are not worth splitting. */
    const char *w = str_skip_blank(l->s);
    if (!((str_starts(w, "Running") && (w[7] == ' ' || w[7] == '\t')) ||
          (str_starts(w, "Making") && (w[6] == ' ' || w[6] == '\t'))))
        return 0;
    struct tok t[MAXTOK];
    size_t n = tok_split(l->s, l->n, t, MAXTOK);
    if (n >= 5 && tok_eq(t[0], "Running") && tok_eq(t[2], "test") && tok_eq(t[3], "@")) {
        *dur = t[1];
        *url = t[4].s;
        *url_len = t[4].n;
        return 1;
    }
    if (n >= 5 && tok_eq(t[0], "Making") && tok_eq(t[2], "requests") && tok_eq(t[3], "to")) {
        dur->s = NULL;
        dur->n = 0;
        *url = t[4].s;
        *url_len = t[4].n;
        return 1;
    }
    return 0;
}

/* A shell line that ran wrk: "$ wrk -t2 ...", "wrk-cmm -t2 ...",
 * "./lib/wrk/wrk --script ...". */
static int is_command(const struct line *l)
{
    const char *s = str_skip_blank(l->s);
    if (s[0] == '$' || s[0] == '#' || s[0] == '>')
        s = str_skip_blank(s + 1);
    if (str_starts(s, "sudo "))
        s = str_skip_blank(s + 5);
    const char *w = strstr(s, "wrk");
    if (!w)
        return 0;
    /* the program word must be the first word of the command */
    const char *sp = strpbrk(s, " \t");
    if (!sp || w > sp)
        return 0;
    return strstr(sp, " -") != NULL || strstr(sp, "http") != NULL;
}

static void finish(struct wrk_state *ws, struct parse_result *pr)
{
    struct run *r = ws->run;
    if (!r)
        return;
    if (ws->script.len)
        run_add_param(r, "script_output", buf_str(&ws->script));
    int complete = ws->after_transfer && ws->json_depth == 0 && !ws->json_pending;
    buf_reset(&ws->script);
    buf_reset(&ws->json);
    ws->json_depth = 0;
    /* Failures, as documented above. */
    double non2xx = run_has(r->non2xx) ? r->non2xx : 0;
    if (run_has(r->requests) && ws->after_rps) {
        r->failed_requests = non2xx + ws->timeouts;
        if (r->requests > 0)
            r->failed_pct = 100.0 * r->failed_requests / r->requests;
        if (r->requests == 0 || r->failed_requests >= r->requests)
            r->state = RUN_STATE_FAILED;
    }
    if (!complete)
        r->state = RUN_STATE_INCOMPLETE;
    if (!r->latency_metric)
        r->latency_metric = xstrdup("latency");
    parse_emit(pr, r);
    ws->run = NULL;
}

/* "Thread Stats   Avg      Stdev     Max   +/- Stdev" */
static int stats_header(struct wrk_state *ws, const struct line *l)
{
    struct tok t[MAXTOK];
    size_t n = tok_split(l->s, l->n, t, MAXTOK);
    if (n < 3 || !tok_eq(t[0], "Thread") || !tok_eq(t[1], "Stats"))
        return 0;
    size_t h = ws->nheaders < 2 ? ws->nheaders++ : 1;
    char (*cols)[16] = ws->cols[h];
    size_t nc = 0;
    for (size_t i = 2; i < n && i < MAXTOK && nc < MAXTOK; i++) {
        if (tok_eq(t[i], "+/-") && i + 1 < n) {
            snprintf(cols[nc++], 16, "+/- stdev");
            i++;
            continue;
        }
        size_t k = t[i].n < 15 ? t[i].n : 15;
        for (size_t j = 0; j < k; j++)
            cols[nc][j] = (char)(t[i].s[j] >= 'A' && t[i].s[j] <= 'Z' ? t[i].s[j] + 32 : t[i].s[j]);
        cols[nc][k] = '\0';
        nc++;
    }
    ws->ncols[h] = nc;
    return 1;
}

/* "Latency   141.10us   28.93us 508.00us   71.74%" and friends. */
static int stats_row(struct wrk_state *ws, const struct line *l, struct parse_result *pr)
{
    struct tok t[MAXTOK];
    size_t n = tok_split(l->s, l->n, t, MAXTOK);
    size_t h = ws->nheaders;
    for (size_t k = 0; k < ws->nheaders; k++)
        if (ws->ncols[k] == n - 1)
            h = k;
    if (n < 2 || h == ws->nheaders)
        return 0;
    char (*cols)[16] = ws->cols[h];
    size_t ncols = ws->ncols[h];
    static const struct { const char *row, *metric; int is_time; } rows[] = {
        {"Latency", "latency", 1}, {"Req/Sec", "req_per_sec", 0}, {"Connect", "connect", 1},
        {"TTFB", "ttfb", 1},       {"TTLB", "ttlb", 1},
    };
    size_t which = sizeof rows / sizeof rows[0];
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
        if (tok_eq(t[0], rows[i].row))
            which = i;
    if (which == sizeof rows / sizeof rows[0])
        return 0;
    struct run *r = ws->run;
    for (size_t c = 0; c < ncols; c++) {
        struct tok v = t[c + 1];
        char text[64];
        double x;
        int rc;
        const char *unit;
        snprintf(text, sizeof text, "%.*s", (int)v.n, v.s);
        if (strcmp(cols[c], "+/- stdev") == 0) {
            rc = units_percent(v.s, v.n, &x);
            unit = UNIT_PERCENT;
        } else if (rows[which].is_time) {
            rc = tok_time(v, &x);
            unit = UNIT_MS;
        } else {
            rc = units_count(v.s, v.n, &x);
            unit = UNIT_PER_S;
        }
        if (rc == UNITS_BAD)
            return parse_fail(pr, l->no, "wrk: cannot read \"%s\" in the %s row", text, rows[which].row);
        run_add_figure(r, rows[which].metric, cols[c], x, unit, text);
        if (which == 0) {
            if (strcmp(cols[c], "avg") == 0)
                r->lat_avg = x;
            else if (strcmp(cols[c], "stdev") == 0)
                r->lat_stdev = x;
            else if (strcmp(cols[c], "max") == 0)
                r->lat_max = x;
            else if (strcmp(cols[c], "min") == 0)
                r->lat_min = x;
        }
    }
    return 1;
}

/* "50%  234.00us", "50.00%    1.22ms", and Lua tables "  99.9%     6.54ms". */
static int percentile_row(const struct line *l, double *pct, double *ms, struct tok *vt)
{
    struct tok t[4];
    size_t n = tok_split(l->s, l->n, t, 4);
    if (n != 2)
        return 0;
    if (units_percent(t[0].s, t[0].n, pct) != UNITS_OK)
        return 0;
    int rc = tok_time(t[1], ms);
    if (rc == UNITS_BAD)
        return 0;
    *vt = t[1];
    return 1;
}

/* "688132 requests in 10.10s, 101.72MB read" */
static int totals_row(struct wrk_state *ws, const struct line *l, struct parse_result *pr)
{
    struct tok t[8];
    size_t n = tok_split(l->s, l->n, t, 8);
    if (n != 6 || !tok_eq(t[1], "requests") || !tok_eq(t[2], "in") || !tok_eq(t[5], "read"))
        return 0;
    struct run *r = ws->run;
    double req, ms, bytes;
    if (units_number(t[0].s, t[0].n, 1, &req) != UNITS_OK)
        return parse_fail(pr, l->no, "wrk: bad request count \"%.*s\"", (int)t[0].n, t[0].s);
    struct tok d = t[3];
    if (d.n > 0 && d.s[d.n - 1] == ',')
        d.n--;
    if (tok_time(d, &ms) != UNITS_OK)
        return parse_fail(pr, l->no, "wrk: bad duration \"%.*s\"", (int)d.n, d.s);
    if (units_bytes(t[4].s, t[4].n, 1024, &bytes) != UNITS_OK)
        return parse_fail(pr, l->no, "wrk: bad size \"%.*s\"", (int)t[4].n, t[4].s);
    char text[64];
    r->requests = req;
    r->duration_s = ms / 1000.0;
    r->bytes_received = bytes;
    snprintf(text, sizeof text, "%.*s", (int)t[0].n, t[0].s);
    run_add_figure(r, "requests", "count", req, UNIT_COUNT, text);
    snprintf(text, sizeof text, "%.*s", (int)d.n, d.s);
    run_add_figure(r, "duration", "total", ms, UNIT_MS, text);
    snprintf(text, sizeof text, "%.*s", (int)t[4].n, t[4].s);
    run_add_figure(r, "data_read", "total", bytes, UNIT_BYTES, text);
    return 1;
}

/* "Socket errors: connect 0, read 341, write 1, timeout 0" */
static int socket_errors(struct wrk_state *ws, const struct line *l, struct parse_result *pr)
{
    const char *s = str_skip_blank(l->s);
    if (!str_starts(s, "Socket errors:"))
        return 0;
    struct tok t[MAXTOK];
    size_t n = tok_split(s + 14, strlen(s + 14), t, MAXTOK);
    for (size_t i = 0; i + 1 < n && i + 1 < MAXTOK; i += 2) {
        struct tok v = t[i + 1];
        if (v.n > 0 && v.s[v.n - 1] == ',')
            v.n--;
        double x;
        if (units_number(v.s, v.n, 1, &x) != UNITS_OK)
            return parse_fail(pr, l->no, "wrk: bad socket error count \"%.*s\"", (int)v.n, v.s);
        char kind[32];
        snprintf(kind, sizeof kind, "%.*s", (int)t[i].n, t[i].s);
        run_add_count(ws->run, kind, NULL, x);
        if (strcmp(kind, "timeout") == 0)
            ws->timeouts += x;
        else
            ws->socket_errors += x;
    }
    return 1;
}

/* "Label:   value" with the value read by `scan`. */
static const char *labelled(const struct line *l, const char *label)
{
    const char *s = str_skip_blank(l->s);
    if (!str_starts(s, label))
        return NULL;
    return str_skip_blank(s + strlen(label));
}

/* Lua done() output: "Name: number[unit]" pairs become figures. */
static void script_line(struct wrk_state *ws, const struct line *l)
{
    const char *s = str_skip_blank(l->s);
    const char *colon = strrchr(s, ':');
    double x;
    if (colon && colon > s && colon[1] == ' ') {
        const char *v = str_skip_blank(colon + 1);
        size_t vn = strlen(v);
        if (vn > 0 && units_number(v, vn, 1, &x) == UNITS_OK) {
            char stat[128];
            snprintf(stat, sizeof stat, "%.*s", (int)(colon - s), s);
            run_add_figure(ws->run, "script", stat, x, UNIT_COUNT, v);
            return;
        }
    }
    if (ws->script.len)
        buf_addc(&ws->script, '\n');
    buf_adds(&ws->script, s);
}

/* A JSON object printed by a Lua done() script (the json.lua of wrk
 * forks): its numbers become figures of metric "script_json", and a
 * latency_distribution array of {percentile, latency_in_microseconds}
 * becomes percentiles of metric "script_json_latency". */
static void script_json(struct wrk_state *ws)
{
    cJSON *root = cJSON_ParseWithLength(buf_str(&ws->json), ws->json.len);
    buf_reset(&ws->json);
    if (!root)
        return;
    for (cJSON *it = root->child; it; it = it->next) {
        char text[64];
        if (cJSON_IsNumber(it)) {
            units_format(text, sizeof text, it->valuedouble);
            run_add_figure(ws->run, "script_json", it->string, it->valuedouble, UNIT_COUNT, text);
        } else if (cJSON_IsArray(it) && strcmp(it->string, "latency_distribution") == 0) {
            for (cJSON *e = it->child; e; e = e->next) {
                cJSON *p = cJSON_GetObjectItemCaseSensitive(e, "percentile");
                cJSON *v = cJSON_GetObjectItemCaseSensitive(e, "latency_in_microseconds");
                double ms;
                if (!cJSON_IsNumber(p) || !cJSON_IsNumber(v))
                    continue;
                units_format(text, sizeof text, v->valuedouble);
                if (units_scaled(text, strlen(text), 0, -3, 1, &ms) != UNITS_OK)
                    continue;
                run_add_percentile(ws->run, "script_json_latency", p->valuedouble, ms, UNIT_MS,
                                   text, -1);
            }
        }
    }
    cJSON_Delete(root);
}

static int wrk_parse(const struct text *t, struct parse_result *pr)
{
    struct wrk_state ws;
    memset(&ws, 0, sizeof ws);
    size_t last_end = 0; /* lines before this belong to an earlier run */

    for (size_t i = 0; i < t->n; i++) {
        const struct line *l = &t->lines[i];
        const char *url;
        size_t url_len;
        struct tok dur;
        const char *v;
        double x, pct, ms;
        struct tok vt;

        if (run_start(l, &url, &url_len, &dur)) {
            finish(&ws, pr);
            ws.nheaders = 0;
            ws.in_dist = ws.in_script_pcts = ws.after_transfer = ws.after_blank = 0;
            ws.after_rps = ws.json_pending = 0;
            ws.socket_errors = ws.timeouts = 0;
            ws.run = run_new("wrk", "wrk");
            ws.run->first_line = l->no;
            run_setn(&ws.run->url, url, url_len);
            if (dur.n) {
                char text[32];
                snprintf(text, sizeof text, "%.*s", (int)dur.n, dur.s);
                run_add_param(ws.run, "duration", text);
            }
            /* The command line, if printed just before. */
            for (size_t k = i; k-- > last_end && k + 4 > i;) {
                if (line_blank(&t->lines[k]))
                    continue;
                if (is_command(&t->lines[k])) {
                    const char *s = str_skip_blank(t->lines[k].s);
                    if (*s == '$' || *s == '#' || *s == '>')
                        s = str_skip_blank(s + 1);
                    run_set(&ws.run->command, s);
                    ws.run->first_line = t->lines[k].no;
                    break;
                }
            }
            continue;
        }
        if (!ws.run)
            continue;
        if (line_blank(l)) {
            ws.in_dist = 0;
            if (ws.after_transfer && !ws.json_depth)
                ws.after_blank = 1;
            continue;
        }
        int prev_last = ws.run->last_line;
        ws.run->last_line = l->no; /* undone below if the line is not ours */

        if (ws.in_dist || ws.in_script_pcts) {
            if (percentile_row(l, &pct, &ms, &vt)) {
                char text[32];
                snprintf(text, sizeof text, "%.*s", (int)vt.n, vt.s);
                /* wrk's Lua latency:percentile(100) returns 0: a known
                 * quirk, not a measurement. */
                if (ws.in_script_pcts && pct == 100 && ms == 0 && ws.run->npcts > 0)
                    continue;
                run_add_percentile(ws.run, "latency", pct, ms, UNIT_MS, text, -1);
                continue;
            }
            ws.in_dist = ws.in_script_pcts = 0;
        }

        struct tok tt[MAXTOK];
        size_t n = tok_split(l->s, l->n, tt, MAXTOK);
        if (n == 5 && tok_eq(tt[1], "threads") && tok_eq(tt[2], "and") &&
            (tok_eq(tt[4], "connections") || tok_eq(tt[4], "connection"))) {
            units_number(tt[0].s, tt[0].n, 1, &ws.run->threads);
            units_number(tt[3].s, tt[3].n, 1, &ws.run->connections);
            continue;
        }
        if (stats_header(&ws, l))
            continue;
        int rc = stats_row(&ws, l, pr);
        if (rc < 0)
            goto fail;
        if (rc)
            continue;
        if (str_starts(str_skip_blank(l->s), "Latency Distribution")) {
            ws.in_dist = 1;
            continue;
        }
        if ((rc = totals_row(&ws, l, pr)) != 0) {
            if (rc < 0)
                goto fail;
            continue;
        }
        if ((rc = socket_errors(&ws, l, pr)) != 0) {
            if (rc < 0)
                goto fail;
            continue;
        }
        if ((v = labelled(l, "Non-2xx or 3xx responses:")) != NULL) {
            if (units_number(v, strlen(v), 1, &x) != UNITS_OK) {
                parse_fail(pr, l->no, "wrk: bad Non-2xx count \"%s\"", v);
                goto fail;
            }
            ws.run->non2xx = x;
            run_add_figure(ws.run, "non2xx_3xx_responses", "count", x, UNIT_COUNT, v);
            continue;
        }
        if ((v = labelled(l, "Requests/sec:")) != NULL) {
            rc = units_number(v, strlen(v), 1, &x);
            if (rc == UNITS_BAD) {
                parse_fail(pr, l->no, "wrk: bad Requests/sec \"%s\"", v);
                goto fail;
            }
            ws.run->rps = x;
            run_add_figure(ws.run, "requests_per_sec", "value", x, UNIT_PER_S, v);
            ws.after_rps = 1;
            continue;
        }
        if ((v = labelled(l, "Transfer/sec:")) != NULL) {
            if (units_bytes(v, strlen(v), 1024, &x) == UNITS_BAD) {
                parse_fail(pr, l->no, "wrk: bad Transfer/sec \"%s\"", v);
                goto fail;
            }
            run_add_figure(ws.run, "transfer_per_sec", "value", x, UNIT_BYTES_PER_S, v);
            ws.after_transfer = 1;
            continue;
        }
        if (ws.after_transfer) {
            const char *s = str_skip_blank(l->s);
            if (ws.json_depth > 0 || (s[0] == '{' && s[1] == '\0')) {
                /* a JSON block: collect it to its closing brace */
                buf_adds(&ws.json, s);
                buf_addc(&ws.json, '\n');
                for (const char *c = s; *c; c++)
                    ws.json_depth += *c == '{' ? 1 : *c == '}' ? -1 : 0;
                if (ws.json_depth <= 0) {
                    ws.json_depth = 0;
                    ws.json_pending = 0;
                    script_json(&ws);
                }
                continue;
            }
            if (str_starts(s, "Latency percentiles") || str_starts(s, "Latency Distribution")) {
                ws.in_script_pcts = 1;
                continue;
            }
            if (strcmp(s, "JSON Output") == 0) {
                ws.after_blank = 0; /* its block follows a blank line */
                ws.json_pending = 1;
                continue;
            }
            if (strspn(s, "-=.") == strlen(s))
                continue; /* a rule, or an elision "..." */
            /* A Lua done() script prints straight after Transfer/sec; after a
             * blank line only a JSON block continues the run. Markdown and
             * prose end it. */
            if (ws.after_blank || str_starts(s, "```") || str_starts(s, "**") || s[0] == '#' ||
                is_command(l)) {
                ws.run->last_line = prev_last;
                finish(&ws, pr);
                last_end = i;
                continue;
            }
            script_line(&ws, l);
            continue;
        }
        ws.run->last_line = prev_last; /* text around the output, not part of it */
    }
    finish(&ws, pr);
    buf_free(&ws.script);
    buf_free(&ws.json);
    return 0;
fail:
    run_free(ws.run);
    buf_free(&ws.script);
    buf_free(&ws.json);
    return -1;
}

static int any_run_start(const struct text *t)
{
    for (size_t i = 0; i < t->n; i++) {
        const char *url;
        size_t ul;
        struct tok d;
        if (run_start(&t->lines[i], &url, &ul, &d))
            return 1;
    }
    return 0;
}

static int wrk_sniff(const struct text *t)
{
    int running = 0, rps = 0, stats = 0, hdr = 0, threads = 0;
    if (!any_run_start(t))
        return 0; /* nothing below counts without it: looked for first */
    for (size_t i = 0; i < t->n; i++) {
        const struct line *l = &t->lines[i];
        const char *url;
        size_t ul;
        struct tok d;
        if (run_start(l, &url, &ul, &d))
            running = 1;
        else if (str_starts(str_skip_blank(l->s), "Requests/sec:"))
            rps = 1;
        else if (str_starts(str_skip_blank(l->s), "Thread Stats"))
            stats = 1;
        else if (line_find(l, " threads and ") && line_find(l, "connection"))
            threads = 1;
        else if (line_find(l, "HdrHistogram") || line_find(l, "Detailed Percentile spectrum"))
            hdr = 1;
    }
    if (!running || !(rps || stats || threads))
        return 0;
    if (!rps)
        return 30; /* a wrk output cut short: wrk's parser says what is missing */
    /* wrk2 prints the same frame plus an HdrHistogram: wrk2's parser is
     * the better reader of those. */
    return hdr ? 40 : stats ? 90 : 70;
}

const struct parser parser_wrk = {
    .name = "wrk",
    .tool = "wrk",
    .summary = "wrk text output (with or without --latency, Lua done() lines)",
    .sniff = wrk_sniff,
    .parse = wrk_parse,
    .parse_stream = NULL,
};
