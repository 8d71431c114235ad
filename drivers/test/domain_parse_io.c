/*
 * domain_parse_io.c: a domain definition's IOThreads as libvirt 9.0 keeps
 * them for the test driver: <iothreads> (the count), <iothreadids> (ids
 * and thread pool sizes), <defaultiothread> and <cputune>'s <iothreadpin>;
 * parsed with libvirt's rules and messages (a count above the ids given
 * numbers the missing ones from 1, skipping the ids in use), checked as
 * its validation does, written back in its order, copied and freed.
 *
 * Pure; runs on the calling worker, the state lock held or not as the
 * definition's owner requires.
 */
#include "drivers/test/domain_parse.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "drivers/test/xmlp.h"

/* virXMLPropUInt with REQUIRED and NONZERO: 0, or -1 with libvirt's
 * message. */
static int
tdrv_io_id_attr(const struct xml_node *n, const char *attr, unsigned *v,
                struct err *e)
{
    if (!tdrv_xp_required(n, attr, e) || tdrv_xp_uint_attr(n, attr, v, e) < 0)
        return -1;
    if (*v == 0) {
        err_set(e, ERR_XML_ERROR, ERRDOM_XML,
                "Invalid value for attribute '%s' in element '%s': Zero is "
                "not permitted", attr, n->name);
        return -1;
    }
    return 0;
}

/* virXMLPropInt with NONNEGATIVE; *v -1 when absent. */
static int
tdrv_io_pool_attr(const struct xml_node *n, const char *attr, int *v,
                  struct err *e)
{
    const char *s = xml_attr(n, attr);
    long long x;
    char *end;

    *v = -1;
    if (!s)
        return 0;
    errno = 0;
    x = strtoll(s, &end, 10);
    if (end == s || *end || errno || x < INT_MIN || x > INT_MAX) {
        err_set(e, ERR_XML_ERROR, ERRDOM_XML,
                "Invalid value for attribute '%s' in element '%s': '%s'. "
                "Expected integer value", attr, n->name, s);
        return -1;
    }
    if (x < 0) {
        err_set(e, ERR_XML_ERROR, ERRDOM_XML,
                "Invalid value for attribute '%s' in element '%s': '%s'. "
                "Expected non-negative value", attr, n->name, s);
        return -1;
    }
    *v = (int)x;
    return 0;
}

struct tdrv_iothread *
tdrv_iothread_find(const struct tdrv_domdef *def, unsigned id)
{
    for (size_t i = 0; i < def->niothreads; i++)
        if (def->iothreads[i].id == id)
            return &def->iothreads[i];
    return NULL;
}

/* <iothreads>'s count: 0 when absent or empty. */
static int
tdrv_parse_io_count(const struct xml_node *root, unsigned *count,
                    struct err *e)
{
    const struct xml_node *n = xml_child(root, "iothreads");
    const char *s = n ? xml_text(n) : NULL;
    unsigned long long v;

    *count = 0;
    if (!s || !*s)
        return 0;
    if (tdrv_xp_parse_ull(s, &v) < 0 || v > UINT_MAX) {
        err_set(e, ERR_XML_ERROR, ERRDOM_DOMAIN,
                "invalid iothreads count '%s'", s);
        return -1;
    }
    if (v > TDRV_IOTHREADS_MAX) {
        err_set(e, ERR_CONFIG_UNSUPPORTED, ERRDOM_NONE,
                "too many IOThreads (at most %d)", TDRV_IOTHREADS_MAX);
        return -1;
    }
    *count = (unsigned)v;
    return 0;
}

/* The <iothread> elements of every <iothreadids>, at most the elements
 * bound; -1 with the error set past it. */
static int
tdrv_io_count_ids(const struct xml_node *root, size_t *n, struct err *e)
{
    const struct xml_node *ids, *t;

    *n = 0;
    for (ids = xml_child(root, "iothreadids"); ids; ids = xml_next_named(ids))
        for (t = xml_child(ids, "iothread"); t; t = xml_next_named(t))
            if (++*n > TDRV_XP_ELEMS_MAX) {
                err_set(e, ERR_CONFIG_UNSUPPORTED, ERRDOM_NONE,
                        "too many <iothread> elements (at most %d)",
                        TDRV_XP_ELEMS_MAX);
                return -1;
            }
    return 0;
}

/* One <iothread>, appended to def->iothreads (room is there). */
static int
tdrv_parse_io_id(const struct xml_node *t, struct tdrv_domdef *def,
                 struct err *e)
{
    struct tdrv_iothread io = { .autofill = false };

