/*
 * domain_parse_gfx.c: the display, console, channel and RNG devices of a
 * domain definition: <graphics> (vnc, spice, sdl), <video>, <serial> and
 * <console> (pty or file), <channel> (virtio: unix, pty, spicevmc) and
 * <rng> (random backend), with libvirt 9.0's defaults: automatic ports,
 * listen elements, video RAM by model and the primary video first, serial
 * port numbers, and the console that mirrors the first serial port (or
 * the serial port a serial console implies). Pure; the caller owns @def.
 */
#include "drivers/test/domain_parse.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "drivers/test/xmlp.h"

static const char *const tdrv_graphics_types[] = {
    "sdl", "vnc", "rdp", "desktop", "spice", "egl-headless", "dbus", NULL,
};

static const char *const tdrv_video_models[] = {
    "default", "vga", "cirrus", "vmvga", "xen", "vbox", "qxl", "parallels",
    "virtio", "gop", "none", "bochs", "ramfb", NULL,
};

static const char *const tdrv_chr_types[] = {
    "null", "vc", "pty", "dev", "file", "pipe", "stdio", "udp", "tcp",
    "unix", "spicevmc", "spiceport", "nmdm", "qemu-vdagent", "dbus", NULL,
};

static const char *const tdrv_console_targets[] = {
    "none", "serial", "xen", "uml", "virtio", "lxc", "openvz", "sclp",
    "sclplm", NULL,
};

/* -- graphics -------------------------------------------------------------- */

/* A port attribute: 0 when absent, else an int ("cannot parse ..."). */
static int
tdrv_gfx_port(const struct xml_node *n, const char *attr, const char *what,
              int *port, struct err *e)
{
    const char *s = xml_attr(n, attr);
    unsigned long long v;
    bool neg = s && s[0] == '-';

    *port = 0;
    if (!s)
        return 0;
    if (tdrv_xp_parse_ull(neg ? s + 1 : s, &v) < 0 || v > INT_MAX) {
        err_set(e, ERR_INTERNAL_ERROR, ERRDOM_DOMAIN, "cannot parse %s %s",
                what, s);
        return -1;
    }
    *port = neg ? -(int)v : (int)v;
    return 0;
}

/* The address the graphics listen on: the attribute, or the first
 * <listen type='address'>, which must agree. */
static int
tdrv_gfx_listen(const struct xml_node *n, struct tdrv_graphics *g,
                struct err *e)
{
    const char *attr = xml_attr(n, "listen");
    const struct xml_node *l = xml_child(n, "listen");
    const char *child = l ? xml_attr(l, "address") : NULL;

    if (attr && child && strcmp(attr, child) != 0) {
        err_set(e, ERR_CONFIG_UNSUPPORTED, ERRDOM_DOMAIN,
                "graphics 'listen' attribute '%s' must match 'address' "
                "attribute of first listen element (found '%s')", attr,
                child);
        return -1;
    }
    return tdrv_xp_dup(&g->listen, attr ? attr : child, e);
}

/* vnc: no port, or -1, means an automatic one; spice: both ports -1. */
static int
tdrv_gfx_ports(const struct xml_node *n, struct tdrv_graphics *g,
               bool vnc, struct err *e)
{
    const char *autoport = xml_attr(n, "autoport");

    if (tdrv_gfx_port(n, "port", vnc ? "vnc port" : "spice port",
                      &g->port, e) < 0 ||
        (!vnc && tdrv_gfx_port(n, "tlsPort", "spice tlsPort", &g->tls_port,
                               e) < 0))
        return -1;
    if (vnc)
        g->autoport = !xml_attr(n, "port") || g->port == -1;
    else
        g->autoport = g->port == -1 && g->tls_port == -1;
    if (autoport)
        g->autoport = strcmp(autoport, "yes") == 0;
    if (g->autoport)
        g->port = g->tls_port = 0;
    else if (g->port < 0)
        g->port = 0;
    return 0;
}

