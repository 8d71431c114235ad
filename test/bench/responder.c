/*
 * responder.c: a trivial, single-threaded libvirt RPC responder, to measure
 * `virtd bench` itself (the daemon must not be in the way).
 *
 *   responder SOCKET [--timeout SECS] [--ping MS]
 *
 * Listens on the UNIX socket path SOCKET and answers every CALL of the
 * remote or admin program at once with an OK reply whose body is the
 * procedure's ret shape (from the shared tables) filled with zeros and
 * empty strings, prepared once per procedure. Only what bench validates
 * is answered from the call: DOMAIN_LOOKUP_BY_NAME and DOMAIN_DEFINE_XML
 * return a domain of the name asked for, CONNECT_GET_HOSTNAME
 * "responder". Keepalive PINGs get a PONG; with --ping every client is
 * PINGed every MS milliseconds. Exits after --timeout seconds (default
 * 600) or on SIGINT/SIGTERM, printing how many calls it answered.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "rpc/client.h"
#include "rpc/msg.h"
#include "rpc/prog.h"
#include "rpc/xdr.h"

#define RSP_RX_CAP    (256u << 10)
#define RSP_OUT_MAX   (16u << 20)
#define RSP_PROCS     1024
#define RSP_FIELDS    32
#define RSP_EVENTS    256

struct rsp_conn {
    int fd;
    uint8_t *carry;             /* partial frame */
    uint32_t carry_len;
    struct rpc_cli_buf out;     /* unsent replies */
    struct rsp_conn *next;      /* all connections, for --ping */
    struct rsp_conn *prev;
};

struct rsp {
    int epfd;
    int lfd;
    uint8_t *rx;
    struct xdr_enc tx;          /* replies for the connection being served */
    struct xdr_enc canned[2][RSP_PROCS];   /* [admin?][proc]: ret body */
    struct rsp_conn *conns;
    uint64_t calls;
    uint64_t pongs;
};

static volatile sig_atomic_t rsp_quit;

static void
rsp_on_signal(int sig)
{
    (void)sig;
    rsp_quit = 1;
}

/* -- replies ---------------------------------------------------------------- */

/* Zeros and empty strings for every field of @shape. */
static int
rsp_zero_vals(const char *shape, struct xval *v)
{
    static const uint8_t zero_uuid[16];
    int n = xval_count(shape), i;

    if (n < 0 || n > RSP_FIELDS)
        return -EINVAL;
    memset(v, 0, sizeof(*v) * (size_t)n);
    for (i = 0; i < n; i++) {
        v[i].present = true;
        v[i].s = v[i].s2 = v[i].s3 = "";
        v[i].uuid = zero_uuid;
    }
    return n;
}

/* The canned ret body of @proc, encoded once. */
static const struct xdr_enc *
rsp_canned(struct rsp *r, const struct rpc_prog *prog,
           const struct rpc_proc *p)
{
    struct xdr_enc *e = &r->canned[prog == &rpc_prog_admin][p->num];
    struct xval v[RSP_FIELDS];

    if (e->max)
        return e;
    xdr_enc_init(e, NULL, 0, RPC_PAYLOAD_MAX);
    if (rsp_zero_vals(p->ret, v) > 0)
        xval_encode(p->ret, v, e);
    return e;
}

/* Name between <name> and </name> in a domain XML, into buf. */
static void
rsp_xml_name(const char *xml, char *buf, size_t cap)
{
    const char *s = strstr(xml, "<name>"), *end;

    buf[0] = '\0';
    if (!s || !(end = strstr(s + 6, "</name>")))
        return;
    snprintf(buf, cap, "%.*s", (int)(end - s - 6), s + 6);
}

/* Bodies answered from the call: 1 when written into r->tx, 0 if the
 * canned body applies. */
static int
rsp_special(struct rsp *r, const struct rpc_proc *p, uint8_t *args,
            uint32_t len)
{
    static const uint8_t uuid[16] = { 0xbe, 0x0c, 0x4e, 0x55 };
    struct xdr_dec d = { .p = args, .len = len };
    struct xval dom = { .present = true, .uuid = uuid, .i = -1 };
    const char *s = NULL;
    char name[256];

    if (strcmp(p->name, "CONNECT_GET_HOSTNAME") == 0) {
        xdr_put_cstring(&r->tx, "responder");
        return 1;
    }
    if (strcmp(p->name, "DOMAIN_LOOKUP_BY_NAME") != 0 &&
        strcmp(p->name, "DOMAIN_DEFINE_XML") != 0)
        return 0;
    if (xdr_get_string(&d, XDR_STRING_MAX, &s, NULL) < 0)
        return 0;
    if (p->name[7] == 'D')
        rsp_xml_name(s, name, sizeof(name));
    else
        snprintf(name, sizeof(name), "%s", s);
    dom.s = name;
    dom.n = (uint32_t)strlen(name);
    xval_encode("D", &dom, &r->tx);
    return 1;
}

