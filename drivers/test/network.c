/*
 * network.c: test driver virtual networks (read side): lookups, listings,
 * XML, bridge, autostart and state, with libvirt's error texts.
 *
 * Like libvirt's test driver, calls on a network object resolve it by
 * name (XML, bridge, autostart) or by UUID (is-active, is-persistent),
 * which shows in the error text. The shared parts are in objs.c.
 */
#include "drivers/test/test_priv.h"

#include <stdlib.h>
#include <string.h>

#include "drivers/test/xmlp.h"

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

    if (drv_flags_unsupported(e, ERRDOM_TEST, "testConnectListAllNetworks",
                              flags, TDRV_NET_ALL)) {
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

/* Ends the open start tag of a range or host: its <lease>, or "/>". */
static void
tdrv_net_format_lease(struct xmlw *w, const char *elem,
                      const struct tdrv_net_lease *l)
{
    static const char *const units[] = { "seconds", "minutes", "hours" };

    if (!l->set) {
        xmlw_empty(w);
        return;
    }
    xmlw_open(w);
    xmlw_start(w, "lease");
    xmlw_attrf(w, "expiry", "%llu", l->expiry);
    if (l->expiry)
        xmlw_attr(w, "unit", units[l->unit]);
    xmlw_empty(w);
    xmlw_close(w, elem);
}

static void
tdrv_net_format_dhcp(struct xmlw *w, const struct tdrv_net_ip *ip)
{
    if (!ip->nranges && !ip->nhosts)
        return;
    xmlw_start(w, "dhcp");
    xmlw_open(w);
    for (size_t i = 0; i < ip->nranges; i++) {
        xmlw_start(w, "range");
        xmlw_attr(w, "start", ip->ranges[i].start);
        xmlw_attr(w, "end", ip->ranges[i].end);
        tdrv_net_format_lease(w, "range", &ip->ranges[i].lease);
    }
    for (size_t i = 0; i < ip->nhosts; i++) {
        const struct tdrv_net_host *h = &ip->hosts[i];

        xmlw_start(w, "host");
        if (h->mac)
            xmlw_attr(w, "mac", h->mac);
        if (h->id)
            xmlw_attr(w, "id", h->id);
        if (h->name)
            xmlw_attr(w, "name", h->name);
        if (h->ip)
            xmlw_attr(w, "ip", h->ip);
        tdrv_net_format_lease(w, "host", &h->lease);
    }
    if (ip->bootfile) {
        xmlw_start(w, "bootp");
        xmlw_attr(w, "file", ip->bootfile);
        if (ip->bootserver)
            xmlw_attr(w, "server", ip->bootserver);
        xmlw_empty(w);
    }
    xmlw_close(w, "dhcp");
}

/* libvirt always writes <ip> with a body, even an empty one. */
static void
tdrv_net_format_ip(struct xmlw *w, const struct tdrv_net_ip *ip)
{
    xmlw_start(w, "ip");
    if (ip->family)
        xmlw_attr(w, "family", ip->family);
    xmlw_attr(w, "address", ip->address);
    if (ip->netmask)
        xmlw_attr(w, "netmask", ip->netmask);
    if (ip->prefix > 0)
        xmlw_attrf(w, "prefix", "%d", ip->prefix);
    if (ip->local_ptr)
        xmlw_attr(w, "localPtr", tdrv_tristate_names[ip->local_ptr]);
    xmlw_open(w);
    if (ip->tftp_root) {
        xmlw_start(w, "tftp");
        xmlw_attr(w, "root", ip->tftp_root);
        xmlw_empty(w);
    }
    tdrv_net_format_dhcp(w, ip);
    xmlw_close(w, "ip");
}

/* virNetworkForwardNatDefFormat */
static void
tdrv_net_format_nat(struct xmlw *w, const struct tdrv_net_nat *n)
{
    bool body = n->start || n->end || n->port_start || n->port_end;

    if (!body && !n->ipv6)
        return;
    xmlw_start(w, "nat");
    if (n->ipv6)
        xmlw_attr(w, "ipv6", tdrv_tristate_names[n->ipv6]);
    if (!body) {
        xmlw_empty(w);
        return;
    }
    xmlw_open(w);
    if (n->start) {
        xmlw_start(w, "address");
        xmlw_attr(w, "start", n->start);
        if (n->end)
            xmlw_attr(w, "end", n->end);
        xmlw_empty(w);
    }
    if (n->port_start || n->port_end) {
        xmlw_start(w, "port");
        xmlw_attrf(w, "start", "%u", n->port_start);
        if (n->port_end)
            xmlw_attrf(w, "end", "%u", n->port_end);
        xmlw_empty(w);
    }
    xmlw_close(w, "nat");
}

static void
tdrv_net_format_forward(struct xmlw *w, const struct tdrv_netdef *def)
{
    static const char *const drivers[] = { "default", "kvm", "vfio" };
    const struct tdrv_net_nat *n = &def->nat;
    const char *m = def->forward_mode;
    bool nat = m && strcmp(m, "nat") == 0;

    if (!m)
        return;
    xmlw_start(w, "forward");
    if (!def->fwd_pf && def->nfwd_ifs)
        xmlw_attr(w, "dev", def->fwd_ifs[0]);
    xmlw_attr(w, "mode", m);
    if (strcmp(m, "hostdev") == 0)
        xmlw_attr(w, "managed", def->fwd_managed ? "yes" : "no");
    if (!def->nfwd_ifs && !def->nfwd_pcis && !def->fwd_pf && !n->start &&
        !n->end &&
        !n->port_start && !n->port_end && !n->ipv6 && !def->fwd_driver) {
        xmlw_empty(w);
        return;
    }
    xmlw_open(w);
    if (def->fwd_driver) {
        xmlw_start(w, "driver");
        xmlw_attr(w, "name", drivers[def->fwd_driver]);
        xmlw_empty(w);
    }
    if (nat)
        tdrv_net_format_nat(w, n);
    if (def->fwd_pf) {
        xmlw_start(w, "pf");
        xmlw_attr(w, "dev", def->fwd_pf);
        xmlw_empty(w);
    }
    for (size_t i = 0; i < def->nfwd_ifs; i++) {
        xmlw_start(w, "interface");
        xmlw_attr(w, "dev", def->fwd_ifs[i]);
        xmlw_empty(w);
    }
    for (size_t i = 0; i < def->nfwd_pcis; i++)
        tdrv_fmt_pci(w, &def->fwd_pcis[i]);
    xmlw_close(w, "forward");
}

/* Bridge-like modes (none, nat, route, open) show the STP settings. */
static void
tdrv_net_format_bridge(struct xmlw *w, const struct tdrv_netdef *def)
{
    static const char *const tables[] = { "default", "kernel", "libvirt" };
    const char *m = def->forward_mode;
    bool routed = !m || strcmp(m, "nat") == 0 || strcmp(m, "route") == 0 ||
                  strcmp(m, "open") == 0;

    if (!routed && !def->bridge && !def->mac_table)
        return;
    xmlw_start(w, "bridge");
    if (def->bridge)
        xmlw_attr(w, "name", def->bridge);
    if (def->bridge_zone)
        xmlw_attr(w, "zone", def->bridge_zone);
    if (routed) {
        xmlw_attr(w, "stp", def->stp ? "on" : "off");
        xmlw_attrf(w, "delay", "%lu", def->delay);
    }
    if (def->mac_table)
        xmlw_attr(w, "macTableManager", tables[def->mac_table]);
    xmlw_empty(w);
}

void
tdrv_netdef_format(struct xmlw *w, const struct tdrv_netdef *def)
{
    char uuid[DRV_UUID_STRLEN + 1];

    xmlw_start(w, "network");
    if (def->ipv6nogw)
        xmlw_attr(w, "ipv6", "yes");
    if (def->trust)
        xmlw_attr(w, "trustGuestRxFilters", tdrv_tristate_names[def->trust]);
    xmlw_open(w);
    xmlw_elem(w, "name", def->name);
    drv_uuid_format(def->uuid, uuid);
    xmlw_elem(w, "uuid", uuid);
    tdrv_net_format_forward(w, def);
    tdrv_net_format_bridge(w, def);
    if (def->mtu) {
        xmlw_start(w, "mtu");
        xmlw_attrf(w, "size", "%u", def->mtu);
        xmlw_empty(w);
    }
    if (def->mac) {
        xmlw_start(w, "mac");
        xmlw_attr(w, "address", def->mac);
        xmlw_empty(w);
    }
    if (def->domain) {
        xmlw_start(w, "domain");
        xmlw_attr(w, "name", def->domain);
        if (def->domain_local)
            xmlw_attr(w, "localOnly", tdrv_tristate_names[def->domain_local]);
        xmlw_empty(w);
    }
    tdrv_net_dns_format(w, &def->dns);
    tdrv_vlan_format(w, &def->vlan);
    tdrv_fmt_bandwidth(w, &def->bw);
    if (def->port_isolated) {
        xmlw_start(w, "port");
        xmlw_attr(w, "isolated", tdrv_tristate_names[def->port_isolated]);
        xmlw_empty(w);
    }
    for (size_t i = 0; i < def->nips; i++)
        tdrv_net_format_ip(w, &def->ips[i]);
    for (size_t i = 0; i < def->nroutes; i++) {
        const struct tdrv_net_route *r = &def->routes[i];

        xmlw_start(w, "route");
        if (r->family)
            xmlw_attr(w, "family", r->family);
        xmlw_attr(w, "address", r->address);
        if (r->netmask)
            xmlw_attr(w, "netmask", r->netmask);
        if (r->has_prefix)
            xmlw_attrf(w, "prefix", "%u", r->prefix);
        xmlw_attr(w, "gateway", r->gateway);
        if (r->has_metric && r->metric)
            xmlw_attrf(w, "metric", "%u", r->metric);
        xmlw_empty(w);
    }
    tdrv_vport_format(w, &def->vport);
    for (size_t i = 0; i < def->npgs; i++) {
        const struct tdrv_net_pg *pg = &def->pgs[i];

        xmlw_start(w, "portgroup");
        xmlw_attr(w, "name", pg->name);
        if (pg->is_default)
            xmlw_attr(w, "default", "yes");
        if (pg->trust)
            xmlw_attr(w, "trustGuestRxFilters",
                      tdrv_tristate_names[pg->trust]);
        xmlw_open(w);
        tdrv_vlan_format(w, &pg->vlan);
        tdrv_vport_format(w, &pg->vport);
        tdrv_fmt_bandwidth(w, &pg->bw);
        xmlw_close(w, "portgroup");
    }
    xmlw_close(w, "network");
}

static void
tdrv_net_format(struct xmlw *w, const struct tdrv_obj *o)
{
    tdrv_netdef_format(w, ((const struct tdrv_net *)o)->def);
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
    if (obj && !obj->def->bridge)
        err_set(e, ERR_INTERNAL_ERROR, ERRDOM_TEST,
                "network '%s' does not have a bridge name.", obj->o.name);
    else if (obj && (*out = tdrv_strdup(a, obj->def->bridge, e)))
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

static void
tdrv_net_ip_release(struct tdrv_net_ip *ip)
{
    free(ip->family);
    free(ip->address);
    free(ip->netmask);
    free(ip->tftp_root);
    free(ip->bootfile);
    free(ip->bootserver);
    for (size_t i = 0; ip->ranges && i < ip->nranges; i++) {
        free(ip->ranges[i].start);
        free(ip->ranges[i].end);
    }
    free(ip->ranges);
    for (size_t i = 0; ip->hosts && i < ip->nhosts; i++)
        tdrv_net_host_clear(&ip->hosts[i]);
    free(ip->hosts);
}

void
tdrv_vlan_format(struct xmlw *w, const struct tdrv_vlan *v)
{
    static const char *const modes[] = { "default", "tagged", "untagged" };

    if (!v->ntags)
        return;
    xmlw_start(w, "vlan");
    if (v->trunk)
        xmlw_attr(w, "trunk", "yes");
    xmlw_open(w);
    for (size_t i = 0; i < v->ntags; i++) {
        xmlw_start(w, "tag");
        xmlw_attrf(w, "id", "%u", v->tags[i]);
        if (v->native_mode && v->native_tag == v->tags[i])
            xmlw_attr(w, "nativeMode", modes[v->native_mode]);
        xmlw_empty(w);
    }
    xmlw_close(w, "vlan");
}

/* virNetDevVPortProfileFormat: each parameter where its type has it */
void
tdrv_vport_format(struct xmlw *w, const struct tdrv_vport *v)
{
    static const char *const types[] = { "none", "802.1Qbg", "802.1Qbh",
                                         "openvswitch", "midonet" };
    bool qbg = v->type == 0 || v->type == 1;
    bool params = v->has_mgr || v->has_tid || v->has_tidv || v->has_inst ||
                  v->profile[0] || v->has_iface;
    char uuid[DRV_UUID_STRLEN + 1];

    if (!v->set || (!v->type && !params))
        return;
    xmlw_start(w, "virtualport");
    if (v->type)
        xmlw_attr(w, "type", types[v->type]);
    if (!params) {
        xmlw_empty(w);
        return;
    }
    xmlw_open(w);
    xmlw_start(w, "parameters");
    if (v->has_mgr && qbg)
        xmlw_attrf(w, "managerid", "%u", v->mgr);
    if (v->has_tid && qbg)
        xmlw_attrf(w, "typeid", "%u", v->tid);
    if (v->has_tidv && qbg)
        xmlw_attrf(w, "typeidversion", "%u", v->tidv);
    if (v->has_inst && qbg) {
        drv_uuid_format(v->inst, uuid);
        xmlw_attr(w, "instanceid", uuid);
    }
    if (v->has_iface && (v->type == 0 || v->type == 3 || v->type == 4)) {
        drv_uuid_format(v->iface, uuid);
        xmlw_attr(w, "interfaceid", uuid);
    }
    if (v->profile[0] && (v->type == 0 || v->type == 2 || v->type == 3))
        xmlw_attr(w, "profileid", v->profile);
    xmlw_empty(w);
    xmlw_close(w, "virtualport");
}

void
tdrv_net_pg_clear(struct tdrv_net_pg *pg)
{
    free(pg->name);
    free(pg->vlan.tags);
    memset(pg, 0, sizeof(*pg));
}

void
tdrv_net_host_clear(struct tdrv_net_host *h)
{
    free(h->mac);
    free(h->id);
    free(h->name);
    free(h->ip);
    memset(h, 0, sizeof(*h));
}

void
tdrv_netdef_free(struct tdrv_netdef *def)
{
    if (!def)
        return;
    free(def->name);
    free(def->forward_mode);
    for (size_t i = 0; def->fwd_ifs && i < def->nfwd_ifs; i++)
        free(def->fwd_ifs[i]);
    free(def->fwd_ifs);
    free(def->fwd_pcis);
    free(def->fwd_pf);
    free(def->bridge_zone);
    free(def->nat.start);
    free(def->nat.end);
    free(def->bridge);
    free(def->mac);
    free(def->domain);
    free(def->vlan.tags);
    tdrv_net_dns_clear(&def->dns);
    for (size_t i = 0; def->pgs && i < def->npgs; i++)
        tdrv_net_pg_clear(&def->pgs[i]);
    free(def->pgs);
    for (size_t i = 0; def->routes && i < def->nroutes; i++) {
        free(def->routes[i].family);
        free(def->routes[i].address);
        free(def->routes[i].netmask);
        free(def->routes[i].gateway);
    }
    free(def->routes);
    for (size_t i = 0; def->ips && i < def->nips; i++)
        tdrv_net_ip_release(&def->ips[i]);
    free(def->ips);
    free(def);
}

void
tdrv_net_free(struct tdrv_net *net)
{
    if (!net)
        return;
    free(net->o.name);
    tdrv_netdef_free(net->def);
    tdrv_netdef_free(net->pending);
    free(net);
}
