/* wrk_common.c - the report frame of wrk and wrk2 (see wrk_common.h).
 *
 * Times use wrk's units (us ms s m h; "-nanus" is NaN), sizes are
 * 1024-based (KB MB GB), Req/Sec counts 1000-based (k M G). Forks add
 * Thread Stats columns (Min, 99%) and rows (Connect, TTFB, TTLB) and
 * print thousands separators: columns are taken from the header. */
#include "wrk_common.h"

#include <stdlib.h>
#include <string.h>

#include "tool_common.h"
#include "units.h"

void wrk_frame_reset(struct wrk_frame *f, struct run *r, const char *tool)
{
    memset(f, 0, sizeof(*f));
    f->run = r;
    f->tool = tool;
}

int wrk_run_start(const struct line *l, const char **url, size_t *url_len, struct tok *dur)
{
    /* The first word decides; most lines are not worth splitting. */
    const char *w = str_skip_blank(l->s);
    if (!((str_starts(w, "Running") && (w[7] == ' ' || w[7] == '\t')) ||
          (str_starts(w, "Making") && (w[6] == ' ' || w[6] == '\t'))))
        return 0;
    struct tok t[WRK_MAXTOK];
    size_t n = tok_split(l->s, l->n, t, WRK_MAXTOK);
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

const char *wrk_command_text(const struct line *l)
{
    const char *s = str_skip_blank(l->s);
    if (s[0] == '$' || s[0] == '#' || s[0] == '>')
        s = str_skip_blank(s + 1);
    return s;
}

int wrk_is_command(const struct line *l)
{
    const char *s = wrk_command_text(l);
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

int wrk_run_begin(struct run *r, const struct text *t, size_t i, size_t from, const char *url,
                  size_t url_len, struct tok dur)
{
    run_setn(&r->url, url, url_len);
    if (dur.n) {
        char text[32];
        snprintf(text, sizeof text, "%.*s", (int)dur.n, dur.s);
        run_add_param(r, "duration", text);
    }
    /* The command is printed just before the output, if at all. */
    for (size_t k = i; k-- > from && k + 4 > i;) {
        if (line_blank(&t->lines[k]))
            continue;
        if (wrk_is_command(&t->lines[k])) {
            run_set(&r->command, wrk_command_text(&t->lines[k]));
            r->first_line = t->lines[k].no;
            return 1;
        }
    }
    return 0;
}

/* "Thread Stats   Avg      Stdev     Max   +/- Stdev" */
static int stats_header(struct wrk_frame *f, const struct line *l)
{
    struct tok t[WRK_MAXTOK];
    size_t n = tok_split(l->s, l->n, t, WRK_MAXTOK);
    if (n < 3 || !tok_eq(t[0], "Thread") || !tok_eq(t[1], "Stats"))
        return 0;
    size_t h = f->nheaders < 2 ? f->nheaders++ : 1;
    char (*cols)[16] = f->cols[h];
    size_t nc = 0;
    for (size_t i = 2; i < n && i < WRK_MAXTOK && nc < WRK_MAXTOK; i++) {
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
    f->ncols[h] = nc;
    return 1;
}

/* "Latency   141.10us   28.93us 508.00us   71.74%" and friends. */
static int stats_row(struct wrk_frame *f, const struct line *l, struct parse_result *pr)
{
    struct tok t[WRK_MAXTOK];
    size_t n = tok_split(l->s, l->n, t, WRK_MAXTOK);
    size_t h = f->nheaders;
    for (size_t k = 0; k < f->nheaders; k++)
        if (f->ncols[k] == n - 1)
            h = k;
    if (n < 2 || h == f->nheaders)
        return 0;
    char (*cols)[16] = f->cols[h];
    size_t ncols = f->ncols[h];
    static const struct { const char *row, *metric; int is_time; } rows[] = {
        {"Latency", "latency", 1}, {"Req/Sec", "req_per_sec", 0}, {"Connect", "connect", 1},
        {"TTFB", "ttfb", 1},       {"TTLB", "ttlb", 1},
    };
    size_t nrows = sizeof rows / sizeof rows[0], which = nrows;
    for (size_t i = 0; i < nrows; i++)
        if (tok_eq(t[0], rows[i].row))
            which = i;
    if (which == nrows)
        return 0;
    struct run *r = f->run;
    char nan[64] = "";
    int measured = 0;
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
            rc = units_duration_ms(v.s, v.n, &x);
            unit = UNIT_MS;
        } else {
            rc = units_count(v.s, v.n, &x);
            unit = UNIT_PER_S;
        }
        if (rc == UNITS_BAD)
            return parse_fail(pr, l->no, "%s: cannot read \"%s\" in the %s row", f->tool, text,
                              rows[which].row);
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
        if (strcmp(unit, UNIT_MS) != 0)
            continue;
        if (rc == UNITS_NAN && !nan[0])
            snprintf(nan, sizeof nan, "%s", text);
        else if (x > 0)
            measured = 1;
    }
    /* wrk prints "-nanus" for the mean of no latencies; beside a latency
     * above zero a NaN is not that, but a damaged number. */
    if (nan[0] && measured)
        return parse_fail(pr, l->no, "%s: \"%s\" in the %s row is not a number, though the row "
                          "holds a measured time", f->tool, nan, rows[which].row);
    return 1;
}

int wrk_percentile_row(const struct line *l, double *pct, double *ms, struct tok *vt)
{
    struct tok t[4];
    size_t n = tok_split(l->s, l->n, t, 4);
    if (n != 2)
        return 0;
    if (units_percent(t[0].s, t[0].n, pct) != UNITS_OK)
        return 0;
    int rc = units_duration_ms(t[1].s, t[1].n, ms);
    if (rc == UNITS_BAD)
        return 0;
    *vt = t[1];
    return 1;
}

/* A count wrk printed (requests, socket errors, Non-2xx responses) into
 * *x: a whole number within 64 bits, else the file is refused at l. */
static int whole(struct wrk_frame *f, const char *s, size_t n, const char *what, double *x,
                 const struct line *l, struct parse_result *pr)
{
    const char *bad = tool_count_bad(s, n, 1, x);
    return bad ? parse_fail(pr, l->no, "%s: %s \"%.*s\" %s", f->tool, what, (int)n, s, bad) : 0;
}

/* "688132 requests in 10.10s, 101.72MB read" */
static int totals_row(struct wrk_frame *f, const struct line *l, struct parse_result *pr)
{
    struct tok t[8];
    size_t n = tok_split(l->s, l->n, t, 8);
    if (n != 6 || !tok_eq(t[1], "requests") || !tok_eq(t[2], "in") || !tok_eq(t[5], "read"))
        return 0;
    struct run *r = f->run;
    double req, ms, bytes;
    if (whole(f, t[0].s, t[0].n, "request count", &req, l, pr) < 0)
        return -1;
    struct tok d = t[3];
    if (d.n > 0 && d.s[d.n - 1] == ',')
        d.n--;
    if (units_duration_ms(d.s, d.n, &ms) != UNITS_OK)
        return parse_fail(pr, l->no, "%s: bad duration \"%.*s\"", f->tool, (int)d.n, d.s);
    if (units_bytes(t[4].s, t[4].n, 1024, &bytes) != UNITS_OK)
        return parse_fail(pr, l->no, "%s: bad size \"%.*s\"", f->tool, (int)t[4].n, t[4].s);
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
static int socket_errors(struct wrk_frame *f, const struct line *l, struct parse_result *pr)
{
    const char *s = str_skip_blank(l->s);
    if (!str_starts(s, "Socket errors:"))
        return 0;
    struct tok t[WRK_MAXTOK];
    size_t n = tok_split(s + 14, strlen(s + 14), t, WRK_MAXTOK);
    for (size_t i = 0; i + 1 < n && i + 1 < WRK_MAXTOK; i += 2) {
        struct tok v = t[i + 1];
        if (v.n > 0 && v.s[v.n - 1] == ',')
            v.n--;
        double x;
        if (whole(f, v.s, v.n, "socket error count", &x, l, pr) < 0)
            return -1;
        char kind[32];
        snprintf(kind, sizeof kind, "%.*s", (int)t[i].n, t[i].s);
        run_add_count(f->run, kind, NULL, x);
        if (strcmp(kind, "timeout") == 0)
            f->timeouts += x;
    }
    return 1;
}

const char *wrk_labelled(const struct line *l, const char *label)
{
    const char *s = str_skip_blank(l->s);
    if (!str_starts(s, label))
        return NULL;
    return str_skip_blank(s + strlen(label));
}

int wrk_frame_line(struct wrk_frame *f, const struct line *l, struct parse_result *pr)
{
    struct run *r = f->run;
    struct tok tt[WRK_MAXTOK];
    const char *v;
    double x;
    int rc;

    size_t n = tok_split(l->s, l->n, tt, WRK_MAXTOK);
    if (n == 5 && tok_eq(tt[1], "threads") && tok_eq(tt[2], "and") &&
        (tok_eq(tt[4], "connections") || tok_eq(tt[4], "connection"))) {
        units_number(tt[0].s, tt[0].n, 1, &r->threads);
        units_number(tt[3].s, tt[3].n, 1, &r->connections);
        return 1;
    }
    if (stats_header(f, l))
        return 1;
    if ((rc = stats_row(f, l, pr)) != 0)
        return rc;
    if ((rc = totals_row(f, l, pr)) != 0)
        return rc;
    if ((rc = socket_errors(f, l, pr)) != 0)
        return rc;
    if ((v = wrk_labelled(l, "Non-2xx or 3xx responses:")) != NULL) {
        if (whole(f, v, strlen(v), "Non-2xx count", &x, l, pr) < 0)
            return -1;
        r->non2xx = x;
        run_add_figure(r, "non2xx_3xx_responses", "count", x, UNIT_COUNT, v);
        return 1;
    }
    if ((v = wrk_labelled(l, "Requests/sec:")) != NULL) {
        /* wrk divides by the elapsed time, so the rate is always a number. */
        if (units_number(v, strlen(v), 1, &x) != UNITS_OK || x < 0)
            return parse_fail(pr, l->no, "%s: bad Requests/sec \"%s\"", f->tool, v);
        r->rps = x;
        run_add_figure(r, "requests_per_sec", "value", x, UNIT_PER_S, v);
        f->after_rps = 1;
        return 1;
    }
    if ((v = wrk_labelled(l, "Transfer/sec:")) != NULL) {
        if (units_bytes(v, strlen(v), 1024, &x) == UNITS_BAD)
            return parse_fail(pr, l->no, "%s: bad Transfer/sec \"%s\"", f->tool, v);
        run_add_figure(r, "transfer_per_sec", "value", x, UNIT_BYTES_PER_S, v);
        f->after_transfer = 1;
        return 1;
    }
    return 0;
}

void wrk_frame_failures(struct wrk_frame *f)
{
    struct run *r = f->run;
    double non2xx = run_has(r->non2xx) ? r->non2xx : 0;
    if (run_has(r->requests) && f->after_rps) {
        r->failed_requests = non2xx + f->timeouts;
        if (r->requests > 0)
            r->failed_pct = 100.0 * r->failed_requests / r->requests;
        if (r->requests == 0 || r->failed_requests >= r->requests)
            r->state = RUN_STATE_FAILED;
    }
    if (!f->after_transfer)
        r->state = RUN_STATE_INCOMPLETE;
}
