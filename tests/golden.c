/* golden.c - golden-file test driver.
 *
 *   golden parse FIXTURE EXPECTED
 *
 * Reads FIXTURE exactly as `benchdb import` does (ingest_file: gzip,
 * detection, parser, checks) and dumps every run canonically (run_dump),
 * or "%FAIL line N: reason" when the file is refused. Compares the dump
 * with EXPECTED; on a mismatch writes EXPECTED's name with .actual, prints
 * both paths and a diff hint, and exits 1. With BENCHDB_UPDATE_GOLDEN=1
 * it rewrites EXPECTED instead (review the change in git diff). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "ingest.h"

static char *dump_file(const char *fixture)
{
    struct ingest ing;
    char *out = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&out, &len);
    if (!mem)
        return NULL;
    if (ingest_file(fixture, NULL, NULL, NULL, &ing) < 0) {
        /* The list of known formats grows with every parser; what a golden
         * pins is the reason, so the list is cut from the dump. */
        char *list = strstr(ing.pr.err, " (formats benchdb knows: ");
        if (list)
            strcpy(list, " (formats benchdb knows: ...)");
        fprintf(mem, "%%FAIL line %d: %s\n", ing.pr.err_line, ing.pr.err[0] ? ing.pr.err : "read error");
    } else {
        fprintf(mem, "format = %s\nruns = %zu\n", ing.parser->name, ing.pr.nruns);
        for (size_t i = 0; i < ing.pr.nruns; i++) {
            fprintf(mem, "\n[run %zu]\n", i + 1);
            run_dump(mem, ing.pr.runs[i]);
        }
    }
    ingest_free(&ing);
    fclose(mem);
    return out;
}

static char *slurp(const char *path)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return NULL;
    struct buf b = BUF_INIT;
    if (buf_read_stream(&b, fp) < 0) {
        fclose(fp);
        buf_free(&b);
        return NULL;
    }
    fclose(fp);
    return buf_detach(&b, NULL);
}

static int write_file(const char *path, const char *text)
{
    FILE *fp = fopen(path, "wb");
    if (!fp) {
        perror(path);
        return -1;
    }
    fputs(text, fp);
    return fclose(fp);
}

int main(int argc, char **argv)
{
    if (argc != 4 || strcmp(argv[1], "parse") != 0) {
        fprintf(stderr, "usage: golden parse FIXTURE EXPECTED\n");
        return 2;
    }
    const char *fixture = argv[2], *expected = argv[3];
    char *actual = dump_file(fixture);
    if (!actual)
        return 2;
    const char *update = getenv("BENCHDB_UPDATE_GOLDEN");
    if (update && strcmp(update, "1") == 0) {
        int rc = write_file(expected, actual) < 0 ? 2 : 0;
        free(actual);
        return rc;
    }
    char *want = slurp(expected);
    int rc = 0;
    if (!want || strcmp(want, actual) != 0) {
        struct buf ap = BUF_INIT;
        buf_adds(&ap, expected);
        if (ap.len > 9 && strcmp(ap.data + ap.len - 9, ".expected") == 0)
            ap.len -= 9, ap.data[ap.len] = '\0';
        buf_adds(&ap, ".actual");
        write_file(buf_str(&ap), actual);
        fprintf(stderr, "golden mismatch for %s\n  expected: %s%s\n  actual:   %s\n  diff -u '%s' '%s'\n",
                fixture, expected, want ? "" : " (missing)", buf_str(&ap), expected, buf_str(&ap));
        buf_free(&ap);
        rc = 1;
    }
    free(want);
    free(actual);
    return rc;
}
