/*
 * objs.c: what the test driver's networks, storage pools and host
 * interfaces share (each starts with a struct tdrv_obj): lookups with
 * libvirt's not-found errors, counts, name lists, ListAll filtering, the
 * boolean getters and XML output. The tdrv_obj_* functions that take a
 * connection take the state lock themselves; the others expect the caller
 * to hold it.
 */
#include "drivers/test/test_priv.h"

#include <string.h>

struct tdrv_kind_info {
    const char *noun;             /* in "no %s with matching ..." */
    int code;                     /* ERR_NO_* */
};

static const struct tdrv_kind_info tdrv_kinds[] = {
    [TDRV_K_NET] = { "network", ERR_NO_NETWORK },
    [TDRV_K_POOL] = { "storage pool", ERR_NO_STORAGE_POOL },
    [TDRV_K_IFACE] = { "interface", ERR_NO_INTERFACE },
    [TDRV_K_NODEDEV] = { "node device", ERR_NO_NODE_DEVICE },
};

/* The state's array of @kind. Caller holds st->lock. */
static struct tdrv_obj **
tdrv_kind_array(struct tdrv_state *st, enum tdrv_kind kind, size_t *n)
{
    switch (kind) {
    case TDRV_K_NET: *n = st->nnets; return st->nets;
    case TDRV_K_POOL: *n = st->npools; return st->pools;
    case TDRV_K_IFACE: *n = st->nifaces; return st->ifaces;
    case TDRV_K_NODEDEV: *n = st->nnodedevs; return st->nodedevs;
    }
    *n = 0;
    return NULL;
}

void
tdrv_obj_unlink(struct tdrv_state *st, enum tdrv_kind kind,
                struct tdrv_obj *o)
{
    size_t *n = kind == TDRV_K_NET ? &st->nnets
                : kind == TDRV_K_POOL ? &st->npools
                : kind == TDRV_K_NODEDEV ? &st->nnodedevs : &st->nifaces;
    struct tdrv_obj **v = tdrv_kind_array(st, kind, &(size_t){ 0 });

    for (size_t i = 0; i < *n; i++) {
        if (v[i] != o)
            continue;
        memmove(&v[i], &v[i + 1], (*n - i - 1) * sizeof(v[0]));
        (*n)--;
        return;
    }
}

struct tdrv_obj *
tdrv_obj_get(struct tdrv_state *st, enum tdrv_kind kind, const char *name,
             const uint8_t *uuid, struct err *e)
{
    size_t n;
    struct tdrv_obj **v = tdrv_kind_array(st, kind, &n);
    char s[DRV_UUID_STRLEN + 1];

    for (size_t i = 0; i < n; i++) {
        if (name && strcmp(v[i]->name, name) == 0)
            return v[i];
        if (!name && memcmp(v[i]->uuid, uuid, DRV_UUID_LEN) == 0)
            return v[i];
    }
    if (!name)
        drv_uuid_format(uuid, s);
    err_set(e, tdrv_kinds[kind].code, ERRDOM_TEST,
            "no %s with matching %s '%s'", tdrv_kinds[kind].noun,
            name ? "name" : "uuid", name ? name : s);
    return NULL;
}

int
tdrv_obj_num(struct drv_conn *c, enum tdrv_kind kind, bool active,
             int *out)
{
    struct tdrv_state *st = tdrv_st(c);
    struct tdrv_obj **v;
    size_t n;
    int k = 0;

    pthread_mutex_lock(&st->lock);
    v = tdrv_kind_array(st, kind, &n);
    for (size_t i = 0; i < n; i++)
        k += v[i]->active == active;
    pthread_mutex_unlock(&st->lock);
    *out = k;
    return 0;
}

/* Names of up to @max active (or inactive) objects; caller holds lock. */
static int
tdrv_obj_names_locked(struct tdrv_obj *const *v, size_t n, bool active,
                      int max, struct arena *a, const char ***out, int *nout)
{
    const char **names = arena_alloc(a, (n + 1) * sizeof(*names));
    int k = 0;

    if (!names)
        return -1;
    for (size_t i = 0; i < n && k < max; i++) {
        if (v[i]->active != active)
            continue;
        if (!(names[k++] = arena_strdup(a, v[i]->name)))
            return -1;
    }
    *out = names;
    *nout = k;
    return 0;
}

