#!/bin/bash
# ro-deny-case.sh SOCKDIR: call, on the read-only socket in SOCKDIR, every
# REMOTE procedure `virtd cat` lists as denied to read-only clients (help
# marks them "[read-only: denied as API]"), with arguments made from its
# shape, plus the read calls whose flags are denied there (XML with the
# secure or migratable flag, a snapshot's XML with the secure flag,
# guest vCPU count); print one line per call:
#   DOMAIN_DESTROY(12): error: code 29 domain 20: operation forbidden: ...
# The client opens with flags 0: the daemon itself must force read-only.
# VIRTD (the binary that runs `cat`) defaults to the build's.
set -u
dir=$1
here=$(cd "$(dirname "$0")/../.." && pwd)
virtd=${VIRTD:-$here/build/release/virtd}
sock=$dir/libvirt-sock-ro
dom="{test 6695eb01-f6a4-8304-79aa-97f2502e193f 1}"
net="{default dd8fe884-6c02-601e-7551-cca97df1c5df}"
pool="{default-pool dfe224cb-28fb-8dd0-c4b2-64eb3f0f4566}"
vol="{default-pool v /default-pool/v}"
snap="{s1 $dom}"

# One argument per shape field: "D:dom" -> the test domain, ...
args_of() {
    local f out=""
    for f in $1; do
        case "${f%%:*}" in
        o*) out="$out 0x01" ;;
        *\[*) out="$out []" ;;
        D) out="$out $dom" ;;
        N) out="$out $net" ;;
        P) out="$out $pool" ;;
        V) out="$out $vol" ;;
        G) out="$out $snap" ;;
        s) out="$out \"<x/>\"" ;;
        S|d|n) out="$out -" ;;
        i|u|h|H) out="$out 0" ;;
        U) out="$out 0a81f5b2-8403-7b23-c8d6-21ccc2f80d6f" ;;
        *) echo "ro-deny-case: no argument for shape '$f'" >&2; return 1 ;;
        esac
    done
    echo "$out"
}

denied=$(printf 'help\nquit\n' | timeout 20 "$virtd" cat "$sock" 2>/dev/null |
         grep -F '[read-only: denied')
[ -n "$denied" ] || { echo "ro-deny-case: no denied procedure listed" >&2; exit 1; }
{
    echo 'call CONNECT_OPEN "test:///default" 0'
    while IFS= read -r line; do
        set -- $line
        name=${1%%(*}
        shape=$(echo "$line" | sed -E 's/^ *[A-Z0-9_]+\([0-9]+\) (.*) -> .*/\1/')
        [ "$shape" = "(none)" ] && shape=
        a=$(args_of "$shape") || exit 1
        echo "call $name$a"
    done <<< "$denied"
    echo "call DOMAIN_GET_XML_DESC $dom 1"
    echo "call DOMAIN_GET_XML_DESC $dom 8"
    echo "call DOMAIN_GET_XML_DESC $dom 9"
    echo "call DOMAIN_GET_VCPUS_FLAGS $dom 8"
    echo "call DOMAIN_SNAPSHOT_GET_XML_DESC $snap 1"
    echo "quit"
} > "${TMPDIR:-/tmp}/ro-deny.$$" || exit 1
timeout 60 "$virtd" cat "$sock" < "${TMPDIR:-/tmp}/ro-deny.$$" 2>&1 |
    awk '/^<- REPLY remote / { p = $4; ok = ($NF == "OK") ? 1 : 0
                               if (p != "CONNECT_OPEN(1)" && ok) print p ": OK"
                               next }
         /^    error: / { sub(/^    /, ""); print p ": " $0 }'
rm -f "${TMPDIR:-/tmp}/ro-deny.$$"
