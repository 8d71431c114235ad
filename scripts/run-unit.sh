#!/bin/bash
# run-unit.sh BIN...: run Criterion unit test binaries; print a summary line
# "N passed, N failed" and exit non-zero when any binary failed.
set -u
here=$(cd "$(dirname "$0")/.." && pwd)
export LSAN_OPTIONS="suppressions=$here/test/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
pass=0 fail=0 failed=()
for t in "$@"; do
    if out=$("$t" --jobs 2 2>&1); then
        pass=$((pass + 1))
        echo "ok   $(basename "$t"): $(echo "$out" | grep -E '^\[====\] Synthesis' | sed 's/.*Synthesis: //')"
    else
        fail=$((fail + 1)); failed+=("$(basename "$t")")
        echo "FAIL $(basename "$t")"
        echo "$out" | grep -vE '^\[----\] *$' | tail -n 40 | sed 's/^/    /'
    fi
done
echo "unit: $pass passed, $fail failed"
[ $fail -eq 0 ]
