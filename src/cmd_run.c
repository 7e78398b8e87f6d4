/* cmd_run.c - `benchdb run [options] -- TOOL ARGS...`: run a load tool,
 * show its output as it comes, then store it with the exact command line,
 * the tool's version and this machine's host record.
 *
 * Nothing the tool prints is refused: an output benchdb cannot read (the
 * tool failed, printed its usage, could not connect) is stored all the
 * same, as a run marked failed whose notes say why; so is a readable
 * output of a tool that exited non-zero.
 *
 * Live output: a tool writing into a pipe buffers its stdout (wrk prints
 * nothing until it ends), so when our stdout is a terminal the tool gets
 * a pseudo-terminal of its own, whose bytes we copy to ours and keep; its
 * output processing is off (no \n -> \r\n), so the bytes kept are the
 * bytes a pipe would have given. Into a pipe, a pipe.
 *
 * Ctrl-C: the terminal sends SIGINT to benchdb and the tool alike (the
 * tool stays in our process group). Like time(1) and shells, benchdb
 * ignores SIGINT and SIGQUIT while the tool runs: the tool ends as it
 * chooses (wrk prints its report), and what it printed is stored. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <math.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "cmd.h"
#include "diag.h"
#include "ingest.h"
#include "metaopt.h"
#include "store.h"
#include "toolcmd.h"

const char cmd_run_usage[] =
    "usage: benchdb run [options] -- TOOL ARGS...\n"
    "\n"
    "Runs the load tool TOOL with ARGS, shows its output live, and imports it:\n"
    "the command line as given, the tool's version (asked from the tool), and\n"
    "this machine as the load host. When the target URL is on this machine\n"
    "(localhost, 127.0.0.0/8, ::1) this machine is the server host too. An\n"
    "output benchdb cannot read is stored anyway, as a failed run. A tool that\n"
    "exits non-zero leaves its runs marked failed, with a note and the tag\n"
    "exit_status saying its status. Load parameters the output does not print\n"
    "are read from the tool's own options (wrk2 -R, hey -c -q, oha -q, k6\n"
    "--vus, vegeta -rate, ...). Ctrl-C stops the tool, not benchdb: what the\n"
    "tool printed is stored.\n"
    "\n"
    "Options: every metadata option of import (--campaign, --scenario, --label,\n"
    "--framework, --server, --workers, --tag KEY=VALUE, --meta FILE, ...;\n"
    "`benchdb help meta`), and --format NAME to skip detection.\n"
    "\n"
    "Exit status: the tool's own when it failed, else 0; 3 when the database\n"
    "fails; 2 on a bad command line.\n"
    "\n"
    "Example: benchdb run --campaign nightly --framework fastapi -- \\\n"
    "             wrk -t2 -c10 -d10s http://127.0.0.1:8000/\n";

/* How to ask each tool its version, and which line of the answer to keep. */
static const struct {
    const char *tool;
    const char *arg; /* NULL: the tool has no version flag (hey) */
} version_args[] = {
    {"wrk", "-v"},       {"wrk2", "-v"},          {"ab", "-V"},      {"h2load", "--version"},
    {"k6", "version"},   {"oha", "--version"},    {"hey", NULL},     {"vegeta", "-version"},
    {"bombardier", "--version"}, {"autocannon", "--version"},
};

static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

/* Where the tool writes: fd[0] is read, fd[1] becomes its stdout and
 * stderr. A pseudo-terminal shaped like our terminal (but without \n ->
 * \r\n) when tty, else a pipe. */
static int open_output(int tty, int fd[2])
{
    if (tty) {
        struct termios t;
        struct winsize ws;
        int have_t = tcgetattr(STDOUT_FILENO, &t) == 0;
        int have_ws = ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0;
        if (have_t)
            t.c_oflag &= ~(tcflag_t)ONLCR;
        if (openpty(&fd[0], &fd[1], NULL, have_t ? &t : NULL, have_ws ? &ws : NULL) == 0) {
            if (!have_t) { /* no terminal to copy: just turn the conversion off */
                if (tcgetattr(fd[1], &t) == 0) {
                    t.c_oflag &= ~(tcflag_t)ONLCR;
                    tcsetattr(fd[1], TCSANOW, &t);
                }
            }
            return 0;
        }
        /* no pseudo-terminal to be had: a pipe still works, buffered */
    }
    if (pipe(fd) < 0)
        return error_errno("pipe");
    return 0;
}

