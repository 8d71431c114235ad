/*
 * driver.c: the driver registry (pick a driver by URI at CONNECT_OPEN) and
 * helpers shared by drivers and the remote program. See driver.h.
 *
 * The registry is a const table: nothing here is mutable, so every
 * function may run on any thread.
 */
#include "drivers/driver.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/uuid.h"
#include "drivers/test/test.h"

/* Tried in order; the first that does not decline wins. */
static const struct drv_ops *const drv_table[] = {
    &drv_test_ops,
};

static bool
drv_scheme_char(char ch, bool first)
{
    if (isalpha((unsigned char)ch))
        return true;
    return !first && (isdigit((unsigned char)ch) || ch == '+' ||
                      ch == '-' || ch == '.');
}

/*
 * Length of the scheme of @s: 0 for a relative reference (no ':' before
 * the first '/', '?' or '#'), -1 when what precedes that ':' is not a
 * scheme (RFC 3986 has no such URI).
 */
static int
drv_scheme_len(const char *s)
{
    size_t n = strcspn(s, ":/?#");

    if (s[n] != ':')
        return 0;
    if (n == 0)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (!drv_scheme_char(s[i], i == 0))
            return -1;
    return (int)n;
}

/* "user@host:port" -> "host" (NULL when empty). */
static const char *
drv_authority_host(const char *auth, size_t len, struct arena *a)
{
    const char *at = memchr(auth, '@', len);
    const char *colon;

    if (at) {
        len -= (size_t)(at + 1 - auth);
        auth = at + 1;
    }
    colon = memchr(auth, ':', len);
    if (colon)
        len = (size_t)(colon - auth);
    return len ? arena_strndup(a, auth, len) : NULL;
}

int
drv_uri_parse(const char *name, struct arena *a, struct drv_uri *u)
{
    int slen = drv_scheme_len(name);
    const char *p = name + (slen > 0 ? slen + 1 : 0);
    size_t plen;

    memset(u, 0, sizeof(*u));
    u->name = name;
    if (slen < 0)
        return -EINVAL;
    if (slen > 0 && !(u->scheme = arena_strndup(a, name, (size_t)slen)))
        return -ENOMEM;
    if (slen > 0 && p[0] == '/' && p[1] == '/') {
        size_t alen = strcspn(p + 2, "/?#");

        u->server = drv_authority_host(p + 2, alen, a);
        p += 2 + alen;
    }
    plen = strcspn(p, "?#");
    u->path = arena_strndup(a, p, plen);
    if (p[plen] == '?')
        u->query = arena_strndup(a, p + plen + 1, strcspn(p + plen + 1, "#"));
    if (!u->path || (p[plen] == '?' && !u->query))
        return -ENOMEM;
    return 0;
}

/* libvirtd's answers for a URI no driver takes, as libvirt words them. */
static int
drv_no_connect(const char *name, const struct drv_uri *u, struct err *e)
{
    if (!name)
        err_set(e, ERR_NO_CONNECT, ERRDOM_NONE, "<null>");
    else if (!u->scheme)
        err_set(e, ERR_NO_CONNECT, ERRDOM_NONE,
                "URI '%s' does not include a driver name", name);
    else
        err_set(e, ERR_NO_CONNECT, ERRDOM_NONE, "%s", name);
    return -1;
}

int
drv_open(const char *name, unsigned flags,
         const struct drv_event_sink *sink, struct arena *a,
         struct drv_conn **out, struct err *e)
{
    struct drv_uri u = { 0 };
    int rc;

    *out = NULL;
    if (name && !*name)
        name = NULL;              /* "" asks for the default: none here */
    if (!name)
        return drv_no_connect(NULL, &u, e);
    rc = drv_uri_parse(name, a, &u);
    if (rc == -ENOMEM) {
        err_set(e, ERR_NO_MEMORY, ERRDOM_NONE, NULL);
        return -1;
    }
    if (rc < 0) {
        err_set(e, ERR_INTERNAL_ERROR, ERRDOM_URI, "Unable to parse URI %s",
                name);
        return -1;
    }
    for (size_t i = 0; u.scheme && i < sizeof(drv_table) /
                                        sizeof(drv_table[0]); i++) {
        rc = drv_table[i]->open(&u, flags, sink, out, e);
        if (rc == 1)
            continue;
        if (rc < 0)
            return -1;
        (*out)->ops = drv_table[i];
        return 0;
    }
    return drv_no_connect(name, &u, e);
}

void
drv_close(struct drv_conn *c)
{
    if (c)
        c->ops->close(c);
}

void
drv_unsupported(struct err *e, int errdom, const char *api)
{
    err_set(e, ERR_NO_SUPPORT, errdom, "%s", api);
}

