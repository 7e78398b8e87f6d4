/* unit_sniff_claims.c - the wrk2, hey, oha and oha-json sniffs claim
 * only their own outputs. For every fixture under tests/fixtures/<tool>/
 * whose <tool> has a parser: those four sniffs score 0 or below the
 * tool's own parsers; and every wrk2, hey and oha fixture is detected as
 * its own tool (hey and oha share a layout, wrk2 shares wrk's frame). */
#include <dirent.h>

#include "parse_testlib.h"

static const char *const mine[] = {"wrk2", "hey", "oha", "oha-json"};

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

static void check_file(const char *dir, const char *name)
{
    char rel[512];
    size_t n;
    snprintf(rel, sizeof rel, "%s/%s", dir, name);
    char *s = test_fixture(rel, &n);
    if (!s)
        return;
    struct text t;
    text_split(&t, s, n);
    int own_best = -1;
    for (size_t i = 0; parsers[i]; i++)
        if (strcmp(parsers[i]->tool, dir) == 0 && parsers[i]->sniff) {
            int sc = parsers[i]->sniff(&t);
            if (sc > own_best)
                own_best = sc;
        }
    if (own_best >= 0) {
        for (size_t k = 0; k < sizeof mine / sizeof mine[0]; k++) {
            const struct parser *p = parser_find(mine[k]);
            if (!p || strcmp(p->tool, dir) == 0)
                continue;
            int sc = p->sniff(&t);
            if (!(sc == 0 || sc < own_best)) {
                fprintf(stderr, "%s: %s scores %d, its own parser %d\n", rel, p->name, sc, own_best);
                test_failures++;
            }
        }
    }
    if (strcmp(dir, "wrk2") == 0 || strcmp(dir, "hey") == 0 || strcmp(dir, "oha") == 0) {
        const struct parser *p = parser_detect(&t);
        if (!p || strcmp(p->tool, dir) != 0) {
            fprintf(stderr, "%s: detected as %s\n", rel, p ? p->name : "nothing");
            test_failures++;
        }
        if (p && strcmp(dir, "oha") == 0)
            CHECK(strcmp(p->name, ends_with(name, ".json") ? "oha-json" : "oha") == 0);
    }
    text_free(&t);
    free(s);
}

int main(void)
{
    size_t n;
    char *probe = test_fixture("wrk2/SOURCES.md", &n); /* finds the fixtures folder */
    free(probe);
    char root[512];
    const char *slash = strrchr(__FILE__, '/');
    snprintf(root, sizeof root, "%.*s/fixtures", slash ? (int)(slash - __FILE__) : 1,
             slash ? __FILE__ : ".");
    DIR *top = opendir(root);
    CHECK(top != NULL);
    int seen = 0;
    for (struct dirent *d; top && (d = readdir(top)) != NULL;) {
        if (d->d_name[0] == '.')
            continue;
        char sub[768];
        snprintf(sub, sizeof sub, "%s/%s", root, d->d_name);
        DIR *dd = opendir(sub);
        if (!dd)
            continue;
        for (struct dirent *f; (f = readdir(dd)) != NULL;) {
            const char *nm = f->d_name;
            if (nm[0] == '.' || ends_with(nm, ".expected") || ends_with(nm, ".actual") ||
                ends_with(nm, ".md") || ends_with(nm, "meta.json"))
                continue;
            check_file(d->d_name, nm);
            seen++;
        }
        closedir(dd);
    }
    if (top)
        closedir(top);
    CHECK(seen >= 20);
    return test_done("unit_sniff_claims");
}
