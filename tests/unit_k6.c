/* unit_k6.c - what the k6 golden files cannot show.
 *
 * - ANSI colours, CRLF and docker-compose prefixes around a real summary
 *   give the same run as the bare summary;
 * - summaries parse_text() refuses (no http_reqs) are still read right:
 *   terminal-wrapped values, unitless Trends, tag values with ':' and '/';
 * - the two JSON shapes store a threshold's boolean the right way round;
 * - neither sniff claims k6's raw --out json / --out csv;
 * - truncated and garbage inputs are refused or read, never a crash.
 * The summary texts below are lines of tests/fixtures/k6 files. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "parse.h"

static int failures;

#define CHECK(cond)                                                                     \
    do {                                                                                \
        if (!(cond)) {                                                                  \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);    \
            failures++;                                                                 \
        }                                                                               \
    } while (0)

/* Runs parser `name` on s (without parse_text's request check when raw). */
static int run_parser(const char *name, const char *s, size_t n, int raw, struct parse_result *pr)
{
    struct text t;
    const struct parser *p = parser_find(name);
    text_split(&t, s, n);
    parse_result_init(pr);
    int rc = raw ? p->parse(&t, pr) : parse_text(p, &t, pr);
    text_free(&t);
    return rc;
}

static char *dump(const struct parse_result *pr)
{
    char *out = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&out, &len);
    for (size_t i = 0; i < pr->nruns; i++)
        run_dump(fp, pr->runs[i]);
    fprintf(fp, "err=%d %s\n", pr->err_line, pr->err);
    fclose(fp);
    return out;
}

static const struct run_figure *fig(const struct parse_result *pr, const char *m, const char *s)
{
    return pr->nruns ? run_figure_get(pr->runs[0], m, s) : NULL;
}

static const struct run_threshold *thr(const struct parse_result *pr, const char *m, const char *e)
{
    const struct run *r = pr->nruns ? pr->runs[0] : NULL;
    for (size_t i = 0; r && i < r->nthresholds; i++)
        if (strcmp(r->thresholds[i].metric, m) == 0 &&
            ((!e && !r->thresholds[i].expr) || (e && r->thresholds[i].expr && strcmp(r->thresholds[i].expr, e) == 0)))
            return &r->thresholds[i];
    return NULL;
}

/* seed000__01-aiohttp.txt */
static const char *const aiohttp[] = {
    "data_received.....: 13 MB 190 kB/s",
    "data_sent.....: 3.1 MB 45 kB/s",
    "http_req_duration.....: avg=650.66ms min=14.76ms med=449.66ms max=2.82s p(90)=1.59s p(95)=1.85s",
    "  { expected_response:true } ... : avg=650.66ms min=14.76ms med=449.66ms max=2.82s p(90)=1.59s p(95)=1.85s",
    "http_req_failed.....: 0.00% \xe2\x9c\x93 0 \xe2\x9c\x97 34065",
    "http_reqs.....: 34065 484.821487/s",
    "vus_max.....: 1000 min=1000 max=1000",
    NULL,
};

/* The same lines as k6 colours them, with CRLF and a compose v2 prefix. */
static void test_wrappers(void)
{
    struct buf bare = BUF_INIT, wrapped = BUF_INIT;
    for (size_t i = 0; aiohttp[i]; i++) {
        buf_printf(&bare, "%s\n", aiohttp[i]);
        buf_adds(&wrapped, "k6-1  | \x1b[0m");
        for (const char *s = aiohttp[i]; *s; s++) {
            if (*s == '=' || *s == ':')
                buf_printf(&wrapped, "%c\x1b[36m", *s);
            else if (*s == ' ')
                buf_adds(&wrapped, "\x1b[0m ");
            else
                buf_addc(&wrapped, *s);
        }
        buf_adds(&wrapped, "\x1b[0m\r\n");
    }
    struct parse_result a, b;
    CHECK(run_parser("k6-text", bare.data, bare.len, 0, &a) == 0);
    CHECK(run_parser("k6-text", wrapped.data, wrapped.len, 0, &b) == 0);
    char *da = dump(&a), *db = dump(&b);
    CHECK(strcmp(da, db) == 0);
    CHECK(a.nruns == 1);
    if (a.nruns == 1) {
        const struct run *r = a.runs[0];
        CHECK(r->requests == 34065);
        CHECK(r->rps == 484.821487);
        CHECK(run_latency_pct(r, 90) == 1590);
        CHECK(run_percentile_get(r, "http_req_duration{expected_response:true}", 95) == 1850);
        CHECK(r->failed_requests == 0 && r->failed_pct == 0);
        CHECK(r->bytes_received == 13000000);
    }
    free(da);
    free(db);
    parse_result_free(&a);
    parse_result_free(&b);
    buf_free(&bare);
    buf_free(&wrapped);
}

