/*
 * ev.c: the epoll reactor (see ev.h).
 *
 * fd watches live in a table indexed by fd, in chunks of EV_CHUNK slots
 * allocated when an fd in their range is first watched (so memory grows
 * with the descriptors in use, not by doubling). Each epoll registration
 * carries the watch's generation in the upper 32 bits of data.u64, so an
 * event still sitting in the current epoll_wait() batch for a watch that
 * was deleted (or deleted and re-added) is recognised as stale and dropped
 * (same idea as nginx's "instance" bit). A watch with mask 0 is removed
 * from epoll so EPOLLHUP/EPOLLERR cannot spin the loop.
 *
 * Cross-thread wake: wakers set a pending bit; only a waker that sets it
 * while the loop sleeps in epoll_wait writes the eventfd (edge-triggered,
 * never read). The loop runs the wake callback in every pass where the
 * bit is set, so a busy loop takes wakes without any system call.
 *
 * Timers: a binary min-heap of struct ev_timer pointers ordered by
 * when_ms; each timer knows its slot (heap_idx) so stop/re-arm is
 * O(log n). Due timers run after the I/O callbacks of a pass.
 *
 * Everything here is loop-thread only except ev_wake().
 */
#include "core/ev.h"

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/signalfd.h>
#include <time.h>
#include <unistd.h>

#define EV_BATCH 64                 /* epoll events per epoll_wait() */
#define EV_SIG_BATCH 16             /* siginfo records per read() */
#define EV_MASK_ALL (EV_READ | EV_WRITE)
#define EV_CHUNK_BITS 9
#define EV_CHUNK (1u << EV_CHUNK_BITS)  /* watches per table chunk */
#define EV_WAKE_PENDING  0x1u
#define EV_WAKE_SLEEPING 0x2u

struct ev_watch {
    ev_io_fn *fn;                   /* NULL: slot unused */
    void *opaque;
    unsigned events;                /* EV_READ|EV_WRITE asked for */
    uint32_t gen;                   /* bumped on add and del */
};

struct ev_sig {
    ev_signal_fn *fn;               /* NULL: signal not registered */
    void *opaque;
};

struct ev {
    int epfd;
    struct ev_watch **chunks;       /* chunk i: fds i*EV_CHUNK.. */
    size_t nchunks;

    struct ev_timer **heap;         /* min-heap on when_ms */
    size_t nheap;
    size_t heap_cap;

    uint64_t now_ms;                /* cached per iteration */
    bool running;                   /* inside ev_run() */
    bool stop;
    bool in_timers;                 /* running due timers (see start) */

    int wakefd;                     /* eventfd, edge-triggered, never read */
    /* EV_WAKE_PENDING: a wake was asked and its callback has not started;
     * EV_WAKE_SLEEPING: the loop is in (or about to enter) epoll_wait.
     * One word, so a waker and the loop going to sleep always agree on
     * which of them comes first (see ev_wake and ev_pass). */
    atomic_uint wake_state;
    ev_wake_fn *wake_fn;
    void *wake_opaque;

    int sigfd;                      /* signalfd, -1 until first signal */
    sigset_t sigmask;               /* signals delivered through sigfd */
    struct ev_sig sigs[_NSIG];
};

static uint64_t
clock_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

/* -- fd watches ---------------------------------------------------------- */

static uint32_t
to_epoll(unsigned events)
{
    uint32_t e = 0;

    if (events & EV_READ)
        e |= EPOLLIN | EPOLLRDHUP;
    if (events & EV_WRITE)
        e |= EPOLLOUT;
    return e;
}

static struct ev_watch *watch_slot(struct ev *ev, int fd);

/* Tell epoll about a mask change from @old to @new for @fd. */
static int
epoll_update(struct ev *ev, int fd, unsigned old, unsigned new)
{
    struct epoll_event e = { .events = to_epoll(new) };
    int op;

    if (old == new)
        return 0;
    if (!new)
        op = EPOLL_CTL_DEL;
    else
        op = old ? EPOLL_CTL_MOD : EPOLL_CTL_ADD;
    e.data.u64 = (uint64_t)watch_slot(ev, fd)->gen << 32 | (uint32_t)fd;
    if (epoll_ctl(ev->epfd, op, fd, &e) < 0)
        return -errno;
    return 0;
}

