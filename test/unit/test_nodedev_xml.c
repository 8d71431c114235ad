/*
 * test_nodedev_xml.c: the test driver's <device> parser and writer
 * (nodedev_xml.c), and node devices through the driver interface: the
 * default devices, capability filters, the vHBA create (named, numbered
 * and formatted as libvirt 9.0's test driver does), destroy, and their
 * events.
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
round_trip(const char *xml, bool create)
{
    struct tdrv_nodedev *d, *copy;
    struct xmlw w;

    if (tdrv_nodedev_parse(xml, create, &d, &e) < 0)
        return NULL;
    copy = tdrv_nodedev_dup(d);
    cr_assert_not_null(copy);
    tdrv_nodedev_free(d);
    xmlw_init(&w);
    tdrv_nodedev_format(&w, &copy->o);
    tdrv_nodedev_free(copy);
    return xmlw_finish(&w);
}

static void
fails(const char *xml, int code, int dom, const char *msg)
{
    char *out = round_trip(xml, true);

    cr_assert_null(out, "parsed: %s", out);
    cr_assert_eq(e.code, code, "code %d (%s)", e.code, e.message);
    cr_assert_eq(e.domain, dom, "domain %d (%s)", e.domain, e.message);
    cr_assert_str_eq(e.message, msg);
    err_release(&e);
}

Test(nodedev_xml, existing_scsi_host, T_TIMEOUT)
{
    char *out = round_trip("<device><name>h</name><parent>p&amp;q</parent>"
                           "<capability type='scsi_host'><host>3</host>"
                           "<capability type='vport_ops'><max_vports>9"
                           "</max_vports></capability>"
                           "<capability type='fc_host'><wwnn>a</wwnn>"
                           "<wwpn>b</wwpn></capability></capability>"
                           "</device>", false);

    cr_assert_not_null(out, "%s", e.message);
    /* no unique_id, no fabric_wwn; the vport counts are never read */
    cr_assert_str_eq(out,
        "<device>\n"
        "  <name>h</name>\n"
        "  <parent>p&amp;q</parent>\n"
        "  <capability type='scsi_host'>\n"
        "    <host>3</host>\n"
        "    <capability type='fc_host'>\n"
        "      <wwnn>a</wwnn>\n"
        "      <wwpn>b</wwpn>\n"
        "    </capability>\n"
        "    <capability type='vport_ops'>\n"
        "      <max_vports>0</max_vports>\n"
        "      <vports>0</vports>\n"
        "    </capability>\n"
        "  </capability>\n"
        "</device>\n");
    free(out);
}

Test(nodedev_xml, system, T_TIMEOUT)
{
    char *out = round_trip("<device><name>c</name><capability type='system'>"
                           "<product>P</product><hardware><serial>s</serial>"
                           "<uuid>11111111222233334444555555555555</uuid>"
                           "</hardware></capability></device>", false);

    cr_assert_not_null(out, "%s", e.message);
    cr_assert_str_eq(out,
        "<device>\n"
        "  <name>c</name>\n"
        "  <capability type='system'>\n"
        "    <product>P</product>\n"
        "    <hardware>\n"
        "      <serial>s</serial>\n"
        "      <uuid>11111111-2222-3333-4444-555555555555</uuid>\n"
        "    </hardware>\n"
        "    <firmware>\n"
        "    </firmware>\n"
        "  </capability>\n"
        "</device>\n");
    free(out);
}

