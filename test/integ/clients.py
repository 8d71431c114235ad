#!/usr/bin/python3
# clients.py SOCK MODE [ARGS]: abusive and busy clients for t_clients.sh.
# Each mode prints one result line (or "FAIL ...") and exits 0 on success.
#   noread N          N calls, never read; then read: all N answered?
#   pingflood SECS    PINGs without reading until the daemon cuts us off
#   eventnoread       register for lifecycle events, never read: how long
#                     until the daemon cuts us off (another client makes
#                     the events)
#   hold N PARTIAL    N idle connections (PARTIAL of them with half a
#                     frame) held until stdin closes
#   churn N           N connect/disconnect cycles of mixed kinds
#   garbage MB        MB of random bytes on a few connections
#   ka-silent         negotiate keepalive, then go silent: time to the drop
#   ka-answer SECS    negotiate keepalive, answer PINGs, still served after
#   ka-none SECS      never ask for keepalive, stay silent: still open after
#   emfile N          N connections past the daemon's descriptor limit: how
#                     many are served, and how soon a new client is once
#                     they are gone
#   cycles N PID      N connect/call/disconnect cycles; fd count and RSS of
#                     PID before and after
import os
import random
import select
import socket
import struct
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from rawrpc import (KEEPALIVE, MESSAGE, Closed, Conn, Silent,  # noqa: E402
                    call, fd_count, frame, i32, rss_kib)

SOCK = sys.argv[1]
AUTH_LIST = call(66)


def noread(n):
    c = Conn(SOCK)
    c.send(b''.join(call(66, serial=s) for s in range(n)))
    time.sleep(1)
    got = set()
    while len(got) < n:
        h, _ = c.recv(10)
        got.add(h.serial)
    print('%d calls, all answered once read' % len(got))


def pingflood(secs):
    c = Conn(SOCK)
    ping = frame(KEEPALIVE, 1, typ=MESSAGE) * 512
    deadline = time.monotonic() + secs
    sent = 0
    try:
        while time.monotonic() < deadline:
            c.send(ping)
            sent += 512
    except (Closed, Silent):
        pass
    # whatever was still buffered, then EOF: the daemon closed us
    print('disconnected after %d PINGs' % sent if c.wait_closed(10)
          else 'FAIL still connected after %d PINGs' % sent)


def eventnoread():
    c = Conn(SOCK)
    c.open()
    h, _ = c.rpc(316, i32(0) + struct.pack('>I', 0))    # lifecycle, any dom
    assert h.status == 0, 'event registration failed'
    print('registered', flush=True)
    p = select.poll()                   # never read: wait for the hang-up
    p.register(c.s, select.POLLRDHUP)
    print('cut off' if p.poll(60000) else 'FAIL still connected')


def hold(n, partial):
    conns = []
    for i in range(n):
        c = Conn(SOCK)
        if i < partial:
            c.send(call(59, serial=i)[:13])
        conns.append(c)
    print('holding %d connections' % n, flush=True)
    sys.stdin.read()
    for c in conns:
        c.close()


def churn(n):
    """Connect and leave in every way a client can."""
    rnd = random.Random(1)
    kinds = [0, 0, 0, 0]
    for i in range(n):
        k = rnd.randrange(4)
        kinds[k] += 1
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.settimeout(10)
        s.connect(SOCK)
        if k == 1:                       # a call, its reply
            s.sendall(AUTH_LIST)
            if len(s.recv(64)) < 28:
                raise SystemExit('FAIL no reply in cycle %d' % i)
        elif k == 2:                     # half a frame
            s.sendall(AUTH_LIST[:9])
        elif k == 3:                     # a call, gone before the reply
            s.sendall(AUTH_LIST)
        s.close()
    print('%d cycles (%d bare, %d answered, %d half frames, %d gone '
          'before the reply)' % tuple([n] + kinds))


def garbage(mb):
    rnd = random.Random(2)
    fates = []
    for i in range(4):
        c = Conn(SOCK)
        data = bytes(rnd.randrange(256) for _ in range(mb * 1024 * 256))
        try:
            c.send(data)
            fates.append('closed' if c.wait_closed(1) else 'waiting')
        except Closed:
            fates.append('closed')
        c.close()
    print('garbage connections: %s' % ' '.join(fates))


