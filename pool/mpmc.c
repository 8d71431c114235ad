/*
 * mpmc.c: bounded MPMC queue of pointers (see mpmc.h).
 *
 * Vyukov's design. Each cell carries a sequence number that tells whose
 * turn it is at that cell:
 *   seq == pos          empty, free for the producer that claims @pos
 *   seq == pos + 1      full, ready for the consumer that claims @pos
 *   seq == pos + cap    emptied, free for the producer one lap later
 * A producer claims a position by CAS on @enq, writes the item, then
 * publishes it with a release store of seq; a consumer claims by CAS on
 * @deq, reads the item, then hands the cell to the next lap the same way.
 * Positions are 64-bit counters that never wrap in practice; differences
 * are taken in signed arithmetic so a wrap would still compare right.
 */
#include "pool/mpmc.h"

#include <errno.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>

#define MPMC_LINE 64
#define MPMC_MAX_CAP ((size_t)1 << 30)

struct mpmc_cell {
    /* release by the writer of the cell, acquire by the next reader:
     * push's store pairs with pop's load and vice versa */
    _Atomic size_t seq;
    void *item;                 /* owned by whoever seq says */
};

struct mpmc {
    /* next position to claim for push; producers only (CAS) */
    _Alignas(MPMC_LINE) _Atomic size_t enq;
    /* next position to claim for pop; consumers only (CAS) */
    _Alignas(MPMC_LINE) _Atomic size_t deq;
    /* immutable after mpmc_new(); a line of its own so the CAS traffic
     * on enq/deq does not evict it */
    _Alignas(MPMC_LINE) size_t mask;
    struct mpmc_cell *cells;
};

/* aligned_alloc wants a size that is a multiple of the alignment. */
static void *
mpmc_alloc_lines(size_t size)
{
    size_t mask = MPMC_LINE - 1;

    return aligned_alloc(MPMC_LINE, (size + mask) & ~mask);
}

static size_t
mpmc_round_cap(size_t capacity)
{
    size_t cap = 2;

    while (cap < capacity)
        cap <<= 1;
    return cap;
}

struct mpmc *
mpmc_new(size_t capacity)
{
    struct mpmc *q;
    size_t cap, i;

    if (capacity == 0 || capacity > MPMC_MAX_CAP) {
        errno = EINVAL;
        return NULL;
    }
    cap = mpmc_round_cap(capacity);
    q = mpmc_alloc_lines(sizeof(*q));
    if (!q)
        return NULL;
    q->cells = mpmc_alloc_lines(cap * sizeof(*q->cells));
    if (!q->cells) {
        free(q);
        return NULL;
    }
    for (i = 0; i < cap; i++) {
        atomic_init(&q->cells[i].seq, i);
        q->cells[i].item = NULL;
    }
    q->mask = cap - 1;
    atomic_init(&q->enq, 0);
    atomic_init(&q->deq, 0);
    return q;
}

void
mpmc_free(struct mpmc *q)
{
    if (!q)
        return;
    free(q->cells);
    free(q);
}

/*
 * Claim the next position of @ctr (enq or deq): the cell there must have
 * seq == pos + @lag (0: empty, for a producer; 1: full, for a consumer).
 * The claimed cell and its position, or NULL when the cell is still a lap
 * behind (the queue is full for a producer, empty for a consumer).
 */
static struct mpmc_cell *
mpmc_claim(struct mpmc *q, _Atomic size_t *ctr, size_t lag, size_t *posp)
{
    /* relaxed: only a starting guess, the CAS below validates it */
    size_t pos = atomic_load_explicit(ctr, memory_order_relaxed);

    for (;;) {
        struct mpmc_cell *c = &q->cells[pos & q->mask];
        /* acquire: pairs with the release store of the cell's previous
         * owner (the push that filled it or the pop that emptied it), so
         * its access to ->item happens before ours */
        size_t seq = atomic_load_explicit(&c->seq, memory_order_acquire);
        intptr_t dif = (intptr_t)(seq - (pos + lag));

        if (dif < 0)
            return NULL;
        if (dif > 0) {          /* another thread claimed pos: catch up */
            pos = atomic_load_explicit(ctr, memory_order_relaxed);
            continue;
        }
        /* relaxed: the claim orders nothing; the cell's seq does */
        if (atomic_compare_exchange_weak_explicit(ctr, &pos, pos + 1,
                                                  memory_order_relaxed,
                                                  memory_order_relaxed)) {
            *posp = pos;
            return c;
        }
    }
}

