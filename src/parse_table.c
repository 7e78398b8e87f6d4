/* parse_table.c - published tables -> runs: someone else's results as a
 * table, not a load tool's output. Every row is one run, marked published.
 *
 * What people paste (the seeds show each):
 *
 *   table-markdown  pipe tables, with or without the outer pipes, a rule
 *                   under the header; also grid tables ruled with "+---+"
 *                   and box-drawing ones ("│", "├──┼──┤"):
 *
 *       framework | RPS | decay % |
 *       ---|---|---|
 *       asyncio | 104,380 | (- 100%) |
 *       Uvicorn | 46,426 | (↓ 55.5%) |
 *
 *   table-csv       comma-, semicolon- or tab-separated values with a
 *                   header row, RFC 4180 quoting on one line:
 *
 *       Setup<TAB><TAB>Server<TAB>Latency w 1 client<TAB>Throughput w 32 clients
 *       UCall with POSIX<TAB><TAB>C<TAB>62 $\mu$ s<TAB>79'000 rps
 *
 *   table-text      whitespace-aligned columns, or single spaces when the
 *                   header is made of column names this file knows:
 *
 *       server req/s avg latency
 *       uvicorn, bare ASGI 556,123 441 µs
 *       uvicorn + litestar 260,007 0.97 ms
 *
 * Header names map to run fields through hnames[] below (documented in
 * doc/formats/published.md): a name column (name, framework, server,
 * setup, ...) names the run (run->label and param "name"); throughput
 * columns set rps, request columns requests, error columns
 * failed_requests or failed_pct, latency columns lat_avg/min/med/max/
 * stdev or percentiles of metric "latency" when the cell or the header
 * gives a time unit. Every numeric cell is also kept as a figure (metric =
 * the header as printed, stat "value", the cell as text); every other
 * cell is a param named after its header. Footnote marks ("<sup>1</sup>",
 * "[^1]") become params "<header> note".
 *
 * Cells: thousands separators "," and "'" (also ’, thin and no-break
 * spaces); LaTeX "$\mu$ s" is µs; in a semicolon file "," is the decimal
 * mark. Decorations around a number -- parentheses, arrows, a detached
 * dash: "(↓ 55.5%)", "(- 100%)" -- are not part of it: the figure is 55.5
 * (the magnitude as printed) and its text keeps the decoration. A number
 * with a unit this file does not know ("13 MB") stays text.
 *
 * Derived: failed_pct = failed_requests / requests when both are printed
 * and no error percentage is; state failed when every request failed.
 *
 * Cut short: a table has no end mark, and each row is a run printed whole
 * on one line with nothing derived across rows: a table cut short gives
 * the runs of the rows it holds.
 *
 * Rows without a throughput or request figure ("N/A", "-") are not runs
 * and are skipped (the source text is stored whole). Tables without such
 * a column are skipped when another table in the file has one, else the
 * file is refused. Mermaid charts (xychart-beta "bar [...]") are not read:
 * they redraw figures printed elsewhere, and reading them would count
 * those results twice.
 *
 * Detection is deliberately weak (at most 30) and 0 when the text also
 * holds a load tool's output, so a tool's own parser always wins. */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "parse.h"
#include "units.h"

#define TBL_MAXCOLS 64
#define TBL_MAXTOK 256
#define TBL_MAXCELL 256 /* a longer cell is text, never a number */

/* --- load-tool outputs: never ours ------------------------------------ */

/* Lines only load tools print. `at_start`: the line (after blanks)
 * begins with the text; else the text appears anywhere in it. */
static const struct {
    const char *text;
    int at_start;
} tool_marks[] = {
    {"Requests/sec:", 1},         /* wrk, wrk2, hey, oha */
    {"Transfer/sec:", 1},         /* wrk, wrk2 */
    {"Thread Stats", 1},          /* wrk, wrk2 */
    {"Requests per second:", 1},  /* ab */
    {"Time per request:", 1},     /* ab */
    {"This is ApacheBench", 0},   /* ab */
    {"Percentage served,Time in ms", 1}, /* ab -e */
    {"starttime\tseconds\tctime", 1},    /* ab -g */
    {"Reqs/sec", 1},              /* bombardier */
    {"Bombarding ", 1},           /* bombardier */
    {"finished in ", 1},          /* h2load */
    {"Latencies ", 1},            /* vegeta */
    {"Status Codes ", 1},         /* vegeta */
    {"Success rate:", 1},         /* oha */
    {"Response time histogram:", 1},    /* hey, oha */
    {"Response time distribution:", 1}, /* oha */
    {"Latency distribution:", 1}, /* hey */
    {"Status code distribution:", 1},   /* hey, oha */
    {"response-time,DNS+dialup", 1},    /* hey -o csv */
    {"Req/Bytes counts sampled", 0},    /* autocannon */
    {"http_req_duration", 0},     /* k6 */
    {"http_reqs", 0},             /* k6 */
    {"iteration_duration", 0},    /* k6 */
    {"metric_name,timestamp,metric_value", 0}, /* k6 --out csv */
    {"Detailed Percentile spectrum", 0},       /* wrk2 */
};

static int looks_like_tool(const struct text *t)
{
    int first = 1;
    for (size_t i = 0; i < t->n; i++) {
        const char *s = str_skip_blank(t->lines[i].s);
        if (!*s)
            continue;
        /* JSON documents (k6, oha, vegeta summaries) hold no tables. */
        if (first && (s[0] == '{' || str_starts(s, "[{") || strcmp(s, "[") == 0))
            return 1;
        first = 0;
        /* "Running 10s test @ URL" (wrk, autocannon), "688132 requests
         * in 10.10s, 101.72MB read" (wrk, autocannon) */
        if (str_starts(s, "Running ") && strstr(s, " test @ "))
            return 1;
        if (strstr(s, " requests in ") && t->lines[i].n > 5 &&
            strcmp(t->lines[i].s + t->lines[i].n - 5, " read") == 0)
            return 1;
        for (size_t k = 0; k < sizeof tool_marks / sizeof tool_marks[0]; k++) {
            if (tool_marks[k].at_start ? str_starts(s, tool_marks[k].text)
                                       : strstr(s, tool_marks[k].text) != NULL)
                return 1;
        }
    }
    return 0;
}

/* --- units ---------------------------------------------------------------- */

enum ukind {
    U_BARE,  /* a plain number (maybe with k/M) */
    U_TIME,  /* scaled to ms */
    U_RATE,  /* requests per second */
    U_PCT,
    U_COUNT, /* "1,000 requests" */
    U_RATIO, /* "2.5x" */
};

struct tunit {
    const char *name;
    enum ukind kind;
    int pow10;
    long long mul;
};

/* What a published cell or header may print after a number. Times and
 * k/M are matched exactly ("ms" is not "Ms"), rates and counts in any
 * case ("RPS", "Req/s"). */
static const struct tunit units_tab[] = {
    {"ns", U_TIME, -6, 1},
    {"us", U_TIME, -3, 1},
    {"\xc2\xb5s", U_TIME, -3, 1}, /* µs, MICRO SIGN */
    {"\xce\xbcs", U_TIME, -3, 1}, /* μs, GREEK SMALL LETTER MU */
    {"ms", U_TIME, 0, 1},
    {"s", U_TIME, 3, 1},
    {"sec", U_TIME, 3, 1},
    {"secs", U_TIME, 3, 1},
    {"seconds", U_TIME, 3, 1},
    {"min", U_TIME, 0, 60000},
    {"%", U_PCT, 0, 1},
    {"k", U_BARE, 3, 1},
    {"K", U_BARE, 3, 1},
    {"M", U_BARE, 6, 1},
    {"rps", U_RATE, 0, 1},
    {"r/s", U_RATE, 0, 1},
    {"/s", U_RATE, 0, 1},
    {"req/s", U_RATE, 0, 1},
    {"reqs/s", U_RATE, 0, 1},
    {"req/sec", U_RATE, 0, 1},
    {"reqs/sec", U_RATE, 0, 1},
    {"requests/s", U_RATE, 0, 1},
    {"requests/sec", U_RATE, 0, 1},
    {"qps", U_RATE, 0, 1},
    {"req", U_COUNT, 0, 1},
    {"reqs", U_COUNT, 0, 1},
    {"requests", U_COUNT, 0, 1},
    {"x", U_RATIO, 0, 1},
    {"\xc3\x97", U_RATIO, 0, 1}, /* × */
};

