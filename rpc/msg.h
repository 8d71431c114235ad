/*
 * msg.h: libvirt RPC framing (protocol.md §1): the 4-byte length word, the
 * 24-byte header, and the remote_error body. Pure functions, no state.
 */
#ifndef VIRTD_RPC_MSG_H
#define VIRTD_RPC_MSG_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "rpc/xdr.h"

#define RPC_LEN_SIZE      4u
#define RPC_HDR_SIZE      24u
#define RPC_FRAME_MIN     28u          /* length word + header */
#define RPC_FRAME_MAX     33554436u    /* 4 + VIR_NET_MESSAGE_MAX (32 MiB) */
#define RPC_PAYLOAD_MAX   (RPC_FRAME_MAX - RPC_FRAME_MIN)
#define RPC_STREAM_DATA_MAX 262120u    /* legacy payload max per STREAM */
#define RPC_NUM_FDS_MAX   32u

#define RPC_PROG_REMOTE    0x20008086u
#define RPC_PROG_QEMU      0x20008087u
#define RPC_PROG_KEEPALIVE 0x6b656570u
#define RPC_PROG_ADMIN     0x06900690u
#define RPC_VERS           1u

#define KEEPALIVE_PROC_PING 1
#define KEEPALIVE_PROC_PONG 2

enum rpc_type {
    RPC_CALL = 0,
    RPC_REPLY = 1,
    RPC_MESSAGE = 2,
    RPC_STREAM = 3,
    RPC_CALL_WITH_FDS = 4,
    RPC_REPLY_WITH_FDS = 5,
    RPC_STREAM_HOLE = 6,
};

enum rpc_status {
    RPC_OK = 0,
    RPC_ERROR = 1,
    RPC_CONTINUE = 2,
};

struct rpc_hdr {
    uint32_t prog;
    uint32_t vers;
    int32_t proc;
    int32_t type;
    uint32_t serial;
    int32_t status;
};

/*
 * Read the length word at p[0..4). 0 and *len when RPC_FRAME_MIN <= len <=
 * RPC_FRAME_MAX; -EBADMSG otherwise (the connection must be closed).
 */
int rpc_frame_len(const uint8_t *p, uint32_t *len);

/* Decode/encode the 24 header bytes at p (no length word). */
void rpc_hdr_decode(const uint8_t *p, struct rpc_hdr *h);
void rpc_hdr_encode(uint8_t *p, const struct rpc_hdr *h);

/*
 * Start a frame in @e, which must be empty (the frame starts at offset 0):
 * a placeholder length word and the header. Then put the body, then
 * rpc_frame_finish() writes the length word; it returns 0, or the encoder's
 * error (-EMSGSIZE when the frame passed RPC_FRAME_MAX).
 */
void rpc_frame_begin(struct xdr_enc *e, const struct rpc_hdr *h);
int rpc_frame_finish(struct xdr_enc *e);

/* Encode @err as a remote_error body (protocol.md §1.6): level 2, dom and
 * net absent, int1 = int2 = -1. A NULL message encodes as absent. */
void rpc_error_encode(struct xdr_enc *e, const struct err *err);

#endif
