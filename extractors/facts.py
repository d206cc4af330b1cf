"""Typed facts and events: what every extractor returns.

A fact is a span of the clean text (``text == clean_text[start:end]``) with a
normalised value and the name of the rule that produced it. The JSON shape is
the contract of FACTS.md §2-3; ``to_json`` renders it. Money amounts stay
``Decimal`` until they are written out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal, Union

Approx = Literal["about", "over", "under", "range"] | None
Granularity = Literal["day", "month", "year", "range"]
Resolved = Literal["absolute", "inferred_year", "relative"]
OrgType = Literal["union", "party", "government", "legislature", "company", "school", "media", "social", "other"]
Per = Literal["day", "month", "year", "person", "item"] | None


def _number_json(value: Decimal | int | None) -> int | float | None:
    """JSON numbers: integral values as int, others as float (only at the edge)."""
    if value is None:
        return None
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


@dataclass(frozen=True, slots=True)
class DateFact:
    text: str
    start: int
    end: int
    rule: str
    iso: str  # "2020-06-24", "2020-06", "2020", or an interval "2020-05-10/2020-07-31"
    granularity: Granularity
    resolved: Resolved
    sentence: str = ""
    kind: Literal["date"] = "date"

    @property
    def value(self) -> dict[str, Any]:
        return {"iso": self.iso, "granularity": self.granularity, "resolved": self.resolved}

    @property
    def date_start(self) -> str:
        return self.iso.split("/")[0]

    @property
    def date_end(self) -> str:
        return self.iso.split("/")[-1]


@dataclass(frozen=True, slots=True)
class MoneyFact:
    text: str
    start: int
    end: int
    rule: str
    min: Decimal | None
    max: Decimal | None
    currency: str = "CNY"
    approx: Approx = None
    per: Per = None
    sentence: str = ""
    kind: Literal["money"] = "money"

    @property
    def value(self) -> dict[str, Any]:
        return {"min": _number_json(self.min), "max": _number_json(self.max), "currency": self.currency,
                "approx": self.approx, "per": self.per}


@dataclass(frozen=True, slots=True)
class CountFact:
    text: str
    start: int
    end: int
    rule: str
    min: Decimal | None
    max: Decimal | None
    unit: str | None = None
    entity: str | None = None
    approx: Approx = None
    sentence: str = ""
    kind: Literal["count"] = "count"

    @property
    def value(self) -> dict[str, Any]:
        return {"min": _number_json(self.min), "max": _number_json(self.max), "unit": self.unit,
                "entity": self.entity, "approx": self.approx}


@dataclass(frozen=True, slots=True)
class OrgFact:
    text: str
    start: int
    end: int
    rule: str
    name: str  # canonical name
    type: OrgType
    sentence: str = ""
    kind: Literal["org"] = "org"

    @property
    def value(self) -> dict[str, Any]:
        return {"name": self.name, "type": self.type}


Fact = Union[DateFact, MoneyFact, CountFact, OrgFact]


def fact_to_json(fact: Fact) -> dict[str, Any]:
    """The FACTS.md §2 JSON object of a fact."""
    return {"kind": fact.kind, "text": fact.text, "start": fact.start, "end": fact.end,
            "value": fact.value, "rule": fact.rule, "sentence": fact.sentence}


def with_sentence(fact: Fact, sentence: str) -> Fact:
    """A copy of the fact quoting its sentence (a field-by-field copy: ``replace`` is 4× slower here)."""
    copy = object.__new__(type(fact))
    for name in type(fact).__slots__:
        object.__setattr__(copy, name, sentence if name == "sentence" else getattr(fact, name))
    return copy


@dataclass(frozen=True, slots=True)
class Event:
    """Something that happened or will happen, found from a trigger (FACTS.md §3)."""

    type: str
    trigger: str
    start: int  # offsets of the trigger in the clean text
    end: int
    rule: str
    sentence: str = ""
    date: str | None = None  # ISO (day, month, year or interval) of the event's date fact
    location: str | None = None
    orgs: tuple[str, ...] = ()
    counts: tuple[CountFact, ...] = ()
    money: tuple[MoneyFact, ...] = ()
    date_fact: DateFact | None = None
    main: bool = False
    participants: Decimal | None = None  # the number of people taking part, when a count says it

    def to_json(self) -> dict[str, Any]:
        return {"type": self.type, "trigger": self.trigger, "start": self.start, "end": self.end,
                "rule": self.rule, "sentence": self.sentence, "date": self.date,
                "location": self.location, "orgs": list(self.orgs),
                "counts": [fact_to_json(c) for c in self.counts],
                "money": [fact_to_json(m) for m in self.money],
                "participants": _number_json(self.participants), "main": self.main}


@dataclass(frozen=True, slots=True)
class ExtractorProblem:
    """An extractor that failed on a text: its facts are missing, and the run says so (an ``errors`` row)."""

    extractor: str  # the extractor's name in the registry (dates, money, …)
    reason: str  # the exception, as ``Type: message``


@dataclass(frozen=True, slots=True)
class Extraction:
    """All facts (in text order) and events of one clean text, and the extractors that failed on it."""

    facts: tuple[Fact, ...] = field(default_factory=tuple)
    events: tuple[Event, ...] = field(default_factory=tuple)
    problems: tuple[ExtractorProblem, ...] = field(default_factory=tuple)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"facts": [fact_to_json(f) for f in self.facts], "events": [e.to_json() for e in self.events]}
        if self.problems:
            out["problems"] = [{"extractor": p.extractor, "reason": p.reason} for p in self.problems]
        return out
