/*
 * test_snapshot.c: the test driver's domain snapshots through the driver
 * interface (snapshot.c) and the <domainsnapshot> parser, disk alignment
 * and formatter (snapshot_xml.c): names and parents, the list filters and
 * orders, current snapshot bookkeeping on create, revert, delete and
 * redefine, the state a revert leaves, external image names, the bound
 * on snapshots per domain.
 */
#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "drivers/driver.h"
#include "drivers/test/test_priv.h"

#define T_TIMEOUT .timeout = 20

static struct arena a;
static struct err e;
static struct drv_conn *c;
static struct drv_dom dom;

static void
setup(void)
{
    arena_init(&a);
    memset(&e, 0, sizeof(e));
    cr_assert_eq(drv_open("test:///default", 0, NULL, &a, &c, &e), 0,
                 "open: %s", e.message);
    cr_assert_eq(c->ops->dom_lookup_by_name(c, "test", &a, &dom, &e), 0);
}

static void
teardown(void)
{
    drv_close(c);
    err_release(&e);
    arena_reset(&a);
}

TestSuite(snapshot, .init = setup, .fini = teardown);

static void
assert_err(int code, int domain, const char *msg)
{
    cr_assert_eq(e.code, code, "code %d, want %d (%s)", e.code, code,
                 e.message);
    cr_assert_eq(e.domain, domain, "domain %d, want %d", e.domain, domain);
    cr_assert_str_eq(e.message, msg);
    err_release(&e);
}

/* Create snapshot @name of the test domain with @flags. */
static void
create(const char *name, unsigned flags)
{
    char xml[128], *got;

    snprintf(xml, sizeof(xml), "<domainsnapshot><name>%s</name>"
             "</domainsnapshot>", name);
    cr_assert_eq(c->ops->snap_create_xml(c, &dom, xml, flags, &a, &got, &e),
                 0, "create %s: %s", name, e.message);
    cr_assert_str_eq(got, name);
}

/* The names a list call returns, joined by spaces ("" when none). */
static const char *
names(const char *from, int api, unsigned flags)
{
    const char **v;
    char *out;
    size_t len = 1;
    int n;

    cr_assert_eq(c->ops->snap_list(c, &dom, from, api, flags, 100, &a, &v,
                                   &n, &e), 0, "list: %s", e.message);
    for (int i = 0; i < n; i++)
        len += strlen(v[i]) + 1;
    out = arena_alloc(&a, len);
    out[0] = '\0';
    for (int i = 0; i < n; i++) {
        if (i)
            strcat(out, " ");
        strcat(out, v[i]);
    }
    return out;
}

static int
count(const char *from, int api, unsigned flags)
{
    int n;

    cr_assert_eq(c->ops->snap_list(c, &dom, from, api, flags, 0, &a, NULL,
                                   &n, &e), 0, "count: %s", e.message);
    return n;
}

static const char *
current(void)
{
    char *name;

    cr_assert_eq(c->ops->snap_current(c, &dom, 0, false, &a, &name, &e), 0);
    return name ? name : "-";
}

static int
state(int *reason)
{
    int st, r;

    cr_assert_eq(c->ops->dom_get_state(c, &dom, 0, &st, reason ? reason : &r,
                                       &e), 0);
    return st;
}

