/*
 * test_json.c: the JSON writer (core/json.c).
 */
#include <criterion/criterion.h>
#include <errno.h>
#include <math.h>

#include "core/json.h"

Test(json, object_with_members, .timeout = 5)
{
    struct json j;

    json_init(&j);
    json_obj_begin(&j);
    json_key(&j, "calls_per_s");
    json_double(&j, 1234.5);
    json_key(&j, "errors");
    json_int(&j, -3);
    json_key(&j, "n");
    json_uint(&j, 18446744073709551615ull);
    json_key(&j, "ok");
    json_bool(&j, true);
    json_key(&j, "none");
    json_null(&j);
    json_obj_end(&j);
    cr_assert_eq(json_finish(&j), 0);
    cr_assert_str_eq(j.buf, "{\"calls_per_s\":1234.500,\"errors\":-3,"
                     "\"n\":18446744073709551615,\"ok\":true,\"none\":null}");
    json_release(&j);
}

Test(json, nested_arrays_and_escapes, .timeout = 5)
{
    struct json j;

    json_init(&j);
    json_obj_begin(&j);
    json_key(&j, "a");
    json_arr_begin(&j);
    json_str(&j, "q\"b\\\n");
    json_arr_begin(&j);
    json_arr_end(&j);
    json_obj_begin(&j);
    json_obj_end(&j);
    json_str(&j, NULL);
    json_double(&j, NAN);
    json_arr_end(&j);
    json_key(&j, "b");
    json_int(&j, 1);
    json_obj_end(&j);
    cr_assert_eq(json_finish(&j), 0);
    cr_assert_str_eq(j.buf,
                     "{\"a\":[\"q\\\"b\\\\\\u000a\",[],{},null,null],\"b\":1}");
    json_release(&j);
}

Test(json, unbalanced_is_an_error, .timeout = 5)
{
    struct json j;

    json_init(&j);
    json_obj_begin(&j);
    cr_assert_eq(json_finish(&j), -EINVAL);
    json_obj_end(&j);
    cr_assert_eq(json_finish(&j), 0);
    json_obj_end(&j);
    cr_assert_eq(json_finish(&j), -EINVAL);
    json_release(&j);

    json_init(&j);
    cr_assert_eq(json_finish(&j), -EINVAL);
    json_release(&j);
}

Test(json, depth_limit, .timeout = 5)
{
    struct json j;
    int i;

    json_init(&j);
    for (i = 0; i <= JSON_DEPTH_MAX; i++)
        json_arr_begin(&j);
    cr_assert_eq(json_finish(&j), -EINVAL);
    json_release(&j);
}

Test(json, long_output_grows, .timeout = 5)
{
    struct json j;
    int i;

    json_init(&j);
    json_arr_begin(&j);
    for (i = 0; i < 10000; i++)
        json_int(&j, i);
    json_arr_end(&j);
    cr_assert_eq(json_finish(&j), 0);
    cr_assert_eq(j.len, strlen(j.buf));
    cr_assert_eq(j.buf[j.len - 1], ']');
    json_release(&j);
}
