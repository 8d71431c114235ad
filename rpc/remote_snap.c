/*
 * remote_snap.c: REMOTE handlers for domain snapshots (virDomainSnapshot*,
 * virDomainRevertToSnapshot, virDomainListAllSnapshots, ...). Each makes
 * the checks libvirt's public API makes in the daemon before the driver
 * is asked (exclusive and required flags, the secure flag on a read-only
 * connection). A snapshot in a reply carries the domain as the client
 * sent it, as libvirtd's does. Read-only clients are refused the changes
 * by the server (RPC_PROC_RO_DENY). Worker threads.
 */
#include "rpc/remote_priv.h"

#define REMOTE_SNAP_CREATE_REDEFINE  (1u << 0)
#define REMOTE_SNAP_CREATE_CURRENT   (1u << 1)
#define REMOTE_SNAP_CREATE_NO_METADATA (1u << 2)
#define REMOTE_SNAP_CREATE_HALT      (1u << 3)
#define REMOTE_SNAP_XML_SECURE       1u
#define REMOTE_SNAP_REVERT_RUNNING   (1u << 0)
#define REMOTE_SNAP_REVERT_PAUSED    (1u << 1)
#define REMOTE_SNAP_DELETE_CHILDREN  (1u << 0)
#define REMOTE_SNAP_DELETE_CHILDREN_ONLY (1u << 2)

/* The public API's argument errors, in its error domain. */
static int
remote_snap_arg_error(struct rpc_call *call)
{
    call->err.domain = ERRDOM_DOMAIN_SNAPSHOT;
    return -1;
}

/* @v: a snapshot named @name of the domain in @dom (a D or G value). */
static void
remote_set_snap(struct xval *v, const struct xval *dom, const char *name)
{
    *v = *dom;
    v->present = true;
    v->s3 = name;
}

REMOTE_PROC(remote_snap_create_xml)
{
    unsigned flags = (unsigned)call->args[2].i;
    static const unsigned bits[] = {
        REMOTE_SNAP_CREATE_REDEFINE, REMOTE_SNAP_CREATE_NO_METADATA,
        REMOTE_SNAP_CREATE_REDEFINE, REMOTE_SNAP_CREATE_HALT,
    };
    static const char *const names[] = {
        "VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE",
        "VIR_DOMAIN_SNAPSHOT_CREATE_NO_METADATA",
        "VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE",
        "VIR_DOMAIN_SNAPSHOT_CREATE_HALT",
    };
    struct drv_dom d;
    char *name;

    if ((flags & REMOTE_SNAP_CREATE_CURRENT) &&
        !(flags & REMOTE_SNAP_CREATE_REDEFINE)) {
        remote_bad_arg(call, "Flag 'VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE' is "
                       "required by flag 'VIR_DOMAIN_SNAPSHOT_CREATE_CURRENT'");
        return remote_snap_arg_error(call);
    }
    if (remote_exclusive(call, flags, bits, names, 4) < 0)
        return remote_snap_arg_error(call);
    REMOTE_NEED(snap_create_xml, ERRDOM_DOMAIN_SNAPSHOT,
                "virDomainSnapshotCreateXML");
    remote_arg_dom(&call->args[0], &d);
    if (c->ops->snap_create_xml(c, &d, call->args[1].s, flags, call->arena,
                                &name, &call->err) < 0)
        return -1;
    remote_set_snap(&call->ret[0], &call->args[0], name);
    return 0;
}

REMOTE_PROC(remote_snap_get_xml_desc)
{
    unsigned flags = (unsigned)call->args[1].i;
    struct drv_dom d;
    char *xml;

    if (rpc_client_readonly(call->client) && (flags & REMOTE_SNAP_XML_SECURE)) {
        err_set(&call->err, ERR_OPERATION_DENIED, ERRDOM_DOMAIN_SNAPSHOT,
                "virDomainSnapshotGetXMLDesc with secure flag");
        return -1;
    }
    REMOTE_NEED(snap_get_xml_desc, ERRDOM_DOMAIN_SNAPSHOT,
                "virDomainSnapshotGetXMLDesc");
    remote_arg_dom(&call->args[0], &d);
    if (c->ops->snap_get_xml_desc(c, &d, call->args[0].s3, flags, call->arena,
                                  &xml, &call->err) < 0)
        return -1;
    call->ret[0].s = xml;
    return 0;
}

