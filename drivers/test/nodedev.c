/*
 * nodedev.c: the test driver's node devices, as libvirt 9.0's test driver
 * keeps them: four devices at start (computer, two fc_host HBAs with
 * vport_ops, and the vHBA scsi_host11 of scsi_host1), listings with
 * capability filters, lookups, XML, parents and capabilities; create
 * makes a vHBA as the test driver pretends to, as a copy of scsi_host11
 * named scsi_host12 with the wwnn and wwpn of the XML (a second create
 * replaces it); destroy removes an fc_host device whose parent exists.
 * Devices are listed in the order they were added (libvirt lists its hash
 * table, whose order changes with every daemon start).
 *
 * All under the state lock; events are delivered after it.
 */
#include "drivers/test/test_priv.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "drivers/test/xmlp.h"

/* The test driver's devices, as its default configuration has them. */
static const char *const tdrv_default_nodedevs[] = {
    "<device><name>computer</name><capability type='system'><hardware>"
    "<vendor>Libvirt</vendor><version>Test driver</version>"
    "<serial>123456</serial>"
    "<uuid>11111111-2222-3333-4444-555555555555</uuid></hardware>"
    "<firmware><vendor>Libvirt</vendor><version>Test Driver</version>"
    "<release_date>01/22/2007</release_date></firmware></capability>"
    "</device>",
    "<device><name>scsi_host1</name><parent>computer</parent>"
    "<capability type='scsi_host'><host>1</host><unique_id>0</unique_id>"
    "<capability type='fc_host'><wwnn>2000000012341234</wwnn>"
    "<wwpn>1000000012341234</wwpn><fabric_wwn>2000000043214321</fabric_wwn>"
    "</capability><capability type='vport_ops'/></capability></device>",
    "<device><name>scsi_host2</name><parent>computer</parent>"
    "<capability type='scsi_host'><host>2</host><unique_id>1</unique_id>"
    "<capability type='fc_host'><wwnn>2000000056785678</wwnn>"
    "<wwpn>1000000056785678</wwpn><fabric_wwn>2000000087658765</fabric_wwn>"
    "</capability><capability type='vport_ops'/></capability></device>",
    "<device><name>scsi_host11</name><parent>scsi_host1</parent>"
    "<capability type='scsi_host'><host>11</host><unique_id>10</unique_id>"
    "<capability type='fc_host'><wwnn>2000000034563456</wwnn>"
    "<wwpn>1000000034563456</wwpn><fabric_wwn>2000000043214321</fabric_wwn>"
    "</capability></capability></device>",
};

/* VIR_CONNECT_LIST_NODE_DEVICES_FILTERS_CAP: one bit per capability. */
#define TDRV_ND_FILTERS ((1u << TDRV_NDCAP_MAX) - 1)
#define TDRV_ND_CREATE_VALIDATE 1u    /* VIR_NODE_DEVICE_CREATE_XML_VALIDATE */
#define TDRV_ND_EV_CREATED 0
#define TDRV_ND_EV_DELETED 1
/* The most devices the state keeps (libvirt has no bound; creating only
 * ever adds scsi_host12, so this is never reached in practice). */
#define TDRV_NODEDEVS_MAX 1024

static struct tdrv_nodedev *
tdrv_nd_get(struct tdrv_state *st, const char *name, struct err *e)
{
    return (struct tdrv_nodedev *)tdrv_obj_get(st, TDRV_K_NODEDEV, name,
                                               NULL, e);
}

/* Add @d (owned by the state on success). Caller holds the lock or is
 * the only user. */
static int
tdrv_nd_append(struct tdrv_state *st, struct tdrv_nodedev *d)
{
    struct tdrv_obj **v;

    if (st->nnodedevs >= TDRV_NODEDEVS_MAX)
        return -ENOSPC;
    if (st->nnodedevs == st->nodedevs_cap) {
        size_t cap = st->nodedevs_cap ? st->nodedevs_cap * 2 : 8;

        if (!(v = realloc(st->nodedevs, cap * sizeof(*v))))
            return -ENOMEM;
        st->nodedevs = v;
        st->nodedevs_cap = cap;
    }
    st->nodedevs[st->nnodedevs++] = &d->o;
    return 0;
}

int
tdrv_nodedev_defaults(struct tdrv_state *st)
{
    struct tdrv_nodedev *d;
    struct err e = { 0 };

    for (size_t i = 0; i < sizeof(tdrv_default_nodedevs) /
                           sizeof(tdrv_default_nodedevs[0]); i++) {
        if (tdrv_nodedev_parse(tdrv_default_nodedevs[i], false, &d, &e) < 0) {
            err_release(&e);
            return -ENOMEM;
        }
        if (tdrv_nd_append(st, d) < 0) {
            tdrv_nodedev_free(d);
            return -ENOMEM;
        }
    }
    return 0;
}

