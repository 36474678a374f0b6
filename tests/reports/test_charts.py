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
    assert html.count('<rect class="heat-') == 2
    assert "Man 11: 2" in html


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
