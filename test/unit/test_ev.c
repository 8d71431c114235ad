/*
 * test_ev.c: the reactor, with exact callback counts.
 *
 * Every test that runs the loop arms a guard timer that stops it, so a
 * missing callback fails an assertion instead of hanging.
 */
#include <criterion/criterion.h>

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "core/ev.h"

#define GUARD_MS 2000

static struct ev *loop;
static struct ev_timer guard;

static void
guard_fired(struct ev *ev, void *opaque)
{
    (void)opaque;
    ev_stop(ev);
}

static void
setup(void)
{
    loop = ev_new();
    cr_assert_not_null(loop, "ev_new: %s", strerror(errno));
    ev_timer_init(&guard, guard_fired, NULL);
}

static void
teardown(void)
{
    ev_free(loop);
}

/* Run the loop until something stops it, at most @ms milliseconds. */
static void
run_for(uint64_t ms)
{
    cr_assert_eq(ev_timer_start(loop, &guard, ms), 0);
    cr_assert_eq(ev_run(loop), 0);
    ev_timer_stop(loop, &guard);
}

static void
make_pipe(int p[2])
{
    cr_assert_eq(pipe2(p, O_CLOEXEC | O_NONBLOCK), 0);
}

static void
put_byte(int fd)
{
    cr_assert_eq(write(fd, "x", 1), 1);
}

/* -- fd watches ---------------------------------------------------------- */

struct io_count {
    int calls;
    int stop_at;            /* ev_stop() on this call, 0 = never */
    unsigned last_events;
    int del_fd;             /* ev_io_del() this fd on the first call */
    int mod_to;             /* ev_io_mod(self, mod_to) on call 1, -1 no */
};

static void
io_counted(struct ev *ev, int fd, unsigned events, void *opaque)
{
    struct io_count *c = opaque;

    c->calls++;
    c->last_events = events;
    if (c->calls == 1 && c->mod_to >= 0)
        cr_assert_eq(ev_io_mod(ev, fd, (unsigned)c->mod_to), 0);
    if (c->calls == 1 && c->del_fd >= 0)
        cr_assert_eq(ev_io_del(ev, c->del_fd), 0);
    if (c->calls == c->stop_at)
        ev_stop(ev);
}

TestSuite(ev, .init = setup, .fini = teardown, .timeout = 10);

Test(ev, new_free)
{
    ev_free(NULL);
    cr_assert_eq(ev_now_ms(loop) > 0, 1);
}

Test(ev, io_add_errors)
{
    int p[2];
    struct io_count c = { .del_fd = -1, .mod_to = -1 };

    make_pipe(p);
    cr_assert_eq(ev_io_add(loop, -1, EV_READ, io_counted, &c), -EBADF);
    cr_assert_eq(ev_io_add(loop, p[0], 0x80, io_counted, &c), -EINVAL);
    cr_assert_eq(ev_io_add(loop, p[0], EV_READ, NULL, &c), -EINVAL);
    cr_assert_eq(ev_io_add(loop, p[0], EV_READ, io_counted, &c), 0);
    cr_assert_eq(ev_io_add(loop, p[0], EV_READ, io_counted, &c), -EEXIST);
    cr_assert_eq(ev_io_mod(loop, p[1], EV_READ), -ENOENT);
    cr_assert_eq(ev_io_del(loop, p[1]), -ENOENT);
    cr_assert_eq(ev_io_del(loop, p[0]), 0);
    cr_assert_eq(ev_io_del(loop, p[0]), -ENOENT);
    /* A high fd number makes the watch array grow. */
    cr_assert_neq(dup2(p[0], 900), -1);
    cr_assert_eq(ev_io_add(loop, 900, EV_READ, io_counted, &c), 0);
    cr_assert_eq(ev_io_del(loop, 900), 0);
}

/* Watches live in chunks of 512 fds allocated on first use: fds far
 * apart (other chunks, a chunk table that grows) all work, and an fd in
 * a chunk never used is simply unknown. */
