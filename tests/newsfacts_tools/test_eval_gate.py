"""Tests of newsfacts_tools/eval_gate.py."""

from __future__ import annotations

import json

import pytest

from newsfacts_tools import eval_gate
from pipeline.cli import main
from tests.conftest import ROOT

SNIPPETS = ROOT / "eval" / "gold" / "snippets.jsonl"


# --- the baseline ----------------------------------------------------------------------------


def _scores(date_f1, leak):
    row = lambda f1: {"span": (f1, f1, f1), "value": (f1, f1, f1), "gold": 3, "pred": 3}
    return {"kinds": {"date": row(date_f1), "money": {**row(0.0), "gold": 0}}, "all": row(date_f1),
            "clean_text": {"must_keep_recall": 1.0, "chrome_leak_rate": leak},
            "main_event": {"type_acc": 0.5, "date_acc": 1.0}, "docs": {"gold": 1, "predicted": 1}}


def test_raise_baseline_pins_then_only_raises():
    baseline: dict = {"files": {}}
    eval_gate.raise_baseline(baseline, "g.jsonl", _scores(0.8, 0.2))
    assert baseline["files"]["g.jsonl"] == {"chrome_leak_rate": 0.2, "main_event.date_acc": 1.0, "main_event.type_acc": 0.5,
                                            "must_keep_recall": 1.0, "value_f1.all": 0.8, "value_f1.date": 0.8}
    changes = eval_gate.raise_baseline(baseline, "g.jsonl", _scores(0.7, 0.3))
    assert changes == [] and baseline["files"]["g.jsonl"]["value_f1.date"] == 0.8
    eval_gate.raise_baseline(baseline, "g.jsonl", _scores(0.9, 0.1))
    assert baseline["files"]["g.jsonl"]["value_f1.date"] == 0.9
    assert baseline["files"]["g.jsonl"]["chrome_leak_rate"] == 0.1


@pytest.mark.parametrize("scores, breached", [
    pytest.param(_scores(0.8, 0.2), [], id="at-the-floor"),
    pytest.param(_scores(0.79, 0.2), ["value_f1.date", "value_f1.all"], id="below-a-floor"),
    pytest.param(_scores(0.8, 0.25), ["chrome_leak_rate"], id="above-a-ceiling"),
])
def test_check_baseline(scores, breached):
    baseline: dict = {"files": {}}
    eval_gate.raise_baseline(baseline, "g.jsonl", _scores(0.8, 0.2))
    assert sorted(b.metric for b in eval_gate.check_baseline(baseline, "g.jsonl", scores)) == sorted(breached)


def test_update_baseline_from_the_command_line(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    baseline = tmp_path / "baseline.json"
    key = "eval/gold/snippets.jsonl"
    baseline.write_text(json.dumps({"files": {key: {"value_f1.all": 1.0}}}), encoding="utf-8")
    assert main(["eval", key, "--baseline", str(baseline), "--update-baseline"]) == 0
    pinned = json.loads(baseline.read_text(encoding="utf-8"))["files"][key]
    assert pinned["value_f1.all"] == 1.0  # never lowered
    assert {"value_f1.date", "main_event.type_acc", "main_event.date_acc"} <= set(pinned)
    assert str(baseline) in capsys.readouterr().out
