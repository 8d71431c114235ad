/*
 * snapshot.c: domain snapshots of the test driver, as libvirt 9.0's test
 * driver keeps them: a tree per domain (each snapshot names its parent),
 * a current snapshot, a copy of the domain's definition in each; the
 * lists and their filters, creating, redefining and deleting. Reverting
 * is in snapshot_revert.c.
 *
 * Worker threads; every call holds the state lock while it reads or
 * changes a domain's snapshots (see test_priv.h).
 */
#include "drivers/test/test_priv.h"
#include "drivers/test/xmlp.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* virDomainSnapshotCreateFlags */
#define TDRV_SNAP_CREATE_REDEFINE   (1u << 0)
#define TDRV_SNAP_CREATE_CURRENT    (1u << 1)
#define TDRV_SNAP_CREATE_HALT       (1u << 3)
#define TDRV_SNAP_CREATE_QUIESCE    (1u << 6)
#define TDRV_SNAP_CREATE_ATOMIC     (1u << 7)
#define TDRV_SNAP_CREATE_LIVE       (1u << 8)
#define TDRV_SNAP_CREATE_VALIDATE   (1u << 9)

/* virDomainSnapshotListFlags (ROOTS and DESCENDANTS share a bit) */
#define TDRV_SNAP_LIST_ROOTS        (1u << 0)
#define TDRV_SNAP_LIST_METADATA     (1u << 1)
#define TDRV_SNAP_LIST_LEAVES       (1u << 2)
#define TDRV_SNAP_LIST_NO_LEAVES    (1u << 3)
#define TDRV_SNAP_LIST_NO_METADATA  (1u << 4)
#define TDRV_SNAP_LIST_INACTIVE     (1u << 5)
#define TDRV_SNAP_LIST_ACTIVE       (1u << 6)
#define TDRV_SNAP_LIST_DISK_ONLY    (1u << 7)
#define TDRV_SNAP_LIST_INTERNAL     (1u << 8)
#define TDRV_SNAP_LIST_EXTERNAL     (1u << 9)
#define TDRV_SNAP_LIST_TOPOLOGICAL  (1u << 10)
#define TDRV_SNAP_LIST_FLAGS        0x7ffu
#define TDRV_SNAP_F_LEAVES    (TDRV_SNAP_LIST_LEAVES | TDRV_SNAP_LIST_NO_LEAVES)
#define TDRV_SNAP_F_STATUS    (TDRV_SNAP_LIST_INACTIVE | \
                               TDRV_SNAP_LIST_ACTIVE | \
                               TDRV_SNAP_LIST_DISK_ONLY)
#define TDRV_SNAP_F_LOCATION  (TDRV_SNAP_LIST_INTERNAL | \
                               TDRV_SNAP_LIST_EXTERNAL)
#define TDRV_SNAP_F_METADATA  (TDRV_SNAP_LIST_METADATA | \
                               TDRV_SNAP_LIST_NO_METADATA)

#define TDRV_SNAP_XML_SECURE        1u

/* virDomainSnapshotDeleteFlags */
#define TDRV_SNAP_DELETE_CHILDREN       (1u << 0)
#define TDRV_SNAP_DELETE_CHILDREN_ONLY  (1u << 2)

/* The list calls' names (in libvirt's flag errors) and flags. */
static const struct {
    const char *func;
    bool children;
} tdrv_snap_list_api[] = {
    [DRV_SNAP_NUM] = { "testDomainSnapshotNum", false },
    [DRV_SNAP_NAMES] = { "testDomainSnapshotListNames", false },
    [DRV_SNAP_ALL] = { "testDomainListAllSnapshots", false },
    [DRV_SNAP_NUM_CHILDREN] = { "testDomainSnapshotNumChildren", true },
    [DRV_SNAP_CHILDREN_NAMES] = { "testDomainSnapshotListChildrenNames",
                                  true },
    [DRV_SNAP_ALL_CHILDREN] = { "testDomainSnapshotListAllChildren", true },
};

