/*
 * test_batching.c: the reactor's batching and buffer-reuse paths over a
 * real UNIX socket (server_harness.h): many frames parsed from one read,
 * frames split across reads (the rx carry-over and the split length word),
 * frames larger than the scratch buffer read straight into their message,
 * partial writev()s to a client that does not read, the message cache and
 * the workers' swapped reply buffers, and the per-client request limit.
 *
 * Every reply is checked whole: its length word, header, body and XDR
 * padding, so a reused buffer that leaked old bytes shows.
 */
#include <criterion/criterion.h>

#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <sys/ioctl.h>

#include "rpc/prog.h"
#include "rpc/server_priv.h"        /* RPC_SCRATCH_SIZE */
#include "test/unit/server_harness.h"

#define PROG       0x42617463u
#define P_ECHO     1
#define P_BLOB     2
#define P_DIGEST   3
#define P_HOLD     4
#define P_NONE     99               /* not in the table: the reactor answers */
#define SCRATCH    RPC_SCRATCH_SIZE
#define RX_CAP     (4u << 20)       /* the test's receive buffer */

/* -- the test program ------------------------------------------------------ */

static atomic_uint holding;         /* HOLD calls running now */
static atomic_uint holding_peak;    /* the most at once */

/* Byte @i of the BLOB/DIGEST pattern for @seed: differs per seed, so a
 * stale byte from another reply does not pass for a right one. */
static uint8_t
pattern(uint32_t seed, size_t i)
{
    return (uint8_t)(seed * 131u + i * 7u + (i >> 9) + 1u);
}

/* FNV-1a of p[0..n), or of @n pattern bytes of @seed when p is NULL */
static uint32_t
fnv1a(const uint8_t *p, size_t n, uint32_t seed)
{
    uint32_t h = 2166136261u;

    for (size_t i = 0; i < n; i++)
        h = (h ^ (p ? p[i] : pattern(seed, i))) * 16777619u;
    return h;
}

/* BLOB(size, seed): an opaque of @size pattern bytes. */
static int
h_blob(struct rpc_call *c)
{
    uint32_t size = (uint32_t)c->args[0].i;
    uint32_t seed = (uint32_t)c->args[1].i;
    uint8_t *p = arena_alloc(c->arena, size ? size : 1);

    if (!p) {
        err_set(&c->err, ERR_NO_MEMORY, ERRDOM_RPC, NULL);
        return -1;
    }
    for (uint32_t i = 0; i < size; i++)
        p[i] = pattern(seed, i);
    c->ret[0].uuid = p;
    c->ret[0].n = size;
    c->ret[0].present = true;
    return 0;
}

/* DIGEST(data): its length and FNV-1a hash. */
static int
h_digest(struct rpc_call *c)
{
    c->ret[0].i = c->args[0].n;
    c->ret[1].i = fnv1a(c->args[0].uuid, c->args[0].n, 0);
    c->ret[0].present = c->ret[1].present = true;
    return 0;
}

/* HOLD(usec): stay busy for @usec; returns how many HOLDs ran at entry. */
static int
h_hold(struct rpc_call *c)
{
    unsigned now = atomic_fetch_add(&holding, 1) + 1;
    unsigned peak = atomic_load(&holding_peak);

    while (now > peak && !atomic_compare_exchange_weak(&holding_peak, &peak,
                                                       now))
        ;
    usleep((useconds_t)c->args[0].i);
    atomic_fetch_sub(&holding, 1);
    c->ret[0].i = now;
    c->ret[0].present = true;
    return 0;
}

static const struct rpc_proc procs[] = {
    { P_ECHO, "ECHO", "s:text", "s:text", RPC_PROC_NO_OPEN, NULL,
      harness_echo },
    { P_BLOB, "BLOB", "u:size u:seed", "o[4194304]:data", RPC_PROC_NO_OPEN,
      NULL, h_blob },
    { P_DIGEST, "DIGEST", "o[4194304]:data", "u:len u:hash",
      RPC_PROC_NO_OPEN, NULL, h_digest },
    { P_HOLD, "HOLD", "u:usec", "u:running", RPC_PROC_NO_OPEN, NULL, h_hold },
};

