#!/bin/bash
# virsh-case.sh CASES_FILE SOCKDIR: run every line of CASES_FILE as a virsh
# command against the daemon whose sockets are in SOCKDIR, and print the
# normalized transcript (the .expected format):
#   $ virsh <line>
#   <stdout+stderr, normalized>
#   rc=<exit code>
# Line prefixes: "ro " runs `virsh -r` on the read-only socket; "rosock "
# runs plain virsh on the read-only socket (server-side denial); "#" lines
# are comments. A "#hold" line keeps one extra connection open for the rest
# of the file, so the test driver's state survives between commands.
# A "#scratch" line empties build/case-scratch, for the files the daemon
# writes. Normalized: ?socket=... removed, CPU time values, the counters
# of domblkstat/domifstat (the test driver derives them from the clock),
# the host name, the repository root (as @ROOT@, for the absolute paths
# virsh sends), snapshot creation times (as @TIME@ in XML, @DATE@ in
# lists).
# Lines run from the repository root, so files are named relative to it
# (test/integ/cases/files/vm2.xml) whatever the caller's directory, and
# in UTC, so that `domtime --pretty` prints the same on every machine.
set -u
export TZ=UTC
cases=$(cd "$(dirname "$1")" && pwd)/$(basename "$1") dir=$2
cd "$(dirname "$0")/../.." || exit 1
host=$(hostname)
root=$(pwd)
# virsh with the fix for its save/dump quit race (virsh_quit_shim.c), once
# `make integ` has built it
virsh=virsh
[ -f "$root/build/virsh_quit_shim.so" ] &&
    virsh="env LD_PRELOAD=$root/build/virsh_quit_shim.so virsh"
hold_pid=
trap '[ -n "$hold_pid" ] && kill "$hold_pid" 2>/dev/null' EXIT
stats='rd_req|rd_bytes|wr_req|wr_bytes|errs|rx_bytes|rx_packets|rx_errs'
stats="$stats|rx_drop|tx_bytes|tx_packets|tx_errs|tx_drop"
norm() {
    sed -E -e 's#\?socket=[^ '"'"'"]*##g' \
        -e 's/^(CPU time: +)[0-9.]+s$/\1N/' \
        -e "s/^([^ ]+ ($stats)) [0-9]+\$/\\1 N/" \
        -e 's/^( (number of [a-z ]+|error count):[ ]+)[0-9]+$/\1N/' \
        -e "s/\b${host}\b/@HOSTNAME@/g" -e "s#${root}/#@ROOT@/#g" \
        -e 's#<creationTime>[0-9]+</creationTime>#<creationTime>@TIME@</creationTime>#' \
        -e 's/[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2} [+-][0-9]{4}/@DATE@/g' \
        -e 's/[[:space:]]+$//'
}
while IFS= read -r line || [ -n "$line" ]; do
    case "$line" in
    "#hold")
        timeout 600 /usr/bin/python3 -c 'import libvirt, sys, time
c = libvirt.open(sys.argv[1]); time.sleep(600)' \
            "test+unix:///default?socket=$dir/libvirt-sock" >/dev/null 2>&1 &
        hold_pid=$!
        sleep 0.5
        continue;;
    "#scratch")
        rm -rf build/case-scratch && mkdir -p build/case-scratch
        continue;;
    ""|"#"*) continue;;
    esac
    mode=rw args=$line
    case "$line" in
    "ro "*) mode=ro args=${line#ro };;
    "rosock "*) mode=rosock args=${line#rosock };;
    esac
    echo "\$ virsh $line"
    # shellcheck disable=SC2086
    case $mode in
    rw) eval "timeout 20 $virsh -c 'test+unix:///default?socket=$dir/libvirt-sock' $args" ;;
    ro) eval "timeout 20 $virsh -r -c 'test+unix:///default?socket=$dir/libvirt-sock-ro' $args" ;;
    rosock) eval "timeout 20 $virsh -c 'test+unix:///default?socket=$dir/libvirt-sock-ro' $args" ;;
    esac </dev/null 2>&1 | norm
    echo "rc=${PIPESTATUS[0]}"
done < "$cases"
