/*
 * domain_tune.c: a domain's <numatune> and <blkiotune>, as libvirt 9.0
 * reads, writes and changes them for the test driver: the XML, the
 * NUMA and blkio getters' parameters and their setters
 * (virDomainSetNumaParameters, virDomainSetBlkioParameters).
 */
#include "drivers/test/domain_parse.h"
#include "drivers/test/xmlp.h"
#include "drivers/test/xmlw.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

const char *const tdrv_numa_modes[] = {
    "strict", "preferred", "interleave", "restrictive", NULL,
};
static const char *const tdrv_numa_placements[] = {
    "default", "static", "auto", NULL,
};

/* ---- numbers, read as libvirt's virStrToLong_* read them ---- */

/*
 * strtoull's reading of @s in base 10 (blanks and a sign in front). A
 * '-' is refused unless @wrap, which then wraps it as libvirt does:
 * modulo 2^64, or for a 32-bit value (@u32) "-N" as 2^32 - N. With @end
 * the digits may be followed by anything (*end points there); without,
 * by nothing.
 */
static int
tdrv_tune_num(const char *s, bool wrap, bool u32, const char **end,
              unsigned long long *out)
{
    unsigned long long v;
    char *p;
    bool neg;

    errno = 0;
    v = strtoull(s, &p, 10);
    if (errno || p == s)
        return -1;
    neg = memchr(s, '-', (size_t)(p - s)) != NULL;
    if (neg && !wrap)
        return -1;
    if (u32 && neg) {
        if (-v > UINT_MAX)
            return -1;
        v &= UINT_MAX;
    } else if (u32 && v > UINT_MAX) {
        return -1;
    }
    if (end)
        *end = p;
    else if (*p)
        return -1;
    *out = v;
    return 0;
}

/* ---- <numatune> ---- */

/*
 * virDomainNumatuneSet: @mode and @placement -1 when not given;
 * @nodeset (canonical, taken over) NULL when not given. The first
 * setting fills in strict and the default placement; the default
 * placement is static with a nodeset or a static <vcpu> placement, auto
 * otherwise; auto drops the nodeset, and static needs one.
 */
int
tdrv_numatune_set(struct tdrv_numatune *nt, bool vcpu_static, int placement,
                  int mode, char *nodeset, struct err *e)
{
    if (mode < 0 && placement < 0 && !nodeset)
        return 0;
    if (!nt->specified) {
        if (mode < 0)
            mode = TDRV_NUMA_STRICT;
        if (placement < 0)
            placement = TDRV_NPLACE_DEFAULT;
    }
    if (mode >= 0)
        nt->mode = mode;
    if (nodeset) {
        free(nt->nodeset);
        nt->nodeset = nodeset;
        if (placement < 0)
            placement = TDRV_NPLACE_STATIC;
    }
    if (placement == TDRV_NPLACE_DEFAULT)
        placement = nt->nodeset || vcpu_static ? TDRV_NPLACE_STATIC
                                               : TDRV_NPLACE_AUTO;
    if (placement == TDRV_NPLACE_STATIC && !nt->nodeset) {
        err_set(e, ERR_CONFIG_UNSUPPORTED, ERRDOM_DOMAIN,
                "nodeset for NUMA memory tuning must be set if 'placement' "
                "is 'static'");
        return -1;
    }
    if (placement == TDRV_NPLACE_AUTO) {
        free(nt->nodeset);
        nt->nodeset = NULL;
    }
    if (placement >= 0)
        nt->placement = placement;
    nt->specified = true;
    return 0;
}

/* A nodeset attribute: parsed, and not empty. */
static int
tdrv_parse_nodeset(const char *s, char **out, struct err *e)
{
    if (tdrv_bitmap_parse(s, out, e) < 0)
        return -1;
    if (**out)
        return 0;
    free(*out);
    *out = NULL;
    err_set(e, ERR_CONFIG_UNSUPPORTED, ERRDOM_DOMAIN,
            "Invalid value of 'nodeset': %s", s);
    return -1;
}

/* <memnode>: per guest NUMA cell, which virtd does not keep. */
static int
tdrv_parse_memnodes(const struct xml_node *root, const struct xml_node *tune,
                    const struct tdrv_numatune *nt, struct err *e)
{
    const struct xml_node *numa = xml_child(xml_child(root, "cpu"), "numa");

    if (!xml_child(tune, "memnode"))
        return 0;
    if (nt->specified && nt->placement == TDRV_NPLACE_AUTO) {
        err_set(e, ERR_CONFIG_UNSUPPORTED, ERRDOM_DOMAIN, "Per-node binding "
                "is not compatible with automatic NUMA placement.");
        return -1;
    }
    if (!xml_child(numa, "cell")) {
        err_set(e, ERR_XML_ERROR, ERRDOM_DOMAIN, "Element 'memnode' is "
                "invalid without any guest NUMA cells");
        return -1;
    }
    err_set(e, ERR_ARGUMENT_UNSUPPORTED, ERRDOM_DOMAIN,
            "virtd keeps no guest NUMA cells, so no <memnode>");
    return -1;
}

