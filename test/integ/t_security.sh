#!/bin/bash
# t_security.sh: socket modes and group from the configuration with no
# window where a socket is more open than configured; the admin socket
# only for the daemon's euid; read-only enforced by the server for every
# procedure the table marks as mutating (checked against libvirtd's
# transcript, test/integ/expected/ro-deny.expected, made by
# `security.py rowalk REFDIR ./virtd`); TCP off by default, and with
# listen_tcp only on listen_addr:tcp_port, only with auth_tcp = "none",
# with a loud warning; max_clients and max_anonymous_clients.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

sec() { timeout 120 "$PY" "$here/security.py" "$@"; }
tmp=$(mktemp -d /tmp/virtd-tsec.XXXXXX)
trap 'rm -rf "$tmp"; _cleanup' EXIT

# -- socket modes and group ------------------------------------------------------
start_virtd
expect_eq "default modes rw 0700, ro 0777, admin 0700" "700 777 700" \
    "$(stat -c %a "$SOCK" "$ROSOCK" "$ADMSOCK" | tr '\n' ' ' | sed 's/ $//')"
stop_virtd

group=$(getent group nogroup daemon users | head -n1 | cut -d: -f1)
cat >"$tmp/perms.conf" <<CONF
unix_sock_group = "$group"
unix_sock_rw_perms = "0770"
unix_sock_ro_perms = "0750"
unix_sock_admin_perms = "0700"
CONF
start_virtd -f "$tmp/perms.conf"
expect_eq "configured modes rw 0770, ro 0750, admin 0700" "770 750 700" \
    "$(stat -c %a "$SOCK" "$ROSOCK" "$ADMSOCK" | tr '\n' ' ' | sed 's/ $//')"
expect_eq "unix_sock_group owns every socket" "$group $group $group" \
    "$(stat -c %G "$SOCK" "$ROSOCK" "$ADMSOCK" | tr '\n' ' ' | sed 's/ $//')"
stop_virtd

# Started 10 times with umask 000 under inotify: never wider than configured.
expect_eq "no window: the widest mode ever seen is the configured one" \
    "libvirt-admin-sock 0700
libvirt-sock 0770
libvirt-sock-ro 0750" \
    "$(sec watch 10 "$tmp/w" "$VIRTD" --sock-dir "$tmp/w" -f "$tmp/perms.conf")"
if command -v strace >/dev/null && strace -qq -e trace=none true 2>/dev/null; then
    expect_eq "no window: bind() creates each socket within its final mode" \
        "libvirt-sock created 0700, then 0770
libvirt-sock-ro created 0700, then 0750
libvirt-admin-sock created 0700, then 0700" \
        "$(sec strace-perms "$tmp/s" "$VIRTD" --sock-dir "$tmp/s" -f "$tmp/perms.conf")"
else
    echo "skip no window (strace): strace cannot run here"
fi

# -- the admin socket is for the daemon's euid only ----------------------------------
printf 'unix_sock_admin_perms = "0777"\n' >"$tmp/admin.conf"
start_virtd -f "$tmp/admin.conf"
chmod 0755 "$VDIR"          # mktemp's 0700 would stop others at the dir
if [ "$(id -u)" = 0 ]; then
    expect_eq "admin socket: another uid is cut off at once" "closed" \
        "$(sec as-uid 65534 "$ADMSOCK" admin)"
    check "admin socket: the refusal is logged" \
        grep -q "refusing client uid 65534" "$VDIR/stderr.log"
    expect_eq "rw socket (0700): another uid cannot connect" \
        "connect: permission denied" "$(sec as-uid 65534 "$SOCK" remote)"
    expect_eq "ro socket (0777): another uid is served" "reply REPLY OK" \
        "$(sec as-uid 65534 "$ROSOCK" remote)"
else
    echo "skip admin socket uid checks: not running as root"
fi
check "admin socket: the daemon's own uid is served" vadm srv-list
stop_virtd

# -- read-only is enforced by the server -------------------------------------------------
start_virtd
out=$(sec rowalk "$VDIR" "$VIRTD")
exp=$(cat "$here/expected/ro-deny.expected")
# procedures newer than the transcript: the same three lines, by rule
known=$(grep -oE '^[A-Z0-9_]+\([0-9]+\)' <<<"$exp" | sort -u)
mine=$(grep -E '^[A-Z0-9_]+\([0-9]+\) ' <<<"$out" | while IFS= read -r l; do
    grep -qxF "$(grep -oE '^[A-Z0-9_]+\([0-9]+\)' <<<"$l")" <<<"$known" && echo "$l"
done)
expect_eq "read-only: every denied procedure as in libvirtd" \
    "$(grep -E '^[A-Z0-9_]+\([0-9]+\) ' <<<"$exp")" "$mine"
