"""An organisation candidate of one scan, and how overlapping candidates are settled (issue 12: split out of
:mod:`extractors.orgs.scan`, which finds them)."""

from __future__ import annotations

import operator
from typing import NamedTuple

from extractors.facts import OrgType
from extractors.orgs.rules import NAMED

__all__ = ["Candidate", "longest_first", "expand_short_names", "DIGITS", "NUMERALS"]

DIGITS = frozenset("0123456789０１２３４５６７８９.．")
NUMERALS = frozenset("一二两三四五六七八九十百千万几数多每各")


class Candidate(NamedTuple):
    """A mention found by one rule; its name is canonical (临夏州总工会, 中国工商银行)."""

    start: int
    end: int
    name: str
    type: OrgType
    rule: str
    place: str | None = None  # the place words kept at the front of a named body's name


_START = operator.itemgetter(0)  # a candidate's start


def longest_first(candidates: list[Candidate]) -> list[Candidate]:
    """Drop candidates overlapping a longer one (中铁四局集团 inside 中铁四局集团第四工程有限公司)."""
    in_order = sorted(candidates, key=_START)
    if all(left.end <= right.start for left, right in zip(in_order, in_order[1:])):
        return in_order  # most texts: no two overlap, nothing to choose
    chosen: list[Candidate] = []
    for candidate in sorted(candidates, key=lambda c: (c.start - c.end, c.start)):
        if all(candidate.end <= c.start or candidate.start >= c.end for c in chosen):
            chosen.append(candidate)
    return sorted(chosen, key=lambda c: c.start)


def expand_short_names(candidates: list[Candidate]) -> list[Candidate]:
    """恒安集团 → 福建恒安集团 when the same text also names the company with its place."""
    full = {c.name[len(c.place):]: c.name for c in candidates if c.rule == NAMED and c.place}
    if not full:
        return candidates
    return [
        Candidate(c.start, c.end, full[c.name], c.type, c.rule)
        if c.rule == NAMED and not c.place and c.name in full else c
        for c in candidates
    ]
