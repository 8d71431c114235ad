/*
 * test_pool_xml.c: the test driver's <pool> parser and writer
 * (storage_parse.c), and defining and creating pools from XML through
 * the driver interface: paths made clean, the target made up for logical
 * and zfs pools and absent for the network types, per-type formats and
 * required parts, permissions, and the duplicate and source checks.
 */
#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "drivers/driver.h"
#include "drivers/test/test_priv.h"

#define T_TIMEOUT .timeout = 10

static struct err e;

/* The XML written back for @xml, or NULL with @e set. */
static char *
round_trip(const char *xml)
{
    struct tdrv_pool *pool = tdrv_pool_parse(xml, &e);
    struct xmlw w;

    if (!pool)
        return NULL;
    pool->capacity = 10;
    pool->available = 10;
    xmlw_init(&w);
    tdrv_pool_format_xml(&w, pool);
    tdrv_pool_free(pool);
    return xmlw_finish(&w);
}

static void
fails(const char *xml, int code, const char *msg)
{
    char *out = round_trip(xml);

    cr_assert_null(out, "parsed: %s", out);
    cr_assert_eq(e.code, code, "code %d (%s)", e.code, e.message);
    cr_assert_str_eq(e.message, msg);
    err_release(&e);
}

Test(pool_xml, dir_paths_and_permissions, T_TIMEOUT)
{
    char *out = round_trip("<pool type='dir'><name>a</name>"
                           "<uuid>11111111-2222-3333-4444-555555555555</uuid>"
                           "<target><path>/x//y/</path><permissions>"
                           "<mode>+644</mode><owner> 7</owner>"
                           "<group>-1</group><label>l</label>"
                           "</permissions></target></pool>");

    cr_assert_not_null(out, "%s", e.message);
    cr_assert_str_eq(out,
        "<pool type='dir'>\n"
        "  <name>a</name>\n"
        "  <uuid>11111111-2222-3333-4444-555555555555</uuid>\n"
        "  <capacity unit='bytes'>10</capacity>\n"
        "  <allocation unit='bytes'>0</allocation>\n"
        "  <available unit='bytes'>10</available>\n"
        "  <source>\n"
        "  </source>\n"
        "  <target>\n"
        "    <path>/x/y</path>\n"
        "    <permissions>\n"
        "      <mode>0644</mode>\n"
        "      <owner>7</owner>\n"
        "      <label>l</label>\n"
        "    </permissions>\n"
        "  </target>\n"
        "</pool>\n");
    free(out);
}

Test(pool_xml, types_and_defaults, T_TIMEOUT)
{
    char *out;

    /* logical: the name from the source, the target made up, lvm2 */
    out = round_trip("<pool type='logical'><source><name>vg</name>"
                     "</source></pool>");
    cr_assert_not_null(out, "%s", e.message);
    cr_assert(strstr(out, "<name>vg</name>\n  <uuid>"));
    cr_assert(strstr(out, "    <name>vg</name>\n    <format type='lvm2'/>\n"
                          "  </source>\n  <target>\n    <path>/dev/vg</path>"));
    free(out);
    /* rbd: no target; hosts with ports; the source name first checked */
    out = round_trip("<pool type='rbd'><name>r</name><source><name>p</name>"
                     "<host name='m1' port='6789'/><host name='m2'/>"
                     "</source></pool>");
    cr_assert_not_null(out, "%s", e.message);
    cr_assert(strstr(out, "<host name='m1' port='6789'/>\n"
                          "    <host name='m2'/>\n    <name>p</name>\n"
                          "  </source>\n</pool>\n"));
    free(out);
    /* gluster: a missing dir is "/" */
    out = round_trip("<pool type='gluster'><name>g</name><source>"
                     "<host name='h'/></source></pool>");
    cr_assert(out && strstr(out, "<dir path='/'/>\n    <name>g</name>"));
    free(out);
    /* a protocol version is kept as written */
    out = round_trip("<pool type='netfs'><name>n</name><source>"
                     "<host name='h'/><dir path='/e'/><protocol ver='x3'/>"
                     "</source><target><path>/m</path></target></pool>");
    cr_assert(out && strstr(out, "<format type='auto'/>\n"
                                 "    <protocol ver='x3'/>"));
    free(out);
}

Test(pool_xml, errors, T_TIMEOUT)
{
    fails("<pool type='netfs'><name>n</name></pool>", ERR_XML_ERROR,
          "XML error: missing storage pool source host name");
    fails("<pool type='fs'><name>n</name><target><path>/t</path></target>"
          "</pool>", ERR_XML_ERROR,
          "XML error: missing storage pool source device name");
    fails("<pool type='dir'><name>a/b</name></pool>", ERR_XML_ERROR,
          "XML error: name a/b cannot contain '/'");
    fails("<pool type='dir'><name>n</name></pool>", ERR_XML_ERROR,
          "XML error: missing storage pool target path");
    fails("<pool type='rbd'><name>n</name><source><host name='h'/>"
          "</source></pool>", ERR_XML_ERROR,
          "XML error: element 'name' is mandatory for RBD pool");
    fails("<pool type='iscsi-direct'><name>n</name><source><host name='h'/>"
          "<device path='d'/></source></pool>", ERR_CONFIG_UNSUPPORTED,
          "unsupported configuration: missing initiator IQN");
    fails("<pool type='disk'><name>n</name><source><device path='/d'/>"
          "</source><target><path>/dev</path></target><features>"
          "<cow state='yes'/></features></pool>", ERR_NO_SUPPORT,
          "this function is not supported by the connection driver: cow "
          "feature may only be used for 'fs' and 'dir' pools");
    fails("<pool type='dir'><name>n</name><target><path>/t</path>"
          "<permissions><owner>1.0</owner></permissions></target></pool>",
          ERR_XML_ERROR, "XML error: malformed owner element");
    fails("<pool type='dir'><name>n</name><target><path>/t</path>"
          "<permissions><mode>0x1</mode></permissions></target></pool>",
          ERR_XML_ERROR, "XML error: malformed octal mode");
    fails("<pool type='scsi'><name>n</name><target><path>/t</path></target>"
          "</pool>", ERR_XML_ERROR,
          "XML error: missing storage pool source adapter");
    fails("<pool type='scsi'><name>n</name><source><adapter name='h0'/>"
          "</source></pool>", ERR_ARGUMENT_UNSUPPORTED,
          "argument unsupported: virtd keeps no storage pool adapters or "
          "authentication yet");
}

