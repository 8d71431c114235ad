/*
 * remote_host.c: REMOTE handlers for the connection-wide and host calls
 * (type, versions, host name, node info, capabilities, sysinfo, free
 * memory, CPU stats, CPU models, security model). Each checks the
 * arguments as libvirtd's dispatcher and public API do, then asks the
 * driver. Worker threads.
 */
#include "rpc/remote_priv.h"

#include <string.h>

REMOTE_PROC(remote_get_type)
{
    call->ret[0].s = c->ops->type ? c->ops->type : c->ops->name;
    return 0;
}

REMOTE_PROC(remote_get_version)
{
    uint64_t ver;

    REMOTE_NEED(get_version, ERRDOM_DOMAIN, "virConnectGetVersion");
    if (c->ops->get_version(c, &ver, &call->err) < 0)
        return -1;
    call->ret[0].i = (int64_t)ver;
    return 0;
}

REMOTE_PROC(remote_get_max_vcpus)
{
    int n;

    REMOTE_NEED(get_max_vcpus, ERRDOM_DOMAIN, "virConnectGetMaxVcpus");
    if (c->ops->get_max_vcpus(c, call->args[0].s, &n, &call->err) < 0)
        return -1;
    call->ret[0].i = n;
    return 0;
}

REMOTE_PROC(remote_node_get_info)
{
    struct drv_node_info info;
    struct xval *r = call->ret;

    REMOTE_NEED(node_get_info, ERRDOM_DOMAIN, "virNodeGetInfo");
    if (c->ops->node_get_info(c, &info, &call->err) < 0)
        return -1;
    r[0].s = arena_strndup(call->arena, info.model, sizeof(info.model));
    if (!r[0].s)
        return remote_internal_error(call, "out of memory");
    r[1].i = (int64_t)info.memory;
    r[2].i = info.cpus;
    r[3].i = info.mhz;
    r[4].i = info.nodes;
    r[5].i = info.sockets;
    r[6].i = info.cores;
    r[7].i = info.threads;
    return 0;
}

/* The string-returning calls without arguments share one shape. */
static int
remote_string_ret(struct rpc_call *call, struct drv_conn *c,
                  int (*fn)(struct drv_conn *, struct arena *, char **,
                            struct err *), const char *api)
{
    char *s;

    if (!fn)
        return remote_unsupported(call, ERRDOM_DOMAIN, api);
    if (fn(c, call->arena, &s, &call->err) < 0)
        return -1;
    call->ret[0].s = s;
    return 0;
}

REMOTE_PROC(remote_get_capabilities)
{
    return remote_string_ret(call, c, c->ops->get_capabilities,
                             "virConnectGetCapabilities");
}

REMOTE_PROC(remote_get_hostname)
{
    return remote_string_ret(call, c, c->ops->get_hostname,
                             "virConnectGetHostname");
}

REMOTE_PROC(remote_get_sysinfo)
{
    char *s;

    REMOTE_NEED(get_sysinfo, ERRDOM_DOMAIN, "virConnectGetSysinfo");
    if (c->ops->get_sysinfo(c, (unsigned)call->args[0].i, call->arena, &s,
                            &call->err) < 0)
        return -1;
    call->ret[0].s = s;
    return 0;
}

REMOTE_PROC(remote_get_uri)
{
    call->ret[0].s = c->uri;
    return 0;
}

REMOTE_PROC(remote_is_secure)
{
    int secure;

    REMOTE_NEED(is_secure, ERRDOM_DOMAIN, "virConnectIsSecure");
    if (c->ops->is_secure(c, &secure, &call->err) < 0)
        return -1;
    call->ret[0].i = secure;
    return 0;
}

