/*
 * domain_info.c: test driver reads of one domain (info, state, vcpus,
 * tunables, stats, security label, metadata), answering as libvirtd 9.0's
 * test driver does, errors included.
 *
 * Each call takes the state lock, resolves the domain by UUID and copies
 * its answer out before unlocking.
 */
#include "drivers/test/test_priv.h"
#include "drivers/test/xmlp.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define TDRV_VCPU_MAXIMUM   4u

/* Wall clock in microseconds: the test driver's "statistics". */
static uint64_t
tdrv_now_us(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_REALTIME, &ts);
    return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

int
tdrv_dom_get_info(struct drv_conn *c, const struct drv_dom *d,
                  struct drv_dom_info *out, struct err *e)
{
    struct tdrv_dom *dom = tdrv_dom_lock(c, d, e);

    if (!dom)
        return -1;
    out->state = dom->state;
    out->memory = dom->def->cur_memory;
    out->max_mem = dom->def->memory;
    out->nr_vcpu = dom->def->vcpus;
    out->cpu_time = tdrv_now_us() * 1000u;
    tdrv_dom_unlock(c);
    return 0;
}

int
tdrv_dom_get_state(struct drv_conn *c, const struct drv_dom *d,
                   unsigned flags, int *state, int *reason, struct err *e)
{
    struct tdrv_dom *dom;

    if (flags) {
        drv_bad_flags(e, ERRDOM_TEST, "testDomainGetState", flags);
        return -1;
    }
    if (!(dom = tdrv_dom_lock(c, d, e)))
        return -1;
    *state = dom->state;
    *reason = dom->reason;
    tdrv_dom_unlock(c);
    return 0;
}

/* The test driver answers "linux" without looking the domain up. */
int
tdrv_dom_get_os_type(struct drv_conn *c, const struct drv_dom *d,
                     struct arena *a, char **out, struct err *e)
{
    (void)c;
    (void)d;
    *out = tdrv_strdup(a, "linux", e);
    return *out ? 0 : -1;
}

int
tdrv_dom_get_max_memory(struct drv_conn *c, const struct drv_dom *d,
                        uint64_t *out, struct err *e)
{
    struct tdrv_dom *dom = tdrv_dom_lock(c, d, e);

    if (!dom)
        return -1;
    *out = dom->def->memory;
    tdrv_dom_unlock(c);
    return 0;
}

int
tdrv_dom_get_vcpus_flags(struct drv_conn *c, const struct drv_dom *d,
                         unsigned flags, int *out, struct err *e)
{
    const struct tdrv_domdef *def;
    struct tdrv_dom *dom;

    if (drv_flags_unsupported(e, ERRDOM_TEST, "testDomainGetVcpusFlags", flags,
                              TDRV_AFFECT_LIVE | TDRV_AFFECT_CONFIG |
                              TDRV_VCPU_MAXIMUM)) {
        return -1;
    }
    if (!(dom = tdrv_dom_lock(c, d, e)))
        return -1;
    if ((def = tdrv_dom_one_def(dom, flags, NULL, e)))
        *out = (int)((flags & TDRV_VCPU_MAXIMUM) ? def->vcpus_max
                                                 : def->vcpus);
    tdrv_dom_unlock(c);
    return def ? 0 : -1;
}

int
tdrv_dom_get_max_vcpus(struct drv_conn *c, const struct drv_dom *d,
                       int *out, struct err *e)
{
    return tdrv_dom_get_vcpus_flags(c, d, TDRV_AFFECT_LIVE |
                                    TDRV_VCPU_MAXIMUM, out, e);
}

/* The boolean getters share one shape: look up, read a field, unlock. */
enum tdrv_dom_bool {
    TDRV_B_ACTIVE,
    TDRV_B_PERSISTENT,
    TDRV_B_AUTOSTART,
    TDRV_B_MANAGED_SAVE,
};

static int
tdrv_dom_bool(struct drv_conn *c, const struct drv_dom *d,
              enum tdrv_dom_bool which, int *out, struct err *e)
{
    struct tdrv_dom *dom = tdrv_dom_lock(c, d, e);

