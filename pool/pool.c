/*
 * pool.c: the regular and priority worker sets (see pool.h).
 *
 * Hot path: pool_submit() pushes on a lock-free mpmc queue and wakes a
 * sleeping worker through an event count (evc.h) only when no worker of
 * the job's set is awake: an awake worker (running a job, or spinning for
 * the next one) looks at the queue again before it sleeps, so fast jobs
 * arriving in a burst are all run by the one worker that is up, without a
 * wake per job. One worker at a time spins (briefly, bounded); the others
 * sleep at once. A priority worker facing a deep priority queue takes a
 * batch of jobs with one claim (pool_take_next). The mutex is taken only
 * to create, retire and join threads and to change the limits; it is
 * never held by a worker running a job, and never together with another
 * lock.
 *
 * The lookout. A job queued behind a slow one (every awake worker busy)
 * must not wait for it: one sleeping regular worker, the lookout, sleeps
 * with a timeout (POOL_TICK_NS) instead of indefinitely, and on each tick
 * looks whether a queue has jobs but no pop happened since the last tick
 * (a stall), or keeps growing past POOL_DEEP; then it takes a job itself.
 * A worker starting a job from the regular queue while there is no
 * lookout calls one (wakes a sleeper, which takes the role on its way back
 * to sleep); the lookout leaves the role when it takes a job and after
 * POOL_LINGER_TICKS ticks with nothing that could stall, so an idle pool
 * has no timer running. Only regular jobs can hold others up: priority
 * calls never block, whichever worker runs them, so a load of priority
 * calls alone keeps no lookout (and no 1 ms timer) going. The priority
 * queue is watched only while the set has no priority worker (then only
 * regular workers, which may be blocked, take its jobs).
 *
 * Growth accounting. @slack is "idle regular workers - queued jobs", the
 * freeWorkers - jobQueueDepth of the growth rule, kept in one signed
 * counter so that every submitter reads both halves at once and two
 * submitters never decide on the same idle worker:
 *   submit (any queue)               -1 (before the push; undone on error)
 *   regular worker spawned           +1 (counted idle from creation)
 *   regular worker takes a job        0 (one idle less, one queued less)
 *   regular worker ends a job        +1 (pool_job_done: maybe before fn
 *                                       returns, when it hands its result
 *                                       on)
 *   regular worker retires           -1
 *   priority worker takes a job      +1 (one queued less; a batch: +n)
 * Queued jobs are both queues (libvirt's jobQueueDepth counts priority
 * jobs too), so free_workers = slack + queued, exact when quiescent.
 */
#include "pool/pool.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sched.h>
#include <unistd.h>

#include "pool/evc.h"
#include "pool/mpmc.h"

/* How long the one spinning worker polls an empty queue before it
 * sleeps: enough to catch the next burst of a busy client without a
 * futex round trip, short enough to cost little when the pool idles.
 * Only with more than POOL_SPIN_MIN_CPUS CPUs online: with two, the
 * reactor and the running worker already have one each, and a spinner
 * takes the CPU from the very threads that would give it work (measured:
 * 15-25% fewer calls/s and more CPU per call than no spin at all). */
#define POOL_SPIN_NS 50000u
#define POOL_SPIN_MIN_CPUS 2
#define POOL_SPIN_BATCH 16u             /* pops between clock reads */
#define POOL_TICK_NS 1000000u           /* the lookout's period: 1 ms */
#define POOL_LINGER_TICKS 100u          /* idle ticks before it stands down */
#define POOL_DEEP 64u                   /* a growing queue this deep */
#define POOL_BATCH 8u                   /* jobs a priority worker takes */
#define POOL_BATCH_DEPTH 16u            /* ... once the queue is this deep */

/* The lookout role: nobody, called (a wake is on its way), held. */
enum pool_lookout {
    POOL_LOOKOUT_NONE,
    POOL_LOOKOUT_CALLED,
    POOL_LOOKOUT_HELD,
};
#define POOL_COMM 16            /* Linux thread name, NUL included */

struct pool_thread {
    struct pool *pool;          /* immutable */
    struct pool_thread *next;   /* pool->lock */
    pthread_t tid;              /* pool->lock (set at creation) */
    bool prio;                  /* immutable */
    bool lookout;               /* own thread: holds the lookout role */
    bool exited;                /* pool->lock; the thread is leaving */
    bool slow;                  /* own thread: the job taken last came from
                                 * the regular queue (it may block) */
    char name[POOL_COMM];       /* immutable */
    /* own thread: priority jobs taken in one batch, [next, n) not run */
    unsigned held_n, held_next;
    void *held[POOL_BATCH];
};

