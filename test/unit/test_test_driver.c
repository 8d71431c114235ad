/*
 * test_test_driver.c: the test driver's test:///default state through the
 * driver interface: initial objects, lookups and their libvirt errors,
 * ListAll filters, host data, domain reads, XML compared with the
 * reference outputs captured from libvirtd 9.0 (test/integ/expected), URI
 * handling, and the state being shared by connections and reset after the
 * last one closes.
 */
#include <criterion/criterion.h>

#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "drivers/driver.h"
#include "drivers/test/test_priv.h"

#define T_TIMEOUT .timeout = 10

static const uint8_t dom_uuid[16] = {
    0x66, 0x95, 0xeb, 0x01, 0xf6, 0xa4, 0x83, 0x04,
    0x79, 0xaa, 0x97, 0xf2, 0x50, 0x2e, 0x19, 0x3f,
};

static struct arena a;
static struct err e;
static struct drv_conn *c;

static void
setup(void)
{
    arena_init(&a);
    memset(&e, 0, sizeof(e));
    cr_assert_eq(drv_open("test:///default", 0, NULL, &a, &c, &e), 0,
                 "open: %s", e.message);
}

static void
teardown(void)
{
    drv_close(c);
    err_release(&e);
    arena_reset(&a);
}

TestSuite(test_driver, .init = setup, .fini = teardown);

/* The code, domain and message of the last error, then clear it. */
static void
assert_err(int code, int domain, const char *msg)
{
    cr_assert_eq(e.code, code, "code %d, want %d (%s)", e.code, code,
                 e.message);
    cr_assert_eq(e.domain, domain, "domain %d, want %d", e.domain, domain);
    cr_assert_str_eq(e.message, msg);
    err_release(&e);
}

/* A reference file from test/integ/expected, found from the test binary
 * (build/VARIANT/test/NAME) or $VIRTD_SRCDIR. */
static char *
read_expected(const char *name)
{
    char path[PATH_MAX + 64], exe[PATH_MAX];
    const char *src = getenv("VIRTD_SRCDIR");
    ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
    char *buf, *p;
    FILE *f;
    long len;

    cr_assert(n > 0);
    exe[n] = '\0';
    for (int up = 0; up < 4 && (p = strrchr(exe, '/')); up++)
        *p = '\0';
    cr_assert_lt(strlen(name), 32);
    snprintf(path, sizeof(path), "%.*s/test/integ/expected/%s",
             PATH_MAX - 1, src ? src : exe, name);
    cr_assert((f = fopen(path, "r")), "cannot open %s", path);
    fseek(f, 0, SEEK_END);
    len = ftell(f);
    rewind(f);
    cr_assert((buf = calloc(1, (size_t)len + 1)));
    cr_assert_eq(fread(buf, 1, (size_t)len, f), (size_t)len);
    fclose(f);
    return buf;
}

static void
assert_xml(const char *got, const char *file)
{
    char *want = read_expected(file);

    cr_assert_str_eq(got, want, "%s differs:\n%s", file, got);
    free(want);
}

static struct drv_dom
the_dom(void)
{
    struct drv_dom d = { .name = "test", .id = 1 };

    memcpy(d.uuid, dom_uuid, 16);
    return d;
}

/* -- initial state and lookups -------------------------------------------- */

Test(test_driver, initial_domain, T_TIMEOUT)
{
    struct drv_dom *doms, d;
    int n;

    cr_assert_eq(c->ops->list_all_domains(c, 0, &a, &doms, &n, &e), 0);
    cr_assert_eq(n, 1);
    cr_assert_str_eq(doms[0].name, "test");
    cr_assert_eq(doms[0].id, 1);
    cr_assert_arr_eq(doms[0].uuid, dom_uuid, 16);
    cr_assert_eq(c->ops->dom_lookup_by_id(c, 1, &a, &d, &e), 0);
    cr_assert_str_eq(d.name, "test");
    cr_assert_eq(c->ops->dom_lookup_by_uuid(c, dom_uuid, &a, &d, &e), 0);
    cr_assert_eq(d.id, 1);
    cr_assert_eq(c->ops->dom_lookup_by_name(c, "test", &a, &d, &e), 0);
    cr_assert_arr_eq(d.uuid, dom_uuid, 16);
    cr_assert_str_eq(c->uri, "test:///default");
}

Test(test_driver, domain_lookup_errors, T_TIMEOUT)
{
    uint8_t other[16] = { 1 };
    struct drv_dom d = the_dom();
    int v;

    cr_assert_eq(c->ops->dom_lookup_by_name(c, "nosuch", &a, &d, &e), -1);
    assert_err(ERR_NO_DOMAIN, ERRDOM_TEST, "Domain not found");
    cr_assert_eq(c->ops->dom_lookup_by_id(c, 2, &a, &d, &e), -1);
    assert_err(ERR_NO_DOMAIN, ERRDOM_TEST, "Domain not found");
    cr_assert_eq(c->ops->dom_lookup_by_uuid(c, other, &a, &d, &e), -1);
    assert_err(ERR_NO_DOMAIN, ERRDOM_TEST, "Domain not found");
    /* a stale handle: resolved by uuid, named in the message */
    d = the_dom();
    d.name = "ghost";
    memcpy(d.uuid, other, 16);
    cr_assert_eq(c->ops->dom_is_active(c, &d, &v, &e), -1);
    assert_err(ERR_NO_DOMAIN, ERRDOM_TEST, "Domain not found: no domain with "
               "matching uuid '01000000-0000-0000-0000-000000000000' "
               "(ghost)");
}

Test(test_driver, domain_list_filters, T_TIMEOUT)
{
    static const struct { unsigned flags; int n; } cases[] = {
        { 1, 1 }, { 2, 0 }, { 3, 1 }, { 4, 1 }, { 8, 0 }, { 16, 1 },
        { 32, 0 }, { 64, 0 }, { 128, 0 }, { 16 | 64, 1 }, { 256, 0 },
        { 512, 1 }, { 1024, 0 }, { 2048, 1 }, { 4096, 0 }, { 8192, 1 },
        { 16384, 0 }, { 32768, 1 }, { 0xffff, 1 },
    };
    struct drv_dom *doms;
    int n;

    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        cr_assert_eq(c->ops->list_all_domains(c, cases[i].flags, &a, &doms,
                                              &n, &e), 0);
        cr_assert_eq(n, cases[i].n, "flags 0x%x: %d", cases[i].flags, n);
    }
    cr_assert_eq(c->ops->list_all_domains(c, 0x10000, &a, &doms, &n, &e), -1);
    assert_err(ERR_INVALID_ARG, ERRDOM_TEST, "unsupported flags (0x10000) in "
               "function testConnectListAllDomains");
}

Test(test_driver, legacy_domain_lists, T_TIMEOUT)
{
    const char **names;
    int *ids, n;

    cr_assert_eq(c->ops->num_of_domains(c, true, &n, &e), 0);
    cr_assert_eq(n, 1);
    cr_assert_eq(c->ops->num_of_domains(c, false, &n, &e), 0);
    cr_assert_eq(n, 0);
    cr_assert_eq(c->ops->list_domain_ids(c, 10, &a, &ids, &n, &e), 0);
    cr_assert_eq(n, 1);
    cr_assert_eq(ids[0], 1);
    cr_assert_eq(c->ops->list_domain_ids(c, 0, &a, &ids, &n, &e), 0);
    cr_assert_eq(n, 0);
    cr_assert_eq(c->ops->list_defined_domains(c, 10, &a, &names, &n, &e), 0);
    cr_assert_eq(n, 0);
}

Test(test_driver, networks, T_TIMEOUT)
{
    struct drv_net *nets, net;
    const char **names;
    uint8_t zero[16] = { 0 };
    int n, v;

    cr_assert_eq(c->ops->list_all_networks(c, 0, &a, &nets, &n, &e), 0);
    cr_assert_eq(n, 1);
    cr_assert_str_eq(nets[0].name, "default");
    cr_assert_eq(c->ops->list_all_networks(c, 1, &a, &nets, &n, &e), 0);
    cr_assert_eq(n, 0);
    cr_assert_eq(c->ops->list_all_networks(c, 2 | 4 | 32, &a, &nets, &n, &e),
                 0);
    cr_assert_eq(n, 1);
    cr_assert_eq(c->ops->list_all_networks(c, 16, &a, &nets, &n, &e), 0);
    cr_assert_eq(n, 0);
    cr_assert_eq(c->ops->list_all_networks(c, 1u << 10, &a, &nets, &n, &e),
                 -1);
    assert_err(ERR_INVALID_ARG, ERRDOM_TEST, "unsupported flags (0x400) in "
               "function testConnectListAllNetworks");
    cr_assert_eq(c->ops->list_network_names(c, true, 5, &a, &names, &n, &e),
                 0);
    cr_assert_eq(n, 1);
    cr_assert_str_eq(names[0], "default");
    cr_assert_eq(c->ops->net_lookup_by_name(c, "default", &a, &net, &e), 0);
    cr_assert_eq(c->ops->net_is_active(c, &net, &v, &e), 0);
    cr_assert_eq(v, 1);
    cr_assert_eq(c->ops->net_get_autostart(c, &net, &v, &e), 0);
    cr_assert_eq(v, 0);
    cr_assert_eq(c->ops->net_lookup_by_name(c, "x", &a, &net, &e), -1);
    assert_err(ERR_NO_NETWORK, ERRDOM_TEST,
               "Network not found: no network with matching name 'x'");
    cr_assert_eq(c->ops->net_lookup_by_uuid(c, zero, &a, &net, &e), -1);
    assert_err(ERR_NO_NETWORK, ERRDOM_TEST, "Network not found: no network "
               "with matching uuid '00000000-0000-0000-0000-000000000000'");
}

Test(test_driver, pools_and_volumes, T_TIMEOUT)
{
    struct drv_pool *pools, p;
    struct drv_pool_info info;
    struct drv_vol *vols, vol;
    int n;

    cr_assert_eq(c->ops->list_all_pools(c, 0, &a, &pools, &n, &e), 0);
    cr_assert_eq(n, 1);
    cr_assert_eq(c->ops->list_all_pools(c, 1u << 6, &a, &pools, &n, &e), 0);
    cr_assert_eq(n, 1, "type dir");
    cr_assert_eq(c->ops->list_all_pools(c, 1u << 9, &a, &pools, &n, &e), 0);
    cr_assert_eq(n, 0, "type logical");
    cr_assert_eq(c->ops->list_all_pools(c, 1u << 20, &a, &pools, &n, &e), -1);
    err_release(&e);
    cr_assert_eq(c->ops->pool_lookup_by_name(c, "default-pool", &a, &p, &e),
                 0);
    cr_assert_eq(c->ops->pool_get_info(c, &p, &info, &e), 0);
    cr_assert_eq(info.state, 2);
    cr_assert_eq(info.capacity, 107374182400ULL);
    cr_assert_eq(info.allocation, 0);
    cr_assert_eq(info.available, 107374182400ULL);
    cr_assert_eq(c->ops->pool_list_all_volumes(c, &p, 0, &a, &vols, &n, &e),
                 0);
    cr_assert_eq(n, 0);
    cr_assert_eq(c->ops->pool_num_of_volumes(c, &p, &n, &e), 0);
    cr_assert_eq(n, 0);
    cr_assert_eq(c->ops->vol_lookup_by_name(c, &p, "foo", &a, &vol, &e), -1);
    assert_err(ERR_NO_STORAGE_VOL, ERRDOM_TEST, "Storage volume not found: "
               "no storage vol with matching name 'foo'");
    cr_assert_eq(c->ops->vol_lookup_by_path(c, "foo", &a, &vol, &e), -1);
    assert_err(ERR_NO_STORAGE_VOL, ERRDOM_TEST, "Storage volume not found: "
               "no storage vol with matching path 'foo'");
    cr_assert_eq(c->ops->pool_lookup_by_name(c, "x", &a, &p, &e), -1);
    assert_err(ERR_NO_STORAGE_POOL, ERRDOM_TEST, "Storage pool not found: "
               "no storage pool with matching name 'x'");
}

