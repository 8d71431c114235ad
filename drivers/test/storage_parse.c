/*
 * storage_parse.c: <pool> XML of the test driver, as libvirt 9.0 parses
 * (virStoragePoolDefParseXML) and formats (virStoragePoolDefFormat) it:
 * every pool type with its source elements (hosts, devices, directory,
 * name, format, initiator, protocol version, vendor, product), the
 * target path and permissions, the refresh policy and the cow feature,
 * with libvirt's checks and messages. Adapters (scsi pools) and
 * authentication are refused: virtd does not keep them yet.
 *
 * Pure functions; no shared state.
 */
#include "drivers/test/test_priv.h"
#include "drivers/test/xmlp.h"
#include "core/uuid.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What a pool type's <source> must or may have. */
enum {
    S_HOST = 1, S_DEVICE = 2, S_DIR = 4, S_ADAPTER = 8, S_NAME = 16,
    S_IQN = 32, S_NETWORK = 64,
};

static const char *const tdrv_fs_formats[] = {
    "auto", "ext2", "ext3", "ext4", "ufs", "iso9660", "udf", "gfs", "gfs2",
    "vfat", "hfs+", "xfs", "ocfs2", "vmfs", NULL,
};
static const char *const tdrv_netfs_formats[] = {
    "auto", "nfs", "glusterfs", "cifs", NULL,
};
static const char *const tdrv_disk_formats[] = {
    "unknown", "dos", "dvh", "gpt", "mac", "bsd", "pc98", "sun", "lvm2",
    NULL,
};
static const char *const tdrv_logical_formats[] = { "unknown", "lvm2", NULL };

const char *const tdrv_pool_types[TDRV_POOL_TYPES + 1] = {
    "dir", "fs", "netfs", "logical", "disk", "iscsi", "scsi", "mpath",
    "rbd", "sheepdog", "gluster", "zfs", "vstorage", "iscsi-direct", NULL,
};

/* Per type, in tdrv_pool_types' order: its source flags, format names
 * (NULL: none) and default format. */
static const struct {
    unsigned flags;
    const char *const *formats;
    int dflt;
} tdrv_pool_opts[TDRV_POOL_TYPES] = {
    { 0, NULL, 0 },                                     /* dir */
    { S_DEVICE, tdrv_fs_formats, 0 },                   /* fs */
    { S_HOST | S_DIR, tdrv_netfs_formats, 0 },          /* netfs */
    { S_NAME | S_DEVICE, tdrv_logical_formats, 1 },     /* logical */
    { S_DEVICE, tdrv_disk_formats, 0 },                 /* disk */
    { S_HOST | S_DEVICE | S_IQN, NULL, 0 },             /* iscsi */
    { S_ADAPTER, NULL, 0 },                             /* scsi */
    { 0, NULL, 0 },                                     /* mpath */
    { S_HOST | S_NETWORK | S_NAME, NULL, 0 },           /* rbd */
    { S_HOST | S_NETWORK | S_NAME, NULL, 0 },           /* sheepdog */
    { S_HOST | S_NETWORK | S_NAME | S_DIR, NULL, 0 },   /* gluster */
    { S_NAME | S_DEVICE, NULL, 0 },                     /* zfs */
    { S_NAME, NULL, 0 },                                /* vstorage */
    { S_HOST | S_DEVICE | S_NETWORK | S_IQN, NULL, 0 }, /* iscsi-direct */
};

enum { T_DIR = 0, T_FS = 1, T_NETFS = 2, T_LOGICAL = 3, T_RBD = 8,
       T_GLUSTER = 10, T_ZFS = 11, T_ISCSI_DIRECT = 13 };

static int
tdrv_pool_err(struct err *e, int code, const char *fmt, const char *arg)
{
    err_set(e, code, ERRDOM_STORAGE, fmt, arg);
    return -1;
}

/* virFileSanitizePath: no doubled or trailing '/' (a leading "//" kept);
 * URIs left alone. malloc'ed, NULL on ENOMEM. */
