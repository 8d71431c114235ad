/*
 * bench.c: `virtd bench`: options, set-up (a blocking check connection
 * that also prepares the mixes), the worker threads, the phases and the
 * live progress line. The workers' loop is in bench_loop.c, the calls in
 * bench_mix.c, the final report in bench_report.c.
 *
 * Thread context: bench_main runs on the calling thread, which only
 * sleeps, moves bench.phase forward and reads the workers' atomics until
 * it has joined them.
 */
#include "rpc/bench.h"
#include "rpc/bench_priv.h"

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#define BENCH_RX_CAP      (256u << 10)
#define BENCH_TX_CAP      (64u << 10)
#define BENCH_SLOTS_MAX   (1u << 20)    /* conns x pipeline */
#define BENCH_TICK_MS     250
#define BENCH_SETUP_MS    10000

static const char bench_usage[] =
    "usage: virtd bench SOCKET [options]\n"
    "  SOCKET              UNIX socket path, or host:port\n"
    "  -c, --conns N       connections (1-10000; default 16)\n"
    "  -p, --pipeline N    calls in flight per connection (default 1)\n"
    "  -d, --duration S    seconds measured (default 5)\n"
    "  -w, --warmup S      seconds run before measuring (default 1)\n"
    "  -m, --mix LIST      comma-separated: version libversion hostname\n"
    "                      info list lookup lifecycle idle (default version;\n"
    "                      idle: connect, then make no calls)\n"
    "  -t, --threads N     worker threads (default: half the CPUs)\n"
    "  -u, --uri URI       CONNECT_OPEN name (default test:///default)\n"
    "      --domain NAME   domain for lookup and info (default test)\n"
    "      --ready-file F  write F once every connection is open\n"
    "      --connect-timeout S  (default 30)\n"
    "      --json          print one JSON object at the end\n"
    "  -q, --quiet         no progress line\n";

/* -- options ---------------------------------------------------------------- */

static int
bench_num(const char *s, double min, double max, double *v)
{
    char *end;

    errno = 0;
    *v = strtod(s, &end);
    if (errno || end == s || *end || *v < min || *v > max)
        return -EINVAL;
    return 0;
}

static int
bench_uint(const char *s, unsigned min, unsigned max, unsigned *v)
{
    double d;

    if (bench_num(s, min, max, &d) < 0 || d != (double)(unsigned)d)
        return -EINVAL;
    *v = (unsigned)d;
    return 0;
}

static void
bench_defaults(struct bench_opts *o)
{
    long ncpu = sysconf(_SC_NPROCESSORS_ONLN);

    memset(o, 0, sizeof(*o));
    o->conns = 16;
    o->pipeline = 1;
    o->duration = 5;
    o->warmup = 1;
    o->connect_timeout = 30;
    o->drain_timeout = 5;
    o->mix_text = "version";
    o->uri = "test:///default";
    o->domain = "test";
    o->threads = ncpu > 1 ? (unsigned)(ncpu / 2) : 1;
    o->progress = isatty(STDERR_FILENO);
}

/* One option; 0 or -EINVAL (with a message). */
static int
bench_opt(struct bench_opts *o, int ch, const char *arg)
{
    int rc = 0;

    switch (ch) {
    case 'c': rc = bench_uint(arg, 1, BENCH_CONNS_MAX, &o->conns); break;
    case 'p': rc = bench_uint(arg, 1, BENCH_PIPELINE_MAX, &o->pipeline);
        break;
    case 'd': rc = bench_num(arg, 0.1, 3600, &o->duration); break;
    case 'w': rc = bench_num(arg, 0, 600, &o->warmup); break;
    case 't': rc = bench_uint(arg, 1, BENCH_THREADS_MAX, &o->threads); break;
    case 'T': rc = bench_num(arg, 1, 600, &o->connect_timeout); break;
    case 'm': o->mix_text = arg; break;
    case 'u': o->uri = arg; break;
    case 'D': o->domain = arg; break;
    case 'R': o->ready_file = arg; break;
    case 'j': o->json = true; break;
    case 'q': o->progress = false; break;
    default: return -EINVAL;
    }
    if (rc < 0)
        fprintf(stderr, "bench: bad value '%s' for -%c\n", arg,
                ch == 'T' ? 'T' : ch);
    return rc;
}

