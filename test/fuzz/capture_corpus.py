#!/usr/bin/python3
# capture_corpus.py SOCKDIR OUTDIR: seed corpora for the fuzz targets from
# real sessions. A logging proxy sits in front of the daemon whose sockets
# are in SOCKDIR (libvirtd or virtd); the real virsh and virt-admin run a
# list of commands through it, one session each. Written, one file per
# input (named by its SHA-1, as libFuzzer does):
#   OUTDIR/frame/  a session's whole client->server stream, prefixed by
#                  the socket byte fuzz_frame.c expects (0 rw, 1 ro)
#   OUTDIR/call/   every single frame, both directions
#   OUTDIR/xml/    the XML documents found in replies
# Usage: test/fuzz/capture_corpus.py /tmp/ref test/fuzz/corpus
import hashlib
import os
import select
import socket
import struct
import subprocess
import sys
import tempfile
import threading

SOCKDIR, OUT = sys.argv[1], sys.argv[2]

VIRSH = [
    'hostname', 'version --daemon', 'uri', 'nodeinfo', 'capabilities',
    'sysinfo', 'list --all', 'list --inactive', 'dominfo test',
    'domstate test --reason', 'dumpxml test', 'dumpxml --inactive test',
    'domid test', 'domuuid test', 'domname 1', 'schedinfo test',
    'memtune test', 'vcpucount test', 'domblkstat test vda',
    'domifstat test vnet0', 'dommemstat test', 'domhostname test',
    'net-list --all', 'net-info default', 'net-dumpxml default',
    'pool-list --all', 'pool-info default-pool', 'pool-dumpxml default-pool',
    'vol-list default-pool', 'iface-list --all', 'iface-dumpxml eth1',
    'nodecpustats', 'nodememstats', 'freecell --all',
    'cpu-models x86_64', 'domcapabilities', 'dominfo nosuch',
    'event --all --timeout 1', 'metadata test http://example.org/',
    'vcpuinfo test', 'vcpupin test', 'emulatorpin test', 'nodecpumap',
    'domblkerror test', 'domfsinfo test', 'domstats', 'domstats test',
    'domtime test', 'domcontrol test', 'domblkinfo test vda',
    'numatune test', 'blkiotune test', 'dommemstat test --period 5',
    'snapshot-create-as test s1 first', 'snapshot-list test --tree',
    'snapshot-current test', 'snapshot-create-as test s2 --halt',
    'snapshot-create-as test s3 --memspec file=/m.img', 'iothreadinfo test',
]
# A lifecycle session: %(dom)s, %(net)s and %(bad)s are files with the
# definitions below.
LIFE = [
    'define %(dom)s', 'start fz1', 'suspend fz1', 'resume fz1',
    'iothreadadd fz1 3', 'iothreadpin fz1 3 0', 'iothreadset fz1 3 --poll-grow 2',
    'iothreadinfo fz1', 'domstats --iothread fz1', 'iothreaddel fz1 3',
    'setmem fz1 200000', 'setvcpus fz1 1', 'domstate fz1', 'reboot fz1',
    'shutdown fz1', 'start fz1', 'destroy fz1', 'autostart fz1',
    'undefine fz1', 'create %(dom)s', 'destroy fz1', 'define %(bad)s',
    'net-define %(net)s', 'net-start fznet', 'net-autostart fznet',
    'net-destroy fznet', 'net-undefine fznet', 'net-create %(net)s',
    'net-destroy fznet',
]
DOM_XML = """<domain type='test'>
  <name>fz1</name>
  <uuid>9f1c4a2e-0b7d-4e58-8a3c-5d6e7f809a1b</uuid>
  <memory unit='KiB'>262144</memory>
  <currentMemory unit='KiB'>262144</currentMemory>
  <vcpu placement='static'>2</vcpu>
  <os><type arch='x86_64'>hvm</type><boot dev='hd'/></os>
  <on_reboot>restart</on_reboot>
  <devices>
    <disk type='file' device='disk'>
      <source file='/var/lib/fz1.img'/><target dev='vda' bus='virtio'/>
    </disk>
    <interface type='network'><source network='default'/></interface>
  </devices>
</domain>
"""
NET_XML = """<network>
  <name>fznet</name>
  <bridge name='fzbr0'/>
  <forward mode='nat'/>
  <ip address='192.168.150.1' netmask='255.255.255.0'>
    <dhcp><range start='192.168.150.2' end='192.168.150.254'/></dhcp>
  </ip>
</network>
"""
RO = ['list --all', 'dominfo test', 'dumpxml test', 'domhostname test',
      'net-list --all']
