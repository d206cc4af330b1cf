"""Scoring predictions against gold facts: the matching algorithm of ``score_facts.py``.

Facts pair one to one by overlapping surface, longest overlap first; optional gold facts neither
reward nor penalise. A test runs ``../shared/scripts/score_facts.py`` on the same predictions and
compares the numbers.
"""

from __future__ import annotations

import difflib
import json
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

KINDS = ("date", "money", "count", "org")

# ---------------------------------------------------------------------------------------------
# Matching: the algorithm of score_facts.py
# ---------------------------------------------------------------------------------------------

ValueCheck = Callable[[str, dict, dict], bool]


def _squeeze(text: str | None) -> str:
    """The surface with all whitespace removed (``6.5 万职工`` matches ``6.5万职工``)."""
    return "".join((text or "").split())


def surface_overlap(a: str | None, b: str | None) -> int:
    """How much two surfaces share: the shorter one's length when one holds the other, else their
    longest common run when it is at least 2 characters and half the shorter one; 0 = no pair."""
    a, b = _squeeze(a), _squeeze(b)
    if not a or not b:
        return 0
    if a in b or b in a:
        return min(len(a), len(b))
    run = difflib.SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b)).size
    return run if run * 2 >= min(len(a), len(b)) and run >= 2 else 0


def _same_number(x: Any, y: Any) -> bool:
    if x is None or y is None:
        return x is None and y is None
    try:
        x, y = float(x), float(y)
    except (TypeError, ValueError):
        return False
    return math.isclose(x, y, rel_tol=1e-6, abs_tol=1e-9)


def value_matches(kind: str, gold: dict, pred: dict) -> bool:
    """Is the predicted normalised value right: date iso (or an ``iso_alt``), money min/max/currency,
    count min/max, org canonical name (or one of ``accept_names``)."""
    gv, pv = gold.get("value") or {}, pred.get("value") or {}
    if kind == "date":
        alt = gv.get("iso_alt") or []
        return (pv.get("iso") or "") in {gv.get("iso") or "", *([alt] if isinstance(alt, str) else alt)}
    if kind == "money":
        return (_same_number(gv.get("min"), pv.get("min")) and _same_number(gv.get("max"), pv.get("max"))
                and (gv.get("currency") or "CNY") == (pv.get("currency") or "CNY"))
    if kind == "count":
        return _same_number(gv.get("min"), pv.get("min")) and _same_number(gv.get("max"), pv.get("max"))
    if kind == "org":
        return pv.get("name") in {gv.get("name")} | set(gold.get("accept_names") or [])
    return False


def pair_facts(golds: list[dict], preds: list[dict], value_ok: ValueCheck = value_matches) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, prediction index) of the same kind, longest overlap first,
    a right value breaking ties, then text order."""
    candidates = []
    for gi, g in enumerate(golds):
        for pi, p in enumerate(preds):
            if g["kind"] == p.get("kind"):
                run = surface_overlap(g.get("text"), p.get("text"))
                if run:
                    candidates.append((-run, -int(value_ok(g["kind"], g, p)), gi, pi))
    candidates.sort()
    used_g, used_p, pairs = set(), set(), []
    for _, _, gi, pi in candidates:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((gi, pi))
    return pairs


def prf(tp: int, npred: int, ngold: int) -> tuple[float, float, float]:
    """Precision, recall, F1 rounded to 3 places; nothing to find and nothing found scores 1."""
    p = tp / npred if npred else (1.0 if not ngold else 0.0)
    r = tp / ngold if ngold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return round(p, 3), round(r, 3), round(f, 3)


@dataclass
class FactTally:
    """Counts per kind (span_tp, value_tp, pred, gold) and the errors behind them."""

    counts: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    errors: dict[tuple[str, str], list[str]] = field(default_factory=lambda: defaultdict(list))

    def add(self, doc: str, golds: list[dict], preds: list[dict], value_ok: ValueCheck = value_matches) -> None:
        """Score one document's facts: pairs of optional gold facts count for nothing."""
        pairs = pair_facts(golds, preds, value_ok)
        matched_g = {gi for gi, _ in pairs}
        matched_p = {pi for _, pi in pairs}
        for gi, pi in pairs:
            gf, pf = golds[gi], preds[pi]
            if gf.get("optional"):
                continue
            c = self.counts[gf["kind"]]
            c["span_tp"] += 1
            c["pred"] += 1
            c["gold"] += 1
            if value_ok(gf["kind"], gf, pf):
                c["value_tp"] += 1
            elif gf.get("value"):
                self.errors[(gf["kind"], "wrong value")].append(
                    f"{doc}: {gf.get('text')} gold={_compact(gf.get('value'))} got={_compact(pf.get('value'))}")
        for gi, gf in enumerate(golds):
            if gi not in matched_g and not gf.get("optional"):
                self.counts[gf["kind"]]["gold"] += 1
                self.errors[(gf["kind"], "missed")].append(f"{doc}: {gf.get('text')}")
        for pi, pf in enumerate(preds):
            if pi not in matched_p:
                self.counts[pf["kind"]]["pred"] += 1
                self.errors[(pf["kind"], "false hit")].append(f"{doc}: {pf.get('text')} ({pf.get('rule')})")

    def table(self, kinds: Iterable[str] = KINDS) -> dict[str, Any]:
        """``{"kinds": {kind: {span, value, gold, pred}}, "all": {...}}`` as score_facts prints it."""
        out: dict[str, Any] = {"kinds": {}}
        total = Counter()
        for kind in kinds:
            c = self.counts[kind]
            total.update({key: c[key] for key in ("span_tp", "value_tp", "pred", "gold")})
            out["kinds"][kind] = _row(c)
        out["all"] = _row(total)
        return out


