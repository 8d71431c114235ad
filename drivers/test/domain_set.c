/*
 * domain_set.c: changes to a domain's resources in the test driver:
 * memory (current and maximum), vCPUs (current and maximum, live and
 * config) and autostart. As in libvirt 9.0's test driver none of these
 * emits an event.
 *
 * Worker threads; each call holds the state lock for its duration.
 */
#include "drivers/test/test_priv.h"

#define TDRV_MEM_MAXIMUM     4u       /* VIR_DOMAIN_MEM_MAXIMUM */
#define TDRV_VCPU_MAXIMUM    4u       /* VIR_DOMAIN_VCPU_MAXIMUM */
#define TDRV_MAX_VCPUS       32       /* testConnectGetMaxVcpus */

static int
tdrv_set_memory_locked(struct tdrv_dom *dom, uint64_t kib, unsigned flags,
                       struct err *e)
{
    struct tdrv_domdef *def;
    bool live;

    if (!(def = tdrv_dom_one_def(dom, flags, &live, e)))
        return -1;
    if ((flags & TDRV_MEM_MAXIMUM) && live) {
        err_set(e, ERR_OPERATION_INVALID, ERRDOM_TEST,
                "cannot resize the maximum memory on an active domain");
        return -1;
    }
    if (flags & TDRV_MEM_MAXIMUM) {
        def->memory = kib;
        if (def->cur_memory > kib)
            def->cur_memory = kib;
        return 0;
    }
    if (kib > def->memory) {
        err_set(e, ERR_INVALID_ARG, ERRDOM_TEST,
                "cannot set memory higher than max memory");
        return -1;
    }
    def->cur_memory = kib;
    return 0;
}

int
tdrv_dom_set_memory(struct drv_conn *c, const struct drv_dom *d,
                    uint64_t kib, unsigned flags, struct err *e)
{
    struct tdrv_dom *dom;
    int rc;

    if (drv_flags_unsupported(e, ERRDOM_TEST, "testDomainSetMemoryFlags",
                              flags, TDRV_AFFECT_LIVE | TDRV_AFFECT_CONFIG |
                              TDRV_MEM_MAXIMUM)) {
        return -1;
    }
    if (!(dom = tdrv_dom_lock(c, d, e)))
        return -1;
    rc = tdrv_set_memory_locked(dom, kib, flags, e);
    tdrv_dom_unlock(c);
    return rc;
}

static int
tdrv_vcpus_over(unsigned n, const struct tdrv_domdef *def, struct err *e)
{
    if (!def || def->vcpus_max >= n)
        return 0;
    err_set(e, ERR_INVALID_ARG, ERRDOM_TEST,
            "requested cpu amount exceeds maximum (%u > %u)", n,
            def->vcpus_max);
    return -1;
}

/* virDomainDefSetVcpusMax: shrinking drops the vCPUs above the new
 * maximum, growing adds offline ones. */
static void
tdrv_set_vcpus_max(struct tdrv_domdef *def, unsigned n)
{
    def->vcpus_max = n;
    if (def->vcpus > n)
        def->vcpus = n;
    tdrv_def_unpin_above(def, n);
}

/* testDomainSetVcpusFlags under the lock: the live definition and the
 * persistent config @flags select (virDomainObjGetDefs). */
static int
tdrv_set_vcpus_locked(struct tdrv_dom *dom, unsigned n, unsigned flags,
                      struct err *e)
{
    struct tdrv_domdef *live = NULL, *pers = NULL;

    if (tdrv_dom_impact(dom, &flags, e) < 0)
        return -1;
    if (!tdrv_dom_active(dom))
        pers = dom->def;
    else {
        live = flags & TDRV_AFFECT_LIVE ? dom->def : NULL;
        pers = flags & TDRV_AFFECT_CONFIG ? dom->newdef : NULL;
    }
    if (tdrv_vcpus_over(n, live, e) < 0 ||
        (!(flags & TDRV_VCPU_MAXIMUM) && tdrv_vcpus_over(n, pers, e) < 0))
        return -1;
    if (live)
        live->vcpus = n;
    if (pers && (flags & TDRV_VCPU_MAXIMUM))
        tdrv_set_vcpus_max(pers, n);
    else if (pers)
        pers->vcpus = n;
    return 0;
}

int
tdrv_dom_set_vcpus(struct drv_conn *c, const struct drv_dom *d, unsigned n,
                   unsigned flags, struct err *e)
{
    struct tdrv_dom *dom;
    int rc;

    if (drv_flags_unsupported(e, ERRDOM_TEST, "testDomainSetVcpusFlags", flags,
                              TDRV_AFFECT_LIVE | TDRV_AFFECT_CONFIG |
                              TDRV_VCPU_MAXIMUM)) {
        return -1;
    }
    if (n > TDRV_MAX_VCPUS) {
        err_set(e, ERR_INVALID_ARG, ERRDOM_TEST,
                "requested cpu amount exceeds maximum supported amount "
                "(%u > %d)", n, TDRV_MAX_VCPUS);
        return -1;
    }
    if (!(dom = tdrv_dom_lock(c, d, e)))
        return -1;
    rc = tdrv_set_vcpus_locked(dom, n, flags, e);
    tdrv_dom_unlock(c);
    return rc;
}

int
tdrv_dom_set_autostart(struct drv_conn *c, const struct drv_dom *d,
                       int autostart, struct err *e)
{
    struct tdrv_dom *dom;

    if (!(dom = tdrv_dom_lock(c, d, e)))
        return -1;
    dom->autostart = autostart != 0;
    tdrv_dom_unlock(c);
    return 0;
}
