/*
 * remote_dom_tune.c: REMOTE handlers for domain tunables and statistics
 * (scheduler and memory parameters, block and interface stats), the
 * guest host name and metadata. Typed-parameter calls follow libvirtd's
 * two-step convention: nparams 0 asks for the count. Worker threads.
 */
#include "rpc/remote_priv.h"

#include <string.h>

/* virDomainMetadataType */
#define REMOTE_META_DESCRIPTION 0
#define REMOTE_META_TITLE       1
#define REMOTE_META_ELEMENT     2

unsigned
remote_tp_flags(struct drv_conn *c, unsigned flags)
{
    if (remote_drv_feature(c, REMOTE_FEATURE_TYPED_STRING))
        flags |= REMOTE_TP_STRING_OKAY;
    return flags;
}

REMOTE_PROC(remote_dom_get_scheduler_type)
{
    struct drv_dom d;
    char *type;
    int n;

    REMOTE_NEED(dom_get_scheduler_type, ERRDOM_DOMAIN,
                "virDomainGetSchedulerType");
    remote_arg_dom(&call->args[0], &d);
    if (c->ops->dom_get_scheduler_type(c, &d, call->arena, &type, &n,
                                       &call->err) < 0)
        return -1;
    call->ret[0].s = type;
    call->ret[1].i = n;
    return 0;
}

/* Both scheduler-parameter calls; @api names the public API. */
static int
remote_sched_params(struct rpc_call *call, struct drv_conn *c,
                    unsigned flags, const char *api)
{
    struct drv_tparam params[REMOTE_PARAMS_MAX];
    int n = (int)call->args[1].i;
    struct drv_dom d;

    if (remote_check_nparams(call, call->args[1].i, REMOTE_PARAMS_MAX) < 0)
        return -1;
    if (n == 0)
        return remote_bad_arg(call, "params in %s must not be NULL", api);
    REMOTE_NEED(dom_get_scheduler_params, ERRDOM_DOMAIN, api);
    remote_arg_dom(&call->args[0], &d);
    if (c->ops->dom_get_scheduler_params(c, &d, params, &n, flags,
                                         &call->err) < 0)
        return -1;
    return remote_set_tparams(call, &call->ret[0], params, n);
}

REMOTE_PROC(remote_dom_get_scheduler_params)
{
    return remote_sched_params(call, c, 0,
                               "virDomainGetSchedulerParameters");
}

REMOTE_PROC(remote_dom_get_scheduler_params_flags)
{
    return remote_sched_params(call, c,
                               remote_tp_flags(c, (unsigned)call->args[2].i),
                               "virDomainGetSchedulerParametersFlags");
}

typedef int remote_dom_tparams_fn(struct drv_conn *c,
                                  const struct drv_dom *d,
                                  struct drv_tparam *params, int *nparams,
                                  unsigned flags, struct arena *a,
                                  struct err *e);

/* The (dom, nparams, flags) -> (params, nparams) getters of memory, NUMA
 * and blkio tunables: nparams 0 asks for the count. @excl: the public API
 * refuses LIVE with CONFIG itself, before the driver (memory and blkio
 * do; for NUMA only the driver does, after answering a count). */
static int
remote_dom_tparams(struct rpc_call *call, struct drv_conn *c,
                   remote_dom_tparams_fn *fn, bool excl, const char *api)
{
    struct drv_tparam params[REMOTE_PARAMS_MAX];
    unsigned flags = (unsigned)call->args[2].i;
    int n = (int)call->args[1].i;
    struct drv_dom d;

    if (remote_check_nparams(call, call->args[1].i, REMOTE_PARAMS_MAX) < 0 ||
        (excl && remote_affect_check(call, flags) < 0))
        return -1;
    if (!fn)
        return remote_unsupported(call, ERRDOM_DOMAIN, api);
    remote_arg_dom(&call->args[0], &d);
    if (fn(c, &d, params, &n, remote_tp_flags(c, flags), call->arena,
           &call->err) < 0)
        return -1;
    if (call->args[1].i == 0) {
        call->ret[1].i = n;
        return 0;
    }
    /* a client that did not say STRING_OKAY gets no string parameters:
     * libvirtd leaves them out when it serializes the reply */
    if (!(flags & REMOTE_TP_STRING_OKAY)) {
        int k = 0;

        for (int i = 0; i < n; i++)
            if (params[i].type != DRV_TP_STRING)
                params[k++] = params[i];
        n = k;
    }
    return remote_set_tparams(call, &call->ret[0], params, n);
}

