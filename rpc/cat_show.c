/*
 * cat_show.c: how `virtd cat` prints frames: one header line per frame
 * ("<- REPLY remote CONNECT_GET_HOSTNAME(59) serial 1 OK"), then the body
 * indented: the decoded fields by name (xval_format), an error's code,
 * domain and message, stream data, or a hex dump when the body is unknown
 * or does not decode.
 *
 * Thread context: the calling thread of cat_main only.
 */
#include "rpc/cat_priv.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define CAT_HEX_MAX   4096u     /* body bytes dumped at most */

static const char *const cat_types[] = {
    "CALL", "REPLY", "MESSAGE", "STREAM", "CALL_WITH_FDS",
    "REPLY_WITH_FDS", "STREAM_HOLE",
};
static const char *const cat_status[] = { "OK", "ERROR", "CONTINUE" };

/* Hex dump lines "    0000  xx xx ... |ascii|" of p[0..n). */
static void
cat_hexdump(const uint8_t *p, size_t n)
{
    size_t i, k;

    for (i = 0; i < n && i < CAT_HEX_MAX; i += 16) {
        printf("    %04zx ", i);
        for (k = i; k < i + 16; k++)
            printf(k < n ? " %02x" : "   ", k < n ? p[k] : 0);
        printf("  |");
        for (k = i; k < i + 16 && k < n; k++)
            putchar(isprint(p[k]) ? p[k] : '.');
        printf("|\n");
    }
    if (n > CAT_HEX_MAX)
        printf("    ... %zu more bytes\n", n - CAT_HEX_MAX);
}

void
cat_show_hex(struct cat *c, const char *dir, const uint8_t *p, size_t n)
{
    (void)c;
    printf("%s %zu bytes\n", dir, n);
    cat_hexdump(p, n);
}

/* "TYPE prog NAME(num) serial S STATUS" after @dir. */
static void
cat_header(const char *dir, const struct rpc_hdr *h)
{
    const struct rpc_prog *prog = rpc_cli_prog(h->prog);
    const struct rpc_proc *p = prog ? rpc_prog_find(prog, h->proc) : NULL;

    if (h->prog == RPC_PROG_KEEPALIVE) {
        printf("%s %s keepalive\n", dir,
               h->proc == KEEPALIVE_PROC_PING ? "PING"
               : h->proc == KEEPALIVE_PROC_PONG ? "PONG" : "(unknown)");
        return;
    }
    printf("%s ", dir);
    if (h->type >= 0 && h->type <= RPC_STREAM_HOLE)
        printf("%s", cat_types[h->type]);
    else
        printf("type%d", h->type);
    if (prog)
        printf(" %s %s(%d)", prog->name, p ? p->name : "?", h->proc);
    else
        printf(" prog 0x%08x proc %d", h->prog, h->proc);
    printf(" serial %u ", h->serial);
    if (h->status >= 0 && h->status <= RPC_CONTINUE)
        printf("%s\n", cat_status[h->status]);
    else
        printf("status%d\n", h->status);
}

void
cat_show_sent(struct cat *c, const struct rpc_hdr *h)
{
    (void)c;
    cat_header("->", h);
}

/* Print a malloc'ed multi-line text indented, then free it. */
static void
cat_indent(char *text)
{
    char *line, *save = NULL;

    if (!text) {
        printf("    (out of memory)\n");
        return;
    }
    for (line = strtok_r(text, "\n", &save); line;
         line = strtok_r(NULL, "\n", &save))
        printf("    %s\n", line);
    free(text);
}

static void
cat_show_error(uint8_t *body, size_t len)
{
    struct err err = { 0 };

    if (rpc_cli_decode_error(body, len, &err) < 0) {
        printf("    (error body does not decode)\n");
        cat_hexdump(body, len);
        return;
    }
    printf("    error: code %d domain %d: %s\n", err.code, err.domain,
           err.message ? err.message : "Unknown error");
    err_release(&err);
}

/* Decode body per @shape and print the fields; hex when it fails. */
static void
cat_show_shape(struct cat *c, const char *shape, uint8_t *body, size_t len)
{
    struct xdr_dec d = { .p = body, .len = len };
    int n = xval_count(shape);
    struct xval *v = n > 0 ? arena_alloc(&c->show, sizeof(*v) * (size_t)n)
                           : NULL;

    if (n == 0) {
        if (len)
            cat_hexdump(body, len);
        return;
    }
    if (!v || xval_decode(shape, &d, v, &c->show) < 0) {
        printf("    (body does not decode as \"%s\")\n", shape);
        cat_hexdump(body, len);
        return;
    }
    cat_indent(xval_format(shape, v));
    if (d.pos < len)
        printf("    (+%zu trailing bytes)\n", len - d.pos);
}

void
cat_show_frame(struct cat *c, uint8_t *f, uint32_t len,
               const struct rpc_hdr *h)
{
    const struct rpc_prog *prog = rpc_cli_prog(h->prog);
    const struct rpc_proc *p = prog ? rpc_prog_find(prog, h->proc) : NULL;
    uint8_t *body = f + RPC_FRAME_MIN;
    size_t blen = len - RPC_FRAME_MIN;

    cat_header("<-", h);
    if (c->hex)
        cat_show_hex(c, "<-", f, len);
    arena_reset(&c->show);
    if (h->prog == RPC_PROG_KEEPALIVE && blen == 0)
        return;
    if (h->status == RPC_ERROR &&
        (h->type == RPC_REPLY || h->type == RPC_STREAM))
        cat_show_error(body, blen);
    else if (h->type == RPC_STREAM) {
        printf("    %zu data bytes%s\n", blen, blen ? "" : " (end of data)");
        cat_hexdump(body, blen);
    } else if (p && (h->type == RPC_REPLY || h->type == RPC_MESSAGE) &&
               h->status == RPC_OK)
        cat_show_shape(c, p->ret, body, blen);
    else if (blen)
        cat_hexdump(body, blen);
}

/* One callable procedure; tags say when the daemon does not serve it and
 * when it denies it to read-only clients (and as which API). */
static void
cat_proc_line(const char *prefix, const struct rpc_proc *p)
{
    printf("  %s%s(%d) %s -> %s", prefix, p->name, p->num,
           *p->args ? p->args : "(none)", *p->ret ? p->ret : "(nothing)");
    if (!p->fn)
        fputs(" [not served]", stdout);
    if (p->flags & RPC_PROC_RO_DENY)
        printf(" [read-only: denied as %s]", p->api ? p->api : p->name);
    putchar('\n');
}

/* The procedures of one program matching @word. */
static void
cat_procs_of(const struct rpc_prog *prog, const char *prefix,
             const char *word)
{
    size_t i;

    for (i = 0; i < prog->nprocs; i++) {
        const struct rpc_proc *p = &prog->procs[i];

        if (*word && !strcasestr(p->name, word))
            continue;
        if (p->flags & RPC_PROC_MESSAGE)
            printf("  (event) %s%s(%d): %s\n", prefix, p->name, p->num,
                   p->ret);
        else
            cat_proc_line(prefix, p);
    }
}

void
cat_show_procs(struct cat *c, const char *word)
{
    printf("procedures (NAME(number) args -> reply; shapes as in "
           "rpc/xdr.h):\n");
    cat_procs_of(c->admin ? &rpc_prog_admin : &rpc_prog_remote,
                 "", word);
    cat_procs_of(c->admin ? &rpc_prog_remote : &rpc_prog_admin,
                 c->admin ? "remote:" : "admin:", word);
}
