/*
 * pool.h: the two worker sets of one server (DESIGN.md rules 3-4).
 *
 * Jobs are opaque pointers run by the pool's job function. Priority jobs go
 * to the priority queue; regular jobs to the regular queue.
 *   - priority workers (exactly prio_workers threads) take only priority jobs;
 *   - regular workers take regular jobs and, when there are none, priority
 *     jobs (so with prio_workers = 0 priority jobs still run).
 * Regular workers start at min_workers. On submit, when no regular worker is
 * idle for the new job (idle <= queued jobs, counted before the new one,
 * signed arithmetic) and n_workers < max_workers, one regular worker is
 * spawned (on the submitting thread). Queued jobs are those of both queues
 * (libvirt's jobQueueDepth), so a priority job can grow the regular set
 * too. Workers never exit on their own; lowering max_workers makes
 * surplus workers exit as they become idle; lowering prio_workers likewise.
 *
 * Waking. A submit wakes a sleeping worker only when no worker of the
 * job's set is awake (a priority one for a priority job, else a regular
 * one), and never a second one while the first is on its way: an awake
 * worker looks at the queue again before it sleeps, so a burst of fast
 * jobs is run by the one worker that is up, with no wake per job. One
 * worker at a time spins (50 us; only with more than 2 CPUs online) when
 * it finds the queues empty, the others sleep on a futex at once; no
 * wake-up is lost (evc.h). A job must
 * not wait behind a slow one while workers sleep: one sleeping regular
 * worker, the lookout, wakes every millisecond while jobs from the
 * regular queue run (or jobs wait that only regular workers would take)
 * and takes a job from a queue that made no progress since its last look
 * (or keeps growing past 64 jobs), so such a job waits 1-2 ms at the most
 * while any worker is free; the lookout stands down after 100 quiet ms.
 * Priority jobs never block, whichever worker runs them, so they keep no
 * lookout awake.
 *
 * Batches. A priority worker that finds 16 or more priority jobs queued
 * takes up to 8 of them with one claim (mpmc_pop_batch) and runs them in
 * order; priority calls never block, so none waits long behind another.
 * Regular workers take one job at a time, so that every queued regular job
 * stays in reach of the other workers and of the lookout. Jobs held in a
 * batch count as running (pool_free waits for them) and a worker holding
 * some does not retire before it has run them.
 *
 * Threads are named "<name>-w<N>" (regular) and "<name>-p<N>" (priority),
 * visible in /proc/<pid>/task/<tid>/comm; they block all signals and run
 * under SCHED_BATCH (a woken worker does not preempt its waker).
 *
 * Synchronization table:
 *   pool_submit          any thread, concurrently with everything but
 *                        pool_free
 *   pool_set_limits      any thread; serialized internally; concurrently
 *                        with pool_free only from a job
 *   pool_get_stats       any thread; exact when quiescent
 *   pool_set_spin        any thread
 *   pool_new/pool_free   one thread; pool_free after the last submit from
 *                        outside the pool, never from a job (it joins
 *                        the workers). Jobs may submit while pool_free
 *                        drains: they get 0 (the job will run) or
 *                        -ESHUTDOWN.
 */
#ifndef VIRTD_POOL_POOL_H
#define VIRTD_POOL_POOL_H

#include <stdbool.h>
#include <stddef.h>

/* Runs on a worker thread. @job is what was submitted. */
typedef void pool_job_fn(void *job, void *opaque);

struct pool_limits {
    unsigned min_workers;
    unsigned max_workers;
    unsigned prio_workers;
};

struct pool_stats {
    unsigned min_workers;
    unsigned max_workers;
    unsigned n_workers;        /* regular workers alive */
    unsigned free_workers;     /* regular workers idle, waiting for a job */
    unsigned prio_workers;     /* priority workers alive */
    unsigned job_queue_depth;  /* jobs queued, not yet taken */
    unsigned long batches;     /* priority batches taken so far */
};

struct pool;

/*
 * Start the pool: min_workers regular and prio_workers priority threads.
 * @queue_cap bounds each queue (rounded up to a power of two). Returns
 * NULL with errno set (EINVAL when min > max, max == 0 or queue_cap == 0,
 * ENOMEM, or the pthread_create error).
 */
struct pool *pool_new(const char *name, const struct pool_limits *lim,
                      size_t queue_cap, pool_job_fn *fn, void *opaque);

/*
 * Queue @job (not NULL: -EINVAL). 0, or -EAGAIN when that queue is full
 * (the job was not queued and will not run; the caller answers "busy"),
 * or -ESHUTDOWN once pool_free() has begun, or -errno when a worker had
 * to be started for the job, could not be, and no thread exists that
 * could run it. Never blocks, except to start a worker.
 */
int pool_submit(struct pool *p, void *job, bool prio);

/*
 * Change the limits. -EINVAL (nothing changed) when min > max, or when max
 * would switch between zero and non-zero (pools always have max > 0, so
 * max == 0 is refused). Raising min spawns the missing regular workers at
 * once; raising prio spawns priority workers; raising max spawns regular
 * workers for jobs already queued that no idle worker will take; lowering
 * max or prio makes surplus idle workers exit (busy ones exit when their
 * job ends). 0, or -errno if a thread could not be created (old limits
 * restored; threads already started stay while within them), or
 * -ESHUTDOWN once pool_free() has begun. Also joins retired workers.
 */
int pool_set_limits(struct pool *p, const struct pool_limits *lim);

void pool_get_stats(struct pool *p, struct pool_stats *st);

/*
 * Called by a job function, on its worker, when its work is done but
 * before it hands the result on: the worker counts as free from here on,
 * so whoever acts on the result (a client sending its next call, an admin
 * reading free_workers) already sees it free. Otherwise the pool does it
 * when the function returns. No-op on priority workers, outside a worker,
 * and when called twice.
 */
void pool_job_done(void);

/*
 * How long an idle worker spins before it sleeps, in ns (0: never). The
 * default is 50 us with more than 2 CPUs online, else 0 (see pool.c).
 */
void pool_set_spin(struct pool *p, unsigned spin_ns);

/*
 * Stop: no new jobs are accepted; jobs already queued are still run; then
 * every thread is joined and the pool freed. NULL-safe.
 */
void pool_free(struct pool *p);

#endif
