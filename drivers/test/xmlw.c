/*
 * xmlw.c: the indenting XML writer (see xmlw.h).
 */
#include "drivers/test/xmlw.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Documents stay far below this; a bound keeps a bug from eating memory. */
#define XMLW_MAX (64u * 1024 * 1024)

void
xmlw_init(struct xmlw *w)
{
    memset(w, 0, sizeof(*w));
}

void
xmlw_release(struct xmlw *w)
{
    free(w->buf);
    xmlw_init(w);
}

char *
xmlw_finish(struct xmlw *w)
{
    char *doc = w->buf;

    if (w->err || !doc) {
        xmlw_release(w);
        return w->err ? NULL : strdup("");
    }
    xmlw_init(w);
    return doc;
}

static int
xmlw_reserve(struct xmlw *w, size_t n)
{
    size_t cap = w->cap ? w->cap : 1024;
    char *p;

    if (w->err)
        return w->err;
    if (n > XMLW_MAX || w->len + n + 1 > XMLW_MAX)
        return w->err = -ENOMEM;
    while (cap < w->len + n + 1)
        cap *= 2;
    if (cap == w->cap)
        return 0;
    if (!(p = realloc(w->buf, cap)))
        return w->err = -ENOMEM;
    w->buf = p;
    w->cap = cap;
    return 0;
}

static void
xmlw_put(struct xmlw *w, const char *s, size_t n)
{
    if (xmlw_reserve(w, n) < 0)
        return;
    memcpy(w->buf + w->len, s, n);
    w->len += n;
    w->buf[w->len] = '\0';
}

static void
xmlw_puts(struct xmlw *w, const char *s)
{
    xmlw_put(w, s, strlen(s));
}

/* The five characters libvirt's virBufferEscapeString replaces. */
static const char *
xmlw_entity(char ch)
{
    switch (ch) {
    case '<': return "&lt;";
    case '>': return "&gt;";
    case '&': return "&amp;";
    case '\'': return "&apos;";
    case '"': return "&quot;";
    default: return NULL;
    }
}

static void
xmlw_escaped(struct xmlw *w, const char *s)
{
    const char *run = s;

    for (; *s; s++) {
        const char *ent = xmlw_entity(*s);

        if (!ent)
            continue;
        xmlw_put(w, run, (size_t)(s - run));
        xmlw_puts(w, ent);
        run = s + 1;
    }
    xmlw_put(w, run, (size_t)(s - run));
}

static void
xmlw_indent(struct xmlw *w)
{
    for (int i = 0; i < w->depth; i++)
        xmlw_put(w, "  ", 2);
}

void
xmlw_start(struct xmlw *w, const char *name)
{
    xmlw_indent(w);
    xmlw_put(w, "<", 1);
    xmlw_puts(w, name);
}

void
xmlw_attr(struct xmlw *w, const char *name, const char *value)
{
    xmlw_put(w, " ", 1);
    xmlw_puts(w, name);
    xmlw_put(w, "='", 2);
    xmlw_escaped(w, value);
    xmlw_put(w, "'", 1);
}

/* vasprintf into a temporary, or NULL after recording ENOMEM. */
static char *
xmlw_vformat(struct xmlw *w, const char *fmt, va_list ap)
{
    char *s = NULL;

    if (vasprintf(&s, fmt, ap) < 0) {
        w->err = -ENOMEM;
        return NULL;
    }
    return s;
}

void
xmlw_attrf(struct xmlw *w, const char *name, const char *fmt, ...)
{
    va_list ap;
    char *s;

    va_start(ap, fmt);
    s = xmlw_vformat(w, fmt, ap);
    va_end(ap);
    if (s)
        xmlw_attr(w, name, s);
    free(s);
}

void
xmlw_open(struct xmlw *w)
{
    xmlw_put(w, ">\n", 2);
    w->depth++;
}

void
xmlw_empty(struct xmlw *w)
{
    xmlw_put(w, "/>\n", 3);
}

void
xmlw_text(struct xmlw *w, const char *name, const char *fmt, ...)
{
    va_list ap;
    char *s;

    va_start(ap, fmt);
    s = xmlw_vformat(w, fmt, ap);
    va_end(ap);
    if (!s)
        return;
    xmlw_put(w, ">", 1);
    xmlw_escaped(w, s);
    xmlw_put(w, "</", 2);
    xmlw_puts(w, name);
    xmlw_put(w, ">\n", 2);
    free(s);
}

void
xmlw_close(struct xmlw *w, const char *name)
{
    if (w->depth > 0)
        w->depth--;
    xmlw_indent(w);
    xmlw_put(w, "</", 2);
    xmlw_puts(w, name);
    xmlw_put(w, ">\n", 2);
}

void
xmlw_unit(struct xmlw *w, const char *name, const char *unit, uint64_t v)
{
    xmlw_start(w, name);
    xmlw_attr(w, "unit", unit);
    xmlw_text(w, name, "%" PRIu64, v);
}

void
xmlw_elem(struct xmlw *w, const char *name, const char *text)
{
    xmlw_start(w, name);
    xmlw_text(w, name, "%s", text);
}

void
xmlw_line(struct xmlw *w, const char *raw)
{
    xmlw_indent(w);
    xmlw_puts(w, raw);
    xmlw_put(w, "\n", 1);
}

void
xmlw_raw(struct xmlw *w, const char *raw)
{
    xmlw_puts(w, raw);
}
