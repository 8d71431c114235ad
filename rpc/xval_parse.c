/*
 * xval_parse.c: xval_parse_text, the argument syntax of `virtd cat` (see
 * xdr.h). A recursive-descent reader over the text; values and strings are
 * allocated from the caller's arena, the error message is malloc'ed.
 */
#include "rpc/xdr.h"
#include "rpc/xdr_priv.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define XVP_NUM_MAX 64       /* longest numeric token */

struct xvp {
    const char *p;              /* next character */
    struct arena *a;
    char **errmsg;
    char field[96];             /* "'name'" or "'name'[3]" for messages */
};

/* -- lexing -------------------------------------------------------------- */

static void
xvp_ws(struct xvp *x)
{
    while (*x->p == ' ' || *x->p == '\t' || *x->p == '\n' || *x->p == '\r')
        x->p++;
}

static bool
xvp_word_end(char c)
{
    return !c || strchr(" \t\r\n,]}", c) != NULL;
}

/* Length of the bare word at x->p. */
static size_t
xvp_word_len(const struct xvp *x)
{
    size_t n = 0;

    while (!xvp_word_end(x->p[n]))
        n++;
    return n;
}

/* Sets the first error only: "'field': expected X, got 'tok'". */
__attribute__((format(printf, 2, 3)))
static int
xvp_fail(struct xvp *x, const char *fmt, ...)
{
    char what[160];
    char got[64];
    size_t n = xvp_word_len(x);
    va_list ap;

    if (*x->errmsg)
        return -EINVAL;
    va_start(ap, fmt);
    vsnprintf(what, sizeof(what), fmt, ap);
    va_end(ap);
    if (!*x->p)
        snprintf(got, sizeof(got), "end of input");
    else
        snprintf(got, sizeof(got), "'%.*s'", (int)(n ? (n > 40 ? 40 : n) : 1),
                 x->p);
    if (asprintf(x->errmsg, "%s: %s, got %s", x->field, what, got) < 0)
        *x->errmsg = NULL;
    return -EINVAL;
}

static int
xvp_expect(struct xvp *x, char c)
{
    xvp_ws(x);
    if (*x->p != c)
        return xvp_fail(x, "expected '%c'", c);
    x->p++;
    return 0;
}

static int
xvp_hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* One escape after the backslash at *s; advances *s. -1 if unknown. */
static int
xvp_escape(const char **s)
{
    static const char from[] = "abfnrtv\\\"'?";
    static const char to[] = "\a\b\f\n\r\t\v\\\"'?";
    const char *e = **s ? strchr(from, **s) : NULL;
    int v = 0;
    int k;

    if (e) {
        (*s)++;
        return to[e - from];
    }
    if (**s == 'x') {
        for (k = 0, (*s)++; k < 2 && xvp_hexval(**s) >= 0; k++, (*s)++)
            v = v * 16 + xvp_hexval(**s);
        return k ? v : -1;
    }
    for (k = 0; k < 3 && **s >= '0' && **s <= '7'; k++, (*s)++)
        v = v * 8 + (**s - '0');
    return k && v <= 255 ? v : -1;
}

/* "quoted" with C escapes; the result is an arena copy. */
static int
xvp_quoted(struct xvp *x, const char **out, uint32_t *len)
{
    const char *s = x->p + 1;
    size_t end = 0;
    size_t n = 0;
    char *buf;
    int c;

    while (s[end] && s[end] != '"')         /* bound the output first */
        end += s[end] == '\\' && s[end + 1] ? 2 : 1;
    if (!(buf = arena_alloc(x->a, end + 1)))
        return -ENOMEM;
    while (*s && *s != '"') {
        if (*s != '\\') {
            buf[n++] = *s++;
            continue;
        }
        s++;
        if ((c = xvp_escape(&s)) < 0) {
            x->p = s - 1;
            return xvp_fail(x, "bad escape in string");
        }
        buf[n++] = (char)c;
    }
    if (*s != '"')
        return xvp_fail(x, "unterminated string");
    x->p = s + 1;
    *out = buf;
    if (len)
        *len = (uint32_t)n;
    return 0;
}