static char *
tdrv_pool_sanitize(const char *path)
{
    const char *cur = path, *uri = strstr(path, "://");
    char *out = strdup(path);
    size_t k = 0;

    if (!out || (uri && strchr(path, '/') > uri))
        return out;
    if (cur[0] == '/' && cur[1] == '/' && cur[2] != '/') {
        k = 2;
        cur += 2;
    }
    while (*cur) {
        if (*cur != '/') {
            out[k++] = *cur++;
            continue;
        }
        while (*++cur == '/')
            ;
        if (k != 0 && !*cur)
            break;
        out[k++] = '/';
    }
    out[k] = '\0';
    return out;
}

/* The string value of @path under @node ("a/@b" or "a"), NULL when absent
 * or empty (XPath string() as libvirt's virXPathString reads it). */
static const char *
tdrv_pool_str(const struct xml_node *node, const char *path)
{
    const char *v = xml_path_text(node, path);

    return v && *v ? v : NULL;
}

static int
tdrv_pool_dup(char **out, const char *v, struct err *e)
{
    return v ? tdrv_xp_dup(out, v, e) : 0;
}

static int
tdrv_pool_hosts(const struct xml_node *src, struct tdrv_pool_src *s,
                struct err *e)
{
    size_t n;

    if (tdrv_xp_count(src, "host", TDRV_XP_ELEMS_MAX, &n, e) < 0)
        return -1;
    if (n && !(s->hosts = calloc(n, sizeof(*s->hosts))))
        return tdrv_oom(e);
    for (const struct xml_node *h = xml_child(src, "host"); h;
         h = xml_next_named(h)) {
        struct tdrv_pool_host *ph = &s->hosts[s->nhosts++];
        const char *port = xml_attr(h, "port");
        char *end;
        long v;

        if (!xml_attr(h, "name"))
            return tdrv_pool_err(e, ERR_XML_ERROR, "%s",
                                 "missing storage pool host name");
        if (tdrv_xp_dup(&ph->name, xml_attr(h, "name"), e) < 0)
            return -1;
        if (!port)
            continue;
        errno = 0;
        v = strtol(port, &end, 10);
        if (errno || end == port || *end || v < INT32_MIN || v > INT32_MAX) {
            err_set(e, ERR_XML_ERROR, ERRDOM_XML, "Invalid value for "
                    "attribute 'port' in element 'host': '%s'. Expected "
                    "integer value", port);
            return -1;
        }
        ph->port = (int)v;
    }
    return 0;
}

static int
tdrv_pool_devices(const struct xml_node *src, struct tdrv_pool_src *s,
                  struct err *e)
{
    static const char *const tristate[] = { "absent", "yes", "no", NULL };
    size_t n;

    if (tdrv_xp_count(src, "device", TDRV_XP_ELEMS_MAX, &n, e) < 0)
        return -1;
    if (n && !(s->devs = calloc(n, sizeof(*s->devs))))
        return tdrv_oom(e);
    for (const struct xml_node *d = xml_child(src, "device"); d;
         d = xml_next_named(d)) {
        struct tdrv_pool_dev *pd = &s->devs[s->ndevs];

        if (!xml_attr(d, "path"))
            return tdrv_pool_err(e, ERR_XML_ERROR, "%s",
                                 "missing storage pool source device path");
        if (tdrv_xp_enum_nonzero(d, "part_separator", tristate,
                                 &pd->part_separator, e) < 0 ||
            tdrv_xp_dup(&pd->path, xml_attr(d, "path"), e) < 0)
            return -1;
        s->ndevs++;
    }
    return 0;
}

/* <protocol ver>, kept as written, only for the nfs or auto format
 * (compared as the netfs format numbers, whatever the type, as libvirt
 * 9.0 does). */
static int
tdrv_pool_protocol(const struct xml_node *src, struct tdrv_pool_src *s,
                   struct err *e)
{
    const char *ver = tdrv_pool_str(src, "protocol/@ver");

