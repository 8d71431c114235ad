#!/usr/bin/env python3
"""bench_vs_report.py: the record keeping and the report of
bench-vs-libvirtd.sh (standard library only).

  record BENCH_JSON|- KEY=VALUE...   print one results line (JSON): the
                                     bench report (its last line) with the
                                     samples turned into per-call figures,
                                     or (-) the values alone
  show RESULTS                       one console line for the last result
  steal-over ATTEMPTS MAX            exit 0 when the last attempt's steal
                                     is above MAX (MAX 0: never)
  keep ATTEMPTS LATE                 the attempts of one run, each marked
                                     kept or not (the least steal kept);
                                     LATE 1: a repeat did not fit in time
  report RESULTS OUTDIR              OUTDIR/report.md and OUTDIR/chart.svg

Results lines carry "target" (virtd, libvirtd) and "measure": load (a
bench run: calls/s, p99, server CPU and context switches per call),
syscalls (a bench run with the system calls counted), rss (RSS with n1
and n2 idle connections), concurrent (clients held at once) or config
(target "all": --idle, the RSS steps and --max-steal, so that the table
is whole even when --max-time left measurements out). "steal" is the CPU
time the hypervisor gave to others over the measured part, a fraction of
all the machine's CPUs. A load run made again for steal has a line per
attempt ("attempt" 1..3, "attempts", "kept"); only the kept line counts
in the table.
"""
import json
import math
import os
import statistics
import sys
from collections import defaultdict

HZ = os.sysconf("SC_CLK_TCK")
LOADS = [("libversion16x1", "16 x 1, libversion"),
         ("info16x1", "16 x 1, info"),
         ("libversion16x5", "16 x 5, libversion")]


# -- record ---------------------------------------------------------------

def bench_json(path):
    """The last line of a bench --json report, or a failure record."""
    try:
        with open(path) as f:
            return json.loads(f.read().strip().splitlines()[-1])
    except (OSError, ValueError, IndexError):
        return {"failed": "bench produced no report"}


def num(v):
    try:
        return float(v)
    except (TypeError, ValueError):
        return None


def per_call(count, d, secs):
    """count per call, with the calls over secs from the bench's rate."""
    calls = (d.get("calls_per_s") or 0) * secs
    if count is None or calls <= 0:
        return None
    return count / calls


def steal_of(a, win):
    """Steal ticks over win seconds as a fraction of all the CPUs."""
    ticks, ncpu = num(a.get("steal")), num(a.get("ncpu"))
    if ticks is None or not ncpu or win <= 0:
        return None
    return round(max(ticks, 0) / (HZ * win * ncpu), 4)


def record_load(d, a):
    t0, t1 = (float(x) for x in a["window"].split(":"))
    win = t1 - t0
    cpu, ctx = num(a["cpu"]), num(a["ctx"])
    d["window_s"] = round(win, 3)
    d["srv_cpu_us_per_call"] = per_call(cpu / HZ * 1e6, d, win)
    d["ctx_per_call"] = per_call(ctx, d, win)
    d["srv_cpus"] = cpu / HZ / win if win > 0 else None
    # ticks are sampled: a tiny negative remainder is rounding
    d["other_cpus"] = (max(num(a["busy"]) - cpu - num(a["bench_cpu"]), 0) /
                       HZ / win if win > 0 else None)
    d["steal"] = steal_of(a, win)


def record_syscalls(d, a):
    win = float(a["window"].split(":")[1])
    d["syscalls_per_call"] = per_call(num(a.get("syscalls")), d, win)
    d["tool"] = a.get("tool")
    d["steal"] = steal_of(a, win)


def runs_of(path, target, load):
    out = []
    with open(path) as f:
        for line in f:
            r = json.loads(line)
            if r.get("target") == target and r.get("load") == load:
                out.append(r)
    return out


def record_concurrent(d, a):
    """The idle holder's report (d) with the active runs made meanwhile."""
    active = [r.get("connections", 0)
              for r in runs_of(a["results"], a["target"], "idle16x1")]
    idle = int(a["idle_held"])
    d["idle_held"] = idle
    d["active"] = min(active) if active else 0
    d["held"] = idle + d["active"]
    d["lost"] = d.get("conn_lost")
    d["wanted"] = int(a["wanted"])


