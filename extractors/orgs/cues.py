"""Organisations named without a body word, found from a word written right after them (rule ``org.cue``).

``通灵珠宝总裁``, ``THQ旗下``, ``中博传媒董事长``: a cue of ``data/org_cues.tsv`` (董事长, 总裁, CEO, 创始人,
旗下 …) shows that the words before it name an organisation. The scan (:mod:`extractors.orgs.scan`) finds
their left edge with the rules of a proper name (``org.named``); here are the cues and the test that the
words are no organisation's name (:func:`not_a_name`: 马云董事长, 和林董事长, 与品牌创始人). A cue right after an organisation found otherwise (华为公司董事长) or after 副, 常务,
兼 … (联想集团副总裁) adds nothing.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from extractors.facts import OrgType
from extractors.wordlists import read_tsv, word_pattern

__all__ = ["OrgCues", "org_cues", "cue_positions", "not_a_name"]

_TITLE_PREFIXES = ("副", "常务", "执行", "行政", "首席", "名誉", "荣誉", "兼", "前", "原", "代", "首任", "现任", "时任", "及", "和", "、")


@dataclass(frozen=True, slots=True)
class OrgCues:
    pattern: re.Pattern[str]
    types: dict[str, OrgType]
    surnames: frozenset[str]
    not_first: frozenset[str]
    not_last: frozenset[str]
    not_in: tuple[str, ...]


@functools.cache
def org_cues() -> OrgCues:
    """data/org_cues.tsv (a packaged table, read once)."""
    types: dict[str, OrgType] = {}
    words: dict[str, list[str]] = {"surname": [], "not_first": [], "not_last": [], "not_in": []}
    for kind, word, *rest in read_tsv("org_cues.tsv"):
        if kind == "cue":
            types[word] = (rest[0] if rest else "company")  # type: ignore[assignment]
        else:
            words[kind].append(word)
    return OrgCues(word_pattern(types), types, frozenset(words["surname"]), frozenset(words["not_first"]),
                   frozenset(words["not_last"]), tuple(words["not_in"]))


def cue_positions(text: str) -> list[tuple[int, OrgType]]:
    """Where a cue begins, and the type of the organisation it shows, for every cue not written after a
    title prefix (副总裁) and, for a cue in Latin letters, not inside a Latin word (instanceof)."""
    cues = org_cues()
    found = []
    for m in cues.pattern.finditer(text):
        start, end = m.span()
        if start == 0 or text.endswith(_TITLE_PREFIXES, 0, start):
            continue
        if m.group().isascii() and (_latin(text[start - 1]) or (end < len(text) and _latin(text[end]))):
            continue
        found.append((start, cues.types[m.group()]))
    return found


def not_a_name(words: str) -> bool:
    """The words before a cue are no organisation's name: a person's (a two- or three-character name starting
    with a common family name: 马云, 王传福), or words beginning or ending with a function word or verb
    (和林, 用电咖, 润泽地产携), or holding a word of description (品牌, 班)."""
    cues = org_cues()
    return (2 <= len(words) <= 3 and words[0] in cues.surnames) or words[0] in cues.not_first \
        or words[-1] in cues.not_last or any(word in words for word in cues.not_in)


def _latin(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()
