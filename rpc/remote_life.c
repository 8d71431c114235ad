/*
 * remote_life.c: REMOTE handlers that change domains: define, undefine,
 * create, start, destroy, shutdown, reboot, suspend, resume, memory,
 * vCPUs, autostart, and the job queries virsh makes around
 * them. The legacy procedures map onto the flags variants as libvirt's
 * public API does (SET_MEMORY is LIVE, SET_MAX_MEMORY is MAXIMUM, ...).
 *
 * The read-only denial comes first, from the procedure table (job.c);
 * then the public API's own argument checks; then the driver. Worker
 * threads.
 */
#include "rpc/remote_priv.h"

#define REMOTE_MEM_MAXIMUM 4u         /* VIR_DOMAIN_MEM_MAXIMUM */

typedef int remote_dom_flags_fn(struct drv_conn *c, const struct drv_dom *d,
                                unsigned flags, struct err *e);
typedef int remote_dom_xml_fn(struct drv_conn *c, const char *xml,
                              unsigned flags, struct arena *a,
                              struct drv_dom *out, struct err *e);

/* (dom[, flags]) procedures: destroy, shutdown, reboot, reset, undefine. */
static int
remote_dom_flags(struct rpc_call *call, struct drv_conn *c,
                 remote_dom_flags_fn *fn)
{
    struct drv_dom d;

    if (!fn)
        return remote_unsupported(call, ERRDOM_DOMAIN, call->proc->api);
    remote_arg_dom(&call->args[0], &d);
    return fn(c, &d, remote_opt_flags(call), &call->err);
}

/* DEFINE_XML[_FLAGS] and CREATE_XML: XML in, new domain out. */
static int
remote_dom_from_xml(struct rpc_call *call, struct drv_conn *c,
                    remote_dom_xml_fn *fn)
{
    struct drv_dom d;

    if (!fn)
        return remote_unsupported(call, ERRDOM_DOMAIN, call->proc->api);
    if (fn(c, call->args[0].s, remote_opt_flags(call), call->arena, &d,
           &call->err) < 0)
        return -1;
    return remote_set_dom(call, &call->ret[0], &d);
}

REMOTE_PROC(remote_dom_define_xml)
{
    return remote_dom_from_xml(call, c, c->ops->dom_define_xml);
}

REMOTE_PROC(remote_dom_create_xml)
{
    return remote_dom_from_xml(call, c, c->ops->dom_create_xml);
}

/* CREATE (nothing back: virsh looks the new id up) and CREATE_WITH_FLAGS
 * (the domain with its new id). */
REMOTE_PROC(remote_dom_create)
{
    struct drv_dom d, out;

    REMOTE_NEED(dom_create, ERRDOM_DOMAIN, call->proc->api);
    remote_arg_dom(&call->args[0], &d);
    if (c->ops->dom_create(c, &d, remote_opt_flags(call), call->arena, &out,
                           &call->err) < 0)
        return -1;
    if (xval_count(call->proc->ret) == 0)
        return 0;
    return remote_set_dom(call, &call->ret[0], &out);
}

REMOTE_PROC(remote_dom_destroy)
{
    return remote_dom_flags(call, c, c->ops->dom_destroy);
}

REMOTE_PROC(remote_dom_shutdown)
{
    return remote_dom_flags(call, c, c->ops->dom_shutdown);
}

REMOTE_PROC(remote_dom_reboot)
{
    return remote_dom_flags(call, c, c->ops->dom_reboot);
}

REMOTE_PROC(remote_dom_reset)
{
    return remote_dom_flags(call, c, c->ops->dom_reset);
}

/* Read-only clients are refused by the server (RPC_PROC_RO_DENY). */
REMOTE_PROC(remote_dom_managed_save)
{
    static const char excl[] = "Flags 'VIR_DOMAIN_SAVE_RUNNING' and "
                               "'VIR_DOMAIN_SAVE_PAUSED' are mutually "
                               "exclusive";
    unsigned flags = (unsigned)call->args[1].i;

    /* the public API's check, before the driver */
    if ((flags & 2u) && (flags & 4u))
        return remote_bad_arg(call, "%s", excl);
    return remote_dom_flags(call, c, c->ops->dom_managed_save);
}

REMOTE_PROC(remote_dom_managed_save_remove)
{
    return remote_dom_flags(call, c, c->ops->dom_managed_save_remove);
}

/* Read-only clients are refused here, not by the server: libvirt's public
 * API checks the new name first. */
REMOTE_PROC(remote_dom_rename)
{
    struct drv_dom d;

    /* the public API's checks, in its order */
    if (!call->args[1].s)
        return remote_bad_arg(call, "new_name in virDomainRename must not "
                              "be NULL");
    if (!*call->args[1].s)
        return remote_bad_arg(call, "string new_name in virDomainRename must "
                              "not be empty");
    if (rpc_client_readonly(call->client)) {
        err_set(&call->err, ERR_OPERATION_DENIED, ERRDOM_DOMAIN,
                "read only access prevents virDomainRename");
        return -1;
    }
    REMOTE_NEED(dom_rename, ERRDOM_DOMAIN, "virDomainRename");
    remote_arg_dom(&call->args[0], &d);
    if (c->ops->dom_rename(c, &d, call->args[1].s, (unsigned)call->args[2].i,
                           &call->err) < 0)
        return -1;
    call->ret[0].i = 0;
    return 0;
}

REMOTE_PROC(remote_dom_undefine)
{
    return remote_dom_flags(call, c, c->ops->dom_undefine);
}

