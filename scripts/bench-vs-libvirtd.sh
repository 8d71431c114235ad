#!/bin/bash
# bench-vs-libvirtd.sh: the performance table of issue 7, virtd against a
# private reference libvirtd 9.0 (test driver) in the same run, with the
# same load generator (`virtd bench`), the two servers' runs alternating.
#
#   scripts/bench-vs-libvirtd.sh [options]
#
# Options:
#   --virtd PATH   the virtd binary (default ./virtd); it also runs bench
#   --no-ref       virtd alone (no libvirtd column, no ratios)
#   -r N           repeats of every load (default 3)
#   -d SECS        measured seconds per run (default 3)
#   -w SECS        warm-up seconds per run (default 1)
#   -o DIR         output directory (default perf-YYYYmmdd-HHMMSS)
#   --idle N       clients at once for the idle-connection rows and
#                  max_clients of both servers (default 10000; >= 100)
#   --quiet-wait S before each run, wait up to S seconds for the other
#                  processes (and the hypervisor's steal) to use < 15% of
#                  the CPUs (default 3; 0: never)
#   --max-steal F  a run whose steal (CPU time the hypervisor gave to
#                  others, a fraction of all CPUs) was above F is made
#                  again, up to twice, when time allows; the attempt with
#                  the least steal is kept (default 0.10; 0: never)
#   --steal-wait S wait S seconds before such a run is made again: the
#                  hypervisor's busy spells last seconds or more
#                  (default 10)
#   --max-time S   start no measurement that could end after S seconds
#                  (default 900); what is left out shows as "-"
#   --responder P  the scale rows' responder binary (default: built here
#                  with `make trivial-responder`)
#   --no-scale     no scale rows
# A short mode for tests: -r 1 -d 1 --idle 300 --quiet-wait 0
#   --steal-wait 1 (< 60 s).
#
# Measured, per server (medians over the repeats, min..max shown):
#   calls/s and p99 at 16 connections x 1 call (libversion, info) and
#     16 x 5 (libversion); server CPU (utime+stime, /proc/PID/stat) and
#     context switches (every thread's /proc status) per call over the
#     measured part of those runs; the machine's steal over the same;
#   system calls per call: one more run of each load under `perf stat -e
#     raw_syscalls:sys_enter -p PID` (else `strace -c -f -p PID`, else
#     "-"), kept apart so that counting does not touch the numbers above;
#   RSS per idle connection: RSS with N1 idle connections (bench -m idle:
#     the handshake, then no calls) and with N1 + 5000, the slope between;
#   calls/s at 16 x 1 with --idle minus 16 idle connections held, against
#     the same without them; concurrent clients: how many of the --idle
#     clients the server held at once, none lost.
# Scale (no targets): test/bench/trivial_responder, one thread answering
#   every call at once, at 16 x 1 and 16 x 5 libversion in the same
#   rounds: calls/s, p99, CPU per call, next to virtd's.
# Machine costs (before the servers start, test/bench/machine_costs.c):
#   a system call, a UNIX-socket frame written and read, and a wake of a
#   thread asleep on another CPU (the waker's CPU time and the latency;
#   the waker's CPU again with that CPU busy, and with the sleeper on the
#   waker's own CPU).
# Output in DIR: results.jsonl (one line per measurement), report.md (the
# table with its targets, the machine, the commands), chart.svg (the
# ratios virtd/libvirtd). Everything this script starts is stopped when
# it exits, Ctrl-C included. Exit status: 0 when the report was written.
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lt_common.sh"

virtd=./virtd ref=yes repeats=3 dur=3 warm=1 outdir="" idle=10000
quiet_wait=3 max_time=900 max_steal=0.10 steal_wait=10 responder=""
scale=yes
cmdline="$0 $*"

