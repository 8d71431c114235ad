/*
 * log.h: libvirt-style logging. Levels 1 debug, 2 info, 3 warning, 4 error.
 *
 *   log_level   = 3                     default priority threshold
 *   log_filters = "1:rpc 3:util"        per-source minimum priority; a
 *                                       leading '+' (e.g. "1:+rpc") is
 *                                       accepted and ignored (stack traces)
 *   log_outputs = "3:stderr 1:file:/var/log/virtd.log"
 *                                       each output has its own threshold;
 *                                       kinds: stderr, file:PATH
 *                                       (syslog:NAME and journald are
 *                                       accepted and written to stderr)
 *
 * A message from source S at priority P is emitted to output O when
 * P >= (the first filter whose match string is a substring of S, else the
 * default level) and P >= O's threshold. Format of a line:
 *   2026-11-26 06:40:00.123+0000: <tid>: <level> : <source>:<line> : <msg>
 *
 * Synchronization: log_msg() from any thread; log_set_*() from any thread
 * (the settings are swapped atomically: a message sees old or new settings,
 * never a mix). log_get_*() return malloc'ed strings.
 */
#ifndef VIRTD_CORE_LOG_H
#define VIRTD_CORE_LOG_H

enum {
    LOG_DEBUG = 1,
    LOG_INFO = 2,
    LOG_WARN = 3,
    LOG_ERROR = 4,
};

/* Set the default threshold (1..4); -EINVAL otherwise. */
int log_set_level(int level);
int log_get_level(void);

/* Parse and apply; -EINVAL (nothing changed) on a syntax error.
 * NULL or "" for filters clears them; NULL or "" for outputs restores the
 * default output ("<level>:stderr"). */
int log_set_filters(const char *filters);
int log_set_outputs(const char *outputs);

/* Current settings in the syntax above (malloc'ed; NULL on ENOMEM), in
 * the exact text libvirtd 9.0 returns to virt-admin: outputs joined by one
 * space ("3:stderr 1:file:/abs/x.log"), filters as the globs libvirt
 * matches, each followed by a space ("1:*rpc* 3:*util* "); "" when none.
 * Counts via the out-params (may be NULL). */
char *log_get_filters(unsigned *count);
char *log_get_outputs(unsigned *count);

/* Re-open file outputs (after SIGHUP, logrotate). */
void log_reopen(void);

/* Close outputs and free settings (at exit). */
void log_shutdown(void);

void log_msg(int prio, const char *source, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Cheap pre-check so callers can skip building expensive messages. */
int log_wants(int prio, const char *source);

#define LOG_SRC_(s) s
#define VLOG(prio, src, ...) \
    do { if (log_wants((prio), (src))) \
        log_msg((prio), (src), __LINE__, __VA_ARGS__); } while (0)
#define log_debug(src, ...) VLOG(LOG_DEBUG, src, __VA_ARGS__)
#define log_info(src, ...)  VLOG(LOG_INFO, src, __VA_ARGS__)
#define log_warn(src, ...)  VLOG(LOG_WARN, src, __VA_ARGS__)
#define log_error(src, ...) VLOG(LOG_ERROR, src, __VA_ARGS__)

#endif