static int ascii_ieq(const char *a, size_t an, const char *b)
{
    size_t bn = strlen(b);
    if (an != bn)
        return 0;
    for (size_t i = 0; i < an; i++) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z')
            x = (char)(x + 32);
        if (y >= 'A' && y <= 'Z')
            y = (char)(y + 32);
        if (x != y)
            return 0;
    }
    return 1;
}

/* The unit named by s[0..n), with a k/M prefix on rates and counts
 * ("k rps", "Mreq/s"). 1 when known. */
static int unit_lookup(const char *s, size_t n, struct tunit *out)
{
    for (size_t k = 0; k < sizeof units_tab / sizeof units_tab[0]; k++) {
        const struct tunit *u = &units_tab[k];
        int exact = u->kind == U_TIME || u->kind == U_BARE || u->kind == U_PCT;
        if (exact ? (strlen(u->name) == n && memcmp(u->name, s, n) == 0) : ascii_ieq(s, n, u->name)) {
            *out = *u;
            return 1;
        }
    }
    if (n > 1 && (s[0] == 'k' || s[0] == 'K' || s[0] == 'M')) {
        int p = s[0] == 'M' ? 6 : 3;
        size_t i = 1;
        while (i < n && s[i] == ' ')
            i++;
        struct tunit u;
        if (unit_lookup(s + i, n - i, &u) && (u.kind == U_RATE || u.kind == U_COUNT)) {
            u.pow10 += p;
            *out = u;
            return 1;
        }
    }
    return 0;
}

static const char *unit_text(enum ukind k)
{
    switch (k) {
    case U_TIME: return UNIT_MS;
    case U_RATE: return UNIT_PER_S;
    case U_PCT: return UNIT_PERCENT;
    case U_BARE:
    case U_COUNT:
    case U_RATIO: return UNIT_COUNT;
    }
    return UNIT_COUNT;
}

/* --- cells ---------------------------------------------------------------- */

/* Decorations around a number: arrows and approximation marks. */
static const char *const deco_marks[] = {
    "\xe2\x86\x93", "\xe2\x86\x91", "\xe2\x86\x92", /* ↓ ↑ → */
    "\xe2\x96\xb2", "\xe2\x96\xbc",                 /* ▲ ▼ */
    "\xe2\xac\x86", "\xe2\xac\x87",                 /* ⬆ ⬇ */
    "\xe2\x89\x88", "~",                            /* ≈ ~ */
};

/* Byte length of a thousands separator at s (other than ","), else 0:
 * ' ’ _ THIN SPACE, NARROW NO-BREAK SPACE, NO-BREAK SPACE. */
static size_t group_mark(const char *s)
{
    if (*s == '\'' || *s == '_')
        return 1;
    if (str_starts(s, "\xe2\x80\x99") || str_starts(s, "\xe2\x80\x89") ||
        str_starts(s, "\xe2\x80\xaf"))
        return 3;
    if (str_starts(s, "\xc2\xa0"))
        return 2;
    return 0;
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

struct tval {
    double v;
    enum ukind kind;
};

/* Reads a cleaned cell as a number with an optional unit; `dflt` (may
 * be NULL) is the header's unit for a bare number. `dc`: "," is the
 * decimal mark. 1 when the cell is a number, else 0 (it is text). */
static int scan_value(const char *cell, int dc, const struct tunit *dflt, struct tval *out)
{
    char s[TBL_MAXCELL], num[TBL_MAXCELL];
    size_t n = strlen(cell);
    if (n == 0 || n >= sizeof s)
        return 0;
    memcpy(s, cell, n + 1);

    /* Peel decorations until none is left. */
    char *b = s, *e = s + n;
    for (int changed = 1; changed && b < e;) {
        changed = 0;
        while (b < e && *b == ' ')
            b++, changed = 1;
        while (e > b && e[-1] == ' ')
            e--, changed = 1;
        if (e - b >= 2 && ((*b == '(' && e[-1] == ')') || (*b == '[' && e[-1] == ']'))) {
            b++, e--;
            changed = 1;
        }
        for (size_t k = 0; k < sizeof deco_marks / sizeof deco_marks[0]; k++) {
            size_t ml = strlen(deco_marks[k]);
            if ((size_t)(e - b) > ml && memcmp(b, deco_marks[k], ml) == 0)
                b += ml, changed = 1;
            if ((size_t)(e - b) > ml && memcmp(e - ml, deco_marks[k], ml) == 0)
                e -= ml, changed = 1;
        }
        /* A dash set apart from the number is a mark, not a sign. */
        static const char *const dashes[] = {"- ", "\xe2\x80\x93 ", "\xe2\x80\x94 "};
        for (size_t k = 0; k < 3; k++) {
            size_t dl = strlen(dashes[k]);
            if ((size_t)(e - b) > dl && memcmp(b, dashes[k], dl) == 0)
                b += dl, changed = 1;
        }
    }
    if (b >= e)
        return 0;
    *e = '\0';

    /* The number: sign, digits, "." and "," and group marks. */
    size_t o = 0;
    const char *p = b;
    if (*p == '+' || *p == '-') {
        if (!is_digit(p[1]) && p[1] != '.')
            return 0;
        num[o++] = *p++;
    }
    const char *start = p;
    int has_comma = 0;
    for (const char *q = p;; ) {
        size_t g;
        if (is_digit(*q) || *q == '.') {
            q++;
        } else if (*q == ',' && is_digit(q[1])) {
            has_comma = 1;
            q++;
        } else if ((g = group_mark(q)) != 0 && q > start && is_digit(q[-1]) && is_digit(q[g])) {
            q += g;
        } else {
            break;
        }
    }
    while (*p) {
        size_t g;
        if (is_digit(*p)) {
            num[o++] = *p++;
        } else if (*p == '.' && is_digit(p[1])) {
            if (!(dc && has_comma))
                num[o++] = '.';
            p++;
        } else if (*p == ',' && is_digit(p[1])) {
            num[o++] = dc ? '.' : ',';
            p++;
        } else if ((g = group_mark(p)) != 0 && p > start && is_digit(p[-1]) && is_digit(p[g])) {
            if (!dc)
                num[o++] = ',';
            p += g;
        } else {
            break;
        }
        if (o >= sizeof num - 1)
            return 0;
    }
    if (p == start)
        return 0;

    /* The unit: the rest, or the header's. */
    while (*p == ' ')
        p++;
    struct tunit u = {"", U_BARE, 0, 1};
    if (*p) {
        if (!unit_lookup(p, strlen(p), &u))
            return 0;
    } else if (dflt) {
        u = *dflt;
    }
    if (units_scaled(num, o, !dc, u.pow10, u.mul, &out->v) != UNITS_OK)
        return 0;
    out->kind = u.kind;
    return 1;
}

/* A cell that says "no value": kept as text, but not the end of a row. */
static int is_placeholder(const char *s, size_t n)
{
    static const char *const marks[] = {"-", "--", "n/a", "na", "?", "\xe2\x80\x93", "\xe2\x80\x94"};
    for (size_t k = 0; k < sizeof marks / sizeof marks[0]; k++)
        if (ascii_ieq(s, n, marks[k]))
            return 1;
    return 0;
}

/* Removes markup from a cell: HTML tags (<b>, <br>), Markdown emphasis
 * ("**", a whole-cell *x* or _x_) and code marks, links ([text](url) ->
 * text), HTML entities for blanks and &, LaTeX $\mu$ (-> µ) and \%.
 * Footnote marks -- <sup>N</sup>, [^N], trailing superscript digits --
 * go to `notes`. Blanks collapse to one space; the result is trimmed. */
static void clean_cell(const char *s, struct buf *out, struct buf *notes)
{
    struct buf t = BUF_INIT;
    buf_reset(out);
    buf_reset(notes);
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        const char *p = s + i;
        if (str_starts(p, "<sup>")) {
            const char *end = strstr(p, "</sup>");
            if (end) {
                if (notes->len)
                    buf_addc(notes, ' ');
                buf_add(notes, p + 5, (size_t)(end - p - 5));
                i = (size_t)(end - s) + 6;
                continue;
            }
        }
        if (*p == '<' && (p[1] == '/' || (p[1] >= 'a' && p[1] <= 'z'))) {
            size_t j = 1;
            if (p[j] == '/')
                j++;
            while (p[j] && ((p[j] >= 'a' && p[j] <= 'z') || (p[j] >= '0' && p[j] <= '9')))
                j++;
            const char *gt = strchr(p + j, '>');
            if (j > 1 && gt && (p[j] == '>' || p[j] == ' ' || p[j] == '/')) {
                buf_addc(&t, ' ');
                i = (size_t)(gt - s) + 1;
                continue;
            }
        }
        if (str_starts(p, "[^")) {
            const char *end = strchr(p, ']');
            if (end) {
                if (notes->len)
                    buf_addc(notes, ' ');
                buf_add(notes, p + 2, (size_t)(end - p - 2));
                i = (size_t)(end - s) + 1;
                continue;
            }
        }
        if (*p == '[' || str_starts(p, "![")) {
            const char *q = *p == '!' ? p + 2 : p + 1;
            const char *close = strstr(q, "](");
            const char *end = close ? strchr(close, ')') : NULL;
            if (close && end && !memchr(q, ']', (size_t)(close - q))) {
                buf_add(&t, q, (size_t)(close - q));
                i = (size_t)(end - s) + 1;
                continue;
            }
        }
        if (str_starts(p, "$\\mu$")) {
            buf_adds(&t, "\xc2\xb5");
            i += 5;
            if (str_starts(s + i, " s"))
                i++; /* "$\mu$ s" is how LaTeX spells µs */
            continue;
        }
        if (str_starts(p, "\\%")) {
            buf_addc(&t, '%');
            i += 2;
            continue;
        }
        if (str_starts(p, "&nbsp;")) {
            buf_addc(&t, ' ');
            i += 6;
            continue;
        }
        if (str_starts(p, "&amp;")) {
            buf_addc(&t, '&');
            i += 5;
            continue;
        }
        if (str_starts(p, "**")) {
            i += 2;
            continue;
        }
        if (*p == '`') {
            i++;
            continue;
        }
        buf_addc(&t, *p == '\t' ? ' ' : *p);
        i++;
    }
    /* Whole-cell *emphasis*. */
    const char *c = buf_str(&t);
    size_t cn = t.len;
    while (cn && *c == ' ')
        c++, cn--;
    while (cn && c[cn - 1] == ' ')
        cn--;
    for (int k = 0; k < 2 && cn >= 3 && c[0] == c[cn - 1] && (c[0] == '*' || c[0] == '_'); k++)
        c++, cn -= 2;
    /* Trailing superscript digits: ¹ ² ³ (C2 B9/B2/B3), ⁰ ⁴-⁹ (E2 81 B0-B9). */
    for (;;) {
        if (cn >= 2 && (unsigned char)c[cn - 2] == 0xc2 &&
            ((unsigned char)c[cn - 1] == 0xb9 || (unsigned char)c[cn - 1] == 0xb2 ||
             (unsigned char)c[cn - 1] == 0xb3)) {
            unsigned char d = (unsigned char)c[cn - 1];
            char digit = d == 0xb9 ? '1' : d == 0xb2 ? '2' : '3';
            buf_addc(notes, digit);
            cn -= 2;
        } else if (cn >= 3 && (unsigned char)c[cn - 3] == 0xe2 && (unsigned char)c[cn - 2] == 0x81 &&
                   (unsigned char)c[cn - 1] >= 0xb0 && (unsigned char)c[cn - 1] <= 0xb9 &&
                   (unsigned char)c[cn - 1] != 0xb1 && (unsigned char)c[cn - 1] != 0xb2 &&
                   (unsigned char)c[cn - 1] != 0xb3) {
            buf_addc(notes, (char)('0' + ((unsigned char)c[cn - 1] - 0xb0)));
            cn -= 3;
        } else {
            break;
        }
    }
    int space = 0;
    for (size_t k = 0; k < cn; k++) {
        if (c[k] == ' ') {
            space = out->len > 0;
            continue;
        }
        if (space)
            buf_addc(out, ' ');
        space = 0;
        buf_addc(out, c[k]);
    }
    buf_free(&t);
}

