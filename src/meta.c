/* meta.c - metadata keys, layers, JSON metadata files, host probing. */
#include "meta.h"

#include <ctype.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "buf.h"
#include "diag.h"
#include "units.h"

/* Each key: its dotted name, its import flag, its type, where it lives. */
struct key_slot {
    struct meta_key k;
    size_t off; /* offset of the char* or double in struct meta */
};

#define S(field) offsetof(struct meta, field)
static const struct key_slot slots[] = {
    {{"campaign", "campaign", META_TEXT, "campaign the run belongs to (\"PiterPy 2023\")"}, S(campaign)},
    {{"scenario", "scenario", META_TEXT, "what was measured (\"GET without db\", \"POST write\")"}, S(scenario)},
    {{"label", "label", META_TEXT, "name of the run in tables and charts (default: framework + server)"}, S(label)},
    {{"notes", "notes", META_TEXT, "free text"}, S(notes)},
    {{"stack.language", "language", META_TEXT, "language (\"python\")"}, S(stack.language)},
    {{"stack.language_version", "language-version", META_TEXT, "language version (\"3.12\")"}, S(stack.language_version)},
    {{"stack.framework", "framework", META_TEXT, "web framework (\"fastapi\")"}, S(stack.framework)},
    {{"stack.framework_version", "framework-version", META_TEXT, "framework version"}, S(stack.framework_version)},
    {{"stack.server", "server", META_TEXT, "application server (\"granian\", \"gunicorn+uvicorn\")"}, S(stack.server)},
    {{"stack.server_version", "server-version", META_TEXT, "server version"}, S(stack.server_version)},
    {{"stack.workers", "workers", META_INT, "worker processes"}, S(stack.workers)},
    {{"stack.event_loop", "event-loop", META_TEXT, "event loop (\"uvloop\", \"asyncio\")"}, S(stack.event_loop)},
    {{"stack.serializer", "serializer", META_TEXT, "serializer (\"pydantic\", \"msgspec\")"}, S(stack.serializer)},
    {{"stack.proxy", "proxy", META_TEXT, "reverse proxy (\"nginx\")"}, S(stack.proxy)},
    {{"stack.database", "database", META_TEXT, "database behind the app (\"redis\")"}, S(stack.database)},
    {{"host.name", "host-name", META_TEXT, "server host: a name for the machine"}, S(host.name)},
    {{"host.cpu_model", "cpu-model", META_TEXT, "server host: CPU model"}, S(host.cpu_model)},
    {{"host.vcpus", "vcpus", META_INT, "server host: vCPUs"}, S(host.vcpus)},
    {{"host.ram_mb", "ram-mb", META_INT, "server host: RAM in MiB"}, S(host.ram_mb)},
    {{"host.virtualization", "virtualization", META_TEXT, "server host: KVM, docker, none, ..."}, S(host.virtualization)},
    {{"host.os", "os", META_TEXT, "server host: operating system"}, S(host.os)},
    {{"host.kernel", "kernel", META_TEXT, "server host: kernel release"}, S(host.kernel)},
    {{"host.arch", "arch", META_TEXT, "server host: CPU architecture"}, S(host.arch)},
    {{"load_host.name", "load-host-name", META_TEXT, "load host: a name for the machine"}, S(load_host.name)},
    {{"load_host.cpu_model", "load-cpu-model", META_TEXT, "load host: CPU model"}, S(load_host.cpu_model)},
    {{"load_host.vcpus", "load-vcpus", META_INT, "load host: vCPUs"}, S(load_host.vcpus)},
    {{"load_host.ram_mb", "load-ram-mb", META_INT, "load host: RAM in MiB"}, S(load_host.ram_mb)},
    {{"load_host.virtualization", "load-virtualization", META_TEXT, "load host: virtualization"}, S(load_host.virtualization)},
    {{"load_host.os", "load-os", META_TEXT, "load host: operating system"}, S(load_host.os)},
    {{"load_host.kernel", "load-kernel", META_TEXT, "load host: kernel release"}, S(load_host.kernel)},
    {{"load_host.arch", "load-arch", META_TEXT, "load host: CPU architecture"}, S(load_host.arch)},
    {{"tool.version", "tool-version", META_TEXT, "load tool version"}, S(tool_version)},
    {{"tool.command", "command", META_TEXT, "load tool command line"}, S(command)},
    {{"tool.url", "url", META_TEXT, "target URL"}, S(url)},
    {{"tool.connections", "connections", META_INT, "connections (wrk -c, hey -c, ab -c)"}, S(connections)},
    {{"tool.threads", "threads", META_INT, "load tool threads (wrk -t)"}, S(threads)},
    {{"tool.vus", "vus", META_INT, "k6 virtual users (maximum)"}, S(vus)},
    {{"tool.duration", "duration", META_DURATION, "test duration (\"30s\", \"1m\", or seconds)"}, S(duration_s)},
    {{"tool.rate", "rate", META_NUM, "target request rate per second (wrk2 -R, vegeta -rate)"}, S(rate)},
    {{NULL, NULL, 0, NULL}, 0},
};
#undef S

