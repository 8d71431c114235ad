#!/bin/bash
# A client that registers for events and stops reading must not hold the
# others back (issue 3, point 4): while 5000 suspend/resume pairs run, a
# well-behaved python3-libvirt client gets all 10000 events, and the
# daemon cuts the silent one once its bounded output queue is full.
. "$(dirname "$0")/lib.sh"
here=$(cd "$(dirname "$0")" && pwd)
start_virtd || exit 1
out=$(timeout 120 "$PY" "$here/slow-event-client.py" "$SOCK" "$URI" 5000 2>&1)
expect_eq "every event reached the reading client; the silent one was cut" \
    "fast=10000 slow=closed" "$out"
check "the daemon said why" \
    grep -q "does not read its replies" "$VDIR/stderr.log"
check "the daemon still serves" vrsh domstate test
stop_virtd
finish
