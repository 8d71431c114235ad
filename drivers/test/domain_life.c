/*
 * domain_life.c: domain lifecycle in the test driver, as libvirt 9.0's
 * test driver does it: define, undefine, create (transient), start,
 * destroy, shutdown, reboot, suspend and resume, with their states,
 * reasons, lifecycle events and errors.
 *
 * A running persistent domain has two definitions: def (live) and newdef
 * (the persistent config), made at start and folded back at stop, as
 * libvirt's virDomainObjSetDefTransient / RemoveTransientDef do.
 *
 * Each call parses outside the lock, changes the state and queues its
 * event under the state lock, then flushes events after unlocking.
 */
#include "drivers/test/domain_parse.h"
#include "drivers/test/xmlp.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TDRV_DEFINE_VALIDATE  1u      /* VIR_DOMAIN_DEFINE_VALIDATE */
#define TDRV_START_VALIDATE   16u     /* VIR_DOMAIN_START_VALIDATE */
#define TDRV_DESTROY_GRACEFUL 1u
#define TDRV_REBOOT_ALL       0x1fu   /* ACPI ... PARAVIRT */
#define TDRV_UNDEFINE_MANAGED_SAVE 1u
#define TDRV_UNDEFINE_SNAPSHOTS    2u

/* -- domain objects -------------------------------------------------------- */

#define TDRV_IFNAMES_MAX 1024         /* testnet0 .. testnet1023 */

/* testnetN names in use: used[N] set. */
static void
tdrv_ifnames_used(const struct tdrv_domdef *def, bool *used)
{
    for (size_t i = 0; i < def->nnics; i++) {
        const char *s = def->nics[i].ifname;
        unsigned long long n;

        /* exactly "testnet" and N's decimal digits, as they compare */
        if (s && strncmp(s, "testnet", 7) == 0 && isdigit((unsigned char)s[7])
            && tdrv_xp_parse_ull(s + 7, &n) == 0 && n < TDRV_IFNAMES_MAX &&
            (n == 0 || s[7] != '0'))
            used[n] = true;
    }
}

/* testDomainGenerateIfnames: each interface without a target gets the
 * first "testnetN" not in use, in turn. */
int
tdrv_domdef_gen_ifnames(struct tdrv_domdef *def, struct err *e)
{
    bool used[TDRV_IFNAMES_MAX] = { false };
    char name[32];
    int n = 0;

    tdrv_ifnames_used(def, used);
    for (size_t i = 0; i < def->nnics; i++) {
        if (def->nics[i].ifname)
            continue;
        while (n < TDRV_IFNAMES_MAX && used[n])
            n++;
        if (n == TDRV_IFNAMES_MAX) {
            err_set(e, ERR_INTERNAL_ERROR, ERRDOM_TEST,
                    "Exceeded max iface limit %d", TDRV_IFNAMES_MAX);
            return -1;
        }
        snprintf(name, sizeof(name), "testnet%d", n);
        used[n] = true;
        if (tdrv_xp_dup(&def->nics[i].ifname, name, e) < 0)
            return -1;
    }
    return 0;
}

static struct tdrv_dom *
tdrv_dom_find_name(struct tdrv_state *st, const char *name)
{
    for (size_t i = 0; i < st->ndoms; i++)
        if (strcmp(st->doms[i]->def->name, name) == 0)
            return st->doms[i];
    return NULL;
}

/* Forget @dom (virDomainObjListRemove). Caller holds st->lock. */
static void
tdrv_dom_remove(struct tdrv_state *st, struct tdrv_dom *dom)
{
    for (size_t i = 0; i < st->ndoms; i++) {
        if (st->doms[i] != dom)
            continue;
        memmove(&st->doms[i], &st->doms[i + 1],
                (st->ndoms - i - 1) * sizeof(st->doms[0]));
        st->ndoms--;
        break;
    }
    tdrv_dom_free(dom);
}

