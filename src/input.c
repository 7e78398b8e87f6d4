/* input.c - file and stdin reading with SHA-256 (OpenSSL's libcrypto) and
 * gzip decoding (zlib's inflate), block by block. The digest covers the
 * bytes as they are on disk, so a gzipped file and its plain twin are
 * different sources.
 *
 * Hashing thread. SHA-256 runs at about 1.7 GB/s with the CPU's SHA
 * instructions: for a large raw-data file it costs as much as parsing.
 * Once a stream parser reads blocks (input_block) and BENCHDB_THREADS
 * allows, a helper thread hashes each block while the parser reads it.
 * The digest is the same: the thread updates the one context with the
 * same bytes in the same order (jobs are a FIFO). A buffer handed to the
 * thread is not written again before its job is done: every buffer
 * carries the ticket of its last job, and input_wait() waits for it. */
#include "input.h"

#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/evp.h>
#include <zlib.h>

#include "diag.h"

#define RAW_BLOCK (1u << 20)
#define HASH_QUEUE 16 /* jobs in flight: more than the buffers that can wait */

/* The hashing thread: jobs are hashed in the order submitted; a job's
 * ticket is its 1-based number, and done counts the jobs finished. */
struct hasher {
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t wake, finished;
    const void *job[HASH_QUEUE];
    size_t len[HASH_QUEUE];
    uint64_t submitted, done;
    uint64_t want; /* the caller sleeps until done reaches it; 0: it does not */
    int stop;
    EVP_MD_CTX *md;
};

/* A block of input_block(): INPUT_PAD zero bytes follow len. */
struct iblock {
    char *data;
    size_t cap, len;
    uint64_t ticket; /* hash job reading data; 0: none */
};

struct input {
    FILE *fp;
    int own_fp;
    char *path;
    EVP_MD_CTX *md;
    struct hasher *hs;   /* NULL: hashing on the caller's thread */
    uint64_t last_ticket; /* of the last raw_read() */
    unsigned long long raw_bytes;
    unsigned long long progress_size; /* a large file's size when progress is drawn */
    int progress_pct;                 /* last percentage drawn, -1: none yet */
    int raw_eof;
    int gz;              /* gzip detected */
    int gz_done;
    unsigned long long gz_lines; /* newlines decoded so far: complete lines */
    z_stream zs;
    unsigned char *raw[2]; /* raw block buffers for inflate, used in turn */
    uint64_t raw_ticket[2];
    int raw_i;
    /* decoded bytes read ahead for input_head(), served before new ones */
    char *ahead;
    size_t ahead_len, ahead_off, ahead_cap;
    struct iblock blk[INPUT_RING];
    int blk_i;
    unsigned long long blocks; /* input_block() calls */
    int failed;
};

int input_threads(void)
{
    const char *s = getenv("BENCHDB_THREADS");
    char *end;
    long n;
    if (s && *s) {
        n = strtol(s, &end, 10);
        if (*end == '\0' && n >= 1)
            return n > INPUT_MAX_THREADS ? INPUT_MAX_THREADS : (int)n;
    }
    n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > INPUT_MAX_THREADS ? INPUT_MAX_THREADS : (int)n;
}

static void *hasher_main(void *arg)
{
    struct hasher *hs = arg;
    pthread_mutex_lock(&hs->mu);
    for (;;) {
        while (hs->done == hs->submitted && !hs->stop)
            pthread_cond_wait(&hs->wake, &hs->mu);
        if (hs->done == hs->submitted)
            break;
        size_t k = (size_t)(hs->done % HASH_QUEUE);
        const void *p = hs->job[k];
        size_t n = hs->len[k];
        pthread_mutex_unlock(&hs->mu);
        EVP_DigestUpdate(hs->md, p, n);
        pthread_mutex_lock(&hs->mu);
        hs->done++;
        if (hs->want && hs->done >= hs->want)
            pthread_cond_signal(&hs->finished); /* a wake-up only when it helps */
    }
    pthread_mutex_unlock(&hs->mu);
    return NULL;
}