int
mpmc_push(struct mpmc *q, void *item)
{
    struct mpmc_cell *c;
    size_t pos;

    if (!item)
        return -EINVAL;         /* NULL is mpmc_pop()'s "empty" */
    c = mpmc_claim(q, &q->enq, 0, &pos);
    if (!c)
        return -EAGAIN;         /* the cell still holds last lap's item */
    c->item = item;
    /* release: publishes ->item; pairs with the acquire in mpmc_claim()
     * of the consumer of this position */
    atomic_store_explicit(&c->seq, pos + 1, memory_order_release);
    return 0;
}

void *
mpmc_pop(struct mpmc *q)
{
    struct mpmc_cell *c;
    void *item;
    size_t pos;

    c = mpmc_claim(q, &q->deq, 1, &pos);
    if (!c)
        return NULL;            /* nothing published at the head */
    item = c->item;
    /* release: our read of ->item happens before the next lap's producer
     * writes it; pairs with the acquire in that producer's mpmc_claim() */
    atomic_store_explicit(&c->seq, pos + q->mask + 1, memory_order_release);
    return item;
}

/*
 * Batch pop. Count the full cells from the head (seq == p + 1, acquire,
 * as in mpmc_claim()), then claim them all by moving @deq over them with
 * one CAS. A full cell is emptied only by the consumer that claims its
 * position, so while @deq still equals @pos none of the counted cells can
 * change: a successful CAS makes them ours as they were seen.
 */
size_t
mpmc_pop_batch(struct mpmc *q, void **out, size_t max)
{
    size_t pos, n, i;

    if (max == 0)
        return 0;
    pos = atomic_load_explicit(&q->deq, memory_order_relaxed);
    for (;;) {
        for (n = 0; n < max; n++) {
            struct mpmc_cell *c = &q->cells[(pos + n) & q->mask];
            size_t seq = atomic_load_explicit(&c->seq, memory_order_acquire);
            intptr_t dif = (intptr_t)(seq - (pos + n + 1));

            if (dif == 0)
                continue;
            if (n == 0 && dif < 0)
                return 0;           /* nothing published at the head */
            break;
        }
        if (n == 0) {               /* another consumer took the head */
            pos = atomic_load_explicit(&q->deq, memory_order_relaxed);
            continue;
        }
        /* relaxed, as in mpmc_claim(): the cells' seq order the items */
        if (atomic_compare_exchange_weak_explicit(&q->deq, &pos, pos + n,
                                                  memory_order_relaxed,
                                                  memory_order_relaxed))
            break;
    }
    for (i = 0; i < n; i++) {
        struct mpmc_cell *c = &q->cells[(pos + i) & q->mask];

        out[i] = c->item;
        /* release: as in mpmc_pop(), hands the cell to the next lap */
        atomic_store_explicit(&c->seq, pos + i + q->mask + 1,
                              memory_order_release);
    }
    return n;
}

size_t
mpmc_size(const struct mpmc *q)
{
    /* relaxed: a snapshot; deq first so that, when nothing runs, the
     * answer is exact, and while things run it is clamped to [0, cap] */
    size_t deq = atomic_load_explicit(&q->deq, memory_order_relaxed);
    size_t enq = atomic_load_explicit(&q->enq, memory_order_relaxed);
    intptr_t n = (intptr_t)(enq - deq);

    if (n <= 0)
        return 0;
    if ((size_t)n > q->mask + 1)
        return q->mask + 1;
    return (size_t)n;
}

size_t
mpmc_pops(const struct mpmc *q)
{
    /* relaxed: a progress snapshot; it orders nothing */
    return atomic_load_explicit(&q->deq, memory_order_relaxed);
}

size_t
mpmc_capacity(const struct mpmc *q)
{
    return q->mask + 1;
}
