"""Solar terms and numbered weeks: 2024年冬至, 今年清明 → the day; 3月第三周, 本月第2周, 今年第37周 → the
week (Monday to Sunday); 八月的第一个周二 → the day.

A numbered week of a month is the one whose Monday falls in that month (the first Monday starts the
first week); of a year, likewise from the year's first Monday. The solar terms are computed with the
"寿星" formula and its C constants for 2000–2099 (``data/solar_terms.tsv``); a solar term is read with
its year (written, or 今年/去年/明年), as the festivals are.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from extractors.dates.resolution import (_REL_YEAR_OFFSET, Anchor, Reading, _full_year, _group,
                                         _point, _shift_month, _small, repeated_offset)
from extractors.facts import Resolved
from extractors.numbers import parse_number
from extractors.wordlists import read_tsv

_TERM_ROWS = read_tsv("solar_terms.tsv")
SOLAR_TERMS: dict[str, tuple[int, float]] = {row[0]: (int(row[1]), float(row[2])) for row in _TERM_ROWS
                                             if row[0] != "exception"}
_TERM_EXCEPTIONS: dict[tuple[int, str], int] = {(int(row[1]), row[2]): int(row[3]) for row in _TERM_ROWS
                                                if row[0] == "exception"}
_BEFORE_LEAP_DAY = frozenset(("小寒", "大寒", "立春", "雨水"))  # terms of January and February before 惊蛰
_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}


def solar_term_day(year: int, name: str) -> date | None:
    """The day of a solar term in a Gregorian year (2000–2099), or None outside the formula's century."""
    if name not in SOLAR_TERMS or not 2000 <= year <= 2099:
        return None
    month, c = SOLAR_TERMS[name]
    y = year % 100
    leaps = int((y - 1) / 4) if name in _BEFORE_LEAP_DAY else y // 4  # int(): truncation, as the formula's
    return date(year, month, int(y * 0.2422 + c) - leaps + _TERM_EXCEPTIONS.get((year, name), 0))


def _year(m: re.Match[str], anchor: Anchor) -> tuple[int, Resolved] | None:
    """The year written (``y``: 2024年, 24年) or relative (``rel``: 今年) before a term or a week."""
    year_text, rel = _group(m, "y"), _group(m, "rel")
    if year_text:
        year = _full_year(year_text, anchor)
        return None if year is None else (year, "absolute")
    if rel and anchor.year is not None:
        return anchor.year + _REL_YEAR_OFFSET[rel], "relative"
    return None


def _solar_term(m: re.Match[str], anchor: Anchor) -> Reading | None:
    """2024年冬至, 今年清明 → the day of the term."""
    found = _year(m, anchor)
    day = None if found is None else solar_term_day(found[0], m.group("term"))
    return None if day is None else Reading(day.isoformat(), "day", found[1])


def _first_monday(year: int, month: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(7 - first.weekday()) % 7)


def _week_reading(monday: date, resolved: Resolved) -> Reading:
    return Reading(f"{monday.isoformat()}/{(monday + timedelta(days=6)).isoformat()}", "range", resolved)


def _month_week(m: re.Match[str], anchor: Anchor) -> Reading | None:
    """3月第三周, 本月第2周, 去年十二月第一周 → that week; 八月份的第一个周二 → that day."""
    n = _small(m.group("n"))
    if not n or n > 5:
        return None
    month_rel = _group(m, "mrel")
    if month_rel:
        if anchor.published is None:
            return None
        year, month = _shift_month(anchor.published.year, anchor.published.month, repeated_offset(month_rel))
        resolved: Resolved = "relative"
    else:
        point = _point(m, m.groupdict(), anchor)
        if point is None or point.month is None:
            return None
        year, month, resolved = point.year, point.month, point.resolved
    weekday = _group(m, "wd")
    if weekday:
        first = date(year, month, 1)
        day = first + timedelta(days=(_WEEKDAYS[weekday] - first.weekday()) % 7 + 7 * (n - 1))
        return Reading(day.isoformat(), "day", resolved) if day.month == month else None
    monday = _first_monday(year, month) + timedelta(weeks=n - 1)
    return _week_reading(monday, resolved) if monday.month == month else None  # no fifth week in some months


def _year_week(m: re.Match[str], anchor: Anchor) -> Reading | None:
    """2020年第52周, 今年第三十七个星期, 21年第一个礼拜 → that week (Monday to Sunday)."""
    found, n = _year(m, anchor), parse_number(m.group("n"))
    if found is None or n is None or not 1 <= n <= 53 or n != n.to_integral_value():
        return None
    n = int(n)
    monday = _first_monday(found[0], 1) + timedelta(weeks=n - 1)
    return _week_reading(monday, found[1]) if monday.year == found[0] else None
