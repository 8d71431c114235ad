/*
 * conf.c: libvirtd.conf parser (see conf.h).
 *
 * A hand-written scanner over (text, len): the text need not be
 * NUL-terminated and may contain NUL bytes (reported as unexpected). Every
 * size is bounded: the whole text, each line, the entries of a list and
 * the number of distinct keys.
 */
#include "core/conf.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define CONF_MAX_FILE (1024 * 1024)
#define CONF_MAX_LINE (64 * 1024)
#define CONF_MAX_LIST 1024
#define CONF_MAX_KEYS 4096

struct conf_entry {
    char *key;
    struct conf_value v;
};

struct conf {
    char *filename;
    struct conf_entry *e;           /* in order of first appearance */
    size_t n;
    size_t cap;
};

/* Scanner state for one conf_parse() call. */
struct parser {
    const char *file;
    const char *p;                  /* next unread byte */
    const char *end;
    int line;                       /* line of *p, from 1 */
    const char *key;                /* key of the statement being parsed */
    int keylen;
    char *err;                      /* first error, malloc'ed */
    struct conf *c;
};

/* -- errors -------------------------------------------------------------- */

static char *
vformat(const char *fmt, va_list ap)
{
    char *s;

    if (vasprintf(&s, fmt, ap) < 0)
        return NULL;
    return s;
}

static char *
fmt_alloc(const char *fmt, ...)
{
    va_list ap;
    char *s;

    va_start(ap, fmt);
    s = vformat(fmt, ap);
    va_end(ap);
    return s;
}

/* Record "FILE:LINE: why" for @line and return -1. */
static int
fail_at(struct parser *ps, int line, const char *fmt, ...)
{
    va_list ap;
    char *why;

    va_start(ap, fmt);
    why = vformat(fmt, ap);
    va_end(ap);
    free(ps->err);
    ps->err = fmt_alloc("%s:%d: %s", ps->file, line,
                     why ? why : "out of memory");
    free(why);
    return -1;
}

#define fail(ps, ...) fail_at((ps), (ps)->line, __VA_ARGS__)

/* Quote @c for a message: 'x', or '\xNN' when not printable. */
static const char *
char_desc(char c, char buf[8])
{
    if (c > ' ' && c < 0x7f)
        snprintf(buf, 8, "'%c'", c);
    else
        snprintf(buf, 8, "'\\x%02x'", (unsigned char)c);
    return buf;
}

/* "unexpected character 'c'", plus " @where 'key'" when @where is set. */
static int
fail_char(struct parser *ps, const char *where)
{
    char buf[8];

    if (!where)
        return fail(ps, "unexpected character %s", char_desc(*ps->p, buf));
    return fail(ps, "unexpected character %s %s '%.*s'",
                char_desc(*ps->p, buf), where, ps->keylen, ps->key);
}

/* -- scanning ------------------------------------------------------------ */

static int
is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

