/*
 * cat_priv.h: internals of `virtd cat` shared by cat.c (loop, commands)
 * and cat_show.c (how frames look on screen). Not an API.
 *
 * Thread context: the calling thread of cat_main only.
 */
#ifndef VIRTD_RPC_CAT_PRIV_H
#define VIRTD_RPC_CAT_PRIV_H

#include <stdbool.h>
#include <stdint.h>

#include "core/arena.h"
#include "rpc/client.h"

struct cat {
    struct rpc_cli cli;
    bool hex;                   /* -x: dump every frame */
    bool admin;                 /* -a: names default to the admin program */
    bool no_pong;               /* --no-pong */
    bool tty;                   /* stdin is a terminal: show a prompt */
    bool prompted;              /* prompt shown for the next line */
    int timeout_ms;             /* per reply */
    struct rpc_cli_buf in;      /* stdin bytes not yet used */
    bool stdin_eof;
    bool quit;                  /* `quit` typed */
    bool lost;                  /* connection gone */
    bool closed;                /* CONNECT_CLOSE got its OK reply */
    bool waiting;               /* for the reply below */
    uint32_t wait_prog;
    uint32_t wait_serial;
    int64_t wait_deadline;      /* ms, cat_now_ms() clock */
    int64_t sleep_until;        /* `wait SECS` */
    int status;                 /* exit status so far */
    struct arena arena;         /* one command's parsed arguments */
    struct arena show;          /* one received frame's decoded body */
};

int64_t cat_now_ms(void);

/* "-> 44 bytes" and a hex dump of p[0..n) (dir "->" or "<-"). */
void cat_show_hex(struct cat *c, const char *dir, const uint8_t *p,
                  size_t n);
/* The header line of something we send. */
void cat_show_sent(struct cat *c, const struct rpc_hdr *h);
/* A received frame: header line, then the decoded body (fields by name,
 * an error's code, domain and message, or hex when unknown). */
void cat_show_frame(struct cat *c, uint8_t *f, uint32_t len,
                    const struct rpc_hdr *h);
/* The procedures whose name contains @word ("" for all) with their
 * argument and reply shapes. */
void cat_show_procs(struct cat *c, const char *word);

#endif
