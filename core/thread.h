/*
 * thread.h: spawning threads that never take signals.
 *
 * Every thread except the reactor blocks all signals (signals arrive
 * through the reactor's signalfd). thread_spawn() may be called from any
 * thread.
 */
#ifndef VIRTD_CORE_THREAD_H
#define VIRTD_CORE_THREAD_H

#include <pthread.h>

#define THREAD_NAME_MAX 15      /* what the kernel keeps (plus the NUL) */

/*
 * Start a joinable thread running fn(arg) with every signal blocked, named
 * @name (cut to THREAD_NAME_MAX chars, set before fn runs; NULL keeps the
 * inherited name). The caller's signal mask is unchanged afterwards.
 * 0 and *t set, or -errno (fn never runs). The caller must pthread_join().
 */
int thread_spawn(pthread_t *t, const char *name, void *(*fn)(void *),
                 void *arg);

#endif
