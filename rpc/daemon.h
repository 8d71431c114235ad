/*
 * daemon.h: the daemon's settings (libvirtd.conf keys, protocol.md §8.1)
 * and its life: start-up order, the state-init thread, shutdown.
 */
#ifndef VIRTD_RPC_DAEMON_H
#define VIRTD_RPC_DAEMON_H

#include <stdbool.h>
#include <sys/types.h>

struct daemon_srv_cfg {
    unsigned min_workers;
    unsigned max_workers;
    unsigned prio_workers;
    unsigned max_clients;
    unsigned max_queued_clients;
    unsigned max_anonymous_clients;
    unsigned max_client_requests;
    int keepalive_interval;
    unsigned keepalive_count;
};

struct daemon_cfg {
    char *sock_dir;               /* unix_sock_dir */
    char *sock_group;             /* unix_sock_group, NULL = daemon's */
    mode_t rw_perms;
    mode_t ro_perms;
    mode_t admin_perms;
    bool listen_tcp;
    char *tcp_port;
    char *listen_addr;            /* NULL = any */
    char *auth_tcp;
    struct daemon_srv_cfg srv;    /* the "libvirtd" server */
    struct daemon_srv_cfg admin;  /* the "admin" server */
    int log_level;
    char *log_filters;
    char *log_outputs;
};

/* Embedded defaults (libvirtd 9.x code defaults; sockets in the runtime
 * dir of DESIGN.md "One binary"). 0 or -ENOMEM. */
int daemon_cfg_defaults(struct daemon_cfg *cfg);

/* Apply a libvirtd.conf file. 0, or -1 with a malloc'ed "FILE:LINE: why"
 * in *errmsg. Unknown keys are logged as warnings. */
int daemon_cfg_load(struct daemon_cfg *cfg, const char *path, char **errmsg);

void daemon_cfg_release(struct daemon_cfg *cfg);

/* Apply log_level, log_filters and log_outputs (-v: at least info). 0, or
 * -1 with a malloc'ed reason in *errmsg; nothing changes on error. */
int daemon_cfg_apply_logging(const struct daemon_cfg *cfg, bool verbose,
                             char **errmsg);

struct daemon_opts {
    const char *config_file;      /* -f; re-read for logging on SIGHUP */
    const char *pidfile;          /* -p */
    bool listen;                  /* --listen: honour listen_tcp */
    unsigned timeout;             /* --timeout: exit when idle that long */
    bool daemonize;               /* -d */
    bool verbose;                 /* -v */
};

/* Run the daemon until SIGTERM/SIGINT (or --timeout). Returns the exit
 * status: 0 after a clean shutdown, 1 when start-up failed (reason on
 * stderr and in the log). */
int daemon_run(struct daemon_cfg *cfg, const struct daemon_opts *opts);

/* Change the idle timeout at run time (admin CONNECT_SET_DAEMON_TIMEOUT);
 * 0 disables. Any thread. */
void daemon_set_timeout(unsigned seconds);

#endif
