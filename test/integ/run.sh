#!/bin/bash
# run.sh: run every test/integ/t_*.sh (each starts its own virtd), print a
# summary line "integ: N passed, N failed" and exit non-zero on failure.
set -u
: "${VIRTD:?set VIRTD to the virtd binary}"
export VIRTD
here=$(cd "$(dirname "$0")" && pwd)
pass=0 fail=0
for t in "$here"/t_*.sh; do
    [ -n "${INTEG_ONLY:-}" ] && [[ "$(basename "$t")" != *"$INTEG_ONLY"* ]] && continue
    echo "== $(basename "$t")"
    out=$(timeout 300 bash "$t" 2>&1); rc=$?
    echo "$out" | sed 's/^/  /'
    p=$(echo "$out" | sed -nE 's/^([0-9]+) passed, ([0-9]+) failed$/\1/p' | tail -n1)
    f=$(echo "$out" | sed -nE 's/^([0-9]+) passed, ([0-9]+) failed$/\2/p' | tail -n1)
    pass=$((pass + ${p:-0})); fail=$((fail + ${f:-0}))
    if [ $rc -ne 0 ] && [ "${f:-0}" -eq 0 ]; then
        fail=$((fail + 1)); echo "  FAIL $(basename "$t") exited $rc"
    fi
done
echo "integ: $pass passed, $fail failed"
[ $fail -eq 0 ]
