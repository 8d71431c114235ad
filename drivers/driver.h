/*
 * driver.h: the hypervisor driver interface (in the spirit of libvirt's
 * virHypervisorDriver) and the registry that picks a driver by URI.
 *
 * A driver is a const table of function pointers (struct drv_ops). name,
 * open and close are required; every other entry may be NULL, which means
 * "not supported by this driver": the caller (rpc/remote*.c) then answers
 * libvirt's NO_SUPPORT error naming the public API (drv_unsupported()).
 *
 * open() gives a connection (struct drv_conn, embedded first in the
 * driver's own connection struct); every later call takes it. Calls use
 * plain C types. Anything a call returns by pointer (strings, arrays) is
 * allocated from the caller's struct arena and lives as long as it; errors
 * are reported in the caller's struct err (libvirt code, domain, message).
 *
 * Return convention of every call: 0 on success, -1 with @e set on failure
 * (the arena may hold partial results, which the caller ignores).
 *
 * Objects are named by the identity the client holds (struct drv_dom and
 * friends, exactly the remote_nonnull_* wire structs). As libvirtd does,
 * drivers resolve a domain, network or storage pool argument by UUID (and
 * use its name only in error text), volumes by pool name + volume name,
 * interfaces by name.
 *
 * Synchronization: drv_open()/drv_close() and every call may run on any
 * thread, concurrently, including several calls on one connection. A
 * driver protects its state itself (the test driver: one mutex held only
 * inside a call). A connection must not be closed while a call on it runs
 * (the RPC layer closes it from client_free, when no job uses the client).
 *
 * Events: the caller passes an event sink at open. When the driver's state
 * changes (lifecycle work: define, start, destroy, ...) it calls the sink
 * of every open connection that shares the changed state, from the thread
 * that made the change, after it has released its own locks. A sink must
 * not call back into the driver and must not block (it queues a message).
 * No sink call for a connection starts after close() of that connection
 * has returned.
 */
#ifndef VIRTD_DRIVERS_DRIVER_H
#define VIRTD_DRIVERS_DRIVER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"

#define DRV_UUID_LEN 16
#define DRV_UUID_STRLEN 36        /* without the NUL */
#define DRV_CONNECT_RO 1u         /* VIR_CONNECT_RO */

/* -- object identities (the remote_nonnull_* structs) ------------------- */

struct drv_dom {
    const char *name;
    uint8_t uuid[DRV_UUID_LEN];
    int id;                       /* -1 when inactive */
};

struct drv_net {
    const char *name;
    uint8_t uuid[DRV_UUID_LEN];
};

struct drv_pool {
    const char *name;
    uint8_t uuid[DRV_UUID_LEN];
};

struct drv_vol {
    const char *pool;
    const char *name;
    const char *key;
};

/* The snapshot list calls (drv_ops.snap_list). */
enum {
    DRV_SNAP_NUM,                 /* virDomainSnapshotNum */
    DRV_SNAP_NAMES,               /* virDomainSnapshotListNames */
    DRV_SNAP_ALL,                 /* virDomainListAllSnapshots */
    DRV_SNAP_NUM_CHILDREN,        /* virDomainSnapshotNumChildren */
    DRV_SNAP_CHILDREN_NAMES,      /* virDomainSnapshotListChildrenNames */
    DRV_SNAP_ALL_CHILDREN,        /* virDomainSnapshotListAllChildren */
};

struct drv_iface {
    const char *name;
    const char *mac;
};

/* -- value structs ------------------------------------------------------ */

/* A parsed connection URI ("test:///default"). */
struct drv_uri {
    const char *name;             /* as the client sent it */
    const char *scheme;           /* "test"; NULL when there is none */
    const char *server;           /* NULL when empty */
    const char *path;             /* "" when absent */
    const char *query;            /* NULL when absent */
};

struct drv_node_info {
    char model[32];               /* NUL-terminated unless all 32 used */
    uint64_t memory;              /* KiB */
    int cpus;
    int mhz;
    int nodes;
    int sockets;
    int cores;
    int threads;
};

struct drv_dom_info {
    int state;                    /* DRV_DOM_* */
    uint64_t max_mem;             /* KiB */
    uint64_t memory;              /* KiB */
    unsigned nr_vcpu;
    uint64_t cpu_time;            /* ns */
};

/* Typed parameter (virTypedParameter): type 1..7 as on the wire. */
enum {
    DRV_TP_INT = 1,
    DRV_TP_UINT = 2,
    DRV_TP_LLONG = 3,
    DRV_TP_ULLONG = 4,
    DRV_TP_DOUBLE = 5,
    DRV_TP_BOOLEAN = 6,
    DRV_TP_STRING = 7,
};

struct drv_tparam {
    const char *field;            /* < 80 bytes */
    int type;                     /* DRV_TP_* */
    int64_t i;                    /* INT UINT LLONG ULLONG BOOLEAN */
    double d;                     /* DOUBLE */
    const char *s;                /* STRING */
};

/* What dom_device_change does with the device XML. */
enum { DRV_DEVICE_ATTACH, DRV_DEVICE_DETACH, DRV_DEVICE_UPDATE };

/* The interface change transaction's steps (iface_change). */
enum { DRV_IFACE_BEGIN, DRV_IFACE_COMMIT, DRV_IFACE_ROLLBACK };

/* A parameter name a set call accepts and the one type it takes. */
struct drv_tparam_key {
    const char *name;
    int type;                     /* DRV_TP_* */
};

#define DRV_TPARAMS_CHECK_MAX 64  /* most parameters drv_tparams_check takes */

/*
 * libvirt's virTypedParamsValidate() over @n parameters (@names[i] with
 * @types[i]): every name must be one of @keys (sorted by strcmp), with
 * the key's type, and at most once. The names are checked in sorted
 * order, so the error is the one of the first offending name in that
 * order, as libvirt reports it:
 *   ARGUMENT_UNSUPPORTED "parameter 'x' not supported"
 *   INVALID_ARG "invalid type 'int' for parameter 'x', expected 'uint'"
 *   INVALID_ARG "parameter 'x' occurs multiple times"
 * More than DRV_TPARAMS_CHECK_MAX: RPC "too many parameters". 0, or -1
 * with @e set.
 */
int drv_tparams_check(struct err *e, const char *const *names,
                      const int *types, size_t n,
                      const struct drv_tparam_key *keys, size_t nkeys);

