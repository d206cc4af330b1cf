"""Scoring main events and stories: the algorithms of ``../shared/scripts/score_events.py``.

* main events — the predicted main event is the first event flagged ``main``; a document with
  none counts wrong for type and date. Type is right when it is the gold type or one of its
  ``type_alt`` (``type_strict_acc`` counts the gold type only); date when the ISO strings are
  equal (null == null) or the prediction is one of ``date_alt``.
* stories — pairwise P/R/F1 over unordered same-story pairs and B-cubed P/R/F1 per document;
  a ``story`` of null, or a document missing from the predictions, is a singleton.

A test runs the reference script on the same predictions and compares every number.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any


def _prf(tp: int, npred: int, ngold: int) -> tuple[float, float, float]:
    p = tp / npred if npred else (1.0 if not ngold else 0.0)
    r = tp / ngold if ngold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return round(p, 3), round(r, 3), round(f, 3)


def _as_set(value: Any) -> set:
    if value is None:
        return set()
    return {value} if isinstance(value, str) else set(value)


def _accuracy(right: int, total: int) -> float | None:
    return round(right / total, 3) if total else None


def score_main_events(gold_rows: list[dict], pred_rows: list[dict]) -> tuple[dict[str, Any], list[str]]:
    """Main-event accuracy of predictions (``{"id", "events"}``) against gold rows with ``main_event``."""
    preds = {r.get("id"): r for r in pred_rows}
    tally: Counter = Counter()
    per_type: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    confusion: Counter = Counter()
    errors: list[str] = []
    for g in gold_rows:
        expected = g.get("main_event")
        if not expected:
            continue
        doc = g.get("id") or g.get("doc")
        tally["docs"] += 1
        gold_type, gold_date = expected.get("type"), expected.get("date") or None
        types = {gold_type} | _as_set(expected.get("type_alt"))
        dates = {gold_date} | _as_set(expected.get("date_alt"))
        per_type[gold_type][0] += 1
        tally["dated"] += bool(gold_date)
        mains = [e for e in (preds.get(doc) or {}).get("events") or [] if e.get("main")]
        if not mains:
            tally["no_main"] += 1
            confusion[(gold_type, None)] += 1
            errors.append(f"{doc}: no main event (gold {gold_type} {gold_date}, trigger {expected.get('trigger')!r})")
            continue
        got = mains[0]
        got_type, got_date = got.get("type"), got.get("date") or None
        type_ok, date_ok = got_type in types, got_date in dates
        tally["type"] += type_ok
        tally["strict"] += got_type == gold_type
        tally["date"] += date_ok
        tally["both"] += type_ok and date_ok
        tally["dated_ok"] += bool(gold_date) and date_ok
        per_type[gold_type][1] += type_ok
        confusion[(gold_type, got_type)] += 1
        if not (type_ok and date_ok):
            errors.append(f"{doc}: gold {gold_type} {gold_date} — got {got_type} {got_date} "
                          f"(trigger {got.get('trigger')!r})")
    n = tally["docs"]
    out = {"docs": n, "no_main_event": tally["no_main"],
           "type_acc": _accuracy(tally["type"], n), "type_strict_acc": _accuracy(tally["strict"], n),
           "date_acc": _accuracy(tally["date"], n), "type_and_date_acc": _accuracy(tally["both"], n),
           "dated": {"docs": tally["dated"], "date_acc": _accuracy(tally["dated_ok"], tally["dated"])},
           "per_type": {t: {"docs": d, "type_acc": _accuracy(k, d)}
                        for t, (d, k) in sorted(per_type.items(), key=lambda x: str(x[0]))},
           "confusion": [{"gold": gt, "pred": pt, "n": c} for (gt, pt), c in confusion.most_common() if gt != pt]}
    return out, errors


def _clusters(assignment: dict[str, str | None]) -> dict[str, frozenset[str]]:
    """doc → the documents of its cluster (a story of None is a singleton)."""
    groups: dict[tuple, set[str]] = defaultdict(set)
    for doc, story in assignment.items():
        groups[("story", story) if story is not None else ("doc", doc)].add(doc)
    return {doc: frozenset(members) for members in groups.values() for doc in members}


def _pairs(clusters: dict[str, frozenset[str]]) -> set[tuple[str, str]]:
    out = set()
    for members in set(clusters.values()):
        m = sorted(members)
        out.update((m[i], m[j]) for i in range(len(m)) for j in range(i + 1, len(m)))
    return out


def _story(value: Any) -> str | None:
    return str(value) if value is not None else None


def score_stories(gold_rows: list[dict], pred_rows: list[dict]) -> tuple[dict[str, Any], list[str]]:
    """Pairwise and B-cubed scores of predicted stories (``{"id", "story"}``) against the gold's."""
    gold: dict[str, str | None] = {}
    for r in gold_rows:
        for doc in r["ids"] if "ids" in r else [r["id"]]:
            gold[doc] = _story(r.get("story"))
    predicted = {r["id"]: _story(r.get("story")) for r in pred_rows}
    gold_clusters = _clusters(gold)
    pred_clusters = _clusters({doc: predicted.get(doc) for doc in gold})
    gold_pairs, pred_pairs = _pairs(gold_clusters), _pairs(pred_clusters)
    tp = len(gold_pairs & pred_pairs)
    n = len(gold)
    bp = sum(len(pred_clusters[d] & gold_clusters[d]) / len(pred_clusters[d]) for d in gold) / n
    br = sum(len(pred_clusters[d] & gold_clusters[d]) / len(gold_clusters[d]) for d in gold) / n
    bf = 2 * bp * br / (bp + br) if bp + br else 0.0
    p, r, f = _prf(tp, len(pred_pairs), len(gold_pairs))
    out = {"docs": n, "gold_stories": len(set(gold_clusters.values())),
           "pred_stories": len(set(pred_clusters.values())),
           "missing_docs": sum(doc not in predicted for doc in gold),
           "pairwise": {"p": p, "r": r, "f1": f, "gold_pairs": len(gold_pairs), "pred_pairs": len(pred_pairs), "tp": tp},
           "bcubed": {"p": round(bp, 3), "r": round(br, 3), "f1": round(bf, 3)}}
    errors = [f"missed pair: {a} + {b}" for a, b in sorted(gold_pairs - pred_pairs)] + \
             [f"false pair:  {a} + {b}" for a, b in sorted(pred_pairs - gold_pairs)]
    return out, errors