/*
 * <numatune><memory mode placement nodeset>, after <vcpu> and <cputune>:
 * a <vcpu placement='auto'> without one makes it strict and auto, and
 * an auto placement makes the vCPUs' placement auto too when nothing
 * pins them (vCPUs, the emulator or an IOThread).
 */
int
tdrv_parse_numatune(const struct xml_node *root, struct tdrv_domdef *def,
                    struct err *e)
{
    const struct xml_node *tune = xml_child(root, "numatune");
    const struct xml_node *mem = xml_child(tune, "memory");
    int mode = -1, placement = -1;
    char *nodeset = NULL;
    const char *s;

    if (tune && xml_next_named(tune)) {
        err_set(e, ERR_XML_ERROR, ERRDOM_DOMAIN,
                "only one numatune is supported");
        return -1;
    }
    if (def->placement_auto && !mem)
        placement = TDRV_NPLACE_AUTO;
    if ((s = xml_attr(mem, "mode")) &&
        (mode = tdrv_xp_index(tdrv_numa_modes, s)) < 0) {
        err_set(e, ERR_CONFIG_UNSUPPORTED, ERRDOM_DOMAIN,
                "Unsupported NUMA memory tuning mode '%s'", s);
        return -1;
    }
    if ((s = xml_attr(mem, "placement")) &&
        (placement = tdrv_xp_index(tdrv_numa_placements, s)) < 0) {
        err_set(e, ERR_CONFIG_UNSUPPORTED, ERRDOM_DOMAIN,
                "Unsupported NUMA memory placement mode '%s'", s);
        return -1;
    }
    if ((s = xml_attr(mem, "nodeset")) &&
        tdrv_parse_nodeset(s, &nodeset, e) < 0)
        return -1;
    if (tdrv_numatune_set(&def->numatune, !def->placement_auto, placement,
                          mode, nodeset, e) < 0 ||
        tdrv_parse_memnodes(root, tune, &def->numatune, e) < 0)
        return -1;
    if (def->numatune.specified &&
        def->numatune.placement == TDRV_NPLACE_AUTO && !def->cpuset &&
        def->npins == 0 && !def->emulatorpin && !tdrv_iothreads_pinned(def))
        def->placement_auto = true;
    return 0;
}

void
tdrv_fmt_numatune(struct xmlw *w, const struct tdrv_domdef *def)
{
    const struct tdrv_numatune *nt = &def->numatune;

    if (!nt->specified)
        return;
    xmlw_start(w, "numatune");
    xmlw_open(w);
    xmlw_start(w, "memory");
    xmlw_attr(w, "mode", tdrv_numa_modes[nt->mode]);
    if (nt->placement == TDRV_NPLACE_STATIC)
        xmlw_attr(w, "nodeset", nt->nodeset);
    else
        xmlw_attr(w, "placement", tdrv_numa_placements[nt->placement]);
    xmlw_empty(w);
    xmlw_close(w, "numatune");
}

/* ---- <blkiotune> ---- */

/* The five per-device values, in the order libvirt writes them, with
 * their typed parameter names and their parse error words. */
enum { TDRV_BLK_WEIGHT, TDRV_BLK_RIOPS, TDRV_BLK_WIOPS, TDRV_BLK_RBPS,
       TDRV_BLK_WBPS, TDRV_BLK_FIELDS };
static const struct {
    const char *elem;             /* <device> child */
    const char *param;            /* typed parameter */
    const char *what;             /* "could not parse %s" */
    bool u32;
} tdrv_blk_fields[TDRV_BLK_FIELDS] = {
    { "weight", "device_weight", "weight", true },
    { "read_iops_sec", "device_read_iops_sec", "read iops sec", true },
    { "write_iops_sec", "device_write_iops_sec", "write iops sec", true },
    { "read_bytes_sec", "device_read_bytes_sec", "read bytes sec", false },
    { "write_bytes_sec", "device_write_bytes_sec", "write bytes sec", false },
};
/* libvirt reads a device's values in this order (its errors say so) */
static const int tdrv_blk_parse_order[TDRV_BLK_FIELDS] = {
    TDRV_BLK_WEIGHT, TDRV_BLK_RBPS, TDRV_BLK_WBPS, TDRV_BLK_RIOPS,
    TDRV_BLK_WIOPS,
};

