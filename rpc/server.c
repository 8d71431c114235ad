/*
 * server.c: servers, listeners and accepting, client limits, the admin-side
 * queries, and the reactor-wide loop state: the message cache and the
 * completion queue through which any thread hands frames to the reactor.
 */
#include "rpc/server_priv.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "core/log.h"

#define SRC "rpc.server"
#define ACCEPT_BATCH 64
#define EMFILE_RETRY_MS 5000

static struct rpc_loop *the_loop;
static pthread_mutex_t registry_lock = PTHREAD_MUTEX_INITIALIZER;
static struct rpc_server *registry;     /* registry_lock */

struct rpc_loop *
rpc_loop_get(void)
{
    return the_loop;
}

/* -- messages ----------------------------------------------------------- */

struct rpc_msg *
rpc_msg_new_any(uint32_t cap)
{
    struct rpc_msg *m = calloc(1, sizeof(*m));

    if (!m)
        return NULL;
    if (cap < RPC_FRAME_MIN)
        cap = RPC_FRAME_MIN;
    m->buf = malloc(cap);
    if (!m->buf) {
        free(m);
        return NULL;
    }
    m->cap = cap;
    return m;
}

/* Reactor thread: from the cache when possible. */
struct rpc_msg *
rpc_msg_new(struct rpc_loop *l, uint32_t cap)
{
    struct rpc_msg *m = l->free_msgs;

    if (!m)
        return rpc_msg_new_any(cap);
    l->free_msgs = m->next;
    l->nfree--;
    l->free_bytes -= m->cap;
    m->next = NULL;
    m->client = NULL;
    m->off = 0;
    m->len = 0;
    m->close_after = false;
    m->proc = NULL;
    if (rpc_msg_reserve(m, cap) < 0) {
        free(m->buf);
        free(m);
        return NULL;
    }
    return m;
}

int
rpc_msg_reserve(struct rpc_msg *m, uint32_t cap)
{
    uint8_t *p;
    uint32_t ncap = m->cap ? m->cap : RPC_FRAME_MIN;

    if (cap <= m->cap)
        return 0;
    while (ncap < cap)
        ncap = ncap > RPC_FRAME_MAX / 2 ? RPC_FRAME_MAX : ncap * 2;
    if (ncap < cap)
        ncap = cap;
    p = realloc(m->buf, ncap);
    if (!p)
        return -ENOMEM;
    m->buf = p;
    m->cap = ncap;
    return 0;
}

/* Reactor thread (or teardown): back into the cache, or freed. The cache
 * is bounded by count and by buffer bytes (RPC_MSG_CACHE_*). */
void
rpc_msg_free(struct rpc_loop *l, struct rpc_msg *m)
{
    if (!m)
        return;
    if (!l || l->nfree >= RPC_MSG_CACHE_MAX || m->cap > RPC_MSG_KEEP_CAP ||
        l->free_bytes + m->cap > RPC_MSG_CACHE_BYTES) {
        free(m->buf);
        free(m);
        return;
    }
    m->next = l->free_msgs;
    l->free_msgs = m;
    l->nfree++;
    l->free_bytes += m->cap;
}

/* -- completions: any thread -> reactor --------------------------------- */

void
rpc_loop_post(struct rpc_loop *l, struct rpc_msg *m)
{
    mpsc_push(&l->done, &m->node);
    ev_wake(l->ev);
}

/* Reactor: one message handed back by a worker or another thread. The
 * message carries a client reference, released here. */
static void
loop_complete(struct rpc_loop *l, struct rpc_msg *m)
{
    struct rpc_client *c = m->client;

    m->client = NULL;
    if (atomic_load_explicit(&c->ka_requested, memory_order_acquire))
        rpc_conn_keepalive_start(c);
    switch (m->kind) {
    case RPC_MSG_REPLY:
    case RPC_MSG_ASYNC:
        if (c->closed) {
            rpc_msg_free(l, m);
            break;
        }
        rpc_conn_enqueue(c, m);
        if (!c->closed)
            rpc_conn_mark_dirty(c);
        break;
    case RPC_MSG_CLOSE:
        rpc_msg_free(l, m);
        rpc_conn_close(c, "closed by the administrator");
        break;
    case RPC_MSG_EVENT:
        if (!c->closed && c->srv->cfg.prog->client_event)
            c->srv->cfg.prog->client_event(c, c->priv, m->hdr.proc, m->buf,
                                           m->len);
        rpc_msg_free(l, m);
        break;
    default:
        rpc_msg_free(l, m);
        break;
    }
    rpc_client_unref(c);
}


