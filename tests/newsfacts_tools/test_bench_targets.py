"""The issue-15 target rows read off a bench report: their arithmetic and marks (not timings)."""

from __future__ import annotations

import pytest

from newsfacts_tools.bench_targets import format_targets, targets


def report(**parts) -> dict:
    base = {
        "stages": [{"stage": "extract: all", "chars_per_s": 1_000_000, "items_per_s": 2000.0},
                   {"stage": "storage", "chars_per_s": 3_000_000, "items_per_s": 6000.0}],
        "peers": [{"name": "conversion vs OpenCC t2s alone", "ratio": 0.57},
                  {"name": "HTML ingest (1 worker) vs trafilatura.extract(with_metadata=True)", "ratio": 0.8}],
        "end_to_end": [{"workers": 1, "docs": 1000, "docs_per_s": 200.0, "chars_per_s": 450_000, "db_text_ratio": 3.2},
                       {"workers": 2, "docs": 1000, "docs_per_s": 360.0, "chars_per_s": 810_000, "db_text_ratio": 3.2}],
        "scaling": [{"size": 1000, "workers": 2, "peak_rss_mb": 300.0, "db_text_ratio": 2.9},
                    {"size": 100000, "workers": 2, "peak_rss_mb": 640.0, "db_text_ratio": 2.8}],
    }
    return base | parts


def by_measure(rows):
    return {r.measure: r for r in rows}


@pytest.mark.parametrize("measure, value, met", [
    ("1. end to end, 2 workers ÷ 1 worker (documents/s)", 1.8, True),
    ("2. end to end, 1 worker ÷ all extractors alone (chars/s)", 0.45, True),
    ("3. storage (documents/s)", 6000.0, True),
    ("3. database ÷ clean text (UTF-8), 1,000 bench texts (1 worker)", 3.2, False),
    ("3. database ÷ clean text (UTF-8), 1,000 generated documents", 2.9, True),
    ("4. peak RSS, 100,000 documents (2 workers)", 640.0, False),
    ("5. conversion ÷ OpenCC t2s alone (chars/s)", 0.57, True),
    ("HTML ingest, 1 worker ÷ trafilatura.extract(with_metadata=True)", 0.8, False),
    ("all extractors, one core (chars/s)", 1_000_000, True),
])
def test_each_target_is_computed_from_the_same_run_and_marked(measure, value, met):
    row = by_measure(targets(report()))[measure]
    assert (row.value, row.met) == (value, met)


def test_what_the_run_did_not_measure_is_said_not_marked():
    rows = targets(report(end_to_end=[], peers=[], scaling=[]))
    missing = {r.measure for r in rows if r.met is None}
    assert "4. peak RSS, 100,000 documents" in missing and "5. conversion ÷ OpenCC t2s alone (chars/s)" in missing
    assert "not measured" in "\n".join(format_targets(rows))


def test_peak_pss_is_shown_beside_the_rss_it_is_measured_with():
    scaling = [{"size": 100000, "workers": 2, "peak_rss_mb": 640.0, "peak_pss_mb": 455.4, "db_text_ratio": 2.8}]
    (row,) = [r for r in targets(report(scaling=scaling)) if r.measure.startswith("4. peak RSS, 100,000")]
    assert row.measure == "4. peak RSS, 100,000 documents (2 workers; PSS 455 MB)"
    assert (row.value, row.met) == (640.0, False)
