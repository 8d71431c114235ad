/*
 * netaddr.c: IP addresses as libvirt's virSocketAddr handles them for
 * network definitions: numeric parsing (getaddrinfo, so "10.1" and
 * "0x0a.1" parse as they do there), canonical formatting, prefixes, and
 * virSocketAddrGetRange's checks of an address range. Pure.
 */
#include "drivers/test/test_priv.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <string.h>
#include <sys/socket.h>

static size_t
tdrv_sa_len(const struct tdrv_sa *a)
{
    return a->family == AF_INET ? 4 : 16;
}

int
tdrv_sa_parse(const char *s, int family, struct tdrv_sa *out, struct err *e)
{
    struct addrinfo hints = { .ai_family = family,
                              .ai_flags = AI_NUMERICHOST }, *res = NULL;
    int rc = getaddrinfo(s, NULL, &hints, &res);

    memset(out, 0, sizeof(*out));
    if (rc != 0) {
        if (e)
            err_set(e, ERR_SYSTEM_ERROR, ERRDOM_NONE,
                    "Cannot parse socket address '%s': %s", s,
                    gai_strerror(rc));
        return -1;
    }
    out->family = res->ai_family;
    if (res->ai_family == AF_INET)
        memcpy(out->b, &((struct sockaddr_in *)res->ai_addr)->sin_addr, 4);
    else
        memcpy(out->b, &((struct sockaddr_in6 *)res->ai_addr)->sin6_addr, 16);
    freeaddrinfo(res);
    return 0;
}

bool
tdrv_sa_equal(const struct tdrv_sa *a, const struct tdrv_sa *b)
{
    return a->family && a->family == b->family &&
           memcmp(a->b, b->b, tdrv_sa_len(a)) == 0;
}

const char *
tdrv_sa_format(const struct tdrv_sa *a, char *buf)
{
    if (!a->family || !inet_ntop(a->family, a->b, buf, INET6_ADDRSTRLEN))
        return NULL;
    return buf;
}

int
tdrv_ip_family(const struct tdrv_net_ip *ip)
{
    struct tdrv_sa a;

    return ip->address && tdrv_sa_parse(ip->address, AF_UNSPEC, &a, NULL) == 0 ?
           a.family : 0;
}

/* virNetworkIPDefPrefix: the prefix, else the netmask's bits, else the
 * address class (IPv4) or 64 (IPv6); -1 when none. */
int
tdrv_ip_prefix_of(const struct tdrv_net_ip *ip, const struct tdrv_sa *addr)
{
    struct tdrv_sa m;
    int n = 0;

    if (ip->prefix > 0)
        return ip->prefix;
    if (ip->netmask && tdrv_sa_parse(ip->netmask, AF_UNSPEC, &m, NULL) == 0) {
        for (size_t i = 0; i < tdrv_sa_len(&m); i++)
            for (int bit = 7; bit >= 0 && (m.b[i] >> bit) & 1; bit--)
                n++;
        return n;
    }
    if (addr->family == AF_INET6) {
        static const uint8_t zero[16];

        return memcmp(addr->b, zero, 16) == 0 ? 0 : 64;
    }
    if (memcmp(addr->b, "\0\0\0\0", 4) == 0)
        return 0;
    if ((addr->b[0] & 0x80) == 0)
        return 8;
    if ((addr->b[0] & 0xc0) == 0x80)
        return 16;
    return (addr->b[0] & 0xe0) == 0xc0 ? 24 : -1;
}

/* @a with all bits past @prefix set (@ones) or cleared. */
struct tdrv_sa
tdrv_sa_mask(const struct tdrv_sa *a, int prefix, bool ones)
{
    struct tdrv_sa r = *a;

    for (size_t i = 0; i < tdrv_sa_len(a); i++) {
        int keep = prefix - (int)i * 8;
        uint8_t m = keep >= 8 ? 0xff : keep <= 0 ? 0 :
                    (uint8_t)(0xff << (8 - keep));

        r.b[i] = ones ? (uint8_t)(a->b[i] | ~m) : (uint8_t)(a->b[i] & m);
    }
    return r;
}

