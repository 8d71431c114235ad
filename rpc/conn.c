/*
 * conn.c: one client connection on the reactor thread: reading and framing,
 * routing each frame (keepalive inline, protocol errors inline, calls to the
 * pool), the per-client request limit, batched writes, keepalive, close.
 *
 * Every function here runs on the reactor thread.
 */
#include "rpc/server_priv.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include "core/log.h"

#define SRC "rpc.conn"
#define IOV_BATCH 64
#define RECV_FDS 8          /* descriptors taken per read; the kernel closes
                               any beyond (MSG_CTRUNC) */

static void conn_io(struct ev *ev, int fd, unsigned events, void *opaque);
static void conn_keepalive_fire(struct ev *ev, void *opaque);

static void
conn_set_events(struct rpc_client *c, unsigned mask)
{
    if (c->evmask == mask || c->closed)
        return;
    c->evmask = (uint8_t)mask;
    ev_io_mod(c->srv->ev, c->fd, mask);
}

/* The client has used its request slots (or has calls parked). */
static bool
conn_at_limit(const struct rpc_client *c)
{
    return c->inflight >= c->srv->cfg.max_client_requests || c->parked_head;
}

/*
 * Reading is on unless the client is closing, or it is at its request
 * limit and sent more anyway (rd_paused, set in conn_io): a client that
 * keeps to the limit, as libvirt's do, costs no epoll_ctl per round.
 * Writing is on while output is pending.
 */
static void
conn_update_events(struct rpc_client *c)
{
    unsigned mask = 0;

    if (!conn_at_limit(c))
        c->rd_paused = false;
    if (!c->rd_paused && !c->want_close && !c->srv->shutting_down)
        mask |= EV_READ;
    if (c->tx_head)
        mask |= EV_WRITE;
    conn_set_events(c, mask);
}

struct rpc_client *
rpc_conn_new(struct rpc_server *s, int fd, const struct rpc_listener *li)
{
    struct rpc_client *c = calloc(1, sizeof(*c));

    if (!c)
        return NULL;
    c->srv = s;
    c->fd = fd;
    atomic_init(&c->refs, 1);
    c->ro_socket = li->readonly;
    atomic_init(&c->readonly, li->readonly);
    c->transport = (uint8_t)li->transport;
    c->evmask = EV_READ;
    if (ev_io_add(s->ev, fd, EV_READ, conn_io, c) < 0) {
        free(c);
        return NULL;
    }
    return c;
}

static void
msg_list_free(struct rpc_loop *l, struct rpc_msg *m)
{
    while (m) {
        struct rpc_msg *next = m->next;

        rpc_msg_free(l, m);
        m = next;
    }
}

void
rpc_conn_close(struct rpc_client *c, const char *why)
{
    struct rpc_loop *l = rpc_loop_get();

    if (atomic_load_explicit(&c->closed, memory_order_relaxed))
        return;
    log_debug(SRC, "client %llu closed: %s", (unsigned long long)c->id, why);
    ev_io_del(c->srv->ev, c->fd);
    close(c->fd);
    c->fd = -1;
    /* release: handlers polling rpc_client's state see it closed */
    atomic_store_explicit(&c->closed, true, memory_order_release);
    if (c->ka)
        ev_timer_stop(c->srv->ev, &c->ka->timer);
    free(c->ka);
    c->ka = NULL;
    rpc_msg_free(l, c->rx);
    rpc_msg_free(l, c->fd_wait);
    c->rx = c->fd_wait = NULL;
    msg_list_free(l, c->tx_head);
    msg_list_free(l, c->parked_head);
    c->tx_head = c->tx_tail = c->parked_head = c->parked_tail = NULL;
    c->tx_count = 0;
    c->tx_bytes = 0;
    rpc_server_client_gone(c->srv, c);
    rpc_client_unref(c);        /* the reactor's reference */
}

void
rpc_conn_stop_reading(struct rpc_client *c)
{
    conn_update_events(c);
}

