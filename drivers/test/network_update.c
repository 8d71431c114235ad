/*
 * network_update.c: virNetworkUpdate in the test driver, as libvirt 9.0's
 * testNetworkUpdate does it over its network objects: DHCP hosts added,
 * deleted and modified, DHCP ranges added and deleted, in the live
 * definition, the persistent one or both, with libvirt's checks, order
 * and error texts.
 *
 * Like libvirt, each definition changed is a copy (a format and parse
 * cycle of the original), changed, then checked by one more cycle; the
 * originals are replaced only when every copy asked for is good. The
 * persistent definition of a running network is its pending config
 * (tdrv_net.pending), made from the live one on first use; the test
 * driver never puts it in place, so it shows in no XML, but later
 * updates of the config work on it.
 *
 * The DNS sections are in network_dns.c. Sections libvirt cannot update
 * (bridge, domain, ip, forward, forward-pf) get its "can't update"
 * error.
 *
 * Worker threads; the state lock is held for the whole update.
 */
#include "drivers/test/test_priv.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <netdb.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "drivers/test/xmlp.h"
#include "drivers/test/xmlw.h"

/* virNetworkUpdateCommand */
enum {
    TDRV_NU_MODIFY = 1,
    TDRV_NU_DELETE = 2,
    TDRV_NU_ADD_LAST = 3,
    TDRV_NU_ADD_FIRST = 4,
};

/* virNetworkUpdateSection */
enum {
    TDRV_NS_BRIDGE = 1,
    TDRV_NS_DOMAIN,
    TDRV_NS_IP,
    TDRV_NS_DHCP_HOST,
    TDRV_NS_DHCP_RANGE,
    TDRV_NS_FORWARD,
    TDRV_NS_FORWARD_IF,
    TDRV_NS_FORWARD_PF,
    TDRV_NS_PORTGROUP,
    TDRV_NS_DNS_HOST,
    TDRV_NS_DNS_TXT,
    TDRV_NS_DNS_SRV,
};

#define TDRV_NU_LIVE 1u                 /* VIR_NETWORK_UPDATE_AFFECT_LIVE */
#define TDRV_NU_CONFIG 2u               /* ..._AFFECT_CONFIG */

/* -- helpers --------------------------------------------------------------- */

/* virMacAddrCompare: equal ignoring case and leading zeros of a byte. */
static bool
tdrv_mac_same(const char *p, const char *q)
{
    for (;;) {
        while (*p == '0' && isxdigit((unsigned char)p[1]))
            p++;
        while (*q == '0' && isxdigit((unsigned char)q[1]))
            q++;
        if (tolower((unsigned char)*p) != tolower((unsigned char)*q))
            return false;
        if (!*p)
            return true;
        p++, q++;
    }
}

/* A copy of @def through its XML, as virNetworkDefCopy: the result is
 * also what the parser makes of the change. */
static int
tdrv_netdef_copy(const struct tdrv_netdef *def, struct tdrv_netdef **out,
                 struct err *e)
{
    struct xmlw w;
    char *xml;
    int rc;

    xmlw_init(&w);
    tdrv_netdef_format(&w, def);
    if (!(xml = xmlw_finish(&w)))
        return tdrv_oom(e);
    rc = tdrv_netdef_parse(xml, out, e);
    free(xml);
    return rc;
}

/* virNetworkIPDefByIndex: <ip> number @idx, or with a negative index the
 * one with DHCP, else the first IPv4 one, else the first IPv6 one. */
static struct tdrv_net_ip *
tdrv_nu_ip(struct tdrv_netdef *def, int idx, struct err *e)
{
    if (idx >= 0) {
        if ((size_t)idx < def->nips)
            return &def->ips[idx];
        err_set(e, ERR_OPERATION_INVALID, ERRDOM_NETWORK,
                "couldn't update dhcp host entry - no <ip> element found at "
                "index %d in network '%s'", idx, def->name);
        return NULL;
    }
    for (size_t i = 0; i < def->nips; i++)
        if (def->ips[i].nranges || def->ips[i].nhosts)
            return &def->ips[i];
    for (int fam = 0; fam < 2; fam++)
        for (size_t i = 0; i < def->nips; i++)
            if (tdrv_ip_family(&def->ips[i]) == (fam ? AF_INET6 : AF_INET))
                return &def->ips[i];
    err_set(e, ERR_OPERATION_INVALID, ERRDOM_NETWORK,
            "couldn't update dhcp host entry - no <ip> element found in "
            "network '%s'", def->name);
    return NULL;
}

