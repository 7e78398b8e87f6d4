/* diag.c - the one place that formats messages for the user. */
#include "diag.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int quiet;

void diag_set_quiet(int q) { quiet = q; }
int diag_quiet(void) { return quiet; }

int diag_progress_enabled(void)
{
    return !quiet && isatty(STDERR_FILENO);
}

#if defined(__GNUC__)
__attribute__((format(printf, 2, 0)))
#endif
static void vreport(const char *prefix, const char *fmt, va_list ap, const char *suffix)
{
    fputs("benchdb: ", stderr);
    fputs(prefix, stderr);
    vfprintf(stderr, fmt, ap);
    if (suffix) {
        fputs(": ", stderr);
        fputs(suffix, stderr);
    }
    fputc('\n', stderr);
}

int error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport("", fmt, ap, NULL);
    va_end(ap);
    return -1;
}

int error_errno(const char *fmt, ...)
{
    const char *msg = strerror(errno);
    va_list ap;
    va_start(ap, fmt);
    vreport("", fmt, ap, msg);
    va_end(ap);
    return -1;
}

void warning(const char *fmt, ...)
{
    va_list ap;
    if (quiet)
        return;
    va_start(ap, fmt);
    vreport("warning: ", fmt, ap, NULL);
    va_end(ap);
}

void note(const char *fmt, ...)
{
    va_list ap;
    if (quiet)
        return;
    va_start(ap, fmt);
    vreport("", fmt, ap, NULL);
    va_end(ap);
}

void die(int status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport("", fmt, ap, NULL);
    va_end(ap);
    exit(status);
}