Test(test_driver, pool_lifecycle, T_TIMEOUT)
{
    struct drv_pool p;
    struct drv_pool_info info;
    int v;

    cr_assert_eq(c->ops->pool_lookup_by_name(c, "default-pool", &a, &p, &e),
                 0);
    /* active: refresh only; build, delete, undefine and start refused */
    cr_assert_eq(c->ops->pool_change(c, &p, DRV_POOL_REFRESH, 0, &e), 0);
    for (int op = DRV_POOL_START; op <= DRV_POOL_UNDEFINE; op++) {
        if (op == DRV_POOL_DESTROY)
            continue;
        cr_assert_eq(c->ops->pool_change(c, &p, op, 0, &e), -1, "op %d", op);
        assert_err(ERR_OPERATION_INVALID, ERRDOM_TEST, "Requested operation "
                   "is not valid: storage pool 'default-pool' is active");
    }
    cr_assert_eq(c->ops->pool_change(c, &p, DRV_POOL_REFRESH, 1, &e), -1);
    assert_err(ERR_INVALID_ARG, ERRDOM_TEST, "unsupported flags (0x1) in "
               "function testStoragePoolRefresh");
    cr_assert_eq(c->ops->pool_set_autostart(c, &p, 7, &e), 0);
    cr_assert_eq(c->ops->pool_get_autostart(c, &p, &v, &e), 0);
    cr_assert_eq(v, 1);

    /* inactive: the read side refuses volumes, the pool stays listed */
    cr_assert_eq(c->ops->pool_change(c, &p, DRV_POOL_DESTROY, 0, &e), 0);
    cr_assert_eq(c->ops->pool_get_info(c, &p, &info, &e), 0);
    cr_assert_eq(info.state, 0);
    cr_assert_eq(c->ops->pool_num_of_volumes(c, &p, &v, &e), -1);
    assert_err(ERR_OPERATION_INVALID, ERRDOM_TEST, "Requested operation is "
               "not valid: storage pool 'default-pool' is not active");
    cr_assert_eq(c->ops->pool_change(c, &p, DRV_POOL_REFRESH, 0, &e), -1);
    assert_err(ERR_OPERATION_INVALID, ERRDOM_TEST, "Requested operation is "
               "not valid: storage pool 'default-pool' is not active");
    cr_assert_eq(c->ops->pool_change(c, &p, DRV_POOL_BUILD, 0, &e), 0);
    cr_assert_eq(c->ops->pool_change(c, &p, DRV_POOL_DELETE, 0, &e), 0);
    cr_assert_eq(c->ops->pool_change(c, &p, DRV_POOL_START, 0, &e), 0);
    cr_assert_eq(c->ops->pool_is_active(c, &p, &v, &e), 0);
    cr_assert_eq(v, 1);

    /* undefined: gone */
    cr_assert_eq(c->ops->pool_change(c, &p, DRV_POOL_DESTROY, 0, &e), 0);
    cr_assert_eq(c->ops->pool_change(c, &p, DRV_POOL_UNDEFINE, 0, &e), 0);
    cr_assert_eq(c->ops->pool_change(c, &p, DRV_POOL_START, 0, &e), -1);
    assert_err(ERR_NO_STORAGE_POOL, ERRDOM_TEST, "Storage pool not found: "
               "no storage pool with matching name 'default-pool'");
    cr_assert_eq(c->ops->pool_set_autostart(c, &p, 0, &e), -1);
    assert_err(ERR_NO_STORAGE_POOL, ERRDOM_TEST, "Storage pool not found: "
               "no storage pool with matching name 'default-pool'");
    cr_assert_eq(c->ops->num_of_pools(c, false, &v, &e), 0);
    cr_assert_eq(v, 0);
}

Test(test_driver, interfaces, T_TIMEOUT)
{
    struct drv_iface *ifaces, i;
    int n, v;

    cr_assert_eq(c->ops->list_all_interfaces(c, 0, &a, &ifaces, &n, &e), 0);
    cr_assert_eq(n, 1);
    cr_assert_str_eq(ifaces[0].name, "eth1");
    cr_assert_str_eq(ifaces[0].mac, "aa:bb:cc:dd:ee:ff");
    cr_assert_eq(c->ops->list_all_interfaces(c, 1, &a, &ifaces, &n, &e), 0);
    cr_assert_eq(n, 0);
    cr_assert_eq(c->ops->list_all_interfaces(c, 4, &a, &ifaces, &n, &e), -1);
    err_release(&e);
    cr_assert_eq(c->ops->iface_lookup_by_mac(c, "AA:BB:CC:DD:EE:FF", &a, &i,
                                             &e), 0);
    cr_assert_str_eq(i.name, "eth1");
    cr_assert_eq(c->ops->iface_is_active(c, &i, &v, &e), 0);
    cr_assert_eq(v, 1);
    cr_assert_eq(c->ops->iface_lookup_by_name(c, "x", &a, &i, &e), -1);
    assert_err(ERR_NO_INTERFACE, ERRDOM_TEST, "Interface not found: no "
               "interface with matching name 'x'");
}

/* -- XML against libvirtd's output ---------------------------------------- */

Test(test_driver, xml_matches_reference, T_TIMEOUT)
{
    struct drv_dom d = the_dom();
    struct drv_net net;
    struct drv_pool p;
    struct drv_iface i;
    char *x;

    cr_assert_eq(c->ops->dom_get_xml_desc(c, &d, 0, &a, &x, &e), 0);
    assert_xml(x, "test-dom.xml");
    cr_assert_eq(c->ops->dom_get_xml_desc(c, &d, 1 | 8, &a, &x, &e), 0);
    assert_xml(x, "test-dom.xml");
    cr_assert_eq(c->ops->dom_get_xml_desc(c, &d, 2, &a, &x, &e), 0);
    assert_xml(x, "test-dom-inactive.xml");
    cr_assert_eq(c->ops->net_lookup_by_name(c, "default", &a, &net, &e), 0);
    cr_assert_eq(c->ops->net_get_xml_desc(c, &net, 0, &a, &x, &e), 0);
    assert_xml(x, "test-net.xml");
    cr_assert_eq(c->ops->pool_lookup_by_name(c, "default-pool", &a, &p, &e),
                 0);
    cr_assert_eq(c->ops->pool_get_xml_desc(c, &p, 0, &a, &x, &e), 0);
    assert_xml(x, "test-pool.xml");
    cr_assert_eq(c->ops->iface_lookup_by_name(c, "eth1", &a, &i, &e), 0);
    cr_assert_eq(c->ops->iface_get_xml_desc(c, &i, 0, &a, &x, &e), 0);
    assert_xml(x, "test-iface.xml");
    cr_assert_eq(c->ops->get_capabilities(c, &a, &x, &e), 0);
    assert_xml(x, "test-caps.xml");
    cr_assert_eq(c->ops->get_sysinfo(c, 0, &a, &x, &e), 0);
    assert_xml(x, "test-sysinfo.xml");
}

Test(test_driver, xml_bad_flags, T_TIMEOUT)
{
    struct drv_dom d = the_dom();
    struct drv_net net;
    char *x;

    cr_assert_eq(c->ops->dom_get_xml_desc(c, &d, 4, &a, &x, &e), -1);
    cr_assert_str_eq(e.str1, "testDomainGetXMLDesc");
    cr_assert_str_eq(e.str2, "flags");
    assert_err(ERR_INVALID_ARG, ERRDOM_TEST, "unsupported flags (0x4) in "
               "function testDomainGetXMLDesc");
    cr_assert_eq(c->ops->net_lookup_by_name(c, "default", &a, &net, &e), 0);
    cr_assert_eq(c->ops->net_get_xml_desc(c, &net, 1, &a, &x, &e), -1);
    assert_err(ERR_INVALID_ARG, ERRDOM_TEST, "unsupported flags (0x1) in "
               "function testNetworkGetXMLDesc");
    cr_assert_eq(c->ops->get_sysinfo(c, 1, &a, &x, &e), -1);
    assert_err(ERR_INVALID_ARG, ERRDOM_TEST, "unsupported flags (0x1) in "
               "function testConnectGetSysinfo");
}

/* -- host ------------------------------------------------------------------ */

Test(test_driver, host_data, T_TIMEOUT)
{
    struct drv_node_info ni;
    struct drv_sec_model sm;
    uint64_t v, *cells;
    char *host;
    int n;

    cr_assert_eq(c->ops->get_version(c, &v, &e), 0);
    cr_assert_eq(v, 2);
    cr_assert_str_eq(c->ops->type, "TEST");
    cr_assert_eq(c->ops->node_get_info(c, &ni, &e), 0);
    cr_assert_str_eq(ni.model, "i686");
    cr_assert_eq(ni.memory, 3145728);
    cr_assert_eq(ni.cpus, 16);
    cr_assert_eq(ni.mhz, 1400);
    cr_assert(ni.nodes == 2 && ni.sockets == 2 && ni.cores == 2 &&
              ni.threads == 2);
    cr_assert_eq(c->ops->get_max_vcpus(c, NULL, &n, &e), 0);
    cr_assert_eq(n, 32);
    cr_assert_eq(c->ops->node_get_free_memory(c, &v, &e), 0);
    cr_assert_eq(v, 3145728);
    cr_assert_eq(c->ops->node_get_cells_free_memory(c, 0, 5, &a, &cells, &n,
                                                    &e), 0);
    cr_assert_eq(n, 2);
    cr_assert(cells[0] == 2097152 && cells[1] == 4194304);
    cr_assert_eq(c->ops->node_get_cells_free_memory(c, 2, 1, &a, &cells, &n,
                                                    &e), -1);
    assert_err(ERR_INVALID_ARG, ERRDOM_TEST,
               "invalid argument: Range exceeds available cells");
    cr_assert_eq(c->ops->node_get_security_model(c, &a, &sm, &e), 0);
    cr_assert_str_eq(sm.model, "testSecurity");
    cr_assert_str_eq(sm.doi, "");
    cr_assert_eq(c->ops->get_hostname(c, &a, &host, &e), 0);
    cr_assert(host[0] && !strchr(host, ' '));
    cr_assert_null(c->ops->node_get_memory_stats);
    cr_assert_eq(c->ops->supports_feature(c, 9), 1);
    cr_assert_eq(c->ops->supports_feature(c, 16), 1);
    cr_assert_eq(c->ops->supports_feature(c, 4), 0);
}

Test(test_driver, cpu_stats_two_steps, T_TIMEOUT)
{
    struct drv_stat st[4];
    int n = 0;

    cr_assert_eq(c->ops->node_get_cpu_stats(c, -1, NULL, &n, 0, &e), 0);
    cr_assert_eq(n, 4);
    n = 2;
    cr_assert_eq(c->ops->node_get_cpu_stats(c, 3, st, &n, 0, &e), 0);
    cr_assert_eq(n, 2);
    cr_assert_str_eq(st[0].field, "user");
    cr_assert_eq(st[0].value, 9797400000ULL);
    cr_assert_str_eq(st[1].field, "kernel");
    cr_assert_eq(st[1].value, 34678723400000ULL);
    n = 4;
    cr_assert_eq(c->ops->node_get_cpu_stats(c, -1, st, &n, 0, &e), 0);
    cr_assert_str_eq(st[3].field, "iowait");
    cr_assert_eq(c->ops->node_get_cpu_stats(c, -1, st, &n, 1, &e), -1);
    err_release(&e);
}

Test(test_driver, cpu_models, T_TIMEOUT)
{
    const char **m;
    int n;

    cr_assert_eq(c->ops->get_cpu_model_names(c, "x86_64", 0, &a, &m, &n, &e),
                 0);
    cr_assert_eq(n, 58);
    cr_assert_str_eq(m[0], "486");
    cr_assert_str_eq(m[57], "Dhyana");
    cr_assert_eq(c->ops->get_cpu_model_names(c, "ppc64le", 0, &a, &m, &n, &e),
                 0);
    cr_assert_eq(n, 7);
    cr_assert_eq(c->ops->get_cpu_model_names(c, "aarch64", 0, &a, &m, &n, &e),
                 0);
    cr_assert_eq(n, 0);
    cr_assert_eq(c->ops->get_cpu_model_names(c, "foo", 0, &a, &m, &n, &e), -1);
    assert_err(ERR_INVALID_ARG, ERRDOM_TEST,
               "invalid argument: cannot find architecture foo");
    cr_assert_eq(c->ops->get_cpu_model_names(c, "mips", 0, &a, &m, &n, &e),
                 -1);
    assert_err(ERR_NO_SUPPORT, ERRDOM_CPU, "this function is not supported "
               "by the connection driver: 'mips' architecture is not "
               "supported by CPU driver");
    cr_assert_eq(c->ops->get_cpu_model_names(c, "x86_64", 1, &a, &m, &n, &e),
                 -1);
    err_release(&e);
}

/* -- domain reads ---------------------------------------------------------- */