/* virNetworkDefUpdateCheckMultiDHCP: no other <ip> of the family serves
 * DHCP. */
static int
tdrv_nu_multi_dhcp(const struct tdrv_netdef *def,
                   const struct tdrv_net_ip *ip, struct err *e)
{
    int fam = tdrv_ip_family(ip);

    for (size_t i = 0; i < def->nips; i++) {
        const struct tdrv_net_ip *o = &def->ips[i];

        if (o != ip && tdrv_ip_family(o) == fam && (o->nranges || o->nhosts)) {
            err_set(e, ERR_OPERATION_INVALID, ERRDOM_NETWORK,
                    "dhcp is supported only for a single %s address on each "
                    "network", fam == AF_INET ? "IPv4" : "IPv6");
            return -1;
        }
    }
    return 0;
}

static int
tdrv_nu_element(const struct tdrv_netdef *def, const struct xml_node *node,
                const char *want, struct err *e)
{
    if (strcmp(node->name, want) == 0)
        return 0;
    err_set(e, ERR_XML_ERROR, ERRDOM_NETWORK, "unexpected element <%s>, "
            "expecting <%s>, while updating network '%s'", node->name, want,
            def->name);
    return -1;
}

static int
tdrv_nu_bad_command(unsigned command, struct err *e)
{
    err_set(e, ERR_OPERATION_UNSUPPORTED, ERRDOM_NETWORK,
            "unrecognized network update command code %d", (int)command);
    return -1;
}

int
tdrv_arr_insert(void **arr, size_t *n, size_t size, size_t at,
                const void *item, const char *what, struct err *e)
{
    char *p;

    if (*n >= TDRV_XP_ELEMS_MAX) {
        err_set(e, ERR_CONFIG_UNSUPPORTED, ERRDOM_NETWORK,
                "too many %s (at most %d)", what, TDRV_XP_ELEMS_MAX);
        return -1;
    }
    if (!(p = realloc(*arr, (*n + 1) * size)))
        return tdrv_oom(e);
    memmove(p + (at + 1) * size, p + at * size, (*n - at) * size);
    memcpy(p + at * size, item, size);
    *arr = p;
    (*n)++;
    return 0;
}

void
tdrv_arr_remove(void *arr, size_t *n, size_t size, size_t at)
{
    char *p = arr;

    memmove(p + at * size, p + (at + 1) * size, (*n - at - 1) * size);
    (*n)--;
}

/* -- DHCP hosts ------------------------------------------------------------ */

struct tdrv_nu_host {
    const char *mac, *id, *name;    /* in the update's XML; NULL: absent */
    struct tdrv_sa ip;              /* family 0: absent */
    struct tdrv_net_lease lease;
};

/* virNetworkDHCPHostDefParseXML; @partial: a delete's match pattern. */
static int
tdrv_nu_host_parse(const char *net, const struct tdrv_net_ip *ip,
                   const struct xml_node *node, bool partial,
                   struct tdrv_nu_host *h, struct err *e)
{
    const char *ipstr = xml_attr(node, "ip");
    bool v6 = tdrv_ip_family(ip) == AF_INET6;
    uint8_t mac[6];
    size_t bad;

