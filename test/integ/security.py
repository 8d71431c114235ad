#!/usr/bin/python3
# security.py MODE ARGS: helpers for t_security.sh.
#   rowalk SOCKDIR VIRTD   every procedure the daemon denies to read-only
#                          clients (from `VIRTD cat` help), called with
#                          well-formed args on the read-only socket, on the
#                          rw socket opened with VIR_CONNECT_RO, and on the
#                          rw socket opened read-write; one line each
#   watch N DIR VIRTD ARGS  start VIRTD ARGS N times (umask 000) while
#                          inotify watches DIR, stat every socket on every
#                          event; print the widest mode seen per socket
#   strace-perms DIR VIRTD ARGS  the same, deterministic, from strace:
#                          the mode each socket is created with and the
#                          mode it is then set to
#   as-uid UID SOCK PROG   connect as UID and open PROG (remote|admin):
#                          what the daemon did
#   tcp-listen PID         the TCP addresses PID listens on
import ctypes
import os
import re
import signal
import socket
import stat
import struct
import subprocess
import sys
import time
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from rawrpc import (ADMIN, REMOTE, Closed, Conn, describe, frame,  # noqa
                    i32, reaction, u32, xstr)

TEST_UUID = uuid.UUID('6695eb01-f6a4-8304-79aa-97f2502e193f').bytes


# -- well-formed args from a shape (rpc/xdr.h) --------------------------------
def one(letter):
    obj = {
        'i': i32(0), 'u': u32(0), 'h': bytes(8), 'H': bytes(8),
        's': xstr('test'), 'S': u32(0), 'U': TEST_UUID, 'o': u32(0),
        'c': u32(0), 'd': u32(0), 'n': u32(0),
        'D': xstr('test') + TEST_UUID + i32(1),
        'N': xstr('default') + bytes(16),
        'P': xstr('default-pool') + bytes(16),
        'V': xstr('default-pool') + xstr('vol') + xstr('key'),
        'F': xstr('eth1') + xstr('aa:bb:cc:dd:ee:ff'),
        'G': xstr('s1') + xstr('test') + TEST_UUID + i32(1),
        'A': xstr('libvirtd'),
    }
    return obj[letter]


def encode_args(shape):
    out = b''
    for field in shape.split():
        m = re.match(r'([A-Za-z])(\[(\d+)\]|\{(\d+)\})?', field)
        letter, arr, fixed = m.group(1), m.group(2), m.group(4)
        if fixed:
            out += one(letter) * int(fixed)
        elif arr:
            out += u32(0)                       # empty array / opaque
        else:
            out += one(letter)
    return out


def ro_procs(sockdir, virtd):
    out = subprocess.run([virtd, 'cat', sockdir + '/libvirt-sock'],
                         input='help\n', text=True, capture_output=True,
                         timeout=30).stdout
    for line in out.splitlines():
        m = re.match(r'  ([A-Z0-9_]+)\((\d+)\) (.*) -> .*\[read-only: '
                     r'denied as (\w+)\]', line)
        if m and '[not served]' not in line:
            args = '' if m.group(3) == '(none)' else m.group(3)
            yield m.group(1), int(m.group(2)), args, m.group(4)


def rowalk(sockdir, virtd):
    ro = Conn(sockdir + '/libvirt-sock-ro').open()
    rwro = Conn(sockdir + '/libvirt-sock').open(flags=1)
    rw = Conn(sockdir + '/libvirt-sock').open()
    n = 0
    for name, num, args, api in ro_procs(sockdir, virtd):
        body = encode_args(args)
        for what, c in (('ro socket', ro), ('rw socket, VIR_CONNECT_RO', rwro)):
            print('%s(%d) %s: %s' % (name, num, what,
                                     describe(*c.rpc(num, body))))
        r = describe(*rw.rpc(num, body))
        print('%s(%d) rw socket: %s' % (name, num, 'DENIED ' + r
                                        if r.startswith('ERROR 29/')
                                        else 'not denied'))
        n += 1
    print('%d procedures denied to read-only clients' % n)


# -- socket modes while they are created ---------------------------------------
IN_CREATE, IN_ATTRIB, IN_MOVED_TO = 0x100, 0x4, 0x80


