"""Which evidence decides a page's publication date (FACTS.md §1), the same on every input path.

The order: the container (JSONL ``published``; a WARC date is only the fetch date), a labelled
date (``发布时间:2021-03-22``), a dateline (``新华社北京2020年6月24日电``), the page's date
metadata (``<meta>``, ``<time>``, JSON-LD, a date element of the page's header, as htmldate
reads them), then the URL (``/2023/08/01/``, ``t20230801_123.html``). A year or date that
merely occurs in the body is never the publication date: without such evidence the date is
None, and relative dates are then left unresolved.

htmldate, asked for the date of a page, may answer with a year it found anywhere (a copyright
line ``© 2000-2006`` → ``2006-01-01``) or with a date from the article text. Its answer is kept
only when the page writes that day outside the article text (in its markup, header or URL):
:func:`shown_outside_text`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from pipeline.chrome import iso_date

# A day in a URL: /2023/08/01/, /2023-08/01/, /20230801/, t20230801_123.html (no digit on either side).
URL_DAY = re.compile(r"(?<!\d)((?:19|20)\d{2})([-/_]?)(0[1-9]|1[0-2])\2(0[1-9]|[12]\d|3[01])(?!\d)")
URL_DAY_SPLIT = re.compile(r"(?<!\d)((?:19|20)\d{2})[-/_]?(0[1-9]|1[0-2])/(0[1-9]|[12]\d|3[01])(?!\d)")


@dataclass(frozen=True, slots=True)
class DateEvidence:
    """What a page offers as its publication date, one field per kind of evidence (ISO days or None)."""

    container: str | None = None
    labelled: str | None = None
    dateline: str | None = None
    metadata: str | None = None
    url: str | None = None

    def decide(self) -> str | None:
        """The first evidence in FACTS.md §1 order, or None."""
        return self.container or self.labelled or self.dateline or self.metadata or self.url


def url_date(url: str | None) -> str | None:
    """The day a URL's path gives (``https://tv.cctv.com/2023/08/01/x.shtml`` → ``2023-08-01``), or None."""
    if not url:
        return None
    path = url.split("://", 1)[-1].partition("/")[2]  # not the host (a port or an IP is no date)
    for pattern in (URL_DAY, URL_DAY_SPLIT):
        for m in pattern.finditer(path):
            groups = [g for g in m.groups() if g and g.isdigit()]
            try:
                return dt.date(*map(int, groups)).isoformat()
            except ValueError:
                continue
    return None


def written_forms(iso: str) -> tuple[str, ...]:
    """The ways a page writes the day ``iso``: 2020-06-04, 2020/6/4, 2020.06.04, 2020年6月4日, 20200604 …"""
    y, m, d = iso.split("-")
    mi, di = str(int(m)), str(int(d))
    forms = {f"{y}{sep}{mm}{sep}{dd}" for sep in "-/." for mm, dd in ((m, d), (mi, di))}
    forms |= {f"{y}年{mm}月{dd}日" for mm, dd in ((m, d), (mi, di))}
    forms.add(f"{y}{m}{d}")
    return tuple(sorted(forms, key=len, reverse=True))


def _occurrences(text: str, iso: str) -> int:
    # 2020-6-4 is inside 2020-6-14? No: forms are matched with no digit after them.
    # the plain substring test first: most forms occur nowhere, and it scans a large page in C
    return sum(len(re.findall(rf"{re.escape(form)}(?!\d)", text)) for form in written_forms(iso) if form in text)


def shown_outside_text(iso: str | None, page: str, article_text: str, url: str | None = None) -> str | None:
    """``iso`` when the page (markup or URL) writes that day somewhere besides the article text, else None.

    htmldate's year-only guesses (``2006-01-01`` from ``© 2000-2006``) are written nowhere as a day,
    and a date of the article's own text is written only there: neither is the page's date.
    """
    iso = iso_date(iso) if iso else None
    if iso is None:
        return None
    outside = _occurrences(page, iso) + _occurrences(url or "", iso)
    return iso if outside > _occurrences(article_text, iso) else None
