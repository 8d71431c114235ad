/*
 * bench_mix.c: the call mixes of `virtd bench`: which call each pipeline
 * slot sends, and how its reply is validated. Frames come from the shared
 * procedure table (rpc_prog_remote) and the xval codec; fixed calls are
 * encoded once and only their serial is rewritten per send.
 *
 * Threads: bench_mix_prepare/release on the main thread before/after the
 * workers run; emit/reply/more on a worker, touching only that worker's
 * connection, slot and scratch (the mixes are read-only then).
 */
#include "rpc/bench_priv.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BENCH_VALS_MAX 16       /* fields of any ret the mixes decode */
#define BENCH_XML_MAX  512

static const char *const bench_lc_names[BENCH_LC_STEPS] = {
    "DOMAIN_DEFINE_XML", "DOMAIN_CREATE", "DOMAIN_DESTROY",
    "DOMAIN_UNDEFINE_FLAGS",
};

static void
bench_put32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

/* -- checks of decoded replies ------------------------------------------- */

static const char *
bench_check_hostname(const struct bench_mix *m, const struct xval *ret)
{
    (void)m;
    return ret[0].s && ret[0].s[0] ? NULL : "empty hostname";
}

static const char *
bench_check_lookup(const struct bench_mix *m, const struct xval *ret)
{
    return ret[0].s && strcmp(ret[0].s, m->expect) == 0
           ? NULL : "lookup returned another domain";
}

static const char *
bench_check_info(const struct bench_mix *m, const struct xval *ret)
{
    (void)m;
    return ret[0].i >= 0 && ret[0].i <= 7 ? NULL : "domain state out of range";
}

static const char *
bench_check_list(const struct bench_mix *m, const struct xval *ret)
{
    (void)m;
    return ret[1].i == (int64_t)ret[0].n ? NULL
           : "domain count differs from the list";
}

/* -- preparing frames ---------------------------------------------------- */

/* Encode a CALL of @proc (serial 0) into a malloc'ed frame in @r. */
static int
bench_req_encode(struct bench_req *r, const struct rpc_proc *proc,
                 const struct xval *args)
{
    struct rpc_hdr h = {
        .prog = rpc_prog_remote.prog, .vers = rpc_prog_remote.vers,
        .proc = proc->num, .type = RPC_CALL,
    };
    struct xdr_enc e;
    int rc;

    xdr_enc_init(&e, NULL, 0, RPC_FRAME_MAX);
    rc = rpc_cli_encode(&e, &h, proc->args, args);
    if (rc < 0) {
        xdr_enc_release(&e);
        return rc;
    }
    r->proc = proc;
    r->frame = e.data;
    r->len = (uint32_t)e.len;
    return 0;
}

static const struct rpc_proc *
bench_proc(const char *name)
{
    const struct rpc_proc *p = rpc_prog_find_name(&rpc_prog_remote, name);
    int n = p ? xval_count(p->ret) : -1;

    if (!p || n < 0 || n > BENCH_VALS_MAX) {
        fprintf(stderr, "bench: procedure %s is not usable here\n", name);
        return NULL;
    }
    return p;
}

/* Prepare a fixed mix calling @name with args given as text. */
static int
bench_fixed_text(struct bench_mix *m, const char *name, const char *text)
{
    const struct rpc_proc *p = bench_proc(name);
    struct xval args[BENCH_VALS_MAX];
    struct arena a;
    char *why = NULL;
    int rc = -EINVAL;

    if (!p)
        return -ENOENT;
    arena_init(&a);
    if (xval_count(p->args) > BENCH_VALS_MAX ||
        xval_parse_text(p->args, text, args, &a, &why) < 0)
        fprintf(stderr, "bench: %s args: %s\n", name, why ? why : "?");
    else
        rc = bench_req_encode(&m->req, p, args);
    free(why);
    arena_reset(&a);
    return rc;
}

/* A call whose args are one domain plus zeros (flags): "D:dom u:flags". */
static int
bench_dom_args(const char *shape, const struct xval *dom, struct xval *args)
{
    int n = xval_count(shape), i;

    if (n < 1 || n > BENCH_VALS_MAX)
        return -EINVAL;
    memset(args, 0, sizeof(*args) * (size_t)n);
    args[0] = *dom;
    for (i = 1; i < n; i++)
        args[i].present = true;
    return 0;
}