/* The name/uuid conflicts of virDomainObjListAdd: the domain with @def's
 * uuid (NULL when new), or -1 with @e set. */
static int
tdrv_dom_conflict(struct tdrv_state *st, const struct tdrv_domdef *def,
                  bool live, struct tdrv_dom **found, struct err *e)
{
    struct tdrv_dom *dom = tdrv_dom_find_uuid(st, def->uuid);
    char uuid[DRV_UUID_STRLEN + 1];

    *found = dom;
    if (dom && strcmp(dom->def->name, def->name) != 0) {
        drv_uuid_format(dom->def->uuid, uuid);
        err_set(e, ERR_OPERATION_FAILED, ERRDOM_DOMAIN,
                "domain '%s' is already defined with uuid %s",
                dom->def->name, uuid);
        return -1;
    }
    if (dom && live && (tdrv_dom_active(dom) || !dom->persistent)) {
        err_set(e, ERR_OPERATION_INVALID, ERRDOM_DOMAIN,
                tdrv_dom_active(dom) ? "domain '%s' is already active"
                                     : "domain '%s' is already being started",
                dom->def->name);
        return -1;
    }
    if (!dom && (dom = tdrv_dom_find_name(st, def->name))) {
        drv_uuid_format(dom->def->uuid, uuid);
        err_set(e, ERR_OPERATION_FAILED, ERRDOM_DOMAIN,
                "domain '%s' already exists with uuid %s", def->name, uuid);
        return -1;
    }
    return 0;
}

/*
 * virDomainObjListAdd: put *defp (taken, *defp set NULL) in the state as
 * a new domain or over the one with its uuid. @live: for a start
 * (create): the new definition is the live one. *updated: a persistent
 * config was replaced (define's DEFINED_UPDATED). Caller holds st->lock.
 */
static struct tdrv_dom *
tdrv_dom_add(struct tdrv_state *st, struct tdrv_domdef **defp, bool live,
             bool *updated, struct err *e)
{
    struct tdrv_dom *dom;

    *updated = false;
    if (tdrv_dom_conflict(st, *defp, live, &dom, e) < 0)
        return NULL;
    if (dom && tdrv_dom_active(dom)) {
        *updated = dom->newdef != NULL;
        tdrv_domdef_free(dom->newdef);
        dom->newdef = *defp;
    } else if (dom && live) {
        if (!dom->newdef)
            dom->newdef = dom->def;
        else
            tdrv_domdef_free(dom->def);
        dom->def = *defp;
    } else if (dom) {
        *updated = true;
        tdrv_domdef_free(dom->def);
        dom->def = *defp;
    } else if (!(dom = calloc(1, sizeof(*dom))) ||
               tdrv_dom_append(st, dom) < 0) {
        free(dom);
        tdrv_oom(e);
        return NULL;
    } else {
        dom->def = *defp;
        dom->id = -1;
        dom->state = DRV_DOM_SHUTOFF;
        dom->time_s = TDRV_GUEST_TIME;
    }
    *defp = NULL;
    return dom;
}

/* testDomainStartState. Caller holds st->lock. */
int
tdrv_start_state(struct tdrv_state *st, struct tdrv_dom *dom, int reason,
                 struct err *e)
{
    if (dom->persistent && !dom->newdef &&
        !(dom->newdef = tdrv_domdef_copy(dom->def))) {
        dom->state = DRV_DOM_SHUTOFF;
        dom->reason = TDRV_SHUTOFF_FAILED;
        return tdrv_oom(e);
    }
    dom->state = DRV_DOM_RUNNING;
    dom->reason = reason;
    dom->id = st->next_dom_id++;
    dom->managed_save = false;
    return 0;
}

/*
 * testDomainShutdownState: shut off with @reason, the persistent config
 * back in place. Returns the id the STOPPED event carries: -1 when the
 * config was restored, else (transient) the id the domain had.
 */
