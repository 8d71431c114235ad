/*
 * xval_text.c: the text side of shapes (see xdr.h): xval_format renders
 * decoded values for `virtd cat`, xval_parse_text reads its argument
 * syntax. Neither keeps state; the output text is malloc'ed, parsed values
 * live in the caller's arena.
 */
#include "rpc/xdr.h"
#include "rpc/xdr_priv.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* -- output -------------------------------------------------------------- */

/* Growable output text; oom is sticky. */
struct xt_out {
    char *p;
    size_t len;
    size_t cap;
    bool oom;
};

static void
xt_putn(struct xt_out *o, const char *s, size_t n)
{
    if (o->oom)
        return;
    if (o->cap - o->len <= n) {
        size_t cap = o->cap ? o->cap : 256;
        char *p;

        while (cap - o->len <= n && cap < SIZE_MAX / 2)
            cap *= 2;
        p = cap - o->len > n ? realloc(o->p, cap) : NULL;
        if (!p) {
            o->oom = true;
            return;
        }
        o->p = p;
        o->cap = cap;
    }
    memcpy(o->p + o->len, s, n);
    o->len += n;
    o->p[o->len] = '\0';
}

static void
xt_puts(struct xt_out *o, const char *s)
{
    xt_putn(o, s, strlen(s));
}

__attribute__((format(printf, 2, 3)))
static void
xt_printf(struct xt_out *o, const char *fmt, ...)
{
    char tmp[256];
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= sizeof(tmp))
        o->oom = true;
    else
        xt_putn(o, tmp, (size_t)n);
}

/* Quoted with C escapes; bytes >= 0x80 are kept (UTF-8 stays readable). */
static void
xt_quote(struct xt_out *o, const char *s)
{
    static const char esc_from[] = "\"\\\n\t\r";
    static const char esc_to[] = "\"\\ntr";

    if (!s) {
        xt_puts(o, "-");
        return;
    }
    xt_puts(o, "\"");
    for (; *s; s++) {
        const char *e = strchr(esc_from, *s);
        unsigned char c = (unsigned char)*s;

        if (e) {
            char b[2] = { '\\', esc_to[e - esc_from] };

            xt_putn(o, b, 2);
        } else if (c < 0x20 || c == 0x7f) {
            xt_printf(o, "\\x%02x", c);
        } else {
            xt_putn(o, s, 1);
        }
    }
    xt_puts(o, "\"");
}

static void
xt_uuid(struct xt_out *o, const uint8_t *u)
{
    if (!u) {
        xt_puts(o, "-");
        return;
    }
    for (int k = 0; k < 16; k++)
        xt_printf(o, k == 4 || k == 6 || k == 8 || k == 10 ? "-%02x" : "%02x",
                  u[k]);
}

/* Shortest %g form that reads back as the same double. */
static void
xt_double(struct xt_out *o, double f)
{
    char tmp[40];

    snprintf(tmp, sizeof(tmp), "%.15g", f);
    if (strtod(tmp, NULL) != f)
        snprintf(tmp, sizeof(tmp), "%.17g", f);
    xt_puts(o, tmp);
}

static void
xt_tparam(struct xt_out *o, const struct xval *v)
{
    const char *type = xtp_type_name(v->j);

    xt_puts(o, v->s ? v->s : "-");
    xt_puts(o, " = ");
    if (!type) {
        xt_printf(o, "type%lld ?", (long long)v->j);
        return;
    }
    xt_printf(o, "%s ", type);
    if (v->j == 2 || v->j == 4)
        xt_printf(o, "%llu", v->j == 2 ? (unsigned long long)(uint32_t)v->i
                                       : (unsigned long long)v->i);
    else if (v->j == 5)
        xt_double(o, v->f);
    else if (v->j == 7)
        xt_quote(o, v->s2);
    else
        xt_printf(o, "%lld", (long long)v->i);
}

/* "{name "x" uuid … [id N]}" for D/N/P. */
static void
xt_obj(struct xt_out *o, const struct xval *v, bool with_id)
{
    xt_puts(o, "{name ");
    xt_quote(o, v->s);
    xt_puts(o, " uuid ");
    xt_uuid(o, v->uuid);
    if (with_id)
        xt_printf(o, " id %lld", (long long)v->i);
    xt_puts(o, "}");
}

/* "{k1 v1 k2 v2 …}" with quoted strings after @head (e.g. "code 1 ");
 * kv is NULL-terminated. */
static void
xt_strs(struct xt_out *o, const char *head, const char *const *kv)
{
    xt_puts(o, "{");
    xt_puts(o, head);
    for (int k = 0; kv[k]; k += 2) {
        xt_puts(o, k ? " " : "");
        xt_puts(o, kv[k]);
        xt_puts(o, " ");
        xt_quote(o, kv[k + 1]);
    }
    xt_puts(o, "}");
}