/* --- columns ---------------------------------------------------------------- */

enum ckind {
    C_OTHER,
    C_NAME,
    C_RPS,
    C_REQUESTS,
    C_FAILED,     /* a count, or a percentage when the cell says % */
    C_FAILED_PCT, /* only a percentage */
    C_LATENCY,
    C_CONNECTIONS,
    C_THREADS,
    C_DURATION,
};

enum lstat { L_AVG, L_MIN, L_MED, L_MAX, L_STDEV, L_PCT };

/* Header names (lowercased, markup and unit groups removed) and what
 * they mean. The first match wins: exact, then a percentile, then the
 * longest name followed by more words ("throughput w 32 clients"). */
static const struct hname {
    const char *name;
    enum ckind kind;
    enum lstat stat;
} hnames[] = {
    /* the row's name */
    {"name", C_NAME, 0}, {"framework", C_NAME, 0}, {"frameworks", C_NAME, 0},
    {"web framework", C_NAME, 0}, {"server", C_NAME, 0}, {"servers", C_NAME, 0},
    {"web server", C_NAME, 0}, {"http server", C_NAME, 0}, {"setup", C_NAME, 0},
    {"stack", C_NAME, 0}, {"implementation", C_NAME, 0}, {"impl", C_NAME, 0},
    {"library", C_NAME, 0}, {"lib", C_NAME, 0}, {"language", C_NAME, 0},
    {"lang", C_NAME, 0}, {"project", C_NAME, 0}, {"runtime", C_NAME, 0},
    {"engine", C_NAME, 0}, {"app", C_NAME, 0}, {"application", C_NAME, 0},
    {"service", C_NAME, 0}, {"backend", C_NAME, 0}, {"variant", C_NAME, 0},
    {"configuration", C_NAME, 0}, {"config", C_NAME, 0}, {"benchmark", C_NAME, 0},
    {"test", C_NAME, 0}, {"case", C_NAME, 0}, {"scenario", C_NAME, 0},
    {"platform", C_NAME, 0}, {"solution", C_NAME, 0}, {"package", C_NAME, 0},
    {"technology", C_NAME, 0},
    /* throughput */
    {"rps", C_RPS, 0}, {"r/s", C_RPS, 0}, {"req/s", C_RPS, 0}, {"reqs/s", C_RPS, 0},
    {"req/sec", C_RPS, 0}, {"reqs/sec", C_RPS, 0}, {"requests/s", C_RPS, 0},
    {"requests/sec", C_RPS, 0}, {"requests/second", C_RPS, 0},
    {"requests per second", C_RPS, 0}, {"request per second", C_RPS, 0},
    {"reqs per second", C_RPS, 0}, {"req per sec", C_RPS, 0}, {"throughput", C_RPS, 0},
    {"qps", C_RPS, 0}, {"queries per second", C_RPS, 0}, {"avg rps", C_RPS, 0},
    {"mean rps", C_RPS, 0}, {"average rps", C_RPS, 0}, {"avg req/s", C_RPS, 0},
    /* requests */
    {"requests", C_REQUESTS, 0}, {"reqs", C_REQUESTS, 0}, {"total requests", C_REQUESTS, 0},
    {"requests total", C_REQUESTS, 0}, {"request count", C_REQUESTS, 0},
    {"requests count", C_REQUESTS, 0}, {"completed requests", C_REQUESTS, 0},
    {"requests completed", C_REQUESTS, 0}, {"number of requests", C_REQUESTS, 0},
    /* failures */
    {"errors", C_FAILED, 0}, {"error", C_FAILED, 0}, {"failed", C_FAILED, 0},
    {"failures", C_FAILED, 0}, {"failed requests", C_FAILED, 0}, {"error count", C_FAILED, 0},
    {"errors count", C_FAILED, 0}, {"non-2xx", C_FAILED, 0}, {"non 2xx", C_FAILED, 0},
    {"non-2xx responses", C_FAILED, 0}, {"error rate", C_FAILED_PCT, 0},
    {"errors rate", C_FAILED_PCT, 0}, {"failure rate", C_FAILED_PCT, 0},
    {"error percentage", C_FAILED_PCT, 0},
    /* latency */
    {"latency", C_LATENCY, L_AVG}, {"avg latency", C_LATENCY, L_AVG},
    {"average latency", C_LATENCY, L_AVG}, {"mean latency", C_LATENCY, L_AVG},
    {"latency avg", C_LATENCY, L_AVG}, {"latency average", C_LATENCY, L_AVG},
    {"latency mean", C_LATENCY, L_AVG}, {"avg. latency", C_LATENCY, L_AVG},
    {"avg", C_LATENCY, L_AVG}, {"average", C_LATENCY, L_AVG}, {"mean", C_LATENCY, L_AVG},
    {"response time", C_LATENCY, L_AVG}, {"avg response time", C_LATENCY, L_AVG},
    {"average response time", C_LATENCY, L_AVG}, {"mean response time", C_LATENCY, L_AVG},
    {"min latency", C_LATENCY, L_MIN}, {"latency min", C_LATENCY, L_MIN},
    {"min", C_LATENCY, L_MIN}, {"minimum", C_LATENCY, L_MIN},
    {"max latency", C_LATENCY, L_MAX}, {"latency max", C_LATENCY, L_MAX},
    {"max", C_LATENCY, L_MAX}, {"maximum", C_LATENCY, L_MAX},
    {"median latency", C_LATENCY, L_MED}, {"latency median", C_LATENCY, L_MED},
    {"median", C_LATENCY, L_MED}, {"med", C_LATENCY, L_MED},
    {"latency stdev", C_LATENCY, L_STDEV}, {"latency stddev", C_LATENCY, L_STDEV},
    {"stdev latency", C_LATENCY, L_STDEV}, {"stdev", C_LATENCY, L_STDEV},
    {"stddev", C_LATENCY, L_STDEV}, {"std dev", C_LATENCY, L_STDEV},
    /* settings the table states */
    {"connections", C_CONNECTIONS, 0}, {"conns", C_CONNECTIONS, 0},
    {"concurrency", C_CONNECTIONS, 0}, {"clients", C_CONNECTIONS, 0},
    {"threads", C_THREADS, 0}, {"duration", C_DURATION, 0},
};