usage() { sed -n '2,/^set -u/p' "$0" | sed 's/^# \{0,1\}//; /^set -u/d'; }
die() { echo "bench-vs-libvirtd: $*" >&2; exit 1; }
while [ $# -gt 0 ]; do
    case "$1" in
    --virtd) virtd=$2; shift ;;
    --no-ref) ref="" ;;
    -r) repeats=$2; shift ;;
    -d) dur=$2; shift ;;
    -w) warm=$2; shift ;;
    -o) outdir=$2; shift ;;
    --idle) idle=$2; shift ;;
    --quiet-wait) quiet_wait=$2; shift ;;
    --max-time) max_time=$2; shift ;;
    --max-steal) max_steal=$2; shift ;;
    --steal-wait) steal_wait=$2; shift ;;
    --responder) responder=$2; shift ;;
    --no-scale) scale="" ;;
    -h|--help) usage; exit 0 ;;
    *) echo "bench-vs-libvirtd: unknown option $1" >&2; usage >&2; exit 2 ;;
    esac
    shift
done
for v in repeats idle quiet_wait steal_wait max_time; do
    [[ ${!v} =~ ^[0-9]+$ ]] ||
        { echo "bench-vs-libvirtd: bad $v '${!v}'" >&2; exit 2; }
done
[[ $dur =~ ^[0-9]+(\.[0-9]+)?$ && $warm =~ ^[0-9]+(\.[0-9]+)?$ ]] ||
    { echo "bench-vs-libvirtd: -d and -w take seconds" >&2; exit 2; }
[[ $max_steal =~ ^(0(\.[0-9]+)?|1(\.0*)?|\.[0-9]+)$ ]] ||
    { echo "bench-vs-libvirtd: --max-steal takes 0..1" >&2; exit 2; }
[ "$repeats" -ge 1 ] && [ "$idle" -ge 100 ] && [ "$idle" -le 10000 ] ||
    { echo "bench-vs-libvirtd: -r >= 1, 100 <= --idle <= 10000" >&2; exit 2; }
[ -x "$virtd" ] || die "$virtd is not executable"
virtd=$(cd "$(dirname "$virtd")" && pwd)/$(basename "$virtd")
LT_BENCH=$virtd
outdir=${outdir:-perf-$(date +%Y%m%d-%H%M%S)}
mkdir -p "$outdir" || exit 1
outdir=$(cd "$outdir" && pwd)
results=$outdir/results.jsonl cmds=$outdir/commands.txt
: >"$results"; : >"$cmds"; : >"$outdir/pids"
t_start=$(date +%s)
report() { "$LT_PY" "$here/bench_vs_report.py" "$@"; }

# Stop the load generators first (the idle holders, a run under way),
# then the servers (lt_cleanup).
hold_pids=() bench_pid=""
bvl_cleanup() {
    local p
    for p in "${hold_pids[@]}" $bench_pid; do kill -TERM "$p" 2>/dev/null; done
    for p in "${hold_pids[@]}" $bench_pid; do wait "$p" 2>/dev/null; done
    lt_cleanup
}
lt_init "$outdir"
trap bvl_cleanup EXIT
# Each server and each idle holder needs a descriptor per client.
nofile=$((idle + 200))
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt $nofile ]; then
    ulimit -Hn $nofile 2>/dev/null && ulimit -n $nofile
    [ "$(ulimit -n)" -ge $nofile ] || echo "bench-vs-libvirtd: open-file" \
        "limit $(ulimit -n) is below --idle + 200" >&2
fi

# note_cmd WORDS...: one of the commands the report lists (each once).
note_cmd() { grep -qxF -- "$*" "$cmds" || echo "$*" >>"$cmds"; }

# -- servers ------------------------------------------------------------

# roles: ref (virtd, libvirtd: every measurement) or scale (the
# responder: the libversion throughput runs only).
names=() socks=() pids=() roles=()

# server_up NAME SOCK PID ROLE: the server answers; it joins the list.
server_up() {
    names+=("$1") socks+=("$2") pids+=("$3") roles+=("$4")
    echo "$3" >>"$outdir/pids"
}

start_virtd() {
    local dir pid
    dir=$(mktemp -d /tmp/bvl-virtd.XXXXXX) || return 1
    LT_TMPS+=("$dir")
    printf 'max_clients = %s\n' "$idle" >"$dir/virtd.conf"
    "$virtd" -f "$dir/virtd.conf" --sock-dir "$dir" >"$dir/virtd.log" 2>&1 &
    pid=$!
    LT_PIDS+=("$pid")
    lt_wait_sock "$dir/libvirt-sock" "$pid" ||
        { tail -n 5 "$dir/virtd.log" >&2; return 1; }
    note_cmd "virtd -f DIR/virtd.conf --sock-dir DIR" \
        "  # virtd.conf: max_clients = $idle"
    server_up virtd "$dir/libvirt-sock" "$pid" ref
}

