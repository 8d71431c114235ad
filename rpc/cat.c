/*
 * cat.c: `virtd cat` (see cat.h): the stdin/socket loop and the commands.
 * What a frame looks like on screen is in cat_show.c.
 *
 * One call at a time: after `call` (or a `raw` CALL frame) no further
 * line is read until its reply arrived or the reply timeout passed, so a
 * script's CONNECT_OPEN is done before its next call goes out. Everything
 * else the server sends meanwhile is printed as it comes.
 *
 * Thread context: the calling thread only.
 */
#include "rpc/cat.h"
#include "rpc/cat_priv.h"

#include <errno.h>
#include <getopt.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#define CAT_LINE_MAX   (16u << 20)      /* longest input line */
#define CAT_READ_CHUNK 65536

static const char cat_usage[] =
    "usage: virtd cat [-x] [-a] [--no-pong] [-T SECS] SOCKET\n"
    "  SOCKET          UNIX socket path, or host:port\n"
    "  -x, --hex       hex-dump every frame sent and received\n"
    "  -a, --admin     procedure names default to the admin program\n"
    "      --no-pong   do not answer keepalive PINGs\n"
    "  -T, --timeout S seconds to wait for each reply (default 30)\n"
    "Then type commands on stdin; 'help' lists them.\n";

static const char cat_commands[] =
    "commands:\n"
    "  call NAME ARG...  call a procedure (admin:NAME for the admin\n"
    "                    program); args in protocol order: \"string\" or\n"
    "                    word, numbers, - (absent), a uuid,\n"
    "                    {name uuid id} (domain), {snap {domain}}\n"
    "                    (snapshot), [a, b] (array),\n"
    "                    name=u:5 (typed parameter)\n"
    "  raw HEX...        send bytes as they are\n"
    "  ping              send a keepalive PING\n"
    "  wait SECS         print what arrives for SECS seconds\n"
    "  help [WORD]       this, and the procedures (matching WORD)\n"
    "  quit\n";

int64_t
cat_now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* -- sending ---------------------------------------------------------------- */

static int
cat_send(struct cat *c, const uint8_t *p, size_t n)
{
    int rc;

    if (c->hex)
        cat_show_hex(c, "->", p, n);
    rc = rpc_cli_send(&c->cli, p, n);
    if (rc < 0) {
        fprintf(stderr, "cat: send: %s\n", strerror(-rc));
        c->lost = true;
    }
    return rc;
}

/* Wait for the reply with @serial of @prog. */
static void
cat_expect(struct cat *c, uint32_t prog, uint32_t serial)
{
    c->waiting = true;
    c->wait_prog = prog;
    c->wait_serial = serial;
    c->wait_deadline = cat_now_ms() + c->timeout_ms;
}

/* Split "admin:NAME" / "remote:NAME" / "NAME" into program and proc. */
static const struct rpc_proc *
cat_find_proc(const struct cat *c, const char *name,
              const struct rpc_prog **prog)
{
    *prog = c->admin ? &rpc_prog_admin : &rpc_prog_remote;
    if (strncasecmp(name, "admin:", 6) == 0) {
        *prog = &rpc_prog_admin;
        name += 6;
    } else if (strncasecmp(name, "remote:", 7) == 0) {
        *prog = &rpc_prog_remote;
        name += 7;
    }
    return rpc_prog_find_name(*prog, name);
}

/* Encode and send a CALL; -EINVAL (message printed) when it cannot be
 * encoded. */
static int
cat_call_send(struct cat *c, const struct rpc_prog *prog,
              const struct rpc_proc *p, const struct xval *args)
{
    struct rpc_hdr h = {
        .prog = prog->prog, .vers = prog->vers, .proc = p->num,
        .type = RPC_CALL, .serial = c->cli.serial, .status = RPC_OK,
    };
    struct xdr_enc e;
    int rc;

    xdr_enc_init(&e, NULL, 0, RPC_FRAME_MAX);
    rc = rpc_cli_encode(&e, &h, p->args, args);
    if (rc < 0) {
        fprintf(stderr, "cat: %s: cannot encode the call: %s\n", p->name,
                strerror(-rc));
    } else {
        cat_show_sent(c, &h);
        c->cli.serial++;
        if (cat_send(c, e.data, e.len) == 0)
            cat_expect(c, h.prog, h.serial);
    }
    xdr_enc_release(&e);
    return rc;
}