/* The checks of a range against the network of @ip. */
static int
tdrv_sa_range_net(const struct tdrv_sa *s, const struct tdrv_sa *t,
                  const char *ss, const char *ts,
                  const struct tdrv_net_ip *ip, struct err *e)
{
    char nb[INET6_ADDRSTRLEN];
    struct tdrv_sa net, lo, hi;
    int prefix;

    if (tdrv_sa_parse(ip->address, AF_UNSPEC, &net, e) < 0)
        return -1;
    tdrv_sa_format(&net, nb);
    if (s->family != net.family) {
        err_set(e, ERR_INTERNAL_ERROR, ERRDOM_NONE,
                "mismatch of address family in range %s - %s for network "
                "%s", ss, ts, nb);
        return -1;
    }
    prefix = tdrv_ip_prefix_of(ip, &net);
    if (prefix < 0 || prefix > (net.family == AF_INET ? 32 : 128)) {
        err_set(e, ERR_INTERNAL_ERROR, ERRDOM_NONE,
                "bad prefix %d for network %s when  checking range %s - %s",
                prefix, nb, ss, ts);
        return -1;
    }
    lo = tdrv_sa_mask(&net, prefix, false);
    if (memcmp(tdrv_sa_mask(s, prefix, false).b, lo.b, tdrv_sa_len(s)) ||
        memcmp(tdrv_sa_mask(t, prefix, false).b, lo.b, tdrv_sa_len(s))) {
        err_set(e, ERR_INTERNAL_ERROR, ERRDOM_NONE,
                "range %s - %s is not entirely within network %s/%d",
                ss, ts, nb, prefix);
        return -1;
    }
    if (s->family != AF_INET)
        return 0;
    hi = tdrv_sa_mask(&net, prefix, true);
    if (tdrv_sa_equal(s, &lo)) {
        err_set(e, ERR_INTERNAL_ERROR, ERRDOM_NONE,
                "start of range %s - %s in network %s/%d is the network "
                "address", ss, ts, nb, prefix);
        return -1;
    }
    if (tdrv_sa_equal(t, &hi)) {
        err_set(e, ERR_INTERNAL_ERROR, ERRDOM_NONE,
                "end of range %s - %s in network %s/%d is the broadcast "
                "address", ss, ts, nb, prefix);
        return -1;
    }
    return 0;
}

int
tdrv_sa_range(const struct tdrv_sa *s, const struct tdrv_sa *t,
              const struct tdrv_net_ip *ip, struct err *e)
{
    char sb[INET6_ADDRSTRLEN], tb[INET6_ADDRSTRLEN];
    const char *ss = tdrv_sa_format(s, sb), *ts = tdrv_sa_format(t, tb);
    size_t words;
    long diff;

    if (s->family != t->family) {
        err_set(e, ERR_INTERNAL_ERROR, ERRDOM_NONE,
                "mismatch of address family in range %s - %s", ss, ts);
        return -1;
    }
    if (ip && tdrv_sa_range_net(s, t, ss, ts, ip, e) < 0)
        return -1;
    /* all but the last 16 bits alike, the end not before the start */
    words = tdrv_sa_len(s) - 2;
    if (memcmp(s->b, t->b, words) != 0) {
        err_set(e, ERR_INTERNAL_ERROR, ERRDOM_NONE,
                "range %s - %s is too large (> 65535)", ss, ts);
        return -1;
    }
    diff = ((long)t->b[words] << 8 | t->b[words + 1]) -
           ((long)s->b[words] << 8 | s->b[words + 1]);
    if (diff < 0) {
        err_set(e, ERR_INTERNAL_ERROR, ERRDOM_NONE,
                s->family == AF_INET ? "range %s - %s is reversed "
                                     : "range %s - %s start larger than end",
                ss, ts);
        return -1;
    }
    return 0;
}
