/*
 * test_priv.h: internals of the test driver shared by the drivers/test sources.
 * Not an API: everything outside drivers/test goes through drv_test_ops.
 *
 * Synchronization
 *   tdrv_state.lock      guards every field of the state and of the
 *                        objects it owns (domains, networks, pools,
 *                        interfaces). Held only inside one driver call,
 *                        never across a call back out (event sinks).
 *   tdrv_default_lock    (state.c) guards the default state pointer, its
 *                        connection count and connection list.
 *   tdrv_state.ev_lock   serializes event delivery (events.c): held
 *                        while the queue is taken (briefly taking lock)
 *                        and while the sinks run (taking
 *                        tdrv_default_lock around them).
 *   Order: ev_lock, then lock or tdrv_default_lock; lock and
 *   tdrv_default_lock are never held at the same time.
 */
#ifndef VIRTD_DRIVERS_TEST_TEST_PRIV_H
#define VIRTD_DRIVERS_TEST_TEST_PRIV_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "drivers/driver.h"
#include "drivers/test/xmlw.h"

/* -- domains --------------------------------------------------------------- */

#define TDRV_AFFECT_LIVE    1u    /* VIR_DOMAIN_AFFECT_* */
#define TDRV_AFFECT_CONFIG  2u

/* State reasons (virDomain*Reason) the driver sets. */
enum {
    TDRV_RUNNING_BOOTED = 1,
    TDRV_RUNNING_RESTORED = 3,
    TDRV_RUNNING_UNPAUSED = 5,
    TDRV_PAUSED_USER = 1,
    TDRV_SHUTOFF_SHUTDOWN = 1,
    TDRV_SHUTOFF_DESTROYED = 2,
    TDRV_SHUTOFF_CRASHED = 3,
    TDRV_SHUTOFF_SAVED = 5,
    TDRV_SHUTOFF_FAILED = 6,
};

/* Lifecycle events (virDomainEventType) and the details used. */
enum {
    TDRV_EV_DEFINED = 0,
    TDRV_EV_UNDEFINED = 1,
    TDRV_EV_STARTED = 2,
    TDRV_EV_SUSPENDED = 3,
    TDRV_EV_RESUMED = 4,
    TDRV_EV_STOPPED = 5,
};

enum {
    TDRV_DEFINED_ADDED = 0,
    TDRV_DEFINED_UPDATED = 1,
    TDRV_DEFINED_RENAMED = 2,
    TDRV_UNDEFINED_REMOVED = 0,
    TDRV_UNDEFINED_RENAMED = 1,
    TDRV_STARTED_BOOTED = 0,
    TDRV_STARTED_RESTORED = 2,
    TDRV_SUSPENDED_PAUSED = 0,
    TDRV_RESUMED_UNPAUSED = 0,
    TDRV_STOPPED_SHUTDOWN = 0,
    TDRV_STOPPED_DESTROYED = 1,
    TDRV_STOPPED_CRASHED = 2,
    TDRV_STOPPED_SAVED = 4,
};

/* A PCI address as libvirt formats it; set == false: none. */
struct tdrv_pci {
    bool set;
    unsigned domain, bus, slot, function;
};

/* A drive address (disks on ide, scsi, sata and fdc buses). */
struct tdrv_drive {
    bool set;
    unsigned controller, bus, target, unit;
};

/* A disk's <iotune>: the 20 block I/O tunables in libvirt's order
 * (tdrv_iotune_names); v[TDRV_IOTUNE_GROUP] is unused, the group name
 * is in @group. 0 and NULL: not set. */
#define TDRV_IOTUNE_FIELDS 20
#define TDRV_IOTUNE_GROUP 13
struct tdrv_iotune {
    uint64_t v[TDRV_IOTUNE_FIELDS];
    char *group;
};

struct tdrv_disk {
    char *type;                   /* "file", "block", "dir" */
    char *device;                 /* "disk", "cdrom", "floppy", "lun" */
    char *driver_name;            /* <driver> attributes; NULL: absent */
    char *driver_type;
    char *driver_cache;
    char *driver_io;
    char *driver_discard;
    char *source;                 /* file path, NULL when none */
    char *dst;                    /* target dev "vda" */
    char *bus;                    /* target bus "virtio" */
    bool readonly;
    bool shareable;
    struct tdrv_iotune iotune;
    struct tdrv_pci addr;
    struct tdrv_drive drive;
};

/* An implicit disk controller ("ide", "scsi", "sata", "fdc"). */
struct tdrv_ctrl {
    char *type;
    unsigned index;
    char *model;                  /* NULL when none */
};

/* One direction of an interface's <bandwidth>; set: the element was
 * given (its values may all be 0). */
struct tdrv_rate {
    bool set;
    uint64_t average, peak, burst, floor;
};

/* A <bandwidth> (interface, network, port group); set: an <inbound> or
 * <outbound> was given. */
struct tdrv_bw {
    bool set;
    struct tdrv_rate in, out;
};

struct tdrv_nic {
    char *type;                   /* "network", "bridge", "user", ... */
    char mac[18];                 /* "aa:bb:cc:dd:ee:ff" */
    char *source;                 /* network or bridge name; NULL: none */
    char *portgroup;              /* <source portgroup>; NULL: none */
    char *ifname;                 /* target dev, generated "testnetN" */
    char *model;                  /* NULL when none */
    struct tdrv_pci addr;
    const char *link;             /* <link state>: "up", "down"; NULL */
    struct tdrv_bw bw;
};

struct tdrv_cpu_feature {
    char *policy, *name;
};

/* <cpu>; mode NULL: none. */
struct tdrv_cpu {
    char *mode;                   /* "custom", "host-passthrough", ... */
    char *match;                  /* "exact" ... (custom with a model) */
    char *check, *migratable;     /* NULL when absent */
    char *model, *fallback;       /* NULL: no model */
    bool topology;
    unsigned sockets, dies, cores, threads;
    struct tdrv_cpu_feature *features;
    size_t nfeatures;
};

/* <graphics>: vnc, spice or sdl. */
struct tdrv_graphics {
    char *type;
    int port, tls_port;           /* 0: none */
    bool autoport;
    char *listen;                 /* address; NULL: none */
    bool listen_none;             /* spice: <listen type='none'/> */
    char *keymap;                 /* NULL when none */
    char *passwd;                 /* written with VIR_DOMAIN_XML_SECURE */
};

struct tdrv_video {
    char *model;                  /* "cirrus" ... */
    unsigned ram, vram, vgamem, heads;    /* 0: not written */
    bool primary;
};

/* A serial port, console or channel. */
struct tdrv_chr {
    char *type;                   /* "pty", "file", "unix", "spicevmc" */
    char *mode;                   /* unix source mode; NULL when none */
    char *path;                   /* file or unix source; NULL: none */
    char *target;                 /* console or channel target type */
    char *name;                   /* channel target name; NULL: none */
    unsigned port;                /* serial and console */
};

/* <rng> with a random backend. */
struct tdrv_rng {
    char *model;
    char *path;                   /* backend device */
    unsigned rate_bytes, rate_period;     /* 0: none */
};

struct tdrv_input {
    char *type;                   /* "tablet", "mouse", "keyboard", ... */
    char *bus;                    /* "usb", "ps2", ... */
};

/* <watchdog>: model and action are indexes in their names; set false:
 * none. */
struct tdrv_watchdog {
    bool set;
    int model, action;
    struct tdrv_pci addr;
};

/* <panic>: model 0 is libvirt's default (written without a model). */
struct tdrv_panic {
    int model;
    struct tdrv_pci addr;
    bool isa;                     /* <address type='isa'> */
    unsigned iobase, irq;
    bool has_iobase, has_irq;
};

/* <tpm>: model 0 default (not written); backend 0 passthrough, 1
 * emulator; version 0 none, 1 "1.2", 2 "2.0". */
struct tdrv_tpm {
    int model, backend, version;
    char *path;                   /* passthrough device */
    bool persistent;              /* emulator persistent_state='yes' */
    struct tdrv_pci addr;
};

/* <filesystem>: type, accessmode, driver type and wrpolicy are indexes in
 * their names (domain_parse_fs.c); driver 0: none written. */
struct tdrv_fs {
    int type, accessmode, driver, format, wrpolicy;
    unsigned long long queue;     /* 0: none */
    char *binary_path;            /* virtiofs <binary>; NULL: none */
    int xattr;                    /* 0 absent, 1 on, 2 off */
    char *source;                 /* dir, dev, file or template name */
    unsigned long long usage;     /* ram, KiB */
    char *target;
    bool readonly;
    struct tdrv_pci addr;
};

/* <shmem>: model 0 ivshmem, 1 ivshmem-plain, 2 ivshmem-doorbell; role 0
 * none, 1 master, 2 peer; msi_ioeventfd 0 absent, 1 on, 2 off. */
struct tdrv_shmem {
    char *name;
    int model, role;
    unsigned long long size;      /* bytes; 0: none */
    bool server, msi;
    char *server_path;            /* NULL: none */
    unsigned msi_vectors;         /* 0: none */
    int msi_ioeventfd;
    struct tdrv_pci addr;
};

/* <vsock>: model 0 default (not written), 1 virtio; auto 1 yes, 2 no. */
struct tdrv_vsock {
    bool set;
    int model, cid_auto;
    unsigned cid;                 /* 0: none */
    struct tdrv_pci addr;
};

/* Their names (domain_parse_sys.c), NULL-terminated. */
extern const char *const tdrv_watchdog_models[];
extern const char *const tdrv_watchdog_actions[];
extern const char *const tdrv_panic_models[];
extern const char *const tdrv_tpm_models[];
extern const char *const tdrv_fs_types[];
extern const char *const tdrv_fs_accessmodes[];
extern const char *const tdrv_fs_drivers[];
extern const char *const tdrv_fs_wrpolicies[];

/* virDomainLifecycleAction, in libvirt's order. */
enum {
    TDRV_ACT_DESTROY,
    TDRV_ACT_RESTART,
    TDRV_ACT_RESTART_RENAME,
    TDRV_ACT_PRESERVE,
    TDRV_ACT_COREDUMP_DESTROY,
    TDRV_ACT_COREDUMP_RESTART,
    TDRV_ACT_MAX,
};

/* The <features> kept, as bits in libvirt's formatting order. */
enum {
    TDRV_FEAT_ACPI = 1u << 0,
    TDRV_FEAT_APIC = 1u << 1,
    TDRV_FEAT_PAE = 1u << 2,
    TDRV_FEAT_HAP = 1u << 3,
    TDRV_FEAT_VIRIDIAN = 1u << 4,
    TDRV_FEAT_PRIVNET = 1u << 5,
};

