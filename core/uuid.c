/*
 * uuid.c: UUID parse/format/generate (see uuid.h).
 */
#include "core/uuid.h"

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#include <sys/random.h>

static int
hex_val(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Dashes sit before bytes 4, 6, 8 and 10 in the 36-char form. */
static bool
dash_before(size_t byte)
{
    return byte == 4 || byte == 6 || byte == 8 || byte == 10;
}

int
uuid_parse(const char *s, uint8_t out[UUID_LEN])
{
    size_t len = strnlen(s, UUID_STRLEN + 1);
    bool dashed = len == UUID_STRLEN;
    uint8_t u[UUID_LEN];

    if (!dashed && len != 2 * UUID_LEN)
        return -EINVAL;
    for (size_t i = 0; i < UUID_LEN; i++) {
        int hi;
        int lo;

        if (dashed && dash_before(i) && *s++ != '-')
            return -EINVAL;
        hi = hex_val(s[0]);
        lo = hex_val(s[1]);
        if (hi < 0 || lo < 0)
            return -EINVAL;
        u[i] = (uint8_t)(hi << 4 | lo);
        s += 2;
    }
    memcpy(out, u, UUID_LEN);
    return 0;
}

void
uuid_format(const uint8_t u[UUID_LEN], char out[UUID_STRLEN + 1])
{
    static const char digits[] = "0123456789abcdef";
    char *p = out;

    for (size_t i = 0; i < UUID_LEN; i++) {
        if (dash_before(i))
            *p++ = '-';
        *p++ = digits[u[i] >> 4];
        *p++ = digits[u[i] & 0xf];
    }
    *p = '\0';
}

int
uuid_generate(uint8_t out[UUID_LEN])
{
    size_t got = 0;

    while (got < UUID_LEN) {
        ssize_t n = getrandom(out + got, UUID_LEN - got, 0);

        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -errno;
        }
        got += (size_t)n;
    }
    out[6] = (uint8_t)((out[6] & 0x0f) | 0x40);    /* version 4 */
    out[8] = (uint8_t)((out[8] & 0x3f) | 0x80);    /* RFC 4122 variant */
    return 0;
}