/* Look up o.domain once, for the info mix. */
static int
bench_mix_info(struct bench *b, struct bench_mix *m, struct rpc_cli *cli)
{
    const struct rpc_proc *p = bench_proc("DOMAIN_GET_INFO");
    struct xval name = { .present = true, .s = b->o.domain };
    struct xval ret[BENCH_VALS_MAX], args[BENCH_VALS_MAX];
    struct err err = { 0 };
    struct arena a;
    int rc;

    if (!p)
        return -ENOENT;
    name.n = (uint32_t)strlen(b->o.domain);
    arena_init(&a);
    rc = rpc_cli_call_name(cli, &rpc_prog_remote, "DOMAIN_LOOKUP_BY_NAME",
                           &name, ret, &a, &err, 10000);
    if (rc == 1)
        fprintf(stderr, "bench: domain '%s': %s\n", b->o.domain,
                err.message ? err.message : "error");
    rc = rc == 0 ? bench_dom_args(p->args, &ret[0], args) : -EIO;
    if (rc == 0)
        rc = bench_req_encode(&m->req, p, args);
    err_release(&err);
    arena_reset(&a);
    return rc;
}

static int
bench_mix_lifecycle(struct bench_mix *m)
{
    int i;

    m->kind = BENCH_MIX_LIFECYCLE;
    for (i = 0; i < BENCH_LC_STEPS; i++) {
        m->steps[i] = bench_proc(bench_lc_names[i]);
        if (!m->steps[i])
            return -ENOENT;
    }
    return 0;
}

/* Prepare one mix by name. */
static int
bench_mix_one(struct bench *b, struct bench_mix *m, struct rpc_cli *cli)
{
    char text[300];

    m->kind = BENCH_MIX_FIXED;
    if (strcmp(m->name, "version") == 0)
        return bench_fixed_text(m, "CONNECT_GET_VERSION", "");
    if (strcmp(m->name, "libversion") == 0)
        return bench_fixed_text(m, "CONNECT_GET_LIB_VERSION", "");
    if (strcmp(m->name, "hostname") == 0) {
        m->check = bench_check_hostname;
        return bench_fixed_text(m, "CONNECT_GET_HOSTNAME", "");
    }
    if (strcmp(m->name, "list") == 0) {
        m->check = bench_check_list;
        return bench_fixed_text(m, "CONNECT_LIST_ALL_DOMAINS", "1 0");
    }
    if (strcmp(m->name, "lookup") == 0) {
        m->check = bench_check_lookup;
        m->expect = b->o.domain;
        snprintf(text, sizeof(text), "\"%s\"", b->o.domain);
        return bench_fixed_text(m, "DOMAIN_LOOKUP_BY_NAME", text);
    }
    if (strcmp(m->name, "info") == 0) {
        m->check = bench_check_info;
        return bench_mix_info(b, m, cli);
    }
    if (strcmp(m->name, "lifecycle") == 0)
        return bench_mix_lifecycle(m);
    if (strcmp(m->name, "idle") == 0) {
        m->kind = BENCH_MIX_IDLE;
        return 0;
    }
    fprintf(stderr, "bench: unknown mix '%s' (version, libversion, "
            "hostname, info, list, lookup, lifecycle, idle)\n", m->name);
    return -EINVAL;
}

int
bench_mix_prepare(struct bench *b, struct rpc_cli *cli)
{
    char *save = NULL, *tok;
    int rc = 0;

    if (strchr(b->o.domain, '"') || strchr(b->o.domain, '\\'))
        return -EINVAL;
    b->mix_names = strdup(b->o.mix_text);
    if (!b->mix_names)
        return -ENOMEM;
    b->nmix = 0;
    for (tok = strtok_r(b->mix_names, ",", &save); tok && rc == 0;
         tok = strtok_r(NULL, ",", &save)) {
        if (b->nmix == BENCH_MIXES_MAX)
            return -E2BIG;
        b->mixes[b->nmix].name = tok;
        rc = bench_mix_one(b, &b->mixes[b->nmix++], cli);
    }
    return rc < 0 ? rc : b->nmix ? 0 : -EINVAL;
}

