/*
 * domain_parse_dev.c: the <devices> of a domain definition: disks (kept
 * in the order libvirt inserts them), disk controllers, network
 * interfaces and the memory balloon, with libvirt's defaults (disk buses
 * from target names, drive addresses, implicit controllers, MAC
 * addresses) and checks. Other device kinds are not modelled and are
 * skipped.
 *
 * Pure; the caller owns @def.
 */
#include "drivers/test/domain_parse.h"
#include <errno.h>
#include <limits.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "drivers/test/xmlp.h"

static const char *const tdrv_disk_types[] = {
    "file", "block", "dir", "network", "volume", "nvme", "vhostuser",
    "vhostvdpa", NULL,
};

static const char *const tdrv_disk_devices[] = {
    "disk", "cdrom", "floppy", "lun", NULL,
};

/* virDomainDiskBus, NONE excluded (index + 1 is the enum value). */
static const char *const tdrv_disk_buses[] = {
    "ide", "fdc", "scsi", "virtio", "xen", "usb", "uml", "sata", "sd", NULL,
};

static const char *const tdrv_ctrl_types[] = {
    "ide", "fdc", "scsi", "sata", "virtio-serial", "ccid", "usb", "pci",
    "xenbus", "isa", NULL,
};

static const char *const tdrv_net_types[] = {
    "user", "ethernet", "vhostuser", "server", "client", "mcast", "network",
    "bridge", "internal", "direct", "hostdev", "udp", "vdpa", "null", "vds",
    NULL,
};

static const char *const tdrv_input_types[] = {
    "mouse", "tablet", "keyboard", "passthrough", "evdev", NULL,
};

static const char *const tdrv_input_buses[] = {
    "ps2", "usb", "xen", "parallels", "none", "virtio", NULL,
};

static const char *const tdrv_sound_models[] = {
    "sb16", "es1370", "pcspk", "ac97", "ich6", "ich9", "usb", "ich7", NULL,
};

static const char *const tdrv_balloon_models[] = {
    "virtio", "xen", "none", "virtio-transitional",
    "virtio-non-transitional", NULL,
};

/* Target name prefixes, their default bus, and which source attribute
 * each disk type uses. */
static const struct {
    const char *prefix;
    const char *bus;
} tdrv_disk_prefixes[] = {
    { "fd", "fdc" }, { "hd", "ide" }, { "vd", "virtio" }, { "sd", "scsi" },
    { "xvd", "xen" }, { "ubd", "uml" },
};

static const char *
tdrv_disk_source_attr(const char *type)
{
    if (strcmp(type, "block") == 0)
        return "dev";
    return strcmp(type, "dir") == 0 ? "dir" : "file";
}

int
tdrv_disk_index(const char *dst)
{
    const char *p = NULL;
    int idx = 0, i;

    for (size_t k = 0; !p && k < sizeof(tdrv_disk_prefixes) /
                                 sizeof(tdrv_disk_prefixes[0]); k++) {
        size_t n = strlen(tdrv_disk_prefixes[k].prefix);

        if (strncmp(dst, tdrv_disk_prefixes[k].prefix, n) == 0)
            p = dst + n;
    }
    if (!p)
        return -1;
    for (i = 0; *p >= 'a' && *p <= 'z' && idx < 0x1000000; i++, p++)
        idx = (idx + (i < 1 ? 0 : 1)) * 26 + (*p - 'a');
    while (*p >= '0' && *p <= '9')
        p++;
    return *p || i == 0 ? -1 : idx;
}

/* "0x%x" or decimal address numbers. */
static void
tdrv_addr_num(const struct xml_node *node, const char *attr, unsigned *v)
{
    const char *s = xml_attr(node, attr);

    if (s)
        *v = (unsigned)strtoul(s, NULL, 0);
}

void
tdrv_parse_address(const struct xml_node *node, struct tdrv_pci *pci,
                   struct tdrv_drive *drive)
{
    const struct xml_node *a = xml_child(node, "address");
    const char *type = xml_attr(a, "type");

    if (type && strcmp(type, "pci") == 0) {
        pci->set = true;
        tdrv_addr_num(a, "domain", &pci->domain);
        tdrv_addr_num(a, "bus", &pci->bus);
        tdrv_addr_num(a, "slot", &pci->slot);
        tdrv_addr_num(a, "function", &pci->function);
    } else if (type && drive && strcmp(type, "drive") == 0) {
        drive->set = true;
        tdrv_addr_num(a, "controller", &drive->controller);
        tdrv_addr_num(a, "bus", &drive->bus);
        tdrv_addr_num(a, "target", &drive->target);
        tdrv_addr_num(a, "unit", &drive->unit);
    }
}