const struct meta_key *meta_key_at(size_t i)
{
    return i < sizeof(slots) / sizeof(slots[0]) - 1 ? &slots[i].k : NULL;
}

static const struct key_slot *slot_by_key(const char *key)
{
    for (const struct key_slot *s = slots; s->k.key; s++)
        if (strcmp(s->k.key, key) == 0)
            return s;
    return NULL;
}

const struct meta_key *meta_key_by_flag(const char *flag)
{
    for (const struct key_slot *s = slots; s->k.key; s++)
        if (strcmp(s->k.flag, flag) == 0)
            return &s->k;
    return NULL;
}

static char **text_at(struct meta *m, const struct key_slot *s)
{
    return (char **)(void *)((char *)m + s->off);
}

static double *num_at(struct meta *m, const struct key_slot *s)
{
    return (double *)(void *)((char *)m + s->off);
}

static const char *const *ctext_at(const struct meta *m, const struct key_slot *s)
{
    return (const char *const *)(const void *)((const char *)m + s->off);
}

static const double *cnum_at(const struct meta *m, const struct key_slot *s)
{
    return (const double *)(const void *)((const char *)m + s->off);
}

void meta_init(struct meta *m)
{
    memset(m, 0, sizeof(*m));
    for (const struct key_slot *s = slots; s->k.key; s++)
        if (s->k.type != META_TEXT)
            *num_at(m, s) = (double)NAN;
}

void meta_free(struct meta *m)
{
    for (const struct key_slot *s = slots; s->k.key; s++)
        if (s->k.type == META_TEXT)
            free(*text_at(m, s));
    for (size_t i = 0; i < m->ntags; i++) {
        free(m->tags[i].key);
        free(m->tags[i].value);
    }
    free(m->tags);
    meta_init(m);
}

void meta_init_host(struct meta_host *h)
{
    memset(h, 0, sizeof(*h));
    h->vcpus = h->ram_mb = (double)NAN;
}

void meta_free_host(struct meta_host *h)
{
    free(h->name);
    free(h->cpu_model);
    free(h->virtualization);
    free(h->os);
    free(h->kernel);
    free(h->arch);
    meta_init_host(h);
}

static void merge_text(char **dst, const char *src)
{
    if (src) {
        free(*dst);
        *dst = xstrdup(src);
    }
}

void meta_merge_host(struct meta_host *dst, const struct meta_host *src)
{
    merge_text(&dst->name, src->name);
    merge_text(&dst->cpu_model, src->cpu_model);
    merge_text(&dst->virtualization, src->virtualization);
    merge_text(&dst->os, src->os);
    merge_text(&dst->kernel, src->kernel);
    merge_text(&dst->arch, src->arch);
    if (!isnan(src->vcpus))
        dst->vcpus = src->vcpus;
    if (!isnan(src->ram_mb))
        dst->ram_mb = src->ram_mb;
}