/* legacy-text__grafana_k6__issue588-terminal-wrapped-values.txt: the
 * terminal split "max=31.53s" as "max=3", 190 blanks, "1.53s". */
static void test_terminal_wrap(void)
{
    struct buf b = BUF_INIT;
    buf_adds(&b, "    data_received..............: 3.8 MB 64 kB/s\n");
    buf_adds(&b, "    group_duration.............: avg=31.53s   min=31.53s       med=31.53s  max=3");
    for (int i = 0; i < 190; i++)
        buf_addc(&b, ' ');
    buf_adds(&b, "1.53s   p(90)=31.53s   p(95)=31.53s\n");
    struct parse_result pr;
    CHECK(run_parser("k6-text", b.data, b.len, 1, &pr) == 0);
    const struct run_figure *f = fig(&pr, "group_duration", "max");
    CHECK(f && f->value == 31530 && strcmp(f->text, "31.53s") == 0);
    CHECK(pr.nruns && run_percentile_get(pr.runs[0], "group_duration", 95) == 31530);
    parse_result_free(&pr);
    /* refused as a whole: no http_reqs */
    CHECK(run_parser("k6-text", b.data, b.len, 0, &pr) < 0);
    CHECK(strstr(pr.err, "without a request count") != NULL);
    parse_result_free(&pr);
    buf_free(&b);
}

/* legacy-text__grafana_k6__issue2439 (odd padding, unitless Trend, ms
 * unit), ...k6-docs__browser-web-vitals-unitless-cls and
 * ...browser-url-tag-submetric-thresholds, ...issue1052, ...issue669. */