struct tcol {
    char *metric;     /* header as printed (markup removed); "column N" when empty */
    int empty_head;
    enum ckind kind;
    enum lstat stat;
    double pct;
    int has_unit;     /* the header names a unit for bare cells */
    struct tunit unit;
    int is_name;      /* a name column (kind C_NAME, or the first unnamed one) */
    int by_prefix;    /* matched as a known name followed by more words */
};

/* "p99", "p(99)", "p99.9", "99%", "99th", "99th percentile", "tp99",
 * each maybe with "latency" before or after. 1 and *pct when it is one. */
static int percentile_name(const char *k, double *pct)
{
    char s[128];
    size_t n = strlen(k);
    if (n >= sizeof s)
        return 0;
    memcpy(s, k, n + 1);
    if (str_starts(s, "latency ")) {
        memmove(s, s + 8, n - 7);
        n -= 8;
    }
    if (n > 8 && strcmp(s + n - 8, " latency") == 0)
        s[n -= 8] = '\0';
    if (n > 11 && strcmp(s + n - 11, " percentile") == 0)
        s[n -= 11] = '\0';
    const char *p = s;
    if (str_starts(p, "tp"))
        p += 2;
    else if (*p == 'p')
        p++;
    int paren = *p == '(';
    if (paren)
        p++;
    const char *d = p;
    while (is_digit(*p) || *p == '.')
        p++;
    if (p == d)
        return 0;
    size_t dn = (size_t)(p - d);
    if (paren) {
        if (*p != ')')
            return 0;
        p++;
    }
    int prefixed = d != s + paren;
    if (!prefixed && !(strcmp(p, "%") == 0 || strcmp(p, "th") == 0 || strcmp(p, "st") == 0 ||
                       strcmp(p, "nd") == 0 || strcmp(p, "rd") == 0))
        return 0;
    if (prefixed && *p)
        return 0;
    if (units_number(d, dn, 0, pct) != UNITS_OK || *pct <= 0 || *pct > 100)
        return 0;
    return 1;
}

/* Classifies a (cleaned) header into c: kind, latency stat, unit. */
static void col_classify(const char *head, struct tcol *c)
{
    struct buf k = BUF_INIT, key = BUF_INIT;
    c->kind = C_OTHER;
    c->stat = L_AVG;
    c->has_unit = 0;
    c->by_prefix = 0;
    /* "p(99)" before its parentheses are taken for a unit group */
    for (const char *p = head; *p; p++)
        buf_addc(&k, (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p));
    if (percentile_name(buf_str(&k), &c->pct)) {
        c->kind = C_LATENCY;
        c->stat = L_PCT;
        goto out;
    }
    buf_reset(&k);
    for (const char *p = head; *p;) {
        if (*p == '(' || *p == '[') {
            const char *end = strchr(p, *p == '(' ? ')' : ']');
            if (end) {
                const char *a = p + 1, *b = end;
                while (a < b && *a == ' ')
                    a++;
                while (b > a && b[-1] == ' ')
                    b--;
                struct tunit u;
                if (b > a && unit_lookup(a, (size_t)(b - a), &u) && u.kind != U_COUNT) {
                    c->unit = u;
                    c->has_unit = 1;
                } else {
                    buf_addc(&k, ' ');
                    for (const char *q = a; q < b; q++)
                        buf_addc(&k, (char)(*q >= 'A' && *q <= 'Z' ? *q + 32 : *q));
                }
                p = end + 1;
                continue;
            }
        }
        buf_addc(&k, (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p));
        p++;
    }
    /* Collapse blanks, trim, drop a trailing ':'. */
    for (size_t i = 0; i < k.len; i++) {
        if (k.data[i] == ' ' && (key.len == 0 || key.data[key.len - 1] == ' '))
            continue;
        buf_addc(&key, k.data[i]);
    }
    while (key.len && (key.data[key.len - 1] == ' ' || key.data[key.len - 1] == ':'))
        key.data[--key.len] = '\0';
    const char *s = buf_str(&key);
    if (str_starts(s, "# of "))
        s += 5;
    else if (str_starts(s, "number of ") && strcmp(s, "number of requests") != 0)
        s += 10;
    else if (*s == '#')
        s = str_skip_blank(s + 1);

    if (percentile_name(s, &c->pct)) {
        c->kind = C_LATENCY;
        c->stat = L_PCT;
        goto out;
    }
    /* "decay %", "error %": the header's unit is a percentage. */
    size_t sn = strlen(s);
    char tmp[128];
    if (sn > 0 && sn < sizeof tmp && s[sn - 1] == '%') {
        memcpy(tmp, s, sn - 1);
        while (sn > 1 && tmp[sn - 2] == ' ')
            sn--;
        tmp[sn - 1] = '\0';
        s = tmp;
        c->unit = (struct tunit){"%", U_PCT, 0, 1};
        c->has_unit = 1;
    }
    size_t best_len = 0;
    for (size_t i = 0; i < sizeof hnames / sizeof hnames[0]; i++) {
        const char *nm = hnames[i].name;
        size_t nl = strlen(nm);
        if (strcmp(s, nm) == 0) {
            c->kind = hnames[i].kind;
            c->stat = hnames[i].stat;
            goto out;
        }
        if (nl > best_len && strncmp(s, nm, nl) == 0 && s[nl] == ' ') {
            best_len = nl;
            c->kind = hnames[i].kind;
            c->stat = hnames[i].stat;
            c->by_prefix = 1;
        }
    }
out:
    buf_free(&k);
    buf_free(&key);
}

/* True when the header text is a column name this file knows, exactly
 * or as a percentile ("avg latency", not "latency w"); used to group a
 * single-spaced header into columns. */
static int known_header(const char *head)
{
    struct tcol c;
    memset(&c, 0, sizeof c);
    col_classify(head, &c);
    return c.kind != C_OTHER && !c.by_prefix;
}

