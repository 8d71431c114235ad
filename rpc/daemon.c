/*
 * daemon.c: the daemon's life, in the seed's order: settings -> the three
 * UNIX listeners -> the state-init thread (drivers) -> the reactor. No
 * listener is polled until every driver's state init has finished; if one
 * fails the daemon exits non-zero with its error. SIGTERM/SIGINT: stop
 * accepting, let in-flight calls finish and their replies go out, join
 * every thread, remove the sockets, exit 0.
 */
#include "rpc/daemon.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/err.h"
#include "core/ev.h"
#include "core/log.h"
#include "drivers/state.h"
#include "rpc/server.h"

#define SRC "daemon"
#define SHUTDOWN_POLL_MS 5
#define SHUTDOWN_GRACE_MS 800

struct daemon {
    struct ev *ev;
    struct daemon_cfg *cfg;
    const struct daemon_opts *opts;
    struct rpc_server *srv;
    struct rpc_server *adm;
    int pidfd;
    /* state init */
    pthread_t init_thread;
    bool init_running;              /* created and not joined yet */
    int init_efd;
    struct err init_err;
    int init_rc;
    /* shutdown */
    struct ev_timer stop_timer;
    uint64_t stop_deadline;
    bool stopping;
    int exit_code;
    /* idle timeout */
    struct ev_timer idle_timer;
    atomic_uint timeout_s;
    int timeout_efd;
    /* SIGHUP: the log settings are re-read off the reactor thread */
    pthread_t reload_thread;
    bool reload_started;
    /* -d: the parent waits on this pipe for "started" or "failed" */
    int ready_fd;
};

static struct daemon *the_daemon;

static void daemon_ready(struct daemon *d, bool ok);

/* -- shutdown ------------------------------------------------------------ */

static void
daemon_stop_poll(struct ev *ev, void *opaque)
{
    struct daemon *d = opaque;

    if ((rpc_server_idle(d->srv) && rpc_server_idle(d->adm)) ||
        ev_now_ms(ev) >= d->stop_deadline) {
        ev_stop(ev);
        return;
    }
    ev_timer_start(ev, &d->stop_timer, SHUTDOWN_POLL_MS);
}

static void
daemon_begin_stop(struct daemon *d, const char *why)
{
    if (d->stopping)
        return;
    d->stopping = true;
    log_info(SRC, "shutting down: %s", why);
    rpc_server_shutdown(d->srv);
    rpc_server_shutdown(d->adm);
    d->stop_deadline = ev_now_ms(d->ev) + SHUTDOWN_GRACE_MS;
    ev_timer_init(&d->stop_timer, daemon_stop_poll, d);
    ev_timer_start(d->ev, &d->stop_timer, 0);
}

/* Helper thread: re-read the configuration file's log settings and
 * re-open the log files. Reading a file is no job for the reactor. */
static void *
daemon_reload_thread(void *opaque)
{
    const struct daemon *d = opaque;
    struct daemon_cfg cfg;
    char *errmsg = NULL;

    pthread_setname_np(pthread_self(), "reload");
    if (daemon_cfg_defaults(&cfg) < 0)
        return NULL;
    if (d->opts->config_file &&
        daemon_cfg_load(&cfg, d->opts->config_file, &errmsg) < 0) {
        log_error(SRC, "SIGHUP: keeping the log settings: %s",
                  errmsg ? errmsg : "out of memory");
    } else if (daemon_cfg_apply_logging(&cfg, d->opts->verbose,
                                        &errmsg) < 0) {
        log_error(SRC, "SIGHUP: keeping the log settings: %s",
                  errmsg ? errmsg : "out of memory");
    } else {
        log_reopen();
        log_info(SRC, "SIGHUP: log settings re-read");
    }
    free(errmsg);
    daemon_cfg_release(&cfg);
    return NULL;
}

static void
daemon_reload(struct daemon *d)
{
    if (d->reload_started)
        pthread_join(d->reload_thread, NULL);
    d->reload_started =
        pthread_create(&d->reload_thread, NULL, daemon_reload_thread, d) == 0;
}

static void
daemon_signal(struct ev *ev, int signo, void *opaque)
{
    struct daemon *d = opaque;

    (void)ev;
    if (signo == SIGHUP) {
        daemon_reload(d);
        return;
    }
    daemon_begin_stop(d, strsignal(signo));
}

/* -- idle timeout (--timeout, admin daemon-timeout) ---------------------- */

