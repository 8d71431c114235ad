/*
 * bench_loop.c: the event loop of one `virtd bench` worker thread. It owns
 * its connections end to end: connects them in small batches, runs the
 * handshake, keeps every pipeline slot busy, reads everything available
 * per readiness and parses every whole frame, and writes all the calls a
 * readiness produced with one write.
 *
 * Per connection the outstanding calls are the pipeline slots: slot i uses
 * serials BENCH_SERIAL_BASE + i + k * pipeline, so a reply finds its slot
 * by one modulo and replies may come back in any order.
 *
 * Thread context: everything here runs on the owning worker; the only
 * shared state is bench.phase (read) and the atomics of bench_thread.
 */
#include "rpc/bench_priv.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define BENCH_OPEN_BATCH   32u          /* connections opening at once */
#define BENCH_EVENTS       256
#define BENCH_READS_MAX    8            /* reads per readiness (fairness) */
#define BENCH_OUT_MAX      (64u << 20)  /* unsent bytes per connection */
#define BENCH_CARRY_SMALL  256u

static const uint8_t bench_pong[RPC_FRAME_MIN] = {
    0x00, 0x00, 0x00, 0x1c, 0x6b, 0x65, 0x65, 0x70,     /* len, "keep" */
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x02,     /* vers, PONG */
    0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00,     /* MESSAGE, serial */
    0x00, 0x00, 0x00, 0x00,                             /* OK */
};

uint64_t
bench_now_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

void
bench_note(struct bench_thread *t, const char *fmt, ...)
{
    va_list ap;

    if (t->first_error[0])
        return;
    va_start(ap, fmt);
    vsnprintf(t->first_error, sizeof(t->first_error), fmt, ap);
    va_end(ap);
}

static int
bench_epoll(struct bench_thread *t, struct bench_conn *c, int op,
            uint32_t events)
{
    struct epoll_event ev = { .events = events, .data.ptr = c };

    return epoll_ctl(t->epfd, op, c->fd, &ev) < 0 ? -errno : 0;
}

/* -- connection end ------------------------------------------------------- */

static void
bench_conn_free_bufs(struct bench_conn *c)
{
    free(c->carry);
    c->carry = NULL;
    c->carry_len = c->carry_cap = 0;
    rpc_cli_buf_release(&c->out);
}

/* Close @c after a failure; counted as a failed connect while opening, as
 * a lost connection once ready. */
static void
bench_conn_fail(struct bench_thread *t, struct bench_conn *c, const char *why)
{
    if (c->state == BENCH_C_DEAD)
        return;
    if (c->state == BENCH_C_READY) {
        t->errs.conn_lost++;
        bench_note(t, "connection %u lost: %s", c->idx, why);
    } else {
        t->errs.connect_failed++;
        bench_note(t, "connection %u failed: %s", c->idx, why);
        if (c->state != BENCH_C_IDLE)
            t->opening--;
        atomic_fetch_add_explicit(&t->settled, 1, memory_order_relaxed);
    }
    if (c->fd >= 0)
        close(c->fd);
    c->fd = -1;
    t->inflight -= c->inflight;
    t->errs.unfinished += c->inflight;
    c->inflight = 0;
    c->state = BENCH_C_DEAD;
    bench_conn_free_bufs(c);
}

/* -- writing --------------------------------------------------------------- */

/* Write what it takes of p[0..n); keep the rest and wait for EPOLLOUT. */
static void
bench_write(struct bench_thread *t, struct bench_conn *c, const uint8_t *p,
            uint32_t n)
{
    ssize_t w = send(c->fd, p, n, MSG_NOSIGNAL | MSG_DONTWAIT);

    if (w < 0 && errno != EAGAIN && errno != EINTR) {
        bench_conn_fail(t, c, strerror(errno));
        return;
    }
    if (w < 0)
        w = 0;
    if ((uint32_t)w == n)
        return;
    if (rpc_cli_buf_append(&c->out, p + w, n - (uint32_t)w,
                           BENCH_OUT_MAX) < 0) {
        bench_conn_fail(t, c, "too much unsent data");
        return;
    }
    if (!c->out_armed && bench_epoll(t, c, EPOLL_CTL_MOD,
                                     EPOLLIN | EPOLLOUT) == 0)
        c->out_armed = true;
}