    if (!dom)
        return -1;
    switch (which) {
    case TDRV_B_ACTIVE: *out = tdrv_dom_active(dom); break;
    case TDRV_B_PERSISTENT: *out = dom->persistent; break;
    case TDRV_B_AUTOSTART: *out = dom->autostart; break;
    case TDRV_B_MANAGED_SAVE: *out = dom->managed_save; break;
    }
    tdrv_dom_unlock(c);
    return 0;
}

int
tdrv_dom_is_active(struct drv_conn *c, const struct drv_dom *d, int *out,
                   struct err *e)
{
    return tdrv_dom_bool(c, d, TDRV_B_ACTIVE, out, e);
}

int
tdrv_dom_is_persistent(struct drv_conn *c, const struct drv_dom *d,
                       int *out, struct err *e)
{
    return tdrv_dom_bool(c, d, TDRV_B_PERSISTENT, out, e);
}

/* The test driver never has a pending config change to report. */
int
tdrv_dom_is_updated(struct drv_conn *c, const struct drv_dom *d, int *out,
                    struct err *e)
{
    (void)c;
    (void)d;
    (void)e;
    *out = 0;
    return 0;
}

int
tdrv_dom_get_autostart(struct drv_conn *c, const struct drv_dom *d,
                       int *out, struct err *e)
{
    return tdrv_dom_bool(c, d, TDRV_B_AUTOSTART, out, e);
}

int
tdrv_dom_has_managed_save(struct drv_conn *c, const struct drv_dom *d,
                          unsigned flags, int *out, struct err *e)
{
    if (flags) {
        drv_bad_flags(e, ERRDOM_TEST, "testDomainHasManagedSaveImage",
                      flags);
        return -1;
    }
    return tdrv_dom_bool(c, d, TDRV_B_MANAGED_SAVE, out, e);
}

int
tdrv_dom_get_security_label(struct drv_conn *c, const struct drv_dom *d,
                            struct arena *a, struct drv_sec_label *out,
                            struct err *e)
{
    struct tdrv_dom *dom = tdrv_dom_lock(c, d, e);
    bool active;

    if (!dom)
        return -1;
    active = tdrv_dom_active(dom);
    tdrv_dom_unlock(c);
    out->label = tdrv_strdup(a, active ? "libvirt-test" : "", e);
    out->enforcing = active;
    return out->label ? 0 : -1;
}

/* No taint or deprecation messages are ever recorded by this driver. */
int
tdrv_dom_get_messages(struct drv_conn *c, const struct drv_dom *d,
                      unsigned flags, struct arena *a, const char ***out,
                      int *n, struct err *e)
{
    struct tdrv_dom *dom;

    if (drv_flags_unsupported(e, ERRDOM_TEST, "testDomainGetMessages", flags,
                              3u)) {
        return -1;
    }
    if (!(dom = tdrv_dom_lock(c, d, e)))
        return -1;
    tdrv_dom_unlock(c);
    *n = 0;
    *out = arena_alloc(a, sizeof(**out));
    return *out ? 0 : tdrv_oom(e);
}

/* No domain lookup here either, as in libvirt's test driver. */
int
tdrv_dom_get_scheduler_type(struct drv_conn *c, const struct drv_dom *d,
                            struct arena *a, char **type, int *nparams,
                            struct err *e)
{
    (void)c;
    (void)d;
    *nparams = 1;
    *type = tdrv_strdup(a, "fair", e);
    return *type ? 0 : -1;
}

int
tdrv_dom_get_scheduler_params(struct drv_conn *c, const struct drv_dom *d,
                              struct drv_tparam *params, int *nparams,
                              unsigned flags, struct err *e)
{
    struct tdrv_dom *dom;

    if (flags) {
        drv_bad_flags(e, ERRDOM_TEST,
                      "testDomainGetSchedulerParametersFlags", flags);
        return -1;
    }
    if (!(dom = tdrv_dom_lock(c, d, e)))
        return -1;
    tdrv_dom_unlock(c);
    if (*nparams < 1) {
        *nparams = 0;
        return 0;
    }
    memset(&params[0], 0, sizeof(params[0]));
    params[0].field = "weight";
    params[0].type = DRV_TP_UINT;
    params[0].i = 50;
    *nparams = 1;
    return 0;
}

