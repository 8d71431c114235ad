/*
 * remote_net.c: REMOTE handlers for virtual networks and host interfaces
 * (read side): counts, name lists, ListAll, lookups, XML, bridge name,
 * autostart and state. Worker threads.
 */
#include "rpc/remote_priv.h"

/* -- networks -------------------------------------------------------------- */

REMOTE_PROC(remote_num_of_networks)
{
    return remote_obj_count(call, c, c->ops->num_of_networks, true,
                            ERRDOM_NETWORK, "virConnectNumOfNetworks");
}

REMOTE_PROC(remote_num_of_defined_networks)
{
    return remote_obj_count(call, c, c->ops->num_of_networks, false,
                            ERRDOM_NETWORK,
                            "virConnectNumOfDefinedNetworks");
}

REMOTE_PROC(remote_list_networks)
{
    return remote_obj_names(call, c, c->ops->list_network_names, true,
                            "REMOTE_NETWORK_LIST_MAX",
                            REMOTE_NETWORK_LIST_MAX, ERRDOM_NETWORK,
                            "virConnectListNetworks");
}

REMOTE_PROC(remote_list_defined_networks)
{
    return remote_obj_names(call, c, c->ops->list_network_names, false,
                            "REMOTE_NETWORK_LIST_MAX",
                            REMOTE_NETWORK_LIST_MAX, ERRDOM_NETWORK,
                            "virConnectListDefinedNetworks");
}

REMOTE_PROC(remote_list_all_networks)
{
    struct drv_net *nets;
    int n;

    REMOTE_NEED(list_all_networks, ERRDOM_NETWORK,
                "virConnectListAllNetworks");
    if (c->ops->list_all_networks(c, (unsigned)call->args[1].i, call->arena,
                                  &nets, &n, &call->err) < 0)
        return -1;
    return remote_set_list(call, REMOTE_K_NET, nets, n, call->args[0].i);
}

static int
remote_net_result(struct rpc_call *call, int rc, const struct drv_net *n)
{
    return rc < 0 ? -1 : remote_set_net(call, &call->ret[0], n);
}

REMOTE_PROC(remote_net_lookup_by_name)
{
    struct drv_net n;

    REMOTE_NEED(net_lookup_by_name, ERRDOM_NETWORK,
                "virNetworkLookupByName");
    return remote_net_result(call, c->ops->net_lookup_by_name(
                                 c, call->args[0].s, call->arena, &n,
                                 &call->err), &n);
}

REMOTE_PROC(remote_net_lookup_by_uuid)
{
    struct drv_net n;

    REMOTE_NEED(net_lookup_by_uuid, ERRDOM_NETWORK,
                "virNetworkLookupByUUID");
    return remote_net_result(call, c->ops->net_lookup_by_uuid(
                                 c, call->args[0].uuid, call->arena, &n,
                                 &call->err), &n);
}

REMOTE_PROC(remote_net_get_xml_desc)
{
    struct drv_net n;
    char *xml;

    REMOTE_NEED(net_get_xml_desc, ERRDOM_NETWORK, "virNetworkGetXMLDesc");
    remote_arg_net(&call->args[0], &n);
    if (c->ops->net_get_xml_desc(c, &n, (unsigned)call->args[1].i,
                                 call->arena, &xml, &call->err) < 0)
        return -1;
    call->ret[0].s = xml;
    return 0;
}

REMOTE_PROC(remote_net_get_bridge_name)
{
    struct drv_net n;
    char *name;

    REMOTE_NEED(net_get_bridge_name, ERRDOM_NETWORK,
                "virNetworkGetBridgeName");
    remote_arg_net(&call->args[0], &n);
    if (c->ops->net_get_bridge_name(c, &n, call->arena, &name,
                                    &call->err) < 0)
        return -1;
    call->ret[0].s = name;
    return 0;
}

typedef int remote_net_int_fn(struct drv_conn *c, const struct drv_net *n,
                              int *out, struct err *e);