    h->mac = xml_attr(node, "mac");
    h->id = xml_attr(node, "id");
    h->name = xml_attr(node, "name");
    if (h->mac && v6) {
        err_set(e, ERR_XML_ERROR, ERRDOM_NETWORK,
                "Invalid to specify MAC address '%s' in network '%s' IPv6 "
                "static host definition", h->mac, net);
        return -1;
    }
    if (h->mac && !tdrv_xp_mac(h->mac, mac)) {
        err_set(e, ERR_XML_ERROR, ERRDOM_NETWORK,
                "Cannot parse MAC address '%s' in network '%s'", h->mac,
                net);
        return -1;
    }
    if (h->mac && (mac[0] & 1)) {
        err_set(e, ERR_XML_ERROR, ERRDOM_NETWORK,
                "expected unicast mac address, found multicast '%s' in "
                "network '%s'", h->mac, net);
        return -1;
    }
    if (h->id &&
        h->id[bad = strspn(h->id, "0123456789abcdefABCDEF:")] != '\0') {
        err_set(e, ERR_XML_ERROR, ERRDOM_NETWORK,
                "Invalid character '%c' in id '%s' of network '%s'",
                h->id[bad], h->id, net);
        return -1;
    }
    if (h->name && !isalnum((unsigned char)h->name[0])) {
        err_set(e, ERR_XML_ERROR, ERRDOM_NETWORK,
                "Cannot use host name '%s' in network '%s'", h->name,
                net);
        return -1;
    }
    if (ipstr && tdrv_sa_parse(ipstr, AF_UNSPEC, &h->ip, NULL) < 0) {
        err_set(e, ERR_XML_ERROR, ERRDOM_NETWORK,
                "Invalid IP address in static host definition for network "
                "'%s'", net);
        return -1;
    }
    if (partial && !h->mac && !h->name && !ipstr) {
        err_set(e, ERR_XML_ERROR, ERRDOM_NETWORK,
                "At least one of name, mac, or ip attribute must be "
                "specified for static host definition in network '%s' ",
                net);
        return -1;
    }
    if (!partial && v6 && !h->id && !h->name) {
        err_set(e, ERR_XML_ERROR, ERRDOM_NETWORK,
                "Static host definition in IPv6 network '%s' must have id "
                "or name attribute", net);
        return -1;
    }
    if (!partial && !v6 && !h->mac && !h->name) {
        err_set(e, ERR_XML_ERROR, ERRDOM_NETWORK,
                "Static host definition in IPv4 network '%s' must have mac "
                "or name attribute", net);
        return -1;
    }
    if (!partial && !ipstr) {
        err_set(e, ERR_XML_ERROR, ERRDOM_NETWORK,
                "Missing IP address in static host definition for network "
                "'%s'", net);
        return -1;
    }
    return tdrv_net_lease_parse(node, &h->lease, e);
}

/* The stored host's address (family 0 when none or unparsable). */
static struct tdrv_sa
tdrv_host_ip(const struct tdrv_net_host *h)
{
    struct tdrv_sa a = { 0 };

    if (h->ip)
        tdrv_sa_parse(h->ip, AF_UNSPEC, &a, NULL);
    return a;
}

/* MODIFY and ADD find any one attribute alike; DELETE needs every given
 * one alike (a MAC only when both have one). */
static bool
tdrv_host_match(const struct tdrv_nu_host *h, const struct tdrv_net_host *o,
                bool all)
{
    struct tdrv_sa oip = tdrv_host_ip(o);
    bool mac = h->mac && o->mac && tdrv_mac_same(h->mac, o->mac);
    bool name = h->name && o->name && strcmp(h->name, o->name) == 0;
    bool ip = tdrv_sa_equal(&h->ip, &oip);

    if (!all)
        return mac || name || ip;
    return (!h->mac || !o->mac || mac) && (!h->name || name) &&
           (!h->ip.family || ip);
}

/* The new host entry from @h (strings copied). */
static int
tdrv_host_make(const struct tdrv_nu_host *h, struct tdrv_net_host *out,
               struct err *e)
{
    char buf[INET6_ADDRSTRLEN];

    memset(out, 0, sizeof(*out));
    if (tdrv_xp_dup(&out->mac, h->mac, e) < 0 ||
        tdrv_xp_dup(&out->id, h->id, e) < 0 ||
        tdrv_xp_dup(&out->name, h->name, e) < 0 ||
        tdrv_xp_dup(&out->ip, tdrv_sa_format(&h->ip, buf), e) < 0) {
        tdrv_net_host_clear(out);
        return -1;
    }
    out->lease = h->lease;
    return 0;
}

