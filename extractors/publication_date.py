"""The one reader of a publication date, wherever it comes from.

A container field (JSONL ``published``: ``2024-01-12``, ``2024-01-12T08:00:00``), a labelled date in a
page's chrome (``更新于:2020年6月24日``, ``發布時間:2021-03-22``, ``2021.3.2``) and the value a caller
passes to :func:`extractors.extract` are all read here, so that cleaning (pipeline/chrome.py), the
document's context and the date extractor agree on what a publication date is.
"""

from __future__ import annotations

import re
from datetime import date, datetime

__all__ = ["parse_date", "iso_date"]

# Year, month and day separated by one to three non-digits: 2021-03-22, 2021/3/22, 2021.03.22, 2020年6月24日.
_DATE_PARTS = re.compile(r"((?:19|20)\d{2})\D{1,3}?(\d{1,2})\D{1,3}?(\d{1,2})")
# A labelled date with a two-digit year, written alone (Baidu's 发布时间：18-03-08): the year is 20YY.
_SHORT_YEAR_PARTS = re.compile(r"^(\d{2})-(\d{1,2})-(\d{1,2})$")


def parse_date(value: date | str | None) -> date | None:
    """A publication date as a ``date``: a date or datetime as it is, the first year-month-day written
    in a string (or a whole string ``18-03-08``, in the 2000s), else None (an invalid day, ``2021/02/30``,
    is None too)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        return None
    m = _DATE_PARTS.search(value)
    century = 0
    if m is None:
        m, century = _SHORT_YEAR_PARTS.match(value.strip()), 2000
        if m is None:
            return None
    try:
        return date(century + int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def iso_date(text: str | None) -> str | None:
    """``2020年6月24日`` / ``2021-03-22`` / ``2021.3.22`` → ISO ``YYYY-MM-DD``, or None if there is no valid one."""
    found = parse_date(text)
    return None if found is None else found.isoformat()
