/*
 * domain.c: test driver domain lookups and listings.
 *
 * Every entry point takes the state lock for its whole duration and copies
 * what it returns into the caller's arena before releasing it.
 */
#include "drivers/test/test_priv.h"

#include <string.h>

/* VIR_CONNECT_LIST_DOMAINS_* filter pairs (the "yes" and "no" flag of one
 * property), and all flags the test driver accepts. */
#define TDRV_LIST_ACTIVE        (1u << 0)
#define TDRV_LIST_INACTIVE      (1u << 1)
#define TDRV_LIST_PERSISTENT    (1u << 2)
#define TDRV_LIST_TRANSIENT     (1u << 3)
#define TDRV_LIST_RUNNING       (1u << 4)
#define TDRV_LIST_PAUSED        (1u << 5)
#define TDRV_LIST_SHUTOFF       (1u << 6)
#define TDRV_LIST_OTHER         (1u << 7)
#define TDRV_LIST_MANAGEDSAVE   (1u << 8)
#define TDRV_LIST_NO_MANAGEDSAVE (1u << 9)
#define TDRV_LIST_AUTOSTART     (1u << 10)
#define TDRV_LIST_NO_AUTOSTART  (1u << 11)
#define TDRV_LIST_HAS_SNAPSHOT  (1u << 12)
#define TDRV_LIST_NO_SNAPSHOT   (1u << 13)
#define TDRV_LIST_HAS_CHECKPOINT (1u << 14)
#define TDRV_LIST_NO_CHECKPOINT (1u << 15)
#define TDRV_LIST_ALL           0xffffu

struct tdrv_dom *
tdrv_dom_find_uuid(struct tdrv_state *st, const uint8_t *uuid)
{
    for (size_t i = 0; i < st->ndoms; i++)
        if (memcmp(st->doms[i]->def->uuid, uuid, DRV_UUID_LEN) == 0)
            return st->doms[i];
    return NULL;
}

struct tdrv_dom *
tdrv_dom_get(struct tdrv_state *st, const struct drv_dom *d, struct err *e)
{
    struct tdrv_dom *dom = tdrv_dom_find_uuid(st, d->uuid);
    char uuid[DRV_UUID_STRLEN + 1];

    if (!dom) {
        drv_uuid_format(d->uuid, uuid);
        err_set(e, ERR_NO_DOMAIN, ERRDOM_TEST,
                "no domain with matching uuid '%s' (%s)", uuid, d->name);
    }
    return dom;
}

struct tdrv_dom *
tdrv_dom_lock(struct drv_conn *c, const struct drv_dom *d, struct err *e)
{
    struct tdrv_state *st = tdrv_st(c);
    struct tdrv_dom *dom;

    pthread_mutex_lock(&st->lock);
    if (!(dom = tdrv_dom_get(st, d, e)))
        pthread_mutex_unlock(&st->lock);
    return dom;
}

void
tdrv_dom_unlock(struct drv_conn *c)
{
    pthread_mutex_unlock(&tdrv_st(c)->lock);
}

int
tdrv_dom_check_active(const struct tdrv_dom *dom, struct err *e)
{
    if (tdrv_dom_active(dom))
        return 0;
    err_set(e, ERR_OPERATION_INVALID, ERRDOM_DOMAIN, "domain is not running");
    return -1;
}

struct tdrv_dom *
tdrv_dom_lock_active(struct drv_conn *c, const struct drv_dom *d,
                     unsigned flags, unsigned supported, const char *func,
                     struct err *e)
{
    struct tdrv_dom *dom;

    if (drv_flags_unsupported(e, ERRDOM_TEST, func, flags, supported) ||
        !(dom = tdrv_dom_lock(c, d, e)))
        return NULL;
    if (tdrv_dom_check_active(dom, e) < 0) {
        tdrv_dom_unlock(c);
        return NULL;
    }
    return dom;
}

int
tdrv_dom_active_call(struct drv_conn *c, const struct drv_dom *d,
                     unsigned flags, const char *func, struct err *e)
{
    if (!tdrv_dom_lock_active(c, d, flags, 0, func, e))
        return -1;
    tdrv_dom_unlock(c);
    return 0;
}