struct pool {
    /* see the accounting above; relaxed RMWs: only the counter's own
     * modification order matters, it publishes nothing */
    _Alignas(64) _Atomic long slack;
    /* jobs being run; seq_cst, pairs with @quit so the last workers do
     * not leave while a running job may still submit (pool_drained) */
    _Alignas(64) _Atomic unsigned running;
    /* of those, jobs from the regular queue (they may block, so a
     * lookout watches while any runs); relaxed, a hint for the lookout */
    _Atomic unsigned slow_running;

    /* workers not asleep, per set ([0] regular, [1] priority): +1 at
     * spawn and when back from a sleep, -1 before announcing a sleep and
     * when leaving; relaxed, except the submitter's read, which pairs
     * with the fence in evc_prepare() (see pool_awake_sync) */
    _Alignas(64) _Atomic unsigned awake[2];
    _Atomic bool spinning;      /* one worker spins at a time; relaxed */
    /* how long the spinner spins (pool_set_spin); relaxed, a setting */
    _Atomic uint64_t spin_ns;
    /* enum pool_lookout: release when the holder leaves the role,
     * acquire when a worker takes it (the memory below changes hands),
     * relaxed otherwise; @called_at: relaxed, a hint */
    _Atomic int lookout;
    _Atomic uint64_t called_at;
    _Atomic unsigned long batches;  /* relaxed, a statistic */

    struct evc reg_evc;         /* regular workers sleep here */
    struct evc prio_evc;        /* priority workers sleep here */
    struct evc look_evc;        /* the lookout sleeps here */

    /* the lookout's memory (only the role holder touches it) */
    size_t last_pops[2];
    size_t last_depth[2];
    unsigned idle_ticks;

    /* read-mostly from here on */
    _Alignas(64) _Atomic bool quit; /* seq_cst; set once, under lock */
    /* +1 by spawn (under lock, checked against the limit), -1 by a
     * retiring worker (CAS, without the lock); relaxed, exact counts */
    _Atomic unsigned n_workers;
    _Atomic unsigned n_prio;
    /* written under lock with release; read with acquire by workers and
     * submitters (they pair with the evc_wake_all() that follows) */
    _Atomic unsigned min_workers;
    _Atomic unsigned max_workers;
    _Atomic unsigned prio_limit;

    struct mpmc *reg_q;         /* immutable pointers */
    struct mpmc *prio_q;
    pool_job_fn *fn;
    void *opaque;

    pthread_mutex_t lock;
    struct pool_thread *threads;    /* lock: every unjoined thread */
    unsigned next_reg_id;       /* lock: numbers in thread names */
    unsigned next_prio_id;      /* lock */
    char name[POOL_COMM];       /* immutable */
};

static void *pool_worker_main(void *arg);

/* -- counters ------------------------------------------------------------ */

static void
pool_count_thread(struct pool *p, bool prio, int delta)
{
    atomic_fetch_add_explicit(&p->awake[prio], (unsigned)delta,
                              memory_order_relaxed);
    if (prio) {
        atomic_fetch_add_explicit(&p->n_prio, (unsigned)delta,
                                  memory_order_relaxed);
        return;
    }
    atomic_fetch_add_explicit(&p->n_workers, (unsigned)delta,
                              memory_order_relaxed);
    atomic_fetch_add_explicit(&p->slack, delta, memory_order_relaxed);
}

static unsigned
pool_load_limit(_Atomic unsigned *lim)
{
    /* acquire: pairs with the release in pool_store_limits() */
    return atomic_load_explicit(lim, memory_order_acquire);
}

static void
pool_store_limits(struct pool *p, const struct pool_limits *lim)
{
    atomic_store_explicit(&p->min_workers, lim->min_workers,
                          memory_order_release);
    atomic_store_explicit(&p->max_workers, lim->max_workers,
                          memory_order_release);
    atomic_store_explicit(&p->prio_limit, lim->prio_workers,
                          memory_order_release);
}

/* Whether a job is queued or being pushed for this set (shutdown test). */
static bool
pool_has_work(struct pool *p, bool prio)
{
    if (mpmc_size(p->prio_q) > 0)
        return true;
    return !prio && mpmc_size(p->reg_q) > 0;
}

