/*
 * test_pool.c: the worker sets, single scenarios with exact expectations
 * (the concurrent ones are in test/stress/stress_pool_*.c, whose helpers
 * this reuses).
 */
#include <criterion/criterion.h>
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>

#include "pool/pool.h"
#include "test/stress/stress.h"

#define MAX_SEEN 64

struct ctx {
    struct stress_gate gate;
    pthread_mutex_t seen_lock;          /* threads that ran a job */
    pthread_t seen[MAX_SEEN];
    unsigned nseen;
    _Atomic unsigned ran;
    _Atomic unsigned ran_prio_thread;   /* jobs run on a "-p" thread */
    _Atomic unsigned signals_open;      /* jobs that saw a signal unblocked */
    _Atomic unsigned not_batch;         /* jobs run outside SCHED_BATCH */
    struct pool *pool;
    _Atomic int late_submit;            /* job result during pool_free */
};

enum { JOB_QUICK = 1, JOB_BLOCK, JOB_LATE, JOB_SPIN };

/* Remember which worker threads ran jobs. */
static void
note_thread(struct ctx *c)
{
    pthread_t self = pthread_self();
    unsigned i;

    pthread_mutex_lock(&c->seen_lock);
    for (i = 0; i < c->nseen && !pthread_equal(c->seen[i], self); i++)
        ;
    if (i == c->nseen && c->nseen < MAX_SEEN)
        c->seen[c->nseen++] = self;
    pthread_mutex_unlock(&c->seen_lock);
}

static void
job_fn(void *job, void *opaque)
{
    struct ctx *c = opaque;
    int kind = *(int *)job;
    sigset_t set;

    pthread_sigmask(SIG_BLOCK, NULL, &set);
    if (!sigismember(&set, SIGTERM) || !sigismember(&set, SIGINT) ||
        !sigismember(&set, SIGUSR1) || !sigismember(&set, SIGCHLD))
        atomic_fetch_add(&c->signals_open, 1);
    if (stress_thread_is("-p"))
        atomic_fetch_add(&c->ran_prio_thread, 1);
    if (sched_getscheduler(0) != SCHED_BATCH)
        atomic_fetch_add(&c->not_batch, 1);
    note_thread(c);
    if (kind == JOB_BLOCK)
        stress_gate_pass(&c->gate);
    if (kind == JOB_SPIN) {             /* a short busy job: 200 us */
        uint64_t end = stress_now_ns() + 200000;

        while (stress_now_ns() < end)
            ;
    }
    if (kind == JOB_LATE) {
        stress_sleep_ms(200);   /* pool_free has begun by then */
        atomic_store(&c->late_submit, pool_submit(c->pool, job, false));
    }
    atomic_fetch_add(&c->ran, 1);
}

static int quick = JOB_QUICK, block = JOB_BLOCK, late = JOB_LATE;
static int spin = JOB_SPIN;

static struct pool *
start(struct ctx *c, unsigned min, unsigned max, unsigned prio, size_t cap)
{
    struct pool_limits lim = { min, max, prio };

    memset(c, 0, sizeof(*c));
    stress_gate_init(&c->gate);
    pthread_mutex_init(&c->seen_lock, NULL);
    c->pool = pool_new("tp", &lim, cap, job_fn, c);
    cr_assert_not_null(c->pool, "pool_new: %s", strerror(errno));
    return c->pool;
}

struct ran_want {
    struct ctx *c;
    unsigned n;
};

static bool
ran_reached(void *arg)
{
    struct ran_want *w = arg;

    return atomic_load(&w->c->ran) >= w->n;
}

static void
wait_ran(struct ctx *c, unsigned n)
{
    struct ran_want w = { c, n };

    cr_assert(stress_wait_for(ran_reached, &w, 5000), "ran %u of %u",
              atomic_load(&c->ran), n);
}

static struct pool_stats
stats(struct pool *p)
{
    struct pool_stats st;

    pool_get_stats(p, &st);
    return st;
}

/* Assert the counters of @p. */
static void
assert_counts(struct pool *p, unsigned n, unsigned free_w, unsigned prio,
              unsigned depth)
{
    struct pool_stats st = stats(p);

    cr_assert(st.n_workers == n && st.free_workers == free_w &&
              st.prio_workers == prio && st.job_queue_depth == depth,
              "n %u free %u prio %u depth %u, want %u %u %u %u",
              st.n_workers, st.free_workers, st.prio_workers,
              st.job_queue_depth, n, free_w, prio, depth);
}

/* Wait for @p's stats to satisfy @pred (workers settle asynchronously). */
static bool
stats_settle(struct pool *p, bool (*pred)(const struct pool_stats *))
{
    uint64_t end = stress_now_ns() + 5000000000ull;

    for (;;) {
        struct pool_stats st = stats(p);

        if (pred(&st))
            return true;
        if (stress_now_ns() > end)
            return false;
        stress_sleep_ms(1);
    }
}

static bool
all_regular_busy(const struct pool_stats *st)
{
    return st->n_workers == 4 && st->free_workers == 0 &&
           st->job_queue_depth == 0;
}