/* virNodeDeviceObjHasCapStr: an unknown name matches nothing. */
static bool
tdrv_nd_has_cap_str(const struct tdrv_nodedev *d, const char *cap)
{
    int type = cap ? tdrv_xp_index(tdrv_ndcap_names, cap) : -1;

    return !cap || (type >= 0 && tdrv_nodedev_has_cap(d, type));
}

/* The names of (at most @max) devices: those with a capability of the
 * ListAll filter @flags, or when it is 0 those with @cap (NULL: all). */
static int
tdrv_nd_select(struct tdrv_state *st, const char *cap, unsigned flags,
               int max, struct arena *a, const char ***out, int *n,
               struct err *e)
{
    const char **names;
    int k = 0;

    pthread_mutex_lock(&st->lock);
    names = arena_alloc(a, (st->nnodedevs + 1) * sizeof(*names));
    for (size_t i = 0; names && i < st->nnodedevs && k < max; i++) {
        const struct tdrv_nodedev *d =
            (const struct tdrv_nodedev *)st->nodedevs[i];
        bool keep = !flags && tdrv_nd_has_cap_str(d, cap);

        for (int t = 0; flags && !keep && t < TDRV_NDCAP_MAX; t++)
            keep = (flags & (1u << t)) && tdrv_nodedev_has_cap(d, t);
        if (keep && !(names[k++] = arena_strdup(a, d->o.name)))
            names = NULL;
    }
    pthread_mutex_unlock(&st->lock);
    if (!names)
        return tdrv_oom(e);
    *out = names;
    *n = k;
    return 0;
}

int
tdrv_nodedev_num(struct drv_conn *c, const char *cap, unsigned flags,
                 int *out, struct err *e)
{
    struct arena a;
    const char **names;
    int rc;

    if (drv_flags_unsupported(e, ERRDOM_TEST, "testNodeNumOfDevices", flags,
                              0))
        return -1;
    arena_init(&a);
    rc = tdrv_nd_select(tdrv_st(c), cap, 0, TDRV_NODEDEVS_MAX, &a, &names,
                        out, e);
    arena_reset(&a);
    return rc;
}

int
tdrv_nodedev_names(struct drv_conn *c, const char *cap, int max,
                   unsigned flags, struct arena *a, const char ***out,
                   int *n, struct err *e)
{
    if (drv_flags_unsupported(e, ERRDOM_TEST, "testNodeListDevices", flags,
                              0))
        return -1;
    return tdrv_nd_select(tdrv_st(c), cap, 0, max, a, out, n, e);
}

int
tdrv_nodedev_list_all(struct drv_conn *c, unsigned flags, struct arena *a,
                      const char ***out, int *n, struct err *e)
{
    if (drv_flags_unsupported(e, ERRDOM_TEST, "testConnectListAllNodeDevices",
                              flags, TDRV_ND_FILTERS))
        return -1;
    return tdrv_nd_select(tdrv_st(c), NULL, flags, TDRV_NODEDEVS_MAX, a, out,
                          n, e);
}

int
tdrv_nodedev_lookup(struct drv_conn *c, const char *name, struct arena *a,
                    const char **out, struct err *e)
{
    struct tdrv_state *st = tdrv_st(c);
    struct tdrv_nodedev *d;
    int rc = -1;

    pthread_mutex_lock(&st->lock);
    if ((d = tdrv_nd_get(st, name, e)))
        rc = (*out = arena_strdup(a, d->o.name)) ? 0 : tdrv_oom(e);
    pthread_mutex_unlock(&st->lock);
    return rc;
}

int
tdrv_nodedev_xml(struct drv_conn *c, const char *name, unsigned flags,
                 struct arena *a, char **out, struct err *e)
{
    if (drv_flags_unsupported(e, ERRDOM_TEST, "testNodeDeviceGetXMLDesc",
                              flags, 0))
        return -1;
    return tdrv_obj_xml(c, TDRV_K_NODEDEV, name, tdrv_nodedev_format, a, out,
                        e);
}

int
tdrv_nodedev_parent(struct drv_conn *c, const char *name, struct arena *a,
                    const char **out, struct err *e)
{
    struct tdrv_state *st = tdrv_st(c);
    struct tdrv_nodedev *d;
    int rc = -1;

    *out = NULL;
    pthread_mutex_lock(&st->lock);
    if ((d = tdrv_nd_get(st, name, e)) && !d->parent)
        err_set(e, ERR_INTERNAL_ERROR, ERRDOM_TEST,
                "no parent for this device");
    else if (d)
        rc = (*out = arena_strdup(a, d->parent)) ? 0 : tdrv_oom(e);
    pthread_mutex_unlock(&st->lock);
    return rc;
}

