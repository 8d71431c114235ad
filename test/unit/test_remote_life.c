/*
 * test_remote_life.c: the REMOTE program's lifecycle procedures on the
 * test driver, called as the server calls them: states and reasons after
 * each step, libvirtd's errors, event registrations and the MESSAGE
 * frames events become (318 with the callback id, legacy 107), events
 * shared by every client of the state, registrations ending with their
 * client, and the table's read-only denials.
 */
#include "test/unit/remote_fake.h"

#include <arpa/inet.h>

static const uint8_t vm_uuid[16] = {
    0x5c, 0x12, 0x1e, 0x86, 0x39, 0xdf, 0x47, 0x6a,
    0xa3, 0xc2, 0x74, 0x55, 0x05, 0xe9, 0x1e, 0x7f,
};

#define VM_XML                                                             \
    "<domain type='test'><name>vm2</name>"                                 \
    "<uuid>5c121e86-39df-476a-a3c2-745505e91e7f</uuid>"                    \
    "<memory unit='MiB'>512</memory><currentMemory>262144</currentMemory>" \
    "<vcpu current='1'>4</vcpu><os><type>hvm</type></os></domain>"

TestSuite(remote_life, .init = setup, .fini = teardown);

static struct xval
vm_val(int id)
{
    return (struct xval){ .present = true, .s = "vm2", .uuid = vm_uuid,
                          .i = id };
}

static struct xval
num_val(int64_t v)
{
    return (struct xval){ .present = true, .i = v };
}

static void
ok(int32_t num, const struct xval *in)
{
    cr_assert_eq(call(num, in), 0, "proc %d: %s", num,
                 last->call.err.message);
}

static void
fails(int32_t num, const struct xval *in, int code, int domain,
      const char *msg)
{
    cr_assert_eq(call(num, in), -1, "proc %d succeeded", num);
    assert_err(code, domain, msg);
}

static void
define_vm(void)
{
    struct xval in[1] = { { .present = true, .s = VM_XML } };

    ok(11, in);
    cr_assert_str_eq(last->ret[0].s, "vm2");
    cr_assert_eq(last->ret[0].i, -1);
}

/* (state, reason) of vm2 by DOMAIN_GET_STATE. */
static void
assert_state(int state, int reason)
{
    struct xval in[2] = { vm_val(-1), num_val(0) };

    ok(212, in);
    cr_assert_eq(last->ret[0].i, state, "state %lld, want %d",
                 (long long)last->ret[0].i, state);
    cr_assert_eq(last->ret[1].i, reason, "reason %lld, want %d",
                 (long long)last->ret[1].i, reason);
}

/* The id DOMAIN_LOOKUP_BY_UUID answers (what virsh start reads). */
static int64_t
vm_id(void)
{
    struct xval in[1] = { { .present = true, .uuid = vm_uuid } };

    ok(24, in);
    return last->ret[0].i;
}

Test(remote_life, states_and_reasons, T_TIMEOUT)
{
    struct xval dom[3] = { vm_val(-1), num_val(0), num_val(0) };
    int64_t id;

    do_open(0);
    define_vm();
    assert_state(5, 0);
    ok(9, dom);
    id = vm_id();
    cr_assert_geq(id, 2);
    assert_state(1, 1);
    ok(34, dom);
    assert_state(3, 1);
    ok(28, dom);
    assert_state(1, 5);
    dom[1] = num_val(100000);
    dom[2] = num_val(1);
    ok(204, dom);
    dom[1] = num_val(3);
    ok(32, dom);
    dom[1] = num_val(1);
    ok(29, dom);
    ok(33, dom);
    assert_state(5, 1);
    cr_assert_eq(vm_id(), -1);
    ok(9, dom);
    cr_assert_eq(vm_id(), id + 1, "ids keep counting");
    ok(12, dom);
    assert_state(5, 2);
    dom[1] = num_val(0);
    ok(231, dom);
    fails(212, dom, 42, 12, "Domain not found: no domain with matching "
          "uuid '5c121e86-39df-476a-a3c2-745505e91e7f' (vm2)");
}