REMOTE_PROC(remote_dom_suspend)
{
    struct drv_dom d;

    REMOTE_NEED(dom_suspend, ERRDOM_DOMAIN, "virDomainSuspend");
    remote_arg_dom(&call->args[0], &d);
    return c->ops->dom_suspend(c, &d, &call->err);
}

REMOTE_PROC(remote_dom_resume)
{
    struct drv_dom d;

    REMOTE_NEED(dom_resume, ERRDOM_DOMAIN, "virDomainResume");
    remote_arg_dom(&call->args[0], &d);
    return c->ops->dom_resume(c, &d, &call->err);
}

/* -- resources ----------------------------------------------------------- */

static int
remote_set_memory(struct rpc_call *call, struct drv_conn *c, unsigned flags,
                  const char *api)
{
    uint64_t kib = (uint64_t)call->args[1].i;
    struct drv_dom d;

    if (kib == 0)
        return remote_bad_arg(call, "memory in %s must not be zero", api);
    REMOTE_NEED(dom_set_memory, ERRDOM_DOMAIN, api);
    remote_arg_dom(&call->args[0], &d);
    return c->ops->dom_set_memory(c, &d, kib, flags, &call->err);
}

REMOTE_PROC(remote_dom_set_memory)
{
    return remote_set_memory(call, c, REMOTE_AFFECT_LIVE,
                             "virDomainSetMemory");
}

REMOTE_PROC(remote_dom_set_max_memory)
{
    return remote_set_memory(call, c, REMOTE_MEM_MAXIMUM,
                             "virDomainSetMaxMemory");
}

REMOTE_PROC(remote_dom_set_memory_flags)
{
    return remote_set_memory(call, c, (unsigned)call->args[2].i,
                             "virDomainSetMemoryFlags");
}

static int
remote_set_vcpus(struct rpc_call *call, struct drv_conn *c, unsigned flags,
                 const char *api)
{
    unsigned n = (unsigned)call->args[1].i;
    struct drv_dom d;

    if (n == 0)
        return remote_bad_arg(call, "nvcpus in %s must not be zero", api);
    REMOTE_NEED(dom_set_vcpus, ERRDOM_DOMAIN, api);
    remote_arg_dom(&call->args[0], &d);
    return c->ops->dom_set_vcpus(c, &d, n, flags, &call->err);
}

REMOTE_PROC(remote_dom_set_vcpus)
{
    return remote_set_vcpus(call, c, REMOTE_AFFECT_LIVE,
                            "virDomainSetVcpus");
}

REMOTE_PROC(remote_dom_set_vcpus_flags)
{
    return remote_set_vcpus(call, c, (unsigned)call->args[2].i,
                            "virDomainSetVcpusFlags");
}

REMOTE_PROC(remote_dom_set_autostart)
{
    struct drv_dom d;

    REMOTE_NEED(dom_set_autostart, ERRDOM_DOMAIN, "virDomainSetAutostart");
    remote_arg_dom(&call->args[0], &d);
    return c->ops->dom_set_autostart(c, &d, (int)call->args[1].i,
                                     &call->err);
}

/* -- queries around the lifecycle ------------------------------------------ */

REMOTE_PROC(remote_dom_get_job_info)
{
    struct drv_job_info j;
    struct drv_dom d;

    REMOTE_NEED(dom_get_job_info, ERRDOM_DOMAIN, "virDomainGetJobInfo");
    remote_arg_dom(&call->args[0], &d);
    if (c->ops->dom_get_job_info(c, &d, &j, &call->err) < 0)
        return -1;
    call->ret[0].i = j.type;
    for (int i = 0; i < DRV_JOB_STATS; i++)
        call->ret[i + 1].i = (int64_t)j.stats[i];
    return 0;
}

REMOTE_PROC(remote_dom_abort_job)
{
    struct drv_dom d;

    REMOTE_NEED(dom_abort_job, ERRDOM_DOMAIN, "virDomainAbortJob");
    remote_arg_dom(&call->args[0], &d);
    return c->ops->dom_abort_job(c, &d, &call->err);
}

/* Attaching, detaching and updating devices: libvirt's test driver has
 * none of them, so neither has virtd's (NO_SUPPORT naming the public
 * API). Read-only clients are refused by the server (RPC_PROC_RO_DENY). */
static int
remote_device_change(struct rpc_call *call, struct drv_conn *c, int op,
                     unsigned flags, const char *api)
{
    struct drv_dom d;

    REMOTE_NEED(dom_device_change, ERRDOM_DOMAIN, api);
    remote_arg_dom(&call->args[0], &d);
    return c->ops->dom_device_change(c, &d, op, call->args[1].s, flags,
                                     &call->err);
}

REMOTE_PROC(remote_dom_attach_device)
{
    return remote_device_change(call, c, DRV_DEVICE_ATTACH,
                                REMOTE_AFFECT_LIVE, "virDomainAttachDevice");
}

REMOTE_PROC(remote_dom_detach_device)
{
    return remote_device_change(call, c, DRV_DEVICE_DETACH,
                                REMOTE_AFFECT_LIVE, "virDomainDetachDevice");
}

REMOTE_PROC(remote_dom_attach_device_flags)
{
    return remote_device_change(call, c, DRV_DEVICE_ATTACH,
                                (unsigned)call->args[2].i,
                                "virDomainAttachDeviceFlags");
}

REMOTE_PROC(remote_dom_detach_device_flags)
{
    return remote_device_change(call, c, DRV_DEVICE_DETACH,
                                (unsigned)call->args[2].i,
                                "virDomainDetachDeviceFlags");
}

REMOTE_PROC(remote_dom_update_device_flags)
{
    return remote_device_change(call, c, DRV_DEVICE_UPDATE,
                                (unsigned)call->args[2].i,
                                "virDomainUpdateDeviceFlags");
}