/* A quoted string or a bare word. */
static int
xvp_string(struct xvp *x, const char **out, uint32_t *len)
{
    size_t n;

    xvp_ws(x);
    if (*x->p == '"')
        return xvp_quoted(x, out, len);
    n = xvp_word_len(x);
    if (!n || strchr("{[", *x->p))
        return xvp_fail(x, "expected a string");
    if (n > XDR_STRING_MAX)
        return xvp_fail(x, "string too long");
    *out = arena_strndup(x->a, x->p, n);
    if (!*out)
        return -ENOMEM;
    if (len)
        *len = (uint32_t)n;
    x->p += n;
    return 0;
}

/* true (and consumed) when the next token is a lone '-'. */
static bool
xvp_absent(struct xvp *x)
{
    xvp_ws(x);
    if (x->p[0] != '-' || !xvp_word_end(x->p[1]))
        return false;
    x->p++;
    return true;
}

/* Copy the numeric token into tmp; -EINVAL when empty or too long. */
static int
xvp_numtok(struct xvp *x, char *tmp, const char *what)
{
    size_t n;

    xvp_ws(x);
    n = xvp_word_len(x);
    if (!n || n >= XVP_NUM_MAX)
        return xvp_fail(x, "expected %s", what);
    memcpy(tmp, x->p, n);
    tmp[n] = '\0';
    return 0;
}

/* Signed integer in [min, max]. */
static int
xvp_int(struct xvp *x, int64_t min, int64_t max, int64_t *v,
       const char *what)
{
    char tmp[XVP_NUM_MAX];
    char *end;
    long long n;

    if (xvp_numtok(x, tmp, what) < 0)
        return -EINVAL;
    errno = 0;
    n = strtoll(tmp, &end, 0);
    if (errno || *end || end == tmp || n < min || n > max)
        return xvp_fail(x, "expected %s", what);
    x->p += strlen(tmp);
    *v = n;
    return 0;
}

/* Unsigned integer <= max, stored as its value (u64 cast to int64). */
static int
xvp_uint(struct xvp *x, uint64_t max, int64_t *v, const char *what)
{
    char tmp[XVP_NUM_MAX];
    char *end;
    unsigned long long n;

    if (xvp_numtok(x, tmp, what) < 0)
        return -EINVAL;
    errno = 0;
    n = strtoull(tmp, &end, 0);
    if (tmp[0] == '-' || errno || *end || end == tmp || n > max)
        return xvp_fail(x, "expected %s", what);
    x->p += strlen(tmp);
    *v = (int64_t)n;
    return 0;
}

static int
xvp_double(struct xvp *x, double *f)
{
    char tmp[XVP_NUM_MAX];
    char *end;

    if (xvp_numtok(x, tmp, "a number") < 0)
        return -EINVAL;
    *f = strtod(tmp, &end);
    if (*end || end == tmp)
        return xvp_fail(x, "expected a number");
    x->p += strlen(tmp);
    return 0;
}

static bool
xvp_uuid_dash(size_t len, size_t k)
{
    return len == 36 && (k == 8 || k == 13 || k == 18 || k == 23);
}

/* 36-character uuid (or 32 hex digits) into 16 arena bytes. */
static int
xvp_uuid(struct xvp *x, const uint8_t **out)
{
    uint8_t *u = arena_alloc(x->a, 16);
    size_t len;
    int k = 0;

    if (!u)
        return -ENOMEM;
    xvp_ws(x);
    len = xvp_word_len(x);
    if (len != 32 && len != 36)
        return xvp_fail(x, "expected a uuid");
    for (size_t i = 0; i < len; i++) {
        int h = xvp_hexval(x->p[i]);

        if (xvp_uuid_dash(len, i) ? x->p[i] != '-' : h < 0)
            return xvp_fail(x, "expected a uuid");
        if (!xvp_uuid_dash(len, i))
            u[k / 2] = (uint8_t)(u[k / 2] << 4 | h), k++;
    }
    x->p += len;
    *out = u;
    return 0;
}

