/*
 * network_parse.c: <network> XML into a struct tdrv_netdef, the parts the
 * test driver keeps (name, uuid, forward mode and device, bridge, MAC,
 * domain, IP addresses with their DHCP ranges and hosts), with libvirt
 * 9.0's checks and error texts. Pure; the caller owns the result.
 */
#include "drivers/test/test_priv.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>

#include "core/uuid.h"
#include "drivers/test/xmlp.h"

static const char *const tdrv_mac_tables[] = {
    "default", "kernel", "libvirt", NULL,
};

static const char *const tdrv_forward_modes[] = {
    "nat", "route", "open", "bridge", "private", "vepa", "passthrough",
    "hostdev", NULL,
};

/* -- IP addresses ---------------------------------------------------------- */

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

/* virNetworkDHCPDefParseXML: ranges and hosts in document order, and
 * an IPv4 network's <bootp> (the last with a file). */
static int
tdrv_parse_dhcp(const char *net, const struct xml_node *dhcp,
                struct tdrv_net_ip *ip, struct err *e)
{
    bool v4 = tdrv_ip_family(ip) == AF_INET;
    char buf[INET6_ADDRSTRLEN];
    const struct xml_node *n;
    size_t nr = 0, nh = 0;
    struct tdrv_sa srv;

    if (!dhcp)
        return 0;
    if (tdrv_xp_count(dhcp, "range", TDRV_XP_ELEMS_MAX, &nr, e) < 0 ||
        tdrv_xp_count(dhcp, "host", TDRV_XP_ELEMS_MAX, &nh, e) < 0)
        return -1;
    if ((nr && !(ip->ranges = calloc(nr, sizeof(*ip->ranges)))) ||
        (nh && !(ip->hosts = calloc(nh, sizeof(*ip->hosts)))))
        return tdrv_oom(e);
    for (n = dhcp->children; n; n = n->next) {
        const char *file = xml_attr(n, "file"), *server;

        if (strcmp(n->name, "range") == 0) {
            if (tdrv_net_range_parse(net, ip, n, &ip->ranges[ip->nranges],
                                     e) < 0)
                return -1;
            ip->nranges++;
        } else if (strcmp(n->name, "host") == 0) {
            if (tdrv_net_host_parse(net, ip, n, &ip->hosts[ip->nhosts],
                                    e) < 0)
                return -1;
            ip->nhosts++;
        } else if (v4 && strcmp(n->name, "bootp") == 0 && file) {
            server = xml_attr(n, "server");
            if (server && tdrv_sa_parse(server, AF_UNSPEC, &srv, e) < 0)
                return -1;
            if (tdrv_xp_dup(&ip->bootfile, file, e) < 0 ||
                tdrv_xp_dup(&ip->bootserver,
                            server ? tdrv_sa_format(&srv, buf) : NULL, e) < 0)
                return -1;
        }
    }
    return 0;
}

/* A network error of @code with up to three string arguments. */
static int
tdrv_net_fail(struct err *e, int code, const char *fmt, const char *a,
              const char *b, const char *c)
{
    err_set(e, code, ERRDOM_NETWORK, fmt, a, b, c);
    return -1;
}

/* virNetworkIPDefParseXML's family rules for @ip (address @a). */
static int
tdrv_ip_family_check(const char *net, const struct tdrv_net_ip *ip,
                     const struct tdrv_sa *a, const struct tdrv_sa *m,
                     const char *addr, const char *mask, struct err *e)
{
    unsigned prefix = ip->prefix < 0 ? 0 : (unsigned)ip->prefix;

    if (!ip->family || strcmp(ip->family, "ipv4") == 0) {
        if (a->family != AF_INET)
            return tdrv_net_fail(e, ERR_CONFIG_UNSUPPORTED, "%s family "
                                "specified for non-IPv4 address '%s' in "
                                "network '%s'", ip->family ? "ipv4" : "no",
                                addr, net);
        if (mask && m->family != AF_INET)
            return tdrv_net_fail(e, ERR_CONFIG_UNSUPPORTED, "Invalid netmask "
                                "'%s' for address '%s' in network '%s' (both "
                                "must be IPv4)", mask, addr, net);
        if (mask && prefix > 0)
            return tdrv_net_fail(e, ERR_CONFIG_UNSUPPORTED, "Network '%s' IP "
                                "address cannot have both a prefix and a "
                                "netmask", net, NULL, NULL);
        if (!mask && prefix > 32) {
            err_set(e, ERR_CONFIG_UNSUPPORTED, ERRDOM_NETWORK, "Invalid IPv4 "
                    "prefix '%u' in network '%s'", prefix, net);
            return -1;
        }
        return 0;
    }
    if (strcmp(ip->family, "ipv6") != 0)
        return tdrv_net_fail(e, ERR_XML_ERROR, "Unrecognized family '%s' in "
                            "network '%s'", ip->family, net, NULL);
    if (a->family != AF_INET6)
        return tdrv_net_fail(e, ERR_CONFIG_UNSUPPORTED, "Family 'ipv6' "
                            "specified for non-IPv6 address '%s' in network "
                            "'%s'", addr, net, NULL);
    if (mask)
        return tdrv_net_fail(e, ERR_CONFIG_UNSUPPORTED, "netmask not allowed "
                            "for IPv6 address '%s' in network '%s'", addr,
                            net, NULL);
    if (prefix > 128) {
        err_set(e, ERR_CONFIG_UNSUPPORTED, ERRDOM_NETWORK, "Invalid IPv6 "
                "prefix '%u' in network '%s'", prefix, net);
        return -1;
    }
    return 0;
}

