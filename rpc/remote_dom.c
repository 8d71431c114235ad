/*
 * remote_dom.c: REMOTE handlers for domain lookups, listings and the
 * simple per-domain reads (info, state, XML, flags, security label,
 * messages). Argument checks follow libvirtd's dispatcher and public API;
 * a NULL driver entry answers NO_SUPPORT naming the public API. Worker
 * threads.
 */
#include "rpc/remote_priv.h"

#define REMOTE_XML_SECURE     1u
#define REMOTE_XML_MIGRATABLE 8u
#define REMOTE_VCPU_GUEST     8u

/* -- lookups and lists ---------------------------------------------------- */

static int
remote_dom_result(struct rpc_call *call, int rc, const struct drv_dom *d)
{
    return rc < 0 ? -1 : remote_set_dom(call, &call->ret[0], d);
}

REMOTE_PROC(remote_dom_lookup_by_id)
{
    struct drv_dom d;

    if (call->args[0].i < 0)
        return remote_bad_arg(call, "id in virDomainLookupByID must be zero "
                              "or greater");
    REMOTE_NEED(dom_lookup_by_id, ERRDOM_DOMAIN, "virDomainLookupByID");
    return remote_dom_result(call, c->ops->dom_lookup_by_id(
                                 c, (int)call->args[0].i, call->arena, &d,
                                 &call->err), &d);
}

REMOTE_PROC(remote_dom_lookup_by_name)
{
    struct drv_dom d;

    REMOTE_NEED(dom_lookup_by_name, ERRDOM_DOMAIN, "virDomainLookupByName");
    return remote_dom_result(call, c->ops->dom_lookup_by_name(
                                 c, call->args[0].s, call->arena, &d,
                                 &call->err), &d);
}

REMOTE_PROC(remote_dom_lookup_by_uuid)
{
    struct drv_dom d;

    REMOTE_NEED(dom_lookup_by_uuid, ERRDOM_DOMAIN, "virDomainLookupByUUID");
    return remote_dom_result(call, c->ops->dom_lookup_by_uuid(
                                 c, call->args[0].uuid, call->arena, &d,
                                 &call->err), &d);
}

REMOTE_PROC(remote_num_of_domains)
{
    return remote_obj_count(call, c, c->ops->num_of_domains, true,
                            ERRDOM_DOMAIN, "virConnectNumOfDomains");
}

REMOTE_PROC(remote_num_of_defined_domains)
{
    return remote_obj_count(call, c, c->ops->num_of_domains, false,
                            ERRDOM_DOMAIN, "virConnectNumOfDefinedDomains");
}

REMOTE_PROC(remote_list_defined_domains)
{
    const char **names;
    int n;

    if (remote_check_max(call, call->args[0].i, "maxnames",
                         "REMOTE_DOMAIN_LIST_MAX", REMOTE_DOMAIN_LIST_MAX))
        return -1;
    REMOTE_NEED(list_defined_domains, ERRDOM_DOMAIN,
                "virConnectListDefinedDomains");
    if (c->ops->list_defined_domains(c, (int)call->args[0].i, call->arena,
                                     &names, &n, &call->err) < 0)
        return -1;
    return remote_set_strings(call, &call->ret[0], names, n);
}

REMOTE_PROC(remote_list_domains)
{
    struct xval *a;
    int *ids;
    int n;

    if (remote_check_max(call, call->args[0].i, "maxids",
                         "REMOTE_DOMAIN_LIST_MAX", REMOTE_DOMAIN_LIST_MAX))
        return -1;
    REMOTE_NEED(list_domain_ids, ERRDOM_DOMAIN, "virConnectListDomains");
    if (c->ops->list_domain_ids(c, (int)call->args[0].i, call->arena, &ids,
                                &n, &call->err) < 0)
        return -1;
    if (!(a = arena_alloc(call->arena, (size_t)(n + 1) * sizeof(*a))))
        return remote_internal_error(call, "out of memory");
    for (int i = 0; i < n; i++) {
        a[i].present = true;
        a[i].i = ids[i];
    }
    call->ret[0].a = a;
    call->ret[0].n = (uint32_t)n;
    return 0;
}