/* Opaque: 0x followed by hex pairs ("0x" alone is empty), or a string. */
static int
xvp_hex(struct xvp *x, const struct xshape_field *f, struct xval *v)
{
    const char *start, *str;
    size_t len;
    uint8_t *b;

    xvp_ws(x);
    start = x->p;
    if (*x->p == '"') {
        if (xvp_quoted(x, &str, &v->n) < 0)
            return -EINVAL;
        v->uuid = (const uint8_t *)str;
    } else {
        len = xvp_word_len(x);
        if (len < 2 || x->p[0] != '0' || x->p[1] != 'x' || len % 2)
            return xvp_fail(x, "expected 0x<hex bytes> or a string");
        if (!(b = arena_alloc(x->a, len / 2)))
            return -ENOMEM;
        for (size_t k = 2; k < len; k += 2) {
            int hi = xvp_hexval(x->p[k]), lo = xvp_hexval(x->p[k + 1]);

            if (hi < 0 || lo < 0)
                return xvp_fail(x, "expected 0x<hex bytes> or a string");
            b[k / 2 - 1] = (uint8_t)(hi << 4 | lo);
        }
        v->uuid = b;
        v->n = (uint32_t)(len / 2 - 1);
        x->p += len;
    }
    if (f->arr == '{' ? v->n != f->bound : v->n > f->bound) {
        x->p = start;
        return xvp_fail(x, "opaque must be %s %u bytes",
                       f->arr == '{' ? "exactly" : "at most", f->bound);
    }
    return 0;
}

/* {name uuid [id]}: id only for domains, -1 when left out. */
static int
xvp_obj(struct xvp *x, struct xval *v, bool with_id)
{
    v->present = true;
    v->i = -1;
    if (xvp_expect(x, '{') < 0 || xvp_string(x, &v->s, &v->n) < 0 ||
        xvp_uuid(x, &v->uuid) < 0)
        return -EINVAL;
    xvp_ws(x);
    if (with_id && *x->p != '}' &&
        xvp_int(x, INT32_MIN, INT32_MAX, &v->i, "a domain id") < 0)
        return -EINVAL;
    return xvp_expect(x, '}');
}

/* A snapshot: {"name" {domain}}. */
static int
xvp_snap(struct xvp *x, struct xval *v)
{
    if (xvp_expect(x, '{') < 0 || xvp_string(x, &v->s3, NULL) < 0)
        return -EINVAL;
    xvp_ws(x);
    if (xvp_obj(x, v, true) < 0)
        return -EINVAL;
    return xvp_expect(x, '}');
}

/* {s1 s2 ...}: n strings into slots. */
static int
xvp_strs(struct xvp *x, const char **slots[], int n)
{
    if (xvp_expect(x, '{') < 0)
        return -EINVAL;
    for (int k = 0; k < n; k++)
        if (xvp_string(x, slots[k], NULL) < 0)
            return -EINVAL;
    return xvp_expect(x, '}');
}

static int
xvp_client(struct xvp *x, struct xval *v)
{
    int64_t transport;

    if (xvp_expect(x, '{') < 0 || xvp_string(x, &v->s, NULL) < 0 ||
        xvp_uint(x, UINT64_MAX, &v->i, "a client id") < 0 ||
        xvp_int(x, INT64_MIN, INT64_MAX, &v->j, "a timestamp") < 0 ||
        xvp_uint(x, UINT32_MAX, &transport, "a transport number") < 0)
        return -EINVAL;
    v->n = (uint32_t)transport;
    return xvp_expect(x, '}');
}

/* Optional string: '-' or a string. */
static int
xvp_ostr(struct xvp *x, const char **s)
{
    *s = NULL;
    return xvp_absent(x) ? 0 : xvp_string(x, s, NULL);
}

/* {code domain message str1 str2} */
static int
xvp_error(struct xvp *x, struct xval *v)
{
    if (xvp_expect(x, '{') < 0 ||
        xvp_int(x, INT32_MIN, INT32_MAX, &v->i, "an error code") < 0 ||
        xvp_int(x, INT32_MIN, INT32_MAX, &v->j, "an error domain") < 0 ||
        xvp_ostr(x, &v->s) < 0 || xvp_ostr(x, &v->s2) < 0 ||
        xvp_ostr(x, &v->s3) < 0)
        return -EINVAL;
    return xvp_expect(x, '}');
}