/* Node CPU / memory statistic (virNodeCPUStats, virNodeMemoryStats). */
struct drv_stat {
    const char *field;
    uint64_t value;
};

struct drv_block_stats {
    int64_t rd_req, rd_bytes, wr_req, wr_bytes, errs;
};

/* virDomainMemoryStatStruct */
struct drv_mem_stat {
    int tag;                      /* virDomainMemoryStatTags */
    uint64_t val;
};

/* virVcpuInfo */
struct drv_vcpu_info {
    unsigned number;
    int state;                    /* virVcpuState: 1 running */
    uint64_t cpu_time;            /* ns */
    int cpu;
};

/* virDomainIOThreadInfo: an IOThread's id and CPU map (map[0..maplen),
 * CPU i in byte i / 8, bit i % 8) */
struct drv_iothread_info {
    unsigned id;
    uint8_t *map;
    int maplen;
};

/* What dom_iothread_change does (virDomainAddIOThread, ...Del...). */
enum { DRV_IOTHREAD_ADD, DRV_IOTHREAD_DEL };

/* virDomainDiskError */
struct drv_disk_error {
    const char *disk;
    int error;                    /* virDomainDiskErrorCode */
};

/* virDomainFSInfo */
struct drv_fsinfo {
    const char *mountpoint, *name, *fstype;
    const char **aliases;
    int naliases;
};

/* virDomainInterface, with one address list */
struct drv_ip_addr {
    int type;                     /* virIPAddrType: 0 ipv4, 1 ipv6 */
    const char *addr;
    unsigned prefix;
};

struct drv_iface_addrs {
    const char *name, *hwaddr;
    struct drv_ip_addr *addrs;
    int naddrs;
};

/* One domain's statistics record (virDomainStatsRecord). */
struct drv_dom_stats {
    struct drv_dom dom;
    struct drv_tparam *params;
    int nparams;
};

/* virDomainBlockInfo, in bytes */
struct drv_block_info {
    uint64_t capacity, allocation, physical;
};

struct drv_iface_stats {
    int64_t rx_bytes, rx_packets, rx_errs, rx_drop;
    int64_t tx_bytes, tx_packets, tx_errs, tx_drop;
};

/* virDomainJobInfo: the type (virDomainJobType, NONE 0 ...) and, in wire
 * order, timeElapsed and timeRemaining (ms), then data, mem and file
 * total / processed / remaining (bytes). */
#define DRV_JOB_STATS 11
struct drv_job_info {
    int type;
    uint64_t stats[DRV_JOB_STATS];
};

struct drv_sec_model {
    const char *model;            /* "" when the driver has none */
    const char *doi;
};

struct drv_sec_label {
    const char *label;            /* "" when none */
    int enforcing;
};

struct drv_pool_info {
    int state;                    /* virStoragePoolState */
    uint64_t capacity, allocation, available;   /* bytes */
};

struct drv_vol_info {
    int type;                     /* virStorageVolType */
    uint64_t capacity, allocation;              /* bytes */
};

/* virDomainState and the list filter flags drivers honour. */
enum {
    DRV_DOM_NOSTATE = 0,
    DRV_DOM_RUNNING = 1,
    DRV_DOM_BLOCKED = 2,
    DRV_DOM_PAUSED = 3,
    DRV_DOM_SHUTDOWN = 4,
    DRV_DOM_SHUTOFF = 5,
    DRV_DOM_CRASHED = 6,
    DRV_DOM_PMSUSPENDED = 7,
};

/* The storage pool changes of drv_ops.pool_change. */
enum {
    DRV_POOL_START,
    DRV_POOL_BUILD,
    DRV_POOL_DESTROY,
    DRV_POOL_DELETE,
    DRV_POOL_UNDEFINE,
    DRV_POOL_REFRESH,
};

/* virDomainControlState, and virDomainControlErrorReason for ERROR. */
enum {
    DRV_CONTROL_OK = 0,
    DRV_CONTROL_JOB = 1,
    DRV_CONTROL_OCCUPIED = 2,
    DRV_CONTROL_ERROR = 3,
};

/* -- events -------------------------------------------------------------- */

/*
 * Domain event: @event_id is virDomainEventID (0 = LIFECYCLE), @dom the
 * domain's identity after the change (for lifecycle STOPPED of a
 * persistent domain, id -1), @event and @detail the virDomainEventType and
 * its detail; for METADATA_CHANGE (23) @event is the metadata type (the
 * namespace URI is NULL: no element metadata is kept). Network events come
 * through the same sink with @event_id DRV_EVENT_NETWORK + their
 * virNetworkEventID; @dom then carries the network's name and uuid (id
 * -1) and @event its virNetworkEventLifecycleType. Storage pool events
 * likewise, with DRV_EVENT_STORAGE_POOL + virStoragePoolEventID (0
 * lifecycle, @event its virStoragePoolEventLifecycleType; 1 refresh,
 * @event unused). Node device events with DRV_EVENT_NODEDEV +
 * virNodeDeviceEventID: @dom carries the device's name, and in place of a
 * uuid drv_nodedev_key(name) (node devices have none; the key lets the
 * RPC layer filter them as it filters the others), @event its
 * virNodeDeviceEventLifecycleType. See the file comment for the threading
 * contract.
 */
#define DRV_EVENT_NETWORK 0x10000
#define DRV_EVENT_STORAGE_POOL 0x20000
#define DRV_EVENT_NODEDEV 0x30000
typedef void drv_event_fn(void *opaque, int event_id,
                          const struct drv_dom *dom, int event, int detail);

struct drv_event_sink {
    drv_event_fn *fn;             /* NULL: the connection wants no events */
    void *opaque;
};

/* -- the driver table ---------------------------------------------------- */

struct drv_ops;

/* Base of a driver connection; drivers embed it as their first member. */
struct drv_conn {
    const struct drv_ops *ops;
    char *uri;                    /* canonical URI (malloc'ed by drv_open) */
};

struct drv_ops {
    const char *name;             /* "test" (also used in logs) */
    const char *type;             /* virConnectGetType: "TEST" */

    /*
     * Open @uri for one client. 1 when the URI is not this driver's
     * (nothing set; the registry tries the next driver), 0 with *out set,
     * or -1 with @e set. @flags: DRV_CONNECT_RO. @sink is copied.
     */
    int (*open)(const struct drv_uri *uri, unsigned flags,
                const struct drv_event_sink *sink, struct drv_conn **out,
                struct err *e);
    /* Release a connection from open(); never fails. */
    void (*close)(struct drv_conn *c);

