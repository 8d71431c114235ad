/*
 * xval.c: the generic shape decoder and encoder (see xdr.h): XDR bytes to
 * and from arrays of struct xval, driven by a shape string parsed on the
 * fly. Single-threaded: the decoder, encoder and arena belong to the caller.
 */
#include "rpc/xdr.h"
#include "rpc/xdr_priv.h"

#include <errno.h>
#include <string.h>

#define XVAL_UUID_LEN 16u

static int
xv_fail(struct xdr_enc *e, int err)
{
    if (!e->err)
        e->err = err;
    return e->err;
}

/* -- decode -------------------------------------------------------------- */

/* Optional flag: 0 is absent, anything else present, as libvirt's XDR
 * (xdr_bool) reads it: libvirtd accepts CONNECT_OPEN with name flag 2. */
static int
xv_get_flag(struct xdr_dec *d, bool *present)
{
    uint32_t flag;

    if (xdr_get_u32(d, &flag) < 0)
        return -EBADMSG;
    *present = flag != 0;
    return 0;
}

static int
xv_get_str(struct xdr_dec *d, const char **s, uint32_t *n)
{
    return xdr_get_string(d, XDR_STRING_MAX, s, n);
}

/* remote_string: flag, then the string when present; NULL when absent. */
static int
xv_get_ostr(struct xdr_dec *d, const char **s)
{
    bool present;

    *s = NULL;
    if (xv_get_flag(d, &present) < 0)
        return -EBADMSG;
    return present ? xv_get_str(d, s, NULL) : 0;
}

static int
xv_get_i64(struct xdr_dec *d, int64_t *v)
{
    int32_t i;

    if (xdr_get_i32(d, &i) < 0)
        return -EBADMSG;
    *v = i;
    return 0;
}

/* Domain (with id) or network/pool (without): {s name; U uuid; [i id]}. */
static int
xv_dec_obj(struct xdr_dec *d, struct xval *v, bool with_id)
{
    if (xv_get_str(d, &v->s, &v->n) < 0 ||
        xdr_get_fixed(d, XVAL_UUID_LEN, &v->uuid) < 0)
        return -EBADMSG;
    return with_id ? xv_get_i64(d, &v->i) : 0;
}

static int
xv_dec_optobj(struct xdr_dec *d, struct xval *v, bool with_id)
{
    if (xv_get_flag(d, &v->present) < 0)
        return -EBADMSG;
    return v->present ? xv_dec_obj(d, v, with_id) : 0;
}

static int
xv_dec_tparam(struct xdr_dec *d, struct xval *v)
{
    uint32_t u;

    /* any nonnull string decodes; names too long for libvirt's 80-byte
     * field are refused after decoding, as libvirtd does (rpc/job.c) */
    if (xv_get_str(d, &v->s, &v->n) < 0 || xv_get_i64(d, &v->j) < 0)
        return -EBADMSG;
    switch (v->j) {
    case 1:
    case 6:
        return xv_get_i64(d, &v->i);
    case 2:
        if (xdr_get_u32(d, &u) < 0)
            return -EBADMSG;
        v->i = u;
        return 0;
    case 3:
    case 4:
        return xdr_get_i64(d, &v->i);
    case 5:
        return xdr_get_double(d, &v->f);
    case 7:
        return xv_get_str(d, &v->s2, NULL);
    default:
        return -EBADMSG;
    }
}

/* remote_error: keeps code, domain, message, str1, str2; checks the rest. */
static int
xv_dec_error(struct xdr_dec *d, struct xval *v)
{
    struct xval skip = { 0 };
    int64_t level, int1, int2;
    const char *str3;

    if (xv_get_i64(d, &v->i) < 0 || xv_get_i64(d, &v->j) < 0 ||
        xv_get_ostr(d, &v->s) < 0 || xv_get_i64(d, &level) < 0 ||
        xv_dec_optobj(d, &skip, true) < 0 ||
        xv_get_ostr(d, &v->s2) < 0 || xv_get_ostr(d, &v->s3) < 0 ||
        xv_get_ostr(d, &str3) < 0 || xv_get_i64(d, &int1) < 0 ||
        xv_get_i64(d, &int2) < 0 || xv_dec_optobj(d, &skip, false) < 0)
        return -EBADMSG;
    return 0;
}

static int
xv_dec_client(struct xdr_dec *d, struct xval *v)
{
    uint64_t id;

    if (xv_get_str(d, &v->s, NULL) < 0 || xdr_get_u64(d, &id) < 0 ||
        xdr_get_i64(d, &v->j) < 0 || xdr_get_u32(d, &v->n) < 0)
        return -EBADMSG;
    v->i = (int64_t)id;
    return 0;
}

