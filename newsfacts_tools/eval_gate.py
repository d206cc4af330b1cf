"""The eval gate: per gold file, floors (and ceilings) pinned in ``eval/baseline.json``.

``tests/test_eval_gate.py`` checks the current scores against them; ``newsfacts eval
--update-baseline`` raises them, never lowers them.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsfacts_tools.ner_scoring import ner_gate_metrics

# ---------------------------------------------------------------------------------------------
# The eval gate: floors pinned in eval/baseline.json
# ---------------------------------------------------------------------------------------------

CEILING_METRICS = frozenset({"chrome_leak_rate"})  # lower is better: pinned as a ceiling


def gate_metrics(scores: dict[str, Any]) -> dict[str, float]:
    """The gated figures of a gold file's scores: value F1 per kind and overall, clean-text
    must_keep recall and chrome leak rate, main-event type and date accuracy, stories' pairwise
    and B-cubed F1; for a NER set, ORG span precision, recall and F1."""
    if "org_span" in scores:
        return ner_gate_metrics(scores)
    out = {f"value_f1.{kind}": row["value"][2] for kind, row in scores.get("kinds", {}).items() if row["gold"]}
    if "all" in scores:
        out["value_f1.all"] = scores["all"]["value"][2]
    if "stories" in scores:
        out["stories.pairwise_f1"] = scores["stories"]["pairwise"]["f1"]
        out["stories.bcubed_f1"] = scores["stories"]["bcubed"]["f1"]
    if "clean_text" in scores:
        out.update(scores["clean_text"])
    if "main_event" in scores:
        out["main_event.type_acc"] = scores["main_event"]["type_acc"]
        out["main_event.date_acc"] = scores["main_event"]["date_acc"]
    return out


@dataclass(frozen=True, slots=True)
class Breach:
    file: str
    metric: str
    score: float | None
    bound: float

    def __str__(self) -> str:
        side = "above its ceiling" if self.metric in CEILING_METRICS else "below its floor"
        return f"{self.file}: {self.metric} = {self.score} is {side} {self.bound}"


def within_bound(metric: str, score: float | None, bound: float) -> bool:
    if score is None:
        return False
    return score <= bound if metric in CEILING_METRICS else score >= bound


def check_baseline(baseline: dict[str, Any], key: str, scores: dict[str, Any]) -> list[Breach]:
    """Every pinned figure of one gold file that the scores fall short of."""
    metrics = gate_metrics(scores)
    return [Breach(key, metric, metrics.get(metric), bound)
            for metric, bound in baseline.get("files", {}).get(key, {}).items()
            if not within_bound(metric, metrics.get(metric), bound)]


def raise_baseline(baseline: dict[str, Any], key: str, scores: dict[str, Any]) -> list[str]:
    """Move the pinned figures of a gold file up to its current scores (ceilings down), never the
    other way; pin figures not pinned yet. Returns what changed."""
    pinned = baseline.setdefault("files", {}).setdefault(key, {})
    changes = []
    for metric, score in gate_metrics(scores).items():
        old = pinned.get(metric)
        if old is None or not within_bound(metric, old, score):  # the score is stricter than the pin
            pinned[metric] = score
            changes.append(f"{key}: {metric} {old} → {score}")
    baseline["files"][key] = dict(sorted(pinned.items()))
    return changes


def baseline_key(path: Path, root: Path) -> str:
    """A gold file's name in the baseline: its path relative to the project folder (symlinks such
    as a linked ../shared are kept, not resolved, so the name is the same on every machine)."""
    return Path(os.path.relpath(os.path.abspath(path), os.path.abspath(root))).as_posix()


def load_baseline(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {"files": {}}
    return json.loads(path.read_text(encoding="utf-8"))


def save_baseline(path: Path, baseline: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    baseline["files"] = dict(sorted(baseline.get("files", {}).items()))
    path.write_text(json.dumps(baseline, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


