/*
 * fuzz_call.c: libFuzzer target for what the server does with bytes from a
 * client before a handler runs: the length word, the header, the program
 * and procedure lookup, and the argument decoder of every procedure of the
 * remote and admin programs (decoded by shape, then rendered as `virtd
 * cat` would print it). The input is one frame; its bytes after the
 * length word are the header and body.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "rpc/msg.h"
#include "rpc/prog.h"
#include "rpc/xdr.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const struct rpc_prog *
find_prog(uint32_t prog)
{
    if (prog == rpc_prog_remote.prog)
        return &rpc_prog_remote;
    if (prog == rpc_prog_admin.prog)
        return &rpc_prog_admin;
    return NULL;
}

static void
decode_shape(const char *shape, const uint8_t *body, size_t len)
{
    struct arena a;
    struct xval *v;
    uint8_t *copy;
    int n = xval_count(shape);

    if (n < 0 || !(copy = malloc(len ? len : 1)))
        return;
    memcpy(copy, body, len);
    arena_init(&a);
    v = arena_alloc(&a, sizeof(*v) * ((size_t)n + 1));
    if (v) {
        struct xdr_dec d = { copy, len, 0 };

        if (xval_decode(shape, &d, v, &a) == 0)
            free(xval_format(shape, v));
    }
    arena_reset(&a);
    free(copy);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const struct rpc_prog *p;
    const struct rpc_proc *proc;
    struct rpc_hdr h;
    uint32_t len;

    if (size < RPC_FRAME_MIN)
        return 0;
    /* the length word is fuzz_frame's business: a bad or short one here
     * just means "the rest of the input", so mutations of the body need
     * not keep it in step */
    if (rpc_frame_len(data, &len) < 0 || len > size)
        len = (uint32_t)(size < RPC_FRAME_MAX ? size : RPC_FRAME_MAX);
    rpc_hdr_decode(data + RPC_LEN_SIZE, &h);
    p = find_prog(h.prog);
    if (!p || !(proc = rpc_prog_find(p, h.proc)))
        return 0;
    /* a CALL's args, or (as `virtd cat` does) a reply's or event's body */
    decode_shape(h.type == RPC_CALL ? proc->args : proc->ret,
                 data + RPC_FRAME_MIN, len - RPC_FRAME_MIN);
    return 0;
}