/* Put @c on the loop's flush list (completion drain); holds a ref. When
 * the list cannot grow, flush at once (correct, one writev less batched). */
void
rpc_conn_mark_dirty(struct rpc_client *c)
{
    struct rpc_loop *l = rpc_loop_get();

    if (c->dirty)
        return;
    if (l->ndirty == l->dirty_cap) {
        unsigned cap = l->dirty_cap ? l->dirty_cap * 2 : 64;
        struct rpc_client **d = realloc(l->dirty, cap * sizeof(*d));

        if (!d) {
            rpc_conn_flush(c);
            return;
        }
        l->dirty = d;
        l->dirty_cap = cap;
    }
    c->dirty = true;
    rpc_client_ref(c);
    l->dirty[l->ndirty++] = c;
}

/* Append @m to the output queue; the caller flushes (directly, or via the
 * dirty list). A client whose output piles up past the bound is cut. */
void
rpc_conn_enqueue(struct rpc_client *c, struct rpc_msg *m)
{
    if (c->closed) {
        rpc_msg_free(rpc_loop_get(), m);
        return;
    }
    m->next = NULL;
    m->off = 0;
    if (c->tx_tail)
        c->tx_tail->next = m;
    else
        c->tx_head = m;
    c->tx_tail = m;
    c->tx_count++;
    c->tx_bytes += m->len;
    if (c->tx_count > RPC_TX_MAX_MSGS || c->tx_bytes > RPC_TX_MAX_BYTES) {
        log_warn(SRC, "client %llu does not read its replies "
                 "(%u messages, %u bytes queued): disconnecting",
                 (unsigned long long)c->id, c->tx_count, c->tx_bytes);
        rpc_conn_close(c, "output queue limit");
    }
}

/* -- routing one received frame ------------------------------------------- */

static void
conn_reply_now(struct rpc_client *c, struct rpc_msg *m)
{
    m->kind = RPC_MSG_REPLY;
    rpc_conn_enqueue(c, m);
}

static void
conn_keepalive_msg(struct rpc_client *c, struct rpc_msg *m)
{
    if (m->hdr.type == RPC_MESSAGE && m->hdr.proc == KEEPALIVE_PROC_PING) {
        struct rpc_hdr h = {
            .prog = RPC_PROG_KEEPALIVE, .vers = RPC_VERS,
            .proc = KEEPALIVE_PROC_PONG, .type = RPC_MESSAGE,
        };
        rpc_hdr_encode(m->buf + RPC_LEN_SIZE, &h);
        m->buf[0] = 0;
        m->buf[1] = 0;
        m->buf[2] = 0;
        m->buf[3] = RPC_FRAME_MIN;
        m->len = RPC_FRAME_MIN;
        m->kind = RPC_MSG_ASYNC;
        rpc_conn_enqueue(c, m);
        return;
    }
    rpc_msg_free(rpc_loop_get(), m);   /* PONG or unknown: the reset is all */
}

/* A CALL that has a request slot: check what the reactor can check, then
 * hand it to the pool. */
static void
conn_dispatch(struct rpc_client *c, struct rpc_msg *m)
{
    const struct rpc_prog *p = c->srv->cfg.prog;
    int rc;

    c->inflight++;
    if (m->hdr.prog != p->prog || m->hdr.vers != p->vers) {
        rpc_msg_set_rpc_error(m, ERR_RPC, "Cannot find program %u version %u",
                              m->hdr.prog, m->hdr.vers);
        conn_reply_now(c, m);
        return;
    }
    if (m->hdr.status != RPC_OK) {
        /* libvirtd prints the status unsigned: -1 is 4294967295 (live) */
        rpc_msg_set_rpc_error(m, ERR_RPC, "Unexpected message status %u",
                              (uint32_t)m->hdr.status);
        conn_reply_now(c, m);
        return;
    }
    m->proc = rpc_prog_find(p, m->hdr.proc);
    if (!m->proc || !m->proc->fn || (m->proc->flags & RPC_PROC_MESSAGE)) {
        rpc_msg_set_rpc_error(m, ERR_RPC, "unknown procedure: %d",
                              m->hdr.proc);
        conn_reply_now(c, m);
        return;
    }
    m->kind = RPC_MSG_CALL;
    m->client = c;
    rpc_client_ref(c);
    rc = pool_submit(c->srv->pool, m, m->proc->flags & RPC_PROC_PRIO);
    if (rc < 0) {
        rpc_client_unref(c);
        m->client = NULL;
        rpc_msg_set_rpc_error(m, ERR_RPC, "server is busy: %s",
                              rc == -EAGAIN ? "job queue full"
                                            : "shutting down");
        conn_reply_now(c, m);
    }
}

