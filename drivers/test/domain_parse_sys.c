/*
 * domain_parse_sys.c: the <tpm>, <watchdog>, <panic>, <shmem> and <vsock>
 * devices of a domain definition, as libvirt 9.0 parses them for the
 * test driver (which validates nothing more: no address is assigned,
 * several TPMs are kept), with libvirt's messages. A TPM's emulator
 * <encryption> and <active_pcr_banks> and the external backend are
 * refused: virtd does not keep them yet.
 *
 * Pure; runs on the calling worker without the state lock.
 */
#include "drivers/test/domain_parse.h"

#include <stdlib.h>
#include <string.h>

#include "drivers/test/xmlp.h"

const char *const tdrv_watchdog_models[] = {
    "i6300esb", "ib700", "diag288", NULL,
};
const char *const tdrv_watchdog_actions[] = {
    "reset", "shutdown", "poweroff", "pause", "dump", "none", "inject-nmi",
    NULL,
};
const char *const tdrv_panic_models[] = {
    "default", "isa", "pseries", "hyperv", "s390", NULL,
};
const char *const tdrv_tpm_models[] = {
    "default", "tpm-tis", "tpm-crb", "tpm-spapr", "spapr-tpm-proxy", NULL,
};
static const char *const tdrv_tpm_backends[] = {
    "passthrough", "emulator", "external", NULL,
};
static const char *const tdrv_tpm_versions[] = {
    "default", "1.2", "2.0", NULL,
};

static int
tdrv_tpm_backend(const struct xml_node *be, struct tdrv_tpm *tpm,
                 struct err *e)
{
    const char *ps = xml_attr(be, "persistent_state");
    int type = -1;

    if (!tdrv_xp_required(be, "type", e) ||
        tdrv_xp_enum(be, "type", tdrv_tpm_backends, &type, e) < 0)
        return -1;
    tpm->backend = type;
    if (type == 2 || xml_child(be, "encryption") ||
        xml_child(be, "active_pcr_banks")) {
        err_set(e, ERR_ARGUMENT_UNSUPPORTED, ERRDOM_DOMAIN, "virtd keeps no "
                "external TPM backend, TPM state encryption or PCR banks "
                "yet");
        return -1;
    }
    if (type == 0)
        return tdrv_xp_dup(&tpm->path, xml_path_text(be, "device/@path")
                                       ? xml_path_text(be, "device/@path")
                                       : "/dev/tpm0", e);
    if (tdrv_xp_enum_nonzero(be, "version", tdrv_tpm_versions,
                             &tpm->version, e) < 0)
        return -1;
    if (ps && strcmp(ps, "yes") != 0 && strcmp(ps, "no") != 0) {
        err_set(e, ERR_INTERNAL_ERROR, ERRDOM_DOMAIN, "Invalid "
                "persistent_state value, either 'yes' or 'no'");
        return -1;
    }
    tpm->persistent = ps && strcmp(ps, "yes") == 0;
    return 0;
}

static int
tdrv_tpm_parse(const struct xml_node *n, struct tdrv_tpm *tpm, struct err *e)
{
    const struct xml_node *be = xml_child(n, "backend");

    if (tdrv_xp_enum_nonzero(n, "model", tdrv_tpm_models, &tpm->model,
                             e) < 0)
        return -1;
    if (!be) {
        err_set(e, ERR_XML_ERROR, ERRDOM_DOMAIN,
                "missing TPM device backend");
        return -1;
    }
    if (tdrv_tpm_backend(be, tpm, e) < 0)
        return -1;
    tdrv_parse_address(n, &tpm->addr, NULL);
    return 0;
}

static int
tdrv_watchdog_parse(const struct xml_node *n, struct tdrv_watchdog *wd,
                    struct err *e)
{
    const char *model = xml_attr(n, "model");
    const char *action = xml_attr(n, "action");

