/* metaopt.c - the metadata options of import and run, and the layers they
 * are merged from. */
#include "metaopt.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "buf.h"
#include "cmd.h"
#include "diag.h"
#include "parse.h"

enum { OPT_FORMAT = 1000, OPT_META, OPT_THIS_HOST, OPT_THIS_LOAD_HOST, OPT_TAG, OPT_KEY };

void metaopt_init(struct metaopt *o, const struct option *extra, size_t nextra)
{
    static const struct option fixed[] = {
        {"format", required_argument, NULL, OPT_FORMAT},
        {"meta", required_argument, NULL, OPT_META},
        {"this-host", no_argument, NULL, OPT_THIS_HOST},
        {"this-load-host", no_argument, NULL, OPT_THIS_LOAD_HOST},
        {"tag", required_argument, NULL, OPT_TAG},
    };
    size_t cap = 0;
    memset(o, 0, sizeof(*o));
    meta_init(&o->meta_file);
    meta_init(&o->flags);
    meta_init_host(&o->probed);
    meta_init(&o->dir_meta);
    for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++) {
        ARRAY_GROW(o->longopts, o->nopt, cap);
        o->longopts[o->nopt++] = fixed[i];
    }
    for (size_t i = 0; i < nextra; i++) {
        ARRAY_GROW(o->longopts, o->nopt, cap);
        o->longopts[o->nopt++] = extra[i];
    }
    for (size_t i = 0; meta_key_at(i); i++) {
        ARRAY_GROW(o->longopts, o->nopt, cap);
        o->longopts[o->nopt++] =
            (struct option){meta_key_at(i)->flag, required_argument, NULL, OPT_KEY + (int)i};
    }
    ARRAY_GROW(o->longopts, o->nopt, cap);
    o->longopts[o->nopt] = (struct option){NULL, 0, NULL, 0};
}

void metaopt_free(struct metaopt *o)
{
    free(o->longopts);
    meta_free(&o->meta_file);
    meta_free(&o->flags);
    meta_free_host(&o->probed);
    free(o->dir);
    meta_free(&o->dir_meta);
    memset(o, 0, sizeof(*o));
}

int metaopt_handle(struct metaopt *o, const struct cmd *self, int c, const char *word, int *rc)
{
    char err[512];
    switch (c) {
    case OPT_FORMAT:
        if (!parser_find(optarg)) {
            *rc = cmd_usage_error(self, "--format %s: unknown format (formats: %s)", optarg,
                                  parser_names());
            return -1;
        }
        o->format = optarg;
        return 1;
    case OPT_META:
        if (meta_load_file(&o->meta_file, optarg) < 0) {
            *rc = EXIT_FAIL;
            return -1;
        }
        o->have_meta_file = 1;
        return 1;
    case OPT_THIS_HOST:
        o->this_host = 1;
        return 1;
    case OPT_THIS_LOAD_HOST:
        o->this_load_host = 1;
        return 1;
    case OPT_TAG: {
        const char *eq = strchr(optarg, '=');
        if (!eq || eq == optarg) {
            *rc = cmd_usage_error(self, "--tag %s: expected KEY=VALUE", optarg);
            return -1;
        }
        char *key = xstrndup(optarg, (size_t)(eq - optarg));
        meta_set_tag(&o->flags, key, eq + 1);
        free(key);
        return 1;
    }
    default:
        if (c >= OPT_KEY && meta_key_at((size_t)(c - OPT_KEY))) {
            const struct meta_key *k = meta_key_at((size_t)(c - OPT_KEY));
            if (meta_set(&o->flags, k->key, optarg, err, sizeof err) < 0) {
                *rc = cmd_usage_error(self, "--%s: %s", k->flag, err);
                return -1;
            }
            return 1;
        }
    }
    (void)word;
    return 0;
}

static int file_exists(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0 && S_ISREG(sb.st_mode);
}

