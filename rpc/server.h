/*
 * server.h: RPC servers. A server ("libvirtd", "admin") owns listeners, its
 * clients, one worker pool (pool/pool.h) and one program (rpc/prog.h). All
 * servers share the daemon's reactor (core/ev.h) and one completion queue
 * through which workers hand replies back to the reactor.
 *
 * Threading (DESIGN.md): the reactor thread accepts, reads, parses frames,
 * answers keepalive and protocol errors, and writes; workers decode args,
 * run handlers and encode replies; only the reactor touches sockets.
 *
 * Synchronization table:
 *   rpc_server_new, _add_unix, _add_tcp, _start,
 *   _shutdown, _idle, _free                      reactor thread
 *   rpc_server_find, rpc_server_list             any thread
 *   rpc_server_get_..., _set_..., client queries  any thread (admin workers)
 *   rpc_client_close_async                       any thread
 */
#ifndef VIRTD_RPC_SERVER_H
#define VIRTD_RPC_SERVER_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "core/ev.h"
#include "pool/pool.h"
#include "rpc/prog.h"

struct rpc_server;
struct rpc_client;

enum rpc_transport {
    RPC_TRANSPORT_UNIX = 0,
    RPC_TRANSPORT_TCP = 1,
    RPC_TRANSPORT_TLS = 2,
};

struct rpc_server_cfg {
    const char *name;                 /* "libvirtd", "admin" */
    const struct rpc_prog *prog;
    struct pool_limits workers;
    unsigned max_clients;
    unsigned max_anonymous_clients;   /* 0 = unlimited */
    unsigned max_client_requests;     /* >= 1 */
    int keepalive_interval;           /* seconds; <= 0: no server pings */
    unsigned keepalive_count;
    unsigned job_queue_cap;           /* per pool queue */
};

/* Values an admin client reads about a connection. */
struct rpc_client_info {
    uint64_t id;
    int64_t timestamp;                /* connect time, epoch seconds */
    enum rpc_transport transport;
    bool readonly;
    bool has_cred;                    /* UNIX: peer credentials known */
    uid_t uid;
    gid_t gid;
    pid_t pid;
    char sock_addr[64];               /* TCP: "ip;port" */
};

/* Create a server on @ev. NULL and *errmsg (malloc'ed) on failure. Workers
 * start at once; listeners are added with rpc_server_add_*(). */
struct rpc_server *rpc_server_new(struct ev *ev,
                                  const struct rpc_server_cfg *cfg,
                                  char **errmsg);

/*
 * Bind and listen on a UNIX socket at @path with mode @perms and group @gid
 * ((gid_t)-1: leave the daemon's). The file is never more open than @perms.
 * A live daemon already answering on @path is an error (-EADDRINUSE); a
 * stale socket file is replaced. @readonly marks clients from it read-only;
 * @same_uid_only drops peers whose uid is not the daemon's euid. The
 * listener is not polled until rpc_server_start(). 0 or -errno, *errmsg.
 */
int rpc_server_add_unix(struct rpc_server *s, const char *path, mode_t perms,
                        gid_t gid, bool readonly, bool same_uid_only,
                        int backlog, char **errmsg);

/* Same for TCP on @addr (NULL = any) : @port. */
int rpc_server_add_tcp(struct rpc_server *s, const char *addr,
                       const char *port, int backlog, char **errmsg);

/* Start polling the listeners (after driver state init). */
void rpc_server_start(struct rpc_server *s);

/*
 * Begin shutdown: stop accepting, close and unlink the listeners, stop
 * reading from clients. In-flight calls still complete and their replies
 * are flushed; rpc_server_idle() says when that is done.
 */
void rpc_server_shutdown(struct rpc_server *s);
bool rpc_server_idle(struct rpc_server *s);

/* Close every client, stop the pool (joining its threads), free. Reactor
 * thread, after the loop stopped. NULL-safe. */
void rpc_server_free(struct rpc_server *s);

/* Daemon-wide: total clients over all servers (for --timeout). */
unsigned rpc_servers_nclients(void);
/* Called (reactor thread) whenever the total number of clients changes. */
void rpc_servers_on_count(void (*fn)(unsigned nclients, void *opaque),
                          void *opaque);

/* -- admin queries (any thread) ------------------------------------------ */

/* The server named @name, or NULL. Servers live until exit. */
struct rpc_server *rpc_server_find(const char *name);
/* Server names in creation order; returns the count, fills up to @max. */
size_t rpc_server_list(struct rpc_server **out, size_t max);
const char *rpc_server_name(const struct rpc_server *s);

void rpc_server_get_pool(struct rpc_server *s, struct pool_stats *st);
/* The worker limits last applied (the targets, where pool_stats has the
 * live counts: prio_workers there lags while a surplus worker finishes). */
void rpc_server_get_pool_limits(struct rpc_server *s, struct pool_limits *lim);
/* pool_set_limits() with the admin rules; 0 or -EINVAL/-errno. Callers
 * serialize their get-limits/validate/set sequences themselves. */
int rpc_server_set_pool(struct rpc_server *s, const struct pool_limits *lim);

void rpc_server_get_client_limits(struct rpc_server *s, unsigned *max,
                                  unsigned *n, unsigned *unauth_max,
                                  unsigned *unauth);
/* Apply new limits and re-check accepting; connected clients are never
 * kicked. */
void rpc_server_set_client_limits(struct rpc_server *s, unsigned max,
                                  unsigned unauth_max);

/* Info for up to @max clients in id order; returns the total count. */
size_t rpc_server_list_clients(struct rpc_server *s,
                               struct rpc_client_info *out, size_t max);
/* Lookup by id: 0 and *out filled, or -ENOENT. */
int rpc_server_client_info(struct rpc_server *s, uint64_t id,
                           struct rpc_client_info *out);
/* Close the client with @id at once (its socket sees EOF). 0 or -ENOENT. */
int rpc_server_close_client(struct rpc_server *s, uint64_t id);

#endif