/* virTypedParamsValidate of @params against @keys (sorted). */
int
tdrv_tparams_check(const struct drv_tparam *params, int nparams,
                   const struct drv_tparam_key *keys, size_t nkeys,
                   struct err *e)
{
    const char *names[DRV_TPARAMS_CHECK_MAX];
    int types[DRV_TPARAMS_CHECK_MAX];

    for (int i = 0; i < nparams && i < DRV_TPARAMS_CHECK_MAX; i++) {
        names[i] = params[i].field;
        types[i] = params[i].type;
    }
    return drv_tparams_check(e, names, types, (size_t)nparams, keys, nkeys);
}

/* testDomainSetSchedulerParametersFlags: "weight" is checked and
 * dropped; the test driver keeps no weight (its getter answers 50). */
int
tdrv_dom_set_scheduler_params(struct drv_conn *c, const struct drv_dom *d,
                              const struct drv_tparam *params, int nparams,
                              unsigned flags, struct err *e)
{
    static const struct drv_tparam_key keys[] = {
        { "weight", DRV_TP_UINT },
    };

    if (drv_flags_unsupported(e, ERRDOM_TEST,
                              "testDomainSetSchedulerParametersFlags", flags,
                              0) ||
        tdrv_tparams_check(params, nparams, keys, 1, e) < 0 ||
        !tdrv_dom_lock(c, d, e))
        return -1;
    tdrv_dom_unlock(c);
    return 0;
}

/*
 * testDomainSetMemoryParameters: the limits (KiB) of the definition LIVE
 * or CONFIG selects. A hard limit above the swap hard limit is refused;
 * as libvirt's, the limits not given are taken from the live definition
 * for that check, whichever definition changes.
 */
int
tdrv_dom_set_memory_params(struct drv_conn *c, const struct drv_dom *d,
                           const struct drv_tparam *params, int nparams,
                           unsigned flags, struct err *e)
{
    static const struct drv_tparam_key keys[] = {
        { "hard_limit", DRV_TP_ULLONG },
        { "soft_limit", DRV_TP_ULLONG },
        { "swap_hard_limit", DRV_TP_ULLONG },
    };
    const struct drv_tparam *hard = NULL, *soft = NULL, *swap = NULL;
    struct tdrv_domdef *def;
    struct tdrv_dom *dom;
    int rc = -1;

    if (drv_flags_unsupported(e, ERRDOM_TEST, "testDomainSetMemoryParameters",
                              flags, TDRV_AFFECT_LIVE | TDRV_AFFECT_CONFIG) ||
        tdrv_tparams_check(params, nparams, keys, 3, e) < 0)
        return -1;
    for (int i = 0; i < nparams; i++) {
        if (strcmp(params[i].field, "hard_limit") == 0)
            hard = &params[i];
        else if (strcmp(params[i].field, "soft_limit") == 0)
            soft = &params[i];
        else
            swap = &params[i];
    }
    if (!(dom = tdrv_dom_lock(c, d, e)))
        return -1;
    if (!(def = tdrv_dom_one_def(dom, flags, NULL, e))) {
        /* the error is set */
    } else if ((hard || swap) &&
               (hard ? (uint64_t)hard->i : dom->def->hard_limit) >
               (swap ? (uint64_t)swap->i : dom->def->swap_hard_limit)) {
        err_set(e, ERR_INVALID_ARG, ERRDOM_TEST, "memory hard_limit tunable "
                "value must be lower than or equal to swap_hard_limit");
    } else {
        if (soft)
            def->soft_limit = (uint64_t)soft->i;
        if (hard)
            def->hard_limit = (uint64_t)hard->i;
        if (swap)
            def->swap_hard_limit = (uint64_t)swap->i;
        rc = 0;
    }
    tdrv_dom_unlock(c);
    return rc;
}

/* virDomainNetFind: by MAC when @device reads as one, else by target
 * device name. */
static struct tdrv_nic *
tdrv_nic_find(struct tdrv_domdef *def, const char *device, struct err *e)
{
    uint8_t want[6], have[6];
    bool by_mac = tdrv_xp_mac(device, want);

    for (size_t i = 0; i < def->nnics; i++) {
        struct tdrv_nic *nic = &def->nics[i];

        if (by_mac ? tdrv_xp_mac(nic->mac, have) &&
                     memcmp(want, have, 6) == 0
                   : nic->ifname && strcmp(nic->ifname, device) == 0)
            return nic;
    }
    err_set(e, ERR_INVALID_ARG, ERRDOM_DOMAIN, "'%s' is not a known interface",
            device);
    return NULL;
}

