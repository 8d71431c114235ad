/*
 * domain_parse.c: <domain> XML into a struct tdrv_domdef, the parts
 * libvirt 9.0's test driver keeps and reformats (see domain_xml.c), with
 * libvirt's checks and error texts, in the order libvirt makes them:
 * identity, memory, vCPUs, OS, features, clock, lifecycle actions, then
 * the devices (domain_parse_dev.c) and the post-parse checks.
 *
 * Elements libvirt ignores are ignored here too. Device kinds this driver
 * does not model (graphics, video, consoles, ...) are skipped.
 *
 * Pure; runs on the calling worker without the state lock.
 */
#include "drivers/test/domain_parse.h"

#include <stdlib.h>
#include <string.h>

#include "core/uuid.h"
#include "drivers/test/xmlp.h"

static const char *const tdrv_virt_types[] = {
    "none", "qemu", "kqemu", "kvm", "xen", "lxc", "uml", "openvz", "test",
    "vmware", "hyperv", "vbox", "phyp", "parallels", "bhyve", "vz", "ch",
    NULL,
};

static const char *const tdrv_os_types[] = {
    "hvm", "xen", "linux", "exe", "uml", "xenpvh", NULL,
};

/* virArch names */
static const char *const tdrv_arches[] = {
    "none", "alpha", "armv6l", "armv7l", "armv7b", "aarch64", "cris",
    "i686", "ia64", "lm32", "loongarch64", "m68k", "microblaze",
    "microblazeel", "mips", "mipsel", "mips64", "mips64el", "openrisc",
    "parisc", "parisc64", "ppc", "ppcle", "ppc64", "ppc64le", "ppcemb",
    "riscv32", "riscv64", "s390", "s390x", "sh4", "sh4eb", "sparc",
    "sparc64", "unicore32", "x86_64", "xtensa", "xtensaeb", NULL,
};

static const char *const tdrv_boot_devs[] = {
    "fd", "cdrom", "hd", "network", NULL,
};

static const char *const tdrv_placements[] = { "static", "auto", NULL };

/* Kept features, in the TDRV_FEAT_* bit order. */
static const char *const tdrv_features[] = {
    "acpi", "apic", "pae", "hap", "viridian", "privnet", NULL,
};

/* Features libvirt knows and this driver drops. */
static const char *const tdrv_features_dropped[] = {
    "hyperv", "kvm", "pvspinlock", "capabilities", "pmu", "vmport", "gic",
    "smm", "ioapic", "hpt", "vmcoreinfo", "msrs", "htm", "nested-hv",
    "ccf-assist", "xen", "cfpc", "sbbc", "ibs", "tcg", "async-teardown",
    NULL,
};

static const char *const tdrv_action_names[] = {
    "destroy", "restart", "rename-restart", "preserve", "coredump-destroy",
    "coredump-restart", NULL,
};

/* The text of child @name, NULL when absent or empty (as libvirt's
 * "string(./name[1])" XPath reads it). */
static const char *
tdrv_child_text(const struct xml_node *node, const char *name)
{
    const char *s = xml_text(xml_child(node, name));

    return s && *s ? s : NULL;
}

static int
tdrv_parse_uuid(const struct xml_node *root, struct tdrv_domdef *def,
                struct err *e)
{
    const char *s = tdrv_child_text(root, "uuid");

    if (!s) {
        if (uuid_generate(def->uuid) == 0)
            return 0;
        err_set(e, ERR_INTERNAL_ERROR, ERRDOM_DOMAIN,
                "Failed to generate UUID");
        return -1;
    }
    if (drv_uuid_parse(s, def->uuid) == 0)
        return 0;
    err_set(e, ERR_INTERNAL_ERROR, ERRDOM_DOMAIN, "malformed uuid element");
    return -1;
}

static int
tdrv_parse_ids(const struct xml_node *root, struct tdrv_domdef *def,
               struct err *e)
{
    const char *type = xml_attr(root, "type");
    const char *name = tdrv_child_text(root, "name");
    const char *title = tdrv_child_text(root, "title");

