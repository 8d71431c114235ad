/*
 * xdr.c: XDR primitives (decoder and encoder) and the shape string parser
 * (see xdr.h). The shape decoder/encoder is in xval.c, the text rendering
 * and parsing in xval_text.c.
 */
#include "rpc/xdr.h"
#include "rpc/xdr_priv.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define XDR_ENC_FIRST 1024u    /* first malloc when starting from nothing */

static const uint8_t xdr_zero_pad[4];

/* Bytes of padding after n bytes of data. */
static size_t
xdr_pad(size_t n)
{
    return (4 - (n & 3)) & 3;
}

/* -- decoder ------------------------------------------------------------- */

/* Consume n bytes plus their padding; *at is where the bytes start. */
static int
xdr_take(struct xdr_dec *d, size_t n, uint8_t **at)
{
    size_t left = d->len - d->pos;
    size_t pad = xdr_pad(n);

    if (d->pos > d->len || n > left || pad > left - n)
        return -EBADMSG;
    *at = d->p + d->pos;
    d->pos += n + pad;
    return 0;
}

int
xdr_get_u32(struct xdr_dec *d, uint32_t *v)
{
    uint8_t *at;

    if (xdr_take(d, 4, &at) < 0)
        return -EBADMSG;
    *v = xdr_load32(at);
    return 0;
}

int
xdr_get_i32(struct xdr_dec *d, int32_t *v)
{
    uint32_t u;

    if (xdr_get_u32(d, &u) < 0)
        return -EBADMSG;
    *v = (int32_t)u;
    return 0;
}

int
xdr_get_u64(struct xdr_dec *d, uint64_t *v)
{
    uint8_t *at;

    if (xdr_take(d, 8, &at) < 0)
        return -EBADMSG;
    *v = (uint64_t)xdr_load32(at) << 32 | xdr_load32(at + 4);
    return 0;
}

int
xdr_get_i64(struct xdr_dec *d, int64_t *v)
{
    uint64_t u;

    if (xdr_get_u64(d, &u) < 0)
        return -EBADMSG;
    *v = (int64_t)u;
    return 0;
}

int
xdr_get_double(struct xdr_dec *d, double *v)
{
    uint64_t u;

    if (xdr_get_u64(d, &u) < 0)
        return -EBADMSG;
    memcpy(v, &u, sizeof(*v));
    return 0;
}

/*
 * The string moves 4 bytes down over its own (consumed) length word; the NUL
 * then lands at most on the last byte of the string's original area.
 */
int
xdr_get_string(struct xdr_dec *d, uint32_t max, const char **s,
               uint32_t *len)
{
    uint32_t n;
    uint8_t *at;
    uint8_t *dst;

    if (xdr_get_u32(d, &n) < 0 || n > max || xdr_take(d, n, &at) < 0)
        return -EBADMSG;
    dst = at - 4;
    memmove(dst, at, n);
    dst[n] = '\0';
    *s = (const char *)dst;
    if (len)
        *len = n;
    return 0;
}

int
xdr_get_fixed(struct xdr_dec *d, size_t n, const uint8_t **p)
{
    uint8_t *at;

    if (xdr_take(d, n, &at) < 0)
        return -EBADMSG;
    *p = at;
    return 0;
}

int
xdr_get_opaque(struct xdr_dec *d, uint32_t max, const uint8_t **p,
               uint32_t *len)
{
    uint32_t n;

    if (xdr_get_u32(d, &n) < 0 || n > max || xdr_get_fixed(d, n, p) < 0)
        return -EBADMSG;
    *len = n;
    return 0;
}

/* -- encoder ------------------------------------------------------------- */

void
xdr_enc_init(struct xdr_enc *e, uint8_t *buf, size_t cap, size_t max)
{
    e->data = buf;
    e->len = 0;
    e->cap = buf ? cap : 0;
    e->max = max;
    e->err = 0;
    e->owned = false;
}

