"""Accessible charts as server-rendered SVG.

Python works out the geometry; templates in ``templates/reports/charts/`` draw it, so every
label goes through Django's auto-escaping. Colours come from CSS classes in
``static/css/charts.css`` (the Okabe–Ito palette, distinguishable with colour-blindness), never
from ``style`` attributes, so a strict Content-Security-Policy holds. Every chart carries a
title and a description for screen readers, and the templates put the numbers in a table
next to it.

A line chart and a heat map come in two layouts: the wide one, and a narrow one of at most
``NARROW_WIDTH`` px that a 320 px phone (or 1280 px at 400 %) shows at its own size, so labels
stay 12 px and the chart never scrolls sideways. ``static/css/charts.css`` shows one of them.
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
# The narrow layouts: a 320 px phone less the page's padding (296 px) with a little to spare.
NARROW_WIDTH = 280
NARROW_HEIGHT = 220
NARROW_MARGIN_BOTTOM = 30
# How wide a 12 px label is, at most, per character (digits are 6.7 px in the usual sans fonts;
# a generous figure, so that a label placed by it is never cut at the chart's edge).
CHAR_WIDTH = 7.5

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
    # "middle" under its point; "start" or "end" at the chart's edges, so it is never cut.
    anchor: str = "middle"


def text_width(text: str) -> float:
    """About how wide a 12 px label is: enough to keep labels apart and inside the chart."""
    return CHAR_WIDTH * len(text)


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
    # The same data laid out for a narrow screen (line charts), or None.
    narrow: "Chart | None" = None

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


def _placed(x: float, text: str, width: float) -> XLabel:
    """A label centred under ``x``, or ending or starting there if it would leave the chart."""
    half = text_width(text) / 2
    if x - half < 0:
        return XLabel(x=x, text=text, anchor="start")
    if x + half > width:
        return XLabel(x=x, text=text, anchor="end")
    return XLabel(x=x, text=text)


def line_chart(
    categories: Sequence[str],
    series: Sequence[Series],
    *,
    title: str,
    description: str,
    unit: str = "",
) -> Chart:
    """Lines over time; a missing value (None) breaks the line instead of drawing a zero.
    The chart carries its narrow layout in ``narrow``."""
    chart = _line_layout(categories, series, title, description, unit, WIDTH, HEIGHT)
    chart.narrow = _line_layout(
        categories,
        series,
        title,
        description,
        unit,
        NARROW_WIDTH,
        NARROW_HEIGHT,
        margin_bottom=NARROW_MARGIN_BOTTOM,
    )
    return chart


def _line_layout(
    categories: Sequence[str],
    series: Sequence[Series],
    title: str,
    description: str,
    unit: str,
    width: int,
    height: int,
    margin_bottom: int = MARGIN_BOTTOM,
) -> Chart:
    values = [v for s in series for v in s.values if v is not None]
    maximum = nice_ceiling(max(values, default=0))
    n = len(categories)
    chart = Chart(
        kind="line",
        title=title,
        description=description,
        categories=list(categories),
        series=list(series),
        unit=unit,
        width=width,
        height=height,
        plot_right=width - MARGIN_RIGHT,
        plot_bottom=height - margin_bottom,
    )
    chart.ticks = _ticks(maximum, chart.plot_top, chart.plot_bottom)
    # Room at the left for the longest value label ("12 500"), at least the usual margin.
    widest_tick = max(text_width(tick.label) for tick in chart.ticks)
    chart.plot_left = max(MARGIN_LEFT if width == WIDTH else 32, math.ceil(widest_tick + 10))
    room = chart.plot_right - chart.plot_left
    step = room / (n - 1) if n > 1 else 0
    plot_height = chart.plot_bottom - chart.plot_top

    def x_at(i: int) -> float:
        return round(chart.plot_left + (i * step if n > 1 else room / 2), 1)

    # Dots only where they stay apart; the line and the table carry every value.
    with_points = n <= 60 and (n < 2 or step >= 8)
    for s in series:
        segments: list[list[tuple[float, float]]] = [[]]
        points = []
        for i, value in enumerate(s.values):
            if value is None:
                if segments[-1]:
                    segments.append([])
                continue
            y = round(chart.plot_bottom - (plot_height * value / maximum if maximum else 0), 1)
            segments[-1].append((x_at(i), y))
            points.append({"x": x_at(i), "y": y, "value": value, "category": categories[i]})
        chart.lines.append(
            {
                "series": s,
                "paths": [
                    " ".join(f"{x},{y}" for x, y in segment) for segment in segments if segment
                ],
                "points": points if with_points else [],
            }
        )
    # Every k-th label, k so that the longest label has room and a gap on either side.
    widest = max((text_width(category) for category in categories), default=0)
    every = _label_every(n, room or 1, max(44, widest + 12))
    chart.x_labels = [
        _placed(x_at(i), category, width) for i, category in enumerate(categories) if i % every == 0
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
class HeatLabel:
    x: float
    y: float
    text: str
    anchor: str = "middle"


@dataclass
class HeatLayout:
    """Where a heat map's cells and labels go, at one width."""

    cells: list[HeatCell]
    labels: list[HeatLabel]
    width: int
    height: int