static int
tdrv_nu_host(struct tdrv_netdef *def, unsigned command, int idx,
             const struct xml_node *node, struct err *e)
{
    bool partial = command == TDRV_NU_DELETE;
    char buf[INET6_ADDRSTRLEN];
    struct tdrv_nu_host h = { 0 };
    struct tdrv_net_host made;
    struct tdrv_net_ip *ip;
    const char *ipstr;
    size_t i;

    if (tdrv_nu_element(def, node, "host", e) < 0 ||
        !(ip = tdrv_nu_ip(def, idx, e)) ||
        tdrv_nu_host_parse(def->name, ip, node, partial, &h, e) < 0)
        return -1;
    if (!partial && tdrv_ip_family(ip) != h.ip.family) {
        err_set(e, ERR_OPERATION_INVALID, ERRDOM_NETWORK,
                "the address family of a host entry IP must match the "
                "address family of the dhcp element's parent");
        return -1;
    }
    ipstr = tdrv_sa_format(&h.ip, buf);
    switch (command) {
    case TDRV_NU_MODIFY:
        for (i = 0; i < ip->nhosts && !tdrv_host_match(&h, &ip->hosts[i],
                                                       false); i++)
            ;
        if (i == ip->nhosts) {
            err_set(e, ERR_OPERATION_INVALID, ERRDOM_NETWORK,
                    "couldn't locate an existing dhcp host entry with "
                    "\"mac='%s'\" \"name='%s'\" \"ip='%s'\" in network '%s'",
                    h.mac ? h.mac : "unknown", h.name ? h.name : "(null)",
                    ipstr ? ipstr : "unknown", def->name);
            return -1;
        }
        if (tdrv_host_make(&h, &made, e) < 0)
            return -1;
        tdrv_net_host_clear(&ip->hosts[i]);
        ip->hosts[i] = made;
        return 0;
    case TDRV_NU_ADD_FIRST:
    case TDRV_NU_ADD_LAST:
        if (tdrv_nu_multi_dhcp(def, ip, e) < 0)
            return -1;
        for (i = 0; i < ip->nhosts; i++) {
            if (!tdrv_host_match(&h, &ip->hosts[i], false))
                continue;
            err_set(e, ERR_OPERATION_INVALID, ERRDOM_NETWORK,
                    "there is an existing dhcp host entry in network '%s' "
                    "that matches \"<host mac='%s' name='%s' ip='%s'/>\"",
                    def->name, h.mac ? h.mac : "unknown",
                    h.name ? h.name : "(null)", ipstr ? ipstr : "unknown");
            return -1;
        }
        if (tdrv_host_make(&h, &made, e) < 0)
            return -1;
        if (tdrv_arr_insert((void **)&ip->hosts, &ip->nhosts, sizeof(made),
                            command == TDRV_NU_ADD_FIRST ? 0 : ip->nhosts,
                            &made, "DHCP hosts", e) < 0) {
            tdrv_net_host_clear(&made);
            return -1;
        }
        return 0;
    case TDRV_NU_DELETE:
        for (i = 0; i < ip->nhosts && !tdrv_host_match(&h, &ip->hosts[i],
                                                       true); i++)
            ;
        if (i == ip->nhosts) {
            err_set(e, ERR_OPERATION_INVALID, ERRDOM_NETWORK,
                    "couldn't locate a matching dhcp host entry in network "
                    "'%s'", def->name);
            return -1;
        }
        tdrv_net_host_clear(&ip->hosts[i]);
        tdrv_arr_remove(ip->hosts, &ip->nhosts, sizeof(*ip->hosts), i);
        return 0;
    default:
        return tdrv_nu_bad_command(command, e);
    }
}

/* -- DHCP ranges ----------------------------------------------------------- */

/* virNetworkDHCPRangeDefParseXML */
static int
tdrv_nu_range_parse(const char *net,
                    const struct tdrv_net_ip *ip, const struct xml_node *node,
                    struct tdrv_sa *s, struct tdrv_sa *t,
                    struct tdrv_net_lease *lease, struct err *e)
{
    const char *start = xml_attr(node, "start"), *end = xml_attr(node, "end");

