/*
 * bench_queue.c: the MPMC queue against a mutex+condvar queue (libvirt's
 * virthreadpool design: one mutex, a condition signalled per job, idle
 * consumers in pthread_cond_wait), at 1x1, 2x2, 4x4 and 8x8 producers x
 * consumers. Both queues hold QUEUE_CAP items; one op is one item pushed
 * by a producer and popped by a consumer.
 *
 * The MPMC side is used the way the pool uses it: consumers spin briefly
 * on an empty queue, then sleep on an event count (evc.h), and producers
 * wake one sleeper per item only if one sleeps. The mutex side is used the
 * way libvirt uses it. On a full queue a producer waits the same way (a
 * second event count, a second condition); the pool answers "busy"
 * instead, but a benchmark must not drop items.
 *
 * Each point is run RUNS times per queue; the table shows the best run of
 * each (the one least disturbed by other work on the machine) and the
 * medians. Then the pool itself: jobs/s through pool_submit -> worker,
 * streamed and in ping-pong, and how busy the rest of the machine was.
 * The last line is "ratio 4x4: N.NN", median MPMC ops/s / median mutex
 * ops/s (the more conservative of the two).
 */
#include <errno.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <pthread.h>
#include <sys/resource.h>

#include "pool/evc.h"
#include "pool/mpmc.h"
#include "pool/pool.h"

#define QUEUE_CAP 1024
#define ITEMS 500000u
#define RUNS 9
#ifndef SPIN
#define SPIN 128                /* as the pool's workers */
#endif
#define MAX_SIDE 8
#define POOL_JOBS 1000000u
#define PINGS 50000u

static void *const STOP = (void *)(uintptr_t)-1;