    if (!ver)
        return 0;
    if (s->format != 0 && s->format != 1)
        return tdrv_pool_err(e, ERR_CONFIG_UNSUPPORTED, "storage pool "
                             "protocol ver unsupported for pool type '%s'",
                             s->format < 4 ? tdrv_netfs_formats[s->format]
                                           : "(null)");
    return tdrv_xp_dup(&s->protocol_ver, ver, e);
}

static int
tdrv_pool_source(const struct xml_node *src, int type,
                 struct tdrv_pool_src *s, struct err *e)
{
    const char *const *formats = tdrv_pool_opts[type].formats;
    const char *fmt = tdrv_pool_str(src, "format/@type");
    const char *dir = tdrv_pool_str(src, "dir/@path");

    if (tdrv_pool_dup(&s->name, tdrv_pool_str(src, "name"), e) < 0)
        return -1;
    if (type == T_RBD && !s->name)
        return tdrv_pool_err(e, ERR_XML_ERROR, "%s",
                             "element 'name' is mandatory for RBD pool");
    if (formats) {
        s->format = fmt ? tdrv_xp_index(formats, fmt)
                        : tdrv_pool_opts[type].dflt;
        if (s->format < 0)
            return tdrv_pool_err(e, ERR_CONFIG_UNSUPPORTED,
                                 "unknown pool format type %s", fmt);
    }
    if (tdrv_pool_hosts(src, s, e) < 0 ||
        tdrv_pool_dup(&s->iqn, tdrv_pool_str(src, "initiator/iqn/@name"),
                      e) < 0 ||
        tdrv_pool_devices(src, s, e) < 0)
        return -1;
    if (dir && !(s->dir = tdrv_pool_sanitize(dir)))
        return tdrv_oom(e);
    if (!s->dir && type == T_GLUSTER && tdrv_xp_dup(&s->dir, "/", e) < 0)
        return -1;
    if (xml_child(src, "adapter") || xml_child(src, "auth"))
        return tdrv_pool_err(e, ERR_ARGUMENT_UNSUPPORTED, "%s",
                             "virtd keeps no storage pool adapters or "
                             "authentication yet");
    if (tdrv_pool_protocol(src, s, e) < 0 ||
        tdrv_pool_dup(&s->vendor, tdrv_pool_str(src, "vendor/@name"),
                      e) < 0)
        return -1;
    return tdrv_pool_dup(&s->product, tdrv_pool_str(src, "product/@name"), e);
}

/* <owner> or <group>: a uid/gid, or -1. */
static int
tdrv_pool_id(const struct xml_node *perm, const char *name, long long *out,
             struct err *e)
{
    const struct xml_node *n = xml_child(perm, name);
    long long v;
    char *end;

    *out = -1;
    if (!n)
        return 0;
    /* virStrToLong_ll: leading blanks and a sign, nothing after */
    errno = 0;
    v = strtoll(xml_text(n), &end, 10);
    if (errno || end == xml_text(n) || *end ||
        (v != -1 && (v < 0 || v > (long long)UINT32_MAX))) {
        err_set(e, ERR_XML_ERROR, ERRDOM_STORAGE, "malformed %s element",
                name);
        return -1;
    }
    *out = v;
    return 0;
}

static int
tdrv_pool_perms(const struct xml_node *root, struct tdrv_pool *pool,
                struct err *e)
{
    const struct xml_node *perm = xml_path(root, "target/permissions");
    const char *mode = perm ? tdrv_pool_str(perm, "mode") : NULL;
    char *end;
    long v;

    pool->perm_mode = pool->perm_uid = pool->perm_gid = -1;
    if (!perm)
        return 0;
    if (mode) {
        errno = 0;
        v = strtol(mode, &end, 8);
        if (errno || end == mode || *end || v < INT32_MIN ||
            v > INT32_MAX || (v & ~0777L))
            return tdrv_pool_err(e, ERR_XML_ERROR, "%s",
                                 "malformed octal mode");
        pool->perm_mode = v;
    }
    if (tdrv_pool_id(perm, "owner", &pool->perm_uid, e) < 0 ||
        tdrv_pool_id(perm, "group", &pool->perm_gid, e) < 0)
        return -1;
    return tdrv_pool_dup(&pool->perm_label, tdrv_pool_str(perm, "label"), e);
}

