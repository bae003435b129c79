"""The profile as one self-contained HTML page (inline SVG, no scripts, no network).

Charts: instructions per layer (one bar per build), the arena timeline (each
buffer over the layers it is alive at, at its offset: the memory plan as a
picture) and, with calibration data, the per-layer int8-vs-float error of
`nnom report`.
"""

from __future__ import annotations

import math
from html import escape
from pathlib import Path

from ..version import __version__
from .result import Profile
from .svg import BarRow, arena_timeline, hbar_chart
from .text import ESTIMATE_NOTE, millis

STYLE = """
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #222;
       margin: 24px auto; max-width: 1000px; padding: 0 16px; }
h1 { font-size: 22px; margin-bottom: 2px; } h2 { font-size: 17px; margin-top: 28px; }
.sub, .note { color: #666; } .note { font-size: 12px; }
table { border-collapse: collapse; font-size: 12.5px; margin: 8px 0; }
th, td { padding: 3px 8px; border-bottom: 1px solid #e3e3e3; text-align: left; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
td.shape { white-space: nowrap; }
tr.total td { font-weight: 600; border-top: 1px solid #999; }
svg text { font-family: system-ui, sans-serif; fill: #222; }
"""


def _fmt(v: float) -> str:
    return f"{round(v):,}"


def _label(index: int, name: str, kind: str) -> str:
    short = name if len(name) <= 26 else name[:23] + "..."
    return f"#{index} {short} ({kind})"


def _totals_table(profiles: list[Profile], mhz: float) -> str:
    head = "".join(f'<th class="n">{escape(p.label)}</th>' for p in profiles)
    rows = [
        ("instructions / inference", [_fmt(p.total_instructions) for p in profiles]),
        (
            "instructions / MAC",
            [f"{p.total_instructions / p.macs:.2f}" if p.macs else "-" for p in profiles],
        ),
        (f"time at {mhz:g} MHz (estimate)", [millis(p.total_instructions, mhz) for p in profiles]),
        ("arena", [f"{p.arena_bytes:,} B" for p in profiles]),
        ("RAM (no stack)", [f"{p.ram_bytes:,} B" for p in profiles]),
        ("stack (deepest run)", [f"{p.stack_bytes:,} B" for p in profiles]),
        ("runtime code", [f"{p.code_bytes:,} B" for p in profiles]),
        ("model in flash", [f"{p.weight_bytes:,} B" for p in profiles]),
    ]
    body = "".join(
        f"<tr><td>{escape(name)}</td>"
        + "".join(f'<td class="n">{escape(v)}</td>' for v in values)
        + "</tr>"
        for name, values in rows
    )
    return f"<table><tr><th></th>{head}</tr>{body}</table>"


def _time_chart(profiles: list[Profile]) -> str:
    base = profiles[0]
    rows = []
    for k, layer in enumerate(base.layers):
        vals = [p.layers[k].instructions for p in profiles]
        texts = [
            f"{_fmt(v)} ({100 * v / p.total_instructions:.1f}%)" for v, p in zip(vals, profiles)
        ]
        rows.append(BarRow(_label(layer.index, layer.name, layer.kind), vals, texts))
    fw = [p.framework_instructions for p in profiles]
    rows.append(BarRow("framework (model_run)", fw, [_fmt(v) for v in fw]))
    return hbar_chart(rows, [p.label for p in profiles])


def _timelines(profiles: list[Profile]) -> str:
    """One timeline per distinct arena layout."""
    seen: dict[tuple, list[str]] = {}
    charts: dict[tuple, Profile] = {}
    for p in profiles:
        key = tuple((b.layer, b.kind, b.offset, b.size, b.first, b.last) for b in p.buffers()) + (
            p.arena_bytes,
        )
        seen.setdefault(key, []).append(p.label)
        charts.setdefault(key, p)
    out = []
    for key, p in charts.items():
        names = {layer.index: layer.name for layer in p.layers}
        builds = ", ".join(seen[key])
        out.append(
            f"<h3>{escape(builds)}: arena {p.arena_bytes:,} B</h3>"
            + arena_timeline(p.buffers(), len(p.layers), p.arena_bytes, names)
        )
    return "\n".join(out)


def _error_chart(errors) -> str:
    finite = [r.snr_db for r in errors if math.isfinite(r.snr_db)]
    cap = (max(finite) if finite else 60.0) + 10.0
    rows = []
    for r in errors:
        lsb = r.max_abs / r.scale if r.scale else 0.0
        if r.snr_db == math.inf:
            value, text = cap, "exact"
        elif r.snr_db == -math.inf:
            value, text = 0.0, "no signal"
        else:
            value, text = max(0.0, r.snr_db), f"{r.snr_db:.1f} dB, max |err| {lsb:.1f} LSB"
        tip = f"#{r.index} {r.keras}"
        rows.append(BarRow(_label(r.index, r.keras, r.op), [value], [text], tip))
    return hbar_chart(rows, ["SNR dB"])


