/*
 * nodedev_xml.c: node device XML (<device>) for the test driver, read and
 * written as libvirt 9.0's node_device_conf.c does for the capabilities
 * its test driver's devices have: system, and scsi_host with its fc_host
 * and vport_ops sub-capabilities. The capability types libvirt itself
 * refuses (fc_host, vports, ... at the top level) get its "unknown
 * capability type" error; the others that libvirt parses but the test
 * driver can never create (pci, usb, net, ...) are refused with
 * CONFIG_UNSUPPORTED (README, "Not yet"), except ap_matrix, which
 * libvirt accepts with nothing required.
 *
 * Pure functions over their arguments; no shared state.
 */
#include "drivers/test/test_priv.h"

#include <stdlib.h>
#include <string.h>

#include "drivers/test/xmlp.h"

const char *const tdrv_ndcap_names[TDRV_NDCAP_MAX + 1] = {
    "system", "pci", "usb_device", "usb", "net", "scsi_host", "scsi_target",
    "scsi", "storage", "fc_host", "vports", "scsi_generic", "drm",
    "mdev_types", "mdev", "ccw", "css", "vdpa", "ap_card", "ap_queue",
    "ap_matrix", "vpd", NULL,
};

static const char *const tdrv_devnode_types[] = { "dev", "link", NULL };

#define TDRV_NDCAP_AP_MATRIX 20

/* The types virNodeDevCapsDefParseXML reports as unknown. */
static bool
tdrv_ndcap_unknown(int type)
{
    switch (type) {
    case TDRV_NDCAP_FC_HOST: case TDRV_NDCAP_VPORTS:
    case 11: case 13: case 17: case 21:   /* scsi_generic mdev_types vdpa vpd */
        return true;
    default:
        return false;
    }
}

/* -- freeing and copying -------------------------------------------------- */

/* The string members of @c, to free or copy them all alike. */
#define TDRV_NDCAP_STRS 10
static void
tdrv_ndcap_strs(struct tdrv_ndcap *c, char **v[TDRV_NDCAP_STRS])
{
    v[0] = &c->product;
    v[1] = &c->hw_vendor;
    v[2] = &c->hw_version;
    v[3] = &c->hw_serial;
    v[4] = &c->fw_vendor;
    v[5] = &c->fw_version;
    v[6] = &c->fw_date;
    v[7] = &c->wwnn;
    v[8] = &c->wwpn;
    v[9] = &c->fabric_wwn;
}

static void
tdrv_ndcap_clear(struct tdrv_ndcap *c)
{
    char **v[TDRV_NDCAP_STRS];

    tdrv_ndcap_strs(c, v);
    for (int i = 0; i < TDRV_NDCAP_STRS; i++)
        free(*v[i]);
}

void
tdrv_nodedev_free(struct tdrv_nodedev *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->ncaps; i++)
        tdrv_ndcap_clear(&d->caps[i]);
    free(d->caps);
    free(d->o.name);
    free(d->parent);
    free(d->parent_wwnn);
    free(d->parent_wwpn);
    free(d->parent_fabric);
    free(d);
}

/* strdup of a string that may be NULL; false on ENOMEM. */
static bool
tdrv_nd_dup(char **dst, const char *src)
{
    *dst = src ? strdup(src) : NULL;
    return !src || *dst;
}

/* @dst (uninitialized) as a copy of @src; on ENOMEM false, with what
 * was copied in @dst (the rest NULL), to be cleared. */
static bool
tdrv_ndcap_copy(struct tdrv_ndcap *dst, const struct tdrv_ndcap *src)
{
    char **to[TDRV_NDCAP_STRS], **from[TDRV_NDCAP_STRS];
    bool ok = true;

    *dst = *src;
    tdrv_ndcap_strs(dst, to);
    tdrv_ndcap_strs((struct tdrv_ndcap *)src, from);
    for (int i = 0; i < TDRV_NDCAP_STRS; i++)
        *to[i] = NULL;
    for (int i = 0; ok && i < TDRV_NDCAP_STRS; i++)
        ok = tdrv_nd_dup(to[i], *from[i]);
    return ok;
}