/* <target>: a path (made up for logical and zfs pools), permissions;
 * nothing for the network types. */
static int
tdrv_pool_target(const struct xml_node *root, struct tdrv_pool *pool,
                 struct err *e)
{
    const char *path = tdrv_pool_str(root, "target/path");
    char *made = NULL;

    if (tdrv_pool_opts[pool->type].flags & S_NETWORK)
        return 0;
    if (pool->type == T_LOGICAL || pool->type == T_ZFS) {
        if (asprintf(&made, pool->type == T_ZFS ? "/dev/zvol/%s" : "/dev/%s",
                     pool->src.name) < 0)
            return tdrv_oom(e);
        path = made;
    } else if (!path) {
        return tdrv_pool_err(e, ERR_XML_ERROR, "%s",
                             "missing storage pool target path");
    }
    pool->target_path = tdrv_pool_sanitize(path);
    free(made);
    if (!pool->target_path)
        return tdrv_oom(e);
    return tdrv_pool_perms(root, pool, e);
}

/* The checks after <source>: required parts of the type, defaults. */
static int
tdrv_pool_required(struct tdrv_pool *pool, struct err *e)
{
    unsigned flags = tdrv_pool_opts[pool->type].flags;

    if ((flags & S_HOST) && !pool->src.nhosts)
        return tdrv_pool_err(e, ERR_XML_ERROR, "%s",
                             "missing storage pool source host name");
    if ((flags & S_DIR) && !pool->src.dir)
        return tdrv_pool_err(e, ERR_XML_ERROR, "%s",
                             "missing storage pool source path");
    if ((flags & S_NAME) && !pool->src.name &&
        tdrv_xp_dup(&pool->src.name, pool->o.name, e) < 0)
        return -1;
    if (flags & S_ADAPTER)
        return tdrv_pool_err(e, ERR_XML_ERROR, "%s",
                             "missing storage pool source adapter");
    if (flags == S_DEVICE && !pool->src.ndevs)
        return tdrv_pool_err(e, ERR_XML_ERROR, "%s",
                             "missing storage pool source device name");
    return 0;
}

/* <features><cow state>: fs and dir pools only. */
static int
tdrv_pool_cow(const struct xml_node *root, struct tdrv_pool *pool,
              struct err *e)
{
    static const char *const tristate[] = { "absent", "yes", "no", NULL };
    const struct xml_node *cow = xml_path(root, "features/cow");
    int rc = cow ? tdrv_xp_enum_nonzero(cow, "state", tristate, &pool->cow,
                                        e)
                 : 1;

    if (rc < 0)
        return -1;
    if (rc == 0 && pool->type != T_FS && pool->type != T_DIR)
        return tdrv_pool_err(e, ERR_NO_SUPPORT, "%s", "cow feature may only "
                             "be used for 'fs' and 'dir' pools");
    return 0;
}

/* <refresh><volume allocation>. */
static int
tdrv_pool_refresh(const struct xml_node *root, struct tdrv_pool *pool,
                  struct err *e)
{
    static const char *const allocs[] = { "default", "capacity", NULL };
    const char *alloc = tdrv_pool_str(root, "refresh/volume/@allocation");

    pool->refresh = -1;
    if (alloc && (pool->refresh = tdrv_xp_index(allocs, alloc)) < 0)
        return tdrv_pool_err(e, ERR_CONFIG_UNSUPPORTED, "unknown storage "
                             "pool volume refresh allocation type %s",
                             alloc);
    return 0;
}

/* Name and uuid (a new random one when absent). */
static int
tdrv_pool_ids(const struct xml_node *root, struct tdrv_pool *pool,
              struct err *e)
{
    const char *name = tdrv_pool_str(root, "name");
    const char *uuid = tdrv_pool_str(root, "uuid");

