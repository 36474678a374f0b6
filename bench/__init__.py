"""Benchmarks the project owns. ``python -m bench tally`` — see README, "Benchmark"."""
