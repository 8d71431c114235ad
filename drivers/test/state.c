/*
 * state.c: the shared test:///default state: its initial content (what
 * libvirtd 9.0's test driver builds from its built-in node XML), open and
 * close of connections, and freeing when the last connection goes.
 *
 * The default state is process-wide by nature (every client of
 * test:///default sees the same objects), hence the one static pointer,
 * guarded by tdrv_default_lock.
 */
#include "drivers/test/test_priv.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static pthread_mutex_t tdrv_default_lock = PTHREAD_MUTEX_INITIALIZER;
static struct tdrv_state *tdrv_default;   /* guarded by tdrv_default_lock */

/* -- small helpers -------------------------------------------------------- */

int
tdrv_oom(struct err *e)
{
    err_set(e, ERR_NO_MEMORY, ERRDOM_TEST, NULL);
    return -1;
}

char *
tdrv_strdup(struct arena *a, const char *s, struct err *e)
{
    char *p = arena_strdup(a, s ? s : "");

    if (!p)
        tdrv_oom(e);
    return p;
}

int
tdrv_xml_result(struct xmlw *w, struct arena *a, char **out, struct err *e)
{
    char *doc = xmlw_finish(w);

    *out = doc ? arena_strdup(a, doc) : NULL;
    free(doc);
    return *out ? 0 : tdrv_oom(e);
}

int
tdrv_dom_append(struct tdrv_state *st, struct tdrv_dom *dom)
{
    struct tdrv_dom **grown = realloc(st->doms,
                                      (st->ndoms + 1) * sizeof(*grown));

    if (!grown)
        return -ENOMEM;
    grown[st->ndoms++] = dom;
    st->doms = grown;
    return 0;
}

int
tdrv_obj_append(struct tdrv_obj ***v, size_t *n, struct tdrv_obj *o)
{
    struct tdrv_obj **grown = realloc(*v, (*n + 1) * sizeof(*grown));

    if (!grown)
        return -ENOMEM;
    grown[(*n)++] = o;
    *v = grown;
    return 0;
}

/* strdup that remembers a failure in *oom instead of returning it. */
static char *
tdrv_bdup(bool *oom, const char *s)
{
    char *p = strdup(s);

    if (!p)
        *oom = true;
    return p;
}

static void
tdrv_uuid(uint8_t *uuid, const char *s)
{
    /* the initial uuids are constants: parsing cannot fail */
    if (drv_uuid_parse(s, uuid) < 0)
        memset(uuid, 0, DRV_UUID_LEN);
}

static struct tdrv_pci
tdrv_pci(unsigned bus, unsigned slot)
{
    struct tdrv_pci a = { .set = true, .bus = bus, .slot = slot };

    return a;
}

/* -- the initial objects -------------------------------------------------- */

/* The domain "test": running, id 1 (libvirt parses it inactive, generates
 * the interface name testnet0 and starts it). */
static struct tdrv_domdef *
tdrv_default_domdef(bool *oom)
{
    struct tdrv_domdef *def = calloc(1, sizeof(*def));

    if (!def || !(def->disks = calloc(1, sizeof(*def->disks))) ||
        !(def->nics = calloc(1, sizeof(*def->nics)))) {
        *oom = true;
        return def;
    }
    def->virt_type = tdrv_bdup(oom, "test");
    def->name = tdrv_bdup(oom, "test");
    tdrv_uuid(def->uuid, "6695eb01-f6a4-8304-79aa-97f2502e193f");
    def->memory = 8388608;
    def->cur_memory = 2097152;
    def->vcpus_max = def->vcpus = 2;
    def->os_type = tdrv_bdup(oom, "hvm");
    def->arch = tdrv_bdup(oom, "i686");
    def->boot[def->nboot++] = tdrv_bdup(oom, "hd");
    def->clock_offset = tdrv_bdup(oom, "utc");
    def->on_poweroff = TDRV_ACT_DESTROY;
    def->on_reboot = TDRV_ACT_RESTART;
    def->on_crash = TDRV_ACT_DESTROY;
    def->hard_limit = def->soft_limit = TDRV_MEM_UNLIMITED;
    def->swap_hard_limit = TDRV_MEM_UNLIMITED;
    def->ndisks = 1;
    def->disks[0].type = tdrv_bdup(oom, "file");
    def->disks[0].device = tdrv_bdup(oom, "disk");
    def->disks[0].source = tdrv_bdup(oom, "/guest/diskimage1");
    def->disks[0].dst = tdrv_bdup(oom, "vda");
    def->disks[0].bus = tdrv_bdup(oom, "virtio");
    def->disks[0].addr = tdrv_pci(1, 0);
    def->nnics = 1;
    def->nics[0].type = tdrv_bdup(oom, "network");
    strcpy(def->nics[0].mac, "aa:bb:cc:dd:ee:ff");
    def->nics[0].source = tdrv_bdup(oom, "default");
    def->nics[0].ifname = tdrv_bdup(oom, "testnet0");
    def->nics[0].addr = tdrv_pci(0, 1);
    def->balloon_model = tdrv_bdup(oom, "virtio");
    def->balloon_addr = tdrv_pci(0, 2);
    return def;
}