    if (!start) {
        err_set(e, ERR_XML_ERROR, ERRDOM_NETWORK,
                "Missing 'start' attribute in dhcp range for network '%s'",
                net);
        return -1;
    }
    if (tdrv_sa_parse(start, AF_UNSPEC, s, e) < 0)
        return -1;
    if (!end) {
        err_set(e, ERR_XML_ERROR, ERRDOM_NETWORK,
                "Missing 'end' attribute in dhcp range for network '%s'",
                net);
        return -1;
    }
    if (tdrv_sa_parse(end, AF_UNSPEC, t, e) < 0 ||
        tdrv_sa_range(s, t, ip, e) < 0)
        return -1;
    return tdrv_net_lease_parse(node, lease, e);
}

/* The definition parser's entry points (network_parse.c): a <dhcp>'s
 * <host> and <range> of @ip as entries, with the checks above. */
int
tdrv_net_host_parse(const char *net, const struct tdrv_net_ip *ip,
                    const struct xml_node *node, struct tdrv_net_host *out,
                    struct err *e)
{
    struct tdrv_nu_host h = { 0 };

    if (tdrv_nu_host_parse(net, ip, node, false, &h, e) < 0)
        return -1;
    return tdrv_host_make(&h, out, e);
}

int
tdrv_net_range_parse(const char *net, const struct tdrv_net_ip *ip,
                     const struct xml_node *node, struct tdrv_net_range *out,
                     struct err *e)
{
    char sb[INET6_ADDRSTRLEN], tb[INET6_ADDRSTRLEN];
    struct tdrv_sa s, t;

    memset(out, 0, sizeof(*out));
    if (tdrv_nu_range_parse(net, ip, node, &s, &t, &out->lease, e) < 0)
        return -1;
    if (!(out->start = strdup(tdrv_sa_format(&s, sb))) ||
        !(out->end = strdup(tdrv_sa_format(&t, tb)))) {
        free(out->start);
        out->start = NULL;
        return tdrv_oom(e);
    }
    return 0;
}

static int
tdrv_nu_range(struct tdrv_netdef *def, unsigned command, int idx,
              const struct xml_node *node, struct err *e)
{
    char sb[INET6_ADDRSTRLEN], tb[INET6_ADDRSTRLEN];
    struct tdrv_net_range made = { 0 };
    struct tdrv_net_ip *ip;
    struct tdrv_sa s, t, os, ot;
    size_t i;

    if (tdrv_nu_element(def, node, "range", e) < 0 ||
        !(ip = tdrv_nu_ip(def, idx, e)))
        return -1;
    if (command == TDRV_NU_MODIFY) {
        err_set(e, ERR_OPERATION_UNSUPPORTED, ERRDOM_NETWORK,
                "dhcp ranges cannot be modified, only added or deleted");
        return -1;
    }
    if (tdrv_nu_range_parse(def->name, ip, node, &s, &t, &made.lease, e) < 0)
        return -1;
    if (tdrv_ip_family(ip) != s.family) {
        err_set(e, ERR_OPERATION_INVALID, ERRDOM_NETWORK,
                "the address family of a dhcp range must match the address "
                "family of the dhcp element's parent");
        return -1;
    }
    for (i = 0; i < ip->nranges; i++)
        if (tdrv_sa_parse(ip->ranges[i].start, AF_UNSPEC, &os,
                          NULL) == 0 &&
            tdrv_sa_parse(ip->ranges[i].end, AF_UNSPEC, &ot, NULL) == 0 &&
            tdrv_sa_equal(&s, &os) && tdrv_sa_equal(&t, &ot))
            break;
    tdrv_sa_format(&s, sb);
    tdrv_sa_format(&t, tb);
    switch (command) {
    case TDRV_NU_ADD_FIRST:
    case TDRV_NU_ADD_LAST:
        if (tdrv_nu_multi_dhcp(def, ip, e) < 0)
            return -1;
        if (i < ip->nranges) {
            err_set(e, ERR_OPERATION_INVALID, ERRDOM_NETWORK,
                    "there is an existing dhcp range entry in network '%s' "
                    "that matches \"<range start='%s' end='%s'/>\"",
                    def->name, sb, tb);
            return -1;
        }
        if (!(made.start = strdup(sb)) || !(made.end = strdup(tb)) ||
            tdrv_arr_insert((void **)&ip->ranges, &ip->nranges, sizeof(made),
                            command == TDRV_NU_ADD_FIRST ? 0 : ip->nranges,
                            &made, "DHCP ranges", e) < 0) {
            if (!made.start || !made.end)
                tdrv_oom(e);
            free(made.start);
            free(made.end);
            return -1;
        }
        return 0;
    case TDRV_NU_DELETE:
        if (i == ip->nranges) {
            err_set(e, ERR_OPERATION_INVALID, ERRDOM_NETWORK,
                    "couldn't locate a matching dhcp range entry in network "
                    "'%s'", def->name);
            return -1;
        }
        free(ip->ranges[i].start);
        free(ip->ranges[i].end);
        tdrv_arr_remove(ip->ranges, &ip->nranges, sizeof(*ip->ranges), i);
        return 0;
    default:
        return tdrv_nu_bad_command(command, e);
    }
}