static int
tdrv_gfx_parse(const struct xml_node *n, struct tdrv_graphics *g,
               struct err *e)
{
    int type;
    bool vnc;

    if (!tdrv_xp_required(n, "type", e) ||
        tdrv_xp_enum(n, "type", tdrv_graphics_types, &type, e) < 0 ||
        tdrv_xp_dup(&g->type, tdrv_graphics_types[type], e) < 0)
        return -1;
    if (type != 0 && type != 1 && type != 4) {
        err_set(e, ERR_CONFIG_UNSUPPORTED, ERRDOM_DOMAIN,
                "graphics type '%s' is not supported by this driver",
                g->type);
        return -1;
    }
    if (type == 0)
        return 0;
    vnc = type == 1;
    if (tdrv_gfx_ports(n, g, vnc, e) < 0 || tdrv_gfx_listen(n, g, e) < 0 ||
        tdrv_xp_dup(&g->keymap, xml_attr(n, "keymap"), e) < 0 ||
        tdrv_xp_dup(&g->passwd, xml_attr(n, "passwd"), e) < 0)
        return -1;
    /* spice with no port at all listens nowhere */
    g->listen_none = !vnc && !g->port && !g->tls_port && !g->autoport;
    if (g->listen_none) {
        free(g->listen);
        g->listen = NULL;
    }
    if (!vnc && !g->port && !g->tls_port && !g->autoport) {
        free(g->passwd);
        g->passwd = NULL;
    }
    return 0;
}

/* -- video ----------------------------------------------------------------- */

static int
tdrv_video_num(const struct xml_node *m, const char *attr, unsigned *v,
               struct err *e)
{
    const char *s = xml_attr(m, attr);
    unsigned long long n;

    if (!s)
        return 0;
    if (tdrv_xp_parse_ull(s, &n) < 0 || n > UINT_MAX) {
        err_set(e, ERR_XML_ERROR, ERRDOM_DOMAIN,
                "cannot parse video %s '%s'", attr, s);
        return -1;
    }
    *v = (unsigned)n;
    return 0;
}

/* virDomainVideoDefaultRAM and the other defaults of a PC guest. */
static void
tdrv_video_defaults(struct tdrv_video *v)
{
    const char *m = v->model;

    if (strcmp(m, "none") == 0)
        return;
    if (!v->vram && (strcmp(m, "vga") == 0 || strcmp(m, "cirrus") == 0 ||
                     strcmp(m, "vmvga") == 0 || strcmp(m, "bochs") == 0))
        v->vram = 16384;
    if (strcmp(m, "qxl") == 0) {
        v->vram = v->vram ? v->vram : 65536;
        v->ram = v->ram ? v->ram : 65536;
    }
}

static int
tdrv_video_parse(const struct xml_node *n, struct tdrv_video *v,
                 bool *explicit_heads, struct err *e)
{
    const struct xml_node *m = xml_child(n, "model");
    const char *type = xml_attr(m, "type");
    const char *primary = xml_attr(m, "primary");

    if (type && tdrv_xp_index(tdrv_video_models, type) < 0) {
        err_set(e, ERR_CONFIG_UNSUPPORTED, ERRDOM_DOMAIN,
                "unknown video model '%s'", type);
        return -1;
    }
    if (tdrv_xp_dup(&v->model, !type || strcmp(type, "default") == 0 ?
                                   "cirrus" : type, e) < 0 ||
        tdrv_video_num(m, "ram", &v->ram, e) < 0 ||
        tdrv_video_num(m, "vram", &v->vram, e) < 0 ||
        tdrv_video_num(m, "vgamem", &v->vgamem, e) < 0 ||
        tdrv_video_num(m, "heads", &v->heads, e) < 0)
        return -1;
    *explicit_heads = xml_attr(m, "heads") != NULL;
    v->primary = primary && strcmp(primary, "yes") == 0;
    tdrv_video_defaults(v);
    return 0;
}