Test(remote_life, errors_as_libvirtd, T_TIMEOUT)
{
    struct xval dom[3] = { vm_val(-1), num_val(0), num_val(0) };
    struct xval xml[2] = { { .present = true, .s = "hello" }, num_val(0) };

    do_open(0);
    define_vm();
    fails(12, dom, 55, 20,
          "Requested operation is not valid: domain is not running");
    fails(34, dom, 1, 12, "internal error: domain 'vm2' not running");
    ok(9, dom);
    fails(9, dom, 1, 12, "internal error: Domain 'vm2' is already running");
    fails(28, dom, 1, 12, "internal error: domain 'vm2' not paused");
    dom[1] = num_val(99999999);
    dom[2] = num_val(1);
    fails(204, dom, 8, 12,
          "invalid argument: cannot set memory higher than max memory");
    dom[1] = num_val(64);
    fails(32, dom, 8, 12, "invalid argument: requested cpu amount exceeds "
          "maximum supported amount (64 > 32)");
    dom[1] = num_val(8);
    fails(32, dom, 8, 12,
          "invalid argument: requested cpu amount exceeds maximum (8 > 4)");
    dom[1] = num_val(32);
    fails(27, dom, 8, 12,
          "unsupported flags (0x20) in function testDomainReboot");
    fails(11, xml, 35, 20, "(domain_definition):1: Start tag expected, "
          "'<' not found\nhello\n^");
    xml[0].s = "<domain type='test'><name>vm2</name><memory>1024</memory>"
               "<os><type>hvm</type></os></domain>";
    fails(11, xml, 9, 20, "operation failed: domain 'vm2' already exists "
          "with uuid 5c121e86-39df-476a-a3c2-745505e91e7f");
    xml[0].s = "<domain type='test'><name>vm2</name><memory>1024</memory>"
               "</domain>";
    fails(10, xml, 27, 20, "XML error: an os <type> must be specified");
}

Test(remote_life, transient_domain_vanishes, T_TIMEOUT)
{
    struct xval xml[2] = { { .present = true, .s = VM_XML }, num_val(0) };
    struct xval dom[3] = { vm_val(-1), num_val(1024), num_val(2) };

    do_open(0);
    ok(10, xml);
    cr_assert_geq(last->ret[0].i, 2, "created with a new id");
    assert_state(1, 1);
    fails(204, dom, 55, 20, "Requested operation is not valid: transient "
          "domains do not have any persistent config");
    ok(12, dom);
    dom[1] = num_val(0);
    fails(212, dom, 42, 12, "Domain not found: no domain with matching "
          "uuid '5c121e86-39df-476a-a3c2-745505e91e7f' (vm2)");
}

/* -- events -------------------------------------------------------------- */

/* The lifecycle frames queued for @c since the last call: proc, callback
 * id (-1 for legacy frames), dom id, event, detail. */
struct lframe {
    int32_t proc, cbid, id, event, detail;
};

static uint32_t
be32(const uint8_t *p)
{
    uint32_t v;

    memcpy(&v, p, 4);
    return ntohl(v);
}

static size_t
frames(struct rpc_client *c, struct lframe *out, size_t max)
{
    size_t n = 0;

    fake_reactor_run(c);
    for (size_t i = 0; i < c->nframes && n < max; i++, n++) {
        const uint8_t *p = c->frames[i].data;
        bool legacy = c->frames[i].tag == 107;
        uint32_t namelen;

        out[n].proc = c->frames[i].tag;
        out[n].cbid = legacy ? -1 : (int32_t)be32(p);
        p += legacy ? 0 : 4;
        namelen = be32(p);
        p += 4 + ((namelen + 3) & ~3u) + 16;
        out[n].id = (int32_t)be32(p);
        out[n].event = (int32_t)be32(p + 4);
        out[n].detail = (int32_t)be32(p + 8);
    }
    c->nframes = 0;
    return n;
}

static int32_t
register_cb(struct rpc_client *c, int event_id, const uint8_t *filter)
{
    struct xval in[2] = { num_val(event_id), { .present = false } };

    if (filter)
        in[1] = (struct xval){ .present = true, .s = "x", .uuid = filter,
                               .i = -1 };
    cr_assert_eq(call_on(c, 316, in), 0, "316: %s", last->call.err.message);
    return (int32_t)last->ret[0].i;
}

