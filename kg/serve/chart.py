"""An indicator's series as an inline SVG: values by year, levels and changes apart, no script, no font files.

Every piece of text in the SVG goes through ``markupsafe.escape``; the result
is ``Markup`` so the template can place it as it is.
"""
from __future__ import annotations

from collections import Counter
from typing import Any

from markupsafe import Markup, escape

WIDTH, HEIGHT, PAD_LEFT, PAD_RIGHT, PAD_Y = 640, 240, 56, 16, 28
SERIES = (("level", "#1f6feb", "数值"), ("change", "#d1242f", "变化量"))


def _number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def _year(text: str) -> int | None:
    digits = text[:4]
    return int(digits) if digits.isdigit() else None


def series_points(observations: list[dict[str, Any]]) -> tuple[str, dict[str, list[tuple[int, float, str]]]]:
    """The most used unit and, for it, (year, value, tooltip) points of levels and of changes."""
    units = Counter(o["unit"] for o in observations if _number(o["value"]) is not None and _year(o["year"]))
    if not units:
        return "", {}
    unit = units.most_common(1)[0][0]
    out: dict[str, list[tuple[int, float, str]]] = {"level": [], "change": []}
    for o in observations:
        value, year = _number(o["value"]), _year(o["year"])
        if o["unit"] != unit or value is None or year is None:
            continue
        where = o["report"].text if o.get("report") else ""
        out["change" if o["change"] else "level"].append((year, value, f"{year}: {o['value']}{unit} {where}"))
    return unit, out


def svg(observations: list[dict[str, Any]]) -> tuple[Markup | None, str]:
    """The chart and its caption; None when fewer than two points share a unit."""
    unit, points = series_points(observations)
    flat = [p for ps in points.values() for p in ps]
    if len(flat) < 2:
        return None, ""
    years = [p[0] for p in flat]
    values = [p[1] for p in flat] + [0.0]
    x0, x1 = min(years), max(years)
    y0, y1 = min(values), max(values)
    y1 = y1 if y1 > y0 else y0 + 1

    def x(year: int) -> float:
        span = (x1 - x0) or 1
        return PAD_LEFT + (year - x0) / span * (WIDTH - PAD_LEFT - PAD_RIGHT) if x1 > x0 else WIDTH / 2

    def y(v: float) -> float:
        return HEIGHT - PAD_Y - (v - y0) / (y1 - y0) * (HEIGHT - 2 * PAD_Y)

    parts = [(f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
             f'aria-label="{escape(unit)}" class="series">'),
             f'<line x1="{PAD_LEFT}" y1="{y(0):.1f}" x2="{WIDTH - PAD_RIGHT}" y2="{y(0):.1f}" class="axis"/>']
    for v in (y0, y1):
        parts.append(f'<text x="{PAD_LEFT - 6}" y="{y(v) + 4:.1f}" text-anchor="end">{escape(f"{v:g}")}</text>')
    for year in sorted(set(years)) if len(set(years)) <= 12 else (x0, x1):
        parts.append(f'<text x="{x(year):.1f}" y="{HEIGHT - 6}" text-anchor="middle">{year}</text>')
    for name, color, _ in SERIES:
        ps = sorted(points.get(name, []))
        one_a_year = len({p[0] for p in ps}) == len(ps)  # a line only where it reads as one series
        if len(ps) > 1 and name == "level" and one_a_year:
            path = " ".join(f"{x(p[0]):.1f},{y(p[1]):.1f}" for p in ps)
            parts.append(f'<polyline points="{path}" fill="none" stroke="{color}" stroke-width="1.5"/>')
        for year, value, tip in ps:
            parts.append(f'<circle cx="{x(year):.1f}" cy="{y(value):.1f}" r="4" fill="{color}" class="{name}">'
                         f"<title>{escape(tip)}</title></circle>")
    parts.append("</svg>")
    shown = [f"{label}({len(points.get(name, []))})" for name, _, label in SERIES if points.get(name)]
    return Markup("".join(parts)), f"单位:{unit};" + "、".join(shown) + ";蓝色为数值,红色为变化量"