static struct tdrv_snap *
tdrv_snap_find(const struct tdrv_dom *dom, const char *name)
{
    for (size_t i = 0; name && i < dom->nsnaps; i++)
        if (strcmp(dom->snaps[i]->name, name) == 0)
            return dom->snaps[i];
    return NULL;
}

/* testSnapObjFromName: the snapshot or NO_DOMAIN_SNAPSHOT. */
static struct tdrv_snap *
tdrv_snap_get(const struct tdrv_dom *dom, const char *name, struct err *e)
{
    struct tdrv_snap *snap = tdrv_snap_find(dom, name);

    if (!snap)
        err_set(e, ERR_NO_DOMAIN_SNAPSHOT, ERRDOM_TEST,
                "no domain snapshot with matching name '%s'", name);
    return snap;
}

struct tdrv_dom *
tdrv_snap_lock(struct drv_conn *c, const struct drv_dom *d, const char *name,
               unsigned flags, unsigned supported, const char *func,
               struct tdrv_snap **snap, struct err *e)
{
    struct tdrv_dom *dom;

    if (drv_flags_unsupported(e, ERRDOM_TEST, func, flags, supported) ||
        !(dom = tdrv_dom_lock(c, d, e)))
        return NULL;
    if (name && !(*snap = tdrv_snap_get(dom, name, e))) {
        tdrv_dom_unlock(c);
        return NULL;
    }
    return dom;
}

/* Is @parent the parent of @s (NULL: is @s a root)? A parent that no
 * longer exists makes a root, as libvirt links it to its metaroot. */
static bool
tdrv_snap_is_child(const struct tdrv_dom *dom, const struct tdrv_snap *s,
                   const struct tdrv_snap *parent)
{
    if (!parent)
        return !s->parent || !tdrv_snap_find(dom, s->parent);
    return s->parent && strcmp(s->parent, parent->name) == 0;
}

static bool
tdrv_snap_has_children(const struct tdrv_dom *dom, const struct tdrv_snap *s)
{
    for (size_t i = 0; i < dom->nsnaps; i++)
        if (tdrv_snap_is_child(dom, dom->snaps[i], s))
            return true;
    return false;
}

static bool
tdrv_snap_external(const struct tdrv_snap *s)
{
    if (s->memory == TDRV_LOC_EXTERNAL)
        return true;
    for (size_t i = 0; i < s->ndisks; i++)
        if (s->disks[i].snapshot == TDRV_LOC_EXTERNAL)
            return true;
    return false;
}

/* What a list call collects, and how it filters. */
struct tdrv_snap_walk {
    const struct tdrv_dom *dom;
    unsigned flags;               /* filters left after normalizing */
    const char **names;           /* NULL: count only */
    int max;
    int n;
};

/* virDomainSnapshotFilter plus the leaves filter. */
static void
tdrv_snap_visit(struct tdrv_snap_walk *w, const struct tdrv_snap *s)
{
    unsigned f = w->flags;
    bool leaf;

    if (f & TDRV_SNAP_F_LEAVES) {
        leaf = !tdrv_snap_has_children(w->dom, s);
        if (((f & TDRV_SNAP_LIST_LEAVES) && !leaf) ||
            ((f & TDRV_SNAP_LIST_NO_LEAVES) && leaf))
            return;
    }
    if (f & TDRV_SNAP_F_STATUS) {
        bool off = s->state == DRV_DOM_SHUTOFF;
        bool disk = s->state == TDRV_SNAP_DISK_SNAPSHOT;

        if ((!(f & TDRV_SNAP_LIST_INACTIVE) && off) ||
            (!(f & TDRV_SNAP_LIST_DISK_ONLY) && disk) ||
            (!(f & TDRV_SNAP_LIST_ACTIVE) && !off && !disk))
            return;
    }
    if (((f & TDRV_SNAP_LIST_INTERNAL) && tdrv_snap_external(s)) ||
        ((f & TDRV_SNAP_LIST_EXTERNAL) && !tdrv_snap_external(s)))
        return;
    if (w->names && w->n < w->max)
        w->names[w->n] = s->name;
    w->n++;
}