#define TDRV_MEM_UNLIMITED 9007199254740991ULL   /* 2^53 - 1 */

/* virPerfEventType: the perf events a domain can have enabled or
 * disabled, in libvirt's order (tdrv_perf_names). */
#define TDRV_PERF_EVENTS 22
extern const char *const tdrv_perf_names[TDRV_PERF_EVENTS + 1];
#define TDRV_BOOT_MAX 4

struct tdrv_vcpupin {
    unsigned vcpu;
    char *cpuset;
};

/* virDomainNumatuneMemMode and virDomainNumatunePlacement, in libvirt's
 * order (tdrv_numa_modes, tdrv_numa_placements). */
enum { TDRV_NUMA_STRICT, TDRV_NUMA_PREFERRED, TDRV_NUMA_INTERLEAVE,
       TDRV_NUMA_RESTRICTIVE, TDRV_NUMA_MODES };
enum { TDRV_NPLACE_DEFAULT, TDRV_NPLACE_STATIC, TDRV_NPLACE_AUTO };
extern const char *const tdrv_numa_modes[];

/* <numatune><memory>: once specified, placement is static (with a
 * nodeset) or auto (without). */
struct tdrv_numatune {
    bool specified;
    int mode;                     /* TDRV_NUMA_* */
    int placement;                /* TDRV_NPLACE_STATIC or _AUTO */
    char *nodeset;                /* canonical bitmap; NULL when none */
};

/* One <blkiotune><device>; 0 is "not set" for every value, and a device
 * with none set is kept but not written (as libvirt does). */
struct tdrv_blkio_dev {
    char *path;
    unsigned weight, riops, wiops;
    uint64_t rbps, wbps;
};

/* The most <blkiotune> devices one definition keeps, and the longest
 * device path (libvirt has no bound; these keep the getter's reply
 * within the protocol's limits). */
#define TDRV_BLKIO_DEVS_MAX 256
#define TDRV_BLKIO_PATH_MAX 4096

/* One IOThread of a definition (<iothreadids><iothread>); the thread
 * pool sizes are -1 when not given. */
struct tdrv_iothread {
    unsigned id;
    int pool_min, pool_max;
    bool autofill;                /* numbered from <iothreads> alone */
    char *cpuset;                 /* <iothreadpin>, canonical; NULL: none */
};

/* The most IOThreads one definition keeps (libvirt has no bound; this
 * keeps what a definition costs bounded). */
#define TDRV_IOTHREADS_MAX 16384

/* One domain definition (what <domain> XML describes). */
struct tdrv_domdef {
    char *virt_type;              /* <domain type=...>: "test" */
    char *name;
    uint8_t uuid[DRV_UUID_LEN];
    char *title;                  /* NULL when none */
    char *description;
    uint64_t memory;              /* <memory>, KiB */
    uint64_t cur_memory;          /* <currentMemory>, KiB */
    uint64_t hard_limit, soft_limit, swap_hard_limit;   /* KiB */
    unsigned blkio_weight;        /* <blkiotune><weight>; 0: none */
    struct tdrv_blkio_dev *blkio_devs;
    size_t nblkio_devs;
    struct tdrv_numatune numatune;
    unsigned vcpus_max;
    unsigned vcpus;
    bool placement_auto;          /* <vcpu placement='auto'> */
    char *cpuset;                 /* <vcpu cpuset>; NULL when none */
    /* <cputune>: the vCPUs pinned at run time (virDomainPinVcpu), sorted
     * by vcpu, and the emulator's pinning; the canonical cpuset form */
    struct tdrv_vcpupin *pins;
    size_t npins;
    char *emulatorpin;            /* NULL when none */
    /* IOThreads in their order, and <defaultiothread>'s thread pool
     * sizes (kept only when given: dflt_has_min, dflt_has_max) */
    struct tdrv_iothread *iothreads;
    size_t niothreads;
    bool dflt_has_min, dflt_has_max;
    int dflt_pool_min, dflt_pool_max;
    char *os_type;                /* "hvm" */
    char *arch;                   /* "i686" */
    char *machine;                /* NULL when none */
    char *boot[TDRV_BOOT_MAX];    /* "hd", ... */
    size_t nboot;
    unsigned features;            /* TDRV_FEAT_* */
    struct tdrv_cpu cpu;
    char *clock_offset;           /* "utc" */
    int on_poweroff, on_reboot, on_crash;     /* TDRV_ACT_* */
    unsigned char perf[TDRV_PERF_EVENTS];     /* 0 absent, 1 yes, 2 no */
    struct tdrv_disk *disks;
    size_t ndisks;
    struct tdrv_ctrl *ctrls;
    size_t nctrls;
    struct tdrv_nic *nics;
    size_t nnics;
    char *emulator;               /* NULL when none */
    struct tdrv_chr *serials, *consoles, *channels;
    size_t nserials, nconsoles, nchannels;
    struct tdrv_rng *rngs;
    size_t nrngs;
    struct tdrv_graphics *graphics;
    size_t ngraphics;
    struct tdrv_video *videos;
    size_t nvideos;
    struct tdrv_input *inputs;
    size_t ninputs;
    char **sounds;                /* sound models */
    size_t nsounds;
    struct tdrv_fs *fss;
    size_t nfss;
    struct tdrv_tpm *tpms;
    size_t ntpms;
    struct tdrv_watchdog watchdog;
    struct tdrv_panic *panics;
    size_t npanics;
    struct tdrv_shmem *shmems;
    size_t nshmems;
    struct tdrv_vsock vsock;
    char *balloon_model;          /* NULL: no <memballoon> */
    struct tdrv_pci balloon_addr;
    int balloon_period;           /* <stats period>, seconds; 0: none */
};

/* virDomainSnapshotLocation */
enum {
    TDRV_LOC_DEFAULT,
    TDRV_LOC_NO,
    TDRV_LOC_INTERNAL,
    TDRV_LOC_EXTERNAL,
    TDRV_LOC_MANUAL,
};

/* virDomainSnapshotState: the domain's state (DRV_DOM_*), or this. */
#define TDRV_SNAP_DISK_SNAPSHOT 8

/* One disk of a snapshot (<domainsnapshot><disks><disk>). */
struct tdrv_snap_disk {
    char *name;                   /* the domain disk's target */
    int snapshot;                 /* TDRV_LOC_* */
    int type;                     /* virStorageType: 1 file, 2 block */
    int format;                   /* virStorageFileFormat; 0: none */
    char *path;                   /* external image; NULL: none */
};

/* One snapshot of a domain (virDomainSnapshotDef). */
struct tdrv_snap {
    char *name;
    char *description;            /* NULL when none */
    char *parent;                 /* the parent's name; NULL: a root */
    int state;                    /* DRV_DOM_* or TDRV_SNAP_DISK_SNAPSHOT */
    long long ctime;              /* creationTime, seconds */
    int memory;                   /* TDRV_LOC_* */
    char *memory_file;            /* NULL when none */
    struct tdrv_snap_disk *disks;
    size_t ndisks;
    struct tdrv_domdef *def;      /* the domain when it was taken */
};

/* The most snapshots one domain keeps (libvirt has no bound; this keeps
 * a tree walk's cost bounded). */
#define TDRV_SNAPS_MAX 1024

/* The polling parameters of one added IOThread (virDomainSetIOThreadParams) */
struct tdrv_iopoll {
    unsigned id;
    uint64_t max_ns;
    unsigned grow, shrink;
};

struct tdrv_dom {
    struct tdrv_domdef *def;      /* current (live when running) */
    struct tdrv_domdef *newdef;   /* persistent config pending, or NULL */
    int id;                       /* -1 when inactive */
    int state;                    /* DRV_DOM_* */
    int reason;
    bool persistent;
    bool autostart;
    bool managed_save;
    /* what the pretend guest agent keeps per domain object (see
     * domain_guest.c): the guest clock, which also drives
     * virDomainGetControlInfo, and whether "/" and "/boot" are frozen */
    int64_t time_s;
    uint32_t time_ns;
    bool frozen[2];
    /* snapshots, in the order they were made (snapshot.c) */
    struct tdrv_snap **snaps;
    size_t nsnaps;
    struct tdrv_snap *current;    /* NULL when none */
    /* what the test driver keeps of the IOThreads added by
     * virDomainAddIOThread (live or config), their polling parameters,
     * in the order they were added; the iothread stats come from it */
    struct tdrv_iopoll *polls;
    size_t npolls;
};

/* Every new domain object's clock: 1989-11-17 15:32:00 UTC, as in
 * libvirt's test driver. */
#define TDRV_GUEST_TIME 627319920

/* -- networks, storage, interfaces ----------------------------------------- */

/*
 * What networks, storage pools and host interfaces have in common. It is
 * the first member of each, so the state keeps them all as arrays of
 * struct tdrv_obj * and the helpers of objs.c serve the three kinds.
 */
struct tdrv_obj {
    char *name;
    uint8_t uuid[DRV_UUID_LEN];   /* all zero for interfaces */
    bool active, persistent, autostart;
};

/* A DHCP range's or host's <lease> */
struct tdrv_net_lease {
    bool set;                     /* false: no <lease> */
    unsigned long long expiry;    /* 0: infinite */
    int unit;                     /* virNetworkDHCPLeaseTimeUnit */
};

struct tdrv_net_range {
    char *start, *end;
    struct tdrv_net_lease lease;
};

struct tdrv_net_host {
    char *mac, *id, *name, *ip;   /* NULL when absent */
    struct tdrv_net_lease lease;
};

struct tdrv_net_ip {
    char *family;                 /* as written; NULL when absent */
    char *address;                /* canonical */
    char *netmask;                /* canonical; NULL when absent */
    int prefix;                   /* -1 when absent (0 is not written) */
    int local_ptr;                /* localPtr tristate */
    char *tftp_root;              /* <tftp root>; NULL when none */
    char *bootfile, *bootserver;  /* <dhcp><bootp>; NULL when none */
    struct tdrv_net_range *ranges;
    size_t nranges;
    struct tdrv_net_host *hosts;
    size_t nhosts;
};

/* One network definition (what <network> XML describes). */
/* A network's <dns>: tristates 0 absent, 1 yes, 2 no; addresses in
 * canonical form; strings NULL when absent. */
struct tdrv_net_dns_host {
    char *ip;
    char **names;
    size_t nnames;
};

struct tdrv_net_dns_srv {
    char *service, *protocol, *domain, *target;
    unsigned port, priority, weight;    /* 0: absent */
};

struct tdrv_net_dns_txt {
    char *name, *value;
};

struct tdrv_net_dns_fwd {
    char *domain, *addr;
};

