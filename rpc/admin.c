/*
 * admin.c: the ADMIN program (protocol.md §7), served by the "admin" server
 * on libvirt-admin-sock: servers, their worker pools, clients and client
 * limits, the logging settings and the daemon's idle timeout, as virt-admin
 * drives them.
 *
 * Handlers run on the admin server's workers (rpc/prog.h contract) and use
 * only the thread-safe admin queries of rpc/server.h. Errors copy libvirtd
 * 9.0: codes, domains and texts, including where libvirtd words the same
 * failure differently from one procedure to the next.
 *
 * libvirtd serves every admin procedure without CONNECT_OPEN (the socket's
 * same-uid check is the only gate), so every entry carries RPC_PROC_NO_OPEN.
 * No admin procedure is priority; none is denied to read-only clients.
 */
#include "rpc/admin_priv.h"

#include <errno.h>
#include <grp.h>
#include <pthread.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "rpc/daemon.h"
#include "rpc/prog.h"
#include "rpc/server.h"

#define SRC "rpc.admin"
#define ADM_LIB_VERSION 9000000       /* libvirt 9.0.0 */
#define ADM_SERVER_LIST_MAX 16384
#define ADM_CLIENT_LIST_MAX 16384
#define ADM_PW_BUF_MAX (1024 * 1024)  /* getpwuid_r/getgrgid_r buffer cap */

/*
 * Serializes each read-check-apply sequence on worker or client limits, so
 * that two admin clients changing one server cannot interleave between
 * the check and the change. Held only around rpc_server_* calls.
 */
static pthread_mutex_t adm_set_lock = PTHREAD_MUTEX_INITIALIZER;

/* -- helpers ------------------------------------------------------------ */

/* libvirt's virCheckFlags(0, ...) in function @fn: the flags word must be
 * 0. 0, or -1 with the error set. */
static int
adm_no_flags(struct rpc_call *call, int64_t flags, const char *fn)
{
    char msg[128];

    if (flags == 0)
        return 0;
    snprintf(msg, sizeof(msg), "unsupported flags (0x%x) in function %s",
             (unsigned)flags, fn);
    err_set_raw(&call->err, ERR_INVALID_ARG, ERRDOM_ADMIN, msg, fn, "flags");
    return -1;
}

/*
 * The server named @name, or NULL with the error set. libvirtd words a
 * missing server in two ways: its daemon lookup says "No server named 'x'"
 * (RPC domain); the dispatchers of the set calls and of client info
 * (@redone) replace that with "no server with matching name 'x' found"
 * (admin domain).
 */
static struct rpc_server *
adm_server(struct rpc_call *call, const char *name, bool redone)
{
    struct rpc_server *s = rpc_server_find(name);

    if (s)
        return s;
    if (redone)
        err_set(&call->err, ERR_NO_SERVER, ERRDOM_ADMIN,
                "no server with matching name '%s' found", name);
    else
        err_set(&call->err, ERR_NO_SERVER, ERRDOM_RPC,
                "No server named '%s'", name);
    return NULL;
}

/* Client @id of @s into *out: 0, or -1 with the error set (worded as the
 * server's lookup does, or as client info's dispatcher, @redone). */
static int
adm_client(struct rpc_call *call, struct rpc_server *s, int64_t id,
           bool redone, struct rpc_client_info *out)
{
    unsigned long long num = (unsigned long long)id;

    if (rpc_server_client_info(s, (uint64_t)id, out) == 0)
        return 0;
    if (redone)
        err_set(&call->err, ERR_NO_CLIENT, ERRDOM_ADMIN,
                "no client with matching id '%llu' found", num);
    else
        err_set(&call->err, ERR_NO_CLIENT, ERRDOM_RPC,
                "No client with matching ID '%llu'", num);
    return -1;
}

/* @n zeroed values from the call's arena as the array in @v. */
static struct xval *
adm_array(struct rpc_call *call, struct xval *v, size_t n)
{
    v->present = true;
    v->n = (uint32_t)n;
    v->a = arena_alloc(call->arena, sizeof(struct xval) * (n ? n : 1));
    if (!v->a)
        err_set(&call->err, ERR_NO_MEMORY, ERRDOM_NONE, NULL);
    return v->a;
}

static void
adm_set_u(struct xval *v, uint64_t val)
{
    v->present = true;
    v->i = (int64_t)val;
}

