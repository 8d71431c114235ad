/*
 * client.c: small libvirt RPC client for the tools (see client.h).
 */
#include "rpc/client.h"

#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#define RPC_CLI_RX_INITIAL 65536u
#define RPC_CLI_ARGS_MAX   64

/* -- addresses and sockets ----------------------------------------------- */

/* Split "host:port" / "[v6]:port" into host and port; false if @text is
 * not of that form. */
static bool
rpc_cli_split_hostport(const char *text, char *host, size_t hcap,
                       const char **port)
{
    const char *colon = strrchr(text, ':');
    const char *h = text;
    size_t hl;

    if (strchr(text, '/') || !colon || !colon[1])
        return false;
    if (strspn(colon + 1, "0123456789") != strlen(colon + 1))
        return false;
    hl = (size_t)(colon - text);
    if (hl >= 2 && h[0] == '[' && h[hl - 1] == ']') {
        h++;
        hl -= 2;
    }
    if (hl == 0 || hl >= hcap)
        return false;
    memcpy(host, h, hl);
    host[hl] = '\0';
    *port = colon + 1;
    return true;
}

static int
rpc_cli_addr_tcp(const char *host, const char *port, struct rpc_cli_addr *a)
{
    struct addrinfo hints, *res = NULL;

    memset(&hints, 0, sizeof(hints));
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    if (getaddrinfo(host, port, &hints, &res) != 0 || !res)
        return -ENOENT;
    if (res->ai_addrlen > sizeof(a->ss)) {
        freeaddrinfo(res);
        return -EINVAL;
    }
    memcpy(&a->ss, res->ai_addr, res->ai_addrlen);
    a->len = res->ai_addrlen;
    a->tcp = true;
    freeaddrinfo(res);
    return 0;
}

int
rpc_cli_addr_parse(const char *text, struct rpc_cli_addr *addr)
{
    struct sockaddr_un *un = (struct sockaddr_un *)&addr->ss;
    char host[256];
    const char *port;
    size_t n = strlen(text);

    memset(addr, 0, sizeof(*addr));
    if (n == 0)
        return -EINVAL;
    if (rpc_cli_split_hostport(text, host, sizeof(host), &port))
        return rpc_cli_addr_tcp(host, port, addr);
    if (n >= sizeof(un->sun_path))
        return -EINVAL;
    un->sun_family = AF_UNIX;
    memcpy(un->sun_path, text, n + 1);
    addr->len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + n + 1);
    return 0;
}

int
rpc_cli_connect(const struct rpc_cli_addr *addr, bool nonblock, int *fd)
{
    int type = SOCK_STREAM | SOCK_CLOEXEC | (nonblock ? SOCK_NONBLOCK : 0);
    int s = socket(addr->ss.ss_family, type, 0);
    int one = 1, rc;

    if (s < 0)
        return -errno;
    if (addr->tcp)
        setsockopt(s, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    do {
        rc = connect(s, (const struct sockaddr *)&addr->ss, addr->len);
    } while (rc < 0 && errno == EINTR && !nonblock);
    if (rc < 0 && errno == EINPROGRESS && nonblock) {
        *fd = s;
        return -EINPROGRESS;
    }
    if (rc < 0) {
        rc = -errno;
        close(s);
        return rc;
    }
    *fd = s;
    return 0;
}

int
rpc_cli_connect_result(int fd)
{
    int err = 0;
    socklen_t len = sizeof(err);

    if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) < 0)
        return -errno;
    return -err;
}

/* -- frames -------------------------------------------------------------- */

int
rpc_cli_encode(struct xdr_enc *e, const struct rpc_hdr *h, const char *shape,
               const struct xval *args)
{
    rpc_frame_begin(e, h);
    if (shape && *shape && xval_encode(shape, args, e) < 0)
        return e->err;
    return rpc_frame_finish(e);
}