static void test_refused_files(void)
{
    static const char odd[] =
        "     \xe2\x96\x88 Picking load test senaryosu \xc3\xa7" "al\xc4\xb1\xc5\x9ft\xc4\xb1r\xc4\xb1r\n"
        "\n"
        "       \xe2\x9c\x93 204 is 204\n"
        "\n"
        "     total_count...: avg=23275      min=23275      med=23275      max=23275      p(90)=23275      p(95)=23275\n"
        "     checks................................................: 100.00% \xe2\x9c\x93 1        \xe2\x9c\x97 0\n"
        "     group_duration........................................: avg=23275.72ms min=23275.72ms med=23275.72ms max=23275.72ms p(90)=23275.72ms p(95)=23275.72ms\n";
    struct parse_result pr;
    CHECK(run_parser("k6-text", odd, sizeof odd - 1, 1, &pr) == 0);
    const struct run_figure *f = fig(&pr, "total_count", "avg");
    CHECK(f && f->value == 23275 && strcmp(f->unit, "") == 0);
    f = fig(&pr, "group_duration", "avg");
    CHECK(f && f->value == 23275.72 && strcmp(f->unit, "ms") == 0);
    CHECK(pr.nruns && pr.runs[0]->nchecks == 1 &&
          strcmp(pr.runs[0]->checks[0].group, "Picking load test senaryosu \xc3\xa7" "al\xc4\xb1\xc5\x9ft\xc4\xb1r\xc4\xb1r") == 0);
    CHECK(pr.nruns && pr.runs[0]->checks_passed == 1 && pr.runs[0]->checks_failed == 0);
    parse_result_free(&pr);

    static const char cls[] =
        "  browser_http_req_failed.....: 0.00%   \xe2\x9c\x93 0        \xe2\x9c\x97 3\n"
        "  browser_web_vital_cls.......: avg=0        min=0       med=0        max=0        p(90)=0        p(95)=0\n"
        "  browser_web_vital_fid.......: avg=200\xc2\xb5s    min=200\xc2\xb5s   med=200\xc2\xb5s    max=200\xc2\xb5s    p(90)=200\xc2\xb5s    p(95)=200\xc2\xb5s\n";
    CHECK(run_parser("k6-text", cls, sizeof cls - 1, 1, &pr) == 0);
    f = fig(&pr, "browser_web_vital_cls", "max");
    CHECK(f && f->value == 0 && strcmp(f->unit, "") == 0);
    f = fig(&pr, "browser_web_vital_fid", "avg");
    CHECK(f && f->value == 0.2 && strcmp(f->unit, "ms") == 0);
    f = fig(&pr, "browser_http_req_failed", "fails");
    CHECK(f && f->value == 3);
    parse_result_free(&pr);

    static const char url[] =
        "  browser_web_vital_inp..........................: avg=0s       min=0s       med=0s       max=0s       p(90)=0s       p(95)=0s\n"
        "  \xe2\x9c\x93 { url:https://test.k6.io/ }..................: avg=0s       min=0s       med=0s       max=0s       p(90)=0s       p(95)=0s\n"
        "  \xe2\x9c\x93 { url:https://test.k6.io/my_messages.php }...: avg=0s       min=0s       med=0s       max=0s       p(90)=0s       p(95)=0s\n"
        "\xe2\x9c\x93 browser_web_vital_lcp..........................: avg=460.1ms  min=460.1ms  med=460.1ms  max=460.1ms  p(90)=460.1ms  p(95)=460.1ms\n";
    CHECK(run_parser("k6-text", url, sizeof url - 1, 1, &pr) == 0);
    const struct run_threshold *t = thr(&pr, "browser_web_vital_inp{url:https://test.k6.io/my_messages.php}", NULL);
    CHECK(t && t->ok == 1);
    CHECK(thr(&pr, "browser_web_vital_inp{url:https://test.k6.io/}", NULL) != NULL);
    t = thr(&pr, "browser_web_vital_lcp", NULL);
    CHECK(t && t->ok == 1);
    CHECK(pr.nruns && run_percentile_get(pr.runs[0], "browser_web_vital_lcp", 90) == 460.1);
    parse_result_free(&pr);

    static const char zero[] =
        "    done [==========================================================] 1 / 1\n"
        "\n"
        "    iterations...........: 1       0/s\n"
        "  \xe2\x9c\x93 some-rate............: 100.00% \xe2\x9c\x93 1   \xe2\x9c\x97 0  \n";
    CHECK(run_parser("k6-text", zero, sizeof zero - 1, 1, &pr) == 0);
    f = fig(&pr, "iterations", "rate");
    CHECK(f && f->value == 0 && strcmp(f->unit, "/s") == 0);
    t = thr(&pr, "some-rate", NULL);
    CHECK(t && t->ok == 1);
    f = fig(&pr, "done", "iterations");
    CHECK(f && f->value == 1);
    CHECK(pr.nruns && !run_has(pr.runs[0]->duration_s));
    parse_result_free(&pr);

    /* k6's own inconsistency (issue #669): kept as printed */
    static const char incons[] =
        "    \xe2\x9c\x97 milliseconds < 500\n"
        "     \xe2\x86\xb3  50% \xe2\x80\x94 \xe2\x9c\x93 872 / \xe2\x9c\x97 858\n"
        "\n"
        "    checks...............: 100.00% \xe2\x9c\x93 872 \xe2\x9c\x97 0  \n";
    CHECK(run_parser("k6-text", incons, sizeof incons - 1, 1, &pr) == 0);
    CHECK(pr.nruns && pr.runs[0]->nchecks == 1 && pr.runs[0]->checks[0].passes == 872 &&
          pr.runs[0]->checks[0].fails == 858);
    CHECK(pr.nruns && pr.runs[0]->checks_passed == 872 && pr.runs[0]->checks_failed == 0);
    parse_result_free(&pr);
}

/* Two summaries in one file, and a metric printed twice, make two runs. */
static void test_two_runs(void)
{
    static const char two[] =
        "running (10.0s), 0/1 VUs, 5 complete and 0 interrupted iterations\n"
        "     http_reqs......................: 5      0.5/s\n"
        "     iterations.....................: 5      0.5/s\n"
        "some prose between the runs\n"
        "running (20.0s), 0/1 VUs, 8 complete and 0 interrupted iterations\n"
        "     http_reqs......................: 8      0.4/s\n";
    struct parse_result pr;
    CHECK(run_parser("k6-text", two, sizeof two - 1, 0, &pr) == 0);
    CHECK(pr.nruns == 2);
    if (pr.nruns == 2) {
        CHECK(pr.runs[0]->requests == 5 && pr.runs[0]->duration_s == 10);
        CHECK(pr.runs[0]->first_line == 1 && pr.runs[0]->last_line == 3);
        CHECK(pr.runs[1]->requests == 8 && pr.runs[1]->duration_s == 20);
        CHECK(pr.runs[1]->first_line == 5 && pr.runs[1]->last_line == 6);
    }
    parse_result_free(&pr);
}