/* Runs argv with stdout and stderr into one pipe, or a pseudo-terminal
 * when tty. Each chunk read goes to out (and to our stdout when echo).
 * With hold_signals, SIGINT and SIGQUIT are ignored by us (not by the
 * tool) until it ends. Returns the exit status (128+signal when killed,
 * 127 when it could not be started), or -1 on a system error. `limit_s`
 * > 0 kills it after that many seconds. */
static int capture(char *const argv[], int echo, int tty, int hold_signals, int limit_s,
                   struct buf *out)
{
    int fd[2];
    struct sigaction ign = {0}, old_int, old_quit;
    if (open_output(tty, fd) < 0)
        return -1;
    ign.sa_handler = SIG_IGN;
    sigemptyset(&ign.sa_mask);
    if (hold_signals) {
        sigaction(SIGINT, &ign, &old_int);
        sigaction(SIGQUIT, &ign, &old_quit);
    }
    pid_t pid = fork();
    if (pid < 0) {
        int e = errno;
        close(fd[0]);
        close(fd[1]);
        if (hold_signals) {
            sigaction(SIGINT, &old_int, NULL);
            sigaction(SIGQUIT, &old_quit, NULL);
        }
        errno = e;
        return error_errno("fork");
    }
    if (pid == 0) {
        /* The tool gets the signals as we had them (ignored stays ignored
         * across exec, so ours must not leak to it). */
        if (hold_signals) {
            sigaction(SIGINT, &old_int, NULL);
            sigaction(SIGQUIT, &old_quit, NULL);
        }
        dup2(fd[1], STDOUT_FILENO);
        dup2(fd[1], STDERR_FILENO);
        close(fd[0]);
        close(fd[1]);
        execvp(argv[0], argv);
        fprintf(stderr, "benchdb: cannot run %s: %s\n", argv[0], strerror(errno));
        _exit(127);
    }
    close(fd[1]);
    time_t start = time(NULL);
    char chunk[8192];
    for (;;) {
        struct pollfd p = {fd[0], POLLIN, 0};
        int pr = poll(&p, 1, 200);
        if (pr < 0 && errno != EINTR)
            break;
        if (limit_s > 0 && time(NULL) - start > limit_s) {
            kill(pid, SIGKILL);
            break;
        }
        if (pr <= 0)
            continue;
        ssize_t n = read(fd[0], chunk, sizeof chunk);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) /* a pseudo-terminal says EIO once the tool closed it */
            break;
        buf_add(out, chunk, (size_t)n);
        if (echo) {
            fwrite(chunk, 1, (size_t)n, stdout);
            fflush(stdout);
        }
    }
    close(fd[0]);
    int status, rc = -1;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR) {
            rc = error_errno("waitpid");
            goto out;
        }
    if (WIFEXITED(status))
        rc = WEXITSTATUS(status);
    else if (WIFSIGNALED(status))
        rc = 128 + WTERMSIG(status);
out:
    if (hold_signals) {
        sigaction(SIGINT, &old_int, NULL);
        sigaction(SIGQUIT, &old_quit, NULL);
    }
    return rc;
}

/* The first non-empty line the tool prints when asked its version. */
static char *tool_version(const char *tool_path)
{
    const char *name = base_name(tool_path);
    for (size_t i = 0; i < sizeof version_args / sizeof version_args[0]; i++) {
        if (strcmp(version_args[i].tool, name) != 0 || !version_args[i].arg)
            continue;
        char *path = xstrdup(tool_path), *flag = xstrdup(version_args[i].arg);
        char *argv[] = {path, flag, NULL};
        struct buf b = BUF_INIT;
        capture(argv, 0, 0, 0, 10, &b);
        free(path);
        free(flag);
        const char *s = buf_str(&b);
        while (*s == '\n' || *s == '\r' || *s == ' ')
            s++;
        size_t n = strcspn(s, "\r\n");
        char *v = n ? xstrndup(s, n) : NULL;
        buf_free(&b);
        return v;
    }
    return NULL;
}