#define TDRV_BW_PARAMS 7

static const char *const tdrv_bw_names[TDRV_BW_PARAMS] = {
    "inbound.average", "inbound.peak", "inbound.burst", "inbound.floor",
    "outbound.average", "outbound.peak", "outbound.burst",
};

/* The rate field parameter @i of tdrv_bw_names stands for. */
static uint64_t *
tdrv_bw_field(struct tdrv_rate *in, struct tdrv_rate *out, int i)
{
    uint64_t *f[TDRV_BW_PARAMS] = {
        &in->average, &in->peak, &in->burst, &in->floor,
        &out->average, &out->peak, &out->burst,
    };

    return f[i];
}

/* testDomainGetInterfaceParameters: seven UINTs, 0 for what is not set. */
int
tdrv_dom_get_interface_params(struct drv_conn *c, const struct drv_dom *d,
                              const char *device, struct drv_tparam *params,
                              int *nparams, unsigned flags, struct err *e)
{
    struct tdrv_rate in = { 0 }, out = { 0 };
    struct tdrv_domdef *def;
    struct tdrv_nic *nic = NULL;
    struct tdrv_dom *dom;

    if (drv_flags_unsupported(e, ERRDOM_TEST,
                              "testDomainGetInterfaceParameters", flags,
                              TDRV_AFFECT_LIVE | TDRV_AFFECT_CONFIG |
                              TDRV_TP_STRING_OKAY))
        return -1;
    if (*nparams == 0) {
        *nparams = TDRV_BW_PARAMS;
        return 0;
    }
    if (!(dom = tdrv_dom_lock(c, d, e)))
        return -1;
    if ((def = tdrv_dom_one_def(dom, flags, NULL, e)) &&
        (nic = tdrv_nic_find(def, device, e)) && nic->bw.set) {
        if (nic->bw.in.set)
            in = nic->bw.in;
        if (nic->bw.out.set)
            out = nic->bw.out;
    }
    tdrv_dom_unlock(c);
    if (!nic)
        return -1;
    if (*nparams > TDRV_BW_PARAMS)
        *nparams = TDRV_BW_PARAMS;
    for (int i = 0; i < *nparams; i++) {
        memset(&params[i], 0, sizeof(params[i]));
        params[i].field = tdrv_bw_names[i];
        params[i].type = DRV_TP_UINT;
        params[i].i = (unsigned)*tdrv_bw_field(&in, &out, i);
    }
    return 0;
}

/*
 * testDomainSetInterfaceParameters: a direction given a nonzero average
 * (or inbound floor) replaces the interface's; one given only zeros there
 * is cleared; one not named is kept. An interface without <bandwidth>
 * gets one, even with nothing in it.
 */
int
tdrv_dom_set_interface_params(struct drv_conn *c, const struct drv_dom *d,
                              const char *device,
                              const struct drv_tparam *params, int nparams,
                              unsigned flags, struct err *e)
{
    static const struct drv_tparam_key keys[] = {
        { "inbound.average", DRV_TP_UINT }, { "inbound.burst", DRV_TP_UINT },
        { "inbound.floor", DRV_TP_UINT }, { "inbound.peak", DRV_TP_UINT },
        { "outbound.average", DRV_TP_UINT },
        { "outbound.burst", DRV_TP_UINT }, { "outbound.peak", DRV_TP_UINT },
    };
    struct tdrv_rate in = { .set = true }, out = { .set = true };
    bool in_named = false, out_named = false;
    struct tdrv_domdef *def;
    struct tdrv_nic *nic;
    struct tdrv_dom *dom;

    if (drv_flags_unsupported(e, ERRDOM_TEST,
                              "testDomainSetInterfaceParameters", flags,
                              TDRV_AFFECT_LIVE | TDRV_AFFECT_CONFIG) ||
        tdrv_tparams_check(params, nparams, keys, TDRV_BW_PARAMS, e) < 0)
        return -1;
    for (int i = 0; i < nparams; i++) {
        for (int k = 0; k < TDRV_BW_PARAMS; k++) {
            if (strcmp(params[i].field, tdrv_bw_names[k]) != 0)
                continue;
            *tdrv_bw_field(&in, &out, k) = (unsigned)params[i].i;
            in_named |= k == 0 || k == 3;
            out_named |= k == 4;
        }
    }
    in.set = in.average || in.floor;
    out.set = out.average != 0;
    if (!(dom = tdrv_dom_lock(c, d, e)))
        return -1;
    if (!(def = tdrv_dom_one_def(dom, flags, NULL, e)) ||
        !(nic = tdrv_nic_find(def, device, e))) {
        tdrv_dom_unlock(c);
        return -1;
    }
    if (!nic->bw.set) {
        nic->bw.set = true;
        nic->bw.in = in;
        nic->bw.out = out;
    } else {
        if (in.set || in_named)
            nic->bw.in = in;
        if (out.set || out_named)
            nic->bw.out = out;
    }
    tdrv_dom_unlock(c);
    return 0;
}

