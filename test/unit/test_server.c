/*
 * test_server.c: the server's framing, limits and dispatch over a real UNIX
 * socket, with a small test program (echo and a few error paths). The
 * reactor runs in a thread of the test; the test is the client.
 */
#include <criterion/criterion.h>

#include <stdatomic.h>
#include <stdio.h>

#include "rpc/prog.h"
#include "rpc/server_priv.h"
#include "test/unit/server_harness.h"

#define PROG 0x11223344u

static atomic_int opened;

static int
h_open(struct rpc_call *c)
{
    rpc_client_set_open(c->client, true);
    atomic_fetch_add(&opened, 1);
    return 0;
}

static int
h_fail(struct rpc_call *c)
{
    err_set(&c->err, ERR_NO_DOMAIN, ERRDOM_TEST, NULL);
    return -1;
}

static int
h_slow(struct rpc_call *c)
{
    (void)c;
    usleep(30000);
    return 0;
}

static int
h_close(struct rpc_call *c)
{
    c->close_after = true;
    return 0;
}

static const struct rpc_proc procs[] = {
    { 1, "OPEN", "", "", RPC_PROC_NO_OPEN | RPC_PROC_PRIO, NULL, h_open },
    { 2, "CLOSE", "", "", RPC_PROC_NO_OPEN, NULL, h_close },
    { 3, "ECHO", "s:text", "s:text", 0, NULL, harness_echo },
    { 4, "FAIL", "", "", RPC_PROC_PRIO, NULL, h_fail },
    { 5, "WRITE", "", "", RPC_PROC_RO_DENY, "virDomainDestroy", h_open },
    { 6, "EVENT", "", "i:x", RPC_PROC_MESSAGE, NULL, NULL },
    { 7, "SLOW", "", "", 0, NULL, h_slow },
};

static const struct rpc_prog prog = {
    .prog = PROG, .vers = 1, .name = "test",
    .procs = procs, .nprocs = sizeof(procs) / sizeof(procs[0]),
};

static void
setup(void)
{
    struct rpc_server_cfg cfg = {
        .name = "libvirtd", .prog = &prog,
        .workers = { 2, 4, 1 }, .max_clients = 10,
        .max_client_requests = 3, .keepalive_interval = -1,
        .job_queue_cap = 64,
    };

    harness_start(&cfg);
}

static void
open_session(int fd)
{
    uint8_t buf[256];
    size_t n = make_call(buf, sizeof(buf), PROG, 1, 0, 0, NULL);

    send_all(fd, buf, n);
    expect_reply(fd, 0, RPC_OK, NULL);
}

TestSuite(server, .init = setup, .fini = harness_stop, .timeout = 20);

Test(server, echo_roundtrip)
{
    int fd = client_connect();
    uint8_t buf[256];
    size_t n;

    open_session(fd);
    n = make_call(buf, sizeof(buf), PROG, 3, 7, 0, "hello");
    send_all(fd, buf, n);
    expect_reply(fd, 7, RPC_OK, "hello");
    close(fd);
}

Test(server, frames_split_into_single_bytes)
{
    int fd = client_connect();
    uint8_t buf[256];
    size_t n;

    open_session(fd);
    n = make_call(buf, sizeof(buf), PROG, 3, 9, 0, "byte by byte");
    for (size_t i = 0; i < n; i++) {
        send_all(fd, buf + i, 1);
        usleep(200);
    }
    expect_reply(fd, 9, RPC_OK, "byte by byte");
    close(fd);
}

Test(server, many_frames_in_one_write_beyond_request_limit)
{
    int fd = client_connect();
    uint8_t buf[64 * 64];
    size_t n = 0;
    char text[16];

    open_session(fd);
    /* 40 calls in one write: more than max_client_requests (3), so most
     * are parked and dispatched as slots free; all must be answered */
    for (int i = 0; i < 40; i++) {
        snprintf(text, sizeof(text), "m%d", i);
        n += make_call(buf + n, sizeof(buf) - n, PROG, 3, 100 + i, 0, text);
    }
    send_all(fd, buf, n);
    for (int i = 0; i < 40; i++) {
        uint8_t r[256];
        struct rpc_hdr h;
        ssize_t len = read_frame(fd, r, sizeof(r));

        cr_assert_gt(len, 0, "reply %d missing", i);
        rpc_hdr_decode(r + 4, &h);
        cr_assert_eq(h.status, RPC_OK);
        cr_assert(h.serial >= 100 && h.serial < 140);
    }
    close(fd);
}

