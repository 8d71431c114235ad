/*
 * server_harness.h: what the in-process server tests share (include once
 * per test program): a real rpc_server on a UNIX socket in a temporary
 * directory, its reactor running in a thread of the test, and the client
 * side helpers (connect, encode a call, read a frame). Every function runs
 * on the test's main thread, except harness_echo (a worker).
 */
#ifndef VIRTD_TEST_UNIT_SERVER_HARNESS_H
#define VIRTD_TEST_UNIT_SERVER_HARNESS_H

#include <criterion/criterion.h>

#include <linux/sockios.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "core/ev.h"
#include "rpc/msg.h"
#include "rpc/prog.h"
#include "rpc/server.h"
#include "test/unit/unix_connect.h"

/* A handler for the test programs: "s:text" args, the same "s:text" back.
 * Worker thread. */
static inline int
harness_echo(struct rpc_call *c)
{
    c->ret[0].s = arena_strdup(c->arena, c->args[0].s);
    c->ret[0].present = true;
    return 0;
}

static struct ev *ev;
static struct rpc_server *srv;
static pthread_t loop_thread;
static char dir[64];
static char sock_path[128];
static int stop_efd[2];

static inline void
harness_on_stop(struct ev *e, int fd, unsigned events, void *opaque)
{
    (void)fd;
    (void)events;
    (void)opaque;
    ev_stop(e);
}

static inline void *
harness_loop(void *arg)
{
    (void)arg;
    ev_run(ev);
    return NULL;
}

/* Start a server with @cfg listening on sock_path; its reactor runs in
 * loop_thread until harness_stop(). */
static inline void
harness_start(const struct rpc_server_cfg *cfg)
{
    char *errmsg = NULL;

    strcpy(dir, "/tmp/virtd-test-server.XXXXXX");
    cr_assert_not_null(mkdtemp(dir));
    snprintf(sock_path, sizeof(sock_path), "%s/sock", dir);
    ev = ev_new();
    cr_assert_not_null(ev);
    srv = rpc_server_new(ev, cfg, &errmsg);
    cr_assert_not_null(srv, "%s", errmsg);
    cr_assert_eq(rpc_server_add_unix(srv, sock_path, 0700, (gid_t)-1, false,
                                     false, 10, &errmsg), 0, "%s", errmsg);
    cr_assert_eq(pipe(stop_efd), 0);
    ev_io_add(ev, stop_efd[0], EV_READ, harness_on_stop, NULL);
    rpc_server_start(srv);
    pthread_create(&loop_thread, NULL, harness_loop, NULL);
}

/* Stop the reactor, free the server; NULL-safe when never started. */
static inline void
harness_stop(void)
{
    if (!srv)
        return;
    cr_assert_eq(write(stop_efd[1], "x", 1), 1);
    pthread_join(loop_thread, NULL);
    ev_io_del(ev, stop_efd[0]);
    rpc_server_free(srv);
    srv = NULL;
    ev_free(ev);
    close(stop_efd[0]);
    close(stop_efd[1]);
    rmdir(dir);
}

static inline int
client_connect(void)
{
    return unix_connect(sock_path);
}

/* Encode a call frame into buf; returns its length. */
static inline size_t
make_call(uint8_t *buf, size_t cap, uint32_t prog_no, int proc,
          uint32_t serial, int status, const char *text)
{
    struct rpc_hdr h = { prog_no, 1, proc, RPC_CALL, serial, status };
    struct xdr_enc e;

    xdr_enc_init(&e, buf, cap, cap);
    rpc_frame_begin(&e, &h);
    if (text)
        xdr_put_cstring(&e, text);
    cr_assert_eq(rpc_frame_finish(&e), 0);
    return e.len;
}

/* Read one frame (blocking, 5 s max). Returns its length, -1 on EOF, -2
 * on time out. */
static inline ssize_t
read_frame(int fd, uint8_t *buf, size_t cap)
{
    size_t have = 0, want = 4;
    struct pollfd p = { fd, POLLIN, 0 };

    while (have < want) {
        ssize_t n;

        if (poll(&p, 1, 5000) != 1)
            return -2;
        n = read(fd, buf + have, want - have);
        if (n <= 0)
            return -1;
        have += (size_t)n;
        if (have == 4) {
            want = (size_t)buf[0] << 24 | (size_t)buf[1] << 16 |
                   (size_t)buf[2] << 8 | buf[3];
            cr_assert_leq(want, cap);
        }
    }
    return (ssize_t)have;
}

static inline void
send_all(int fd, const uint8_t *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, p, n);

        cr_assert_gt(w, 0);
        p += w;
        n -= (size_t)w;
    }
}

static inline void
expect_reply(int fd, uint32_t serial, int status, const char *text)
{
    uint8_t buf[4096];
    struct rpc_hdr h;
    ssize_t n = read_frame(fd, buf, sizeof(buf));

    cr_assert_gt(n, 0, "no reply for serial %u", serial);
    rpc_hdr_decode(buf + 4, &h);
    cr_assert_eq(h.type, RPC_REPLY);
    cr_assert_eq(h.serial, serial);
    cr_assert_eq(h.status, status, "serial %u status %d", serial, h.status);
    if (text) {
        struct xdr_dec d = { buf + 28, (size_t)n - 28, 0 };
        const char *s;
        uint32_t len;

        if (status == RPC_OK) {
            cr_assert_eq(xdr_get_string(&d, 1u << 20, &s, &len), 0);
        } else {
            int32_t code, dom;
            uint32_t present;

            cr_assert_eq(xdr_get_i32(&d, &code), 0);
            cr_assert_eq(xdr_get_i32(&d, &dom), 0);
            cr_assert_eq(xdr_get_u32(&d, &present), 0);
            cr_assert_eq(present, 1);
            cr_assert_eq(xdr_get_string(&d, 1u << 20, &s, &len), 0);
        }
        cr_assert_str_eq(s, text);
    }
}

/* Nothing more arrives on @fd within @ms. */
static inline void
expect_silence(int fd, int ms)
{
    struct pollfd p = { fd, POLLIN, 0 };

    cr_assert_eq(poll(&p, 1, ms), 0, "unexpected data after the replies");
}

/* The end of a client: no reply more than asked for came. */
static inline void
finish(int fd)
{
    expect_silence(fd, 20);
    close(fd);
}

/* Wait until the server has read everything sent on @fd (the socket's
 * send queue is empty), so what is sent next arrives in another read. */
static inline void
wait_consumed(int fd)
{
    for (int i = 0; i < 20000; i++) {
        int q = -1;

        cr_assert_eq(ioctl(fd, SIOCOUTQ, &q), 0);
        if (q == 0)
            return;
        usleep(50);
    }
    cr_assert_fail("the server does not read");
}

/* Send buf[0..n) in two writes, split at @at, the server reading the
 * first part before the second is sent. */
static inline void
send_split(int fd, const uint8_t *buf, size_t n, size_t at)
{
    if (at > 0) {
        send_all(fd, buf, at);
        wait_consumed(fd);
    }
    if (at < n)
        send_all(fd, buf + at, n - at);
}

#endif