int
rpc_cli_decode_error(uint8_t *body, size_t len, struct err *err)
{
    struct xdr_dec d = { .p = body, .len = len, .pos = 0 };
    struct arena a;
    struct xval v;
    int rc;

    arena_init(&a);
    rc = xval_decode("E", &d, &v, &a);
    if (rc == 0)
        err_set_raw(err, (int)v.i, (int)v.j, v.s, v.s2, v.s3);
    arena_reset(&a);
    return rc < 0 ? -EBADMSG : 0;
}

const struct rpc_prog *
rpc_cli_prog(uint32_t prog)
{
    if (prog == rpc_prog_remote.prog)
        return &rpc_prog_remote;
    if (prog == rpc_prog_admin.prog)
        return &rpc_prog_admin;
    return NULL;
}

/* -- byte buffer ---------------------------------------------------------- */

int
rpc_cli_buf_reserve(struct rpc_cli_buf *b, size_t n, size_t max)
{
    size_t cap = b->cap ? b->cap : 4096;
    uint8_t *p;

    if (max > UINT32_MAX || n > max || b->len > max - n)
        return -ENOBUFS;
    if (b->len + n <= b->cap)
        return 0;
    while (cap < b->len + n)
        cap *= 2;
    if (cap > max)
        cap = max;
    p = realloc(b->p, cap);
    if (!p)
        return -ENOMEM;
    b->p = p;
    b->cap = (uint32_t)cap;
    return 0;
}

int
rpc_cli_buf_append(struct rpc_cli_buf *b, const void *p, size_t n,
                   size_t max)
{
    int rc = rpc_cli_buf_reserve(b, n, max);

    if (rc == 0 && n) {
        memcpy(b->p + b->len, p, n);
        b->len += (uint32_t)n;
    }
    return rc;
}

void
rpc_cli_buf_consume(struct rpc_cli_buf *b, size_t n)
{
    if (n == 0)
        return;
    memmove(b->p, b->p + n, b->len - n);
    b->len -= (uint32_t)n;
}

void
rpc_cli_buf_release(struct rpc_cli_buf *b)
{
    if (!b)
        return;
    free(b->p);
    b->p = NULL;
    b->len = b->cap = 0;
}

/* -- blocking client ----------------------------------------------------- */

int
rpc_cli_open(struct rpc_cli *c, const char *addr_text)
{
    struct rpc_cli_addr addr;
    int rc;

    memset(c, 0, sizeof(*c));
    c->fd = -1;
    c->answer_pings = true;
    rc = rpc_cli_addr_parse(addr_text, &addr);
    if (rc == 0)
        rc = rpc_cli_connect(&addr, false, &c->fd);
    return rc;
}

void
rpc_cli_close(struct rpc_cli *c)
{
    if (!c)
        return;
    if (c->fd >= 0)
        close(c->fd);
    c->fd = -1;
    free(c->rx);
    c->rx = NULL;
    c->off = c->len = c->cap = c->taken = 0;
}

int
rpc_cli_send(struct rpc_cli *c, const void *p, size_t n)
{
    const uint8_t *b = p;

    while (n > 0) {
        ssize_t w = send(c->fd, b, n, MSG_NOSIGNAL);

        if (w < 0 && errno == EINTR)
            continue;
        if (w < 0)
            return errno == ECONNRESET ? -EPIPE : -errno;
        b += w;
        n -= (size_t)w;
    }
    return 0;
}

/* Length of the whole frame at the head of the buffer: 0 when fewer than
 * 4 bytes are there, -EBADMSG when the length word is out of bounds. */
static int
rpc_cli_head_len(const struct rpc_cli *c, uint32_t *flen)
{
    if (c->len - c->off < RPC_LEN_SIZE) {
        *flen = 0;
        return 0;
    }
    return rpc_frame_len(c->rx + c->off, flen) < 0 ? -EBADMSG : 0;
}

