"""Tests of newsfacts_tools/evaluation.py."""

from __future__ import annotations


import pytest

from newsfacts_tools import eval_gate
from newsfacts_tools import evaluation
from newsfacts_tools import scoring
from tests.conftest import ROOT, shared_path

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


@pytest.mark.parametrize("row, reference", [
    pytest.param({"text": "上上个月五号", "ref_date": None, "expected": [{"kind": "date", "text": "上上个月五号", "value": None}]},
                 evaluation.SPAN_ONLY_REFERENCE, id="span_only_without_a_day_gets_one"),
    pytest.param({"text": "二十一", "ref_date": None, "expected": []}, evaluation.SPAN_ONLY_REFERENCE,
                 id="negative_case_gets_one"),
    pytest.param({"text": "9月30日", "ref_date": "2008-03-01",
                  "expected": [{"kind": "date", "text": "9月30日", "value": {"iso": "2007-09-30"}}]}, "2008-03-01",
                 id="own_day_kept"),
    pytest.param({"text": "三年前", "ref_date": None, "expected": [{"kind": "date", "text": "三年前", "value": {"iso": "2018"}}]},
                 None, id="case_with_values_and_no_day_stays_without"),
])
def test_a_peer_case_is_read_against_its_day_or_the_span_only_day(row, reference):
    assert evaluation.peer_reference(row) == reference


def test_span_only_time_suite_finds_relative_dates_as_the_peer_does():
    """The peer's span-only time cases carry no reference date; read against one, the relative dates
    (上上个月五号, 下下个季度, 去年年底) are found, as the peer finds them against the time of its run."""
    suite = shared_path("peer-dev", "jionlp_time_extract.jsonl")
    if not suite.exists():
        pytest.skip("../shared/peer-dev not beside the project")
    report = evaluation.evaluate_file(suite, evaluation.Predictor())
    precision, recall, _f1 = report.scores["facts_md"]["span"]
    assert precision == 1.0 and recall >= 0.85  # 17 of 19 (0.16 read without a day)
