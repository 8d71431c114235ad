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
#define MAX_SEQ 256

struct ctx {
    struct stress_gate gate;
    struct stress_gate gate2;           /* JOB_BLOCK2 and waiting JOB_SEQ */
    _Atomic unsigned at_gate2;          /* jobs that reached gate2 */
    pthread_mutex_t seen_lock;          /* threads that ran a job */
    pthread_t seen[MAX_SEEN];
    unsigned nseen;
    _Atomic unsigned ran;
    _Atomic unsigned ran_prio_thread;   /* jobs run on a "-p" thread */
    _Atomic unsigned signals_open;      /* jobs that saw a signal unblocked */
    _Atomic unsigned not_batch;         /* jobs run outside SCHED_BATCH */
    struct pool *pool;
    _Atomic int late_submit;            /* job result during pool_free */
    _Atomic unsigned nseq;              /* JOB_SEQ jobs run so far */
    unsigned seq_idx[MAX_SEQ];          /* in the order they ran: idx */
    bool seq_prio[MAX_SEQ];             /* ... and on a priority thread */
};

enum { JOB_QUICK = 1, JOB_BLOCK, JOB_LATE, JOB_SPIN, JOB_SEQ, JOB_BLOCK2 };

/* A job that records when it ran (JOB_SEQ), and waits at gate2 first
 * when @wait2. */
struct seq_job {
    int kind;                           /* first: job_fn reads it as int */
    unsigned idx;
    bool wait2;
};

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
    if (kind == JOB_BLOCK2 || (kind == JOB_SEQ &&
                               ((struct seq_job *)job)->wait2)) {
        atomic_fetch_add(&c->at_gate2, 1);
        stress_gate_pass(&c->gate2);
    }
    if (kind == JOB_SEQ) {
        unsigned at = atomic_fetch_add(&c->nseq, 1);

        if (at < MAX_SEQ) {
            c->seq_idx[at] = ((struct seq_job *)job)->idx;
            c->seq_prio[at] = stress_thread_is("-p");
        }
    }
    if (kind == JOB_LATE) {
        stress_sleep_ms(200);   /* pool_free has begun by then */
        atomic_store(&c->late_submit, pool_submit(c->pool, job, false));
    }
    atomic_fetch_add(&c->ran, 1);
}

static int quick = JOB_QUICK, block = JOB_BLOCK, late = JOB_LATE;
static int spin = JOB_SPIN, block2 = JOB_BLOCK2;

