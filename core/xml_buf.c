/*
 * xml_buf.c: a growable string with a hard maximum and sticky errors, and
 * XML escaping into it (see xml.h). One buffer belongs to one thread.
 */
#include "core/xml.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
xml_buf_init(struct xml_buf *b)
{
    memset(b, 0, sizeof(*b));
}

void
xml_buf_release(struct xml_buf *b)
{
    free(b->p);
    b->p = NULL;
    b->len = 0;
    b->cap = 0;
}

/* Room for n more bytes plus the NUL; 0 or the sticky error. */
static int
xml_buf_grow(struct xml_buf *b, size_t n)
{
    size_t max = b->max ? b->max : XML_SIZE_MAX;
    size_t cap = b->cap ? b->cap : 256;
    char *p;

    if (b->err)
        return b->err;
    if (n > max || b->len > max - n) {
        b->err = -EMSGSIZE;
        return b->err;
    }
    if (b->len + n < b->cap)
        return 0;
    while (cap <= b->len + n)
        cap *= 2;
    if (!(p = realloc(b->p, cap))) {
        b->err = -ENOMEM;
        return b->err;
    }
    b->p = p;
    b->cap = cap;
    return 0;
}

void
xml_buf_add(struct xml_buf *b, const char *s, size_t n)
{
    if (xml_buf_grow(b, n) < 0)
        return;
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

void
xml_buf_puts(struct xml_buf *b, const char *s)
{
    xml_buf_add(b, s, strlen(s));
}

void
xml_buf_printf(struct xml_buf *b, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || xml_buf_grow(b, (size_t)n) < 0)
        return;
    va_start(ap, fmt);
    vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

/* Control characters other than tab and line ends are not XML: dropped. */
void
xml_escape(struct xml_buf *b, const char *s)
{
    static const char special[] = "&<>\"'";
    static const char *const repl[] = {
        "&amp;", "&lt;", "&gt;", "&quot;", "&apos;",
    };
    size_t run;

    while (*s) {
        for (run = 0; s[run] && !strchr(special, s[run]) &&
             ((unsigned char)s[run] >= 0x20 || strchr("\t\n\r", s[run]));
             run++)
            ;
        xml_buf_add(b, s, run);
        s += run;
        if (*s && strchr(special, *s))
            xml_buf_puts(b, repl[strchr(special, *s) - special]);
        if (*s)
            s++;
    }
}

char *
xml_buf_steal(struct xml_buf *b)
{
    char *p;

    if (b->err) {
        xml_buf_release(b);
        return NULL;
    }
    p = b->p ? b->p : strdup("");
    b->p = NULL;
    b->len = 0;
    b->cap = 0;
    return p;
}
