#!/usr/bin/python3
# abuse.py SOCKDIR VIRTD [--garbage]: send the malformed and hostile input
# of protocol.md §1.5 / §8.7 to the daemon whose sockets are in SOCKDIR,
# one case per fresh connection, and print one line per case:
#     NAME: REACTION
# where REACTION is a reply ("reply REPLY ERROR 39/7 unknown procedure: 0"),
# "closed", "silent+open" (no answer, the connection still serves a call)
# or "silent+dead". After each case the real virsh must still work on a
# new connection; a line "NAME: virsh FAILED ..." says when it did not.
# The same script run against libvirtd 9.0 makes the expected transcript
# (test/integ/expected/abuse.expected), so both sides share one format.
#
# --garbage: instead, for every procedure the daemon serves (listed by
# `VIRTD cat`'s help), send bodies that do not decode, or decode to odd
# values, on an open connection, and print the reply's code/domain.
import os
import random
import re
import socket
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from rawrpc import (ADMIN, CALL_WITH_FDS, KEEPALIVE, MESSAGE, REMOTE,  # noqa
                    REPLY, REPLY_WITH_FDS, STREAM, STREAM_HOLE, Closed, Conn,
                    Silent, call, describe, frame, header, i32, ostr,
                    reaction, u32, xstr)

SOCKDIR = sys.argv[1]
VIRTD = sys.argv[2]
RW = SOCKDIR + '/libvirt-sock'
ADM = SOCKDIR + '/libvirt-admin-sock'
URI = 'test+unix:///default?socket=' + RW
CASES = []


def case(fn):
    CASES.append(fn)
    return fn


def opened(path=RW):
    c = Conn(path)
    if path == ADM:
        h, _ = c.rpc(1, u32(0), prog=ADMIN)
        assert h.status == 0, 'admin CONNECT_OPEN failed'
    else:
        c.open()
    return c


def sent(data, path=RW, is_open=False, timeout=0.5):
    c = opened(path) if is_open else Conn(path)
    try:
        c.send(data)
        return reaction(c, timeout)
    except Closed:
        return 'closed'
    finally:
        c.close()


def waits(data, timeout=0.5):
    """'silent' when the daemon neither answers nor closes (it waits for
    the rest of a frame), else what it did."""
    c = Conn(RW)
    try:
        c.send(data)
        c.recv(timeout)
        return 'answered'
    except Silent:
        return 'silent'
    except Closed:
        return 'closed'
    finally:
        c.close()


AUTH_LIST = call(66, serial=5)


def hdr_only(length, n=24):
    return u32(length) + header(REMOTE, 66, serial=5)[:n]


# -- framing -----------------------------------------------------------------
for _n in (0, 3, 4, 27):
    CASES.append(lambda n=_n: ('len %d' % n, sent(hdr_only(n))))


@case
def len_28():
    return 'len 28', sent(hdr_only(28))


@case
def len_max():
    return 'len 33554436 (header only)', waits(hdr_only(33554436))


for _n in (33554437, 0x7fffffff, 0xffffffff):
    CASES.append(lambda n=_n: ('len %d' % n, sent(hdr_only(n))))


@case
def max_frame():
    body = b'\0' * (33554436 - 28)
    return 'largest frame (AUTH_LIST + 32 MiB of trailing bytes)', \
        sent(call(66, body, serial=5), timeout=10)


@case
def truncated_header():
    return 'truncated header (len 28, 10 header bytes)', \
        waits(hdr_only(28, 10))


@case
def truncated_header_eof():
    c = Conn(RW)
    c.send(hdr_only(28, 10))
    c.s.shutdown(socket.SHUT_WR)
    r = 'closed' if c.wait_closed(2) else 'still open'
    c.close()
    return 'truncated header then EOF', r


def dribble(c, data, step):
    for i in range(0, len(data), step):
        c.send(data[i:i + step])
        time.sleep(0.0005)


@case
def single_bytes():
    c = Conn(RW)
    dribble(c, call(66, serial=0) + call(1, ostr('test:///default') + u32(0),
                                         serial=1) + call(59, serial=2), 1)
    r = [describe(*c.reply(s)) for s in (0, 1, 2)]
    c.close()
    return 'three calls sent one byte at a time', ' '.join(r)


@case
def odd_chunks():
    c = Conn(RW)
    data = b''.join(call(66, serial=s) for s in range(20))
    dribble(c, data, 7)
    r = sum(1 for s in range(20) if describe(*c.reply(s)) == 'OK')
    c.close()
    return 'twenty calls sent in 7-byte pieces', '%d OK' % r


@case
def many_frames():
    c = Conn(RW)
    c.send(b''.join(call(66, serial=s) for s in range(300)))
    seen = set()
    try:
        while len(seen) < 300:
            h, body = c.recv(10)
            if h.type == REPLY and describe(h, body) == 'OK':
                seen.add(h.serial)
    except (Closed, Silent) as e:
        return '300 calls in one write', '%d replies, then %s' % (
            len(seen), type(e).__name__)
    c.close()
    return '300 calls in one write', '%d distinct OK replies' % len(seen)


