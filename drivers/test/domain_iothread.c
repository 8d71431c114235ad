/*
 * domain_iothread.c: a domain's IOThreads as libvirt 9.0's test driver
 * serves them: virDomainGetIOThreadInfo (an IOThread's map is its
 * pinning, else the domain's <vcpu cpuset>, else its current vCPUs),
 * virDomainPinIOThread, virDomainAddIOThread and virDomainDelIOThread
 * (the definition LIVE or CONFIG selects), and
 * virDomainSetIOThreadParams (the current definition only).
 *
 * Besides the definitions, the driver keeps per domain object the
 * polling parameters of the IOThreads virDomainAddIOThread added, live
 * or config alike (tdrv_dom.polls): a delete drops the first entry of
 * its id, a set changes it (and fails with no error set when there is
 * none, as libvirt's does), and the "iothread" statistics list them.
 * None of these calls emits an event.
 *
 * Worker threads; each call holds the state lock for its duration.
 */
#include "drivers/test/test_priv.h"
#include "drivers/test/xmlp.h"

#include <stdlib.h>
#include <string.h>

#define TDRV_IO_POLL_MAX_NS 32768      /* a new IOThread's poll-max-ns */
#define TDRV_IO_SET_MAP     2048       /* a whole cpuset (16384 CPUs) */
#define TDRV_IO_VCPU_BITS   16384      /* a default map's most CPUs */

/* One IOThread's map into @out, from @a: its bytes up to the last CPU
 * set (virBitmapToData). */
static int
tdrv_io_map(const struct tdrv_domdef *def, const struct tdrv_iothread *io,
            struct arena *a, struct drv_iothread_info *out)
{
    const char *set = io->cpuset ? io->cpuset : def->cpuset;
    uint8_t buf[TDRV_IO_SET_MAP];
    unsigned bits;
    int len = 1;

    out->id = io->id;
    if (set) {
        tdrv_bitmap_to_map(set, buf, sizeof(buf));
        for (int i = (int)sizeof(buf) - 1; i >= 0; i--)
            if (buf[i]) {
                len = i + 1;
                break;
            }
        if (!(out->map = arena_alloc(a, (size_t)len)))
            return -1;
        memcpy(out->map, buf, (size_t)len);
    } else {
        bits = def->vcpus < TDRV_IO_VCPU_BITS ? def->vcpus : TDRV_IO_VCPU_BITS;
        len = bits ? (int)(bits + 7) / 8 : 1;
        if (!(out->map = arena_alloc(a, (size_t)len)))
            return -1;
        memset(out->map, 0, (size_t)len);
        for (unsigned i = 0; i < bits; i++)
            out->map[i / 8] |= (uint8_t)(1u << (i % 8));
    }
    out->maplen = len;
    return 0;
}

/* testDomainGetIOThreadInfo */
int
tdrv_dom_get_iothread_info(struct drv_conn *c, const struct drv_dom *d,
                           unsigned flags, struct arena *a,
                           struct drv_iothread_info **out, int *n,
                           struct err *e)
{
    const struct tdrv_domdef *def;
    struct drv_iothread_info *v = NULL;
    struct tdrv_dom *dom;
    int rc = -1;

    if (drv_flags_unsupported(e, ERRDOM_TEST, "testDomainGetIOThreadInfo",
                              flags, TDRV_AFFECT_LIVE | TDRV_AFFECT_CONFIG))
        return -1;
    if (!(dom = tdrv_dom_lock(c, d, e)))
        return -1;
    if ((def = tdrv_dom_one_def(dom, flags, NULL, e))) {
        rc = 0;
        if (def->niothreads &&
            !(v = arena_alloc(a, def->niothreads * sizeof(*v))))
            rc = tdrv_oom(e);
        for (size_t i = 0; rc == 0 && i < def->niothreads; i++)
            if (tdrv_io_map(def, &def->iothreads[i], a, &v[i]) < 0)
                rc = tdrv_oom(e);
        *n = rc == 0 ? (int)def->niothreads : 0;
    }
    tdrv_dom_unlock(c);
    *out = v;
    return rc;
}

/* testDomainPinIOThread: the map must have a CPU, the IOThread must be
 * there; it is no longer one numbered by <iothreads> alone. */