static void
pool_wake_all(struct pool *p)
{
    evc_wake_all(&p->reg_evc);
    evc_wake_all(&p->prio_evc);
    evc_wake_all(&p->look_evc);
}

/* -- thread creation and joining (pool->lock) ------------------------------ */

/* "<pool name>-w<N>" or "-p<N>", the pool name cut to fit 15 bytes. */
static void
pool_thread_name(struct pool *p, struct pool_thread *t)
{
    char suffix[POOL_COMM];
    unsigned id = t->prio ? ++p->next_prio_id : ++p->next_reg_id;
    size_t slen, nlen;

    snprintf(suffix, sizeof(suffix), "-%c%u", t->prio ? 'p' : 'w',
             id % 100000);
    slen = strlen(suffix);
    nlen = strnlen(p->name, POOL_COMM - 1 - slen);
    memcpy(t->name, p->name, nlen);
    memcpy(t->name + nlen, suffix, slen + 1);
}

/*
 * Start one worker, counted before it runs (so a submitter sees it idle at
 * once). All signals are blocked in the new thread: the reactor owns them.
 * 0 or -errno (nothing counted, nothing started).
 */
static int
pool_spawn_locked(struct pool *p, bool prio)
{
    struct pool_thread *t = calloc(1, sizeof(*t));
    sigset_t all, old;
    int rc;

    if (!t)
        return -ENOMEM;
    t->pool = p;
    t->prio = prio;
    pool_thread_name(p, t);
    pool_count_thread(p, prio, 1);
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    rc = pthread_create(&t->tid, NULL, pool_worker_main, t);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (rc != 0) {
        pool_count_thread(p, prio, -1);
        free(t);
        return -rc;
    }
    t->next = p->threads;
    p->threads = t;
    return 0;
}

static unsigned
pool_n(struct pool *p, bool prio)
{
    return atomic_load_explicit(prio ? &p->n_prio : &p->n_workers,
                                memory_order_relaxed);
}

/*
 * Spawn up to the limits: regular workers up to min, priority workers up
 * to prio, and regular workers for queued jobs no idle worker will take
 * (slack < 0) up to max. Stops at the first error.
 */
static int
pool_fill_locked(struct pool *p)
{
    unsigned max = pool_load_limit(&p->max_workers);
    int rc = 0;

    while (rc == 0 && pool_n(p, false) < pool_load_limit(&p->min_workers))
        rc = pool_spawn_locked(p, false);
    while (rc == 0 && pool_n(p, true) < pool_load_limit(&p->prio_limit))
        rc = pool_spawn_locked(p, true);
    while (rc == 0 && pool_n(p, false) < max &&
           atomic_load_explicit(&p->slack, memory_order_relaxed) < 0)
        rc = pool_spawn_locked(p, false);
    return rc;
}

/* Unlink the threads that have left (all of them when @all). */
static struct pool_thread *
pool_unlink_locked(struct pool *p, bool all)
{
    struct pool_thread **pp = &p->threads;
    struct pool_thread *out = NULL;

    while (*pp) {
        struct pool_thread *t = *pp;

        if (all || t->exited) {
            *pp = t->next;
            t->next = out;
            out = t;
        } else {
            pp = &t->next;
        }
    }
    return out;
}

/* Join and free an unlinked list; called without the lock. */
static void
pool_join_list(struct pool_thread *t)
{
    while (t) {
        struct pool_thread *next = t->next;

        pthread_join(t->tid, NULL);
        free(t);
        t = next;
    }
}

/* -- worker side ----------------------------------------------------------- */

/* Leave if this set is above its limit; the count drops here, by CAS, so
 * exactly the surplus leaves however many workers look at once. */
static bool
pool_retire(struct pool *p, bool prio)
{
    _Atomic unsigned *n = prio ? &p->n_prio : &p->n_workers;
    unsigned lim = pool_load_limit(prio ? &p->prio_limit : &p->max_workers);
    unsigned cur = atomic_load_explicit(n, memory_order_relaxed);

    while (cur > lim) {
        if (atomic_compare_exchange_weak_explicit(n, &cur, cur - 1,
                                                  memory_order_relaxed,
                                                  memory_order_relaxed)) {
            if (!prio)
                atomic_fetch_sub_explicit(&p->slack, 1,
                                          memory_order_relaxed);
            return true;
        }
    }
    return false;
}

