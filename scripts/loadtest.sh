#!/bin/bash
# loadtest.sh: run `virtd bench` over a matrix (mixes x connections x
# pipeline depth) against one or more servers, interleaved and repeated,
# then write the medians and ratios as a Markdown table and an SVG chart
# (throughput and p99 against connections, one line per server).
#
#   scripts/loadtest.sh [options] [TARGET...]
#
# TARGET is NAME=SOCKET (a server already listening there), NAME=bin:PATH
# (this script starts that virtd binary with --sock-dir and stops it), or
# one of the shorthands:
#   --virtd PATH   same as virtd=bin:PATH
#   --ref          the reference libvirtd (test driver), started with
#                  /work/shared/scripts/reference-libvirtd.sh and stopped
# Options:
#   -m MIXES       space or comma separated (default "version lookup")
#   -c CONNS       connection counts (default "1 16 256 1024")
#   -p DEPTHS      pipeline depths (default "1 5")
#   -d SECS        measured seconds per run (default 3)
#   -w SECS        warm-up seconds per run (default 1)
#   -r N           repeats (default 3)
#   -t N           bench threads (default: bench's own)
#   -o DIR         output directory (default loadtest-YYYYmmdd-HHMMSS)
#   --bench PATH   the virtd binary whose `bench` drives the load
#                  (default: the first bin: target, else ./virtd)
#   --max-time S   stop starting runs after S seconds (default 3600)
# Output in DIR: results.jsonl (one bench JSON line per run, tagged with
# target and repeat), report.md, chart.svg (open it in a browser).
# Everything this script starts is stopped when it exits.
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lt_common.sh"

mixes="version lookup" conns="1 16 256 1024" depths="1 5"
dur=3 warm=1 repeats=3 threads="" outdir="" max_time=3600
targets=()

usage() { sed -n '2,/^set -u/p' "$0" | sed 's/^# \{0,1\}//; /^set -u/d'; }

while [ $# -gt 0 ]; do
    case "$1" in
    -m) mixes=${2//,/ }; shift ;;
    -c) conns=${2//,/ }; shift ;;
    -p) depths=${2//,/ }; shift ;;
    -d) dur=$2; shift ;;
    -w) warm=$2; shift ;;
    -r) repeats=$2; shift ;;
    -t) threads=$2; shift ;;
    -o) outdir=$2; shift ;;
    --bench) LT_BENCH=$2; shift ;;
    --max-time) max_time=$2; shift ;;
    --virtd) targets+=("virtd=bin:$2"); shift ;;
    --ref) targets+=("libvirtd=ref:") ;;
    -h|--help) usage; exit 0 ;;
    -*) echo "loadtest: unknown option $1" >&2; usage >&2; exit 2 ;;
    *=*) targets+=("$1") ;;
    *) echo "loadtest: bad target '$1' (NAME=SOCKET or NAME=bin:PATH)" >&2
       exit 2 ;;
    esac
    shift
done
[ ${#targets[@]} -gt 0 ] || { usage >&2; exit 2; }
outdir=${outdir:-loadtest-$(date +%Y%m%d-%H%M%S)}
mkdir -p "$outdir" || exit 1
outdir=$(cd "$outdir" && pwd)
lt_init "$outdir"

# Start (or locate) every target: names and sockets in parallel arrays.
names=() socks=()
for t in "${targets[@]}"; do
    name=${t%%=*} spec=${t#*=}
    lt_target "$name" "$spec" || exit 1
    names+=("$name") socks+=("$LT_SOCK")
done
lt_bench_ready || exit 1

results=$outdir/results.jsonl
: >"$results"
start=$(date +%s) stopped=""
echo "loadtest: ${names[*]}; mixes: $mixes; conns: $conns; pipeline: $depths;" \
     "${dur}s + ${warm}s warm-up; $repeats repeats; output in $outdir"
for r in $(seq "$repeats"); do
    for mix in $mixes; do
        for c in $conns; do
            for p in $depths; do
                for i in "${!names[@]}"; do
                    if [ $(( $(date +%s) - start + ${dur%.*} + ${warm%.*} + 5 )) -gt "$max_time" ]; then
                        stopped="yes"; break 5
                    fi
                    line=$(lt_run "${socks[$i]}" "$mix" "$c" "$p" "$dur" "$warm" "$threads")
                    echo "{\"target\":\"${names[$i]}\",\"repeat\":$r,${line#\{}" >>"$results"
                    printf '  [%s] %-9s %-10s c=%-5s p=%-3s %s\n' "$r" "${names[$i]}" \
                        "$mix" "$c" "$p" "$(lt_summary "$line")"
                done
            done
        done
    done
done
[ -n "$stopped" ] && echo "loadtest: --max-time reached, stopped early"

"$LT_PY" "$here/loadtest_report.py" "$results" "$outdir" "${names[@]}" || exit 1
echo
cat "$outdir/report.md"
echo
echo "chart: $outdir/chart.svg"
