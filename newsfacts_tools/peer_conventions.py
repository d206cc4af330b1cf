"""Peer suites (another tool's test cases) and the conventions in which they differ from FACTS.md.

Each suite is scored twice: as the peer wrote it, and in a *FACTS.md view* where the peer's
conventions that our contract does not share are projected or set aside (``PEER_CONVENTIONS``).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any, Callable

from newsfacts_tools.scoring import KINDS, FactTally, value_matches

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