REMOTE_PROC(remote_dom_get_interface_params)
{
    struct drv_tparam params[REMOTE_PARAMS_MAX];
    unsigned flags = (unsigned)call->args[3].i;
    int n = (int)call->args[2].i;
    struct drv_dom d;

    if (remote_check_nparams(call, call->args[2].i, REMOTE_PARAMS_MAX) < 0)
        return -1;
    REMOTE_NEED(dom_get_interface_params, ERRDOM_DOMAIN,
                "virDomainGetInterfaceParameters");
    remote_arg_dom(&call->args[0], &d);
    if (c->ops->dom_get_interface_params(c, &d, call->args[1].s, params, &n,
                                         remote_tp_flags(c, flags),
                                         &call->err) < 0)
        return -1;
    if (call->args[2].i == 0) {
        call->ret[1].i = n;
        return 0;
    }
    return remote_set_tparams(call, &call->ret[0], params, n);
}

#define REMOTE_IOTUNE_PARAMS_MAX 32  /* REMOTE_DOMAIN_BLOCK_IO_TUNE_PARAMETERS_MAX */

/* The public API's LIVE/CONFIG exclusion, then the driver's slots;
 * strings go only to a client that said STRING_OKAY. */
REMOTE_PROC(remote_dom_get_block_iotune)
{
    struct drv_tparam params[REMOTE_IOTUNE_PARAMS_MAX];
    unsigned flags = (unsigned)call->args[3].i;
    int n = (int)call->args[2].i, k = 0;
    struct drv_dom d;

    if (remote_check_nparams(call, call->args[2].i,
                             REMOTE_IOTUNE_PARAMS_MAX) < 0)
        return -1;
    /* a count needs no disk */
    if (n && !call->args[1].s)
        return remote_bad_arg(call, "disk in virDomainGetBlockIoTune must "
                              "not be NULL");
    if (remote_affect_check(call, flags) < 0)
        return -1;
    REMOTE_NEED(dom_get_block_iotune, ERRDOM_DOMAIN,
                "virDomainGetBlockIoTune");
    remote_arg_dom(&call->args[0], &d);
    if (c->ops->dom_get_block_iotune(c, &d, call->args[1].s, params, &n,
                                     remote_tp_flags(c, flags), call->arena,
                                     &call->err) < 0)
        return -1;
    if (call->args[2].i == 0) {
        call->ret[1].i = n;
        return 0;
    }
    for (int i = 0; i < n; i++)
        if (params[i].type != DRV_TP_STRING ||
            (flags & REMOTE_TP_STRING_OKAY))
            params[k++] = params[i];
    return remote_set_tparams(call, &call->ret[0], params, k);
}

/* Read-only clients are refused by the server (RPC_PROC_RO_DENY). */
REMOTE_PROC(remote_dom_set_block_iotune)
{
    struct drv_tparam params[REMOTE_IOTUNE_PARAMS_MAX];
    const struct xval *pv = &call->args[2];
    struct drv_dom d;

    if (!pv->n)
        return remote_bad_arg(call, "nparams in virDomainSetBlockIoTune must "
                              "be greater than zero");
    remote_tparams_in(pv, params);
    REMOTE_NEED(dom_set_block_iotune, ERRDOM_DOMAIN,
                "virDomainSetBlockIoTune");
    remote_arg_dom(&call->args[0], &d);
    return c->ops->dom_set_block_iotune(c, &d, call->args[1].s, params,
                                        (int)pv->n,
                                        (unsigned)call->args[3].i,
                                        &call->err);
}

REMOTE_PROC(remote_dom_get_memory_params)
{
    return remote_dom_tparams(call, c, c->ops->dom_get_memory_params, true,
                              "virDomainGetMemoryParameters");
}

REMOTE_PROC(remote_dom_get_numa_params)
{
    return remote_dom_tparams(call, c, c->ops->dom_get_numa_params, false,
                              "virDomainGetNumaParameters");
}

REMOTE_PROC(remote_dom_get_blkio_params)
{
    return remote_dom_tparams(call, c, c->ops->dom_get_blkio_params, true,
                              "virDomainGetBlkioParameters");
}