/* The primary video goes first; without one, the first is primary. */
static void
tdrv_video_order(struct tdrv_domdef *def)
{
    size_t p = 0;

    while (p < def->nvideos && !def->videos[p].primary)
        p++;
    if (p < def->nvideos && p > 0) {
        struct tdrv_video v = def->videos[p];

        memmove(&def->videos[1], &def->videos[0], p * sizeof(v));
        def->videos[0] = v;
    }
    if (def->nvideos && strcmp(def->videos[0].model, "none") != 0)
        def->videos[0].primary = true;
}

/* -- serial ports and consoles --------------------------------------------- */

/* The host side type of a character device (index in tdrv_chr_types) and
 * its target type, which must be one of @targets (if given): -1 with
 * libvirt's error when either is unknown. */
static int
tdrv_chr_kind(const struct xml_node *n, const char *const *targets,
              struct err *e)
{
    const char *type = xml_attr(n, "type");
    const char *target = xml_attr(xml_child(n, "target"), "type");
    int ti = tdrv_xp_index(tdrv_chr_types, type ? type : "null");

    if (ti < 0) {
        err_set(e, ERR_CONFIG_UNSUPPORTED, ERRDOM_DOMAIN,
                "unknown type presented to host for character device: %s",
                type);
        return -1;
    }
    if (targets && target && tdrv_xp_index(targets, target) < 0) {
        err_set(e, ERR_CONFIG_UNSUPPORTED, ERRDOM_DOMAIN,
                "unknown target type '%s' specified for character device",
                target);
        return -1;
    }
    return ti;
}

static int
tdrv_chr_parse(const struct xml_node *n, struct tdrv_chr *c, bool console,
               struct err *e)
{
    const struct xml_node *t = xml_child(n, "target");
    const char *target = xml_attr(t, "type");
    int ti = tdrv_chr_kind(n, console ? tdrv_console_targets : NULL, e);

    if (ti < 0)
        return -1;
    if ((ti != 2 && ti != 4) || (target && strcmp(target, "serial") != 0 &&
                                 strcmp(target, "virtio") != 0)) {
        err_set(e, ERR_CONFIG_UNSUPPORTED, ERRDOM_DOMAIN,
                "character device type '%s' is not supported by this driver",
                tdrv_chr_types[ti]);
        return -1;
    }
    if (tdrv_xp_uint_attr(t, "port", &c->port, e) < 0)
        return -1;
    return tdrv_xp_dup(&c->type, tdrv_chr_types[ti], e) ||
           tdrv_xp_dup(&c->path, ti == 4 ? xml_attr(xml_child(n, "source"),
                                                   "path") : NULL, e) ||
           tdrv_xp_dup(&c->target, console ? (target ? target : "serial")
                                           : NULL, e) ? -1 : 0;
}

static int
tdrv_chr_copy(struct tdrv_chr *to, const struct tdrv_chr *from,
              const char *target, struct err *e)
{
    to->port = from->port;
    return tdrv_xp_dup(&to->type, from->type, e) ||
           tdrv_xp_dup(&to->path, from->path, e) ||
           tdrv_xp_dup(&to->target, target, e) ? -1 : 0;
}

/* virDomainDefAddConsoleCompat for a PC guest: a serial console and the
 * first serial port are one device. The arrays have a spare slot. */
static int
tdrv_console_compat(struct tdrv_domdef *def, struct err *e)
{
    struct tdrv_chr *con = def->nconsoles ? &def->consoles[0] : NULL;

    if (con && strcmp(con->target, "virtio") == 0) {
        con->port = 0;
        return 0;
    }
    if (!con && def->nserials) {
        def->nconsoles = 1;
        return tdrv_chr_copy(&def->consoles[0], &def->serials[0], "serial",
                             e);
    }
    if (con && !def->nserials) {
        con->port = 0;
        def->nserials = 1;
        return tdrv_chr_copy(&def->serials[0], con, NULL, e);
    }
    if (con) {
        free(con->type);
        free(con->path);
        con->type = con->path = NULL;
        return tdrv_chr_copy(con, &def->serials[0], "serial", e);
    }
    return 0;
}

