/*
 * fuzz_conf.c: libFuzzer target for the libvirtd.conf parser.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "core/conf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct conf *c = NULL;
    char *errmsg = NULL;

    if (conf_parse("fuzz.conf", (const char *)data, size, &c, &errmsg) == 0) {
        const char *key;
        long long i;
        const char *s;

        for (size_t k = 0; (key = conf_key_at(c, k)); k++) {
            conf_get_int(c, key, &i, &errmsg);
            free(errmsg);
            errmsg = NULL;
            conf_get_string(c, key, &s, &errmsg);
            free(errmsg);
            errmsg = NULL;
        }
        conf_free(c);
    }
    free(errmsg);
    return 0;
}