/* The list calls: args[0] is the domain (D) or the snapshot (G) for
 * the children calls; with @names, up to @max names are fetched, else
 * only the count. */
static int
remote_snap_list(struct rpc_call *call, struct drv_conn *c, int api,
                 unsigned flags, int max, const char ***names, int *n,
                 const char *fn)
{
    const char *from = api >= DRV_SNAP_NUM_CHILDREN ? call->args[0].s3 : NULL;
    struct drv_dom d;

    if (!c->ops->snap_list)
        return remote_unsupported(call, ERRDOM_DOMAIN_SNAPSHOT, fn);
    remote_arg_dom(&call->args[0], &d);
    return c->ops->snap_list(c, &d, from, api, flags, max, call->arena, names,
                             n, &call->err);
}

/* NUM and NUM_CHILDREN: args "X u:flags", ret "i:num". */
static int
remote_snap_count(struct rpc_call *call, struct drv_conn *c, int api,
                  const char *fn)
{
    int n;

    if (remote_snap_list(call, c, api, (unsigned)call->args[1].i, 0, NULL,
                         &n, fn) < 0)
        return -1;
    call->ret[0].i = n;
    return 0;
}

/* LIST_NAMES and LIST_CHILDREN_NAMES: args "X i:maxnames u:flags". */
static int
remote_snap_names(struct rpc_call *call, struct drv_conn *c, int api,
                  const char *fn)
{
    const char **names;
    int n;

    if (remote_check_max(call, call->args[1].i, "maxnames",
                         "REMOTE_DOMAIN_SNAPSHOT_LIST_MAX",
                         REMOTE_DOMAIN_SNAPSHOT_LIST_MAX))
        return -1;
    if (remote_snap_list(call, c, api, (unsigned)call->args[2].i,
                         (int)call->args[1].i, &names, &n, fn) < 0)
        return -1;
    return remote_set_strings(call, &call->ret[0], names,
                              n < call->args[1].i ? n : (int)call->args[1].i);
}

/* LIST_ALL and LIST_ALL_CHILDREN: args "X i:need_results u:flags", ret
 * "G[..]:snapshots i:ret". */
static int
remote_snap_all(struct rpc_call *call, struct drv_conn *c, int api,
                const char *fn)
{
    bool need = call->args[1].i != 0;
    const char **names = NULL;
    struct xval *a;
    int n;

    if (remote_snap_list(call, c, api, (unsigned)call->args[2].i,
                         need ? REMOTE_DOMAIN_SNAPSHOT_LIST_MAX + 1 : 0,
                         need ? &names : NULL, &n, fn) < 0 ||
        remote_too_many(call, n, REMOTE_DOMAIN_SNAPSHOT_LIST_MAX,
                        "domain snapshots") < 0)
        return -1;
    call->ret[1].i = n;
    if (!need)
        return 0;
    if (!(a = remote_array(call, &call->ret[0], n)))
        return -1;
    for (int i = 0; i < n; i++)
        remote_set_snap(&a[i], &call->args[0], names[i]);
    return 0;
}

REMOTE_PROC(remote_snap_num)
{
    return remote_snap_count(call, c, DRV_SNAP_NUM, "virDomainSnapshotNum");
}

REMOTE_PROC(remote_snap_num_children)
{
    return remote_snap_count(call, c, DRV_SNAP_NUM_CHILDREN,
                             "virDomainSnapshotNumChildren");
}

REMOTE_PROC(remote_snap_list_names)
{
    return remote_snap_names(call, c, DRV_SNAP_NAMES,
                             "virDomainSnapshotListNames");
}

REMOTE_PROC(remote_snap_list_children_names)
{
    return remote_snap_names(call, c, DRV_SNAP_CHILDREN_NAMES,
                             "virDomainSnapshotListChildrenNames");
}

REMOTE_PROC(remote_snap_list_all)
{
    return remote_snap_all(call, c, DRV_SNAP_ALL,
                           "virDomainListAllSnapshots");
}

REMOTE_PROC(remote_snap_list_all_children)
{
    return remote_snap_all(call, c, DRV_SNAP_ALL_CHILDREN,
                           "virDomainSnapshotListAllChildren");
}

REMOTE_PROC(remote_snap_lookup_by_name)
{
    struct drv_dom d;

    REMOTE_NEED(snap_lookup, ERRDOM_DOMAIN_SNAPSHOT,
                "virDomainSnapshotLookupByName");
    remote_arg_dom(&call->args[0], &d);
    if (c->ops->snap_lookup(c, &d, call->args[1].s, (unsigned)call->args[2].i,
                            &call->err) < 0)
        return -1;
    remote_set_snap(&call->ret[0], &call->args[0], call->args[1].s);
    return 0;
}

