/*
 * arena.c: per-call bump allocator (see arena.h).
 */
#include "core/arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct arena_chunk {
    struct arena_chunk *next;
    size_t cap;
    _Alignas(16) char data[];
};

void
arena_init(struct arena *a)
{
    a->chunks = NULL;
    a->cur = a->inline_buf;
    a->cap = ARENA_INLINE;
    a->used = 0;
}

void *
arena_alloc(struct arena *a, size_t size)
{
    size_t need = (size + 15) & ~(size_t)15;
    void *p;

    if (need < size)
        return NULL;
    if (a->cap - a->used < need) {
        size_t cap = need > 16384 ? need : 16384;
        struct arena_chunk *c = malloc(sizeof(*c) + cap);

        if (!c)
            return NULL;
        c->next = a->chunks;
        c->cap = cap;
        a->chunks = c;
        a->cur = c->data;
        a->cap = cap;
        a->used = 0;
    }
    p = a->cur + a->used;
    a->used += need;
    memset(p, 0, size);
    return p;
}

char *
arena_strndup(struct arena *a, const char *s, size_t n)
{
    char *p;

    if (!s)
        return NULL;
    p = arena_alloc(a, n + 1);
    if (p)
        memcpy(p, s, n);
    return p;
}

char *
arena_strdup(struct arena *a, const char *s)
{
    return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

char *
arena_printf(struct arena *a, const char *fmt, ...)
{
    va_list ap;
    int n;
    char *p;

    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || !(p = arena_alloc(a, (size_t)n + 1)))
        return NULL;
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

void
arena_reset(struct arena *a)
{
    while (a->chunks) {
        struct arena_chunk *c = a->chunks;

        a->chunks = c->next;
        free(c);
    }
    arena_init(a);
}