static uint64_t
tdrv_blk_get(const struct tdrv_blkio_dev *d, int f)
{
    switch (f) {
    case TDRV_BLK_WEIGHT: return d->weight;
    case TDRV_BLK_RIOPS: return d->riops;
    case TDRV_BLK_WIOPS: return d->wiops;
    case TDRV_BLK_RBPS: return d->rbps;
    default: return d->wbps;
    }
}

static void
tdrv_blk_put(struct tdrv_blkio_dev *d, int f, uint64_t v)
{
    switch (f) {
    case TDRV_BLK_WEIGHT: d->weight = (unsigned)v; break;
    case TDRV_BLK_RIOPS: d->riops = (unsigned)v; break;
    case TDRV_BLK_WIOPS: d->wiops = (unsigned)v; break;
    case TDRV_BLK_RBPS: d->rbps = v; break;
    default: d->wbps = v; break;
    }
}

static bool
tdrv_blk_any(const struct tdrv_blkio_dev *d)
{
    for (int f = 0; f < TDRV_BLK_FIELDS; f++)
        if (tdrv_blk_get(d, f))
            return true;
    return false;
}

/* Room for one more device in def->blkio_devs; NULL with the error set. */
static struct tdrv_blkio_dev *
tdrv_blk_append(struct tdrv_domdef *def, struct err *e)
{
    struct tdrv_blkio_dev *v;

    if (def->nblkio_devs >= TDRV_BLKIO_DEVS_MAX) {
        err_set(e, ERR_INVALID_ARG, ERRDOM_DOMAIN, "virtd keeps at most %d "
                "blkio devices per domain", TDRV_BLKIO_DEVS_MAX);
        return NULL;
    }
    v = realloc(def->blkio_devs, (def->nblkio_devs + 1) * sizeof(*v));
    if (!v) {
        tdrv_oom(e);
        return NULL;
    }
    def->blkio_devs = v;
    v = &v[def->nblkio_devs];
    memset(v, 0, sizeof(*v));
    return v;
}

/* The text of @node's first child element @name, or NULL when it has
 * none or it is empty (XPath string() as libvirt reads it). */
static const char *
tdrv_blk_text(const struct xml_node *node, const char *name)
{
    const char *s = xml_text(xml_child(node, name));

    return s && *s ? s : NULL;
}

static int
tdrv_parse_blkio_dev(const struct xml_node *n, struct tdrv_domdef *def,
                     struct err *e)
{
    const char *path = tdrv_blk_text(n, "path");
    struct tdrv_blkio_dev dev = { NULL, 0, 0, 0, 0, 0 }, *slot;

    if (!path) {
        err_set(e, ERR_CONFIG_UNSUPPORTED, ERRDOM_DOMAIN,
                "missing per-device path");
        return -1;
    }
    for (int i = 0; i < TDRV_BLK_FIELDS; i++) {
        int f = tdrv_blk_parse_order[i];
        const char *s = tdrv_blk_text(n, tdrv_blk_fields[f].elem);
        unsigned long long v;

        if (!s)
            continue;
        if (tdrv_tune_num(s, true, tdrv_blk_fields[f].u32, NULL, &v) < 0) {
            err_set(e, ERR_CONFIG_UNSUPPORTED, ERRDOM_DOMAIN,
                    "could not parse %s %s", tdrv_blk_fields[f].what, s);
            return -1;
        }
        tdrv_blk_put(&dev, f, v);
    }
    if (strlen(path) >= TDRV_BLKIO_PATH_MAX) {
        err_set(e, ERR_INVALID_ARG, ERRDOM_DOMAIN,
                "blkio device path longer than %d bytes",
                TDRV_BLKIO_PATH_MAX - 1);
        return -1;
    }
    if (!(slot = tdrv_blk_append(def, e)))
        return -1;
    if (!(dev.path = strdup(path)))
        return tdrv_oom(e);
    *slot = dev;
    def->nblkio_devs++;
    return 0;
}

/*
 * <blkiotune>: the first <weight> (one that does not read as a positive
 * number is ignored) and the devices of every <blkiotune>; two devices
 * with one path are refused (libvirt's validation, after the parse).
 */
int
tdrv_parse_blkiotune(const struct xml_node *root, struct tdrv_domdef *def,
                     struct err *e)
{
    const struct xml_node *b, *n;
    bool weighed = false;

