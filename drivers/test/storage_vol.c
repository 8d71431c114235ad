/*
 * storage_vol.c: test driver storage volumes, as libvirt 9.0's test
 * driver keeps them: created from volume XML (or as the clone of one),
 * deleted, and read back (info, XML, path). Nothing exists on disk: a
 * volume is its definition, its key and path are the pool's target path
 * and its name, and its allocation counts against the pool's capacity.
 *
 * Volume XML as libvirt parses it for a directory pool: the type, name,
 * capacity and allocation (with units), the target format and
 * permissions. Other elements (backing store, encryption, compat,
 * features, timestamps) are not kept.
 *
 * All under the state lock (a volume's XML is parsed once its pool is
 * found running, for libvirt's order of errors).
 */
#include "drivers/test/test_priv.h"
#include "drivers/test/xmlp.h"

#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TDRV_VOL_CREATE_VALIDATE 4u   /* VIR_STORAGE_VOL_CREATE_VALIDATE */
#define TDRV_VOL_FORMAT_RAW      1    /* in tdrv_vol_formats */

/* virStorageVolType */
static const char *const tdrv_vol_types[] = {
    "file", "block", "dir", "network", "netdir", "ploop", NULL,
};

/* virStorageFileFormat; "none" is not a volume format */
const char *const tdrv_vol_formats[] = {
    "none", "raw", "dir", "bochs", "cloop", "dmg", "iso", "vpc", "vdi",
    "fat", "vhd", "ploop", "cow", "qcow", "qcow2", "qed", "vmdk", NULL,
};

void
tdrv_vol_clear(struct tdrv_vol *vol)
{
    free(vol->name);
    free(vol->key);
    free(vol->path);
    free(vol->perm_label);
    memset(vol, 0, sizeof(*vol));
}

/* The text of child @name, NULL when missing or empty (XPath string()). */
static const char *
tdrv_vol_text(const struct xml_node *n, const char *name)
{
    const struct xml_node *c = n ? xml_child(n, name) : NULL;
    const char *s = c ? xml_text(c) : NULL;

    return s && *s ? s : NULL;
}

/* virStorageSize: a positive decimal count of @unit (bytes by default),
 * at most LLONG_MAX bytes. */
static int
tdrv_vol_size(const struct xml_node *n, uint64_t *out, struct err *e)
{
    const char *unit = xml_attr(n, "unit");
    unsigned long long v, scale;

    if (tdrv_xp_parse_ull(xml_text(n), &v) < 0) {
        err_set(e, ERR_XML_ERROR, ERRDOM_STORAGE,
                "malformed capacity element");
        return -1;
    }
    if (tdrv_xp_scale(unit, 1, &scale) < 0) {
        err_set(e, ERR_INVALID_ARG, ERRDOM_NONE, "unknown suffix '%s'", unit);
        return -1;
    }
    if (v && v > (unsigned long long)LLONG_MAX / scale) {
        err_set(e, ERR_NUMERICAL_OVERFLOW, ERRDOM_NONE,
                "value too large: %llu%s", v, unit ? unit : "");
        return -1;
    }
    *out = v * scale;
    return 0;
}

/* XPath number() of an owner or group: blanks, an optional '-', digits
 * with an optional fraction of zeros (virXPathLongLong refuses any other
 * fraction); -1 or an id that fits a uid_t. */
static int
tdrv_vol_id(const char *s, long long *out)
{
    long long v = 0;
    bool neg = false, digits = false;

    while (isspace((unsigned char)*s))
        s++;
    if (*s == '-') {
        neg = true;
        s++;
    }
    for (; isdigit((unsigned char)*s); s++, digits = true) {
        if (v > (LLONG_MAX - 9) / 10)
            return -1;
        v = v * 10 + (*s - '0');
    }
    if (*s == '.')
        for (s++; *s == '0'; s++)
            digits = true;
    while (isspace((unsigned char)*s))
        s++;
    if (!digits || *s)
        return -1;
    v = neg ? -v : v;
    if (v != -1 && (v < 0 || v > (long long)UINT32_MAX))
        return -1;
    *out = v;
    return 0;
}

/* virStorageDefParsePerms: mode (octal, 0777 at most), owner, group,
 * label; each -1 / NULL when absent. */