    /* libvirt's order: the name and uuid, then the type */
    if (!name) {
        err_set(e, ERR_NO_NAME, ERRDOM_DOMAIN, NULL);
        return -1;
    }
    if (tdrv_parse_uuid(root, def, e) < 0)
        return -1;
    if (!type) {
        err_set(e, ERR_INTERNAL_ERROR, ERRDOM_DOMAIN,
                "missing domain type attribute");
        return -1;
    }
    if (tdrv_xp_index(tdrv_virt_types, type) < 0) {
        err_set(e, ERR_CONFIG_UNSUPPORTED, ERRDOM_DOMAIN,
                "invalid domain type %s", type);
        return -1;
    }
    if (title && strchr(title, '\n')) {
        err_set(e, ERR_XML_ERROR, ERRDOM_DOMAIN,
                "Domain title can't contain newlines");
        return -1;
    }
    if (tdrv_xp_dup(&def->virt_type, type, e) < 0 ||
        tdrv_xp_dup(&def->name, name, e) < 0 ||
        tdrv_xp_dup(&def->title, title, e) < 0)
        return -1;
    return tdrv_xp_dup(&def->description,
                       tdrv_child_text(root, "description"), e);
}

/* One <memtune> limit; unlimited when absent. */
static int
tdrv_parse_limit(const struct xml_node *tune, const char *name,
                 const char *what, uint64_t *kib, struct err *e)
{
    int rc = tdrv_xp_memory(xml_child(tune, name), what, kib, e);

    if (rc == 1)
        *kib = TDRV_MEM_UNLIMITED;
    return rc < 0 ? -1 : 0;
}

static int
tdrv_parse_memory(const struct xml_node *root, struct tdrv_domdef *def,
                  struct err *e)
{
    const struct xml_node *tune = xml_child(root, "memtune");

    if (tdrv_xp_memory(xml_child(root, "memory"), "./memory[1]",
                       &def->memory, e) < 0 ||
        tdrv_xp_memory(xml_child(root, "currentMemory"),
                       "./currentMemory[1]", &def->cur_memory, e) < 0)
        return -1;
    return tdrv_parse_limit(tune, "hard_limit",
                            "./memtune/hard_limit[1]", &def->hard_limit,
                            e) ||
           tdrv_parse_limit(tune, "soft_limit",
                            "./memtune/soft_limit[1]", &def->soft_limit,
                            e) ||
           tdrv_parse_limit(tune, "swap_hard_limit",
                            "./memtune/swap_hard_limit[1]",
                            &def->swap_hard_limit, e) ? -1 : 0;
}

static int
tdrv_parse_vcpu(const struct xml_node *root, struct tdrv_domdef *def,
                struct err *e)
{
    const struct xml_node *node = xml_child(root, "vcpu");
    unsigned long long max;
    int placement = 0, rc;

    def->vcpus_max = def->vcpus = 1;
    if (!node)
        return 0;
    if (tdrv_xp_parse_ull(xml_text(node), &max) < 0 || max > 0xffffffffu) {
        err_set(e, ERR_XML_ERROR, ERRDOM_DOMAIN,
                "maximum vcpus count must be an integer");
        return -1;
    }
    def->vcpus_max = def->vcpus = (unsigned)max;
    if (tdrv_xp_enum(node, "placement", tdrv_placements, &placement,
                     e) < 0)
        return -1;
    def->placement_auto = placement == 1;
    /* an auto placement ignores the cpuset, unread */
    if (!def->placement_auto &&
        tdrv_bitmap_parse(xml_attr(node, "cpuset"), &def->cpuset, e) < 0)
        return -1;
    if (def->cpuset && !*def->cpuset) {
        err_set(e, ERR_CONFIG_UNSUPPORTED, ERRDOM_DOMAIN,
                "Invalid value of 'cpuset': %s", xml_attr(node, "cpuset"));
        return -1;
    }
    if ((rc = tdrv_xp_uint_attr(node, "current", &def->vcpus, e)) < 0)
        return -1;
    if (def->vcpus > def->vcpus_max) {
        err_set(e, ERR_CONFIG_UNSUPPORTED, ERRDOM_DOMAIN,
                "maximum vCPU count must not be less than current vCPU "
                "count");
        return -1;
    }
    return 0;
}

static int
tdrv_parse_boot(const struct xml_node *os, struct tdrv_domdef *def,
                struct err *e)
{
    int dev;

