/*
 * ev.h: the reactor. One epoll loop, run by the main thread, owning fd
 * watches, timers, one cross-thread wake (eventfd) and signals (signalfd).
 *
 * Synchronization:
 *   ev_wake()                   any thread, any time while the loop exists
 *   everything else             the loop thread only (or before ev_run)
 *
 * Callbacks run on the loop thread and must return quickly. A callback may
 * add, modify or delete any watch or timer, including its own; an fd deleted
 * during a dispatch pass gets no further callbacks from that pass, even if
 * the same fd number is reused by a new watch in the meantime.
 */
#ifndef VIRTD_CORE_EV_H
#define VIRTD_CORE_EV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct ev;

#define EV_READ  0x1u       /* EPOLLIN (and EPOLLRDHUP folded in) */
#define EV_WRITE 0x2u       /* EPOLLOUT */
#define EV_ERROR 0x4u       /* EPOLLERR / EPOLLHUP, reported, never asked */

typedef void ev_io_fn(struct ev *ev, int fd, unsigned events, void *opaque);
typedef void ev_timer_fn(struct ev *ev, void *opaque);
typedef void ev_wake_fn(struct ev *ev, void *opaque);
typedef void ev_signal_fn(struct ev *ev, int signo, void *opaque);

/*
 * A timer, embedded by its owner (no allocation). Initialise once with
 * ev_timer_init(); start/stop any number of times. One-shot: re-arm from
 * the callback for periodic behaviour.
 */
struct ev_timer {
    uint64_t when_ms;      /* loop-thread only */
    size_t heap_idx;       /* position in the heap, SIZE_MAX when stopped */
    ev_timer_fn *fn;
    void *opaque;
};

/* New loop, or NULL with errno set. */
struct ev *ev_new(void);

/* Close the loop. Watches still registered are dropped (their fds are not
 * closed: the owner closes them). NULL-safe. */
void ev_free(struct ev *ev);

/* Watch @fd for @events (EV_READ|EV_WRITE, may be 0). One watch per fd.
 * 0 or -errno (-EEXIST if @fd is already watched). */
int ev_io_add(struct ev *ev, int fd, unsigned events, ev_io_fn *fn,
              void *opaque);
/* Change the event mask; 0 or -errno. Cheap when the mask is unchanged. */
int ev_io_mod(struct ev *ev, int fd, unsigned events);
/* Stop watching @fd; 0 or -ENOENT. Does not close @fd. */
int ev_io_del(struct ev *ev, int fd);

void ev_timer_init(struct ev_timer *t, ev_timer_fn *fn, void *opaque);
/* (Re)arm @t to fire once, @delay_ms from now. 0 or -ENOMEM. */
int ev_timer_start(struct ev *ev, struct ev_timer *t, uint64_t delay_ms);
/* Disarm; no-op when not armed. */
void ev_timer_stop(struct ev *ev, struct ev_timer *t);
bool ev_timer_active(const struct ev_timer *t);

/* Set the one cross-thread wake callback (loop thread, before use). */
void ev_wake_set(struct ev *ev, ev_wake_fn *fn, void *opaque);
/* Any thread: make the loop run the wake callback soon. Coalesces: many
 * calls before the loop notices give one callback, and at most one eventfd
 * write (none while the loop is awake: it checks before it sleeps).
 * Async-signal-unsafe; never blocks. */
void ev_wake(struct ev *ev);

/* Deliver @signo through signalfd. The caller must have blocked @signo in
 * every thread (block before creating threads). 0 or -errno. */
int ev_signal_add(struct ev *ev, int signo, ev_signal_fn *fn, void *opaque);

/* Monotonic milliseconds, cached per loop iteration. */
uint64_t ev_now_ms(struct ev *ev);

/* Run until ev_stop(); 0, or -errno if epoll itself fails. */
int ev_run(struct ev *ev);
/* Loop thread: make ev_run() return after the current pass. */
void ev_stop(struct ev *ev);

#endif
