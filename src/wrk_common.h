/* wrk_common.h - the report frame wrk and its forks (wrk2) print.
 *
 * Read here for parse_wrk.c and parse_wrk2.c alike, with one set of rules:
 * two Thread Stats headers, socket errors as counts, the failure rule
 * below. What only one tool prints (wrk's Latency Distribution and Lua
 * done() lines, wrk2's HdrHistogram blocks) stays in its parser.
 *
 * The frame is everything wrk's main() prints around the statistics:
 *
 *     2 threads and 10 connections
 *     Thread Stats   Avg      Stdev     Max   +/- Stdev
 *       Latency   141.10us   28.93us 508.00us   71.74%
 *       Req/Sec    34.24k   487.51    35.74k    76.73%
 *     688132 requests in 10.10s, 101.72MB read
 *     Socket errors: connect 0, read 0, write 0, timeout 53
 *     Non-2xx or 3xx responses: 522540
 *   Requests/sec:  68133.61
 *   Transfer/sec:     10.07MB
 *
 * A parser owns the loop and the run; it hands each line to
 * wrk_frame_line() and keeps what that does not consume. */
#ifndef BENCHDB_WRK_COMMON_H
#define BENCHDB_WRK_COMMON_H

#include "parse.h"

#define WRK_MAXTOK 16

struct wrk_frame {
    struct run *run;            /* the run being filled (not owned) */
    const char *tool;           /* "wrk", "wrk2": prefixes error messages */
    /* Thread Stats headers of this run, lowercased column names: a fork
     * prints two (with and without Min); a row uses the one of its width. */
    char cols[2][WRK_MAXTOK][16];
    size_t ncols[2];
    size_t nheaders;
    int after_rps;              /* Requests/sec was read */
    int after_transfer;         /* Transfer/sec was read: the frame is whole */
    double timeouts;            /* Socket errors: timeout N */
};

/* Starts a frame for run r (r may be NULL to clear it). */
void wrk_frame_reset(struct wrk_frame *f, struct run *r, const char *tool);

/* Reads one non-blank line of the frame into f->run: 1 when the line was
 * a frame line, 0 when it is not one, -1 (parse_fail) when it is one but
 * a value cannot be read. */
int wrk_frame_line(struct wrk_frame *f, const struct line *l, struct parse_result *pr);

/* The failure rule wrk's own counters give: failed_requests = Non-2xx or
 * 3xx responses + timeouts, failed_pct their share of requests; a run
 * that completed no request, or whose every request failed, is marked
 * failed. Nothing is derived before Requests/sec was read: the Socket
 * errors and Non-2xx lines (printed only when non-zero) come before it.
 * A frame without Transfer/sec, wrk's last line, marks the run
 * incomplete. Call once, when the run ends. */
void wrk_frame_failures(struct wrk_frame *f);

/* "Running 10s test @ URL", "Making N requests to URL": 1 with the URL
 * and the duration token (dur->n == 0 when none), else 0. */
int wrk_run_start(const struct line *l, const char **url, size_t *url_len, struct tok *dur);

/* A shell line that ran wrk (or wrk2, wrk-cmm, ./wrk ...): the program
 * word contains "wrk" and arguments follow. */
int wrk_is_command(const struct line *l);

/* The command text of such a line, past a prompt mark ("$ ", "# ", "> "). */
const char *wrk_command_text(const struct line *l);

/* Fills run r, begun at line i of t (a run start, which gave url and
 * dur): its URL, its "duration" param when dur is not empty, and, when
 * one of the three lines before line i is a wrk command line (blank lines
 * skipped, none before index `from`: the previous run's lines), r's
 * command and first line. 1 when a command line was found, else 0. */
int wrk_run_begin(struct run *r, const struct text *t, size_t i, size_t from, const char *url,
                  size_t url_len, struct tok dur);

/* "50%  234.00us", " 99.900%   11.19ms": exactly two tokens, a percent
 * and a wrk duration. The value token is returned in *vt. */
int wrk_percentile_row(const struct line *l, double *pct, double *ms, struct tok *vt);

/* The text after `label` (and blanks) when the line starts with it. */
const char *wrk_labelled(const struct line *l, const char *label);

#endif