    for (const struct xml_node *b = xml_child(os, "boot"); b;
         b = xml_next_named(b)) {
        if (!tdrv_xp_required(b, "dev", e) ||
            tdrv_xp_enum(b, "dev", tdrv_boot_devs, &dev, e) < 0)
            return -1;
        if (def->nboot < TDRV_BOOT_MAX &&
            tdrv_xp_dup(&def->boot[def->nboot++], tdrv_boot_devs[dev],
                        e) < 0)
            return -1;
    }
    /* an HVM guest with no boot order boots from its disk */
    if (def->nboot == 0 && strcmp(def->os_type, "hvm") == 0)
        return tdrv_xp_dup(&def->boot[def->nboot++], "hd", e);
    return 0;
}

static int
tdrv_parse_os(const struct xml_node *root, struct tdrv_domdef *def,
              struct err *e)
{
    const struct xml_node *os = xml_child(root, "os");
    const struct xml_node *type = xml_child(os, "type");
    const char *arch = xml_attr(type, "arch");

    if (!type || !*xml_text(type)) {
        err_set(e, ERR_XML_ERROR, ERRDOM_DOMAIN,
                "an os <type> must be specified");
        return -1;
    }
    if (tdrv_xp_index(tdrv_os_types, xml_text(type)) < 0) {
        err_set(e, ERR_CONFIG_UNSUPPORTED, ERRDOM_DOMAIN,
                "unknown OS type '%s'", xml_text(type));
        return -1;
    }
    if (arch && tdrv_xp_index(tdrv_arches, arch) <= 0) {
        err_set(e, ERR_CONFIG_UNSUPPORTED, ERRDOM_DOMAIN,
                "Unknown architecture %s", arch);
        return -1;
    }
    /* Xen guests: libvirt reads the old "linux" as "xen" (and writes it
     * back as "linux"); the test driver's capabilities list i686 first */
    if (tdrv_xp_dup(&def->os_type, strcmp(def->virt_type, "xen") == 0 &&
                    strcmp(xml_text(type), "linux") == 0 ? "xen"
                                                         : xml_text(type),
                    e) < 0 ||
        tdrv_xp_dup(&def->arch, arch ? arch : "i686", e) < 0 ||
        tdrv_xp_dup(&def->machine, xml_attr(type, "machine"), e) < 0)
        return -1;
    return tdrv_parse_boot(os, def, e);
}

static int
tdrv_parse_features(const struct xml_node *root, struct tdrv_domdef *def,
                    struct err *e)
{
    const struct xml_node *f = xml_child(root, "features");
    int i;

    for (f = f ? f->children : NULL; f; f = f->next) {
        if ((i = tdrv_xp_index(tdrv_features, f->name)) >= 0)
            def->features |= 1u << i;
        else if (tdrv_xp_index(tdrv_features_dropped, f->name) < 0) {
            err_set(e, ERR_CONFIG_UNSUPPORTED, ERRDOM_DOMAIN,
                    "unexpected feature '%s'", f->name);
            return -1;
        }
    }
    return 0;
}

static int
tdrv_parse_clock(const struct xml_node *root, struct tdrv_domdef *def,
                 struct err *e)
{
    const char *offset = xml_attr(xml_child(root, "clock"), "offset");

    if (!offset)
        offset = "utc";
    if (strcmp(offset, "utc") != 0 && strcmp(offset, "localtime") != 0) {
        err_set(e, ERR_CONFIG_UNSUPPORTED, ERRDOM_DOMAIN,
                "unknown clock offset '%s'", offset);
        return -1;
    }
    return tdrv_xp_dup(&def->clock_offset, offset, e);
}

static int
tdrv_parse_action(const struct xml_node *root, const char *name, int dflt,
                  int *out, struct err *e)
{
    const char *s = tdrv_child_text(root, name);

    *out = dflt;
    if (!s)
        return 0;
    if ((*out = tdrv_xp_index(tdrv_action_names, s)) >= 0)
        return 0;
    err_set(e, ERR_CONFIG_UNSUPPORTED, ERRDOM_DOMAIN, "unknown %s action: %s",
            name, s);
    return -1;
}