static int
cat_cmd_call(struct cat *c, char *rest)
{
    const struct rpc_prog *prog;
    const struct rpc_proc *p;
    char *name = rest, *args, *why = NULL;
    struct xval *vals = NULL;
    int n, rc = -EINVAL;

    args = name + strcspn(name, " \t");
    if (*args)
        *args++ = '\0';
    p = cat_find_proc(c, name, &prog);
    n = p ? xval_count(p->args) : -1;
    if (!p || (p->flags & RPC_PROC_MESSAGE)) {
        fprintf(stderr, "cat: unknown procedure '%s' (try: help)\n", name);
        return -EINVAL;
    }
    if (n < 0 || !(vals = arena_alloc(&c->arena, sizeof(*vals) *
                                      (size_t)(n ? n : 1))))
        fprintf(stderr, "cat: %s: bad argument shape\n", p->name);
    else if (xval_parse_text(p->args, args, vals, &c->arena, &why) < 0)
        fprintf(stderr, "cat: %s (%s): %s\n", p->name,
                *p->args ? p->args : "no arguments", why ? why : "?");
    else
        rc = cat_call_send(c, prog, p, vals);
    free(why);
    return rc;
}

static int
cat_hexval(char ch)
{
    if (ch >= '0' && ch <= '9')
        return ch - '0';
    ch = (char)(ch | 0x20);
    return ch >= 'a' && ch <= 'f' ? ch - 'a' + 10 : -1;
}

/* Hex digits (whitespace anywhere, an optional 0x per group) into b;
 * the byte count, or -EINVAL. */
static int64_t
cat_unhex(const char *s, uint8_t *b)
{
    int64_t n = 0;
    int hi = -1, v;

    for (; *s; s++) {
        if (*s == ' ' || *s == '\t')
            continue;
        if (hi < 0 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
            s++;
            continue;
        }
        v = cat_hexval(*s);
        if (v < 0)
            return -EINVAL;
        if (hi >= 0) {
            b[n++] = (uint8_t)(hi << 4 | v);
            hi = -1;
        } else {
            hi = v;
        }
    }
    return hi >= 0 || n == 0 ? -EINVAL : n;
}

/* "raw HEX...": bytes as they are. A whole CALL frame waits for its
 * reply like `call`. */
static int
cat_cmd_raw(struct cat *c, const char *s)
{
    uint8_t *b = arena_alloc(&c->arena, strlen(s) / 2 + 1);
    int64_t n = b ? cat_unhex(s, b) : -ENOMEM;
    struct rpc_hdr h;
    uint32_t len;

    if (n < 0) {
        fprintf(stderr, "cat: raw: need pairs of hex digits\n");
        return -EINVAL;
    }
    if (!c->hex)
        printf("-> raw %lld bytes\n", (long long)n);
    if (cat_send(c, b, (size_t)n) < 0)
        return 0;
    if (n >= RPC_FRAME_MIN && rpc_frame_len(b, &len) == 0 && len == n) {
        rpc_hdr_decode(b + RPC_LEN_SIZE, &h);
        if (h.type == RPC_CALL)
            cat_expect(c, h.prog, h.serial);
    }
    return 0;
}

static void
cat_cmd_ping(struct cat *c)
{
    struct rpc_hdr h = {
        .prog = RPC_PROG_KEEPALIVE, .vers = RPC_VERS,
        .proc = KEEPALIVE_PROC_PING, .type = RPC_MESSAGE,
    };
    uint8_t buf[RPC_FRAME_MIN];
    struct xdr_enc e;

    xdr_enc_init(&e, buf, sizeof(buf), sizeof(buf));
    if (rpc_cli_encode(&e, &h, NULL, NULL) == 0) {
        cat_show_sent(c, &h);
        cat_send(c, e.data, e.len);
    }
}

static int
cat_cmd_wait(struct cat *c, const char *arg)
{
    char *end;
    double secs = strtod(arg, &end);

    if (end == arg || *end || secs < 0 || secs > 86400) {
        fprintf(stderr, "cat: wait: need seconds (0-86400)\n");
        return -EINVAL;
    }
    c->sleep_until = cat_now_ms() + (int64_t)(secs * 1000);
    return 0;
}

static void
cat_help(struct cat *c, const char *word)
{
    fputs(cat_commands, stdout);
    cat_show_procs(c, word);
}