/* Starts the hashing thread; without one (a failure to start is no
 * error), hashing stays on the caller's thread. */
static void hasher_start(struct input *in)
{
    struct hasher *hs = xcalloc(1, sizeof(*hs));
    hs->md = in->md;
    pthread_mutex_init(&hs->mu, NULL);
    pthread_cond_init(&hs->wake, NULL);
    pthread_cond_init(&hs->finished, NULL);
    if (pthread_create(&hs->thread, NULL, hasher_main, hs) != 0) {
        pthread_cond_destroy(&hs->finished);
        pthread_cond_destroy(&hs->wake);
        pthread_mutex_destroy(&hs->mu);
        free(hs);
        return;
    }
    in->hs = hs;
}

/* Hashes what is queued, then ends the thread. */
static void hasher_stop(struct input *in)
{
    struct hasher *hs = in->hs;
    if (!hs)
        return;
    pthread_mutex_lock(&hs->mu);
    hs->stop = 1;
    pthread_cond_signal(&hs->wake);
    pthread_mutex_unlock(&hs->mu);
    pthread_join(hs->thread, NULL);
    pthread_cond_destroy(&hs->finished);
    pthread_cond_destroy(&hs->wake);
    pthread_mutex_destroy(&hs->mu);
    free(hs);
    in->hs = NULL;
}

/* Adds buf[0..n) to the digest: at once, or queued for the thread; the
 * ticket to wait for before buf changes (0: nothing to wait for). */
static uint64_t hash_add(struct input *in, const void *buf, size_t n)
{
    struct hasher *hs = in->hs;
    if (n == 0)
        return 0;
    if (!hs) {
        EVP_DigestUpdate(in->md, buf, n);
        return 0;
    }
    pthread_mutex_lock(&hs->mu);
    while (hs->submitted - hs->done >= HASH_QUEUE) {
        hs->want = hs->submitted - HASH_QUEUE + 1;
        pthread_cond_wait(&hs->finished, &hs->mu);
    }
    hs->want = 0;
    hs->job[hs->submitted % HASH_QUEUE] = buf;
    hs->len[hs->submitted % HASH_QUEUE] = n;
    uint64_t ticket = ++hs->submitted;
    pthread_cond_signal(&hs->wake);
    pthread_mutex_unlock(&hs->mu);
    return ticket;
}

/* Returns once the job of `ticket` (and every one before it) is done;
 * when it must wait for it, it waits for `then` (a later job) too, so
 * that the thread wakes the caller once for several jobs. */
static void hash_wait_more(struct input *in, uint64_t ticket, uint64_t then)
{
    struct hasher *hs = in->hs;
    if (!hs || ticket == 0)
        return;
    pthread_mutex_lock(&hs->mu);
    if (hs->done < ticket) {
        if (then > hs->submitted)
            then = hs->submitted;
        hs->want = then > ticket ? then : ticket;
        while (hs->done < hs->want)
            pthread_cond_wait(&hs->finished, &hs->mu);
        hs->want = 0;
    }
    pthread_mutex_unlock(&hs->mu);
}

static void hash_wait(struct input *in, uint64_t ticket)
{
    hash_wait_more(in, ticket, ticket);
}

static void hex_digest(const unsigned char *d, unsigned len, char hex[65])
{
    static const char digits[] = "0123456789abcdef";
    for (unsigned i = 0; i < len && i < 32; i++) {
        hex[2 * i] = digits[d[i] >> 4];
        hex[2 * i + 1] = digits[d[i] & 15];
    }
    hex[64] = '\0';
}

void sha256_hex(const void *data, size_t len, char hex[65])
{
    unsigned char d[EVP_MAX_MD_SIZE];
    unsigned dl = 0;
    EVP_Digest(data, len, d, &dl, EVP_sha256(), NULL);
    hex_digest(d, dl, hex);
}

