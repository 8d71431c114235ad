/*
 * network_parse.c: <network> XML into a struct tdrv_netdef, the parts the
 * test driver keeps (name, uuid, forward mode and device, bridge, MAC,
 * domain, IP addresses with their DHCP ranges and hosts), with libvirt
 * 9.0's checks and error texts. Pure; the caller owns the result.
 */
#include "drivers/test/test_priv.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>

#include "core/uuid.h"
#include "drivers/test/xmlp.h"

static const char *const tdrv_forward_modes[] = {
    "nat", "route", "open", "bridge", "private", "vepa", "passthrough",
    "hostdev", NULL,
};

/* -- IP addresses ---------------------------------------------------------- */

/* The IPv4 prefix of @ip: its own, from its netmask, or the address
 * class (as libvirt's virSocketAddrGetIPPrefix); -1 when none. */
static int
tdrv_ip4_prefix(const struct tdrv_net_ip *ip, uint32_t addr)
{
    struct in_addr m;
    uint32_t mask;
    int n = 0;

    if (ip->prefix >= 0)
        return ip->prefix;
    if (ip->netmask && inet_pton(AF_INET, ip->netmask, &m) == 1) {
        for (mask = ntohl(m.s_addr); mask & 0x80000000u; mask <<= 1)
            n++;
        return n;
    }
    if ((addr >> 24) < 128)
        return 8;
    if ((addr >> 24) < 192)
        return 16;
    return (addr >> 24) < 224 ? 24 : -1;
}

/* Every DHCP range inside the IPv4 network of @ip. */
static int
tdrv_check_ranges(const struct tdrv_net_ip *ip, struct err *e)
{
    struct in_addr a, s, t;
    uint32_t mask;
    int prefix;

    if (inet_pton(AF_INET, ip->address, &a) != 1)
        return 0;
    prefix = tdrv_ip4_prefix(ip, ntohl(a.s_addr));
    mask = prefix <= 0 ? 0 : 0xffffffffu << (32 - prefix);
    for (size_t i = 0; i < ip->nranges; i++) {
        const struct tdrv_net_range *r = &ip->ranges[i];

        if (inet_pton(AF_INET, r->start, &s) == 1 &&
            inet_pton(AF_INET, r->end, &t) == 1 &&
            (ntohl(s.s_addr) & mask) == (ntohl(a.s_addr) & mask) &&
            (ntohl(t.s_addr) & mask) == (ntohl(a.s_addr) & mask))
            continue;
        err_set(e, ERR_INTERNAL_ERROR, ERRDOM_NONE,
                "range %s - %s is not entirely within network %s/%d",
                r->start, r->end, ip->address, prefix);
        return -1;
    }
    return 0;
}

int
tdrv_net_lease_parse(const struct xml_node *elem, struct tdrv_net_lease *out,
                     struct err *e)
{
    static const char *const units[] = { "seconds", "minutes", "hours",
                                         NULL };
    const struct xml_node *n;
    const char *s;
    unsigned long long v;
    int unit;

    for (n = xml_child(elem, "lease"); n; n = xml_next_named(n)) {
        if (!(s = xml_attr(n, "expiry")))
            continue;
        if (tdrv_xp_parse_ull(s, &v) < 0) {
            err_set(e, ERR_XML_ERROR, ERRDOM_XML,
                    "Invalid value for attribute 'expiry' in element "
                    "'lease': '%s'. Expected non-negative integer value", s);
            return -1;
        }
        unit = 1;                               /* minutes */
        if (tdrv_xp_enum(n, "unit", units, &unit, e) < 0)
            return -1;
        /* dnsmasq's shortest lease: two minutes */
        if (v > 0 && ((unit == 0 && v < 120) || (unit == 1 && v < 2))) {
            err_set(e, ERR_CONFIG_UNSUPPORTED, ERRDOM_NETWORK,
                    "The minimum lease time should be greater than 2 "
                    "minutes");
            return -1;
        }
        out->set = true;
        out->expiry = v;
        out->unit = unit;
    }
    return 0;
}

static int
tdrv_parse_dhcp(const struct xml_node *dhcp, struct tdrv_net_ip *ip,
                struct err *e)
{
    const struct xml_node *n;
    size_t nr = 0, nh = 0;