Test(test_driver, domain_info_and_state, T_TIMEOUT)
{
    struct drv_dom d = the_dom();
    struct drv_dom_info info;
    struct drv_sec_label sl;
    const char **msgs;
    int state, reason, v;
    uint64_t mem;
    char *s;

    cr_assert_eq(c->ops->dom_get_info(c, &d, &info, &e), 0);
    cr_assert_eq(info.state, DRV_DOM_RUNNING);
    cr_assert_eq(info.max_mem, 8388608);
    cr_assert_eq(info.memory, 2097152);
    cr_assert_eq(info.nr_vcpu, 2);
    cr_assert_gt(info.cpu_time, 0);
    cr_assert_eq(c->ops->dom_get_state(c, &d, 0, &state, &reason, &e), 0);
    cr_assert(state == 1 && reason == 0);
    cr_assert_eq(c->ops->dom_get_state(c, &d, 1, &state, &reason, &e), -1);
    assert_err(ERR_INVALID_ARG, ERRDOM_TEST, "unsupported flags (0x1) in "
               "function testDomainGetState");
    cr_assert_eq(c->ops->dom_get_os_type(c, &d, &a, &s, &e), 0);
    cr_assert_str_eq(s, "linux");
    cr_assert_eq(c->ops->dom_get_max_memory(c, &d, &mem, &e), 0);
    cr_assert_eq(mem, 8388608);
    cr_assert_eq(c->ops->dom_is_persistent(c, &d, &v, &e), 0);
    cr_assert_eq(v, 1);
    cr_assert_eq(c->ops->dom_get_autostart(c, &d, &v, &e), 0);
    cr_assert_eq(v, 0);
    cr_assert_eq(c->ops->dom_has_managed_save(c, &d, 0, &v, &e), 0);
    cr_assert_eq(v, 0);
    cr_assert_eq(c->ops->dom_get_security_label(c, &d, &a, &sl, &e), 0);
    cr_assert_str_eq(sl.label, "libvirt-test");
    cr_assert_eq(sl.enforcing, 1);
    cr_assert_eq(c->ops->dom_get_messages(c, &d, 0, &a, &msgs, &v, &e), 0);
    cr_assert_eq(v, 0);
    cr_assert_eq(c->ops->dom_get_hostname(c, &d, 0, &a, &s, &e), 0);
    cr_assert_str_eq(s, "testhost");
}

Test(test_driver, vcpus_and_tunables, T_TIMEOUT)
{
    struct drv_dom d = the_dom();
    struct drv_tparam p[3];
    int n;
    char *s;

    for (unsigned f = 0; f <= 6; f++) {
        if (f == 3)
            continue;
        cr_assert_eq(c->ops->dom_get_vcpus_flags(c, &d, f, &n, &e), 0);
        cr_assert_eq(n, 2, "flags %u", f);
    }
    cr_assert_eq(c->ops->dom_get_vcpus_flags(c, &d, 8, &n, &e), -1);
    assert_err(ERR_INVALID_ARG, ERRDOM_TEST, "unsupported flags (0x8) in "
               "function testDomainGetVcpusFlags");
    cr_assert_eq(c->ops->dom_get_scheduler_type(c, &d, &a, &s, &n, &e), 0);
    cr_assert_str_eq(s, "fair");
    cr_assert_eq(n, 1);
    n = 1;
    cr_assert_eq(c->ops->dom_get_scheduler_params(c, &d, p, &n, 0, &e), 0);
    cr_assert_eq(n, 1);
    cr_assert_str_eq(p[0].field, "weight");
    cr_assert(p[0].type == DRV_TP_UINT && p[0].i == 50);
    n = 0;
    cr_assert_eq(c->ops->dom_get_memory_params(c, &d, p, &n, 4, &a, &e), 0);
    cr_assert_eq(n, 3);
    cr_assert_eq(c->ops->dom_get_memory_params(c, &d, p, &n, 4, &a, &e), 0);
    cr_assert_str_eq(p[2].field, "swap_hard_limit");
    cr_assert_eq(p[0].i, 9007199254740991LL);
    cr_assert_eq(p[0].type, DRV_TP_ULLONG);
}

Test(test_driver, numa_and_blkio_tunables, T_TIMEOUT)
{
    struct drv_dom d = the_dom();
    struct drv_tparam p[8];
    int n = 0;

    cr_assert_eq(c->ops->dom_get_numa_params(c, &d, p, &n, 0, &a, &e), 0);
    cr_assert_eq(n, 2);
    cr_assert_eq(c->ops->dom_get_numa_params(c, &d, p, &n, 4, &a, &e), 0);
    cr_assert(n == 2 && p[0].type == DRV_TP_INT && p[0].i == 0);
    cr_assert_str_eq(p[1].field, "numa_nodeset");
    cr_assert_str_eq(p[1].s, "");
    n = 0;
    cr_assert_eq(c->ops->dom_get_blkio_params(c, &d, p, &n, 0, &a, &e), 0);
    cr_assert_eq(n, 6);
    n = 2;
    cr_assert_eq(c->ops->dom_get_blkio_params(c, &d, p, &n, 2, &a, &e), 0);
    cr_assert(n == 2 && p[0].type == DRV_TP_UINT && p[0].i == 0);
    cr_assert_str_eq(p[1].field, "device_weight");
    /* virCheckFlags names only the bits it refuses (0x8, not 0xc) */
    n = 2;
    cr_assert_eq(c->ops->dom_get_numa_params(c, &d, p, &n, 0xc, &a, &e), -1);
    assert_err(ERR_INVALID_ARG, ERRDOM_TEST, "unsupported flags (0x8) in "
               "function testDomainGetNumaParameters");
    /* the count is answered before the definition is chosen */
    n = 0;
    cr_assert_eq(c->ops->dom_get_numa_params(c, &d, p, &n, 3, &a, &e), 0);
    n = 2;
    cr_assert_eq(c->ops->dom_get_numa_params(c, &d, p, &n, 3, &a, &e), -1);
    assert_err(ERR_INVALID_ARG, ERRDOM_DOMAIN, "Flags "
               "'VIR_DOMAIN_AFFECT_LIVE' and 'VIR_DOMAIN_AFFECT_CONFIG' are "
               "mutually exclusive");
    cr_assert_eq(c->ops->dom_destroy(c, &d, 0, &e), 0);
    n = 6;
    cr_assert_eq(c->ops->dom_get_blkio_params(c, &d, p, &n, 1, &a, &e), -1);
    assert_err(ERR_OPERATION_INVALID, ERRDOM_DOMAIN,
               "Requested operation is not valid: domain is not running");
}

static struct drv_tparam
tp_str(const char *field, const char *s)
{
    struct drv_tparam p = { field, DRV_TP_STRING, 0, 0, s };

    return p;
}

/* virDomainSetNumaParameters: a static placement needs a nodeset; a
 * running domain keeps its mode once set; values are checked. */
Test(test_driver, numa_setter, T_TIMEOUT)
{
    struct drv_dom d = the_dom();
    struct drv_tparam set[2], p[2];
    int n = 2;

    set[0] = (struct drv_tparam){ "numa_mode", DRV_TP_INT, 2, 0, NULL };
    cr_assert_eq(c->ops->dom_set_numa_params(c, &d, set, 1, 0, &e), -1);
    assert_err(ERR_CONFIG_UNSUPPORTED, ERRDOM_DOMAIN, "unsupported "
               "configuration: nodeset for NUMA memory tuning must be set if "
               "'placement' is 'static'");
    set[0] = tp_str("numa_nodeset", "0-2,^1");
    cr_assert_eq(c->ops->dom_set_numa_params(c, &d, set, 1, 0, &e), 0);
    cr_assert_eq(c->ops->dom_get_numa_params(c, &d, p, &n, 0, &a, &e), 0);
    cr_assert(p[0].i == 0 && strcmp(p[1].s, "0,2") == 0);
    set[0] = (struct drv_tparam){ "numa_mode", DRV_TP_INT, 1, 0, NULL };
    cr_assert_eq(c->ops->dom_set_numa_params(c, &d, set, 1, 0, &e), -1);
    assert_err(ERR_OPERATION_INVALID, ERRDOM_TEST, "Requested operation is "
               "not valid: can't change numatune mode for running domain");
    set[0].i = 4;
    cr_assert_eq(c->ops->dom_set_numa_params(c, &d, set, 1, 0, &e), -1);
    assert_err(ERR_INVALID_ARG, ERRDOM_TEST,
               "invalid argument: unsupported numatune mode: '4'");
    set[0] = tp_str("numa_nodeset", "^0");
    cr_assert_eq(c->ops->dom_set_numa_params(c, &d, set, 1, 0, &e), -1);
    assert_err(ERR_OPERATION_INVALID, ERRDOM_TEST, "Requested operation is "
               "not valid: Invalid nodeset of 'numatune': ^0");
    /* the persistent config has its own numatune */
    set[0] = (struct drv_tparam){ "numa_mode", DRV_TP_INT, 2, 0, NULL };
    set[1] = tp_str("numa_nodeset", "1");
    cr_assert_eq(c->ops->dom_set_numa_params(c, &d, set, 2, 2, &e), 0);
    cr_assert_eq(c->ops->dom_get_numa_params(c, &d, p, &n, 2, &a, &e), 0);
    cr_assert(p[0].i == 2 && strcmp(p[1].s, "1") == 0);
    cr_assert_eq(c->ops->dom_get_numa_params(c, &d, p, &n, 1, &a, &e), 0);
    cr_assert(p[0].i == 0 && strcmp(p[1].s, "0,2") == 0);
}

/* virDomainSetBlkioParameters: device lists merge by path; a list that
 * does not read fails the call after the others are applied, and a bad
 * list changes nothing of its own. */
Test(test_driver, blkio_setter, T_TIMEOUT)
{
    struct drv_dom d = the_dom();
    struct drv_tparam set[3], p[6];
    int n = 6;

    set[0] = tp_str("device_weight", "/a,1,/b,2");
    set[1] = tp_str("device_read_iops_sec", "/c,3x");
    set[2] = (struct drv_tparam){ "weight", DRV_TP_UINT, 500, 0, NULL };
    cr_assert_eq(c->ops->dom_set_blkio_params(c, &d, set, 3, 0, &e), -1);
    assert_err(ERR_INVALID_ARG, ERRDOM_DOMAIN, "invalid argument: unable to "
               "parse blkio device 'device_read_iops_sec' '/c,3x'");
    set[0] = tp_str("device_weight", "/a,0,/d,0,/b,7");
    cr_assert_eq(c->ops->dom_set_blkio_params(c, &d, set, 1, 0, &e), 0);
    cr_assert_eq(c->ops->dom_get_blkio_params(c, &d, p, &n, 0, &a, &e), 0);
    cr_assert_eq(p[0].i, 500);
    cr_assert_str_eq(p[1].s, "/b,7");
    cr_assert_str_eq(p[2].s, "");
    set[0] = tp_str("device_write_bytes_sec", "/a,-1");
    cr_assert_eq(c->ops->dom_set_blkio_params(c, &d, set, 1, 0, &e), -1);
    assert_err(ERR_INVALID_ARG, ERRDOM_DOMAIN, "invalid argument: invalid "
               "value '-1' for parameter 'device_write_bytes_sec' of device "
               "'/a'");
    set[0] = tp_str("device_write_bytes_sec", "/a,18446744073709551615");
    cr_assert_eq(c->ops->dom_set_blkio_params(c, &d, set, 1, 0, &e), 0);
    cr_assert_eq(c->ops->dom_get_blkio_params(c, &d, p, &n, 0, &a, &e), 0);
    cr_assert_str_eq(p[5].s, "/a,18446744073709551615");
    set[0] = tp_str("device_weight", "/a,1,/b");
    cr_assert_eq(c->ops->dom_set_blkio_params(c, &d, set, 1, 0, &e), -1);
    assert_err(ERR_INVALID_ARG, ERRDOM_DOMAIN, "invalid argument: unable to "
               "parse blkio device 'device_weight' '/a,1,/b'");
}

