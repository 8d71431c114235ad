/*
 * log.c: libvirt-style logging (see log.h).
 *
 * The settings (default level, filters, outputs) form one immutable
 * struct log_settings. A setter builds a complete new one and swaps the
 * global pointer; a message takes a counted reference to whatever is
 * current, so it sees old or new settings, never a mix, and the old ones
 * are freed by whoever drops the last reference.
 *
 * Locks (never held together, never held across a callback):
 *   set_lock   serializes setters (read current, build new, swap)
 *   cur_lock   guards the `cur` pointer while a reference is taken
 *   sink lock  one per destination: one write(2) per line, in order
 */
#include "core/log.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define LOG_MAX_RULES 256           /* filters or outputs in one setting */
#define LOG_LINE_MAX 16384          /* longer lines are cut */
#define LOG_LINE_STACK 1024

enum log_kind {
    LOG_TO_STDERR,
    LOG_TO_FILE,
    LOG_TO_SYSLOG,                  /* accepted, written to stderr */
    LOG_TO_JOURNALD,                /* accepted, written to stderr */
    LOG_TO_MAX,
};

static const char *const kind_names[LOG_TO_MAX] = {
    "stderr", "file", "syslog", "journald",
};

/* An open destination, shared by every settings generation that uses it. */
struct log_sink {
    atomic_uint refs;               /* settings holding it; static: unused */
    bool is_static;                 /* the stderr sink, never freed */
    int fd;                         /* fixed; log_reopen() dup3()s over it */
    pthread_mutex_t lock;
};

struct log_output {
    int prio;
    enum log_kind kind;
    char *name;                     /* file path, syslog ident, or NULL */
    struct log_sink *sink;
};

struct log_filter {
    int prio;
    char *pattern;                  /* "*match*", a glob (libvirt's form) */
};

struct log_settings {
    atomic_uint refs;               /* `cur` holds one, each user one */
    bool is_static;
    int level;
    bool default_outputs;           /* outputs are "<level>:stderr" */
    size_t nfilters;
    struct log_filter *filters;
    size_t noutputs;
    struct log_output *outputs;
};

static struct log_sink stderr_sink = {
    .is_static = true,
    .fd = STDERR_FILENO,
    .lock = PTHREAD_MUTEX_INITIALIZER,
};

/* What applies before any setter runs and after log_shutdown(). */
static struct log_output default_output = {
    .prio = LOG_WARN, .kind = LOG_TO_STDERR, .sink = &stderr_sink,
};
static struct log_settings default_settings = {
    .is_static = true, .level = LOG_WARN, .default_outputs = true,
    .noutputs = 1, .outputs = &default_output,
};

static pthread_mutex_t set_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t cur_lock = PTHREAD_MUTEX_INITIALIZER;
static struct log_settings *cur = &default_settings;    /* under cur_lock */

/* log_wants() fast path, stored under cur_lock on every swap and read
 * relaxed: a stale value only makes the pre-check briefly imprecise,
 * log_msg() decides with a full snapshot. */
static atomic_int min_prio = LOG_WARN;     /* below it nothing is emitted */
static atomic_bool have_filters = false;

/* -- sinks --------------------------------------------------------------- */

static void
sink_unref(struct log_sink *k)
{
    if (!k || k->is_static)
        return;
    if (atomic_fetch_sub_explicit(&k->refs, 1, memory_order_acq_rel) != 1)
        return;
    close(k->fd);
    pthread_mutex_destroy(&k->lock);
    free(k);
}

static struct log_sink *
sink_ref(struct log_sink *k)
{
    if (!k->is_static)
        atomic_fetch_add_explicit(&k->refs, 1, memory_order_relaxed);
    return k;
}

static int
open_log_file(const char *path)
{
    return open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
}

