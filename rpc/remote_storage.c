/*
 * remote_storage.c: REMOTE handlers for storage pools and volumes (read
 * side): counts, name lists, ListAll, lookups, pool info, XML, autostart
 * and state. Worker threads.
 */
#include "rpc/remote_priv.h"

REMOTE_PROC(remote_num_of_pools)
{
    return remote_obj_count(call, c, c->ops->num_of_pools, true,
                            ERRDOM_STORAGE, "virConnectNumOfStoragePools");
}

REMOTE_PROC(remote_num_of_defined_pools)
{
    return remote_obj_count(call, c, c->ops->num_of_pools, false,
                            ERRDOM_STORAGE,
                            "virConnectNumOfDefinedStoragePools");
}

REMOTE_PROC(remote_list_pools)
{
    return remote_obj_names(call, c, c->ops->list_pool_names, true,
                            "REMOTE_STORAGE_POOL_LIST_MAX",
                            REMOTE_STORAGE_POOL_LIST_MAX, ERRDOM_STORAGE,
                            "virConnectListStoragePools");
}

REMOTE_PROC(remote_list_defined_pools)
{
    return remote_obj_names(call, c, c->ops->list_pool_names, false,
                            "REMOTE_STORAGE_POOL_LIST_MAX",
                            REMOTE_STORAGE_POOL_LIST_MAX, ERRDOM_STORAGE,
                            "virConnectListDefinedStoragePools");
}

REMOTE_PROC(remote_list_all_pools)
{
    struct drv_pool *pools;
    int n;

    REMOTE_NEED(list_all_pools, ERRDOM_STORAGE,
                "virConnectListAllStoragePools");
    if (c->ops->list_all_pools(c, (unsigned)call->args[1].i, call->arena,
                               &pools, &n, &call->err) < 0)
        return -1;
    return remote_set_list(call, REMOTE_K_POOL, pools, n, call->args[0].i);
}

static int
remote_pool_result(struct rpc_call *call, int rc, const struct drv_pool *p)
{
    return rc < 0 ? -1 : remote_set_pool(call, &call->ret[0], p);
}

REMOTE_PROC(remote_pool_lookup_by_name)
{
    struct drv_pool p;

    REMOTE_NEED(pool_lookup_by_name, ERRDOM_STORAGE,
                "virStoragePoolLookupByName");
    return remote_pool_result(call, c->ops->pool_lookup_by_name(
                                  c, call->args[0].s, call->arena, &p,
                                  &call->err), &p);
}

REMOTE_PROC(remote_pool_lookup_by_uuid)
{
    struct drv_pool p;

    REMOTE_NEED(pool_lookup_by_uuid, ERRDOM_STORAGE,
                "virStoragePoolLookupByUUID");
    return remote_pool_result(call, c->ops->pool_lookup_by_uuid(
                                  c, call->args[0].uuid, call->arena, &p,
                                  &call->err), &p);
}

REMOTE_PROC(remote_pool_lookup_by_volume)
{
    struct drv_pool p;
    struct drv_vol vol;

    REMOTE_NEED(pool_lookup_by_volume, ERRDOM_STORAGE,
                "virStoragePoolLookupByVolume");
    remote_arg_vol(&call->args[0], &vol);
    return remote_pool_result(call, c->ops->pool_lookup_by_volume(
                                  c, &vol, call->arena, &p, &call->err),
                              &p);
}

REMOTE_PROC(remote_pool_get_info)
{
    struct drv_pool_info info;
    struct xval *r = call->ret;
    struct drv_pool p;

    REMOTE_NEED(pool_get_info, ERRDOM_STORAGE, "virStoragePoolGetInfo");
    remote_arg_pool(&call->args[0], &p);
    if (c->ops->pool_get_info(c, &p, &info, &call->err) < 0)
        return -1;
    r[0].i = info.state;
    r[1].i = (int64_t)info.capacity;
    r[2].i = (int64_t)info.allocation;
    r[3].i = (int64_t)info.available;
    return 0;
}

REMOTE_PROC(remote_pool_get_xml_desc)
{
    struct drv_pool p;
    char *xml;

    REMOTE_NEED(pool_get_xml_desc, ERRDOM_STORAGE, "virStoragePoolGetXMLDesc");
    remote_arg_pool(&call->args[0], &p);
    if (c->ops->pool_get_xml_desc(c, &p, (unsigned)call->args[1].i,
                                  call->arena, &xml, &call->err) < 0)
        return -1;
    call->ret[0].s = xml;
    return 0;
}

typedef int remote_pool_int_fn(struct drv_conn *c, const struct drv_pool *p,
                               int *out, struct err *e);

static int
remote_pool_int(struct rpc_call *call, struct drv_conn *c,
                remote_pool_int_fn *fn, const char *api)
{
    struct drv_pool p;
    int v;

    if (!fn)
        return remote_unsupported(call, ERRDOM_STORAGE, api);
    remote_arg_pool(&call->args[0], &p);
    if (fn(c, &p, &v, &call->err) < 0)
        return -1;
    call->ret[0].i = v;
    return 0;
}

