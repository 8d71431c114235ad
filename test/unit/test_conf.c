/*
 * test_conf.c: libvirtd.conf parsing, errors with FILE:LINE, getters.
 */
#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/conf.h"

static struct conf *
parse_ok(const char *text)
{
    struct conf *c = NULL;
    char *err = NULL;

    cr_assert_eq(conf_parse("t.conf", text, strlen(text), &c, &err), 0,
                 "parse failed: %s", err ? err : "(null)");
    cr_assert_null(err);
    cr_assert_not_null(c);
    return c;
}

/* Parse @len bytes of @text, expect failure with exactly @want. */
static void
expect_error_len(const char *text, size_t len, const char *want)
{
    struct conf *c = NULL;
    char *err = NULL;

    cr_assert_eq(conf_parse("t.conf", text, len, &c, &err), -1,
                 "accepted: %s", text);
    cr_assert_null(c);
    cr_assert_not_null(err);
    cr_assert_str_eq(err, want);
    free(err);
}

static void
expect_error(const char *text, const char *want)
{
    expect_error_len(text, strlen(text), want);
}

Test(conf, every_value_kind, .timeout = 5)
{
    struct conf *c = parse_ok(
        "max_workers = 20\n"
        "neg=-5\n"
        "big = 9223372036854775807\n"
        "small = -9223372036854775808\n"
        "unix_sock_dir = \"/run/virtd\"\n"
        "auth = [ \"a\", 'b' ]\n");
    const struct conf_value *v;

    v = conf_get(c, "max_workers");
    cr_assert_eq(v->type, CONF_INT);
    cr_assert_eq(v->i, 20);
    cr_assert_eq(v->line, 1);
    cr_assert_eq(conf_get(c, "neg")->i, -5);
    cr_assert_eq(conf_get(c, "big")->i, 9223372036854775807LL);
    cr_assert_eq(conf_get(c, "small")->i, -9223372036854775807LL - 1);
    v = conf_get(c, "unix_sock_dir");
    cr_assert_eq(v->type, CONF_STRING);
    cr_assert_str_eq(v->s, "/run/virtd");
    cr_assert_eq(v->line, 5);
    v = conf_get(c, "auth");
    cr_assert_eq(v->type, CONF_LIST);
    cr_assert_eq(v->nlist, 2);
    cr_assert_eq(v->line, 6);
    cr_assert_null(conf_get(c, "absent"));
    conf_free(c);
}

Test(conf, strings_and_escapes, .timeout = 5)
{
    struct conf *c = parse_ok(
        "single = 'a \"b\" \\\\ c'\n"
        "esc = \"a\\\"b\\\\c\\n\"\n"
        "empty = \"\"\n"
        "hash = \"not # a comment\" # but this is\n");

    cr_assert_str_eq(conf_get(c, "single")->s, "a \"b\" \\\\ c");
    cr_assert_str_eq(conf_get(c, "esc")->s, "a\"b\\c\\n");
    cr_assert_str_eq(conf_get(c, "empty")->s, "");
    cr_assert_str_eq(conf_get(c, "hash")->s, "not # a comment");
    conf_free(c);
}

Test(conf, lists, .timeout = 5)
{
    struct conf *c = parse_ok(
        "one = [ \"a\" ]\n"
        "two = [\"a\",'b',]\n"
        "none = [ ]\n"
        "multi = [\n"
        "   # leading comment\n"
        "   \"x\",   # trailing comment\n"
        "\n"
        "   \"y\"\n"
        "   ,\n"
        "   \"z\" ]\n"
        "after = 1\n");
    const struct conf_value *v;

    v = conf_get(c, "one");
    cr_assert_eq(v->type, CONF_LIST);
    cr_assert_eq(v->nlist, 1);
    cr_assert_str_eq(v->list[0], "a");
    cr_assert_null(v->list[1]);
    v = conf_get(c, "two");
    cr_assert_eq(v->nlist, 2);
    cr_assert_str_eq(v->list[1], "b");
    v = conf_get(c, "none");
    cr_assert_eq(v->nlist, 0);
    cr_assert_not_null(v->list);
    cr_assert_null(v->list[0]);
    v = conf_get(c, "multi");
    cr_assert_eq(v->nlist, 3);
    cr_assert_eq(v->line, 4);
    cr_assert_str_eq(v->list[0], "x");
    cr_assert_str_eq(v->list[1], "y");
    cr_assert_str_eq(v->list[2], "z");
    cr_assert_null(v->list[3]);
    cr_assert_eq(conf_get(c, "after")->line, 11);
    conf_free(c);
}

Test(conf, comments_blanks_crlf, .timeout = 5)
{
    struct conf *c = parse_ok(
        "# a comment\n"
        "\n"
        "   \t\n"
        "  # indented comment\n"
        "\tkey_1\t=\t1   # trailing\n"
        "crlf = \"x\"\r\n"
        "last=2");

    cr_assert_eq(conf_get(c, "key_1")->i, 1);
    cr_assert_eq(conf_get(c, "key_1")->line, 5);
    cr_assert_str_eq(conf_get(c, "crlf")->s, "x");
    cr_assert_eq(conf_get(c, "last")->i, 2);
    cr_assert_eq(conf_get(c, "last")->line, 7);
    cr_assert_str_eq(conf_key_at(c, 0), "key_1");
    cr_assert_str_eq(conf_key_at(c, 1), "crlf");
    cr_assert_str_eq(conf_key_at(c, 2), "last");
    cr_assert_null(conf_key_at(c, 3));
    conf_free(c);
}

