# lib.sh: helpers for integration tests (sourced). Each test starts its own
# virtd on a temporary socket directory and drives it with real clients.
#   VIRTD     path to the virtd binary (set by run.sh)
#   start_virtd [ARGS...]   start; sets VDIR, VPID, SOCK, ROSOCK, ADMSOCK,
#                           URI, ROURI, ADMURI
#   stop_virtd              SIGTERM and wait (fails the test if it hangs)
#   check NAME CMD...       run CMD; count pass/fail, print one line
#   expect_eq NAME WANT GOT
#   finish                  print "N passed, N failed", exit status
set -u
: "${VIRTD:?VIRTD must point at the virtd binary}"
PY=/usr/bin/python3
T_PASS=0 T_FAIL=0
VPID= VDIR=

_cleanup() {
    if [ -n "$VPID" ] && kill -0 "$VPID" 2>/dev/null; then
        kill -9 "$VPID" 2>/dev/null
    fi
    [ -n "$VDIR" ] && rm -rf "$VDIR"
}
trap _cleanup EXIT

start_virtd() {
    [ -n "$VDIR" ] && rm -rf "$VDIR"
    VDIR=$(mktemp -d /tmp/virtd-integ.XXXXXX)
    SOCK=$VDIR/libvirt-sock ROSOCK=$VDIR/libvirt-sock-ro
    ADMSOCK=$VDIR/libvirt-admin-sock
    URI="test+unix:///default?socket=$SOCK"
    ROURI="test+unix:///default?socket=$ROSOCK"
    ADMURI="libvirtd:///system?socket=$ADMSOCK"
    "$VIRTD" --sock-dir "$VDIR" "$@" >"$VDIR/stdout.log" 2>"$VDIR/stderr.log" &
    VPID=$!
    for _ in $(seq 200); do
        [ -S "$ADMSOCK" ] && return 0
        kill -0 "$VPID" 2>/dev/null || break
        sleep 0.025
    done
    echo "virtd did not start:"; cat "$VDIR/stderr.log"
    return 1
}

stop_virtd() {
    local rc
    [ -n "$VPID" ] || return 0
    kill -TERM "$VPID" 2>/dev/null
    for _ in $(seq 250); do
        kill -0 "$VPID" 2>/dev/null || break
        sleep 0.02
    done
    if kill -0 "$VPID" 2>/dev/null; then
        echo "FAIL virtd did not exit within 5 s of SIGTERM"
        T_FAIL=$((T_FAIL + 1))
        kill -9 "$VPID"
    fi
    wait "$VPID" 2>/dev/null; rc=$?
    VPID=
    if [ $rc -ne 0 ]; then
        # a sanitizer report or a crash shows here: fail the test with it
        echo "FAIL virtd exited $rc after SIGTERM; its stderr:"
        tail -n 40 "$VDIR/stderr.log" | sed 's/^/    /'
        T_FAIL=$((T_FAIL + 1))
    fi
    return $rc
}

vrsh() { timeout 30 virsh -c "$URI" "$@"; }
vrsh_ro() { timeout 30 virsh -r -c "$ROURI" "$@"; }
vadm() { timeout 30 virt-admin -c "$ADMURI" "$@"; }

check() {
    local name=$1; shift
    if "$@" >/tmp/virtd-check.$$ 2>&1; then
        T_PASS=$((T_PASS + 1)); echo "ok   $name"
    else
        T_FAIL=$((T_FAIL + 1)); echo "FAIL $name"
        sed 's/^/    /' /tmp/virtd-check.$$ | tail -n 20
    fi
    rm -f /tmp/virtd-check.$$
}

expect_eq() {
    if [ "$2" = "$3" ]; then
        T_PASS=$((T_PASS + 1)); echo "ok   $1"
    else
        T_FAIL=$((T_FAIL + 1)); echo "FAIL $1"
        diff <(echo "$2") <(echo "$3") | sed 's/^/    /' | head -n 30
    fi
}

finish() {
    echo "$T_PASS passed, $T_FAIL failed"
    [ "$T_FAIL" -eq 0 ]
}
