/*
 * test_xdr.c: XDR primitives and shapes against golden bytes from
 * protocol.md, every limit +-1, truncation at every offset, and round trips
 * for every type letter, including the text syntax of `virtd cat`.
 */
#include <criterion/criterion.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "rpc/xdr.h"

#define T_TIMEOUT .timeout = 10

static const uint8_t test_uuid[16] = {
    0x66, 0x95, 0xeb, 0x01, 0xf6, 0xa4, 0x83, 0x04,
    0x79, 0xaa, 0x97, 0xf2, 0x50, 0x2e, 0x19, 0x3f,
};

/* Encode in[] per shape into a fresh malloc'ed encoder (max 64 MiB). */
static void
enc_shape(struct xdr_enc *e, const char *shape, const struct xval *in)
{
    xdr_enc_init(e, NULL, 0, 64u << 20);
    cr_assert_eq(xval_encode(shape, in, e), 0, "encode %s: %d", shape, e->err);
}

/* Decode a private copy of p[0..n) (decoding writes into the buffer). */
static int
dec_copy(const char *shape, const uint8_t *p, size_t n, struct xval *out,
         struct arena *a, uint8_t **copy)
{
    struct xdr_dec d;

    *copy = malloc(n ? n : 1);
    cr_assert(*copy);
    memcpy(*copy, p, n);
    d = (struct xdr_dec){ .p = *copy, .len = n };
    return xval_decode(shape, &d, out, a);
}

static void
assert_bytes(const struct xdr_enc *e, const uint8_t *want, size_t n)
{
    cr_assert_eq(e->len, n, "length %zu, want %zu", e->len, n);
    cr_assert_arr_eq(e->data, want, n);
}

/* A golden test's decoded values; free(copy) when done. */
struct golden {
    struct xval out[8];
    struct arena a;
    uint8_t *copy;
};

/* Encode in[] per shape, compare with want[0..n), decode want into g. */
static void
golden(struct golden *g, const char *shape, const struct xval *in,
       const uint8_t *want, size_t n)
{
    struct xdr_enc e;

    enc_shape(&e, shape, in);
    assert_bytes(&e, want, n);
    xdr_enc_release(&e);
    arena_init(&g->a);
    cr_assert_eq(dec_copy(shape, want, n, g->out, &g->a, &g->copy), 0);
}

/* -- golden bytes -------------------------------------------------------- */

Test(xdr, ostr_golden, T_TIMEOUT)
{
    static const uint8_t want[] = {
        0x00, 0x00, 0x00, 0x01,                         /* present */
        0x00, 0x00, 0x00, 0x0f,                         /* length 15 */
        't', 'e', 's', 't', ':', '/', '/', '/',
        'd', 'e', 'f', 'a', 'u', 'l', 't', 0x00,        /* 15 bytes + pad */
    };
    struct xval v = { .present = true, .s = "test:///default" };
    struct golden g;

    golden(&g, "S:name", &v, want, sizeof(want));
    cr_assert(g.out[0].present);
    cr_assert_str_eq(g.out[0].s, "test:///default");
    cr_assert_eq(g.out[0].n, 15);
    free(g.copy);
}

Test(xdr, ostr_absent, T_TIMEOUT)
{
    static const uint8_t want[] = { 0x00, 0x00, 0x00, 0x00 }; /* absent */
    struct xval v = { 0 };
    struct golden g;

    golden(&g, "S", &v, want, sizeof(want));
    cr_assert(!g.out[0].present);
    cr_assert_null(g.out[0].s);
    free(g.copy);
}

static const uint8_t dom_test[] = {
    0x00, 0x00, 0x00, 0x04,                             /* name length 4 */
    't', 'e', 's', 't',                                 /* "test" */
    0x66, 0x95, 0xeb, 0x01, 0xf6, 0xa4, 0x83, 0x04,     /* uuid */
    0x79, 0xaa, 0x97, 0xf2, 0x50, 0x2e, 0x19, 0x3f,
    0x00, 0x00, 0x00, 0x01,                             /* id 1 */
};

Test(xdr, domain_golden, T_TIMEOUT)
{
    struct xval v = { .present = true, .s = "test", .uuid = test_uuid,
                      .i = 1 };
    struct golden g;

    golden(&g, "D:dom", &v, dom_test, sizeof(dom_test));
    cr_assert_str_eq(g.out[0].s, "test");
    cr_assert_arr_eq(g.out[0].uuid, test_uuid, 16);
    cr_assert_eq(g.out[0].i, 1);
    free(g.copy);
}

/* A snapshot is its name, then the domain (remote_nonnull_domain_snapshot). */
Test(xdr, snapshot_golden, T_TIMEOUT)
{
    static const uint8_t want[] = {
        0x00, 0x00, 0x00, 0x02, 's', '1', 0x00, 0x00,  /* "s1" + pad */
        0x00, 0x00, 0x00, 0x04, 't', 'e', 's', 't',
        0x66, 0x95, 0xeb, 0x01, 0xf6, 0xa4, 0x83, 0x04,
        0x79, 0xaa, 0x97, 0xf2, 0x50, 0x2e, 0x19, 0x3f,
        0x00, 0x00, 0x00, 0x01,
    };
    struct xval v = { .present = true, .s3 = "s1", .s = "test",
                      .uuid = test_uuid, .i = 1 };
    struct golden g;

    golden(&g, "G:snap", &v, want, sizeof(want));
    cr_assert_str_eq(g.out[0].s3, "s1");
    cr_assert_str_eq(g.out[0].s, "test");
    cr_assert_arr_eq(g.out[0].uuid, test_uuid, 16);
    cr_assert_eq(g.out[0].i, 1);
    free(g.copy);
}

Test(xdr, typed_param_golden, T_TIMEOUT)
{
    static const uint8_t want[] = {
        0x00, 0x00, 0x00, 0x0a,                         /* name length 10 */
        'm', 'i', 'n', 'W', 'o', 'r', 'k', 'e',
        'r', 's', 0x00, 0x00,                           /* "minWorkers"+pad */
        0x00, 0x00, 0x00, 0x02,                         /* type 2 UINT */
        0x00, 0x00, 0x00, 0x05,                         /* value 5 */
    };
    struct xval v = { .present = true, .s = "minWorkers", .j = 2, .i = 5 };
    struct golden g;

    golden(&g, "T", &v, want, sizeof(want));
    cr_assert_str_eq(g.out[0].s, "minWorkers");
    cr_assert_eq(g.out[0].j, 2);
    cr_assert_eq(g.out[0].i, 5);
    free(g.copy);
}

