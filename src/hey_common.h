/* hey_common.h - the summary text hey prints, and oha prints too (it began
 * as a hey look-alike and kept the layout), read once for both parsers
 * (parse_hey.c, parse_oha.c).
 *
 *   Summary:
 *     Success rate:  100.00%                 (oha; 2020 oha: 1.0000)
 *     Total:         2.0004 secs
 *     Slowest:       0.0085 secs
 *     Fastest:       0.0000 secs
 *     Average:       0.0003 secs
 *     Requests/sec:  38792.0470
 *
 *     Total data:    5975123 bytes           (oha: 38.28 MiB)
 *     Size/request:  77 bytes
 *     Size/sec:      6.44 MiB                (oha)
 *
 *   Response time histogram:
 *     0.000 [1]      |
 *     0.001 [76192]  |■■■■■■■■■■■■■■■■■■■■■■■■■■■■■■■■■■■■■■■■
 *
 *   Latency distribution:                    (oha 1.x: Response time distribution:)
 *     10% in 0.0001 secs                     (oha 1.x: 10.00% in 0.0014 secs)
 *
 *   Details (average, fastest, slowest):
 *     DNS+dialup:    0.0000 secs, 0.0000 secs, 0.0085 secs
 *
 *   Status code distribution:
 *     [200]  77599 responses
 *
 *   Error distribution:
 *     [200]  Get "http://127.0.0.1:18081/data.json": dial tcp ...: connection refused
 *
 * Ownership: nothing here keeps memory past a call. */
#ifndef BENCHDB_HEY_COMMON_H
#define BENCHDB_HEY_COMMON_H

#include "parse.h"

/* Where a command-line flag's value goes besides its param. */
enum hey_head { HEY_HEAD_NONE, HEY_HEAD_CONNECTIONS, HEY_HEAD_TARGET_RATE };

/* One flag of the tool's command line: "-c 20", "-c=20", "--c 20" (Go's
 * flag package), "-c20" (clap) all give param `param` = "20". */
struct hey_flag {
    const char *name;   /* without dashes: "c" */
    const char *param;  /* "concurrency" */
    enum hey_head head;
};

/* What differs between the tools sharing this text. */
struct hey_tool {
    const char *tool;          /* run tool: "hey", "oha" */
    const char *format;        /* parser name: "hey", "oha" */
    const char *program;       /* program word of its command line: "hey" */
    const struct hey_flag *flags; /* ended by a NULL name */
    /* An error row the tool does not count against its success rate
     * (oha: "aborted due to deadline", the -z end), or NULL. */
    const char *not_failure;
    /* Responses with a status of 400 and up are failures too (hey, which
     * counts no failures itself: the rule wrk, h2load and bombardier
     * follow); 0 where the tool's success rate says what failed (oha). */
    int status_failures;
};

/* The counted rows of one output and the headline rule they give (see
 * parse_hey.c and parse_oha.c): requests = responses + errors; failed =
 * errors except the tool's not_failure, and with status_failures the
 * responses of 400 and up; non2xx = responses outside 2xx. */
struct hey_counts {
    int has_status, has_errors; /* the sections were printed */
    double responses, errors;
    double failures;            /* errors but the tool's not_failure */
    double bad_status;          /* responses with a status of 400 and up */
    double non2xx;              /* responses with a status outside 2xx */
    double success_pct;         /* a printed success rate (percent), or NaN */
    char success_text[32];      /* ... as printed: "100.00%", "1.0000" */
    int success_shift;          /* power of ten from that text to percent */
    /* A text cut before its counts were whole (see hey_common.c): the run
     * is incomplete and nothing is derived from the rows. */
    int cut;
    int timed;                  /* a histogram row or percentile shows a timed response */
};

void hey_counts_init(struct hey_counts *c);
/* Records a printed success rate: its value in percent, its text and the
 * power of ten from the text to percent (0 for "99.5%", 2 for a ratio). */
void hey_counts_success(struct hey_counts *c, double pct, const char *text, int shift);
/* A status row: a count of kind "status". */
void hey_count_status(struct run *r, struct hey_counts *c, const char *code, double n);
/* An error row: a count of kind NULL with the error text. */
void hey_count_error(struct run *r, struct hey_counts *c, const struct hey_tool *tool,
                     const char *message, double n);
/* Sets requests, failed_requests, failed_pct, non2xx, state, lat_med and
 * latency_metric of a finished run. A cut run gets only failed_pct from a
 * printed success rate, its Slowest/Fastest/Average as headline times only
 * when a histogram row or a percentile shows a timed response, and state
 * incomplete. */
void hey_counts_apply(struct run *r, const struct hey_counts *c, const struct hey_tool *tool);

/* Parses every output in t (see parse_hey.c and parse_oha.c for the
 * rules). 0, or -1 via parse_fail. */
int hey_text_parse(const struct text *t, struct parse_result *pr, const struct hey_tool *tool);

/* What a text shows of this layout, for the two sniffs. */
struct hey_evidence {
    int summary;      /* a "Summary:" header */
    int rps;          /* a "Requests/sec:" row */
    int sections;     /* other section headers, each counted once */
    int rows;         /* status "[200] N responses" and histogram rows */
    int oha_marks;    /* what only oha prints: Success rate, Size/sec, units
                       * other than secs, "10.00% in", Rust error texts, an
                       * oha command line */
    int hey_marks;    /* what only hey prints: "N bytes" sizes, req write /
                       * resp wait / resp read, a TAB after an error's count,
                       * Go error texts, a hey command line */
};

/* A text without any section header gives no evidence at all (every
 * count 0): what both sniffers need first is a header, and most texts
 * they are shown have none, so that is looked for before anything else. */
void hey_text_evidence(const struct text *t, struct hey_evidence *ev);

#endif