/* A cheap first look: could this line name a throughput, request,
 * error or latency column at all? Lines that cannot are no header, and
 * most lines of a long file are dismissed here. */
static int maybe_header(const char *s)
{
    static const char *const words[] = {
        "req", "rps", "r/s", "qps", "throughput", "latency", "response time", "avg", "average",
        "mean", "med", "min", "max", "std", "error", "fail", "non", "2xx", "per s",
    };
    char low[TBL_MAXCELL * 4];
    size_t n = 0;
    for (; *s && n < sizeof low - 1; s++)
        low[n++] = (char)(*s >= 'A' && *s <= 'Z' ? *s + 32 : *s);
    low[n] = '\0';
    for (size_t k = 0; k < sizeof words / sizeof words[0]; k++)
        if (strstr(low, words[k]))
            return 1;
    /* percentiles: p99, p(99), 99%, 99th */
    for (size_t i = 0; i + 1 < n; i++) {
        if (low[i] == 'p' && (is_digit(low[i + 1]) || low[i + 1] == '('))
            return 1;
        if (is_digit(low[i]) && (low[i + 1] == '%' || (low[i + 1] == 't' && low[i + 2] == 'h')))
            return 1;
    }
    return 0;
}

static int load_kind(enum ckind k)
{
    return k == C_RPS || k == C_REQUESTS;
}

/* --- the table -------------------------------------------------------------- */

struct trow {
    char **cells;
    size_t n;
    int line;
};

struct table {
    char **head;
    size_t ncols;
    struct trow *rows;
    size_t nrows, caprows;
    int header_line;
    int dc; /* "," is the decimal mark (semicolon files) */
};

static void cells_free(char **cells, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(cells[i]);
    free(cells);
}

static void table_free(struct table *tb)
{
    cells_free(tb->head, tb->ncols);
    for (size_t i = 0; i < tb->nrows; i++)
        cells_free(tb->rows[i].cells, tb->rows[i].n);
    free(tb->rows);
    memset(tb, 0, sizeof *tb);
}

static void table_add_row(struct table *tb, char **cells, size_t n, int line)
{
    ARRAY_GROW(tb->rows, tb->nrows, tb->caprows);
    tb->rows[tb->nrows].cells = cells;
    tb->rows[tb->nrows].n = n;
    tb->rows[tb->nrows].line = line;
    tb->nrows++;
}

static char **cells_dup(char *const *cells, size_t n)
{
    char **c = xcalloc(n ? n : 1, sizeof *c);
    for (size_t i = 0; i < n; i++)
        c[i] = xstrdup(cells[i]);
    return c;
}

static int cell_numeric(const char *raw, int dc)
{
    struct buf c = BUF_INIT, notes = BUF_INIT;
    struct tval v;
    clean_cell(raw, &c, &notes);
    int r = scan_value(buf_str(&c), dc, NULL, &v);
    buf_free(&c);
    buf_free(&notes);
    return r;
}

/* Sets up the columns of tb: kinds, units, metric names made unique,
 * name columns. */
static struct tcol *table_cols(const struct table *tb)
{
    struct tcol *cols = xcalloc(tb->ncols ? tb->ncols : 1, sizeof *cols);
    struct buf c = BUF_INIT, notes = BUF_INIT;
    for (size_t i = 0; i < tb->ncols; i++) {
        clean_cell(tb->head[i], &c, &notes);
        col_classify(buf_str(&c), &cols[i]);
        if (c.len == 0) {
            cols[i].empty_head = 1;
            buf_printf(&c, "column %zu", i + 1);
        }
        for (size_t j = 0; j < i; j++) {
            if (strcmp(cols[j].metric, buf_str(&c)) == 0) {
                buf_printf(&c, " (column %zu)", i + 1);
                break;
            }
        }
        cols[i].metric = xstrdup(buf_str(&c));
        cols[i].is_name = cols[i].kind == C_NAME;
    }
    size_t named = 0;
    for (size_t i = 0; i < tb->ncols; i++)
        named += (size_t)cols[i].is_name;
    /* No name column: the first one when unnamed or never a number. */
    if (!named && tb->ncols > 0 && (cols[0].kind == C_OTHER || cols[0].empty_head)) {
        int text = 1;
        for (size_t r = 0; r < tb->nrows && text; r++)
            if (tb->rows[r].n > 0 && cell_numeric(tb->rows[r].cells[0], tb->dc))
                text = 0;
        if (text || cols[0].empty_head)
            cols[0].is_name = 1;
    }
    buf_free(&c);
    buf_free(&notes);
    return cols;
}

static void cols_free(struct tcol *cols, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(cols[i].metric);
    free(cols);
}

static int table_has_load(const struct table *tb)
{
    struct tcol *cols = table_cols(tb);
    int has = 0;
    for (size_t i = 0; i < tb->ncols; i++)
        if (load_kind(cols[i].kind))
            has = 1;
    cols_free(cols, tb->ncols);
    return has;
}

/* The headline field a column's value sets, as documented above. */
static void headline(struct run *r, const struct tcol *c, const struct tval *v, const char *text)
{
    switch (c->kind) {
    case C_RPS:
        if (v->kind == U_RATE || v->kind == U_BARE)
            r->rps = v->v;
        break;
    case C_REQUESTS:
        if (v->kind == U_COUNT || v->kind == U_BARE)
            r->requests = v->v;
        break;
    case C_FAILED:
        if (v->kind == U_PCT)
            r->failed_pct = v->v;
        else if (v->kind == U_COUNT || v->kind == U_BARE)
            r->failed_requests = v->v;
        break;
    case C_FAILED_PCT:
        if (v->kind == U_PCT)
            r->failed_pct = v->v;
        break;
    case C_LATENCY:
        if (v->kind != U_TIME)
            break;
        switch (c->stat) {
        case L_AVG: r->lat_avg = v->v; break;
        case L_MIN: r->lat_min = v->v; break;
        case L_MAX: r->lat_max = v->v; break;
        case L_STDEV: r->lat_stdev = v->v; break;
        case L_MED:
            r->lat_med = v->v;
            run_add_percentile(r, "latency", 50, v->v, UNIT_MS, text, -1);
            break;
        case L_PCT:
            run_add_percentile(r, "latency", c->pct, v->v, UNIT_MS, text, -1);
            if (c->pct == 50)
                r->lat_med = v->v;
            break;
        }
        break;
    case C_CONNECTIONS:
        if (v->kind == U_BARE)
            r->connections = v->v;
        break;
    case C_THREADS:
        if (v->kind == U_BARE)
            r->threads = v->v;
        break;
    case C_DURATION:
        if (v->kind == U_TIME)
            r->duration_s = v->v / 1000.0;
        break;
    case C_NAME:
    case C_OTHER:
        break;
    }
}

/* Trimmed copy of a raw cell, for figure texts. */
static void trimmed(const char *s, struct buf *out)
{
    buf_reset(out);
    s = str_skip_blank(s);
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    buf_add(out, s, n);
}

/* True when `name` is already one of the " + "-joined parts of the
 * label, ignoring ASCII case ("Uvicorn" served by "uvicorn"). */
static int label_has(const struct buf *label, const char *name)
{
    const char *s = buf_str(label);
    size_t n = strlen(name);
    while (*s) {
        const char *e = strstr(s, " + ");
        size_t pn = e ? (size_t)(e - s) : strlen(s);
        if (ascii_ieq(s, pn, name) && pn == n)
            return 1;
        if (!e)
            break;
        s = e + 3;
    }
    return 0;
}

/* One run per row with a throughput or request figure, appended to pr.
 * Returns the number of runs. */
