"""Rule-based extractors of dates, money, counts, organisations and events.

    >>> from extractors import extract
    >>> result = extract("6月22日,60名选手参加了决赛。", published="2020-06-24")
    >>> [(f.kind, f.text) for f in result.facts]
    [('date', '6月22日'), ('count', '60名选手')]

Each extractor module holds one ordered table of named rules; the rule name is
the fact's ``rule``. Extractors never raise on odd text: they return nothing and
log the reason at debug level.
"""

from __future__ import annotations

import logging
import operator
from datetime import date

from extractors.context import DocumentContext
from extractors.facts import CountFact, DateFact, Event, Extraction, Fact, MoneyFact, OrgFact, fact_to_json
from extractors.sentences import Sentences

log = logging.getLogger(__name__)

__all__ = ["extract", "extract_in_context", "DocumentContext", "Extraction", "Fact", "DateFact",
           "MoneyFact", "CountFact", "OrgFact", "Event", "fact_to_json"]


def extract(text: str, published: date | str | None = None, *, site: str | None = None,
            url: str | None = None, source: str | None = None) -> Extraction:
    """Facts and events of a clean text (title first, paragraphs joined with "\\n")."""
    return extract_in_context(text, DocumentContext.make(published, site=site, url=url, source=source, text=text))


def extract_in_context(text: str, context: DocumentContext) -> Extraction:
    # Imported here so that importing ``extractors.facts`` alone stays light.
    from extractors import counts, dates, events, money, orgs

    if not isinstance(text, str) or not text.strip():
        return Extraction()
    sentences = Sentences.of(text)
    # The extractors quote each fact's sentence as they make it (a copy per fact would cost as much again).
    found_dates = _guard(dates.extract_dates, text, context.published, sentences=sentences)
    found_money = _guard(money.extract_money, text, sentences=sentences)
    taken = [(f.start, f.end) for f in (*found_dates, *found_money)]
    found_counts = _guard(counts.extract_counts, text, taken, sentences=sentences)
    found_orgs = _guard(orgs.extract_orgs, text, context, sentences=sentences)
    facts = tuple(sorted((*found_dates, *found_money, *found_counts, *found_orgs), key=_TEXT_ORDER))
    found_events = _guard(events.extract_events, text, facts, sentences, context)
    return Extraction(facts=facts, events=tuple(found_events))


_TEXT_ORDER = operator.attrgetter("start", "end", "kind")


def _guard(func, *args, **kwargs):
    """Run one extractor; on an unexpected error log it and return nothing (never raise)."""
    try:
        return list(func(*args, **kwargs))
    except Exception as exc:  # noqa: BLE001 - an extractor must not stop the pipeline
        log.debug("%s failed on text of %d chars: %r", func.__qualname__, len(args[0]) if args else 0, exc)
        return []
