/*
 * remote.c: the REMOTE program (0x20008086): its procedure table, the
 * per-client session (the driver connection opened by CONNECT_OPEN) and
 * the connection procedures. The other handlers live in remote_host.c,
 * remote_dom*.c, remote_net.c and remote_storage.c.
 *
 * Synchronization: a session's fields are guarded by its mutex, held only
 * to read or swap them, never across a driver call. The driver connection
 * is shared through a reference count (remote_with_conn) so a failing
 * second CONNECT_OPEN can drop it while other calls still use it.
 */
#include "rpc/remote_priv.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

static void
remote_dconn_unref(struct remote_dconn *dc)
{
    if (dc && atomic_fetch_sub_explicit(&dc->refs, 1,
                                        memory_order_acq_rel) == 1) {
        drv_close(dc->conn);      /* no event sink call after this */
        pthread_mutex_destroy(&dc->evlock);
        free(dc);
    }
}

/* Stop @dc's events from reaching its client (see remote_priv.h). */
static void
remote_dconn_detach(struct remote_dconn *dc)
{
    if (!dc)
        return;
    pthread_mutex_lock(&dc->evlock);
    dc->client = NULL;
    pthread_mutex_unlock(&dc->evlock);
}

/* The session's connection with a reference taken, or NULL. */
static struct remote_dconn *
remote_dconn_get(struct remote_session *s)
{
    struct remote_dconn *dc;

    if (!s)
        return NULL;
    pthread_mutex_lock(&s->lock);
    if ((dc = s->dc))
        atomic_fetch_add_explicit(&dc->refs, 1, memory_order_relaxed);
    pthread_mutex_unlock(&s->lock);
    return dc;
}

int
remote_with_conn(struct rpc_call *call, remote_body_fn *body)
{
    struct remote_dconn *dc = remote_dconn_get(rpc_client_priv(call->client));
    int rc;

    if (!dc)
        return remote_internal_error(call, "hypervisor connection not open");
    rc = body(call, dc->conn);
    remote_dconn_unref(dc);
    return rc;
}

/* -- client hooks (see rpc/prog.h) ---------------------------------------- */

static void *
remote_client_new(struct rpc_client *c)
{
    struct remote_session *s = calloc(1, sizeof(*s));

    (void)c;
    if (s && pthread_mutex_init(&s->lock, NULL) != 0) {
        free(s);
        s = NULL;
    }
    return s;
}

/* Reactor thread, at disconnect (the reactor still holds its reference
 * on @c): forget the client's registrations and stop its events. */
static void
remote_client_gone(struct rpc_client *c, void *priv)
{
    struct remote_session *s = priv;

    (void)c;
    if (!s)
        return;
    pthread_mutex_lock(&s->lock);
    s->gone = true;
    s->close_cb = false;
    s->nregs = 0;
    remote_dconn_detach(s->dc);
    pthread_mutex_unlock(&s->lock);
}

/* Last reference: no job runs any more; close the driver connection. */
static void
remote_client_free(void *priv)
{
    struct remote_session *s = priv;

    if (!s)
        return;
    remote_dconn_unref(s->dc);
    free(s->regs);
    pthread_mutex_destroy(&s->lock);
    free(s);
}

/* -- connection procedures ------------------------------------------------ */

int
remote_auth_list(struct rpc_call *call)
{
    struct xval *types = arena_alloc(call->arena, sizeof(*types));

    if (!types)
        return remote_internal_error(call, "out of memory");
    types[0].present = true;
    types[0].i = 0;               /* REMOTE_AUTH_NONE */
    call->ret[0].a = types;
    call->ret[0].n = 1;
    return 0;
}

/* A second OPEN fails, and like libvirtd drops the open connection. */
static int
remote_open_busy(struct rpc_call *call, struct remote_dconn *old)
{
    rpc_client_set_open(call->client, false);
    remote_dconn_detach(old);
    remote_dconn_unref(old);
    return remote_internal_error(call, "connection already open");
}

/* The connection-to-be: events go to @c until it is gone. NULL on
 * ENOMEM. */
static struct remote_dconn *
remote_dconn_new(struct rpc_client *c)
{
    struct remote_dconn *dc = calloc(1, sizeof(*dc));

    if (dc && pthread_mutex_init(&dc->evlock, NULL) != 0) {
        free(dc);
        return NULL;
    }
    if (dc) {
        atomic_init(&dc->refs, 1);
        dc->client = c;
    }
    return dc;
}

/* End the OPEN: install @dc (NULL: failed; a @dc without a connection is
 * freed). A client gone meanwhile gets no events. */
static int
remote_open_install(struct remote_session *s, struct remote_dconn *dc)
{
    if (dc && !dc->conn) {
        pthread_mutex_destroy(&dc->evlock);
        free(dc);
        dc = NULL;
    }
    pthread_mutex_lock(&s->lock);
    s->opening = false;
    s->dc = dc;
    if (s->gone)
        remote_dconn_detach(dc);
    pthread_mutex_unlock(&s->lock);
    return dc ? 0 : -1;
}

/* Take the session for an OPEN: false when a connection is open or being
 * opened (the open one is taken out into *old, to be dropped). */
static bool
remote_open_claim(struct remote_session *s, struct remote_dconn **old)
{
    bool busy;

    pthread_mutex_lock(&s->lock);
    busy = s->dc || s->opening;
    if (busy) {
        *old = s->dc;
        s->dc = NULL;
    } else {
        s->opening = true;
    }
    pthread_mutex_unlock(&s->lock);
    return !busy;
}

int
remote_connect_open(struct rpc_call *call)
{
    struct remote_session *s = rpc_client_priv(call->client);
    struct drv_event_sink sink = { remote_event_sink, NULL };
    /* only VIR_CONNECT_RO reaches a driver; other bits are dropped */
    unsigned flags = (unsigned)call->args[1].i & DRV_CONNECT_RO;
    struct remote_dconn *old = NULL, *dc;

    if (!s)
        return remote_internal_error(call, "out of memory");
    if (rpc_client_ro_socket(call->client))
        flags |= DRV_CONNECT_RO;
    if (!remote_open_claim(s, &old))
        return remote_open_busy(call, old);
    if (!call->args[0].s) {
        /* libvirtd's answer to an OPEN without a name */
        remote_open_install(s, NULL);
        return remote_internal_error(call, "connection not open");
    }
    if (!(sink.opaque = dc = remote_dconn_new(call->client))) {
        remote_open_install(s, NULL);
        return remote_internal_error(call, "out of memory");
    }
    if (drv_open(call->args[0].s, flags, &sink, call->arena, &dc->conn,
                 &call->err) < 0) {
        remote_open_install(s, dc);
        return -1;
    }
    remote_open_install(s, dc);
    rpc_client_set_readonly(call->client, flags & DRV_CONNECT_RO);
    rpc_client_set_open(call->client, true);
    return 0;
}

/* Reply, then close the connection once the reply is out. */
int
remote_connect_close(struct rpc_call *call)
{
    call->close_after = true;
    return 0;
}

static int
remote_supports_feature_body(struct rpc_call *call, struct drv_conn *c)
{
    int feature = (int)call->args[0].i;

    switch (feature) {
    case REMOTE_FEATURE_FD_PASSING:
    case REMOTE_FEATURE_EVENT_CB:
    case REMOTE_FEATURE_CLOSE_CB:
        call->ret[0].i = 1;
        break;
    default:
        call->ret[0].i = remote_drv_feature(c, feature);
        break;
    }
    return 0;
}

/* Allowed before OPEN for the keepalive feature only, which also starts
 * the server's keepalive pings for this client. */
