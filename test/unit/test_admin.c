/*
 * test_admin.c: the ADMIN program's handlers against real servers (two,
 * "libvirtd" and "admin", with live worker pools and a UNIX listener served
 * by a reactor thread), called through rpc_prog_admin's table with
 * arguments in `virtd cat` text; and the typed-parameter and logging-string
 * checks on their own. Expected messages are libvirtd 9.0's.
 */
#include <criterion/criterion.h>

#include <errno.h>
#include <grp.h>
#include <poll.h>
#include <pthread.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "core/ev.h"
#include "core/log.h"
#include "rpc/admin_priv.h"
#include "rpc/prog.h"
#include "rpc/server.h"
#include "test/unit/unix_connect.h"

static struct ev *ev;
static struct rpc_server *srv, *adm;
static pthread_t loop_thread;
static char dir[64];
static char sock_path[128];
static int stop_pipe[2];

static void
on_stop(struct ev *e, int fd, unsigned events, void *opaque)
{
    (void)fd;
    (void)events;
    (void)opaque;
    ev_stop(e);
}

static void *
loop_main(void *arg)
{
    (void)arg;
    ev_run(ev);
    return NULL;
}

static struct rpc_server *
server(const char *name, unsigned min, unsigned max, unsigned prio)
{
    struct rpc_server_cfg cfg = {
        .name = name, .prog = &rpc_prog_admin,
        .workers = { min, max, prio }, .max_clients = 10,
        .max_anonymous_clients = 2, .max_client_requests = 2,
        .keepalive_interval = -1, .job_queue_cap = 64,
    };
    char *errmsg = NULL;
    struct rpc_server *s = rpc_server_new(ev, &cfg, &errmsg);

    cr_assert_not_null(s, "%s", errmsg);
    return s;
}

static void
setup(void)
{
    char *errmsg = NULL;

    strcpy(dir, "/tmp/virtd-test-admin.XXXXXX");
    cr_assert_not_null(mkdtemp(dir));
    snprintf(sock_path, sizeof(sock_path), "%s/sock", dir);
    ev = ev_new();
    cr_assert_not_null(ev);
    srv = server("libvirtd", 2, 4, 1);
    adm = server("admin", 1, 3, 0);
    cr_assert_eq(rpc_server_add_unix(srv, sock_path, 0700, (gid_t)-1, false,
                                     false, 10, &errmsg), 0, "%s", errmsg);
    cr_assert_eq(pipe(stop_pipe), 0);
    ev_io_add(ev, stop_pipe[0], EV_READ, on_stop, NULL);
    rpc_server_start(srv);
    rpc_server_start(adm);
    pthread_create(&loop_thread, NULL, loop_main, NULL);
}

static void
teardown(void)
{
    cr_assert_eq(write(stop_pipe[1], "x", 1), 1);
    pthread_join(loop_thread, NULL);
    ev_io_del(ev, stop_pipe[0]);
    rpc_server_free(adm);
    rpc_server_free(srv);
    ev_free(ev);
    close(stop_pipe[0]);
    close(stop_pipe[1]);
    unlink(sock_path);
    rmdir(dir);
}

/* -- calling a procedure -------------------------------------------------- */

struct result {
    int rc;
    char *text;          /* ret formatted by xval_format (rc == 0) */
    struct err err;      /* rc < 0 */
};

static void
result_release(struct result *r)
{
    free(r->text);
    err_release(&r->err);
}

/* Run admin procedure @num with args in `virtd cat` syntax. */
static struct result
call(int num, const char *args)
{
    const struct rpc_proc *p = rpc_prog_find(&rpc_prog_admin, num);
    struct arena *a = malloc(sizeof(*a));
    struct rpc_call c = { 0 };
    struct result r = { 0 };
    char *errmsg = NULL;

    cr_assert_not_null(p);
    cr_assert_not_null(p->fn);
    cr_assert_not_null(a);
    arena_init(a);
    c.proc = p;
    c.arena = a;
    c.args = arena_alloc(a, sizeof(struct xval) * 8);
    c.ret = arena_alloc(a, sizeof(struct xval) * 8);
    cr_assert_eq(xval_parse_text(p->args, args, c.args, a, &errmsg), 0,
                 "%s: %s", p->name, errmsg);
    r.rc = p->fn(&c);
    if (r.rc == 0)
        r.text = xval_format(p->ret, c.ret);
    err_move(&r.err, &c.err);
    arena_reset(a);
    free(a);
    return r;
}