static void
xt_error(struct xt_out *o, const struct xval *v)
{
    const char *kv[] = { "message", v->s, "str1", v->s2, "str2", v->s3,
                         NULL };
    char head[64];

    snprintf(head, sizeof(head), "code %lld domain %lld ", (long long)v->i,
             (long long)v->j);
    xt_strs(o, head, kv);
}

static void xt_value(struct xt_out *o, const struct xshape_field *f,
                     const struct xval *v);

/* A struct letter's members on one line: "{name value ...}", arrays as
 * "[a, b]". */
static void
xt_struct(struct xt_out *o, const char *members, const struct xval *v)
{
    struct xshape_field f;

    xt_puts(o, "{");
    for (uint32_t i = 0; xshape_next(&members, &f) > 0 && v->a; i++) {
        if (i >= v->n)
            break;
        xt_puts(o, i ? " " : "");
        xt_putn(o, f.name, f.name_len);
        xt_puts(o, " ");
        if (!xshape_is_array(&f)) {
            xt_value(o, &f, &v->a[i]);
            continue;
        }
        xt_puts(o, "[");
        for (uint32_t k = 0; k < v->a[i].n && v->a[i].a; k++) {
            xt_puts(o, k ? ", " : "");
            xt_value(o, &f, &v->a[i].a[k]);
        }
        xt_puts(o, "]");
    }
    xt_puts(o, "}");
}

static void
xt_value(struct xt_out *o, const struct xshape_field *f, const struct xval *v)
{
    const char *members = xshape_struct_members(f->type);

    if (members) {
        xt_struct(o, members, v);
        return;
    }
    switch (f->type) {
    case 'i':
    case 'h': xt_printf(o, "%lld", (long long)v->i); break;
    case 'u': xt_printf(o, "%u", (uint32_t)v->i); break;
    case 'H': xt_printf(o, "%llu", (unsigned long long)v->i); break;
    case 's':
    case 'S':
    case 'c': xt_quote(o, v->s); break;
    case 'U': xt_uuid(o, v->uuid); break;
    case 'o':
        xt_puts(o, "0x");
        for (uint32_t k = 0; k < v->n && v->uuid; k++)
            xt_printf(o, "%02x", v->uuid[k]);
        break;
    case 'd':
    case 'n':
        if (!v->present) {
            xt_puts(o, "-");
            break;
        }
        /* fall through */
    case 'D':
    case 'N':
    case 'P': xt_obj(o, v, f->type == 'D' || f->type == 'd'); break;
    case 'V': {
        const char *kv[] = { "pool", v->s2, "name", v->s, "key", v->s3, NULL };

        xt_strs(o, "", kv);
        break;
    }
    case 'G':
        xt_puts(o, "{name ");
        xt_quote(o, v->s3);
        xt_puts(o, " dom ");
        xt_obj(o, v, true);
        xt_puts(o, "}");
        break;
    case 'F': {
        const char *kv[] = { "name", v->s, "mac", v->s2, NULL };

        xt_strs(o, "", kv);
        break;
    }
    case 'A': {
        const char *kv[] = { "name", v->s, NULL };

        xt_strs(o, "", kv);
        break;
    }
    case 'K':
        xt_puts(o, "{srv ");
        xt_quote(o, v->s);
        xt_printf(o, " id %llu timestamp %lld transport %u}",
                  (unsigned long long)v->i, (long long)v->j, v->n);
        break;
    case 'T': xt_tparam(o, v); break;
    case 'M':
        xt_puts(o, "{field ");
        xt_quote(o, v->s);
        xt_printf(o, " value %llu}", (unsigned long long)v->i);
        break;
    case 'E': xt_error(o, v); break;
    default: xt_puts(o, "?"); break;
    }
}

static void
xt_field(struct xt_out *o, const struct xshape_field *f, int i,
         const struct xval *v)
{
    if (f->name)
        xt_putn(o, f->name, f->name_len);
    else
        xt_printf(o, "field%d", i);
    xt_puts(o, " = ");
    if (!xshape_is_array(f)) {
        xt_value(o, f, v);
    } else if (v->n == 0) {
        xt_puts(o, "[]");
    } else {
        xt_puts(o, "[\n");
        for (uint32_t k = 0; k < v->n && v->a; k++) {
            xt_puts(o, "    ");
            xt_value(o, f, &v->a[k]);
            xt_puts(o, "\n");
        }
        xt_puts(o, "]");
    }
    xt_puts(o, "\n");
}

char *
xval_format(const char *shape, const struct xval *v)
{
    struct xt_out o = { 0 };
    struct xshape_field f;
    int rc;

    xt_puts(&o, "");
    for (int i = 0; (rc = xshape_next(&shape, &f)) > 0; i++)
        xt_field(&o, &f, i, &v[i]);
    if (rc < 0)
        xt_puts(&o, "(malformed shape)\n");
    if (o.oom) {
        free(o.p);
        return NULL;
    }
    return o.p;
}