/* The command as a shell would need it typed: words quoted when needed. */
static char *command_line(char *const argv[])
{
    struct buf b = BUF_INIT;
    for (size_t i = 0; argv[i]; i++) {
        const char *a = argv[i];
        if (i)
            buf_addc(&b, ' ');
        if (*a && strspn(a, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
                            "-_./:=,@%+") == strlen(a)) {
            buf_adds(&b, a);
            continue;
        }
        buf_addc(&b, '\'');
        for (; *a; a++) {
            if (*a == '\'')
                buf_adds(&b, "'\\''");
            else
                buf_addc(&b, *a);
        }
        buf_addc(&b, '\'');
    }
    return buf_detach(&b, NULL);
}

/* Whether an argument is a URL on this machine. */
static int local_url(const char *a)
{
    const char *p = strstr(a, "://");
    if (!p || (strncmp(a, "http", 4) != 0 && strncmp(a, "ws", 2) != 0))
        return 0;
    p += 3;
    return strncmp(p, "localhost", 9) == 0 || strncmp(p, "127.", 4) == 0 ||
           strncmp(p, "[::1]", 5) == 0;
}

/* The load parameters the tool's own options set, where neither the
 * metadata options nor (later, at store time) the output give them. */
static void params_from_argv(char *const tool_argv[], struct meta *m)
{
    struct toolcmd_params p;
    if (!toolcmd_params((const char *const *)tool_argv, &p))
        return;
    if (isnan(m->connections))
        m->connections = p.connections;
    if (isnan(m->threads))
        m->threads = p.threads;
    if (isnan(m->vus))
        m->vus = p.vus;
    if (isnan(m->duration_s))
        m->duration_s = p.duration_s;
    if (isnan(m->rate))
        m->rate = p.rate;
}

/* A tool that exited non-zero: each run it printed is marked failed, and
 * the notes say the status (after any notes given). */
static void mark_exit_status(struct ingest *ing, struct meta *m, int status)
{
    char st[16];
    struct buf notes = BUF_INIT;
    snprintf(st, sizeof st, "%d", status);
    meta_set_tag(m, "exit_status", st);
    for (size_t i = 0; i < ing->pr.nruns; i++)
        ing->pr.runs[i]->state = RUN_STATE_FAILED;
    if (m->notes)
        buf_printf(&notes, "%s; ", m->notes);
    buf_printf(&notes, "the tool exited with status %d", status);
    free(m->notes);
    m->notes = buf_detach(&notes, NULL);
}

