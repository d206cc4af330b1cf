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

from __future__ import annotations

import logging
import re
from collections import Counter
from datetime import date
from typing import NamedTuple

from extractors.dates.prefilter import _HELD_BY_EVERY_MATCH, _SEARCHES, _stretches
from extractors.dates.resolution import Anchor, Reading
from extractors.dates.rules import RULES, Rule
from extractors.facts import DateFact
from extractors.protocol import Extractor, ExtractorInput
from extractors.publication_date import parse_date
from extractors.sentences import Sentences, sentence_at

log = logging.getLogger(__name__)

__all__ = ["extract_dates", "RULES", "Rule", "Anchor", "Reading", "EXTRACTOR", "ERA_RULES"]

# Rules whose dates name a span of years (十四五, 80年代, 19世纪): like a year, they date no event.
ERA_RULES = frozenset(("date.five_year_plan", "date.decade", "date.century"))


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

    Without ``published`` (FACTS.md §1: no publication date shown, ``published`` null) nothing is
    resolved against one: relative words (``今年``, ``去年``) and dates without a year (``6月2日``) are not
    emitted. The article's own most frequent year still places two-digit and ROC years in their century
    (``98年``, ``113年``), which is reading the text, not dating the page.
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
            for stretch in stretches for c, r in _settle(text, *stretch, anchor)
            if published is not None or r.resolved not in _NEEDS_PUBLICATION_DATE]


_NEEDS_PUBLICATION_DATE = frozenset({"relative", "inferred_year"})  # resolved against the publication date


def _run(inp: ExtractorInput) -> list[DateFact]:
    return extract_dates(inp.text, inp.context.published, sentences=inp.sentences)


EXTRACTOR = Extractor(name="dates", kind="date", rules=tuple(rule.name for rule in RULES), run=_run)