    /* -- connection and host ------------------------------------------- */
    int (*get_version)(struct drv_conn *c, uint64_t *ver, struct err *e);
    int (*get_hostname)(struct drv_conn *c, struct arena *a, char **out,
                        struct err *e);
    int (*get_max_vcpus)(struct drv_conn *c, const char *type, int *out,
                         struct err *e);
    /* VIR_DRV_FEATURE_* the driver answers (the daemon answers 8, 10, 14
     * and 15 itself): 1 or 0. */
    int (*supports_feature)(struct drv_conn *c, int feature);
    int (*is_secure)(struct drv_conn *c, int *out, struct err *e);
    int (*node_get_info)(struct drv_conn *c, struct drv_node_info *out,
                         struct err *e);
    int (*get_capabilities)(struct drv_conn *c, struct arena *a, char **out,
                            struct err *e);
    int (*get_sysinfo)(struct drv_conn *c, unsigned flags, struct arena *a,
                       char **out, struct err *e);
    /* Free memory in bytes of up to @max NUMA cells from @start: *n
     * entries in *out. */
    int (*node_get_cells_free_memory)(struct drv_conn *c, int start, int max,
                                      struct arena *a, uint64_t **out,
                                      int *n, struct err *e);
    int (*node_get_free_memory)(struct drv_conn *c, uint64_t *out,
                                struct err *e);
    /* libvirt's two-step protocol: *nparams == 0 asks for the count (set
     * in *nparams, @params untouched); otherwise fill up to *nparams
     * entries of @params and set *nparams to the number filled. */
    int (*node_get_cpu_stats)(struct drv_conn *c, int cpu,
                              struct drv_stat *params, int *nparams,
                              unsigned flags, struct err *e);
    int (*node_get_memory_stats)(struct drv_conn *c, int cell,
                                 struct drv_stat *params, int *nparams,
                                 unsigned flags, struct err *e);
    int (*get_cpu_model_names)(struct drv_conn *c, const char *arch,
                               unsigned flags, struct arena *a,
                               const char ***models, int *n,
                               struct err *e);
    int (*node_get_security_model)(struct drv_conn *c, struct arena *a,
                                   struct drv_sec_model *out,
                                   struct err *e);
    /* Arguments may be NULL (the driver's defaults). */
    int (*get_domain_capabilities)(struct drv_conn *c, const char *emulator,
                                   const char *arch, const char *machine,
                                   const char *virttype, unsigned flags,
                                   struct arena *a, char **out,
                                   struct err *e);

    /* -- domains: listing and lookup ----------------------------------- */
    /* @flags: VIR_CONNECT_LIST_DOMAINS_* filters (0 = all). */
    int (*list_all_domains)(struct drv_conn *c, unsigned flags,
                            struct arena *a, struct drv_dom **out, int *n,
                            struct err *e);
    int (*num_of_domains)(struct drv_conn *c, bool active, int *out,
                          struct err *e);
    /* Active domain ids (at most @max). */
    int (*list_domain_ids)(struct drv_conn *c, int max, struct arena *a,
                           int **out, int *n, struct err *e);
    /* Inactive domain names (at most @max). */
    int (*list_defined_domains)(struct drv_conn *c, int max,
                                struct arena *a, const char ***out, int *n,
                                struct err *e);
    int (*dom_lookup_by_id)(struct drv_conn *c, int id, struct arena *a,
                            struct drv_dom *out, struct err *e);
    int (*dom_lookup_by_name)(struct drv_conn *c, const char *name,
                              struct arena *a, struct drv_dom *out,
                              struct err *e);
    int (*dom_lookup_by_uuid)(struct drv_conn *c, const uint8_t *uuid,
                              struct arena *a, struct drv_dom *out,
                              struct err *e);