Test(ev, watches_in_distant_chunks)
{
    static const int fds[] = { 700, 1000, 4099 };
    struct io_count c = { .del_fd = -1, .mod_to = -1, .stop_at = 3 };
    struct rlimit rl;
    int p[2];

    /* fd 4099 is past the first chunk table (8 chunks) */
    cr_assert_eq(getrlimit(RLIMIT_NOFILE, &rl), 0);
    rl.rlim_cur = rl.rlim_max;
    setrlimit(RLIMIT_NOFILE, &rl);
    if (rl.rlim_max != RLIM_INFINITY && rl.rlim_max <= 4099)
        cr_skip_test("open-file limit %llu", (unsigned long long)rl.rlim_max);
    make_pipe(p);
    for (size_t i = 0; i < 3; i++) {
        cr_assert_neq(dup2(p[0], fds[i]), -1, "dup2 %d", fds[i]);
        cr_assert_eq(ev_io_add(loop, fds[i], EV_READ, io_counted, &c), 0);
    }
    cr_assert_eq(ev_io_mod(loop, 3000, EV_READ), -ENOENT);
    cr_assert_eq(ev_io_del(loop, 2600), -ENOENT);
    put_byte(p[1]);
    run_for(GUARD_MS);
    cr_assert_eq(c.calls, 3, "one callback per watched fd");
    for (size_t i = 0; i < 3; i++) {
        cr_assert_eq(ev_io_del(loop, fds[i]), 0);
        close(fds[i]);
    }
    close(p[0]);
    close(p[1]);
}

Test(ev, readable_pipe_calls_back_once_per_pass)
{
    int p[2];
    struct io_count c = { .stop_at = 3, .del_fd = -1, .mod_to = -1 };

    make_pipe(p);
    put_byte(p[1]);
    cr_assert_eq(ev_io_add(loop, p[0], EV_READ, io_counted, &c), 0);
    run_for(GUARD_MS);
    /* Never read, so level-triggered readiness persists: one callback per
     * pass, and ev_stop() on the third ends the loop after that pass. */
    cr_assert_eq(c.calls, 3);
    cr_assert_eq(c.last_events, EV_READ);
}

Test(ev, no_callback_without_readiness)
{
    int p[2];
    struct io_count c = { .del_fd = -1, .mod_to = -1 };

    make_pipe(p);
    cr_assert_eq(ev_io_add(loop, p[0], EV_READ, io_counted, &c), 0);
    run_for(30);
    cr_assert_eq(c.calls, 0);
}

Test(ev, writable_and_mask_zero_stops_callbacks)
{
    int p[2];
    struct io_count c = { .del_fd = -1, .mod_to = 0 };

    make_pipe(p);
    put_byte(p[1]);
    cr_assert_eq(ev_io_add(loop, p[0], EV_READ, io_counted, &c), 0);
    run_for(50);
    cr_assert_eq(c.calls, 1);

    /* Back on: callbacks resume, and mod with the same mask is a no-op. */
    c.mod_to = -1;
    c.stop_at = 2;
    cr_assert_eq(ev_io_mod(loop, p[0], EV_READ), 0);
    cr_assert_eq(ev_io_mod(loop, p[0], EV_READ), 0);
    run_for(GUARD_MS);
    cr_assert_eq(c.calls, 2);
}

Test(ev, write_readiness)
{
    int p[2];
    struct io_count c = { .stop_at = 1, .del_fd = -1, .mod_to = -1 };

    make_pipe(p);
    cr_assert_eq(ev_io_add(loop, p[1], EV_WRITE, io_counted, &c), 0);
    run_for(GUARD_MS);
    cr_assert_eq(c.calls, 1);
    cr_assert_eq(c.last_events, EV_WRITE);
}

Test(ev, hangup_reported_as_error_and_read)
{
    int p[2];
    struct io_count c = { .stop_at = 1, .del_fd = -1, .mod_to = -1 };

    make_pipe(p);
    close(p[1]);
    cr_assert_eq(ev_io_add(loop, p[0], EV_READ, io_counted, &c), 0);
    run_for(GUARD_MS);
    cr_assert_eq(c.calls, 1);
    cr_assert_eq(c.last_events, EV_ERROR | EV_READ);
}

Test(ev, delete_other_fd_suppresses_its_pending_event)
{
    int a[2];
    int b[2];
    struct io_count ca = { .stop_at = 1, .mod_to = -1 };
    struct io_count cb = { .stop_at = 1, .mod_to = -1 };

    make_pipe(a);
    make_pipe(b);
    ca.del_fd = b[0];
    cb.del_fd = a[0];
    put_byte(a[1]);
    put_byte(b[1]);
    cr_assert_eq(ev_io_add(loop, a[0], EV_READ, io_counted, &ca), 0);
    cr_assert_eq(ev_io_add(loop, b[0], EV_READ, io_counted, &cb), 0);
    /* Both are ready in the same epoll batch; whichever runs first deletes
     * the other, whose pending event must then be dropped. */
    run_for(GUARD_MS);
    cr_assert_eq(ca.calls + cb.calls, 1);
}