void meta_set_tag(struct meta *m, const char *key, const char *value)
{
    for (size_t i = 0; i < m->ntags; i++) {
        if (strcmp(m->tags[i].key, key) == 0) {
            free(m->tags[i].value);
            m->tags[i].value = xstrdup(value);
            return;
        }
    }
    ARRAY_GROW(m->tags, m->ntags, m->captags);
    m->tags[m->ntags].key = xstrdup(key);
    m->tags[m->ntags].value = xstrdup(value);
    m->ntags++;
}

void meta_merge(struct meta *dst, const struct meta *src)
{
    for (const struct key_slot *s = slots; s->k.key; s++) {
        if (s->k.type == META_TEXT) {
            const char *v = *ctext_at(src, s);
            if (v) {
                free(*text_at(dst, s));
                *text_at(dst, s) = xstrdup(v);
            }
        } else if (!isnan(*cnum_at(src, s))) {
            *num_at(dst, s) = *cnum_at(src, s);
        }
    }
    for (size_t i = 0; i < src->ntags; i++)
        meta_set_tag(dst, src->tags[i].key, src->tags[i].value);
}

void meta_copy(struct meta *dst, const struct meta *src)
{
    meta_init(dst);
    meta_merge(dst, src);
}

static int set_number(const struct key_slot *s, double *out, const char *value, char *err, size_t errlen)
{
    double v;
    size_t n = strlen(value);
    if (s->k.type == META_DURATION) {
        double ms;
        if (units_duration_ms(value, n, &ms) == UNITS_OK) {
            *out = ms / 1000.0;
            return 0;
        }
        if (units_number(value, n, 0, &v) == UNITS_OK && v >= 0) {
            *out = v;
            return 0;
        }
        snprintf(err, errlen, "%s: \"%s\" is not a duration (\"30s\", \"1m30s\", or seconds)", s->k.key, value);
        return -1;
    }
    if (units_number(value, n, 0, &v) != UNITS_OK || isnan(v)) {
        snprintf(err, errlen, "%s: \"%s\" is not a number", s->k.key, value);
        return -1;
    }
    if (s->k.type == META_INT && (v != floor(v) || v < 0 || v > 1e15)) {
        snprintf(err, errlen, "%s: \"%s\" is not a whole non-negative number", s->k.key, value);
        return -1;
    }
    *out = v;
    return 0;
}

int meta_set(struct meta *m, const char *key, const char *value, char *err, size_t errlen)
{
    const struct key_slot *s = slot_by_key(key);
    if (!s) {
        snprintf(err, errlen, "unknown metadata key \"%s\" (see `benchdb help meta`)", key);
        return -1;
    }
    if (s->k.type == META_TEXT) {
        free(*text_at(m, s));
        *text_at(m, s) = xstrdup(value);
        return 0;
    }
    return set_number(s, num_at(m, s), value, err, errlen);
}

/* --- JSON files -------------------------------------------------------- */

/* 1-based line of byte offset off in text. */
static int line_at(const char *text, size_t off)
{
    int line = 1;
    for (size_t i = 0; i < off && text[i]; i++)
        if (text[i] == '\n')
            line++;
    return line;
}

/* Best-effort line of a key: the first "key" after the first "parent". */
static int line_of_key(const char *text, const char *parent, const char *key)
{
    char pat[256];
    const char *from = text;
    if (parent) {
        snprintf(pat, sizeof pat, "\"%s\"", parent);
        const char *p = strstr(text, pat);
        if (p)
            from = p;
    }
    snprintf(pat, sizeof pat, "\"%s\"", key);
    const char *k = strstr(from, pat);
    return k ? line_at(text, (size_t)(k - text)) : 1;
}

