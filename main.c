/*
 * main.c: the one binary. `virtd [options]` runs the daemon; `virtd cat`
 * and `virtd bench` are the debugging client and the load generator.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "rpc/bench.h"
#include "rpc/cat.h"
#include "rpc/daemon.h"

static void
usage(FILE *f)
{
    fprintf(f,
        "usage: virtd [-f FILE] [--sock-dir DIR] [--listen] [--timeout SECS]"
        " [-d] [-p PIDFILE] [-v]\n"
        "       virtd cat [-x] [-a] [-T SECS] [--no-pong] SOCKET\n"
        "       virtd bench SOCKET [-c CONNS] [-p PIPELINE] [-d SECS] ...\n"
        "       (virtd cat --help, virtd bench --help for their options)\n"
        "\n"
        "  -f, --config FILE    libvirtd.conf-style configuration file\n"
        "      --sock-dir DIR   directory for the UNIX sockets\n"
        "                       (overrides unix_sock_dir)\n"
        "  -l, --listen         honour listen_tcp from the configuration\n"
        "  -t, --timeout SECS   exit after SECS seconds without clients\n"
        "  -d, --daemon         detach and run in the background\n"
        "  -p, --pid-file FILE  write and lock a pidfile\n"
        "  -v, --verbose        log at info level to stderr\n"
        "  -h, --help           this text\n");
}

static int
parse_uint(const char *s, unsigned *out)
{
    char *end;
    unsigned long v = strtoul(s, &end, 10);

    if (!*s || *end || v > 86400 * 365)
        return -1;
    *out = (unsigned)v;
    return 0;
}

static int
run_daemon(int argc, char **argv)
{
    static const struct option longopts[] = {
        { "config", required_argument, NULL, 'f' },
        { "sock-dir", required_argument, NULL, 'S' },
        { "listen", no_argument, NULL, 'l' },
        { "timeout", required_argument, NULL, 't' },
        { "daemon", no_argument, NULL, 'd' },
        { "pid-file", required_argument, NULL, 'p' },
        { "verbose", no_argument, NULL, 'v' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    struct daemon_opts opts = { 0 };
    struct daemon_cfg cfg;
    const char *file = NULL, *sock_dir = NULL;
    char *errmsg = NULL;
    int c, rc;

    while ((c = getopt_long(argc, argv, "f:ldt:p:vh", longopts, NULL)) != -1) {
        switch (c) {
        case 'f': file = optarg; break;
        case 'S': sock_dir = optarg; break;
        case 'l': opts.listen = true; break;
        case 'd': opts.daemonize = true; break;
        case 'p': opts.pidfile = optarg; break;
        case 'v': opts.verbose = true; break;
        case 't':
            if (parse_uint(optarg, &opts.timeout) < 0) {
                fprintf(stderr, "virtd: invalid --timeout '%s'\n", optarg);
                return 2;
            }
            break;
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return 2;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "virtd: unexpected argument '%s'\n", argv[optind]);
        usage(stderr);
        return 2;
    }
    if (daemon_cfg_defaults(&cfg) < 0) {
        fprintf(stderr, "virtd: out of memory\n");
        return 1;
    }
    if (file && daemon_cfg_load(&cfg, file, &errmsg) < 0) {
        fprintf(stderr, "virtd: %s\n", errmsg ? errmsg : "out of memory");
        free(errmsg);
        daemon_cfg_release(&cfg);
        return 1;
    }
    if (sock_dir) {
        free(cfg.sock_dir);
        cfg.sock_dir = strdup(sock_dir);
    }
    opts.config_file = file;
    if (!cfg.sock_dir) {
        fprintf(stderr, "virtd: out of memory\n");
        rc = 1;
    } else if (daemon_cfg_apply_logging(&cfg, opts.verbose, &errmsg) < 0) {
        fprintf(stderr, "virtd: %s\n", errmsg ? errmsg : "out of memory");
        free(errmsg);
        rc = 1;
    } else {
        rc = daemon_run(&cfg, &opts);
    }
    daemon_cfg_release(&cfg);
    log_shutdown();
    return rc;
}

int
main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "cat") == 0)
        return cat_main(argc - 1, argv + 1);
    if (argc > 1 && strcmp(argv[1], "bench") == 0)
        return bench_main(argc - 1, argv + 1);
    return run_daemon(argc, argv);
}