static int
tdrv_vol_perms(const struct xml_node *target, struct tdrv_vol *vol,
               struct err *e)
{
    const struct xml_node *p = target ? xml_child(target, "permissions")
                                      : NULL;
    const struct xml_node *n;
    const char *s;
    char *end;
    long mode;

    vol->perm_mode = vol->perm_uid = vol->perm_gid = -1;
    if (!p)
        return 0;
    if ((s = tdrv_vol_text(p, "mode"))) {
        mode = strtol(s, &end, 8);
        if (end == s || *end || mode < 0 || (mode & ~0777L)) {
            err_set(e, ERR_XML_ERROR, ERRDOM_STORAGE, "malformed octal mode");
            return -1;
        }
        vol->perm_mode = mode;
    }
    if ((n = xml_child(p, "owner")) && tdrv_vol_id(xml_text(n),
                                                   &vol->perm_uid) < 0) {
        err_set(e, ERR_XML_ERROR, ERRDOM_STORAGE, "malformed owner element");
        return -1;
    }
    if ((n = xml_child(p, "group")) && tdrv_vol_id(xml_text(n),
                                                   &vol->perm_gid) < 0) {
        err_set(e, ERR_XML_ERROR, ERRDOM_STORAGE, "malformed group element");
        return -1;
    }
    return tdrv_xp_dup(&vol->perm_label, tdrv_vol_text(p, "label"), e);
}

/* virStorageVolDefParse for a directory pool; @vol is cleared first and
 * must be cleared by the caller after a failure too. */
static int
tdrv_vol_parse(const char *xml, struct tdrv_vol *vol, struct err *e)
{
    const struct xml_node *n, *target;
    struct xml_node *root;
    const char *s;
    int rc = -1;

    memset(vol, 0, sizeof(*vol));
    if (tdrv_xp_doc(xml, "volume", "(storage_volume_definition)",
                    ERRDOM_STORAGE, &root, e) < 0)
        return -1;
    target = xml_child(root, "target");
    if (!(s = tdrv_vol_text(root, "name"))) {
        err_set(e, ERR_XML_ERROR, ERRDOM_STORAGE,
                "missing volume name element");
    } else if (tdrv_xp_dup(&vol->name, s, e) < 0) {
        /* the error is set */
    } else if ((s = xml_attr(root, "type")) &&
               (vol->type = tdrv_xp_index(tdrv_vol_types, s)) < 0) {
        err_set(e, ERR_CONFIG_UNSUPPORTED, ERRDOM_STORAGE,
                "unknown volume type '%s'", s);
    } else if (!tdrv_vol_text(root, "capacity")) {
        err_set(e, ERR_XML_ERROR, ERRDOM_STORAGE, "missing capacity element");
    } else if (tdrv_vol_size(xml_child(root, "capacity"), &vol->capacity,
                             e) < 0) {
        /* the error is set */
    } else if ((n = xml_child(root, "allocation")) && tdrv_vol_text(root,
               "allocation") && tdrv_vol_size(n, &vol->allocation, e) < 0) {
        /* the error is set */
    } else {
        if (!tdrv_vol_text(root, "allocation"))
            vol->allocation = vol->capacity;
        n = target ? xml_child(target, "format") : NULL;
        s = n ? xml_attr(n, "type") : NULL;
        vol->format = s ? tdrv_xp_index(tdrv_vol_formats, s)
                        : TDRV_VOL_FORMAT_RAW;
        if (vol->format <= 0)
            err_set(e, ERR_CONFIG_UNSUPPORTED, ERRDOM_STORAGE,
                    "unknown volume format type %s", s);
        else
            rc = tdrv_vol_perms(target, vol, e);
    }
    xml_free(root);
    return rc;
}

