/*
 * domain_guest.c: what the test driver pretends a guest agent reports and
 * does, with the state it keeps for each domain object (it lives as long
 * as the object: it survives destroy and start), as libvirt 9.0's test
 * driver does:
 *
 * - the guest clock (virDomainGetTime, virDomainSetTime), 627319920 s
 *   when the object is made;
 * - two file systems, "/" and "/boot", which can be frozen and thawed
 *   (virDomainFSFreeze, virDomainFSThaw: all or nothing, a mount point
 *   named twice counts once) and trimmed (virDomainFSTrim);
 * - an I/O error on every disk (virDomainGetDiskErrors): "unspecified" on
 *   the first, third, ..., "no space" on the second, fourth, ...; the
 *   file systems on the first disk of device "disk" (virDomainGetFSInfo);
 *   balloon statistics derived from the current memory
 *   (virDomainMemoryStats);
 * - the control state (virDomainGetControlInfo), derived from the clock:
 *   setting it to a small value is how a test makes the domain look busy:
 *
 *   seconds              control state    detail             time in state
 *   1 .. 9999            JOB              -                  seconds ms
 *   10000 .. 29999       OCCUPIED         -                  seconds - 10000 ms
 *   30000 .. 59999       ERROR            seconds % 4        seconds - 30000 ms
 *   anything else        OK               -                  0
 *
 *   (seconds % 4 is NONE, UNKNOWN, MONITOR, INTERNAL for 0..3.)
 *
 * Worker threads; each call holds the state lock for its duration.
 */
#include "drivers/test/test_priv.h"

#include <arpa/inet.h>
#include <string.h>

#define TDRV_TIME_SYNC 1u             /* VIR_DOMAIN_TIME_SYNC */

int
tdrv_dom_get_time(struct drv_conn *c, const struct drv_dom *d,
                  unsigned flags, int64_t *sec, uint32_t *nsec, struct err *e)
{
    struct tdrv_dom *dom;
    int rc = 0;

    if (flags) {
        drv_bad_flags(e, ERRDOM_TEST, "testDomainGetTime", flags);
        return -1;
    }
    if (!(dom = tdrv_dom_lock(c, d, e)))
        return -1;
    /* running only: a paused guest has no clock to read (the test
     * driver's own check, so its own error domain) */
    if (dom->state != DRV_DOM_RUNNING) {
        err_set(e, ERR_OPERATION_INVALID, ERRDOM_TEST,
                "domain is not running");
        rc = -1;
    } else {
        *sec = dom->time_s;
        *nsec = dom->time_ns;
    }
    tdrv_dom_unlock(c);
    return rc;
}

/* Any active domain, paused too. With SYNC the values are still stored:
 * virsh sends 0 and 0 then, and the clock reads 0 afterwards. */
int
tdrv_dom_set_time(struct drv_conn *c, const struct drv_dom *d, int64_t sec,
                  uint32_t nsec, unsigned flags, struct err *e)
{
    struct tdrv_dom *dom = tdrv_dom_lock_active(c, d, flags, TDRV_TIME_SYNC,
                                                "testDomainSetTime", e);

    if (!dom)
        return -1;
    dom->time_s = sec;
    dom->time_ns = nsec;
    tdrv_dom_unlock(c);
    return 0;
}

/* The table in the file comment. */
static void
tdrv_control_of(int64_t s, unsigned *state, unsigned *details,
                uint64_t *state_ms)
{
    *details = 0;
    *state_ms = 0;
    if (s > 0 && s < 10000) {
        *state = DRV_CONTROL_JOB;
        *state_ms = (uint64_t)s;
    } else if (s >= 10000 && s < 30000) {
        *state = DRV_CONTROL_OCCUPIED;
        *state_ms = (uint64_t)(s - 10000);
    } else if (s >= 30000 && s < 60000) {
        *state = DRV_CONTROL_ERROR;
        *details = (unsigned)(s % 4);
        *state_ms = (uint64_t)(s - 30000);
    } else {
        *state = DRV_CONTROL_OK;
    }
}