static void
expect_ok(int num, const char *args, const char *want)
{
    struct result r = call(num, args);

    cr_assert_eq(r.rc, 0, "proc %d (%s): %s", num, args,
                 r.err.message ? r.err.message : "?");
    if (want)
        cr_assert_str_eq(r.text, want);
    result_release(&r);
}

static void
expect_err(int num, const char *args, int code, int domain, const char *msg)
{
    struct result r = call(num, args);

    cr_assert_eq(r.rc, -1, "proc %d (%s) succeeded", num, args);
    cr_assert_str_eq(r.err.message, msg);
    cr_assert_eq(r.err.code, code, "code %d for '%s'", r.err.code, msg);
    cr_assert_eq(r.err.domain, domain, "domain %d for '%s'", r.err.domain,
                 msg);
    result_release(&r);
}

/* Poll (5 s at most) until the stats of @s satisfy @ok. */
static void
wait_pool(struct rpc_server *s, bool (*ok)(const struct pool_stats *))
{
    struct pool_stats st;

    for (int i = 0; i < 500; i++) {
        rpc_server_get_pool(s, &st);
        if (ok(&st))
            return;
        usleep(10000);
    }
    cr_assert_fail("pool never reached the expected state (n %u prio %u)",
                   st.n_workers, st.prio_workers);
}

static int
connect_libvirtd(void)
{
    return unix_connect(sock_path);
}

static void
wait_clients(size_t n)
{
    for (int i = 0; i < 500; i++) {
        if (rpc_server_list_clients(srv, NULL, 0) == n)
            return;
        usleep(10000);
    }
    cr_assert_fail("never %zu clients", n);
}

TestSuite(admin, .init = setup, .fini = teardown, .timeout = 30);

/* -- the table ------------------------------------------------------------ */

Test(admin, table_matches_libvirtd)
{
    cr_assert_eq(rpc_prog_admin.prog, 0x06900690u);
    cr_assert_eq(rpc_prog_admin.vers, 1u);
    cr_assert_eq(rpc_prog_admin.nprocs, 19u);
    for (size_t i = 0; i < rpc_prog_admin.nprocs; i++) {
        const struct rpc_proc *p = &rpc_prog_admin.procs[i];

        cr_assert_eq(p->num, (int32_t)i + 1, "procedures 1..19 in order");
        /* libvirtd serves admin calls before CONNECT_OPEN; none is
         * priority, none is denied to read-only clients */
        cr_assert_eq(p->flags, RPC_PROC_NO_OPEN, "%s", p->name);
        cr_assert_eq(p->fn == NULL, p->num == 18, "%s", p->name);
        cr_assert_geq(xval_count(p->args), 0, "%s", p->name);
        cr_assert_geq(xval_count(p->ret), 0, "%s", p->name);
    }
}

/* -- servers -------------------------------------------------------------- */

Test(admin, list_and_lookup_servers)
{
    struct result r = call(4, "1 0");

    cr_assert_eq(r.rc, 0);
    cr_assert_not_null(strstr(r.text, "\"libvirtd\""));
    cr_assert_lt(strstr(r.text, "\"libvirtd\""), strstr(r.text, "\"admin\""));
    cr_assert_not_null(strstr(r.text, "ret = 2"), "%s", r.text);
    result_release(&r);
    r = call(4, "0 0");
    cr_assert_null(strstr(r.text, "libvirtd"), "%s", r.text);
    cr_assert_not_null(strstr(r.text, "ret = 2"));
    result_release(&r);
    expect_err(4, "1 1", ERR_INVALID_ARG, ERRDOM_ADMIN,
               "unsupported flags (0x1) in function adminConnectListServers");
    expect_ok(5, "\"admin\" 0", NULL);
    /* libvirtd never checks this call's flags */
    expect_ok(5, "\"libvirtd\" 7", NULL);
    expect_err(5, "\"nosuch\" 0", ERR_NO_SERVER, ERRDOM_RPC,
               "Server not found: No server named 'nosuch'");
    expect_ok(3, "", "libVer = 9000000\n");
}

/* -- worker pools --------------------------------------------------------- */

static bool
libvirtd_idle(const struct pool_stats *st)
{
    return st->free_workers == 2 && st->prio_workers == 1;
}

