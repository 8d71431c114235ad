/*
 * daemon_conf.c: libvirtd.conf keys -> daemon settings, with libvirtd's
 * defaults and validation. Start-up only, single thread.
 */
#include "rpc/daemon.h"

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/conf.h"
#include "core/log.h"

#define SRC "daemon.conf"

/* libvirtd.conf keys virtd reads, with where the value goes. */
enum key_kind { K_UINT, K_INT, K_BOOL, K_STR, K_PERMS, K_AUTH };

struct key {
    const char *name;
    enum key_kind kind;
    size_t off;
};

#define F(field) offsetof(struct daemon_cfg, field)
#define SRV(field) (offsetof(struct daemon_cfg, srv) + \
                    offsetof(struct daemon_srv_cfg, field))
#define ADM(field) (offsetof(struct daemon_cfg, admin) + \
                    offsetof(struct daemon_srv_cfg, field))

static const struct key keys[] = {
    { "unix_sock_dir", K_STR, F(sock_dir) },
    { "unix_sock_group", K_STR, F(sock_group) },
    { "unix_sock_rw_perms", K_PERMS, F(rw_perms) },
    { "unix_sock_ro_perms", K_PERMS, F(ro_perms) },
    { "unix_sock_admin_perms", K_PERMS, F(admin_perms) },
    { "auth_unix_rw", K_AUTH, 0 },
    { "auth_unix_ro", K_AUTH, 0 },
    { "listen_tcp", K_BOOL, F(listen_tcp) },
    { "tcp_port", K_STR, F(tcp_port) },
    { "listen_addr", K_STR, F(listen_addr) },
    { "auth_tcp", K_STR, F(auth_tcp) },
    { "max_clients", K_UINT, SRV(max_clients) },
    { "max_queued_clients", K_UINT, SRV(max_queued_clients) },
    { "max_anonymous_clients", K_UINT, SRV(max_anonymous_clients) },
    { "min_workers", K_UINT, SRV(min_workers) },
    { "max_workers", K_UINT, SRV(max_workers) },
    { "prio_workers", K_UINT, SRV(prio_workers) },
    { "max_client_requests", K_UINT, SRV(max_client_requests) },
    { "keepalive_interval", K_INT, SRV(keepalive_interval) },
    { "keepalive_count", K_UINT, SRV(keepalive_count) },
    { "admin_min_workers", K_UINT, ADM(min_workers) },
    { "admin_max_workers", K_UINT, ADM(max_workers) },
    { "admin_max_clients", K_UINT, ADM(max_clients) },
    { "admin_max_queued_clients", K_UINT, ADM(max_queued_clients) },
    { "admin_max_client_requests", K_UINT, ADM(max_client_requests) },
    { "admin_keepalive_interval", K_INT, ADM(keepalive_interval) },
    { "admin_keepalive_count", K_UINT, ADM(keepalive_count) },
    { "log_level", K_INT, F(log_level) },
    { "log_filters", K_STR, F(log_filters) },
    { "log_outputs", K_STR, F(log_outputs) },
};

/* libvirtd.conf keys virtd accepts without using them (TLS, SASL, audit,
 * obsolete keys): no warning, they are legitimate in a libvirtd.conf. */
static const char *const known_unused[] = {
    "listen_tls", "tls_port", "auth_tls", "key_file", "cert_file",
    "ca_file", "crl_file", "tls_no_sanity_certificate",
    "tls_no_verify_certificate", "tls_allowed_dn_list", "tls_priority",
    "sasl_allowed_username_list", "access_drivers", "mdns_adv",
    "mdns_name", "unix_sock_ro_perms_group", "tcp_min_ssf",
    "keepalive_required", "admin_keepalive_required", "max_requests",
    "audit_level", "audit_logging", "host_uuid", "host_uuid_source",
    "ovs_timeout", "prio_workers_max",
};

