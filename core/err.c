/*
 * err.c: libvirt-style error records (see err.h).
 */
#include "core/err.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* libvirt's message prefix for a code: bare form and the form with detail. */
struct err_prefix {
    int code;
    const char *bare;
    const char *with;
};

static const struct err_prefix prefixes[] = {
    { ERR_INTERNAL_ERROR, "internal error", "internal error: %s" },
    { ERR_NO_MEMORY, "out of memory", "out of memory: %s" },
    { ERR_NO_SUPPORT, "this function is not supported by the connection driver",
      "this function is not supported by the connection driver: %s" },
    { ERR_NO_CONNECT, "no connection driver available",
      "no connection driver available for %s" },
    { ERR_INVALID_CONN, "invalid connection pointer in",
      "invalid connection pointer in %s" },
    { ERR_INVALID_DOMAIN, "invalid domain pointer in",
      "invalid domain pointer in %s" },
    { ERR_INVALID_ARG, "invalid argument", "invalid argument: %s" },
    { ERR_OPERATION_FAILED, "operation failed", "operation failed: %s" },
    { ERR_NO_SOURCE, "missing source information",
      "missing source information for %s" },
    { ERR_NO_TARGET, "missing target information",
      "missing target information for %s" },
    { ERR_NO_NAME, "missing name information",
      "missing name information in %s" },
    { ERR_XML_ERROR, "XML description is invalid or not well formed",
      "XML error: %s" },
    { ERR_DOM_EXIST, "this domain exists already", "domain %s exists already" },
    { ERR_OPERATION_DENIED, "operation forbidden for read only access",
      "operation forbidden: %s" },
    { ERR_NO_DOMAIN, "Domain not found", "Domain not found: %s" },
    { ERR_NO_NETWORK, "Network not found", "Network not found: %s" },
    { ERR_AUTH_FAILED, "authentication failed", "authentication failed: %s" },
    { ERR_NO_STORAGE_POOL, "Storage pool not found",
      "Storage pool not found: %s" },
    { ERR_NO_STORAGE_VOL, "Storage volume not found",
      "Storage volume not found: %s" },
    { ERR_NO_NODE_DEVICE, "Node device not found",
      "Node device not found: %s" },
    { ERR_OPERATION_INVALID, "Requested operation is not valid",
      "Requested operation is not valid: %s" },
    { ERR_NO_INTERFACE, "Interface not found", "Interface not found: %s" },
    { ERR_CONFIG_UNSUPPORTED, "unsupported configuration",
      "unsupported configuration: %s" },
    { ERR_OPERATION_TIMEOUT, "Timed out during operation",
      "Timed out during operation: %s" },
    { ERR_INVALID_STREAM, "invalid stream pointer",
      "invalid stream pointer in %s" },
    { ERR_NO_DOMAIN_SNAPSHOT, "Domain snapshot not found",
      "Domain snapshot not found: %s" },
    { ERR_ARGUMENT_UNSUPPORTED, "argument unsupported",
      "argument unsupported: %s" },
    { ERR_OPERATION_ABORTED, "operation aborted", "operation aborted: %s" },
    { ERR_NUMERICAL_OVERFLOW, "numerical overflow", "numerical overflow: %s" },
    { ERR_OPERATION_UNSUPPORTED, "Operation not supported",
      "Operation not supported: %s" },
    { ERR_ACCESS_DENIED, "access denied", "access denied: %s" },
    { ERR_MIGRATE_FINISH_OK, "migration successfully aborted",
      "migration successfully aborted: %s" },
    { ERR_NO_SERVER, "Server not found", "Server not found: %s" },
    { ERR_NO_CLIENT, "Client not found", "Client not found: %s" },
};

static const struct err_prefix *
err_prefix_find(int code)
{
    for (size_t i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++)
        if (prefixes[i].code == code)
            return &prefixes[i];
    return NULL;
}

static char *
xstrdup_or_null(const char *s)
{
    return s ? strdup(s) : NULL;
}

void
err_release(struct err *e)
{
    if (!e)
        return;
    free(e->message);
    free(e->str1);
    free(e->str2);
    memset(e, 0, sizeof(*e));
}

static void
err_oom(struct err *e)
{
    err_release(e);
    e->code = ERR_NO_MEMORY;
    e->domain = ERRDOM_NONE;
}

void
err_set_raw(struct err *e, int code, int domain, const char *message,
            const char *str1, const char *str2)
{
    err_release(e);
    e->code = code;
    e->domain = domain;
    e->message = xstrdup_or_null(message);
    e->str1 = xstrdup_or_null(str1);
    e->str2 = xstrdup_or_null(str2);
    if ((message && !e->message) || (str1 && !e->str1) || (str2 && !e->str2))
        err_oom(e);
}

void
err_set(struct err *e, int code, int domain, const char *fmt, ...)
{
    const struct err_prefix *p = err_prefix_find(code);
    char *detail = NULL;
    char *msg = NULL;
    va_list ap;

    if (fmt) {
        va_start(ap, fmt);
        if (vasprintf(&detail, fmt, ap) < 0)
            detail = NULL;
        va_end(ap);
        if (!detail) {
            err_oom(e);
            return;
        }
    }
    if (!p) {
        /* "%s" codes: the detail is the whole message */
        err_set_raw(e, code, domain, detail ? detail : "", "%s", detail);
    } else if (!detail) {
        err_set_raw(e, code, domain, p->bare, p->bare, NULL);
    } else {
        const char *pct = strstr(p->with, "%s");
        if (asprintf(&msg, "%.*s%s%s", (int)(pct - p->with), p->with, detail,
                     pct + 2) < 0)
            msg = NULL;
        if (msg)
            err_set_raw(e, code, domain, msg, p->with, detail);
        else
            err_oom(e);
    }
    free(msg);
    free(detail);
}

bool
err_isset(const struct err *e)
{
    return e->code != ERR_OK;
}

void
err_move(struct err *dst, struct err *src)
{
    err_release(dst);
    *dst = *src;
    memset(src, 0, sizeof(*src));
}