static int
bench_parse_opts(struct bench_opts *o, int argc, char **argv)
{
    static const struct option longs[] = {
        { "conns", 1, NULL, 'c' }, { "pipeline", 1, NULL, 'p' },
        { "duration", 1, NULL, 'd' }, { "warmup", 1, NULL, 'w' },
        { "mix", 1, NULL, 'm' }, { "threads", 1, NULL, 't' },
        { "uri", 1, NULL, 'u' }, { "domain", 1, NULL, 'D' },
        { "connect-timeout", 1, NULL, 'T' }, { "json", 0, NULL, 'j' },
        { "quiet", 0, NULL, 'q' }, { "help", 0, NULL, 'h' },
        { "ready-file", 1, NULL, 'R' },
        { NULL, 0, NULL, 0 },
    };
    int ch;

    bench_defaults(o);
    optind = 1;
    while ((ch = getopt_long(argc, argv, "c:p:d:w:m:t:u:qh", longs,
                             NULL)) != -1) {
        if (ch == 'h' || ch == '?' || bench_opt(o, ch, optarg) < 0)
            return ch == 'h' ? 1 : -EINVAL;
    }
    if (optind != argc - 1)
        return -EINVAL;
    o->addr_text = argv[optind];
    if (o->threads > o->conns)
        o->threads = o->conns;
    if ((uint64_t)o->conns * o->pipeline > BENCH_SLOTS_MAX) {
        fprintf(stderr, "bench: conns x pipeline must be <= %u\n",
                BENCH_SLOTS_MAX);
        return -EINVAL;
    }
    return 0;
}

/* -- set-up ----------------------------------------------------------------- */

/* Enough descriptors for every connection (raise the soft limit). */
static int
bench_nofile(unsigned conns)
{
    struct rlimit rl;

    if (getrlimit(RLIMIT_NOFILE, &rl) < 0)
        return -errno;
    rl.rlim_cur = rl.rlim_max;
    setrlimit(RLIMIT_NOFILE, &rl);
    getrlimit(RLIMIT_NOFILE, &rl);
    if (rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur < (rlim_t)conns + 32) {
        fprintf(stderr, "bench: %u connections need more open files than "
                "the limit of %llu (ulimit -n)\n", conns,
                (unsigned long long)rl.rlim_cur);
        return -EMFILE;
    }
    return 0;
}

/* AUTH_LIST and CONNECT_OPEN on a blocking check connection. */
static int
bench_check_open(struct bench *b, struct rpc_cli *cli)
{
    struct xval args[2] = {
        { .present = true, .s = b->o.uri, .n = (uint32_t)strlen(b->o.uri) },
        { .present = true },
    };
    struct xval ret[4];
    struct err err = { 0 };
    struct arena a;
    int rc;

    arena_init(&a);
    rc = rpc_cli_call_name(cli, &rpc_prog_remote, "AUTH_LIST", NULL, ret,
                           &a, &err, BENCH_SETUP_MS);
    if (rc == 0)
        rc = rpc_cli_call_name(cli, &rpc_prog_remote, "CONNECT_OPEN", args,
                               ret, &a, &err, BENCH_SETUP_MS);
    if (rc == 1)
        fprintf(stderr, "bench: %s: %s\n", b->o.addr_text,
                err.message ? err.message : "error");
    else if (rc < 0)
        fprintf(stderr, "bench: %s: %s\n", b->o.addr_text, strerror(-rc));
    err_release(&err);
    arena_reset(&a);
    return rc == 0 ? 0 : -EIO;
}

/* Check that the server answers, and prepare the frames. */
static int
bench_setup(struct bench *b)
{
    struct rpc_cli cli;
    int rc = rpc_cli_addr_parse(b->o.addr_text, &b->o.addr);

    if (rc < 0) {
        fprintf(stderr, "bench: bad address '%s'\n", b->o.addr_text);
        return rc;
    }
    rc = rpc_cli_open(&cli, b->o.addr_text);
    if (rc < 0)
        fprintf(stderr, "bench: cannot connect to %s: %s\n",
                b->o.addr_text, strerror(-rc));
    if (rc == 0)
        rc = bench_check_open(b, &cli);
    if (rc == 0)
        rc = bench_mix_prepare(b, &cli);
    if (rc == 0)
        rc = bench_handshake_prepare(b);
    rpc_cli_close(&cli);
    return rc;
}

