"""Tests of newsfacts_tools/evaluation.py."""

from __future__ import annotations


import pytest

from newsfacts_tools import eval_gate
from newsfacts_tools import evaluation
from newsfacts_tools import scoring
from tests.conftest import ROOT

SNIPPETS = ROOT / "eval" / "gold" / "snippets.jsonl"


# --- the project's gold ----------------------------------------------------------------------

VALUE_FIELDS = {"date": {"iso"}, "money": {"min", "max", "currency"}, "count": {"min", "max"}, "org": {"name", "type"}}
EVENT_TYPES = {"competition", "meeting", "ceremony", "training", "visit", "opening", "campaign", "award"}


def _snippet_rows():
    return [pytest.param(row, id=row["id"]) for row in evaluation.load_jsonl(SNIPPETS)]


@pytest.mark.parametrize("row", _snippet_rows())
def test_snippet_gold_is_well_formed(row):
    text = row["text"]
    assert row["published"] and text.split("\n")[0]
    for fact in row["facts"]:
        assert fact["text"] in text, fact
        assert VALUE_FIELDS[fact["kind"]] <= set(fact["value"]), fact
    assert row["main_event"]["type"] in EVENT_TYPES
    assert {f["kind"] for f in row["facts"] if not f.get("optional")} >= {"date", "org"}


def test_snippet_gold_covers_every_kind_and_event_type():
    rows = evaluation.load_jsonl(SNIPPETS)
    assert 20 <= len(rows) <= 40
    assert {f["kind"] for r in rows for f in r["facts"]} == set(scoring.KINDS)
    assert {r["main_event"]["type"] for r in rows} == EVENT_TYPES


def test_baseline_key_keeps_a_symlinked_shared_folder(tmp_path):
    real = tmp_path / "elsewhere" / "shared"
    (real / "gold").mkdir(parents=True)
    (tmp_path / "project").mkdir()
    (tmp_path / "shared").symlink_to(real)
    gold = tmp_path / "project" / ".." / "shared" / "gold" / "seeds.jsonl"
    assert eval_gate.baseline_key(gold, tmp_path / "project") == "../shared/gold/seeds.jsonl"