/* testDomainGetPerfEvents: every event, enabled or not, of the
 * definition LIVE or CONFIG selects. */
int
tdrv_dom_get_perf_events(struct drv_conn *c, const struct drv_dom *d,
                         unsigned flags, struct drv_tparam *params,
                         int *nparams, struct err *e)
{
    unsigned char perf[TDRV_PERF_EVENTS];
    const struct tdrv_domdef *def;
    struct tdrv_dom *dom;

    if (drv_flags_unsupported(e, ERRDOM_TEST, "testDomainGetPerfEvents",
                              flags, TDRV_AFFECT_LIVE | TDRV_AFFECT_CONFIG |
                              TDRV_TP_STRING_OKAY) ||
        !(dom = tdrv_dom_lock(c, d, e)))
        return -1;
    if ((def = tdrv_dom_one_def(dom, flags, NULL, e)))
        memcpy(perf, def->perf, sizeof(perf));
    tdrv_dom_unlock(c);
    if (!def)
        return -1;
    for (int i = 0; i < TDRV_PERF_EVENTS; i++) {
        memset(&params[i], 0, sizeof(params[i]));
        params[i].field = tdrv_perf_names[i];
        params[i].type = DRV_TP_BOOLEAN;
        params[i].i = perf[i] == 1;
    }
    *nparams = TDRV_PERF_EVENTS;
    return 0;
}

/* testDomainSetPerfEvents: each event named is enabled or disabled. */
int
tdrv_dom_set_perf_events(struct drv_conn *c, const struct drv_dom *d,
                         const struct drv_tparam *params, int nparams,
                         unsigned flags, struct err *e)
{
    struct drv_tparam_key keys[TDRV_PERF_EVENTS];
    struct tdrv_domdef *def;
    struct tdrv_dom *dom;
    int k = 0;

    /* the keys sorted by name, as drv_tparams_check wants them */
    for (int i = 0; i < TDRV_PERF_EVENTS; i++) {
        int j = k++;

        for (; j > 0 && strcmp(keys[j - 1].name, tdrv_perf_names[i]) > 0; j--)
            keys[j] = keys[j - 1];
        keys[j] = (struct drv_tparam_key){ tdrv_perf_names[i],
                                           DRV_TP_BOOLEAN };
    }
    if (drv_flags_unsupported(e, ERRDOM_TEST, "testDomainSetPerfEvents",
                              flags, TDRV_AFFECT_LIVE | TDRV_AFFECT_CONFIG) ||
        tdrv_tparams_check(params, nparams, keys, TDRV_PERF_EVENTS, e) < 0 ||
        !(dom = tdrv_dom_lock(c, d, e)))
        return -1;
    if ((def = tdrv_dom_one_def(dom, flags, NULL, e)))
        for (int i = 0; i < nparams; i++)
            def->perf[tdrv_xp_index(tdrv_perf_names, params[i].field)] =
                params[i].i ? 1 : 2;
    tdrv_dom_unlock(c);
    return def ? 0 : -1;
}

#define TDRV_TUNABLES_MAX 6

/* Fill all[0..n) from @def (n = the getter's count); strings from @a,
 * NULL when they could not be made. */
typedef void tdrv_tunables_fn(const struct tdrv_domdef *def,
                              struct arena *a, struct drv_tparam *all);