static int
remote_net_int(struct rpc_call *call, struct drv_conn *c,
               remote_net_int_fn *fn, const char *api)
{
    struct drv_net n;
    int v;

    if (!fn)
        return remote_unsupported(call, ERRDOM_NETWORK, api);
    remote_arg_net(&call->args[0], &n);
    if (fn(c, &n, &v, &call->err) < 0)
        return -1;
    call->ret[0].i = v;
    return 0;
}

REMOTE_PROC(remote_net_get_autostart)
{
    return remote_net_int(call, c, c->ops->net_get_autostart,
                          "virNetworkGetAutostart");
}

REMOTE_PROC(remote_net_is_active)
{
    return remote_net_int(call, c, c->ops->net_is_active,
                          "virNetworkIsActive");
}

REMOTE_PROC(remote_net_is_persistent)
{
    return remote_net_int(call, c, c->ops->net_is_persistent,
                          "virNetworkIsPersistent");
}

/* -- host interfaces ------------------------------------------------------ */

REMOTE_PROC(remote_num_of_interfaces)
{
    return remote_obj_count(call, c, c->ops->num_of_interfaces, true,
                            ERRDOM_INTERFACE, "virConnectNumOfInterfaces");
}

REMOTE_PROC(remote_num_of_defined_interfaces)
{
    return remote_obj_count(call, c, c->ops->num_of_interfaces, false,
                            ERRDOM_INTERFACE,
                            "virConnectNumOfDefinedInterfaces");
}

REMOTE_PROC(remote_list_interfaces)
{
    return remote_obj_names(call, c, c->ops->list_interface_names, true,
                            "REMOTE_INTERFACE_LIST_MAX",
                            REMOTE_INTERFACE_LIST_MAX, ERRDOM_INTERFACE,
                            "virConnectListInterfaces");
}

REMOTE_PROC(remote_list_defined_interfaces)
{
    return remote_obj_names(call, c, c->ops->list_interface_names, false,
                            "REMOTE_INTERFACE_LIST_MAX",
                            REMOTE_INTERFACE_LIST_MAX, ERRDOM_INTERFACE,
                            "virConnectListDefinedInterfaces");
}

REMOTE_PROC(remote_list_all_interfaces)
{
    struct drv_iface *ifaces;
    int n;

    REMOTE_NEED(list_all_interfaces, ERRDOM_INTERFACE,
                "virConnectListAllInterfaces");
    if (c->ops->list_all_interfaces(c, (unsigned)call->args[1].i,
                                    call->arena, &ifaces, &n,
                                    &call->err) < 0)
        return -1;
    return remote_set_list(call, REMOTE_K_IFACE, ifaces, n,
                           call->args[0].i);
}

REMOTE_PROC(remote_iface_lookup_by_name)
{
    struct drv_iface i;

    REMOTE_NEED(iface_lookup_by_name, ERRDOM_INTERFACE,
                "virInterfaceLookupByName");
    if (c->ops->iface_lookup_by_name(c, call->args[0].s, call->arena, &i,
                                     &call->err) < 0)
        return -1;
    remote_set_iface(&call->ret[0], &i);
    return 0;
}

REMOTE_PROC(remote_iface_lookup_by_mac)
{
    struct drv_iface i;

    REMOTE_NEED(iface_lookup_by_mac, ERRDOM_INTERFACE,
                "virInterfaceLookupByMACString");
    if (c->ops->iface_lookup_by_mac(c, call->args[0].s, call->arena, &i,
                                    &call->err) < 0)
        return -1;
    remote_set_iface(&call->ret[0], &i);
    return 0;
}

REMOTE_PROC(remote_iface_get_xml_desc)
{
    struct drv_iface i;
    char *xml;

    REMOTE_NEED(iface_get_xml_desc, ERRDOM_INTERFACE,
                "virInterfaceGetXMLDesc");
    remote_arg_iface(&call->args[0], &i);
    if (c->ops->iface_get_xml_desc(c, &i, (unsigned)call->args[1].i,
                                   call->arena, &xml, &call->err) < 0)
        return -1;
    call->ret[0].s = xml;
    return 0;
}

REMOTE_PROC(remote_iface_is_active)
{
    struct drv_iface i;
    int v;

    REMOTE_NEED(iface_is_active, ERRDOM_INTERFACE, "virInterfaceIsActive");
    remote_arg_iface(&call->args[0], &i);
    if (c->ops->iface_is_active(c, &i, &v, &call->err) < 0)
        return -1;
    call->ret[0].i = v;
    return 0;
}

