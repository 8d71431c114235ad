/*
 * cat.h: `virtd cat SOCKET`, netcat for the libvirt protocol. Reads lines
 * from stdin (a terminal or a pipe) and prints what comes back:
 *
 *   call NAME ARG...   a CALL by procedure name (remote by default;
 *                      "admin:NAME" or "remote:NAME"), arguments in
 *                      protocol order in xval_parse_text syntax; waits for
 *                      the reply and prints its header and decoded fields
 *   raw HEX...         bytes sent as they are
 *   ping               a keepalive PING
 *   wait SECS          only print what arrives, for SECS seconds
 *   help [WORD]        procedures and their argument shapes
 *   quit
 *
 * Events, keepalive PINGs and stream packets are printed as they arrive;
 * PINGs are answered unless --no-pong. -x hex-dumps every frame both ways.
 *
 * Runs on the calling thread; blocking I/O with poll().
 */
#ifndef VIRTD_RPC_CAT_H
#define VIRTD_RPC_CAT_H

/*
 * argv[0] is "cat". Returns the exit status: 0 when stdin was used up (or
 * quit) with the connection alive or closed by CONNECT_CLOSE; 1 when the
 * connection was lost, a call failed to encode, or a reply did not come
 * within the timeout; 2 for bad usage or when the socket cannot be
 * reached.
 */
int cat_main(int argc, char **argv);

#endif