/*
 * Shutdown: leave once quit is set, no job runs (a running job could still
 * submit one, see pool_submit) and nothing is queued for us. The seq_cst
 * loads pair with the seq_cst quit store and running updates.
 */
static bool
pool_drained(struct pool *p, bool prio)
{
    if (!atomic_load_explicit(&p->quit, memory_order_seq_cst))
        return false;
    if (atomic_load_explicit(&p->running, memory_order_seq_cst) != 0)
        return false;
    return !pool_has_work(p, prio);
}

/* Regular workers prefer regular jobs, then help with priority ones.
 * Notes in @t->slow where the job came from. */
static void *
pool_take(struct pool *p, struct pool_thread *t)
{
    void *job = NULL;

    if (!t->prio)
        job = mpmc_pop(p->reg_q);
    t->slow = job != NULL;
    if (!job)
        job = mpmc_pop(p->prio_q);
    if (job && t->prio)
        atomic_fetch_add_explicit(&p->slack, 1, memory_order_relaxed);
    return job;
}

/*
 * The next job for worker @t: one it holds from a batch, else a batch of
 * up to POOL_BATCH when the priority queue is POOL_BATCH_DEPTH deep (a
 * priority worker only: priority calls never block, so the jobs of a
 * batch cannot be stuck behind a slow one; regular jobs are taken one at
 * a time, so that the other workers and the lookout can reach every job
 * still queued), else one job. A batch counts as running from the moment
 * it is taken (*counted), so that no worker leaves at shutdown while a
 * held job could still submit; and as taken from the queue for @slack.
 */
static void *
pool_take_next(struct pool *p, struct pool_thread *t, bool *counted)
{
    size_t n;

    if (t->held_next < t->held_n) {
        *counted = true;
        t->slow = false;
        return t->held[t->held_next++];
    }
    t->held_n = t->held_next = 0;
    if (!t->prio || mpmc_size(p->prio_q) < POOL_BATCH_DEPTH)
        return pool_take(p, t);
    n = mpmc_pop_batch(p->prio_q, t->held, POOL_BATCH);
    if (n == 0)
        return pool_take(p, t);
    t->slow = false;
    atomic_fetch_add_explicit(&p->running, (unsigned)n, memory_order_seq_cst);
    atomic_fetch_add_explicit(&p->slack, (long)n, memory_order_relaxed);
    atomic_fetch_add_explicit(&p->batches, 1, memory_order_relaxed);
    t->held_n = (unsigned)n;
    t->held_next = 1;
    *counted = true;
    return t->held[0];
}

/* The regular worker running on this thread, while its job has not yet
 * been counted as ended (pool_job_done); NULL otherwise. */
static __thread struct pool *run_pool;

/* -- the lookout ---------------------------------------------------------- */

static unsigned
pool_awake_now(struct pool *p, bool prio)
{
    return atomic_load_explicit(&p->awake[prio], memory_order_relaxed);
}

static uint64_t
pool_now_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/*
 * Called before a job runs: with nobody on the lookout, wake a sleeping
 * regular worker to take the role (it does on its way back to sleep). A
 * call not answered within a tick (the woken worker found jobs to run
 * instead) is made again, to another sleeper.
 */
static void
pool_call_lookout(struct pool *p)
{
    int cur = atomic_load_explicit(&p->lookout, memory_order_relaxed);
    uint64_t now;

    if (cur == POOL_LOOKOUT_HELD || evc_sleepers_now(&p->reg_evc) == 0)
        return;
    now = pool_now_ns();
    if (cur == POOL_LOOKOUT_CALLED &&
        now - atomic_load_explicit(&p->called_at, memory_order_relaxed) <
        POOL_TICK_NS)
        return;
    if (!atomic_compare_exchange_strong_explicit(&p->lookout, &cur,
                                                 POOL_LOOKOUT_CALLED,
                                                 memory_order_relaxed,
                                                 memory_order_relaxed))
        return;
    atomic_store_explicit(&p->called_at, now, memory_order_relaxed);
    evc_wake_one(&p->reg_evc);
}

/* Whether the lookout watches the priority queue: only when no
 * priority worker is there to keep it moving. */
static bool
pool_watch_prio(struct pool *p)
{
    return pool_n(p, true) == 0;
}