/*
 * The tunable getters' common part: LIVE, CONFIG and STRING_OKAY are the
 * flags allowed (@func names the test driver's function when others are
 * passed), *nparams 0 asks for the count @n, else the first *nparams of
 * the @n parameters of the live or config definition.
 */
static int
tdrv_dom_tunables(struct drv_conn *c, const struct drv_dom *d,
                  unsigned flags, const char *func, int n,
                  tdrv_tunables_fn *fill, struct drv_tparam *params,
                  int *nparams, struct arena *a, struct err *e)
{
    struct drv_tparam all[TDRV_TUNABLES_MAX];
    const struct tdrv_domdef *def;
    struct tdrv_dom *dom;

    if (drv_flags_unsupported(e, ERRDOM_TEST, func, flags, TDRV_AFFECT_LIVE |
                              TDRV_AFFECT_CONFIG | TDRV_TP_STRING_OKAY)) {
        return -1;
    }
    if (*nparams == 0) {
        *nparams = n;
        return 0;
    }
    memset(all, 0, sizeof(all));
    if (!(dom = tdrv_dom_lock(c, d, e)))
        return -1;
    if ((def = tdrv_dom_one_def(dom, flags, NULL, e)))
        fill(def, a, all);
    tdrv_dom_unlock(c);
    if (!def)
        return -1;
    for (int i = 0; i < n; i++)
        if (all[i].type == DRV_TP_STRING && !all[i].s)
            return tdrv_oom(e);
    if (*nparams > n)
        *nparams = n;
    memcpy(params, all, (size_t)*nparams * sizeof(*params));
    return 0;
}

void
tdrv_tp_set(struct drv_tparam *p, const char *field, int type, int64_t i,
            const char *s)
{
    p->field = field;
    p->type = type;
    p->i = i;
    p->s = s;
}

static void
tdrv_memory_tunables(const struct tdrv_domdef *def, struct arena *a,
                     struct drv_tparam *all)
{
    (void)a;
    tdrv_tp_set(&all[0], "hard_limit", DRV_TP_ULLONG,
                (int64_t)def->hard_limit, NULL);
    tdrv_tp_set(&all[1], "soft_limit", DRV_TP_ULLONG,
                (int64_t)def->soft_limit, NULL);
    tdrv_tp_set(&all[2], "swap_hard_limit", DRV_TP_ULLONG,
                (int64_t)def->swap_hard_limit, NULL);
}

int
tdrv_dom_get_memory_params(struct drv_conn *c, const struct drv_dom *d,
                           struct drv_tparam *params, int *nparams,
                           unsigned flags, struct arena *a,
                           struct err *e)
{
    return tdrv_dom_tunables(c, d, flags, "testDomainGetMemoryParameters", 3,
                             tdrv_memory_tunables, params, nparams, a, e);
}

int
tdrv_dom_get_numa_params(struct drv_conn *c, const struct drv_dom *d,
                         struct drv_tparam *params, int *nparams,
                         unsigned flags, struct arena *a,
                         struct err *e)
{
    return tdrv_dom_tunables(c, d, flags, "testDomainGetNumaParameters", 2,
                             tdrv_numa_tunables, params, nparams, a, e);
}

int
tdrv_dom_get_blkio_params(struct drv_conn *c, const struct drv_dom *d,
                          struct drv_tparam *params, int *nparams,
                          unsigned flags, struct arena *a,
                          struct err *e)
{
    return tdrv_dom_tunables(c, d, flags, "testDomainGetBlkioParameters", 6,
                             tdrv_blkio_tunables, params, nparams, a, e);
}

/* "<name>host", from the name the client passed, for a running domain. */
int
tdrv_dom_get_hostname(struct drv_conn *c, const struct drv_dom *d,
                      unsigned flags, struct arena *a, char **out,
                      struct err *e)
{
    if (tdrv_dom_active_call(c, d, flags, "testDomainGetHostname", e) < 0)
        return -1;
    *out = arena_printf(a, "%shost", d->name);
    return *out ? 0 : tdrv_oom(e);
}

struct tdrv_disk *
tdrv_find_disk(const struct tdrv_domdef *def, const char *path)
{
    for (size_t i = 0; i < def->ndisks; i++) {
        struct tdrv_disk *disk = &def->disks[i];

        if (strcmp(disk->dst, path) == 0 ||
            (disk->source && strcmp(disk->source, path) == 0))
            return disk;
    }
    return NULL;
}