REMOTE_PROC(remote_dom_block_stats_flags)
{
    struct drv_tparam params[REMOTE_PARAMS_MAX];
    int n = (int)call->args[2].i;
    struct drv_dom d;

    if (remote_check_nparams(call, call->args[2].i, REMOTE_PARAMS_MAX) < 0)
        return -1;
    REMOTE_NEED(dom_block_stats_flags, ERRDOM_DOMAIN,
                "virDomainBlockStatsFlags");
    remote_arg_dom(&call->args[0], &d);
    if (c->ops->dom_block_stats_flags(c, &d, call->args[1].s, params, &n,
                                      remote_tp_flags(c,
                                          (unsigned)call->args[3].i),
                                      &call->err) < 0)
        return -1;
    if (call->args[2].i == 0) {
        call->ret[1].i = n;
        return 0;
    }
    return remote_set_tparams(call, &call->ret[0], params, n);
}

REMOTE_PROC(remote_dom_block_stats)
{
    struct drv_block_stats st;
    struct xval *r = call->ret;
    struct drv_dom d;

    REMOTE_NEED(dom_block_stats, ERRDOM_DOMAIN, "virDomainBlockStats");
    remote_arg_dom(&call->args[0], &d);
    if (c->ops->dom_block_stats(c, &d, call->args[1].s, &st,
                                &call->err) < 0)
        return -1;
    r[0].i = st.rd_req;
    r[1].i = st.rd_bytes;
    r[2].i = st.wr_req;
    r[3].i = st.wr_bytes;
    r[4].i = st.errs;
    return 0;
}

REMOTE_PROC(remote_dom_interface_stats)
{
    struct drv_iface_stats st;
    struct xval *r = call->ret;
    struct drv_dom d;

    REMOTE_NEED(dom_interface_stats, ERRDOM_DOMAIN, "virDomainInterfaceStats");
    remote_arg_dom(&call->args[0], &d);
    if (c->ops->dom_interface_stats(c, &d, call->args[1].s, &st,
                                    &call->err) < 0)
        return -1;
    r[0].i = st.rx_bytes;
    r[1].i = st.rx_packets;
    r[2].i = st.rx_errs;
    r[3].i = st.rx_drop;
    r[4].i = st.tx_bytes;
    r[5].i = st.tx_packets;
    r[6].i = st.tx_errs;
    r[7].i = st.tx_drop;
    return 0;
}

/* Read-only clients are refused by the server (RPC_PROC_RO_DENY). */
REMOTE_PROC(remote_dom_get_hostname)
{
    struct drv_dom d;
    char *name;

    REMOTE_NEED(dom_get_hostname, ERRDOM_DOMAIN, "virDomainGetHostname");
    remote_arg_dom(&call->args[0], &d);
    if (c->ops->dom_get_hostname(c, &d, (unsigned)call->args[1].i,
                                 call->arena, &name, &call->err) < 0)
        return -1;
    call->ret[0].s = name;
    return 0;
}

/* Read-only clients are refused by the server (RPC_PROC_RO_DENY). */
REMOTE_PROC(remote_dom_get_time)
{
    struct drv_dom d;
    int64_t sec;
    uint32_t nsec;

    REMOTE_NEED(dom_get_time, ERRDOM_DOMAIN, "virDomainGetTime");
    remote_arg_dom(&call->args[0], &d);
    if (c->ops->dom_get_time(c, &d, (unsigned)call->args[1].i, &sec, &nsec,
                             &call->err) < 0)
        return -1;
    call->ret[0].i = sec;
    call->ret[1].i = nsec;
    return 0;
}

/* Read-only clients are refused by the server (RPC_PROC_RO_DENY). */
REMOTE_PROC(remote_dom_set_time)
{
    struct drv_dom d;

    REMOTE_NEED(dom_set_time, ERRDOM_DOMAIN, "virDomainSetTime");
    remote_arg_dom(&call->args[0], &d);
    return c->ops->dom_set_time(c, &d, call->args[1].i,
                                (uint32_t)call->args[2].i,
                                (unsigned)call->args[3].i, &call->err);
}

