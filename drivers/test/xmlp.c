/*
 * xmlp.c: value readers over core/xml trees with libvirt's error texts
 * (see xmlp.h).
 */
#include "drivers/test/xmlp.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "drivers/test/test_priv.h"

int
tdrv_xp_doc(const char *xml, const char *root_name, const char *url,
            int errdom, struct xml_node **root, struct err *e)
{
    if (tdrv_xp_parse(xml, url, errdom, root, e) < 0)
        return -1;
    if (strcmp((*root)->name, root_name) != 0) {
        err_set(e, ERR_XML_ERROR, ERRDOM_XML,
                "expecting root element of '%s', not '%s'", root_name,
                (*root)->name);
        xml_free(*root);
        *root = NULL;
        return -1;
    }
    return 0;
}

int
tdrv_xp_parse(const char *xml, const char *url, int errdom,
              struct xml_node **root, struct err *e)
{
    struct xml_error xe;
    size_t len = strlen(xml);
    char *report;
    int rc = xml_parse(xml, len, root, &xe);

    if (rc == -ENOMEM)
        return tdrv_oom(e);
    if (rc == -EMSGSIZE) {
        err_set(e, ERR_XML_ERROR, ERRDOM_XML, "document too large");
        return -1;
    }
    if (rc < 0) {
        if (!(report = xml_error_report(&xe, xml, len, url)))
            return tdrv_oom(e);
        err_set(e, ERR_XML_DETAIL, errdom, "%s", report);
        free(report);
        return -1;
    }
    return 0;
}

int
tdrv_xp_parse_ull(const char *s, unsigned long long *v)
{
    unsigned long long n = 0;

    /* strtoull's leading blanks and '+', nothing after the digits */
    while (isspace((unsigned char)*s))
        s++;
    if (*s == '+')
        s++;
    if (!isdigit((unsigned char)*s))
        return -EINVAL;
    for (; isdigit((unsigned char)*s); s++) {
        unsigned d = (unsigned)(*s - '0');

        if (n > (ULLONG_MAX - d) / 10)
            return -EINVAL;
        n = n * 10 + d;
    }
    if (*s)
        return -EINVAL;
    *v = n;
    return 0;
}

int
tdrv_xp_text_ull(const struct xml_node *node, const char *what,
                 unsigned long long *v, struct err *e)
{
    if (tdrv_xp_parse_ull(xml_text(node), v) == 0)
        return 0;
    err_set(e, ERR_XML_ERROR, ERRDOM_XML,
            "Invalid value '%s' for element or attribute '%s'",
            xml_text(node), what);
    return -1;
}

/* virScaleInteger's unit names: 1, or 1000 / 1024 to a power. */
int
tdrv_xp_scale(const char *unit, unsigned long long dflt,
              unsigned long long *scale)
{
    static const char powers[] = "kmgtpe";
    const char *p;
    unsigned long long base;

    if (!unit || !*unit) {
        *scale = dflt;
        return 0;
    }
    if (strcasecmp(unit, "b") == 0 || strcasecmp(unit, "byte") == 0 ||
        strcasecmp(unit, "bytes") == 0) {
        *scale = 1;
        return 0;
    }
    if (unit[1] == '\0' || strcasecmp(unit + 1, "iB") == 0)
        base = 1024;
    else if (strcasecmp(unit + 1, "B") == 0)
        base = 1000;
    else
        return -EINVAL;
    if (!(p = strchr(powers, tolower((unsigned char)unit[0]))))
        return -EINVAL;
    *scale = 1;
    for (const char *q = powers; q <= p; q++)
        *scale *= base;
    return 0;
}

int
tdrv_xp_memory(const struct xml_node *node, const char *what, uint64_t *kib,
               struct err *e)
{
    const char *unit;
    unsigned long long v, scale;

    *kib = 0;
    if (!node)
        return 1;
    unit = xml_attr(node, "unit");
    if (tdrv_xp_text_ull(node, what, &v, e) < 0)
        return -1;
    if (tdrv_xp_scale(unit, 1024, &scale) < 0) {
        err_set(e, ERR_INVALID_ARG, ERRDOM_NONE, "unknown suffix '%s'",
                unit);
        return -1;
    }
    if (v && v > (unsigned long long)LLONG_MAX / scale) {
        err_set(e, ERR_NUMERICAL_OVERFLOW, ERRDOM_NONE,
                "value too large: %llu%s", v, unit ? unit : "(null)");
        return -1;
    }
    v *= scale;
    *kib = v / 1024 + (v % 1024 != 0);
    if (*kib > TDRV_MEM_UNLIMITED) {
        err_set(e, ERR_NUMERICAL_OVERFLOW, ERRDOM_DOMAIN,
                "size value too large");
        return -1;
    }
    return 0;
}

