"""Bar charts drawn on the server as SVG: no script, no other host.

Each chart is an image with a name (role="img", aria-label); the report puts
its title, a sentence saying what it shows and the numbers as a table beside
it, so nothing is only in the picture.
"""

from dataclasses import dataclass

WIDTH = 640
HEIGHT = 180
LEFT = 48
BOTTOM = 28
TOP = 12


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    value: str


@dataclass
class Tick:
    y: float
    label: str


@dataclass
class Chart:
    label: str
    bars: list
    ticks: list
    first: str
    last: str
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    baseline: int = HEIGHT - BOTTOM


def nice_top(value):
    """The smallest 1, 2 or 5 × 10ⁿ at least `value` (1 for nothing)."""
    step = 1
    while True:
        for factor in (1, 2, 5):
            if step * factor >= value:
                return step * factor
        step *= 10


def bar_chart(label, points, hidden=lambda value: False):
    """A Chart of (label, number) points; a point `hidden` says so is not drawn."""
    top = nice_top(max([v for _, v in points if not hidden(v)] or [0]) or 1)
    plot_height = HEIGHT - BOTTOM - TOP
    slot = (WIDTH - LEFT) / max(1, len(points))
    bars = []
    for index, (name, value) in enumerate(points):
        height = 0 if hidden(value) else plot_height * value / top
        bars.append(
            Bar(
                x=round(LEFT + index * slot + slot * 0.15, 1),
                y=round(HEIGHT - BOTTOM - height, 1),
                width=round(max(1.0, slot * 0.7), 1),
                height=round(height, 1),
                label=name,
                value=str(value),
            )
        )
    ticks = [
        Tick(round(HEIGHT - BOTTOM - plot_height * part, 1), f"{top * part:,.0f}")
        for part in (0, 0.5, 1)
    ]
    return Chart(
        label=label,
        bars=bars,
        ticks=ticks,
        first=points[0][0] if points else "",
        last=points[-1][0] if points else "",
    )
