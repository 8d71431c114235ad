/*
 * domain_xml.c: <domain> XML as libvirt 9.0 formats the definitions the
 * test driver keeps (element order and layout of virDomainDefFormat).
 *
 * tdrv_domdef_format() is pure; tdrv_dom_get_xml_desc() runs on workers
 * and formats under the state lock.
 */
#include "drivers/test/test_priv.h"

#include <string.h>

#define TDRV_XML_SECURE     1u
#define TDRV_XML_INACTIVE   2u
#define TDRV_XML_MIGRATABLE 8u

static const char *const tdrv_actions[TDRV_ACT_MAX] = {
    "destroy", "restart", "rename-restart", "preserve",
    "coredump-destroy", "coredump-restart",
};

static const char *
tdrv_action_name(int act)
{
    return act >= 0 && act < TDRV_ACT_MAX ? tdrv_actions[act] : "destroy";
}

void
tdrv_fmt_pci(struct xmlw *w, const struct tdrv_pci *a)
{
    if (!a->set)
        return;
    xmlw_start(w, "address");
    xmlw_attr(w, "type", "pci");
    xmlw_attrf(w, "domain", "0x%04x", a->domain);
    xmlw_attrf(w, "bus", "0x%02x", a->bus);
    xmlw_attrf(w, "slot", "0x%02x", a->slot);
    xmlw_attrf(w, "function", "0x%x", a->function);
    xmlw_empty(w);
}

static void
tdrv_fmt_memtune(struct xmlw *w, const struct tdrv_domdef *def)
{
    /* a limit is set below libvirt's "unlimited" (memtune can set more) */
    if (def->hard_limit >= TDRV_MEM_UNLIMITED &&
        def->soft_limit >= TDRV_MEM_UNLIMITED &&
        def->swap_hard_limit >= TDRV_MEM_UNLIMITED)
        return;
    xmlw_start(w, "memtune");
    xmlw_open(w);
    if (def->hard_limit < TDRV_MEM_UNLIMITED)
        xmlw_unit(w, "hard_limit", "KiB", def->hard_limit);
    if (def->soft_limit < TDRV_MEM_UNLIMITED)
        xmlw_unit(w, "soft_limit", "KiB", def->soft_limit);
    if (def->swap_hard_limit < TDRV_MEM_UNLIMITED)
        xmlw_unit(w, "swap_hard_limit", "KiB", def->swap_hard_limit);
    xmlw_close(w, "memtune");
}

static void
tdrv_fmt_os(struct xmlw *w, const struct tdrv_domdef *def)
{
    xmlw_start(w, "os");
    xmlw_open(w);
    xmlw_start(w, "type");
    if (def->arch)
        xmlw_attr(w, "arch", def->arch);
    if (def->machine)
        xmlw_attr(w, "machine", def->machine);
    xmlw_text(w, "type", "%s", strcmp(def->virt_type, "xen") == 0 &&
              strcmp(def->os_type, "xen") == 0 ? "linux" : def->os_type);
    for (size_t i = 0; i < def->nboot; i++) {
        xmlw_start(w, "boot");
        xmlw_attr(w, "dev", def->boot[i]);
        xmlw_empty(w);
    }
    xmlw_close(w, "os");
}

static void
tdrv_fmt_drive(struct xmlw *w, const struct tdrv_drive *d)
{
    if (!d->set)
        return;
    xmlw_start(w, "address");
    xmlw_attr(w, "type", "drive");
    xmlw_attrf(w, "controller", "%u", d->controller);
    xmlw_attrf(w, "bus", "%u", d->bus);
    xmlw_attrf(w, "target", "%u", d->target);
    xmlw_attrf(w, "unit", "%u", d->unit);
    xmlw_empty(w);
}

/* An empty element with the attributes whose values are set. */
static void
tdrv_fmt_attrs(struct xmlw *w, const char *elem, const char *const *kv,
               size_t n)
{
    bool any = false;

    for (size_t i = 0; i < n; i += 2)
        any = any || kv[i + 1];
    if (!any)
        return;
    xmlw_start(w, elem);
    for (size_t i = 0; i < n; i += 2)
        if (kv[i + 1])
            xmlw_attr(w, kv[i], kv[i + 1]);
    xmlw_empty(w);
}

