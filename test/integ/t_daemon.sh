#!/bin/bash
# The daemon's life: start-up message, configuration errors with FILE:LINE,
# SIGTERM (exit 0 within 1 s, sockets removed, in-flight calls answered),
# pidfile locking, a second daemon on the same sockets, socket modes,
# --timeout, -d.
. "$(dirname "$0")/lib.sh"

tmp=$(mktemp -d /tmp/virtd-tdaemon.XXXXXX)
trap 'rm -rf "$tmp"; _cleanup' EXIT

# -- configuration errors ---------------------------------------------------
printf 'max_workers = 4\nmin_workers 3\n' > "$tmp/bad.conf"
out=$("$VIRTD" -f "$tmp/bad.conf" --sock-dir "$tmp/s1" 2>&1); rc=$?
check "malformed line: exit non-zero" test $rc -ne 0
check "malformed line: names FILE:LINE" grep -q "$tmp/bad.conf:2:" <<<"$out"
check "malformed line: no socket left" test ! -e "$tmp/s1/libvirt-sock"

printf 'max_workers = "many"\n' > "$tmp/type.conf"
out=$("$VIRTD" -f "$tmp/type.conf" --sock-dir "$tmp/s1" 2>&1); rc=$?
check "wrong type: exit non-zero naming FILE:LINE" \
    bash -c "[ $rc -ne 0 ] && grep -q '$tmp/type.conf:1:' <<<\"\$1\"" _ "$out"

printf 'min_workers = 9\nmax_workers = 3\n' > "$tmp/minmax.conf"
"$VIRTD" -f "$tmp/minmax.conf" --sock-dir "$tmp/s1" >/dev/null 2>&1
check "min_workers > max_workers refused" test $? -ne 0

out=$("$VIRTD" -f "$tmp/missing.conf" --sock-dir "$tmp/s1" 2>&1); rc=$?
check "missing config file refused" \
    bash -c "[ $rc -ne 0 ] && grep -q 'missing.conf' <<<\"\$1\"" _ "$out"

printf '# comment\nsome_unknown_key = 1\nmax_workers = 7 # trailing\n' \
    > "$tmp/unknown.conf"
start_virtd -f "$tmp/unknown.conf"
check "unknown key: warning on stderr" grep -q "some_unknown_key" "$VDIR/stderr.log"
check "unknown key: daemon serves" vrsh hostname
stop_virtd

# -- start-up output and SIGTERM ---------------------------------------------
start_virtd
check "prints the virsh URI" grep -q "virsh -c 'test+unix:///default?socket=$SOCK'" "$VDIR/stdout.log"
check "prints the virt-admin URI" grep -q "virt-admin -c 'libvirtd:///system?socket=$ADMSOCK'" "$VDIR/stdout.log"
check "rw socket mode 0700" test "$(stat -c %a "$SOCK")" = 700
check "ro socket mode 777" test "$(stat -c %a "$ROSOCK")" = 777
check "admin socket mode 0700" test "$(stat -c %a "$ADMSOCK")" = 700

# a second daemon on the same sockets refuses, and the first keeps serving
out=$("$VIRTD" --sock-dir "$VDIR" 2>&1); rc=$?
check "second daemon on the same sockets refused" \
    bash -c "[ $rc -ne 0 ] && grep -q 'in use' <<<\"\$1\"" _ "$out"
check "first daemon still serves" vrsh hostname

# SIGTERM with a client connected
/usr/bin/python3 -c '
import libvirt, sys, time
c = libvirt.open(sys.argv[1])
print("opened", flush=True)
time.sleep(30)' "$URI" >"$tmp/held.log" 2>&1 &
held=$!
for _ in $(seq 100); do grep -q opened "$tmp/held.log" && break; sleep 0.05; done
pid=$VPID
start=$(date +%s%N)
kill -TERM "$pid"
wait "$pid"; rc=$?
ms=$(( ($(date +%s%N) - start) / 1000000 ))
VPID=
check "SIGTERM: exit status 0" test $rc -eq 0
check "SIGTERM: exit within 1 s (took ${ms} ms)" test $ms -lt 1000
check "SIGTERM: rw socket removed" test ! -e "$SOCK"
check "SIGTERM: ro socket removed" test ! -e "$ROSOCK"
check "SIGTERM: admin socket removed" test ! -e "$ADMSOCK"
kill "$held" 2>/dev/null; wait "$held" 2>/dev/null