Test(pool, jobs_run_on_the_right_sets, .timeout = 10)
{
    struct ctx c;
    struct pool *p = start(&c, 2, 4, 2, 64);
    unsigned i;

    for (i = 0; i < 500; i++) {
        cr_assert_eq(pool_submit(p, &quick, false), 0);
        wait_ran(&c, i + 1);
    }
    cr_expect_eq(atomic_load(&c.ran_prio_thread), 0,
                 "regular jobs ran on priority workers");
    /* with every regular worker busy (max 4, all blocked), priority jobs
     * are run by the priority workers, none waits for a regular one */
    for (i = 0; i < 4; i++)
        cr_assert_eq(pool_submit(p, &block, false), 0);
    cr_assert(stats_settle(p, all_regular_busy), "4 regular workers busy");
    for (i = 0; i < 250; i++) {
        cr_assert_eq(pool_submit(p, &quick, true), 0);
        wait_ran(&c, 501 + i);
    }
    cr_expect_eq(atomic_load(&c.ran_prio_thread), 250);
    stress_gate_set(&c.gate, true);
    wait_ran(&c, 754);
    cr_expect_eq(atomic_load(&c.signals_open), 0, "workers block signals");
    cr_expect_eq(atomic_load(&c.not_batch), 0, "workers run SCHED_BATCH");
    pool_free(p);
}

static bool
five_taken(const struct pool_stats *st)
{
    return st->job_queue_depth == 1;
}

Test(pool, stats_exact_when_quiescent, .timeout = 10)
{
    struct ctx c;
    struct pool *p = start(&c, 2, 5, 1, 64);
    struct pool_stats st = stats(p);
    unsigned i;

    cr_assert(st.min_workers == 2 && st.max_workers == 5);
    assert_counts(p, 2, 2, 1, 0);
    for (i = 0; i < 6; i++)     /* 5 run (growing to max), 1 queued */
        cr_assert_eq(pool_submit(p, &block, false), 0);
    cr_assert_eq(stats(p).n_workers, 5);
    cr_assert(stats_settle(p, five_taken), "5 jobs taken");
    assert_counts(p, 5, 0, 1, 1);
    cr_assert_eq(pool_submit(p, &quick, true), 0);  /* priority worker */
    wait_ran(&c, 1);
    assert_counts(p, 5, 0, 1, 1);
    stress_gate_set(&c.gate, true);
    wait_ran(&c, 7);
    stress_sleep_ms(20);        /* workers count themselves free */
    assert_counts(p, 5, 5, 1, 0);
    pool_free(p);
}

Test(pool, full_queue_is_eagain, .timeout = 10)
{
    struct ctx c;
    struct pool *p = start(&c, 1, 1, 0, 2);

    cr_assert_eq(pool_submit(p, &block, false), 0);
    while (stats(p).job_queue_depth != 0)   /* the worker took it */
        stress_sleep_ms(1);
    cr_assert_eq(pool_submit(p, &quick, false), 0);
    cr_assert_eq(pool_submit(p, &quick, false), 0);
    cr_assert_eq(pool_submit(p, &quick, false), -EAGAIN);
    cr_assert_eq(pool_submit(p, NULL, true), -EINVAL);
    cr_assert_eq(stats(p).job_queue_depth, 2);
    stress_gate_set(&c.gate, true);
    pool_free(p);
    cr_assert_eq(atomic_load(&c.ran), 3, "queued jobs run at pool_free");
}

Test(pool, new_rejects_bad_limits, .timeout = 5)
{
    static const struct pool_limits bad[] = {
        { 3, 2, 1 }, { 0, 0, 1 }, { 1, 0, 0 },
    };
    struct pool_limits ok = { 1, 2, 0 };
    size_t i;

    for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        errno = 0;
        cr_expect_null(pool_new("x", &bad[i], 8, job_fn, NULL));
        cr_expect_eq(errno, EINVAL);
    }
    errno = 0;
    cr_expect_null(pool_new("x", &ok, 0, job_fn, NULL));
    cr_expect_eq(errno, EINVAL);
    cr_expect_null(pool_new("x", &ok, 8, NULL, NULL));
    pool_free(NULL);
}

Test(pool, set_limits_rejects_bad_values, .timeout = 5)
{
    static const struct pool_limits bad[] = {
        { 5, 4, 1 }, { 0, 0, 0 }, { 1, 0, 2 },
    };
    struct ctx c;
    struct pool *p = start(&c, 1, 3, 1, 8);
    struct pool_stats st;
    size_t i;

    for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        cr_expect_eq(pool_set_limits(p, &bad[i]), -EINVAL, "case %zu", i);
    st = stats(p);
    cr_expect(st.min_workers == 1 && st.max_workers == 3,
              "limits changed: %u %u", st.min_workers, st.max_workers);
    assert_counts(p, 1, 1, 1, 0);
    pool_free(p);
}