static struct tdrv_dom *
tdrv_default_dom(bool *oom)
{
    struct tdrv_dom *dom = calloc(1, sizeof(*dom));

    if (!dom) {
        *oom = true;
        return NULL;
    }
    dom->def = tdrv_default_domdef(oom);
    /* running and persistent: the config is kept apart from the live
     * definition, as libvirt's start does */
    if (!*oom && !(dom->newdef = tdrv_domdef_copy(dom->def)))
        *oom = true;
    dom->id = 1;
    dom->state = DRV_DOM_RUNNING;
    dom->reason = 0;              /* the XML's runstate, reason unknown */
    dom->persistent = true;
    dom->time_s = TDRV_GUEST_TIME;
    return dom;
}

/* The network "default", from the node XML libvirt's test driver has
 * built in; parsing it cannot fail but for memory. */
static struct tdrv_net *
tdrv_default_net(bool *oom)
{
    static const char xml[] =
        "<network><name>default</name>"
        "<uuid>dd8fe884-6c02-601e-7551-cca97df1c5df</uuid>"
        "<bridge name='virbr0'/><forward/>"
        "<ip address='192.168.122.1' netmask='255.255.255.0'><dhcp>"
        "<range start='192.168.122.2' end='192.168.122.254'/>"
        "</dhcp></ip></network>";
    struct tdrv_net *net = calloc(1, sizeof(*net));
    struct err e = { 0 };

    if (!net || tdrv_netdef_parse(xml, &net->def, &e) < 0) {
        err_release(&e);
        free(net);
        *oom = true;
        return NULL;
    }
    net->o.name = tdrv_bdup(oom, net->def->name);
    memcpy(net->o.uuid, net->def->uuid, DRV_UUID_LEN);
    net->o.active = net->o.persistent = true;
    return net;
}

static struct tdrv_pool *
tdrv_default_pool(bool *oom)
{
    struct tdrv_pool *pool = calloc(1, sizeof(*pool));

    if (!pool) {
        *oom = true;
        return NULL;
    }
    pool->o.name = tdrv_bdup(oom, "default-pool");
    tdrv_uuid(pool->o.uuid, "dfe224cb-28fb-8dd0-c4b2-64eb3f0f4566");
    pool->type = 0;               /* "dir" */
    pool->target_path = tdrv_bdup(oom, "/default-pool");
    pool->perm_mode = pool->perm_uid = pool->perm_gid = -1;
    pool->refresh = -1;
    pool->capacity = 100ULL * 1024 * 1024 * 1024;
    pool->allocation = 0;
    pool->available = pool->capacity;
    pool->o.active = pool->o.persistent = true;
    return pool;
}