void
bench_mix_release(struct bench *b)
{
    unsigned i;

    for (i = 0; i < b->nmix; i++)
        free(b->mixes[i].req.frame);
    free(b->handshake.frame);
    free(b->mix_names);
    memset(b->mixes, 0, sizeof(b->mixes));
    b->handshake.frame = NULL;
    b->mix_names = NULL;
    b->nmix = 0;
}

int
bench_handshake_prepare(struct bench *b)
{
    struct xval open_args[2] = {
        { .present = true, .s = b->o.uri, .n = (uint32_t)strlen(b->o.uri) },
        { .present = true },
    };
    struct bench_req auth = { 0 }, open = { 0 };
    const struct rpc_proc *pa = bench_proc("AUTH_LIST");
    const struct rpc_proc *po = bench_proc("CONNECT_OPEN");
    int rc = -ENOENT;

    if (pa && po && xval_count(po->args) == 2)
        rc = bench_req_encode(&auth, pa, NULL);
    if (rc == 0)
        rc = bench_req_encode(&open, po, open_args);
    if (rc == 0 && !(b->handshake.frame = malloc(auth.len + open.len)))
        rc = -ENOMEM;
    if (rc == 0) {
        b->hs_procs[0] = pa->num;
        b->hs_procs[1] = po->num;
        memcpy(b->handshake.frame, auth.frame, auth.len);
        bench_put32(open.frame + 20, 1);
        memcpy(b->handshake.frame + auth.len, open.frame, open.len);
        b->handshake.len = auth.len + open.len;
    }
    free(auth.frame);
    free(open.frame);
    return rc;
}

/* -- per call, on a worker ----------------------------------------------- */

/* The lifecycle domain name of a slot for its current cycle. */
static void
bench_lc_name(const struct bench_thread *t, const struct bench_conn *c,
              const struct bench_slot *s, char *buf, size_t cap)
{
    snprintf(buf, cap, "bench-%u-%u-%u-%u", t->b->pid, c->idx,
             (unsigned)(s - c->slots), s->cycle);
}

/* Encode the lifecycle call of the slot's step into t->tx. */
static int
bench_lc_emit(struct bench_thread *t, struct bench_conn *c,
              struct bench_slot *s, uint32_t serial)
{
    const struct rpc_proc *p = t->b->mixes[s->mix].steps[s->step];
    struct rpc_hdr h = {
        .prog = rpc_prog_remote.prog, .vers = rpc_prog_remote.vers,
        .proc = p->num, .type = RPC_CALL, .serial = serial,
    };
    struct xval args[BENCH_VALS_MAX];
    struct xval dom = { .present = true, .i = -1, .uuid = s->uuid };
    char name[64], xml[BENCH_XML_MAX];
    struct xdr_enc e;
    int rc = rpc_cli_buf_reserve(&t->tx, 2 * BENCH_XML_MAX, RPC_FRAME_MAX);

    bench_lc_name(t, c, s, name, sizeof(name));
    dom.s = name;
    dom.n = (uint32_t)strlen(name);
    if (s->step == BENCH_LC_DEFINE) {
        snprintf(xml, sizeof(xml), "<domain type='test'><name>%s</name>"
                 "<memory>1024</memory><os><type>hvm</type></os></domain>",
                 name);
        dom.s = xml;
        dom.n = (uint32_t)strlen(xml);
    }
    if (rc == 0)
        rc = bench_dom_args(p->args, &dom, args);
    if (rc < 0)
        return rc;
    xdr_enc_init(&e, t->tx.p + t->tx.len, t->tx.cap - t->tx.len,
                 t->tx.cap - t->tx.len);
    rc = rpc_cli_encode(&e, &h, p->args, args);
    if (rc == 0)
        t->tx.len += (uint32_t)e.len;
    return rc;
}

int
bench_mix_emit(struct bench_thread *t, struct bench_conn *c,
               struct bench_slot *s, uint32_t serial)
{
    const struct bench_mix *m = &t->b->mixes[s->mix];
    int rc;

