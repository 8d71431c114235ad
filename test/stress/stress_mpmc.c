/*
 * stress_mpmc.c: N producers x M consumers on one mpmc queue, for many
 * (N, M) pairs including more threads than cores and tiny capacities that
 * keep the queue full and wrapping. Checks (after ck's validate):
 *   - every item is delivered exactly once (a flag per item);
 *   - per-producer order: each consumer sees every producer's sequence
 *     numbers strictly increasing;
 *   - nothing is lost: the queue is empty at the end and all flags set;
 *   - the same with consumers taking single items and batches in turn.
 */
#include <errno.h>
#include <sched.h>
#include <stdatomic.h>

#include "pool/mpmc.h"
#include "test/stress/stress.h"

#define MAX_SIDE 8
#define SEQ_BITS 32

struct run {
    struct mpmc *q;
    unsigned producers;
    unsigned consumers;
    size_t per_producer;
    size_t total;
    _Atomic size_t consumed;    /* items popped so far, all consumers */
    _Atomic unsigned char *seen; /* [producer * per_producer + seq] */
};

struct side {
    struct run *run;
    unsigned id;
    pthread_t tid;
};

/* Items are (producer, seq) packed in a pointer-sized integer, plus one
 * so that no item is NULL. */
static void *
item_make(unsigned producer, size_t seq)
{
    return (void *)((((uintptr_t)producer << SEQ_BITS) | seq) + 1);
}

/* Wait a little after a failed push or pop: yield at first, then sleep
 * briefly, so that 16 threads on 2 busy CPUs leave room to the ones that
 * can make progress. */
static void
backoff(unsigned *fails)
{
    if (++*fails < 64)
        sched_yield();
    else
        usleep(20);
}

static void *
producer_main(void *arg)
{
    struct side *s = arg;
    struct run *r = s->run;
    size_t seq;

    for (seq = 0; seq < r->per_producer; seq++) {
        void *item = item_make(s->id, seq);

        unsigned fails = 0;

        while (mpmc_push(r->q, item) == -EAGAIN)
            backoff(&fails);
    }
    return NULL;
}

static void
consume_one(struct run *r, uintptr_t v, size_t *last)
{
    unsigned producer = (unsigned)((v - 1) >> SEQ_BITS);
    size_t seq = (v - 1) & (((uintptr_t)1 << SEQ_BITS) - 1);

    STRESS_CHECK(producer < r->producers && seq < r->per_producer,
                 "bad item %#lx", (unsigned long)v);
    STRESS_CHECK(last[producer] == SIZE_MAX || seq > last[producer],
                 "producer %u order: %zu after %zu", producer, seq,
                 last[producer]);
    last[producer] = seq;
    STRESS_CHECK(atomic_fetch_add_explicit(
                     &r->seen[producer * r->per_producer + seq], 1,
                     memory_order_relaxed) == 0,
                 "item %u/%zu dequeued twice", producer, seq);
}

/* Consumers take single items and batches in turn (batches of up to 2-5
 * items, by consumer), so batch claims race with single ones. */
static void *
consumer_main(void *arg)
{
    struct side *s = arg;
    struct run *r = s->run;
    size_t last[MAX_SIDE], batch = 2 + s->id % 4;
    unsigned i, fails = 0;
    bool single = true;

    for (i = 0; i < MAX_SIDE; i++)
        last[i] = SIZE_MAX;
    while (atomic_load_explicit(&r->consumed, memory_order_relaxed) <
           r->total) {
        void *items[8];
        size_t n;

        if (single) {
            items[0] = mpmc_pop(r->q);
            n = items[0] != NULL;
        } else {
            n = mpmc_pop_batch(r->q, items, batch);
        }
        single = !single;
        if (n == 0) {
            backoff(&fails);
            continue;
        }
        fails = 0;
        for (size_t k = 0; k < n; k++)
            consume_one(r, (uintptr_t)items[k], last);
        atomic_fetch_add_explicit(&r->consumed, n, memory_order_relaxed);
    }
    return NULL;
}

static void
start_side(struct run *r, struct side *sides, unsigned n,
           void *(*fn)(void *))
{
    unsigned i;

    for (i = 0; i < n; i++) {
        sides[i].run = r;
        sides[i].id = i;
        STRESS_CHECK(pthread_create(&sides[i].tid, NULL, fn, &sides[i]) == 0,
                     "pthread_create");
    }
}

static void
run_one(unsigned producers, unsigned consumers, size_t cap, size_t items)
{
    struct side prod[MAX_SIDE], cons[MAX_SIDE];
    struct run r = { .producers = producers, .consumers = consumers };
    uint64_t t0 = stress_now_ns();
    size_t i;

    r.per_producer = items / producers;
    r.total = r.per_producer * producers;
    r.q = mpmc_new(cap);
    r.seen = calloc(r.total, 1);
    STRESS_CHECK(r.q && r.seen, "out of memory");
    start_side(&r, cons, consumers, consumer_main);
    start_side(&r, prod, producers, producer_main);
    for (i = 0; i < producers; i++)
        pthread_join(prod[i].tid, NULL);
    for (i = 0; i < consumers; i++)
        pthread_join(cons[i].tid, NULL);
    STRESS_CHECK(mpmc_size(r.q) == 0 && mpmc_pop(r.q) == NULL,
                 "%zu items left", mpmc_size(r.q));
    for (i = 0; i < r.total; i++)
        STRESS_CHECK(r.seen[i] == 1, "item %zu seen %u times", i,
                     (unsigned)r.seen[i]);
    printf("mpmc %ux%u cap %zu: %zu items ok (%.2f s)\n", producers,
           consumers, cap, r.total, (stress_now_ns() - t0) / 1e9);
    free((void *)r.seen);
    mpmc_free(r.q);
}

int
main(void)
{
    static const unsigned shapes[][2] = {
        { 1, 1 }, { 2, 2 }, { 4, 4 }, { 8, 8 }, { 1, 8 }, { 8, 1 }, { 3, 5 },
    };
    static const size_t caps[] = { 2, 64, 1024 };
    size_t items = 400000;
    unsigned i, j;

    stress_start(60);
    for (i = 0; i < sizeof(shapes) / sizeof(shapes[0]); i++)
        for (j = 0; j < sizeof(caps) / sizeof(caps[0]); j++)
            run_one(shapes[i][0], shapes[i][1], caps[j],
                    caps[j] == 2 ? items / 8 : items / 2);
    return 0;
}