/* --summary-export writes !ok ("crossed"); handleSummary data writes ok. */
static void test_json_thresholds(void)
{
    static const char exported[] =
        "{\"metrics\": {\"http_reqs\": {\"count\": 10, \"rate\": 2.5},\n"
        " \"http_req_duration\": {\"avg\": 1.5, \"min\": 1, \"med\": 1.5, \"max\": 2, \"p(95)\": 1.9,\n"
        "   \"thresholds\": {\"p(95)<1\": true, \"p(95)<500\": false}},\n"
        " \"http_req_failed\": {\"passes\": 10, \"fails\": 0, \"value\": 1}},\n"
        " \"root_group\": {\"name\": \"\", \"path\": \"\", \"groups\": {\"g\": {\"name\": \"g\", \"groups\": {},\n"
        "   \"checks\": {\"ok\": {\"name\": \"ok\", \"passes\": 3, \"fails\": 1}}}}, \"checks\": {}}}\n";
    struct parse_result pr;
    CHECK(run_parser("k6-summary-json", exported, sizeof exported - 1, 0, &pr) == 0);
    const struct run_threshold *t = thr(&pr, "http_req_duration", "p(95)<1");
    CHECK(t && t->ok == 0);
    t = thr(&pr, "http_req_duration", "p(95)<500");
    CHECK(t && t->ok == 1);
    CHECK(pr.nruns && pr.runs[0]->state == RUN_STATE_FAILED && pr.runs[0]->failed_pct == 100 &&
          pr.runs[0]->failed_requests == 10);
    CHECK(pr.nruns && pr.runs[0]->nchecks == 1 && strcmp(pr.runs[0]->checks[0].group, "g") == 0 &&
          pr.runs[0]->checks[0].passes == 3 && pr.runs[0]->checks[0].fails == 1);
    CHECK(pr.nruns && pr.runs[0]->lat_med == 1.5 && run_latency_pct(pr.runs[0], 95) == 1.9);
    parse_result_free(&pr);

    static const char data[] =
        "{\"state\": {\"testRunDurationMs\": 1000.5},\n"
        " \"metrics\": {\"http_reqs\": {\"type\": \"counter\", \"contains\": \"default\",\n"
        "   \"values\": {\"count\": 10, \"rate\": 2.5},\n"
        "   \"thresholds\": {\"count>100\": {\"ok\": false}, \"rate>1\": {\"ok\": true}}},\n"
        "  \"data_sent\": {\"type\": \"counter\", \"contains\": \"data\", \"values\": {\"count\": 4490, \"rate\": 540.5}},\n"
        "  \"http_req_failed\": {\"type\": \"rate\", \"contains\": \"default\",\n"
        "   \"values\": {\"rate\": 0.07, \"passes\": 7, \"fails\": 93}}},\n"
        " \"root_group\": {\"name\": \"\", \"groups\": [{\"name\": \"a\", \"groups\": [{\"name\": \"b\",\n"
        "   \"groups\": [], \"checks\": [{\"name\": \"c\", \"passes\": 1, \"fails\": 0}]}], \"checks\": []}],\n"
        "  \"checks\": []}}\n";
    CHECK(run_parser("k6-summary-json", data, sizeof data - 1, 0, &pr) == 0);
    t = thr(&pr, "http_reqs", "count>100");
    CHECK(t && t->ok == 0);
    t = thr(&pr, "http_reqs", "rate>1");
    CHECK(t && t->ok == 1);
    CHECK(pr.nruns && pr.runs[0]->failed_pct == 7 && pr.runs[0]->duration_s == 1.0005);
    const struct run_figure *f = fig(&pr, "data_sent", "rate");
    CHECK(f && strcmp(f->unit, "B/s") == 0 && f->value == 540.5);
    CHECK(pr.nruns && pr.runs[0]->nchecks == 1 && strcmp(pr.runs[0]->checks[0].group, "a::b") == 0);
    parse_result_free(&pr);
}