/* A file this large reads for long enough (a second or more on a slow
 * disk or under gzip) that a terminal is told how far it has got. */
#define PROGRESS_MIN (32ull << 20)

static void progress_start(struct input *in)
{
    struct stat sb;
    in->progress_pct = -1;
    if (diag_progress_enabled() && fstat(fileno(in->fp), &sb) == 0 && S_ISREG(sb.st_mode) &&
        (unsigned long long)sb.st_size >= PROGRESS_MIN)
        in->progress_size = (unsigned long long)sb.st_size;
}

/* "\rbig.ndjson: 42% of 1904 MB", redrawn when the percentage moves. */
static void progress(struct input *in)
{
    unsigned long long done = in->raw_bytes < in->progress_size ? in->raw_bytes : in->progress_size;
    int pct = (int)(done * 100 / in->progress_size);
    if (pct == in->progress_pct)
        return;
    in->progress_pct = pct;
    fprintf(stderr, "\r%s: %d%% of %llu MB ", in->path, pct, in->progress_size >> 20);
    fflush(stderr);
}

/* Reads raw bytes from disk, hashing them; with a hashing thread, buf
 * must stay unchanged until in->last_ticket is waited for. */
static long raw_read(struct input *in, unsigned char *buf, size_t n)
{
    if (in->raw_eof)
        return 0;
    size_t got = fread(buf, 1, n, in->fp);
    if (got < n) {
        if (ferror(in->fp)) {
            error_errno("%s: read error", in->path);
            in->failed = 1;
            return -1;
        }
        in->raw_eof = 1;
    }
    in->last_ticket = hash_add(in, buf, got);
    in->raw_bytes += got;
    if (in->progress_size)
        progress(in);
    return (long)got;
}

struct input *input_open(const char *path)
{
    FILE *fp = stdin;
    if (strcmp(path, "-") != 0 && !(fp = fopen(path, "rb"))) {
        error_errno("%s", path);
        return NULL;
    }
    return input_from_stream(fp, path, fp != stdin);
}

struct input *input_from_stream(FILE *fp, const char *name, int own)
{
    struct input *in = xcalloc(1, sizeof(*in));
    in->path = xstrdup(name);
    in->fp = fp;
    in->own_fp = own;
    progress_start(in);
    in->md = EVP_MD_CTX_new();
    if (!in->md || !EVP_DigestInit_ex(in->md, EVP_sha256(), NULL))
        die(70, "cannot initialise SHA-256");

    /* Peek at the magic: read the first raw bytes and decide. */
    unsigned char magic[2];
    long got = raw_read(in, magic, 2); /* hashed at once: no thread yet */
    if (got < 0) {
        input_close(in);
        return NULL;
    }
    if (got == 2 && magic[0] == 0x1f && magic[1] == 0x8b) {
        in->gz = 1;
        memset(&in->zs, 0, sizeof(in->zs));
        if (inflateInit2(&in->zs, 15 + 32) != Z_OK)
            die(70, "cannot initialise zlib");
        in->raw[0] = xmalloc(RAW_BLOCK);
        in->raw[1] = xmalloc(RAW_BLOCK);
        memcpy(in->raw[0], magic, 2);
        in->zs.next_in = in->raw[0];
        in->zs.avail_in = 2;
    } else {
        /* Plain: the two bytes are the start of the decoded stream. */
        in->ahead = xmalloc(64);
        in->ahead_cap = 64;
        memcpy(in->ahead, magic, (size_t)got);
        in->ahead_len = (size_t)got;
    }
    return in;
}

