"""How accurate is the pipeline: the ``newsfacts eval`` sub-command and the scoring library.

Two kinds of input, told apart by their rows:

* **gold files** (``../shared/gold/seeds.jsonl``, ``eval/gold/snippets.jsonl``): one document per
  row, either a file of ``corpus/`` named by ``doc`` (cleaned, then extracted) or inline ``text``
  with its ``published`` date (already clean: extracted directly). Facts have no offsets; a
  prediction pairs with a gold fact by overlapping surface.
* **peer suites** (``../shared/peer-dev/*.jsonl``): another tool's own test cases, converted,
  with ``suite``, ``text``, ``ref_date`` and ``expected`` facts (``value`` null for span-only
  suites). Each is scored twice: as the peer wrote it, and in a *FACTS.md view* where the peer's
  conventions that our contract does not share are projected or set aside (``PEER_CONVENTIONS``).

The scores reproduce ``../shared/scripts/score_facts.py`` number for number (a test runs both on
the same predictions): facts pair one to one by overlap, longest overlap first; optional gold
facts neither reward nor penalise. The eval gate (``tests/test_eval_gate.py``) compares the gold
scores with the floors pinned in ``eval/baseline.json``.
"""

from __future__ import annotations

import argparse
import difflib
import json
import logging
import math
import os
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

from pipeline.document import RawRecord, StageFailure
from pipeline.options import PipelineOptions

log = logging.getLogger(__name__)

KINDS = ("date", "money", "count", "org")

# Where the defaults of `newsfacts eval` live, relative to the project folder (the working
# directory of `make eval`).
DEFAULT_SHARED = Path("../shared")
DEFAULT_CORPUS = Path("corpus")
PROJECT_GOLD = Path("eval/gold/snippets.jsonl")
DEFAULT_BASELINE = Path("eval/baseline.json")

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


# ---------------------------------------------------------------------------------------------
# Peer suites and their conventions
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PeerConvention:
    """A way a peer's expected facts differ from FACTS.md.

    ``applies`` says whether an expected fact follows the convention; ``project`` gives the value
    FACTS.md would give, or None when FACTS.md does not emit such a fact at all (the expected fact
    then becomes optional in the FACTS.md view: neither rewarded nor penalised).
    """

    name: str
    kinds: tuple[str, ...]
    explains: str
    applies: Callable[[dict], bool]
    project: Callable[[dict], dict | None]


_CLOCK_PART = re.compile(r"T[0-9:]+")
# A day, month, year or a relative day word: without one, a time expression is a clock time only.
_DAY_WORD = re.compile(r"[年月日号號周週星期礼禮拜季旬初底末宵夕节節昨今明]|(?<!白)天|世纪|[0-9]{4}|[0-9]{1,2}[-/·][0-9]{1,2}")
_SPAN_OF_TIME = (r"[0-9零〇一二两兩三四五六七八九十百千几幾多半仨]+\s*个?[多半]?\s*"
                 r"(?:年|个?月|周|星期|礼拜|天|日|小时|钟头|分钟|分|秒钟?|刻钟|季度|交易日|工作日)[多半]?钟?")
# An offset or window counted from the reference time: 三年前, 20天后, 未来5年内, 近30天, 3年多以来.
_OFFSET_FROM_NOW = re.compile(
    rf"(?![0-9]{{4}}年|[〇零一二三四五六七八九]{{4}}年)(?:(?:未来|过去的?|最近|近|再过|过|今后|前){_SPAN_OF_TIME}(?:以|之)?(?:前|后|来|内|里)?"
    rf"|{_SPAN_OF_TIME}(?:以|之)?(?:前|后|来|内|里))")
# A window from the reference time up to a deadline (年底前, 明年6月之前) or from a point on (从去年9月起).
_WINDOW_FROM_NOW = re.compile(r".*(?:[^0-9零〇一二两三四五六七八九十]前|之前|以前)|.*[^至到今]起")
_VAGUE_MULTIPLE = re.compile(r"[数數几幾]\s*[十百千万萬亿億佰仟拾]|[十百千万亿]\s*[几幾]")
_CONTRACT_CURRENCIES = {"CNY", "USD", "HKD", "EUR", "JPY", "GBP", "TWD", "MOP"}