/* virStorageVolDefFormat */
static void
tdrv_vol_format(struct xmlw *w, const struct tdrv_vol *vol)
{
    xmlw_start(w, "volume");
    xmlw_attr(w, "type", tdrv_vol_types[vol->type]);
    xmlw_open(w);
    xmlw_elem(w, "name", vol->name);
    xmlw_elem(w, "key", vol->key);
    xmlw_unit(w, "capacity", "bytes", vol->capacity);
    xmlw_unit(w, "allocation", "bytes", vol->allocation);
    xmlw_start(w, "target");
    xmlw_open(w);
    xmlw_elem(w, "path", vol->path);
    xmlw_start(w, "format");
    xmlw_attr(w, "type", tdrv_vol_formats[vol->format]);
    xmlw_empty(w);
    if (vol->perm_mode != -1 || vol->perm_uid != -1 || vol->perm_gid != -1 ||
        vol->perm_label) {
        xmlw_start(w, "permissions");
        xmlw_open(w);
        if (vol->perm_mode != -1) {
            xmlw_start(w, "mode");
            xmlw_text(w, "mode", "0%lo", (unsigned long)vol->perm_mode);
        }
        if (vol->perm_uid != -1) {
            xmlw_start(w, "owner");
            xmlw_text(w, "owner", "%d", (int)vol->perm_uid);
        }
        if (vol->perm_gid != -1) {
            xmlw_start(w, "group");
            xmlw_text(w, "group", "%d", (int)vol->perm_gid);
        }
        if (vol->perm_label)
            xmlw_elem(w, "label", vol->perm_label);
        xmlw_close(w, "permissions");
    }
    xmlw_close(w, "target");
    xmlw_close(w, "volume");
}

static struct tdrv_vol *
tdrv_vol_find(struct tdrv_pool *pool, const char *name)
{
    for (size_t i = 0; i < pool->nvols; i++)
        if (strcmp(pool->vols[i].name, name) == 0)
            return &pool->vols[i];
    return NULL;
}

/* testStorageVolDefFindByName: the volume of a running pool, else the
 * error. Caller holds the state lock. */
static struct tdrv_vol *
tdrv_vol_get(struct tdrv_state *st, const struct drv_vol *v,
             struct tdrv_pool **poolp, struct err *e)
{
    struct tdrv_pool *pool = tdrv_pool_active(st, v->pool, e);
    struct tdrv_vol *vol;

    if (!pool)
        return NULL;
    if (!(vol = tdrv_vol_find(pool, v->name)))
        err_set(e, ERR_NO_STORAGE_VOL, ERRDOM_TEST,
                "no storage vol with matching name '%s'", v->name);
    if (poolp)
        *poolp = pool;
    return vol;
}

/*
 * testStorageVolCreateXML and ...XMLFrom (@clone: the volume the new one
 * is cloned from, which must exist in the pool; its data is not copied,
 * @xml says what the new one is).
 */
static int
tdrv_vol_add(struct drv_conn *c, const struct drv_pool *p, const char *xml,
             const struct drv_vol *clone, unsigned flags, struct arena *a,
             struct drv_vol *out, struct err *e)
{
    struct tdrv_state *st = tdrv_st(c);
    struct tdrv_vol vol, *grown;
    struct tdrv_pool *pool;
    int rc = -1;

    if (drv_flags_unsupported(e, ERRDOM_TEST, clone ?
                              "testStorageVolCreateXMLFrom" :
                              "testStorageVolCreateXML", flags,
                              TDRV_VOL_CREATE_VALIDATE))
        return -1;
    pthread_mutex_lock(&st->lock);
    if (!(pool = tdrv_pool_active(st, p->name, e)) ||
        tdrv_vol_parse(xml, &vol, e) < 0) {
        /* the error is set */
    } else if (tdrv_vol_find(pool, vol.name)) {
        err_set(e, ERR_OPERATION_FAILED, ERRDOM_TEST,
                "storage vol already exists");
    } else if (clone && !tdrv_vol_find(pool, clone->name)) {
        err_set(e, ERR_NO_STORAGE_VOL, ERRDOM_TEST,
                "no storage vol with matching name '%s'", clone->name);
    } else if (vol.allocation > pool->capacity - pool->allocation ||
               pool->allocation > pool->capacity) {
        err_set(e, ERR_INTERNAL_ERROR, ERRDOM_TEST,
                "Not enough free space in pool for volume '%s'", vol.name);
    } else if (asprintf(&vol.path, "%s/%s", pool->target_path,
                        vol.name) < 0 ? (vol.path = NULL, true) :
               !(vol.key = strdup(vol.path)) ||
               !(grown = realloc(pool->vols,
                                 (pool->nvols + 1) * sizeof(*grown)))) {
        tdrv_oom(e);
    } else {
        pool->vols = grown;
        pool->vols[pool->nvols++] = vol;
        pool->allocation += vol.allocation;
        pool->available = pool->capacity - pool->allocation;
        memset(&vol, 0, sizeof(vol));
        out->pool = arena_strdup(a, pool->o.name);
        out->name = arena_strdup(a, pool->vols[pool->nvols - 1].name);
        out->key = arena_strdup(a, pool->vols[pool->nvols - 1].key);
        rc = out->pool && out->name && out->key ? 0 : tdrv_oom(e);
    }
    pthread_mutex_unlock(&st->lock);
    if (pool)
        tdrv_vol_clear(&vol);
    return rc;
}