Test(admin, threadpool_get_reports_live_values)
{
    struct result r;

    wait_pool(srv, libvirtd_idle);
    r = call(6, "{\"libvirtd\"} 0");
    cr_assert_eq(r.rc, 0);
    cr_assert_str_eq(r.text,
        "params = [\n"
        "    minWorkers = uint 2\n    maxWorkers = uint 4\n"
        "    nWorkers = uint 2\n    freeWorkers = uint 2\n"
        "    prioWorkers = uint 1\n    jobQueueDepth = uint 0\n"
        "]\n");
    result_release(&r);
    expect_err(6, "{\"nosuch\"} 0", ERR_NO_SERVER, ERRDOM_RPC,
               "Server not found: No server named 'nosuch'");
    expect_err(6, "{\"admin\"} 2", ERR_INVALID_ARG, ERRDOM_ADMIN,
               "unsupported flags (0x2) in function "
               "adminServerGetThreadPoolParameters");
}

static bool
grown(const struct pool_stats *st)
{
    return st->n_workers == 4 && st->prio_workers == 3;
}

static bool
shrunk(const struct pool_stats *st)
{
    return st->n_workers == 1 && st->prio_workers == 0;
}

Test(admin, threadpool_set_changes_the_pool)
{
    struct pool_limits lim;
    struct pool_stats st;

    expect_ok(7, "{\"libvirtd\"} [minWorkers=u:4, prioWorkers=u:3] 0", NULL);
    /* raising min spawns at once */
    rpc_server_get_pool(srv, &st);
    cr_assert_eq(st.n_workers, 4);
    cr_assert_eq(st.min_workers, 4);
    cr_assert_eq(st.max_workers, 4);
    wait_pool(srv, grown);
    expect_ok(7, "{\"libvirtd\"} [maxWorkers=u:1, minWorkers=u:1, "
              "prioWorkers=u:0] 0", NULL);
    wait_pool(srv, shrunk);
    rpc_server_get_pool_limits(srv, &lim);
    cr_assert_eq(lim.min_workers, 1);
    cr_assert_eq(lim.max_workers, 1);
    cr_assert_eq(lim.prio_workers, 0);
    /* values not given keep their targets */
    expect_ok(7, "{\"libvirtd\"} [maxWorkers=u:6] 0", NULL);
    rpc_server_get_pool_limits(srv, &lim);
    cr_assert_eq(lim.min_workers, 1);
    cr_assert_eq(lim.max_workers, 6);
    cr_assert_eq(lim.prio_workers, 0);
    expect_ok(7, "{\"libvirtd\"} [] 0", NULL);
}

Test(admin, threadpool_set_rules_and_messages)
{
    struct pool_limits lim;

    expect_err(7, "{\"libvirtd\"} [minWorkers=u:5] 0", ERR_INVALID_ARG,
               ERRDOM_NONE, "invalid argument: minWorkers cannot be larger "
               "than maxWorkers");
    expect_err(7, "{\"libvirtd\"} [maxWorkers=u:0] 0", ERR_INVALID_ARG,
               ERRDOM_NONE, "invalid argument: minWorkers cannot be larger "
               "than maxWorkers");
    expect_err(7, "{\"libvirtd\"} [minWorkers=u:0, maxWorkers=u:0] 0",
               ERR_INVALID_ARG, ERRDOM_NONE, "invalid argument: maxWorkers "
               "must not be switched from zero to non-zero and vice versa");
    expect_err(7, "{\"libvirtd\"} [nWorkers=u:3] 0",
               ERR_ARGUMENT_UNSUPPORTED, ERRDOM_NONE,
               "argument unsupported: parameter 'nWorkers' not supported");
    expect_err(7, "{\"libvirtd\"} [prioWorkers=l:3] 0", ERR_INVALID_ARG,
               ERRDOM_NONE, "invalid argument: invalid type 'llong' for "
               "parameter 'prioWorkers', expected 'uint'");
    expect_err(7, "{\"libvirtd\"} [minWorkers=u:3, minWorkers=u:3] 0",
               ERR_INVALID_ARG, ERRDOM_NONE, "invalid argument: parameter "
               "'minWorkers' occurs multiple times");
    expect_err(7, "{\"libvirtd\"} [minWorkers=u:3] 1", ERR_INVALID_ARG,
               ERRDOM_ADMIN, "unsupported flags (0x1) in function "
               "adminServerSetThreadPoolParameters");
    expect_err(7, "{\"nosuch\"} [minWorkers=u:3] 0", ERR_NO_SERVER,
               ERRDOM_ADMIN, "Server not found: no server with matching name "
               "'nosuch' found");
    rpc_server_get_pool_limits(srv, &lim);
    cr_assert_eq(lim.min_workers, 2, "a refused call changed nothing");
    cr_assert_eq(lim.max_workers, 4);
    cr_assert_eq(lim.prio_workers, 1);
}