/* Serial ports without one get the next port number. */
static void
tdrv_serial_ports(struct tdrv_domdef *def, const bool *explicit_port)
{
    unsigned next = 0;

    for (size_t i = 0; i < def->nserials; i++) {
        if (!explicit_port[i])
            def->serials[i].port = next;
        next = def->serials[i].port + 1;
    }
}

/* -- channels and RNGs ---------------------------------------------------- */

static const char *const tdrv_channel_targets[] = {
    "none", "guestfwd", "virtio", "xen", NULL,
};

static const char *const tdrv_rng_models[] = {
    "virtio", "virtio-transitional", "virtio-non-transitional", NULL,
};

static int
tdrv_channel_parse(const struct xml_node *n, struct tdrv_chr *c,
                   struct err *e)
{
    const struct xml_node *t = xml_child(n, "target");
    const struct xml_node *src = xml_child(n, "source");
    const char *target = xml_attr(t, "type");
    int ti = tdrv_chr_kind(n, tdrv_channel_targets, e);

    if (ti < 0)
        return -1;
    if ((ti != 2 && ti != 9 && ti != 10) || !target ||
        strcmp(target, "virtio") != 0) {
        err_set(e, ERR_CONFIG_UNSUPPORTED, ERRDOM_DOMAIN,
                "channel type '%s' is not supported by this driver",
                tdrv_chr_types[ti]);
        return -1;
    }
    return tdrv_xp_dup(&c->type, tdrv_chr_types[ti], e) ||
           tdrv_xp_dup(&c->target, target, e) ||
           tdrv_xp_dup(&c->name, xml_attr(t, "name"), e) ||
           (ti == 9 && (tdrv_xp_dup(&c->mode, xml_attr(src, "mode"), e) ||
                        tdrv_xp_dup(&c->path, xml_attr(src, "path"), e)))
           ? -1 : 0;
}

/* One random backend (a device path, /dev/random by default). */
static int
tdrv_rng_backend(const struct xml_node *n, struct tdrv_rng *r,
                 struct err *e)
{
    const struct xml_node *b = xml_child(n, "backend");
    const char *model = xml_attr(b, "model");

    if (!b || xml_next_named(b)) {
        err_set(e, ERR_XML_ERROR, ERRDOM_DOMAIN,
                "only one RNG backend is supported");
        return -1;
    }
    if (!model || strcmp(model, "random") != 0) {
        err_set(e, ERR_CONFIG_UNSUPPORTED, ERRDOM_DOMAIN,
                "RNG backend model '%s' is not supported by this driver",
                model ? model : "(null)");
        return -1;
    }
    return tdrv_xp_dup(&r->path, *xml_text(b) ? xml_text(b) : "/dev/random",
                       e);
}

static int
tdrv_rng_parse(const struct xml_node *n, struct tdrv_rng *r, struct err *e)
{
    const struct xml_node *rate = xml_child(n, "rate");
    const char *model = xml_attr(n, "model");

    if (tdrv_xp_index(tdrv_rng_models, model) < 0) {
        err_set(e, ERR_CONFIG_UNSUPPORTED, ERRDOM_DOMAIN,
                "unknown RNG model '%s'", model ? model : "(null)");
        return -1;
    }
    if (tdrv_xp_dup(&r->model, model, e) < 0 ||
        tdrv_xp_uint_attr(rate, "bytes", &r->rate_bytes, e) < 0 ||
        tdrv_xp_uint_attr(rate, "period", &r->rate_period, e) < 0)
        return -1;
    return tdrv_rng_backend(n, r, e);
}

static int
tdrv_parse_channels(const struct xml_node *devs, struct tdrv_domdef *def,
                    struct err *e)
{
    const struct xml_node *n;
    size_t nc, nr;