/* -- disks ----------------------------------------------------------------- */

static int
tdrv_disk_strings(const struct xml_node *node, struct tdrv_disk *disk,
                  struct err *e)
{
    const struct xml_node *drv = xml_child(node, "driver");
    const struct xml_node *tgt = xml_child(node, "target");
    const char *src = xml_attr(xml_child(node, "source"),
                               tdrv_disk_source_attr(disk->type));

    return tdrv_xp_dup(&disk->source, src, e) ||
           tdrv_xp_dup(&disk->dst, xml_attr(tgt, "dev"), e) ||
           tdrv_xp_dup(&disk->bus, xml_attr(tgt, "bus"), e) ||
           tdrv_xp_dup(&disk->driver_name, xml_attr(drv, "name"), e) ||
           tdrv_xp_dup(&disk->driver_type, xml_attr(drv, "type"), e) ||
           tdrv_xp_dup(&disk->driver_cache, xml_attr(drv, "cache"), e) ||
           tdrv_xp_dup(&disk->driver_io, xml_attr(drv, "io"), e) ||
           tdrv_xp_dup(&disk->driver_discard, xml_attr(drv, "discard"), e)
           ? -1 : 0;
}

static int
tdrv_disk_parse(const struct xml_node *node, struct tdrv_disk *disk,
                struct err *e)
{
    int type = 0, dev = 0, bus;

    if (tdrv_xp_enum(node, "type", tdrv_disk_types, &type, e) < 0 ||
        tdrv_xp_enum(node, "device", tdrv_disk_devices, &dev, e) < 0 ||
        tdrv_xp_enum(xml_child(node, "target"), "bus", tdrv_disk_buses,
                     &bus, e) < 0)
        return -1;
    if (type > 2) {
        err_set(e, ERR_CONFIG_UNSUPPORTED, ERRDOM_DOMAIN,
                "disk type '%s' is not supported by this driver",
                tdrv_disk_types[type]);
        return -1;
    }
    if (tdrv_xp_dup(&disk->type, tdrv_disk_types[type], e) < 0 ||
        tdrv_xp_dup(&disk->device, tdrv_disk_devices[dev], e) < 0 ||
        tdrv_disk_strings(node, disk, e) < 0)
        return -1;
    /* a CD-ROM is always read-only, as libvirt's parser makes it */
    disk->readonly = xml_child(node, "readonly") != NULL ||
                     strcmp(disk->device, "cdrom") == 0;
    disk->shareable = xml_child(node, "shareable") != NULL;
    if (tdrv_parse_iotune(node, &disk->iotune, e) < 0)
        return -1;
    tdrv_parse_address(node, &disk->addr, &disk->drive);
    if (!disk->dst) {
        err_set(e, ERR_NO_TARGET, ERRDOM_DOMAIN, "device %s",
                disk->source ? disk->source : "(null)");
        return -1;
    }
    if (!disk->source && (dev == 0 || dev == 3)) {
        err_set(e, ERR_NO_SOURCE, ERRDOM_DOMAIN, "device %s", disk->dst);
        return -1;
    }
    return 0;
}

/* libvirt inserts each disk before the first one on the same bus (as
 * written, unset counting as one bus) whose target sorts after it. */
static size_t
tdrv_disk_slot(const struct tdrv_domdef *def, const struct tdrv_disk *disk)
{
    long at = -1;
    int idx = tdrv_disk_index(disk->dst);

    for (long i = (long)def->ndisks - 1; i >= 0; i--) {
        const struct tdrv_disk *o = &def->disks[i];
        bool same = (!o->bus && !disk->bus) ||
                    (o->bus && disk->bus && strcmp(o->bus, disk->bus) == 0);

        if (same && tdrv_disk_index(o->dst) > idx)
            at = i;
        else if (same && at == -1)
            at = i + 1;
    }
    return at < 0 ? def->ndisks : (size_t)at;
}

static int
tdrv_parse_disks(const struct xml_node *devs, struct tdrv_domdef *def,
                 struct err *e)
{
    const struct xml_node *n;
    struct tdrv_disk disk;
    size_t at, count = 0;