static void
tdrv_fmt_disk(struct xmlw *w, const struct tdrv_disk *disk)
{
    const char *const drv[] = {
        "name", disk->driver_name, "type", disk->driver_type,
        "cache", disk->driver_cache, "io", disk->driver_io,
        "discard", disk->driver_discard,
    };
    const char *src = strcmp(disk->type, "block") == 0 ? "dev"
                    : strcmp(disk->type, "dir") == 0 ? "dir" : "file";

    xmlw_start(w, "disk");
    xmlw_attr(w, "type", disk->type);
    xmlw_attr(w, "device", disk->device);
    xmlw_open(w);
    tdrv_fmt_attrs(w, "driver", drv, sizeof(drv) / sizeof(drv[0]));
    if (disk->source) {
        xmlw_start(w, "source");
        xmlw_attr(w, src, disk->source);
        xmlw_empty(w);
    }
    xmlw_start(w, "target");
    xmlw_attr(w, "dev", disk->dst);
    if (disk->bus)
        xmlw_attr(w, "bus", disk->bus);
    xmlw_empty(w);
    tdrv_fmt_iotune(w, &disk->iotune);
    if (disk->readonly)
        xmlw_line(w, "<readonly/>");
    if (disk->shareable)
        xmlw_line(w, "<shareable/>");
    tdrv_fmt_pci(w, &disk->addr);
    tdrv_fmt_drive(w, &disk->drive);
    xmlw_close(w, "disk");
}

static void
tdrv_fmt_ctrl(struct xmlw *w, const struct tdrv_ctrl *ctrl)
{
    xmlw_start(w, "controller");
    xmlw_attr(w, "type", ctrl->type);
    xmlw_attrf(w, "index", "%u", ctrl->index);
    if (ctrl->model)
        xmlw_attr(w, "model", ctrl->model);
    xmlw_empty(w);
}

/* One direction of <bandwidth>: shown when its average or floor is. */
static void
tdrv_fmt_rate(struct xmlw *w, const char *name, const struct tdrv_rate *r)
{
    if (!r->set || (!r->average && !r->floor))
        return;
    xmlw_start(w, name);
    if (r->average)
        xmlw_attrf(w, "average", "%llu", (unsigned long long)r->average);
    if (r->peak)
        xmlw_attrf(w, "peak", "%llu", (unsigned long long)r->peak);
    if (r->floor)
        xmlw_attrf(w, "floor", "%llu", (unsigned long long)r->floor);
    if (r->burst)
        xmlw_attrf(w, "burst", "%llu", (unsigned long long)r->burst);
    xmlw_empty(w);
}

void
tdrv_fmt_bandwidth(struct xmlw *w, const struct tdrv_bw *bw)
{
    if (!bw->set)
        return;
    xmlw_start(w, "bandwidth");
    xmlw_open(w);
    tdrv_fmt_rate(w, "inbound", &bw->in);
    tdrv_fmt_rate(w, "outbound", &bw->out);
    xmlw_close(w, "bandwidth");
}

static void
tdrv_fmt_nic(struct xmlw *w, const struct tdrv_nic *nic)
{
    xmlw_start(w, "interface");
    xmlw_attr(w, "type", nic->type);
    xmlw_open(w);
    xmlw_start(w, "mac");
    xmlw_attr(w, "address", nic->mac);
    xmlw_empty(w);
    if (nic->source) {
        xmlw_start(w, "source");
        xmlw_attr(w, strcmp(nic->type, "bridge") == 0 ? "bridge" : "network",
                  nic->source);
        if (nic->portgroup)
            xmlw_attr(w, "portgroup", nic->portgroup);
        xmlw_empty(w);
    }
    tdrv_fmt_bandwidth(w, &nic->bw);
    if (nic->ifname) {
        xmlw_start(w, "target");
        xmlw_attr(w, "dev", nic->ifname);
        xmlw_empty(w);
    }
    if (nic->model) {
        xmlw_start(w, "model");
        xmlw_attr(w, "type", nic->model);
        xmlw_empty(w);
    }
    if (nic->link) {
        xmlw_start(w, "link");
        xmlw_attr(w, "state", nic->link);
        xmlw_empty(w);
    }
    tdrv_fmt_pci(w, &nic->addr);
    xmlw_close(w, "interface");
}

