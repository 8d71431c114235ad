#!/bin/bash
# t_python.sh: python3-libvirt (pyclient.py) against virtd: 200 open/close
# cycles with the daemon's descriptor count flat, 32 threads on one
# connection, an event loop with conn.setKeepAlive surviving idle time
# (scaled down: server and client at interval 1 s, count 2, so idling
# 8 s outlives 2.5 drop periods), isAlive() false and the close callback
# run when the server drops the client, and get_error_code() /
# get_error_domain() for bad calls equal to libvirtd's
# (expected/python-errors.expected, made by `pyclient.py REFDIR errors`).
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

pyc() { timeout 120 "$PY" "$here/pyclient.py" "$VDIR" "$@"; }
nfds() { ls "/proc/$VPID/fd" | wc -l; }

printf 'keepalive_interval = 1\nkeepalive_count = 2\n' >/tmp/virtd-tpy.$$.conf
start_virtd -f /tmp/virtd-tpy.$$.conf || exit 1
rm -f /tmp/virtd-tpy.$$.conf

fd0=$(nfds)
expect_eq "200 open/close cycles" "200 open/close cycles" "$(pyc cycles 200)"
for _ in $(seq 100); do [ "$(nfds)" -le "$fd0" ] && break; sleep 0.02; done
check "... leave the daemon's descriptor count flat ($fd0 -> $(nfds))" \
    test "$(nfds)" -le "$fd0"
expect_eq "32 threads on one connection" \
    "32 threads x 50 rounds on one connection: all correct" "$(pyc threads 32 50)"
expect_eq "event loop + setKeepAlive: alive after idling" \
    "after 8 idle s with keepalive: isAlive 1, served" "$(pyc idle 8)"
expect_eq "server drops the client: isAlive false, close callback (EOF)" \
    "isAlive 1 before, 0 after the server dropped it; close callback reasons [1]" \
    "$(pyc dropped)"
expect_eq "error codes and domains of bad calls equal libvirtd's" \
    "$(cat "$here/expected/python-errors.expected")" "$(pyc errors)"
stop_virtd
finish