/* Switch @fd's registration (made by ev_io_add) to edge-triggered. */
static int
epoll_edge(struct ev *ev, int fd)
{
    struct epoll_event e = { .events = EPOLLIN | EPOLLET };

    e.data.u64 = (uint64_t)watch_slot(ev, fd)->gen << 32 | (uint32_t)fd;
    return epoll_ctl(ev->epfd, EPOLL_CTL_MOD, fd, &e) < 0 ? -errno : 0;
}

/* Make sure @fd's slot exists; new slots are zeroed (unused). */
static int
watches_grow(struct ev *ev, int fd)
{
    size_t ci = (size_t)fd >> EV_CHUNK_BITS;

    if (ci >= ev->nchunks) {
        size_t n = ev->nchunks ? ev->nchunks : 8;
        struct ev_watch **c;

        while (n <= ci)
            n *= 2;
        c = realloc(ev->chunks, n * sizeof(*c));
        if (!c)
            return -ENOMEM;
        memset(c + ev->nchunks, 0, (n - ev->nchunks) * sizeof(*c));
        ev->chunks = c;
        ev->nchunks = n;
    }
    if (!ev->chunks[ci] &&
        !(ev->chunks[ci] = calloc(EV_CHUNK, sizeof(struct ev_watch))))
        return -ENOMEM;
    return 0;
}

/* @fd's slot, used or not, or NULL if its chunk does not exist. */
static struct ev_watch *
watch_slot(struct ev *ev, int fd)
{
    size_t ci = (size_t)fd >> EV_CHUNK_BITS;

    if (fd < 0 || ci >= ev->nchunks || !ev->chunks[ci])
        return NULL;
    return &ev->chunks[ci][(size_t)fd & (EV_CHUNK - 1)];
}

static struct ev_watch *
watch_get(struct ev *ev, int fd)
{
    struct ev_watch *w = watch_slot(ev, fd);

    return w && w->fn ? w : NULL;
}

int
ev_io_add(struct ev *ev, int fd, unsigned events, ev_io_fn *fn,
          void *opaque)
{
    struct ev_watch *w;
    int rc;

    if (fd < 0)
        return -EBADF;
    if (!fn || (events & ~EV_MASK_ALL))
        return -EINVAL;
    if (watch_get(ev, fd))
        return -EEXIST;
    rc = watches_grow(ev, fd);
    if (rc < 0)
        return rc;
    w = watch_slot(ev, fd);
    w->gen++;
    rc = epoll_update(ev, fd, 0, events);
    if (rc < 0)
        return rc;
    w->fn = fn;
    w->opaque = opaque;
    w->events = events;
    return 0;
}

int
ev_io_mod(struct ev *ev, int fd, unsigned events)
{
    struct ev_watch *w = watch_get(ev, fd);
    int rc;

    if (!w)
        return -ENOENT;
    if (events & ~EV_MASK_ALL)
        return -EINVAL;
    rc = epoll_update(ev, fd, w->events, events);
    if (rc < 0)
        return rc;
    w->events = events;
    return 0;
}

int
ev_io_del(struct ev *ev, int fd)
{
    struct ev_watch *w = watch_get(ev, fd);

    if (!w)
        return -ENOENT;
    /* The owner may already have closed @fd (epoll then dropped it by
     * itself): an error here changes nothing for us. */
    (void)epoll_update(ev, fd, w->events, 0);
    w->fn = NULL;
    w->opaque = NULL;
    w->events = 0;
    w->gen++;
    return 0;
}

