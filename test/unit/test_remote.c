/*
 * test_remote.c: the REMOTE program: its table (sorted, valid shapes,
 * libvirt's priority set, flags) and its handlers called as the server
 * calls them (args decoded from XDR, ret encoded back) on fake clients,
 * with libvirtd's answers and errors.
 */
#include "test/unit/remote_fake.h"

/* -- the table ------------------------------------------------------------- */

TestSuite(remote, .init = setup, .fini = teardown);

Test(remote, table_sorted_and_shapes_valid, T_TIMEOUT)
{
    const struct rpc_proc *p = rpc_prog_remote.procs;

    cr_assert_eq(rpc_prog_remote.prog, 0x20008086u);
    cr_assert_eq(rpc_prog_remote.vers, 1u);
    for (size_t i = 0; i < rpc_prog_remote.nprocs; i++) {
        if (i > 0)
            cr_assert_lt(p[i - 1].num, p[i].num, "order at %d", p[i].num);
        cr_assert_geq(xval_count(p[i].args), 0, "args of %d (%s)", p[i].num,
                      p[i].args);
        cr_assert_geq(xval_count(p[i].ret), 0, "ret of %d (%s)%s", p[i].num,
                      p[i].ret, strchr(p[i].ret, 'M') ? ": letter M is "
                      "documented in rpc/xdr.h, rpc/xval.c must implement "
                      "it" : "");
        cr_assert_leq(xval_count(p[i].args), 8);
        cr_assert_leq(xval_count(p[i].ret), 12);
    }
}

/* libvirt 9.0's priority:high procedures (protocol.md 4.2). */
static bool
is_high(int n)
{
    static const int ranges[][2] = {
        { 1, 6 }, { 11, 12 }, { 15, 15 }, { 17, 25 }, { 29, 30 },
        { 35, 38 }, { 41, 52 }, { 59, 60 }, { 65, 74 }, { 77, 77 },
        { 80, 80 }, { 82, 82 }, { 84, 92 }, { 95, 102 }, { 105, 106 },
        { 110, 113 }, { 115, 117 }, { 121, 122 }, { 124, 124 },
        { 126, 129 }, { 131, 132 }, { 134, 134 }, { 137, 147 },
        { 149, 158 }, { 167, 168 }, { 175, 181 }, { 186, 189 },
        { 202, 203 }, { 212, 212 }, { 227, 229 }, { 231, 231 },
        { 234, 236 }, { 244, 244 }, { 246, 247 }, { 273, 275 },
        { 278, 278 }, { 281, 287 }, { 291, 291 }, { 297, 297 },
        { 313, 314 }, { 316, 317 }, { 340, 340 }, { 350, 350 },
        { 360, 361 }, { 368, 369 }, { 374, 375 }, { 378, 378 },
        { 380, 381 }, { 391, 391 }, { 397, 401 }, { 404, 405 },
        { 413, 416 }, { 422, 422 }, { 429, 437 },
    };

    for (size_t i = 0; i < sizeof(ranges) / sizeof(ranges[0]); i++)
        if (n >= ranges[i][0] && n <= ranges[i][1])
            return true;
    return false;
}

Test(remote, priorities_and_flags, T_TIMEOUT)
{
    const struct rpc_proc *p = rpc_prog_remote.procs;

    for (size_t i = 0; i < rpc_prog_remote.nprocs; i++) {
        bool msg = p[i].flags & RPC_PROC_MESSAGE;
        bool no_open = p[i].num == 1 || p[i].num == 2 || p[i].num == 60 ||
                       p[i].num == 66;

        if (!msg)
            cr_assert_eq(!!(p[i].flags & RPC_PROC_PRIO), is_high(p[i].num),
                         "priority of %d", p[i].num);
        cr_assert_eq(!!(p[i].flags & RPC_PROC_NO_OPEN), no_open,
                     "NO_OPEN of %d", p[i].num);
        cr_assert_eq(msg, p[i].fn == NULL, "handler of %d", p[i].num);
        cr_assert_eq(!!(p[i].flags & RPC_PROC_RO_DENY), p[i].api != NULL,
                     "api of %d", p[i].num);
    }
    cr_assert_str_eq(find(277)->api, "virDomainGetHostname");
    cr_assert(find(318) && find(107));
}