    if (!name && (tdrv_pool_opts[pool->type].flags & S_NAME))
        name = pool->src.name;
    if (!name)
        return tdrv_pool_err(e, ERR_XML_ERROR, "%s",
                             "missing pool source name element");
    if (strchr(name, '/'))
        return tdrv_pool_err(e, ERR_XML_ERROR, "name %s cannot contain '/'",
                             name);
    if (tdrv_xp_dup(&pool->o.name, name, e) < 0)
        return -1;
    if (!uuid)
        return uuid_generate(pool->o.uuid) < 0
               ? tdrv_pool_err(e, ERR_INTERNAL_ERROR, "%s",
                               "unable to generate uuid")
               : 0;
    if (drv_uuid_parse(uuid, pool->o.uuid) < 0)
        return tdrv_pool_err(e, ERR_XML_ERROR, "%s",
                             "malformed uuid element");
    return 0;
}

static int
tdrv_pool_root(const struct xml_node *root, struct tdrv_pool *pool,
               struct err *e)
{
    const struct xml_node *src = xml_child(root, "source");
    int type;

    if (!tdrv_xp_required(root, "type", e) ||
        tdrv_xp_enum(root, "type", tdrv_pool_types, &type, e) < 0)
        return -1;
    pool->type = type;
    if (src) {
        if (tdrv_pool_source(src, type, &pool->src, e) < 0)
            return -1;
    } else if (tdrv_pool_opts[type].formats) {
        pool->src.format = tdrv_pool_opts[type].dflt;
    }
    if (tdrv_pool_ids(root, pool, e) < 0 ||
        tdrv_pool_cow(root, pool, e) < 0 ||
        tdrv_pool_required(pool, e) < 0 ||
        tdrv_pool_target(root, pool, e) < 0)
        return -1;
    if (type == T_ISCSI_DIRECT && !pool->src.iqn)
        return tdrv_pool_err(e, ERR_CONFIG_UNSUPPORTED, "%s",
                             "missing initiator IQN");
    return tdrv_pool_refresh(root, pool, e);
}

struct tdrv_pool *
tdrv_pool_parse(const char *xml, struct err *e)
{
    struct xml_node *root;
    struct tdrv_pool *pool;

    if (tdrv_xp_doc(xml, "pool", "(storage_pool_definition)", ERRDOM_STORAGE,
                    &root, e) < 0)
        return NULL;
    if (!(pool = calloc(1, sizeof(*pool)))) {
        tdrv_oom(e);
        xml_free(root);
        return NULL;
    }
    pool->perm_mode = pool->perm_uid = pool->perm_gid = -1;
    pool->refresh = -1;
    if (tdrv_pool_root(root, pool, e) < 0) {
        tdrv_pool_free(pool);
        pool = NULL;
    }
    xml_free(root);
    return pool;
}

/* -- formatting ------------------------------------------------------------ */

/* <@elem name='@v'/> when @v is set. */
static void
tdrv_pool_named(struct xmlw *w, const char *elem, const char *v)
{
    if (!v)
        return;
    xmlw_start(w, elem);
    xmlw_attr(w, "name", v);
    xmlw_empty(w);
}

