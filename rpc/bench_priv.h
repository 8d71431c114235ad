/*
 * bench_priv.h: internals of `virtd bench` shared by bench.c (options,
 * set-up, report), bench_mix.c (what each call is and how its reply is
 * checked) and bench_loop.c (the per-thread event loop). Not an API.
 *
 * Threads: the main thread parses options, prepares the mixes, starts
 * opts.threads workers and moves the shared phase forward; each worker
 * owns its share of connections, its epoll, its buffers, its histogram and
 * its counters. Shared between them: the immutable options and mixes, the
 * phase (atomic), and the progress counters (atomic, relaxed).
 */
#ifndef VIRTD_RPC_BENCH_PRIV_H
#define VIRTD_RPC_BENCH_PRIV_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <pthread.h>

#include "core/arena.h"
#include "rpc/bench_hist.h"
#include "rpc/client.h"

#define BENCH_CONNS_MAX     10000u
#define BENCH_PIPELINE_MAX  1024u
#define BENCH_THREADS_MAX   64u
#define BENCH_MIXES_MAX     8u
#define BENCH_SERIAL_BASE   2u      /* 0 AUTH_LIST, 1 CONNECT_OPEN */
#define BENCH_ERRMSG_MAX    256

enum bench_phase {
    BENCH_CONNECT,      /* connecting and handshaking */
    BENCH_WARMUP,       /* calls run, nothing is recorded */
    BENCH_MEASURE,      /* calls run and are recorded */
    BENCH_DRAIN,        /* no new calls; chains finish, replies arrive */
    BENCH_STOP,         /* workers return */
};

struct bench_opts {
    const char *addr_text;
    struct rpc_cli_addr addr;
    unsigned conns;
    unsigned pipeline;
    unsigned threads;
    double duration;            /* seconds measured */
    double warmup;              /* seconds before measuring */
    double connect_timeout;     /* seconds for all connections */
    double drain_timeout;       /* seconds for outstanding calls at the end */
    const char *mix_text;       /* "version,lookup" */
    const char *uri;            /* CONNECT_OPEN name */
    const char *domain;         /* for lookup and info */
    const char *ready_file;     /* written once the connections are up */
    bool json;
    bool progress;              /* live line on stderr */
};

enum bench_mix_kind {
    BENCH_MIX_FIXED,            /* the same call again and again */
    BENCH_MIX_LIFECYCLE,        /* define, create, destroy, undefine */
    BENCH_MIX_IDLE,             /* no calls: the connection is only held */
};

/* Lifecycle progress of one pipeline slot. */
enum bench_lc_step {
    BENCH_LC_DEFINE,
    BENCH_LC_CREATE,
    BENCH_LC_DESTROY,
    BENCH_LC_UNDEFINE,
    BENCH_LC_STEPS,
};

/* One prepared CALL frame; the serial is patched in per send. */
struct bench_req {
    const struct rpc_proc *proc;
    uint8_t *frame;
    uint32_t len;
};

struct bench_mix {
    const char *name;
    enum bench_mix_kind kind;
    struct bench_req req;       /* FIXED */
    const struct rpc_proc *steps[BENCH_LC_STEPS];   /* LIFECYCLE */
    /* FIXED: extra check of a decoded OK reply; NULL = decoding is enough.
     * Returns NULL when fine, else a static description of what is wrong. */
    const char *(*check)(const struct bench_mix *m, const struct xval *ret);
    const char *expect;         /* what check compares against */
};

struct bench_slot {
    uint64_t sent_ns;
    uint32_t serial;            /* of the call out (or the last one) */
    bool busy;
    uint8_t mix;                /* index into bench.mixes */
    uint8_t step;               /* lifecycle: enum bench_lc_step */
    bool defined;               /* lifecycle: our domain exists */
    uint32_t cycle;             /* lifecycle: completed cycles */
    uint8_t uuid[16];           /* lifecycle: uuid of our domain */
};

enum bench_conn_state {
    BENCH_C_IDLE,               /* not connected yet */
    BENCH_C_CONNECTING,         /* TCP connect under way */
    BENCH_C_HANDSHAKE,          /* AUTH_LIST and CONNECT_OPEN sent */
    BENCH_C_READY,              /* open; calls run once the phase allows */
    BENCH_C_DEAD,               /* failed or lost; fd closed */
};

struct bench_conn {
    int fd;
    uint8_t state;              /* enum bench_conn_state */
    uint8_t handshake;          /* bit n: reply to serial n expected */
    bool out_armed;             /* EPOLLOUT registered */
    uint32_t idx;               /* global connection number */
    uint32_t inflight;
    uint32_t next_serial;       /* per connection, BENCH_SERIAL_BASE.. */
    uint8_t *carry;             /* partial frame kept between reads */
    uint32_t carry_len;
    uint32_t carry_cap;
    struct rpc_cli_buf out;     /* bytes the socket did not take yet */
    struct bench_slot *slots;   /* opts.pipeline */
};

