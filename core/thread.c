/*
 * thread.c: signal-free, named threads (see thread.h).
 */
#include "core/thread.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

/* What the new thread needs before it calls the user's function. */
struct thread_start {
    void *(*fn)(void *);
    void *arg;
    char name[THREAD_NAME_MAX + 1];     /* "" = keep the inherited name */
};

/* Runs in the new thread: name it first, so fn already sees its name. */
static void *
thread_main(void *opaque)
{
    struct thread_start st = *(struct thread_start *)opaque;

    free(opaque);
    if (st.name[0])
        (void)pthread_setname_np(pthread_self(), st.name);
    return st.fn(st.arg);
}

int
thread_spawn(pthread_t *t, const char *name, void *(*fn)(void *),
             void *arg)
{
    struct thread_start *st = calloc(1, sizeof(*st));
    sigset_t all;
    sigset_t old;
    int rc;

    if (!st)
        return -ENOMEM;
    st->fn = fn;
    st->arg = arg;
    if (name)
        memcpy(st->name, name, strnlen(name, THREAD_NAME_MAX));
    /* A new thread inherits the creator's mask: block everything around
     * pthread_create() so the thread never runs with signals unblocked. */
    sigfillset(&all);
    rc = pthread_sigmask(SIG_SETMASK, &all, &old);
    if (rc)
        goto out;
    rc = pthread_create(t, NULL, thread_main, st);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
out:
    if (rc) {
        free(st);
        return -rc;
    }
    return 0;
}