Test(remote_life, lifecycle_events_in_order, T_TIMEOUT)
{
    static const int want[][2] = {
        { 0, 0 }, { 2, 0 }, { 3, 0 }, { 4, 0 }, { 5, 0 }, { 2, 0 },
        { 5, 1 }, { 1, 0 },
    };
    struct xval dom[2] = { vm_val(-1), num_val(0) };
    struct lframe f[16];
    int32_t cb;
    size_t n;

    do_open(0);
    for (int i = 1; i < 27; i++)
        register_cb(&cl, i, NULL);
    cb = register_cb(&cl, 0, NULL);
    define_vm();
    ok(9, dom);
    ok(34, dom);
    ok(28, dom);
    ok(27, dom);                  /* reboot: no event */
    ok(33, dom);
    ok(9, dom);
    ok(12, dom);
    ok(35, dom);
    n = frames(&cl, f, 16);
    cr_assert_eq(n, sizeof(want) / sizeof(want[0]), "%zu frames", n);
    for (size_t i = 0; i < n; i++) {
        cr_assert_eq(f[i].proc, 318);
        cr_assert_eq(f[i].cbid, cb);
        cr_assert_eq(f[i].event, want[i][0], "frame %zu", i);
        cr_assert_eq(f[i].detail, want[i][1], "frame %zu", i);
    }
    cr_assert_eq(f[0].id, -1, "defined: inactive");
    cr_assert_geq(f[1].id, 2, "started: its new id");
    cr_assert_eq(f[4].id, -1, "a persistent domain stops with id -1");
}

Test(remote_life, transient_stop_keeps_id, T_TIMEOUT)
{
    struct xval xml[2] = { { .present = true, .s = VM_XML }, num_val(0) };
    struct xval dom[1] = { vm_val(-1) };
    struct lframe f[4];

    do_open(0);
    register_cb(&cl, 0, NULL);
    ok(10, xml);
    ok(12, dom);
    cr_assert_eq(frames(&cl, f, 4), 2);
    cr_assert_eq(f[0].event, 2);
    cr_assert_eq(f[1].event, 5);
    cr_assert_eq(f[1].detail, 1);
    cr_assert_eq(f[1].id, f[0].id, "the transient domain keeps its id");
}

Test(remote_life, registration_rules, T_TIMEOUT)
{
    struct xval id[2] = { num_val(0), { .present = false } };

    do_open(0);
    register_cb(&cl, 0, NULL);
    fails(316, id, 8, 0, "invalid argument: event callback already tracked");
    fails(105, NULL, 8, 0,
          "invalid argument: event callback already tracked");
    id[0] = num_val(27);
    fails(316, id, 1, 7, "internal error: unsupported event ID 27");
    id[0] = num_val(-1);
    fails(316, id, 1, 7, "internal error: unsupported event ID -1");
    id[0] = num_val(16);
    fails(167, id, 1, 7, "internal error: unsupported event ID 16");
    id[0] = num_val(3);
    fails(168, id, 1, 7, "internal error: domain event 3 not registered");
    id[0] = num_val(77);
    fails(317, id, 1, 7,
          "internal error: domain event callback 77 not registered");
    /* a filter makes a different registration */
    register_cb(&cl, 0, vm_uuid);
    ok(106, NULL);
    cr_assert_eq(last->ret[0].i, 0);
    ok(106, NULL);
    fails(106, NULL, 1, 7, "internal error: domain event 0 not registered");
}

Test(remote_life, legacy_and_filtered, T_TIMEOUT)
{
    static const uint8_t other[16] = { 1, 2, 3 };
    struct xval ev[1] = { num_val(0) };
    struct lframe f[8];

    do_open(0);
    ok(167, ev);
    register_cb(&cl, 0, other);
    define_vm();
    cr_assert_eq(frames(&cl, f, 8), 1, "the other domain's filter sends "
                 "nothing");
    cr_assert_eq(f[0].proc, 107, "legacy lifecycle message");
    cr_assert_eq(f[0].event, 0);
    ok(168, ev);
    register_cb(&cl, 0, vm_uuid);
    ok(35, (struct xval[]){ vm_val(-1) });
    cr_assert_eq(frames(&cl, f, 8), 1);
    cr_assert_eq(f[0].proc, 318);
    cr_assert_eq(f[0].event, 1);
}