Test(conf, empty_text, .timeout = 5)
{
    struct conf *c = parse_ok("");

    cr_assert_null(conf_key_at(c, 0));
    cr_assert_null(conf_get(c, "x"));
    conf_free(c);
    conf_free(NULL);
}

Test(conf, last_key_wins, .timeout = 5)
{
    struct conf *c = parse_ok(
        "a = 1\n"
        "b = \"x\"\n"
        "a = [ \"l\" ]\n"
        "a = \"final\"\n");
    const struct conf_value *v = conf_get(c, "a");

    cr_assert_eq(v->type, CONF_STRING);
    cr_assert_str_eq(v->s, "final");
    cr_assert_eq(v->line, 4);
    /* Keys appear once, in order of first appearance. */
    cr_assert_str_eq(conf_key_at(c, 0), "a");
    cr_assert_str_eq(conf_key_at(c, 1), "b");
    cr_assert_null(conf_key_at(c, 2));
    conf_free(c);
}

Test(conf, typed_getters, .timeout = 5)
{
    struct conf *c = parse_ok(
        "max_workers = 20\n"
        "name = \"virtd\"\n"
        "\n"
        "list = [ \"a\" ]\n");
    long long i = -1;
    const char *s = NULL;
    char *err = NULL;

    cr_assert_eq(conf_get_int(c, "max_workers", &i, &err), 0);
    cr_assert_eq(i, 20);
    cr_assert_eq(conf_get_string(c, "name", &s, &err), 0);
    cr_assert_str_eq(s, "virtd");
    cr_assert_null(err);

    i = 99;
    cr_assert_eq(conf_get_int(c, "absent", &i, &err), 1);
    cr_assert_eq(i, 99);
    cr_assert_eq(conf_get_string(c, "absent", &s, &err), 1);
    cr_assert_null(err);

    cr_assert_eq(conf_get_int(c, "name", &i, &err), -1);
    cr_assert_str_eq(err, "t.conf:2: key 'name' must be an integer");
    cr_assert_eq(i, 99);
    free(err);
    err = NULL;
    cr_assert_eq(conf_get_string(c, "max_workers", &s, &err), -1);
    cr_assert_str_eq(err, "t.conf:1: key 'max_workers' must be a string");
    free(err);
    err = NULL;
    cr_assert_eq(conf_get_string(c, "list", &s, &err), -1);
    cr_assert_str_eq(err, "t.conf:4: key 'list' must be a string");
    free(err);
    conf_free(c);
}

Test(conf, errors_name_file_and_line, .timeout = 5)
{
    expect_error("a = 1\nmax_workers 5\n",
                 "t.conf:2: expected '=' after 'max_workers'");
    expect_error("a = 1\n\n\nx =\n", "t.conf:4: expected a value for 'x'");
    expect_error("x = # nothing\n", "t.conf:1: expected a value for 'x'");
    expect_error("x = ", "t.conf:1: expected a value for 'x'");
    expect_error("# c\ns = \"abc\n\"\n", "t.conf:2: unterminated string");
    expect_error("s = 'abc", "t.conf:1: unterminated string");
    expect_error("s = \"abc\\\"\n", "t.conf:1: unterminated string");
    expect_error("l = [ \"a\" \"b\" ]\n",
                 "t.conf:1: expected ',' or ']' in list");
    expect_error("l = [\n \"a\",\n \"b\"\n \"c\" ]\n",
                 "t.conf:4: expected ',' or ']' in list");
    expect_error("l = [ 1, 2 ]\n",
                 "t.conf:1: expected a string in list for 'l'");
    expect_error("l = [ , ]\n",
                 "t.conf:1: expected a string in list for 'l'");
    expect_error("a = 1\nl = [ \"a\",\n \"b\",\n",
                 "t.conf:2: unterminated list for 'l'");
    expect_error("l = [ \"a\",\n \"b\n", "t.conf:2: unterminated string");
    expect_error("\n9key = 1\n", "t.conf:2: unexpected character '9'");
    expect_error("= 1\n", "t.conf:1: unexpected character '='");
    expect_error("a.b = 1\n", "t.conf:1: expected '=' after 'a'");
    expect_error("x = abc\n",
                 "t.conf:1: unexpected character 'a' in value of 'x'");
    expect_error("x = 12abc\n",
                 "t.conf:1: unexpected character 'a' after value of 'x'");
    expect_error("x = \"a\" \"b\"\n",
                 "t.conf:1: unexpected character '\"' after value of 'x'");
    expect_error("x = 1 2\n",
                 "t.conf:1: unexpected character '2' after value of 'x'");
    expect_error("x = [ \"a\" ] 3\n",
                 "t.conf:1: unexpected character '3' after value of 'x'");
    expect_error("x = -\n", "t.conf:1: expected digits after '-' for 'x'");
    expect_error("x = 9223372036854775808\n",
                 "t.conf:1: integer out of range for 'x'");
    expect_error("x = -9223372036854775809\n",
                 "t.conf:1: integer out of range for 'x'");
}

