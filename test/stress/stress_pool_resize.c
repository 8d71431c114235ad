/*
 * stress_pool_resize.c: min/max/prio changed every few milliseconds while
 * several threads submit regular and priority jobs, some slow, some
 * submitting a follow-up job themselves. Then a burst is submitted and the
 * pool freed at once. Checks:
 *   - every accepted job runs exactly once, rejected ones never (a flag
 *     per job), including follow-ups submitted while pool_free drains;
 *   - regular jobs never run on priority workers;
 *   - invalid limits are refused and change nothing;
 *   - once quiet, the counters match the live threads in /proc and the
 *     limits; after pool_free no thread is left.
 */
#include <errno.h>
#include <sched.h>
#include <stdatomic.h>

#include "pool/pool.h"
#include "test/stress/stress.h"

#define SUBMITTERS 3
#define SLOTS (1u << 20)
#define FLOW_MS 2500

static struct pool *g_pool;
static _Atomic unsigned g_next_slot;
static _Atomic unsigned char g_ran[SLOTS];
static _Atomic unsigned char g_accepted[SLOTS];
static _Atomic unsigned g_ran_n, g_accepted_n, g_busy, g_on_prio;
static _Atomic bool g_stop;
static _Atomic unsigned g_changes;

/* Submit one job; 0, -EAGAIN, -ESHUTDOWN, or -ENOSPC when out of slots. */
static int
submit_one(bool prio)
{
    unsigned slot = atomic_fetch_add(&g_next_slot, 1);
    int rc;

    if (slot >= SLOTS)
        return -ENOSPC;
    rc = pool_submit(g_pool, (void *)((((uintptr_t)slot + 1) << 1) | prio),
                     prio);
    STRESS_CHECK(rc == 0 || rc == -EAGAIN || rc == -ESHUTDOWN,
                 "pool_submit: %d", rc);
    if (rc == 0) {
        atomic_store(&g_accepted[slot], 1);
        atomic_fetch_add(&g_accepted_n, 1);
    } else if (rc == -EAGAIN) {
        atomic_fetch_add(&g_busy, 1);
    }
    return rc;
}

static void
job_fn(void *job, void *opaque)
{
    uintptr_t v = (uintptr_t)job;
    unsigned slot = (unsigned)((v >> 1) - 1);
    bool prio = v & 1;

    (void)opaque;
    if (!prio && stress_thread_is("-p"))
        atomic_fetch_add(&g_on_prio, 1);
    STRESS_CHECK(atomic_fetch_add(&g_ran[slot], 1) == 0,
                 "job %u ran twice", slot);
    if (slot % 16 == 0)
        usleep(200);
    else if (slot % 8 == 1)
        submit_one(slot % 3 == 0);
    atomic_fetch_add(&g_ran_n, 1);
}

static void *
submitter_main(void *arg)
{
    unsigned seed = (unsigned)(uintptr_t)arg;

    while (!atomic_load(&g_stop)) {
        int rc = submit_one(rand_r(&seed) % 4 == 0);

        if (rc == -ENOSPC)
            break;
        if (rc == -EAGAIN)
            sched_yield();
    }
    return NULL;
}

static void
check_limits(const struct pool_limits *lim)
{
    struct pool_stats st;

    pool_get_stats(g_pool, &st);
    STRESS_CHECK(st.min_workers == lim->min_workers &&
                 st.max_workers == lim->max_workers,
                 "limits %u/%u, want %u/%u", st.min_workers, st.max_workers,
                 lim->min_workers, lim->max_workers);
}

static void *
resizer_main(void *arg)
{
    unsigned seed = (unsigned)(uintptr_t)arg;
    struct pool_limits lim, bad;

    while (!atomic_load(&g_stop)) {
        lim.min_workers = rand_r(&seed) % 5;
        lim.max_workers = 1 + lim.min_workers + rand_r(&seed) % 5;
        lim.prio_workers = rand_r(&seed) % 4;
        STRESS_CHECK(pool_set_limits(g_pool, &lim) == 0, "set_limits");
        bad = lim;
        bad.min_workers = lim.max_workers + 1;
        STRESS_CHECK(pool_set_limits(g_pool, &bad) == -EINVAL, "min > max");
        bad = lim;
        bad.min_workers = bad.max_workers = 0;
        STRESS_CHECK(pool_set_limits(g_pool, &bad) == -EINVAL, "max 0");
        check_limits(&lim);
        atomic_fetch_add(&g_changes, 1);
        stress_sleep_ms(1 + rand_r(&seed) % 3);
    }
    return NULL;
}