static void
daemon_idle_fire(struct ev *ev, void *opaque)
{
    struct daemon *d = opaque;

    (void)ev;
    if (rpc_servers_nclients() == 0 && atomic_load(&d->timeout_s) > 0)
        daemon_begin_stop(d, "idle timeout");
}

static void
daemon_idle_rearm(struct daemon *d)
{
    unsigned t = atomic_load(&d->timeout_s);

    ev_timer_stop(d->ev, &d->idle_timer);
    if (t > 0 && rpc_servers_nclients() == 0 && !d->stopping)
        ev_timer_start(d->ev, &d->idle_timer, (uint64_t)t * 1000);
}

static void
daemon_count(unsigned nclients, void *opaque)
{
    (void)nclients;
    daemon_idle_rearm(opaque);
}

static void
daemon_timeout_changed(struct ev *ev, int fd, unsigned events, void *opaque)
{
    uint64_t v;

    (void)ev;
    (void)events;
    if (read(fd, &v, sizeof(v)) == sizeof(v))
        daemon_idle_rearm(opaque);
}

void
daemon_set_timeout(unsigned seconds)
{
    struct daemon *d = the_daemon;
    uint64_t one = 1;

    if (!d)
        return;
    atomic_store(&d->timeout_s, seconds);
    if (write(d->timeout_efd, &one, sizeof(one)) < 0)
        log_warn(SRC, "cannot signal the timeout change: %s",
                 strerror(errno));
}

/* -- state init ---------------------------------------------------------- */

static void *
daemon_init_thread(void *opaque)
{
    struct daemon *d = opaque;
    uint64_t one = 1;

    pthread_setname_np(pthread_self(), "state-init");
    d->init_rc = drv_state_init_all(&d->init_err);
    if (write(d->init_efd, &one, sizeof(one)) < 0)
        abort();            /* the reactor would wait forever */
    return NULL;
}

static void
daemon_init_done(struct ev *ev, int fd, unsigned events, void *opaque)
{
    struct daemon *d = opaque;
    uint64_t v;

    (void)events;
    if (read(fd, &v, sizeof(v)) != sizeof(v))
        return;
    ev_io_del(ev, fd);
    pthread_join(d->init_thread, NULL);
    d->init_running = false;
    if (d->init_rc < 0) {
        fprintf(stderr, "virtd: driver state initialization failed: %s\n",
                d->init_err.message ? d->init_err.message : "unknown error");
        log_error(SRC, "driver state initialization failed: %s",
                  d->init_err.message ? d->init_err.message : "unknown");
        d->exit_code = 1;
        daemon_ready(d, false);
        daemon_begin_stop(d, "state init failed");
        return;
    }
    log_info(SRC, "driver state initialized; serving");
    daemon_ready(d, true);
    rpc_server_start(d->srv);
    rpc_server_start(d->adm);
    daemon_idle_rearm(d);
}

/* -- start-up ------------------------------------------------------------ */

static int
daemon_pidfile(struct daemon *d, const char *path)
{
    char buf[32];
    int fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);

    if (fd < 0) {
        fprintf(stderr, "virtd: cannot open pidfile '%s': %s\n", path,
                strerror(errno));
        return -1;
    }
    if (flock(fd, LOCK_EX | LOCK_NB) < 0) {
        fprintf(stderr, "virtd: pidfile '%s' is locked: another virtd is "
                "already running\n", path);
        close(fd);
        return -1;
    }
    snprintf(buf, sizeof(buf), "%d\n", (int)getpid());
    if (ftruncate(fd, 0) < 0 || write(fd, buf, strlen(buf)) < 0) {
        fprintf(stderr, "virtd: cannot write pidfile '%s': %s\n", path,
                strerror(errno));
        close(fd);
        return -1;
    }
    d->pidfd = fd;
    return 0;
}

static int
mkdir_p(const char *dir, mode_t mode)
{
    char *p = strdup(dir);
    int rc = 0;

    if (!p)
        return -ENOMEM;
    for (char *s = p + 1; *s && rc == 0; s++) {
        if (*s != '/')
            continue;
        *s = '\0';
        if (mkdir(p, 0755) < 0 && errno != EEXIST)
            rc = -errno;
        *s = '/';
    }
    if (rc == 0 && mkdir(p, mode) < 0 && errno != EEXIST)
        rc = -errno;
    free(p);
    return rc;
}