/* Error counters of one thread (summed in the report). */
struct bench_errs {
    uint64_t reply_error;       /* REPLY with status ERROR */
    uint64_t bad_reply;         /* wrong header, undecodable, failed check */
    uint64_t conn_lost;         /* connections lost while running */
    uint64_t connect_failed;    /* connect or handshake failed */
    uint64_t unfinished;        /* calls still out after the drain */
};

struct bench;

struct bench_thread {
    struct bench *b;
    unsigned id;
    pthread_t tid;
    int epfd;
    struct bench_conn *conns;
    unsigned nconns;
    unsigned next_connect;      /* next conns[] index to connect */
    unsigned opening;           /* connecting or handshaking now */
    uint8_t *rx;                /* read scratch */
    uint32_t rx_cap;
    struct rpc_cli_buf tx;      /* frames for the connection being served */
    int phase;                  /* this thread's view of bench.phase */
    uint64_t now;               /* ns, taken per connection event */
    struct arena arena;         /* reply decoding */
    struct bench_hist hist;     /* latencies recorded while measuring */
    struct bench_errs errs;
    uint64_t inflight;          /* calls sent and not answered */
    uint64_t ok_calls;          /* validated replies while measuring */
    uint64_t calls_local;       /* replies in any phase */
    uint64_t events;            /* MESSAGE frames received */
    uint64_t lc_cycles;         /* lifecycle cycles completed */
    _Atomic uint64_t calls;     /* replies in MEASURE (progress) */
    _Atomic uint64_t calls_any; /* replies in any phase (progress) */
    _Atomic uint64_t errors;    /* errors so far (progress) */
    _Atomic unsigned settled;   /* connections READY or DEAD */
    _Atomic unsigned ready;     /* connections that reached READY */
    _Atomic bool done;          /* drained (or stopped): loop returned */
    char first_error[BENCH_ERRMSG_MAX];
    char why[BENCH_ERRMSG_MAX]; /* scratch for bench_mix_reply */
};

struct bench {
    struct bench_opts o;
    struct bench_mix mixes[BENCH_MIXES_MAX];
    unsigned nmix;
    char *mix_names;            /* copy of o.mix_text the names point in */
    _Atomic int phase;
    uint32_t pid;               /* in lifecycle domain names */
    struct bench_req handshake; /* AUTH_LIST + CONNECT_OPEN, serials 0, 1 */
    int32_t hs_procs[BENCH_SERIAL_BASE];    /* their procedure numbers */
    struct bench_thread *th;
    unsigned nstarted;          /* threads running (to join) */
};

/* -- bench_mix.c ---------------------------------------------------------- */

/* Parse o.mix_text into b->mixes and prepare their frames, using @cli (an
 * open connection) to look up what the mixes refer to. 0 or -errno with a
 * message printed. */
int bench_mix_prepare(struct bench *b, struct rpc_cli *cli);
void bench_mix_release(struct bench *b);
/* Prepare b->handshake. 0 or -errno. */
int bench_handshake_prepare(struct bench *b);

/* Append the next CALL of @slot to t->tx with @serial. 0 or -errno (the
 * call cannot be made; counted by the caller). */
int bench_mix_emit(struct bench_thread *t, struct bench_conn *c,
                   struct bench_slot *s, uint32_t serial);
/*
 * Check the REPLY frame f[0..len) (header @h) for @slot, whose call it
 * answers, and move the slot's lifecycle forward. Returns NULL when the
 * reply is what the mix expects, else a description (for first_error);
 * *status_error tells an ERROR reply from a malformed one.
 */
const char *bench_mix_reply(struct bench_thread *t, struct bench_conn *c,
                            struct bench_slot *s, uint8_t *f, uint32_t len,
                            const struct rpc_hdr *h, bool *status_error);
/* true when the slot should issue another call in phase @phase (only
 * unfinished lifecycle chains go on while draining). */
bool bench_mix_more(const struct bench *b, const struct bench_slot *s,
                    int phase);

/* -- bench_report.c -------------------------------------------------------- */

/* Print the summary of a run that measured @secs seconds (text on stdout,
 * or JSON with o.json). Returns the exit status: 0 without errors, else 1. */
int bench_report(struct bench *b, double secs);

/* -- bench_loop.c ---------------------------------------------------------- */

/* Thread body (pthread start routine). */
void *bench_loop_run(void *opaque);
/* Record the first error of a thread (printf style). */
void bench_note(struct bench_thread *t, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
uint64_t bench_now_ns(void);

#endif
