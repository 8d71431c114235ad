/*
 * prog.h: RPC programs and their procedure tables, and what a handler sees.
 *
 * A program (remote, admin) is a table of procedures sorted by number. Each
 * entry gives the wire shapes of its args and ret (see xdr.h), its routing
 * flags and its handler. The server (rpc/server.c) decodes the args per the
 * shape, runs the handler on a worker, and encodes ret per the shape; the
 * same tables drive `virtd cat`, `virtd bench` and the fuzzers.
 *
 * Entries with fn == NULL are known for decoding only (event MESSAGEs, or
 * procedures the tools can send but the daemon does not serve): a CALL to
 * one gets "unknown procedure: N", as does any number not in the table.
 */
#ifndef VIRTD_RPC_PROG_H
#define VIRTD_RPC_PROG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"
#include "rpc/msg.h"
#include "rpc/xdr.h"

struct rpc_client;
struct rpc_server;

#define RPC_PROC_PRIO     0x01u  /* priority:high: may run on prio workers */
#define RPC_PROC_RO_DENY  0x02u  /* mutating: denied on read-only clients */
#define RPC_PROC_NO_OPEN  0x04u  /* allowed before CONNECT_OPEN */
#define RPC_PROC_MESSAGE  0x08u  /* server->client MESSAGE (event); not callable */

/* What a handler gets. Runs on a worker thread. */
struct rpc_call {
    struct rpc_client *client;   /* ref held for the call's lifetime */
    const struct rpc_hdr *hdr;
    const struct rpc_proc *proc;
    struct xval *args;           /* decoded per proc->args; strings live
                                    until the reply is encoded */
    struct xval *ret;            /* xval_count(proc->ret) zeroed entries, for
                                    the handler to fill in shape order */
    struct arena *arena;         /* for anything ret points to */
    struct err err;              /* set this and return -1 to fail */
    bool close_after;            /* set by CONNECT_CLOSE: close once sent */
};

/* 0: reply OK with call->ret. -1: reply ERROR with call->err. */
typedef int rpc_handler_fn(struct rpc_call *call);

struct rpc_proc {
    int32_t num;
    const char *name;     /* "DOMAIN_LOOKUP_BY_NAME" (protocol.md naming) */
    const char *args;     /* shape; "" for void */
    const char *ret;      /* shape; "" for void; the body for MESSAGEs */
    unsigned flags;       /* RPC_PROC_* */
    const char *api;      /* public API named in the read-only denial,
                             e.g. "virDomainDestroy"; NULL if not RO_DENY */
    rpc_handler_fn *fn;   /* NULL: not served (see above) */
};

struct rpc_prog {
    uint32_t prog;
    uint32_t vers;
    const char *name;                 /* "remote", "admin" */
    const struct rpc_proc *procs;     /* ascending by num */
    size_t nprocs;
    /*
     * Per-client program state. client_new runs on the reactor when a client
     * of this program's server connects and returns the private pointer
     * (NULL = none, not an error). client_gone runs on the reactor when the
     * connection closes (jobs may still be running): drop registrations.
     * client_free runs on whichever thread drops the last reference, when
     * no job uses the client any more: release driver connections.
     */
    void *(*client_new)(struct rpc_client *c);
    void (*client_gone)(struct rpc_client *c, void *priv);
    void (*client_free)(void *priv);
    /*
     * Events fanned out on the reactor: what rpc_client_post_event()
     * posts from any thread reaches this hook on the reactor thread, in
     * posting order (and after anything posted earlier for the client),
     * and the hook queues the frames with rpc_client_queue_message().
     * Not called for a closed client. NULL: posting is refused.
     */
    void (*client_event)(struct rpc_client *c, void *priv, int32_t tag,
                         const void *data, size_t len);
};

/* Binary search; NULL when @num is not in the table. */
const struct rpc_proc *rpc_prog_find(const struct rpc_prog *p, int32_t num);
/* Linear search by name (case-insensitive); NULL when absent. */
const struct rpc_proc *rpc_prog_find_name(const struct rpc_prog *p,
                                          const char *name);

extern const struct rpc_prog rpc_prog_remote;   /* rpc/remote.c */
extern const struct rpc_prog rpc_prog_admin;    /* rpc/admin.c */

/* -- what handlers may ask of their client (thread-safe) ------------------ */

/* Program-private state from client_new. */
void *rpc_client_priv(struct rpc_client *c);
/* Came in on a read-only socket. */
bool rpc_client_ro_socket(struct rpc_client *c);
/* Read-only for this session (socket, or CONNECT_OPEN with VIR_CONNECT_RO):
 * set by the remote program at open; the server denies RO_DENY procs. */
bool rpc_client_readonly(struct rpc_client *c);
void rpc_client_set_readonly(struct rpc_client *c, bool ro);
/* CONNECT_OPEN done: the server serves procs without RPC_PROC_NO_OPEN. */
bool rpc_client_is_open(struct rpc_client *c);
void rpc_client_set_open(struct rpc_client *c, bool open);
/* Start server-side keepalive pings for this client (feature 10). */
void rpc_client_keepalive_start(struct rpc_client *c);
struct rpc_server *rpc_client_server(struct rpc_client *c);

void rpc_client_ref(struct rpc_client *c);
void rpc_client_unref(struct rpc_client *c);

/*
 * Queue an asynchronous MESSAGE frame (type MESSAGE, status OK, serial 1)
 * with @body to @c. Any thread. Not counted against max_client_requests;
 * bounded by the outbound limit (a client that lets too much pile up is
 * disconnected). 0, -ENOMEM, or -EPIPE when the client is gone.
 */
int rpc_client_send_message(struct rpc_client *c, uint32_t prog,
                            int32_t proc, const void *body, size_t len);

/*
 * Hand @tag and a copy of data[0..len) to the program's client_event hook
 * on the reactor thread. Any thread; the caller must hold a reference on
 * @c (or otherwise know it is alive). 0, -EPIPE when the client is gone,
 * -ENOTSUP without a hook, -EMSGSIZE, -ENOMEM.
 */
int rpc_client_post_event(struct rpc_client *c, int32_t tag,
                          const void *data, size_t len);

/*
 * Reactor thread only (client_event): queue now a MESSAGE frame (status
 * OK, serial 1) whose body is head[0..hlen) followed by body[0..blen).
 * Not counted against max_client_requests; bounded by the outbound limit
 * like every frame. 0, -EPIPE, -EMSGSIZE, -ENOMEM.
 */
int rpc_client_queue_message(struct rpc_client *c, uint32_t prog,
                             int32_t proc, const void *head, size_t hlen,
                             const void *body, size_t blen);

#endif