/* A file sink for @path (absolute), or NULL with errno set. */
static struct log_sink *
sink_open(const char *path)
{
    int fd = open_log_file(path);
    struct log_sink *k;

    if (fd < 0)
        return NULL;
    k = calloc(1, sizeof(*k));
    if (!k) {
        close(fd);
        errno = ENOMEM;
        return NULL;
    }
    k->fd = fd;
    atomic_init(&k->refs, 1);
    pthread_mutex_init(&k->lock, NULL);
    return k;
}

/* One line, one write(2) (plus retries if the kernel takes part of it). */
static void
sink_write(struct log_sink *k, const char *line, size_t len)
{
    pthread_mutex_lock(&k->lock);
    while (len > 0) {
        ssize_t n = write(k->fd, line, len);

        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        line += n;
        len -= (size_t)n;
    }
    pthread_mutex_unlock(&k->lock);
}

/* Point @k's fd at a freshly opened @path (after rotation). dup3() keeps
 * the fd number, so the swap is atomic for writers. */
static void
sink_reopen(struct log_sink *k, const char *path)
{
    int fd = open_log_file(path);

    if (fd < 0)
        return;
    pthread_mutex_lock(&k->lock);
    (void)dup3(fd, k->fd, O_CLOEXEC);
    pthread_mutex_unlock(&k->lock);
    close(fd);
}

/* -- settings ------------------------------------------------------------ */

static void
settings_free(struct log_settings *s)
{
    for (size_t i = 0; i < s->nfilters; i++)
        free(s->filters[i].pattern);
    for (size_t i = 0; i < s->noutputs; i++) {
        free(s->outputs[i].name);
        sink_unref(s->outputs[i].sink);
    }
    free(s->filters);
    free(s->outputs);
    free(s);
}

static void
settings_put(struct log_settings *s)
{
    if (s->is_static)
        return;
    if (atomic_fetch_sub_explicit(&s->refs, 1, memory_order_acq_rel) == 1)
        settings_free(s);
}

/* A counted reference to the current settings. Any thread. */
static struct log_settings *
settings_get(void)
{
    struct log_settings *s;

    pthread_mutex_lock(&cur_lock);
    s = cur;
    if (!s->is_static)
        atomic_fetch_add_explicit(&s->refs, 1, memory_order_relaxed);
    pthread_mutex_unlock(&cur_lock);
    return s;
}

/* Lowest priority that can reach any output under @s. */
static int
settings_min(const struct log_settings *s)
{
    int thr = s->level;
    int out = LOG_ERROR + 1;

    for (size_t i = 0; i < s->nfilters; i++)
        thr = s->filters[i].prio < thr ? s->filters[i].prio : thr;
    for (size_t i = 0; i < s->noutputs; i++)
        out = s->outputs[i].prio < out ? s->outputs[i].prio : out;
    return thr > out ? thr : out;
}

/* Make @n current (its reference moves to `cur`); drop the old one. */
static void
settings_swap(struct log_settings *n)
{
    struct log_settings *old;

    pthread_mutex_lock(&cur_lock);
    old = cur;
    cur = n;
    atomic_store_explicit(&min_prio, settings_min(n), memory_order_relaxed);
    atomic_store_explicit(&have_filters, n->nfilters > 0,
                          memory_order_relaxed);
    pthread_mutex_unlock(&cur_lock);
    settings_put(old);
}

static struct log_settings *
settings_alloc(int level)
{
    struct log_settings *s = calloc(1, sizeof(*s));

    if (s) {
        atomic_init(&s->refs, 1);
        s->level = level;
    }
    return s;
}

/* Deep-copy @src's filters into @dst. 0 or -ENOMEM. */
static int
copy_filters(struct log_settings *dst, const struct log_settings *src)
{
    if (!src->nfilters)
        return 0;
    dst->filters = calloc(src->nfilters, sizeof(*dst->filters));
    if (!dst->filters)
        return -ENOMEM;
    for (size_t i = 0; i < src->nfilters; i++) {
        dst->filters[i].prio = src->filters[i].prio;
        dst->filters[i].pattern = strdup(src->filters[i].pattern);
        dst->nfilters++;
        if (!dst->filters[i].pattern)
            return -ENOMEM;
    }
    return 0;
}