Test(conf, nul_byte_is_an_error, .timeout = 5)
{
    static const char text[] = "a = 1\n\nb = \"x\0y\"\n";

    expect_error_len(text, sizeof(text) - 1,
                     "t.conf:3: unexpected character '\\x00'");
}

Test(conf, limits, .timeout = 5)
{
    size_t big = 64 * 1024 + 10;
    char *text = malloc(1024 * 1024 + 2);
    size_t n;

    cr_assert_not_null(text);
    /* A 64 KiB string fits; one byte over the line limit does not. */
    n = (size_t)sprintf(text, "a = 1\ns = \"");
    memset(text + n, 'x', big);
    strcpy(text + n + big, "\"\n");
    expect_error(text, "t.conf:2: line too long (max 65536 bytes)");
    memset(text + n, 'x', 65000);
    strcpy(text + n + 65000, "\"\n");
    conf_free(parse_ok(text));

    /* 1024 list entries are fine, 1025 are not. */
    n = (size_t)sprintf(text, "l = [\n");
    for (int i = 0; i < 1025; i++)
        n += (size_t)sprintf(text + n, "\"%d\",\n", i);
    strcpy(text + n, "]\n");
    expect_error(text, "t.conf:1026: too many entries in list for 'l' "
                 "(max 1024)");
    n = (size_t)sprintf(text, "l = [\n");
    for (int i = 0; i < 1024; i++)
        n += (size_t)sprintf(text + n, "\"%d\",\n", i);
    strcpy(text + n, "]\n");
    conf_free(parse_ok(text));

    /* Over 1 MiB in total. */
    memset(text, '#', 1024 * 1024 + 1);
    expect_error_len(text, 1024 * 1024 + 1,
                     "t.conf: file too large (max 1048576 bytes)");
    free(text);
}

Test(conf, load_file, .timeout = 5)
{
    char path[] = "/tmp/test_conf_XXXXXX";
    int fd = mkstemp(path);
    struct conf *c = NULL;
    char *err = NULL;
    char *want = NULL;
    static const char body[] = "# virtd\nmax_clients = 5000\nbad\n";

    cr_assert_geq(fd, 0);
    cr_assert_eq(write(fd, body, 27), 27);     /* the first two lines */
    cr_assert_eq(conf_load(path, &c, &err), 0, "%s", err);
    cr_assert_eq(conf_get(c, "max_clients")->i, 5000);
    conf_free(c);

    c = NULL;
    cr_assert_eq(write(fd, body + 27, sizeof(body) - 28), 4);
    cr_assert_eq(conf_load(path, &c, &err), -1);
    cr_assert_null(c);
    cr_assert_eq(asprintf(&want, "%s:3: expected '=' after 'bad'", path) > 0,
                 1);
    cr_assert_str_eq(err, want);
    free(err);
    free(want);
    close(fd);
    unlink(path);

    cr_assert_eq(conf_load(path, &c, &err), -1);
    cr_assert_eq(asprintf(&want, "%s: No such file or directory", path) > 0,
                 1);
    cr_assert_str_eq(err, want);
    free(err);
    free(want);
}

/* Lines in the forms libvirt's own libvirtd.conf uses once uncommented. */
Test(conf, libvirtd_conf_forms, .timeout = 5)
{
    struct conf *c = parse_ok(
        "# Master libvirt daemon configuration file\n"
        "#\n"
        "listen_tls = 0\n"
        "tcp_port = \"16509\"\n"
        "unix_sock_ro_perms = \"0777\"\n"
        "access_drivers = [ \"polkit\" ]\n"
        "key_files = [\"/etc/pki/a.pem\", \"/etc/pki/b.pem\"]\n"
        "tls_priority=\"NORMAL\"\n"
        "sasl_allowed_username_list = [\"joe@EXAMPLE.COM\", "
        "\"fred@EXAMPLE.COM\" ]\n"
        "log_filters=\"1:qemu 1:libvirt 4:object 4:json 4:event 1:util\"\n"
        "log_outputs=\"3:syslog:libvirtd\"\n");

    cr_assert_eq(conf_get(c, "listen_tls")->i, 0);
    cr_assert_str_eq(conf_get(c, "tcp_port")->s, "16509");
    cr_assert_eq(conf_get(c, "key_files")->nlist, 2);
    cr_assert_str_eq(conf_get(c, "sasl_allowed_username_list")->list[1],
                     "fred@EXAMPLE.COM");
    cr_assert_str_eq(conf_get(c, "tls_priority")->s, "NORMAL");
    cr_assert_str_eq(conf_get(c, "log_outputs")->s, "3:syslog:libvirtd");
    conf_free(c);
}
