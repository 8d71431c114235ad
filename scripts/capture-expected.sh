#!/bin/bash
# capture-expected.sh CASES_FILE REF_SOCKDIR
#
# For a file under test/integ/events/ the transcript is the one of
# test/integ/events-case.sh instead: the events `virsh event --all --loop`
# prints on the read-write and the read-only socket while the lines run.
#
# Runs every line of CASES_FILE (a test/integ/cases/*.cmds file) against the
# reference libvirtd whose sockets are in REF_SOCKDIR (see
# /work/shared/scripts/reference-libvirtd.sh) and writes the transcript to
# the same name with .cmds replaced by .expected.
#
# The transcript is made by test/integ/virsh-case.sh, the script the
# integration test runs against virtd, so both sides share one format and
# one normalization: for each line "$ virsh LINE", its stdout+stderr
# (socket paths stripped from URIs, CPU time and the clock-derived
# domblkstat/domifstat counters as N, trailing spaces removed, the host
# name as @HOSTNAME@) and "rc=EXIT_CODE". Line prefixes: "ro " runs
# virsh -r on the read-only socket, "rosock " plain virsh on it.
set -u
[ $# -eq 2 ] || { echo "usage: $0 CASES_FILE REF_SOCKDIR" >&2; exit 2; }
cases=$1 dir=$2
case "$cases" in
*.cmds) out=${cases%.cmds}.expected ;;
*) echo "$0: $cases: expected a .cmds file" >&2; exit 2 ;;
esac
[ -r "$cases" ] || { echo "$0: cannot read $cases" >&2; exit 2; }
[ -S "$dir/libvirt-sock" ] || { echo "$0: no libvirt-sock in $dir" >&2; exit 2; }
here=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp) || exit 1
trap 'rm -f "$tmp"' EXIT
runner=virsh-case.sh
case "$(cd "$(dirname "$cases")" && pwd)" in
*/test/integ/events) runner=events-case.sh ;;
esac
"$here/test/integ/$runner" "$cases" "$dir" > "$tmp" || exit 1
mv "$tmp" "$out"
trap - EXIT
echo "$out: $(grep -c '^\$ virsh \|^event ' "$out") commands or events"
