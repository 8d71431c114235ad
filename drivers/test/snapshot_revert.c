/*
 * snapshot_revert.c: reverting a domain to one of its snapshots in the
 * test driver, with the state transitions and lifecycle events of libvirt
 * 9.0's test driver, including its own ways: a running domain is always
 * stopped and started again to revert to a running snapshot (whatever
 * the definitions, so --force changes nothing); reverting to a shut off
 * snapshot with a run or pause flag sends the STARTED (and SUSPENDED)
 * events without starting the domain.
 *
 * Worker threads; the state lock is held for the whole revert.
 */
#include "drivers/test/test_priv.h"

/* virDomainSnapshotRevertFlags */
#define TDRV_SNAP_REVERT_RUNNING    (1u << 0)
#define TDRV_SNAP_REVERT_PAUSED     (1u << 1)
#define TDRV_SNAP_REVERT_FORCE      (1u << 2)

/* virDomainObjAssignDef(live false): while running, @def becomes the
 * persistent config; else the definition. */
static void
tdrv_snap_assign(struct tdrv_dom *dom, struct tdrv_domdef *def)
{
    if (tdrv_dom_active(dom)) {
        tdrv_domdef_free(dom->newdef);
        dom->newdef = def;
    } else {
        tdrv_domdef_free(dom->def);
        dom->def = def;
    }
}

/* The events of a revert, queued in order at the end (ev2 only with
 * ev, as the test driver does). */
struct tdrv_snap_ev {
    bool set;
    int id, event, detail;
};

static void
tdrv_snap_ev_set(struct tdrv_snap_ev *ev, int id, int event, int detail)
{
    *ev = (struct tdrv_snap_ev){ true, id, event, detail };
}

/* Reverting to a running or paused snapshot. libvirt 9.0's test driver
 * stops a running domain first (STOPPED, then STARTED events), whatever
 * the definitions; then the domain runs the snapshot's definition, paused
 * when the snapshot was or @flags ask for it. */
static int
tdrv_snap_revert_online(struct tdrv_state *st, struct tdrv_dom *dom,
                        const struct tdrv_snap *snap, struct tdrv_domdef *cfg,
                        unsigned flags, struct tdrv_snap_ev *ev,
                        struct tdrv_snap_ev *ev2, struct err *e)
{
    if (tdrv_dom_active(dom))
        tdrv_event_queue(st, dom,
                         tdrv_shutdown_state(dom, TDRV_SHUTOFF_FROM_SNAPSHOT),
                         TDRV_EV_STOPPED, TDRV_STOPPED_FROM_SNAPSHOT);
    tdrv_snap_assign(dom, cfg);
    if (tdrv_start_state(st, dom, TDRV_RUNNING_FROM_SNAPSHOT, e) < 0)
        return -1;
    tdrv_snap_ev_set(ev, dom->id, TDRV_EV_STARTED, TDRV_STARTED_FROM_SNAPSHOT);
    if (!(flags & TDRV_SNAP_REVERT_RUNNING) &&
        (snap->state == DRV_DOM_PAUSED || (flags & TDRV_SNAP_REVERT_PAUSED))) {
        dom->state = DRV_DOM_PAUSED;
        dom->reason = TDRV_PAUSED_FROM_SNAPSHOT;
        tdrv_snap_ev_set(ev2, dom->id, TDRV_EV_SUSPENDED,
                         TDRV_SUSPENDED_FROM_SNAPSHOT);
    }
    return 0;
}

/* Reverting to a shut off snapshot (transitions 1, 4 and 7). */
static void
tdrv_snap_revert_offline(struct tdrv_state *st, struct tdrv_dom *dom,
                         struct tdrv_domdef *cfg, unsigned flags,
                         struct tdrv_snap_ev *ev, struct tdrv_snap_ev *ev2)
{
    tdrv_snap_assign(dom, cfg);
    if (tdrv_dom_active(dom))
        tdrv_snap_ev_set(ev,
                         tdrv_shutdown_state(dom, TDRV_SHUTOFF_FROM_SNAPSHOT),
                         TDRV_EV_STOPPED, TDRV_STOPPED_FROM_SNAPSHOT);
    if (!(flags & (TDRV_SNAP_REVERT_RUNNING | TDRV_SNAP_REVERT_PAUSED)))
        return;
    if (ev->set)
        tdrv_event_queue(st, dom, ev->id, ev->event, ev->detail);
    tdrv_snap_ev_set(ev, dom->id, TDRV_EV_STARTED,
                     TDRV_STARTED_FROM_SNAPSHOT);
    if (flags & TDRV_SNAP_REVERT_PAUSED)
        tdrv_snap_ev_set(ev2, dom->id, TDRV_EV_SUSPENDED,
                         TDRV_SUSPENDED_FROM_SNAPSHOT);
}

int
tdrv_snap_revert(struct drv_conn *c, const struct drv_dom *d,
                 const char *name, unsigned flags, struct err *e)
{
    struct tdrv_state *st = tdrv_st(c);
    struct tdrv_snap_ev ev = { 0 }, ev2 = { 0 };
    unsigned run = TDRV_SNAP_REVERT_RUNNING | TDRV_SNAP_REVERT_PAUSED;
    struct tdrv_domdef *cfg;
    struct tdrv_snap *snap;
    struct tdrv_dom *dom;
    int rc = -1;

    if (!(dom = tdrv_snap_lock(c, d, name, flags,
                               run | TDRV_SNAP_REVERT_FORCE,
                               "testDomainRevertToSnapshot", &snap, e)))
        return -1;
    if (!dom->persistent && !tdrv_snap_online(snap) && !(flags & run)) {
        err_set(e, ERR_OPERATION_INVALID, ERRDOM_TEST,
                "transient domain needs to request run or pause to revert "
                "to inactive snapshot");
        goto out;
    }
    dom->current = NULL;
    if (!(cfg = tdrv_domdef_copy(snap->def))) {
        tdrv_oom(e);
        goto out;
    }
    if (tdrv_snap_online(snap)) {
        if (tdrv_snap_revert_online(st, dom, snap, cfg, flags, &ev, &ev2,
                                    e) < 0)
            goto out;
    } else {
        tdrv_snap_revert_offline(st, dom, cfg, flags, &ev, &ev2);
    }
    dom->current = snap;
    rc = 0;
out:
    if (ev.set) {
        tdrv_event_queue(st, dom, ev.id, ev.event, ev.detail);
        if (ev2.set)
            tdrv_event_queue(st, dom, ev2.id, ev2.event, ev2.detail);
    }
    tdrv_dom_unlock(c);
    tdrv_event_flush(st);
    return rc;
}