/* NODE_GET_INFO: char model[32] is 32 words, then the numbers. */
Test(xdr, node_info_model_quirk, T_TIMEOUT)
{
    static const char shape[] = "c{32}:model H:memory i:cpus i:mhz i:nodes "
                                "i:sockets i:cores i:threads";
    uint8_t want[128 + 8 + 24] = {
        0x00, 0x00, 0x00, 'i',                          /* model[0] */
        0x00, 0x00, 0x00, '6',                          /* model[1] */
        0x00, 0x00, 0x00, '8',                          /* model[2] */
        0x00, 0x00, 0x00, '6',                          /* model[3] */
        /* model[4..31]: 28 zero words */
        [128] = 0x00, 0x00, 0x00, 0x00,
        0x00, 0x30, 0x00, 0x00,                         /* memory 3145728 */
        0x00, 0x00, 0x00, 0x10,                         /* cpus 16 */
        0x00, 0x00, 0x05, 0x78,                         /* mhz 1400 */
        0x00, 0x00, 0x00, 0x02,                         /* nodes 2 */
        0x00, 0x00, 0x00, 0x02,                         /* sockets 2 */
        0x00, 0x00, 0x00, 0x02,                         /* cores 2 */
        0x00, 0x00, 0x00, 0x02,                         /* threads 2 */
    };
    struct xval v[8] = {
        { .s = "i686" }, { .i = 3145728 }, { .i = 16 }, { .i = 1400 },
        { .i = 2 }, { .i = 2 }, { .i = 2 }, { .i = 2 },
    };
    struct golden g;

    golden(&g, shape, v, want, sizeof(want));
    cr_assert_str_eq(g.out[0].s, "i686");
    cr_assert_eq(g.out[0].n, 4);
    cr_assert_eq(g.out[1].i, 3145728);
    cr_assert_eq(g.out[3].i, 1400);
    cr_assert_eq(g.out[7].i, 2);
    free(g.copy);
}

/* NODE_GET_SECURITY_MODEL: count includes the NUL word. */
Test(xdr, security_label_count13_quirk, T_TIMEOUT)
{
    static const uint8_t want[] = {
        0x00, 0x00, 0x00, 0x0d,                         /* model count 13 */
        0, 0, 0, 't', 0, 0, 0, 'e', 0, 0, 0, 's', 0, 0, 0, 't',
        0, 0, 0, 'S', 0, 0, 0, 'e', 0, 0, 0, 'c', 0, 0, 0, 'u',
        0, 0, 0, 'r', 0, 0, 0, 'i', 0, 0, 0, 't', 0, 0, 0, 'y',
        0x00, 0x00, 0x00, 0x00,                         /* model NUL */
        0x00, 0x00, 0x00, 0x01,                         /* doi count 1 */
        0x00, 0x00, 0x00, 0x00,                         /* doi NUL */
    };
    struct xval v[2] = { { .s = "testSecurity" }, { .s = "" } };
    struct golden g;

    golden(&g, "c[257]:model c[257]:doi", v, want, sizeof(want));
    cr_assert_str_eq(g.out[0].s, "testSecurity");
    cr_assert_eq(g.out[0].n, 12);
    cr_assert_str_eq(g.out[1].s, "");
    cr_assert_eq(g.out[1].n, 0);
    free(g.copy);
}

Test(xdr, char_array_null_and_bounds, T_TIMEOUT)
{
    static const uint8_t zero[] = { 0x00, 0x00, 0x00, 0x00 }; /* count 0 */
    static const uint8_t over[] = {
        0x00, 0x00, 0x00, 0x03,                         /* count 3 > max 2 */
        0, 0, 0, 'a', 0, 0, 0, 'b', 0, 0, 0, 0,
    };
    struct xval v = { 0 };
    struct xval out[1];
    struct xdr_enc e;
    struct arena a;
    uint8_t *copy;

    enc_shape(&e, "c[4097]", &v);
    assert_bytes(&e, zero, 4);
    xdr_enc_release(&e);
    arena_init(&a);
    cr_assert_eq(dec_copy("c[4097]", zero, 4, out, &a, &copy), 0);
    cr_assert_str_eq(out[0].s, "");
    free(copy);
    cr_assert_eq(dec_copy("c[2]", over, sizeof(over), out, &a, &copy),
                 -EBADMSG);
    free(copy);
    cr_assert_eq(dec_copy("c[3]", over, sizeof(over), out, &a, &copy), 0);
    cr_assert_str_eq(out[0].s, "ab");
    free(copy);
    v.s = "ab";
    xdr_enc_init(&e, NULL, 0, 1024);
    cr_assert_eq(xval_encode("c[2]", &v, &e), -EMSGSIZE);   /* 3 > 2 */
    xdr_enc_release(&e);
}

Test(xdr, nonzero_padding_accepted, T_TIMEOUT)
{
    uint8_t buf[] = {
        0x00, 0x00, 0x00, 0x01,                         /* length 1 */
        'x', 0xaa, 0xbb, 0xcc,                          /* "x", junk pad */
        0x00, 0x00, 0x00, 0x07,                         /* u32 7 */
    };
    struct xval out[2];
    struct arena a;
    uint8_t *copy;

    arena_init(&a);
    cr_assert_eq(dec_copy("s u", buf, sizeof(buf), out, &a, &copy), 0);
    cr_assert_str_eq(out[0].s, "x");
    cr_assert_eq(out[1].i, 7);
    free(copy);
}

Test(xdr, missing_padding_rejected, T_TIMEOUT)
{
    uint8_t buf[] = { 0x00, 0x00, 0x00, 0x01, 'x' };    /* no pad bytes */
    struct xdr_dec d = { .p = buf, .len = sizeof(buf) };
    const char *s;

    cr_assert_eq(xdr_get_string(&d, 10, &s, NULL), -EBADMSG);
}