    for (b = xml_child(root, "blkiotune"); b; b = xml_next_named(b)) {
        const struct xml_node *w = xml_child(b, "weight");
        unsigned long long v;

        if (w && !weighed) {
            weighed = true;
            if (tdrv_tune_num(xml_text(w), false, true, NULL, &v) == 0)
                def->blkio_weight = (unsigned)v;
        }
        for (n = xml_child(b, "device"); n; n = xml_next_named(n))
            if (tdrv_parse_blkio_dev(n, def, e) < 0)
                return -1;
    }
    return 0;
}

int
tdrv_check_blkiotune(const struct tdrv_domdef *def, struct err *e)
{
    for (size_t i = 0; i < def->nblkio_devs; i++) {
        for (size_t j = 0; j < i; j++) {
            if (strcmp(def->blkio_devs[i].path, def->blkio_devs[j].path))
                continue;
            err_set(e, ERR_CONFIG_UNSUPPORTED, ERRDOM_DOMAIN,
                    "duplicate blkio device path '%s'",
                    def->blkio_devs[i].path);
            return -1;
        }
    }
    return 0;
}

void
tdrv_fmt_blkiotune(struct xmlw *w, const struct tdrv_domdef *def)
{
    bool any = def->blkio_weight != 0;

    for (size_t i = 0; !any && i < def->nblkio_devs; i++)
        any = tdrv_blk_any(&def->blkio_devs[i]);
    if (!any)
        return;
    xmlw_start(w, "blkiotune");
    xmlw_open(w);
    if (def->blkio_weight) {
        xmlw_start(w, "weight");
        xmlw_text(w, "weight", "%u", def->blkio_weight);
    }
    for (size_t i = 0; i < def->nblkio_devs; i++) {
        const struct tdrv_blkio_dev *d = &def->blkio_devs[i];

        if (!tdrv_blk_any(d))
            continue;
        xmlw_start(w, "device");
        xmlw_open(w);
        xmlw_elem(w, "path", d->path);
        for (int f = 0; f < TDRV_BLK_FIELDS; f++) {
            if (!tdrv_blk_get(d, f))
                continue;
            xmlw_start(w, tdrv_blk_fields[f].elem);
            xmlw_text(w, tdrv_blk_fields[f].elem, "%llu",
                      (unsigned long long)tdrv_blk_get(d, f));
        }
        xmlw_close(w, "device");
    }
    xmlw_close(w, "blkiotune");
}

/* ---- copies ---- */

void
tdrv_tune_release(struct tdrv_domdef *def)
{
    for (size_t i = 0; def->blkio_devs && i < def->nblkio_devs; i++)
        free(def->blkio_devs[i].path);
    free(def->blkio_devs);
    free(def->numatune.nodeset);
}

/* @to holds @from's scalars; its pointers are replaced here. */
int
tdrv_tune_copy(struct tdrv_domdef *to, const struct tdrv_domdef *from)
{
    to->blkio_devs = NULL;
    to->nblkio_devs = 0;
    to->numatune.nodeset = NULL;
    if (from->numatune.nodeset &&
        !(to->numatune.nodeset = strdup(from->numatune.nodeset)))
        return -1;
    if (!from->nblkio_devs)
        return 0;
    if (!(to->blkio_devs = calloc(from->nblkio_devs,
                                  sizeof(*to->blkio_devs))))
        return -1;
    for (size_t i = 0; i < from->nblkio_devs; i++) {
        to->blkio_devs[i] = from->blkio_devs[i];
        if (!(to->blkio_devs[i].path = strdup(from->blkio_devs[i].path)))
            return -1;
        to->nblkio_devs++;
    }
    return 0;
}

/* ---- typed parameters ---- */

/* NUMA: the mode (strict when none was given) and the nodeset ("" for
 * none or an auto placement). */
void
tdrv_numa_tunables(const struct tdrv_domdef *def, struct arena *a,
                   struct drv_tparam *all)
{
    const struct tdrv_numatune *nt = &def->numatune;

    (void)a;
    tdrv_tp_set(&all[0], "numa_mode", DRV_TP_INT,
                nt->specified ? nt->mode : TDRV_NUMA_STRICT, NULL);
    tdrv_tp_set(&all[1], "numa_nodeset", DRV_TP_STRING, 0,
                nt->specified && nt->nodeset ? nt->nodeset : "");
}

/* "path,value,path,value" of the devices whose @f is set; NULL on
 * ENOMEM. */
static char *
tdrv_blk_list(const struct tdrv_domdef *def, int f, struct arena *a)
{
    struct xml_buf b;
    char *s, *out;

    xml_buf_init(&b);
    for (size_t i = 0; i < def->nblkio_devs; i++) {
        const struct tdrv_blkio_dev *d = &def->blkio_devs[i];

        if (tdrv_blk_get(d, f))
            xml_buf_printf(&b, "%s%s,%llu", b.len ? "," : "", d->path,
                           (unsigned long long)tdrv_blk_get(d, f));
    }
    if (!(s = xml_buf_steal(&b)))
        return NULL;
    out = arena_strdup(a, s);
    free(s);
    return out;
}

