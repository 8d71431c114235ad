/*
 * network.c: test driver virtual networks (read side): lookups, listings,
 * XML, bridge, autostart and state, with libvirt's error texts.
 *
 * Like libvirt's test driver, calls on a network object resolve it by
 * name (XML, bridge, autostart) or by UUID (is-active, is-persistent),
 * which shows in the error text. The shared parts are in objs.c.
 */
#include "drivers/test/test_priv.h"

#include <string.h>

#define TDRV_NET_ALL 0x3fu          /* the six TDRV_OBJ_* filters */

static int
tdrv_net_ident(const struct tdrv_obj *o, struct arena *a, void *out)
{
    struct drv_net *n = out;

    n->name = arena_strdup(a, o->name);
    memcpy(n->uuid, o->uuid, DRV_UUID_LEN);
    return n->name ? 0 : -1;
}

int
tdrv_list_all_networks(struct drv_conn *c, unsigned flags, struct arena *a,
                       struct drv_net **out, int *n, struct err *e)
{
    void *items;

    if (flags & ~TDRV_NET_ALL) {
        drv_bad_flags(e, ERRDOM_TEST, "testConnectListAllNetworks", flags);
        return -1;
    }
    if (tdrv_obj_list(c, TDRV_K_NET, flags, NULL, tdrv_net_ident,
                      sizeof(**out), a, &items, n, e) < 0)
        return -1;
    *out = items;
    return 0;
}

int
tdrv_num_of_networks(struct drv_conn *c, bool active, int *out,
                     struct err *e)
{
    (void)e;
    return tdrv_obj_num(c, TDRV_K_NET, active, out);
}

int
tdrv_list_network_names(struct drv_conn *c, bool active, int max,
                        struct arena *a, const char ***out, int *n,
                        struct err *e)
{
    return tdrv_obj_names(c, TDRV_K_NET, active, max, a, out, n, e);
}

static int
tdrv_net_lookup(struct drv_conn *c, const char *name, const uint8_t *uuid,
                struct arena *a, struct drv_net *out, struct err *e)
{
    struct tdrv_state *st = tdrv_st(c);
    struct tdrv_obj *o;
    int rc = -1;

    pthread_mutex_lock(&st->lock);
    if ((o = tdrv_obj_get(st, TDRV_K_NET, name, uuid, e)) &&
        (rc = tdrv_net_ident(o, a, out)) < 0)
        tdrv_oom(e);
    pthread_mutex_unlock(&st->lock);
    return rc;
}

int
tdrv_net_lookup_by_name(struct drv_conn *c, const char *name,
                        struct arena *a, struct drv_net *out, struct err *e)
{
    return tdrv_net_lookup(c, name, NULL, a, out, e);
}

int
tdrv_net_lookup_by_uuid(struct drv_conn *c, const uint8_t *uuid,
                        struct arena *a, struct drv_net *out, struct err *e)
{
    return tdrv_net_lookup(c, NULL, uuid, a, out, e);
}

static void
tdrv_net_format_ip(struct xmlw *w, const struct tdrv_net *net)
{
    xmlw_start(w, "ip");
    xmlw_attr(w, "address", net->ip_address);
    if (net->ip_netmask)
        xmlw_attr(w, "netmask", net->ip_netmask);
    if (!net->dhcp_start) {
        xmlw_empty(w);
        return;
    }
    xmlw_open(w);
    xmlw_start(w, "dhcp");
    xmlw_open(w);
    xmlw_start(w, "range");
    xmlw_attr(w, "start", net->dhcp_start);
    xmlw_attr(w, "end", net->dhcp_end);
    xmlw_empty(w);
    xmlw_close(w, "dhcp");
    xmlw_close(w, "ip");
}

static void
tdrv_net_format(struct xmlw *w, const struct tdrv_obj *o)
{
    const struct tdrv_net *net = (const struct tdrv_net *)o;
    char uuid[DRV_UUID_STRLEN + 1];

    xmlw_start(w, "network");
    xmlw_open(w);
    xmlw_elem(w, "name", o->name);
    drv_uuid_format(o->uuid, uuid);
    xmlw_elem(w, "uuid", uuid);
    if (net->forward_mode) {
        xmlw_start(w, "forward");
        xmlw_attr(w, "mode", net->forward_mode);
        xmlw_empty(w);
    }
    if (net->bridge) {
        xmlw_start(w, "bridge");
        xmlw_attr(w, "name", net->bridge);
        xmlw_attr(w, "stp", net->stp ? "on" : "off");
        xmlw_attrf(w, "delay", "%u", net->delay);
        xmlw_empty(w);
    }
    if (net->ip_address)
        tdrv_net_format_ip(w, net);
    xmlw_close(w, "network");
}

int
tdrv_net_get_xml_desc(struct drv_conn *c, const struct drv_net *net,
                      unsigned flags, struct arena *a, char **out,
                      struct err *e)
{
    if (flags) {
        drv_bad_flags(e, ERRDOM_TEST, "testNetworkGetXMLDesc", flags);
        return -1;
    }
    return tdrv_obj_xml(c, TDRV_K_NET, net->name, tdrv_net_format, a, out,
                        e);
}

int
tdrv_net_get_bridge_name(struct drv_conn *c, const struct drv_net *net,
                         struct arena *a, char **out, struct err *e)
{
    struct tdrv_state *st = tdrv_st(c);
    const struct tdrv_net *obj;
    int rc = -1;

    pthread_mutex_lock(&st->lock);
    obj = (struct tdrv_net *)tdrv_obj_get(st, TDRV_K_NET, net->name, NULL,
                                          e);
    if (obj && !obj->bridge)
        err_set(e, ERR_INTERNAL_ERROR, ERRDOM_TEST,
                "network '%s' does not have a bridge name.", obj->o.name);
    else if (obj && (*out = tdrv_strdup(a, obj->bridge, e)))
        rc = 0;
    pthread_mutex_unlock(&st->lock);
    return rc;
}

int
tdrv_net_get_autostart(struct drv_conn *c, const struct drv_net *net,
                       int *out, struct err *e)
{
    return tdrv_obj_flag(c, TDRV_K_NET, net->name, NULL, TDRV_F_AUTOSTART,
                         out, e);
}

int
tdrv_net_is_active(struct drv_conn *c, const struct drv_net *net, int *out,
                   struct err *e)
{
    return tdrv_obj_flag(c, TDRV_K_NET, NULL, net->uuid, TDRV_F_ACTIVE, out,
                         e);
}

int
tdrv_net_is_persistent(struct drv_conn *c, const struct drv_net *net,
                       int *out, struct err *e)
{
    return tdrv_obj_flag(c, TDRV_K_NET, NULL, net->uuid, TDRV_F_PERSISTENT,
                         out, e);
}