static void
conn_park(struct rpc_client *c, struct rpc_msg *m)
{
    m->next = NULL;
    if (c->parked_tail)
        c->parked_tail->next = m;
    else
        c->parked_head = m;
    c->parked_tail = m;
}

/* A complete CALL: to the pool when a request slot is free, else parked
 * until one is (protocol.md §8.3). */
static void
conn_route_call(struct rpc_client *c, struct rpc_msg *m)
{
    if (c->inflight >= c->srv->cfg.max_client_requests || c->parked_head)
        conn_park(c, m);
    else
        conn_dispatch(c, m);
}

/*
 * CALL_WITH_FDS: a u32 descriptor count precedes the args; the descriptors
 * follow the frame, one per dummy byte (protocol.md §1.7), so the call
 * waits for them (conn_take_fd). A missing count or more than 32 closes
 * the connection, as in libvirtd. False when closed.
 */
static bool
conn_call_with_fds(struct rpc_client *c, struct rpc_msg *m)
{
    uint32_t nfds = 0;

    if (m->len >= RPC_FRAME_MIN + 4)
        nfds = (uint32_t)m->buf[28] << 24 | (uint32_t)m->buf[29] << 16 |
               (uint32_t)m->buf[30] << 8 | m->buf[31];
    if (m->len < RPC_FRAME_MIN + 4 || nfds > RPC_NUM_FDS_MAX) {
        rpc_msg_free(rpc_loop_get(), m);
        rpc_conn_close(c, "bad descriptor count in CALL_WITH_FDS");
        return false;
    }
    m->body = RPC_FRAME_MIN + 4;
    if (nfds == 0) {
        conn_route_call(c, m);
    } else {
        c->fd_wait = m;
        c->fds_left = (uint8_t)nfds;
    }
    return true;
}

/*
 * One complete frame. Returns false when the connection was closed.
 */
static bool
conn_frame(struct rpc_client *c, struct rpc_msg *m)
{
    rpc_hdr_decode(m->buf + RPC_LEN_SIZE, &m->hdr);
    m->body = RPC_FRAME_MIN;
    if (c->ka) {
        c->ka->last_rx_ms = ev_now_ms(c->srv->ev);
        c->ka->left = c->srv->cfg.keepalive_count;
    }

    if (m->hdr.prog == RPC_PROG_KEEPALIVE && m->hdr.vers == RPC_VERS) {
        conn_keepalive_msg(c, m);
        return true;
    }
    if (m->hdr.type == RPC_CALL_WITH_FDS)
        return conn_call_with_fds(c, m);
    if (m->hdr.type != RPC_CALL) {
        /* replies, messages, stray stream packets, bad types: dropped */
        rpc_msg_free(rpc_loop_get(), m);
        return true;
    }
    conn_route_call(c, m);
    return true;
}

/*
 * A dummy byte of a CALL_WITH_FDS. libvirtd reads each with its own
 * recvmsg and closes the connection when one brings no descriptor; here
 * the byte must end its read and have come with exactly one descriptor
 * (the kernel ends a read after the bytes that carry descriptors, so a
 * well-formed dummy byte always ends one). virtd uses no descriptors: the
 * reader has closed it. After the last one the call goes on. False when
 * closed.
 */