def _iso(fact: dict) -> str:
    return (fact.get("value") or {}).get("iso") or ""


def _day_of_clock(fact: dict) -> dict:
    """``2021-06-09T17:00`` → ``2021-06-09``; an interval within one day collapses to that day."""
    ends = [_CLOCK_PART.sub("", part) for part in _iso(fact).split("/")]
    iso = ends[0] if len(set(ends)) == 1 else "/".join(ends)
    return {**fact["value"], "iso": iso}


def _not_emitted(fact: dict) -> None:
    return None


def _with_iso(fact: dict, iso: str) -> dict:
    return {**fact["value"], "iso": iso}


# A year part (年初, 年底, 伊始) or a month part (月初, 月底, 上旬, 中旬, 下旬).
_NOT_A_DAY_NUMBER = r"(?![0-9一二三四五六七八九十])"  # 大年初十, 正月初8 are days, not parts
_YEAR_PART = re.compile(rf"年(?:初|底|末|伊始){_NOT_A_DAY_NUMBER}|伊始")
_MONTH_PART = re.compile(rf"月份?月?(?:初|底|末|上旬|中旬|下旬){_NOT_A_DAY_NUMBER}")
_HAS_YEAR = re.compile(r"[0-9〇零一二三四五六七八九]{2,4}年|[今去明前后上下本同次当]年|[0-9]{4}")
_MONTH_DAY = re.compile(r"月")
_RELATIVE_MONTH = re.compile(r"[上下本这這同当當次]一?个?月")


def _year_of(fact: dict) -> dict:
    """``2022-01/2022-02`` for 明年初 → ``2022``: FACTS.md (and the seeds gold: 今年初 → 2020)
    give a part of a year as the year."""
    return _with_iso(fact, _iso(fact)[:4])


def _month_of(fact: dict) -> dict:
    """``2018-10-25/2018-10-31`` for 2018年10月底 → ``2018-10`` (the seeds gold: 6月初 → 2020-06)."""
    return _with_iso(fact, _iso(fact)[:7])


def _ref_month(fact: dict) -> tuple[int, int] | None:
    ref = fact.get("ref_date")
    return (int(ref[:4]), int(ref[5:7])) if ref and len(ref) >= 7 else None


def _later_month_this_year(fact: dict) -> bool:
    """A month (and day) without a year that the peer put later in the reference year."""
    ref, iso = _ref_month(fact), _iso(fact)
    text = fact.get("text") or ""
    if (ref is None or not _MONTH_DAY.search(text) or _HAS_YEAR.search(text) or _RELATIVE_MONTH.search(text)
            or len(iso) < 7 or not iso[:4].isdigit()):
        return False
    return int(iso[:4]) == ref[0] and int(iso[5:7]) > ref[1]


def _previous_year(fact: dict) -> dict:
    """FACTS.md: a month later than the publication month means the previous year."""
    ends = [f"{int(part[:4]) - 1}{part[4:]}" if part[:4].isdigit() else part for part in _iso(fact).split("/")]
    return _with_iso(fact, "/".join(ends))