int
tdrv_xp_count(const struct xml_node *node, const char *name, size_t max,
              size_t *n, struct err *e)
{
    *n = 0;
    for (const struct xml_node *c = xml_child(node, name); c;
         c = xml_next_named(c)) {
        if (++*n > max) {
            err_set(e, ERR_CONFIG_UNSUPPORTED, ERRDOM_NONE,
                    "too many <%s> elements (at most %zu)", name, max);
            return -1;
        }
    }
    return 0;
}

int
tdrv_xp_index(const char *const *names, const char *v)
{
    for (int i = 0; v && names[i]; i++)
        if (strcmp(names[i], v) == 0)
            return i;
    return -1;
}

int
tdrv_xp_enum(const struct xml_node *node, const char *attr,
             const char *const *names, int *idx, struct err *e)
{
    const char *v = xml_attr(node, attr);

    if (!v)
        return 1;
    if ((*idx = tdrv_xp_index(names, v)) >= 0)
        return 0;
    err_set(e, ERR_XML_ERROR, ERRDOM_XML,
            "Invalid value for attribute '%s' in element '%s': '%s'.",
            attr, node->name, v);
    return -1;
}

const char *const tdrv_tristate_names[] = { "default", "yes", "no", NULL };

int
tdrv_xp_xpath_uint(const struct xml_node *node, const char *attr,
                   unsigned *v)
{
    const char *s = xml_attr(node, attr);
    unsigned long long n;

    if (!s || !*s)
        return 1;
    if (tdrv_xp_parse_ull(s, &n) < 0 || n > UINT_MAX)
        return -1;
    *v = (unsigned)n;
    return 0;
}

int
tdrv_xp_uint_attr(const struct xml_node *node, const char *attr,
                  unsigned *v, struct err *e)
{
    const char *s = xml_attr(node, attr);
    unsigned long long n;

    if (!s)
        return 1;
    if (tdrv_xp_parse_ull(s, &n) == 0 && n <= UINT_MAX) {
        *v = (unsigned)n;
        return 0;
    }
    err_set(e, ERR_XML_ERROR, ERRDOM_XML,
            "Invalid value for attribute '%s' in element '%s': '%s'. "
            "Expected non-negative integer value", attr, node->name, s);
    return -1;
}

bool
tdrv_xp_mac(const char *s, uint8_t mac[6])
{
    for (int i = 0; i < 6; i++) {
        char *end;
        unsigned long v;

        if (!isxdigit((unsigned char)*s))
            return false;
        v = strtoul(s, &end, 16);
        if (end - s < 1 || end - s > 2 || v > 255)
            return false;
        mac[i] = (uint8_t)v;
        s = end;
        if (i < 5 && *s++ != ':')
            return false;
    }
    return *s == '\0';
}

int
tdrv_xp_dup(char **out, const char *s, struct err *e)
{
    char *p = s ? strdup(s) : NULL;

    if (s && !p)
        return tdrv_oom(e);
    free(*out);
    *out = p;
    return 0;
}

const char *
tdrv_xp_required(const struct xml_node *node, const char *attr,
                 struct err *e)
{
    const char *v = xml_attr(node, attr);

    if (!v)
        err_set(e, ERR_XML_ERROR, ERRDOM_XML,
                "Missing required attribute '%s' in element '%s'", attr,
                node->name);
    return v;
}

#define TDRV_BITMAP_BITS 16384    /* VIR_DOMAIN_CPUMASK_LEN */

/* A bitmap of TDRV_BITMAP_BITS bits, 2 KiB (on a worker's stack). */
struct tdrv_bits {
    uint64_t w[TDRV_BITMAP_BITS / 64];
};

static bool
tdrv_bit(const struct tdrv_bits *b, size_t i)
{
    return (b->w[i / 64] >> (i % 64)) & 1;
}

