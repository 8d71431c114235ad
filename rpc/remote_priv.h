/*
 * remote_priv.h: internals of the REMOTE program (rpc/remote*.c): the
 * per-client session, helpers shared by the handlers, and the handler
 * prototypes the procedure table (remote.c) refers to.
 *
 * Handlers run on worker threads. Those that need the hypervisor
 * connection are written as "bodies" taking (call, conn) and wrapped by
 * REMOTE_PROC, which holds a reference on the client's driver connection
 * for the duration of the body (a concurrent failing CONNECT_OPEN may
 * drop the session's own reference meanwhile, as libvirtd does).
 */
#ifndef VIRTD_RPC_REMOTE_PRIV_H
#define VIRTD_RPC_REMOTE_PRIV_H

#include <pthread.h>
#include <stdatomic.h>

#include "drivers/driver.h"
#include "rpc/prog.h"

#define REMOTE_AFFECT_LIVE    1u      /* VIR_DOMAIN_AFFECT_* */
#define REMOTE_AFFECT_CONFIG  2u

/* VIR_TYPED_PARAM_STRING_OKAY and the features the daemon answers. */
#define REMOTE_TP_STRING_OKAY        4u
#define REMOTE_FEATURE_FD_PASSING    8
#define REMOTE_FEATURE_TYPED_STRING  9
#define REMOTE_FEATURE_KEEPALIVE     10
#define REMOTE_FEATURE_EVENT_CB      14
#define REMOTE_FEATURE_CLOSE_CB      15

#define REMOTE_LIB_VERSION 9000000ULL    /* libvirt 9.0.0 */

/* Protocol bounds (remote_protocol.x) the handlers check. */
#define REMOTE_DOMAIN_LIST_MAX        16384
#define REMOTE_NETWORK_LIST_MAX       16384
#define REMOTE_INTERFACE_LIST_MAX     16384
#define REMOTE_STORAGE_POOL_LIST_MAX  16384
#define REMOTE_STORAGE_VOL_LIST_MAX   16384
#define REMOTE_DOMAIN_SNAPSHOT_LIST_MAX 16384
#define REMOTE_NODE_MAX_CELLS         1024
#define REMOTE_NODE_STATS_MAX         16      /* cpu and memory stats */
#define REMOTE_PARAMS_MAX             16      /* sched, memory, block stats */
#define REMOTE_CPU_MODELS_MAX         8192
#define REMOTE_MESSAGES_MAX           2048

#define REMOTE_EVENT_REGS_MAX 1024    /* event registrations per client */

/* One event registration of a client (105, 167 or 316). */
struct remote_evreg {
    int32_t callback_id;
    int32_t event_id;
    bool legacy;                  /* 105/167: legacy MESSAGE procedures */
    bool filter;                  /* only the domain with uuid */
    uint8_t uuid[DRV_UUID_LEN];
};

/*
 * A driver connection, shared by the session and the running handlers,
 * and the target of its events: the driver's sink (remote_event_sink,
 * opaque = the dconn) posts to client while it is set. client is cleared
 * (under evlock) when the client goes (client_gone, on the reactor while
 * it still holds its reference) or the connection is dropped, so a sink
 * that sees it set may take a reference on it. The dconn outlives every
 * sink call: it is freed after drv_close().
 */
struct remote_dconn {
    struct drv_conn *conn;
    atomic_int refs;              /* fetch_sub in unref pairs with the
                                     increments taken under the lock */
    pthread_mutex_t evlock;
    struct rpc_client *client;    /* guarded by evlock */
};

/* Per-client state of the REMOTE program. */
struct remote_session {
    pthread_mutex_t lock;         /* held briefly; never across a call */
    struct remote_dconn *dc;      /* guarded by lock; NULL: not open */
    bool opening;                 /* guarded by lock: OPEN in progress */
    bool close_cb;                /* guarded by lock: 360 registered */
    bool gone;                    /* guarded by lock: client disconnected */
    struct remote_evreg *regs;    /* guarded by lock: event registrations */
    size_t nregs, regs_cap;
    int32_t next_cb_id;           /* guarded by lock */
};