    /* -- domains: reads ------------------------------------------------ */
    int (*dom_get_info)(struct drv_conn *c, const struct drv_dom *d,
                        struct drv_dom_info *out, struct err *e);
    int (*dom_get_state)(struct drv_conn *c, const struct drv_dom *d,
                         unsigned flags, int *state, int *reason,
                         struct err *e);
    int (*dom_get_os_type)(struct drv_conn *c, const struct drv_dom *d,
                           struct arena *a, char **out, struct err *e);
    int (*dom_get_max_memory)(struct drv_conn *c, const struct drv_dom *d,
                              uint64_t *out, struct err *e);
    int (*dom_get_max_vcpus)(struct drv_conn *c, const struct drv_dom *d,
                             int *out, struct err *e);
    int (*dom_is_active)(struct drv_conn *c, const struct drv_dom *d,
                         int *out, struct err *e);
    int (*dom_is_persistent)(struct drv_conn *c, const struct drv_dom *d,
                             int *out, struct err *e);
    int (*dom_is_updated)(struct drv_conn *c, const struct drv_dom *d,
                          int *out, struct err *e);
    int (*dom_get_autostart)(struct drv_conn *c, const struct drv_dom *d,
                             int *out, struct err *e);
    int (*dom_has_managed_save)(struct drv_conn *c, const struct drv_dom *d,
                                unsigned flags, int *out, struct err *e);
    int (*dom_get_security_label)(struct drv_conn *c,
                                  const struct drv_dom *d, struct arena *a,
                                  struct drv_sec_label *out, struct err *e);
    int (*dom_get_messages)(struct drv_conn *c, const struct drv_dom *d,
                            unsigned flags, struct arena *a,
                            const char ***out, int *n, struct err *e);
    /* @flags: VIR_DOMAIN_XML_* (SECURE 1, INACTIVE 2, UPDATE_CPU 4,
     * MIGRATABLE 8); the read-only check is the caller's. */
    int (*dom_get_xml_desc)(struct drv_conn *c, const struct drv_dom *d,
                            unsigned flags, struct arena *a, char **out,
                            struct err *e);
    int (*dom_get_vcpus_flags)(struct drv_conn *c, const struct drv_dom *d,
                               unsigned flags, int *out, struct err *e);
    int (*dom_get_scheduler_type)(struct drv_conn *c,
                                  const struct drv_dom *d, struct arena *a,
                                  char **type, int *nparams, struct err *e);
    /* Typed-parameter getters: @params has room for *nparams entries (the
     * caller bounds it by the protocol's maximum); see node_get_cpu_stats
     * for the *nparams == 0 convention where the API has it. */
    int (*dom_get_scheduler_params)(struct drv_conn *c,
                                    const struct drv_dom *d,
                                    struct drv_tparam *params, int *nparams,
                                    unsigned flags, struct err *e);
    int (*dom_get_memory_params)(struct drv_conn *c, const struct drv_dom *d,
                                 struct drv_tparam *params, int *nparams,
                                 unsigned flags, struct arena *a,
                                 struct err *e);
    int (*dom_get_numa_params)(struct drv_conn *c, const struct drv_dom *d,
                               struct drv_tparam *params, int *nparams,
                               unsigned flags, struct arena *a,
                               struct err *e);
    int (*dom_get_blkio_params)(struct drv_conn *c, const struct drv_dom *d,
                                struct drv_tparam *params, int *nparams,
                                unsigned flags, struct arena *a,
                                struct err *e);
    int (*dom_get_hostname)(struct drv_conn *c, const struct drv_dom *d,
                            unsigned flags, struct arena *a, char **out,
                            struct err *e);
    /* the guest's clock (virDomainGetTime / virDomainSetTime) */
    int (*dom_get_time)(struct drv_conn *c, const struct drv_dom *d,
                        unsigned flags, int64_t *sec, uint32_t *nsec,
                        struct err *e);
    int (*dom_set_time)(struct drv_conn *c, const struct drv_dom *d,
                        int64_t sec, uint32_t nsec, unsigned flags,
                        struct err *e);
    /* virDomainGetControlInfo: DRV_CONTROL_*, its detail, and how long
     * the domain has been in that state, in milliseconds */
    int (*dom_get_control_info)(struct drv_conn *c, const struct drv_dom *d,
                                unsigned flags, unsigned *state,
                                unsigned *details, uint64_t *state_ms,
                                struct err *e);
    /* the guest's file systems: freeze or thaw @n mount points (all when
     * @n is 0), *count = how many changed; trim one (@mount NULL: all) */
    int (*dom_fs_freeze)(struct drv_conn *c, const struct drv_dom *d,
                         const char *const *mounts, unsigned n,
                         unsigned flags, int *count, struct err *e);
    int (*dom_fs_thaw)(struct drv_conn *c, const struct drv_dom *d,
                       const char *const *mounts, unsigned n, unsigned flags,
                       int *count, struct err *e);
    int (*dom_fs_trim)(struct drv_conn *c, const struct drv_dom *d,
                       const char *mount, uint64_t minimum, unsigned flags,
                       struct err *e);
    /* CPU maps (CPU i: byte i / 8, bit i % 8): the host's (*ncpus CPUs,
     * map NULL when not wanted, else at least (*ncpus + 7) / 8 bytes of
     * @cap), the vCPUs' (@ncpumaps maps of @maplen bytes, *num filled)
     * and the emulator's (one map of @maplen bytes) */
    int (*node_get_cpu_map)(struct drv_conn *c, unsigned flags, uint8_t *map,
                            size_t cap, unsigned *online, int *ncpus,
                            struct err *e);
    int (*dom_get_vcpu_pin_info)(struct drv_conn *c, const struct drv_dom *d,
                                 int ncpumaps, int maplen, uint8_t *cpumaps,
                                 unsigned flags, int *num, struct err *e);
    /* pin a vCPU or the emulator to the CPUs of @map (@maplen bytes) */
    int (*dom_pin_vcpu)(struct drv_conn *c, const struct drv_dom *d,
                        unsigned vcpu, const uint8_t *map, int maplen,
                        unsigned flags, struct err *e);
    int (*dom_pin_emulator)(struct drv_conn *c, const struct drv_dom *d,
                            const uint8_t *map, int maplen, unsigned flags,
                            struct err *e);
    int (*dom_get_emulator_pin_info)(struct drv_conn *c,
                                     const struct drv_dom *d, int maplen,
                                     uint8_t *cpumap, unsigned flags,
                                     struct err *e);
    /* virDomainGetVcpus: up to @maxinfo vCPUs (*n of them) and, when
     * @cpumaps is not NULL, their maps of @maplen bytes */
    int (*dom_get_vcpus)(struct drv_conn *c, const struct drv_dom *d,
                         int maxinfo, int maplen, struct drv_vcpu_info *info,
                         uint8_t *cpumaps, int *n, struct err *e);
    /* IOThreads: every one of the definition @flags selects (*out and
     * its maps from @a, *n of them), pin one, add or delete one (@op
     * DRV_IOTHREAD_*), set one's polling parameters */
    int (*dom_get_iothread_info)(struct drv_conn *c, const struct drv_dom *d,
                                 unsigned flags, struct arena *a,
                                 struct drv_iothread_info **out, int *n,
                                 struct err *e);
    int (*dom_pin_iothread)(struct drv_conn *c, const struct drv_dom *d,
                            unsigned id, const uint8_t *map, int maplen,
                            unsigned flags, struct err *e);
    int (*dom_iothread_change)(struct drv_conn *c, const struct drv_dom *d,
                               int op, unsigned id, unsigned flags,
                               struct err *e);
    int (*dom_set_iothread_params)(struct drv_conn *c,
                                   const struct drv_dom *d, unsigned id,
                                   const struct drv_tparam *params,
                                   int nparams, unsigned flags,
                                   struct err *e);
    /* the guest agent's view (see drivers/test/domain_guest.c): disk
     * errors (up to @maxerrors in *out; *out NULL and *n the count when
     * @maxerrors is 0) and file systems */
    int (*dom_get_disk_errors)(struct drv_conn *c, const struct drv_dom *d,
                               unsigned maxerrors, unsigned flags,
                               struct arena *a, struct drv_disk_error **out,
                               int *n, struct err *e);
    int (*dom_get_fsinfo)(struct drv_conn *c, const struct drv_dom *d,
                          unsigned flags, struct arena *a,
                          struct drv_fsinfo **out, int *n, struct err *e);
    /* virConnectGetAllDomainStats (@doms NULL) and virDomainListGetStats:
     * a record per domain with the groups of @stats (VIR_DOMAIN_STATS_*) */
    int (*get_all_domain_stats)(struct drv_conn *c, const struct drv_dom *doms,
                                int ndoms, unsigned stats, unsigned flags,
                                struct arena *a, struct drv_dom_stats **out,
                                int *n, struct err *e);
    /* virDomainInterfaceAddresses from @source (virDomainInterface-
     * AddressesSource) */
    int (*dom_interface_addresses)(struct drv_conn *c,
                                   const struct drv_dom *d, unsigned source,
                                   unsigned flags, struct arena *a,
                                   struct drv_iface_addrs **out, int *n,
                                   struct err *e);
    /* up to @max balloon statistics into @out, *n of them */
    int (*dom_memory_stats)(struct drv_conn *c, const struct drv_dom *d,
                            int max, unsigned flags, struct drv_mem_stat *out,
                            int *n, struct err *e);
    /* the balloon's statistics period (seconds, >= 0) of the definition
     * LIVE or CONFIG selects */
    int (*dom_set_memory_stats_period)(struct drv_conn *c,
                                       const struct drv_dom *d, int period,
                                       unsigned flags, struct err *e);
    /* virDomainGetBlockInfo of the disk named by target or source path */
    int (*dom_get_block_info)(struct drv_conn *c, const struct drv_dom *d,
                              const char *path, unsigned flags,
                              struct drv_block_info *out, struct err *e);
    int (*dom_block_stats)(struct drv_conn *c, const struct drv_dom *d,
                           const char *path, struct drv_block_stats *out,
                           struct err *e);
    int (*dom_block_stats_flags)(struct drv_conn *c, const struct drv_dom *d,
                                 const char *path, struct drv_tparam *params,
                                 int *nparams, unsigned flags,
                                 struct err *e);
    int (*dom_interface_stats)(struct drv_conn *c, const struct drv_dom *d,
                               const char *device,
                               struct drv_iface_stats *out, struct err *e);
    /* @type: virDomainMetadataType; @uri only for ELEMENT. */
    int (*dom_get_metadata)(struct drv_conn *c, const struct drv_dom *d,
                            int type, const char *uri, unsigned flags,
                            struct arena *a, char **out, struct err *e);

