"""Main-event and story scores equal ../shared/scripts/score_events.py's, number for number, on the
pipeline's own predictions and on perturbed ones (alternatives, missing documents, one big story)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from newsfacts_tools import evaluation
from newsfacts_tools.event_eval import event_gold_kind
from newsfacts_tools.event_scoring import score_main_events, score_stories
from tests.conftest import ROOT, shared_path


def _reference(mode: str, gold: Path, predictions: list[dict], tmp_path: Path) -> dict:
    script = shared_path("scripts", "score_events.py")
    pred_file = tmp_path / "pred.jsonl"
    pred_file.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in predictions), encoding="utf-8")
    done = subprocess.run([sys.executable, str(script), mode, str(gold), str(pred_file), "--json"],
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def _gold(name: str) -> tuple[Path, list[dict]]:
    path = shared_path("gold", name)
    return path, evaluation.load_jsonl(path)


def _main_events_echoing_gold(rows: list[dict]) -> list[dict]:
    """Every third right, every third an alternative type or date, every third missing or wrong."""
    out = []
    for i, row in enumerate(rows):
        me = row["main_event"]
        if i % 3 == 0:
            out.append({"id": row["id"], "events": [{"type": me["type"], "date": me.get("date"), "main": True}]})
        elif i % 3 == 1:
            alt = (me.get("type_alt") or ["other"])[0]
            out.append({"id": row["id"], "events": [{"type": "meeting", "main": False},
                                                    {"type": alt, "date": "2018-01-01", "main": True}]})
        elif i % 2:
            out.append({"id": row["id"], "events": [{"type": "meeting", "date": None, "main": False}]})
    return out


def _stories_one_big(rows: list[dict]) -> list[dict]:
    return [{"id": r["id"], "story": "all"} for r in rows[::2]]


def _stories_gold_split(rows: list[dict]) -> list[dict]:
    """The gold stories with every third document moved out (null) and two stories joined."""
    out = []
    for i, r in enumerate(rows):
        story = None if i % 3 == 0 else r["story"]
        if story == "s-banqiao-fire":
            story = "s-nlpi-electrocution"
        out.append({"id": r["id"], "story": story})
    return out


@pytest.mark.parametrize("make", [_main_events_echoing_gold, lambda rows: []], ids=["perturbed", "no-predictions"])
def test_main_event_scores_equal_the_reference(make, tmp_path):
    gold, rows = _gold("events_dev.jsonl")
    predictions = make(rows)
    ours, _ = score_main_events(rows, predictions)
    assert ours == _reference("main", gold, predictions, tmp_path)


@pytest.mark.parametrize("make", [_stories_one_big, _stories_gold_split, lambda rows: []],
                         ids=["one-big-story", "gold-split-and-joined", "no-predictions"])
def test_story_scores_equal_the_reference(make, tmp_path):
    gold, rows = _gold("stories_dev.jsonl")
    predictions = make(rows)
    ours, _ = score_stories(rows, predictions)
    assert ours == _reference("stories", gold, predictions, tmp_path)


@pytest.mark.parametrize("name, mode", [("events_dev.jsonl", "main"), ("stories_dev.jsonl", "stories")])
def test_eval_of_the_event_golds_equals_the_reference_on_its_own_predictions(name, mode, tmp_path):
    gold, _ = _gold(name)
    report = evaluation.evaluate_file(gold, evaluation.Predictor(corpus=ROOT / "corpus"))
    key = "main_event" if mode == "main" else "stories"
    assert report.scores[key] == _reference(mode, gold, report.predictions, tmp_path)


@pytest.mark.parametrize("name, kind", [("events_dev.jsonl", "events"), ("stories_dev.jsonl", "stories"),
                                        ("seeds.jsonl", None)])
def test_event_gold_files_are_told_apart(name, kind):
    gold, rows = _gold(name)
    assert event_gold_kind(gold, rows) == kind
