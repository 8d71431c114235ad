#!/bin/bash
# fuzz-smoke.sh SECONDS: run every libFuzzer target (built by `make fuzz`)
# for SECONDS each over its seed corpus; fail on any crash or sanitizer
# report. New inputs go to a scratch directory, never into the repo.
set -u
secs=${1:-30}
root=$(cd "$(dirname "$0")/.." && pwd)
pass=0 fail=0
for bin in "$root"/build/fuzz/fuzz/fuzz_*; do
    [ -x "$bin" ] && [[ "$bin" != *.d ]] || continue
    name=$(basename "$bin")
    seeds="$root/test/fuzz/corpus/${name#fuzz_}"
    work=$(mktemp -d)
    [ -d "$seeds" ] && cp "$seeds"/* "$work"/ 2>/dev/null
    if "$bin" -max_total_time="$secs" -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
        -artifact_prefix="$work/" "$work" >"$work/log" 2>&1; then
        pass=$((pass + 1)); echo "ok   $name: $(grep -Eo 'stat::number_of_executed_units: [0-9]+' "$work/log" || tail -n1 "$work/log")"
    else
        fail=$((fail + 1)); echo "FAIL $name"; tail -n 30 "$work/log" | sed 's/^/    /'
        ls "$work"/crash-* "$work"/leak-* 2>/dev/null | sed 's/^/    artifact: /'
    fi
    rm -rf "$work"
done
echo "fuzz: $pass passed, $fail failed"
[ $fail -eq 0 ]