REMOTE_PROC(remote_dom_get_control_info)
{
    struct drv_dom d;
    unsigned state, details;
    uint64_t ms;

    REMOTE_NEED(dom_get_control_info, ERRDOM_DOMAIN,
                "virDomainGetControlInfo");
    remote_arg_dom(&call->args[0], &d);
    if (c->ops->dom_get_control_info(c, &d, (unsigned)call->args[1].i,
                                     &state, &details, &ms, &call->err) < 0)
        return -1;
    call->ret[0].i = state;
    call->ret[1].i = details;
    call->ret[2].i = (int64_t)ms;
    return 0;
}

/* FSFREEZE and FSTHAW: the mount points as a C array for the driver. */
static int
remote_dom_fs_set(struct rpc_call *call, struct drv_conn *c,
                  int (*fn)(struct drv_conn *, const struct drv_dom *,
                            const char *const *, unsigned, unsigned, int *,
                            struct err *))
{
    const struct xval *mp = &call->args[1];
    const char **mounts = NULL;
    struct drv_dom d;
    int count;

    if (!fn)
        return remote_unsupported(call, ERRDOM_DOMAIN, call->proc->api);
    if (mp->n) {
        mounts = arena_alloc(call->arena, mp->n * sizeof(*mounts));
        if (!mounts)
            return remote_internal_error(call, "out of memory");
        for (uint32_t k = 0; k < mp->n; k++)
            mounts[k] = mp->a[k].s;
    }
    remote_arg_dom(&call->args[0], &d);
    if (fn(c, &d, mounts, mp->n, (unsigned)call->args[2].i, &count,
           &call->err) < 0)
        return -1;
    call->ret[0].i = count;
    return 0;
}

/* Read-only clients are refused by the server (RPC_PROC_RO_DENY). */
REMOTE_PROC(remote_dom_fs_freeze)
{
    return remote_dom_fs_set(call, c, c->ops->dom_fs_freeze);
}

/* Read-only clients are refused by the server (RPC_PROC_RO_DENY). */
REMOTE_PROC(remote_dom_fs_thaw)
{
    return remote_dom_fs_set(call, c, c->ops->dom_fs_thaw);
}

/* Read-only clients are refused by the server (RPC_PROC_RO_DENY). */
REMOTE_PROC(remote_dom_fs_trim)
{
    struct drv_dom d;

    REMOTE_NEED(dom_fs_trim, ERRDOM_DOMAIN, "virDomainFSTrim");
    remote_arg_dom(&call->args[0], &d);
    return c->ops->dom_fs_trim(c, &d, call->args[1].s,
                               (uint64_t)call->args[2].i,
                               (unsigned)call->args[3].i, &call->err);
}

REMOTE_PROC(remote_dom_get_block_info)
{
    struct drv_block_info bi;
    struct drv_dom d;

    /* the public API's own check, made before the driver is asked */
    if (!*call->args[1].s)
        return remote_bad_arg(call, "string disk in virDomainGetBlockInfo "
                              "must not be empty");
    REMOTE_NEED(dom_get_block_info, ERRDOM_DOMAIN, "virDomainGetBlockInfo");
    remote_arg_dom(&call->args[0], &d);
    if (c->ops->dom_get_block_info(c, &d, call->args[1].s,
                                   (unsigned)call->args[2].i, &bi,
                                   &call->err) < 0)
        return -1;
    call->ret[0].i = (int64_t)bi.allocation;
    call->ret[1].i = (int64_t)bi.capacity;
    call->ret[2].i = (int64_t)bi.physical;
    return 0;
}

REMOTE_PROC(remote_dom_get_metadata)
{
    int type = (int)call->args[1].i;
    const char *uri = call->args[2].s;
    unsigned flags = (unsigned)call->args[3].i;
    struct drv_dom d;
    char *text;

    if ((type == REMOTE_META_TITLE || type == REMOTE_META_DESCRIPTION) &&
        uri)
        return remote_bad_arg(call, "uri in virDomainGetMetadata must be "
                              "NULL");
    if (type == REMOTE_META_ELEMENT && !uri)
        return remote_bad_arg(call, "uri in virDomainGetMetadata must not "
                              "be NULL");
    if (remote_affect_check(call, flags) < 0)
        return -1;
    REMOTE_NEED(dom_get_metadata, ERRDOM_DOMAIN, "virDomainGetMetadata");
    remote_arg_dom(&call->args[0], &d);
    if (c->ops->dom_get_metadata(c, &d, type, uri, flags, call->arena,
                                 &text, &call->err) < 0)
        return -1;
    call->ret[0].s = text;
    return 0;
}

