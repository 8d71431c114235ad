/*
 * xdr.h: XDR as libvirt uses it (protocol.md §2): big-endian, 4-byte
 * alignment, bounds-checked. Two layers:
 *
 * 1. Primitives over a decoder (a mutable byte range) and an encoder (a
 *    growable buffer with a hard maximum).
 * 2. "Shapes": a procedure's args or ret described by a small string, and a
 *    generic decoder/encoder between XDR bytes and an array of struct xval.
 *    The procedure tables (server, `virtd cat`, `virtd bench`, fuzzers) all
 *    use the same shapes.
 *
 * Shape syntax: fields separated by spaces; each field is
 *     TYPE [ '[' MAX ']' | '{' N '}' ] [ ':' name ]
 * '[MAX]' makes a variable-length array (u32 count, count <= MAX), '{N}' a
 * fixed array of N elements (no count). TYPE letters:
 *     i  i32                      u  u32
 *     h  i64 (hyper)              H  u64 (unsigned hyper)
 *     s  nonnull string (max 4194304)   S  optional string (flag + s)
 *     U  uuid (16 raw bytes)      o  opaque (u32 length, bytes, pad); use
 *                                    with the length bound: "o[4194304]"
 *                                    (the bound is a byte count, not array;
 *                                    bare "o" = "o[4194304]", "o{N}" is a
 *                                    fixed opaque of N bytes, no length)
 *     c  char widened to 4 bytes (only inside arrays: "c{32}" NODE_GET_INFO
 *        model, "c[4097]" security label; decoded into xval.s, NUL-terminated,
 *        .n without trailing NULs; encoded from .s: "c{N}" writes exactly N
 *        words, zero-filled or truncated; "c[MAX]" writes count strlen+1
 *        including the NUL word, as libvirtd does, and count 0 for NULL)
 *     D  nonnull domain {s name; U uuid; i id}     d  optional domain
 *     N  nonnull network {s name; U uuid}           n  optional network
 *     P  nonnull storage pool {s name; U uuid}
 *     V  nonnull storage vol {s pool; s name; s key}
 *     F  nonnull interface {s name; s mac}
 *     G  nonnull domain snapshot {s name; D dom}
 *     T  typed param {s field; i type; value by type 1..7} (protocol.md §2.4)
 *     M  named u64 statistic {s field; H value} (remote_node_get_cpu_stats,
 *        remote_node_get_memory_stats)
 *     A  admin server {s name}
 *     K  admin client {A srv; H id; h timestamp; u transport}
 *     E  remote_error (protocol.md §1.6)
 *   Struct letters: a libvirt struct whose members are a shape of their
 *   own; a value keeps its members in .a (.n = their count), decoded and
 *   encoded with that shape (cat prints them, but does not parse them:
 *   they only come in replies):
 *     Q  remote_vcpu_info "u:number i:state H:cpu_time i:cpu"
 *     R  remote_domain_disk_error "s:disk i:error"
 *     Y  remote_domain_memory_stat "i:tag H:val"
 *     Z  remote_domain_fsinfo "s:mountpoint s:name s:fstype
 *        s[256]:dev_aliases"
 *     W  remote_domain_stats_record "D:dom T[262144]:params"
 *     X  remote_domain_ip_addr "i:type s:addr u:prefix"
 *     I  remote_domain_interface "s:name S:hwaddr X[2048]:addrs"
 *     J  remote_domain_iothread_info "u:iothread_id o[2048]:cpumap"
 *     B  remote_nonnull_secret "U:uuid i:usageType s:usageID"
 *     L  remote_nonnull_nwfilter "s:name U:uuid"
 *     O  remote_nonnull_nwfilter_binding "s:portdev s:filtername"
 *     C  remote_nonnull_network_port "N:net U:uuid"
 *     l  remote_network_dhcp_lease "s:iface h:expirytime i:type S:mac
 *        S:iaid s:ipaddr u:prefix S:hostname S:clientid"
 *   In args these are written out as their members ("U:uuid i:usageType
 *   s:usageID" for a secret), so that `virtd cat` parses them; an optional
 *   one (remote_secret) is an array of at most one ("B[1]": the same bytes).
 * Example: DOMAIN_GET_STATE args "D:dom u:flags", ret "i:state i:reason";
 * CONNECT_LIST_ALL_DOMAINS ret "D[16384]:domains u:ret".
 *
 * Synchronization: none; a decoder/encoder belongs to one thread.
 */
