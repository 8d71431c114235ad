/*
 * xml.h: a small, strict, non-validating XML parser into a tree, and an
 * escaping text builder for writing XML. No external libraries.
 *
 * Parser: elements, attributes ('...' or "..."), text, CDATA, the five
 * predefined entities and &#N; / &#xN; character references. Comments,
 * processing instructions, the XML declaration and <!DOCTYPE> (with an
 * internal subset) are skipped; entities declared in a DTD are not
 * expanded. Line ends are normalized to "\n"; white space in attribute
 * values becomes spaces, as XML requires; text is kept as written.
 * Errors use libxml2's wording and position (libvirt passes them on to
 * virsh), reporting the first error only.
 *
 * Thread context: no shared state; a tree belongs to its creator.
 */
#ifndef VIRTD_CORE_XML_H
#define VIRTD_CORE_XML_H

#include <stdbool.h>
#include <stddef.h>

#define XML_DEPTH_MAX 256            /* libxml2's default nesting limit */
#define XML_SIZE_MAX  4194304u       /* largest document (a wire string) */

struct xml_attr {
    char *name;
    char *value;                     /* entities expanded */
    struct xml_attr *next;           /* document order */
};

struct xml_node {
    char *name;
    struct xml_attr *attrs;
    char *text;                      /* direct text and CDATA, concatenated;
                                        "" when none, never NULL */
    struct xml_node *children;       /* first child element */
    struct xml_node *next;           /* next sibling element */
    struct xml_node *parent;         /* NULL for the root */
    int line;                        /* line of the start tag, from 1 */
};

/*
 * Where and why parsing failed. libvirt shows it as
 *     "<url>:<line>: <message>\n<text of that line>\n<'-' x column>^"
 * (see xml_error_report). offset is the byte position libxml2 stops at;
 * line is 1-based and column is 0-based, both derived from offset.
 */
struct xml_error {
    int line;
    int column;
    size_t offset;
    char message[256];               /* e.g. "Start tag expected, '<' not
                                        found"; no trailing newline */
};

/*
 * Parse buf[0..len) (need not be NUL-terminated). 0 and *root (free with
 * xml_free); -EINVAL with @e filled when the text is not well-formed XML
 * (*root NULL); -EMSGSIZE when len > XML_SIZE_MAX; -ENOMEM. @e may be NULL.
 */
int xml_parse(const char *buf, size_t len, struct xml_node **root,
              struct xml_error *e);

/* Free a tree from xml_parse. NULL-safe. */
void xml_free(struct xml_node *root);

/* First child element named @name, or NULL. */
struct xml_node *xml_child(const struct xml_node *node, const char *name);

/* Next sibling element after @node with the same name, or NULL. */
struct xml_node *xml_next_named(const struct xml_node *node);

/* Value of attribute @name, or NULL. */
const char *xml_attr(const struct xml_node *node, const char *name);

/* Direct text of @node ("" when none; NULL only for a NULL node). */
const char *xml_text(const struct xml_node *node);

/*
 * Follow "a/b/c" from @node through first-matching children; a last
 * component "@x" names an attribute. Returns the element, or NULL;
 * xml_path_text returns the element's text or the attribute's value.
 * Examples: xml_path(dom, "os/type"), xml_path_text(dom, "os/type/@arch").
 */
struct xml_node *xml_path(const struct xml_node *node, const char *path);
const char *xml_path_text(const struct xml_node *node, const char *path);

/*
 * libvirt's rendering of a parse error for document @buf named @url, e.g.
 * "(domain_definition):1: Start tag expected, '<' not found\nfoo\n^".
 * malloc'ed; NULL on ENOMEM.
 */
char *xml_error_report(const struct xml_error *e, const char *buf,
                       size_t len, const char *url);

/* -- writer -------------------------------------------------------------- */

/*
 * A growable NUL-terminated string for building XML. Errors are sticky:
 * after ENOMEM or passing max (err = -ENOMEM / -EMSGSIZE), appends are
 * no-ops. Embedded; xml_buf_release frees. p is NULL until the first
 * successful append.
 */
struct xml_buf {
    char *p;
    size_t len;
    size_t cap;
    size_t max;                      /* 0: XML_SIZE_MAX */
    int err;
};

void xml_buf_init(struct xml_buf *b);
void xml_buf_release(struct xml_buf *b);
/* Append raw text (no escaping). */
void xml_buf_add(struct xml_buf *b, const char *s, size_t n);
void xml_buf_puts(struct xml_buf *b, const char *s);
void xml_buf_printf(struct xml_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Append @s escaped for text and attribute values: & < > " ' become
 * &amp; &lt; &gt; &quot; &apos;. */
void xml_escape(struct xml_buf *b, const char *s);
/* Take the string (caller frees; "" if nothing was added) and reset @b;
 * NULL when @b has an error (then @b is released). */
char *xml_buf_steal(struct xml_buf *b);

#endif
