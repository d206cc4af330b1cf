"""The bench's measurement arithmetic (not its timings)."""

from __future__ import annotations

import pytest

from newsfacts_tools import bench_stages


@pytest.mark.parametrize("items, chars, seconds, per_item, per_char", [
    pytest.param(100, 50_000, 0.5, 200.0, 100_000.0, id="ordinary"),
    pytest.param(0, 0, 0.0, 0.0, 0.0, id="nothing-timed"),
])
def test_measurement_rates(items, chars, seconds, per_item, per_char):
    m = bench_stages.Measurement("extract: money", "x", items, chars, seconds)
    assert (m.items_per_s, m.chars_per_s) == (per_item, per_char)
