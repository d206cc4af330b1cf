"""Reading the packaged word lists (extractors/data/*.tsv) and matching many words at once.

Shared by the organisation and event extractors, whose rules are mostly word lists.
"""

from __future__ import annotations

import csv
import importlib.resources
import re
from typing import Iterable

DATA = importlib.resources.files("extractors") / "data"


def read_tsv(name: str) -> list[list[str]]:
    """The rows of a tab-separated file under extractors/data, without comments and blank lines."""
    with (DATA / name).open(encoding="utf-8") as handle:
        return [row for row in csv.reader(handle, delimiter="\t") if row and row[0] and not row[0].startswith("#")]


def word_pattern(words: Iterable[str]) -> re.Pattern[str]:
    """A regex matching the longest of ``words`` at a position.

    The alternation is factored as a trie (关于|关系 → 关(?:于|系)), so ``re`` compares one
    character per branch instead of trying every word in turn: thousands of words scan at
    tens of millions of characters per second.
    """
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return re.compile(build(trie))
