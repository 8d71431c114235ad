/*
 * test_msg.c: RPC framing against live frames from protocol.md (§1.6 error
 * reply, §3.1 keepalive PING, §5.1 lifecycle event) and the length limits.
 */
#include <criterion/criterion.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "rpc/msg.h"

#define T_TIMEOUT .timeout = 10

static void
len_word(uint8_t *p, uint32_t n)
{
    p[0] = (uint8_t)(n >> 24);
    p[1] = (uint8_t)(n >> 16);
    p[2] = (uint8_t)(n >> 8);
    p[3] = (uint8_t)n;
}

Test(msg, frame_len_limits, T_TIMEOUT)
{
    static const struct {
        uint32_t len;
        int rc;
    } cases[] = {
        { 0, -EBADMSG }, { 3, -EBADMSG }, { 4, -EBADMSG },
        { 27, -EBADMSG }, { 28, 0 }, { 29, 0 },
        { 33554436, 0 }, { 33554437, -EBADMSG }, { UINT32_MAX, -EBADMSG },
    };
    uint8_t p[4];
    uint32_t got;

    for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
        got = 12345;
        len_word(p, cases[k].len);
        cr_assert_eq(rpc_frame_len(p, &got), cases[k].rc, "len %u",
                     cases[k].len);
        if (cases[k].rc == 0)
            cr_assert_eq(got, cases[k].len);
    }
    cr_assert_eq(RPC_FRAME_MAX, 33554436u);
    cr_assert_eq(RPC_PAYLOAD_MAX, 33554408u);
}

static const uint8_t ping_frame[] = {
    0x00, 0x00, 0x00, 0x1c,                 /* len 28 */
    0x6b, 0x65, 0x65, 0x70,                 /* prog KEEPALIVE "keep" */
    0x00, 0x00, 0x00, 0x01,                 /* vers 1 */
    0x00, 0x00, 0x00, 0x01,                 /* proc 1 PING */
    0x00, 0x00, 0x00, 0x02,                 /* type 2 MESSAGE */
    0x00, 0x00, 0x00, 0x00,                 /* serial 0 */
    0x00, 0x00, 0x00, 0x00,                 /* status 0 OK */
};

Test(msg, keepalive_ping_frame, T_TIMEOUT)
{
    struct rpc_hdr h = {
        .prog = RPC_PROG_KEEPALIVE, .vers = RPC_VERS,
        .proc = KEEPALIVE_PROC_PING, .type = RPC_MESSAGE,
        .serial = 0, .status = RPC_OK,
    };
    struct rpc_hdr got;
    uint8_t buf[64];
    struct xdr_enc e;
    uint32_t len;

    xdr_enc_init(&e, buf, sizeof(buf), RPC_FRAME_MAX);
    rpc_frame_begin(&e, &h);
    cr_assert_eq(rpc_frame_finish(&e), 0);
    cr_assert_eq(e.len, sizeof(ping_frame));
    cr_assert_arr_eq(e.data, ping_frame, sizeof(ping_frame));
    cr_assert(!xdr_enc_owned(&e));
    cr_assert_eq(rpc_frame_len(ping_frame, &len), 0);
    cr_assert_eq(len, 28);
    rpc_hdr_decode(ping_frame + 4, &got);
    cr_assert_eq(memcmp(&got, &h, sizeof(h)), 0);
}

Test(msg, header_signed_fields, T_TIMEOUT)
{
    struct rpc_hdr h = {
        .prog = 0xdeadbeef, .vers = 7, .proc = -1, .type = -2,
        .serial = 0xfffffffe, .status = -3,
    };
    struct rpc_hdr got;
    uint8_t p[RPC_HDR_SIZE];

    rpc_hdr_encode(p, &h);
    cr_assert_eq(p[0], 0xde);
    cr_assert_eq(p[11], 0xff);
    rpc_hdr_decode(p, &got);
    cr_assert_eq(got.prog, 0xdeadbeef);
    cr_assert_eq(got.proc, -1);
    cr_assert_eq(got.type, -2);
    cr_assert_eq(got.serial, 0xfffffffe);
    cr_assert_eq(got.status, -3);
}