/* Lines of the ndjson__ and csv__ corpus files: other parsers' formats. */
static void test_sniff(void)
{
    static const char ndjson[] =
        "{\"type\":\"Metric\",\"data\":{\"name\":\"http_reqs\",\"type\":\"counter\",\"contains\":\"default\",\"thresholds\":[],\"submetrics\":null},\"metric\":\"http_reqs\"}\n"
        "{\"metric\":\"http_reqs\",\"type\":\"Point\",\"data\":{\"time\":\"2025-05-13T13:49:24.529764805+01:00\",\"value\":1,\"tags\":{\"expected_response\":\"true\",\"group\":\"\",\"method\":\"GET\",\"status\":\"200\"}}}\n";
    static const char csv[] =
        "metric_name,timestamp,metric_value,check,error,error_code,expected_response,group,method,name,proto,scenario,service,status,subproto,tls_version,url,extra_tags,metadata\n"
        "http_reqs,1747140564,1.000000,,,,true,,GET,http://localhost:8082/users/1,HTTP/1.1,default,,200,,,http://localhost:8082/users/1,,\n";
    static const char text[] =
        "     http_reqs......................: 5      0.5/s\n"
        "     iterations.....................: 5      0.5/s\n";
    const char *const inputs[] = {ndjson, csv};
    for (size_t i = 0; i < 2; i++) {
        struct text t;
        text_split(&t, inputs[i], strlen(inputs[i]));
        CHECK(parser_find("k6-text")->sniff(&t) == 0);
        CHECK(parser_find("k6-summary-json")->sniff(&t) == 0);
        text_free(&t);
    }
    struct text t;
    text_split(&t, text, strlen(text));
    CHECK(parser_find("k6-text")->sniff(&t) >= 90);
    CHECK(parser_find("k6-summary-json")->sniff(&t) == 0);
    CHECK(parser_detect(&t) == parser_find("k6-text"));
    text_free(&t);
}

/* Every cut of a v1 summary and of a JSON summary, and garbage. */
static void test_truncated(void)
{
    static const char v1[] =
        "  \xe2\x96\x88 THRESHOLDS \n\n    http_req_failed\n    \xe2\x9c\x97 'rate<0.10' rate=100.00%\n\n"
        "  \xe2\x96\x88 TOTAL RESULTS \n\n"
        "    checks_succeeded...: 100.00% 4 out of 4\n\n    \xe2\x9c\x97 status\n     \xe2\x86\xb3  50% \xe2\x80\x94 \xe2\x9c\x93 1 / \xe2\x9c\x97 1\n\n"
        "    HTTP\n    http_req_duration......: avg=146.61ms   min=0s       med=30.12ms max=1.32s p(90)=439.66ms p(95)=555.99ms\n"
        "    http_reqs..............: 436213  627.814673/s\n\n"
        "  \xe2\x96\x88 SCENARIO: x \n\n    \xe2\x86\xb3 GROUP: g \n      http_reqs....: 1 1/s\n";
    static const char js[] =
        "{\"metrics\": {\"http_reqs\": {\"type\": \"counter\", \"values\": {\"count\": 10, \"rate\": 2.5}}},"
        " \"root_group\": {\"checks\": [], \"groups\": []}}";
    static const char *const garbage[] = {
        "", "\n\n", "....: ", "x...: avg=", "\xe2\x9c\x93", "\xe2\x86\xb3", "\xe2\x96\x88 ",
        "a...: 1 min=", "a...: 1%", "a...: 1 x/s", "running (", "done [", "{", "{\"metrics\":1}",
        "{\"metrics\":{\"a\":1}}", "* x: (", "scenarios: (((", "a...: avg=1ms b", "\xe2\x96\x88 THRESHOLDS\n\xe2\x9c\x93 '",
    };
    const char *const docs[] = {v1, js};
    const char *const fmts[] = {"k6-text", "k6-summary-json"};
    for (size_t d = 0; d < 2; d++) {
        size_t n = strlen(docs[d]);
        for (size_t cut = 0; cut <= n; cut++) {
            struct parse_result pr;
            run_parser(fmts[d], docs[d], cut, 0, &pr);
            CHECK(pr.nruns > 0 || pr.err[0]);
            parse_result_free(&pr);
        }
    }
    for (size_t g = 0; g < sizeof garbage / sizeof garbage[0]; g++)
        for (size_t d = 0; d < 2; d++) {
            struct parse_result pr;
            run_parser(fmts[d], garbage[g], strlen(garbage[g]), 0, &pr);
            CHECK(pr.nruns > 0 || pr.err[0]);
            parse_result_free(&pr);
        }
    struct parse_result pr;
    CHECK(run_parser("k6-text", v1, strlen(v1), 0, &pr) == 0);
    CHECK(pr.nruns == 1);
    if (pr.nruns == 1) {
        const struct run *r = pr.runs[0];
        CHECK(r->state == RUN_STATE_FAILED || r->failed_pct != 100);
        CHECK(r->checks_passed == 4);
        CHECK(r->nchecks == 1 && r->checks[0].passes == 1 && r->checks[0].fails == 1);
        CHECK(r->nthresholds == 1 && r->thresholds[0].ok == 0 &&
              strcmp(r->thresholds[0].text, "rate=100.00%") == 0);
        CHECK(run_figure_get(r, "scenario:x/group:g/http_reqs", "count") != NULL);
        CHECK(r->requests == 436213);
    }
    parse_result_free(&pr);
}