/* Read-only clients are refused by the server (RPC_PROC_RO_DENY). */
REMOTE_PROC(remote_dom_set_metadata)
{
    int type = (int)call->args[1].i;
    const char *text = call->args[2].s, *key = call->args[3].s;
    const char *uri = call->args[4].s;
    struct drv_dom d;

    /* the public API's own checks, before the driver is asked */
    if (type == REMOTE_META_TITLE && text && strchr(text, '\n'))
        return remote_bad_arg(call, "metadata title can't contain newlines");
    if ((type == REMOTE_META_TITLE || type == REMOTE_META_DESCRIPTION) &&
        (uri || key))
        return remote_bad_arg(call, "%s in virDomainSetMetadata must be NULL",
                              uri ? "uri" : "key");
    if (type == REMOTE_META_ELEMENT && !uri)
        return remote_bad_arg(call, "uri in virDomainSetMetadata must not "
                              "be NULL");
    if (type == REMOTE_META_ELEMENT && text && !key)
        return remote_bad_arg(call, "key in virDomainSetMetadata must not "
                              "be NULL");
    REMOTE_NEED(dom_set_metadata, ERRDOM_DOMAIN, "virDomainSetMetadata");
    remote_arg_dom(&call->args[0], &d);
    return c->ops->dom_set_metadata(c, &d, type, text,
                                    (unsigned)call->args[5].i, &call->err);
}

#define REMOTE_DOMAIN_DISK_ERRORS_MAX  256

REMOTE_PROC(remote_dom_get_disk_errors)
{
    unsigned maxerrors = (unsigned)call->args[1].i;
    struct drv_disk_error *errs;
    struct drv_dom d;
    struct xval *m;
    int n;

    if (maxerrors > REMOTE_DOMAIN_DISK_ERRORS_MAX)
        return remote_internal_error(call, "maxerrors too large");
    REMOTE_NEED(dom_get_disk_errors, ERRDOM_DOMAIN, "virDomainGetDiskErrors");
    remote_arg_dom(&call->args[0], &d);
    if (c->ops->dom_get_disk_errors(c, &d, maxerrors,
                                    (unsigned)call->args[2].i, call->arena,
                                    &errs, &n, &call->err) < 0)
        return -1;
    call->ret[1].i = n;
    if (!maxerrors)
        return 0;               /* the count only, no errors array */
    if (!(m = remote_struct_array(call, &call->ret[0], n, 2)))
        return -1;
    for (int i = 0; i < n; i++, m += 2) {
        m[0].s = errs[i].disk;
        m[1].i = errs[i].error;
    }
    return 0;
}

/* Read-only clients are refused by the server (RPC_PROC_RO_DENY). */
REMOTE_PROC(remote_dom_get_fsinfo)
{
    struct drv_fsinfo *fs;
    struct drv_dom d;
    struct xval *m;
    int n;

    REMOTE_NEED(dom_get_fsinfo, ERRDOM_DOMAIN, "virDomainGetFSInfo");
    remote_arg_dom(&call->args[0], &d);
    if (c->ops->dom_get_fsinfo(c, &d, (unsigned)call->args[1].i, call->arena,
                               &fs, &n, &call->err) < 0)
        return -1;
    if (!(m = remote_struct_array(call, &call->ret[0], n, 4)))
        return -1;
    for (int i = 0; i < n; i++, m += 4) {
        m[0].s = fs[i].mountpoint;
        m[1].s = fs[i].name;
        m[2].s = fs[i].fstype;
        if (remote_set_strings(call, &m[3], fs[i].aliases,
                               fs[i].naliases) < 0)
            return -1;
    }
    call->ret[1].i = n;
    return 0;
}

#define REMOTE_DOMAIN_MEMORY_STATS_MAX 1024
#define REMOTE_MEMORY_STAT_NR          13     /* VIR_DOMAIN_MEMORY_STAT_NR */