# In order (see facts_md_view): what FACTS.md does not emit first, then the projections.
PEER_CONVENTIONS: tuple[PeerConvention, ...] = (
    PeerConvention(
        name="peer.open_interval", kinds=("date",),
        explains="open-ended times (`1000多年之后` → `3020-01-01/..`): FACTS.md has no open intervals",
        applies=lambda f: ".." in _iso(f), project=_not_emitted),
    PeerConvention(
        name="peer.offset_from_now", kinds=("date",),
        explains="offsets and windows counted from the reference time (`三年前`, `20天后`, `未来5年内`, "
                 "`近30天`): durations, which FACTS.md does not emit as dates",
        applies=lambda f: bool(_OFFSET_FROM_NOW.fullmatch("".join((f.get("text") or "").split()))),
        project=_not_emitted),
    PeerConvention(
        name="peer.window_from_now", kinds=("date",),
        explains="a window between the reference time and a deadline or a start (`年底前`, `明年6月之前`, "
                 "`从去年9月起`): FACTS.md has no such window (it would give the deadline or the start)",
        applies=lambda f: bool(_WINDOW_FROM_NOW.fullmatch("".join((f.get("text") or "").split()))),
        project=_not_emitted),
    PeerConvention(
        name="peer.clock_only", kinds=("date",),
        explains="a clock time or part of a day with no day, month or year (`十一点`, `晚上8点许`, `午后`): "
                 "not a FACTS.md date",
        applies=lambda f: not _DAY_WORD.search(f.get("text") or ""), project=_not_emitted),
    PeerConvention(
        name="peer.time_of_day", kinds=("date",),
        explains="times of day (`下午3点` → `…T15:00`): FACTS.md dates stop at the day, so the day is compared",
        applies=lambda f: "T" in _iso(f), project=_day_of_clock),
    PeerConvention(
        name="peer.part_of_year", kinds=("date",),
        explains="a part of a year (`明年初` → `2022-01/2022-02`, `年底` → `2021-11/2021-12`): FACTS.md and the "
                 "seeds gold give the year (`今年初` → 2020)",
        applies=lambda f: bool(_YEAR_PART.search(f.get("text") or "")) and len(_iso(f)) > 4, project=_year_of),
    PeerConvention(
        name="peer.part_of_month", kinds=("date",),
        explains="a part of a month (`2018年10月底` → `2018-10-25/2018-10-31`, `本月初`): the seeds gold gives the "
                 "month (`6月初` → 2020-06)",
        applies=lambda f: bool(_MONTH_PART.search(f.get("text") or "")) and len(_iso(f)) > 7, project=_month_of),
    PeerConvention(
        name="peer.later_month_this_year", kinds=("date",),
        explains="a month-day without a year later than the reference month (`9月30日` in March 2008): the peer "
                 "keeps the reference year, FACTS.md takes the previous year",
        applies=_later_month_this_year, project=_previous_year),
    PeerConvention(
        name="peer.vague_multiple", kinds=("money",),
        explains="vague multiples (`几十万块`, `数十亿元`, `十几块钱`) given as a range: FACTS.md does not emit "
                 "amounts without a number",
        applies=lambda f: bool(_VAGUE_MULTIPLE.search(f.get("text") or "")), project=_not_emitted),
    PeerConvention(
        name="peer.other_currency", kinds=("money",),
        explains="currencies outside FACTS.md's list (泰铢 THB, 卢布 RUB, 澳元 AUD, 韩元 KRW): compared as the "
                 "peer states them, an extension of the contract",
        applies=lambda f: (f.get("value") or {}).get("currency", "CNY") not in _CONTRACT_CURRENCIES,
        project=lambda f: f["value"]),
)


def facts_md_view(expected: list[dict], ref_date: str | None = None) -> tuple[list[dict], Counter]:
    """The peer's expected facts as FACTS.md would state them, and how often each convention applied.

    Conventions apply in table order and compose (a time of day is cut to the day, then a later
    month moves to the previous year); the first that says "not emitted" ends the list.
    """
    seen: Counter = Counter()
    out = []
    for original in expected:
        fact = {**original, "ref_date": ref_date}
        for convention in PEER_CONVENTIONS:
            if fact["kind"] not in convention.kinds or not convention.applies(fact):
                continue
            seen[convention.name] += 1
            value = convention.project(fact)
            if value is None:
                fact["optional"] = True
                break
            fact["value"] = value
        del fact["ref_date"]
        out.append(fact)
    return out, seen


def peer_value_matches(kind: str, gold: dict, pred: dict) -> bool:
    """``value_matches``, also accepting any of the peer's ``alt`` readings (e.g. ``近700万元``
    as max 7000000 under FACTS.md, or min = max = 7000000 as the peer's parser reads it)."""
    value = gold.get("value") or {}
    readings = [value, *({**value, **alt} for alt in value.get("alt") or [])]
    return any(value_matches(kind, {**gold, "value": reading}, pred) for reading in readings)


