#!/bin/bash
# t_cat.sh: `virtd cat` in scripted mode against a running virtd: calls by
# name with decoded replies, error replies, admin calls, raw frames, ping,
# -x hex dumps, events while virsh works elsewhere, and exit statuses.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

start_virtd || exit 1
OUT=$VDIR/cat.out

# vcat INPUT SOCKET [OPTIONS]: run cat with INPUT (printf format) on
# stdin, output to $OUT, exit status kept in CAT_RC.
vcat() {
    local input=$1 sock=$2; shift 2
    # shellcheck disable=SC2059
    printf "$input" | timeout 60 "$VIRTD" cat "$@" "$sock" >"$OUT" 2>&1
    CAT_RC=$?
}

has() { grep -qF -- "$1" "$OUT" || { echo "missing: $1"; cat "$OUT"; false; }; }
rc_is() { [ "$CAT_RC" -eq "$1" ] || { echo "exit $CAT_RC, want $1"; cat "$OUT"; false; }; }

OPEN='call CONNECT_OPEN "test:///default" 0'

vcat "$OPEN\ncall CONNECT_GET_HOSTNAME\n" "$SOCK"
want_host=$(vrsh hostname)
check "cat: hostname reply header" has "<- REPLY remote CONNECT_GET_HOSTNAME(59) serial 1 OK"
check "cat: hostname field decoded" has "    hostname = \"$want_host\""
check "cat: exit 0 after stdin ends" rc_is 0

vcat "$OPEN\ncall DOMAIN_LOOKUP_BY_NAME \"nosuch\"\ncall DOMAIN_LOOKUP_BY_NAME test\n" \
    "$SOCK"
check "cat: unknown domain prints Domain not found" \
    has "error: code 42 domain 12: Domain not found"
check "cat: error reply header" \
    has "<- REPLY remote DOMAIN_LOOKUP_BY_NAME(23) serial 1 ERROR"
uuid=$(vrsh domuuid test)
check "cat: domain decoded with name and uuid" \
    has "dom = {name \"test\" uuid $uuid id 1}"

vcat "$OPEN\ncall DOMAIN_GET_STATE {test $uuid 1} 0\ncall CONNECT_LIST_ALL_DOMAINS 1 0\n" \
    "$SOCK"
check "cat: domain argument syntax {name uuid id}" has "    state = 1"
check "cat: arrays printed element by element" \
    has "        {name \"test\" uuid $uuid id 1}"

vcat "ping\n$OPEN\n" "$SOCK"
check "cat: ping gets a PONG" has "<- PONG keepalive"

# AUTH_LIST (66) by hand: a whole CALL frame, so cat waits for its reply.
vcat 'raw 0000001c 20008086 00000001 00000042 00000000 00000007 00000000\n' \
    "$SOCK"
check "cat: raw CALL frame answered" has "<- REPLY remote AUTH_LIST(66) serial 7 OK"

vcat "$OPEN\n" "$SOCK" -x
check "cat: -x dumps the sent frame" has "-> 56 bytes"
check "cat: -x dump shows the length word" \
    has "0000  00 00 00 38 20 00 80 86 00 00 00 01 00 00 00 01"
check "cat: -x dumps the received frame" has "<- 28 bytes"

vcat 'call admin:CONNECT_OPEN 0\ncall admin:CONNECT_LIST_SERVERS 10 0\ncall admin:SERVER_GET_THREADPOOL_PARAMETERS {libvirtd} 0\n' \
    "$ADMSOCK"
check "cat: admin program by prefix" has "        {name \"libvirtd\"}"
check "cat: typed params decoded" has "minWorkers = uint "

vcat "call NO_SUCH_PROCEDURE\n$OPEN\n" "$SOCK"
check "cat: unknown procedure reported" has "unknown procedure 'NO_SUCH_PROCEDURE'"
check "cat: unknown procedure: later lines still run" \
    has "<- REPLY remote CONNECT_OPEN(1) serial 0 OK"
check "cat: a call that does not encode exits 1" rc_is 1

vcat 'call CONNECT_OPEN "test:///default" many\n' "$SOCK"
check "cat: bad arguments name the field" has "'flags'"
check "cat: bad arguments exit 1" rc_is 1

vcat "$OPEN\ncall CONNECT_CLOSE\nwait 2\n" "$SOCK"
check "cat: CONNECT_CLOSE then EOF exits 0" rc_is 0

# A length word below 28 makes the daemon close the connection.
vcat 'raw 00000004\nwait 5\n' "$SOCK"
check "cat: lost connection reported" has "connection closed by the server"
check "cat: lost connection exits 1" rc_is 1

timeout 10 "$VIRTD" cat "$VDIR/no-such-sock" </dev/null >/dev/null 2>&1
expect_eq "cat: unreachable socket exits 2" 2 $?

# Events: register for lifecycle events, then let virsh work elsewhere.
cat >"$VDIR/ev.xml" <<'EOF'
<domain type='test'><name>catev</name><memory>1024</memory><os><type>hvm</type></os></domain>
EOF
printf '%s\ncall CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY 0 -\nwait 4\n' \
    "$OPEN" | timeout 60 "$VIRTD" cat "$SOCK" >"$VDIR/ev.out" 2>&1 &
catpid=$!
for _ in $(seq 100); do
    grep -q "callbackID = " "$VDIR/ev.out" && break
    sleep 0.05
done
vrsh define "$VDIR/ev.xml" >/dev/null 2>&1
vrsh start catev >/dev/null 2>&1
vrsh destroy catev >/dev/null 2>&1
vrsh undefine catev >/dev/null 2>&1
wait $catpid
OUT=$VDIR/ev.out
check "cat: event MESSAGE printed as it arrives" \
    has "<- MESSAGE remote DOMAIN_EVENT_CALLBACK_LIFECYCLE(318) serial 1 OK"
check "cat: event for the domain virsh started" \
    sh -c "grep -A3 'DOMAIN_EVENT_CALLBACK_LIFECYCLE' '$OUT' | grep -A1 'name \"catev\"' | grep -q 'event = 2'"

stop_virtd
finish