/* Copy @src's outputs into @dst, sharing the sinks. 0 or -ENOMEM. */
static int
copy_outputs(struct log_settings *dst, const struct log_settings *src)
{
    dst->default_outputs = src->default_outputs;
    dst->outputs = calloc(src->noutputs ? src->noutputs : 1,
                          sizeof(*dst->outputs));
    if (!dst->outputs)
        return -ENOMEM;
    for (size_t i = 0; i < src->noutputs; i++) {
        const struct log_output *o = &src->outputs[i];

        dst->outputs[i] = *o;
        dst->outputs[i].name = NULL;
        dst->outputs[i].sink = sink_ref(o->sink);
        dst->noutputs++;
        if (o->name && !(dst->outputs[i].name = strdup(o->name)))
            return -ENOMEM;
    }
    return 0;
}

/* The default output set: one "<level>:stderr". 0 or -ENOMEM. */
static int
set_default_outputs(struct log_settings *s)
{
    s->outputs = calloc(1, sizeof(*s->outputs));
    if (!s->outputs)
        return -ENOMEM;
    s->outputs[0].prio = s->level;
    s->outputs[0].kind = LOG_TO_STDERR;
    s->outputs[0].sink = &stderr_sink;
    s->noutputs = 1;
    s->default_outputs = true;
    return 0;
}

/* -- parsing ------------------------------------------------------------- */

#define LOG_SPACE " \t\n"

/* "1".."4" at the start of @tok, followed by ':'. Priority or -EINVAL. */
static int
parse_prio(const char *tok, size_t len)
{
    if (len < 2 || tok[0] < '1' || tok[0] > '4' || tok[1] != ':')
        return -EINVAL;
    return tok[0] - '0';
}

/* Split @text at blanks; call @fn for each token. 0 or the first error. */
static int
for_each_token(const char *text, struct log_settings *s,
               int (*fn)(struct log_settings *, const char *, size_t))
{
    size_t count = 0;

    while (text && *text) {
        size_t len;
        int rc;

        text += strspn(text, LOG_SPACE);
        len = strcspn(text, LOG_SPACE);
        if (!len)
            break;
        if (++count > LOG_MAX_RULES)
            return -EINVAL;
        rc = fn(s, text, len);
        if (rc < 0)
            return rc;
        text += len;
    }
    return 0;
}

/* "P:match" or "P:+match" -> filter with pattern "*match*". */
static int
add_filter(struct log_settings *s, const char *tok, size_t len)
{
    int prio = parse_prio(tok, len);
    const char *m = tok + 2;
    size_t mlen = len - 2;
    struct log_filter *f;

    if (prio < 0)
        return -EINVAL;
    if (mlen && *m == '+') {
        m++;
        mlen--;
    }
    if (!mlen || memchr(m, ':', mlen))
        return -EINVAL;
    f = realloc(s->filters, (s->nfilters + 1) * sizeof(*f));
    if (!f)
        return -ENOMEM;
    s->filters = f;
    f = &f[s->nfilters];
    if (asprintf(&f->pattern, "*%.*s*", (int)mlen, m) < 0)
        return -ENOMEM;
    f->prio = prio;
    s->nfilters++;
    return 0;
}

/* @path (@plen bytes) made absolute with its directory resolved, as
 * libvirt canonicalizes file outputs; NULL with errno set on error (the
 * directory must exist, as it must for the open that follows). */
static char *
path_absolute(const char *path, size_t plen)
{
    char *copy = strndup(path, plen);
    char *slash = copy ? strrchr(copy, '/') : NULL;
    char *dir = NULL;
    char *out = NULL;

    if (!copy)
        return NULL;
    if (slash)
        *slash = '\0';
    dir = realpath(!slash ? "." : slash == copy ? "/" : copy, NULL);
    if (dir && asprintf(&out, "%s/%s", strcmp(dir, "/") ? dir : "",
                        slash ? slash + 1 : copy) < 0) {
        out = NULL;
        errno = ENOMEM;
    }
    free(dir);
    free(copy);
    return out;
}