/* The children of @parent (NULL: the roots), newest first (libvirt adds
 * a child in front of its siblings); with @deep, each followed by its
 * own descendants (a topological order). Depth is bounded by
 * TDRV_SNAPS_MAX. */
static void
tdrv_snap_walk_children(struct tdrv_snap_walk *w,
                        const struct tdrv_snap *parent, bool deep)
{
    const struct tdrv_dom *dom = w->dom;

    for (size_t i = dom->nsnaps; i-- > 0;) {
        const struct tdrv_snap *s = dom->snaps[i];

        if (!tdrv_snap_is_child(dom, s, parent))
            continue;
        tdrv_snap_visit(w, s);
        if (deep)
            tdrv_snap_walk_children(w, s, true);
    }
}

int
tdrv_snap_list(struct drv_conn *c, const struct drv_dom *d, const char *from,
               int api, unsigned flags, int max, struct arena *a,
               const char ***names, int *n, struct err *e)
{
    struct tdrv_snap_walk w = { .max = max };
    struct tdrv_snap *top = NULL;
    struct tdrv_dom *dom;
    bool descend;

    if (api < DRV_SNAP_NUM || api > DRV_SNAP_ALL_CHILDREN) {
        err_set(e, ERR_INTERNAL_ERROR, ERRDOM_TEST,
                "unknown snapshot list call %d", api);
        return -1;
    }
    if (!(dom = tdrv_snap_lock(c, d, tdrv_snap_list_api[api].children
                                     ? from : NULL, flags,
                               TDRV_SNAP_LIST_FLAGS,
                               tdrv_snap_list_api[api].func, &top, e)))
        return -1;
    w.dom = dom;
    if (w.max < 0)
        w.max = 0;
    else if ((size_t)w.max > dom->nsnaps)     /* no more than there are */
        w.max = (int)dom->nsnaps;
    if (names && w.max > 0 &&
        !(w.names = arena_alloc(a, (size_t)w.max * sizeof(*w.names)))) {
        tdrv_dom_unlock(c);
        return tdrv_oom(e);
    }
    /* ROOTS on the domain and DESCENDANTS on a snapshot share a bit */
    descend = top ? (flags & TDRV_SNAP_LIST_ROOTS)
                  : !(flags & TDRV_SNAP_LIST_ROOTS);
    w.flags = flags & ~(TDRV_SNAP_LIST_ROOTS | TDRV_SNAP_LIST_TOPOLOGICAL);
    /* LEAVES with NO_LEAVES selects nothing, as in libvirt */
    if ((w.flags & TDRV_SNAP_F_STATUS) == TDRV_SNAP_F_STATUS)
        w.flags &= ~TDRV_SNAP_F_STATUS;
    if ((w.flags & TDRV_SNAP_F_LOCATION) == TDRV_SNAP_F_LOCATION)
        w.flags &= ~TDRV_SNAP_F_LOCATION;
    /* every snapshot here has metadata */
    if ((w.flags & TDRV_SNAP_F_METADATA) != TDRV_SNAP_LIST_NO_METADATA) {
        w.flags &= ~TDRV_SNAP_F_METADATA;
        if (descend && !top && !(flags & TDRV_SNAP_LIST_TOPOLOGICAL)) {
            for (size_t i = 0; i < dom->nsnaps; i++)
                tdrv_snap_visit(&w, dom->snaps[i]);
        } else {
            tdrv_snap_walk_children(&w, top, descend);
        }
    }
    if (names)
        *names = w.names;
    *n = w.n;
    tdrv_dom_unlock(c);
    return 0;
}