void
drv_bad_flags(struct err *e, int errdom, const char *func, unsigned flags)
{
    char msg[160];

    snprintf(msg, sizeof(msg), "unsupported flags (0x%x) in function %s",
             flags, func);
    err_set_raw(e, ERR_INVALID_ARG, errdom, msg, func, "flags");
}

bool
drv_flags_unsupported(struct err *e, int errdom, const char *func,
                      unsigned flags, unsigned supported)
{
    if (!(flags & ~supported))
        return false;
    drv_bad_flags(e, errdom, func, flags & ~supported);
    return true;
}

_Static_assert(DRV_UUID_LEN == UUID_LEN && DRV_UUID_STRLEN == UUID_STRLEN,
               "driver and core UUID sizes agree");

void
drv_uuid_format(const uint8_t *uuid, char *buf)
{
    uuid_format(uuid, buf);
}

static int
drv_hexval(char ch)
{
    if (ch >= '0' && ch <= '9')
        return ch - '0';
    ch = (char)tolower((unsigned char)ch);
    return ch >= 'a' && ch <= 'f' ? ch - 'a' + 10 : -1;
}

int
drv_uuid_parse(const char *s, uint8_t *uuid)
{
    int n = 0;

    for (; *s && n < 2 * DRV_UUID_LEN; s++) {
        int v = drv_hexval(*s);

        if (*s == '-')
            continue;
        if (v < 0)
            return -EINVAL;
        if (n % 2 == 0)
            uuid[n / 2] = (uint8_t)(v << 4);
        else
            uuid[n / 2] |= (uint8_t)v;
        n++;
    }
    return n == 2 * DRV_UUID_LEN && *s == '\0' ? 0 : -EINVAL;
}

/* -- typed parameter checks ------------------------------------------------ */

static const char *const drv_tp_names[] = {
    "unknown", "int", "uint", "llong", "ullong", "double", "boolean",
    "string",
};

static const char *
drv_tp_name(int type)
{
    size_t n = sizeof(drv_tp_names) / sizeof(drv_tp_names[0]);

    return type > 0 && (size_t)type < n ? drv_tp_names[type]
                                        : drv_tp_names[0];
}

/* Walk the sorted names against the sorted keys, both ascending: a name
 * that matches no key is left behind when the keys run out. */
int
drv_tparams_check(struct err *e, const char *const *names, const int *types,
                  size_t n, const struct drv_tparam_key *keys, size_t nkeys)
{
    size_t idx[DRV_TPARAMS_CHECK_MAX], i = 0, j = 0;
    const char *last = NULL;

    if (n > DRV_TPARAMS_CHECK_MAX) {
        err_set(e, ERR_RPC, ERRDOM_RPC, "too many parameters '%zu' for limit "
                "'%d'", n, DRV_TPARAMS_CHECK_MAX);
        return -1;
    }
    /* idx[] = 0..n-1 by name, equal names in their order (insertion) */
    for (size_t k = 0; k < n; k++) {
        size_t m = k;

        for (; m > 0 && strcmp(names[idx[m - 1]], names[k]) > 0; m--)
            idx[m] = idx[m - 1];
        idx[m] = k;
    }
    while (i < n && j < nkeys) {
        const char *name = names[idx[i]];

        if (strcmp(name, keys[j].name) != 0) {
            j++;
            continue;
        }
        if (last && strcmp(last, name) == 0) {
            err_set(e, ERR_INVALID_ARG, ERRDOM_NONE,
                    "parameter '%s' occurs multiple times", name);
            return -1;
        }
        if (types[idx[i]] != keys[j].type) {
            err_set(e, ERR_INVALID_ARG, ERRDOM_NONE,
                    "invalid type '%s' for parameter '%s', expected '%s'",
                    drv_tp_name(types[idx[i]]), name,
                    drv_tp_name(keys[j].type));
            return -1;
        }
        last = name;
        i++;
    }
    if (i < n) {
        err_set(e, ERR_ARGUMENT_UNSUPPORTED, ERRDOM_NONE,
                "parameter '%s' not supported", names[idx[i]]);
        return -1;
    }
    return 0;
}

void
drv_nodedev_key(const char *name, uint8_t *key)
{
    /* two 64-bit FNV-1a hashes with different offsets */
    uint64_t h[2] = { 0xcbf29ce484222325ULL, 0x84222325cbf29ce4ULL };

    for (const unsigned char *p = (const unsigned char *)name; *p; p++)
        for (int k = 0; k < 2; k++)
            h[k] = (h[k] ^ *p) * 0x100000001b3ULL;
    for (int i = 0; i < DRV_UUID_LEN; i++)
        key[i] = (uint8_t)(h[i / 8] >> (8 * (i % 8)));
}