Test(snapshot, tree_lists_and_filters, T_TIMEOUT)
{
    char *parent;

    /* s1 <- s2 <- s3, then back on s1: s1 <- s4 */
    create("s1", 0);
    create("s2", 0);
    create("s3", 0);
    cr_assert_eq(c->ops->snap_revert(c, &dom, "s1", 0, &e), 0);
    create("s4", 0);
    cr_assert_str_eq(current(), "s4");
    cr_assert_eq(c->ops->snap_get_parent(c, &dom, "s4", 0, &a, &parent, &e),
                 0);
    cr_assert_str_eq(parent, "s1");
    cr_assert_str_eq(names(NULL, DRV_SNAP_NAMES, 0), "s1 s2 s3 s4");
    cr_assert_str_eq(names(NULL, DRV_SNAP_NAMES, 1), "s1");     /* ROOTS */
    cr_assert_str_eq(names(NULL, DRV_SNAP_NAMES, 4), "s3 s4");  /* LEAVES */
    cr_assert_str_eq(names(NULL, DRV_SNAP_NAMES, 8), "s1 s2");  /* NO_... */
    cr_assert_eq(count(NULL, DRV_SNAP_NUM, 4 | 8), 0);
    cr_assert_eq(count(NULL, DRV_SNAP_NUM, 16), 0);      /* NO_METADATA */
    cr_assert_eq(count(NULL, DRV_SNAP_NUM, 2 | 16), 4);
    cr_assert_eq(count(NULL, DRV_SNAP_NUM, 32), 0);      /* INACTIVE */
    cr_assert_eq(count(NULL, DRV_SNAP_NUM, 64), 4);      /* ACTIVE */
    cr_assert_eq(count(NULL, DRV_SNAP_NUM, 512), 0);     /* EXTERNAL */
    /* children: newest first; descendants in a topological order */
    cr_assert_str_eq(names("s1", DRV_SNAP_CHILDREN_NAMES, 0), "s4 s2");
    cr_assert_str_eq(names("s1", DRV_SNAP_CHILDREN_NAMES, 1), "s4 s2 s3");
    cr_assert_str_eq(names(NULL, DRV_SNAP_NAMES, 1024), "s1 s4 s2 s3");
    cr_assert_eq(count("s2", DRV_SNAP_NUM_CHILDREN, 0), 1);
    cr_assert_eq(c->ops->snap_list(c, &dom, NULL, DRV_SNAP_NAMES, 1u << 11,
                                   10, &a, NULL, &(int){ 0 }, &e), -1);
    assert_err(ERR_INVALID_ARG, ERRDOM_TEST,
               "unsupported flags (0x800) in function "
               "testDomainSnapshotListNames");
    cr_assert_eq(c->ops->snap_list(c, &dom, "nosuch", DRV_SNAP_NUM_CHILDREN,
                                   0, 0, &a, NULL, &(int){ 0 }, &e), -1);
    assert_err(ERR_NO_DOMAIN_SNAPSHOT, ERRDOM_TEST, "Domain snapshot not "
               "found: no domain snapshot with matching name 'nosuch'");
}

Test(snapshot, delete_reparents_and_moves_current, T_TIMEOUT)
{
    char *parent;

    create("s1", 0);
    create("s2", 0);
    create("s3", 0);
    /* deleting s2 makes s1 the parent of s3 */
    cr_assert_eq(c->ops->snap_delete(c, &dom, "s2", 0, &e), 0);
    cr_assert_eq(c->ops->snap_get_parent(c, &dom, "s3", 0, &a, &parent, &e),
                 0);
    cr_assert_str_eq(parent, "s1");
    cr_assert_str_eq(current(), "s3");
    /* deleting the current one makes its parent current */
    cr_assert_eq(c->ops->snap_delete(c, &dom, "s3", 0, &e), 0);
    cr_assert_str_eq(current(), "s1");
    create("s5", 0);
    create("s6", 0);
    /* the children only: the current one was among them, s1 takes over */
    cr_assert_eq(c->ops->snap_delete(c, &dom, "s1", 4, &e), 0);
    cr_assert_str_eq(names(NULL, DRV_SNAP_NAMES, 0), "s1");
    cr_assert_str_eq(current(), "s1");
    create("s7", 0);
    cr_assert_eq(c->ops->snap_delete(c, &dom, "s1", 1, &e), 0);
    cr_assert_eq(count(NULL, DRV_SNAP_NUM, 0), 0);
    cr_assert_str_eq(current(), "-");
}