    if (!model) {
        err_set(e, ERR_INTERNAL_ERROR, ERRDOM_DOMAIN,
                "watchdog must contain model name");
        return -1;
    }
    if ((wd->model = tdrv_xp_index(tdrv_watchdog_models, model)) < 0) {
        err_set(e, ERR_CONFIG_UNSUPPORTED, ERRDOM_DOMAIN,
                "unknown watchdog model '%s'", model);
        return -1;
    }
    wd->action = action ? tdrv_xp_index(tdrv_watchdog_actions, action) : 0;
    if (wd->action < 0) {
        err_set(e, ERR_CONFIG_UNSUPPORTED, ERRDOM_DOMAIN,
                "unknown watchdog action '%s'", action);
        return -1;
    }
    tdrv_parse_address(n, &wd->addr, NULL);
    wd->set = true;
    return 0;
}

/* An ISA address: iobase and irq read as hexadecimal. */
static void
tdrv_isa_address(const struct xml_node *n, struct tdrv_panic *p)
{
    const struct xml_node *a = xml_child(n, "address");
    const char *type = xml_attr(a, "type");
    const char *io = xml_attr(a, "iobase"), *irq = xml_attr(a, "irq");

    if (!type || strcmp(type, "isa") != 0) {
        tdrv_parse_address(n, &p->addr, NULL);
        return;
    }
    p->isa = true;
    if ((p->has_iobase = io != NULL))
        p->iobase = (unsigned)strtoul(io, NULL, 16);
    if ((p->has_irq = irq != NULL))
        p->irq = (unsigned)strtoul(irq, NULL, 16);
}

static int
tdrv_panic_parse(const struct xml_node *n, struct tdrv_panic *p,
                 struct err *e)
{
    const char *model = xml_attr(n, "model");

    if (model && (p->model = tdrv_xp_index(tdrv_panic_models, model)) < 0) {
        err_set(e, ERR_CONFIG_UNSUPPORTED, ERRDOM_DOMAIN,
                "unknown panic model '%s'", model);
        return -1;
    }
    tdrv_isa_address(n, p);
    return 0;
}

/* <shmem name role><model type/><size/><server path/><msi/>: a role only
 * with an explicit plain or doorbell model, msi only with a server, as
 * libvirt 9.0 reads them. */
static int
tdrv_shmem_parse(const struct xml_node *n, struct tdrv_shmem *sh,
                 struct err *e)
{
    static const char *const models[] = {
        "ivshmem", "ivshmem-plain", "ivshmem-doorbell", NULL,
    };
    static const char *const roles[] = { "default", "master", "peer", NULL };
    static const char *const on_off[] = { "default", "on", "off", NULL };
    const struct xml_node *model = xml_child(n, "model");
    const struct xml_node *size = xml_child(n, "size");
    const struct xml_node *server = xml_child(n, "server");
    const struct xml_node *msi = xml_child(n, "msi");
    unsigned long long v, scale;

    if (!xml_attr(n, "name")) {
        err_set(e, ERR_XML_ERROR, ERRDOM_DOMAIN,
                "shmem element must contain 'name' attribute");
        return -1;
    }
    if (tdrv_xp_dup(&sh->name, xml_attr(n, "name"), e) < 0 ||
        (model && tdrv_xp_enum(model, "type", models, &sh->model, e) < 0) ||
        (sh->model && tdrv_xp_enum_nonzero(n, "role", roles, &sh->role,
                                           e) < 0))
        return -1;
    if (size) {
        if (tdrv_xp_text_ull(size, "./size[1]", &v, e) < 0)
            return -1;
        if (tdrv_xp_scale(xml_attr(size, "unit"), 1, &scale) < 0) {
            err_set(e, ERR_INVALID_ARG, ERRDOM_NONE, "unknown suffix '%s'",
                    xml_attr(size, "unit"));
            return -1;
        }
        if (v && v > ~0ULL / scale) {
            err_set(e, ERR_NUMERICAL_OVERFLOW, ERRDOM_NONE,
                    "value too large: %llu%s", v, xml_attr(size, "unit"));
            return -1;
        }
        sh->size = v * scale;
    }
    if ((sh->server = server != NULL) &&
        tdrv_xp_dup(&sh->server_path, xml_attr(server, "path"), e) < 0)
        return -1;
    if (msi && !server) {
        err_set(e, ERR_XML_ERROR, ERRDOM_DOMAIN,
                "msi option is only supported with a server");
        return -1;
    }
    if ((sh->msi = msi != NULL) &&
        (tdrv_xp_uint_attr(msi, "vectors", &sh->msi_vectors, e) < 0 ||
         tdrv_xp_enum_nonzero(msi, "ioeventfd", on_off, &sh->msi_ioeventfd,
                              e) < 0))
        return -1;
    tdrv_parse_address(n, &sh->addr, NULL);
    return 0;
}