/* Send the frames gathered in t->tx for @c: one write, or queue behind
 * bytes still unsent. */
static void
bench_flush(struct bench_thread *t, struct bench_conn *c)
{
    uint32_t n = t->tx.len;

    t->tx.len = 0;
    if (n == 0 || c->state == BENCH_C_DEAD)
        return;
    if (c->out.len == 0) {
        bench_write(t, c, t->tx.p, n);
        return;
    }
    if (rpc_cli_buf_append(&c->out, t->tx.p, n, BENCH_OUT_MAX) < 0)
        bench_conn_fail(t, c, "too much unsent data");
}

/* EPOLLOUT: send the unsent bytes; disarm once they are all gone. */
static void
bench_drain_out(struct bench_thread *t, struct bench_conn *c)
{
    ssize_t w;

    if (c->out.len == 0)
        return;
    w = send(c->fd, c->out.p, c->out.len, MSG_NOSIGNAL | MSG_DONTWAIT);
    if (w < 0 && errno != EAGAIN && errno != EINTR) {
        bench_conn_fail(t, c, strerror(errno));
        return;
    }
    if (w <= 0)
        return;
    rpc_cli_buf_consume(&c->out, (size_t)w);
    if (c->out.len == 0 && c->out_armed &&
        bench_epoll(t, c, EPOLL_CTL_MOD, EPOLLIN) == 0)
        c->out_armed = false;
}

/* -- calls ----------------------------------------------------------------- */

/* Send the slot's next call into t->tx. */
static void
bench_slot_send(struct bench_thread *t, struct bench_conn *c,
                struct bench_slot *s)
{
    uint32_t serial = s->serial + t->b->o.pipeline;
    int rc = bench_mix_emit(t, c, s, serial);

    if (rc < 0) {
        t->errs.bad_reply++;
        bench_note(t, "cannot encode a call: %s", strerror(-rc));
        return;
    }
    s->serial = serial;
    s->busy = true;
    s->sent_ns = t->now;
    c->inflight++;
    t->inflight++;
}

/* The connection is open and the phase allows calls: fill every slot. */
static void
bench_conn_start(struct bench_thread *t, struct bench_conn *c)
{
    const struct bench *b = t->b;
    unsigned i;

    for (i = 0; i < b->o.pipeline; i++) {
        struct bench_slot *s = &c->slots[i];

        if (!s->busy && bench_mix_more(b, s, t->phase))
            bench_slot_send(t, c, s);
    }
    bench_flush(t, c);
}

/* Handshake reply (serial 0 AUTH_LIST or 1 CONNECT_OPEN). */
static int
bench_handshake_reply(struct bench_thread *t, struct bench_conn *c,
                      uint8_t *f, uint32_t len, const struct rpc_hdr *h)
{
    struct err err = { 0 };

    if (h->type != RPC_REPLY || h->serial >= BENCH_SERIAL_BASE ||
        !(c->handshake & (1u << h->serial)) ||
        h->proc != t->b->hs_procs[h->serial]) {
        bench_conn_fail(t, c, "unexpected frame during the handshake");
        return -1;
    }
    if (h->status != RPC_OK) {
        rpc_cli_decode_error(f + RPC_FRAME_MIN, len - RPC_FRAME_MIN, &err);
        bench_conn_fail(t, c, err.message ? err.message : "handshake error");
        err_release(&err);
        return -1;
    }
    c->handshake &= ~(1u << h->serial);
    if (c->handshake)
        return 0;
    c->state = BENCH_C_READY;
    t->opening--;
    atomic_fetch_add_explicit(&t->ready, 1, memory_order_relaxed);
    atomic_fetch_add_explicit(&t->settled, 1, memory_order_relaxed);
    if (t->phase == BENCH_WARMUP || t->phase == BENCH_MEASURE)
        bench_conn_start(t, c);
    return 0;
}