int
tdrv_vol_create_xml(struct drv_conn *c, const struct drv_pool *p,
                    const char *xml, unsigned flags, struct arena *a,
                    struct drv_vol *out, struct err *e)
{
    return tdrv_vol_add(c, p, xml, NULL, flags, a, out, e);
}

int
tdrv_vol_create_xml_from(struct drv_conn *c, const struct drv_pool *p,
                         const char *xml, const struct drv_vol *clone,
                         unsigned flags, struct arena *a,
                         struct drv_vol *out, struct err *e)
{
    return tdrv_vol_add(c, p, xml, clone, flags, a, out, e);
}

/* testStorageVolDelete: the volume's allocation goes back to the pool. */
int
tdrv_vol_delete(struct drv_conn *c, const struct drv_vol *v, unsigned flags,
                struct err *e)
{
    struct tdrv_state *st = tdrv_st(c);
    struct tdrv_pool *pool;
    struct tdrv_vol *vol;
    size_t i;

    if (drv_flags_unsupported(e, ERRDOM_TEST, "testStorageVolDelete", flags,
                              0))
        return -1;
    pthread_mutex_lock(&st->lock);
    if (!(vol = tdrv_vol_get(st, v, &pool, e))) {
        pthread_mutex_unlock(&st->lock);
        return -1;
    }
    pool->allocation -= vol->allocation;
    pool->available = pool->capacity - pool->allocation;
    i = (size_t)(vol - pool->vols);
    tdrv_vol_clear(vol);
    memmove(&pool->vols[i], &pool->vols[i + 1],
            (pool->nvols - i - 1) * sizeof(pool->vols[0]));
    pool->nvols--;
    pthread_mutex_unlock(&st->lock);
    return 0;
}

/* testStorageVolGetInfo: the type follows the pool's (a directory pool's
 * volumes are files), not the volume XML's. */
int
tdrv_vol_get_info(struct drv_conn *c, const struct drv_vol *v,
                  struct drv_vol_info *info, struct err *e)
{
    struct tdrv_state *st = tdrv_st(c);
    struct tdrv_pool *pool;
    struct tdrv_vol *vol;

    pthread_mutex_lock(&st->lock);
    if ((vol = tdrv_vol_get(st, v, &pool, e))) {
        info->type = tdrv_pool_vol_type(pool);
        info->capacity = vol->capacity;
        info->allocation = vol->allocation;
    }
    pthread_mutex_unlock(&st->lock);
    return vol ? 0 : -1;
}

int
tdrv_vol_get_xml_desc(struct drv_conn *c, const struct drv_vol *v,
                      unsigned flags, struct arena *a, char **out,
                      struct err *e)
{
    struct tdrv_state *st = tdrv_st(c);
    struct tdrv_vol *vol;
    struct xmlw w;

    if (drv_flags_unsupported(e, ERRDOM_TEST, "testStorageVolGetXMLDesc",
                              flags, 0))
        return -1;
    xmlw_init(&w);
    pthread_mutex_lock(&st->lock);
    if ((vol = tdrv_vol_get(st, v, NULL, e)))
        tdrv_vol_format(&w, vol);
    pthread_mutex_unlock(&st->lock);
    if (!vol) {
        xmlw_release(&w);
        return -1;
    }
    return tdrv_xml_result(&w, a, out, e);
}

int
tdrv_vol_get_path(struct drv_conn *c, const struct drv_vol *v,
                  struct arena *a, char **out, struct err *e)
{
    struct tdrv_state *st = tdrv_st(c);
    struct tdrv_vol *vol;
    int rc = -1;

    pthread_mutex_lock(&st->lock);
    if ((vol = tdrv_vol_get(st, v, NULL, e)))
        rc = (*out = tdrv_strdup(a, vol->path, e)) ? 0 : -1;
    pthread_mutex_unlock(&st->lock);
    return rc;
}