    if (m->kind == BENCH_MIX_LIFECYCLE)
        return bench_lc_emit(t, c, s, serial);
    rc = rpc_cli_buf_append(&t->tx, m->req.frame, m->req.len, RPC_FRAME_MAX);
    if (rc == 0)
        bench_put32(t->tx.p + t->tx.len - m->req.len + 20, serial);
    return rc;
}

bool
bench_mix_more(const struct bench *b, const struct bench_slot *s, int phase)
{
    if (b->mixes[s->mix].kind == BENCH_MIX_IDLE)
        return false;
    if (phase == BENCH_WARMUP || phase == BENCH_MEASURE)
        return true;
    return phase == BENCH_DRAIN &&
           b->mixes[s->mix].kind == BENCH_MIX_LIFECYCLE && s->defined;
}

/* Move a lifecycle slot on after a reply (ok or not) to its step. */
static const char *
bench_lc_advance(struct bench_thread *t, struct bench_conn *c,
                 struct bench_slot *s, const struct xval *ret, bool ok)
{
    char name[64];

    switch (s->step) {
    case BENCH_LC_DEFINE:
        bench_lc_name(t, c, s, name, sizeof(name));
        if (!ok || !ret[0].s || strcmp(ret[0].s, name) || !ret[0].uuid) {
            s->cycle++;                 /* next time, a fresh name */
            return ok ? "defined domain has another name" : NULL;
        }
        memcpy(s->uuid, ret[0].uuid, sizeof(s->uuid));
        s->defined = true;
        s->step = BENCH_LC_CREATE;
        break;
    case BENCH_LC_CREATE:
    case BENCH_LC_DESTROY:
        s->step = ok ? s->step + 1 : BENCH_LC_UNDEFINE;
        break;
    default:
        s->defined = false;
        s->cycle++;
        t->lc_cycles += ok;
        s->step = BENCH_LC_DEFINE;
        break;
    }
    return NULL;
}

/* The procedure the slot's outstanding call was for. */
static const struct rpc_proc *
bench_slot_proc(const struct bench *b, const struct bench_slot *s)
{
    const struct bench_mix *m = &b->mixes[s->mix];

    return m->kind == BENCH_MIX_LIFECYCLE ? m->steps[s->step] : m->req.proc;
}

/* An ERROR reply: its message into t->why. */
static const char *
bench_reply_error(struct bench_thread *t, const struct rpc_proc *p,
                  uint8_t *f, uint32_t len)
{
    struct err err = { 0 };

    if (rpc_cli_decode_error(f + RPC_FRAME_MIN, len - RPC_FRAME_MIN,
                             &err) < 0)
        snprintf(t->why, sizeof(t->why), "%s: undecodable error reply",
                 p->name);
    else
        snprintf(t->why, sizeof(t->why), "%s: %s (code %d domain %d)",
                 p->name, err.message ? err.message : "Unknown error",
                 err.code, err.domain);
    err_release(&err);
    return t->why;
}

const char *
bench_mix_reply(struct bench_thread *t, struct bench_conn *c,
                struct bench_slot *s, uint8_t *f, uint32_t len,
                const struct rpc_hdr *h, bool *status_error)
{
    const struct bench_mix *m = &t->b->mixes[s->mix];
    const struct rpc_proc *p = bench_slot_proc(t->b, s);
    struct xdr_dec d = { .p = f + RPC_FRAME_MIN, .len = len - RPC_FRAME_MIN };
    struct xval ret[BENCH_VALS_MAX];
    const char *why = NULL;

    *status_error = false;
    if (h->type != RPC_REPLY || h->proc != p->num ||
        h->vers != rpc_prog_remote.vers)
        why = "reply header does not match the call";
    else if ((*status_error = h->status == RPC_ERROR))
        why = bench_reply_error(t, p, f, len);
    else if (h->status != RPC_OK)
        why = "reply status is neither OK nor ERROR";
    else if (p->ret && *p->ret && xval_decode(p->ret, &d, ret, &t->arena) < 0)
        why = "reply body does not decode";
    else if (m->kind == BENCH_MIX_FIXED && m->check)
        why = m->check(m, ret);
    if (m->kind == BENCH_MIX_LIFECYCLE) {
        const char *lc = bench_lc_advance(t, c, s, ret, why == NULL);

        why = why ? why : lc;
    }
    arena_reset(&t->arena);
    return why;
}