Test(test_driver, cpu_maps, T_TIMEOUT)
{
    static const char xml[] =
        "<domain type='test'><name>pinned</name><memory>65536</memory>"
        "<vcpu cpuset='1-3,^2,9' current='1'>3</vcpu>"
        "<os><type>hvm</type></os></domain>";
    struct drv_dom d = the_dom(), p;
    uint8_t map[6];
    unsigned online;
    int n;

    cr_assert_eq(c->ops->node_get_cpu_map(c, 0, map, sizeof(map), &online,
                                          &n, &e), 0);
    cr_assert(n == 8 && online == 3 && map[0] == 0x15 && map[1] == 0);
    cr_assert_eq(c->ops->node_get_cpu_map(c, 1, NULL, 0, &online, &n, &e),
                 -1);
    assert_err(ERR_INVALID_ARG, ERRDOM_TEST, "unsupported flags (0x1) in "
               "function testNodeGetCPUMap");
    /* no cpuset: every CPU of the node info (16), cut to the map length */
    memset(map, 0xaa, sizeof(map));
    cr_assert_eq(c->ops->dom_get_vcpu_pin_info(c, &d, 3, 2, map, 0, &n, &e),
                 0);
    cr_assert_eq(n, 2, "two vCPUs");
    cr_assert(map[0] == 0xff && map[1] == 0xff && map[2] == 0xff &&
              map[3] == 0xff && map[4] == 0xaa);
    cr_assert_eq(c->ops->dom_get_emulator_pin_info(c, &d, 3, map, 0, &e), 0);
    cr_assert(map[0] == 0xff && map[1] == 0xff && map[2] == 0);
    cr_assert_eq(c->ops->dom_get_emulator_pin_info(c, &d, 1, map, 8, &e), -1);
    assert_err(ERR_INVALID_ARG, ERRDOM_TEST, "unsupported flags (0x8) in "
               "function testDomainGetEmulatorPinInfo");
    /* a cpuset: its CPUs, for every vCPU up to the maximum */
    cr_assert_eq(c->ops->dom_define_xml(c, xml, 0, &a, &p, &e), 0);
    cr_assert_eq(c->ops->dom_get_vcpu_pin_info(c, &p, 8, 2, map, 0, &n, &e),
                 0);
    cr_assert_eq(n, 3);
    cr_assert(map[0] == 0x0a && map[1] == 0x02, "CPUs 1, 3 and 9");
    cr_assert_eq(c->ops->dom_get_vcpu_pin_info(c, &p, 8, 2, map, 1, &n, &e),
                 -1);
    assert_err(ERR_OPERATION_INVALID, ERRDOM_DOMAIN,
               "Requested operation is not valid: domain is not running");
}

Test(test_driver, vcpus_disk_errors_fsinfo_memstats, T_TIMEOUT)
{
    struct drv_dom d = the_dom();
    struct drv_vcpu_info info[4];
    struct drv_disk_error *errs;
    struct drv_mem_stat st[13];
    struct drv_fsinfo *fs;
    uint8_t maps[8];
    int n;

    memset(maps, 0xaa, sizeof(maps));
    cr_assert_eq(c->ops->dom_get_vcpus(c, &d, 4, 2, info, maps, &n, &e), 0);
    cr_assert_eq(n, 2, "clamped to the vCPUs");
    cr_assert(info[1].number == 1 && info[1].state == 1 &&
              info[1].cpu == 15 && info[1].cpu_time > 0);
    cr_assert(maps[0] == 0xff && maps[3] == 0xff && maps[4] == 0xaa);
    cr_assert_eq(c->ops->dom_get_disk_errors(c, &d, 0, 0, &a, &errs, &n, &e),
                 0);
    cr_assert(n == 1 && !errs, "the count only");
    cr_assert_eq(c->ops->dom_get_disk_errors(c, &d, 5, 0, &a, &errs, &n, &e),
                 0);
    cr_assert(n == 1 && !strcmp(errs[0].disk, "vda") && errs[0].error == 1);
    cr_assert_eq(c->ops->dom_get_fsinfo(c, &d, 0, &a, &fs, &n, &e), 0);
    cr_assert(n == 2 && !strcmp(fs[1].mountpoint, "/boot") &&
              !strcmp(fs[1].name, "vda2") && fs[1].naliases == 1 &&
              !strcmp(fs[1].aliases[0], "vda"));
    cr_assert_eq(c->ops->dom_memory_stats(c, &d, 13, 0, st, &n, &e), 0);
    cr_assert(n == 13 && st[0].tag == 6 && st[0].val == 2097152 &&
              st[12].tag == 7 && st[12].val == 1048576);
    cr_assert_eq(c->ops->dom_memory_stats(c, &d, 2, 0, st, &n, &e), 0);
    cr_assert_eq(n, 2);
    cr_assert_eq(c->ops->dom_memory_stats(c, &d, 2, 4, st, &n, &e), -1);
    assert_err(ERR_INVALID_ARG, ERRDOM_TEST, "unsupported flags (0x4) in "
               "function testDomainMemoryStats");

    cr_assert_eq(c->ops->dom_destroy(c, &d, 0, &e), 0);
    cr_assert_eq(c->ops->dom_get_vcpus(c, &d, 4, 2, info, maps, &n, &e), -1);
    assert_err(ERR_OPERATION_INVALID, ERRDOM_TEST, "Requested operation is "
               "not valid: cannot list vcpus for an inactive domain");
    cr_assert_eq(c->ops->dom_get_fsinfo(c, &d, 0, &a, &fs, &n, &e), -1);
    assert_err(ERR_OPERATION_INVALID, ERRDOM_DOMAIN,
               "Requested operation is not valid: domain is not running");
}

Test(test_driver, bulk_domain_stats, T_TIMEOUT)
{
    struct drv_dom d = the_dom(), two[3];
    struct drv_dom_stats *r;
    int n;

    cr_assert_eq(c->ops->get_all_domain_stats(c, NULL, 0, 0, 0, &a, &r, &n,
                                              &e), 0);
    cr_assert(n == 1 && !strcmp(r[0].dom.name, "test") && r[0].nparams == 2);
    cr_assert(!strcmp(r[0].params[0].field, "state.state") &&
              r[0].params[0].i == 1 && r[0].params[1].i == 0);
    /* the iothread group alone has nothing to say */
    cr_assert_eq(c->ops->get_all_domain_stats(c, NULL, 0, 0x80, 0, &a, &r,
                                              &n, &e), 0);
    cr_assert(n == 1 && r[0].nparams == 0);
    cr_assert_eq(c->ops->get_all_domain_stats(c, NULL, 0, 0x89, 1u << 31,
                                              &a, &r, &n, &e), -1);
    assert_err(ERR_ARGUMENT_UNSUPPORTED, ERRDOM_TEST, "argument unsupported: "
               "Stats types bits 0x8 are not supported by this daemon");
    /* inactive only: none */
    cr_assert_eq(c->ops->get_all_domain_stats(c, NULL, 0, 1, 2, &a, &r, &n,
                                              &e), 0);
    cr_assert_eq(n, 0);
    /* a list: its order, twice named twice, unknown skipped */
    two[0] = d;
    two[1] = d;
    two[2] = d;
    two[2].uuid[15] ^= 1;
    cr_assert_eq(c->ops->get_all_domain_stats(c, two, 3, 1, 0, &a, &r, &n,
                                              &e), 0);
    cr_assert_eq(n, 2);
}

Test(test_driver, managed_save, T_TIMEOUT)
{
    struct drv_dom d = the_dom(), started;
    int state, reason, v;

    cr_assert_eq(c->ops->dom_managed_save(c, &d, 8, &e), -1);
    assert_err(ERR_INVALID_ARG, ERRDOM_TEST, "unsupported flags (0x8) in "
               "function testDomainManagedSave");
    cr_assert_eq(c->ops->dom_managed_save(c, &d, 1, &e), 0);
    cr_assert_eq(c->ops->dom_get_state(c, &d, 0, &state, &reason, &e), 0);
    cr_assert(state == DRV_DOM_SHUTOFF && reason == 5, "shut off, saved");
    cr_assert_eq(c->ops->dom_has_managed_save(c, &d, 0, &v, &e), 0);
    cr_assert_eq(v, 1);
    cr_assert_eq(c->ops->dom_managed_save(c, &d, 0, &e), -1);
    assert_err(ERR_OPERATION_INVALID, ERRDOM_DOMAIN,
               "Requested operation is not valid: domain is not running");
    /* starting clears the image, so does removing it */
    cr_assert_eq(c->ops->dom_create(c, &d, 0, &a, &started, &e), 0);
    cr_assert_eq(c->ops->dom_has_managed_save(c, &started, 0, &v, &e), 0);
    cr_assert_eq(v, 0);
    cr_assert_eq(c->ops->dom_managed_save(c, &started, 0, &e), 0);
    cr_assert_eq(c->ops->dom_managed_save_remove(c, &started, 0, &e), 0);
    cr_assert_eq(c->ops->dom_has_managed_save(c, &started, 0, &v, &e), 0);
    cr_assert_eq(v, 0);
    cr_assert_eq(c->ops->dom_managed_save_remove(c, &started, 1, &e), -1);
    assert_err(ERR_INVALID_ARG, ERRDOM_TEST, "unsupported flags (0x1) in "
               "function testDomainManagedSaveRemove");
}

Test(test_driver, interface_addresses, T_TIMEOUT)
{
    struct drv_dom d = the_dom();
    struct drv_iface_addrs *ia;
    int n;

    cr_assert_eq(c->ops->dom_interface_addresses(c, &d, 0, 0, &a, &ia, &n,
                                                 &e), 0);
    cr_assert(n == 1 && !strcmp(ia[0].name, "testnet0") &&
              !strcmp(ia[0].hwaddr, "aa:bb:cc:dd:ee:ff") && ia[0].naddrs == 1);
    /* the default network's range starts at .2; domain 1, interface 0 */
    cr_assert(ia[0].addrs[0].type == 0 && ia[0].addrs[0].prefix == 24 &&
              !strcmp(ia[0].addrs[0].addr, "192.168.122.3"));
    cr_assert_eq(c->ops->dom_interface_addresses(c, &d, 3, 0, &a, &ia, &n,
                                                 &e), -1);
    assert_err(ERR_ARGUMENT_UNSUPPORTED, ERRDOM_TEST, "argument unsupported: "
               "Unknown IP address data source 3");
    cr_assert_eq(c->ops->dom_interface_addresses(c, &d, 0, 1, &a, &ia, &n,
                                                 &e), -1);
    assert_err(ERR_INVALID_ARG, ERRDOM_TEST, "unsupported flags (0x1) in "
               "function testDomainInterfaceAddresses");
}

Test(test_driver, rename, T_TIMEOUT)
{
    struct drv_dom d = the_dom(), r;

    cr_assert_eq(c->ops->dom_rename(c, &d, "t2", 0, &e), -1);
    assert_err(ERR_OPERATION_INVALID, ERRDOM_TEST, "Requested operation is "
               "not valid: cannot rename active domain");
    cr_assert_eq(c->ops->dom_destroy(c, &d, 0, &e), 0);
    cr_assert_eq(c->ops->dom_rename(c, &d, "test", 0, &e), -1);
    assert_err(ERR_OPERATION_INVALID, ERRDOM_DOMAIN, "Requested operation "
               "is not valid: Can't rename domain to itself");
    cr_assert_eq(c->ops->dom_rename(c, &d, "a/b", 0, &e), -1);
    assert_err(ERR_XML_ERROR, ERRDOM_TEST, "XML error: name a/b cannot "
               "contain '/'");
    cr_assert_eq(c->ops->dom_rename(c, &d, "t2", 0, &e), 0);
    cr_assert_eq(c->ops->dom_lookup_by_name(c, "test", &a, &r, &e), -1);
    err_release(&e);
    cr_assert_eq(c->ops->dom_lookup_by_name(c, "t2", &a, &r, &e), 0);
    cr_assert_eq(memcmp(r.uuid, d.uuid, DRV_UUID_LEN), 0);
}

Test(test_driver, pinning, T_TIMEOUT)
{
    struct drv_dom d = the_dom();
    const uint8_t map06 = 0x06, none = 0;
    uint8_t maps[2];
    char *xml;
    int n;

    cr_assert_eq(c->ops->dom_pin_vcpu(c, &d, 1, &map06, 1, 0, &e), 0);
    cr_assert_eq(c->ops->dom_get_vcpu_pin_info(c, &d, 2, 1, maps, 0, &n, &e),
                 0);
    cr_assert(n == 2 && maps[0] == 0xff && maps[1] == 0x06);
    cr_assert_eq(c->ops->dom_pin_vcpu(c, &d, 2, &map06, 1, 0, &e), -1);
    assert_err(ERR_INVALID_ARG, ERRDOM_TEST, "invalid argument: requested "
               "vcpu '2' is not present in the domain");
    cr_assert_eq(c->ops->dom_pin_vcpu(c, &d, 0, &map06, 1, 1, &e), -1);
    assert_err(ERR_INVALID_ARG, ERRDOM_TEST, "unsupported flags (0x1) in "
               "function testDomainPinVcpuFlags");
    cr_assert_eq(c->ops->dom_pin_emulator(c, &d, &none, 1, 0, &e), -1);
    assert_err(ERR_INVALID_ARG, ERRDOM_TEST,
               "invalid argument: Empty cpu list for pinning");
    cr_assert_eq(c->ops->dom_pin_emulator(c, &d, &map06, 1, 0, &e), 0);
    cr_assert_eq(c->ops->dom_get_xml_desc(c, &d, 0, &a, &xml, &e), 0);
    cr_assert(strstr(xml, "<cputune>\n    <vcpupin vcpu='1' cpuset='1-2'/>\n"
                          "    <emulatorpin cpuset='1-2'/>\n  </cputune>"),
              "%s", xml);
    /* stopping drops the live definition and its pinning */
    cr_assert_eq(c->ops->dom_destroy(c, &d, 0, &e), 0);
    cr_assert_eq(c->ops->dom_get_xml_desc(c, &d, 0, &a, &xml, &e), 0);
    cr_assert_null(strstr(xml, "cputune"));
}

