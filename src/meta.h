/* meta.h - what the output does not say: the machines, the software
 * stack, the load tool's settings, the scenario and campaign of a run.
 *
 * Metadata comes in layers, later ones overriding earlier ones key by
 * key: DIR/meta.json (defaults for every output in a directory), the
 * --meta FILE given to import, the file beside the output (run.txt ->
 * run.meta.json), then command-line flags. Every key has one dotted name
 * ("stack.framework"), used in the JSON files (as nested objects) and
 * mapped to one import flag ("--framework"); the table in meta.c is the
 * single list of them, and `benchdb help meta` prints it.
 *
 * Ownership: a struct meta owns its strings; meta_free() releases them
 * and leaves an empty meta. Numbers are NaN when unset. */
#ifndef BENCHDB_META_H
#define BENCHDB_META_H

#include <stddef.h>
#include <stdio.h>

struct meta_host {
    char *name, *cpu_model, *virtualization, *os, *kernel, *arch;
    double vcpus, ram_mb;
};

struct meta_stack {
    char *language, *language_version, *framework, *framework_version;
    char *server, *server_version, *event_loop, *serializer, *proxy, *database;
    double workers;
};

struct meta_tag {
    char *key, *value;
};

struct meta {
    char *campaign, *scenario, *label, *notes;
    struct meta_host host;      /* the server under test */
    struct meta_host load_host; /* where the load tool ran */
    struct meta_stack stack;
    /* The load tool's settings, where the output does not print them. */
    char *tool_version, *command, *url;
    double connections, threads, vus, duration_s, rate;
    struct meta_tag *tags;
    size_t ntags, captags;
};

void meta_init(struct meta *m);
void meta_init_host(struct meta_host *h);
void meta_free_host(struct meta_host *h);
/* Copies every set field of src over dst. */
void meta_merge_host(struct meta_host *dst, const struct meta_host *src);
void meta_free(struct meta *m);
/* Copies every set field of src over dst (tags merge by key). */
void meta_merge(struct meta *dst, const struct meta *src);
void meta_copy(struct meta *dst, const struct meta *src);

/* Sets a key from text ("stack.workers", "4"). Returns 0, or -1 with a
 * reason in err. Unknown keys and bad values are errors. */
int meta_set(struct meta *m, const char *key, const char *value, char *err, size_t errlen);
void meta_set_tag(struct meta *m, const char *key, const char *value);

/* Loads a JSON metadata file into m (merging over what is there).
 * Returns 0, or -1 after printing "benchdb: FILE:LINE: reason". */
int meta_load_file(struct meta *m, const char *path);
/* The same from a buffer already in memory (name for messages). */
int meta_load_json(struct meta *m, const char *name, const char *text, size_t len);

/* Fills a host record from the machine benchdb runs on: /proc/cpuinfo,
 * /proc/meminfo, /etc/os-release, uname(2), and the container and
 * hypervisor marks. */
void meta_probe_host(struct meta_host *h);

/* The key table: dotted key, import flag, type, help. */
struct meta_key {
    const char *key;   /* "stack.framework" */
    const char *flag;  /* "framework" -> --framework */
    int type;          /* META_TEXT, META_INT, META_NUM, META_DURATION */
    const char *help;
};
enum { META_TEXT, META_INT, META_NUM, META_DURATION };
/* The i-th key, or NULL past the end. */
const struct meta_key *meta_key_at(size_t i);
const struct meta_key *meta_key_by_flag(const char *flag);

/* Canonical identity text of a host / stack: the fields in fixed order,
 * so equal records share one row in the database. */
void meta_host_identity(const struct meta_host *h, char **out);
void meta_stack_identity(const struct meta_stack *s, char **out);
int meta_host_empty(const struct meta_host *h);
int meta_stack_empty(const struct meta_stack *s);

/* Prints the keys for `benchdb help meta`. */
void meta_print_keys(FILE *fp);

#endif
