/*
 * remote_nodrv.c: REMOTE handlers for the objects no virtd driver keeps:
 * secrets, network filters and their bindings, network ports and DHCP
 * leases; and two calls of drivers that lack them: huge page allocation
 * and storage pool capabilities.
 *
 * libvirtd's test driver has none of them either: it registers no secret
 * and no network filter driver of its own and takes no shared one, and
 * its network driver has no port or lease entries. So libvirtd serves
 * each of these calls on a test:/// connection by making the
 * dispatcher's checks and the public API's, in their order, and then
 * answering NO_SUPPORT naming the API, in the API's error domain. These
 * handlers make the same checks and give the same answers; the
 * read-only denials come from the table (RPC_PROC_RO_DENY), since every
 * API here that refuses read-only connections does it first, or after
 * checks the wire cannot fail (a non-NULL string or object).
 */
#include <stdio.h>

#include "rpc/remote_priv.h"

/* REMOTE_SECRET_LIST_MAX, REMOTE_NWFILTER_LIST_MAX */
#define REMOTE_NODRV_LIST_MAX 16384
/* VIR_SECRET_EVENT_ID_LAST */
#define REMOTE_SECRET_EVENT_LAST 2

#define REMOTE_NODRV(name, errdom, api)                                    \
    REMOTE_PROC(name)                                                      \
    {                                                                      \
        (void)c;                                                           \
        return remote_unsupported(call, errdom, api);                      \
    }

/* A legacy name list (args[0] the maximum): the dispatcher's bound on
 * it, then NO_SUPPORT (an empty list passes the API's NULL check). */
static int
remote_nodrv_list(struct rpc_call *call, const char *what, const char *limit,
                  int errdom, const char *api)
{
    if (remote_check_max(call, call->args[0].i, what, limit,
                         REMOTE_NODRV_LIST_MAX))
        return -1;
    return remote_unsupported(call, errdom, api);
}

/* -- secrets (libvirt-secret.c) -------------------------------------------- */

REMOTE_NODRV(remote_secret_num, ERRDOM_SECRET, "virConnectNumOfSecrets")
REMOTE_NODRV(remote_secret_lookup_uuid, ERRDOM_SECRET,
             "virSecretLookupByUUID")
REMOTE_NODRV(remote_secret_define_xml, ERRDOM_SECRET, "virSecretDefineXML")
REMOTE_NODRV(remote_secret_xml, ERRDOM_SECRET, "virSecretGetXMLDesc")
REMOTE_NODRV(remote_secret_get_value, ERRDOM_SECRET, "virSecretGetValue")
REMOTE_NODRV(remote_secret_undefine, ERRDOM_SECRET, "virSecretUndefine")
REMOTE_NODRV(remote_secret_lookup_usage, ERRDOM_SECRET,
             "virSecretLookupByUsage")
REMOTE_NODRV(remote_secret_list_all, ERRDOM_SECRET,
             "virConnectListAllSecrets")

REMOTE_PROC(remote_secret_list)
{
    (void)c;
    return remote_nodrv_list(call, "maxuuids", "REMOTE_SECRET_LIST_MAX",
                             ERRDOM_SECRET, "virConnectListSecrets");
}

/* args: uuid, usageType, usageID, value, flags. An empty value reaches
 * the API as NULL (XDR allocates nothing for it), which it refuses. */
REMOTE_PROC(remote_secret_set_value)
{
    static const char msg[] = "value in virSecretSetValue must not be NULL";

    (void)c;
    if (call->args[3].n == 0) {
        err_set_raw(&call->err, ERR_INVALID_ARG, ERRDOM_SECRET, msg, msg,
                    NULL);
        return -1;
    }
    return remote_unsupported(call, ERRDOM_SECRET, "virSecretSetValue");
}

/* args: eventID, the optional secret (an array of at most one) */
REMOTE_PROC(remote_secret_event_register)
{
    int64_t id = call->args[0].i;
    char msg[64];

    (void)c;
    if (id < 0 || id >= REMOTE_SECRET_EVENT_LAST) {
        snprintf(msg, sizeof(msg), "unsupported secret event ID %d", (int)id);
        return remote_internal_error(call, msg);
    }
    return remote_unsupported(call, ERRDOM_SECRET,
                              "virConnectSecretEventRegisterAny");
}

/* Nothing can be registered, so every callback is unknown; the message
 * is libvirtd 9.0's, "node device" included. */