static void
srv_defaults(struct daemon_srv_cfg *s, unsigned prio, unsigned queued)
{
    s->min_workers = 5;
    s->max_workers = 20;
    s->prio_workers = prio;
    s->max_clients = 5000;
    s->max_queued_clients = queued;
    s->max_anonymous_clients = 20;
    s->max_client_requests = 5;
    s->keepalive_interval = 5;
    s->keepalive_count = 5;
}

/* DESIGN.md: /run/virtd for root, $XDG_RUNTIME_DIR/virtd or
 * /tmp/virtd-$UID otherwise. */
static char *
default_sock_dir(void)
{
    const char *xdg = getenv("XDG_RUNTIME_DIR");
    char *dir = NULL;

    if (geteuid() == 0)
        return strdup("/run/virtd");
    if (xdg && *xdg) {
        if (asprintf(&dir, "%s/virtd", xdg) < 0)
            return NULL;
    } else if (asprintf(&dir, "/tmp/virtd-%u", (unsigned)geteuid()) < 0) {
        return NULL;
    }
    return dir;
}

int
daemon_cfg_defaults(struct daemon_cfg *cfg)
{
    memset(cfg, 0, sizeof(*cfg));
    cfg->rw_perms = 0700;
    cfg->ro_perms = 0777;
    cfg->admin_perms = 0700;
    srv_defaults(&cfg->srv, 5, 1000);
    srv_defaults(&cfg->admin, 0, 20);
    cfg->admin.max_anonymous_clients = 0;
    cfg->log_level = LOG_WARN;
    cfg->sock_dir = default_sock_dir();
    cfg->tcp_port = strdup("16509");
    if (!cfg->sock_dir || !cfg->tcp_port)
        return -ENOMEM;
    return 0;
}

void
daemon_cfg_release(struct daemon_cfg *cfg)
{
    free(cfg->sock_dir);
    free(cfg->sock_group);
    free(cfg->tcp_port);
    free(cfg->listen_addr);
    free(cfg->auth_tcp);
    free(cfg->log_filters);
    free(cfg->log_outputs);
    memset(cfg, 0, sizeof(*cfg));
}

static int
fail(char **errmsg, const char *file, int line, const char *fmt,
     const char *key)
{
    char *why = NULL;

    if (asprintf(&why, fmt, key) < 0)
        why = NULL;
    if ((line > 0 ? asprintf(errmsg, "%s:%d: %s", file, line,
                             why ? why : key)
                  : asprintf(errmsg, "%s: %s", file, why ? why : key)) < 0)
        *errmsg = NULL;
    free(why);
    return -1;
}

/* Octal permission string such as "0770". */
static int
parse_perms(const char *s, mode_t *out)
{
    char *end;
    unsigned long v;

    errno = 0;
    v = strtoul(s, &end, 8);
    if (errno || end == s || *end || v > 07777)
        return -1;
    *out = (mode_t)v;
    return 0;
}

static int
apply_key(struct daemon_cfg *cfg, const struct key *k,
          const struct conf_value *v, const char *file, char **errmsg)
{
    char *base = (char *)cfg;

    switch (k->kind) {
    case K_UINT:
    case K_INT:
    case K_BOOL:
        if (v->type != CONF_INT)
            return fail(errmsg, file, v->line, "'%s' must be an integer",
                        k->name);
        if ((k->kind != K_INT && v->i < 0) || v->i > 1000000 ||
            v->i < -1000000 || (k->kind == K_BOOL && v->i > 1))
            return fail(errmsg, file, v->line, "'%s' is out of range",
                        k->name);
        if (k->kind == K_BOOL)
            *(bool *)(base + k->off) = v->i != 0;
        else if (k->kind == K_INT)
            *(int *)(base + k->off) = (int)v->i;
        else
            *(unsigned *)(base + k->off) = (unsigned)v->i;
        return 0;
    case K_STR:
    case K_PERMS:
    case K_AUTH:
        if (v->type != CONF_STRING)
            return fail(errmsg, file, v->line, "'%s' must be a string",
                        k->name);
        break;
    }
    if (k->kind == K_PERMS) {
        if (parse_perms(v->s, (mode_t *)(base + k->off)) < 0)
            return fail(errmsg, file, v->line,
                        "'%s' must be an octal mode such as \"0770\"",
                        k->name);
    } else if (k->kind == K_AUTH) {
        if (strcmp(v->s, "none") != 0)
            return fail(errmsg, file, v->line,
                        "'%s': only \"none\" is supported (virtd has no "
                        "SASL or polkit)", k->name);
    } else {
        char **dst = (char **)(base + k->off);
        free(*dst);
        if (!(*dst = strdup(v->s)))
            return fail(errmsg, file, v->line, "out of memory at '%s'",
                        k->name);
    }
    return 0;
}