Test(snapshot, revert_and_halt_states, T_TIMEOUT)
{
    int reason;

    create("run", 0);
    cr_assert_eq(c->ops->dom_destroy(c, &dom, 0, &e), 0);
    create("off", 0);
    cr_assert_eq(c->ops->snap_revert(c, &dom, "run", 0, &e), 0);
    cr_assert_eq(state(&reason), DRV_DOM_RUNNING);
    cr_assert_eq(reason, 4);                   /* RUNNING_FROM_SNAPSHOT */
    cr_assert_eq(c->ops->snap_revert(c, &dom, "run", 2, &e), 0);
    cr_assert_eq(state(&reason), DRV_DOM_PAUSED);
    cr_assert_eq(reason, 7);                   /* PAUSED_FROM_SNAPSHOT */
    cr_assert_eq(c->ops->snap_revert(c, &dom, "off", 0, &e), 0);
    cr_assert_eq(state(&reason), DRV_DOM_SHUTOFF);
    cr_assert_eq(reason, 7);                   /* SHUTOFF_FROM_SNAPSHOT */
    /* libvirt 9.0's test driver only sends the events here */
    cr_assert_eq(c->ops->snap_revert(c, &dom, "off", 1, &e), 0);
    cr_assert_eq(state(NULL), DRV_DOM_SHUTOFF);
    cr_assert_str_eq(current(), "off");
    cr_assert_eq(c->ops->dom_create(c, &dom, 0, &a, &dom, &e), 0);
    create("h", 8);                            /* HALT */
    cr_assert_eq(state(&reason), DRV_DOM_SHUTOFF);
    cr_assert_eq(reason, 7);
    cr_assert_eq(c->ops->dom_undefine(c, &dom, 0, &e), -1);
    assert_err(ERR_OPERATION_INVALID, ERRDOM_TEST, "Requested operation is "
               "not valid: cannot delete inactive domain with 3 snapshots");
    cr_assert_eq(c->ops->dom_undefine(c, &dom, 2, &e), 0);
}

Test(snapshot, default_name_and_xml, T_TIMEOUT)
{
    char *name, *xml;
    long long before = (long long)time(NULL);

    cr_assert_eq(c->ops->snap_create_xml(c, &dom, "<domainsnapshot><name/>"
                                         "<description>a &amp; b"
                                         "</description></domainsnapshot>",
                                         0, &a, &name, &e), 0);
    cr_assert_geq(atoll(name), before);
    cr_assert_leq(atoll(name), (long long)time(NULL));
    cr_assert_eq(c->ops->snap_get_xml_desc(c, &dom, name, 0, &a, &xml, &e),
                 0);
    cr_assert(strstr(xml, "<description>a &amp; b</description>\n"
                          "  <state>running</state>\n"));
    cr_assert(strstr(xml, "  <memory snapshot='internal'/>\n  <disks>\n"
                          "    <disk name='vda' snapshot='internal'/>\n"
                          "  </disks>\n  <domain type='test'>\n"
                          "    <name>test</name>\n"));
    cr_assert(strstr(xml, "  </domain>\n</domainsnapshot>\n"));
    cr_assert_null(strstr(xml, " id='"));
    cr_assert_eq(c->ops->snap_create_xml(c, &dom, "<domainsnapshot>",
                                         0, &a, &name, &e), -1);
    cr_assert_eq(e.code, ERR_XML_DETAIL);
    cr_assert_eq(e.domain, ERRDOM_DOMAIN_SNAPSHOT);
    err_release(&e);
}

