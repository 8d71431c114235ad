/*
 * fuzz_xml.c: libFuzzer target for the XML parser and for what clients'
 * XML goes through after it: the test driver's <domain> and <network>
 * definition parsers (DEFINE_XML, CREATE_XML, NETWORK_DEFINE_XML...), and
 * formatting a parsed domain back out, as DUMPXML would.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/xml.h"
#include "drivers/test/domain_parse.h"
#include "drivers/test/xmlw.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
fuzz_definitions(const char *doc)
{
    struct tdrv_domdef *dom = NULL;
    struct tdrv_netdef *net = NULL;
    struct err e = { 0 };

    if (tdrv_domdef_parse(doc, &dom, &e) == 0) {
        struct xmlw w;

        xmlw_init(&w);
        tdrv_domdef_format(&w, dom, 1);
        free(xmlw_finish(&w));
        tdrv_domdef_free(dom);
    }
    err_release(&e);
    if (tdrv_netdef_parse(doc, &net, &e) == 0)
        tdrv_netdef_free(net);
    err_release(&e);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct xml_node *root = NULL;
    struct xml_error e;
    char *doc;

    if (xml_parse((const char *)data, size, &root, &e) == 0) {
        xml_path_text(root, "os/type");
        xml_free(root);
    }
    /* the definitions come as NUL-terminated strings off the wire */
    doc = malloc(size + 1);
    if (!doc)
        return 0;
    memcpy(doc, data, size);
    doc[size] = '\0';
    fuzz_definitions(doc);
    free(doc);
    return 0;
}