Test(test_driver, cputune_in_xml, T_TIMEOUT)
{
    static const char head[] =
        "<domain type='test'><name>ct</name><memory>65536</memory>"
        "<vcpu current='2'>4</vcpu><cputune>";
    static const char tail[] = "</cputune><os><type>hvm</type></os>"
                               "</domain>";
    static const struct {
        const char *tune;
        int code;
        const char *msg;          /* NULL: defined */
    } cases[] = {
        { "<vcpupin vcpu='3' cpuset='2-3'/><vcpupin vcpu='0' cpuset='1'/>"
          "<vcpupin vcpu='9' cpuset='1'/><emulatorpin cpuset='0-1'/>", 0,
          NULL },
        { "<vcpupin cpuset='1'/>", ERR_XML_ERROR, "XML error: Missing "
          "required attribute 'vcpu' in element 'vcpupin'" },
        { "<vcpupin vcpu='1'/>", ERR_INTERNAL_ERROR,
          "internal error: missing cpuset for vcpupin" },
        { "<vcpupin vcpu='1' cpuset='1'/><vcpupin vcpu='1' cpuset='2'/>",
          ERR_INTERNAL_ERROR, "internal error: duplicate vcpupin for vcpu "
          "'1'" },
        { "<vcpupin vcpu='1' cpuset='^1'/>", ERR_CONFIG_UNSUPPORTED,
          "unsupported configuration: Invalid value of 'cpuset': ^1" },
        { "<emulatorpin cpuset='1'/><emulatorpin cpuset='2'/>",
          ERR_XML_ERROR, "XML error: only one emulatorpin is supported" },
    };
    char xml[512];
    struct drv_dom d;
    char *out;

    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        snprintf(xml, sizeof(xml), "%s%s%s", head, cases[i].tune, tail);
        if (!cases[i].msg) {
            cr_assert_eq(c->ops->dom_define_xml(c, xml, 0, &a, &d, &e), 0,
                         "%s", e.message);
            continue;
        }
        cr_assert_eq(c->ops->dom_define_xml(c, xml, 0, &a, &d, &e), -1);
        cr_assert_eq(e.code, cases[i].code, "case %zu", i);
        cr_assert_str_eq(e.message, cases[i].msg);
        err_release(&e);
    }
    cr_assert_eq(c->ops->dom_lookup_by_name(c, "ct", &a, &d, &e), 0);
    cr_assert_eq(c->ops->dom_get_xml_desc(c, &d, 0, &a, &out, &e), 0);
    cr_assert(strstr(out, "<cputune>\n    <vcpupin vcpu='0' cpuset='1'/>\n"
                          "    <vcpupin vcpu='3' cpuset='2-3'/>\n"
                          "    <emulatorpin cpuset='0-1'/>\n  </cputune>"),
              "%s", out);
}

/* <stats period> read as strtol with base 0 would, 0 for a negative one;
 * the period set on the live or the persistent definition, shown only
 * when positive; refused without a balloon. */
Test(test_driver, balloon_period, T_TIMEOUT)
{
    static const struct {
        const char *balloon;
        const char *shown;        /* NULL: refused */
    } cases[] = {
        { "<memballoon model='virtio'><stats period='0x1f'/></memballoon>",
          "<stats period='31'/>" },
        { "<memballoon model='virtio'><stats period=' +010'/></memballoon>",
          "<stats period='8'/>" },
        { "<memballoon model='virtio'><stats period='-4'/></memballoon>",
          "<memballoon model='virtio'/>" },
        { "<memballoon model='virtio'><stats period='08'/></memballoon>",
          NULL },
        { "<memballoon model='virtio'><stats period='5 '/></memballoon>",
          NULL },
        { "<memballoon model='virtio'><stats period='2147483648'/>"
          "</memballoon>", NULL },
    };
    char xml[512];
    struct drv_dom d;
    char *out;

    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        snprintf(xml, sizeof(xml), "<domain type='test'><name>bp%zu</name>"
                 "<memory>65536</memory><vcpu>1</vcpu><os><type>hvm</type>"
                 "</os><devices>%s</devices></domain>", i, cases[i].balloon);
        if (!cases[i].shown) {
            cr_assert_eq(c->ops->dom_define_xml(c, xml, 0, &a, &d, &e), -1,
                         "case %zu", i);
            cr_assert_eq(e.code, ERR_XML_ERROR);
            cr_assert(strstr(e.message, "Expected integer value"), "%s",
                      e.message);
            err_release(&e);
            continue;
        }
        cr_assert_eq(c->ops->dom_define_xml(c, xml, 0, &a, &d, &e), 0,
                     "%s", e.message);
        cr_assert_eq(c->ops->dom_get_xml_desc(c, &d, 0, &a, &out, &e), 0);
        cr_assert(strstr(out, cases[i].shown), "case %zu: %s", i, out);
    }

    /* the last one defined (bp2) shows no period; set it, inactive */
    cr_assert_eq(c->ops->dom_set_memory_stats_period(c, &d, 6, 0, &e), 0);
    cr_assert_eq(c->ops->dom_get_xml_desc(c, &d, 0, &a, &out, &e), 0);
    cr_assert(strstr(out, "<memballoon model='virtio'>\n"
                          "      <stats period='6'/>\n"
                          "    </memballoon>"), "%s", out);
    cr_assert_eq(c->ops->dom_set_memory_stats_period(c, &d, 6, 1, &e), -1);
    cr_assert_eq(e.code, ERR_OPERATION_INVALID, "%s", e.message);
    err_release(&e);
    cr_assert_eq(c->ops->dom_set_memory_stats_period(c, &d, 6, 3, &e), -1);
    cr_assert_eq(e.code, ERR_INVALID_ARG, "%s", e.message);
    err_release(&e);
    cr_assert_eq(c->ops->dom_set_memory_stats_period(c, &d, 6, 4, &e), -1);
    cr_assert_eq(e.code, ERR_INVALID_ARG, "%s", e.message);
    err_release(&e);

    cr_assert_eq(c->ops->dom_define_xml(c, "<domain type='test'><name>nb"
                 "</name><memory>65536</memory><vcpu>1</vcpu><os><type>hvm"
                 "</type></os></domain>", 0, &a, &d, &e), 0, "%s",
                 e.message);
    cr_assert_eq(c->ops->dom_set_memory_stats_period(c, &d, 6, 0, &e), -1);
    cr_assert_eq(e.code, ERR_INTERNAL_ERROR);
    cr_assert_str_eq(e.message, "internal error: No memory balloon device "
                     "configured, can not set the collection period");
    err_release(&e);
}

/* Write @n bytes of @data to @dir/@name; the path into @path. */
static void
put_file(const char *dir, const char *name, const void *data, size_t n,
         char *path, size_t cap)
{
    FILE *f;

    snprintf(path, cap, "%s/%s", dir, name);
    cr_assert_not_null(f = fopen(path, "wb"));
    cr_assert_eq(fwrite(data, 1, n, f), n);
    cr_assert_eq(fclose(f), 0);
}

static void
assert_state(const struct drv_dom *d, int state, int reason)
{
    int s, r;

    cr_assert_eq(c->ops->dom_get_state(c, d, 0, &s, &r, &e), 0);
    cr_assert_eq(s, state);
    cr_assert_eq(r, reason);
}

/* A save image round trip, a core dump with CRASH, and images cut short
 * or out of range (virtd says where the file ended instead of libvirt's
 * stale errno). */
Test(test_driver, save_images, T_TIMEOUT)
{
    static const char magic[] = "TestGuestMagic";
    static const struct {
        size_t n;                 /* bytes of the image */
        int len;                  /* the XML length it claims */
        const char *msg;
    } cut[] = {
        { 9, 0, "incomplete save header in '%s': unexpected end of file" },
        { 17, 0, "failed to read metadata length in '%s': unexpected end "
                 "of file" },
        { 22, 10, "incomplete metadata in '%s': unexpected end of file" },
        { 19, 0, "internal error: length of metadata out of range" },
        { 19, 8193, "internal error: length of metadata out of range" },
        { 19, -1, "internal error: length of metadata out of range" },
    };
    char dir[] = "/tmp/virtd-save-XXXXXX", path[128], want[256];
    char buf[64] = { 0 }, *out;
    struct drv_dom d;
    FILE *f;

    cr_assert_not_null(mkdtemp(dir));
    cr_assert_eq(c->ops->dom_lookup_by_name(c, "test", &a, &d, &e), 0);
    snprintf(path, sizeof(path), "%s/a.img", dir);
    cr_assert_eq(c->ops->dom_save(c, &d, path, NULL, 0, &e), 0, "%s",
                 e.message);
    assert_state(&d, DRV_DOM_SHUTOFF, TDRV_SHUTOFF_SAVED);
    cr_assert_eq(c->ops->dom_save(c, &d, path, NULL, 0, &e), -1);
    cr_assert_eq(e.code, ERR_OPERATION_INVALID);
    err_release(&e);
    cr_assert_eq(c->ops->save_image_get_xml(c, path, 0, &a, &out, &e), 0);
    cr_assert(strstr(out, "<domain type='test'>\n  <name>test</name>"), "%s",
              out);
    cr_assert_eq(c->ops->dom_restore(c, path, NULL, 0, &e), 0, "%s",
                 e.message);
    assert_state(&d, DRV_DOM_RUNNING, TDRV_RUNNING_RESTORED);

    snprintf(path, sizeof(path), "%s/core", dir);
    cr_assert_eq(c->ops->dom_core_dump(c, &d, path, 0, 1, &e), 0);
    assert_state(&d, DRV_DOM_SHUTOFF, TDRV_SHUTOFF_CRASHED);
    cr_assert_not_null(f = fopen(path, "rb"));
    cr_assert_eq(fread(buf, 1, sizeof(buf), f), sizeof(magic));
    cr_assert_eq(memcmp(buf, magic, sizeof(magic)), 0);
    fclose(f);
    unlink(path);

    for (size_t i = 0; i < sizeof(cut) / sizeof(cut[0]); i++) {
        memcpy(buf, magic, sizeof(magic));
        memcpy(buf + sizeof(magic), &cut[i].len, sizeof(int));
        memset(buf + sizeof(magic) + sizeof(int), 'x', 8);
        put_file(dir, "cut.img", buf, cut[i].n, path, sizeof(path));
        snprintf(want, sizeof(want), cut[i].msg, path);
        cr_assert_eq(c->ops->dom_restore(c, path, NULL, 0, &e), -1);
        cr_assert_str_eq(e.message, want, "case %zu", i);
        err_release(&e);
        unlink(path);
    }
    snprintf(path, sizeof(path), "%s/a.img", dir);
    unlink(path);
    cr_assert_eq(rmdir(dir), 0);
}

/* Volumes: created, refused (with libvirt's messages), counted against
 * the pool, cloned, read back, deleted. */
