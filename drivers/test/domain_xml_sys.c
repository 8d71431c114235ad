/*
 * domain_xml_sys.c: the <filesystem>, <tpm>, <watchdog>, <panic>,
 * <shmem> and <vsock> devices of a domain's XML, as libvirt 9.0 formats
 * them (a default-model panic without an address prints nothing, as
 * libvirt drops an element with neither attributes nor children).
 *
 * Pure; the caller holds whatever lock guards @def.
 */
#include "drivers/test/test_priv.h"

static void
tdrv_fmt_tpm(struct xmlw *w, const struct tdrv_tpm *t)
{
    static const char *const versions[] = { NULL, "1.2", "2.0" };

    xmlw_start(w, "tpm");
    if (t->model > 0)
        xmlw_attr(w, "model", tdrv_tpm_models[t->model]);
    xmlw_open(w);
    xmlw_start(w, "backend");
    xmlw_attr(w, "type", t->backend ? "emulator" : "passthrough");
    if (t->backend == 0) {
        xmlw_open(w);
        xmlw_start(w, "device");
        xmlw_attr(w, "path", t->path);
        xmlw_empty(w);
        xmlw_close(w, "backend");
    } else {
        if (t->version > 0)
            xmlw_attr(w, "version", versions[t->version]);
        if (t->persistent)
            xmlw_attr(w, "persistent_state", "yes");
        xmlw_empty(w);
    }
    tdrv_fmt_pci(w, &t->addr);
    xmlw_close(w, "tpm");
}

void
tdrv_fmt_tpms(struct xmlw *w, const struct tdrv_domdef *def)
{
    for (size_t i = 0; i < def->ntpms; i++)
        tdrv_fmt_tpm(w, &def->tpms[i]);
}

void
tdrv_fmt_watchdog(struct xmlw *w, const struct tdrv_domdef *def)
{
    const struct tdrv_watchdog *wd = &def->watchdog;

    if (!wd->set)
        return;
    xmlw_start(w, "watchdog");
    xmlw_attr(w, "model", tdrv_watchdog_models[wd->model]);
    xmlw_attr(w, "action", tdrv_watchdog_actions[wd->action]);
    if (!wd->addr.set) {
        xmlw_empty(w);
        return;
    }
    xmlw_open(w);
    tdrv_fmt_pci(w, &wd->addr);
    xmlw_close(w, "watchdog");
}

static void
tdrv_fmt_panic(struct xmlw *w, const struct tdrv_panic *p)
{
    if (!p->model && !p->isa && !p->addr.set)
        return;
    xmlw_start(w, "panic");
    if (p->model > 0)
        xmlw_attr(w, "model", tdrv_panic_models[p->model]);
    if (!p->isa && !p->addr.set) {
        xmlw_empty(w);
        return;
    }
    xmlw_open(w);
    if (p->isa) {
        xmlw_start(w, "address");
        xmlw_attr(w, "type", "isa");
        if (p->has_iobase)
            xmlw_attrf(w, "iobase", "0x%x", p->iobase);
        if (p->has_irq)
            xmlw_attrf(w, "irq", "0x%x", p->irq);
        xmlw_empty(w);
    }
    tdrv_fmt_pci(w, &p->addr);
    xmlw_close(w, "panic");
}

void
tdrv_fmt_panics(struct xmlw *w, const struct tdrv_domdef *def)
{
    for (size_t i = 0; i < def->npanics; i++)
        tdrv_fmt_panic(w, &def->panics[i]);
}

static void
tdrv_fmt_fs_driver(struct xmlw *w, const struct tdrv_fs *fs)
{
    if (!fs->driver)
        return;
    xmlw_start(w, "driver");
    xmlw_attr(w, "type", tdrv_fs_drivers[fs->driver]);
    if (fs->format)
        xmlw_attr(w, "format", tdrv_vol_formats[fs->format]);
    if (fs->queue)
        xmlw_attrf(w, "queue", "%llu", fs->queue);
    if (fs->wrpolicy)
        xmlw_attr(w, "wrpolicy", tdrv_fs_wrpolicies[fs->wrpolicy]);
    xmlw_empty(w);
    if (fs->binary_path || fs->xattr) {
        xmlw_start(w, "binary");
        if (fs->binary_path)
            xmlw_attr(w, "path", fs->binary_path);
        if (fs->xattr)
            xmlw_attr(w, "xattr", fs->xattr == 1 ? "on" : "off");
        xmlw_empty(w);
    }
}