int
tdrv_shutdown_state(struct tdrv_dom *dom, int reason)
{
    int id = dom->newdef ? -1 : dom->id;

    if (dom->newdef) {
        tdrv_domdef_free(dom->def);
        dom->def = dom->newdef;
        dom->newdef = NULL;
    }
    dom->state = DRV_DOM_SHUTOFF;
    dom->reason = reason;
    dom->id = -1;
    return id;
}

/* Stop @dom with @reason and its STOPPED event; a transient domain goes
 * away. Caller holds st->lock. */
void
tdrv_dom_stop(struct tdrv_state *st, struct tdrv_dom *dom, int reason,
              int detail)
{
    int id = tdrv_shutdown_state(dom, reason);

    tdrv_event_queue(st, dom, id, TDRV_EV_STOPPED, detail);
    if (!dom->persistent)
        tdrv_dom_remove(st, dom);
}

/* testDomainActionSetState for on_poweroff / on_reboot: true when the
 * domain ends up shut off (the caller then stops it). */
static bool
tdrv_action_stops(struct tdrv_dom *dom, int action)
{
    if (action == TDRV_ACT_RESTART || action == TDRV_ACT_RESTART_RENAME) {
        dom->state = DRV_DOM_RUNNING;
        dom->reason = TDRV_RUNNING_BOOTED;
        return false;
    }
    return true;
}

/* -- define, undefine, create ---------------------------------------------- */

/* Parse @xml into a definition ready to add. */
static struct tdrv_domdef *
tdrv_def_from_xml(const char *xml, bool define, struct err *e)
{
    struct tdrv_domdef *def;

    if (tdrv_domdef_parse(xml, &def, e) < 0)
        return NULL;
    if (define && strchr(def->name, '\n')) {
        err_set(e, ERR_XML_DETAIL, ERRDOM_XML, "invalid char in name: \n");
        tdrv_domdef_free(def);
        return NULL;
    }
    if (tdrv_domdef_gen_ifnames(def, e) < 0) {
        tdrv_domdef_free(def);
        return NULL;
    }
    return def;
}

/* Copy @dom's identity into @out after a change; -1 on ENOMEM. */
static int
tdrv_result(const struct tdrv_dom *dom, struct arena *a, struct drv_dom *out,
            struct err *e)
{
    return tdrv_dom_ident(dom, a, out) < 0 ? tdrv_oom(e) : 0;
}

/* The newly added domain of a define: persistent, DEFINED event. */
static int
tdrv_dom_defined(struct tdrv_state *st, struct tdrv_dom *dom, bool updated,
                 struct arena *a, struct drv_dom *out, struct err *e)
{
    dom->persistent = true;
    tdrv_event_queue(st, dom, dom->id, TDRV_EV_DEFINED,
                     updated ? TDRV_DEFINED_UPDATED : TDRV_DEFINED_ADDED);
    return tdrv_result(dom, a, out, e);
}

/* The newly added domain of a create or a restore: started with
 * @reason, STARTED event with @detail; a transient one that cannot start
 * is forgotten. */
static int
tdrv_dom_started(struct tdrv_state *st, struct tdrv_dom *dom, int reason,
                 int detail, struct err *e)
{
    if (tdrv_start_state(st, dom, reason, e) < 0) {
        if (!dom->persistent)
            tdrv_dom_remove(st, dom);
        return -1;
    }
    tdrv_event_queue(st, dom, dom->id, TDRV_EV_STARTED, detail);
    return 0;
}

static int
tdrv_dom_booted(struct tdrv_state *st, struct tdrv_dom *dom,
                struct arena *a, struct drv_dom *out, struct err *e)
{
    if (tdrv_dom_started(st, dom, TDRV_RUNNING_BOOTED, TDRV_STARTED_BOOTED,
                         e) < 0)
        return -1;
    return tdrv_result(dom, a, out, e);
}