static void
loop_recheck_all(void)
{
    struct rpc_server *s;

    pthread_mutex_lock(&registry_lock);
    s = registry;
    pthread_mutex_unlock(&registry_lock);
    /* servers are only unlinked on this thread */
    for (; s; s = s->next_server)
        rpc_server_check_accept(s);
}

static void
loop_wake(struct ev *ev, void *opaque)
{
    struct rpc_loop *l = opaque;
    struct mpsc_node *n;

    (void)ev;
    while ((n = mpsc_pop(&l->done)))
        loop_complete(l, (struct rpc_msg *)n);
    if (atomic_exchange_explicit(&l->recheck, false, memory_order_acq_rel))
        loop_recheck_all();
    /* every client that got output: one writev each, for all of it */
    for (unsigned i = 0; i < l->ndirty; i++) {
        struct rpc_client *c = l->dirty[i];

        c->dirty = false;
        if (!c->closed)
            rpc_conn_flush(c);
        rpc_client_unref(c);
    }
    l->ndirty = 0;
}

static struct rpc_loop *
loop_new(struct ev *ev)
{
    struct rpc_loop *l = calloc(1, sizeof(*l));

    if (!l)
        return NULL;
    l->scratch = malloc(RPC_SCRATCH_SIZE);
    if (!l->scratch) {
        free(l);
        return NULL;
    }
    l->ev = ev;
    mpsc_init(&l->done);
    ev_wake_set(ev, loop_wake, l);
    return l;
}

static void
loop_free(struct rpc_loop *l)
{
    struct mpsc_node *n;

    if (!l)
        return;
    while ((n = mpsc_pop(&l->done)))
        loop_complete(l, (struct rpc_msg *)n);
    for (unsigned i = 0; i < l->ndirty; i++)
        rpc_client_unref(l->dirty[i]);
    free(l->dirty);
    while (l->free_msgs) {
        struct rpc_msg *m = l->free_msgs;

        l->free_msgs = m->next;
        free(m->buf);
        free(m);
    }
    free(l->scratch);
    free(l);
}

/* -- client API for programs (rpc/prog.h) ------------------------------- */

void *
rpc_client_priv(struct rpc_client *c)
{
    return c->priv;
}

bool
rpc_client_ro_socket(struct rpc_client *c)
{
    return c->ro_socket;
}

bool
rpc_client_readonly(struct rpc_client *c)
{
    return atomic_load_explicit(&c->readonly, memory_order_acquire);
}

void
rpc_client_set_readonly(struct rpc_client *c, bool ro)
{
    atomic_store_explicit(&c->readonly, ro || c->ro_socket,
                          memory_order_release);
}

bool
rpc_client_is_open(struct rpc_client *c)
{
    return atomic_load_explicit(&c->open, memory_order_acquire);
}

void
rpc_client_set_open(struct rpc_client *c, bool open)
{
    atomic_store_explicit(&c->open, open, memory_order_release);
}

/* The reactor starts the timer when it handles this call's reply (which
 * is how the flag reaches it: see loop_complete). */
void
rpc_client_keepalive_start(struct rpc_client *c)
{
    atomic_store_explicit(&c->ka_requested, true, memory_order_release);
}

struct rpc_server *
rpc_client_server(struct rpc_client *c)
{
    return c->srv;
}

void
rpc_client_ref(struct rpc_client *c)
{
    atomic_fetch_add_explicit(&c->refs, 1, memory_order_relaxed);
}

void
rpc_client_unref(struct rpc_client *c)
{
    const struct rpc_prog *p;

    if (!c)
        return;
    /* acq_rel: the last owner sees every other owner's writes */
    if (atomic_fetch_sub_explicit(&c->refs, 1, memory_order_acq_rel) != 1)
        return;
    p = c->srv->cfg.prog;
    if (p->client_free && c->priv)
        p->client_free(c->priv);
    free(c);
}

/* Encode a MESSAGE frame (serial 1) with body head + body into @m, whose
 * buffer is large enough; becomes an untracked (async) message. */