/* Drop an earlier output of the same kind and name: the later one wins. */
static void
drop_same_output(struct log_settings *s, enum log_kind kind, const char *name)
{
    for (size_t i = 0; i < s->noutputs; i++) {
        struct log_output *o = &s->outputs[i];

        if (o->kind != kind || (o->name == NULL) != (name == NULL) ||
            (name && strcmp(o->name, name) != 0))
            continue;
        free(o->name);
        memmove(o, o + 1, (s->noutputs - i - 1) * sizeof(*o));
        s->noutputs--;
        return;
    }
}

/* Which destination @tok names after "P:", and where its argument is. */
static int
parse_kind(const char *tok, size_t len, const char **arg, size_t *alen)
{
    const char *k = tok + 2;
    const char *colon = memchr(k, ':', len - 2);
    size_t klen = colon ? (size_t)(colon - k) : len - 2;

    *arg = colon ? colon + 1 : NULL;
    *alen = colon ? (size_t)(tok + len - *arg) : 0;
    for (int i = 0; i < LOG_TO_MAX; i++) {
        if (strlen(kind_names[i]) == klen && !memcmp(k, kind_names[i], klen))
            return i;
    }
    return -EINVAL;
}

/* "P:stderr", "P:journald", "P:file:PATH", "P:syslog:NAME". Files are
 * opened later (open_outputs), once the whole string has parsed. */
static int
add_output(struct log_settings *s, const char *tok, size_t len)
{
    int prio = parse_prio(tok, len);
    const char *arg;
    size_t alen;
    int kind = prio < 0 ? -EINVAL : parse_kind(tok, len, &arg, &alen);
    bool has_arg = kind == LOG_TO_FILE || kind == LOG_TO_SYSLOG;
    char *name = NULL;
    struct log_output *o;

    if (kind < 0 || has_arg != (arg != NULL) ||
        (arg && memchr(arg, ':', alen)) || (kind == LOG_TO_FILE && !alen))
        return -EINVAL;
    if (kind == LOG_TO_FILE)
        name = path_absolute(arg, alen);
    else if (arg)
        name = strndup(arg, alen);
    if (has_arg && !name)
        return -errno;
    drop_same_output(s, kind, name);
    o = realloc(s->outputs, (s->noutputs + 1) * sizeof(*o));
    if (!o) {
        free(name);
        return -ENOMEM;
    }
    s->outputs = o;
    s->outputs[s->noutputs++] = (struct log_output){
        .prio = prio, .kind = kind, .name = name, .sink = NULL,
    };
    return 0;
}

/* Give every output its sink: stderr, or its file opened now. */
static int
open_outputs(struct log_settings *s)
{
    for (size_t i = 0; i < s->noutputs; i++) {
        struct log_output *o = &s->outputs[i];

        if (o->kind != LOG_TO_FILE) {
            o->sink = &stderr_sink;
            continue;
        }
        o->sink = sink_open(o->name);
        if (!o->sink)
            return -errno;
    }
    return 0;
}

/* -- setters and getters ------------------------------------------------- */

enum log_change {
    LOG_CHANGE_LEVEL,
    LOG_CHANGE_FILTERS,
    LOG_CHANGE_OUTPUTS,
};

/* Build the settings that replace @old for one change. */
static int
settings_build(struct log_settings *n, const struct log_settings *old,
               enum log_change what, const char *text)
{
    int rc;

    rc = what == LOG_CHANGE_FILTERS ? for_each_token(text, n, add_filter)
                                    : copy_filters(n, old);
    if (rc < 0)
        return rc;
    if (what == LOG_CHANGE_OUTPUTS) {
        rc = for_each_token(text, n, add_output);
        if (rc == 0 && n->noutputs == 0)
            return set_default_outputs(n);
        return rc < 0 ? rc : open_outputs(n);
    }
    if (old->default_outputs)
        return set_default_outputs(n);
    return copy_outputs(n, old);
}

