#!/bin/bash
# virt-admin against virtd (issue 4): every command prints what it prints
# against the reference libvirtd, and its effect is real.
#  1. admin/*.cmds: each run on a fresh daemon (configured with NAME.conf
#     when there is one) must print exactly the transcript captured from
#     the reference (admin/*.expected, written by admin-case.sh). libvirtd lists its two servers in hash order, which
#     changes from run to run; the capture kept is the libvirtd-first one.
#  2. Effects: worker threads in /proc, clients of the libvirtd server
#     (list, info, disconnect: the virsh session sees EOF), max_clients
#     (a connection beyond it waits in the backlog until a slot frees),
#     logging settings applied live, daemon-timeout, and the admin socket
#     refusing a client of another uid.
. "$(dirname "$0")/lib.sh"
here=$(cd "$(dirname "$0")" && pwd)

# -- 1. transcripts ---------------------------------------------------------

for cmds in "$here"/admin/*.cmds; do
    name=$(basename "$cmds" .cmds)
    conf=()
    [ -f "${cmds%.cmds}.conf" ] && conf=(-f "${cmds%.cmds}.conf")
    start_virtd "${conf[@]}" || { T_FAIL=$((T_FAIL + 1)); continue; }
    got=$(bash "$here/admin-case.sh" "$cmds" "$VDIR")
    expect_eq "admin transcript: $name" "$(cat "${cmds%.cmds}.expected")" "$got"
    stop_virtd
    expect_eq "admin transcript: $name: clean exit" 0 "$?"
done

# -- helpers ------------------------------------------------------------------

# Poll (up to 5 s) until "$@" succeeds.
wait_for() {
    for _ in $(seq 100); do
        "$@" && return 0
        sleep 0.05
    done
    "$@"
}

# Number of threads of virtd named PREFIX<N>.
nthreads() {
    cat /proc/"$VPID"/task/*/comm 2>/dev/null | grep -cE "^$1[0-9]+\$"
}

threads_are() { [ "$(nthreads "$1")" = "$2" ]; }

# expect_threads NAME PREFIX COUNT: the count is reached within 5 s.
expect_threads() {
    wait_for threads_are "$2" "$3"
    expect_eq "$1" "$3" "$(nthreads "$2")"
}

# virt-admin output (stdout and stderr) and exit code.
adm() { vadm "$@" 2>&1; echo "rc=$?"; }

# Ids of the libvirtd server's clients, in connect order.
client_ids() {
    vadm srv-clients-list libvirtd | awk 'NR > 2 && $1 ~ /^[0-9]+$/ { print $1 }'
}

nclients_is() {
    [ "$(vadm srv-clients-info libvirtd | awk '$1 == "nclients" { print $3 }')" = "$1" ]
}

# start_session NAME OUT [virsh args...]: an interactive virsh that stays
# connected while its stdin (a FIFO this shell holds open) has no input; the
# pid of its `timeout` wrapper goes into variable NAME. end_sessions closes
# the FIFOs: the sessions read EOF and quit.
SESSION_FDS=()
start_session() {
    local var=$1 out=$2 fd
    shift 2
    mkfifo "$VDIR/$var.in"
    exec {fd}<>"$VDIR/$var.in"
    SESSION_FDS+=("$fd")
    # the sessions must not hold the FIFOs open themselves
    (for f in "${SESSION_FDS[@]}"; do exec {f}>&-; done
     exec timeout 60 virsh "$@" <"$VDIR/$var.in" >"$out" 2>&1) &
    printf -v "$var" '%s' "$!"
}

end_sessions() {
    for fd in "${SESSION_FDS[@]}"; do
        exec {fd}>&-
    done
    SESSION_FDS=()
}

# The pid of the virsh under a session's `timeout`.
virsh_pid() { pgrep -P "$1" -x virsh || echo "?"; }

client_info_expected() {   # ID PID READONLY
    cat <<EOF
id             : $1
connection_time: @TIME@
transport      : unix
readonly       : $3
unix_user_id   : $(id -u)
unix_user_name : $(id -un)
unix_group_id  : $(id -g)
unix_group_name: $(id -gn)
unix_process_id: $2

rc=0
EOF
}

norm_time() {
    sed -E 's/[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:]{8}\+0000/@TIME@/'
}