Test(remote_life, every_client_of_the_state, T_TIMEOUT)
{
    struct rpc_client other = { 0 };
    struct xval open[2] = { { .present = true, .s = "test:///default" },
                            num_val(1) };
    struct lframe f[4];

    other.priv = rpc_prog_remote.client_new(&other);
    cr_assert_eq(call_on(&other, 1, open), 0);
    register_cb(&other, 0, NULL);
    do_open(0);
    register_cb(&cl, 0, NULL);
    define_vm();
    cr_assert_eq(frames(&cl, f, 4), 1, "the caller");
    cr_assert_eq(frames(&other, f, 4), 1, "a read-only client too");
    /* gone: no more events, registrations dropped */
    rpc_prog_remote.client_gone(&other, other.priv);
    ok(35, (struct xval[]){ vm_val(-1) });
    cr_assert_eq(frames(&other, f, 4), 0);
    cr_assert_eq(frames(&cl, f, 4), 1);
    tcall_free(last);
    last = NULL;
    rpc_prog_remote.client_free(other.priv);
}

/* -- networks -------------------------------------------------------------- */

static const uint8_t net_uuid[16] = {
    0x18, 0xca, 0x2a, 0xad, 0x82, 0x3c, 0x47, 0xfd,
    0x9f, 0x10, 0xda, 0x55, 0x2f, 0xec, 0xbd, 0x14,
};

Test(remote_life, network_lifecycle, T_TIMEOUT)
{
    struct xval xml[1] = { { .present = true, .s = "<network><name>n1</name>"
        "<uuid>18ca2aad-823c-47fd-9f10-da552fecbd14</uuid>"
        "<ip address='10.1.0.1' prefix='24'/></network>" } };
    struct xval net[2] = { { .present = true, .s = "n1", .uuid = net_uuid },
                           num_val(1) };

    do_open(0);
    ok(41, xml);
    cr_assert_str_eq(last->ret[0].s, "n1");
    ok(39, net);
    fails(39, net, 55, 12, "Requested operation is not valid: Network 'n1' "
          "is already running");
    fails(49, net, 55, 12, "Requested operation is not valid: Network 'n1' "
          "is still running");
    ok(48, net);
    ok(42, net);
    ok(42, net);                  /* the test driver does not check */
    ok(49, net);
    fails(39, net, 43, 12, "Network not found: no network with matching "
          "name 'n1'");
    ok(40, xml);
    ok(42, net);
    fails(152, net, 43, 12, "Network not found: no network with matching "
          "uuid '18ca2aad-823c-47fd-9f10-da552fecbd14'");
}

/* -- the read-only denials ------------------------------------------------- */

Test(remote_life, read_only_denials_name_the_api, T_TIMEOUT)
{
    static const struct { int num; const char *api; } want[] = {
        { 9, "virDomainCreate" }, { 10, "virDomainCreateXML" },
        { 11, "virDomainDefineXML" }, { 12, "virDomainDestroy" },
        { 27, "virDomainReboot" }, { 28, "virDomainResume" },
        { 29, "virDomainSetAutostart" }, { 30, "virDomainSetMaxMemory" },
        { 31, "virDomainSetMemory" }, { 32, "virDomainSetVcpus" },
        { 33, "virDomainShutdown" }, { 34, "virDomainSuspend" },
        { 35, "virDomainUndefine" }, { 39, "virNetworkCreate" },
        { 40, "virNetworkCreateXML" }, { 41, "virNetworkDefineXML" },
        { 42, "virNetworkDestroy" }, { 48, "virNetworkSetAutostart" },
        { 49, "virNetworkUndefine" }, { 164, "virDomainAbortJob" },
        { 196, "virDomainCreateWithFlags" },
        { 199, "virDomainSetVcpusFlags" },
        { 204, "virDomainSetMemoryFlags" },
        { 231, "virDomainUndefineFlags" },
        { 234, "virDomainDestroyFlags" },
        { 258, "virDomainShutdownFlags" },
        { 350, "virDomainDefineXMLFlags" },
    };

    for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
        const struct rpc_proc *p = find(want[i].num);

        cr_assert(p && (p->flags & RPC_PROC_RO_DENY), "%d", want[i].num);
        cr_assert_str_eq(p->api, want[i].api);
    }
}
