"""Date facts (FACTS.md §2 "date"): absolute, year-inferred and relative dates, ranges, plans, lunar days.

Every rule is one entry of :data:`RULES`, an ordered table of named regexes and the
function that turns a match into an ISO value (or None: not a date after all). Candidates
whose value cannot be read are dropped; among overlapping ones the longest wins (ties: the
earlier rule in the table), so ``5月10日至7月31日`` is one range, not two days. For speed the
rules run only on the short stretches of date-like characters that could hold a match
(see :func:`_stretches`), which finds exactly what scanning the whole text would.

Conventions (docs/rules-dates.md has the table and the reasons):

* A month or day without its year takes the publication year; a month later than the
  publication month means the previous year (FACTS.md) unless the sentence puts it in the
  future (``将``, ``计划``, ``定于`` …, ``起`` after it).
  A day alone (``22日``) is in the publication month, or the one before if well ahead. A weekday
  alone (``周五``) is the last one on or before the publication day unless a word right by it puts
  it ahead (``将于周五``, ``到周六``); ``本周/上周/下周`` are Monday-to-Sunday weeks.
* Taiwan, after OpenCC t2s: ``113年`` alone is a ROC year only near the publication year;
  ``7/18`` is month/day unless it reads as a fraction (``占1/3``, ``1/4决赛``).
* Without a publication date, anything that needs only a year (``6月2日``, ``今年``,
  ``去年``, ``农历正月初四``) takes the article's year: the most frequent explicit year in
  the text. Anything that needs a month or a day (``今天``, ``本月``, ``22日``) is not emitted.
* Fuzzy parts of a period collapse to the period (``6月初`` → ``2020-06``, ``今年年初`` →
  ``2020``); exact parts become ranges (``上半年`` → ``2020-01/2020-06``, ``下旬`` → days 21–end).
* Durations (``两年``, ``3年``, ``24小时``), vague words (``近日``, ``日前``), ordinals,
  prison terms (``判刑10年6月``) and anaphora (``当天``, ``当年``, ``次日``) are not dates.
"""

from __future__ import annotations

import functools
import logging
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from types import MappingProxyType
from typing import Callable, Mapping, NamedTuple

from lunardate import LunarDate

from extractors.facts import DateFact, Granularity, Resolved
from extractors.numbers import parse_number
from extractors.protocol import Extractor, ExtractorInput
from extractors.publication_date import parse_date
from extractors.sentences import Sentences, sentence_at

log = logging.getLogger(__name__)

__all__ = ["extract_dates", "RULES", "Rule", "EXTRACTOR"]


class Reading(NamedTuple):
    """The normalised value of one date mention."""

    iso: str
    granularity: Granularity
    resolved: Resolved


@dataclass(frozen=True, slots=True)
class Anchor:
    """What relative and year-less dates are resolved against.

    ``year`` is the publication year, or the article's own year when there is no
    publication date (then ``published`` is None and only year-level inferences are made).
    """

    published: date | None
    year: int | None


@dataclass(frozen=True, slots=True)
class Rule:
    """A named pattern and its normaliser.

    ``keys`` says what every match holds, as alternatives separated by spaces; each
    alternative is a set of characters that all occur. Three stand for classes: ``0`` any
    digit, Arabic or Chinese; ``〇`` any Chinese digit; ``#`` four Arabic digits in a row
    (``§``: eight). The first character of each alternative is what the stretch finder looks
    for. A rule runs only on stretches that satisfy one of its alternatives.
    """

    name: str
    keys: str
    pattern: re.Pattern[str]
    normalise: Callable[[re.Match[str], Anchor], Reading | None]


# --- regex fragments ------------------------------------------------------------------------
_D = "[0-9０-９]"
_CN = "〇零○一二三四五六七八九"
_SP = "[ \u3000]?"
_YEAR4 = rf"(?:{_D}{{4}}|[{_CN}]{{4}})"
_YEAR2 = rf"(?:{_D}{{2}}|[{_CN}]{{2}})"
_MONTH = "(?:1[0-2]|１[０-２]|0?[1-9]|０?[１-９]|十[一二]?|[一二三四五六七八九])"
_DAY = ("(?:[12][0-9]|3[01]|0?[1-9]|[１２][０-９]|３[０１]|０?[１-９]"
        "|三十一?|卅一?|二十[一二三四五六七八九]?|廿[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九])")
# Nothing that would make the number part of a longer number, code or version string.
_START = rf"(?<![0-9０-９{_CN}十百千万.．/\-－A-Za-z])"
# Weekday and time of day after a day are part of its span; the granularity stays "day".
_CLOCK = (rf"(?:{_D}{{1,2}}[:：]{_D}{{2}}(?:[:：]{_D}{{2}})?时?"
          rf"|(?:{_D}{{1,2}}|[零〇一二三四五六七八九十]{{1,3}})[时点](?:(?:{_D}{{1,2}}|[一二三四五六七八九十]{{1,3}})分|半|许)?)")
_DAYTIME = "(?:凌晨|清晨|早晨|早上|上午|中午|午间|午后|下午|傍晚|晚上|晚间|夜间|夜里|深夜|晚(?![会宴饭餐报霞年期辈婚班点]))"
_TIME = (rf"(?:{_SP}[（(]?(?:星期|周)[一二三四五六日天][)）]?)?(?:{_SP}{_DAYTIME})?(?:{_SP}{_CLOCK})?")
_UNIT_AFTER = ("万亿千百十多余个名人元家例米亩吨次号台辆架艘批项件户位座条只头匹套份所场届期级倍度斤克升秒分时天"
               "周月年日岁股款类册页篇部本张幅首行队组班处间栋层平立毫厘公英码磅枚颗粒片块根支株棵朵盏把口扇面"
               "道门尊趟轮圈局盘字句段节章回集卷")
# A day ends in 日/号; an Arabic day may stand bare after its month (10月22出生) when no number or unit follows.
_DAY_END = rf"(?:{_SP}[日号]|(?<=[0-9０-９])(?![0-9０-９.．%％:：{_UNIT_AFTER}]))"
_CONNECT = rf"{_SP}(?:起?至|到|[-－–~～]|—{{1,2}}|―{{1,2}}){_SP}"
_DASH = "(?:[-－–~～]|—{1,2}|―{1,2})"
_REL_YEAR = "(?:今年|去年|明年|前年|上年|本年)"
_MONTH_PART = "(?:份)?(?P<{p}part>上旬|中旬|下旬|月?初(?![步级心次赛选审稿见衷始创具现期])|月?底|月?末)?"


def _ymd_parts(p: str, *, year: bool, month: bool, day: bool, time: bool = True) -> str:
    """Year/month/day groups named with prefix ``p`` (``ay``, ``am``, ``ad`` …) for composing rules."""
    out = ""
    if year:
        out += rf"(?P<{p}y>{_YEAR4}|{_YEAR2}){_SP}年"
    if month:
        out += (_SP if year else "") + rf"(?P<{p}m>{_MONTH}){_SP}月"
    if day:
        out += (_SP if month else "") + rf"(?P<{p}d>{_DAY}){_DAY_END}" + (_TIME if time else "")
    return out


def _iso_parts(p: str) -> str:
    return (rf"(?P<{p}y>{_D}{{4}})(?P<{p}sep>[-/.．])(?P<{p}m>{_D}{{1,2}})(?P={p}sep)(?P<{p}d>{_D}{{1,2}})"
            rf"(?![0-9０-９]|[./\-][0-9])(?:(?:{_SP}|T){_CLOCK})?")


# --- numbers ----------------------------------------------------------------------------------
@functools.cache
def _small_numbers() -> Mapping[str, int]:
    """Every spelling of 1–31 that months and days use, with its value.

    Arabic (``3``, ``03``, ``０３``), Chinese (``三``, ``二十二``, ``廿二``, ``卅一``) and lunar
    days (``初四``, ``初8``), read once by :func:`parse_number` into an immutable table
    (cached by this pure loader) so the hot path is a dictionary lookup.
    """
    digits = "一二三四五六七八九"
    spellings = [*(str(n) for n in range(1, 32)), *(f"{n:02d}" for n in range(1, 10)), *digits, "十",
                 *(tens + "十" + unit for tens in ("", "二", "三") for unit in ("", *digits)),
                 "廿", *("廿" + unit for unit in digits), "卅", "卅一"]
    table: dict[str, int] = {}
    for spelling in spellings:
        value = parse_number(spelling)
        if value is not None and 1 <= value <= 31:
            table[spelling] = table[spelling.translate(_TO_FULLWIDTH)] = int(value)
    for spelling in [*digits, "十", *(str(n) for n in range(1, 11))]:
        table["初" + spelling] = table[spelling]
    return MappingProxyType(table)


_TO_FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
_LUNAR_MONTH_NAMES = {"正": 1, "冬": 11, "腊": 12}


def _small(text: str | None) -> int | None:
    if not text:
        return None
    return _small_numbers().get(text.strip(" \u3000"))