/* Whether a job could be held up: regular workers run jobs, or jobs wait
 * that only regular workers would take. A lookout is useful. */
static bool
pool_busy(struct pool *p)
{
    return atomic_load_explicit(&p->slow_running, memory_order_relaxed) > 0 ||
           mpmc_size(p->reg_q) > 0 ||
           (pool_watch_prio(p) && mpmc_size(p->prio_q) > 0);
}

/* Take the role from state @cur (CAS); the lookout starts its memory. */
static bool
pool_hold_lookout(struct pool *p, struct pool_thread *t, int cur)
{
    /* acquire: pairs with the release in pool_drop_lookout() (through
     * the caller's CAS to CALLED, an RMW in its release sequence), so
     * the previous holder's writes to the lookout memory are seen */
    if (!atomic_compare_exchange_strong_explicit(&p->lookout, &cur,
                                                 POOL_LOOKOUT_HELD,
                                                 memory_order_acquire,
                                                 memory_order_relaxed))
        return false;
    t->lookout = true;
    p->idle_ticks = 0;
    for (int i = 0; i < 2; i++) {
        struct mpmc *q = i ? p->prio_q : p->reg_q;

        p->last_pops[i] = mpmc_pops(q);
        p->last_depth[i] = mpmc_size(q);
    }
    return true;
}

/* A regular worker about to sleep takes the role when it was called, or
 * when nobody holds it and the pool is busy. */
static bool
pool_take_lookout(struct pool *p, struct pool_thread *t)
{
    int cur = atomic_load_explicit(&p->lookout, memory_order_relaxed);

    if (t->lookout)
        return true;
    if (t->prio || cur == POOL_LOOKOUT_HELD ||
        (cur == POOL_LOOKOUT_NONE && !pool_busy(p)))
        return false;
    return pool_hold_lookout(p, t, cur);
}

/* A regular worker back from sleep answers a call at once (else it could
 * take a job instead, and the call would go unanswered). */
static void
pool_answer_call(struct pool *p, struct pool_thread *t)
{
    if (!t->prio && atomic_load_explicit(&p->lookout, memory_order_relaxed)
                    == POOL_LOOKOUT_CALLED)
        pool_hold_lookout(p, t, POOL_LOOKOUT_CALLED);
}

static void
pool_drop_lookout(struct pool *p, struct pool_thread *t)
{
    if (!t->lookout)
        return;
    t->lookout = false;
    /* release: hands the lookout memory to the next holder */
    atomic_store_explicit(&p->lookout, POOL_LOOKOUT_NONE,
                          memory_order_release);
}

/* Does queue @i need one more worker? A stall (jobs, no pop since the
 * last tick) or a deep queue that keeps growing. Records this tick; a
 * queue that moved or holds jobs keeps the lookout on when @watch. */
static bool
pool_tick_queue(struct pool *p, int i, bool watch, bool *active)
{
    struct mpmc *q = i ? p->prio_q : p->reg_q;
    size_t pops = mpmc_pops(q), depth = mpmc_size(q);
    bool more = depth > 0 && (pops == p->last_pops[i] ||
                              (depth >= POOL_DEEP &&
                               depth > p->last_depth[i]));

    *active |= watch && (depth > 0 || pops != p->last_pops[i]);
    p->last_pops[i] = pops;
    p->last_depth[i] = depth;
    return more;
}

/* One tick of the lookout (a regular worker): a job to run if a queue
 * needs help, else NULL; stands down after a long quiet spell. */
static void *
pool_lookout_tick(struct pool *p, struct pool_thread *t)
{
    bool active = atomic_load_explicit(&p->slow_running,
                                       memory_order_relaxed) > 0;
    bool help = pool_tick_queue(p, 0, true, &active);
    void *job = NULL;

    help |= pool_tick_queue(p, 1, pool_watch_prio(p), &active);
    if (help)
        job = pool_take(p, t);
    p->idle_ticks = active ? 0 : p->idle_ticks + 1;
    if (job || p->idle_ticks >= POOL_LINGER_TICKS)
        pool_drop_lookout(p, t);
    return job;
}

/* -- worker side ----------------------------------------------------------- */

static void
pool_awake(struct pool *p, bool prio, int delta)
{
    atomic_fetch_add_explicit(&p->awake[prio], (unsigned)delta,
                              memory_order_relaxed);
}