    if (tdrv_io_id_attr(t, "id", &io.id, e) < 0 ||
        tdrv_io_pool_attr(t, "thread_pool_min", &io.pool_min, e) < 0 ||
        tdrv_io_pool_attr(t, "thread_pool_max", &io.pool_max, e) < 0)
        return -1;
    if (tdrv_iothread_find(def, io.id)) {
        err_set(e, ERR_XML_ERROR, ERRDOM_DOMAIN,
                "duplicate iothread id '%u' found", io.id);
        return -1;
    }
    def->iothreads[def->niothreads++] = io;
    return 0;
}

/* virDomainIOThreadIDDefArrayInit: up to @count IOThreads, the missing
 * ones numbered with the lowest ids not in use. */
static int
tdrv_io_autofill(struct tdrv_domdef *def, unsigned count, struct err *e)
{
    unsigned char *used;
    unsigned id = 1;

    if (def->niothreads >= count)
        return 0;
    if (!(used = calloc((size_t)count + 1, 1)))
        return tdrv_oom(e);
    for (size_t i = 0; i < def->niothreads; i++)
        if (def->iothreads[i].id <= count)
            used[def->iothreads[i].id] = 1;
    for (; def->niothreads < count; id++) {
        struct tdrv_iothread *io;

        if (used[id])
            continue;
        io = &def->iothreads[def->niothreads++];
        memset(io, 0, sizeof(*io));
        io->id = id;
        io->pool_min = io->pool_max = -1;
        io->autofill = true;
    }
    free(used);
    return 0;
}

int
tdrv_parse_iothreads(const struct xml_node *root, struct tdrv_domdef *def,
                     struct err *e)
{
    const struct xml_node *ids, *t, *dflt;
    unsigned count;
    size_t n;

    if (tdrv_parse_io_count(root, &count, e) < 0 ||
        tdrv_io_count_ids(root, &n, e) < 0)
        return -1;
    if (n > count)
        count = (unsigned)n;
    if (count && !(def->iothreads = calloc(count, sizeof(*def->iothreads))))
        return tdrv_oom(e);
    for (ids = xml_child(root, "iothreadids"); ids; ids = xml_next_named(ids))
        for (t = xml_child(ids, "iothread"); t; t = xml_next_named(t))
            if (tdrv_parse_io_id(t, def, e) < 0)
                return -1;
    if ((dflt = xml_child(root, "defaultiothread"))) {
        if (tdrv_io_pool_attr(dflt, "thread_pool_min", &def->dflt_pool_min,
                              e) < 0 ||
            tdrv_io_pool_attr(dflt, "thread_pool_max", &def->dflt_pool_max,
                              e) < 0)
            return -1;
        def->dflt_has_min = def->dflt_pool_min >= 0;
        def->dflt_has_max = def->dflt_pool_max >= 0;
    }
    return tdrv_io_autofill(def, count, e);
}

/* <cputune>'s <iothreadpin>s: the IOThread must exist, one pin each. */
int
tdrv_parse_iothreadpins(const struct xml_node *root, struct tdrv_domdef *def,
                        struct err *e)
{
    const struct xml_node *tune = xml_child(root, "cputune"), *n;

    for (n = tune ? xml_child(tune, "iothreadpin") : NULL; n;
         n = xml_next_named(n)) {
        struct tdrv_iothread *io;
        unsigned id;
        char *set;

        if (tdrv_io_id_attr(n, "iothread", &id, e) < 0)
            return -1;
        if (!(io = tdrv_iothread_find(def, id))) {
            err_set(e, ERR_CONFIG_UNSUPPORTED, ERRDOM_DOMAIN,
                    "Cannot find 'iothread' : %u", id);
            return -1;
        }
        if (!(set = tdrv_parse_pin_set(n, "iothreadpin", e)))
            return -1;
        if (io->cpuset) {
            free(set);
            err_set(e, ERR_INTERNAL_ERROR, ERRDOM_DOMAIN,
                    "duplicate iothreadpin for same iothread '%u'", id);
            return -1;
        }
        io->cpuset = set;
    }
    return 0;
}