/* A REPLY in the steady state: find its slot, validate, record, go on. */
static void
bench_call_reply(struct bench_thread *t, struct bench_conn *c, uint8_t *f,
                 uint32_t len, const struct rpc_hdr *h)
{
    uint32_t p = t->b->o.pipeline;
    struct bench_slot *s;
    const char *why;
    bool status_error;

    s = &c->slots[(h->serial - BENCH_SERIAL_BASE) % p];
    if (h->serial < BENCH_SERIAL_BASE || !s->busy || s->serial != h->serial) {
        t->errs.bad_reply++;
        bench_note(t, "reply with serial %u matches no call", h->serial);
        return;
    }
    s->busy = false;
    c->inflight--;
    t->inflight--;
    why = bench_mix_reply(t, c, s, f, len, h, &status_error);
    if (why) {
        if (status_error)
            t->errs.reply_error++;
        else
            t->errs.bad_reply++;
        bench_note(t, "%s", why);
    } else if (t->phase == BENCH_MEASURE) {
        bench_hist_record(&t->hist, t->now - s->sent_ns);
        t->ok_calls++;
    }
    t->calls_local++;
    if (bench_mix_more(t->b, s, t->phase))
        bench_slot_send(t, c, s);
}

/* One whole frame from the server. -1 when the connection was closed. */
static int
bench_frame(struct bench_thread *t, struct bench_conn *c, uint8_t *f,
            uint32_t len)
{
    struct rpc_hdr h;

    rpc_hdr_decode(f + RPC_LEN_SIZE, &h);
    if (h.prog == RPC_PROG_KEEPALIVE) {
        if (h.proc == KEEPALIVE_PROC_PING && h.type == RPC_MESSAGE)
            rpc_cli_buf_append(&t->tx, bench_pong, sizeof(bench_pong),
                               RPC_FRAME_MAX);
        return 0;
    }
    if (h.type == RPC_MESSAGE || h.type == RPC_STREAM) {
        t->events++;
        return 0;
    }
    if (h.prog != RPC_PROG_REMOTE) {
        t->errs.bad_reply++;
        bench_note(t, "frame for program 0x%x", h.prog);
        return 0;
    }
    if (c->state == BENCH_C_HANDSHAKE)
        return bench_handshake_reply(t, c, f, len, &h);
    bench_call_reply(t, c, f, len, &h);
    return c->state == BENCH_C_DEAD ? -1 : 0;
}

/* -- reading --------------------------------------------------------------- */

/* Parse the whole frames in buf[0..n); the offset of the first byte not
 * consumed, or -1 when the connection was closed. */
static int64_t
bench_parse(struct bench_thread *t, struct bench_conn *c, uint8_t *buf,
            uint32_t n)
{
    uint32_t off = 0, len;

    while (n - off >= RPC_LEN_SIZE) {
        if (rpc_frame_len(buf + off, &len) < 0) {
            bench_conn_fail(t, c, "frame length out of bounds");
            return -1;
        }
        if (n - off < len)
            break;
        if (bench_frame(t, c, buf + off, len) < 0)
            return -1;
        off += len;
    }
    return off;
}

/* Keep buf[0..n), the start of a frame, for the next read. */
static int
bench_keep(struct bench_conn *c, const uint8_t *buf, uint32_t n)
{
    uint32_t want = BENCH_CARRY_SMALL, len;
    uint8_t *p;

    if (n >= RPC_LEN_SIZE && rpc_frame_len(buf, &len) == 0 && len > want)
        want = len;
    if (want > c->carry_cap) {
        p = realloc(c->carry, want);
        if (!p)
            return -ENOMEM;
        c->carry = p;
        c->carry_cap = want;
    }
    memmove(c->carry, buf, n);
    c->carry_len = n;
    return 0;
}