def record(argv):
    d = bench_json(argv[0]) if argv[0] != "-" else {}
    a = dict(x.split("=", 1) for x in argv[1:])
    if a["measure"] == "concurrent":
        record_concurrent(d, a)
    elif "failed" not in d:
        {"load": record_load, "syscalls": record_syscalls}.get(
            a["measure"], lambda d, a: None)(d, a)
    for k in ("target", "measure", "load", "repeat", "attempt"):
        if k in a:
            d[k] = int(a[k]) if k in ("repeat", "attempt") else a[k]
    if a["measure"] in ("rss", "config"):
        d.update({k: int(v) if v.isdigit() else num(v)
                  for k, v in a.items() if k not in ("target", "measure")})
    print(json.dumps(d))


# -- repeats for steal ------------------------------------------------------

def read_lines(path):
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


def steal_over(path, limit):
    """Exit status 0 when the last attempt's steal is above limit."""
    last = read_lines(path)[-1]
    st = last.get("steal")
    sys.exit(0 if limit > 0 and st is not None and st > limit else 1)


def keep(path, late):
    """Print the attempts of one run, the best marked kept: a run that
    worked before one that failed, then the least steal."""
    runs = read_lines(path)
    best = min(range(len(runs)), key=lambda i: (
        "failed" in runs[i], bool(runs[i].get("errors")),
        runs[i].get("steal") if runs[i].get("steal") is not None else 1.0))
    for i, d in enumerate(runs):
        d["attempts"] = len(runs)
        d["kept"] = i == best
        if late:
            d["steal_repeat_late"] = True
        print(json.dumps(d))
    if len(runs) > 1:
        st = runs[best].get("steal")
        print("  %s %s: attempt %d of %d kept (steal %s)" % (
            runs[best].get("target"), runs[best].get("load"), best + 1,
            len(runs), pct(st)), file=sys.stderr)


# -- show -----------------------------------------------------------------

def show(path):
    with open(path) as f:
        d = json.loads(f.read().strip().splitlines()[-1])
    head = "  %-8s %-15s" % (d.get("target"), d.get("load", d["measure"]))
    m = d["measure"]
    if "failed" in d:
        print(head, "FAILED:", d["failed"])
    elif m == "load":
        print(head, "%8.0f calls/s  p99 %6.0f us  cpu %5.1f us/call  "
              "ctx %4.2f/call  other cpu %4.2f  steal %s  errors %d%s" % (
                  d["calls_per_s"], d["p99_us"],
                  d["srv_cpu_us_per_call"] or 0, d["ctx_per_call"] or 0,
                  d["other_cpus"] or 0, pct(d.get("steal")), d["errors"],
                  "  (attempt %d)" % d["attempt"]
                  if d.get("attempt", 1) > 1 else ""))
    elif m == "syscalls":
        print(head, "%8.0f calls/s  %s syscalls/call (%s)" % (
            d["calls_per_s"], fmt(d["syscalls_per_call"]), d["tool"]))
    elif m == "rss":
        print(head, "RSS %d KiB; %d held: %d KiB; %d held: %d KiB" % (
            d["rss0_kib"], d["n1"], d["rss1_kib"], d["n2"], d["rss2_kib"]))
    else:
        print(head, "%d idle + %d active of %d clients held, %s lost" % (
            d["idle_held"], d["active"], d["wanted"], d["lost"]))


# -- the figures ----------------------------------------------------------

def pct(v):
    return "-" if v is None else "%.1f%%" % (v * 100)


def fmt(v, unit=""):
    if v is None:
        return "-"
    if unit == "calls":
        return "%.1fk" % (v / 1000) if v >= 10000 else "%.0f" % v
    if unit == "us":
        return "%.1f us" % v if v < 100 else "%.0f us" % v
    if unit == "B":
        return "%.0f B" % v
    if unit == "x":
        return "%.2fx" % v
    if unit == "n":
        return "%d" % v
    return "%.2f" % v if v < 100 else "%.0f" % v


def values(runs, target, measure, load, key):
    """The key's values over the repeats, in repeat order."""
    rs = sorted(runs.get((target, measure, load), []),
                key=lambda r: r.get("repeat", 0))
    return [r[key] for r in rs if "failed" not in r and
            r.get(key) is not None]