    if (tdrv_xp_count(dhcp, "range", TDRV_XP_ELEMS_MAX, &nr, e) < 0 ||
        tdrv_xp_count(dhcp, "host", TDRV_XP_ELEMS_MAX, &nh, e) < 0)
        return -1;
    if ((nr && !(ip->ranges = calloc(nr, sizeof(*ip->ranges)))) ||
        (nh && !(ip->hosts = calloc(nh, sizeof(*ip->hosts)))))
        return tdrv_oom(e);
    for (n = xml_child(dhcp, "range"); n; n = xml_next_named(n)) {
        struct tdrv_net_range *r = &ip->ranges[ip->nranges++];

        if (tdrv_xp_dup(&r->start, xml_attr(n, "start"), e) < 0 ||
            tdrv_xp_dup(&r->end, xml_attr(n, "end"), e) < 0)
            return -1;
        if (!r->start || !r->end) {
            err_set(e, ERR_XML_ERROR, ERRDOM_NETWORK,
                    "Missing 'start' or 'end' attribute in dhcp range");
            return -1;
        }
        if (tdrv_net_lease_parse(n, &r->lease, e) < 0)
            return -1;
    }
    for (n = xml_child(dhcp, "host"); n; n = xml_next_named(n)) {
        struct tdrv_net_host *h = &ip->hosts[ip->nhosts++];

        if (tdrv_xp_dup(&h->mac, xml_attr(n, "mac"), e) < 0 ||
            tdrv_xp_dup(&h->id, xml_attr(n, "id"), e) < 0 ||
            tdrv_xp_dup(&h->name, xml_attr(n, "name"), e) < 0 ||
            tdrv_xp_dup(&h->ip, xml_attr(n, "ip"), e) < 0 ||
            tdrv_net_lease_parse(n, &h->lease, e) < 0)
            return -1;
    }
    return 0;
}

static int
tdrv_ip_prefix(const struct xml_node *node, const char *name,
               struct tdrv_net_ip *ip, struct err *e)
{
    const char *s = xml_attr(node, "prefix");
    unsigned long long v;
    bool v6 = ip->family && strcmp(ip->family, "ipv6") == 0;

    ip->prefix = -1;
    if (!s)
        return 0;
    if (tdrv_xp_parse_ull(s, &v) < 0 || v > (v6 ? 128 : 32)) {
        err_set(e, ERR_CONFIG_UNSUPPORTED, ERRDOM_NETWORK,
                "Invalid %s prefix '%s' in network '%s'", v6 ? "IPv6" : "IPv4",
                s, name);
        return -1;
    }
    ip->prefix = (int)v;
    return 0;
}

static int
tdrv_parse_ip(const struct xml_node *node, const char *name,
              struct tdrv_net_ip *ip, struct err *e)
{
    const char *addr = xml_attr(node, "address");
    unsigned char buf[16];

    if (tdrv_xp_dup(&ip->family, xml_attr(node, "family"), e) < 0 ||
        tdrv_xp_dup(&ip->address, addr, e) < 0 ||
        tdrv_xp_dup(&ip->netmask, xml_attr(node, "netmask"), e) < 0)
        return -1;
    if (!addr || (inet_pton(AF_INET, addr, buf) != 1 &&
                  inet_pton(AF_INET6, addr, buf) != 1)) {
        err_set(e, ERR_XML_ERROR, ERRDOM_NETWORK,
                "Invalid address '%s' in network '%s'",
                addr ? addr : "(null)", name);
        return -1;
    }
    if (tdrv_ip_prefix(node, name, ip, e) < 0)
        return -1;
    if (ip->netmask && ip->prefix >= 0) {
        err_set(e, ERR_CONFIG_UNSUPPORTED, ERRDOM_NETWORK,
                "Network '%s' IP address cannot have both a prefix and a "
                "netmask", name);
        return -1;
    }
    if (tdrv_parse_dhcp(xml_child(node, "dhcp"), ip, e) < 0)
        return -1;
    return tdrv_check_ranges(ip, e);
}

static int
tdrv_parse_ips(const struct xml_node *root, struct tdrv_netdef *def,
               struct err *e)
{
    const struct xml_node *n;
    size_t count = 0;

    if (tdrv_xp_count(root, "ip", TDRV_XP_ELEMS_MAX, &count, e) < 0)
        return -1;
    if (count && !(def->ips = calloc(count, sizeof(*def->ips))))
        return tdrv_oom(e);
    for (n = xml_child(root, "ip"); n; n = xml_next_named(n))
        if (tdrv_parse_ip(n, def->name, &def->ips[def->nips++], e) < 0)
            return -1;
    return 0;
}