static size_t table_emit(const struct table *tb, const char *format, struct parse_result *pr)
{
    struct tcol *cols = table_cols(tb);
    struct buf clean = BUF_INIT, notes = BUF_INIT, text = BUF_INIT, label = BUF_INIT,
               key = BUF_INIT, extra = BUF_INIT;
    size_t emitted = 0;
    size_t primary = tb->ncols;
    char **names = xcalloc(tb->ncols ? tb->ncols : 1, sizeof *names);
    for (size_t i = 0; i < tb->ncols && primary == tb->ncols; i++)
        if (cols[i].is_name)
            primary = i;

    for (size_t ri = 0; ri < tb->nrows; ri++) {
        const struct trow *row = &tb->rows[ri];
        struct run *r = run_new("published", format);
        r->published = 1;
        r->first_line = r->last_line = row->line;
        buf_reset(&label);
        size_t n = row->n > tb->ncols ? row->n : tb->ncols;
        for (size_t ci = 0; ci < n; ci++) {
            const char *raw = ci < row->n ? row->cells[ci] : "";
            const struct tcol *c = NULL;
            struct tcol other;
            if (ci < tb->ncols) {
                c = &cols[ci];
            } else {
                memset(&other, 0, sizeof other);
                buf_reset(&extra);
                buf_printf(&extra, "column %zu", ci + 1);
                other.metric = extra.data;
                c = &other;
            }
            clean_cell(raw, &clean, &notes);
            if (clean.len == 0 && notes.len == 0)
                continue;
            struct tval v;
            if (c->is_name) {
                if (clean.len) {
                    if (ci == primary)
                        run_add_param(r, "name", buf_str(&clean));
                    if (!c->empty_head)
                        run_add_param(r, c->metric, buf_str(&clean));
                    free(names[ci]);
                    names[ci] = xstrdup(buf_str(&clean));
                }
            } else if (clean.len && scan_value(buf_str(&clean), tb->dc, c->has_unit ? &c->unit : NULL, &v)) {
                if (c->kind == C_RPS && v.kind == U_BARE)
                    v.kind = U_RATE; /* a bare number under "RPS" is a rate */
                trimmed(raw, &text);
                run_add_figure(r, c->metric, "value", v.v, unit_text(v.kind), buf_str(&text));
                headline(r, c, &v, buf_str(&text));
            } else if (clean.len) {
                run_add_param(r, c->metric, buf_str(&clean));
            }
            if (notes.len) {
                buf_reset(&key);
                buf_printf(&key, "%s note", c->is_name && c->empty_head ? "name" : c->metric);
                run_add_param(r, buf_str(&key), buf_str(&notes));
            }
        }
        /* The label: the name, then the other name columns. */
        if (primary < tb->ncols && names[primary])
            buf_adds(&label, names[primary]);
        for (size_t ci = 0; ci < tb->ncols; ci++) {
            if (names[ci] && ci != primary && !label_has(&label, names[ci]))
                buf_printf(&label, "%s%s", label.len ? " + " : "", names[ci]);
            free(names[ci]);
            names[ci] = NULL;
        }
        if (label.len)
            run_set(&r->label, buf_str(&label));
        if (!run_has(r->rps) && !run_has(r->requests)) {
            run_free(r);
            continue;
        }
        /* Derived, as documented at the top. */
        if (run_has(r->failed_requests) && run_has(r->requests) && !run_has(r->failed_pct) &&
            r->requests > 0)
            r->failed_pct = 100.0 * r->failed_requests / r->requests;
        if ((run_has(r->failed_pct) && r->failed_pct >= 100) ||
            (run_has(r->failed_requests) && run_has(r->requests) && r->requests > 0 &&
             r->failed_requests >= r->requests))
            r->state = RUN_STATE_FAILED;
        if (r->npcts)
            run_set(&r->latency_metric, "latency");
        parse_emit(pr, r);
        emitted++;
    }
    buf_free(&clean);
    buf_free(&notes);
    buf_free(&text);
    buf_free(&label);
    buf_free(&key);
    buf_free(&extra);
    free(names);
    cols_free(cols, tb->ncols);
    return emitted;
}

/* --- Markdown pipe tables --------------------------------------------------- */

/* Byte length of a box-drawing character (U+2500..U+257F) at s, else 0. */
static size_t box_char(const char *s)
{
    unsigned char a = (unsigned char)s[0], b = (unsigned char)(a ? s[1] : 0);
    return a == 0xe2 && (b == 0x94 || b == 0x95) && s[2] ? 3 : 0;
}

/* A vertical bar: "|", or box drawing's │ ┃ ║. */
static size_t bar_len(const char *s)
{
    if (*s == '|')
        return 1;
    if (str_starts(s, "\xe2\x94\x82") || str_starts(s, "\xe2\x94\x83") ||
        str_starts(s, "\xe2\x95\x91"))
        return 3;
    return 0;
}

/* A rule: "---|:---:|", "+-----+----+", "├──┼──┤", "-----+------". */
static int md_rule(const char *s)
{
    int dashes = 0, joints = 0;
    s = str_skip_blank(s);
    if (!*s)
        return 0;
    while (*s) {
        size_t bl = box_char(s);
        if (*s == '-' || *s == '=') {
            dashes++;
            s++;
        } else if (*s == '|' || *s == '+') {
            joints++;
            s++;
        } else if (*s == ':' || *s == ' ' || *s == '\t') {
            s++;
        } else if (bl) {
            dashes++;
            joints++;
            s += bl;
        } else {
            return 0;
        }
    }
    return dashes >= 3 && joints > 0;
}

/* Splits a pipe row into cells; one leading and one trailing bar are
 * borders, "\|" is a literal bar. Returns the number of cells (at most
 * max are stored, each allocated, trimmed), 0 when the line holds no bar. */
static size_t md_split(const char *line, char **cells, size_t max)
{
    const char *s = str_skip_blank(line);
    size_t count = 0, bl;
    int bars = 0, after_bar = 0;
    struct buf cell = BUF_INIT;
    if ((bl = bar_len(s)) != 0) {
        s += bl;
        bars++;
    }
    for (;;) {
        if (s[0] == '\\' && s[1] == '|') {
            buf_addc(&cell, '|');
            s += 2;
            continue;
        }
        bl = *s ? bar_len(s) : 0;
        if (*s && !bl) {
            buf_addc(&cell, *s++);
            continue;
        }
        const char *c = str_skip_blank(buf_str(&cell));
        size_t cn = strlen(c);
        while (cn && (c[cn - 1] == ' ' || c[cn - 1] == '\t'))
            cn--;
        /* what follows the last bar is a cell only when it holds text */
        if (*s || !after_bar || cn) {
            if (count < max)
                cells[count] = xstrndup(c, cn);
            count++;
        }
        buf_reset(&cell);
        if (!*s)
            break;
        s += bl;
        bars++;
        after_bar = 1;
    }
    buf_free(&cell);
    if (!bars) {
        for (size_t k = 0; k < count && k < max; k++)
            free(cells[k]);
        return 0;
    }
    return count;
}

static size_t md_find(const struct text *t, size_t i, struct table *tb)
{
    char *cells[TBL_MAXCOLS];
    if (i + 1 >= t->n || md_rule(t->lines[i].s) || !md_rule(t->lines[i + 1].s))
        return 0;
    size_t n = md_split(t->lines[i].s, cells, TBL_MAXCOLS);
    size_t kept = n < TBL_MAXCOLS ? n : TBL_MAXCOLS;
    if (n < 2 || n > TBL_MAXCOLS) {
        for (size_t k = 0; k < kept; k++)
            free(cells[k]);
        return 0;
    }
    memset(tb, 0, sizeof *tb);
    tb->head = cells_dup(cells, n);
    tb->ncols = n;
    tb->header_line = t->lines[i].no;
    for (size_t k = 0; k < n; k++)
        free(cells[k]);
    size_t j = i + 2;
    for (; j < t->n; j++) {
        const char *s = t->lines[j].s;
        if (line_blank(&t->lines[j]))
            break;
        if (md_rule(s))
            continue;
        size_t m = md_split(s, cells, TBL_MAXCOLS);
        if (m == 0)
            break;
        size_t mk = m < TBL_MAXCOLS ? m : TBL_MAXCOLS;
        int empty = 1;
        for (size_t k = 0; k < mk; k++)
            if (cells[k][0])
                empty = 0;
        if (empty) {
            for (size_t k = 0; k < mk; k++)
                free(cells[k]);
            continue;
        }
        char **row = xcalloc(mk, sizeof *row);
        memcpy(row, cells, mk * sizeof *row);
        table_add_row(tb, row, mk, t->lines[j].no);
    }
    return j;
}

