/*
 * json.h: a small JSON writer into a growing buffer (for `virtd bench
 * --json` and anything else that prints one JSON document).
 *
 *     struct json j;
 *     json_init(&j);
 *     json_obj_begin(&j);
 *     json_key(&j, "calls_per_s");  json_double(&j, 412345.5);
 *     json_key(&j, "errors");       json_int(&j, 0);
 *     json_obj_end(&j);
 *     if (json_finish(&j) == 0) puts(j.buf);
 *     json_release(&j);
 *
 * Commas are inserted automatically; keys and strings are escaped. Errors
 * are sticky (like the XDR encoder): -ENOMEM, or -EINVAL for a nesting
 * deeper than JSON_DEPTH_MAX or an unbalanced end; json_finish() reports
 * them once. Not thread-safe: one writer belongs to one thread.
 */
#ifndef VIRTD_CORE_JSON_H
#define VIRTD_CORE_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define JSON_DEPTH_MAX 32

struct json {
    char *buf;          /* NUL-terminated text so far (malloc'ed) */
    size_t len;
    size_t cap;
    int err;            /* sticky: 0, -ENOMEM or -EINVAL */
    unsigned depth;     /* open objects/arrays */
    bool after_key;     /* a key was written, its value comes next */
    uint64_t nonempty;  /* bit d: container at depth d has a member */
};

void json_init(struct json *j);
/* Free the buffer; NULL-safe. */
void json_release(struct json *j);

void json_obj_begin(struct json *j);
void json_obj_end(struct json *j);
void json_arr_begin(struct json *j);
void json_arr_end(struct json *j);
/* Object member name; the next value call writes its value. */
void json_key(struct json *j, const char *key);

void json_str(struct json *j, const char *s);   /* NULL writes null */
void json_int(struct json *j, int64_t v);
void json_uint(struct json *j, uint64_t v);
/* Finite values with up to 3 decimals; NaN and infinities write null. */
void json_double(struct json *j, double v);
void json_bool(struct json *j, bool v);
void json_null(struct json *j);

/* 0 when the document is complete and no error occurred; the sticky
 * error, or -EINVAL when containers are still open. */
int json_finish(const struct json *j);

#endif