# The reference: as /work/shared/scripts/reference-libvirtd.sh starts it
# (a private mount namespace with its own /run/libvirt; the QEMU driver
# hidden when there is no libvirt-qemu user), plus max_clients = --idle.
# With auth "none" no client counts against max_anonymous_clients.
start_ref() {
    local dir pid
    command -v libvirtd >/dev/null ||
        { echo "bench-vs-libvirtd: no libvirtd: virtd alone" >&2; return 1; }
    dir=$(mktemp -d /tmp/bvl-ref.XXXXXX) || return 1
    LT_TMPS+=("$dir")
    lt_ref_drivers "$dir"
    cat >"$dir/libvirtd.conf" <<CONF
unix_sock_dir = "$dir"
auth_unix_ro = "none"
auth_unix_rw = "none"
listen_tls = 0
listen_tcp = 0
max_clients = $idle
log_outputs = "3:file:$dir/libvirtd.log"
CONF
    setsid unshare --mount --propagation private sh -c \
        "mount -t tmpfs tmpfs /run/libvirt 2>/dev/null || { mkdir -p /run/libvirt && mount -t tmpfs tmpfs /run/libvirt; }; \
         exec libvirtd -f '$dir/libvirtd.conf' -p '$dir/libvirtd.pid' --timeout 3600" \
        >"$dir/stdout.log" 2>&1 </dev/null &
    for _ in $(seq 100); do
        [ -S "$dir/libvirt-sock" ] && [ -s "$dir/libvirtd.pid" ] && break
        sleep 0.1
    done
    pid=$(cat "$dir/libvirtd.pid" 2>/dev/null)
    [ -n "$pid" ] && LT_PIDS+=("$pid")
    [ -S "$dir/libvirt-sock" ] && [ -n "$pid" ] || {
        echo "bench-vs-libvirtd: libvirtd did not start: virtd alone" >&2
        tail -n 5 "$dir/libvirtd.log" "$dir/stdout.log" >&2; return 1; }
    note_cmd "libvirtd -f DIR/libvirtd.conf -p DIR/libvirtd.pid" \
        "--timeout 3600  # $(libvirtd --version | head -n 1), test driver," \
        "in unshare --mount with a tmpfs on /run/libvirt; libvirtd.conf:" \
        "unix_sock_dir = DIR, auth_unix_ro/rw = none, listen_tcp/tls = 0," \
        "max_clients = $idle"
    server_up libvirtd "$dir/libvirt-sock" "$pid" ref
}

# The scale rows' trivial responder: --responder, else built from this
# tree (one file, libc only, a second or so). Why it is missing goes to
# the report (scale_why).
scale_why="--no-scale"
start_responder() {
    local dir pid bin=$responder
    dir=$(mktemp -d /tmp/bvl-resp.XXXXXX) || return 1
    LT_TMPS+=("$dir")
    if [ -z "$bin" ]; then
        bin=$here/../build/bench/bench/trivial_responder
        env -u MAKEFLAGS -u MAKELEVEL make -s -C "$here/.." \
            trivial-responder >"$dir/make.log" 2>&1 || {
            scale_why="make trivial-responder failed"
            tail -n 5 "$dir/make.log" >&2; return 1; }
    fi
    [ -x "$bin" ] || { scale_why="$bin is not executable"; return 1; }
    "$bin" "$dir/sock" >"$dir/responder.log" 2>&1 &
    pid=$!
    LT_PIDS+=("$pid")
    lt_wait_sock "$dir/sock" "$pid" ||
        { scale_why="the responder did not start"; return 1; }
    note_cmd "trivial_responder DIR/sock  # test/bench/trivial_responder.c"
    server_up responder "$dir/sock" "$pid" scale
}