Test(xdr, embedded_nul_string, T_TIMEOUT)
{
    uint8_t buf[] = {
        0x00, 0x00, 0x00, 0x03,                         /* length 3 */
        'a', 0x00, 'b', 0x00,                           /* "a\0b" + pad */
    };
    struct xdr_dec d = { .p = buf, .len = sizeof(buf) };
    const char *s;
    uint32_t n;

    cr_assert_eq(xdr_get_string(&d, 10, &s, &n), 0);
    cr_assert_eq(n, 3);
    cr_assert_str_eq(s, "a");
    cr_assert_eq(s[2], 'b');
    cr_assert_eq(s[3], '\0');
    cr_assert_eq(d.pos, 8);
}

/* libvirtd reads an optional's flag with xdr_bool: any non-zero value is
 * "present" (live: CONNECT_OPEN with name flag 2 opens). */
Test(xdr, optional_flag_nonzero_is_present, T_TIMEOUT)
{
    uint8_t buf[] = {
        0x00, 0x00, 0x00, 0x02,                         /* flag 2 */
        0x00, 0x00, 0x00, 0x01, 'x', 0, 0, 0,           /* "x" */
    };
    struct xval out[1];
    struct arena a;
    uint8_t *copy;

    arena_init(&a);
    cr_assert_eq(dec_copy("S", buf, sizeof(buf), out, &a, &copy), 0);
    cr_assert_str_eq(out[0].s, "x");
    free(copy);
    buf[0] = 0xff;                                      /* flag 0xff000002 */
    cr_assert_eq(dec_copy("S", buf, sizeof(buf), out, &a, &copy), 0);
    cr_assert_str_eq(out[0].s, "x");
    free(copy);
    cr_assert_eq(dec_copy("d", buf, 4, out, &a, &copy), -EBADMSG);
    free(copy);
    arena_reset(&a);
}

/* -- typed params -------------------------------------------------------- */

Test(xdr, typed_param_unknown_type, T_TIMEOUT)
{
    static const uint8_t bad[] = {
        0x00, 0x00, 0x00, 0x01, 'x', 0, 0, 0,           /* name "x" */
        0x00, 0x00, 0x00, 0x08,                         /* type 8: unknown */
        0x00, 0x00, 0x00, 0x00,
    };
    struct xval out[1];
    struct arena a;
    uint8_t *copy;

    arena_init(&a);
    cr_assert_eq(dec_copy("T", bad, sizeof(bad), out, &a, &copy), -EBADMSG);
    free(copy);
}

/* A typed param named by a string of @namelen 'n's, type INT 0. */
static size_t
tparam_bytes(uint8_t *buf, uint32_t namelen)
{
    size_t pad = (4 - namelen % 4) % 4;
    size_t off = 0;

    buf[off++] = 0, buf[off++] = 0, buf[off++] = 0;
    buf[off++] = (uint8_t)namelen;
    memset(buf + off, 'n', namelen);
    memset(buf + off + namelen, 0, pad);
    off += namelen + pad;
    memcpy(buf + off, "\0\0\0\1\0\0\0\0", 8);           /* INT, 0 */
    return off + 8;
}

Test(xdr, typed_param_field_name_79_80, T_TIMEOUT)
{
    uint8_t buf[128];
    struct xval out[1];
    struct arena a;
    uint8_t *copy;
    size_t n;

    arena_init(&a);
    n = tparam_bytes(buf, 79);
    cr_assert_eq(dec_copy("T", buf, n, out, &a, &copy), 0);
    cr_assert_eq(strlen(out[0].s), 79);
    free(copy);
    n = tparam_bytes(buf, 80);              /* decodes; job.c refuses it */
    cr_assert_eq(dec_copy("T", buf, n, out, &a, &copy), 0);
    cr_assert_eq(out[0].n, 80);
    free(copy);
    arena_reset(&a);
}

Test(xdr, typed_param_every_type, T_TIMEOUT)
{
    static const char shape[] = "T[64]:params";
    struct xval p[7] = {
        { .s = "a", .j = 1, .i = -5 },
        { .s = "b", .j = 2, .i = 4000000000 },
        { .s = "c", .j = 3, .i = INT64_MIN },
        { .s = "d", .j = 4, .i = (int64_t)UINT64_MAX },
        { .s = "e", .j = 5, .f = 2.5 },
        { .s = "f", .j = 6, .i = 1 },
        { .s = "g", .j = 7, .s2 = "str" },
    };
    struct xval v = { .n = 7, .a = p };
    struct xval out[1];
    struct xdr_enc e;
    struct arena a;
    uint8_t *copy;

    enc_shape(&e, shape, &v);
    arena_init(&a);
    cr_assert_eq(dec_copy(shape, e.data, e.len, out, &a, &copy), 0);
    cr_assert_eq(out[0].n, 7);
    for (int k = 0; k < 7; k++) {
        cr_assert_str_eq(out[0].a[k].s, p[k].s);
        cr_assert_eq(out[0].a[k].j, p[k].j);
    }
    cr_assert_eq(out[0].a[0].i, -5);
    cr_assert_eq(out[0].a[1].i, 4000000000);
    cr_assert_eq(out[0].a[2].i, INT64_MIN);
    cr_assert_eq((uint64_t)out[0].a[3].i, UINT64_MAX);
    cr_assert_eq(out[0].a[4].f, 2.5);
    cr_assert_eq(out[0].a[5].i, 1);
    cr_assert_str_eq(out[0].a[6].s2, "str");
    free(copy);
    xdr_enc_release(&e);
}

/* -- limits ------------------------------------------------------------- */

/* A string of @n 'a's with its length word. */
static uint8_t *
long_string(uint32_t n, size_t *len)
{
    uint8_t *p = calloc(1, 4 + (size_t)n + 4);

    cr_assert(p);
    p[0] = (uint8_t)(n >> 24), p[1] = (uint8_t)(n >> 16);
    p[2] = (uint8_t)(n >> 8), p[3] = (uint8_t)n;
    memset(p + 4, 'a', n);
    *len = 4 + ((size_t)n + 3) / 4 * 4;
    return p;
}

Test(xdr, string_limit_4194304, T_TIMEOUT)
{
    struct xval out[1];
    struct arena a;
    size_t len;
    uint8_t *p = long_string(XDR_STRING_MAX, &len);
    struct xdr_dec d = { .p = p, .len = len };

    arena_init(&a);
    cr_assert_eq(xval_decode("s", &d, out, &a), 0);
    cr_assert_eq(out[0].n, XDR_STRING_MAX);
    cr_assert_eq(strlen(out[0].s), XDR_STRING_MAX);
    free(p);
}

