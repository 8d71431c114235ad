/*
 * fuzz_domxml.c: libFuzzer target for the test driver's definition
 * parsers, which read what clients send to DOMAIN_DEFINE_XML,
 * DOMAIN_CREATE_XML and NETWORK_DEFINE_XML: the input is parsed as a
 * domain (then named, written back with and without passwords, copied as
 * a start copies it, and freed), as a network, as a storage pool
 * (parsed and written back), as a node device (new and existing,
 * written back and copied), and as a snapshot
 * (<domainsnapshot>, new and redefined: its disks lined up with a fixed
 * domain's, or its own, and written back).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "drivers/test/domain_parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
domain(const char *xml)
{
    struct tdrv_domdef *def, *copy;
    struct err e = { 0 };
    struct xmlw w;

    if (tdrv_domdef_parse(xml, &def, &e) == 0) {
        tdrv_domdef_gen_ifnames(def, &e);
        for (int secure = 0; secure < 2; secure++) {
            xmlw_init(&w);
            tdrv_domdef_format(&w, def, secure ? 3 : -1, secure);
            free(xmlw_finish(&w));
        }
        copy = tdrv_domdef_copy(def);
        tdrv_domdef_free(copy);
        tdrv_domdef_free(def);
    }
    err_release(&e);
}

/* The domain a new snapshot is taken of: two disks, one of them empty. */
static const char snap_dom_xml[] =
    "<domain type='test'><name>f</name><memory>1024</memory>"
    "<os><type>hvm</type></os><devices>"
    "<disk type='file' device='disk'><source file='/f/a.img'/>"
    "<target dev='vda' bus='virtio'/></disk>"
    "<disk type='file' device='cdrom'><target dev='hdc' bus='ide'/></disk>"
    "</devices></domain>";

static void
snapshot(const char *xml)
{
    struct tdrv_snap *snap;
    struct err e = { 0 };

    for (int redefine = 0; redefine < 2; redefine++) {
        if (!(snap = tdrv_snap_parse(xml, redefine, &e))) {
            err_release(&e);
            continue;
        }
        if (!snap->def && tdrv_domdef_parse(snap_dom_xml, &snap->def, &e))
            abort();              /* the fixed domain always parses */
        if (tdrv_snap_align_disks(snap, redefine ? TDRV_LOC_EXTERNAL
                                                 : TDRV_LOC_INTERNAL,
                                  !redefine, &e) == 0)
            free(tdrv_snap_format(snap, true));
        tdrv_snap_free(snap);
        err_release(&e);
    }
}

static void
pool(const char *xml)
{
    struct err e = { 0 };
    struct tdrv_pool *p = tdrv_pool_parse(xml, &e);
    struct xmlw w;

    if (p) {
        xmlw_init(&w);
        tdrv_pool_format_xml(&w, p);
        free(xmlw_finish(&w));
        tdrv_pool_free(p);
    }
    err_release(&e);
}

/* A node device, as created and as the driver's own. */
static void
nodedev(const char *xml)
{
    struct tdrv_nodedev *d, *copy;
    struct err e = { 0 };
    struct xmlw w;

    for (int create = 0; create < 2; create++) {
        if (tdrv_nodedev_parse(xml, create, &d, &e) == 0) {
            xmlw_init(&w);
            tdrv_nodedev_format(&w, &d->o);
            free(xmlw_finish(&w));
            copy = tdrv_nodedev_dup(d);
            tdrv_nodedev_free(copy);
            tdrv_nodedev_free(d);
        }
        err_release(&e);
    }
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct tdrv_netdef *net;
    struct err e = { 0 };
    char *xml = malloc(size + 1);

    if (!xml)
        return 0;
    memcpy(xml, data, size);
    xml[size] = '\0';
    domain(xml);
    snapshot(xml);
    pool(xml);
    nodedev(xml);
    if (tdrv_netdef_parse(xml, &net, &e) == 0)
        tdrv_netdef_free(net);
    err_release(&e);
    free(xml);
    return 0;
}
