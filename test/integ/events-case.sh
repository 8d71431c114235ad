#!/bin/bash
# events-case.sh CMDS_FILE SOCKDIR: watch the domain events of the daemon
# whose sockets are in SOCKDIR with `virsh event --all --loop`, once on the
# read-write socket and once with -r on the read-only socket, while every
# line of CMDS_FILE runs as a virsh command on the read-write socket (its
# output dropped; "#" lines are comments, "#scratch" empties
# build/case-scratch for the files the daemon writes), then stop both
# watchers with SIGINT and print their transcripts:
#   == rw
#   event 'lifecycle' for domain 'vm2': Defined Added
#   ...
#   event loop interrupted
#   events received: N
#   == ro
#   ...
# A held connection keeps the test driver's state for the whole run. The
# watchers are synchronized with the commands through a domain "sync"
# (test/integ/cases/files/sync.xml), defined until both watchers have seen
# it, and defined and undefined again after the commands: events reach a
# client in order, so once both saw that, they saw every event before it.
# The sync domain's events are left out of the transcripts, and out of
# virsh's "events received" count; so are empty lines (virsh sometimes
# ends with one after SIGINT, sometimes not, against libvirtd too). Lines
# run from the repository root.
# A CMDS_FILE named net-*.cmds watches network events instead, with
# `virsh net-event --event lifecycle --loop` (virsh 9.0 has no --all
# there) and a network "syncnet" (test/integ/cases/files/syncnet.xml) in
# the sync domain's place; pool-*.cmds the same with `virsh pool-event
# --event lifecycle --loop` and a storage pool "syncpool". nd-*.cmds
# watch node device events (`virsh nodedev-event --event lifecycle
# --loop`): the only device the test driver creates is scsi_host12, so the
# sync is its create and destroy (test/integ/cases/files/nd-vhba.xml), and
# the sync events are cut by position instead of by name: all those
# before the commands, and the last two.
set -u
cmds=$(cd "$(dirname "$1")" && pwd)/$(basename "$1") dir=$2
cd "$(dirname "$0")/../.." || exit 1
rw="test+unix:///default?socket=$dir/libvirt-sock"
ro="test+unix:///default?socket=$dir/libvirt-sock-ro"
sync=test/integ/cases/files/sync.xml
watch=(event --all --loop) who="domain 'sync'" sname=sync pre=
case "$(basename "$cmds")" in
net-*) sync=test/integ/cases/files/syncnet.xml
       watch=(net-event --event lifecycle --loop)
       who="network syncnet" sname=syncnet pre=net- ;;
pool-*) sync=test/integ/cases/files/syncpool.xml
        watch=(pool-event --event lifecycle --loop)
        who="storage pool syncpool" sname=syncpool pre=pool- ;;
nd-*) sync=test/integ/cases/files/nd-vhba.xml
      watch=(nodedev-event --event lifecycle --loop)
      who="node device scsi_host12" sname=scsi_host12 pre=nodedev- ;;
esac
# the sync object's making and removal, and the events they send
mk=${pre}define rm=${pre}undefine made=Defined gone=Undefined
[ "$pre" = nodedev- ] && mk=nodedev-create rm=nodedev-destroy \
    made=Created gone=Deleted
tmp=$(mktemp -d) || exit 1
hold= wrw= wro=
cleanup() {
    local p
    for p in $hold $wrw $wro; do kill "$p" 2>/dev/null; done
    rm -rf "$tmp"
}
trap cleanup EXIT

# virsh with the fix for its save/dump quit race (virsh_quit_shim.c), once
# `make integ` has built it
virsh=virsh
[ -f build/virsh_quit_shim.so ] &&
    virsh="env LD_PRELOAD=$PWD/build/virsh_quit_shim.so virsh"
v() { timeout 20 $virsh -c "$rw" "$@" >/dev/null 2>&1; }
count() { grep -cF "for $who: $1" "$tmp/$2"; }

# Wait up to $3 tenths of a second until both watchers printed the sync
# event $1 more than $2 times.
wait_both() {
    for _ in $(seq "$3"); do
        [ "$(count "$1" rw)" -gt "$2" ] && [ "$(count "$1" ro)" -gt "$2" ] &&
            return 0
        sleep 0.1
    done
    return 1
}

timeout 300 /usr/bin/python3 -c 'import libvirt, sys, time
c = libvirt.open(sys.argv[1]); time.sleep(300)' "$rw" >/dev/null 2>&1 &
hold=$!
sleep 0.5
timeout 300 virsh -c "$rw" "${watch[@]}" >"$tmp/rw" 2>&1 &
wrw=$!
timeout 300 virsh -r -c "$ro" "${watch[@]}" >"$tmp/ro" 2>&1 &
wro=$!

# start: until both watchers are registered (they miss earlier events)
for i in $(seq 50); do
    v "$mk" "$sync"
    wait_both "$made" 0 10 && break
    v "$rm" "$sname"
    [ "$i" -eq 50 ] && { echo "events-case: watchers did not start" >&2; exit 1; }
done
v "$rm" "$sname"
# node devices: how many start events each watcher got (all of them)
skip_rw=0 skip_ro=0
if [ "$pre" = nodedev- ]; then
    for _ in $(seq 100); do
        [ "$(count "$gone" rw)" -ge "$(count "$made" rw)" ] &&
            [ "$(count "$gone" ro)" -ge "$(count "$made" ro)" ] && break
        sleep 0.1
    done
    skip_rw=$(grep -c "^event '" "$tmp/rw") skip_ro=$(grep -c "^event '" "$tmp/ro")
fi

while IFS= read -r line || [ -n "$line" ]; do
    case "$line" in
    "#scratch") rm -rf build/case-scratch && mkdir -p build/case-scratch
                continue;;
    ""|"#"*) continue;;
    esac
    # shellcheck disable=SC2086
    eval "timeout 20 $virsh -c '$rw' $line" </dev/null >/dev/null 2>&1
done < "$cmds"

# end: one more sync domain, seen by both after everything else
n=$(count "$gone" rw)
[ "$(count "$gone" ro)" -lt "$n" ] && n=$(count "$gone" ro)
v "$mk" "$sync"
v "$rm" "$sname"
wait_both "$gone" "$n" 100 ||
    echo "events-case: the last events did not arrive" >&2
kill -INT "$wrw" "$wro"
for p in $wrw $wro; do
    for _ in $(seq 100); do kill -0 "$p" 2>/dev/null || break; sleep 0.05; done
done
wait "$wrw" "$wro" 2>/dev/null
wrw= wro=

for w in rw ro; do
    echo "== $w"
    if [ "$pre" = nodedev- ]; then
        skip=skip_$w
        awk -v first="${!skip}" -v last="$(grep -c "^event '" "$tmp/$w")" '
            $1 == "event" && $2 != "loop" {
                if (++k <= first || k > last - 2) next }
            /^events received: / { $3 -= first + 2 }
            /./ { print }' "$tmp/$w"
        continue
    fi
    s=$(grep -cF "for $who:" "$tmp/$w")
    grep -vF "for $who:" "$tmp/$w" |
        awk -v s="$s" '/^events received: / { $3 -= s } /./ { print }'
done
