/*
 * arena.h: a bump allocator for memory that lives exactly as long as one
 * call (decoded arguments, handler results). The first ARENA_INLINE bytes
 * come from the struct itself; more comes from malloc'ed chunks that
 * arena_reset() frees. Single-threaded: one arena belongs to one job.
 */
#ifndef VIRTD_CORE_ARENA_H
#define VIRTD_CORE_ARENA_H

#include <stddef.h>

#define ARENA_INLINE 2048

struct arena_chunk;

struct arena {
    struct arena_chunk *chunks;   /* malloc'ed overflow, newest first */
    size_t used;                  /* bytes used in the current region */
    size_t cap;                   /* size of the current region */
    char *cur;                    /* current region (inline or a chunk) */
    _Alignas(16) char inline_buf[ARENA_INLINE];
};

void arena_init(struct arena *a);

/* 16-byte aligned, zeroed memory, or NULL on ENOMEM. */
void *arena_alloc(struct arena *a, size_t size);

/* Copy of @s (NUL-terminated) or NULL on ENOMEM; NULL in gives NULL. */
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);

/* printf into the arena; NULL on ENOMEM. */
char *arena_printf(struct arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Free every chunk and start again from the inline buffer. */
void arena_reset(struct arena *a);

#endif
