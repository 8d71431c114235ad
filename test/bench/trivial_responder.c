/*
 * trivial_responder.c: the "scale" row of the performance table (issue 7):
 * about the least a server of the libvirt RPC protocol can do per call, so
 * that virtd's calls/s and CPU per call can be read against it.
 *
 *   trivial_responder [-t SECS] SOCKET
 *
 * One thread, one level-triggered epoll on the UNIX socket path SOCKET.
 * Every CALL gets an OK REPLY at once, written with the other replies of
 * the same read: a u64 body (what CONNECT_GET_LIB_VERSION returns), except
 * for the handshake of `virtd bench` and virsh, which gets valid bodies:
 * AUTH_LIST the list [AUTH_NONE], CONNECT_OPEN and CONNECT_CLOSE nothing.
 * Keepalive PINGs get a PONG; other frames are ignored. No dispatch, no
 * argument decoding, no workers: it is not a server, only the floor.
 *
 * Plain C on libc, built on its own (make VARIANT=bench
 * build/bench/bench/trivial_responder); never linked into virtd. It exits
 * on SIGINT or SIGTERM, or after -t SECS, printing the calls answered.
 *
 * Bounds: a frame longer than TR_FRAME_MAX closes its connection (the
 * calls it is for are < 100 bytes). A connection keeps at most one partial
 * frame and the unsent part of one read's replies, and is not read again
 * before they are sent. The connection table is indexed by fd and doubles
 * as needed up to TR_FDS_MAX; at the open-file limit the listener pauses
 * until a connection closes.
 */
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "rpc/msg.h"            /* protocol constants only; nothing linked */

#define TR_FRAME_MAX    4096u           /* longest frame accepted */
#define TR_READ_MAX     65536u          /* bytes asked per read */
#define TR_BODY_MAX     8u              /* the u64, or AUTH_LIST's list */
#define TR_REPLY_MAX    (RPC_FRAME_MIN + TR_BODY_MAX)
/* Replies to one read: at most one per RPC_FRAME_MIN bytes read. */
#define TR_TX_MAX       ((TR_FRAME_MAX + TR_READ_MAX) / RPC_FRAME_MIN * \
                         TR_REPLY_MAX)
#define TR_FDS_MAX      (1u << 20)      /* the connection table's cap */
#define TR_EVENTS       256
#define TR_LIB_VERSION  9000000u        /* 9.0.0, as libvirtd 9.0 says */

/* remote procedures whose replies are not a u64 (protocol.md §3) */
#define TR_PROC_OPEN        1
#define TR_PROC_CLOSE       2
#define TR_PROC_AUTH_LIST   66

struct tr_conn {
    int fd;
    uint32_t carry_len;         /* start of a frame kept from the last read */
    uint32_t out_off;           /* unsent replies: out[out_off..out_len) */
    uint32_t out_len;
    uint8_t *carry;             /* TR_FRAME_MAX bytes, allocated when needed */
    uint8_t *out;               /* TR_TX_MAX bytes, allocated when needed */
};

struct tr {
    int lfd;
    int epfd;
    bool paused;                /* listener out of epoll: no fd left */
    struct tr_conn **conns;     /* by fd; NULL: not a connection */
    size_t conns_cap;
    uint8_t *rx;                /* a carried frame start + one read */
    uint8_t *tx;                /* the replies to one read */
    uint64_t calls;
    uint64_t accepted;
};

static volatile sig_atomic_t tr_quit;

static void
tr_on_signal(int sig)
{
    (void)sig;
    tr_quit = 1;
}

static uint32_t
tr_get32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
           (uint32_t)p[2] << 8 | p[3];
}

static void
tr_put32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

/* -- replies ------------------------------------------------------------ */

/* The OK body of remote procedure @proc into @body; its length. */
static uint32_t
tr_body(int32_t proc, uint8_t *body)
{
    if (proc == TR_PROC_OPEN || proc == TR_PROC_CLOSE)
        return 0;
    if (proc == TR_PROC_AUTH_LIST) {
        tr_put32(body, 1);              /* one auth type: */
        tr_put32(body + 4, 0);          /* REMOTE_AUTH_NONE */
        return 8;
    }
    tr_put32(body, 0);                  /* the u64, high word first */
    tr_put32(body + 4, TR_LIB_VERSION);
    return 8;
}

/*
 * The answer to the frame f[0..RPC_FRAME_MIN) (its header) into @out: a
 * REPLY to a CALL, a PONG to a PING, else nothing. Returns its length
 * (<= TR_REPLY_MAX). Header words: prog, vers, proc, type, serial, status.
 */