int
tdrv_dom_pin_iothread(struct drv_conn *c, const struct drv_dom *d,
                      unsigned id, const uint8_t *map, int maplen,
                      unsigned flags, struct err *e)
{
    struct tdrv_iothread *io;
    struct tdrv_domdef *def;
    char *set;

    if (!(def = tdrv_pin_begin(c, d, map, maplen, flags,
                               "testDomainPinIOThread",
                               "Empty iothread cpumap list for pinning",
                               &set, e)))
        return -1;
    if ((io = tdrv_iothread_find(def, id))) {
        free(io->cpuset);
        io->cpuset = set;
        io->autofill = false;
    } else {
        free(set);
        err_set(e, ERR_INVALID_ARG, ERRDOM_TEST, "iothreadid %d not found",
                (int)id);
    }
    tdrv_dom_unlock(c);
    return io ? 0 : -1;
}

/* virDomainIOThreadIDAdd on @def and a new entry in dom->polls. */
static int
tdrv_io_add(struct tdrv_dom *dom, struct tdrv_domdef *def, unsigned id,
            struct err *e)
{
    struct tdrv_iothread *v;
    struct tdrv_iopoll *p;

    if (tdrv_iothread_find(def, id)) {
        err_set(e, ERR_INVALID_ARG, ERRDOM_DOMAIN,
                "an IOThread is already using iothread_id '%u'", id);
        return -1;
    }
    if (def->niothreads >= TDRV_IOTHREADS_MAX ||
        dom->npolls >= TDRV_IOTHREADS_MAX) {
        err_set(e, ERR_CONFIG_UNSUPPORTED, ERRDOM_NONE,
                "too many IOThreads (at most %d)", TDRV_IOTHREADS_MAX);
        return -1;
    }
    if (!(v = realloc(def->iothreads, (def->niothreads + 1) * sizeof(*v))))
        return tdrv_oom(e);
    def->iothreads = v;
    if (!(p = realloc(dom->polls, (dom->npolls + 1) * sizeof(*p))))
        return tdrv_oom(e);
    dom->polls = p;
    v[def->niothreads++] = (struct tdrv_iothread){
        .id = id, .pool_min = -1, .pool_max = -1,
    };
    p[dom->npolls++] = (struct tdrv_iopoll){
        .id = id, .max_ns = TDRV_IO_POLL_MAX_NS,
    };
    return 0;
}

/* virDomainIOThreadIDDel on @def; the first entry of @id in dom->polls
 * goes too. */
static int
tdrv_io_del(struct tdrv_dom *dom, struct tdrv_domdef *def, unsigned id,
            struct err *e)
{
    struct tdrv_iothread *io = tdrv_iothread_find(def, id);
    size_t i;

    if (!io) {
        err_set(e, ERR_INVALID_ARG, ERRDOM_DOMAIN,
                "cannot find IOThread '%u' in iothreadids list", id);
        return -1;
    }
    i = (size_t)(io - def->iothreads);
    free(io->cpuset);
    memmove(io, io + 1, (def->niothreads - i - 1) * sizeof(*io));
    def->niothreads--;
    for (i = 0; i < dom->npolls; i++)
        if (dom->polls[i].id == id) {
            memmove(&dom->polls[i], &dom->polls[i + 1],
                    (dom->npolls - i - 1) * sizeof(*dom->polls));
            dom->npolls--;
            break;
        }
    return 0;
}

/* testDomainAddIOThread and testDomainDelIOThread (the public API has
 * refused LIVE with CONFIG, and id 0 for a delete). */
int
tdrv_dom_iothread_change(struct drv_conn *c, const struct drv_dom *d, int op,
                         unsigned id, unsigned flags, struct err *e)
{
    struct tdrv_domdef *def;
    struct tdrv_dom *dom;
    int rc = -1;

    if (drv_flags_unsupported(e, ERRDOM_TEST, op == DRV_IOTHREAD_ADD
                                                  ? "testDomainAddIOThread"
                                                  : "testDomainDelIOThread",
                              flags, TDRV_AFFECT_LIVE | TDRV_AFFECT_CONFIG))
        return -1;
    if (op == DRV_IOTHREAD_ADD && id == 0) {
        err_set(e, ERR_INVALID_ARG, ERRDOM_TEST,
                "invalid value of 0 for iothread_id");
        return -1;
    }
    if (!(dom = tdrv_dom_lock(c, d, e)))
        return -1;
    if ((def = tdrv_dom_one_def(dom, flags, NULL, e)))
        rc = op == DRV_IOTHREAD_ADD ? tdrv_io_add(dom, def, id, e)
                                    : tdrv_io_del(dom, def, id, e);
    tdrv_dom_unlock(c);
    return rc;
}