    if (tdrv_xp_count(devs, "disk", TDRV_XP_ELEMS_MAX, &count, e) < 0)
        return -1;
    if (count && !(def->disks = calloc(count, sizeof(*def->disks))))
        return tdrv_oom(e);
    for (n = xml_child(devs, "disk"); n; n = xml_next_named(n)) {
        memset(&disk, 0, sizeof(disk));
        if (tdrv_disk_parse(n, &disk, e) < 0) {
            def->disks[def->ndisks++] = disk;     /* freed with def */
            return -1;
        }
        at = tdrv_disk_slot(def, &disk);
        memmove(&def->disks[at + 1], &def->disks[at],
                (def->ndisks - at) * sizeof(disk));
        def->disks[at] = disk;
        def->ndisks++;
    }
    return 0;
}

/* Bus from the target name when none was given, and the name checks. */
static int
tdrv_disk_bus(struct tdrv_disk *disk, struct err *e)
{
    bool fd = strncmp(disk->dst, "fd", 2) == 0;
    bool floppy = strcmp(disk->device, "floppy") == 0;

    for (size_t k = 0; !disk->bus && k < sizeof(tdrv_disk_prefixes) /
                                          sizeof(tdrv_disk_prefixes[0]);
         k++) {
        const char *p = tdrv_disk_prefixes[k].prefix;

        if (strncmp(disk->dst, p, strlen(p)) == 0 &&
            tdrv_xp_dup(&disk->bus, tdrv_disk_prefixes[k].bus, e) < 0)
            return -1;
    }
    if (!disk->bus && !disk->drive.set) {
        err_set(e, ERR_XML_ERROR, ERRDOM_DOMAIN,
                "Unknown disk name '%s' and no address specified",
                disk->dst);
        return -1;
    }
    if (fd != floppy) {
        err_set(e, ERR_INTERNAL_ERROR, ERRDOM_DOMAIN,
                "Invalid %s device name: %s", floppy ? "floppy" : "harddisk",
                disk->dst);
        return -1;
    }
    return 0;
}

/* virDomainDiskDefAssignAddress for the buses that use drive addresses. */
static void
tdrv_disk_drive(struct tdrv_disk *disk)
{
    int idx = tdrv_disk_index(disk->dst);
    struct tdrv_drive *d = &disk->drive;

    if (d->set || idx < 0 || !disk->bus)
        return;
    d->set = true;
    if (strcmp(disk->bus, "ide") == 0) {
        d->controller = (unsigned)idx / 4;
        d->bus = ((unsigned)idx % 4) / 2;
        d->unit = (unsigned)idx % 2;
    } else if (strcmp(disk->bus, "scsi") == 0) {
        d->controller = (unsigned)idx / 7;
        d->unit = (unsigned)idx % 7;
    } else if (strcmp(disk->bus, "sata") == 0) {
        d->controller = (unsigned)idx / 6;
        d->unit = (unsigned)idx % 6;
    } else if (strcmp(disk->bus, "fdc") == 0) {
        d->unit = (unsigned)idx;
    } else {
        d->set = false;
    }
}

/* -- controllers ----------------------------------------------------------- */

static bool
tdrv_has_ctrl(const struct tdrv_domdef *def, const char *type, unsigned idx)
{
    for (size_t i = 0; i < def->nctrls; i++)
        if (strcmp(def->ctrls[i].type, type) == 0 && def->ctrls[i].index == idx)
            return true;
    return false;
}

static int
tdrv_add_ctrl(struct tdrv_domdef *def, const char *type, unsigned idx,
              const char *model, struct err *e)
{
    struct tdrv_ctrl *v = realloc(def->ctrls,
                                  (def->nctrls + 1) * sizeof(*v));

    if (!v)
        return tdrv_oom(e);
    def->ctrls = v;
    memset(&v[def->nctrls], 0, sizeof(*v));
    v[def->nctrls].index = idx;
    if (tdrv_xp_dup(&v[def->nctrls].type, type, e) < 0 ||
        tdrv_xp_dup(&v[def->nctrls].model, model, e) < 0) {
        free(v[def->nctrls].type);
        return -1;
    }
    def->nctrls++;
    return 0;
}

/* Explicit controllers (type, index, model), in document order. */
static int
tdrv_parse_ctrls(const struct xml_node *devs, struct tdrv_domdef *def,
                 struct err *e)
{
    const struct xml_node *n;
    unsigned idx;
    size_t count;
    int type;