static const struct key *
find_key(const char *name)
{
    for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
        if (strcmp(keys[i].name, name) == 0)
            return &keys[i];
    return NULL;
}

static bool
is_known_unused(const char *name)
{
    for (size_t i = 0; i < sizeof(known_unused) / sizeof(known_unused[0]);
         i++)
        if (strcmp(known_unused[i], name) == 0)
            return true;
    return false;
}

static int
validate_srv(const struct daemon_srv_cfg *s, const char *prefix,
             const char *file, char **errmsg)
{
    if (s->max_workers < 1)
        return fail(errmsg, file, 0, "%smax_workers must be at least 1",
                    prefix);
    if (s->min_workers > s->max_workers)
        return fail(errmsg, file, 0,
                    "%smin_workers must not be greater than max_workers",
                    prefix);
    if (s->max_client_requests < 1)
        return fail(errmsg, file, 0,
                    "%smax_client_requests must be at least 1", prefix);
    return 0;
}

int
daemon_cfg_load(struct daemon_cfg *cfg, const char *path, char **errmsg)
{
    struct conf *c;
    const char *name;
    int rc = 0;

    if (conf_load(path, &c, errmsg) < 0)
        return -1;
    for (size_t i = 0; rc == 0 && (name = conf_key_at(c, i)); i++) {
        const struct key *k = find_key(name);

        if (k)
            rc = apply_key(cfg, k, conf_get(c, name), path, errmsg);
        else if (!is_known_unused(name))
            log_warn(SRC, "%s:%d: unknown key '%s' ignored", path,
                     conf_get(c, name)->line, name);
    }
    conf_free(c);
    if (rc == 0)
        rc = validate_srv(&cfg->srv, "", path, errmsg);
    if (rc == 0)
        rc = validate_srv(&cfg->admin, "admin_", path, errmsg);
    return rc;
}

int
daemon_cfg_apply_logging(const struct daemon_cfg *cfg, bool verbose,
                         char **errmsg)
{
    int level = verbose && cfg->log_level > LOG_INFO ? LOG_INFO
                                                     : cfg->log_level;
    int old_level = log_get_level();
    char *old_filters = log_get_filters(NULL);

    *errmsg = NULL;
    if (level < LOG_DEBUG || level > LOG_ERROR) {
        *errmsg = strdup("log_level must be 1..4");
    } else if (log_set_filters(cfg->log_filters) < 0) {
        *errmsg = strdup("invalid log_filters");
    } else {
        /* the default output's threshold follows the level: set it first,
         * and put both back if the outputs are refused */
        log_set_level(level);
        if (log_set_outputs(cfg->log_outputs) == 0) {
            free(old_filters);
            return 0;
        }
        if (asprintf(errmsg, "invalid log_outputs '%s'",
                     cfg->log_outputs ? cfg->log_outputs : "") < 0)
            *errmsg = NULL;
        log_set_level(old_level);
        log_set_filters(old_filters);
    }
    free(old_filters);
    return -1;
}
