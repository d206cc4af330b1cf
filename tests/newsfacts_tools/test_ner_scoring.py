"""newsfacts_tools/ner_scoring.py: ORG spans of the extractors against the public NER sets."""

from __future__ import annotations

import json

import pytest

from newsfacts_tools import evaluation
from newsfacts_tools.eval_gate import gate_metrics
from newsfacts_tools.ner_scoring import is_ner_set, score_ner
from tests.conftest import shared_path

ROW = {"id": "pd-1", "text": "相比之下，青岛海牛队和广州松日队的雨中之战虽然也是0∶0，但乏善可陈。",
       "entities": [{"start": 5, "end": 10, "type": "ORG", "text": "青岛海牛队"},
                    {"start": 11, "end": 16, "type": "ORG", "text": "广州松日队"},
                    {"start": 0, "end": 2, "type": "LOC", "text": "相比"}]}


def _org(start: int, end: int) -> dict:
    return {"kind": "org", "start": start, "end": end}


@pytest.mark.parametrize(
    ("facts", "prf"),
    [
        pytest.param([_org(5, 10), _org(11, 16)], [1.0, 1.0, 1.0], id="both_exact"),
        pytest.param([_org(5, 10)], [1.0, 0.5, 0.6667], id="one_missed"),
        pytest.param([_org(5, 10), _org(7, 10)], [0.5, 0.5, 0.5], id="inner_span_is_a_false_hit"),
        pytest.param([_org(5, 9), _org(0, 2)], [0.0, 0.0, 0.0], id="boundary_off_and_other_types_do_not_count"),
        pytest.param([{"kind": "count", "start": 5, "end": 10}], [0.0, 0.0, 0.0], id="only_org_facts_count"),
    ],
)
def test_exact_span_scores(facts: list[dict], prf: list[float]) -> None:
    scores, errors = score_ner([ROW], [{"id": "pd-1", "facts": facts}])
    assert scores["org_span"]["prf"] == prf
    assert len(errors[("org", "missed")]) == 2 - scores["org_span"]["tp"]
    assert gate_metrics(scores) == {"org_span.precision": prf[0], "org_span.recall": prf[1], "org_span.f1": prf[2]}


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        pytest.param([ROW], True, id="ner_rows"),
        pytest.param([{"doc": "000.txt", "facts": []}], False, id="gold_rows"),
        pytest.param([{"suite": "x", "text": "t", "expected": []}], False, id="peer_rows"),
        pytest.param([], False, id="empty"),
    ],
)
def test_is_ner_set(rows: list[dict], expected: bool) -> None:
    assert is_ner_set(rows) is expected


@pytest.mark.parametrize("name", ["peoples_daily_dev.jsonl", "cluener2020_dev.jsonl"])
def test_real_ner_set_is_scored_as_ner(name: str) -> None:
    path = shared_path("ner", name)
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()[:200]]
    report = evaluation.evaluate_file(path, evaluation.Predictor())
    assert report.format == "ner"
    assert report.scores["docs"]["sentences"] == len(path.read_text(encoding="utf-8").splitlines())
    gold = sum(1 for r in rows for e in r["entities"] if e["type"] == "ORG")
    assert gold > 0 and report.scores["org_span"]["gold"] >= gold
    assert 0 < report.scores["org_span"]["tp"] <= report.scores["org_span"]["pred"]
    assert "ORG spans (exact)" in evaluation.format_ner(report)
