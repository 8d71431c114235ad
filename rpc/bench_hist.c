/*
 * bench_hist.c: log-linear latency histogram (see bench_hist.h).
 */
#include "rpc/bench_hist.h"

#include <string.h>

void
bench_hist_init(struct bench_hist *h)
{
    memset(h, 0, sizeof(*h));
    h->min = UINT64_MAX;
}

unsigned
bench_hist_index(uint64_t v)
{
    unsigned e, shift;

    if (v < BENCH_HIST_LINEAR)
        return (unsigned)v;
    e = 63u - (unsigned)__builtin_clzll(v);           /* >= SUB_BITS + 1 */
    shift = e - BENCH_HIST_SUB_BITS;
    return BENCH_HIST_LINEAR + (e - BENCH_HIST_SUB_BITS - 1u) *
           BENCH_HIST_SUB + (unsigned)((v >> shift) - BENCH_HIST_SUB);
}

uint64_t
bench_hist_lowest(unsigned i)
{
    unsigned e, sub;

    if (i < BENCH_HIST_LINEAR)
        return i;
    e = (i - BENCH_HIST_LINEAR) / BENCH_HIST_SUB + BENCH_HIST_SUB_BITS + 1u;
    sub = (i - BENCH_HIST_LINEAR) % BENCH_HIST_SUB + BENCH_HIST_SUB;
    return (uint64_t)sub << (e - BENCH_HIST_SUB_BITS);
}

void
bench_hist_record(struct bench_hist *h, uint64_t v)
{
    h->bucket[bench_hist_index(v)]++;
    h->count++;
    h->sum = h->sum + v < h->sum ? UINT64_MAX : h->sum + v;
    if (v < h->min)
        h->min = v;
    if (v > h->max)
        h->max = v;
}

void
bench_hist_merge(struct bench_hist *dst, const struct bench_hist *src)
{
    unsigned i;

    for (i = 0; i < BENCH_HIST_BUCKETS; i++)
        dst->bucket[i] += src->bucket[i];
    dst->count += src->count;
    dst->sum = dst->sum + src->sum < dst->sum ? UINT64_MAX
               : dst->sum + src->sum;
    if (src->min < dst->min)
        dst->min = src->min;
    if (src->max > dst->max)
        dst->max = src->max;
}

uint64_t
bench_hist_quantile(const struct bench_hist *h, double q)
{
    uint64_t rank, seen = 0, hi;
    unsigned i;

    if (h->count == 0)
        return 0;
    if (q < 0)
        q = 0;
    rank = (uint64_t)(q * (double)h->count + 0.999999);
    if (rank < 1)
        rank = 1;
    if (rank > h->count)
        rank = h->count;
    for (i = 0; i < BENCH_HIST_BUCKETS; i++) {
        seen += h->bucket[i];
        if (seen >= rank)
            break;
    }
    hi = i + 1 < BENCH_HIST_BUCKETS ? bench_hist_lowest(i + 1) - 1
                                    : UINT64_MAX;
    return hi > h->max ? h->max : hi;
}

double
bench_hist_mean(const struct bench_hist *h)
{
    return h->count ? (double)h->sum / (double)h->count : 0.0;
}