/* "dir/run.txt" -> "dir/run.meta.json"; a ".gz" goes first. */
static char *beside_meta_path(const char *path)
{
    struct buf b = BUF_INIT;
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    size_t n = strlen(path);
    if (n > 3 && strcmp(path + n - 3, ".gz") == 0)
        n -= 3;
    const char *dot = NULL;
    for (const char *p = base; p < path + n; p++)
        if (*p == '.' && p != base)
            dot = p;
    if (dot)
        n = (size_t)(dot - path);
    buf_add(&b, path, n);
    buf_adds(&b, ".meta.json");
    return buf_detach(&b, NULL);
}

/* Merges the DIR/meta.json of path's directory into m; 0, or -1 when it
 * is bad (printed). A directory's file is read once and kept; a bad one
 * is not kept, so each of its outputs is refused with the reason. */
static int dir_meta(struct metaopt *o, const char *path, struct meta *m)
{
    const char *slash = strrchr(path, '/');
    size_t dl = slash ? (size_t)(slash - path + 1) : 0;
    if (o->dir && strlen(o->dir) == dl && memcmp(o->dir, path, dl) == 0) {
        if (o->dir_has_meta)
            meta_merge(m, &o->dir_meta);
        return 0;
    }
    free(o->dir);
    o->dir = NULL;
    meta_free(&o->dir_meta);
    meta_init(&o->dir_meta);
    struct buf b = BUF_INIT;
    buf_add(&b, path, dl);
    buf_adds(&b, "meta.json");
    int has = file_exists(buf_str(&b));
    if (has && meta_load_file(&o->dir_meta, buf_str(&b)) < 0) {
        buf_free(&b);
        meta_free(&o->dir_meta);
        meta_init(&o->dir_meta);
        return -1;
    }
    buf_free(&b);
    o->dir = xstrndup(path, dl);
    o->dir_has_meta = has;
    if (has)
        meta_merge(m, &o->dir_meta);
    return 0;
}

/* The file's metadata: every layer merged. 0, or -1 when a metadata
 * file is bad (already reported). */
int metaopt_gather(struct metaopt *o, const char *path, struct meta *m)
{
    meta_init(m);
    if (path && strcmp(path, "-") != 0 && dir_meta(o, path, m) < 0)
        return -1;
    if (o->have_meta_file)
        meta_merge(m, &o->meta_file);
    if (path && strcmp(path, "-") != 0) {
        char *bm = beside_meta_path(path);
        int rc = file_exists(bm) ? meta_load_file(m, bm) : 0;
        free(bm);
        if (rc < 0)
            return -1;
    }
    if (o->this_host || o->this_load_host) {
        if (!o->probed_done) {
            meta_probe_host(&o->probed);
            o->probed_done = 1;
        }
        struct meta probe;
        meta_init(&probe);
        if (o->this_host)
            meta_merge_host(&probe.host, &o->probed);
        if (o->this_load_host)
            meta_merge_host(&probe.load_host, &o->probed);
        meta_merge(m, &probe);
        meta_free(&probe);
    }
    meta_merge(m, &o->flags);
    return 0;
}

/* Default label: the stack's framework (+ server), else the file name. */
void metaopt_default_label(struct meta *m, const char *path)
{
    if (m->label)
        return;
    struct buf b = BUF_INIT;
    if (m->stack.framework) {
        buf_adds(&b, m->stack.framework);
        if (m->stack.server)
            buf_printf(&b, " + %s", m->stack.server);
    } else if (!path || strcmp(path, "-") == 0) {
        buf_adds(&b, path ? "stdin" : "run");
    } else {
        const char *slash = strrchr(path, '/');
        const char *base = slash ? slash + 1 : path;
        const char *dot = strchr(base, '.');
        buf_add(&b, base, dot && dot != base ? (size_t)(dot - base) : strlen(base));
    }
    m->label = buf_detach(&b, NULL);
}

