"""Facts written out for the event tests (``dated``, ``counted``, ``organised``), so that they exercise the
event rules alone, not the other extractors; and the events of a text given them."""

from __future__ import annotations

from decimal import Decimal

from extractors.context import DocumentContext
from extractors.events import extract_events
from extractors.facts import CountFact, DateFact, Fact, OrgFact
from extractors.orgs import extract_orgs
from extractors.sentences import Sentences

NO_CONTEXT = DocumentContext()


def dated(text: str, surface: str, iso: str, granularity: str = "day") -> DateFact:
    start = text.index(surface)
    return DateFact(surface, start, start + len(surface), "date.given", iso, granularity, "absolute")


def counted(text: str, surface: str, value: int, unit: str, entity: str) -> CountFact:
    start = text.index(surface)
    return CountFact(surface, start, start + len(surface), "count.given", Decimal(value), Decimal(value), unit, entity)


def organised(text: str, surface: str, name: str | None = None, type_: str = "government") -> OrgFact:
    start = text.index(surface)
    return OrgFact(surface, start, start + len(surface), "org.given", name or surface, type_)


def events_of(text: str, *facts: Fact):
    """Events of ``text`` given some facts; its organisations are extracted unless some are given."""
    orgs = () if any(isinstance(f, OrgFact) for f in facts) else tuple(extract_orgs(text, NO_CONTEXT))
    everything = sorted((*facts, *orgs), key=lambda f: (f.start, f.end))
    return extract_events(text, tuple(everything), Sentences.of(text), NO_CONTEXT)


def only(text: str, *facts: Fact):
    found = events_of(text, *facts)
    assert len(found) == 1, [(e.trigger, e.type, e.rule) for e in found]
    return found[0]

