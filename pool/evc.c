/*
 * evc.c: futex event count (see evc.h for the protocol and why no wake-up
 * is lost).
 */
#include "pool/evc.h"

#include <limits.h>
#include <linux/futex.h>
#include <stddef.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static void
evc_futex(struct evc *e, int op, uint32_t val, const struct timespec *ts)
{
    /* the kernel reads the word itself; the cast drops _Atomic only for
     * the syscall's prototype, the object is 4 aligned bytes either way */
    syscall(SYS_futex, (uint32_t *)&e->seq, op, val, ts, NULL, 0);
}

/* The state word: announced sleepers in the low half, wakes issued and
 * not yet consumed by a returning sleeper ("tokens") in the high half. */
#define EVC_SLEEPER ((uint64_t)1)
#define EVC_TOKEN ((uint64_t)1 << 32)

static uint32_t
evc_sleepers(uint64_t state)
{
    return (uint32_t)state;
}

static uint32_t
evc_tokens(uint64_t state)
{
    return (uint32_t)(state >> 32);
}

void
evc_init(struct evc *e)
{
    atomic_init(&e->seq, 0);
    atomic_init(&e->state, 0);
}

uint32_t
evc_prepare(struct evc *e)
{
    /* acquire: pairs with the release bump in evc_wake_*(); read before
     * we count ourselves, so any wake issued after a waker has seen us
     * changes seq and evc_wait() returns at once */
    uint32_t key = atomic_load_explicit(&e->seq, memory_order_acquire);

    atomic_fetch_add_explicit(&e->state, EVC_SLEEPER, memory_order_relaxed);
    /* seq_cst fence: orders the count above before the caller's re-check
     * of its condition; pairs with the fence in evc_wake_one() */
    atomic_thread_fence(memory_order_seq_cst);
    return key;
}

void
evc_cancel(struct evc *e)
{
    uint64_t old = atomic_load_explicit(&e->state, memory_order_relaxed);
    uint64_t new;

    /* leave, consuming a token if one is out: some wake counted on a
     * sleeper's return, and this is one (invariant: tokens <= sleepers).
     * acquire: pairs with the release CAS of the waker whose token this
     * may be, so what it published is visible to the caller */
    do {
        new = old - EVC_SLEEPER - (evc_tokens(old) ? EVC_TOKEN : 0);
    } while (!atomic_compare_exchange_weak_explicit(&e->state, &old, new,
                                                    memory_order_acquire,
                                                    memory_order_relaxed));
}

void
evc_wait(struct evc *e, uint32_t key)
{
    /* the kernel compares seq with key under its own lock: a bump that
     * happened before makes this return at once (EAGAIN); one after it
     * finds us queued and wakes us */
    evc_futex(e, FUTEX_WAIT_PRIVATE, key, NULL);
    evc_cancel(e);
    /* seq_cst fence: a waker that saw us counted and so did not wake
     * anyone (all sleepers already had a wake coming) published its work
     * before its own fence; this one makes our re-check see it */
    atomic_thread_fence(memory_order_seq_cst);
}

void
evc_wait_for(struct evc *e, uint32_t key, uint64_t timeout_ns)
{
    struct timespec ts = {
        .tv_sec = (time_t)(timeout_ns / 1000000000u),
        .tv_nsec = (long)(timeout_ns % 1000000000u),
    };

    /* as evc_wait(); a timeout leaves like a wake (evc_cancel consumes a
     * token if one is out: this sleeper is returning and re-checks) */
    evc_futex(e, FUTEX_WAIT_PRIVATE, key, &ts);
    evc_cancel(e);
    atomic_thread_fence(memory_order_seq_cst);
}

/* Issue one wake unless the sleepers are covered: all of them, or (with
 * @first) at least one, have a wake coming. */
static bool
evc_wake_if(struct evc *e, bool first)
{
    uint64_t old;

    /* seq_cst fence: orders the caller's publish before the read of the
     * count; pairs with the fences in evc_prepare() and evc_wait() */
    atomic_thread_fence(memory_order_seq_cst);
    old = atomic_load_explicit(&e->state, memory_order_relaxed);
    do {
        /* every sleeper already has a wake coming (or, for @first, at
         * least one does): it will re-check */
        if (evc_sleepers(old) == evc_tokens(old) ||
            (first && evc_tokens(old) > 0))
            return evc_sleepers(old) > 0;
        /* release: pairs with the acquire CAS in evc_cancel() */
    } while (!atomic_compare_exchange_weak_explicit(&e->state, &old,
                                                    old + EVC_TOKEN,
                                                    memory_order_release,
                                                    memory_order_relaxed));
    /* release: pairs with the acquire in evc_prepare() */
    atomic_fetch_add_explicit(&e->seq, 1, memory_order_release);
    evc_futex(e, FUTEX_WAKE_PRIVATE, 1, NULL);
    return true;
}

bool
evc_wake_one(struct evc *e)
{
    return evc_wake_if(e, false);
}

bool
evc_wake_first(struct evc *e)
{
    return evc_wake_if(e, true);
}

unsigned
evc_sleepers_now(struct evc *e)
{
    /* relaxed: a snapshot for a heuristic; nothing is published by it */
    return evc_sleepers(atomic_load_explicit(&e->state,
                                             memory_order_relaxed));
}

void
evc_wake_all(struct evc *e)
{
    /* seq_cst: the caller's state change (limits, quit) is ordered before
     * the bump for every sleeper that reads it in evc_prepare() */
    atomic_fetch_add_explicit(&e->seq, 1, memory_order_seq_cst);
    evc_futex(e, FUTEX_WAKE_PRIVATE, INT_MAX, NULL);
}
