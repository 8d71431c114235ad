/*
 * remote_dom_io.c: REMOTE handlers for a domain's IOThreads: their info,
 * pinning one, adding and deleting one, setting one's polling
 * parameters. Each makes the public API's checks libvirtd makes before
 * asking the driver (virDomainSetIOThreadParams has no LIVE/CONFIG
 * exclusion: the driver refuses CONFIG itself). Worker threads.
 */
#include "rpc/remote_priv.h"

#define REMOTE_IOTHREAD_INFO_MAX    16384
#define REMOTE_IOTHREAD_PARAMS_MAX  64

/* DOMAIN_GET_IOTHREAD_INFO: the array of {iothread_id, cpumap}, and its
 * length again as ret. */
REMOTE_PROC(remote_dom_get_iothread_info)
{
    unsigned flags = (unsigned)call->args[1].i;
    struct drv_iothread_info *info;
    struct drv_dom d;
    struct xval *m;
    int n;

    if (remote_affect_check(call, flags) < 0)
        return -1;
    REMOTE_NEED(dom_get_iothread_info, ERRDOM_DOMAIN,
                "virDomainGetIOThreadInfo");
    remote_arg_dom(&call->args[0], &d);
    if (c->ops->dom_get_iothread_info(c, &d, flags, call->arena, &info, &n,
                                      &call->err) < 0)
        return -1;
    if (n > REMOTE_IOTHREAD_INFO_MAX) {
        const char *msg = arena_printf(call->arena, "Too many IOThreads in "
                                       "info: %d for limit %d", n,
                                       REMOTE_IOTHREAD_INFO_MAX);

        return msg ? remote_rpc_error(call, msg)
                   : remote_internal_error(call, "out of memory");
    }
    if (!(m = remote_struct_array(call, &call->ret[0], n, 2)))
        return -1;
    for (int i = 0; i < n; i++, m += 2) {
        m[0].i = info[i].id;
        m[1].uuid = info[i].map;
        m[1].n = (uint32_t)info[i].maplen;
    }
    call->ret[1].i = n;
    return 0;
}

/* Read-only clients are refused by the server (RPC_PROC_RO_DENY). */
REMOTE_PROC(remote_dom_pin_iothread)
{
    const struct xval *map = &call->args[2];
    unsigned flags = (unsigned)call->args[3].i;
    struct drv_dom d;

    /* an empty opaque arrives as no buffer at all */
    if (map->n == 0)
        return remote_bad_arg(call, "cpumap in virDomainPinIOThread must "
                              "not be NULL");
    if (remote_affect_check(call, flags) < 0)
        return -1;
    REMOTE_NEED(dom_pin_iothread, ERRDOM_DOMAIN, "virDomainPinIOThread");
    remote_arg_dom(&call->args[0], &d);
    return c->ops->dom_pin_iothread(c, &d, (unsigned)call->args[1].i,
                                    map->uuid, (int)map->n, flags,
                                    &call->err);
}

/* DOMAIN_ADD_IOTHREAD and DOMAIN_DEL_IOTHREAD; read-only clients are
 * refused by the server (RPC_PROC_RO_DENY). */
static int
remote_iothread_change(struct rpc_call *call, struct drv_conn *c, int op,
                       const char *api)
{
    unsigned id = (unsigned)call->args[1].i;
    unsigned flags = (unsigned)call->args[2].i;
    struct drv_dom d;

    if (op == DRV_IOTHREAD_DEL && id == 0)
        return remote_bad_arg(call, "iothread_id in %s must not be zero",
                              api);
    if (remote_affect_check(call, flags) < 0)
        return -1;
    REMOTE_NEED(dom_iothread_change, ERRDOM_DOMAIN, api);
    remote_arg_dom(&call->args[0], &d);
    return c->ops->dom_iothread_change(c, &d, op, id, flags, &call->err);
}

REMOTE_PROC(remote_dom_add_iothread)
{
    return remote_iothread_change(call, c, DRV_IOTHREAD_ADD,
                                  "virDomainAddIOThread");
}

REMOTE_PROC(remote_dom_del_iothread)
{
    return remote_iothread_change(call, c, DRV_IOTHREAD_DEL,
                                  "virDomainDelIOThread");
}

/* Read-only clients are refused by the server (RPC_PROC_RO_DENY). */
REMOTE_PROC(remote_dom_set_iothread_params)
{
    static const char api[] = "virDomainSetIOThreadParams";
    struct drv_tparam params[REMOTE_IOTHREAD_PARAMS_MAX];
    const struct xval *pv = &call->args[2];
    struct drv_dom d;

    if (remote_set_params_in(call, pv, params, api) < 0)
        return -1;
    REMOTE_NEED(dom_set_iothread_params, ERRDOM_DOMAIN, api);
    remote_arg_dom(&call->args[0], &d);
    return c->ops->dom_set_iothread_params(c, &d, (unsigned)call->args[1].i,
                                           params, (int)pv->n,
                                           (unsigned)call->args[3].i,
                                           &call->err);
}