Test(server, protocol_errors_keep_the_connection)
{
    int fd = client_connect();
    uint8_t buf[256];
    size_t n;

    n = make_call(buf, sizeof(buf), PROG, 3, 1, 0, "x");
    send_all(fd, buf, n);
    expect_reply(fd, 1, RPC_ERROR, "internal error: hypervisor connection "
                 "not open");
    open_session(fd);
    n = make_call(buf, sizeof(buf), PROG, 9999, 2, 0, NULL);
    send_all(fd, buf, n);
    expect_reply(fd, 2, RPC_ERROR, "unknown procedure: 9999");
    n = make_call(buf, sizeof(buf), PROG, 6, 3, 0, NULL);
    send_all(fd, buf, n);
    expect_reply(fd, 3, RPC_ERROR, "unknown procedure: 6");
    n = make_call(buf, sizeof(buf), 0x12345678, 1, 4, 0, NULL);
    send_all(fd, buf, n);
    expect_reply(fd, 4, RPC_ERROR, "Cannot find program 305419896 version 1");
    n = make_call(buf, sizeof(buf), PROG, 3, 5, 1, "x");
    send_all(fd, buf, n);
    expect_reply(fd, 5, RPC_ERROR, "Unexpected message status 1");
    n = make_call(buf, sizeof(buf), PROG, 3, 6, 0, NULL);   /* no string */
    send_all(fd, buf, n);
    expect_reply(fd, 6, RPC_ERROR, "Unable to decode message payload");
    n = make_call(buf, sizeof(buf), PROG, 4, 8, 0, NULL);
    send_all(fd, buf, n);
    expect_reply(fd, 8, RPC_ERROR, "Domain not found");
    n = make_call(buf, sizeof(buf), PROG, 3, 10, 0, "still fine");
    send_all(fd, buf, n);
    expect_reply(fd, 10, RPC_OK, "still fine");
    close(fd);
}

Test(server, bad_length_words_close_the_connection)
{
    static const uint32_t bad[] = { 0, 3, 27, 33554437, 0xffffffffu };

    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        int fd = client_connect();
        uint8_t w[4] = { bad[i] >> 24, bad[i] >> 16, bad[i] >> 8, bad[i] };
        uint8_t r[64];

        send_all(fd, w, 4);
        cr_assert_eq(read_frame(fd, r, sizeof(r)), -1, "len %u", bad[i]);
        close(fd);
    }
    /* and the server still serves */
    int fd = client_connect();
    open_session(fd);
    close(fd);
}

Test(server, keepalive_ping_answered_inline)
{
    int fd = client_connect();
    uint8_t ping[28] = { 0, 0, 0, 28, 0x6b, 0x65, 0x65, 0x70, 0, 0, 0, 1,
                         0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0 };
    uint8_t r[64];
    struct rpc_hdr h;

    send_all(fd, ping, sizeof(ping));
    cr_assert_eq(read_frame(fd, r, sizeof(r)), 28);
    rpc_hdr_decode(r + 4, &h);
    cr_assert_eq(h.prog, RPC_PROG_KEEPALIVE);
    cr_assert_eq(h.proc, KEEPALIVE_PROC_PONG);
    cr_assert_eq(h.type, RPC_MESSAGE);
    close(fd);
}

Test(server, stray_types_are_dropped_silently)
{
    int fd = client_connect();
    uint8_t buf[256];
    struct rpc_hdr h = { PROG, 1, 3, RPC_REPLY, 1, 0 };
    struct xdr_enc e;

    open_session(fd);
    for (int type = 1; type <= 7; type++) {
        if (type == RPC_CALL_WITH_FDS)
            continue;
        h.type = type;
        xdr_enc_init(&e, buf, sizeof(buf), sizeof(buf));
        rpc_frame_begin(&e, &h);
        rpc_frame_finish(&e);
        send_all(fd, buf, e.len);
    }
    send_all(fd, buf, make_call(buf, sizeof(buf), PROG, 3, 42, 0, "after"));
    expect_reply(fd, 42, RPC_OK, "after");
    close(fd);
}

Test(server, close_after_reply_then_eof)
{
    int fd = client_connect();
    uint8_t buf[256];

    open_session(fd);
    send_all(fd, buf, make_call(buf, sizeof(buf), PROG, 2, 1, 0, NULL));
    expect_reply(fd, 1, RPC_OK, NULL);
    cr_assert_eq(read_frame(fd, buf, sizeof(buf)), -1);
    close(fd);
}

