/*
 * job.c: the worker side of a call. A worker takes a CALL message from the
 * pool, checks the session state, decodes the args by the procedure's
 * shape, runs the handler, encodes the reply into a per-thread buffer,
 * swaps that buffer into the message and posts it to the reactor.
 *
 * Every function here runs on a worker thread except rpc_msg_set_error(),
 * which the reactor also uses for errors it detects itself.
 */
#include "rpc/server_priv.h"

#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "rpc/xdr_priv.h"

#define SRC "rpc.job"
#define TLS_KEEP_CAP (1024 * 1024)   /* larger per-thread buffers are freed */

/* Per worker thread: the reply buffer and the call arena, freed by a
 * thread-exit destructor. */
struct job_tls {
    uint8_t *buf;
    size_t cap;
    struct arena arena;
};

static pthread_key_t tls_key;
static pthread_once_t tls_once = PTHREAD_ONCE_INIT;
static __thread struct job_tls *tls;

#define tls_buf (tls->buf)
#define tls_cap (tls->cap)

static void
job_tls_free(void *p)
{
    struct job_tls *t = p;

    arena_reset(&t->arena);
    free(t->buf);
    free(t);
}

static void
job_tls_key(void)
{
    pthread_key_create(&tls_key, job_tls_free);
}

static struct job_tls *
job_tls_get(void)
{
    if (tls)
        return tls;
    pthread_once(&tls_once, job_tls_key);
    tls = calloc(1, sizeof(*tls));
    if (!tls)
        return NULL;
    arena_init(&tls->arena);
    pthread_setspecific(tls_key, tls);
    return tls;
}

/* Replace @m's buffer with the frame in @e (whose buffer came from the
 * thread: the old message buffer becomes the thread's next one). */
static void
job_swap_in(struct rpc_msg *m, struct xdr_enc *e)
{
    uint8_t *old = m->buf;
    size_t oldcap = m->cap;

    if (e->data != tls_buf)
        free(tls_buf);          /* the encoder outgrew it */
    m->buf = e->data;
    m->cap = (uint32_t)e->cap;
    m->len = (uint32_t)e->len;
    m->off = 0;
    if (oldcap > TLS_KEEP_CAP) {
        free(old);
        old = NULL;
        oldcap = 0;
    }
    tls_buf = old;
    tls_cap = oldcap;
}

/* virtd never returns descriptors, so every reply is a plain REPLY, also
 * to a CALL_WITH_FDS (libvirtd answers those with REPLY too, live). */
static void
reply_hdr(const struct rpc_msg *m, int status, struct rpc_hdr *h)
{
    *h = m->hdr;
    h->type = RPC_REPLY;
    h->status = status;
}

/*
 * Encode an error reply for @m's call into @m itself. The request bytes
 * are no longer needed (the header was decoded), so the buffer is reused.
 */
void
rpc_msg_set_error(struct rpc_msg *m, const struct err *e)
{
    struct rpc_hdr h;
    struct xdr_enc enc;

    reply_hdr(m, RPC_ERROR, &h);
    xdr_enc_init(&enc, m->buf, m->cap, RPC_FRAME_MAX);
    rpc_frame_begin(&enc, &h);
    rpc_error_encode(&enc, e);
    if (rpc_frame_finish(&enc) < 0) {
        /* cannot happen short of ENOMEM: send a bare error frame */
        if (enc.data != m->buf)
            free(enc.data);
        xdr_enc_init(&enc, m->buf, m->cap, RPC_FRAME_MAX);
        rpc_frame_begin(&enc, &h);
        rpc_frame_finish(&enc);
    }
    if (enc.data != m->buf) {
        free(m->buf);
        m->buf = enc.data;
        m->cap = (uint32_t)enc.cap;
    }
    m->len = (uint32_t)enc.len;
    m->off = 0;
}

void
rpc_msg_set_rpc_error(struct rpc_msg *m, int code, const char *fmt, ...)
{
    struct err e = { 0 };
    char *text = NULL;
    va_list ap;

    va_start(ap, fmt);
    if (vasprintf(&text, fmt, ap) < 0)
        text = NULL;
    va_end(ap);
    if (code == ERR_RPC)
        err_set(&e, code, ERRDOM_RPC, "%s", text ? text : "RPC error");
    else
        err_set(&e, code, ERRDOM_RPC, "%s", text ? text : "");
    rpc_msg_set_error(m, &e);
    err_release(&e);
    free(text);
}

/* virErrorDomain for a read-only denial: that of the libvirt source file
 * the API lives in, i.e. of the object it concerns; virConnect* APIs sit
 * with their object too (live: virConnectGetDomainCapabilities -> 20). */
static int
deny_domain(const char *api)
{
    static const struct {
        const char *prefix;
        const char *part;             /* NULL: any */
        int domain;
    } fam[] = {
        /* libvirt-domain-snapshot.c reports in its own domain */
        { "virDomainSnapshot", NULL, ERRDOM_DOMAIN_SNAPSHOT },
        { "virDomainRevertToSnapshot", NULL, ERRDOM_DOMAIN_SNAPSHOT },
        { "virDomain", NULL, ERRDOM_DOMAIN },
        /* libvirt-nodedev.c reports in the node device domain */
        { "virNodeDevice", NULL, ERRDOM_NODEDEV },
        /* libvirt-host.c reports in the domain domain too */
        { "virNode", NULL, ERRDOM_DOMAIN },
        { "virNetwork", NULL, ERRDOM_NETWORK },
        { "virStorage", NULL, ERRDOM_STORAGE },
        { "virInterface", NULL, ERRDOM_INTERFACE },
        { "virSecret", NULL, ERRDOM_SECRET },
        { "virNWFilter", NULL, ERRDOM_NWFILTER },
        { "virConnect", "Domain", ERRDOM_DOMAIN },
        { "virConnect", "StoragePool", ERRDOM_STORAGE },
        { "virConnect", "Network", ERRDOM_NETWORK },
    };

    for (size_t i = 0; api && i < sizeof(fam) / sizeof(fam[0]); i++)
        if (strncmp(api, fam[i].prefix, strlen(fam[i].prefix)) == 0 &&
            (!fam[i].part || strstr(api, fam[i].part)))
            return fam[i].domain;
    return ERRDOM_NONE;
}

