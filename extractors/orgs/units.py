"""Units of an organisation written right after it, and embassies (FACTS.md §2 org, issue 12).

* a unit after its parent (rule ``org.sub_unit``): ``XX县公安局|交通警察大队``, ``广州市公安局|天河区分局``,
  ``民政部|社会救助司``, ``实验小学|党支部``; the patterns are data (``data/org_units.tsv``), each for
  parents whose canonical name ends in one of the listed words;
* an embassy or consulate (rule ``org.embassy``): ``中国驻日本大使馆``, ``法国驻广州总领事馆``,
  ``我国驻XX使馆`` (canonical ``中国驻…``): a country, 驻, where (2–10 characters), the body.

Both return plain spans; the scan (:mod:`extractors.orgs.scan`) makes them candidates.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from extractors.wordlists import read_tsv, word_alternation

EMBASSY_BODIES = ("大使馆", "总领事馆", "领事馆", "使馆", "代表处")
_HOME_FORMS = {"我国": "中国", "中华人民共和国": "中国"}


@dataclass(frozen=True, slots=True)
class UnitPattern:
    parent_ends: tuple[str, ...]
    unit: re.Pattern[str]


@functools.cache
def unit_patterns() -> tuple[UnitPattern, ...]:
    """data/org_units.tsv (a packaged table, read once)."""
    return tuple(UnitPattern(tuple(ends.split("|")), re.compile(unit)) for ends, unit, *_ in read_tsv("org_units.tsv"))


def unit_after(text: str, end: int, parent: str) -> str | None:
    """The unit written at ``end`` right after the organisation named ``parent``, or None."""
    for pattern in unit_patterns():
        if parent.endswith(pattern.parent_ends) and (m := pattern.unit.match(text, end)) is not None:
            return m.group()
    return None


@functools.cache
def _embassy_pattern(countries: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(rf"(?P<home>{word_alternation([*countries, *_HOME_FORMS])})驻"
                      rf"(?P<where>[\u4e00-\u9fff]{{2,10}}?)(?P<body>{word_alternation(EMBASSY_BODIES)})")


def embassies(text: str, countries: tuple[str, ...]) -> list[tuple[int, int, str]]:
    """``(start, end, canonical name)`` of every ``X驻Y大使馆`` in ``text`` (``countries``: the written
    forms of countries, longest first)."""
    if "驻" not in text:
        return []
    found = []
    for m in _embassy_pattern(countries).finditer(text):
        home = _HOME_FORMS.get(m.group("home"), m.group("home"))
        found.append((m.start(), m.end(), f"{home}驻{m.group('where')}{m.group('body')}"))
    return found
