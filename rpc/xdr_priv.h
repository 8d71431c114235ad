/*
 * xdr_priv.h: internals shared by xdr.c (primitives), xval.c (shape
 * decode/encode) and xval_text.c (format and text parse). Not an API.
 */
#ifndef VIRTD_RPC_XDR_PRIV_H
#define VIRTD_RPC_XDR_PRIV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rpc/xdr.h"

/* Big-endian 32-bit load and store. */
static inline uint32_t
xdr_load32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
           (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

static inline void
xdr_store32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

/* Longest typed-parameter field name (VIR_TYPED_PARAM_FIELD_LENGTH - 1). */
#define XDR_FIELD_NAME_MAX 79u

/*
 * One parsed shape field. arr is 0 (scalar), '[' (u32 count <= bound) or
 * '{' (exactly bound elements). For 'o' the brackets are not an array:
 * "o[MAX]" (or bare "o": MAX = XDR_STRING_MAX) is a variable opaque of at
 * most MAX bytes, "o{N}" a fixed opaque of N bytes.
 */
struct xshape_field {
    char type;
    char arr;
    uint32_t bound;
    const char *name;       /* points into the shape, not NUL-terminated */
    size_t name_len;
};

/*
 * Parse the field at *sp and advance *sp past it. 1 when a field was read,
 * 0 at the end of the shape, -EINVAL when it is malformed. NULL means "".
 */
int xshape_next(const char **sp, struct xshape_field *f);

/* true when f is a real array (so xval.a/.n hold the elements), false for
 * scalars, opaques and char arrays. */
bool xshape_is_array(const struct xshape_field *f);

/* The members of struct letter @t as a shape (see xdr.h), NULL when @t
 * is not one. */
const char *xshape_struct_members(char t);

/* Name of typed-param type 1..7 ("int", "uint", ...), NULL otherwise. */
const char *xtp_type_name(int64_t type);

#endif
