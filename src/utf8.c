/* utf8.c - terminal width of UTF-8 strings. */
#include "utf8.h"

#include <string.h>

/* Decodes one code point at s; sets *len (>= 1). Invalid -> 0xFFFD. */
static unsigned decode(const unsigned char *s, size_t *len)
{
    unsigned c = s[0];
    int n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0) {
        *len = 1;
        return 0xFFFD;
    }
    unsigned cp = n == 1 ? c : n == 2 ? (c & 0x1f) : n == 3 ? (c & 0x0f) : (c & 0x07);
    for (int i = 1; i < n; i++) {
        if ((s[i] & 0xc0) != 0x80) {
            *len = 1;
            return 0xFFFD;
        }
        cp = (cp << 6) | (s[i] & 0x3f);
    }
    *len = (size_t)n;
    return cp;
}

static int cp_width(unsigned cp)
{
    if ((cp >= 0x0300 && cp <= 0x036f) || (cp >= 0x200b && cp <= 0x200f) || cp == 0xfe0f)
        return 0;
    if ((cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf) ||
        (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) ||
        (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) ||
        (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x1f300 && cp <= 0x1faff) ||
        (cp >= 0x20000 && cp <= 0x3fffd))
        return 2;
    return 1;
}

size_t utf8_width(const char *s)
{
    size_t w = 0, len;
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        w += (size_t)cp_width(decode(p, &len));
        p += len;
    }
    return w;
}

void utf8_pad(struct buf *b, const char *s, size_t width, int right)
{
    if (!s)
        s = "";
    size_t w = utf8_width(s);
    if (w <= width) {
        if (right)
            for (size_t i = w; i < width; i++)
                buf_addc(b, ' ');
        buf_adds(b, s);
        if (!right)
            for (size_t i = w; i < width; i++)
                buf_addc(b, ' ');
        return;
    }
    /* Cut to width-1 columns, then the ellipsis. */
    size_t used = 0, len;
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        int cw = cp_width(decode(p, &len));
        if (used + (size_t)cw > width - 1)
            break;
        buf_add(b, p, len);
        used += (size_t)cw;
        p += len;
    }
    buf_adds(b, "\xe2\x80\xa6");
    used++;
    for (; used < width; used++)
        buf_addc(b, ' ');
}
