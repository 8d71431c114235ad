/*
 * xml_tree.c: lookups in a parsed XML tree and libvirt-style rendering of
 * parse errors (see xml.h). Read-only on the tree; no shared state.
 */
#include "core/xml.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct xml_node *
xml_child(const struct xml_node *node, const char *name)
{
    struct xml_node *c;

    for (c = node ? node->children : NULL; c; c = c->next)
        if (!strcmp(c->name, name))
            return c;
    return NULL;
}

struct xml_node *
xml_next_named(const struct xml_node *node)
{
    struct xml_node *c;

    for (c = node ? node->next : NULL; c; c = c->next)
        if (!strcmp(c->name, node->name))
            return c;
    return NULL;
}

const char *
xml_attr(const struct xml_node *node, const char *name)
{
    const struct xml_attr *a;

    for (a = node ? node->attrs : NULL; a; a = a->next)
        if (!strcmp(a->name, name))
            return a->value;
    return NULL;
}

const char *
xml_text(const struct xml_node *node)
{
    return node ? node->text : NULL;
}

/* Child named by path[0..n). */
static struct xml_node *
xml_child_n(const struct xml_node *node, const char *name, size_t n)
{
    struct xml_node *c;

    for (c = node->children; c; c = c->next)
        if (strlen(c->name) == n && !memcmp(c->name, name, n))
            return c;
    return NULL;
}

/* Walk the element components of @path; *attr gets a final "@x" (or NULL). */
static struct xml_node *
xml_walk(const struct xml_node *node, const char *path, const char **attr)
{
    const char *end;

    *attr = NULL;
    while (node && path && *path) {
        if (*path == '@') {
            *attr = path + 1;
            break;
        }
        end = strchr(path, '/');
        node = xml_child_n(node, path, end ? (size_t)(end - path)
                                           : strlen(path));
        path = end ? end + 1 : NULL;
    }
    return (struct xml_node *)node;
}

struct xml_node *
xml_path(const struct xml_node *node, const char *path)
{
    const char *attr;
    struct xml_node *n = xml_walk(node, path, &attr);

    return attr ? NULL : n;
}

const char *
xml_path_text(const struct xml_node *node, const char *path)
{
    const char *attr;
    struct xml_node *n = xml_walk(node, path, &attr);

    return attr ? xml_attr(n, attr) : xml_text(n);
}

/* -- error rendering ----------------------------------------------------- */

/* Byte at i, with a NUL past the end (as libxml2's input has). */
static char
xml_at(const char *buf, size_t len, size_t i)
{
    return i < len ? buf[i] : '\0';
}

static bool
xml_eol(char c)
{
    return c == '\n' || c == '\r';
}

/*
 * The line around the error: back over line ends at the error position,
 * then to the start of that line; the caret sits at the error's distance
 * from there, but never past the end of the shown text.
 */
char *
xml_error_report(const struct xml_error *e, const char *buf, size_t len,
                 const char *url)
{
    size_t cur = e->offset < len ? e->offset : len;
    size_t bol = cur, eol, col;
    char *pointer, *out;

    while (bol > 0 && xml_eol(xml_at(buf, len, bol)))
        bol--;
    while (bol > 0 && !xml_eol(xml_at(buf, len, bol)))
        bol--;
    if (xml_eol(xml_at(buf, len, bol)))
        bol++;
    for (eol = bol; eol < len && buf[eol] && !xml_eol(buf[eol]); eol++)
        ;
    col = cur - bol < eol - bol ? cur - bol : eol - bol;
    if (!(pointer = malloc(col + 2)))
        return NULL;
    for (size_t n = 0; n < col; n++)
        pointer[n] = buf[bol + n] == '\t' ? '\t' : '-';
    pointer[col] = '^';
    pointer[col + 1] = '\0';
    /* libvirt formats an empty context line from a NULL string */
    if (eol == bol && asprintf(&out, "%s:%d: %s\n(null)\n%s", url, e->line,
                               e->message, pointer) < 0)
        out = NULL;
    else if (eol > bol &&
             asprintf(&out, "%s:%d: %s\n%.*s\n%s", url, e->line,
                      e->message, (int)(eol - bol), buf + bol, pointer) < 0)
        out = NULL;
    free(pointer);
    return out;
}
