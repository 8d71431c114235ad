/*
 * iface.c: test driver host interfaces (read side): lookups by name and
 * MAC, listings, XML and state, with libvirt's error texts. Interface
 * objects are resolved by name. The shared parts are in objs.c.
 */
#include "drivers/test/test_priv.h"

#include <strings.h>
#include <string.h>

#define TDRV_IFACE_ALL (TDRV_OBJ_INACTIVE | TDRV_OBJ_ACTIVE)

static int
tdrv_iface_ident(const struct tdrv_obj *o, struct arena *a, void *out)
{
    struct drv_iface *i = out;

    i->name = arena_strdup(a, o->name);
    i->mac = arena_strdup(a, ((const struct tdrv_iface *)o)->mac);
    return i->name && i->mac ? 0 : -1;
}

int
tdrv_list_all_interfaces(struct drv_conn *c, unsigned flags, struct arena *a,
                         struct drv_iface **out, int *n, struct err *e)
{
    void *items;

    if (drv_flags_unsupported(e, ERRDOM_TEST, "testConnectListAllInterfaces",
                              flags, TDRV_IFACE_ALL)) {
        return -1;
    }
    if (tdrv_obj_list(c, TDRV_K_IFACE, flags, NULL, tdrv_iface_ident,
                      sizeof(**out), a, &items, n, e) < 0)
        return -1;
    *out = items;
    return 0;
}

int
tdrv_num_of_interfaces(struct drv_conn *c, bool active, int *out,
                       struct err *e)
{
    (void)e;
    return tdrv_obj_num(c, TDRV_K_IFACE, active, out);
}

int
tdrv_list_interface_names(struct drv_conn *c, bool active, int max,
                          struct arena *a, const char ***out, int *n,
                          struct err *e)
{
    return tdrv_obj_names(c, TDRV_K_IFACE, active, max, a, out, n, e);
}

int
tdrv_iface_lookup_by_name(struct drv_conn *c, const char *name,
                          struct arena *a, struct drv_iface *out,
                          struct err *e)
{
    struct tdrv_state *st = tdrv_st(c);
    struct tdrv_obj *o;
    int rc = -1;

    pthread_mutex_lock(&st->lock);
    if ((o = tdrv_obj_get(st, TDRV_K_IFACE, name, NULL, e)) &&
        (rc = tdrv_iface_ident(o, a, out)) < 0)
        tdrv_oom(e);
    pthread_mutex_unlock(&st->lock);
    return rc;
}

int
tdrv_iface_lookup_by_mac(struct drv_conn *c, const char *mac,
                         struct arena *a, struct drv_iface *out,
                         struct err *e)
{
    struct tdrv_state *st = tdrv_st(c);
    struct tdrv_obj *hit = NULL;
    int rc = -1;

    pthread_mutex_lock(&st->lock);
    for (size_t i = 0; !hit && i < st->nifaces; i++)
        if (strcasecmp(((struct tdrv_iface *)st->ifaces[i])->mac, mac) == 0)
            hit = st->ifaces[i];
    if (hit && (rc = tdrv_iface_ident(hit, a, out)) < 0)
        tdrv_oom(e);
    pthread_mutex_unlock(&st->lock);
    if (!hit)
        err_set(e, ERR_NO_INTERFACE, ERRDOM_TEST,
                "no interface with matching mac '%s'", mac);
    return rc;
}

static void
tdrv_iface_format_ip(struct xmlw *w, const struct tdrv_iface *ifc)
{
    xmlw_start(w, "protocol");
    xmlw_attr(w, "family", ifc->ip_family);
    xmlw_open(w);
    xmlw_start(w, "ip");
    xmlw_attr(w, "address", ifc->ip_address);
    xmlw_attrf(w, "prefix", "%u", ifc->ip_prefix);
    xmlw_empty(w);
    if (ifc->gateway) {
        xmlw_start(w, "route");
        xmlw_attr(w, "gateway", ifc->gateway);
        xmlw_empty(w);
    }
    xmlw_close(w, "protocol");
}

static void
tdrv_iface_format(struct xmlw *w, const struct tdrv_obj *o)
{
    const struct tdrv_iface *ifc = (const struct tdrv_iface *)o;

    xmlw_start(w, "interface");
    xmlw_attr(w, "type", ifc->type);
    xmlw_attr(w, "name", o->name);
    xmlw_open(w);
    if (ifc->start_mode) {
        xmlw_start(w, "start");
        xmlw_attr(w, "mode", ifc->start_mode);
        xmlw_empty(w);
    }
    if (ifc->mtu) {
        xmlw_start(w, "mtu");
        xmlw_attrf(w, "size", "%u", ifc->mtu);
        xmlw_empty(w);
    }
    if (ifc->ip_family)
        tdrv_iface_format_ip(w, ifc);
    xmlw_start(w, "mac");
    xmlw_attr(w, "address", ifc->mac);
    xmlw_empty(w);
    xmlw_close(w, "interface");
}

int
tdrv_iface_get_xml_desc(struct drv_conn *c, const struct drv_iface *iface,
                        unsigned flags, struct arena *a, char **out,
                        struct err *e)
{
    if (flags) {
        drv_bad_flags(e, ERRDOM_TEST, "testInterfaceGetXMLDesc", flags);
        return -1;
    }
    return tdrv_obj_xml(c, TDRV_K_IFACE, iface->name, tdrv_iface_format, a,
                        out, e);
}

int
tdrv_iface_is_active(struct drv_conn *c, const struct drv_iface *iface,
                     int *out, struct err *e)
{
    return tdrv_obj_flag(c, TDRV_K_IFACE, iface->name, NULL, TDRV_F_ACTIVE,
                         out, e);
}

/*
 * testInterfaceChange{Begin,Commit,Rollback}: one transaction at a time.
 * libvirt's keeps a copy of the interfaces at begin and puts it back on
 * rollback; the copy holds the definitions, not the state, so after a
 * rollback every interface is inactive (libvirtd 9.0 shows eth1 inactive
 * then). No call of virtd's test driver changes an interface definition,
 * so that state is all a rollback changes here.
 */
int
tdrv_iface_change(struct drv_conn *c, int op, unsigned flags, struct err *e)
{
    static const char *const funcs[] = {
        [DRV_IFACE_BEGIN] = "testInterfaceChangeBegin",
        [DRV_IFACE_COMMIT] = "testInterfaceChangeCommit",
        [DRV_IFACE_ROLLBACK] = "testInterfaceChangeRollback",
    };
    struct tdrv_state *st = tdrv_st(c);
    int rc = 0;

    if (drv_flags_unsupported(e, ERRDOM_TEST, funcs[op], flags, 0))
        return -1;
    pthread_mutex_lock(&st->lock);
    if (op == DRV_IFACE_BEGIN && st->iface_txn) {
        err_set(e, ERR_OPERATION_INVALID, ERRDOM_TEST,
                "there is another transaction running.");
        rc = -1;
    } else if (op != DRV_IFACE_BEGIN && !st->iface_txn) {
        err_set(e, ERR_OPERATION_INVALID, ERRDOM_TEST,
                op == DRV_IFACE_COMMIT ? "no transaction running, nothing "
                "to be committed." : "no transaction running, nothing to "
                "rollback.");
        rc = -1;
    } else {
        st->iface_txn = op == DRV_IFACE_BEGIN;
        for (size_t i = 0; op == DRV_IFACE_ROLLBACK && i < st->nifaces; i++)
            st->ifaces[i]->active = false;
    }
    pthread_mutex_unlock(&st->lock);
    return rc;
}