struct tdrv_net_dns {
    int enable, forward_plain;
    struct tdrv_net_dns_fwd *fwds;
    size_t nfwds;
    struct tdrv_net_dns_host *hosts;
    size_t nhosts;
    struct tdrv_net_dns_srv *srvs;
    size_t nsrvs;
    struct tdrv_net_dns_txt *txts;
    size_t ntxts;
};

/* <forward mode='nat'>'s <nat>; all zero/NULL when absent */
struct tdrv_net_nat {
    int ipv6;                     /* tristate: 0 absent, 1 yes, 2 no */
    char *start, *end;            /* SNAT addresses, canonical; NULL */
    unsigned port_start, port_end;
};

/* A network's <route>: addresses canonical, netmask NULL when none */
struct tdrv_net_route {
    char *family, *address, *netmask, *gateway;
    bool has_prefix, has_metric;
    unsigned prefix, metric;
};

/* A <vlan> (networks and port groups); ntags 0: none */
struct tdrv_vlan {
    bool trunk;
    unsigned *tags;
    size_t ntags;
    int native_mode;              /* 0 none, 1 tagged, 2 untagged */
    unsigned native_tag;
};

/* A <virtualport> (networks and port groups); set: one was given */
struct tdrv_vport {
    bool set;
    int type;                     /* none, 802.1Qbg, 802.1Qbh, openvswitch,
                                     midonet */
    bool has_mgr, has_tid, has_tidv, has_inst, has_iface;
    unsigned mgr, tid, tidv;
    uint8_t inst[DRV_UUID_LEN], iface[DRV_UUID_LEN];
    char profile[40];             /* "" when none */
};

/* A network's <portgroup> */
struct tdrv_net_pg {
    char *name;
    bool is_default;
    int trust;                    /* trustGuestRxFilters tristate */
    struct tdrv_vlan vlan;
    struct tdrv_vport vport;
    struct tdrv_bw bw;
};

struct tdrv_netdef {
    char *name;
    uint8_t uuid[DRV_UUID_LEN];
    char *forward_mode;           /* "nat"; NULL: isolated */
    char **fwd_ifs;               /* <forward> <interface dev>s (a dev
                                     attribute is the first) */
    size_t nfwd_ifs;
    struct tdrv_pci *fwd_pcis;    /* <forward> <address type='pci'>s */
    size_t nfwd_pcis;
    char *fwd_pf;                 /* <pf dev>; NULL when none */
    bool fwd_managed;             /* hostdev mode's managed='yes' */
    int fwd_driver;               /* <driver name>: 0 none, 1 kvm, 2 vfio */
    struct tdrv_net_nat nat;
    char *bridge;                 /* NULL when none */
    char *bridge_zone;            /* NULL when none */
    int mac_table;                /* macTableManager: 0, kernel, libvirt */
    bool stp_given;               /* an stp attribute was written */
    unsigned mtu;                 /* <mtu size>; 0: none */
    bool stp;
    unsigned long delay;
    char *mac;                    /* NULL when none */
    char *domain;                 /* <domain name>; NULL when none */
    int domain_local;             /* localOnly tristate */
    bool ipv6nogw;                /* <network ipv6='yes'> */
    int trust;                    /* trustGuestRxFilters tristate */
    int port_isolated;            /* <port isolated> tristate */
    struct tdrv_vlan vlan;
    struct tdrv_net_dns dns;
    struct tdrv_bw bw;
    struct tdrv_net_pg *pgs;
    size_t npgs;
    struct tdrv_net_ip *ips;
    size_t nips;
    struct tdrv_net_route *routes;
    size_t nroutes;
    struct tdrv_vport vport;
};

struct tdrv_net {
    struct tdrv_obj o;            /* name and uuid: those of def */
    struct tdrv_netdef *def;
    /* libvirt's newDef: the persistent config of a running network,
     * given by a define or an update of the config; the test driver
     * never puts it in place. NULL when none. */
    struct tdrv_netdef *pending;
};

struct tdrv_vol {
    char *name;
    char *key;
    char *path;
    int type;                     /* virStorageVolType */
    int format;                   /* virStorageFileFormat */
    uint64_t capacity, allocation;
    long long perm_mode, perm_uid, perm_gid;    /* -1: not given */
    char *perm_label;
};

struct tdrv_pool_host {
    char *name;
    int port;                     /* 0: none */
};

struct tdrv_pool_dev {
    char *path;
    int part_separator;           /* 0 absent, 1 yes, 2 no */
};

/* A pool's <source> (virStoragePoolSource, without adapters and auth). */
struct tdrv_pool_src {
    char *name;                   /* NULL when none */
    int format;                   /* in the type's format names */
    struct tdrv_pool_host *hosts;
    size_t nhosts;
    struct tdrv_pool_dev *devs;
    size_t ndevs;
    char *dir;
    char *iqn;                    /* <initiator><iqn name=...> */
    char *protocol_ver;           /* as written; NULL: none */
    char *vendor, *product;
};

struct tdrv_pool {
    struct tdrv_obj o;
    int type;                     /* index in storage.c's pool types */
    struct tdrv_pool_src src;
    char *target_path;            /* NULL for the network types */
    long long perm_mode, perm_uid, perm_gid;    /* -1: not given */
    char *perm_label;
    int refresh;                  /* -1 none, 0 default, 1 capacity */
    int cow;                      /* <features><cow state>: 0, 1 yes, 2 no */
    uint64_t capacity, allocation, available;   /* bytes */
    struct tdrv_vol *vols;
    size_t nvols;
};

struct tdrv_iface {
    struct tdrv_obj o;
    char *type;                   /* "ethernet" */
    char *start_mode;             /* "onboot" */
    char mac[18];
    unsigned mtu;
    char *ip_family;              /* "ipv4" */
    char *ip_address;
    unsigned ip_prefix;
    char *gateway;
};

/* -- node devices (nodedev.c, nodedev_xml.c) ------------------------------ */

struct tdrv_state;

/* virNodeDevCapType: the capability names in libvirt 9.0's order (their
 * index is the type, and 1 << index its ListAll filter bit). */
enum {
    TDRV_NDCAP_SYSTEM = 0,
    TDRV_NDCAP_SCSI_HOST = 5,
    TDRV_NDCAP_FC_HOST = 9,
    TDRV_NDCAP_VPORTS = 10,
    TDRV_NDCAP_MAX = 22,
};
extern const char *const tdrv_ndcap_names[TDRV_NDCAP_MAX + 1];

#define TDRV_ND_FC_HOST    (1u << 0)  /* scsi_host: <capability fc_host> */
#define TDRV_ND_VPORT_OPS  (1u << 1)  /* scsi_host: <capability vport_ops> */

/* One <capability> of a device: a system or a scsi_host one (the only
 * kinds the test driver's devices have). Strings NULL when absent. */
struct tdrv_ndcap {
    int type;                     /* TDRV_NDCAP_* */
    /* system */
    char *product;
    char *hw_vendor, *hw_version, *hw_serial;
    uint8_t hw_uuid[DRV_UUID_LEN];
    char *fw_vendor, *fw_version, *fw_date;
    /* scsi_host */
    unsigned long host;
    long unique_id;               /* -1: none */
    unsigned flags;               /* TDRV_ND_* */
    char *wwnn, *wwpn, *fabric_wwn;
};

/* The most capabilities one device definition may have. */
#define TDRV_NDCAPS_MAX 32

/* One node device (virNodeDeviceDef as the test driver keeps it). */
struct tdrv_nodedev {
    struct tdrv_obj o;            /* name; uuid all zero, always active */
    char *parent;                 /* NULL: none */
    char *parent_wwnn, *parent_wwpn, *parent_fabric;  /* <parent> attrs */
    struct tdrv_ndcap *caps;
    size_t ncaps;
};

/* Parse <device> XML as virNodeDeviceDefParseString does: @create true
 * for CREATE_DEVICE (the name is "new device", no host numbers are read),
 * false for a device the driver already has. 0 and *out, or -1 with @e
 * set (libvirt's errors, in the node device error domain). */
int tdrv_nodedev_parse(const char *xml, bool create,
                       struct tdrv_nodedev **out, struct err *e);
/* Append @d's XML as virNodeDeviceDefFormat writes it. */
void tdrv_nodedev_format(struct xmlw *w, const struct tdrv_obj *d);
/* A deep copy, or NULL on ENOMEM. */
struct tdrv_nodedev *tdrv_nodedev_dup(const struct tdrv_nodedev *d);
void tdrv_nodedev_free(struct tdrv_nodedev *d);
/* Does @d have capability @type (fc_host and vports included, as
 * virNodeDeviceObjHasCap counts them)? */
bool tdrv_nodedev_has_cap(const struct tdrv_nodedev *d, int type);
/* The default devices: 0, or -ENOMEM. Caller holds no lock (init). */
int tdrv_nodedev_defaults(struct tdrv_state *st);

/* ListAll filter flags shared by networks, pools and interfaces. */
#define TDRV_OBJ_INACTIVE     (1u << 0)
#define TDRV_OBJ_ACTIVE       (1u << 1)
#define TDRV_OBJ_PERSISTENT   (1u << 2)
#define TDRV_OBJ_TRANSIENT    (1u << 3)
#define TDRV_OBJ_AUTOSTART    (1u << 4)
#define TDRV_OBJ_NO_AUTOSTART (1u << 5)

/* -- the shared state ------------------------------------------------------ */

struct tdrv_conn;

/* A queued domain event (events.c). */
struct tdrv_event {
    struct tdrv_event *next;
    int event_id;                 /* virDomainEventID */
    struct drv_dom dom;           /* name malloc'ed */
    int event, detail;
};

struct tdrv_state {
    pthread_mutex_t lock;
    /* Taken before lock (never inside it) by whoever delivers events, so
     * they reach the sinks in the order they were queued. */
    pthread_mutex_t ev_lock;
    struct tdrv_event *evq_head, *evq_tail;   /* guarded by lock */
    int next_dom_id;
    struct tdrv_dom **doms;
    size_t ndoms;
    struct tdrv_obj **nets;       /* struct tdrv_net */
    size_t nnets;
    struct tdrv_obj **pools;      /* struct tdrv_pool */
    size_t npools;
    struct tdrv_obj **ifaces;     /* struct tdrv_iface */
    size_t nifaces;
    bool iface_txn;               /* an interface change transaction runs */
    struct tdrv_obj **nodedevs;   /* struct tdrv_nodedev */
    size_t nnodedevs, nodedevs_cap;
    /* guarded by tdrv_default_lock, not by lock: */
    int nconns;
    struct tdrv_conn *conns;
};