    if (tdrv_xp_count(devs, "controller", TDRV_XP_ELEMS_MAX, &count, e) < 0)
        return -1;
    for (n = xml_child(devs, "controller"); n; n = xml_next_named(n)) {
        type = 0;
        idx = 0;
        if (tdrv_xp_enum(n, "type", tdrv_ctrl_types, &type, e) < 0 ||
            tdrv_xp_uint_attr(n, "index", &idx, e) < 0)
            return -1;
        if (tdrv_has_ctrl(def, tdrv_ctrl_types[type], idx))
            continue;
        if (tdrv_add_ctrl(def, tdrv_ctrl_types[type], idx,
                          xml_attr(n, "model"), e) < 0)
            return -1;
    }
    return 0;
}

/* virDomainDefAddImplicitControllers: every index up to the highest a
 * disk's drive address uses, by type in libvirt's order. */
static int
tdrv_implicit_ctrls(struct tdrv_domdef *def, struct err *e)
{
    static const char *const order[] = { "scsi", "fdc", "ide", "sata" };

    for (size_t t = 0; t < sizeof(order) / sizeof(order[0]); t++) {
        long max = -1;

        for (size_t i = 0; i < def->ndisks; i++)
            if (def->disks[i].drive.set &&
                strcmp(def->disks[i].bus, order[t]) == 0 &&
                (long)def->disks[i].drive.controller > max)
                max = (long)def->disks[i].drive.controller;
        if (max >= TDRV_XP_ELEMS_MAX) {
            err_set(e, ERR_CONFIG_UNSUPPORTED, ERRDOM_NONE,
                    "too many <controller> elements (at most %d)",
                    TDRV_XP_ELEMS_MAX);
            return -1;
        }
        for (long i = 0; i <= max; i++)
            if (!tdrv_has_ctrl(def, order[t], (unsigned)i) &&
                tdrv_add_ctrl(def, order[t], (unsigned)i, NULL, e) < 0)
                return -1;
    }
    return 0;
}

/* -- interfaces ------------------------------------------------------------ */

static int
tdrv_nic_mac(const struct xml_node *node, struct tdrv_nic *nic,
             struct err *e)
{
    const char *s = xml_attr(xml_child(node, "mac"), "address");
    uint8_t mac[6] = { 0x52, 0x54, 0x00 };

    if (s && !tdrv_xp_mac(s, mac)) {
        err_set(e, ERR_XML_ERROR, ERRDOM_DOMAIN,
                "unable to parse mac address '%s'", s);
        return -1;
    }
    if (s && (mac[0] & 1)) {
        err_set(e, ERR_XML_ERROR, ERRDOM_DOMAIN,
                "expected unicast mac address, found multicast '%s'", s);
        return -1;
    }
    if (!s && getrandom(mac + 3, 3, 0) != 3) {
        err_set(e, ERR_INTERNAL_ERROR, ERRDOM_DOMAIN,
                "cannot generate a MAC address");
        return -1;
    }
    snprintf(nic->mac, sizeof(nic->mac), "%02x:%02x:%02x:%02x:%02x:%02x",
             mac[0], mac[1], mac[2], mac[3], mac[4], mac[5]);
    return 0;
}

/* The source a network or bridge interface needs. */
static int
tdrv_nic_source(const struct xml_node *node, struct tdrv_nic *nic,
                struct err *e)
{
    const struct xml_node *src = xml_child(node, "source");
    const char *attr = strcmp(nic->type, "network") == 0 ? "network"
                     : strcmp(nic->type, "bridge") == 0 ? "bridge" : NULL;

    if (!attr)
        return 0;
    if (!xml_attr(src, attr)) {
        err_set(e, ERR_XML_ERROR, ERRDOM_DOMAIN,
                "interface type='%s' requires a 'source' element",
                nic->type);
        return -1;
    }
    if (tdrv_xp_dup(&nic->source, xml_attr(src, attr), e) < 0)
        return -1;
    return strcmp(attr, "network") == 0 ?
           tdrv_xp_dup(&nic->portgroup, xml_attr(src, "portgroup"), e) : 0;
}

/* A bandwidth rate attribute: absent, or a non-negative integer
 * (libvirt's "could not convert bandwidth <attr> value '...'"). */