int
tdrv_dom_impact(const struct tdrv_dom *dom, unsigned *flags, struct err *e)
{
    if (!(*flags & (TDRV_AFFECT_LIVE | TDRV_AFFECT_CONFIG)))
        *flags |= tdrv_dom_active(dom) ? TDRV_AFFECT_LIVE
                                       : TDRV_AFFECT_CONFIG;
    if ((*flags & TDRV_AFFECT_LIVE) && !tdrv_dom_active(dom)) {
        err_set(e, ERR_OPERATION_INVALID, ERRDOM_DOMAIN,
                "domain is not running");
        return -1;
    }
    if ((*flags & TDRV_AFFECT_CONFIG) && !dom->persistent) {
        err_set(e, ERR_OPERATION_INVALID, ERRDOM_DOMAIN,
                "transient domains do not have any persistent config");
        return -1;
    }
    return 0;
}

struct tdrv_domdef *
tdrv_dom_one_def(struct tdrv_dom *dom, unsigned flags, bool *live,
                 struct err *e)
{
    static const char excl[] = "Flags 'VIR_DOMAIN_AFFECT_LIVE' and "
                               "'VIR_DOMAIN_AFFECT_CONFIG' are mutually "
                               "exclusive";

    /* libvirt's invalid-argument reports carry no "invalid argument:" */
    if ((flags & TDRV_AFFECT_LIVE) && (flags & TDRV_AFFECT_CONFIG)) {
        err_set_raw(e, ERR_INVALID_ARG, ERRDOM_DOMAIN, excl, excl, NULL);
        return NULL;
    }
    if (tdrv_dom_impact(dom, &flags, e) < 0)
        return NULL;
    if (live)
        *live = flags & TDRV_AFFECT_LIVE;
    if ((flags & TDRV_AFFECT_CONFIG) && dom->newdef)
        return dom->newdef;
    return dom->def;
}

int
tdrv_dom_ident(const struct tdrv_dom *dom, struct arena *a,
               struct drv_dom *out)
{
    if (!(out->name = arena_strdup(a, dom->def->name)))
        return -1;
    memcpy(out->uuid, dom->def->uuid, DRV_UUID_LEN);
    out->id = dom->id;
    return 0;
}

static bool
tdrv_state_ok(unsigned flags, int state)
{
    bool other = state != DRV_DOM_RUNNING && state != DRV_DOM_PAUSED &&
                 state != DRV_DOM_SHUTOFF;
    unsigned mask = TDRV_LIST_RUNNING | TDRV_LIST_PAUSED |
                    TDRV_LIST_SHUTOFF | TDRV_LIST_OTHER;

    if (!(flags & mask))
        return true;
    return ((flags & TDRV_LIST_RUNNING) && state == DRV_DOM_RUNNING) ||
           ((flags & TDRV_LIST_PAUSED) && state == DRV_DOM_PAUSED) ||
           ((flags & TDRV_LIST_SHUTOFF) && state == DRV_DOM_SHUTOFF) ||
           ((flags & TDRV_LIST_OTHER) && other);
}

static bool
tdrv_dom_matches(const struct tdrv_dom *dom, unsigned flags)
{
    bool active = dom->id >= 0;

    /* the test driver keeps no checkpoints here */
    return tdrv_filter_pair(flags, TDRV_LIST_ACTIVE, TDRV_LIST_INACTIVE,
                        active) &&
           tdrv_filter_pair(flags, TDRV_LIST_PERSISTENT, TDRV_LIST_TRANSIENT,
                        dom->persistent) &&
           tdrv_state_ok(flags, dom->state) &&
           tdrv_filter_pair(flags, TDRV_LIST_MANAGEDSAVE,
                        TDRV_LIST_NO_MANAGEDSAVE, dom->managed_save) &&
           tdrv_filter_pair(flags, TDRV_LIST_AUTOSTART, TDRV_LIST_NO_AUTOSTART,
                        dom->autostart) &&
           tdrv_filter_pair(flags, TDRV_LIST_HAS_SNAPSHOT,
                        TDRV_LIST_NO_SNAPSHOT, dom->nsnaps > 0) &&
           tdrv_filter_pair(flags, TDRV_LIST_HAS_CHECKPOINT,
                        TDRV_LIST_NO_CHECKPOINT, false);
}

/* Copy the matching domains; caller holds st->lock. */
static int
tdrv_list_locked(struct tdrv_state *st, unsigned flags, struct arena *a,
                 struct drv_dom **out, int *n)
{
    struct drv_dom *v = arena_alloc(a, (st->ndoms + 1) * sizeof(*v));
    int k = 0;