static int
is_key_start(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static int
is_key_char(char c)
{
    return is_key_start(c) || (c >= '0' && c <= '9');
}

static int
at_eol(const struct parser *ps)
{
    return ps->p == ps->end || *ps->p == '\n';
}

/* A NUL byte anywhere is an error on its line (strings are C strings). */
static int
check_nul(struct parser *ps)
{
    const char *nul = memchr(ps->p, '\0', (size_t)(ps->end - ps->p));
    int line = 1;

    if (!nul)
        return 0;
    for (const char *c = ps->p; c < nul; c++)
        line += *c == '\n';
    return fail_at(ps, line, "unexpected character '\\x00'");
}

/* Check that the line starting at ps->p is within CONF_MAX_LINE. */
static int
check_line(struct parser *ps)
{
    size_t left = (size_t)(ps->end - ps->p);
    size_t span = left < CONF_MAX_LINE + 1 ? left : CONF_MAX_LINE + 1;

    if (span > CONF_MAX_LINE && !memchr(ps->p, '\n', span))
        return fail(ps, "line too long (max %d bytes)", CONF_MAX_LINE);
    return 0;
}

/* Step over the '\n' at ps->p. */
static int
next_line(struct parser *ps)
{
    ps->p++;
    ps->line++;
    return check_line(ps);
}

/* Skip blanks and a comment up to (not over) the end of the line. */
static void
skip_blanks(struct parser *ps)
{
    while (ps->p < ps->end && is_blank(*ps->p))
        ps->p++;
    if (ps->p < ps->end && *ps->p == '#') {
        const char *nl = memchr(ps->p, '\n', (size_t)(ps->end - ps->p));

        ps->p = nl ? nl : ps->end;
    }
}

/* Skip blanks, comments and line ends (inside a list). */
static int
skip_space(struct parser *ps)
{
    for (;;) {
        skip_blanks(ps);
        if (ps->p == ps->end || *ps->p != '\n')
            return 0;
        if (next_line(ps) < 0)
            return -1;
    }
}

/* -- values -------------------------------------------------------------- */

static void
value_release(struct conf_value *v)
{
    free(v->s);
    for (size_t i = 0; i < v->nlist; i++)
        free(v->list[i]);
    free(v->list);
    memset(v, 0, sizeof(*v));
}

static int
parse_int(struct parser *ps, struct conf_value *v)
{
    int neg = *ps->p == '-';
    unsigned long long acc = 0;
    unsigned long long limit = neg ? (unsigned long long)LLONG_MAX + 1
                                   : (unsigned long long)LLONG_MAX;

    if (neg)
        ps->p++;
    if (ps->p == ps->end || *ps->p < '0' || *ps->p > '9')
        return fail(ps, "expected digits after '-' for '%.*s'",
                    ps->keylen, ps->key);
    for (; ps->p < ps->end && *ps->p >= '0' && *ps->p <= '9'; ps->p++) {
        unsigned d = (unsigned)(*ps->p - '0');

        if (acc > (limit - d) / 10)
            return fail(ps, "integer out of range for '%.*s'",
                        ps->keylen, ps->key);
        acc = acc * 10 + d;
    }
    v->type = CONF_INT;
    v->i = neg ? (long long)(0 - acc) : (long long)acc;
    return 0;
}

/* Find the closing quote of the string at ps->p; NULL if the line ends
 * first. Backslash escapes only exist in double-quoted strings. */
static const char *
string_end(const struct parser *ps)
{
    char q = *ps->p;

    for (const char *s = ps->p + 1; s < ps->end && *s != '\n'; s++) {
        if (*s == q)
            return s;
        if (q == '"' && *s == '\\' && s + 1 < ps->end &&
            (s[1] == '"' || s[1] == '\\'))
            s++;
    }
    return NULL;
}

/* Parse the quoted string at ps->p into a malloc'ed *out. */
static int
parse_string(struct parser *ps, char **out)
{
    const char *close = string_end(ps);
    char *s;
    char *d;

    if (!close)
        return fail(ps, "unterminated string");
    s = malloc((size_t)(close - ps->p));
    if (!s)
        return fail(ps, "out of memory");
    d = s;
    for (const char *c = ps->p + 1; c < close; c++) {
        if (*ps->p == '"' && *c == '\\' && (c[1] == '"' || c[1] == '\\'))
            c++;
        *d++ = *c;
    }
    *d = '\0';
    ps->p = close + 1;
    *out = s;
    return 0;
}

static int
list_append(struct parser *ps, struct conf_value *v, char *s)
{
    char **l;

    if (v->nlist == CONF_MAX_LIST) {
        free(s);
        return fail(ps, "too many entries in list for '%.*s' (max %d)",
                    ps->keylen, ps->key, CONF_MAX_LIST);
    }
    l = realloc(v->list, (v->nlist + 2) * sizeof(*l));
    if (!l) {
        free(s);
        return fail(ps, "out of memory");
    }
    l[v->nlist++] = s;
    l[v->nlist] = NULL;
    v->list = l;
    return 0;
}

/* One list item at ps->p (after blanks): a string, appended to @v. */
static int
parse_list_item(struct parser *ps, struct conf_value *v)
{
    char *s;

    if (*ps->p != '"' && *ps->p != '\'')
        return fail(ps, "expected a string in list for '%.*s'",
                    ps->keylen, ps->key);
    if (parse_string(ps, &s) < 0)
        return -1;
    return list_append(ps, v, s);
}

/* '[' "a", "b", ... ']' over any number of lines. */
static int
parse_list(struct parser *ps, struct conf_value *v)
{
    int start = ps->line;

    v->type = CONF_LIST;
    ps->p++;
    for (;;) {
        if (skip_space(ps) < 0)
            return -1;
        if (ps->p == ps->end)
            break;
        if (*ps->p == ']')
            goto done;
        if (parse_list_item(ps, v) < 0 || skip_space(ps) < 0)
            return -1;
        if (ps->p == ps->end)
            break;
        if (*ps->p == ']')
            goto done;
        if (*ps->p != ',')
            return fail(ps, "expected ',' or ']' in list");
        ps->p++;
    }
    return fail_at(ps, start, "unterminated list for '%.*s'",
                   ps->keylen, ps->key);

done:
    ps->p++;
    if (!v->list && !(v->list = calloc(1, sizeof(*v->list))))
        return fail(ps, "out of memory");
    return 0;
}

static int
parse_value(struct parser *ps, struct conf_value *v)
{
    char c;

    skip_blanks(ps);
    if (at_eol(ps))
        return fail(ps, "expected a value for '%.*s'", ps->keylen, ps->key);
    v->line = ps->line;
    c = *ps->p;
    if (c == '-' || (c >= '0' && c <= '9'))
        return parse_int(ps, v);
    if (c == '"' || c == '\'') {
        v->type = CONF_STRING;
        return parse_string(ps, &v->s);
    }
    if (c == '[')
        return parse_list(ps, v);
    return fail_char(ps, "in value of");
}

/* -- entries ------------------------------------------------------------- */

static struct conf_entry *
conf_find(const struct conf *c, const char *key, size_t keylen)
{
    for (size_t i = 0; i < c->n; i++) {
        if (strlen(c->e[i].key) == keylen &&
            memcmp(c->e[i].key, key, keylen) == 0)
            return &c->e[i];
    }
    return NULL;
}

/* Store @v (taken over) under the current key; the last one wins. */
static int
conf_store(struct parser *ps, struct conf_value *v)
{
    struct conf *c = ps->c;
    struct conf_entry *e = conf_find(c, ps->key, (size_t)ps->keylen);

    if (e) {
        value_release(&e->v);
        e->v = *v;
        return 0;
    }
    if (c->n == CONF_MAX_KEYS)
        return fail(ps, "too many keys (max %d)", CONF_MAX_KEYS);
    if (c->n == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 32;
        struct conf_entry *ne = realloc(c->e, cap * sizeof(*ne));

        if (!ne)
            return fail(ps, "out of memory");
        c->e = ne;
        c->cap = cap;
    }
    e = &c->e[c->n];
    e->key = strndup(ps->key, (size_t)ps->keylen);
    if (!e->key)
        return fail(ps, "out of memory");
    e->v = *v;
    c->n++;
    return 0;
}

/* key = value [# comment] */
static int
parse_assignment(struct parser *ps)
{
    struct conf_value v;

    memset(&v, 0, sizeof(v));
    ps->key = ps->p;
    while (ps->p < ps->end && is_key_char(*ps->p))
        ps->p++;
    ps->keylen = (int)(ps->p - ps->key);
    skip_blanks(ps);
    if (ps->p == ps->end || *ps->p != '=')
        return fail(ps, "expected '=' after '%.*s'", ps->keylen, ps->key);
    ps->p++;
    if (parse_value(ps, &v) < 0)
        goto fail;
    skip_blanks(ps);
    if (!at_eol(ps)) {
        fail_char(ps, "after value of");
        goto fail;
    }
    if (conf_store(ps, &v) < 0)
        goto fail;
    return 0;

fail:
    value_release(&v);
    return -1;
}

/* One line: blank, comment, or an assignment (which may span lines). */
static int
parse_statement(struct parser *ps)
{
    skip_blanks(ps);
    ps->key = NULL;
    ps->keylen = 0;
    if (ps->p < ps->end && *ps->p != '\n') {
        if (!is_key_start(*ps->p))
            return fail_char(ps, NULL);
        if (parse_assignment(ps) < 0)
            return -1;
    }
    if (ps->p < ps->end)
        return next_line(ps);
    return 0;
}

/* -- public -------------------------------------------------------------- */

static void
set_err(char **errmsg, char *msg)
{
    if (errmsg)
        *errmsg = msg;
    else
        free(msg);
}

int
conf_parse(const char *filename, const char *text, size_t len,
           struct conf **out, char **errmsg)
{
    struct parser ps = { .file = filename, .p = text, .end = text + len,
                         .line = 1 };

    if (len > CONF_MAX_FILE) {
        set_err(errmsg, fmt_alloc("%s: file too large (max %d bytes)",
                               filename, CONF_MAX_FILE));
        return -1;
    }
    ps.c = calloc(1, sizeof(*ps.c));
    if (!ps.c || !(ps.c->filename = strdup(filename))) {
        conf_free(ps.c);
        set_err(errmsg, fmt_alloc("%s: out of memory", filename));
        return -1;
    }
    if (check_nul(&ps) == 0 && check_line(&ps) == 0) {
        while (ps.p < ps.end && parse_statement(&ps) == 0)
            ;
    }
    if (ps.err) {
        conf_free(ps.c);
        set_err(errmsg, ps.err);
        return -1;
    }
    *out = ps.c;
    return 0;
}

/* Read all of @fd, at most CONF_MAX_FILE + 1 bytes. 0 or -errno. */
static int
read_all(int fd, char **buf, size_t *len)
{
    size_t cap = 0;
    char *b = NULL;

    *len = 0;
    for (;;) {
        ssize_t n;

        if (*len == cap) {
            char *nb;

            if (cap > CONF_MAX_FILE)
                break;
            cap = cap ? cap * 2 : 8192;
            nb = realloc(b, cap + 1);
            if (!nb) {
                free(b);
                return -ENOMEM;
            }
            b = nb;
        }
        n = read(fd, b + *len, cap - *len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            int rc = -errno;

            free(b);
            return rc;
        }
        if (n == 0)
            break;
        *len += (size_t)n;
    }
    *buf = b;
    return 0;
}

int
conf_load(const char *path, struct conf **out, char **errmsg)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    char *text = NULL;
    size_t len = 0;
    int rc;

    if (fd < 0) {
        set_err(errmsg, fmt_alloc("%s: %s", path, strerror(errno)));
        return -1;
    }
    rc = read_all(fd, &text, &len);
    close(fd);
    if (rc < 0) {
        set_err(errmsg, fmt_alloc("%s: %s", path, strerror(-rc)));
        return -1;
    }
    rc = conf_parse(path, text ? text : "", len, out, errmsg);
    free(text);
    return rc;
}