def _year_number(text: str) -> int | None:
    if text.isascii() and text.isdigit():
        return int(text)  # the common case (2024), without parse_number's Decimal
    value = parse_number(text.replace("○", "〇").strip(" \u3000"))
    return int(value) if value is not None and value == value.to_integral_value() else None


def _roc_year(text: str) -> int | None:
    """A year of the Republic of China calendar (Taiwan): 民国38年 = 1949, 112年 = 2023."""
    value = _year_number(text)
    return None if value is None or not 1 <= value <= 200 else 1911 + value


def _full_year(text: str | None, anchor: Anchor) -> int | None:
    """A written year: four digits as they are; three are a ROC year (Taiwan's 112年); two (``98年``)
    go in the century nearest the anchor."""
    if not text:
        return None
    value = _year_number(text)
    if value is None:
        return None
    digits = len(text.strip(" \u3000"))
    if digits == 3:
        return _roc_year(text)
    if digits == 2:
        if anchor.year is None:
            return None  # no century to put it in
        value = 2000 + value if 2000 + value <= anchor.year + 10 else 1900 + value
    return value


# --- context ------------------------------------------------------------------------------
# Words saying that a date lies ahead: in the sentence before it, right before it, or right after it.
_FUTURE_BEFORE = re.compile(r"将|拟|计划|预计|定于|决定|即将|届时|力争|争取|有望|预定|预期|准备|安排在|要在")
_FUTURE_JUST_BEFORE = re.compile(r"(?:从|自|至|到|直到)$")
_FUTURE_AFTER = re.compile(rf"^[，,]?{_SP}(?:起|前|之前|以前|开始|启动|实施|施行|生效|截止|到期|开幕|开通|上线|将|要)")
# How far past the publication month a year-less month is still read as this year's without a
# word of the future in its sentence. FACTS.md: none (a later month means the previous year).
_PART_OF_DAY = re.compile(r"\s*(?:凌晨|早上|早晨|上午|中午|下午|傍晚|晚上|晚间|晚|夜|夜间)?\s*")
_MONTHS_AHEAD = 0  # FACTS.md: a later month is last year's, unless the sentence is about the future
_DAYS_AHEAD = 10
_DURATION_BEFORE = re.compile(r"(?:近|长达|历时|经过|持续|已有|逾|超过|整整|将近|约有|公元前)$")
_DURATION_AFTER = re.compile(r"^(?:的?历史|之久|时光|光阴|岁月|的时间)")
_TERM_BEFORE = re.compile(r"(?:判|判处|判刑|改判|重判|徒刑|刑期|拘役|服刑|求刑|处刑|坐牢|关押)$")
_TERM_AFTER = re.compile(r"^(?:有期)?徒刑")
_CODE_BEFORE = re.compile(r"(?:号|码|编号|电话|手机|账号|证号|QQ|[Tt]el|No\.?)[:：]?$")


def _is_term(m: re.Match[str]) -> bool:
    """A prison term written like a date (判刑11年2月, 有期徒刑3月)."""
    return bool(_TERM_BEFORE.search(m.string, max(0, m.start() - 4), m.start()) or _TERM_AFTER.match(m.string[m.end():m.end() + 4]))


def _is_prospective(text: str, start: int, end: int) -> bool:
    """True when the date's sentence speaks of the future (将, 计划, 定于 …) or the date is a start/deadline."""
    head = max(text.rfind(c, max(0, start - 40), start) for c in "。！？!?；;\n") + 1
    if _FUTURE_BEFORE.search(text, max(head, start - 20), start) or _FUTURE_JUST_BEFORE.search(text, max(0, start - 2), start):
        return True
    if _FUTURE_AFTER.match(text[end:end + 6]):
        return True
    # the rest of the date's clause; a date heading its sentence (7月26日晚，…) governs the next clause too
    tail = _clause_end(text, end)
    if tail < len(text) and text[tail] in "，," and _PART_OF_DAY.fullmatch(text, end, tail):
        tail = _clause_end(text, tail + 1)
    return bool(_FUTURE_BEFORE.search(text, end, tail))


def _clause_end(text: str, start: int, limit: int = 24) -> int:
    return min((i for i in (text.find(c, start, start + limit) for c in "。！？!?；;，,\n") if i >= 0),
               default=min(len(text), start + limit))


def _year_of_month(month: int, m: re.Match[str], anchor: Anchor) -> int | None:
    """The year of a month written without one (FACTS.md: a later month means the previous year).

    The rule is for past events: a month at most ``_MONTHS_AHEAD`` after the publication month,
    or one the sentence puts in the future (``将``, ``计划``, ``起``), is this year's.
    """
    pub = anchor.published
    if pub is None:
        return anchor.year
    ahead = month - pub.month
    if ahead <= 0:
        return pub.year
    if ahead <= _MONTHS_AHEAD or _is_prospective(m.string, m.start(), m.end()):
        return pub.year
    return pub.year - 1


def _month_of_day(day: int, m: re.Match[str], pub: date) -> tuple[int, int]:
    """(year, month) of a day written alone (``22日``): this month, or the last if the day is well ahead."""
    ahead = day - pub.day
    if ahead <= _DAYS_AHEAD or _is_prospective(m.string, m.start(), m.end()):
        return pub.year, pub.month
    return _shift_month(pub.year, pub.month, -1)


# --- readings -----------------------------------------------------------------------------
_REL_YEAR_OFFSET = {"今年": 0, "本年": 0, "去年": -1, "上年": -1, "上一年": -1, "明年": 1, "前年": -2}
_REL_MONTH_OFFSET = {"本月": 0, "这个月": 0, "上月": -1, "上个月": -1, "上一个月": -1, "上一月": -1,
                     "下月": 1, "下个月": 1, "下一个月": 1, "下一月": 1}
_REL_DAY_OFFSET = {"今天": 0, "今日": 0, "今晨": 0, "今早": 0, "今晚": 0, "今夜": 0,
                   "昨天": -1, "昨日": -1, "昨晚": -1, "昨夜": -1, "前天": -2,
                   "明天": 1, "明日": 1, "明晚": 1, "明早": 1}
_DEKAD = {"上旬": (1, 10), "中旬": (11, 20), "下旬": (21, 31)}
_HALF = {"上半年": (1, 6), "下半年": (7, 12)}