Test(test_driver, volumes, T_TIMEOUT)
{
    static const struct {
        const char *xml;
        const char *msg;
    } bad[] = {
        { "<volume><capacity>1</capacity></volume>",
          "XML error: missing volume name element" },
        { "<volume><name>x</name></volume>",
          "XML error: missing capacity element" },
        { "<volume><name>x</name><capacity>-1</capacity></volume>",
          "XML error: malformed capacity element" },
        { "<volume><name>x</name><capacity unit='XB'>1</capacity></volume>",
          "invalid argument: unknown suffix 'XB'" },
        { "<volume><name>x</name><capacity unit='EiB'>9</capacity></volume>",
          "numerical overflow: value too large: 9EiB" },
        { "<volume type='tape'><name>x</name><capacity>1</capacity>"
          "</volume>", "unsupported configuration: unknown volume type "
          "'tape'" },
        { "<volume><name>x</name><capacity>1</capacity><target><format "
          "type='none'/></target></volume>", "unsupported configuration: "
          "unknown volume format type none" },
        { "<volume><name>x</name><capacity>1</capacity><target>"
          "<permissions><group>1.5</group></permissions></target></volume>",
          "XML error: malformed group element" },
        { "<volume><name>x</name><capacity unit='GiB'>101</capacity>"
          "</volume>", "internal error: Not enough free space in pool for "
          "volume 'x'" },
        { "<volume><name>v</name><capacity>1</capacity></volume>",
          "operation failed: storage vol already exists" },
    };
    struct drv_pool p = { .name = "default-pool" };
    struct drv_pool_info pi;
    struct drv_vol_info vi;
    struct drv_vol v, w;
    char *out;

    cr_assert_eq(c->ops->vol_create_xml(c, &p, "<volume type='block'><name>v"
                 "</name><capacity unit='KiB'>4</capacity><allocation>100"
                 "</allocation><target><permissions><mode>640</mode><owner>"
                 "-1.00</owner></permissions></target></volume>", 0, &a, &v,
                 &e), 0, "%s", e.message);
    cr_assert_str_eq(v.key, "/default-pool/v");
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        cr_assert_eq(c->ops->vol_create_xml(c, &p, bad[i].xml, 0, &a, &w,
                                            &e), -1, "case %zu", i);
        cr_assert_str_eq(e.message, bad[i].msg, "case %zu", i);
        err_release(&e);
    }
    cr_assert_eq(c->ops->pool_get_info(c, &p, &pi, &e), 0);
    cr_assert_eq(pi.allocation, 100);
    cr_assert_eq(pi.available, pi.capacity - 100);
    cr_assert_eq(c->ops->vol_get_info(c, &v, &vi, &e), 0);
    cr_assert_eq(vi.type, 0);         /* a directory pool's: file */
    cr_assert_eq(vi.capacity, 4096);
    cr_assert_eq(c->ops->vol_get_xml_desc(c, &v, 0, &a, &out, &e), 0);
    cr_assert(strstr(out, "<volume type='block'>\n  <name>v</name>\n"
                          "  <key>/default-pool/v</key>\n"
                          "  <capacity unit='bytes'>4096</capacity>\n"
                          "  <allocation unit='bytes'>100</allocation>\n"
                          "  <target>\n    <path>/default-pool/v</path>\n"
                          "    <format type='raw'/>\n    <permissions>\n"
                          "      <mode>0640</mode>\n    </permissions>\n"),
              "%s", out);
    cr_assert_eq(c->ops->vol_create_xml_from(c, &p, "<volume><name>w</name>"
                 "<capacity>7</capacity></volume>", &v, 0, &a, &w, &e), 0);
    cr_assert_eq(c->ops->vol_delete(c, &v, 0, &e), 0);
    cr_assert_eq(c->ops->vol_get_path(c, &v, &a, &out, &e), -1);
    cr_assert_eq(e.code, ERR_NO_STORAGE_VOL);
    err_release(&e);
    cr_assert_eq(c->ops->vol_get_path(c, &w, &a, &out, &e), 0);
    cr_assert_str_eq(out, "/default-pool/w");
    cr_assert_eq(c->ops->pool_get_info(c, &p, &pi, &e), 0);
    cr_assert_eq(pi.allocation, 7);
}

/* schedinfo --set checks the weight and keeps nothing; the interface
 * transaction runs one at a time and a rollback leaves eth1 inactive. */
Test(test_driver, sched_set_and_iface_txn, T_TIMEOUT)
{
    struct drv_tparam p[2] = {
        { .field = "weight", .type = DRV_TP_UINT, .i = 5 },
        { .field = "cap", .type = DRV_TP_INT, .i = 1 },
    };
    struct drv_iface ifc = { .name = "eth1" };
    struct drv_dom d;
    int active;

    cr_assert_eq(c->ops->dom_lookup_by_name(c, "test", &a, &d, &e), 0);
    cr_assert_eq(c->ops->dom_set_scheduler_params(c, &d, p, 1, 0, &e), 0);
    cr_assert_eq(c->ops->dom_set_scheduler_params(c, &d, p, 2, 0, &e), -1);
    cr_assert_str_eq(e.message, "argument unsupported: parameter 'cap' not "
                     "supported");
    err_release(&e);
    p[1].field = "weight";
    cr_assert_eq(c->ops->dom_set_scheduler_params(c, &d, p, 2, 0, &e), -1);
    cr_assert_str_eq(e.message, "invalid argument: parameter 'weight' "
                     "occurs multiple times");
    err_release(&e);
    cr_assert_eq(c->ops->dom_set_scheduler_params(c, &d, p, 1, 1, &e), -1);
    cr_assert_eq(e.code, ERR_INVALID_ARG);
    err_release(&e);

    cr_assert_eq(c->ops->iface_change(c, DRV_IFACE_COMMIT, 0, &e), -1);
    cr_assert_eq(e.code, ERR_OPERATION_INVALID);
    err_release(&e);
    cr_assert_eq(c->ops->iface_change(c, DRV_IFACE_BEGIN, 0, &e), 0);
    cr_assert_eq(c->ops->iface_change(c, DRV_IFACE_BEGIN, 0, &e), -1);
    err_release(&e);
    cr_assert_eq(c->ops->iface_is_active(c, &ifc, &active, &e), 0);
    cr_assert_eq(active, 1);
    cr_assert_eq(c->ops->iface_change(c, DRV_IFACE_ROLLBACK, 0, &e), 0);
    cr_assert_eq(c->ops->iface_is_active(c, &ifc, &active, &e), 0);
    cr_assert_eq(active, 0);
}

/* memtune's limits: the definition LIVE or CONFIG selects; a hard limit
 * above the swap hard limit is refused, the limits not given taken from
 * the live definition. */
Test(test_driver, memory_limits, T_TIMEOUT)
{
    struct drv_tparam p[2] = {
        { .field = "hard_limit", .type = DRV_TP_ULLONG, .i = 50 },
        { .field = "swap_hard_limit", .type = DRV_TP_ULLONG, .i = 100 },
    }, got[3];
    struct drv_dom d;
    int n = 3;

    cr_assert_eq(c->ops->dom_lookup_by_name(c, "test", &a, &d, &e), 0);
    cr_assert_eq(c->ops->dom_set_memory_params(c, &d, &p[1], 1, 0, &e), -1);
    cr_assert_str_eq(e.message, "invalid argument: memory hard_limit tunable "
                     "value must be lower than or equal to swap_hard_limit");
    err_release(&e);
    cr_assert_eq(c->ops->dom_set_memory_params(c, &d, p, 2, 0, &e), 0);
    p[0].i = 200;
    cr_assert_eq(c->ops->dom_set_memory_params(c, &d, p, 1, 2, &e), -1);
    err_release(&e);
    p[0].i = 70;
    cr_assert_eq(c->ops->dom_set_memory_params(c, &d, p, 1, 2, &e), 0);
    cr_assert_eq(c->ops->dom_get_memory_params(c, &d, got, &n, 2, &a, &e), 0);
    cr_assert_eq(got[0].i, 70);
    cr_assert_eq(got[2].i, (int64_t)TDRV_MEM_UNLIMITED);
    cr_assert_eq(c->ops->dom_get_memory_params(c, &d, got, &n, 1, &a, &e), 0);
    cr_assert_eq(got[0].i, 50);
    cr_assert_eq(got[2].i, 100);
}

/* <bandwidth> on interfaces: libvirt's checks, and domiftune setting and
 * reading a direction (a zero average clears it). */
Test(test_driver, interface_bandwidth, T_TIMEOUT)
{
    static const struct {
        const char *type, *bw, *msg;
    } bad[] = {
        { "network", "<inbound peak='5'/>",
          "Missing mandatory average or floor attributes" },
        { "network", "<outbound average='5' floor='2'/>",
          "unsupported configuration: 'floor' attribute allowed only in "
          "<inbound> element" },
        { "bridge", "<inbound average='5' floor='2'/>",
          "unsupported configuration: floor attribute is not supported for "
          "this config" },
        { "network", "<inbound average='-1'/>", "unsupported configuration: "
          "could not convert bandwidth average value '-1'" },
        { "network", "<inbound average='1'/><inbound average='2'/>",
          "Only one child <inbound> element allowed" },
        { "network", "<inbound average='1'/></bandwidth><link state='default'/>"
          "<bandwidth>", "unsupported configuration: unknown interface link "
          "state 'default'" },
    };
    struct drv_tparam set = { .field = "outbound.average",
                              .type = DRV_TP_UINT, .i = 9 }, got[7];
    char xml[512];
    struct drv_dom d;
    char *out;
    int n = 7;

    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        snprintf(xml, sizeof(xml), "<domain type='test'><name>b</name>"
                 "<memory>1024</memory><os><type>hvm</type></os><devices>"
                 "<interface type='%s'><source %s='x'/><bandwidth>%s"
                 "</bandwidth></interface></devices></domain>", bad[i].type,
                 bad[i].type, bad[i].bw);
        cr_assert_eq(c->ops->dom_define_xml(c, xml, 0, &a, &d, &e), -1);
        cr_assert_str_eq(e.message, bad[i].msg, "case %zu", i);
        err_release(&e);
    }
    cr_assert_eq(c->ops->dom_lookup_by_name(c, "test", &a, &d, &e), 0);
    cr_assert_eq(c->ops->dom_set_interface_params(c, &d, "testnet0", &set, 1,
                                                  0, &e), 0);
    cr_assert_eq(c->ops->dom_get_interface_params(c, &d, "AA:BB:CC:DD:EE:FF",
                                                  got, &n, 0, &e), 0);
    cr_assert_eq(n, 7);
    cr_assert_str_eq(got[4].field, "outbound.average");
    cr_assert_eq(got[4].i, 9);
    cr_assert_eq(c->ops->dom_get_xml_desc(c, &d, 0, &a, &out, &e), 0);
    cr_assert(strstr(out, "<bandwidth>\n        <outbound average='9'/>\n"
                          "      </bandwidth>\n      <target"), "%s", out);
    set.i = 0;
    cr_assert_eq(c->ops->dom_set_interface_params(c, &d, "testnet0", &set, 1,
                                                  0, &e), 0);
    cr_assert_eq(c->ops->dom_get_xml_desc(c, &d, 0, &a, &out, &e), 0);
    cr_assert(strstr(out, "<bandwidth>\n      </bandwidth>\n"), "%s", out);
    cr_assert_eq(c->ops->dom_get_interface_params(c, &d, "eth9", got, &n, 0,
                                                  &e), -1);
    cr_assert_str_eq(e.message, "invalid argument: 'eth9' is not a known "
                     "interface");
    err_release(&e);
}

/* Perf events: <perf> parsed and written in libvirt's order, set and
 * read back through the driver. */
Test(test_driver, perf_events, T_TIMEOUT)
{
    struct drv_tparam set[2] = {
        { .field = "task_clock", .type = DRV_TP_BOOLEAN, .i = 1 },
        { .field = "cmt", .type = DRV_TP_BOOLEAN, .i = 0 },
    }, got[TDRV_PERF_EVENTS];
    struct drv_dom d;
    char *out;
    int n;

    cr_assert_eq(c->ops->dom_define_xml(c, "<domain type='test'><name>pf"
                 "</name><memory>1024</memory><os><type>hvm</type></os><perf>"
                 "<event name='emulation_faults' enabled='no'/><event "
                 "name='mbmt' enabled='yes'/></perf></domain>", 0, &a, &d, &e),
                 0, "%s", e.message);
    cr_assert_eq(c->ops->dom_set_perf_events(c, &d, set, 2, 0, &e), 0);
    cr_assert_eq(c->ops->dom_get_xml_desc(c, &d, 0, &a, &out, &e), 0);
    cr_assert(strstr(out, "  <perf>\n    <event name='cmt' enabled='no'/>\n"
                          "    <event name='mbmt' enabled='yes'/>\n"
                          "    <event name='task_clock' enabled='yes'/>\n"
                          "    <event name='emulation_faults' enabled='no'/>"
                          "\n  </perf>\n  <devices>"), "%s", out);
    cr_assert_eq(c->ops->dom_get_perf_events(c, &d, 0, got, &n, &e), 0);
    cr_assert_eq(n, TDRV_PERF_EVENTS);
    cr_assert_str_eq(got[1].field, "mbmt");
    cr_assert_eq(got[1].i, 1);
    cr_assert_eq(got[0].i, 0);
    set[0].field = "bogus";
    cr_assert_eq(c->ops->dom_set_perf_events(c, &d, set, 1, 0, &e), -1);
    cr_assert_str_eq(e.message, "argument unsupported: parameter 'bogus' not "
                     "supported");
    err_release(&e);
}

/* virsh desc: the title and description of one or both definitions,
 * removed by an empty text; element metadata refused. */