/* <vsock model><cid auto address/>: one at most; auto defaults to "no"
 * with an address, else "yes". */
static int
tdrv_vsock_parse(const struct xml_node *devs, struct tdrv_vsock *v,
                 struct err *e)
{
    static const char *const models[] = { "default", "virtio", NULL };
    static const char *const yes_no[] = { "absent", "yes", "no", NULL };
    const struct xml_node *n = xml_child(devs, "vsock"), *cid;

    if (!n)
        return 0;
    if (xml_next_named(n)) {
        err_set(e, ERR_XML_ERROR, ERRDOM_DOMAIN,
                "only a single vsock device is supported");
        return -1;
    }
    cid = xml_child(n, "cid");
    if (tdrv_xp_enum(n, "model", models, &v->model, e) < 0 ||
        (cid && (tdrv_xp_enum_nonzero(cid, "auto", yes_no, &v->cid_auto,
                                      e) < 0 ||
                 tdrv_xp_uint_attr(cid, "address", &v->cid, e) < 0)))
        return -1;
    if (!v->cid_auto)
        v->cid_auto = v->cid ? 2 : 1;
    tdrv_parse_address(n, &v->addr, NULL);
    v->set = true;
    return 0;
}

int
tdrv_parse_sys_devices(const struct xml_node *devs, struct tdrv_domdef *def,
                       struct err *e)
{
    const struct xml_node *n;
    size_t nt, nw, np;

    if (tdrv_xp_count(devs, "tpm", TDRV_XP_ELEMS_MAX, &nt, e) < 0 ||
        tdrv_xp_count(devs, "watchdog", TDRV_XP_ELEMS_MAX, &nw, e) < 0 ||
        tdrv_xp_count(devs, "panic", TDRV_XP_ELEMS_MAX, &np, e) < 0)
        return -1;
    if ((nt && !(def->tpms = calloc(nt, sizeof(*def->tpms)))) ||
        (np && !(def->panics = calloc(np, sizeof(*def->panics)))))
        return tdrv_oom(e);
    for (n = xml_child(devs, "tpm"); n; n = xml_next_named(n))
        if (tdrv_tpm_parse(n, &def->tpms[def->ntpms++], e) < 0)
            return -1;
    if (nw > 1) {
        err_set(e, ERR_INTERNAL_ERROR, ERRDOM_DOMAIN,
                "only a single watchdog device is supported");
        return -1;
    }
    if (nw && tdrv_watchdog_parse(xml_child(devs, "watchdog"),
                                  &def->watchdog, e) < 0)
        return -1;
    for (n = xml_child(devs, "panic"); n; n = xml_next_named(n))
        if (tdrv_panic_parse(n, &def->panics[def->npanics++], e) < 0)
            return -1;
    if (tdrv_xp_count(devs, "shmem", TDRV_XP_ELEMS_MAX, &np, e) < 0)
        return -1;
    if (np && !(def->shmems = calloc(np, sizeof(*def->shmems))))
        return tdrv_oom(e);
    for (n = xml_child(devs, "shmem"); n; n = xml_next_named(n))
        if (tdrv_shmem_parse(n, &def->shmems[def->nshmems++], e) < 0)
            return -1;
    return tdrv_vsock_parse(devs, &def->vsock, e);
}
