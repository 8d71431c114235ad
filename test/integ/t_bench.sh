#!/bin/bash
# t_bench.sh: `virtd bench` against a running virtd: the JSON report, the
# mixes, pipelining over several threads, error counting (a lookup of a
# missing domain), the lifecycle mix cleaning up after itself, and bad
# targets.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

start_virtd || exit 1
J=$VDIR/bench.json

# vbench ARGS...: run bench with --json -q, JSON line to $J, status in B_RC.
vbench() {
    timeout 120 "$VIRTD" bench "$SOCK" --json -q "$@" >"$J" 2>"$VDIR/bench.err"
    B_RC=$?
}

# jcheck EXPR: a Python expression over the JSON object `d` is true.
jcheck() {
    $PY - "$J" "$1" <<'EOF'
import json, sys
line = open(sys.argv[1]).read().strip()
d = json.loads(line)
ok = eval(sys.argv[2], {"d": d})
if not ok:
    print("false:", sys.argv[2]); print(line)
sys.exit(0 if ok else 1)
EOF
}

vbench -c 4 -p 1 -d 2 -w 0.5 -m version
check "bench: --json prints one JSON object" jcheck 'isinstance(d, dict)'
check "bench: required keys" \
    jcheck 'all(k in d for k in ("calls_per_s","p50_us","p99_us","errors","connections"))'
check "bench: version mix without errors" jcheck 'd["errors"] == 0'
check "bench: 4 connections" jcheck 'd["connections"] == 4'
check "bench: calls measured" jcheck 'd["calls"] > 100 and d["calls_per_s"] > 50'
check "bench: percentiles ordered" \
    jcheck '0 < d["p50_us"] <= d["p90_us"] <= d["p99_us"] <= d["p999_us"] <= d["max_us"]'
expect_eq "bench: exit 0 without errors" 0 "$B_RC"

vbench -c 8 -p 4 -t 2 -d 1 -w 0.2 -m hostname,lookup,list,info,libversion
check "bench: mixed calls, pipeline 4, 2 threads" \
    jcheck 'd["errors"] == 0 and d["threads"] == 2 and d["pipeline"] == 4 and d["calls"] > 0'

vbench -c 2 -p 1 -d 1 -w 0 -m lookup --domain nosuch
check "bench: error replies counted" \
    jcheck 'd["reply_errors"] > 0 and d["errors"] >= d["reply_errors"] and d["calls"] == 0'
check "bench: first error names it" \
    jcheck '"Domain not found" in d["first_error"]'
expect_eq "bench: exit 1 with errors" 1 "$B_RC"

vbench -c 200 -p 2 -d 1 -w 0.2 -m version
check "bench: 200 connections" jcheck 'd["connections"] == 200 and d["errors"] == 0'

timeout 60 "$VIRTD" bench "$SOCK" -c 2 -d 1 -w 0 -q -m lookup >"$VDIR/text.out" 2>&1
check "bench: text report" grep -q "^  errors    0$" "$VDIR/text.out"

# The lifecycle mix: define, start, destroy, undefine on its own domains.
vbench -c 2 -p 2 -d 1 -w 0 -m lifecycle
check "bench: lifecycle mix without errors" \
    jcheck 'd["errors"] == 0 and d["lifecycle_cycles"] > 0'
check "bench: lifecycle leaves no domain behind" \
    sh -c "! timeout 30 virsh -c '$URI' list --all --name | grep -q '^bench-'"

timeout 30 "$VIRTD" bench "$VDIR/no-such-sock" -d 1 -q --json >/dev/null 2>&1
expect_eq "bench: unreachable socket exits 1" 1 $?
timeout 30 "$VIRTD" bench "$SOCK" -c 0 >/dev/null 2>&1
expect_eq "bench: bad option exits 2" 2 $?

stop_virtd
finish