static const struct rpc_prog prog = {
    .prog = PROG, .vers = 1, .name = "batching",
    .procs = procs, .nprocs = sizeof(procs) / sizeof(procs[0]),
};

/* Start the server: @min..@max regular workers, no priority ones, at most
 * @limit calls in flight per client. */
static void
start(unsigned min, unsigned max, unsigned limit)
{
    struct rpc_server_cfg cfg = {
        .name = "libvirtd", .prog = &prog,
        .workers = { min, max, 0 }, .max_clients = 10,
        .max_client_requests = limit, .keepalive_interval = -1,
        .job_queue_cap = 512,
    };

    harness_start(&cfg);
}

TestSuite(batching, .fini = harness_stop, .timeout = 10);

/* -- the client side --------------------------------------------------------- */

static uint8_t *rx;                 /* RX_CAP bytes, freed at exit */

static uint8_t *
rx_buf(void)
{
    if (!rx)
        rx = malloc(RX_CAP);
    cr_assert_not_null(rx);
    return rx;
}

/* A call frame with args @v per @shape at buf; returns its length. */
static size_t
put_call(uint8_t *buf, size_t cap, int proc, uint32_t serial,
         const char *shape, const struct xval *v)
{
    struct rpc_hdr h = { PROG, 1, proc, RPC_CALL, serial, RPC_OK };
    struct xdr_enc e;

    xdr_enc_init(&e, buf, cap, cap);
    rpc_frame_begin(&e, &h);
    xval_encode(shape, v, &e);
    cr_assert_eq(rpc_frame_finish(&e), 0, "call %u does not fit", serial);
    return e.len;
}

static size_t
put_echo(uint8_t *buf, size_t cap, uint32_t serial, const char *text)
{
    struct xval v = { .present = true, .s = text };

    return put_call(buf, cap, P_ECHO, serial, "s:text", &v);
}

static size_t
put_blob(uint8_t *buf, size_t cap, uint32_t serial, uint32_t size)
{
    struct xval v[2] = { { .present = true, .i = size },
                         { .present = true, .i = serial } };

    return put_call(buf, cap, P_BLOB, serial, "u:size u:seed", v);
}

/* A DIGEST call over @size pattern bytes of seed @serial. */
static size_t
put_digest(uint8_t *buf, size_t cap, uint32_t serial, uint32_t size)
{
    uint8_t *data = malloc(size ? size : 1);
    struct xval v = { .present = true, .n = size, .uuid = data };
    size_t n;

    cr_assert_not_null(data);
    for (uint32_t i = 0; i < size; i++)
        data[i] = pattern(serial, i);
    n = put_call(buf, cap, P_DIGEST, serial, "o[4194304]:data", &v);
    free(data);
    return n;
}

/* The text ECHO call @serial carries: its length varies with the serial,
 * so every XDR padding size comes up. */
static void
echo_text(uint32_t serial, char *buf, size_t cap)
{
    snprintf(buf, cap, "s%u%.*s", serial, (int)(serial % 7), "abcdefg");
}

static uint32_t
be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
           (uint32_t)p[2] << 8 | p[3];
}

static size_t
padded(size_t n)
{
    return (n + 3) & ~(size_t)3;
}

/* Check an OK reply frame f[0..n) to @proc and return its serial; its
 * length word must be @n and @body bytes must follow the header. */
static uint32_t
check_hdr(const uint8_t *f, ssize_t n, int proc, size_t body)
{
    struct rpc_hdr h;

    cr_assert_gt(n, 0, "reply missing (%zd)", n);
    cr_assert_eq(be32(f), (uint32_t)n);
    rpc_hdr_decode(f + RPC_LEN_SIZE, &h);
    cr_assert_eq(h.prog, PROG);
    cr_assert_eq(h.proc, proc);
    cr_assert_eq(h.type, RPC_REPLY);
    cr_assert_eq(h.status, RPC_OK, "serial %u: status %d", h.serial,
                 h.status);
    cr_assert_eq((size_t)n, RPC_FRAME_MIN + body,
                 "serial %u: frame of %zd bytes, want %zu", h.serial, n,
                 RPC_FRAME_MIN + body);
    return h.serial;
}