/* testDomainDefineXMLFlags and testDomainCreateXML. */
static int
tdrv_dom_from_xml(struct drv_conn *c, const char *xml, unsigned flags,
                  bool create, struct arena *a, struct drv_dom *out,
                  struct err *e)
{
    struct tdrv_state *st = tdrv_st(c);
    unsigned ok = create ? TDRV_START_VALIDATE : TDRV_DEFINE_VALIDATE;
    struct tdrv_domdef *def;
    struct tdrv_dom *dom;
    bool updated;
    int rc = -1;

    if (flags & ~ok) {
        drv_bad_flags(e, ERRDOM_TEST, create ? "testDomainCreateXML"
                                             : "testDomainDefineXMLFlags",
                      flags);
        return -1;
    }
    if (!(def = tdrv_def_from_xml(xml, !create, e)))
        return -1;
    pthread_mutex_lock(&st->lock);
    if ((dom = tdrv_dom_add(st, &def, create, &updated, e)))
        rc = create ? tdrv_dom_booted(st, dom, a, out, e)
                    : tdrv_dom_defined(st, dom, updated, a, out, e);
    pthread_mutex_unlock(&st->lock);
    tdrv_domdef_free(def);
    tdrv_event_flush(st);
    return rc;
}

/* The second half of testDomainRestoreFlags: the XML of a save image
 * becomes a running domain (over a shut-off one with its uuid), reason
 * "restored". */
int
tdrv_dom_restore_xml(struct drv_conn *c, const char *xml, struct err *e)
{
    struct tdrv_state *st = tdrv_st(c);
    struct tdrv_domdef *def;
    struct tdrv_dom *dom;
    bool updated;
    int rc = -1;

    if (!(def = tdrv_def_from_xml(xml, false, e)))
        return -1;
    pthread_mutex_lock(&st->lock);
    if ((dom = tdrv_dom_add(st, &def, true, &updated, e)))
        rc = tdrv_dom_started(st, dom, TDRV_RUNNING_RESTORED,
                              TDRV_STARTED_RESTORED, e);
    pthread_mutex_unlock(&st->lock);
    tdrv_domdef_free(def);
    tdrv_event_flush(st);
    return rc;
}

int
tdrv_dom_define_xml(struct drv_conn *c, const char *xml, unsigned flags,
                    struct arena *a, struct drv_dom *out, struct err *e)
{
    return tdrv_dom_from_xml(c, xml, flags, false, a, out, e);
}

int
tdrv_dom_create_xml(struct drv_conn *c, const char *xml, unsigned flags,
                    struct arena *a, struct drv_dom *out, struct err *e)
{
    return tdrv_dom_from_xml(c, xml, flags, true, a, out, e);
}

int
tdrv_dom_undefine(struct drv_conn *c, const struct drv_dom *d,
                  unsigned flags, struct err *e)
{
    struct tdrv_state *st = tdrv_st(c);
    struct tdrv_dom *dom;
    int rc = -1;

    if (drv_flags_unsupported(e, ERRDOM_TEST, "testDomainUndefineFlags", flags,
                              TDRV_UNDEFINE_MANAGED_SAVE |
                              TDRV_UNDEFINE_SNAPSHOTS)) {
        return -1;
    }
    if (!(dom = tdrv_dom_lock(c, d, e)))
        return -1;
    if (dom->managed_save && !(flags & TDRV_UNDEFINE_MANAGED_SAVE)) {
        err_set(e, ERR_OPERATION_INVALID, ERRDOM_TEST,
                "Refusing to undefine while domain managed save image "
                "exists");
    } else if (!tdrv_dom_active(dom) && dom->nsnaps &&
               !(flags & TDRV_UNDEFINE_SNAPSHOTS)) {
        err_set(e, ERR_OPERATION_INVALID, ERRDOM_TEST,
                "cannot delete inactive domain with %zu snapshots",
                dom->nsnaps);
    } else {
        tdrv_event_queue(st, dom, dom->id, TDRV_EV_UNDEFINED,
                         TDRV_UNDEFINED_REMOVED);
        dom->managed_save = false;
        if (tdrv_dom_active(dom))
            dom->persistent = false;
        else
            tdrv_dom_remove(st, dom);
        rc = 0;
    }
    tdrv_dom_unlock(c);
    tdrv_event_flush(st);
    return rc;
}