# -- header: program, version, procedure, type, status -------------------------
@case
def unknown_program():
    return 'CALL to program 0x12345678', \
        sent(frame(0x12345678, 66, serial=5))


@case
def wrong_version():
    return 'CALL to REMOTE version 2', sent(frame(REMOTE, 66, vers=2))


@case
def unknown_program_message():
    return 'MESSAGE to program 0x12345678', \
        sent(frame(0x12345678, 1, typ=MESSAGE))


for _p in (0, -1, 9999, 444, 0x7fffffff, -0x80000000, 107, 318):
    CASES.append(lambda p=_p: ('CALL proc %d' % p,
                               sent(call(p, serial=5), is_open=True)))

for _t, _s in ((REPLY, 0), (MESSAGE, 0), (STREAM, 2), (STREAM, 0),
               (STREAM, 1), (REPLY_WITH_FDS, 0), (STREAM_HOLE, 2), (7, 0),
               (255, 0), (-1, 0)):
    CASES.append(lambda t=_t, s=_s: (
        'type %d status %d for AUTH_LIST' % (t, s),
        sent(frame(REMOTE, 66, typ=t, status=s, serial=5))))

for _s in (1, 2, 7, -1):
    CASES.append(lambda s=_s: ('CALL with status %d' % s,
                               sent(call(66, status=s, serial=5))))


@case
def keepalive_call():
    return 'keepalive program, type CALL', sent(frame(KEEPALIVE, 1))


@case
def keepalive_unknown_proc():
    return 'keepalive MESSAGE proc 3', \
        sent(frame(KEEPALIVE, 3, typ=MESSAGE))


# -- CALL_WITH_FDS -------------------------------------------------------------
def with_fds(nfds, byte_fds, serial=5):
    """AUTH_LIST as CALL_WITH_FDS announcing @nfds, then one dummy byte per
    entry of @byte_fds, each with the descriptors listed in it."""
    r, w = os.pipe()
    c = Conn(RW)
    try:
        c.send(call(66, u32(nfds), serial=serial, typ=CALL_WITH_FDS))
        for fds in byte_fds:
            if fds:
                c.send_fds(b'\0', [(r, w)[i % 2] for i in range(fds)])
            else:
                c.send(b'\0')
        return reaction(c)
    except Closed:
        return 'closed'
    finally:
        c.close()
        os.close(r)
        os.close(w)


CASES += [
    lambda: ('CALL_WITH_FDS, 0 fds', with_fds(0, [])),
    lambda: ('CALL_WITH_FDS, 1 fd', with_fds(1, [1])),
    lambda: ('CALL_WITH_FDS, 2 fds', with_fds(2, [1, 1])),
    lambda: ('CALL_WITH_FDS, 1 announced, dummy byte without fd',
             with_fds(1, [0])),
    lambda: ('CALL_WITH_FDS, 1 announced, 2 fds on one byte',
             with_fds(1, [2])),
    lambda: ('CALL_WITH_FDS, 33 fds announced', with_fds(33, [])),
    lambda: ('CALL_WITH_FDS without its count',
             sent(call(66, serial=5, typ=CALL_WITH_FDS))),
    lambda: ('CALL_WITH_FDS to an unknown program',
             sent(frame(0x12345678, 1, u32(0), typ=CALL_WITH_FDS))),
]


# -- session state -------------------------------------------------------------
CASES += [
    lambda: ('GET_HOSTNAME before CONNECT_OPEN', sent(call(59, serial=5))),
    lambda: ('garbage LOOKUP_BY_NAME before CONNECT_OPEN',
             sent(call(23, b'\xff\xff', serial=5))),
    lambda: ('second CONNECT_OPEN',
             sent(call(1, ostr('test:///default') + u32(0), serial=5),
                  is_open=True)),
    lambda: ('CONNECT_OPEN, name flag 2',
             sent(call(1, u32(2) + xstr('test:///default') + u32(0),
                       serial=5))),
    lambda: ('CONNECT_OPEN, truncated',
             sent(call(1, u32(1) + u32(15) + b'test', serial=5))),
]


# -- strings, arrays, trailing bytes -----------------------------------------------
def lookup(body):
    return sent(call(23, body, serial=5), is_open=True, timeout=5)