Test(xdr, string_limit_4194305, T_TIMEOUT)
{
    struct xval out[1];
    struct arena a;
    size_t len;
    uint8_t *p = long_string(XDR_STRING_MAX + 1, &len);
    struct xdr_dec d = { .p = p, .len = len };
    struct xdr_enc e;

    arena_init(&a);
    cr_assert_eq(xval_decode("s", &d, out, &a), -EBADMSG);
    memset(p, 'a', XDR_STRING_MAX + 1);
    xdr_enc_init(&e, NULL, 0, 64u << 20);
    xdr_put_string(&e, (char *)p, XDR_STRING_MAX + 1);
    cr_assert_eq(e.err, -EMSGSIZE);
    xdr_enc_release(&e);
    xdr_enc_init(&e, NULL, 0, 64u << 20);
    xdr_put_string(&e, (char *)p, XDR_STRING_MAX);
    cr_assert_eq(e.err, 0);
    cr_assert_eq(e.len, 4 + XDR_STRING_MAX);
    xdr_enc_release(&e);
    free(p);
}

/* u32 count then count u32 words. */
static uint8_t *
u32_array(uint32_t count, size_t *len)
{
    uint8_t *p = calloc(1, 4 + 4 * (size_t)count);

    cr_assert(p);
    p[0] = (uint8_t)(count >> 24), p[1] = (uint8_t)(count >> 16);
    p[2] = (uint8_t)(count >> 8), p[3] = (uint8_t)count;
    *len = 4 + 4 * (size_t)count;
    return p;
}

Test(xdr, array_count_max_and_max_plus_1, T_TIMEOUT)
{
    struct xval out[1];
    struct arena a;
    uint8_t *copy;
    size_t len;
    uint8_t *p;

    arena_init(&a);
    p = u32_array(16384, &len);
    cr_assert_eq(dec_copy("u[16384]", p, len, out, &a, &copy), 0);
    cr_assert_eq(out[0].n, 16384);
    free(copy);
    free(p);
    p = u32_array(16385, &len);
    cr_assert_eq(dec_copy("u[16384]", p, len, out, &a, &copy), -EBADMSG);
    free(copy);
    cr_assert_eq(dec_copy("u[16385]", p, len, out, &a, &copy), 0);
    free(copy);
    free(p);
    arena_reset(&a);
}

Test(xdr, array_count_beyond_data, T_TIMEOUT)
{
    static const uint8_t huge[] = {
        0x00, 0x00, 0x40, 0x00,                         /* count 16384 */
        0x00, 0x00, 0x00, 0x00,                         /* one element */
    };
    struct xval out[1];
    struct arena a;
    uint8_t *copy;

    arena_init(&a);
    cr_assert_eq(dec_copy("D[16384]", huge, sizeof(huge), out, &a, &copy),
                 -EBADMSG);
    cr_assert_null(a.chunks);                           /* nothing allocated */
    free(copy);
}

Test(xdr, array_encode_bounds, T_TIMEOUT)
{
    struct xval items[3] = { { .i = 1 }, { .i = 2 }, { .i = 3 } };
    struct xval v = { .n = 3, .a = items };
    struct xdr_enc e;

    xdr_enc_init(&e, NULL, 0, 1024);
    cr_assert_eq(xval_encode("u[3]", &v, &e), 0);
    cr_assert_eq(e.len, 16);
    xdr_enc_release(&e);
    xdr_enc_init(&e, NULL, 0, 1024);
    cr_assert_eq(xval_encode("u[2]", &v, &e), -EMSGSIZE);
    xdr_enc_release(&e);
    xdr_enc_init(&e, NULL, 0, 1024);
    cr_assert_eq(xval_encode("u{2}", &v, &e), -EINVAL);
    xdr_enc_release(&e);
    xdr_enc_init(&e, NULL, 0, 1024);
    cr_assert_eq(xval_encode("u{3}", &v, &e), 0);
    cr_assert_eq(e.len, 12);                            /* no count word */
    xdr_enc_release(&e);
}

/* -- encoder ------------------------------------------------------------- */

Test(xdr, encoder_grows_from_caller_buffer, T_TIMEOUT)
{
    uint8_t buf[8];
    struct xdr_enc e;

    xdr_enc_init(&e, buf, sizeof(buf), 1024);
    xdr_put_u32(&e, 0x01020304);
    xdr_put_u32(&e, 0x05060708);
    cr_assert(!xdr_enc_owned(&e));
    cr_assert_eq(e.data, buf);
    xdr_put_u32(&e, 0x090a0b0c);                        /* must grow */
    cr_assert(xdr_enc_owned(&e));
    cr_assert_neq(e.data, buf);
    cr_assert_eq(e.cap, 16);                            /* doubled */
    cr_assert_eq(e.len, 12);
    cr_assert_eq(e.data[0], 0x01);
    cr_assert_eq(e.data[7], 0x08);
    cr_assert_eq(e.data[11], 0x0c);
    xdr_enc_release(&e);
    cr_assert_null(e.data);
}

Test(xdr, encoder_hard_max_sticky, T_TIMEOUT)
{
    struct xdr_enc e;

    xdr_enc_init(&e, NULL, 0, 12);
    xdr_put_u64(&e, 1);
    xdr_put_u32(&e, 2);
    cr_assert_eq(e.err, 0);
    cr_assert_eq(e.len, 12);                            /* exactly max */
    xdr_put_u32(&e, 3);
    cr_assert_eq(e.err, -EMSGSIZE);
    cr_assert_eq(e.len, 12);
    xdr_enc_init(&e, e.data, e.cap, 12);                /* still owned? no */
    cr_assert_eq(e.err, 0);
    free(e.data);
}

Test(xdr, encoder_error_is_sticky, T_TIMEOUT)
{
    struct xdr_enc e;

    xdr_enc_init(&e, NULL, 0, 4);
    xdr_put_u64(&e, 1);                                 /* 8 > 4 */
    cr_assert_eq(e.err, -EMSGSIZE);
    xdr_put_u32(&e, 2);                                 /* would fit */
    cr_assert_eq(e.len, 0);
    cr_assert_eq(xdr_enc_reserve(&e, 0), -EMSGSIZE);
    xdr_enc_release(&e);
}

