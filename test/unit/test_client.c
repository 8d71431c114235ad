/*
 * test_client.c: the pieces of the tools' RPC client (rpc/client.c) that
 * need no server: address parsing, the bounded byte buffer, CALL encoding
 * and error decoding, and blocking receive over a socketpair.
 */
#include <criterion/criterion.h>
#include <errno.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "rpc/client.h"

Test(client, addr_unix_path, .timeout = 5)
{
    struct rpc_cli_addr a;
    const struct sockaddr_un *un = (const struct sockaddr_un *)&a.ss;

    cr_assert_eq(rpc_cli_addr_parse("/tmp/v/libvirt-sock", &a), 0);
    cr_assert(!a.tcp);
    cr_assert_eq(un->sun_family, AF_UNIX);
    cr_assert_str_eq(un->sun_path, "/tmp/v/libvirt-sock");
    /* a path with a colon and digits is still a path when it has a '/' */
    cr_assert_eq(rpc_cli_addr_parse("./dir:1/sock", &a), 0);
    cr_assert(!a.tcp);
    cr_assert_eq(rpc_cli_addr_parse("sock", &a), 0);
    cr_assert(!a.tcp);
}

Test(client, addr_host_port, .timeout = 5)
{
    struct rpc_cli_addr a;
    const struct sockaddr_in *in = (const struct sockaddr_in *)&a.ss;

    cr_assert_eq(rpc_cli_addr_parse("127.0.0.1:16509", &a), 0);
    cr_assert(a.tcp);
    cr_assert_eq(in->sin_family, AF_INET);
    cr_assert_eq(ntohs(in->sin_port), 16509);
    cr_assert_eq(rpc_cli_addr_parse("[::1]:16509", &a), 0);
    cr_assert(a.tcp);
    cr_assert_eq(a.ss.ss_family, AF_INET6);
}

Test(client, addr_invalid, .timeout = 5)
{
    struct rpc_cli_addr a;
    char longpath[200];

    cr_assert_eq(rpc_cli_addr_parse("", &a), -EINVAL);
    memset(longpath, 'x', sizeof(longpath) - 1);
    longpath[sizeof(longpath) - 1] = '\0';
    cr_assert_eq(rpc_cli_addr_parse(longpath, &a), -EINVAL);
}

Test(client, buf_bounded, .timeout = 5)
{
    struct rpc_cli_buf b = { 0 };
    char data[100];

    memset(data, 'a', sizeof(data));
    cr_assert_eq(rpc_cli_buf_append(&b, data, 100, 250), 0);
    cr_assert_eq(rpc_cli_buf_append(&b, data, 100, 250), 0);
    cr_assert_eq(rpc_cli_buf_append(&b, data, 100, 250), -ENOBUFS);
    cr_assert_eq(b.len, 200);
    cr_assert_leq(b.cap, 250);
    rpc_cli_buf_consume(&b, 150);
    cr_assert_eq(b.len, 50);
    cr_assert_eq(b.p[0], 'a');
    cr_assert_eq(rpc_cli_buf_append(&b, "xyz", 3, 250), 0);
    cr_assert_eq(memcmp(b.p + 50, "xyz", 3), 0);
    rpc_cli_buf_release(&b);
    cr_assert_null(b.p);
    cr_assert_eq(b.len, 0);
}

/* CONNECT_OPEN "test:///default" 0, serial 0, as protocol.md shows it. */
Test(client, encode_call, .timeout = 5)
{
    static const uint8_t want[] = {
        0x00, 0x00, 0x00, 0x38, 0x20, 0x00, 0x80, 0x86,  /* len, prog */
        0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01,  /* vers, proc 1 */
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,  /* CALL, serial */
        0x00, 0x00, 0x00, 0x00,                          /* OK */
        0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x0f,  /* present, 15 */
        't', 'e', 's', 't', ':', '/', '/', '/',
        'd', 'e', 'f', 'a', 'u', 'l', 't', 0x00,         /* + pad */
        0x00, 0x00, 0x00, 0x00,                          /* flags */
    };
    struct rpc_hdr h = {
        .prog = RPC_PROG_REMOTE, .vers = RPC_VERS, .proc = 1,
        .type = RPC_CALL,
    };
    struct xval args[2] = {
        { .present = true, .s = "test:///default", .n = 15 },
        { .present = true },
    };
    struct xdr_enc e;

    xdr_enc_init(&e, NULL, 0, RPC_FRAME_MAX);
    cr_assert_eq(rpc_cli_encode(&e, &h, "S:name u:flags", args), 0);
    cr_assert_eq(e.len, sizeof(want));
    cr_assert_eq(memcmp(e.data, want, sizeof(want)), 0);
    xdr_enc_release(&e);
}

Test(client, decode_error, .timeout = 5)
{
    struct err in = { 0 }, out = { 0 };
    struct xdr_enc e;
    uint8_t bad[4] = { 0 };

    err_set(&in, ERR_NO_DOMAIN, ERRDOM_TEST, NULL);
    xdr_enc_init(&e, NULL, 0, RPC_FRAME_MAX);
    rpc_error_encode(&e, &in);
    cr_assert_eq(e.err, 0);
    cr_assert_eq(rpc_cli_decode_error(e.data, e.len, &out), 0);
    cr_assert_eq(out.code, ERR_NO_DOMAIN);
    cr_assert_eq(out.domain, ERRDOM_TEST);
    cr_assert_str_eq(out.message, "Domain not found");
    cr_assert_eq(rpc_cli_decode_error(bad, sizeof(bad), &out), -EBADMSG);
    xdr_enc_release(&e);
    err_release(&in);
    err_release(&out);
}

/* Frames split across writes come back whole; a bad length is reported;
 * EOF is -EPIPE; nothing readable within the timeout is -ETIMEDOUT. */
Test(client, recv_frames, .timeout = 10)
{
    static const uint8_t ping[RPC_FRAME_MIN] = {
        0, 0, 0, 0x1c, 0x6b, 0x65, 0x65, 0x70, 0, 0, 0, 1, 0, 0, 0, 1,
        0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0,
    };
    struct rpc_cli c = { .fd = -1 };
    int sv[2];
    uint8_t *f;
    uint32_t len;

    cr_assert_eq(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
    c.fd = sv[0];
    cr_assert_eq(rpc_cli_recv(&c, 50, &f, &len), -ETIMEDOUT);
    cr_assert_eq(write(sv[1], ping, 10), 10);
    cr_assert_eq(rpc_cli_recv(&c, 50, &f, &len), -ETIMEDOUT);
    cr_assert_eq(write(sv[1], ping + 10, 18), 18);
    cr_assert_eq(write(sv[1], ping, 28), 28);
    cr_assert_eq(rpc_cli_recv(&c, 1000, &f, &len), 0);
    cr_assert_eq(len, 28);
    cr_assert_eq(memcmp(f, ping, 28), 0);
    cr_assert(rpc_cli_pending(&c));
    cr_assert_eq(rpc_cli_recv(&c, 0, &f, &len), 0);
    cr_assert(!rpc_cli_pending(&c));
    cr_assert_eq(write(sv[1], "\0\0\0\x04", 4), 4);
    cr_assert_eq(rpc_cli_recv(&c, 1000, &f, &len), -EBADMSG);
    rpc_cli_close(&c);
    close(sv[1]);
    cr_assert_eq(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
    c.fd = sv[0];
    close(sv[1]);
    cr_assert_eq(rpc_cli_recv(&c, 1000, &f, &len), -EPIPE);
    rpc_cli_close(&c);
}
