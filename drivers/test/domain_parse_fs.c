/*
 * domain_parse_fs.c: the <filesystem> devices of a domain definition, as
 * libvirt 9.0 parses them for the test driver, with its messages: the
 * type (mount, block, file, template, ram, bind) and its <source>, the
 * access mode, the <driver> (type, format, queue, write policy), a
 * virtiofs <binary> (path, xattr), the target, read-only and a PCI
 * address. What virtd does not keep yet is refused rather than dropped:
 * volume sources, socket sources, models, modes, multidevs, id maps,
 * space limits and the virtiofs binary's children.
 *
 * Pure; runs on the calling worker without the state lock.
 */
#include "drivers/test/domain_parse.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "drivers/test/xmlp.h"

const char *const tdrv_fs_types[] = {
    "mount", "block", "file", "template", "ram", "bind", "volume", NULL,
};
const char *const tdrv_fs_accessmodes[] = {
    "default", "passthrough", "mapped", "squash", NULL,
};
const char *const tdrv_fs_drivers[] = {
    "default", "path", "handle", "loop", "nbd", "ploop", "virtiofs", NULL,
};
const char *const tdrv_fs_wrpolicies[] = { "default", "immediate", NULL };
static const char *const tdrv_on_off[] = { "default", "on", "off", NULL };

enum { FS_MOUNT, FS_BLOCK, FS_FILE, FS_TEMPLATE, FS_RAM, FS_BIND,
       FS_VOLUME };
#define FS_VIRTIOFS 6

/* The attribute of <source> each type reads. */
static const char *const tdrv_fs_source_attr[] = {
    "dir", "dev", "file", "name", NULL, "dir", NULL,
};

static int
tdrv_fs_unkept(struct err *e, const char *what)
{
    err_set(e, ERR_ARGUMENT_UNSUPPORTED, ERRDOM_DOMAIN,
            "virtd keeps no filesystem %s yet", what);
    return -1;
}

/* <driver>: type, format, queue, wrpolicy. */
static int
tdrv_fs_driver(const struct xml_node *drv, struct tdrv_fs *fs, struct err *e)
{
    const char *fmt = xml_attr(drv, "format");
    const char *queue = xml_attr(drv, "queue");
    char *end;

    if (!drv)
        return 0;
    if (tdrv_xp_enum_nonzero(drv, "type", tdrv_fs_drivers, &fs->driver,
                             e) < 0)
        return -1;
    if (fmt && (fs->format = tdrv_xp_index(tdrv_vol_formats, fmt)) <= 0) {
        err_set(e, ERR_CONFIG_UNSUPPORTED, ERRDOM_DOMAIN,
                "unknown driver format value '%s'", fmt);
        return -1;
    }
    if (queue) {
        errno = 0;
        fs->queue = strtoull(queue, &end, 10);
        if (errno || end == queue || *end || queue[0] == '-') {
            err_set(e, ERR_XML_ERROR, ERRDOM_DOMAIN, "cannot parse queue "
                    "size '%s' for virtiofs", queue);
            return -1;
        }
    }
    if (xml_attr(drv, "iommu") || xml_attr(drv, "ats") ||
        xml_attr(drv, "packed"))
        return tdrv_fs_unkept(e, "virtio driver options");
    return tdrv_xp_enum_nonzero(drv, "wrpolicy", tdrv_fs_wrpolicies,
                                &fs->wrpolicy, e) < 0 ? -1 : 0;
}

/* A virtiofs <binary>: path and xattr (libvirt reads it for virtiofs
 * only). */
static int
tdrv_fs_binary(const struct xml_node *bin, struct tdrv_fs *fs, struct err *e)
{
    if (!bin || fs->driver != FS_VIRTIOFS)
        return 0;
    if (bin->children)
        return tdrv_fs_unkept(e, "virtiofsd options (cache, sandbox, "
                              "lock, thread pool)");
    if (tdrv_xp_enum_nonzero(bin, "xattr", tdrv_on_off, &fs->xattr, e) < 0)
        return -1;
    return xml_attr(bin, "path")
           ? tdrv_xp_dup(&fs->binary_path, xml_attr(bin, "path"), e) : 0;
}