Test(nodedev_xml, create_names_it_new_device, T_TIMEOUT)
{
    struct tdrv_nodedev *d;

    cr_assert_eq(tdrv_nodedev_parse("<device><name>x</name><parent "
                                    "fabric_wwn='f'/><capability "
                                    "type='scsi_host'><host>bad</host>"
                                    "<capability type='fc_host'><wwnn>1"
                                    "</wwnn><wwpn>2</wwpn></capability>"
                                    "</capability></device>", true, &d,
                                    &e), 0, "%s", e.message);
    cr_assert_str_eq(d->o.name, "new device");
    cr_assert_null(d->parent);
    cr_assert_str_eq(d->parent_fabric, "f");
    cr_assert(tdrv_nodedev_has_cap(d, TDRV_NDCAP_FC_HOST));
    cr_assert_not(tdrv_nodedev_has_cap(d, TDRV_NDCAP_VPORTS));
    cr_assert(tdrv_nodedev_has_cap(d, TDRV_NDCAP_SCSI_HOST));
    tdrv_nodedev_free(d);
}

Test(nodedev_xml, errors, T_TIMEOUT)
{
    fails("<device/>", ERR_INTERNAL_ERROR, ERRDOM_NODEDEV,
          "internal error: no device capabilities for 'new device'");
    fails("<dev/>", ERR_XML_ERROR, ERRDOM_XML,
          "XML error: expecting root element of 'device', not 'dev'");
    fails("<device><capability/></device>", ERR_XML_ERROR, ERRDOM_XML,
          "XML error: Missing required attribute 'type' in element "
          "'capability'");
    fails("<device><capability type='fc_host'/></device>",
          ERR_INTERNAL_ERROR, ERRDOM_NODEDEV, "internal error: unknown "
          "capability type '9' for 'new device'");
    fails("<device><parent wwpn='w'/><capability type='system'/></device>",
          ERR_XML_ERROR, ERRDOM_NODEDEV, "XML error: when providing parent "
          "wwpn='w', the wwnn must also be provided");
    fails("<device><devnode type='x'/><capability type='system'/></device>",
          ERR_XML_ERROR, ERRDOM_XML, "XML error: Invalid value for "
          "attribute 'type' in element 'devnode': 'x'.");
    fails("<device><capability type='system'/></device>",
          ERR_INTERNAL_ERROR, ERRDOM_NODEDEV,
          "internal error: no system UUID supplied for 'new device'");
    fails("<device><capability type='scsi_host'><capability type='fc_host'>"
          "<wwnn>1</wwnn></capability></capability></device>",
          ERR_INTERNAL_ERROR, ERRDOM_NODEDEV, "internal error: no WWPN "
          "supplied for 'new device', and auto-generation failed");
    fails("<device><capability type='scsi_host'><capability type='x'/>"
          "</capability></device>", ERR_INTERNAL_ERROR, ERRDOM_NODEDEV,
          "internal error: unknown SCSI host capability type 'x' for "
          "'new device'");
    fails("<device><capability type='pci'/></device>",
          ERR_CONFIG_UNSUPPORTED, ERRDOM_NODEDEV, "unsupported "
          "configuration: virtd does not parse node device capability "
          "'pci'");
}

/* -- through the driver --------------------------------------------------- */

static struct drv_conn *c;
static struct arena a;
static char seen[256];

static void
record(void *opaque, int event_id, const struct drv_dom *dom, int event,
       int detail)
{
    size_t n = strlen(seen);
    uint8_t key[DRV_UUID_LEN];

    (void)opaque;
    (void)detail;
    drv_nodedev_key(dom->name, key);
    cr_assert_eq(memcmp(key, dom->uuid, DRV_UUID_LEN), 0);
    snprintf(seen + n, sizeof(seen) - n, "%s:%x:%d ", dom->name,
             event_id - DRV_EVENT_NODEDEV, event);
}

static void
open_conn(void)
{
    const struct drv_event_sink sink = { record, NULL };

    arena_init(&a);
    seen[0] = '\0';
    cr_assert_eq(drv_open("test:///default", 0, &sink, &a, &c, &e), 0);
}

static void
close_conn(void)
{
    drv_close(c);
    arena_reset(&a);
}

static const char vhba[] =
    "<device><parent>scsi_host2</parent><capability type='scsi_host'>"
    "<capability type='fc_host'><wwnn>2001</wwnn><wwpn>1001</wwpn>"
    "</capability></capability></device>";