class Row:
    """One figure. vals: per server, the values over the repeats (the
    median is shown, with min..max when there are several); higher: a
    bigger value is better; target: ("ratio", k): virtd at least k times
    libvirtd; ("min", v) / ("max", v): virtd's value itself."""

    def __init__(self, figure, vals, unit, higher, target):
        self.figure, self.vals, self.unit = figure, vals, unit
        self.higher, self.target = higher, target

    def med(self, t):
        v = self.vals.get(t) or []
        return statistics.median(v) if v else None

    def cell(self, t):
        v = self.vals.get(t) or []
        text = fmt(self.med(t), self.unit)
        if len(v) > 1:
            text += " (%s..%s)" % (fmt(min(v), self.unit),
                                   fmt(max(v), self.unit))
        return text

    def ratio(self, other="libvirtd"):
        lv, vv = self.med(other), self.med("virtd")
        return vv / lv if lv and vv is not None else None

    def ratio_cell(self, other="libvirtd"):
        r = self.ratio(other)
        if r is None:
            return "-"
        pairs = [v / lv for v, lv in zip(self.vals.get("virtd", []),
                                         self.vals.get(other, [])) if lv]
        text = "%.2fx" % r
        if len(pairs) > 1:
            text += " (%.2f..%.2f)" % (min(pairs), max(pairs))
        return text

    def met(self):
        kind, v = self.target
        if kind == "ratio":
            r = self.ratio()
            return None if r is None else r >= v
        vv = self.med("virtd")
        if vv is None:
            return None
        return vv >= v if kind == "min" else vv <= v

    def target_text(self):
        kind, v = self.target
        if kind == "ratio":
            return ">= %gx libvirtd" % v
        return "%s %s" % (">=" if kind == "min" else "<=", fmt(v, self.unit))

    def bar(self):
        """(value, target mark) for the chart: virtd/libvirtd, or
        virtd/target without libvirtd; None when neither is known."""
        kind, v = self.target
        r, lv, vv = self.ratio(), self.med("libvirtd"), self.med("virtd")
        if r is not None:
            return r, (v if kind == "ratio" else v / lv if lv else None)
        if kind != "ratio" and vv is not None and v:
            return vv / v, 1.0
        return None


def per_load_rows(runs, servers, measure, key, what, unit, target):
    return [Row("%s, %s" % (what, label),
                {t: values(runs, t, measure, load, key) for t in servers},
                unit, False, target) for load, label in LOADS]


# The scale rows: the trivial responder next to virtd, no targets.
SCALE_LOADS = [LOADS[0], LOADS[2]]
SCALE_FIGURES = [("calls/s", "calls_per_s", "calls", True),
                 ("p99 latency", "p99_us", "us", False),
                 ("server CPU per call", "srv_cpu_us_per_call", "us", False)]


def scale_rows(runs):
    return [Row("%s, %s" % (what, label),
                {t: values(runs, t, "load", load, key)
                 for t in ("responder", "virtd")}, unit, higher, None)
            for what, key, unit, higher in SCALE_FIGURES
            for load, label in SCALE_LOADS]


def scale_table(runs):
    out = ["Scale, same rounds, no targets: test/bench/trivial_responder "
           "(one thread, one epoll, every call answered at once: about the "
           "least a server of this protocol can do per call).", "",
           "| scale figure | trivial responder | virtd | "
           "virtd / responder |", "|---|---|---|---|"]
    for r in scale_rows(runs):
        out.append("| %s | %s | %s | %s |" % (
            r.figure, r.cell("responder"), r.cell("virtd"),
            r.ratio_cell("responder")))
    return out


def scale_note(runs):
    """virtd's CPU per call next to the responder's."""
    parts = []
    for r in scale_rows(runs)[-len(SCALE_LOADS):]:
        if r.med("responder") is None or r.med("virtd") is None:
            continue
        parts.append("%s: virtd %s, responder %s (%s)" % (
            r.figure.split(", ", 1)[1], fmt(r.med("virtd"), "us"),
            fmt(r.med("responder"), "us"), fmt(r.ratio("responder"), "x")))
    return ["- Server CPU per call against the trivial responder's "
            "(medians): %s." % ("; ".join(parts) or "- (not measured)")]


def rss_per_conn(runs, t):
    out = []
    for d in runs.get((t, "rss", None), []):
        if d["n2"] > d["n1"]:
            out.append((d["rss2_kib"] - d["rss1_kib"]) * 1024.0 /
                       (d["n2"] - d["n1"]))
    return out


def idle_effect(runs, t):
    a = values(runs, t, "load", "idle16x1", "calls_per_s")
    b = values(runs, t, "load", "noidle16x1", "calls_per_s")
    return [statistics.median(a) / statistics.median(b)] if a and b else []