Test(xdr, encoder_nonnull_string_null, T_TIMEOUT)
{
    struct xval v = { 0 };
    struct xdr_enc e;

    xdr_enc_init(&e, NULL, 0, 64);
    cr_assert_eq(xval_encode("s", &v, &e), -EINVAL);
    xdr_enc_release(&e);
    xdr_enc_init(&e, NULL, 0, 64);
    cr_assert_eq(xval_encode("D", &v, &e), -EINVAL);
    xdr_enc_release(&e);
}

Test(xdr, primitives_golden, T_TIMEOUT)
{
    static const uint8_t want[] = {
        0xff, 0xff, 0xff, 0xfe,                         /* i32 -2 */
        0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, /* u64 */
        0x40, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, /* double 2.5 */
        0x00, 0x00, 0x00, 0x02, 0xab, 0xcd, 0x00, 0x00, /* opaque[2] + pad */
        0x01, 0x02, 0x03, 0x00,                         /* fixed[3] + pad */
    };
    struct xdr_enc e;
    struct xdr_dec d;
    uint8_t copy[sizeof(want)];
    const uint8_t *p;
    uint32_t n;
    int32_t i;
    uint64_t u;
    double f;

    xdr_enc_init(&e, NULL, 0, 1024);
    xdr_put_i32(&e, -2);
    xdr_put_u64(&e, 0x0102030405060708ull);
    xdr_put_double(&e, 2.5);
    xdr_put_opaque(&e, "\xab\xcd", 2);
    xdr_put_fixed(&e, "\x01\x02\x03", 3);
    assert_bytes(&e, want, sizeof(want));
    xdr_enc_release(&e);
    memcpy(copy, want, sizeof(want));
    d = (struct xdr_dec){ .p = copy, .len = sizeof(copy) };
    cr_assert_eq(xdr_get_i32(&d, &i), 0);
    cr_assert_eq(i, -2);
    cr_assert_eq(xdr_get_u64(&d, &u), 0);
    cr_assert_eq(u, 0x0102030405060708ull);
    cr_assert_eq(xdr_get_double(&d, &f), 0);
    cr_assert_eq(f, 2.5);
    cr_assert_eq(xdr_get_opaque(&d, 1, &p, &n), -EBADMSG);  /* 2 > max 1 */
    d.pos -= 4;
    cr_assert_eq(xdr_get_opaque(&d, 2, &p, &n), 0);
    cr_assert_eq(n, 2);
    cr_assert_eq(p[1], 0xcd);
    cr_assert_eq(xdr_get_fixed(&d, 3, &p), 0);
    cr_assert_eq(d.pos, sizeof(want));
    cr_assert_eq(xdr_get_u32(&d, &n), -EBADMSG);
}

/* -- shapes -------------------------------------------------------------- */

Test(xdr, shape_count_and_names, T_TIMEOUT)
{
    char buf[16];

    cr_assert_eq(xval_count(NULL), 0);
    cr_assert_eq(xval_count(""), 0);
    cr_assert_eq(xval_count("D:dom u:flags"), 2);
    cr_assert_eq(xval_count("  D[16384]:domains   u:ret "), 2);
    cr_assert_eq(xval_count("x"), -EINVAL);
    cr_assert_eq(xval_count("c"), -EINVAL);             /* c needs an array */
    cr_assert_eq(xval_count("u[12"), -EINVAL);
    cr_assert_eq(xval_count("u[]"), -EINVAL);
    cr_assert_eq(xval_count("u:"), -EINVAL);
    cr_assert_eq(xval_count("u:a-b"), -EINVAL);
    cr_assert_eq(xval_count("u[99999999999]"), -EINVAL);
    cr_assert_eq(xval_field_name("D:dom u:flags", 1, buf, sizeof(buf)), 0);
    cr_assert_str_eq(buf, "flags");
    cr_assert_eq(xval_field_name("D:dom u", 1, buf, sizeof(buf)), 0);
    cr_assert_str_eq(buf, "");
    cr_assert_eq(xval_field_name("D:dom u:flags", 2, buf, sizeof(buf)),
                 -EINVAL);
    cr_assert_eq(xval_field_name("u:abcdefgh", 0, buf, 4), 0);
    cr_assert_str_eq(buf, "abc");
}

/* One value of every type letter, in one shape. */
static const char every_shape[] =
    "i:i u:u h:h H:H s:s S:S1 S:S0 U:U o[16]:o o{3}:of c{5}:cf c[9]:cv "
    "D:D d:d1 d:d0 N:N n:n1 n:n0 P:P V:V F:F T:T A:A K:K E:E "
    "i[4]:ia s{2}:sf";

static void
fill_every(struct xval *v, struct xval *ia, struct xval *sf)
{
    memset(v, 0, 27 * sizeof(*v));
    v[0].i = INT32_MIN;
    v[1].i = UINT32_MAX;
    v[2].i = INT64_MIN;
    v[3].i = (int64_t)0xfedcba9876543210ull;
    v[4].s = "hello";
    v[5].s = "x";
    v[7].uuid = test_uuid;
    v[8].uuid = (const uint8_t *)"\x00\x01\xff\x7f\x80", v[8].n = 5;
    v[9].uuid = (const uint8_t *)"abc", v[9].n = 3;
    v[10].s = "i686";
    v[11].s = "label";
    v[12].s = "test", v[12].uuid = test_uuid, v[12].i = -1;
    v[13].present = true, v[13].s = "vm2", v[13].uuid = test_uuid;
    v[13].i = 11;
    v[15].s = "default", v[15].uuid = test_uuid;
    v[16].present = true, v[16].s = "net", v[16].uuid = test_uuid;
    v[18].s = "pool", v[18].uuid = test_uuid;
    v[19].s2 = "pool", v[19].s = "vol", v[19].s3 = "/k/vol";
    v[20].s = "eth0", v[20].s2 = "52:54:00:00:00:01";
    v[21].s = "maxWorkers", v[21].j = 5, v[21].f = -0.125;
    v[22].s = "libvirtd";
    v[23].s = "admin", v[23].i = 7, v[23].j = 1700000000, v[23].n = 1;
    v[24].i = 42, v[24].j = 12, v[24].s = "Domain not found";
    v[24].s2 = "Domain not found";
    for (int k = 0; k < 4; k++)
        ia[k].i = k - 2;
    v[25].n = 4, v[25].a = ia;
    sf[0].s = "one", sf[1].s = "";
    v[26].n = 2, v[26].a = sf;
}

