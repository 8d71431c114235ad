/*
 * client.h: a small libvirt RPC client for the tools (`virtd cat`, `virtd
 * bench`) and anything else that must talk to a daemon: resolve and connect
 * to a UNIX socket path or host:port, encode CALL frames from the shared
 * procedure tables, receive whole frames, make synchronous calls.
 *
 * Two ways to use it:
 * - blocking: struct rpc_cli owns a connected socket and a receive buffer;
 *   rpc_cli_call() sends one call and waits for its reply (answering
 *   keepalive PINGs meanwhile), rpc_cli_recv() returns the next frame.
 * - pieces: rpc_cli_addr_parse()/rpc_cli_connect() for non-blocking
 *   sockets and rpc_cli_encode() for frames, used by bench's own event
 *   loop.
 *
 * Synchronization: none; an rpc_cli belongs to one thread. The parsed
 * address is immutable and may be shared.
 */
#ifndef VIRTD_RPC_CLIENT_H
#define VIRTD_RPC_CLIENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

#include "core/arena.h"
#include "core/err.h"
#include "rpc/msg.h"
#include "rpc/prog.h"
#include "rpc/xdr.h"

/* Where to connect: a UNIX socket path, or host:port for TCP. */
struct rpc_cli_addr {
    struct sockaddr_storage ss;
    socklen_t len;
    bool tcp;
};

/*
 * Parse @text: "host:port" ("[v6]:port") when it has no '/' and ends in
 * ":<digits>", else a UNIX socket path (at most 107 bytes). Host names are
 * resolved here (blocking). 0, -EINVAL (malformed, path too long),
 * -ENOENT (host not found).
 */
int rpc_cli_addr_parse(const char *text, struct rpc_cli_addr *addr);

/*
 * New socket connected (or connecting) to @addr; close-on-exec, and
 * non-blocking when @nonblock. 0 and *fd when connected; -EINPROGRESS and
 * *fd when a non-blocking TCP connect is under way (wait for writability,
 * then rpc_cli_connect_result()); otherwise -errno and no fd (-EAGAIN: a
 * UNIX listener's backlog is full, try again later).
 */
int rpc_cli_connect(const struct rpc_cli_addr *addr, bool nonblock, int *fd);
/* Outcome of a non-blocking connect once the socket is writable. */
int rpc_cli_connect_result(int fd);

/*
 * Append one frame to @e: header {prog, RPC_VERS, proc, type, serial,
 * status} and @args encoded per @shape ("" or NULL: no body). Returns 0
 * or the encoder's error (-EINVAL for values that do not fit the shape).
 */
int rpc_cli_encode(struct xdr_enc *e, const struct rpc_hdr *h,
                   const char *shape, const struct xval *args);

/* Decode a remote_error body into @err (strings copied). 0 or -EBADMSG. */
int rpc_cli_decode_error(uint8_t *body, size_t len, struct err *err);

/* Program for a header's prog number among remote and admin; NULL if
 * neither. */
const struct rpc_prog *rpc_cli_prog(uint32_t prog);

/* -- byte buffer --------------------------------------------------------- */

/* A growable byte buffer with a hard maximum, for queued output. */
struct rpc_cli_buf {
    uint8_t *p;
    uint32_t len;
    uint32_t cap;
};

/* Room for @n more bytes, never beyond @max in total (doubling from 4 KiB).
 * 0, -ENOBUFS (max passed) or -ENOMEM; the content is kept either way. */
int rpc_cli_buf_reserve(struct rpc_cli_buf *b, size_t n, size_t max);
/* Append p[0..n); as reserve. */
int rpc_cli_buf_append(struct rpc_cli_buf *b, const void *p, size_t n,
                       size_t max);
/* Drop the first @n bytes (n <= len). */
void rpc_cli_buf_consume(struct rpc_cli_buf *b, size_t n);
/* Free the bytes; NULL-safe. */
void rpc_cli_buf_release(struct rpc_cli_buf *b);

/* -- blocking client ----------------------------------------------------- */

struct rpc_cli {
    int fd;
    uint32_t serial;        /* next CALL serial (starts at 0, as libvirt) */
    uint8_t *rx;            /* received bytes rx[off..len) */
    size_t off;
    size_t len;
    size_t cap;
    size_t taken;           /* bytes of the frame last returned by recv */
    bool answer_pings;      /* rpc_cli_call answers PINGs (default true) */
};

/* Connect (blocking) to @addr_text. 0 or -errno (see rpc_cli_addr_parse
 * and rpc_cli_connect). */
int rpc_cli_open(struct rpc_cli *c, const char *addr_text);
/* Close the socket and free the buffer. NULL-safe, idempotent. */
void rpc_cli_close(struct rpc_cli *c);

/* Write all of p[0..n) (blocking). 0, or -EPIPE/-errno. */
int rpc_cli_send(struct rpc_cli *c, const void *p, size_t n);

/*
 * Next whole frame (length word included) in *frame and *len; it stays valid
 * and writable until the next rpc_cli_recv() or rpc_cli_call(). Waits up to
 * @timeout_ms (-1: forever; 0: take only what is readable now). 0;
 * -ETIMEDOUT; -EPIPE on EOF; -EBADMSG when the length word is out of
 * bounds (the connection is unusable); -errno.
 */
int rpc_cli_recv(struct rpc_cli *c, int timeout_ms, uint8_t **frame,
                 uint32_t *len);
/* true when a whole frame is already buffered (recv will not block). */
bool rpc_cli_pending(const struct rpc_cli *c);

/*
 * Synchronous call of @proc in @prog with @args (per proc->args): send it
 * with the next serial, then wait for the REPLY with that serial, answering
 * keepalive PINGs and skipping other frames. On OK the ret is decoded into
 * ret[0..xval_count(proc->ret)) (arrays from @a, strings pointing into the
 * receive buffer: valid until the next recv or call) and 0 is returned. On an
 * ERROR reply @err is filled and 1 is returned. -ETIMEDOUT after
 * @timeout_ms (-1: forever), -EBADMSG for an undecodable reply, -errno.
 */
int rpc_cli_call(struct rpc_cli *c, const struct rpc_prog *prog,
                 const struct rpc_proc *proc, const struct xval *args,
                 struct xval *ret, struct arena *a, struct err *err,
                 int timeout_ms);

/* rpc_cli_call by procedure name in @prog; -ENOENT when not in the
 * table. */
int rpc_cli_call_name(struct rpc_cli *c, const struct rpc_prog *prog,
                      const char *name, const struct xval *args,
                      struct xval *ret, struct arena *a, struct err *err,
                      int timeout_ms);

#endif