static int
msg_encode_async(struct rpc_msg *m, uint32_t prog, int32_t proc,
                 const void *head, size_t hlen, const void *body, size_t blen)
{
    struct rpc_hdr h = {
        .prog = prog, .vers = RPC_VERS, .proc = proc,
        .type = RPC_MESSAGE, .serial = 1, .status = RPC_OK,
    };
    struct xdr_enc e;

    xdr_enc_init(&e, m->buf, m->cap, RPC_FRAME_MAX);
    rpc_frame_begin(&e, &h);
    xdr_put_raw(&e, head, hlen);
    xdr_put_raw(&e, body, blen);
    if (rpc_frame_finish(&e) < 0 || e.data != m->buf) {
        if (e.data != m->buf)
            free(e.data);
        return -ENOMEM;
    }
    m->len = (uint32_t)e.len;
    m->hdr = h;
    m->kind = RPC_MSG_ASYNC;
    return 0;
}

int
rpc_client_send_message(struct rpc_client *c, uint32_t prog, int32_t proc,
                        const void *body, size_t len)
{
    struct rpc_msg *m;

    if (atomic_load_explicit(&c->closed, memory_order_acquire))
        return -EPIPE;
    if (len > RPC_PAYLOAD_MAX)
        return -EMSGSIZE;
    m = rpc_msg_new_any(RPC_FRAME_MIN + (uint32_t)len);
    if (!m)
        return -ENOMEM;
    if (msg_encode_async(m, prog, proc, NULL, 0, body, len) < 0) {
        rpc_msg_free(NULL, m);
        return -ENOMEM;
    }
    m->client = c;
    rpc_client_ref(c);
    rpc_loop_post(the_loop, m);
    return 0;
}

int
rpc_client_post_event(struct rpc_client *c, int32_t tag, const void *data,
                      size_t len)
{
    struct rpc_msg *m;

    if (atomic_load_explicit(&c->closed, memory_order_acquire))
        return -EPIPE;
    if (!c->srv->cfg.prog->client_event)
        return -ENOTSUP;
    if (len > RPC_PAYLOAD_MAX)
        return -EMSGSIZE;
    if (!(m = rpc_msg_new_any((uint32_t)len)))
        return -ENOMEM;
    memcpy(m->buf, data, len);
    m->len = (uint32_t)len;
    m->hdr.proc = tag;
    m->kind = RPC_MSG_EVENT;
    m->client = c;
    rpc_client_ref(c);
    rpc_loop_post(the_loop, m);
    return 0;
}

int
rpc_client_queue_message(struct rpc_client *c, uint32_t prog, int32_t proc,
                         const void *head, size_t hlen, const void *body,
                         size_t blen)
{
    struct rpc_msg *m;
    size_t len = hlen + blen;

    if (c->closed)
        return -EPIPE;
    if (hlen > RPC_PAYLOAD_MAX || blen > RPC_PAYLOAD_MAX - hlen)
        return -EMSGSIZE;
    if (!(m = rpc_msg_new(the_loop, RPC_FRAME_MIN + (uint32_t)len)))
        return -ENOMEM;
    if (msg_encode_async(m, prog, proc, head, hlen, body, blen) < 0) {
        rpc_msg_free(the_loop, m);
        return -ENOMEM;
    }
    rpc_conn_enqueue(c, m);
    if (!c->closed)
        rpc_conn_mark_dirty(c);
    return 0;
}

/* -- servers and accepting ---------------------------------------------- */

static void
server_emfile_retry(struct ev *ev, void *opaque)
{
    (void)ev;
    rpc_server_check_accept(opaque);
}

struct rpc_server *
rpc_server_new(struct ev *ev, const struct rpc_server_cfg *cfg,
               char **errmsg)
{
    struct rpc_server *s;
    struct rpc_server **pp;

    if (!the_loop && !(the_loop = loop_new(ev))) {
        *errmsg = strdup("cannot allocate the server loop");
        return NULL;
    }
    s = calloc(1, sizeof(*s));
    if (!s || !(s->name = strdup(cfg->name))) {
        free(s);
        *errmsg = strdup("out of memory");
        return NULL;
    }
    s->cfg = *cfg;
    if (s->cfg.max_client_requests == 0)
        s->cfg.max_client_requests = 1;
    s->ev = ev;
    s->max_clients = cfg->max_clients;
    s->max_unauth = cfg->max_anonymous_clients;
    s->next_id = 1;
    pthread_mutex_init(&s->lock, NULL);
    ev_timer_init(&s->emfile_timer, server_emfile_retry, s);
    s->pool = pool_new(s->name, &cfg->workers,
                       cfg->job_queue_cap ? cfg->job_queue_cap : 4096,
                       rpc_job_run, s);
    if (!s->pool) {
        if (asprintf(errmsg, "cannot start the workers of server '%s': %s",
                     s->name, strerror(errno)) < 0)
            *errmsg = NULL;
        pthread_mutex_destroy(&s->lock);
        free(s->name);
        free(s);
        return NULL;
    }
    pthread_mutex_lock(&registry_lock);
    for (pp = &registry; *pp; pp = &(*pp)->next_server)
        ;
    *pp = s;
    pthread_mutex_unlock(&registry_lock);
    return s;
}