    if (tdrv_xp_count(devs, "channel", TDRV_XP_ELEMS_MAX, &nc, e) < 0 ||
        tdrv_xp_count(devs, "rng", TDRV_XP_ELEMS_MAX, &nr, e) < 0)
        return -1;
    if ((nc && !(def->channels = calloc(nc, sizeof(*def->channels)))) ||
        (nr && !(def->rngs = calloc(nr, sizeof(*def->rngs)))))
        return tdrv_oom(e);
    for (n = xml_child(devs, "channel"); n; n = xml_next_named(n))
        if (tdrv_channel_parse(n, &def->channels[def->nchannels++], e) < 0)
            return -1;
    for (n = xml_child(devs, "rng"); n; n = xml_next_named(n))
        if (tdrv_rng_parse(n, &def->rngs[def->nrngs++], e) < 0)
            return -1;
    return 0;
}

/* -- the devices ----------------------------------------------------------- */

static int
tdrv_parse_chrs(const struct xml_node *devs, struct tdrv_domdef *def,
                struct err *e)
{
    bool explicit_port[TDRV_XP_ELEMS_MAX] = { false };
    const struct xml_node *n;
    size_t ns, nc;

    if (tdrv_xp_count(devs, "serial", TDRV_XP_ELEMS_MAX - 1, &ns, e) < 0 ||
        tdrv_xp_count(devs, "console", TDRV_XP_ELEMS_MAX - 1, &nc, e) < 0)
        return -1;
    if (!(def->serials = calloc(ns + 1, sizeof(*def->serials))) ||
        !(def->consoles = calloc(nc + 1, sizeof(*def->consoles))))
        return tdrv_oom(e);
    for (n = xml_child(devs, "serial"); n; n = xml_next_named(n)) {
        explicit_port[def->nserials] =
            xml_attr(xml_child(n, "target"), "port") != NULL;
        if (tdrv_chr_parse(n, &def->serials[def->nserials++], false, e) < 0)
            return -1;
    }
    for (n = xml_child(devs, "console"); n; n = xml_next_named(n))
        if (tdrv_chr_parse(n, &def->consoles[def->nconsoles++], true,
                           e) < 0)
            return -1;
    tdrv_serial_ports(def, explicit_port);
    return tdrv_console_compat(def, e);
}

static int
tdrv_parse_videos(const struct xml_node *devs, struct tdrv_domdef *def,
                  struct err *e)
{
    const struct xml_node *n;
    bool heads;
    size_t nv;

    if (tdrv_xp_count(devs, "video", TDRV_XP_ELEMS_MAX - 1, &nv, e) < 0)
        return -1;
    if (!(def->videos = calloc(nv + 1, sizeof(*def->videos))))
        return tdrv_oom(e);
    for (n = xml_child(devs, "video"); n; n = xml_next_named(n)) {
        struct tdrv_video *v = &def->videos[def->nvideos++];

        if (tdrv_video_parse(n, v, &heads, e) < 0)
            return -1;
        if (!heads && strcmp(v->model, "none") != 0)
            v->heads = 1;
    }
    /* a display without a video card gets the default one */
    if (!def->nvideos && def->ngraphics) {
        struct tdrv_video *v = &def->videos[def->nvideos++];

        if (tdrv_xp_dup(&v->model, "cirrus", e) < 0)
            return -1;
        v->heads = 1;
        tdrv_video_defaults(v);
    }
    tdrv_video_order(def);
    return 0;
}

int
tdrv_parse_display(const struct xml_node *devs, struct tdrv_domdef *def,
                   struct err *e)
{
    const struct xml_node *n;
    size_t ng;

    if (tdrv_parse_chrs(devs, def, e) < 0 ||
        tdrv_parse_channels(devs, def, e) < 0 ||
        tdrv_xp_count(devs, "graphics", TDRV_XP_ELEMS_MAX, &ng, e) < 0)
        return -1;
    if (ng && !(def->graphics = calloc(ng, sizeof(*def->graphics))))
        return tdrv_oom(e);
    for (n = xml_child(devs, "graphics"); n; n = xml_next_named(n))
        if (tdrv_gfx_parse(n, &def->graphics[def->ngraphics++], e) < 0)
            return -1;
    return tdrv_parse_videos(devs, def, e);
}