static int
cat_unknown(const char *cmd)
{
    fprintf(stderr, "cat: unknown command '%s' (try: help)\n", cmd);
    return -EINVAL;
}

/* One input line. Encoding failures set the exit status but go on. */
static void
cat_line(struct cat *c, char *line)
{
    char *cmd, *rest;
    int rc = 0;

    line[strcspn(line, "\r\n")] = '\0';
    cmd = line + strspn(line, " \t");
    if (!*cmd || *cmd == '#')
        return;
    rest = cmd + strcspn(cmd, " \t");
    if (*rest)
        *rest++ = '\0';
    rest += strspn(rest, " \t");
    arena_reset(&c->arena);
    if (strcmp(cmd, "call") == 0)
        rc = cat_cmd_call(c, rest);
    else if (strcmp(cmd, "raw") == 0)
        rc = cat_cmd_raw(c, rest);
    else if (strcmp(cmd, "ping") == 0)
        cat_cmd_ping(c);
    else if (strcmp(cmd, "wait") == 0 || strcmp(cmd, "sleep") == 0)
        rc = cat_cmd_wait(c, rest);
    else if (strcmp(cmd, "help") == 0)
        cat_help(c, rest);
    else if (strcmp(cmd, "quit") == 0 || strcmp(cmd, "exit") == 0)
        c->quit = true;
    else
        rc = cat_unknown(cmd);
    if (rc < 0)
        c->status = 1;
    fflush(stdout);
}

/* -- the loop ----------------------------------------------------------------- */

/* Whether the next input line may be taken now. */
static bool
cat_idle(const struct cat *c)
{
    return !c->waiting && cat_now_ms() >= c->sleep_until;
}

/* Run the next whole line (or the unterminated last one at EOF); false
 * when there is none. */
static bool
cat_take_line(struct cat *c)
{
    uint8_t *nl = c->in.len ? memchr(c->in.p, '\n', c->in.len) : NULL;
    size_t n;

    if (!nl && !(c->stdin_eof && c->in.len))
        return false;
    if (!nl && rpc_cli_buf_reserve(&c->in, 1, CAT_LINE_MAX + 1) < 0)
        return false;
    n = nl ? (size_t)(nl - c->in.p) : c->in.len;
    c->in.p[n] = '\0';
    c->prompted = false;
    cat_line(c, (char *)c->in.p);
    rpc_cli_buf_consume(&c->in, nl ? n + 1 : n);
    return true;
}

static void
cat_read_stdin(struct cat *c)
{
    ssize_t n;

    if (rpc_cli_buf_reserve(&c->in, CAT_READ_CHUNK, CAT_LINE_MAX) < 0) {
        fprintf(stderr, "cat: input line too long\n");
        c->status = 1;
        c->stdin_eof = true;
        c->in.len = 0;
        return;
    }
    n = read(STDIN_FILENO, c->in.p + c->in.len, CAT_READ_CHUNK);
    if (n < 0 && errno == EINTR)
        return;
    if (n <= 0)
        c->stdin_eof = true;
    else
        c->in.len += (uint32_t)n;
}

/* One received frame: show it, answer PINGs, end a wait. */
static void
cat_frame(struct cat *c, uint8_t *f, uint32_t len)
{
    struct rpc_hdr h;

    rpc_hdr_decode(f + RPC_LEN_SIZE, &h);
    cat_show_frame(c, f, len, &h);
    if (h.prog == RPC_PROG_KEEPALIVE && h.type == RPC_MESSAGE &&
        h.proc == KEEPALIVE_PROC_PING && !c->no_pong) {
        h.proc = KEEPALIVE_PROC_PONG;
        rpc_hdr_encode(f + RPC_LEN_SIZE, &h);
        cat_show_sent(c, &h);
        cat_send(c, f, RPC_FRAME_MIN);
    }
    if (h.type != RPC_REPLY)
        return;
    if (h.status == RPC_OK && h.proc == 2 && (h.prog == RPC_PROG_REMOTE ||
                                              h.prog == RPC_PROG_ADMIN))
        c->closed = true;                   /* CONNECT_CLOSE in both */
    if (c->waiting && h.prog == c->wait_prog && h.serial == c->wait_serial)
        c->waiting = false;
}

