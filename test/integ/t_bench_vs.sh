#!/bin/bash
# t_bench_vs.sh: scripts/bench-vs-libvirtd.sh in its short mode, virtd
# alone: it writes report.md with every row of the table filled in (a
# number for virtd, "-" for the missing libvirtd, met or not met where a
# target applies), the scale rows (the trivial responder and virtd), the
# steal and CPU-per-call notes, the machine's costs, results.jsonl
# without failed runs and with the steal of every run, a chart.svg that
# parses, and stops everything it started. The keeping of repeats for steal is checked on made-up
# attempts. Also: --max-time 0 leaves the measurements out but still
# writes the whole table; --no-scale says so; bad options exit 2.
# No performance figure is asserted: the machine is shared.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

script=$here/../../scripts/bench-vs-libvirtd.sh
VDIR=$(mktemp -d /tmp/virtd-integ.XXXXXX)
out=$VDIR/perf

timeout 240 "$script" --virtd "$VIRTD" --no-ref -r 1 -d 1 -w 0.5 \
    --idle 300 --quiet-wait 0 --steal-wait 1 -o "$out" >"$VDIR/log" 2>&1
rc=$?
expect_eq "bench-vs: short mode exits 0" 0 "$rc"
[ "$rc" -eq 0 ] || tail -n 20 "$VDIR/log" | sed 's/^/    /'

# Syscall rows may be "-" only when neither counter works here.
sys_ok=no
if perf stat -e raw_syscalls:sys_enter -x, true >/dev/null 2>&1 ||
   command -v strace >/dev/null; then
    sys_ok=yes
fi

# table_rows REPORT HEAD: the rows of the table whose header line starts
# with HEAD (to the first line that is not a row), each header's rows.
table_rows() {
    awk -v h="$2" 'index($0, h) == 1 { s = 1; next }
                   s == 1 { s = 2; next }
                   s == 2 && /^\| / { print; next }
                   { s = 0 }' "$1"
}