/* testDomainGetBlockInfo: fixed sizes for any disk with a source, active
 * or not (the current definition). */
int
tdrv_dom_get_block_info(struct drv_conn *c, const struct drv_dom *d,
                        const char *path, unsigned flags,
                        struct drv_block_info *out, struct err *e)
{
    const struct tdrv_disk *disk;
    struct tdrv_dom *dom;
    int rc = -1;

    if (flags) {
        drv_bad_flags(e, ERRDOM_TEST, "testDomainGetBlockInfo", flags);
        return -1;
    }
    if (!(dom = tdrv_dom_lock(c, d, e)))
        return -1;
    if (!(disk = tdrv_find_disk(dom->def, path))) {
        err_set(e, ERR_INVALID_ARG, ERRDOM_TEST,
                "invalid path %s not assigned to domain", path);
    } else if (!disk->source) {
        err_set(e, ERR_INVALID_ARG, ERRDOM_TEST,
                "disk '%s' does not currently have a source assigned", path);
    } else {
        out->capacity = 1099506450432ULL;
        out->allocation = 1099511627776ULL;
        out->physical = 1099511627776ULL;
        rc = 0;
    }
    tdrv_dom_unlock(c);
    return rc;
}

int
tdrv_dom_block_stats(struct drv_conn *c, const struct drv_dom *d,
                     const char *path, struct drv_block_stats *out,
                     struct err *e)
{
    struct tdrv_dom *dom;
    uint64_t base;
    int rc;

    if (!*path) {
        err_set(e, ERR_OPERATION_UNSUPPORTED, ERRDOM_TEST,
                "summary statistics are not supported yet");
        return -1;
    }
    if (!(dom = tdrv_dom_lock(c, d, e)))
        return -1;
    rc = tdrv_dom_check_active(dom, e);
    if (rc == 0 && !tdrv_find_disk(dom->def, path)) {
        err_set(e, ERR_INVALID_ARG, ERRDOM_TEST, "invalid path: %s", path);
        rc = -1;
    }
    tdrv_dom_unlock(c);
    if (rc < 0)
        return -1;
    /* meaningless but growing numbers, as the reference makes them */
    base = tdrv_now_us();
    out->rd_req = (int64_t)(base / 10);
    out->rd_bytes = (int64_t)(base / 20);
    out->wr_req = (int64_t)(base / 30);
    out->wr_bytes = (int64_t)(base / 40);
    out->errs = (int64_t)(base / 2000000);
    return 0;
}

/* virDomainNetFind: by MAC when @device is one, else by interface name. */
static bool
tdrv_has_nic(const struct tdrv_domdef *def, const char *device)
{
    uint8_t want[6], mac[6];
    bool by_mac = tdrv_xp_mac(device, want);

    for (size_t i = 0; i < def->nnics; i++) {
        const struct tdrv_nic *nic = &def->nics[i];

        if (by_mac && tdrv_xp_mac(nic->mac, mac) &&
            memcmp(mac, want, 6) == 0)
            return true;
        if (!by_mac && nic->ifname && strcmp(nic->ifname, device) == 0)
            return true;
    }
    return false;
}

int
tdrv_dom_interface_stats(struct drv_conn *c, const struct drv_dom *d,
                         const char *device, struct drv_iface_stats *out,
                         struct err *e)
{
    struct tdrv_dom *dom;
    uint64_t base;
    int rc;

    if (!(dom = tdrv_dom_lock(c, d, e)))
        return -1;
    rc = tdrv_dom_check_active(dom, e);
    if (rc == 0 && !tdrv_has_nic(dom->def, device)) {
        err_set(e, ERR_INVALID_ARG, ERRDOM_DOMAIN,
                "'%s' is not a known interface", device);
        rc = -1;
    }
    tdrv_dom_unlock(c);
    if (rc < 0)
        return -1;
    base = tdrv_now_us();
    out->rx_bytes = (int64_t)(base / 10);
    out->rx_packets = (int64_t)(base / 100);
    out->rx_errs = (int64_t)(base / 1000000);
    out->rx_drop = (int64_t)(base / 2000000);
    out->tx_bytes = (int64_t)(base / 20);
    out->tx_packets = (int64_t)(base / 110);
    out->tx_errs = (int64_t)(base / 3000000);
    out->tx_drop = (int64_t)(base / 4000000);
    return 0;
}