/* Check XDR bytes at p: a u32 length @len, @len bytes whose i-th is
 * byte(i), then zero padding. */
static void
check_counted(const uint8_t *p, uint32_t len, uint32_t serial,
              uint8_t (*byte)(uint32_t serial, size_t i))
{
    cr_assert_eq(be32(p), len, "serial %u: length %u, want %u", serial,
                 be32(p), len);
    for (size_t i = 0; i < len; i++)
        cr_assert_eq(p[4 + i], byte(serial, i), "serial %u: byte %zu",
                     serial, i);
    for (size_t i = len; i < padded(len); i++)
        cr_assert_eq(p[4 + i], 0, "serial %u: pad byte %zu", serial, i);
}

static uint8_t
echo_byte(uint32_t serial, size_t i)
{
    char text[32];

    echo_text(serial, text, sizeof(text));
    return (uint8_t)text[i];
}

static uint32_t (*size_of)(uint32_t serial); /* BLOB/DIGEST size asked */
static unsigned hold_limit;                   /* HOLD: most running */

static void
check_echo(const uint8_t *f, ssize_t n, uint32_t serial)
{
    char text[32];

    echo_text(serial, text, sizeof(text));
    check_hdr(f, n, P_ECHO, 4 + padded(strlen(text)));
    check_counted(f + RPC_FRAME_MIN, (uint32_t)strlen(text), serial,
                  echo_byte);
}

static void
check_blob(const uint8_t *f, ssize_t n, uint32_t serial)
{
    uint32_t size = size_of(serial);

    check_hdr(f, n, P_BLOB, 4 + padded(size));
    check_counted(f + RPC_FRAME_MIN, size, serial, pattern);
}

/* The server must have seen size_of(serial) pattern bytes. */
static void
check_digest(const uint8_t *f, ssize_t n, uint32_t serial)
{
    uint32_t size = size_of(serial);

    check_hdr(f, n, P_DIGEST, 8);
    cr_assert_eq(be32(f + 28), size, "serial %u: server saw %u bytes",
                 serial, be32(f + 28));
    cr_assert_eq(be32(f + 32), fnv1a(NULL, size, serial),
                 "serial %u: data differs", serial);
}

static void
check_hold(const uint8_t *f, ssize_t n, uint32_t serial)
{
    check_hdr(f, n, P_HOLD, 4);
    cr_assert(be32(f + 28) >= 1 && be32(f + 28) <= hold_limit,
              "serial %u: %u calls running", serial, be32(f + 28));
}

/* The reactor's own error reply, encoded into the call's message (from
 * the cache): byte for byte what a fresh buffer gets. */
static void
check_unknown(const uint8_t *f, ssize_t n, uint32_t serial)
{
    struct rpc_hdr h = { PROG, 1, P_NONE, RPC_REPLY, serial, RPC_ERROR };
    struct err err = { 0 };
    uint8_t want[256];
    struct xdr_enc e;

    err_set(&err, ERR_RPC, ERRDOM_RPC, "unknown procedure: %d", P_NONE);
    xdr_enc_init(&e, want, sizeof(want), sizeof(want));
    rpc_frame_begin(&e, &h);
    rpc_error_encode(&e, &err);
    err_release(&err);
    cr_assert_eq(rpc_frame_finish(&e), 0);
    cr_assert_eq((size_t)n, e.len, "serial %u: error reply of %zd bytes, "
                 "want %zu", serial, n, e.len);
    cr_assert_eq(memcmp(f, want, e.len), 0, "serial %u: error reply differs",
                 serial);
}

/* Read one reply and check it whole against what its serial asked;
 * returns the serial. */
