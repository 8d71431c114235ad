/*
 * storage.c: test driver storage pools and volumes (read side): lookups,
 * listings, pool info and XML, with libvirt's error texts. As in libvirt's
 * test driver, pool calls resolve the pool by name, except is-active,
 * is-persistent and list-all-volumes, which go by UUID.
 *
 * All under the state lock.
 */
#include "drivers/test/test_priv.h"

#include <string.h>

#define TDRV_POOL_TYPE_SHIFT   6           /* after the TDRV_OBJ_* bits */
#define TDRV_POOL_ALL          0xfffffu    /* and one per pool type */

#define TDRV_POOL_INACTIVE_STATE 0        /* virStoragePoolState */
#define TDRV_POOL_RUNNING_STATE  2

struct tdrv_pool *
tdrv_pool_by_name(struct tdrv_state *st, const char *name, struct err *e)
{
    return (struct tdrv_pool *)tdrv_obj_get(st, TDRV_K_POOL, name, NULL, e);
}

struct tdrv_pool *
tdrv_pool_active(struct tdrv_state *st, const char *name, struct err *e)
{
    struct tdrv_pool *pool = tdrv_pool_by_name(st, name, e);

    if (pool && !pool->o.active) {
        err_set(e, ERR_OPERATION_INVALID, ERRDOM_TEST,
                "storage pool '%s' is not active", name);
        return NULL;
    }
    return pool;
}

int
tdrv_pool_vol_type(const struct tdrv_pool *pool)
{
    enum { VOL_FILE = 0, VOL_BLOCK = 1, VOL_NETWORK = 3 };

    switch (pool->type) {
    case 0: case 1: case 2: case 12:      /* dir, fs, netfs, vstorage */
        return VOL_FILE;
    case 8: case 9: case 10: case 13:     /* rbd, sheepdog, gluster,
                                             iscsi-direct */
        return VOL_NETWORK;
    default:
        return VOL_BLOCK;
    }
}

static int
tdrv_pool_ident(const struct tdrv_obj *o, struct arena *a, void *out)
{
    struct drv_pool *p = out;

    p->name = arena_strdup(a, o->name);
    memcpy(p->uuid, o->uuid, DRV_UUID_LEN);
    return p->name ? 0 : -1;
}

static int
tdrv_vol_ident(const struct tdrv_pool *pool, const struct tdrv_vol *vol,
               struct arena *a, struct drv_vol *out)
{
    out->pool = arena_strdup(a, pool->o.name);
    out->name = arena_strdup(a, vol->name);
    out->key = arena_strdup(a, vol->key);
    return out->pool && out->name && out->key ? 0 : -1;
}

/* The pool-type filter bits: none set keeps every type. */
static bool
tdrv_pool_type_ok(const struct tdrv_obj *o, unsigned flags)
{
    unsigned types = flags >> TDRV_POOL_TYPE_SHIFT;

    return !types || (types & (1u << ((const struct tdrv_pool *)o)->type));
}

int
tdrv_list_all_pools(struct drv_conn *c, unsigned flags, struct arena *a,
                    struct drv_pool **out, int *n, struct err *e)
{
    void *items;

    if (flags & ~TDRV_POOL_ALL) {
        drv_bad_flags(e, ERRDOM_TEST, "testConnectListAllStoragePools",
                      flags);
        return -1;
    }
    if (tdrv_obj_list(c, TDRV_K_POOL, flags, tdrv_pool_type_ok,
                      tdrv_pool_ident, sizeof(**out), a, &items, n, e) < 0)
        return -1;
    *out = items;
    return 0;
}

int
tdrv_num_of_pools(struct drv_conn *c, bool active, int *out, struct err *e)
{
    (void)e;
    return tdrv_obj_num(c, TDRV_K_POOL, active, out);
}

int
tdrv_list_pool_names(struct drv_conn *c, bool active, int max,
                     struct arena *a, const char ***out, int *n,
                     struct err *e)
{
    return tdrv_obj_names(c, TDRV_K_POOL, active, max, a, out, n, e);
}

static int
tdrv_pool_lookup(struct drv_conn *c, const char *name, const uint8_t *uuid,
                 struct arena *a, struct drv_pool *out, struct err *e)
{
    struct tdrv_state *st = tdrv_st(c);
    struct tdrv_obj *o;
    int rc = -1;

