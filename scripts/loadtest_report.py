#!/usr/bin/env python3
"""loadtest_report.py RESULTS.jsonl OUTDIR NAME...

Reads the bench JSON lines written by loadtest.sh (each tagged with
"target" and "repeat"), takes the median over repeats of every
(target, mix, connections, pipeline) cell, and writes OUTDIR/report.md (a
Markdown table per mix: calls/s and p99 per server, ratios against the
first server, errors) and OUTDIR/chart.svg (per mix and pipeline depth:
throughput and p99 against connections, one line per server).
"""
import json
import math
import statistics
import sys
from collections import defaultdict

COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b"]


def load(path):
    cells = defaultdict(list)
    for line in open(path):
        line = line.strip()
        if not line:
            continue
        d = json.loads(line)
        key = (d["target"], d["mix"], d["connections_requested"],
               d["pipeline"])
        cells[key].append(d)
    return cells


def summarize(runs):
    ok = [r for r in runs if "failed" not in r]
    if not ok:
        return None
    return {
        "cps": statistics.median(r["calls_per_s"] for r in ok),
        "p50": statistics.median(r["p50_us"] for r in ok),
        "p99": statistics.median(r["p99_us"] for r in ok),
        "errors": sum(r["errors"] for r in ok),
        "failed": len(runs) - len(ok),
        "runs": len(runs),
    }


def fmt_num(v, digits=0):
    if v is None:
        return "-"
    return f"{v:,.{digits}f}"


def ratio(a, b):
    if a is None or b is None or b == 0:
        return "-"
    return f"{a / b:.2f}x"


def table(names, mixes, conns, depths, stats):
    out = []
    first = names[0]
    for mix in mixes:
        out.append(f"### mix `{mix}`\n")
        head = ["conns", "pipeline"]
        for n in names:
            head += [f"{n} calls/s", f"{n} p99 us"]
        for n in names[1:]:
            head += [f"{n}/{first} calls/s", f"{n}/{first} p99"]
        head.append("errors")
        out.append("| " + " | ".join(head) + " |")
        out.append("|" + "---:|" * len(head))
        for c in conns:
            for p in depths:
                row = [str(c), str(p)]
                errs = []
                for n in names:
                    s = stats.get((n, mix, c, p))
                    row += [fmt_num(s and s["cps"]), fmt_num(s and s["p99"], 1)]
                    errs.append("-" if not s else
                                str(s["errors"]) + (f" ({s['failed']} failed)"
                                                    if s["failed"] else ""))
                for n in names[1:]:
                    a, b = stats.get((n, mix, c, p)), stats.get((first, mix, c, p))
                    row.append(ratio(a and a["cps"], b and b["cps"]))
                    row.append(ratio(a and a["p99"], b and b["p99"]))
                row.append(" / ".join(errs))
                out.append("| " + " | ".join(row) + " |")
        out.append("")
    return "\n".join(out)


class Panel:
    """One chart: x = connection counts (log scale), y linear or log."""

    W, H, L, R, T, B = 420, 260, 70, 15, 30, 40

    def __init__(self, x0, y0, title, conns, values, logy):
        self.x0, self.y0, self.title = x0, y0, title
        self.conns, self.logy = conns, logy
        vals = [v for v in values if v and v > 0]
        hi = max(vals) if vals else 1.0
        lo = min(vals) if vals else 1.0
        if logy:
            self.lo = 10 ** math.floor(math.log10(lo))
            self.hi = 10 ** math.ceil(math.log10(hi))
            if self.hi <= self.lo:
                self.hi = self.lo * 10
        else:
            self.step = nice_step(hi * 1.05 if hi > 0 else 1.0)
            self.lo = 0.0
            self.hi = self.step * math.ceil(hi * 1.05 / self.step) \
                if hi > 0 else self.step

    def px(self, c):
        xs = [math.log2(max(1, v)) for v in self.conns]
        lo, hi = min(xs), max(xs)
        f = 0.5 if hi == lo else (math.log2(max(1, c)) - lo) / (hi - lo)
        return self.x0 + self.L + f * (self.W - self.L - self.R)

    def py(self, v):
        if self.logy:
            f = (math.log10(v) - math.log10(self.lo)) / \
                (math.log10(self.hi) - math.log10(self.lo))
        else:
            f = (v - self.lo) / (self.hi - self.lo)
        return self.y0 + self.H - self.B - f * (self.H - self.T - self.B)

    def yticks(self):
        if self.logy:
            e = int(round(math.log10(self.lo)))
            top = int(round(math.log10(self.hi)))
            return [10.0 ** k for k in range(e, top + 1)]
        n = int(round(self.hi / self.step))
        return [self.step * k for k in range(n + 1)]

    def frame(self):
        s = []
        x1, x2 = self.x0 + self.L, self.x0 + self.W - self.R
        y1, y2 = self.y0 + self.T, self.y0 + self.H - self.B
        s.append(f'<text x="{(x1 + x2) / 2}" y="{self.y0 + 18}" '
                 f'text-anchor="middle" font-weight="bold">{self.title}</text>')
        s.append(f'<rect x="{x1}" y="{y1}" width="{x2 - x1}" '
                 f'height="{y2 - y1}" fill="none" stroke="#888"/>')
        for c in self.conns:
            x = self.px(c)
            s.append(f'<text x="{x}" y="{y2 + 15}" text-anchor="middle">'
                     f'{c}</text>')
        s.append(f'<text x="{(x1 + x2) / 2}" y="{y2 + 32}" '
                 f'text-anchor="middle">connections</text>')
        for v in self.yticks():
            y = self.py(v)
            s.append(f'<line x1="{x1}" y1="{y}" x2="{x2}" y2="{y}" '
                     f'stroke="#ddd"/>')
            s.append(f'<text x="{x1 - 5}" y="{y + 4}" text-anchor="end">'
                     f'{short(v)}</text>')
        return s

    def line(self, points, color):
        pts = [(self.px(c), self.py(v)) for c, v in points if v and v > 0]
        if not pts:
            return []
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in pts)
        s = [f'<polyline points="{path}" fill="none" stroke="{color}" '
             f'stroke-width="2"/>']
        s += [f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{color}"/>'
              for x, y in pts]
        return s