/* blkio: the weight, then one device list per value. A list that could
 * not be made (ENOMEM) is left NULL, which the caller reports. */
void
tdrv_blkio_tunables(const struct tdrv_domdef *def, struct arena *a,
                    struct drv_tparam *all)
{
    tdrv_tp_set(&all[0], "weight", DRV_TP_UINT, def->blkio_weight, NULL);
    for (int f = 0; f < TDRV_BLK_FIELDS; f++)
        tdrv_tp_set(&all[1 + f], tdrv_blk_fields[f].param, DRV_TP_STRING,
                    0, tdrv_blk_list(def, f, a));
}

/*
 * testDomainSetNumaParameters: a mode in range and a nodeset with a bit
 * set; a running domain's mode cannot change once one is set; then as
 * the XML's <numatune>, with the vCPUs' placement as the default's
 * guide.
 */
int
tdrv_dom_set_numa_params(struct drv_conn *c, const struct drv_dom *d,
                         const struct drv_tparam *params, int nparams,
                         unsigned flags, struct err *e)
{
    static const struct drv_tparam_key keys[] = {
        { "numa_mode", DRV_TP_INT },
        { "numa_nodeset", DRV_TP_STRING },
    };
    struct tdrv_domdef *def;
    struct tdrv_dom *dom;
    char *nodeset = NULL;
    bool live = false;
    int mode = -1, rc = -1;

    if (drv_flags_unsupported(e, ERRDOM_TEST, "testDomainSetNumaParameters",
                              flags, TDRV_AFFECT_LIVE | TDRV_AFFECT_CONFIG) ||
        tdrv_tparams_check(params, nparams, keys, 2, e) < 0 ||
        !(dom = tdrv_dom_lock(c, d, e)))
        return -1;
    if (!(def = tdrv_dom_one_def(dom, flags, &live, e)))
        goto out;
    for (int i = 0; i < nparams; i++) {
        if (strcmp(params[i].field, "numa_mode") == 0) {
            if (params[i].i < 0 || params[i].i >= TDRV_NUMA_MODES) {
                err_set(e, ERR_INVALID_ARG, ERRDOM_TEST,
                        "unsupported numatune mode: '%d'", (int)params[i].i);
                goto out;
            }
            mode = (int)params[i].i;
            continue;
        }
        free(nodeset);
        nodeset = NULL;
        if (tdrv_bitmap_parse(params[i].s, &nodeset, e) < 0)
            goto out;
        if (!*nodeset) {
            err_set(e, ERR_OPERATION_INVALID, ERRDOM_TEST,
                    "Invalid nodeset of 'numatune': %s", params[i].s);
            goto out;
        }
    }
    if (live && mode >= 0 && def->numatune.specified &&
        def->numatune.mode != mode) {
        err_set(e, ERR_OPERATION_INVALID, ERRDOM_TEST,
                "can't change numatune mode for running domain");
        goto out;
    }
    rc = tdrv_numatune_set(&def->numatune, !def->placement_auto, -1, mode,
                           nodeset, e);
    nodeset = NULL;
out:
    free(nodeset);
    tdrv_dom_unlock(c);
    return rc;
}

/* The device of @def with this path, or NULL. */
static struct tdrv_blkio_dev *
tdrv_blk_find(struct tdrv_domdef *def, const char *path, size_t len)
{
    for (size_t i = 0; i < def->nblkio_devs; i++)
        if (strlen(def->blkio_devs[i].path) == len &&
            memcmp(def->blkio_devs[i].path, path, len) == 0)
            return &def->blkio_devs[i];
    return NULL;
}

/*
 * One pass over a wire device list "path,value,path,value..." for field
 * @f (virDomainDriverParseBlkioDeviceStr): the first (!@apply) checks it
 * all and counts in *added the devices it would add; the second merges
 * it into @def (virDomainDriverMergeBlkioDevice): a known path gets the
 * value, even 0; a new one is added unless its value is 0.
 */