    pthread_mutex_lock(&st->lock);
    if ((o = tdrv_obj_get(st, TDRV_K_POOL, name, uuid, e)) &&
        (rc = tdrv_pool_ident(o, a, out)) < 0)
        tdrv_oom(e);
    pthread_mutex_unlock(&st->lock);
    return rc;
}

int
tdrv_pool_lookup_by_name(struct drv_conn *c, const char *name,
                         struct arena *a, struct drv_pool *out,
                         struct err *e)
{
    return tdrv_pool_lookup(c, name, NULL, a, out, e);
}

int
tdrv_pool_lookup_by_uuid(struct drv_conn *c, const uint8_t *uuid,
                         struct arena *a, struct drv_pool *out,
                         struct err *e)
{
    return tdrv_pool_lookup(c, NULL, uuid, a, out, e);
}

int
tdrv_pool_lookup_by_volume(struct drv_conn *c, const struct drv_vol *vol,
                           struct arena *a, struct drv_pool *out,
                           struct err *e)
{
    return tdrv_pool_lookup(c, vol->pool, NULL, a, out, e);
}

int
tdrv_pool_get_info(struct drv_conn *c, const struct drv_pool *p,
                   struct drv_pool_info *out, struct err *e)
{
    struct tdrv_state *st = tdrv_st(c);
    struct tdrv_pool *pool;

    pthread_mutex_lock(&st->lock);
    if ((pool = tdrv_pool_by_name(st, p->name, e))) {
        out->state = pool->o.active ? TDRV_POOL_RUNNING_STATE
                                  : TDRV_POOL_INACTIVE_STATE;
        out->capacity = pool->capacity;
        out->allocation = pool->allocation;
        out->available = pool->available;
    }
    pthread_mutex_unlock(&st->lock);
    return pool ? 0 : -1;
}

static void
tdrv_pool_format(struct xmlw *w, const struct tdrv_obj *o)
{
    tdrv_pool_format_xml(w, (const struct tdrv_pool *)o);
}

int
tdrv_pool_get_xml_desc(struct drv_conn *c, const struct drv_pool *p,
                       unsigned flags, struct arena *a, char **out,
                       struct err *e)
{
    if (flags) {
        drv_bad_flags(e, ERRDOM_TEST, "testStoragePoolGetXMLDesc", flags);
        return -1;
    }
    return tdrv_obj_xml(c, TDRV_K_POOL, p->name, tdrv_pool_format, a, out,
                        e);
}

/* Autostart is only ever set on persistent pools. */
int
tdrv_pool_get_autostart(struct drv_conn *c, const struct drv_pool *p,
                        int *out, struct err *e)
{
    return tdrv_obj_flag(c, TDRV_K_POOL, p->name, NULL, TDRV_F_AUTOSTART,
                         out, e);
}

int
tdrv_pool_is_active(struct drv_conn *c, const struct drv_pool *p, int *out,
                    struct err *e)
{
    return tdrv_obj_flag(c, TDRV_K_POOL, NULL, p->uuid, TDRV_F_ACTIVE, out,
                         e);
}

int
tdrv_pool_is_persistent(struct drv_conn *c, const struct drv_pool *p,
                        int *out, struct err *e)
{
    return tdrv_obj_flag(c, TDRV_K_POOL, NULL, p->uuid, TDRV_F_PERSISTENT,
                         out, e);
}

int
tdrv_pool_num_of_volumes(struct drv_conn *c, const struct drv_pool *p,
                         int *out, struct err *e)
{
    struct tdrv_state *st = tdrv_st(c);
    struct tdrv_pool *pool;

    pthread_mutex_lock(&st->lock);
    if ((pool = tdrv_pool_active(st, p->name, e)))
        *out = (int)pool->nvols;
    pthread_mutex_unlock(&st->lock);
    return pool ? 0 : -1;
}

int
tdrv_pool_list_volumes(struct drv_conn *c, const struct drv_pool *p,
                       int max, struct arena *a, const char ***out, int *n,
                       struct err *e)
{
    struct tdrv_state *st = tdrv_st(c);
    struct tdrv_pool *pool;
    bool oom = false;
    int k = 0;

    pthread_mutex_lock(&st->lock);
    if ((pool = tdrv_pool_active(st, p->name, e))) {
        *out = arena_alloc(a, (pool->nvols + 1) * sizeof(**out));
        oom = !*out;
        for (size_t i = 0; !oom && i < pool->nvols && k < max; i++) {
            (*out)[k] = arena_strdup(a, pool->vols[i].name);
            oom = !(*out)[k++];
        }
    }
    pthread_mutex_unlock(&st->lock);
    *n = k;
    if (oom)
        return tdrv_oom(e);
    return pool ? 0 : -1;
}