struct tdrv_conn {
    struct drv_conn base;         /* first: drivers cast between the two */
    struct tdrv_state *st;
    struct drv_event_sink sink;
    struct tdrv_conn *next;       /* in st->conns */
};

static inline struct tdrv_state *
tdrv_st(struct drv_conn *c)
{
    return ((struct tdrv_conn *)c)->st;
}

/* objs.c: what networks, pools and interfaces share */
enum tdrv_kind { TDRV_K_NET, TDRV_K_POOL, TDRV_K_IFACE, TDRV_K_NODEDEV };
enum tdrv_flag { TDRV_F_ACTIVE, TDRV_F_PERSISTENT, TDRV_F_AUTOSTART };

/* Copy @o's identity (struct drv_net, drv_pool or drv_iface) to @out:
 * 0 or -1 on ENOMEM. */
typedef int tdrv_ident_fn(const struct tdrv_obj *o, struct arena *a,
                          void *out);
/* Append @o's XML. */
typedef void tdrv_format_fn(struct xmlw *w, const struct tdrv_obj *o);

/* By name when @name is not NULL, else by @uuid; libvirt's "no <kind>
 * with matching name|uuid '...'" error when absent. Caller holds lock. */
struct tdrv_obj *tdrv_obj_get(struct tdrv_state *st, enum tdrv_kind kind,
                              const char *name, const uint8_t *uuid,
                              struct err *e);
/* Take @o out of the state's array of @kind (not freed). Caller holds
 * the lock. */
void tdrv_obj_unlink(struct tdrv_state *st, enum tdrv_kind kind,
                     struct tdrv_obj *o);
/* The rest take the lock. Count of active (or inactive) objects: */
int tdrv_obj_num(struct drv_conn *c, enum tdrv_kind kind, bool active,
                 int *out);
/* Names of up to @max active (or inactive) objects. */
int tdrv_obj_names(struct drv_conn *c, enum tdrv_kind kind, bool active,
                   int max, struct arena *a, const char ***out, int *nout,
                   struct err *e);
/* ListAll: the identities (@size bytes each, made by @ident) of the
 * objects passing the TDRV_OBJ_* filters of @flags and @keep (if set). */
int tdrv_obj_list(struct drv_conn *c, enum tdrv_kind kind, unsigned flags,
                  bool (*keep)(const struct tdrv_obj *o, unsigned flags),
                  tdrv_ident_fn *ident, size_t size, struct arena *a,
                  void **out, int *nout, struct err *e);
/* One boolean of the object found by name (or uuid). */
int tdrv_obj_flag(struct drv_conn *c, enum tdrv_kind kind, const char *name,
                  const uint8_t *uuid, enum tdrv_flag flag, int *out,
                  struct err *e);
/* The XML of the object found by name. */
int tdrv_obj_xml(struct drv_conn *c, enum tdrv_kind kind, const char *name,
                 tdrv_format_fn *format, struct arena *a, char **out,
                 struct err *e);

/* state.c: lifecycle of the shared state */
int tdrv_open(const struct drv_uri *uri, unsigned flags,
              const struct drv_event_sink *sink, struct drv_conn **out,
              struct err *e);
void tdrv_close(struct drv_conn *c);
struct tdrv_state *tdrv_state_new_default(void);
void tdrv_state_free(struct tdrv_state *st);
/* Call @fn for every connection open on @st, under tdrv_default_lock
 * (so a connection being closed waits until @fn has returned). */
void tdrv_conns_each(struct tdrv_state *st,
                     void (*fn)(struct tdrv_conn *tc, void *opaque),
                     void *opaque);

/* domain_cpu.c: <cpu> (tdrv_cpu_parse in domain_parse.h) */
void tdrv_cpu_release(struct tdrv_cpu *cpu);
/* Deep copy; -1 on ENOMEM (@to then holds what was copied). */
int tdrv_cpu_copy(struct tdrv_cpu *to, const struct tdrv_cpu *from);
void tdrv_cpu_format(struct xmlw *w, const struct tdrv_cpu *cpu);

/* domdef.c */
void tdrv_domdef_free(struct tdrv_domdef *def);
/* A domain object with its definitions and snapshots. NULL-safe. */
void tdrv_dom_free(struct tdrv_dom *dom);
/* Deep copy; NULL on ENOMEM. */
struct tdrv_domdef *tdrv_domdef_copy(const struct tdrv_domdef *from);

/* domain_parse_io.c: a definition's IOThreads */
struct tdrv_iothread *tdrv_iothread_find(const struct tdrv_domdef *def,
                                         unsigned id);
void tdrv_iothreads_free(struct tdrv_domdef *def);
/* Deep copy into @to (whose array is overwritten); -1 on ENOMEM, @to then
 * holds what was copied. */
int tdrv_iothreads_copy(struct tdrv_domdef *to,
                        const struct tdrv_domdef *from);
/* <iothreads>, <iothreadids>, <defaultiothread>; and whether <cputune>
 * has <iothreadpin>s to write, which come after <emulatorpin>. */
void tdrv_fmt_iothreads(struct xmlw *w, const struct tdrv_domdef *def);
bool tdrv_iothreads_pinned(const struct tdrv_domdef *def);
void tdrv_fmt_iothreadpins(struct xmlw *w, const struct tdrv_domdef *def);

/* events.c: lifecycle events. Queue with the state lock held, in the
 * order of the state changes (@id: the domain id the event carries);
 * flush after releasing it. */
void tdrv_event_queue(struct tdrv_state *st, const struct tdrv_dom *dom,
                      int id, int event, int detail);
/* An event of @event_id (virDomainEventID) other than lifecycle, whose
 * message carries one int (@value) after the domain: METADATA_CHANGE's
 * type (its namespace URI is always NULL here). */
#define TDRV_EVENT_ID_METADATA_CHANGE 23
void tdrv_event_queue_id(struct tdrv_state *st, const struct tdrv_dom *dom,
                         int event_id, int value);
void tdrv_event_flush(struct tdrv_state *st);
/* A network lifecycle event (virNetworkEventLifecycleType @event), queued
 * as tdrv_event_queue does. */
void tdrv_net_event_queue(struct tdrv_state *st, const struct tdrv_obj *net,
                          int event);
/* A storage pool event: @event_id 0 lifecycle (@event a
 * virStoragePoolEventLifecycleType), 1 refresh. Queued likewise. */
enum {
    TDRV_POOL_EV_DEFINED, TDRV_POOL_EV_UNDEFINED, TDRV_POOL_EV_STARTED,
    TDRV_POOL_EV_STOPPED, TDRV_POOL_EV_CREATED, TDRV_POOL_EV_DELETED,
};
void tdrv_pool_event_queue(struct tdrv_state *st, const struct tdrv_obj *pool,
                           int event_id, int event);
/* A node device lifecycle event (@event a virNodeDeviceEventLifecycleType:
 * 0 CREATED, 1 DELETED). Queued likewise. */
void tdrv_nodedev_event_queue(struct tdrv_state *st, const char *name,
                              int event);
void tdrv_events_free(struct tdrv_event *ev);
/* Append to the state's arrays: 0 or -ENOMEM. */
int tdrv_dom_append(struct tdrv_state *st, struct tdrv_dom *dom);
int tdrv_obj_append(struct tdrv_obj ***v, size_t *n, struct tdrv_obj *o);

/* host.c: connection and host calls (const data of libvirt 9.0) */
int tdrv_get_version(struct drv_conn *c, uint64_t *ver, struct err *e);
int tdrv_get_hostname(struct drv_conn *c, struct arena *a, char **out,
                      struct err *e);
int tdrv_get_max_vcpus(struct drv_conn *c, const char *type, int *out,
                       struct err *e);
int tdrv_supports_feature(struct drv_conn *c, int feature);
int tdrv_is_secure(struct drv_conn *c, int *out, struct err *e);
/* The test driver's node (host.c). */
extern const struct drv_node_info tdrv_node_info;
int tdrv_node_get_info(struct drv_conn *c, struct drv_node_info *out,
                       struct err *e);
int tdrv_get_sysinfo(struct drv_conn *c, unsigned flags, struct arena *a,
                     char **out, struct err *e);
int tdrv_node_get_cells_free_memory(struct drv_conn *c, int start, int max,
                                    struct arena *a, uint64_t **out, int *n,
                                    struct err *e);
int tdrv_node_get_free_memory(struct drv_conn *c, uint64_t *out,
                              struct err *e);
int tdrv_node_get_cpu_stats(struct drv_conn *c, int cpu,
                            struct drv_stat *params, int *nparams,
                            unsigned flags, struct err *e);
int tdrv_node_get_security_model(struct drv_conn *c, struct arena *a,
                                 struct drv_sec_model *out, struct err *e);

/* caps.c: capabilities XML and CPU models */
int tdrv_get_capabilities(struct drv_conn *c, struct arena *a, char **out,
                          struct err *e);
int tdrv_get_cpu_model_names(struct drv_conn *c, const char *arch,
                             unsigned flags, struct arena *a,
                             const char ***models, int *n, struct err *e);

/* domain.c: lookups and lists */
struct tdrv_dom *tdrv_dom_find_uuid(struct tdrv_state *st,
                                    const uint8_t *uuid);
/* Find @d by uuid or set libvirt's "no domain with matching uuid" error.
 * Caller holds st->lock. */
struct tdrv_dom *tdrv_dom_get(struct tdrv_state *st, const struct drv_dom *d,
                              struct err *e);
int tdrv_dom_ident(const struct tdrv_dom *dom, struct arena *a,
                   struct drv_dom *out);
/* tdrv_dom_get with the lock taken; on failure the lock is released. */
struct tdrv_dom *tdrv_dom_lock(struct drv_conn *c, const struct drv_dom *d,
                               struct err *e);
void tdrv_dom_unlock(struct drv_conn *c);

static inline bool
tdrv_dom_active(const struct tdrv_dom *dom)
{
    return dom->id >= 0;
}

/* virDomainObjCheckActive: OPERATION_INVALID "domain is not running". */
int tdrv_dom_check_active(const struct tdrv_dom *dom, struct err *e);
/* A call that only needs an active domain and takes no flags: the flag
 * check (naming @func), the lookup and tdrv_dom_check_active, under the
 * state lock. */
int tdrv_get_all_domain_stats(struct drv_conn *c, const struct drv_dom *doms,
                              int ndoms, unsigned stats, unsigned flags,
                              struct arena *a, struct drv_dom_stats **out,
                              int *n, struct err *e);
int tdrv_dom_active_call(struct drv_conn *c, const struct drv_dom *d,
                         unsigned flags, const char *func, struct err *e);
/* The same checks (flags outside @supported refused), then the domain
 * locked for the caller's reading or change: tdrv_dom_unlock() after. NULL
 * (not locked) with the error set. */