/* Everything readable on the socket, frame by frame. */
static void
cat_read_socket(struct cat *c)
{
    uint8_t *f;
    uint32_t len;
    int rc;

    while ((rc = rpc_cli_recv(&c->cli, 0, &f, &len)) == 0 && !c->lost)
        cat_frame(c, f, len);
    fflush(stdout);
    if (rc == -ETIMEDOUT || c->lost)
        return;
    if (rc == -EPIPE)
        printf("connection closed by the server\n");
    else
        printf("connection lost: %s\n", rc == -EBADMSG
               ? "frame length out of bounds" : strerror(-rc));
    fflush(stdout);
    c->lost = true;
}

/* How long poll may sleep: until the reply deadline or the end of a
 * `wait`, else forever. */
static int
cat_poll_timeout(const struct cat *c)
{
    int64_t now = cat_now_ms(), until = -1;

    if (c->waiting)
        until = c->wait_deadline;
    else if (c->sleep_until > now)
        until = c->sleep_until;
    if (until < 0)
        return -1;
    return until <= now ? 0 : (int)(until - now > 60000 ? 60000
                                    : until - now);
}

static void
cat_poll(struct cat *c)
{
    struct pollfd pfd[2] = {
        { .fd = c->cli.fd, .events = POLLIN },
        { .fd = STDIN_FILENO, .events = POLLIN },
    };
    bool want_in = cat_idle(c) && !c->stdin_eof;

    if (want_in && c->tty && !c->prompted) {
        fputs("virtd> ", stdout);
        fflush(stdout);
        c->prompted = true;
    }
    if (poll(pfd, want_in ? 2 : 1, cat_poll_timeout(c)) < 0 && errno != EINTR)
        c->lost = true;
    if (pfd[0].revents || rpc_cli_pending(&c->cli))
        cat_read_socket(c);
    if (want_in && pfd[1].revents && !c->lost)
        cat_read_stdin(c);
    if (c->waiting && cat_now_ms() >= c->wait_deadline) {
        fprintf(stderr, "cat: no reply to serial %u within %d s\n",
                c->wait_serial, c->timeout_ms / 1000);
        c->waiting = false;
        c->status = 1;
    }
}

static void
cat_loop(struct cat *c)
{
    while (!c->quit && !c->lost) {
        if (cat_idle(c) && cat_take_line(c))
            continue;
        if (cat_idle(c) && c->stdin_eof)
            break;
        cat_poll(c);
    }
    if (c->lost && !c->closed)
        c->status = 1;
}

/* -- options ---------------------------------------------------------------- */

static int
cat_parse_opts(struct cat *c, int argc, char **argv)
{
    static const struct option longs[] = {
        { "hex", 0, NULL, 'x' }, { "admin", 0, NULL, 'a' },
        { "no-pong", 0, NULL, 'P' }, { "timeout", 1, NULL, 'T' },
        { "help", 0, NULL, 'h' }, { NULL, 0, NULL, 0 },
    };
    double secs;
    char *end;
    int ch;

    optind = 1;
    while ((ch = getopt_long(argc, argv, "xaT:h", longs, NULL)) != -1) {
        if (ch == 'x')
            c->hex = true;
        else if (ch == 'a')
            c->admin = true;
        else if (ch == 'P')
            c->no_pong = true;
        else if (ch == 'T' && (secs = strtod(optarg, &end)) > 0 &&
                 !*end && secs <= 86400)
            c->timeout_ms = (int)(secs * 1000);
        else
            return ch == 'h' ? 1 : -EINVAL;
    }
    return optind == argc - 1 ? 0 : -EINVAL;
}

int
cat_main(int argc, char **argv)
{
    struct cat *c = calloc(1, sizeof(*c));
    int rc;

    if (!c)
        return 2;
    c->timeout_ms = 30000;
    rc = cat_parse_opts(c, argc, argv);
    if (rc != 0) {
        fputs(cat_usage, rc > 0 ? stdout : stderr);
        free(c);
        return rc > 0 ? 0 : 2;
    }
    rc = rpc_cli_open(&c->cli, argv[optind]);
    if (rc < 0) {
        fprintf(stderr, "cat: cannot connect to %s: %s\n", argv[optind],
                strerror(-rc));
        free(c);
        return 2;
    }
    c->tty = isatty(STDIN_FILENO);
    arena_init(&c->arena);
    arena_init(&c->show);
    cat_loop(c);
    rc = c->status;
    rpc_cli_close(&c->cli);
    rpc_cli_buf_release(&c->in);
    arena_reset(&c->arena);
    arena_reset(&c->show);
    free(c);
    return rc;
}
