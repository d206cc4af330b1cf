"""jieba's dictionary, read once per holder: every word's count and part of speech, and the tagger built on them.

Three extractors and the organisation registry decide with jieba's dictionary (where names end, which
words are verbs, which are common words), and the counts extractor tags short windows with jieba's
part-of-speech tagger. Each used to read ``dict.txt`` on its own, and ``import jieba.posseg`` reads it
twice more (the prefix dictionary and the tags): ~1.5 s CPU and ~120 MB per process.
:meth:`JiebaDictionary.load` reads it once; the word sets the users need are derived from it
(:meth:`JiebaDictionary.derived`, computed once per holder), and :class:`JiebaTagger` tags with the same
two tables, sharing their strings. The caller keeps the holder
(:attr:`extractors.protocol.Resources.jieba`).

:class:`JiebaTagger` is jieba 0.42.1's ``posseg.POSTokenizer.lcut`` (MIT licence, the HMM case, with
``Tokenizer.get_DAG``/``calc``), so that the tagger does not need
``jieba.posseg``, whose import reads the dictionary again for a tagger of its own.
"""

from __future__ import annotations

import importlib.util
import logging
import math
import re
import sys
from pathlib import Path
from typing import Any, Callable, Iterator, NamedTuple, TypeVar

log = logging.getLogger(__name__)

__all__ = ["JiebaDictionary", "JiebaTagger", "Tagged", "read_entries"]

T = TypeVar("T")


def _jieba_folder() -> Path | None:
    spec = importlib.util.find_spec("jieba")
    return Path(spec.origin).parent if spec is not None and spec.origin else None


def read_entries() -> Iterator[tuple[str, int, str]]:
    """The lines of jieba's ``dict.txt`` (word, count, part of speech; the tag interned), read one at a time:
    a caller that keeps a few words of it holds no more (none when jieba is not installed)."""
    folder = _jieba_folder()
    path = folder / "dict.txt" if folder is not None else None
    if path is None or not path.exists():
        log.debug("jieba's dictionary is not installed: its word lists are empty")
        return
    intern = sys.intern
    with path.open(encoding="utf-8") as handle:
        for word, count, tag in map(str.split, handle):
            yield word, int(count), intern(tag)


class JiebaDictionary:
    """jieba's ``dict.txt``: word → count and word → part of speech (empty when jieba is not installed)."""

    def __init__(self, freq: dict[str, int], tags: dict[str, str], total: int):
        if len(freq) != len(tags):
            raise ValueError("jieba's counts and tags must hold the same words")
        self._freq = freq  # word → count, in dictionary order
        self.tags = tags  # word → part of speech, in the same order
        self.total = total  # the sum of the counts of every line (jieba's ``total``)
        self._derived: dict[Callable[..., Any], Any] = {}
        self._tagger: JiebaTagger | None = None

    @classmethod
    def load(cls) -> "JiebaDictionary":
        """Read jieba's dictionary (one pass; tags interned, each word one string shared by both tables)."""
        freq: dict[str, int] = {}
        tags: dict[str, str] = {}
        total = 0
        for word, count, tag in read_entries():
            freq[word] = count
            total += count
            tags[word] = tag
        return cls(freq, tags, total)

    def __bool__(self) -> bool:
        return bool(self.tags)

    def count(self, word: str) -> int:
        """How often jieba's corpus has ``word`` (0 for a word not in the dictionary)."""
        return self._freq.get(word, 0)

    def entries(self) -> Iterator[tuple[str, int, str]]:
        """Every word with its count and part of speech, in dictionary order."""
        return zip(self.tags, self._freq.values(), self.tags.values())  # both tables: one key order

    def derived(self, make: Callable[["JiebaDictionary"], T]) -> T:
        """``make(self)``, computed once for this dictionary: the word sets its users derive from it."""
        if make not in self._derived:
            self._derived[make] = make(self)
        return self._derived[make]

    def tagger(self) -> "JiebaTagger":
        """jieba's part-of-speech tagger on this dictionary, built on first use."""
        if self._tagger is None:
            self._tagger = JiebaTagger(self._freq, self.tags, self.total)
        return self._tagger


class Tagged(NamedTuple):
    """A word and its part of speech (jieba's ``pair``: ``.word``, ``.flag``)."""

    word: str
    flag: str


# jieba.posseg's patterns
_HAN_DETAIL = re.compile("([\u4E00-\u9FD5]+)")
_SKIP_DETAIL = re.compile(r"([\.0-9]+|[a-zA-Z0-9]+)")
_HAN_INTERNAL = re.compile("([\u4E00-\u9FD5a-zA-Z0-9+#&\\._]+)")
_SKIP_INTERNAL = re.compile(r"(\r\n|\s)")
_ENG = re.compile("[a-zA-Z0-9]+")
_NUM = re.compile(r"[\.0-9]+")
_MIN_FLOAT = -3.14e100
_MIN_INF = float("-inf")


