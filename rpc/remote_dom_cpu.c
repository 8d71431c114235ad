/*
 * remote_dom_cpu.c: REMOTE handlers for CPU maps and vCPUs: the host's CPU
 * map, the vCPU and emulator pinning, and the running vCPUs. Each makes
 * libvirtd's dispatcher checks (buffer bounds, in its order) and the
 * public API's before asking the driver. Worker threads.
 */
#include "rpc/remote_priv.h"

#include <string.h>

#define REMOTE_CPUMAP_MAX   2048        /* one map */
#define REMOTE_CPUMAPS_MAX  8388608     /* all maps of a reply */
#define REMOTE_VCPUINFO_MAX 16384

REMOTE_PROC(remote_dom_get_vcpu_pin_info)
{
    static const char api[] = "virDomainGetVcpuPinInfo";
    int64_t ncpumaps = call->args[1].i, maplen = call->args[2].i;
    unsigned flags = (unsigned)call->args[3].i;
    struct drv_dom d;
    uint8_t *maps;
    int num;

    /* the dispatcher's bounds (in its order), then the public API's
     * checks; with maplen 0 the dispatcher passes no buffer */
    if (ncpumaps > REMOTE_VCPUINFO_MAX)
        return remote_internal_error(call, "ncpumaps > REMOTE_VCPUINFO_MAX");
    if (ncpumaps < 0)
        return remote_internal_error(call, "ncpumaps must be non-negative");
    if (maplen < 0)
        return remote_internal_error(call, "maplen must be non-negative");
    if (ncpumaps * maplen > REMOTE_CPUMAPS_MAX)
        return remote_internal_error(call,
                                     "maxinfo * maplen > REMOTE_CPUMAPS_MAX");
    if (ncpumaps == 0)
        return remote_bad_arg(call, "ncpumaps in %s must be greater than "
                              "zero", api);
    if (maplen == 0)
        return remote_bad_arg(call, "cpumaps in %s must not be NULL", api);
    if (remote_affect_check(call, flags) < 0)
        return -1;
    REMOTE_NEED(dom_get_vcpu_pin_info, ERRDOM_DOMAIN, api);
    if (!(maps = arena_alloc(call->arena, (size_t)(ncpumaps * maplen))))
        return remote_internal_error(call, "out of memory");
    memset(maps, 0, (size_t)(ncpumaps * maplen));
    remote_arg_dom(&call->args[0], &d);
    if (c->ops->dom_get_vcpu_pin_info(c, &d, (int)ncpumaps, (int)maplen,
                                      maps, flags, &num, &call->err) < 0)
        return -1;
    call->ret[0].uuid = maps;
    call->ret[0].n = (uint32_t)(ncpumaps * maplen);
    call->ret[1].i = num;
    return 0;
}

REMOTE_PROC(remote_dom_get_emulator_pin_info)
{
    static const char api[] = "virDomainGetEmulatorPinInfo";
    int64_t maplen = call->args[1].i;
    unsigned flags = (unsigned)call->args[2].i;
    struct drv_dom d;
    uint8_t *map;

    if (maplen < 0)
        return remote_internal_error(call, "maplen must be non-negative");
    /* libvirtd allocates any size and then fails to encode the reply;
     * virtd answers that failure without the allocation */
    if (maplen > REMOTE_CPUMAPS_MAX)
        return remote_rpc_error(call, "Unable to encode message payload");
    if (maplen == 0)
        return remote_bad_arg(call, "cpumap in %s must not be NULL", api);
    if (remote_affect_check(call, flags) < 0)
        return -1;
    REMOTE_NEED(dom_get_emulator_pin_info, ERRDOM_DOMAIN, api);
    if (!(map = arena_alloc(call->arena, (size_t)maplen)))
        return remote_internal_error(call, "out of memory");
    remote_arg_dom(&call->args[0], &d);
    if (c->ops->dom_get_emulator_pin_info(c, &d, (int)maplen, map, flags,
                                          &call->err) < 0)
        return -1;
    call->ret[0].uuid = map;
    call->ret[0].n = (uint32_t)maplen;
    call->ret[1].i = 1;
    return 0;
}

REMOTE_PROC(remote_node_get_cpu_map)
{
    uint8_t *map = NULL;
    unsigned online = 0;
    int ncpus;

    REMOTE_NEED(node_get_cpu_map, ERRDOM_DOMAIN, "virNodeGetCPUMap");
    if (call->args[0].i &&
        !(map = arena_alloc(call->arena, REMOTE_CPUMAP_MAX)))
        return remote_internal_error(call, "out of memory");
    if (c->ops->node_get_cpu_map(c, (unsigned)call->args[2].i, map,
                                 map ? REMOTE_CPUMAP_MAX : 0, &online, &ncpus,
                                 &call->err) < 0)
        return -1;
    if (map) {
        call->ret[0].uuid = map;
        call->ret[0].n = (uint32_t)(ncpus + 7) / 8;
    }
    call->ret[1].i = call->args[1].i ? online : 0;
    call->ret[2].i = ncpus;
    return 0;
}

