/*
 * mpsc.h: intrusive unbounded multi-producer single-consumer queue (Vyukov's
 * node-based design). Producers: one atomic exchange, wait-free. The
 * consumer may observe a producer between its two steps; mpsc_pop() then
 * spins (yielding) until the link appears, which takes a few instructions
 * unless that producer was preempted.
 *
 * Unbounded by construction, so every user bounds what it pushes: the
 * server pushes only replies to calls it admitted (max_client_requests per
 * client) and messages bounded per client (see rpc/conn.c).
 *
 * Synchronization table:
 *   mpsc_push      any thread, concurrently with mpsc_push and mpsc_pop
 *   mpsc_pop       one consumer thread at a time
 *   mpsc_init      before sharing
 */
#ifndef VIRTD_POOL_MPSC_H
#define VIRTD_POOL_MPSC_H

#include <sched.h>
#include <stdatomic.h>
#include <stddef.h>

struct mpsc_node {
    struct mpsc_node *_Atomic next;
};

struct mpsc {
    /* producers' end; written by every producer */
    _Alignas(64) struct mpsc_node *_Atomic tail;
    /* consumer's end; consumer only */
    _Alignas(64) struct mpsc_node *head;
    struct mpsc_node stub;
};

static inline void
mpsc_init(struct mpsc *q)
{
    atomic_store_explicit(&q->stub.next, NULL, memory_order_relaxed);
    atomic_store_explicit(&q->tail, &q->stub, memory_order_relaxed);
    q->head = &q->stub;
}

/* Any thread. The node must stay valid until popped. */
static inline void
mpsc_push(struct mpsc *q, struct mpsc_node *n)
{
    struct mpsc_node *prev;

    atomic_store_explicit(&n->next, NULL, memory_order_relaxed);
    /* acq_rel: release publishes n's contents to the consumer that follows
     * prev->next; acquire orders against the previous producer's store. */
    prev = atomic_exchange_explicit(&q->tail, n, memory_order_acq_rel);
    /* release: pairs with the acquire load of next in mpsc_pop */
    atomic_store_explicit(&prev->next, n, memory_order_release);
}

/* The oldest node, or NULL when empty. Consumer thread only. */
static inline struct mpsc_node *
mpsc_pop(struct mpsc *q)
{
    struct mpsc_node *head = q->head;
    struct mpsc_node *next;

    for (;;) {
        next = atomic_load_explicit(&head->next, memory_order_acquire);
        if (head == &q->stub) {
            if (!next) {
                /* empty, unless a producer swapped tail but has not
                 * linked yet: then wait for its link */
                if (atomic_load_explicit(&q->tail, memory_order_acquire)
                    == head)
                    return NULL;
                sched_yield();
                continue;
            }
            q->head = next;
            head = next;
            continue;
        }
        if (next) {
            q->head = next;
            return head;
        }
        if (atomic_load_explicit(&q->tail, memory_order_acquire) != head) {
            /* a producer is mid-push after head: wait for its link */
            sched_yield();
            continue;
        }
        /* head is the last node: push the stub behind it to free it */
        mpsc_push(q, &q->stub);
    }
}

#endif