/* A client as admin_nonnull_client. */
static void
adm_set_client(struct xval *v, struct rpc_server *s,
               const struct rpc_client_info *ci)
{
    v->present = true;
    v->s = rpc_server_name(s);
    v->i = (int64_t)ci->id;
    v->j = ci->timestamp;
    v->n = (uint32_t)ci->transport;
}

typedef int adm_apply_fn(struct rpc_call *call, struct rpc_server *s,
                         const struct xval *p, uint32_t n);

/*
 * A set call (args "A:srv T[32]:params u:flags") in libvirtd's order: the
 * server, the flags (@fn names the function in the message), the
 * parameters against @keys; then @apply checks the values against the
 * current ones and applies them, under adm_set_lock.
 */
static int
adm_set_params(struct rpc_call *call, const char *fn,
               const struct drv_tparam_key *keys, size_t nkeys, adm_apply_fn *apply)
{
    struct rpc_server *s = adm_server(call, call->args[0].s, true);
    const struct xval *p = call->args[1].a;
    uint32_t n = call->args[1].n;
    int rc;

    if (!s || adm_no_flags(call, call->args[2].i, fn) < 0 ||
        adm_params_check(&call->err, p, n, keys, nkeys) < 0)
        return -1;
    pthread_mutex_lock(&adm_set_lock);
    rc = apply(call, s, p, n);
    pthread_mutex_unlock(&adm_set_lock);
    return rc;
}

/* -- connection --------------------------------------------------------- */

static int
adm_connect_open(struct rpc_call *call)
{
    if (adm_no_flags(call, call->args[0].i, "adminDispatchConnectOpen") < 0)
        return -1;
    rpc_client_set_open(call->client, true);
    return 0;
}

static int
adm_connect_close(struct rpc_call *call)
{
    call->close_after = true;
    return 0;
}

static int
adm_get_lib_version(struct rpc_call *call)
{
    adm_set_u(&call->ret[0], ADM_LIB_VERSION);
    return 0;
}

/* -- servers ------------------------------------------------------------ */

static int
adm_list_servers(struct rpc_call *call)
{
    struct rpc_server **list;
    size_t n, cap;
    struct xval *a;

    if (adm_no_flags(call, call->args[1].i, "adminConnectListServers") < 0)
        return -1;
    /* servers are created at start-up only: the count is stable */
    cap = rpc_server_list(NULL, 0);
    if (cap > ADM_SERVER_LIST_MAX) {
        err_set(&call->err, ERR_RPC, ERRDOM_RPC,
                "Too many servers '%zu' for limit '%d'", cap,
                ADM_SERVER_LIST_MAX);
        return -1;
    }
    list = arena_alloc(call->arena, sizeof(*list) * (cap ? cap : 1));
    if (!list) {
        err_set(&call->err, ERR_NO_MEMORY, ERRDOM_NONE, NULL);
        return -1;
    }
    n = rpc_server_list(list, cap);
    if (n > cap)
        n = cap;
    if (!(a = adm_array(call, &call->ret[0], call->args[0].i ? n : 0)))
        return -1;
    for (size_t i = 0; i < call->ret[0].n; i++) {
        a[i].present = true;
        a[i].s = rpc_server_name(list[i]);
    }
    adm_set_u(&call->ret[1], n);
    return 0;
}

/* libvirtd never checks this call's flags (its check tests the flags
 * against themselves), so neither do we. */
static int
adm_lookup_server(struct rpc_call *call)
{
    struct rpc_server *s = adm_server(call, call->args[0].s, false);

    if (!s)
        return -1;
    call->ret[0].present = true;
    call->ret[0].s = rpc_server_name(s);
    return 0;
}

/* -- worker pools ------------------------------------------------------- */

static int
adm_get_threadpool(struct rpc_call *call)
{
    struct rpc_server *s = adm_server(call, call->args[0].s, false);
    struct pool_stats st;
    struct xval *p;

    if (!s || adm_no_flags(call, call->args[1].i,
                           "adminServerGetThreadPoolParameters") < 0)
        return -1;
    if (!(p = adm_array(call, &call->ret[0], 6)))
        return -1;
    rpc_server_get_pool(s, &st);
    adm_param_set_uint(&p[0], "minWorkers", st.min_workers);
    adm_param_set_uint(&p[1], "maxWorkers", st.max_workers);
    adm_param_set_uint(&p[2], "nWorkers", st.n_workers);
    adm_param_set_uint(&p[3], "freeWorkers", st.free_workers);
    adm_param_set_uint(&p[4], "prioWorkers", st.prio_workers);
    adm_param_set_uint(&p[5], "jobQueueDepth", st.job_queue_depth);
    return 0;
}

