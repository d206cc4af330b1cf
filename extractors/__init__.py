"""Rule-based extractors of dates, money, counts, organisations and events.

    >>> from extractors import extract
    >>> result = extract("6月22日,60名选手参加了决赛。", published="2020-06-24")
    >>> [(f.kind, f.text) for f in result.facts]
    [('date', '6月22日'), ('count', '60名选手')]

Each extractor module exposes one ``EXTRACTOR`` (:mod:`extractors.protocol`): its kind, its table of
named rules (the rule name is the fact's ``rule``) and ``run(input)``. :mod:`extractors.registry` runs
them in dependency order; an extractor that fails leaves a problem on the extraction (stored as an
``errors`` row), never an exception.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Sequence

from extractors.context import DocumentContext
from extractors.facts import (CountFact, DateFact, Event, Extraction, ExtractorProblem, Fact, MoneyFact, OrgFact,
                              fact_to_json)
from extractors.sentences import Sentences

if TYPE_CHECKING:
    from extractors.protocol import Extractor

__all__ = ["extract", "extract_in_context", "DocumentContext", "Extraction", "ExtractorProblem", "Fact", "DateFact",
           "MoneyFact", "CountFact", "OrgFact", "Event", "fact_to_json", "Sentences"]


def extract(text: str, published: date | str | None = None, *, site: str | None = None,
            url: str | None = None, source: str | None = None) -> Extraction:
    """Facts and events of a clean text (title first, paragraphs joined with "\\n")."""
    return extract_in_context(text, DocumentContext.make(published, site=site, url=url, source=source, text=text))


def extract_in_context(text: str, context: DocumentContext,
                       extractors: "Sequence[Extractor] | None" = None) -> Extraction:
    """Every extractor of the registry (or ``extractors``, in dependency order) on one clean text."""
    # Imported here so that importing ``extractors.facts`` alone stays light.
    from extractors.registry import EXTRACTORS, run_extractors

    return run_extractors(text, context, EXTRACTORS if extractors is None else extractors)
