/*
 * pool.c: the regular and priority worker sets (see pool.h).
 *
 * Hot path: pool_submit() pushes on a lock-free mpmc queue and wakes one
 * sleeping worker through an event count (evc.h) only if one sleeps; a
 * worker pops, runs, and looks again, spinning briefly before it sleeps.
 * The mutex is taken only to create, retire and join threads and to
 * change the limits; it is never held by a worker running a job, and
 * never together with another lock.
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
 *   priority worker takes a job      +1 (one queued less)
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

#include "pool/evc.h"
#include "pool/mpmc.h"

/* Empty-queue polls before sleeping: a few microseconds, enough to catch
 * the next job of a burst without a futex round trip. */
#define POOL_SPIN 128
#define POOL_COMM 16            /* Linux thread name, NUL included */

struct pool_thread {
    struct pool *pool;          /* immutable */
    struct pool_thread *next;   /* pool->lock */
    pthread_t tid;              /* pool->lock (set at creation) */
    bool prio;                  /* immutable */
    bool exited;                /* pool->lock; the thread is leaving */
    char name[POOL_COMM];       /* immutable */
};

struct pool {
    /* see the accounting above; relaxed RMWs: only the counter's own
     * modification order matters, it publishes nothing */
    _Alignas(64) _Atomic long slack;
    /* jobs being run; seq_cst, pairs with @quit so the last workers do
     * not leave while a running job may still submit (pool_drained) */
    _Alignas(64) _Atomic unsigned running;

    struct evc reg_evc;         /* regular workers sleep here */
    struct evc prio_evc;        /* priority workers sleep here */

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

/* Regular workers prefer regular jobs, then help with priority ones. */
static void *
pool_take(struct pool *p, bool prio)
{
    void *job = NULL;

    if (!prio)
        job = mpmc_pop(p->reg_q);
    if (!job)
        job = mpmc_pop(p->prio_q);
    if (job && prio)
        atomic_fetch_add_explicit(&p->slack, 1, memory_order_relaxed);
    return job;
}

/* The regular worker running on this thread, while its job has not yet
 * been counted as ended (pool_job_done); NULL otherwise. */
static __thread struct pool *run_pool;

static void
pool_run(struct pool *p, bool prio, void *job)
{
    atomic_fetch_add_explicit(&p->running, 1, memory_order_seq_cst);
    run_pool = prio ? NULL : p;
    p->fn(job, p->opaque);
    pool_job_done();
    /* the last job to end during shutdown lets the others leave */
    if (atomic_fetch_sub_explicit(&p->running, 1, memory_order_seq_cst) == 1
        && atomic_load_explicit(&p->quit, memory_order_seq_cst))
        pool_wake_all(p);
}

/*
 * No job was found: try again for a short bounded spin, then sleep until
 * woken. The re-check after announcing the sleep is a real pop, not a
 * look at the queue size: a push that has claimed a cell but not yet
 * published it must not keep us spinning (its submitter may be the very
 * thread we take the CPU from); it will see us and wake us. Returns a job
 * if one was taken, else NULL (woken, or something to re-check).
 */
static void *
pool_idle(struct pool *p, bool prio)
{
    struct evc *e = prio ? &p->prio_evc : &p->reg_evc;
    void *job;
    uint32_t key;
    int i;

    for (i = 0; i < POOL_SPIN; i++) {
        evc_relax();
        job = pool_take(p, prio);
        if (job)
            return job;
    }
    key = evc_prepare(e);
    /* after announcing ourselves (evc.h): a job, a lowered limit or
     * shutdown is seen here, or the thread that caused it wakes us */
    job = pool_take(p, prio);
    if (job || pool_drained(p, prio) ||
        pool_n(p, prio) > pool_load_limit(prio ? &p->prio_limit
                                               : &p->max_workers)) {
        evc_cancel(e);
        return job;
    }
    evc_wait(e, key);
    return NULL;
}

static void *
pool_worker_main(void *arg)
{
    struct pool_thread *t = arg;
    struct pool *p = t->pool;
    void *job;

    pthread_setname_np(pthread_self(), t->name);
    for (;;) {
        if (pool_retire(p, t->prio))
            break;
        job = pool_take(p, t->prio);
        if (!job && pool_drained(p, t->prio))
            break;
        if (!job)
            job = pool_idle(p, t->prio);
        if (job)
            pool_run(p, t->prio, job);
    }
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
    evc_init(&p->reg_evc);
    evc_init(&p->prio_evc);
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
    /* a priority job wakes a priority worker, else a regular one */
    if (!prio || !evc_wake_one(&p->prio_evc))
        evc_wake_one(&p->reg_evc);
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
