"""The extractors, in the order they run, and the one loop that runs them.

``EXTRACTORS`` lists every extractor's ``EXTRACTOR`` (see :mod:`extractors.protocol`) so that each
runs after those whose facts it reads: counts skip the spans of dates and money, events gather the
facts of their sentence. :func:`run_extractors` is the only place they are called from: the ingest,
``newsfacts extract``, the bench and the evaluation all go through it (or through
:func:`extractors.extract_in_context`, which is it). An extractor that raises does not stop the
others: its facts are missing and the extraction carries an :class:`~extractors.facts.ExtractorProblem`
naming it, which the store writes as an ``errors`` row (stage ``extract:<name>``).

A document is held to an :class:`ExtractionBudget` (the limits live there, in one place): an extractor
that finds more than ``max_facts`` facts keeps the first ``max_facts`` in text order, and one that
runs longer than ``seconds`` keeps what it found; either way the extraction carries a problem
naming the extractor and the limit, and the run goes on.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from typing import Iterable, Sequence

from extractors import counts, dates, events, money, orgs
from extractors.context import DocumentContext
from extractors.facts import Event, Extraction, ExtractorProblem, Fact
from extractors.protocol import SHARED_RESOURCES, TEXT_ORDER, Extractor, ExtractorInput, Resources
from extractors.sentences import Sentences

log = logging.getLogger(__name__)

__all__ = ["EXTRACTORS", "ExtractionBudget", "DOCUMENT_BUDGET", "dependency_order", "run_extractors", "by_name"]


@dataclass(frozen=True, slots=True)
class ExtractionBudget:
    """What one extractor may spend on one document. A news page has a few hundred facts at most and
    each extractor takes milliseconds on it; a page of 20,000 amounts in a row is not news."""

    max_facts: int = 5000  # facts (events) per extractor per document
    seconds: float = 30.0  # wall-clock per extractor per document, checked when it returns


DOCUMENT_BUDGET = ExtractionBudget()


def dependency_order(extractors: Iterable[Extractor]) -> tuple[Extractor, ...]:
    """The extractors as given, checked: each needs only kinds found by one before it, and names are unique."""
    chosen = tuple(extractors)
    found: set[str] = set()
    names: set[str] = set()
    for extractor in chosen:
        missing = [kind for kind in extractor.needs if kind not in found]
        if missing:
            raise ValueError(f"extractor {extractor.name} needs {', '.join(missing)}, found by no extractor before it")
        if extractor.name in names:
            raise ValueError(f"two extractors are named {extractor.name}")
        found.add(extractor.kind)
        names.add(extractor.name)
    return chosen


EXTRACTORS: tuple[Extractor, ...] = dependency_order(
    (dates.EXTRACTOR, money.EXTRACTOR, counts.EXTRACTOR, orgs.EXTRACTOR, events.EXTRACTOR))


def by_name(name: str, extractors: Sequence[Extractor] = EXTRACTORS) -> Extractor:
    """The extractor called ``name`` (dates, money, counts, orgs, events)."""
    for extractor in extractors:
        if extractor.name == name:
            return extractor
    raise KeyError(name)


def run_extractors(text: str, context: DocumentContext, extractors: Sequence[Extractor] = EXTRACTORS,
                   resources: Resources = SHARED_RESOURCES, budget: ExtractionBudget = DOCUMENT_BUDGET) -> Extraction:
    """Facts (in text order), events and problems of a clean text: every extractor in turn, each
    reading what those before it found. A failing extractor, or one over ``budget``, becomes a
    problem, never an exception (KeyboardInterrupt and SystemExit still stop the run)."""
    if not isinstance(text, str) or not text.strip():
        return Extraction()
    sentences = Sentences.of(text)
    found: dict[str, Sequence[Fact]] = {}
    found_events: Sequence[Event] = ()
    problems: list[ExtractorProblem] = []
    for extractor in extractors:
        began = time.perf_counter()
        try:
            result = extractor.run(ExtractorInput(text, sentences, context, found, resources))
        except Exception as exc:  # noqa: BLE001 - MemoryError included: recorded, counted, stored
            log.warning("extractor %s failed on a text of %d characters: %s: %s",
                        extractor.name, len(text), type(exc).__name__, exc)
            problems.append(ExtractorProblem(extractor.name, f"{type(exc).__name__}: {exc}"))
            result = []
        result, over = _within_budget(extractor, result, time.perf_counter() - began, budget)
        if over is not None:
            log.warning("extractor %s on a text of %d characters: %s", extractor.name, len(text), over.reason)
            problems.append(over)
        if extractor.kind == "event":
            found_events = result  # type: ignore[assignment]
        else:
            found[extractor.kind] = result  # type: ignore[assignment]
    facts: list[Fact] = []
    for kind_facts in found.values():
        facts += kind_facts
    facts.sort(key=TEXT_ORDER)
    return Extraction(facts=tuple(facts), events=tuple(found_events), problems=tuple(problems))


def _within_budget(extractor: Extractor, result: Sequence, seconds: float, budget: ExtractionBudget
                   ) -> tuple[Sequence, ExtractorProblem | None]:
    """The extractor's result cut to ``budget.max_facts`` (the first in text order), and the problem
    saying which limit it went over, if any."""
    if len(result) > budget.max_facts:
        kept = sorted(result, key=lambda found: found.start)[:budget.max_facts]
        return kept, ExtractorProblem(extractor.name, f"BudgetExceeded: {len(result)} {extractor.kind} results, "
                                                      f"over the limit of {budget.max_facts} per document; kept the first")
    if seconds > budget.seconds:
        return result, ExtractorProblem(extractor.name, f"BudgetExceeded: took {seconds:.1f} s, over the limit of "
                                                        f"{budget.seconds:g} s per document")
    return result, None
