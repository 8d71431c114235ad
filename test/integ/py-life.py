#!/usr/bin/python3
# py-life.py URI: domain and network lifecycle through python3-libvirt
# (issue 3): every API call with its result or error (code, domain,
# message), states and reasons after each step, then the lifecycle events
# three registrations received (callback API for all domains, callback API
# filtered on vm2, legacy API), with domain ids. Prints a transcript;
# t_python_life.sh compares it with the one libvirtd 9.0 printed
# (expected/py-life.txt). Run from the repository root.
import sys
import threading
import time

import libvirt

libvirt.registerErrorHandler(lambda *a: None, None)
libvirt.virEventRegisterDefaultImpl()
stop = False


def loop():
    while not stop:
        libvirt.virEventRunDefaultImpl()


threading.Thread(target=loop, daemon=True).start()
conn = libvirt.open(sys.argv[1])
events = {"all": [], "vm2": [], "legacy": []}


def on_event(c, dom, event, detail, key):
    events[key].append("%s id=%d %d/%d" % (dom.name(), dom.ID(), event,
                                            detail))


def run(what, fn, *args):
    try:
        r = fn(*args)
        if isinstance(r, libvirt.virDomain):
            r = "domain %s id=%d" % (r.name(), r.ID())
        elif isinstance(r, libvirt.virNetwork):
            r = "network %s" % r.name()
        print("%s -> %s" % (what, r))
    except libvirt.libvirtError as e:
        print("%s -> error %d/%d: %s" % (what, e.get_error_code(),
                                         e.get_error_domain(),
                                         e.get_error_message()))


def state(d):
    run("state", d.state)
    run("info[0:4]", lambda: d.info()[0:4])


xml2 = open("test/integ/cases/files/vm2.xml").read()
xml3 = open("test/integ/cases/files/vm3.xml").read()
conn.domainEventRegisterAny(None, libvirt.VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                            on_event, "all")
conn.domainEventRegister(lambda c, d, e, de, o: on_event(c, d, e, de,
                                                         "legacy"), None)

run("defineXML", conn.defineXML, xml2)
vm2 = conn.lookupByName("vm2")
conn.domainEventRegisterAny(vm2, libvirt.VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                            on_event, "vm2")
state(vm2)
run("create", vm2.create)
run("ID", vm2.ID)
state(vm2)
run("create again", vm2.create)
run("suspend", vm2.suspend)
state(vm2)
run("suspend again", vm2.suspend)
run("resume", vm2.resume)
state(vm2)
run("resume again", vm2.resume)
run("setMemoryFlags live", vm2.setMemoryFlags, 131072,
    libvirt.VIR_DOMAIN_AFFECT_LIVE)
run("setMemoryFlags too much", vm2.setMemoryFlags, 99999999, 0)
run("setMemoryFlags config", vm2.setMemoryFlags, 196608,
    libvirt.VIR_DOMAIN_AFFECT_CONFIG)
run("setMaxMemory", vm2.setMaxMemory, 600000)
run("setVcpusFlags 3", vm2.setVcpusFlags, 3, 0)
run("setVcpus 64", vm2.setVcpus, 64)
run("setVcpusFlags max config", vm2.setVcpusFlags, 6,
    libvirt.VIR_DOMAIN_AFFECT_CONFIG | libvirt.VIR_DOMAIN_VCPU_MAXIMUM)
run("vcpusFlags config max", vm2.vcpusFlags,
    libvirt.VIR_DOMAIN_AFFECT_CONFIG | libvirt.VIR_DOMAIN_VCPU_MAXIMUM)
run("setAutostart", vm2.setAutostart, 1)
run("autostart", vm2.autostart)
run("reboot", vm2.reboot, 0)
state(vm2)
run("shutdown", vm2.shutdown)
state(vm2)
run("destroy inactive", vm2.destroy)
run("createWithFlags paused", vm2.createWithFlags, 1)
run("createWithFlags", vm2.createWithFlags, 0)
run("ID", vm2.ID)
run("hasManagedSaveImage", vm2.hasManagedSaveImage, 0)
run("snapshotNum", vm2.snapshotNum, 0)
run("jobInfo", vm2.jobInfo)
run("undefineFlags running", vm2.undefineFlags, 0)
run("isPersistent", vm2.isPersistent)
run("destroyFlags", vm2.destroyFlags, 0)
run("lookupByName gone", conn.lookupByName, "vm2")
run("createXML", conn.createXML, xml3, 0)
vm3 = conn.lookupByName("vm3")
run("shutdown (on_poweroff restart)", vm3.shutdown)
state(vm3)
run("destroy", vm3.destroy)
run("createXML bad", conn.createXML, "<domain", 0)
run("defineXML no os", conn.defineXML,
    "<domain type='test'><name>x</name><memory>1</memory></domain>")

net = open("test/integ/cases/files/net1.xml").read()
run("networkDefineXML", conn.networkDefineXML, net)
n1 = conn.networkLookupByName("net1")
run("isActive", n1.isActive)
run("create", n1.create)
run("create again", n1.create)
run("setAutostart", n1.setAutostart, 1)
run("undefine running", n1.undefine)
run("destroy", n1.destroy)
run("isPersistent", n1.isPersistent)
run("undefine", n1.undefine)
run("networkCreateXML", conn.networkCreateXML,
    open("test/integ/cases/files/net2.xml").read())
run("destroy transient", conn.networkLookupByName("net2").destroy)
run("lookup gone", conn.networkLookupByName, "net2")

# sync: one more domain's events mark the end of the others
sync = conn.defineXML(open("test/integ/cases/files/sync.xml").read())
sync.undefine()
deadline = time.time() + 10
while time.time() < deadline and not (
        any(e.startswith("sync ") and e.endswith("1/0")
            for e in events["all"]) and
        any(e.startswith("sync ") and e.endswith("1/0")
            for e in events["legacy"])):
    time.sleep(0.05)
for key in ("all", "vm2", "legacy"):
    print("events %s:" % key)
    for e in events[key]:
        print("  " + e)
stop = True
conn.close()
