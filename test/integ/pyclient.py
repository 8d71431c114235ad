#!/usr/bin/python3
# pyclient.py SOCKDIR MODE [ARGS]: python3-libvirt against a daemon whose
# sockets are in SOCKDIR, for t_python.sh. One result line per check.
#   cycles N        N open/close cycles
#   threads N M     N threads share one connection, M rounds of calls each
#   idle SECS       event loop + conn.setKeepAlive(1, 2), idle SECS, alive?
#   dropped         event loop; the client is disconnected through the admin
#                   socket: isAlive() goes false, the close callback runs
#   errors          bad calls: get_error_code() / get_error_domain() each
import os
import subprocess
import sys
import threading
import time

import libvirt

SOCKDIR, MODE = sys.argv[1], sys.argv[2]
URI = 'test+unix:///default?socket=%s/libvirt-sock' % SOCKDIR
ROURI = 'test+unix:///default?socket=%s/libvirt-sock-ro' % SOCKDIR
ADMURI = 'libvirtd:///system?socket=%s/libvirt-admin-sock' % SOCKDIR

libvirt.registerErrorHandler(lambda ctx, err: None, None)    # quiet


def cycles(n):
    for _ in range(n):
        c = libvirt.open(URI)
        c.getHostname()
        c.close()
    print('%d open/close cycles' % n)


def threads(n, rounds):
    c = libvirt.open(URI)
    want = (c.getHostname(), c.lookupByName('test').UUIDString())
    bad = []

    def work():
        try:
            for _ in range(rounds):
                got = (c.getHostname(), c.lookupByName('test').UUIDString())
                if got != want or len(c.listAllDomains()) < 1:
                    bad.append(got)
                c.lookupByName('test').info()
        except libvirt.libvirtError as e:
            bad.append(str(e))
    ts = [threading.Thread(target=work) for _ in range(n)]
    for t in ts:
        t.start()
    for t in ts:
        t.join(120)
    c.close()
    print('%d threads x %d rounds on one connection: %s' %
          (n, rounds, 'all correct' if not bad else 'FAIL %r' % bad[:3]))


def event_loop():
    libvirt.virEventRegisterDefaultImpl()

    def run():
        while True:
            libvirt.virEventRunDefaultImpl()
    threading.Thread(target=run, daemon=True).start()


def idle(secs):
    event_loop()
    c = libvirt.open(URI)
    c.setKeepAlive(1, 2)
    time.sleep(secs)
    alive = c.isAlive()
    host = c.getHostname() if alive else None
    print('after %d idle s with keepalive: isAlive %d, %s' %
          (secs, alive, 'served' if host else 'not served'))


def dropped():
    event_loop()
    c = libvirt.open(URI)
    reasons = []
    c.registerCloseCallback(lambda conn, reason, opaque:
                            reasons.append(reason), None)
    before = c.isAlive()
    out = subprocess.run(['virt-admin', '-c', ADMURI, 'srv-clients-list',
                          'libvirtd'], capture_output=True, text=True,
                         timeout=30).stdout
    ids = [ln.split()[0] for ln in out.splitlines()
           if ln.strip()[:1].isdigit()]
    for cid in ids:
        subprocess.run(['virt-admin', '-c', ADMURI, 'client-disconnect',
                        'libvirtd', cid], capture_output=True, timeout=30)
    for _ in range(100):
        if not c.isAlive():
            break
        time.sleep(0.05)
    time.sleep(0.2)
    print('isAlive %d before, %d after the server dropped it; close '
          'callback reasons %s' % (before, c.isAlive(), reasons))


def err_of(fn):
    try:
        fn()
        return 'no error'
    except libvirt.libvirtError as e:
        return '%s/%s' % (e.get_error_code(), e.get_error_domain())


