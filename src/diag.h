/* diag.h - error, warning and fatal messages, all starting "benchdb: ".
 *
 * Three verbs, one format (after git's usage.c):
 *   die()     the CLI layer only: print and exit(EXIT_USAGE... given code).
 *   error()   print and return -1, so library code can `return error(...)`.
 *   warning() print and carry on.
 * The _errno variants append ": " and strerror(errno).
 * diag_quiet() silences warnings (not errors) for -q. */
#ifndef BENCHDB_DIAG_H
#define BENCHDB_DIAG_H

#include <stdarg.h>

#if defined(__GNUC__)
#define BENCHDB_PRINTF(a, b) __attribute__((format(printf, a, b)))
#define BENCHDB_NORETURN __attribute__((noreturn))
#else
#define BENCHDB_PRINTF(a, b)
#define BENCHDB_NORETURN
#endif

int error(const char *fmt, ...) BENCHDB_PRINTF(1, 2);
int error_errno(const char *fmt, ...) BENCHDB_PRINTF(1, 2);
void warning(const char *fmt, ...) BENCHDB_PRINTF(1, 2);
BENCHDB_NORETURN void die(int status, const char *fmt, ...) BENCHDB_PRINTF(2, 3);

/* Informational line on stderr, printed only when not quiet. */
void note(const char *fmt, ...) BENCHDB_PRINTF(1, 2);

/* Progress on stderr: only when stderr is a terminal and not quiet. */
int diag_progress_enabled(void);

void diag_set_quiet(int quiet);
int diag_quiet(void);

#endif