int
remote_supports_feature(struct rpc_call *call)
{
    if (call->args[0].i == REMOTE_FEATURE_KEEPALIVE) {
        rpc_client_keepalive_start(call->client);
        call->ret[0].i = 1;
        return 0;
    }
    return remote_with_conn(call, remote_supports_feature_body);
}

static void
remote_set_close_cb(struct rpc_call *call, bool on)
{
    struct remote_session *s = rpc_client_priv(call->client);

    if (!s)
        return;                   /* never opened: nothing to record */
    pthread_mutex_lock(&s->lock);
    s->close_cb = on;
    pthread_mutex_unlock(&s->lock);
}

/* The driver connections here never close behind the client's back, so
 * the callback is only recorded (no 362 message is ever due). */
int
remote_register_close_cb(struct rpc_call *call)
{
    remote_set_close_cb(call, true);
    return 0;
}

int
remote_unregister_close_cb(struct rpc_call *call)
{
    remote_set_close_cb(call, false);
    return 0;
}

int
remote_get_lib_version(struct rpc_call *call)
{
    call->ret[0].i = (int64_t)REMOTE_LIB_VERSION;
    return 0;
}

/* -- the table ------------------------------------------------------------ */

#define P   RPC_PROC_PRIO
#define RO  RPC_PROC_RO_DENY
#define NO  RPC_PROC_NO_OPEN
#define MSG RPC_PROC_MESSAGE

#define DOMLIST "D[16384]"
#define NAMES "s[16384]:names"
#define STATS "M[16]:params i:nparams"
/* object arguments written out member by member (see rpc/xdr.h) */
#define SECRET "U:uuid i:usageType s:usageID"
#define NWFILTER "s:name U:uuid"
#define BINDING "s:portdev s:filtername"
#define NETPORT "N:net U:uuid"
#define IFSTATS "h:rx_bytes h:rx_packets h:rx_errs h:rx_drop h:tx_bytes " \
                "h:tx_packets h:tx_errs h:tx_drop"