static const uint8_t error_frame[] = {
    0x00, 0x00, 0x00, 0x70,                 /* len 112 */
    0x20, 0x00, 0x80, 0x86,                 /* prog REMOTE */
    0x00, 0x00, 0x00, 0x01,                 /* vers 1 */
    0x00, 0x00, 0x00, 0x17,                 /* proc 23 LOOKUP_BY_NAME */
    0x00, 0x00, 0x00, 0x01,                 /* type REPLY */
    0x00, 0x00, 0x00, 0x06,                 /* serial 6 */
    0x00, 0x00, 0x00, 0x01,                 /* status ERROR */
    0x00, 0x00, 0x00, 0x2a,                 /* code 42 NO_DOMAIN */
    0x00, 0x00, 0x00, 0x0c,                 /* domain 12 TEST */
    0x00, 0x00, 0x00, 0x01,                 /* message present */
    0x00, 0x00, 0x00, 0x10,                 /* length 16 */
    'D', 'o', 'm', 'a', 'i', 'n', ' ', 'n',
    'o', 't', ' ', 'f', 'o', 'u', 'n', 'd', /* "Domain not found" */
    0x00, 0x00, 0x00, 0x02,                 /* level 2 ERROR */
    0x00, 0x00, 0x00, 0x00,                 /* dom absent */
    0x00, 0x00, 0x00, 0x01,                 /* str1 present */
    0x00, 0x00, 0x00, 0x10,                 /* length 16 */
    'D', 'o', 'm', 'a', 'i', 'n', ' ', 'n',
    'o', 't', ' ', 'f', 'o', 'u', 'n', 'd', /* "Domain not found" */
    0x00, 0x00, 0x00, 0x00,                 /* str2 absent */
    0x00, 0x00, 0x00, 0x00,                 /* str3 absent */
    0xff, 0xff, 0xff, 0xff,                 /* int1 -1 */
    0xff, 0xff, 0xff, 0xff,                 /* int2 -1 */
    0x00, 0x00, 0x00, 0x00,                 /* net absent */
};

Test(msg, error_frame_golden, T_TIMEOUT)
{
    struct rpc_hdr h = {
        .prog = RPC_PROG_REMOTE, .vers = RPC_VERS, .proc = 23,
        .type = RPC_REPLY, .serial = 6, .status = RPC_ERROR,
    };
    struct err err = { 0 };
    struct xdr_enc e;

    err_set(&err, ERR_NO_DOMAIN, ERRDOM_TEST, NULL);
    cr_assert_str_eq(err.message, "Domain not found");
    xdr_enc_init(&e, NULL, 0, RPC_FRAME_MAX);
    rpc_frame_begin(&e, &h);
    rpc_error_encode(&e, &err);
    cr_assert_eq(rpc_frame_finish(&e), 0);
    cr_assert_eq(e.len, sizeof(error_frame));
    cr_assert_arr_eq(e.data, error_frame, sizeof(error_frame));
    xdr_enc_release(&e);
    err_release(&err);
}

Test(msg, error_body_decodes, T_TIMEOUT)
{
    uint8_t copy[sizeof(error_frame)];
    struct xdr_dec d;
    struct xval v;
    struct arena a;

    memcpy(copy, error_frame, sizeof(copy));
    d = (struct xdr_dec){ .p = copy, .len = sizeof(copy), .pos = 28 };
    arena_init(&a);
    cr_assert_eq(xval_decode("E", &d, &v, &a), 0);
    cr_assert_eq(d.pos, sizeof(copy));
    cr_assert_eq(v.i, 42);
    cr_assert_eq(v.j, 12);
    cr_assert_str_eq(v.s, "Domain not found");
    cr_assert_str_eq(v.s2, "Domain not found");
    cr_assert_null(v.s3);
}

Test(msg, error_null_message_absent, T_TIMEOUT)
{
    static const uint8_t want[] = {
        0x00, 0x00, 0x00, 0x01,             /* code 1 */
        0x00, 0x00, 0x00, 0x07,             /* domain 7 */
        0x00, 0x00, 0x00, 0x00,             /* message absent */
        0x00, 0x00, 0x00, 0x02,             /* level */
        0x00, 0x00, 0x00, 0x00,             /* dom */
        0x00, 0x00, 0x00, 0x00,             /* str1 */
        0x00, 0x00, 0x00, 0x00,             /* str2 */
        0x00, 0x00, 0x00, 0x00,             /* str3 */
        0xff, 0xff, 0xff, 0xff,             /* int1 */
        0xff, 0xff, 0xff, 0xff,             /* int2 */
        0x00, 0x00, 0x00, 0x00,             /* net */
    };
    struct err err = { .code = 1, .domain = 7 };
    struct xdr_enc e;

    xdr_enc_init(&e, NULL, 0, 1024);
    rpc_error_encode(&e, &err);
    cr_assert_eq(e.err, 0);
    cr_assert_eq(e.len, sizeof(want));
    cr_assert_arr_eq(e.data, want, sizeof(want));
    xdr_enc_release(&e);
}

