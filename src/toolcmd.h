/* toolcmd.h - the shell command that ran a load tool, found in the text
 * around its output: "$ ab -n 100 -c 10 http://x/", "root@host:~# ./h2load
 * -n100 https://x", "`> bombardier-windows-amd64.exe -c 200 ...`",
 * "echo 'GET http://x' | vegeta attack -rate=8 | vegeta report".
 *
 * Pure functions over one cleaned line; nothing is allocated. */
#ifndef BENCHDB_TOOLCMD_H
#define BENCHDB_TOOLCMD_H

#include <stddef.h>

/* A program name. `prefix` lets "bombardier" match the release binaries
 * "bombardier-windows-amd64.exe"; otherwise the name must match exactly,
 * with an optional ".exe". The directory part (./, /usr/bin/, .\) is
 * ignored. */
struct toolcmd_prog {
    const char *name;
    int prefix;
};

/* If line s runs one of progs (a NULL-named entry ends the list) with at
 * least one argument that looks like one (an option, a URL, a host:port,
 * or a subcommand such as "attack" / "report"), returns where the command
 * starts (past a shell prompt and a markdown backtick) and sets *len to
 * its length (trailing backticks and blanks dropped). Prose that merely
 * names the program is not a command: NULL. */
const char *toolcmd_find(const char *s, const struct toolcmd_prog *progs, size_t *len);

/* The value of an option of the command cmd[0..len): "-rate=50",
 * "-rate 50", "--rate=50" for the name "rate" (one or two dashes, '=' or
 * a blank). Quotes around the value are dropped. Returns 1 and copies the
 * value into buf (truncated to bufsz - 1), or 0 when absent. */
int toolcmd_option(const char *cmd, size_t len, const char *name, char *buf, size_t bufsz);

/* The first word of the command holding "://" (a URL), quotes dropped.
 * Returns 1 and copies it into buf, or 0. */
int toolcmd_url(const char *cmd, size_t len, char *buf, size_t bufsz);

/* The load a known tool's own command line asks for, NaN where it says
 * nothing: what `benchdb run -- TOOL ARGS...` keeps when the output does
 * not print it (wrk2 never prints its -R, hey never its -c). */
struct toolcmd_params {
    double connections, threads, vus, duration_s;
    double rate; /* requests/s asked for: wrk2 -R, oha -q, vegeta -rate,
                  * hey -q times -c (hey's rate is per worker) */
};

/* Reads argv (argv[0] the tool, known by its base name: wrk, wrk2, hey,
 * ab, h2load, oha, k6, vegeta) into p: wrk/wrk2 -t -c -d -R, hey -c -z
 * -q, ab -c -t, h2load -c -t -D, oha -c -z -q, k6 --vus/-u --duration/-d,
 * vegeta -rate -duration; short options with the value attached (-c100)
 * or apart (-c 100), long ones with '=' or apart. A request count (-n)
 * sets no parameter: the output prints the requests made. Returns 1 for a
 * known tool, 0 otherwise (p all NaN). */
int toolcmd_params(const char *const argv[], struct toolcmd_params *p);

#endif