REMOTE_PROC(remote_dom_get_vcpus)
{
    static const char api[] = "virDomainGetVcpus";
    int64_t maxinfo = call->args[1].i, maplen = call->args[2].i;
    struct drv_vcpu_info *info;
    struct xval *m;
    uint8_t *maps = NULL;
    struct drv_dom d;
    int n;

    if (maxinfo > REMOTE_VCPUINFO_MAX)
        return remote_internal_error(call, "maxinfo > REMOTE_VCPUINFO_MAX");
    /* libvirtd names maxinfo for a negative maplen too */
    if (maxinfo < 0 || maplen < 0)
        return remote_internal_error(call, "maxinfo must be non-negative");
    if (maxinfo * maplen > REMOTE_CPUMAPS_MAX)
        return remote_internal_error(call,
                                     "maxinfo * maplen > REMOTE_CPUMAPS_MAX");
    if (maxinfo == 0)
        return remote_bad_arg(call, "info in %s must not be NULL", api);
    REMOTE_NEED(dom_get_vcpus, ERRDOM_DOMAIN, api);
    info = arena_alloc(call->arena, (size_t)maxinfo * sizeof(*info));
    if (maplen > 0)
        maps = arena_alloc(call->arena, (size_t)(maxinfo * maplen));
    if (!info || (maplen > 0 && !maps))
        return remote_internal_error(call, "out of memory");
    if (maps)
        memset(maps, 0, (size_t)(maxinfo * maplen));
    remote_arg_dom(&call->args[0], &d);
    if (c->ops->dom_get_vcpus(c, &d, (int)maxinfo, (int)maplen, info, maps,
                              &n, &call->err) < 0)
        return -1;
    if (!(m = remote_struct_array(call, &call->ret[0], n, 4)))
        return -1;
    for (int i = 0; i < n; i++, m += 4) {
        m[0].i = info[i].number;
        m[1].i = info[i].state;
        m[2].i = (int64_t)info[i].cpu_time;
        m[3].i = info[i].cpu;
    }
    call->ret[1].uuid = maps;
    call->ret[1].n = (uint32_t)(maxinfo * maplen);
    return 0;
}

/* The public API's checks on a map to pin to. */
static int
remote_pin_checks(struct rpc_call *call, const struct xval *map,
                  const char *api)
{
    /* an empty opaque arrives as no buffer at all */
    if (map->n == 0)
        return remote_bad_arg(call, "cpumap in %s must not be NULL", api);
    return 0;
}

/* DOMAIN_PIN_VCPU (no flags) and DOMAIN_PIN_VCPU_FLAGS; read-only clients
 * are refused by the server (RPC_PROC_RO_DENY). */
REMOTE_PROC(remote_dom_pin_vcpu)
{
    const struct xval *map = &call->args[2];
    unsigned flags = xval_count(call->proc->args) > 3
                         ? (unsigned)call->args[3].i : 0;
    struct drv_dom d;

    /* no LIVE/CONFIG exclusion here: the driver refuses such flags */
    if (remote_pin_checks(call, map, call->proc->api) < 0)
        return -1;
    REMOTE_NEED(dom_pin_vcpu, ERRDOM_DOMAIN, call->proc->api);
    remote_arg_dom(&call->args[0], &d);
    return c->ops->dom_pin_vcpu(c, &d, (unsigned)call->args[1].i, map->uuid,
                                (int)map->n, flags, &call->err);
}

/* Read-only clients are refused by the server (RPC_PROC_RO_DENY). */
REMOTE_PROC(remote_dom_pin_emulator)
{
    const struct xval *map = &call->args[1];
    unsigned flags = (unsigned)call->args[2].i;
    struct drv_dom d;

    if (remote_pin_checks(call, map, "virDomainPinEmulator") < 0 ||
        remote_affect_check(call, flags) < 0)
        return -1;
    REMOTE_NEED(dom_pin_emulator, ERRDOM_DOMAIN, "virDomainPinEmulator");
    remote_arg_dom(&call->args[0], &d);
    return c->ops->dom_pin_emulator(c, &d, map->uuid, (int)map->n, flags,
                                    &call->err);
}

#define REMOTE_SEND_KEY_MAX 16           /* REMOTE_DOMAIN_SEND_KEY_MAX */
#define REMOTE_KEYCODE_SETS 10           /* VIR_KEYCODE_SET_LAST */
#define REMOTE_CPU_STATS_NPARAMS_MAX 16   /* REMOTE_NODE_CPU_STATS_MAX */
#define REMOTE_CPU_STATS_NCPUS_MAX 128    /* ..._GET_CPU_STATS_NCPUS_MAX */