bool
rpc_cli_pending(const struct rpc_cli *c)
{
    uint32_t flen;
    size_t off = c->off + c->taken;
    size_t avail = c->len - off;

    if (avail < RPC_LEN_SIZE)
        return false;
    if (rpc_frame_len(c->rx + off, &flen) < 0)
        return true;                    /* recv reports the error at once */
    return avail >= flen;
}

/* Room for @need bytes from c->off: compact, then grow (bounded by the
 * frame maximum, which the caller checked). */
static int
rpc_cli_room(struct rpc_cli *c, size_t need)
{
    size_t cap = c->cap ? c->cap : RPC_CLI_RX_INITIAL;
    uint8_t *p;

    if (c->off > 0) {
        memmove(c->rx, c->rx + c->off, c->len - c->off);
        c->len -= c->off;
        c->off = 0;
    }
    while (cap < need)
        cap *= 2;
    if (cap <= c->cap)
        return 0;
    p = realloc(c->rx, cap);
    if (!p)
        return -ENOMEM;
    c->rx = p;
    c->cap = cap;
    return 0;
}

/* Wait for readability up to the deadline (ms since boot; -1 = none):
 * 1 readable, 0 interrupted by a signal, -ETIMEDOUT, -errno. */
static int
rpc_cli_wait(int fd, int64_t deadline)
{
    struct pollfd pfd = { .fd = fd, .events = POLLIN };
    struct timespec ts;
    int64_t left = -1;
    int rc;

    if (deadline >= 0) {
        clock_gettime(CLOCK_MONOTONIC, &ts);
        left = deadline - ((int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000);
        if (left < 0)
            left = 0;               /* still look once */
    }
    rc = poll(&pfd, 1, left > INT32_MAX ? INT32_MAX : (int)left);
    if (rc < 0)
        return errno == EINTR ? 0 : -errno;
    return rc == 0 ? -ETIMEDOUT : 1;
}

/* One read() into the buffer after making room for @want bytes. */
static int
rpc_cli_fill(struct rpc_cli *c, size_t want, int64_t deadline)
{
    ssize_t n;
    int rc = rpc_cli_room(c, want);

    if (rc < 0)
        return rc;
    rc = rpc_cli_wait(c->fd, deadline);
    if (rc <= 0)
        return rc;
    n = read(c->fd, c->rx + c->len, c->cap - c->len);
    if (n == 0)
        return -EPIPE;
    if (n < 0)
        return (errno == EINTR || errno == EAGAIN) ? 0
               : errno == ECONNRESET ? -EPIPE : -errno;
    c->len += (size_t)n;
    return 0;
}

static int64_t
rpc_cli_deadline(int timeout_ms)
{
    struct timespec ts;

    if (timeout_ms < 0)
        return -1;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000 + timeout_ms;
}

int
rpc_cli_recv(struct rpc_cli *c, int timeout_ms, uint8_t **frame,
             uint32_t *len)
{
    int64_t deadline = rpc_cli_deadline(timeout_ms);
    uint32_t flen = 0;
    int rc;

    c->off += c->taken;
    c->taken = 0;
    for (;;) {
        rc = rpc_cli_head_len(c, &flen);
        if (rc < 0)
            return rc;
        if (flen && c->len - c->off >= flen)
            break;
        rc = rpc_cli_fill(c, flen ? flen : RPC_CLI_RX_INITIAL, deadline);
        if (rc < 0)
            return rc;
    }
    *frame = c->rx + c->off;
    *len = flen;
    c->taken = flen;
    return 0;
}

/* Answer a keepalive PING; true when @h was one (handled). */
static bool
rpc_cli_keepalive(struct rpc_cli *c, const struct rpc_hdr *h)
{
    struct rpc_hdr pong = {
        .prog = RPC_PROG_KEEPALIVE, .vers = RPC_VERS,
        .proc = KEEPALIVE_PROC_PONG, .type = RPC_MESSAGE,
    };
    uint8_t buf[RPC_FRAME_MIN];
    struct xdr_enc e;

    if (h->prog != RPC_PROG_KEEPALIVE)
        return false;
    if (h->proc == KEEPALIVE_PROC_PING && c->answer_pings) {
        xdr_enc_init(&e, buf, sizeof(buf), sizeof(buf));
        if (rpc_cli_encode(&e, &pong, NULL, NULL) == 0)
            rpc_cli_send(c, e.data, e.len);
    }
    return true;
}

/* Send the CALL for @proc with serial c->serial++; the serial used goes
 * to *serial. */
static int
rpc_cli_send_call(struct rpc_cli *c, const struct rpc_prog *prog,
                  const struct rpc_proc *proc, const struct xval *args,
                  uint32_t *serial)
{
    struct rpc_hdr h = {
        .prog = prog->prog, .vers = prog->vers, .proc = proc->num,
        .type = RPC_CALL, .serial = c->serial, .status = RPC_OK,
    };
    uint8_t buf[4096];
    struct xdr_enc e;
    int rc;

    xdr_enc_init(&e, buf, sizeof(buf), RPC_FRAME_MAX);
    rc = rpc_cli_encode(&e, &h, proc->args, args);
    if (rc == 0)
        rc = rpc_cli_send(c, e.data, e.len);
    xdr_enc_release(&e);
    *serial = c->serial++;
    return rc;
}

/* Decode a REPLY frame's body for @proc: 0 OK, 1 ERROR, -EBADMSG. */
static int
rpc_cli_reply(uint8_t *f, uint32_t len, const struct rpc_hdr *h,
              const struct rpc_proc *proc, struct xval *ret,
              struct arena *a, struct err *err)
{
    struct xdr_dec d = { .p = f + RPC_FRAME_MIN, .len = len - RPC_FRAME_MIN };

    if (h->status == RPC_ERROR)
        return rpc_cli_decode_error(d.p, d.len, err) < 0 ? -EBADMSG : 1;
    if (h->status != RPC_OK || h->type != RPC_REPLY)
        return -EBADMSG;
    if (!proc->ret || !*proc->ret)
        return 0;
    return xval_decode(proc->ret, &d, ret, a) < 0 ? -EBADMSG : 0;
}

int
rpc_cli_call(struct rpc_cli *c, const struct rpc_prog *prog,
             const struct rpc_proc *proc, const struct xval *args,
             struct xval *ret, struct arena *a, struct err *err,
             int timeout_ms)
{
    int64_t deadline = rpc_cli_deadline(timeout_ms);
    struct rpc_hdr h;
    uint32_t serial, len;
    uint8_t *f;
    int rc = rpc_cli_send_call(c, prog, proc, args, &serial);

    while (rc == 0) {
        int left = -1;

        if (deadline >= 0) {
            left = (int)(deadline - rpc_cli_deadline(0));
            if (left < 0)
                return -ETIMEDOUT;
        }
        rc = rpc_cli_recv(c, left, &f, &len);
        if (rc < 0)
            break;
        rpc_hdr_decode(f + RPC_LEN_SIZE, &h);
        if (rpc_cli_keepalive(c, &h))
            continue;
        if (h.prog == prog->prog && h.serial == serial &&
            h.type == RPC_REPLY)
            return rpc_cli_reply(f, len, &h, proc, ret, a, err);
    }
    return rc;
}

int
rpc_cli_call_name(struct rpc_cli *c, const struct rpc_prog *prog,
                  const char *name, const struct xval *args,
                  struct xval *ret, struct arena *a, struct err *err,
                  int timeout_ms)
{
    const struct rpc_proc *proc = rpc_prog_find_name(prog, name);

    if (!proc)
        return -ENOENT;
    return rpc_cli_call(c, prog, proc, args, ret, a, err, timeout_ms);
}
