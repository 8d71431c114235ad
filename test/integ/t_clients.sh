#!/bin/bash
# t_clients.sh: abusive and busy clients (clients.py does the talking):
# a client that never reads (calls: reading pauses at max_client_requests;
# PINGs, or events it registered for: its bounded output queue overflows
# and it is cut off with a log line), held half-open connections, 1000
# clients connecting and leaving in a loop, a flood of garbage, keepalive (a silent client is dropped
# after interval x (count + 1), scaled down to 1 s x 3), accept() failing
# with EMFILE, and 100,000 connect/call/disconnect cycles with the
# daemon's descriptor count and RSS flat. Throughout, other clients (the
# real virsh and python3-libvirt) must be served.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

cl() { timeout 120 "$PY" "$here/clients.py" "$@"; }

# python3-libvirt working on one connection while something else happens
busy() {
    timeout 120 "$PY" -c '
import libvirt, sys
c = libvirt.open(sys.argv[1])
for i in range(int(sys.argv[2])):
    c.lookupByName("test").info()
    c.getHostname()
c.close()
print("ok")' "$URI" "$1"
}

# clients.py MODE ARGS in the background, its output in $VDIR/bg.out
bg_start() { cl "$SOCK" "$@" >"$VDIR/bg.out" 2>&1 & BG=$!; }

nfds() { ls "/proc/$VPID/fd" | wc -l; }

# Wait up to 2 s for the daemon's descriptor count to drop to $1.
fds_back_to() {
    for _ in $(seq 100); do
        [ "$(nfds)" -le "$1" ] && return 0
        sleep 0.02
    done
    echo "fds: $(nfds), want <= $1"
    return 1
}

start_virtd || exit 1
fd0=$(nfds)

# -- a client that never reads ------------------------------------------------
expect_eq "never reads, calls: reading pauses, nothing lost" \
    "1000 calls, all answered once read" "$(cl "$SOCK" noread 1000)"

bg_start pingflood 30
check "virsh served during a PING flood" vrsh hostname
wait $BG
check "never reads, PINGs: cut off at the output bound" \
    grep -q '^disconnected after' "$VDIR/bg.out"
check "never reads, PINGs: a log line says why" \
    grep -q 'does not read its replies' "$VDIR/stderr.log"

# events pile up for a client that registered and never reads
bg_start eventnoread
for _ in $(seq 100); do grep -q registered "$VDIR/bg.out" && break; sleep 0.05; done
check "events for a non-reader: another client makes 5000 of them" \
    timeout 120 "$PY" -c '
import libvirt, sys
d = libvirt.open(sys.argv[1]).lookupByName("test")
for i in range(2500):
    d.suspend()
    d.resume()' "$URI"
wait $BG
check "events for a non-reader: cut off at the output bound" \
    grep -qx 'cut off' "$VDIR/bg.out"
check "virsh served after the event pile-up" vrsh domstate test

# -- half-open connections ------------------------------------------------------
coproc HOLD { cl "$SOCK" hold 300 100; }
read -r held <&"${HOLD[0]}"
expect_eq "300 idle connections (100 with half a frame) held" \
    "holding 300 connections" "$held"
check "virsh served beside them" vrsh hostname
check "python3-libvirt served beside them" busy 50
exec {HOLD[1]}>&-
wait "$HOLD_PID" 2>/dev/null
check "their descriptors are released when they go" fds_back_to "$fd0"

# -- 1000 clients coming and going while others work ------------------------------
bg_start churn 1000
check "python3-libvirt served during the churn" busy 300
check "virsh served during the churn" vrsh list --all
wait $BG
check "1000 connect/disconnect cycles of every kind" \
    grep -q '^1000 cycles' "$VDIR/bg.out"

# -- garbage -----------------------------------------------------------------------
bg_start garbage 2
check "virsh served during a garbage flood" vrsh hostname
wait $BG
check "garbage connections are closed" \
    grep -qx 'garbage connections: closed closed closed closed' "$VDIR/bg.out"
check "daemon alive after the abuse" kill -0 "$VPID"
check "no descriptor left behind" fds_back_to "$fd0"

# -- 100,000 connect/call/disconnect cycles ---------------------------------------
out=$(cl "$SOCK" cycles 100000 "$VPID")
echo "     $out"
read -r n fd_a fd_b rss_a rss_b < <(sed -nE \
    's/^([0-9]+) cycles .*fds ([0-9]+) -> ([0-9]+); rss ([0-9]+) -> ([0-9]+) KiB/\1 \2 \3 \4 \5/p' <<<"$out")
check "100,000 cycles completed" test "${n:-0}" -eq 100000
check "100,000 cycles: fd count flat" test "${fd_b:-1}" -le "${fd_a:--1}"
# ASan's quarantine holds freed memory back by design: allow for it there
slack=2048
[[ "$VIRTD" == */asan/* || "$VIRTD" == */tsan/* ]] && slack=$((320 * 1024))
check "100,000 cycles: RSS flat (${rss_a:-?} -> ${rss_b:-?} KiB)" \
    test "${rss_b:-1}" -le $(( ${rss_a:--999999} + slack ))
stop_virtd

# -- keepalive: interval 1 s, count 2 ------------------------------------------------
printf 'keepalive_interval = 1\nkeepalive_count = 2\n' >/tmp/virtd-ka.$$.conf
start_virtd -f /tmp/virtd-ka.$$.conf || exit 1
rm -f /tmp/virtd-ka.$$.conf
cl "$SOCK" ka-answer 6 >"$VDIR/ka-answer.out" 2>&1 &
answer=$!
cl "$SOCK" ka-none 5 >"$VDIR/ka-none.out" 2>&1 &
none=$!
out=$(cl "$SOCK" ka-silent)
read -r secs pings < <(sed -nE 's/^dropped after ([0-9.]+) s and ([0-9]+) PINGs$/\1 \2/p' <<<"$out")
check "keepalive: silent client dropped after interval x (count + 1) = 3 s ($out)" \
    "$PY" -c "import sys; sys.exit(not 2.5 <= float('${secs:-0}') <= 4.5)"
expect_eq "keepalive: count PINGs before the drop" "2" "${pings:-}"
check "keepalive: drop logged" grep -q 'no keepalive response' "$VDIR/stderr.log"
wait $answer $none
expect_eq "keepalive: a client answering PINGs stays" \
    "still served after 6 s" "$(cat "$VDIR/ka-answer.out")"
expect_eq "keepalive: a client that never asked is never pinged nor dropped" \
    "still open after 5 silent s" "$(cat "$VDIR/ka-none.out")"
stop_virtd

# -- accept() fails with EMFILE ---------------------------------------------------------
# virtd raises its soft limit to the hard one at start, so both are
# lowered for it alone, through a wrapper that execs it (same pid)
real_virtd=$VIRTD
wrap=$(mktemp /tmp/virtd-emfile.XXXXXX)
printf '#!/bin/bash\nulimit -n 48\nexec "%s" "$@"\n' "$real_virtd" > "$wrap"
chmod +x "$wrap"
VIRTD=$wrap
start_virtd
VIRTD=$real_virtd
rm -f "$wrap"
out=$(cl "$SOCK" emfile 60)
echo "     $out"
check "EMFILE: accepting pauses, logged" \
    grep -q 'cannot accept: Too many open files; pausing' "$VDIR/stderr.log"
check "EMFILE: the daemon survives and serves again ($out)" \
    grep -qE '^[0-9]+ of 60 served; a new client served [0-9.]+ s after' <<<"$out"
check "EMFILE: virsh served afterwards" vrsh hostname
stop_virtd
finish