/* -- clients -------------------------------------------------------------- */

Test(admin, clients_list_lookup_info)
{
    int fd = connect_libvirtd();
    struct passwd *pw = getpwuid(getuid());
    struct group *gr = getgrgid(getgid());
    char want[512];
    struct result r;

    wait_clients(1);
    r = call(8, "{\"libvirtd\"} 1 0");
    cr_assert_eq(r.rc, 0);
    cr_assert_not_null(strstr(r.text, "{srv \"libvirtd\" id 1 "), "%s", r.text);
    cr_assert_not_null(strstr(r.text, "ret = 1"), "%s", r.text);
    result_release(&r);
    r = call(9, "{\"libvirtd\"} 1 0");
    cr_assert_eq(r.rc, 0);
    cr_assert_not_null(strstr(r.text, "{srv \"libvirtd\" id 1 "), "%s", r.text);
    result_release(&r);
    snprintf(want, sizeof(want),
             "params = [\n    readonly = boolean 0\n"
             "    unix_user_id = int %d\n    unix_user_name = string \"%s\"\n"
             "    unix_group_id = int %d\n"
             "    unix_group_name = string \"%s\"\n"
             "    unix_process_id = int %d\n]\n",
             (int)getuid(), pw->pw_name, (int)getgid(), gr->gr_name,
             (int)getpid());
    expect_ok(10, "{\"libvirtd\" 1 0 0} 0", want);
    expect_err(9, "{\"libvirtd\"} 5 0", ERR_NO_CLIENT, ERRDOM_RPC,
               "Client not found: No client with matching ID '5'");
    expect_err(9, "{\"libvirtd\"} 1 1", ERR_INVALID_ARG, ERRDOM_ADMIN,
               "unsupported flags (0x1) in function adminServerLookupClient");
    expect_err(10, "{\"libvirtd\" 5 0 0} 0", ERR_NO_CLIENT, ERRDOM_ADMIN,
               "Client not found: no client with matching id '5' found");
    expect_err(10, "{\"nosuch\" 1 0 0} 0", ERR_NO_SERVER, ERRDOM_ADMIN,
               "Server not found: no server with matching name 'nosuch' "
               "found");
    expect_err(8, "{\"admin\"} 1 4", ERR_INVALID_ARG, ERRDOM_ADMIN,
               "unsupported flags (0x4) in function adminServerListClients");
    close(fd);
}

Test(admin, client_close_gives_eof)
{
    int fd = connect_libvirtd();
    struct pollfd p = { fd, POLLIN, 0 };
    char c;

    wait_clients(1);
    expect_err(11, "{\"libvirtd\" 1 0 0} 1", ERR_INVALID_ARG, ERRDOM_ADMIN,
               "unsupported flags (0x1) in function adminClientClose");
    expect_err(11, "{\"libvirtd\" 2 0 0} 0", ERR_NO_CLIENT, ERRDOM_RPC,
               "Client not found: No client with matching ID '2'");
    expect_ok(11, "{\"libvirtd\" 1 0 0} 0", "");
    cr_assert_eq(poll(&p, 1, 5000), 1, "no EOF");
    cr_assert_eq(read(fd, &c, 1), 0);
    wait_clients(0);
    expect_err(10, "{\"libvirtd\" 1 0 0} 0", ERR_NO_CLIENT, ERRDOM_ADMIN,
               "Client not found: no client with matching id '1' found");
    close(fd);
}

/* -- client limits -------------------------------------------------------- */