static uint32_t
read_reply(int fd)
{
    uint8_t *f = rx_buf();
    ssize_t n = read_frame(fd, f, RX_CAP);
    uint32_t serial;

    cr_assert_gt(n, RPC_FRAME_MIN, "reply missing (%zd)", n);
    serial = be32(f + 20);
    switch (be32(f + 12)) {
    case P_ECHO:   check_echo(f, n, serial); break;
    case P_BLOB:   check_blob(f, n, serial); break;
    case P_DIGEST: check_digest(f, n, serial); break;
    case P_HOLD:   check_hold(f, n, serial); break;
    case P_NONE:   check_unknown(f, n, serial); break;
    default:       cr_assert_fail("reply to procedure %u", be32(f + 12));
    }
    return serial;
}

/* Mark @serial seen in @seen[base..base+n); fails on a stranger or a
 * duplicate. */
static void
see(bool *seen, uint32_t base, uint32_t n, uint32_t serial)
{
    cr_assert(serial >= base && serial < base + n, "unexpected serial %u",
              serial);
    cr_assert_not(seen[serial - base], "serial %u answered twice", serial);
    seen[serial - base] = true;
}

/* Read @count replies: each serial of [base, base+count) exactly once, in
 * any order. (A stray extra reply shows as a stranger to the next
 * read_all, or to the expect_silence() that ends a test.) */
static void
read_all(int fd, uint32_t base, uint32_t count)
{
    bool *seen = calloc(count, sizeof(*seen));

    cr_assert_not_null(seen);
    for (uint32_t i = 0; i < count; i++)
        see(seen, base, count, read_reply(fd));
    free(seen);
}

/* -- many frames in one read ------------------------------------------------ */

#define MANY 200

/* MANY ECHO calls, serials base.., in one write() */
static void
send_many(int fd, uint32_t base)
{
    size_t cap = MANY * 64, n = 0;
    uint8_t *buf = malloc(cap);
    char text[32];

    cr_assert_not_null(buf);
    for (uint32_t i = 0; i < MANY; i++) {
        echo_text(base + i, text, sizeof(text));
        n += put_echo(buf + n, cap - n, base + i, text);
    }
    cr_assert_eq(write(fd, buf, n), (ssize_t)n);
    free(buf);
}

/* MANY calls in one write to a server with @limit request slots: every
 * one answered once and right, in any order. */
static void
many_in_one_write(unsigned limit)
{
    int fd;

    start(2, 4, limit);
    fd = client_connect();
    send_many(fd, 1000);
    read_all(fd, 1000, MANY);
    finish(fd);
}

Test(batching, many_frames_in_one_write_all_dispatched)
{
    many_in_one_write(256);
}

Test(batching, many_frames_in_one_write_mostly_parked)
{
    many_in_one_write(4);
}

/* With one request slot the next call is dispatched only once the reply
 * to the last was written: replies come in call order. */
Test(batching, one_request_slot_keeps_call_order)
{
    int fd;

    start(2, 4, 1);
    fd = client_connect();
    send_many(fd, 1000);
    for (uint32_t i = 0; i < MANY; i++)
        cr_assert_eq(read_reply(fd), 1000 + i);
    finish(fd);
}

/* -- frames split across reads ------------------------------------------------ */

/* Three ECHO calls back to back, serials base..base+2. */
static size_t
put_three(uint8_t *buf, size_t cap, uint32_t base)
{
    size_t n = 0;
    char text[32];

    for (uint32_t i = 0; i < 3; i++) {
        echo_text(base + i, text, sizeof(text));
        n += put_echo(buf + n, cap - n, base + i, text);
    }
    return n;
}

/* Every split point of three frames: inside a length word (the carried
 * lenbuf), right after one (the rx carry-over with only the word), inside
 * a header or body, and at frame boundaries. */
Test(batching, frames_split_at_every_byte_boundary)
{
    uint8_t buf[256];
    int fd;

    start(2, 4, 8);
    fd = client_connect();
    for (size_t at = 1;; at++) {
        uint32_t base = (uint32_t)at * 4;
        size_t n = put_three(buf, sizeof(buf), base);

        if (at >= n)
            break;
        send_split(fd, buf, n, at);
        read_all(fd, base, 3);
    }
    finish(fd);
}

