/*
 * network_life.c: network lifecycle in the test driver, as libvirt 9.0's
 * test driver does it: define (persistent), create (transient, started),
 * start, destroy (which, there, neither checks that the network runs nor
 * restores a pending config), undefine and autostart, with its errors.
 *
 * The test driver's network events are not delivered: no client here
 * registers for network events (that procedure is not served).
 *
 * Worker threads; each call holds the state lock for its duration and
 * parses outside it.
 */
#include "drivers/test/test_priv.h"

#include <stdlib.h>
#include <string.h>

#define TDRV_NET_VALIDATE 1u          /* VIR_NETWORK_DEFINE/CREATE_VALIDATE */

static int
tdrv_net_ident_out(const struct tdrv_net *net, struct arena *a,
                   struct drv_net *out, struct err *e)
{
    if (!(out->name = arena_strdup(a, net->o.name)))
        return tdrv_oom(e);
    memcpy(out->uuid, net->o.uuid, DRV_UUID_LEN);
    return 0;
}

static struct tdrv_net *
tdrv_net_by_name(struct tdrv_state *st, const char *name)
{
    for (size_t i = 0; i < st->nnets; i++)
        if (strcmp(st->nets[i]->name, name) == 0)
            return (struct tdrv_net *)st->nets[i];
    return NULL;
}

static struct tdrv_net *
tdrv_net_by_uuid(struct tdrv_state *st, const uint8_t *uuid)
{
    for (size_t i = 0; i < st->nnets; i++)
        if (memcmp(st->nets[i]->uuid, uuid, DRV_UUID_LEN) == 0)
            return (struct tdrv_net *)st->nets[i];
    return NULL;
}

static void
tdrv_net_remove(struct tdrv_state *st, struct tdrv_net *net)
{
    tdrv_obj_unlink(st, TDRV_K_NET, &net->o);
    tdrv_net_free(net);
}

/* virNetworkObjAssignDef's name/uuid conflicts; the network with @def's
 * uuid in *found (NULL when new). */
static int
tdrv_net_conflict(struct tdrv_state *st, const struct tdrv_netdef *def,
                  bool live, struct tdrv_net **found, struct err *e)
{
    struct tdrv_net *net = tdrv_net_by_uuid(st, def->uuid);
    char uuid[DRV_UUID_STRLEN + 1];

    *found = net;
    if (net && strcmp(net->o.name, def->name) != 0) {
        drv_uuid_format(net->o.uuid, uuid);
        err_set(e, ERR_OPERATION_FAILED, ERRDOM_NETWORK,
                "network '%s' is already defined with uuid %s", net->o.name,
                uuid);
        return -1;
    }
    if (net && live && net->o.active) {
        err_set(e, ERR_OPERATION_INVALID, ERRDOM_NETWORK,
                "network is already active as '%s'", net->o.name);
        return -1;
    }
    if (!net && (net = tdrv_net_by_name(st, def->name))) {
        drv_uuid_format(net->o.uuid, uuid);
        err_set(e, ERR_OPERATION_FAILED, ERRDOM_NETWORK,
                "network '%s' already exists with uuid %s", def->name, uuid);
        return -1;
    }
    return 0;
}

/* A new network object for *defp (taken). */
static struct tdrv_net *
tdrv_net_new(struct tdrv_state *st, struct tdrv_netdef **defp,
             struct err *e)
{
    struct tdrv_net *net = calloc(1, sizeof(*net));

    if (!net || !(net->o.name = strdup((*defp)->name)) ||
        tdrv_obj_append(&st->nets, &st->nnets, &net->o) < 0) {
        if (net)
            free(net->o.name);
        free(net);
        tdrv_oom(e);
        return NULL;
    }
    memcpy(net->o.uuid, (*defp)->uuid, DRV_UUID_LEN);
    net->def = *defp;
    *defp = NULL;
    return net;
}

/*
 * Add *defp (taken on success) as a new network or over the one with its
 * uuid, as virNetworkObjAssignDef: a live one (create) replaces the
 * running definition, keeping a persistent network's config as pending
 * unless one is pending already; a config (define) given to a running
 * network becomes its pending config, else it replaces the definition.
 * Caller holds st->lock.
 */
static struct tdrv_net *
tdrv_net_add(struct tdrv_state *st, struct tdrv_netdef **defp, bool live,
             struct err *e)
{
    struct tdrv_net *net;

    if (tdrv_net_conflict(st, *defp, live, &net, e) < 0)
        return NULL;
    if (!net)
        return tdrv_net_new(st, defp, e);
    if (live) {
        if (net->o.persistent && !net->pending)
            net->pending = net->def;
        else
            tdrv_netdef_free(net->def);
        net->def = *defp;
    } else {
        tdrv_netdef_free(net->pending);
        net->pending = NULL;
        if (net->o.active) {
            net->pending = *defp;
        } else {
            tdrv_netdef_free(net->def);
            net->def = *defp;
        }
    }
    *defp = NULL;
    return net;
}