int
tdrv_pool_list_all_volumes(struct drv_conn *c, const struct drv_pool *p,
                           unsigned flags, struct arena *a,
                           struct drv_vol **out, int *n, struct err *e)
{
    struct tdrv_state *st = tdrv_st(c);
    struct tdrv_pool *pool;
    int rc = -1;

    if (flags) {
        drv_bad_flags(e, ERRDOM_TEST, "testStoragePoolListAllVolumes", flags);
        return -1;
    }
    pthread_mutex_lock(&st->lock);
    if (!(pool = (struct tdrv_pool *)tdrv_obj_get(st, TDRV_K_POOL, NULL,
                                                  p->uuid, e)))
        goto out;
    if (!pool->o.active) {
        err_set(e, ERR_OPERATION_INVALID, ERRDOM_TEST,
                "storage pool is not active");
        goto out;
    }
    if (!(*out = arena_alloc(a, (pool->nvols + 1) * sizeof(**out))))
        goto oom;
    for (size_t i = 0; i < pool->nvols; i++)
        if (tdrv_vol_ident(pool, &pool->vols[i], a, &(*out)[i]) < 0)
            goto oom;
    *n = (int)pool->nvols;
    rc = 0;
    goto out;
oom:
    tdrv_oom(e);
out:
    pthread_mutex_unlock(&st->lock);
    return rc;
}

/* Copy the identity of @vol (in @pool) or set the not-found error. */
static int
tdrv_vol_result(const struct tdrv_pool *pool, const struct tdrv_vol *vol,
                const char *what, const char *value, struct arena *a,
                struct drv_vol *out, struct err *e)
{
    if (!vol) {
        err_set(e, ERR_NO_STORAGE_VOL, ERRDOM_TEST,
                "no storage vol with matching %s '%s'", what, value);
        return -1;
    }
    return tdrv_vol_ident(pool, vol, a, out) < 0 ? tdrv_oom(e) : 0;
}

int
tdrv_vol_lookup_by_name(struct drv_conn *c, const struct drv_pool *p,
                        const char *name, struct arena *a,
                        struct drv_vol *out, struct err *e)
{
    struct tdrv_state *st = tdrv_st(c);
    const struct tdrv_vol *vol = NULL;
    struct tdrv_pool *pool;
    int rc = -1;

    pthread_mutex_lock(&st->lock);
    if ((pool = tdrv_pool_active(st, p->name, e))) {
        for (size_t i = 0; !vol && i < pool->nvols; i++)
            if (strcmp(pool->vols[i].name, name) == 0)
                vol = &pool->vols[i];
        rc = tdrv_vol_result(pool, vol, "name", name, a, out, e);
    }
    pthread_mutex_unlock(&st->lock);
    return rc;
}

/* Search the running pools for a volume by key (@by_key) or path. */
static int
tdrv_vol_search(struct drv_conn *c, const char *what, bool by_key,
                struct arena *a, struct drv_vol *out, struct err *e)
{
    struct tdrv_state *st = tdrv_st(c);
    const struct tdrv_pool *hit_pool = NULL;
    const struct tdrv_vol *hit = NULL;
    int rc;

    pthread_mutex_lock(&st->lock);
    for (size_t i = 0; !hit && i < st->npools; i++) {
        const struct tdrv_pool *pool = (struct tdrv_pool *)st->pools[i];

        for (size_t k = 0; pool->o.active && !hit && k < pool->nvols; k++) {
            const struct tdrv_vol *vol = &pool->vols[k];

            if (strcmp(by_key ? vol->key : vol->path, what) == 0) {
                hit = vol;
                hit_pool = pool;
            }
        }
    }
    rc = tdrv_vol_result(hit_pool, hit, by_key ? "key" : "path", what, a,
                         out, e);
    pthread_mutex_unlock(&st->lock);
    return rc;
}

int
tdrv_vol_lookup_by_key(struct drv_conn *c, const char *key, struct arena *a,
                       struct drv_vol *out, struct err *e)
{
    return tdrv_vol_search(c, key, true, a, out, e);
}

int
tdrv_vol_lookup_by_path(struct drv_conn *c, const char *path,
                        struct arena *a, struct drv_vol *out, struct err *e)
{
    return tdrv_vol_search(c, path, false, a, out, e);
}
