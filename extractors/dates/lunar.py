"""Lunar dates and festivals: 农历正月初四, 腊月二十三至二十九, 八月十五, 2021年春节, 去年中秋节 → Gregorian days
(through lunardate)."""

from __future__ import annotations

import logging
import re
from datetime import date, timedelta

from lunardate import LunarDate

from extractors.dates.resolution import (_LUNAR_MONTH_NAMES, _REL_YEAR_OFFSET, Anchor, Reading, _full_year, _group,
                                         _plausible, _small)
from extractors.facts import Resolved

log = logging.getLogger(__name__)

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