Test(admin, client_limits)
{
    int fd = connect_libvirtd(), late;

    wait_clients(1);
    expect_ok(12, "{\"libvirtd\"} 0", "params = [\n    nclients_max = uint 10\n"
              "    nclients = uint 1\n    nclients_unauth_max = uint 2\n"
              "    nclients_unauth = uint 0\n]\n");
    expect_err(13, "{\"libvirtd\"} [nclients_max=u:1] 0", ERR_INVALID_ARG,
               ERRDOM_RPC, "invalid argument: The overall maximum number of "
               "clients waiting for authentication must not be less than "
               "the overall maximum number of clients");
    expect_err(13, "{\"libvirtd\"} [nclients=u:1] 0",
               ERR_ARGUMENT_UNSUPPORTED, ERRDOM_NONE,
               "argument unsupported: parameter 'nclients' not supported");
    expect_err(13, "{\"nosuch\"} [] 0", ERR_NO_SERVER, ERRDOM_ADMIN,
               "Server not found: no server with matching name 'nosuch' "
               "found");
    /* a full server keeps its clients and stops accepting */
    expect_ok(13, "{\"libvirtd\"} [nclients_max=u:1, "
              "nclients_unauth_max=u:0] 0", "");
    late = connect_libvirtd();
    usleep(300000);
    cr_assert_eq(rpc_server_list_clients(srv, NULL, 0), 1);
    close(fd);
    /* the slot frees: the waiting connection is accepted */
    for (int i = 0; i < 500; i++) {
        struct rpc_client_info ci;

        if (rpc_server_list_clients(srv, &ci, 1) == 1 && ci.id == 2)
            break;
        usleep(10000);
    }
    expect_ok(12, "{\"libvirtd\"} 0", "params = [\n    nclients_max = uint 1\n"
              "    nclients = uint 1\n    nclients_unauth_max = uint 0\n"
              "    nclients_unauth = uint 0\n]\n");
    close(late);
}

/* -- logging -------------------------------------------------------------- */

Test(admin, logging_settings)
{
    expect_ok(15, "0", "filters = -\nnfilters = 0\n");
    expect_ok(17, "\"1:rpc  +3:+util\" 0", "");
    expect_ok(15, "0", "filters = \"1:*rpc* 3:*util* \"\nnfilters = 2\n");
    expect_err(17, "\"1:rpc 9:x\" 0", ERR_INVALID_ARG, ERRDOM_NONE,
               "invalid argument: Invalid priority '9' for filter '9:x'");
    expect_ok(15, "0", "filters = \"1:*rpc* 3:*util* \"\nnfilters = 2\n");
    expect_ok(17, "- 0", "");
    expect_ok(15, "0", "filters = -\nnfilters = 0\n");
    expect_ok(16, "\"2:stderr\" 0", "");
    expect_ok(14, "0", "outputs = \"2:stderr\"\nnoutputs = 1\n");
    expect_err(16, "\"2:file\" 0", ERR_INVALID_ARG, ERRDOM_NONE,
               "invalid argument: Log output '2:file' does not meet the "
               "format requirements for destination type 'file'");
    expect_err(14, "1", ERR_INVALID_ARG, ERRDOM_ADMIN, "unsupported flags "
               "(0x1) in function adminConnectGetLoggingOutputs");
    expect_err(17, "\"\" 2", ERR_INVALID_ARG, ERRDOM_ADMIN, "unsupported "
               "flags (0x2) in function adminConnectSetLoggingFilters");
    expect_err(19, "5 1", ERR_INVALID_ARG, ERRDOM_ADMIN, "unsupported flags "
               "(0x1) in function adminConnectSetDaemonTimeout");
    expect_ok(19, "0 0", "");
}

/* -- typed parameters and log strings on their own ------------------------ */

static const struct drv_tparam_key keys[] = {
    { "maxWorkers", ADM_PARAM_UINT },
    { "minWorkers", ADM_PARAM_UINT },
    { "prioWorkers", ADM_PARAM_UINT },
};

/* The error of adm_params_check for params in text, or "" when none. */
static char *
check_params(const char *text)
{
    struct arena a;
    struct xval v[1];
    struct err e = { 0 };
    char *errmsg = NULL, *msg;

    arena_init(&a);
    cr_assert_eq(xval_parse_text("T[32]:p", text, v, &a, &errmsg), 0, "%s",
                 errmsg);
    if (adm_params_check(&e, v[0].a, v[0].n, keys, 3) == 0)
        msg = strdup("");
    else
        msg = strdup(e.message);
    err_release(&e);
    arena_reset(&a);
    return msg;
}

static void
expect_params(const char *text, const char *want)
{
    char *got = check_params(text);

    cr_assert_str_eq(got, want, "for %s", text);
    free(got);
}