static void
server_set_listening(struct rpc_server *s, bool on)
{
    if (s->accepting == on)
        return;
    s->accepting = on;
    for (unsigned i = 0; i < s->nlisteners; i++)
        ev_io_mod(s->ev, s->listeners[i].fd, on ? EV_READ : 0);
}

/* Reactor: accept while below the limits (protocol.md §8.4). */
void
rpc_server_check_accept(struct rpc_server *s)
{
    bool full;

    if (!s->started || s->shutting_down)
        return;
    pthread_mutex_lock(&s->lock);
    full = s->nclients >= s->max_clients;
    pthread_mutex_unlock(&s->lock);
    if (ev_timer_active(&s->emfile_timer))
        return;
    server_set_listening(s, !full);
}

static void
loop_count(int delta)
{
    struct rpc_loop *l = the_loop;

    l->nclients += delta;
    if (l->on_count)
        l->on_count(l->nclients, l->on_count_opaque);
}

static void
server_peer_info(struct rpc_client *c, int fd)
{
    struct ucred cred;
    socklen_t len = sizeof(cred);

    c->timestamp = time(NULL);
    if (c->transport == RPC_TRANSPORT_UNIX &&
        getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &len) == 0) {
        c->has_cred = true;
        c->uid = cred.uid;
        c->gid = cred.gid;
        c->pid = cred.pid;
    }
}

static void
server_add_client(struct rpc_server *s, int fd, const struct rpc_listener *li)
{
    struct rpc_client *c = rpc_conn_new(s, fd, li);

    if (!c) {
        log_error(SRC, "cannot register a new client: out of memory");
        close(fd);
        return;
    }
    server_peer_info(c, fd);
    if (li->same_uid_only && (!c->has_cred || c->uid != geteuid())) {
        log_warn(SRC, "server '%s': refusing client uid %d pid %d: only "
                 "uid %d may connect", s->name, (int)c->uid,
                 (int)c->pid, (int)geteuid());
        ev_io_del(s->ev, fd);
        close(fd);
        free(c);
        return;
    }
    pthread_mutex_lock(&s->lock);
    c->id = s->next_id++;
    c->prev = s->clients_tail;
    if (s->clients_tail)
        s->clients_tail->next = c;
    else
        s->clients_head = c;
    s->clients_tail = c;
    s->nclients++;
    pthread_mutex_unlock(&s->lock);
    if (s->cfg.prog->client_new)
        c->priv = s->cfg.prog->client_new(c);
    log_debug(SRC, "server '%s': client %llu connected (uid %d pid %d)",
              s->name, (unsigned long long)c->id, (int)c->uid,
              (int)c->pid);
    loop_count(1);
}

void
rpc_server_accept(struct ev *ev, int fd, unsigned events, void *opaque)
{
    struct rpc_server *s = opaque;
    const struct rpc_listener *li = NULL;

    (void)events;
    for (unsigned i = 0; i < s->nlisteners; i++)
        if (s->listeners[i].fd == fd)
            li = &s->listeners[i];
    for (int i = 0; li && i < ACCEPT_BATCH && s->accepting; i++) {
        int cfd = accept4(fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);

        if (cfd < 0) {
            if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS ||
                errno == ENOMEM) {
                log_error(SRC, "server '%s': cannot accept: %s; pausing "
                          "for %d s", s->name, strerror(errno),
                          EMFILE_RETRY_MS / 1000);
                server_set_listening(s, false);
                ev_timer_start(ev, &s->emfile_timer, EMFILE_RETRY_MS);
            }
            break;
        }
        server_add_client(s, cfd, li);
        rpc_server_check_accept(s);
    }
}

