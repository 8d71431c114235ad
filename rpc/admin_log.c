/*
 * admin_log.c: the logging settings an admin client sends
 * (CONNECT_SET_LOGGING_FILTERS / _OUTPUTS), checked the way libvirtd 9.0
 * parses them so that a bad string gets libvirtd's message, and rewritten
 * into the canonical form core/log.h takes. Worker threads; no shared
 * state.
 *
 * libvirtd's syntax: entries separated by spaces (empty entries skipped),
 * fields by ':'; a priority is an unsigned decimal 1..4 ("+1" and "01"
 * pass, as with strtoul).
 */
#include "rpc/admin_priv.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define ADM_LOG_FIELDS 4     /* more ':' fields than any entry may have */

/* One entry split at ':': field[0..nfield) point into the entry's copy;
 * nfield counts every field, even those beyond ADM_LOG_FIELDS. */
struct adm_log_entry {
    const char *text;        /* the whole entry, for messages */
    char *field[ADM_LOG_FIELDS];
    size_t nfield;
};

/* Split @buf (a writable copy of @text) in place at every ':'. */
static void
adm_log_split(struct adm_log_entry *en, const char *text, char *buf)
{
    en->text = text;
    en->nfield = 0;
    for (;;) {
        char *colon = strchr(buf, ':');

        if (en->nfield < ADM_LOG_FIELDS)
            en->field[en->nfield] = buf;
        en->nfield++;
        if (!colon)
            return;
        *colon = '\0';
        buf = colon + 1;
    }
}

/* libvirt's virStrToLong_uip() and the 1..4 range: priority or -1. */
static int
adm_log_prio(const char *s)
{
    char *end;
    unsigned long v;

    errno = 0;
    v = strtoul(s, &end, 10);
    if (end == s || *end || errno || memchr(s, '-', (size_t)(end - s)) ||
        v < 1 || v > 4)
        return -1;
    return (int)v;
}

/* INVALID_ARG with a printf-formatted detail: always -1. */
static int __attribute__((format(printf, 2, 3)))
adm_log_invalid(struct err *e, const char *fmt, ...)
{
    char *detail = NULL;
    va_list ap;

    va_start(ap, fmt);
    if (vasprintf(&detail, fmt, ap) < 0)
        detail = NULL;
    va_end(ap);
    if (detail)
        err_set(e, ERR_INVALID_ARG, ERRDOM_NONE, "%s", detail);
    else
        err_set_raw(e, ERR_NO_MEMORY, ERRDOM_NONE, "out of memory",
                    "out of memory", NULL);
    free(detail);
    return -1;
}

/* One filter entry "P:match" ("P:+match"): checked, appended to @out. */
static int
adm_log_filter(const struct adm_log_entry *en, struct err *e, FILE *out)
{
    const char *match;
    int prio;

    if (en->nfield < 2)
        return adm_log_invalid(e, "Malformed format for filter '%s'",
                               en->text);
    prio = adm_log_prio(en->field[0]);
    if (prio < 0)
        return adm_log_invalid(e, "Invalid priority '%s' for filter '%s'",
                               en->field[0], en->text);
    match = en->field[1] + (en->field[1][0] == '+');
    if (!*match)
        return adm_log_invalid(e, "Invalid match string '%s'",
                               en->field[1]);
    fprintf(out, "%d:%s ", prio, match);
    return 0;
}

/* @path made absolute against the working directory (core/log.h cleans
 * "." and ".." itself), without trailing '/'. malloc'ed, or NULL. */
static char *
adm_log_abspath(const char *path)
{
    char *cwd = path[0] == '/' ? NULL : getcwd(NULL, 0);
    char *abs = NULL;
    size_t len;

    if (path[0] != '/' && !cwd)
        return NULL;
    if (asprintf(&abs, "%s%s%s", cwd ? cwd : "", cwd ? "/" : "", path) < 0)
        abs = NULL;
    free(cwd);
    for (len = abs ? strlen(abs) : 0; len > 1 && abs[len - 1] == '/'; len--)
        abs[len - 1] = '\0';
    return abs;
}

