/*
 * snapshot_xml.c: <domainsnapshot> XML of the test driver's snapshots, as
 * libvirt 9.0 parses a new snapshot's description, lines its disks up
 * with the domain's (virDomainSnapshotAlignDisks) and formats it.
 *
 * Pure functions of their arguments, except that an external image name
 * is only made up for a regular file, which is checked with stat(2) as
 * libvirt does. No shared state.
 */
#include "drivers/test/domain_parse.h"
#include "drivers/test/xmlp.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <stdint.h>
#include <time.h>

/* virDomainSnapshotState names (the domain states, then one more). */
static const char *const tdrv_snap_states[] = {
    "nostate", "running", "blocked", "paused", "shutdown", "shutoff",
    "crashed", "pmsuspended", "disk-snapshot", NULL,
};

/* virDomainSnapshotLocation names (TDRV_LOC_*). */
static const char *const tdrv_snap_locs[] = {
    "default", "no", "internal", "external", "manual", NULL,
};

/* virStorageType names. */
enum { TDRV_ST_FILE = 1, TDRV_ST_BLOCK = 2, TDRV_ST_DIR = 3,
       TDRV_ST_VOLUME = 5 };
static const char *const tdrv_storage_types[] = {
    "none", "file", "block", "dir", "network", "volume", "nvme",
    "vhostuser", "vdpa", NULL,
};

static void
tdrv_snap_disk_clear(struct tdrv_snap_disk *d)
{
    free(d->name);
    free(d->path);
}

void
tdrv_snap_free(struct tdrv_snap *snap)
{
    if (!snap)
        return;
    free(snap->name);
    free(snap->description);
    free(snap->parent);
    free(snap->memory_file);
    for (size_t i = 0; i < snap->ndisks; i++)
        tdrv_snap_disk_clear(&snap->disks[i]);
    free(snap->disks);
    tdrv_domdef_free(snap->def);
    free(snap);
}

/* An enumerated attribute as virXMLPropEnumDefault with
 * VIR_XML_PROP_NONZERO reads it: @dflt when absent. */
static int
tdrv_snap_enum(const struct xml_node *node, const char *attr,
               const char *const *names, int dflt, int *out, struct err *e)
{
    int rc = tdrv_xp_enum_nonzero(node, attr, names, out, e);

    if (rc == 1)
        *out = dflt;
    return rc < 0 ? -1 : 0;
}

/* string(./@name) of XPath: the element's text, NULL when absent or
 * empty (libvirt's virXPathString). */
static int
tdrv_snap_text(const struct xml_node *root, const char *name, char **out,
               struct err *e)
{
    const char *t = xml_text(xml_child(root, name));

    return t && *t ? tdrv_xp_dup(out, t, e) : 0;
}

static int
tdrv_snap_disk_parse(const struct xml_node *node, struct tdrv_snap_disk *d,
                     struct err *e)
{
    const struct xml_node *src = xml_child(node, "source");
    const char *name = xml_attr(node, "name");
    const char *fmt = xml_path_text(node, "driver/@type");

    if (!name) {
        err_set(e, ERR_INTERNAL_ERROR, ERRDOM_DOMAIN_SNAPSHOT,
                "missing name from disk snapshot element");
        return -1;
    }
    if (tdrv_snap_enum(node, "snapshot", tdrv_snap_locs, TDRV_LOC_DEFAULT,
                       &d->snapshot, e) < 0 ||
        tdrv_snap_enum(node, "type", tdrv_storage_types, TDRV_ST_FILE,
                       &d->type, e) < 0)
        return -1;
    if (d->type == TDRV_ST_VOLUME || d->type == TDRV_ST_DIR) {
        err_set(e, ERR_XML_ERROR, ERRDOM_DOMAIN_SNAPSHOT,
                "unsupported disk snapshot type '%s'",
                tdrv_storage_types[d->type]);
        return -1;
    }
    if (d->type != TDRV_ST_FILE && d->type != TDRV_ST_BLOCK) {
        err_set(e, ERR_ARGUMENT_UNSUPPORTED, ERRDOM_DOMAIN_SNAPSHOT,
                "virtd takes file and block disk snapshots only, not '%s'",
                tdrv_storage_types[d->type]);
        return -1;
    }
    if (src) {
        const char *p = xml_attr(src, d->type == TDRV_ST_FILE ? "file"
                                                              : "dev");

        if (p && *p && tdrv_xp_dup(&d->path, p, e) < 0)
            return -1;
    }
    if (fmt && (d->format = tdrv_xp_index(tdrv_vol_formats, fmt)) <= 0) {
        err_set(e, ERR_CONFIG_UNSUPPORTED, ERRDOM_DOMAIN_SNAPSHOT,
                "unknown disk snapshot driver '%s'", fmt);
        return -1;
    }
    if (d->path && d->path[0] != '/') {
        err_set(e, ERR_XML_ERROR, ERRDOM_DOMAIN_SNAPSHOT,
                "disk snapshot image path '%s' must be absolute", d->path);
        return -1;
    }
    if (d->snapshot == TDRV_LOC_DEFAULT && (d->path || d->format))
        d->snapshot = TDRV_LOC_EXTERNAL;
    return tdrv_xp_dup(&d->name, name, e);
}

