/*
 * unix_connect.h: a test client's connection to a UNIX socket, shared by
 * the in-process server tests (server_harness.h, test_admin.c).
 */
#ifndef VIRTD_TEST_UNIT_UNIX_CONNECT_H
#define VIRTD_TEST_UNIT_UNIX_CONNECT_H

#include <criterion/criterion.h>

#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>

/* Connected stream socket to @path; the test fails when it cannot. */
static inline int
unix_connect(const char *path)
{
    struct sockaddr_un sa = { .sun_family = AF_UNIX };
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);

    cr_assert_lt(strlen(path), sizeof(sa.sun_path), "socket path too long");
    strcpy(sa.sun_path, path);
    cr_assert_eq(connect(fd, (struct sockaddr *)&sa, sizeof(sa)), 0);
    return fd;
}

#endif