/* "i" or "int" ... "s" or "string" -> 1..7; 0 when unknown. */
static int
xvp_tparam_type(const char *s, size_t n)
{
    static const char *const abbr[] = { "i", "u", "l", "ul", "d", "b", "s" };

    for (int t = 1; t <= 7; t++) {
        const char *full = xtp_type_name(t);

        if ((strlen(abbr[t - 1]) == n && !memcmp(abbr[t - 1], s, n)) ||
            (strlen(full) == n && !memcmp(full, s, n)))
            return t;
    }
    return 0;
}

static int
xvp_bool(struct xvp *x, int64_t *v)
{
    static const char *const words[] = { "0", "1", "false", "true", "no",
                                         "yes" };
    size_t n;

    xvp_ws(x);
    n = xvp_word_len(x);
    for (int k = 0; k < 6; k++) {
        if (strlen(words[k]) == n && !memcmp(words[k], x->p, n)) {
            *v = k % 2;
            x->p += n;
            return 0;
        }
    }
    return xvp_fail(x, "expected a boolean (0/1)");
}

static int
xvp_tvalue(struct xvp *x, struct xval *v)
{
    switch (v->j) {
    case 1: return xvp_int(x, INT32_MIN, INT32_MAX, &v->i, "an int");
    case 2: return xvp_uint(x, UINT32_MAX, &v->i, "a uint");
    case 3: return xvp_int(x, INT64_MIN, INT64_MAX, &v->i, "an llong");
    case 4: return xvp_uint(x, UINT64_MAX, &v->i, "a ullong");
    case 5: return xvp_double(x, &v->f);
    case 6: return xvp_bool(x, &v->i);
    default: return xvp_string(x, &v->s2, NULL);
    }
}

/* name=TYPE:value */
static int
xvp_tparam(struct xvp *x, struct xval *v)
{
    const char *name, *type;
    size_t n = 0;

    xvp_ws(x);
    name = x->p;
    while (!xvp_word_end(name[n]) && name[n] != '=')
        n++;
    if (!n || n > XDR_FIELD_NAME_MAX || name[n] != '=')
        return xvp_fail(x, "expected name=TYPE:value (name 1..%u chars)",
                       XDR_FIELD_NAME_MAX);
    type = name + n + 1;
    x->p = type;
    while (!xvp_word_end(*x->p) && *x->p != ':')
        x->p++;
    v->j = xvp_tparam_type(type, (size_t)(x->p - type));
    if (!v->j || *x->p != ':') {
        x->p = type;
        return xvp_fail(x, "expected a type (i u l ul d b s) and ':'");
    }
    x->p++;
    v->s = arena_strndup(x->a, name, n);
    v->n = (uint32_t)n;
    if (!v->s)
        return -ENOMEM;
    return xvp_tvalue(x, v);
}

static int
xvp_one(struct xvp *x, const struct xshape_field *f, struct xval *v)
{
    const char **slots[3];

    v->present = true;
    switch (f->type) {
    case 'i': return xvp_int(x, INT32_MIN, INT32_MAX, &v->i, "an int");
    case 'u': return xvp_uint(x, UINT32_MAX, &v->i, "an unsigned int");
    case 'h': return xvp_int(x, INT64_MIN, INT64_MAX, &v->i, "a hyper");
    case 'H': return xvp_uint(x, UINT64_MAX, &v->i, "an unsigned hyper");
    case 's': return xvp_string(x, &v->s, &v->n);
    case 'S':
        v->present = !xvp_absent(x);
        return v->present ? xvp_string(x, &v->s, &v->n) : 0;
    case 'U': return xvp_uuid(x, &v->uuid);
    case 'o': return xvp_hex(x, f, v);
    case 'd':
    case 'n':
        if (xvp_absent(x)) {
            v->present = false;
            return 0;
        }
        return xvp_obj(x, v, f->type == 'd');
    case 'D': return xvp_obj(x, v, true);
    case 'N':
    case 'P': return xvp_obj(x, v, false);
    case 'V':
        slots[0] = &v->s2, slots[1] = &v->s, slots[2] = &v->s3;
        return xvp_strs(x, slots, 3);
    case 'F':
        slots[0] = &v->s, slots[1] = &v->s2;
        return xvp_strs(x, slots, 2);
    case 'A':
        slots[0] = &v->s;
        return xvp_strs(x, slots, 1);
    case 'G': return xvp_snap(x, v);
    case 'K': return xvp_client(x, v);
    case 'T': return xvp_tparam(x, v);
    case 'E': return xvp_error(x, v);
    default: return xvp_fail(x, "unsupported type '%c'", f->type);
    }
}

