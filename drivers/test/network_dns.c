/*
 * network_dns.c: a network's <dns> (forwarders, TXT, SRV and host
 * records) as libvirt 9.0 parses and writes it, with its checks and
 * error texts, and the dns-host, dns-txt and dns-srv sections of
 * virNetworkUpdate. Pure; callers hold whatever lock guards the
 * definition.
 */
#include "drivers/test/test_priv.h"

#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "drivers/test/xmlp.h"
#include "drivers/test/xmlw.h"

/* virNetworkUpdateCommand, virNetworkUpdateSection */
#define TDRV_DNS_MODIFY 1u
#define TDRV_DNS_DELETE 2u
#define TDRV_DNS_ADD_LAST 3u
#define TDRV_DNS_ADD_FIRST 4u
#define TDRV_DNS_SEC_HOST 10u
#define TDRV_DNS_SEC_TXT 11u
#define TDRV_DNS_SEC_SRV 12u

#define TDRV_DNS_SRV_MAX (512 - 30)     /* DNS_RECORD_LENGTH_SRV */
#define TDRV_PROTOCOL_CHARS \
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-+/"
#define TDRV_SERVICE_CHARS \
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-+/*"

/* A numeric address of either family in canonical form (malloc'ed), as
 * virSocketAddrParse then virSocketAddrFormat; NULL when it does not
 * parse (*oom set when memory ran out). */
static char *
tdrv_dns_addr(const char *s, bool *oom)
{
    char buf[INET6_ADDRSTRLEN];
    struct tdrv_sa a;
    char *out;

    *oom = false;
    if (tdrv_sa_parse(s, AF_UNSPEC, &a, NULL) < 0 || !tdrv_sa_format(&a, buf))
        return NULL;
    if (!(out = strdup(buf)))
        *oom = true;
    return out;
}

static int
tdrv_dns_detail(struct err *e, const char *fmt, const char *a, const char *b)
{
    err_set(e, ERR_XML_DETAIL, ERRDOM_NETWORK, fmt, a, b);
    return -1;
}

/* -- records --------------------------------------------------------------- */

static void
tdrv_dns_host_clear(struct tdrv_net_dns_host *h)
{
    free(h->ip);
    for (size_t i = 0; i < h->nnames; i++)
        free(h->names[i]);
    free(h->names);
    memset(h, 0, sizeof(*h));
}

static void
tdrv_dns_srv_clear(struct tdrv_net_dns_srv *s)
{
    free(s->service);
    free(s->protocol);
    free(s->domain);
    free(s->target);
    memset(s, 0, sizeof(*s));
}

static void
tdrv_dns_txt_clear(struct tdrv_net_dns_txt *t)
{
    free(t->name);
    free(t->value);
    memset(t, 0, sizeof(*t));
}

/* virNetworkDNSHostDefParseXML; @partial: a delete's pattern. */
static int
tdrv_dns_host_parse(const char *net, const struct xml_node *node,
                    bool partial, struct tdrv_net_dns_host *h, struct err *e)
{
    const char *ip = xml_attr(node, "ip");
    const struct xml_node *n;
    size_t count = 0;
    bool oom;

    memset(h, 0, sizeof(*h));
    if (!ip && !partial)
        return tdrv_dns_detail(e, "Missing IP address in network '%s' DNS "
                               "HOST record", net, NULL);
    if (ip && !(h->ip = tdrv_dns_addr(ip, &oom)))
        return oom ? tdrv_oom(e)
                   : tdrv_dns_detail(e, "Invalid IP address in network '%s' "
                                     "DNS HOST record", net, NULL);
    if (tdrv_xp_count(node, "hostname", TDRV_XP_ELEMS_MAX, &count, e) < 0)
        goto fail;
    if (count && !(h->names = calloc(count, sizeof(*h->names)))) {
        tdrv_oom(e);
        goto fail;
    }
    for (n = xml_child(node, "hostname"); n; n = xml_next_named(n)) {
        /* an element with no content is passed over; one with empty
         * content is an error */
        if (!n->text[0] && !n->children)
            continue;
        if (!n->text[0]) {
            tdrv_dns_detail(e, "Missing hostname in network '%s' DNS HOST "
                            "record", net, NULL);
            goto fail;
        }
        if (!(h->names[h->nnames++] = strdup(n->text))) {
            tdrv_oom(e);
            goto fail;
        }
    }
    if (!h->nnames && !partial) {
        tdrv_dns_detail(e, "Missing hostname in network '%s' DNS HOST record",
                        net, NULL);
        goto fail;
    }
    if (!h->ip && !h->nnames) {
        tdrv_dns_detail(e, "Missing ip and hostname in network '%s' DNS HOST "
                        "record", net, NULL);
        goto fail;
    }
    return 0;
fail:
    tdrv_dns_host_clear(h);
    return -1;
}