/* Delete the other watch, put a fresh, idle pipe on the same fd number
 * and watch it again: the old pending event must not reach the new one. */
struct reuse {
    int other;
    int calls;
    int fresh_calls;
};

static void
io_fresh(struct ev *ev, int fd, unsigned events, void *opaque)
{
    struct reuse *r = opaque;

    (void)ev;
    (void)fd;
    (void)events;
    r->fresh_calls++;
}

static void
io_reuse(struct ev *ev, int fd, unsigned events, void *opaque)
{
    struct reuse *r = opaque;
    int p[2];

    (void)fd;
    (void)events;
    r->calls++;
    ev_stop(ev);
    cr_assert_eq(ev_io_del(ev, r->other), 0);
    make_pipe(p);
    cr_assert_neq(dup3(p[0], r->other, O_CLOEXEC), -1);
    cr_assert_eq(ev_io_add(ev, r->other, EV_READ, io_fresh, r), 0);
}

Test(ev, deleted_and_readded_fd_gets_no_stale_event)
{
    int a[2];
    int b[2];
    struct reuse ra = { 0 };
    struct reuse rb = { 0 };

    make_pipe(a);
    make_pipe(b);
    ra.other = b[0];
    rb.other = a[0];
    put_byte(a[1]);
    put_byte(b[1]);
    cr_assert_eq(ev_io_add(loop, a[0], EV_READ, io_reuse, &ra), 0);
    cr_assert_eq(ev_io_add(loop, b[0], EV_READ, io_reuse, &rb), 0);
    run_for(GUARD_MS);
    cr_assert_eq(ra.calls + rb.calls, 1);
    cr_assert_eq(ra.fresh_calls + rb.fresh_calls, 0);
}

/* -- timers -------------------------------------------------------------- */

struct order {
    int seen[8];
    int n;
};

struct tagged {
    struct ev_timer t;
    int tag;
    struct order *o;
};

static void
timer_record(struct ev *ev, void *opaque)
{
    struct tagged *x = opaque;

    (void)ev;
    x->o->seen[x->o->n++] = x->tag;
}

Test(ev, timers_fire_in_order)
{
    struct order o = { .n = 0 };
    struct tagged x[4];
    static const uint64_t delay[4] = { 30, 10, 20, 0 };

    for (int i = 0; i < 4; i++) {
        x[i].tag = i;
        x[i].o = &o;
        ev_timer_init(&x[i].t, timer_record, &x[i]);
        cr_assert_eq(ev_timer_active(&x[i].t), false);
        cr_assert_eq(ev_timer_start(loop, &x[i].t, delay[i]), 0);
        cr_assert_eq(ev_timer_active(&x[i].t), true);
    }
    run_for(60);
    cr_assert_eq(o.n, 4);
    cr_assert_eq(o.seen[0], 3);
    cr_assert_eq(o.seen[1], 1);
    cr_assert_eq(o.seen[2], 2);
    cr_assert_eq(o.seen[3], 0);
    for (int i = 0; i < 4; i++)
        cr_assert_eq(ev_timer_active(&x[i].t), false);
}

Test(ev, rearm_moves_timer)
{
    struct order o = { .n = 0 };
    struct tagged x[2];

    for (int i = 0; i < 2; i++) {
        x[i].tag = i;
        x[i].o = &o;
        ev_timer_init(&x[i].t, timer_record, &x[i]);
    }
    cr_assert_eq(ev_timer_start(loop, &x[0].t, 5), 0);
    cr_assert_eq(ev_timer_start(loop, &x[1].t, 20), 0);
    cr_assert_eq(ev_timer_start(loop, &x[0].t, 40), 0);   /* later now */
    run_for(80);
    cr_assert_eq(o.n, 2);
    cr_assert_eq(o.seen[0], 1);
    cr_assert_eq(o.seen[1], 0);
}

struct periodic {
    struct ev_timer t;
    int fired;
    int limit;
    uint64_t delay;
};

static void
periodic_fired(struct ev *ev, void *opaque)
{
    struct periodic *p = opaque;

    if (++p->fired < p->limit)
        cr_assert_eq(ev_timer_start(ev, &p->t, p->delay), 0);
}

Test(ev, periodic_rearm_counts_exactly)
{
    struct periodic p = { .limit = 5, .delay = 5 };
    uint64_t t0 = ev_now_ms(loop);

    ev_timer_init(&p.t, periodic_fired, &p);
    cr_assert_eq(ev_timer_start(loop, &p.t, p.delay), 0);
    run_for(150);
    cr_assert_eq(p.fired, 5);
    cr_assert_eq(ev_timer_active(&p.t), false);
    cr_assert_geq(ev_now_ms(loop) - t0, 25);
}