Test(batching, frames_sent_one_byte_per_read)
{
    uint8_t buf[256];
    size_t n;
    int fd;

    start(2, 4, 8);
    fd = client_connect();
    n = put_three(buf, sizeof(buf), 7);
    for (size_t i = 0; i < n; i++) {
        send_all(fd, buf + i, 1);
        wait_consumed(fd);
    }
    read_all(fd, 7, 3);
    finish(fd);
}

/* -- frames larger than the scratch buffer ------------------------------- */

#define BIG (SCRATCH * 5 + 13)      /* read directly in several reads */

/* DIGEST calls whose serial is a multiple of 4 carry BIG bytes. */
static uint32_t
big_size(uint32_t serial)
{
    return serial % 4 == 0 ? BIG : 100;
}

/* A batch at buf, serials base..base+3 (base a multiple of 4): DIGEST of
 * BIG bytes, two ECHOs, DIGEST of 100 bytes. */
static size_t
put_big_batch(uint8_t *buf, size_t cap, uint32_t base)
{
    char text[32];
    size_t n = put_digest(buf, cap, base, BIG);

    for (uint32_t i = 1; i <= 2; i++) {
        echo_text(base + i, text, sizeof(text));
        n += put_echo(buf + n, cap - n, base + i, text);
    }
    return n + put_digest(buf + n, cap - n, base + 3, 100);
}

/* The big frame starts in one read (in the scratch buffer, or with only
 * part of its length word) and goes on in the next, which holds its rest
 * and the small frames after it: the rest is read straight into the
 * frame's buffer while more than a quarter scratch is missing. */
Test(batching, big_frame_split_then_small_frames_in_the_same_write)
{
    size_t cap = BIG + 4096, n, len = RPC_FRAME_MIN + 4 + padded(BIG);
    uint8_t *buf = malloc(cap);
    size_t at[] = { 1, 3, 4, 5, 28, 100, 4096, SCRATCH - 1, SCRATCH,
                    SCRATCH + 1, len - SCRATCH / 4 - 1, len - SCRATCH / 4,
                    len - SCRATCH / 4 + 1, len - 1, len, len + 1, len + 6 };
    int fd;

    cr_assert_not_null(buf);
    start(2, 4, 8);
    size_of = big_size;
    fd = client_connect();
    for (uint32_t i = 0; i < sizeof(at) / sizeof(at[0]); i++) {
        uint32_t base = 4 * (i + 1);

        n = put_big_batch(buf, cap, base);
        cr_assert_eq(be32(buf), len);
        send_split(fd, buf, n, at[i]);
        read_all(fd, base, 4);
    }
    free(buf);
    finish(fd);
}

/* Two batches back to back (a big frame also starts after small ones in
 * one read) in pieces of several sizes, each piece read on its own. */
Test(batching, big_frames_in_pieces)
{
    static const size_t piece[] = { 16381, 65537, 262147 };
    size_t cap = 2 * BIG + 8192, n;
    uint8_t *buf = malloc(cap);
    int fd;

    cr_assert_not_null(buf);
    start(2, 4, 16);            /* never at the limit: every piece is read */
    size_of = big_size;
    fd = client_connect();
    for (uint32_t i = 0; i < sizeof(piece) / sizeof(piece[0]); i++) {
        uint32_t base = 8 * (i + 1);

        n = put_big_batch(buf, cap, base);
        n += put_big_batch(buf + n, cap - n, base + 4);
        for (size_t off = 0; off < n; off += piece[i]) {
            send_all(fd, buf + off, n - off < piece[i] ? n - off : piece[i]);
            wait_consumed(fd);
        }
        read_all(fd, base, 8);
    }
    free(buf);
    finish(fd);
}

/* -- partial writes ---------------------------------------------------------- */

#define SLOW_CALLS 150

/* 1000..60999 bytes: about 4.5 MiB of replies in all. */
static uint32_t
slow_size(uint32_t serial)
{
    return 1000 + (serial * 7919u) % 60000;
}