def ka_open(c):
    c.rpc(66)
    h, body = c.rpc(60, i32(10))
    assert struct.unpack('>i', body[:4])[0] == 1, 'keepalive not supported'
    c.open()


def ka_silent():
    c = Conn(SOCK)
    ka_open(c)
    t0 = time.monotonic()
    pings = 0
    try:
        while True:
            h, _ = c.recv(30, keepalive=True)
            if h.prog == KEEPALIVE and h.proc == 1:
                pings += 1
    except Closed:
        print('dropped after %.1f s and %d PINGs' %
              (time.monotonic() - t0, pings))
    except Silent:
        print('FAIL not dropped within 30 s')


def ka_answer(secs):
    c = Conn(SOCK)
    ka_open(c)
    deadline = time.monotonic() + secs
    try:
        while time.monotonic() < deadline:
            try:
                c.recv(deadline - time.monotonic())     # PONGs the PINGs
            except Silent:
                pass
        h, _ = c.rpc(59)
        print('still served after %d s' % secs if h.status == 0
              else 'FAIL call failed')
    except Closed:
        print('FAIL dropped although it answered')


def ka_none(secs):
    c = Conn(SOCK)
    c.open()
    try:
        c.recv(secs)
        print('FAIL something arrived')
    except Silent:
        print('still open after %d silent s' % secs if c.alive()
              else 'FAIL dead')
    except Closed:
        print('FAIL dropped')


def emfile(n):
    conns = [Conn(SOCK) for _ in range(n)]
    for c in conns:
        c.send(AUTH_LIST)
    deadline = time.monotonic() + 2
    served = 0
    for c in conns:
        try:
            c.recv(max(deadline - time.monotonic(), 0.01))
            served += 1
        except (Silent, Closed):
            pass
    for c in conns:
        c.close()
    t0 = time.monotonic()
    try:
        c = Conn(SOCK)
        c.send(AUTH_LIST)
        c.recv(20)
        print('%d of %d served; a new client served %.1f s after they left'
              % (served, n, time.monotonic() - t0))
    except (Silent, Closed) as e:
        print('FAIL new client not served: %s' % type(e).__name__)


def cycle():
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(10)
    s.connect(SOCK)
    s.sendall(AUTH_LIST)
    got = b''
    while len(got) < 36:
        chunk = s.recv(64)
        if not chunk:
            raise SystemExit('FAIL closed')
        got += chunk
    s.close()


def settle(pid, fds):
    """The daemon processes closes asynchronously: wait a little for its
    descriptor count to come back."""
    for _ in range(100):
        if fd_count(pid) <= fds:
            break
        time.sleep(0.02)
    return fd_count(pid)


def cycles(n, pid):
    for _ in range(2000):                # warm caches and pools first
        cycle()
    fd0 = settle(pid, 0)
    rss0 = rss_kib(pid)
    t0 = time.monotonic()
    workers = []
    for _ in range(2):                   # two processes: both cores busy
        p = os.fork()
        if p == 0:
            try:
                for _ in range(n // 2):
                    cycle()
                os._exit(0)
            except BaseException:
                os._exit(1)
        workers.append(p)
    ok = all(os.waitpid(p, 0)[1] == 0 for p in workers)
    secs = time.monotonic() - t0
    fd1 = settle(pid, fd0)
    rss1 = rss_kib(pid)
    print('%s%d cycles in %.1f s; fds %d -> %d; rss %d -> %d KiB' %
          ('' if ok else 'FAIL ', n, secs, fd0, fd1, rss0, rss1))


if __name__ == '__main__':
    mode, args = sys.argv[2], [int(a) for a in sys.argv[3:]]
    {'noread': noread, 'pingflood': pingflood, 'hold': hold,
     'churn': churn, 'garbage': garbage, 'ka-silent': ka_silent,
     'ka-answer': ka_answer, 'ka-none': ka_none,
     'emfile': emfile, 'cycles': cycles, 'eventnoread': eventnoread}[mode](*args)