REMOTE_PROC(remote_dom_memory_stats)
{
    struct drv_mem_stat stats[REMOTE_MEMORY_STAT_NR];
    int64_t max = call->args[1].i;
    struct drv_dom d;
    struct xval *m;
    int n = 0;

    if (max > REMOTE_DOMAIN_MEMORY_STATS_MAX)
        return remote_internal_error(call, "maxStats > "
                                     "REMOTE_DOMAIN_MEMORY_STATS_MAX");
    REMOTE_NEED(dom_memory_stats, ERRDOM_DOMAIN, "virDomainMemoryStats");
    /* the public API answers none for none wanted, and never more than
     * the statistics it knows */
    if (max > REMOTE_MEMORY_STAT_NR)
        max = REMOTE_MEMORY_STAT_NR;
    remote_arg_dom(&call->args[0], &d);
    if (max > 0 &&
        c->ops->dom_memory_stats(c, &d, (int)max, (unsigned)call->args[2].i,
                                 stats, &n, &call->err) < 0)
        return -1;
    if (!(m = remote_struct_array(call, &call->ret[0], n, 2)))
        return -1;
    for (int i = 0; i < n; i++, m += 2) {
        m[0].i = stats[i].tag;
        m[1].i = (int64_t)stats[i].val;
    }
    return 0;
}

/* Read-only clients are refused by the server (RPC_PROC_RO_DENY). */
REMOTE_PROC(remote_dom_set_memory_stats_period)
{
    int64_t period = call->args[1].i;
    struct drv_dom d;

    if (period < 0)
        return remote_bad_arg(call, "period in virDomainSetMemoryStatsPeriod "
                              "must be zero or greater");
    REMOTE_NEED(dom_set_memory_stats_period, ERRDOM_DOMAIN,
                "virDomainSetMemoryStatsPeriod");
    remote_arg_dom(&call->args[0], &d);
    return c->ops->dom_set_memory_stats_period(c, &d, (int)period,
                                               (unsigned)call->args[2].i,
                                               &call->err);
}

#define REMOTE_SCHED_PARAMS_MAX 16   /* REMOTE_DOMAIN_SCHEDULER_PARAMETERS_MAX */

/* The parameters of a set call for the driver; none on the wire is a
 * NULL array to the public API, which refuses it. */
int
remote_set_params_in(struct rpc_call *call, const struct xval *pv,
                     struct drv_tparam *params, const char *api)
{
    if (!pv->n)
        return remote_bad_arg(call, "params in %s must not be NULL", api);
    remote_tparams_in(pv, params);
    return 0;
}

/* Read-only clients are refused by the server (RPC_PROC_RO_DENY). */
REMOTE_PROC(remote_dom_set_interface_params)
{
    struct drv_tparam params[REMOTE_PARAMS_MAX];
    const struct xval *pv = &call->args[2];
    struct drv_dom d;

    if (remote_set_params_in(call, pv, params,
                             "virDomainSetInterfaceParameters") < 0)
        return -1;
    REMOTE_NEED(dom_set_interface_params, ERRDOM_DOMAIN,
                "virDomainSetInterfaceParameters");
    remote_arg_dom(&call->args[0], &d);
    return c->ops->dom_set_interface_params(c, &d, call->args[1].s, params,
                                            (int)pv->n,
                                            (unsigned)call->args[3].i,
                                            &call->err);
}

#define REMOTE_PERF_EVENTS_MAX 64    /* REMOTE_DOMAIN_PERF_EVENTS_MAX */

REMOTE_PROC(remote_dom_get_perf_events)
{
    struct drv_tparam params[REMOTE_PERF_EVENTS_MAX];
    struct drv_dom d;
    int n = 0;

    REMOTE_NEED(dom_get_perf_events, ERRDOM_DOMAIN, "virDomainGetPerfEvents");
    remote_arg_dom(&call->args[0], &d);
    if (c->ops->dom_get_perf_events(c, &d, (unsigned)call->args[1].i, params,
                                    &n, &call->err) < 0)
        return -1;
    return remote_set_tparams(call, &call->ret[0], params, n);
}

/* Read-only clients are refused by the server (RPC_PROC_RO_DENY). */
REMOTE_PROC(remote_dom_set_perf_events)
{
    struct drv_tparam params[REMOTE_PERF_EVENTS_MAX];
    const struct xval *pv = &call->args[1];
    struct drv_dom d;

    if (remote_set_params_in(call, pv, params, "virDomainSetPerfEvents") < 0)
        return -1;
    REMOTE_NEED(dom_set_perf_events, ERRDOM_DOMAIN, "virDomainSetPerfEvents");
    remote_arg_dom(&call->args[0], &d);
    return c->ops->dom_set_perf_events(c, &d, params, (int)pv->n,
                                       (unsigned)call->args[2].i, &call->err);
}