static int load_object(struct meta *m, const char *name, const char *text,
                       const cJSON *obj, const char *prefix)
{
    for (const cJSON *it = obj->child; it; it = it->next) {
        char key[256];
        char err[512];
        int line = line_of_key(text, prefix, it->string);
        if (prefix)
            snprintf(key, sizeof key, "%s.%s", prefix, it->string);
        else
            snprintf(key, sizeof key, "%s", it->string);

        if (!prefix && strcmp(it->string, "tags") == 0) {
            if (!cJSON_IsObject(it))
                return error("%s:%d: tags must be an object of \"key\": \"value\" pairs", name, line);
            for (const cJSON *t = it->child; t; t = t->next) {
                char num[64];
                const char *v;
                if (cJSON_IsString(t))
                    v = t->valuestring;
                else if (cJSON_IsNumber(t))
                    v = units_format(num, sizeof num, t->valuedouble);
                else if (cJSON_IsBool(t))
                    v = cJSON_IsTrue(t) ? "true" : "false";
                else
                    return error("%s:%d: tags.%s must be a string or a number",
                                 name, line_of_key(text, "tags", t->string), t->string);
                meta_set_tag(m, t->string, v);
            }
            continue;
        }
        if (!prefix && (strcmp(it->string, "host") == 0 || strcmp(it->string, "load_host") == 0 ||
                        strcmp(it->string, "stack") == 0 || strcmp(it->string, "tool") == 0)) {
            if (cJSON_IsNull(it))
                continue;
            if (!cJSON_IsObject(it))
                return error("%s:%d: %s must be an object", name, line, it->string);
            if (load_object(m, name, text, it, it->string) < 0)
                return -1;
            continue;
        }
        if (!prefix && strcmp(it->string, "$comment") == 0)
            continue;
        const struct key_slot *s = slot_by_key(key);
        if (!s)
            return error("%s:%d: unknown metadata key \"%s\" (see `benchdb help meta`)", name, line, key);
        if (cJSON_IsNull(it))
            continue;
        if (s->k.type == META_TEXT) {
            if (!cJSON_IsString(it))
                return error("%s:%d: %s must be a string", name, line, key);
            if (meta_set(m, key, it->valuestring, err, sizeof err) < 0)
                return error("%s:%d: %s", name, line, err);
        } else if (cJSON_IsNumber(it)) {
            char num[64];
            if (meta_set(m, key, units_format(num, sizeof num, it->valuedouble), err, sizeof err) < 0)
                return error("%s:%d: %s", name, line, err);
        } else if (cJSON_IsString(it) && s->k.type == META_DURATION) {
            if (meta_set(m, key, it->valuestring, err, sizeof err) < 0)
                return error("%s:%d: %s", name, line, err);
        } else {
            return error("%s:%d: %s must be a number%s", name, line, key,
                         s->k.type == META_DURATION ? " or a duration string" : "");
        }
    }
    return 0;
}

int meta_load_json(struct meta *m, const char *name, const char *data, size_t len)
{
    /* Line numbers are found by searching the text: give it an end. */
    char *text = xstrndup(data, len);
    len = strlen(text);
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithLengthOpts(text, len, &end, 0);
    if (!root) {
        size_t off = end ? (size_t)(end - text) : 0;
        const char *at = cJSON_GetErrorPtr();
        if (at && at >= text && at <= text + len)
            off = (size_t)(at - text);
        int line = line_at(text, off);
        free(text);
        return error("%s:%d: not valid JSON", name, line);
    }
    int rc;
    if (!cJSON_IsObject(root))
        rc = error("%s:1: metadata must be a JSON object", name);
    else
        rc = load_object(m, name, text, root, NULL);
    cJSON_Delete(root);
    free(text);
    return rc;
}

int meta_load_file(struct meta *m, const char *path)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return error_errno("%s", path);
    struct buf b = BUF_INIT;
    int rc = buf_read_stream(&b, fp);
    fclose(fp);
    if (rc < 0) {
        buf_free(&b);
        return error_errno("%s", path);
    }
    if (memchr(buf_str(&b), '\0', b.len)) {
        buf_free(&b);
        return error("%s:1: not valid JSON (NUL byte)", path);
    }
    rc = meta_load_json(m, path, buf_str(&b), b.len);
    buf_free(&b);
    return rc;
}