/* Wait until no more bytes arrive for @fd for 100 ms; how many wait. */
static int
wait_stalled(int fd)
{
    int last = -1, now = 0;

    for (int i = 0; i < 30; i++) {
        cr_assert_eq(ioctl(fd, FIONREAD, &now), 0);
        if (now == last && now > 0)
            return now;
        last = now;
        usleep(100 * 1000);
    }
    cr_assert_fail("replies still arriving after 3 s (%d bytes)", now);
    return now;
}

/*
 * A client asks for far more than a socket holds and reads nothing: the
 * server's writev()s end mid-reply (the reply keeps its offset) and then
 * fail with EAGAIN, up to 100 replies wait in its queue (more than one
 * writev batch of 64), the rest of the calls stay parked. Another client
 * is served meanwhile. Then every reply arrives whole, once.
 */
Test(batching, partial_writes_to_a_client_that_does_not_read)
{
    size_t cap = SLOW_CALLS * 64, n = 0, total = 0;
    uint8_t *buf = malloc(cap);
    int small = 4096, a, b, queued;

    cr_assert_not_null(buf);
    start(2, 4, 100);
    size_of = slow_size;
    a = client_connect();
    cr_assert_eq(setsockopt(a, SOL_SOCKET, SO_RCVBUF, &small,
                            sizeof(small)), 0);
    for (uint32_t s = 1; s <= SLOW_CALLS; s++) {
        n += put_blob(buf + n, cap - n, s, slow_size(s));
        total += RPC_FRAME_MIN + 4 + padded(slow_size(s));
    }
    send_all(a, buf, n);
    queued = wait_stalled(a);
    cr_assert_lt((size_t)queued, total / 4, "the server wrote %d of %zu "
                 "bytes: the socket did not fill", queued, total);
    b = client_connect();
    for (uint32_t s = 1; s <= 5; s++) {
        n = put_blob(buf, cap, s, slow_size(s));
        send_all(b, buf, n);
        cr_assert_eq(read_reply(b), s);
    }
    read_all(a, 1, SLOW_CALLS);
    free(buf);
    finish(a);
    finish(b);
}

/* -- reused messages and reply buffers ----------------------------------- */

/* Sizes around the limits of what is kept: the message cache keeps
 * buffers up to 64 KiB, a worker keeps one up to 1 MiB. */
static const uint32_t reuse_sizes[] = {
    1572864, 1, 5, 4095, 65000, 65536, 2, 1048579, 3, 70001, 1048576, 0,
    262143, 7,
};
#define NREUSE (sizeof(reuse_sizes) / sizeof(reuse_sizes[0]))

/* serial = 16 * step + k, k < 16 */
static uint32_t
reuse_size(uint32_t serial)
{
    return reuse_sizes[(serial / 16) % NREUSE];
}

/* One call of @proc (BLOB, ECHO or the unknown one) and its reply. */
static void
roundtrip(int fd, int proc, uint32_t serial)
{
    uint8_t buf[256];
    char text[32];
    size_t n;

    echo_text(serial, text, sizeof(text));
    if (proc == P_BLOB)
        n = put_blob(buf, sizeof(buf), serial, reuse_size(serial));
    else if (proc == P_ECHO)
        n = put_echo(buf, sizeof(buf), serial, text);
    else
        n = put_call(buf, sizeof(buf), proc, serial, "", NULL);
    send_all(fd, buf, n);
    cr_assert_eq(read_reply(fd), serial);
}

/*
 * One worker, so each reply is encoded into the buffer the last call
 * left it. After each BLOB (from 0 bytes to 1.5 MiB) small ECHO replies,
 * and error replies the reactor writes into cached messages, on the same
 * and on another connection must have exactly their length and bytes,
 * zero padding included: nothing of the big reply, or of a cached
 * message's earlier life, shows through.
 */
Test(batching, big_replies_leave_no_stale_bytes)
{
    int a, b;

    start(1, 1, 4);
    size_of = reuse_size;
    a = client_connect();
    b = client_connect();
    for (uint32_t step = 0; step < NREUSE; step++) {
        roundtrip(a, P_BLOB, 16 * step);
        roundtrip(a, P_ECHO, 16 * step + 1);
        roundtrip(b, P_ECHO, 16 * step + 2);
        roundtrip(b, P_NONE, 16 * step + 3);
        roundtrip(b, P_BLOB, 16 * step + 4);
        roundtrip(a, P_NONE, 16 * step + 5);
        roundtrip(a, P_ECHO, 16 * step + 6);
    }
    finish(a);
    finish(b);
}

