/*
 * err.h: libvirt-compatible error values (virErrorNumber, virErrorDomain)
 * and the error record that handlers and drivers fill and the RPC layer
 * encodes as remote_error (protocol.md §1.6).
 *
 * An err is embedded by its owner (a job, a test); err_set*() replace any
 * previous content; err_release() frees the strings. Not thread-safe: one
 * err belongs to one thread at a time.
 */
#ifndef VIRTD_CORE_ERR_H
#define VIRTD_CORE_ERR_H

#include <stdbool.h>

/* virErrorNumber values used by virtd (protocol.md §9). */
enum {
    ERR_OK = 0,
    ERR_INTERNAL_ERROR = 1,
    ERR_NO_MEMORY = 2,
    ERR_NO_SUPPORT = 3,
    ERR_NO_CONNECT = 5,
    ERR_INVALID_CONN = 6,
    ERR_INVALID_DOMAIN = 7,
    ERR_INVALID_ARG = 8,
    ERR_OPERATION_FAILED = 9,
    ERR_NO_SOURCE = 19,
    ERR_NO_TARGET = 20,
    ERR_NO_NAME = 21,
    ERR_XML_ERROR = 27,
    ERR_DOM_EXIST = 28,
    ERR_OPERATION_DENIED = 29,
    ERR_XML_DETAIL = 35,
    ERR_SYSTEM_ERROR = 38,
    ERR_RPC = 39,
    ERR_NO_DOMAIN = 42,
    ERR_NO_NETWORK = 43,
    ERR_AUTH_FAILED = 45,
    ERR_NO_STORAGE_POOL = 49,
    ERR_NO_STORAGE_VOL = 50,
    ERR_NO_NODE_DEVICE = 53,
    ERR_OPERATION_INVALID = 55,
    ERR_NO_INTERFACE = 57,
    ERR_CONFIG_UNSUPPORTED = 67,
    ERR_OPERATION_TIMEOUT = 68,
    ERR_NO_DOMAIN_SNAPSHOT = 72,
    ERR_INVALID_STREAM = 73,
    ERR_ARGUMENT_UNSUPPORTED = 74,
    ERR_OPERATION_ABORTED = 78,
    ERR_NO_DOMAIN_METADATA = 80,
    ERR_NUMERICAL_OVERFLOW = 82,
    ERR_OPERATION_UNSUPPORTED = 84,
    ERR_ACCESS_DENIED = 88,
    ERR_MIGRATE_FINISH_OK = 93,
    ERR_NO_SERVER = 95,
    ERR_NO_CLIENT = 96,
};

/* virErrorDomain values used by virtd. */
enum {
    ERRDOM_NONE = 0,
    ERRDOM_XML = 5,
    ERRDOM_DOM = 6,
    ERRDOM_RPC = 7,
    ERRDOM_CONF = 9,
    ERRDOM_QEMU = 10,
    ERRDOM_NET = 11,
    ERRDOM_TEST = 12,
    ERRDOM_REMOTE = 13,
    ERRDOM_DOMAIN = 20,
    ERRDOM_STORAGE = 18,
    ERRDOM_NODEDEV = 22,
    ERRDOM_NETWORK = 19,
    ERRDOM_INTERFACE = 26,
    ERRDOM_SECRET = 30,
    ERRDOM_CPU = 31,
    ERRDOM_NWFILTER = 33,
    ERRDOM_DOMAIN_SNAPSHOT = 35,
    ERRDOM_URI = 45,
    ERRDOM_ADMIN = 62,
};

/*
 * One error, as libvirt reports it. message is what virsh prints; str1 is
 * libvirt's template ("internal error: %s", "%s", or the bare prefix), str2
 * the detail or NULL. level is always 2 (ERROR).
 */
struct err {
    int code;        /* ERR_*; 0 = no error set */
    int domain;      /* ERRDOM_* */
    char *message;
    char *str1;
    char *str2;
};

/*
 * Set @e to @code/@domain with libvirt's standard prefix for @code and the
 * printf-formatted detail (fmt may be NULL for the bare prefix). Examples:
 *   err_set(e, ERR_NO_DOMAIN, ERRDOM_TEST, NULL)
 *       -> "Domain not found"            str1 "Domain not found"
 *   err_set(e, ERR_INTERNAL_ERROR, ERRDOM_TEST, "domain '%s' not running", n)
 *       -> "internal error: domain 'x' not running"
 *          str1 "internal error: %s", str2 "domain 'x' not running"
 * Codes with no standard prefix (XML_DETAIL, RPC, SYSTEM_ERROR) use "%s".
 * On allocation failure @e becomes ERR_NO_MEMORY with static-free strings.
 */
void err_set(struct err *e, int code, int domain, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Set @e with the message, str1 and str2 given verbatim (copied). */
void err_set_raw(struct err *e, int code, int domain, const char *message,
                 const char *str1, const char *str2);

/* true when an error is set. */
bool err_isset(const struct err *e);

/* Free the strings and clear @e. NULL-safe. */
void err_release(struct err *e);

/* Move @src into @dst (dst released first); src is cleared. */
void err_move(struct err *dst, struct err *src);

#endif
