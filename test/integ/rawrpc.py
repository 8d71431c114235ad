# rawrpc.py: a minimal libvirt RPC client over a raw socket, for tests that
# must send what no real client sends (protocol.md §1, §8.7). Frames are
# built by hand; replies are read back with a deadline so a test can tell
# "answered", "silent but open" and "closed" apart.
import array
import os
import select
import socket
import struct
import time

REMOTE = 0x20008086
ADMIN = 0x06900690
KEEPALIVE = 0x6b656570

CALL, REPLY, MESSAGE, STREAM, CALL_WITH_FDS, REPLY_WITH_FDS, STREAM_HOLE = \
    range(7)
OK, ERROR, CONTINUE = range(3)

FRAME_MAX = 33554436

PROC_OPEN = 1
PROC_SUPPORTS_FEATURE = 60
PROC_HOSTNAME = 59
PROC_AUTH_LIST = 66


class Closed(Exception):
    """The server closed the connection (EOF or reset)."""


class Silent(Exception):
    """Nothing arrived before the deadline."""


def u32(v):
    return struct.pack('>I', v & 0xffffffff)


def i32(v):
    return struct.pack('>i', v)


def xstr(s):
    if isinstance(s, str):
        s = s.encode()
    return u32(len(s)) + s + b'\0' * (-len(s) % 4)


def ostr(s):
    return u32(0) if s is None else u32(1) + xstr(s)


def header(prog, proc, typ=CALL, serial=0, status=OK, vers=1):
    return struct.pack('>IIiiIi', prog, vers, proc, typ, serial, status)


def frame(prog, proc, body=b'', typ=CALL, serial=0, status=OK, vers=1,
          length=None):
    n = 28 + len(body) if length is None else length
    return u32(n) + header(prog, proc, typ, serial, status, vers) + body


def call(proc, body=b'', serial=0, prog=REMOTE, **kw):
    return frame(prog, proc, body, serial=serial, **kw)


class Hdr:
    def __init__(self, raw):
        (self.prog, self.vers, self.proc, self.type, self.serial,
         self.status) = struct.unpack('>IIiiIi', raw)


def decode_error(body):
    """(code, domain, message) of a remote_error body."""
    code, dom, present = struct.unpack('>iiI', body[:12])
    msg = None
    if present:
        (n,) = struct.unpack('>I', body[12:16])
        msg = body[16:16 + n].decode(errors='replace')
    return code, dom, msg


class Conn:
    def __init__(self, path, timeout=5.0):
        if ':' in path and not path.startswith('/'):
            host, port = path.rsplit(':', 1)
            self.s = socket.create_connection((host, int(port)), timeout)
        else:
            self.s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            self.s.settimeout(timeout)
            self.s.connect(path)
        self.s.setblocking(False)
        self.buf = b''
        self.eof = False

    def close(self):
        self.s.close()

    def send(self, data):
        """Write everything (blocking with a bound); Closed on EPIPE."""
        view = memoryview(data)
        deadline = time.monotonic() + 30
        while view:
            try:
                n = self.s.send(view)
                view = view[n:]
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise Silent('send blocked')
                select.select([], [self.s], [], 1)
            except (BrokenPipeError, ConnectionResetError):
                raise Closed()

    def send_fds(self, data, fds):
        self.s.setblocking(True)
        try:
            self.s.sendmsg([data], [(socket.SOL_SOCKET, socket.SCM_RIGHTS,
                                     array.array('i', fds))])
        finally:
            self.s.setblocking(False)

    def _fill(self, deadline):
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise Silent()
            r, _, _ = select.select([self.s], [], [], left)
            if not r:
                continue
            try:
                chunk = self.s.recv(1 << 20)
            except BlockingIOError:
                continue
            except ConnectionResetError:
                chunk = b''
            if not chunk:
                self.eof = True
                raise Closed()
            self.buf += chunk
            return

    def recv(self, timeout=5.0, keepalive=False):
        """Next frame as (Hdr, body). PINGs are answered and skipped unless
        keepalive is True. Closed / Silent otherwise."""
        deadline = time.monotonic() + timeout
        while True:
            while len(self.buf) < 4 or \
                    len(self.buf) < struct.unpack('>I', self.buf[:4])[0]:
                self._fill(deadline)
            (n,) = struct.unpack('>I', self.buf[:4])
            h = Hdr(self.buf[4:28])
            body = self.buf[28:n]
            self.buf = self.buf[n:]
            if h.prog == KEEPALIVE and not keepalive:
                if h.proc == 1:
                    self.send(frame(KEEPALIVE, 2, typ=MESSAGE))
                continue
            return h, body

    def reply(self, serial, timeout=5.0):
        """The reply to @serial, skipping anything else."""
        deadline = time.monotonic() + timeout
        while True:
            h, body = self.recv(max(deadline - time.monotonic(), 0.001))
            if h.type in (REPLY, REPLY_WITH_FDS) and h.serial == serial:
                return h, body

    def rpc(self, proc, body=b'', serial=None, prog=REMOTE, timeout=5.0):
        if serial is None:
            serial = getattr(self, 'next_serial', 0)
        self.next_serial = serial + 1
        self.send(call(proc, body, serial, prog))
        return self.reply(serial, timeout)

    def open(self, uri='test:///default', flags=0):
        """AUTH_LIST + CONNECT_OPEN; raises on an error reply."""
        h, _ = self.rpc(PROC_AUTH_LIST)
        assert h.status == OK, 'AUTH_LIST failed'
        h, body = self.rpc(PROC_OPEN, ostr(uri) + u32(flags))
        if h.status != OK:
            raise RuntimeError('CONNECT_OPEN: %r' % (decode_error(body),))
        return self

    def alive(self, timeout=5.0):
        """Does the connection still answer a call?"""
        try:
            h, _ = self.rpc(PROC_AUTH_LIST, serial=0x7ffffff0,
                            timeout=timeout)
            return h.status == OK
        except (Closed, Silent):
            return False

    def wait_closed(self, timeout=5.0):
        """True when the server closes within @timeout (frames ignored)."""
        deadline = time.monotonic() + timeout
        try:
            while True:
                self.recv(max(deadline - time.monotonic(), 0.001))
        except Closed:
            return True
        except Silent:
            return False


def describe(h, body):
    """One line for a reply: 'OK' or 'ERROR code/domain message'."""
    if h.status == OK:
        return 'OK'
    if h.status == ERROR and h.type in (REPLY, REPLY_WITH_FDS):
        code, dom, msg = decode_error(body)
        return 'ERROR %d/%d %s' % (code, dom, msg)
    return 'type %d status %d' % (h.type, h.status)


def reaction(conn, timeout=0.5):
    """What the server did after a sent case: a reply line, 'closed', or
    'silent+open' / 'silent+dead' (nothing came back within @timeout; then
    whether the connection still answers a call)."""
    try:
        h, body = conn.recv(timeout)
        return 'reply %s %s' % (
            {REPLY: 'REPLY', REPLY_WITH_FDS: 'REPLY_WITH_FDS'}.get(
                h.type, 'type%d' % h.type), describe(h, body))
    except Closed:
        return 'closed'
    except Silent:
        return 'silent+open' if conn.alive() else 'silent+dead'


def fd_count(pid):
    return len(os.listdir('/proc/%d/fd' % pid))


def rss_kib(pid):
    with open('/proc/%d/status' % pid) as f:
        for line in f:
            if line.startswith('VmRSS:'):
                return int(line.split()[1])
    return 0