/* --- CSV ---------------------------------------------------------------------- */

/* Splits one CSV record on delim with RFC 4180 quotes. Returns the number
 * of fields (cells allocated, trimmed of blanks outside quotes), or 0 when
 * the line is not a record: an unclosed quote, text after a closing
 * quote, or more than max fields. */
static size_t csv_split(const char *s, char delim, char **cells, size_t max)
{
    size_t count = 0;
    struct buf f = BUF_INIT;
    const char *p = s;
    for (;;) {
        buf_reset(&f);
        while (*p == ' ' || (*p == '\t' && delim != '\t'))
            p++;
        if (*p == '"') {
            p++;
            for (;;) {
                if (!*p)
                    goto bad;
                if (*p == '"' && p[1] == '"') {
                    buf_addc(&f, '"');
                    p += 2;
                } else if (*p == '"') {
                    p++;
                    break;
                } else {
                    buf_addc(&f, *p++);
                }
            }
            while (*p == ' ' || (*p == '\t' && delim != '\t'))
                p++;
            if (*p && *p != delim)
                goto bad;
        } else {
            const char *st = p;
            while (*p && *p != delim)
                p++;
            const char *e = p;
            while (e > st && (e[-1] == ' ' || (e[-1] == '\t' && delim != '\t')))
                e--;
            buf_add(&f, st, (size_t)(e - st));
        }
        if (count >= max)
            goto bad;
        cells[count++] = xstrdup(buf_str(&f));
        if (!*p)
            break;
        p++; /* the delimiter */
    }
    buf_free(&f);
    return count;
bad:
    for (size_t k = 0; k < count; k++)
        free(cells[k]);
    buf_free(&f);
    return 0;
}

/* A record of at least two fields, and at most n (a tab file's empty
 * last cells are lost with the trailing blanks) or exactly n. */
static size_t csv_row(const char *line, char delim, size_t n, char **cells)
{
    size_t m = csv_split(line, delim, cells, TBL_MAXCOLS);
    if (m < 2 || (delim == '\t' ? m > n : m != n)) {
        for (size_t k = 0; k < m; k++)
            free(cells[k]);
        return 0;
    }
    return m;
}

/* Frees cells[0..m) and says whether one of them is a number. */
static int cells_numeric_free(char **cells, size_t m, int dc)
{
    int any = 0;
    for (size_t k = 0; k < m; k++) {
        if (!any)
            any = cell_numeric(cells[k], dc);
        free(cells[k]);
    }
    return any;
}

/* The header is judged before any row is read, so that a long file that
 * is no table costs one look per line. It must hold no number and name
 * a column this file knows -- or, in a tab file, be followed by two rows
 * holding numbers. */
static size_t csv_find(const struct text *t, size_t i, struct table *tb)
{
    static const char delims[] = {'\t', ';', ','};
    char *cells[TBL_MAXCOLS];
    struct buf c = BUF_INIT, notes = BUF_INIT;
    size_t found = 0;
    if (i + 1 >= t->n || line_blank(&t->lines[i]))
        return 0;
    for (size_t d = 0; d < sizeof delims && !found; d++) {
        char delim = delims[d];
        int dc = delim == ';';
        if (!strchr(t->lines[i].s, delim) || (delim != '\t' && !maybe_header(t->lines[i].s)))
            continue;
        size_t n = csv_split(t->lines[i].s, delim, cells, TBL_MAXCOLS);
        int known = 0, numeric_head = 0;
        for (size_t k = 0; k < n; k++) {
            struct tcol col;
            memset(&col, 0, sizeof col);
            clean_cell(cells[k], &c, &notes);
            col_classify(buf_str(&c), &col);
            if (col.kind != C_OTHER && col.kind != C_NAME)
                known = 1;
            if (cell_numeric(cells[k], dc))
                numeric_head = 1;
        }
        int ok = n >= 2 && !numeric_head;
        if (ok && !known) {
            char *rc[TBL_MAXCOLS];
            size_t m;
            ok = delim == '\t' && i + 2 < t->n;
            for (size_t j = i + 1; ok && j <= i + 2; j++)
                ok = (m = csv_row(t->lines[j].s, delim, n, rc)) != 0 && cells_numeric_free(rc, m, dc);
        }
        if (!ok) {
            for (size_t k = 0; k < n; k++)
                free(cells[k]);
            continue;
        }
        memset(tb, 0, sizeof *tb);
        tb->head = cells_dup(cells, n);
        tb->ncols = n;
        tb->header_line = t->lines[i].no;
        tb->dc = dc;
        for (size_t k = 0; k < n; k++)
            free(cells[k]);
        size_t j = i + 1, m;
        for (; j < t->n && !line_blank(&t->lines[j]); j++) {
            if ((m = csv_row(t->lines[j].s, delim, n, cells)) == 0)
                break;
            char **row = xcalloc(m, sizeof *row);
            memcpy(row, cells, m * sizeof *row);
            table_add_row(tb, row, m, t->lines[j].no);
        }
        if (tb->nrows > 0)
            found = j;
        else
            table_free(tb);
    }
    buf_free(&c);
    buf_free(&notes);
    return found;
}

/* --- whitespace-aligned text -------------------------------------------------- */

/* Splits on tabs and runs of two or more spaces. */
static size_t text_split_aligned(const char *s, char **cells, size_t max)
{
    size_t count = 0;
    s = str_skip_blank(s);
    while (*s) {
        const char *st = s;
        while (*s && *s != '\t' && !(s[0] == ' ' && (s[1] == ' ' || s[1] == '\t' || s[1] == '\0')))
            s++;
        if (count >= max) {
            for (size_t k = 0; k < count; k++)
                free(cells[k]);
            return 0;
        }
        cells[count++] = xstrndup(st, (size_t)(s - st));
        s = str_skip_blank(s);
    }
    return count;
}

static int aligned_line(const char *s)
{
    s = str_skip_blank(s);
    return strchr(s, '\t') != NULL || strstr(s, "  ") != NULL;
}

static int is_unit_word(struct tok t)
{
    struct tunit u;
    return unit_lookup(t.s, t.n, &u) && u.kind != U_BARE;
}

static int tok_value(struct tok t)
{
    char tmp[TBL_MAXCELL];
    if (t.n >= sizeof tmp)
        return 0;
    memcpy(tmp, t.s, t.n);
    tmp[t.n] = '\0';
    return cell_numeric(tmp, 0) || is_placeholder(t.s, t.n);
}

/* A single-spaced header grouped into the column names this file knows
 * ("server req/s avg latency" -> server | req/s | avg latency); only the
 * first column may be a name it does not know. 0 when it does not group. */
static size_t text_group_header(const char *s, char **cells, size_t max)
{
    struct tok t[TBL_MAXTOK];
    size_t n = tok_split(s, strlen(s), t, TBL_MAXTOK), count = 0;
    if (n > TBL_MAXTOK || n < 2)
        return 0;
    for (size_t i = 0; i < n;) {
        size_t got = 0;
        for (size_t len = n - i < 4 ? n - i : 4; len >= 1 && !got; len--) {
            const char *a = t[i].s, *b = t[i + len - 1].s + t[i + len - 1].n;
            char tmp[TBL_MAXCELL];
            if ((size_t)(b - a) >= sizeof tmp)
                continue;
            memcpy(tmp, a, (size_t)(b - a));
            tmp[b - a] = '\0';
            if (known_header(tmp))
                got = len;
        }
        if (!got) {
            if (count != 0)
                goto bad;
            got = 1;
        }
        if (count >= max)
            goto bad;
        cells[count++] = xstrndup(t[i].s, (size_t)(t[i + got - 1].s + t[i + got - 1].n - t[i].s));
        i += got;
    }
    return count;
bad:
    for (size_t k = 0; k < count; k++)
        free(cells[k]);
    return 0;
}

/* A row read from the right: k value cells ("1,514,316", "240 µs", "-")
 * and the name before them. 0 when the row does not read so. */