def watch(n, d, argv):
    libc = ctypes.CDLL(None, use_errno=True)
    widest = {}
    os.makedirs(d, exist_ok=True)
    for _ in range(n):
        fd = libc.inotify_init1(os.O_NONBLOCK)
        libc.inotify_add_watch(fd, d.encode(),
                               IN_CREATE | IN_ATTRIB | IN_MOVED_TO)
        p = subprocess.Popen(argv, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL,
                             preexec_fn=lambda: os.umask(0))
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                buf = os.read(fd, 65536)
            except BlockingIOError:
                if os.path.exists(d + '/libvirt-admin-sock') and \
                        os.path.exists(d + '/libvirt-sock-ro') and \
                        os.path.exists(d + '/libvirt-sock'):
                    time.sleep(0.05)
                    break
                time.sleep(0.0005)
                continue
            off = 0
            while off < len(buf):
                _, _, _, ln = struct.unpack('iIII', buf[off:off + 16])
                name = buf[off + 16:off + 16 + ln].rstrip(b'\0').decode()
                off += 16 + ln
                try:
                    mode = stat.S_IMODE(os.stat(os.path.join(d, name)).st_mode)
                except FileNotFoundError:
                    continue
                widest[name] = widest.get(name, 0) | mode
        p.send_signal(signal.SIGTERM)
        p.wait(10)
        os.close(fd)
    for name in sorted(widest):
        if name.startswith('libvirt'):
            print('%s %04o' % (name, widest[name]))


def strace_perms(d, argv):
    """Deterministic form of watch: strace the daemon's start-up and check,
    for every UNIX socket it binds, that the mode bind() creates it with
    (0777 & ~umask) is within the mode it is then chmod'ed to."""
    log = d + '.strace'
    p = subprocess.Popen(['strace', '-f', '-qq', '-o', log, '-e',
                          'trace=umask,bind,chmod,fchmodat'] + argv,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                         preexec_fn=lambda: os.umask(0))
    for _ in range(200):
        if os.path.exists(d + '/libvirt-admin-sock'):
            break
        time.sleep(0.05)
    with open('/proc/%d/task/%d/children' % (p.pid, p.pid)) as f:
        for child in f.read().split():          # the daemon, not strace
            os.kill(int(child), signal.SIGTERM)
    p.wait(10)
    mask, created = 0, {}
    with open(log) as f:
        for line in f:
            m = re.search(r'umask\((0?\d+)\)', line)
            if m:
                mask = int(m.group(1), 8)
            m = re.search(r'bind\(\d+, \{sa_family=AF_UNIX, sun_path="([^"]+)"'
                          r'.* = 0', line)
            if m:
                created[m.group(1)] = 0o777 & ~mask
            m = re.search(r'chmod(?:at)?\((?:AT_FDCWD, )?"([^"]+)", (0\d+)\)',
                          line)
            if m and m.group(1) in created:
                was, now = created.pop(m.group(1)), int(m.group(2), 8)
                print('%s created %04o, then %04o%s' % (
                    os.path.basename(m.group(1)), was, now,
                    '' if was & ~now == 0 else ' WIDER FIRST'))
    os.unlink(log)
    for path in created:
        print('%s created %04o, never chmod-ed' % (path, created[path]))


# -- a client of another uid -----------------------------------------------------
def as_uid(uid, sock, prog):
    pid = os.fork()
    if pid == 0:
        os.setgroups([])
        os.setgid(uid)
        os.setuid(uid)
        try:
            c = Conn(sock)
        except PermissionError:
            print('connect: permission denied', flush=True)
            os._exit(0)
        try:
            if prog == 'admin':
                c.send(frame(ADMIN, 1, u32(0)))
            else:
                c.send(frame(REMOTE, 66))
            print(reaction(c, 2), flush=True)
        except Closed:
            print('closed', flush=True)
        os._exit(0)
    os.waitpid(pid, 0)


# -- TCP listeners of a process ----------------------------------------------------
def tcp_listen(pid):
    inodes = set()
    for fd in os.listdir('/proc/%d/fd' % pid):
        try:
            link = os.readlink('/proc/%d/fd/%s' % (pid, fd))
        except OSError:
            continue
        m = re.match(r'socket:\[(\d+)\]', link)
        if m:
            inodes.add(m.group(1))
    found = []
    for fam in ('tcp', 'tcp6'):
        with open('/proc/net/' + fam) as f:
            next(f)
            for line in f:
                cols = line.split()
                if cols[3] != '0A' or cols[9] not in inodes:   # LISTEN
                    continue
                addr, port = cols[1].split(':')
                raw = bytes.fromhex(addr)
                if fam == 'tcp':
                    ip = socket.inet_ntop(socket.AF_INET, raw[::-1])
                else:
                    ip = socket.inet_ntop(socket.AF_INET6, b''.join(
                        raw[i:i + 4][::-1] for i in range(0, 16, 4)))
                found.append('%s:%d' % (ip, int(port, 16)))
    print(' '.join(sorted(found)) or 'none')


if __name__ == '__main__':
    mode = sys.argv[1]
    if mode == 'rowalk':
        rowalk(sys.argv[2], sys.argv[3])
    elif mode == 'watch':
        watch(int(sys.argv[2]), sys.argv[3], sys.argv[4:])
    elif mode == 'strace-perms':
        strace_perms(sys.argv[2], sys.argv[3:])
    elif mode == 'as-uid':
        as_uid(int(sys.argv[2]), sys.argv[3], sys.argv[4])
    elif mode == 'tcp-listen':
        tcp_listen(int(sys.argv[2]))
