"""Duplicate paragraphs inside one document: exact repeats, near-repeats and layout fragments.

Scanned newspaper pages and badly templated sites repeat paragraphs (one paragraph of a
sample page occurs 43 times), repeat a photo caption that is the tail of a paragraph, or
show a truncated teaser of the lead. FACTS.md §1 keeps the first copy of each. Paragraphs
are compared by a *key*: NFKC-folded, lower-cased, without whitespace and punctuation, so
``活动由高桦主持。`` and ``活动由高桦主持`` are one paragraph.

- exact: equal keys (a set lookup, so 43 copies cost 43 hash probes);
- fragment: a key that is a prefix or suffix of a longer kept key (at least
  ``min_fragment_chars`` long). Whichever comes first, the longer paragraph stays: a caption
  after its paragraph goes, and so does a truncated teaser before the full paragraph;
- near: ``difflib`` ratio at least ``near_ratio`` and the same numbers in the same order,
  tried only on paragraphs of ``MIN_NEAR_CHARS`` or more whose lengths allow that ratio and
  whose character bigrams overlap enough (a cheap prefilter).

Past ``MAX_COMPARED_PARAGRAPHS`` paragraphs only exact repeats are removed (a budget: the
other tests are quadratic in the number of paragraphs). Everything lives in the call: no
cache survives between documents.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

_NOT_TEXT = re.compile(r"[\W_]+")
# Near-repeats are only looked for among paragraphs at least this many key characters long:
# short lines (subheads, captions, list items) differing in a word are different lines.
MIN_NEAR_CHARS = 30
# Numbers in any script: two paragraphs that differ in a number state different facts
# (第一二三号主席令 … / 第一二四号主席令 …), however similar the template around them.
NUMBER = re.compile(r"[0-9.]+|[〇零一二三四五六七八九十百千万亿两]+")
# Prefilter: two keys can only reach a difflib ratio >= r if they share many bigrams; this
# loose bound (share of the smaller bigram set found in the other) never rejects a real pair
# at the ratios used (0.8–0.95) and skips almost every unrelated pair.
MIN_BIGRAM_OVERLAP = 0.5
# Budget: fragments and near-repeats are looked for among the first this many paragraphs of a
# document (each new one is compared with every one kept, so the cost grows with the square);
# later paragraphs are checked for exact repeats only and counted as ``dedup.budget_exact_only``.
# News articles have tens of paragraphs; a page past this is a dump or an attack.
MAX_COMPARED_PARAGRAPHS = 500


# The characters that keep most Chinese paragraphs from being NFKC already, each with its full
# compatibility decomposition (NFKD; tested). Replacing a character by its decomposition leaves the
# NFKC form of the text unchanged, and a paragraph that is NFKC after these replacements (nearly all)
# skips ``unicodedata.normalize``, which cost most of this module's time.
WIDE_PUNCTUATION = (("，", ","), ("（", "("), ("）", ")"), ("：", ":"), ("；", ";"), ("…", "..."), ("？", "?"),
                    ("！", "!"))


def paragraph_key(paragraph: str) -> str:
    """The comparison form of a paragraph: NFKC, lower case, letters and digits only."""
    for wide, decomposed in WIDE_PUNCTUATION:
        if wide in paragraph:
            paragraph = paragraph.replace(wide, decomposed)
    if not unicodedata.is_normalized("NFKC", paragraph):
        paragraph = unicodedata.normalize("NFKC", paragraph)
    return _NOT_TEXT.sub("", paragraph).lower()


def _bigrams(key: str) -> frozenset[tuple[str, str]]:
    return frozenset(zip(key, key[1:]))  # built in C: no Python loop per character


@dataclass(slots=True)
class _Kept:
    key: str
    text: str
    seed: bool
    alive: bool = True
    bigrams: frozenset[tuple[str, str]] | None = None
    numbers: list[str] | None = None

    def grams(self) -> frozenset[tuple[str, str]]:
        if self.bigrams is None:
            self.bigrams = _bigrams(self.key)
        return self.bigrams

    def figures(self) -> list[str]:
        if self.numbers is None:
            self.numbers = NUMBER.findall(self.key)
        return self.numbers


@dataclass(slots=True)
class DedupResult:
    """The paragraphs kept, in order, and how many were removed by which test."""

    paragraphs: list[str]
    counters: Counter[str] = field(default_factory=Counter)


def _near_repeat(candidates: list[_Kept], key: str, ratio: float) -> _Kept | None:
    """The first candidate whose key has a difflib ratio of at least ``ratio`` with ``key``."""
    numbers = NUMBER.findall(key)
    grams: frozenset[tuple[str, str]] | None = None  # made once a candidate has the same numbers
    for c in candidates:
        # The numbers first (the cheapest test): a templated page (第1段 … 第8000段) differs
        # only in them, and difflib on every pair of its paragraphs would take minutes.
        if c.figures() != numbers:
            continue
        if grams is None:
            grams = _bigrams(key)
        other = c.grams()
        if len(grams & other) < MIN_BIGRAM_OVERLAP * min(len(grams), len(other)):
            continue
        matcher = difflib.SequenceMatcher(None, c.key, key, autojunk=False)
        if matcher.quick_ratio() >= ratio and matcher.ratio() >= ratio:
            return c
    return None


def dedup_paragraphs(
    paragraphs: Iterable[str],
    *,
    near_ratio: float = 0.9,
    min_fragment_chars: int = 6,
    seeds: Sequence[str] = (),
) -> DedupResult:
    """Remove repeated paragraphs keeping the first (or the full one, for fragments).

    ``seeds`` are texts already in the document but not in ``paragraphs`` (the title): a
    paragraph repeating one of them is removed (counted as ``dedup.title``); seeds themselves
    are never removed.
    """
    counters: Counter[str] = Counter()
    entries: list[_Kept] = []
    live: list[_Kept] = []  # the entries still alive, in order (the ones a new paragraph is compared with)
    exact: dict[str, _Kept] = {}
    for seed in seeds:
        key = paragraph_key(seed)
        if key and key not in exact:
            exact[key] = _Kept(key, seed, seed=True)
            entries.append(exact[key])
            live.append(exact[key])

    for text in paragraphs:
        key = paragraph_key(text)
        if not key:
            counters["dedup.no_text"] += 1
            continue
        hit = exact.get(key)
        if hit is not None and hit.alive:
            counters["dedup.title" if hit.seed else "dedup.exact"] += 1
            continue
        if len(entries) >= MAX_COMPARED_PARAGRAPHS:
            # Budget: past this many paragraphs only exact repeats are removed (the checks
            # below compare with every kept paragraph, quadratic in the page's length).
            counters["dedup.budget_exact_only"] += 1
            entry = _Kept(key, text, seed=False)
            exact[key] = entry
            entries.append(entry)
            live.append(entry)
            continue
        # The pair tests inline, lengths first (most pairs of a document fail them; a function call
        # per pair was most of this function's time). A fragment is at least ``min_fragment_chars``
        # long, shorter than the key it begins or ends; a near-repeat needs two keys of
        # ``MIN_NEAR_CHARS`` whose lengths allow ``near_ratio`` (2·shorter ≥ ratio·both: even a
        # perfect alignment of the shorter key cannot reach it otherwise).
        size = len(key)
        container = None
        if size >= min_fragment_chars:
            container = next((e for e in live if len(e.key) > size and (e.key.startswith(key) or e.key.endswith(key))), None)
        if container is not None:
            counters["dedup.title" if container.seed else "dedup.fragment"] += 1
            continue
        similar = None
        if size >= MIN_NEAR_CHARS:
            candidates = [e for e in live if len(e.key) >= MIN_NEAR_CHARS
                          and 2 * min(len(e.key), size) >= near_ratio * (len(e.key) + size)]
            similar = _near_repeat(candidates, key, near_ratio) if candidates else None
        if similar is not None:
            counters["dedup.title" if similar.seed else "dedup.near"] += 1
            continue
        removed = False
        for e in live:  # earlier pieces of this paragraph (a truncated teaser) give way to it
            if not e.seed and min_fragment_chars <= len(e.key) < size and (key.startswith(e.key) or key.endswith(e.key)):
                e.alive = False
                removed = True
                counters["dedup.fragment"] += 1
        if removed:
            live = [e for e in live if e.alive]
        entry = _Kept(key, text, seed=False)
        exact[key] = entry
        entries.append(entry)
        live.append(entry)

    return DedupResult([e.text for e in entries if e.alive and not e.seed], counters)