/* HAS_CURRENT (@need false: ret "i:result") and CURRENT (ret "G:snap"). */
static int
remote_snap_current_of(struct rpc_call *call, struct drv_conn *c, bool need)
{
    struct drv_dom d;
    char *name;

    REMOTE_NEED(snap_current, ERRDOM_DOMAIN_SNAPSHOT,
                need ? "virDomainSnapshotCurrent"
                     : "virDomainHasCurrentSnapshot");
    remote_arg_dom(&call->args[0], &d);
    if (c->ops->snap_current(c, &d, (unsigned)call->args[1].i, need,
                             call->arena, &name, &call->err) < 0)
        return -1;
    if (need)
        remote_set_snap(&call->ret[0], &call->args[0], name);
    else
        call->ret[0].i = name != NULL;
    return 0;
}

REMOTE_PROC(remote_snap_has_current)
{
    return remote_snap_current_of(call, c, false);
}

REMOTE_PROC(remote_snap_current)
{
    return remote_snap_current_of(call, c, true);
}

REMOTE_PROC(remote_snap_get_parent)
{
    struct drv_dom d;
    char *parent;

    REMOTE_NEED(snap_get_parent, ERRDOM_DOMAIN_SNAPSHOT,
                "virDomainSnapshotGetParent");
    remote_arg_dom(&call->args[0], &d);
    if (c->ops->snap_get_parent(c, &d, call->args[0].s3,
                                (unsigned)call->args[1].i, call->arena,
                                &parent, &call->err) < 0)
        return -1;
    remote_set_snap(&call->ret[0], &call->args[0], parent);
    return 0;
}

static int
remote_snap_query(struct rpc_call *call, struct drv_conn *c, int what,
                  const char *fn)
{
    struct drv_dom d;
    int v;

    if (!c->ops->snap_query)
        return remote_unsupported(call, ERRDOM_DOMAIN_SNAPSHOT, fn);
    remote_arg_dom(&call->args[0], &d);
    if (c->ops->snap_query(c, &d, call->args[0].s3, what,
                           (unsigned)call->args[1].i, &v, &call->err) < 0)
        return -1;
    call->ret[0].i = v;
    return 0;
}

REMOTE_PROC(remote_snap_is_current)
{
    return remote_snap_query(call, c, 0, "virDomainSnapshotIsCurrent");
}

REMOTE_PROC(remote_snap_has_metadata)
{
    return remote_snap_query(call, c, 1, "virDomainSnapshotHasMetadata");
}

REMOTE_PROC(remote_snap_revert)
{
    unsigned flags = (unsigned)call->args[1].i;
    static const unsigned bits[] = {
        REMOTE_SNAP_REVERT_RUNNING, REMOTE_SNAP_REVERT_PAUSED,
    };
    static const char *const names[] = {
        "VIR_DOMAIN_SNAPSHOT_REVERT_RUNNING",
        "VIR_DOMAIN_SNAPSHOT_REVERT_PAUSED",
    };
    struct drv_dom d;

    if (remote_exclusive(call, flags, bits, names, 2) < 0)
        return remote_snap_arg_error(call);
    REMOTE_NEED(snap_revert, ERRDOM_DOMAIN_SNAPSHOT,
                "virDomainRevertToSnapshot");
    remote_arg_dom(&call->args[0], &d);
    return c->ops->snap_revert(c, &d, call->args[0].s3, flags, &call->err);
}

REMOTE_PROC(remote_snap_delete)
{
    unsigned flags = (unsigned)call->args[1].i;
    static const unsigned bits[] = {
        REMOTE_SNAP_DELETE_CHILDREN, REMOTE_SNAP_DELETE_CHILDREN_ONLY,
    };
    static const char *const names[] = {
        "VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN",
        "VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN_ONLY",
    };
    struct drv_dom d;

    if (remote_exclusive(call, flags, bits, names, 2) < 0)
        return remote_snap_arg_error(call);
    REMOTE_NEED(snap_delete, ERRDOM_DOMAIN_SNAPSHOT, "virDomainSnapshotDelete");
    remote_arg_dom(&call->args[0], &d);
    return c->ops->snap_delete(c, &d, call->args[0].s3, flags, &call->err);
}
