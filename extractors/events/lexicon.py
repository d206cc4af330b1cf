"""The event extractor's word lists (data/event_triggers.tsv) and the patterns built from them (pure
loaders of packaged data, each read once)."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from extractors.wordlists import read_tsv, scan_pattern, word_pattern

__all__ = ["EventLexicon", "event_lexicon"]


@dataclass(frozen=True, slots=True)
class EventLexicon:
    """The word lists of data/event_triggers.tsv (see the comments at its top)."""

    kinds: dict[str, str]  # event word → noun | generic | verb | modifier
    types: dict[str, str]  # event word → event type
    opens: frozenset[str]  # nouns (festivals) that become openings when they open
    after: dict[str, bool]  # predicate → opens the event (开幕, 登场)
    before: dict[str, bool]  # predicate → makes a competition an ongoing campaign
    venues: tuple[str, ...]
    not_event: dict[str, tuple[tuple[int, tuple[str, ...]], ...]]  # event word → (offset, non-event words holding it there)
    documents: frozenset[str]
    document_starts: frozenset[str]  # first characters of the documents (a cheap test before slicing)
    anchors: frozenset[str]
    sentence_anchors: frozenset[str]  # anchors that count anywhere earlier in the sentence (近日，…)
    nominal: tuple[str, ...]
    after_verb: tuple[str, ...]
    organise: frozenset[str]
    credit: tuple[str, ...]
    participate: frozenset[str]
    participants: tuple[str, ...]
    name_suffixes: tuple[str, ...] = ()  # right after an event word, it is part of a name (…会议展览|中心)


@functools.cache
def event_lexicon() -> EventLexicon:
    """The event word lists (a packaged table, read once and cached by this pure loader)."""
    kinds: dict[str, str] = {}
    types: dict[str, str] = {}
    after: dict[str, bool] = {}
    before: dict[str, bool] = {}
    lists: dict[str, list[str]] = {}
    opens = set()
    sentence_anchors = set()
    for kind, word, *rest in read_tsv("event_triggers.tsv"):
        type_, note = (rest + ["", ""])[:2]
        if kind in ("noun", "generic", "verb", "modifier"):
            kinds[word] = kind
            types[word] = type_
            if note == "opens":
                opens.add(word)
        elif kind == "after":
            after[word] = note == "opening"
        elif kind == "before":
            before[word] = note == "ongoing"
        elif kind == "anchor" and note == "sentence":
            sentence_anchors.add(word)
        else:
            lists.setdefault(kind, []).append(word)
    holders: dict[str, dict[int, list[str]]] = {}  # by offset: one startswith test per offset
    for word in lists.get("not_event", []):
        for event_word in kinds:
            at = word.find(event_word)
            while at >= 0:
                holders.setdefault(event_word, {}).setdefault(at, []).append(word)
                at = word.find(event_word, at + 1)
    return EventLexicon(
        kinds, types, frozenset(opens), after, before, tuple(lists.get("venue", [])),
        {word: tuple((at, tuple(words)) for at, words in found.items()) for word, found in holders.items()},
        frozenset(lists.get("document", [])),
        frozenset(word[0] for word in lists.get("document", [])),
        frozenset(lists.get("anchor", [])), frozenset(sentence_anchors),
        tuple(lists.get("nominal", [])), tuple(lists.get("after_verb", [])),
        frozenset(lists.get("organise", [])), tuple(lists.get("credit", [])),
        frozenset(lists.get("participate", [])), tuple(lists.get("participant", [])),
        tuple(lists.get("name_suffix", [])))


@functools.cache
def _trigger_pattern() -> re.Pattern[str]:
    return scan_pattern(event_lexicon().kinds)


@functools.cache
def _after_pattern() -> re.Pattern[str]:
    return word_pattern(event_lexicon().after)


@functools.cache
def _before_pattern() -> re.Pattern[str]:
    return word_pattern(event_lexicon().before)


@functools.cache
def _event_nouns() -> tuple[frozenset[str], tuple[int, ...]]:
    """The event nouns and their lengths: a set lookup per length tells whether words end with one
    (endswith over a tuple of some 250 nouns would try each in turn)."""
    lexicon = event_lexicon()
    nouns = frozenset(w for w, kind in lexicon.kinds.items() if kind in ("noun", "generic"))
    return nouns, tuple(sorted({len(w) for w in nouns}))


def _ends_with_event_noun(words: str) -> bool:
    nouns, lengths = _event_nouns()
    return any(words[-k:] in nouns for k in lengths)


@functools.cache
def _anchor_pattern() -> re.Pattern[str]:
    return word_pattern(event_lexicon().anchors)


@functools.cache
def _sentence_anchor_pattern() -> re.Pattern[str]:
    return word_pattern(event_lexicon().sentence_anchors)


@functools.cache
def _organise_pattern() -> re.Pattern[str]:
    """An organiser's role written after it in its clause: X(、Y)(联合)主办, X 3月18日召开."""
    return re.compile(r"[^，。；！？,;!?\n]{0,14}?" + word_pattern(event_lexicon().organise).pattern)


@functools.cache
def _credit_pattern() -> re.Pattern[str]:
    """A news source: 央视网消息, 新华社北京11月17日电, 中央社熊本县29日综合外电报导."""
    return re.compile(r"(?:[^，。；！？,;!?\n]{0,10}?[0-9一二三四五六七八九十]日[^，。；！？,;!?\n]{0,6}?)?"
                      + word_pattern(event_lexicon().credit).pattern)


@functools.cache
def _participate_pattern() -> re.Pattern[str]:
    return re.compile(r"[^，。；！？,;!?\n]{0,8}?" + word_pattern(event_lexicon().participate).pattern)