/* -- the rest ------------------------------------------------------------- */

static int
tdrv_parse_net_ids(const struct xml_node *root, struct tdrv_netdef *def,
                   struct err *e)
{
    const char *name = xml_text(xml_child(root, "name"));
    const char *uuid = xml_text(xml_child(root, "uuid"));

    if (!name || !*name) {
        err_set(e, ERR_NO_NAME, ERRDOM_NETWORK, NULL);
        return -1;
    }
    if (strchr(name, '/')) {
        err_set(e, ERR_XML_DETAIL, ERRDOM_XML, "invalid char in name: /");
        return -1;
    }
    if (tdrv_xp_dup(&def->name, name, e) < 0)
        return -1;
    if (uuid && *uuid && drv_uuid_parse(uuid, def->uuid) < 0) {
        err_set(e, ERR_INTERNAL_ERROR, ERRDOM_NETWORK,
                "malformed uuid element");
        return -1;
    }
    if ((!uuid || !*uuid) && uuid_generate(def->uuid) < 0) {
        err_set(e, ERR_INTERNAL_ERROR, ERRDOM_NETWORK,
                "Failed to generate UUID");
        return -1;
    }
    return 0;
}

static int
tdrv_parse_bridge(const struct xml_node *root, struct tdrv_netdef *def,
                  struct err *e)
{
    const struct xml_node *br = xml_child(root, "bridge");
    const char *stp = xml_attr(br, "stp");
    const char *delay = xml_attr(br, "delay");
    unsigned long long v = 0;

    def->stp = !stp || strcmp(stp, "off") != 0;
    if (delay && (tdrv_xp_parse_ull(delay, &v) < 0 || v > 0xffffffffu)) {
        err_set(e, ERR_XML_ERROR, ERRDOM_NETWORK,
                "Invalid delay value in network '%s'", def->name);
        return -1;
    }
    def->delay = (unsigned long)v;
    return tdrv_xp_dup(&def->bridge, xml_attr(br, "name"), e);
}

static int
tdrv_parse_net_mac(const struct xml_node *root, struct tdrv_netdef *def,
                   struct err *e)
{
    const char *mac = xml_attr(xml_child(root, "mac"), "address");
    uint8_t b[6];

    if (mac && !tdrv_xp_mac(mac, b)) {
        err_set(e, ERR_XML_ERROR, ERRDOM_NETWORK,
                "Invalid bridge mac address '%s' in network '%s'", mac,
                def->name);
        return -1;
    }
    if (mac && (b[0] & 1)) {
        err_set(e, ERR_XML_ERROR, ERRDOM_NETWORK,
                "Invalid multicast bridge mac address '%s' in network '%s'",
                mac, def->name);
        return -1;
    }
    return tdrv_xp_dup(&def->mac, mac, e);
}

/* virXPathUInt on a <port> attribute of <nat>: 0 and *v, -1 when absent,
 * empty or not an unsigned int. */
static int
tdrv_nat_port(const struct xml_node *port, const char *attr, unsigned *v)
{
    const char *s = xml_attr(port, attr);
    unsigned long long n;

    if (!s || !*s || tdrv_xp_parse_ull(s, &n) < 0 || n > 0xffffffffu)
        return -1;
    *v = (unsigned)n;
    return 0;
}

/* One SNAT address of <nat><address>, canonical in *out. */
static int
tdrv_nat_addr(const char *s, const char *which, const char *net,
              struct tdrv_sa *a, char **out, struct err *e)
{
    char buf[INET6_ADDRSTRLEN];

    if (tdrv_sa_parse(s, AF_INET, a, NULL) < 0) {
        err_set(e, ERR_XML_ERROR, ERRDOM_NETWORK, "Bad ipv4 %s address '%s' "
                "in <nat> in <forward> in network '%s'", which, s, net);
        return -1;
    }
    return tdrv_xp_dup(out, tdrv_sa_format(a, buf), e);
}

/* virNetworkForwardNatDefParseXML */
static int
tdrv_parse_nat(const struct xml_node *fwd, const char *mode,
               struct tdrv_netdef *def, struct err *e)
{
    static const char *const tristate[] = { "default", "yes", "no", NULL };
    const struct xml_node *nat = xml_child(fwd, "nat"), *addr, *port;
    struct tdrv_net_nat *n = &def->nat;
    const char *start = NULL, *end = NULL;
    struct tdrv_sa s, t;

