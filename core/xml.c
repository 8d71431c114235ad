/*
 * xml.c: strict, non-validating XML parser into a tree (see xml.h).
 * Recursive descent over the caller's buffer; nesting is bounded by
 * XML_DEPTH_MAX, so recursion depth is too. Error texts and positions
 * follow libxml2 2.9 (what libvirt 9.0 reports) for the common mistakes.
 * Lookups and error rendering are in xml_tree.c, the text builder in
 * xml_buf.c.
 */
#include "core/xml.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct xml_parser {
    const char *buf;
    size_t len;
    size_t pos;
    int depth;
    struct xml_error *err;
    int rc;                         /* first failure: -EINVAL or -ENOMEM */
    size_t line_pos;                /* line counting cache: line at */
    int line;                       /* offset line_pos */
};

/* -- low level ----------------------------------------------------------- */

/* Byte at pos+k, or -1 past the end. */
static int
xp_at(const struct xml_parser *p, size_t k)
{
    return p->pos + k < p->len ? (unsigned char)p->buf[p->pos + k] : -1;
}

static bool
xp_eof(const struct xml_parser *p)
{
    return p->pos >= p->len;
}

static bool
xp_starts(const struct xml_parser *p, const char *s)
{
    size_t n = strlen(s);

    return p->len - p->pos >= n && !memcmp(p->buf + p->pos, s, n);
}