/* One of SRV's port, priority, weight: allowed only with a target, and
 * at most 65535 (port at least 1). */
static int
tdrv_dns_srv_num(const char *net, const struct xml_node *node,
                 const char *attr, const char *bad, struct tdrv_net_dns_srv *s,
                 unsigned *v, struct err *e)
{
    int rc = tdrv_xp_xpath_uint(node, attr, v);
    const char *svc = s->service ? s->service : "(null)";

    if (rc == 0 && !s->target) {
        err_set(e, ERR_XML_DETAIL, ERRDOM_NETWORK, "DNS SRV %s attribute not "
                "permitted without target for service '%s' in network '%s'",
                attr, svc, net);
        return -1;
    }
    if (rc < 0 || (rc == 0 && (*v > 65535 ||
                                 (strcmp(attr, "port") == 0 && *v < 1)))) {
        err_set(e, ERR_XML_DETAIL, ERRDOM_NETWORK, "%s DNS SRV %s attribute "
                "for service '%s' in network '%s'", bad, attr, svc, net);
        return -1;
    }
    if (rc != 0)
        *v = 0;
    return 0;
}

/* virNetworkDNSSrvDefParseXML */
static int
tdrv_dns_srv_parse(const char *net, const struct xml_node *node,
                   bool partial, struct tdrv_net_dns_srv *s, struct err *e)
{
    memset(s, 0, sizeof(*s));
    if (tdrv_xp_dup(&s->service, xml_attr(node, "service"), e) < 0)
        goto fail;
    if (!s->service && !partial) {
        tdrv_dns_detail(e, "missing required service attribute in DNS SRV "
                        "record of network '%s'", net, NULL);
        goto fail;
    }
    if (s->service && strlen(s->service) > TDRV_DNS_SRV_MAX) {
        err_set(e, ERR_XML_DETAIL, ERRDOM_NETWORK, "service attribute '%s' "
                "in network '%s' is too long, limit is %d bytes", s->service,
                net, TDRV_DNS_SRV_MAX);
        goto fail;
    }
    if (s->service &&
        strspn(s->service, TDRV_SERVICE_CHARS) < strlen(s->service)) {
        tdrv_dns_detail(e, "invalid character in service attribute '%s' in "
                        "DNS SRV record of network '%s'", s->service, net);
        goto fail;
    }
    if (tdrv_xp_dup(&s->protocol, xml_attr(node, "protocol"), e) < 0)
        goto fail;
    if (!s->protocol && !partial) {
        tdrv_dns_detail(e, "missing required protocol attribute in DNS SRV "
                        "record '%s' of network '%s'",
                        s->service ? s->service : "(null)", net);
        goto fail;
    }
    if (s->protocol &&
        strspn(s->protocol, TDRV_PROTOCOL_CHARS) < strlen(s->protocol)) {
        tdrv_dns_detail(e, "invalid character in protocol attribute '%s' in "
                        "DNS SRV record of network '%s'", s->protocol, net);
        goto fail;
    }
    if (tdrv_xp_dup(&s->domain, xml_attr(node, "domain"), e) < 0 ||
        tdrv_xp_dup(&s->target, xml_attr(node, "target"), e) < 0 ||
        tdrv_dns_srv_num(net, node, "port", "invalid", s, &s->port, e) < 0 ||
        tdrv_dns_srv_num(net, node, "priority", "Invalid", s, &s->priority,
                         e) < 0 ||
        tdrv_dns_srv_num(net, node, "weight", "invalid", s, &s->weight,
                         e) < 0)
        goto fail;
    return 0;
fail:
    tdrv_dns_srv_clear(s);
    return -1;
}