    if (!v)
        return -1;
    for (size_t i = 0; i < st->ndoms; i++) {
        if (!tdrv_dom_matches(st->doms[i], flags))
            continue;
        if (tdrv_dom_ident(st->doms[i], a, &v[k++]) < 0)
            return -1;
    }
    *out = v;
    *n = k;
    return 0;
}

int
tdrv_list_all_domains(struct drv_conn *c, unsigned flags, struct arena *a,
                      struct drv_dom **out, int *n, struct err *e)
{
    struct tdrv_state *st = tdrv_st(c);
    int rc;

    if (drv_flags_unsupported(e, ERRDOM_TEST, "testConnectListAllDomains",
                              flags, TDRV_LIST_ALL)) {
        return -1;
    }
    pthread_mutex_lock(&st->lock);
    rc = tdrv_list_locked(st, flags, a, out, n);
    pthread_mutex_unlock(&st->lock);
    return rc < 0 ? tdrv_oom(e) : 0;
}

int
tdrv_num_of_domains(struct drv_conn *c, bool active, int *out,
                    struct err *e)
{
    struct tdrv_state *st = tdrv_st(c);
    int k = 0;

    (void)e;
    pthread_mutex_lock(&st->lock);
    for (size_t i = 0; i < st->ndoms; i++)
        k += (st->doms[i]->id >= 0) == active;
    pthread_mutex_unlock(&st->lock);
    *out = k;
    return 0;
}

int
tdrv_list_domain_ids(struct drv_conn *c, int max, struct arena *a,
                     int **out, int *n, struct err *e)
{
    struct tdrv_state *st = tdrv_st(c);
    int k = 0;

    pthread_mutex_lock(&st->lock);
    *out = arena_alloc(a, (st->ndoms + 1) * sizeof(**out));
    for (size_t i = 0; *out && i < st->ndoms && k < max; i++)
        if (st->doms[i]->id >= 0)
            (*out)[k++] = st->doms[i]->id;
    pthread_mutex_unlock(&st->lock);
    *n = k;
    return *out ? 0 : tdrv_oom(e);
}

int
tdrv_list_defined_domains(struct drv_conn *c, int max, struct arena *a,
                          const char ***out, int *n, struct err *e)
{
    struct tdrv_state *st = tdrv_st(c);
    bool oom = false;
    int k = 0;

    pthread_mutex_lock(&st->lock);
    *out = arena_alloc(a, (st->ndoms + 1) * sizeof(**out));
    oom = !*out;
    for (size_t i = 0; !oom && i < st->ndoms && k < max; i++) {
        if (st->doms[i]->id >= 0)
            continue;
        (*out)[k] = arena_strdup(a, st->doms[i]->def->name);
        oom = !(*out)[k++];
    }
    pthread_mutex_unlock(&st->lock);
    *n = k;
    return oom ? tdrv_oom(e) : 0;
}

/* The three lookups: find under the lock, copy the identity, or libvirt's
 * bare "Domain not found". */
static int
tdrv_lookup_result(struct tdrv_state *st, struct tdrv_dom *dom,
                   struct arena *a, struct drv_dom *out, struct err *e)
{
    int rc = dom ? tdrv_dom_ident(dom, a, out) : 0;

    pthread_mutex_unlock(&st->lock);
    if (!dom) {
        err_set(e, ERR_NO_DOMAIN, ERRDOM_TEST, NULL);
        return -1;
    }
    return rc < 0 ? tdrv_oom(e) : 0;
}

int
tdrv_dom_lookup_by_id(struct drv_conn *c, int id, struct arena *a,
                      struct drv_dom *out, struct err *e)
{
    struct tdrv_state *st = tdrv_st(c);
    struct tdrv_dom *dom = NULL;

    pthread_mutex_lock(&st->lock);
    for (size_t i = 0; !dom && i < st->ndoms; i++)
        if (st->doms[i]->id >= 0 && st->doms[i]->id == id)
            dom = st->doms[i];
    return tdrv_lookup_result(st, dom, a, out, e);
}

int
tdrv_dom_lookup_by_name(struct drv_conn *c, const char *name,
                        struct arena *a, struct drv_dom *out, struct err *e)
{
    struct tdrv_state *st = tdrv_st(c);
    struct tdrv_dom *dom = NULL;

    pthread_mutex_lock(&st->lock);
    for (size_t i = 0; !dom && i < st->ndoms; i++)
        if (strcmp(st->doms[i]->def->name, name) == 0)
            dom = st->doms[i];
    return tdrv_lookup_result(st, dom, a, out, e);
}