struct tdrv_dom *tdrv_dom_lock_active(struct drv_conn *c,
                                      const struct drv_dom *d,
                                      unsigned flags, unsigned supported,
                                      const char *func, struct err *e);
/* virDomainObjUpdateModificationImpact: CURRENT in *flags becomes LIVE
 * when running, else CONFIG; LIVE needs a running domain, CONFIG a
 * persistent one. */
int tdrv_dom_impact(const struct tdrv_dom *dom, unsigned *flags,
                    struct err *e);
/* virDomainObjGetOneDefState: the live definition or the persistent
 * config that @flags select (not both); *live (may be NULL) says which. */
struct tdrv_domdef *tdrv_dom_one_def(struct tdrv_dom *dom, unsigned flags,
                                     bool *live, struct err *e);
int tdrv_list_all_domains(struct drv_conn *c, unsigned flags,
                          struct arena *a, struct drv_dom **out, int *n,
                          struct err *e);
int tdrv_num_of_domains(struct drv_conn *c, bool active, int *out,
                        struct err *e);
int tdrv_list_domain_ids(struct drv_conn *c, int max, struct arena *a,
                         int **out, int *n, struct err *e);
int tdrv_list_defined_domains(struct drv_conn *c, int max, struct arena *a,
                              const char ***out, int *n, struct err *e);
int tdrv_dom_lookup_by_id(struct drv_conn *c, int id, struct arena *a,
                          struct drv_dom *out, struct err *e);
int tdrv_dom_lookup_by_name(struct drv_conn *c, const char *name,
                            struct arena *a, struct drv_dom *out,
                            struct err *e);
int tdrv_dom_lookup_by_uuid(struct drv_conn *c, const uint8_t *uuid,
                            struct arena *a, struct drv_dom *out,
                            struct err *e);

/* domain_info.c: per-domain reads */
int tdrv_dom_get_info(struct drv_conn *c, const struct drv_dom *d,
                      struct drv_dom_info *out, struct err *e);
int tdrv_dom_get_state(struct drv_conn *c, const struct drv_dom *d,
                       unsigned flags, int *state, int *reason,
                       struct err *e);
int tdrv_dom_get_os_type(struct drv_conn *c, const struct drv_dom *d,
                         struct arena *a, char **out, struct err *e);
int tdrv_dom_get_max_memory(struct drv_conn *c, const struct drv_dom *d,
                            uint64_t *out, struct err *e);
int tdrv_dom_get_max_vcpus(struct drv_conn *c, const struct drv_dom *d,
                           int *out, struct err *e);
int tdrv_dom_is_active(struct drv_conn *c, const struct drv_dom *d,
                       int *out, struct err *e);
int tdrv_dom_is_persistent(struct drv_conn *c, const struct drv_dom *d,
                           int *out, struct err *e);
int tdrv_dom_is_updated(struct drv_conn *c, const struct drv_dom *d,
                        int *out, struct err *e);
int tdrv_dom_get_autostart(struct drv_conn *c, const struct drv_dom *d,
                           int *out, struct err *e);
int tdrv_dom_has_managed_save(struct drv_conn *c, const struct drv_dom *d,
                              unsigned flags, int *out, struct err *e);
int tdrv_dom_get_security_label(struct drv_conn *c, const struct drv_dom *d,
                                struct arena *a, struct drv_sec_label *out,
                                struct err *e);
int tdrv_dom_get_messages(struct drv_conn *c, const struct drv_dom *d,
                          unsigned flags, struct arena *a, const char ***out,
                          int *n, struct err *e);
int tdrv_dom_get_vcpus_flags(struct drv_conn *c, const struct drv_dom *d,
                             unsigned flags, int *out, struct err *e);
int tdrv_dom_get_interface_params(struct drv_conn *c, const struct drv_dom *d,
                                  const char *device,
                                  struct drv_tparam *params, int *nparams,
                                  unsigned flags, struct err *e);
int tdrv_dom_set_interface_params(struct drv_conn *c, const struct drv_dom *d,
                                  const char *device,
                                  const struct drv_tparam *params,
                                  int nparams, unsigned flags,
                                  struct err *e);
int tdrv_dom_get_perf_events(struct drv_conn *c, const struct drv_dom *d,
                             unsigned flags, struct drv_tparam *params,
                             int *nparams, struct err *e);
int tdrv_dom_set_perf_events(struct drv_conn *c, const struct drv_dom *d,
                             const struct drv_tparam *params, int nparams,
                             unsigned flags, struct err *e);
int tdrv_dom_set_metadata(struct drv_conn *c, const struct drv_dom *d,
                          int type, const char *text, unsigned flags,
                          struct err *e);
int tdrv_dom_set_memory_params(struct drv_conn *c, const struct drv_dom *d,
                               const struct drv_tparam *params, int nparams,
                               unsigned flags, struct err *e);
int tdrv_dom_set_scheduler_params(struct drv_conn *c,
                                  const struct drv_dom *d,
                                  const struct drv_tparam *params,
                                  int nparams, unsigned flags, struct err *e);
int tdrv_dom_inject_nmi(struct drv_conn *c, const struct drv_dom *d,
                        unsigned flags, struct err *e);
int tdrv_dom_set_user_password(struct drv_conn *c, const struct drv_dom *d,
                               const char *user, const char *password,
                               unsigned flags, struct err *e);
int tdrv_dom_get_scheduler_type(struct drv_conn *c, const struct drv_dom *d,
                                struct arena *a, char **type, int *nparams,
                                struct err *e);
int tdrv_dom_get_scheduler_params(struct drv_conn *c,
                                  const struct drv_dom *d,
                                  struct drv_tparam *params, int *nparams,
                                  unsigned flags, struct err *e);
int tdrv_dom_get_memory_params(struct drv_conn *c, const struct drv_dom *d,
                               struct drv_tparam *params, int *nparams,
                               unsigned flags, struct arena *a,
                               struct err *e);
int tdrv_dom_get_numa_params(struct drv_conn *c, const struct drv_dom *d,
                             struct drv_tparam *params, int *nparams,
                             unsigned flags, struct arena *a,
                             struct err *e);
int tdrv_dom_get_blkio_params(struct drv_conn *c, const struct drv_dom *d,
                              struct drv_tparam *params, int *nparams,
                              unsigned flags, struct arena *a,
                              struct err *e);
#define TDRV_TP_STRING_OKAY 4u    /* VIR_TYPED_PARAM_STRING_OKAY */

/* Poweroff and reboot cannot dump core (@event names the event). */
int tdrv_check_action(const char *event, int act, struct err *e);
/* keycodes.c: virKeycodeSet, and the codes each one knows */
#define TDRV_KEYCODE_SETS 10
const char *tdrv_keycode_set_name(unsigned codeset);
bool tdrv_keycode_known(unsigned codeset, unsigned code);
/* domain_misc.c */
int tdrv_dom_send_key(struct drv_conn *c, const struct drv_dom *d,
                      unsigned codeset, unsigned holdtime,
                      const unsigned *keycodes, int n, unsigned flags,
                      struct err *e);
int tdrv_dom_set_lifecycle_action(struct drv_conn *c, const struct drv_dom *d,
                                  unsigned type, unsigned action,
                                  unsigned flags, struct err *e);
int tdrv_dom_send_process_signal(struct drv_conn *c, const struct drv_dom *d,
                                 int64_t pid, unsigned signum, unsigned flags,
                                 struct err *e);
int tdrv_dom_get_cpu_stats(struct drv_conn *c, const struct drv_dom *d,
                           struct drv_tparam *params, unsigned nparams,
                           int start_cpu, unsigned ncpus, unsigned flags,
                           struct err *e);
/* virTypedParamsValidate of @params against @keys (sorted by name). */
int tdrv_tparams_check(const struct drv_tparam *params, int nparams,
                       const struct drv_tparam_key *keys, size_t nkeys,
                       struct err *e);
/* One typed parameter of a getter's answer (@s for DRV_TP_STRING). */
void tdrv_tp_set(struct drv_tparam *p, const char *field, int type,
                 int64_t i, const char *s);
/* A disk by target name or source path (virDomainDiskIndexByName), or
 * NULL. */
struct tdrv_disk *tdrv_find_disk(const struct tdrv_domdef *def,
                                 const char *path);
/* domain_tune.c: <numatune> and <blkiotune> */
struct xml_node;
int tdrv_numatune_set(struct tdrv_numatune *nt, bool vcpu_static,
                      int placement, int mode, char *nodeset, struct err *e);
int tdrv_parse_numatune(const struct xml_node *root, struct tdrv_domdef *def,
                        struct err *e);
int tdrv_parse_blkiotune(const struct xml_node *root,
                         struct tdrv_domdef *def, struct err *e);
int tdrv_check_blkiotune(const struct tdrv_domdef *def, struct err *e);
void tdrv_fmt_numatune(struct xmlw *w, const struct tdrv_domdef *def);
void tdrv_fmt_blkiotune(struct xmlw *w, const struct tdrv_domdef *def);
void tdrv_tune_release(struct tdrv_domdef *def);
/* A disk's <iotune> (every <iotune> child counts, the first of each
 * field wins), checked as libvirt validates it. */
int tdrv_parse_iotune(const struct xml_node *disk, struct tdrv_iotune *io,
                      struct err *e);
void tdrv_fmt_iotune(struct xmlw *w, const struct tdrv_iotune *io);
int tdrv_dom_set_block_iotune(struct drv_conn *c, const struct drv_dom *d,
                              const char *disk,
                              const struct drv_tparam *params, int nparams,
                              unsigned flags, struct err *e);
int tdrv_dom_get_block_iotune(struct drv_conn *c, const struct drv_dom *d,
                              const char *disk, struct drv_tparam *params,
                              int *nparams, unsigned flags, struct arena *a,
                              struct err *e);
int tdrv_tune_copy(struct tdrv_domdef *to, const struct tdrv_domdef *from);
void tdrv_numa_tunables(const struct tdrv_domdef *def, struct arena *a,
                        struct drv_tparam *all);
void tdrv_blkio_tunables(const struct tdrv_domdef *def, struct arena *a,
                         struct drv_tparam *all);
int tdrv_dom_set_numa_params(struct drv_conn *c, const struct drv_dom *d,
                             const struct drv_tparam *params, int nparams,
                             unsigned flags, struct err *e);
int tdrv_dom_set_blkio_params(struct drv_conn *c, const struct drv_dom *d,
                              const struct drv_tparam *params, int nparams,
                              unsigned flags, struct err *e);
int tdrv_dom_get_hostname(struct drv_conn *c, const struct drv_dom *d,
                          unsigned flags, struct arena *a, char **out,
                          struct err *e);
