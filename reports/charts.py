"""Accessible charts as server-rendered SVG.

Python works out the geometry; templates in ``templates/reports/charts/`` draw it, so every
label goes through Django's auto-escaping. Colours come from CSS classes in
``static/css/charts.css`` (the Okabe–Ito palette, distinguishable with colour-blindness), never
from ``style`` attributes, so a strict Content-Security-Policy holds. Every chart carries a
title and a description for screen readers, and the templates put the numbers in a table
next to it.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.utils.formats import number_format

WIDTH = 640
HEIGHT = 280
MARGIN_LEFT = 48
MARGIN_RIGHT = 12
MARGIN_TOP = 12
MARGIN_BOTTOM = 56

Number = int | float


@dataclass
class Series:
    label: str
    values: Sequence[Number | None]
    # One of the palette classes in charts.css: series-1 … series-6.
    css_class: str = "series-1"


@dataclass
class Tick:
    value: Number
    y: float
    label: str


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    value: Number
    series: Series
    category: str

    @property
    def value_x(self) -> float:
        """Where a horizontal bar's value is written: just right of its end."""
        return round(self.x + self.width + 4, 1)

    @property
    def value_y(self) -> float:
        return round(self.y + self.height / 2, 1)


@dataclass
class XLabel:
    x: float
    text: str


@dataclass
class Chart:
    kind: str
    title: str
    description: str
    categories: list[str]
    series: list[Series]
    width: int = WIDTH
    height: int = HEIGHT
    ticks: list[Tick] = field(default_factory=list)
    bars: list[Bar] = field(default_factory=list)
    lines: list[dict] = field(default_factory=list)
    x_labels: list[XLabel] = field(default_factory=list)
    y_labels: list["YLabel"] = field(default_factory=list)
    plot_left: float = MARGIN_LEFT
    plot_right: float = WIDTH - MARGIN_RIGHT
    plot_top: float = MARGIN_TOP
    plot_bottom: float = HEIGHT - MARGIN_BOTTOM
    unit: str = ""

    @property
    def tick_label_x(self) -> float:
        return self.plot_left - 6

    @property
    def x_label_y(self) -> float:
        return self.plot_bottom + 18

    @property
    def y_label_x(self) -> float:
        return self.plot_left - 8

    @property
    def rows(self) -> list[tuple[str, list[Number | None]]]:
        """The data as table rows: one per category, a value per series."""
        return [
            (category, [s.values[i] for s in self.series])
            for i, category in enumerate(self.categories)
        ]

    @property
    def is_empty(self) -> bool:
        return not any(v for s in self.series for v in s.values if v)

    @property
    def decimals(self) -> int:
        """Decimals to write the values with: one if any value has a fraction."""
        return int(
            any(isinstance(v, float) and not v.is_integer() for s in self.series for v in s.values)
        )


def nice_ceiling(value: Number) -> Number:
    """The smallest 1, 2, 2.5 or 5 × 10^n at or above ``value`` (an axis maximum)."""
    if value <= 0:
        return 1
    exponent = math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        candidate = step * 10**exponent
        if candidate >= value:
            return int(candidate) if candidate >= 1 else candidate
    return 10 ** (exponent + 1)  # pragma: no cover - the loop always returns


def _format(value: Number) -> str:
    """A label as the active language writes numbers: "12 500" and "2,5" in Norwegian."""
    if isinstance(value, float) and not value.is_integer():
        return number_format(value, decimal_pos=1, use_l10n=True, force_grouping=True)
    return number_format(int(value), use_l10n=True, force_grouping=True)


def divisions(maximum: Number) -> int:
    """How many steps to divide an axis into so that every step is a round number:
    20 in 4 steps of 5, 25 and 50 in 5 steps of 5 and 10, 100 in 5 steps of 20."""
    if maximum <= 0:
        return 4
    mantissa = maximum / 10 ** math.floor(math.log10(maximum))
    return 4 if round(mantissa, 6) == 2 else 5