REMOTE_PROC(remote_list_all_domains)
{
    struct drv_dom *doms;
    int n;

    REMOTE_NEED(list_all_domains, ERRDOM_DOMAIN, "virConnectListAllDomains");
    if (c->ops->list_all_domains(c, (unsigned)call->args[1].i, call->arena,
                                 &doms, &n, &call->err) < 0)
        return -1;
    return remote_set_list(call, REMOTE_K_DOM, doms, n, call->args[0].i);
}

/* -- simple reads ---------------------------------------------------------- */

typedef int remote_dom_int_fn(struct drv_conn *c, const struct drv_dom *d,
                              int *out, struct err *e);

/* dom -> int getters: autostart, is-active, is-persistent, ... */
static int
remote_dom_int(struct rpc_call *call, struct drv_conn *c,
               remote_dom_int_fn *fn, const char *api)
{
    struct drv_dom d;
    int v;

    if (!fn)
        return remote_unsupported(call, ERRDOM_DOMAIN, api);
    remote_arg_dom(&call->args[0], &d);
    if (fn(c, &d, &v, &call->err) < 0)
        return -1;
    call->ret[0].i = v;
    return 0;
}

REMOTE_PROC(remote_dom_get_autostart)
{
    return remote_dom_int(call, c, c->ops->dom_get_autostart,
                          "virDomainGetAutostart");
}

REMOTE_PROC(remote_dom_get_max_vcpus)
{
    return remote_dom_int(call, c, c->ops->dom_get_max_vcpus,
                          "virDomainGetMaxVcpus");
}

REMOTE_PROC(remote_dom_is_active)
{
    return remote_dom_int(call, c, c->ops->dom_is_active,
                          "virDomainIsActive");
}

REMOTE_PROC(remote_dom_is_persistent)
{
    return remote_dom_int(call, c, c->ops->dom_is_persistent,
                          "virDomainIsPersistent");
}

REMOTE_PROC(remote_dom_is_updated)
{
    return remote_dom_int(call, c, c->ops->dom_is_updated,
                          "virDomainIsUpdated");
}

REMOTE_PROC(remote_dom_get_max_memory)
{
    struct drv_dom d;
    uint64_t mem;

    REMOTE_NEED(dom_get_max_memory, ERRDOM_DOMAIN, "virDomainGetMaxMemory");
    remote_arg_dom(&call->args[0], &d);
    if (c->ops->dom_get_max_memory(c, &d, &mem, &call->err) < 0)
        return -1;
    call->ret[0].i = (int64_t)mem;
    return 0;
}

REMOTE_PROC(remote_dom_get_info)
{
    struct drv_dom_info info;
    struct xval *r = call->ret;
    struct drv_dom d;

    REMOTE_NEED(dom_get_info, ERRDOM_DOMAIN, "virDomainGetInfo");
    remote_arg_dom(&call->args[0], &d);
    if (c->ops->dom_get_info(c, &d, &info, &call->err) < 0)
        return -1;
    r[0].i = info.state;
    r[1].i = (int64_t)info.max_mem;
    r[2].i = (int64_t)info.memory;
    r[3].i = info.nr_vcpu;
    r[4].i = (int64_t)info.cpu_time;
    return 0;
}

REMOTE_PROC(remote_dom_get_os_type)
{
    struct drv_dom d;
    char *type;

    REMOTE_NEED(dom_get_os_type, ERRDOM_DOMAIN, "virDomainGetOSType");
    remote_arg_dom(&call->args[0], &d);
    if (c->ops->dom_get_os_type(c, &d, call->arena, &type, &call->err) < 0)
        return -1;
    call->ret[0].s = type;
    return 0;
}

