/*
 * remote_event.c: domain, network and storage pool events for REMOTE
 * clients.
 *
 * Registrations (105/106 legacy lifecycle, 167/168 legacy by id, 316/317
 * by callback id, 313/314 network and 368/369 storage pool by callback
 * id) live in the client's session under its lock, with libvirtd's rules:
 * one registration per event id and object filter, legacy ids 0..15,
 * callback ids 0..26, network ids 0 (lifecycle, the only one in 9.0),
 * storage pool ids 0 (lifecycle) and 1 (refresh).
 *
 * Delivery: the driver calls remote_event_sink() for every connection
 * that shares the changed state, from the thread that changed it, in the
 * order of the changes. The sink encodes the event once (domain uuid for
 * the filters, then the XDR body "dom event detail") and posts it to the
 * reactor (rpc_client_post_event). There remote_client_event() sends one
 * MESSAGE per matching registration: proc 318 with the callback id first,
 * or the legacy proc 107. A slow client only fills its own bounded output
 * queue.
 *
 * Threads: handlers on workers, the sink on any thread, the hook on the
 * reactor; all take the session lock only briefly.
 */
#include "rpc/remote_priv.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define REMOTE_EVENT_ID_LAST        27    /* VIR_DOMAIN_EVENT_ID_LAST */
#define REMOTE_EVENT_ID_LEGACY_LAST 16    /* ... up to DEVICE_REMOVED */
#define REMOTE_EVENT_LIFECYCLE      0
#define REMOTE_PROC_EVENT_LIFECYCLE 107
#define REMOTE_PROC_EVENT_CALLBACK_LIFECYCLE 318
#define REMOTE_EVENT_METADATA_CHANGE 23
#define REMOTE_PROC_EVENT_CALLBACK_METADATA 379
/* Network events: registrations and posted events carry the driver's
 * event id, DRV_EVENT_NETWORK + virNetworkEventID. */
#define REMOTE_NET_EVENT_ID_LAST    1     /* VIR_NETWORK_EVENT_ID_LAST */
#define REMOTE_NET_LIFECYCLE        (DRV_EVENT_NETWORK + 0)
#define REMOTE_PROC_NET_EVENT_LIFECYCLE 315
/* Storage pool events, the same way: DRV_EVENT_STORAGE_POOL + id. */
#define REMOTE_POOL_EVENT_ID_LAST   2     /* VIR_STORAGE_POOL_EVENT_ID_LAST */
#define REMOTE_POOL_LIFECYCLE       (DRV_EVENT_STORAGE_POOL + 0)
#define REMOTE_POOL_REFRESH         (DRV_EVENT_STORAGE_POOL + 1)
#define REMOTE_PROC_POOL_EVENT_LIFECYCLE 370
#define REMOTE_PROC_POOL_EVENT_REFRESH   373
/* Node device events: DRV_EVENT_NODEDEV + id; a device filter is keyed by
 * drv_nodedev_key() of its name. */
#define REMOTE_ND_EVENT_ID_LAST     2     /* VIR_NODE_DEVICE_EVENT_ID_LAST */
#define REMOTE_ND_LIFECYCLE         (DRV_EVENT_NODEDEV + 0)
#define REMOTE_PROC_ND_EVENT_LIFECYCLE 376

/* -- the registry (session lock held) ------------------------------------- */

static bool
remote_reg_same(const struct remote_evreg *r, int32_t event_id,
                const uint8_t *uuid)
{
    if (r->event_id != event_id || r->filter != (uuid != NULL))
        return false;
    return !uuid || memcmp(r->uuid, uuid, DRV_UUID_LEN) == 0;
}