/* virNetworkIPDefParseXML */
static int
tdrv_parse_ip(const struct xml_node *node, const char *name,
              struct tdrv_net_ip *ip, struct err *e)
{
    const char *addr = xml_attr(node, "address");
    const char *mask = xml_attr(node, "netmask");
    const struct xml_node *tftp = xml_child(node, "tftp");
    char buf[INET6_ADDRSTRLEN];
    struct tdrv_sa a, m = { 0 };
    unsigned prefix;
    int rc;

    ip->prefix = -1;
    if (tdrv_xp_dup(&ip->family, xml_attr(node, "family"), e) < 0)
        return -1;
    if (!addr)
        return tdrv_net_fail(e, ERR_XML_ERROR, "Missing required address "
                            "attribute in network '%s'", name, NULL, NULL);
    if (tdrv_sa_parse(addr, AF_UNSPEC, &a, NULL) < 0)
        return tdrv_net_fail(e, ERR_XML_ERROR, "Invalid address '%s' in "
                            "network '%s'", addr, name, NULL);
    if (mask && tdrv_sa_parse(mask, AF_UNSPEC, &m, NULL) < 0)
        return tdrv_net_fail(e, ERR_XML_ERROR, "Invalid netmask '%s' in "
                            "network '%s'", mask, name, NULL);
    if ((rc = tdrv_xp_uint_attr(node, "prefix", &prefix, e)) < 0 ||
        tdrv_xp_enum_nonzero(node, "localPtr", tdrv_tristate_names,
                             &ip->local_ptr, e) < 0)
        return -1;
    if (rc == 0)
        ip->prefix = prefix > INT32_MAX ? INT32_MAX : (int)prefix;
    if (tdrv_ip_family_check(name, ip, &a, &m, addr, mask, e) < 0 ||
        tdrv_xp_dup(&ip->address, tdrv_sa_format(&a, buf), e) < 0 ||
        (mask && tdrv_xp_dup(&ip->netmask, tdrv_sa_format(&m, buf), e) < 0) ||
        tdrv_parse_dhcp(name, xml_child(node, "dhcp"), ip, e) < 0)
        return -1;
    if (tftp && a.family != AF_INET)
        return tdrv_net_fail(e, ERR_CONFIG_UNSUPPORTED, "Unsupported <tftp> "
                            "element in an IPv6 element in network '%s'",
                            name, NULL, NULL);
    return tftp ? tdrv_xp_dup(&ip->tftp_root, xml_attr(tftp, "root"), e) : 0;
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

    const char *mtm = xml_attr(br, "macTableManager");

    def->stp = !stp || strcmp(stp, "off") != 0;
    def->stp_given = stp != NULL;
    if (delay && (tdrv_xp_parse_ull(delay, &v) < 0 || v > 0xffffffffu)) {
        err_set(e, ERR_XML_ERROR, ERRDOM_NETWORK,
                "Invalid delay value in network '%s'", def->name);
        return -1;
    }
    def->delay = (unsigned long)v;
    if (mtm && (def->mac_table = tdrv_xp_index(tdrv_mac_tables, mtm)) <= 0) {
        err_set(e, ERR_XML_ERROR, ERRDOM_NETWORK, "Invalid macTableManager "
                "setting '%s' in network '%s'", mtm, def->name);
        return -1;
    }
    return tdrv_xp_dup(&def->bridge, xml_attr(br, "name"), e) < 0 ||
           tdrv_xp_dup(&def->bridge_zone, xml_attr(br, "zone"), e) < 0 ?
           -1 : 0;
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
    if (tdrv_xp_enum_nonzero(nat, "ipv6", tdrv_tristate_names, &n->ipv6, e) < 0)
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
    if (tdrv_xp_xpath_uint(port, "start", &n->port_start) != 0 ||
        n->port_start > 65535) {
        err_set(e, ERR_XML_DETAIL, ERRDOM_NETWORK, "Missing or invalid "
                "'start' attribute in <port> in <nat> in <forward> in "
                "network %s", def->name);
        return -1;
    }
    if (tdrv_xp_xpath_uint(port, "end", &n->port_end) != 0 ||
        n->port_end > 65535 || n->port_end < n->port_start) {
        err_set(e, ERR_XML_DETAIL, ERRDOM_NETWORK, "Missing or invalid 'end' "
                "attribute in <port> in <nat> in <forward> in network %s",
                def->name);
        return -1;
    }
    return 0;
}

/* One PCI number of <address> (virXMLPropUInt, base 0: "0x" is hex and a
 * leading 0 octal; no sign). */
static int
tdrv_pci_num(const struct xml_node *a, const char *attr, unsigned *v,
             struct err *e)
{
    const char *s = xml_attr(a, attr);
    unsigned long long n;
    char *end;