static bool
conn_take_fd(struct rpc_client *c, size_t left, unsigned nfds)
{
    struct rpc_msg *m;

    if (left != 1 || nfds != 1) {
        rpc_conn_close(c, "CALL_WITH_FDS without its descriptor");
        return false;
    }
    if (--c->fds_left > 0)
        return true;
    m = c->fd_wait;
    c->fd_wait = NULL;
    conn_route_call(c, m);
    return true;
}

/* Dispatch parked calls while slots are free. */
static void
conn_unpark(struct rpc_client *c)
{
    while (c->parked_head && !c->closed &&
           c->inflight < c->srv->cfg.max_client_requests) {
        struct rpc_msg *m = c->parked_head;

        c->parked_head = m->next;
        if (!c->parked_head)
            c->parked_tail = NULL;
        conn_dispatch(c, m);
    }
}

/* -- reading -------------------------------------------------------------- */

/* Start a frame of @len bytes whose first @have bytes are at @p. */
static struct rpc_msg *
conn_rx_start(struct rpc_client *c, uint32_t len, const uint8_t *p,
              size_t have)
{
    uint32_t cap = len < RPC_RX_INITIAL ? len : RPC_RX_INITIAL;
    struct rpc_msg *m;

    if (have > cap)
        cap = (uint32_t)have;
    m = rpc_msg_new(rpc_loop_get(), cap);
    if (!m) {
        rpc_conn_close(c, "out of memory");
        return NULL;
    }
    memcpy(m->buf, p, have);
    m->len = len;
    m->off = (uint32_t)have;
    return m;
}

/* Feed @n bytes at @p into the client's framing; @nfds descriptors came
 * with the last of them. False when closed. */
static bool
conn_parse(struct rpc_client *c, const uint8_t *p, size_t n, unsigned nfds)
{
    uint32_t len;

    while (n > 0 && !c->closed) {
        if (c->fd_wait) {
            if (!conn_take_fd(c, n, nfds))
                return false;
            p++;
            n--;
            continue;
        }
        if (c->rx) {
            struct rpc_msg *m = c->rx;
            size_t take = m->len - m->off;

            if (take > n)
                take = n;
            if (rpc_msg_reserve(m, m->off + (uint32_t)take) < 0) {
                rpc_conn_close(c, "out of memory");
                return false;
            }
            memcpy(m->buf + m->off, p, take);
            m->off += (uint32_t)take;
            p += take;
            n -= take;
            if (m->off < m->len)
                break;
            c->rx = NULL;
            if (!conn_frame(c, m))
                return false;
            continue;
        }
        if (c->lenbuf_n > 0 || n < RPC_LEN_SIZE) {
            size_t take = RPC_LEN_SIZE - c->lenbuf_n;

            if (take > n)
                take = n;
            memcpy(c->lenbuf + c->lenbuf_n, p, take);
            c->lenbuf_n += (uint8_t)take;
            p += take;
            n -= take;
            if (c->lenbuf_n < RPC_LEN_SIZE)
                break;
            c->lenbuf_n = 0;
            if (rpc_frame_len(c->lenbuf, &len) < 0) {
                rpc_conn_close(c, "bad frame length");
                return false;
            }
            c->rx = conn_rx_start(c, len, c->lenbuf, RPC_LEN_SIZE);
            if (!c->rx)
                return false;
            continue;
        }
        if (rpc_frame_len(p, &len) < 0) {
            rpc_conn_close(c, "bad frame length");
            return false;
        }
        if (n >= len) {
            struct rpc_msg *m = conn_rx_start(c, len, p, len);

            if (!m)
                return false;
            p += len;
            n -= len;
            if (!conn_frame(c, m))
                return false;
        } else {
            c->rx = conn_rx_start(c, len, p, n);
            return c->rx != NULL;
        }
    }
    return !c->closed;
}

/*
 * read() that also takes descriptors a peer passes (SCM_RIGHTS): virtd has
 * no use for them, so they are closed at once and only counted in *nfds.
 * Without this a plain read() would drop them too, but a CALL_WITH_FDS
 * could not tell a dummy byte with its descriptor from one without.
 */