def score_peer(rows: list[dict], predictions: list[dict]) -> dict[str, Any]:
    """One peer suite scored as the peer wrote it (``peer``) and in the FACTS.md view (``facts_md``).

    Only predictions of the suite's kinds count. ``value_acc`` is the share of expected facts with a
    value that got a paired prediction with the right value; it is absent for span-only suites.
    """
    pred = {r.get("id"): r for r in predictions}
    kinds = sorted({f["kind"] for r in rows for f in r.get("expected", [])}) or list(KINDS)
    views: dict[str, Any] = {}
    conventions: Counter = Counter()
    errors: dict = {}
    for view in ("peer", "facts_md"):
        tally = FactTally()
        valued = 0
        for row in rows:
            expected = row.get("expected", [])
            if view == "facts_md":
                expected, seen = facts_md_view(expected, row.get("ref_date"))
                conventions.update(seen)
            valued += sum(f.get("value") is not None and not f.get("optional") for f in expected)
            golds = [{**f, "value": f.get("value") or {}} for f in expected]
            preds = [f for f in pred.get(row["id"], {}).get("facts", []) if f.get("kind") in kinds]
            tally.add(row["id"], golds, preds, peer_value_matches)
        table = tally.table(kinds)
        result = {"span": table["all"]["span"], "expected": table["all"]["gold"], "pred": table["all"]["pred"]}
        if valued:
            result["value_acc"] = round(sum(tally.counts[k]["value_tp"] for k in kinds) / valued, 3)
            result["valued"] = valued
        views[view] = result
        if view == "facts_md":  # the errors worth reading are those against our own contract
            errors = dict(tally.errors)
    return {"rows": len(rows), "kinds": kinds, **views, "conventions": dict(conventions)}, errors


# ---------------------------------------------------------------------------------------------
# Running the pipeline on an input
# ---------------------------------------------------------------------------------------------


def load_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def is_peer_suite(rows: list[dict]) -> bool:
    return bool(rows) and all("suite" in r and "expected" in r for r in rows)


@dataclass
class Predictor:
    """Runs clean + extract for evaluation, noting (once each) what it had to do without."""

    corpus: Path = DEFAULT_CORPUS
    options: PipelineOptions = field(default_factory=PipelineOptions)
    notes: list[str] = field(default_factory=list)

    def note(self, message: str) -> None:
        if message not in self.notes:
            log.info("%s", message)
            self.notes.append(message)

    def extract(self, text: str, published: str | None) -> dict[str, Any]:
        """``{"facts", "events"}`` of a clean text; nothing when the extractors cannot be imported yet."""
        try:
            from extractors import extract
            return extract(text, published).to_json()
        except ImportError as exc:
            self.note(f"extractors incomplete ({exc}): facts and events not predicted")
            return {"facts": [], "events": []}

    def clean(self, path: Path) -> dict[str, Any]:
        """``{"text", "published", "title"}`` of a corpus file, through ``pipeline.clean``."""
        raw = RawRecord(source=str(path), record=0, content=path.read_bytes(),
                        format="html" if path.suffix.lower() in (".html", ".htm") else "text")
        try:
            from pipeline.clean import clean_record
        except ImportError as exc:
            self.note(f"pipeline.clean not available ({exc}): raw file text scored as clean text")
            return {"text": raw.content.decode("utf-8", errors="replace"), "published": None, "title": None}
        try:
            document = clean_record(raw, self.options)
        except StageFailure as exc:
            self.note(f"{path}: {exc}")
            return {"text": "", "published": None, "title": None}
        return {"text": document.text, "published": document.published, "title": document.title}

    def gold_row(self, row: dict) -> dict[str, Any]:
        """The prediction row of one gold document (inline text is already clean)."""
        if "text" in row:
            cleaned = {"text": row["text"], "published": row.get("published"), "title": None}
        else:
            path = self.corpus / row["doc"]
            if not path.exists():
                self.note(f"{path} not found: its facts count as missed")
                return {"id": gold_id(row), "facts": [], "events": []}
            cleaned = self.clean(path)
        return {"id": gold_id(row), **cleaned, **self.extract(cleaned["text"], cleaned["published"])}

    def peer_row(self, row: dict) -> dict[str, Any]:
        return {"id": row["id"], "text": row["text"], **self.extract(row["text"], row.get("ref_date"))}