/* -- connection ----------------------------------------------------------- */

Test(remote, handshake, T_TIMEOUT)
{
    struct xval f = { .present = true, .i = 10 };

    cr_assert_eq(call(66, NULL), 0);
    cr_assert_eq(last->ret[0].n, 1);
    cr_assert_eq(last->ret[0].a[0].i, 0);
    cr_assert_eq(call(60, &f), 0);
    cr_assert_eq(last->ret[0].i, 1);
    cr_assert_eq(cl.keepalive, 1);
    f.i = 14;
    cr_assert_eq(call(60, &f), -1, "other features need an open connection");
    assert_err(ERR_INTERNAL_ERROR, ERRDOM_RPC,
               "internal error: hypervisor connection not open");
    cr_assert_eq(call(59, NULL), -1);
    assert_err(ERR_INTERNAL_ERROR, ERRDOM_RPC,
               "internal error: hypervisor connection not open");
    do_open(0);
    cr_assert_not(cl.readonly);
    for (int feat = 0; feat <= 17; feat++) {
        bool on = feat == 8 || feat == 9 || feat == 10 || feat == 14 ||
                  feat == 15 || feat == 16;

        f.i = feat;
        cr_assert_eq(call(60, &f), 0);
        cr_assert_eq(last->ret[0].i, on, "feature %d", feat);
    }
    cr_assert_eq(call(360, NULL), 0);
    cr_assert_eq(call(361, NULL), 0);
    cr_assert_eq(call(2, NULL), 0);
    cr_assert(last->call.close_after);
}

Test(remote, open_read_only, T_TIMEOUT)
{
    do_open(1);
    cr_assert(cl.readonly, "VIR_CONNECT_RO");
    teardown();
    setup();
    cl.ro_socket = true;
    do_open(0);
    cr_assert(cl.readonly, "the read-only socket forces RO");
}

Test(remote, second_open_drops_the_first, T_TIMEOUT)
{
    struct xval in[2] = {
        { .present = true, .s = "test:///default" }, { .present = true },
    };

    do_open(0);
    cr_assert_eq(call(1, in), -1);
    assert_err(ERR_INTERNAL_ERROR, ERRDOM_RPC,
               "internal error: connection already open");
    cr_assert_not(cl.open);
    cr_assert_eq(call(3, NULL), -1);
    assert_err(ERR_INTERNAL_ERROR, ERRDOM_RPC,
               "internal error: hypervisor connection not open");
    do_open(0);
    cr_assert_eq(call(3, NULL), 0);
    cr_assert_str_eq(last->ret[0].s, "TEST");
}

Test(remote, open_unknown_uri, T_TIMEOUT)
{
    struct xval in[2] = {
        { .present = true, .s = "qemu:///system" }, { .present = true },
    };

    cr_assert_eq(call(1, in), -1);
    assert_err(ERR_NO_CONNECT, ERRDOM_NONE,
               "no connection driver available for qemu:///system");
    cr_assert_not(cl.open);
    in[0].present = false;
    in[0].s = NULL;
    cr_assert_eq(call(1, in), -1, "an OPEN without a name");
    assert_err(ERR_INTERNAL_ERROR, ERRDOM_RPC,
               "internal error: connection not open");
    do_open(0x104);
    cr_assert_not(cl.readonly, "only VIR_CONNECT_RO counts");
}

