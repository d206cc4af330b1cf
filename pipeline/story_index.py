"""Which reports a report of the stories stage is compared with: an inverted index of bigrams by
report day, queried for all the new reports of one day at once with numpy.

A report is compared only with the reports of the days around its own (two reports further apart
than the date window and the story span cannot be one story) and with undated ones, and only
through the bigrams it shares with them. A bigram held by more than ``ceiling`` reports around a
report names no event there (今天 on a busy day): it finds no candidates for that report, and its
weight is returned as ``left_out`` (what a candidate may share beyond what was summed).

The sums are those of adding the bigrams' weights one by one in the order of the report's bigrams
(``np.bincount`` adds in the order it is given), so the stage's decisions do not depend on whether
the index or a loop over the bigrams computed them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

# A posting's key is bigram × _DAY_SPAN + day ordinal: sorted keys are the postings by bigram, then day.
_DAY_SPAN = 1 << 22
# Bigram codes and report positions fit in 32 bits (a vocabulary or a corpus of billions they are not):
# half the memory of the stage's largest arrays with a hundred thousand reports. Keys are 64-bit.
CODE_TYPE = np.int32
_UNDATED = -1


@dataclass(frozen=True, slots=True)
class Candidates:
    """For a batch of reports (rows 0…m-1): the reports each shares indexed bigrams with, the weight
    shared with each, and per row the weight of its bigrams left out for being too common around it."""

    rows: np.ndarray  # ascending
    others: np.ndarray  # positions (see ReportIndex), ascending within a row
    weights: np.ndarray  # float64, summed in the order of the report's bigrams
    left_out: np.ndarray  # per row


class _Postings:
    """The reports of one set (stored ones or new ones) holding each bigram: dated ones by day, undated apart."""

    def __init__(self, members: np.ndarray, day: np.ndarray, codes: Sequence[np.ndarray]) -> None:
        dated = members[day[members] != _UNDATED]
        undated = members[day[members] == _UNDATED]
        # _flatten gives the owners in ascending order, so a stable sort of the keys alone orders the
        # postings by bigram, day and owner (as a lexsort of the three would, with a third of its memory)
        grams, owners = _flatten(dated, codes)
        key = grams.astype(np.int64) * _DAY_SPAN
        del grams
        key += day[owners]
        order = np.argsort(key, kind="stable")
        self.ids = owners[order]
        del owners, order
        key.sort()  # equal keys are equal numbers: sorted in place, they are key[order]
        self.key = key
        grams, owners = _flatten(undated, codes)
        order = np.argsort(grams, kind="stable")
        self.undated_key = grams[order]
        self.undated_ids = owners[order]

    def ranges(self, queries: np.ndarray, first_day: int | None, last_day: int | None
               ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Per queried bigram, where its reports of the days [first_day, last_day] (all of them when
        None) and its undated reports are: (lo, hi) in ``ids`` and (lo, hi) in ``undated_ids``."""
        grams, inverse = np.unique(queries, return_inverse=True)  # sorted needles: a search starts where the last ended
        inverse = inverse.ravel()
        base = grams.astype(np.int64) * _DAY_SPAN
        lo = np.searchsorted(self.key, base + (0 if first_day is None else first_day), "left")
        hi = np.searchsorted(self.key, base + (_DAY_SPAN - 1 if last_day is None else last_day), "right")
        ulo = np.searchsorted(self.undated_key, grams, "left")
        uhi = np.searchsorted(self.undated_key, grams, "right")
        return lo[inverse], hi[inverse], ulo[inverse], uhi[inverse]


def _flatten(members: np.ndarray, codes: Sequence[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """The bigram codes of the members, one after the other, and whose each is."""
    if not len(members):
        return np.zeros(0, CODE_TYPE), np.zeros(0, CODE_TYPE)
    parts = [codes[i] for i in members]
    lengths = np.fromiter((len(p) for p in parts), np.int64, len(parts))
    return np.concatenate(parts), np.repeat(members.astype(CODE_TYPE), lengths)


def _spans(lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """The positions lo[0]..hi[0]-1, lo[1]..hi[1]-1, … one after the other."""
    lengths = hi - lo
    total = int(lengths.sum())
    if not total:
        return np.zeros(0, np.int64)
    starts = np.repeat(lo - np.concatenate(([0], np.cumsum(lengths)[:-1])), lengths)
    return starts + np.arange(total)


class ReportIndex:
    """Stored and new reports, numbered by position (0…n-1), with their indexed bigrams as codes."""

    def __init__(self, day: np.ndarray, codes: Sequence[np.ndarray], weights: np.ndarray,
                 stored: np.ndarray, new: np.ndarray) -> None:
        """``day``: report day ordinal per position (-1: undated); ``codes``: per position, the codes
        of its indexed bigrams in the order of its bigrams; ``weights``: per code."""
        self.day, self.codes, self.weights = day, codes, weights
        self.stored = _Postings(stored, day, codes)
        self.new = _Postings(new, day, codes)

    def candidates(self, batch: Sequence[int], day: int | None, reach: int, ceiling: int) -> Candidates:
        """For new reports of one report day (``day``, None: undated), the stored reports within
        ``reach`` days on both sides, the new ones up to ``reach`` days before, and the undated ones,
        through the bigrams of at most ``ceiling`` such reports (each set counted apart)."""
        rows = np.asarray(batch, np.int64)
        queries, owner_rows = _flatten(np.arange(len(rows)), [self.codes[i] for i in rows])
        w = self.weights[queries]
        left_out = np.zeros(len(rows))
        hit_rows, hit_ids, hit_weights = [], [], []
        for postings, back, ahead in ((self.stored, reach, reach), (self.new, reach, 0)):
            lo, hi, ulo, uhi = postings.ranges(queries, None if day is None else day - back,
                                               None if day is None else day + ahead)
            over = (hi - lo) + (uhi - ulo) > ceiling
            left_out = np.maximum(left_out, np.bincount(owner_rows[over], weights=w[over], minlength=len(rows)))
            keep = ~over
            for ids, a, b in ((postings.ids, lo[keep], hi[keep]), (postings.undated_ids, ulo[keep], uhi[keep])):
                lengths = b - a
                hit_rows.append(np.repeat(owner_rows[keep], lengths))
                hit_weights.append(np.repeat(w[keep], lengths))
                hit_ids.append(ids[_spans(a, b)])
        found_rows = np.concatenate(hit_rows)
        found_ids = np.concatenate(hit_ids)
        pair = found_rows.astype(np.int64) * len(self.day) + found_ids
        pairs, inverse = np.unique(pair, return_inverse=True)
        sums = np.bincount(inverse.ravel(), weights=np.concatenate(hit_weights), minlength=len(pairs))
        pair_rows, pair_ids = pairs // len(self.day), pairs % len(self.day)
        not_self = pair_ids != rows[pair_rows]
        return Candidates(pair_rows[not_self], pair_ids[not_self], sums[not_self], left_out)