/* Append the reply to the CALL f[0..len) to r->tx. */
static void
rsp_call(struct rsp *r, uint8_t *f, uint32_t len, struct rpc_hdr *h)
{
    const struct rpc_prog *prog = h->prog == RPC_PROG_ADMIN
                                  ? &rpc_prog_admin : &rpc_prog_remote;
    const struct rpc_proc *p = rpc_prog_find(prog, h->proc);
    size_t start = r->tx.len;
    const struct xdr_enc *body;

    h->type = RPC_REPLY;
    h->status = RPC_OK;
    rpc_hdr_encode(f + RPC_LEN_SIZE, h);
    xdr_put_raw(&r->tx, f, RPC_FRAME_MIN);
    r->calls++;
    if (!p || p->num < 0 || p->num >= RSP_PROCS ||
        rsp_special(r, p, f + RPC_FRAME_MIN, len - RPC_FRAME_MIN))
        goto out;
    body = rsp_canned(r, prog, p);
    xdr_put_raw(&r->tx, body->data, body->len);
out:
    if (!r->tx.err) {
        uint8_t *w = r->tx.data + start;
        uint32_t n = (uint32_t)(r->tx.len - start);

        w[0] = (uint8_t)(n >> 24);
        w[1] = (uint8_t)(n >> 16);
        w[2] = (uint8_t)(n >> 8);
        w[3] = (uint8_t)n;
    }
}

static void
rsp_frame(struct rsp *r, uint8_t *f, uint32_t len)
{
    struct rpc_hdr h;

    rpc_hdr_decode(f + RPC_LEN_SIZE, &h);
    if (h.prog == RPC_PROG_KEEPALIVE && h.type == RPC_MESSAGE) {
        if (h.proc == KEEPALIVE_PROC_PONG)
            r->pongs++;
        if (h.proc != KEEPALIVE_PROC_PING)
            return;
        h.proc = KEEPALIVE_PROC_PONG;
        rpc_hdr_encode(f + RPC_LEN_SIZE, &h);
        xdr_put_raw(&r->tx, f, RPC_FRAME_MIN);
        return;
    }
    if (h.type == RPC_CALL && (h.prog == RPC_PROG_REMOTE ||
                               h.prog == RPC_PROG_ADMIN))
        rsp_call(r, f, len, &h);
}

/* -- connections ------------------------------------------------------------ */

static void
rsp_close(struct rsp *r, struct rsp_conn *c)
{
    close(c->fd);
    if (c->prev)
        c->prev->next = c->next;
    else
        r->conns = c->next;
    if (c->next)
        c->next->prev = c->prev;
    free(c->carry);
    rpc_cli_buf_release(&c->out);
    free(c);
}

static void
rsp_want_out(struct rsp *r, struct rsp_conn *c, bool on)
{
    struct epoll_event ev = {
        .events = EPOLLIN | (on ? EPOLLOUT : 0), .data.ptr = c,
    };

    epoll_ctl(r->epfd, EPOLL_CTL_MOD, c->fd, &ev);
}

/* Send p[0..n) behind anything unsent; -1 when the connection is gone. */
static int
rsp_send(struct rsp *r, struct rsp_conn *c, const uint8_t *p, uint32_t n)
{
    ssize_t w = 0;

    if (c->out.len == 0) {
        w = send(c->fd, p, n, MSG_NOSIGNAL | MSG_DONTWAIT);
        if (w < 0 && errno != EAGAIN && errno != EINTR)
            return -1;
        if (w < 0)
            w = 0;
        if ((uint32_t)w == n)
            return 0;
        rsp_want_out(r, c, true);
    }
    return rpc_cli_buf_append(&c->out, p + w, n - (size_t)w,
                              RSP_OUT_MAX) < 0 ? -1 : 0;
}

static int
rsp_flush_out(struct rsp *r, struct rsp_conn *c)
{
    ssize_t w = send(c->fd, c->out.p, c->out.len, MSG_NOSIGNAL | MSG_DONTWAIT);

    if (w < 0)
        return errno == EAGAIN || errno == EINTR ? 0 : -1;
    rpc_cli_buf_consume(&c->out, (size_t)w);
    if (c->out.len == 0)
        rsp_want_out(r, c, false);
    return 0;
}

/* Parse whole frames of buf[0..n) into replies; bytes consumed, or -1. */
static int64_t
rsp_parse(struct rsp *r, uint8_t *buf, uint32_t n)
{
    uint32_t off = 0, len;

    while (n - off >= RPC_LEN_SIZE) {
        if (rpc_frame_len(buf + off, &len) < 0 || len > RSP_RX_CAP)
            return -1;
        if (n - off < len)
            break;
        rsp_frame(r, buf + off, len);
        off += len;
    }
    return off;
}