Test(test_driver, set_metadata, T_TIMEOUT)
{
    struct drv_dom d;
    char *out;

    cr_assert_eq(c->ops->dom_lookup_by_name(c, "test", &a, &d, &e), 0);
    cr_assert_eq(c->ops->dom_set_metadata(c, &d, 0, "both", 3, &e), 0);
    cr_assert_eq(c->ops->dom_get_metadata(c, &d, 0, NULL, 1, &a, &out, &e),
                 0);
    cr_assert_str_eq(out, "both");
    cr_assert_eq(c->ops->dom_get_metadata(c, &d, 0, NULL, 2, &a, &out, &e),
                 0);
    cr_assert_str_eq(out, "both");
    cr_assert_eq(c->ops->dom_set_metadata(c, &d, 0, "", 1, &e), 0);
    cr_assert_eq(c->ops->dom_get_metadata(c, &d, 0, NULL, 1, &a, &out, &e),
                 -1);
    cr_assert_eq(e.code, ERR_NO_DOMAIN_METADATA);
    err_release(&e);
    cr_assert_eq(c->ops->dom_set_metadata(c, &d, 2, "<a/>", 0, &e), -1);
    cr_assert_eq(e.code, ERR_ARGUMENT_UNSUPPORTED);
    err_release(&e);
}

Test(test_driver, stats, T_TIMEOUT)
{
    struct drv_dom d = the_dom();
    struct drv_block_stats bs;
    struct drv_iface_stats is;

    cr_assert_eq(c->ops->dom_block_stats(c, &d, "vda", &bs, &e), 0);
    cr_assert_gt(bs.rd_req, bs.rd_bytes);
    cr_assert_eq(c->ops->dom_block_stats(c, &d, "/guest/diskimage1", &bs, &e),
                 0);
    cr_assert_eq(c->ops->dom_block_stats(c, &d, "hda", &bs, &e), -1);
    assert_err(ERR_INVALID_ARG, ERRDOM_TEST,
               "invalid argument: invalid path: hda");
    cr_assert_eq(c->ops->dom_block_stats(c, &d, "", &bs, &e), -1);
    assert_err(ERR_OPERATION_UNSUPPORTED, ERRDOM_TEST, "Operation not "
               "supported: summary statistics are not supported yet");
    cr_assert_eq(c->ops->dom_interface_stats(c, &d, "testnet0", &is, &e), 0);
    cr_assert_eq(c->ops->dom_interface_stats(c, &d, "AA:BB:CC:DD:EE:FF", &is,
                                             &e), 0);
    cr_assert_eq(c->ops->dom_interface_stats(c, &d, "vnet0", &is, &e), -1);
    assert_err(ERR_INVALID_ARG, ERRDOM_DOMAIN,
               "invalid argument: 'vnet0' is not a known interface");
}

/* virDomainGetControlInfo's answer when the guest clock reads @sec. */
static void
assert_control(struct drv_dom *d, int64_t sec, unsigned state,
               unsigned details, uint64_t ms)
{
    unsigned st, det;
    uint64_t got;

    cr_assert_eq(c->ops->dom_set_time(c, d, sec, 0, 0, &e), 0);
    cr_assert_eq(c->ops->dom_get_control_info(c, d, 0, &st, &det, &got, &e),
                 0);
    cr_assert(st == state && det == details && got == ms,
              "clock %lld: %u %u %llu, want %u %u %llu", (long long)sec, st,
              det, (unsigned long long)got, state, details,
              (unsigned long long)ms);
}

Test(test_driver, guest_clock_and_control_state, T_TIMEOUT)
{
    struct drv_dom d = the_dom(), started;
    unsigned st, det;
    uint64_t ms;
    int64_t sec;
    uint32_t ns;

    cr_assert_eq(c->ops->dom_get_time(c, &d, 0, &sec, &ns, &e), 0);
    cr_assert(sec == 627319920 && ns == 0);
    assert_control(&d, 627319920, DRV_CONTROL_OK, 0, 0);
    assert_control(&d, 0, DRV_CONTROL_OK, 0, 0);
    assert_control(&d, -5, DRV_CONTROL_OK, 0, 0);
    assert_control(&d, 1, DRV_CONTROL_JOB, 0, 1);
    assert_control(&d, 9999, DRV_CONTROL_JOB, 0, 9999);
    assert_control(&d, 10000, DRV_CONTROL_OCCUPIED, 0, 0);
    assert_control(&d, 29999, DRV_CONTROL_OCCUPIED, 0, 19999);
    assert_control(&d, 30000, DRV_CONTROL_ERROR, 0, 0);
    assert_control(&d, 30001, DRV_CONTROL_ERROR, 1, 1);
    assert_control(&d, 30002, DRV_CONTROL_ERROR, 2, 2);
    assert_control(&d, 59999, DRV_CONTROL_ERROR, 3, 29999);
    assert_control(&d, 60000, DRV_CONTROL_OK, 0, 0);
    cr_assert_eq(c->ops->dom_set_time(c, &d, -7, 12, 1, &e), 0);
    cr_assert_eq(c->ops->dom_get_time(c, &d, 0, &sec, &ns, &e), 0);
    cr_assert(sec == -7 && ns == 12);

    cr_assert_eq(c->ops->dom_get_time(c, &d, 1, &sec, &ns, &e), -1);
    assert_err(ERR_INVALID_ARG, ERRDOM_TEST, "unsupported flags (0x1) in "
               "function testDomainGetTime");
    cr_assert_eq(c->ops->dom_set_time(c, &d, 1, 0, 2, &e), -1);
    assert_err(ERR_INVALID_ARG, ERRDOM_TEST, "unsupported flags (0x2) in "
               "function testDomainSetTime");
    cr_assert_eq(c->ops->dom_get_control_info(c, &d, 1, &st, &det, &ms, &e),
                 -1);
    assert_err(ERR_INVALID_ARG, ERRDOM_TEST, "unsupported flags (0x1) in "
               "function testDomainGetControlInfo");

    /* paused: the clock cannot be read, but can be set */
    cr_assert_eq(c->ops->dom_suspend(c, &d, &e), 0);
    cr_assert_eq(c->ops->dom_get_time(c, &d, 0, &sec, &ns, &e), -1);
    assert_err(ERR_OPERATION_INVALID, ERRDOM_TEST,
               "Requested operation is not valid: domain is not running");
    assert_control(&d, 7, DRV_CONTROL_JOB, 0, 7);
    cr_assert_eq(c->ops->dom_resume(c, &d, &e), 0);

    /* inactive: nothing; the clock outlives destroy and start */
    cr_assert_eq(c->ops->dom_destroy(c, &d, 0, &e), 0);
    cr_assert_eq(c->ops->dom_set_time(c, &d, 1, 0, 0, &e), -1);
    assert_err(ERR_OPERATION_INVALID, ERRDOM_DOMAIN,
               "Requested operation is not valid: domain is not running");
    cr_assert_eq(c->ops->dom_get_control_info(c, &d, 0, &st, &det, &ms, &e),
                 -1);
    assert_err(ERR_OPERATION_INVALID, ERRDOM_DOMAIN,
               "Requested operation is not valid: domain is not running");
    cr_assert_eq(c->ops->dom_create(c, &d, 0, &a, &started, &e), 0);
    cr_assert_eq(c->ops->dom_get_time(c, &started, 0, &sec, &ns, &e), 0);
    cr_assert_eq(sec, 7);
}

Test(test_driver, guest_file_systems, T_TIMEOUT)
{
    struct drv_dom d = the_dom(), started;
    const char *boot[] = { "/boot", "/boot" }, *bad[] = { "/", "/x" };
    int n;

    cr_assert_eq(c->ops->dom_fs_freeze(c, &d, NULL, 0, 0, &n, &e), 0);
    cr_assert_eq(n, 2);
    cr_assert_eq(c->ops->dom_fs_freeze(c, &d, NULL, 0, 0, &n, &e), 0);
    cr_assert_eq(n, 0);
    cr_assert_eq(c->ops->dom_fs_thaw(c, &d, boot, 2, 0, &n, &e), 0);
    cr_assert_eq(n, 1, "a mount point named twice counts once");
    /* all or nothing: "/" stays frozen when "/x" is unknown */
    cr_assert_eq(c->ops->dom_fs_thaw(c, &d, bad, 2, 0, &n, &e), -1);
    assert_err(ERR_OPERATION_INVALID, ERRDOM_TEST,
               "Requested operation is not valid: mount point not found: /x");
    cr_assert_eq(c->ops->dom_fs_freeze(c, &d, NULL, 0, 1, &n, &e), -1);
    assert_err(ERR_INVALID_ARG, ERRDOM_TEST, "unsupported flags (0x1) in "
               "function testDomainFSFreeze");
    /* the state outlives destroy and start */
    cr_assert_eq(c->ops->dom_destroy(c, &d, 0, &e), 0);
    cr_assert_eq(c->ops->dom_fs_thaw(c, &d, NULL, 0, 0, &n, &e), -1);
    assert_err(ERR_OPERATION_INVALID, ERRDOM_DOMAIN,
               "Requested operation is not valid: domain is not running");
    cr_assert_eq(c->ops->dom_fs_trim(c, &d, NULL, 0, 0, &e), -1);
    assert_err(ERR_OPERATION_INVALID, ERRDOM_DOMAIN,
               "Requested operation is not valid: domain is not running");
    cr_assert_eq(c->ops->dom_reset(c, &d, 0, &e), -1);
    assert_err(ERR_OPERATION_INVALID, ERRDOM_DOMAIN,
               "Requested operation is not valid: domain is not running");
    cr_assert_eq(c->ops->dom_create(c, &d, 0, &a, &started, &e), 0);
    cr_assert_eq(c->ops->dom_fs_thaw(c, &started, NULL, 0, 0, &n, &e), 0);
    cr_assert_eq(n, 1);

    cr_assert_eq(c->ops->dom_fs_trim(c, &started, "/boot", 4096, 0, &e), 0);
    cr_assert_eq(c->ops->dom_fs_trim(c, &started, "/home", 0, 0, &e), -1);
    assert_err(ERR_OPERATION_INVALID, ERRDOM_TEST, "Requested operation is "
               "not valid: mount point not found: /home");
    cr_assert_eq(c->ops->dom_reset(c, &started, 0, &e), 0);
    cr_assert_eq(c->ops->dom_reset(c, &started, 1, &e), -1);
    assert_err(ERR_INVALID_ARG, ERRDOM_TEST, "unsupported flags (0x1) in "
               "function testDomainReset");
}

Test(test_driver, block_info, T_TIMEOUT)
{
    struct drv_dom d = the_dom();
    struct drv_block_info bi;

    cr_assert_eq(c->ops->dom_get_block_info(c, &d, "vda", 0, &bi, &e), 0);
    cr_assert(bi.capacity == 1099506450432ULL &&
              bi.allocation == 1099511627776ULL &&
              bi.physical == 1099511627776ULL);
    cr_assert_eq(c->ops->dom_get_block_info(c, &d, "/guest/diskimage1", 0,
                                            &bi, &e), 0);
    cr_assert_eq(c->ops->dom_get_block_info(c, &d, "hda", 0, &bi, &e), -1);
    assert_err(ERR_INVALID_ARG, ERRDOM_TEST, "invalid argument: invalid path "
               "hda not assigned to domain");
    cr_assert_eq(c->ops->dom_get_block_info(c, &d, "vda", 2, &bi, &e), -1);
    assert_err(ERR_INVALID_ARG, ERRDOM_TEST, "unsupported flags (0x2) in "
               "function testDomainGetBlockInfo");
    /* an inactive domain still answers */
    cr_assert_eq(c->ops->dom_destroy(c, &d, 0, &e), 0);
    cr_assert_eq(c->ops->dom_get_block_info(c, &d, "vda", 0, &bi, &e), 0);
}

Test(test_driver, metadata_absent, T_TIMEOUT)
{
    struct drv_dom d = the_dom();
    char *s;

    cr_assert_eq(c->ops->dom_get_metadata(c, &d, 1, NULL, 0, &a, &s, &e), -1);
    assert_err(ERR_NO_DOMAIN_METADATA, ERRDOM_DOMAIN, "metadata not found: "
               "Requested metadata element is not present");
}

/* -- URIs and the shared state --------------------------------------------- */