/*
 * libvirtd decodes typed-parameter names of any length, then refuses the
 * ones that do not fit its 80-byte field (VIR_TYPED_PARAM_FIELD_LENGTH)
 * when it converts them: INTERNAL_ERROR, domain NONE (live). T appears
 * only in arrays ("T[16]:params"), at the start of a shape field.
 */
static int
job_check_params(const char *shape, const struct xval *args,
                 struct err *err)
{
    const char *f = shape;

    for (int i = 0; f && *f; i++) {
        for (uint32_t k = 0; *f == 'T' && k < args[i].n; k++) {
            const struct xval *tp = &args[i].a[k];

            if (tp->n > XDR_FIELD_NAME_MAX) {
                err_set(err, ERR_INTERNAL_ERROR, ERRDOM_NONE,
                        "parameter %s too big for destination", tp->s);
                return -1;
            }
        }
        if ((f = strchr(f, ' ')))
            f++;
    }
    return 0;
}

/* Decode, session checks, handler, in libvirtd's order (args that do not
 * decode are reported before "connection not open" or a read-only denial,
 * live). 0 with call->ret filled, or -1 with call->err set. */
static int
job_call(struct rpc_msg *m, struct rpc_call *call)
{
    const struct rpc_proc *p = m->proc;
    struct xdr_dec d = { m->buf + m->body, m->len - m->body, 0 };
    int nargs = xval_count(p->args);
    int nret = xval_count(p->ret);

    if (nargs < 0 || nret < 0) {
        err_set(&call->err, ERR_INTERNAL_ERROR, ERRDOM_RPC,
                "malformed shape for procedure %d", p->num);
        return -1;
    }
    call->args = arena_alloc(call->arena, sizeof(struct xval) * (nargs + 1));
    call->ret = arena_alloc(call->arena, sizeof(struct xval) * (nret + 1));
    if (!call->args || !call->ret) {
        err_set(&call->err, ERR_NO_MEMORY, ERRDOM_RPC, NULL);
        return -1;
    }
    if (xval_decode(p->args, &d, call->args, call->arena) < 0) {
        err_set(&call->err, ERR_RPC, ERRDOM_RPC,
                "Unable to decode message payload");
        return -1;
    }
    if (!(p->flags & RPC_PROC_NO_OPEN) && !rpc_client_is_open(call->client)) {
        err_set(&call->err, ERR_INTERNAL_ERROR, ERRDOM_RPC,
                "hypervisor connection not open");
        return -1;
    }
    if (job_check_params(p->args, call->args, &call->err) < 0)
        return -1;
    if ((p->flags & RPC_PROC_RO_DENY) && rpc_client_readonly(call->client)) {
        err_set(&call->err, ERR_OPERATION_DENIED, deny_domain(p->api),
                "read only access prevents %s", p->api ? p->api : p->name);
        return -1;
    }
    return p->fn(call);
}

static void
job_encode(struct rpc_msg *m, struct rpc_call *call, int rc)
{
    struct rpc_hdr h;
    struct xdr_enc e;

    if (!tls_buf && (tls_buf = malloc(4096)))
        tls_cap = 4096;
    if (rc == 0) {
        reply_hdr(m, RPC_OK, &h);
        xdr_enc_init(&e, tls_buf, tls_cap, RPC_FRAME_MAX);
        rpc_frame_begin(&e, &h);
        xval_encode(m->proc->ret, call->ret, &e);
        if (rpc_frame_finish(&e) == 0) {
            job_swap_in(m, &e);
            return;
        }
        log_error(SRC, "cannot encode the reply to %s: %s", m->proc->name,
                  strerror(-e.err));
        if (e.data != tls_buf)
            free(e.data);
        err_set(&call->err, ERR_RPC, ERRDOM_RPC,
                "Unable to encode message payload");
    }
    rpc_msg_set_error(m, &call->err);
}

void
rpc_job_run(void *job, void *opaque)
{
    struct rpc_msg *m = job;
    struct rpc_call call = { 0 };
    int rc;

    (void)opaque;
    call.client = m->client;
    call.hdr = &m->hdr;
    call.proc = m->proc;
    if (!job_tls_get()) {
        err_set(&call.err, ERR_NO_MEMORY, ERRDOM_RPC, NULL);
        rc = -1;
    } else {
        call.arena = &tls->arena;
        rc = job_call(m, &call);
        if (rc < 0 && !err_isset(&call.err))
            err_set(&call.err, ERR_INTERNAL_ERROR, ERRDOM_RPC,
                    "procedure %s failed without an error", m->proc->name);
    }
    if (tls) {
        job_encode(m, &call, rc);
        arena_reset(&tls->arena);
    } else {
        rpc_msg_set_error(m, &call.err);
    }
    m->close_after = call.close_after;
    m->kind = RPC_MSG_REPLY;
    err_release(&call.err);
    pool_job_done();    /* free before the client can see the reply */
    rpc_loop_post(rpc_loop_get(), m);
}