int tdrv_dom_block_stats(struct drv_conn *c, const struct drv_dom *d,
                         const char *path, struct drv_block_stats *out,
                         struct err *e);
int tdrv_dom_interface_stats(struct drv_conn *c, const struct drv_dom *d,
                             const char *device, struct drv_iface_stats *out,
                             struct err *e);
int tdrv_dom_get_metadata(struct drv_conn *c, const struct drv_dom *d,
                          int type, const char *uri, unsigned flags,
                          struct arena *a, char **out, struct err *e);
int tdrv_dom_get_block_info(struct drv_conn *c, const struct drv_dom *d,
                            const char *path, unsigned flags,
                            struct drv_block_info *out, struct err *e);

/* domain_pin.c */
int tdrv_node_get_cpu_map(struct drv_conn *c, unsigned flags, uint8_t *map,
                          size_t cap, unsigned *online, int *ncpus,
                          struct err *e);
int tdrv_dom_get_vcpu_pin_info(struct drv_conn *c, const struct drv_dom *d,
                               int ncpumaps, int maplen, uint8_t *cpumaps,
                               unsigned flags, int *num, struct err *e);
int tdrv_dom_pin_vcpu(struct drv_conn *c, const struct drv_dom *d,
                      unsigned vcpu, const uint8_t *map, int maplen,
                      unsigned flags, struct err *e);
/* The start of a pin call LIVE or CONFIG selects the definition of:
 * @func's flag check, the domain locked (tdrv_dom_unlock once done) and
 * that definition; @map as a canonical cpuset in *set (malloc'ed), which
 * must have a CPU (else INVALID_ARG @empty). NULL, unlocked, with @e set
 * on failure. */
struct tdrv_domdef *tdrv_pin_begin(struct drv_conn *c,
                                   const struct drv_dom *d,
                                   const uint8_t *map, int maplen,
                                   unsigned flags, const char *func,
                                   const char *empty, char **set,
                                   struct err *e);
int tdrv_dom_pin_emulator(struct drv_conn *c, const struct drv_dom *d,
                          const uint8_t *map, int maplen, unsigned flags,
                          struct err *e);
/* Pin vCPU @vcpu of @def to @set (canonical, taken over on success),
 * replacing its pinning; -1 on ENOMEM. */
int tdrv_def_pin(struct tdrv_domdef *def, unsigned vcpu, char *set);
/* Forget the pinning of the vCPUs from @max on (the maximum shrank). */
void tdrv_def_unpin_above(struct tdrv_domdef *def, unsigned max);
int tdrv_dom_get_vcpus(struct drv_conn *c, const struct drv_dom *d,
                       int maxinfo, int maplen, struct drv_vcpu_info *info,
                       uint8_t *cpumaps, int *n, struct err *e);
int tdrv_dom_get_emulator_pin_info(struct drv_conn *c,
                                   const struct drv_dom *d, int maplen,
                                   uint8_t *cpumap, unsigned flags,
                                   struct err *e);

/* domain_iothread.c: the IOThread calls (see there) and the "iothread"
 * statistics of @dom appended to @r (room for 1 + 3 x dom->npolls) */
int tdrv_dom_get_iothread_info(struct drv_conn *c, const struct drv_dom *d,
                               unsigned flags, struct arena *a,
                               struct drv_iothread_info **out, int *n,
                               struct err *e);
int tdrv_dom_pin_iothread(struct drv_conn *c, const struct drv_dom *d,
                          unsigned id, const uint8_t *map, int maplen,
                          unsigned flags, struct err *e);
int tdrv_dom_iothread_change(struct drv_conn *c, const struct drv_dom *d,
                             int op, unsigned id, unsigned flags,
                             struct err *e);
int tdrv_dom_set_iothread_params(struct drv_conn *c, const struct drv_dom *d,
                                 unsigned id,
                                 const struct drv_tparam *params,
                                 int nparams, unsigned flags, struct err *e);
int tdrv_io_stats(const struct tdrv_dom *dom, struct arena *a,
                  struct drv_dom_stats *r);
/* domain_info.c: virTypedParamsValidate of @params against @keys
 * (sorted by name) */
int tdrv_tparams_check(const struct drv_tparam *params, int nparams,
                       const struct drv_tparam_key *keys, size_t nkeys,
                       struct err *e);

/* domain_guest.c */
int tdrv_dom_get_time(struct drv_conn *c, const struct drv_dom *d,
                      unsigned flags, int64_t *sec, uint32_t *nsec,
                      struct err *e);
int tdrv_dom_set_time(struct drv_conn *c, const struct drv_dom *d,
                      int64_t sec, uint32_t nsec, unsigned flags,
                      struct err *e);
int tdrv_dom_get_control_info(struct drv_conn *c, const struct drv_dom *d,
                              unsigned flags, unsigned *state,
                              unsigned *details, uint64_t *state_ms,
                              struct err *e);
int tdrv_dom_get_disk_errors(struct drv_conn *c, const struct drv_dom *d,
                             unsigned maxerrors, unsigned flags,
                             struct arena *a, struct drv_disk_error **out,
                             int *n, struct err *e);
int tdrv_dom_get_fsinfo(struct drv_conn *c, const struct drv_dom *d,
                        unsigned flags, struct arena *a,
                        struct drv_fsinfo **out, int *n, struct err *e);
int tdrv_dom_interface_addresses(struct drv_conn *c, const struct drv_dom *d,
                                 unsigned source, unsigned flags,
                                 struct arena *a,
                                 struct drv_iface_addrs **out, int *n,
                                 struct err *e);
int tdrv_dom_memory_stats(struct drv_conn *c, const struct drv_dom *d,
                          int max, unsigned flags, struct drv_mem_stat *out,
                          int *n, struct err *e);
int tdrv_dom_set_memory_stats_period(struct drv_conn *c,
                                     const struct drv_dom *d, int period,
                                     unsigned flags, struct err *e);
int tdrv_dom_fs_freeze(struct drv_conn *c, const struct drv_dom *d,
                       const char *const *mounts, unsigned n, unsigned flags,
                       int *count, struct err *e);
int tdrv_dom_fs_thaw(struct drv_conn *c, const struct drv_dom *d,
                     const char *const *mounts, unsigned n, unsigned flags,
                     int *count, struct err *e);
int tdrv_dom_fs_trim(struct drv_conn *c, const struct drv_dom *d,
                     const char *mount, uint64_t minimum, unsigned flags,
                     struct err *e);

/* domain_life.c */
/* testDomainGenerateIfnames: interfaces without a target get the first
 * "testnetN" no other interface of @def uses. */
int tdrv_domdef_gen_ifnames(struct tdrv_domdef *def, struct err *e);
int tdrv_dom_define_xml(struct drv_conn *c, const char *xml, unsigned flags,
                        struct arena *a, struct drv_dom *out, struct err *e);
int tdrv_dom_create_xml(struct drv_conn *c, const char *xml, unsigned flags,
                        struct arena *a, struct drv_dom *out, struct err *e);
int tdrv_dom_undefine(struct drv_conn *c, const struct drv_dom *d,
                      unsigned flags, struct err *e);
int tdrv_dom_create(struct drv_conn *c, const struct drv_dom *d,
                    unsigned flags, struct arena *a, struct drv_dom *out,
                    struct err *e);
int tdrv_dom_destroy(struct drv_conn *c, const struct drv_dom *d,
                     unsigned flags, struct err *e);
int tdrv_dom_shutdown(struct drv_conn *c, const struct drv_dom *d,
                      unsigned flags, struct err *e);
int tdrv_dom_reset(struct drv_conn *c, const struct drv_dom *d,
                   unsigned flags, struct err *e);
int tdrv_dom_rename(struct drv_conn *c, const struct drv_dom *d,
                    const char *name, unsigned flags, struct err *e);
int tdrv_dom_managed_save(struct drv_conn *c, const struct drv_dom *d,
                          unsigned flags, struct err *e);
/* testDomainStartState: running with @reason and a new id, the
 * persistent config kept aside. Caller holds st->lock. */
int tdrv_start_state(struct tdrv_state *st, struct tdrv_dom *dom, int reason,
                     struct err *e);
/* testDomainShutdownState: shut off with @reason, the persistent config
 * back; returns the id the STOPPED event carries. */
int tdrv_shutdown_state(struct tdrv_dom *dom, int reason);
/* Stop @dom with @reason and its STOPPED event (@detail); a transient
 * domain goes away. Caller holds st->lock. */
void tdrv_dom_stop(struct tdrv_state *st, struct tdrv_dom *dom, int reason,
                   int detail);
/* A save image's XML becomes a running domain, reason "restored". */
int tdrv_dom_restore_xml(struct drv_conn *c, const char *xml, struct err *e);

/* domain_save.c */
int tdrv_dom_save(struct drv_conn *c, const struct drv_dom *d,
                  const char *path, const char *dxml, unsigned flags,
                  struct err *e);
int tdrv_dom_restore(struct drv_conn *c, const char *path, const char *dxml,
                     unsigned flags, struct err *e);
int tdrv_save_image_get_xml(struct drv_conn *c, const char *path,
                            unsigned flags, struct arena *a, char **out,
                            struct err *e);
int tdrv_save_image_define_xml(struct drv_conn *c, const char *path,
                               const char *dxml, unsigned flags,
                               struct err *e);
int tdrv_dom_core_dump(struct drv_conn *c, const struct drv_dom *d,
                       const char *path, unsigned format, unsigned flags,
                       struct err *e);
int tdrv_dom_managed_save_remove(struct drv_conn *c, const struct drv_dom *d,
                                 unsigned flags, struct err *e);
int tdrv_dom_reboot(struct drv_conn *c, const struct drv_dom *d,
                    unsigned flags, struct err *e);
int tdrv_dom_suspend(struct drv_conn *c, const struct drv_dom *d,
                     struct err *e);
int tdrv_dom_resume(struct drv_conn *c, const struct drv_dom *d,
                    struct err *e);

/* domain_set.c */
int tdrv_dom_set_memory(struct drv_conn *c, const struct drv_dom *d,
                        uint64_t kib, unsigned flags, struct err *e);
int tdrv_dom_set_vcpus(struct drv_conn *c, const struct drv_dom *d,
                       unsigned n, unsigned flags, struct err *e);
int tdrv_dom_set_autostart(struct drv_conn *c, const struct drv_dom *d,
                           int autostart, struct err *e);

