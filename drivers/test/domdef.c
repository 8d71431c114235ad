/*
 * domdef.c: freeing and deep-copying domain definitions. A running
 * persistent domain keeps two of them (the live one and the persistent
 * config, as libvirt's virDomainObjSetDefTransient does), so starting a
 * domain copies its definition.
 *
 * Pure functions on unshared data; callers hold the state lock when the
 * definitions belong to the state.
 */
#include "drivers/test/test_priv.h"

#include <stdlib.h>
#include <string.h>

static void
tdrv_disk_release(struct tdrv_disk *disk)
{
    free(disk->type);
    free(disk->device);
    free(disk->driver_name);
    free(disk->driver_type);
    free(disk->driver_cache);
    free(disk->driver_io);
    free(disk->driver_discard);
    free(disk->source);
    free(disk->dst);
    free(disk->bus);
    free(disk->iotune.group);
}

static void
tdrv_nic_release(struct tdrv_nic *nic)
{
    free(nic->type);
    free(nic->source);
    free(nic->portgroup);
    free(nic->ifname);
    free(nic->model);
}

static void
tdrv_chrs_free(struct tdrv_chr *v, size_t n)
{
    for (size_t i = 0; v && i < n; i++) {
        free(v[i].type);
        free(v[i].mode);
        free(v[i].path);
        free(v[i].target);
        free(v[i].name);
    }
    free(v);
}

static void
tdrv_gfx_free(struct tdrv_domdef *def)
{
    tdrv_chrs_free(def->serials, def->nserials);
    tdrv_chrs_free(def->consoles, def->nconsoles);
    tdrv_chrs_free(def->channels, def->nchannels);
    for (size_t i = 0; def->rngs && i < def->nrngs; i++) {
        free(def->rngs[i].model);
        free(def->rngs[i].path);
    }
    free(def->rngs);
    for (size_t i = 0; def->fss && i < def->nfss; i++) {
        free(def->fss[i].binary_path);
        free(def->fss[i].source);
        free(def->fss[i].target);
    }
    free(def->fss);
    for (size_t i = 0; def->shmems && i < def->nshmems; i++) {
        free(def->shmems[i].name);
        free(def->shmems[i].server_path);
    }
    free(def->shmems);
    for (size_t i = 0; def->tpms && i < def->ntpms; i++)
        free(def->tpms[i].path);
    free(def->tpms);
    free(def->panics);
    for (size_t i = 0; def->graphics && i < def->ngraphics; i++) {
        free(def->graphics[i].type);
        free(def->graphics[i].listen);
        free(def->graphics[i].keymap);
        free(def->graphics[i].passwd);
    }
    free(def->graphics);
    for (size_t i = 0; def->videos && i < def->nvideos; i++)
        free(def->videos[i].model);
    free(def->videos);
}

void
tdrv_domdef_free(struct tdrv_domdef *def)
{
    if (!def)
        return;
    free(def->virt_type);
    free(def->name);
    free(def->title);
    free(def->description);
    free(def->cpuset);
    for (size_t i = 0; i < def->npins; i++)
        free(def->pins[i].cpuset);
    free(def->pins);
    free(def->emulatorpin);
    tdrv_iothreads_free(def);
    free(def->os_type);
    free(def->arch);
    free(def->machine);
    for (size_t i = 0; i < def->nboot; i++)
        free(def->boot[i]);
    free(def->clock_offset);
    for (size_t i = 0; def->disks && i < def->ndisks; i++)
        tdrv_disk_release(&def->disks[i]);
    free(def->disks);
    for (size_t i = 0; def->ctrls && i < def->nctrls; i++) {
        free(def->ctrls[i].type);
        free(def->ctrls[i].model);
    }
    free(def->ctrls);
    for (size_t i = 0; def->nics && i < def->nnics; i++)
        tdrv_nic_release(&def->nics[i]);
    free(def->nics);
    free(def->emulator);
    tdrv_cpu_release(&def->cpu);
    tdrv_gfx_free(def);
    for (size_t i = 0; def->inputs && i < def->ninputs; i++) {
        free(def->inputs[i].type);
        free(def->inputs[i].bus);
    }
    free(def->inputs);
    for (size_t i = 0; def->sounds && i < def->nsounds; i++)
        free(def->sounds[i]);
    free(def->sounds);
    free(def->balloon_model);
    tdrv_tune_release(def);
    free(def);
}

/* strdup of an optional string; a failure is remembered in *oom. */
static char *
tdrv_dup(const char *s, bool *oom)
{
    char *p;

    if (!s)
        return NULL;
    if (!(p = strdup(s)))
        *oom = true;
    return p;
}

/* Copy @n elements of @size bytes (the pointers inside are fixed up by
 * the caller); NULL for none. */
static void *
tdrv_dup_array(const void *v, size_t n, size_t size, bool *oom)
{
    void *p;

    if (n == 0)
        return NULL;
    if (!(p = calloc(n, size))) {
        *oom = true;
        return NULL;
    }
    memcpy(p, v, n * size);
    return p;
}