Test(msg, lifecycle_event_frame, T_TIMEOUT)
{
    static const uint8_t want[] = {
        0x00, 0x00, 0x00, 0x44,             /* len 68 */
        0x20, 0x00, 0x80, 0x86,             /* prog REMOTE */
        0x00, 0x00, 0x00, 0x01,             /* vers 1 */
        0x00, 0x00, 0x01, 0x3e,             /* proc 318 */
        0x00, 0x00, 0x00, 0x02,             /* type MESSAGE */
        0x00, 0x00, 0x00, 0x01,             /* serial 1 */
        0x00, 0x00, 0x00, 0x00,             /* status OK */
        0x00, 0x00, 0x00, 0x00,             /* callbackID 0 */
        0x00, 0x00, 0x00, 0x03,             /* name length 3 */
        'v', 'm', '2', 0x00,                /* "vm2" + pad */
        0x5c, 0x12, 0x1e, 0x86, 0x39, 0xdf, 0x47, 0x6a,
        0xa3, 0xc2, 0x74, 0x55, 0x05, 0xe9, 0x1e, 0x7f, /* uuid */
        0x00, 0x00, 0x00, 0x0b,             /* id 11 */
        0x00, 0x00, 0x00, 0x02,             /* event STARTED */
        0x00, 0x00, 0x00, 0x00,             /* detail BOOTED */
    };
    static const char shape[] = "i:callbackID D:dom i:event i:detail";
    struct rpc_hdr h = {
        .prog = RPC_PROG_REMOTE, .vers = RPC_VERS, .proc = 318,
        .type = RPC_MESSAGE, .serial = 1, .status = RPC_OK,
    };
    struct xval v[4] = {
        { .i = 0 },
        { .s = "vm2", .uuid = want + 40, .i = 11 },
        { .i = 2 },
        { .i = 0 },
    };
    struct xdr_enc e;

    xdr_enc_init(&e, NULL, 0, RPC_FRAME_MAX);
    rpc_frame_begin(&e, &h);
    cr_assert_eq(xval_encode(shape, v, &e), 0);
    cr_assert_eq(rpc_frame_finish(&e), 0);
    cr_assert_eq(e.len, sizeof(want));
    cr_assert_arr_eq(e.data, want, sizeof(want));
    xdr_enc_release(&e);
}

/* A frame of exactly RPC_FRAME_MAX bytes finishes; one byte more does not. */
Test(msg, frame_finish_max, T_TIMEOUT)
{
    struct rpc_hdr h = { .prog = RPC_PROG_REMOTE, .vers = RPC_VERS };
    uint8_t *body = calloc(1, RPC_PAYLOAD_MAX + 1);
    struct xdr_enc e;

    cr_assert(body);
    xdr_enc_init(&e, NULL, 0, RPC_FRAME_MAX + 64);
    rpc_frame_begin(&e, &h);
    xdr_put_raw(&e, body, RPC_PAYLOAD_MAX);
    cr_assert_eq(rpc_frame_finish(&e), 0);
    cr_assert_eq(e.len, RPC_FRAME_MAX);
    cr_assert_eq(e.data[0], 0x02);          /* 0x02000004 */
    cr_assert_eq(e.data[3], 0x04);
    xdr_enc_release(&e);
    xdr_enc_init(&e, NULL, 0, RPC_FRAME_MAX + 64);
    rpc_frame_begin(&e, &h);
    xdr_put_raw(&e, body, RPC_PAYLOAD_MAX + 1);
    cr_assert_eq(rpc_frame_finish(&e), -EMSGSIZE);
    xdr_enc_release(&e);
    xdr_enc_init(&e, NULL, 0, RPC_FRAME_MAX);   /* encoder max = frame max */
    rpc_frame_begin(&e, &h);
    xdr_put_raw(&e, body, RPC_PAYLOAD_MAX + 1);
    cr_assert_eq(rpc_frame_finish(&e), -EMSGSIZE);
    xdr_enc_release(&e);
    free(body);
}

Test(msg, frame_finish_sticky_error, T_TIMEOUT)
{
    struct rpc_hdr h = { .prog = RPC_PROG_REMOTE, .vers = RPC_VERS };
    struct xdr_enc e;

    xdr_enc_init(&e, NULL, 0, 20);          /* too small for the header */
    rpc_frame_begin(&e, &h);
    cr_assert_eq(rpc_frame_finish(&e), -EMSGSIZE);
    xdr_enc_release(&e);
}