Test(ev, zero_delay_rearm_does_not_spin_one_pass)
{
    struct periodic p = { .limit = 1000, .delay = 0 };

    ev_timer_init(&p.t, periodic_fired, &p);
    cr_assert_eq(ev_timer_start(loop, &p.t, 0), 0);
    /* Re-arming at 0 from its own callback defers to the next pass (at
     * least 1 ms later), so the guard still gets to stop the loop. */
    run_for(20);
    cr_assert_gt(p.fired, 0);
    cr_assert_leq(p.fired, 21);
    ev_timer_stop(loop, &p.t);
}

struct stopper {
    struct ev_timer t;
    struct ev_timer *victim;
};

static void
stop_victim(struct ev *ev, void *opaque)
{
    struct stopper *s = opaque;

    ev_timer_stop(ev, s->victim);
    ev_timer_stop(ev, s->victim);       /* no-op when not armed */
}

Test(ev, timer_callback_stops_other_timer)
{
    struct order o = { .n = 0 };
    struct tagged victim = { .tag = 7, .o = &o };
    struct tagged late = { .tag = 8, .o = &o };
    struct stopper s = { .victim = &victim.t };

    ev_timer_init(&victim.t, timer_record, &victim);
    ev_timer_init(&late.t, timer_record, &late);
    ev_timer_init(&s.t, stop_victim, &s);
    cr_assert_eq(ev_timer_start(loop, &victim.t, 30), 0);
    cr_assert_eq(ev_timer_start(loop, &late.t, 40), 0);
    cr_assert_eq(ev_timer_start(loop, &s.t, 5), 0);
    run_for(80);
    cr_assert_eq(o.n, 1);
    cr_assert_eq(o.seen[0], 8);
}

enum { MANY = 60 };

struct fired_log {
    uint64_t when[MANY];
    int n;
};

struct logged {
    struct ev_timer t;
    struct fired_log *log;
};

static void
timer_log_when(struct ev *ev, void *opaque)
{
    struct logged *x = opaque;

    (void)ev;
    x->log->when[x->log->n++] = x->t.when_ms;
}

Test(ev, many_timers_fire_sorted)
{
    static struct logged x[MANY];
    struct fired_log log = { .n = 0 };
    int armed = 0;

    /* Arm in a scrambled order, stop every third, and check the others
     * fire exactly once each, sorted by deadline. */
    for (int i = 0; i < MANY; i++) {
        x[i].log = &log;
        ev_timer_init(&x[i].t, timer_log_when, &x[i]);
        cr_assert_eq(ev_timer_start(loop, &x[i].t,
                                    (uint64_t)(i * 37 % 40)), 0);
    }
    for (int i = 0; i < MANY; i++) {
        if (i % 3 == 0)
            ev_timer_stop(loop, &x[i].t);
        else
            armed++;
    }
    run_for(80);
    cr_assert_eq(log.n, armed);
    for (int i = 1; i < log.n; i++)
        cr_assert_geq(log.when[i], log.when[i - 1]);
}

/* -- cross-thread wake --------------------------------------------------- */

enum { WAKE_THREADS = 4, WAKE_CALLS = 1000 };

static int wake_calls;

static void
wake_counted(struct ev *ev, void *opaque)
{
    (void)ev;
    (void)opaque;
    wake_calls++;
}

static void *
wake_many(void *arg)
{
    for (int i = 0; i < WAKE_CALLS; i++)
        ev_wake(arg);
    return NULL;
}

Test(ev, wakes_before_run_coalesce_to_one_callback)
{
    pthread_t th[WAKE_THREADS];

    ev_wake_set(loop, wake_counted, NULL);
    for (int i = 0; i < WAKE_THREADS; i++)
        cr_assert_eq(pthread_create(&th[i], NULL, wake_many, loop), 0);
    for (int i = 0; i < WAKE_THREADS; i++)
        pthread_join(th[i], NULL);
    run_for(50);
    cr_assert_eq(wake_calls, 1);

    /* After the callback, a new wake gives exactly one more. */
    ev_wake(loop);
    ev_wake(loop);
    run_for(50);
    cr_assert_eq(wake_calls, 2);
}

static void
wake_again_once(struct ev *ev, void *opaque)
{
    (void)opaque;
    /* A wake during the callback must schedule another callback. */
    if (++wake_calls == 1)
        ev_wake(ev);
}