/* <memory snapshot= file=> and its consistency checks. */
static int
tdrv_snap_memory_parse(const struct xml_node *root, struct tdrv_snap *snap,
                       bool redefine, struct err *e)
{
    bool offline = snap->state == DRV_DOM_SHUTOFF ||
                   snap->state == TDRV_SNAP_DISK_SNAPSHOT;
    const struct xml_node *mem = xml_child(root, "memory");
    const char *file = mem ? xml_attr(mem, "file") : NULL;

    if (mem) {
        if (file && tdrv_xp_dup(&snap->memory_file, file, e) < 0)
            return -1;
        if (tdrv_snap_enum(mem, "snapshot", tdrv_snap_locs, TDRV_LOC_DEFAULT,
                           &snap->memory, e) < 0)
            return -1;
        if (snap->memory == TDRV_LOC_MANUAL) {
            err_set(e, ERR_XML_ERROR, ERRDOM_DOMAIN_SNAPSHOT,
                    "'manual' memory snapshot mode not supported");
            return -1;
        }
    }
    if (snap->memory == TDRV_LOC_DEFAULT && snap->memory_file)
        snap->memory = TDRV_LOC_EXTERNAL;
    else if (snap->memory == TDRV_LOC_DEFAULT && redefine)
        snap->memory = offline ? TDRV_LOC_NO : TDRV_LOC_INTERNAL;
    if (snap->memory_file && snap->memory != TDRV_LOC_EXTERNAL) {
        err_set(e, ERR_XML_ERROR, ERRDOM_DOMAIN_SNAPSHOT,
                "memory filename '%s' requires external snapshot",
                snap->memory_file);
        return -1;
    }
    if (!snap->memory_file && snap->memory == TDRV_LOC_EXTERNAL) {
        err_set(e, ERR_XML_ERROR, ERRDOM_DOMAIN_SNAPSHOT,
                "external memory snapshots require a filename");
        return -1;
    }
    if (redefine && offline && snap->memory != TDRV_LOC_DEFAULT &&
        snap->memory != TDRV_LOC_NO) {
        err_set(e, ERR_XML_ERROR, ERRDOM_DOMAIN_SNAPSHOT,
                "memory state cannot be saved with offline or disk-only "
                "snapshot");
        return -1;
    }
    if (snap->memory_file && snap->memory_file[0] != '/') {
        err_set(e, ERR_XML_ERROR, ERRDOM_DOMAIN_SNAPSHOT,
                "memory snapshot file path (%s) must be absolute",
                snap->memory_file);
        return -1;
    }
    return 0;
}

static int
tdrv_snap_disks_parse(const struct xml_node *root, struct tdrv_snap *snap,
                      struct err *e)
{
    const struct xml_node *disks = xml_child(root, "disks");
    size_t n = 0;

    for (const struct xml_node *k = disks ? disks->children : NULL; k;
         k = k->next) {
        if (++n > TDRV_XP_ELEMS_MAX) {
            err_set(e, ERR_CONFIG_UNSUPPORTED, ERRDOM_DOMAIN_SNAPSHOT,
                    "more than %d disks in a snapshot", TDRV_XP_ELEMS_MAX);
            return -1;
        }
    }
    if (!n)
        return 0;
    if (!(snap->disks = calloc(n, sizeof(*snap->disks))))
        return tdrv_oom(e);
    for (const struct xml_node *k = disks->children; k; k = k->next)
        if (tdrv_snap_disk_parse(k, &snap->disks[snap->ndisks++], e) < 0)
            return -1;
    return 0;
}

/* What only a redefined snapshot has: creation time, parent, state and
 * (when <domain> has a type) the domain definition. */