Test(nodedev_xml, defaults_and_filters, .init = open_conn,
     .fini = close_conn, T_TIMEOUT)
{
    const char **names;
    const char *parent;
    int n;

    cr_assert_eq(c->ops->nodedev_names(c, NULL, 10, 0, &a, &names, &n, &e),
                 0);
    cr_assert_eq(n, 4);
    cr_assert_str_eq(names[0], "computer");
    cr_assert_str_eq(names[3], "scsi_host11");
    cr_assert_eq(c->ops->nodedev_num(c, "vports", 0, &n, &e), 0);
    cr_assert_eq(n, 2);
    cr_assert_eq(c->ops->nodedev_num(c, "vport_ops", 0, &n, &e), 0);
    cr_assert_eq(n, 0);
    cr_assert_eq(c->ops->nodedev_list_all(c, 1u | (1u << 10), &a, &names,
                                          &n, &e), 0);
    cr_assert_eq(n, 3);
    cr_assert_eq(c->ops->nodedev_list_all(c, 1u << 31, &a, &names, &n, &e),
                 -1);
    cr_assert_str_eq(e.message, "unsupported flags (0x80000000) in function "
                     "testConnectListAllNodeDevices");
    err_release(&e);
    cr_assert_eq(c->ops->nodedev_parent(c, "computer", &a, &parent, &e), -1);
    err_release(&e);
    cr_assert_eq(c->ops->nodedev_parent(c, "scsi_host11", &a, &parent, &e),
                 0);
    cr_assert_str_eq(parent, "scsi_host1");
    cr_assert_eq(c->ops->nodedev_caps(c, "scsi_host1", -1, &a, &names, &n,
                                      &e), 0);
    cr_assert_eq(n, 1);
}

Test(nodedev_xml, create_and_destroy, .init = open_conn, .fini = close_conn,
     T_TIMEOUT)
{
    const char *name;
    char *xml;

    cr_assert_eq(c->ops->nodedev_create_xml(c, vhba, 0, &a, &name, &e), 0,
                 "%s", e.message);
    cr_assert_str_eq(name, "scsi_host12");
    /* a copy of scsi_host11 with the new names, whatever the parent */
    cr_assert_eq(c->ops->nodedev_xml(c, "scsi_host12", 0, &a, &xml, &e), 0);
    cr_assert(strstr(xml, "<parent>scsi_host1</parent>"));
    cr_assert(strstr(xml, "<host>11</host>"));
    cr_assert(strstr(xml, "<wwnn>2001</wwnn>"));
    cr_assert(strstr(xml, "<fabric_wwn>2000000043214321</fabric_wwn>"));
    /* a second create replaces it */
    cr_assert_eq(c->ops->nodedev_create_xml(c, vhba, 0, &a, &name, &e), 0);
    /* destroy: not an fc_host, nothing happens, and no error */
    cr_assert_eq(c->ops->nodedev_destroy(c, "computer", &e), 0);
    cr_assert_eq(c->ops->nodedev_destroy(c, "scsi_host12", &e), 0);
    cr_assert_eq(c->ops->nodedev_destroy(c, "scsi_host12", &e), -1);
    cr_assert_eq(e.code, ERR_NO_NODE_DEVICE);
    err_release(&e);
    /* without scsi_host11 the test driver cannot make one */
    cr_assert_eq(c->ops->nodedev_destroy(c, "scsi_host11", &e), 0);
    cr_assert_eq(c->ops->nodedev_create_xml(c, vhba, 0, &a, &name, &e), -1);
    cr_assert_str_eq(e.message, "An error occurred, but the cause is "
                     "unknown");
    err_release(&e);
    cr_assert_str_eq(seen, "scsi_host12:0:0 scsi_host12:0:0 scsi_host12:0:1 "
                     "scsi_host11:0:1 ");
}
