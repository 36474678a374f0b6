import itertools
import re

from django.template.loader import render_to_string
from django.utils import translation

from reports.charts import (
    Series,
    divisions,
    hbar_chart,
    heat_map,
    line_chart,
    nice_ceiling,
    text_width,
)


def test_axis_maximum_is_a_round_number_at_or_above_the_data():
    assert [nice_ceiling(v) for v in (0, 1, 3, 7, 11, 26, 180, 999)] == [
        1,
        1,
        5,
        10,
        20,
        50,
        200,
        1000,
    ]
    assert nice_ceiling(0.3) == 0.5


def test_a_missing_value_breaks_the_line_instead_of_dropping_to_zero():
    chart = line_chart(
        ["1", "2", "3", "4"], [Series("s", [3, None, 4, 5])], title="t", description="d"
    )
    assert len(chart.lines[0]["paths"]) == 2
    assert [p["value"] for p in chart.lines[0]["points"]] == [3, 4, 5]


def test_heat_map_levels_run_from_empty_to_the_busiest_cell():
    chart = heat_map(["Mon", "Tue"], ["10", "11"], [[0, 4], [8, 2]], title="t", description="d")
    levels = {(cell.row, cell.column): cell.level for cell in chart.cells}
    assert levels[("Mon", "10")] == 0
    assert levels[("Tue", "10")] == 5
    assert 0 < levels[("Tue", "11")] < levels[("Mon", "11")] < 5


def test_a_chart_renders_accessible_svg_with_a_data_table_and_escapes_labels():
    chart = hbar_chart(
        ["<script>alert(1)</script>"],
        [Series("Besøk", [3])],
        title="Besøk <b>",
        description="Per dag",
    )
    html = render_to_string("reports/charts/chart.html", {"chart": chart, "chart_id": "c1"})
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert 'role="img"' in html
    assert 'aria-labelledby="c1-title c1-desc"' in html
    assert "<table" in html
    assert not re.search(r"\sstyle=", html)


def test_an_empty_chart_says_so_instead_of_drawing_nothing():
    chart = hbar_chart(["A"], [Series("s", [0])], title="t", description="d")
    html = render_to_string("reports/charts/chart.html", {"chart": chart, "chart_id": "c"})
    assert "<svg" not in html
    assert "chart-empty" in html


def test_the_heat_map_renders_cells_with_titles():
    chart = heat_map(["Man"], ["10", "11"], [[1, 2]], title="Når", description="d")
    html = render_to_string("reports/charts/heatmap.html", {"chart": chart, "chart_id": "h"})
    assert html.count('<rect class="heat-') == 4  # the wide grid and the narrow strips
    assert html.count("Man 11: 2") == 2
    assert 'aria-labelledby="h-title h-desc"' in html
    assert 'aria-labelledby="h-narrow-title h-narrow-desc"' in html


def _inside(label, width: float) -> bool:
    """Whether a label, placed by its anchor, stays inside the chart's width."""
    size = text_width(label.text)
    left = {"start": label.x, "middle": label.x - size / 2, "end": label.x - size}[label.anchor]
    return left >= 0 and left + size <= width


def test_a_line_chart_has_a_narrow_layout_for_a_phone_with_whole_labels_that_do_not_overlap():
    weeks = [f"week {n}, 2026" for n in range(1, 27)]
    chart = line_chart(
        weeks, [Series("s", list(range(26))), Series("t", [None] * 26)], title="t", description="d"
    )
    narrow = chart.narrow
    assert narrow.width <= 296 - 16  # a 320 px phone, less the page's padding, to spare
    assert narrow.kind == "line"
    assert narrow.title == "t"
    assert [len(line["paths"]) for line in narrow.lines] == [1, 0]
    shown = narrow.x_labels
    assert shown[0].text == "week 1, 2026"
    assert 1 < len(shown) < 26
    assert all(_inside(label, narrow.width) for label in shown)
    assert all(_inside(label, chart.width) for label in chart.x_labels)
    assert shown[0].anchor == "start"  # a long first label starts at its point, never cut
    for left, right in itertools.pairwise(shown):
        assert right.x - left.x >= text_width(left.text) + 12
    # The value axis has room for its longest label.
    assert all(narrow.tick_label_x - text_width(t.label) >= 0 for t in narrow.ticks)