static int
tdrv_rate_attr(const struct xml_node *n, const char *attr, uint64_t *v,
               struct err *e)
{
    const char *s = xml_attr(n, attr);
    unsigned long long x;

    if (!s)
        return 0;
    if (tdrv_xp_parse_ull(s, &x) < 0) {
        err_set(e, ERR_CONFIG_UNSUPPORTED, ERRDOM_NONE,
                "could not convert bandwidth %s value '%s'", attr, s);
        return -1;
    }
    *v = x;
    return 0;
}

/* virNetDevBandwidthParseRate: an average or a floor is required, a peak
 * or burst needs the average. */
static int
tdrv_rate_parse(const struct xml_node *n, struct tdrv_rate *r, struct err *e)
{
    bool avg = xml_attr(n, "average") != NULL;

    if (avg && tdrv_rate_attr(n, "average", &r->average, e) < 0)
        return -1;
    if (!avg && !xml_attr(n, "floor")) {
        err_set(e, ERR_XML_DETAIL, ERRDOM_NONE,
                "Missing mandatory average or floor attributes");
        return -1;
    }
    if ((xml_attr(n, "peak") || xml_attr(n, "burst")) && !avg) {
        err_set(e, ERR_CONFIG_UNSUPPORTED, ERRDOM_NONE,
                "'peak' and 'burst' require 'average' attribute");
        return -1;
    }
    if (tdrv_rate_attr(n, "peak", &r->peak, e) < 0 ||
        tdrv_rate_attr(n, "burst", &r->burst, e) < 0 ||
        tdrv_rate_attr(n, "floor", &r->floor, e) < 0)
        return -1;
    r->set = true;
    return 0;
}

/*
 * virNetDevBandwidthParse of an interface's <bandwidth>: no classID, one
 * <inbound> and one <outbound> at most (other children ignored), a
 * nonzero floor only inbound and only where @floor_ok (a network
 * interface). No direction given: no bandwidth.
 */
int
tdrv_bandwidth_parse(const struct xml_node *n, struct tdrv_bw *bw,
                     bool floor_ok, struct err *e)
{
    const struct xml_node *in, *out;

    if (!n)
        return 0;
    if (xml_attr(n, "classID")) {
        err_set(e, ERR_XML_DETAIL, ERRDOM_NONE, "classID attribute not "
                "supported on <bandwidth> in this usage context");
        return -1;
    }
    in = xml_child(n, "inbound");
    out = xml_child(n, "outbound");
    if ((in && xml_next_named(in)) || (out && xml_next_named(out))) {
        err_set(e, ERR_XML_DETAIL, ERRDOM_NONE, "Only one child <%s> "
                "element allowed", in && xml_next_named(in) ? "inbound"
                                                            : "outbound");
        return -1;
    }
    if (in && tdrv_rate_parse(in, &bw->in, e) < 0)
        return -1;
    if (in && bw->in.floor && !floor_ok) {
        err_set(e, ERR_CONFIG_UNSUPPORTED, ERRDOM_NONE,
                "floor attribute is not supported for this config");
        return -1;
    }
    if (out && tdrv_rate_parse(out, &bw->out, e) < 0)
        return -1;
    if (out && bw->out.floor) {
        err_set(e, ERR_CONFIG_UNSUPPORTED, ERRDOM_NONE,
                "'floor' attribute allowed only in <inbound> element");
        return -1;
    }
    bw->set = in || out;
    return 0;
}

/* <link state='up|down'/> (the first one; "default" is not a value). */
static int
tdrv_link_parse(const struct xml_node *n, struct tdrv_nic *nic,
                struct err *e)
{
    static const char *const states[] = { "up", "down", NULL };
    const char *s = n ? xml_attr(n, "state") : NULL;
    int i;

    if (!s)
        return 0;
    if ((i = tdrv_xp_index(states, s)) < 0) {
        err_set(e, ERR_CONFIG_UNSUPPORTED, ERRDOM_DOMAIN,
                "unknown interface link state '%s'", s);
        return -1;
    }
    nic->link = states[i];
    return 0;
}

static int
tdrv_nic_parse(const struct xml_node *node, struct tdrv_nic *nic,
               struct err *e)
{
    const char *ifname = xml_attr(xml_child(node, "target"), "dev");
    int type = 0;

