/*
 * bench.h: `virtd bench SOCKET [options]`, the load generator behind the
 * scripts/ load tests. Opens -c connections (UNIX socket path or
 * host:port), does the handshake virsh does on each (AUTH_LIST,
 * CONNECT_OPEN), keeps -p calls of the -m mix in flight per connection for
 * -w warm-up plus -d measured seconds on -t threads, validates every reply
 * and reports calls/s, latency percentiles and errors (text, or one JSON
 * object with --json).
 *
 * Runs on the calling thread plus its own worker threads, all joined
 * before it returns.
 */
#ifndef VIRTD_RPC_BENCH_H
#define VIRTD_RPC_BENCH_H

/*
 * argv[0] is "bench". Returns the process exit status: 0 when the run
 * completed without errors, 1 when it completed with errors (or could not
 * connect at all), 2 for bad usage.
 */
int bench_main(int argc, char **argv);

#endif