int
tdrv_dom_create(struct drv_conn *c, const struct drv_dom *d, unsigned flags,
                struct arena *a, struct drv_dom *out, struct err *e)
{
    struct tdrv_state *st = tdrv_st(c);
    struct tdrv_dom *dom;
    int rc = -1;

    if (flags) {
        drv_bad_flags(e, ERRDOM_TEST, "testDomainCreateWithFlags", flags);
        return -1;
    }
    if (!(dom = tdrv_dom_lock(c, d, e)))
        return -1;
    if (dom->state != DRV_DOM_SHUTOFF) {
        err_set(e, ERR_INTERNAL_ERROR, ERRDOM_TEST,
                "Domain '%s' is already running", d->name);
    } else if (tdrv_start_state(st, dom, TDRV_RUNNING_BOOTED, e) == 0) {
        tdrv_event_queue(st, dom, dom->id, TDRV_EV_STARTED,
                         TDRV_STARTED_BOOTED);
        rc = tdrv_result(dom, a, out, e);
    }
    tdrv_dom_unlock(c);
    tdrv_event_flush(st);
    return rc;
}

/* -- running domains ------------------------------------------------------- */

/* How destroy, shutdown and reboot stop a domain. */
struct tdrv_stop_op {
    const char *func;             /* libvirt function in the flags error */
    unsigned flags;               /* accepted flags */
    bool check_active;            /* refuse with "domain is not running",
                                     else refuse only a shut-off domain */
    int action;                   /* 0 none, 1 on_poweroff, 2 on_reboot */
    int reason, detail;           /* shut-off reason, STOPPED detail */
};

static const struct tdrv_stop_op tdrv_destroy_op = {
    "testDomainDestroyFlags", TDRV_DESTROY_GRACEFUL, true, 0,
    TDRV_SHUTOFF_DESTROYED, TDRV_STOPPED_DESTROYED,
};

static const struct tdrv_stop_op tdrv_shutdown_op = {
    "testDomainShutdownFlags", 0, false, 1,
    TDRV_SHUTOFF_SHUTDOWN, TDRV_STOPPED_SHUTDOWN,
};

static const struct tdrv_stop_op tdrv_reboot_op = {
    "testDomainReboot", TDRV_REBOOT_ALL, true, 2,
    TDRV_SHUTOFF_SHUTDOWN, TDRV_STOPPED_SHUTDOWN,
};

/* The configured action (if @op has one) may keep the domain running. */
static bool
tdrv_stop_applies(struct tdrv_dom *dom, const struct tdrv_stop_op *op)
{
    if (op->action == 1)
        return tdrv_action_stops(dom, dom->def->on_poweroff);
    if (op->action == 2)
        return tdrv_action_stops(dom, dom->def->on_reboot);
    return true;
}

static int
tdrv_dom_stop_op(struct drv_conn *c, const struct drv_dom *d, unsigned flags,
                 const struct tdrv_stop_op *op, struct err *e)
{
    struct tdrv_state *st = tdrv_st(c);
    struct tdrv_dom *dom;
    int rc = 0;

    if (drv_flags_unsupported(e, ERRDOM_TEST, op->func, flags, op->flags)) {
        return -1;
    }
    if (!(dom = tdrv_dom_lock(c, d, e)))
        return -1;
    if (op->check_active) {
        rc = tdrv_dom_check_active(dom, e);
    } else if (dom->state == DRV_DOM_SHUTOFF) {
        err_set(e, ERR_INTERNAL_ERROR, ERRDOM_TEST,
                "domain '%s' not running", d->name);
        rc = -1;
    }
    if (rc == 0 && tdrv_stop_applies(dom, op))
        tdrv_dom_stop(st, dom, op->reason, op->detail);
    tdrv_dom_unlock(c);
    tdrv_event_flush(st);
    return rc;
}