static struct drv_conn *c;
static struct arena a;

static void
open_conn(void)
{
    arena_init(&a);
    cr_assert_eq(drv_open("test:///default", 0, NULL, &a, &c, &e), 0);
}

static void
close_conn(void)
{
    drv_close(c);
    err_release(&e);
    arena_reset(&a);
}

Test(pool_xml, define_and_create, .init = open_conn, .fini = close_conn,
     T_TIMEOUT)
{
    static const char dir_xml[] =
        "<pool type='dir'><name>q</name>"
        "<uuid>11111111-2222-3333-4444-555555555555</uuid>"
        "<target><path>/q</path></target></pool>";
    struct drv_pool p;
    int v;

    cr_assert_eq(c->ops->pool_define_xml(c, dir_xml, 0, &a, &p, &e), 0);
    cr_assert_str_eq(p.name, "q");
    cr_assert_eq(c->ops->pool_is_active(c, &p, &v, &e), 0);
    cr_assert_eq(v, 0);
    /* another pool on the same directory */
    cr_assert_eq(c->ops->pool_define_xml(c, "<pool type='dir'><name>z"
                                         "</name><target><path>/q/</path>"
                                         "</target></pool>", 0, &a, &p, &e),
                 -1);
    cr_assert_str_eq(e.message, "operation failed: Storage source conflict "
                     "with pool: 'q'");
    err_release(&e);
    /* a create over the defined pool runs it, and makes it transient */
    cr_assert_eq(c->ops->pool_create_xml(c, dir_xml, 0, &a, &p, &e), 0);
    cr_assert_eq(c->ops->pool_is_persistent(c, &p, &v, &e), 0);
    cr_assert_eq(v, 0);
    cr_assert_eq(c->ops->pool_create_xml(c, dir_xml, 0, &a, &p, &e), -1);
    cr_assert_str_eq(e.message, "Requested operation is not valid: pool is "
                     "already active as 'q'");
    err_release(&e);
    cr_assert_eq(c->ops->pool_change(c, &p, DRV_POOL_DESTROY, 0, &e), 0);
    cr_assert_eq(c->ops->pool_lookup_by_name(c, "q", &a, &p, &e), -1);
    err_release(&e);
}

/* Storage pool events reach the connection's sink in order: the pool's
 * name, the driver event id and the lifecycle type. */
static char seen[256];

static void
record(void *opaque, int event_id, const struct drv_dom *dom, int event,
       int detail)
{
    size_t n = strlen(seen);

    (void)opaque;
    (void)detail;
    snprintf(seen + n, sizeof(seen) - n, "%s:%x:%d ", dom->name,
             event_id - DRV_EVENT_STORAGE_POOL, event);
}

Test(pool_xml, events, T_TIMEOUT)
{
    const struct drv_event_sink sink = { record, NULL };
    struct drv_conn *ec;
    struct drv_pool p;
    struct arena ea;

    arena_init(&ea);
    seen[0] = '\0';
    cr_assert_eq(drv_open("test:///default", 0, &sink, &ea, &ec, &e), 0);
    cr_assert_eq(ec->ops->pool_define_xml(ec, "<pool type='dir'><name>q"
                                          "</name><target><path>/q</path>"
                                          "</target></pool>", 0, &ea, &p,
                                          &e), 0);
    cr_assert_eq(ec->ops->pool_change(ec, &p, DRV_POOL_BUILD, 0, &e), 0);
    cr_assert_eq(ec->ops->pool_change(ec, &p, DRV_POOL_START, 0, &e), 0);
    cr_assert_eq(ec->ops->pool_change(ec, &p, DRV_POOL_REFRESH, 0, &e), 0);
    cr_assert_eq(ec->ops->pool_change(ec, &p, DRV_POOL_DESTROY, 0, &e), 0);
    cr_assert_eq(ec->ops->pool_change(ec, &p, DRV_POOL_DELETE, 0, &e), 0);
    cr_assert_eq(ec->ops->pool_change(ec, &p, DRV_POOL_UNDEFINE, 0, &e), 0);
    /* a failed change sends nothing */
    cr_assert_eq(ec->ops->pool_change(ec, &p, DRV_POOL_START, 0, &e), -1);
    err_release(&e);
    cr_assert_str_eq(seen, "q:0:0 q:0:4 q:0:2 q:1:0 q:0:3 q:0:5 q:0:1 ");
    drv_close(ec);
    arena_reset(&ea);
}