    *v = 0;
    if (!s)
        return 0;
    errno = 0;
    n = strtoull(s, &end, 0);
    if (end == s || *end || errno || memchr(s, '-', strlen(s)) ||
        n > 0xffffffffull) {
        err_set(e, ERR_XML_ERROR, ERRDOM_XML, "Invalid value for attribute "
                "'%s' in element '%s': '%s'. Expected non-negative integer "
                "value", attr, a->name, s);
        return -1;
    }
    *v = (unsigned)n;
    return 0;
}

/* virPCIDeviceAddressParseXML (no <zpci>: refused), and
 * virPCIDeviceAddressIsValid unless the address is all zero. */
static int
tdrv_parse_pci(const struct xml_node *a, struct tdrv_pci *p, struct err *e)
{
    static const char *const onoff[] = { "default", "on", "off", NULL };
    int multi = 0;

    if (tdrv_pci_num(a, "domain", &p->domain, e) < 0 ||
        tdrv_pci_num(a, "bus", &p->bus, e) < 0 ||
        tdrv_pci_num(a, "slot", &p->slot, e) < 0 ||
        tdrv_pci_num(a, "function", &p->function, e) < 0 ||
        tdrv_xp_enum_nonzero(a, "multifunction", onoff, &multi, e) < 0)
        return -1;
    if (p->domain || p->bus || p->slot) {
        if (p->bus > 0xff) {
            err_set(e, ERR_XML_ERROR, ERRDOM_NONE, "Invalid PCI address "
                    "bus='0x%x', must be <= 0xFF", p->bus);
            return -1;
        }
        if (p->slot > 0x1f) {
            err_set(e, ERR_XML_ERROR, ERRDOM_NONE, "Invalid PCI address "
                    "slot='0x%x', must be <= 0x1F", p->slot);
            return -1;
        }
        if (p->function > 7) {
            err_set(e, ERR_XML_ERROR, ERRDOM_NONE, "Invalid PCI address "
                    "function=0x%x, must be <= 7", p->function);
            return -1;
        }
    }
    if (xml_child(a, "zpci")) {
        err_set(e, ERR_CONFIG_UNSUPPORTED, ERRDOM_NETWORK,
                "virtd keeps no <zpci> of a PCI address");
        return -1;
    }
    p->set = true;
    return 0;
}

/* <forward>'s PCI <address>es (a hostdev pool), each listed once. */
static int
tdrv_parse_fwd_pcis(const struct xml_node *fwd, struct tdrv_netdef *def,
                    struct err *e)
{
    static const char *const types[] = { "none", "pci", "netdev", NULL };
    const struct xml_node *a;
    size_t count;
    int t;

    if (tdrv_xp_count(fwd, "address", TDRV_XP_ELEMS_MAX, &count, e) < 0)
        return -1;
    if (!(def->fwd_pcis = calloc(count, sizeof(*def->fwd_pcis))))
        return tdrv_oom(e);
    for (a = xml_child(fwd, "address"); a; a = xml_next_named(a)) {
        const char *type = xml_attr(a, "type");
        struct tdrv_pci *p = &def->fwd_pcis[def->nfwd_pcis];

        if (!type)
            return tdrv_net_fail(e, ERR_XML_ERROR, "missing address type in "
                                 "network %s", def->name, NULL, NULL);
        if ((t = tdrv_xp_index(types, type)) < 0)
            return tdrv_net_fail(e, ERR_CONFIG_UNSUPPORTED, "unknown address "
                                 "type '%s' in network %s", type, def->name,
                                 NULL);
        if (t != 1)
            return tdrv_net_fail(e, ERR_XML_ERROR, "unsupported address type "
                                 "'%s' in network %s", type, def->name, NULL);
        if (tdrv_parse_pci(a, p, e) < 0)
            return -1;
        for (size_t j = 0; j < def->nfwd_pcis; j++) {
            const struct tdrv_pci *o = &def->fwd_pcis[j];

            if (o->domain == p->domain && o->bus == p->bus &&
                o->slot == p->slot && o->function == p->function) {
                err_set(e, ERR_XML_ERROR, ERRDOM_NETWORK, "PCI device "
                        "'%04x:%02x:%02x.%x' can only be listed once in "
                        "network %s", p->domain, p->bus, p->slot,
                        p->function, def->name);
                return -1;
            }
        }
        def->nfwd_pcis++;
    }
    return 0;
}

/* <forward>'s <interface dev> list (after a dev attribute, which must
 * name the first), its PCI <address>es, or its <pf>. */
static int
tdrv_parse_fwd_ifs(const struct xml_node *fwd, struct tdrv_netdef *def,
                   struct err *e)
{
    const char *dev = xml_attr(fwd, "dev");
    const struct xml_node *pf = xml_child(fwd, "pf"), *n;
    bool addrs = xml_child(fwd, "address") != NULL;
    size_t count, i = 0;