int
tdrv_dom_get_control_info(struct drv_conn *c, const struct drv_dom *d,
                          unsigned flags, unsigned *state, unsigned *details,
                          uint64_t *state_ms, struct err *e)
{
    struct tdrv_dom *dom = tdrv_dom_lock_active(c, d, flags, 0,
                                                "testDomainGetControlInfo", e);

    if (!dom)
        return -1;
    tdrv_control_of(dom->time_s, state, details, state_ms);
    tdrv_dom_unlock(c);
    return 0;
}

/* -- file systems ---------------------------------------------------------- */

/* The pretend guest's mount points; frozen[i] belongs to tdrv_fs[i]. */
static const char *const tdrv_fs[2] = { "/", "/boot" };

static int
tdrv_fs_index(const char *mount, struct err *e)
{
    for (int i = 0; i < 2; i++)
        if (strcmp(mount, tdrv_fs[i]) == 0)
            return i;
    err_set(e, ERR_OPERATION_INVALID, ERRDOM_TEST,
            "mount point not found: %s", mount);
    return -1;
}

/*
 * Freeze (@to true) or thaw the @n mount points (both when @n is 0): all
 * or nothing; *count = how many changed state. A mount point named twice
 * counts once.
 */
static int
tdrv_fs_set(struct drv_conn *c, const struct drv_dom *d,
            const char *const *mounts, unsigned n, unsigned flags, bool to,
            const char *func, int *count, struct err *e)
{
    struct tdrv_dom *dom = tdrv_dom_lock_active(c, d, flags, 0, func, e);
    bool next[2];
    int changed = 0;

    if (!dom)
        return -1;
    memcpy(next, dom->frozen, sizeof(next));
    for (unsigned k = 0; k < (n ? n : 2); k++) {
        int i = n ? tdrv_fs_index(mounts[k], e) : (int)k;

        if (i < 0)
            goto fail;
        if (next[i] != to) {
            next[i] = to;
            changed++;
        }
    }
    memcpy(dom->frozen, next, sizeof(next));
    tdrv_dom_unlock(c);
    *count = changed;
    return 0;
fail:
    tdrv_dom_unlock(c);
    return -1;
}

int
tdrv_dom_fs_freeze(struct drv_conn *c, const struct drv_dom *d,
                   const char *const *mounts, unsigned n, unsigned flags,
                   int *count, struct err *e)
{
    return tdrv_fs_set(c, d, mounts, n, flags, true, "testDomainFSFreeze",
                       count, e);
}

int
tdrv_dom_fs_thaw(struct drv_conn *c, const struct drv_dom *d,
                 const char *const *mounts, unsigned n, unsigned flags,
                 int *count, struct err *e)
{
    return tdrv_fs_set(c, d, mounts, n, flags, false, "testDomainFSThaw",
                       count, e);
}

/* Nothing to trim: only the domain and the mount point are checked. */
int
tdrv_dom_fs_trim(struct drv_conn *c, const struct drv_dom *d,
                 const char *mount, uint64_t minimum, unsigned flags,
                 struct err *e)
{
    int rc = 0;

    (void)minimum;
    if (!tdrv_dom_lock_active(c, d, flags, 0, "testDomainFSTrim", e))
        return -1;
    if (mount && tdrv_fs_index(mount, e) < 0)
        rc = -1;
    tdrv_dom_unlock(c);
    return rc;
}

/* -- disks and file systems ------------------------------------------------ */

int
tdrv_dom_get_disk_errors(struct drv_conn *c, const struct drv_dom *d,
                         unsigned maxerrors, unsigned flags, struct arena *a,
                         struct drv_disk_error **out, int *n, struct err *e)
{
    const struct tdrv_domdef *def;
    struct tdrv_dom *dom;
    size_t k;

