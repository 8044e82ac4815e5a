"""Bar charts drawn on the server as SVG: no script, readable without colour, with the numbers
written on the bars; each chart is shown next to a table with the same data."""

from __future__ import annotations

import html

PALETTE = ["#0b4a8b", "#a8121a", "#1e7a3c", "#9a5b00", "#5b3c8c", "#2b6f77"]


def bar_chart(
    title: str,
    labels: list[str],
    values: list[float],
    *,
    unit: str = "",
    width: int = 640,
    bar_height: int = 22,
    label_width: int = 190,
) -> str:
    """Horizontal bars, one per label."""
    top, gap = 8, 8
    height = top + len(labels) * (bar_height + gap) + 8
    peak = max([v for v in values if v] or [1])
    span = width - label_width - 70
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {width} {height}" width="100%" aria-label="{html.escape(title)}">',
        f"<title>{html.escape(title)}</title>",
    ]
    for index, (label, value) in enumerate(zip(labels, values, strict=True)):
        y = top + index * (bar_height + gap)
        length = 0 if not value else max(2, round(span * value / peak))
        text = f"{value:g}{unit}"
        parts += [
            f'<text x="{label_width - 8}" y="{y + bar_height * 0.72:.0f}" text-anchor="end" '
            f'font-size="13" fill="#1b1f24">{html.escape(label[:16])}</text>',
            f'<rect x="{label_width}" y="{y}" width="{length}" height="{bar_height}" '
            f'fill="{PALETTE[0]}"/>',
            f'<text x="{label_width + length + 6}" y="{y + bar_height * 0.72:.0f}" '
            f'font-size="13" fill="#1b1f24">{html.escape(text)}</text>',
        ]
    parts.append("</svg>")
    return "".join(parts)


def column_chart(
    title: str, labels: list[str], values: list[float], *, width: int = 640, height: int = 220
) -> str:
    """Vertical columns (e.g. twelve months)."""
    left, bottom, top = 30, 28, 18
    n = max(len(labels), 1)
    slot = (width - left - 10) / n
    peak = max([v for v in values if v] or [1])
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {width} {height}" width="100%" aria-label="{html.escape(title)}">',
        f"<title>{html.escape(title)}</title>",
        f'<line x1="{left}" y1="{height - bottom}" x2="{width - 10}" y2="{height - bottom}" '
        f'stroke="#4f5964"/>',
    ]
    for index, (label, value) in enumerate(zip(labels, values, strict=True)):
        x = left + index * slot + slot * 0.15
        bar = 0 if not value else max(1, (height - bottom - top) * value / peak)
        y = height - bottom - bar
        parts += [
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{slot * 0.7:.1f}" height="{bar:.1f}" '
            f'fill="{PALETTE[0]}"/>',
            f'<text x="{x + slot * 0.35:.1f}" y="{y - 4:.1f}" text-anchor="middle" '
            f'font-size="12" fill="#1b1f24">{value:g}</text>',
            f'<text x="{x + slot * 0.35:.1f}" y="{height - 10}" text-anchor="middle" '
            f'font-size="12" fill="#1b1f24">{html.escape(label)}</text>',
        ]
    parts.append("</svg>")
    return "".join(parts)
