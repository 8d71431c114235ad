/*
 * bench_hist.h: latency histogram for `virtd bench`, log-linear buckets in
 * the style of HdrHistogram: values below 128 ns exact, then 64 linear
 * sub-buckets per power of two (relative error under 1.6 %). Fixed size,
 * no allocation; recording is one index computation and one increment.
 *
 * Synchronization: none. Each bench thread records into its own histogram;
 * the main thread merges them after the threads are joined.
 */
#ifndef VIRTD_RPC_BENCH_HIST_H
#define VIRTD_RPC_BENCH_HIST_H

#include <stdint.h>

#define BENCH_HIST_SUB_BITS 6
#define BENCH_HIST_SUB      (1u << BENCH_HIST_SUB_BITS)         /* 64 */
#define BENCH_HIST_LINEAR   (2u * BENCH_HIST_SUB)               /* 128 */
#define BENCH_HIST_BUCKETS  \
    (BENCH_HIST_LINEAR + (64u - BENCH_HIST_SUB_BITS - 1u) * BENCH_HIST_SUB)

struct bench_hist {
    uint64_t count;
    uint64_t min;
    uint64_t max;
    uint64_t sum;                           /* saturating */
    uint64_t bucket[BENCH_HIST_BUCKETS];
};

void bench_hist_init(struct bench_hist *h);
void bench_hist_record(struct bench_hist *h, uint64_t v);
/* Add @src into @dst. */
void bench_hist_merge(struct bench_hist *dst, const struct bench_hist *src);
/*
 * Value at quantile @q (0..1): the highest value equivalent to the bucket
 * holding the ceil(q*count)-th smallest sample, capped at max; 0 when
 * empty.
 */
uint64_t bench_hist_quantile(const struct bench_hist *h, double q);
/* Mean (0 when empty). */
double bench_hist_mean(const struct bench_hist *h);

/* Bucket index of @v and the lowest value of bucket @i (for tests). */
unsigned bench_hist_index(uint64_t v);
uint64_t bench_hist_lowest(unsigned i);

#endif
