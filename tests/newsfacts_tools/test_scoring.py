"""Tests of newsfacts_tools/scoring.py."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path

import pytest

from newsfacts_tools import evaluation
from newsfacts_tools import scoring
from tests.conftest import ROOT, shared_path

SNIPPETS = ROOT / "eval" / "gold" / "snippets.jsonl"


# --- matching --------------------------------------------------------------------------------


@pytest.mark.parametrize("gold, pred, expected", [
    pytest.param("6个代表队", "6个代表队", 5, id="same"),
    pytest.param("扶贫车间266家", "266家", 4, id="inside"),
    pytest.param("6.5 万职工", "6.5万职工", 6, id="whitespace-ignored"),
    pytest.param("3月18日上午", "2021年3月18日", 5, id="shared-run-over-half"),
    pytest.param("临夏州总工会", "和政县总工会", 3, id="shared-run-exactly-half"),
    pytest.param("临夏州政协", "和政县委", 0, id="nothing-shared"),
    pytest.param("2000元以上", "", 0, id="empty"),
    pytest.param("上月", "本月", 0, id="one-char-run-too-short"),
])
def test_surface_overlap(gold, pred, expected):
    assert scoring.surface_overlap(gold, pred) == expected


@pytest.mark.parametrize("tp, npred, ngold, expected", [
    pytest.param(3, 4, 6, (0.75, 0.5, 0.6), id="ordinary"),
    pytest.param(0, 0, 0, (1.0, 1.0, 1.0), id="nothing-to-find-nothing-found"),
    pytest.param(0, 2, 0, (0.0, 1.0, 0.0), id="false-hits-only"),
    pytest.param(0, 0, 3, (0.0, 0.0, 0.0), id="misses-only"),
])
def test_prf(tp, npred, ngold, expected):
    assert scoring.prf(tp, npred, ngold) == expected


def _fact(kind, text, **value):
    return {"kind": kind, "text": text, "value": value}


def test_pairs_longest_overlap_first_then_right_value():
    golds = [_fact("count", "扶贫车间266家", min=266, max=266), _fact("count", "266家", min=266, max=266)]
    preds = [_fact("count", "266家", min=266, max=266), _fact("count", "扶贫车间266家", min=266, max=266)]
    assert sorted(scoring.pair_facts(golds, preds)) == [(0, 1), (1, 0)]


def test_optional_gold_fact_is_neutral():
    golds = [_fact("count", "百万职工", min=1000000, max=1000000) | {"optional": True},
             _fact("count", "60名选手", min=60, max=60)]
    preds = [_fact("count", "百万职工", min=1000000, max=1000000), _fact("count", "60名选手", min=60, max=60)]
    tally = scoring.FactTally()
    tally.add("doc", golds, preds)
    assert tally.table()["kinds"]["count"] == {"span": (1.0, 1.0, 1.0), "value": (1.0, 1.0, 1.0), "gold": 1, "pred": 1}


@pytest.mark.parametrize("kind, gold, pred, ok", [
    pytest.param("date", {"iso": "2023", "iso_alt": ["2023-01/2023-06"]}, {"iso": "2023-01/2023-06"}, True, id="date-iso-alt"),
    pytest.param("date", {"iso": "2020-06-22"}, {"iso": "2019-06-22"}, False, id="date-wrong-year"),
    pytest.param("money", {"min": 2000, "max": None, "currency": "CNY"}, {"min": 2000.0, "max": None}, True, id="money-over-default-currency"),
    pytest.param("money", {"min": 500000, "max": 500000, "currency": "HKD"}, {"min": 500000, "max": 500000, "currency": "CNY"}, False, id="money-wrong-currency"),
    pytest.param("count", {"min": None, "max": 10000}, {"min": 10000, "max": 10000}, False, id="count-under-read-as-exact"),
    pytest.param("org", {"name": "吉美包袋有限公司"}, {"name": "和政县吉美包袋有限公司"}, True, id="org-accepted-name"),
])
def test_value_matches(kind, gold, pred, ok):
    g = {"kind": kind, "value": gold, "accept_names": ["和政县吉美包袋有限公司"]}
    assert scoring.value_matches(kind, g, {"kind": kind, "value": pred}) is ok


# --- the same numbers as ../shared/scripts/score_facts.py -------------------------------------


def _perturbed_predictions(gold_rows: list[dict]) -> list[dict]:
    """Predictions with every kind of error: misses, wrong values, shifted spans, false hits,
    wrong main events, lost must_keep lines and leaked chrome."""
    preds = []
    for d, row in enumerate(gold_rows):
        facts = []
        for i, fact in enumerate(row.get("facts", [])):
            fact = copy.deepcopy(fact)
            if i % 5 == 0:
                continue  # missed
            if i % 5 == 1:
                fact["value"] = {"iso": "1999", "min": -1, "max": -1, "name": "某某公司"}  # wrong value
            if i % 5 == 2 and len(fact["text"]) > 3:
                fact["text"] = fact["text"][1:]  # shorter span
            facts.append(fact)
        facts.append({"kind": "count", "text": "三区三州", "value": {"min": 3, "max": 3}})  # false hit
        event = dict(row.get("main_event") or {"type": "meeting"})
        if d % 2:
            event["date"] = "2000-01-01"
        text = "\n".join((row.get("must_keep") or [])[1:] + (row.get("chrome_converted") or row.get("chrome") or [])[:1])
        preds.append({"id": scoring.gold_id(row), "facts": facts, "events": [{**event, "main": True}], "text": text})
    return preds


def _reference_scores(gold: Path, predictions: list[dict], tmp_path: Path) -> dict:
    script = shared_path("scripts", "score_facts.py")
    pred_file = tmp_path / "pred.jsonl"
    pred_file.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in predictions), encoding="utf-8")
    done = subprocess.run([sys.executable, str(script), str(gold), str(pred_file), "--json"],
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def _gold_files():
    return [pytest.param(lambda: shared_path("gold", "seeds.jsonl"), id="seeds"),
            pytest.param(lambda: SNIPPETS, id="snippets")]


@pytest.mark.parametrize("gold_file", _gold_files())
def test_scores_equal_reference_scorer_on_perturbed_predictions(gold_file, tmp_path):
    gold = gold_file()
    rows = evaluation.load_jsonl(gold)
    predictions = _perturbed_predictions(rows)
    ours, _ = scoring.score_gold(rows, predictions)
    assert json.loads(json.dumps(ours)) == _reference_scores(gold, predictions, tmp_path)


@pytest.mark.parametrize("gold_file", _gold_files())
def test_scores_equal_reference_scorer_on_pipeline_predictions(gold_file, tmp_path):
    """`newsfacts eval --predictions` writes what the reference scorer reads, and both agree."""
    gold = gold_file()
    pred_file = tmp_path / "pipeline.jsonl"
    out_file = tmp_path / "scores.json"
    args = ["eval", str(gold), "--corpus", str(ROOT / "corpus"), "--predictions", str(pred_file), "--json"]
    with open(out_file, "w", encoding="utf-8") as out:
        done = subprocess.run([sys.executable, "-m", "pipeline.cli", *args], stdout=out, cwd=ROOT, check=True)
    assert done.returncode == 0
    ours = json.loads(out_file.read_text(encoding="utf-8"))["inputs"][0]["scores"]
    predictions = evaluation.load_jsonl(pred_file)
    assert len(predictions) == len(evaluation.load_jsonl(gold))
    assert ours == _reference_scores(gold, predictions, tmp_path)
