/*
 * bench_report.c: the summary of a `virtd bench` run: the workers'
 * histograms and counters merged, printed as text or as one JSON object.
 *
 * Thread context: main thread, after every worker has been joined.
 */
#include "rpc/bench_priv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/json.h"

struct bench_sum {
    struct bench_hist hist;
    struct bench_errs errs;
    uint64_t errors;
    uint64_t calls;
    uint64_t events;
    uint64_t lc_cycles;
    unsigned ready;
    const char *first_error;
};

static void
bench_sum_errs(struct bench_errs *d, const struct bench_errs *s)
{
    d->reply_error += s->reply_error;
    d->bad_reply += s->bad_reply;
    d->conn_lost += s->conn_lost;
    d->connect_failed += s->connect_failed;
    d->unfinished += s->unfinished;
}

static void
bench_collect(struct bench *b, struct bench_sum *s)
{
    unsigned i;

    bench_hist_init(&s->hist);
    for (i = 0; i < b->o.threads; i++) {
        struct bench_thread *t = &b->th[i];

        bench_hist_merge(&s->hist, &t->hist);
        bench_sum_errs(&s->errs, &t->errs);
        s->calls += t->ok_calls;
        s->events += t->events;
        s->lc_cycles += t->lc_cycles;
        s->ready += atomic_load(&t->ready);
        if (!s->first_error && t->first_error[0])
            s->first_error = t->first_error;
    }
    s->errors = s->errs.reply_error + s->errs.bad_reply +
                s->errs.conn_lost + s->errs.connect_failed +
                s->errs.unfinished;
}

static double
bench_us(const struct bench_hist *h, double q)
{
    return (double)bench_hist_quantile(h, q) / 1000.0;
}

static void
bench_json_num(struct json *j, const char *key, double v)
{
    json_key(j, key);
    json_double(j, v);
}

static void
bench_json_uint(struct json *j, const char *key, uint64_t v)
{
    json_key(j, key);
    json_uint(j, v);
}

static void
bench_json_latency(struct json *j, const struct bench_hist *h)
{
    bench_json_num(j, "p50_us", bench_us(h, 0.50));
    bench_json_num(j, "p90_us", bench_us(h, 0.90));
    bench_json_num(j, "p99_us", bench_us(h, 0.99));
    bench_json_num(j, "p999_us", bench_us(h, 0.999));
    bench_json_num(j, "max_us", (double)(h->count ? h->max : 0) / 1000.0);
    bench_json_num(j, "mean_us", bench_hist_mean(h) / 1000.0);
}

static void
bench_json_errors(struct json *j, const struct bench_sum *s)
{
    bench_json_uint(j, "errors", s->errors);
    bench_json_uint(j, "reply_errors", s->errs.reply_error);
    bench_json_uint(j, "bad_replies", s->errs.bad_reply);
    bench_json_uint(j, "conn_lost", s->errs.conn_lost);
    bench_json_uint(j, "connect_failed", s->errs.connect_failed);
    bench_json_uint(j, "unfinished", s->errs.unfinished);
    json_key(j, "first_error");
    json_str(j, s->first_error);
}

static int
bench_print_json(const struct bench *b, const struct bench_sum *s,
                 double secs)
{
    struct json j;
    int rc;

    json_init(&j);
    json_obj_begin(&j);
    json_key(&j, "socket");
    json_str(&j, b->o.addr_text);
    json_key(&j, "mix");
    json_str(&j, b->o.mix_text);
    bench_json_uint(&j, "connections", s->ready);
    bench_json_uint(&j, "connections_requested", b->o.conns);
    bench_json_uint(&j, "pipeline", b->o.pipeline);
    bench_json_uint(&j, "threads", b->o.threads);
    bench_json_num(&j, "duration_s", secs);
    bench_json_uint(&j, "calls", s->calls);
    bench_json_num(&j, "calls_per_s", secs > 0 ? s->calls / secs : 0);
    bench_json_latency(&j, &s->hist);
    bench_json_errors(&j, s);
    bench_json_uint(&j, "events", s->events);
    bench_json_uint(&j, "lifecycle_cycles", s->lc_cycles);
    json_obj_end(&j);
    rc = json_finish(&j);
    if (rc == 0)
        printf("%s\n", j.buf);
    json_release(&j);
    return rc;
}

static void
bench_print_text(const struct bench *b, const struct bench_sum *s,
                 double secs)
{
    const struct bench_hist *h = &s->hist;

    printf("virtd bench %s: mix %s, %u/%u connections x pipeline %u, "
           "%u thread%s, %.1f s measured\n", b->o.addr_text, b->o.mix_text,
           s->ready, b->o.conns, b->o.pipeline, b->o.threads,
           b->o.threads == 1 ? "" : "s", secs);
    printf("  calls     %llu  (%.1f calls/s)\n", (unsigned long long)s->calls,
           secs > 0 ? s->calls / secs : 0);
    printf("  latency   p50 %.1f us  p90 %.1f us  p99 %.1f us  "
           "p99.9 %.1f us  max %.1f us  (mean %.1f us)\n",
           bench_us(h, 0.5), bench_us(h, 0.9), bench_us(h, 0.99),
           bench_us(h, 0.999), (double)(h->count ? h->max : 0) / 1000.0,
           bench_hist_mean(h) / 1000.0);
    printf("  errors    %llu", (unsigned long long)s->errors);
    if (s->errors)
        printf("  (error replies %llu, bad replies %llu, lost %llu, "
               "connect failed %llu, unfinished %llu)",
               (unsigned long long)s->errs.reply_error,
               (unsigned long long)s->errs.bad_reply,
               (unsigned long long)s->errs.conn_lost,
               (unsigned long long)s->errs.connect_failed,
               (unsigned long long)s->errs.unfinished);
    printf("\n");
    if (s->first_error)
        printf("  first error: %s\n", s->first_error);
    if (s->lc_cycles)
        printf("  lifecycle cycles %llu\n", (unsigned long long)s->lc_cycles);
}

int
bench_report(struct bench *b, double secs)
{
    struct bench_sum *s = calloc(1, sizeof(*s));
    int rc = 0;

    if (!s)
        return 1;
    bench_collect(b, s);
    if (b->o.json)
        rc = bench_print_json(b, s, secs);
    else
        bench_print_text(b, s, secs);
    fflush(stdout);
    rc = rc < 0 || s->errors || s->ready == 0 ? 1 : 0;
    free(s);
    return rc;
}