new=$(grep -E '^[A-Z0-9_]+\([0-9]+\) ' <<<"$out" | grep -vF -f <(sed 's/$/ /' <<<"$known"))
if [ -n "$new" ]; then
    echo "note: $(grep -c 'ro socket:' <<<"$new") denied procedure(s) newer than the transcript"
    check "read-only: newer procedures denied with 29 on both read-only paths" \
        bash -c '! grep -E "(ro socket|VIR_CONNECT_RO): " <<<"$1" | grep -vE ": ERROR 29/[0-9]+ operation forbidden: read only access prevents vir"' _ "$new"
    check "read-only: newer procedures not denied read-write" \
        bash -c '! grep -E "rw socket: DENIED" <<<"$1"' _ "$new"
fi
check "read-only: virsh -r still reads" vrsh_ro dominfo test
stop_virtd

# -- TCP ---------------------------------------------------------------------------------
port=$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
start_virtd --listen
expect_eq "TCP: off by default (even with --listen)" "none" "$(sec tcp-listen "$VPID")"
stop_virtd

printf 'listen_tcp = 1\ntcp_port = "%s"\nlisten_addr = "127.0.0.1"\n' "$port" >"$tmp/tcp.conf"
start_virtd -f "$tmp/tcp.conf"
expect_eq "TCP: listen_tcp without --listen stays off" "none" "$(sec tcp-listen "$VPID")"
stop_virtd

out=$("$VIRTD" --listen -f "$tmp/tcp.conf" --sock-dir "$tmp/t1" 2>&1); rc=$?
check "TCP: no auth_tcp: refuses to start" test $rc -ne 0
check "TCP: ... saying why" grep -q 'auth_tcp = "none"' <<<"$out"
check "TCP: ... leaving no socket" test ! -e "$tmp/t1/libvirt-sock"
printf 'auth_tcp = "sasl"\n' >>"$tmp/tcp.conf"
"$VIRTD" --listen -f "$tmp/tcp.conf" --sock-dir "$tmp/t1" >/dev/null 2>&1
check "TCP: auth_tcp = \"sasl\" (not implemented): refuses to start" test $? -ne 0

sed -i 's/^auth_tcp = .*/auth_tcp = "none"/' "$tmp/tcp.conf"
start_virtd --listen -f "$tmp/tcp.conf"
expect_eq "TCP: binds listen_addr:tcp_port only" "127.0.0.1:$port" \
    "$(sec tcp-listen "$VPID")"
check "TCP: a loud warning" grep -q "WITHOUT authentication" "$VDIR/stderr.log"
check "TCP: virsh over tcp" \
    timeout 30 virsh -c "test+tcp://127.0.0.1:$port/default" hostname
expect_eq "TCP: bad length word closes the connection" "closed" \
    "$("$PY" -c 'import sys; sys.path.insert(0, sys.argv[1])
from rawrpc import Conn, reaction
c = Conn("127.0.0.1:" + sys.argv[2]); c.send(b"\0\0\0\0" + bytes(24))
print(reaction(c))' "$here" "$port")"
stop_virtd

# -- max_clients, max_anonymous_clients ----------------------------------------------------
# hold N: N idle connections until release_hold
hold() {
    coproc HOLD { "$PY" "$here/clients.py" "$SOCK" hold "$1" 0; }
    read -r _ <&"${HOLD[0]}"
}
release_hold() { exec {HOLD[1]}>&-; wait "$HOLD_PID" 2>/dev/null; }

printf 'max_clients = 3\nmax_anonymous_clients = 1\n' >"$tmp/limits.conf"
start_virtd -f "$tmp/limits.conf"
hold 2
# With auth "none" nobody is anonymous (as in libvirtd): a third client is
# served although max_anonymous_clients is 1.
check "max_anonymous_clients 1: a third (authenticated) client is served" vrsh hostname
expect_eq "max_anonymous_clients: reported, nobody counted" \
    "nclients_unauth_max: 1 nclients_unauth: 0" \
    "$(vadm srv-clients-info libvirtd | sed -nE 's/^(nclients_unauth[a-z_]*) *: *([0-9]+)/\1: \2/p' | tr '\n' ' ' | sed 's/ $//')"
release_hold
hold 3
expect_eq "max_clients 3: a fourth client waits" "waits" \
    "$("$PY" -c 'import sys; sys.path.insert(0, sys.argv[1])
from rawrpc import Conn, Silent, call
c = Conn(sys.argv[2]); c.send(call(66))
try:
    c.recv(1); print("served")
except Silent:
    print("waits")' "$here" "$SOCK")"
release_hold
check "max_clients: served again once others leave" vrsh hostname
stop_virtd
finish