Test(snapshot, redefine, T_TIMEOUT)
{
    char *name, *xml;

    create("s1", 0);
    create("s2", 0);
    cr_assert_eq(c->ops->snap_get_xml_desc(c, &dom, "s1", 0, &a, &xml, &e),
                 0);
    /* redefining s1 with its own XML and CURRENT: s1 becomes current */
    cr_assert_eq(c->ops->snap_create_xml(c, &dom, xml, 1 | 2, &a, &name, &e),
                 0, "%s", e.message);
    cr_assert_str_eq(current(), "s1");
    cr_assert_eq(count("s1", DRV_SNAP_NUM_CHILDREN, 0), 1);
    /* a new one as a child of s2, not made current */
    cr_assert_eq(c->ops->snap_create_xml(c, &dom, "<domainsnapshot><name>r"
                                         "</name><state>shutoff</state>"
                                         "<parent><name>s2</name></parent>"
                                         "<creationTime>7</creationTime>"
                                         "<domain><uuid>6695eb01-f6a4-8304-"
                                         "79aa-97f2502e193f</uuid></domain>"
                                         "</domainsnapshot>", 1, &a, &name,
                                         &e), -1);
    assert_err(ERR_INTERNAL_ERROR, ERRDOM_DOMAIN_SNAPSHOT,
               "internal error: missing domain in snapshot");
    cr_assert_eq(c->ops->snap_create_xml(c, &dom, "<domainsnapshot><name>s1"
                                         "</name><state>running</state>"
                                         "<parent><name>s2</name></parent>"
                                         "<creationTime>7</creationTime>"
                                         "</domainsnapshot>", 1, &a, &name,
                                         &e), -1);
    assert_err(ERR_INVALID_ARG, ERRDOM_DOMAIN, "invalid argument: parent s2 "
               "would create cycle to s1");
    /* the same without the parent keeps s1's domain */
    cr_assert_eq(c->ops->snap_create_xml(c, &dom, "<domainsnapshot><name>s1"
                                         "</name><state>paused</state>"
                                         "<creationTime>7</creationTime>"
                                         "</domainsnapshot>", 1, &a, &name,
                                         &e), 0, "%s", e.message);
    cr_assert_eq(c->ops->snap_get_xml_desc(c, &dom, "s1", 0, &a, &xml, &e),
                 0);
    cr_assert(strstr(xml, "<state>paused</state>\n  <creationTime>7<"));
    cr_assert(strstr(xml, "<domain type='test'>"));
    cr_assert_str_eq(current(), "s1");
}

/* An external disk without an image gets "<source stem>.<snapshot>". */
Test(snapshot, external_names, T_TIMEOUT)
{
    char dir[] = "/tmp/virtd-snap-XXXXXX", path[64];
    struct tdrv_snap *snap;
    FILE *f;

    cr_assert_not_null(mkdtemp(dir));
    snprintf(path, sizeof(path), "%s/disk.img", dir);
    cr_assert_not_null(f = fopen(path, "w"));
    fclose(f);
    snap = tdrv_snap_parse("<domainsnapshot><name>x</name><memory "
                           "file='/m'/></domainsnapshot>", false, &e);
    cr_assert_not_null(snap, "%s", e.message);
    cr_assert_not_null(snap->def = calloc(1, sizeof(*snap->def)));
    cr_assert_not_null(snap->def->disks = calloc(2, sizeof(struct tdrv_disk)));
    snap->def->ndisks = 2;
    snap->def->disks[0].dst = "vda";
    snap->def->disks[0].source = path;
    snap->def->disks[1].dst = "hdc";           /* empty: not taken */
    cr_assert_eq(tdrv_snap_align_disks(snap, TDRV_LOC_EXTERNAL, false, &e),
                 0, "%s", e.message);
    cr_assert_eq(snap->ndisks, 2);
    cr_assert_eq(snap->disks[0].snapshot, TDRV_LOC_EXTERNAL);
    cr_assert(strstr(snap->disks[0].path, "/disk.x"));
    cr_assert_eq(snap->disks[1].snapshot, TDRV_LOC_NO);
    /* the definition's strings are the test's: free only the arrays */
    free(snap->def->disks);
    free(snap->def);
    snap->def = NULL;
    tdrv_snap_free(snap);
    unlink(path);
    rmdir(dir);
}

Test(snapshot, bounded_per_domain, T_TIMEOUT)
{
    char name[16], *got;

    for (int i = 0; i < TDRV_SNAPS_MAX; i++) {
        snprintf(name, sizeof(name), "n%d", i);
        create(name, 0);
    }
    cr_assert_eq(c->ops->snap_create_xml(c, &dom, "<domainsnapshot><name>"
                                         "over</name></domainsnapshot>", 0,
                                         &a, &got, &e), -1);
    cr_assert_eq(e.code, ERR_OPERATION_FAILED);
    err_release(&e);
    cr_assert_eq(count(NULL, DRV_SNAP_NUM, 0), TDRV_SNAPS_MAX);
    cr_assert_eq(count(NULL, DRV_SNAP_NUM, 4), 1);      /* one leaf */
    cr_assert_eq(c->ops->snap_delete(c, &dom, "n0", 1, &e), 0);
    cr_assert_eq(count(NULL, DRV_SNAP_NUM, 0), 0);
}