static ssize_t
conn_recv(struct rpc_client *c, uint8_t *p, size_t cap, unsigned *nfds)
{
    union {
        struct cmsghdr align;
        char buf[CMSG_SPACE(sizeof(int) * RECV_FDS)];
    } ctl;
    struct iovec iov = { .iov_base = p, .iov_len = cap };
    struct msghdr mh = {
        .msg_iov = &iov, .msg_iovlen = 1,
        .msg_control = ctl.buf, .msg_controllen = sizeof(ctl.buf),
    };
    ssize_t n = recvmsg(c->fd, &mh, MSG_CMSG_CLOEXEC);

    *nfds = 0;
    if (n < 0)
        return n;
    for (struct cmsghdr *cm = CMSG_FIRSTHDR(&mh); cm;
         cm = CMSG_NXTHDR(&mh, cm)) {
        size_t k = (cm->cmsg_len - CMSG_LEN(0)) / sizeof(int);

        if (cm->cmsg_level != SOL_SOCKET || cm->cmsg_type != SCM_RIGHTS)
            continue;
        for (size_t i = 0; i < k; i++) {
            int fd;

            memcpy(&fd, CMSG_DATA(cm) + i * sizeof(int), sizeof(int));
            close(fd);
        }
        *nfds += (unsigned)k;
    }
    if (mh.msg_flags & MSG_CTRUNC)
        *nfds += 1;             /* more than fitted: never "exactly one" */
    return n;
}

static void
conn_read(struct rpc_client *c)
{
    struct rpc_loop *l = rpc_loop_get();
    unsigned nfds;
    ssize_t n;

    /* A large frame in progress is read straight into its buffer. */
    if (c->rx && c->rx->len - c->rx->off >= RPC_SCRATCH_SIZE / 4) {
        struct rpc_msg *m = c->rx;
        uint32_t want = m->len - m->off;

        if (want > RPC_SCRATCH_SIZE * 4)
            want = RPC_SCRATCH_SIZE * 4;
        if (rpc_msg_reserve(m, m->off + want) < 0) {
            rpc_conn_close(c, "out of memory");
            return;
        }
        n = conn_recv(c, m->buf + m->off, want, &nfds);
        if (n > 0) {
            m->off += (uint32_t)n;
            if (m->off == m->len) {
                c->rx = NULL;
                conn_frame(c, m);
            }
            return;
        }
    } else {
        n = conn_recv(c, l->scratch, RPC_SCRATCH_SIZE, &nfds);
        if (n > 0) {
            conn_parse(c, l->scratch, (size_t)n, nfds);
            return;
        }
    }
    if (n == 0)
        rpc_conn_close(c, "end of file");
    else if (errno != EAGAIN && errno != EINTR)
        rpc_conn_close(c, strerror(errno));
}

/* -- writing -------------------------------------------------------------- */

/* @m has been written completely. */
static void
conn_sent(struct rpc_client *c, struct rpc_msg *m)
{
    c->tx_count--;
    c->tx_bytes -= m->len;
    if (m->kind == RPC_MSG_REPLY)
        c->inflight--;
    if (m->close_after)
        c->want_close = true;
    rpc_msg_free(rpc_loop_get(), m);
}

void
rpc_conn_flush(struct rpc_client *c)
{
    struct iovec iov[IOV_BATCH];

    while (c->tx_head && !c->closed) {
        struct rpc_msg *m = c->tx_head;
        int n = 0;
        ssize_t w;

        for (; m && n < IOV_BATCH; m = m->next, n++) {
            iov[n].iov_base = m->buf + m->off;
            iov[n].iov_len = m->len - m->off;
        }
        w = writev(c->fd, iov, n);
        if (w < 0) {
            if (errno == EAGAIN || errno == EINTR)
                break;
            rpc_conn_close(c, strerror(errno));
            return;
        }
        while (w > 0) {
            m = c->tx_head;
            if ((size_t)w < m->len - m->off) {
                m->off += (uint32_t)w;
                break;
            }
            w -= m->len - m->off;
            c->tx_head = m->next;
            if (!c->tx_head)
                c->tx_tail = NULL;
            conn_sent(c, m);
        }
        if (c->tx_head && c->tx_head->off > 0)
            break;              /* partial write: wait for EV_WRITE */
    }
    if (c->closed)
        return;
    if (!c->tx_head && c->want_close) {
        rpc_conn_close(c, "closed by request");
        return;
    }
    conn_unpark(c);
    conn_update_events(c);
}