/* Run the callback for one epoll event unless it has gone stale. */
static void
io_dispatch(struct ev *ev, const struct epoll_event *e)
{
    int fd = (int)(uint32_t)e->data.u64;
    uint32_t gen = (uint32_t)(e->data.u64 >> 32);
    struct ev_watch *w = watch_get(ev, fd);
    unsigned got = 0;

    if (!w || w->gen != gen || !w->events)
        return;
    if (e->events & (EPOLLIN | EPOLLRDHUP))
        got |= EV_READ;
    if (e->events & EPOLLOUT)
        got |= EV_WRITE;
    got &= w->events;
    /* Errors and hang-ups are reported whatever the mask: the owner finds
     * out what happened by reading (EOF or the pending error). */
    if (e->events & (EPOLLERR | EPOLLHUP))
        got |= EV_ERROR | EV_READ;
    if (got)
        w->fn(ev, fd, got, w->opaque);
}

/* -- timers -------------------------------------------------------------- */

static void
heap_set(struct ev *ev, size_t i, struct ev_timer *t)
{
    ev->heap[i] = t;
    t->heap_idx = i;
}

static void
heap_up(struct ev *ev, size_t i)
{
    struct ev_timer *t = ev->heap[i];

    while (i > 0) {
        size_t parent = (i - 1) / 2;

        if (ev->heap[parent]->when_ms <= t->when_ms)
            break;
        heap_set(ev, i, ev->heap[parent]);
        i = parent;
    }
    heap_set(ev, i, t);
}

static void
heap_down(struct ev *ev, size_t i)
{
    struct ev_timer *t = ev->heap[i];

    for (;;) {
        size_t c = 2 * i + 1;

        if (c >= ev->nheap)
            break;
        if (c + 1 < ev->nheap &&
            ev->heap[c + 1]->when_ms < ev->heap[c]->when_ms)
            c++;
        if (t->when_ms <= ev->heap[c]->when_ms)
            break;
        heap_set(ev, i, ev->heap[c]);
        i = c;
    }
    heap_set(ev, i, t);
}

/* Restore heap order for slot @i after its key changed either way. */
static void
heap_fix(struct ev *ev, size_t i)
{
    if (i > 0 && ev->heap[(i - 1) / 2]->when_ms > ev->heap[i]->when_ms)
        heap_up(ev, i);
    else
        heap_down(ev, i);
}

static int
heap_push(struct ev *ev, struct ev_timer *t)
{
    if (ev->nheap == ev->heap_cap) {
        size_t cap = ev->heap_cap ? ev->heap_cap * 2 : 16;
        struct ev_timer **h = realloc(ev->heap, cap * sizeof(*h));

        if (!h)
            return -ENOMEM;
        ev->heap = h;
        ev->heap_cap = cap;
    }
    heap_set(ev, ev->nheap++, t);
    heap_up(ev, ev->nheap - 1);
    return 0;
}

void
ev_timer_init(struct ev_timer *t, ev_timer_fn *fn, void *opaque)
{
    t->when_ms = 0;
    t->heap_idx = SIZE_MAX;
    t->fn = fn;
    t->opaque = opaque;
}

bool
ev_timer_active(const struct ev_timer *t)
{
    return t->heap_idx != SIZE_MAX;
}

int
ev_timer_start(struct ev *ev, struct ev_timer *t, uint64_t delay_ms)
{
    uint64_t when;

    /* Outside ev_run() nothing refreshes the cache: do it here so a timer
     * armed long after ev_new() does not fire early. */
    if (!ev->running)
        ev->now_ms = clock_ms();
    when = ev->now_ms + delay_ms;
    if (when < ev->now_ms)
        when = UINT64_MAX;
    /* Armed from a timer callback and already due: defer it to the next
     * pass so a 0 ms re-arm cannot keep the timer phase running forever. */
    if (ev->in_timers && when <= ev->now_ms)
        when = ev->now_ms + 1;
    t->when_ms = when;
    if (ev_timer_active(t)) {
        heap_fix(ev, t->heap_idx);
        return 0;
    }
    return heap_push(ev, t);
}

void
ev_timer_stop(struct ev *ev, struct ev_timer *t)
{
    size_t i = t->heap_idx;
    struct ev_timer *last;

    if (!ev_timer_active(t))
        return;
    t->heap_idx = SIZE_MAX;
    last = ev->heap[--ev->nheap];
    if (i == ev->nheap)
        return;
    heap_set(ev, i, last);
    heap_fix(ev, i);
}