static uint32_t
tr_answer(struct tr *t, const uint8_t *f, uint8_t *out)
{
    uint32_t prog = tr_get32(f + 4), type = tr_get32(f + 16), n;
    int32_t proc = (int32_t)tr_get32(f + 12);

    if (prog == RPC_PROG_KEEPALIVE && type == RPC_MESSAGE &&
        proc == KEEPALIVE_PROC_PING) {
        memcpy(out, f, RPC_FRAME_MIN);
        tr_put32(out, RPC_FRAME_MIN);
        tr_put32(out + 12, KEEPALIVE_PROC_PONG);
        return RPC_FRAME_MIN;
    }
    if (type != RPC_CALL)
        return 0;
    n = RPC_FRAME_MIN;
    n += prog == RPC_PROG_REMOTE ? tr_body(proc, out + n)
                                 : tr_body(-1, out + n);
    memcpy(out + 4, f + 4, 20);         /* prog, vers, proc, type, serial */
    tr_put32(out, n);
    tr_put32(out + 16, RPC_REPLY);
    tr_put32(out + 24, RPC_OK);
    t->calls++;
    return n;
}

/*
 * Answer the whole frames of buf[0..n) into t->tx. Returns the bytes
 * consumed and sets *tx_len, or -1 for a frame length out of bounds.
 */
static int64_t
tr_parse(struct tr *t, const uint8_t *buf, uint32_t n, uint32_t *tx_len)
{
    uint32_t off = 0, len;

    *tx_len = 0;
    while (n - off >= RPC_LEN_SIZE) {
        len = tr_get32(buf + off);
        if (len < RPC_FRAME_MIN || len > TR_FRAME_MAX) {
            fprintf(stderr, "trivial_responder: frame of %u bytes (%u..%u "
                    "accepted): connection closed\n", len, RPC_FRAME_MIN,
                    TR_FRAME_MAX);
            return -1;
        }
        if (n - off < len)
            break;
        /* n <= TR_FRAME_MAX + TR_READ_MAX, so TR_TX_MAX always suffices */
        *tx_len += tr_answer(t, buf + off, t->tx + *tx_len);
        off += len;
    }
    return off;
}

/* -- connections -------------------------------------------------------- */

static int
tr_watch(struct tr *t, int op, int fd, uint32_t events)
{
    struct epoll_event ev = { .events = events, .data.fd = fd };

    return epoll_ctl(t->epfd, op, fd, &ev) < 0 ? -errno : 0;
}

static void
tr_close(struct tr *t, struct tr_conn *c)
{
    t->conns[c->fd] = NULL;
    close(c->fd);
    free(c->carry);
    free(c->out);
    free(c);
    if (t->paused && tr_watch(t, EPOLL_CTL_ADD, t->lfd, EPOLLIN) == 0)
        t->paused = false;
}

/* Send t->tx[0..n); keep what the socket did not take and stop reading
 * until it is sent. 0, or -1 when the connection must go. */
static int
tr_send(struct tr *t, struct tr_conn *c, uint32_t n)
{
    ssize_t w = send(c->fd, t->tx, n, MSG_NOSIGNAL | MSG_DONTWAIT);

    if (w < 0 && errno != EAGAIN && errno != EINTR)
        return -1;
    if (w < 0)
        w = 0;
    if ((uint32_t)w == n)
        return 0;
    if (!c->out && !(c->out = malloc(TR_TX_MAX)))
        return -1;
    memcpy(c->out, t->tx + w, n - (uint32_t)w);
    c->out_off = 0;
    c->out_len = n - (uint32_t)w;
    return tr_watch(t, EPOLL_CTL_MOD, c->fd, EPOLLOUT) < 0 ? -1 : 0;
}

/* EPOLLOUT: send the rest; once it is gone, read again. */
static int
tr_drain(struct tr *t, struct tr_conn *c)
{
    ssize_t w = send(c->fd, c->out + c->out_off, c->out_len - c->out_off,
                     MSG_NOSIGNAL | MSG_DONTWAIT);

    if (w < 0)
        return errno == EAGAIN || errno == EINTR ? 0 : -1;
    c->out_off += (uint32_t)w;
    if (c->out_off < c->out_len)
        return 0;
    c->out_off = c->out_len = 0;
    return tr_watch(t, EPOLL_CTL_MOD, c->fd, EPOLLIN) < 0 ? -1 : 0;
}

/* Keep the partial frame buf[0..n) (n < TR_FRAME_MAX) for the next read. */
static int
tr_keep(struct tr_conn *c, const uint8_t *buf, uint32_t n)
{
    if (n && !c->carry && !(c->carry = malloc(TR_FRAME_MAX)))
        return -1;
    if (n)
        memcpy(c->carry, buf, n);
    c->carry_len = n;
    return 0;
}