#ifndef VIRTD_RPC_XDR_H
#define VIRTD_RPC_XDR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"

#define XDR_STRING_MAX 4194304u

/* -- primitives ---------------------------------------------------------- */

/*
 * Decoder over p[0..len). Strings are NUL-terminated IN PLACE (the bytes are
 * moved down over their own length word), so the range must be writable and
 * a range can be decoded only once.
 */
struct xdr_dec {
    uint8_t *p;
    size_t len;
    size_t pos;
};

/* All return 0, or -EBADMSG when the data is short or out of bounds. */
int xdr_get_u32(struct xdr_dec *d, uint32_t *v);
int xdr_get_i32(struct xdr_dec *d, int32_t *v);
int xdr_get_u64(struct xdr_dec *d, uint64_t *v);
int xdr_get_i64(struct xdr_dec *d, int64_t *v);
int xdr_get_double(struct xdr_dec *d, double *v);
/* String with byte length <= max: *s points into the buffer, NUL-terminated. */
int xdr_get_string(struct xdr_dec *d, uint32_t max, const char **s,
                   uint32_t *len);
/* Fixed opaque of n bytes (+pad): *p points into the buffer. */
int xdr_get_fixed(struct xdr_dec *d, size_t n, const uint8_t **p);
/* Variable opaque with length <= max. */
int xdr_get_opaque(struct xdr_dec *d, uint32_t max, const uint8_t **p,
                   uint32_t *len);

/*
 * Encoder: appends to data[0..len), growing cap by doubling, never beyond
 * max. Errors are sticky: after a failure (err = -EMSGSIZE when max would be
 * passed or a value is too long for its wire type, -ENOMEM, -EINVAL for a
 * value that cannot be encoded, e.g. a NULL nonnull string) every further
 * put is a no-op, and the caller checks err once at the end.
 */
struct xdr_enc {
    uint8_t *data;
    size_t len;
    size_t cap;
    size_t max;
    int err;
    bool owned;      /* data is malloc'ed by the encoder */
};

/* Empty encoder over a caller buffer (may be NULL/0: grows by malloc). The
 * encoder owns data afterwards only if it had to grow (e->owned): the first
 * growth mallocs and copies, later ones realloc; the caller's buffer is
 * never freed. */
void xdr_enc_init(struct xdr_enc *e, uint8_t *buf, size_t cap, size_t max);
/* Free data if the encoder owns it, and reset to an empty, unowned state
 * (data NULL, len and cap 0; max and err kept). NULL-safe. */
void xdr_enc_release(struct xdr_enc *e);

static inline bool
xdr_enc_owned(const struct xdr_enc *e)
{
    return e->owned;
}
/* Make room for n more bytes; 0 or the sticky error. */
int xdr_enc_reserve(struct xdr_enc *e, size_t n);
void xdr_put_u32(struct xdr_enc *e, uint32_t v);
void xdr_put_i32(struct xdr_enc *e, int32_t v);
void xdr_put_u64(struct xdr_enc *e, uint64_t v);
void xdr_put_i64(struct xdr_enc *e, int64_t v);
void xdr_put_double(struct xdr_enc *e, double v);
void xdr_put_string(struct xdr_enc *e, const char *s, size_t len);
void xdr_put_cstring(struct xdr_enc *e, const char *s);
void xdr_put_fixed(struct xdr_enc *e, const void *p, size_t n);
void xdr_put_opaque(struct xdr_enc *e, const void *p, size_t n);
/* Raw bytes, no length, no pad. */
void xdr_put_raw(struct xdr_enc *e, const void *p, size_t n);

/* -- shapes ------------------------------------------------------------- */