class JiebaTagger:
    """jieba's ``posseg`` tagger (with its HMM for words not in the dictionary) on given tables.

    jieba's segmentation looks words up in a table that also holds every prefix of every word (at count
    0), to stop extending a candidate that begins no word; here the candidates stop at the length of the
    longest word that begins with the same character instead, which finds the same words without the
    prefixes (~150,000 strings, ~0.25 s to make)."""

    def __init__(self, freq: dict[str, int], tags: dict[str, str], total: int):
        self._freq = freq
        self._tags = tags
        self._log_total = math.log(total) if total else 0.0
        longest: dict[str, int] = {}  # first character → length of the longest word it begins
        for word in tags:
            if len(word) > longest.get(word[0], 0):
                longest[word[0]] = len(word)
        self._longest = longest
        folder = _jieba_folder() / "posseg"  # type: ignore[operator]
        self._states, self._start, self._trans, self._emit = (
            _table(folder / name) for name in ("char_state_tab.py", "prob_start.py", "prob_trans.py", "prob_emit.py"))

    def lcut(self, sentence: str) -> list[Tagged]:
        """The words of ``sentence`` with their parts of speech (``jieba.posseg.lcut``)."""
        return list(self._cut_internal(sentence))

    def _cut_internal(self, sentence: str) -> Iterator[Tagged]:
        for block in _HAN_INTERNAL.split(sentence):
            if _HAN_INTERNAL.match(block):
                yield from self._cut_dag(block)
                continue
            for x in _SKIP_INTERNAL.split(block):
                if _SKIP_INTERNAL.match(x):
                    yield Tagged(x, "x")
                    continue
                for xx in x:
                    if _NUM.match(xx):
                        yield Tagged(xx, "m")
                    elif _ENG.match(x):
                        yield Tagged(xx, "eng")
                    else:
                        yield Tagged(xx, "x")

    def _route(self, sentence: str) -> dict[int, tuple[float, int]]:
        """jieba's ``get_DAG`` and ``calc``: the most probable split, by word counts."""
        freq, longest, n = self._freq, self._longest, len(sentence)
        dag = {}
        for k in range(n):
            ends = [i - 1 for i in range(k + 1, min(n, k + longest.get(sentence[k], 1)) + 1) if freq.get(sentence[k:i])]
            dag[k] = ends or [k]
        route: dict[int, tuple[float, int]] = {n: (0, 0)}
        log_total = self._log_total
        for idx in range(n - 1, -1, -1):
            route[idx] = max((math.log(freq.get(sentence[idx:x + 1]) or 1) - log_total + route[x + 1][0], x)
                             for x in dag[idx])
        return route

    def _cut_dag(self, sentence: str) -> Iterator[Tagged]:
        route = self._route(sentence)
        tags = self._tags
        x, buf, n = 0, "", len(sentence)
        while x < n:
            y = route[x][1] + 1
            word = sentence[x:y]
            if y - x == 1:
                buf += word
            else:
                if buf:
                    yield from self._buffered(buf)
                    buf = ""
                yield Tagged(word, tags.get(word, "x"))
            x = y
        if buf:
            yield from self._buffered(buf)

    def _buffered(self, buf: str) -> Iterator[Tagged]:
        tags = self._tags
        if len(buf) == 1:
            yield Tagged(buf, tags.get(buf, "x"))
        elif not self._freq.get(buf):
            yield from self._cut_detail(buf)
        else:
            for ch in buf:
                yield Tagged(ch, tags.get(ch, "x"))

    def _cut_detail(self, sentence: str) -> Iterator[Tagged]:
        for block in _HAN_DETAIL.split(sentence):
            if _HAN_DETAIL.match(block):
                yield from self._cut_hmm(block)
                continue
            for x in _SKIP_DETAIL.split(block):
                if x:
                    yield Tagged(x, "m" if _NUM.match(x) else "eng" if _ENG.match(x) else "x")

    def _cut_hmm(self, sentence: str) -> Iterator[Tagged]:
        pos_list = _viterbi(sentence, self._states, self._start, self._trans, self._emit)
        begin, nexti = 0, 0
        for i, char in enumerate(sentence):
            pos = pos_list[i][0]
            if pos == "B":
                begin = i
            elif pos == "E":
                yield Tagged(sentence[begin:i + 1], pos_list[i][1])
                nexti = i + 1
            elif pos == "S":
                yield Tagged(char, pos_list[i][1])
                nexti = i + 1
        if nexti < len(sentence):
            yield Tagged(sentence[nexti:], pos_list[nexti][1])


def _table(path: Path) -> Any:
    """The table ``P`` of one of jieba.posseg's model modules, loaded from its file (through its cached
    byte code) without importing ``jieba.posseg``."""
    spec = importlib.util.spec_from_file_location(f"_jieba_posseg_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module.P


def _viterbi(obs: str, states: dict, start_p: dict, trans_p: dict, emit_p: dict) -> list:
    """jieba.posseg.viterbi's route: the (position, tag) state of each character."""
    v: list[dict] = [{}]
    mem_path: list[dict] = [{}]
    all_states = trans_p.keys()
    for y in states.get(obs[0], all_states):
        v[0][y] = start_p[y] + emit_p[y].get(obs[0], _MIN_FLOAT)
        mem_path[0][y] = ""
    for t in range(1, len(obs)):
        v.append({})
        mem_path.append({})
        prev_states = [x for x in mem_path[t - 1].keys() if len(trans_p[x]) > 0]
        prev_states_expect_next = set(y for x in prev_states for y in trans_p[x].keys())
        obs_states = set(states.get(obs[t], all_states)) & prev_states_expect_next
        if not obs_states:
            obs_states = prev_states_expect_next if prev_states_expect_next else all_states
        for y in obs_states:
            prob, state = max((v[t - 1][y0] + trans_p[y0].get(y, _MIN_INF) + emit_p[y].get(obs[t], _MIN_FLOAT), y0)
                              for y0 in prev_states)
            v[t][y] = prob
            mem_path[t][y] = state
    prob, state = max((v[-1][y], y) for y in mem_path[-1].keys())
    route: list = [None] * len(obs)
    i = len(obs) - 1
    while i >= 0:
        route[i] = state
        state = mem_path[i][state]
        i -= 1
    return route