/* A frame too big for the scratch buffer: read it into c->carry. 1 when
 * the socket is drained, 0 to read on, -1 when closed. */
static int
bench_read_big(struct bench_thread *t, struct bench_conn *c, uint32_t len)
{
    ssize_t n = read(c->fd, c->carry + c->carry_len, len - c->carry_len);

    if (n < 0 && (errno == EAGAIN || errno == EINTR))
        return 1;
    if (n <= 0) {
        bench_conn_fail(t, c, n == 0 ? "end of file" : strerror(errno));
        return -1;
    }
    c->carry_len += (uint32_t)n;
    if (c->carry_len < len)
        return 0;
    c->carry_len = 0;
    return bench_frame(t, c, c->carry, len) < 0 ? -1 : 0;
}

/* One read into the scratch after the kept bytes; parse; keep the rest.
 * 1 when the socket is drained, 0 to read on, -1 when closed. */
static int
bench_read_once(struct bench_thread *t, struct bench_conn *c)
{
    uint32_t have = c->carry_len, space = t->rx_cap - have, total;
    ssize_t n;
    int64_t used;

    if (have)
        memcpy(t->rx, c->carry, have);
    n = read(c->fd, t->rx + have, space);
    if (n < 0 && (errno == EAGAIN || errno == EINTR))
        return 1;
    if (n <= 0) {
        bench_conn_fail(t, c, n == 0 ? "end of file" : strerror(errno));
        return -1;
    }
    c->carry_len = 0;
    total = have + (uint32_t)n;
    used = bench_parse(t, c, t->rx, total);
    if (used < 0)
        return -1;
    if (used < total && bench_keep(c, t->rx + used, total - (uint32_t)used)) {
        bench_conn_fail(t, c, "out of memory");
        return -1;
    }
    return (uint32_t)n < space ? 1 : 0;
}

static void
bench_read(struct bench_thread *t, struct bench_conn *c)
{
    uint32_t len;
    int i, rc = 0;

    for (i = 0; i < BENCH_READS_MAX && rc == 0; i++) {
        if (c->carry_len >= RPC_LEN_SIZE &&
            rpc_frame_len(c->carry, &len) == 0 && len > t->rx_cap)
            rc = bench_read_big(t, c, len);
        else
            rc = bench_read_once(t, c);
    }
}

/* -- opening ---------------------------------------------------------------- */

/* Connected: register for input (@op: ADD, or MOD after a TCP connect)
 * and send the handshake. */
static void
bench_conn_connected(struct bench_thread *t, struct bench_conn *c, int op)
{
    const struct bench_req *hs = &t->b->handshake;

    if (bench_epoll(t, c, op, EPOLLIN) < 0) {
        bench_conn_fail(t, c, "epoll_ctl failed");
        return;
    }
    c->state = BENCH_C_HANDSHAKE;
    c->handshake = 3;                   /* serials 0 and 1 outstanding */
    bench_write(t, c, hs->frame, hs->len);
}

/* Start connecting conns[next_connect]. false when the listener's backlog
 * is full (try again on the next round). */
static bool
bench_conn_open(struct bench_thread *t, struct bench_conn *c)
{
    int fd = -1, rc = rpc_cli_connect(&t->b->o.addr, true, &fd);

    if (rc == -EAGAIN)
        return false;
    c->fd = fd;
    if (rc < 0 && rc != -EINPROGRESS) {
        c->fd = -1;
        bench_conn_fail(t, c, strerror(-rc));
        return true;
    }
    t->opening++;
    c->state = BENCH_C_CONNECTING;
    if (rc == 0) {
        bench_conn_connected(t, c, EPOLL_CTL_ADD);
        return true;
    }
    if (bench_epoll(t, c, EPOLL_CTL_ADD, EPOLLOUT) < 0)
        bench_conn_fail(t, c, "epoll_ctl failed");
    return true;
}