static int
xv_dec_opaque(const struct xshape_field *f, struct xdr_dec *d,
              struct xval *v)
{
    if (f->arr != '{')
        return xdr_get_opaque(d, f->bound, &v->uuid, &v->n);
    v->n = f->bound;
    return xdr_get_fixed(d, f->bound, &v->uuid);
}

/* A struct letter's members into v->a (v->n of them), from @a. */
static int
xv_dec_struct(const char *members, struct xdr_dec *d, struct xval *v,
              struct arena *a)
{
    int n = xval_count(members);

    if (n <= 0)
        return -EINVAL;
    v->n = (uint32_t)n;
    if (!(v->a = arena_alloc(a, (size_t)n * sizeof(*v->a))))
        return -ENOMEM;
    return xval_decode(members, d, v->a, a);
}

/* One value of f's type (the array part of f is handled by the caller). */
static int
xv_dec_one(const struct xshape_field *f, struct xdr_dec *d, struct xval *v,
           struct arena *a)
{
    const char *members = xshape_struct_members(f->type);
    uint32_t u;
    uint64_t h;

    v->present = true;
    if (members)
        return xv_dec_struct(members, d, v, a);
    switch (f->type) {
    case 'i': return xv_get_i64(d, &v->i);
    case 'u':
        if (xdr_get_u32(d, &u) < 0)
            return -EBADMSG;
        v->i = u;
        return 0;
    case 'h': return xdr_get_i64(d, &v->i);
    case 'H':
        if (xdr_get_u64(d, &h) < 0)
            return -EBADMSG;
        v->i = (int64_t)h;
        return 0;
    case 's': return xv_get_str(d, &v->s, &v->n);
    case 'S':
        if (xv_get_flag(d, &v->present) < 0)
            return -EBADMSG;
        return v->present ? xv_get_str(d, &v->s, &v->n) : 0;
    case 'U': return xdr_get_fixed(d, XVAL_UUID_LEN, &v->uuid);
    case 'o': return xv_dec_opaque(f, d, v);
    case 'D': return xv_dec_obj(d, v, true);
    case 'd': return xv_dec_optobj(d, v, true);
    case 'N':
    case 'P': return xv_dec_obj(d, v, false);
    case 'n': return xv_dec_optobj(d, v, false);
    case 'V':
        if (xv_get_str(d, &v->s2, NULL) < 0)
            return -EBADMSG;
        if (xv_get_str(d, &v->s, &v->n) < 0)
            return -EBADMSG;
        return xv_get_str(d, &v->s3, NULL);
    case 'F':
        if (xv_get_str(d, &v->s, &v->n) < 0)
            return -EBADMSG;
        return xv_get_str(d, &v->s2, NULL);
    case 'G':
        if (xv_get_str(d, &v->s3, NULL) < 0)
            return -EBADMSG;
        return xv_dec_obj(d, v, true);
    case 'T': return xv_dec_tparam(d, v);
    case 'M':
        if (xv_get_str(d, &v->s, &v->n) < 0 || xdr_get_u64(d, &h) < 0)
            return -EBADMSG;
        v->i = (int64_t)h;
        return 0;
    case 'A': return xv_get_str(d, &v->s, &v->n);
    case 'K': return xv_dec_client(d, v);
    case 'E': return xv_dec_error(d, v);
    default: return -EINVAL;
    }
}

/*
 * Char array: the low byte of each word is compacted to the start of the
 * area (from the count word for "c[MAX]"), then NUL-terminated; writes
 * never overtake the words still to be read. Trailing NULs leave .n.
 */
static int
xv_dec_chars(const struct xshape_field *f, struct xdr_dec *d,
             struct xval *v)
{
    uint32_t count = f->bound;
    const uint8_t *src;
    char *dst;

    if (f->arr == '[' && (xdr_get_u32(d, &count) < 0 || count > f->bound))
        return -EBADMSG;
    if (count > (d->len - d->pos) / 4)
        return -EBADMSG;
    src = d->p + d->pos;
    dst = (char *)d->p + d->pos - (f->arr == '[' ? 4 : 0);
    if (count == 0 && f->arr == '{')
        dst = (char *)"";
    for (uint32_t k = 0; k < count; k++)
        dst[k] = (char)src[4 * (size_t)k + 3];
    if (count || f->arr == '[')
        dst[count] = '\0';
    d->pos += 4 * (size_t)count;
    while (count > 0 && dst[count - 1] == '\0')
        count--;
    v->present = true;
    v->s = dst;
    v->n = count;
    return 0;
}

