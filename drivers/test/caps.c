/*
 * caps.c: the test driver's capabilities XML (host: i686, two NUMA cells
 * of 8 CPUs, four page sizes, the testSecurity model; guests: hvm and xen
 * on i686) and the CPU model names libvirt 9.0 knows per architecture.
 *
 * Constant data only; callable from any thread without locking.
 */
#include "drivers/test/test_priv.h"

#include <string.h>

#define TDRV_CAPS_CELLS 2
#define TDRV_CAPS_CPUS_PER_CELL 8

static const unsigned tdrv_page_sizes[] = { 4, 8, 2048, 1048576 };

/* Cell memory in KiB (the same values as the free-memory cells). */
static const unsigned long tdrv_cell_kib[TDRV_CAPS_CELLS] = {
    2097152, 4194304
};

static const char *const tdrv_guest_os[] = { "hvm", "xen" };

/* libvirt 9.0 cpu_map/index.xml order. */
static const char *const tdrv_x86_models[] = {
    "486", "pentium", "pentium2", "pentium3", "pentiumpro", "coreduo",
    "n270", "core2duo", "qemu32", "kvm32", "cpu64-rhel5", "cpu64-rhel6",
    "qemu64", "kvm64", "Conroe", "Penryn", "Nehalem", "Nehalem-IBRS",
    "Westmere", "Westmere-IBRS", "SandyBridge", "SandyBridge-IBRS",
    "IvyBridge", "IvyBridge-IBRS", "Haswell-noTSX", "Haswell-noTSX-IBRS",
    "Haswell", "Haswell-IBRS", "Broadwell-noTSX", "Broadwell-noTSX-IBRS",
    "Broadwell", "Broadwell-IBRS", "Skylake-Client", "Skylake-Client-IBRS",
    "Skylake-Client-noTSX-IBRS", "Skylake-Server", "Skylake-Server-IBRS",
    "Skylake-Server-noTSX-IBRS", "Cascadelake-Server",
    "Cascadelake-Server-noTSX", "Icelake-Client", "Icelake-Client-noTSX",
    "Icelake-Server", "Icelake-Server-noTSX", "Cooperlake", "Snowridge",
    "athlon", "phenom", "Opteron_G1", "Opteron_G2", "Opteron_G3",
    "Opteron_G4", "Opteron_G5", "EPYC", "EPYC-IBPB", "EPYC-Rome",
    "EPYC-Milan", "Dhyana",
};

static const char *const tdrv_ppc64_models[] = {
    "POWER6", "POWER7", "POWER8", "POWER9", "POWER10", "POWERPC_e5500",
    "POWERPC_e6500",
};

/* libvirt 9.0's architecture names (virArch, without "none"). */
static const char *const tdrv_arch_names[] = {
    "alpha", "armv6l", "armv7l", "armv7b", "aarch64", "cris", "i686",
    "ia64", "lm32", "m68k", "microblaze", "microblazeel", "mips", "mipsel",
    "mips64", "mips64el", "openrisc", "parisc", "parisc64", "ppc", "ppcle",
    "ppc64", "ppc64le", "ppcemb", "riscv32", "riscv64", "s390", "s390x",
    "sh4", "sh4eb", "sparc", "sparc64", "unicore32", "x86_64", "xtensa",
    "xtensaeb",
};

/* Architectures whose CPU driver has no model list (any model goes). */
static const char *const tdrv_arch_any_model[] = {
    "armv6l", "armv7l", "armv7b", "aarch64", "s390", "s390x",
};

#define TDRV_NELEM(a) (sizeof(a) / sizeof((a)[0]))

static bool
tdrv_in_list(const char *s, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(s, list[i]) == 0)
            return true;
    return false;
}

static void
tdrv_caps_host_cpu(struct xmlw *w)
{
    xmlw_start(w, "cpu");
    xmlw_open(w);
    xmlw_elem(w, "arch", "i686");
    xmlw_start(w, "features");
    xmlw_open(w);
    xmlw_line(w, "<pae/>");
    xmlw_line(w, "<nonpae/>");
    xmlw_close(w, "features");
    for (size_t i = 0; i < TDRV_NELEM(tdrv_page_sizes); i++) {
        xmlw_start(w, "pages");
        xmlw_attr(w, "unit", "KiB");
        xmlw_attrf(w, "size", "%u", tdrv_page_sizes[i]);
        xmlw_empty(w);
    }
    xmlw_close(w, "cpu");
}

/* One cell: its first page size is the host's first (cell 1: second)
 * with all of its memory in it; the larger sizes have none. */