static double
now_s(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* -- the two queues behind one interface ----------------------------------- */

struct mutex_queue {
    pthread_mutex_t lock;
    pthread_cond_t not_empty;
    pthread_cond_t not_full;
    void *ring[QUEUE_CAP];      /* lock */
    size_t head, count;         /* lock */
};

struct lf_queue {
    struct mpmc *q;
    struct evc not_empty;       /* consumers sleep here */
    struct evc not_full;        /* producers sleep here */
};

struct queue_ops {
    const char *name;
    void (*push)(void *q, void *item);
    void *(*pop)(void *q);
    void (*put_back)(void *q);  /* a consumer leaving: what it still holds */
};

static void
mq_push(void *arg, void *item)
{
    struct mutex_queue *m = arg;

    pthread_mutex_lock(&m->lock);
    while (m->count == QUEUE_CAP)
        pthread_cond_wait(&m->not_full, &m->lock);
    m->ring[(m->head + m->count++) % QUEUE_CAP] = item;
    pthread_cond_signal(&m->not_empty);
    pthread_mutex_unlock(&m->lock);
}

static void *
mq_pop(void *arg)
{
    struct mutex_queue *m = arg;
    void *item;

    pthread_mutex_lock(&m->lock);
    while (m->count == 0)
        pthread_cond_wait(&m->not_empty, &m->lock);
    item = m->ring[m->head];
    m->head = (m->head + 1) % QUEUE_CAP;
    m->count--;
    pthread_cond_signal(&m->not_full);
    pthread_mutex_unlock(&m->lock);
    return item;
}

static void *
lf_try_pop(struct lf_queue *l, void *unused)
{
    (void)unused;
    return mpmc_pop(l->q);
}

static void *
lf_try_push(struct lf_queue *l, void *item)
{
    return mpmc_push(l->q, item) == 0 ? item : NULL;
}

/*
 * Retry @op until it succeeds: a short spin, then sleep on @e between
 * tries, as the pool's workers do. The try after evc_prepare() is the
 * re-check that makes the sleep safe.
 */
static void *
lf_until(struct lf_queue *l, struct evc *e,
         void *(*op)(struct lf_queue *, void *), void *arg)
{
    for (;;) {
        uint32_t key;
        void *done;
        int i;

        for (i = 0; i < SPIN; i++) {
            done = op(l, arg);
            if (done)
                return done;
            evc_relax();
        }
        key = evc_prepare(e);
        done = op(l, arg);
        if (done) {
            evc_cancel(e);
            return done;
        }
        evc_wait(e, key);
    }
}

static void
lf_push(void *arg, void *item)
{
    struct lf_queue *l = arg;

    lf_until(l, &l->not_full, lf_try_push, item);
    evc_wake_one(&l->not_empty);
}

static void *
lf_pop(void *arg)
{
    struct lf_queue *l = arg;
    void *item = lf_until(l, &l->not_empty, lf_try_pop, NULL);

    evc_wake_one(&l->not_full);
    return item;
}

/*
 * Batch pops (mpmc_pop_batch, up to BATCH items with one claim): a
 * consumer keeps what it took and hands it out one by one, as the pool's
 * priority workers do with a deep queue; one wake per batch for the
 * producers. A consumer that leaves at its stop puts back the rest of
 * its batch (only stops follow the last item, so the other consumers
 * get theirs).
 */
#define BATCH 8
static __thread void *held[BATCH];
static __thread size_t held_n, held_next;

static void *
lf_try_pop_batch(struct lf_queue *l, void *unused)
{
    (void)unused;
    held_n = mpmc_pop_batch(l->q, held, BATCH);
    held_next = 0;
    return held_n ? held[held_next++] : NULL;
}

static void *
lfb_pop(void *arg)
{
    struct lf_queue *l = arg;
    void *item;

    if (held_next < held_n)
        return held[held_next++];
    item = lf_until(l, &l->not_empty, lf_try_pop_batch, NULL);
    evc_wake_one(&l->not_full);
    return item;
}

static void
lfb_put_back(void *arg)
{
    while (held_next < held_n)
        lf_push(arg, held[held_next++]);
}

static const struct queue_ops lf_ops = { "mpmc", lf_push, lf_pop, NULL };
static const struct queue_ops lfb_ops = { "mpmc-batch", lf_push, lfb_pop,
                                          lfb_put_back };
static const struct queue_ops mq_ops = { "mutex", mq_push, mq_pop, NULL };

/* -- one run --------------------------------------------------------------- */

struct run {
    const struct queue_ops *ops;
    void *q;
    unsigned per_producer;
    unsigned consumers;
    _Atomic unsigned producers_left;    /* the last one pushes the stops */
    pthread_barrier_t start;
};

/*
 * One thread of a run. Each notes when it passed the start barrier and
 * (consumers) when it got its stop: the run's time is taken from these,
 * not from the main thread, which may not even be running when the
 * others start (16 threads on 2 CPUs).
 */
struct side {
    struct run *run;
    pthread_t tid;
    double start, end;
    uintptr_t sum;              /* consumers: of the items popped */
};

static void *
producer_main(void *arg)
{
    struct side *s = arg;
    struct run *r = s->run;
    uintptr_t i;

    pthread_barrier_wait(&r->start);
    s->start = now_s();
    for (i = 1; i <= r->per_producer; i++)
        r->ops->push(r->q, (void *)i);
    /* acq_rel: the last producer's stops go after everyone's items */
    if (atomic_fetch_sub_explicit(&r->producers_left, 1,
                                  memory_order_acq_rel) == 1)
        for (i = 0; i < r->consumers; i++)
            r->ops->push(r->q, STOP);
    return NULL;
}

static void *
consumer_main(void *arg)
{
    struct side *s = arg;
    struct run *r = s->run;
    void *item;

    pthread_barrier_wait(&r->start);
    s->start = now_s();
    while ((item = r->ops->pop(r->q)) != STOP)
        s->sum += (uintptr_t)item;
    s->end = now_s();
    if (r->ops->put_back)
        r->ops->put_back(r->q);
    return NULL;
}

/* Ops/s of one run; every item's value is checked through the sums. */
static double
run_once(const struct queue_ops *ops, void *q, unsigned np, unsigned nc)
{
    struct run r = { .ops = ops, .q = q, .per_producer = ITEMS / np,
                     .consumers = nc };
    struct side sides[2 * MAX_SIDE] = { { 0 } };
    double t0 = 1e300, t1 = 0;
    uintptr_t sum = 0, want;
    unsigned i;

    atomic_init(&r.producers_left, np);
    pthread_barrier_init(&r.start, NULL, np + nc);
    for (i = 0; i < np + nc; i++) {
        sides[i].run = &r;
        pthread_create(&sides[i].tid, NULL,
                       i < nc ? consumer_main : producer_main, &sides[i]);
    }
    for (i = 0; i < np + nc; i++) {
        pthread_join(sides[i].tid, NULL);
        t0 = sides[i].start < t0 ? sides[i].start : t0;
        t1 = sides[i].end > t1 ? sides[i].end : t1;
        sum += sides[i].sum;
    }
    pthread_barrier_destroy(&r.start);
    want = (uintptr_t)np * r.per_producer * (r.per_producer + 1) / 2;
    if (sum != want) {
        fprintf(stderr, "%s %ux%u: checksum %lu, want %lu\n", ops->name, np,
                nc, (unsigned long)sum, (unsigned long)want);
        exit(1);
    }
    return (double)np * r.per_producer / (t1 - t0);
}

/*
 * CPU time of the whole machine (busy jiffies in /proc/stat, steal
 * counted apart) and of this process, to tell how much other work ran
 * beside the benchmark: the results scatter when it does.
 */
struct cpu_use {
    double busy_s;              /* all CPUs, all processes */
    double steal_s;             /* taken by the hypervisor */
    double self_s;              /* this process */
};

static void
cpu_use(struct cpu_use *u)
{
    unsigned long long v[8] = { 0 };
    double hz = (double)sysconf(_SC_CLK_TCK);
    struct rusage ru;
    FILE *f = fopen("/proc/stat", "r");

    if (!f || fscanf(f, "cpu %llu %llu %llu %llu %llu %llu %llu %llu", &v[0],
                     &v[1], &v[2], &v[3], &v[4], &v[5], &v[6], &v[7]) != 8)
        memset(v, 0, sizeof(v));
    if (f)
        fclose(f);
    /* user nice system idle iowait irq softirq steal */
    u->busy_s = (v[0] + v[1] + v[2] + v[5] + v[6]) / hz;
    u->steal_s = v[7] / hz;
    getrusage(RUSAGE_SELF, &ru);
    u->self_s = ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 +
                ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
}

static void
print_other_use(const struct cpu_use *a, const struct cpu_use *b,
                double wall_s)
{
    double other = (b->busy_s - a->busy_s) - (b->self_s - a->self_s);

    printf("other work on the machine meanwhile: %.2f CPUs busy, %.2f "
           "stolen by the host\n", other > 0 ? other / wall_s : 0,
           (b->steal_s - a->steal_s) / wall_s);
}

static int
cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return (x > y) - (x < y);
}

