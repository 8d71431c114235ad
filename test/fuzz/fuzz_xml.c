/*
 * fuzz_xml.c: libFuzzer target for the XML parser (domain and network
 * definitions come from clients through it).
 */
#include <stddef.h>
#include <stdint.h>

#include "core/xml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct xml_node *root = NULL;
    struct xml_error e;

    if (xml_parse((const char *)data, size, &root, &e) == 0) {
        xml_path_text(root, "os/type");
        xml_free(root);
    }
    return 0;
}