static int
tdrv_snap_redefine_parse(const struct xml_node *root, struct tdrv_snap *snap,
                         struct err *e)
{
    const struct xml_node *dom = xml_child(root, "domain");
    const char *t = xml_text(xml_child(root, "creationTime"));
    unsigned long long ct;
    char *state = NULL;

    if (!snap->name) {
        err_set(e, ERR_XML_ERROR, ERRDOM_DOMAIN_SNAPSHOT,
                "a redefined snapshot must have a name");
        return -1;
    }
    if (!t || tdrv_xp_parse_ull(t, &ct) < 0 || ct > INT64_MAX) {
        err_set(e, ERR_INTERNAL_ERROR, ERRDOM_DOMAIN_SNAPSHOT,
                "missing creationTime from existing snapshot");
        return -1;
    }
    snap->ctime = (long long)ct;
    if (tdrv_snap_text(xml_child(root, "parent"), "name", &snap->parent,
                       e) < 0 ||
        tdrv_snap_text(root, "state", &state, e) < 0)
        return -1;
    if (!state) {
        err_set(e, ERR_XML_ERROR, ERRDOM_DOMAIN_SNAPSHOT,
                "missing state from existing snapshot");
        return -1;
    }
    snap->state = tdrv_xp_index(tdrv_snap_states, state);
    if (snap->state <= 0) {
        err_set(e, ERR_CONFIG_UNSUPPORTED, ERRDOM_DOMAIN_SNAPSHOT,
                "Invalid state '%s' in domain snapshot XML", state);
        free(state);
        return -1;
    }
    free(state);
    if (dom && xml_attr(dom, "type"))
        return tdrv_domdef_parse_node(dom, &snap->def, e);
    return 0;
}

struct tdrv_snap *
tdrv_snap_parse(const char *xml, bool redefine, struct err *e)
{
    struct xml_node *root;
    struct tdrv_snap *snap;

    if (tdrv_xp_doc(xml, "domainsnapshot", "(domain_snapshot)",
                    ERRDOM_DOMAIN_SNAPSHOT, &root, e) < 0)
        return NULL;
    if (!(snap = calloc(1, sizeof(*snap)))) {
        tdrv_oom(e);
        xml_free(root);
        return NULL;
    }
    if (tdrv_snap_text(root, "name", &snap->name, e) < 0 ||
        tdrv_snap_text(root, "description", &snap->description, e) < 0)
        goto fail;
    /* virDomainMomentDefPostParse: the time now, and the name from it */
    if (!redefine)
        snap->ctime = (long long)time(NULL);
    else if (tdrv_snap_redefine_parse(root, snap, e) < 0)
        goto fail;
    if (tdrv_snap_memory_parse(root, snap, redefine, e) < 0 ||
        tdrv_snap_disks_parse(root, snap, e) < 0)
        goto fail;
    if (!snap->name && asprintf(&snap->name, "%lld", snap->ctime) < 0) {
        snap->name = NULL;
        tdrv_oom(e);
        goto fail;
    }
    xml_free(root);
    return snap;

fail:
    xml_free(root);
    tdrv_snap_free(snap);
    return NULL;
}

/* -- lining the disks up with the domain's --------------------------------- */

/* virDomainDiskByName: by target, or by source path for a name that
 * starts with '/' (only when one disk has it). -1 when none. */
static int
tdrv_snap_dom_disk(const struct tdrv_domdef *def, const char *name)
{
    int found = -1;

    for (size_t i = 0; i < def->ndisks; i++) {
        if (name[0] != '/') {
            if (strcmp(def->disks[i].dst, name) == 0)
                return (int)i;
        } else if (def->disks[i].source &&
                   strcmp(def->disks[i].source, name) == 0) {
            if (found >= 0)
                return -1;
            found = (int)i;
        }
    }
    return found;
}

/* A requested disk, checked against the domain's disk @dd. */
static int
tdrv_snap_disk_check(struct tdrv_snap_disk *d, const struct tdrv_disk *dd,
                     int dflt, bool require, struct err *e)
{
    if (d->snapshot == TDRV_LOC_DEFAULT) {
        d->snapshot = dflt;
    } else if (require && d->snapshot != dflt) {
        err_set(e, ERR_CONFIG_UNSUPPORTED, ERRDOM_DOMAIN_SNAPSHOT,
                "disk '%s' must use snapshot mode '%s'", d->name,
                tdrv_snap_locs[dflt]);
        return -1;
    }
    if (d->path && d->snapshot != TDRV_LOC_EXTERNAL) {
        err_set(e, ERR_CONFIG_UNSUPPORTED, ERRDOM_DOMAIN_SNAPSHOT,
                "file '%s' for disk '%s' requires use of external snapshot "
                "mode", d->path, d->name);
        return -1;
    }
    return strcmp(d->name, dd->dst) == 0 ? 0 : tdrv_xp_dup(&d->name,
                                                           dd->dst, e);
}