Test(ev, wake_during_callback_gives_another)
{
    ev_wake_set(loop, wake_again_once, NULL);
    ev_wake(loop);
    run_for(50);
    cr_assert_eq(wake_calls, 2);
}

/* A thread wakes the loop while it sleeps in epoll_wait. */
static void *
wake_later(void *arg)
{
    usleep(20000);
    ev_wake(arg);
    return NULL;
}

static void
wake_and_stop(struct ev *ev, void *opaque)
{
    (void)opaque;
    wake_calls++;
    ev_stop(ev);
}

Test(ev, wake_from_thread_interrupts_wait)
{
    pthread_t th;
    uint64_t t0 = ev_now_ms(loop);

    ev_wake_set(loop, wake_and_stop, NULL);
    cr_assert_eq(pthread_create(&th, NULL, wake_later, loop), 0);
    run_for(GUARD_MS);
    pthread_join(th, NULL);
    cr_assert_eq(wake_calls, 1);
    cr_assert_lt(ev_now_ms(loop) - t0, GUARD_MS / 2);
}

/* A wake from another thread while the loop is busy in a callback (so it
 * writes no eventfd) is still taken in the very next pass. Many such
 * wakes, one per pass, each one callback. */
struct busy_wake {
    int pipe[2];
    int rounds;
};

static void *
wake_now(void *arg)
{
    ev_wake(arg);
    return NULL;
}

static void
busy_io(struct ev *ev, int fd, unsigned events, void *opaque)
{
    struct busy_wake *b = opaque;
    pthread_t th;
    char c;

    (void)events;
    cr_assert_eq(read(fd, &c, 1), 1);
    cr_assert_eq(pthread_create(&th, NULL, wake_now, ev), 0);
    pthread_join(th, NULL);
    b->rounds++;
}

static void
busy_wake_cb(struct ev *ev, void *opaque)
{
    struct busy_wake *b = opaque;

    wake_calls++;
    if (b->rounds < 50)
        put_byte(b->pipe[1]);
    else
        ev_stop(ev);
}

Test(ev, wake_while_busy_is_taken_without_blocking)
{
    struct busy_wake b = { .rounds = 0 };
    uint64_t t0;

    make_pipe(b.pipe);
    cr_assert_eq(ev_io_add(loop, b.pipe[0], EV_READ, busy_io, &b), 0);
    ev_wake_set(loop, busy_wake_cb, &b);
    put_byte(b.pipe[1]);
    t0 = ev_now_ms(loop);
    run_for(GUARD_MS);
    cr_assert_eq(b.rounds, 50);
    cr_assert_eq(wake_calls, 50);
    cr_assert_lt(ev_now_ms(loop) - t0, GUARD_MS / 2);
    ev_io_del(loop, b.pipe[0]);
    close(b.pipe[0]);
    close(b.pipe[1]);
}

/* -- signals ------------------------------------------------------------- */

static int sig_seen[_NSIG];

static void
signal_counted(struct ev *ev, int signo, void *opaque)
{
    (void)opaque;
    sig_seen[signo]++;
    if (sig_seen[SIGUSR1] && sig_seen[SIGUSR2])
        ev_stop(ev);
}

Test(ev, signals_through_signalfd)
{
    sigset_t set;

    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigaddset(&set, SIGUSR2);
    cr_assert_eq(pthread_sigmask(SIG_BLOCK, &set, NULL), 0);
    cr_assert_eq(ev_signal_add(loop, SIGUSR1, signal_counted, NULL), 0);
    cr_assert_eq(ev_signal_add(loop, SIGUSR2, signal_counted, NULL), 0);
    cr_assert_eq(ev_signal_add(loop, SIGUSR1, signal_counted, NULL),
                 -EEXIST);
    cr_assert_eq(ev_signal_add(loop, SIGKILL, signal_counted, NULL),
                 -EINVAL);
    cr_assert_eq(ev_signal_add(loop, 0, signal_counted, NULL), -EINVAL);
    cr_assert_eq(raise(SIGUSR1), 0);
    cr_assert_eq(raise(SIGUSR2), 0);
    run_for(GUARD_MS);
    cr_assert_eq(sig_seen[SIGUSR1], 1);
    cr_assert_eq(sig_seen[SIGUSR2], 1);
}

Test(ev, stop_before_run_returns_at_once)
{
    ev_stop(loop);
    cr_assert_eq(ev_run(loop), 0);
}
