/*
 * evc.c: futex event count (see evc.h for the protocol and why no wake-up
 * is lost).
 */
#include "pool/evc.h"

#include <limits.h>
#include <linux/futex.h>
#include <stddef.h>
#include <sys/syscall.h>
#include <unistd.h>

static void
evc_futex(struct evc *e, int op, uint32_t val)
{
    /* the kernel reads the word itself; the cast drops _Atomic only for
     * the syscall's prototype, the object is 4 aligned bytes either way */
    syscall(SYS_futex, (uint32_t *)&e->seq, op, val, NULL, NULL, 0);
}

void
evc_init(struct evc *e)
{
    atomic_init(&e->seq, 0);
    atomic_init(&e->sleepers, 0);
}

uint32_t
evc_prepare(struct evc *e)
{
    /* acquire: pairs with the release bump in evc_wake_*(); read before
     * we count ourselves, so a wake after this point changes seq and
     * evc_wait() returns at once */
    uint32_t key = atomic_load_explicit(&e->seq, memory_order_acquire);

    atomic_fetch_add_explicit(&e->sleepers, 1, memory_order_relaxed);
    /* seq_cst fence: orders the count above before the caller's re-check
     * of its condition; pairs with the fence in evc_wake_one() */
    atomic_thread_fence(memory_order_seq_cst);
    return key;
}

void
evc_cancel(struct evc *e)
{
    /* relaxed: a stale count only costs a waker one needless syscall */
    atomic_fetch_sub_explicit(&e->sleepers, 1, memory_order_relaxed);
}

void
evc_wait(struct evc *e, uint32_t key)
{
    /* the kernel compares seq with key under its own lock: a bump that
     * happened before makes this return at once (EAGAIN); one after it
     * finds us queued and wakes us */
    evc_futex(e, FUTEX_WAIT_PRIVATE, key);
    evc_cancel(e);
}

bool
evc_wake_one(struct evc *e)
{
    /* seq_cst fence: orders the caller's publish before the read of the
     * count; pairs with the fence in evc_prepare() */
    atomic_thread_fence(memory_order_seq_cst);
    if (atomic_load_explicit(&e->sleepers, memory_order_relaxed) == 0)
        return false;
    /* release: pairs with the acquire in evc_prepare() */
    atomic_fetch_add_explicit(&e->seq, 1, memory_order_release);
    evc_futex(e, FUTEX_WAKE_PRIVATE, 1);
    return true;
}

void
evc_wake_all(struct evc *e)
{
    /* seq_cst: the caller's state change (limits, quit) is ordered before
     * the bump for every sleeper that reads it in evc_prepare() */
    atomic_fetch_add_explicit(&e->seq, 1, memory_order_seq_cst);
    evc_futex(e, FUTEX_WAKE_PRIVATE, INT_MAX);
}