/* snapshot.c: domain snapshots */
/* The reasons and event details of the snapshot transitions. */
#define TDRV_RUNNING_FROM_SNAPSHOT   4
#define TDRV_PAUSED_FROM_SNAPSHOT    7
#define TDRV_SHUTOFF_FROM_SNAPSHOT   7
#define TDRV_STARTED_FROM_SNAPSHOT   3
#define TDRV_SUSPENDED_FROM_SNAPSHOT 5
#define TDRV_STOPPED_FROM_SNAPSHOT   6
/* The flag check of @func, then the domain locked (tdrv_dom_unlock after)
 * and, when @name is set, its snapshot in *snap. NULL (not locked) with
 * the error set. */
struct tdrv_dom *tdrv_snap_lock(struct drv_conn *c, const struct drv_dom *d,
                                const char *name, unsigned flags,
                                unsigned supported, const char *func,
                                struct tdrv_snap **snap, struct err *e);
/* A snapshot of a running or paused domain? */
bool tdrv_snap_online(const struct tdrv_snap *snap);
void tdrv_snap_free(struct tdrv_snap *snap);
int tdrv_snap_create_xml(struct drv_conn *c, const struct drv_dom *d,
                         const char *xml, unsigned flags, struct arena *a,
                         char **name, struct err *e);
int tdrv_snap_get_xml_desc(struct drv_conn *c, const struct drv_dom *d,
                           const char *snap, unsigned flags, struct arena *a,
                           char **out, struct err *e);
int tdrv_snap_list(struct drv_conn *c, const struct drv_dom *d,
                   const char *from, int api, unsigned flags, int max,
                   struct arena *a, const char ***names, int *n,
                   struct err *e);
int tdrv_snap_lookup(struct drv_conn *c, const struct drv_dom *d,
                     const char *snap, unsigned flags, struct err *e);
int tdrv_snap_current(struct drv_conn *c, const struct drv_dom *d,
                      unsigned flags, bool need, struct arena *a,
                      char **name, struct err *e);
int tdrv_snap_get_parent(struct drv_conn *c, const struct drv_dom *d,
                         const char *snap, unsigned flags, struct arena *a,
                         char **parent, struct err *e);
int tdrv_snap_query(struct drv_conn *c, const struct drv_dom *d,
                    const char *snap, int what, unsigned flags, int *out,
                    struct err *e);
int tdrv_snap_delete(struct drv_conn *c, const struct drv_dom *d,
                     const char *snap, unsigned flags, struct err *e);
/* snapshot_revert.c */
int tdrv_snap_revert(struct drv_conn *c, const struct drv_dom *d,
                     const char *snap, unsigned flags, struct err *e);
/* snapshot_xml.c: <domainsnapshot> as libvirt parses and formats it.
 * Parse @xml into a new snapshot: name, description, memory and disks;
 * with @redefine also its creation time, parent, state and domain (def
 * NULL when the XML has none: a redefinition takes the replaced one's).
 * NULL with @e set. */
struct tdrv_snap *tdrv_snap_parse(const char *xml, bool redefine,
                                  struct err *e);
/* virDomainSnapshotAlignDisks for a new snapshot of @snap->def: every
 * disk of the domain gets its entry, in the domain's order. */
int tdrv_snap_align_disks(struct tdrv_snap *snap, int dflt, bool require,
                          struct err *e);
/* The XML (malloc'ed; NULL on ENOMEM); @secure: with passwords. */
char *tdrv_snap_format(const struct tdrv_snap *snap, bool secure);

/* domain_xml.c */
/* Append @def as libvirt formats it; @id < 0 omits the id attribute. */
void tdrv_domdef_format(struct xmlw *w, const struct tdrv_domdef *def,
                        int id, bool secure);
/* domain_xml_gfx.c: parts of the <devices> (@secure: with passwords) */
void tdrv_fmt_chrs(struct xmlw *w, const struct tdrv_domdef *def);
void tdrv_fmt_graphics(struct xmlw *w, const struct tdrv_domdef *def,
                       bool secure);
void tdrv_fmt_videos(struct xmlw *w, const struct tdrv_domdef *def);
void tdrv_fmt_channels(struct xmlw *w, const struct tdrv_domdef *def);
void tdrv_fmt_rngs(struct xmlw *w, const struct tdrv_domdef *def);
/* domain_xml.c: <address type='pci'> when @a is set */
void tdrv_fmt_pci(struct xmlw *w, const struct tdrv_pci *a);
/* domain_xml_sys.c: <tpm>, <watchdog>, <panic> */
void tdrv_fmt_tpms(struct xmlw *w, const struct tdrv_domdef *def);
void tdrv_fmt_watchdog(struct xmlw *w, const struct tdrv_domdef *def);
void tdrv_fmt_panics(struct xmlw *w, const struct tdrv_domdef *def);
void tdrv_fmt_filesystems(struct xmlw *w, const struct tdrv_domdef *def);
void tdrv_fmt_vsock(struct xmlw *w, const struct tdrv_domdef *def);
void tdrv_fmt_shmems(struct xmlw *w, const struct tdrv_domdef *def);
int tdrv_dom_get_xml_desc(struct drv_conn *c, const struct drv_dom *d,
                          unsigned flags, struct arena *a, char **out,
                          struct err *e);

/* virNetDevBandwidthParse (domain_parse_dev.c): no classID, one
 * <inbound> and one <outbound> at most, a nonzero floor only inbound and
 * only when @floor_ok; and its format (domain_xml.c). */
int tdrv_bandwidth_parse(const struct xml_node *n, struct tdrv_bw *bw,
                         bool floor_ok, struct err *e);
void tdrv_fmt_bandwidth(struct xmlw *w, const struct tdrv_bw *bw);

/* netaddr.c: addresses as libvirt's virSocketAddr */
struct tdrv_sa {
    int family;                 /* AF_INET, AF_INET6; 0: none */
    uint8_t b[16];              /* network order; 4 bytes for IPv4 */
};
/* virSocketAddrParse: a numeric address of @family (AF_UNSPEC: either);
 * SYSTEM_ERROR "Cannot parse socket address ..." in @e unless NULL. */
int tdrv_sa_parse(const char *s, int family, struct tdrv_sa *out,
                  struct err *e);
bool tdrv_sa_equal(const struct tdrv_sa *a, const struct tdrv_sa *b);
/* virSocketAddrFormat into @buf (INET6_ADDRSTRLEN); NULL when none. */
const char *tdrv_sa_format(const struct tdrv_sa *a, char *buf);
/* The family of an <ip> element's address (0 when it does not parse). */
int tdrv_ip_family(const struct tdrv_net_ip *ip);
/* virNetworkIPDefPrefix of @ip, whose address is @addr; -1 when none. */
int tdrv_ip_prefix_of(const struct tdrv_net_ip *ip, const struct tdrv_sa *addr);
/* @a with the bits past @prefix set (@ones) or cleared. */
struct tdrv_sa tdrv_sa_mask(const struct tdrv_sa *a, int prefix, bool ones);
/* virSocketAddrGetRange's checks of the range @s..@t, against the
 * network of @ip unless NULL. */
int tdrv_sa_range(const struct tdrv_sa *s, const struct tdrv_sa *t,
                  const struct tdrv_net_ip *ip, struct err *e);

/* network.c */
void tdrv_netdef_free(struct tdrv_netdef *def);
void tdrv_net_pg_clear(struct tdrv_net_pg *pg);
void tdrv_vlan_format(struct xmlw *w, const struct tdrv_vlan *v);
void tdrv_vport_format(struct xmlw *w, const struct tdrv_vport *v);
/* network_parse.c: virNetworkPortGroupParseXML */
int tdrv_net_pg_parse(const struct xml_node *node, struct tdrv_net_pg *pg,
                      struct err *e);
void tdrv_net_host_clear(struct tdrv_net_host *h);
/* <network> XML of @def, as libvirt writes it. */
void tdrv_netdef_format(struct xmlw *w, const struct tdrv_netdef *def);
/* network_dns.c: <dns> as libvirt parses and writes it, and the DNS
 * sections of virNetworkUpdate */
int tdrv_net_dns_parse(const struct xml_node *node, const char *net,
                       struct tdrv_net_dns *dns, struct err *e);
void tdrv_net_dns_format(struct xmlw *w, const struct tdrv_net_dns *dns);
void tdrv_net_dns_clear(struct tdrv_net_dns *dns);
/* @section: 10 host, 11 txt, 12 srv (virNetworkUpdateSection) */
int tdrv_net_dns_update(struct tdrv_netdef *def, unsigned command,
                        unsigned section, const struct xml_node *node,
                        struct err *e);
/* network_update.c: a <dhcp>'s <host> and <range> of @ip, with libvirt's
 * checks (virNetworkDHCPHostDefParseXML, ...RangeDefParseXML) */
int tdrv_net_host_parse(const char *net, const struct tdrv_net_ip *ip,
                        const struct xml_node *node,
                        struct tdrv_net_host *out, struct err *e);
int tdrv_net_range_parse(const char *net, const struct tdrv_net_ip *ip,
                         const struct xml_node *node,
                         struct tdrv_net_range *out, struct err *e);
/* network_update.c: virNetworkUpdate; and an array edit for it: insert
 * @item (@size bytes) at @at of *arr (*n items; CONFIG_UNSUPPORTED "too
 * many @what" past TDRV_XP_ELEMS_MAX), remove item @at */
int tdrv_arr_insert(void **arr, size_t *n, size_t size, size_t at,
                    const void *item, const char *what, struct err *e);
void tdrv_arr_remove(void *arr, size_t *n, size_t size, size_t at);
int tdrv_net_update(struct drv_conn *c, const struct drv_net *net,
                    unsigned command, unsigned section, int parent_index,
                    const char *xml, unsigned flags, struct err *e);
/* network_parse.c: <network> XML, libvirt's checks and errors. */
int tdrv_netdef_parse(const char *xml, struct tdrv_netdef **out,
                      struct err *e);
/* The <lease> children of @elem (a DHCP range or host), the last one
 * with an expiry counting, as virNetworkDHCPLeaseTimeDefParseXML. */
int tdrv_net_lease_parse(const struct xml_node *elem,
                         struct tdrv_net_lease *out, struct err *e);
/* network_life.c */
int tdrv_net_define_xml(struct drv_conn *c, const char *xml, unsigned flags,
                        struct arena *a, struct drv_net *out, struct err *e);
int tdrv_net_create_xml(struct drv_conn *c, const char *xml, unsigned flags,
                        struct arena *a, struct drv_net *out, struct err *e);
int tdrv_net_create(struct drv_conn *c, const struct drv_net *net,
                    struct err *e);
int tdrv_net_destroy(struct drv_conn *c, const struct drv_net *net,
                     struct err *e);
int tdrv_net_undefine(struct drv_conn *c, const struct drv_net *net,
                      struct err *e);
