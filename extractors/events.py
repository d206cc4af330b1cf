"""Events (FACTS.md §3): competitions, meetings, ceremonies, visits … found from trigger words.

An event is an *event phrase* — adjacent event words, e.g. 劳动和技能|竞赛|推进会 — together
with a *predicate* in its clause: written after it (推进会…召开, 决赛,在…举行) or before it
(举办了一场…竞赛, 开展…活动). Some words are events by themselves (开馆, 慰问, 揭牌); in the
title (the first line) a bare phrase is enough, because headlines drop predicates.

* type — that of the phrase's head, its last event word (劳动和技能竞赛推进会 → meeting); a generic
  head takes the type of the word before it (走访慰问活动 → visit); a competition that is
  开展-ed is an ongoing campaign (开展劳动和技能竞赛 → campaign).
* date — a date fact of the sentence (a day rather than a month or year, then the nearest one),
  else the nearest date fact before it in the paragraph; Event.date is its ISO value.
* location — by :data:`LOCATION_RULES`: 在X举行, 于X召开, a venue subject (…扶贫车间举办了),
  a place opening a clause of the sentence (芜湖市繁昌区围绕中心、服务大局,广泛深入开展).
* orgs, counts, money — the facts of the sentence; participants — the largest count of people.
* main — exactly one event when there are any: the best of the title and the first three
  paragraphs, scored by having a predicate, sharing the title's event type, standing in the
  lead, and having a date; ties go to the earlier event.

Word lists: ``data/event_triggers.tsv``; docs/rules-orgs-events.md has the taxonomy.
"""

from __future__ import annotations

import bisect
import functools
import logging
import re
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Callable

from extractors.context import DocumentContext
from extractors.facts import CountFact, DateFact, Event, Fact, MoneyFact, OrgFact
from extractors.orgs import place_table
from extractors.sentences import Sentences, paragraph_span
from extractors.wordlists import read_tsv, word_pattern

log = logging.getLogger(__name__)

__all__ = ["extract_events", "event_lexicon", "LOCATION_RULES"]

_CLAUSE_MARKS = ("，", ",", "：", ":")  # inside a sentence (Sentences ends them at 。！？；and line breaks)
_SENTENCE_END = "；;。！？!?\n"
_AFTER_REACH = 40  # characters between an event phrase and a predicate written after it
_LEAD_PARAGRAPHS = 3
_GRANULARITY_ORDER = {"day": 0, "range": 1, "month": 2, "year": 3}
_PEOPLE_UNITS = frozenset({"人", "名", "位", "人次"})
_PEOPLE_ENDINGS = ("人", "员", "手", "工", "者", "生", "众", "民", "表", "宾", "师", "士", "兵", "部", "友")


@dataclass(frozen=True, slots=True)
class EventLexicon:
    """The word lists of data/event_triggers.tsv (see the comments at its top)."""

    kinds: dict[str, str]  # event word → noun | generic | verb | modifier
    types: dict[str, str]  # event word → event type
    after: frozenset[str]
    before: dict[str, bool]  # predicate → makes a competition an ongoing campaign
    venues: tuple[str, ...]
    not_event: frozenset[str]


@functools.cache
def event_lexicon() -> EventLexicon:
    """The event word lists (a packaged table, read once)."""
    kinds, types, after, before, venues, not_event = {}, {}, set(), {}, [], set()
    for kind, word, *rest in read_tsv("event_triggers.tsv"):
        type_, note = (rest + ["", ""])[:2]
        if kind in ("noun", "generic", "verb", "modifier"):
            kinds[word] = kind
            types[word] = type_
        elif kind == "after":
            after.add(word)
        elif kind == "before":
            before[word] = note == "ongoing"
        elif kind == "venue":
            venues.append(word)
        elif kind == "not_event":
            not_event.add(word)
    return EventLexicon(kinds, types, frozenset(after), before, tuple(venues), frozenset(not_event))


@functools.cache
def _trigger_pattern() -> re.Pattern[str]:
    return word_pattern(event_lexicon().kinds)