void
conf_free(struct conf *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->n; i++) {
        free(c->e[i].key);
        value_release(&c->e[i].v);
    }
    free(c->e);
    free(c->filename);
    free(c);
}

const struct conf_value *
conf_get(const struct conf *c, const char *key)
{
    const struct conf_entry *e = conf_find(c, key, strlen(key));

    return e ? &e->v : NULL;
}

const char *
conf_key_at(const struct conf *c, size_t i)
{
    return i < c->n ? c->e[i].key : NULL;
}

/* Shared part of the typed getters: 1 absent, 0 right type, -1 wrong. */
static int
conf_typed(const struct conf *c, const char *key, enum conf_type type,
           const struct conf_value **v, char **errmsg)
{
    static const char *const names[] = {
        [CONF_INT] = "an integer",
        [CONF_STRING] = "a string",
        [CONF_LIST] = "a list",
    };

    *v = conf_get(c, key);
    if (!*v)
        return 1;
    if ((*v)->type == type)
        return 0;
    set_err(errmsg, fmt_alloc("%s:%d: key '%s' must be %s", c->filename,
                           (*v)->line, key, names[type]));
    return -1;
}

int
conf_get_int(const struct conf *c, const char *key, long long *out,
             char **errmsg)
{
    const struct conf_value *v;
    int rc = conf_typed(c, key, CONF_INT, &v, errmsg);

    if (rc == 0)
        *out = v->i;
    return rc;
}

int
conf_get_string(const struct conf *c, const char *key, const char **out,
                char **errmsg)
{
    const struct conf_value *v;
    int rc = conf_typed(c, key, CONF_STRING, &v, errmsg);

    if (rc == 0)
        *out = v->s;
    return rc;
}
