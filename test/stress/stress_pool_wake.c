/*
 * stress_pool_wake.c: no lost wake-ups. Submitters play ping-pong with a
 * small pool: submit one job, wait until it has run, repeat, with random
 * pauses so that submits land at every point of a worker's way to sleep
 * (running, spinning, announcing itself, in the kernel). A wake-up lost
 * even once leaves a job queued with every worker asleep: the job does
 * not run within WAIT_LIMIT_MS and the program fails.
 */
#include <errno.h>
#include <sched.h>
#include <stdatomic.h>

#include "pool/pool.h"
#include "test/stress/stress.h"

#define MAX_SUBMITTERS 2
#define ROUNDS 8000             /* per submitter and case */
#define WAIT_LIMIT_MS 2000

struct job {
    bool prio;
    _Atomic unsigned done;
};

struct submitter {
    struct pool *pool;
    pthread_t tid;
    unsigned seed;
    int prio_mode;              /* 0 regular, 1 priority, 2 mixed */
    struct job job;
};

static void
job_fn(void *job, void *opaque)
{
    struct job *j = job;

    (void)opaque;
    atomic_fetch_add_explicit(&j->done, 1, memory_order_release);
}

/* Busy pause of 0 to 3, 20 or 60 us: around the time a worker spins
 * before it sleeps (when it spins: 20 us in the second run of cases). */
static void
random_pause(unsigned *seed)
{
    static const unsigned range_ns[] = { 3000, 20000, 60000 };
    unsigned r = rand_r(seed);
    uint64_t ns = r % range_ns[r % 3];
    uint64_t end = stress_now_ns() + ns;

    while (stress_now_ns() < end)
        ;
}

static void *
submitter_main(void *arg)
{
    struct submitter *s = arg;
    unsigned i;

    for (i = 0; i < ROUNDS; i++) {
        uint64_t t0;

        s->job.prio = s->prio_mode == 2 ? rand_r(&s->seed) % 2
                                        : s->prio_mode == 1;
        random_pause(&s->seed);
        STRESS_CHECK(pool_submit(s->pool, &s->job, s->job.prio) == 0,
                     "submit");
        t0 = stress_now_ns();
        while (atomic_load_explicit(&s->job.done, memory_order_acquire) ==
               i) {
            STRESS_CHECK(stress_now_ns() - t0 <
                         WAIT_LIMIT_MS * 1000000ull,
                         "lost wake-up: job %u not run after %d ms", i,
                         WAIT_LIMIT_MS);
            sched_yield();
        }
    }
    return NULL;
}

static void
run_case(unsigned workers, unsigned prio, int prio_mode, unsigned nsub,
         unsigned spin_ns)
{
    struct pool_limits lim = { workers, workers, prio };
    struct submitter subs[MAX_SUBMITTERS];
    uint64_t t0 = stress_now_ns();
    struct pool *p = pool_new("wake", &lim, 16, job_fn, NULL);
    unsigned i;

    STRESS_CHECK(p, "pool_new");
    pool_set_spin(p, spin_ns);
    for (i = 0; i < nsub; i++) {
        subs[i] = (struct submitter){ .pool = p, .seed = i + 7,
                                      .prio_mode = prio_mode };
        pthread_create(&subs[i].tid, NULL, submitter_main, &subs[i]);
    }
    for (i = 0; i < nsub; i++)
        pthread_join(subs[i].tid, NULL);
    pool_free(p);
    printf("wake %u regular %u priority, %s jobs, %u submitters, spin "
           "%u us: %u rounds ok (%.2f s)\n", workers, prio,
           prio_mode == 0 ? "regular" : prio_mode == 1 ? "priority" : "mixed",
           nsub, spin_ns / 1000, nsub * ROUNDS,
           (stress_now_ns() - t0) / 1e9);
}

int
main(void)
{
    /* each case without and with a spinning worker (20 us: submits land
     * before, during and after the spin) */
    stress_start(60);
    for (unsigned spin = 0; spin <= 20000; spin += 20000) {
        run_case(1, 0, 0, 1, spin); /* one regular worker, one submitter */
        run_case(1, 0, 1, 1, spin); /* priority jobs, no priority worker */
        run_case(1, 1, 1, 1, spin); /* priority jobs to a priority worker */
        run_case(1, 1, 2, 2, spin);
        run_case(2, 2, 2, 2, spin);
    }
    return 0;
}