int
tdrv_dom_destroy(struct drv_conn *c, const struct drv_dom *d, unsigned flags,
                 struct err *e)
{
    return tdrv_dom_stop_op(c, d, flags, &tdrv_destroy_op, e);
}

int
tdrv_dom_shutdown(struct drv_conn *c, const struct drv_dom *d,
                  unsigned flags, struct err *e)
{
    return tdrv_dom_stop_op(c, d, flags, &tdrv_shutdown_op, e);
}

int
tdrv_dom_reboot(struct drv_conn *c, const struct drv_dom *d, unsigned flags,
                struct err *e)
{
    return tdrv_dom_stop_op(c, d, flags, &tdrv_reboot_op, e);
}

/* A change between running and paused: the state it needs (else the
 * error, naming the domain as the caller did), the one it makes, and its
 * event. */
struct tdrv_pause {
    bool to_paused;
    const char *fail;             /* "domain '%s' not running" */
    int state, reason, event, detail;
};

static const struct tdrv_pause tdrv_suspend_op = {
    true, "domain '%s' not running", DRV_DOM_PAUSED, TDRV_PAUSED_USER,
    TDRV_EV_SUSPENDED, TDRV_SUSPENDED_PAUSED,
};

static const struct tdrv_pause tdrv_resume_op = {
    false, "domain '%s' not paused", DRV_DOM_RUNNING, TDRV_RUNNING_UNPAUSED,
    TDRV_EV_RESUMED, TDRV_RESUMED_UNPAUSED,
};

static int
tdrv_dom_pause(struct drv_conn *c, const struct drv_dom *d,
               const struct tdrv_pause *op, struct err *e)
{
    struct tdrv_state *st = tdrv_st(c);
    struct tdrv_dom *dom;
    bool ok;

    if (!(dom = tdrv_dom_lock(c, d, e)))
        return -1;
    /* suspend needs a domain neither off nor paused, resume a paused one */
    ok = op->to_paused ? dom->state != DRV_DOM_SHUTOFF &&
                         dom->state != DRV_DOM_PAUSED
                       : dom->state == DRV_DOM_PAUSED;
    if (!ok) {
        err_set(e, ERR_INTERNAL_ERROR, ERRDOM_TEST, op->fail, d->name);
    } else {
        dom->state = op->state;
        dom->reason = op->reason;
        tdrv_event_queue(st, dom, dom->id, op->event, op->detail);
    }
    tdrv_dom_unlock(c);
    tdrv_event_flush(st);
    return ok ? 0 : -1;
}

int
tdrv_dom_suspend(struct drv_conn *c, const struct drv_dom *d, struct err *e)
{
    return tdrv_dom_pause(c, d, &tdrv_suspend_op, e);
}

int
tdrv_dom_resume(struct drv_conn *c, const struct drv_dom *d, struct err *e)
{
    return tdrv_dom_pause(c, d, &tdrv_resume_op, e);
}

/* testDomainReset: an active domain (paused too) is "reset" at once; its
 * state does not change and no event is emitted. */
int
tdrv_dom_reset(struct drv_conn *c, const struct drv_dom *d, unsigned flags,
               struct err *e)
{
    return tdrv_dom_active_call(c, d, flags, "testDomainReset", e);
}

#define TDRV_SAVE_FLAGS 7u   /* VIR_DOMAIN_SAVE_BYPASS_CACHE, RUNNING, PAUSED */

/* testDomainManagedSave: a running (or paused) persistent domain is shut
 * off with reason "saved" and keeps a managed save image until it starts
 * again or the image is removed; nothing is written anywhere. */