    if (!nat)
        return 0;
    if (xml_next_named(nat)) {
        err_set(e, ERR_XML_ERROR, ERRDOM_NETWORK, "Only one <nat> element is "
                "allowed in <forward> of network %s", def->name);
        return -1;
    }
    if (strcmp(mode, "nat") != 0) {
        err_set(e, ERR_XML_ERROR, ERRDOM_NETWORK, "The <nat> element can "
                "only be used when <forward> 'mode' is 'nat' in network %s",
                def->name);
        return -1;
    }
    if (tdrv_xp_enum(nat, "ipv6", tristate, &n->ipv6, e) < 0)
        return -1;
    if ((addr = xml_child(nat, "address")) && xml_next_named(addr)) {
        err_set(e, ERR_XML_ERROR, ERRDOM_NETWORK, "Only one <address> "
                "element is allowed in <nat> in <forward> in network %s",
                def->name);
        return -1;
    }
    if (addr && !(start = xml_attr(addr, "start"))) {
        err_set(e, ERR_XML_ERROR, ERRDOM_NETWORK, "missing 'start' attribute "
                "in <address> element in <nat> in <forward> in network %s",
                def->name);
        return -1;
    }
    if (addr && !(end = xml_attr(addr, "end"))) {
        err_set(e, ERR_XML_ERROR, ERRDOM_NETWORK, "missing 'end' attribute "
                "in <address> element in <nat> in <forward> in network %s",
                def->name);
        return -1;
    }
    if (addr && (tdrv_nat_addr(start, "start", def->name, &s, &n->start,
                               e) < 0 ||
                 tdrv_nat_addr(end, "end", def->name, &t, &n->end, e) < 0 ||
                 tdrv_sa_range(&s, &t, NULL, e) < 0))
        return -1;
    if ((port = xml_child(nat, "port")) && xml_next_named(port)) {
        err_set(e, ERR_XML_ERROR, ERRDOM_NETWORK, "Only one <port> element "
                "is allowed in <nat> in <forward> in network %s", def->name);
        return -1;
    }
    if (!port)
        return 0;
    if (tdrv_nat_port(port, "start", &n->port_start) < 0 ||
        n->port_start > 65535) {
        err_set(e, ERR_XML_DETAIL, ERRDOM_NETWORK, "Missing or invalid "
                "'start' attribute in <port> in <nat> in <forward> in "
                "network %s", def->name);
        return -1;
    }
    if (tdrv_nat_port(port, "end", &n->port_end) < 0 ||
        n->port_end > 65535 || n->port_end < n->port_start) {
        err_set(e, ERR_XML_DETAIL, ERRDOM_NETWORK, "Missing or invalid 'end' "
                "attribute in <port> in <nat> in <forward> in network %s",
                def->name);
        return -1;
    }
    return 0;
}

static int
tdrv_parse_forward(const struct xml_node *root, struct tdrv_netdef *def,
                   struct err *e)
{
    const struct xml_node *fwd = xml_child(root, "forward");
    const char *mode = xml_attr(fwd, "mode");
    int i;

    if (!fwd)
        return 0;
    for (i = 0; mode && tdrv_forward_modes[i]; i++)
        if (strcmp(tdrv_forward_modes[i], mode) == 0)
            break;
    if (mode && !tdrv_forward_modes[i]) {
        err_set(e, ERR_CONFIG_UNSUPPORTED, ERRDOM_NETWORK,
                "unknown forwarding type '%s'", mode);
        return -1;
    }
    if (tdrv_parse_nat(fwd, mode ? mode : "nat", def, e) < 0)
        return -1;
    if (tdrv_xp_dup(&def->forward_mode, mode ? mode : "nat", e) < 0 ||
        tdrv_xp_dup(&def->forward_dev, xml_attr(fwd, "dev"), e) < 0)
        return -1;
    /* the modes that route need an address of their own */
    if (i < 3 && def->nips == 0) {
        err_set(e, ERR_XML_ERROR, ERRDOM_NETWORK,
                "%s forwarding requested, but no IP address provided for "
                "network '%s'", def->forward_mode, def->name);
        return -1;
    }
    return 0;
}

/* <mtu size>: virStrToLong_ui, which takes a '-' and wraps */
static int
tdrv_parse_mtu(const struct xml_node *root, struct tdrv_netdef *def,
               struct err *e)
{
    const char *s = xml_attr(xml_child(root, "mtu"), "size");
    unsigned long long v;
    const char *p = s;
    bool neg;

