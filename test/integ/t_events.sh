#!/bin/bash
# Domain events (issue 3): for every test/integ/events/*.cmds, `virsh event
# --all --loop` on the read-write socket and with -r on the read-only
# socket must print, while the lines run, exactly the events libvirtd 9.0
# printed (*.expected, captured with scripts/capture-expected.sh): same
# events, same order, none lost or duplicated, on both sockets. The
# net-*.cmds files watch network events, the pool-*.cmds files storage
# pool events, the nd-*.cmds files node device events (events-case.sh).
. "$(dirname "$0")/lib.sh"
here=$(cd "$(dirname "$0")" && pwd)
for cmds in "$here"/events/*.cmds; do
    name=$(basename "$cmds" .cmds)
    [ -f "${cmds%.cmds}.expected" ] || { echo "FAIL $name: no .expected"; T_FAIL=$((T_FAIL+1)); continue; }
    start_virtd || { T_FAIL=$((T_FAIL + 1)); continue; }
    got=$("$here/events-case.sh" "$cmds" "$VDIR")
    expect_eq "events: $name" "$(cat "${cmds%.cmds}.expected")" "$got"
    stop_virtd
done
finish