/* -- network lifecycle ----------------------------------------------------- */

typedef int remote_net_xml_fn(struct drv_conn *c, const char *xml,
                              unsigned flags, struct arena *a,
                              struct drv_net *out, struct err *e);
typedef int remote_net_act_fn(struct drv_conn *c, const struct drv_net *net,
                              struct err *e);

static int
remote_net_from_xml(struct rpc_call *call, struct drv_conn *c,
                    remote_net_xml_fn *fn, const char *api)
{
    struct drv_net n;

    if (!fn)
        return remote_unsupported(call, ERRDOM_NETWORK, api);
    return remote_net_result(call, fn(c, call->args[0].s, 0, call->arena,
                                      &n, &call->err), &n);
}

static int
remote_net_act(struct rpc_call *call, remote_net_act_fn *fn, struct drv_conn *c,
               const char *api)
{
    struct drv_net n;

    if (!fn)
        return remote_unsupported(call, ERRDOM_NETWORK, api);
    remote_arg_net(&call->args[0], &n);
    return fn(c, &n, &call->err);
}

REMOTE_PROC(remote_net_define_xml)
{
    return remote_net_from_xml(call, c, c->ops->net_define_xml,
                               "virNetworkDefineXML");
}

REMOTE_PROC(remote_net_create_xml)
{
    return remote_net_from_xml(call, c, c->ops->net_create_xml,
                               "virNetworkCreateXML");
}

REMOTE_PROC(remote_net_create)
{
    return remote_net_act(call, c->ops->net_create, c, "virNetworkCreate");
}

REMOTE_PROC(remote_net_destroy)
{
    return remote_net_act(call, c->ops->net_destroy, c, "virNetworkDestroy");
}

REMOTE_PROC(remote_net_undefine)
{
    return remote_net_act(call, c->ops->net_undefine, c,
                          "virNetworkUndefine");
}

REMOTE_PROC(remote_net_set_autostart)
{
    struct drv_net n;

    REMOTE_NEED(net_set_autostart, ERRDOM_NETWORK, "virNetworkSetAutostart");
    remote_arg_net(&call->args[0], &n);
    return c->ops->net_set_autostart(c, &n, (int)call->args[1].i,
                                     &call->err);
}

/* args: net, command, section, parentIndex, xml, flags (the order the
 * client uses once the driver reports NETWORK_UPDATE_HAS_CORRECT_ORDER) */
REMOTE_PROC(remote_net_update)
{
    struct drv_net n;

    REMOTE_NEED(net_update, ERRDOM_NETWORK, "virNetworkUpdate");
    remote_arg_net(&call->args[0], &n);
    return c->ops->net_update(c, &n, (unsigned)call->args[1].i,
                              (unsigned)call->args[2].i,
                              (int)call->args[3].i, call->args[4].s,
                              (unsigned)call->args[5].i, &call->err);
}

static int
remote_iface_change(struct rpc_call *call, struct drv_conn *c, int op,
                    const char *api)
{
    REMOTE_NEED(iface_change, ERRDOM_INTERFACE, api);
    return c->ops->iface_change(c, op, (unsigned)call->args[0].i, &call->err);
}

/* Read-only clients are refused by the server (RPC_PROC_RO_DENY). */
REMOTE_PROC(remote_iface_change_begin)
{
    return remote_iface_change(call, c, DRV_IFACE_BEGIN,
                               "virInterfaceChangeBegin");
}

/* Read-only clients are refused by the server (RPC_PROC_RO_DENY). */
REMOTE_PROC(remote_iface_change_commit)
{
    return remote_iface_change(call, c, DRV_IFACE_COMMIT,
                               "virInterfaceChangeCommit");
}

/* Read-only clients are refused by the server (RPC_PROC_RO_DENY). */
REMOTE_PROC(remote_iface_change_rollback)
{
    return remote_iface_change(call, c, DRV_IFACE_ROLLBACK,
                               "virInterfaceChangeRollback");
}
