"""The report tests use the attendance tests' fixed clock (a Tuesday noon in Oslo)."""

from tests.centres.conftest import clock

__all__ = ["clock"]