REMOTE_PROC(remote_dom_get_state)
{
    struct drv_dom d;
    int state, reason;

    REMOTE_NEED(dom_get_state, ERRDOM_DOMAIN, "virDomainGetState");
    remote_arg_dom(&call->args[0], &d);
    if (c->ops->dom_get_state(c, &d, (unsigned)call->args[1].i, &state,
                              &reason, &call->err) < 0)
        return -1;
    call->ret[0].i = state;
    call->ret[1].i = reason;
    return 0;
}

/* SECURE and MIGRATABLE output is refused to read-only clients. */
REMOTE_PROC(remote_dom_get_xml_desc)
{
    unsigned flags = (unsigned)call->args[1].i;
    struct drv_dom d;
    char *xml;

    if (rpc_client_readonly(call->client) &&
        (flags & (REMOTE_XML_SECURE | REMOTE_XML_MIGRATABLE))) {
        err_set(&call->err, ERR_OPERATION_DENIED, ERRDOM_DOMAIN,
                "virDomainGetXMLDesc with secure flag");
        return -1;
    }
    REMOTE_NEED(dom_get_xml_desc, ERRDOM_DOMAIN, "virDomainGetXMLDesc");
    remote_arg_dom(&call->args[0], &d);
    if (c->ops->dom_get_xml_desc(c, &d, flags, call->arena, &xml,
                                 &call->err) < 0)
        return -1;
    call->ret[0].s = xml;
    return 0;
}

REMOTE_PROC(remote_dom_get_security_label)
{
    struct drv_sec_label label;
    struct drv_dom d;

    REMOTE_NEED(dom_get_security_label, ERRDOM_DOMAIN,
                "virDomainGetSecurityLabel");
    remote_arg_dom(&call->args[0], &d);
    if (c->ops->dom_get_security_label(c, &d, call->arena, &label,
                                       &call->err) < 0)
        return -1;
    call->ret[0].s = label.label;
    call->ret[1].i = label.enforcing;
    return 0;
}

REMOTE_PROC(remote_dom_has_managed_save)
{
    struct drv_dom d;
    int v;

    REMOTE_NEED(dom_has_managed_save, ERRDOM_DOMAIN,
                "virDomainHasManagedSaveImage");
    remote_arg_dom(&call->args[0], &d);
    if (c->ops->dom_has_managed_save(c, &d, (unsigned)call->args[1].i, &v,
                                     &call->err) < 0)
        return -1;
    call->ret[0].i = v;
    return 0;
}

REMOTE_PROC(remote_dom_get_vcpus_flags)
{
    unsigned flags = (unsigned)call->args[1].i;
    struct drv_dom d;
    int n;

    if ((flags & REMOTE_VCPU_GUEST) && rpc_client_readonly(call->client)) {
        err_set(&call->err, ERR_OPERATION_DENIED, ERRDOM_DOMAIN,
                "read only access prevents virDomainGetVcpusFlags");
        return -1;
    }
    if (remote_affect_check(call, flags) < 0)
        return -1;
    REMOTE_NEED(dom_get_vcpus_flags, ERRDOM_DOMAIN, "virDomainGetVcpusFlags");
    remote_arg_dom(&call->args[0], &d);
    if (c->ops->dom_get_vcpus_flags(c, &d, flags, &n, &call->err) < 0)
        return -1;
    call->ret[0].i = n;
    return 0;
}

REMOTE_PROC(remote_dom_get_messages)
{
    const char **msgs;
    struct drv_dom d;
    int n;

    REMOTE_NEED(dom_get_messages, ERRDOM_DOMAIN, "virDomainGetMessages");
    remote_arg_dom(&call->args[0], &d);
    if (c->ops->dom_get_messages(c, &d, (unsigned)call->args[1].i,
                                 call->arena, &msgs, &n, &call->err) < 0)
        return -1;
    if (remote_too_many(call, n, REMOTE_MESSAGES_MAX, "messages") < 0)
        return -1;
    return remote_set_strings(call, &call->ret[0], msgs, n);
}