/* -- port groups ----------------------------------------------------------- */

/* virNetworkDefUpdatePortGroup */
static int
tdrv_nu_portgroup(struct tdrv_netdef *def, unsigned command,
                  const struct xml_node *node, struct err *e)
{
    bool add = command == TDRV_NU_ADD_FIRST || command == TDRV_NU_ADD_LAST;
    long named = -1, dflt = -1;
    struct tdrv_net_pg pg;
    int rc = -1;

    if (tdrv_nu_element(def, node, "portgroup", e) < 0 ||
        tdrv_net_pg_parse(node, &pg, e) < 0)
        return -1;
    for (size_t i = 0; i < def->npgs; i++) {
        if (strcmp(pg.name, def->pgs[i].name) == 0)
            named = (long)i;
        if (def->pgs[i].is_default)
            dflt = (long)i;
    }
    if (named < 0 && (command == TDRV_NU_MODIFY ||
                      command == TDRV_NU_DELETE)) {
        err_set(e, ERR_OPERATION_INVALID, ERRDOM_NETWORK, "couldn't find a "
                "portgroup entry in network '%s' matching <portgroup "
                "name='%s'>", def->name, pg.name);
        goto out;
    }
    if (named >= 0 && add) {
        err_set(e, ERR_OPERATION_INVALID, ERRDOM_NETWORK, "there is an "
                "existing portgroup entry in network '%s' that matches "
                "\"<portgroup name='%s'>\"", def->name, pg.name);
        goto out;
    }
    if (command != TDRV_NU_DELETE && pg.is_default && dflt >= 0 &&
        dflt != named) {
        err_set(e, ERR_OPERATION_INVALID, ERRDOM_NETWORK, "a different "
                "portgroup entry in network '%s' is already set as the "
                "default. Only one default is allowed.", def->name);
        goto out;
    }
    if (command == TDRV_NU_MODIFY) {
        tdrv_net_pg_clear(&def->pgs[named]);
        def->pgs[named] = pg;
        return 0;
    }
    if (add) {
        if (tdrv_arr_insert((void **)&def->pgs, &def->npgs, sizeof(pg),
                            command == TDRV_NU_ADD_FIRST ? 0 : def->npgs,
                            &pg, "port groups", e) < 0)
            goto out;
        return 0;
    }
    if (command == TDRV_NU_DELETE) {
        tdrv_net_pg_clear(&def->pgs[named]);
        tdrv_arr_remove(def->pgs, &def->npgs, sizeof(pg), (size_t)named);
        rc = 0;
        goto out;
    }
    tdrv_nu_bad_command(command, e);
out:
    tdrv_net_pg_clear(&pg);
    return rc;
}

/* -- forward interfaces ---------------------------------------------------- */