    if (dev && (addrs || pf)) {
        /* libvirt 9.0 leaves its %s unfilled here */
        err_set(e, ERR_XML_ERROR, ERRDOM_NETWORK, "%s", "the <forward> 'dev' "
                "attribute cannot be used when <address> or <pf> "
                "sub-elements are present in network %s");
        return -1;
    }
    if (tdrv_xp_count(fwd, "interface", TDRV_XP_ELEMS_MAX, &count, e) < 0)
        return -1;
    if ((count || dev) &&
        !(def->fwd_ifs = calloc(count ? count : 1, sizeof(*def->fwd_ifs))))
        return tdrv_oom(e);
    if (dev && tdrv_xp_dup(&def->fwd_ifs[def->nfwd_ifs++], dev, e) < 0)
        return -1;
    for (n = xml_child(fwd, "interface"); n; n = xml_next_named(n), i++) {
        const char *d = xml_attr(n, "dev");

        if (!d) {
            err_set(e, ERR_XML_ERROR, ERRDOM_NETWORK, "Missing required dev "
                    "attribute in <forward> <interface> element of network "
                    "%s", def->name);
            return -1;
        }
        if (i == 0 && dev) {
            if (strcmp(d, dev) != 0) {
                err_set(e, ERR_XML_ERROR, ERRDOM_NETWORK, "<forward "
                        "dev='%s'> must match first <interface dev='%s'/> in "
                        "network %s", dev, d, def->name);
                return -1;
            }
            continue;
        }
        for (size_t j = 0; j < def->nfwd_ifs; j++)
            if (strcmp(def->fwd_ifs[j], d) == 0) {
                err_set(e, ERR_XML_ERROR, ERRDOM_NETWORK, "interface '%s' "
                        "can only be listed once in network %s", d,
                        def->name);
                return -1;
            }
        if (tdrv_xp_dup(&def->fwd_ifs[def->nfwd_ifs++], d, e) < 0)
            return -1;
    }
    if (count || dev)
        return 0;
    if (addrs)
        return tdrv_parse_fwd_pcis(fwd, def, e);
    if (pf && xml_next_named(pf)) {
        err_set(e, ERR_XML_ERROR, ERRDOM_NETWORK, "Only one <pf> element is "
                "allowed in <forward> of network %s", def->name);
        return -1;
    }
    if (pf && !xml_attr(pf, "dev")) {
        err_set(e, ERR_XML_ERROR, ERRDOM_NETWORK, "Missing required dev "
                "attribute in <pf> element of network '%s'", def->name);
        return -1;
    }
    return pf ? tdrv_xp_dup(&def->fwd_pf, xml_attr(pf, "dev"), e) : 0;
}

/* virNetworkForwardDefParseXML */
static int
tdrv_parse_forward(const struct xml_node *root, struct tdrv_netdef *def,
                   struct err *e)
{
    static const char *const drivers[] = { "default", "kvm", "vfio", NULL };
    const struct xml_node *fwd = xml_child(root, "forward");
    const char *mode = xml_attr(fwd, "mode"), *managed, *drv;
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
    managed = xml_attr(fwd, "managed");
    def->fwd_managed = managed && strcasecmp(managed, "yes") == 0;
    drv = xml_attr(xml_child(fwd, "driver"), "name");
    if (drv && (def->fwd_driver = tdrv_xp_index(drivers, drv)) <= 0) {
        err_set(e, ERR_CONFIG_UNSUPPORTED, ERRDOM_NETWORK, "Unknown forward "
                "<driver name='%s'/> in network %s", drv, def->name);
        return -1;
    }
    if (tdrv_parse_nat(fwd, mode ? mode : "nat", def, e) < 0 ||
        tdrv_xp_dup(&def->forward_mode, mode ? mode : "nat", e) < 0)
        return -1;
    return tdrv_parse_fwd_ifs(fwd, def, e);
}