    /* -- domains: lifecycle -------------------------------------------- */
    /* Drivers that emit events queue them while they change their state
     * and call the sinks after unlocking, in the order of the changes. */
    int (*dom_define_xml)(struct drv_conn *c, const char *xml,
                          unsigned flags, struct arena *a,
                          struct drv_dom *out, struct err *e);
    int (*dom_undefine)(struct drv_conn *c, const struct drv_dom *d,
                        unsigned flags, struct err *e);
    int (*dom_create_xml)(struct drv_conn *c, const char *xml,
                          unsigned flags, struct arena *a,
                          struct drv_dom *out, struct err *e);
    /* Start a defined domain; *out gets its new identity (new id). */
    int (*dom_create)(struct drv_conn *c, const struct drv_dom *d,
                      unsigned flags, struct arena *a, struct drv_dom *out,
                      struct err *e);
    int (*dom_destroy)(struct drv_conn *c, const struct drv_dom *d,
                       unsigned flags, struct err *e);
    int (*dom_shutdown)(struct drv_conn *c, const struct drv_dom *d,
                        unsigned flags, struct err *e);
    int (*dom_reboot)(struct drv_conn *c, const struct drv_dom *d,
                      unsigned flags, struct err *e);
    int (*dom_reset)(struct drv_conn *c, const struct drv_dom *d,
                     unsigned flags, struct err *e);
    int (*dom_managed_save)(struct drv_conn *c, const struct drv_dom *d,
                            unsigned flags, struct err *e);
    int (*dom_rename)(struct drv_conn *c, const struct drv_dom *d,
                      const char *name, unsigned flags, struct err *e);
    int (*dom_inject_nmi)(struct drv_conn *c, const struct drv_dom *d,
                          unsigned flags, struct err *e);
    int (*dom_set_user_password)(struct drv_conn *c, const struct drv_dom *d,
                                 const char *user, const char *password,
                                 unsigned flags, struct err *e);
    /* an interface's bandwidth (virDomain{Get,Set}InterfaceParameters);
     * the getter as the tunable ones: *nparams 0 asks for the count */
    int (*dom_get_interface_params)(struct drv_conn *c,
                                    const struct drv_dom *d,
                                    const char *device,
                                    struct drv_tparam *params, int *nparams,
                                    unsigned flags, struct err *e);
    int (*dom_set_interface_params)(struct drv_conn *c,
                                    const struct drv_dom *d,
                                    const char *device,
                                    const struct drv_tparam *params,
                                    int nparams, unsigned flags,
                                    struct err *e);
    /* every perf event (BOOLEAN parameters, at most 64) / some of them */
    int (*dom_get_perf_events)(struct drv_conn *c, const struct drv_dom *d,
                               unsigned flags, struct drv_tparam *params,
                               int *nparams, struct err *e);
    int (*dom_set_perf_events)(struct drv_conn *c, const struct drv_dom *d,
                               const struct drv_tparam *params, int nparams,
                               unsigned flags, struct err *e);
    /* virDomainSetMetadata (@text NULL or "": remove) */
    int (*dom_set_metadata)(struct drv_conn *c, const struct drv_dom *d,
                            int type, const char *text, unsigned flags,
                            struct err *e);
    int (*dom_set_memory_params)(struct drv_conn *c, const struct drv_dom *d,
                                 const struct drv_tparam *params, int nparams,
                                 unsigned flags, struct err *e);
    /* virDomainSetLifecycleAction: @type VIR_DOMAIN_LIFECYCLE_*, @action
     * VIR_DOMAIN_LIFECYCLE_ACTION_* */
    int (*dom_set_lifecycle_action)(struct drv_conn *c,
                                    const struct drv_dom *d, unsigned type,
                                    unsigned action, unsigned flags,
                                    struct err *e);
    /* virDomainSendKey: @n codes (1..16) of @codeset */
    int (*dom_send_key)(struct drv_conn *c, const struct drv_dom *d,
                        unsigned codeset, unsigned holdtime,
                        const unsigned *keycodes, int n, unsigned flags,
                        struct err *e);
    int (*dom_send_process_signal)(struct drv_conn *c,
                                   const struct drv_dom *d, int64_t pid,
                                   unsigned signum, unsigned flags,
                                   struct err *e);
    /* virDomainGetCPUStats: params holds nparams * ncpus slots; returns
     * the count filled per CPU, or a count when nparams or ncpus is 0 */
    int (*dom_get_cpu_stats)(struct drv_conn *c, const struct drv_dom *d,
                             struct drv_tparam *params, unsigned nparams,
                             int start_cpu, unsigned ncpus, unsigned flags,
                             struct err *e);
    int (*dom_set_block_iotune)(struct drv_conn *c, const struct drv_dom *d,
                                const char *disk,
                                const struct drv_tparam *params, int nparams,
                                unsigned flags, struct err *e);
    int (*dom_get_block_iotune)(struct drv_conn *c, const struct drv_dom *d,
                                const char *disk, struct drv_tparam *params,
                                int *nparams, unsigned flags, struct arena *a,
                                struct err *e);
    int (*dom_set_numa_params)(struct drv_conn *c, const struct drv_dom *d,
                               const struct drv_tparam *params, int nparams,
                               unsigned flags, struct err *e);
    int (*dom_set_blkio_params)(struct drv_conn *c, const struct drv_dom *d,
                                const struct drv_tparam *params, int nparams,
                                unsigned flags, struct err *e);
    int (*dom_set_scheduler_params)(struct drv_conn *c,
                                    const struct drv_dom *d,
                                    const struct drv_tparam *params,
                                    int nparams, unsigned flags,
                                    struct err *e);
    /* Save images and core dumps; paths are absolute (the server makes
     * them so, as the public API does); @dxml may be NULL. */
    int (*dom_save)(struct drv_conn *c, const struct drv_dom *d,
                    const char *path, const char *dxml, unsigned flags,
                    struct err *e);
    int (*dom_restore)(struct drv_conn *c, const char *path,
                       const char *dxml, unsigned flags, struct err *e);
    int (*save_image_get_xml)(struct drv_conn *c, const char *path,
                              unsigned flags, struct arena *a, char **out,
                              struct err *e);
    int (*save_image_define_xml)(struct drv_conn *c, const char *path,
                                 const char *dxml, unsigned flags,
                                 struct err *e);
    int (*dom_core_dump)(struct drv_conn *c, const struct drv_dom *d,
                         const char *path, unsigned format, unsigned flags,
                         struct err *e);
    /* Calls the test driver, as libvirt's, does not support (NULL in its
     * table: the caller answers NO_SUPPORT naming the API); kept in the
     * interface for drivers that will. */
    int (*node_suspend)(struct drv_conn *c, unsigned target,
                        uint64_t duration, unsigned flags, struct err *e);
    int (*node_get_memory_params)(struct drv_conn *c,
                                  struct drv_tparam *params, int *nparams,
                                  unsigned flags, struct err *e);
    int (*node_set_memory_params)(struct drv_conn *c,
                                  const struct drv_tparam *params,
                                  int nparams, unsigned flags,
                                  struct err *e);
    /* virDomain{Attach,Detach,Update}Device*: @op DRV_DEVICE_*, @flags
     * virDomainDeviceModifyFlags (the legacy calls pass LIVE) */
    int (*dom_device_change)(struct drv_conn *c, const struct drv_dom *d,
                             int op, const char *xml, unsigned flags,
                             struct err *e);
    int (*dom_get_guest_info)(struct drv_conn *c, const struct drv_dom *d,
                              unsigned types, unsigned flags, struct arena *a,
                              struct drv_tparam **params, int *nparams,
                              struct err *e);
    int (*dom_managed_save_remove)(struct drv_conn *c,
                                   const struct drv_dom *d, unsigned flags,
                                   struct err *e);
    int (*dom_suspend)(struct drv_conn *c, const struct drv_dom *d,
                       struct err *e);
    int (*dom_resume)(struct drv_conn *c, const struct drv_dom *d,
                      struct err *e);
    int (*dom_set_memory)(struct drv_conn *c, const struct drv_dom *d,
                          uint64_t kib, unsigned flags, struct err *e);
    int (*dom_set_vcpus)(struct drv_conn *c, const struct drv_dom *d,
                         unsigned n, unsigned flags, struct err *e);
    int (*dom_set_autostart)(struct drv_conn *c, const struct drv_dom *d,
                             int autostart, struct err *e);