/* Apply one change atomically; nothing changes on error. */
static int
log_change(enum log_change what, int level, const char *text)
{
    struct log_settings *old;
    struct log_settings *n;
    int rc = -ENOMEM;

    pthread_mutex_lock(&set_lock);
    old = settings_get();
    n = settings_alloc(what == LOG_CHANGE_LEVEL ? level : old->level);
    if (n)
        rc = settings_build(n, old, what, text);
    if (rc == 0)
        settings_swap(n);
    else if (n)
        settings_free(n);
    settings_put(old);
    pthread_mutex_unlock(&set_lock);
    return rc;
}

int
log_set_level(int level)
{
    if (level < LOG_DEBUG || level > LOG_ERROR)
        return -EINVAL;
    return log_change(LOG_CHANGE_LEVEL, level, NULL);
}

int
log_get_level(void)
{
    struct log_settings *s = settings_get();
    int level = s->level;

    settings_put(s);
    return level;
}

int
log_set_filters(const char *filters)
{
    return log_change(LOG_CHANGE_FILTERS, 0, filters);
}

int
log_set_outputs(const char *outputs)
{
    return log_change(LOG_CHANGE_OUTPUTS, 0, outputs);
}

/* Close @f and return what was written to it (NULL on any failure). */
static char *
memstream_done(FILE *f, char **buf)
{
    bool bad = ferror(f);

    if (fclose(f) != 0 || bad) {
        free(*buf);
        return NULL;
    }
    return *buf;
}

char *
log_get_filters(unsigned *count)
{
    struct log_settings *s = settings_get();
    char *buf = NULL;
    size_t size;
    FILE *f = open_memstream(&buf, &size);

    /* libvirtd's form: each filter followed by one space. */
    for (size_t i = 0; f && i < s->nfilters; i++)
        fprintf(f, "%d:%s ", s->filters[i].prio, s->filters[i].pattern);
    if (count)
        *count = (unsigned)s->nfilters;
    settings_put(s);
    return f ? memstream_done(f, &buf) : NULL;
}

char *
log_get_outputs(unsigned *count)
{
    struct log_settings *s = settings_get();
    char *buf = NULL;
    size_t size;
    FILE *f = open_memstream(&buf, &size);

    for (size_t i = 0; f && i < s->noutputs; i++) {
        const struct log_output *o = &s->outputs[i];

        fprintf(f, "%s%d:%s%s%s", i ? " " : "", o->prio,
                kind_names[o->kind], o->name ? ":" : "",
                o->name ? o->name : "");
    }
    if (count)
        *count = (unsigned)s->noutputs;
    settings_put(s);
    return f ? memstream_done(f, &buf) : NULL;
}

void
log_reopen(void)
{
    struct log_settings *s = settings_get();

    for (size_t i = 0; i < s->noutputs; i++) {
        if (s->outputs[i].kind == LOG_TO_FILE)
            sink_reopen(s->outputs[i].sink, s->outputs[i].name);
    }
    settings_put(s);
}

void
log_shutdown(void)
{
    pthread_mutex_lock(&set_lock);
    settings_swap(&default_settings);
    pthread_mutex_unlock(&set_lock);
}

/* -- messages ------------------------------------------------------------ */

/* Shell-style match of @s against @p, with '*' and '?' only (as GLib's
 * g_pattern_match, which libvirt uses). */
static bool
glob_match(const char *p, const char *s)
{
    const char *star = NULL;
    const char *resume = NULL;

    while (*s) {
        if (*p == '*') {
            star = p++;
            resume = s;
        } else if (*p && (*p == '?' || *p == *s)) {
            p++;
            s++;
        } else if (star) {
            p = star + 1;
            s = ++resume;
        } else {
            return false;
        }
    }
    while (*p == '*')
        p++;
    return *p == '\0';
}