static struct rpc_server *
daemon_server(struct daemon *d, const char *name,
              const struct rpc_prog *prog, const struct daemon_srv_cfg *c)
{
    struct rpc_server_cfg sc = {
        .name = name,
        .prog = prog,
        .workers = { c->min_workers, c->max_workers, c->prio_workers },
        .max_clients = c->max_clients,
        .max_anonymous_clients = c->max_anonymous_clients,
        .max_client_requests = c->max_client_requests,
        .keepalive_interval = c->keepalive_interval,
        .keepalive_count = c->keepalive_count,
        .job_queue_cap = 4096,
    };
    char *errmsg = NULL;
    struct rpc_server *s = rpc_server_new(d->ev, &sc, &errmsg);

    if (!s) {
        fprintf(stderr, "virtd: %s\n", errmsg ? errmsg : "out of memory");
        free(errmsg);
    }
    return s;
}

static int
daemon_listen(struct daemon *d)
{
    const struct daemon_cfg *c = d->cfg;
    gid_t gid = (gid_t)-1;
    char path[4096];
    char *errmsg = NULL;
    int rc = 0;

    if (c->sock_group) {
        struct group *g = getgrnam(c->sock_group);

        if (!g) {
            fprintf(stderr, "virtd: unix_sock_group '%s': no such group\n",
                    c->sock_group);
            return -1;
        }
        gid = g->gr_gid;
    }
    if ((rc = mkdir_p(c->sock_dir, 0755)) < 0) {
        fprintf(stderr, "virtd: cannot create '%s': %s\n", c->sock_dir,
                strerror(-rc));
        return -1;
    }
#define LISTEN(srv, name, perms, ro, admin, backlog)                        \
    if (rc == 0) {                                                          \
        snprintf(path, sizeof(path), "%s/%s", c->sock_dir, name);           \
        rc = rpc_server_add_unix(srv, path, perms, gid, ro, admin, backlog, \
                                 &errmsg);                                  \
    }
    LISTEN(d->srv, "libvirt-sock", c->rw_perms, false, false,
           (int)c->srv.max_queued_clients);
    LISTEN(d->srv, "libvirt-sock-ro", c->ro_perms, true, false,
           (int)c->srv.max_queued_clients);
    LISTEN(d->adm, "libvirt-admin-sock", c->admin_perms, false, true,
           (int)c->admin.max_queued_clients);
#undef LISTEN
    if (rc == 0 && d->opts->listen && c->listen_tcp) {
        if (!c->auth_tcp || strcmp(c->auth_tcp, "none") != 0) {
            fprintf(stderr, "virtd: listen_tcp needs auth_tcp = \"none\" "
                    "(virtd implements no SASL); refusing to start\n");
            return -1;
        }
        log_warn(SRC, "listening on TCP %s:%s WITHOUT authentication",
                 c->listen_addr ? c->listen_addr : "*", c->tcp_port);
        rc = rpc_server_add_tcp(d->srv, c->listen_addr, c->tcp_port,
                                (int)c->srv.max_queued_clients, &errmsg);
    }
    if (rc < 0) {
        fprintf(stderr, "virtd: %s\n", errmsg ? errmsg : strerror(-rc));
        free(errmsg);
        return -1;
    }
    return 0;
}

/*
 * One descriptor per client: raise the soft open-file limit to the hard
 * one (the default soft limit, 1024, would stop accepting long before
 * max_clients), and say so when even that is too low for max_clients.
 */
static void
daemon_nofile(const struct daemon_cfg *c)
{
    rlim_t want = (rlim_t)c->srv.max_clients + c->admin.max_clients + 64;
    struct rlimit rl;

    if (getrlimit(RLIMIT_NOFILE, &rl) < 0)
        return;
    if (rl.rlim_cur != rl.rlim_max) {
        rl.rlim_cur = rl.rlim_max;
        if (setrlimit(RLIMIT_NOFILE, &rl) < 0)
            return;
    }
    if (rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur < want)
        log_warn(SRC, "the open-file limit (%llu) is below max_clients "
                 "+ admin_max_clients: connections past it are refused "
                 "until some close", (unsigned long long)rl.rlim_cur);
}

