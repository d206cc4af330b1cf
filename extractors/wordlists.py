"""Reading the packaged word lists (extractors/data/*.tsv) and matching many words at once.

Shared by the organisation and event extractors, whose rules are mostly word lists.
"""

from __future__ import annotations

import csv
import importlib.resources
import math
import re
from typing import TYPE_CHECKING, Collection, Iterable, Iterator

if TYPE_CHECKING:
    from extractors.jieba_dictionary import JiebaDictionary

DATA = importlib.resources.files("extractors") / "data"


def read_tsv(name: str) -> list[list[str]]:
    """The rows of a tab-separated file under extractors/data, without comments and blank lines."""
    with (DATA / name).open(encoding="utf-8") as handle:
        return [row for row in csv.reader(handle, delimiter="\t") if row and row[0] and not row[0].startswith("#")]


def read_words(name: str) -> tuple[str, ...]:
    """The words of a one-word-a-line file under extractors/data, in file order, without comments and
    blank lines (order matters where a list becomes a regex alternation: the first branch wins)."""
    with (DATA / name).open(encoding="utf-8") as handle:
        return tuple(word for line in handle if (word := line.strip()) and not word.startswith("#"))


def read_word_lists(name: str) -> dict[str, tuple[str, ...]]:
    """The named word lists of a two-column file (``list<TAB>word``) under extractors/data: list name →
    its words in file order. One file holds the lists of one extractor."""
    lists: dict[str, list[str]] = {}
    for row in read_tsv(name):
        lists.setdefault(row[0], []).append(row[1] if len(row) > 1 else "")
    return {list_name: tuple(words) for list_name, words in lists.items()}


def word_pattern(words: Iterable[str]) -> re.Pattern[str]:
    """A regex matching the longest of ``words`` at a position.

    The alternation is factored as a trie (关于|关系 → 关(?:于|系)), so ``re`` compares one
    character per branch instead of trying every word in turn: thousands of words scan at
    tens of millions of characters per second. Its branches begin with plain characters, so when
    it scans a text on its own ``re`` jumps straight to the positions where a word may begin.
    """
    return re.compile(_trie_pattern(_trie(words)))


def word_alternation(words: Iterable[str]) -> str:
    """The source of a regex matching what :func:`word_pattern` matches, for embedding in a larger one.

    ``re`` tries the branches of an alternation one after another: at a position, a trie of a few
    hundred words compares the character with each first character in turn. Here, when there are
    more than ``_GROUPED_FROM`` first characters, they are split into groups of about the square root
    of their number: one character-class test per group, then a one-character look-behind per
    member of the group that holds it (关(?:于|系) becomes [关…](?:(?<=关)(?:于|系)|…)).
    """
    return _grouped_pattern(_trie(words))


def scan_pattern(words: Iterable[str]) -> re.Pattern[str]:
    """A regex finding ``words`` in a whole text: the matches of :func:`word_pattern`, found faster
    for lists of many words (grouped first characters, see :func:`word_alternation`).

    Grouping loses ``re``'s jump to the characters that may begin a word, so when no word is a
    single character a class test of the first two characters comes first and rejects most positions.
    Meant for whole-text scans of long lists; a short one gets :func:`word_pattern`.
    """
    trie = _trie(words)
    firsts = sorted(ch for ch in trie if ch)
    if len(firsts) <= _GROUPED_FROM or "" in trie or any("" in trie[first] for first in firsts):
        return re.compile(_trie_pattern(trie))
    seconds = sorted({ch for first in firsts for ch in trie[first] if ch})
    return re.compile(f"(?=[{_class(firsts)}][{_class(seconds)}])" + _grouped_pattern(trie))