/* Does @s let a message from @source at @prio through its filters? */
static bool
passes_filters(const struct log_settings *s, int prio, const char *source)
{
    for (size_t i = 0; i < s->nfilters; i++) {
        if (glob_match(s->filters[i].pattern, source ? source : ""))
            return prio >= s->filters[i].prio;
    }
    return prio >= s->level;
}

int
log_wants(int prio, const char *source)
{
    struct log_settings *s;
    bool yes;

    if (prio < atomic_load_explicit(&min_prio, memory_order_relaxed))
        return 0;
    if (!atomic_load_explicit(&have_filters, memory_order_relaxed))
        return 1;
    s = settings_get();
    yes = passes_filters(s, prio, source);
    settings_put(s);
    return yes;
}

static const char *
level_name(int prio)
{
    static const char *const names[] = { "debug", "info", "warning" };

    return prio >= LOG_DEBUG && prio < LOG_ERROR ? names[prio - 1] : "error";
}

/* "2026-11-26 06:40:00.123+0000: <tid>: <level> : <source>:<line> : " */
static size_t
line_prefix(char *buf, size_t cap, int prio, const char *source, int line)
{
    struct timespec ts;
    struct tm tm;
    int n;

    clock_gettime(CLOCK_REALTIME, &ts);
    gmtime_r(&ts.tv_sec, &tm);
    n = snprintf(buf, cap,
                 "%04d-%02d-%02d %02d:%02d:%02d.%03ld+0000: %d: %s : "
                 "%.128s:%d : ",
                 tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                 tm.tm_min, tm.tm_sec, ts.tv_nsec / 1000000L, (int)gettid(),
                 level_name(prio), source ? source : "?", line);
    return n < 0 ? 0 : (size_t)n;
}

/*
 * Format the whole line (prefix, message, '\n') into @buf, or into a
 * malloc'ed buffer (returned, caller frees) when it does not fit; lines
 * are cut at LOG_LINE_MAX. *len gets the length.
 */
static char *
line_format(char *buf, size_t cap, size_t *len, int prio, const char *source,
            int line, const char *fmt, va_list ap)
{
    size_t pre = line_prefix(buf, cap, prio, source, line);
    char *out = buf;
    size_t room = cap - pre;
    va_list aq;
    int m;

    va_copy(aq, ap);
    m = vsnprintf(buf + pre, room, fmt, aq);
    va_end(aq);
    m = m < 0 ? 0 : m;
    if ((size_t)m + 1 >= room) {
        size_t want = pre + (size_t)m + 2;

        want = want > LOG_LINE_MAX ? LOG_LINE_MAX : want;
        out = malloc(want);
        if (out) {
            memcpy(out, buf, pre);
            room = want - pre;
            vsnprintf(out + pre, room, fmt, ap);
        } else {
            out = buf;
        }
        m = (size_t)m + 1 >= room ? (int)(room - 1) : m;
    }
    if (m > 0 && out[pre + (size_t)m - 1] == '\n')
        m--;
    out[pre + (size_t)m] = '\n';
    *len = pre + (size_t)m + 1;
    return out;
}

void
log_msg(int prio, const char *source, int line, const char *fmt, ...)
{
    int saved = errno;
    struct log_settings *s = settings_get();
    char buf[LOG_LINE_STACK];
    char *text;
    size_t len;
    va_list ap;

    if (!passes_filters(s, prio, source))
        goto out;
    va_start(ap, fmt);
    text = line_format(buf, sizeof(buf), &len, prio, source, line, fmt, ap);
    va_end(ap);
    for (size_t i = 0; i < s->noutputs; i++) {
        if (prio >= s->outputs[i].prio)
            sink_write(s->outputs[i].sink, text, len);
    }
    if (text != buf)
        free(text);
out:
    settings_put(s);
    errno = saved;
}