struct tdrv_nodedev *
tdrv_nodedev_dup(const struct tdrv_nodedev *d)
{
    struct tdrv_nodedev *n = calloc(1, sizeof(*n));
    bool ok;

    if (!n)
        return NULL;
    n->o = d->o;
    n->o.name = NULL;
    /* n is zeroed: members left out by a failure stay NULL */
    ok = tdrv_nd_dup(&n->o.name, d->o.name) &&
         tdrv_nd_dup(&n->parent, d->parent) &&
         tdrv_nd_dup(&n->parent_wwnn, d->parent_wwnn) &&
         tdrv_nd_dup(&n->parent_wwpn, d->parent_wwpn) &&
         tdrv_nd_dup(&n->parent_fabric, d->parent_fabric);
    if (ok && d->ncaps && !(n->caps = calloc(d->ncaps, sizeof(*n->caps))))
        ok = false;
    for (size_t i = 0; ok && i < d->ncaps; i++) {
        n->ncaps++;
        ok = tdrv_ndcap_copy(&n->caps[i], &d->caps[i]);
    }
    if (!ok) {
        tdrv_nodedev_free(n);
        return NULL;
    }
    return n;
}

bool
tdrv_nodedev_has_cap(const struct tdrv_nodedev *d, int type)
{
    for (size_t i = 0; i < d->ncaps; i++) {
        const struct tdrv_ndcap *c = &d->caps[i];

        if (c->type == type)
            return true;
        if (c->type != TDRV_NDCAP_SCSI_HOST)
            continue;
        if (type == TDRV_NDCAP_FC_HOST && (c->flags & TDRV_ND_FC_HOST))
            return true;
        if (type == TDRV_NDCAP_VPORTS && (c->flags & TDRV_ND_VPORT_OPS))
            return true;
    }
    return false;
}

/* -- parsing -------------------------------------------------------------- */

/* virXPathString("string(./@path)"): the text of child @path of @node,
 * NULL when absent or empty; *out malloc'ed. false on ENOMEM. */
static bool
tdrv_nd_text(const struct xml_node *node, const char *path, char **out)
{
    const char *t = xml_path_text(node, path);

    return tdrv_nd_dup(out, t && *t ? t : NULL);
}

static int
tdrv_nd_system(const struct xml_node *cap, const char *dev,
               struct tdrv_ndcap *c, struct err *e)
{
    char *uuid = NULL;
    int rc;

    if (!tdrv_nd_text(cap, "product", &c->product) ||
        !tdrv_nd_text(cap, "hardware/vendor", &c->hw_vendor) ||
        !tdrv_nd_text(cap, "hardware/version", &c->hw_version) ||
        !tdrv_nd_text(cap, "hardware/serial", &c->hw_serial) ||
        !tdrv_nd_text(cap, "hardware/uuid", &uuid))
        return tdrv_oom(e);
    if (!uuid) {
        err_set(e, ERR_INTERNAL_ERROR, ERRDOM_NODEDEV,
                "no system UUID supplied for '%s'", dev);
        return -1;
    }
    rc = drv_uuid_parse(uuid, c->hw_uuid);
    free(uuid);
    if (rc < 0) {
        err_set(e, ERR_INTERNAL_ERROR, ERRDOM_NODEDEV,
                "malformed uuid element for '%s'", dev);
        return -1;
    }
    if (!tdrv_nd_text(cap, "firmware/vendor", &c->fw_vendor) ||
        !tdrv_nd_text(cap, "firmware/version", &c->fw_version) ||
        !tdrv_nd_text(cap, "firmware/release_date", &c->fw_date))
        return tdrv_oom(e);
    return 0;
}

/* <host> and <unique_id> of an existing device (never read on create). */
static int
tdrv_nd_host_ids(const struct xml_node *cap, const char *dev,
                 struct tdrv_ndcap *c, struct err *e)
{
    const char *host = xml_path_text(cap, "host");
    const char *uid = xml_path_text(cap, "unique_id");
    unsigned long long v;