int tdrv_net_set_autostart(struct drv_conn *c, const struct drv_net *net,
                           int autostart, struct err *e);
void tdrv_net_free(struct tdrv_net *net);
int tdrv_list_all_networks(struct drv_conn *c, unsigned flags,
                           struct arena *a, struct drv_net **out, int *n,
                           struct err *e);
int tdrv_num_of_networks(struct drv_conn *c, bool active, int *out,
                         struct err *e);
int tdrv_list_network_names(struct drv_conn *c, bool active, int max,
                            struct arena *a, const char ***out, int *n,
                            struct err *e);
int tdrv_net_lookup_by_name(struct drv_conn *c, const char *name,
                            struct arena *a, struct drv_net *out,
                            struct err *e);
int tdrv_net_lookup_by_uuid(struct drv_conn *c, const uint8_t *uuid,
                            struct arena *a, struct drv_net *out,
                            struct err *e);
int tdrv_net_get_xml_desc(struct drv_conn *c, const struct drv_net *net,
                          unsigned flags, struct arena *a, char **out,
                          struct err *e);
int tdrv_net_get_bridge_name(struct drv_conn *c, const struct drv_net *net,
                             struct arena *a, char **out, struct err *e);
int tdrv_net_get_autostart(struct drv_conn *c, const struct drv_net *net,
                           int *out, struct err *e);
int tdrv_net_is_active(struct drv_conn *c, const struct drv_net *net,
                       int *out, struct err *e);
int tdrv_net_is_persistent(struct drv_conn *c, const struct drv_net *net,
                           int *out, struct err *e);

/* storage.c */
/* A pool by name (NO_STORAGE_POOL when missing); the second one also
 * requires it running ("storage pool '%s' is not active"). */
struct tdrv_pool *tdrv_pool_by_name(struct tdrv_state *st, const char *name,
                                    struct err *e);
struct tdrv_pool *tdrv_pool_active(struct tdrv_state *st, const char *name,
                                   struct err *e);
void tdrv_pool_free(struct tdrv_pool *pool);
/* virConnectFindStoragePoolSources (@spec NULL when none). */
int tdrv_find_pool_sources(struct drv_conn *c, const char *type,
                           const char *spec, unsigned flags, struct arena *a,
                           char **out, struct err *e);
/* storage_parse.c: <pool> XML as libvirt 9.0 parses it, into a new pool
 * (inactive, no volumes, capacity not set); NULL with @e set. */
struct tdrv_pool *tdrv_pool_parse(const char *xml, struct err *e);
/* Append @pool's XML (virStoragePoolDefFormat). */
void tdrv_pool_format_xml(struct xmlw *w, const struct tdrv_pool *pool);
/* The pool type names, in the order of the ListAll type bits. */
extern const char *const tdrv_pool_types[];
#define TDRV_POOL_TYPES 14
/* testStorageVolumeTypeForPool: the virStorageVolType of @pool's volumes */
int tdrv_pool_vol_type(const struct tdrv_pool *pool);
/* storage_vol.c */
void tdrv_vol_clear(struct tdrv_vol *vol);
/* virStorageFileFormat names, NULL-terminated ("none" first). */
extern const char *const tdrv_vol_formats[];
int tdrv_vol_create_xml(struct drv_conn *c, const struct drv_pool *p,
                        const char *xml, unsigned flags, struct arena *a,
                        struct drv_vol *out, struct err *e);
int tdrv_vol_create_xml_from(struct drv_conn *c, const struct drv_pool *p,
                             const char *xml, const struct drv_vol *clone,
                             unsigned flags, struct arena *a,
                             struct drv_vol *out, struct err *e);
int tdrv_vol_delete(struct drv_conn *c, const struct drv_vol *v,
                    unsigned flags, struct err *e);
int tdrv_vol_get_info(struct drv_conn *c, const struct drv_vol *v,
                      struct drv_vol_info *info, struct err *e);
int tdrv_vol_get_xml_desc(struct drv_conn *c, const struct drv_vol *v,
                          unsigned flags, struct arena *a, char **out,
                          struct err *e);
int tdrv_vol_get_path(struct drv_conn *c, const struct drv_vol *v,
                      struct arena *a, char **out, struct err *e);
/* storage_life.c */
int tdrv_pool_define_xml(struct drv_conn *c, const char *xml, unsigned flags,
                         struct arena *a, struct drv_pool *out,
                         struct err *e);
int tdrv_pool_create_xml(struct drv_conn *c, const char *xml, unsigned flags,
                         struct arena *a, struct drv_pool *out,
                         struct err *e);
int tdrv_pool_change(struct drv_conn *c, const struct drv_pool *p, int op,
                     unsigned flags, struct err *e);
int tdrv_pool_set_autostart(struct drv_conn *c, const struct drv_pool *p,
                            int autostart, struct err *e);
int tdrv_list_all_pools(struct drv_conn *c, unsigned flags, struct arena *a,
                        struct drv_pool **out, int *n, struct err *e);
int tdrv_num_of_pools(struct drv_conn *c, bool active, int *out,
                      struct err *e);
int tdrv_list_pool_names(struct drv_conn *c, bool active, int max,
                         struct arena *a, const char ***out, int *n,
                         struct err *e);
int tdrv_pool_lookup_by_name(struct drv_conn *c, const char *name,
                             struct arena *a, struct drv_pool *out,
                             struct err *e);
int tdrv_pool_lookup_by_uuid(struct drv_conn *c, const uint8_t *uuid,
                             struct arena *a, struct drv_pool *out,
                             struct err *e);
int tdrv_pool_lookup_by_volume(struct drv_conn *c, const struct drv_vol *vol,
                               struct arena *a, struct drv_pool *out,
                               struct err *e);
int tdrv_pool_get_info(struct drv_conn *c, const struct drv_pool *p,
                       struct drv_pool_info *out, struct err *e);
int tdrv_pool_get_xml_desc(struct drv_conn *c, const struct drv_pool *p,
                           unsigned flags, struct arena *a, char **out,
                           struct err *e);
int tdrv_pool_get_autostart(struct drv_conn *c, const struct drv_pool *p,
                            int *out, struct err *e);
int tdrv_pool_is_active(struct drv_conn *c, const struct drv_pool *p,
                        int *out, struct err *e);
int tdrv_pool_is_persistent(struct drv_conn *c, const struct drv_pool *p,
                            int *out, struct err *e);
int tdrv_pool_num_of_volumes(struct drv_conn *c, const struct drv_pool *p,
                             int *out, struct err *e);
int tdrv_pool_list_volumes(struct drv_conn *c, const struct drv_pool *p,
                           int max, struct arena *a, const char ***out,
                           int *n, struct err *e);
int tdrv_pool_list_all_volumes(struct drv_conn *c, const struct drv_pool *p,
                               unsigned flags, struct arena *a,
                               struct drv_vol **out, int *n, struct err *e);
int tdrv_vol_lookup_by_name(struct drv_conn *c, const struct drv_pool *p,
                            const char *name, struct arena *a,
                            struct drv_vol *out, struct err *e);
int tdrv_vol_lookup_by_key(struct drv_conn *c, const char *key,
                           struct arena *a, struct drv_vol *out,
                           struct err *e);
int tdrv_vol_lookup_by_path(struct drv_conn *c, const char *path,
                            struct arena *a, struct drv_vol *out,
                            struct err *e);

/* iface.c */
/* nodedev.c */
int tdrv_nodedev_num(struct drv_conn *c, const char *cap, unsigned flags,
                     int *out, struct err *e);
int tdrv_nodedev_names(struct drv_conn *c, const char *cap, int max,
                       unsigned flags, struct arena *a, const char ***out,
                       int *n, struct err *e);
int tdrv_nodedev_list_all(struct drv_conn *c, unsigned flags,
                          struct arena *a, const char ***out, int *n,
                          struct err *e);
int tdrv_nodedev_lookup(struct drv_conn *c, const char *name,
                        struct arena *a, const char **out, struct err *e);
int tdrv_nodedev_xml(struct drv_conn *c, const char *name, unsigned flags,
                     struct arena *a, char **out, struct err *e);
int tdrv_nodedev_parent(struct drv_conn *c, const char *name,
                        struct arena *a, const char **out, struct err *e);
int tdrv_nodedev_caps(struct drv_conn *c, const char *name, int max,
                      struct arena *a, const char ***out, int *n,
                      struct err *e);
int tdrv_nodedev_create_xml(struct drv_conn *c, const char *xml,
                            unsigned flags, struct arena *a,
                            const char **out, struct err *e);
int tdrv_nodedev_destroy(struct drv_conn *c, const char *name,
                         struct err *e);
int tdrv_list_all_interfaces(struct drv_conn *c, unsigned flags,
                             struct arena *a, struct drv_iface **out, int *n,
                             struct err *e);
int tdrv_num_of_interfaces(struct drv_conn *c, bool active, int *out,
                           struct err *e);
int tdrv_list_interface_names(struct drv_conn *c, bool active, int max,
                              struct arena *a, const char ***out, int *n,
                              struct err *e);
int tdrv_iface_lookup_by_name(struct drv_conn *c, const char *name,
                              struct arena *a, struct drv_iface *out,
                              struct err *e);
int tdrv_iface_lookup_by_mac(struct drv_conn *c, const char *mac,
                             struct arena *a, struct drv_iface *out,
                             struct err *e);
int tdrv_iface_change(struct drv_conn *c, int op, unsigned flags,
                      struct err *e);
int tdrv_iface_get_xml_desc(struct drv_conn *c, const struct drv_iface *iface,
                            unsigned flags, struct arena *a, char **out,
                            struct err *e);
int tdrv_iface_is_active(struct drv_conn *c, const struct drv_iface *iface,
                         int *out, struct err *e);

/*
 * The list filters of libvirt's ListAll calls come in pairs of flags for
 * one property (ACTIVE/INACTIVE, ...): neither or both set keeps every
 * object, one of them keeps the objects that have (or lack) @has.
 */
static inline bool
tdrv_filter_pair(unsigned flags, unsigned yes, unsigned no, bool has)
{
    if (!(flags & (yes | no)))
        return true;
    return ((flags & yes) && has) || ((flags & no) && !has);
}

/* Common result helpers (state.c). */
int tdrv_oom(struct err *e);
/* Copy @s into @a for a result; sets ERR_NO_MEMORY and returns NULL. */
char *tdrv_strdup(struct arena *a, const char *s, struct err *e);
/* Finish @w into an arena string: 0, or -1 with ERR_NO_MEMORY. */
int tdrv_xml_result(struct xmlw *w, struct arena *a, char **out,
                    struct err *e);

#endif