/* virDomainSnapshotDefAssignExternalNames: an external disk without an
 * image gets "<source without its suffix>.<snapshot name>". */
static int
tdrv_snap_external_names(struct tdrv_snap *snap, struct err *e)
{
    for (size_t i = 0; i < snap->ndisks; i++) {
        struct tdrv_snap_disk *d = &snap->disks[i];
        const char *orig = snap->def->disks[i].source;
        struct stat sb;
        char *dot, *slash;
        size_t stem;

        if (d->snapshot != TDRV_LOC_EXTERNAL || d->path)
            continue;
        if (d->type != TDRV_ST_FILE) {
            err_set(e, ERR_CONFIG_UNSUPPORTED, ERRDOM_DOMAIN_SNAPSHOT,
                    "cannot generate external snapshot name for disk '%s' "
                    "on a '%s' device", d->name,
                    tdrv_storage_types[d->type]);
            return -1;
        }
        if (!orig) {
            err_set(e, ERR_CONFIG_UNSUPPORTED, ERRDOM_DOMAIN_SNAPSHOT,
                    "cannot generate external snapshot name for disk '%s' "
                    "without source", d->name);
            return -1;
        }
        if (stat(orig, &sb) < 0 || !S_ISREG(sb.st_mode)) {
            err_set(e, ERR_CONFIG_UNSUPPORTED, ERRDOM_DOMAIN_SNAPSHOT,
                    "source for disk '%s' is not a regular file; refusing "
                    "to generate external snapshot name", d->name);
            return -1;
        }
        dot = strrchr(orig, '.');
        slash = dot ? strchr(dot, '/') : NULL;
        stem = dot && !slash ? (size_t)(dot - orig) : strlen(orig);
        if (asprintf(&d->path, "%.*s.%s", (int)stem, orig, snap->name) < 0) {
            d->path = NULL;
            return tdrv_oom(e);
        }
        for (size_t j = 0; j < i; j++) {
            if (snap->disks[j].path &&
                strcmp(snap->disks[j].path, d->path) == 0) {
                err_set(e, ERR_CONFIG_UNSUPPORTED, ERRDOM_DOMAIN_SNAPSHOT,
                        "cannot generate external snapshot name for disk "
                        "'%s': collision with disk '%s'", d->name,
                        snap->disks[j].name);
                return -1;
            }
        }
    }
    return 0;
}

/* at[k]: the index of the requested disk for domain disk k, or -1; each
 * requested disk checked and renamed to its target. */
static int
tdrv_snap_match_disks(struct tdrv_snap *snap, int dflt, bool require,
                      int *at, struct err *e)
{
    const struct tdrv_domdef *def = snap->def;

    for (size_t k = 0; k < def->ndisks; k++)
        at[k] = -1;
    for (size_t i = 0; i < snap->ndisks; i++) {
        struct tdrv_snap_disk *d = &snap->disks[i];
        int k = tdrv_snap_dom_disk(def, d->name);

        if (k < 0) {
            err_set(e, ERR_CONFIG_UNSUPPORTED, ERRDOM_DOMAIN_SNAPSHOT,
                    "no disk named '%s'", d->name);
            return -1;
        }
        if (at[k] >= 0) {
            err_set(e, ERR_CONFIG_UNSUPPORTED, ERRDOM_DOMAIN_SNAPSHOT,
                    "disk '%s' specified twice", d->name);
            return -1;
        }
        at[k] = (int)i;
        if (tdrv_snap_disk_check(d, &def->disks[k], dflt, require, e) < 0)
            return -1;
    }
    return 0;
}

/* The disks in the domain's order: the requested ones moved over, the
 * others with their defaults; *out (ndisks of the domain) or -1. */
static int
tdrv_snap_disks_in_order(struct tdrv_snap *snap, const int *at, int dflt,
                         struct tdrv_snap_disk **out, struct err *e)
{
    const struct tdrv_domdef *def = snap->def;
    struct tdrv_snap_disk *v = calloc(def->ndisks, sizeof(*v));