/* Sorts @v: v[RUNS - 1] is the best, v[RUNS / 2] the median. */
static void
sort_runs(double *v)
{
    qsort(v, RUNS, sizeof(v[0]), cmp_double);
}

/*
 * Runs of two queues (or two ways of using one) at @np x @nc, sorted. The
 * runs alternate between the two (and which goes first) so that a burst
 * of load from elsewhere on the machine hits both alike.
 */
static void
measure(const struct queue_ops *oa, void *qa, const struct queue_ops *ob,
        void *qb, unsigned np, unsigned nc, double *a, double *b)
{
    int i;

    for (i = 0; i < RUNS; i++) {
        if (i % 2)
            b[i] = run_once(ob, qb, np, nc);
        a[i] = run_once(oa, qa, np, nc);
        if (!(i % 2))
            b[i] = run_once(ob, qb, np, nc);
    }
    sort_runs(a);
    sort_runs(b);
}

/* Batch pops against single pops on the same queue, @np x @nc; prints
 * the medians. */
static void
batch_row(struct lf_queue *lf, unsigned np, unsigned nc)
{
    double a[RUNS], b[RUNS];

    measure(&lfb_ops, lf, &lf_ops, lf, np, nc, a, b);
    printf("%ux%-3u %13.0f %13.0f %6.2f\n", np, nc, a[RUNS / 2],
           b[RUNS / 2], a[RUNS / 2] / b[RUNS / 2]);
}

/* -- the pool's own hot path ----------------------------------------------- */

/* Jobs done so far; the submitter may sleep on @evc for the next one. */
struct done {
    _Atomic unsigned n;
    struct evc evc;
};

/* A worker's side of a job: count it and wake the submitter if it sleeps
 * (as a worker hands a reply to the reactor). */
static void
count_job(void *job, void *opaque)
{
    struct done *d = opaque;

    (void)job;
    /* release: pairs with the acquire in wait_done() */
    atomic_fetch_add_explicit(&d->n, 1, memory_order_release);
    evc_wake_one(&d->evc);
}

/* The submitter's side of a ping-pong: sleep until @n jobs are done, like
 * a reactor in epoll_wait. */