int cmd_run(int argc, char **argv, struct cmd_ctx *ctx)
{
    const struct cmd *self = cmd_find("run");
    struct metaopt o;
    struct meta m;
    struct ingest ing;
    struct buf out = BUF_INIT;
    char *command = NULL, *version = NULL;
    int rc = EXIT_OK, c, status = 0;

    meta_init(&m);
    memset(&ing, 0, sizeof ing);
    metaopt_init(&o, NULL, 0);
    opterr = 0;
    /* "+": stop at the first non-option, so TOOL's own options stay its. */
    while ((c = getopt_long(argc, argv, "+", o.longopts, NULL)) != -1) {
        if (metaopt_handle(&o, self, c, argv[optind - 1], &rc) <= 0) {
            if (rc == EXIT_OK)
                rc = cmd_usage_error(self, "run: unknown or incomplete option '%s'", argv[optind - 1]);
            goto out;
        }
    }
    if (optind < argc && strcmp(argv[optind - 1], "--") != 0 && strcmp(argv[optind], "--") == 0)
        optind++;
    if (optind >= argc) {
        rc = cmd_usage_error(self, "run: which tool? (benchdb run [options] -- TOOL ARGS...)");
        goto out;
    }
    char **tool_argv = argv + optind;
    if ((rc = cmd_open_store(ctx)) != EXIT_OK)
        goto out;

    /* The machine this runs on is the load host; and the server too when
     * the target is local. */
    o.this_load_host = 1;
    for (char **a = tool_argv; *a; a++)
        if (local_url(*a))
            o.this_host = 1;
    if (metaopt_gather(&o, NULL, &m) < 0) {
        rc = EXIT_FAIL;
        goto out;
    }
    params_from_argv(tool_argv, &m);
    command = command_line(tool_argv);
    version = tool_version(tool_argv[0]);

    status = capture(tool_argv, !diag_quiet(), isatty(STDOUT_FILENO), 1, 0, &out);
    if (status < 0) {
        rc = EXIT_FAIL;
        goto out;
    }
    if (!m.command)
        m.command = xstrdup(command);
    if (!m.tool_version && version)
        m.tool_version = xstrdup(version);

    /* Parse; what cannot be read is kept as a failed run of the tool. */
    int parsed = ingest_buffer(out.data ? out.data : "", out.len, o.format, &ing) == 0;
    if (!parsed) {
        char why[700];
        snprintf(why, sizeof why, "benchdb could not read this output (line %d: %s)",
                 ing.pr.err_line, ing.pr.err);
        parse_result_free(&ing.pr);
        parse_result_init(&ing.pr);
        struct run *r = run_new(base_name(tool_argv[0]), "unparsed");
        r->state = RUN_STATE_FAILED;
        r->first_line = 1;
        r->last_line = 1;
        for (size_t i = 0; i < out.len; i++)
            if (out.data[i] == '\n' && i + 1 < out.len)
                r->last_line++;
        parse_emit(&ing.pr, r);
        if (!m.notes)
            m.notes = xstrdup(why);
        warning("%s", why);
    }
    if (status != 0)
        mark_exit_status(&ing, &m, status);
    metaopt_default_label(&m, NULL);
    if (strcmp(m.label, "run") == 0) {
        free(m.label);
        m.label = xstrdup(base_name(tool_argv[0]));
    }

    char name[128], stamp[32];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm);
    snprintf(name, sizeof name, "benchdb-run-%s-%s.txt", stamp, base_name(tool_argv[0]));

    int64_t existing;
    if (store_source_find(ctx->st, ing.sha256, &existing) > 0) {
        note("this output is already stored (source %lld); nothing stored", (long long)existing);
        goto out;
    }
    struct store_source src = {
        .sha256 = ing.sha256,
        .file_name = name,
        .format = parsed ? ing.parser->name : "unparsed",
        .size_bytes = (long long)out.len,
        .gzipped = 0,
        .raw = out.data ? out.data : "",
        .raw_len = out.len,
    };
    int64_t source_id, first = 0, last = 0;
    if (store_begin(ctx->st) < 0) {
        rc = EXIT_DB;
        goto out;
    }
    int found = store_source_find(ctx->st, ing.sha256, &existing);
    if (found > 0) { /* stored by someone else meanwhile */
        store_rollback(ctx->st);
        note("this output is already stored (source %lld); nothing stored", (long long)existing);
        goto out;
    }
    if (found < 0 || store_source_add(ctx->st, &src, &source_id) < 0) {
        store_rollback(ctx->st);
        rc = EXIT_DB;
        goto out;
    }
    for (size_t i = 0; i < ing.pr.nruns; i++) {
        int64_t id;
        if (store_run_add(ctx->st, source_id, (int)i + 1, ing.pr.runs[i], &m, &id) < 0) {
            store_rollback(ctx->st);
            rc = EXIT_DB;
            goto out;
        }
        if (!first)
            first = id;
        last = id;
    }
    if (store_commit(ctx->st) < 0) {
        rc = EXIT_DB;
        goto out;
    }
    int failed = !parsed || status != 0;
    if (first == last)
        note("stored run %lld (%s%s)", (long long)first, src.format, failed ? ", failed" : "");
    else
        note("stored runs %lld-%lld (%s%s)", (long long)first, (long long)last, src.format,
             failed ? ", failed" : "");
    rc = status > 0 ? (status > 255 ? 1 : status) : EXIT_OK;
out:
    ingest_free(&ing);
    buf_free(&out);
    free(command);
    free(version);
    meta_free(&m);
    metaopt_free(&o);
    return rc;
}