static void
tdrv_fmt_devices(struct xmlw *w, const struct tdrv_domdef *def, bool secure)
{
    xmlw_start(w, "devices");
    xmlw_open(w);
    if (def->emulator)
        xmlw_elem(w, "emulator", def->emulator);
    for (size_t i = 0; i < def->ndisks; i++)
        tdrv_fmt_disk(w, &def->disks[i]);
    for (size_t i = 0; i < def->nctrls; i++)
        tdrv_fmt_ctrl(w, &def->ctrls[i]);
    tdrv_fmt_filesystems(w, def);
    for (size_t i = 0; i < def->nnics; i++)
        tdrv_fmt_nic(w, &def->nics[i]);
    tdrv_fmt_chrs(w, def);
    tdrv_fmt_channels(w, def);
    for (size_t i = 0; i < def->ninputs; i++) {
        xmlw_start(w, "input");
        xmlw_attr(w, "type", def->inputs[i].type);
        xmlw_attr(w, "bus", def->inputs[i].bus);
        xmlw_empty(w);
    }
    tdrv_fmt_tpms(w, def);
    tdrv_fmt_graphics(w, def, secure);
    for (size_t i = 0; i < def->nsounds; i++) {
        xmlw_start(w, "sound");
        xmlw_attr(w, "model", def->sounds[i]);
        xmlw_empty(w);
    }
    tdrv_fmt_videos(w, def);
    tdrv_fmt_watchdog(w, def);
    if (def->balloon_model) {
        xmlw_start(w, "memballoon");
        xmlw_attr(w, "model", def->balloon_model);
        if (def->balloon_period > 0 || def->balloon_addr.set) {
            xmlw_open(w);
            if (def->balloon_period > 0) {
                xmlw_start(w, "stats");
                xmlw_attrf(w, "period", "%d", def->balloon_period);
                xmlw_empty(w);
            }
            if (def->balloon_addr.set)
                tdrv_fmt_pci(w, &def->balloon_addr);
            xmlw_close(w, "memballoon");
        } else {
            xmlw_empty(w);
        }
    }
    tdrv_fmt_rngs(w, def);
    tdrv_fmt_panics(w, def);
    tdrv_fmt_shmems(w, def);
    tdrv_fmt_vsock(w, def);
    xmlw_close(w, "devices");
}

static void
tdrv_fmt_vcpu(struct xmlw *w, const struct tdrv_domdef *def)
{
    xmlw_start(w, "vcpu");
    xmlw_attr(w, "placement", def->placement_auto ? "auto" : "static");
    if (def->cpuset)
        xmlw_attr(w, "cpuset", def->cpuset);
    if (def->vcpus != def->vcpus_max)
        xmlw_attrf(w, "current", "%u", def->vcpus);
    xmlw_text(w, "vcpu", "%u", def->vcpus_max);
    tdrv_fmt_iothreads(w, def);
    if (def->npins || def->emulatorpin || tdrv_iothreads_pinned(def)) {
        xmlw_start(w, "cputune");
        xmlw_open(w);
        for (size_t i = 0; i < def->npins; i++) {
            xmlw_start(w, "vcpupin");
            xmlw_attrf(w, "vcpu", "%u", def->pins[i].vcpu);
            xmlw_attr(w, "cpuset", def->pins[i].cpuset);
            xmlw_empty(w);
        }
        if (def->emulatorpin) {
            xmlw_start(w, "emulatorpin");
            xmlw_attr(w, "cpuset", def->emulatorpin);
            xmlw_empty(w);
        }
        tdrv_fmt_iothreadpins(w, def);
        xmlw_close(w, "cputune");
    }
    tdrv_fmt_numatune(w, def);
}