void
xdr_enc_release(struct xdr_enc *e)
{
    if (!e)
        return;
    if (e->owned)
        free(e->data);
    e->data = NULL;
    e->len = 0;
    e->cap = 0;
    e->owned = false;
}

static void
xdr_enc_fail(struct xdr_enc *e, int err)
{
    if (!e->err)
        e->err = err;
}

/* Grow to hold at least need bytes (need <= max). */
static int
xdr_enc_grow(struct xdr_enc *e, size_t need)
{
    size_t cap = e->cap ? e->cap : XDR_ENC_FIRST;
    uint8_t *p;

    while (cap < need && cap <= e->max / 2)
        cap *= 2;
    if (cap < need || cap > e->max)
        cap = need > e->max / 2 ? e->max : need;
    if (e->owned) {
        p = realloc(e->data, cap);
    } else {
        p = malloc(cap);
        if (p && e->len)
            memcpy(p, e->data, e->len);
    }
    if (!p)
        return -ENOMEM;
    e->data = p;
    e->cap = cap;
    e->owned = true;
    return 0;
}

int
xdr_enc_reserve(struct xdr_enc *e, size_t n)
{
    int rc;

    if (e->err)
        return e->err;
    if (n > e->max || e->len > e->max - n) {
        xdr_enc_fail(e, -EMSGSIZE);
        return e->err;
    }
    if (e->len + n <= e->cap)
        return 0;
    rc = xdr_enc_grow(e, e->len + n);
    if (rc < 0)
        xdr_enc_fail(e, rc);
    return e->err;
}

void
xdr_put_raw(struct xdr_enc *e, const void *p, size_t n)
{
    if (n == 0 || xdr_enc_reserve(e, n) < 0)
        return;
    memcpy(e->data + e->len, p, n);
    e->len += n;
}

void
xdr_put_u32(struct xdr_enc *e, uint32_t v)
{
    uint8_t b[4];

    xdr_store32(b, v);
    xdr_put_raw(e, b, 4);
}

void
xdr_put_i32(struct xdr_enc *e, int32_t v)
{
    xdr_put_u32(e, (uint32_t)v);
}

void
xdr_put_u64(struct xdr_enc *e, uint64_t v)
{
    uint8_t b[8];

    xdr_store32(b, (uint32_t)(v >> 32));
    xdr_store32(b + 4, (uint32_t)v);
    xdr_put_raw(e, b, 8);
}

void
xdr_put_i64(struct xdr_enc *e, int64_t v)
{
    xdr_put_u64(e, (uint64_t)v);
}

void
xdr_put_double(struct xdr_enc *e, double v)
{
    uint64_t u;

    memcpy(&u, &v, sizeof(u));
    xdr_put_u64(e, u);
}

void
xdr_put_fixed(struct xdr_enc *e, const void *p, size_t n)
{
    if (xdr_enc_reserve(e, n + xdr_pad(n)) < 0)
        return;
    xdr_put_raw(e, p, n);
    xdr_put_raw(e, xdr_zero_pad, xdr_pad(n));
}

void
xdr_put_opaque(struct xdr_enc *e, const void *p, size_t n)
{
    if (n > UINT32_MAX) {
        xdr_enc_fail(e, -EMSGSIZE);
        return;
    }
    xdr_put_u32(e, (uint32_t)n);
    xdr_put_fixed(e, p, n);
}

/* A string longer than XDR_STRING_MAX could not be decoded by any peer. */
void
xdr_put_string(struct xdr_enc *e, const char *s, size_t len)
{
    if (!s) {
        xdr_enc_fail(e, -EINVAL);
        return;
    }
    if (len > XDR_STRING_MAX) {
        xdr_enc_fail(e, -EMSGSIZE);
        return;
    }
    xdr_put_opaque(e, s, len);
}

void
xdr_put_cstring(struct xdr_enc *e, const char *s)
{
    xdr_put_string(e, s, s ? strlen(s) : 0);
}

/* -- shape strings ------------------------------------------------------- */