/*
 * DOMAIN_GET_CPU_STATS: the public API's argument checks, then the
 * driver's nparams * ncpus slots; nparams 0 answers only a count, and
 * the slots a CPU leaves empty are not sent (libvirtd skips them).
 */
REMOTE_PROC(remote_dom_get_cpu_stats)
{
    unsigned nparams = (unsigned)call->args[1].i;
    int start = (int)call->args[2].i;
    unsigned ncpus = (unsigned)call->args[3].i;
    unsigned flags = (unsigned)call->args[4].i;
    struct drv_tparam *params = NULL;
    size_t slots = (size_t)nparams * ncpus, k = 0;
    struct drv_dom d;
    int rv;

    if (nparams > REMOTE_CPU_STATS_NPARAMS_MAX)
        return remote_internal_error(call, "nparams too large");
    if (ncpus > REMOTE_CPU_STATS_NCPUS_MAX)
        return remote_internal_error(call, "ncpus too large");
    if (start == -1 && ncpus != 1)
        return remote_bad_arg(call, "ncpus must be 1 when start_cpu is -1");
    if (start < -1)
        return remote_bad_arg(call, "start_cpu in virDomainGetCPUStats must "
                              "be zero or greater");
    if (slots && !(params = arena_alloc(call->arena,
                                        slots * sizeof(*params)))) {
        err_set(&call->err, ERR_NO_MEMORY, ERRDOM_NONE, NULL);
        return -1;
    }
    REMOTE_NEED(dom_get_cpu_stats, ERRDOM_DOMAIN, "virDomainGetCPUStats");
    remote_arg_dom(&call->args[0], &d);
    rv = c->ops->dom_get_cpu_stats(c, &d, params, nparams, start, ncpus,
                                   remote_tp_flags(c, flags), &call->err);
    if (rv < 0)
        return -1;
    call->ret[1].i = rv;
    /* the slots the driver left empty (CPUs past the last) are not sent */
    for (size_t i = 0; i < slots; i++)
        if (params[i].field)
            params[k++] = params[i];
    return remote_set_tparams(call, &call->ret[0], params, (int)k);
}

/* Read-only clients are refused by the server (RPC_PROC_RO_DENY). */
REMOTE_PROC(remote_dom_set_lifecycle_action)
{
    struct drv_dom d;

    REMOTE_NEED(dom_set_lifecycle_action, ERRDOM_DOMAIN,
                "virDomainSetLifecycleAction");
    remote_arg_dom(&call->args[0], &d);
    return c->ops->dom_set_lifecycle_action(c, &d, (unsigned)call->args[1].i,
                                            (unsigned)call->args[2].i,
                                            (unsigned)call->args[3].i,
                                            &call->err);
}

/* Read-only clients are refused by the server (RPC_PROC_RO_DENY). */
REMOTE_PROC(remote_dom_send_key)
{
    const struct xval *kv = &call->args[3];
    unsigned codes[REMOTE_SEND_KEY_MAX];
    unsigned codeset = (unsigned)call->args[1].i;
    struct drv_dom d;

    /* the public API's checks (an empty array reaches it as NULL) */
    if (kv->n == 0)
        return remote_bad_arg(call, "keycodes in virDomainSendKey must not "
                              "be NULL");
    if (codeset >= REMOTE_KEYCODE_SETS)
        return remote_bad_arg(call, "Unsupported codeset '%d'", (int)codeset);
    REMOTE_NEED(dom_send_key, ERRDOM_DOMAIN, "virDomainSendKey");
    for (uint32_t i = 0; i < kv->n && i < REMOTE_SEND_KEY_MAX; i++)
        codes[i] = (unsigned)kv->a[i].i;
    remote_arg_dom(&call->args[0], &d);
    return c->ops->dom_send_key(c, &d, codeset, (unsigned)call->args[2].i,
                                codes, (int)kv->n, (unsigned)call->args[4].i,
                                &call->err);
}

/* The public API checks the pid before it refuses a read-only client. */
REMOTE_PROC(remote_dom_send_process_signal)
{
    struct drv_dom d;

    if (call->args[1].i == 0)
        return remote_bad_arg(call, "pid_value in virDomainSendProcessSignal "
                              "must not be zero");
    if (rpc_client_readonly(call->client)) {
        err_set(&call->err, ERR_OPERATION_DENIED, ERRDOM_DOMAIN,
                "read only access prevents virDomainSendProcessSignal");
        return -1;
    }
    REMOTE_NEED(dom_send_process_signal, ERRDOM_DOMAIN,
                "virDomainSendProcessSignal");
    remote_arg_dom(&call->args[0], &d);
    return c->ops->dom_send_process_signal(c, &d, call->args[1].i,
                                           (unsigned)call->args[2].i,
                                           (unsigned)call->args[3].i,
                                           &call->err);
}