int
tdrv_dom_lookup_by_uuid(struct drv_conn *c, const uint8_t *uuid,
                        struct arena *a, struct drv_dom *out, struct err *e)
{
    struct tdrv_state *st = tdrv_st(c);

    pthread_mutex_lock(&st->lock);
    return tdrv_lookup_result(st, tdrv_dom_find_uuid(st, uuid), a, out, e);
}

/* -- bulk statistics -------------------------------------------------------- */

#define TDRV_STATS_STATE        0x1u       /* VIR_DOMAIN_STATS_STATE */
#define TDRV_STATS_IOTHREAD     0x80u      /* VIR_DOMAIN_STATS_IOTHREAD */
#define TDRV_STATS_SUPPORTED    (TDRV_STATS_STATE | TDRV_STATS_IOTHREAD)
#define TDRV_STATS_NOWAIT       (1u << 29)
#define TDRV_STATS_BACKING      (1u << 30)
#define TDRV_STATS_ENFORCE      (1u << 31)
#define TDRV_STATS_FILTERS      0xffu      /* active ... other */

/* One record: the state group (state.state, state.reason), then the
 * iothread group (domain_iothread.c). */
static int
tdrv_dom_stats_record(const struct tdrv_dom *dom, unsigned stats,
                      struct arena *a, struct drv_dom_stats *r)
{
    size_t room = 2 + 1 + 3 * dom->npolls;

    if (tdrv_dom_ident(dom, a, &r->dom) < 0)
        return -1;
    r->nparams = 0;
    if (!(r->params = arena_alloc(a, room * sizeof(*r->params))))
        return -1;
    memset(r->params, 0, room * sizeof(*r->params));
    if (stats & TDRV_STATS_STATE) {
        r->params[0].field = "state.state";
        r->params[0].type = DRV_TP_INT;
        r->params[0].i = dom->state;
        r->params[1].field = "state.reason";
        r->params[1].type = DRV_TP_INT;
        r->params[1].i = dom->reason;
        r->nparams = 2;
    }
    if (stats & TDRV_STATS_IOTHREAD)
        return tdrv_io_stats(dom, a, r);
    return 0;
}

/*
 * testConnectGetAllDomainStats: the domains of @doms in their order (by
 * uuid; unknown ones skipped, one named twice reported twice), or every
 * domain in definition order (libvirtd walks its hash table there, so
 * its order among several domains can differ), those passing the list
 * filters of @flags. Stats 0 means every supported group; with
 * ENFORCE_STATS an unsupported group is an error.
 */
int
tdrv_get_all_domain_stats(struct drv_conn *c, const struct drv_dom *doms,
                          int ndoms, unsigned stats, unsigned flags,
                          struct arena *a, struct drv_dom_stats **out, int *n,
                          struct err *e)
{
    struct tdrv_state *st = tdrv_st(c);
    struct drv_dom_stats *v;
    int k = 0;

    if (drv_flags_unsupported(e, ERRDOM_TEST, "testConnectGetAllDomainStats",
                              flags, TDRV_STATS_FILTERS | TDRV_STATS_NOWAIT |
                              TDRV_STATS_BACKING | TDRV_STATS_ENFORCE))
        return -1;
    if ((flags & TDRV_STATS_ENFORCE) && (stats & ~TDRV_STATS_SUPPORTED)) {
        err_set(e, ERR_ARGUMENT_UNSUPPORTED, ERRDOM_TEST,
                "Stats types bits 0x%x are not supported by this daemon",
                stats & ~TDRV_STATS_SUPPORTED);
        return -1;
    }
    if (!stats)
        stats = TDRV_STATS_SUPPORTED;
    pthread_mutex_lock(&st->lock);
    if (!doms)
        ndoms = (int)st->ndoms;
    v = arena_alloc(a, (size_t)(ndoms + 1) * sizeof(*v));
    for (int i = 0; v && i < ndoms; i++) {
        const struct tdrv_dom *dom = doms ? tdrv_dom_find_uuid(st, doms[i].uuid)
                                          : st->doms[i];

        if (!dom || !tdrv_dom_matches(dom, flags & TDRV_STATS_FILTERS))
            continue;
        if (tdrv_dom_stats_record(dom, stats, a, &v[k++]) < 0)
            v = NULL;
    }
    pthread_mutex_unlock(&st->lock);
    if (!v)
        return tdrv_oom(e);
    *out = v;
    *n = k;
    return 0;
}
