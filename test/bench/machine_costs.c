/*
 * machine_costs.c: what the machine charges for the kernel operations a
 * call through virtd is made of, so that the performance table can be
 * read against the machine it was measured on (docs/PERFORMANCE.md).
 * libc and pthreads only; runs for about a second. Prints key value
 * lines:
 *
 *   syscall_ns        one trivial system call (getppid)
 *   unix_pair_us      write() of a 28-byte frame on a UNIX stream socket
 *                     plus the read() that takes it, one thread
 *   wake_cpu_us       CPU time the waker spends in FUTEX_WAKE when the
 *                     woken thread sleeps on another, idle, CPU (median)
 *   wake_latency_us   from that FUTEX_WAKE to the woken thread running
 *                     (median)
 *   wake_busy_cpu_us  the same waker's CPU when the other CPU is busy
 *                     running a third thread, as it is under load
 *   wake_same_cpu_us  the same when the woken thread sleeps on the
 *                     waker's own CPU
 *
 * The wake is the handoff a worker pool pays when a call or a reply
 * crosses threads. Waking a thread on another CPU takes an
 * inter-processor interrupt (to a halted CPU, or to make a running one
 * reschedule), and on a virtual machine sending one can cost the sender
 * many microseconds; a wake on the same CPU takes none, which is what
 * the last line separates out.
 */
#include <linux/futex.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define SYSCALLS 200000
#define PAIRS 50000
#define WAKES 2000
#define SETTLE_NS 100000        /* lets the woken thread sleep again */

static _Atomic uint32_t word;           /* futex: 1 = go */
static _Atomic uint64_t ran_at;         /* when the sleeper ran, ns */
static _Atomic int stop;

static uint64_t
ns_of(clockid_t id)
{
    struct timespec ts;

    clock_gettime(id, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static int
cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

    return x < y ? -1 : x > y;
}

static uint64_t
median(uint64_t *v, size_t n)
{
    qsort(v, n, sizeof(*v), cmp_u64);
    return v[n / 2];
}

/* Where the threads of one wake measurement run: CPU numbers, or -1. */
struct placement {
    int waker, sleeper, spinner;
};

static void
pin_to(int cpu)
{
    cpu_set_t set;

    if (cpu < 0)
        return;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    pthread_setaffinity_np(pthread_self(), sizeof(set), &set);
}

static void *
sleeper(void *arg)
{
    pin_to(*(const int *)arg);
    while (!atomic_load(&stop)) {
        if (atomic_load(&word) == 0) {
            syscall(SYS_futex, &word, FUTEX_WAIT_PRIVATE, 0, NULL, NULL, 0);
            continue;
        }
        atomic_store(&word, 0);
        atomic_store(&ran_at, ns_of(CLOCK_MONOTONIC));
    }
    return NULL;
}

/* Keeps its CPU busy until told to stop, as a load keeps it. */
static void *
spinner(void *arg)
{
    pin_to(*(const int *)arg);
    while (!atomic_load(&stop))
        ;
    return NULL;
}

static double
syscall_ns(void)
{
    uint64_t t0 = ns_of(CLOCK_MONOTONIC);

    for (int i = 0; i < SYSCALLS; i++)
        syscall(SYS_getppid);
    return (double)(ns_of(CLOCK_MONOTONIC) - t0) / SYSCALLS;
}

static double
unix_pair_us(void)
{
    static const char frame[28];
    char buf[4096];
    int sv[2];
    uint64_t t0;

    if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0)
        return -1;
    t0 = ns_of(CLOCK_MONOTONIC);
    for (int i = 0; i < PAIRS; i++) {
        if (write(sv[0], frame, sizeof(frame)) != (ssize_t)sizeof(frame) ||
            read(sv[1], buf, sizeof(buf)) != (ssize_t)sizeof(frame)) {
            close(sv[0]);
            close(sv[1]);
            return -1;
        }
    }
    t0 = ns_of(CLOCK_MONOTONIC) - t0;
    close(sv[0]);
    close(sv[1]);
    return (double)t0 / PAIRS / 1000.0;
}