Test(remote, host_calls, T_TIMEOUT)
{
    struct xval two[3] = {
        { .present = true, .i = -1 }, { .present = true, .i = 0 },
        { .present = true, .i = 0 },
    };

    do_open(0);
    cr_assert_eq(call(4, NULL), 0);
    cr_assert_eq(last->ret[0].i, 2);
    cr_assert_eq(call(157, NULL), 0);
    cr_assert_eq(last->ret[0].i, 9000000);
    cr_assert_eq(call(110, NULL), 0);
    cr_assert_str_eq(last->ret[0].s, "test:///default");
    cr_assert_eq(call(6, NULL), 0);
    cr_assert_str_eq(last->ret[0].s, "i686");
    cr_assert_eq(last->enc.len, 128 + 8 + 6 * 4, "char model[32] widened");
    cr_assert_eq(call(122, NULL), 0);
    cr_assert_str_eq(last->ret[0].s, "testSecurity");
    two[0].i = 5;
    two[1].i = 1;
    cr_assert_eq(call(101, two), -1);
    assert_err(ERR_INVALID_ARG, ERRDOM_TEST,
               "invalid argument: Range exceeds available cells");
    two[0].i = 0;
    two[1].i = 0;
    cr_assert_eq(call(101, two), -1);
    assert_err(ERR_INVALID_ARG, ERRDOM_DOMAIN, "maxCells in "
               "virNodeGetCellsFreeMemory must be greater than zero");
    two[1].i = 1025;
    cr_assert_eq(call(101, two), -1);
    assert_err(ERR_RPC, ERRDOM_RPC, "maxcells > REMOTE_NODE_MAX_CELLS");
    two[1].i = 8;
    cr_assert_eq(call(101, two), 0);
    cr_assert_eq(last->ret[0].n, 2);
    cr_assert_eq(last->ret[0].a[1].i, 4194304);
}

Test(remote, cpu_and_memory_stats, T_TIMEOUT)
{
    struct xval in[3] = {
        { .present = true, .i = -1 }, { .present = true, .i = 0 },
        { .present = true, .i = 0 },
    };

    do_open(0);
    cr_assert_eq(call(227, in), 0);
    cr_assert_eq(last->ret[0].n, 0);
    cr_assert_eq(last->ret[1].i, 4, "nparams 0 asks for the count");
    in[1].i = 2;
    cr_assert_eq(call(227, in), 0);
    cr_assert_eq(last->ret[0].n, 2);
    cr_assert_str_eq(last->ret[0].a[1].s, "kernel");
    cr_assert_eq(last->ret[0].a[1].i, 34678723400000LL);
    cr_assert_eq(last->ret[1].i, 0);
    in[1].i = 17;
    cr_assert_eq(call(227, in), -1);
    assert_err(ERR_INTERNAL_ERROR, ERRDOM_RPC,
               "internal error: nparams too large");
    in[0].i = -2;
    in[1].i = 4;
    cr_assert_eq(call(227, in), -1);
    assert_err(ERR_INVALID_ARG, ERRDOM_DOMAIN, "cpuNum in virNodeGetCPUStats "
               "only accepts -1 as a negative value");
    in[0].i = 0;
    in[1].i = -1;
    cr_assert_eq(call(228, in), 0 - 1);
    assert_err(ERR_NO_SUPPORT, ERRDOM_DOMAIN, "this function is not "
               "supported by the connection driver: virNodeGetMemoryStats");
}

/* -- domains --------------------------------------------------------------- */

Test(remote, lookup_reply_bytes, T_TIMEOUT)
{
    static const uint8_t want[] = {
        0x00, 0x00, 0x00, 0x04, 't', 'e', 's', 't',       /* name */
        0x66, 0x95, 0xeb, 0x01, 0xf6, 0xa4, 0x83, 0x04,   /* uuid */
        0x79, 0xaa, 0x97, 0xf2, 0x50, 0x2e, 0x19, 0x3f,
        0x00, 0x00, 0x00, 0x01,                           /* id */
    };
    struct xval name = { .present = true, .s = "test" };

    do_open(0);
    cr_assert_eq(call(23, &name), 0);
    cr_assert_eq(last->enc.len, sizeof(want));
    cr_assert_arr_eq(last->enc.data, want, sizeof(want));
    name.s = "nosuch";
    cr_assert_eq(call(23, &name), -1);
    assert_err(ERR_NO_DOMAIN, ERRDOM_TEST, "Domain not found");
}