static int
remote_reg_add(struct remote_session *s, int32_t event_id,
               const uint8_t *uuid, bool legacy, int32_t *id)
{
    struct remote_evreg *r;

    for (size_t i = 0; i < s->nregs; i++)
        if (remote_reg_same(&s->regs[i], event_id, uuid))
            return -EEXIST;
    if (s->gone || s->nregs >= REMOTE_EVENT_REGS_MAX)
        return -ENOSPC;
    if (s->nregs == s->regs_cap) {
        size_t cap = s->regs_cap ? s->regs_cap * 2 : 32;

        if (!(r = realloc(s->regs, cap * sizeof(*r))))
            return -ENOMEM;
        s->regs = r;
        s->regs_cap = cap;
    }
    r = &s->regs[s->nregs++];
    memset(r, 0, sizeof(*r));
    r->callback_id = *id = s->next_cb_id;
    /* ids stay non-negative; wrapping takes 2^31 registrations */
    s->next_cb_id = (int32_t)(((uint32_t)s->next_cb_id + 1) & 0x7fffffffu);
    r->event_id = event_id;
    r->legacy = legacy;
    r->filter = uuid != NULL;
    if (uuid)
        memcpy(r->uuid, uuid, DRV_UUID_LEN);
    return 0;
}

/* Remove the first registration @match accepts; false when none. */
static bool
remote_reg_del(struct remote_session *s,
               bool (*match)(const struct remote_evreg *r, int32_t key),
               int32_t key)
{
    for (size_t i = 0; i < s->nregs; i++) {
        if (!match(&s->regs[i], key))
            continue;
        memmove(&s->regs[i], &s->regs[i + 1],
                (s->nregs - i - 1) * sizeof(s->regs[0]));
        s->nregs--;
        return true;
    }
    return false;
}

static bool
remote_match_event(const struct remote_evreg *r, int32_t event_id)
{
    return r->event_id == event_id;
}

static bool
remote_match_callback(const struct remote_evreg *r, int32_t id)
{
    return r->callback_id == id;
}

/* -- handlers -------------------------------------------------------------- */

static struct remote_session *
remote_event_session(struct rpc_call *call)
{
    struct remote_session *s = rpc_client_priv(call->client);

    if (!s)
        remote_internal_error(call, "out of memory");
    return s;
}

static int
remote_event_add(struct rpc_call *call, int32_t event_id,
                 const uint8_t *uuid, bool legacy, int32_t *id)
{
    struct remote_session *s = remote_event_session(call);
    int rc;

    if (!s)
        return -1;
    pthread_mutex_lock(&s->lock);
    rc = remote_reg_add(s, event_id, uuid, legacy, id);
    pthread_mutex_unlock(&s->lock);
    if (rc == -EEXIST) {
        err_set(&call->err, ERR_INVALID_ARG, ERRDOM_NONE,
                "event callback already tracked");
        return -1;
    }
    if (rc == -ENOSPC)
        return remote_internal_error(call, "too many event registrations");
    return rc < 0 ? remote_internal_error(call, "out of memory") : 0;
}

static int
remote_event_del(struct rpc_call *call,
                 bool (*match)(const struct remote_evreg *r, int32_t key),
                 int32_t key, const char *fmt)
{
    struct remote_session *s = remote_event_session(call);
    bool found;

    if (!s)
        return -1;
    pthread_mutex_lock(&s->lock);
    found = remote_reg_del(s, match, key);
    pthread_mutex_unlock(&s->lock);
    if (found)
        return 0;
    err_set(&call->err, ERR_INTERNAL_ERROR, ERRDOM_RPC, fmt, key);
    return -1;
}

static int
remote_event_id_check(struct rpc_call *call, int64_t id, int64_t last)
{
    if (id >= 0 && id < last)
        return 0;
    err_set(&call->err, ERR_INTERNAL_ERROR, ERRDOM_RPC,
            "unsupported event ID %lld", (long long)id);
    return -1;
}

int
remote_event_register(struct rpc_call *call)
{
    int32_t id;

    if (remote_event_add(call, REMOTE_EVENT_LIFECYCLE, NULL, true, &id) < 0)
        return -1;
    call->ret[0].i = 1;
    return 0;
}

int
remote_event_deregister(struct rpc_call *call)
{
    if (remote_event_del(call, remote_match_event, REMOTE_EVENT_LIFECYCLE,
                         "domain event %d not registered") < 0)
        return -1;
    call->ret[0].i = 0;
    return 0;
}

int
remote_event_register_any(struct rpc_call *call)
{
    int32_t id;

    if (remote_event_id_check(call, call->args[0].i,
                              REMOTE_EVENT_ID_LEGACY_LAST) < 0)
        return -1;
    return remote_event_add(call, (int32_t)call->args[0].i, NULL, true, &id);
}

