"""The one shape of every extractor: what it gets (:class:`ExtractorInput`) and what it is (:class:`Extractor`).

Each extractor module (dates, money, counts, orgs, events) exposes one ``EXTRACTOR``: its name, the
kind of what it finds, the names of its rules (every fact's ``rule`` is one of them), the kinds it
reads from the facts found before it, and ``run(input)``. :mod:`extractors.registry` lists them in
dependency order and runs them; the ingest, ``newsfacts extract``, the bench and the evaluation all
go through it.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Callable, Mapping, Sequence

from extractors.context import DocumentContext
from extractors.facts import Event, Fact
from extractors.sentences import Sentences

if TYPE_CHECKING:
    from extractors.jieba_dictionary import JiebaDictionary
    from extractors.places import PlaceTable

__all__ = ["Extractor", "ExtractorInput", "NamedRule", "Resources", "SHARED_RESOURCES", "TEXT_ORDER"]

TEXT_ORDER = operator.attrgetter("start", "end", "kind")  # the order of Extraction.facts


class Resources:
    """Packaged tables that more than one extractor reads, each loaded on first use and kept by this
    object (not by a module): the registry holds one (:data:`SHARED_RESOURCES`) for the process;
    a caller that wants fresh tables makes its own and passes it in the input."""

    def __init__(self) -> None:
        self._places: PlaceTable | None = None
        self._jieba: JiebaDictionary | None = None

    @property
    def places(self) -> PlaceTable:
        """The administrative divisions and countries (:func:`extractors.places.load_places`)."""
        if self._places is None:
            from extractors.places import load_places
            self._places = load_places()
        return self._places

    @property
    def jieba_loaded(self) -> bool:
        """Whether :attr:`jieba` has been read: a caller that needs only a few word sets derived from it
        (the registry, in the writing process of a run with worker processes) reads its own copy and
        lets it go, rather than keep the whole dictionary for the rest of the run."""
        return self._jieba is not None

    @property
    def jieba(self) -> JiebaDictionary:
        """jieba's dictionary (:meth:`extractors.jieba_dictionary.JiebaDictionary.load`), read once for the
        counts and organisation extractors and the organisation registry alike."""
        if self._jieba is None:
            from extractors.jieba_dictionary import JiebaDictionary
            self._jieba = JiebaDictionary.load()
        return self._jieba


SHARED_RESOURCES = Resources()
_NOTHING_FOUND: Mapping[str, tuple] = MappingProxyType({})


@dataclass(frozen=True, slots=True)
class ExtractorInput:
    """What an extractor reads: the clean text, its sentences, the document's context, and what the
    extractors before it found (by kind: ``found["date"]``)."""

    text: str
    sentences: Sentences
    context: DocumentContext
    found: Mapping[str, Sequence[Fact]] = field(default_factory=lambda: _NOTHING_FOUND)
    resources: Resources = field(default=SHARED_RESOURCES)

    @classmethod
    def of(cls, text: str, context: DocumentContext | None = None, **found: Sequence[Fact]) -> "ExtractorInput":
        """The input of one extractor run on its own (tests, tools): ``ExtractorInput.of(text, date=[…])``."""
        return cls(text, Sentences.of(text), context or DocumentContext(), MappingProxyType(found))

    def facts(self, *kinds: str) -> tuple[Fact, ...]:
        """The facts found so far of ``kinds`` (every kind when none is named), in text order."""
        chosen: list[Fact] = []
        for kind, facts in self.found.items():
            if not kinds or kind in kinds:
                chosen += facts
        chosen.sort(key=TEXT_ORDER)
        return tuple(chosen)

    def spans(self, *kinds: str) -> list[tuple[int, int]]:
        """The spans the facts of ``kinds`` already take (counts skip those of dates and money)."""
        return [(fact.start, fact.end) for kind in kinds for fact in self.found.get(kind, ())]


@dataclass(frozen=True, slots=True)
class Extractor:
    """One extractor: ``run`` turns an input into facts of ``kind`` (events for the event extractor).

    ``needs`` names the kinds it reads from ``input.found``: the registry runs it after the
    extractors of those kinds. ``rules`` are the names its facts' ``rule`` may take.
    """

    name: str
    kind: str
    rules: tuple[str, ...]
    run: Callable[[ExtractorInput], Sequence[Fact] | Sequence[Event]]
    needs: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class NamedRule:
    """A rule of an extractor whose finding is code rather than one pattern (orgs, events): its name (the
    fact's ``rule``) and what it finds. The code takes the name from the table, never a literal."""

    name: str
    finds: str