struct want {
    struct pool_limits lim;
    int base;                   /* threads before the pool */
};

static bool
quiet(void *arg)
{
    const struct want *w = arg;
    const struct pool_limits *lim = &w->lim;
    struct pool_stats st;

    if (atomic_load(&g_ran_n) != atomic_load(&g_accepted_n))
        return false;
    pool_get_stats(g_pool, &st);
    return st.prio_workers == lim->prio_workers &&
           st.n_workers >= lim->min_workers &&
           st.n_workers <= lim->max_workers &&
           st.free_workers == st.n_workers && st.job_queue_depth == 0 &&
           stress_task_count() == w->base + (int)(st.n_workers +
                                                  st.prio_workers);
}

static void
run_flow(void)
{
    pthread_t subs[SUBMITTERS], resizer;
    uintptr_t i;

    for (i = 0; i < SUBMITTERS; i++)
        pthread_create(&subs[i], NULL, submitter_main, (void *)(i + 1));
    pthread_create(&resizer, NULL, resizer_main, (void *)(uintptr_t)42);
    stress_sleep_ms(FLOW_MS);
    atomic_store(&g_stop, true);
    for (i = 0; i < SUBMITTERS; i++)
        pthread_join(subs[i], NULL);
    pthread_join(resizer, NULL);
}

static void
check_flags(void)
{
    unsigned n = atomic_load(&g_next_slot), i;

    n = n < SLOTS ? n : SLOTS;
    for (i = 0; i < n; i++)
        STRESS_CHECK(atomic_load(&g_ran[i]) == atomic_load(&g_accepted[i]),
                     "job %u: ran %u, accepted %u", i,
                     (unsigned)atomic_load(&g_ran[i]),
                     (unsigned)atomic_load(&g_accepted[i]));
    STRESS_CHECK(atomic_load(&g_on_prio) == 0,
                 "%u regular jobs ran on priority workers",
                 atomic_load(&g_on_prio));
}

int
main(void)
{
    struct want want = { { 2, 4, 1 }, 0 };
    unsigned i, shut;

    stress_start(60);
    want.base = stress_task_settle();
    g_pool = pool_new("rsz", &want.lim, 256, job_fn, NULL);
    STRESS_CHECK(g_pool, "pool_new");
    run_flow();
    want.lim = (struct pool_limits){ 1, 3, 2 };
    STRESS_CHECK(pool_set_limits(g_pool, &want.lim) == 0, "final limits");
    STRESS_CHECK(stress_wait_for(quiet, &want, 10000),
                 "not quiet: ran %u accepted %u threads %d",
                 atomic_load(&g_ran_n), atomic_load(&g_accepted_n),
                 stress_task_count() - want.base);
    shut = atomic_load(&g_accepted_n);
    for (i = 0; i < 300; i++)
        submit_one(i % 5 == 0);
    pool_free(g_pool);
    check_flags();
    STRESS_CHECK(atomic_load(&g_ran_n) == atomic_load(&g_accepted_n),
                 "lost at shutdown: ran %u accepted %u",
                 atomic_load(&g_ran_n), atomic_load(&g_accepted_n));
    STRESS_CHECK(stress_wait_for(stress_task_is, &want.base, 2000),
                 "leaked %d threads", stress_task_count() - want.base);
    printf("resize: %u limit changes, %u jobs run (%u at shutdown), "
           "%u busy replies\n", atomic_load(&g_changes),
           atomic_load(&g_ran_n), atomic_load(&g_ran_n) - shut,
           atomic_load(&g_busy));
    return 0;
}