static void
tdrv_pool_format_source(struct xmlw *w, const struct tdrv_pool *pool)
{
    const struct tdrv_pool_src *s = &pool->src;
    unsigned flags = tdrv_pool_opts[pool->type].flags;
    static const char *const tristate[] = { "absent", "yes", "no" };

    xmlw_start(w, "source");
    xmlw_open(w);
    for (size_t i = 0; (flags & S_HOST) && i < s->nhosts; i++) {
        xmlw_start(w, "host");
        xmlw_attr(w, "name", s->hosts[i].name);
        if (s->hosts[i].port)
            xmlw_attrf(w, "port", "%d", s->hosts[i].port);
        xmlw_empty(w);
    }
    for (size_t i = 0; (flags & S_DEVICE) && i < s->ndevs; i++) {
        xmlw_start(w, "device");
        xmlw_attr(w, "path", s->devs[i].path);
        if (s->devs[i].part_separator)
            xmlw_attr(w, "part_separator",
                      tristate[s->devs[i].part_separator]);
        xmlw_empty(w);
    }
    if ((flags & S_DIR) && s->dir) {
        xmlw_start(w, "dir");
        xmlw_attr(w, "path", s->dir);
        xmlw_empty(w);
    }
    if ((flags & S_NAME) && s->name)
        xmlw_elem(w, "name", s->name);
    if ((flags & S_IQN) && s->iqn) {
        xmlw_line(w, "<initiator>");
        w->depth++;
        xmlw_start(w, "iqn");
        xmlw_attr(w, "name", s->iqn);
        xmlw_empty(w);
        w->depth--;
        xmlw_line(w, "</initiator>");
    }
    if (tdrv_pool_opts[pool->type].formats) {
        xmlw_start(w, "format");
        xmlw_attr(w, "type", tdrv_pool_opts[pool->type].formats[s->format]);
        xmlw_empty(w);
    }
    if (s->protocol_ver) {
        xmlw_start(w, "protocol");
        xmlw_attr(w, "ver", s->protocol_ver);
        xmlw_empty(w);
    }
    tdrv_pool_named(w, "vendor", s->vendor);
    tdrv_pool_named(w, "product", s->product);
    xmlw_close(w, "source");
}

static void
tdrv_pool_format_target(struct xmlw *w, const struct tdrv_pool *pool)
{
    xmlw_start(w, "target");
    xmlw_open(w);
    if (pool->target_path)
        xmlw_elem(w, "path", pool->target_path);
    if (pool->perm_mode >= 0 || pool->perm_uid >= 0 || pool->perm_gid >= 0 ||
        pool->perm_label) {
        xmlw_start(w, "permissions");
        xmlw_open(w);
        if (pool->perm_mode >= 0) {
            xmlw_start(w, "mode");
            xmlw_text(w, "mode", "0%llo", (unsigned long long)pool->perm_mode);
        }
        if (pool->perm_uid >= 0) {
            xmlw_start(w, "owner");
            xmlw_text(w, "owner", "%d", (int)pool->perm_uid);
        }
        if (pool->perm_gid >= 0) {
            xmlw_start(w, "group");
            xmlw_text(w, "group", "%d", (int)pool->perm_gid);
        }
        if (pool->perm_label)
            xmlw_elem(w, "label", pool->perm_label);
        xmlw_close(w, "permissions");
    }
    xmlw_close(w, "target");
}

void
tdrv_pool_format_xml(struct xmlw *w, const struct tdrv_pool *pool)
{
    static const char *const tristate[] = { "absent", "yes", "no" };
    static const char *const allocs[] = { "default", "capacity" };
    char uuid[DRV_UUID_STRLEN + 1];

    xmlw_start(w, "pool");
    xmlw_attr(w, "type", tdrv_pool_types[pool->type]);
    xmlw_open(w);
    xmlw_elem(w, "name", pool->o.name);
    drv_uuid_format(pool->o.uuid, uuid);
    xmlw_elem(w, "uuid", uuid);
    xmlw_unit(w, "capacity", "bytes", pool->capacity);
    xmlw_unit(w, "allocation", "bytes", pool->allocation);
    xmlw_unit(w, "available", "bytes", pool->available);
    if (pool->cow) {
        xmlw_line(w, "<features>");
        w->depth++;
        xmlw_start(w, "cow");
        xmlw_attr(w, "state", tristate[pool->cow]);
        xmlw_empty(w);
        w->depth--;
        xmlw_line(w, "</features>");
    }
    tdrv_pool_format_source(w, pool);
    if (!(tdrv_pool_opts[pool->type].flags & S_NETWORK))
        tdrv_pool_format_target(w, pool);
    if (pool->refresh >= 0) {
        xmlw_line(w, "<refresh>");
        w->depth++;
        xmlw_start(w, "volume");
        xmlw_attr(w, "allocation", allocs[pool->refresh]);
        xmlw_empty(w);
        w->depth--;
        xmlw_line(w, "</refresh>");
    }
    xmlw_close(w, "pool");
}

