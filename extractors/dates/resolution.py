"""Reading a date mention: calendar numbers, the publication date it is resolved against, the words
around it (future, durations, prison terms), and the normaliser of every rule but the lunar ones.

Every normaliser takes the rule's match and an :class:`Anchor` and gives a :class:`Reading` (or None:
not a date after all). The conventions are those of :mod:`extractors.dates` (docs/rules-dates.md).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date, timedelta
from types import MappingProxyType
from typing import Mapping, NamedTuple

from extractors.dates.patterns import _DAY, _SP, _UNIT_AFTER
from extractors.facts import Granularity, Resolved
from extractors.numbers import parse_number

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
_REL_DAY_OFFSET = {"今天": 0, "今日": 0, "今晨": 0, "今早": 0, "今晚": 0, "今夜": 0,
                   "昨天": -1, "昨日": -1, "昨晚": -1, "昨夜": -1, "前天": -2,
                   "明天": 1, "明日": 1, "明晚": 1, "明早": 1,
                   "大前天": -3, "后天": 2, "大后天": 3, "本日": 0}
_DEKAD = {"上旬": (1, 10), "中旬": (11, 20), "下旬": (21, 31)}
_HALF = {"上半年": (1, 6), "下半年": (7, 12)}


def repeated_offset(word: str) -> int:
    """How many units back (上) or ahead (下) a relative word points: 上月 -1, 上上个月 -2, 下下下周 3;
    本, 这 0."""
    sign = {"上": -1, "下": 1}.get(word[:1], 0)
    return sign * (len(word) - len(word.lstrip(word[0]))) if sign else 0


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
    year, month = _shift_month(pub.year, pub.month, repeated_offset(word))
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
    offset = repeated_offset(m.group("rel"))
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


# Parts of a century, as years from its start (19世纪末 → 1880/1899).
_CENTURY_PARTS = {"初": (0, 19), "初期": (0, 19), "末": (80, 99), "末期": (80, 99), "上半叶": (0, 49), "前半叶": (0, 49),
                  "下半叶": (50, 99), "后半叶": (50, 99)}


def _century(m: re.Match[str], anchor: Anchor) -> Reading | None:
    """18世纪 → 1700/1799, 20世纪初 → 1900/1919, 上世纪末 → 1980/1999 (the century's hundred years as
    they are spoken of: 18世纪 is the 1700s)."""
    century_text = m.group("c")
    if century_text.startswith("上"):
        start = 1900 if anchor.year is None or anchor.year >= 2001 else 1800
    else:
        century = parse_number(century_text.removesuffix("世纪"))
        if century is None or not 1 <= century <= 21 or century != century.to_integral_value():
            return None
        if century == 21 and not m.group("part"):
            return None  # this century names things more than it dates them (21世纪经济报道, 二十一世纪马克思主义)
        start = (int(century) - 1) * 100
    first, last = _CENTURY_PARTS.get(m.group("part") or "", (0, 99))
    return Reading(f"{start + first:04d}/{start + last:04d}", "range", "absolute")


_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
# 每周一至周五, 逢周三、周五: a weekday of a recurring schedule, not a date.
_RECURRING_WEEKDAY = re.compile(r"[每逢隔](?:个)?(?:周|星期|礼拜)[一二三四五六日天](?:至|到|[-－~～—、和或])$")
_RECURRING_WEEKDAY_START = re.compile(r"[每逢隔]个?$")


def _week_offset(m: re.Match[str]) -> int | None:
    rel = _group(m, "wrel")
    return None if not rel else repeated_offset(rel)


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