static size_t text_split_right(const char *s, size_t k, char **cells)
{
    struct tok t[TBL_MAXTOK];
    size_t n = tok_split(s, strlen(s), t, TBL_MAXTOK);
    if (n > TBL_MAXTOK || k + 1 > TBL_MAXCOLS)
        return 0;
    size_t end = n;
    char *vals[TBL_MAXCOLS];
    size_t nv = 0;
    while (nv < k) {
        if (end == 0)
            goto bad;
        struct tok last = t[end - 1];
        if (end >= 2 && is_unit_word(last) && tok_value(t[end - 2]) &&
            !is_placeholder(t[end - 2].s, t[end - 2].n)) {
            vals[nv++] = xstrndup(t[end - 2].s, (size_t)(last.s + last.n - t[end - 2].s));
            end -= 2;
        } else if (tok_value(last)) {
            vals[nv++] = xstrndup(last.s, last.n);
            end -= 1;
        } else {
            goto bad;
        }
    }
    if (end == 0)
        goto bad;
    cells[0] = xstrndup(t[0].s, (size_t)(t[end - 1].s + t[end - 1].n - t[0].s));
    for (size_t v = 0; v < k; v++)
        cells[1 + v] = vals[k - 1 - v];
    return k + 1;
bad:
    for (size_t v = 0; v < nv; v++)
        free(vals[v]);
    return 0;
}

static size_t text_find(const struct text *t, size_t i, struct table *tb)
{
    char *cells[TBL_MAXCOLS];
    const char *hs = t->lines[i].s;
    if (i + 1 >= t->n || line_blank(&t->lines[i]) || strchr(hs, '|') || md_rule(hs) ||
        !maybe_header(hs))
        return 0;
    int aligned = aligned_line(hs);
    size_t n = aligned ? text_split_aligned(hs, cells, TBL_MAXCOLS)
                       : text_group_header(str_skip_blank(hs), cells, TBL_MAXCOLS);
    if (n < 2) {
        for (size_t k = 0; k < n; k++)
            free(cells[k]);
        return 0;
    }
    memset(tb, 0, sizeof *tb);
    tb->head = cells_dup(cells, n);
    tb->ncols = n;
    tb->header_line = t->lines[i].no;
    for (size_t k = 0; k < n; k++)
        free(cells[k]);

    /* The header: no numbers, a latency or load column, and a first
     * column that can hold the names. */
    struct tcol *cols = table_cols(tb);
    int known = 0, ok = 1;
    for (size_t k = 0; k < n; k++) {
        if (load_kind(cols[k].kind) || cols[k].kind == C_LATENCY || cols[k].kind == C_FAILED)
            known = 1;
        if (cell_numeric(tb->head[k], 0))
            ok = 0;
    }
    if (load_kind(cols[0].kind) || cols[0].kind == C_LATENCY)
        ok = 0;
    cols_free(cols, n);
    if (!ok || !known) {
        table_free(tb);
        return 0;
    }

    size_t j = i + 1;
    for (; j < t->n; j++) {
        const char *s = t->lines[j].s;
        if (line_blank(&t->lines[j]) || strchr(s, '|'))
            break;
        if (md_rule(s) || strspn(str_skip_blank(s), "-= ") == strlen(str_skip_blank(s)))
            continue; /* "-------  -----" under the header */
        size_t m = 0;
        if (aligned && aligned_line(s)) {
            m = text_split_aligned(s, cells, TBL_MAXCOLS);
            if (m != n) {
                for (size_t k = 0; k < m; k++)
                    free(cells[k]);
                m = 0;
            }
        }
        if (m == 0)
            m = text_split_right(str_skip_blank(s), n - 1, cells);
        int any = 0;
        for (size_t k = 1; k < m && !any; k++)
            any = cell_numeric(cells[k], 0);
        if (m == 0 || !any || cell_numeric(cells[0], 0)) {
            for (size_t k = 0; k < m; k++)
                free(cells[k]);
            break;
        }
        char **row = xcalloc(m, sizeof *row);
        memcpy(row, cells, m * sizeof *row);
        table_add_row(tb, row, m, t->lines[j].no);
    }
    if (tb->nrows == 0) {
        table_free(tb);
        return 0;
    }
    return j;
}

/* --- the parsers ------------------------------------------------------------- */

typedef size_t (*find_fn)(const struct text *t, size_t i, struct table *tb);

/* Each layout's confidence for a table with a throughput or request
 * column (the most its sniffer gives), and for any other table. */
enum {
    MD_LOAD = 30, MD_OTHER = 10,
    CSV_LOAD = 25, CSV_OTHER = 8,
    TXT_LOAD = 20, TXT_OTHER = 5,
};

/* Confidence: `strong` when a table has a throughput or request column,
 * `weak` for any other table, 0 when the text is a load tool's output. */
static int table_sniff(const struct text *t, find_fn find, int strong, int weak)
{
    int best = 0;
    if (t->has_nul || looks_like_tool(t))
        return 0;
    for (size_t i = 0; i < t->n && best < strong;) {
        struct table tb;
        size_t next = find(t, i, &tb);
        if (!next) {
            i++;
            continue;
        }
        int score = table_has_load(&tb) ? strong : weak;
        if (score > best)
            best = score;
        table_free(&tb);
        i = next;
    }
    return best;
}

static int table_parse(const struct text *t, struct parse_result *pr, find_fn find,
                       const char *format)
{
    int unloaded = 0, empty = 0;
    struct buf heads = BUF_INIT;
    for (size_t i = 0; i < t->n;) {
        struct table tb;
        size_t next = find(t, i, &tb);
        if (!next) {
            i++;
            continue;
        }
        if (!table_has_load(&tb)) {
            if (!unloaded) {
                unloaded = tb.header_line;
                struct buf c = BUF_INIT, notes = BUF_INIT;
                for (size_t k = 0; k < tb.ncols; k++) {
                    clean_cell(tb.head[k], &c, &notes);
                    buf_printf(&heads, "%s\"%s\"", k ? ", " : "", buf_str(&c));
                }
                buf_free(&c);
                buf_free(&notes);
            }
        } else if (table_emit(&tb, format, pr) == 0 && !empty) {
            empty = tb.header_line;
        }
        table_free(&tb);
        i = next;
    }
    int rc = 0;
    if (pr->nruns == 0) {
        if (empty)
            rc = parse_fail(pr, empty, "published table: no row gives a throughput or a request count");
        else if (unloaded)
            rc = parse_fail(pr, unloaded,
                            "published table without a throughput or request-count column (%s)",
                            buf_str(&heads));
        else
            rc = parse_fail(pr, 0, "%s: no table found", format);
    }
    buf_free(&heads);
    return rc;
}

static int md_sniff(const struct text *t)
{
    return table_sniff(t, md_find, MD_LOAD, MD_OTHER);
}

static int md_parse(const struct text *t, struct parse_result *pr)
{
    return table_parse(t, pr, md_find, "table-markdown");
}

static int csv_sniff(const struct text *t)
{
    return table_sniff(t, csv_find, CSV_LOAD, CSV_OTHER);
}

static int csv_parse(const struct text *t, struct parse_result *pr)
{
    return table_parse(t, pr, csv_find, "table-csv");
}

static int txt_sniff(const struct text *t)
{
    return table_sniff(t, text_find, TXT_LOAD, TXT_OTHER);
}

static int txt_parse(const struct text *t, struct parse_result *pr)
{
    return table_parse(t, pr, text_find, "table-text");
}

const struct parser parser_table_markdown = {
    .name = "table-markdown",
    .tool = "published",
    .summary = "a published results table in Markdown (pipe, grid or box-drawing rules)",
    .sniff = md_sniff,
    .sniff_max = MD_LOAD,
    .parse = md_parse,
    .parse_stream = NULL,
};

const struct parser parser_table_csv = {
    .name = "table-csv",
    .tool = "published",
    .summary = "a published results table as CSV (comma, semicolon or tab, with a header row)",
    .sniff = csv_sniff,
    .sniff_max = CSV_LOAD,
    .parse = csv_parse,
    .parse_stream = NULL,
};

const struct parser parser_table_text = {
    .name = "table-text",
    .tool = "published",
    .summary = "a published results table as whitespace-aligned text",
    .sniff = txt_sniff,
    .sniff_max = TXT_LOAD,
    .parse = txt_parse,
    .parse_stream = NULL,
};