    /* -- domain snapshots: @snap names a snapshot of @d ---------------- */
    /* virDomainSnapshotCreateXML: the new snapshot's name in *name. */
    int (*snap_create_xml)(struct drv_conn *c, const struct drv_dom *d,
                           const char *xml, unsigned flags, struct arena *a,
                           char **name, struct err *e);
    int (*snap_get_xml_desc)(struct drv_conn *c, const struct drv_dom *d,
                             const char *snap, unsigned flags,
                             struct arena *a, char **out, struct err *e);
    /* The snapshots @flags select among those of @d (@from NULL) or under
     * snapshot @from, for the call @api (DRV_SNAP_*, which also names the
     * flags it takes): *n is their count; with @names, the first @max of
     * their names (from @a) in *names. */
    int (*snap_list)(struct drv_conn *c, const struct drv_dom *d,
                     const char *from, int api, unsigned flags, int max,
                     struct arena *a, const char ***names, int *n,
                     struct err *e);
    int (*snap_lookup)(struct drv_conn *c, const struct drv_dom *d,
                       const char *snap, unsigned flags, struct err *e);
    /* The current snapshot's name in *name (from @a), NULL when none;
     * @need: no current snapshot is an error (virDomainSnapshotCurrent),
     * else not (virDomainHasCurrentSnapshot). */
    int (*snap_current)(struct drv_conn *c, const struct drv_dom *d,
                        unsigned flags, bool need, struct arena *a,
                        char **name, struct err *e);
    int (*snap_get_parent)(struct drv_conn *c, const struct drv_dom *d,
                           const char *snap, unsigned flags, struct arena *a,
                           char **parent, struct err *e);
    /* virDomainSnapshotIsCurrent (@what 0), HasMetadata (1): 0 or 1. */
    int (*snap_query)(struct drv_conn *c, const struct drv_dom *d,
                      const char *snap, int what, unsigned flags, int *out,
                      struct err *e);
    int (*snap_revert)(struct drv_conn *c, const struct drv_dom *d,
                       const char *snap, unsigned flags, struct err *e);
    int (*snap_delete)(struct drv_conn *c, const struct drv_dom *d,
                       const char *snap, unsigned flags, struct err *e);

    int (*dom_get_job_info)(struct drv_conn *c, const struct drv_dom *d,
                            struct drv_job_info *out, struct err *e);
    int (*dom_abort_job)(struct drv_conn *c, const struct drv_dom *d,
                         struct err *e);

