/*
 * evc.h: an event count, the sleep/wake half of the worker pool (futex
 * based, no lock). Threads that found nothing to do sleep on it; threads
 * that made work available wake one (or all) of them.
 *
 * Protocol (a wake-up is never lost):
 *
 *   sleeper                              waker
 *   key = evc_prepare(e);                publish the work (e.g. mpmc_push)
 *   if (work available or must exit)     evc_wake_one(e) or evc_wake_all(e)
 *       evc_cancel(e);
 *   else
 *       evc_wait(e, key);
 *
 * evc_prepare() counts the sleeper, then a seq_cst fence; evc_wake_one()
 * starts with a seq_cst fence, then reads the count (Dekker): either the
 * waker sees the sleeper, or the sleeper's re-check sees the work. A waker
 * that wakes bumps the futex word before FUTEX_WAKE, so a sleeper that has
 * not reached the kernel yet returns from evc_wait() at once instead of
 * sleeping through the wake. Spurious returns from evc_wait() are
 * possible; callers loop.
 *
 * Wakes are counted ("tokens") until a sleeper returns: a waker issues a
 * wake only while there are more sleepers than wakes on their way, so a
 * burst of work while a woken thread is still being scheduled costs one
 * futex syscall, not one per item. Tokens never exceed the sleepers that
 * are sure to return, so a sleeper that needs a wake always gets one.
 *
 * Synchronization table:
 *   evc_init                  before the evc is shared
 *   evc_prepare + evc_wait    any thread, concurrently with everything;
 *   or evc_prepare+evc_cancel each prepare is ended by exactly one of them
 *   evc_wait_for              like evc_wait
 *   evc_wake_one, wake_first,
 *   wake_all, sleepers_now    any thread, concurrently with everything
 */
#ifndef VIRTD_POOL_EVC_H
#define VIRTD_POOL_EVC_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

struct evc {
    /* futex word, bumped by every effective wake; release by wakers,
     * acquire in evc_prepare() (so a sleeper that saw the bump also sees
     * what the waker published before it) */
    _Alignas(64) _Atomic uint32_t seq;
    /* low 32 bits: threads between evc_prepare() and the end of
     * evc_wait/cancel (paired through the seq_cst fences described
     * above); high 32 bits: wakes issued not yet consumed by a returning
     * sleeper (release CAS by wakers, acquire CAS by sleepers) */
    _Atomic uint64_t state;
};

void evc_init(struct evc *e);

/* Announce a sleep; returns the key for evc_wait(). */
uint32_t evc_prepare(struct evc *e);

/* Undo evc_prepare() without sleeping. */
void evc_cancel(struct evc *e);

/* Sleep unless a wake happened since evc_prepare() returned @key. */
void evc_wait(struct evc *e, uint32_t key);

/* evc_wait(), but for @timeout_ns at the most. */
void evc_wait_for(struct evc *e, uint32_t key, uint64_t timeout_ns);

/*
 * Call after publishing work. Wakes one sleeper unless every announced
 * sleeper already has a wake coming. Returns whether any sleeper is
 * announced (then some thread will re-check the work).
 */
bool evc_wake_one(struct evc *e);

/*
 * Call after publishing work. Wakes one sleeper unless a wake is already
 * on its way to one (that sleeper will re-check): a burst of work costs
 * one wake, and the caller decides whether more threads are needed.
 * Returns whether any sleeper is announced.
 */
bool evc_wake_first(struct evc *e);

/* Sleepers announced now (a snapshot, for heuristics only). */
unsigned evc_sleepers_now(struct evc *e);

/* Wake every sleeper (limits changed, shutdown). */
void evc_wake_all(struct evc *e);

/* One iteration of a bounded spin: tells the CPU we are busy-waiting. */
static inline void
evc_relax(void)
{
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__)
    __asm__ __volatile__("yield" ::: "memory");
#else
    atomic_signal_fence(memory_order_seq_cst);
#endif
}

#endif
