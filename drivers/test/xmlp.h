/*
 * xmlp.h: reading values out of a parsed XML tree (core/xml.h) the way
 * libvirt's XML helpers do, with their error texts: strict integers,
 * scaled sizes with a unit attribute, enumerated attributes. Used by the
 * test driver's domain and network parsers.
 *
 * All functions return 0 (value stored), 1 where noted for "absent", or
 * -1 with @e set. Pure; no shared state.
 */
#ifndef VIRTD_DRIVERS_TEST_XMLP_H
#define VIRTD_DRIVERS_TEST_XMLP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "core/xml.h"

/*
 * Parse @xml as a document whose root must be @root_name. Syntax errors
 * are XML_DETAIL in @errdom with libvirt's report naming @url
 * ("(domain_definition)"); a wrong root is XML_ERROR "expecting root
 * element of '%s', not '%s'". 0 and *root (xml_free) or -1.
 */
int tdrv_xp_doc(const char *xml, const char *root_name, const char *url,
                int errdom, struct xml_node **root, struct err *e);
/* The same for a document with any root. */
int tdrv_xp_parse(const char *xml, const char *url, int errdom,
                  struct xml_node **root, struct err *e);

/* Decimal digits only, no sign or blanks, no overflow: 0 or -EINVAL. */
int tdrv_xp_parse_ull(const char *s, unsigned long long *v);

/*
 * The text of element @node as an unsigned integer; @what names it in the
 * error ("./memory[1]"): XML_ERROR "Invalid value '%s' for element or
 * attribute '%s'" (domain XML).
 */
int tdrv_xp_text_ull(const struct xml_node *node, const char *what,
                     unsigned long long *v, struct err *e);

/*
 * libvirt's virDomainParseMemory: @node's text scaled by its 'unit'
 * attribute (default KiB), at most LLONG_MAX bytes, rounded up to KiB,
 * at most TDRV_MEM_UNLIMITED KiB. @node NULL: *kib = 0, returns 1.
 */
/* virScaleInteger's unit names: the multiplier of @unit (b, bytes, k, KiB,
 * KB, ... E, EiB, EB, any case), @dflt when NULL or empty; -EINVAL for
 * another name. */
int tdrv_xp_scale(const char *unit, unsigned long long dflt,
                  unsigned long long *scale);
int tdrv_xp_memory(const struct xml_node *node, const char *what,
                   uint64_t *kib, struct err *e);

/*
 * Attribute @attr of @node must be one of @names (NULL-terminated):
 * index in *idx, 1 when absent, or XML_ERROR "Invalid value for attribute
 * '%s' in element '%s': '%s'." (domain XML).
 */
int tdrv_xp_enum(const struct xml_node *node, const char *attr,
                 const char *const *names, int *idx, struct err *e);

/* The same with libvirt's VIR_XML_PROP_NONZERO: the first name (the
 * zero value) is refused like an unknown one. */
int tdrv_xp_enum_nonzero(const struct xml_node *node, const char *attr,
                         const char *const *names, int *idx, struct err *e);

/* XML_ERROR "Missing required attribute '%s' in element '%s'" unless
 * @node has @attr: its value, or NULL with @e set. */
const char *tdrv_xp_required(const struct xml_node *node, const char *attr,
                             struct err *e);

/*
 * libvirt's CPU bitmap syntax ("0-3,^2,5", bits < 16384) into the
 * canonical form in *out (malloc'ed, "0-1,3,5"). NULL @s: *out NULL.
 * INVALID_ARG "Failed to parse bitmap '%s'" when malformed.
 */
int tdrv_bitmap_parse(const char *s, char **out, struct err *e);
/* The bits of @canon (as tdrv_bitmap_parse wrote it) into map[0..len),
 * CPU i in byte i / 8, bit i % 8 (virBitmapToDataBuf); bits past the
 * map are dropped, the rest of the map is zero. */
void tdrv_bitmap_to_map(const char *canon, uint8_t *map, size_t len);
/* The reverse: the canonical form of the CPUs set in map[0..len) (those
 * below 16384), "" when none; malloc'ed, NULL on ENOMEM. */
char *tdrv_bitmap_from_map(const uint8_t *map, size_t len);

/* The most elements of one kind a definition may have (libvirt has no
 * such bound; it keeps the work one definition costs bounded). */
#define TDRV_XP_ELEMS_MAX 1024

/* Number of children of @node named @name, or -1 with CONFIG_UNSUPPORTED
 * when there are more than @max. */
int tdrv_xp_count(const struct xml_node *node, const char *name, size_t max,
                  size_t *n, struct err *e);

/* virTristateBool's names (NULL-terminated): index 0 "default" is refused
 * by tdrv_xp_enum_nonzero, as virXMLPropTristateBool refuses it. */
extern const char *const tdrv_tristate_names[];

/* virXPathUInt on attribute @attr of @node: 1 when absent or empty, 0 and
 * *v, -1 when not an unsigned int. */
int tdrv_xp_xpath_uint(const struct xml_node *node, const char *attr,
                       unsigned *v);

/* Index of @v in @names (NULL-terminated), -1 when absent or @v NULL. */
int tdrv_xp_index(const char *const *names, const char *v);

/* Attribute @attr as a non-negative integer; 1 when absent; XML_ERROR
 * "... Expected non-negative integer value" when malformed. */
int tdrv_xp_uint_attr(const struct xml_node *node, const char *attr,
                      unsigned *v, struct err *e);

/* A "aa:bb:cc:dd:ee:ff" MAC (hex digits, any case): true and the bytes. */
bool tdrv_xp_mac(const char *s, uint8_t mac[6]);

/* strdup into *out (old value freed); -1 with NO_MEMORY on failure. */
int tdrv_xp_dup(char **out, const char *s, struct err *e);

#endif