/* -- source discovery ------------------------------------------------------- */

#define TDRV_LOGICAL_SOURCES \
    "<sources>\n" \
    "  <source>\n" \
    "    <device path='/dev/sda20'/>\n" \
    "    <name>testvg1</name>\n" \
    "    <format type='lvm2'/>\n" \
    "  </source>\n" \
    "  <source>\n" \
    "    <device path='/dev/sda21'/>\n" \
    "    <name>testvg2</name>\n" \
    "    <format type='lvm2'/>\n" \
    "  </source>\n" \
    "</sources>\n"

/* A <source> document (the spec of virConnectFindStoragePoolSources) for
 * pool type @type, parsed as a pool's <source>; NULL with the error set,
 * else a pool holding only that source (tdrv_pool_free it). */
static struct tdrv_pool *
tdrv_pool_source_spec(const char *xml, int type, struct err *e)
{
    struct xml_node *root;
    struct tdrv_pool *pool;

    if (tdrv_xp_doc(xml, "source", "(storage_source_specification)",
                    ERRDOM_STORAGE, &root, e) < 0)
        return NULL;
    if (type < 0) {
        /* libvirt finds no pool options for an unknown type */
        err_set(e, ERR_INTERNAL_ERROR, ERRDOM_STORAGE,
                "missing backend for pool type -1");
        pool = NULL;
    } else if (!(pool = calloc(1, sizeof(*pool)))) {
        tdrv_oom(e);
    } else if (tdrv_pool_source(root, type, &pool->src, e) < 0) {
        tdrv_pool_free(pool);
        pool = NULL;
    }
    xml_free(root);
    return pool;
}

/*
 * testConnectFindStoragePoolSources: made-up volume groups for logical
 * pools, one NFS export of the spec's first host for netfs; "dir" is
 * refused as an unknown type (its index is 0, which libvirt's check
 * takes for "none"), every other type does no discovery. The spec is
 * parsed (and its errors reported) before the type is looked at. A
 * spec with <adapter> or <auth> is refused, as in pool XML (libvirtd
 * parses and ignores them here).
 */
int
tdrv_find_pool_sources(struct drv_conn *c, const char *type,
                       const char *spec, unsigned flags, struct arena *a,
                       char **out, struct err *e)
{
    struct tdrv_pool *src = NULL;
    int t = tdrv_xp_index(tdrv_pool_types, type);
    int rc = -1;

    (void)c;
    if (drv_flags_unsupported(e, ERRDOM_TEST,
                              "testConnectFindStoragePoolSources", flags, 0))
        return -1;
    if (t == T_DIR) {
        err_set(e, ERR_INTERNAL_ERROR, ERRDOM_TEST,
                "unknown storage pool type %s", type);
        return -1;
    }
    if (spec && !(src = tdrv_pool_source_spec(spec, t, e)))
        return -1;
    if (t == T_LOGICAL) {
        *out = arena_strdup(a, TDRV_LOGICAL_SOURCES);
    } else if (t == T_NETFS) {
        if (!src || !src->src.nhosts) {
            err_set(e, ERR_INVALID_ARG, ERRDOM_TEST,
                    "hostname must be specified for netfs sources");
            goto out;
        }
        *out = arena_printf(a, "<sources>\n  <source>\n    <host name='%s'/>\n"
                            "    <dir path='/testshare'/>\n"
                            "    <format type='nfs'/>\n  </source>\n"
                            "</sources>\n", src->src.hosts[0].name);
    } else {
        err_set(e, ERR_NO_SUPPORT, ERRDOM_TEST,
                "pool type '%s' does not support source discovery", type);
        goto out;
    }
    rc = *out ? 0 : tdrv_oom(e);
out:
    tdrv_pool_free(src);
    return rc;
}
