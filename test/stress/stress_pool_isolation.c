/*
 * stress_pool_isolation.c: with every regular worker blocked (the set at
 * max, more regular jobs queued behind them), priority jobs still complete
 * promptly, on priority workers, from several submitting threads; the
 * blocked regular jobs all run once released.
 */
#include <errno.h>
#include <sched.h>
#include <stdatomic.h>

#include "pool/pool.h"
#include "test/stress/stress.h"

#define SUBMITTERS 3
#define PRIO_JOBS 3200          /* per submitter, a multiple of BURST */
#define BURST 16
#define BURST_LIMIT_MS 500      /* generous: TSan slows everything ~10x */

struct ctx {
    struct stress_gate gate;
    _Atomic unsigned blocked;   /* regular jobs started */
    _Atomic unsigned regular_done;
    _Atomic unsigned prio_done;
    _Atomic unsigned prio_on_regular;
};

struct job {
    bool prio;
    _Atomic unsigned done;      /* priority jobs of one submitter */
};

static struct job regular_job = { .prio = false };

static void
job_fn(void *job, void *opaque)
{
    struct ctx *c = opaque;
    struct job *j = job;

    if (j->prio) {
        if (!stress_thread_is("-p"))
            atomic_fetch_add(&c->prio_on_regular, 1);
        atomic_fetch_add(&c->prio_done, 1);
        atomic_fetch_add(&j->done, 1);
        return;
    }
    atomic_fetch_add(&c->blocked, 1);
    stress_gate_pass(&c->gate);
    atomic_fetch_add(&c->regular_done, 1);
}

struct submitter {
    struct pool *pool;
    struct ctx *ctx;
    pthread_t tid;
    struct job job;             /* every job of this submitter */
    uint64_t worst_ns;
};

/* Submit bursts of priority jobs; each burst must complete within
 * BURST_LIMIT_MS. */
static void *
submitter_main(void *arg)
{
    struct submitter *s = arg;
    unsigned sent, i;

    for (sent = 0; sent < PRIO_JOBS; sent += BURST) {
        uint64_t t0 = stress_now_ns(), dt;

        for (i = 0; i < BURST; i++)
            while (pool_submit(s->pool, &s->job, true) == -EAGAIN)
                sched_yield();
        while (atomic_load(&s->job.done) < sent + BURST) {
            dt = stress_now_ns() - t0;
            STRESS_CHECK(dt < BURST_LIMIT_MS * 1000000ull,
                         "priority burst stuck for %llu ms",
                         (unsigned long long)(dt / 1000000));
            sched_yield();
        }
        dt = stress_now_ns() - t0;
        if (dt > s->worst_ns)
            s->worst_ns = dt;
    }
    return NULL;
}

static bool
all_blocked(void *arg)
{
    struct ctx *c = arg;

    return atomic_load(&c->blocked) == 4;
}

static void
run(unsigned prio_workers)
{
    struct pool_limits lim = { 2, 4, prio_workers };
    struct submitter subs[SUBMITTERS];
    struct ctx c = { .blocked = 0 };
    struct pool_stats st;
    uint64_t t0, worst = 0;
    struct pool *p;
    unsigned i;

    stress_gate_init(&c.gate);
    p = pool_new("iso", &lim, 128, job_fn, &c);
    STRESS_CHECK(p, "pool_new");
    for (i = 0; i < 10; i++)    /* 4 run and block, 6 wait behind them */
        STRESS_CHECK(pool_submit(p, &regular_job, false) == 0, "submit");
    STRESS_CHECK(stress_wait_for(all_blocked, &c, 5000), "%u blocked",
                 atomic_load(&c.blocked));
    t0 = stress_now_ns();
    for (i = 0; i < SUBMITTERS; i++) {
        subs[i] = (struct submitter){ .pool = p, .ctx = &c };
        subs[i].job.prio = true;
        pthread_create(&subs[i].tid, NULL, submitter_main, &subs[i]);
    }
    for (i = 0; i < SUBMITTERS; i++) {
        pthread_join(subs[i].tid, NULL);
        worst = subs[i].worst_ns > worst ? subs[i].worst_ns : worst;
    }
    pool_get_stats(p, &st);
    STRESS_CHECK(atomic_load(&c.prio_done) == SUBMITTERS * PRIO_JOBS,
                 "%u priority jobs done", atomic_load(&c.prio_done));
    STRESS_CHECK(atomic_load(&c.prio_on_regular) == 0,
                 "%u priority jobs ran on blocked-set workers",
                 atomic_load(&c.prio_on_regular));
    STRESS_CHECK(st.n_workers == 4 && st.job_queue_depth == 6 &&
                 atomic_load(&c.regular_done) == 0,
                 "regular set changed: n %u depth %u", st.n_workers,
                 st.job_queue_depth);
    printf("isolation prio %u: %u priority jobs in %.2f s, worst burst of "
           "%d %.1f ms, %lu batches\n", prio_workers, SUBMITTERS * PRIO_JOBS,
           (stress_now_ns() - t0) / 1e9, BURST, worst / 1e6, st.batches);
    stress_gate_set(&c.gate, true);
    pool_free(p);
    STRESS_CHECK(atomic_load(&c.regular_done) == 10, "%u regular jobs ran",
                 atomic_load(&c.regular_done));
}

int
main(void)
{
    stress_start(60);
    run(1);
    run(2);
    run(5);
    return 0;
}