/* virNetworkDNSTxtDefParseXML */
static int
tdrv_dns_txt_parse(const char *net, const struct xml_node *node,
                   bool partial, struct tdrv_net_dns_txt *t, struct err *e)
{
    const char *name = xml_attr(node, "name"), *value = xml_attr(node, "value");

    memset(t, 0, sizeof(*t));
    if (!name)
        return tdrv_dns_detail(e, "missing required name attribute in DNS "
                               "TXT record of network %s", net, NULL);
    if (strcspn(name, " ,") != strlen(name))
        return tdrv_dns_detail(e, "prohibited character in DNS TXT record "
                               "name '%s' of network %s", name, net);
    if (!value && !partial)
        return tdrv_dns_detail(e, "missing required value attribute in DNS "
                               "TXT record named '%s' of network %s", name,
                               net);
    if (tdrv_xp_dup(&t->name, name, e) < 0 ||
        tdrv_xp_dup(&t->value, value, e) < 0) {
        tdrv_dns_txt_clear(t);
        return -1;
    }
    return 0;
}

/* -- <dns> ----------------------------------------------------------------- */

/* Room for @n records of @size in *arr (n may be 0). */
static int
tdrv_dns_alloc(void **arr, size_t n, size_t size, struct err *e)
{
    if (n && !(*arr = calloc(n, size)))
        return tdrv_oom(e);
    return 0;
}

static int
tdrv_dns_fwds(const char *net, const struct xml_node *node,
              struct tdrv_net_dns *dns, struct err *e)
{
    const struct xml_node *n;
    size_t count;
    bool oom;

    if (tdrv_xp_count(node, "forwarder", TDRV_XP_ELEMS_MAX, &count, e) < 0 ||
        tdrv_dns_alloc((void **)&dns->fwds, count, sizeof(*dns->fwds), e) < 0)
        return -1;
    for (n = xml_child(node, "forwarder"); n; n = xml_next_named(n)) {
        struct tdrv_net_dns_fwd *f = &dns->fwds[dns->nfwds];
        const char *addr = xml_attr(n, "addr");

        if (addr && !(f->addr = tdrv_dns_addr(addr, &oom))) {
            if (oom)
                return tdrv_oom(e);
            err_set(e, ERR_XML_ERROR, ERRDOM_NETWORK, "Invalid forwarder IP "
                    "address '%s' in network '%s'", addr, net);
            return -1;
        }
        if (tdrv_xp_dup(&f->domain, xml_attr(n, "domain"), e) < 0) {
            free(f->addr);
            return -1;
        }
        dns->nfwds++;
        if (!addr && !f->domain) {
            err_set(e, ERR_XML_ERROR, ERRDOM_NETWORK, "Invalid forwarder "
                    "element, must contain at least one of addr or domain");
            return -1;
        }
    }
    return 0;
}

int
tdrv_net_dns_parse(const struct xml_node *node, const char *net,
                   struct tdrv_net_dns *dns, struct err *e)
{
    const struct xml_node *n;
    size_t nh, ns, nt;

