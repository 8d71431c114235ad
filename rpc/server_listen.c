/*
 * server_listen.c: UNIX and TCP listeners of a server (reactor thread at
 * start-up). A UNIX socket is never more open than configured.
 */
#include "rpc/server_priv.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

/* -- listeners ---------------------------------------------------------- */

static int
server_add_listener(struct rpc_server *s, int fd, const char *path,
                    bool readonly, bool same_uid_only,
                    enum rpc_transport transport, char **errmsg)
{
    struct rpc_listener *li;

    if (s->nlisteners >= RPC_LISTEN_MAX) {
        *errmsg = strdup("too many listeners");
        close(fd);
        return -ENOSPC;
    }
    li = &s->listeners[s->nlisteners++];
    li->fd = fd;
    li->readonly = readonly;
    li->same_uid_only = same_uid_only;
    li->transport = transport;
    li->path = path ? strdup(path) : NULL;
    if (s->started) {
        ev_io_add(s->ev, fd, 0, rpc_server_accept, s);
        s->accepting = false;
        rpc_server_check_accept(s);
    }
    return 0;
}

static int
fail_errno(char **errmsg, int err, const char *what, const char *path)
{
    if (asprintf(errmsg, "%s '%s': %s", what, path, strerror(err)) < 0)
        *errmsg = NULL;
    return -err;
}

/* Is a daemon answering on @path? */
static bool
unix_in_use(const struct sockaddr_un *sa)
{
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    bool live;

    if (fd < 0)
        return false;
    live = connect(fd, (const struct sockaddr *)sa, sizeof(*sa)) == 0;
    close(fd);
    return live;
}

int
rpc_server_add_unix(struct rpc_server *s, const char *path, mode_t perms,
                    gid_t gid, bool readonly, bool same_uid_only,
                    int backlog, char **errmsg)
{
    struct sockaddr_un sa = { .sun_family = AF_UNIX };
    mode_t old;
    int fd, rc;

    if (strlen(path) >= sizeof(sa.sun_path)) {
        if (asprintf(errmsg, "socket path too long: '%s'", path) < 0)
            *errmsg = NULL;
        return -ENAMETOOLONG;
    }
    strcpy(sa.sun_path, path);
    if (unix_in_use(&sa)) {
        if (asprintf(errmsg, "'%s' is in use by another daemon", path) < 0)
            *errmsg = NULL;
        return -EADDRINUSE;
    }
    unlink(path);
    fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return fail_errno(errmsg, errno, "cannot create socket", path);
    /* Bind with no group or other access at all, then set the group, then
     * open up to @perms: the file is never more open than configured. */
    old = umask(0777 & ~(perms & 0700));
    rc = bind(fd, (struct sockaddr *)&sa, sizeof(sa));
    umask(old);
    if (rc < 0) {
        rc = errno;
        close(fd);
        return fail_errno(errmsg, rc, "cannot bind", path);
    }
    if ((gid != (gid_t)-1 && chown(path, (uid_t)-1, gid) < 0) ||
        chmod(path, perms) < 0 || listen(fd, backlog > 0 ? backlog : 30) < 0) {
        rc = errno;
        close(fd);
        unlink(path);
        return fail_errno(errmsg, rc, "cannot set up socket", path);
    }
    return server_add_listener(s, fd, path, readonly, same_uid_only,
                               RPC_TRANSPORT_UNIX, errmsg);
}

int
rpc_server_add_tcp(struct rpc_server *s, const char *addr, const char *port,
                   int backlog, char **errmsg)
{
    struct addrinfo hints = {
        .ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM,
        .ai_flags = AI_PASSIVE | AI_NUMERICHOST | AI_NUMERICSERV,
    };
    struct addrinfo *res, *ai;
    int rc, n = 0;

    rc = getaddrinfo(addr, port, &hints, &res);
    if (rc != 0) {
        if (asprintf(errmsg, "cannot resolve '%s:%s': %s",
                     addr ? addr : "*", port, gai_strerror(rc)) < 0)
            *errmsg = NULL;
        return -EINVAL;
    }
    for (ai = res; ai; ai = ai->ai_next) {
        int one = 1;
        int fd = socket(ai->ai_family,
                        ai->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);

        if (fd < 0)
            continue;
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
        if (ai->ai_family == AF_INET6)
            setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof(one));
        if (bind(fd, ai->ai_addr, ai->ai_addrlen) < 0 ||
            listen(fd, backlog > 0 ? backlog : 30) < 0) {
            rc = errno;
            close(fd);
            continue;
        }
        if (server_add_listener(s, fd, NULL, false, false, RPC_TRANSPORT_TCP,
                                errmsg) == 0)
            n++;
    }
    freeaddrinfo(res);
    if (n == 0 && !*errmsg) {
        if (asprintf(errmsg, "cannot listen on '%s:%s': %s",
                     addr ? addr : "*", port, strerror(rc)) < 0)
            *errmsg = NULL;
    }
    return n ? 0 : -EADDRNOTAVAIL;
}
