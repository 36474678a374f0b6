"""A quick functional check of the reports benchmark's code (never its timings)."""

import socket

from bench import reports as bench


def test_the_raw_statement_is_written_for_each_database():
    assert "EXTRACT(ISODOW" in bench.raw_sql("postgresql", [1, 2], 2025)
    sql = bench.raw_sql("sqlite", [1, 2], 2025)
    assert "strftime('%w', day)" in sql
    assert "centre_id IN (1, 2)" in sql


def test_the_benchmark_runs_end_to_end_on_sqlite(tmp_path):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = bench.bench_one(
        "sqlite",
        f"sqlite:///{tmp_path}/bench.sqlite3",
        port=port,
        taps=3000,
        centres=2,
        years=2,
        runs=1,
        static_root=tmp_path / "static",
    )
    assert result.csv_rows == result.expected_csv_rows
    assert result.dashboard_median_ms > 0
    assert result.raw_sql_median_ms > 0
    assert result.csv_rss_growth_mb < 30
    assert result.xlsx_rows == result.expected_csv_rows
    assert result.xlsx_rss_growth_mb < 30
    assert "the same aggregate as one raw SQL statement" in bench.report(result)
    assert "worker memory while writing the workbook" in bench.report(result)