/* One read after the kept bytes, every whole frame answered, one write.
 * 0, or -1 when the connection must go. */
static int
tr_read(struct tr *t, struct tr_conn *c)
{
    uint32_t have = c->carry_len, tx_len;
    ssize_t n;
    int64_t used;

    if (have)
        memcpy(t->rx, c->carry, have);
    n = read(c->fd, t->rx + have, TR_READ_MAX);
    if (n < 0 && (errno == EAGAIN || errno == EINTR))
        return 0;
    if (n <= 0)
        return -1;
    have += (uint32_t)n;
    used = tr_parse(t, t->rx, have, &tx_len);
    if (used < 0 || tr_keep(c, t->rx + used, have - (uint32_t)used) < 0)
        return -1;
    return tx_len ? tr_send(t, c, tx_len) : 0;
}

/* Make room for fd in the table: 0, or -errno. */
static int
tr_table_fit(struct tr *t, int fd)
{
    size_t cap = t->conns_cap ? t->conns_cap : 64;
    struct tr_conn **p;

    if ((size_t)fd < t->conns_cap)
        return 0;
    if ((size_t)fd >= TR_FDS_MAX)
        return -EMFILE;
    while (cap <= (size_t)fd)
        cap *= 2;
    p = realloc(t->conns, cap * sizeof(*p));
    if (!p)
        return -ENOMEM;
    memset(p + t->conns_cap, 0, (cap - t->conns_cap) * sizeof(*p));
    t->conns = p;
    t->conns_cap = cap;
    return 0;
}

/* Take the new connection @fd into the table and epoll: 0 or -errno. */
static int
tr_conn_add(struct tr *t, int fd)
{
    struct tr_conn *c;
    int rc = tr_table_fit(t, fd);

    if (rc < 0)
        return rc;
    c = calloc(1, sizeof(*c));
    if (!c)
        return -ENOMEM;
    c->fd = fd;
    rc = tr_watch(t, EPOLL_CTL_ADD, fd, EPOLLIN);
    if (rc < 0) {
        free(c);
        return rc;
    }
    t->conns[fd] = c;
    t->accepted++;
    return 0;
}

/* Out of descriptors: stop listening until a connection closes (the
 * listener would stay readable and spin otherwise). */
static void
tr_pause(struct tr *t, int err)
{
    fprintf(stderr, "trivial_responder: accept: %s: not accepting until a "
            "connection closes\n", strerror(err));
    if (tr_watch(t, EPOLL_CTL_DEL, t->lfd, 0) == 0)
        t->paused = true;
}

static void
tr_accept(struct tr *t)
{
    int fd, rc;

    for (;;) {
        fd = accept4(t->lfd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0) {
            if (errno == EMFILE || errno == ENFILE)
                tr_pause(t, errno);
            return;
        }
        rc = tr_conn_add(t, fd);
        if (rc < 0) {
            fprintf(stderr, "trivial_responder: connection refused: %s\n",
                    strerror(-rc));
            close(fd);
        }
    }
}

static void
tr_event(struct tr *t, const struct epoll_event *ev)
{
    struct tr_conn *c;
    int rc = 0;

    if (ev->data.fd == t->lfd) {
        tr_accept(t);
        return;
    }
    c = t->conns[ev->data.fd];
    if (!c)
        return;
    if (c->out_len)
        rc = tr_drain(t, c);
    else if (ev->events & (EPOLLIN | EPOLLERR | EPOLLHUP))
        rc = tr_read(t, c);
    if (rc < 0 || (c->out_len && (ev->events & (EPOLLERR | EPOLLHUP))))
        tr_close(t, c);
}

/* -- main --------------------------------------------------------------- */

static int
tr_listen(const char *path)
{
    struct sockaddr_un un = { .sun_family = AF_UNIX };
    struct stat st;
    int fd;

    if (strlen(path) >= sizeof(un.sun_path)) {
        fprintf(stderr, "trivial_responder: socket path longer than %zu "
                "bytes\n", sizeof(un.sun_path) - 1);
        return -1;
    }
    memcpy(un.sun_path, path, strlen(path) + 1);
    if (lstat(path, &st) == 0 && S_ISSOCK(st.st_mode))
        unlink(path);                   /* a stale socket, not a file */
    fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0 || bind(fd, (struct sockaddr *)&un, sizeof(un)) < 0 ||
        listen(fd, SOMAXCONN) < 0) {
        fprintf(stderr, "trivial_responder: %s: %s\n", path,
                strerror(errno));
        if (fd >= 0)
            close(fd);
        return -1;
    }
    return fd;
}