@functools.cache
def _after_pattern() -> re.Pattern[str]:
    return word_pattern(event_lexicon().after)


@functools.cache
def _before_pattern() -> re.Pattern[str]:
    return word_pattern(event_lexicon().before)


# --------------------------------------------------------------------------------------------
# Locations
# --------------------------------------------------------------------------------------------

_ADVERBS = "(?:隆重|顺利|成功|正式|圆满|盛大|如期|同步|分别|共同|大力|广泛|深入|积极|全面|持续|认真|扎实|精心|首次|再次|集中)*"
_HELD = "(?:举行|召开|举办|开幕|开展|进行|启动|开赛|揭牌|落幕|闭幕|开馆|开班)"
_LOC = r"[^，。；！？,;!?\n：:“”\"在于]{2,40}?"


@dataclass(frozen=True, slots=True)
class LocationRule:
    name: str
    pattern: re.Pattern[str]
    accept: Callable[[str], bool] = lambda location: True
    whole_sentence: bool = False  # look from the sentence start, not only the event's clause


def _ends_with_venue(location: str) -> bool:
    return location.endswith(event_lexicon().venues)


def _ends_with_place(location: str) -> bool:
    """芜湖市繁昌区, 安海镇: the words end with an administrative place of cpca's table."""
    forms = place_table().forms
    return any(location[-k:] in forms and forms[location[-k:]].level_char for k in range(2, min(len(location), 12) + 1))


LOCATION_RULES: tuple[LocationRule, ...] = (
    LocationRule("event.location.zai", re.compile(f"在(?P<loc>{_LOC}){_ADVERBS}{_HELD}")),
    LocationRule("event.location.yu", re.compile(f"于(?P<loc>{_LOC}){_ADVERBS}{_HELD}")),
    LocationRule("event.location.venue_subject",
                 re.compile(f"(?:^|[，,：:\n])(?P<loc>[^，。；！？,;!?\n：:]{{2,30}}?)的?(?:举办|举行|开展|召开|组织)了?"),
                 _ends_with_venue),
    LocationRule("event.location.place_subject",
                 re.compile(f"(?:^|[，,：:—\n])(?P<loc>[^，。；！？,;!?\n：:—、]{{1,13}}[省市区县州])"
                            f"[^。；！？;!?\n]{{0,24}}?{_ADVERBS}(?:开展|举办|举行|召开)"),
                 _ends_with_place, whole_sentence=True),
)


def _location(text: str, sentence_start: int, clause_start: int, end: int) -> str | None:
    """The first location rule matching before ``end`` (the end of the event's predicate) in the
    event's clause, or in its whole sentence for the rules that say so."""
    for rule in LOCATION_RULES:
        window = text[sentence_start if rule.whole_sentence else clause_start:end]
        for match in rule.pattern.finditer(window):
            location = match.group("loc").strip()
            if rule.accept(location):
                return location
    return None


# --------------------------------------------------------------------------------------------
# Event phrases
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Phrase:
    """Adjacent event words: its span, head (the word giving the type) and any verb after it."""

    start: int
    end: int  # end of the noun part (without a trailing verb used as predicate)
    words: tuple[tuple[int, int, str], ...]

    @property
    def head(self) -> tuple[int, int, str]:
        return self.words[-1]


def _phrases(text: str, lexicon: EventLexicon) -> list[tuple[_Phrase, str | None]]:
    """Event phrases in text order, each with the verb written right after it (竞赛|启动), if any."""
    not_event = lexicon.not_event
    phrases: list[tuple[_Phrase, str | None]] = []
    run: list[tuple[int, int, str]] = []
    for match in _trigger_pattern().finditer(text):
        start, end = match.span()
        if text[start:start + 3] in not_event or text[start:start + 4] in not_event:
            continue
        if run and start != run[-1][1]:
            phrases.extend(_split_run(run, lexicon))
            run = []
        run.append((start, end, match.group()))
    if run:
        phrases.extend(_split_run(run, lexicon))
    return phrases


