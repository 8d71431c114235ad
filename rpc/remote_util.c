/*
 * remote_util.c: helpers shared by the REMOTE handlers: libvirtd's error
 * shapes, and conversions between decoded xvals and driver identities.
 * Pure functions over the call; any thread.
 */
#include "rpc/remote_priv.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int
remote_unsupported(struct rpc_call *call, int errdom, const char *api)
{
    drv_unsupported(&call->err, errdom, api);
    return -1;
}

int
remote_bad_arg(struct rpc_call *call, const char *fmt, ...)
{
    char msg[256];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    err_set_raw(&call->err, ERR_INVALID_ARG, ERRDOM_DOMAIN, msg, msg, NULL);
    return -1;
}

int
remote_rpc_error(struct rpc_call *call, const char *msg)
{
    err_set(&call->err, ERR_RPC, ERRDOM_RPC, "%s", msg);
    return -1;
}

int
remote_internal_error(struct rpc_call *call, const char *msg)
{
    err_set(&call->err, ERR_INTERNAL_ERROR, ERRDOM_RPC, "%s", msg);
    return -1;
}

/* libvirt's VIR_EXCLUSIVE_FLAGS check on LIVE and CONFIG. */
int
remote_affect_check(struct rpc_call *call, unsigned flags)
{
    if ((flags & REMOTE_AFFECT_LIVE) && (flags & REMOTE_AFFECT_CONFIG))
        return remote_bad_arg(call, "Flags 'VIR_DOMAIN_AFFECT_LIVE' and "
                              "'VIR_DOMAIN_AFFECT_CONFIG' are mutually "
                              "exclusive");
    return 0;
}

/* VIR_EXCLUSIVE_FLAGS: the first pair of @flags both set, named. */
int
remote_exclusive(struct rpc_call *call, unsigned flags,
                 const unsigned *bits, const char *const *names, int n)
{
    for (int i = 0; i < n; i += 2)
        if ((flags & bits[i]) && (flags & bits[i + 1]))
            return remote_bad_arg(call, "Flags '%s' and '%s' are mutually "
                                  "exclusive", names[i], names[i + 1]);
    return 0;
}

int
remote_check_max(struct rpc_call *call, int64_t max, const char *what,
                 const char *limit, int bound)
{
    char msg[96];

    if (max < 0) {
        snprintf(msg, sizeof(msg), "%s must be non-negative", what);
        return remote_rpc_error(call, msg);
    }
    if (max > bound) {
        snprintf(msg, sizeof(msg), "%s > %s", what, limit);
        return remote_rpc_error(call, msg);
    }
    return 0;
}

int
remote_check_nparams(struct rpc_call *call, int64_t n, int bound)
{
    if (n > bound)
        return remote_internal_error(call, "nparams too large");
    if (n < 0)
        return remote_internal_error(call, "nparams must be non-negative");
    return 0;
}

bool
remote_drv_feature(struct drv_conn *c, int f)
{
    return c->ops->supports_feature && c->ops->supports_feature(c, f) > 0;
}

/* -- identities ----------------------------------------------------------- */

void
remote_arg_dom(const struct xval *v, struct drv_dom *d)
{
    d->name = v->s;
    memcpy(d->uuid, v->uuid, DRV_UUID_LEN);
    d->id = (int)v->i;
}

void
remote_arg_net(const struct xval *v, struct drv_net *n)
{
    n->name = v->s;
    memcpy(n->uuid, v->uuid, DRV_UUID_LEN);
}

void
remote_arg_pool(const struct xval *v, struct drv_pool *p)
{
    p->name = v->s;
    memcpy(p->uuid, v->uuid, DRV_UUID_LEN);
}

void
remote_arg_vol(const struct xval *v, struct drv_vol *vol)
{
    vol->pool = v->s2;
    vol->name = v->s;
    vol->key = v->s3;
}

void
remote_arg_iface(const struct xval *v, struct drv_iface *i)
{
    i->name = v->s;
    i->mac = v->s2;
}

/* Name + uuid (copied into the arena) into @v. */
static int
remote_set_named(struct rpc_call *call, struct xval *v, const char *name,
                 const uint8_t *uuid)
{
    uint8_t *copy = arena_alloc(call->arena, DRV_UUID_LEN);

    if (!copy)
        return remote_internal_error(call, "out of memory");
    memcpy(copy, uuid, DRV_UUID_LEN);
    v->present = true;
    v->s = name;
    v->uuid = copy;
    return 0;
}

int
remote_set_dom(struct rpc_call *call, struct xval *v, const struct drv_dom *d)
{
    v->i = d->id;
    return remote_set_named(call, v, d->name, d->uuid);
}

int
remote_set_net(struct rpc_call *call, struct xval *v, const struct drv_net *n)
{
    return remote_set_named(call, v, n->name, n->uuid);
}

int
remote_set_pool(struct rpc_call *call, struct xval *v,
                const struct drv_pool *p)
{
    return remote_set_named(call, v, p->name, p->uuid);
}

void
remote_set_vol(struct xval *v, const struct drv_vol *vol)
{
    v->present = true;
    v->s2 = vol->pool;
    v->s = vol->name;
    v->s3 = vol->key;
}

void
remote_set_iface(struct xval *v, const struct drv_iface *i)
{
    v->present = true;
    v->s = i->name;
    v->s2 = i->mac;
}

struct xval *
remote_array(struct rpc_call *call, struct xval *v, int n)
{
    struct xval *a = arena_alloc(call->arena,
                                 (size_t)(n > 0 ? n : 1) * sizeof(*a));

    if (!a) {
        remote_internal_error(call, "out of memory");
        return NULL;
    }
    v->present = true;
    v->a = a;
    v->n = (uint32_t)(n > 0 ? n : 0);
    return a;
}

