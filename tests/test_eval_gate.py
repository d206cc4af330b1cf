"""The eval gate: `make test` fails when a quality score falls below its floor.

The floors live in eval/baseline.json, per gold file: value F1 per kind and overall, clean-text
must_keep recall, main-event type and date accuracy, and the chrome leak rate as a ceiling.
`newsfacts eval --update-baseline` raises them when scores rise; lowering one is a hand edit in
a commit that says why. The project's own gold (eval/gold/snippets.jsonl) is always gated; the
seeds gold when ../shared is beside the project.
"""

from __future__ import annotations

import json

import pytest

from newsfacts_tools import eval_gate, evaluation
from newsfacts_tools.scoring import KINDS
from tests.conftest import ROOT, shared_path

BASELINE = ROOT / "eval" / "baseline.json"
PROJECT_GOLD = evaluation.PROJECT_GOLD.as_posix()
SHARED_PREFIX = "../shared/"


def _gold_path(key: str):
    """A baseline key → the gold file (skipping the test when it lives in an absent ../shared)."""
    if key.startswith(SHARED_PREFIX):
        return shared_path(*key[len(SHARED_PREFIX):].split("/"))
    return ROOT / key


def _pinned():
    baseline = eval_gate.load_baseline(BASELINE)
    return [pytest.param(key, metric, bound, id=f"{key.rsplit('/', 1)[-1]}:{metric}")
            for key, metrics in sorted(baseline["files"].items()) for metric, bound in sorted(metrics.items())]


@pytest.fixture(scope="module")
def scores_of():
    """Scores per gold file, computed once per test session module."""
    cache: dict[str, dict] = {}
    predictor = evaluation.Predictor(corpus=ROOT / "corpus")

    def score(key: str) -> dict:
        if key not in cache:
            cache[key] = evaluation.evaluate_file(_gold_path(key), predictor, name=key).scores
        return cache[key]
    return score


@pytest.mark.parametrize("key, metric, bound", _pinned())
def test_score_holds_its_floor(scores_of, key, metric, bound):
    breaches = eval_gate.check_baseline({"files": {key: {metric: bound}}}, key, scores_of(key))
    assert not breaches, "; ".join(map(str, breaches)) + \
        " (if the drop is intended, lower the floor in eval/baseline.json by hand and say why in the commit)"


def test_baseline_gates_the_project_gold_on_every_kind():
    pinned = json.loads(BASELINE.read_text(encoding="utf-8"))["files"].get(PROJECT_GOLD, {})
    expected = {f"value_f1.{kind}" for kind in KINDS} | {"value_f1.all", "main_event.type_acc", "main_event.date_acc"}
    assert expected <= set(pinned), f"eval/baseline.json lacks floors for {sorted(expected - set(pinned))}"


def test_baseline_gates_the_seeds_gold():
    shared_path("gold", "seeds.jsonl")
    pinned = json.loads(BASELINE.read_text(encoding="utf-8"))["files"].get(SHARED_PREFIX + "gold/seeds.jsonl", {})
    expected = {f"value_f1.{kind}" for kind in KINDS} | {"must_keep_recall", "chrome_leak_rate", "main_event.date_acc"}
    assert expected <= set(pinned), f"eval/baseline.json lacks floors for {sorted(expected - set(pinned))}"


@pytest.mark.parametrize("name", ["peoples_daily_dev.jsonl", "cluener2020_dev.jsonl"])
def test_baseline_gates_the_ner_sets(name):
    shared_path("ner", name)
    pinned = json.loads(BASELINE.read_text(encoding="utf-8"))["files"].get(f"{SHARED_PREFIX}ner/{name}", {})
    expected = {"org_span.precision", "org_span.recall", "org_span.f1"}
    assert expected <= set(pinned), f"eval/baseline.json lacks floors for {sorted(expected - set(pinned))}"