static void
tdrv_fmt_fs(struct xmlw *w, const struct tdrv_fs *fs)
{
    static const char *const attr[] = {
        "dir", "dev", "file", "name", NULL, "dir",
    };

    xmlw_start(w, "filesystem");
    xmlw_attr(w, "type", tdrv_fs_types[fs->type]);
    xmlw_attr(w, "accessmode", tdrv_fs_accessmodes[fs->accessmode]);
    xmlw_open(w);
    tdrv_fmt_fs_driver(w, fs);
    xmlw_start(w, "source");
    if (attr[fs->type]) {
        xmlw_attr(w, attr[fs->type], fs->source);
    } else {
        xmlw_attrf(w, "usage", "%llu", fs->usage);
        xmlw_attr(w, "units", "KiB");
    }
    xmlw_empty(w);
    xmlw_start(w, "target");
    xmlw_attr(w, "dir", fs->target);
    xmlw_empty(w);
    if (fs->readonly)
        xmlw_line(w, "<readonly/>");
    tdrv_fmt_pci(w, &fs->addr);
    xmlw_close(w, "filesystem");
}

void
tdrv_fmt_filesystems(struct xmlw *w, const struct tdrv_domdef *def)
{
    for (size_t i = 0; i < def->nfss; i++)
        tdrv_fmt_fs(w, &def->fss[i]);
}

void
tdrv_fmt_vsock(struct xmlw *w, const struct tdrv_domdef *def)
{
    const struct tdrv_vsock *v = &def->vsock;

    if (!v->set)
        return;
    xmlw_start(w, "vsock");
    if (v->model)
        xmlw_attr(w, "model", "virtio");
    xmlw_open(w);
    xmlw_start(w, "cid");
    xmlw_attr(w, "auto", v->cid_auto == 1 ? "yes" : "no");
    if (v->cid)
        xmlw_attrf(w, "address", "%u", v->cid);
    xmlw_empty(w);
    tdrv_fmt_pci(w, &v->addr);
    xmlw_close(w, "vsock");
}

static void
tdrv_fmt_shmem(struct xmlw *w, const struct tdrv_shmem *sh)
{
    static const char *const models[] = {
        "ivshmem", "ivshmem-plain", "ivshmem-doorbell",
    };
    static const char *const roles[] = { NULL, "master", "peer" };

    xmlw_start(w, "shmem");
    xmlw_attr(w, "name", sh->name);
    if (sh->role)
        xmlw_attr(w, "role", roles[sh->role]);
    xmlw_open(w);
    xmlw_start(w, "model");
    xmlw_attr(w, "type", models[sh->model]);
    xmlw_empty(w);
    if (sh->size) {
        xmlw_start(w, "size");
        xmlw_attr(w, "unit", "M");
        xmlw_text(w, "size", "%llu", sh->size >> 20);
    }
    if (sh->server) {
        xmlw_start(w, "server");
        if (sh->server_path)
            xmlw_attr(w, "path", sh->server_path);
        xmlw_empty(w);
    }
    if (sh->msi) {
        xmlw_start(w, "msi");
        if (sh->msi_vectors)
            xmlw_attrf(w, "vectors", "%u", sh->msi_vectors);
        if (sh->msi_ioeventfd)
            xmlw_attr(w, "ioeventfd", sh->msi_ioeventfd == 1 ? "on" : "off");
        xmlw_empty(w);
    }
    tdrv_fmt_pci(w, &sh->addr);
    xmlw_close(w, "shmem");
}

void
tdrv_fmt_shmems(struct xmlw *w, const struct tdrv_domdef *def)
{
    for (size_t i = 0; i < def->nshmems; i++)
        tdrv_fmt_shmem(w, &def->shmems[i]);
}