typedef int remote_body_fn(struct rpc_call *call, struct drv_conn *c);

/* Run @body with a reference on the client's driver connection, or fail
 * with libvirtd's "hypervisor connection not open". */
int remote_with_conn(struct rpc_call *call, remote_body_fn *body);

#define REMOTE_PROC(name)                                                 \
    static int name##_body(struct rpc_call *call, struct drv_conn *c);   \
    int name(struct rpc_call *call)                                       \
    {                                                                     \
        return remote_with_conn(call, name##_body);                       \
    }                                                                     \
    static int name##_body(struct rpc_call *call, struct drv_conn *c)

/* In a REMOTE_PROC body: NO_SUPPORT naming @api when the driver has no
 * @fn entry. @errdom: the API's error domain. */
#define REMOTE_NEED(fn, errdom, api)                                     \
    do {                                                                 \
        if (!c->ops->fn)                                                 \
            return remote_unsupported(call, errdom, api);                \
    } while (0)

/* The dispatcher's bounds on a typed-parameter or stats "nparams":
 * INTERNAL_ERROR "nparams too large" / "nparams must be non-negative". */
int remote_check_nparams(struct rpc_call *call, int64_t n, int bound);

/* NO_SUPPORT for a NULL driver entry (domain: the API's error domain). */
int remote_unsupported(struct rpc_call *call, int errdom, const char *api);
/* libvirt public API argument check failure: INVALID_ARG in the DOMAIN
 * error domain, message printf-formatted without prefix. */
/* The flags argument (the second) of the procedures that have one, 0 for
 * their twins without, which share the handler (DOMAIN_DESTROY and
 * DOMAIN_DESTROY_FLAGS, STORAGE_POOL_DESTROY and STORAGE_POOL_CREATE). */
unsigned remote_opt_flags(const struct rpc_call *call);
int remote_bad_arg(struct rpc_call *call, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* The dispatcher's own checks: RPC error (39/7) or INTERNAL_ERROR (1/7). */
int remote_rpc_error(struct rpc_call *call, const char *msg);
int remote_internal_error(struct rpc_call *call, const char *msg);
/* An array of @n zeroed elements for @v, or NULL (error set). */
struct xval *remote_array(struct rpc_call *call, struct xval *v, int n);
/* An array of @n structs of @members members each for @v (struct shape
 * letters, rpc/xdr.h): returns the members, element i's at
 * [i * members, (i + 1) * members), zeroed; NULL with the error set. */
struct xval *remote_struct_array(struct rpc_call *call, struct xval *v,
                                 int n, int members);

/* The typed parameters of a T array (pv->n of them) as the driver takes
 * them; strings point into the call. */
void remote_tparams_in(const struct xval *pv, struct drv_tparam *out);
/* The same for a set call (remote_dom_tune.c): none on the wire is a
 * NULL array to the public API @api, which refuses it. */
int remote_set_params_in(struct rpc_call *call, const struct xval *pv,
                         struct drv_tparam *params, const char *api);

/* VIR_EXCLUSIVE_FLAGS over the pairs bits[i], bits[i + 1] (i even, < @n):
 * the first pair both set in @flags is libvirt's INVALID_ARG naming
 * names[i] and names[i + 1]. */
int remote_exclusive(struct rpc_call *call, unsigned flags,
                     const unsigned *bits, const char *const *names, int n);
/* LIVE and CONFIG together: libvirt's "mutually exclusive" INVALID_ARG. */
int remote_affect_check(struct rpc_call *call, unsigned flags);

/* Wire <-> driver identities. The result setters copy uuids into the
 * call's arena. */
void remote_arg_dom(const struct xval *v, struct drv_dom *d);
void remote_arg_net(const struct xval *v, struct drv_net *n);
void remote_arg_pool(const struct xval *v, struct drv_pool *p);
void remote_arg_vol(const struct xval *v, struct drv_vol *vol);
void remote_arg_iface(const struct xval *v, struct drv_iface *i);
int remote_set_dom(struct rpc_call *call, struct xval *v,
                   const struct drv_dom *d);
int remote_set_net(struct rpc_call *call, struct xval *v,
                   const struct drv_net *n);
int remote_set_pool(struct rpc_call *call, struct xval *v,
                    const struct drv_pool *p);
void remote_set_vol(struct xval *v, const struct drv_vol *vol);
void remote_set_iface(struct xval *v, const struct drv_iface *i);
/* Array of @n strings into @v (elements from the arena). */
int remote_set_strings(struct rpc_call *call, struct xval *v,
                       const char *const *s, int n);
/* The public API adds STRING_OKAY to a getter's flags when the driver
 * can send strings. */
unsigned remote_tp_flags(struct drv_conn *c, unsigned flags);
/* Typed params into @v. */
int remote_set_tparams(struct rpc_call *call, struct xval *v,
                       const struct drv_tparam *p, int n);
/* Does the connection's driver support VIR_DRV_FEATURE @f? */
bool remote_drv_feature(struct drv_conn *c, int f);
/* Check a legacy name-list "maxnames"/"maxids" argument: 0 or -1 with the
 * dispatcher's error naming @what ("maxnames") and @limit. */
int remote_check_max(struct rpc_call *call, int64_t max, const char *what,
                     const char *limit, int bound);

/* num_of_* and list_*_names driver entries of networks, pools and
 * interfaces (and domains for the count). */
typedef int remote_count_fn(struct drv_conn *c, bool active, int *out,
                            struct err *e);
typedef int remote_names_fn(struct drv_conn *c, bool active, int max,
                            struct arena *a, const char ***out, int *n,
                            struct err *e);
/* ret[0] = the count of active (or inactive) objects. */
int remote_obj_count(struct rpc_call *call, struct drv_conn *c,
                     remote_count_fn *fn, bool active, int errdom,
                     const char *api);
/* args[0] = maxnames (checked against @bound, named @limit in the error),
 * ret[0] = the names. */
int remote_obj_names(struct rpc_call *call, struct drv_conn *c,
                     remote_names_fn *fn, bool active, const char *limit,
                     int bound, int errdom, const char *api);
/* The dispatcher's "Too many WHAT 'N' for limit 'B'" when n > bound. */
int remote_too_many(struct rpc_call *call, int n, int bound,
                    const char *what);

/* What a ListAll call returns. */
enum remote_kind {
    REMOTE_K_DOM,
    REMOTE_K_NET,
    REMOTE_K_POOL,
    REMOTE_K_VOL,
    REMOTE_K_IFACE,
};

/* ret[0] = the @n identities in @items (an array of the kind's driver
 * struct) when @need, ret[1] = @n; libvirtd's "Too many" error when @n
 * passes the protocol's bound. */
int remote_set_list(struct rpc_call *call, enum remote_kind kind,
                    const void *items, int n, bool need);

/* -- handlers ------------------------------------------------------------- */

/* remote.c: connection */
int remote_auth_list(struct rpc_call *call);
int remote_connect_open(struct rpc_call *call);
int remote_connect_close(struct rpc_call *call);
int remote_supports_feature(struct rpc_call *call);
int remote_register_close_cb(struct rpc_call *call);
int remote_unregister_close_cb(struct rpc_call *call);
int remote_get_lib_version(struct rpc_call *call);

/* remote_host.c */
int remote_get_type(struct rpc_call *call);
int remote_get_version(struct rpc_call *call);
int remote_get_max_vcpus(struct rpc_call *call);
int remote_node_get_info(struct rpc_call *call);
int remote_get_capabilities(struct rpc_call *call);
int remote_get_hostname(struct rpc_call *call);
int remote_node_get_cells_free_memory(struct rpc_call *call);
int remote_node_get_free_memory(struct rpc_call *call);
int remote_get_uri(struct rpc_call *call);
int remote_node_get_security_model(struct rpc_call *call);
int remote_is_secure(struct rpc_call *call);
int remote_get_sysinfo(struct rpc_call *call);
int remote_node_get_cpu_stats(struct rpc_call *call);
int remote_node_get_memory_stats(struct rpc_call *call);
int remote_get_cpu_model_names(struct rpc_call *call);
int remote_get_domain_capabilities(struct rpc_call *call);

/* remote_dom.c */
int remote_list_defined_domains(struct rpc_call *call);
int remote_dom_lookup_by_id(struct rpc_call *call);
int remote_dom_lookup_by_name(struct rpc_call *call);
int remote_dom_lookup_by_uuid(struct rpc_call *call);
int remote_num_of_defined_domains(struct rpc_call *call);
int remote_list_domains(struct rpc_call *call);
int remote_num_of_domains(struct rpc_call *call);
int remote_list_all_domains(struct rpc_call *call);
int remote_dom_get_xml_desc(struct rpc_call *call);
int remote_dom_get_autostart(struct rpc_call *call);
int remote_dom_get_info(struct rpc_call *call);
int remote_dom_get_max_memory(struct rpc_call *call);
int remote_dom_get_max_vcpus(struct rpc_call *call);
int remote_dom_get_os_type(struct rpc_call *call);
int remote_dom_is_active(struct rpc_call *call);
int remote_dom_is_persistent(struct rpc_call *call);
int remote_dom_is_updated(struct rpc_call *call);
int remote_dom_get_state(struct rpc_call *call);
int remote_dom_get_security_label(struct rpc_call *call);
int remote_dom_has_managed_save(struct rpc_call *call);
int remote_dom_get_vcpus_flags(struct rpc_call *call);
int remote_dom_get_messages(struct rpc_call *call);

/* remote_dom_tune.c */
int remote_dom_get_scheduler_type(struct rpc_call *call);
int remote_dom_get_scheduler_params(struct rpc_call *call);
int remote_dom_get_scheduler_params_flags(struct rpc_call *call);
int remote_dom_get_memory_params(struct rpc_call *call);
int remote_dom_block_stats(struct rpc_call *call);
int remote_dom_block_stats_flags(struct rpc_call *call);
int remote_dom_interface_stats(struct rpc_call *call);
int remote_dom_get_hostname(struct rpc_call *call);
int remote_dom_get_time(struct rpc_call *call);
int remote_dom_set_time(struct rpc_call *call);
int remote_dom_get_control_info(struct rpc_call *call);
int remote_dom_fs_freeze(struct rpc_call *call);
int remote_dom_fs_thaw(struct rpc_call *call);
int remote_dom_fs_trim(struct rpc_call *call);
int remote_dom_get_block_info(struct rpc_call *call);
int remote_dom_reset(struct rpc_call *call);
int remote_dom_managed_save(struct rpc_call *call);
int remote_dom_rename(struct rpc_call *call);
int remote_node_suspend(struct rpc_call *call);
int remote_node_get_memory_params(struct rpc_call *call);
int remote_node_set_memory_params(struct rpc_call *call);
int remote_dom_get_guest_info(struct rpc_call *call);
int remote_dom_managed_save_remove(struct rpc_call *call);
int remote_dom_get_numa_params(struct rpc_call *call);
int remote_dom_get_vcpu_pin_info(struct rpc_call *call);
int remote_dom_get_emulator_pin_info(struct rpc_call *call);
int remote_node_get_cpu_map(struct rpc_call *call);
int remote_dom_get_vcpus(struct rpc_call *call);
int remote_dom_pin_vcpu(struct rpc_call *call);
int remote_dom_pin_emulator(struct rpc_call *call);
/* remote_dom_io.c */
int remote_dom_get_iothread_info(struct rpc_call *call);
int remote_dom_pin_iothread(struct rpc_call *call);
int remote_dom_add_iothread(struct rpc_call *call);
int remote_dom_del_iothread(struct rpc_call *call);
int remote_dom_set_iothread_params(struct rpc_call *call);
int remote_dom_get_disk_errors(struct rpc_call *call);
int remote_dom_get_fsinfo(struct rpc_call *call);
int remote_dom_memory_stats(struct rpc_call *call);
int remote_dom_set_memory_stats_period(struct rpc_call *call);
int remote_dom_inject_nmi(struct rpc_call *call);
int remote_dom_set_user_password(struct rpc_call *call);
int remote_dom_set_scheduler_params(struct rpc_call *call);
int remote_dom_set_memory_params(struct rpc_call *call);
int remote_dom_set_numa_params(struct rpc_call *call);
int remote_dom_set_block_iotune(struct rpc_call *call);
int remote_dom_get_block_iotune(struct rpc_call *call);
int remote_dom_get_cpu_stats(struct rpc_call *call);
int remote_dom_set_lifecycle_action(struct rpc_call *call);
int remote_dom_send_process_signal(struct rpc_call *call);
int remote_dom_send_key(struct rpc_call *call);
int remote_dom_set_blkio_params(struct rpc_call *call);
int remote_dom_set_metadata(struct rpc_call *call);
int remote_dom_get_perf_events(struct rpc_call *call);
int remote_dom_set_perf_events(struct rpc_call *call);
int remote_dom_attach_device(struct rpc_call *call);
int remote_dom_detach_device(struct rpc_call *call);
int remote_dom_attach_device_flags(struct rpc_call *call);
int remote_dom_detach_device_flags(struct rpc_call *call);
int remote_dom_update_device_flags(struct rpc_call *call);
int remote_dom_get_interface_params(struct rpc_call *call);
int remote_dom_set_interface_params(struct rpc_call *call);
int remote_dom_set_scheduler_params_flags(struct rpc_call *call);
int remote_iface_change_begin(struct rpc_call *call);
int remote_iface_change_commit(struct rpc_call *call);
int remote_iface_change_rollback(struct rpc_call *call);
int remote_vol_create_xml(struct rpc_call *call);
int remote_vol_create_xml_from(struct rpc_call *call);
int remote_vol_delete(struct rpc_call *call);
int remote_vol_get_info(struct rpc_call *call);
int remote_vol_get_xml_desc(struct rpc_call *call);
int remote_vol_get_path(struct rpc_call *call);
int remote_dom_save(struct rpc_call *call);
int remote_dom_save_flags(struct rpc_call *call);
int remote_dom_restore(struct rpc_call *call);
int remote_dom_restore_flags(struct rpc_call *call);
int remote_save_image_get_xml(struct rpc_call *call);
int remote_save_image_define_xml(struct rpc_call *call);
int remote_dom_core_dump(struct rpc_call *call);
int remote_dom_core_dump_with_format(struct rpc_call *call);
int remote_get_all_domain_stats(struct rpc_call *call);
int remote_dom_interface_addresses(struct rpc_call *call);
int remote_net_event_register(struct rpc_call *call);
int remote_pool_event_register(struct rpc_call *call);
int remote_pool_event_deregister(struct rpc_call *call);
int remote_nodedev_event_register(struct rpc_call *call);
int remote_nodedev_event_deregister(struct rpc_call *call);
int remote_nodedev_num(struct rpc_call *call);
int remote_nodedev_list(struct rpc_call *call);
int remote_nodedev_list_all(struct rpc_call *call);
int remote_nodedev_lookup(struct rpc_call *call);
int remote_nodedev_xml(struct rpc_call *call);
int remote_nodedev_parent(struct rpc_call *call);
int remote_nodedev_num_caps(struct rpc_call *call);
int remote_nodedev_list_caps(struct rpc_call *call);
int remote_nodedev_create_xml(struct rpc_call *call);
int remote_nodedev_destroy(struct rpc_call *call);
int remote_nodedev_dettach(struct rpc_call *call);
int remote_nodedev_reattach(struct rpc_call *call);
int remote_nodedev_reset(struct rpc_call *call);
int remote_nodedev_lookup_wwn(struct rpc_call *call);
int remote_nodedev_detach_flags(struct rpc_call *call);
int remote_nodedev_define_xml(struct rpc_call *call);
int remote_nodedev_undefine(struct rpc_call *call);
int remote_nodedev_create(struct rpc_call *call);
int remote_nodedev_get_autostart(struct rpc_call *call);
int remote_nodedev_set_autostart(struct rpc_call *call);
int remote_nodedev_is_persistent(struct rpc_call *call);
int remote_nodedev_is_active(struct rpc_call *call);
int remote_net_event_deregister(struct rpc_call *call);
int remote_net_update(struct rpc_call *call);
int remote_node_alloc_pages(struct rpc_call *call);
int remote_pool_capabilities(struct rpc_call *call);
int remote_secret_num(struct rpc_call *call);
int remote_secret_list(struct rpc_call *call);
int remote_secret_lookup_uuid(struct rpc_call *call);
int remote_secret_define_xml(struct rpc_call *call);
int remote_secret_xml(struct rpc_call *call);
int remote_secret_set_value(struct rpc_call *call);
int remote_secret_get_value(struct rpc_call *call);
int remote_secret_undefine(struct rpc_call *call);
int remote_secret_lookup_usage(struct rpc_call *call);
int remote_secret_list_all(struct rpc_call *call);
int remote_secret_event_register(struct rpc_call *call);
int remote_secret_event_deregister(struct rpc_call *call);
int remote_nwfilter_lookup_name(struct rpc_call *call);
int remote_nwfilter_lookup_uuid(struct rpc_call *call);
int remote_nwfilter_xml(struct rpc_call *call);
int remote_nwfilter_num(struct rpc_call *call);
int remote_nwfilter_list(struct rpc_call *call);
int remote_nwfilter_define_xml(struct rpc_call *call);
int remote_nwfilter_undefine(struct rpc_call *call);
int remote_nwfilter_list_all(struct rpc_call *call);
int remote_nwfilter_define_xml_flags(struct rpc_call *call);
int remote_nwbinding_lookup(struct rpc_call *call);
int remote_nwbinding_xml(struct rpc_call *call);
int remote_nwbinding_create_xml(struct rpc_call *call);
int remote_nwbinding_delete(struct rpc_call *call);
int remote_nwbinding_list_all(struct rpc_call *call);
int remote_net_dhcp_leases(struct rpc_call *call);
int remote_netport_list_all(struct rpc_call *call);
int remote_netport_lookup(struct rpc_call *call);
int remote_netport_create_xml(struct rpc_call *call);
int remote_netport_get_params(struct rpc_call *call);
int remote_netport_set_params(struct rpc_call *call);
int remote_netport_xml(struct rpc_call *call);
int remote_netport_delete(struct rpc_call *call);
int remote_dom_get_blkio_params(struct rpc_call *call);
int remote_find_pool_sources(struct rpc_call *call);
int remote_pool_define_xml(struct rpc_call *call);
int remote_pool_create_xml(struct rpc_call *call);
int remote_pool_create(struct rpc_call *call);
int remote_pool_build(struct rpc_call *call);
int remote_pool_destroy(struct rpc_call *call);
int remote_pool_delete(struct rpc_call *call);
int remote_pool_undefine(struct rpc_call *call);
int remote_pool_refresh(struct rpc_call *call);
int remote_pool_set_autostart(struct rpc_call *call);
int remote_dom_get_metadata(struct rpc_call *call);

/* remote_net.c: networks and host interfaces */
int remote_list_defined_networks(struct rpc_call *call);
int remote_list_networks(struct rpc_call *call);
int remote_net_get_xml_desc(struct rpc_call *call);
int remote_net_get_autostart(struct rpc_call *call);
int remote_net_get_bridge_name(struct rpc_call *call);
int remote_net_lookup_by_name(struct rpc_call *call);
int remote_net_lookup_by_uuid(struct rpc_call *call);
int remote_num_of_defined_networks(struct rpc_call *call);
int remote_num_of_networks(struct rpc_call *call);
int remote_net_is_active(struct rpc_call *call);
int remote_net_is_persistent(struct rpc_call *call);
int remote_list_all_networks(struct rpc_call *call);
int remote_num_of_interfaces(struct rpc_call *call);
int remote_list_interfaces(struct rpc_call *call);
int remote_iface_lookup_by_name(struct rpc_call *call);
int remote_iface_lookup_by_mac(struct rpc_call *call);
int remote_iface_get_xml_desc(struct rpc_call *call);
int remote_num_of_defined_interfaces(struct rpc_call *call);
int remote_list_defined_interfaces(struct rpc_call *call);
int remote_iface_is_active(struct rpc_call *call);
int remote_list_all_interfaces(struct rpc_call *call);
int remote_net_define_xml(struct rpc_call *call);
int remote_net_create_xml(struct rpc_call *call);
int remote_net_create(struct rpc_call *call);
int remote_net_destroy(struct rpc_call *call);
int remote_net_undefine(struct rpc_call *call);
int remote_net_set_autostart(struct rpc_call *call);

/* remote_life.c */
int remote_dom_define_xml(struct rpc_call *call);
int remote_dom_create_xml(struct rpc_call *call);
int remote_dom_create(struct rpc_call *call);
int remote_dom_destroy(struct rpc_call *call);
int remote_dom_shutdown(struct rpc_call *call);
int remote_dom_reboot(struct rpc_call *call);
int remote_dom_undefine(struct rpc_call *call);
int remote_dom_suspend(struct rpc_call *call);
int remote_dom_resume(struct rpc_call *call);
int remote_dom_set_memory(struct rpc_call *call);
int remote_dom_set_max_memory(struct rpc_call *call);
int remote_dom_set_memory_flags(struct rpc_call *call);
int remote_dom_set_vcpus(struct rpc_call *call);
int remote_dom_set_vcpus_flags(struct rpc_call *call);
int remote_dom_set_autostart(struct rpc_call *call);
int remote_dom_get_job_info(struct rpc_call *call);
int remote_dom_abort_job(struct rpc_call *call);

/* remote_snap.c: domain snapshots */
int remote_snap_create_xml(struct rpc_call *call);
int remote_snap_get_xml_desc(struct rpc_call *call);
int remote_snap_num(struct rpc_call *call);
int remote_snap_list_names(struct rpc_call *call);
int remote_snap_list_all(struct rpc_call *call);
int remote_snap_num_children(struct rpc_call *call);
int remote_snap_list_children_names(struct rpc_call *call);
int remote_snap_list_all_children(struct rpc_call *call);
int remote_snap_lookup_by_name(struct rpc_call *call);
int remote_snap_has_current(struct rpc_call *call);
int remote_snap_current(struct rpc_call *call);
int remote_snap_get_parent(struct rpc_call *call);
int remote_snap_is_current(struct rpc_call *call);
int remote_snap_has_metadata(struct rpc_call *call);
int remote_snap_revert(struct rpc_call *call);
int remote_snap_delete(struct rpc_call *call);

/* remote_event.c: domain event registrations and delivery. The driver's
 * sink (any thread) and the program's client_event hook (reactor). */
void remote_event_sink(void *opaque, int event_id, const struct drv_dom *dom,
                       int event, int detail);
void remote_client_event(struct rpc_client *c, void *priv, int32_t tag,
                         const void *data, size_t len);
int remote_event_register(struct rpc_call *call);
int remote_event_deregister(struct rpc_call *call);
int remote_event_register_any(struct rpc_call *call);
int remote_event_deregister_any(struct rpc_call *call);
int remote_event_callback_register(struct rpc_call *call);
int remote_event_callback_deregister(struct rpc_call *call);

/* remote_storage.c */
int remote_num_of_pools(struct rpc_call *call);
int remote_list_pools(struct rpc_call *call);
int remote_num_of_defined_pools(struct rpc_call *call);
int remote_list_defined_pools(struct rpc_call *call);
int remote_pool_lookup_by_name(struct rpc_call *call);
int remote_pool_lookup_by_uuid(struct rpc_call *call);
int remote_pool_lookup_by_volume(struct rpc_call *call);
int remote_pool_get_info(struct rpc_call *call);
int remote_pool_get_xml_desc(struct rpc_call *call);
int remote_pool_get_autostart(struct rpc_call *call);
int remote_pool_num_of_volumes(struct rpc_call *call);
int remote_pool_list_volumes(struct rpc_call *call);
int remote_vol_lookup_by_name(struct rpc_call *call);
int remote_vol_lookup_by_key(struct rpc_call *call);
int remote_vol_lookup_by_path(struct rpc_call *call);
int remote_pool_is_active(struct rpc_call *call);
int remote_pool_is_persistent(struct rpc_call *call);
int remote_list_all_pools(struct rpc_call *call);
int remote_pool_list_all_volumes(struct rpc_call *call);

#endif