/* virNetworkDefUpdateForwardInterface */
static int
tdrv_nu_fwd_if(struct tdrv_netdef *def, unsigned command,
               const struct xml_node *node, struct err *e)
{
    const char *dev;
    char *copy;
    size_t i;

    if (tdrv_nu_element(def, node, "interface", e) < 0)
        return -1;
    if (command == TDRV_NU_MODIFY) {
        err_set(e, ERR_OPERATION_UNSUPPORTED, ERRDOM_NETWORK, "forward "
                "interface entries cannot be modified, only added or "
                "deleted");
        return -1;
    }
    if (!(dev = xml_attr(node, "dev"))) {
        err_set(e, ERR_XML_ERROR, ERRDOM_NETWORK,
                "missing dev attribute in <interface> element");
        return -1;
    }
    for (i = 0; i < def->nfwd_ifs && strcmp(dev, def->fwd_ifs[i]); i++)
        ;
    if (command == TDRV_NU_ADD_FIRST || command == TDRV_NU_ADD_LAST) {
        if (i < def->nfwd_ifs) {
            err_set(e, ERR_OPERATION_INVALID, ERRDOM_NETWORK, "there is an "
                    "existing interface entry in network '%s' that matches "
                    "\"<interface dev='%s'>\"", def->name, dev);
            return -1;
        }
        if (!(copy = strdup(dev)))
            return tdrv_oom(e);
        if (tdrv_arr_insert((void **)&def->fwd_ifs, &def->nfwd_ifs,
                            sizeof(copy),
                            command == TDRV_NU_ADD_FIRST ? 0 : def->nfwd_ifs,
                            &copy, "forward interfaces", e) < 0) {
            free(copy);
            return -1;
        }
        return 0;
    }
    if (command != TDRV_NU_DELETE)
        return tdrv_nu_bad_command(command, e);
    if (i == def->nfwd_ifs) {
        err_set(e, ERR_OPERATION_INVALID, ERRDOM_NETWORK, "couldn't find an "
                "interface entry in network '%s' matching <interface "
                "dev='%s'>", def->name, dev);
        return -1;
    }
    free(def->fwd_ifs[i]);
    tdrv_arr_remove(def->fwd_ifs, &def->nfwd_ifs, sizeof(*def->fwd_ifs), i);
    return 0;
}

/* -- the update ------------------------------------------------------------ */

/* virNetworkDefUpdateSection on @def. */
static int
tdrv_nu_section(struct tdrv_netdef *def, unsigned command, unsigned section,
                int idx, const char *xml, struct err *e)
{
    static const char *const nosupport[] = {
        [TDRV_NS_BRIDGE] = "bridge", [TDRV_NS_DOMAIN] = "domain",
        [TDRV_NS_IP] = "ip", [TDRV_NS_FORWARD] = "forward",
        [TDRV_NS_FORWARD_PF] = "forward pf",
    };
    struct xml_node *root;
    int rc;

    if (tdrv_xp_parse(xml, "network_update_xml", ERRDOM_NETWORK, &root,
                      e) < 0)
        return -1;
    if (section == TDRV_NS_DHCP_HOST)
        rc = tdrv_nu_host(def, command, idx, root, e);
    else if (section == TDRV_NS_DHCP_RANGE)
        rc = tdrv_nu_range(def, command, idx, root, e);
    else if (section == TDRV_NS_FORWARD_IF)
        rc = tdrv_nu_fwd_if(def, command, root, e);
    else if (section == TDRV_NS_PORTGROUP)
        rc = tdrv_nu_portgroup(def, command, root, e);
    else if (section >= TDRV_NS_DNS_HOST && section <= TDRV_NS_DNS_SRV)
        rc = tdrv_net_dns_update(def, command, section, root, e);
    else if (section < sizeof(nosupport) / sizeof(nosupport[0]) &&
             nosupport[section]) {
        err_set(e, ERR_OPERATION_UNSUPPORTED, ERRDOM_NETWORK,
                "can't update '%s' section of network '%s'",
                nosupport[section], def->name);
        rc = -1;
    } else {
        err_set(e, ERR_OPERATION_UNSUPPORTED, ERRDOM_NETWORK,
                "can't update unrecognized section of network");
        rc = -1;
    }
    xml_free(root);
    return rc;
}