def errors():
    c = libvirt.open(URI)
    ro = libvirt.openReadOnly(ROURI)
    d = c.lookupByName('test')
    rod = ro.lookupByName('test')
    zero = '00000000-0000-0000-0000-000000000001'
    calls = [
        ('lookupByName nosuch', lambda: c.lookupByName('nosuch')),
        ('lookupByID 9999', lambda: c.lookupByID(9999)),
        ('lookupByUUIDString unknown', lambda: c.lookupByUUIDString(zero)),
        ('networkLookupByName nosuch', lambda: c.networkLookupByName('x')),
        ('networkLookupByUUIDString unknown',
         lambda: c.networkLookupByUUIDString(zero)),
        ('storagePoolLookupByName nosuch',
         lambda: c.storagePoolLookupByName('nosuch')),
        ('storageVolLookupByPath nosuch',
         lambda: c.storageVolLookupByPath('/nosuch')),
        ('storageVolLookupByKey nosuch',
         lambda: c.storageVolLookupByKey('nosuch')),
        ('interfaceLookupByName nosuch',
         lambda: c.interfaceLookupByName('nosuch')),
        ('interfaceLookupByMACString unknown',
         lambda: c.interfaceLookupByMACString('00:00:00:00:00:01')),
        ('getCPUModelNames nosuch', lambda: c.getCPUModelNames('nosuch')),
        ('nodeGetCellsFreeMemory cell 99',
         lambda: c.getCellsFreeMemory(99, 1)),
        ('getCPUStats cpu 9999', lambda: c.getCPUStats(9999)),
        ('getMemoryStats cell 99', lambda: c.getMemoryStats(99)),
        ('dom XMLDesc bad flags', lambda: d.XMLDesc(1 << 20)),
        ('dom blockStats nosuch', lambda: d.blockStats('nosuch')),
        ('dom interfaceStats nosuch', lambda: d.interfaceStats('nosuch')),
        ('dom metadata none', lambda: d.metadata(
            libvirt.VIR_DOMAIN_METADATA_ELEMENT, 'http://nosuch/')),
        ('dom metadata title', lambda: d.metadata(
            libvirt.VIR_DOMAIN_METADATA_TITLE, None)),
        ('dom state bad flags', lambda: d.state(1 << 20)),
        ('dom vcpusFlags bad flags', lambda: d.vcpusFlags(1 << 20)),
        ('dom memoryParameters bad flags',
         lambda: d.memoryParameters(1 << 20)),
        ('getSysinfo bad flags', lambda: c.getSysinfo(1)),
        ('read-only dom hostname', lambda: rod.hostname()),
        ('read-only dom XMLDesc secure',
         lambda: rod.XMLDesc(libvirt.VIR_DOMAIN_XML_SECURE)),
        ('read-only getDomainCapabilities',
         lambda: ro.getDomainCapabilities()),
        ('dom create when running', lambda: d.create()),
        ('dom resume when running', lambda: d.resume()),
        ('dom setMemory above max', lambda: d.setMemory(1 << 40)),
        ('dom setVcpus 64', lambda: d.setVcpus(64)),
        ('dom setVcpusFlags bad flags', lambda: d.setVcpusFlags(1, 1 << 20)),
        ('defineXML not XML', lambda: c.defineXML('not xml')),
        ('defineXML no name', lambda: c.defineXML(
            '<domain type="test"><memory>1024</memory></domain>')),
        ('createXML not XML', lambda: c.createXML('not xml', 0)),
        ('networkDefineXML not XML', lambda: c.networkDefineXML('x')),
        ('networkCreateXML not XML', lambda: c.networkCreateXML('x')),
        ('dom ioThreadInfo bad flags', lambda: d.ioThreadInfo(4)),
        ('dom ioThreadInfo live and config', lambda: d.ioThreadInfo(3)),
        ('dom addIOThread 0', lambda: d.addIOThread(0, 0)),
        ('dom addIOThread live and config', lambda: d.addIOThread(2, 3)),
        ('dom delIOThread 0', lambda: d.delIOThread(0, 0)),
        ('dom delIOThread unknown', lambda: d.delIOThread(9, 0)),
        ('dom pinIOThread unknown', lambda: d.pinIOThread(9, (True,), 0)),
        ('dom pinIOThread empty', lambda: d.pinIOThread(9, (False,), 0)),
        ('dom setIOThreadParams config', lambda: d.setIOThreadParams(
            9, {'poll_grow': 1}, libvirt.VIR_DOMAIN_AFFECT_CONFIG)),
        ('dom setIOThreadParams unknown', lambda: d.setIOThreadParams(
            9, {'poll_grow': 1}, 0)),
        ('dom setIOThreadParams none', lambda: d.setIOThreadParams(9, {}, 0)),
        ('read-only dom addIOThread', lambda: rod.addIOThread(9, 0)),
        ('read-only dom destroy', lambda: rod.destroy()),
        ('read-only dom suspend', lambda: rod.suspend()),
        ('read-only defineXML', lambda: ro.defineXML('<domain/>')),
        ('open test:///nosuch', lambda: libvirt.open(
            'test+unix:///nosuch?socket=%s/libvirt-sock' % SOCKDIR)),
    ]
    for name, fn in calls:
        print('%s: %s' % (name, err_of(fn)))


if __name__ == '__main__':
    args = [int(a) for a in sys.argv[3:]]
    {'cycles': cycles, 'threads': threads, 'idle': idle,
     'dropped': dropped, 'errors': errors}[MODE](*args)
    sys.stdout.flush()
    os._exit(0)             # the event loop thread never ends by itself
