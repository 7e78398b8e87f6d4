/* tool_common.h - what the parsers of ab, h2load, bombardier, vegeta and
 * autocannon (parse_ab.c, parse_h2load.c, parse_bombardier.c,
 * parse_vegeta.c, parse_autocannon.c) do alike, written once: a token's
 * text, seconds from exactly read milliseconds, the command line pasted
 * before an output, complaints printed over and over, and the JSON
 * reports of bombardier, vegeta and autocannon found in a text.
 *
 * Each of those tools prints its own layout, so the parsers keep their
 * own loops and rules; only the small steps they share are here.
 *
 * Ownership: nothing here keeps memory past a call; what is set on a run
 * is a copy the run owns. tool_command returns a pointer into t. */
#ifndef BENCHDB_TOOL_COMMON_H
#define BENCHDB_TOOL_COMMON_H

#include <stddef.h>

#include "jsontext.h"
#include "parse.h"
#include "toolcmd.h"

/* Copies token t into buf as a NUL-terminated string, cut to size n - 1. */
void tool_tok_text(char *buf, size_t n, struct tok t);

/* t without one trailing c ("total," -> "total" for c = ','), else t as it is. */
struct tok tool_tok_chop(struct tok t, char c);

/* x times 10^pow10 with the decimal shifted, not multiplied: the shortest
 * text of x is scaled as a decimal (units_scaled), so 16.01 ms is 0.01601
 * s, not 0.016010000000000001. NaN stays NaN (RUN_NA). */
double tool_shift10(double x, int pow10);

/* Seconds from exactly read milliseconds: tool_shift10(ms, -3). */
double tool_ms_to_s(double ms);

/* The command line that ran the tool, when one of progs is run on one of
 * the 12 lines before line index i, none of them before index last_end
 * (they belong to the previous run): the nearest such line sets r->command,
 * r->first_line (the run starts at its command) and r->url from the
 * command's URL unless the run has a url already (autocannon's JSON names
 * its own). Returns the command and its length in *len (len may be
 * NULL), for options only one tool reads; NULL when there is none. */
const char *tool_command(struct run *r, const struct text *t, size_t i, size_t last_end,
                         const struct toolcmd_prog *progs, size_t *len);

/* Reads a count a tool printed (requests, failures, responses) into *x:
 * NULL when s[0..n) is a whole number from 0 to 2^63 - 1 (thousands
 * separators allowed with allow_thousands), else what is wrong with it,
 * for a parse_fail message after the quoted text: "is not a number" (NaN
 * too: no tool prints one for a count) or "is not a whole number within
 * 64 bits". */
const char *tool_count_bad(const char *s, size_t n, int allow_thousands, double *x);

/* What is wrong with figure v, read as rc from a headline rate, time or
 * size (units.h): NULL when it is a number (UNITS_OK) not below zero,
 * else "is not a number" (NaN included: a tool prints one only for a
 * statistic of nothing, which a headline rate never is) or "is negative". */
const char *tool_figure_bad(int rc, double v);

/* Whether word *i of a command's words t[0..n) is option `name`: "-c 10",
 * "--c 10", "-c=10", "--connections=10", and for a one-letter name "-c10".
 * 1 with the value, quotes dropped, in *v (v->n == 0 when the command ends
 * at the option: it was cut) and *i moved to the value's word when the
 * value is the next word; else 0. */
int tool_flag(const struct tok *t, size_t n, size_t *i, const char *name, struct tok *v);

/* What an option of a tool's command line gives a run besides its param. */
enum tool_field { TOOL_PARAM, TOOL_CONNECTIONS, TOOL_THREADS, TOOL_RATE };

struct tool_option {
    const char *name[2]; /* its names ("c", "connections"); NULL when one */
    const char *param;   /* kept as this param */
    enum tool_field field;
};

/* Reads the options of command cmd[0..len) that opts names (a NULL first
 * name ends the table) into r, for what the output itself does not say:
 * a param the run has not got, and connections or threads (whole counts)
 * or target_rate (a rate above zero) where the field is still NaN. So the
 * run's own lines ("using 10 connection(s)", "spawning thread") win over
 * the command, which they describe after the fact. Call when the run is
 * read whole. */
void tool_command_options(struct run *r, const char *cmd, size_t len,
                          const struct tool_option *opts);

/* Adds a count of 1 of kind `kind` for message msg, or adds 1 to the one
 * the run holds already: a line a tool prints once per failure ("client
 * could not connect to host", ab's apr_* errors) is one counted row. */
void tool_count_repeat(struct run *r, const char *kind, const char *msg);

/* A figure {metric, stat} from number member `key` of obj (NULL key: obj
 * itself) scaled by 10^pow10, its text the number's digits
 * (jsontext_num); sets *out (may be NULL) too. 0 when the member is
 * absent or not a number: nothing is added then. */
int tool_json_fig(struct run *r, const cJSON *obj, const char *key, const char *metric,
                  const char *stat, int pow10, const char *unit, double *out);

/* How one tool's JSON reports are told and read (tool_json_parse). Each
 * parser fills one in field order: keys, check, reader, messages. */
struct tool_json {
    /* Quoted keys ("\"result\""), up to 3 each: an object is looked at
     * only when its text holds every one of `all` and, unless `any` is
     * empty, one of `any`; other objects (a config, a log record) are
     * skipped. */
    const char *all[4];
    const char *any[4];
    /* Whether the parsed object is a report. */
    int (*is_ours)(const cJSON *root);
    /* Reads one report into a run and emits it: 0, or -1 via parse_fail.
     * last_end is the index after the previous report's last line (the
     * command line is looked for after it). */
    int (*run)(const cJSON *root, const struct jsontext *jt, const struct text *t,
               size_t last_end, struct parse_result *pr);
    /* The whole parse_fail message, with the parser's name, for a report
     * that never closes (cut short) and for a looked-at object that is
     * not JSON or not a report. */
    const char *cut;
    const char *foreign;
};

/* Reads every report of tj's tool in t, in order. A report cut short or
 * an object that has the keys but is not a report fails the whole file
 * (at the line of its '{'). 0, or -1 via parse_fail. */
int tool_json_parse(const struct text *t, struct parse_result *pr, const struct tool_json *tj);

#endif