def _split_run(run: list[tuple[int, int, str]], lexicon: EventLexicon) -> list[tuple[_Phrase, str | None]]:
    """技能竞赛启动 → phrase 技能竞赛 with predicate 启动; 开馆 alone → a verb phrase."""
    kinds = [lexicon.kinds[w] for _, _, w in run]
    nouns = [i for i, kind in enumerate(kinds) if kind in ("noun", "generic")]
    if nouns:
        last = nouns[-1]
        verb = next((run[i][2] for i in range(last + 1, len(run)) if kinds[i] == "verb"), None)
        return [(_Phrase(run[0][0], run[last][1], tuple(run[: last + 1])), verb)]
    verbs = [i for i, kind in enumerate(kinds) if kind == "verb"]
    return [(_Phrase(run[i][0], run[i][1], (run[i],)), None) for i in verbs[-1:]]


def _event_type(phrase: _Phrase, lexicon: EventLexicon, ongoing: bool) -> str:
    head = phrase.head[2]
    type_ = lexicon.types[head]
    if lexicon.kinds[head] == "generic":
        specific = [w for _, _, w in phrase.words[:-1] if lexicon.kinds[w] in ("noun", "verb")]
        if specific:
            type_ = lexicon.types[specific[-1]]
    if ongoing and type_ == "competition":
        return "campaign"
    return type_


def _clause_start(text: str, sentence_start: int, pos: int) -> int:
    """Where the clause holding ``pos`` starts: after the last comma or colon of its sentence."""
    return max(sentence_start, *(text.rfind(mark, sentence_start, pos) + 1 for mark in _CLAUSE_MARKS))


def _predicate_after(text: str, phrase: _Phrase, limit: int) -> tuple[int, int] | None:
    """推进会在零八一…召开 / 决赛,在和政县…举行: a predicate after the phrase, across one comma at most
    when the next clause opens with a place or time (在, 于, 将 …)."""
    match = _after_pattern().search(text, phrase.end, min(limit, phrase.end + _AFTER_REACH))
    if match is None:
        return None
    between = text[phrase.end:match.start()]
    if any(ch in _SENTENCE_END for ch in between):
        return None
    commas = [i for i, ch in enumerate(between) if ch in "，,"]
    if len(commas) > 1 or (commas and not between[commas[0] + 1:].startswith(("在", "于", "将", "已", "正式", "隆重"))):
        return None
    return match.span()


def _predicate_before(text: str, phrase: _Phrase, clause: int) -> tuple[str, int] | None:
    """举办了一场职业技能竞赛 / 开展…劳动和技能竞赛: the last predicate in the phrase's clause before it."""
    found = None
    for match in _before_pattern().finditer(text, clause, phrase.start):
        found = (match.group(), match.start())
    return found


# --------------------------------------------------------------------------------------------
# Arguments from the facts
# --------------------------------------------------------------------------------------------


class _FactIndex:
    """The text's facts by kind and offset, so each event reads its sentence cheaply."""

    def __init__(self, facts: tuple[Fact, ...]) -> None:
        self.by_kind: dict[str, list[Fact]] = {"date": [], "count": [], "money": [], "org": []}
        for fact in facts:
            self.by_kind.setdefault(fact.kind, []).append(fact)
        self.starts = {kind: [f.start for f in items] for kind, items in self.by_kind.items()}

    def within(self, kind: str, start: int, end: int) -> list[Fact]:
        starts = self.starts[kind]
        return self.by_kind[kind][bisect.bisect_left(starts, start):bisect.bisect_left(starts, end)]


def _event_date(index: _FactIndex, sentence: tuple[int, int], paragraph_start: int, trigger: int) -> DateFact | None:
    """A date of the sentence, else one earlier in the paragraph: a day before a month or a year,
    then the nearest to the trigger."""
    dates = index.within("date", *sentence) or index.within("date", paragraph_start, sentence[0])
    if not dates:
        return None
    return min(dates, key=lambda d: (_GRANULARITY_ORDER.get(d.granularity, 4), abs(d.start - trigger)))