/* Read, answer, write once. -1 when the connection must go. */
static int
rsp_read(struct rsp *r, struct rsp_conn *c)
{
    uint32_t have = c->carry_len;
    ssize_t n;
    int64_t used;

    if (have)
        memcpy(r->rx, c->carry, have);
    n = read(c->fd, r->rx + have, RSP_RX_CAP - have);
    if (n < 0 && (errno == EAGAIN || errno == EINTR))
        return 0;
    if (n <= 0)
        return -1;
    r->tx.len = 0;
    used = rsp_parse(r, r->rx, have + (uint32_t)n);
    if (used < 0 || r->tx.err)
        return -1;
    c->carry_len = have + (uint32_t)n - (uint32_t)used;
    if (c->carry_len && !c->carry && !(c->carry = malloc(RSP_RX_CAP)))
        return -1;
    if (c->carry_len)
        memmove(c->carry, r->rx + used, c->carry_len);
    return r->tx.len ? rsp_send(r, c, r->tx.data, (uint32_t)r->tx.len) : 0;
}

static void
rsp_accept(struct rsp *r)
{
    struct epoll_event ev = { .events = EPOLLIN };
    struct rsp_conn *c;
    int fd;

    while ((fd = accept4(r->lfd, NULL, NULL,
                         SOCK_NONBLOCK | SOCK_CLOEXEC)) >= 0) {
        if (!(c = calloc(1, sizeof(*c)))) {
            close(fd);
            continue;
        }
        c->fd = fd;
        c->next = r->conns;
        if (r->conns)
            r->conns->prev = c;
        r->conns = c;
        ev.data.ptr = c;
        epoll_ctl(r->epfd, EPOLL_CTL_ADD, fd, &ev);
    }
}

static void
rsp_ping_all(struct rsp *r)
{
    static const uint8_t ping[RPC_FRAME_MIN] = {
        0, 0, 0, 0x1c, 0x6b, 0x65, 0x65, 0x70, 0, 0, 0, 1, 0, 0, 0, 1,
        0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0,
    };
    struct rsp_conn *c, *next;

    for (c = r->conns; c; c = next) {
        next = c->next;
        if (rsp_send(r, c, ping, sizeof(ping)) < 0)
            rsp_close(r, c);
    }
}

/* -- main --------------------------------------------------------------------- */

static int
rsp_listen(const char *path)
{
    struct sockaddr_un un = { .sun_family = AF_UNIX };
    int fd;

    if (strlen(path) >= sizeof(un.sun_path))
        return -1;
    strcpy(un.sun_path, path);
    unlink(path);
    fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0 || bind(fd, (struct sockaddr *)&un, sizeof(un)) < 0 ||
        listen(fd, 4096) < 0) {
        perror(path);
        return -1;
    }
    return fd;
}

static double
rsp_now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void
rsp_event(struct rsp *r, struct epoll_event *ev)
{
    struct rsp_conn *c = ev->data.ptr;
    int rc = 0;

    if (!c) {
        rsp_accept(r);
        return;
    }
    if (ev->events & EPOLLOUT)
        rc = rsp_flush_out(r, c);
    if (rc == 0 && (ev->events & (EPOLLIN | EPOLLERR | EPOLLHUP)))
        rc = rsp_read(r, c);
    if (rc < 0)
        rsp_close(r, c);
}

static void
rsp_run(struct rsp *r, double timeout, double ping_ms)
{
    struct epoll_event evs[RSP_EVENTS];
    double end = rsp_now() + timeout, next_ping = rsp_now() + ping_ms / 1e3;
    int n, i;

    while (!rsp_quit && rsp_now() < end) {
        n = epoll_wait(r->epfd, evs, RSP_EVENTS, 50);
        for (i = 0; i < n; i++)
            rsp_event(r, &evs[i]);
        if (ping_ms > 0 && rsp_now() >= next_ping) {
            rsp_ping_all(r);
            next_ping = rsp_now() + ping_ms / 1e3;
        }
    }
}

int
main(int argc, char **argv)
{
    static struct rsp r;
    struct epoll_event ev = { .events = EPOLLIN, .data.ptr = NULL };
    double timeout = 600, ping_ms = 0;
    int i;

    if (argc < 2 || argv[1][0] == '-') {
        fprintf(stderr, "usage: responder SOCKET [--timeout SECS] "
                "[--ping MS]\n");
        return 2;
    }
    for (i = 2; i + 1 < argc; i += 2) {
        if (strcmp(argv[i], "--timeout") == 0)
            timeout = atof(argv[i + 1]);
        else if (strcmp(argv[i], "--ping") == 0)
            ping_ms = atof(argv[i + 1]);
    }
    signal(SIGINT, rsp_on_signal);
    signal(SIGTERM, rsp_on_signal);
    signal(SIGPIPE, SIG_IGN);
    r.lfd = rsp_listen(argv[1]);
    r.epfd = epoll_create1(EPOLL_CLOEXEC);
    r.rx = malloc(RSP_RX_CAP);
    xdr_enc_init(&r.tx, NULL, 0, RSP_OUT_MAX);
    if (r.lfd < 0 || r.epfd < 0 || !r.rx ||
        epoll_ctl(r.epfd, EPOLL_CTL_ADD, r.lfd, &ev) < 0)
        return 1;
    rsp_run(&r, timeout, ping_ms);
    while (r.conns)
        rsp_close(&r, r.conns);
    unlink(argv[1]);
    printf("responder: %llu calls answered, %llu pongs received\n",
           (unsigned long long)r.calls, (unsigned long long)r.pongs);
    return 0;
}