static void
tdrv_disks_copy(struct tdrv_domdef *to, const struct tdrv_domdef *from,
                bool *oom)
{
    to->disks = tdrv_dup_array(from->disks, from->ndisks,
                               sizeof(*to->disks), oom);
    to->ndisks = to->disks ? from->ndisks : 0;
    for (size_t i = 0; i < to->ndisks; i++) {
        struct tdrv_disk *d = &to->disks[i];
        const struct tdrv_disk *s = &from->disks[i];

        d->type = tdrv_dup(s->type, oom);
        d->device = tdrv_dup(s->device, oom);
        d->driver_name = tdrv_dup(s->driver_name, oom);
        d->driver_type = tdrv_dup(s->driver_type, oom);
        d->driver_cache = tdrv_dup(s->driver_cache, oom);
        d->driver_io = tdrv_dup(s->driver_io, oom);
        d->driver_discard = tdrv_dup(s->driver_discard, oom);
        d->source = tdrv_dup(s->source, oom);
        d->dst = tdrv_dup(s->dst, oom);
        d->bus = tdrv_dup(s->bus, oom);
        d->iotune.group = tdrv_dup(s->iotune.group, oom);
    }
}

static void
tdrv_devs_copy(struct tdrv_domdef *to, const struct tdrv_domdef *from,
               bool *oom)
{
    tdrv_disks_copy(to, from, oom);
    to->ctrls = tdrv_dup_array(from->ctrls, from->nctrls,
                               sizeof(*to->ctrls), oom);
    to->nctrls = to->ctrls ? from->nctrls : 0;
    for (size_t i = 0; i < to->nctrls; i++) {
        to->ctrls[i].type = tdrv_dup(from->ctrls[i].type, oom);
        to->ctrls[i].model = tdrv_dup(from->ctrls[i].model, oom);
    }
    to->nics = tdrv_dup_array(from->nics, from->nnics, sizeof(*to->nics),
                              oom);
    to->nnics = to->nics ? from->nnics : 0;
    for (size_t i = 0; i < to->nnics; i++) {
        struct tdrv_nic *d = &to->nics[i];
        const struct tdrv_nic *s = &from->nics[i];

        d->type = tdrv_dup(s->type, oom);
        d->source = tdrv_dup(s->source, oom);
        d->portgroup = tdrv_dup(s->portgroup, oom);
        d->ifname = tdrv_dup(s->ifname, oom);
        d->model = tdrv_dup(s->model, oom);
    }
    to->emulator = tdrv_dup(from->emulator, oom);
    to->inputs = tdrv_dup_array(from->inputs, from->ninputs,
                                sizeof(*to->inputs), oom);
    to->ninputs = to->inputs ? from->ninputs : 0;
    for (size_t i = 0; i < to->ninputs; i++) {
        to->inputs[i].type = tdrv_dup(from->inputs[i].type, oom);
        to->inputs[i].bus = tdrv_dup(from->inputs[i].bus, oom);
    }
    to->sounds = tdrv_dup_array(from->sounds, from->nsounds,
                                sizeof(*to->sounds), oom);
    to->nsounds = to->sounds ? from->nsounds : 0;
    for (size_t i = 0; i < to->nsounds; i++)
        to->sounds[i] = tdrv_dup(from->sounds[i], oom);
    to->balloon_model = tdrv_dup(from->balloon_model, oom);
    to->panics = tdrv_dup_array(from->panics, from->npanics,
                                sizeof(*to->panics), oom);
    to->npanics = to->panics ? from->npanics : 0;
    to->fss = tdrv_dup_array(from->fss, from->nfss, sizeof(*to->fss), oom);
    to->nfss = to->fss ? from->nfss : 0;
    for (size_t i = 0; i < to->nfss; i++) {
        to->fss[i].binary_path = tdrv_dup(from->fss[i].binary_path, oom);
        to->fss[i].source = tdrv_dup(from->fss[i].source, oom);
        to->fss[i].target = tdrv_dup(from->fss[i].target, oom);
    }
    to->shmems = tdrv_dup_array(from->shmems, from->nshmems,
                                sizeof(*to->shmems), oom);
    to->nshmems = to->shmems ? from->nshmems : 0;
    for (size_t i = 0; i < to->nshmems; i++) {
        to->shmems[i].name = tdrv_dup(from->shmems[i].name, oom);
        to->shmems[i].server_path = tdrv_dup(from->shmems[i].server_path,
                                             oom);
    }
    to->tpms = tdrv_dup_array(from->tpms, from->ntpms, sizeof(*to->tpms),
                              oom);
    to->ntpms = to->tpms ? from->ntpms : 0;
    for (size_t i = 0; i < to->ntpms; i++)
        to->tpms[i].path = tdrv_dup(from->tpms[i].path, oom);
}