/* The same pipelined, answered by two workers: every BLOB and an ECHO
 * after each in one write on one connection, ECHOs and unknown calls in
 * one write on another. */
Test(batching, big_replies_pipelined_leave_no_stale_bytes)
{
    size_t cap = NREUSE * 2 * 64, na = 0, nb = 0;
    uint8_t *ba = malloc(cap), *bb = malloc(cap);
    bool seen[32 * NREUSE] = { false };
    char text[32];
    int a, b;

    cr_assert(ba && bb);
    start(2, 2, 8);
    size_of = reuse_size;
    a = client_connect();
    b = client_connect();
    for (uint32_t s = 0; s < 16 * NREUSE; s += 16) {
        echo_text(s + 1, text, sizeof(text));
        na += put_blob(ba + na, cap - na, s, reuse_size(s));
        na += put_echo(ba + na, cap - na, s + 1, text);
        echo_text(16 * NREUSE + s + 1, text, sizeof(text));
        nb += put_echo(bb + nb, cap - nb, 16 * NREUSE + s + 1, text);
        nb += put_call(bb + nb, cap - nb, P_NONE, 16 * NREUSE + s + 2, "",
                       NULL);
    }
    send_all(a, ba, na);
    send_all(b, bb, nb);
    for (uint32_t i = 0; i < 2 * NREUSE; i++)
        see(seen, 0, 32 * NREUSE, read_reply(a));
    for (uint32_t i = 0; i < 2 * NREUSE; i++)
        see(seen, 0, 32 * NREUSE, read_reply(b));
    free(ba);
    free(bb);
    finish(a);
    finish(b);
}

/* -- the request limit ------------------------------------------------------ */

#define LIMIT 3
#define HOLD_US 50000

/* A HOLD call of @usec, serial @serial, at buf; its length. */
static size_t
put_hold(uint8_t *buf, size_t cap, uint32_t serial, uint32_t usec)
{
    struct xval v = { .present = true, .i = usec };

    return put_call(buf, cap, P_HOLD, serial, "u:usec", &v);
}

/* Wait until @n HOLD calls run at once. */
static void
wait_holding(unsigned n)
{
    for (int i = 0; i < 20000 && atomic_load(&holding) < n; i++)
        usleep(100);
    cr_assert_eq(atomic_load(&holding), n, "%u calls running, want %u",
                 atomic_load(&holding), n);
}

/*
 * 3 x LIMIT calls in one write, with twice LIMIT workers free to run
 * them: never more than LIMIT run at once (and LIMIT do: the handlers
 * overlap). While the client is at its limit with calls parked, the
 * server reads nothing more from it. All are answered.
 */
Test(batching, request_limit_bounds_calls_running)
{
    uint8_t buf[1024];
    size_t n = 0;
    int fd, q = 0;

    start(2 * LIMIT, 2 * LIMIT, LIMIT);
    hold_limit = LIMIT;
    fd = client_connect();
    for (uint32_t s = 1; s <= 3 * LIMIT; s++)
        n += put_hold(buf + n, sizeof(buf) - n, s, HOLD_US);
    cr_assert_eq(write(fd, buf, n), (ssize_t)n);
    wait_holding(LIMIT);
    n = put_hold(buf, sizeof(buf), 3 * LIMIT + 1, 0);
    cr_assert_eq(write(fd, buf, n), (ssize_t)n);
    usleep(HOLD_US / 5);
    cr_assert_eq(ioctl(fd, SIOCOUTQ, &q), 0);
    cr_assert_gt(q, 0, "the server read a call beyond its limit");
    read_all(fd, 1, 3 * LIMIT + 1);
    cr_assert_eq(atomic_load(&holding_peak), LIMIT);
    finish(fd);
}