CASES += [
    lambda: ('name of 4194304 bytes', lookup(xstr('a' * 4194304))),
    lambda: ('name of 4194305 bytes', lookup(xstr('a' * 4194305))),
    lambda: ('name length 0xffffffff', lookup(u32(0xffffffff) + b'test')),
    lambda: ('name length 100, 10 bytes', lookup(u32(100) + b'0123456789')),
    lambda: ('name without its padding', lookup(u32(3) + b'tes')),
    lambda: ('name "test\\0"', lookup(xstr('test\0'))),
    lambda: ('name "te\\0st"', lookup(xstr('te\0st'))),
    lambda: ('GET_HOSTNAME + 4 trailing bytes',
             sent(call(59, b'abcd', serial=5), is_open=True)),
    lambda: ('GET_HOSTNAME + 3 trailing bytes',
             sent(call(59, b'abc', serial=5), is_open=True)),
    lambda: ('LOOKUP_BY_NAME + 1000 trailing bytes',
             lookup(xstr('test') + b'\xee' * 1000)),
]

SRV = xstr('libvirtd')


def tparam(name, typ, value):
    return xstr(name) + i32(typ) + value


def set_pool(params, count=None):
    n = len(params) if count is None else count
    body = SRV + u32(n) + b''.join(params) + u32(0)
    return sent(frame(ADMIN, 7, body, serial=5), path=ADM, is_open=True)


MINW = tparam('minWorkers', 2, u32(5))
CASES += [
    lambda: ('admin params: 33 entries (max 32)', set_pool([MINW] * 33)),
    lambda: ('admin params: count 0xffffffff', set_pool([], 0xffffffff)),
    lambda: ('admin params: type 0', set_pool([tparam('x', 0, u32(5))])),
    lambda: ('admin params: type 8', set_pool([tparam('x', 8, u32(5))])),
    lambda: ('admin params: 80-byte name',
             set_pool([tparam('m' * 80, 2, u32(5))])),
    lambda: ('admin params: 79-byte name',
             set_pool([tparam('m' * 79, 2, u32(5))])),
    lambda: ('admin params: string for a uint',
             set_pool([tparam('minWorkers', 7, xstr('5'))])),
    lambda: ('admin params: twice the same',
             set_pool([MINW, MINW])),
    lambda: ('admin call before admin CONNECT_OPEN',
             sent(frame(ADMIN, 3, serial=5), path=ADM)),
    lambda: ('REMOTE program on the admin socket',
             sent(frame(REMOTE, 66, serial=5), path=ADM)),
    lambda: ('ADMIN program on the rw socket',
             sent(frame(ADMIN, 1, u32(0), serial=5))),
    lambda: ('admin proc 999', sent(frame(ADMIN, 999, serial=5), path=ADM,
                                    is_open=True)),
]


def virsh_ok():
    try:
        p = subprocess.run(['virsh', '-c', URI, 'hostname'],
                           capture_output=True, text=True, timeout=30)
        return p.returncode == 0, (p.stdout + p.stderr).strip()
    except subprocess.TimeoutExpired:
        return False, 'timed out'


def run_cases():
    for fn in CASES:
        try:
            name, r = fn()
        except Exception as e:                  # a broken case, not a pass
            name, r = getattr(fn, '__name__', '?'), 'EXCEPTION %r' % (e,)
        print('%s: %s' % (name, r), flush=True)
        ok, out = virsh_ok()
        if not ok:
            print('%s: virsh FAILED %s' % (name, out), flush=True)


# -- garbage for every served procedure ------------------------------------------
def served():
    """(prog, num, name, args) of every procedure the daemon serves."""
    out = subprocess.run([VIRTD, 'cat', RW], input='help\n', text=True,
                         capture_output=True, timeout=30).stdout
    procs = []
    for line in out.splitlines():
        m = re.match(r'  (admin:)?([A-Z0-9_]+)\((\d+)\) (.*) -> ', line)
        if m and '[not served]' not in line:
            procs.append((ADMIN if m.group(1) else REMOTE, int(m.group(3)),
                          m.group(2), m.group(4)))
    return procs


def garbage():
    rnd = random.Random(8)
    bodies = [('2 bytes', b'\xff\xff'), ('0xffffffff', b'\xff' * 4),
              ('64 random bytes', bytes(rnd.randrange(256) for _ in range(64)))]
    conns = {}
    for prog, num, name, args in served():
        if (prog, num) in ((REMOTE, 1), (REMOTE, 2), (ADMIN, 1), (ADMIN, 2)):
            continue        # OPEN / CLOSE change the session itself
        for what, body in bodies:
            path = ADM if prog == ADMIN else RW
            try:
                c = conns.get(path) or opened(path)
                conns[path] = c
                h, b = c.rpc(num, body, prog=prog, timeout=10)
                r = describe(h, b)
                if r.startswith('ERROR') and ' 39/7 ' not in r + ' ':
                    r = ' '.join(r.split()[:2])      # code/domain only
            except (Closed, Silent) as e:
                r = type(e).__name__.lower()
                conns.pop(path, None)
            print('garbage %s(%d) %s, %s: %s' % (name, num, args or '-',
                                                  what, r), flush=True)
    ok, out = virsh_ok()
    print('after garbage: virsh %s' % ('ok' if ok else 'FAILED ' + out))


if __name__ == '__main__':
    if '--garbage' in sys.argv:
        garbage()
    else:
        run_cases()
