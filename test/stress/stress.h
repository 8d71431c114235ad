/*
 * stress.h: helpers shared by the plain-C stress programs (they run under
 * ThreadSanitizer, so no Criterion). A failed check prints where and why
 * and exits 1; a watchdog alarm kills a program that hangs (a lost
 * wake-up shows up that way).
 */
#ifndef VIRTD_TEST_STRESS_H
#define VIRTD_TEST_STRESS_H

#include <dirent.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define STRESS_CHECK(cond, ...)                                             \
    do {                                                                    \
        if (!(cond)) {                                                      \
            fprintf(stderr, "FAIL %s:%d: %s: ", __FILE__, __LINE__, #cond); \
            fprintf(stderr, __VA_ARGS__);                                   \
            fputc('\n', stderr);                                            \
            exit(1);                                                        \
        }                                                                   \
    } while (0)

static inline uint64_t
stress_now_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static inline void
stress_sleep_ms(unsigned ms)
{
    struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000 };

    nanosleep(&ts, NULL);
}

static inline void *
stress_nop(void *arg)
{
    return arg;
}

/*
 * Start of every program: a watchdog (SIGALRM's default action ends the
 * process, so a hang, e.g. a lost wake-up, becomes a failure), line
 * buffered output, and one thread created and joined so that the
 * sanitizer's own helper thread exists before threads are counted.
 */
static inline void
stress_start(unsigned seconds)
{
    pthread_t t;

    alarm(seconds);
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (pthread_create(&t, NULL, stress_nop, NULL) == 0)
        pthread_join(t, NULL);
}

/* Live threads of this process (exited threads leave /proc at once). */
static inline int
stress_task_count(void)
{
    DIR *d = opendir("/proc/self/task");
    struct dirent *de;
    int n = 0;

    if (!d)
        return -1;
    while ((de = readdir(d)))
        n += de->d_name[0] != '.';
    closedir(d);
    return n;
}

/*
 * The thread count once it is stable for 20 ms: a joined thread can stay
 * in /proc for a moment after pthread_join() returns.
 */
static inline int
stress_task_settle(void)
{
    int n = stress_task_count(), same = 0, i;

    for (i = 0; i < 2000 && same < 20; i++) {
        int m;

        stress_sleep_ms(1);
        m = stress_task_count();
        same = m == n ? same + 1 : 0;
        n = m;
    }
    return n;
}

static inline bool
stress_task_is(void *want)
{
    return stress_task_count() == *(int *)want;
}

/* Whether the calling thread's name contains @tag ("-p", "-w"). */
static inline bool
stress_thread_is(const char *tag)
{
    char name[16];

    if (pthread_getname_np(pthread_self(), name, sizeof(name)) != 0)
        return false;
    return strstr(name, tag) != NULL;
}

/* Poll @pred every millisecond for up to @ms; its last answer. */
static inline bool
stress_wait_for(bool (*pred)(void *), void *arg, unsigned ms)
{
    uint64_t end = stress_now_ns() + (uint64_t)ms * 1000000u;

    while (!pred(arg)) {
        if (stress_now_ns() > end)
            return pred(arg);
        stress_sleep_ms(1);
    }
    return true;
}

/* A gate blocking jobs until opened (mutex + condvar: test code only). */
struct stress_gate {
    pthread_mutex_t lock;
    pthread_cond_t cond;
    bool open;                  /* lock */
};

static inline void
stress_gate_init(struct stress_gate *g)
{
    pthread_mutex_init(&g->lock, NULL);
    pthread_cond_init(&g->cond, NULL);
    g->open = false;
}

static inline void
stress_gate_pass(struct stress_gate *g)
{
    pthread_mutex_lock(&g->lock);
    while (!g->open)
        pthread_cond_wait(&g->cond, &g->lock);
    pthread_mutex_unlock(&g->lock);
}

static inline void
stress_gate_set(struct stress_gate *g, bool open)
{
    pthread_mutex_lock(&g->lock);
    g->open = open;
    pthread_cond_broadcast(&g->cond);
    pthread_mutex_unlock(&g->lock);
}

#endif
