/*
 * storage_life.c: test driver storage pool lifecycle, as libvirt 9.0's
 * test driver has it. Every change resolves the pool by name and only
 * flips state; nothing is built, deleted or scanned:
 *
 *   start      an inactive pool becomes active
 *   build      an inactive pool: nothing happens
 *   destroy    an active pool becomes inactive; a transient one is gone
 *   delete     an inactive pool: nothing happens
 *   undefine   an inactive pool is gone
 *   refresh    an active pool: nothing happens
 *
 * and autostart can be set on a persistent pool only. Pools are defined
 * (persistent, inactive) and created (transient, running) from XML,
 * with the test driver's capacity: 100 GiB, nothing allocated. Each
 * change sends the test driver's pool event: DEFINED, UNDEFINED,
 * STARTED, STOPPED, CREATED (build), DELETED, or a refresh event.
 *
 * All under the state lock; the events are delivered after it.
 */
#include "drivers/test/test_priv.h"

#include <string.h>

/* What each change needs: the pool active or inactive, and the test
 * driver's function named when flags are refused (checked first, as
 * virCheckFlags does; destroy and undefine have no flags on the wire). */
static const struct {
    bool active;
    const char *func;
    int event;                    /* lifecycle event; -1: refresh event */
} tdrv_pool_ops[] = {
    [DRV_POOL_START] = { false, "testStoragePoolCreate",
                         TDRV_POOL_EV_STARTED },
    [DRV_POOL_BUILD] = { false, "testStoragePoolBuild",
                         TDRV_POOL_EV_CREATED },
    [DRV_POOL_DESTROY] = { true, "testStoragePoolDestroy",
                           TDRV_POOL_EV_STOPPED },
    [DRV_POOL_DELETE] = { false, "testStoragePoolDelete",
                          TDRV_POOL_EV_DELETED },
    [DRV_POOL_UNDEFINE] = { false, "testStoragePoolUndefine",
                            TDRV_POOL_EV_UNDEFINED },
    [DRV_POOL_REFRESH] = { true, "testStoragePoolRefresh", -1 },
};

static void
tdrv_pool_remove(struct tdrv_state *st, struct tdrv_pool *pool)
{
    tdrv_obj_unlink(st, TDRV_K_POOL, &pool->o);
    tdrv_pool_free(pool);
}

int
tdrv_pool_change(struct drv_conn *c, const struct drv_pool *p, int op,
                 unsigned flags, struct err *e)
{
    struct tdrv_state *st = tdrv_st(c);
    struct tdrv_pool *pool;

    if (op < 0 || op > DRV_POOL_REFRESH) {
        err_set(e, ERR_INTERNAL_ERROR, ERRDOM_TEST,
                "unknown storage pool change %d", op);
        return -1;
    }
    if (flags) {
        drv_bad_flags(e, ERRDOM_TEST, tdrv_pool_ops[op].func, flags);
        return -1;
    }
    pthread_mutex_lock(&st->lock);
    if (!(pool = tdrv_pool_by_name(st, p->name, e)))
        goto fail;
    if (pool->o.active != tdrv_pool_ops[op].active) {
        err_set(e, ERR_OPERATION_INVALID, ERRDOM_TEST,
                pool->o.active ? "storage pool '%s' is active"
                               : "storage pool '%s' is not active", p->name);
        goto fail;
    }
    if (tdrv_pool_ops[op].event >= 0)
        tdrv_pool_event_queue(st, &pool->o, 0, tdrv_pool_ops[op].event);
    else
        tdrv_pool_event_queue(st, &pool->o, 1, 0);
    switch (op) {
    case DRV_POOL_START:
        pool->o.active = true;
        break;
    case DRV_POOL_DESTROY:
        pool->o.active = false;
        if (!pool->o.persistent)
            tdrv_pool_remove(st, pool);
        break;
    case DRV_POOL_UNDEFINE:
        tdrv_pool_remove(st, pool);
        break;
    default:
        break;
    }
    pthread_mutex_unlock(&st->lock);
    tdrv_event_flush(st);
    return 0;
fail:
    pthread_mutex_unlock(&st->lock);
    return -1;
}

int
tdrv_pool_set_autostart(struct drv_conn *c, const struct drv_pool *p,
                        int autostart, struct err *e)
{
    struct tdrv_state *st = tdrv_st(c);
    struct tdrv_pool *pool;
    int rc = -1;

    pthread_mutex_lock(&st->lock);
    if (!(pool = tdrv_pool_by_name(st, p->name, e))) {
        /* the lookup set the error */
    } else if (!pool->o.persistent) {
        err_set(e, ERR_INVALID_ARG, ERRDOM_TEST, "pool has no config file");
    } else {
        pool->o.autostart = autostart != 0;
        rc = 0;
    }
    pthread_mutex_unlock(&st->lock);
    return rc;
}