def skipping_scan_pattern(words: Collection[str]) -> re.Pattern[str]:
    """:func:`scan_pattern` of ``words`` behind a class of the characters they begin with (then of
    those they go on with): ``re`` skips at C speed the characters that begin no word, where
    scan_pattern's own look-ahead is tried at every one. The word is group 1, captured by a
    look-ahead from the character the class matched: every occurrence is reported, overlapping ones
    too, and :func:`scanned_words` keeps those a plain scan finds."""
    firsts = "".join(sorted({re.escape(word[0]) for word in words}))
    seconds = "".join(sorted({re.escape(word[1]) for word in words if len(word) > 1}))
    then = f"(?=[{seconds}])" if all(len(word) > 1 for word in words) else ""
    return re.compile(f"[{firsts}]{then}(?<=(?=({scan_pattern(words).pattern})).)")


def scanned_words(pattern: re.Pattern[str], text: str) -> Iterator[tuple[int, int, str]]:
    """Start, end and text of the words a :func:`skipping_scan_pattern` finds in ``text``, left to right, each
    after the end of the one before (the matches of ``finditer`` of scan_pattern)."""
    last = 0
    for match in pattern.finditer(text):
        start, end = match.span(1)
        if start >= last:
            last = end
            yield start, end, match.group(1)


_GROUPED_FROM = 16  # first characters above which an alternation is grouped


def _trie(words: Iterable[str]) -> dict:
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return trie


def _grouped_pattern(trie: dict) -> str:
    firsts = sorted(ch for ch in trie if ch)
    if len(firsts) <= _GROUPED_FROM or "" in trie:
        return _trie_pattern(trie)
    size = math.isqrt(len(firsts))
    groups = []
    for i in range(0, len(firsts), size):
        members = firsts[i:i + size]
        branches = "|".join(f"(?<={re.escape(ch)}){_trie_pattern(trie[ch])}" for ch in members)
        groups.append(f"[{_class(members)}](?:{branches})")
    return "(?:" + "|".join(groups) + ")"


def _trie_pattern(node: dict) -> str:
    branches = [re.escape(ch) + _trie_pattern(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


def _class(chars: Iterable[str]) -> str:
    """The inside of a character class holding exactly ``chars``."""
    return "".join(map(re.escape, chars))


def jieba_verbs(dictionary: "JiebaDictionary | None" = None) -> frozenset[str]:
    """Two- and three-character words jieba's dictionary tags as verbs (``v``) and counts at least
    ``JIEBA_VERB_MIN_COUNT`` times; empty when jieba is not installed. The counts cut a counted noun
    before one (20家厂商|释出新品, 3名货车司机|送货). ``dictionary``: the shared one
    (:attr:`extractors.protocol.Resources.jieba`) when not given; derived once per dictionary."""
    if dictionary is None:
        from extractors.protocol import SHARED_RESOURCES
        dictionary = SHARED_RESOURCES.jieba
    return dictionary.derived(_jieba_verbs)


JIEBA_VERB_MIN_COUNT = 3


def jieba_verbal_nouns(dictionary: "JiebaDictionary | None" = None) -> frozenset[str]:
    """Two- and three-character words jieba's dictionary tags as verbal nouns (``vn``), counted as
    ``jieba_verbs``: ending the words after a doer they are what it does (3名驴友|违规, 62名农民工|工资)."""
    if dictionary is None:
        from extractors.protocol import SHARED_RESOURCES
        dictionary = SHARED_RESOURCES.jieba
    return dictionary.derived(_jieba_verbal_nouns)


def _jieba_verbal_nouns(dictionary: "JiebaDictionary") -> frozenset[str]:
    return frozenset(word for word, count, tag in dictionary.entries()
                     if tag == "vn" and 2 <= len(word) <= 3 and count >= JIEBA_VERB_MIN_COUNT)


def _jieba_verbs(dictionary: "JiebaDictionary") -> frozenset[str]:
    return frozenset(word for word, count, tag in dictionary.entries()
                     if tag == "v" and 2 <= len(word) <= 3 and count >= JIEBA_VERB_MIN_COUNT)