typedef int remote_dom_set_tparams_fn(struct drv_conn *c,
                                      const struct drv_dom *d,
                                      const struct drv_tparam *params,
                                      int nparams, unsigned flags,
                                      struct err *e);

/* The (dom, params, flags) setters of memory, NUMA and blkio tunables,
 * each at most 16 parameters (REMOTE_DOMAIN_*_PARAMETERS_MAX). */
static int
remote_dom_set_tparams(struct rpc_call *call, struct drv_conn *c,
                       remote_dom_set_tparams_fn *fn, const char *api)
{
    struct drv_tparam params[REMOTE_PARAMS_MAX];
    const struct xval *pv = &call->args[1];
    struct drv_dom d;

    if (remote_set_params_in(call, pv, params, api) < 0)
        return -1;
    if (!fn)
        return remote_unsupported(call, ERRDOM_DOMAIN, api);
    remote_arg_dom(&call->args[0], &d);
    return fn(c, &d, params, (int)pv->n, (unsigned)call->args[2].i,
              &call->err);
}

/* Read-only clients are refused by the server (RPC_PROC_RO_DENY). */
REMOTE_PROC(remote_dom_set_memory_params)
{
    return remote_dom_set_tparams(call, c, c->ops->dom_set_memory_params,
                                  "virDomainSetMemoryParameters");
}

/* Read-only clients are refused by the server (RPC_PROC_RO_DENY). */
REMOTE_PROC(remote_dom_set_numa_params)
{
    return remote_dom_set_tparams(call, c, c->ops->dom_set_numa_params,
                                  "virDomainSetNumaParameters");
}

/* Read-only clients are refused by the server (RPC_PROC_RO_DENY). */
REMOTE_PROC(remote_dom_set_blkio_params)
{
    return remote_dom_set_tparams(call, c, c->ops->dom_set_blkio_params,
                                  "virDomainSetBlkioParameters");
}

static int
remote_set_sched(struct rpc_call *call, struct drv_conn *c, unsigned flags,
                 const char *api)
{
    struct drv_tparam params[REMOTE_SCHED_PARAMS_MAX];
    const struct xval *pv = &call->args[1];
    struct drv_dom d;

    if (remote_set_params_in(call, pv, params, api) < 0)
        return -1;
    REMOTE_NEED(dom_set_scheduler_params, ERRDOM_DOMAIN, api);
    remote_arg_dom(&call->args[0], &d);
    return c->ops->dom_set_scheduler_params(c, &d, params, (int)pv->n, flags,
                                            &call->err);
}

/* Read-only clients are refused by the server (RPC_PROC_RO_DENY). */
REMOTE_PROC(remote_dom_set_scheduler_params)
{
    return remote_set_sched(call, c, 0, "virDomainSetSchedulerParameters");
}

/* Read-only clients are refused by the server (RPC_PROC_RO_DENY). */
REMOTE_PROC(remote_dom_set_scheduler_params_flags)
{
    return remote_set_sched(call, c, (unsigned)call->args[2].i,
                            "virDomainSetSchedulerParametersFlags");
}

/* Read-only clients are refused by the server (RPC_PROC_RO_DENY). */
REMOTE_PROC(remote_dom_inject_nmi)
{
    struct drv_dom d;

    REMOTE_NEED(dom_inject_nmi, ERRDOM_DOMAIN, "virDomainInjectNMI");
    remote_arg_dom(&call->args[0], &d);
    return c->ops->dom_inject_nmi(c, &d, (unsigned)call->args[1].i,
                                  &call->err);
}

/* Read-only clients are refused by the server (RPC_PROC_RO_DENY). */
REMOTE_PROC(remote_dom_set_user_password)
{
    const char *user = call->args[1].s, *password = call->args[2].s;
    struct drv_dom d;

    /* the public API's own checks, before the driver is asked */
    if (!user)
        return remote_bad_arg(call, "user in virDomainSetUserPassword must "
                              "not be NULL");
    if (!password)
        return remote_bad_arg(call, "password in virDomainSetUserPassword "
                              "must not be NULL");
    REMOTE_NEED(dom_set_user_password, ERRDOM_DOMAIN,
                "virDomainSetUserPassword");
    remote_arg_dom(&call->args[0], &d);
    return c->ops->dom_set_user_password(c, &d, user, password,
                                         (unsigned)call->args[3].i,
                                         &call->err);
}

