"""Newspapers and magazines named in title marks (rule ``org.media_title``; issue 12).

A paper quoted as a source is written in title marks without any body word the scan knows:
``法国全国性日报《费加罗报》``, ``据《华盛顿邮报》报道``, ``《财新周刊》``. A title of 2–12 Han
characters (a middle dot allowed) ending in a word of ``data/media_titles.tsv`` (报, 周刊, 杂志 …)
names one, unless it ends in a word of a document or a notice (公报, 通报, 预报 …). Returns plain
spans; the scan (:mod:`extractors.orgs.scan`) makes them candidates where nothing else was found.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from extractors.wordlists import read_tsv

__all__ = ["MediaTitles", "media_titles", "titled_media"]

_TITLE = re.compile(r"《([\u4e00-\u9fff·]{2,12})》")


@dataclass(frozen=True, slots=True)
class MediaTitles:
    ends: tuple[str, ...]
    not_ends: tuple[str, ...]


@functools.cache
def media_titles() -> MediaTitles:
    """data/media_titles.tsv (a packaged table, read once)."""
    words: dict[str, list[str]] = {"end": [], "not_end": []}
    for kind, word, *_ in read_tsv("media_titles.tsv"):
        words[kind].append(word)
    return MediaTitles(tuple(words["end"]), tuple(words["not_end"]))


def titled_media(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, name)`` of every paper named in title marks, the marks left out."""
    if "《" not in text:
        return []
    table = media_titles()
    found = []
    for m in _TITLE.finditer(text):
        name = m.group(1)
        if name.endswith(table.ends) and not name.endswith(table.not_ends) and not name.startswith("·"):
            found.append((m.start(1), m.end(1), name))
    return found