    if (!host || tdrv_xp_parse_ull(host, &v) < 0 || v > (unsigned long)-1) {
        err_set(e, ERR_INTERNAL_ERROR, ERRDOM_NODEDEV,
                "no SCSI host ID supplied for '%s'", dev);
        return -1;
    }
    c->host = (unsigned long)v;
    c->unique_id = -1;
    if (uid && *uid) {
        if (tdrv_xp_parse_ull(uid, &v) < 0 || v > 0x7fffffff) {
            err_set(e, ERR_INTERNAL_ERROR, ERRDOM_NODEDEV,
                    "invalid unique_id supplied for '%s'", dev);
            return -1;
        }
        c->unique_id = (long)v;
    }
    return 0;
}

/* <capability type='fc_host'> inside a scsi_host: both names required
 * (libvirt would make them up for a hypervisor type; the test driver
 * gives it none, so that fails). */
static int
tdrv_nd_fc_host(const struct xml_node *fc, const char *dev,
                struct tdrv_ndcap *c, struct err *e)
{
    free(c->wwnn);
    free(c->wwpn);
    free(c->fabric_wwn);
    c->wwnn = c->wwpn = c->fabric_wwn = NULL;
    c->flags |= TDRV_ND_FC_HOST;
    if (!tdrv_nd_text(fc, "wwnn", &c->wwnn))
        return tdrv_oom(e);
    if (!c->wwnn) {
        err_set(e, ERR_INTERNAL_ERROR, ERRDOM_NODEDEV, "no WWNN supplied "
                "for '%s', and auto-generation failed", dev);
        return -1;
    }
    if (!tdrv_nd_text(fc, "wwpn", &c->wwpn))
        return tdrv_oom(e);
    if (!c->wwpn) {
        err_set(e, ERR_INTERNAL_ERROR, ERRDOM_NODEDEV, "no WWPN supplied "
                "for '%s', and auto-generation failed", dev);
        return -1;
    }
    return tdrv_nd_text(fc, "fabric_wwn", &c->fabric_wwn) ? 0 : tdrv_oom(e);
}

static int
tdrv_nd_scsi_host(const struct xml_node *cap, const char *dev, bool create,
                  struct tdrv_ndcap *c, struct err *e)
{
    const char *type;

    if (!create && tdrv_nd_host_ids(cap, dev, c, e) < 0)
        return -1;
    for (const struct xml_node *s = xml_child(cap, "capability"); s;
         s = xml_next_named(s)) {
        if (!(type = xml_attr(s, "type"))) {
            err_set(e, ERR_INTERNAL_ERROR, ERRDOM_NODEDEV,
                    "missing SCSI host capability type for '%s'", dev);
            return -1;
        }
        if (strcmp(type, "vport_ops") == 0) {
            c->flags |= TDRV_ND_VPORT_OPS;
        } else if (strcmp(type, "fc_host") == 0) {
            if (tdrv_nd_fc_host(s, dev, c, e) < 0)
                return -1;
        } else {
            err_set(e, ERR_INTERNAL_ERROR, ERRDOM_NODEDEV, "unknown SCSI host "
                    "capability type '%s' for '%s'", type, dev);
            return -1;
        }
    }
    return 0;
}

static int
tdrv_nd_cap(const struct xml_node *cap, const char *dev, bool create,
            struct tdrv_ndcap *c, struct err *e)
{
    int type;
    int rc = tdrv_xp_enum(cap, "type", tdrv_ndcap_names, &type, e);

    if (rc < 0)
        return -1;
    if (rc == 1) {
        tdrv_xp_required(cap, "type", e);
        return -1;
    }
    c->type = type;
    c->unique_id = -1;
    if (type == TDRV_NDCAP_SYSTEM)
        return tdrv_nd_system(cap, dev, c, e);
    if (type == TDRV_NDCAP_SCSI_HOST)
        return tdrv_nd_scsi_host(cap, dev, create, c, e);
    if (type == TDRV_NDCAP_AP_MATRIX)
        return 0;
    if (tdrv_ndcap_unknown(type))
        err_set(e, ERR_INTERNAL_ERROR, ERRDOM_NODEDEV,
                "unknown capability type '%d' for '%s'", type, dev);
    else
        err_set(e, ERR_CONFIG_UNSUPPORTED, ERRDOM_NODEDEV, "virtd does not "
                "parse node device capability '%s'", tdrv_ndcap_names[type]);
    return -1;
}

