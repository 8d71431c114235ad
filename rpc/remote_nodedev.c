/*
 * remote_nodedev.c: REMOTE handlers for node devices: counts, name lists
 * and ListAll, lookup, XML, parent, capabilities, create and destroy, and
 * the calls libvirt's test driver does not implement, which libvirtd
 * answers with NO_SUPPORT in the node device error domain (the public
 * API finds no driver entry). A node device travels as its name alone.
 * Worker threads.
 */
#include "rpc/remote_priv.h"

#define REMOTE_NODE_DEVICE_LIST_MAX      65536
#define REMOTE_NODE_DEVICE_CAPS_LIST_MAX 65536

#define REMOTE_NEED_ND(fn, api) REMOTE_NEED(fn, ERRDOM_NODEDEV, api)

REMOTE_PROC(remote_nodedev_num)
{
    int n;

    REMOTE_NEED_ND(nodedev_num, "virNodeNumOfDevices");
    if (c->ops->nodedev_num(c, call->args[0].present ? call->args[0].s : NULL,
                            (unsigned)call->args[1].i, &n, &call->err) < 0)
        return -1;
    call->ret[0].i = n;
    return 0;
}

REMOTE_PROC(remote_nodedev_list)
{
    const char **names;
    int n;

    if (remote_check_max(call, call->args[1].i, "maxnames",
                         "REMOTE_NODE_DEVICE_LIST_MAX",
                         REMOTE_NODE_DEVICE_LIST_MAX))
        return -1;
    REMOTE_NEED_ND(nodedev_names, "virNodeListDevices");
    if (c->ops->nodedev_names(c, call->args[0].present ? call->args[0].s
                                                       : NULL,
                              (int)call->args[1].i, (unsigned)call->args[2].i,
                              call->arena, &names, &n, &call->err) < 0)
        return -1;
    return remote_set_strings(call, &call->ret[0], names, n);
}

REMOTE_PROC(remote_nodedev_list_all)
{
    const char **names;
    int n;

    REMOTE_NEED_ND(nodedev_list_all, "virConnectListAllNodeDevices");
    if (c->ops->nodedev_list_all(c, (unsigned)call->args[1].i, call->arena,
                                 &names, &n, &call->err) < 0 ||
        remote_too_many(call, n, REMOTE_NODE_DEVICE_LIST_MAX,
                        "node devices") < 0)
        return -1;
    call->ret[1].i = n;
    return remote_set_strings(call, &call->ret[0], names,
                              call->args[0].i ? n : 0);
}

REMOTE_PROC(remote_nodedev_lookup)
{
    const char *name;

    REMOTE_NEED_ND(nodedev_lookup, "virNodeDeviceLookupByName");
    if (c->ops->nodedev_lookup(c, call->args[0].s, call->arena, &name,
                               &call->err) < 0)
        return -1;
    call->ret[0].s = name;
    return 0;
}

REMOTE_PROC(remote_nodedev_xml)
{
    char *xml;

    REMOTE_NEED_ND(nodedev_xml, "virNodeDeviceGetXMLDesc");
    if (c->ops->nodedev_xml(c, call->args[0].s, (unsigned)call->args[1].i,
                            call->arena, &xml, &call->err) < 0)
        return -1;
    call->ret[0].s = xml;
    return 0;
}

/* libvirtd looks the device up (NO_NODE_DEVICE when absent), then
 * answers an absent parent when the driver finds none: its dispatcher
 * drops that error. */
REMOTE_PROC(remote_nodedev_parent)
{
    const char *name, *parent = NULL;
    struct err ignore = { 0 };

    REMOTE_NEED_ND(nodedev_lookup, "virNodeDeviceLookupByName");
    if (c->ops->nodedev_lookup(c, call->args[0].s, call->arena, &name,
                               &call->err) < 0)
        return -1;
    if (c->ops->nodedev_parent &&
        c->ops->nodedev_parent(c, name, call->arena, &parent, &ignore) < 0)
        parent = NULL;
    err_release(&ignore);
    call->ret[0].present = parent != NULL;
    call->ret[0].s = parent;
    return 0;
}

REMOTE_PROC(remote_nodedev_num_caps)
{
    const char **names;
    int n;

    REMOTE_NEED_ND(nodedev_caps, "virNodeDeviceNumOfCaps");
    if (c->ops->nodedev_caps(c, call->args[0].s, -1, call->arena, &names, &n,
                             &call->err) < 0)
        return -1;
    call->ret[0].i = n;
    return 0;
}

REMOTE_PROC(remote_nodedev_list_caps)
{
    const char **names;
    int n;

    if (remote_check_max(call, call->args[1].i, "maxnames",
                         "REMOTE_NODE_DEVICE_CAPS_LIST_MAX",
                         REMOTE_NODE_DEVICE_CAPS_LIST_MAX))
        return -1;
    REMOTE_NEED_ND(nodedev_caps, "virNodeDeviceListCaps");
    if (c->ops->nodedev_caps(c, call->args[0].s, (int)call->args[1].i,
                             call->arena, &names, &n, &call->err) < 0)
        return -1;
    return remote_set_strings(call, &call->ret[0], names, n);
}

REMOTE_PROC(remote_nodedev_create_xml)
{
    const char *name;

    REMOTE_NEED_ND(nodedev_create_xml, "virNodeDeviceCreateXML");
    if (c->ops->nodedev_create_xml(c, call->args[0].s,
                                   (unsigned)call->args[1].i, call->arena,
                                   &name, &call->err) < 0)
        return -1;
    call->ret[0].s = name;
    return 0;
}

REMOTE_PROC(remote_nodedev_destroy)
{
    REMOTE_NEED_ND(nodedev_destroy, "virNodeDeviceDestroy");
    return c->ops->nodedev_destroy(c, call->args[0].s, &call->err);
}

/* The node device calls no driver here implements, as libvirtd answers
 * them over the test driver. */
#define REMOTE_ND_UNSUPPORTED(name, api)                                   \
    REMOTE_PROC(name)                                                      \
    {                                                                      \
        (void)c;                                                           \
        return remote_unsupported(call, ERRDOM_NODEDEV, api);              \
    }

REMOTE_ND_UNSUPPORTED(remote_nodedev_dettach, "virNodeDeviceDettach")
REMOTE_ND_UNSUPPORTED(remote_nodedev_reattach, "virNodeDeviceReAttach")
REMOTE_ND_UNSUPPORTED(remote_nodedev_reset, "virNodeDeviceReset")
REMOTE_ND_UNSUPPORTED(remote_nodedev_lookup_wwn,
                      "virNodeDeviceLookupSCSIHostByWWN")
REMOTE_ND_UNSUPPORTED(remote_nodedev_detach_flags, "virNodeDeviceDetachFlags")
REMOTE_ND_UNSUPPORTED(remote_nodedev_define_xml, "virNodeDeviceDefineXML")
REMOTE_ND_UNSUPPORTED(remote_nodedev_undefine, "virNodeDeviceUndefine")
REMOTE_ND_UNSUPPORTED(remote_nodedev_create, "virNodeDeviceCreate")
REMOTE_ND_UNSUPPORTED(remote_nodedev_get_autostart,
                      "virNodeDeviceGetAutostart")
REMOTE_ND_UNSUPPORTED(remote_nodedev_set_autostart,
                      "virNodeDeviceSetAutostart")
REMOTE_ND_UNSUPPORTED(remote_nodedev_is_persistent,
                      "virNodeDeviceIsPersistent")
REMOTE_ND_UNSUPPORTED(remote_nodedev_is_active, "virNodeDeviceIsActive")
