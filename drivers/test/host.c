/*
 * host.c: connection and host calls of the test driver. The values are
 * libvirtd 9.0's test driver constants (node info, NUMA cells, CPU stats,
 * sysinfo, security model); the host name is the real one.
 *
 * All functions run on worker threads; none touches the shared state, so
 * none takes its lock.
 */
#include "drivers/test/test_priv.h"

#include <netdb.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

/* VIR_DRV_FEATURE_* the test driver answers 1 to. */
#define TDRV_FEATURE_TYPED_PARAM_STRING 9
#define TDRV_FEATURE_NETWORK_UPDATE_ORDER 16

#define TDRV_NCELLS 2

const struct drv_node_info tdrv_node_info = {
    .model = "i686",
    .memory = 3145728,            /* 3 GiB */
    .cpus = 16,
    .mhz = 1400,
    .nodes = 2,
    .sockets = 2,
    .cores = 2,
    .threads = 2,
};

/* Per cell: memory (reported as free by NodeGetCellsFreeMemory) and the
 * free memory summed by NodeGetFreeMemory, both as libvirt keeps them. */
static const uint64_t tdrv_cell_mem[TDRV_NCELLS] = { 2097152, 4194304 };
static const uint64_t tdrv_cell_free[TDRV_NCELLS] = { 1048576, 2097152 };

static const struct drv_stat tdrv_cpu_stats[] = {
    { "user", 9797400000ULL },
    { "kernel", 34678723400000ULL },
    { "idle", 87264900000ULL },
    { "iowait", 763600000ULL },
};

static const char tdrv_sysinfo[] =
    "<sysinfo type='smbios'>\n"
    "  <bios>\n"
    "    <entry name='vendor'>LENOVO</entry>\n"
    "    <entry name='version'>G4ETA1WW (2.61 )</entry>\n"
    "    <entry name='date'>05/07/2014</entry>\n"
    "    <entry name='release'>2.61</entry>\n"
    "  </bios>\n"
    "</sysinfo>\n";

int
tdrv_get_version(struct drv_conn *c, uint64_t *ver, struct err *e)
{
    (void)c;
    (void)e;
    *ver = 2;                     /* "0.0.2" */
    return 0;
}

/*
 * The host name as libvirt's virGetHostname finds it: gethostname(), and
 * for a short name other than localhost*, the canonical name from the
 * resolver when it has one. May block on the resolver (worker thread).
 */
int
tdrv_get_hostname(struct drv_conn *c, struct arena *a, char **out,
                  struct err *e)
{
    struct addrinfo hints = { .ai_family = AF_UNSPEC,
                              .ai_flags = AI_CANONNAME };
    struct addrinfo *info = NULL;
    char name[256];

    (void)c;
    if (gethostname(name, sizeof(name)) < 0) {
        err_set(e, ERR_SYSTEM_ERROR, ERRDOM_NONE,
                "failed to determine host name");
        return -1;
    }
    name[sizeof(name) - 1] = '\0';
    if (strncmp(name, "localhost", 9) == 0 || strchr(name, '.') ||
        getaddrinfo(name, NULL, &hints, &info) != 0)
        return (*out = tdrv_strdup(a, name, e)) ? 0 : -1;
    if (info->ai_canonname && strncmp(info->ai_canonname, "localhost", 9))
        *out = tdrv_strdup(a, info->ai_canonname, e);
    else
        *out = tdrv_strdup(a, name, e);
    freeaddrinfo(info);
    return *out ? 0 : -1;
}

int
tdrv_get_max_vcpus(struct drv_conn *c, const char *type, int *out,
                   struct err *e)
{
    (void)c;
    (void)type;
    (void)e;
    *out = 32;
    return 0;
}

int
tdrv_supports_feature(struct drv_conn *c, int feature)
{
    (void)c;
    return feature == TDRV_FEATURE_TYPED_PARAM_STRING ||
           feature == TDRV_FEATURE_NETWORK_UPDATE_ORDER;
}

int
tdrv_is_secure(struct drv_conn *c, int *out, struct err *e)
{
    (void)c;
    (void)e;
    *out = 1;
    return 0;
}

int
tdrv_node_get_info(struct drv_conn *c, struct drv_node_info *out,
                   struct err *e)
{
    (void)c;
    (void)e;
    *out = tdrv_node_info;
    return 0;
}

int
tdrv_get_sysinfo(struct drv_conn *c, unsigned flags, struct arena *a,
                 char **out, struct err *e)
{
    (void)c;
    if (flags) {
        drv_bad_flags(e, ERRDOM_TEST, "testConnectGetSysinfo", flags);
        return -1;
    }
    *out = tdrv_strdup(a, tdrv_sysinfo, e);
    return *out ? 0 : -1;
}

int
tdrv_node_get_cells_free_memory(struct drv_conn *c, int start, int max,
                                struct arena *a, uint64_t **out, int *n,
                                struct err *e)
{
    int i;

    (void)c;
    if (start < 0 || start >= TDRV_NCELLS) {
        err_set(e, ERR_INVALID_ARG, ERRDOM_TEST,
                "Range exceeds available cells");
        return -1;
    }
    if (!(*out = arena_alloc(a, TDRV_NCELLS * sizeof(**out))))
        return tdrv_oom(e);
    for (i = 0; start + i < TDRV_NCELLS && i < max; i++)
        (*out)[i] = tdrv_cell_mem[start + i];
    *n = i;
    return 0;
}

int
tdrv_node_get_free_memory(struct drv_conn *c, uint64_t *out, struct err *e)
{
    (void)c;
    (void)e;
    *out = 0;
    for (int i = 0; i < TDRV_NCELLS; i++)
        *out += tdrv_cell_free[i];
    return 0;
}

int
tdrv_node_get_cpu_stats(struct drv_conn *c, int cpu, struct drv_stat *params,
                        int *nparams, unsigned flags, struct err *e)
{
    int n = (int)(sizeof(tdrv_cpu_stats) / sizeof(tdrv_cpu_stats[0]));
    int i;

    (void)c;
    (void)cpu;                    /* the same numbers for every CPU */
    if (flags) {
        drv_bad_flags(e, ERRDOM_TEST, "testNodeGetCPUStats", flags);
        return -1;
    }
    if (!params || *nparams == 0) {
        *nparams = n;
        return 0;
    }
    for (i = 0; i < *nparams && i < n; i++)
        params[i] = tdrv_cpu_stats[i];
    *nparams = i;
    return 0;
}

int
tdrv_node_get_security_model(struct drv_conn *c, struct arena *a,
                             struct drv_sec_model *out, struct err *e)
{
    (void)c;
    out->model = tdrv_strdup(a, "testSecurity", e);
    out->doi = tdrv_strdup(a, "", e);
    return out->model && out->doi ? 0 : -1;
}