REMOTE_PROC(remote_secret_event_deregister)
{
    char msg[80];

    (void)c;
    snprintf(msg, sizeof(msg),
             "node device event callback %d not registered",
             (int)call->args[0].i);
    return remote_internal_error(call, msg);
}

/* -- network filters and bindings (libvirt-nwfilter.c) --------------------- */

REMOTE_NODRV(remote_nwfilter_lookup_name, ERRDOM_NWFILTER,
             "virNWFilterLookupByName")
REMOTE_NODRV(remote_nwfilter_lookup_uuid, ERRDOM_NWFILTER,
             "virNWFilterLookupByUUID")
REMOTE_NODRV(remote_nwfilter_xml, ERRDOM_NWFILTER, "virNWFilterGetXMLDesc")
REMOTE_NODRV(remote_nwfilter_num, ERRDOM_NWFILTER,
             "virConnectNumOfNWFilters")
REMOTE_NODRV(remote_nwfilter_define_xml, ERRDOM_NWFILTER,
             "virNWFilterDefineXML")
REMOTE_NODRV(remote_nwfilter_undefine, ERRDOM_NWFILTER, "virNWFilterUndefine")
REMOTE_NODRV(remote_nwfilter_list_all, ERRDOM_NWFILTER,
             "virConnectListAllNWFilters")
REMOTE_NODRV(remote_nwfilter_define_xml_flags, ERRDOM_NWFILTER,
             "virNWFilterDefineXMLFlags")
REMOTE_NODRV(remote_nwbinding_lookup, ERRDOM_NWFILTER,
             "virNWFilterBindingLookupByPortDev")
REMOTE_NODRV(remote_nwbinding_xml, ERRDOM_NWFILTER,
             "virNWFilterBindingGetXMLDesc")
REMOTE_NODRV(remote_nwbinding_create_xml, ERRDOM_NWFILTER,
             "virNWFilterBindingCreateXML")
REMOTE_NODRV(remote_nwbinding_delete, ERRDOM_NWFILTER,
             "virNWFilterBindingDelete")
REMOTE_NODRV(remote_nwbinding_list_all, ERRDOM_NWFILTER,
             "virConnectListAllNWFilterBindings")

REMOTE_PROC(remote_nwfilter_list)
{
    (void)c;
    return remote_nodrv_list(call, "maxnames", "REMOTE_NWFILTER_LIST_MAX",
                             ERRDOM_NWFILTER, "virConnectListNWFilters");
}

/* -- network ports and DHCP leases (libvirt-network.c) --------------------- */

REMOTE_NODRV(remote_net_dhcp_leases, ERRDOM_NETWORK,
             "virNetworkGetDHCPLeases")
REMOTE_NODRV(remote_netport_list_all, ERRDOM_NETWORK,
             "virNetworkListAllPorts")
REMOTE_NODRV(remote_netport_lookup, ERRDOM_NETWORK,
             "virNetworkPortLookupByUUID")
REMOTE_NODRV(remote_netport_create_xml, ERRDOM_NETWORK,
             "virNetworkPortCreateXML")
REMOTE_NODRV(remote_netport_get_params, ERRDOM_NETWORK,
             "virNetworkPortGetParameters")
REMOTE_NODRV(remote_netport_set_params, ERRDOM_NETWORK,
             "virNetworkPortSetParameters")
REMOTE_NODRV(remote_netport_xml, ERRDOM_NETWORK, "virNetworkPortGetXMLDesc")
REMOTE_NODRV(remote_netport_delete, ERRDOM_NETWORK, "virNetworkPortDelete")

/* -- the rest (libvirt-host.c, libvirt-storage.c) -------------------------- */

/* args: pageSizes, pageCounts, startCell, cellCount, flags. The API's
 * checks after its read-only denial (which the table makes): no sizes,
 * no counts (an empty array reaches it as NULL), no cells. */
REMOTE_PROC(remote_node_alloc_pages)
{
    (void)c;
    if (call->args[0].n == 0)
        return remote_bad_arg(call, "npages in virNodeAllocPages must not "
                              "be zero");
    if (call->args[1].n == 0)
        return remote_bad_arg(call, "pageCounts in virNodeAllocPages must "
                              "not be NULL");
    if (call->args[3].i == 0)
        return remote_bad_arg(call, "cellCount in virNodeAllocPages must not "
                              "be zero");
    return remote_unsupported(call, ERRDOM_DOMAIN, "virNodeAllocPages");
}

REMOTE_NODRV(remote_pool_capabilities, ERRDOM_STORAGE,
             "virConnectGetStoragePoolCapabilities")