/* Bytes for count xvals; SIZE_MAX (an allocation that fails) when the
 * product does not fit in size_t. */
static size_t
xv_array_bytes(uint32_t count)
{
    size_t each = sizeof(struct xval);

    return (size_t)count <= SIZE_MAX / each ? count * each : SIZE_MAX;
}

/* Every element takes at least 4 bytes: a count the data cannot hold is
 * rejected before anything is allocated. */
static int
xv_dec_array(const struct xshape_field *f, struct xdr_dec *d,
             struct xval *v, struct arena *a)
{
    uint32_t count = f->bound;
    int rc;

    if (f->arr == '[' && (xdr_get_u32(d, &count) < 0 || count > f->bound))
        return -EBADMSG;
    if (count > (d->len - d->pos) / 4)
        return -EBADMSG;
    v->present = true;
    v->n = count;
    v->a = NULL;
    if (count == 0)
        return 0;
    v->a = arena_alloc(a, xv_array_bytes(count));
    if (!v->a)
        return -ENOMEM;
    for (uint32_t k = 0; k < count; k++) {
        rc = xv_dec_one(f, d, &v->a[k], a);
        if (rc < 0)
            return rc;
    }
    return 0;
}

int
xval_decode(const char *shape, struct xdr_dec *d, struct xval *out,
            struct arena *a)
{
    struct xshape_field f;
    int rc;

    if (d->pos > d->len)
        return -EBADMSG;
    for (int i = 0; (rc = xshape_next(&shape, &f)) > 0; i++) {
        memset(&out[i], 0, sizeof(out[i]));
        if (f.type == 'c')
            rc = xv_dec_chars(&f, d, &out[i]);
        else if (xshape_is_array(&f))
            rc = xv_dec_array(&f, d, &out[i], a);
        else
            rc = xv_dec_one(&f, d, &out[i], a);
        if (rc < 0)
            return rc;
    }
    return rc;
}

/* -- encode -------------------------------------------------------------- */

static void
xv_put_uuid(struct xdr_enc *e, const uint8_t *uuid)
{
    if (!uuid)
        xv_fail(e, -EINVAL);
    else
        xdr_put_fixed(e, uuid, XVAL_UUID_LEN);
}

static void
xv_put_ostr(struct xdr_enc *e, const char *s)
{
    xdr_put_u32(e, s != NULL);
    if (s)
        xdr_put_cstring(e, s);
}

static void
xv_enc_obj(struct xdr_enc *e, const struct xval *v, bool with_id)
{
    xdr_put_cstring(e, v->s);
    xv_put_uuid(e, v->uuid);
    if (with_id)
        xdr_put_i32(e, (int32_t)v->i);
}

static void
xv_enc_optobj(struct xdr_enc *e, const struct xval *v, bool with_id)
{
    xdr_put_u32(e, v->present);
    if (v->present)
        xv_enc_obj(e, v, with_id);
}

static void
xv_enc_tparam(struct xdr_enc *e, const struct xval *v)
{
    if (v->s && strlen(v->s) > XDR_FIELD_NAME_MAX) {
        xv_fail(e, -EINVAL);
        return;
    }
    xdr_put_cstring(e, v->s);
    xdr_put_i32(e, (int32_t)v->j);
    switch (v->j) {
    case 1:
    case 2:
    case 6: xdr_put_u32(e, (uint32_t)v->i); break;
    case 3:
    case 4: xdr_put_i64(e, v->i); break;
    case 5: xdr_put_double(e, v->f); break;
    case 7: xdr_put_cstring(e, v->s2); break;
    default: xv_fail(e, -EINVAL); break;
    }
}

/* The remote_error body as libvirtd sends it (protocol.md §1.6). */
static void
xv_enc_error(struct xdr_enc *e, const struct xval *v)
{
    xdr_put_i32(e, (int32_t)v->i);      /* code */
    xdr_put_i32(e, (int32_t)v->j);      /* domain */
    xv_put_ostr(e, v->s);               /* message */
    xdr_put_i32(e, 2);                  /* level: ERROR */
    xdr_put_u32(e, 0);                  /* dom: absent */
    xv_put_ostr(e, v->s2);              /* str1 */
    xv_put_ostr(e, v->s3);              /* str2 */
    xdr_put_u32(e, 0);                  /* str3: absent */
    xdr_put_i32(e, -1);                 /* int1 */
    xdr_put_i32(e, -1);                 /* int2 */
    xdr_put_u32(e, 0);                  /* net: absent */
}