ADMIN = ['srv-list', 'srv-threadpool-info libvirtd', 'srv-clients-info libvirtd',
         'srv-clients-list libvirtd', 'daemon-log-filters',
         'daemon-log-outputs', 'srv-threadpool-info nosuch', 'version']


def save(kind, data):
    d = os.path.join(OUT, kind)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, hashlib.sha1(data).hexdigest()), 'wb') as f:
        f.write(data)


def frames(stream):
    while len(stream) >= 4:
        (n,) = struct.unpack('>I', stream[:4])
        if n < 28 or n > len(stream):
            return
        yield stream[:n]
        stream = stream[n:]


def proxy_session(listener, target, prefix):
    """Accept one client, relay both ways until either side closes."""
    cli, _ = listener.accept()
    srv = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    srv.connect(target)
    up, down = b'', b''
    socks = [cli, srv]
    while socks == [cli, srv]:
        r, _, _ = select.select(socks, [], [], 30)
        if not r:
            break
        for s in r:
            data = s.recv(1 << 20)
            if not data:
                socks = []
                break
            (srv if s is cli else cli).sendall(data)
            if s is cli:
                up += data
            else:
                down += data
    cli.close()
    srv.close()
    if prefix is not None:
        save('frame', bytes([prefix]) + up)
    for f in list(frames(up)) + list(frames(down)):
        save('call', f)
        i = f.find(b'<')
        if i >= 0 and b'</' in f[i:]:
            save('xml', f[i:f.rfind(b'>') + 1])


def run(tool, uri_fmt, sockname, cmds, prefix):
    tmp = tempfile.mkdtemp()
    path = os.path.join(tmp, 'proxy.sock')
    for cmd in cmds:
        lst = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        lst.bind(path)
        lst.listen(1)
        t = threading.Thread(target=proxy_session, args=(
            lst, os.path.join(SOCKDIR, sockname), prefix))
        t.start()
        args = cmd if isinstance(cmd, list) else cmd.split()
        subprocess.run(tool + ['-c', uri_fmt % path] + args,
                       capture_output=True, timeout=60)
        t.join(60)
        lst.close()
        os.unlink(path)
    os.rmdir(tmp)


run(['virsh'], 'test+unix:///default?socket=%s', 'libvirt-sock', VIRSH, 0)
files = {}
for name, text in (('dom', DOM_XML), ('net', NET_XML),
                   ('bad', DOM_XML.replace('</name>', '</nme>'))):
    fd, files[name] = tempfile.mkstemp(suffix='.xml')
    os.write(fd, text.encode())
    os.close(fd)
    save('xml', text.encode())
# one session: test:///default forgets its changes when the last client
# of the URI leaves
run(['virsh'], 'test+unix:///default?socket=%s', 'libvirt-sock',
    [[' ; '.join(c % files for c in LIFE)]], 0)
for path in files.values():
    os.unlink(path)
run(['virsh', '-r'], 'test+unix:///default?socket=%s', 'libvirt-sock-ro',
    RO, 1)
run(['virt-admin'], 'libvirtd:///system?socket=%s', 'libvirt-admin-sock',
    ADMIN, None)
for kind in ('frame', 'call', 'xml'):
    print('%s: %d inputs' % (kind, len(os.listdir(os.path.join(OUT, kind)))))