def nice_step(hi):
    """A 1/2/5 x 10^k step giving at most 5 intervals up to hi."""
    base = 10 ** math.floor(math.log10(hi / 5))
    for m in (1, 2, 5, 10):
        if hi / (m * base) <= 5:
            return m * base
    return 10 * base


def short(v):
    for div, suf in ((1e9, "G"), (1e6, "M"), (1e3, "k")):
        if abs(v) >= div:
            return f"{v / div:g}{suf}"
    return f"{v:g}"


def chart(names, mixes, conns, depths, stats):
    rows = [(m, p) for m in mixes for p in depths]
    width = 2 * Panel.W + 20
    height = 40 + len(rows) * Panel.H
    s = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" '
         f'height="{height}" font-family="sans-serif" font-size="11">',
         f'<rect width="{width}" height="{height}" fill="white"/>']
    for i, n in enumerate(names):
        x = 20 + i * 140
        s.append(f'<rect x="{x}" y="12" width="14" height="4" '
                 f'fill="{COLORS[i % len(COLORS)]}"/>')
        s.append(f'<text x="{x + 20}" y="18">{n}</text>')
    for r, (mix, p) in enumerate(rows):
        y0 = 30 + r * Panel.H
        for col, (key, title, logy) in enumerate(
                (("cps", "calls/s", False), ("p99", "p99 latency (us)", True))):
            vals = [stats[k][key] for k in stats
                    if k[1] == mix and k[3] == p and stats[k]]
            panel = Panel(10 + col * (Panel.W + 10), y0,
                          f"{title} - mix {mix}, pipeline {p}", conns, vals,
                          logy)
            s += panel.frame()
            for i, n in enumerate(names):
                pts = [(c, (stats.get((n, mix, c, p)) or {}).get(key))
                       for c in conns]
                s += panel.line(pts, COLORS[i % len(COLORS)])
    s.append("</svg>")
    return "\n".join(s)


def main():
    if len(sys.argv) < 4:
        print(__doc__, file=sys.stderr)
        return 2
    path, outdir, names = sys.argv[1], sys.argv[2], sys.argv[3:]
    cells = load(path)
    stats = {k: summarize(v) for k, v in cells.items()}
    mixes = sorted({k[1] for k in cells}, key=lambda m: [k[1] for k in cells].index(m))
    conns = sorted({k[2] for k in cells})
    depths = sorted({k[3] for k in cells})
    reps = max((len(v) for v in cells.values()), default=0)
    md = [f"## Load test: {', '.join(names)}\n",
          f"Medians over up to {reps} interleaved runs per cell; ratios are "
          f"against `{names[0]}` (calls/s above 1 is faster, p99 below 1 is "
          f"better); errors are summed over the runs, per server.\n",
          table(names, mixes, conns, depths, stats)]
    with open(f"{outdir}/report.md", "w") as f:
        f.write("\n".join(md))
    with open(f"{outdir}/chart.svg", "w") as f:
        f.write(chart(names, mixes, conns, depths, stats))
    return 0


if __name__ == "__main__":
    sys.exit(main())