/* A RAM filesystem's usage (scaled by units, default KiB) in KiB. */
static int
tdrv_fs_usage(const struct xml_node *src, struct tdrv_fs *fs, struct err *e)
{
    const char *usage = xml_attr(src, "usage");
    unsigned long long scale;
    char *end;

    if (!usage) {
        err_set(e, ERR_XML_ERROR, ERRDOM_DOMAIN,
                "missing 'usage' attribute for RAM filesystem");
        return -1;
    }
    errno = 0;
    fs->usage = strtoull(usage, &end, 10);
    if (errno || end == usage || *end || usage[0] == '-') {
        err_set(e, ERR_XML_ERROR, ERRDOM_DOMAIN,
                "cannot parse usage '%s' for RAM filesystem", usage);
        return -1;
    }
    if (tdrv_xp_scale(xml_attr(src, "units"), 1024, &scale) < 0) {
        err_set(e, ERR_INVALID_ARG, ERRDOM_NONE, "unknown suffix '%s'",
                xml_attr(src, "units"));
        return -1;
    }
    if (fs->usage && fs->usage > (unsigned long long)LLONG_MAX / scale) {
        err_set(e, ERR_NUMERICAL_OVERFLOW, ERRDOM_NONE,
                "value too large: %llu%s", fs->usage,
                xml_attr(src, "units") ? xml_attr(src, "units") : "(null)");
        return -1;
    }
    fs->usage = fs->usage * scale / 1024;      /* libvirt rounds down */
    return 0;
}

static int
tdrv_fs_refuse_unkept(const struct xml_node *n, struct err *e)
{
    static const char *const attrs[] = {
        "model", "multidevs", "fmode", "dmode", NULL,
    };
    static const char *const elems[] = {
        "idmap", "space_hard_limit", "space_soft_limit", NULL,
    };

    for (int i = 0; attrs[i]; i++)
        if (xml_attr(n, attrs[i]))
            return tdrv_fs_unkept(e, "model, multidevs or modes");
    for (int i = 0; elems[i]; i++)
        if (xml_child(n, elems[i]))
            return tdrv_fs_unkept(e, "id maps or space limits");
    if (xml_attr(xml_child(n, "source"), "socket"))
        return tdrv_fs_unkept(e, "socket sources");
    return 0;
}

static int
tdrv_fs_parse(const struct xml_node *n, struct tdrv_fs *fs, struct err *e)
{
    const struct xml_node *src = xml_child(n, "source");
    const char *attr, *s, *target = xml_path_text(n, "target/@dir");

    fs->accessmode = 1;
    if (tdrv_xp_enum(n, "type", tdrv_fs_types, &fs->type, e) < 0 ||
        tdrv_xp_enum_nonzero(n, "accessmode", tdrv_fs_accessmodes,
                             &fs->accessmode, e) < 0 ||
        tdrv_fs_refuse_unkept(n, e) < 0)
        return -1;
    if (fs->type == FS_VOLUME)
        return tdrv_fs_unkept(e, "volume sources");
    if (tdrv_fs_driver(xml_child(n, "driver"), fs, e) < 0 ||
        tdrv_fs_binary(xml_child(n, "binary"), fs, e) < 0)
        return -1;
    if (fs->type == FS_RAM && tdrv_fs_usage(src, fs, e) < 0)
        return -1;
    attr = tdrv_fs_source_attr[fs->type];
    s = attr ? xml_attr(src, attr) : NULL;
    if (tdrv_xp_dup(&fs->source, s, e) < 0 ||
        tdrv_xp_dup(&fs->target, target, e) < 0)
        return -1;
    if (!fs->source && fs->type != FS_RAM) {
        err_set(e, ERR_NO_SOURCE, ERRDOM_DOMAIN, "device %s",
                target ? target : "(null)");
        return -1;
    }
    if (!fs->target) {
        err_set(e, ERR_NO_TARGET, ERRDOM_DOMAIN, "device %s",
                fs->source ? fs->source : "(null)");
        return -1;
    }
    fs->readonly = xml_child(n, "readonly") != NULL;
    tdrv_parse_address(n, &fs->addr, NULL);
    return 0;
}

int
tdrv_parse_filesystems(const struct xml_node *devs, struct tdrv_domdef *def,
                       struct err *e)
{
    size_t n;

    if (tdrv_xp_count(devs, "filesystem", TDRV_XP_ELEMS_MAX, &n, e) < 0)
        return -1;
    if (n && !(def->fss = calloc(n, sizeof(*def->fss))))
        return tdrv_oom(e);
    for (const struct xml_node *f = xml_child(devs, "filesystem"); f;
         f = xml_next_named(f))
        if (tdrv_fs_parse(f, &def->fss[def->nfss++], e) < 0)
            return -1;
    return 0;
}