static void
wait_done(struct done *d, unsigned n)
{
    while (atomic_load_explicit(&d->n, memory_order_acquire) < n) {
        uint32_t key = evc_prepare(&d->evc);

        if (atomic_load_explicit(&d->n, memory_order_acquire) >= n)
            evc_cancel(&d->evc);
        else
            evc_wait(&d->evc, key);
    }
}

/* Jobs/s through pool_submit -> worker: streamed, or one at a time. */
static double
pool_rate(unsigned workers, bool ping)
{
    struct pool_limits lim = { workers, workers, 0 };
    struct done d = { .n = 0 };
    struct pool *p;
    unsigned n = ping ? PINGS : POOL_JOBS, i;
    double t0;

    evc_init(&d.evc);
    p = pool_new("bench", &lim, QUEUE_CAP, count_job, &d);
    if (!p) {
        perror("pool_new");
        exit(1);
    }
    t0 = now_s();
    for (i = 0; i < n; i++) {
        while (pool_submit(p, &d, false) == -EAGAIN)
            sched_yield();
        if (ping)
            wait_done(&d, i + 1);
    }
    pool_free(p);               /* drains: every job has run */
    t0 = now_s() - t0;
    return n / t0;
}

/* The table; returns the ratio of the medians at 4x4. */
static double
queue_table(struct lf_queue *lf, struct mutex_queue *mq)
{
    static const unsigned shapes[] = { 1, 2, 4, 8 };
    double a[RUNS], b[RUNS], ratio4 = 0;
    unsigned i;

    printf("%-5s %33s %33s\n", "", "best of runs", "median of runs");
    printf("%-5s %13s %13s %6s %13s %13s %6s\n", "PxC", "mpmc ops/s",
           "mutex ops/s", "ratio", "mpmc ops/s", "mutex ops/s", "ratio");
    run_once(&lf_ops, lf, 2, 2);        /* warm-up */
    for (i = 0; i < sizeof(shapes) / sizeof(shapes[0]); i++) {
        double best;

        measure(&lf_ops, lf, &mq_ops, mq, shapes[i], shapes[i], a, b);
        best = a[RUNS - 1] / b[RUNS - 1];
        printf("%ux%-3u %13.0f %13.0f %6.2f %13.0f %13.0f %6.2f\n",
               shapes[i], shapes[i], a[RUNS - 1], b[RUNS - 1], best,
               a[RUNS / 2], b[RUNS / 2], a[RUNS / 2] / b[RUNS / 2]);
        if (shapes[i] == 4)
            ratio4 = a[RUNS / 2] / b[RUNS / 2];
    }
    return ratio4;
}

int
main(void)
{
    struct mutex_queue *mq = calloc(1, sizeof(*mq));
    struct lf_queue lf = { .q = mpmc_new(QUEUE_CAP) };
    struct cpu_use u0, u1;
    double t0, ratio4;

    if (!mq || !lf.q)
        return 1;
    pthread_mutex_init(&mq->lock, NULL);
    pthread_cond_init(&mq->not_empty, NULL);
    pthread_cond_init(&mq->not_full, NULL);
    evc_init(&lf.not_empty);
    evc_init(&lf.not_full);
    setvbuf(stdout, NULL, _IOLBF, 0);
    printf("queue capacity %d, %u items per run, %d runs per point, "
           "%ld CPUs online\n", QUEUE_CAP, ITEMS, RUNS,
           sysconf(_SC_NPROCESSORS_ONLN));
    cpu_use(&u0);
    t0 = now_s();
    ratio4 = queue_table(&lf, mq);
    printf("mpmc, batch pops (up to %d) against single pops, median of "
           "runs\n%-5s %13s %13s %6s\n", BATCH, "PxC", "batch ops/s",
           "single ops/s", "ratio");
    batch_row(&lf, 1, 1);
    batch_row(&lf, 1, 4);
    batch_row(&lf, 4, 4);
    printf("pool 1 submitter -> 2 workers, streamed: %.0f jobs/s\n",
           pool_rate(2, false));
    printf("pool 1 submitter -> 2 workers, ping-pong (submitter sleeps "
           "between jobs): %.0f jobs/s\n",
           pool_rate(2, true));
    cpu_use(&u1);
    print_other_use(&u0, &u1, now_s() - t0);
    printf("ratio 4x4: %.2f\n", ratio4);
    return 0;
}
