/*
 * domain_xml_gfx.c: <serial>, <console>, <channel>, <graphics>, <video>
 * and <rng> written
 * as libvirt 9.0 writes them (see domain_parse_gfx.c for what is kept).
 * Pure.
 */
#include "drivers/test/test_priv.h"

#include <string.h>

static void
tdrv_fmt_chr(struct xmlw *w, const char *elem, const struct tdrv_chr *c)
{
    xmlw_start(w, elem);
    xmlw_attr(w, "type", c->type);
    xmlw_open(w);
    if (c->path) {
        xmlw_start(w, "source");
        xmlw_attr(w, "path", c->path);
        xmlw_empty(w);
    }
    xmlw_start(w, "target");
    if (c->target)
        xmlw_attr(w, "type", c->target);
    xmlw_attrf(w, "port", "%u", c->port);
    xmlw_empty(w);
    xmlw_close(w, elem);
}

void
tdrv_fmt_chrs(struct xmlw *w, const struct tdrv_domdef *def)
{
    for (size_t i = 0; i < def->nserials; i++)
        tdrv_fmt_chr(w, "serial", &def->serials[i]);
    for (size_t i = 0; i < def->nconsoles; i++)
        tdrv_fmt_chr(w, "console", &def->consoles[i]);
}

/* The port attributes: vnc always says whether the port is automatic,
 * spice only when it has a port or asks for one. */
static void
tdrv_fmt_gfx_ports(struct xmlw *w, const struct tdrv_graphics *g)
{
    bool vnc = strcmp(g->type, "vnc") == 0;

    if (vnc && g->port && !g->autoport)
        xmlw_attrf(w, "port", "%d", g->port);
    else if (vnc && g->autoport)
        xmlw_attr(w, "port", "-1");
    if (!vnc && g->port)
        xmlw_attrf(w, "port", "%d", g->port);
    if (!vnc && g->tls_port)
        xmlw_attrf(w, "tlsPort", "%d", g->tls_port);
    if (vnc || g->port || g->tls_port || g->autoport)
        xmlw_attr(w, "autoport", g->autoport ? "yes" : "no");
}

static void
tdrv_fmt_gfx(struct xmlw *w, const struct tdrv_graphics *g, bool secure)
{
    xmlw_start(w, "graphics");
    xmlw_attr(w, "type", g->type);
    if (strcmp(g->type, "sdl") == 0) {
        xmlw_empty(w);
        return;
    }
    tdrv_fmt_gfx_ports(w, g);
    if (g->listen)
        xmlw_attr(w, "listen", g->listen);
    if (g->keymap)
        xmlw_attr(w, "keymap", g->keymap);
    if (secure && g->passwd)
        xmlw_attr(w, "passwd", g->passwd);
    xmlw_open(w);
    xmlw_start(w, "listen");
    xmlw_attr(w, "type", g->listen_none ? "none" : "address");
    if (g->listen)
        xmlw_attr(w, "address", g->listen);
    xmlw_empty(w);
    xmlw_close(w, "graphics");
}

void
tdrv_fmt_graphics(struct xmlw *w, const struct tdrv_domdef *def, bool secure)
{
    for (size_t i = 0; i < def->ngraphics; i++)
        tdrv_fmt_gfx(w, &def->graphics[i], secure);
}

void
tdrv_fmt_videos(struct xmlw *w, const struct tdrv_domdef *def)
{
    for (size_t i = 0; i < def->nvideos; i++) {
        const struct tdrv_video *v = &def->videos[i];

        xmlw_start(w, "video");
        xmlw_open(w);
        xmlw_start(w, "model");
        xmlw_attr(w, "type", v->model);
        if (v->ram)
            xmlw_attrf(w, "ram", "%u", v->ram);
        if (v->vram)
            xmlw_attrf(w, "vram", "%u", v->vram);
        if (v->vgamem)
            xmlw_attrf(w, "vgamem", "%u", v->vgamem);
        if (v->heads)
            xmlw_attrf(w, "heads", "%u", v->heads);
        if (v->primary)
            xmlw_attr(w, "primary", "yes");
        xmlw_empty(w);
        xmlw_close(w, "video");
    }
}

void
tdrv_fmt_channels(struct xmlw *w, const struct tdrv_domdef *def)
{
    for (size_t i = 0; i < def->nchannels; i++) {
        const struct tdrv_chr *c = &def->channels[i];

        xmlw_start(w, "channel");
        xmlw_attr(w, "type", c->type);
        xmlw_open(w);
        if (c->mode || c->path) {
            xmlw_start(w, "source");
            if (c->mode)
                xmlw_attr(w, "mode", c->mode);
            if (c->path)
                xmlw_attr(w, "path", c->path);
            xmlw_empty(w);
        }
        xmlw_start(w, "target");
        xmlw_attr(w, "type", c->target);
        if (c->name)
            xmlw_attr(w, "name", c->name);
        xmlw_empty(w);
        xmlw_close(w, "channel");
    }
}

void
tdrv_fmt_rngs(struct xmlw *w, const struct tdrv_domdef *def)
{
    for (size_t i = 0; i < def->nrngs; i++) {
        const struct tdrv_rng *r = &def->rngs[i];

        xmlw_start(w, "rng");
        xmlw_attr(w, "model", r->model);
        xmlw_open(w);
        if (r->rate_bytes) {
            xmlw_start(w, "rate");
            xmlw_attrf(w, "bytes", "%u", r->rate_bytes);
            if (r->rate_period)
                xmlw_attrf(w, "period", "%u", r->rate_period);
            xmlw_empty(w);
        }
        xmlw_start(w, "backend");
        xmlw_attr(w, "model", "random");
        xmlw_text(w, "backend", "%s", r->path);
        xmlw_close(w, "rng");
    }
}