def _layer_table(profiles: list[Profile]) -> str:
    """Every layer; with one build also instr/MAC, share and the arena columns."""
    base = profiles[0]
    one = len(profiles) == 1
    builds = "".join(f'<th class="n">{escape(p.label)}</th>' for p in profiles)
    more = '<th class="n">instr/MAC</th><th class="n">share</th>' if one else ""
    more += '<th class="n">arena out</th><th class="n">scratch</th>' if one else ""
    head = (
        "<tr><th>#</th><th>layer</th><th>kind</th><th>output shape</th>"
        f'<th class="n">MACs</th>{builds}{more}</tr>'
    )
    body = []
    for k, layer in enumerate(base.layers):
        cells = "".join(f'<td class="n">{_fmt(p.layers[k].instructions)}</td>' for p in profiles)
        if one:
            cells += _detail_cells(layer, base.total_instructions)
        body.append(
            f"<tr><td>{layer.index}</td><td>{escape(layer.name)}</td><td>{escape(layer.kind)}</td>"
            f'<td class="shape">{escape(str(layer.shape))}</td>'
            f'<td class="n">{layer.macs:,}</td>{cells}</tr>'
        )
    pad = "<td></td>" * (4 if one else 0)
    fw = "".join(f'<td class="n">{_fmt(p.framework_instructions)}</td>' for p in profiles)
    body.append(
        f"<tr><td></td><td>framework (model_run)</td><td></td><td></td><td></td>{fw}{pad}</tr>"
    )
    total = "".join(f'<td class="n">{_fmt(p.total_instructions)}</td>' for p in profiles)
    body.append(
        f'<tr class="total"><td></td><td>total</td><td></td><td></td>'
        f'<td class="n">{base.macs:,}</td>{total}{pad}</tr>'
    )
    return f"<table>{head}{''.join(body)}</table>"


def _detail_cells(layer, total: float) -> str:
    per_mac = f"{layer.per_mac:.2f}" if layer.per_mac is not None else "-"
    share = f"{100 * layer.instructions / total:.1f}%"
    out = "user" if layer.out_offset is None else f"{layer.out_offset:,}+{layer.out_bytes:,}"
    scratch = (
        "-" if layer.scratch_offset is None else f"{layer.scratch_offset:,}+{layer.scratch_bytes:,}"
    )
    return (
        f'<td class="n">{per_mac}</td><td class="n">{share}</td>'
        f'<td class="n">{out}</td><td class="n">{scratch}</td>'
    )


def render_html(profiles: list[Profile], mhz: float, source: str, errors=None) -> str:
    base = profiles[0]
    builds = "; ".join(f"{p.title} {p.backend}" for p in profiles)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>NNoM profile: {escape(source)}</title>",
        f"<style>{STYLE}</style></head><body>",
        f"<h1>NNoM profile: {escape(source)}</h1>",
        f'<p class="sub">{escape(builds)}; {escape(base.opt)}; instructions per inference, '
        f"the mean of {base.runs} inputs (exact counts under QEMU -icount).</p>",
        _totals_table(profiles, mhz),
        f'<p class="note">Time: {escape(ESTIMATE_NOTE)}. RAM: arena, layer structures, the '
        "model's buffers and the runtime's data. Runtime code: NNoM (and CMSIS-NN) after "
        "--gc-sections. Model in flash: weights, biases and configs.</p>",
        "<h2>Instructions per layer</h2>",
        _time_chart(profiles),
        "<h2>Arena timeline</h2>",
        '<p class="note">Each buffer is a bar over the layers it is alive at, at its offset in '
        "the arena; grey: a kernel's scratch buffer. Views and in-place layers write into their "
        "input's buffer (hover a bar for details).</p>",
        _timelines(profiles),
    ]
    if errors:
        parts += [
            "<h2>int8 against float, per layer</h2>",
            '<p class="note">nnom report: signal-to-noise ratio of each layer\'s int8 output '
            "against the float model over the calibration data (longer is better); "
            "max |err| in steps of the layer's int8 scale.</p>",
            _error_chart(errors),
        ]
    parts += [
        "<h2>Layers</h2>",
        _layer_table(profiles),
        f'<p class="note">Generated by nnom {escape(__version__)} (nnom profile).</p>',
        "</body></html>",
    ]
    return "\n".join(parts) + "\n"


def write_html(profiles: list[Profile], mhz: float, source: str, path, errors=None) -> Path:
    path = Path(path)
    path.write_text(render_html(profiles, mhz, source, errors), encoding="utf-8")
    return path
