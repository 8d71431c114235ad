/*
 * uuid.h: 16-byte UUIDs in libvirt's text form
 * ("c7a5fdbd-edaf-9455-926a-d65c16db1809"). Pure functions, thread-safe.
 */
#ifndef VIRTD_CORE_UUID_H
#define VIRTD_CORE_UUID_H

#include <stdint.h>

#define UUID_LEN 16
#define UUID_STRLEN 36          /* without the NUL */

/* Parse the 36-char dashed form or 32 hex digits (either case), nothing
 * before or after. 0, or -EINVAL (@out untouched). */
int uuid_parse(const char *s, uint8_t out[UUID_LEN]);

/* Lower-case dashed form, NUL-terminated. */
void uuid_format(const uint8_t u[UUID_LEN], char out[UUID_STRLEN + 1]);

/* A random (RFC 4122 version 4) UUID from getrandom(). 0 or -errno. */
int uuid_generate(uint8_t out[UUID_LEN]);

#endif