/* -- defining and creating from XML ---------------------------------------- */

#define TDRV_POOL_DEFINE_VALIDATE  1u     /* VIR_STORAGE_POOL_DEFINE_... */
#define TDRV_POOL_CAPACITY  (100ULL * 1024 * 1024 * 1024)

/* @from's definition into @to (same name and uuid); @from is freed. */
static void
tdrv_pool_take_def(struct tdrv_pool *to, struct tdrv_pool *from)
{
    struct tdrv_pool tmp = *to;

    to->type = from->type;
    to->src = from->src;
    to->target_path = from->target_path;
    to->perm_mode = from->perm_mode;
    to->perm_uid = from->perm_uid;
    to->perm_gid = from->perm_gid;
    to->perm_label = from->perm_label;
    to->refresh = from->refresh;
    to->cow = from->cow;
    to->capacity = from->capacity;
    to->allocation = from->allocation;
    to->available = from->available;
    /* @from takes the old definition away with it */
    from->src = tmp.src;
    from->target_path = tmp.target_path;
    from->perm_label = tmp.perm_label;
    tdrv_pool_free(from);
}

/* The pool named @name, or with @uuid when @name is NULL; NULL. */
static struct tdrv_pool *
tdrv_pool_find(struct tdrv_state *st, const char *name, const uint8_t *uuid)
{
    for (size_t i = 0; i < st->npools; i++) {
        struct tdrv_obj *o = st->pools[i];

        if ((name && strcmp(o->name, name) == 0) ||
            (!name && uuid && memcmp(o->uuid, uuid, DRV_UUID_LEN) == 0))
            return (struct tdrv_pool *)o;
    }
    return NULL;
}

/* virStoragePoolSourceMatchSingleHost */
static bool
tdrv_pool_same_host(const struct tdrv_pool_src *a,
                    const struct tdrv_pool_src *b)
{
    if ((a->nhosts != 1 && b->nhosts != 1) || !a->nhosts || !b->nhosts)
        return false;
    if (b->hosts[0].port && a->hosts[0].port != b->hosts[0].port)
        return false;
    return strcmp(a->hosts[0].name, b->hosts[0].name) == 0;
}

static bool
tdrv_pool_same_device(const struct tdrv_pool *a, const struct tdrv_pool *b)
{
    for (size_t i = 0; i < a->src.ndevs; i++)
        for (size_t j = 0; j < b->src.ndevs; j++)
            if (strcmp(a->src.devs[i].path, b->src.devs[j].path) == 0)
                return true;
    return false;
}

static bool
tdrv_streq(const char *a, const char *b)
{
    return a && b ? strcmp(a, b) == 0 : a == b;
}

/* The device types share their devices (iscsi only with iscsi, and the
 * same initiator). */
static bool
tdrv_pool_device_conflict(const struct tdrv_pool *o, const struct tdrv_pool *p)
{
    enum { FS = 1, LOGICAL = 3, DISK = 4, ISCSI = 5, ZFS = 11 };
    bool dev_type = p->type == FS || p->type == LOGICAL || p->type == DISK ||
                    p->type == ISCSI || p->type == ZFS;

    if (!dev_type || (o->type == ISCSI) != (p->type == ISCSI))
        return false;
    if (!tdrv_pool_same_device(o, p))
        return false;
    return o->type != ISCSI || tdrv_streq(o->src.iqn, p->src.iqn);
}

/* virStoragePoolObjSourceFindDuplicate: another pool on the same
 * storage as @p ("Storage source conflict"). */
static bool
tdrv_pool_conflicts(const struct tdrv_pool *o, const struct tdrv_pool *p)
{
    enum { DIR = 0, NETFS = 2, MPATH = 7, SHEEPDOG = 9, GLUSTER = 10,
           VSTORAGE = 12 };

    switch (o->type) {
    case DIR:
        return p->type == DIR && strcmp(o->target_path, p->target_path) == 0;
    case NETFS:
        return p->type == NETFS && strcmp(o->src.dir, p->src.dir) == 0 &&
               tdrv_pool_same_host(&o->src, &p->src);
    case GLUSTER:
        return p->type == GLUSTER && strcmp(o->src.name, p->src.name) == 0 &&
               tdrv_streq(o->src.dir, p->src.dir) &&
               tdrv_pool_same_host(&o->src, &p->src);
    case SHEEPDOG:
        return p->type == SHEEPDOG && tdrv_pool_same_host(&o->src, &p->src);
    case MPATH:                   /* one per host */
        return p->type == MPATH;
    case VSTORAGE:
        return p->type == VSTORAGE && strcmp(o->src.name, p->src.name) == 0;
    default:
        return tdrv_pool_device_conflict(o, p);
    }
}