    if (tdrv_xp_enum(node, "type", tdrv_net_types, &type, e) < 0)
        return -1;
    if (type != 0 && type != 1 && type != 6 && type != 7) {
        err_set(e, ERR_CONFIG_UNSUPPORTED, ERRDOM_DOMAIN,
                "interface type '%s' is not supported by this driver",
                tdrv_net_types[type]);
        return -1;
    }
    /* names the host generates are not part of a definition */
    if (ifname && (strncmp(ifname, "vnet", 4) == 0 ||
                   strncmp(ifname, "macvtap", 7) == 0 ||
                   strncmp(ifname, "macvlan", 7) == 0))
        ifname = NULL;
    if (tdrv_xp_dup(&nic->type, tdrv_net_types[type], e) < 0 ||
        tdrv_nic_mac(node, nic, e) < 0 || tdrv_nic_source(node, nic, e) < 0 ||
        tdrv_xp_dup(&nic->ifname, ifname, e) < 0 ||
        tdrv_xp_dup(&nic->model,
                    xml_attr(xml_child(node, "model"), "type"), e) < 0 ||
        tdrv_bandwidth_parse(xml_child(node, "bandwidth"), &nic->bw,
                             type == 6, e) < 0 ||
        tdrv_link_parse(xml_child(node, "link"), nic, e) < 0)
        return -1;
    tdrv_parse_address(node, &nic->addr, NULL);
    return 0;
}

static int
tdrv_parse_nics(const struct xml_node *devs, struct tdrv_domdef *def,
                struct err *e)
{
    const struct xml_node *n;
    size_t count = 0;

    if (tdrv_xp_count(devs, "interface", TDRV_XP_ELEMS_MAX, &count, e) < 0)
        return -1;
    if (count && !(def->nics = calloc(count, sizeof(*def->nics))))
        return tdrv_oom(e);
    for (n = xml_child(devs, "interface"); n; n = xml_next_named(n))
        if (tdrv_nic_parse(n, &def->nics[def->nnics++], e) < 0)
            return -1;
    return 0;
}

/* <stats period='N'/>: an int as strtol reads it with base 0 (blanks and
 * a sign first, 0x hex, 0 octal, nothing after); below 0 counts as 0. */
static int
tdrv_balloon_period(const struct xml_node *stats, int *period,
                    struct err *e)
{
    const char *s = stats ? xml_attr(stats, "period") : NULL;
    char *end;
    long v;

    if (!s)
        return 0;
    errno = 0;
    v = strtol(s, &end, 0);
    if (end == s || *end || errno || v < INT_MIN || v > INT_MAX) {
        err_set(e, ERR_XML_ERROR, ERRDOM_XML,
                "Invalid value for attribute 'period' in element 'stats': "
                "'%s'. Expected integer value", s);
        return -1;
    }
    *period = v > 0 ? (int)v : 0;
    return 0;
}

static int
tdrv_parse_balloon(const struct xml_node *devs, struct tdrv_domdef *def,
                   struct err *e)
{
    const struct xml_node *n = xml_child(devs, "memballoon");
    int model;

    if (!n)
        return 0;
    if (xml_next_named(n)) {
        err_set(e, ERR_XML_ERROR, ERRDOM_DOMAIN,
                "only a single memory balloon device is supported");
        return -1;
    }
    if (!tdrv_xp_required(n, "model", e) ||
        tdrv_xp_enum(n, "model", tdrv_balloon_models, &model, e) < 0 ||
        tdrv_xp_dup(&def->balloon_model, tdrv_balloon_models[model], e) < 0 ||
        tdrv_balloon_period(xml_child(n, "stats"), &def->balloon_period,
                            e) < 0)
        return -1;
    tdrv_parse_address(n, &def->balloon_addr, NULL);
    return 0;
}

/* -- emulator, inputs, sound --------------------------------------------- */

/* An input device; the bus defaults as libvirt's for a PC guest: USB for
 * a tablet, PS/2 for a mouse or keyboard. */
static int
tdrv_input_parse(const struct xml_node *n, struct tdrv_input *in,
                 struct err *e)
{
    const char *type = xml_attr(n, "type"), *bus = xml_attr(n, "bus");