static void
tdrv_bit_put(struct tdrv_bits *b, size_t i, bool on)
{
    if (on)
        b->w[i / 64] |= UINT64_C(1) << (i % 64);
    else
        b->w[i / 64] &= ~(UINT64_C(1) << (i % 64));
}

/* One bitmap item: "N", "N-M" or "^N"; blanks around numbers allowed. */
static int
tdrv_bitmap_item(const char **sp, struct tdrv_bits *bits)
{
    const char *s = *sp;
    bool neg = false;
    unsigned long a, b;
    char *end;

    while (isspace((unsigned char)*s))
        s++;
    if (*s == '^') {
        neg = true;
        s++;
    }
    if (!isdigit((unsigned char)*s))
        return -1;
    a = b = strtoul(s, &end, 10);
    s = end;
    while (isspace((unsigned char)*s))
        s++;
    if (!neg && *s == '-') {
        s++;
        while (isspace((unsigned char)*s))
            s++;
        if (!isdigit((unsigned char)*s))
            return -1;
        b = strtoul(s, &end, 10);
        s = end;
    }
    while (isspace((unsigned char)*s))
        s++;
    if (a > b || b >= TDRV_BITMAP_BITS || (*s && *s != ','))
        return -1;
    for (unsigned long i = a; i <= b; i++)
        tdrv_bit_put(bits, i, !neg);
    *sp = *s ? s + 1 : s;
    return 0;
}

/* virBitmapFormat: ranges "0-2,5" */
static char *
tdrv_bitmap_format(const struct tdrv_bits *bits)
{
    struct xml_buf b;

    xml_buf_init(&b);
    for (size_t i = 0; i < TDRV_BITMAP_BITS; i++) {
        size_t j = i;

        if (!bits->w[i / 64]) {
            i += 63 - i % 64;     /* the rest of an empty word */
            continue;
        }
        if (!tdrv_bit(bits, i))
            continue;
        while (j + 1 < TDRV_BITMAP_BITS && tdrv_bit(bits, j + 1))
            j++;
        xml_buf_printf(&b, "%s%zu", b.len ? "," : "", i);
        if (j > i)
            xml_buf_printf(&b, "-%zu", j);
        i = j;
    }
    return xml_buf_steal(&b);
}

char *
tdrv_bitmap_from_map(const uint8_t *map, size_t len)
{
    struct tdrv_bits bits;

    memset(&bits, 0, sizeof(bits));
    for (size_t i = 0; i < TDRV_BITMAP_BITS && i / 8 < len; i++)
        tdrv_bit_put(&bits, i, (map[i / 8] >> (i % 8)) & 1);
    return tdrv_bitmap_format(&bits);
}

void
tdrv_bitmap_to_map(const char *canon, uint8_t *map, size_t len)
{
    struct tdrv_bits bits;
    const char *p = canon;

    memset(&bits, 0, sizeof(bits));
    memset(map, 0, len);
    while (*p && tdrv_bitmap_item(&p, &bits) == 0)
        ;
    for (size_t i = 0; i < TDRV_BITMAP_BITS && i / 8 < len; i++)
        if (tdrv_bit(&bits, i))
            map[i / 8] |= (uint8_t)(1u << (i % 8));
}

int
tdrv_bitmap_parse(const char *s, char **out, struct err *e)
{
    struct tdrv_bits bits;
    const char *p = s;

    *out = NULL;
    if (!s)
        return 0;
    memset(&bits, 0, sizeof(bits));
    do {
        if (tdrv_bitmap_item(&p, &bits) < 0) {
            err_set(e, ERR_INVALID_ARG, ERRDOM_NONE,
                    "Failed to parse bitmap '%s'", s);
            return -1;
        }
    } while (*p);
    if (!(*out = tdrv_bitmap_format(&bits)))
        return tdrv_oom(e);
    return 0;
}

int
tdrv_xp_enum_nonzero(const struct xml_node *node, const char *attr,
                     const char *const *names, int *idx, struct err *e)
{
    const char *v = xml_attr(node, attr);
    int k = tdrv_xp_index(names, v);

    if (!v)
        return 1;
    if (k <= 0) {
        err_set(e, ERR_XML_ERROR, ERRDOM_XML, "Invalid value for attribute "
                "'%s' in element '%s': '%s'.", attr, node->name, v);
        return -1;
    }
    *idx = k;
    return 0;
}