int
tdrv_nodedev_caps(struct drv_conn *c, const char *name, int max,
                  struct arena *a, const char ***out, int *n, struct err *e)
{
    struct tdrv_state *st = tdrv_st(c);
    struct tdrv_nodedev *d;
    const char **names = NULL;
    int k = 0;

    pthread_mutex_lock(&st->lock);
    if (!(d = tdrv_nd_get(st, name, e))) {
        pthread_mutex_unlock(&st->lock);
        return -1;
    }
    if (max < 0) {
        k = (int)d->ncaps;
    } else if ((names = arena_alloc(a, (d->ncaps + 1) * sizeof(*names)))) {
        for (size_t i = 0; i < d->ncaps && k < max; i++)
            names[k++] = tdrv_ndcap_names[d->caps[i].type];
    }
    pthread_mutex_unlock(&st->lock);
    if (max >= 0 && !names)
        return tdrv_oom(e);
    *out = names;
    *n = k;
    return 0;
}

/* -- create and destroy --------------------------------------------------- */

/* The scsi_host capability of @d with fc_host, or NULL. */
static struct tdrv_ndcap *
tdrv_nd_fc(const struct tdrv_nodedev *d)
{
    for (size_t i = 0; i < d->ncaps; i++)
        if (d->caps[i].type == TDRV_NDCAP_SCSI_HOST &&
            (d->caps[i].flags & TDRV_ND_FC_HOST))
            return &d->caps[i];
    return NULL;
}

static bool
tdrv_nd_vport_capable(const struct tdrv_nodedev *d)
{
    for (size_t i = 0; i < d->ncaps; i++)
        if (d->caps[i].type == TDRV_NDCAP_SCSI_HOST &&
            (d->caps[i].flags & TDRV_ND_VPORT_OPS))
            return true;
    return false;
}