/* <devnode type='dev|link'>: checked, not kept (no device of the test
 * driver has one). */
static int
tdrv_nd_devnodes(const struct xml_node *root, struct err *e)
{
    int idx, rc;

    for (const struct xml_node *n = xml_child(root, "devnode"); n;
         n = xml_next_named(n)) {
        if ((rc = tdrv_xp_enum(n, "type", tdrv_devnode_types, &idx, e)) < 0)
            return -1;
        if (rc == 1) {
            tdrv_xp_required(n, "type", e);
            return -1;
        }
    }
    return 0;
}

/* <parent> and its wwnn, wwpn and fabric_wwn attributes. */
static int
tdrv_nd_parent(const struct xml_node *root, struct tdrv_nodedev *d,
               struct err *e)
{
    const struct xml_node *p = xml_child(root, "parent");
    const char *wwnn = p ? xml_attr(p, "wwnn") : NULL;
    const char *wwpn = p ? xml_attr(p, "wwpn") : NULL;

    if (!tdrv_nd_text(root, "parent", &d->parent) ||
        !tdrv_nd_dup(&d->parent_wwnn, wwnn) ||
        !tdrv_nd_dup(&d->parent_wwpn, wwpn))
        return tdrv_oom(e);
    if (wwnn && !wwpn) {
        err_set(e, ERR_XML_ERROR, ERRDOM_NODEDEV, "when providing parent "
                "wwnn='%s', the wwpn must also be provided", wwnn);
        return -1;
    }
    if (!wwnn && wwpn) {
        err_set(e, ERR_XML_ERROR, ERRDOM_NODEDEV, "when providing parent "
                "wwpn='%s', the wwnn must also be provided", wwpn);
        return -1;
    }
    if (!tdrv_nd_dup(&d->parent_fabric, p ? xml_attr(p, "fabric_wwn") : NULL))
        return tdrv_oom(e);
    return 0;
}

static int
tdrv_nd_name(const struct xml_node *root, bool create,
             struct tdrv_nodedev *d, struct err *e)
{
    if (create ? !(d->o.name = strdup("new device"))
               : !tdrv_nd_text(root, "name", &d->o.name))
        return tdrv_oom(e);
    if (!d->o.name) {
        err_set(e, ERR_NO_NAME, ERRDOM_NODEDEV, NULL);
        return -1;
    }
    return 0;
}

static int
tdrv_nd_caps(const struct xml_node *root, bool create,
             struct tdrv_nodedev *d, struct err *e)
{
    size_t n;

    if (tdrv_xp_count(root, "capability", TDRV_NDCAPS_MAX, &n, e) < 0)
        return -1;
    if (n == 0) {
        err_set(e, ERR_INTERNAL_ERROR, ERRDOM_NODEDEV,
                "no device capabilities for '%s'", d->o.name);
        return -1;
    }
    if (!(d->caps = calloc(n, sizeof(*d->caps))))
        return tdrv_oom(e);
    for (const struct xml_node *c = xml_child(root, "capability"); c;
         c = xml_next_named(c))
        if (tdrv_nd_cap(c, d->o.name, create, &d->caps[d->ncaps++], e) < 0)
            return -1;
    return 0;
}

int
tdrv_nodedev_parse(const char *xml, bool create, struct tdrv_nodedev **out,
                   struct err *e)
{
    struct xml_node *root;
    struct tdrv_nodedev *d;
    int rc = -1;

