/*
 * stress_pool_growth.c: with K blocking regular jobs the regular set grows
 * to exactly max(min, min(max, K)) threads and never past max; priority
 * workers stay idle (they never take a regular job, even with regular
 * jobs queued); every job runs once the gate opens; stats are exact when
 * quiescent; pool_free joins every thread.
 */
#include <stdatomic.h>

#include "pool/pool.h"
#include "test/stress/stress.h"

struct ctx {
    struct stress_gate gate;
    _Atomic unsigned started;
    _Atomic unsigned finished;
    _Atomic unsigned on_prio;   /* regular jobs seen on a priority thread */
};

struct want {
    struct pool *pool;
    struct ctx *ctx;
    unsigned started;
};

static void
job_block(void *job, void *opaque)
{
    struct ctx *c = opaque;

    (void)job;
    if (stress_thread_is("-p"))
        atomic_fetch_add(&c->on_prio, 1);
    atomic_fetch_add(&c->started, 1);
    stress_gate_pass(&c->gate);
    atomic_fetch_add(&c->finished, 1);
}

static bool
started_reached(void *arg)
{
    struct want *w = arg;

    return atomic_load(&w->ctx->started) >= w->started;
}

static bool
finished_reached(void *arg)
{
    struct want *w = arg;

    return atomic_load(&w->ctx->finished) >= w->started;
}

static unsigned
expected_workers(const struct pool_limits *lim, unsigned k)
{
    unsigned need = k < lim->max_workers ? k : lim->max_workers;

    return need > lim->min_workers ? need : lim->min_workers;
}

/* Submit K jobs, in one burst or waiting for each to start (@paced). */
static void
submit_all(struct pool *p, struct want *w, unsigned k, bool paced)
{
    unsigned i, max_seen = 0;
    struct pool_stats st;

    for (i = 0; i < k; i++) {
        STRESS_CHECK(pool_submit(p, w->ctx, false) == 0, "submit %u", i);
        pool_get_stats(p, &st);
        if (st.n_workers > max_seen)
            max_seen = st.n_workers;
        STRESS_CHECK(st.n_workers <= st.max_workers, "%u workers > max %u",
                     st.n_workers, st.max_workers);
        if (paced && i < st.n_workers) {
            w->started = i + 1;
            STRESS_CHECK(stress_wait_for(started_reached, w, 5000),
                         "job %u did not start", i);
        }
    }
}

static void
check_blocked(struct pool *p, struct want *w, const struct pool_limits *lim,
              unsigned k)
{
    unsigned n = expected_workers(lim, k);
    unsigned running = k < n ? k : n;
    struct pool_stats st;

    w->started = running;
    STRESS_CHECK(stress_wait_for(started_reached, w, 5000),
                 "%u of %u jobs started", atomic_load(&w->ctx->started),
                 running);
    stress_sleep_ms(20);        /* nothing else may start meanwhile */
    pool_get_stats(p, &st);
    STRESS_CHECK(atomic_load(&w->ctx->started) == running,
                 "%u started, want %u", atomic_load(&w->ctx->started),
                 running);
    STRESS_CHECK(st.n_workers == n, "n_workers %u, want %u", st.n_workers,
                 n);
    STRESS_CHECK(st.free_workers == n - running, "free %u, want %u",
                 st.free_workers, n - running);
    STRESS_CHECK(st.job_queue_depth == k - running, "depth %u, want %u",
                 st.job_queue_depth, k - running);
    STRESS_CHECK(st.prio_workers == lim->prio_workers, "prio %u",
                 st.prio_workers);
}

static void
check_drained(struct pool *p, struct want *w, unsigned k, unsigned n)
{
    struct pool_stats st;

    w->started = k;
    STRESS_CHECK(stress_wait_for(finished_reached, w, 10000),
                 "%u of %u jobs finished", atomic_load(&w->ctx->finished), k);
    /* a worker counts itself free right after its job returns */
    stress_sleep_ms(5);
    pool_get_stats(p, &st);
    STRESS_CHECK(st.n_workers == n && st.free_workers == n &&
                 st.job_queue_depth == 0,
                 "quiescent: n %u free %u depth %u, want n = free = %u",
                 st.n_workers, st.free_workers, st.job_queue_depth, n);
}

static int g_base;               /* threads before any pool */

static void
run_case(unsigned min, unsigned max, unsigned prio, unsigned k, bool paced)
{
    struct pool_limits lim = { min, max, prio };
    struct ctx c = { .started = 0 };
    struct want w = { .ctx = &c };
    int threads = g_base + (int)(expected_workers(&lim, k) + prio);
    struct pool *p;

    stress_gate_init(&c.gate);
    p = pool_new("grow", &lim, 256, job_block, &c);
    STRESS_CHECK(p, "pool_new");
    w.pool = p;
    submit_all(p, &w, k, paced);
    check_blocked(p, &w, &lim, k);
    STRESS_CHECK(stress_wait_for(stress_task_is, &threads, 2000),
                 "threads %d, want %d", stress_task_count(), threads);
    stress_gate_set(&c.gate, true);
    check_drained(p, &w, k, expected_workers(&lim, k));
    STRESS_CHECK(atomic_load(&c.on_prio) == 0,
                 "%u regular jobs ran on priority workers",
                 atomic_load(&c.on_prio));
    pool_free(p);
    STRESS_CHECK(stress_wait_for(stress_task_is, &g_base, 2000),
                 "leaked %d threads", stress_task_count() - g_base);
    printf("growth min %u max %u prio %u K %u %s: %u workers ok\n", min,
           max, prio, k, paced ? "paced" : "burst",
           expected_workers(&lim, k));
}

int
main(void)
{
    static const unsigned cases[][4] = {
        /* min, max, prio, K */
        { 2, 6, 2, 1 },  { 2, 6, 2, 4 }, { 2, 6, 2, 6 },  { 2, 6, 2, 10 },
        { 0, 4, 1, 3 },  { 0, 1, 0, 5 }, { 3, 3, 0, 9 },  { 1, 8, 3, 8 },
        { 4, 8, 2, 2 },  { 5, 20, 5, 30 },
    };
    unsigned i, round;

    stress_start(60);
    g_base = stress_task_settle();
    for (round = 0; round < 3; round++)
        for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
            run_case(cases[i][0], cases[i][1], cases[i][2], cases[i][3],
                     round == 1);
    return 0;
}