Test(remote, lookup_and_list_checks, T_TIMEOUT)
{
    struct xval v[2] = { { .present = true, .i = -1 }, { .present = true } };

    do_open(0);
    cr_assert_eq(call(22, v), -1);
    assert_err(ERR_INVALID_ARG, ERRDOM_DOMAIN,
               "id in virDomainLookupByID must be zero or greater");
    cr_assert_eq(call(37, v), -1);
    assert_err(ERR_RPC, ERRDOM_RPC, "maxids must be non-negative");
    v[0].i = 16385;
    cr_assert_eq(call(37, v), -1);
    assert_err(ERR_RPC, ERRDOM_RPC, "maxids > REMOTE_DOMAIN_LIST_MAX");
    cr_assert_eq(call(38, v), -1);
    assert_err(ERR_RPC, ERRDOM_RPC, "maxnames > REMOTE_NETWORK_LIST_MAX");
    v[0].i = 0;
    v[1].i = 3;
    cr_assert_eq(call(273, v), 0);
    cr_assert_eq(last->ret[0].n, 0);
    cr_assert_eq(last->ret[1].i, 1, "need_results 0: the count only");
    v[0].i = 1;
    cr_assert_eq(call(273, v), 0);
    cr_assert_eq(last->ret[0].n, 1);
    cr_assert_str_eq(last->ret[0].a[0].s, "test");
    cr_assert_eq(call(283, v), 0);
    cr_assert_str_eq(last->ret[0].a[0].s, "default");
    cr_assert_eq(call(281, v), 0);
    cr_assert_str_eq(last->ret[0].a[0].s, "default-pool");
    cr_assert_eq(call(284, v), 0);
    cr_assert_str_eq(last->ret[0].a[0].s2, "aa:bb:cc:dd:ee:ff");
}

Test(remote, domain_reads, T_TIMEOUT)
{
    struct xval in[4] = { dom_val(), { .present = true } };

    do_open(0);
    cr_assert_eq(call(16, in), 0);
    cr_assert_eq(last->ret[0].i, 1);
    cr_assert_eq(last->ret[1].i, 8388608);
    cr_assert_eq(last->ret[3].i, 2);
    cr_assert_eq(last->enc.len, 4 + 8 + 8 + 4 + 8, "uchar/ushort widened");
    cr_assert_eq(call(212, in), 0);
    cr_assert(last->ret[0].i == 1 && last->ret[1].i == 0);
    cr_assert_eq(call(121, in), 0);
    cr_assert_str_eq(last->ret[0].s, "libvirt-test");
    cr_assert_eq(call(426, in), 0);
    cr_assert_eq(last->ret[0].n, 0);
    cr_assert_eq(call(14, in), 0);
    cr_assert(strstr(last->ret[0].s, "<domain type='test' id='1'>"));
    in[1].i = 3;
    cr_assert_eq(call(200, in), -1);
    assert_err(ERR_INVALID_ARG, ERRDOM_DOMAIN, "Flags 'VIR_DOMAIN_AFFECT_LIVE'"
               " and 'VIR_DOMAIN_AFFECT_CONFIG' are mutually exclusive");
    in[1].i = 4;
    cr_assert_eq(call(200, in), 0);
    cr_assert_eq(last->ret[0].i, 2);
    cr_assert_eq(call(277, in), -1, "flags 4");
    in[1].i = 0;
    cr_assert_eq(call(277, in), 0);
    cr_assert_str_eq(last->ret[0].s, "testhost");
}

Test(remote, xml_secure_denied_read_only, T_TIMEOUT)
{
    struct xval in[2] = { dom_val(), { .present = true, .i = 1 } };

    cl.ro_socket = true;
    do_open(0);
    cr_assert_eq(call(14, in), -1);
    assert_err(ERR_OPERATION_DENIED, ERRDOM_DOMAIN, "operation forbidden: "
               "virDomainGetXMLDesc with secure flag");
    in[1].i = 8;
    cr_assert_eq(call(14, in), -1);
    in[1].i = 2;
    cr_assert_eq(call(14, in), 0);
}