static int
tdrv_blk_pass(struct tdrv_domdef *def, int f, const char *str, bool apply,
              size_t *added, struct err *e)
{
    const char *name = tdrv_blk_fields[f].param, *p, *t = str;
    size_t commas = 0;

    for (p = str; (p = strchr(p, ',')); p++)
        commas++;
    if (!(commas & 1))
        goto parse_error;
    while (t) {
        struct tdrv_blkio_dev *dev;
        unsigned long long v;
        const char *path = t;
        size_t len;

        if (!(p = strchr(t, ',')))
            goto parse_error;
        len = (size_t)(p - t);
        t = p + 1;
        if (tdrv_tune_num(t, false, tdrv_blk_fields[f].u32, &p, &v) < 0) {
            err_set(e, ERR_INVALID_ARG, ERRDOM_DOMAIN,
                    "invalid value '%s' for parameter '%s' of device '%.*s'",
                    t, name, (int)len, path);
            return -1;
        }
        if (len >= TDRV_BLKIO_PATH_MAX) {
            err_set(e, ERR_INVALID_ARG, ERRDOM_DOMAIN,
                    "blkio device path longer than %d bytes",
                    TDRV_BLKIO_PATH_MAX - 1);
            return -1;
        }
        dev = tdrv_blk_find(def, path, len);
        if (!apply) {
            *added += !dev && v;
        } else if (dev || v) {
            if (!dev) {
                if (!(dev = tdrv_blk_append(def, e)))
                    return -1;
                if (!(dev->path = strndup(path, len)))
                    return tdrv_oom(e);
                def->nblkio_devs++;
            }
            tdrv_blk_put(dev, f, v);
        }
        if (!*p)
            break;
        if (*p != ',')
            goto parse_error;
        t = p + 1;
    }
    return 0;

parse_error:
    err_set(e, ERR_INVALID_ARG, ERRDOM_DOMAIN,
            "unable to parse blkio device '%s' '%s'", name, str);
    return -1;
}

/* A wire device list for field @f: checked whole, then merged. */
static int
tdrv_blk_merge(struct tdrv_domdef *def, int f, const char *str,
               struct err *e)
{
    size_t added = 0;

    if (!*str)
        return 0;
    if (tdrv_blk_pass(def, f, str, false, &added, e) < 0)
        return -1;
    if (def->nblkio_devs + added > TDRV_BLKIO_DEVS_MAX) {
        err_set(e, ERR_INVALID_ARG, ERRDOM_DOMAIN, "virtd keeps at most %d "
                "blkio devices per domain", TDRV_BLKIO_DEVS_MAX);
        return -1;
    }
    return tdrv_blk_pass(def, f, str, true, &added, e);
}

/* testDomainSetBlkioParameters: every parameter is applied in turn; one
 * that cannot be read fails the call (with the last such error) after
 * the others are applied, as libvirt's does. */
int
tdrv_dom_set_blkio_params(struct drv_conn *c, const struct drv_dom *d,
                          const struct drv_tparam *params, int nparams,
                          unsigned flags, struct err *e)
{
    static const struct drv_tparam_key keys[] = {
        { "device_read_bytes_sec", DRV_TP_STRING },
        { "device_read_iops_sec", DRV_TP_STRING },
        { "device_weight", DRV_TP_STRING },
        { "device_write_bytes_sec", DRV_TP_STRING },
        { "device_write_iops_sec", DRV_TP_STRING },
        { "weight", DRV_TP_UINT },
    };
    struct tdrv_domdef *def;
    struct tdrv_dom *dom;
    int rc = 0;

    if (drv_flags_unsupported(e, ERRDOM_TEST, "testDomainSetBlkioParameters",
                              flags, TDRV_AFFECT_LIVE | TDRV_AFFECT_CONFIG) ||
        tdrv_tparams_check(params, nparams, keys, 6, e) < 0 ||
        !(dom = tdrv_dom_lock(c, d, e)))
        return -1;
    if (!(def = tdrv_dom_one_def(dom, flags, NULL, e)))
        rc = -1;
    for (int i = 0; def && i < nparams; i++) {
        if (strcmp(params[i].field, "weight") == 0) {
            def->blkio_weight = (unsigned)params[i].i;
            continue;
        }
        for (int f = 0; f < TDRV_BLK_FIELDS; f++)
            if (strcmp(params[i].field, tdrv_blk_fields[f].param) == 0 &&
                tdrv_blk_merge(def, f, params[i].s, e) < 0)
                rc = -1;
    }
    tdrv_dom_unlock(c);
    return rc;
}

/* ---- a disk's <iotune> ---- */

/* The fields in libvirt's order: the XML's and the typed parameters'. */
static const char *const tdrv_iotune_names[TDRV_IOTUNE_FIELDS] = {
    "total_bytes_sec", "read_bytes_sec", "write_bytes_sec",
    "total_iops_sec", "read_iops_sec", "write_iops_sec",
    "total_bytes_sec_max", "read_bytes_sec_max", "write_bytes_sec_max",
    "total_iops_sec_max", "read_iops_sec_max", "write_iops_sec_max",
    "size_iops_sec", "group_name",
    "total_bytes_sec_max_length", "read_bytes_sec_max_length",
    "write_bytes_sec_max_length", "total_iops_sec_max_length",
    "read_iops_sec_max_length", "write_iops_sec_max_length",
};