static void
assert_every(const struct xval *o)
{
    cr_assert_eq(o[0].i, INT32_MIN);
    cr_assert_eq(o[1].i, UINT32_MAX);
    cr_assert_eq(o[2].i, INT64_MIN);
    cr_assert_eq((uint64_t)o[3].i, 0xfedcba9876543210ull);
    cr_assert_str_eq(o[4].s, "hello");
    cr_assert(o[5].present && !strcmp(o[5].s, "x"));
    cr_assert(!o[6].present && !o[6].s);
    cr_assert_arr_eq(o[7].uuid, test_uuid, 16);
    cr_assert(o[8].n == 5 && !memcmp(o[8].uuid, "\x00\x01\xff\x7f\x80", 5));
    cr_assert(o[9].n == 3 && !memcmp(o[9].uuid, "abc", 3));
    cr_assert_str_eq(o[10].s, "i686");
    cr_assert_str_eq(o[11].s, "label");
    cr_assert(!strcmp(o[12].s, "test") && o[12].i == -1);
    cr_assert(o[13].present && !strcmp(o[13].s, "vm2") && o[13].i == 11);
    cr_assert(!o[14].present);
    cr_assert(!strcmp(o[15].s, "default") &&
              !memcmp(o[15].uuid, test_uuid, 16));
    cr_assert(o[16].present && !strcmp(o[16].s, "net"));
    cr_assert(!o[17].present);
    cr_assert_str_eq(o[18].s, "pool");
    cr_assert(!strcmp(o[19].s2, "pool") && !strcmp(o[19].s, "vol") &&
              !strcmp(o[19].s3, "/k/vol"));
    cr_assert(!strcmp(o[20].s, "eth0") &&
              !strcmp(o[20].s2, "52:54:00:00:00:01"));
    cr_assert(o[21].j == 5 && o[21].f == -0.125);
    cr_assert_str_eq(o[22].s, "libvirtd");
    cr_assert(!strcmp(o[23].s, "admin") && o[23].i == 7 &&
              o[23].j == 1700000000 && o[23].n == 1);
    cr_assert(o[24].i == 42 && o[24].j == 12 &&
              !strcmp(o[24].s, "Domain not found") &&
              !strcmp(o[24].s2, "Domain not found") && !o[24].s3);
    cr_assert(o[25].n == 4 && o[25].a[0].i == -2 && o[25].a[3].i == 1);
    cr_assert(o[26].n == 2 && !strcmp(o[26].a[0].s, "one") &&
              !strcmp(o[26].a[1].s, ""));
}

Test(xdr, round_trip_every_type, T_TIMEOUT)
{
    struct xval v[27], out[27], ia[4], sf[2];
    struct xdr_enc e;
    struct arena a;
    uint8_t *copy;

    cr_assert_eq(xval_count(every_shape), 27);
    fill_every(v, ia, sf);
    enc_shape(&e, every_shape, v);
    arena_init(&a);
    cr_assert_eq(dec_copy(every_shape, e.data, e.len, out, &a, &copy), 0);
    assert_every(out);
    free(copy);
    xdr_enc_release(&e);
    arena_reset(&a);
}

/* Every proper prefix of a valid encoding must fail to decode, cleanly. */
Test(xdr, truncated_at_every_offset, T_TIMEOUT)
{
    struct xval v[27], out[27], ia[4], sf[2];
    struct xdr_enc e;
    struct arena a;
    uint8_t *copy;

    fill_every(v, ia, sf);
    enc_shape(&e, every_shape, v);
    arena_init(&a);
    for (size_t n = 0; n < e.len; n++) {
        cr_assert_eq(dec_copy(every_shape, e.data, n, out, &a, &copy),
                     -EBADMSG, "prefix of %zu bytes", n);
        free(copy);
        arena_reset(&a);
    }
    cr_assert_eq(dec_copy(every_shape, e.data, e.len, out, &a, &copy), 0);
    free(copy);
    xdr_enc_release(&e);
    arena_reset(&a);
}

/* Struct letters: members in .a, encoded back to back; bounds of the
 * arrays inside (Z's dev_aliases) are checked like any other. */
Test(xdr, struct_letters, T_TIMEOUT)
{
    static const uint8_t want[] = {
        0x00, 0x00, 0x00, 0x01,                         /* R[]: 1 */
        0x00, 0x00, 0x00, 0x03, 'v', 'd', 'a', 0x00,    /*   disk "vda" */
        0x00, 0x00, 0x00, 0x02,                         /*   error 2 */
        0x00, 0x00, 0x00, 0x07,                         /* Q: number 7 */
        0xff, 0xff, 0xff, 0xff,                         /*   state -1 */
        0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x02, /*   cpu_time */
        0x00, 0x00, 0x00, 0x0f,                         /*   cpu 15 */
        0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, /* Z: "/" */
        0x2f, 0x00, 0x00, 0x00,
        0x00, 0x00, 0x00, 0x04, 'v', 'd', 'a', '1',     /*   name */
        0x00, 0x00, 0x00, 0x04, 'e', 'x', 't', '4',     /*   fstype */
        0x00, 0x00, 0x00, 0x01,                         /*   1 alias */
        0x00, 0x00, 0x00, 0x03, 'v', 'd', 'a', 0x00,
    };
    const char *shape = "R[256]:errors Q:info Z[256]:fs";
    struct xval rm[2] = { { .s = "vda" }, { .i = 2 } };
    struct xval r = { .n = 2, .a = rm };
    struct xval qm[4] = { { .i = 7 }, { .i = -1 },
                          { .i = 0x100000002ll }, { .i = 15 } };
    struct xval alias = { .s = "vda" };
    struct xval zm[4] = { { .s = "/" }, { .s = "vda1" }, { .s = "ext4" },
                          { .n = 1, .a = &alias } };
    struct xval z = { .n = 4, .a = zm };
    struct xval in[3] = { { .n = 1, .a = &r }, { .n = 4, .a = qm },
                          { .n = 1, .a = &z } };
    struct golden g;
    struct xdr_enc e;
    char *text;

    golden(&g, shape, in, want, sizeof(want));
    cr_assert(g.out[0].n == 1 && g.out[0].a[0].n == 2);
    cr_assert_str_eq(g.out[0].a[0].a[0].s, "vda");
    cr_assert_eq(g.out[0].a[0].a[1].i, 2);
    cr_assert(g.out[1].n == 4 && g.out[1].a[2].i == 0x100000002ll &&
              g.out[1].a[1].i == -1);
    cr_assert(g.out[2].a[0].a[3].n == 1 &&
              !strcmp(g.out[2].a[0].a[3].a[0].s, "vda"));
    text = xval_format(shape, g.out);
    cr_assert(text && strstr(text, "{disk \"vda\" error 2}") &&
              strstr(text, "{number 7 state -1 cpu_time 4294967298 "
                           "cpu 15}") &&
              strstr(text, "dev_aliases [\"vda\"]}"), "%s", text);
    free(text);
    free(g.copy);
    arena_reset(&g.a);

    /* a struct value without its members does not encode */
    in[1].a = NULL;
    xdr_enc_init(&e, NULL, 0, 1u << 20);
    cr_assert_neq(xval_encode(shape, in, &e), 0);
    xdr_enc_release(&e);
}