static void
xv_enc_opaque(const struct xshape_field *f, struct xdr_enc *e,
              const struct xval *v)
{
    if (v->n && !v->uuid)
        xv_fail(e, -EINVAL);
    else if (f->arr == '{' && v->n != f->bound)
        xv_fail(e, -EINVAL);
    else if (f->arr == '{')
        xdr_put_fixed(e, v->uuid, v->n);
    else if (v->n > f->bound)
        xv_fail(e, -EMSGSIZE);
    else
        xdr_put_opaque(e, v->uuid, v->n);
}

static void
xv_enc_one(const struct xshape_field *f, struct xdr_enc *e,
           const struct xval *v)
{
    const char *members = xshape_struct_members(f->type);

    if (members) {
        if (!v->a || v->n != (uint32_t)xval_count(members))
            xv_fail(e, -EINVAL);
        else
            xval_encode(members, v->a, e);
        return;
    }
    switch (f->type) {
    case 'i': xdr_put_i32(e, (int32_t)v->i); break;
    case 'u': xdr_put_u32(e, (uint32_t)v->i); break;
    case 'h':
    case 'H': xdr_put_i64(e, v->i); break;
    case 's': xdr_put_cstring(e, v->s); break;
    case 'S': xv_put_ostr(e, v->s); break;
    case 'U': xv_put_uuid(e, v->uuid); break;
    case 'o': xv_enc_opaque(f, e, v); break;
    case 'D': xv_enc_obj(e, v, true); break;
    case 'd': xv_enc_optobj(e, v, true); break;
    case 'N':
    case 'P': xv_enc_obj(e, v, false); break;
    case 'n': xv_enc_optobj(e, v, false); break;
    case 'V':
        xdr_put_cstring(e, v->s2);
        xdr_put_cstring(e, v->s);
        xdr_put_cstring(e, v->s3);
        break;
    case 'F':
        xdr_put_cstring(e, v->s);
        xdr_put_cstring(e, v->s2);
        break;
    case 'G':
        xdr_put_cstring(e, v->s3);
        xv_enc_obj(e, v, true);
        break;
    case 'T': xv_enc_tparam(e, v); break;
    case 'M':
        xdr_put_cstring(e, v->s);
        xdr_put_u64(e, (uint64_t)v->i);
        break;
    case 'A': xdr_put_cstring(e, v->s); break;
    case 'K':
        xdr_put_cstring(e, v->s);
        xdr_put_u64(e, (uint64_t)v->i);
        xdr_put_i64(e, v->j);
        xdr_put_u32(e, v->n);
        break;
    case 'E': xv_enc_error(e, v); break;
    default: xv_fail(e, -EINVAL); break;
    }
}

/*
 * Char array from .s, one word per char, sign-extended as rpcgen's char
 * is on x86. "c{N}": exactly N words (truncated or zero-filled). "c[MAX]":
 * count includes the NUL word, as libvirtd sends it; NULL gives count 0.
 */
static void
xv_enc_chars(const struct xshape_field *f, struct xdr_enc *e,
             const struct xval *v)
{
    size_t len = v->s ? strlen(v->s) : 0;
    size_t count = f->bound;

    if (f->arr == '[') {
        count = v->s ? len + 1 : 0;
        if (count > f->bound) {
            xv_fail(e, -EMSGSIZE);
            return;
        }
        xdr_put_u32(e, (uint32_t)count);
    }
    if (xdr_enc_reserve(e, 4 * count) < 0)
        return;
    for (size_t k = 0; k < count; k++)
        xdr_put_i32(e, k < len ? (int8_t)v->s[k] : 0);
}

static void
xv_enc_array(const struct xshape_field *f, struct xdr_enc *e,
             const struct xval *v)
{
    if (v->n && !v->a) {
        xv_fail(e, -EINVAL);
        return;
    }
    if (f->arr == '{' && v->n != f->bound) {
        xv_fail(e, -EINVAL);
        return;
    }
    if (v->n > f->bound) {
        xv_fail(e, -EMSGSIZE);
        return;
    }
    if (f->arr == '[')
        xdr_put_u32(e, v->n);
    for (uint32_t k = 0; k < v->n && !e->err; k++)
        xv_enc_one(f, e, &v->a[k]);
}

int
xval_encode(const char *shape, const struct xval *in, struct xdr_enc *e)
{
    struct xshape_field f;
    int rc;

    for (int i = 0; (rc = xshape_next(&shape, &f)) > 0 && !e->err; i++) {
        if (f.type == 'c')
            xv_enc_chars(&f, e, &in[i]);
        else if (xshape_is_array(&f))
            xv_enc_array(&f, e, &in[i]);
        else
            xv_enc_one(&f, e, &in[i]);
    }
    if (rc < 0)
        return xv_fail(e, -EINVAL);
    return e->err;
}
