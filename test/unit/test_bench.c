/*
 * test_bench.c: pieces of `virtd bench` that need no server: the latency
 * histogram (rpc/bench_hist.c).
 */
#include <criterion/criterion.h>
#include <stdlib.h>

#include "rpc/bench_hist.h"

Test(bench, hist_index_roundtrip, .timeout = 5)
{
    uint64_t v;
    unsigned i, prev = 0;

    for (v = 0; v < 1000000; v += 7) {
        i = bench_hist_index(v);
        cr_assert(i < BENCH_HIST_BUCKETS);
        cr_assert(i >= prev, "index not monotonic at %lu", (unsigned long)v);
        cr_assert(bench_hist_lowest(i) <= v);
        cr_assert(i + 1 == BENCH_HIST_BUCKETS || bench_hist_lowest(i + 1) > v);
        prev = i;
    }
    cr_assert_eq(bench_hist_index(UINT64_MAX), BENCH_HIST_BUCKETS - 1);
    cr_assert_eq(bench_hist_index(127), 127);
    cr_assert_eq(bench_hist_index(128), 128);
    cr_assert_eq(bench_hist_lowest(128), 128);
}

Test(bench, hist_quantiles_uniform, .timeout = 5)
{
    struct bench_hist *h = malloc(sizeof(*h));
    uint64_t v, p50, p99;

    bench_hist_init(h);
    for (v = 1; v <= 100000; v++)
        bench_hist_record(h, v * 10);
    p50 = bench_hist_quantile(h, 0.5);
    p99 = bench_hist_quantile(h, 0.99);
    cr_assert(p50 >= 500000 && p50 <= 500000 * 1.016, "p50 %lu",
              (unsigned long)p50);
    cr_assert(p99 >= 990000 && p99 <= 990000 * 1.016, "p99 %lu",
              (unsigned long)p99);
    cr_assert_eq(bench_hist_quantile(h, 1.0), 1000000);
    cr_assert_eq(h->min, 10);
    cr_assert_eq(h->max, 1000000);
    cr_assert_float_eq(bench_hist_mean(h), 500005.0, 0.01);
    free(h);
}

Test(bench, hist_merge_and_empty, .timeout = 5)
{
    struct bench_hist *a = malloc(sizeof(*a)), *b = malloc(sizeof(*b));

    bench_hist_init(a);
    bench_hist_init(b);
    cr_assert_eq(bench_hist_quantile(a, 0.5), 0);
    bench_hist_record(a, 5);
    bench_hist_record(b, 50);
    bench_hist_record(b, 70);
    bench_hist_merge(a, b);
    cr_assert_eq(a->count, 3);
    cr_assert_eq(a->min, 5);
    cr_assert_eq(a->max, 70);
    cr_assert_eq(bench_hist_quantile(a, 0.0), 5);
    cr_assert_eq(bench_hist_quantile(a, 0.5), 50);
    cr_assert_eq(bench_hist_quantile(a, 0.999), 70);
    free(a);
    free(b);
}