Test(admin, params_checked_in_name_order)
{
    expect_params("[]", "");
    expect_params("[prioWorkers=u:1, maxWorkers=u:2, minWorkers=u:1]", "");
    expect_params("[zzz=u:1, minWorkers=i:3]", "invalid argument: invalid "
                  "type 'int' for parameter 'minWorkers', expected 'uint'");
    expect_params("[minWorkers=i:3, aaa=u:1]", "argument unsupported: "
                  "parameter 'aaa' not supported");
    expect_params("[minWorkers=u:3, minWorkers=i:3]", "invalid argument: "
                  "parameter 'minWorkers' occurs multiple times");
    expect_params("[minWorkers=i:3, minWorkers=u:3]", "invalid argument: "
                  "invalid type 'int' for parameter 'minWorkers', expected "
                  "'uint'");
    expect_params("[foo=u:1, foo=u:1]", "argument unsupported: parameter "
                  "'foo' not supported");
    expect_params("[maxWorkers=s:\"x\"]", "invalid argument: invalid type "
                  "'string' for parameter 'maxWorkers', expected 'uint'");
}

static void
expect_log(int (*fn)(const char *, struct err *, char **), const char *in,
           const char *want_norm, const char *want_err)
{
    struct err e = { 0 };
    char *norm = NULL;
    int rc = fn(in, &e, &norm);

    if (want_err) {
        cr_assert_eq(rc, -1, "'%s' accepted", in);
        cr_assert_str_eq(e.message, want_err);
        cr_assert_eq(e.code, ERR_INVALID_ARG);
        cr_assert_eq(e.domain, ERRDOM_NONE);
    } else {
        cr_assert_eq(rc, 0, "'%s': %s", in, e.message);
        cr_assert_str_eq(norm, want_norm);
    }
    free(norm);
    err_release(&e);
}

Test(admin, log_filter_strings)
{
    expect_log(adm_log_filters, NULL, "", NULL);
    expect_log(adm_log_filters, "  ", "", NULL);
    expect_log(adm_log_filters, " 1:rpc   +2:+util 01:a:b", "1:rpc 2:util 1:a",
               NULL);
    expect_log(adm_log_filters, "bogus", NULL,
               "invalid argument: Malformed format for filter 'bogus'");
    expect_log(adm_log_filters, "1:x 5:y", NULL,
               "invalid argument: Invalid priority '5' for filter '5:y'");
    expect_log(adm_log_filters, ":", NULL,
               "invalid argument: Invalid priority '' for filter ':'");
    expect_log(adm_log_filters, "-1:x", NULL,
               "invalid argument: Invalid priority '-1' for filter '-1:x'");
    expect_log(adm_log_filters, "1:+", NULL,
               "invalid argument: Invalid match string '+'");
}

Test(admin, log_output_strings)
{
    expect_log(adm_log_outputs, "", "", NULL);
    expect_log(adm_log_outputs, "3:stderr  1:file:/tmp/x.log 2:journald",
               "3:stderr 1:file:/tmp/x.log 2:journald", NULL);
    expect_log(adm_log_outputs, "3", NULL,
               "invalid argument: Malformed format for log output '3'");
    expect_log(adm_log_outputs, "x:stderr", NULL, "invalid argument: "
               "Invalid log priority 'x' for log output 'x:stderr'");
    expect_log(adm_log_outputs, "3:disk", NULL, "invalid argument: "
               "Invalid log destination 'disk' for log output '3:disk'");
    expect_log(adm_log_outputs, "3:stderr:x", NULL, "invalid argument: Log "
               "output '3:stderr:x' does not meet the format requirements "
               "for destination type 'stderr'");
    expect_log(adm_log_outputs, "3:syslog", NULL, "invalid argument: Log "
               "output '3:syslog' does not meet the format requirements for "
               "destination type 'syslog'");
}

Test(admin, log_output_files_opened_in_order)
{
    struct err e = { 0 };
    char path[128], *norm = NULL;

    /* an unopenable file fails the setting before a later syntax error */
    cr_assert_eq(adm_log_outputs("1:file:/nonexistent/dir/x.log 3:bogus", &e,
                                 &norm), -1);
    cr_assert_str_eq(e.message, "failed to open /nonexistent/dir/x.log: "
                     "No such file or directory");
    cr_assert_eq(e.code, ERR_SYSTEM_ERROR);
    cr_assert_eq(e.domain, ERRDOM_NONE);
    err_release(&e);
    /* a file that can be opened is created (0600) and kept as written */
    snprintf(path, sizeof(path), "%s/a.log", dir);
    cr_assert_eq(chdir(dir), 0);
    cr_assert_eq(adm_log_outputs("2:file:a.log", &e, &norm), 0);
    cr_assert_str_eq(norm, "2:file:a.log");
    cr_assert_eq(access(path, W_OK), 0);
    free(norm);
    unlink(path);
}