/* --- identities -------------------------------------------------------- */

static void ident_text(struct buf *b, const char *k, const char *v)
{
    if (v)
        buf_printf(b, "%s=%s\x1f", k, v);
}

static void ident_num(struct buf *b, const char *k, double v)
{
    char tmp[64];
    if (!isnan(v))
        buf_printf(b, "%s=%s\x1f", k, units_format(tmp, sizeof tmp, v));
}

void meta_host_identity(const struct meta_host *h, char **out)
{
    struct buf b = BUF_INIT;
    ident_text(&b, "name", h->name);
    ident_text(&b, "cpu_model", h->cpu_model);
    ident_num(&b, "vcpus", h->vcpus);
    ident_num(&b, "ram_mb", h->ram_mb);
    ident_text(&b, "virtualization", h->virtualization);
    ident_text(&b, "os", h->os);
    ident_text(&b, "kernel", h->kernel);
    ident_text(&b, "arch", h->arch);
    *out = buf_detach(&b, NULL);
}

void meta_stack_identity(const struct meta_stack *s, char **out)
{
    struct buf b = BUF_INIT;
    ident_text(&b, "language", s->language);
    ident_text(&b, "language_version", s->language_version);
    ident_text(&b, "framework", s->framework);
    ident_text(&b, "framework_version", s->framework_version);
    ident_text(&b, "server", s->server);
    ident_text(&b, "server_version", s->server_version);
    ident_num(&b, "workers", s->workers);
    ident_text(&b, "event_loop", s->event_loop);
    ident_text(&b, "serializer", s->serializer);
    ident_text(&b, "proxy", s->proxy);
    ident_text(&b, "database", s->database);
    *out = buf_detach(&b, NULL);
}

int meta_host_empty(const struct meta_host *h)
{
    return !h->name && !h->cpu_model && isnan(h->vcpus) && isnan(h->ram_mb) &&
           !h->virtualization && !h->os && !h->kernel && !h->arch;
}

int meta_stack_empty(const struct meta_stack *s)
{
    return !s->language && !s->language_version && !s->framework && !s->framework_version &&
           !s->server && !s->server_version && isnan(s->workers) && !s->event_loop &&
           !s->serializer && !s->proxy && !s->database;
}

/* --- probing this machine ---------------------------------------------- */

static char *read_small(const char *path)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return NULL;
    struct buf b = BUF_INIT;
    char tmp[4096];
    size_t got;
    while ((got = fread(tmp, 1, sizeof tmp, fp)) > 0 && b.len < (1u << 20))
        buf_add(&b, tmp, got);
    fclose(fp);
    return buf_detach(&b, NULL);
}

/* Value of the first "key<blanks>:<blanks>value" line, trimmed. */
static char *colon_value(const char *text, const char *key)
{
    size_t kl = strlen(key);
    for (const char *p = text; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
        if (strncmp(p, key, kl) != 0)
            continue;
        const char *q = p + kl;
        while (*q == ' ' || *q == '\t')
            q++;
        if (*q != ':')
            continue;
        q++;
        while (*q == ' ' || *q == '\t')
            q++;
        const char *e = strchr(q, '\n');
        size_t n = e ? (size_t)(e - q) : strlen(q);
        while (n > 0 && isspace((unsigned char)q[n - 1]))
            n--;
        return xstrndup(q, n);
    }
    return NULL;
}

static char *os_release_name(void)
{
    char *text = read_small("/etc/os-release");
    if (!text)
        text = read_small("/usr/lib/os-release");
    if (!text)
        return NULL;
    char *res = NULL;
    for (char *p = text; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
        if (strncmp(p, "PRETTY_NAME=", 12) != 0)
            continue;
        char *v = p + 12;
        char *e = strchr(v, '\n');
        size_t n = e ? (size_t)(e - v) : strlen(v);
        if (n >= 2 && (v[0] == '"' || v[0] == '\'') && v[n - 1] == v[0]) {
            v++;
            n -= 2;
        }
        res = xstrndup(v, n);
        break;
    }
    free(text);
    return res;
}

