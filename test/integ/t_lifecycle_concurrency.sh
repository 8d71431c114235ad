#!/bin/bash
# Concurrency (issue 3, point 6): 16 virsh processes at once, each running
# a full lifecycle on its own domain, while 32 threads share one
# python3-libvirt connection doing lookups and info calls, and `virsh
# event --all --loop` watches. Every virsh transcript must be the one of
# the same lifecycle run alone (name aside), every python call correct,
# and the watcher must have seen each domain's 8 events exactly once and
# in order: nothing lost, nothing duplicated.
. "$(dirname "$0")/lib.sh"
N=16
work=$(mktemp -d /tmp/virtd-conc.XXXXXX)
trap 'rm -rf "$work"; _cleanup' EXIT

domxml() {
    cat <<EOF
<domain type='test'>
  <name>$1</name>
  <memory unit='MiB'>256</memory>
  <vcpu current='1'>4</vcpu>
  <os><type>hvm</type></os>
</domain>
EOF
}

# One lifecycle on domain $1; transcript on stdout.
lifecycle() {
    local d=$1 c
    for c in "define $work/$d.xml" "start $d" "suspend $d" "resume $d" \
             "setmem $d 131072" "setvcpus $d 2" "autostart $d" \
             "shutdown $d" "start $d" "domstate $d --reason" "destroy $d" \
             "undefine $d"; do
        echo "\$ $c"
        # shellcheck disable=SC2086
        timeout 60 virsh -c "$URI" $c 2>&1
        echo "rc=$?"
    done
}

start_virtd || exit 1
for i in $(seq 0 $N); do domxml "cc$i" > "$work/cc$i.xml"; done

# the sharing python client: also holds the state for the whole test
cat > "$work/threads.py" <<'EOF'
import libvirt, sys, threading, time
libvirt.registerErrorHandler(lambda *a: None, None)
conn = libvirt.open(sys.argv[1])
errors = []
stop = time.time() + float(sys.argv[2])
def worker(n):
    calls = 0
    try:
        while calls < 40 or time.time() < stop:
            d = conn.lookupByName("test")
            info = d.info()
            assert info[0] == 1 and info[1] == 8388608 and info[3] == 2, info
            assert d.ID() == 1 and d.UUIDString() == \
                "6695eb01-f6a4-8304-79aa-97f2502e193f"
            assert conn.lookupByUUIDString(d.UUIDString()).name() == "test"
            assert d.state() == [1, 0], d.state()
            assert d.isActive() == 1 and d.isPersistent() == 1
            names = [x.name() for x in conn.listAllDomains(0)]
            assert "test" in names, names
            assert conn.getHostname() and conn.getType() == "TEST"
            calls += 1
    except Exception as e:
        errors.append("thread %d after %d calls: %r" % (n, calls, e))
ts = [threading.Thread(target=worker, args=(i,)) for i in range(32)]
for t in ts: t.start()
for t in ts: t.join()
print("\n".join(errors) if errors else "ok")
EOF
# a held connection keeps the test driver's state between virsh runs
timeout 200 "$PY" -c 'import libvirt, sys, time
c = libvirt.open(sys.argv[1]); time.sleep(200)' "$URI" >/dev/null 2>&1 &
hold=$!
sleep 0.5
lifecycle cc0 > "$work/baseline"
check "baseline lifecycle succeeded" \
    test "$(grep -c '^rc=0$' "$work/baseline")" -eq 12

timeout 120 virsh -c "$URI" event --all --loop > "$work/events" 2>&1 &
wpid=$!
timeout 120 "$PY" "$work/threads.py" "$URI" 8 > "$work/py" 2>&1 &
ppid=$!
sleep 1
pids=()
for i in $(seq 1 $N); do
    lifecycle "cc$i" > "$work/t$i" &
    pids+=($!)
done
for p in "${pids[@]}"; do wait "$p"; done
wait "$ppid"
check "32 threads on one python connection" grep -qx ok "$work/py"
bad=0
for i in $(seq 1 $N); do
    if ! diff <(sed "s/cc$i\b/cc0/g" "$work/t$i") "$work/baseline" \
            > "$work/d$i"; then
        bad=$((bad + 1)); cat "$work/d$i" | head -n 10
    fi
done
check "16 concurrent lifecycles as the one run alone" test "$bad" -eq 0

# every domain's events, once each and in order, then stop the watcher
want="Defined Added,Started Booted,Suspended Paused,Resumed Unpaused,Stopped Shutdown,Started Booted,Stopped Destroyed,Undefined Removed"
for _ in $(seq 100); do
    [ "$(grep -c "for domain 'cc[0-9]*': Undefined Removed" "$work/events")" -ge $N ] && break
    sleep 0.1
done
kill -INT "$wpid"; wait "$wpid" 2>/dev/null
bad=0
for i in $(seq 1 $N); do
    got=$(sed -n "s/^event 'lifecycle' for domain 'cc$i': //p" "$work/events" |
          paste -sd,)
    [ "$got" = "$want" ] || { bad=$((bad + 1)); echo "cc$i: $got"; }
done
check "each domain's 8 events once, in order" test "$bad" -eq 0
check "no events for the baseline domain after the watcher started" \
    test "$(grep -c "'cc0'" "$work/events")" -eq 0
kill "$hold" 2>/dev/null
stop_virtd
finish
