/*
 * domain_pin.c: CPU maps of the test driver, as libvirt 9.0's has them:
 * the host's (virNodeGetCPUMap: 8 CPUs, 0, 2 and 4 online, whatever the
 * node info says), the pinning of a domain's vCPUs and emulator threads,
 * and the running vCPUs (virDomainGetVcpus). A vCPU's map is its pinning
 * (virDomainPinVcpu, on the live definition), the emulator's its own
 * (virDomainPinEmulator); else the domain's <vcpu cpuset> when it has
 * one, else every CPU of the node info (nodes x sockets x cores x
 * threads, 16). Defined XML brings its pinning in <cputune>
 * (domain_parse.c).
 *
 * Worker threads; each call holds the state lock for its duration.
 */
#include "drivers/test/test_priv.h"
#include "drivers/test/xmlp.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#define TDRV_HOST_CPUS      8         /* testNodeGetCPUMap */
#define TDRV_HOST_ONLINE    3
#define TDRV_HOST_MAP       0x15      /* CPUs 0, 2, 4 */
#define TDRV_NODE_MAXCPUS   16        /* VIR_NODEINFO_MAXCPUS of the node */
#define TDRV_MAP_BYTES      128       /* a whole cpuset (1024 CPUs) */

int
tdrv_node_get_cpu_map(struct drv_conn *c, unsigned flags, uint8_t *map,
                      size_t cap, unsigned *online, int *ncpus, struct err *e)
{
    (void)c;
    if (flags) {
        drv_bad_flags(e, ERRDOM_TEST, "testNodeGetCPUMap", flags);
        return -1;
    }
    if (map && cap) {
        memset(map, 0, cap);
        map[0] = TDRV_HOST_MAP;
    }
    *online = TDRV_HOST_ONLINE;
    *ncpus = TDRV_HOST_CPUS;
    return 0;
}

/* The CPUs vCPU @vcpu may run on: its pinning, else the domain's cpuset
 * (NULL: every CPU of the node). */
static const char *
tdrv_vcpu_cpuset(const struct tdrv_domdef *def, unsigned vcpu)
{
    for (size_t i = 0; i < def->npins; i++)
        if (def->pins[i].vcpu == vcpu)
            return def->pins[i].cpuset;
    return def->cpuset;
}

/* One domain map: @cpuset (canonical) or every CPU of the node. */
static void
tdrv_dom_map(const char *cpuset, uint8_t *map, int maplen)
{
    if (cpuset) {
        tdrv_bitmap_to_map(cpuset, map, (size_t)maplen);
        return;
    }
    memset(map, 0, (size_t)maplen);
    for (int i = 0; i < TDRV_NODE_MAXCPUS && i / 8 < maplen; i++)
        map[i / 8] |= (uint8_t)(1u << (i % 8));
}

/* testDomainGetVcpuPinInfo checks no flags: the definition chosen by
 * LIVE or CONFIG answers, other bits are ignored. */
int
tdrv_dom_get_vcpu_pin_info(struct drv_conn *c, const struct drv_dom *d,
                           int ncpumaps, int maplen, uint8_t *cpumaps,
                           unsigned flags, int *num, struct err *e)
{
    const struct tdrv_domdef *def;
    struct tdrv_dom *dom;
    int i = 0;

    if (!(dom = tdrv_dom_lock(c, d, e)))
        return -1;
    if ((def = tdrv_dom_one_def(dom, flags, NULL, e)))
        for (; i < (int)def->vcpus_max && i < ncpumaps; i++)
            tdrv_dom_map(tdrv_vcpu_cpuset(def, (unsigned)i),
                         cpumaps + (size_t)i * (size_t)maplen, maplen);
    tdrv_dom_unlock(c);
    if (!def)
        return -1;
    *num = i;
    return 0;
}

int
tdrv_dom_get_emulator_pin_info(struct drv_conn *c, const struct drv_dom *d,
                               int maplen, uint8_t *cpumap, unsigned flags,
                               struct err *e)
{
    const struct tdrv_domdef *def;
    struct tdrv_dom *dom;

    if (drv_flags_unsupported(e, ERRDOM_TEST, "testDomainGetEmulatorPinInfo",
                              flags, TDRV_AFFECT_LIVE | TDRV_AFFECT_CONFIG))
        return -1;
    if (!(dom = tdrv_dom_lock(c, d, e)))
        return -1;
    if ((def = tdrv_dom_one_def(dom, flags, NULL, e)))
        tdrv_dom_map(def->emulatorpin ? def->emulatorpin : def->cpuset,
                     cpumap, maplen);
    tdrv_dom_unlock(c);
    return def ? 0 : -1;
}

/* The highest CPU of a domain map (virBitmapLastSetBit), -1 when none. */
static int
tdrv_dom_last_cpu(const char *cpuset)
{
    uint8_t all[TDRV_MAP_BYTES];

    tdrv_dom_map(cpuset, all, (int)sizeof(all));
    for (int i = (int)sizeof(all) * 8 - 1; i >= 0; i--)
        if (all[i / 8] & (1u << (i % 8)))
            return i;
    return -1;
}

/* testDomainGetVcpus: the online vCPUs of a running domain (the first
 * "current" ones), each on the highest CPU of its map, with a CPU time
 * that grows with the clock (the wall clock in us / 10, as libvirt's). */