static const struct drv_tparam_key adm_pool_keys[] = {
    { "maxWorkers", ADM_PARAM_UINT },
    { "minWorkers", ADM_PARAM_UINT },
    { "prioWorkers", ADM_PARAM_UINT },
};

/*
 * libvirt's virThreadPoolSetParameters() rules, in its order, for the
 * values given (the others keep their current targets). An adm_apply_fn.
 */
static int
adm_pool_apply(struct rpc_call *call, struct rpc_server *s,
               const struct xval *p, uint32_t n)
{
    struct pool_limits cur, lim;
    bool has_max;
    int rc;

    rpc_server_get_pool_limits(s, &cur);
    lim = cur;
    adm_param_uint(p, n, "minWorkers", &lim.min_workers);
    has_max = adm_param_uint(p, n, "maxWorkers", &lim.max_workers);
    adm_param_uint(p, n, "prioWorkers", &lim.prio_workers);
    if (lim.min_workers > lim.max_workers) {
        err_set(&call->err, ERR_INVALID_ARG, ERRDOM_NONE,
                "minWorkers cannot be larger than maxWorkers");
        return -1;
    }
    if (has_max && (lim.max_workers == 0) != (cur.max_workers == 0)) {
        err_set(&call->err, ERR_INVALID_ARG, ERRDOM_NONE, "maxWorkers must "
                "not be switched from zero to non-zero and vice versa");
        return -1;
    }
    rc = rpc_server_set_pool(s, &lim);
    if (rc < 0) {
        err_set(&call->err, ERR_SYSTEM_ERROR, ERRDOM_NONE,
                "cannot change the workers of server '%s': %s",
                rpc_server_name(s), strerror(-rc));
        return -1;
    }
    log_info(SRC, "server '%s': workers min %u max %u prio %u",
             rpc_server_name(s), lim.min_workers, lim.max_workers,
             lim.prio_workers);
    return 0;
}

static int
adm_set_threadpool(struct rpc_call *call)
{
    return adm_set_params(call, "adminServerSetThreadPoolParameters",
                          adm_pool_keys, 3, adm_pool_apply);
}

/* -- clients ------------------------------------------------------------ */

static int
adm_list_clients(struct rpc_call *call)
{
    struct rpc_server *s = adm_server(call, call->args[0].s, false);
    struct rpc_client_info *ci;
    size_t n, cap;
    struct xval *a;

    if (!s || adm_no_flags(call, call->args[2].i,
                           "adminServerListClients") < 0)
        return -1;
    /* room for a few more than now; later arrivals are left out */
    cap = rpc_server_list_clients(s, NULL, 0) + 16;
    if (cap > ADM_CLIENT_LIST_MAX + 1)
        cap = ADM_CLIENT_LIST_MAX + 1;
    ci = arena_alloc(call->arena, sizeof(*ci) * cap);
    if (!ci) {
        err_set(&call->err, ERR_NO_MEMORY, ERRDOM_NONE, NULL);
        return -1;
    }
    n = rpc_server_list_clients(s, ci, cap);
    if (n > cap)
        n = cap;
    if (n > ADM_CLIENT_LIST_MAX) {
        err_set(&call->err, ERR_RPC, ERRDOM_RPC,
                "Too many clients '%zu' for limit '%d'", n,
                ADM_CLIENT_LIST_MAX);
        return -1;
    }
    if (!(a = adm_array(call, &call->ret[0], call->args[1].i ? n : 0)))
        return -1;
    for (size_t i = 0; i < call->ret[0].n; i++)
        adm_set_client(&a[i], s, &ci[i]);
    adm_set_u(&call->ret[1], n);
    return 0;
}

static int
adm_lookup_client(struct rpc_call *call)
{
    struct rpc_server *s = adm_server(call, call->args[0].s, false);
    struct rpc_client_info ci;

    if (!s || adm_no_flags(call, call->args[2].i,
                           "adminServerLookupClient") < 0 ||
        adm_client(call, s, call->args[1].i, false, &ci) < 0)
        return -1;
    adm_set_client(&call->ret[0], s, &ci);
    return 0;
}

/*
 * The name of user @uid (@group false) or group @uid (@group true), copied
 * into the call's arena; NULL with the error set when there is none:
 * libvirtd cannot build the client's identity then and fails the call.
 */