static char *probe_virtualization(const char *cpuinfo)
{
    /* Containers first: the nearest layer is what the process sees. */
    if (access("/.dockerenv", F_OK) == 0)
        return xstrdup("docker");
    if (access("/run/.containerenv", F_OK) == 0)
        return xstrdup("podman");
    char *env = read_small("/proc/1/environ");
    if (env) {
        /* NUL-separated; look for container=NAME. */
        char *hit = NULL;
        for (size_t i = 0; env[i] || env[i + 1]; i += strlen(env + i) + 1) {
            if (strncmp(env + i, "container=", 10) == 0) {
                hit = xstrdup(env + i + 10);
                break;
            }
            if (!env[i])
                break;
        }
        free(env);
        if (hit)
            return hit;
    }
    static const struct { const char *needle, *name; } vendors[] = {
        {"KVM", "kvm"}, {"QEMU", "kvm"}, {"VMware", "vmware"}, {"VirtualBox", "oracle"},
        {"Xen", "xen"}, {"Microsoft Corporation", "microsoft"}, {"Amazon EC2", "amazon"},
        {"Google Compute Engine", "google"}, {"OpenStack", "kvm"}, {"Parallels", "parallels"},
        {"BHYVE", "bhyve"},
    };
    const char *dmi[] = {"/sys/class/dmi/id/product_name", "/sys/class/dmi/id/sys_vendor",
                         "/sys/class/dmi/id/bios_vendor"};
    for (size_t d = 0; d < sizeof dmi / sizeof dmi[0]; d++) {
        char *v = read_small(dmi[d]);
        if (!v)
            continue;
        for (size_t i = 0; i < sizeof vendors / sizeof vendors[0]; i++) {
            if (strstr(v, vendors[i].needle)) {
                free(v);
                return xstrdup(vendors[i].name);
            }
        }
        free(v);
    }
    char *flags = cpuinfo ? colon_value(cpuinfo, "flags") : NULL;
    int hyper = flags && (strstr(flags, " hypervisor") != NULL);
    free(flags);
    return xstrdup(hyper ? "vm" : "none");
}

void meta_probe_host(struct meta_host *h)
{
    char *cpuinfo = read_small("/proc/cpuinfo");
    char *meminfo = read_small("/proc/meminfo");
    struct utsname u;

    if (cpuinfo) {
        char *model = colon_value(cpuinfo, "model name");
        if (!model)
            model = colon_value(cpuinfo, "Model"); /* arm */
        if (model) {
            free(h->cpu_model);
            h->cpu_model = model;
        }
    }
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    if (n > 0)
        h->vcpus = (double)n;
    if (meminfo) {
        char *mt = colon_value(meminfo, "MemTotal");
        if (mt) {
            long long kb = atoll(mt);
            if (kb > 0)
                h->ram_mb = (double)(kb / 1024);
            free(mt);
        }
    }
    free(h->virtualization);
    h->virtualization = probe_virtualization(cpuinfo);
    char *os = os_release_name();
    if (os) {
        free(h->os);
        h->os = os;
    }
    if (uname(&u) == 0) {
        free(h->kernel);
        h->kernel = xstrdup(u.release);
        free(h->arch);
        h->arch = xstrdup(u.machine);
        if (!h->name)
            h->name = xstrdup(u.nodename);
    }
    free(cpuinfo);
    free(meminfo);
}

void meta_print_keys(FILE *fp)
{
    fprintf(fp, "%-26s %-24s %s\n", "JSON key", "import flag", "meaning");
    for (const struct key_slot *s = slots; s->k.key; s++)
        fprintf(fp, "%-26s --%-22s %s\n", s->k.key, s->k.flag, s->k.help);
    fprintf(fp, "%-26s --%-22s %s\n", "tags.KEY", "tag KEY=VALUE", "free tag (repeatable)");
}