# -- 2a. worker threads appear and disappear ----------------------------------

start_virtd || exit 1
expect_threads "threads: 5 regular libvirtd workers at start" libvirtd-w 5
expect_threads "threads: 5 priority libvirtd workers at start" libvirtd-p 5
expect_threads "threads: 5 admin workers at start" admin-w 5
expect_eq "threads: no priority admin workers" 0 "$(nthreads admin-p)"
vadm srv-threadpool-set libvirtd --min-workers 8 >/dev/null
expect_threads "threads: raising min spawns regular workers" libvirtd-w 8
vadm srv-threadpool-set libvirtd --min-workers 2 --max-workers 3 >/dev/null
expect_threads "threads: lowering max retires idle workers" libvirtd-w 3
vadm srv-threadpool-set libvirtd --priority-workers 7 >/dev/null
expect_threads "threads: raising prio spawns priority workers" libvirtd-p 7
vadm srv-threadpool-set libvirtd --priority-workers 1 >/dev/null
expect_threads "threads: lowering prio retires priority workers" libvirtd-p 1
vadm srv-threadpool-set admin --min-workers 2 --max-workers 2 >/dev/null
expect_threads "threads: admin pool shrinks (the busy worker too)" admin-w 2
vadm srv-threadpool-set admin --priority-workers 1 >/dev/null
expect_threads "threads: admin pool takes priority workers" admin-p 1
expect_eq "threads: info shows the live pool" "$(printf '%s\n' \
    "minWorkers     : 2" "maxWorkers     : 3" "nWorkers       : 3" \
    "freeWorkers    : 3" "prioWorkers    : 1" "jobQueueDepth  : 0" "" "rc=0")" \
    "$(adm srv-threadpool-info libvirtd)"
vadm srv-threadpool-set libvirtd --min-workers 5 --max-workers 20 \
    --priority-workers 5 >/dev/null
expect_threads "threads: regular workers back to 5" libvirtd-w 5
expect_threads "threads: priority workers back to 5" libvirtd-p 5

# -- 2b. clients: list, info, disconnect ----------------------------------------

start_session RW "$VDIR/rw.out" -c "$URI"
check "clients: rw virsh connected" wait_for nclients_is 1
start_session RO "$VDIR/ro.out" -r -c "$ROURI"
check "clients: ro virsh connected" wait_for nclients_is 2
read -r RW_ID RO_ID <<<"$(client_ids | tr '\n' ' ')"
expect_eq "clients: srv-clients-list" "$(printf '%s\n' \
    " Id   Transport   Connected since" \
    "--------------------------------------------" \
    " $RW_ID    unix        @TIME@" " $RO_ID    unix        @TIME@" "" "rc=0")" \
    "$(adm srv-clients-list libvirtd | norm_time | sed -E 's/ +$//')"
expect_eq "clients: client-info rw" \
    "$(client_info_expected "$RW_ID" "$(virsh_pid "$RW")" no)" \
    "$(adm client-info libvirtd "$RW_ID" | norm_time)"
expect_eq "clients: client-info ro" \
    "$(client_info_expected "$RO_ID" "$(virsh_pid "$RO")" yes)" \
    "$(adm client-info libvirtd "$RO_ID" | norm_time)"
expect_eq "clients: client-disconnect" "Client '$RW_ID' disconnected
rc=0" "$(adm client-disconnect libvirtd "$RW_ID")"
sees_eof() { grep -q "due to end of file" "$VDIR/rw.out"; }
check "clients: the disconnected virsh sees EOF" wait_for sees_eof
check "clients: one client left" wait_for nclients_is 1
expect_eq "clients: a disconnected client is gone" \
    "error: Client not found: No client with matching ID '$RW_ID'

rc=1" "$(adm client-info libvirtd "$RW_ID")"

# -- 2c. max_clients: accepting pauses and resumes ------------------------------

# start_late NAME: `virsh uri` in the background, its output in NAME.out
start_late() {
    (timeout 20 virsh -c "$URI" uri >"$VDIR/$1.out" 2>&1
     echo "rc=$?" >>"$VDIR/$1.out") &
    LATE=$!
}
late_done() { ! kill -0 "$LATE" 2>/dev/null; }