/* The polling parameters of @p from @params (checked). */
static int
tdrv_io_set_poll(struct tdrv_iopoll *p, const struct drv_tparam *params,
                 int nparams, struct err *e)
{
    static const struct drv_tparam_key keys[] = {
        { "poll_grow", DRV_TP_UINT },
        { "poll_max_ns", DRV_TP_ULLONG },
        { "poll_shrink", DRV_TP_UINT },
    };

    if (tdrv_tparams_check(params, nparams, keys, 3, e) < 0)
        return -1;
    for (int i = 0; i < nparams; i++) {
        if (strcmp(params[i].field, "poll_max_ns") == 0)
            p->max_ns = (uint64_t)params[i].i;
        else if (strcmp(params[i].field, "poll_grow") == 0)
            p->grow = (unsigned)params[i].i;
        else
            p->shrink = (unsigned)params[i].i;
    }
    return 0;
}

/* testDomainSetIOThreadParams: the current definition must have the
 * IOThread, and dom->polls an entry for it; without one libvirt's call
 * fails and sets no error, which libvirtd reports as below. */
int
tdrv_dom_set_iothread_params(struct drv_conn *c, const struct drv_dom *d,
                             unsigned id, const struct drv_tparam *params,
                             int nparams, unsigned flags, struct err *e)
{
    static const char unknown[] = "An error occurred, but the cause is "
                                  "unknown";
    struct tdrv_iopoll *p = NULL;
    struct tdrv_domdef *def;
    struct tdrv_dom *dom;
    int rc = -1;

    if (drv_flags_unsupported(e, ERRDOM_TEST, "testDomainSetIOThreadParams",
                              flags, TDRV_AFFECT_LIVE))
        return -1;
    if (id == 0) {
        err_set(e, ERR_INVALID_ARG, ERRDOM_TEST,
                "invalid value of 0 for iothread_id");
        return -1;
    }
    if (!(dom = tdrv_dom_lock(c, d, e)))
        return -1;
    if (!(def = tdrv_dom_one_def(dom, flags, NULL, e))) {
        /* the error is set */
    } else if (!tdrv_iothread_find(def, id)) {
        err_set(e, ERR_INVALID_ARG, ERRDOM_TEST,
                "cannot find IOThread '%u' in iothreadids", id);
    } else {
        for (size_t i = 0; !p && i < dom->npolls; i++)
            if (dom->polls[i].id == id)
                p = &dom->polls[i];
        if (!p)
            err_set_raw(e, ERR_INTERNAL_ERROR, ERRDOM_NONE, unknown, NULL,
                        NULL);
        else
            rc = tdrv_io_set_poll(p, params, nparams, e);
    }
    tdrv_dom_unlock(c);
    return rc;
}

/* The "iothread" statistics of a running domain: iothread.count and
 * each polls entry's parameters, nothing when there is none. @r->params
 * has room for 1 + 3 x dom->npolls more. */
int
tdrv_io_stats(const struct tdrv_dom *dom, struct arena *a,
              struct drv_dom_stats *r)
{
    static const char *const names[] = {
        "poll-max-ns", "poll-grow", "poll-shrink",
    };
    struct drv_tparam *t = r->params + r->nparams;

    if (!tdrv_dom_active(dom) || !dom->npolls)
        return 0;
    *t++ = (struct drv_tparam){ .field = "iothread.count",
                                .type = DRV_TP_UINT,
                                .i = (int64_t)dom->npolls };
    for (size_t i = 0; i < dom->npolls; i++) {
        const struct tdrv_iopoll *p = &dom->polls[i];
        int64_t v[3] = { (int64_t)p->max_ns, p->grow, p->shrink };

        for (int k = 0; k < 3; k++, t++) {
            if (!(t->field = arena_printf(a, "iothread.%u.%s", p->id,
                                           names[k])))
                return -1;
            t->type = k ? DRV_TP_UINT : DRV_TP_ULLONG;
            t->i = v[k];
        }
    }
    r->nparams = (int)(t - r->params);
    return 0;
}
