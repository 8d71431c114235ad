/*
 * xmlw.h: a small indenting XML writer producing libvirt's layout: two
 * spaces per level, single-quoted attributes, "<x/>" for empty elements,
 * one element per line, text escaped as libvirt escapes it.
 *
 *   xmlw_start(w, "disk"); xmlw_attr(w, "type", "file");
 *   xmlw_open(w);                            -> <disk type='file'>
 *   xmlw_elem(w, "name", "test");            ->   <name>test</name>
 *   xmlw_start(w, "memory"); xmlw_attr(w, "unit", "KiB");
 *   xmlw_text(w, "memory", "%llu", v);       ->   <memory unit='KiB'>v</memory>
 *   xmlw_start(w, "boot"); xmlw_empty(w);    ->   <boot/>
 *   xmlw_close(w, "disk");                   -> </disk>
 *
 * Errors (ENOMEM) are sticky and reported once by xmlw_finish(). Owned by
 * one thread.
 */
#ifndef VIRTD_DRIVERS_TEST_XMLW_H
#define VIRTD_DRIVERS_TEST_XMLW_H

#include <stddef.h>
#include <stdint.h>

struct xmlw {
    char *buf;                    /* malloc'ed, NUL-terminated when len */
    size_t len;
    size_t cap;
    int depth;
    int err;                      /* 0 or -ENOMEM */
};

void xmlw_init(struct xmlw *w);
/* Free the buffer (after an error, or when the result is not wanted). */
void xmlw_release(struct xmlw *w);
/* The document: the malloc'ed buffer now belongs to the caller; NULL on an
 * earlier error (the buffer is freed). */
char *xmlw_finish(struct xmlw *w);

/* Indent and "<name"; attributes may follow. */
void xmlw_start(struct xmlw *w, const char *name);
void xmlw_attr(struct xmlw *w, const char *name, const char *value);
void xmlw_attrf(struct xmlw *w, const char *name, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* End the start tag: ">" + newline, one level deeper. */
void xmlw_open(struct xmlw *w);
/* End the start tag as empty: "/>" + newline. */
void xmlw_empty(struct xmlw *w);
/* End the start tag with escaped text and the end tag on the same line. */
void xmlw_text(struct xmlw *w, const char *name, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* One level up, indent and "</name>" + newline. */
void xmlw_close(struct xmlw *w, const char *name);
/* "<name unit='@unit'>@v</name>" on one line. */
void xmlw_unit(struct xmlw *w, const char *name, const char *unit,
               uint64_t v);
/* "<name>text</name>" on one line (text escaped). */
void xmlw_elem(struct xmlw *w, const char *name, const char *text);
/* A raw line at the current depth (no escaping; for fixed markup). */
void xmlw_line(struct xmlw *w, const char *raw);
/* Raw bytes, no indentation (e.g. a blank line). */
void xmlw_raw(struct xmlw *w, const char *raw);

#endif