@dataclass
class HeatMap:
    title: str
    description: str
    rows: list[str]
    columns: list[str]
    values: list[list[Number]]
    maximum: Number
    legend: list[tuple[int, str]]
    # The wide layout: a grid, weekdays down and hours across. The narrow one: a strip of hours
    # per weekday, its full name above it, hours written over the first strip and under the last.
    wide: HeatLayout
    narrow: HeatLayout
    kind: str = "heatmap"

    @property
    def cells(self) -> list[HeatCell]:
        return self.wide.cells

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
    maximum = max((v for row in values for v in row), default=0)

    def level(value: Number) -> int:
        return 0 if not value or not maximum else min(5, 1 + int(4 * value / maximum))

    steps = [maximum * i / 5 for i in range(6)]
    if all(isinstance(v, int) for row in values for v in row):
        steps = [round(step) for step in steps]  # counts: no "192,2" in the legend
    legend = [(lvl, _format(steps[lvl])) for lvl in range(6)] if maximum else []
    return HeatMap(
        title=title,
        description=description,
        rows=list(rows),
        columns=list(columns),
        values=[list(row) for row in values],
        maximum=maximum,
        legend=legend,
        wide=_heat_wide(rows, columns, values, level),
        narrow=_heat_narrow(rows, columns, values, level),
    )


def _heat_wide(rows, columns, values, level) -> HeatLayout:
    widest = max((text_width(label) for label in rows), default=0)
    left, top, cell_h = max(90, math.ceil(widest + 14)), 28, 30
    cell_w = max(18, (WIDTH - left - 8) / max(len(columns), 1))
    cells = [
        HeatCell(
            x=round(left + c * cell_w, 1),
            y=top + r * cell_h,
            width=round(cell_w - 2, 1),
            height=cell_h - 2,
            value=value,
            level=level(value),
            row=row_label,
            column=columns[c],
        )
        for r, (row_label, row_values) in enumerate(zip(rows, values, strict=True))
        for c, value in enumerate(row_values)
    ]
    labels = [
        HeatLabel(x=round(left + c * cell_w + cell_w / 2, 1), y=18, text=label)
        for c, label in enumerate(columns)
    ] + [
        HeatLabel(x=left - 6, y=top + r * cell_h + cell_h / 2 + 4, text=label, anchor="end")
        for r, label in enumerate(rows)
    ]
    return HeatLayout(
        cells=cells,
        labels=labels,
        width=round(left + cell_w * len(columns) + 8),
        height=top + cell_h * len(rows) + 8,
    )


NARROW_HEAT_LABEL = 17  # a weekday's name above its strip
NARROW_HEAT_CELL = 22
NARROW_HEAT_GAP = 7
NARROW_HEAT_HOURS = 20  # a row of hour labels


def _heat_narrow(rows, columns, values, level) -> HeatLayout:
    n = max(len(columns), 1)
    cell_w = (NARROW_WIDTH - 2) / n
    pitch = NARROW_HEAT_LABEL + NARROW_HEAT_CELL + NARROW_HEAT_GAP
    cells, labels = [], []
    for r, (row_label, row_values) in enumerate(zip(rows, values, strict=True)):
        top = NARROW_HEAT_HOURS + r * pitch
        labels.append(HeatLabel(x=1, y=top + 13, text=row_label, anchor="start"))
        for c, value in enumerate(row_values):
            cells.append(
                HeatCell(
                    x=round(1 + c * cell_w, 1),
                    y=top + NARROW_HEAT_LABEL,
                    width=round(cell_w - 2, 1),
                    height=NARROW_HEAT_CELL,
                    value=value,
                    level=level(value),
                    row=row_label,
                    column=columns[c],
                )
            )
    bottom = NARROW_HEAT_HOURS + len(rows) * pitch
    widest = max((text_width(label) for label in columns), default=0)
    every = max(1, math.ceil((widest + 4) / cell_w))
    for c, label in enumerate(columns):
        if c % every:
            continue
        placed = _placed(round(1 + c * cell_w + (cell_w - 2) / 2, 1), label, NARROW_WIDTH)
        if placed.anchor == "start":
            placed.x = round(1 + c * cell_w, 1)
        for y in (14, bottom + 10):
            labels.append(HeatLabel(x=placed.x, y=y, text=label, anchor=placed.anchor))
    return HeatLayout(
        cells=cells, labels=labels, width=NARROW_WIDTH, height=bottom + NARROW_HEAT_HOURS - 4
    )