def _month_end(year: int, month: int) -> int:
    return ((date(year + month // 12, month % 12 + 1, 1)) - timedelta(days=1)).day


def _day_iso(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _group(m: re.Match[str], name: str) -> str | None:
    return m.group(name) if name in m.re.groupindex else None


def _plausible(year: int, *, with_month: bool) -> bool:
    """A year worth reading as a date: 1800–2100 alone (from 1000 with a month: 1368年8月)."""
    return (1000 if with_month else 1800) <= year <= 2100


class _Point(NamedTuple):
    year: int | None
    month: int | None
    day: int | None
    resolved: Resolved


def _point(m: re.Match[str], groups: Mapping[str, str | None], anchor: Anchor, p: str = "") -> _Point | None:
    """Year/month/day of one date mention (``groups``, the match's groupdict: ``{p}y``, ``{p}rel``, ``{p}m``, ``{p}d``)."""
    month_text, day_text = groups.get(p + "m"), groups.get(p + "d")
    month, day = _small(month_text), _small(day_text)
    if (month_text and not month) or (day_text and not day) or (month and month > 12):
        return None
    year_text, rel = groups.get(p + "y"), groups.get(p + "rel")
    if (year_text and len(year_text.strip(" \u3000")) == 2 or month and not (year_text or rel or day)) and _is_term(m):
        return None  # 判刑10年6月, 有期徒刑3月: a prison term, not a date
    if year_text:
        year = _full_year(year_text, anchor) if not groups.get(p + "roc") else _roc_year(year_text)
        if year is None or not _plausible(year, with_month=month is not None):
            return None
        return _Point(year, month, day, "absolute")
    if rel:
        if anchor.year is None:
            return None
        return _Point(anchor.year + _REL_YEAR_OFFSET[rel], month, day, "relative")
    if month:
        year = _year_of_month(month, m, anchor)
        return None if year is None else _Point(year, month, day, "inferred_year")
    if day and anchor.published is not None:
        year, month = _month_of_day(day, m, anchor.published)
        return _Point(year, month, day, "inferred_year")
    return None


def _calendar_date(m: re.Match[str], anchor: Anchor) -> Reading | None:
    """One day, month or year, with an optional part (``初``, ``下旬``, ``年度``)."""
    groups = m.groupdict()  # once: the readers below look up several groups, most of them absent
    point = _point(m, groups, anchor)
    if point is None:
        return None
    year, month, day, resolved = point
    if day:
        iso = _day_iso(year, month, day)
        return None if iso is None else Reading(iso, "day", resolved)
    part = groups.get("part") or ""
    if month:
        if part in _DEKAD:
            first, last = _DEKAD[part]
            last = min(last, _month_end(year, month))
            return Reading(f"{year:04d}-{month:02d}-{first:02d}/{year:04d}-{month:02d}-{last:02d}", "range", resolved)
        return Reading(f"{year:04d}-{month:02d}", "month", resolved)
    return Reading(f"{year:04d}", "year", resolved)


def _written_year(m: re.Match[str], anchor: Anchor) -> Reading | None:
    """``2020年`` as a time, not a duration (``有2000年的历史``, ``近2000年``)."""
    text = m.string
    if _DURATION_BEFORE.search(text, max(0, m.start() - 4), m.start()) or _DURATION_AFTER.match(text[m.end():m.end() + 4]):
        return None
    return _calendar_date(m, anchor)


def _bare_year(m: re.Match[str], anchor: Anchor) -> Reading | None:
    """``2020扶贫车间系列技能竞赛``: a year naming an edition, not a quantity."""
    year = int(m.group("y"))
    if not 1900 <= year <= 2100 or (anchor.year is not None and year > anchor.year + 10):
        return None
    return Reading(f"{year:04d}", "year", "absolute")


def _compact_date(m: re.Match[str], anchor: Anchor) -> Reading | None:
    """``20240307``: eight digits standing alone, not a phone/ID/code number."""
    if _CODE_BEFORE.search(m.string, max(0, m.start() - 6), m.start()):
        return None
    return _calendar_date(m, anchor)


def _relative_day(m: re.Match[str], anchor: Anchor) -> Reading | None:
    """今天/昨天/明天 → a day, 本月/上月/下月 → a month; only with a publication date."""
    pub = anchor.published
    if pub is None:
        return None
    word = m.group("rel")
    if word in _REL_DAY_OFFSET:
        return Reading((pub + timedelta(days=_REL_DAY_OFFSET[word])).isoformat(), "day", "relative")
    year, month = _shift_month(pub.year, pub.month, _REL_MONTH_OFFSET[word])
    day = _small(_group(m, "d"))
    if day:
        iso = _day_iso(year, month, day)
        return None if iso is None else Reading(iso, "day", "relative")
    return Reading(f"{year:04d}-{month:02d}", "month", "relative")


def _day_in_parentheses(m: re.Match[str], anchor: Anchor) -> Reading | None:
    """Taiwan's 今（15）日, 昨(29)日: the numbered day nearest the day the word points at."""
    pub = anchor.published
    day = _small(m.group("d"))
    if pub is None or not day:
        return None
    target = pub + timedelta(days={"今": 0, "昨": -1, "明": 1}[m.group("rel")])
    found = [d for offset in (0, -1, 1) if (iso := _day_iso(*_shift_month(target.year, target.month, offset), day))
             for d in (date.fromisoformat(iso),)]
    if not found:
        return None
    return Reading(min(found, key=lambda d: abs((d - target).days)).isoformat(), "day", "relative")


def _shift_month(year: int, month: int, offset: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + offset
    return index // 12, index % 12 + 1


def _relative_year(m: re.Match[str], anchor: Anchor) -> Reading | None:
    """今年/去年/明年/前年 (with 初/底/度 collapsed to the year): needs only a year."""
    if anchor.year is None:
        return None
    rel = m.group("rel") or m.group("rel2") or "今年"  # 年初/年底 alone: this year's
    return Reading(f"{anchor.year + _REL_YEAR_OFFSET[rel]:04d}", "year", "relative")


def _this_and_next_year(m: re.Match[str], anchor: Anchor) -> Reading | None:
    """今明两年 → this year and the next as a range."""
    if anchor.year is None:
        return None
    return Reading(f"{anchor.year:04d}/{anchor.year + 1:04d}", "range", "relative")


def _year_part(m: re.Match[str], anchor: Anchor) -> Reading | None:
    """上半年, 一季度, 前三季度, 今年前5个月 → month ranges; 一季度末 → its last month."""
    part = m.group("part")
    first, last = _part_months(m)
    if first is None:
        return None
    year_text, rel = _group(m, "y"), _group(m, "rel")
    if year_text:
        year = _full_year(year_text, anchor)
        if year is None or not _plausible(year, with_month=False):
            return None
        resolved: Resolved = "absolute"
    elif rel:
        if anchor.year is None:
            return None
        year, resolved = anchor.year + _REL_YEAR_OFFSET[rel], "relative"
    else:
        if part.startswith("前") and "季度" not in part:
            return None  # 前5个月 alone is a duration
        year = _year_of_month(first, m, anchor)
        if year is None:
            return None
        resolved = "inferred_year"
    edge = m.group("qedge")
    if edge:
        month = first if edge == "初" else last
        return Reading(f"{year:04d}-{month:02d}", "month", resolved)
    return Reading(f"{year:04d}-{first:02d}/{year:04d}-{last:02d}", "range", resolved)


def _relative_quarter(m: re.Match[str], anchor: Anchor) -> Reading | None:
    """本季度/上季度/下个季度 (末/初) → the quarter's months; only with a publication date."""
    pub = anchor.published
    if pub is None:
        return None
    offset = {"本": 0, "这": 0, "上": -1, "下": 1}[m.group("rel")]
    year, first = _shift_month(pub.year, (pub.month - 1) // 3 * 3 + 1, 3 * offset)
    edge = m.group("qedge")
    if edge:
        return Reading(f"{year:04d}-{first if edge == '初' else first + 2:02d}", "month", "relative")
    return Reading(f"{year:04d}-{first:02d}/{year:04d}-{first + 2:02d}", "range", "relative")


def _part_months(m: re.Match[str]) -> tuple[int | None, int | None]:
    part = m.group("part")
    if part in _HALF:
        return _HALF[part]
    quarter = 1 if m.group("q1") else _small(m.group("q"))
    if m.group("quarters"):
        count = _small(m.group("quarters").replace("两", "二"))
        return (1, 3 * count) if count and count <= 4 else (None, None)
    if m.group("months"):
        count = _small(m.group("months").replace("两", "二"))
        return (1, count) if count and count <= 12 else (None, None)
    if quarter and 1 <= quarter <= 4:
        return 3 * quarter - 2, 3 * quarter
    return None, None


def _calendar_range(m: re.Match[str], anchor: Anchor) -> Reading | None:
    """Two endpoints; the second borrows the year (and month) it leaves out from the first."""
    groups = m.groupdict()
    a = _point(m, groups, anchor, "a")
    if a is None:
        return None
    b_month_text, b_year_text, b_rel = groups.get("bm"), groups.get("by"), groups.get("brel")
    b_month = _small(b_month_text) if b_month_text else a.month
    b_day_text = groups.get("bd")
    b_day = _small(b_day_text)
    if b_year_text:
        b_year = _full_year(b_year_text, anchor)
    elif b_rel:
        b_year = None if anchor.year is None else anchor.year + _REL_YEAR_OFFSET[b_rel]
    elif a.resolved == "inferred_year" and b_month and a.month and b_month < a.month:
        b_year = a.year + 1  # 12月至2月
    else:
        b_year = a.year
    if b_year is None or (b_month_text and not b_month) or (b_day_text and not b_day):
        return None
    if a.day:
        start, end = _day_iso(a.year, a.month, a.day), _day_iso(b_year, b_month, b_day) if b_day else None
    elif a.month:
        start, end = f"{a.year:04d}-{a.month:02d}", f"{b_year:04d}-{b_month:02d}" if b_month and b_month <= 12 else None
    else:
        start, end = f"{a.year:04d}", f"{b_year:04d}" if _plausible(b_year, with_month=False) else None
    if start is None or end is None or end <= start:
        return None
    return Reading(f"{start}/{end}", "range", a.resolved)


_LIST_ITEM = re.compile(rf"{_DAY}")


def _consecutive(m: re.Match[str], first: int | None, last: int | None) -> bool:
    """A list (8月5、6日; 6、7月份) read as a range only when its items follow one another."""
    if not first or not last:
        return False
    middle = [_small(item) for item in _LIST_ITEM.findall(m.group("middle"))]
    return [first, *middle, last] == list(range(first, last + 1))


def _consecutive_days(m: re.Match[str], anchor: Anchor) -> Reading | None:
    """8月5、6日 / 7月20日和21日 → 2020-08-05/2020-08-06 (consecutive days only)."""
    if not _consecutive(m, _small(m.group("ad")), _small(m.group("bd"))):
        return None
    return _calendar_range(m, anchor)


def _consecutive_months(m: re.Match[str], anchor: Anchor) -> Reading | None:
    """6、7月份 → 2020-06/2020-07 (consecutive months only)."""
    if not _consecutive(m, _small(m.group("am")), _small(m.group("bm"))):
        return None
    return _calendar_range(m, anchor)


def _five_year_plan(m: re.Match[str], anchor: Anchor) -> Reading | None:
    """十四五 → 2021/2025. Plans 1–2 ran 1953–1962; after three adjustment years plan n starts 1966+5(n−3)."""
    n = _small(m.group("n") or m.group("n2"))
    if n is None or n < 3:
        return None
    start = 1966 + 5 * (n - 3)
    return Reading(f"{start}/{start + 4}", "range", "absolute")


def _decade(m: re.Match[str], anchor: Anchor) -> Reading | None:
    """上世纪80年代 → 1980/1989; 20世纪60年代 → 1960/1969; a bare 80年代 is the 1900s."""
    dec_text, century_text = m.group("dec"), m.group("c")
    dec = _year_number(dec_text) if dec_text[0] in "0123456789" else parse_number(dec_text)
    if dec is None:
        return None
    dec = int(dec)
    if dec >= 100:
        start = dec
    elif century_text:
        if century_text.startswith("上"):
            base = 1900 if anchor.year is None or anchor.year >= 2001 else 1800
        else:
            century = parse_number(century_text.removesuffix("世纪"))
            if century is None:
                return None
            base = (int(century) - 1) * 100
        start = base + dec
    elif dec >= 30:
        start = 1900 + dec
    else:
        return None
    if start % 10 or not 1000 <= start <= 2090:
        return None
    return Reading(f"{start}/{start + 9}", "range", "absolute")


_WEEK_OFFSET = {"上上": -2, "下下": 2, "上": -1, "下": 1, "本": 0, "这": 0}
_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
# 每周一至周五, 逢周三、周五: a weekday of a recurring schedule, not a date.
_RECURRING_WEEKDAY = re.compile(r"[每逢隔](?:个)?(?:周|星期|礼拜)[一二三四五六日天](?:至|到|[-－~～—、和或])$")
_RECURRING_WEEKDAY_START = re.compile(r"[每逢隔]个?$")


def _week_offset(m: re.Match[str]) -> int | None:
    rel = _group(m, "wrel")
    return None if not rel else _WEEK_OFFSET[rel[0] * 2 if rel.startswith(("上上", "下下")) else rel[0]]


def _week(m: re.Match[str], anchor: Anchor) -> Reading | None:
    """本周/这周/上周/上上周/下一周 → Monday to Sunday of that week; only with a publication date."""
    pub = anchor.published
    if pub is None:
        return None
    monday = pub - timedelta(days=pub.weekday()) + timedelta(weeks=_week_offset(m) or 0)
    return Reading(f"{monday.isoformat()}/{(monday + timedelta(days=6)).isoformat()}", "range", "relative")


# Before a weekday: words that put it ahead of the publication day (将于周五, 到周六, 预估周五至周六, 最快会在周五).
_WEEKDAY_AHEAD_BEFORE = re.compile(r"(?:将|拟|计划|预计|定于|即将|届时|预估|预测|预报|估|可能|恐|会|最快|最晚|从|自|至|到|直到)[于在]?$")


def _weekday_day(m: re.Match[str], pub: date) -> date:
    """The day of the match's (first) weekday: that week's with 本/上/下; else the last one on or before
    the publication day, or the next one when a word right before or after puts it ahead."""
    day = pub - timedelta(days=pub.weekday()) + timedelta(days=_WEEKDAYS[m.group("wd") or m.group("wd2")])
    offset = _week_offset(m)
    ahead = _WEEKDAY_AHEAD_BEFORE.search(m.string, max(0, m.start() - 4), m.start()) or _FUTURE_AFTER.match(m.string, m.end())
    if offset is not None:
        day += timedelta(weeks=offset)
    elif day > pub and not ahead:
        day -= timedelta(weeks=1)
    elif day < pub and ahead:
        day += timedelta(weeks=1)
    return day


def _weekday_range(m: re.Match[str], anchor: Anchor) -> Reading | None:
    """周五至周六, 周四到周日 → from the first day to the next occurrence of the second."""
    pub = anchor.published
    if pub is None or _RECURRING_WEEKDAY_START.search(m.string, max(0, m.start() - 3), m.start()):
        return None
    first = _weekday_day(m, pub)
    gap = (_WEEKDAYS[m.group("bwd") or m.group("bwd2")] - first.weekday()) % 7
    if gap == 0:
        return None
    return Reading(f"{first.isoformat()}/{(first + timedelta(days=gap)).isoformat()}", "range", "relative")


def _weekday(m: re.Match[str], anchor: Anchor) -> Reading | None:
    """周三, 星期天, 下周六, 上个礼拜天 → the day. A bare weekday is the last one on or before the
    publication day (as a later month is last year's) unless a word right before or after it puts it
    ahead (将于周五举行, 到周六, 周五起 → the next one; 周一表示将… is Monday past); with 本/上/下 it is
    that week's."""
    pub = anchor.published
    if pub is None or _RECURRING_WEEKDAY.search(m.string, max(0, m.start() - 8), m.start()):
        return None
    return Reading(_weekday_day(m, pub).isoformat(), "day", "relative")


_ROC_NOT_A_YEAR_AFTER = re.compile(r"(?:来|前|后|多|余|左右|以来|之久|里|内|的?历史|光景|时间|寿|周年)")


def _roc_bare_year(m: re.Match[str], anchor: Anchor) -> Reading | None:
    """Taiwan's 113年 written alone (113年总预算, 于118年完工): a ROC year, but only near the article's
    own year (ten years ahead, fifteen back) and not a duration (已有113年历史, 113年来)."""
    year = _roc_year(m.group("y"))
    if year is None or anchor.year is None or not anchor.year - 15 <= year <= anchor.year + 10:
        return None
    text = m.string
    if _DURATION_BEFORE.search(text, max(0, m.start() - 4), m.start()) or _ROC_NOT_A_YEAR_AFTER.match(text, m.end()):
        return None
    return Reading(f"{year:04d}", "year", "absolute")


# 占1/3, 约1/5, 1/4决赛: a fraction. A small numerator over a small denominator is a date only when the
# text around it says so (于7/1起, 1/5（五）, 1/3至1/5).
_FRACTION_BEFORE = re.compile(r"(?:占|佔|约|逾|超过|超|仅|只|剩|近|达|不到|不足|将近|大约|每)$")
_FRACTION_AFTER = re.compile(r"(?:的|以上|以下|左右|之|强|弱|多|决赛|赛|[比倍核]|[%s])"
                             % "".join(sorted(set(_UNIT_AFTER) - set("日号时点分天周月年"))))
_DATE_CONTEXT_BEFORE = re.compile(r"(?:于|在|自|从|至|到|即日起至|截至|[（(、])$")
_DATE_CONTEXT_AFTER = re.compile(r"[起至到\-－~～（(前晚早上下中凌当日号]")


def _slash_fraction(m: re.Match[str]) -> bool:
    """占1/3, 1/4决赛, 8/16核: a fraction or a ratio; 1/5 alone needs a date word around it."""
    text, start = m.string, m.start()
    if _FRACTION_BEFORE.search(text, max(0, start - 2), start) or _FRACTION_AFTER.match(text, m.end()):
        return True
    month, day = _small(m.group("m")), _small(m.group("d"))
    if month and day and month < day <= 9:
        return not (_DATE_CONTEXT_BEFORE.search(text, max(0, start - 4), start) or _DATE_CONTEXT_AFTER.match(text, m.end()))
    return False


def _slash_date(m: re.Match[str], anchor: Anchor) -> Reading | None:
    """Taiwan's 7/18, 8/21登场, 7／13开放 (month/day): a day, the year as for 7月18日."""
    if _slash_fraction(m):
        return None
    return _calendar_date(m, anchor)


def _slash_range(m: re.Match[str], anchor: Anchor) -> Reading | None:
    """7/20-7/26, 8/18至19, 7／25 至 8／2 → a range of days."""
    if _FRACTION_BEFORE.search(m.string, max(0, m.start() - 2), m.start()):
        return None
    return _calendar_range(m, anchor)


# Lunar festivals (month, day) and fixed Gregorian holidays, when qualified by a year.
_LUNAR_FESTIVALS = {"春节": (1, 1), "元宵节": (1, 15), "端午节": (5, 5), "端午": (5, 5), "中秋": (8, 15), "七夕": (7, 7), "七夕节": (7, 7),
                    "中秋节": (8, 15), "重阳节": (9, 9), "腊八节": (12, 8)}
_SOLAR_HOLIDAYS = {"元旦": (1, 1), "劳动节": (5, 1), "五一": (5, 1), "国庆节": (10, 1), "国庆": (10, 1), "妇女节": (3, 8), "儿童节": (6, 1),
                   "建党节": (7, 1), "建军节": (8, 1), "教师节": (9, 10)}


def _solar(lunar_year: int, month: int, day: int, leap: bool = False) -> date | None:
    try:
        lunar = LunarDate(lunar_year, month, day, leap)
        to_solar = getattr(lunar, "to_solar_date", None) or lunar.toSolarDate
        return to_solar()
    except (ValueError, IndexError, KeyError) as exc:
        log.debug("no lunar date %s-%s-%s (leap=%s): %s", lunar_year, month, day, leap, exc)
        return None


def _lunar_year(m: re.Match[str], anchor: Anchor, month: int, day: int, leap: bool) -> tuple[int, Resolved] | None:
    """The lunar year of a lunar date: written, relative, or that of the occurrence nearest publication."""
    year_text, rel = _group(m, "y"), _group(m, "rel")
    if year_text:
        year = _full_year(year_text, anchor)
        return None if year is None else (year, "absolute")
    if anchor.year is None:
        return None
    if rel:
        return anchor.year + _REL_YEAR_OFFSET[rel], "relative"
    pub = anchor.published
    if pub is None:
        return anchor.year, "inferred_year"
    # Festivals come round every year: the occurrence nearest the publication date (ties: the past one).
    found = [(abs((solar - pub).days), solar > pub, year) for year in (pub.year - 1, pub.year, pub.year + 1)
             if (solar := _solar(year, month, day, leap)) is not None]
    return (min(found)[2], "inferred_year") if found else None


def _lunar_month(month_text: str, day_text: str | None, calendar: str | None, suffix: str | None) -> int | None:
    """The month of a lunar month-day, or None when it is a Gregorian one (5月10日) or no month."""
    month = _LUNAR_MONTH_NAMES.get(month_text) or _small(month_text)
    if not month or month > 12:
        return None
    explicit_lunar = calendar or month_text in _LUNAR_MONTH_NAMES or bool(day_text) and day_text[0] in "初廿卅"
    # 八月十五, 二月二 (no 日): a lunar day by tradition; 一月一 is too often 一月一次.
    chinese_day = day_text and day_text[0] in "一二三四五六七八九十" and day_text != "一" and not suffix
    if not explicit_lunar and not (chinese_day and month_text[0] in "一二三四五六七八九十"):
        return None  # a Gregorian month-day
    if not day_text and not (calendar or month_text in _LUNAR_MONTH_NAMES):
        return None
    return month


def _lunar_range(m: re.Match[str], anchor: Anchor) -> Reading | None:
    """农历正月初一至正月初八, 腊月二十三至二十九 → the Gregorian days; the year is that of the first day."""
    calendar = m.group("cal") or m.group("cal0")
    month = _lunar_month(m.group("m"), m.group("d"), calendar, None)
    b_month_text = m.group("bm") or m.group("m")
    b_month = _lunar_month(b_month_text, m.group("bd"), calendar or "农历", None)
    day, b_day = _small(m.group("d")), _small(m.group("bd"))
    if not month or not b_month or not day or not b_day or day > 30 or b_day > 30:
        return None
    found = _lunar_year(m, anchor, month, day, False)
    if found is None:
        return None
    year, resolved = found
    first = _solar(year, month, day)
    last = _solar(year + (b_month < month), b_month, b_day)
    if first is None or last is None or last <= first:
        return None
    return Reading(f"{first.isoformat()}/{last.isoformat()}", "range", resolved)


def _lunar_date(m: re.Match[str], anchor: Anchor) -> Reading | None:
    """农历正月初四, 腊月二十三, 八月十五 → the Gregorian day (lunardate); 农历六月 → its days as a range."""
    month_text, day_text, calendar = m.group("m") or "正", m.group("d"), m.group("cal") or m.group("cal0")
    month = _lunar_month(month_text, day_text, calendar, m.group("suffix"))
    if month is None:
        return None
    leap = bool(m.group("leap"))
    day = _small(day_text) if day_text else 1
    if not day or day > 30:
        return None
    found = _lunar_year(m, anchor, month, day, leap)
    if found is None:
        return None
    year, resolved = found
    first = _solar(year, month, day, leap)
    if first is None:
        return None
    if day_text:
        return Reading(first.isoformat(), "day", resolved)
    last = _solar(year, month, 30, leap) or _solar(year, month, 29, leap)
    return None if last is None else Reading(f"{first.isoformat()}/{last.isoformat()}", "range", resolved)


def _festival(m: re.Match[str], anchor: Anchor) -> Reading | None:
    """2021年春节, 去年中秋节, 今年国庆节 → the day (a festival without a year is not emitted)."""
    name = m.group("f")
    year_text, rel = _group(m, "y"), _group(m, "rel")
    if year_text:
        year, resolved = _full_year(year_text, anchor), "absolute"
    elif anchor.year is not None:
        year, resolved = anchor.year + _REL_YEAR_OFFSET[rel], "relative"
    else:
        return None
    if year is None or not _plausible(year, with_month=False):
        return None
    if name in _SOLAR_HOLIDAYS:
        return Reading(date(year, *_SOLAR_HOLIDAYS[name]).isoformat(), "day", resolved)
    if name in ("除夕", "大年三十"):  # the eve of that year's Spring Festival
        new_year = _solar(year, 1, 1)
        return None if new_year is None else Reading((new_year - timedelta(days=1)).isoformat(), "day", resolved)
    solar = _solar(year, *_LUNAR_FESTIVALS[name])
    return None if solar is None else Reading(solar.isoformat(), "day", resolved)


# --- the rule table ---------------------------------------------------------------------------
_CONNECTOR_CHARS = "至到-－–—―~～"  # the characters of _CONNECT


def _joined(keys: str) -> str:
    """Keys of a range: those of its endpoints plus one of the connectors."""
    return " ".join(keys + connector for connector in _CONNECTOR_CHARS)


def _rule(name: str, keys: str, pattern: str, normalise: Callable[[re.Match[str], Anchor], Reading | None]) -> Rule:
    return Rule(name, keys, re.compile(pattern), normalise)


_YEAR_GROUP = rf"(?P<y>{_YEAR4}|{_YEAR2}){_SP}年"
# 本 of 日本周…, 基本, 成本 is no "this": not after a character that ends such a word.
_WEEK_REL = "上上|下下|上一?个?|下一?个?|(?<![日基根成资版剧样课书账笔文范蓝副原抄标脚])本|这一?个?"
_LUNAR_DAY = rf"初(?:[一二三四五六七八九十]|10|[1-9])|{_DAY}"
# 周三, 星期天, 下周六, 上周星期三; not 每周三, 一周三次, 夏商周三代, 周一围 (a name).
_WEEKDAY_START = (rf"(?:(?P<wrel>{_WEEK_REL})(?:周|星期|礼拜)?"
                  rf"|(?<![0-9０-９一二三四五六七八九十两几多数每逢隔各双单全整半上下本这个前后近商西东宗]))")
_WEEKDAY = "(?:(?:星期|礼拜)(?P<{p}wd>[一二三四五六日天])|周(?P<{p}wd2>[一二三四五六日]))"
_WEEKDAY_END = rf"(?![次个年岁天期届轮趟名位围线]|{_SP}[（(][0-9０-９])(?:{_SP}{_DAYTIME})?(?:{_SP}{_CLOCK})?"
# Taiwan's month/day: 7/18, 07/17, 7／13; not inside a longer number, date, version or fraction.
_SLASH_START = r"(?<![0-9０-９.．/／:：\-－A-Za-z])"
_SLASH_MONTH = "1[0-2]|0?[1-9]"
_SLASH_DAY = "3[01]|[12][0-9]|0?[1-9]"
_WEEKDAY_NOTE = "[（(](?:周|星期)?[一二三四五六日天][)）]"  # 7/18（六）
_YEAR4_GROUP = rf"(?P<y>{_YEAR4}){_SP}年"

RULES: tuple[Rule, ...] = (
    # Ranges first: on equal length a range beats its endpoints.
    _rule("date.range_ymd", _joined("年月0"),
          _START + _ymd_parts("a", year=True, month=True, day=True) + _CONNECT
          + rf"(?:(?:(?P<by>{_YEAR4}|{_YEAR2}){_SP}年{_SP})?(?P<bm>{_MONTH}){_SP}月{_SP})?(?P<bd>{_DAY}){_DAY_END}{_TIME}",
          _calendar_range),
    _rule("date.range_md", _joined("月0"),
          rf"(?:(?P<arel>{_REL_YEAR})|(?<![0-9０-９{_CN}十年]))" + _ymd_parts("a", year=False, month=True, day=True) + _CONNECT
          + rf"(?:(?P<bm>{_MONTH}){_SP}月{_SP})?(?P<bd>{_DAY}){_DAY_END}{_TIME}",
          _calendar_range),
    _rule("date.range_d", _joined("日0"),
          rf"(?<![0-9０-９{_CN}十廿卅月第每数几近前后当同次翌该本上下多连整个余来初])(?P<ad>[12]?[0-9]|3[01]){_SP}日"
          + _CONNECT + rf"(?P<bd>[12]?[0-9]|3[01]){_SP}日{_TIME}",
          _calendar_range),
    _rule("date.range_iso", _joined("#"), _START + _iso_parts("a") + _CONNECT + _iso_parts("b"), _calendar_range),
    _rule("date.range_ym", _joined("年月0"),
          rf"(?:{_START}(?P<ay>{_YEAR4}|{_YEAR2}){_SP}年{_SP}|(?P<arel>{_REL_YEAR}))(?P<am>{_MONTH}){_SP}月?" + _CONNECT
          + rf"(?:(?P<by>{_YEAR4}|{_YEAR2}){_SP}年{_SP}|(?P<brel>{_REL_YEAR}))?(?P<bm>{_MONTH}){_SP}月(?:份)?(?![0-9０-９])",
          _calendar_range),
    _rule("date.range_m", _joined("月0"),
          rf"(?:(?P<arel>{_REL_YEAR})|(?<![0-9０-９{_CN}十年第每前近]))(?P<am>{_MONTH}){_SP}月?(?:份)?" + _CONNECT
          + rf"(?P<bm>{_MONTH}){_SP}月(?:份)?(?![0-9０-９]|{_SP}{_DAY}{_SP}[日号])",
          _calendar_range),
    _rule("date.range_relative", " ".join(k + c for k in ("月（", "月(") for c in _CONNECTOR_CHARS),
          # 明天（4月15日）至5月5日: the relative word and its date in parentheses start the range
          rf"(?:今天|明天|昨天|今日|明日|昨日)[（(]" + _ymd_parts("a", year=False, month=True, day=True, time=False)
          + rf"[)）]{_TIME}" + _CONNECT + rf"(?:(?P<bm>{_MONTH}){_SP}月{_SP})?(?P<bd>{_DAY}){_DAY_END}{_TIME}",
          _calendar_range),
    _rule("date.range_slash", " ".join(k + c for k in ("/0", "／0") for c in _CONNECTOR_CHARS),
          _SLASH_START + rf"(?P<am>{_SLASH_MONTH})[/／](?P<ad>{_SLASH_DAY})(?:{_SP}{_WEEKDAY_NOTE})?"
          + rf"{_SP}(?:至|到|[-－–~～]|—{{1,2}}){_SP}(?:(?P<bm>{_SLASH_MONTH})[/／])?(?P<bd>{_SLASH_DAY})(?:[日号])?"
          + rf"(?![0-9０-９/／.．%％:：])(?:{_SP}{_WEEKDAY_NOTE})?",
          _slash_range),
    _rule("date.range_y", _joined("年0"),
          _START + rf"(?P<ay>{_YEAR4}){_SP}年?(?:度)?" + _CONNECT + rf"(?P<by>{_YEAR4}){_SP}年(?:度)?(?!代)",
          _calendar_range),
    _rule("date.range_y_bare", _joined("#"),
          rf"(?<![0-9０-９.．/\-－:：A-Za-z])(?P<ay>(?:19|20)[0-9]{{2}}){_SP}{_DASH}{_SP}(?P<by>(?:19|20)[0-9]{{2}})"
          rf"(?![0-9０-９年月日号]|[./\-][0-9]|{_SP}[{_UNIT_AFTER}])",
          _calendar_range),
    _rule("date.day_list", "月0、 月0和 月0及 月0与",
          rf"(?<![0-9０-９{_CN}十年历])(?P<am>{_MONTH}){_SP}月{_SP}(?P<ad>{_DAY})(?:{_SP}[日号])?"
          rf"(?P<middle>(?:[、和及与]{_SP}{_DAY}(?:{_SP}[日号])?)*)[、和及与]{_SP}(?P<bd>{_DAY}){_SP}[日号]{_TIME}",
          _consecutive_days),
    _rule("date.month_list", "月0、 月0和 月0及 月0与",
          rf"(?<![0-9０-９{_CN}十年第每前近])(?P<am>{_MONTH})(?:{_SP}月)?(?P<middle>(?:[、和及与]{_MONTH}(?:{_SP}月)?)*)"
          rf"[、和及与](?P<bm>{_MONTH}){_SP}月(?:份)?(?![0-9０-９]|{_SP}{_DAY}{_SP}[日号])",
          _consecutive_months),
    _rule("date.five_year_plan", "五十 五六 五七 五八 五九",
          rf"(?:(?<=[“‘\"「『])(?P<n>十[一二三四五]?|[六七八九])五(?=[”’\"」』])"
          rf"|(?<![一二三四五六七八九十])(?P<n2>十[一二三四五]|十)五(?=规划|计划|时期|期间|期末|末期|开局|以来|初期|中期|收官|纲要|目标))",
          _five_year_plan),
    # Single calendar dates.
    _rule("date.iso", "#- #/ #. #．", _START + _iso_parts(""), _calendar_date),
    _rule("date.compact", "#§",
          r"(?<![0-9０-９A-Za-z\-－./])(?P<y>(?:19|20)[0-9]{2})(?P<m>0[1-9]|1[0-2])(?P<d>0[1-9]|[12][0-9]|3[01])"
          rf"(?![0-9０-９A-Za-z]|[\-－./][0-9]|[{_UNIT_AFTER}])",
          _compact_date),
    _rule("date.ymd", "年月0", _START + _ymd_parts("", year=True, month=True, day=True), _calendar_date),
    _rule("date.ym", "年月0", _START + _YEAR_GROUP + rf"{_SP}(?P<m>{_MONTH}){_SP}月" + _MONTH_PART.format(p=""), _calendar_date),
    _rule("date.year", "年0",
          _START + _YEAR4_GROUP + "(?:度|初(?![步级心次赛选审稿见衷始创具现期])|底|末)?(?![代龄])",
          _written_year),
    _rule("date.roc", "年民 年1",
          rf"(?:(?P<roc>民国)|(?<![0-9０-９.．])(?=1[0-9]{{2}}年(?:度|{_MONTH}月)))(?P<y>{_D}{{1,3}}|[{_CN}十]{{1,4}}){_SP}年"
          rf"(?:度)?(?:{_SP}(?P<m>{_MONTH}){_SP}月(?:{_SP}(?P<d>{_DAY}){_DAY_END}{_TIME})?)?",
          _calendar_date),
    _rule("date.roc_year", "年1",
          rf"(?<![0-9０-９.．/／\-－:：A-Za-z第近逾约达有共满历余])(?P<y>1[01][0-9])年(?![0-9０-９度代]|{_SP}{_MONTH}{_SP}月)"
          rf"(?=[\u4e00-\u9fff])",
          _roc_bare_year),
    _rule("date.slash_md", "/0 ／0",
          _SLASH_START + rf"(?P<m>{_SLASH_MONTH})[/／](?P<d>{_SLASH_DAY})(?![0-9０-９/／.．%％:：A-Za-z])"
          rf"(?:{_SP}{_WEEKDAY_NOTE})?(?:{_SP}{_DAYTIME})?(?:{_SP}{_CLOCK})?",
          _slash_date),
    _rule("date.bare_year", "#",
          rf"(?<![0-9０-９A-Za-z.．\-－/:：#＃第号约近共达超逾计合增减降升涨跌为])(?P<y>(?:19|20)[0-9]{{2}})"
          rf"(?=[\u4e00-\u9fff])(?![{_UNIT_AFTER}])",
          _bare_year),
    _rule("date.md", "月0",
          rf"(?<![0-9０-９{_CN}十年历])" + _ymd_parts("", year=False, month=True, day=True),
          _calendar_date),
    _rule("date.month", "月0",
          rf"(?<![0-9０-９{_CN}十年第每个近数几前后头首上下本当同次该这那两半多历])(?P<m>{_MONTH}){_SP}月"
          + _MONTH_PART.format(p="") + "(?![龄大薪票饼光亮球色刊怀天一二三四五六七八九十两])",
          _calendar_date),
    _rule("date.day", "日0",
          rf"(?<![0-9０-９{_CN}十廿卅月第每数几近前后当同次翌该本上下多连整个余来初号])(?P<d>[12]?[0-9]|3[01]|[１２]?[０-９]|３[０１])"
          rf"{_SP}日(?![内后前游元]|以[内后前来]|之[内后前])" + _TIME,
          _calendar_date),
    # Relative to the publication date.
    _rule("date.relative_md", "年月0",
          rf"(?P<rel>{_REL_YEAR})(?P<m>{_MONTH}){_SP}月(?:{_SP}(?P<d>{_DAY}){_DAY_END}{_TIME}|{_MONTH_PART.format(p='')})",
          _calendar_date),
    _rule("date.relative_d", "月本 月上 月下 月这",
          rf"(?P<rel>本月|上一?个?月|下一?个?月|这个月)(?:(?P<d>{_DAY}){_SP}[日号]{_TIME}|(?:初|底|末)?)(?!球|亮|台|光|饼)",
          _relative_day),
    _rule("date.relative_day", "天今 天昨 天明 天前 日今 日昨 日明 晨今 早今 早明 晚今 晚昨 晚明 夜今 夜昨",
          # 明 also ends words (说明, 光明日报, 指明): 明天 right after one of them is not tomorrow.
          "(?<![的好美新])(?P<rel>今天|昨天|前天|今日|昨日|今晨|今早|今晚|今夜|昨晚|昨夜"
          "|(?<![说表证标注阐指申查光文声透鲜聪英分高彰发简开清昌黎澄神严辨讲写载列])明(?:天|日|晚|早))"
          "(?!头条|说法)" + _TIME,
          _relative_day),
    _rule("date.relative_day_number", "日今（ 日今( 日昨（ 日昨( 日明（ 日明(",
          rf"(?P<rel>今|昨|明)[（(](?P<d>{_D}{{1,2}})[)）]日" + _TIME, _day_in_parentheses),
    _rule("date.relative_year", "年今 年去 年明 年上 年本 年前 年初 年底 年末",
          "(?<![过失除当同次往每])(?P<rel>今年|去年|明年|上一?年|本年)(?:度|年?初|年?底|年?末)?(?![轻纪龄代级华货])"
          f"|(?<![0-9０-９{_CN}十百千万几多数目提日两半当])(?P<rel2>前年)"
          f"|(?<![0-9０-９{_CN}十百千万年当同次该每往历多近早少成童晚新中全这那青壮老元翌隔整跨])(?P<rel3>年初|年底|年末)",
          _relative_year),
    _rule("date.relative_years", "年今明", "今明两年", _this_and_next_year),
    _rule("date.year_part", "年半 季0 季首 月前0",
          rf"(?:{_START}{_YEAR_GROUP}(?:度)?|(?P<rel>{_REL_YEAR})|(?<![0-9０-９{_CN}十]))"
          rf"(?P<part>上半年|下半年|(?:第?(?P<q>[一二三四1-4１-４])|(?P<q1>首))季度(?P<qedge>末|初)?"
          rf"|前(?P<quarters>[两二三])个?季度|前(?P<months>[一二三四五六七八九十两]{{1,3}}|[1-9]|1[01])个?月)",
          _year_part),
    _rule("date.week", "周上 周下 周本 周这 期上 期下 期本 期这 拜上 拜下 拜本 拜这",
          rf"(?P<wrel>{_WEEK_REL})(?:周|星期|礼拜)(?![一二三四五六日天末年边围期到全密岁转报刊游知详折长身旋济口线薪]|礼拜|星期)",
          _week),
    _rule("date.weekday_range", " ".join(k + c for k in ("周", "期星", "拜礼") for c in "至到-－~～—"),
          _WEEKDAY_START + _WEEKDAY.format(p="") + rf"{_SP}(?:至|到|[-－~～]|—{{1,2}}){_SP}"
          + rf"(?:(?:星期|礼拜)(?P<bwd>[一二三四五六日天])|周(?P<bwd2>[一二三四五六日]))" + _WEEKDAY_END,
          _weekday_range),
    _rule("date.weekday", "周 期星 拜礼", _WEEKDAY_START + _WEEKDAY.format(p="") + _WEEKDAY_END, _weekday),
    _rule("date.relative_quarter", "季本 季这 季上 季下",
          "(?P<rel>本|这|上|下)一?个?季度(?P<qedge>末|初)?", _relative_quarter),
    _rule("date.decade", "年代",
          rf"(?<![0-9０-９])(?P<c>上个?世纪|(?:{_D}{{2}}|[一二]?十[一二三四五六七八九]?)世纪)?"
          rf"(?P<dec>(?:1[0-9]|20)[0-9]0|[0-9]0|[一二三四五六七八九]十){_SP}年代(?:初期?|中期|末期?|前期|后期)?",
          _decade),
    _rule("date.range_lunar", " ".join(k + c for k in ("月历", "月正", "月腊", "月冬", "月初") for c in _CONNECTOR_CHARS),
          rf"(?P<cal0>农历|阴历)?(?:{_START}{_YEAR4_GROUP}|(?P<rel>今年|去年|明年))?(?P<cal>农历|阴历)?"
          rf"(?<![0-9０-９{_CN}十])(?P<m>正|腊|冬|{_MONTH})月(?P<d>{_LUNAR_DAY})(?![0-9０-９])" + _CONNECT
          + rf"(?:(?P<bm>正|腊|冬|{_MONTH})月)?(?P<bd>{_LUNAR_DAY})(?![0-9０-９])",
          _lunar_range),
    _rule("date.lunar", "月历 月正 月腊 月冬 月初 月廿 月卅 月〇 年大初",
          rf"(?P<cal0>农历|阴历)?(?:{_START}{_YEAR4_GROUP}|(?P<rel>今年|去年|明年))?(?P<cal>农历|阴历)?(?P<leap>闰)?"
          rf"(?<![0-9０-９{_CN}十])(?:(?P<m>正|腊|冬|{_MONTH})月|(?P<m1>大年)(?=初))"
          rf"(?:(?P<d>初(?:[一二三四五六七八九十]|10|[1-9])|{_DAY})(?![0-9０-９])(?P<suffix>{_SP}[日号])?)?",
          _lunar_date),
    _rule("date.festival", "年节 年夕 年旦 年大 年五 年庆 年秋 年端",
          rf"(?:{_START}{_YEAR4_GROUP}|(?P<rel>今年|去年|明年))"
          "(?P<f>春节(?!联欢|晚会)|元宵节|端午节|七夕节?|中秋节|重阳节|腊八节|除夕|大年三十|元旦|劳动节|国庆节|妇女节|儿童节|建党节|建军节|教师节"
          # the holidays named without 节 only as holidays: 2024年五一假期, 今年国庆期间, 2023年中秋当天
          "|(?:五一|国庆|中秋|端午)(?=假期|期间|小长|长假|黄金|当天|前夕|前后|节日|档期))",
          _festival),
)


# --- extraction ------------------------------------------------------------------------------
class _Candidate(NamedTuple):
    """A match of rule ``RULES[priority]``. As a tuple it sorts in the order :func:`_select` tries
    candidates: longest first, then the earlier rule, then the earlier in the text."""

    minus_length: int
    priority: int
    start: int
    end: int
    match: re.Match[str]

    @property
    def rule(self) -> Rule:
        return RULES[self.priority]


# Speed: rather than running every rule over the whole text, the text is cut into *stretches*:
# maximal runs of the characters any rule can consume (ALPHABET) that hold a key character
# (or four digits). A match never crosses a character outside the alphabet, so running the
# rules whose keys a stretch satisfies, on that stretch, finds what a full scan finds
# (tests/extractors/test_dates.py checks the alphabet and the equivalence).
ALPHABET = ("0-9０-９〇零○一二三四五六七八九十廿卅两年月日号份度初底末旬上中下半季第前首个至到起"
            "\\-－–—―~～今去明昨本这后天晨早晚夜农历阴正腊冬闰大世纪代午凌清傍间里深:：时点分许"
            "星期周礼拜（）()T/／.．春节元宵端七夕秋重阳除旦劳动国庆妇女儿童建党军教师民、和及与 \u3000")
_ARABIC_CHARS = frozenset("0123456789０１２３４５６７８９")
_CHINESE_DIGIT_CHARS = frozenset("〇零○一二三四五六七八九十廿卅两")


_ALTERNATIVES = tuple((i, frozenset(alt), alt[0]) for i, rule in enumerate(RULES) for alt in rule.keys.split())
_STRETCH_KEYS = "".join(sorted({first for _, _, first in _ALTERNATIVES} - {"#", "0"}))
_KEY_CHARS = frozenset().union(*(alt for _, alt, _ in _ALTERNATIVES))
# A stretch starts with an alphabet character not preceded by one; written to begin with that character
# (not a lookaround) so that ``re`` skips everything outside the alphabet without trying a match there.
_STRETCH = re.compile(rf"[{ALPHABET}](?<![{ALPHABET}].)"
                      rf"(?:(?<=[{_STRETCH_KEYS}])|(?<={_D})(?={_D}{{3}})|[{ALPHABET}]*?(?:[{_STRETCH_KEYS}]|{_D}{{4}}))"
                      rf"[{ALPHABET}]*")
_FOUR_DIGITS = re.compile(rf"{_D}{{4}}")
_EIGHT_DIGITS = re.compile(rf"{_D}{{8}}")
_LOOKAHEAD = 2  # the longest lookahead of any rule past the characters it consumes (头条 after 今日)
_SEARCHES = tuple(rule.pattern.search for rule in RULES)
# A character that every match of the rule holds (all its key alternatives name it), or "".
_HELD_BY_EVERY_MATCH = tuple(
    min(frozenset.intersection(*(frozenset(alt) for alt in rule.keys.split())) - set("0〇#§"), default="")
    for rule in RULES)

# Which rules a stretch calls for is worked out on bit masks: each key symbol (a key character, or
# one of the classes 0 〇 # §) is a bit, a stretch holds the bits of its characters, and an
# alternative is satisfied when it holds all of the alternative's bits. The symbols that most date
# stretches of news text hold take the low bits, so that what their alternatives call for is one
# lookup in a table of every combination of them; an alternative with another symbol is filed
# under the least used of those, and looked at only when a stretch holds it.
_COMMON_KEYS = "0〇1#年月日今天（("
_KEY_USE = Counter(char for _, alt, _ in _ALTERNATIVES for char in alt)
_SYMBOLS = (*_COMMON_KEYS, *sorted(_KEY_CHARS - set(_COMMON_KEYS), key=lambda c: (-_KEY_USE[c], c)))
_BIT: Mapping[str, int] = MappingProxyType({symbol: 1 << n for n, symbol in enumerate(_SYMBOLS)})
_COMMON_BITS = (1 << len(_COMMON_KEYS)) - 1
_RARE_BITS = (1 << len(_SYMBOLS)) - 1 - _COMMON_BITS
_ARABIC_BIT = 1 << len(_SYMBOLS)  # not a key: the stretch has an Arabic digit, so maybe four in a row (#)
_CHAR_BITS: Mapping[str, int] = MappingProxyType({
    **{char: _BIT[char] for char in _KEY_CHARS - set("0〇#§")},
    **{char: _BIT.get(char, 0) | _BIT["0"] | _ARABIC_BIT for char in _ARABIC_CHARS},
    **{char: _BIT.get(char, 0) | _BIT["0"] | _BIT["〇"] for char in _CHINESE_DIGIT_CHARS}})
_ALTERNATIVE_BITS = tuple((i, sum(_BIT[char] for char in alt)) for i, alt, _ in _ALTERNATIVES)
_RULES_BY_COMMON_BITS: tuple[tuple[int, ...], ...] = tuple(
    tuple(sorted({i for i, bits in _ALTERNATIVE_BITS if not bits & _RARE_BITS and not bits & ~held}))
    for held in range(_COMMON_BITS + 1))
_ALTERNATIVES_BY_RARE_BIT: Mapping[int, tuple[tuple[int, int], ...]] = MappingProxyType({
    bit: tuple((i, bits) for i, bits in _ALTERNATIVE_BITS if bits & _RARE_BITS and 1 << (bits.bit_length() - 1) == bit)
    for bit in (_BIT[symbol] for symbol in _SYMBOLS[len(_COMMON_KEYS):])})


def _rules_for(piece: str) -> tuple[int, ...]:
    """Indices of the rules whose keys the stretch satisfies, in table order."""
    held = 0
    for char in piece:
        held |= _CHAR_BITS.get(char, 0)
    if held & _ARABIC_BIT and _FOUR_DIGITS.search(piece):
        held |= _BIT["#"] | (_BIT["§"] if _EIGHT_DIGITS.search(piece) else 0)
    rules = _RULES_BY_COMMON_BITS[held & _COMMON_BITS]
    rare = held & _RARE_BITS
    if not rare:
        return rules
    more = set(rules)
    while rare:
        bit = rare & -rare  # the lowest rare bit held
        rare ^= bit
        for i, bits in _ALTERNATIVES_BY_RARE_BIT[bit]:
            if not bits & ~held:
                more.add(i)
    return rules if len(more) == len(rules) else tuple(sorted(more))


# Characters no rule's match begins (or ends) with, though they are in ALPHABET (日, 月 and 年 end
# dates; 、 and 至 join them): trimmed off a stretch's edges before its rules are chosen, so that
# 。12月 and 日至 call for no rule. Read off the rules' patterns; tests/extractors/test_dates.py checks
# them against every pattern and every rule's matches on thousands of news texts (a new rule may need
# a character removed).
_NEVER_FIRST = frozenset(" ()-./:T~–—―\u3000、与世两个中代份傍儿元党军凌分初到动劳卅午半历及号后和国夕夜天女妇季宵师庆底度建廿拜教日旦早旬时春晚晨月期末深清点秋童端纪至节许起里重间阳除（）－．／：～")
_NEVER_LAST = frozenset(" (-./:T~–—―○\u3000、〇下与世两个中今傍儿元党军农冬凌到前动劳历去及和国大女妇季宵师建教明星春昨本正民深清礼童端第纪腊至起这重闰阳阴除零首（－．／：～")


def _stretches(text: str) -> list[tuple[int, int, int, tuple[int, ...]]]:
    """(start, end, limit, rules) of the stretches of a text that some rule may match in.

    The shortest date, 今年 or 3月, has two characters.
    """
    out: list[tuple[int, int, int, tuple[int, ...]]] = []
    size = len(text)
    chosen: dict[str, tuple[int, ...]] = {}  # stretches repeat within a text (今年, 今天)
    for stretch in _STRETCH.finditer(text):
        start, end = stretch.span()
        first, last = start, end
        while first < last and text[first] in _NEVER_FIRST:
            first += 1
        while first < last and text[last - 1] in _NEVER_LAST:
            last -= 1
        if last - first < 2:
            continue
        piece = text[first:last]
        rules = chosen.get(piece)
        if rules is None:
            rules = chosen[piece] = _rules_for(piece)
        if rules:
            out.append((first, last, min(size, end + _LOOKAHEAD), rules))
    return out


def _read(cand: _Candidate, anchor: Anchor) -> Reading | None:
    rule = RULES[cand.priority]
    try:
        return rule.normalise(cand.match, anchor)
    except (ValueError, OverflowError, ArithmeticError) as exc:
        log.debug("%s: cannot read %r: %r", rule.name, cand.match.group(), exc)
        return None


def _select(candidates: list[_Candidate], anchor: Anchor) -> list[tuple[_Candidate, Reading]]:
    """The readable candidates that no longer (or, at equal length, earlier-ruled) one overlaps.

    Candidates are tried longest first, then in table order; one is read only if its span is
    still free, so the many shorter candidates inside a kept one are never normalised.
    """
    if not candidates:
        return []
    kept: list[tuple[int, _Candidate, Reading]] = []
    taken = bytearray(len(candidates[0].match.string))
    for cand in sorted(candidates):
        start, end = cand.start, cand.end
        if taken.find(1, start, end) >= 0:
            continue
        reading = _read(cand, anchor)
        if reading is not None:
            taken[start:end] = b"\1" * (end - start)
            kept.append((start, cand, reading))
    kept.sort()  # by start: kept spans do not overlap
    return [(cand, reading) for _, cand, reading in kept]


def _settle(text: str, start: int, end: int, limit: int, rules: tuple[int, ...], anchor: Anchor) -> list[tuple[_Candidate, Reading]]:
    """What :func:`_select` keeps of the candidates of one stretch (those of others never overlap them).

    Each rule searches on from the end of its last match, as ``finditer`` would, and stops at the
    first match that does not end inside the stretch: every later one would end past it too. The
    rules run in table order, and a readable match spanning the whole stretch is the longest
    possible one: it settles the stretch, and the remaining rules need not run.
    """
    found: list[_Candidate] = []
    for i in rules:
        search, held = _SEARCHES[i], _HELD_BY_EVERY_MATCH[i]
        pos = start
        while pos < end and (m := search(text, pos, limit)) is not None:
            m_start, pos = m.span()
            if pos > end:
                break
            cand = _Candidate(m_start - pos, i, m_start, pos, m)
            if m_start != start or pos != end:
                found.append(cand)
            elif (reading := _read(cand, anchor)) is not None:
                return [(cand, reading)]
            if held and text.find(held, pos, end) < 0:
                break  # no room left for another match
    return _select(found, anchor)


def _article_year(chosen: list[tuple[_Candidate, Reading]]) -> int | None:
    """The year an undated article is about: its most frequent explicit year (ties: the latest).

    ``chosen`` is what the text's dates read as without any anchor.
    """
    years = Counter(int(r.iso[:4]) for _, r in chosen if r.resolved == "absolute" and r.granularity != "range")
    if not years:
        return None
    return max(years.items(), key=lambda kv: (kv[1], kv[0]))[0]


def extract_dates(text: str, published: date | None = None, *, sentences: Sentences | None = None) -> list[DateFact]:
    """Date facts of a clean text, in text order, resolved against the publication date.

    Without ``published`` the article's own most frequent year stands in for year-level
    inferences (``6月2日``, ``今年``); day- and month-level relative words are then dropped.
    With ``sentences`` (the text's, as :func:`extractors.extract` passes them) each fact quotes its sentence.
    """
    if not isinstance(text, str) or not text:
        return []
    published = parse_date(published)
    stretches = _stretches(text)
    if not stretches:
        return []
    if published is not None:
        anchor = Anchor(published, published.year)
    else:
        unanchored = Anchor(None, None)
        anchor = Anchor(None, _article_year([kept for stretch in stretches for kept in _settle(text, *stretch, unanchored)]))
    # DateFact's fields in order (positional: noticeably cheaper for a frozen dataclass made this often)
    return [DateFact(text[c.start:c.end], c.start, c.end, RULES[c.priority].name,
                     r.iso, r.granularity, r.resolved, sentence_at(sentences, c.start))
            for stretch in stretches for c, r in _settle(text, *stretch, anchor)]


def _run(inp: ExtractorInput) -> list[DateFact]:
    return extract_dates(inp.text, inp.context.published, sentences=inp.sentences)


EXTRACTOR = Extractor(name="dates", kind="date", rules=tuple(rule.name for rule in RULES), run=_run)