    /* -- networks ------------------------------------------------------ */
    int (*list_all_networks)(struct drv_conn *c, unsigned flags,
                             struct arena *a, struct drv_net **out, int *n,
                             struct err *e);
    int (*num_of_networks)(struct drv_conn *c, bool active, int *out,
                           struct err *e);
    int (*list_network_names)(struct drv_conn *c, bool active, int max,
                              struct arena *a, const char ***out, int *n,
                              struct err *e);
    int (*net_lookup_by_name)(struct drv_conn *c, const char *name,
                              struct arena *a, struct drv_net *out,
                              struct err *e);
    int (*net_lookup_by_uuid)(struct drv_conn *c, const uint8_t *uuid,
                              struct arena *a, struct drv_net *out,
                              struct err *e);
    int (*net_get_xml_desc)(struct drv_conn *c, const struct drv_net *net,
                            unsigned flags, struct arena *a, char **out,
                            struct err *e);
    int (*net_get_bridge_name)(struct drv_conn *c, const struct drv_net *net,
                               struct arena *a, char **out, struct err *e);
    int (*net_get_autostart)(struct drv_conn *c, const struct drv_net *net,
                             int *out, struct err *e);
    int (*net_is_active)(struct drv_conn *c, const struct drv_net *net,
                         int *out, struct err *e);
    int (*net_is_persistent)(struct drv_conn *c, const struct drv_net *net,
                             int *out, struct err *e);
    /* lifecycle: define (persistent), create (transient, started), start,
     * stop, undefine, autostart */
    int (*net_define_xml)(struct drv_conn *c, const char *xml,
                          unsigned flags, struct arena *a,
                          struct drv_net *out, struct err *e);
    int (*net_create_xml)(struct drv_conn *c, const char *xml,
                          unsigned flags, struct arena *a,
                          struct drv_net *out, struct err *e);
    int (*net_create)(struct drv_conn *c, const struct drv_net *net,
                      struct err *e);
    int (*net_destroy)(struct drv_conn *c, const struct drv_net *net,
                       struct err *e);
    int (*net_undefine)(struct drv_conn *c, const struct drv_net *net,
                        struct err *e);
    int (*net_set_autostart)(struct drv_conn *c, const struct drv_net *net,
                             int autostart, struct err *e);
    /* virNetworkUpdate: @command and @section as libvirt numbers them
     * (virNetworkUpdateCommand, virNetworkUpdateSection), in that order */
    int (*net_update)(struct drv_conn *c, const struct drv_net *net,
                      unsigned command, unsigned section, int parent_index,
                      const char *xml, unsigned flags, struct err *e);

    /* -- storage pools and volumes ------------------------------------- */
    int (*list_all_pools)(struct drv_conn *c, unsigned flags,
                          struct arena *a, struct drv_pool **out, int *n,
                          struct err *e);
    int (*num_of_pools)(struct drv_conn *c, bool active, int *out,
                        struct err *e);
    int (*list_pool_names)(struct drv_conn *c, bool active, int max,
                           struct arena *a, const char ***out, int *n,
                           struct err *e);
    /* virConnectFindStoragePoolSources: an XML document into *out */
    int (*find_pool_sources)(struct drv_conn *c, const char *type,
                             const char *spec, unsigned flags,
                             struct arena *a, char **out, struct err *e);
    int (*pool_lookup_by_name)(struct drv_conn *c, const char *name,
                               struct arena *a, struct drv_pool *out,
                               struct err *e);
    int (*pool_lookup_by_uuid)(struct drv_conn *c, const uint8_t *uuid,
                               struct arena *a, struct drv_pool *out,
                               struct err *e);
    int (*pool_lookup_by_volume)(struct drv_conn *c,
                                 const struct drv_vol *vol, struct arena *a,
                                 struct drv_pool *out, struct err *e);
    int (*pool_get_info)(struct drv_conn *c, const struct drv_pool *p,
                         struct drv_pool_info *out, struct err *e);
    int (*pool_get_xml_desc)(struct drv_conn *c, const struct drv_pool *p,
                             unsigned flags, struct arena *a, char **out,
                             struct err *e);
    int (*pool_get_autostart)(struct drv_conn *c, const struct drv_pool *p,
                              int *out, struct err *e);
    int (*pool_is_active)(struct drv_conn *c, const struct drv_pool *p,
                          int *out, struct err *e);
    /* virStoragePoolDefineXML (persistent, inactive) and CreateXML
     * (transient, started) */
    int (*pool_define_xml)(struct drv_conn *c, const char *xml,
                           unsigned flags, struct arena *a,
                           struct drv_pool *out, struct err *e);
    int (*pool_create_xml)(struct drv_conn *c, const char *xml,
                           unsigned flags, struct arena *a,
                           struct drv_pool *out, struct err *e);
    /* start, build, destroy, delete, undefine, refresh (DRV_POOL_*);
     * destroy and undefine take no flags (pass 0) */
    int (*pool_change)(struct drv_conn *c, const struct drv_pool *p, int op,
                       unsigned flags, struct err *e);
    int (*pool_set_autostart)(struct drv_conn *c, const struct drv_pool *p,
                              int autostart, struct err *e);
    int (*pool_is_persistent)(struct drv_conn *c, const struct drv_pool *p,
                              int *out, struct err *e);
    int (*pool_num_of_volumes)(struct drv_conn *c, const struct drv_pool *p,
                               int *out, struct err *e);
    int (*pool_list_volumes)(struct drv_conn *c, const struct drv_pool *p,
                             int max, struct arena *a, const char ***out,
                             int *n, struct err *e);
    int (*pool_list_all_volumes)(struct drv_conn *c,
                                 const struct drv_pool *p, unsigned flags,
                                 struct arena *a, struct drv_vol **out,
                                 int *n, struct err *e);
    int (*vol_lookup_by_name)(struct drv_conn *c, const struct drv_pool *p,
                              const char *name, struct arena *a,
                              struct drv_vol *out, struct err *e);
    int (*vol_lookup_by_key)(struct drv_conn *c, const char *key,
                             struct arena *a, struct drv_vol *out,
                             struct err *e);
    int (*vol_create_xml)(struct drv_conn *c, const struct drv_pool *p,
                          const char *xml, unsigned flags, struct arena *a,
                          struct drv_vol *out, struct err *e);
    int (*vol_create_xml_from)(struct drv_conn *c, const struct drv_pool *p,
                               const char *xml, const struct drv_vol *clone,
                               unsigned flags, struct arena *a,
                               struct drv_vol *out, struct err *e);
    int (*vol_delete)(struct drv_conn *c, const struct drv_vol *v,
                      unsigned flags, struct err *e);
    int (*vol_get_info)(struct drv_conn *c, const struct drv_vol *v,
                        struct drv_vol_info *info, struct err *e);
    int (*vol_get_xml_desc)(struct drv_conn *c, const struct drv_vol *v,
                            unsigned flags, struct arena *a, char **out,
                            struct err *e);
    int (*vol_get_path)(struct drv_conn *c, const struct drv_vol *v,
                        struct arena *a, char **out, struct err *e);
    int (*vol_lookup_by_path)(struct drv_conn *c, const char *path,
                              struct arena *a, struct drv_vol *out,
                              struct err *e);