/* Keep up to BENCH_OPEN_BATCH connections opening. */
static void
bench_open_more(struct bench_thread *t)
{
    while (t->opening < BENCH_OPEN_BATCH && t->next_connect < t->nconns) {
        struct bench_conn *c = &t->conns[t->next_connect];

        t->now = bench_now_ns();
        if (!bench_conn_open(t, c))
            break;
        t->next_connect++;
    }
}

/* -- the loop ---------------------------------------------------------------- */

static void
bench_event(struct bench_thread *t, struct bench_conn *c, uint32_t ev)
{
    t->now = bench_now_ns();
    if (c->state == BENCH_C_CONNECTING) {
        int rc = rpc_cli_connect_result(c->fd);

        if (rc < 0)
            bench_conn_fail(t, c, strerror(-rc));
        else
            bench_conn_connected(t, c, EPOLL_CTL_MOD);
        return;
    }
    if ((ev & EPOLLOUT) && c->state != BENCH_C_DEAD)
        bench_drain_out(t, c);
    if ((ev & (EPOLLIN | EPOLLERR | EPOLLHUP)) && c->state != BENCH_C_DEAD)
        bench_read(t, c);
    bench_flush(t, c);
}

/* The shared phase moved on: start calls, or give up on late opens. */
static void
bench_phase_change(struct bench_thread *t, int phase)
{
    int old = t->phase;
    unsigned i;

    t->phase = phase;
    if (old != BENCH_CONNECT)
        return;
    t->now = bench_now_ns();
    for (i = 0; i < t->nconns; i++) {
        struct bench_conn *c = &t->conns[i];

        if (c->state == BENCH_C_READY && phase <= BENCH_MEASURE)
            bench_conn_start(t, c);
        else if (c->state != BENCH_C_READY)
            bench_conn_fail(t, c, "not open before the connect timeout");
    }
}

/* Publish progress counters (relaxed: only the progress line reads them
 * while running). */
static void
bench_publish(struct bench_thread *t)
{
    atomic_store_explicit(&t->calls, t->ok_calls, memory_order_relaxed);
    atomic_store_explicit(&t->calls_any, t->calls_local,
                          memory_order_relaxed);
    atomic_store_explicit(&t->errors, t->errs.reply_error +
                          t->errs.bad_reply + t->errs.conn_lost +
                          t->errs.connect_failed, memory_order_relaxed);
}

static void
bench_loop_close(struct bench_thread *t)
{
    unsigned i;

    t->errs.unfinished += t->inflight;
    t->inflight = 0;
    for (i = 0; i < t->nconns; i++) {
        struct bench_conn *c = &t->conns[i];

        if (c->fd >= 0)
            close(c->fd);
        c->fd = -1;
        bench_conn_free_bufs(c);
    }
}

void *
bench_loop_run(void *opaque)
{
    struct bench_thread *t = opaque;
    struct epoll_event evs[BENCH_EVENTS];
    int n, i, phase;

    for (;;) {
        phase = atomic_load_explicit(&t->b->phase, memory_order_acquire);
        if (phase != t->phase)
            bench_phase_change(t, phase);
        if (phase == BENCH_STOP || (phase == BENCH_DRAIN && !t->inflight))
            break;
        if (phase == BENCH_CONNECT)
            bench_open_more(t);
        n = epoll_wait(t->epfd, evs, BENCH_EVENTS,
                       phase == BENCH_CONNECT ? 2 : 20);
        for (i = 0; i < n; i++)
            bench_event(t, evs[i].data.ptr, evs[i].events);
        bench_publish(t);
    }
    bench_publish(t);
    bench_loop_close(t);
    atomic_store_explicit(&t->done, true, memory_order_release);
    return NULL;
}