/* One thread pool's sizes, as libvirt's validation checks them. */
static int
tdrv_io_check_pool(int min, int max, struct err *e)
{
    if (max == 0) {
        err_set(e, ERR_CONFIG_UNSUPPORTED, ERRDOM_DOMAIN,
                "thread_pool_max must be a positive integer");
        return -1;
    }
    if (min > max) {
        err_set(e, ERR_CONFIG_UNSUPPORTED, ERRDOM_DOMAIN,
                "thread_pool_min must be smaller or equal to "
                "thread_pool_max");
        return -1;
    }
    return 0;
}

int
tdrv_iothreads_validate(const struct tdrv_domdef *def, struct err *e)
{
    for (size_t i = 0; i < def->niothreads; i++)
        if (tdrv_io_check_pool(def->iothreads[i].pool_min,
                               def->iothreads[i].pool_max, e) < 0)
            return -1;
    return tdrv_io_check_pool(def->dflt_has_min ? def->dflt_pool_min : -1,
                              def->dflt_has_max ? def->dflt_pool_max : -1, e);
}

/* -- writing ---------------------------------------------------------------- */

static void
tdrv_fmt_pool(struct xmlw *w, int min, int max)
{
    if (min >= 0)
        xmlw_attrf(w, "thread_pool_min", "%d", min);
    if (max >= 0)
        xmlw_attrf(w, "thread_pool_max", "%d", max);
}

/* <iothreadids> is written when one IOThread was not numbered by the
 * count alone or has a pool size (virDomainDefIothreadShouldFormat). */
static bool
tdrv_io_ids_wanted(const struct tdrv_domdef *def)
{
    for (size_t i = 0; i < def->niothreads; i++) {
        const struct tdrv_iothread *io = &def->iothreads[i];

        if (!io->autofill || io->pool_min >= 0 || io->pool_max >= 0)
            return true;
    }
    return false;
}

void
tdrv_fmt_iothreads(struct xmlw *w, const struct tdrv_domdef *def)
{
    if (def->niothreads) {
        xmlw_start(w, "iothreads");
        xmlw_text(w, "iothreads", "%zu", def->niothreads);
        if (tdrv_io_ids_wanted(def)) {
            xmlw_start(w, "iothreadids");
            xmlw_open(w);
            for (size_t i = 0; i < def->niothreads; i++) {
                xmlw_start(w, "iothread");
                xmlw_attrf(w, "id", "%u", def->iothreads[i].id);
                tdrv_fmt_pool(w, def->iothreads[i].pool_min,
                              def->iothreads[i].pool_max);
                xmlw_empty(w);
            }
            xmlw_close(w, "iothreadids");
        }
    }
    if (def->dflt_has_min || def->dflt_has_max) {
        xmlw_start(w, "defaultiothread");
        tdrv_fmt_pool(w, def->dflt_has_min ? def->dflt_pool_min : -1,
                      def->dflt_has_max ? def->dflt_pool_max : -1);
        xmlw_empty(w);
    }
}

bool
tdrv_iothreads_pinned(const struct tdrv_domdef *def)
{
    for (size_t i = 0; i < def->niothreads; i++)
        if (def->iothreads[i].cpuset)
            return true;
    return false;
}

void
tdrv_fmt_iothreadpins(struct xmlw *w, const struct tdrv_domdef *def)
{
    for (size_t i = 0; i < def->niothreads; i++) {
        if (!def->iothreads[i].cpuset)
            continue;
        xmlw_start(w, "iothreadpin");
        xmlw_attrf(w, "iothread", "%u", def->iothreads[i].id);
        xmlw_attr(w, "cpuset", def->iothreads[i].cpuset);
        xmlw_empty(w);
    }
}

/* -- copies ----------------------------------------------------------------- */

void
tdrv_iothreads_free(struct tdrv_domdef *def)
{
    for (size_t i = 0; def->iothreads && i < def->niothreads; i++)
        free(def->iothreads[i].cpuset);
    free(def->iothreads);
    def->iothreads = NULL;
    def->niothreads = 0;
}

int
tdrv_iothreads_copy(struct tdrv_domdef *to, const struct tdrv_domdef *from)
{
    to->iothreads = NULL;
    to->niothreads = 0;
    if (!from->niothreads)
        return 0;
    if (!(to->iothreads = calloc(from->niothreads, sizeof(*to->iothreads))))
        return -1;
    for (size_t i = 0; i < from->niothreads; i++) {
        struct tdrv_iothread *io = &to->iothreads[i];

        *io = from->iothreads[i];
        to->niothreads++;
        if (io->cpuset && !(io->cpuset = strdup(io->cpuset)))
            return -1;
    }
    return 0;
}