/* -- the fd callback ---------------------------------------------------- */

static void
conn_io(struct ev *ev, int fd, unsigned events, void *opaque)
{
    struct rpc_client *c = opaque;

    (void)ev;
    (void)fd;
    rpc_client_ref(c);
    if ((events & EV_READ) && (c->evmask & EV_READ) && conn_at_limit(c))
        c->rd_paused = true;    /* more input at the limit: stop reading */
    else if ((events & EV_READ) && (c->evmask & EV_READ))
        conn_read(c);
    else if ((events & EV_ERROR) && !(events & EV_WRITE))
        rpc_conn_close(c, "socket error");
    if (!c->closed && c->tx_head)
        rpc_conn_flush(c);
    else if (!c->closed)
        conn_update_events(c);
    rpc_client_unref(c);
}

/* -- keepalive (protocol.md §8.5) --------------------------------------- */

static void
conn_send_ping(struct rpc_client *c)
{
    struct rpc_msg *m = rpc_msg_new(rpc_loop_get(), RPC_FRAME_MIN);
    struct rpc_hdr h = {
        .prog = RPC_PROG_KEEPALIVE, .vers = RPC_VERS,
        .proc = KEEPALIVE_PROC_PING, .type = RPC_MESSAGE,
    };

    if (!m)
        return;
    memset(m->buf, 0, 4);
    m->buf[3] = RPC_FRAME_MIN;
    rpc_hdr_encode(m->buf + RPC_LEN_SIZE, &h);
    m->len = RPC_FRAME_MIN;
    m->kind = RPC_MSG_ASYNC;
    rpc_conn_enqueue(c, m);
}

static void
conn_keepalive_fire(struct ev *ev, void *opaque)
{
    struct rpc_client *c = opaque;
    struct rpc_client_ka *ka = c->ka;
    uint64_t interval = (uint64_t)c->srv->cfg.keepalive_interval * 1000;
    uint64_t now = ev_now_ms(ev);

    if (now - ka->last_rx_ms < interval) {
        ev_timer_start(ev, &ka->timer, ka->last_rx_ms + interval - now);
        return;
    }
    if (ka->left == 0) {
        log_warn(SRC, "client %llu: no keepalive response, closing",
                 (unsigned long long)c->id);
        rpc_conn_close(c, "keepalive timeout");
        return;
    }
    ka->left--;
    rpc_client_ref(c);      /* queueing or writing may close and release it */
    conn_send_ping(c);
    if (!c->closed)
        rpc_conn_flush(c);
    if (!c->closed)         /* a closed client's timer must stay stopped */
        ev_timer_start(ev, &c->ka->timer, interval);
    rpc_client_unref(c);
}

/* The keepalive state is allocated here, for the clients that ask: an
 * idle client without it is smaller. Without memory, no server pings. */
void
rpc_conn_keepalive_start(struct rpc_client *c)
{
    if (c->ka || c->closed || c->srv->cfg.keepalive_interval <= 0)
        return;
    c->ka = calloc(1, sizeof(*c->ka));
    if (!c->ka) {
        log_warn(SRC, "client %llu: no memory for keepalive",
                 (unsigned long long)c->id);
        return;
    }
    ev_timer_init(&c->ka->timer, conn_keepalive_fire, c);
    c->ka->last_rx_ms = ev_now_ms(c->srv->ev);
    c->ka->left = c->srv->cfg.keepalive_count;
    ev_timer_start(c->srv->ev, &c->ka->timer,
                   (uint64_t)c->srv->cfg.keepalive_interval * 1000);
}