void input_close(struct input *in)
{
    if (!in)
        return;
    hasher_stop(in); /* before the buffers it may be reading go */
    if (in->progress_pct >= 0) /* the progress line is wiped */
        fprintf(stderr, "\r%*s\r", (int)strlen(in->path) + 24, "");
    if (in->gz)
        inflateEnd(&in->zs);
    if (in->own_fp)
        fclose(in->fp);
    EVP_MD_CTX_free(in->md);
    free(in->raw[0]);
    free(in->raw[1]);
    for (int i = 0; i < INPUT_RING; i++)
        free(in->blk[i].data);
    free(in->ahead);
    free(in->path);
    free(in);
}

/* Damaged gzip data (cut short, or failing its check) refuses the file
 * once, as bad input does: "FILE:LINE: reason", where LINE is the last
 * complete line of the text decoded before the damage (1 when none is).
 * Every later read fails at once, without a second message. */
static long gz_damaged(struct input *in, const char *what)
{
    error("%s:%llu: %s", in->path, in->gz_lines ? in->gz_lines : 1ull, what);
    in->failed = 1;
    return -1;
}

static void count_lines(struct input *in, const char *s, size_t n)
{
    unsigned long long k = 0;
    for (size_t i = 0; i < n; i++)
        k += s[i] == '\n';
    in->gz_lines += k;
}

/* Decoded read that bypasses the read-ahead buffer. */
static long decoded_read(struct input *in, char *buf, size_t n)
{
    if (in->failed)
        return -1;
    if (!in->gz)
        return raw_read(in, (unsigned char *)buf, n);
    if (in->gz_done)
        return 0;
    in->zs.next_out = (unsigned char *)buf;
    in->zs.avail_out = (uInt)(n > (1u << 30) ? (1u << 30) : n);
    uInt room = in->zs.avail_out;
    while (in->zs.avail_out > 0) {
        if (in->zs.avail_in == 0) {
            /* The other raw buffer: inflate used this one up, and the
             * thread may still be hashing it. */
            int i = in->raw_i ^= 1;
            hash_wait(in, in->raw_ticket[i]);
            long got = raw_read(in, in->raw[i], RAW_BLOCK);
            in->raw_ticket[i] = in->last_ticket;
            if (got < 0)
                return -1;
            if (got == 0) {
                if (in->zs.avail_out == room)
                    return gz_damaged(in, "truncated gzip data");
                break;
            }
            in->zs.next_in = in->raw[i];
            in->zs.avail_in = (uInt)got;
        }
        unsigned char *from = in->zs.next_out;
        int rc = inflate(&in->zs, Z_NO_FLUSH);
        count_lines(in, (const char *)from, (size_t)(in->zs.next_out - from));
        if (rc == Z_STREAM_END) {
            /* Concatenated gzip members continue; otherwise stop. */
            if (in->zs.avail_in > 0 || !in->raw_eof) {
                if (inflateReset(&in->zs) != Z_OK)
                    break;
                continue;
            }
            in->gz_done = 1;
            break;
        }
        if (rc != Z_OK && rc != Z_BUF_ERROR) {
            char what[160];
            snprintf(what, sizeof what, "corrupt gzip data (%s)",
                     in->zs.msg ? in->zs.msg : "inflate failed");
            return gz_damaged(in, what);
        }
        if (rc == Z_BUF_ERROR && in->zs.avail_in == 0 && in->raw_eof)
            break;
    }
    return (long)(room - in->zs.avail_out);
}

long input_read(struct input *in, char *buf, size_t n)
{
    if (in->ahead_off < in->ahead_len) {
        size_t k = in->ahead_len - in->ahead_off;
        if (k > n)
            k = n;
        memcpy(buf, in->ahead + in->ahead_off, k);
        in->ahead_off += k;
        return (long)k;
    }
    long k = decoded_read(in, buf, n);
    if (!in->gz)
        hash_wait(in, in->last_ticket); /* buf is the caller's again */
    return k;
}