/* The checks of virNetworkDefParseXML that follow the forward mode. */
static int
tdrv_check_forward_mode(const struct tdrv_netdef *def, struct err *e)
{
    const char *m = def->forward_mode;
    bool routed;

    if (!m)
        return 0;
    routed = strcmp(m, "nat") == 0 || strcmp(m, "route") == 0 ||
             strcmp(m, "open") == 0;
    if (routed && def->nips == 0)
        return tdrv_net_fail(e, ERR_XML_ERROR, "%s forwarding requested, but "
                             "no IP address provided for network '%s'", m,
                             def->name, NULL);
    if (routed && def->nfwd_ifs + def->nfwd_pcis > 1)
        return tdrv_net_fail(e, ERR_XML_ERROR, "multiple forwarding "
                             "interfaces specified for network '%s', only "
                             "one is supported", def->name, NULL, NULL);
    if (routed && strcmp(m, "open") == 0 && def->nfwd_ifs + def->nfwd_pcis)
        return tdrv_net_fail(e, ERR_XML_ERROR, "forward dev not allowed for "
                             "network '%s' with forward mode='%s'",
                             def->name, m, NULL);
    if (routed)
        return 0;
    if (strcmp(m, "bridge") != 0) {
        if (def->bridge)
            return tdrv_net_fail(e, ERR_XML_ERROR, "bridge name not allowed "
                                 "in %s mode (network '%s')", m, def->name,
                                 NULL);
        if (def->bridge_zone)
            return tdrv_net_fail(e, ERR_XML_ERROR, "bridge zone not allowed "
                                 "in %s mode (network '%s')", m, def->name,
                                 NULL);
        if (def->mac_table)
            return tdrv_net_fail(e, ERR_XML_ERROR, "bridge macTableManager "
                                 "setting not allowed in %s mode (network "
                                 "'%s')", m, def->name, NULL);
    }
    if (def->delay || def->stp_given || def->bridge_zone)
        return tdrv_net_fail(e, ERR_XML_ERROR, "bridge delay/stp/zone options "
                             "only allowed in route, nat, and isolated mode, "
                             "not in %s (network '%s')", m, def->name, NULL);
    if (def->bridge && (def->nfwd_ifs || def->nfwd_pcis || def->fwd_pf))
        return tdrv_net_fail(e, ERR_XML_ERROR, "A network with forward "
                             "mode='%s' can specify a bridge name or a "
                             "forward dev, but not both (network '%s')", m,
                             def->name, NULL);
    if (def->mtu)
        return tdrv_net_fail(e, ERR_XML_ERROR, "mtu size only allowed in "
                             "open, route, nat, and isolated mode, not in %s "
                             "(network '%s')", m, def->name, NULL);
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

/* -- routes ---------------------------------------------------------------- */

/* The addresses of a route, canonical into @r; @fam: libvirt's family
 * rules (NULL or "ipv4", "ipv6"). */
static int
tdrv_route_addrs(const char *net, const struct xml_node *n,
                 struct tdrv_net_route *r, struct tdrv_sa *addr,
                 struct tdrv_sa *mask, struct err *e)
{
    const char *address = xml_attr(n, "address"), *gw = xml_attr(n, "gateway");
    const char *netmask = xml_attr(n, "netmask"), *fam = r->family;
    bool v4 = !fam || strcmp(fam, "ipv4") == 0;
    char buf[INET6_ADDRSTRLEN];
    struct tdrv_sa g;

    if (!address)
        return tdrv_net_fail(e, ERR_XML_ERROR, "%s: Missing required "
                               "address attribute in route definition", net,
                               NULL, NULL);
    if (!gw)
        return tdrv_net_fail(e, ERR_XML_ERROR, "%s: Missing required "
                               "gateway attribute in route definition", net,
                               NULL, NULL);
    if (tdrv_sa_parse(address, AF_UNSPEC, addr, NULL) < 0)
        return tdrv_net_fail(e, ERR_XML_ERROR, "%s: Bad network address "
                               "'%s' in route definition", net, address, NULL);
    if (tdrv_sa_parse(gw, AF_UNSPEC, &g, NULL) < 0)
        return tdrv_net_fail(e, ERR_XML_ERROR, "%s: Bad gateway address "
                               "'%s' in route definition", net, gw, NULL);
    memset(mask, 0, sizeof(*mask));
    if (v4) {
        if (addr->family != AF_INET)
            return tdrv_net_fail(e, ERR_XML_ERROR, fam ?
                "%s: IPv4 family specified for non-IPv4 address '%s' in "
                "route definition" : "%s: No family specified for non-IPv4 "
                "address '%s' in route definition", net, address, NULL);
        if (g.family != AF_INET)
            return tdrv_net_fail(e, ERR_XML_ERROR, fam ?
                "%s: IPv4 family specified for non-IPv4 gateway '%s' in "
                "route definition" : "%s: No family specified for non-IPv4 "
                "gateway '%s' in route definition", net, address, NULL);
        if (netmask && tdrv_sa_parse(netmask, AF_UNSPEC, mask, NULL) < 0)
            return tdrv_net_fail(e, ERR_XML_ERROR, "%s: Bad netmask "
                                   "address '%s' in route definition", net,
                                   netmask, NULL);
        if (netmask && mask->family != AF_INET)
            return tdrv_net_fail(e, ERR_XML_ERROR, "%s: Invalid netmask "
                                   "'%s' for address '%s' (both must be "
                                   "IPv4)", net, netmask, address);
        if (netmask && r->has_prefix)
            return tdrv_net_fail(e, ERR_XML_ERROR, "%s: Route definition "
                                   "cannot have both a prefix and a netmask",
                                   net, NULL, NULL);
        if (r->prefix > 32) {
            err_set(e, ERR_XML_ERROR, ERRDOM_NETWORK, "%s: Invalid prefix %u "
                    "specified in route definition, must be 0 - 32", net,
                    r->prefix);
            return -1;
        }
    } else if (strcmp(fam, "ipv6") == 0) {
        if (addr->family != AF_INET6)
            return tdrv_net_fail(e, ERR_XML_ERROR, "%s: ipv6 family "
                                   "specified for non-IPv6 address '%s' in "
                                   "route definition", net, address, NULL);
        if (netmask)
            return tdrv_net_fail(e, ERR_XML_ERROR, "%s: Specifying "
                                   "netmask invalid for IPv6 address '%s' in "
                                   "route definition", net, address, NULL);
        if (g.family != AF_INET6)
            return tdrv_net_fail(e, ERR_XML_ERROR, "%s: ipv6 specified for "
                                   "non-IPv6 gateway address '%s' in route "
                                   "definition", net, gw, NULL);
        if (r->prefix > 128) {
            err_set(e, ERR_XML_ERROR, ERRDOM_NETWORK, "%s: Invalid prefix %u "
                    "specified in route definition, must be 0 - 128", net,
                    r->prefix);
            return -1;
        }
    } else {
        return tdrv_net_fail(e, ERR_XML_ERROR, "%s: Unrecognized family "
                               "'%s' in route definition", net, fam, NULL);
    }
    if (tdrv_xp_dup(&r->address, tdrv_sa_format(addr, buf), e) < 0 ||
        tdrv_xp_dup(&r->gateway, tdrv_sa_format(&g, buf), e) < 0 ||
        (mask->family &&
         tdrv_xp_dup(&r->netmask, tdrv_sa_format(mask, buf), e) < 0))
        return -1;
    return 0;
}

/* virNetDevIPRouteParseXML (virNetDevIPRouteCreate's checks) */
static int
tdrv_parse_route(const char *net, const struct xml_node *n,
                 struct tdrv_net_route *r, struct err *e)
{
    struct tdrv_sa addr, mask, masked;
    int rc;

    if ((rc = tdrv_xp_uint_attr(n, "prefix", &r->prefix, e)) < 0)
        return -1;
    r->has_prefix = rc == 0;
    if ((rc = tdrv_xp_uint_attr(n, "metric", &r->metric, e)) < 0)
        return -1;
    if (rc == 0 && r->metric == 0) {
        err_set(e, ERR_XML_ERROR, ERRDOM_XML, "Invalid value for attribute "
                "'metric' in element '%s': Zero is not permitted", n->name);
        return -1;
    }
    r->has_metric = rc == 0;
    if (tdrv_xp_dup(&r->family, xml_attr(n, "family"), e) < 0 ||
        tdrv_route_addrs(net, n, r, &addr, &mask, e) < 0)
        return -1;
    masked = addr;
    if (mask.family)
        for (size_t i = 0; i < 4; i++)
            masked.b[i] = (uint8_t)(addr.b[i] & mask.b[i]);
    else
        masked = tdrv_sa_mask(&addr, (int)r->prefix, false);
    if (!tdrv_sa_equal(&addr, &masked))
        return tdrv_net_fail(e, ERR_XML_ERROR, "%s: Address '%s' in route "
                               "definition is not a network address", net,
                               xml_attr(n, "address"), NULL);
    return 0;
}

/* Every route's gateway inside the network of one <ip> of its family. */
static int
tdrv_check_gateways(const struct tdrv_netdef *def, struct err *e)
{
    for (size_t i = 0; i < def->nroutes; i++) {
        struct tdrv_sa gw, a;
        bool ok = false;

        tdrv_sa_parse(def->routes[i].gateway, AF_UNSPEC, &gw, NULL);
        for (size_t j = 0; j < def->nips && !ok; j++) {
            int prefix;

            if (tdrv_sa_parse(def->ips[j].address, AF_UNSPEC, &a, NULL) < 0 ||
                a.family != gw.family)
                continue;
            prefix = tdrv_ip_prefix_of(&def->ips[j], &a);
            if (prefix < 0 || prefix > (a.family == AF_INET ? 32 : 128))
                continue;
            a = tdrv_sa_mask(&a, prefix, false);
            ok = memcmp(a.b, tdrv_sa_mask(&gw, prefix, false).b,
                        a.family == AF_INET ? 4 : 16) == 0;
        }
        if (!ok) {
            err_set(e, ERR_CONFIG_UNSUPPORTED, ERRDOM_NETWORK, "unreachable "
                    "static route gateway '%s' specified for network '%s'",
                    def->routes[i].gateway, def->name);
            return -1;
        }
    }
    return 0;
}

static int
tdrv_parse_routes(const struct xml_node *root, struct tdrv_netdef *def,
                  struct err *e)
{
    const struct xml_node *n;
    size_t count;

    if (tdrv_xp_count(root, "route", TDRV_XP_ELEMS_MAX, &count, e) < 0)
        return -1;
    if (count && !(def->routes = calloc(count, sizeof(*def->routes))))
        return tdrv_oom(e);
    for (n = xml_child(root, "route"); n; n = xml_next_named(n))
        if (tdrv_parse_route(def->name, n, &def->routes[def->nroutes++],
                             e) < 0)
            return -1;
    return tdrv_check_gateways(def, e);
}

/* -- <vlan> ---------------------------------------------------------------- */

/* virNetDevVlanParse */
static int
tdrv_vlan_parse(const struct xml_node *node, struct tdrv_vlan *v,
                struct err *e)
{
    static const char *const modes[] = { "default", "tagged", "untagged",
                                         NULL };
    const char *trunk;
    const struct xml_node *t;
    size_t count;

    if (!node)
        return 0;
    if (tdrv_xp_count(node, "tag", TDRV_XP_ELEMS_MAX, &count, e) < 0)
        return -1;
    if (!count) {
        err_set(e, ERR_XML_ERROR, ERRDOM_NONE, "missing tag id - each <vlan> "
                "must have at least one <tag id='n'/> subelement");
        return -1;
    }
    if (!(v->tags = calloc(count, sizeof(*v->tags))))
        return tdrv_oom(e);
    for (t = xml_child(node, "tag"); t; t = xml_next_named(t)) {
        unsigned *id = &v->tags[v->ntags++];
        int mode = 0, rc;

        if (!tdrv_xp_required(t, "id", e) || tdrv_xp_uint_attr(t, "id", id,
                                                              e) < 0)
            return -1;
        if (*id > 4095) {
            err_set(e, ERR_XML_ERROR, ERRDOM_NONE, "vlan tag id %u too large "
                    "(maximum 4095)", *id);
            return -1;
        }
        if ((rc = tdrv_xp_enum_nonzero(t, "nativeMode", modes, &mode,
                                       e)) < 0)
            return -1;
        if (rc == 0 && v->native_mode) {
            err_set(e, ERR_XML_ERROR, ERRDOM_NONE,
                    "duplicate native vlan setting");
            return -1;
        }
        if (rc == 0) {
            v->native_mode = mode;
            v->native_tag = *id;
        }
    }
    v->trunk = count > 1;
    if (!(trunk = xml_attr(node, "trunk")))
        return 0;
    v->trunk = strcasecmp(trunk, "yes") == 0;
    if (v->trunk)
        return 0;
    if (count > 1) {
        err_set(e, ERR_XML_ERROR, ERRDOM_NONE, "invalid \"trunk='%s'\" in "
                "<vlan> - trunk='yes' is required for more than one vlan tag",
                trunk);
        return -1;
    }
    if (v->native_mode) {
        err_set(e, ERR_XML_ERROR, ERRDOM_NONE, "invalid configuration in "
                "<vlan> - \"trunk='no'\" is not allowed with a native vlan "
                "id");
        return -1;
    }
    if (strcasecmp(trunk, "no") != 0) {
        err_set(e, ERR_XML_ERROR, ERRDOM_NONE, "invalid \"trunk='%s'\" in "
                "<vlan> - must be yes or no", trunk);
        return -1;
    }
    return 0;
}

/* -- <virtualport> --------------------------------------------------------- */

enum { TDRV_VP_NONE, TDRV_VP_QBG, TDRV_VP_QBH, TDRV_VP_OVS, TDRV_VP_MIDONET };

/* virStrToLong_ui with base 0: a '-' wraps, as there; -1 when malformed */
static int
tdrv_vp_uint(const char *s, unsigned *v)
{
    unsigned long long n;
    char *end;

    errno = 0;
    n = strtoull(s, &end, 0);
    if (end == s || *end || errno)
        return -1;
    if (memchr(s, '-', (size_t)(end - s))) {
        if (0 - n > 0xffffffffull)
            return -1;
        n &= 0xffffffffull;
    }
    if (n > 0xffffffffull)
        return -1;
    *v = (unsigned)n;
    return 0;
}

/* One numeric parameter: *has set, or XML_ERROR with libvirt's texts. */
static int
tdrv_vp_num(const char *s, const char *name, const char *range_msg,
            unsigned max, unsigned *v, bool *has, struct err *e)
{
    if (!s)
        return 0;
    if (tdrv_vp_uint(s, v) < 0) {
        err_set(e, ERR_XML_ERROR, ERRDOM_NONE,
                "cannot parse value of %s parameter", name);
        return -1;
    }
    if (*v > max) {
        err_set(e, ERR_XML_ERROR, ERRDOM_NONE, "%s", range_msg);
        return -1;
    }
    *has = true;
    return 0;
}

/* virNetDevVPortProfileParse; @need_type: VIR_VPORT_XML_REQUIRE_TYPE. */
static int
tdrv_vport_parse(const struct xml_node *node, bool need_type,
                 struct tdrv_vport *v, struct err *e)
{
    static const char *const types[] = { "none", "802.1Qbg", "802.1Qbh",
                                         "openvswitch", "midonet", NULL };
    const char *type = xml_attr(node, "type"), *s, *extra = NULL;
    const struct xml_node *p;

    if (!node)
        return 0;
    if (type && (v->type = tdrv_xp_index(types, type)) <= 0) {
        err_set(e, ERR_CONFIG_UNSUPPORTED, ERRDOM_NONE,
                "unknown virtualport type %s", type);
        return -1;
    }
    if (!type && need_type) {
        err_set(e, ERR_XML_ERROR, ERRDOM_NONE,
                "missing required virtualport type");
        return -1;
    }
    p = xml_child(node, "parameters");
    if (tdrv_vp_num(xml_attr(p, "managerid"), "managerid",
                    "value of managerid out of range", 0xff, &v->mgr,
                    &v->has_mgr, e) < 0 ||
        tdrv_vp_num(xml_attr(p, "typeid"), "typeid",
                    "value for typeid out of range", 0xffffff, &v->tid,
                    &v->has_tid, e) < 0 ||
        tdrv_vp_num(xml_attr(p, "typeidversion"), "typeidversion",
                    "value of typeidversion out of range", 0xff, &v->tidv,
                    &v->has_tidv, e) < 0)
        return -1;
    if ((s = xml_attr(p, "instanceid"))) {
        if (drv_uuid_parse(s, v->inst) < 0) {
            err_set(e, ERR_XML_ERROR, ERRDOM_NONE,
                    "cannot parse instanceid parameter as a uuid");
            return -1;
        }
        v->has_inst = true;
    }
    if ((s = xml_attr(p, "profileid"))) {
        if (strlen(s) >= sizeof(v->profile)) {
            err_set(e, ERR_XML_ERROR, ERRDOM_NONE,
                    "profileid parameter too long");
            return -1;
        }
        strcpy(v->profile, s);
    }
    if ((s = xml_attr(p, "interfaceid"))) {
        if (drv_uuid_parse(s, v->iface) < 0) {
            err_set(e, ERR_XML_ERROR, ERRDOM_NONE,
                    "cannot parse interfaceid parameter as a uuid");
            return -1;
        }
        v->has_iface = true;
    }
    /* virNetDevVPortProfileCheckNoExtras */
    if (v->type == TDRV_VP_QBG)
        extra = v->profile[0] ? "profileid" :
                v->has_iface ? "interfaceid" : NULL;
    else if (v->type == TDRV_VP_QBH || v->type == TDRV_VP_OVS)
        extra = v->has_mgr ? "managerid" : v->has_tid ? "typeid" :
                v->has_tidv ? "typeidversion" :
                v->has_inst ? "instanceid" :
                v->type == TDRV_VP_QBH && v->has_iface ? "interfaceid" : NULL;
    if (extra) {
        err_set(e, ERR_XML_ERROR, ERRDOM_NET,
                "extra %s unsupported in <virtualport type='%s'>", extra,
                types[v->type]);
        return -1;
    }
    v->set = true;
    return 0;
}

/* -- port groups ----------------------------------------------------------- */

int
tdrv_net_pg_parse(const struct xml_node *node, struct tdrv_net_pg *pg,
                  struct err *e)
{
    const char *name = xml_attr(node, "name");
    const char *dflt = xml_attr(node, "default");

    memset(pg, 0, sizeof(*pg));
    if (!name) {
        err_set(e, ERR_XML_ERROR, ERRDOM_NETWORK,
                "Missing required name attribute in portgroup");
        return -1;
    }
    pg->is_default = dflt && strcasecmp(dflt, "yes") == 0;
    if (tdrv_xp_enum_nonzero(node, "trustGuestRxFilters", tdrv_tristate_names,
                             &pg->trust, e) < 0)
        return -1;
    if (tdrv_vport_parse(xml_child(node, "virtualport"), false, &pg->vport,
                         e) < 0 ||
        tdrv_bandwidth_parse(xml_child(node, "bandwidth"), &pg->bw, false,
                             e) < 0 ||
        tdrv_vlan_parse(xml_child(node, "vlan"), &pg->vlan, e) < 0)
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

/* <network ipv6 trustGuestRxFilters> and <domain localOnly>, which libvirt
 * reads before the bandwidth */
static int
tdrv_parse_net_attrs(const struct xml_node *root, struct tdrv_netdef *def,
                     struct err *e)
{
    const char *v6 = xml_attr(root, "ipv6");

    if (v6 && strcmp(v6, "yes") != 0 && strcmp(v6, "no") != 0) {
        err_set(e, ERR_XML_ERROR, ERRDOM_NETWORK, "Invalid ipv6 setting '%s' "
                "in network '%s'", v6, def->name);
        return -1;
    }
    def->ipv6nogw = v6 && strcmp(v6, "yes") == 0;
    if (tdrv_xp_enum_nonzero(root, "trustGuestRxFilters", tdrv_tristate_names,
                             &def->trust, e) < 0)
        return -1;
    if (tdrv_xp_enum_nonzero(xml_child(root, "domain"), "localOnly",
                             tdrv_tristate_names, &def->domain_local, e) < 0)
        return -1;
    return 0;
}

static int
tdrv_parse_network(const struct xml_node *root, struct tdrv_netdef *def,
                   struct err *e)
{
    const struct xml_node *dom = xml_child(root, "domain");

    if (tdrv_parse_net_ids(root, def, e) < 0 ||
        tdrv_parse_net_attrs(root, def, e) < 0 ||
        tdrv_bandwidth_parse(xml_child(root, "bandwidth"), &def->bw, false,
                             e) < 0 ||
        tdrv_vlan_parse(xml_child(root, "vlan"), &def->vlan, e) < 0 ||
        tdrv_xp_enum_nonzero(xml_child(root, "port"), "isolated",
                             tdrv_tristate_names, &def->port_isolated, e) < 0 ||
        tdrv_parse_bridge(root, def, e) < 0 ||
        tdrv_parse_net_mac(root, def, e) < 0 ||
        tdrv_parse_mtu(root, def, e) < 0 ||
        tdrv_xp_dup(&def->domain, xml_attr(dom, "name"), e) < 0 ||

        tdrv_net_dns_parse(xml_child(root, "dns"), def->name, &def->dns,
                           e) < 0 ||
        tdrv_vport_parse(xml_child(root, "virtualport"), true, &def->vport,
                         e) < 0 ||
        tdrv_parse_pgs(root, def, e) < 0 ||
        tdrv_parse_ips(root, def, e) < 0 ||
        tdrv_parse_routes(root, def, e) < 0 ||
        tdrv_parse_forward(root, def, e) < 0)
        return -1;
    return tdrv_check_forward_mode(def, e);
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