/* Refuses text s: parser name fails at line `line` with message msg. */
static void refused(const char *name, const char *s, int line, const char *msg)
{
    struct parse_result pr;
    int rc = run_parser(name, s, strlen(s), 0, &pr);
    CHECK(rc < 0);
    CHECK(pr.err_line == line);
    if (strcmp(pr.err, msg) != 0) {
        fprintf(stderr, "got \"%s\" at %d, want \"%s\" at %d\n", pr.err, pr.err_line, msg, line);
        failures++;
    }
    parse_result_free(&pr);
}

/* A value k6 could not have printed is refused at its line; a log line
 * glued to the last value is not such a value. */
static void test_bad_figures(void)
{
    static const char glued[] =
        "     http_reqs......................: 5      0.5/s\n"
        "     vus_max........................: 100    min=100 max=100Process finished\n";
    struct parse_result pr;
    CHECK(run_parser("k6-text", glued, sizeof glued - 1, 0, &pr) == 0);
    CHECK(pr.nruns == 1 && pr.runs[0]->vus_max == 100 && pr.runs[0]->requests == 5);
    parse_result_free(&pr);

    refused("k6-text", "x\n     http_reqs....: 5x1    0.5/s\n", 2, "k6: cannot read \"5x1\" of http_reqs");
    refused("k6-text", "     http_reqs....: 5      0.5/s\n     vus_max....: 1 min=1x max=1\n", 2,
            "k6: cannot read min=1x of vus_max");
    refused("k6-text", "     http_reqs....: 5.5    0.5/s\n", 1,
            "k6: http_reqs count \"5.5\" is not a whole number within 64 bits");
    refused("k6-text", "     http_reqs....: 5    0.5/s\n     http_req_duration....: avg=nanms min=1ms\n", 2,
            "k6: http_req_duration avg \"nanms\" is not a number");
    refused("k6-text", "     http_reqs....: 5    0.5/s\n     checks....: 101.00% \xe2\x9c\x93 5 \xe2\x9c\x97 0\n", 2,
            "k6: the rate \"101.00%\" of checks is not a percentage from 0 to 100");

    /* JSON: the line of the metric's key */
    refused("k6-summary-json", "{\"metrics\": {\n \"http_reqs\": {\"count\": 1e400, \"rate\": 2.5}}}\n", 2,
            "k6: http_reqs count Inf is not a whole number within 64 bits");
    refused("k6-summary-json",
            "{\"metrics\": {\"http_reqs\": {\"count\": 10, \"rate\": 2.5},\n\n"
            " \"http_req_failed\": {\"passes\": 1, \"fails\": 9, \"value\": 1.5}}}\n", 3,
            "k6: http_req_failed rate 1.5 is more than 100%");
    refused("k6-summary-json", "{\"metrics\": {\"http_reqs\": {\"count\": 10, \"rate\": -2.5}}}\n", 1,
            "k6: http_reqs rate -2.5 is negative");
}

int main(void)
{
    test_wrappers();
    test_terminal_wrap();
    test_refused_files();
    test_two_runs();
    test_json_thresholds();
    test_bad_figures();
    test_sniff();
    test_truncated();
    if (failures)
        fprintf(stderr, "%d check(s) failed\n", failures);
    return failures != 0;
}