Test(pool, raising_min_spawns_at_once, .timeout = 10)
{
    struct pool_limits lim = { 6, 8, 0 };
    struct ctx c;
    struct pool *p = start(&c, 1, 8, 0, 8);
    int base = stress_task_settle();
    int want = base + 5;

    cr_assert_eq(pool_set_limits(p, &lim), 0);
    cr_assert_eq(stats(p).n_workers, 6);
    cr_assert_eq(stats(p).free_workers, 6);
    cr_assert(stress_wait_for(stress_task_is, &want, 2000), "threads %d",
              stress_task_count() - base);
    lim.min_workers = 0;        /* lowering min retires nobody */
    cr_assert_eq(pool_set_limits(p, &lim), 0);
    stress_sleep_ms(20);
    cr_assert_eq(stats(p).n_workers, 6);
    pool_free(p);
}

static bool
no_prio(const struct pool_stats *st)
{
    return st->prio_workers == 0;
}

static bool
two_regular(const struct pool_stats *st)
{
    return st->n_workers == 2 && st->free_workers == 2;
}

Test(pool, prio_and_max_changes, .timeout = 10)
{
    struct pool_limits lim = { 1, 4, 3 };
    struct ctx c;
    struct pool *p = start(&c, 4, 4, 1, 8);

    cr_assert_eq(pool_set_limits(p, &lim), 0);
    cr_assert_eq(stats(p).prio_workers, 3, "raising prio spawns at once");
    lim = (struct pool_limits){ 1, 2, 0 };
    cr_assert_eq(pool_set_limits(p, &lim), 0);
    cr_assert(stats_settle(p, no_prio), "prio workers retire");
    cr_assert(stats_settle(p, two_regular), "surplus regular workers retire");
    cr_assert_eq(pool_submit(p, &quick, true), 0);
    wait_ran(&c, 1);            /* priority job on a regular worker */
    cr_expect_eq(atomic_load(&c.ran_prio_thread), 0);
    pool_free(p);
}

Test(pool, thread_names, .timeout = 10)
{
    struct ctx c;
    struct pool *p = start(&c, 1, 1, 1, 8);
    bool w = false, pr = false;
    DIR *d = opendir("/proc/self/task");
    struct dirent *de;

    cr_assert_not_null(d);
    stress_sleep_ms(50);        /* threads name themselves as they start */
    while ((de = readdir(d))) {
        char path[300], name[32] = "";
        FILE *f;

        snprintf(path, sizeof(path), "/proc/self/task/%s/comm", de->d_name);
        f = fopen(path, "r");
        if (!f)
            continue;
        if (fgets(name, sizeof(name), f)) {
            w |= strcmp(name, "tp-w1\n") == 0;
            pr |= strcmp(name, "tp-p1\n") == 0;
        }
        fclose(f);
    }
    closedir(d);
    cr_expect(w && pr, "tp-w1 and tp-p1 named");
    pool_free(p);
}

Test(pool, submit_during_free_is_eshutdown, .timeout = 10)
{
    struct ctx c;
    struct pool *p = start(&c, 1, 1, 0, 8);

    atomic_store(&c.late_submit, 1);
    cr_assert_eq(pool_submit(p, &late, false), 0);
    pool_free(p);
    cr_assert_eq(atomic_load(&c.late_submit), -ESHUTDOWN);
    cr_assert_eq(atomic_load(&c.ran), 1);
}

static bool
taken(const struct pool_stats *st)
{
    return st->job_queue_depth == 0;
}

/* Regular workers awake and busy: a job queued behind them is not left
 * there, the lookout takes it within a few ticks (1 ms each). */
Test(pool, job_behind_a_slow_one_runs_soon, .timeout = 10)
{
    struct ctx c;
    struct pool *p = start(&c, 3, 3, 0, 16);
    struct ran_want w = { &c, 1 };

    pool_set_spin(p, 0);                /* no spinner to take it */
    stress_sleep_ms(20);                /* every worker asleep */
    cr_assert_eq(pool_submit(p, &block, false), 0);
    cr_assert(stats_settle(p, taken), "the slow job runs");
    cr_assert_eq(pool_submit(p, &quick, false), 0);
    cr_assert(stress_wait_for(ran_reached, &w, 200),
              "quick job still waiting behind the slow one");
    cr_assert_eq(stats(p).job_queue_depth, 0);
    stress_gate_set(&c.gate, true);
    wait_ran(&c, 2);
    pool_free(p);
}

/* A burst of short jobs (200 us each) at an idle pool is run by the one
 * worker it wakes (plus, at most, the lookout and a stall or two), not by
 * one woken worker per job; with a spinner too. */
Test(pool, burst_of_quick_jobs_wakes_few_workers, .timeout = 10)
{
    struct ctx c;
    struct pool *p = start(&c, 16, 16, 0, 256);
    unsigned i;

    pool_set_spin(p, 50000);
    stress_sleep_ms(150);               /* the lookout stands down */
    for (i = 0; i < 200; i++)
        cr_assert_eq(pool_submit(p, &spin, false), 0);
    wait_ran(&c, 200);
    cr_expect_leq(c.nseen, 8, "%u of 16 workers ran a burst of 200 short jobs",
                  c.nseen);
    pool_free(p);
}