@dataclass
class InputReport:
    """The scores of one input file."""

    name: str
    format: str  # "gold" | "peer"
    scores: dict[str, Any]
    errors: dict = field(default_factory=dict)
    predictions: list[dict] = field(default_factory=list)

    def to_json(self, errors: int = 0) -> dict[str, Any]:
        out = {"name": self.name, "format": self.format, "scores": self.scores}
        if errors:
            out["errors"] = {f"{k} {what}": items[:errors] for (k, what), items in sorted(self.errors.items())}
        return out


def evaluate_file(path: Path, predictor: Predictor, name: str | None = None) -> InputReport:
    """Predict and score one gold file or peer suite."""
    rows = load_jsonl(path)
    name = name or path.as_posix()
    if is_peer_suite(rows):
        predictions = [predictor.peer_row(r) for r in rows]
        scores, errors = score_peer(rows, predictions)
        return InputReport(name, "peer", scores, errors, predictions)
    predictions = [predictor.gold_row(r) for r in rows]
    scores, errors = score_gold(rows, predictions)
    return InputReport(name, "gold", scores, errors, predictions)


def default_inputs(shared: Path = DEFAULT_SHARED) -> list[Path]:
    """The seeds gold (when ../shared is there), the project's gold, and every peer suite."""
    inputs = [shared / "gold" / "seeds.jsonl", PROJECT_GOLD]
    inputs += sorted((shared / "peer-dev").glob("*.jsonl"))
    return [p for p in inputs if p.exists()]


# ---------------------------------------------------------------------------------------------
# The eval gate: floors pinned in eval/baseline.json
# ---------------------------------------------------------------------------------------------

CEILING_METRICS = frozenset({"chrome_leak_rate"})  # lower is better: pinned as a ceiling


def gate_metrics(scores: dict[str, Any]) -> dict[str, float]:
    """The gated figures of a gold file's scores: value F1 per kind and overall, clean-text
    must_keep recall and chrome leak rate, main-event type and date accuracy."""
    out = {f"value_f1.{kind}": row["value"][2] for kind, row in scores["kinds"].items() if row["gold"]}
    out["value_f1.all"] = scores["all"]["value"][2]
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


# ---------------------------------------------------------------------------------------------
# Console output
# ---------------------------------------------------------------------------------------------


def _triple(values: tuple[float, float, float] | list[float]) -> str:
    return "/".join(f"{v:.3f}" for v in values)


def format_gold(report: InputReport) -> str:
    s = report.scores
    lines = [f"== {report.name}  ({s['docs']['gold']} documents, gold)",
             f"{'kind':<7} {'gold':>5} {'pred':>5}   {'span P/R/F1':<19} value P/R/F1"]
    for kind, row in [*s["kinds"].items(), ("all", s["all"])]:
        lines.append(f"{kind:<7} {row['gold']:>5} {row['pred']:>5}   {_triple(row['span']):<19} {_triple(row['value'])}")
    if "clean_text" in s:
        ct = s["clean_text"]
        lines.append(f"clean text: must_keep recall {ct['must_keep_recall']:.3f}, chrome leak rate {ct['chrome_leak_rate']:.3f}")
    if "main_event" in s:
        me = s["main_event"]
        lines.append(f"main event: type accuracy {me['type_acc']:.3f}, date accuracy {me['date_acc']:.3f}")
    return "\n".join(lines)


def format_peer(report: InputReport) -> str:
    s = report.scores
    lines = [f"== {report.name}  ({s['rows']} cases, peer suite, kinds: {', '.join(s['kinds'])})",
             f"{'view':<9} {'expected':>8} {'pred':>5}   {'span P/R/F1':<19} value accuracy"]
    for view in ("peer", "facts_md"):
        r = s[view]
        acc = f"{r['value_acc']:.3f} ({r['valued']} values)" if "value_acc" in r else "- (span-only suite)"
        lines.append(f"{view:<9} {r['expected']:>8} {r['pred']:>5}   {_triple(r['span']):<19} {acc}")
    explains = {c.name: c.explains for c in PEER_CONVENTIONS}
    for name, n in sorted(s["conventions"].items()):
        lines.append(f"  {name} ×{n}: {explains[name]}")
    return "\n".join(lines)