Test(xdr, struct_letter_inner_bound, T_TIMEOUT)
{
    /* one Z whose dev_aliases count is 257 > 256 */
    uint8_t buf[4 + 3 * 8 + 4] = {
        0x00, 0x00, 0x00, 0x01,
        0x00, 0x00, 0x00, 0x01, 'a', 0, 0, 0,
        0x00, 0x00, 0x00, 0x01, 'b', 0, 0, 0,
        0x00, 0x00, 0x00, 0x01, 'c', 0, 0, 0,
        0x00, 0x00, 0x01, 0x01,
    };
    struct xval out[1];
    struct arena a;
    uint8_t *copy;

    arena_init(&a);
    cr_assert_eq(dec_copy("Z[256]:fs", buf, sizeof(buf), out, &a, &copy),
                 -EBADMSG);
    free(copy);
    arena_reset(&a);
}

/* remote_domain_iothread_info: an id and a CPU map of at most 2048 bytes */
Test(xdr, iothread_info_letter, T_TIMEOUT)
{
    static const uint8_t want[] = {
        0x00, 0x00, 0x00, 0x02,                         /* J[]: 2 */
        0x00, 0x00, 0x00, 0x03,                         /*   iothread_id 3 */
        0x00, 0x00, 0x00, 0x01, 0x03, 0x00, 0x00, 0x00, /*   cpumap [03] */
        0xff, 0xff, 0xff, 0xff,                         /*   iothread_id */
        0x00, 0x00, 0x00, 0x02, 0x00, 0x81, 0x00, 0x00, /*   cpumap [00 81] */
        0x00, 0x00, 0x00, 0x02,                         /* ret 2 */
    };
    const char *shape = "J[16384]:info u:ret";
    uint8_t m1[] = { 0x03 }, m2[] = { 0x00, 0x81 };
    struct xval jm[4] = { { .i = 3 }, { .uuid = m1, .n = 1 },
                          { .i = 0xffffffffll }, { .uuid = m2, .n = 2 } };
    struct xval j[2] = { { .present = true, .n = 2, .a = jm },
                         { .present = true, .n = 2, .a = jm + 2 } };
    struct xval in[2] = { { .n = 2, .a = j }, { .i = 2 } };
    uint8_t over[4 + 4 + 4 + 2049 + 3] = {
        0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01,
        0x00, 0x00, 0x08, 0x01,                         /* 2049 > 2048 */
    };
    struct xval out[2];
    struct golden g;
    struct arena a;
    uint8_t *copy;
    char *text;

    golden(&g, shape, in, want, sizeof(want));
    cr_assert(g.out[0].n == 2 && g.out[0].a[1].a[0].i == 0xffffffffll);
    cr_assert(g.out[0].a[1].a[1].n == 2 &&
              g.out[0].a[1].a[1].uuid[1] == 0x81);
    text = xval_format(shape, g.out);
    cr_assert(text && strstr(text, "iothread_id 3"), "%s", text);
    free(text);
    free(g.copy);
    arena_reset(&g.a);

    arena_init(&a);
    cr_assert_eq(dec_copy(shape, over, sizeof(over), out, &a, &copy),
                 -EBADMSG);
    free(copy);
    arena_reset(&a);
}

Test(xdr, trailing_bytes_left, T_TIMEOUT)
{
    uint8_t buf[] = {
        0x00, 0x00, 0x00, 0x05,                         /* u32 5 */
        0xde, 0xad, 0xbe, 0xef,                         /* trailing */
    };
    struct xdr_dec d = { .p = buf, .len = sizeof(buf) };
    struct xval out[1];
    struct arena a;

    arena_init(&a);
    cr_assert_eq(xval_decode("u", &d, out, &a), 0);
    cr_assert_eq(d.pos, 4);
}

/* -- text ---------------------------------------------------------------- */

Test(xdr, format_domain_flags, T_TIMEOUT)
{
    struct xval v[2] = {
        { .present = true, .s = "test", .uuid = test_uuid, .i = 1 },
        { .present = true, .i = 0 },
    };
    char *s = xval_format("D:dom u:flags", v);

    cr_assert_str_eq(s, "dom = {name \"test\" uuid "
                        "6695eb01-f6a4-8304-79aa-97f2502e193f id 1}\n"
                        "flags = 0\n");
    free(s);
}

Test(xdr, format_arrays_and_params, T_TIMEOUT)
{
    struct xval doms[2] = {
        { .present = true, .s = "a\"b\n", .uuid = test_uuid, .i = -1 },
        { .present = true, .s = "vm2", .uuid = test_uuid, .i = 11 },
    };
    struct xval params[2] = {
        { .s = "minWorkers", .j = 2, .i = 5 },
        { .s = "flag", .j = 6, .i = 1 },
    };
    struct xval v[4] = {
        { .n = 2, .a = doms }, { .n = 2, .a = params }, { .n = 0 },
        { .uuid = (const uint8_t *)"\x01\xab", .n = 2 },
    };
    char *s = xval_format("D[10]:domains T[10]:params u[3]:none o:cookie", v);

    cr_assert_str_eq(s,
        "domains = [\n"
        "    {name \"a\\\"b\\n\" uuid 6695eb01-f6a4-8304-79aa-97f2502e193f"
        " id -1}\n"
        "    {name \"vm2\" uuid 6695eb01-f6a4-8304-79aa-97f2502e193f"
        " id 11}\n"
        "]\n"
        "params = [\n"
        "    minWorkers = uint 5\n"
        "    flag = boolean 1\n"
        "]\n"
        "none = []\n"
        "cookie = 0x01ab\n");
    free(s);
}

