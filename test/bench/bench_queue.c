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
 * Each point is the median of RUNS runs. Then the pool itself: jobs/s
 * through pool_submit -> worker, streamed and in ping-pong.
 * The last line is "ratio 4x4: N.NN" (MPMC ops/s / mutex ops/s).
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

static const struct queue_ops lf_ops = { "mpmc", lf_push, lf_pop };
static const struct queue_ops mq_ops = { "mutex", mq_push, mq_pop };

/* -- one run ----------------------------------------------------------------- */

struct run {
    const struct queue_ops *ops;
    void *q;
    unsigned per_producer;
    pthread_barrier_t start;
};

static void *
producer_main(void *arg)
{
    struct run *r = arg;
    uintptr_t i;

    pthread_barrier_wait(&r->start);
    for (i = 1; i <= r->per_producer; i++)
        r->ops->push(r->q, (void *)i);
    return NULL;
}

static void *
consumer_main(void *arg)
{
    struct run *r = arg;
    uintptr_t sum = 0;
    void *item;

    pthread_barrier_wait(&r->start);
    while ((item = r->ops->pop(r->q)) != STOP)
        sum += (uintptr_t)item;
    return (void *)sum;
}

/* Ops/s of one run; every item's value is checked through the sum. */
static double
run_once(const struct queue_ops *ops, void *q, unsigned np, unsigned nc)
{
    struct run r = { .ops = ops, .q = q, .per_producer = ITEMS / np };
    pthread_t prod[MAX_SIDE], cons[MAX_SIDE];
    uintptr_t sum = 0, want;
    double t0;
    unsigned i;

    pthread_barrier_init(&r.start, NULL, np + nc + 1);
    for (i = 0; i < nc; i++)
        pthread_create(&cons[i], NULL, consumer_main, &r);
    for (i = 0; i < np; i++)
        pthread_create(&prod[i], NULL, producer_main, &r);
    pthread_barrier_wait(&r.start);
    t0 = now_s();
    for (i = 0; i < np; i++)
        pthread_join(prod[i], NULL);
    for (i = 0; i < nc; i++)    /* all items are ahead of the stops */
        ops->push(q, STOP);
    for (i = 0; i < nc; i++) {
        void *part;

        pthread_join(cons[i], &part);
        sum += (uintptr_t)part;
    }
    t0 = now_s() - t0;
    pthread_barrier_destroy(&r.start);
    want = (uintptr_t)np * r.per_producer * (r.per_producer + 1) / 2;
    if (sum != want) {
        fprintf(stderr, "%s %ux%u: checksum %lu, want %lu\n", ops->name, np,
                nc, (unsigned long)sum, (unsigned long)want);
        exit(1);
    }
    return (double)np * r.per_producer / t0;
}

/* The machine's load average, to judge how far other work skewed a run. */
static void
print_load(const char *when)
{
    char buf[128] = "?";
    FILE *f = fopen("/proc/loadavg", "r");

    if (f) {
        if (!fgets(buf, sizeof(buf), f))
            buf[0] = 0;
        fclose(f);
    }
    buf[strcspn(buf, "\n")] = 0;
    printf("load average %s: %s\n", when, buf);
}

static int
cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return (x > y) - (x < y);
}

static double
median(double *v)
{
    qsort(v, RUNS, sizeof(v[0]), cmp_double);
    return v[RUNS / 2];
}

/*
 * Median ops/s of each queue at n x n. The runs alternate between the two
 * queues (and which goes first) so that a burst of load from elsewhere on
 * the machine hits both alike.
 */
static void
measure(struct lf_queue *lf, struct mutex_queue *mq, unsigned n,
        double *lf_ops_s, double *mq_ops_s)
{
    double a[RUNS], b[RUNS];
    int i;

    for (i = 0; i < RUNS; i++) {
        if (i % 2)
            b[i] = run_once(&mq_ops, mq, n, n);
        a[i] = run_once(&lf_ops, lf, n, n);
        if (!(i % 2))
            b[i] = run_once(&mq_ops, mq, n, n);
    }
    *lf_ops_s = median(a);
    *mq_ops_s = median(b);
}

/* -- the pool's own hot path ------------------------------------------------- */

static void
count_job(void *job, void *opaque)
{
    (void)job;
    atomic_fetch_add_explicit((_Atomic unsigned *)opaque, 1,
                              memory_order_release);
}

static double
pool_rate(unsigned workers, bool ping)
{
    struct pool_limits lim = { workers, workers, 0 };
    _Atomic unsigned done = 0;
    struct pool *p = pool_new("bench", &lim, QUEUE_CAP, count_job,
                              (void *)&done);
    unsigned n = ping ? PINGS : POOL_JOBS, i;
    double t0 = now_s();

    if (!p) {
        perror("pool_new");
        exit(1);
    }
    for (i = 0; i < n; i++) {
        while (pool_submit(p, &done, false) == -EAGAIN)
            sched_yield();
        while (ping && atomic_load_explicit(&done, memory_order_acquire) <=
                       i)
            evc_relax();
    }
    pool_free(p);               /* drains: every job has run */
    t0 = now_s() - t0;
    return n / t0;
}

int
main(void)
{
    static const unsigned shapes[] = { 1, 2, 4, 8 };
    struct mutex_queue *mq = calloc(1, sizeof(*mq));
    struct lf_queue lf = { .q = mpmc_new(QUEUE_CAP) };
    double ratio4 = 0;
    unsigned i;

    if (!mq || !lf.q)
        return 1;
    pthread_mutex_init(&mq->lock, NULL);
    pthread_cond_init(&mq->not_empty, NULL);
    pthread_cond_init(&mq->not_full, NULL);
    evc_init(&lf.not_empty);
    evc_init(&lf.not_full);
    setvbuf(stdout, NULL, _IOLBF, 0);
    printf("queue capacity %d, %u items per run, median of %d runs, "
           "%ld CPUs online\n", QUEUE_CAP, ITEMS, RUNS,
           sysconf(_SC_NPROCESSORS_ONLN));
    print_load("before");
    printf("%-6s %14s %14s %7s\n", "PxC", "mpmc ops/s", "mutex ops/s",
           "ratio");
    run_once(&lf_ops, &lf, 2, 2);       /* warm-up */
    for (i = 0; i < sizeof(shapes) / sizeof(shapes[0]); i++) {
        double a, b;

        measure(&lf, mq, shapes[i], &a, &b);

        printf("%ux%-4u %14.0f %14.0f %7.2f\n", shapes[i], shapes[i], a, b,
               a / b);
        if (shapes[i] == 4)
            ratio4 = a / b;
    }
    printf("pool 1 submitter -> 2 workers, streamed: %.0f jobs/s\n",
           pool_rate(2, false));
    printf("pool 1 submitter -> 2 workers, ping-pong: %.0f jobs/s\n",
           pool_rate(2, true));
    print_load("after");
    printf("ratio 4x4: %.2f\n", ratio4);
    return 0;
}