int
tdrv_dom_get_vcpus(struct drv_conn *c, const struct drv_dom *d, int maxinfo,
                   int maplen, struct drv_vcpu_info *info, uint8_t *cpumaps,
                   int *n, struct err *e)
{
    struct tdrv_dom *dom;
    struct timespec ts;
    uint64_t now_us;

    if (!(dom = tdrv_dom_lock(c, d, e)))
        return -1;
    if (!tdrv_dom_active(dom)) {
        tdrv_dom_unlock(c);
        err_set(e, ERR_OPERATION_INVALID, ERRDOM_TEST,
                "cannot list vcpus for an inactive domain");
        return -1;
    }
    clock_gettime(CLOCK_REALTIME, &ts);
    now_us = (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
    if (maxinfo > (int)dom->def->vcpus)
        maxinfo = (int)dom->def->vcpus;
    for (int i = 0; i < maxinfo; i++) {
        const char *set = tdrv_vcpu_cpuset(dom->def, (unsigned)i);

        info[i].number = (unsigned)i;
        info[i].state = 1;
        info[i].cpu = tdrv_dom_last_cpu(set);
        info[i].cpu_time = now_us / 10;
        if (cpumaps)
            tdrv_dom_map(set, cpumaps + (size_t)i * (size_t)maplen, maplen);
    }
    tdrv_dom_unlock(c);
    *n = maxinfo;
    return 0;
}

/* -- pinning ---------------------------------------------------------------- */

int
tdrv_def_pin(struct tdrv_domdef *def, unsigned vcpu, char *set)
{
    size_t i = 0;
    struct tdrv_vcpupin *v;

    while (i < def->npins && def->pins[i].vcpu < vcpu)
        i++;
    if (i < def->npins && def->pins[i].vcpu == vcpu) {
        free(def->pins[i].cpuset);
        def->pins[i].cpuset = set;
        return 0;
    }
    if (!(v = realloc(def->pins, (def->npins + 1) * sizeof(*v))))
        return -1;
    def->pins = v;
    memmove(&v[i + 1], &v[i], (def->npins - i) * sizeof(*v));
    v[i].vcpu = vcpu;
    v[i].cpuset = set;
    def->npins++;
    return 0;
}

void
tdrv_def_unpin_above(struct tdrv_domdef *def, unsigned max)
{
    size_t k = 0;

    for (size_t i = 0; i < def->npins; i++) {
        if (def->pins[i].vcpu < max)
            def->pins[k++] = def->pins[i];
        else
            free(def->pins[i].cpuset);
    }
    def->npins = k;
}

/* testDomainPinVcpuFlags: the live definition of a running domain, an
 * online vCPU; no flags (the public API's CURRENT). */
int
tdrv_dom_pin_vcpu(struct drv_conn *c, const struct drv_dom *d, unsigned vcpu,
                  const uint8_t *map, int maplen, unsigned flags,
                  struct err *e)
{
    struct tdrv_dom *dom;
    char *set = NULL;
    int rc = -1;

    if (flags) {
        drv_bad_flags(e, ERRDOM_TEST, "testDomainPinVcpuFlags", flags);
        return -1;
    }
    if (!(dom = tdrv_dom_lock(c, d, e)))
        return -1;
    if (!tdrv_dom_active(dom)) {
        err_set(e, ERR_OPERATION_INVALID, ERRDOM_TEST,
                "cannot pin vcpus on an inactive domain");
    } else if (vcpu >= dom->def->vcpus) {
        err_set(e, ERR_INVALID_ARG, ERRDOM_TEST,
                "requested vcpu '%u' is not present in the domain", vcpu);
    } else if (!(set = tdrv_bitmap_from_map(map, (size_t)maplen)) ||
               tdrv_def_pin(dom->def, vcpu, set) < 0) {
        free(set);
        tdrv_oom(e);
    } else {
        rc = 0;
    }
    tdrv_dom_unlock(c);
    return rc;
}

/* testDomainPinEmulator's and testDomainPinIOThread's common start */
struct tdrv_domdef *
tdrv_pin_begin(struct drv_conn *c, const struct drv_dom *d,
               const uint8_t *map, int maplen, unsigned flags,
               const char *func, const char *empty, char **set,
               struct err *e)
{
    struct tdrv_domdef *def;
    struct tdrv_dom *dom;

    if (drv_flags_unsupported(e, ERRDOM_TEST, func, flags,
                              TDRV_AFFECT_LIVE | TDRV_AFFECT_CONFIG))
        return NULL;
    if (!(dom = tdrv_dom_lock(c, d, e)))
        return NULL;
    if (!(def = tdrv_dom_one_def(dom, flags, NULL, e))) {
        /* the error is set */
    } else if (!(*set = tdrv_bitmap_from_map(map, (size_t)maplen))) {
        tdrv_oom(e);
        def = NULL;
    } else if (!**set) {
        free(*set);
        *set = NULL;
        err_set(e, ERR_INVALID_ARG, ERRDOM_TEST, "%s", empty);
        def = NULL;
    }
    if (!def)
        tdrv_dom_unlock(c);
    return def;
}

/* testDomainPinEmulator */
int
tdrv_dom_pin_emulator(struct drv_conn *c, const struct drv_dom *d,
                      const uint8_t *map, int maplen, unsigned flags,
                      struct err *e)
{
    struct tdrv_domdef *def;
    char *set;

    if (!(def = tdrv_pin_begin(c, d, map, maplen, flags,
                               "testDomainPinEmulator",
                               "Empty cpu list for pinning", &set, e)))
        return -1;
    free(def->emulatorpin);
    def->emulatorpin = set;
    tdrv_dom_unlock(c);
    return 0;
}