static bool
xp_is_ws(int c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Skip white space; true when there was some. */
static bool
xp_skip_ws(struct xml_parser *p)
{
    size_t start = p->pos;

    while (xp_is_ws(xp_at(p, 0)))
        p->pos++;
    return p->pos > start;
}

static bool
xp_name_start(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
           c == ':' || c >= 0x80;
}

static bool
xp_name_char(int c)
{
    return xp_name_start(c) || (c >= '0' && c <= '9') || c == '-' ||
           c == '.';
}

/* 1-based line of byte offset @off. */
static int
xp_line_at(struct xml_parser *p, size_t off)
{
    if (off < p->line_pos) {
        p->line_pos = 0;
        p->line = 1;
    }
    for (; p->line_pos < off && p->line_pos < p->len; p->line_pos++)
        if (p->buf[p->line_pos] == '\n')
            p->line++;
    return p->line;
}

/* Record the first error at @off; returns -EINVAL. */
__attribute__((format(printf, 3, 4)))
static int
xp_fail(struct xml_parser *p, size_t off, const char *fmt, ...)
{
    va_list ap;
    size_t bol = off;

    if (p->rc)
        return p->rc;
    p->rc = -EINVAL;
    if (!p->err)
        return p->rc;
    va_start(ap, fmt);
    vsnprintf(p->err->message, sizeof(p->err->message), fmt, ap);
    va_end(ap);
    while (bol > 0 && bol <= p->len && p->buf[bol - 1] != '\n')
        bol--;
    p->err->offset = off;
    p->err->line = xp_line_at(p, off);
    p->err->column = (int)(off - bol);
    return p->rc;
}

static int
xp_oom(struct xml_parser *p)
{
    if (!p->rc)
        p->rc = -ENOMEM;
    return p->rc;
}

/* The text builder's error, recorded as the parse result. */
static int
xp_buf_check(struct xml_parser *p, const struct xml_buf *b)
{
    if (!b->err)
        return 0;
    return b->err == -ENOMEM ? xp_oom(p) : xp_fail(p, p->pos, "%s",
                                                   "Huge input lookup");
}

/* Name at pos into a malloc'ed string; the caller checked the first char. */
static char *
xp_name(struct xml_parser *p)
{
    size_t start = p->pos;
    char *s;

    while (xp_name_char(xp_at(p, 0)))
        p->pos++;
    s = strndup(p->buf + start, p->pos - start);
    if (!s)
        xp_oom(p);
    return s;
}

/* Decode the UTF-8 sequence at s[0..n) (s[0] >= 0x80) into *cp; its
 * length, or 0 when malformed or overlong. */
static size_t
xp_utf8(const unsigned char *s, size_t n, uint32_t *cp)
{
    static const uint32_t min[] = { 0, 0, 0x80, 0x800, 0x10000 };
    size_t need = s[0] >= 0xf0 ? 4 : s[0] >= 0xe0 ? 3 : 2;
    uint32_t c = s[0] & (0x7fu >> need);

    if (s[0] < 0xc0 || s[0] > 0xf7 || n < need)
        return 0;
    for (size_t k = 1; k < need; k++) {
        if ((s[k] & 0xc0) != 0x80)
            return 0;
        c = c << 6 | (s[k] & 0x3f);
    }
    if (c < min[need])
        return 0;
    *cp = c;
    return need;
}

static bool
xp_char_ok(uint32_t c)
{
    return c == 0x9 || c == 0xa || c == 0xd || (c >= 0x20 && c <= 0xd7ff) ||
           (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c <= 0x10ffff);
}

/* Length of the character at pos, or 0 after an error; @bad is the message
 * for a control character (with %d for its value). */
static size_t
xp_char(struct xml_parser *p, const char *bad)
{
    const unsigned char *s = (const unsigned char *)p->buf + p->pos;
    size_t n = p->len - p->pos;
    uint32_t cp;
    size_t k;

    if (*s < 0x20 && !xp_is_ws(*s)) {
        xp_fail(p, p->pos, bad, *s);
        return 0;
    }
    if (*s < 0x80)
        return 1;
    if ((k = xp_utf8(s, n, &cp)) && xp_char_ok(cp))
        return k;
    if (k) {
        xp_fail(p, p->pos, "Char 0x%X out of allowed range", cp);
        return 0;
    }
    xp_fail(p, p->pos, "Input is not proper UTF-8, indicate encoding !\n"
            "Bytes: 0x%02X 0x%02X 0x%02X 0x%02X", s[0], n > 1 ? s[1] : 0,
            n > 2 ? s[2] : 0, n > 3 ? s[3] : 0);
    return 0;
}

/* -- references ---------------------------------------------------------- */

static void
xp_put_utf8(struct xml_buf *b, uint32_t c)
{
    char u[4];
    size_t n;

    if (c < 0x80) {
        u[0] = (char)c, n = 1;
    } else if (c < 0x800) {
        u[0] = (char)(0xc0 | c >> 6), n = 2;
    } else if (c < 0x10000) {
        u[0] = (char)(0xe0 | c >> 12), n = 3;
    } else {
        u[0] = (char)(0xf0 | c >> 18), n = 4;
    }
    for (size_t k = 1; k < n; k++)
        u[k] = (char)(0x80 | ((c >> (6 * (n - 1 - k))) & 0x3f));
    xml_buf_add(b, u, n);
}

static int
xp_digit(int c, unsigned base)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (base == 16 && c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (base == 16 && c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* &#N; or &#xN; with pos after "&#". */
static int
xp_charref(struct xml_parser *p, struct xml_buf *b)
{
    unsigned base = xp_at(p, 0) == 'x' ? 16 : 10;
    uint32_t v = 0;
    int d;

    p->pos += base == 16;
    while (xp_at(p, 0) != ';') {
        if ((d = xp_digit(xp_at(p, 0), base)) < 0)
            return xp_fail(p, p->pos, base == 16 ?
                           "CharRef: invalid hexadecimal value" :
                           "CharRef: invalid decimal value");
        v = v * base + (uint32_t)d;
        if (v > 0x110000)
            v = 0x110000;
        p->pos++;
    }
    p->pos++;
    if (v > 0x10ffff)
        return xp_fail(p, p->pos,
                       "xmlParseCharRef: character reference out of bounds");
    if (!xp_char_ok(v))
        return xp_fail(p, p->pos, "xmlParseCharRef: invalid xmlChar value %u",
                       v);
    xp_put_utf8(b, v);
    return xp_buf_check(p, b);
}

/* A reference at '&', expanded into @b. */
static int
xp_ref(struct xml_parser *p, struct xml_buf *b)
{
    static const char *const names[] = { "lt", "gt", "amp", "apos", "quot" };
    static const char chars[] = "<>&'\"";
    size_t start;
    size_t n;

    p->pos++;
    if (xp_at(p, 0) == '#') {
        p->pos++;
        return xp_charref(p, b);
    }
    if (!xp_name_start(xp_at(p, 0)))
        return xp_fail(p, p->pos, "xmlParseEntityRef: no name");
    start = p->pos;
    while (xp_name_char(xp_at(p, 0)))
        p->pos++;
    n = p->pos - start;
    if (xp_at(p, 0) != ';')
        return xp_fail(p, p->pos, "EntityRef: expecting ';'");
    p->pos++;
    for (int k = 0; k < 5; k++) {
        if (strlen(names[k]) == n && !memcmp(names[k], p->buf + start, n)) {
            xml_buf_add(b, &chars[k], 1);
            return xp_buf_check(p, b);
        }
    }
    return xp_fail(p, p->pos, "Entity '%.*s' not defined", (int)n,
                   p->buf + start);
}

/* -- markup that is skipped or kept as text ------------------------------ */

/* Length of buf[start..pos - lag) shown in a message, at most 50 bytes
 * (libxml2 shows CDATA two bytes behind its position). */
static int
xp_snip(const struct xml_parser *p, size_t start, size_t lag)
{
    size_t n = p->pos - start > lag ? p->pos - start - lag : 0;

    return n > 50 ? 50 : (int)n;
}

/* <!-- ... --> at pos. */
static int
xp_comment(struct xml_parser *p)
{
    size_t start = p->pos + 4;
    size_t n;

    for (p->pos = start; !xp_eof(p); p->pos += n) {
        if (xp_starts(p, "--")) {
            if (xp_at(p, 2) == '>') {
                p->pos += 3;
                return 0;
            }
            return xp_fail(p, p->pos, "Double hyphen within comment: "
                           "<!--%.*s", xp_snip(p, start, 0), p->buf + start);
        }
        if (!(n = xp_char(p, "xmlParseComment: invalid xmlChar value %d")))
            return p->rc;
    }
    return xp_fail(p, p->pos, "Comment not terminated");
}

/* <?target ... ?> at pos; the XML declaration is only allowed at 0. */
static int
xp_pi(struct xml_parser *p)
{
    size_t start;
    char target[64];

    p->pos += 2;
    if (!xp_name_start(xp_at(p, 0)))
        return xp_fail(p, p->pos, "xmlParsePI : no target name");
    start = p->pos;
    while (xp_name_char(xp_at(p, 0)))
        p->pos++;
    snprintf(target, sizeof(target), "%.*s", (int)(p->pos - start),
             p->buf + start);
    if (!strcmp(target, "xml"))
        return xp_fail(p, p->pos, "XML declaration allowed only at the "
                       "start of the document");
    while (!xp_eof(p) && !xp_starts(p, "?>"))
        p->pos++;
    if (xp_eof(p))
        return xp_fail(p, p->pos, "ParsePI: PI %s never end ...", target);
    p->pos += 2;
    return 0;
}

/* <!DOCTYPE ...> with an optional [internal subset], skipped whole. */
static int
xp_doctype(struct xml_parser *p)
{
    int quote = 0;
    int subset = 0;
    int c;

    for (p->pos += 9; !xp_eof(p); p->pos++) {
        c = xp_at(p, 0);
        if (quote) {
            quote = c == quote ? 0 : quote;
        } else if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == '[' || c == ']') {
            subset += c == '[' ? 1 : -1;
        } else if (c == '>' && subset <= 0) {
            p->pos++;
            return 0;
        }
    }
    return xp_fail(p, p->pos, "DOCTYPE improperly terminated");
}

/* <![CDATA[ ... ]]> appended to @text. */
static int
xp_cdata(struct xml_parser *p, struct xml_buf *text)
{
    size_t start = p->pos + 9;
    size_t n;

    for (p->pos = start; !xp_eof(p); p->pos += n) {
        if (xp_starts(p, "]]>")) {
            p->pos += 3;
            return xp_buf_check(p, text);
        }
        if (!(n = xp_char(p, "PCDATA invalid Char value %d")))
            return p->rc;
        if (xp_at(p, 0) == '\r')
            xml_buf_add(text, "\n", xp_at(p, 1) == '\n' ? 0 : 1);
        else
            xml_buf_add(text, p->buf + p->pos, n);
    }
    return xp_fail(p, p->pos, "CData section not finished\n%.*s",
                   xp_snip(p, start, 2), p->buf + start);
}

/* Character data up to the next markup or reference. */
static int
xp_chardata(struct xml_parser *p, struct xml_buf *text)
{
    size_t n;
    int c;

    while (!xp_eof(p) && (c = xp_at(p, 0)) != '<' && c != '&') {
        if (xp_starts(p, "]]>"))
            return xp_fail(p, p->pos, "Sequence ']]>' not allowed in "
                           "content");
        if (!(n = xp_char(p, "PCDATA invalid Char value %d")))
            return p->rc;
        if (c == '\r')
            xml_buf_add(text, "\n", xp_at(p, 1) == '\n' ? 0 : 1);
        else
            xml_buf_add(text, p->buf + p->pos, n);
        p->pos += n;
    }
    return xp_buf_check(p, text);
}

/* -- elements ------------------------------------------------------------ */

static void
xml_attrs_free(struct xml_attr *a)
{
    while (a) {
        struct xml_attr *next = a->next;

        free(a->name);
        free(a->value);
        free(a);
        a = next;
    }
}

/* Siblings iteratively, children recursively (depth is bounded). */
void
xml_free(struct xml_node *n)
{
    while (n) {
        struct xml_node *next = n->next;

        xml_free(n->children);
        xml_attrs_free(n->attrs);
        free(n->name);
        free(n->text);
        free(n);
        n = next;
    }
}

/* Attribute value between quotes at pos, normalized and expanded. */
static int
xp_attvalue(struct xml_parser *p, struct xml_buf *v)
{
    int q = xp_at(p, 0);
    size_t n;
    int c;

    if (q != '"' && q != '\'')
        return xp_fail(p, p->pos, "AttValue: \" or ' expected");
    for (p->pos++; (c = xp_at(p, 0)) != q; ) {
        if (c < 0)
            return xp_fail(p, p->pos, "AttValue: ' expected");
        if (c == '<')
            return xp_fail(p, p->pos, "Unescaped '<' not allowed in "
                           "attributes values");
        if (c == '&') {
            if (xp_ref(p, v) < 0)
                return p->rc;
            continue;
        }
        if (!(n = xp_char(p, "invalid character in attribute value")))
            return p->rc;
        if (c == '\r' && xp_at(p, 1) == '\n')
            n = 1;
        else
            xml_buf_add(v, xp_is_ws(c) ? " " : p->buf + p->pos, n);
        p->pos += n;
    }
    p->pos++;
    return xp_buf_check(p, v);
}

/* name = "value" at pos, appended to *tail. */
static int
xp_attr(struct xml_parser *p, struct xml_node *node, struct xml_attr ***tail)
{
    struct xml_attr *a;
    struct xml_buf v;

    if (!xp_name_start(xp_at(p, 0)))
        return xp_fail(p, p->pos, "error parsing attribute name");
    if (!(a = calloc(1, sizeof(*a))))
        return xp_oom(p);
    **tail = a;
    *tail = &a->next;
    if (!(a->name = xp_name(p)))
        return p->rc;
    xp_skip_ws(p);
    if (xp_at(p, 0) != '=')
        return xp_fail(p, p->pos, "Specification mandates value for "
                       "attribute %s", a->name);
    p->pos++;
    xp_skip_ws(p);
    xml_buf_init(&v);
    if (xp_attvalue(p, &v) < 0) {
        xml_buf_release(&v);
        return p->rc;
    }
    if (!(a->value = xml_buf_steal(&v)))
        return xp_oom(p);
    for (struct xml_attr *o = node->attrs; o != a; o = o->next)
        if (!strcmp(o->name, a->name))
            return xp_fail(p, p->pos, "Attribute %s redefined", a->name);
    return 0;
}

/* Attributes up to '>' (*empty false) or "/>" (*empty true). */
static int
xp_attrs(struct xml_parser *p, struct xml_node *node, bool *empty)
{
    struct xml_attr **tail = &node->attrs;
    bool ws = true;

    for (;;) {
        ws = xp_skip_ws(p) || ws;
        /* libxml2 wants a blank after an attribute before it looks for
         * the end of the input */
        if (xp_eof(p) && !ws)
            return xp_fail(p, p->pos, "attributes construct error");
        if (xp_eof(p))
            return xp_fail(p, p->pos, "Couldn't find end of Start Tag %s "
                           "line %d", node->name, node->line);
        if (xp_at(p, 0) == '>' || xp_starts(p, "/>")) {
            *empty = xp_at(p, 0) == '/';
            p->pos += *empty ? 2 : 1;
            return 0;
        }
        if (!ws)
            return xp_fail(p, p->pos, "attributes construct error");
        if (xp_attr(p, node, &tail) < 0)
            return p->rc;
        ws = false;
    }
}

/* </name> closing @node, pos at "</". */
static int
xp_end_tag(struct xml_parser *p, const struct xml_node *node)
{
    size_t start;
    size_t n;

    p->pos += 2;
    start = p->pos;
    if (xp_name_start(xp_at(p, 0)))
        while (xp_name_char(xp_at(p, 0)))
            p->pos++;
    n = p->pos - start;
    xp_skip_ws(p);
    if (xp_at(p, 0) != '>')
        return xp_fail(p, p->pos, "expected '>'");
    p->pos++;
    if (n == strlen(node->name) && !memcmp(node->name, p->buf + start, n))
        return 0;
    return xp_fail(p, p->pos, "Opening and ending tag mismatch: %s line %d "
                   "and %.*s", node->name, node->line, n ? (int)n : 10,
                   n ? p->buf + start : "unparsable");
}

static int xp_element(struct xml_parser *p, struct xml_node *parent,
                      struct xml_node **slot);

/* One piece of content at '<' other than an end tag. */
static int
xp_markup(struct xml_parser *p, struct xml_node *node, struct xml_buf *text,
          struct xml_node ***tail)
{
    if (xp_starts(p, "<!--"))
        return xp_comment(p);
    if (xp_starts(p, "<![CDATA["))
        return xp_cdata(p, text);
    if (xp_starts(p, "<?"))
        return xp_pi(p);
    if (!xp_name_start(xp_at(p, 1)))
        return xp_fail(p, p->pos + 1, "StartTag: invalid element name");
    if (xp_element(p, node, *tail) < 0)
        return p->rc;
    *tail = &(**tail)->next;
    return 0;
}

/* Content of @node up to and including its end tag. */
static int
xp_content(struct xml_parser *p, struct xml_node *node)
{
    struct xml_node **tail = &node->children;
    struct xml_buf text;
    int rc = 0;

    xml_buf_init(&text);
    while (rc == 0) {
        if (xp_eof(p)) {
            rc = xp_fail(p, p->pos, "Premature end of data in tag %s line %d",
                         node->name, node->line);
        } else if (xp_starts(p, "</")) {
            rc = xp_end_tag(p, node);
            break;
        } else if (xp_at(p, 0) == '<') {
            rc = xp_markup(p, node, &text, &tail);
        } else if (xp_at(p, 0) == '&') {
            rc = xp_ref(p, &text);
        } else {
            rc = xp_chardata(p, &text);
        }
    }
    free(node->text);
    node->text = xml_buf_steal(&text);
    if (!node->text)
        return xp_oom(p);
    return rc;
}

/* Element at '<' (a name follows), stored in *slot before anything can
 * fail, so the caller's tree always owns it. */
static int
xp_element(struct xml_parser *p, struct xml_node *parent,
           struct xml_node **slot)
{
    struct xml_node *node = calloc(1, sizeof(*node));
    bool empty = false;
    int rc;

    if (!node)
        return xp_oom(p);
    *slot = node;
    node->parent = parent;
    node->line = xp_line_at(p, p->pos);
    p->pos++;
    if (!(node->name = xp_name(p)))
        return p->rc;
    if (!(node->text = strdup("")))
        return xp_oom(p);
    if (p->depth >= XML_DEPTH_MAX)
        return xp_fail(p, p->pos, "Excessive depth in document: %d use "
                       "XML_PARSE_HUGE option", XML_DEPTH_MAX);
    p->depth++;
    rc = xp_attrs(p, node, &empty);
    if (rc == 0 && !empty)
        rc = xp_content(p, node);
    p->depth--;
    return rc;
}

/* -- document ------------------------------------------------------------ */

/* Comments, PIs and white space around the root element; a DOCTYPE too
 * when @prolog. Stops at anything else. */
static int
xp_misc(struct xml_parser *p, bool prolog)
{
    for (;;) {
        xp_skip_ws(p);
        if (xp_starts(p, "<!--")) {
            if (xp_comment(p) < 0)
                return p->rc;
        } else if (xp_starts(p, "<?")) {
            if (xp_pi(p) < 0)
                return p->rc;
        } else if (prolog && xp_starts(p, "<!DOCTYPE")) {
            if (xp_doctype(p) < 0)
                return p->rc;
            prolog = false;
        } else {
            return 0;
        }
    }
}

/* <?xml ...?> at the very start, skipped. */
static int
xp_xmldecl(struct xml_parser *p)
{
    if (!xp_starts(p, "<?xml") || !xp_is_ws(xp_at(p, 5)))
        return 0;
    while (!xp_eof(p) && !xp_starts(p, "?>"))
        p->pos++;
    if (xp_eof(p))
        return xp_fail(p, p->pos, "parsing XML declaration: '?>' expected");
    p->pos += 2;
    return 0;
}

static int
xp_document(struct xml_parser *p, struct xml_node **root)
{
    if (p->len == 0)
        return xp_fail(p, 0, "Document is empty");
    if (xp_starts(p, "\xef\xbb\xbf"))
        p->pos += 3;
    if (xp_xmldecl(p) < 0 || xp_misc(p, true) < 0)
        return p->rc;
    if (xp_at(p, 0) != '<')
        return xp_fail(p, p->pos, "Start tag expected, '<' not found");
    if (!xp_name_start(xp_at(p, 1)))
        return xp_fail(p, p->pos + 1, "StartTag: invalid element name");
    if (xp_element(p, NULL, root) < 0 || xp_misc(p, false) < 0)
        return p->rc;
    if (!xp_eof(p))
        return xp_fail(p, p->pos, "Extra content at the end of the document");
    return 0;
}

int
xml_parse(const char *buf, size_t len, struct xml_node **root,
          struct xml_error *e)
{
    struct xml_parser p = {
        .buf = buf, .len = len, .err = e, .line = 1,
    };

    *root = NULL;
    if (e)
        memset(e, 0, sizeof(*e));
    if (len > XML_SIZE_MAX)
        return -EMSGSIZE;
    if (xp_document(&p, root) < 0) {
        xml_free(*root);
        *root = NULL;
        return p.rc;
    }
    return 0;
}
