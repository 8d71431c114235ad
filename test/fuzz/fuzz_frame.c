/*
 * fuzz_frame.c: libFuzzer target for everything a client's bytes go
 * through in the daemon, end to end: an in-process server (the real
 * reactor, listeners, connection framing, routing, keepalive, request
 * limit, worker pool, argument decoding, the remote program's handlers on
 * the test driver, reply encoding). Each input is written on a fresh UNIX
 * connection, as fast as the server reads it, while the replies are read
 * and dropped; once everything is written and the server is idle the
 * connection is closed, and the input is done when the server has let
 * the client go. So the length word, partial and merged frames, headers of
 * every kind and the args of every procedure are all reached, without any
 * hook inside the daemon.
 *
 * Byte 0 of the input picks the socket: even the read-write one, odd the
 * read-only one; the rest is the stream. The harness runs in its own
 * temporary directory, so the files fuzzed save and dump calls name
 * (relative paths, in practice) land there and go with it.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/sockios.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "core/ev.h"
#include "core/log.h"
#include "drivers/state.h"
#include "rpc/prog.h"
#include "rpc/server.h"

#define TICK_MS 0
#define INPUT_DEADLINE_MS 3000

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct harness {
    struct ev *ev;
    struct rpc_server *srv;
    char dir[64];
    char path[2][96];
};

/* One input being played. */
struct run {
    struct harness *h;
    int fd;
    const uint8_t *data;
    size_t len, off;
    bool accepted;                /* the server has seen the client */
    bool eof;                     /* the server closed it */
    bool closed;                  /* we closed our end */
    uint64_t deadline;
    struct ev_timer tick;
};

static struct harness the_harness;

static void
harness_cleanup(void)
{
    struct dirent *de;
    DIR *d;

    /* the sockets, and whatever a fuzzed save or dump wrote there */
    if (chdir("/") == 0 && (d = opendir(the_harness.dir))) {
        while ((de = readdir(d)))
            if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0)
                unlinkat(dirfd(d), de->d_name, 0);
        closedir(d);
    }
    rmdir(the_harness.dir);
}

static void
harness_die(const char *what, const char *why)
{
    fprintf(stderr, "fuzz_frame: %s: %s\n", what, why ? why : "");
    exit(1);
}

static struct harness *
harness_get(void)
{
    struct harness *h = &the_harness;
    struct rpc_server_cfg cfg = {
        .name = "libvirtd", .prog = &rpc_prog_remote,
        .workers = { 2, 4, 1 }, .max_clients = 64,
        .max_anonymous_clients = 20, .max_client_requests = 5,
        .keepalive_interval = 5, .keepalive_count = 5,
        .job_queue_cap = 256,
    };
    struct err e = { 0 };
    char *errmsg = NULL;

    if (h->srv)
        return h;
    log_set_level(LOG_ERROR);
    signal(SIGPIPE, SIG_IGN);     /* a closed peer is an EPIPE, as in virtd */
    if (drv_state_init_all(&e) < 0)
        harness_die("state init", e.message);
    strcpy(h->dir, "/tmp/fuzz-frame.XXXXXX");
    /* the daemon's working directory: where a save or a core dump with a
     * relative path (the fuzzer makes them) writes its file */
    if (!mkdtemp(h->dir) || chdir(h->dir) < 0 || !(h->ev = ev_new()))
        harness_die("setup", strerror(errno));
    h->srv = rpc_server_new(h->ev, &cfg, &errmsg);
    if (!h->srv)
        harness_die("server", errmsg);
    for (int i = 0; i < 2; i++) {
        snprintf(h->path[i], sizeof(h->path[i]), "%s/%s", h->dir,
                 i ? "libvirt-sock-ro" : "libvirt-sock");
        if (rpc_server_add_unix(h->srv, h->path[i], 0700, (gid_t)-1, i == 1,
                                false, 64, &errmsg) < 0)
            harness_die("listen", errmsg);
    }
    atexit(harness_cleanup);
    rpc_server_start(h->srv);
    return h;
}

/* Write what the socket takes, read and drop what came back. */
static void
run_io(struct ev *ev, int fd, unsigned events, void *opaque)
{
    struct run *r = opaque;
    uint8_t buf[65536];
    ssize_t n;

    if ((events & EV_WRITE) && r->off < r->len) {
        n = send(fd, r->data + r->off, r->len - r->off, MSG_NOSIGNAL);
        if (n > 0)
            r->off += (size_t)n;
        else if (n < 0 && errno != EAGAIN)
            r->off = r->len;          /* the server closed: nothing to do */
    }
    while ((n = read(fd, buf, sizeof(buf))) > 0)
        ;
    if (n == 0 || (n < 0 && errno != EAGAIN))
        r->eof = true;
    if (r->eof || r->off == r->len)
        ev_io_mod(ev, fd, r->eof ? 0 : EV_READ);
}

/* Has the server read everything we wrote? (SIOCOUTQ: bytes still queued
 * towards the peer.) */
static bool
run_all_read(const struct run *r)
{
    int queued = 0;

    return r->off == r->len && ioctl(r->fd, SIOCOUTQ, &queued) == 0 &&
           queued == 0;
}

/* Every millisecond: close our end once everything is written and the
 * server has closed the client, or has read it all and has nothing left to
 * do for it (or the deadline passed); stop once it has let the client go. */
static void
run_tick(struct ev *ev, void *opaque)
{
    struct run *r = opaque;
    bool late = ev_now_ms(ev) > r->deadline;

    if (rpc_servers_nclients() > 0)
        r->accepted = true;
    if (!r->closed &&
        (late || (r->off == r->len && r->eof) ||
         (r->accepted && run_all_read(r) && rpc_server_idle(r->h->srv)))) {
        ev_io_del(ev, r->fd);
        close(r->fd);
        r->closed = true;
    }
    if (r->closed && rpc_servers_nclients() == 0) {
        ev_stop(ev);
        return;
    }
    ev_timer_start(ev, &r->tick, TICK_MS);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct harness *h = harness_get();
    struct sockaddr_un sa = { .sun_family = AF_UNIX };
    struct run r = { .h = h, .data = data + 1, .len = size ? size - 1 : 0 };

    if (size == 0)
        return 0;
    strcpy(sa.sun_path, h->path[data[0] & 1]);
    r.fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (r.fd < 0 || connect(r.fd, (struct sockaddr *)&sa, sizeof(sa)) < 0)
        harness_die("connect", strerror(errno));
    fcntl(r.fd, F_SETFL, O_NONBLOCK);
    r.deadline = ev_now_ms(h->ev) + INPUT_DEADLINE_MS;
    ev_io_add(h->ev, r.fd, EV_READ | EV_WRITE, run_io, &r);
    ev_timer_init(&r.tick, run_tick, &r);
    ev_timer_start(h->ev, &r.tick, TICK_MS);
    ev_run(h->ev);
    ev_timer_stop(h->ev, &r.tick);
    return 0;
}