/* text -> values -> bytes -> values -> text, against an expected text. */
static void
text_round_trip(const char *shape, const char *text, const char *want)
{
    struct xval in[32], out[32];
    struct xdr_enc e;
    struct arena a;
    char *err = NULL;
    uint8_t *copy;
    char *s;

    arena_init(&a);
    cr_assert_eq(xval_parse_text(shape, text, in, &a, &err), 0,
                 "parse '%s': %s", text, err ? err : "?");
    enc_shape(&e, shape, in);
    cr_assert_eq(dec_copy(shape, e.data, e.len, out, &a, &copy), 0);
    s = xval_format(shape, out);
    cr_assert_str_eq(s, want);
    free(s);
    free(copy);
    xdr_enc_release(&e);
    arena_reset(&a);
}

Test(xdr, parse_text_round_trip, T_TIMEOUT)
{
    text_round_trip("D:dom u:flags",
        "{\"test\" 6695eb01-f6a4-8304-79aa-97f2502e193f 1} 0x10",
        "dom = {name \"test\" uuid 6695eb01-f6a4-8304-79aa-97f2502e193f"
        " id 1}\nflags = 16\n");
    text_round_trip("s:name S:a S:b i:n h:big H:ubig",
        "plain \"q \\\"x\\\"\\t\\x41\\101\" - -7 -9223372036854775808 "
        "18446744073709551615",
        "name = \"plain\"\na = \"q \\\"x\\\"\\tAA\"\nb = -\nn = -7\n"
        "big = -9223372036854775808\nubig = 18446744073709551615\n");
    text_round_trip("T[32]:params u:flags",
        "[maxWorkers=u:20, minWorkers=uint:5, x=s:\"a b\", y=d:0.5,"
        " z=b:true, w=i:-3, l=l:-4, ul=ul:4] 0",
        "params = [\n    maxWorkers = uint 20\n    minWorkers = uint 5\n"
        "    x = string \"a b\"\n    y = double 0.5\n    z = boolean 1\n"
        "    w = int -3\n    l = llong -4\n    ul = ullong 4\n]\nflags = 0\n");
    text_round_trip("d:dom n:net P:pool V:vol F:iface A:srv K:clnt",
        "- {default 6695eb01f6a4830479aa97f2502e193f} "
        "{p 6695eb01-f6a4-8304-79aa-97f2502e193f} {p v k} {eth0 m} "
        "{libvirtd} {admin 3 -5 2}",
        "dom = -\nnet = {name \"default\" uuid "
        "6695eb01-f6a4-8304-79aa-97f2502e193f}\n"
        "pool = {name \"p\" uuid 6695eb01-f6a4-8304-79aa-97f2502e193f}\n"
        "vol = {pool \"p\" name \"v\" key \"k\"}\n"
        "iface = {name \"eth0\" mac \"m\"}\nsrv = {name \"libvirtd\"}\n"
        "clnt = {srv \"admin\" id 3 timestamp -5 transport 2}\n");
    text_round_trip("G[4]:snaps", "[{s1 {\"test\" "
                    "6695eb01-f6a4-8304-79aa-97f2502e193f 2}}]",
                    "snaps = [\n    {name \"s1\" dom {name \"test\" uuid "
                    "6695eb01-f6a4-8304-79aa-97f2502e193f id 2}}\n]\n");
    text_round_trip("K:clnt", "{admin 18446744073709551615 "
                    "-9223372036854775808 4294967295}",
                    "clnt = {srv \"admin\" id 18446744073709551615 "
                    "timestamp -9223372036854775808 transport 4294967295}\n");
    text_round_trip("o:c o{2}:f c{4}:m c[10]:l c[10]:z U:u E:e s[4]:l2",
        "0x00ff \"ab\" i686 lab - 6695eb01-f6a4-8304-79aa-97f2502e193f "
        "{42 12 \"Domain not found\" - x} [a, \"\", c]",
        "c = 0x00ff\nf = 0x6162\nm = \"i686\"\nl = \"lab\"\nz = \"\"\n"
        "u = 6695eb01-f6a4-8304-79aa-97f2502e193f\n"
        "e = {code 42 domain 12 message \"Domain not found\" str1 - "
        "str2 \"x\"}\nl2 = [\n    \"a\"\n    \"\"\n    \"c\"\n]\n");
}

/* Parse failure: -EINVAL and a message containing @want. */
static void
parse_fails(const char *shape, const char *text, const char *want)
{
    struct xval v[8];
    struct arena a;
    char *err = NULL;

    arena_init(&a);
    cr_assert_eq(xval_parse_text(shape, text, v, &a, &err), -EINVAL,
                 "'%s' parsed", text);
    cr_assert_not_null(err);
    cr_assert(strstr(err, want), "message '%s' lacks '%s'", err, want);
    free(err);
    arena_reset(&a);
}

Test(xdr, parse_text_errors, T_TIMEOUT)
{
    parse_fails("D:dom u:flags", "{test 6695eb01-f6a4-8304-79aa-97f2502e193f"
                " 1}", "'flags': missing value");
    parse_fails("u:flags", "abc", "'flags': expected an unsigned int, "
                "got 'abc'");
    parse_fails("u:flags", "-1", "'flags'");
    parse_fails("u:flags", "4294967296", "'flags'");
    parse_fails("i:n", "2147483648", "'n'");
    parse_fails("u:a", "1 2", "unexpected text, got '2'");
    parse_fails("U:uuid", "6695eb01-f6a4-8304-79aa-97f2502e193", "uuid");
    parse_fails("s:s", "\"abc", "unterminated string");
    parse_fails("s:s", "\"a\\q\"", "bad escape");
    parse_fails("T[4]:params", "[x=q:1]", "'params'[0]: expected a type");
    parse_fails("T[4]:params", "[x:u:1]", "name=TYPE:value");
    parse_fails("u[2]:list", "[1, 2, 3]", "more than 2 elements");
    parse_fails("u{2}:list", "[1]", "exactly 2 elements");
    parse_fails("u[2]:list", "[1 2", "expected ',' or ']'");
    parse_fails("o[2]:c", "0x010203", "at most 2 bytes");
    parse_fails("c[4]:l", "abcd", "longer than 3");
    parse_fails("D:dom", "{a b 1}", "'dom': expected a uuid, got 'b'");
    parse_fails("u!", "1", "malformed shape");
}