static struct tdrv_iface *
tdrv_default_iface(bool *oom)
{
    struct tdrv_iface *ifc = calloc(1, sizeof(*ifc));

    if (!ifc) {
        *oom = true;
        return NULL;
    }
    ifc->o.name = tdrv_bdup(oom, "eth1");
    ifc->type = tdrv_bdup(oom, "ethernet");
    ifc->start_mode = tdrv_bdup(oom, "onboot");
    strcpy(ifc->mac, "aa:bb:cc:dd:ee:ff");
    ifc->mtu = 1492;
    ifc->ip_family = tdrv_bdup(oom, "ipv4");
    ifc->ip_address = tdrv_bdup(oom, "192.168.0.5");
    ifc->ip_prefix = 24;
    ifc->gateway = tdrv_bdup(oom, "192.168.0.1");
    ifc->o.active = true;
    return ifc;
}

/* One slot per kind: the initial objects are stored without a later
 * allocation, so a partly built object is always freed with the state. */
static bool
tdrv_state_arrays(struct tdrv_state *st)
{
    st->doms = calloc(1, sizeof(*st->doms));
    st->nets = calloc(1, sizeof(*st->nets));
    st->pools = calloc(1, sizeof(*st->pools));
    st->ifaces = calloc(1, sizeof(*st->ifaces));
    return st->doms && st->nets && st->pools && st->ifaces;
}

struct tdrv_state *
tdrv_state_new_default(void)
{
    struct tdrv_state *st = calloc(1, sizeof(*st));
    struct tdrv_dom *dom;
    struct tdrv_net *net;
    struct tdrv_pool *pool;
    struct tdrv_iface *ifc;
    bool oom = false;

    if (!st || pthread_mutex_init(&st->lock, NULL) != 0) {
        free(st);
        return NULL;
    }
    if (pthread_mutex_init(&st->ev_lock, NULL) != 0) {
        pthread_mutex_destroy(&st->lock);
        free(st);
        return NULL;
    }
    st->next_dom_id = 2;
    oom = !tdrv_state_arrays(st);
    if (!oom && (dom = tdrv_default_dom(&oom)))
        st->doms[st->ndoms++] = dom;
    if (!oom && (net = tdrv_default_net(&oom)))
        st->nets[st->nnets++] = &net->o;
    if (!oom && (pool = tdrv_default_pool(&oom)))
        st->pools[st->npools++] = &pool->o;
    if (!oom && (ifc = tdrv_default_iface(&oom)))
        st->ifaces[st->nifaces++] = &ifc->o;
    if (!oom)
        oom = tdrv_nodedev_defaults(st) < 0;
    if (oom) {
        tdrv_state_free(st);
        return NULL;
    }
    return st;
}

/* -- freeing --------------------------------------------------------------- */

void
tdrv_pool_free(struct tdrv_pool *pool)
{
    if (!pool)
        return;
    for (size_t i = 0; i < pool->nvols; i++)
        tdrv_vol_clear(&pool->vols[i]);
    free(pool->vols);
    free(pool->o.name);
    free(pool->target_path);
    free(pool->perm_label);
    for (size_t i = 0; i < pool->src.nhosts; i++)
        free(pool->src.hosts[i].name);
    free(pool->src.hosts);
    for (size_t i = 0; i < pool->src.ndevs; i++)
        free(pool->src.devs[i].path);
    free(pool->src.devs);
    free(pool->src.name);
    free(pool->src.dir);
    free(pool->src.iqn);
    free(pool->src.protocol_ver);
    free(pool->src.vendor);
    free(pool->src.product);
    free(pool);
}

static void
tdrv_iface_free(struct tdrv_iface *ifc)
{
    if (!ifc)
        return;
    free(ifc->o.name);
    free(ifc->type);
    free(ifc->start_mode);
    free(ifc->ip_family);
    free(ifc->ip_address);
    free(ifc->gateway);
    free(ifc);
}

