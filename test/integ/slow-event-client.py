#!/usr/bin/python3
# slow-event-client.py SOCKET URI N: a client that registers for lifecycle
# events on SOCKET and then stops reading, while N suspend/resume pairs on
# the domain "test" (through python3-libvirt on URI) generate 2N events,
# and a well-behaved python client counts the events it receives. Prints
# "fast=<events the good client got> slow=<open|closed>". The daemon must
# deliver every event to the good client, and cut the slow one once its
# bounded output queue is full rather than buffer without limit.
import socket
import struct
import sys
import threading
import time

import libvirt

PROG, VERS = 0x20008086, 1


def frame(proc, serial, body=b""):
    hdr = struct.pack(">IIiiIi", PROG, VERS, proc, 0, serial, 0)
    return struct.pack(">I", 4 + len(hdr) + len(body)) + hdr + body


def read_frame(s):
    n = struct.unpack(">I", s.recv(4, socket.MSG_WAITALL))[0]
    return s.recv(n - 4, socket.MSG_WAITALL)


path, uri, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
name = b"test:///default"
slow = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
slow.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
slow.connect(path)
slow.sendall(frame(1, 0, struct.pack(">II", 1, len(name)) + name + b"\0" +
                   struct.pack(">I", 0)))
read_frame(slow)
slow.sendall(frame(316, 1, struct.pack(">ii", 0, 0)))
read_frame(slow)
# from here on the slow client reads nothing

libvirt.registerErrorHandler(lambda *a: None, None)
libvirt.virEventRegisterDefaultImpl()
stop = False


def loop():
    while not stop:
        libvirt.virEventRunDefaultImpl()


threading.Thread(target=loop, daemon=True).start()
good = libvirt.open(uri)
got = [0]
good.domainEventRegisterAny(None, libvirt.VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                            lambda *a: got.__setitem__(0, got[0] + 1), None)
work = libvirt.open(uri)
dom = work.lookupByName("test")
for _ in range(n):
    dom.suspend()
    dom.resume()
deadline = time.time() + 30
while got[0] < 2 * n and time.time() < deadline:
    time.sleep(0.05)

# the slow client: drain what is left, and see whether the server cut it
slow.settimeout(5)
state = "open"
try:
    while True:
        b = slow.recv(65536)
        if not b:
            state = "closed"
            break
except socket.timeout:
    pass
except OSError:
    state = "closed"
print("fast=%d slow=%s" % (got[0], state))
stop = True