    *out = NULL;
    if (!(dom = tdrv_dom_lock_active(c, d, flags, 0,
                                     "testDomainGetDiskErrors", e)))
        return -1;
    def = dom->def;
    if (maxerrors == 0) {
        /* no room for errors: how many there are */
        *n = (int)def->ndisks;
        tdrv_dom_unlock(c);
        return 0;
    }
    k = def->ndisks < maxerrors ? def->ndisks : maxerrors;
    if (k && !(*out = arena_alloc(a, k * sizeof(**out))))
        goto oom;
    for (size_t i = 0; i < k; i++) {
        if (!((*out)[i].disk = arena_strdup(a, def->disks[i].dst)))
            goto oom;
        (*out)[i].error = (int)(i % 2) + 1;  /* UNSPEC, NO_SPACE, ... */
    }
    tdrv_dom_unlock(c);
    *n = (int)k;
    return 0;
oom:
    tdrv_oom(e);
    tdrv_dom_unlock(c);
    return -1;
}

/* "/" and "/boot" on partitions 1 and 2 of the first disk of device
 * "disk"; none without one. */
int
tdrv_dom_get_fsinfo(struct drv_conn *c, const struct drv_dom *d,
                    unsigned flags, struct arena *a, struct drv_fsinfo **out,
                    int *n, struct err *e)
{
    const struct tdrv_disk *disk = NULL;
    struct tdrv_dom *dom;

    *out = NULL;
    *n = 0;
    if (!(dom = tdrv_dom_lock_active(c, d, flags, 0, "testDomainGetFSInfo",
                                     e)))
        return -1;
    for (size_t i = 0; !disk && i < dom->def->ndisks; i++)
        if (strcmp(dom->def->disks[i].device, "disk") == 0)
            disk = &dom->def->disks[i];
    if (disk) {
        const char **alias = arena_alloc(a, sizeof(*alias));

        if (!alias || !(*alias = arena_strdup(a, disk->dst)) ||
            !(*out = arena_alloc(a, 2 * sizeof(**out))))
            goto oom;
        for (int k = 0; k < 2; k++) {
            (*out)[k].mountpoint = tdrv_fs[k];
            (*out)[k].fstype = "ext4";
            (*out)[k].aliases = alias;
            (*out)[k].naliases = 1;
            if (!((*out)[k].name = arena_printf(a, "%s%d", disk->dst, k + 1)))
                goto oom;
        }
        *n = 2;
    }
    tdrv_dom_unlock(c);
    return 0;
oom:
    tdrv_oom(e);
    tdrv_dom_unlock(c);
    return -1;
}

/* -- NMI and user passwords ------------------------------------------------- */

#define TDRV_PASSWORD_ENCRYPTED 1u    /* VIR_DOMAIN_PASSWORD_ENCRYPTED */

/* testDomainInjectNMI: an active domain takes it; nothing changes. */
int
tdrv_dom_inject_nmi(struct drv_conn *c, const struct drv_dom *d,
                    unsigned flags, struct err *e)
{
    return tdrv_dom_active_call(c, d, flags, "testDomainInjectNMI", e);
}

/* testDomainSetUserPassword: an active domain's guest "sets" it; the user
 * and password are not kept. */
int
tdrv_dom_set_user_password(struct drv_conn *c, const struct drv_dom *d,
                           const char *user, const char *password,
                           unsigned flags, struct err *e)
{
    (void)user;
    (void)password;
    if (!tdrv_dom_lock_active(c, d, flags, TDRV_PASSWORD_ENCRYPTED,
                              "testDomainSetUserPassword", e))
        return -1;
    tdrv_dom_unlock(c);
    return 0;
}

/* -- the balloon ---------------------------------------------------------- */

#define TDRV_STAT_LAST_UPDATE 627319920   /* fixed, not the guest clock */

/*
 * The test driver's balloon statistics, derived from the current memory
 * (KiB), in its order; none for a domain without a balloon (no
 * <memballoon>, or model none).
 */
int
tdrv_dom_memory_stats(struct drv_conn *c, const struct drv_dom *d, int max,
                      unsigned flags, struct drv_mem_stat *out, int *n,
                      struct err *e)
{
    enum {
        SWAP_IN, SWAP_OUT, MAJOR_FAULT, MINOR_FAULT, UNUSED, AVAILABLE,
        ACTUAL, RSS, USABLE, LAST_UPDATE, DISK_CACHES, HUGETLB_PGALLOC,
        HUGETLB_PGFAIL,
    };
    struct drv_mem_stat all[13];
    const struct tdrv_domdef *def;
    struct tdrv_dom *dom;
    int k = 0;