int
tdrv_snap_lookup(struct drv_conn *c, const struct drv_dom *d,
                 const char *name, unsigned flags, struct err *e)
{
    struct tdrv_snap *snap;

    if (!tdrv_snap_lock(c, d, name, flags, 0,
                        "testDomainSnapshotLookupByName", &snap, e))
        return -1;
    tdrv_dom_unlock(c);
    return 0;
}

int
tdrv_snap_current(struct drv_conn *c, const struct drv_dom *d, unsigned flags,
                  bool need, struct arena *a, char **name, struct err *e)
{
    struct tdrv_dom *dom;
    int rc = 0;

    if (!(dom = tdrv_snap_lock(c, d, NULL, flags, 0,
                               need ? "testDomainSnapshotCurrent"
                                    : "testDomainHasCurrentSnapshot",
                               NULL, e)))
        return -1;
    *name = NULL;
    if (!dom->current && need) {
        err_set(e, ERR_NO_DOMAIN_SNAPSHOT, ERRDOM_TEST,
                "the domain does not have a current snapshot");
        rc = -1;
    } else if (dom->current &&
               !(*name = arena_strdup(a, dom->current->name))) {
        rc = tdrv_oom(e);
    }
    tdrv_dom_unlock(c);
    return rc;
}

int
tdrv_snap_get_parent(struct drv_conn *c, const struct drv_dom *d,
                     const char *name, unsigned flags, struct arena *a,
                     char **parent, struct err *e)
{
    struct tdrv_snap *snap;
    int rc = 0;

    if (!tdrv_snap_lock(c, d, name, flags, 0, "testDomainSnapshotGetParent",
                        &snap, e))
        return -1;
    if (!snap->parent) {
        err_set(e, ERR_NO_DOMAIN_SNAPSHOT, ERRDOM_TEST,
                "snapshot '%s' does not have a parent", snap->name);
        rc = -1;
    } else if (!(*parent = arena_strdup(a, snap->parent))) {
        rc = tdrv_oom(e);
    }
    tdrv_dom_unlock(c);
    return rc;
}

int
tdrv_snap_query(struct drv_conn *c, const struct drv_dom *d, const char *name,
                int what, unsigned flags, int *out, struct err *e)
{
    struct tdrv_snap *snap;
    struct tdrv_dom *dom;

    if (!(dom = tdrv_snap_lock(c, d, name, flags, 0,
                               what ? "testDomainSnapshotHasMetadata"
                                    : "testDomainSnapshotIsCurrent",
                               &snap, e)))
        return -1;
    *out = what ? 1 : dom->current == snap;
    tdrv_dom_unlock(c);
    return 0;
}

int
tdrv_snap_get_xml_desc(struct drv_conn *c, const struct drv_dom *d,
                       const char *name, unsigned flags, struct arena *a,
                       char **out, struct err *e)
{
    struct tdrv_snap *snap;
    char *xml;
    int rc = 0;

    if (!tdrv_snap_lock(c, d, name, flags, TDRV_SNAP_XML_SECURE,
                        "testDomainSnapshotGetXMLDesc", &snap, e))
        return -1;
    xml = tdrv_snap_format(snap, flags & TDRV_SNAP_XML_SECURE);
    tdrv_dom_unlock(c);
    if (!xml || !(*out = arena_strdup(a, xml)))
        rc = tdrv_oom(e);
    free(xml);
    return rc;
}

/* -- creating -------------------------------------------------------------- */

/* testDomainSnapshotAlignDisks: the state and memory of a new snapshot
 * of @dom, and its disks. */
static int
tdrv_snap_align(const struct tdrv_dom *dom, struct tdrv_snap *snap,
                struct err *e)
{
    snap->state = dom->state;
    if (snap->memory == TDRV_LOC_EXTERNAL)
        return tdrv_snap_align_disks(snap, TDRV_LOC_EXTERNAL, false, e);
    snap->memory = dom->state == DRV_DOM_SHUTOFF ? TDRV_LOC_NO
                                                 : TDRV_LOC_INTERNAL;
    return tdrv_snap_align_disks(snap, TDRV_LOC_INTERNAL, true, e);
}