const char *input_head(struct input *in, size_t want, size_t *got)
{
    /* Compact what is left of the read-ahead, then top it up. */
    if (in->ahead_off > 0) {
        memmove(in->ahead, in->ahead + in->ahead_off, in->ahead_len - in->ahead_off);
        in->ahead_len -= in->ahead_off;
        in->ahead_off = 0;
    }
    if (in->ahead_cap < want + 1) {
        in->ahead = xrealloc(in->ahead, want + 1);
        in->ahead_cap = want + 1;
    }
    while (in->ahead_len < want) {
        long k = decoded_read(in, in->ahead + in->ahead_len, want - in->ahead_len);
        if (!in->gz)
            hash_wait(in, in->last_ticket);
        if (k <= 0)
            break;
        in->ahead_len += (size_t)k;
    }
    in->ahead[in->ahead_len] = '\0';
    *got = in->ahead_len;
    return in->ahead;
}

int input_slurp(struct input *in, struct buf *b)
{
    for (;;) {
        buf_grow(b, 1 << 16);
        long k = input_read(in, b->data + b->len, b->cap - b->len - 1);
        if (k < 0)
            return -1;
        if (k == 0)
            break;
        b->len += (size_t)k;
        b->data[b->len] = '\0';
    }
    if (!b->data)
        buf_grow(b, 1);
    return in->failed ? -1 : 0;
}

long input_block(struct input *in, size_t keep, const char **data)
{
    struct iblock *prev = &in->blk[in->blk_i];
    struct iblock *b = &in->blk[in->blk_i = (in->blk_i + 1) % INPUT_RING];
    /* The thread from the second block on: a small file is hashed in
     * one piece, at once, without one. */
    if (in->blocks++ == 1 && input_threads() > 1)
        hasher_start(in);
    if (keep > prev->len)
        keep = prev->len; /* nothing before the first block */
    /* This buffer's bytes hashed; if they are not yet, half the ring's. */
    hash_wait_more(in, b->ticket, b->ticket + INPUT_RING / 2);
    b->ticket = 0;
    if (b->cap < keep + INPUT_BLOCK) {
        free(b->data);
        b->cap = (keep > INPUT_BLOCK / 2 ? keep : INPUT_BLOCK / 2) + INPUT_BLOCK;
        b->data = xmalloc(b->cap + INPUT_PAD);
    }
    if (keep)
        memcpy(b->data, prev->data + prev->len - keep, keep);
    b->len = keep;
    /* What input_head() read ahead comes first (hashed already). */
    if (in->ahead_off < in->ahead_len) {
        size_t k = in->ahead_len - in->ahead_off;
        if (k > INPUT_BLOCK)
            k = INPUT_BLOCK;
        memcpy(b->data + b->len, in->ahead + in->ahead_off, k);
        in->ahead_off += k;
        b->len += k;
    }
    if (b->len - keep < INPUT_BLOCK) {
        long k = decoded_read(in, b->data + b->len, INPUT_BLOCK - (b->len - keep));
        if (k < 0)
            return -1;
        b->len += (size_t)k;
        if (!in->gz)
            b->ticket = in->last_ticket;
    }
    memset(b->data + b->len, 0, INPUT_PAD);
    *data = b->data;
    return (long)b->len;
}

int input_gzipped(const struct input *in)
{
    return in->gz;
}

unsigned long long input_raw_bytes(const struct input *in)
{
    return in->raw_bytes;
}

void input_sha256(struct input *in, char hex[65])
{
    if (in->hs)
        hash_wait(in, in->hs->submitted); /* the main thread alone submits */
    EVP_MD_CTX *copy = EVP_MD_CTX_new();
    unsigned char d[EVP_MAX_MD_SIZE];
    unsigned dl = 0;
    EVP_MD_CTX_copy_ex(copy, in->md);
    EVP_DigestFinal_ex(copy, d, &dl);
    EVP_MD_CTX_free(copy);
    hex_digest(d, dl, hex);
}

const char *input_path(const struct input *in)
{
    return in->path;
}