static void
tdrv_caps_cell(struct xmlw *w, int cell)
{
    unsigned first = tdrv_page_sizes[cell == 1 ? 1 : 0];

    xmlw_start(w, "cell");
    xmlw_attrf(w, "id", "%d", cell);
    xmlw_open(w);
    xmlw_start(w, "memory");
    xmlw_attr(w, "unit", "KiB");
    xmlw_text(w, "memory", "%lu", tdrv_cell_kib[cell]);
    for (size_t i = 0; i < TDRV_NELEM(tdrv_page_sizes) - 1; i++) {
        unsigned size = i == 0 ? first : tdrv_page_sizes[i + 1];

        xmlw_start(w, "pages");
        xmlw_attr(w, "unit", "KiB");
        xmlw_attrf(w, "size", "%u", size);
        xmlw_text(w, "pages", "%lu", i == 0 ? tdrv_cell_kib[cell] / size : 0);
    }
    xmlw_start(w, "cpus");
    xmlw_attrf(w, "num", "%d", TDRV_CAPS_CPUS_PER_CELL);
    xmlw_open(w);
    for (int k = 0; k < TDRV_CAPS_CPUS_PER_CELL; k++) {
        int id = cell * TDRV_CAPS_CPUS_PER_CELL + k;

        xmlw_start(w, "cpu");
        xmlw_attrf(w, "id", "%d", id);
        xmlw_attrf(w, "socket_id", "%d", cell);
        xmlw_attr(w, "die_id", "0");
        xmlw_attrf(w, "core_id", "%d", k);
        xmlw_attrf(w, "siblings", "%d", id);
        xmlw_empty(w);
    }
    xmlw_close(w, "cpus");
    xmlw_close(w, "cell");
}

static void
tdrv_caps_host(struct xmlw *w)
{
    xmlw_start(w, "host");
    xmlw_open(w);
    tdrv_caps_host_cpu(w);
    xmlw_line(w, "<power_management/>");
    xmlw_line(w, "<iommu support='no'/>");
    xmlw_start(w, "topology");
    xmlw_open(w);
    xmlw_start(w, "cells");
    xmlw_attrf(w, "num", "%d", TDRV_CAPS_CELLS);
    xmlw_open(w);
    for (int i = 0; i < TDRV_CAPS_CELLS; i++)
        tdrv_caps_cell(w, i);
    xmlw_close(w, "cells");
    xmlw_close(w, "topology");
    xmlw_start(w, "secmodel");
    xmlw_open(w);
    xmlw_elem(w, "model", "testSecurity");
    xmlw_elem(w, "doi", "");
    xmlw_close(w, "secmodel");
    xmlw_close(w, "host");
}

static void
tdrv_caps_guest(struct xmlw *w, const char *os_type)
{
    xmlw_start(w, "guest");
    xmlw_open(w);
    xmlw_elem(w, "os_type", os_type);
    xmlw_start(w, "arch");
    xmlw_attr(w, "name", "i686");
    xmlw_open(w);
    xmlw_elem(w, "wordsize", "32");
    xmlw_elem(w, "emulator", "/usr/bin/test-hv");
    xmlw_line(w, "<domain type='test'/>");
    xmlw_close(w, "arch");
    xmlw_start(w, "features");
    xmlw_open(w);
    xmlw_line(w, "<pae/>");
    xmlw_line(w, "<nonpae/>");
    xmlw_close(w, "features");
    xmlw_close(w, "guest");
}

int
tdrv_get_capabilities(struct drv_conn *c, struct arena *a, char **out,
                      struct err *e)
{
    struct xmlw w;

    (void)c;
    xmlw_init(&w);
    xmlw_start(&w, "capabilities");
    xmlw_open(&w);
    xmlw_raw(&w, "\n");
    tdrv_caps_host(&w);
    for (size_t i = 0; i < TDRV_NELEM(tdrv_guest_os); i++) {
        xmlw_raw(&w, "\n");
        tdrv_caps_guest(&w, tdrv_guest_os[i]);
    }
    xmlw_raw(&w, "\n");
    xmlw_close(&w, "capabilities");
    return tdrv_xml_result(&w, a, out, e);
}

static int
tdrv_models_copy(const char *const *list, size_t n, struct arena *a,
                 const char ***models, int *count, struct err *e)
{
    const char **v = arena_alloc(a, (n ? n : 1) * sizeof(*v));

    if (!v)
        return tdrv_oom(e);
    if (n)
        memcpy(v, list, n * sizeof(*v));
    *models = v;
    *count = (int)n;
    return 0;
}

int
tdrv_get_cpu_model_names(struct drv_conn *c, const char *arch,
                         unsigned flags, struct arena *a,
                         const char ***models, int *n, struct err *e)
{
    (void)c;
    if (flags) {
        drv_bad_flags(e, ERRDOM_TEST, "testConnectGetCPUModelNames", flags);
        return -1;
    }
    if (!tdrv_in_list(arch, tdrv_arch_names, TDRV_NELEM(tdrv_arch_names))) {
        err_set(e, ERR_INVALID_ARG, ERRDOM_TEST,
                "cannot find architecture %s", arch);
        return -1;
    }
    if (!strcmp(arch, "i686") || !strcmp(arch, "x86_64"))
        return tdrv_models_copy(tdrv_x86_models,
                                TDRV_NELEM(tdrv_x86_models), a, models, n, e);
    if (!strcmp(arch, "ppc64") || !strcmp(arch, "ppc64le"))
        return tdrv_models_copy(tdrv_ppc64_models,
                                TDRV_NELEM(tdrv_ppc64_models), a, models, n,
                                e);
    if (tdrv_in_list(arch, tdrv_arch_any_model,
                     TDRV_NELEM(tdrv_arch_any_model)))
        return tdrv_models_copy(NULL, 0, a, models, n, e);
    err_set(e, ERR_NO_SUPPORT, ERRDOM_CPU,
            "'%s' architecture is not supported by CPU driver", arch);
    return -1;
}