int
remote_set_strings(struct rpc_call *call, struct xval *v,
                   const char *const *s, int n)
{
    struct xval *a = remote_array(call, v, n);

    if (!a)
        return -1;
    for (int i = 0; i < n; i++) {
        a[i].present = true;
        a[i].s = s[i];
    }
    return 0;
}

int
remote_set_tparams(struct rpc_call *call, struct xval *v,
                   const struct drv_tparam *p, int n)
{
    struct xval *a = remote_array(call, v, n);

    if (!a)
        return -1;
    for (int i = 0; i < n; i++) {
        a[i].present = true;
        a[i].s = p[i].field;
        a[i].j = p[i].type;
        a[i].i = p[i].i;
        a[i].f = p[i].d;
        a[i].s2 = p[i].s;
    }
    return 0;
}

/* -- object counts and name lists ----------------------------------------- */

int
remote_obj_count(struct rpc_call *call, struct drv_conn *c,
                 remote_count_fn *fn, bool active, int errdom,
                 const char *api)
{
    int n;

    if (!fn)
        return remote_unsupported(call, errdom, api);
    if (fn(c, active, &n, &call->err) < 0)
        return -1;
    call->ret[0].i = n;
    return 0;
}

int
remote_obj_names(struct rpc_call *call, struct drv_conn *c,
                 remote_names_fn *fn, bool active, const char *limit,
                 int bound, int errdom, const char *api)
{
    const char **names;
    int n;

    if (remote_check_max(call, call->args[0].i, "maxnames", limit, bound))
        return -1;
    if (!fn)
        return remote_unsupported(call, errdom, api);
    if (fn(c, active, (int)call->args[0].i, call->arena, &names, &n,
           &call->err) < 0)
        return -1;
    return remote_set_strings(call, &call->ret[0], names, n);
}

int
remote_too_many(struct rpc_call *call, int n, int bound, const char *what)
{
    if (n <= bound)
        return 0;
    err_set(&call->err, ERR_INTERNAL_ERROR, ERRDOM_RPC,
            "Too many %s '%d' for limit '%d'", what, n, bound);
    return -1;
}

/* -- ListAll results ------------------------------------------------------- */

struct remote_kind_info {
    size_t size;                  /* of one driver identity */
    int bound;                    /* the protocol's array maximum */
    const char *what;             /* for "Too many ..." */
};

static const struct remote_kind_info remote_kinds[] = {
    [REMOTE_K_DOM] = { sizeof(struct drv_dom), REMOTE_DOMAIN_LIST_MAX,
                       "domains" },
    [REMOTE_K_NET] = { sizeof(struct drv_net), REMOTE_NETWORK_LIST_MAX,
                       "networks" },
    [REMOTE_K_POOL] = { sizeof(struct drv_pool), REMOTE_STORAGE_POOL_LIST_MAX,
                        "storage pools" },
    [REMOTE_K_VOL] = { sizeof(struct drv_vol), REMOTE_STORAGE_VOL_LIST_MAX,
                       "storage volumes" },
    [REMOTE_K_IFACE] = { sizeof(struct drv_iface), REMOTE_INTERFACE_LIST_MAX,
                         "interfaces" },
};

static int
remote_set_item(struct rpc_call *call, enum remote_kind kind, struct xval *v,
                const void *item)
{
    switch (kind) {
    case REMOTE_K_DOM: return remote_set_dom(call, v, item);
    case REMOTE_K_NET: return remote_set_net(call, v, item);
    case REMOTE_K_POOL: return remote_set_pool(call, v, item);
    case REMOTE_K_VOL: remote_set_vol(v, item); return 0;
    case REMOTE_K_IFACE: remote_set_iface(v, item); return 0;
    }
    return remote_internal_error(call, "unknown object kind");
}

int
remote_set_list(struct rpc_call *call, enum remote_kind kind,
                const void *items, int n, bool need)
{
    const struct remote_kind_info *k = &remote_kinds[kind];
    const char *p = items;
    struct xval *a;

    if (remote_too_many(call, n, k->bound, k->what) < 0)
        return -1;
    call->ret[1].i = n;
    if (!need)
        return 0;
    if (!(a = remote_array(call, &call->ret[0], n)))
        return -1;
    for (int i = 0; i < n; i++)
        if (remote_set_item(call, kind, &a[i], p + (size_t)i * k->size) < 0)
            return -1;
    return 0;
}

unsigned
remote_opt_flags(const struct rpc_call *call)
{
    return xval_count(call->proc->args) > 1 ? (unsigned)call->args[1].i : 0;
}

struct xval *
remote_struct_array(struct rpc_call *call, struct xval *v, int n,
                    int members)
{
    struct xval *a = remote_array(call, v, n);
    struct xval *m;

    if (!a)
        return NULL;
    m = arena_alloc(call->arena,
                    (size_t)(n > 0 ? n : 1) * (size_t)members * sizeof(*m));
    if (!m) {
        remote_internal_error(call, "out of memory");
        return NULL;
    }
    memset(m, 0, (size_t)(n > 0 ? n : 1) * (size_t)members * sizeof(*m));
    for (int i = 0; i < n; i++) {
        a[i].present = true;
        a[i].a = &m[(size_t)i * (size_t)members];
        a[i].n = (uint32_t)members;
    }
    return m;
}

void
remote_tparams_in(const struct xval *pv, struct drv_tparam *out)
{
    for (uint32_t i = 0; i < pv->n; i++) {
        out[i].field = pv->a[i].s;
        out[i].type = (int)pv->a[i].j;
        out[i].i = pv->a[i].i;
        out[i].d = pv->a[i].f;
        out[i].s = pv->a[i].s2;
    }
}