static void
tdrv_fmt_features(struct xmlw *w, unsigned features)
{
    static const char *const lines[] = {
        "<acpi/>", "<apic/>", "<pae/>", "<hap state='on'/>", "<viridian/>",
        "<privnet/>",
    };

    if (!features)
        return;
    xmlw_start(w, "features");
    xmlw_open(w);
    for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++)
        if (features & (1u << i))
            xmlw_line(w, lines[i]);
    xmlw_close(w, "features");
}

/* <perf>: the events given, in libvirt's order. */
static void
tdrv_fmt_perf(struct xmlw *w, const struct tdrv_domdef *def)
{
    bool any = false;

    for (int i = 0; i < TDRV_PERF_EVENTS; i++) {
        if (!def->perf[i])
            continue;
        if (!any) {
            xmlw_start(w, "perf");
            xmlw_open(w);
            any = true;
        }
        xmlw_start(w, "event");
        xmlw_attr(w, "name", tdrv_perf_names[i]);
        xmlw_attr(w, "enabled", def->perf[i] == 1 ? "yes" : "no");
        xmlw_empty(w);
    }
    if (any)
        xmlw_close(w, "perf");
}

void
tdrv_domdef_format(struct xmlw *w, const struct tdrv_domdef *def, int id,
                   bool secure)
{
    char uuid[DRV_UUID_STRLEN + 1];

    xmlw_start(w, "domain");
    xmlw_attr(w, "type", def->virt_type);
    if (id >= 0)
        xmlw_attrf(w, "id", "%d", id);
    xmlw_open(w);
    xmlw_elem(w, "name", def->name);
    drv_uuid_format(def->uuid, uuid);
    xmlw_elem(w, "uuid", uuid);
    if (def->title)
        xmlw_elem(w, "title", def->title);
    if (def->description)
        xmlw_elem(w, "description", def->description);
    xmlw_unit(w, "memory", "KiB", def->memory);
    xmlw_unit(w, "currentMemory", "KiB", def->cur_memory);
    tdrv_fmt_blkiotune(w, def);
    tdrv_fmt_memtune(w, def);
    tdrv_fmt_vcpu(w, def);
    tdrv_fmt_os(w, def);
    tdrv_fmt_features(w, def->features);
    tdrv_cpu_format(w, &def->cpu);
    xmlw_start(w, "clock");
    xmlw_attr(w, "offset", def->clock_offset);
    xmlw_empty(w);
    xmlw_elem(w, "on_poweroff", tdrv_action_name(def->on_poweroff));
    xmlw_elem(w, "on_reboot", tdrv_action_name(def->on_reboot));
    xmlw_elem(w, "on_crash", tdrv_action_name(def->on_crash));
    tdrv_fmt_perf(w, def);
    tdrv_fmt_devices(w, def, secure);
    xmlw_close(w, "domain");
}

int
tdrv_dom_get_xml_desc(struct drv_conn *c, const struct drv_dom *d,
                      unsigned flags, struct arena *a, char **out,
                      struct err *e)
{
    struct tdrv_state *st = tdrv_st(c);
    const struct tdrv_domdef *def;
    struct tdrv_dom *dom;
    struct xmlw w;
    bool inactive = flags & TDRV_XML_INACTIVE;

    if (drv_flags_unsupported(e, ERRDOM_TEST, "testDomainGetXMLDesc", flags,
                              TDRV_XML_SECURE | TDRV_XML_INACTIVE |
                              TDRV_XML_MIGRATABLE)) {
        return -1;
    }
    xmlw_init(&w);
    pthread_mutex_lock(&st->lock);
    if ((dom = tdrv_dom_get(st, d, e))) {
        def = inactive && dom->newdef ? dom->newdef : dom->def;
        tdrv_domdef_format(&w, def, inactive ? -1 : dom->id,
                           flags & TDRV_XML_SECURE);
    }
    pthread_mutex_unlock(&st->lock);
    if (!dom) {
        xmlw_release(&w);
        return -1;
    }
    return tdrv_xml_result(&w, a, out, e);
}
