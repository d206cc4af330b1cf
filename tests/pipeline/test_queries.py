"""The read side: stats lists every fact kind of the schema's map, export offers every view."""

from __future__ import annotations

import pytest

from pipeline.queries import EXPORT_VIEWS, collect_stats, run_query
from pipeline.runner import run_ingest
from pipeline.options import PipelineOptions
from pipeline.schema import FACT_KINDS, VIEWS
from pipeline.storage import open_database
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("queries") / "facts.db"
    run_ingest([ROOT / "corpus" / "samples" / "feed.jsonl"], PipelineOptions(db=path, workers=1, quiet=True))
    conn = open_database(path, read_only=True).conn
    yield conn
    conn.close()


def test_stats_list_every_kind_of_the_map_with_counts_matching_the_views(db):
    stats = collect_stats(db)
    assert set(stats["facts"]) == set(FACT_KINDS)
    for kind, spec in FACT_KINDS.items():
        in_view = db.execute(f"SELECT count(*) FROM {spec.view}").fetchone()[0]
        assert stats["facts"][kind] >= in_view  # views leave duplicates out
    assert stats["documents"] >= 1 and stats["schema_version"] >= 2


def test_export_offers_every_view_of_the_schema():
    assert EXPORT_VIEWS == tuple(name for name, _ in VIEWS)
    assert {k.view for k in FACT_KINDS.values()} <= set(EXPORT_VIEWS)


def test_run_query_returns_columns_and_rows(db):
    columns, rows = run_query(db, "SELECT text, currency FROM v_money ORDER BY start LIMIT 1")
    assert columns == ["text", "currency"] and len(rows) <= 1