static int
tdrv_parse_actions(const struct xml_node *root, struct tdrv_domdef *def,
                   struct err *e)
{
    return tdrv_parse_action(root, "on_reboot", TDRV_ACT_RESTART,
                             &def->on_reboot, e) ||
           tdrv_parse_action(root, "on_poweroff", TDRV_ACT_DESTROY,
                             &def->on_poweroff, e) ||
           tdrv_parse_action(root, "on_crash", TDRV_ACT_DESTROY,
                             &def->on_crash, e) ? -1 : 0;
}

/* Poweroff and reboot cannot dump core. */
int
tdrv_check_action(const char *event, int act, struct err *e)
{
    if (act != TDRV_ACT_COREDUMP_DESTROY && act != TDRV_ACT_COREDUMP_RESTART)
        return 0;
    err_set(e, ERR_CONFIG_UNSUPPORTED, ERRDOM_DOMAIN,
            "Lifecycle event '%s' doesn't support '%s' action", event,
            tdrv_action_names[act]);
    return -1;
}

/* libvirt's post-parse and validation steps for what is kept here. */
static int
tdrv_post_parse(struct tdrv_domdef *def, struct err *e)
{
    if (def->memory == 0) {
        err_set(e, ERR_XML_ERROR, ERRDOM_DOMAIN,
                "Memory size must be specified via <memory> or in the "
                "<numa> configuration");
        return -1;
    }
    if (def->cur_memory == 0 || def->cur_memory > def->memory)
        def->cur_memory = def->memory;
    if (def->vcpus_max == 0) {
        err_set(e, ERR_INTERNAL_ERROR, ERRDOM_DOMAIN,
                "CPU IDs in <numa> exceed the <vcpu> count");
        return -1;
    }
    if (tdrv_check_action("poweroff", def->on_poweroff, e) < 0 ||
        tdrv_check_action("reboot", def->on_reboot, e) < 0)
        return -1;
    if (strchr(def->name, '/')) {
        err_set(e, ERR_XML_ERROR, ERRDOM_DOMAIN,
                "name %s cannot contain '/'", def->name);
        return -1;
    }
    return tdrv_iothreads_validate(def, e);
}

char *
tdrv_parse_pin_set(const struct xml_node *node, const char *what,
                   struct err *e)
{
    const char *s = xml_attr(node, "cpuset");
    char *set;

    if (!s) {
        err_set(e, ERR_INTERNAL_ERROR, ERRDOM_DOMAIN,
                "missing cpuset for %s", what);
        return NULL;
    }
    if (tdrv_bitmap_parse(s, &set, e) < 0)
        return NULL;
    if (!*set) {
        free(set);
        err_set(e, ERR_CONFIG_UNSUPPORTED, ERRDOM_DOMAIN,
                "Invalid value of 'cpuset': %s", s);
        return NULL;
    }
    return set;
}

/* <cputune>'s <vcpupin> and <emulatorpin> (libvirt ignores a vcpupin of
 * a vCPU the domain does not have); its other children are not kept. */
static int
tdrv_parse_cputune(const struct xml_node *root, struct tdrv_domdef *def,
                   struct err *e)
{
    const struct xml_node *tune = xml_child(root, "cputune");
    const struct xml_node *n;
    char *set;

    if (!tune)
        return 0;
    for (n = xml_child(tune, "vcpupin"); n; n = xml_next_named(n)) {
        unsigned vcpu = 0;
        bool dup = false;

        if (!tdrv_xp_required(n, "vcpu", e) ||
            tdrv_xp_uint_attr(n, "vcpu", &vcpu, e) < 0)
            return -1;
        if (vcpu >= def->vcpus_max)
            continue;
        if (!xml_attr(n, "cpuset")) {
            err_set(e, ERR_INTERNAL_ERROR, ERRDOM_DOMAIN,
                    "missing cpuset for vcpupin");
            return -1;
        }
        for (size_t i = 0; i < def->npins; i++)
            dup = dup || def->pins[i].vcpu == vcpu;
        if (dup) {
            err_set(e, ERR_INTERNAL_ERROR, ERRDOM_DOMAIN,
                    "duplicate vcpupin for vcpu '%u'", vcpu);
            return -1;
        }
        if (!(set = tdrv_parse_pin_set(n, "vcpupin", e)))
            return -1;
        if (tdrv_def_pin(def, vcpu, set) < 0) {
            free(set);
            return tdrv_oom(e);
        }
    }
    n = xml_child(tune, "emulatorpin");
    if (n && xml_next_named(n)) {
        err_set(e, ERR_XML_ERROR, ERRDOM_DOMAIN,
                "only one emulatorpin is supported");
        return -1;
    }
    if (n && !(def->emulatorpin = tdrv_parse_pin_set(n, "emulatorpin", e)))
        return -1;
    return 0;
}

