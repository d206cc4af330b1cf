"""Organisation spans against public NER sets (People's Daily 1998, CLUENER2020 dev).

Rows are ``{"id", "text", "entities": [{"start", "end", "type", "text"}]}`` with ``end``
exclusive; CLUENER's organization/company/government labels arrive as ``ORG`` already
(../shared/README.md). Each sentence is extracted on its own, without a publication date, and
the ``org`` facts are compared with the ``ORG`` entities by exact span (start and end equal).

The sets' boundary conventions are not FACTS.md's (People's Daily marks sports teams and
countries acting as bodies, not ``X国政府``; CLUENER marks football clubs and game studios), so
the scores are a floor to hold and a list of misses to read by family, not a target to chase.
"""

from __future__ import annotations

from typing import Any

ORG_TYPE = "ORG"


def is_ner_set(rows: list[dict]) -> bool:
    """Rows of a NER set: text and a list of typed entity spans, nothing else scored."""
    return bool(rows) and all(isinstance(r.get("entities"), list) and "text" in r and "facts" not in r for r in rows)


def _prf(tp: int, pred: int, gold: int) -> list[float]:
    p = tp / pred if pred else 0.0
    r = tp / gold if gold else 0.0
    return [round(p, 4), round(r, 4), round(2 * p * r / (p + r), 4) if p + r else 0.0]


def org_spans(row: dict) -> set[tuple[int, int]]:
    """The gold ORG spans of a row."""
    return {(e["start"], e["end"]) for e in row["entities"] if e.get("type") == ORG_TYPE}


def predicted_spans(prediction: dict) -> set[tuple[int, int]]:
    """The spans of a prediction row's ``org`` facts."""
    return {(f["start"], f["end"]) for f in prediction.get("facts", []) if f.get("kind") == "org"}


def score_ner(rows: list[dict], predictions: list[dict]) -> tuple[dict[str, Any], dict]:
    """ORG span P/R/F1 (exact match) and the misses and false hits, by row."""
    tp = n_pred = n_gold = 0
    misses: list[str] = []
    false_hits: list[str] = []
    for row, prediction in zip(rows, predictions, strict=True):
        gold, pred = org_spans(row), predicted_spans(prediction)
        tp += len(gold & pred)
        n_pred += len(pred)
        n_gold += len(gold)
        text = row["text"]
        misses += [f"{text[s:e]} | {text}" for s, e in sorted(gold - pred)]
        false_hits += [f"{text[s:e]} | {text}" for s, e in sorted(pred - gold)]
    scores = {"docs": {"sentences": len(rows)},
              "org_span": {"gold": n_gold, "pred": n_pred, "tp": tp, "prf": _prf(tp, n_pred, n_gold)}}
    return scores, {("org", "missed"): misses, ("org", "false"): false_hits}


def ner_gate_metrics(scores: dict[str, Any]) -> dict[str, float]:
    """The gated figures of a NER set: ORG span precision, recall and F1."""
    p, r, f1 = scores["org_span"]["prf"]
    return {"org_span.precision": p, "org_span.recall": r, "org_span.f1": f1}