    if (!s)
        return 0;
    while (isspace((unsigned char)*p))
        p++;
    if ((neg = *p == '-'))
        p++;
    if (*p == '+' || tdrv_xp_parse_ull(p, &v) < 0 || v > 0xffffffffu) {
        err_set(e, ERR_XML_ERROR, ERRDOM_NETWORK,
                "Invalid mtu size '%s' in network '%s'", s, def->name);
        return -1;
    }
    def->mtu = neg ? (unsigned)(0u - (unsigned)v) : (unsigned)v;
    return 0;
}

int
tdrv_net_pg_parse(const struct xml_node *node, struct tdrv_net_pg *pg,
                  struct err *e)
{
    static const char *const tristate[] = { "default", "yes", "no", NULL };
    const char *name = xml_attr(node, "name"), *dflt = xml_attr(node, "default");

    memset(pg, 0, sizeof(*pg));
    if (!name) {
        err_set(e, ERR_XML_ERROR, ERRDOM_NETWORK,
                "Missing required name attribute in portgroup");
        return -1;
    }
    pg->is_default = dflt && strcasecmp(dflt, "yes") == 0;
    if (tdrv_xp_enum(node, "trustGuestRxFilters", tristate, &pg->trust,
                     e) < 0)
        return -1;
    if (xml_child(node, "virtualport") || xml_child(node, "vlan")) {
        err_set(e, ERR_CONFIG_UNSUPPORTED, ERRDOM_NETWORK,
                "virtd keeps no <%s> of a portgroup",
                xml_child(node, "virtualport") ? "virtualport" : "vlan");
        return -1;
    }
    if (tdrv_bandwidth_parse(xml_child(node, "bandwidth"), &pg->bw, false,
                             e) < 0)
        return -1;
    return tdrv_xp_dup(&pg->name, name, e);
}

static int
tdrv_parse_pgs(const struct xml_node *root, struct tdrv_netdef *def,
               struct err *e)
{
    const struct xml_node *n;
    size_t count;

    if (tdrv_xp_count(root, "portgroup", TDRV_XP_ELEMS_MAX, &count, e) < 0)
        return -1;
    if (count && !(def->pgs = calloc(count, sizeof(*def->pgs))))
        return tdrv_oom(e);
    for (n = xml_child(root, "portgroup"); n; n = xml_next_named(n)) {
        if (tdrv_net_pg_parse(n, &def->pgs[def->npgs], e) < 0) {
            tdrv_net_pg_clear(&def->pgs[def->npgs]);
            return -1;
        }
        def->npgs++;
    }
    return 0;
}

static int
tdrv_parse_network(const struct xml_node *root, struct tdrv_netdef *def,
                   struct err *e)
{
    const struct xml_node *dom = xml_child(root, "domain");

    if (tdrv_parse_net_ids(root, def, e) < 0 ||
        tdrv_bandwidth_parse(xml_child(root, "bandwidth"), &def->bw, false,
                             e) < 0 ||
        tdrv_parse_bridge(root, def, e) < 0 ||
        tdrv_parse_net_mac(root, def, e) < 0 ||
        tdrv_parse_mtu(root, def, e) < 0 ||
        tdrv_xp_dup(&def->domain, xml_attr(dom, "name"), e) < 0 ||
        tdrv_xp_dup(&def->domain_local, xml_attr(dom, "localOnly"), e) < 0 ||
        tdrv_net_dns_parse(xml_child(root, "dns"), def->name, &def->dns,
                           e) < 0 ||
        tdrv_parse_pgs(root, def, e) < 0 ||
        tdrv_parse_ips(root, def, e) < 0)
        return -1;
    return tdrv_parse_forward(root, def, e);
}

int
tdrv_netdef_parse(const char *xml, struct tdrv_netdef **out, struct err *e)
{
    struct tdrv_netdef *def;
    struct xml_node *root;

    if (tdrv_xp_doc(xml, "network", "(network_definition)", ERRDOM_NETWORK,
                    &root, e) < 0)
        return -1;
    if (!(def = calloc(1, sizeof(*def)))) {
        xml_free(root);
        return tdrv_oom(e);
    }
    if (tdrv_parse_network(root, def, e) < 0) {
        tdrv_netdef_free(def);
        def = NULL;
    }
    xml_free(root);
    *out = def;
    return def ? 0 : -1;
}
