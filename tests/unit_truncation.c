/* unit_truncation.c - outputs cut short: for ten real outputs of ten
 * tools, every prefix that ends at a line boundary is read. It must be
 * refused, or give runs marked incomplete that hold only figures the full
 * output holds too, with the same values; a prefix that still holds all
 * of the output may give the complete run. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "check.h"
#include "ingest.h"

static const char *const fixtures[] = {
    "k6/seed000__01-aiohttp.txt",
    "wrk/live__wrk__t2_c50_d2s_latency.txt",
    "wrk2/giltene_wrk2__readme-u_latency-example1.txt",
    "hey/live__hey__z2s_c10.txt",
    "oha/retrokiller543_tosic-http__axum-bench-tabs.txt",
    "ab/live__ab__n2000_c10.txt",
    "h2load/live__h2load__h1_n2000_c10.txt",
    "bombardier/codesenberg_bombardier__issue28-p95-text.txt",
    "vegeta/edwintcloud_cloudenterprise__old-json-404-no-min.json",
    "autocannon/mcollina_autocannon__issue214-all-timeouts-maxsafeint.txt",
};

static char *dump(const struct run *r)
{
    char *text = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&text, &len);
    run_dump(mem, r);
    fclose(mem);
    return text;
}

/* Lines of a dump that describe figures (not where the run ends or its state). */
static int figure_line(const char *l)
{
    return strncmp(l, "lines = ", 8) != 0 && strncmp(l, "state = ", 8) != 0;
}

/* Every figure line of `part` is a line of `whole`. Returns the first that
 * is not, or NULL. */
static char *not_in(const char *part, const char *whole)
{
    const char *p = part;
    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        char *line = xstrndup(p, n);
        if (figure_line(line)) {
            int found = 0;
            for (const char *w = whole; *w;) {
                const char *wn = strchr(w, '\n');
                size_t wl = wn ? (size_t)(wn - w) : strlen(w);
                if (wl == n && memcmp(w, line, n) == 0) {
                    found = 1;
                    break;
                }
                w += wl + (wn ? 1 : 0);
            }
            if (!found)
                return line;
        }
        free(line);
        p += n + (nl ? 1 : 0);
    }
    return NULL;
}

static int same_figures(const char *a, const char *b)
{
    char *x = not_in(a, b), *y = not_in(b, a);
    int same = !x && !y;
    free(x);
    free(y);
    return same;
}

int main(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : "tests/fixtures";
    for (size_t f = 0; f < sizeof fixtures / sizeof fixtures[0]; f++) {
        char path[512];
        snprintf(path, sizeof path, "%s/%s", dir, fixtures[f]);
        FILE *fp = fopen(path, "rb");
        if (!fp) {
            fprintf(stderr, "%s: cannot open\n", path);
            check_failures++;
            continue;
        }
        struct buf b = BUF_INIT;
        buf_read_stream(&b, fp);
        fclose(fp);
        struct ingest full;
        if (ingest_buffer(b.data, b.len, NULL, &full) < 0 || full.pr.nruns != 1) {
            fprintf(stderr, "%s: the full output does not give one run\n", path);
            check_failures++;
            ingest_free(&full);
            buf_free(&b);
            continue;
        }
        char *whole = dump(full.pr.runs[0]);
        int prefixes = 0, refused = 0, incomplete = 0, complete = 0;
        for (size_t cut = 0; cut < b.len; cut++) {
            if (b.data[cut] != '\n')
                continue;
            prefixes++;
            struct ingest part;
            if (ingest_buffer(b.data, cut + 1, NULL, &part) < 0) {
                refused++;
                ingest_free(&part);
                continue;
            }
            for (size_t i = 0; i < part.pr.nruns; i++) {
                const struct run *r = part.pr.runs[i];
                char *d = dump(r);
                char *extra = not_in(d, whole);
                if (extra) {
                    fprintf(stderr, "%s cut after byte %zu: \"%s\" is not the full output's\n",
                            fixtures[f], cut + 1, extra);
                    check_failures++;
                    free(extra);
                } else if (r->state == RUN_STATE_INCOMPLETE) {
                    incomplete++;
                } else if (same_figures(d, whole)) {
                    complete++;
                } else {
                    fprintf(stderr, "%s cut after byte %zu (line %d): stored as %s but lacks "
                                    "figures of the full output\n",
                            fixtures[f], cut + 1, r->last_line,
                            r->state == RUN_STATE_FAILED ? "failed" : "ok");
                    check_failures++;
                }
                free(d);
            }
            ingest_free(&part);
        }
        printf("%-70s %3d prefixes: %3d refused, %3d incomplete, %3d complete\n", fixtures[f],
               prefixes, refused, incomplete, complete);
        free(whole);
        ingest_free(&full);
        buf_free(&b);
    }
    return check_failures ? 1 : 0;
}