    if (tdrv_xp_doc(xml, "device", "(node_device_definition)",
                    ERRDOM_NODEDEV, &root, e) < 0)
        return -1;
    if (!(d = calloc(1, sizeof(*d)))) {
        xml_free(root);
        return tdrv_oom(e);
    }
    d->o.active = d->o.persistent = true;
    if (tdrv_nd_name(root, create, d, e) == 0 &&
        tdrv_nd_devnodes(root, e) == 0 &&
        tdrv_nd_parent(root, d, e) == 0 &&
        tdrv_nd_caps(root, create, d, e) == 0)
        rc = 0;
    xml_free(root);
    if (rc < 0) {
        tdrv_nodedev_free(d);
        return -1;
    }
    *out = d;
    return 0;
}

/* -- formatting ----------------------------------------------------------- */

/* <name>text</name> when @text is set. */
static void
tdrv_nd_elem(struct xmlw *w, const char *name, const char *text)
{
    if (text)
        xmlw_elem(w, name, text);
}

static void
tdrv_nd_format_system(struct xmlw *w, const struct tdrv_ndcap *c)
{
    char uuid[DRV_UUID_STRLEN + 1];

    tdrv_nd_elem(w, "product", c->product);
    xmlw_start(w, "hardware");
    xmlw_open(w);
    tdrv_nd_elem(w, "vendor", c->hw_vendor);
    tdrv_nd_elem(w, "version", c->hw_version);
    tdrv_nd_elem(w, "serial", c->hw_serial);
    drv_uuid_format(c->hw_uuid, uuid);
    xmlw_elem(w, "uuid", uuid);
    xmlw_close(w, "hardware");
    xmlw_start(w, "firmware");
    xmlw_open(w);
    tdrv_nd_elem(w, "vendor", c->fw_vendor);
    tdrv_nd_elem(w, "version", c->fw_version);
    tdrv_nd_elem(w, "release_date", c->fw_date);
    xmlw_close(w, "firmware");
}

static void
tdrv_nd_format_scsi_host(struct xmlw *w, const struct tdrv_ndcap *c)
{
    xmlw_start(w, "host");
    xmlw_text(w, "host", "%lu", c->host);
    if (c->unique_id != -1) {
        xmlw_start(w, "unique_id");
        xmlw_text(w, "unique_id", "%ld", c->unique_id);
    }
    if (c->flags & TDRV_ND_FC_HOST) {
        xmlw_start(w, "capability");
        xmlw_attr(w, "type", "fc_host");
        xmlw_open(w);
        tdrv_nd_elem(w, "wwnn", c->wwnn);
        tdrv_nd_elem(w, "wwpn", c->wwpn);
        tdrv_nd_elem(w, "fabric_wwn", c->fabric_wwn);
        xmlw_close(w, "capability");
    }
    if (c->flags & TDRV_ND_VPORT_OPS) {
        /* the vport counts come from sysfs, which the test driver has
         * not: they are always 0 */
        xmlw_start(w, "capability");
        xmlw_attr(w, "type", "vport_ops");
        xmlw_open(w);
        xmlw_elem(w, "max_vports", "0");
        xmlw_elem(w, "vports", "0");
        xmlw_close(w, "capability");
    }
}

void
tdrv_nodedev_format(struct xmlw *w, const struct tdrv_obj *o)
{
    const struct tdrv_nodedev *d = (const struct tdrv_nodedev *)o;

    xmlw_start(w, "device");
    xmlw_open(w);
    xmlw_elem(w, "name", d->o.name);
    tdrv_nd_elem(w, "parent", d->parent);
    for (size_t i = 0; i < d->ncaps; i++) {
        xmlw_start(w, "capability");
        xmlw_attr(w, "type", tdrv_ndcap_names[d->caps[i].type]);
        xmlw_open(w);
        if (d->caps[i].type == TDRV_NDCAP_SYSTEM)
            tdrv_nd_format_system(w, &d->caps[i]);
        else if (d->caps[i].type == TDRV_NDCAP_SCSI_HOST)
            tdrv_nd_format_scsi_host(w, &d->caps[i]);
        xmlw_close(w, "capability");
    }
    xmlw_close(w, "device");
}