static const char *
adm_id_name(struct rpc_call *call, unsigned id, bool group)
{
    size_t len = 1024;
    const char *name = NULL;
    char *buf = NULL;
    int rc = ERANGE;

    while (rc == ERANGE && len <= ADM_PW_BUF_MAX) {
        char *nbuf = realloc(buf, len);
        struct passwd pw, *pwp = NULL;
        struct group gr, *grp = NULL;

        if (!nbuf)
            break;
        buf = nbuf;
        if (group) {
            rc = getgrgid_r((gid_t)id, &gr, buf, len, &grp);
            name = grp ? arena_strdup(call->arena, grp->gr_name) : NULL;
        } else {
            rc = getpwuid_r((uid_t)id, &pw, buf, len, &pwp);
            name = pwp ? arena_strdup(call->arena, pwp->pw_name) : NULL;
        }
        len *= 2;
    }
    free(buf);
    if (!name)
        err_set(&call->err, ERR_INTERNAL_ERROR, ERRDOM_NONE,
                "Failed to find %s record for %s '%u'",
                group ? "group" : "user", group ? "gid" : "uid", id);
    return name;
}

/* The identity parameters of a UNIX client, after "readonly". Returns
 * how many were filled (0 when the peer's credentials are unknown), or
 * -1 with the error set. */
static int
adm_unix_identity(struct rpc_call *call, const struct rpc_client_info *ci,
                  struct xval *p)
{
    const char *user, *group;

    if (!ci->has_cred)
        return 0;
    if (!(user = adm_id_name(call, ci->uid, false)) ||
        !(group = adm_id_name(call, ci->gid, true)))
        return -1;
    adm_param_set_int(&p[0], "unix_user_id", (int)ci->uid);
    adm_param_set_string(&p[1], "unix_user_name", user);
    adm_param_set_int(&p[2], "unix_group_id", (int)ci->gid);
    adm_param_set_string(&p[3], "unix_group_name", group);
    adm_param_set_int(&p[4], "unix_process_id", (int)ci->pid);
    return 5;
}

static int
adm_client_info(struct rpc_call *call)
{
    const struct xval *k = &call->args[0];
    struct rpc_server *s = adm_server(call, k->s, true);
    struct rpc_client_info ci;
    struct xval *p;
    int n = 1;

    if (!s || adm_client(call, s, k->i, true, &ci) < 0 ||
        adm_no_flags(call, call->args[1].i, "adminClientGetInfo") < 0 ||
        !(p = adm_array(call, &call->ret[0], 6)))
        return -1;
    adm_param_set_bool(&p[0], "readonly", ci.readonly);
    if (ci.transport == RPC_TRANSPORT_UNIX) {
        int m = adm_unix_identity(call, &ci, &p[1]);

        if (m < 0)
            return -1;
        n += m;
    } else {
        const char *addr = arena_strdup(call->arena, ci.sock_addr);

        if (!addr) {
            err_set(&call->err, ERR_NO_MEMORY, ERRDOM_NONE, NULL);
            return -1;
        }
        adm_param_set_string(&p[n++], "sock_addr", addr);
    }
    call->ret[0].n = (uint32_t)n;
    return 0;
}

static int
adm_client_close(struct rpc_call *call)
{
    const struct xval *k = &call->args[0];
    struct rpc_server *s = adm_server(call, k->s, false);
    struct rpc_client_info ci;

    if (!s || adm_client(call, s, k->i, false, &ci) < 0 ||
        adm_no_flags(call, call->args[1].i, "adminClientClose") < 0)
        return -1;
    /* gone in between: the close is a no-op then, as in libvirtd */
    if (rpc_server_close_client(s, ci.id) == -ENOMEM) {
        err_set(&call->err, ERR_NO_MEMORY, ERRDOM_NONE, NULL);
        return -1;
    }
    log_info(SRC, "server '%s': client %llu closed by the administrator",
             rpc_server_name(s), (unsigned long long)ci.id);
    return 0;
}

/* -- client limits ------------------------------------------------------ */