# What the machine charges for the kernel work a call is made of
# (test/bench/machine_costs.c), measured before any server starts.
costs="not measured"
machine_costs() {
    local log bin=$here/../build/bench/bench/machine_costs out
    log=$(mktemp /tmp/bvl-costs.XXXXXX) || return 1
    LT_TMPS+=("$log")
    env -u MAKEFLAGS -u MAKELEVEL make -s -C "$here/.." machine-costs \
        >"$log" 2>&1 || { costs="not measured (make machine-costs failed)"
                          return 1; }
    out=$("$bin" 2>>"$log") || { costs="not measured ($(tail -n 1 "$log"))"
                                 return 1; }
    costs=$(echo "$out" | awk '
        { v[$1] = $2 }
        END { printf "system call %s ns; UNIX-socket write+read of a " \
              "28-byte frame %s us; waking a thread asleep on another " \
              "CPU: %s us of the waker'"'"'s CPU, %s us until it runs " \
              "(%s us when that CPU is busy, %s us on the waker'"'"'s " \
              "own CPU)",
              v["syscall_ns"], v["unix_pair_us"], v["wake_cpu_us"],
              v["wake_latency_us"], v["wake_busy_cpu_us"],
              v["wake_same_cpu_us"] }')
}
machine_costs && note_cmd "machine_costs  # test/bench/machine_costs.c"

start_virtd || die "virtd did not start"
[ -n "$ref" ] && start_ref
[ -n "$scale" ] && { start_responder ||
    echo "bench-vs-libvirtd: no scale rows: $scale_why" >&2; }
# The servers every measurement is made on (not the responder).
refs=()
for i in "${!names[@]}"; do
    [ "${roles[$i]}" = ref ] && refs+=("$i")
done

# -- sampling -----------------------------------------------------------

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
ctx_sum() {
    cat /proc/"$1"/task/*/status 2>/dev/null |
        awk '/ctxt_switches/ { s += $2 } END { print s + 0 }'
}
# All CPUs: busy (steal apart), total and steal ticks (USER_HZ). Steal:
# time the hypervisor ran something else while this VM wanted to run.
cpu_all() {
    awk '/^cpu / { print $2+$3+$4+$7+$8, $2+$3+$4+$5+$6+$7+$8+$9, $9 }' \
        /proc/stat
}
# The CPUs /proc/stat's "cpu" line adds up.
ncpu=$(grep -c '^cpu[0-9]' /proc/stat)
# fsub A B: A - B seconds, at least 0.2.
fsub() {
    awk -v a="$1" -v b="$2" 'BEGIN { x = a - b; print (x > 0.2 ? x : 0.2) }'
}

# Wait (up to --quiet-wait s) until the machine is less than 15% busy,
# steal included.
wait_quiet() {
    local b0 t0 s0 b1 t1 s1 pct=0 i
    for ((i = 0; i < quiet_wait * 2; i++)); do
        read -r b0 t0 s0 < <(cpu_all); sleep 0.5
        read -r b1 t1 s1 < <(cpu_all)
        pct=$(( (b1 + s1 - b0 - s0) * 100 / (t1 - t0 + 1) ))
        [ "$pct" -lt 15 ] && return 0
    done
}

# fits SECS: there is time for a measurement of SECS seconds (if not,
# the report will say that some were left out).
skipped=""
fits() {
    [ $(( $(date +%s) - t_start + $1 )) -le "$max_time" ] && return 0
    skipped=yes
    return 1
}
run_secs=$(awk -v d="$dur" -v w="$warm" 'BEGIN { printf "%d", d + w + 3.999 }')

# What is still planned, in the seconds fits() counts (set once the
# servers are known, lowered as each measurement starts): a repeat for
# steal is made only when all of that still fits after it.
plan_left=0
spend() { plan_left=$(( plan_left - $1 )); }
retry_fits() {
    [ $(( $(date +%s) - t_start + steal_wait + run_secs + quiet_wait +
          plan_left )) -le "$max_time" ]
}

# wait_ready FILE PID SECS: until bench PID has written its --ready-file
# (its connections are open), has ended, or SECS have passed.
wait_ready() {
    local end=$(( $(date +%s) + $3 ))
    while [ ! -s "$1" ] && kill -0 "$2" 2>/dev/null &&
          [ "$(date +%s)" -lt "$end" ]; do
        sleep 0.05
    done
}

# bench_start I MIX C P: a bench run against server I in the background
# (pid in bench_pid, JSON to bench_out); returns once its connections are
# open and the warm-up is over, i.e. inside the measured part.
bench_start() {
    local i=$1 mix=$2 c=$3 p=$4 ready
    bench_out=$(mktemp "$outdir/run.XXXXXX") ready=$bench_out.ready
    timeout $(( run_secs + 90 )) "$virtd" bench "${socks[$i]}" -m "$mix" \
        -c "$c" -p "$p" -d "$dur" -w "$warm" --ready-file "$ready" \
        --json -q >"$bench_out" 2>"$bench_out.err" &
    bench_pid=$!
    note_cmd "virtd bench SOCK -m $mix -c $c -p $p -d $dur -w $warm" \
        "--ready-file F --json -q"
    wait_ready "$ready" "$bench_pid" 60
    # the bench process itself (bench_pid is its `timeout`)
    bench_proc=$(cat "/proc/$bench_pid/task/$bench_pid/children" 2>/dev/null)
    bench_proc=${bench_proc%% *}
    sleep "$warm"; sleep 0.1
}

# bench_end: wait for the run; its JSON line stays in bench_out.
bench_end() {
    wait "$bench_pid"
    bench_pid=""
    rm -f "$bench_out.ready"
}

# run_once I LOAD MIX C P REPEAT ATTEMPT: one run against server I; the
# server's CPU and context switches, the machine's CPU and steal sampled
# over the measured part; one line to $attempts.
run_once() {
    local i=$1 pid=${pids[$1]} win c0 c1 x0 x1 m0 m1 t0 t1 a0 a1 st0 st1 s
    wait_quiet
    bench_start "$i" "$3" "$4" "$5"
    win=$(fsub "$dur" 0.3)
    c0=$(cpu_ticks "$pid") x0=$(ctx_sum "$pid") t0=$(date +%s.%N)
    read -r m0 a0 st0 < <(cpu_all)
    s=$(cpu_ticks "$bench_proc")
    sleep "$win"
    c1=$(cpu_ticks "$pid") x1=$(ctx_sum "$pid") t1=$(date +%s.%N)
    read -r m1 a1 st1 < <(cpu_all)
    s=$(( $(cpu_ticks "$bench_proc") - s ))
    bench_end
    report record "$bench_out" target="${names[$i]}" measure=load load="$2" \
        repeat="$6" attempt="$7" cpu="$((c1 - c0))" ctx="$((x1 - x0))" \
        busy="$((m1 - m0))" bench_cpu="$s" steal="$((st1 - st0))" \
        ncpu="$ncpu" window="$t0:$t1" >>"$attempts"
    report show "$attempts"
    rm -f "$bench_out" "$bench_out.err"
}

# run_load I LOAD MIX C P REPEAT: a measured run, made again (twice at
# most, each after --steal-wait seconds, so that a spell of steal can
# pass) while its steal is above --max-steal and retry_fits; every attempt
# goes to results, the one with the least steal marked kept (only that
# one counts in the table). late: a repeat was wanted but did not fit.
attempts=$outdir/attempts.jsonl
run_load() {
    local n=1 late=0
    spend "$run_secs"
    : >"$attempts"
    run_once "$@" 1
    while [ "$n" -lt 3 ] && report steal-over "$attempts" "$max_steal"; do
        retry_fits || { late=1; break; }
        n=$((n + 1))
        if [ "$steal_wait" -gt 0 ]; then
            echo "  (steal above $max_steal: again in $steal_wait s)"
            sleep "$steal_wait"
        fi
        run_once "$@" "$n"
    done
    report keep "$attempts" "$late" >>"$results"
    rm -f "$attempts"
}

# Syscalls per call: perf (tracepoint counting), else strace -c -f.
sys_tool=""
if perf stat -e raw_syscalls:sys_enter -x, true >/dev/null 2>&1; then
    sys_tool=perf
elif command -v strace >/dev/null; then
    sys_tool=strace
fi

# run_syscalls I LOAD MIX C P: one more run, with the server's system
# calls counted over its measured part.
run_syscalls() {
    local i=$1 pid=${pids[$1]} win n="" st m0 a0 s0 m1 a1 s1
    spend "$run_secs"
    wait_quiet
    bench_start "$i" "$3" "$4" "$5"
    win=$(fsub "$dur" 0.4) st=$bench_out.st
    read -r m0 a0 s0 < <(cpu_all)
    case $sys_tool in
    perf)
        note_cmd "perf stat -x, -e raw_syscalls:sys_enter -p SERVER_PID" \
            "-- sleep $win"
        n=$(perf stat -x, -e raw_syscalls:sys_enter -p "$pid" -- \
            sleep "$win" 2>&1 | awk -F, '/raw_syscalls/ { print $1 }') ;;
    strace)
        note_cmd "strace -c -f -p SERVER_PID   # for $win s, then SIGINT"
        strace -c -f -p "$pid" -o "$st" 2>/dev/null &
        sleep "$win"; kill -INT $! 2>/dev/null; wait $! 2>/dev/null
        n=$(awk '$NF == "total" { print $4 }' "$st" 2>/dev/null) ;;
    esac
    read -r m1 a1 s1 < <(cpu_all)
    bench_end
    report record "$bench_out" target="${names[$i]}" measure=syscalls \
        load="$2" repeat=1 syscalls="${n:-}" tool="$sys_tool" \
        steal="$((s1 - s0))" ncpu="$ncpu" window="0:$win" >>"$results"
    report show "$results"
    rm -f "$bench_out" "$bench_out.err" "$st"
}

# hold I N TAG: N idle connections to server I in the background, until
# release_holds; returns once they are settled, with how many are open in
# $held. The holder's final JSON (connections lost...) is hold.TAG.
hold() {
    local i=$1 n=$2 tag=$3 f=$outdir/hold.$3.ready
    rm -f "$f"
    timeout $(( max_time + 60 )) "$virtd" bench "${socks[$i]}" -m idle -c "$n" \
        -d "$((max_time < 3600 ? max_time : 3600))" -w 0 -q --json \
        --connect-timeout 120 --ready-file "$f" \
        >"$outdir/hold.$tag" 2>"$outdir/hold.$tag.err" &
    hold_pids+=("$!")
    echo "$!" >>"$outdir/pids"
    note_cmd "virtd bench SOCK -m idle -c N -d SECS -w 0" \
        "--connect-timeout 120 --ready-file F --json -q  # until SIGINT"
    wait_ready "$f" "${hold_pids[-1]}" 130
    held=$(cat "$f" 2>/dev/null || echo 0)
}

# Interrupt the holders; each writes its report; the servers see the
# connections go.
release_holds() {
    local p
    for p in "${hold_pids[@]}"; do kill -INT "$p" 2>/dev/null; done
    for p in "${hold_pids[@]}"; do wait "$p" 2>/dev/null; done
    hold_pids=()
    sleep 1
}

rss_kib() {
    awk '/^VmRSS:/ { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0
}

# -- the runs -----------------------------------------------------------

# RSS with N1, then N1 + 5000 idle connections (smaller when --idle is).
rss_n1=$((idle / 10 < 1000 ? idle / 10 : 1000))
rss_step=$((idle / 2 < 5000 ? idle / 2 : 5000))
report record - target=all measure=config idle="$idle" rss_n1="$rss_n1" \
    rss_step="$rss_step" max_steal="$max_steal" >>"$results"
loads=("libversion16x1 libversion 16 1" "info16x1 info 16 1"
       "libversion16x5 libversion 16 5")
# takes I LOAD: server I is measured under LOAD in the throughput runs
# (the responder answers libversion only).
takes() { [ "${roles[$1]}" = ref ] || [[ $2 == libversion* ]]; }
# Everything below as fits() counts it: the throughput runs, the syscall
# runs, RSS (60 s a server), the idle-connection runs and their opening.
nref=${#refs[@]} nmain=0
for l in "${loads[@]}"; do
    for i in "${!names[@]}"; do
        takes "$i" "${l%% *}" && nmain=$((nmain + 1))
    done
done
plan_left=$(( run_secs * repeats * nmain + 60 * nref +
              run_secs * repeats * nref * 2 + 150 ))
[ -n "$sys_tool" ] &&
    plan_left=$(( plan_left + run_secs * ${#loads[@]} * nref ))
echo "bench-vs-libvirtd: ${names[*]}; $repeats repeats of ${dur} s" \
     "(+${warm} s warm-up); output in $outdir"

echo "== throughput, latency, CPU and context switches per call"
for r in $(seq "$repeats"); do
    for l in "${loads[@]}"; do
        read -r load mix c p <<<"$l"
        for i in "${!names[@]}"; do
            takes "$i" "$load" || continue
            fits "$run_secs" || break 3
            run_load "$i" "$load" "$mix" "$c" "$p" "$r"
        done
    done
done

echo "== system calls per call (${sys_tool:-no perf or strace})"
for l in "${loads[@]}"; do
    read -r load mix c p <<<"$l"
    for i in "${refs[@]}"; do
        [ -n "$sys_tool" ] && fits "$run_secs" || break 2
        run_syscalls "$i" "$load" "$mix" "$c" "$p"
    done
done

echo "== RSS per idle connection ($rss_n1, then $((rss_n1 + rss_step)) held)"
for i in "${refs[@]}"; do
    fits 60 || break
    spend 60
    r0=$(rss_kib "${pids[$i]}")
    hold "$i" "$rss_n1" "rss$i.a"; h1=$held; sleep 1
    r1=$(rss_kib "${pids[$i]}")
    hold "$i" "$rss_step" "rss$i.b"; h2=$((h1 + held)); sleep 1
    r2=$(rss_kib "${pids[$i]}")
    release_holds
    report record - target="${names[$i]}" measure=rss rss0_kib="$r0" \
        n1="$h1" rss1_kib="$r1" n2="$h2" rss2_kib="$r2" >>"$results"
    report show "$results"
done

echo "== 16 x 1 alone, then with $((idle - 16)) idle connections held" \
     "($idle clients)"
# All of it or nothing: 2 x repeats runs per server, and the idle
# connections' opening (up to --connect-timeout 120 s).
if fits $(( run_secs * repeats * nref * 2 + 150 )); then
    for r in $(seq "$repeats"); do
        for i in "${refs[@]}"; do
            run_load "$i" noidle16x1 libversion 16 1 "$r"
        done
    done
    for i in "${refs[@]}"; do
        t0=$(date +%s)
        hold "$i" $((idle - 16)) "idle$i"
        held_idle[$i]=$held
        echo "  ${names[$i]}: $held of $((idle - 16)) idle connections open" \
             "($(( $(date +%s) - t0 )) s to open)"
    done
    spend 150
    sleep 2
    for r in $(seq "$repeats"); do
        for i in "${refs[@]}"; do
            run_load "$i" idle16x1 libversion 16 1 "$r"
        done
    done
    release_holds
    for i in "${refs[@]}"; do
        report record "$outdir/hold.idle$i" target="${names[$i]}" \
            measure=concurrent wanted="$idle" idle_held="${held_idle[$i]}" \
            results="$results" >>"$results"
        report show "$results"
    done
fi
[ -n "$skipped" ] &&
    echo "bench-vs-libvirtd: --max-time reached: some measurements left out"
rm -f "$outdir"/hold.*

# -- report -------------------------------------------------------------

{
    echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo |
        cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/^Mem:/ { print $2 }') GiB"
    echo "kernel: Linux $(uname -r)"
    echo "machine costs: $costs"
    if [[ " ${names[*]} " == *" libvirtd "* ]]; then
        echo "libvirtd: $(libvirtd --version 2>/dev/null | head -n 1)"
    else
        echo "libvirtd: not run${ref:+ (did not start)}${ref:-" (--no-ref)"}"
    fi
    echo "virtd: $(cd "$here/.." && git describe --always --dirty 2>/dev/null)"
    if [[ " ${names[*]} " == *" responder "* ]]; then
        echo "scale: test/bench/trivial_responder, in the same rounds"
    else
        echo "scale: not run ($scale_why)"
    fi
    echo "script: $cmdline"
    [ -n "$skipped" ] && echo "left out: the measurements that did not" \
        "fit in --max-time $max_time s (shown as -)"
    echo "runs: $repeats repeats of $dur s measured after $warm s" \
         "warm-up, servers alternating; $(( $(date +%s) - t_start )) s in all"
} >"$outdir/meta.txt"
report report "$results" "$outdir" || exit 1
echo
cat "$outdir/report.md"
echo
echo "chart: $outdir/chart.svg"