def format_errors(report: InputReport, limit: int) -> str:
    lines = []
    for (kind, what), items in sorted(report.errors.items()):
        if items:
            lines.append(f"-- {report.name}: {kind} {what} ({len(items)})")
            lines.extend(f"   {item}" for item in items[:limit])
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------
# The sub-command
# ---------------------------------------------------------------------------------------------


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "eval", help="score extraction and cleaning against gold files and peer suites",
        description="Run clean + extract on gold files (../shared/gold/seeds.jsonl, eval/gold/snippets.jsonl) "
                    "and peer suites (../shared/peer-dev/*.jsonl) and print precision/recall/F1 per kind, "
                    "clean-text and main-event scores. Without FILE: all of those that exist.")
    parser.add_argument("files", nargs="*", type=Path, metavar="FILE", help="gold JSONL or peer suite JSONL")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS,
                        help="folder holding the documents gold rows name by 'doc' (default: corpus)")
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="the shared test data folder (default: ../shared)")
    parser.add_argument("--errors", type=int, default=0, metavar="N", help="list N misses, false hits and wrong values per kind")
    parser.add_argument("--json", action="store_true", help="print all scores as one JSON object")
    parser.add_argument("--predictions", type=Path, metavar="FILE",
                        help="write the predictions (one JSONL row per document, for score_facts.py) to FILE")
    parser.add_argument("--baseline", type=Path, default=DEFAULT_BASELINE, help="the eval gate's floors (default: eval/baseline.json)")
    parser.add_argument("--update-baseline", action="store_true",
                        help="raise the baseline's floors of the gold files scored to their current scores (never lowers them)")
    parser.set_defaults(func=run_eval)


def run_eval(args: argparse.Namespace) -> int:
    inputs = args.files or default_inputs(args.shared)
    if not inputs:
        print(f"nothing to evaluate: no FILE given and neither {args.shared}/gold nor {PROJECT_GOLD} exists", file=sys.stderr)
        return 2
    missing = [p for p in inputs if not p.exists()]
    if missing:
        print(f"not found: {', '.join(map(str, missing))}", file=sys.stderr)
        return 2
    predictor = Predictor(corpus=args.corpus)
    reports = [evaluate_file(path, predictor) for path in inputs]

    if args.predictions:
        ids = Counter(p["id"] for r in reports for p in r.predictions)
        clashes = [i for i, n in ids.items() if n > 1]
        if clashes:
            print(f"--predictions: ids repeat across inputs ({', '.join(clashes[:5])}); pass one input at a time", file=sys.stderr)
            return 2
        args.predictions.parent.mkdir(parents=True, exist_ok=True)
        with open(args.predictions, "w", encoding="utf-8") as out:
            for report in reports:
                for row in report.predictions:
                    out.write(json.dumps({**row, "input": report.name}, ensure_ascii=False) + "\n")

    changes: list[str] = []
    if args.update_baseline:
        baseline = load_baseline(args.baseline)
        root = Path.cwd()
        for report, path in zip(reports, inputs):
            if report.format == "gold":
                changes += raise_baseline(baseline, baseline_key(path, root), report.scores)
        save_baseline(args.baseline, baseline)

    if args.json:
        print(json.dumps({"inputs": [r.to_json(args.errors) for r in reports], "notes": predictor.notes,
                          **({"baseline_changes": changes} if args.update_baseline else {})}, ensure_ascii=False))
        return 0
    for report in reports:
        print(format_gold(report) if report.format == "gold" else format_peer(report))
        if args.errors:
            print(format_errors(report, args.errors))
        print()
    for note in predictor.notes:
        print(f"note: {note}")
    if args.update_baseline:
        print(f"{args.baseline}: " + ("; ".join(changes) if changes else "no floor raised"))
    return 0
