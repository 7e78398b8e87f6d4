/* input.c - file and stdin reading with SHA-256 (OpenSSL's libcrypto) and
 * gzip decoding (zlib's inflate), block by block. The digest covers the
 * bytes as they are on disk, so a gzipped file and its plain twin are
 * different sources. */
#include "input.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>
#include <zlib.h>

#include "diag.h"

#define RAW_BLOCK (1u << 20)

struct input {
    FILE *fp;
    int own_fp;
    char *path;
    EVP_MD_CTX *md;
    unsigned long long raw_bytes;
    int raw_eof;
    int gz;              /* gzip detected */
    int gz_done;
    z_stream zs;
    unsigned char *raw;  /* raw block buffer for inflate */
    /* decoded bytes read ahead for input_head(), served before new ones */
    char *ahead;
    size_t ahead_len, ahead_off, ahead_cap;
    int failed;
};

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

/* Reads raw bytes from disk, hashing them. */
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
    EVP_DigestUpdate(in->md, buf, got);
    in->raw_bytes += got;
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
    in->md = EVP_MD_CTX_new();
    if (!in->md || !EVP_DigestInit_ex(in->md, EVP_sha256(), NULL))
        die(70, "cannot initialise SHA-256");
    in->raw = xmalloc(RAW_BLOCK);

    /* Peek at the magic: read the first raw bytes and decide. */
    long got = raw_read(in, in->raw, 2);
    if (got < 0) {
        input_close(in);
        return NULL;
    }
    if (got == 2 && in->raw[0] == 0x1f && in->raw[1] == 0x8b) {
        in->gz = 1;
        memset(&in->zs, 0, sizeof(in->zs));
        if (inflateInit2(&in->zs, 15 + 32) != Z_OK)
            die(70, "cannot initialise zlib");
        in->zs.next_in = in->raw;
        in->zs.avail_in = 2;
    } else {
        /* Plain: the two bytes are the start of the decoded stream. */
        in->ahead = xmalloc(64);
        in->ahead_cap = 64;
        memcpy(in->ahead, in->raw, (size_t)got);
        in->ahead_len = (size_t)got;
    }
    return in;
}

void input_close(struct input *in)
{
    if (!in)
        return;
    if (in->gz)
        inflateEnd(&in->zs);
    if (in->own_fp)
        fclose(in->fp);
    EVP_MD_CTX_free(in->md);
    free(in->raw);
    free(in->ahead);
    free(in->path);
    free(in);
}

/* Decoded read that bypasses the read-ahead buffer. */
static long decoded_read(struct input *in, char *buf, size_t n)
{
    if (!in->gz)
        return raw_read(in, (unsigned char *)buf, n);
    if (in->gz_done)
        return 0;
    in->zs.next_out = (unsigned char *)buf;
    in->zs.avail_out = (uInt)(n > (1u << 30) ? (1u << 30) : n);
    while (in->zs.avail_out > 0) {
        if (in->zs.avail_in == 0) {
            long got = raw_read(in, in->raw, RAW_BLOCK);
            if (got < 0)
                return -1;
            if (got == 0) {
                if (in->zs.avail_out == (uInt)n)
                    return error("%s: truncated gzip data", in->path), in->failed = 1, -1;
                break;
            }
            in->zs.next_in = in->raw;
            in->zs.avail_in = (uInt)got;
        }
        int rc = inflate(&in->zs, Z_NO_FLUSH);
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
            error("%s: corrupt gzip data (%s)", in->path, in->zs.msg ? in->zs.msg : "inflate failed");
            in->failed = 1;
            return -1;
        }
        if (rc == Z_BUF_ERROR && in->zs.avail_in == 0 && in->raw_eof)
            break;
    }
    return (long)(n - in->zs.avail_out);
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
    return decoded_read(in, buf, n);
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