void
tdrv_state_free(struct tdrv_state *st)
{
    if (!st)
        return;
    for (size_t i = 0; i < st->ndoms; i++) {
        tdrv_dom_free(st->doms[i]);
    }
    for (size_t i = 0; i < st->nnets; i++)
        tdrv_net_free((struct tdrv_net *)st->nets[i]);
    for (size_t i = 0; i < st->npools; i++)
        tdrv_pool_free((struct tdrv_pool *)st->pools[i]);
    for (size_t i = 0; i < st->nifaces; i++)
        tdrv_iface_free((struct tdrv_iface *)st->ifaces[i]);
    for (size_t i = 0; i < st->nnodedevs; i++)
        tdrv_nodedev_free((struct tdrv_nodedev *)st->nodedevs[i]);
    free(st->nodedevs);
    free(st->doms);
    free(st->nets);
    free(st->pools);
    free(st->ifaces);
    tdrv_events_free(st->evq_head);
    pthread_mutex_destroy(&st->ev_lock);
    pthread_mutex_destroy(&st->lock);
    free(st);
}

/* -- open and close -------------------------------------------------------- */

/* Is @uri test:///default, or a test URI this driver must refuse? 1 when
 * not ours, 0 for the default state, -1 with @e set. */
static int
tdrv_check_uri(const struct drv_uri *uri, struct err *e)
{
    const char *path = uri->path;

    if (!uri->scheme || strcmp(uri->scheme, "test") != 0 || uri->server)
        return 1;
    if (path[0] == '\0' || strcmp(path, "/") == 0) {
        err_set(e, ERR_INVALID_ARG, ERRDOM_TEST,
                "testOpen: supply a path or use test:///default");
        return -1;
    }
    if (strcmp(path, "/default") == 0)
        return 0;
    /* Custom node XML files are not supported; libvirtd answers this for
     * a file it cannot parse. */
    err_set(e, ERR_XML_ERROR, ERRDOM_TEST,
            "failed to parse xml document '%s'", path);
    return -1;
}

/* Take a reference on the default state, creating it when needed.
 * Caller holds tdrv_default_lock. */
static struct tdrv_state *
tdrv_default_get_locked(void)
{
    if (!tdrv_default)
        tdrv_default = tdrv_state_new_default();
    return tdrv_default;
}

int
tdrv_open(const struct drv_uri *uri, unsigned flags,
          const struct drv_event_sink *sink, struct drv_conn **out,
          struct err *e)
{
    struct tdrv_conn *tc;
    int rc = tdrv_check_uri(uri, e);

    if (rc != 0)
        return rc;
    if (drv_flags_unsupported(e, ERRDOM_TEST, "testConnectOpen", flags,
                              DRV_CONNECT_RO)) {
        return -1;
    }
    if (!(tc = calloc(1, sizeof(*tc))) ||
        !(tc->base.uri = strdup("test:///default"))) {
        free(tc);
        return tdrv_oom(e);
    }
    if (sink)
        tc->sink = *sink;
    pthread_mutex_lock(&tdrv_default_lock);
    if ((tc->st = tdrv_default_get_locked())) {
        tc->st->nconns++;
        tc->next = tc->st->conns;
        tc->st->conns = tc;
    }
    pthread_mutex_unlock(&tdrv_default_lock);
    if (!tc->st) {
        free(tc->base.uri);
        free(tc);
        return tdrv_oom(e);
    }
    *out = &tc->base;
    return 0;
}

void
tdrv_close(struct drv_conn *c)
{
    struct tdrv_conn *tc = (struct tdrv_conn *)c;
    struct tdrv_state *dead = NULL;
    struct tdrv_conn **pp;

    pthread_mutex_lock(&tdrv_default_lock);
    for (pp = &tc->st->conns; *pp; pp = &(*pp)->next) {
        if (*pp == tc) {
            *pp = tc->next;
            break;
        }
    }
    if (--tc->st->nconns == 0) {
        dead = tc->st;
        if (dead == tdrv_default)
            tdrv_default = NULL;
    }
    pthread_mutex_unlock(&tdrv_default_lock);
    tdrv_state_free(dead);
    free(tc->base.uri);
    free(tc);
}

void
tdrv_conns_each(struct tdrv_state *st,
                void (*fn)(struct tdrv_conn *tc, void *opaque), void *opaque)
{
    pthread_mutex_lock(&tdrv_default_lock);
    for (struct tdrv_conn *tc = st->conns; tc; tc = tc->next)
        fn(tc, opaque);
    pthread_mutex_unlock(&tdrv_default_lock);
}
