/*
 * virsh_quit_shim.c: an LD_PRELOAD library for the virsh processes the
 * integration tests start, and nothing else (never the daemon).
 *
 * Why. virsh 9.0 runs save, managedsave, dump and migrate in a worker
 * thread, which ends with g_main_loop_quit() on a loop that the main
 * thread only then enters with g_main_loop_run(). GLib's quit only
 * clears the loop's "running" flag and run sets it again, so when the
 * worker finishes first (the call failed at once, say on a flag check
 * in the client library) the quit is lost and virsh polls the job info
 * every 500 ms forever. Seen in CI: `virsh dump --reset --live` printed
 * its error and then sat until the test's 20 s timeout. The daemon has
 * answered by then; the faster it answers, the likelier the race.
 *
 * What. g_main_loop_quit() here quits as GLib does; called from virsh's
 * own code (its four job threads are the only such callers), it also
 * attaches an idle source to the loop's context that quits it again: a
 * loop already running stops at once as before, one not yet running
 * stops on its first iteration instead of never. Those loops are made
 * for one command and never run again, so the extra quit cannot reach a
 * later run. libvirt's RPC client quits and re-runs one loop per
 * connection; its calls (from libvirt.so) only get GLib's quit.
 *
 * Built without sanitizers (it is loaded into the system's virsh); GLib
 * is not needed at build time: its types stay opaque and its functions
 * resolve in the virsh process that preloads this.
 */
#include <dlfcn.h>
#include <link.h>
#include <stdint.h>
#include <stddef.h>
#include <string.h>

typedef struct gloop gloop;
typedef struct gctx gctx;
typedef struct gsource gsource;
typedef int gsourcefn(void *data);
typedef void gdestroyfn(void *data);

/* GLib's functions, looked up in the preloading process at the call:
 * no undefined symbol is left for the loader, so a process without
 * GLib (timeout, python before it imports libvirt) loads this as well */
struct glib {
    void (*quit)(gloop *loop);
    gctx *(*get_context)(gloop *loop);
    gloop *(*ref)(gloop *loop);
    void (*unref)(gloop *loop);
    gsource *(*idle_new)(void);
    void (*set_callback)(gsource *s, gsourcefn *fn, void *data,
                         gdestroyfn *destroy);
    unsigned (*attach)(gsource *s, gctx *ctx);
    void (*source_unref)(gsource *s);
};

/* ours, under GLib's name */
void g_main_loop_quit(gloop *loop);

static void *
sym(const char *name)
{
    return dlsym(RTLD_NEXT, name);
}

/* Fills @g; 0, or -1 when a function is missing. Function pointers from
 * dlsym's data pointer: POSIX's documented use, through memcpy to stay
 * within ISO C. */
static int
glib_load(struct glib *g)
{
    static const char *const names[] = {
        "g_main_loop_quit", "g_main_loop_get_context", "g_main_loop_ref",
        "g_main_loop_unref", "g_idle_source_new", "g_source_set_callback",
        "g_source_attach", "g_source_unref",
    };
    void (**slots[])(void) = {
        (void (**)(void))&g->quit, (void (**)(void))&g->get_context,
        (void (**)(void))&g->ref, (void (**)(void))&g->unref,
        (void (**)(void))&g->idle_new, (void (**)(void))&g->set_callback,
        (void (**)(void))&g->attach, (void (**)(void))&g->source_unref,
    };

    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        void *p = sym(names[i]);

        if (!p)
            return -1;
        memcpy(slots[i], &p, sizeof(p));
    }
    return 0;
}

struct in_exe {
    uintptr_t addr;
    int found;
};

/* dl_iterate_phdr visits the executable first: is the address in one of
 * its loaded segments? Stops after that first object. */
static int
exe_has(struct dl_phdr_info *info, size_t size, void *data)
{
    struct in_exe *q = data;

    (void)size;
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        uintptr_t lo = info->dlpi_addr + ph->p_vaddr;

        if (ph->p_type == PT_LOAD && q->addr >= lo &&
            q->addr < lo + ph->p_memsz)
            q->found = 1;
    }
    return 1;
}

static int
called_from_exe(void *ret)
{
    struct in_exe q = { (uintptr_t)ret, 0 };

    dl_iterate_phdr(exe_has, &q);
    return q.found;
}

static int
quit_again(void *data)
{
    struct glib g;

    if (glib_load(&g) == 0)
        g.quit(data);
    return 0;                   /* G_SOURCE_REMOVE */
}

static void
unref_loop(void *data)
{
    struct glib g;

    if (glib_load(&g) == 0)
        g.unref(data);
}

void
g_main_loop_quit(gloop *loop)
{
    struct glib g;
    gsource *s;

    void *caller = __builtin_return_address(0);

    if (glib_load(&g) < 0)
        return;
    g.quit(loop);
    if (!loop || !called_from_exe(caller) || !(s = g.idle_new()))
        return;
    g.set_callback(s, quit_again, g.ref(loop), unref_loop);
    g.attach(s, g.get_context(loop));
    g.source_unref(s);
}