def rows(runs):
    S = ("libvirtd", "virtd")
    out = []
    for (load, label), tgt in zip(LOADS, [("ratio", 5), ("ratio", 5),
                                          ("min", 500000)]):
        out.append(Row("calls/s, " + label,
                       {t: values(runs, t, "load", load, "calls_per_s")
                        for t in S}, "calls", True, tgt))
    for load, label in LOADS[:2]:
        out.append(Row("p99 latency, " + label,
                       {t: values(runs, t, "load", load, "p99_us")
                        for t in S}, "us", False, ("max", 250)))
    out += per_load_rows(runs, S, "load", "srv_cpu_us_per_call",
                         "server CPU per call", "us", ("max", 6))
    out += per_load_rows(runs, S, "syscalls", "syscalls_per_call",
                         "system calls per call", "", ("max", 3))
    out += per_load_rows(runs, S, "load", "ctx_per_call",
                         "context switches per call", "", ("max", 1))
    cfg = (runs.get(("all", "config", None)) or [{}])[0]
    want, n1 = cfg.get("idle", 0), cfg.get("rss_n1", 0)
    out.append(Row("RSS per idle connection (%d -> %d held)" % (
        n1, n1 + cfg.get("rss_step", 0)),
        {t: rss_per_conn(runs, t) for t in S}, "B", False, ("max", 512)))
    conc = {t: runs.get((t, "concurrent", None), []) for t in S}
    out.append(Row("16 x 1 calls/s with %d idle connections held, "
                   "x of without" % max(want - 16, 0),
                   {t: idle_effect(runs, t) for t in S}, "x", True,
                   ("min", 0.9)))
    out.append(Row("concurrent clients, none lost (max_clients = %d)" % want,
                   {t: [d["held"] for d in conc[t] if d.get("lost") == 0]
                    for t in S}, "n", True, ("min", want)))
    return out


# -- report ---------------------------------------------------------------

def load_runs(path):
    """The results by (target, measure, load), attempts not kept left
    out."""
    runs = defaultdict(list)
    for d in read_lines(path):
        if d.get("kept", True):
            runs[(d["target"], d["measure"], d.get("load"))].append(d)
    return runs


def steal_per_server(allr):
    per = []
    for t in ("virtd", "libvirtd", "responder"):
        st = [d["steal"] for d in allr if d.get("target") == t and
              d.get("steal") is not None]
        if st:
            per.append("%s median %s, max %s" % (
                t, pct(statistics.median(st)), pct(max(st))))
    return per


def steal_repeats(loads, path, limit):
    """The line on the runs made again for steal (loads: the kept ones)."""
    first = [d for d in read_lines(path) if d.get("measure") == "load" and
             d.get("attempt", 1) == 1]
    if not limit:
        return "- Runs repeated for steal: none (--max-steal 0)."
    again = [d for d in loads if d.get("attempts", 1) > 1]
    still = [d for d in loads if (d.get("steal") or 0) > limit]
    late = [d for d in loads if d.get("steal_repeat_late")]
    line = ("- Runs repeated for steal above %g%%: %d of %d measured runs "
            "(%d more attempts, all in results.jsonl; the least steal "
            "kept); kept runs still above it: %d" % (
                limit * 100, len(again), len(first),
                sum(d["attempts"] - 1 for d in again), len(still)))
    if late:
        line += " (%d not repeated as often as wanted: --max-time)" % \
            len(late)
    line += "."
    if again:
        line += " Steal of the repeated runs' kept attempts: %s." % \
            ", ".join("%s %s repeat %d: %s" % (
                d["target"], d["load"], d.get("repeat", 1), pct(d["steal"]))
                for d in again)
    return line


def steal_notes(runs, path):
    """Steal per server over the kept runs, and the repeats it caused."""
    allr = [d for v in runs.values() for d in v]
    limit = ((runs.get(("all", "config", None)) or [{}])[0]
             .get("max_steal"))
    per = steal_per_server(allr)
    if not per:
        return []
    return ["- Steal (CPU time the hypervisor gave to others, share of "
            "all CPUs) during the measured runs kept: %s." % "; ".join(per),
            steal_repeats([d for d in allr if d.get("measure") == "load"],
                          path, limit)]


def notes(runs, path):
    allr = [d for v in runs.values() for d in v]
    other = [d["other_cpus"] for d in allr if d.get("other_cpus") is not None]
    lines = []
    if other:
        lines.append("- Other processes on the machine used a median of "
                     "%.2f CPUs (max %.2f) during the measured runs." %
                     (statistics.median(other), max(other)))
    lines += steal_notes(runs, path)
    lines += scale_note(runs)
    bad = [d for d in read_lines(path) if "failed" in d or d.get("errors")]
    lines.append("- Runs failed or with errors (every attempt): %d%s." % (
        len(bad), "".join("; %s %s: %s" % (d["target"], d.get("load"),
                                           d.get("failed") or
                                           d.get("first_error"))
                          for d in bad[:3])))
    tools = sorted({d["tool"] for d in allr if d.get("tool")})
    lines.append("- System calls counted with: %s, in a run of their own "
                 "per load and server." % (", ".join(tools) or "-"))
    for t in ("virtd", "libvirtd"):
        for d in runs.get((t, "concurrent", None), []):
            lines.append("- %s: %d idle + %d active connections of %d "
                         "wanted; %s idle ones lost." % (
                             t, d["idle_held"], d["active"], d["wanted"],
                             d["lost"]))
    lines.append("- Cells: median over the repeats (min..max); ratio: "
                 "virtd/libvirtd (virtd/responder) of the medians (min..max "
                 "of the per-repeat ratios).")
    return lines