int
tdrv_dom_managed_save(struct drv_conn *c, const struct drv_dom *d,
                      unsigned flags, struct err *e)
{
    struct tdrv_state *st = tdrv_st(c);
    struct tdrv_dom *dom;

    if (!(dom = tdrv_dom_lock_active(c, d, flags, TDRV_SAVE_FLAGS,
                                     "testDomainManagedSave", e)))
        return -1;
    if (!dom->persistent) {
        tdrv_dom_unlock(c);
        err_set(e, ERR_OPERATION_INVALID, ERRDOM_TEST,
                "cannot do managed save for transient domain");
        return -1;
    }
    tdrv_dom_stop(st, dom, TDRV_SHUTOFF_SAVED, TDRV_STOPPED_SAVED);
    dom->managed_save = true;
    tdrv_dom_unlock(c);
    tdrv_event_flush(st);
    return 0;
}

int
tdrv_dom_managed_save_remove(struct drv_conn *c, const struct drv_dom *d,
                             unsigned flags, struct err *e)
{
    struct tdrv_dom *dom;

    if (flags) {
        drv_bad_flags(e, ERRDOM_TEST, "testDomainManagedSaveRemove", flags);
        return -1;
    }
    if (!(dom = tdrv_dom_lock(c, d, e)))
        return -1;
    dom->managed_save = false;
    tdrv_dom_unlock(c);
    return 0;
}

/* testDomainRename: a shut-off persistent domain takes @name; the event
 * queue says it was undefined under the old name and defined under the
 * new one. */
int
tdrv_dom_rename(struct drv_conn *c, const struct drv_dom *d,
                const char *name, unsigned flags, struct err *e)
{
    struct tdrv_state *st = tdrv_st(c);
    struct tdrv_dom *dom;
    char *copy = NULL, *copy2 = NULL;
    int rc = -1;

    if (flags) {
        drv_bad_flags(e, ERRDOM_TEST, "testDomainRename", flags);
        return -1;
    }
    if (!(dom = tdrv_dom_lock(c, d, e)))
        return -1;
    if (tdrv_dom_active(dom)) {
        err_set(e, ERR_OPERATION_INVALID, ERRDOM_TEST,
                "cannot rename active domain");
    } else if (!dom->persistent) {
        err_set(e, ERR_OPERATION_INVALID, ERRDOM_TEST,
                "cannot rename a transient domain");
    } else if (dom->state != DRV_DOM_SHUTOFF) {
        err_set(e, ERR_OPERATION_INVALID, ERRDOM_TEST,
                "domain has to be shutoff before renaming");
    } else if (strcmp(dom->def->name, name) == 0) {
        err_set(e, ERR_OPERATION_INVALID, ERRDOM_DOMAIN,
                "Can't rename domain to itself");
    } else if (tdrv_dom_find_name(st, name)) {
        err_set(e, ERR_OPERATION_INVALID, ERRDOM_DOMAIN,
                "domain with name '%s' already exists", name);
    } else if (strchr(name, '/')) {
        err_set(e, ERR_XML_ERROR, ERRDOM_TEST,
                "name %s cannot contain '/'", name);
    } else if (!(copy = strdup(name)) ||
               (dom->newdef && !(copy2 = strdup(name)))) {
        tdrv_oom(e);
    } else {
        tdrv_event_queue(st, dom, dom->id, TDRV_EV_UNDEFINED,
                         TDRV_UNDEFINED_RENAMED);
        free(dom->def->name);
        dom->def->name = copy;
        copy = NULL;
        if (dom->newdef) {
            free(dom->newdef->name);
            dom->newdef->name = copy2;
            copy2 = NULL;
        }
        tdrv_event_queue(st, dom, dom->id, TDRV_EV_DEFINED,
                         TDRV_DEFINED_RENAMED);
        rc = 0;
    }
    free(copy);
    free(copy2);
    tdrv_dom_unlock(c);
    tdrv_event_flush(st);
    return rc;
}
