"""Shared fixtures: where the project and the third-party test data (../shared) are."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
SHARED = ROOT.parent / "shared"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, skipping the test when that folder is not beside the project."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"../shared not present: {path}")
    return path


@pytest.fixture
def shared():
    return shared_path


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory) -> Path:
    """The sample corpus (corpus/) ingested once for the read-only tests (search, reports, seeds, browse)."""
    from pipeline.cli import main

    db = tmp_path_factory.mktemp("corpus_db") / "facts.db"
    assert main(["ingest", str(CORPUS), "--db", str(db), "--quiet", "--workers", "2"]) == 0
    return db