int
remote_event_deregister_any(struct rpc_call *call)
{
    if (remote_event_id_check(call, call->args[0].i,
                              REMOTE_EVENT_ID_LEGACY_LAST) < 0)
        return -1;
    return remote_event_del(call, remote_match_event,
                            (int32_t)call->args[0].i,
                            "domain event %d not registered");
}

int
remote_event_callback_register(struct rpc_call *call)
{
    const struct xval *dom = &call->args[1];
    int32_t id;

    if (remote_event_id_check(call, call->args[0].i,
                              REMOTE_EVENT_ID_LAST) < 0 ||
        remote_event_add(call, (int32_t)call->args[0].i,
                         dom->present ? dom->uuid : NULL, false, &id) < 0)
        return -1;
    call->ret[0].i = id;
    return 0;
}

int
remote_event_callback_deregister(struct rpc_call *call)
{
    return remote_event_del(call, remote_match_callback,
                            (int32_t)call->args[0].i,
                            "domain event callback %d not registered");
}

/* Network and storage pool registrations: args "i:eventID n:object" (an
 * optional object filter), ret "i:callbackID". */
static int
remote_obj_event_register(struct rpc_call *call, int32_t base, int64_t last,
                          const char *what)
{
    const struct xval *obj = &call->args[1];
    int64_t id = call->args[0].i;
    uint8_t key[DRV_UUID_LEN];
    const uint8_t *filter = NULL;
    int32_t cb;

    if (obj->present && base == DRV_EVENT_NODEDEV) {
        drv_nodedev_key(obj->s, key);
        filter = key;
    } else if (obj->present) {
        filter = obj->uuid;
    }
    if (id < 0 || id >= last) {
        err_set(&call->err, ERR_INTERNAL_ERROR, ERRDOM_RPC,
                "unsupported %s event ID %lld", what, (long long)id);
        return -1;
    }
    if (remote_event_add(call, (int32_t)(base + id), filter, false, &cb) < 0)
        return -1;
    call->ret[0].i = cb;
    return 0;
}

int
remote_net_event_register(struct rpc_call *call)
{
    return remote_obj_event_register(call, DRV_EVENT_NETWORK,
                                     REMOTE_NET_EVENT_ID_LAST, "network");
}

int
remote_pool_event_register(struct rpc_call *call)
{
    return remote_obj_event_register(call, DRV_EVENT_STORAGE_POOL,
                                     REMOTE_POOL_EVENT_ID_LAST,
                                     "storage pool");
}

int
remote_pool_event_deregister(struct rpc_call *call)
{
    return remote_event_del(call, remote_match_callback,
                            (int32_t)call->args[0].i,
                            "storage pool event callback %d not registered");
}

int
remote_net_event_deregister(struct rpc_call *call)
{
    return remote_event_del(call, remote_match_callback,
                            (int32_t)call->args[0].i,
                            "network event callback %d not registered");
}

int
remote_nodedev_event_register(struct rpc_call *call)
{
    return remote_obj_event_register(call, DRV_EVENT_NODEDEV,
                                     REMOTE_ND_EVENT_ID_LAST, "node device");
}

int
remote_nodedev_event_deregister(struct rpc_call *call)
{
    return remote_event_del(call, remote_match_callback,
                            (int32_t)call->args[0].i,
                            "node device event callback %d not registered");
}

/* -- delivery -------------------------------------------------------------- */

/* The posted event: [uuid][XDR "D:dom i:event i:detail"], for a network
 * or storage pool "N:net i:event i:detail", for a pool refresh "P:pool",
 * for METADATA_CHANGE "D:dom i:type S:nsuri" (nsuri absent). Any
 * thread. */
