#!/bin/bash
# Read-only socket (issue 3, protocol.md 8.6): every procedure the REMOTE
# table marks as denied to read-only clients, called on libvirt-sock-ro
# with OPEN flags 0 (so the daemon must force read-only itself), answers
# OPERATION_DENIED with libvirt's message naming the public API, as
# libvirtd 9.0 answered the same calls (expected/ro-deny.txt, made with
# ro-deny-case.sh against the reference); and reads stay allowed there.
. "$(dirname "$0")/lib.sh"
here=$(cd "$(dirname "$0")" && pwd)
start_virtd || exit 1
got=$("$here/ro-deny-case.sh" "$VDIR")
expect_eq "every denied procedure, as libvirtd" \
    "$(cat "$here/expected/ro-deny.txt")" "$got"
n=$(printf 'help\nquit\n' | timeout 20 "$VIRTD" cat "$ROSOCK" 2>/dev/null |
    grep -cF '[read-only: denied')
check "the walk covers all $n denied procedures" \
    test "$(grep -vc '^DOMAIN_GET_XML_DESC(\|^DOMAIN_GET_VCPUS_FLAGS(\|^DOMAIN_SNAPSHOT_GET_XML_DESC(' <<< "$got")" -eq "$n"
check "reads allowed on the ro socket" vrsh_ro dominfo test
# (virsh event exits 1 when its --timeout ends the loop)
check "events allowed on the ro socket" \
    grep -q "^events received: 0" <(timeout 30 virsh -c "$ROURI" event --all --timeout 1 2>&1)
stop_virtd
finish