/* The set libvirt refuses together: a total (at @t) with the read or
 * write value after it, for bytes, iops and their maximums. */
static const struct {
    int t;
    const char *what;
} tdrv_iotune_pairs[] = {
    { 0, "bytes_sec" }, { 3, "iops_sec" }, { 6, "bytes_sec_max" },
    { 9, "iops_sec_max" },
};

static const char *
tdrv_iotune_pair_clash(const struct tdrv_iotune *io)
{
    for (size_t i = 0; i < 4; i++) {
        int t = tdrv_iotune_pairs[i].t;

        if (io->v[t] && (io->v[t + 1] || io->v[t + 2]))
            return tdrv_iotune_pairs[i].what;
    }
    return NULL;
}

/* The first <@name> of any <iotune> of the disk (XPath string() of
 * ./iotune/@name), or NULL when there is none or it is empty. */
static const char *
tdrv_iotune_text(const struct xml_node *disk, const char *name)
{
    for (const struct xml_node *io = xml_child(disk, "iotune"); io;
         io = xml_next_named(io)) {
        const struct xml_node *f = xml_child(io, name);

        if (f)
            return *xml_text(f) ? xml_text(f) : NULL;
    }
    return NULL;
}

int
tdrv_parse_iotune(const struct xml_node *disk, struct tdrv_iotune *io,
                  struct err *e)
{
    const char *what;

    for (int f = 0; f < TDRV_IOTUNE_FIELDS; f++) {
        const char *s = tdrv_iotune_text(disk, tdrv_iotune_names[f]);
        unsigned long long v;

        if (!s)
            continue;
        if (f == TDRV_IOTUNE_GROUP) {
            if (!(io->group = strdup(s)))
                return tdrv_oom(e);
            continue;
        }
        if (tdrv_tune_num(s, false, false, NULL, &v) < 0) {
            err_set(e, ERR_XML_ERROR, ERRDOM_DOMAIN,
                    "disk iotune field '%s' must be an integer",
                    tdrv_iotune_names[f]);
            return -1;
        }
        io->v[f] = v;
    }
    if ((what = tdrv_iotune_pair_clash(io))) {
        err_set(e, ERR_XML_ERROR, ERRDOM_DOMAIN, "total and read/write %s "
                "cannot be set at the same time", what);
        return -1;
    }
    return 0;
}

void
tdrv_fmt_iotune(struct xmlw *w, const struct tdrv_iotune *io)
{
    bool any = io->group != NULL;

    for (int f = 0; !any && f < TDRV_IOTUNE_FIELDS; f++)
        any = io->v[f] != 0;
    if (!any)
        return;
    xmlw_start(w, "iotune");
    xmlw_open(w);
    for (int f = 0; f < TDRV_IOTUNE_FIELDS; f++) {
        if (f == TDRV_IOTUNE_GROUP) {
            if (io->group)
                xmlw_elem(w, "group_name", io->group);
            continue;
        }
        if (!io->v[f])
            continue;
        xmlw_start(w, tdrv_iotune_names[f]);
        xmlw_text(w, tdrv_iotune_names[f], "%llu",
                  (unsigned long long)io->v[f]);
    }
    xmlw_close(w, "iotune");
}

#define TDRV_IOTUNE_LIMIT 1000000000000000ULL

/*
 * testDomainSetBlockIoTune: the disk's values with the parameters given
 * (each at most 10^15), then refused when a total is set with a read or
 * write value, or a value is above its maximum (an unset maximum is 0),
 * else kept in the disk of the live or persistent definition.
 */