/* virNetworkEventLifecycleType */
enum {
    TDRV_NET_EV_DEFINED = 0,
    TDRV_NET_EV_UNDEFINED = 1,
    TDRV_NET_EV_STARTED = 2,
    TDRV_NET_EV_STOPPED = 3,
};

static int
tdrv_net_from_xml(struct drv_conn *c, const char *xml, unsigned flags,
                  bool create, struct arena *a, struct drv_net *out,
                  struct err *e)
{
    struct tdrv_state *st = tdrv_st(c);
    struct tdrv_netdef *def;
    struct tdrv_net *net;
    int rc = -1;

    if (flags & ~TDRV_NET_VALIDATE) {
        drv_bad_flags(e, ERRDOM_TEST, create ? "testNetworkCreateXMLFlags"
                                             : "testNetworkDefineXMLFlags",
                      flags);
        return -1;
    }
    if (tdrv_netdef_parse(xml, &def, e) < 0)
        return -1;
    pthread_mutex_lock(&st->lock);
    if ((net = tdrv_net_add(st, &def, create, e))) {
        if (create)
            net->o.active = true;
        else
            net->o.persistent = true;
        tdrv_net_event_queue(st, &net->o, create ? TDRV_NET_EV_STARTED
                                                 : TDRV_NET_EV_DEFINED);
        rc = tdrv_net_ident_out(net, a, out, e);
    }
    pthread_mutex_unlock(&st->lock);
    tdrv_event_flush(st);
    tdrv_netdef_free(def);
    return rc;
}

int
tdrv_net_define_xml(struct drv_conn *c, const char *xml, unsigned flags,
                    struct arena *a, struct drv_net *out, struct err *e)
{
    return tdrv_net_from_xml(c, xml, flags, false, a, out, e);
}

int
tdrv_net_create_xml(struct drv_conn *c, const char *xml, unsigned flags,
                    struct arena *a, struct drv_net *out, struct err *e)
{
    return tdrv_net_from_xml(c, xml, flags, true, a, out, e);
}

/* What start, stop, undefine and autostart do, by name as the test
 * driver finds the network for them. */
enum tdrv_net_op { TDRV_NET_START, TDRV_NET_STOP, TDRV_NET_UNDEFINE };

static int
tdrv_net_op_locked(struct tdrv_state *st, struct tdrv_net *net,
                   enum tdrv_net_op op, const char *name, struct err *e)
{
    if (op == TDRV_NET_START && net->o.active) {
        err_set(e, ERR_OPERATION_INVALID, ERRDOM_TEST,
                "Network '%s' is already running", name);
        return -1;
    }
    if (op == TDRV_NET_UNDEFINE && net->o.active) {
        err_set(e, ERR_OPERATION_INVALID, ERRDOM_TEST,
                "Network '%s' is still running", name);
        return -1;
    }
    net->o.active = op == TDRV_NET_START;
    /* stopping a stopped network succeeds and says so again, as in the
     * test driver */
    tdrv_net_event_queue(st, &net->o,
                         op == TDRV_NET_START ? TDRV_NET_EV_STARTED
                         : op == TDRV_NET_STOP ? TDRV_NET_EV_STOPPED
                                               : TDRV_NET_EV_UNDEFINED);
    if (op == TDRV_NET_UNDEFINE || (op == TDRV_NET_STOP &&
                                    !net->o.persistent))
        tdrv_net_remove(st, net);
    return 0;
}

static int
tdrv_net_op(struct drv_conn *c, const struct drv_net *n, enum tdrv_net_op op,
            struct err *e)
{
    struct tdrv_state *st = tdrv_st(c);
    struct tdrv_obj *o;
    int rc = -1;

    pthread_mutex_lock(&st->lock);
    if ((o = tdrv_obj_get(st, TDRV_K_NET, n->name, NULL, e)))
        rc = tdrv_net_op_locked(st, (struct tdrv_net *)o, op, n->name, e);
    pthread_mutex_unlock(&st->lock);
    tdrv_event_flush(st);
    return rc;
}

int
tdrv_net_create(struct drv_conn *c, const struct drv_net *net,
                struct err *e)
{
    return tdrv_net_op(c, net, TDRV_NET_START, e);
}

int
tdrv_net_destroy(struct drv_conn *c, const struct drv_net *net,
                 struct err *e)
{
    return tdrv_net_op(c, net, TDRV_NET_STOP, e);
}

int
tdrv_net_undefine(struct drv_conn *c, const struct drv_net *net,
                  struct err *e)
{
    return tdrv_net_op(c, net, TDRV_NET_UNDEFINE, e);
}

int
tdrv_net_set_autostart(struct drv_conn *c, const struct drv_net *net,
                       int autostart, struct err *e)
{
    struct tdrv_state *st = tdrv_st(c);
    struct tdrv_obj *o;

    pthread_mutex_lock(&st->lock);
    if ((o = tdrv_obj_get(st, TDRV_K_NET, net->name, NULL, e)))
        o->autostart = autostart != 0;
    pthread_mutex_unlock(&st->lock);
    return o ? 0 : -1;
}
