/*
 * test_uuid.c: UUID parse, format and generate.
 */
#include <criterion/criterion.h>

#include <errno.h>
#include <string.h>

#include "core/uuid.h"

static const uint8_t sample[UUID_LEN] = {
    0xc7, 0xa5, 0xfd, 0xbd, 0xed, 0xaf, 0x94, 0x55,
    0x92, 0x6a, 0xd6, 0x5c, 0x16, 0xdb, 0x18, 0x09,
};

Test(uuid, parse_dashed, .timeout = 5)
{
    uint8_t u[UUID_LEN];

    cr_assert_eq(uuid_parse("c7a5fdbd-edaf-9455-926a-d65c16db1809", u), 0);
    cr_assert_arr_eq(u, sample, UUID_LEN);
    cr_assert_eq(uuid_parse("C7A5FDBD-EDAF-9455-926A-D65C16DB1809", u), 0);
    cr_assert_arr_eq(u, sample, UUID_LEN);
}

Test(uuid, parse_plain_hex, .timeout = 5)
{
    uint8_t u[UUID_LEN];

    cr_assert_eq(uuid_parse("c7a5fdbdedaf9455926ad65c16db1809", u), 0);
    cr_assert_arr_eq(u, sample, UUID_LEN);
}

Test(uuid, parse_rejects, .timeout = 5)
{
    static const char *bad[] = {
        "",
        "c7a5fdbd-edaf-9455-926a-d65c16db180",      /* short */
        "c7a5fdbd-edaf-9455-926a-d65c16db18090",    /* long */
        "c7a5fdbd-edaf-9455-926a-d65c16db180g",     /* not hex */
        "c7a5fdbdxedaf-9455-926a-d65c16db1809",     /* dash missing */
        "c7a5fdb-dedaf-9455-926a-d65c16db1809",     /* dash misplaced */
        "c7a5fdbdedaf9455926ad65c16db180",          /* 31 hex */
        "c7a5fdbdedaf9455926ad65c16db1809 ",        /* trailing */
        " c7a5fdbdedaf9455926ad65c16db1809",        /* leading */
        "c7a5fdbd-edaf-9455-926a-d65c16db-809",
    };
    uint8_t u[UUID_LEN];

    memset(u, 0xee, sizeof(u));
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        cr_assert_eq(uuid_parse(bad[i], u), -EINVAL, "accepted '%s'", bad[i]);
    for (size_t i = 0; i < UUID_LEN; i++)
        cr_assert_eq(u[i], 0xee, "output touched on error");
}

Test(uuid, format_round_trip, .timeout = 5)
{
    char s[UUID_STRLEN + 1];
    uint8_t u[UUID_LEN];

    uuid_format(sample, s);
    cr_assert_str_eq(s, "c7a5fdbd-edaf-9455-926a-d65c16db1809");
    cr_assert_eq(uuid_parse(s, u), 0);
    cr_assert_arr_eq(u, sample, UUID_LEN);
}

Test(uuid, generate_v4, .timeout = 5)
{
    uint8_t a[UUID_LEN];
    uint8_t b[UUID_LEN];
    char s[UUID_STRLEN + 1];

    cr_assert_eq(uuid_generate(a), 0);
    cr_assert_eq(uuid_generate(b), 0);
    cr_assert(memcmp(a, b, UUID_LEN) != 0);
    cr_assert_eq(a[6] >> 4, 4);
    cr_assert_eq(a[8] & 0xc0, 0x80);
    uuid_format(a, s);
    cr_assert_eq(s[14], '4');
    cr_assert(strchr("89ab", s[19]) != NULL);
}