def _row(c: Counter) -> dict[str, Any]:
    return {"span": prf(c["span_tp"], c["pred"], c["gold"]), "value": prf(c["value_tp"], c["pred"], c["gold"]),
            "gold": c["gold"], "pred": c["pred"]}


def _compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


# ---------------------------------------------------------------------------------------------
# Gold files
# ---------------------------------------------------------------------------------------------


def gold_id(row: dict) -> str:
    """A gold row's document id: the corpus file name, or the inline row's id."""
    return row.get("doc") or row.get("id")


def score_gold(gold_rows: list[dict], predictions: list[dict]) -> tuple[dict[str, Any], dict]:
    """Scores of predictions against a gold file, in score_facts.py's shape, and the errors.

    Prediction rows: ``{"id", "facts", "events"?, "text"?}``; the id is the gold row's ``doc`` or ``id``.
    """
    gold = {gold_id(r): r for r in gold_rows}
    pred = {r.get("id"): r for r in predictions}
    tally = FactTally()
    text_checks: Counter = Counter()
    event_checks: Counter = Counter()
    for doc, g in gold.items():
        p = pred.get(doc, {})
        tally.add(doc, [f for f in g.get("facts", []) if f.get("kind") in KINDS],
                  [f for f in p.get("facts", []) if f.get("kind") in KINDS])
        text = p.get("text") or "\n".join(p.get("paragraphs") or [])
        if text and g.get("must_keep"):
            squeezed = _squeeze(text)
            text_checks["must_keep"] += len(g["must_keep"])
            text_checks["kept"] += sum(_squeeze(s) in squeezed for s in g["must_keep"])
            for line in g["must_keep"]:
                if _squeeze(line) not in squeezed:
                    tally.errors[("text", "must_keep lost")].append(f"{doc}: {line}")
            chrome = g.get("chrome_converted") or g.get("chrome") or []
            text_checks["chrome"] += len(chrome)
            leaked = [s for s in chrome if _squeeze(s) and _squeeze(s) in squeezed]
            text_checks["chrome_leaked"] += len(leaked)
            tally.errors[("text", "chrome leaked")].extend(f"{doc}: {s}" for s in leaked)
        expected = g.get("main_event")
        if expected:
            event_checks["docs"] += 1
            events = p.get("events", [])
            mains = [e for e in events if e.get("main")] or events[:1]
            if mains:
                got = mains[0]
                event_checks["type_ok"] += got.get("type") == expected.get("type")
                event_checks["date_ok"] += (got.get("date") or None) == (expected.get("date") or None)
                if (got.get("type"), got.get("date") or None) != (expected.get("type"), expected.get("date") or None):
                    tally.errors[("event", "wrong main event")].append(
                        f"{doc}: gold={expected.get('type')} {expected.get('date')} "
                        f"got={got.get('type')} {got.get('date')} ({got.get('trigger')})")
            else:
                tally.errors[("event", "no event")].append(f"{doc}: gold={expected.get('type')} {expected.get('trigger')}")
    out = tally.table()
    if text_checks["must_keep"]:
        out["clean_text"] = {"must_keep_recall": round(text_checks["kept"] / text_checks["must_keep"], 3),
                             "chrome_leak_rate": round(text_checks["chrome_leaked"] / max(1, text_checks["chrome"]), 3)}
    if event_checks["docs"]:
        out["main_event"] = {"type_acc": round(event_checks["type_ok"] / event_checks["docs"], 3),
                             "date_acc": round(event_checks["date_ok"] / event_checks["docs"], 3)}
    out["docs"] = {"gold": len(gold), "predicted": sum(d in pred for d in gold)}
    return out, dict(tally.errors)