Test(remote, typed_params, T_TIMEOUT)
{
    struct xval in[3] = { dom_val(), { .present = true },
                          { .present = true } };

    do_open(0);
    cr_assert_eq(call(57, in), -1);
    assert_err(ERR_INVALID_ARG, ERRDOM_DOMAIN, "params in "
               "virDomainGetSchedulerParameters must not be NULL");
    in[1].i = 1;
    cr_assert_eq(call(57, in), 0);
    cr_assert_str_eq(last->ret[0].a[0].s, "weight");
    cr_assert_eq(last->ret[0].a[0].i, 50);
    cr_assert_eq(call(223, in), -1, "STRING_OKAY is added for the driver");
    assert_err(ERR_INVALID_ARG, ERRDOM_TEST, "unsupported flags (0x4) in "
               "function testDomainGetSchedulerParametersFlags");
    in[1].i = 0;
    cr_assert_eq(call(198, in), 0);
    cr_assert_eq(last->ret[1].i, 3);
    in[1].i = 3;
    cr_assert_eq(call(198, in), 0);
    cr_assert_eq(last->ret[0].n, 3);
    cr_assert_eq(last->ret[1].i, 0);
    cr_assert_str_eq(last->ret[0].a[1].s, "soft_limit");
    cr_assert_eq(last->ret[0].a[1].j, 4);
    in[1].i = 17;
    cr_assert_eq(call(198, in), -1);
    assert_err(ERR_INTERNAL_ERROR, ERRDOM_RPC,
               "internal error: nparams too large");
}

Test(remote, stats_and_metadata, T_TIMEOUT)
{
    struct xval in[4] = { dom_val(), { .present = true, .s = "vda" },
                          { .present = true }, { .present = true } };

    do_open(0);
    cr_assert_eq(call(64, in), 0);
    cr_assert_gt(last->ret[0].i, 0);
    in[1].s = "hda";
    cr_assert_eq(call(64, in), -1);
    assert_err(ERR_INVALID_ARG, ERRDOM_TEST,
               "invalid argument: invalid path: hda");
    in[1].s = "testnet0";
    cr_assert_eq(call(65, in), 0);
    cr_assert_eq(call(243, in), -1);
    assert_err(ERR_NO_SUPPORT, ERRDOM_DOMAIN, "this function is not "
               "supported by the connection driver: virDomainBlockStatsFlags");
    in[1] = (struct xval){ .present = true, .i = 1 };
    in[2] = (struct xval){ .present = false };
    cr_assert_eq(call(265, in), -1);
    assert_err(ERR_NO_DOMAIN_METADATA, ERRDOM_DOMAIN, "metadata not found: "
               "Requested metadata element is not present");
    in[2] = (struct xval){ .present = true, .s = "http://x" };
    cr_assert_eq(call(265, in), -1);
    assert_err(ERR_INVALID_ARG, ERRDOM_DOMAIN,
               "uri in virDomainGetMetadata must be NULL");
}

Test(remote, objects, T_TIMEOUT)
{
    static const uint8_t zero[16];
    struct xval in[2] = { { .present = true, .s = "default" },
                          { .present = true } };

    do_open(0);
    cr_assert_eq(call(46, in), 0);
    in[0] = last->ret[0];
    in[0].uuid = memcpy(malloc(16), last->ret[0].uuid, 16);
    in[0].s = "default";
    cr_assert_eq(call(45, in), 0);
    cr_assert_str_eq(last->ret[0].s, "virbr0");
    cr_assert_eq(call(43, in), 0);
    cr_assert(strstr(last->ret[0].s, "<forward mode='nat'/>"));
    free((void *)in[0].uuid);
    in[0] = (struct xval){ .present = true, .uuid = zero };
    cr_assert_eq(call(47, in), -1);
    assert_err(ERR_NO_NETWORK, ERRDOM_TEST, "Network not found: no network "
               "with matching uuid '00000000-0000-0000-0000-000000000000'");
    in[0] = (struct xval){ .present = true, .s = "default-pool" };
    cr_assert_eq(call(84, in), 0);
    in[0].uuid = memcpy(malloc(16), last->ret[0].uuid, 16);
    cr_assert_eq(call(87, in), 0);
    cr_assert_eq(last->ret[0].i, 2);
    cr_assert_eq(last->ret[1].i, 107374182400LL);
    free((void *)in[0].uuid);
    in[0] = (struct xval){ .present = true, .s = "eth1",
                           .s2 = "aa:bb:cc:dd:ee:ff" };
    cr_assert_eq(call(130, in), 0);
    cr_assert(strstr(last->ret[0].s, "<mtu size='1492'/>"));
    in[0] = (struct xval){ .present = true, .s = "nosuch" };
    cr_assert_eq(call(128, in), -1);
    assert_err(ERR_NO_INTERFACE, ERRDOM_TEST, "Interface not found: no "
               "interface with matching name 'nosuch'");
}