def _ticks(maximum: Number, top: float, bottom: float) -> list[Tick]:
    count = divisions(maximum)
    ticks = []
    for i in range(count + 1):
        value = maximum * i / count
        y = bottom - (bottom - top) * i / count
        ticks.append(Tick(value=value, y=round(y, 1), label=_format(value)))
    return ticks


def _label_every(n: int, room: float, per_label: float = 44) -> int:
    """Show every k-th x label so that labels do not overlap."""
    return max(1, math.ceil(n * per_label / room)) if n else 1


def _chart_with_axis(
    kind: str,
    categories: Sequence[str],
    series: Sequence[Series],
    title: str,
    description: str,
    unit: str,
) -> tuple[Chart, Number]:
    """A chart with its value axis: ticks from zero to a round maximum above the data."""
    chart = Chart(
        kind=kind,
        title=title,
        description=description,
        categories=list(categories),
        series=list(series),
        unit=unit,
    )
    values = [v for s in series for v in s.values if v is not None]
    maximum = nice_ceiling(max(values, default=0))
    chart.ticks = _ticks(maximum, chart.plot_top, chart.plot_bottom)
    return chart, maximum


def line_chart(
    categories: Sequence[str],
    series: Sequence[Series],
    *,
    title: str,
    description: str,
    unit: str = "",
) -> Chart:
    """Lines over time; a missing value (None) breaks the line instead of drawing a zero."""
    chart, maximum = _chart_with_axis("line", categories, series, title, description, unit)
    room = chart.plot_right - chart.plot_left
    n = len(categories)
    step = room / (n - 1) if n > 1 else 0
    height = chart.plot_bottom - chart.plot_top

    def x_at(i: int) -> float:
        return round(chart.plot_left + (i * step if n > 1 else room / 2), 1)

    for s in series:
        segments: list[list[tuple[float, float]]] = [[]]
        points = []
        for i, value in enumerate(s.values):
            if value is None:
                if segments[-1]:
                    segments.append([])
                continue
            y = round(chart.plot_bottom - (height * value / maximum if maximum else 0), 1)
            segments[-1].append((x_at(i), y))
            points.append({"x": x_at(i), "y": y, "value": value, "category": categories[i]})
        chart.lines.append(
            {
                "series": s,
                "paths": [
                    " ".join(f"{x},{y}" for x, y in segment) for segment in segments if segment
                ],
                "points": points if n <= 60 else [],
            }
        )
    every = _label_every(n, room)
    chart.x_labels = [
        XLabel(x=x_at(i), text=category) for i, category in enumerate(categories) if i % every == 0
    ]
    return chart


@dataclass
class YLabel:
    y: float
    text: str


# Narrow enough for a 320 px phone at its own size (labels stay 12 px): each name is written
# in full on its own line above its bars, so the bars get the whole width.
HBAR_WIDTH = 280
HBAR_VALUE_ROOM = 44
HBAR_LABEL = 18
HBAR_BAR = 14
HBAR_GAP = 10
HBAR_AXIS = 22


