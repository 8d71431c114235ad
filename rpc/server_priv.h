/*
 * server_priv.h: structures shared by rpc/server.c (listeners, accept,
 * limits, the loop), rpc/conn.c (one client's I/O on the reactor) and
 * rpc/job.c (the worker side). Not an API: include only from those.
 */
#ifndef VIRTD_RPC_SERVER_PRIV_H
#define VIRTD_RPC_SERVER_PRIV_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "core/ev.h"
#include "pool/mpsc.h"
#include "pool/pool.h"
#include "rpc/msg.h"
#include "rpc/prog.h"
#include "rpc/server.h"

#define RPC_LISTEN_MAX     8
#define RPC_SCRATCH_SIZE   (256 * 1024)
#define RPC_RX_INITIAL     (64 * 1024)      /* first rx allocation cap */
#define RPC_MSG_CACHE_MAX  1024             /* recycled messages kept */
#define RPC_MSG_KEEP_CAP   (64 * 1024)      /* larger buffers are freed */
#define RPC_MSG_CACHE_BYTES (4u * 1024 * 1024) /* buffer bytes kept in all */
#define RPC_TX_MAX_MSGS    4096             /* per client, then kicked */
#define RPC_TX_MAX_BYTES   (64u * 1024 * 1024)

enum rpc_msg_kind {
    RPC_MSG_CALL,       /* a call: reactor -> worker -> reply */
    RPC_MSG_REPLY,      /* tracked: answers a call; frees a request slot */
    RPC_MSG_ASYNC,      /* untracked: event, keepalive */
    RPC_MSG_CLOSE,      /* no frame: close the client (admin) */
    RPC_MSG_KEEPALIVE,  /* no frame: start server keepalive for client */
    RPC_MSG_EVENT,      /* no frame: buf[0..len) and hdr.proc (the tag)
                           for the program's client_event hook */
};

/*
 * One frame in or out, or a request to the reactor. Owned by exactly one
 * party at a time: the reactor (rx, tx queues, parked), a worker (as a
 * job), or the completion queue. While a worker or the completion queue
 * owns it, it holds a reference on its client.
 */
struct rpc_msg {
    struct mpsc_node node;       /* completion queue link */
    struct rpc_msg *next;        /* tx/parked list or free list */
    struct rpc_client *client;
    uint8_t *buf;
    uint32_t len;                /* frame length (from the length word) */
    uint32_t cap;
    uint32_t off;                /* rx: bytes filled; tx: bytes written */
    uint32_t body;               /* offset of the args (28, or 32 w/ fds) */
    uint8_t kind;                /* enum rpc_msg_kind */
    bool close_after;            /* close the client once this is sent */
    struct rpc_hdr hdr;
    const struct rpc_proc *proc;
};

struct rpc_listener {
    int fd;
    bool readonly;
    bool same_uid_only;
    enum rpc_transport transport;
    char *path;                  /* UNIX: unlinked at shutdown */
};

/* Keepalive state of a client, allocated when server pings start. */
struct rpc_client_ka {
    struct ev_timer timer;
    uint64_t last_rx_ms;              /* when a frame last came in */
    unsigned left;                    /* pings still allowed unanswered */
};

/*
 * One connection. Fields marked "reactor" are touched only by the reactor
 * thread; "atomic" fields by anyone; "immutable" are set before the client
 * is visible to other threads; "srv->lock" under the server's lock. Kept
 * small (an idle client holds this and its program's state, no buffers:
 * messages come from the loop's cache while frames are in flight).
 */
struct rpc_client {
    struct rpc_server *srv;           /* immutable */
    atomic_uint refs;                 /* atomic */
    int fd;                           /* reactor */
    void *priv;                       /* program's; immutable pointer */
    uint64_t id;                      /* immutable */
    int64_t timestamp;                /* immutable: connect time (epoch s) */
    uid_t uid;                        /* immutable: peer credentials */
    gid_t gid;                        /* (UNIX, when has_cred) */
    pid_t pid;
    uint8_t transport;                /* immutable: enum rpc_transport */
    bool has_cred;                    /* immutable */
    bool ro_socket;                   /* immutable */
    atomic_bool open;                 /* atomic: CONNECT_OPEN done */
    atomic_bool readonly;             /* atomic */
    atomic_bool closed;               /* atomic: set by the reactor */
    atomic_bool ka_requested;         /* atomic: feature 10 asked */

