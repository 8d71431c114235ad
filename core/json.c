/*
 * json.c: small JSON writer (see json.h).
 */
#include "core/json.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
json_init(struct json *j)
{
    memset(j, 0, sizeof(*j));
}

void
json_release(struct json *j)
{
    if (!j)
        return;
    free(j->buf);
    memset(j, 0, sizeof(*j));
}

/* Room for n more bytes plus the NUL. */
static int
json_reserve(struct json *j, size_t n)
{
    size_t cap = j->cap ? j->cap : 256;
    char *p;

    if (j->err)
        return j->err;
    while (cap - j->len < n + 1) {
        if (cap > SIZE_MAX / 2)
            return j->err = -ENOMEM;
        cap *= 2;
    }
    if (cap == j->cap)
        return 0;
    p = realloc(j->buf, cap);
    if (!p)
        return j->err = -ENOMEM;
    j->buf = p;
    j->cap = cap;
    return 0;
}

static void
json_raw(struct json *j, const char *s, size_t n)
{
    if (json_reserve(j, n) < 0)
        return;
    memcpy(j->buf + j->len, s, n);
    j->len += n;
    j->buf[j->len] = '\0';
}

/* Separator before a value or key at the current depth. */
static void
json_sep(struct json *j)
{
    uint64_t bit;

    if (j->after_key) {
        j->after_key = false;
        return;
    }
    bit = (uint64_t)1 << j->depth;
    if (j->nonempty & bit)
        json_raw(j, ",", 1);
    j->nonempty |= bit;
}

static void
json_open(struct json *j, char c)
{
    json_sep(j);
    if (j->depth >= JSON_DEPTH_MAX) {
        if (!j->err)
            j->err = -EINVAL;
        return;
    }
    json_raw(j, &c, 1);
    j->depth++;
    j->nonempty &= ~((uint64_t)1 << j->depth);
}

static void
json_close(struct json *j, char c)
{
    if (j->depth == 0 || j->after_key) {
        if (!j->err)
            j->err = -EINVAL;
        return;
    }
    j->depth--;
    json_raw(j, &c, 1);
}

void
json_obj_begin(struct json *j)
{
    json_open(j, '{');
}

void
json_obj_end(struct json *j)
{
    json_close(j, '}');
}

void
json_arr_begin(struct json *j)
{
    json_open(j, '[');
}

void
json_arr_end(struct json *j)
{
    json_close(j, ']');
}

/* A quoted, escaped string (no separator). */
static void
json_quoted(struct json *j, const char *s)
{
    char esc[8];
    const unsigned char *p;

    json_raw(j, "\"", 1);
    for (p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\') {
            esc[0] = '\\';
            esc[1] = (char)*p;
            json_raw(j, esc, 2);
        } else if (*p < 0x20) {
            snprintf(esc, sizeof(esc), "\\u%04x", *p);
            json_raw(j, esc, 6);
        } else {
            json_raw(j, (const char *)p, 1);
        }
    }
    json_raw(j, "\"", 1);
}

void
json_key(struct json *j, const char *key)
{
    json_sep(j);
    json_quoted(j, key);
    json_raw(j, ":", 1);
    j->after_key = true;
}

void
json_str(struct json *j, const char *s)
{
    if (!s) {
        json_null(j);
        return;
    }
    json_sep(j);
    json_quoted(j, s);
}

/* A value already formatted in buf. */
static void
json_scalar(struct json *j, const char *buf)
{
    json_sep(j);
    json_raw(j, buf, strlen(buf));
}

void
json_int(struct json *j, int64_t v)
{
    char buf[32];

    snprintf(buf, sizeof(buf), "%" PRId64, v);
    json_scalar(j, buf);
}

void
json_uint(struct json *j, uint64_t v)
{
    char buf[32];

    snprintf(buf, sizeof(buf), "%" PRIu64, v);
    json_scalar(j, buf);
}

void
json_double(struct json *j, double v)
{
    char buf[64];

    if (!isfinite(v)) {
        json_null(j);
        return;
    }
    snprintf(buf, sizeof(buf), "%.3f", v);
    json_scalar(j, buf);
}

void
json_bool(struct json *j, bool v)
{
    json_scalar(j, v ? "true" : "false");
}

void
json_null(struct json *j)
{
    json_scalar(j, "null");
}

int
json_finish(const struct json *j)
{
    if (j->err)
        return j->err;
    if (j->depth || j->after_key || !j->buf)
        return -EINVAL;
    return 0;
}