/* Fire every timer due at the cached time, earliest first. */
static void
timers_run(struct ev *ev)
{
    ev->in_timers = true;
    while (ev->nheap && ev->heap[0]->when_ms <= ev->now_ms) {
        struct ev_timer *t = ev->heap[0];

        ev_timer_stop(ev, t);
        t->fn(ev, t->opaque);
    }
    ev->in_timers = false;
}

/* epoll_wait() timeout: -1 without timers, else ms until the earliest. */
static int
timers_timeout(const struct ev *ev)
{
    uint64_t now;
    uint64_t when;

    if (!ev->nheap)
        return -1;
    when = ev->heap[0]->when_ms;
    now = clock_ms();
    if (when <= now)
        return 0;
    return when - now > INT_MAX ? INT_MAX : (int)(when - now);
}

/* -- cross-thread wake --------------------------------------------------- */

void
ev_wake_set(struct ev *ev, ev_wake_fn *fn, void *opaque)
{
    ev->wake_fn = fn;
    ev->wake_opaque = opaque;
}

void
ev_wake(struct ev *ev)
{
    uint64_t one = 1;
    unsigned old;

    /* Release: what the caller published before this call is visible to
     * the loop once its acquire in wake_take() sees PENDING. Only the
     * caller that sets PENDING while the loop sleeps writes the eventfd;
     * a loop that is awake sees PENDING before it sleeps again, so under
     * load wakes cost no system call at all. */
    old = atomic_fetch_or_explicit(&ev->wake_state, EV_WAKE_PENDING,
                                   memory_order_acq_rel);
    if ((old & EV_WAKE_PENDING) || !(old & EV_WAKE_SLEEPING))
        return;
    /* EAGAIN means the counter is saturated: the loop will wake anyway. */
    while (write(ev->wakefd, &one, sizeof(one)) < 0 && errno == EINTR)
        ;
}

/* The eventfd is edge-triggered and never read: each write is one edge,
 * and its counter cannot saturate in practice (2^64 - 2 writes). Its only
 * job is to end epoll_wait; the pending bit is checked every pass. */
static void
wake_ready(struct ev *ev, int fd, unsigned events, void *opaque)
{
    (void)ev;
    (void)fd;
    (void)events;
    (void)opaque;
}

/* Loop thread, once per pass: run the wake callback if a wake is pending.
 * Clearing before the callback means a wake during the callback schedules
 * another one (the loop then does not sleep, see ev_pass). */
static void
wake_take(struct ev *ev)
{
    /* acquire: pairs with the release in ev_wake() */
    unsigned old = atomic_fetch_and_explicit(&ev->wake_state,
                                             ~EV_WAKE_PENDING,
                                             memory_order_acquire);

    if ((old & EV_WAKE_PENDING) && ev->wake_fn)
        ev->wake_fn(ev, ev->wake_opaque);
}

/* -- signals ------------------------------------------------------------- */

static void
signal_ready(struct ev *ev, int fd, unsigned events, void *opaque)
{
    struct signalfd_siginfo si[EV_SIG_BATCH];
    ssize_t n;

    (void)events;
    (void)opaque;
    for (;;) {
        n = read(fd, si, sizeof(si));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return;
        for (size_t i = 0; i < (size_t)n / sizeof(si[0]); i++) {
            unsigned signo = si[i].ssi_signo;

            if (signo < _NSIG && ev->sigs[signo].fn)
                ev->sigs[signo].fn(ev, (int)signo, ev->sigs[signo].opaque);
        }
    }
}

