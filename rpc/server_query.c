/*
 * server_query.c: what the admin program asks of a server: worker pool
 * sizes, client limits, the client list, closing a client. Any thread.
 */
#include "rpc/server_priv.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* -- admin queries (any thread) ----------------------------------------- */




void
rpc_server_get_pool(struct rpc_server *s, struct pool_stats *st)
{
    pool_get_stats(s->pool, st);
}

void
rpc_server_get_pool_limits(struct rpc_server *s, struct pool_limits *lim)
{
    pthread_mutex_lock(&s->lock);
    *lim = s->cfg.workers;
    pthread_mutex_unlock(&s->lock);
}

int
rpc_server_set_pool(struct rpc_server *s, const struct pool_limits *lim)
{
    int rc = pool_set_limits(s->pool, lim);

    if (rc == 0) {
        pthread_mutex_lock(&s->lock);
        s->cfg.workers = *lim;
        pthread_mutex_unlock(&s->lock);
    }
    return rc;
}

void
rpc_server_get_client_limits(struct rpc_server *s, unsigned *max,
                             unsigned *n, unsigned *unauth_max,
                             unsigned *unauth)
{
    pthread_mutex_lock(&s->lock);
    *max = s->max_clients;
    *n = s->nclients;
    *unauth_max = s->max_unauth;
    *unauth = 0;            /* no authentication step: nobody waits */
    pthread_mutex_unlock(&s->lock);
}

void
rpc_server_set_client_limits(struct rpc_server *s, unsigned max,
                             unsigned unauth_max)
{
    pthread_mutex_lock(&s->lock);
    s->max_clients = max;
    s->max_unauth = unauth_max;
    pthread_mutex_unlock(&s->lock);
    /* accepting is reactor state: ask the reactor to re-check */
    atomic_store_explicit(&rpc_loop_get()->recheck, true, memory_order_release);
    ev_wake(s->ev);
}

/* Under s->lock (the fields are immutable; the lock keeps @c alive). */
void
rpc_client_get_info(struct rpc_client *c, struct rpc_client_info *out)
{
    memset(out, 0, sizeof(*out));
    out->id = c->id;
    out->timestamp = c->timestamp;
    out->transport = c->transport;
    out->readonly = rpc_client_readonly(c);
    out->has_cred = c->has_cred;
    out->uid = c->uid;
    out->gid = c->gid;
    out->pid = c->pid;
}

size_t
rpc_server_list_clients(struct rpc_server *s, struct rpc_client_info *out,
                        size_t max)
{
    size_t n = 0;

    pthread_mutex_lock(&s->lock);
    for (struct rpc_client *c = s->clients_head; c; c = c->next, n++) {
        if (n < max)
            rpc_client_get_info(c, &out[n]);
    }
    pthread_mutex_unlock(&s->lock);
    return n;
}

/* Under s->lock. */
static struct rpc_client *
server_find_client_locked(struct rpc_server *s, uint64_t id)
{
    for (struct rpc_client *c = s->clients_head; c; c = c->next)
        if (c->id == id)
            return c;
    return NULL;
}

int
rpc_server_client_info(struct rpc_server *s, uint64_t id,
                       struct rpc_client_info *out)
{
    struct rpc_client *c;

    pthread_mutex_lock(&s->lock);
    c = server_find_client_locked(s, id);
    if (c)
        rpc_client_get_info(c, out);
    pthread_mutex_unlock(&s->lock);
    return c ? 0 : -ENOENT;
}

int
rpc_server_close_client(struct rpc_server *s, uint64_t id)
{
    struct rpc_msg *m = rpc_msg_new_any(RPC_FRAME_MIN);
    struct rpc_client *c;

    if (!m)
        return -ENOMEM;
    pthread_mutex_lock(&s->lock);
    c = server_find_client_locked(s, id);
    if (c)
        rpc_client_ref(c);
    pthread_mutex_unlock(&s->lock);
    if (!c) {
        rpc_msg_free(NULL, m);
        return -ENOENT;
    }
    m->kind = RPC_MSG_CLOSE;
    m->client = c;
    rpc_loop_post(rpc_loop_get(), m);
    return 0;
}
