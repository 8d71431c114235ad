/*
 * test_mpmc.c: single-threaded behaviour of the MPMC queue (the concurrent
 * behaviour is in test/stress/stress_mpmc.c).
 */
#include <criterion/criterion.h>
#include <errno.h>
#include <stdint.h>

#include "pool/mpmc.h"

static void *
item(uintptr_t n)
{
    return (void *)(n + 1);
}

Test(mpmc, capacity_rounds_up_to_power_of_two, .timeout = 5)
{
    static const size_t want[][2] = {
        { 1, 2 }, { 2, 2 }, { 3, 4 }, { 4, 4 }, { 5, 8 }, { 1000, 1024 },
        { 1024, 1024 }, { 1025, 2048 },
    };
    size_t i;

    for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
        struct mpmc *q = mpmc_new(want[i][0]);

        cr_assert_not_null(q);
        cr_expect_eq(mpmc_capacity(q), want[i][1], "capacity(%zu) = %zu",
                     want[i][0], mpmc_capacity(q));
        mpmc_free(q);
    }
}

Test(mpmc, bad_capacity_is_einval, .timeout = 5)
{
    errno = 0;
    cr_assert_null(mpmc_new(0));
    cr_assert_eq(errno, EINVAL);
    errno = 0;
    cr_assert_null(mpmc_new(SIZE_MAX));
    cr_assert_eq(errno, EINVAL);
}

Test(mpmc, push_until_full_gives_eagain, .timeout = 5)
{
    struct mpmc *q = mpmc_new(5);       /* 8 cells */
    uintptr_t i;

    cr_assert_not_null(q);
    for (i = 0; i < 8; i++) {
        cr_assert_eq(mpmc_push(q, item(i)), 0, "push %lu", (unsigned long)i);
        cr_assert_eq(mpmc_size(q), i + 1);
    }
    cr_assert_eq(mpmc_push(q, item(8)), -EAGAIN);
    cr_assert_eq(mpmc_size(q), 8);
    cr_assert_eq(mpmc_pop(q), item(0));
    cr_assert_eq(mpmc_push(q, item(8)), 0, "one slot freed, one push");
    cr_assert_eq(mpmc_push(q, item(9)), -EAGAIN);
    mpmc_free(q);
}

Test(mpmc, fifo_single_thread_across_laps, .timeout = 5)
{
    struct mpmc *q = mpmc_new(4);
    uintptr_t next_in = 0, next_out = 0;
    int lap;

    cr_assert_not_null(q);
    /* 3 in, 2 out, many times: the positions wrap the ring often */
    for (lap = 0; lap < 1000; lap++) {
        int i;

        for (i = 0; i < 3 && mpmc_size(q) < 4; i++)
            cr_assert_eq(mpmc_push(q, item(next_in++)), 0);
        for (i = 0; i < 2; i++)
            cr_assert_eq(mpmc_pop(q), item(next_out++));
    }
    while (next_out < next_in)
        cr_assert_eq(mpmc_pop(q), item(next_out++));
    cr_assert_null(mpmc_pop(q));
    mpmc_free(q);
}

Test(mpmc, pop_on_empty_is_null, .timeout = 5)
{
    struct mpmc *q = mpmc_new(2);

    cr_assert_not_null(q);
    cr_assert_null(mpmc_pop(q));
    cr_assert_eq(mpmc_size(q), 0);
    cr_assert_eq(mpmc_push(q, item(7)), 0);
    cr_assert_eq(mpmc_pop(q), item(7));
    cr_assert_null(mpmc_pop(q));
    cr_assert_null(mpmc_pop(q));
    cr_assert_eq(mpmc_size(q), 0);
    mpmc_free(q);
}

Test(mpmc, null_item_refused, .timeout = 5)
{
    struct mpmc *q = mpmc_new(2);

    cr_assert_not_null(q);
    cr_assert_eq(mpmc_push(q, NULL), -EINVAL);
    cr_assert_eq(mpmc_size(q), 0);
    mpmc_free(q);
    mpmc_free(NULL);
}

Test(mpmc, pop_batch_takes_the_oldest_in_order, .timeout = 5)
{
    struct mpmc *q = mpmc_new(8);
    void *out[16];
    uintptr_t i;

    cr_assert_not_null(q);
    cr_assert_eq(mpmc_pop_batch(q, out, 4), 0, "empty: nothing");
    for (i = 0; i < 5; i++)
        cr_assert_eq(mpmc_push(q, item(i)), 0);
    cr_assert_eq(mpmc_pop_batch(q, out, 0), 0, "max 0: nothing");
    cr_assert_eq(mpmc_size(q), 5);
    cr_assert_eq(mpmc_pop_batch(q, out, 3), 3, "at most max");
    for (i = 0; i < 3; i++)
        cr_assert_eq(out[i], item(i));
    cr_assert_eq(mpmc_pop(q), item(3), "single pops go on after a batch");
    cr_assert_eq(mpmc_pop_batch(q, out, 16), 1, "no more than there is");
    cr_assert_eq(out[0], item(4));
    cr_assert_eq(mpmc_size(q), 0);
    cr_assert_eq(mpmc_pops(q), 5, "a batch counts every item it takes");
    /* the freed cells go to the producers of the next lap */
    for (i = 0; i < 8; i++)
        cr_assert_eq(mpmc_push(q, item(10 + i)), 0);
    cr_assert_eq(mpmc_push(q, item(99)), -EAGAIN);
    cr_assert_eq(mpmc_pop_batch(q, out, 16), 8, "a full ring at most");
    for (i = 0; i < 8; i++)
        cr_assert_eq(out[i], item(10 + i));
    cr_assert_null(mpmc_pop(q));
    mpmc_free(q);
}

Test(mpmc, pop_batch_across_laps, .timeout = 5)
{
    struct mpmc *q = mpmc_new(4);
    uintptr_t next_in = 0, next_out = 0;
    void *out[3];

    cr_assert_not_null(q);
    /* 3 in, then batches of up to 3 and a single pop in turn: the
     * batches start at every offset of the ring and wrap it */
    for (int lap = 0; lap < 1000; lap++) {
        size_t n;

        while (mpmc_size(q) < 3)
            cr_assert_eq(mpmc_push(q, item(next_in++)), 0);
        if (lap % 2) {
            cr_assert_eq(mpmc_pop(q), item(next_out++));
            continue;
        }
        n = mpmc_pop_batch(q, out, 1 + lap % 3);
        cr_assert_eq(n, 1 + (size_t)(lap % 3));
        for (size_t i = 0; i < n; i++)
            cr_assert_eq(out[i], item(next_out++), "lap %d item %zu", lap, i);
    }
    mpmc_free(q);
}