vadm srv-clients-set libvirtd --max-clients 0 --max-unauth-clients 0 >/dev/null
expect_eq "limits: lowering max_clients kicks nobody" "$RO_ID" "$(client_ids)"
vadm srv-clients-set libvirtd --max-clients 1 >/dev/null
start_late late1
sleep 1.5
check "limits: a connection beyond max_clients waits" kill -0 "$LATE"
expect_eq "limits: it is not a client yet" "$RO_ID" "$(client_ids)"
vadm srv-clients-set libvirtd --max-clients 2 >/dev/null
check "limits: raising max_clients resumes accepting" wait_for late_done
check "limits: the waiting call succeeded" grep -qx "rc=0" "$VDIR/late1.out"
vadm srv-clients-set libvirtd --max-clients 1 >/dev/null
start_late late2
sleep 1
check "limits: full again: the next connection waits" kill -0 "$LATE"
vadm client-disconnect libvirtd "$RO_ID" >/dev/null
check "limits: it is served once a slot frees" wait_for late_done
check "limits: its call succeeded" grep -qx "rc=0" "$VDIR/late2.out"
vadm srv-clients-set libvirtd --max-clients 5000 --max-unauth-clients 20 >/dev/null
end_sessions
wait "$RW" "$RO" 2>/dev/null

# -- 2d. logging settings apply live ----------------------------------------------

LOG=$VDIR/live.log
nlines() { grep -c "rpc.server" "$LOG" 2>/dev/null || true; }
vadm daemon-log-outputs "3:stderr 1:file:$LOG" >/dev/null
vadm daemon-log-filters "1:rpc.server" >/dev/null
vadm srv-list >/dev/null
logged() { [ "$(nlines)" -gt 0 ]; }
check "logging: a debug filter reaches the new file output" wait_for logged
vadm daemon-log-filters "4:rpc" >/dev/null
before=$(nlines)
vadm srv-list >/dev/null
sleep 0.3
expect_eq "logging: a stricter filter silences it" "$before" "$(nlines)"
vadm daemon-log-filters "1:rpc.server" >/dev/null
vadm srv-list >/dev/null
more() { [ "$(nlines)" -gt "$before" ]; }
check "logging: the filter is lifted again" wait_for more
vadm daemon-log-outputs "" >/dev/null
vadm daemon-log-filters "" >/dev/null

# -- 2e. daemon-timeout ----------------------------------------------------------------

expect_eq "timeout: set" "
rc=0" "$(adm daemon-timeout --timeout 1)"
gone() { ! kill -0 "$VPID" 2>/dev/null; }
check "timeout: the idle daemon exits" wait_for gone
if gone; then
    wait "$VPID"
    expect_eq "timeout: clean exit" 0 "$?"
    VPID=
fi
stop_virtd

# -- 2f. the admin socket admits only the daemon's uid ---------------------------------

if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
    CONF=$(mktemp /tmp/virtd-admin-conf.XXXXXX)
    echo 'unix_sock_admin_perms = "0777"' >"$CONF"
    chmod 644 "$CONF"
    start_virtd -f "$CONF" || exit 1
    chmod 755 "$VDIR"
    out=$(timeout 20 setpriv --reuid=65534 --regid=65534 --clear-groups \
        virt-admin -c "$ADMURI" srv-list 2>&1)
    rc=$?
    # as with libvirtd, the client may still be writing its first call
    # when the socket closes: then SIGPIPE ends it (rc 141), unprinted
    refused() { [ "$rc" = 1 ] || [ "$rc" = 141 ]; }
    check "uid: another uid is refused (rc $rc)" refused
    if [ "$rc" = 1 ]; then
        expect_eq "uid: virt-admin's message" \
            "error: Failed to connect to the admin server" \
            "$(echo "$out" | head -n 1)"
    fi
    check "uid: the refusal is logged" grep -q "refusing client uid 65534" \
        "$VDIR/stderr.log"
    expect_eq "uid: the refused client never counted" "nclients            : 1" \
        "$(vadm srv-clients-info admin | grep '^nclients ')"
    expect_eq "uid: the daemon's uid still gets in" 0 \
        "$(vadm srv-list >/dev/null 2>&1; echo $?)"
    stop_virtd
    rm -f "$CONF"
else
    echo "skip uid: needs root and setpriv"
fi

finish
