/*
 * test_thread.c: thread_spawn() blocks every signal and names the thread.
 */
#include <criterion/criterion.h>

#include <signal.h>
#include <string.h>

#include "core/thread.h"

struct seen {
    sigset_t mask;
    char name[32];
};

static void *
record(void *arg)
{
    struct seen *s = arg;

    pthread_sigmask(SIG_SETMASK, NULL, &s->mask);
    pthread_getname_np(pthread_self(), s->name, sizeof(s->name));
    return s;
}

Test(thread, blocks_signals_and_names, .timeout = 5)
{
    struct seen s;
    sigset_t before;
    sigset_t after;
    pthread_t t;
    void *ret;

    memset(&s, 0, sizeof(s));
    pthread_sigmask(SIG_SETMASK, NULL, &before);
    cr_assert(!sigismember(&before, SIGTERM));
    cr_assert_eq(thread_spawn(&t, "worker/with-a-long-name", record, &s), 0);
    cr_assert_eq(pthread_join(t, &ret), 0);
    cr_assert_eq(ret, &s);
    cr_assert(sigismember(&s.mask, SIGTERM));
    cr_assert(sigismember(&s.mask, SIGINT));
    cr_assert(sigismember(&s.mask, SIGUSR1));
    cr_assert(sigismember(&s.mask, SIGHUP));
    cr_assert_str_eq(s.name, "worker/with-a-l");
    /* The creator's mask is back as it was. */
    pthread_sigmask(SIG_SETMASK, NULL, &after);
    cr_assert(!sigismember(&after, SIGTERM));
    cr_assert(!sigismember(&after, SIGUSR1));
}

Test(thread, short_name_and_null_name, .timeout = 5)
{
    struct seen s;
    pthread_t t;

    memset(&s, 0, sizeof(s));
    cr_assert_eq(thread_spawn(&t, "ev", record, &s), 0);
    cr_assert_eq(pthread_join(t, NULL), 0);
    cr_assert_str_eq(s.name, "ev");
    memset(&s, 0, sizeof(s));
    cr_assert_eq(thread_spawn(&t, NULL, record, &s), 0);
    cr_assert_eq(pthread_join(t, NULL), 0);
    cr_assert(sigismember(&s.mask, SIGTERM));
}