def hbar_chart(
    categories: Sequence[str],
    series: Sequence[Series],
    *,
    title: str,
    description: str,
    unit: str = "",
) -> Chart:
    """Horizontal bars, one row per category (grouped when there is more than one series):
    for comparing named things — centres, reasons — whose names are too long to stand under a
    vertical bar. The chart grows with the number of rows; names are never cut."""
    n_series = max(len(series), 1)
    row = HBAR_LABEL + HBAR_BAR * n_series + HBAR_GAP
    height = MARGIN_TOP + row * max(len(categories), 1) + HBAR_AXIS
    chart = Chart(
        kind="hbar",
        title=title,
        description=description,
        categories=list(categories),
        series=list(series),
        unit=unit,
        width=HBAR_WIDTH,
        height=height,
        plot_left=4,
        plot_right=HBAR_WIDTH - HBAR_VALUE_ROOM,
        plot_bottom=height - HBAR_AXIS,
    )
    values = [v for s in series for v in s.values if v is not None]
    maximum = nice_ceiling(max(values, default=0))
    room = chart.plot_right - chart.plot_left
    steps = divisions(maximum)
    for i in range(steps + 1):
        chart.x_labels.append(
            XLabel(
                x=round(chart.plot_left + room * i / steps, 1), text=_format(maximum * i / steps)
            )
        )
    for i, category in enumerate(categories):
        top = MARGIN_TOP + i * row + HBAR_GAP / 2
        chart.y_labels.append(YLabel(y=round(top + HBAR_LABEL - 5, 1), text=category))
        for j, s in enumerate(series):
            value = s.values[i]
            if value is None:
                continue
            chart.bars.append(
                Bar(
                    x=chart.plot_left,
                    y=round(top + HBAR_LABEL + j * HBAR_BAR, 1),
                    width=round(room * value / maximum if maximum else 0, 1),
                    height=HBAR_BAR - 2,
                    value=value,
                    series=s,
                    category=category,
                )
            )
    return chart


@dataclass
class HeatCell:
    x: float
    y: float
    width: float
    height: float
    value: Number
    level: int  # 0 (none) … 5 (most), a CSS class heat-<level>
    row: str
    column: str


@dataclass
class HeatMap:
    title: str
    description: str
    rows: list[str]
    columns: list[str]
    values: list[list[Number]]
    cells: list[HeatCell]
    width: int
    height: int
    row_labels: list[XLabel]
    column_labels: list[XLabel]
    maximum: Number
    legend: list[tuple[int, str]]
    kind: str = "heatmap"

    @property
    def table(self) -> list[tuple[str, list[Number]]]:
        return list(zip(self.rows, self.values, strict=True))

    @property
    def is_empty(self) -> bool:
        return not any(v for row in self.values for v in row)


def heat_map(
    rows: Sequence[str],
    columns: Sequence[str],
    values: Sequence[Sequence[Number]],
    *,
    title: str,
    description: str,
) -> HeatMap:
    """A grid (e.g. weekday × hour) whose cells are shaded in six steps of one hue."""
    left, top, cell_h = 90, 28, 30
    cell_w = max(18, (WIDTH - left - 8) / max(len(columns), 1))
    maximum = max((v for row in values for v in row), default=0)
    cells = []
    for r, (row_label, row_values) in enumerate(zip(rows, values, strict=True)):
        for c, value in enumerate(row_values):
            level = 0 if not value or not maximum else min(5, 1 + int(4 * value / maximum))
            cells.append(
                HeatCell(
                    x=round(left + c * cell_w, 1),
                    y=top + r * cell_h,
                    width=round(cell_w - 2, 1),
                    height=cell_h - 2,
                    value=value,
                    level=level,
                    row=row_label,
                    column=columns[c],
                )
            )
    steps = [maximum * i / 5 for i in range(6)]
    if all(isinstance(v, int) for row in values for v in row):
        steps = [round(step) for step in steps]  # counts: no "192,2" in the legend
    legend = [(level, _format(steps[level])) for level in range(6)] if maximum else []
    return HeatMap(
        title=title,
        description=description,
        rows=list(rows),
        columns=list(columns),
        values=[list(row) for row in values],
        cells=cells,
        width=round(left + cell_w * len(columns) + 8),
        height=top + cell_h * len(rows) + 8,
        row_labels=[
            XLabel(x=top + r * cell_h + cell_h / 2, text=label) for r, label in enumerate(rows)
        ],
        column_labels=[
            XLabel(x=round(left + c * cell_w + cell_w / 2, 1), text=label)
            for c, label in enumerate(columns)
        ],
        maximum=maximum,
        legend=legend,
    )