/* Take @snap into @dom (virDomainSnapshotAssignDef), a child of the
 * current snapshot and the new current one. */
static int
tdrv_snap_add(struct tdrv_dom *dom, struct tdrv_snap *snap, struct err *e)
{
    struct tdrv_snap **v;

    if (tdrv_snap_find(dom, snap->name)) {
        err_set(e, ERR_OPERATION_FAILED, ERRDOM_DOMAIN,
                "domain moment %s already exists", snap->name);
        return -1;
    }
    if (dom->nsnaps >= TDRV_SNAPS_MAX) {
        err_set(e, ERR_OPERATION_FAILED, ERRDOM_TEST,
                "domain '%s' already has %d snapshots, the most virtd keeps",
                dom->def->name, TDRV_SNAPS_MAX);
        return -1;
    }
    if (dom->current && tdrv_xp_dup(&snap->parent, dom->current->name, e) < 0)
        return -1;
    if (!(v = realloc(dom->snaps, (dom->nsnaps + 1) * sizeof(*v))))
        return tdrv_oom(e);
    dom->snaps = v;
    dom->snaps[dom->nsnaps++] = snap;
    dom->current = snap;
    return 0;
}

bool
tdrv_snap_online(const struct tdrv_snap *snap)
{
    return snap->state == DRV_DOM_RUNNING || snap->state == DRV_DOM_PAUSED;
}

/* virDomainSnapshotCheckCycles: @snap's parent exists and is not @snap
 * or one of its descendants. */
static int
tdrv_snap_check_cycles(const struct tdrv_dom *dom,
                       const struct tdrv_snap *snap, struct err *e)
{
    const struct tdrv_snap *other;

    if (!snap->parent)
        return 0;
    if (strcmp(snap->name, snap->parent) == 0) {
        err_set(e, ERR_INVALID_ARG, ERRDOM_DOMAIN,
                "cannot set moment %s as its own parent", snap->name);
        return -1;
    }
    if (!(other = tdrv_snap_find(dom, snap->parent))) {
        err_set(e, ERR_INVALID_ARG, ERRDOM_DOMAIN,
                "parent %s for moment %s not found", snap->parent,
                snap->name);
        return -1;
    }
    /* at most one step per snapshot: the chain has no cycle of its own */
    for (size_t k = 0; other && other->parent && k < dom->nsnaps; k++) {
        if (strcmp(other->parent, snap->name) == 0) {
            err_set(e, ERR_INVALID_ARG, ERRDOM_DOMAIN,
                    "parent %s would create cycle to %s", other->name,
                    snap->name);
            return -1;
        }
        other = tdrv_snap_find(dom, other->parent);
    }
    return 0;
}

/* virDomainSnapshotRedefinePrep: the checks of a redefined @snap against
 * @dom and the snapshot it replaces (*other, NULL when new), then its
 * disks lined up with its domain. */
static int
tdrv_snap_redefine_prep(struct tdrv_dom *dom, struct tdrv_snap *snap,
                        struct tdrv_snap **other, struct err *e)
{
    bool external = snap->state == TDRV_SNAP_DISK_SNAPSHOT ||
                    tdrv_snap_external(snap);
    char uuid[DRV_UUID_STRLEN + 1];
    struct tdrv_snap *o;
    bool stolen;