const char *const tdrv_perf_names[TDRV_PERF_EVENTS + 1] = {
    "cmt", "mbmt", "mbml", "cpu_cycles", "instructions", "cache_references",
    "cache_misses", "branch_instructions", "branch_misses", "bus_cycles",
    "stalled_cycles_frontend", "stalled_cycles_backend", "ref_cpu_cycles",
    "cpu_clock", "task_clock", "page_faults", "context_switches",
    "cpu_migrations", "page_faults_min", "page_faults_maj",
    "alignment_faults", "emulation_faults", NULL,
};

/* <perf><event name='...' enabled='yes|no'/>...: each event once. */
static int
tdrv_parse_perf(const struct xml_node *root, struct tdrv_domdef *def,
                struct err *e)
{
    static const char *const bools[] = { "yes", "no", NULL };
    const struct xml_node *perf = xml_child(root, "perf"), *n;
    int name, on;

    for (n = perf ? xml_child(perf, "event") : NULL; n;
         n = xml_next_named(n)) {
        if (!tdrv_xp_required(n, "name", e) ||
            tdrv_xp_enum(n, "name", tdrv_perf_names, &name, e) < 0 ||
            !tdrv_xp_required(n, "enabled", e) ||
            tdrv_xp_enum(n, "enabled", bools, &on, e) < 0)
            return -1;
        if (def->perf[name]) {
            err_set(e, ERR_XML_ERROR, ERRDOM_DOMAIN, "perf event '%s' was "
                    "already specified", tdrv_perf_names[name]);
            return -1;
        }
        def->perf[name] = (unsigned char)(on + 1);
    }
    return 0;
}

static int
tdrv_parse_root(const struct xml_node *root, struct tdrv_domdef *def,
                struct err *e)
{
    if (tdrv_parse_ids(root, def, e) < 0 ||
        tdrv_parse_os(root, def, e) < 0 ||
        tdrv_parse_memory(root, def, e) < 0 ||
        tdrv_parse_blkiotune(root, def, e) < 0 ||
        tdrv_parse_vcpu(root, def, e) < 0 ||
        tdrv_parse_iothreads(root, def, e) < 0 ||
        tdrv_parse_cputune(root, def, e) < 0 ||
        tdrv_parse_iothreadpins(root, def, e) < 0 ||
        tdrv_parse_numatune(root, def, e) < 0 ||
        tdrv_parse_features(root, def, e) < 0 ||
        tdrv_cpu_parse(root, &def->cpu, e) < 0 ||
        tdrv_parse_clock(root, def, e) < 0 ||
        tdrv_parse_actions(root, def, e) < 0 ||
        tdrv_parse_perf(root, def, e) < 0 ||
        tdrv_parse_devices(root, def, e) < 0 ||
        tdrv_post_parse(def, e) < 0)
        return -1;
    return tdrv_check_blkiotune(def, e);
}

int
tdrv_domdef_parse_node(const struct xml_node *root, struct tdrv_domdef **out,
                       struct err *e)
{
    struct tdrv_domdef *def = calloc(1, sizeof(*def));

    if (!def)
        return tdrv_oom(e);
    if (tdrv_parse_root(root, def, e) < 0) {
        tdrv_domdef_free(def);
        return -1;
    }
    *out = def;
    return 0;
}

int
tdrv_domdef_parse(const char *xml, struct tdrv_domdef **out, struct err *e)
{
    struct tdrv_domdef *def;
    struct xml_node *root;

    if (tdrv_xp_doc(xml, "domain", "(domain_definition)", ERRDOM_DOMAIN,
                    &root, e) < 0)
        return -1;
    if (!(def = calloc(1, sizeof(*def)))) {
        xml_free(root);
        return tdrv_oom(e);
    }
    if (tdrv_parse_root(root, def, e) < 0) {
        tdrv_domdef_free(def);
        def = NULL;
    }
    xml_free(root);
    *out = def;
    return def ? 0 : -1;
}