static int
adm_get_client_limits(struct rpc_call *call)
{
    struct rpc_server *s = adm_server(call, call->args[0].s, false);
    unsigned max, n, unauth_max, unauth;
    struct xval *p;

    if (!s || adm_no_flags(call, call->args[1].i,
                           "adminServerGetClientLimits") < 0 ||
        !(p = adm_array(call, &call->ret[0], 4)))
        return -1;
    rpc_server_get_client_limits(s, &max, &n, &unauth_max, &unauth);
    adm_param_set_uint(&p[0], "nclients_max", max);
    adm_param_set_uint(&p[1], "nclients", n);
    adm_param_set_uint(&p[2], "nclients_unauth_max", unauth_max);
    adm_param_set_uint(&p[3], "nclients_unauth", unauth);
    return 0;
}

static const struct drv_tparam_key adm_limit_keys[] = {
    { "nclients_max", ADM_PARAM_UINT },
    { "nclients_unauth_max", ADM_PARAM_UINT },
};

/* libvirt's virNetServerSetClientLimits() rule for the values given (the
 * others kept). An adm_apply_fn. */
static int
adm_limits_apply(struct rpc_call *call, struct rpc_server *s,
                 const struct xval *p, uint32_t n)
{
    unsigned max, cur, unauth_max, unauth;

    rpc_server_get_client_limits(s, &max, &cur, &unauth_max, &unauth);
    adm_param_uint(p, n, "nclients_max", &max);
    adm_param_uint(p, n, "nclients_unauth_max", &unauth_max);
    if (max < unauth_max) {
        err_set(&call->err, ERR_INVALID_ARG, ERRDOM_RPC,
                "The overall maximum number of clients waiting for "
                "authentication must not be less than the overall maximum "
                "number of clients");
        return -1;
    }
    rpc_server_set_client_limits(s, max, unauth_max);
    log_info(SRC, "server '%s': max_clients %u max_anonymous_clients %u",
             rpc_server_name(s), max, unauth_max);
    return 0;
}

static int
adm_set_client_limits(struct rpc_call *call)
{
    return adm_set_params(call, "adminServerSetClientLimits",
                          adm_limit_keys, 2, adm_limits_apply);
}

/* -- logging and the daemon --------------------------------------------- */

/* A malloc'ed string from core/log.h into ret @v (freed here); @absent:
 * an empty string is sent as an absent optional string. */
static int
adm_set_log_string(struct rpc_call *call, struct xval *v, char *s,
                   bool absent)
{
    v->present = !absent;
    v->s = absent || !s ? NULL : arena_strdup(call->arena, s);
    free(s);
    if (!absent && !v->s) {
        err_set(&call->err, ERR_NO_MEMORY, ERRDOM_NONE, NULL);
        return -1;
    }
    return 0;
}

static int
adm_get_log_outputs(struct rpc_call *call)
{
    unsigned n = 0;

    if (adm_no_flags(call, call->args[0].i,
                     "adminConnectGetLoggingOutputs") < 0 ||
        adm_set_log_string(call, &call->ret[0], log_get_outputs(&n),
                           false) < 0)
        return -1;
    adm_set_u(&call->ret[1], n);
    return 0;
}

static int
adm_get_log_filters(struct rpc_call *call)
{
    unsigned n = 0;
    char *s;

    if (adm_no_flags(call, call->args[0].i,
                     "adminConnectGetLoggingFilters") < 0)
        return -1;
    s = log_get_filters(&n);
    if (adm_set_log_string(call, &call->ret[0], s, n == 0) < 0)
        return -1;
    adm_set_u(&call->ret[1], n);
    return 0;
}

typedef int adm_log_check_fn(const char *text, struct err *e, char **norm);

/* Args "S:text u:flags": the flags (@fn names the function in the
 * message), then @text checked as libvirtd would and its canonical form
 * applied with @set. @what names the setting in the message for a string
 * that core/log.h still refuses. */
static int
adm_set_log(struct rpc_call *call, const char *fn, adm_log_check_fn *check,
            int (*set)(const char *), const char *what)
{
    const char *text = call->args[0].s;
    char *norm = NULL;
    int rc;

    if (adm_no_flags(call, call->args[1].i, fn) < 0)
        return -1;
    rc = check(text, &call->err, &norm);

    if (rc == -ENOMEM)
        err_set(&call->err, ERR_NO_MEMORY, ERRDOM_NONE, NULL);
    if (rc < 0)
        return -1;
    rc = set(norm);
    free(norm);
    if (rc == -EINVAL)
        err_set(&call->err, ERR_INVALID_ARG, ERRDOM_NONE,
                "Malformed format for %s '%s'", what, text ? text : "");
    else if (rc < 0)
        err_set(&call->err, ERR_SYSTEM_ERROR, ERRDOM_NONE,
                "cannot apply %s '%s': %s", what, text ? text : "",
                strerror(-rc));
    return rc < 0 ? -1 : 0;
}