# -- pidfile -----------------------------------------------------------------
start_virtd -p "$tmp/virtd.pid"
check "pidfile holds the pid" test "$(cat "$tmp/virtd.pid")" = "$VPID"
out=$("$VIRTD" -p "$tmp/virtd.pid" --sock-dir "$tmp/s2" 2>&1); rc=$?
check "second daemon on the same pidfile refused" \
    bash -c "[ $rc -ne 0 ] && grep -q 'already running' <<<\"\$1\"" _ "$out"
check "refused daemon left no sockets" test ! -e "$tmp/s2/libvirt-sock"
stop_virtd
check "pidfile removed at exit" test ! -e "$tmp/virtd.pid"

# -- configured socket modes ---------------------------------------------------
cat > "$tmp/perms.conf" <<'CONF'
unix_sock_rw_perms = "0770"
unix_sock_ro_perms = "0755"
unix_sock_admin_perms = "0700"
CONF
start_virtd -f "$tmp/perms.conf"
check "configured rw mode 0770" test "$(stat -c %a "$SOCK")" = 770
check "configured ro mode 0755" test "$(stat -c %a "$ROSOCK")" = 755
stop_virtd

# -- SIGHUP re-reads the log settings ---------------------------------------
cat > "$tmp/hup.conf" <<CONF
log_outputs = "3:file:$tmp/hup.log"
CONF
start_virtd -f "$tmp/hup.conf"
vrsh hostname >/dev/null
check "before SIGHUP: no info lines in the log" bash -c "! grep -q ': info :' '$tmp/hup.log' 2>/dev/null"
printf 'log_level = 1\nlog_outputs = "1:file:%s"\n' "$tmp/hup.log" > "$tmp/hup.conf"
kill -HUP "$VPID"
for _ in $(seq 50); do grep -q 'log settings re-read' "$tmp/hup.log" 2>/dev/null && break; sleep 0.05; done
check "SIGHUP: new log settings applied" grep -q 'SIGHUP: log settings re-read' "$tmp/hup.log"
echo 'log_level = 9' >> "$tmp/hup.conf"
kill -HUP "$VPID"
for _ in $(seq 50); do grep -q 'keeping the log settings' "$tmp/hup.log" 2>/dev/null && break; sleep 0.05; done
check "SIGHUP: a bad file keeps the settings, says why" grep -q 'keeping the log settings: log_level must be 1..4' "$tmp/hup.log"
check "SIGHUP: daemon still serves" vrsh hostname
stop_virtd

# -- --timeout ------------------------------------------------------------------
start_virtd --timeout 1
vrsh hostname >/dev/null
pid=$VPID
for _ in $(seq 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
check "--timeout: exits when idle" bash -c "! kill -0 $pid 2>/dev/null"
wait "$pid"; rc=$?
VPID=
check "--timeout: exit status 0" test $rc -eq 0

# -- -d ------------------------------------------------------------------------
"$VIRTD" -d --sock-dir "$tmp/s3" -p "$tmp/d.pid" >/dev/null 2>&1
rc=$?
check "-d: parent exits 0 once serving" test $rc -eq 0
check "-d: child serves" timeout 10 virsh -c "test+unix:///default?socket=$tmp/s3/libvirt-sock" hostname
dpid=$(cat "$tmp/d.pid" 2>/dev/null)
check "-d: pidfile names the child" kill -0 "${dpid:-0}"
kill -TERM "${dpid:-0}" 2>/dev/null
for _ in $(seq 250); do kill -0 "${dpid:-0}" 2>/dev/null || break; sleep 0.02; done
check "-d: child stops on SIGTERM" bash -c "! kill -0 ${dpid:-0} 2>/dev/null"

finish
