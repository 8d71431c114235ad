/*
 * mpmc.h: bounded multi-producer multi-consumer queue of pointers
 * (Vyukov style: per-cell sequence numbers, CAS on the enqueue and dequeue
 * positions, which sit on separate cache lines).
 *
 * Synchronization table:
 *   operation        may run concurrently with
 *   mpmc_push        mpmc_push, mpmc_pop, mpmc_size
 *   mpmc_pop         mpmc_push, mpmc_pop, mpmc_size
 *   mpmc_size, pops  anything (approximate while others run; exact when
 *                    quiescent)
 *   mpmc_new/free    nothing (single thread, queue not shared)
 *
 * Never blocks, never allocates after mpmc_new(). Per-producer FIFO order is
 * kept: items pushed by one thread are popped in that order.
 *
 * Like every Vyukov queue it is not strictly lock-free: a push that has
 * claimed its position but not yet published its item makes mpmc_pop()
 * return NULL until it does (later items wait behind it), and a pop that
 * has not yet released its cell makes a push a lap later see "full".
 * Both windows are a few instructions long.
 */
#ifndef VIRTD_POOL_MPMC_H
#define VIRTD_POOL_MPMC_H

#include <stddef.h>

struct mpmc;

/* Capacity is rounded up to a power of two (>= 2). NULL on ENOMEM/EINVAL. */
struct mpmc *mpmc_new(size_t capacity);
void mpmc_free(struct mpmc *q);

/* 0, or -EAGAIN when full (item not queued; the caller keeps it), or
 * -EINVAL when @item is NULL (NULL is mpmc_pop()'s "empty"). */
int mpmc_push(struct mpmc *q, void *item);

/* The oldest available item, or NULL when empty. */
void *mpmc_pop(struct mpmc *q);

/* Up to @max of the oldest available items, in order, claimed together
 * (one CAS for the lot); how many were stored in @out (0 when empty).
 * Only items published one after the other at the head are taken: a
 * cell still being written ends the batch. */
size_t mpmc_pop_batch(struct mpmc *q, void **out, size_t max);

/* Items pushed (positions claimed) and not yet popped, in [0, capacity]. */
size_t mpmc_size(const struct mpmc *q);
/* Pops claimed since mpmc_new(): a counter that moves whenever a consumer
 * takes an item (for progress checks; relaxed snapshot). */
size_t mpmc_pops(const struct mpmc *q);
size_t mpmc_capacity(const struct mpmc *q);

#endif