void
rpc_server_start(struct rpc_server *s)
{
    if (!s->started) {
        for (unsigned i = 0; i < s->nlisteners; i++)
            ev_io_add(s->ev, s->listeners[i].fd, 0, rpc_server_accept, s);
        s->started = true;
    }
    rpc_server_check_accept(s);
}

/* Reactor: @c's connection ended. */
void
rpc_server_client_gone(struct rpc_server *s, struct rpc_client *c)
{
    pthread_mutex_lock(&s->lock);
    if (c->prev)
        c->prev->next = c->next;
    else
        s->clients_head = c->next;
    if (c->next)
        c->next->prev = c->prev;
    else
        s->clients_tail = c->prev;
    c->prev = c->next = NULL;
    s->nclients--;
    pthread_mutex_unlock(&s->lock);
    if (s->cfg.prog->client_gone && c->priv)
        s->cfg.prog->client_gone(c, c->priv);
    loop_count(-1);
    rpc_server_check_accept(s);
}

static void
server_close_listeners(struct rpc_server *s)
{
    for (unsigned i = 0; i < s->nlisteners; i++) {
        struct rpc_listener *li = &s->listeners[i];

        if (s->started)
            ev_io_del(s->ev, li->fd);
        close(li->fd);
        if (li->path)
            unlink(li->path);
        free(li->path);
    }
    s->nlisteners = 0;
    s->accepting = false;
}

void
rpc_server_shutdown(struct rpc_server *s)
{
    struct rpc_client *c;

    if (s->shutting_down)
        return;
    s->shutting_down = true;
    ev_timer_stop(s->ev, &s->emfile_timer);
    server_close_listeners(s);
    pthread_mutex_lock(&s->lock);
    c = s->clients_head;
    pthread_mutex_unlock(&s->lock);
    /* the list only changes on this thread, so walking it unlocked from
     * here is safe; the lock is for admin readers */
    for (; c; c = c->next)
        rpc_conn_stop_reading(c);
}

bool
rpc_server_idle(struct rpc_server *s)
{
    struct pool_stats st;

    for (struct rpc_client *c = s->clients_head; c; c = c->next)
        if (c->inflight || c->tx_head || c->parked_head)
            return false;
    pool_get_stats(s->pool, &st);
    return st.job_queue_depth == 0;
}

void
rpc_server_free(struct rpc_server *s)
{
    struct rpc_server **pp;

    if (!s)
        return;
    server_close_listeners(s);
    pool_free(s->pool);         /* runs queued jobs, joins every worker */
    if (the_loop)
        loop_wake(s->ev, the_loop);
    while (s->clients_head)
        rpc_conn_close(s->clients_head, "daemon shutdown");
    pthread_mutex_lock(&registry_lock);
    for (pp = &registry; *pp && *pp != s; pp = &(*pp)->next_server)
        ;
    if (*pp)
        *pp = s->next_server;
    pthread_mutex_unlock(&registry_lock);
    if (!registry && the_loop) {
        loop_free(the_loop);
        the_loop = NULL;
    }
    pthread_mutex_destroy(&s->lock);
    free(s->name);
    free(s);
}

unsigned
rpc_servers_nclients(void)
{
    return the_loop ? the_loop->nclients : 0;
}

void
rpc_servers_on_count(void (*fn)(unsigned nclients, void *opaque),
                     void *opaque)
{
    if (!the_loop)
        return;
    the_loop->on_count = fn;
    the_loop->on_count_opaque = opaque;
}

/* -- the registry (any thread) ------------------------------------------ */

struct rpc_server *
rpc_server_find(const char *name)
{
    struct rpc_server *s;

    pthread_mutex_lock(&registry_lock);
    for (s = registry; s && strcmp(s->name, name) != 0; s = s->next_server)
        ;
    pthread_mutex_unlock(&registry_lock);
    return s;
}

size_t
rpc_server_list(struct rpc_server **out, size_t max)
{
    size_t n = 0;

    pthread_mutex_lock(&registry_lock);
    for (struct rpc_server *s = registry; s; s = s->next_server, n++)
        if (n < max)
            out[n] = s;
    pthread_mutex_unlock(&registry_lock);
    return n;
}

const char *
rpc_server_name(const struct rpc_server *s)
{
    return s->name;
}