# rowcheck REPORT ROWS_WANTED SYS_OK: every row of the main table once;
# each virtd cell numeric (or "-" for all when no measurement ran).
rowcheck() {
    table_rows "$1" "| figure |" >"$VDIR/rows"
    $PY - "$VDIR/rows" "$2" "$3" <<'EOF'
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
table = open(path).read().splitlines()
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
# scalecheck REPORT NUMBERS: the six scale rows, with numbers for the
# responder and virtd and their ratio (NUMBERS yes), or "-" (no).
scalecheck() {
    table_rows "$1" "| scale figure |" >"$VDIR/rows"
    $PY - "$VDIR/rows" "$2" <<'EOF'
import re, sys
path, want_numbers = sys.argv[1], sys.argv[2] == "yes"
rows = [[x.strip() for x in l.strip().strip("|").split("|")]
        for l in open(path)]
want = ["%s, %s" % (f, l) for f in ("calls/s", "p99 latency",
                                     "server CPU per call")
        for l in ("16 x 1, libversion", "16 x 5, libversion")]
bad = []
if [r[0] for r in rows] != want:
    bad.append("scale rows %s" % [r[0] for r in rows])
for r in rows:
    if len(r) != 4:
        bad.append("%d cells: %s" % (len(r), r))
        continue
    cells_ok = all(re.match(r"^[0-9.]+(k| us|x)?$", c) for c in r[1:])
    if want_numbers and not cells_ok:
        bad.append("not numbers: %s" % r)
    if not want_numbers and r[1:] != ["-", "-", "-"]:
        bad.append("not '-': %s" % r)
for b in bad:
    print(b)
sys.exit(1 if bad else 0)
EOF
}

check "bench-vs: scale rows, numbers for the responder and virtd" \
    scalecheck "$out/report.md" yes
check "bench-vs: the scale responder ran, its command is listed" \
    sh -c "grep -q '^- scale: test/bench/trivial_responder' '$out/report.md' &&
           grep -q '^trivial_responder DIR/sock' '$out/report.md'"
check "bench-vs: CPU per call next to the responder's" grep -Eq \
    "^- Server CPU per call against the trivial responder's \(medians\): 16 x 1, libversion: virtd [0-9.]+ us, responder [0-9.]+ us \([0-9.]+x\); 16 x 5, libversion: virtd [0-9.]+ us, responder [0-9.]+ us" \
    "$out/report.md"
check "bench-vs: steal per server" grep -Eq \
    '^- Steal \(.*\) during the measured runs kept: virtd median [0-9.]+%, max [0-9.]+%; responder median [0-9.]+%, max [0-9.]+%\.$' \
    "$out/report.md"
check "bench-vs: runs repeated for steal counted" grep -Eq \
    '^- Runs repeated for steal above 10%: [0-9]+ of [0-9]+ measured runs .*kept runs still above it: [0-9]+' \
    "$out/report.md"
check "bench-vs: the machine's costs measured, with numbers" grep -Eq \
    "^- machine costs: system call [0-9]+ ns; UNIX-socket write\+read of a 28-byte frame [0-9.]+ us; waking a thread asleep on another CPU: [0-9.]+ us of the waker's CPU, [0-9.]+ us until it runs \\([0-9.]+ us when that CPU is busy, [0-9.]+ us on the waker's own CPU\\)\$" \
    "$out/report.md"
check "bench-vs: report names the machine and the commands" \
    sh -c "grep -q '^- machine: [0-9]* CPUs' '$out/report.md' &&
           grep -q '^- kernel: Linux' '$out/report.md' &&
           grep -q '^virtd bench SOCK -m libversion -c 16 -p 5' '$out/report.md'"
check "bench-vs: 300 clients held, none lost" \
    grep -q '^| concurrent clients, none lost (max_clients = 300) | - | 300 |' \
    "$out/report.md"

check "bench-vs: results.jsonl, no failed run" $PY - "$out/results.jsonl" <<'EOF'
import json, sys
from collections import Counter
runs = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
kinds = {r["measure"] for r in runs}
bad = [r for r in runs if "failed" in r or r.get("errors")]
loads = [r for r in runs if r["measure"] == "load"]
kept = Counter((r["target"], r["load"], r["repeat"]) for r in loads
               if r.get("kept"))
per_target = Counter(t for t, _, _ in kept)
timed = loads + [r for r in runs if r["measure"] == "syscalls"]
steal_bad = [r for r in timed if type(r.get("steal")) not in (int, float)
             or not 0 <= r["steal"] <= 1]
attempts_bad = [r for r in loads if not 1 <= r.get("attempt", 0) <=
                r.get("attempts", 0) <= 3]
print("measures:", sorted(kinds), "bad:", bad[:2], "kept:", dict(per_target),
      "steal bad:", steal_bad[:2], "attempts bad:", attempts_bad[:2])
sys.exit(0 if not bad and {"load", "rss", "concurrent"} <= kinds and
         per_target == {"virtd": 5, "responder": 2} and
         all(n == 1 for n in kept.values()) and not steal_bad and
         not attempts_bad else 1)
EOF
check "bench-vs: every run made again for steal waited --steal-wait first" \
    $PY - "$out/results.jsonl" "$VDIR/log" <<'EOF'
import json, sys
again = sum(1 for l in open(sys.argv[1]) if l.strip() and
            json.loads(l).get("attempt", 1) > 1)
waits = open(sys.argv[2]).read().count("(steal above 0.10: again in 1 s)")
print("runs made again:", again, "waits announced:", waits)
sys.exit(0 if again == waits else 1)
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

# Repeats for steal, on made-up attempts: steal-over says whether the last
# attempt is above the limit (never with 0), keep marks the least steal
# kept, a run that failed last.
report=$here/../../scripts/bench_vs_report.py
att=$VDIR/attempts.jsonl
printf '%s\n' '{"target":"virtd","measure":"load","steal":0.3,"attempt":1}' \
    '{"target":"virtd","measure":"load","steal":0.05,"attempt":2}' \
    '{"target":"virtd","measure":"load","steal":0.02,"attempt":3,"failed":"x"}' \
    >"$att"
check "bench-vs: steal-over 0.01 on 0.02" $PY "$report" steal-over "$att" 0.01
check "bench-vs: steal-over 0.1 on 0.02 is no" \
    sh -c "! $PY '$report' steal-over '$att' 0.1"
check "bench-vs: steal-over 0 is never" \
    sh -c "! $PY '$report' steal-over '$att' 0"
check "bench-vs: keep marks the least steal of the runs that worked" \
    sh -c "$PY '$report' keep '$att' 1 2>/dev/null | $PY -c '
import json, sys
r = [json.loads(l) for l in sys.stdin]
sys.exit(0 if [d[\"kept\"] for d in r] == [False, True, False] and
         all(d[\"attempts\"] == 3 and d[\"steal_repeat_late\"] for d in r)
         else 1)'"

# --max-time 0: nothing fits, the table is still whole, quickly.
start=$(date +%s)
timeout 60 "$script" --virtd "$VIRTD" --no-ref --max-time 0 --idle 300 \
    -o "$VDIR/none" >"$VDIR/log0" 2>&1
expect_eq "bench-vs: --max-time 0 exits 0" 0 $?
check "bench-vs: --max-time 0 within 20 s" test $(( $(date +%s) - start )) -lt 20
check "bench-vs: --max-time 0 still writes every row" \
    rowcheck "$VDIR/none/report.md" no "$sys_ok"
check "bench-vs: --max-time 0 still writes the scale rows" \
    scalecheck "$VDIR/none/report.md" no
check "bench-vs: --max-time 0 says so" grep -q 'max-time reached' "$VDIR/log0"

timeout 60 "$script" --virtd "$VIRTD" --no-ref --no-scale --max-time 0 \
    --idle 300 -o "$VDIR/noscale" >/dev/null 2>&1
check "bench-vs: --no-scale: no responder, the report says so" \
    sh -c "grep -q '^- scale: not run (--no-scale)' '$VDIR/noscale/report.md' &&
           ! grep -q '^trivial_responder' '$VDIR/noscale/report.md'"

timeout 30 "$script" --virtd "$VIRTD" --bogus >/dev/null 2>&1
expect_eq "bench-vs: unknown option exits 2" 2 $?
timeout 30 "$script" --virtd "$VIRTD" --max-steal 2 >/dev/null 2>&1
expect_eq "bench-vs: --max-steal above 1 exits 2" 2 $?
timeout 30 "$script" --virtd "$VIRTD" --steal-wait 1.5 >/dev/null 2>&1
expect_eq "bench-vs: --steal-wait takes whole seconds" 2 $?
finish