/* Char array from a string ('-' for an absent "c[MAX]"). */
static int
xvp_chars(struct xvp *x, const struct xshape_field *f, struct xval *v)
{
    v->present = true;
    if (f->arr == '[' && xvp_absent(x))
        return 0;
    if (xvp_string(x, &v->s, &v->n) < 0)
        return -EINVAL;
    if (f->arr == '{' ? v->n > f->bound : v->n >= f->bound)
        return xvp_fail(x, "string longer than %u characters",
                       f->arr == '{' ? f->bound : f->bound - 1);
    return 0;
}

/* Append @v to the arena array *items (count n, capacity *cap). */
static int
xvp_push(struct xvp *x, struct xval **items, uint32_t n, uint32_t *cap)
{
    struct xval *p;

    if (n < *cap)
        return 0;
    *cap = *cap ? *cap * 2 : 8;
    p = arena_alloc(x->a, *cap * sizeof(*p));
    if (!p)
        return -ENOMEM;
    if (n)
        memcpy(p, *items, n * sizeof(*p));
    *items = p;
    return 0;
}

static int
xvp_array(struct xvp *x, const struct xshape_field *f, struct xval *v)
{
    size_t base = strlen(x->field);
    uint32_t cap = 0;
    int rc;

    v->present = true;
    if (xvp_expect(x, '[') < 0)
        return -EINVAL;
    for (xvp_ws(x); *x->p != ']'; xvp_ws(x)) {
        if (v->n >= f->bound)
            return xvp_fail(x, "more than %u elements", f->bound);
        if ((rc = xvp_push(x, &v->a, v->n, &cap)) < 0)
            return rc;
        snprintf(x->field + base, sizeof(x->field) - base, "[%u]", v->n);
        if ((rc = xvp_one(x, f, &v->a[v->n])) < 0)
            return rc;
        v->n++;
        xvp_ws(x);
        if (*x->p == ',')
            x->p++;
        else if (*x->p != ']')
            return xvp_fail(x, "expected ',' or ']'");
    }
    x->p++;
    x->field[base] = '\0';
    if (f->arr == '{' && v->n != f->bound)
        return xvp_fail(x, "expected exactly %u elements", f->bound);
    return 0;
}

static int
xvp_field(struct xvp *x, const struct xshape_field *f, int i, struct xval *v)
{
    if (f->name)
        snprintf(x->field, sizeof(x->field), "'%.*s'", (int)f->name_len,
                 f->name);
    else
        snprintf(x->field, sizeof(x->field), "field %d", i);
    xvp_ws(x);
    if (!*x->p)
        return xvp_fail(x, "missing value");
    if (f->type == 'c')
        return xvp_chars(x, f, v);
    return xshape_is_array(f) ? xvp_array(x, f, v) : xvp_one(x, f, v);
}

int
xval_parse_text(const char *shape, const char *text, struct xval *out,
                struct arena *a, char **errmsg)
{
    struct xvp x = { .p = text ? text : "", .a = a, .errmsg = errmsg };
    struct xshape_field f;
    int rc;
    int i;

    *errmsg = NULL;
    for (i = 0; (rc = xshape_next(&shape, &f)) > 0; i++) {
        memset(&out[i], 0, sizeof(out[i]));
        rc = xvp_field(&x, &f, i, &out[i]);
        if (rc == -ENOMEM && !*errmsg)
            *errmsg = strdup("out of memory");
        if (rc < 0)
            return -EINVAL;
    }
    if (rc < 0) {
        *errmsg = strdup("malformed shape");
        return -EINVAL;
    }
    xvp_ws(&x);
    if (*x.p) {
        snprintf(x.field, sizeof(x.field), "after %d values", i);
        return xvp_fail(&x, "unexpected text");
    }
    return 0;
}