/* Run @job on @t; @counted: already in @running (taken in a batch). A
 * job from the regular queue may block: a lookout watches meanwhile. */
static void
pool_run(struct pool *p, struct pool_thread *t, void *job, bool counted)
{
    bool slow = t->slow;

    if (!counted)
        atomic_fetch_add_explicit(&p->running, 1, memory_order_seq_cst);
    run_pool = t->prio ? NULL : p;
    if (slow) {
        atomic_fetch_add_explicit(&p->slow_running, 1, memory_order_relaxed);
        pool_call_lookout(p);
    }
    p->fn(job, p->opaque);
    pool_job_done();
    if (slow)
        atomic_fetch_sub_explicit(&p->slow_running, 1, memory_order_relaxed);
    /* the last job to end during shutdown lets the others leave */
    if (atomic_fetch_sub_explicit(&p->running, 1, memory_order_seq_cst) == 1
        && atomic_load_explicit(&p->quit, memory_order_seq_cst))
        pool_wake_all(p);
}

/*
 * No job was found: unless another worker spins already (or spinning is
 * off, see POOL_SPIN_NS), poll the queue for POOL_SPIN_NS. A regular spinner leaves priority jobs to the
 * priority workers (woken for them) when there are any. The job taken,
 * or NULL.
 */
static void *
pool_spin(struct pool *p, struct pool_thread *t)
{
    bool prio = t->prio;
    uint64_t end;
    void *job = NULL;
    uint64_t spin = atomic_load_explicit(&p->spin_ns, memory_order_relaxed);

    if (!spin ||
        atomic_exchange_explicit(&p->spinning, true, memory_order_relaxed))
        return NULL;
    end = pool_now_ns() + spin;
    do {
        for (unsigned i = 0; i < POOL_SPIN_BATCH && !job; i++) {
            evc_relax();
            if (prio || pool_n(p, true) == 0)
                job = pool_take(p, t);
            else {
                job = mpmc_pop(p->reg_q);
                t->slow = true;         /* read only when job != NULL */
            }
        }
    } while (!job && pool_now_ns() < end);
    atomic_store_explicit(&p->spinning, false, memory_order_relaxed);
    return job;
}

/*
 * Sleep until woken (the lookout: until woken or the next tick). We stop
 * counting as awake, announce the sleep, then pop once more: the re-check
 * is a real pop, not a look at the queue size, so that a push that has
 * claimed a cell but not yet published it does not keep us up (its
 * submitter will see us and wake us). The lookout skips the pop while a
 * regular worker is awake (that one will take the job; a submitter wakes
 * the lookout only when no regular worker is awake or asleep elsewhere).
 * Returns a job if one was taken, else NULL (woken, or to re-check).
 */
static void *
pool_sleep(struct pool *p, struct pool_thread *t)
{
    bool prio = t->prio, look = pool_take_lookout(p, t);
    struct evc *e = look ? &p->look_evc : prio ? &p->prio_evc
                                               : &p->reg_evc;
    void *job = NULL;
    uint32_t key;

    pool_awake(p, prio, -1);
    key = evc_prepare(e);
    /* after announcing ourselves (evc.h): a job, a lowered limit or
     * shutdown is seen here, or the thread that caused it wakes us */
    if (!look || pool_awake_now(p, false) == 0)
        job = pool_take(p, t);
    if (job || pool_drained(p, prio) ||
        pool_n(p, prio) > pool_load_limit(prio ? &p->prio_limit
                                               : &p->max_workers))
        evc_cancel(e);
    else if (look)
        evc_wait_for(e, key, POOL_TICK_NS);
    else
        evc_wait(e, key);
    pool_awake(p, prio, 1);
    if (job)
        pool_drop_lookout(p, t);
    else if (look)
        job = pool_lookout_tick(p, t);
    else
        pool_answer_call(p, t);
    return job;
}

/*
 * Workers run under SCHED_BATCH (same priority, no privilege needed): a
 * woken worker does not preempt the thread that woke it, it takes another
 * CPU or waits until the waker blocks. The reactor then finishes its pass
 * (reading more calls for the same worker) instead of being switched out
 * for every wake. Measured on 2 CPUs: 16 connections x 1 call, 20-30%
 * more calls/s and a third less CPU and half the context switches per
 * call. Failure (a seccomp filter, say) only loses that.
 */
static void
pool_thread_policy(void)
{
    struct sched_param sp = { .sched_priority = 0 };

    pthread_setschedparam(pthread_self(), SCHED_BATCH, &sp);
}

