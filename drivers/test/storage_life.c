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
 * and autostart can be set on a persistent pool only. Pool events are
 * not served (README, "Not yet"), so none is emitted.
 *
 * All under the state lock.
 */
#include "drivers/test/test_priv.h"

/* What each change needs: the pool active or inactive, and the test
 * driver's function named when flags are refused (checked first, as
 * virCheckFlags does; destroy and undefine have no flags on the wire). */
static const struct {
    bool active;
    const char *func;
} tdrv_pool_ops[] = {
    [DRV_POOL_START] = { false, "testStoragePoolCreate" },
    [DRV_POOL_BUILD] = { false, "testStoragePoolBuild" },
    [DRV_POOL_DESTROY] = { true, "testStoragePoolDestroy" },
    [DRV_POOL_DELETE] = { false, "testStoragePoolDelete" },
    [DRV_POOL_UNDEFINE] = { false, "testStoragePoolUndefine" },
    [DRV_POOL_REFRESH] = { true, "testStoragePoolRefresh" },
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