/* The pool lifecycle calls (read-only clients are refused by the server,
 * RPC_PROC_RO_DENY): (pool[, flags]) -> a DRV_POOL_* change. */
static int
remote_pool_change(struct rpc_call *call, struct drv_conn *c, int op)
{
    struct drv_pool p;

    if (!c->ops->pool_change)
        return remote_unsupported(call, ERRDOM_STORAGE, call->proc->api);
    remote_arg_pool(&call->args[0], &p);
    return c->ops->pool_change(c, &p, op, remote_opt_flags(call),
                               &call->err);
}

/* DEFINE_XML and CREATE_XML: args "s:xml u:flags", ret "P:pool". */
static int
remote_pool_from_xml(struct rpc_call *call, struct drv_conn *c, bool create)
{
    int (*fn)(struct drv_conn *, const char *, unsigned, struct arena *,
              struct drv_pool *, struct err *) =
        create ? c->ops->pool_create_xml : c->ops->pool_define_xml;
    struct drv_pool p;

    if (!fn)
        return remote_unsupported(call, ERRDOM_STORAGE, create
                                  ? "virStoragePoolCreateXML"
                                  : "virStoragePoolDefineXML");
    if (fn(c, call->args[0].s, (unsigned)call->args[1].i, call->arena, &p,
           &call->err) < 0)
        return -1;
    return remote_set_pool(call, &call->ret[0], &p);
}

/* Read-only clients are refused by the server (RPC_PROC_RO_DENY). */
REMOTE_PROC(remote_find_pool_sources)
{
    char *xml;

    REMOTE_NEED(find_pool_sources, ERRDOM_STORAGE,
                "virConnectFindStoragePoolSources");
    if (c->ops->find_pool_sources(c, call->args[0].s, call->args[1].s,
                                  (unsigned)call->args[2].i, call->arena,
                                  &xml, &call->err) < 0)
        return -1;
    call->ret[0].s = xml;
    return 0;
}

REMOTE_PROC(remote_pool_define_xml)
{
    return remote_pool_from_xml(call, c, false);
}

REMOTE_PROC(remote_pool_create_xml)
{
    return remote_pool_from_xml(call, c, true);
}

REMOTE_PROC(remote_pool_create)
{
    return remote_pool_change(call, c, DRV_POOL_START);
}

REMOTE_PROC(remote_pool_build)
{
    return remote_pool_change(call, c, DRV_POOL_BUILD);
}

REMOTE_PROC(remote_pool_destroy)
{
    return remote_pool_change(call, c, DRV_POOL_DESTROY);
}

REMOTE_PROC(remote_pool_delete)
{
    return remote_pool_change(call, c, DRV_POOL_DELETE);
}

REMOTE_PROC(remote_pool_undefine)
{
    return remote_pool_change(call, c, DRV_POOL_UNDEFINE);
}

REMOTE_PROC(remote_pool_refresh)
{
    return remote_pool_change(call, c, DRV_POOL_REFRESH);
}

REMOTE_PROC(remote_pool_set_autostart)
{
    struct drv_pool p;

    REMOTE_NEED(pool_set_autostart, ERRDOM_STORAGE,
                "virStoragePoolSetAutostart");
    remote_arg_pool(&call->args[0], &p);
    return c->ops->pool_set_autostart(c, &p, (int)call->args[1].i,
                                      &call->err);
}

REMOTE_PROC(remote_pool_get_autostart)
{
    return remote_pool_int(call, c, c->ops->pool_get_autostart,
                           "virStoragePoolGetAutostart");
}

REMOTE_PROC(remote_pool_is_active)
{
    return remote_pool_int(call, c, c->ops->pool_is_active,
                           "virStoragePoolIsActive");
}

REMOTE_PROC(remote_pool_is_persistent)
{
    return remote_pool_int(call, c, c->ops->pool_is_persistent,
                           "virStoragePoolIsPersistent");
}

REMOTE_PROC(remote_pool_num_of_volumes)
{
    return remote_pool_int(call, c, c->ops->pool_num_of_volumes,
                           "virStoragePoolNumOfVolumes");
}

REMOTE_PROC(remote_pool_list_volumes)
{
    const char **names;
    struct drv_pool p;
    int n;

    if (remote_check_max(call, call->args[1].i, "maxnames",
                         "REMOTE_STORAGE_VOL_LIST_MAX",
                         REMOTE_STORAGE_VOL_LIST_MAX))
        return -1;
    REMOTE_NEED(pool_list_volumes, ERRDOM_STORAGE, "virStoragePoolListVolumes");
    remote_arg_pool(&call->args[0], &p);
    if (c->ops->pool_list_volumes(c, &p, (int)call->args[1].i, call->arena,
                                  &names, &n, &call->err) < 0)
        return -1;
    return remote_set_strings(call, &call->ret[0], names, n);
}