REMOTE_PROC(remote_node_get_cells_free_memory)
{
    int64_t start = call->args[0].i, max = call->args[1].i;
    uint64_t *cells;
    struct xval *a;
    int n;

    if (max > REMOTE_NODE_MAX_CELLS)
        return remote_rpc_error(call, "maxcells > REMOTE_NODE_MAX_CELLS");
    if (start < 0)
        return remote_bad_arg(call, "startCell in virNodeGetCellsFreeMemory "
                              "must be zero or greater");
    if (max <= 0)
        return remote_bad_arg(call, "maxCells in virNodeGetCellsFreeMemory "
                              "must be greater than zero");
    REMOTE_NEED(node_get_cells_free_memory, ERRDOM_DOMAIN,
                "virNodeGetCellsFreeMemory");
    if (c->ops->node_get_cells_free_memory(c, (int)start, (int)max,
                                           call->arena, &cells, &n,
                                           &call->err) < 0)
        return -1;
    if (n > max)
        n = (int)max;
    if (!(a = arena_alloc(call->arena, (size_t)(n + 1) * sizeof(*a))))
        return remote_internal_error(call, "out of memory");
    for (int i = 0; i < n; i++) {
        a[i].present = true;
        a[i].i = (int64_t)cells[i];
    }
    call->ret[0].a = a;
    call->ret[0].n = (uint32_t)n;
    return 0;
}

REMOTE_PROC(remote_node_get_free_memory)
{
    uint64_t mem;

    REMOTE_NEED(node_get_free_memory, ERRDOM_DOMAIN, "virNodeGetFreeMemory");
    if (c->ops->node_get_free_memory(c, &mem, &call->err) < 0)
        return -1;
    call->ret[0].i = (int64_t)mem;
    return 0;
}

REMOTE_PROC(remote_node_get_security_model)
{
    struct drv_sec_model m;

    REMOTE_NEED(node_get_security_model, ERRDOM_DOMAIN,
                "virNodeGetSecurityModel");
    if (c->ops->node_get_security_model(c, call->arena, &m, &call->err) < 0)
        return -1;
    call->ret[0].s = m.model;
    call->ret[1].s = m.doi;
    return 0;
}

/* ret: the stats when asked for some, else their count in nparams. */
static int
remote_set_stats(struct rpc_call *call, const struct drv_stat *st, int n,
                 bool counting)
{
    struct xval *a;

    if (counting) {
        call->ret[1].i = n;
        return 0;
    }
    if (!(a = arena_alloc(call->arena, (size_t)(n + 1) * sizeof(*a))))
        return remote_internal_error(call, "out of memory");
    for (int i = 0; i < n; i++) {
        a[i].present = true;
        a[i].s = st[i].field;
        a[i].i = (int64_t)st[i].value;
    }
    call->ret[0].a = a;
    call->ret[0].n = (uint32_t)n;
    return 0;
}

REMOTE_PROC(remote_node_get_cpu_stats)
{
    int64_t cpu = call->args[0].i;
    int n = (int)call->args[1].i;
    struct drv_stat st[REMOTE_NODE_STATS_MAX];

    if (remote_check_nparams(call, call->args[1].i, REMOTE_NODE_STATS_MAX))
        return -1;
    if (cpu < -1)
        return remote_bad_arg(call, "cpuNum in virNodeGetCPUStats only "
                              "accepts -1 as a negative value");
    REMOTE_NEED(node_get_cpu_stats, ERRDOM_DOMAIN, "virNodeGetCPUStats");
    if (c->ops->node_get_cpu_stats(c, (int)cpu, n ? st : NULL, &n,
                                   (unsigned)call->args[2].i,
                                   &call->err) < 0)
        return -1;
    if (n > REMOTE_NODE_STATS_MAX)
        n = REMOTE_NODE_STATS_MAX;
    return remote_set_stats(call, st, n, call->args[1].i == 0);
}