static int
bench_thread_init(struct bench *b, struct bench_thread *t, unsigned first,
                  unsigned n, struct bench_slot *slots)
{
    unsigned i, k;

    t->b = b;
    t->epfd = epoll_create1(EPOLL_CLOEXEC);
    t->conns = calloc(n, sizeof(*t->conns));
    t->rx = malloc(BENCH_RX_CAP);
    if (t->epfd < 0 || !t->conns || !t->rx ||
        rpc_cli_buf_reserve(&t->tx, BENCH_TX_CAP, RPC_FRAME_MAX) < 0)
        return -ENOMEM;
    t->nconns = n;
    t->rx_cap = BENCH_RX_CAP;
    arena_init(&t->arena);
    bench_hist_init(&t->hist);
    for (i = 0; i < n; i++) {
        struct bench_conn *c = &t->conns[i];

        c->fd = -1;
        c->idx = first + i;
        c->slots = slots + (size_t)i * b->o.pipeline;
        for (k = 0; k < b->o.pipeline; k++) {
            c->slots[k].mix = (uint8_t)((c->idx * b->o.pipeline + k) %
                                        b->nmix);
            c->slots[k].serial = BENCH_SERIAL_BASE + k - b->o.pipeline;
        }
    }
    return 0;
}

static void
bench_thread_release(struct bench_thread *t)
{
    if (t->epfd >= 0)
        close(t->epfd);
    free(t->conns);
    free(t->rx);
    rpc_cli_buf_release(&t->tx);
    arena_reset(&t->arena);
}

/* -- running ---------------------------------------------------------------- */

/* SIGINT/SIGTERM while running: end the current phase early and still
 * report (process-wide, installed only for the duration of bench_run). */
static volatile sig_atomic_t bench_interrupted;

static void
bench_on_signal(int sig)
{
    (void)sig;
    bench_interrupted = 1;
}

static double
bench_secs(void)
{
    return (double)bench_now_ns() / 1e9;
}

static void
bench_sleep_ms(unsigned ms)
{
    struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };

    while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
        ;
}

static void
bench_set_phase(struct bench *b, int phase)
{
    atomic_store_explicit(&b->phase, phase, memory_order_release);
}

static uint64_t
bench_sum(struct bench *b, size_t field)
{
    uint64_t sum = 0;
    unsigned i;

    for (i = 0; i < b->o.threads; i++)
        sum += atomic_load_explicit((_Atomic uint64_t *)
                                    ((char *)&b->th[i] + field),
                                    memory_order_relaxed);
    return sum;
}

/* Connections settled (open or failed), and how many of them are open. */
static unsigned
bench_settled(struct bench *b, unsigned *ready)
{
    unsigned sum = 0, i;

    *ready = 0;
    for (i = 0; i < b->o.threads; i++) {
        sum += atomic_load_explicit(&b->th[i].settled, memory_order_relaxed);
        *ready += atomic_load_explicit(&b->th[i].ready, memory_order_relaxed);
    }
    return sum;
}

static bool
bench_all_done(struct bench *b)
{
    unsigned i;

    for (i = 0; i < b->o.threads; i++)
        if (!atomic_load_explicit(&b->th[i].done, memory_order_acquire))
            return false;
    return true;
}

/* Progress line state: calls at the last tick. */
struct bench_tick {
    double t;
    uint64_t calls;
};

static void
bench_progress(struct bench *b, const char *what, double elapsed,
               double total, struct bench_tick *last)
{
    double now = bench_secs();
    uint64_t calls = bench_sum(b, offsetof(struct bench_thread, calls_any));
    double rate = now > last->t ? (double)(calls - last->calls) /
                                  (now - last->t) : 0;

    if (!b->o.progress)
        return;
    fprintf(stderr, "\r\033[K%-8s %5.1f/%.1fs %12.0f calls/s  errors %llu",
            what, elapsed, total, rate, (unsigned long long)
            bench_sum(b, offsetof(struct bench_thread, errors)));
    last->t = now;
    last->calls = calls;
}

/* Let the calls run in @phase for @secs, with the progress line. */
static void
bench_run_phase(struct bench *b, int phase, double secs, const char *what)
{
    double start = bench_secs(), now;
    struct bench_tick tick = { start, bench_sum(b, offsetof(struct
                                                 bench_thread, calls_any)) };

    bench_set_phase(b, phase);
    while ((now = bench_secs()) - start < secs && !bench_interrupted) {
        double left = secs - (now - start);

        bench_sleep_ms(left * 1000 < BENCH_TICK_MS ? (unsigned)(left * 1000)
                       + 1 : BENCH_TICK_MS);
        bench_progress(b, what, bench_secs() - start, secs, &tick);
    }
}