/* libvirtd opens a file output while it parses the string: a file it
 * cannot open fails the whole setting with "failed to open PATH: why". The
 * file is created as libvirtd would (0600), then closed for core/log.h to
 * open. 0, -1 with @e set, or -ENOMEM. */
static int
adm_log_file(const char *path, struct err *e)
{
    char *abs = adm_log_abspath(path);
    int fd;

    if (!abs)
        return -ENOMEM;
    fd = open(abs, O_CREAT | O_APPEND | O_WRONLY | O_CLOEXEC, 0600);
    if (fd < 0)
        err_set(e, ERR_SYSTEM_ERROR, ERRDOM_NONE, "failed to open %s: %s",
                abs, strerror(errno));
    else
        close(fd);
    free(abs);
    return fd < 0 ? -1 : 0;
}

/* Destinations and the number of fields each takes. */
static const struct {
    const char *name;
    size_t nfield;
} adm_log_dests[] = {
    { "stderr", 2 }, { "syslog", 3 }, { "file", 3 }, { "journald", 2 },
};

/* One output entry "P:stderr", "P:file:PATH", ...: checked, appended. */
static int
adm_log_output(const struct adm_log_entry *en, struct err *e, FILE *out)
{
    size_t ndest = sizeof(adm_log_dests) / sizeof(adm_log_dests[0]);
    size_t d = 0;
    int prio;

    if (en->nfield < 2)
        return adm_log_invalid(e, "Malformed format for log output '%s'",
                               en->text);
    prio = adm_log_prio(en->field[0]);
    if (prio < 0)
        return adm_log_invalid(e, "Invalid log priority '%s' for log output "
                               "'%s'", en->field[0], en->text);
    while (d < ndest && strcmp(adm_log_dests[d].name, en->field[1]) != 0)
        d++;
    if (d == ndest)
        return adm_log_invalid(e, "Invalid log destination '%s' for log "
                               "output '%s'", en->field[1], en->text);
    if (en->nfield != adm_log_dests[d].nfield)
        return adm_log_invalid(e, "Log output '%s' does not meet the format "
                               "requirements for destination type '%s'",
                               en->text, en->field[1]);
    if (strcmp(en->field[1], "file") == 0) {
        int rc = adm_log_file(en->field[2], e);

        if (rc < 0)
            return rc;
    }
    fprintf(out, "%d:%s%s%s ", prio, en->field[1], en->nfield == 3 ? ":" : "",
            en->nfield == 3 ? en->field[2] : "");
    return 0;
}

typedef int adm_log_entry_fn(const struct adm_log_entry *en, struct err *e,
                             FILE *out);

/* Check every space-separated entry of @text with @fn, collecting the
 * canonical form in *norm (trailing space dropped). */
static int
adm_log_parse(const char *text, struct err *e, char **norm,
              adm_log_entry_fn *fn)
{
    char *copy = strdup(text ? text : "");
    char *buf = NULL, *save = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&buf, &size);
    int rc = copy && out ? 0 : -ENOMEM;

    for (char *tok = copy ? strtok_r(copy, " ", &save) : NULL;
         tok && rc == 0; tok = strtok_r(NULL, " ", &save)) {
        char *fields = strdup(tok);
        struct adm_log_entry en;

        if (!fields) {
            rc = -ENOMEM;
            break;
        }
        adm_log_split(&en, tok, fields);
        rc = fn(&en, e, out);
        free(fields);
    }
    if (out && (fclose(out) != 0 || !buf) && rc == 0)
        rc = -ENOMEM;
    if (rc == 0 && size > 0)
        buf[size - 1] = '\0';
    if (rc == 0)
        *norm = buf;
    else
        free(buf);
    free(copy);
    return rc;
}

int
adm_log_filters(const char *text, struct err *e, char **norm)
{
    return adm_log_parse(text, e, norm, adm_log_filter);
}

int
adm_log_outputs(const char *text, struct err *e, char **norm)
{
    return adm_log_parse(text, e, norm, adm_log_output);
}