const char *
xshape_struct_members(char t)
{
    switch (t) {
    case 'Q': return "u:number i:state H:cpu_time i:cpu";
    case 'R': return "s:disk i:error";
    case 'Y': return "i:tag H:val";
    case 'Z': return "s:mountpoint s:name s:fstype s[256]:dev_aliases";
    case 'W': return "D:dom T[262144]:params";
    case 'X': return "i:type s:addr u:prefix";
    case 'I': return "s:name S:hwaddr X[2048]:addrs";
    case 'J': return "u:iothread_id o[2048]:cpumap";
    case 'B': return "U:uuid i:usageType s:usageID";
    case 'L': return "s:name U:uuid";
    case 'O': return "s:portdev s:filtername";
    case 'C': return "N:net U:uuid";
    case 'l': return "s:iface h:expirytime i:type S:mac S:iaid s:ipaddr "
                     "u:prefix S:hostname S:clientid";
    default: return NULL;
    }
}

static bool
xshape_type_ok(char t)
{
    return t && (strchr("iuhHsSUocDdNnPVFGTMAKE", t) != NULL ||
                 xshape_struct_members(t) != NULL);
}

static bool
xshape_name_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '_';
}

/* Decimal number closed by @close; advances *sp past the close. */
static int
xshape_bound(const char **sp, char close, uint32_t *v)
{
    const char *s = *sp;
    uint64_t n = 0;

    if (*s < '0' || *s > '9')
        return -EINVAL;
    for (; *s >= '0' && *s <= '9'; s++) {
        n = n * 10 + (uint64_t)(*s - '0');
        if (n > UINT32_MAX)
            return -EINVAL;
    }
    if (*s != close)
        return -EINVAL;
    *v = (uint32_t)n;
    *sp = s + 1;
    return 0;
}

int
xshape_next(const char **sp, struct xshape_field *f)
{
    const char *s = *sp ? *sp : "";

    while (*s == ' ')
        s++;
    if (!*s) {
        *sp = s;
        return 0;
    }
    memset(f, 0, sizeof(*f));
    f->type = *s++;
    if (!xshape_type_ok(f->type))
        return -EINVAL;
    if (*s == '[' || *s == '{') {
        f->arr = *s++;
        if (xshape_bound(&s, f->arr == '[' ? ']' : '}', &f->bound) < 0)
            return -EINVAL;
    } else if (f->type == 'c') {
        return -EINVAL;
    } else if (f->type == 'o') {
        f->bound = XDR_STRING_MAX;
    }
    if (*s == ':') {
        f->name = ++s;
        while (xshape_name_char(*s))
            s++;
        f->name_len = (size_t)(s - f->name);
        if (!f->name_len)
            return -EINVAL;
    }
    if (*s && *s != ' ')
        return -EINVAL;
    *sp = s;
    return 1;
}

bool
xshape_is_array(const struct xshape_field *f)
{
    return f->arr && f->type != 'o' && f->type != 'c';
}

const char *
xtp_type_name(int64_t type)
{
    static const char *const names[] = {
        "int", "uint", "llong", "ullong", "double", "boolean", "string",
    };

    return type >= 1 && type <= 7 ? names[type - 1] : NULL;
}

int
xval_count(const char *shape)
{
    struct xshape_field f;
    int n = 0;
    int rc;

    while ((rc = xshape_next(&shape, &f)) > 0)
        n++;
    return rc < 0 ? rc : n;
}

int
xval_field_name(const char *shape, int i, char *buf, size_t cap)
{
    struct xshape_field f;
    int rc;

    if (i < 0 || !buf || cap == 0)
        return -EINVAL;
    while ((rc = xshape_next(&shape, &f)) > 0 && i > 0)
        i--;
    if (rc <= 0)
        return -EINVAL;
    if (f.name_len > cap - 1)
        f.name_len = cap - 1;
    memcpy(buf, f.name ? f.name : "", f.name_len);
    buf[f.name_len] = '\0';
    return 0;
}