static struct tdrv_chr *
tdrv_chrs_copy(const struct tdrv_chr *from, size_t n, size_t *nout,
               bool *oom)
{
    struct tdrv_chr *to = tdrv_dup_array(from, n, sizeof(*to), oom);

    *nout = to ? n : 0;
    for (size_t i = 0; i < *nout; i++) {
        to[i].type = tdrv_dup(from[i].type, oom);
        to[i].mode = tdrv_dup(from[i].mode, oom);
        to[i].path = tdrv_dup(from[i].path, oom);
        to[i].target = tdrv_dup(from[i].target, oom);
        to[i].name = tdrv_dup(from[i].name, oom);
    }
    return to;
}

static void
tdrv_gfx_copy(struct tdrv_domdef *to, const struct tdrv_domdef *from,
              bool *oom)
{
    to->serials = tdrv_chrs_copy(from->serials, from->nserials,
                                 &to->nserials, oom);
    to->consoles = tdrv_chrs_copy(from->consoles, from->nconsoles,
                                  &to->nconsoles, oom);
    to->channels = tdrv_chrs_copy(from->channels, from->nchannels,
                                  &to->nchannels, oom);
    to->rngs = tdrv_dup_array(from->rngs, from->nrngs, sizeof(*to->rngs),
                              oom);
    to->nrngs = to->rngs ? from->nrngs : 0;
    for (size_t i = 0; i < to->nrngs; i++) {
        to->rngs[i].model = tdrv_dup(from->rngs[i].model, oom);
        to->rngs[i].path = tdrv_dup(from->rngs[i].path, oom);
    }
    to->graphics = tdrv_dup_array(from->graphics, from->ngraphics,
                                  sizeof(*to->graphics), oom);
    to->ngraphics = to->graphics ? from->ngraphics : 0;
    for (size_t i = 0; i < to->ngraphics; i++) {
        struct tdrv_graphics *d = &to->graphics[i];
        const struct tdrv_graphics *g = &from->graphics[i];

        d->type = tdrv_dup(g->type, oom);
        d->listen = tdrv_dup(g->listen, oom);
        d->keymap = tdrv_dup(g->keymap, oom);
        d->passwd = tdrv_dup(g->passwd, oom);
    }
    to->videos = tdrv_dup_array(from->videos, from->nvideos,
                                sizeof(*to->videos), oom);
    to->nvideos = to->videos ? from->nvideos : 0;
    for (size_t i = 0; i < to->nvideos; i++)
        to->videos[i].model = tdrv_dup(from->videos[i].model, oom);
}

struct tdrv_domdef *
tdrv_domdef_copy(const struct tdrv_domdef *from)
{
    struct tdrv_domdef *to = malloc(sizeof(*to));
    bool oom = false;

    if (!to)
        return NULL;
    *to = *from;                  /* scalars; every pointer is replaced */
    to->virt_type = tdrv_dup(from->virt_type, &oom);
    to->name = tdrv_dup(from->name, &oom);
    to->title = tdrv_dup(from->title, &oom);
    to->description = tdrv_dup(from->description, &oom);
    to->cpuset = tdrv_dup(from->cpuset, &oom);
    to->emulatorpin = tdrv_dup(from->emulatorpin, &oom);
    to->pins = NULL;
    to->npins = 0;
    if (from->npins && !oom) {
        if (!(to->pins = calloc(from->npins, sizeof(*to->pins))))
            oom = true;
        for (size_t i = 0; to->pins && i < from->npins; i++) {
            to->pins[i].vcpu = from->pins[i].vcpu;
            to->pins[i].cpuset = tdrv_dup(from->pins[i].cpuset, &oom);
            to->npins++;
        }
    }
    if (tdrv_iothreads_copy(to, from) < 0)
        oom = true;
    to->os_type = tdrv_dup(from->os_type, &oom);
    to->arch = tdrv_dup(from->arch, &oom);
    to->machine = tdrv_dup(from->machine, &oom);
    for (size_t i = 0; i < from->nboot; i++)
        to->boot[i] = tdrv_dup(from->boot[i], &oom);
    to->clock_offset = tdrv_dup(from->clock_offset, &oom);
    tdrv_devs_copy(to, from, &oom);
    tdrv_gfx_copy(to, from, &oom);
    /* both run: each replaces its pointers before it can fail */
    if (tdrv_tune_copy(to, from) < 0)
        oom = true;
    if (tdrv_cpu_copy(&to->cpu, &from->cpu) < 0)
        oom = true;
    if (oom) {
        tdrv_domdef_free(to);
        return NULL;
    }
    return to;
}

void
tdrv_dom_free(struct tdrv_dom *dom)
{
    if (!dom)
        return;
    tdrv_domdef_free(dom->def);
    tdrv_domdef_free(dom->newdef);
    for (size_t i = 0; i < dom->nsnaps; i++)
        tdrv_snap_free(dom->snaps[i]);
    free(dom->snaps);
    free(dom->polls);
    free(dom);
}