    /* reactor */
    uint8_t lenbuf_n;
    uint8_t lenbuf[4];
    uint8_t evmask;                   /* current EV_* interest */
    bool dirty;                       /* on the loop's flush list */
    bool want_close;                  /* close once tx is empty */
    bool rd_paused;                   /* input came at the request limit */
    uint8_t fds_left;                 /* dummy bytes still to come */
    uint16_t tx_count;                /* <= RPC_TX_MAX_MSGS + 1 */
    unsigned inflight;                /* tracked calls not yet answered */
    uint32_t tx_bytes;                /* <= RPC_TX_MAX_BYTES + a frame */
    struct rpc_msg *rx;               /* frame being received */
    struct rpc_msg *fd_wait;          /* CALL_WITH_FDS awaiting its fds */
    struct rpc_msg *tx_head, *tx_tail;
    struct rpc_msg *parked_head, *parked_tail;
    struct rpc_client_ka *ka;         /* NULL until keepalive starts */

    /* srv->lock */
    struct rpc_client *prev, *next;
};

struct rpc_server {
    char *name;
    struct rpc_server_cfg cfg;        /* limits below override */
    struct ev *ev;
    struct pool *pool;
    struct rpc_listener listeners[RPC_LISTEN_MAX];
    unsigned nlisteners;
    bool started;                     /* reactor */
    bool accepting;                   /* reactor */
    bool shutting_down;               /* reactor */
    struct ev_timer emfile_timer;     /* reactor: accept retry */

    pthread_mutex_t lock;             /* guards the fields below */
    struct rpc_client *clients_head, *clients_tail;
    unsigned nclients;
    unsigned max_clients;
    unsigned max_unauth;
    uint64_t next_id;
    struct rpc_server *next_server;   /* registry; immutable once linked */
};

/* The reactor-wide state shared by all servers (one per process). */
struct rpc_loop {
    struct ev *ev;
    struct mpsc done;                 /* completions from any thread */
    uint8_t *scratch;                 /* reactor: read buffer */
    struct rpc_msg *free_msgs;        /* reactor: recycled messages */
    unsigned nfree;
    size_t free_bytes;                /* reactor: their buffers' caps */
    struct rpc_client **dirty;        /* reactor: clients to flush */
    unsigned ndirty, dirty_cap;
    unsigned nclients;                /* reactor: over all servers */
    atomic_bool recheck;              /* any: client limits changed */
    void (*on_count)(unsigned, void *);
    void *on_count_opaque;
};

extern struct rpc_loop *rpc_loop_get(void);

/* messages (reactor-side cache; rpc_msg_new_any works on any thread) */
struct rpc_msg *rpc_msg_new(struct rpc_loop *l, uint32_t cap);
struct rpc_msg *rpc_msg_new_any(uint32_t cap);
void rpc_msg_free(struct rpc_loop *l, struct rpc_msg *m);
int rpc_msg_reserve(struct rpc_msg *m, uint32_t cap);

/* completion queue: any thread -> reactor */
void rpc_loop_post(struct rpc_loop *l, struct rpc_msg *m);

/* conn.c (reactor) */
struct rpc_client *rpc_conn_new(struct rpc_server *s, int fd,
                                const struct rpc_listener *li);
void rpc_conn_close(struct rpc_client *c, const char *why);
void rpc_conn_enqueue(struct rpc_client *c, struct rpc_msg *m);
void rpc_conn_flush(struct rpc_client *c);
void rpc_conn_mark_dirty(struct rpc_client *c);
void rpc_conn_keepalive_start(struct rpc_client *c);
void rpc_conn_stop_reading(struct rpc_client *c);

/* server_query.c: @c's admin view (under srv->lock) */
void rpc_client_get_info(struct rpc_client *c, struct rpc_client_info *out);

/* server.c (reactor): accepting, and a client went away */
void rpc_server_accept(struct ev *ev, int fd, unsigned events, void *opaque);
void rpc_server_check_accept(struct rpc_server *s);
void rpc_server_client_gone(struct rpc_server *s, struct rpc_client *c);

/* job.c */
void rpc_job_run(void *job, void *opaque);
/* Encode an error reply for @m's call into @m (reactor or worker). */
void rpc_msg_set_error(struct rpc_msg *m, const struct err *e);
void rpc_msg_set_rpc_error(struct rpc_msg *m, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