void
remote_event_sink(void *opaque, int event_id, const struct drv_dom *dom,
                  int event, int detail)
{
    struct remote_dconn *dc = opaque;
    uint8_t stack[256];
    struct xdr_enc e;

    xdr_enc_init(&e, stack, sizeof(stack), XDR_STRING_MAX + 64);
    xdr_put_raw(&e, dom->uuid, DRV_UUID_LEN);
    xdr_put_cstring(&e, dom->name);
    if (event_id < DRV_EVENT_NODEDEV)     /* a node device is its name */
        xdr_put_fixed(&e, dom->uuid, DRV_UUID_LEN);
    if (event_id < DRV_EVENT_NETWORK)
        xdr_put_i32(&e, dom->id);
    if (event_id != REMOTE_POOL_REFRESH) {
        xdr_put_i32(&e, event);
        if (event_id == REMOTE_EVENT_METADATA_CHANGE)
            xdr_put_i32(&e, 0);   /* nsuri: an absent optional string */
        else
            xdr_put_i32(&e, detail);
    }
    if (e.err == 0) {
        pthread_mutex_lock(&dc->evlock);
        if (dc->client)
            rpc_client_post_event(dc->client, event_id, e.data, e.len);
        pthread_mutex_unlock(&dc->evlock);
    }
    xdr_enc_release(&e);
}

/* The registrations @tag and @uuid match, into out[0..max) (legacy ones
 * as -1: they carry no callback id). At most two can match: one without
 * a filter and one for this domain. Session lock held. */
static size_t
remote_event_targets(const struct remote_session *s, int32_t tag,
                     const uint8_t *uuid, int64_t *out, size_t max)
{
    size_t n = 0;

    for (size_t i = 0; i < s->nregs && n < max; i++) {
        const struct remote_evreg *r = &s->regs[i];

        if (r->event_id != tag ||
            (r->filter && memcmp(r->uuid, uuid, DRV_UUID_LEN) != 0))
            continue;
        out[n++] = r->legacy ? -1 : r->callback_id;
    }
    return n;
}

/* The MESSAGE procedure of a callback registration for @tag; 0 for an
 * event no driver emits. */
static int
remote_event_proc(int32_t tag)
{
    switch (tag) {
    case REMOTE_EVENT_LIFECYCLE: return REMOTE_PROC_EVENT_CALLBACK_LIFECYCLE;
    case REMOTE_EVENT_METADATA_CHANGE:
        return REMOTE_PROC_EVENT_CALLBACK_METADATA;
    case REMOTE_NET_LIFECYCLE: return REMOTE_PROC_NET_EVENT_LIFECYCLE;
    case REMOTE_POOL_LIFECYCLE: return REMOTE_PROC_POOL_EVENT_LIFECYCLE;
    case REMOTE_POOL_REFRESH: return REMOTE_PROC_POOL_EVENT_REFRESH;
    case REMOTE_ND_LIFECYCLE: return REMOTE_PROC_ND_EVENT_LIFECYCLE;
    default: return 0;
    }
}

/*
 * Reactor thread: one MESSAGE per registration the event matches. The
 * frames are queued after the session lock is released: queueing may
 * close the client (output limit), which runs client_gone.
 */
void
remote_client_event(struct rpc_client *c, void *priv, int32_t tag,
                    const void *data, size_t len)
{
    struct remote_session *s = priv;
    const uint8_t *uuid = data, *body = uuid + DRV_UUID_LEN;
    int64_t targets[4];
    uint8_t cbid[4];
    size_t n;
    int proc;

    if (!s || len < DRV_UUID_LEN || !(proc = remote_event_proc(tag)))
        return;                   /* the only events drivers emit */
    pthread_mutex_lock(&s->lock);
    n = remote_event_targets(s, tag, uuid, targets, 4);
    pthread_mutex_unlock(&s->lock);
    for (size_t i = 0; i < n; i++) {
        if (targets[i] < 0) {
            rpc_client_queue_message(c, RPC_PROG_REMOTE,
                                     REMOTE_PROC_EVENT_LIFECYCLE, NULL, 0,
                                     body, len - DRV_UUID_LEN);
            continue;
        }
        cbid[0] = (uint8_t)((uint32_t)targets[i] >> 24);
        cbid[1] = (uint8_t)((uint32_t)targets[i] >> 16);
        cbid[2] = (uint8_t)((uint32_t)targets[i] >> 8);
        cbid[3] = (uint8_t)targets[i];
        rpc_client_queue_message(c, RPC_PROG_REMOTE, proc, cbid,
                                 sizeof(cbid), body, len - DRV_UUID_LEN);
    }
}