    if (tdrv_snap_check_cycles(dom, snap, e) < 0)
        return -1;
    *other = o = tdrv_snap_find(dom, snap->name);
    if (snap->def && memcmp(snap->def->uuid, dom->def->uuid,
                            DRV_UUID_LEN) != 0) {
        drv_uuid_format(dom->def->uuid, uuid);
        err_set(e, ERR_INVALID_ARG, ERRDOM_DOMAIN_SNAPSHOT,
                "definition for snapshot %s must use uuid %s", snap->name,
                uuid);
        return -1;
    }
    if (o && tdrv_snap_online(o) != tdrv_snap_online(snap)) {
        err_set(e, ERR_INVALID_ARG, ERRDOM_DOMAIN_SNAPSHOT,
                "cannot change between online and offline snapshot state "
                "in snapshot %s", snap->name);
        return -1;
    }
    if (o && (o->state == TDRV_SNAP_DISK_SNAPSHOT) !=
             (snap->state == TDRV_SNAP_DISK_SNAPSHOT)) {
        err_set(e, ERR_INVALID_ARG, ERRDOM_DOMAIN_SNAPSHOT,
                "cannot change between disk only and full system in "
                "snapshot %s", snap->name);
        return -1;
    }
    stolen = o && o->def && !snap->def;
    if (stolen) {
        snap->def = o->def;
        o->def = NULL;
    }
    if (!snap->def) {
        err_set(e, ERR_INTERNAL_ERROR, ERRDOM_DOMAIN_SNAPSHOT,
                "missing domain in snapshot");
        return -1;
    }
    if (tdrv_snap_align_disks(snap, external ? TDRV_LOC_EXTERNAL
                                             : TDRV_LOC_INTERNAL,
                              !external, e) == 0)
        return 0;
    if (stolen) {                 /* the old snapshot keeps its domain */
        o->def = snap->def;
        snap->def = NULL;
    }
    return -1;
}

/* Redefine: @snap replaces *other in place (its children and being
 * current stay) or joins the domain's snapshots. */
static int
tdrv_snap_redefine(struct tdrv_dom *dom, struct tdrv_snap **snapp,
                   struct err *e)
{
    struct tdrv_snap *snap = *snapp, *other, tmp;
    struct tdrv_snap **v;

    if (tdrv_snap_redefine_prep(dom, snap, &other, e) < 0)
        return -1;
    if (other) {
        tmp = *other;
        *other = *snap;
        *snap = tmp;
        tdrv_snap_free(snap);
        *snapp = other;
        return 0;
    }
    if (dom->nsnaps >= TDRV_SNAPS_MAX) {
        err_set(e, ERR_OPERATION_FAILED, ERRDOM_TEST,
                "domain '%s' already has %d snapshots, the most virtd keeps",
                dom->def->name, TDRV_SNAPS_MAX);
        return -1;
    }
    if (!(v = realloc(dom->snaps, (dom->nsnaps + 1) * sizeof(*v))))
        return tdrv_oom(e);
    dom->snaps = v;
    dom->snaps[dom->nsnaps++] = snap;
    return 0;
}

int
tdrv_snap_create_xml(struct drv_conn *c, const struct drv_dom *d,
                     const char *xml, unsigned flags, struct arena *a,
                     char **name, struct err *e)
{
    struct tdrv_state *st = tdrv_st(c);
    bool redefine = flags & TDRV_SNAP_CREATE_REDEFINE;
    struct tdrv_snap *snap = NULL;
    struct tdrv_dom *dom;
    int rc = -1;

    if (!(dom = tdrv_snap_lock(c, d, NULL, flags,
                               TDRV_SNAP_CREATE_REDEFINE |
                               TDRV_SNAP_CREATE_CURRENT |
                               TDRV_SNAP_CREATE_HALT |
                               TDRV_SNAP_CREATE_QUIESCE |
                               TDRV_SNAP_CREATE_ATOMIC |
                               TDRV_SNAP_CREATE_LIVE |
                               TDRV_SNAP_CREATE_VALIDATE,
                               "testDomainSnapshotCreateXML", NULL, e)))
        return -1;
    if (!dom->persistent && (flags & TDRV_SNAP_CREATE_HALT)) {
        err_set(e, ERR_OPERATION_INVALID, ERRDOM_TEST,
                "cannot halt after transient domain snapshot");
        goto out;
    }
    if (!(snap = tdrv_snap_parse(xml, redefine, e)))
        goto out;
    if (redefine) {
        if (tdrv_snap_redefine(dom, &snap, e) < 0)
            goto out;
        if (flags & TDRV_SNAP_CREATE_CURRENT)
            dom->current = snap;
    } else if (!(snap->def = tdrv_domdef_copy(dom->def))) {
        tdrv_oom(e);
        goto out;
    } else if (tdrv_snap_align(dom, snap, e) < 0 ||
               tdrv_snap_add(dom, snap, e) < 0) {
        goto out;
    }
    if (!(*name = arena_strdup(a, snap->name))) {
        /* kept: the snapshot exists, only the answer failed */
        snap = NULL;
        tdrv_oom(e);
        goto out;
    }
    if (!redefine && (flags & TDRV_SNAP_CREATE_HALT) && tdrv_dom_active(dom))
        tdrv_event_queue(st, dom,
                         tdrv_shutdown_state(dom, TDRV_SHUTOFF_FROM_SNAPSHOT),
                         TDRV_EV_STOPPED, TDRV_STOPPED_FROM_SNAPSHOT);
    snap = NULL;
    rc = 0;
out:
    tdrv_snap_free(snap);
    tdrv_dom_unlock(c);
    tdrv_event_flush(st);
    return rc;
}