    if (!node)
        return 0;
    dns->enable = dns->forward_plain = 0;
    if (tdrv_xp_enum_nonzero(node, "enable", tdrv_tristate_names, &dns->enable,
                             e) < 0 ||
        tdrv_xp_enum_nonzero(node, "forwardPlainNames", tdrv_tristate_names,
                             &dns->forward_plain, e) < 0 ||
        tdrv_dns_fwds(net, node, dns, e) < 0 ||
        tdrv_xp_count(node, "host", TDRV_XP_ELEMS_MAX, &nh, e) < 0 ||
        tdrv_xp_count(node, "srv", TDRV_XP_ELEMS_MAX, &ns, e) < 0 ||
        tdrv_xp_count(node, "txt", TDRV_XP_ELEMS_MAX, &nt, e) < 0 ||
        tdrv_dns_alloc((void **)&dns->hosts, nh, sizeof(*dns->hosts), e) < 0 ||
        tdrv_dns_alloc((void **)&dns->srvs, ns, sizeof(*dns->srvs), e) < 0 ||
        tdrv_dns_alloc((void **)&dns->txts, nt, sizeof(*dns->txts), e) < 0)
        return -1;
    for (n = xml_child(node, "host"); n; n = xml_next_named(n)) {
        if (tdrv_dns_host_parse(net, n, false, &dns->hosts[dns->nhosts],
                                e) < 0)
            return -1;
        dns->nhosts++;
    }
    for (n = xml_child(node, "srv"); n; n = xml_next_named(n)) {
        if (tdrv_dns_srv_parse(net, n, false, &dns->srvs[dns->nsrvs], e) < 0)
            return -1;
        dns->nsrvs++;
    }
    for (n = xml_child(node, "txt"); n; n = xml_next_named(n)) {
        if (tdrv_dns_txt_parse(net, n, false, &dns->txts[dns->ntxts], e) < 0)
            return -1;
        dns->ntxts++;
    }
    if (dns->enable == 2 && (dns->nfwds || nh || ns || nt)) {
        err_set(e, ERR_XML_ERROR, ERRDOM_NETWORK,
                "Extra data in disabled network '%s'", net);
        return -1;
    }
    return 0;
}

void
tdrv_net_dns_format(struct xmlw *w, const struct tdrv_net_dns *dns)
{
    bool records = dns->nfwds || dns->nhosts || dns->nsrvs || dns->ntxts;

    if (!dns->enable && !dns->forward_plain && !records)
        return;
    xmlw_start(w, "dns");
    if (dns->enable)
        xmlw_attr(w, "enable", tdrv_tristate_names[dns->enable]);
    if (dns->forward_plain)
        xmlw_attr(w, "forwardPlainNames",
                  tdrv_tristate_names[dns->forward_plain]);
    if (!records) {
        xmlw_empty(w);
        return;
    }
    xmlw_open(w);
    for (size_t i = 0; i < dns->nfwds; i++) {
        xmlw_start(w, "forwarder");
        if (dns->fwds[i].domain)
            xmlw_attr(w, "domain", dns->fwds[i].domain);
        if (dns->fwds[i].addr)
            xmlw_attr(w, "addr", dns->fwds[i].addr);
        xmlw_empty(w);
    }
    for (size_t i = 0; i < dns->ntxts; i++) {
        xmlw_start(w, "txt");
        xmlw_attr(w, "name", dns->txts[i].name);
        if (dns->txts[i].value)
            xmlw_attr(w, "value", dns->txts[i].value);
        xmlw_empty(w);
    }
    for (size_t i = 0; i < dns->nsrvs; i++) {
        const struct tdrv_net_dns_srv *s = &dns->srvs[i];

        if (!s->service || !s->protocol)
            continue;
        xmlw_start(w, "srv");
        xmlw_attr(w, "service", s->service);
        xmlw_attr(w, "protocol", s->protocol);
        if (s->domain)
            xmlw_attr(w, "domain", s->domain);
        if (s->target)
            xmlw_attr(w, "target", s->target);
        if (s->port)
            xmlw_attrf(w, "port", "%u", s->port);
        if (s->priority)
            xmlw_attrf(w, "priority", "%u", s->priority);
        if (s->weight)
            xmlw_attrf(w, "weight", "%u", s->weight);
        xmlw_empty(w);
    }
    for (size_t i = 0; i < dns->nhosts; i++) {
        xmlw_start(w, "host");
        xmlw_attr(w, "ip", dns->hosts[i].ip ? dns->hosts[i].ip : "(null)");
        xmlw_open(w);
        for (size_t j = 0; j < dns->hosts[i].nnames; j++)
            xmlw_elem(w, "hostname", dns->hosts[i].names[j]);
        xmlw_close(w, "host");
    }
    xmlw_close(w, "dns");
}

void
tdrv_net_dns_clear(struct tdrv_net_dns *dns)
{
    for (size_t i = 0; i < dns->nfwds; i++) {
        free(dns->fwds[i].domain);
        free(dns->fwds[i].addr);
    }
    free(dns->fwds);
    for (size_t i = 0; i < dns->nhosts; i++)
        tdrv_dns_host_clear(&dns->hosts[i]);
    free(dns->hosts);
    for (size_t i = 0; i < dns->nsrvs; i++)
        tdrv_dns_srv_clear(&dns->srvs[i]);
    free(dns->srvs);
    for (size_t i = 0; i < dns->ntxts; i++)
        tdrv_dns_txt_clear(&dns->txts[i]);
    free(dns->txts);
    memset(dns, 0, sizeof(*dns));
}