/* SIGINT and SIGTERM end the loop; they are blocked except inside
 * epoll_pwait (with *@wait_mask), so none is lost between checks. */
static int
tr_signals(sigset_t *wait_mask)
{
    struct sigaction sa = { .sa_handler = tr_on_signal };
    sigset_t block;

    sigemptyset(&block);
    sigaddset(&block, SIGINT);
    sigaddset(&block, SIGTERM);
    if (sigprocmask(SIG_BLOCK, &block, wait_mask) < 0 ||
        sigaction(SIGINT, &sa, NULL) < 0 ||
        sigaction(SIGTERM, &sa, NULL) < 0)
        return -errno;
    signal(SIGPIPE, SIG_IGN);
    sigdelset(wait_mask, SIGINT);
    sigdelset(wait_mask, SIGTERM);
    return 0;
}

static int64_t
tr_now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Serve until a signal, or until @secs have passed (0: no limit). */
static int
tr_run(struct tr *t, double secs, const sigset_t *wait_mask)
{
    struct epoll_event evs[TR_EVENTS];
    int64_t end = tr_now_ms() + (int64_t)(secs * 1000), left;
    int n, i, wait_ms = -1;

    while (!tr_quit) {
        if (secs > 0) {
            left = end - tr_now_ms();
            if (left <= 0)
                break;
            wait_ms = left < 1000 ? (int)left : 1000;
        }
        n = epoll_pwait(t->epfd, evs, TR_EVENTS, wait_ms, wait_mask);
        if (n < 0 && errno != EINTR) {
            fprintf(stderr, "trivial_responder: epoll_pwait: %s\n",
                    strerror(errno));
            return 1;
        }
        for (i = 0; i < n; i++)
            tr_event(t, &evs[i]);
    }
    return 0;
}

static void
tr_usage(FILE *f)
{
    fprintf(f, "usage: trivial_responder [-t SECS] SOCKET\n"
            "  Answers every libvirt RPC CALL on the UNIX socket SOCKET\n"
            "  with an OK reply (a u64; valid AUTH_LIST, CONNECT_OPEN and\n"
            "  CONNECT_CLOSE replies), from one thread, until SIGINT or\n"
            "  SIGTERM, or for SECS seconds with -t.\n");
}

/* argv into *secs and *path: 0, 1 for -h, or -1 (usage printed). */
static int
tr_args(int argc, char **argv, double *secs, const char **path)
{
    char *end;
    int i;

    for (i = 1; i < argc && argv[i][0] == '-'; i++) {
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            tr_usage(stdout);
            return 1;
        }
        if (strcmp(argv[i], "-t") != 0 || i + 1 == argc)
            goto bad;
        *secs = strtod(argv[++i], &end);
        if (*end || end == argv[i] || !(*secs >= 0 && *secs < 1e9))
            goto bad;
    }
    if (i + 1 == argc) {
        *path = argv[i];
        return 0;
    }
bad:
    tr_usage(stderr);
    return -1;
}

static void
tr_release(struct tr *t)
{
    size_t fd;

    for (fd = 0; fd < t->conns_cap; fd++)
        if (t->conns[fd])
            tr_close(t, t->conns[fd]);
    free(t->conns);
    free(t->rx);
    free(t->tx);
    if (t->epfd >= 0)
        close(t->epfd);
    if (t->lfd >= 0)
        close(t->lfd);
}

int
main(int argc, char **argv)
{
    struct tr t = { .lfd = -1, .epfd = -1 };
    const char *path = NULL;
    double secs = 0;
    sigset_t wait_mask;
    int rc = tr_args(argc, argv, &secs, &path);

    if (rc != 0)
        return rc > 0 ? 0 : 2;
    rc = 1;
    t.rx = malloc(TR_FRAME_MAX + TR_READ_MAX);
    t.tx = malloc(TR_TX_MAX);
    t.epfd = epoll_create1(EPOLL_CLOEXEC);
    if (!t.rx || !t.tx || t.epfd < 0 || tr_signals(&wait_mask) < 0) {
        fprintf(stderr, "trivial_responder: %s\n", strerror(errno));
        goto out;
    }
    t.lfd = tr_listen(path);
    if (t.lfd < 0 || tr_watch(&t, EPOLL_CTL_ADD, t.lfd, EPOLLIN) < 0)
        goto out;
    rc = tr_run(&t, secs, &wait_mask);
    unlink(path);
    printf("trivial_responder: %llu calls answered on %llu connections\n",
           (unsigned long long)t.calls, (unsigned long long)t.accepted);
out:
    tr_release(&t);
    return rc;
}