REMOTE_PROC(remote_pool_list_all_volumes)
{
    struct drv_pool p;
    struct drv_vol *vols;
    int n;

    REMOTE_NEED(pool_list_all_volumes, ERRDOM_STORAGE,
                "virStoragePoolListAllVolumes");
    remote_arg_pool(&call->args[0], &p);
    if (c->ops->pool_list_all_volumes(c, &p, (unsigned)call->args[2].i,
                                      call->arena, &vols, &n,
                                      &call->err) < 0)
        return -1;
    return remote_set_list(call, REMOTE_K_VOL, vols, n, call->args[1].i);
}

static int
remote_vol_result(struct rpc_call *call, int rc, const struct drv_vol *vol)
{
    if (rc < 0)
        return -1;
    remote_set_vol(&call->ret[0], vol);
    return 0;
}

REMOTE_PROC(remote_vol_lookup_by_name)
{
    struct drv_pool p;
    struct drv_vol vol;

    REMOTE_NEED(vol_lookup_by_name, ERRDOM_STORAGE,
                "virStorageVolLookupByName");
    remote_arg_pool(&call->args[0], &p);
    return remote_vol_result(call, c->ops->vol_lookup_by_name(
                                 c, &p, call->args[1].s, call->arena, &vol,
                                 &call->err), &vol);
}

REMOTE_PROC(remote_vol_lookup_by_key)
{
    struct drv_vol vol;

    REMOTE_NEED(vol_lookup_by_key, ERRDOM_STORAGE, "virStorageVolLookupByKey");
    return remote_vol_result(call, c->ops->vol_lookup_by_key(
                                 c, call->args[0].s, call->arena, &vol,
                                 &call->err), &vol);
}

REMOTE_PROC(remote_vol_lookup_by_path)
{
    struct drv_vol vol;

    REMOTE_NEED(vol_lookup_by_path, ERRDOM_STORAGE,
                "virStorageVolLookupByPath");
    return remote_vol_result(call, c->ops->vol_lookup_by_path(
                                 c, call->args[0].s, call->arena, &vol,
                                 &call->err), &vol);
}

/* Read-only clients are refused by the server (RPC_PROC_RO_DENY). */
REMOTE_PROC(remote_vol_create_xml)
{
    struct drv_pool p;
    struct drv_vol vol;

    REMOTE_NEED(vol_create_xml, ERRDOM_STORAGE, "virStorageVolCreateXML");
    remote_arg_pool(&call->args[0], &p);
    return remote_vol_result(call, c->ops->vol_create_xml(
                                 c, &p, call->args[1].s,
                                 (unsigned)call->args[2].i, call->arena,
                                 &vol, &call->err), &vol);
}

/* Read-only clients are refused by the server (RPC_PROC_RO_DENY). */
REMOTE_PROC(remote_vol_create_xml_from)
{
    struct drv_vol clone, vol;
    struct drv_pool p;

    REMOTE_NEED(vol_create_xml_from, ERRDOM_STORAGE,
                "virStorageVolCreateXMLFrom");
    remote_arg_pool(&call->args[0], &p);
    remote_arg_vol(&call->args[2], &clone);
    return remote_vol_result(call, c->ops->vol_create_xml_from(
                                 c, &p, call->args[1].s, &clone,
                                 (unsigned)call->args[3].i, call->arena,
                                 &vol, &call->err), &vol);
}

/* Read-only clients are refused by the server (RPC_PROC_RO_DENY). */
REMOTE_PROC(remote_vol_delete)
{
    struct drv_vol vol;

    REMOTE_NEED(vol_delete, ERRDOM_STORAGE, "virStorageVolDelete");
    remote_arg_vol(&call->args[0], &vol);
    return c->ops->vol_delete(c, &vol, (unsigned)call->args[1].i,
                              &call->err);
}

REMOTE_PROC(remote_vol_get_info)
{
    struct drv_vol_info info;
    struct drv_vol vol;

    REMOTE_NEED(vol_get_info, ERRDOM_STORAGE, "virStorageVolGetInfo");
    remote_arg_vol(&call->args[0], &vol);
    if (c->ops->vol_get_info(c, &vol, &info, &call->err) < 0)
        return -1;
    call->ret[0].i = info.type;
    call->ret[1].i = (int64_t)info.capacity;
    call->ret[2].i = (int64_t)info.allocation;
    return 0;
}

REMOTE_PROC(remote_vol_get_xml_desc)
{
    struct drv_vol vol;
    char *xml;

    REMOTE_NEED(vol_get_xml_desc, ERRDOM_STORAGE, "virStorageVolGetXMLDesc");
    remote_arg_vol(&call->args[0], &vol);
    if (c->ops->vol_get_xml_desc(c, &vol, (unsigned)call->args[1].i,
                                 call->arena, &xml, &call->err) < 0)
        return -1;
    call->ret[0].s = xml;
    return 0;
}

REMOTE_PROC(remote_vol_get_path)
{
    struct drv_vol vol;
    char *path;

    REMOTE_NEED(vol_get_path, ERRDOM_STORAGE, "virStorageVolGetPath");
    remote_arg_vol(&call->args[0], &vol);
    if (c->ops->vol_get_path(c, &vol, call->arena, &path, &call->err) < 0)
        return -1;
    call->ret[0].s = path;
    return 0;
}
