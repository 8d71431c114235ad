#!/bin/bash
# soak.sh: hold N idle connections open on a server while measuring active
# throughput, interval by interval, against a baseline taken before the
# idle connections were opened. Reports whether every idle connection
# survived, the server's memory (when this script started it), and the
# throughput and p99 per interval.
#
#   scripts/soak.sh [options] TARGET
#
# TARGET as in loadtest.sh: NAME=SOCKET, NAME=bin:PATH, --virtd PATH, --ref.
# Options:
#   -n N           idle connections to hold (default 1000)
#   -c N           active connections (default 16)
#   -p N           active pipeline depth (default 5)
#   -m MIX         active mix (default version)
#   -d SECS        soak duration (default 60)
#   -i SECS        measurement interval (default 10)
#   -o DIR         output directory (default soak-YYYYmmdd-HHMMSS)
#   --bench PATH   the virtd binary whose `bench` drives the load
# Output in DIR: soak.jsonl (one bench JSON line per interval) and
# soak.md (the table, also printed). Exit status 1 when an idle connection
# was lost or any call failed. Everything started is stopped on exit.
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lt_common.sh"

idle=1000 conns=16 depth=5 mix=version dur=60 interval=10 outdir=""
target=""

usage() { sed -n '2,/^set -u/p' "$0" | sed 's/^# \{0,1\}//; /^set -u/d'; }

while [ $# -gt 0 ]; do
    case "$1" in
    -n) idle=$2; shift ;;
    -c) conns=$2; shift ;;
    -p) depth=$2; shift ;;
    -m) mix=$2; shift ;;
    -d) dur=$2; shift ;;
    -i) interval=$2; shift ;;
    -o) outdir=$2; shift ;;
    --bench) LT_BENCH=$2; shift ;;
    --virtd) target="virtd=bin:$2"; shift ;;
    --ref) target="libvirtd=ref:" ;;
    -h|--help) usage; exit 0 ;;
    *=*) target=$1 ;;
    *) echo "soak: unknown argument $1" >&2; usage >&2; exit 2 ;;
    esac
    shift
done
[ -n "$target" ] || { usage >&2; exit 2; }
outdir=${outdir:-soak-$(date +%Y%m%d-%H%M%S)}
mkdir -p "$outdir" || exit 1
outdir=$(cd "$outdir" && pwd)
lt_init "$outdir"

name=${target%%=*}
lt_target "$name" "${target#*=}" || exit 1
sock=$LT_SOCK spid=$LT_PID
lt_bench_ready || exit 1
log=$outdir/soak.jsonl md=$outdir/soak.md
: >"$log"
status=0

# row PHASE IDLE JSON: one table row, and the JSON line kept.
row() {
    echo "{\"phase\":\"$1\",\"idle\":$2,\"rss_kib\":\"$(lt_rss "$spid")\",${3#\{}" >>"$log"
    "$LT_PY" - "$3" "$1" "$2" "$(lt_rss "$spid")" >>"$md" <<'EOF'
import json, sys
d = json.loads(sys.argv[1])
if "failed" in d:
    print("| %s | %s | failed: %s | | | %s |" % (sys.argv[2], sys.argv[3],
          d["failed"], sys.argv[4]))
else:
    print("| %s | %s | %.0f | %.1f | %d | %s |" % (sys.argv[2], sys.argv[3],
          d["calls_per_s"], d["p99_us"], d["errors"], sys.argv[4]))
EOF
    tail -n 1 "$md"
    case "$3" in *'"errors":0,'*) ;; *) status=1 ;; esac
}

{
    echo "## Soak: $name, $idle idle connections, active mix $mix," \
         "$conns x pipeline $depth"
    echo
    echo "| phase | idle conns | calls/s | p99 us | errors | server RSS KiB |"
    echo "|---|---:|---:|---:|---:|---:|"
} >"$md"
cat "$md"

row baseline 0 "$(lt_run "$sock" "$mix" "$conns" "$depth" "$interval" 1)"

# The idle holder: bench's idle mix for longer than the soak; it reports
# (lost connections included) when it is interrupted at the end.
ready=$outdir/idle.ready idle_json=$outdir/idle.json
rm -f "$ready"
timeout $(( dur + 4 * interval + 120 )) "$LT_BENCH" bench "$sock" -m idle \
    -c "$idle" -w 0 -d $(( dur + 4 * interval + 60 )) --connect-timeout 60 \
    --ready-file "$ready" --json -q >"$idle_json" 2>"$outdir/idle.err" &
holder=$!
for _ in $(seq 1300); do
    [ -s "$ready" ] && break
    kill -0 "$holder" 2>/dev/null || break
    sleep 0.05
done
held=$(cat "$ready" 2>/dev/null || echo 0)
echo "holding $held/$idle idle connections"

start=$(date +%s) n=0
while [ $(( $(date +%s) - start + ${interval%.*} )) -le "${dur%.*}" ] || [ $n -eq 0 ]; do
    n=$((n + 1))
    row "interval $n" "$held" "$(lt_run "$sock" "$mix" "$conns" "$depth" "$interval" 0)"
done

kill -INT "$holder" 2>/dev/null
wait "$holder"
"$LT_PY" - "$idle_json" "$idle" >>"$md" <<'EOF'
import json, sys
try:
    d = json.loads(open(sys.argv[1]).read().strip().splitlines()[-1])
except (OSError, ValueError, IndexError):
    print("\nidle holder: no report"); sys.exit(1)
print("\nidle connections: %d of %s opened, %d lost, %d failed to open" % (
      d["connections"], sys.argv[2], d["conn_lost"], d["connect_failed"]))
sys.exit(0 if d["conn_lost"] == 0 and d["connections"] == int(sys.argv[2]) else 1)
EOF
[ $? -eq 0 ] || status=1
tail -n 1 "$md"
echo "report: $md"
exit $status