/* -- deleting -------------------------------------------------------------- */

/* Forget @snap (not its children); was it the current one? */
static bool
tdrv_snap_remove(struct tdrv_dom *dom, struct tdrv_snap *snap)
{
    bool current = dom->current == snap;

    for (size_t i = 0; i < dom->nsnaps; i++) {
        if (dom->snaps[i] != snap)
            continue;
        memmove(&dom->snaps[i], &dom->snaps[i + 1],
                (dom->nsnaps - i - 1) * sizeof(dom->snaps[0]));
        dom->nsnaps--;
        break;
    }
    if (current)
        dom->current = NULL;
    tdrv_snap_free(snap);
    return current;
}

/* Forget every descendant of @snap; was one of them current? */
static bool
tdrv_snap_remove_descendants(struct tdrv_dom *dom, struct tdrv_snap *snap)
{
    bool current = false;

    for (size_t i = 0; i < dom->nsnaps;) {
        struct tdrv_snap *s = dom->snaps[i];

        if (!tdrv_snap_is_child(dom, s, snap)) {
            i++;
            continue;
        }
        current |= tdrv_snap_remove_descendants(dom, s);
        current |= tdrv_snap_remove(dom, s);
        i = 0;                    /* the array moved under us */
    }
    return current;
}

int
tdrv_snap_delete(struct drv_conn *c, const struct drv_dom *d,
                 const char *name, unsigned flags, struct err *e)
{
    struct tdrv_snap *snap;
    struct tdrv_dom *dom;

    if (!(dom = tdrv_snap_lock(c, d, name, flags,
                               TDRV_SNAP_DELETE_CHILDREN |
                               TDRV_SNAP_DELETE_CHILDREN_ONLY,
                               "testDomainSnapshotDelete", &snap, e)))
        return -1;
    if (flags & (TDRV_SNAP_DELETE_CHILDREN | TDRV_SNAP_DELETE_CHILDREN_ONLY)) {
        if (tdrv_snap_remove_descendants(dom, snap))
            dom->current = snap;
    } else {
        /* the children move up to the parent */
        for (size_t i = 0; i < dom->nsnaps; i++) {
            struct tdrv_snap *s = dom->snaps[i];

            if (s == snap || !tdrv_snap_is_child(dom, s, snap))
                continue;
            free(s->parent);
            s->parent = NULL;
            if (snap->parent && tdrv_xp_dup(&s->parent, snap->parent, e) < 0) {
                tdrv_dom_unlock(c);
                return -1;
            }
        }
    }
    if (!(flags & TDRV_SNAP_DELETE_CHILDREN_ONLY)) {
        struct tdrv_snap *parent = tdrv_snap_find(dom, snap->parent);

        if (tdrv_snap_remove(dom, snap))
            dom->current = parent;
    }
    tdrv_dom_unlock(c);
    return 0;
}