static void *
pool_worker_main(void *arg)
{
    struct pool_thread *t = arg;
    struct pool *p = t->pool;
    bool counted;
    void *job;

    pthread_setname_np(pthread_self(), t->name);
    pool_thread_policy();
    for (;;) {
        if (t->held_next == t->held_n && pool_retire(p, t->prio))
            break;
        /* the lookout takes jobs only when no one else would */
        counted = false;
        job = t->lookout ? NULL : pool_take_next(p, t, &counted);
        if (!job && pool_drained(p, t->prio))
            break;
        if (!job && !t->lookout)
            job = pool_spin(p, t);
        if (!job)
            job = pool_sleep(p, t);
        if (job)
            pool_run(p, t, job, counted);
    }
    pool_drop_lookout(p, t);
    pool_awake(p, t->prio, -1);
    pthread_mutex_lock(&p->lock);
    t->exited = true;
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

/* -- API ------------------------------------------------------------------- */

void
pool_job_done(void)
{
    if (run_pool)
        atomic_fetch_add_explicit(&run_pool->slack, 1, memory_order_relaxed);
    run_pool = NULL;
}

static bool
pool_limits_valid(const struct pool_limits *lim)
{
    /* max == 0 would stop the regular set; pools are created with max > 0,
     * so it is always the zero/non-zero switch pool_set_limits refuses */
    return lim && lim->min_workers <= lim->max_workers &&
           lim->max_workers > 0;
}

static struct pool *
pool_alloc(const char *name, size_t queue_cap)
{
    size_t size = (sizeof(struct pool) + 63) & ~(size_t)63;
    struct pool *p = aligned_alloc(64, size);

    if (!p)
        return NULL;
    memset(p, 0, size);
    snprintf(p->name, sizeof(p->name), "%s", name ? name : "pool");
    if (sysconf(_SC_NPROCESSORS_ONLN) > POOL_SPIN_MIN_CPUS)
        atomic_init(&p->spin_ns, POOL_SPIN_NS);
    evc_init(&p->reg_evc);
    evc_init(&p->prio_evc);
    evc_init(&p->look_evc);
    p->reg_q = mpmc_new(queue_cap);
    p->prio_q = mpmc_new(queue_cap);
    if (!p->reg_q || !p->prio_q || pthread_mutex_init(&p->lock, NULL)) {
        mpmc_free(p->reg_q);
        mpmc_free(p->prio_q);
        free(p);
        return NULL;
    }
    return p;
}

struct pool *
pool_new(const char *name, const struct pool_limits *lim, size_t queue_cap,
         pool_job_fn *fn, void *opaque)
{
    struct pool *p;
    int rc;

    if (!pool_limits_valid(lim) || !fn || queue_cap == 0) {
        errno = EINVAL;
        return NULL;
    }
    p = pool_alloc(name, queue_cap);
    if (!p)
        return NULL;
    p->fn = fn;
    p->opaque = opaque;
    pool_store_limits(p, lim);
    pthread_mutex_lock(&p->lock);
    rc = pool_fill_locked(p);
    pthread_mutex_unlock(&p->lock);
    if (rc < 0) {
        pool_free(p);
        errno = -rc;
        return NULL;
    }
    return p;
}

/*
 * Growth on submit (DESIGN.md rule 4). @before is slack before this job:
 * idle regular workers minus queued jobs, signed. A spawn failure is only
 * an error when no thread exists that could ever run the job.
 */
static int
pool_grow(struct pool *p, long before, bool prio)
{
    int rc = 0;

    if (before > 0 ||
        pool_n(p, false) >= pool_load_limit(&p->max_workers))
        return 0;
    pthread_mutex_lock(&p->lock);
    if (!atomic_load_explicit(&p->quit, memory_order_relaxed) &&
        pool_n(p, false) < pool_load_limit(&p->max_workers))
        rc = pool_spawn_locked(p, false);
    pthread_mutex_unlock(&p->lock);
    if (rc < 0 && (pool_n(p, false) > 0 || (prio && pool_n(p, true) > 0)))
        rc = 0;
    return rc;
}

/*
 * After a push: read the awake count of a set with a seq_cst RMW. A
 * worker that stops counting itself awake (relaxed RMW) then passes
 * evc_prepare()'s seq_cst fence before its last pop: if its decrement
 * comes after ours in the counter's order, our RMW (release) is read by
 * it and synchronizes with that fence, so the pop sees our push; if
 * before, we see it gone.
 */
static unsigned
pool_awake_sync(struct pool *p, bool prio)
{
    return atomic_fetch_add_explicit(&p->awake[prio], 0,
                                     memory_order_seq_cst);
}

/*
 * After a push: wake a worker unless one of the job's set is awake (it
 * looks at the queue before it sleeps). A priority job wakes a priority
 * worker; with none in the set, a regular one; the lookout only when no
 * other regular worker sleeps.
 */
static void
pool_wake_for(struct pool *p, bool prio)
{
    if (prio && pool_n(p, true) > 0 &&
        (pool_awake_sync(p, true) > 0 || evc_wake_first(&p->prio_evc)))
        return;
    if (pool_awake_sync(p, false) > 0)
        pool_call_lookout(p);   /* the job may wait behind busy workers */
    else if (!evc_wake_first(&p->reg_evc))
        evc_wake_first(&p->look_evc);
}

int
pool_submit(struct pool *p, void *job, bool prio)
{
    long before;
    int rc;

    /* seq_cst: pairs with pool_free's store; a job running on a worker
     * that passes this check is counted in @running (pool_drained) */
    if (atomic_load_explicit(&p->quit, memory_order_seq_cst))
        return -ESHUTDOWN;
    before = atomic_fetch_sub_explicit(&p->slack, 1, memory_order_relaxed);
    rc = pool_grow(p, before, prio);
    if (rc == 0)
        rc = mpmc_push(prio ? p->prio_q : p->reg_q, job);
    if (rc < 0) {
        atomic_fetch_add_explicit(&p->slack, 1, memory_order_relaxed);
        return rc;
    }
    pool_wake_for(p, prio);
    return 0;
}

int
pool_set_limits(struct pool *p, const struct pool_limits *lim)
{
    struct pool_limits old;
    struct pool_thread *gone;
    int rc = 0;

    if (!pool_limits_valid(lim))
        return -EINVAL;
    pthread_mutex_lock(&p->lock);
    if (atomic_load_explicit(&p->quit, memory_order_relaxed)) {
        rc = -ESHUTDOWN;
    } else {
        old.min_workers = pool_load_limit(&p->min_workers);
        old.max_workers = pool_load_limit(&p->max_workers);
        old.prio_workers = pool_load_limit(&p->prio_limit);
        pool_store_limits(p, lim);
        rc = pool_fill_locked(p);
        if (rc < 0)
            pool_store_limits(p, &old);
    }
    gone = pool_unlink_locked(p, false);
    pthread_mutex_unlock(&p->lock);
    /* surplus workers re-check the limits and leave */
    pool_wake_all(p);
    pool_join_list(gone);
    return rc;
}

void
pool_set_spin(struct pool *p, unsigned spin_ns)
{
    atomic_store_explicit(&p->spin_ns, spin_ns, memory_order_relaxed);
}

void
pool_get_stats(struct pool *p, struct pool_stats *st)
{
    size_t depth = mpmc_size(p->reg_q) + mpmc_size(p->prio_q);
    long idle = atomic_load_explicit(&p->slack, memory_order_relaxed);
    unsigned n = pool_n(p, false);

    idle += (long)depth;
    st->min_workers = pool_load_limit(&p->min_workers);
    st->max_workers = pool_load_limit(&p->max_workers);
    st->n_workers = n;
    st->free_workers = idle < 0 ? 0 : idle > (long)n ? n : (unsigned)idle;
    st->prio_workers = pool_n(p, true);
    st->job_queue_depth = (unsigned)depth;
    st->batches = atomic_load_explicit(&p->batches, memory_order_relaxed);
}

void
pool_free(struct pool *p)
{
    struct pool_thread *all;

    if (!p)
        return;
    pthread_mutex_lock(&p->lock);
    /* seq_cst: pairs with the loads in pool_submit and pool_drained */
    atomic_store_explicit(&p->quit, true, memory_order_seq_cst);
    all = pool_unlink_locked(p, true);
    pthread_mutex_unlock(&p->lock);
    pool_wake_all(p);
    pool_join_list(all);
    pthread_mutex_destroy(&p->lock);
    mpmc_free(p->reg_q);
    mpmc_free(p->prio_q);
    free(p);
}
