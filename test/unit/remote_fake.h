/*
 * remote_fake.h: the harness the REMOTE program's unit tests share (include
 * once per test program): a fake client with the rpc_client_* functions
 * rpc/server.c would provide, events posted to the "reactor" kept until
 * fake_reactor_run() hands them to the program's hook, frames the hook
 * queues recorded, and call() which runs a procedure as the server does
 * (args encoded and decoded per shape, ret encoded back).
 */
#ifndef VIRTD_TEST_UNIT_REMOTE_FAKE_H
#define VIRTD_TEST_UNIT_REMOTE_FAKE_H

#include <criterion/criterion.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "rpc/prog.h"
#include "rpc/xdr.h"

#define T_TIMEOUT .timeout = 10

/* -- a fake client: what rpc/server.c provides to handlers ----------------- */

#define FAKE_MAX 64

/* An event posted for the reactor, or a frame queued by the hook. */
struct fake_msg {
    int32_t tag;                  /* event id, or the frame's proc */
    size_t len;
    uint8_t data[512];
};

struct rpc_client {
    void *priv;
    bool ro_socket;
    bool readonly;
    bool open;
    bool closed;
    int keepalive;
    struct fake_msg posted[FAKE_MAX];
    size_t nposted;
    struct fake_msg frames[FAKE_MAX];
    size_t nframes;
};

void *
rpc_client_priv(struct rpc_client *c)
{
    return c->priv;
}

bool
rpc_client_ro_socket(struct rpc_client *c)
{
    return c->ro_socket;
}

bool
rpc_client_readonly(struct rpc_client *c)
{
    return c->readonly;
}

void
rpc_client_set_readonly(struct rpc_client *c, bool ro)
{
    c->readonly = ro;
}

bool
rpc_client_is_open(struct rpc_client *c)
{
    return c->open;
}

void
rpc_client_set_open(struct rpc_client *c, bool open)
{
    c->open = open;
}

void
rpc_client_keepalive_start(struct rpc_client *c)
{
    c->keepalive++;
}

static int
fake_keep(struct fake_msg *v, size_t *n, int32_t tag, const void *a,
          size_t alen, const void *b, size_t blen)
{
    if (*n >= FAKE_MAX || alen + blen > sizeof(v->data))
        return -ENOSPC;
    v[*n].tag = tag;
    v[*n].len = alen + blen;
    if (alen)
        memcpy(v[*n].data, a, alen);
    if (blen)
        memcpy(v[*n].data + alen, b, blen);
    (*n)++;
    return 0;
}

int
rpc_client_post_event(struct rpc_client *c, int32_t tag, const void *data,
                      size_t len)
{
    if (c->closed)
        return -EPIPE;
    return fake_keep(c->posted, &c->nposted, tag, data, len, NULL, 0);
}

int
rpc_client_queue_message(struct rpc_client *c, uint32_t prog, int32_t proc,
                         const void *head, size_t hlen, const void *body,
                         size_t blen)
{
    cr_assert_eq(prog, rpc_prog_remote.prog);
    return fake_keep(c->frames, &c->nframes, proc, head, hlen, body, blen);
}

/* The reactor's part: hand every posted event to the program's hook. */
static inline void
fake_reactor_run(struct rpc_client *c)
{
    for (size_t i = 0; i < c->nposted; i++)
        if (!c->closed)
            rpc_prog_remote.client_event(c, c->priv, c->posted[i].tag,
                                         c->posted[i].data,
                                         c->posted[i].len);
    c->nposted = 0;
}

/* -- calling procedures ---------------------------------------------------- */

static inline const struct rpc_proc *
find(int32_t num)
{
    for (size_t i = 0; i < rpc_prog_remote.nprocs; i++)
        if (rpc_prog_remote.procs[i].num == num)
            return &rpc_prog_remote.procs[i];
    return NULL;
}

struct tcall {
    struct rpc_call call;
    struct xval args[8];
    struct xval ret[12];
    struct arena arena;
    uint8_t *wire;
    struct xdr_enc enc;           /* the encoded ret of a successful call */
};

static struct rpc_client cl;
static struct tcall *last;

static inline void
tcall_free(struct tcall *t)
{
    if (!t)
        return;
    err_release(&t->call.err);
    xdr_enc_release(&t->enc);
    free(t->wire);
    arena_reset(&t->arena);
    free(t);
}

/*
 * Call procedure @num on the fake client with @in (encoded then decoded as
 * the server does). Returns the handler's result; the call stays in
 * `last` for inspection. A successful ret must encode.
 */
static inline int
call_on(struct rpc_client *c, int32_t num, const struct xval *in)
{
    const struct rpc_proc *p = find(num);
    struct tcall *t = calloc(1, sizeof(*t));
    struct xdr_enc ae;
    struct xdr_dec d;
    int rc;

    cr_assert(p && p->fn, "no handler for %d", num);
    cr_assert(t);
    tcall_free(last);
    last = t;
    arena_init(&t->arena);
    xdr_enc_init(&ae, NULL, 0, 1u << 20);
    cr_assert_eq(xval_encode(p->args, in, &ae), 0, "encode args of %d", num);
    t->wire = malloc(ae.len + 1);
    if (ae.len)
        memcpy(t->wire, ae.data, ae.len);
    d = (struct xdr_dec){ .p = t->wire, .len = ae.len };
    cr_assert_eq(xval_decode(p->args, &d, t->args, &t->arena), 0);
    xdr_enc_release(&ae);
    t->call = (struct rpc_call){ .client = c, .proc = p, .args = t->args,
                                 .ret = t->ret, .arena = &t->arena };
    rc = p->fn(&t->call);
    if (rc == 0) {
        xdr_enc_init(&t->enc, NULL, 0, 1u << 24);
        cr_assert_eq(xval_encode(p->ret, t->ret, &t->enc), 0,
                     "encode ret of %d: %d", num, t->enc.err);
    }
    return rc;
}

static inline int
call(int32_t num, const struct xval *in)
{
    return call_on(&cl, num, in);
}

static inline void
assert_err(int code, int domain, const char *msg)
{
    struct err *e = &last->call.err;

    cr_assert_eq(e->code, code, "code %d, want %d (%s)", e->code, code,
                 e->message);
    cr_assert_eq(e->domain, domain, "domain %d, want %d", e->domain, domain);
    cr_assert_str_eq(e->message, msg);
}

static inline void
setup(void)
{
    memset(&cl, 0, sizeof(cl));
    cl.priv = rpc_prog_remote.client_new(&cl);
    last = NULL;
}

static inline void
teardown(void)
{
    tcall_free(last);
    last = NULL;
    rpc_prog_remote.client_gone(&cl, cl.priv);
    rpc_prog_remote.client_free(cl.priv);
}

static inline void
do_open(unsigned flags)
{
    struct xval in[2] = {
        { .present = true, .s = "test:///default" },
        { .present = true, .i = flags },
    };

    cr_assert_eq(call(1, in), 0, "open: %s", last->call.err.message);
    cr_assert(cl.open);
}

static const uint8_t dom_uuid[16] = {
    0x66, 0x95, 0xeb, 0x01, 0xf6, 0xa4, 0x83, 0x04,
    0x79, 0xaa, 0x97, 0xf2, 0x50, 0x2e, 0x19, 0x3f,
};

static inline struct xval
dom_val(void)
{
    return (struct xval){ .present = true, .s = "test", .uuid = dom_uuid,
                          .i = 1 };
}

#endif