int
ev_signal_add(struct ev *ev, int signo, ev_signal_fn *fn, void *opaque)
{
    sigset_t mask = ev->sigmask;
    int fd;
    int rc;

    if (signo <= 0 || signo >= _NSIG || signo == SIGKILL ||
        signo == SIGSTOP || !fn)
        return -EINVAL;
    if (ev->sigs[signo].fn)
        return -EEXIST;
    if (sigaddset(&mask, signo) < 0)
        return -EINVAL;
    fd = signalfd(ev->sigfd, &mask, SFD_NONBLOCK | SFD_CLOEXEC);
    if (fd < 0)
        return -errno;
    if (ev->sigfd < 0) {
        rc = ev_io_add(ev, fd, EV_READ, signal_ready, NULL);
        if (rc < 0) {
            close(fd);
            return rc;
        }
        ev->sigfd = fd;
    }
    ev->sigmask = mask;
    ev->sigs[signo].fn = fn;
    ev->sigs[signo].opaque = opaque;
    return 0;
}

/* -- the loop ------------------------------------------------------------ */

struct ev *
ev_new(void)
{
    struct ev *ev = calloc(1, sizeof(*ev));
    int rc;

    if (!ev)
        return NULL;
    ev->wakefd = -1;
    ev->sigfd = -1;
    sigemptyset(&ev->sigmask);
    atomic_init(&ev->wake_state, 0);
    ev->now_ms = clock_ms();
    ev->epfd = epoll_create1(EPOLL_CLOEXEC);
    if (ev->epfd < 0)
        goto fail;
    ev->wakefd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (ev->wakefd < 0)
        goto fail;
    rc = ev_io_add(ev, ev->wakefd, EV_READ, wake_ready, NULL);
    if (rc == 0)
        rc = epoll_edge(ev, ev->wakefd);
    if (rc < 0) {
        errno = -rc;
        goto fail;
    }
    return ev;

fail:
    rc = errno;
    ev_free(ev);
    errno = rc;
    return NULL;
}

void
ev_free(struct ev *ev)
{
    if (!ev)
        return;
    /* Timers belong to their owners: leave them looking stopped. */
    for (size_t i = 0; i < ev->nheap; i++)
        ev->heap[i]->heap_idx = SIZE_MAX;
    if (ev->sigfd >= 0)
        close(ev->sigfd);
    if (ev->wakefd >= 0)
        close(ev->wakefd);
    if (ev->epfd >= 0)
        close(ev->epfd);
    free(ev->heap);
    for (size_t i = 0; i < ev->nchunks; i++)
        free(ev->chunks[i]);
    free(ev->chunks);
    free(ev);
}

uint64_t
ev_now_ms(struct ev *ev)
{
    return ev->now_ms;
}

/*
 * One pass: wait, run the wake callback if a wake is pending, the I/O
 * callbacks, then the timers that are due. The loop announces its sleep in
 * the same word wakers set PENDING in: whichever comes second sees the
 * other, so either the loop does not block or the waker writes the
 * eventfd.
 */
static int
ev_pass(struct ev *ev)
{
    struct epoll_event events[EV_BATCH];
    int timeout = timers_timeout(ev);
    unsigned old;
    int n;

    old = atomic_fetch_or_explicit(&ev->wake_state, EV_WAKE_SLEEPING,
                                   memory_order_relaxed);
    if (old & EV_WAKE_PENDING)
        timeout = 0;
    n = epoll_wait(ev->epfd, events, EV_BATCH, timeout);
    atomic_fetch_and_explicit(&ev->wake_state, ~EV_WAKE_SLEEPING,
                              memory_order_relaxed);
    if (n < 0 && errno != EINTR)
        return -errno;
    ev->now_ms = clock_ms();
    /* the wake first: what other threads asked before these events were
     * seen (a lowered client limit, say) applies to them */
    wake_take(ev);
    for (int i = 0; i < n; i++)
        io_dispatch(ev, &events[i]);
    timers_run(ev);
    return 0;
}

int
ev_run(struct ev *ev)
{
    int rc = 0;

    ev->now_ms = clock_ms();
    ev->running = true;
    while (!ev->stop) {
        rc = ev_pass(ev);
        if (rc < 0)
            break;
    }
    ev->running = false;
    ev->stop = false;
    return rc;
}

void
ev_stop(struct ev *ev)
{
    ev->stop = true;
}