    if (!(dom = tdrv_dom_lock_active(c, d, flags, 0, "testDomainMemoryStats",
                                     e)))
        return -1;
    def = dom->def;
    if (def->balloon_model && strcmp(def->balloon_model, "none") != 0) {
        uint64_t cur = def->cur_memory;
#define TDRV_STAT(t, v) all[k++] = (struct drv_mem_stat){ (t), (v) }
        TDRV_STAT(ACTUAL, cur);
        TDRV_STAT(SWAP_IN, 0);
        TDRV_STAT(SWAP_OUT, 0);
        TDRV_STAT(MAJOR_FAULT, 0);
        TDRV_STAT(MINOR_FAULT, 0);
        TDRV_STAT(UNUSED, cur / 2);
        TDRV_STAT(AVAILABLE, cur);
        TDRV_STAT(USABLE, cur / 2);
        TDRV_STAT(LAST_UPDATE, TDRV_STAT_LAST_UPDATE);
        TDRV_STAT(DISK_CACHES, cur / 8);
        TDRV_STAT(HUGETLB_PGALLOC, 0);
        TDRV_STAT(HUGETLB_PGFAIL, 0);
        TDRV_STAT(RSS, cur / 2);
#undef TDRV_STAT
    }
    tdrv_dom_unlock(c);
    if (k > max)
        k = max;
    memcpy(out, all, (size_t)k * sizeof(*out));
    *n = k;
    return 0;
}

/* testDomainSetMemoryStatsPeriod: on the definition LIVE or CONFIG
 * selects, which needs a balloon. The server refuses a negative period. */
int
tdrv_dom_set_memory_stats_period(struct drv_conn *c, const struct drv_dom *d,
                                 int period, unsigned flags, struct err *e)
{
    struct tdrv_domdef *def;
    struct tdrv_dom *dom;
    int rc = -1;

    if (drv_flags_unsupported(e, ERRDOM_TEST,
                              "testDomainSetMemoryStatsPeriod", flags,
                              TDRV_AFFECT_LIVE | TDRV_AFFECT_CONFIG))
        return -1;
    if (!(dom = tdrv_dom_lock(c, d, e)))
        return -1;
    if (!(def = tdrv_dom_one_def(dom, flags, NULL, e))) {
        /* the error is set */
    } else if (!def->balloon_model ||
               strcmp(def->balloon_model, "none") == 0) {
        err_set(e, ERR_INTERNAL_ERROR, ERRDOM_DOMAIN,
                "No memory balloon device configured, can not set the "
                "collection period");
    } else {
        def->balloon_period = period;
        rc = 0;
    }
    tdrv_dom_unlock(c);
    return rc;
}

/* -- interface addresses ---------------------------------------------------- */

#define TDRV_ADDR_SOURCES 3           /* lease, agent, arp */

/* virSocketAddrGetIPPrefix: the prefix, else the netmask's bits, else the
 * class of an IPv4 address (IPv6: 64); -1 when none fits. */
static int
tdrv_ip_prefix(const struct tdrv_net_ip *ip, bool v6, const uint8_t *a4)
{
    struct in_addr m;
    int bits = 0;

    if (ip->prefix > 0)
        return ip->prefix;
    if (ip->netmask && inet_pton(AF_INET, ip->netmask, &m) == 1) {
        for (uint32_t v = ntohl(m.s_addr); v & 0x80000000u; v <<= 1)
            bits++;
        return bits;
    }
    if (v6)
        return 64;
    return a4[0] < 128 ? 8 : a4[0] < 192 ? 16 : a4[0] < 224 ? 24 : -1;
}

/* testDomainInterfaceAddressFromNet: the first address of the network's
 * first IP range (else its own address), moved by @offset. */
static int
tdrv_addr_from_net(struct tdrv_state *st, const struct tdrv_nic *nic,
                   size_t offset, struct arena *a, struct drv_ip_addr *out,
                   struct err *e)
{
    const struct tdrv_net *net;
    const struct tdrv_net_ip *ip;
    char buf[INET6_ADDRSTRLEN];
    uint8_t raw[16];
    bool v6;
    int prefix;