/* CONNECT_GET_ALL_DOMAIN_STATS: with domains it is virDomainListGetStats
 * (those domains only), without, virConnectGetAllDomainStats. */
REMOTE_PROC(remote_get_all_domain_stats)
{
    const struct xval *dv = &call->args[0];
    struct drv_dom_stats *recs;
    struct drv_dom *doms = NULL;
    struct xval *m;
    int n;

    REMOTE_NEED(get_all_domain_stats, ERRDOM_DOMAIN,
                dv->n ? "virDomainListGetStats"
                      : "virConnectGetAllDomainStats");
    if (dv->n) {
        if (!(doms = arena_alloc(call->arena, dv->n * sizeof(*doms))))
            return remote_internal_error(call, "out of memory");
        for (uint32_t i = 0; i < dv->n; i++)
            remote_arg_dom(&dv->a[i], &doms[i]);
    }
    if (c->ops->get_all_domain_stats(c, doms, (int)dv->n,
                                     (unsigned)call->args[1].i,
                                     (unsigned)call->args[2].i, call->arena,
                                     &recs, &n, &call->err) < 0)
        return -1;
    if (!(m = remote_struct_array(call, &call->ret[0], n, 2)))
        return -1;
    for (int i = 0; i < n; i++, m += 2)
        if (remote_set_dom(call, &m[0], &recs[i].dom) < 0 ||
            remote_set_tparams(call, &m[1], recs[i].params,
                               recs[i].nparams) < 0)
            return -1;
    return 0;
}

#define REMOTE_ADDR_SRC_AGENT 1     /* VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_AGENT */

/* The guest agent is asked only for read-write clients, as the public API
 * decides: the other sources are reads. */
REMOTE_PROC(remote_dom_interface_addresses)
{
    unsigned source = (unsigned)call->args[1].i;
    struct drv_iface_addrs *ifs;
    struct drv_dom d;
    struct xval *m;
    int n;

    if (source == REMOTE_ADDR_SRC_AGENT && rpc_client_readonly(call->client)) {
        err_set(&call->err, ERR_OPERATION_DENIED, ERRDOM_DOMAIN,
                "read only access prevents virDomainInterfaceAddresses");
        return -1;
    }
    REMOTE_NEED(dom_interface_addresses, ERRDOM_DOMAIN,
                "virDomainInterfaceAddresses");
    remote_arg_dom(&call->args[0], &d);
    if (c->ops->dom_interface_addresses(c, &d, source,
                                        (unsigned)call->args[2].i,
                                        call->arena, &ifs, &n,
                                        &call->err) < 0)
        return -1;
    if (!(m = remote_struct_array(call, &call->ret[0], n, 3)))
        return -1;
    for (int i = 0; i < n; i++, m += 3) {
        struct xval *am;

        m[0].s = ifs[i].name;
        m[1].present = true;
        m[1].s = ifs[i].hwaddr;
        if (!(am = remote_struct_array(call, &m[2], ifs[i].naddrs, 3)))
            return -1;
        for (int k = 0; k < ifs[i].naddrs; k++, am += 3) {
            am[0].i = ifs[i].addrs[k].type;
            am[1].s = ifs[i].addrs[k].addr;
            am[2].i = ifs[i].addrs[k].prefix;
        }
    }
    return 0;
}

/* Read-only clients are refused by the server (RPC_PROC_RO_DENY). */
REMOTE_PROC(remote_dom_get_guest_info)
{
    struct drv_tparam *params;
    struct drv_dom d;
    int n;

    REMOTE_NEED(dom_get_guest_info, ERRDOM_DOMAIN, "virDomainGetGuestInfo");
    remote_arg_dom(&call->args[0], &d);
    if (c->ops->dom_get_guest_info(c, &d, (unsigned)call->args[1].i,
                                   (unsigned)call->args[2].i, call->arena,
                                   &params, &n, &call->err) < 0)
        return -1;
    return remote_set_tparams(call, &call->ret[0], params, n);
}
