/*
 * domain_misc.c: three small domain calls of libvirt 9.0's test driver:
 * changing a lifecycle action (virDomainSetLifecycleAction), a signal to
 * the guest's init (virDomainSendProcessSignal, which does nothing), and
 * the made-up CPU accounting (virDomainGetCPUStats).
 */
#include "drivers/test/test_priv.h"

#include <string.h>

/* virDomainProcessSignal's count (VIR_DOMAIN_PROCESS_SIGNAL_LAST). */
#define TDRV_SIGNALS 65

/* The test driver's CPU time for a domain, in ns, and its split. */
#define TDRV_CPU_TIME 48772617035ULL
#define TDRV_CPU_USER 5540000000ULL
#define TDRV_CPU_SYSTEM 6460000000ULL
#define TDRV_VCPU_LESS 1234567890ULL    /* vcpu_time below cpu_time */

/*
 * testDomainSetLifecycleAction: @type poweroff, reboot or crash gets
 * @action in the live definition and/or the persistent one
 * (virDomainObjGetDefs: both with LIVE|CONFIG); poweroff and reboot
 * cannot dump core. The range checks are the public API's.
 */
int
tdrv_dom_set_lifecycle_action(struct drv_conn *c, const struct drv_dom *d,
                              unsigned type, unsigned action, unsigned flags,
                              struct err *e)
{
    static const char *const events[] = { "poweroff", "reboot", "crash" };
    struct tdrv_domdef *defs[2];
    struct tdrv_dom *dom;
    int n = 0;

    if (type > 2) {
        err_set(e, ERR_INVALID_ARG, ERRDOM_DOMAIN,
                "invalid lifecycle type '%u'", type);
        return -1;
    }
    if (action >= TDRV_ACT_MAX) {
        err_set(e, ERR_INVALID_ARG, ERRDOM_DOMAIN,
                "invalid lifecycle action '%u'", action);
        return -1;
    }
    if (drv_flags_unsupported(e, ERRDOM_TEST, "testDomainSetLifecycleAction",
                              flags, TDRV_AFFECT_LIVE | TDRV_AFFECT_CONFIG) ||
        (type < 2 && tdrv_check_action(events[type], (int)action, e) < 0) ||
        !(dom = tdrv_dom_lock(c, d, e)))
        return -1;
    if (tdrv_dom_impact(dom, &flags, e) < 0) {
        tdrv_dom_unlock(c);
        return -1;
    }
    if (flags & TDRV_AFFECT_LIVE)
        defs[n++] = dom->def;
    if (flags & TDRV_AFFECT_CONFIG)
        defs[n++] = dom->newdef ? dom->newdef : dom->def;
    for (int i = 0; i < n; i++) {
        int *slot = type == 0 ? &defs[i]->on_poweroff
                  : type == 1 ? &defs[i]->on_reboot : &defs[i]->on_crash;

        *slot = (int)action;
    }
    tdrv_dom_unlock(c);
    return 0;
}

/* testDomainSendProcessSignal: pid 1 and a known signal, for any domain
 * (running or not); nothing is sent. */
int
tdrv_dom_send_process_signal(struct drv_conn *c, const struct drv_dom *d,
                             int64_t pid, unsigned signum, unsigned flags,
                             struct err *e)
{
    if (drv_flags_unsupported(e, ERRDOM_TEST, "testDomainSendProcessSignal",
                              flags, 0))
        return -1;
    if (pid != 1) {
        err_set(e, ERR_INVALID_ARG, ERRDOM_TEST,
                "only sending a signal to pid 1 is supported");
        return -1;
    }
    if (signum >= TDRV_SIGNALS) {
        err_set(e, ERR_INVALID_ARG, ERRDOM_TEST,
                "signum value %d is out of range", (int)signum);
        return -1;
    }
    if (!tdrv_dom_lock(c, d, e))
        return -1;
    tdrv_dom_unlock(c);
    return 0;
}

/*
 * testDomainGetCPUStats, for a running domain. @start_cpu -1: the
 * domain's totals (cpu_time, user_time, system_time), the first @nparams
 * of them, or their count when @nparams is 0. Otherwise per host CPU
 * (the node's 2 cores) from @start_cpu, @nparams slots per CPU holding
 * cpu_time and then vcpu_time: with @ncpus 0 the number of CPUs, with
 * @nparams 0 the number of values per CPU. Returns the count, or the
 * number of values filled per CPU (params[(cpu - start) * nparams + k]).
 */
int
tdrv_dom_get_cpu_stats(struct drv_conn *c, const struct drv_dom *d,
                       struct drv_tparam *params, unsigned nparams,
                       int start_cpu, unsigned ncpus, unsigned flags,
                       struct err *e)
{
    static const char *const totals[] = {
        "cpu_time", "user_time", "system_time",
    };
    const uint64_t total[] = { TDRV_CPU_TIME, TDRV_CPU_USER, TDRV_CPU_SYSTEM };
    const int cpus = (int)tdrv_node_info.cores;
    const uint64_t per = TDRV_CPU_TIME / (uint64_t)cpus;
    int n;

    if (!tdrv_dom_lock_active(c, d, flags, TDRV_TP_STRING_OKAY,
                              "testDomainGetCPUStats", e))
        return -1;
    tdrv_dom_unlock(c);
    if (start_cpu == -1) {
        if (nparams == 0)
            return 3;
        n = nparams > 3 ? 3 : (int)nparams;
        for (int i = 0; i < n; i++)
            tdrv_tp_set(&params[i], totals[i], DRV_TP_ULLONG,
                        (int64_t)total[i], NULL);
        return n;
    }
    if (nparams == 0 && ncpus != 0)
        return 2;
    if (ncpus == 0)
        return cpus;
    if (start_cpu >= cpus) {
        err_set(e, ERR_INVALID_ARG, ERRDOM_TEST,
                "start_cpu %d larger than maximum of %d", start_cpu,
                cpus - 1);
        return -1;
    }
    for (int i = start_cpu; i < cpus && (unsigned)(i - start_cpu) < ncpus;
         i++) {
        struct drv_tparam *p = &params[(size_t)(i - start_cpu) * nparams];

        tdrv_tp_set(&p[0], "cpu_time", DRV_TP_ULLONG,
                    (int64_t)(per + (uint64_t)i), NULL);
        if (nparams > 1)
            tdrv_tp_set(&p[1], "vcpu_time", DRV_TP_ULLONG,
                        (int64_t)(per + (uint64_t)i - TDRV_VCPU_LESS), NULL);
    }
    return nparams > 1 ? 2 : 1;
}

/*
 * testDomainSendKey: a running domain, and every keycode one of the
 * codeset's (tdrv_keycode_known, keycodes.c); nothing is sent.
 */
int
tdrv_dom_send_key(struct drv_conn *c, const struct drv_dom *d,
                  unsigned codeset, unsigned holdtime,
                  const unsigned *keycodes, int n, unsigned flags,
                  struct err *e)
{
    (void)holdtime;
    if (tdrv_dom_active_call(c, d, flags, "testDomainSendKey", e) < 0)
        return -1;
    for (int i = 0; i < n; i++) {
        if (tdrv_keycode_known(codeset, keycodes[i]))
            continue;
        err_set(e, ERR_INTERNAL_ERROR, ERRDOM_TEST,
                "invalid keycode %u of %s codeset", keycodes[i],
                tdrv_keycode_set_name(codeset));
        return -1;
    }
    return 0;
}