def test_a_narrow_heat_map_writes_each_full_weekday_above_its_strip_of_hours():
    days = ["Mandag", "Tirsdag", "Onsdag", "Torsdag", "Fredag", "Lørdag", "Søndag"]
    hours = [f"{h:02d}" for h in range(24)]
    chart = heat_map(
        days, hours, [[d + h for h in range(24)] for d in range(7)], title="t", description="d"
    )
    narrow = chart.narrow
    assert narrow.width <= 280
    assert len(narrow.cells) == len(chart.wide.cells) == 7 * 24
    names = [label for label in narrow.labels if label.text in days]
    assert [label.text for label in names] == days
    monday = [cell for cell in narrow.cells if cell.row == "Mandag"]
    assert all(names[0].y < cell.y for cell in monday)
    assert {cell.y for cell in monday} == {monday[0].y}  # one strip
    assert all(cell.x >= 0 and cell.x + cell.width <= narrow.width for cell in narrow.cells)
    hour_labels = [label for label in narrow.labels if label.text in hours]
    assert 0 < len(hour_labels) <= 2 * 24
    assert all(_inside(label, narrow.width) for label in narrow.labels)


def test_horizontal_bars_fit_long_names_and_grow_with_the_rows():
    chart = hbar_chart(
        ["Frivillighetshuset Grünerløkka og omegn", "Tøyen"],
        [Series("I år", [120, 30]), Series("I fjor", [100, None], css_class="series-2")],
        title="t",
        description="d",
    )
    assert chart.kind == "hbar"
    # Full names, never cut: each on its own line above its bars, inside the chart's width.
    assert [label.text for label in chart.y_labels] == [
        "Frivillighetshuset Grünerløkka og omegn",
        "Tøyen",
    ]
    assert all(label.y < bar.y for label, bar in zip(chart.y_labels, chart.bars[::2], strict=False))
    assert chart.width <= 296  # a 320 px phone, less the page's padding
    assert len(chart.bars) == 3
    longest = max(chart.bars, key=lambda bar: bar.width)
    assert longest.value == 120
    assert [label.text for label in chart.x_labels] == ["0", "50", "100", "150", "200"]
    taller = hbar_chart(["a"] * 10, [Series("s", [1] * 10)], title="t", description="d")
    assert taller.height > chart.height
    html = render_to_string("reports/charts/chart.html", {"chart": chart, "chart_id": "h"})
    assert "Frivillighetshuset Grünerløkka og omegn" in html  # in full in the table


def test_axis_steps_are_round_numbers():
    assert [divisions(m) for m in (1, 2, 2.5, 5, 10, 20, 25, 200, 5000)] == [
        5,
        4,
        5,
        5,
        5,
        4,
        5,
        4,
        5,
    ]


def test_numbers_in_norwegian_never_reach_the_svg_coordinates():
    chart = line_chart(["1", "2", "3"], [Series("s", [1.5, 12345, 2])], title="t", description="d")
    bars = hbar_chart(["a"], [Series("s", [2.5])], title="t", description="d")
    heat = heat_map(["Man"], ["10", "11"], [[1, 12345]], title="t", description="d")
    with translation.override("nb"):
        html = render_to_string("reports/charts/chart.html", {"chart": chart, "chart_id": "c"})
        html += render_to_string("reports/charts/chart.html", {"chart": bars, "chart_id": "b"})
        html += render_to_string("reports/charts/heatmap.html", {"chart": heat, "chart_id": "h"})
    assert not re.search(r'(x|y|x1|x2|y1|y2|cx|cy|width|height)="[^"]*\d,\d', html)
    for points in re.findall(r'points="([^"]*)"', html):
        assert all(re.fullmatch(r"[\d.]+,[\d.]+", pair) for pair in points.split())
    assert "12\xa0345" in html  # the values are written the Norwegian way
    assert "2,5" in html