/* virDomainMetadataType */
enum { TDRV_META_DESCRIPTION, TDRV_META_TITLE, TDRV_META_ELEMENT };

static int
tdrv_no_metadata(struct err *e)
{
    err_set_raw(e, ERR_NO_DOMAIN_METADATA, ERRDOM_DOMAIN,
                "metadata not found: Requested metadata element is not "
                "present", "metadata not found: %s",
                "Requested metadata element is not present");
    return -1;
}

int
tdrv_dom_get_metadata(struct drv_conn *c, const struct drv_dom *d, int type,
                      const char *uri, unsigned flags, struct arena *a,
                      char **out, struct err *e)
{
    const struct tdrv_domdef *def;
    const char *text = NULL;
    struct tdrv_dom *dom;

    (void)uri;                    /* no <metadata> elements are kept */
    if (drv_flags_unsupported(e, ERRDOM_TEST, "testDomainGetMetadata", flags,
                              TDRV_AFFECT_LIVE | TDRV_AFFECT_CONFIG)) {
        return -1;
    }
    if (!(dom = tdrv_dom_lock(c, d, e)))
        return -1;
    def = tdrv_dom_one_def(dom, flags, NULL, e);
    if (def && type == TDRV_META_TITLE)
        text = def->title;
    else if (def && type == TDRV_META_DESCRIPTION)
        text = def->description;
    if (text)
        *out = arena_strdup(a, text);
    tdrv_dom_unlock(c);
    if (!def)
        return -1;
    if (type < TDRV_META_DESCRIPTION || type > TDRV_META_ELEMENT) {
        err_set(e, ERR_INVALID_ARG, ERRDOM_DOMAIN,
                "unknown metadata type '%d'", type);
        return -1;
    }
    if (!text)
        return tdrv_no_metadata(e);
    return *out ? 0 : tdrv_oom(e);
}

/*
 * testDomainSetMetadata: the title or description of the live and/or
 * persistent definition (virDomainObjGetDefs: both may change at once);
 * empty text removes it. A METADATA_CHANGE event follows. virtd keeps no
 * <metadata> elements (README), so the element type is refused.
 */
int
tdrv_dom_set_metadata(struct drv_conn *c, const struct drv_dom *d, int type,
                      const char *text, unsigned flags, struct err *e)
{
    struct tdrv_state *st = tdrv_st(c);
    struct tdrv_domdef *defs[2];
    struct tdrv_dom *dom;
    int n = 0, rc = -1;

    if (drv_flags_unsupported(e, ERRDOM_TEST, "testDomainSetMetadata", flags,
                              TDRV_AFFECT_LIVE | TDRV_AFFECT_CONFIG) ||
        !(dom = tdrv_dom_lock(c, d, e)))
        return -1;
    if (tdrv_dom_impact(dom, &flags, e) < 0)
        goto out;
    if (flags & TDRV_AFFECT_LIVE)
        defs[n++] = dom->def;
    if (flags & TDRV_AFFECT_CONFIG)
        defs[n++] = dom->newdef ? dom->newdef : dom->def;
    if (type == TDRV_META_ELEMENT) {
        err_set(e, ERR_ARGUMENT_UNSUPPORTED, ERRDOM_DOMAIN,
                "virtd keeps no <metadata> elements");
        goto out;
    }
    if (type != TDRV_META_TITLE && type != TDRV_META_DESCRIPTION) {
        err_set(e, ERR_INVALID_ARG, ERRDOM_DOMAIN,
                "unknown metadata type '%d'", type);
        goto out;
    }
    for (int i = 0; i < n; i++) {
        char **field = type == TDRV_META_TITLE ? &defs[i]->title
                                               : &defs[i]->description;

        if (tdrv_xp_dup(field, text && *text ? text : NULL, e) < 0)
            goto out;
    }
    tdrv_event_queue_id(st, dom, TDRV_EVENT_ID_METADATA_CHANGE, type);
    rc = 0;
out:
    tdrv_dom_unlock(c);
    tdrv_event_flush(st);
    return rc;
}