    /* -- host interfaces ----------------------------------------------- */
    int (*list_all_interfaces)(struct drv_conn *c, unsigned flags,
                               struct arena *a, struct drv_iface **out,
                               int *n, struct err *e);
    int (*num_of_interfaces)(struct drv_conn *c, bool active, int *out,
                             struct err *e);
    int (*list_interface_names)(struct drv_conn *c, bool active, int max,
                                struct arena *a, const char ***out, int *n,
                                struct err *e);
    int (*iface_lookup_by_name)(struct drv_conn *c, const char *name,
                                struct arena *a, struct drv_iface *out,
                                struct err *e);
    int (*iface_lookup_by_mac)(struct drv_conn *c, const char *mac,
                               struct arena *a, struct drv_iface *out,
                               struct err *e);
    /* virInterfaceChange{Begin,Commit,Rollback}: @op DRV_IFACE_* */
    int (*iface_change)(struct drv_conn *c, int op, unsigned flags,
                        struct err *e);
    int (*iface_get_xml_desc)(struct drv_conn *c,
                              const struct drv_iface *iface, unsigned flags,
                              struct arena *a, char **out, struct err *e);
    int (*iface_is_active)(struct drv_conn *c, const struct drv_iface *iface,
                           int *out, struct err *e);

    /* -- node devices (named by their name alone) ---------------------- */
    /* Count and names of the devices with capability @cap (NULL: all). */
    int (*nodedev_num)(struct drv_conn *c, const char *cap, unsigned flags,
                       int *out, struct err *e);
    int (*nodedev_names)(struct drv_conn *c, const char *cap, int max,
                         unsigned flags, struct arena *a, const char ***out,
                         int *n, struct err *e);
    /* virConnectListAllNodeDevices: names of the devices @flags selects */
    int (*nodedev_list_all)(struct drv_conn *c, unsigned flags,
                            struct arena *a, const char ***out, int *n,
                            struct err *e);
    /* The device's name as stored (*out), or NO_NODE_DEVICE. */
    int (*nodedev_lookup)(struct drv_conn *c, const char *name,
                          struct arena *a, const char **out, struct err *e);
    int (*nodedev_xml)(struct drv_conn *c, const char *name, unsigned flags,
                       struct arena *a, char **out, struct err *e);
    /* The parent's name; *out NULL (and @e set) when there is none. */
    int (*nodedev_parent)(struct drv_conn *c, const char *name,
                          struct arena *a, const char **out, struct err *e);
    /* Capability names, at most @max (max < 0: count only, *out NULL). */
    int (*nodedev_caps)(struct drv_conn *c, const char *name, int max,
                        struct arena *a, const char ***out, int *n,
                        struct err *e);
    /* virNodeDeviceCreateXML: the new device's name in *out */
    int (*nodedev_create_xml)(struct drv_conn *c, const char *xml,
                              unsigned flags, struct arena *a,
                              const char **out, struct err *e);
    int (*nodedev_destroy)(struct drv_conn *c, const char *name,
                           struct err *e);
};

/* -- registry ------------------------------------------------------------ */

/*
 * Open a connection for the URI @name (NULL or "": the default, which no
 * driver takes) with the first registered driver that accepts it. 0 and
 * *out (close with drv_close), or -1 with @e set: libvirtd's NO_CONNECT
 * "no connection driver available for ..." when no driver accepts it, its
 * URI error when @name is not a URI, else the driver's error. @a holds the
 * parsed URI during the call only.
 */
int drv_open(const char *name, unsigned flags,
             const struct drv_event_sink *sink, struct arena *a,
             struct drv_conn **out, struct err *e);

/* Close a connection from drv_open(). NULL-safe. */
void drv_close(struct drv_conn *c);

/*
 * Split @name into @u (strings from @a; scheme NULL for a relative
 * reference such as "foo"). 0, -EINVAL when @name is not a URI (":x",
 * "1a:b"), -ENOMEM.
 */
int drv_uri_parse(const char *name, struct arena *a, struct drv_uri *u);

/*
 * Set libvirt's NO_SUPPORT error for a NULL driver entry: "this function
 * is not supported by the connection driver: @api", in error domain
 * @errdom (ERRDOM_DOMAIN for libvirt-host.c / libvirt-domain.c APIs,
 * ERRDOM_NETWORK, ERRDOM_STORAGE, ERRDOM_INTERFACE for theirs).
 */
void drv_unsupported(struct err *e, int errdom, const char *api);

/*
 * libvirt's virCheckFlags failure: INVALID_ARG in @errdom, "unsupported
 * flags (0x%x) in function @func" (str1 @func, str2 "flags"). Drivers call
 * it with the libvirt function name the reference reports.
 */
void drv_bad_flags(struct err *e, int errdom, const char *func,
                   unsigned flags);
/* virCheckFlags itself: true (and drv_bad_flags with only the bits
 * outside @supported, as libvirt reports them) when @flags has any. */
bool drv_flags_unsupported(struct err *e, int errdom, const char *func,
                           unsigned flags, unsigned supported);

/* "6695eb01-f6a4-..." into buf (DRV_UUID_STRLEN + 1 bytes). */
void drv_uuid_format(const uint8_t *uuid, char *buf);
/* Parse the 36-char form (dashes optional as libvirt accepts them): 0 or
 * -EINVAL. */
int drv_uuid_parse(const char *s, uint8_t *uuid);
/* The 16-byte key that stands for node device @name where events carry a
 * uuid (a 128-bit FNV-1a hash of the name). */
void drv_nodedev_key(const char *name, uint8_t *key);

#endif