/* A changed copy of @def, checked by one more format and parse cycle. */
static int
tdrv_nu_changed(const struct tdrv_netdef *def, unsigned command,
                unsigned section, int idx, const char *xml,
                struct tdrv_netdef **out, struct err *e)
{
    struct tdrv_netdef *copy, *check;

    *out = NULL;
    if (tdrv_netdef_copy(def, &copy, e) < 0)
        return -1;
    if (tdrv_nu_section(copy, command, section, idx, xml, e) < 0 ||
        tdrv_netdef_copy(copy, &check, e) < 0) {
        tdrv_netdef_free(copy);
        return -1;
    }
    tdrv_netdef_free(check);
    *out = copy;
    return 0;
}

static int
tdrv_net_update_locked(struct tdrv_net *net, unsigned command,
                       unsigned section, int idx, const char *xml,
                       unsigned flags, struct err *e)
{
    struct tdrv_netdef *live = NULL, *config = NULL;

    if (!(flags & (TDRV_NU_LIVE | TDRV_NU_CONFIG)))
        flags |= net->o.active ? TDRV_NU_LIVE : TDRV_NU_CONFIG;
    /* virNetworkObjConfigChangeSetup */
    if (!net->o.active && (flags & TDRV_NU_LIVE)) {
        err_set(e, ERR_OPERATION_INVALID, ERRDOM_NETWORK,
                "network is not running");
        return -1;
    }
    if ((flags & TDRV_NU_CONFIG) && !net->o.persistent) {
        err_set(e, ERR_OPERATION_INVALID, ERRDOM_NETWORK,
                "cannot change persistent config of a transient network");
        return -1;
    }
    if ((flags & TDRV_NU_CONFIG) && net->o.active && !net->pending &&
        tdrv_netdef_copy(net->def, &net->pending, e) < 0)
        return -1;
    if ((flags & TDRV_NU_LIVE) &&
        tdrv_nu_changed(net->def, command, section, idx, xml, &live, e) < 0)
        return -1;
    if ((flags & TDRV_NU_CONFIG) &&
        tdrv_nu_changed(net->pending ? net->pending : net->def, command,
                        section, idx, xml, &config, e) < 0) {
        tdrv_netdef_free(live);
        return -1;
    }
    /* virNetworkObjReplacePersistentDef, then the live definition */
    if (config && net->o.active) {
        tdrv_netdef_free(net->pending);
        net->pending = config;
    } else if (config) {
        tdrv_netdef_free(net->def);
        net->def = config;
    }
    if (live) {
        tdrv_netdef_free(net->def);
        net->def = live;
    }
    return 0;
}

/* testNetworkUpdate */
int
tdrv_net_update(struct drv_conn *c, const struct drv_net *n,
                unsigned command, unsigned section, int idx,
                const char *xml, unsigned flags, struct err *e)
{
    struct tdrv_state *st = tdrv_st(c);
    struct tdrv_obj *o = NULL;
    char uuid[DRV_UUID_STRLEN + 1];
    int rc = -1;

    if (flags & ~(TDRV_NU_LIVE | TDRV_NU_CONFIG)) {
        drv_bad_flags(e, ERRDOM_TEST, "testNetworkUpdate", flags);
        return -1;
    }
    pthread_mutex_lock(&st->lock);
    for (size_t i = 0; i < st->nnets && !o; i++)
        if (memcmp(st->nets[i]->uuid, n->uuid, DRV_UUID_LEN) == 0)
            o = st->nets[i];
    if (!o) {
        drv_uuid_format(n->uuid, uuid);
        err_set(e, ERR_NO_NETWORK, ERRDOM_TEST,
                "no network with matching uuid '%s'", uuid);
    } else {
        rc = tdrv_net_update_locked((struct tdrv_net *)o, command, section,
                                    idx, xml, flags, e);
    }
    pthread_mutex_unlock(&st->lock);
    return rc;
}