static int
adm_set_log_outputs(struct rpc_call *call)
{
    return adm_set_log(call, "adminConnectSetLoggingOutputs",
                       adm_log_outputs, log_set_outputs, "log output");
}

static int
adm_set_log_filters(struct rpc_call *call)
{
    return adm_set_log(call, "adminConnectSetLoggingFilters",
                       adm_log_filters, log_set_filters, "filter");
}

static int
adm_set_daemon_timeout(struct rpc_call *call)
{
    if (adm_no_flags(call, call->args[1].i,
                     "adminConnectSetDaemonTimeout") < 0)
        return -1;
    daemon_set_timeout((unsigned)call->args[0].i);
    return 0;
}

/* -- the program -------------------------------------------------------- */

#define ADM_PROG 0x06900690u
#define NO_OPEN RPC_PROC_NO_OPEN

static const struct rpc_proc adm_procs[] = {
    { 1, "CONNECT_OPEN", "u:flags", "", NO_OPEN, NULL, adm_connect_open },
    { 2, "CONNECT_CLOSE", "", "", NO_OPEN, NULL, adm_connect_close },
    { 3, "CONNECT_GET_LIB_VERSION", "", "H:libVer", NO_OPEN, NULL,
      adm_get_lib_version },
    { 4, "CONNECT_LIST_SERVERS", "u:need_results u:flags",
      "A[16384]:servers u:ret", NO_OPEN, NULL, adm_list_servers },
    { 5, "CONNECT_LOOKUP_SERVER", "s:name u:flags", "A:srv", NO_OPEN, NULL,
      adm_lookup_server },
    { 6, "SERVER_GET_THREADPOOL_PARAMETERS", "A:srv u:flags",
      "T[32]:params", NO_OPEN, NULL, adm_get_threadpool },
    { 7, "SERVER_SET_THREADPOOL_PARAMETERS", "A:srv T[32]:params u:flags",
      "", NO_OPEN, NULL, adm_set_threadpool },
    { 8, "SERVER_LIST_CLIENTS", "A:srv u:need_results u:flags",
      "K[16384]:clients u:ret", NO_OPEN, NULL, adm_list_clients },
    { 9, "SERVER_LOOKUP_CLIENT", "A:srv H:id u:flags", "K:clnt", NO_OPEN,
      NULL, adm_lookup_client },
    { 10, "CLIENT_GET_INFO", "K:clnt u:flags", "T[64]:params", NO_OPEN, NULL,
      adm_client_info },
    { 11, "CLIENT_CLOSE", "K:clnt u:flags", "", NO_OPEN, NULL,
      adm_client_close },
    { 12, "SERVER_GET_CLIENT_LIMITS", "A:srv u:flags", "T[32]:params",
      NO_OPEN, NULL, adm_get_client_limits },
    { 13, "SERVER_SET_CLIENT_LIMITS", "A:srv T[32]:params u:flags", "",
      NO_OPEN, NULL, adm_set_client_limits },
    { 14, "CONNECT_GET_LOGGING_OUTPUTS", "u:flags", "s:outputs u:noutputs",
      NO_OPEN, NULL, adm_get_log_outputs },
    { 15, "CONNECT_GET_LOGGING_FILTERS", "u:flags", "S:filters u:nfilters",
      NO_OPEN, NULL, adm_get_log_filters },
    { 16, "CONNECT_SET_LOGGING_OUTPUTS", "S:outputs u:flags", "", NO_OPEN,
      NULL, adm_set_log_outputs },
    { 17, "CONNECT_SET_LOGGING_FILTERS", "S:filters u:flags", "", NO_OPEN,
      NULL, adm_set_log_filters },
    /* TLS is not served: a call gets "unknown procedure: 18" */
    { 18, "SERVER_UPDATE_TLS_FILES", "A:srv u:flags", "", NO_OPEN, NULL,
      NULL },
    { 19, "CONNECT_SET_DAEMON_TIMEOUT", "u:timeout u:flags", "", NO_OPEN,
      NULL, adm_set_daemon_timeout },
};

const struct rpc_prog rpc_prog_admin = {
    .prog = ADM_PROG,
    .vers = 1,
    .name = "admin",
    .procs = adm_procs,
    .nprocs = sizeof(adm_procs) / sizeof(adm_procs[0]),
};