Test(test_driver, uri_errors, T_TIMEOUT)
{
    struct drv_conn *x = NULL;

    cr_assert_eq(drv_open("qemu:///system", 0, NULL, &a, &x, &e), -1);
    assert_err(ERR_NO_CONNECT, ERRDOM_NONE,
               "no connection driver available for qemu:///system");
    cr_assert_eq(drv_open("test://host/default", 0, NULL, &a, &x, &e), -1);
    assert_err(ERR_NO_CONNECT, ERRDOM_NONE,
               "no connection driver available for test://host/default");
    cr_assert_eq(drv_open(NULL, 0, NULL, &a, &x, &e), -1);
    assert_err(ERR_NO_CONNECT, ERRDOM_NONE,
               "no connection driver available for <null>");
    cr_assert_eq(drv_open("", 0, NULL, &a, &x, &e), -1);
    assert_err(ERR_NO_CONNECT, ERRDOM_NONE,
               "no connection driver available for <null>");
    cr_assert_eq(drv_open("test", 0, NULL, &a, &x, &e), -1);
    assert_err(ERR_NO_CONNECT, ERRDOM_NONE, "no connection driver available "
               "for URI 'test' does not include a driver name");
    cr_assert_eq(drv_open("1test:///default", 0, NULL, &a, &x, &e), -1);
    assert_err(ERR_INTERNAL_ERROR, ERRDOM_URI,
               "internal error: Unable to parse URI 1test:///default");
    cr_assert_eq(drv_open("Test:///default", 0, NULL, &a, &x, &e), -1);
    assert_err(ERR_NO_CONNECT, ERRDOM_NONE,
               "no connection driver available for Test:///default");
    cr_assert_eq(drv_open("test:///", 0, NULL, &a, &x, &e), -1);
    assert_err(ERR_INVALID_ARG, ERRDOM_TEST, "invalid argument: testOpen: "
               "supply a path or use test:///default");
    cr_assert_eq(drv_open("test:///foo", 0, NULL, &a, &x, &e), -1);
    assert_err(ERR_XML_ERROR, ERRDOM_TEST,
               "XML error: failed to parse xml document '/foo'");
    cr_assert_eq(drv_open("test:///default", 2, NULL, &a, &x, &e), -1);
    assert_err(ERR_INVALID_ARG, ERRDOM_TEST, "unsupported flags (0x2) in "
               "function testConnectOpen");
    cr_assert_null(x);
    cr_assert_eq(drv_open("test:///default?x=1", DRV_CONNECT_RO, NULL, &a,
                          &x, &e), 0);
    drv_close(x);
    cr_assert_eq(drv_open("test://@/default#f", 0, NULL, &a, &x, &e), 0);
    drv_close(x);
    cr_assert_eq(drv_open("test:/default", 0, NULL, &a, &x, &e), 0);
    drv_close(x);
}

Test(test_driver, state_shared_then_reset, T_TIMEOUT)
{
    struct drv_conn *c2 = NULL, *c3 = NULL;
    struct tdrv_state *st = tdrv_st(c);

    cr_assert_eq(drv_open("test:///default", 0, NULL, &a, &c2, &e), 0);
    cr_assert_eq(tdrv_st(c2), st, "connections share the state");
    pthread_mutex_lock(&st->lock);
    cr_assert_eq(st->next_dom_id, 2);
    st->next_dom_id = 7;
    st->doms[0]->autostart = true;
    pthread_mutex_unlock(&st->lock);
    drv_close(c);
    c = NULL;
    cr_assert_eq(tdrv_st(c2)->next_dom_id, 7, "alive while c2 is open");
    drv_close(c2);
    cr_assert_eq(drv_open("test:///default", 0, NULL, &a, &c3, &e), 0);
    cr_assert_eq(tdrv_st(c3)->next_dom_id, 2, "pristine after last close");
    cr_assert_not(tdrv_st(c3)->doms[0]->autostart);
    c = c3;
}

/* Opens, closes and reads from several threads at once (ASan/TSan food). */
static void *
hammer(void *arg)
{
    struct arena ta;
    struct err te = { 0 };

    (void)arg;
    arena_init(&ta);
    for (int i = 0; i < 200; i++) {
        struct drv_conn *tc;
        struct drv_dom d;
        char *x;

        if (drv_open("test:///default", 0, NULL, &ta, &tc, &te) < 0)
            return "open";
        if (tc->ops->dom_lookup_by_name(tc, "test", &ta, &d, &te) < 0 ||
            tc->ops->dom_get_xml_desc(tc, &d, 0, &ta, &x, &te) < 0)
            return "read";
        drv_close(tc);
        arena_reset(&ta);
    }
    return NULL;
}

Test(test_driver, concurrent_open_close, T_TIMEOUT)
{
    pthread_t t[4];
    void *rv;

    for (int i = 0; i < 4; i++)
        cr_assert_eq(pthread_create(&t[i], NULL, hammer, NULL), 0);
    for (int i = 0; i < 4; i++) {
        pthread_join(t[i], &rv);
        cr_assert_null(rv, "thread %d failed at %s", i, (char *)rv);
    }
}

/* virDomainSetLifecycleAction, virDomainSendProcessSignal and
 * virDomainGetCPUStats as the test driver answers them. */
Test(test_driver, lifecycle_signal_cpu_stats, T_TIMEOUT)
{
    struct drv_dom d = the_dom();
    struct drv_tparam p[8];

    cr_assert_eq(c->ops->dom_set_lifecycle_action(c, &d, 1, 4, 0, &e), -1);
    assert_err(ERR_CONFIG_UNSUPPORTED, ERRDOM_DOMAIN, "unsupported "
               "configuration: Lifecycle event 'reboot' doesn't support "
               "'coredump-destroy' action");
    cr_assert_eq(c->ops->dom_set_lifecycle_action(c, &d, 2, 5, 3, &e), 0);
    cr_assert_eq(c->ops->dom_set_lifecycle_action(c, &d, 3, 0, 0, &e), -1);
    assert_err(ERR_INVALID_ARG, ERRDOM_DOMAIN,
               "invalid argument: invalid lifecycle type '3'");
    cr_assert_eq(c->ops->dom_send_process_signal(c, &d, 1, 64, 0, &e), 0);
    cr_assert_eq(c->ops->dom_send_process_signal(c, &d, 1, 65, 0, &e), -1);
    assert_err(ERR_INVALID_ARG, ERRDOM_TEST,
               "invalid argument: signum value 65 is out of range");
    cr_assert_eq(c->ops->dom_send_process_signal(c, &d, 2, 9, 0, &e), -1);
    /* totals, then two CPUs of two values each */
    cr_assert_eq(c->ops->dom_get_cpu_stats(c, &d, p, 0, -1, 1, 0, &e), 3);
    cr_assert_eq(c->ops->dom_get_cpu_stats(c, &d, p, 5, -1, 1, 0, &e), 3);
    cr_assert(strcmp(p[2].field, "system_time") == 0 &&
              p[2].i == 6460000000LL);
    cr_assert_eq(c->ops->dom_get_cpu_stats(c, &d, p, 2, 0, 0, 0, &e), 2);
    memset(p, 0, sizeof(p));
    cr_assert_eq(c->ops->dom_get_cpu_stats(c, &d, p, 3, 1, 4, 0, &e), 2);
    cr_assert(p[0].i == 24386308518LL && p[1].i == 23151740628LL);
    cr_assert_null(p[3].field);
    cr_assert_eq(c->ops->dom_get_cpu_stats(c, &d, p, 2, 2, 1, 0, &e), -1);
    assert_err(ERR_INVALID_ARG, ERRDOM_TEST,
               "invalid argument: start_cpu 2 larger than maximum of 1");
    cr_assert_eq(c->ops->dom_destroy(c, &d, 0, &e), 0);
    cr_assert_eq(c->ops->dom_get_cpu_stats(c, &d, p, 2, 0, 1, 0, &e), -1);
    cr_assert_eq(c->ops->dom_send_process_signal(c, &d, 1, 9, 0, &e), 0);
}

/* virConnectFindStoragePoolSources: logical and netfs only; a netfs spec
 * needs a host (libvirtd 9.0 crashes on one without; virtd refuses). */
Test(test_driver, find_pool_sources, T_TIMEOUT)
{
    char *x = NULL;

    cr_assert_eq(c->ops->find_pool_sources(c, "logical", NULL, 0, &a, &x,
                                           &e), 0);
    cr_assert(strstr(x, "<name>testvg2</name>"));
    cr_assert_eq(c->ops->find_pool_sources(c, "netfs", "<source><host "
                                           "name='h'/></source>", 0, &a, &x,
                                           &e), 0);
    cr_assert(strstr(x, "<host name='h'/>"));
    cr_assert_eq(c->ops->find_pool_sources(c, "netfs", "<source/>", 0, &a,
                                           &x, &e), -1);
    assert_err(ERR_INVALID_ARG, ERRDOM_TEST, "invalid argument: hostname "
               "must be specified for netfs sources");
    cr_assert_eq(c->ops->find_pool_sources(c, "dir", NULL, 0, &a, &x, &e),
                 -1);
    assert_err(ERR_INTERNAL_ERROR, ERRDOM_TEST,
               "internal error: unknown storage pool type dir");
    cr_assert_eq(c->ops->find_pool_sources(c, "nope", "<source/>", 0, &a,
                                           &x, &e), -1);
    assert_err(ERR_INTERNAL_ERROR, ERRDOM_STORAGE,
               "internal error: missing backend for pool type -1");
}

/* virDomainSetBlockIoTune / GetBlockIoTune: checks, then the disk's
 * values; an empty group name is kept as set. */
Test(test_driver, block_iotune, T_TIMEOUT)
{
    struct drv_dom d = the_dom();
    struct drv_tparam set[3], p[20];
    int n = 20;

    set[0] = (struct drv_tparam){ "read_iops_sec", DRV_TP_ULLONG, 7, 0, NULL };
    cr_assert_eq(c->ops->dom_set_block_iotune(c, &d, "vda", set, 1, 0, &e),
                 -1);
    assert_err(ERR_INVALID_ARG, ERRDOM_TEST, "invalid argument: "
               "read_iops_sec cannot be set higher than read_iops_sec_max ");
    set[1] = (struct drv_tparam){ "read_iops_sec_max", DRV_TP_ULLONG, 9, 0,
                                  NULL };
    set[2] = tp_str("group_name", "");
    cr_assert_eq(c->ops->dom_set_block_iotune(c, &d, "/guest/diskimage1",
                                              set, 3, 0, &e), 0);
    cr_assert_eq(c->ops->dom_get_block_iotune(c, &d, "vda", p, &n, 0, &a,
                                              &e), 0);
    cr_assert(n == 20 && p[4].i == 7 && p[10].i == 9);
    cr_assert_str_eq(p[13].s, "");
    set[0].field = "total_iops_sec";
    cr_assert_eq(c->ops->dom_set_block_iotune(c, &d, "vda", set, 1, 0, &e),
                 -1);
    assert_err(ERR_INVALID_ARG, ERRDOM_TEST, "invalid argument: total and "
               "read/write of iops_sec cannot be set at the same time");
    set[0] = (struct drv_tparam){ "size_iops_sec", DRV_TP_ULLONG,
                                  1000000000000001LL, 0, NULL };
    cr_assert_eq(c->ops->dom_set_block_iotune(c, &d, "vda", set, 1, 0, &e),
                 -1);
    cr_assert_eq(e.code, ERR_ARGUMENT_UNSUPPORTED);
    err_release(&e);
    cr_assert_eq(c->ops->dom_get_block_iotune(c, &d, "vdz", p, &n, 0, &a,
                                              &e), -1);
    assert_err(ERR_INVALID_ARG, ERRDOM_TEST, "invalid argument: disk 'vdz' "
               "was not found in the domain config");
}

/* virDomainSendKey: codes each codeset knows (keycodes.c), on a running
 * domain. */
Test(test_driver, send_key, T_TIMEOUT)
{
    struct drv_dom d = the_dom();
    const unsigned ok[] = { 30, 524 }, bad[] = { 30, 525 };

    cr_assert(tdrv_keycode_known(0, 0) && tdrv_keycode_known(0, 265));
    cr_assert(!tdrv_keycode_known(0, 266) && !tdrv_keycode_known(0, 65535));
    cr_assert(tdrv_keycode_known(3, 0xe07d) && !tdrv_keycode_known(3, 0xe07c));
    cr_assert(!tdrv_keycode_known(10, 1));
    cr_assert_str_eq(tdrv_keycode_set_name(5), "os_x");
    cr_assert_eq(c->ops->dom_send_key(c, &d, 0, 10, ok, 2, 0, &e), 0);
    cr_assert_eq(c->ops->dom_send_key(c, &d, 0, 10, bad, 2, 0, &e), -1);
    assert_err(ERR_INTERNAL_ERROR, ERRDOM_TEST,
               "internal error: invalid keycode 525 of linux codeset");
    cr_assert_eq(c->ops->dom_destroy(c, &d, 0, &e), 0);
    cr_assert_eq(c->ops->dom_send_key(c, &d, 0, 10, ok, 2, 0, &e), -1);
    assert_err(ERR_OPERATION_INVALID, ERRDOM_DOMAIN,
               "Requested operation is not valid: domain is not running");
}