def _participants(counts: list[CountFact]) -> Decimal | None:
    people = [c for c in counts if c.unit in _PEOPLE_UNITS or (c.entity or "").endswith(_PEOPLE_ENDINGS)]
    values = [v for c in people for v in (c.max if c.max is not None else c.min,) if v is not None]
    return max(values) if values else None


# --------------------------------------------------------------------------------------------
# Main event
# --------------------------------------------------------------------------------------------


def _main_index(events: list[Event], text: str, has_predicate: list[bool]) -> int:
    """The event the article is about: best of the title and lead by a simple score."""
    title_end = text.find("\n")
    title_end = len(text) if title_end < 0 else title_end
    lead_end = title_end
    for _ in range(_LEAD_PARAGRAPHS):
        next_break = text.find("\n", lead_end + 1)
        lead_end = len(text) if next_break < 0 else next_break
    title_types = [e.type for e in events if e.start < title_end]
    title_type = title_types[0] if title_types else None

    def score(i: int) -> tuple[float, int]:
        event = events[i]
        in_title, in_lead = event.start < title_end, title_end <= event.start < lead_end
        value = 4 * has_predicate[i] + (2 if in_lead and event.type == title_type else 0)
        value += 1 * in_lead + 1 * (event.date is not None and not in_title) + 0.5 * in_title
        if not (in_title or in_lead):
            value -= 10  # only when nothing is said of an event in the title or lead
        return value, -i

    return max(range(len(events)), key=score)


def extract_events(text: str, facts: tuple[Fact, ...], sentences: Sentences,
                   context: DocumentContext) -> list[Event]:
    """Events of a clean text, in text order, exactly one of them ``main`` when there are any."""
    if not isinstance(text, str) or not text:
        return []
    lexicon = event_lexicon()
    phrases = _phrases(text, lexicon)
    if not phrases:
        return []
    index = _FactIndex(facts)
    title_end = text.find("\n")
    title_end = len(text) if title_end < 0 else title_end
    events: list[Event] = []
    has_predicate: list[bool] = []
    for position, (phrase, verb_after) in enumerate(phrases):
        next_start = phrases[position + 1][0].start if position + 1 < len(phrases) else len(text)
        sentence = sentences.span(phrase.start)
        after = _predicate_after(text, phrase, min(next_start, sentence[1])) if verb_after is None else None
        clause = _clause_start(text, sentence[0], phrase.start)
        before = _predicate_before(text, phrase, clause)
        is_verb = lexicon.kinds[phrase.head[2]] == "verb"
        predicate = verb_after is not None or after is not None or before is not None
        if not (predicate or is_verb or phrase.start < title_end):
            continue
        ongoing = before is not None and lexicon.before[before[0]] and after is None
        reach = after[1] if after else phrase.end + (len(verb_after) if verb_after else 0)
        paragraph_start, _ = paragraph_span(text, phrase.start)
        date = _event_date(index, sentence, paragraph_start, phrase.start)
        counts = [f for f in index.within("count", *sentence) if isinstance(f, CountFact)]
        events.append(Event(
            type=_event_type(phrase, lexicon, ongoing),
            trigger=text[phrase.start:phrase.end],
            start=phrase.start, end=phrase.end,
            rule="event.verb" if is_verb else "event.after" if (after or verb_after) else
                 "event.before" if before else "event.title",
            sentence=sentences.at(phrase.start),
            date=date.iso if date else None, date_fact=date,
            location=_location(text, sentence[0], clause, reach),
            orgs=tuple(dict.fromkeys(f.name for f in index.within("org", *sentence) if isinstance(f, OrgFact))),
            counts=tuple(counts),
            money=tuple(f for f in index.within("money", *sentence) if isinstance(f, MoneyFact)),
            participants=_participants(counts),
        ))
        has_predicate.append(predicate or is_verb)
    if events:
        main = _main_index(events, text, has_predicate)
        events[main] = replace(events[main], main=True)
    else:
        log.debug("%d event phrases, none with a predicate", len(phrases))
    return events
