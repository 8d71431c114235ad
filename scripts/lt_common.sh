# lt_common.sh: helpers shared by loadtest.sh and soak.sh (sourced).
#   lt_init OUTDIR            cleanup trap, open-file limit
#   lt_target NAME SPEC       start or locate a server; socket in LT_SOCK,
#                             pid (0 if not ours) in LT_PID
#   lt_bench_ready            pick the virtd binary that runs `bench`
#   lt_run SOCK MIX C P D W [T]   one bench run: prints its JSON line
#   lt_summary JSON           "calls/s p99 errors" in one short line
#   lt_rss PID                resident memory of PID in KiB (or "-")
# Everything started through these is stopped by the EXIT trap.

LT_PY=${LT_PY:-python3}
LT_REF_SCRIPT=${LT_REF_SCRIPT:-/work/shared/scripts/reference-libvirtd.sh}
LT_BENCH=${LT_BENCH:-}
LT_FIRST_BIN=""
LT_PIDS=()          # virtd daemons we started
LT_REFS=()          # reference libvirtd directories we started
LT_TMPS=()          # temporary directories to remove

lt_cleanup() {
    local pid d
    for pid in "${LT_PIDS[@]}"; do
        kill -TERM "$pid" 2>/dev/null
    done
    for pid in "${LT_PIDS[@]}"; do
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
    done
    for d in "${LT_REFS[@]}"; do
        "$LT_REF_SCRIPT" stop "$d" >/dev/null 2>&1
    done
    for d in "${LT_TMPS[@]}"; do
        rm -rf "$d"
    done
    LT_PIDS=() LT_REFS=() LT_TMPS=()
}

lt_init() {
    LT_OUT=$1
    trap lt_cleanup EXIT
    trap 'exit 130' INT TERM
    ulimit -n "$(ulimit -Hn)" 2>/dev/null
}

# Wait up to 10 s for a UNIX socket to appear (and pid to stay alive).
lt_wait_sock() {
    local sock=$1 pid=${2:-0}
    for _ in $(seq 200); do
        [ -S "$sock" ] && return 0
        [ "$pid" != 0 ] && ! kill -0 "$pid" 2>/dev/null && return 1
        sleep 0.05
    done
    return 1
}

lt_start_virtd() {
    local bin=$1 dir
    [ -x "$bin" ] || { echo "loadtest: $bin is not executable" >&2; return 1; }
    dir=$(mktemp -d /tmp/lt-virtd.XXXXXX) || return 1
    LT_TMPS+=("$dir")
    "$bin" --sock-dir "$dir" >"$dir/virtd.log" 2>&1 &
    LT_PID=$!
    LT_PIDS+=("$LT_PID")
    LT_SOCK=$dir/libvirt-sock
    [ -z "$LT_FIRST_BIN" ] && LT_FIRST_BIN=$bin
    lt_wait_sock "$LT_SOCK" "$LT_PID" && return 0
    echo "loadtest: $bin did not start:" >&2
    tail -n 5 "$dir/virtd.log" >&2
    return 1
}

# libvirtd's QEMU driver refuses to start without the libvirt-qemu user,
# and takes libvirtd down with it: hide it when that user is missing.
lt_ref_drivers() {
    local dir=$1 src f
    id libvirt-qemu >/dev/null 2>&1 && return 0
    src=$(ls -d /usr/lib/*/libvirt/connection-driver 2>/dev/null | head -n 1)
    [ -n "$src" ] || return 0
    mkdir -p "$dir/drv"
    for f in "$src"/*.so; do
        case $f in *qemu*) ;; *) ln -sf "$f" "$dir/drv/" ;; esac
    done
    export LIBVIRT_DRIVER_DIR=$dir/drv
}

lt_start_ref() {
    local dir
    dir=$(mktemp -d /tmp/lt-ref.XXXXXX) || return 1
    LT_TMPS+=("$dir")
    lt_ref_drivers "$dir"
    LT_REFS+=("$dir")
    if ! "$LT_REF_SCRIPT" start "$dir" >"$dir/start.log" 2>&1; then
        echo "loadtest: reference libvirtd did not start:" >&2
        cat "$dir/start.log" >&2
        return 1
    fi
    LT_SOCK=$dir/libvirt-sock
    LT_PID=$(cat "$dir/libvirtd.pid" 2>/dev/null || echo 0)
}

lt_target() {
    local name=$1 spec=$2
    LT_PID=0
    case "$spec" in
    bin:*) lt_start_virtd "${spec#bin:}" ;;
    ref:*) lt_start_ref ;;
    *) LT_SOCK=$spec
       [ -S "$LT_SOCK" ] || { echo "loadtest: $name: no socket at $spec" >&2; return 1; } ;;
    esac
}

lt_bench_ready() {
    local here
    here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
    LT_BENCH=${LT_BENCH:-${LT_FIRST_BIN:-$here/../virtd}}
    if [ ! -x "$LT_BENCH" ]; then
        echo "loadtest: no virtd binary to run bench ($LT_BENCH); use --bench PATH" >&2
        return 1
    fi
}

# One bounded bench run; always prints one JSON line.
lt_run() {
    local sock=$1 mix=$2 c=$3 p=$4 d=$5 w=$6 t=${7:-} out rc
    local bound=$(( ${d%.*} + ${w%.*} + 90 ))
    out=$(timeout "$bound" "$LT_BENCH" bench "$sock" -m "$mix" -c "$c" -p "$p" \
          -d "$d" -w "$w" ${t:+-t "$t"} --json -q 2>/dev/null | tail -n 1)
    rc=$?
    case "$out" in
    \{*) echo "$out" ;;
    *) echo "{\"mix\":\"$mix\",\"connections_requested\":$c,\"pipeline\":$p,\"failed\":\"bench produced no report (exit $rc)\"}" ;;
    esac
}

lt_summary() {
    "$LT_PY" -c '
import json, sys
d = json.loads(sys.argv[1])
if "failed" in d:
    print("FAILED:", d["failed"])
else:
    e = d["errors"]
    print("%10.0f calls/s  p99 %9.1f us  errors %d%s" % (d["calls_per_s"],
          d["p99_us"], e, "  (%s)" % d["first_error"] if e else ""))
' "$1"
}

lt_rss() {
    if [ -r "/proc/$1/status" ]; then
        awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"
    else
        echo "-"
    fi
}
