/*
 * test_tdrv_iothread.c: the IOThread parts of the test driver's domain
 * XML (drivers/test/domain_parse_io.c): the ids a count alone numbers,
 * when <iothreadids> is written, <iothreadpin> after the other pins,
 * copies, the bounds virtd adds. The reference's answers for whole
 * definitions are in test/unit/data (define_ok/12-*, 13-*, and the
 * iothread lines of define_errors.tsv).
 */
#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "drivers/test/domain_parse.h"

#define T_TIMEOUT .timeout = 10

TestSuite(tdrv_iothread);

#define DOM(body) "<domain type='test'><name>io</name><memory>1024</memory>" \
                  body "<os><type>hvm</type></os></domain>"

static struct tdrv_domdef *
parse_ok(const char *xml)
{
    struct tdrv_domdef *def = NULL;
    struct err e = { 0 };

    cr_assert_eq(tdrv_domdef_parse(xml, &def, &e), 0, "%s", e.message);
    return def;
}

/* The text between the end of <vcpu> and <os>, as written. */
static char *
iothread_part(const struct tdrv_domdef *def)
{
    struct xmlw w;
    char *all, *from, *to, *part;

    xmlw_init(&w);
    tdrv_domdef_format(&w, def, -1, false);
    all = xmlw_finish(&w);
    cr_assert(all);
    from = strstr(all, "</vcpu>\n");
    to = strstr(all, "  <os>");
    cr_assert(from && to && to >= from + 8);
    from += 8;
    part = strndup(from, (size_t)(to - from));
    free(all);
    return part;
}

static void
refused(const char *xml, int code, const char *msg)
{
    struct tdrv_domdef *def = NULL;
    struct err e = { 0 };

    cr_assert_eq(tdrv_domdef_parse(xml, &def, &e), -1);
    cr_assert_eq(e.code, code, "%s", e.message);
    cr_assert_str_eq(e.message, msg);
    err_release(&e);
}

Test(tdrv_iothread, count_numbers_the_missing_ids, T_TIMEOUT)
{
    struct tdrv_domdef *def =
        parse_ok(DOM("<iothreads>4</iothreads><iothreadids>"
                     "<iothread id='3'/><iothread id='9'/></iothreadids>"));
    static const unsigned want[] = { 3, 9, 1, 2 };

    cr_assert_eq(def->niothreads, 4);
    for (size_t i = 0; i < 4; i++) {
        cr_assert_eq(def->iothreads[i].id, want[i]);
        cr_assert_eq(def->iothreads[i].autofill, i >= 2);
        cr_assert_eq(def->iothreads[i].pool_min, -1);
    }
    tdrv_domdef_free(def);

    /* fewer than the ids given: the ids count */
    def = parse_ok(DOM("<iothreads>1</iothreads><iothreadids>"
                       "<iothread id='5'/><iothread id='1'/></iothreadids>"));
    cr_assert_eq(def->niothreads, 2);
    tdrv_domdef_free(def);
}

Test(tdrv_iothread, ids_written_only_when_given, T_TIMEOUT)
{
    struct tdrv_domdef *def =
        parse_ok(DOM("<iothreads>2</iothreads><cputune><iothreadpin "
                     "iothread='2' cpuset='1'/><emulatorpin cpuset='0'/>"
                     "</cputune>"));
    char *part = iothread_part(def);

    cr_assert_str_eq(part, "  <iothreads>2</iothreads>\n"
                           "  <cputune>\n"
                           "    <emulatorpin cpuset='0'/>\n"
                           "    <iothreadpin iothread='2' cpuset='1'/>\n"
                           "  </cputune>\n");
    free(part);
    /* an IOThread pinned through the API is no longer numbered alone */
    def->iothreads[0].autofill = false;
    part = iothread_part(def);
    cr_assert(strstr(part, "  <iothreadids>\n    <iothread id='1'/>\n"
                           "    <iothread id='2'/>\n  </iothreadids>\n"),
              "%s", part);
    free(part);
    tdrv_domdef_free(def);
}

Test(tdrv_iothread, pools_and_default, T_TIMEOUT)
{
    struct tdrv_domdef *def =
        parse_ok(DOM("<iothreadids><iothread id='4' thread_pool_max='8'/>"
                     "</iothreadids><defaultiothread thread_pool_min='0' "
                     "thread_pool_max='1'/><defaultiothread "
                     "thread_pool_max='0'/>"));
    char *part = iothread_part(def);

    /* the first <defaultiothread> only, a min of 0 is kept */
    cr_assert_str_eq(part, "  <iothreads>1</iothreads>\n"
                           "  <iothreadids>\n"
                           "    <iothread id='4' thread_pool_max='8'/>\n"
                           "  </iothreadids>\n"
                           "  <defaultiothread thread_pool_min='0' "
                           "thread_pool_max='1'/>\n");
    free(part);
    tdrv_domdef_free(def);
    /* a min without a max is above it for the validation */
    refused(DOM("<defaultiothread thread_pool_min='0'/>"), 67,
            "unsupported configuration: thread_pool_min must be smaller or "
            "equal to thread_pool_max");
}

Test(tdrv_iothread, copies_are_deep, T_TIMEOUT)
{
    struct tdrv_domdef *def =
        parse_ok(DOM("<iothreads>3</iothreads><defaultiothread "
                     "thread_pool_max='2'/><cputune><iothreadpin "
                     "iothread='3' cpuset='0-1'/></cputune>"));
    struct tdrv_domdef *copy = tdrv_domdef_copy(def);
    char *a, *b;

    cr_assert(copy);
    cr_assert_neq(copy->iothreads, def->iothreads);
    cr_assert_neq(copy->iothreads[2].cpuset, def->iothreads[2].cpuset);
    a = iothread_part(def);
    tdrv_domdef_free(def);
    b = iothread_part(copy);
    cr_assert_str_eq(a, b);
    free(a);
    free(b);
    tdrv_domdef_free(copy);
}

Test(tdrv_iothread, bounded, T_TIMEOUT)
{
    size_t cap = 64 + 1025 * 24;
    char *xml = malloc(cap), *p = xml;

    cr_assert(xml);
    refused(DOM("<iothreads>16385</iothreads>"), 67,
            "unsupported configuration: too many IOThreads (at most 16384)");
    p += sprintf(p, "<domain type='test'><name>io</name><memory>1024"
                 "</memory><iothreadids>");
    for (int i = 1; i <= 1025; i++)
        p += sprintf(p, "<iothread id='%d'/>", i);
    sprintf(p, "</iothreadids><os><type>hvm</type></os></domain>");
    refused(xml, 67, "unsupported configuration: too many <iothread> "
            "elements (at most 1024)");
    free(xml);
    tdrv_domdef_free(parse_ok(DOM("<iothreads>16384</iothreads>")));
}
