#!/bin/bash
# Every test/integ/cases/*.cmds against virtd must print exactly the
# transcript captured from the reference libvirtd (*.expected).
. "$(dirname "$0")/lib.sh"
here=$(cd "$(dirname "$0")" && pwd)
for cmds in "$here"/cases/*.cmds; do
    name=$(basename "$cmds" .cmds)
    [ -f "${cmds%.cmds}.expected" ] || { echo "FAIL $name: no .expected"; T_FAIL=$((T_FAIL+1)); continue; }
    start_virtd || { T_FAIL=$((T_FAIL + 1)); continue; }
    got=$("$here/virsh-case.sh" "$cmds" "$VDIR")
    expect_eq "virsh cases: $name" "$(cat "${cmds%.cmds}.expected")" "$got"
    stop_virtd
done
finish