/*
 * One decoded (or to-be-encoded) field. Which members are used depends on
 * the type letter:
 *   i u h H         .i (u32/u64 stored as their value, cast on use)
 *   s S c-array     .s (NULL for an absent S), .n = byte length
 *   U               .uuid
 *   o               .uuid = bytes, .n = length
 *   D d N n P       .s name, .uuid, .i id (D/d only); .present for d/n
 *   V               .s2 pool, .s name, .s3 key
 *   F               .s name, .s2 mac
 *   G               .s3 snapshot name; the domain as for D (.s .uuid .i)
 *   T               .s field, .j type (1..7), .i value (1 2 3 4 6),
 *                   .f (5), .s2 (7)
 *   M               .s field, .i value (the u64 stored as its value)
 *   A               .s name
 *   K               .s server name, .i id, .j timestamp, .n transport
 *   E               .i code, .j domain, .s message, .s2 str1, .s3 str2
 *   arrays          .a elements, .n count (fixed arrays of c: see above)
 * .present is true for every non-optional field, and for optional ones that
 * are there.
 * Encoding: strings are written with strlen(.s) (.n is ignored for them);
 * an S is absent when .s is NULL, a d/n when .present is false; a NULL
 * nonnull string or uuid, a typed param type outside 1..7 or a field name
 * over 79 bytes, or a fixed array whose .n differs from N fail with -EINVAL;
 * an array count or opaque length over its bound with -EMSGSIZE.
 */
struct xval {
    bool present;
    uint32_t n;
    int64_t i;
    int64_t j;
    double f;
    const char *s;
    const char *s2;
    const char *s3;
    const uint8_t *uuid;
    struct xval *a;
};

/* Number of top-level fields in @shape ("" and NULL have 0), or -EINVAL
 * when the shape is malformed. */
int xval_count(const char *shape);

/* Field @i's name in @shape ("field<i>" style fallback not provided):
 * copies up to cap-1 bytes into buf; returns 0 or -EINVAL. */
int xval_field_name(const char *shape, int i, char *buf, size_t cap);

/*
 * Decode @shape from @d into out[0..n) (n = xval_count(shape)). Arrays are
 * allocated from @a. 0, or -EBADMSG when the bytes do not match the shape
 * (short data, count or length beyond its maximum, bad union tag, optional
 * flag not 0/1), -ENOMEM. Trailing bytes after the last field are left
 * (callers ignore them, as libvirtd does).
 */
int xval_decode(const char *shape, struct xdr_dec *d, struct xval *out,
                struct arena *a);

/* Encode in[0..n) per @shape; errors are left in e->err (and returned). */
int xval_encode(const char *shape, const struct xval *in, struct xdr_enc *e);

/*
 * Human-readable rendering for `virtd cat`: one "name = value" line per
 * field, nested values indented; strings quoted, uuids formatted. Returns a
 * malloc'ed string, or NULL on ENOMEM.
 */
char *xval_format(const char *shape, const struct xval *v);

/*
 * Parse the text syntax of `virtd cat` into values for @shape, one value per
 * field, separated by white space:
 *   "string" (C escapes) or a bare word   numbers (decimal or 0x hex)
 *   -  (absent S/d/n/c[MAX])   a uuid (36 chars, or 32 hex digits)
 *   {name uuid id} (domain; id may be left out: -1), {name uuid} network or
 *   pool, {pool name key} vol, {name mac} interface, {name} admin server,
 *   {srv id timestamp transport} admin client, {code domain msg str1 str2}
 *   error; opaque as 0x<hex> or "string"; char arrays as a string
 *   [a, b, ...] arrays (commas optional);  name=TYPE:value typed params with
 *   TYPE i u l ul d b s (or int uint llong ullong double boolean string),
 *   e.g. minWorkers=u:5
 * Strings live in @a. 0, or -EINVAL with a malloc'ed explanation in *errmsg
 * naming the field and the offending text (*errmsg is NULL on success).
 */
int xval_parse_text(const char *shape, const char *text, struct xval *out,
                    struct arena *a, char **errmsg);

#endif
