from reports.csv_export import csv_lines, escape_cell, streaming_csv_response


def test_cells_that_a_spreadsheet_would_run_are_escaped():
    assert escape_cell('=HYPERLINK("x")') == '\'=HYPERLINK("x")'
    assert escape_cell("+1") == "'+1"
    assert escape_cell("-2") == "'-2"
    assert escape_cell("@SUM(A1)") == "'@SUM(A1)"
    assert escape_cell("\t=1") == "'\t=1"
    assert escape_cell("sentrum") == "sentrum"
    assert escape_cell(-3) == -3


def test_lines_end_with_crlf_and_quote_when_needed():
    lines = list(csv_lines(["a", "b"], [["x,y", 1], ["=1", -2]]))
    assert lines == ["a,b\r\n", '"x,y",1\r\n', "'=1,-2\r\n"]


def test_the_response_streams_as_an_attachment():
    response = streaming_csv_response("x.csv", ["h"], iter([["v"]]))
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="x.csv"'
    assert b"".join(response.streaming_content) == b"h\r\nv\r\n"