/* -- virNetworkUpdate's DNS sections --------------------------------------- */

static int
tdrv_dns_invalid(struct err *e, const char *fmt, const char *net)
{
    err_set(e, ERR_OPERATION_INVALID, ERRDOM_NETWORK, fmt, net);
    return -1;
}

static bool
tdrv_str_eq(const char *a, const char *b)
{
    return a && b ? strcmp(a, b) == 0 : a == b;
}

static int
tdrv_dns_update_host(struct tdrv_netdef *def, unsigned command, bool add,
                     const struct xml_node *node, struct err *e)
{
    struct tdrv_net_dns *dns = &def->dns;
    struct tdrv_net_dns_host h;
    size_t found = 0, idx = 0;

    if (tdrv_dns_host_parse(def->name, node, !add, &h, e) < 0)
        return -1;
    for (size_t i = 0; i < dns->nhosts; i++) {
        bool hit = tdrv_str_eq(h.ip, dns->hosts[i].ip) && h.ip;

        /* adding checks addresses only: one name on several is fine */
        for (size_t j = 0; !add && !hit && j < h.nnames; j++)
            for (size_t k = 0; !hit && k < dns->hosts[i].nnames; k++)
                hit = strcmp(h.names[j], dns->hosts[i].names[k]) == 0;
        if (hit) {
            found++;
            idx = i;
        }
    }
    if (add && found) {
        tdrv_dns_host_clear(&h);
        return tdrv_dns_invalid(e, "there is already at least one DNS HOST "
                                "record with a matching field in network %s",
                                def->name);
    }
    if (add) {
        if (tdrv_arr_insert((void **)&dns->hosts, &dns->nhosts, sizeof(h),
                            command == TDRV_DNS_ADD_FIRST ? 0 : dns->nhosts, &h,
                            "DNS records", e) < 0) {
            tdrv_dns_host_clear(&h);
            return -1;
        }
        return 0;
    }
    tdrv_dns_host_clear(&h);
    if (command != TDRV_DNS_DELETE)
        goto unknown;
    if (found != 1)
        return tdrv_dns_invalid(e, found ? "multiple matching DNS HOST "
                                "records were found in network %s"
                                : "couldn't locate a matching DNS HOST record "
                                "in network %s", def->name);
    tdrv_dns_host_clear(&dns->hosts[idx]);
    tdrv_arr_remove(dns->hosts, &dns->nhosts, sizeof(*dns->hosts), idx);
    return 0;
unknown:
    err_set(e, ERR_OPERATION_UNSUPPORTED, ERRDOM_NETWORK,
            "unrecognized network update command code %d", (int)command);
    return -1;
}

static int
tdrv_dns_update_srv(struct tdrv_netdef *def, unsigned command, bool add,
                    const struct xml_node *node, struct err *e)
{
    struct tdrv_net_dns *dns = &def->dns;
    struct tdrv_net_dns_srv s;
    size_t found = 0, idx = 0;

    if (tdrv_dns_srv_parse(def->name, node, !add, &s, e) < 0)
        return -1;
    for (size_t i = 0; i < dns->nsrvs; i++) {
        const struct tdrv_net_dns_srv *o = &dns->srvs[i];

        if ((!s.domain || tdrv_str_eq(s.domain, o->domain)) &&
            (!s.service || tdrv_str_eq(s.service, o->service)) &&
            (!s.protocol || tdrv_str_eq(s.protocol, o->protocol)) &&
            (!s.target || tdrv_str_eq(s.target, o->target))) {
            found++;
            idx = i;
        }
    }
    if (add && found) {
        tdrv_dns_srv_clear(&s);
        return tdrv_dns_invalid(e, "there is already at least one DNS SRV "
                                "record matching all specified fields in "
                                "network %s", def->name);
    }
    if (add) {
        if (tdrv_arr_insert((void **)&dns->srvs, &dns->nsrvs, sizeof(s),
                            command == TDRV_DNS_ADD_FIRST ? 0 : dns->nsrvs, &s,
                            "DNS records", e) < 0) {
            tdrv_dns_srv_clear(&s);
            return -1;
        }
        return 0;
    }
    tdrv_dns_srv_clear(&s);
    if (command != TDRV_DNS_DELETE) {
        err_set(e, ERR_OPERATION_UNSUPPORTED, ERRDOM_NETWORK,
                "unrecognized network update command code %d", (int)command);
        return -1;
    }
    if (found != 1)
        return tdrv_dns_invalid(e, found ? "multiple DNS SRV records "
                                "matching all specified fields were found in "
                                "network %s"
                                : "couldn't locate a matching DNS SRV record "
                                "in network %s", def->name);
    tdrv_dns_srv_clear(&dns->srvs[idx]);
    tdrv_arr_remove(dns->srvs, &dns->nsrvs, sizeof(*dns->srvs), idx);
    return 0;
}