/* Read one reply (5 s max) and return its serial; asserts it is OK. */
static uint32_t
reply_serial(int fd, uint8_t *buf, size_t cap)
{
    struct rpc_hdr h;
    ssize_t n = read_frame(fd, buf, cap);

    cr_assert_gt(n, 0, "reply missing");
    rpc_hdr_decode(buf + 4, &h);
    cr_assert_eq(h.type, RPC_REPLY);
    cr_assert_eq(h.status, RPC_OK, "serial %u status %d", h.serial,
                 h.status);
    return h.serial;
}

/* The request limit (3) is used up by slow calls; more calls arrive in
 * separate writes meanwhile. The reactor stops reading at the limit
 * (reading resumes when replies free slots); every call is answered. */
Test(server, calls_arriving_at_the_limit_wait_and_are_answered)
{
    int fd = client_connect();
    uint8_t buf[4096];
    bool seen[20] = { false };
    size_t n = 0;
    char text[16];

    open_session(fd);
    for (int i = 0; i < 3; i++)
        n += make_call(buf + n, sizeof(buf) - n, PROG, 7, 100 + i, 0, NULL);
    send_all(fd, buf, n);
    usleep(5000);                       /* the slow calls run */
    for (int i = 3; i < 20; i++) {
        snprintf(text, sizeof(text), "late%d", i);
        n = make_call(buf, sizeof(buf), PROG, 3, 100 + i, 0, text);
        send_all(fd, buf, n);
        usleep(500);
    }
    for (int i = 0; i < 20; i++) {
        uint32_t serial = reply_serial(fd, buf, sizeof(buf));

        cr_assert(serial >= 100 && serial < 120 && !seen[serial - 100],
                  "serial %u", serial);
        seen[serial - 100] = true;
    }
    close(fd);
}

static void
free_one(struct rpc_msg *m)
{
    free(m->buf);
    free(m);
}

/* The reactor's message cache: a freed message comes back with its
 * buffer, reset; big buffers and messages past the caps are freed. */
Test(server, message_cache_reuses_and_bounds)
{
    struct rpc_loop l = { 0 };
    struct rpc_msg *m = rpc_msg_new(&l, 100), *again, *big;

    cr_assert_not_null(m);
    m->len = 77;
    m->off = 5;
    m->close_after = true;
    rpc_msg_free(&l, m);
    cr_assert_eq(l.nfree, 1);
    again = rpc_msg_new(&l, 50);
    cr_assert_eq(again, m, "the cached message is reused");
    cr_assert(again->len == 0 && again->off == 0 && !again->close_after);
    cr_assert_geq(again->cap, 100, "with its buffer");
    cr_assert_eq(l.nfree, 0);
    big = rpc_msg_new(&l, RPC_MSG_KEEP_CAP + 1);
    cr_assert_not_null(big);
    rpc_msg_free(&l, big);
    cr_assert_eq(l.nfree, 0, "a buffer over RPC_MSG_KEEP_CAP is not kept");
    for (int i = 0; i < RPC_MSG_CACHE_MAX + 10; i++)
        rpc_msg_free(&l, rpc_msg_new_any(64));
    cr_assert_eq(l.nfree, RPC_MSG_CACHE_MAX, "the cache is bounded");
    rpc_msg_free(&l, again);
    cr_assert_eq(l.nfree, RPC_MSG_CACHE_MAX);
    while (l.nfree > 0)                 /* empty it through rpc_msg_new */
        free_one(rpc_msg_new(&l, 1));
    cr_assert_eq(l.free_bytes, 0, "bytes leave with their messages");
    for (int i = 0; i < RPC_MSG_CACHE_MAX; i++)
        rpc_msg_free(&l, rpc_msg_new_any(RPC_MSG_KEEP_CAP));
    cr_assert_eq(l.nfree, RPC_MSG_CACHE_BYTES / RPC_MSG_KEEP_CAP,
                 "big buffers are bounded by bytes, not only by count");
    cr_assert_leq(l.free_bytes, RPC_MSG_CACHE_BYTES);
    while (l.free_msgs) {
        struct rpc_msg *f = l.free_msgs;

        l.free_msgs = f->next;
        free_one(f);
    }
}