static struct pool *
start(struct ctx *c, unsigned min, unsigned max, unsigned prio, size_t cap)
{
    struct pool_limits lim = { min, max, prio };

    memset(c, 0, sizeof(*c));
    stress_gate_init(&c->gate);
    stress_gate_init(&c->gate2);
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

/* Call @fn with the id and name (newline cut) of every thread of ours. */
static void
tasks_scan(void (*fn)(const char *tid, const char *comm, void *arg),
           void *arg)
{
    DIR *d = opendir("/proc/self/task");
    struct dirent *de;

    cr_assert_not_null(d);
    while ((de = readdir(d))) {
        char path[300], name[32] = "";
        FILE *f;

        snprintf(path, sizeof(path), "/proc/self/task/%s/comm", de->d_name);
        f = fopen(path, "r");
        if (!f)
            continue;
        if (fgets(name, sizeof(name), f)) {
            name[strcspn(name, "\n")] = '\0';
            fn(de->d_name, name, arg);
        }
        fclose(f);
    }
    closedir(d);
}

struct names_seen {
    bool w, pr;
};

static void
note_name(const char *tid, const char *comm, void *arg)
{
    struct names_seen *n = arg;

    (void)tid;
    n->w |= strcmp(comm, "tp-w1") == 0;
    n->pr |= strcmp(comm, "tp-p1") == 0;
}

Test(pool, thread_names, .timeout = 10)
{
    struct ctx c;
    struct pool *p = start(&c, 1, 1, 1, 8);
    struct names_seen n = { false, false };

    stress_sleep_ms(50);        /* threads name themselves as they start */
    tasks_scan(note_name, &n);
    cr_expect(n.w && n.pr, "tp-w1 and tp-p1 named");
    pool_free(p);
}

/* Times the regular workers ("tp-w*") went to sleep so far. */
static void
add_sleeps(const char *tid, const char *comm, void *arg)
{
    unsigned long *sum = arg;
    char path[300], line[128];
    FILE *f;

    if (strncmp(comm, "tp-w", 4) != 0)
        return;
    snprintf(path, sizeof(path), "/proc/self/task/%s/status", tid);
    f = fopen(path, "r");
    if (!f)
        return;
    while (fgets(line, sizeof(line), f))
        if (strncmp(line, "voluntary_ctxt_switches:", 24) == 0)
            *sum += strtoul(line + 24, NULL, 10);
    fclose(f);
}

static unsigned long
regular_sleeps(void)
{
    unsigned long sum = 0;

    tasks_scan(add_sleeps, &sum);
    return sum;
}

/* Priority jobs on a priority worker never block, so a stream of them
 * keeps no lookout ticking: the regular workers stay asleep. */
Test(pool, priority_load_wakes_no_regular_worker, .timeout = 10)
{
    struct ctx c;
    struct pool *p = start(&c, 2, 2, 1, 16);
    unsigned long before;
    uint64_t end;
    unsigned n = 0;

    pool_set_spin(p, 0);
    stress_sleep_ms(150);               /* started, asleep, no lookout */
    before = regular_sleeps();
    end = stress_now_ns() + 100000000ull;   /* 100 ms of 200 us jobs */
    while (stress_now_ns() < end) {
        cr_assert_eq(pool_submit(p, &spin, true), 0);
        wait_ran(&c, ++n);
    }
    cr_assert_eq(atomic_load(&c.ran_prio_thread), n);
    cr_expect_leq(regular_sleeps() - before, 2,
                  "regular workers slept %lu times during %u priority jobs",
                  regular_sleeps() - before, n);
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

/* Without priority workers, regular ones take priority jobs: one queued
 * behind a slow regular job is taken by the lookout just the same. */
Test(pool, priority_job_without_priority_workers_runs_soon, .timeout = 10)
{
    struct ctx c;
    struct pool *p = start(&c, 2, 2, 0, 16);
    struct ran_want w = { &c, 1 };

    pool_set_spin(p, 0);
    stress_sleep_ms(20);
    cr_assert_eq(pool_submit(p, &block, false), 0);
    cr_assert(stats_settle(p, taken), "the slow job runs");
    cr_assert_eq(pool_submit(p, &quick, true), 0);
    cr_assert(stress_wait_for(ran_reached, &w, 200),
              "priority job still waiting behind the slow one");
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

static bool
one_regular_busy(const struct pool_stats *st)
{
    return st->n_workers == 1 && st->free_workers == 0 &&
           st->job_queue_depth == 0;
}

static bool
queue_empty(const struct pool_stats *st)
{
    return st->job_queue_depth == 0;
}

/* A (1, 1, 1) pool: the regular worker blocked at @regular_gate (gate or
 * gate2), the priority worker at gate, @n JOB_SEQ priority jobs queued
 * behind them (the first waits at gate2 when @first_waits). */
static void
queue_behind_blocked(struct pool *p, struct seq_job *jobs, unsigned n,
                     int *regular_gate, bool first_waits)
{
    cr_assert_eq(pool_submit(p, regular_gate, false), 0);
    cr_assert(stats_settle(p, one_regular_busy), "the regular worker busy");
    cr_assert_eq(pool_submit(p, &block, true), 0);
    cr_assert(stats_settle(p, queue_empty), "the priority worker busy");
    for (unsigned i = 0; i < n; i++) {
        jobs[i] = (struct seq_job){ JOB_SEQ, i, first_waits && i == 0 };
        cr_assert_eq(pool_submit(p, &jobs[i], true), 0);
    }
    cr_assert_eq(stats(p).job_queue_depth, n);
}

/* Every JOB_SEQ job ran once, and each thread ran its share in queue
 * order (a batch keeps the order of the queue). */
static void
assert_seq_once_in_order(struct ctx *c, unsigned n)
{
    bool seen[MAX_SEQ] = { false };
    long last[2] = { -1, -1 };

    cr_assert_eq(atomic_load(&c->nseq), n);
    for (unsigned i = 0; i < n; i++) {
        unsigned idx = c->seq_idx[i];
        int side = c->seq_prio[i];

        cr_assert(idx < n && !seen[idx], "job %u ran twice or is bad", idx);
        seen[idx] = true;
        cr_assert_gt((long)idx, last[side], "job %u after %ld on one thread",
                     idx, last[side]);
        last[side] = idx;
    }
}

static bool
gate2_reached(void *arg)
{
    struct ran_want *w = arg;

    return atomic_load(&w->c->at_gate2) >= w->n;
}

/* The regular worker waits at gate2 (it takes nothing); the priority
 * worker, let through gate, takes the first batch and waits at gate2 in
 * its first job, holding the rest of the batch. */
static void
hold_a_batch(struct ctx *c, struct pool *p, struct seq_job *jobs, unsigned n)
{
    struct ran_want w = { c, 2 };

    queue_behind_blocked(p, jobs, n, &block2, true);
    stress_gate_set(&c->gate, true);
    cr_assert(stress_wait_for(gate2_reached, &w, 5000),
              "both workers at gate2");
    cr_assert_eq(stats(p).batches, 1, "the priority worker took a batch");
    cr_assert_eq(stats(p).job_queue_depth, n - 8, "of 8 jobs");
}

static bool
seq_reached(void *arg)
{
    struct ran_want *w = arg;

    return atomic_load(&w->c->nseq) >= w->n;
}

/* A deep priority queue is taken by the priority worker in batches; every
 * job still runs once, in queue order. The regular worker waits at gate2
 * meanwhile, so the priority worker is the only consumer and the batches
 * are exact: 8 at a time while 16 or more are queued (depths 100, 92,
 * ..., 20: 11 batches), then the last 12 one by one. */
Test(pool, deep_priority_queue_is_taken_in_batches, .timeout = 10)
{
    static struct seq_job jobs[100];
    struct ctx c;
    struct ran_want w = { &c, 100 };
    struct pool *p = start(&c, 1, 1, 1, 256);

    queue_behind_blocked(p, jobs, 100, &block2, false);
    cr_assert_eq(stats(p).batches, 0, "no batch below the depth");
    stress_gate_set(&c.gate, true);
    cr_assert(stress_wait_for(seq_reached, &w, 5000), "ran %u of 100",
              atomic_load(&c.nseq));
    assert_seq_once_in_order(&c, 100);
    for (unsigned i = 0; i < 100; i++)
        cr_assert(c.seq_prio[i], "job %u ran on the priority worker", i);
    cr_expect_eq(stats(p).batches, 11);
    cr_expect_eq(stats(p).job_queue_depth, 0);
    stress_gate_set(&c.gate2, true);
    wait_ran(&c, 102);
    assert_counts(p, 1, 1, 1, 0);
    pool_free(p);
}

struct freer {
    struct pool *p;
    _Atomic bool done;
};

static void *
free_pool(void *arg)
{
    struct freer *f = arg;

    pool_free(f->p);
    atomic_store(&f->done, true);
    return NULL;
}

/* Jobs a worker holds from a batch are not lost when the pool is freed
 * or the priority set is shrunk while they wait. */
Test(pool, held_batch_jobs_survive_free_and_shrink, .timeout = 10)
{
    static struct seq_job jobs[40];
    struct pool_limits prio_none = { 1, 1, 0 };
    struct ctx c;
    struct freer f = { 0 };
    pthread_t t;
    struct pool *p = start(&c, 1, 1, 1, 256);

    hold_a_batch(&c, p, jobs, 40);
    f.p = p;
    cr_assert_eq(pthread_create(&t, NULL, free_pool, &f), 0);
    stress_sleep_ms(50);
    cr_expect(!atomic_load(&f.done), "pool_free waits for held jobs");
    stress_gate_set(&c.gate2, true);
    pthread_join(t, NULL);
    cr_assert_eq(atomic_load(&c.ran), 42, "every job ran before pool_free "
                 "returned");
    assert_seq_once_in_order(&c, 40);

    p = start(&c, 1, 1, 1, 256);
    hold_a_batch(&c, p, jobs, 40);
    cr_assert_eq(pool_set_limits(p, &prio_none), 0);
    stress_gate_set(&c.gate2, true);
    wait_ran(&c, 42);
    assert_seq_once_in_order(&c, 40);
    cr_assert(stats_settle(p, no_prio), "the priority worker retires");
    pool_free(p);
}