REMOTE_PROC(remote_node_get_memory_stats)
{
    int64_t cell = call->args[1].i;
    int n = (int)call->args[0].i;
    struct drv_stat st[REMOTE_NODE_STATS_MAX];

    if (remote_check_nparams(call, call->args[0].i, REMOTE_NODE_STATS_MAX))
        return -1;
    if (cell < -1)
        return remote_bad_arg(call, "cellNum in virNodeGetMemoryStats only "
                              "accepts -1 as a negative value");
    REMOTE_NEED(node_get_memory_stats, ERRDOM_DOMAIN, "virNodeGetMemoryStats");
    if (c->ops->node_get_memory_stats(c, (int)cell, n ? st : NULL, &n,
                                      (unsigned)call->args[2].i,
                                      &call->err) < 0)
        return -1;
    if (n > REMOTE_NODE_STATS_MAX)
        n = REMOTE_NODE_STATS_MAX;
    return remote_set_stats(call, st, n, call->args[0].i == 0);
}

REMOTE_PROC(remote_get_cpu_model_names)
{
    const char **models;
    int n;

    REMOTE_NEED(get_cpu_model_names, ERRDOM_DOMAIN,
                "virConnectGetCPUModelNames");
    if (c->ops->get_cpu_model_names(c, call->args[0].s,
                                    (unsigned)call->args[2].i, call->arena,
                                    &models, &n, &call->err) < 0)
        return -1;
    if (remote_too_many(call, n, REMOTE_CPU_MODELS_MAX, "CPU models") < 0)
        return -1;
    call->ret[1].i = n;
    if (!call->args[1].i)
        return 0;
    return remote_set_strings(call, &call->ret[0], models, n);
}

REMOTE_PROC(remote_get_domain_capabilities)
{
    const struct xval *a = call->args;
    char *s;

    REMOTE_NEED(get_domain_capabilities, ERRDOM_DOMAIN,
                "virConnectGetDomainCapabilities");
    if (c->ops->get_domain_capabilities(c, a[0].s, a[1].s, a[2].s, a[3].s,
                                        (unsigned)a[4].i, call->arena, &s,
                                        &call->err) < 0)
        return -1;
    call->ret[0].s = s;
    return 0;
}

/* Read-only clients are refused by the server (RPC_PROC_RO_DENY). */
REMOTE_PROC(remote_node_suspend)
{
    /* libvirt-host.c reports in the domain domain */
    REMOTE_NEED(node_suspend, ERRDOM_DOMAIN, "virNodeSuspendForDuration");
    return c->ops->node_suspend(c, (unsigned)call->args[0].i,
                                (uint64_t)call->args[1].i,
                                (unsigned)call->args[2].i, &call->err);
}

#define REMOTE_NODE_MEMORY_PARAMETERS_MAX 64

REMOTE_PROC(remote_node_get_memory_params)
{
    struct drv_tparam params[REMOTE_NODE_MEMORY_PARAMETERS_MAX];
    int n = (int)call->args[0].i;

    if (remote_check_nparams(call, call->args[0].i,
                             REMOTE_NODE_MEMORY_PARAMETERS_MAX) < 0)
        return -1;
    REMOTE_NEED(node_get_memory_params, ERRDOM_DOMAIN,
                "virNodeGetMemoryParameters");
    if (c->ops->node_get_memory_params(c, params, &n,
                                       (unsigned)call->args[1].i,
                                       &call->err) < 0)
        return -1;
    if (call->args[0].i == 0) {
        call->ret[1].i = n;
        return 0;
    }
    return remote_set_tparams(call, &call->ret[0], params, n);
}

/* Read-only clients are refused by the server (RPC_PROC_RO_DENY). */
REMOTE_PROC(remote_node_set_memory_params)
{
    const struct xval *pv = &call->args[0];
    struct drv_tparam params[REMOTE_NODE_MEMORY_PARAMETERS_MAX];

    REMOTE_NEED(node_set_memory_params, ERRDOM_DOMAIN,
                "virNodeSetMemoryParameters");
    remote_tparams_in(pv, params);
    return c->ops->node_set_memory_params(c, params, (int)pv->n,
                                          (unsigned)call->args[1].i,
                                          &call->err);
}
