/*
 * conf.h: libvirtd.conf syntax.
 *
 *   # comment to end of line
 *   key = 12                  integer (decimal, optional leading '-')
 *   key = "string"            double-quoted; \" and \\ escapes
 *   key = 'string'            single-quoted (as libvirt accepts)
 *   key = [ "a", "b", ]       list of strings (trailing comma allowed,
 *                             may span lines, comments allowed inside)
 *   blank lines
 *
 * Keys: [A-Za-z_][A-Za-z0-9_]*. A key given twice: the last one wins.
 * Anything else is a syntax error reported as "FILE:LINE: what is wrong"
 * (e.g. "/etc/virtd.conf:7: expected '=' after 'max_workers'").
 *
 * Not thread-safe; parse at start-up, read-only afterwards.
 */
#ifndef VIRTD_CORE_CONF_H
#define VIRTD_CORE_CONF_H

#include <stdbool.h>
#include <stddef.h>

enum conf_type {
    CONF_INT,
    CONF_STRING,
    CONF_LIST,
};

struct conf_value {
    enum conf_type type;
    long long i;            /* CONF_INT */
    char *s;                /* CONF_STRING */
    char **list;            /* CONF_LIST, NULL-terminated */
    size_t nlist;
    int line;               /* where it was set */
};

struct conf;

/* Parse @len bytes of @text; @filename is used in error messages.
 * 0 and *out set, or -1 with a malloc'ed "FILE:LINE: why" in *errmsg. */
int conf_parse(const char *filename, const char *text, size_t len,
               struct conf **out, char **errmsg);

/* Read and parse a file; errors as above (a read error is "FILE: <strerror>"). */
int conf_load(const char *path, struct conf **out, char **errmsg);

void conf_free(struct conf *c);

/* NULL when @key is absent. */
const struct conf_value *conf_get(const struct conf *c, const char *key);

/* Iterate keys in file order: i from 0 while it returns non-NULL. */
const char *conf_key_at(const struct conf *c, size_t i);

/*
 * Typed getters. Each returns 0 and sets *out when @key is present and of
 * the right type, 1 when absent (out untouched), -1 with *errmsg
 * ("FILE:LINE: key 'max_workers' must be an integer") on a type mismatch.
 */
int conf_get_int(const struct conf *c, const char *key, long long *out,
                 char **errmsg);
int conf_get_string(const struct conf *c, const char *key, const char **out,
                    char **errmsg);

#endif