def write_report(rws, runs, outdir, path):
    def read(name):
        p = os.path.join(outdir, name)
        return open(p).read().splitlines() if os.path.exists(p) else []

    out = ["# virtd against libvirtd 9.0 (test driver), same run", ""]
    out += ["- %s" % line for line in read("meta.txt")]
    out += ["", "| figure | libvirtd 9.0 | virtd | virtd / libvirtd | "
            "target | met |", "|---|---|---|---|---|---|"]
    for r in rws:
        met = r.met()
        out.append("| %s | %s | %s | %s | %s | %s |" % (
            r.figure, r.cell("libvirtd"), r.cell("virtd"), r.ratio_cell(),
            r.target_text(), "-" if met is None else
            "met" if met else "**not met**"))
    out += [""] + scale_table(runs)
    out += [""] + notes(runs, path)
    out += ["", "Commands (DIR: a temporary directory, SOCK: its "
            "libvirt-sock):", "", "```"] + read("commands.txt") + ["```"]
    with open(os.path.join(outdir, "report.md"), "w") as f:
        f.write("\n".join(out) + "\n")


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def write_chart(rws, outdir, with_ref):
    items = [(r, r.bar()) for r in rws if r.bar()]
    w, left, rowh, top = 960, 470, 26, 50
    h = top + rowh * max(len(items), 1) + 50
    lo, hi = 0.01, 100.0

    def x(v):
        v = min(max(v, lo), hi)
        return left + (w - left - 60) * math.log10(v / lo) / \
            math.log10(hi / lo)

    title = ("virtd / libvirtd 9.0, same run (log scale; "
             "| = target; green: met)" if with_ref else
             "virtd / target, no libvirtd in this run (log scale; "
             "| = target; green: met)")
    s = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" '
         'font-family="sans-serif" font-size="12">' % (w, h),
         '<rect width="100%" height="100%" fill="white"/>',
         '<text x="10" y="22" font-size="15">%s</text>' % esc(title)]
    for v in (0.01, 0.1, 1, 10, 100):
        s.append('<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#ccc"/>'
                 % (x(v), top - 5, x(v), h - 40))
        s.append('<text x="%.1f" y="%d" text-anchor="middle">%gx</text>'
                 % (x(v), h - 25, v))
    for n, (r, (val, mark)) in enumerate(items):
        y = top + n * rowh
        met = r.met()
        color = "#999" if met is None else "#2ca02c" if met else "#d62728"
        x0, x1 = sorted((x(1), x(val)))
        label = "%s (%s better)" % (r.figure, "higher" if r.higher
                                    else "lower")
        s.append('<text x="%d" y="%d" text-anchor="end">%s</text>'
                 % (left - 8, y + 15, esc(label)))
        s.append('<rect x="%.1f" y="%d" width="%.1f" height="16" '
                 'fill="%s"/>' % (x0, y + 3, max(x1 - x0, 3), color))
        s.append('<text x="%.1f" y="%d">%.2fx</text>'
                 % (max(x(val), x(1), x(mark or lo)) + 6, y + 15, val))
        if mark:
            s.append('<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" '
                     'stroke="black" stroke-width="2"/>'
                     % (x(mark), y + 1, x(mark), y + 21))
    if not items:
        s.append('<text x="10" y="%d">no figures</text>' % (top + 15))
    s.append("</svg>")
    with open(os.path.join(outdir, "chart.svg"), "w") as f:
        f.write("\n".join(s) + "\n")


def main():
    cmd, args = (sys.argv[1], sys.argv[2:]) if len(sys.argv) > 2 else \
        (None, [])
    if cmd == "record" and len(args) >= 2:
        record(args)
    elif cmd == "show" and len(args) == 1:
        show(args[0])
    elif cmd == "steal-over" and len(args) == 2:
        steal_over(args[0], float(args[1]))
    elif cmd == "keep" and len(args) == 2:
        keep(args[0], args[1] == "1")
    elif cmd == "report" and len(args) == 2:
        runs = load_runs(args[0])
        rws = rows(runs)
        write_report(rws, runs, args[1], args[0])
        write_chart(rws, args[1], any(t == "libvirtd" for t, _, _ in runs))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