    if (!v)
        return tdrv_oom(e);
    for (size_t k = 0; k < def->ndisks; k++) {
        if (at[k] >= 0) {
            v[k] = snap->disks[at[k]];
            memset(&snap->disks[at[k]], 0, sizeof(v[k]));
            continue;
        }
        v[k].type = TDRV_ST_FILE;
        v[k].snapshot = def->disks[k].source ? dflt : TDRV_LOC_NO;
        if (tdrv_xp_dup(&v[k].name, def->disks[k].dst, e) < 0) {
            for (size_t j = 0; j <= k; j++)
                tdrv_snap_disk_clear(&v[j]);
            free(v);
            return -1;
        }
    }
    *out = v;
    return 0;
}

int
tdrv_snap_align_disks(struct tdrv_snap *snap, int dflt, bool require,
                      struct err *e)
{
    const struct tdrv_domdef *def = snap->def;
    struct tdrv_snap_disk *out = NULL;
    int *at, rc = -1;

    if (snap->ndisks > def->ndisks) {
        err_set(e, ERR_CONFIG_UNSUPPORTED, ERRDOM_DOMAIN_SNAPSHOT,
                "too many disk snapshot requests for domain");
        return -1;
    }
    if (!def->ndisks)
        return 0;
    if (!(at = malloc(def->ndisks * sizeof(*at))))
        return tdrv_oom(e);
    require = require && dflt == TDRV_LOC_INTERNAL;
    if (tdrv_snap_match_disks(snap, dflt, require, at, e) == 0 &&
        tdrv_snap_disks_in_order(snap, at, dflt, &out, e) == 0) {
        for (size_t i = 0; i < snap->ndisks; i++)
            tdrv_snap_disk_clear(&snap->disks[i]);
        free(snap->disks);
        snap->disks = out;
        snap->ndisks = def->ndisks;
        rc = tdrv_snap_external_names(snap, e);
    }
    free(at);
    return rc;
}

/* -- formatting ------------------------------------------------------------ */

static void
tdrv_snap_disk_format(struct xmlw *w, const struct tdrv_snap_disk *d)
{
    bool src = d->path || d->format;

    xmlw_start(w, "disk");
    xmlw_attr(w, "name", d->name);
    if (d->snapshot > 0)
        xmlw_attr(w, "snapshot", tdrv_snap_locs[d->snapshot]);
    if (!src) {
        xmlw_empty(w);
        return;
    }
    xmlw_attr(w, "type", tdrv_storage_types[d->type]);
    xmlw_open(w);
    if (d->format) {
        xmlw_start(w, "driver");
        xmlw_attr(w, "type", tdrv_vol_formats[d->format]);
        xmlw_empty(w);
    }
    if (d->path) {
        xmlw_start(w, "source");
        xmlw_attr(w, d->type == TDRV_ST_FILE ? "file" : "dev", d->path);
        xmlw_empty(w);
    }
    xmlw_close(w, "disk");
}

char *
tdrv_snap_format(const struct tdrv_snap *snap, bool secure)
{
    struct xmlw w;

    xmlw_init(&w);
    xmlw_line(&w, "<domainsnapshot>");
    w.depth++;
    xmlw_elem(&w, "name", snap->name);
    if (snap->description)
        xmlw_elem(&w, "description", snap->description);
    if (snap->state > 0)
        xmlw_elem(&w, "state", tdrv_snap_states[snap->state]);
    if (snap->parent) {
        xmlw_line(&w, "<parent>");
        w.depth++;
        xmlw_elem(&w, "name", snap->parent);
        w.depth--;
        xmlw_line(&w, "</parent>");
    }
    if (snap->ctime) {
        xmlw_start(&w, "creationTime");
        xmlw_text(&w, "creationTime", "%lld", snap->ctime);
    }
    if (snap->memory) {
        xmlw_start(&w, "memory");
        xmlw_attr(&w, "snapshot", tdrv_snap_locs[snap->memory]);
        if (snap->memory_file)
            xmlw_attr(&w, "file", snap->memory_file);
        xmlw_empty(&w);
    }
    if (snap->ndisks) {
        xmlw_line(&w, "<disks>");
        w.depth++;
        for (size_t i = 0; i < snap->ndisks; i++)
            tdrv_snap_disk_format(&w, &snap->disks[i]);
        w.depth--;
        xmlw_line(&w, "</disks>");
    }
    tdrv_domdef_format(&w, snap->def, -1, secure);
    w.depth--;
    xmlw_line(&w, "</domainsnapshot>");
    return xmlw_finish(&w);
}
