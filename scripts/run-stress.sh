#!/bin/sh
# run-stress.sh BIN...: run each stress program (built with
# -fsanitize=thread by `make stress`), print its output and verdict, and
# finish with "N passed, N failed". Exit 1 if any failed.
# A ThreadSanitizer report stops the program with exit code 66
# (halt_on_error), so a data race fails the run even when the program's
# own checks pass. Each program bounds its own run time (a watchdog alarm).
TSAN_OPTIONS="halt_on_error=1 exitcode=66 second_deadlock_stack=1"
TSAN_OPTIONS="$TSAN_OPTIONS ${EXTRA_TSAN_OPTIONS:-}"
export TSAN_OPTIONS

# gcc 12's TSan cannot map its shadow memory on kernels with large
# vm.mmap_rnd_bits; running without ASLR avoids that where setarch exists.
norand=
if setarch "$(uname -m)" -R true 2>/dev/null; then
    norand="setarch $(uname -m) -R"
fi

passed=0
failed=0
for bin in "$@"; do
    name=$(basename "$bin")
    start=$(date +%s)
    if $norand "$bin"; then
        passed=$((passed + 1))
        echo "PASS $name ($(( $(date +%s) - start )) s)"
    else
        rc=$?
        failed=$((failed + 1))
        echo "FAIL $name (exit $rc, $(( $(date +%s) - start )) s)"
    fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