static bool
tdrv_str_eq(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

/* The vport capable device whose fc_host has these names (fabric NULL:
 * by wwnn and wwpn), or NULL; libvirt's lookups by WWN pass over the
 * others. Caller holds the lock. */
static struct tdrv_nodedev *
tdrv_nd_by_wwn(struct tdrv_state *st, const char *wwnn, const char *wwpn,
               const char *fabric)
{
    for (size_t i = 0; i < st->nnodedevs; i++) {
        struct tdrv_nodedev *d = (struct tdrv_nodedev *)st->nodedevs[i];
        const struct tdrv_ndcap *fc = tdrv_nd_fc(d);

        if (!fc || !tdrv_nd_vport_capable(d))
            continue;
        if (fabric ? tdrv_str_eq(fc->fabric_wwn, fabric)
                   : tdrv_str_eq(fc->wwnn, wwnn) &&
                     tdrv_str_eq(fc->wwpn, wwpn))
            return d;
    }
    return NULL;
}

/* virNodeDeviceObjListGetParentHost: the parent @def names (by name, by
 * its wwnn and wwpn, or by fabric), or any vport capable one, must exist
 * and be vport capable. Caller holds the lock. */
static int
tdrv_nd_parent_host(struct tdrv_state *st, const struct tdrv_nodedev *def,
                    struct err *e)
{
    struct tdrv_nodedev *p = NULL;
    struct err ignore = { 0 };

    if (def->parent)
        p = tdrv_nd_get(st, def->parent, &ignore);
    else if (def->parent_wwnn && def->parent_wwpn)
        p = tdrv_nd_by_wwn(st, def->parent_wwnn, def->parent_wwpn, NULL);
    else if (def->parent_fabric)
        p = tdrv_nd_by_wwn(st, NULL, NULL, def->parent_fabric);
    err_release(&ignore);
    if (!def->parent && !def->parent_wwpn && !def->parent_fabric) {
        /* no parent named: any vport capable device will do */
        for (size_t i = 0; i < st->nnodedevs; i++)
            if (tdrv_nd_vport_capable((struct tdrv_nodedev *)st->nodedevs[i]))
                return 0;
        err_set(e, ERR_INTERNAL_ERROR, ERRDOM_NODEDEV,
                "Could not find any vport capable device");
        return -1;
    }
    if (!p) {
        err_set(e, ERR_INTERNAL_ERROR, ERRDOM_NODEDEV,
                "Could not find parent device for '%s'", def->o.name);
        return -1;
    }
    if (!tdrv_nd_vport_capable(p)) {
        err_set(e, ERR_INTERNAL_ERROR, ERRDOM_NODEDEV,
                "Parent device %s is not capable of vport operations",
                p->o.name);
        return -1;
    }
    return 0;
}

/* The test driver's make-believe vport: scsi_host11 copied as
 * scsi_host12 with the new names, added or put in place of an earlier
 * one. Caller holds the lock. */
static int
tdrv_nd_mock_vport(struct tdrv_state *st, const struct tdrv_ndcap *in,
                   struct err *e)
{
    struct tdrv_nodedev *tmpl, *d, *old;
    struct tdrv_ndcap *fc;
    struct err ignore = { 0 };
    int rc;

    tmpl = tdrv_nd_get(st, "scsi_host11", &ignore);
    old = tdrv_nd_get(st, "scsi_host12", &ignore);
    err_release(&ignore);
    if (!tmpl) {
        /* the test driver fails here without saying why */
        err_set_raw(e, ERR_INTERNAL_ERROR, ERRDOM_NONE,
                    "An error occurred, but the cause is unknown", NULL,
                    NULL);
        return -1;
    }
    if (!(d = tdrv_nodedev_dup(tmpl)))
        return tdrv_oom(e);
    free(d->o.name);
    d->o.name = strdup("scsi_host12");
    if ((fc = tdrv_nd_fc(d))) {
        free(fc->wwnn);
        free(fc->wwpn);
        fc->wwnn = strdup(in->wwnn);
        fc->wwpn = strdup(in->wwpn);
    }
    if (!d->o.name || (fc && (!fc->wwnn || !fc->wwpn))) {
        tdrv_nodedev_free(d);
        return tdrv_oom(e);
    }
    if (old) {
        for (size_t i = 0; i < st->nnodedevs; i++)
            if (st->nodedevs[i] == &old->o)
                st->nodedevs[i] = &d->o;
        tdrv_nodedev_free(old);
    } else if ((rc = tdrv_nd_append(st, d)) < 0) {
        tdrv_nodedev_free(d);
        if (rc == -ENOMEM)
            return tdrv_oom(e);
        err_set(e, ERR_INTERNAL_ERROR, ERRDOM_TEST, "too many node devices");
        return -1;
    }
    tdrv_nodedev_event_queue(st, d->o.name, TDRV_ND_EV_CREATED);
    return 0;
}

static int
tdrv_nd_not_fc(struct err *e)
{
    err_set(e, ERR_INTERNAL_ERROR, ERRDOM_NODEDEV,
            "Device is not a fibre channel HBA");
    return -1;
}

int
tdrv_nodedev_create_xml(struct drv_conn *c, const char *xml, unsigned flags,
                        struct arena *a, const char **out, struct err *e)
{
    struct tdrv_state *st = tdrv_st(c);
    struct tdrv_nodedev *def;
    const struct tdrv_ndcap *fc;
    int rc = -1;

    /* VALIDATE: libvirt checks the XML against its RNG schema, which
     * virtd does not have (README) */
    if (drv_flags_unsupported(e, ERRDOM_TEST, "testNodeDeviceCreateXML",
                              flags, TDRV_ND_CREATE_VALIDATE) ||
        tdrv_nodedev_parse(xml, true, &def, e) < 0)
        return -1;
    if (!(fc = tdrv_nd_fc(def))) {
        tdrv_nodedev_free(def);
        return tdrv_nd_not_fc(e);
    }
    pthread_mutex_lock(&st->lock);
    if (tdrv_nd_parent_host(st, def, e) == 0 &&
        tdrv_nd_mock_vport(st, fc, e) == 0)
        rc = (*out = arena_strdup(a, "scsi_host12")) ? 0 : tdrv_oom(e);
    pthread_mutex_unlock(&st->lock);
    tdrv_nodedev_free(def);
    tdrv_event_flush(st);
    return rc;
}

/*
 * As libvirt 9.0's test driver: a device that is not an fc_host, or whose
 * parent is gone, stays, and the call still succeeds (the driver sets an
 * error but returns 0, so libvirtd answers success).
 */
int
tdrv_nodedev_destroy(struct drv_conn *c, const char *name, struct err *e)
{
    struct tdrv_state *st = tdrv_st(c);
    struct tdrv_nodedev *d;
    struct err ignore = { 0 };
    bool gone = false;

    pthread_mutex_lock(&st->lock);
    if (!(d = tdrv_nd_get(st, name, e))) {
        pthread_mutex_unlock(&st->lock);
        err_release(&ignore);
        return -1;
    }
    if (tdrv_nd_fc(d) && d->parent && tdrv_nd_get(st, d->parent, &ignore)) {
        tdrv_obj_unlink(st, TDRV_K_NODEDEV, &d->o);
        tdrv_nodedev_event_queue(st, name, TDRV_ND_EV_DELETED);
        gone = true;
    }
    pthread_mutex_unlock(&st->lock);
    err_release(&ignore);
    if (gone)
        tdrv_nodedev_free(d);
    tdrv_event_flush(st);
    return 0;
}