    if (!type) {
        err_set(e, ERR_INTERNAL_ERROR, ERRDOM_DOMAIN,
                "missing input device type");
        return -1;
    }
    if (tdrv_xp_index(tdrv_input_types, type) < 0) {
        err_set(e, ERR_CONFIG_UNSUPPORTED, ERRDOM_DOMAIN,
                "unknown input device type '%s'", type);
        return -1;
    }
    if (bus && tdrv_xp_index(tdrv_input_buses, bus) < 0) {
        err_set(e, ERR_CONFIG_UNSUPPORTED, ERRDOM_DOMAIN,
                "unknown input bus type '%s'", bus);
        return -1;
    }
    if (!bus)
        bus = strcmp(type, "tablet") == 0 ? "usb" : "ps2";
    return tdrv_xp_dup(&in->type, type, e) || tdrv_xp_dup(&in->bus, bus, e)
           ? -1 : 0;
}

static int
tdrv_parse_misc(const struct xml_node *devs, struct tdrv_domdef *def,
                struct err *e)
{
    const struct xml_node *n;
    size_t ni = 0, ns = 0;
    int model;

    if (tdrv_xp_count(devs, "input", TDRV_XP_ELEMS_MAX, &ni, e) < 0 ||
        tdrv_xp_count(devs, "sound", TDRV_XP_ELEMS_MAX, &ns, e) < 0)
        return -1;
    if ((ni && !(def->inputs = calloc(ni, sizeof(*def->inputs)))) ||
        (ns && !(def->sounds = calloc(ns, sizeof(*def->sounds)))))
        return tdrv_oom(e);
    for (n = xml_child(devs, "input"); n; n = xml_next_named(n))
        if (tdrv_input_parse(n, &def->inputs[def->ninputs++], e) < 0)
            return -1;
    for (n = xml_child(devs, "sound"); n; n = xml_next_named(n)) {
        if (!tdrv_xp_required(n, "model", e) ||
            tdrv_xp_enum(n, "model", tdrv_sound_models, &model, e) < 0 ||
            tdrv_xp_dup(&def->sounds[def->nsounds++],
                        tdrv_sound_models[model], e) < 0)
            return -1;
    }
    n = xml_child(devs, "emulator");
    return tdrv_xp_dup(&def->emulator, n && *xml_text(n) ? xml_text(n)
                                                         : NULL, e);
}

/* -- post-parse ------------------------------------------------------------ */

static int
tdrv_disks_check(struct tdrv_domdef *def, struct err *e)
{
    for (size_t i = 0; i < def->ndisks; i++) {
        if (tdrv_disk_bus(&def->disks[i], e) < 0)
            return -1;
        tdrv_disk_drive(&def->disks[i]);
    }
    for (size_t i = 0; i < def->ndisks; i++) {
        for (size_t j = i + 1; j < def->ndisks; j++) {
            const struct tdrv_disk *a = &def->disks[i], *b = &def->disks[j];

            if (strcmp(a->dst, b->dst) != 0)
                continue;
            err_set(e, ERR_XML_ERROR, ERRDOM_DOMAIN,
                    "target '%s' duplicated for disk sources '%s' and '%s'",
                    a->dst, a->source ? a->source : "<null>",
                    b->source ? b->source : "<null>");
            return -1;
        }
    }
    return tdrv_implicit_ctrls(def, e);
}

/* A virtio console or channel needs its virtio-serial controller. */
static int
tdrv_virtio_serial(struct tdrv_domdef *def, struct err *e)
{
    bool need = def->nchannels > 0;   /* all channels kept are virtio */

    for (size_t i = 0; i < def->nconsoles; i++)
        need = need || strcmp(def->consoles[i].target, "virtio") == 0;
    if (need && !tdrv_has_ctrl(def, "virtio-serial", 0))
        return tdrv_add_ctrl(def, "virtio-serial", 0, NULL, e);
    return 0;
}

int
tdrv_parse_devices(const struct xml_node *root, struct tdrv_domdef *def,
                   struct err *e)
{
    const struct xml_node *devs = xml_child(root, "devices");

    if (tdrv_parse_disks(devs, def, e) < 0 ||
        tdrv_parse_ctrls(devs, def, e) < 0 ||
        tdrv_parse_filesystems(devs, def, e) < 0 ||
        tdrv_parse_nics(devs, def, e) < 0 ||
        tdrv_parse_misc(devs, def, e) < 0 ||
        tdrv_parse_display(devs, def, e) < 0 ||
        tdrv_parse_sys_devices(devs, def, e) < 0 ||
        tdrv_parse_balloon(devs, def, e) < 0 ||
        tdrv_disks_check(def, e) < 0)
        return -1;
    return tdrv_virtio_serial(def, e);
}