static const struct rpc_proc remote_procs[] = {
    { 1, "CONNECT_OPEN", "S:name u:flags", "", P | NO, NULL,
      remote_connect_open },
    { 2, "CONNECT_CLOSE", "", "", P | NO, NULL, remote_connect_close },
    { 3, "CONNECT_GET_TYPE", "", "s:type", P, NULL, remote_get_type },
    { 4, "CONNECT_GET_VERSION", "", "H:hv_ver", P, NULL,
      remote_get_version },
    { 5, "CONNECT_GET_MAX_VCPUS", "S:type", "i:max_vcpus", P, NULL,
      remote_get_max_vcpus },
    { 6, "NODE_GET_INFO", "", "c{32}:model H:memory i:cpus i:mhz i:nodes "
      "i:sockets i:cores i:threads", P, NULL, remote_node_get_info },
    { 7, "CONNECT_GET_CAPABILITIES", "", "s:capabilities", 0, NULL,
      remote_get_capabilities },
    { 8, "DOMAIN_ATTACH_DEVICE", "D:dom s:xml", "", RO,
      "virDomainAttachDevice", remote_dom_attach_device },
    { 9, "DOMAIN_CREATE", "D:dom", "", RO, "virDomainCreate",
      remote_dom_create },
    { 10, "DOMAIN_CREATE_XML", "s:xml_desc u:flags", "D:dom", RO,
      "virDomainCreateXML", remote_dom_create_xml },
    { 11, "DOMAIN_DEFINE_XML", "s:xml", "D:dom", P | RO,
      "virDomainDefineXML", remote_dom_define_xml },
    { 12, "DOMAIN_DESTROY", "D:dom", "", P | RO, "virDomainDestroy",
      remote_dom_destroy },
    { 13, "DOMAIN_DETACH_DEVICE", "D:dom s:xml", "", RO,
      "virDomainDetachDevice", remote_dom_detach_device },
    { 14, "DOMAIN_GET_XML_DESC", "D:dom u:flags", "s:xml", 0, NULL,
      remote_dom_get_xml_desc },
    { 15, "DOMAIN_GET_AUTOSTART", "D:dom", "i:autostart", P, NULL,
      remote_dom_get_autostart },
    { 16, "DOMAIN_GET_INFO", "D:dom", "u:state H:maxMem H:memory "
      "u:nrVirtCpu H:cpuTime", 0, NULL, remote_dom_get_info },
    { 17, "DOMAIN_GET_MAX_MEMORY", "D:dom", "H:memory", P, NULL,
      remote_dom_get_max_memory },
    { 18, "DOMAIN_GET_MAX_VCPUS", "D:dom", "i:num", P, NULL,
      remote_dom_get_max_vcpus },
    { 19, "DOMAIN_GET_OS_TYPE", "D:dom", "s:type", P, NULL,
      remote_dom_get_os_type },
    { 20, "DOMAIN_GET_VCPUS", "D:dom i:maxinfo i:maplen", "Q[16384]:info "
      "o[8388608]:cpumaps", P, NULL, remote_dom_get_vcpus },
    { 21, "CONNECT_LIST_DEFINED_DOMAINS", "i:maxnames", NAMES, P, NULL,
      remote_list_defined_domains },
    { 22, "DOMAIN_LOOKUP_BY_ID", "i:id", "D:dom", P, NULL,
      remote_dom_lookup_by_id },
    { 23, "DOMAIN_LOOKUP_BY_NAME", "s:name", "D:dom", P, NULL,
      remote_dom_lookup_by_name },
    { 24, "DOMAIN_LOOKUP_BY_UUID", "U:uuid", "D:dom", P, NULL,
      remote_dom_lookup_by_uuid },
    { 25, "CONNECT_NUM_OF_DEFINED_DOMAINS", "", "i:num", P, NULL,
      remote_num_of_defined_domains },
    { 26, "DOMAIN_PIN_VCPU", "D:dom u:vcpu o[2048]:cpumap", "", RO,
      "virDomainPinVcpu", remote_dom_pin_vcpu },
    { 27, "DOMAIN_REBOOT", "D:dom u:flags", "", RO, "virDomainReboot",
      remote_dom_reboot },
    { 28, "DOMAIN_RESUME", "D:dom", "", RO, "virDomainResume",
      remote_dom_resume },
    { 29, "DOMAIN_SET_AUTOSTART", "D:dom i:autostart", "", P | RO,
      "virDomainSetAutostart", remote_dom_set_autostart },
    { 30, "DOMAIN_SET_MAX_MEMORY", "D:dom H:memory", "", P | RO,
      "virDomainSetMaxMemory", remote_dom_set_max_memory },
    { 31, "DOMAIN_SET_MEMORY", "D:dom H:memory", "", RO,
      "virDomainSetMemory", remote_dom_set_memory },
    { 32, "DOMAIN_SET_VCPUS", "D:dom u:nvcpus", "", RO, "virDomainSetVcpus",
      remote_dom_set_vcpus },
    { 33, "DOMAIN_SHUTDOWN", "D:dom", "", RO, "virDomainShutdown",
      remote_dom_shutdown },
    { 34, "DOMAIN_SUSPEND", "D:dom", "", RO, "virDomainSuspend",
      remote_dom_suspend },
    { 35, "DOMAIN_UNDEFINE", "D:dom", "", P | RO, "virDomainUndefine",
      remote_dom_undefine },
    { 36, "CONNECT_LIST_DEFINED_NETWORKS", "i:maxnames", NAMES, P, NULL,
      remote_list_defined_networks },
    { 37, "CONNECT_LIST_DOMAINS", "i:maxids", "i[16384]:ids", P, NULL,
      remote_list_domains },
    { 38, "CONNECT_LIST_NETWORKS", "i:maxnames", NAMES, P, NULL,
      remote_list_networks },
    { 39, "NETWORK_CREATE", "N:net", "", RO, "virNetworkCreate",
      remote_net_create },
    { 40, "NETWORK_CREATE_XML", "s:xml", "N:net", RO, "virNetworkCreateXML",
      remote_net_create_xml },
    { 41, "NETWORK_DEFINE_XML", "s:xml", "N:net", P | RO,
      "virNetworkDefineXML", remote_net_define_xml },
    { 42, "NETWORK_DESTROY", "N:net", "", P | RO, "virNetworkDestroy",
      remote_net_destroy },
    { 43, "NETWORK_GET_XML_DESC", "N:net u:flags", "s:xml", P, NULL,
      remote_net_get_xml_desc },
    { 44, "NETWORK_GET_AUTOSTART", "N:net", "i:autostart", P, NULL,
      remote_net_get_autostart },
    { 45, "NETWORK_GET_BRIDGE_NAME", "N:net", "s:name", P, NULL,
      remote_net_get_bridge_name },
    { 46, "NETWORK_LOOKUP_BY_NAME", "s:name", "N:net", P, NULL,
      remote_net_lookup_by_name },
    { 47, "NETWORK_LOOKUP_BY_UUID", "U:uuid", "N:net", P, NULL,
      remote_net_lookup_by_uuid },
    { 48, "NETWORK_SET_AUTOSTART", "N:net i:autostart", "", P | RO,
      "virNetworkSetAutostart", remote_net_set_autostart },
    { 49, "NETWORK_UNDEFINE", "N:net", "", P | RO, "virNetworkUndefine",
      remote_net_undefine },
    { 50, "CONNECT_NUM_OF_DEFINED_NETWORKS", "", "i:num", P, NULL,
      remote_num_of_defined_networks },
    { 51, "CONNECT_NUM_OF_DOMAINS", "", "i:num", P, NULL,
      remote_num_of_domains },
    { 52, "CONNECT_NUM_OF_NETWORKS", "", "i:num", P, NULL,
      remote_num_of_networks },
    { 53, "DOMAIN_CORE_DUMP", "D:dom s:to u:flags", "", RO,
      "virDomainCoreDump", remote_dom_core_dump },
    { 54, "DOMAIN_RESTORE", "s:from", "", RO, "virDomainRestore",
      remote_dom_restore },
    { 55, "DOMAIN_SAVE", "D:dom s:to", "", RO, "virDomainSave",
      remote_dom_save },
    { 56, "DOMAIN_GET_SCHEDULER_TYPE", "D:dom", "s:type i:nparams", 0, NULL,
      remote_dom_get_scheduler_type },
    { 57, "DOMAIN_GET_SCHEDULER_PARAMETERS", "D:dom i:nparams",
      "T[16]:params", 0, NULL, remote_dom_get_scheduler_params },
    { 58, "DOMAIN_SET_SCHEDULER_PARAMETERS", "D:dom T[16]:params", "", RO,
      "virDomainSetSchedulerParameters", remote_dom_set_scheduler_params },
    { 59, "CONNECT_GET_HOSTNAME", "", "s:hostname", P, NULL,
      remote_get_hostname },
    { 60, "CONNECT_SUPPORTS_FEATURE", "i:feature", "i:supported", P | NO,
      NULL, remote_supports_feature },
    { 64, "DOMAIN_BLOCK_STATS", "D:dom s:path", "h:rd_req h:rd_bytes "
      "h:wr_req h:wr_bytes h:errs", 0, NULL, remote_dom_block_stats },
    { 65, "DOMAIN_INTERFACE_STATS", "D:dom s:path", IFSTATS, P, NULL,
      remote_dom_interface_stats },
    { 66, "AUTH_LIST", "", "i[20]:types", P | NO, NULL, remote_auth_list },
    { 71, "CONNECT_NUM_OF_STORAGE_POOLS", "", "i:num", P, NULL,
      remote_num_of_pools },
    { 72, "CONNECT_LIST_STORAGE_POOLS", "i:maxnames", NAMES, P,
      NULL, remote_list_pools },
    { 73, "CONNECT_NUM_OF_DEFINED_STORAGE_POOLS", "", "i:num", P, NULL,
      remote_num_of_defined_pools },
    { 74, "CONNECT_LIST_DEFINED_STORAGE_POOLS", "i:maxnames",
      NAMES, P, NULL, remote_list_defined_pools },
    { 75, "CONNECT_FIND_STORAGE_POOL_SOURCES", "s:type S:srcSpec u:flags",
      "s:xml", RO, "virConnectFindStoragePoolSources",
      remote_find_pool_sources },
    { 76, "STORAGE_POOL_CREATE_XML", "s:xml u:flags", "P:pool", RO,
      "virStoragePoolCreateXML", remote_pool_create_xml },
    { 77, "STORAGE_POOL_DEFINE_XML", "s:xml u:flags", "P:pool", P | RO,
      "virStoragePoolDefineXML", remote_pool_define_xml },
    { 78, "STORAGE_POOL_CREATE", "P:pool u:flags", "", RO,
      "virStoragePoolCreate", remote_pool_create },
    { 79, "STORAGE_POOL_BUILD", "P:pool u:flags", "", RO,
      "virStoragePoolBuild", remote_pool_build },
    { 80, "STORAGE_POOL_DESTROY", "P:pool", "", P | RO,
      "virStoragePoolDestroy", remote_pool_destroy },
    { 81, "STORAGE_POOL_DELETE", "P:pool u:flags", "", RO,
      "virStoragePoolDelete", remote_pool_delete },
    { 82, "STORAGE_POOL_UNDEFINE", "P:pool", "", P | RO,
      "virStoragePoolUndefine", remote_pool_undefine },
    { 83, "STORAGE_POOL_REFRESH", "P:pool u:flags", "", RO,
      "virStoragePoolRefresh", remote_pool_refresh },
    { 84, "STORAGE_POOL_LOOKUP_BY_NAME", "s:name", "P:pool", P, NULL,
      remote_pool_lookup_by_name },
    { 85, "STORAGE_POOL_LOOKUP_BY_UUID", "U:uuid", "P:pool", P, NULL,
      remote_pool_lookup_by_uuid },
    { 86, "STORAGE_POOL_LOOKUP_BY_VOLUME", "V:vol", "P:pool", P, NULL,
      remote_pool_lookup_by_volume },
    { 87, "STORAGE_POOL_GET_INFO", "P:pool", "u:state H:capacity "
      "H:allocation H:available", P, NULL, remote_pool_get_info },
    { 88, "STORAGE_POOL_GET_XML_DESC", "P:pool u:flags", "s:xml", P, NULL,
      remote_pool_get_xml_desc },
    { 89, "STORAGE_POOL_GET_AUTOSTART", "P:pool", "i:autostart", P, NULL,
      remote_pool_get_autostart },
    { 90, "STORAGE_POOL_SET_AUTOSTART", "P:pool i:autostart", "", P | RO,
      "virStoragePoolSetAutostart", remote_pool_set_autostart },
    { 91, "STORAGE_POOL_NUM_OF_VOLUMES", "P:pool", "i:num", P, NULL,
      remote_pool_num_of_volumes },
    { 92, "STORAGE_POOL_LIST_VOLUMES", "P:pool i:maxnames", NAMES, P, NULL,
      remote_pool_list_volumes },
    { 93, "STORAGE_VOL_CREATE_XML", "P:pool s:xml u:flags", "V:vol", RO,
      "virStorageVolCreateXML", remote_vol_create_xml },
    { 94, "STORAGE_VOL_DELETE", "V:vol u:flags", "", RO,
      "virStorageVolDelete", remote_vol_delete },
    { 95, "STORAGE_VOL_LOOKUP_BY_NAME", "P:pool s:name", "V:vol", P, NULL,
      remote_vol_lookup_by_name },
    { 96, "STORAGE_VOL_LOOKUP_BY_KEY", "s:key", "V:vol", P, NULL,
      remote_vol_lookup_by_key },
    { 97, "STORAGE_VOL_LOOKUP_BY_PATH", "s:path", "V:vol", P, NULL,
      remote_vol_lookup_by_path },
    { 98, "STORAGE_VOL_GET_INFO", "V:vol", "i:type H:capacity H:allocation",
      P, NULL, remote_vol_get_info },
    { 99, "STORAGE_VOL_GET_XML_DESC", "V:vol u:flags", "s:xml", P, NULL,
      remote_vol_get_xml_desc },
    { 100, "STORAGE_VOL_GET_PATH", "V:vol", "s:name", P, NULL,
      remote_vol_get_path },
    { 101, "NODE_GET_CELLS_FREE_MEMORY", "i:startCell i:maxcells",
      "H[1024]:cells", P, NULL, remote_node_get_cells_free_memory },
    { 102, "NODE_GET_FREE_MEMORY", "", "H:freeMem", P, NULL,
      remote_node_get_free_memory },
    { 105, "CONNECT_DOMAIN_EVENT_REGISTER", "", "i:cb_registered", P, NULL,
      remote_event_register },
    { 106, "CONNECT_DOMAIN_EVENT_DEREGISTER", "", "i:cb_registered", P,
      NULL, remote_event_deregister },
    { 107, "DOMAIN_EVENT_LIFECYCLE", "", "D:dom i:event i:detail", MSG,
      NULL, NULL },
    { 110, "CONNECT_GET_URI", "", "s:uri", P, NULL, remote_get_uri },
    { 111, "NODE_NUM_OF_DEVICES", "S:cap u:flags", "i:num", P, NULL,
      remote_nodedev_num },
    { 112, "NODE_LIST_DEVICES", "S:cap i:maxnames u:flags",
      "s[65536]:names", P, NULL, remote_nodedev_list },
    { 113, "NODE_DEVICE_LOOKUP_BY_NAME", "s:name", "s:dev", P, NULL,
      remote_nodedev_lookup },
    { 114, "NODE_DEVICE_GET_XML_DESC", "s:name u:flags", "s:xml", 0, NULL,
      remote_nodedev_xml },
    { 115, "NODE_DEVICE_GET_PARENT", "s:name", "S:parent", P, NULL,
      remote_nodedev_parent },
    { 116, "NODE_DEVICE_NUM_OF_CAPS", "s:name", "i:num", P, NULL,
      remote_nodedev_num_caps },
    { 117, "NODE_DEVICE_LIST_CAPS", "s:name i:maxnames", "s[65536]:names",
      P, NULL, remote_nodedev_list_caps },
    { 118, "NODE_DEVICE_DETTACH", "s:name", "", RO, "virNodeDeviceDettach",
      remote_nodedev_dettach },
    { 119, "NODE_DEVICE_RE_ATTACH", "s:name", "", RO,
      "virNodeDeviceReAttach", remote_nodedev_reattach },
    { 120, "NODE_DEVICE_RESET", "s:name", "", RO, "virNodeDeviceReset",
      remote_nodedev_reset },
    { 121, "DOMAIN_GET_SECURITY_LABEL", "D:dom", "c[4097]:label "
      "i:enforcing", P, NULL, remote_dom_get_security_label },
    { 122, "NODE_GET_SECURITY_MODEL", "", "c[257]:model c[257]:doi", P,
      NULL, remote_node_get_security_model },
    { 123, "NODE_DEVICE_CREATE_XML", "s:xml_desc u:flags", "s:dev", RO,
      "virNodeDeviceCreateXML", remote_nodedev_create_xml },
    { 124, "NODE_DEVICE_DESTROY", "s:name", "", P | RO,
      "virNodeDeviceDestroy", remote_nodedev_destroy },
    { 125, "STORAGE_VOL_CREATE_XML_FROM", "P:pool s:xml V:clonevol u:flags",
      "V:vol", RO, "virStorageVolCreateXMLFrom", remote_vol_create_xml_from },
    { 126, "CONNECT_NUM_OF_INTERFACES", "", "i:num", P, NULL,
      remote_num_of_interfaces },
    { 127, "CONNECT_LIST_INTERFACES", "i:maxnames", NAMES, P, NULL,
      remote_list_interfaces },
    { 128, "INTERFACE_LOOKUP_BY_NAME", "s:name", "F:iface", P, NULL,
      remote_iface_lookup_by_name },
    { 129, "INTERFACE_LOOKUP_BY_MAC_STRING", "s:mac", "F:iface", P, NULL,
      remote_iface_lookup_by_mac },
    { 130, "INTERFACE_GET_XML_DESC", "F:iface u:flags", "s:xml", 0, NULL,
      remote_iface_get_xml_desc },
    { 137, "CONNECT_NUM_OF_DEFINED_INTERFACES", "", "i:num", P, NULL,
      remote_num_of_defined_interfaces },
    { 138, "CONNECT_LIST_DEFINED_INTERFACES", "i:maxnames", NAMES, P, NULL,
      remote_list_defined_interfaces },
    { 139, "CONNECT_NUM_OF_SECRETS", "", "i:num", P, NULL,
      remote_secret_num },
    { 140, "CONNECT_LIST_SECRETS", "i:maxuuids", "s[16384]:uuids", P, NULL,
      remote_secret_list },
    { 141, "SECRET_LOOKUP_BY_UUID", "U:uuid", "B:secret", P, NULL,
      remote_secret_lookup_uuid },
    { 142, "SECRET_DEFINE_XML", "s:xml u:flags", "B:secret", P | RO,
      "virSecretDefineXML", remote_secret_define_xml },
    { 143, "SECRET_GET_XML_DESC", SECRET " u:flags", "s:xml", P, NULL,
      remote_secret_xml },
    { 144, "SECRET_SET_VALUE", SECRET " o[65536]:value u:flags", "", P | RO,
      "virSecretSetValue", remote_secret_set_value },
    { 145, "SECRET_GET_VALUE", SECRET " u:flags", "o[65536]:value", P | RO,
      "virSecretGetValue", remote_secret_get_value },
    { 146, "SECRET_UNDEFINE", SECRET, "", P | RO, "virSecretUndefine",
      remote_secret_undefine },
    { 147, "SECRET_LOOKUP_BY_USAGE", "i:usageType s:usageID", "B:secret", P,
      NULL, remote_secret_lookup_usage },
    { 149, "CONNECT_IS_SECURE", "", "i:secure", P, NULL, remote_is_secure },
    { 150, "DOMAIN_IS_ACTIVE", "D:dom", "i:active", P, NULL,
      remote_dom_is_active },
    { 151, "DOMAIN_IS_PERSISTENT", "D:dom", "i:persistent", P, NULL,
      remote_dom_is_persistent },
    { 152, "NETWORK_IS_ACTIVE", "N:net", "i:active", P, NULL,
      remote_net_is_active },
    { 153, "NETWORK_IS_PERSISTENT", "N:net", "i:persistent", P, NULL,
      remote_net_is_persistent },
    { 154, "STORAGE_POOL_IS_ACTIVE", "P:pool", "i:active", P, NULL,
      remote_pool_is_active },
    { 155, "STORAGE_POOL_IS_PERSISTENT", "P:pool", "i:persistent", P, NULL,
      remote_pool_is_persistent },
    { 156, "INTERFACE_IS_ACTIVE", "F:iface", "i:active", P, NULL,
      remote_iface_is_active },
    { 157, "CONNECT_GET_LIB_VERSION", "", "H:lib_ver", P, NULL,
      remote_get_lib_version },
    { 159, "DOMAIN_MEMORY_STATS", "D:dom u:maxStats u:flags",
      "Y[1024]:stats", 0, NULL, remote_dom_memory_stats },
    { 160, "DOMAIN_ATTACH_DEVICE_FLAGS", "D:dom s:xml u:flags", "", RO,
      "virDomainAttachDeviceFlags", remote_dom_attach_device_flags },
    { 161, "DOMAIN_DETACH_DEVICE_FLAGS", "D:dom s:xml u:flags", "", RO,
      "virDomainDetachDeviceFlags", remote_dom_detach_device_flags },
    { 163, "DOMAIN_GET_JOB_INFO", "D:dom", "i:type H:timeElapsed "
      "H:timeRemaining H:dataTotal H:dataProcessed H:dataRemaining "
      "H:memTotal H:memProcessed H:memRemaining H:fileTotal "
      "H:fileProcessed H:fileRemaining", 0, NULL, remote_dom_get_job_info },
    { 164, "DOMAIN_ABORT_JOB", "D:dom", "", RO, "virDomainAbortJob",
      remote_dom_abort_job },
    { 167, "CONNECT_DOMAIN_EVENT_REGISTER_ANY", "i:eventID", "", P, NULL,
      remote_event_register_any },
    { 168, "CONNECT_DOMAIN_EVENT_DEREGISTER_ANY", "i:eventID", "", P, NULL,
      remote_event_deregister_any },
    { 174, "DOMAIN_UPDATE_DEVICE_FLAGS", "D:dom s:xml u:flags", "", RO,
      "virDomainUpdateDeviceFlags", remote_dom_update_device_flags },
    { 175, "NWFILTER_LOOKUP_BY_NAME", "s:name", "L:nwfilter", P, NULL,
      remote_nwfilter_lookup_name },
    { 176, "NWFILTER_LOOKUP_BY_UUID", "U:uuid", "L:nwfilter", P, NULL,
      remote_nwfilter_lookup_uuid },
    { 177, "NWFILTER_GET_XML_DESC", NWFILTER " u:flags", "s:xml", P, NULL,
      remote_nwfilter_xml },
    { 178, "CONNECT_NUM_OF_NWFILTERS", "", "i:num", P, NULL,
      remote_nwfilter_num },
    { 179, "CONNECT_LIST_NWFILTERS", "i:maxnames", NAMES, P, NULL,
      remote_nwfilter_list },
    { 180, "NWFILTER_DEFINE_XML", "s:xml", "L:nwfilter", P | RO,
      "virNWFilterDefineXML", remote_nwfilter_define_xml },
    { 181, "NWFILTER_UNDEFINE", NWFILTER, "", P | RO, "virNWFilterUndefine",
      remote_nwfilter_undefine },
    { 182, "DOMAIN_MANAGED_SAVE", "D:dom u:flags", "", RO,
      "virDomainManagedSave", remote_dom_managed_save },
    { 183, "DOMAIN_HAS_MANAGED_SAVE_IMAGE", "D:dom u:flags", "i:result", 0,
      NULL, remote_dom_has_managed_save },
    { 184, "DOMAIN_MANAGED_SAVE_REMOVE", "D:dom u:flags", "", RO,
      "virDomainManagedSaveRemove", remote_dom_managed_save_remove },
    { 185, "DOMAIN_SNAPSHOT_CREATE_XML", "D:dom s:xml_desc u:flags",
      "G:snap", RO, "virDomainSnapshotCreateXML", remote_snap_create_xml },
    { 186, "DOMAIN_SNAPSHOT_GET_XML_DESC", "G:snap u:flags", "s:xml", P,
      NULL, remote_snap_get_xml_desc },
    { 187, "DOMAIN_SNAPSHOT_NUM", "D:dom u:flags", "i:num", P, NULL,
      remote_snap_num },
    { 188, "DOMAIN_SNAPSHOT_LIST_NAMES", "D:dom i:maxnames u:flags", NAMES,
      P, NULL, remote_snap_list_names },
    { 189, "DOMAIN_SNAPSHOT_LOOKUP_BY_NAME", "D:dom s:name u:flags",
      "G:snap", P, NULL, remote_snap_lookup_by_name },
    { 190, "DOMAIN_HAS_CURRENT_SNAPSHOT", "D:dom u:flags", "i:result", 0,
      NULL, remote_snap_has_current },
    { 191, "DOMAIN_SNAPSHOT_CURRENT", "D:dom u:flags", "G:snap", 0, NULL,
      remote_snap_current },
    { 192, "DOMAIN_REVERT_TO_SNAPSHOT", "G:snap u:flags", "", RO,
      "virDomainRevertToSnapshot", remote_snap_revert },
    { 193, "DOMAIN_SNAPSHOT_DELETE", "G:snap u:flags", "", RO,
      "virDomainSnapshotDelete", remote_snap_delete },
    { 194, "DOMAIN_GET_BLOCK_INFO", "D:dom s:path u:flags", "H:allocation "
      "H:capacity H:physical", 0, NULL, remote_dom_get_block_info },
    { 196, "DOMAIN_CREATE_WITH_FLAGS", "D:dom u:flags", "D:dom", RO,
      "virDomainCreateWithFlags", remote_dom_create },
    { 197, "DOMAIN_SET_MEMORY_PARAMETERS", "D:dom T[16]:params u:flags", "",
      RO, "virDomainSetMemoryParameters", remote_dom_set_memory_params },
    { 198, "DOMAIN_GET_MEMORY_PARAMETERS", "D:dom i:nparams u:flags",
      "T[16]:params i:nparams", 0, NULL, remote_dom_get_memory_params },
    { 199, "DOMAIN_SET_VCPUS_FLAGS", "D:dom u:nvcpus u:flags", "", RO,
      "virDomainSetVcpusFlags", remote_dom_set_vcpus_flags },
    { 200, "DOMAIN_GET_VCPUS_FLAGS", "D:dom u:flags", "i:num", 0, NULL,
      remote_dom_get_vcpus_flags },
    { 202, "DOMAIN_IS_UPDATED", "D:dom", "i:updated", P, NULL,
      remote_dom_is_updated },
    { 203, "CONNECT_GET_SYSINFO", "u:flags", "s:sysinfo", P, NULL,
      remote_get_sysinfo },
    { 204, "DOMAIN_SET_MEMORY_FLAGS", "D:dom H:memory u:flags", "", RO,
      "virDomainSetMemoryFlags", remote_dom_set_memory_flags },
    { 205, "DOMAIN_SET_BLKIO_PARAMETERS", "D:dom T[16]:params u:flags", "",
      RO, "virDomainSetBlkioParameters", remote_dom_set_blkio_params },
    { 206, "DOMAIN_GET_BLKIO_PARAMETERS", "D:dom i:nparams u:flags",
      "T[16]:params i:nparams", 0, NULL, remote_dom_get_blkio_params },
    { 210, "DOMAIN_INJECT_NMI", "D:dom u:flags", "", RO,
      "virDomainInjectNMI", remote_dom_inject_nmi },
    { 212, "DOMAIN_GET_STATE", "D:dom u:flags", "i:state i:reason", P, NULL,
      remote_dom_get_state },
    { 219, "DOMAIN_SET_SCHEDULER_PARAMETERS_FLAGS", "D:dom T[16]:params u:flags",
      "", RO, "virDomainSetSchedulerParametersFlags",
      remote_dom_set_scheduler_params_flags },
    { 220, "INTERFACE_CHANGE_BEGIN", "u:flags", "", RO,
      "virInterfaceChangeBegin", remote_iface_change_begin },
    { 221, "INTERFACE_CHANGE_COMMIT", "u:flags", "", RO,
      "virInterfaceChangeCommit", remote_iface_change_commit },
    { 222, "INTERFACE_CHANGE_ROLLBACK", "u:flags", "", RO,
      "virInterfaceChangeRollback", remote_iface_change_rollback },
    { 223, "DOMAIN_GET_SCHEDULER_PARAMETERS_FLAGS", "D:dom i:nparams "
      "u:flags", "T[16]:params", 0, NULL,
      remote_dom_get_scheduler_params_flags },
    { 225, "DOMAIN_PIN_VCPU_FLAGS", "D:dom u:vcpu o[2048]:cpumap u:flags",
      "", RO, "virDomainPinVcpuFlags", remote_dom_pin_vcpu },
    { 226, "DOMAIN_SEND_KEY", "D:dom u:codeset u:holdtime u[16]:keycodes "
      "u:flags", "", RO, "virDomainSendKey", remote_dom_send_key },
    { 227, "NODE_GET_CPU_STATS", "i:cpuNum i:nparams u:flags", STATS, P,
      NULL, remote_node_get_cpu_stats },
    { 228, "NODE_GET_MEMORY_STATS", "i:nparams i:cellNum u:flags", STATS, P,
      NULL, remote_node_get_memory_stats },
    { 229, "DOMAIN_GET_CONTROL_INFO", "D:dom u:flags", "u:state u:details "
      "H:stateTime", P, NULL, remote_dom_get_control_info },
    { 230, "DOMAIN_GET_VCPU_PIN_INFO", "D:dom i:ncpumaps i:maplen u:flags",
      "o[8388608]:cpumaps i:num", 0, NULL, remote_dom_get_vcpu_pin_info },
    { 231, "DOMAIN_UNDEFINE_FLAGS", "D:dom u:flags", "", P | RO,
      "virDomainUndefineFlags", remote_dom_undefine },
    { 232, "DOMAIN_SAVE_FLAGS", "D:dom s:to S:dxml u:flags", "", RO,
      "virDomainSaveFlags", remote_dom_save_flags },
    { 233, "DOMAIN_RESTORE_FLAGS", "s:from S:dxml u:flags", "", RO,
      "virDomainRestoreFlags", remote_dom_restore_flags },
    { 234, "DOMAIN_DESTROY_FLAGS", "D:dom u:flags", "", P | RO,
      "virDomainDestroyFlags", remote_dom_destroy },
    { 235, "DOMAIN_SAVE_IMAGE_GET_XML_DESC", "s:file u:flags", "s:xml",
      P | RO, "virDomainSaveImageGetXMLDesc", remote_save_image_get_xml },
    { 236, "DOMAIN_SAVE_IMAGE_DEFINE_XML", "s:file s:dxml u:flags", "", P | RO,
      "virDomainSaveImageDefineXML", remote_save_image_define_xml },
    { 243, "DOMAIN_BLOCK_STATS_FLAGS", "D:dom s:path i:nparams u:flags",
      "T[16]:params i:nparams", 0, NULL, remote_dom_block_stats_flags },
    { 244, "DOMAIN_SNAPSHOT_GET_PARENT", "G:snap u:flags", "G:snap", P, NULL,
      remote_snap_get_parent },
    { 245, "DOMAIN_RESET", "D:dom u:flags", "", RO, "virDomainReset",
      remote_dom_reset },
    { 246, "DOMAIN_SNAPSHOT_NUM_CHILDREN", "G:snap u:flags", "i:num", P,
      NULL, remote_snap_num_children },
    { 247, "DOMAIN_SNAPSHOT_LIST_CHILDREN_NAMES", "G:snap i:maxnames u:flags",
      NAMES, P, NULL, remote_snap_list_children_names },
    { 250, "NODE_SUSPEND_FOR_DURATION", "u:target H:duration u:flags", "",
      RO, "virNodeSuspendForDuration", remote_node_suspend },
    { 252, "DOMAIN_SET_BLOCK_IO_TUNE", "D:dom s:disk T[32]:params u:flags",
      "", RO, "virDomainSetBlockIoTune", remote_dom_set_block_iotune },
    { 253, "DOMAIN_GET_BLOCK_IO_TUNE", "D:dom S:disk i:nparams u:flags",
      "T[32]:params i:nparams", 0, NULL, remote_dom_get_block_iotune },
    { 254, "DOMAIN_SET_NUMA_PARAMETERS", "D:dom T[16]:params u:flags", "",
      RO, "virDomainSetNumaParameters", remote_dom_set_numa_params },
    { 255, "DOMAIN_GET_NUMA_PARAMETERS", "D:dom i:nparams u:flags",
      "T[16]:params i:nparams", 0, NULL, remote_dom_get_numa_params },
    { 256, "DOMAIN_SET_INTERFACE_PARAMETERS", "D:dom s:device T[16]:params "
      "u:flags", "", RO, "virDomainSetInterfaceParameters",
      remote_dom_set_interface_params },
    { 257, "DOMAIN_GET_INTERFACE_PARAMETERS", "D:dom s:device i:nparams "
      "u:flags", "T[16]:params i:nparams", 0, NULL,
      remote_dom_get_interface_params },
    { 258, "DOMAIN_SHUTDOWN_FLAGS", "D:dom u:flags", "", RO,
      "virDomainShutdownFlags", remote_dom_shutdown },
    { 262, "DOMAIN_GET_CPU_STATS", "D:dom u:nparams i:start_cpu u:ncpus "
      "u:flags", "T[2048]:params i:nparams", 0, NULL,
      remote_dom_get_cpu_stats },
    { 263, "DOMAIN_GET_DISK_ERRORS", "D:dom u:maxerrors u:flags",
      "R[256]:errors i:nerrors", 0, NULL, remote_dom_get_disk_errors },
    { 264, "DOMAIN_SET_METADATA", "D:dom i:type S:metadata S:key S:uri "
      "u:flags", "", RO, "virDomainSetMetadata", remote_dom_set_metadata },
    { 265, "DOMAIN_GET_METADATA", "D:dom i:type S:uri u:flags",
      "s:metadata", 0, NULL, remote_dom_get_metadata },
    { 271, "DOMAIN_SNAPSHOT_IS_CURRENT", "G:snap u:flags", "i:current", 0,
      NULL, remote_snap_is_current },
    { 272, "DOMAIN_SNAPSHOT_HAS_METADATA", "G:snap u:flags", "i:metadata", 0,
      NULL, remote_snap_has_metadata },
    { 273, "CONNECT_LIST_ALL_DOMAINS", "i:need_results u:flags",
      DOMLIST ":domains u:ret", P, NULL, remote_list_all_domains },
    { 274, "DOMAIN_LIST_ALL_SNAPSHOTS", "D:dom i:need_results u:flags",
      "G[16384]:snapshots i:ret", P, NULL, remote_snap_list_all },
    { 275, "DOMAIN_SNAPSHOT_LIST_ALL_CHILDREN", "G:snapshot i:need_results "
      "u:flags", "G[16384]:snapshots i:ret", P, NULL,
      remote_snap_list_all_children },
    { 277, "DOMAIN_GET_HOSTNAME", "D:dom u:flags", "s:hostname", RO,
      "virDomainGetHostname", remote_dom_get_hostname },
    { 279, "DOMAIN_PIN_EMULATOR", "D:dom o[2048]:cpumap u:flags", "", RO,
      "virDomainPinEmulator", remote_dom_pin_emulator },
    { 280, "DOMAIN_GET_EMULATOR_PIN_INFO", "D:dom i:maplen u:flags",
      "o[8388608]:cpumaps i:ret", 0, NULL, remote_dom_get_emulator_pin_info },
    { 281, "CONNECT_LIST_ALL_STORAGE_POOLS", "i:need_results u:flags",
      "P[16384]:pools u:ret", P, NULL, remote_list_all_pools },
    { 282, "STORAGE_POOL_LIST_ALL_VOLUMES", "P:pool i:need_results u:flags",
      "V[16384]:vols u:ret", P, NULL, remote_pool_list_all_volumes },
    { 283, "CONNECT_LIST_ALL_NETWORKS", "i:need_results u:flags",
      "N[16384]:nets u:ret", P, NULL, remote_list_all_networks },
    { 284, "CONNECT_LIST_ALL_INTERFACES", "i:need_results u:flags",
      "F[16384]:ifaces u:ret", P, NULL, remote_list_all_interfaces },
    { 285, "CONNECT_LIST_ALL_NODE_DEVICES", "i:need_results u:flags",
      "s[65536]:devices u:ret", P, NULL, remote_nodedev_list_all },
    { 286, "CONNECT_LIST_ALL_NWFILTERS", "i:need_results u:flags",
      "L[16384]:filters u:ret", P, NULL, remote_nwfilter_list_all },
    { 287, "CONNECT_LIST_ALL_SECRETS", "i:need_results u:flags",
      "B[16384]:secrets u:ret", P, NULL, remote_secret_list_all },
    { 288, "NODE_SET_MEMORY_PARAMETERS", "T[64]:params u:flags", "", RO,
      "virNodeSetMemoryParameters", remote_node_set_memory_params },
    { 289, "NODE_GET_MEMORY_PARAMETERS", "i:nparams u:flags",
      "T[64]:params i:nparams", 0, NULL, remote_node_get_memory_params },
    { 291, "NETWORK_UPDATE", "N:net u:command u:section i:parentIndex "
      "s:xml u:flags", "", P | RO, "virNetworkUpdate", remote_net_update },
    { 293, "NODE_GET_CPU_MAP", "i:need_map i:need_online u:flags",
      "o[2048]:cpumap u:online i:ret", 0, NULL, remote_node_get_cpu_map },
    { 294, "DOMAIN_FSTRIM", "D:dom S:mountPoint H:minimum u:flags", "", RO,
      "virDomainFSTrim", remote_dom_fs_trim },
    { 295, "DOMAIN_SEND_PROCESS_SIGNAL", "D:dom h:pid_value u:signum "
      "u:flags", "", 0, NULL, remote_dom_send_process_signal },
    { 297, "NODE_DEVICE_LOOKUP_SCSI_HOST_BY_WWN", "s:wwnn s:wwpn u:flags",
      "s:dev", P, NULL, remote_nodedev_lookup_wwn },
    { 301, "NODE_DEVICE_DETACH_FLAGS", "s:name S:driverName u:flags", "",
      RO, "virNodeDeviceDetachFlags", remote_nodedev_detach_flags },
    { 308, "DOMAIN_SET_MEMORY_STATS_PERIOD", "D:dom i:period u:flags", "",
      RO, "virDomainSetMemoryStatsPeriod", remote_dom_set_memory_stats_period },
    { 312, "CONNECT_GET_CPU_MODEL_NAMES", "s:arch i:need_results u:flags",
      "s[8192]:models i:ret", 0, NULL, remote_get_cpu_model_names },
    { 313, "CONNECT_NETWORK_EVENT_REGISTER_ANY", "i:eventID n:net",
      "i:callbackID", P, NULL, remote_net_event_register },
    { 314, "CONNECT_NETWORK_EVENT_DEREGISTER_ANY", "i:callbackID", "", P,
      NULL, remote_net_event_deregister },
    { 315, "NETWORK_EVENT_LIFECYCLE", "", "i:callbackID N:net i:event "
      "i:detail", MSG, NULL, NULL },
    { 316, "CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY", "i:eventID d:dom",
      "i:callbackID", P, NULL, remote_event_callback_register },
    { 317, "CONNECT_DOMAIN_EVENT_CALLBACK_DEREGISTER_ANY", "i:callbackID",
      "", P, NULL, remote_event_callback_deregister },
    { 318, "DOMAIN_EVENT_CALLBACK_LIFECYCLE", "", "i:callbackID D:dom "
      "i:event i:detail", MSG, NULL, NULL },
    { 319, "DOMAIN_EVENT_CALLBACK_REBOOT", "", "i:callbackID D:dom", MSG,
      NULL, NULL },
    { 334, "DOMAIN_CORE_DUMP_WITH_FORMAT", "D:dom s:to u:dumpformat u:flags",
      "", RO, "virDomainCoreDumpWithFormat",
      remote_dom_core_dump_with_format },
    { 335, "DOMAIN_FSFREEZE", "D:dom s[256]:mountpoints u:flags",
      "i:filesystems", RO, "virDomainFSFreeze", remote_dom_fs_freeze },
    { 336, "DOMAIN_FSTHAW", "D:dom s[256]:mountpoints u:flags",
      "i:filesystems", RO, "virDomainFSThaw", remote_dom_fs_thaw },
    { 337, "DOMAIN_GET_TIME", "D:dom u:flags", "h:seconds u:nseconds", RO,
      "virDomainGetTime", remote_dom_get_time },
    { 338, "DOMAIN_SET_TIME", "D:dom h:seconds u:nseconds u:flags", "", RO,
      "virDomainSetTime", remote_dom_set_time },
    { 341, "NETWORK_GET_DHCP_LEASES", "N:net S:mac i:need_results u:flags",
      "l[65536]:leases u:ret", 0, NULL, remote_net_dhcp_leases },
    { 342, "CONNECT_GET_DOMAIN_CAPABILITIES", "S:emulatorbin S:arch "
      "S:machine S:virttype u:flags", "s:capabilities", RO,
      "virConnectGetDomainCapabilities", remote_get_domain_capabilities },
    { 344, "CONNECT_GET_ALL_DOMAIN_STATS", "D[16384]:doms u:stats u:flags",
      "W[16384]:retStats", 0, NULL, remote_get_all_domain_stats },
    { 347, "NODE_ALLOC_PAGES", "u[1024]:pageSizes H[1024]:pageCounts "
      "i:startCell u:cellCount u:flags", "i:ret", RO, "virNodeAllocPages",
      remote_node_alloc_pages },
    { 349, "DOMAIN_GET_FSINFO", "D:dom u:flags", "Z[256]:info u:ret", RO,
      "virDomainGetFSInfo", remote_dom_get_fsinfo },
    { 350, "DOMAIN_DEFINE_XML_FLAGS", "s:xml u:flags", "D:dom", P | RO,
      "virDomainDefineXMLFlags", remote_dom_define_xml },
    { 351, "DOMAIN_GET_IOTHREAD_INFO", "D:dom u:flags",
      "J[16384]:info u:ret", 0, NULL, remote_dom_get_iothread_info },
    { 352, "DOMAIN_PIN_IOTHREAD", "D:dom u:iothreads_id o[2048]:cpumap "
      "u:flags", "", RO, "virDomainPinIOThread", remote_dom_pin_iothread },
    { 353, "DOMAIN_INTERFACE_ADDRESSES", "D:dom u:source u:flags",
      "I[2048]:ifaces", 0, NULL, remote_dom_interface_addresses },
    { 355, "DOMAIN_ADD_IOTHREAD", "D:dom u:iothread_id u:flags", "", RO,
      "virDomainAddIOThread", remote_dom_add_iothread },
    { 356, "DOMAIN_DEL_IOTHREAD", "D:dom u:iothread_id u:flags", "", RO,
      "virDomainDelIOThread", remote_dom_del_iothread },
    { 357, "DOMAIN_SET_USER_PASSWORD", "D:dom S:user S:password u:flags",
      "", RO, "virDomainSetUserPassword", remote_dom_set_user_password },
    { 358, "DOMAIN_RENAME", "D:dom S:new_name u:flags", "i:retcode", 0,
      NULL, remote_dom_rename },
    { 360, "CONNECT_REGISTER_CLOSE_CALLBACK", "", "", P, NULL,
      remote_register_close_cb },
    { 361, "CONNECT_UNREGISTER_CLOSE_CALLBACK", "", "", P, NULL,
      remote_unregister_close_cb },
    { 362, "CONNECT_EVENT_CONNECTION_CLOSED", "", "i:reason", MSG, NULL,
      NULL },
    { 365, "DOMAIN_GET_PERF_EVENTS", "D:dom u:flags", "T[64]:params", 0,
      NULL, remote_dom_get_perf_events },
    { 366, "DOMAIN_SET_PERF_EVENTS", "D:dom T[64]:params u:flags", "", RO,
      "virDomainSetPerfEvents", remote_dom_set_perf_events },
    { 368, "CONNECT_STORAGE_POOL_EVENT_REGISTER_ANY", "i:eventID n:pool",
      "i:callbackID", P, NULL, remote_pool_event_register },
    { 369, "CONNECT_STORAGE_POOL_EVENT_DEREGISTER_ANY", "i:callbackID", "",
      P, NULL, remote_pool_event_deregister },
    { 370, "STORAGE_POOL_EVENT_LIFECYCLE", "", "i:callbackID P:pool i:event "
      "i:detail", MSG, NULL, NULL },
    { 373, "STORAGE_POOL_EVENT_REFRESH", "", "i:callbackID P:pool", MSG, NULL,
      NULL },
    { 374, "CONNECT_NODE_DEVICE_EVENT_REGISTER_ANY", "i:eventID S:dev",
      "i:callbackID", P, NULL, remote_nodedev_event_register },
    { 375, "CONNECT_NODE_DEVICE_EVENT_DEREGISTER_ANY", "i:callbackID", "",
      P, NULL, remote_nodedev_event_deregister },
    { 376, "NODE_DEVICE_EVENT_LIFECYCLE", "", "i:callbackID s:dev i:event "
      "i:detail", MSG, NULL, NULL },
    { 377, "NODE_DEVICE_EVENT_UPDATE", "", "i:callbackID s:dev", MSG, NULL,
      NULL },
    { 380, "CONNECT_SECRET_EVENT_REGISTER_ANY", "i:eventID B[1]:secret",
      "i:callbackID", P, NULL, remote_secret_event_register },
    { 381, "CONNECT_SECRET_EVENT_DEREGISTER_ANY", "i:callbackID", "", P,
      NULL, remote_secret_event_deregister },
    { 382, "SECRET_EVENT_LIFECYCLE", "", "i:callbackID B:secret i:event "
      "i:detail", MSG, NULL, NULL },
    { 383, "SECRET_EVENT_VALUE_CHANGED", "", "i:callbackID B:secret", MSG,
      NULL, NULL },
    { 390, "DOMAIN_SET_LIFECYCLE_ACTION", "D:dom u:type u:action u:flags",
      "", RO, "virDomainSetLifecycleAction",
      remote_dom_set_lifecycle_action },
    { 397, "NWFILTER_BINDING_LOOKUP_BY_PORT_DEV", "s:name", "O:nwfilter", P,
      NULL, remote_nwbinding_lookup },
    { 398, "NWFILTER_BINDING_GET_XML_DESC", BINDING " u:flags", "s:xml", P,
      NULL, remote_nwbinding_xml },
    { 399, "NWFILTER_BINDING_CREATE_XML", "s:xml u:flags", "O:nwfilter",
      P | RO, "virNWFilterBindingCreateXML", remote_nwbinding_create_xml },
    { 400, "NWFILTER_BINDING_DELETE", BINDING, "", P | RO,
      "virNWFilterBindingDelete", remote_nwbinding_delete },
    { 401, "CONNECT_LIST_ALL_NWFILTER_BINDINGS", "i:need_results u:flags",
      "O[16384]:bindings u:ret", P, NULL, remote_nwbinding_list_all },
    { 402, "DOMAIN_SET_IOTHREAD_PARAMS", "D:dom u:iothread_id "
      "T[64]:params u:flags", "", RO, "virDomainSetIOThreadParams",
      remote_dom_set_iothread_params },
    { 403, "CONNECT_GET_STORAGE_POOL_CAPABILITIES", "u:flags",
      "s:capabilities", 0, NULL, remote_pool_capabilities },
    { 404, "NETWORK_LIST_ALL_PORTS", "N:network i:need_results u:flags",
      "C[16384]:ports u:ret", P, NULL, remote_netport_list_all },
    { 405, "NETWORK_PORT_LOOKUP_BY_UUID", "N:network U:uuid", "C:port", P,
      NULL, remote_netport_lookup },
    { 406, "NETWORK_PORT_CREATE_XML", "N:network s:xml u:flags", "C:port",
      RO, "virNetworkPortCreateXML", remote_netport_create_xml },
    { 407, "NETWORK_PORT_GET_PARAMETERS", NETPORT " i:nparams u:flags",
      "T[16]:params i:nparams", 0, NULL, remote_netport_get_params },
    { 408, "NETWORK_PORT_SET_PARAMETERS", NETPORT " T[16]:params u:flags", "",
      RO, "virNetworkPortSetParameters", remote_netport_set_params },
    { 409, "NETWORK_PORT_GET_XML_DESC", NETPORT " u:flags", "s:xml", 0, NULL,
      remote_netport_xml },
    { 410, "NETWORK_PORT_DELETE", NETPORT " u:flags", "", RO,
      "virNetworkPortDelete", remote_netport_delete },
    { 418, "DOMAIN_GET_GUEST_INFO", "D:dom u:types u:flags",
      "T[2048]:params", RO, "virDomainGetGuestInfo", remote_dom_get_guest_info },
    { 426, "DOMAIN_GET_MESSAGES", "D:dom u:flags", "s[2048]:msgs", 0, NULL,
      remote_dom_get_messages },
    { 428, "NODE_DEVICE_DEFINE_XML", "s:xml_desc u:flags", "s:dev", RO,
      "virNodeDeviceDefineXML", remote_nodedev_define_xml },
    { 429, "NODE_DEVICE_UNDEFINE", "s:name u:flags", "", P | RO,
      "virNodeDeviceUndefine", remote_nodedev_undefine },
    { 430, "NODE_DEVICE_CREATE", "s:name u:flags", "", P | RO,
      "virNodeDeviceCreate", remote_nodedev_create },
    /* libvirt 9.0 denies this read to read-only clients */
    { 431, "NWFILTER_DEFINE_XML_FLAGS", "s:xml u:flags", "L:nwfilter",
      P | RO, "virNWFilterDefineXMLFlags", remote_nwfilter_define_xml_flags },
    { 433, "NODE_DEVICE_GET_AUTOSTART", "s:name", "i:autostart", P | RO,
      "virNodeDeviceGetAutostart", remote_nodedev_get_autostart },
    { 434, "NODE_DEVICE_SET_AUTOSTART", "s:name i:autostart", "", P | RO,
      "virNodeDeviceSetAutostart", remote_nodedev_set_autostart },
    { 435, "NODE_DEVICE_IS_PERSISTENT", "s:name", "i:persistent", P, NULL,
      remote_nodedev_is_persistent },
    { 436, "NODE_DEVICE_IS_ACTIVE", "s:name", "i:active", P, NULL,
      remote_nodedev_is_active },
};

const struct rpc_prog rpc_prog_remote = {
    .prog = RPC_PROG_REMOTE,
    .vers = RPC_VERS,
    .name = "remote",
    .procs = remote_procs,
    .nprocs = sizeof(remote_procs) / sizeof(remote_procs[0]),
    .client_new = remote_client_new,
    .client_gone = remote_client_gone,
    .client_free = remote_client_free,
    .client_event = remote_client_event,
};
