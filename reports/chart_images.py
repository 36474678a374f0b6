"""The report's charts as PNG images, for the Word document.

Word cannot show our SVG charts, and rendering SVG would need Cairo (a system library). These
two chart kinds are simple enough to draw with Pillow and the font it ships with, so the
document needs nothing from the system. Same Okabe–Ito colours and heat steps as the page's
charts (``static/css/charts.css``); drawn at twice the size they are shown, for print.
"""

import io
from collections.abc import Sequence

from PIL import Image, ImageDraw, ImageFont

SERIES_COLOURS = ["#0072b2", "#e69f00", "#009e73", "#cc79a7"]
HEAT_COLOURS = ["#f2f2f2", "#d0e4f2", "#9cc6e4", "#5fa2d2", "#2a77b4", "#08457e"]
TEXT = "#222222"
GRID = "#d8d8d8"
SCALE = 2


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    return ImageFont.load_default(size=size * SCALE)


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1
    magnitude = 10 ** (len(str(int(value))) - 1)
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude


def bar_chart_png(
    categories: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None]]],
    *,
    width: int = 640,
    height: int = 280,
) -> bytes:
    """Grouped vertical bars with a value axis and a legend; a missing value draws no bar."""
    s = SCALE
    image = Image.new("RGB", (width * s, height * s), "white")
    draw = ImageDraw.Draw(image)
    small = _font(11)
    left, right, top, bottom = 56 * s, (width - 12) * s, 34 * s, (height - 30) * s
    values = [v for _label, vals in series for v in vals if v is not None]
    maximum = _nice_max(max(values, default=0))
    for i in range(5):
        y = bottom - (bottom - top) * i / 4
        draw.line([(left, y), (right, y)], fill=GRID, width=s)
        label = f"{maximum * i / 4:,.0f}".replace(",", " ")
        draw.text((left - 6 * s, y), label, fill=TEXT, font=small, anchor="rm")
    n = max(len(categories), 1)
    slot = (right - left) / n
    group = slot * 0.8
    bar = group / max(len(series), 1)
    every = -(-n // 12)
    for i, category in enumerate(categories):
        x0 = left + i * slot + (slot - group) / 2
        for j, (_label, vals) in enumerate(series):
            value = vals[i]
            if value is None:
                continue
            h = (bottom - top) * value / maximum
            draw.rectangle(
                [x0 + j * bar, bottom - h, x0 + (j + 1) * bar - s, bottom],
                fill=SERIES_COLOURS[j % len(SERIES_COLOURS)],
            )
        if i % every == 0:  # at most about twelve labels, so long periods stay readable
            draw.text(
                (x0 + group / 2, bottom + 6 * s), category, fill=TEXT, font=small, anchor="mt"
            )
    x = left
    for j, (label, _vals) in enumerate(series):
        draw.rectangle([x, 10 * s, x + 12 * s, 22 * s], fill=SERIES_COLOURS[j % 4])
        draw.text((x + 18 * s, 16 * s), label, fill=TEXT, font=small, anchor="lm")
        x += (30 + draw.textlength(label, font=small) / s) * s
    return _png(image)


def heat_map_png(
    rows: Sequence[str], columns: Sequence[str], values: Sequence[Sequence[int]]
) -> bytes:
    """A weekday × hour grid in six steps of one hue, with its legend's extremes."""
    s = SCALE
    cell_w, cell_h, left, top = 28, 22, 80, 24
    width = left + cell_w * max(len(columns), 1) + 12
    height = top + cell_h * len(rows) + 10
    image = Image.new("RGB", (width * s, height * s), "white")
    draw = ImageDraw.Draw(image)
    small = _font(11)
    maximum = max((v for row in values for v in row), default=0)
    for c, column in enumerate(columns):
        draw.text(
            ((left + c * cell_w + cell_w / 2) * s, 12 * s),
            column,
            fill=TEXT,
            font=small,
            anchor="mm",
        )
    for r, label in enumerate(rows):
        y = top + r * cell_h
        draw.text(((left - 6) * s, (y + cell_h / 2) * s), label, fill=TEXT, font=small, anchor="rm")
        for c, value in enumerate(values[r]):
            level = 0 if not value or not maximum else min(5, 1 + int(4 * value / maximum))
            x = left + c * cell_w
            draw.rectangle(
                [x * s, y * s, (x + cell_w - 2) * s, (y + cell_h - 2) * s],
                fill=HEAT_COLOURS[level],
            )
    return _png(image)