    if (!(net = (const struct tdrv_net *)tdrv_obj_get(st, TDRV_K_NET,
                                                      nic->source, NULL, e)))
        return -1;
    if (!net->def->nips) {
        /* libvirt's test driver dereferences a missing <ip> here */
        err_set(e, ERR_INTERNAL_ERROR, ERRDOM_TEST,
                "network '%s' has no IP address", nic->source);
        return -1;
    }
    ip = &net->def->ips[0];
    v6 = ip->family && strcmp(ip->family, "ipv6") == 0;
    if (inet_pton(v6 ? AF_INET6 : AF_INET,
                  ip->nranges ? ip->ranges[0].start : ip->address, raw) != 1) {
        err_set(e, ERR_INTERNAL_ERROR, ERRDOM_TEST,
                "network '%s' has no usable IP address", nic->source);
        return -1;
    }
    prefix = tdrv_ip_prefix(ip, v6, raw);
    if (v6) {
        raw[15] = (uint8_t)(raw[15] + offset);
    } else {
        uint32_t v = ((uint32_t)raw[0] << 24 | (uint32_t)raw[1] << 16 |
                      (uint32_t)raw[2] << 8 | raw[3]) + (uint32_t)offset;

        raw[0] = (uint8_t)(v >> 24), raw[1] = (uint8_t)(v >> 16);
        raw[2] = (uint8_t)(v >> 8), raw[3] = (uint8_t)v;
    }
    inet_ntop(v6 ? AF_INET6 : AF_INET, raw, buf, sizeof(buf));
    out->type = v6 ? 1 : 0;
    out->prefix = (unsigned)prefix;
    return (out->addr = arena_strdup(a, buf)) ? 0 : tdrv_oom(e);
}

/* One address per interface: from its network for type network
 * (different per domain id and interface), else 192.168.0.N/24. */
int
tdrv_dom_interface_addresses(struct drv_conn *c, const struct drv_dom *d,
                             unsigned source, unsigned flags, struct arena *a,
                             struct drv_iface_addrs **out, int *n,
                             struct err *e)
{
    struct tdrv_state *st = tdrv_st(c);
    const struct tdrv_domdef *def;
    struct tdrv_dom *dom;
    size_t i;

    *out = NULL;
    *n = 0;
    if (flags) {
        drv_bad_flags(e, ERRDOM_TEST, "testDomainInterfaceAddresses", flags);
        return -1;
    }
    if (source >= TDRV_ADDR_SOURCES) {
        err_set(e, ERR_ARGUMENT_UNSUPPORTED, ERRDOM_TEST,
                "Unknown IP address data source %u", source);
        return -1;
    }
    if (!(dom = tdrv_dom_lock_active(c, d, 0, 0,
                                     "testDomainInterfaceAddresses", e)))
        return -1;
    def = dom->def;
    if (def->nnics && !(*out = arena_alloc(a, def->nnics * sizeof(**out))))
        goto oom;
    for (i = 0; i < def->nnics; i++) {
        const struct tdrv_nic *nic = &def->nics[i];
        struct drv_iface_addrs *ia = &(*out)[i];

        if (!(ia->addrs = arena_alloc(a, sizeof(*ia->addrs))) ||
            !(ia->name = arena_strdup(a, nic->ifname ? nic->ifname : "")) ||
            !(ia->hwaddr = arena_strdup(a, nic->mac)))
            goto oom;
        ia->naddrs = 1;
        if (strcmp(nic->type, "network") == 0) {
            size_t offset = 20 * (size_t)(dom->id - 1) + i + 1;

            if (tdrv_addr_from_net(st, nic, offset, a, ia->addrs, e) < 0)
                goto fail;
        } else {
            ia->addrs->type = 0;
            ia->addrs->prefix = 24;
            if (!(ia->addrs->addr = arena_printf(a, "192.168.0.%zu", 1 + i)))
                goto oom;
        }
    }
    tdrv_dom_unlock(c);
    *n = (int)i;
    return 0;
oom:
    tdrv_oom(e);
fail:
    tdrv_dom_unlock(c);
    return -1;
}
