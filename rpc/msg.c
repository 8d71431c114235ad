/*
 * msg.c: libvirt RPC framing (see msg.h and protocol.md §1). Pure
 * functions over caller memory; safe from any thread.
 */
#include "rpc/msg.h"
#include "rpc/xdr_priv.h"

#include <errno.h>

int
rpc_frame_len(const uint8_t *p, uint32_t *len)
{
    uint32_t n = xdr_load32(p);

    if (n < RPC_FRAME_MIN || n > RPC_FRAME_MAX)
        return -EBADMSG;
    *len = n;
    return 0;
}

void
rpc_hdr_decode(const uint8_t *p, struct rpc_hdr *h)
{
    h->prog = xdr_load32(p);
    h->vers = xdr_load32(p + 4);
    h->proc = (int32_t)xdr_load32(p + 8);
    h->type = (int32_t)xdr_load32(p + 12);
    h->serial = xdr_load32(p + 16);
    h->status = (int32_t)xdr_load32(p + 20);
}

void
rpc_hdr_encode(uint8_t *p, const struct rpc_hdr *h)
{
    xdr_store32(p, h->prog);
    xdr_store32(p + 4, h->vers);
    xdr_store32(p + 8, (uint32_t)h->proc);
    xdr_store32(p + 12, (uint32_t)h->type);
    xdr_store32(p + 16, h->serial);
    xdr_store32(p + 20, (uint32_t)h->status);
}

void
rpc_frame_begin(struct xdr_enc *e, const struct rpc_hdr *h)
{
    uint8_t b[RPC_FRAME_MIN] = { 0 };

    rpc_hdr_encode(b + RPC_LEN_SIZE, h);
    xdr_put_raw(e, b, sizeof(b));
}

int
rpc_frame_finish(struct xdr_enc *e)
{
    if (!e->err && (e->len < RPC_FRAME_MIN || e->len > RPC_FRAME_MAX))
        e->err = e->len < RPC_FRAME_MIN ? -EINVAL : -EMSGSIZE;
    if (e->err)
        return e->err;
    xdr_store32(e->data, (uint32_t)e->len);
    return 0;
}

void
rpc_error_encode(struct xdr_enc *e, const struct err *err)
{
    struct xval v = {
        .present = true,
        .i = err->code,
        .j = err->domain,
        .s = err->message,
        .s2 = err->str1,
        .s3 = err->str2,
    };

    xval_encode("E", &v, e);
}