static int
daemon_setup(struct daemon *d)
{
    if (d->opts->pidfile && daemon_pidfile(d, d->opts->pidfile) < 0)
        return -1;
    daemon_nofile(d->cfg);
    d->srv = daemon_server(d, "libvirtd", &rpc_prog_remote, &d->cfg->srv);
    d->adm = d->srv ? daemon_server(d, "admin", &rpc_prog_admin,
                                    &d->cfg->admin) : NULL;
    if (!d->adm || daemon_listen(d) < 0)
        return -1;
    ev_signal_add(d->ev, SIGTERM, daemon_signal, d);
    ev_signal_add(d->ev, SIGINT, daemon_signal, d);
    ev_signal_add(d->ev, SIGHUP, daemon_signal, d);
    ev_timer_init(&d->idle_timer, daemon_idle_fire, d);
    rpc_servers_on_count(daemon_count, d);
    d->timeout_efd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    d->init_efd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (d->timeout_efd < 0 || d->init_efd < 0 ||
        ev_io_add(d->ev, d->timeout_efd, EV_READ, daemon_timeout_changed,
                  d) < 0 ||
        ev_io_add(d->ev, d->init_efd, EV_READ, daemon_init_done, d) < 0) {
        fprintf(stderr, "virtd: cannot set up the event loop\n");
        return -1;
    }
    if (pthread_create(&d->init_thread, NULL, daemon_init_thread, d) != 0) {
        fprintf(stderr, "virtd: cannot start the state-init thread\n");
        return -1;
    }
    d->init_running = true;
    return 0;
}

static void
daemon_teardown(struct daemon *d)
{
    if (d->init_running)
        pthread_join(d->init_thread, NULL);
    if (d->reload_started)
        pthread_join(d->reload_thread, NULL);
    rpc_server_free(d->srv);
    rpc_server_free(d->adm);
    drv_state_cleanup_all();
    if (d->timeout_efd >= 0)
        close(d->timeout_efd);
    if (d->init_efd >= 0)
        close(d->init_efd);
    if (d->pidfd >= 0) {
        unlink(d->opts->pidfile);
        close(d->pidfd);
    }
    ev_free(d->ev);
    err_release(&d->init_err);
}

static void
daemon_print_uris(const struct daemon_cfg *c)
{
    printf("virtd: serving the test driver\n"
           "  virsh -c 'test+unix:///default?socket=%s/libvirt-sock'\n"
           "  virsh -r -c 'test+unix:///default?socket=%s/libvirt-sock-ro'\n"
           "  virt-admin -c 'libvirtd:///system?socket=%s/libvirt-admin-sock'"
           "\n", c->sock_dir, c->sock_dir, c->sock_dir);
    fflush(stdout);
}

/*
 * -d: fork before any thread exists. The parent waits until the child says
 * it is serving (exit 0) or failed (exit 1), so start-up errors still reach
 * the caller's terminal. Returns the pipe's write end in the child.
 */
static int
daemon_detach_begin(void)
{
    int p[2];
    pid_t pid;
    char c = 1;

    if (pipe2(p, O_CLOEXEC) < 0 || (pid = fork()) < 0) {
        fprintf(stderr, "virtd: cannot daemonize: %s\n", strerror(errno));
        exit(1);
    }
    if (pid > 0) {
        close(p[1]);
        if (read(p[0], &c, 1) != 1)
            c = 1;
        _exit(c);
    }
    close(p[0]);
    setsid();
    return p[1];
}

/* Tell the waiting parent how start-up went; detach from the terminal. */
static void
daemon_ready(struct daemon *d, bool ok)
{
    char c = ok ? 0 : 1;
    int fd;

    if (d->ready_fd < 0)
        return;
    if (write(d->ready_fd, &c, 1) < 0)
        log_warn(SRC, "cannot notify the parent: %s", strerror(errno));
    close(d->ready_fd);
    d->ready_fd = -1;
    fd = open("/dev/null", O_RDWR | O_CLOEXEC);
    if (fd >= 0) {
        dup2(fd, 0);
        dup2(fd, 1);
        dup2(fd, 2);
        close(fd);
    }
}

int
daemon_run(struct daemon_cfg *cfg, const struct daemon_opts *opts)
{
    struct daemon d = {
        .cfg = cfg, .opts = opts, .pidfd = -1, .timeout_efd = -1,
        .init_efd = -1, .ready_fd = -1,
    };
    sigset_t set;

    if (opts->daemonize)
        d.ready_fd = daemon_detach_begin();

    /* Block the signals the reactor handles before any thread exists, so
     * every thread inherits the mask; SIGPIPE: write errors suffice. */
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    signal(SIGPIPE, SIG_IGN);
    atomic_init(&d.timeout_s, opts->timeout);
    if (!(d.ev = ev_new())) {
        fprintf(stderr, "virtd: cannot create the event loop: %s\n",
                strerror(errno));
        return 1;
    }
    the_daemon = &d;
    if (daemon_setup(&d) < 0) {
        d.exit_code = 1;
        daemon_ready(&d, false);
    } else {
        daemon_print_uris(cfg);
        if (ev_run(d.ev) < 0)
            d.exit_code = 1;
    }
    daemon_teardown(&d);
    the_daemon = NULL;
    return d.exit_code;
}
