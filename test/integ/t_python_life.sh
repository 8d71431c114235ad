#!/bin/bash
# python3-libvirt (issue 3): the domain and network lifecycle through the
# API, with states, reasons, errors (code, domain, message) and the events
# of three registrations (all domains, one domain, legacy API), must be
# what libvirtd 9.0 answered (expected/py-life.txt, made by running
# py-life.py against the reference).
. "$(dirname "$0")/lib.sh"
here=$(cd "$(dirname "$0")" && pwd)
start_virtd || exit 1
got=$(cd "$here/../.." && timeout 120 "$PY" "$here/py-life.py" "$URI" 2>&1)
expect_eq "python lifecycle, states, errors and events" \
    "$(cat "$here/expected/py-life.txt")" "$got"
stop_virtd
finish
