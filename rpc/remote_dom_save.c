/*
 * remote_dom_save.c: REMOTE handlers for save images and core dumps
 * (virDomainSave*, virDomainRestore*, virDomainSaveImage*,
 * virDomainCoreDump*). Each makes the checks libvirt's public API makes
 * in the daemon before the driver is asked: exclusive flags, the dump
 * format, and a relative path made absolute against the daemon's working
 * directory. Read-only clients are refused by the server
 * (RPC_PROC_RO_DENY). Worker threads.
 */
#include "rpc/remote_priv.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define REMOTE_SAVE_RUNNING   2u      /* VIR_DOMAIN_SAVE_RUNNING, _PAUSED */
#define REMOTE_SAVE_PAUSED    4u
#define REMOTE_DUMP_CRASH     1u      /* VIR_DUMP_CRASH, _LIVE, _RESET */
#define REMOTE_DUMP_LIVE      2u
#define REMOTE_DUMP_RESET     8u
#define REMOTE_DUMP_FORMATS   5u      /* VIR_DOMAIN_CORE_DUMP_FORMAT_LAST */

static int
remote_save_flags_check(struct rpc_call *call, unsigned flags)
{
    static const unsigned bits[] = { REMOTE_SAVE_RUNNING, REMOTE_SAVE_PAUSED };
    static const char *const names[] = {
        "VIR_DOMAIN_SAVE_RUNNING", "VIR_DOMAIN_SAVE_PAUSED",
    };

    return remote_exclusive(call, flags, bits, names, 2);
}

static int
remote_dump_flags_check(struct rpc_call *call, unsigned flags)
{
    static const unsigned bits[] = {
        REMOTE_DUMP_CRASH, REMOTE_DUMP_LIVE, REMOTE_DUMP_CRASH,
        REMOTE_DUMP_RESET, REMOTE_DUMP_LIVE, REMOTE_DUMP_RESET,
    };
    static const char *const names[] = {
        "VIR_DUMP_CRASH", "VIR_DUMP_LIVE", "VIR_DUMP_CRASH", "VIR_DUMP_RESET",
        "VIR_DUMP_LIVE", "VIR_DUMP_RESET",
    };

    return remote_exclusive(call, flags, bits, names, 6);
}

/*
 * virFileAbsPath: @path as it is when absolute, else joined to the
 * daemon's working directory (an empty path is the directory itself).
 * NULL with the public API's error when that fails.
 */
static const char *
remote_abs_path(struct rpc_call *call, const char *path, const char *what)
{
    char *cwd, *abs;
    size_t n;

    if (path[0] == '/')
        return path;
    if (!(cwd = getcwd(NULL, 0))) {
        err_set(&call->err, ERR_INTERNAL_ERROR, ERRDOM_DOMAIN,
                "could not build absolute %s file path", what);
        return NULL;
    }
    n = strlen(cwd);
    if ((abs = arena_alloc(call->arena, n + strlen(path) + 2))) {
        memcpy(abs, cwd, n);
        if (*path && (n == 0 || cwd[n - 1] != '/'))
            abs[n++] = '/';
        strcpy(abs + n, path);
    } else {
        remote_internal_error(call, "out of memory");
    }
    free(cwd);
    return abs;
}

static int
remote_save(struct rpc_call *call, struct drv_conn *c, const char *dxml,
            unsigned flags, const char *api)
{
    const char *path;
    struct drv_dom d;

    if (remote_save_flags_check(call, flags) < 0)
        return -1;
    REMOTE_NEED(dom_save, ERRDOM_DOMAIN, api);
    if (!(path = remote_abs_path(call, call->args[1].s, "output")))
        return -1;
    remote_arg_dom(&call->args[0], &d);
    return c->ops->dom_save(c, &d, path, dxml, flags, &call->err);
}

REMOTE_PROC(remote_dom_save)
{
    return remote_save(call, c, NULL, 0, "virDomainSave");
}

REMOTE_PROC(remote_dom_save_flags)
{
    return remote_save(call, c, call->args[2].s, (unsigned)call->args[3].i,
                       "virDomainSaveFlags");
}

static int
remote_restore(struct rpc_call *call, struct drv_conn *c, const char *dxml,
               unsigned flags, const char *api)
{
    const char *path;

    if (remote_save_flags_check(call, flags) < 0)
        return -1;
    REMOTE_NEED(dom_restore, ERRDOM_DOMAIN, api);
    if (!(path = remote_abs_path(call, call->args[0].s, "input")))
        return -1;
    return c->ops->dom_restore(c, path, dxml, flags, &call->err);
}

REMOTE_PROC(remote_dom_restore)
{
    return remote_restore(call, c, NULL, 0, "virDomainRestore");
}

REMOTE_PROC(remote_dom_restore_flags)
{
    return remote_restore(call, c, call->args[1].s, (unsigned)call->args[2].i,
                          "virDomainRestoreFlags");
}

REMOTE_PROC(remote_save_image_get_xml)
{
    const char *path;
    char *xml;

    REMOTE_NEED(save_image_get_xml, ERRDOM_DOMAIN,
                "virDomainSaveImageGetXMLDesc");
    if (!(path = remote_abs_path(call, call->args[0].s, "input")))
        return -1;
    if (c->ops->save_image_get_xml(c, path, (unsigned)call->args[1].i,
                                   call->arena, &xml, &call->err) < 0)
        return -1;
    call->ret[0].s = xml;
    return 0;
}

REMOTE_PROC(remote_save_image_define_xml)
{
    unsigned flags = (unsigned)call->args[2].i;
    const char *path;

    if (remote_save_flags_check(call, flags) < 0)
        return -1;
    REMOTE_NEED(save_image_define_xml, ERRDOM_DOMAIN,
                "virDomainSaveImageDefineXML");
    if (!(path = remote_abs_path(call, call->args[0].s, "input")))
        return -1;
    return c->ops->save_image_define_xml(c, path, call->args[1].s, flags,
                                         &call->err);
}

static int
remote_core_dump(struct rpc_call *call, struct drv_conn *c, unsigned format,
                 unsigned flags, const char *api)
{
    const char *path;
    struct drv_dom d;

    if (format >= REMOTE_DUMP_FORMATS)
        return remote_bad_arg(call, "dumpformat '%d' is not supported",
                              (int)format);
    if (remote_dump_flags_check(call, flags) < 0)
        return -1;
    REMOTE_NEED(dom_core_dump, ERRDOM_DOMAIN, api);
    if (!(path = remote_abs_path(call, call->args[1].s, "core")))
        return -1;
    remote_arg_dom(&call->args[0], &d);
    return c->ops->dom_core_dump(c, &d, path, format, flags, &call->err);
}

REMOTE_PROC(remote_dom_core_dump)
{
    return remote_core_dump(call, c, 0, (unsigned)call->args[2].i,
                            "virDomainCoreDump");
}

REMOTE_PROC(remote_dom_core_dump_with_format)
{
    return remote_core_dump(call, c, (unsigned)call->args[2].i,
                            (unsigned)call->args[3].i,
                            "virDomainCoreDumpWithFormat");
}