static int
tdrv_dns_update_txt(struct tdrv_netdef *def, unsigned command, bool add,
                    const struct xml_node *node, struct err *e)
{
    struct tdrv_net_dns *dns = &def->dns;
    struct tdrv_net_dns_txt t;
    size_t i;

    if (tdrv_dns_txt_parse(def->name, node, !add, &t, e) < 0)
        return -1;
    for (i = 0; i < dns->ntxts && strcmp(t.name, dns->txts[i].name); i++)
        ;
    if (add && i < dns->ntxts) {
        err_set(e, ERR_OPERATION_INVALID, ERRDOM_NETWORK, "there is already "
                "a DNS TXT record with name '%s' in network %s", t.name,
                def->name);
        tdrv_dns_txt_clear(&t);
        return -1;
    }
    if (add) {
        if (tdrv_arr_insert((void **)&dns->txts, &dns->ntxts, sizeof(t),
                            command == TDRV_DNS_ADD_FIRST ? 0 : dns->ntxts, &t,
                            "DNS records", e) < 0) {
            tdrv_dns_txt_clear(&t);
            return -1;
        }
        return 0;
    }
    tdrv_dns_txt_clear(&t);
    if (command != TDRV_DNS_DELETE) {
        err_set(e, ERR_OPERATION_UNSUPPORTED, ERRDOM_NETWORK,
                "unrecognized network update command code %d", (int)command);
        return -1;
    }
    if (i == dns->ntxts)
        return tdrv_dns_invalid(e, "couldn't locate a matching DNS TXT "
                                "record in network %s", def->name);
    tdrv_dns_txt_clear(&dns->txts[i]);
    tdrv_arr_remove(dns->txts, &dns->ntxts, sizeof(*dns->txts), i);
    return 0;
}

int
tdrv_net_dns_update(struct tdrv_netdef *def, unsigned command,
                    unsigned section, const struct xml_node *node,
                    struct err *e)
{
    static const char *const what[] = { "HOST", "TXT", "SRV" };
    static const char *const elem[] = { "host", "txt", "srv" };
    unsigned k = section - TDRV_DNS_SEC_HOST;
    bool add = command == TDRV_DNS_ADD_FIRST || command == TDRV_DNS_ADD_LAST;

    if (command == TDRV_DNS_MODIFY) {
        err_set(e, ERR_OPERATION_UNSUPPORTED, ERRDOM_NETWORK,
                "DNS %s records cannot be modified, only added or deleted",
                what[k]);
        return -1;
    }
    if (strcmp(node->name, elem[k]) != 0) {
        err_set(e, ERR_XML_ERROR, ERRDOM_NETWORK, "unexpected element <%s>, "
                "expecting <%s>, while updating network '%s'", node->name,
                elem[k], def->name);
        return -1;
    }
    if (section == TDRV_DNS_SEC_HOST)
        return tdrv_dns_update_host(def, command, add, node, e);
    if (section == TDRV_DNS_SEC_SRV)
        return tdrv_dns_update_srv(def, command, add, node, e);
    return tdrv_dns_update_txt(def, command, add, node, e);
}