/*
 * Wakes the sleeper WAKES times and takes the medians of the waker's CPU
 * time in FUTEX_WAKE and of the time until the sleeper ran. Between
 * wakes a waker with a CPU of its own spins (its CPU stays busy, so the
 * sleeper is not moved onto it); one sharing its CPU with the sleeper
 * yields until the sleeper has run.
 */
static int
wake_costs(const struct placement *pl, double *cpu_us, double *lat_us)
{
    static uint64_t cpu[WAKES], lat[WAKES];
    bool shared = pl->waker >= 0 && pl->waker == pl->sleeper;
    pthread_t t, spin;

    atomic_store(&stop, 0);
    atomic_store(&word, 0);
    pin_to(pl->waker);
    if (pthread_create(&t, NULL, sleeper, (void *)&pl->sleeper) != 0)
        return -1;
    if (pl->spinner >= 0 &&
        pthread_create(&spin, NULL, spinner, (void *)&pl->spinner) != 0) {
        atomic_store(&stop, 1);
        atomic_store(&word, 1);
        syscall(SYS_futex, &word, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
        pthread_join(t, NULL);
        return -1;
    }
    for (int i = 0; i < WAKES; i++) {
        uint64_t settle = ns_of(CLOCK_MONOTONIC) + SETTLE_NS, c0, w0;

        while (ns_of(CLOCK_MONOTONIC) < settle)
            if (shared)
                sched_yield();
        atomic_store(&ran_at, 0);
        w0 = ns_of(CLOCK_MONOTONIC);    /* before the go: never after it */
        atomic_store(&word, 1);
        c0 = ns_of(CLOCK_THREAD_CPUTIME_ID);
        syscall(SYS_futex, &word, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
        cpu[i] = ns_of(CLOCK_THREAD_CPUTIME_ID) - c0;
        while (atomic_load(&ran_at) == 0)
            if (shared)
                sched_yield();
        lat[i] = atomic_load(&ran_at) - w0;
    }
    atomic_store(&stop, 1);
    atomic_store(&word, 1);
    syscall(SYS_futex, &word, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
    pthread_join(t, NULL);
    if (pl->spinner >= 0)
        pthread_join(spin, NULL);
    *cpu_us = (double)median(cpu, WAKES) / 1000.0;
    *lat_us = (double)median(lat, WAKES) / 1000.0;
    return 0;
}

/* The first two CPUs this process may run on, or -1. */
static int
two_cpus(int *a, int *b)
{
    cpu_set_t set;

    *a = *b = -1;
    if (sched_getaffinity(0, sizeof(set), &set) < 0)
        return -1;
    for (int c = 0; c < CPU_SETSIZE && *b < 0; c++) {
        if (!CPU_ISSET(c, &set))
            continue;
        if (*a < 0)
            *a = c;
        else
            *b = c;
    }
    return *b < 0 ? -1 : 0;
}

int
main(void)
{
    double cpu_us, lat_us, busy_us, same_us, pair_us, unused;
    int a, b;

    if (two_cpus(&a, &b) < 0) {
        fprintf(stderr, "machine_costs: needs two CPUs\n");
        return 1;
    }
    printf("syscall_ns %.0f\n", syscall_ns());
    pair_us = unix_pair_us();
    if (pair_us < 0) {
        fprintf(stderr, "machine_costs: the UNIX socket pair failed\n");
        return 1;
    }
    printf("unix_pair_us %.2f\n", pair_us);
    if (wake_costs(&(struct placement){ a, b, -1 }, &cpu_us, &lat_us) < 0 ||
        wake_costs(&(struct placement){ a, b, b }, &busy_us, &unused) < 0 ||
        wake_costs(&(struct placement){ a, a, -1 }, &same_us, &unused) < 0) {
        fprintf(stderr, "machine_costs: no thread\n");
        return 1;
    }
    printf("wake_cpu_us %.2f\nwake_latency_us %.2f\n", cpu_us, lat_us);
    printf("wake_busy_cpu_us %.2f\nwake_same_cpu_us %.2f\n", busy_us,
           same_us);
    return 0;
}
