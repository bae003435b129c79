"""Inline SVG charts for the profile page: horizontal bars and the arena timeline."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from .result import Buffer

FONT = 12
LABEL_WIDTH = 300
PALETTE = ["#3b73b9", "#e08a2c", "#4a9a5b", "#b9443b", "#7b5ea7", "#8c6d4f", "#d06fb0", "#6f7f8c"]
SCRATCH = "#c9c9c9"


@dataclass
class BarRow:
    label: str
    values: list[float]  # one per series
    texts: list[str]  # shown after each bar
    tip: str = ""


def _text(x: float, y: float, s: str, anchor: str = "start", size: int = FONT, extra="") -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}"{extra}>'
        f"{escape(s)}</text>"
    )


def _legend(names: list[str], width: int) -> tuple[list[str], int]:
    """Colour keys in rows that fit the width; (elements, height taken)."""
    out, x, y = [], LABEL_WIDTH, 16
    for k, name in enumerate(names):
        item = 16 + 7.5 * len(name) + 24
        if x > LABEL_WIDTH and x + item > width:
            x, y = LABEL_WIDTH, y + 20
        out.append(f'<rect x="{x}" y="{y - 10}" width="12" height="12" fill="{PALETTE[k % 8]}"/>')
        out.append(_text(x + 16, y, name))
        x += item
    return out, y + 14


def hbar_chart(rows: list[BarRow], series: list[str], width: int = 960) -> str:
    """One group of bars per row, one bar per series, scaled to the largest value."""
    bar_h, gap = 14, 10
    group_h = bar_h * len(series) + gap
    legend, top = _legend(series, width) if len(series) > 1 else ([], 8)
    height = top + group_h * len(rows) + 4
    plot_w = width - LABEL_WIDTH - 170
    largest = max((v for r in rows for v in r.values), default=0.0) or 1.0
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart bars" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" role="img">'
    ]
    out += legend
    for i, row in enumerate(rows):
        y0 = top + i * group_h
        out.append(_text(LABEL_WIDTH - 8, y0 + group_h / 2, row.label, "end"))
        for k, (value, text) in enumerate(zip(row.values, row.texts)):
            y = y0 + k * bar_h
            w = max(1.0, plot_w * value / largest) if value > 0 else 0.0  # 1 px: not zero
            tip = f"<title>{escape(row.tip or row.label)}: {escape(text)}</title>"
            out.append(
                f'<rect x="{LABEL_WIDTH}" y="{y:.1f}" width="{w:.1f}" height="{bar_h - 2}" '
                f'fill="{PALETTE[k % 8]}">{tip}</rect>'
            )
            out.append(_text(LABEL_WIDTH + w + 4, y + bar_h - 4, text, size=FONT - 1))
    out.append(
        f'<line x1="{LABEL_WIDTH}" y1="{top - 4}" x2="{LABEL_WIDTH}" y2="{height - 2}" '
        'stroke="#888"/>'
    )
    out.append("</svg>")
    return "\n".join(out)


def _ticks(limit: int, count: int = 5) -> list[int]:
    """Round tick values from 0 to about limit."""
    if limit <= 0:
        return [0]
    raw = limit / count
    magnitude = 10 ** (len(str(int(raw))) - 1)
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    return [int(k * step) for k in range(int(limit // step) + 1)]


def arena_timeline(
    buffers: list[Buffer], n_layers: int, arena: int, names: dict[int, str], width: int = 960
) -> str:
    """Each buffer a bar: over the layers it is alive at (x), at its arena offset (y,
    0 at the bottom). Scratch buffers in grey."""
    left, right, top, bottom = 70, 20, 12, 40
    height = 320
    plot_w, plot_h = width - left - right, height - top - bottom
    col = plot_w / max(1, n_layers)
    scale = plot_h / max(1, arena)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart timeline" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" role="img">',
        f'<rect x="{left}" y="{top}" width="{plot_w}" height="{plot_h}" fill="#f7f7f7" '
        'stroke="#bbb"/>',
    ]
    for v in _ticks(arena):
        y = top + plot_h - v * scale
        out.append(
            f'<line x1="{left - 4}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" stroke="#ddd"/>'
        )
        out.append(_text(left - 6, y + 4, f"{v:,}", "end", FONT - 1))
    out.append(
        _text(
            14,
            top + plot_h / 2,
            "arena offset (bytes)",
            "middle",
            FONT - 1,
            f' transform="rotate(-90 14 {top + plot_h / 2:.1f})"',
        )
    )
    every = max(1, n_layers // 24)
    for k in range(1, n_layers + 1):
        if k % every == 0 or k == 1:
            x = left + (k - 0.5) * col
            out.append(_text(x, top + plot_h + 16, str(k), "middle", FONT - 1))
    out.append(_text(left + plot_w / 2, height - 6, "layer (#, run order)", "middle", FONT - 1))
    for b in buffers:
        x = left + (b.first - 1) * col + 1
        w = (b.last - b.first + 1) * col - 2
        h = max(1.0, b.size * scale)
        y = top + plot_h - (b.offset + b.size) * scale
        fill = SCRATCH if b.kind == "scratch" else PALETTE[(b.layer - 1) % 8]
        shared = f", also written by #{', #'.join(map(str, b.shared_by))}" if b.shared_by else ""
        tip = (
            f"#{b.layer} {names.get(b.layer, '')} {b.kind}: offset {b.offset:,}, {b.size:,} B, "
            f"alive at layers {b.first}-{b.last}{shared}"
        )
        out.append(
            f'<rect class="buffer" x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" '
            f'fill="{fill}" fill-opacity="0.85" stroke="#333" stroke-width="0.5">'
            f"<title>{escape(tip)}</title></rect>"
        )
        if h >= FONT + 2 and w >= 28:
            label = f"#{b.layer}" + (" tmp" if b.kind == "scratch" else "")
            out.append(_text(x + w / 2, y + h / 2 + 4, label, "middle", FONT - 1))
    out.append("</svg>")
    return "\n".join(out)