/*
 * virStoragePoolObjIsDuplicate and virStoragePoolObjListAdd for *newp:
 * the pool with its uuid takes the definition (while running, the test
 * driver drops it), else it joins the state. @live: a create (the pool
 * may not run already). Caller holds the lock; *newp is taken.
 */
static struct tdrv_pool *
tdrv_pool_add(struct tdrv_state *st, struct tdrv_pool **newp, bool live,
              struct err *e)
{
    struct tdrv_pool *pool = *newp, *old;
    char uuid[DRV_UUID_STRLEN + 1];

    for (size_t i = 0; i < st->npools; i++) {
        old = (struct tdrv_pool *)st->pools[i];
        if (strcmp(old->o.name, pool->o.name) != 0 &&
            tdrv_pool_conflicts(old, pool)) {
            err_set(e, ERR_OPERATION_FAILED, ERRDOM_STORAGE, "Storage "
                    "source conflict with pool: '%s'", old->o.name);
            return NULL;
        }
    }
    old = tdrv_pool_find(st, NULL, pool->o.uuid);
    if (old && strcmp(old->o.name, pool->o.name) != 0) {
        drv_uuid_format(old->o.uuid, uuid);
        err_set(e, ERR_OPERATION_FAILED, ERRDOM_STORAGE, "pool '%s' is "
                "already defined with uuid %s", old->o.name, uuid);
        return NULL;
    }
    if (old && live && old->o.active) {
        err_set(e, ERR_OPERATION_INVALID, ERRDOM_STORAGE,
                "pool is already active as '%s'", old->o.name);
        return NULL;
    }
    if (!old && (old = tdrv_pool_find(st, pool->o.name, NULL))) {
        drv_uuid_format(old->o.uuid, uuid);
        err_set(e, ERR_OPERATION_FAILED, ERRDOM_STORAGE, "pool '%s' already "
                "exists with uuid %s", pool->o.name, uuid);
        return NULL;
    }
    *newp = NULL;
    if (old && old->o.active)
        tdrv_pool_free(pool);
    else if (old)
        tdrv_pool_take_def(old, pool);
    else if (tdrv_obj_append(&st->pools, &st->npools, &pool->o) < 0) {
        tdrv_pool_free(pool);
        tdrv_oom(e);
        return NULL;
    }
    return old ? old : pool;
}

static int
tdrv_pool_from_xml(struct drv_conn *c, const char *xml, bool live,
                   struct arena *a, struct drv_pool *out, struct err *e)
{
    struct tdrv_state *st = tdrv_st(c);
    struct tdrv_pool *parsed = tdrv_pool_parse(xml, e), *pool;
    int rc = -1;

    if (!parsed)
        return -1;
    parsed->capacity = parsed->available = TDRV_POOL_CAPACITY;
    pthread_mutex_lock(&st->lock);
    /* taken on success; still ours when refused */
    if ((pool = tdrv_pool_add(st, &parsed, live, e))) {
        /* a create makes even a defined pool transient, as the test
         * driver does */
        pool->o.persistent = !live;
        pool->o.active |= live;
        tdrv_pool_event_queue(st, &pool->o, 0, live ? TDRV_POOL_EV_STARTED
                                                    : TDRV_POOL_EV_DEFINED);
        out->name = arena_strdup(a, pool->o.name);
        memcpy(out->uuid, pool->o.uuid, DRV_UUID_LEN);
        rc = out->name ? 0 : tdrv_oom(e);
    }
    pthread_mutex_unlock(&st->lock);
    tdrv_pool_free(parsed);
    tdrv_event_flush(st);
    return rc;
}

int
tdrv_pool_define_xml(struct drv_conn *c, const char *xml, unsigned flags,
                     struct arena *a, struct drv_pool *out, struct err *e)
{
    if (drv_flags_unsupported(e, ERRDOM_TEST, "testStoragePoolDefineXML",
                              flags, TDRV_POOL_DEFINE_VALIDATE))
        return -1;
    return tdrv_pool_from_xml(c, xml, false, a, out, e);
}

int
tdrv_pool_create_xml(struct drv_conn *c, const char *xml, unsigned flags,
                     struct arena *a, struct drv_pool *out, struct err *e)
{
    if (flags) {
        drv_bad_flags(e, ERRDOM_TEST, "testStoragePoolCreateXML", flags);
        return -1;
    }
    return tdrv_pool_from_xml(c, xml, true, a, out, e);
}
