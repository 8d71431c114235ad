#!/bin/bash
# t_bench_vs.sh: scripts/bench-vs-libvirtd.sh in its short mode, virtd
# alone: it writes report.md with every row of the table filled in (a
# number for virtd, "-" for the missing libvirtd, met or not met where a
# target applies), results.jsonl without failed runs, a chart.svg that
# parses, and stops everything it started. Also: --max-time 0 leaves the
# measurements out but still writes the whole table; a bad option exits 2.
# No performance figure is asserted: the machine is shared.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

script=$here/../../scripts/bench-vs-libvirtd.sh
VDIR=$(mktemp -d /tmp/virtd-integ.XXXXXX)
out=$VDIR/perf

timeout 240 "$script" --virtd "$VIRTD" --no-ref -r 1 -d 1 -w 0.5 \
    --idle 300 --quiet-wait 0 -o "$out" >"$VDIR/log" 2>&1
rc=$?
expect_eq "bench-vs: short mode exits 0" 0 "$rc"
[ "$rc" -eq 0 ] || tail -n 20 "$VDIR/log" | sed 's/^/    /'

# Syscall rows may be "-" only when neither counter works here.
sys_ok=no
if perf stat -e raw_syscalls:sys_enter -x, true >/dev/null 2>&1 ||
   command -v strace >/dev/null; then
    sys_ok=yes
fi

# rowcheck REPORT ROWS_WANTED NO_REF SYS_OK: every row once; each virtd
# cell numeric (or "-" for all when no measurement ran).
rowcheck() {
    $PY - "$@" <<'EOF'
import re, sys
path, want_numbers, sys_ok = sys.argv[1], sys.argv[2] == "yes", sys.argv[3]
rows = ["calls/s, 16 x 1, libversion", "calls/s, 16 x 1, info",
        "calls/s, 16 x 5, libversion", "p99 latency, 16 x 1, libversion",
        "p99 latency, 16 x 1, info"]
for what in ("server CPU per call", "system calls per call",
             "context switches per call"):
    rows += ["%s, %s" % (what, l) for l in
             ("16 x 1, libversion", "16 x 1, info", "16 x 5, libversion")]
rows += ["RSS per idle connection", "16 x 1 calls/s with 284 idle",
         "concurrent clients, none lost (max_clients = 300)"]
table = [l for l in open(path) if l.startswith("| ") and
         not l.startswith("| figure")]
cells = {}
for line in table:
    c = [x.strip() for x in line.strip().strip("|").split("|")]
    if len(c) != 6:
        sys.exit("row with %d cells: %s" % (len(c), line))
    cells[c[0]] = c
bad = []
for r in rows:
    hit = [k for k in cells if k.startswith(r)]
    if len(hit) != 1:
        bad.append("row %r found %d times" % (r, len(hit)))
        continue
    fig, lv, vv, ratio, target, met = cells[hit[0]]
    num = re.match(r"^[0-9.]+(k| us| B|x)?$", vv)
    dash_ok = not want_numbers or (r.startswith("system calls") and
                                   sys_ok == "no")
    if lv != "-" or ratio != "-":
        bad.append("%s: libvirtd cells without libvirtd: %s %s" %
                   (fig, lv, ratio))
    if not num and not (vv == "-" and dash_ok):
        bad.append("%s: virtd cell %r" % (fig, vv))
    if want_numbers and not target.startswith((">=", "<=")):
        bad.append("%s: target %r" % (fig, target))
    if met not in ("met", "**not met**", "-"):
        bad.append("%s: met %r" % (fig, met))
    if num and "x libvirtd" not in target and met == "-":
        bad.append("%s: a value and a target, but no verdict" % fig)
    if "x libvirtd" in target and met != "-":
        bad.append("%s: a verdict against no libvirtd" % fig)
if len(table) != len(rows):
    bad.append("%d rows, %d expected" % (len(table), len(rows)))
for b in bad:
    print(b)
sys.exit(1 if bad else 0)
EOF
}

check "bench-vs: every row, numbers for virtd" \
    rowcheck "$out/report.md" yes "$sys_ok"
check "bench-vs: report names the machine and the commands" \
    sh -c "grep -q '^- machine: [0-9]* CPUs' '$out/report.md' &&
           grep -q '^- kernel: Linux' '$out/report.md' &&
           grep -q '^virtd bench SOCK -m libversion -c 16 -p 5' '$out/report.md'"
check "bench-vs: 300 clients held, none lost" \
    grep -q '^| concurrent clients, none lost (max_clients = 300) | - | 300 |' \
    "$out/report.md"

check "bench-vs: results.jsonl, no failed run" $PY - "$out/results.jsonl" <<'EOF'
import json, sys
runs = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
kinds = {r["measure"] for r in runs}
bad = [r for r in runs if "failed" in r or r.get("errors")]
print("measures:", sorted(kinds), "bad:", bad[:2])
sys.exit(0 if not bad and {"load", "rss", "concurrent"} <= kinds and
         sum(r["measure"] == "load" for r in runs) == 5 else 1)
EOF
check "bench-vs: chart.svg parses, one bar per figure" $PY - "$out/chart.svg" <<'EOF'
import sys
import xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
bars = [e for e in root.iter("{http://www.w3.org/2000/svg}rect")
        if e.get("height") == "16"]
print(len(bars), "bars")
sys.exit(0 if len(bars) >= 10 else 1)
EOF

# Everything it started is gone: servers and idle holders by pid, and no
# bench run left over in the output directory.
alive=""
for p in $(cat "$out/pids" 2>/dev/null); do
    kill -0 "$p" 2>/dev/null && alive="$alive $p"
done
expect_eq "bench-vs: servers and holders stopped" "" "$alive"
check "bench-vs: pids were recorded" test -s "$out/pids"
check "bench-vs: no run files left" sh -c "! ls '$out' | grep -q '^run\.\|^hold\.'"

# --max-time 0: nothing fits, the table is still whole, quickly.
start=$(date +%s)
timeout 60 "$script" --virtd "$VIRTD" --no-ref --max-time 0 --idle 300 \
    -o "$VDIR/none" >"$VDIR/log0" 2>&1
expect_eq "bench-vs: --max-time 0 exits 0" 0 $?
check "bench-vs: --max-time 0 within 20 s" test $(( $(date +%s) - start )) -lt 20
check "bench-vs: --max-time 0 still writes every row" \
    rowcheck "$VDIR/none/report.md" no "$sys_ok"
check "bench-vs: --max-time 0 says so" grep -q 'max-time reached' "$VDIR/log0"

timeout 30 "$script" --virtd "$VIRTD" --bogus >/dev/null 2>&1
expect_eq "bench-vs: unknown option exits 2" 2 $?
finish