int
tdrv_dom_set_block_iotune(struct drv_conn *c, const struct drv_dom *d,
                          const char *path, const struct drv_tparam *params,
                          int nparams, unsigned flags, struct err *e)
{
    struct drv_tparam_key keys[TDRV_IOTUNE_FIELDS];
    struct tdrv_iotune io;
    struct tdrv_domdef *def;
    struct tdrv_disk *disk;
    const char *what, *group = NULL;
    bool set_group = false;
    struct tdrv_dom *dom;
    int rc = -1, nk = 0;

    /* the names sorted, as tdrv_tparams_check wants them */
    for (int f = 0; f < TDRV_IOTUNE_FIELDS; f++) {
        int at = nk++;

        while (at > 0 && strcmp(keys[at - 1].name, tdrv_iotune_names[f]) > 0) {
            keys[at] = keys[at - 1];
            at--;
        }
        keys[at].name = tdrv_iotune_names[f];
        keys[at].type = f == TDRV_IOTUNE_GROUP ? DRV_TP_STRING : DRV_TP_ULLONG;
    }
    if (drv_flags_unsupported(e, ERRDOM_TEST, "testDomainSetBlockIoTune",
                              flags, TDRV_AFFECT_LIVE | TDRV_AFFECT_CONFIG) ||
        tdrv_tparams_check(params, nparams, keys, TDRV_IOTUNE_FIELDS, e) < 0 ||
        !(dom = tdrv_dom_lock(c, d, e)))
        return -1;
    if (!(def = tdrv_dom_one_def(dom, flags, NULL, e)))
        goto out;
    if (!(disk = tdrv_find_disk(def, path))) {
        err_set(e, ERR_INVALID_ARG, ERRDOM_TEST,
                "missing persistent configuration for disk '%s'", path);
        goto out;
    }
    io = disk->iotune;
    for (int i = 0; i < nparams; i++) {
        int f = tdrv_xp_index(tdrv_iotune_names, params[i].field);

        if (params[i].type != DRV_TP_STRING &&
            (uint64_t)params[i].i > TDRV_IOTUNE_LIMIT) {
            err_set(e, ERR_ARGUMENT_UNSUPPORTED, ERRDOM_TEST, "block I/O "
                    "throttle limit value must be no more than %llu",
                    TDRV_IOTUNE_LIMIT);
            goto out;
        }
        if (f == TDRV_IOTUNE_GROUP) {
            group = params[i].s;
            set_group = true;
        } else {
            io.v[f] = (uint64_t)params[i].i;
        }
    }
    if ((what = tdrv_iotune_pair_clash(&io))) {
        err_set(e, ERR_INVALID_ARG, ERRDOM_TEST, "total and read/write of %s "
                "cannot be set at the same time", what);
        goto out;
    }
    for (int f = 0; f < 6; f++) {
        if (io.v[f] <= io.v[f + 6])
            continue;
        err_set(e, ERR_INVALID_ARG, ERRDOM_TEST,
                "%s cannot be set higher than %s ", tdrv_iotune_names[f],
                tdrv_iotune_names[f + 6]);
        goto out;
    }
    if (set_group) {
        /* kept even when empty (then written as an empty element) */
        char *g = strdup(group ? group : "");

        if (!g) {
            tdrv_oom(e);
            goto out;
        }
        free(disk->iotune.group);
        io.group = g;
    }
    disk->iotune = io;
    rc = 0;
out:
    tdrv_dom_unlock(c);
    return rc;
}

/* testDomainGetBlockIoTune: the 20 values of a disk of the live or
 * persistent definition, the first *nparams of them (0: the count). */
int
tdrv_dom_get_block_iotune(struct drv_conn *c, const struct drv_dom *d,
                          const char *path, struct drv_tparam *params,
                          int *nparams, unsigned flags, struct arena *a,
                          struct err *e)
{
    struct tdrv_domdef *def;
    struct tdrv_disk *disk;
    struct tdrv_dom *dom;
    int rc = -1;

    if (drv_flags_unsupported(e, ERRDOM_TEST, "testDomainGetBlockIoTune",
                              flags, TDRV_AFFECT_LIVE | TDRV_AFFECT_CONFIG |
                              TDRV_TP_STRING_OKAY))
        return -1;
    flags &= ~TDRV_TP_STRING_OKAY;
    if (*nparams == 0) {
        *nparams = TDRV_IOTUNE_FIELDS;
        return 0;
    }
    if (!(dom = tdrv_dom_lock(c, d, e)))
        return -1;
    if (!(def = tdrv_dom_one_def(dom, flags, NULL, e)))
        goto out;
    if (!path || !(disk = tdrv_find_disk(def, path))) {
        err_set(e, ERR_INVALID_ARG, ERRDOM_TEST,
                "disk '%s' was not found in the domain config",
                path ? path : "(null)");
        goto out;
    }
    if (*nparams > TDRV_IOTUNE_FIELDS)
        *nparams = TDRV_IOTUNE_FIELDS;
    for (int f = 0; f < *nparams; f++) {
        if (f != TDRV_IOTUNE_GROUP) {
            tdrv_tp_set(&params[f], tdrv_iotune_names[f], DRV_TP_ULLONG,
                        (int64_t)disk->iotune.v[f], NULL);
            continue;
        }
        tdrv_tp_set(&params[f], "group_name", DRV_TP_STRING, 0,
                    arena_strdup(a, disk->iotune.group ? disk->iotune.group
                                                       : ""));
        if (!params[f].s) {
            tdrv_oom(e);
            goto out;
        }
    }
    rc = 0;
out:
    tdrv_dom_unlock(c);
    return rc;
}