int
tdrv_obj_names(struct drv_conn *c, enum tdrv_kind kind, bool active,
               int max, struct arena *a, const char ***out, int *nout,
               struct err *e)
{
    struct tdrv_state *st = tdrv_st(c);
    struct tdrv_obj **v;
    size_t n;
    int rc;

    *nout = 0;
    pthread_mutex_lock(&st->lock);
    v = tdrv_kind_array(st, kind, &n);
    rc = tdrv_obj_names_locked(v, n, active, max, a, out, nout);
    pthread_mutex_unlock(&st->lock);
    return rc < 0 ? tdrv_oom(e) : 0;
}

static bool
tdrv_obj_matches(const struct tdrv_obj *o, unsigned flags)
{
    return tdrv_filter_pair(flags, TDRV_OBJ_ACTIVE, TDRV_OBJ_INACTIVE,
                            o->active) &&
           tdrv_filter_pair(flags, TDRV_OBJ_PERSISTENT, TDRV_OBJ_TRANSIENT,
                            o->persistent) &&
           tdrv_filter_pair(flags, TDRV_OBJ_AUTOSTART,
                            TDRV_OBJ_NO_AUTOSTART, o->autostart);
}

int
tdrv_obj_list(struct drv_conn *c, enum tdrv_kind kind, unsigned flags,
              bool (*keep)(const struct tdrv_obj *o, unsigned flags),
              tdrv_ident_fn *ident, size_t size, struct arena *a,
              void **out, int *nout, struct err *e)
{
    struct tdrv_state *st = tdrv_st(c);
    struct tdrv_obj **v;
    char *items;
    size_t n;
    int k = 0, rc = 0;

    pthread_mutex_lock(&st->lock);
    v = tdrv_kind_array(st, kind, &n);
    if (!(items = arena_alloc(a, (n + 1) * size)))
        rc = -1;
    for (size_t i = 0; rc == 0 && i < n; i++) {
        if (!tdrv_obj_matches(v[i], flags) || (keep && !keep(v[i], flags)))
            continue;
        rc = ident(v[i], a, items + (size_t)k++ * size);
    }
    pthread_mutex_unlock(&st->lock);
    *out = items;
    *nout = k;
    return rc < 0 ? tdrv_oom(e) : 0;
}

int
tdrv_obj_flag(struct drv_conn *c, enum tdrv_kind kind, const char *name,
              const uint8_t *uuid, enum tdrv_flag flag, int *out,
              struct err *e)
{
    struct tdrv_state *st = tdrv_st(c);
    struct tdrv_obj *o;

    pthread_mutex_lock(&st->lock);
    if ((o = tdrv_obj_get(st, kind, name, uuid, e))) {
        switch (flag) {
        case TDRV_F_ACTIVE: *out = o->active; break;
        case TDRV_F_PERSISTENT: *out = o->persistent; break;
        case TDRV_F_AUTOSTART: *out = o->autostart; break;
        }
    }
    pthread_mutex_unlock(&st->lock);
    return o ? 0 : -1;
}

int
tdrv_obj_xml(struct drv_conn *c, enum tdrv_kind kind, const char *name,
             tdrv_format_fn *format, struct arena *a, char **out,
             struct err *e)
{
    struct tdrv_state *st = tdrv_st(c);
    struct tdrv_obj *o;
    struct xmlw w;

    xmlw_init(&w);
    pthread_mutex_lock(&st->lock);
    if ((o = tdrv_obj_get(st, kind, name, NULL, e)))
        format(&w, o);
    pthread_mutex_unlock(&st->lock);
    if (!o) {
        xmlw_release(&w);
        return -1;
    }
    return tdrv_xml_result(&w, a, out, e);
}