/* Wait until every connection is open or failed, or the timeout; the
 * number open. */
static unsigned
bench_wait_open(struct bench *b)
{
    double start = bench_secs();
    unsigned ready;

    while (bench_settled(b, &ready) < b->o.conns && !bench_interrupted &&
           bench_secs() - start < b->o.connect_timeout) {
        bench_sleep_ms(20);
        if (b->o.progress)
            fprintf(stderr, "\r\033[Kconnecting %u/%u", ready, b->o.conns);
    }
    bench_settled(b, &ready);
    if (b->o.ready_file) {
        FILE *f = fopen(b->o.ready_file, "w");

        if (f) {
            fprintf(f, "%u\n", ready);
            fclose(f);
        }
    }
    return ready;
}

/* Connect, warm up, measure, drain; the measured seconds go to *secs. */
static void
bench_run_phases(struct bench *b, double *secs)
{
    double start;

    if (bench_wait_open(b) == 0) {
        bench_set_phase(b, BENCH_STOP);
        return;
    }
    if (b->o.warmup > 0)
        bench_run_phase(b, BENCH_WARMUP, b->o.warmup, "warmup");
    start = bench_secs();
    bench_run_phase(b, BENCH_MEASURE, b->o.duration, "measure");
    bench_set_phase(b, BENCH_DRAIN);
    *secs = bench_secs() - start;
    start = bench_secs();
    while (!bench_all_done(b) && bench_secs() - start < b->o.drain_timeout)
        bench_sleep_ms(10);
    bench_set_phase(b, BENCH_STOP);
    if (b->o.progress)
        fprintf(stderr, "\r\033[K");
}

/* bench_run_phases with SIGINT/SIGTERM ending it early. */
static void
bench_run(struct bench *b, double *secs)
{
    struct sigaction sa = { .sa_handler = bench_on_signal }, old_int, old_term;

    sigemptyset(&sa.sa_mask);
    bench_interrupted = 0;
    sigaction(SIGINT, &sa, &old_int);
    sigaction(SIGTERM, &sa, &old_term);
    bench_run_phases(b, secs);
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGTERM, &old_term, NULL);
}

static int
bench_start(struct bench *b, struct bench_slot *slots)
{
    unsigned i, first = 0, n;
    int rc = 0;

    for (i = 0; i < b->o.threads && rc == 0; i++) {
        n = b->o.conns / b->o.threads + (i < b->o.conns % b->o.threads);
        b->th[i].id = i;
        rc = bench_thread_init(b, &b->th[i], first, n,
                               slots + (size_t)first * b->o.pipeline);
        first += n;
    }
    for (i = 0; i < b->o.threads && rc == 0; i++) {
        rc = -pthread_create(&b->th[i].tid, NULL, bench_loop_run, &b->th[i]);
        if (rc == 0)
            b->nstarted++;
    }
    if (rc < 0)
        bench_set_phase(b, BENCH_STOP);
    return rc;
}

int
bench_main(int argc, char **argv)
{
    struct bench *b = calloc(1, sizeof(*b));
    struct bench_slot *slots = NULL;
    double secs = 0;
    unsigned i;
    int rc;

    if (!b)
        return 1;
    rc = bench_parse_opts(&b->o, argc, argv);
    if (rc != 0) {
        fputs(bench_usage, rc > 0 ? stdout : stderr);
        free(b);
        return rc > 0 ? 0 : 2;
    }
    b->pid = (uint32_t)getpid();
    rc = bench_nofile(b->o.conns);
    if (rc == 0)
        rc = bench_setup(b);
    if (rc == 0) {
        slots = calloc((size_t)b->o.conns * b->o.pipeline, sizeof(*slots));
        b->th = calloc(b->o.threads, sizeof(*b->th));
        for (i = 0; b->th && i < b->o.threads; i++)
            b->th[i].epfd = -1;
        rc = slots && b->th ? bench_start(b, slots) : -ENOMEM;
    }
    if (rc == 0)
        bench_run(b, &secs);
    for (i = 0; i < b->nstarted; i++)
        pthread_join(b->th[i].tid, NULL);
    if (rc == 0)
        rc = bench_report(b, secs);
    else
        rc = 1;
    for (i = 0; b->th && i < b->o.threads; i++)
        bench_thread_release(&b->th[i]);
    bench_mix_release(b);
    free(b->th);
    free(slots);
    free(b);
    return rc;
}
