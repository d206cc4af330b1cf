"""The stories stage's candidate index (pipeline/story_index.py) against the plain definition: every
report of the window sharing a bigram, the shared weight summed bigram by bigram, and the bigrams of
too many reports around a report left out."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from pipeline.stories import bigrams
from pipeline.story_index import ReportIndex

# Reports of a few days around the Kumamoto quake and a Banqiao fire: (title, report day, stored?).
REPORTS = [
    ("日本熊本县发生规模7.1强震 新干线停驶", "2026-07-28", True),
    ("熊本强震已知3人死亡 余震不断", "2026-07-28", True),
    ("熊本强震过后 台湾旅客滞留机场", "2026-07-29", False),
    ("板桥公寓清晨火警 20岁男子送医抢救", "2026-07-29", False),
    ("板桥公寓火警夺命 20岁男子送医不治", "2026-07-30", False),
    ("熊本县强震灾区 自卫队展开救援", "2026-07-30", False),
    ("熊本强震一周 灾民仍住避难所", "2026-08-04", True),
    ("强震与火警 周末新闻回顾", None, True),
    ("熊本强震 捐款专户开设", None, False),
]


def _index() -> tuple[ReportIndex, list[list[int]], np.ndarray]:
    vocabulary: dict[str, int] = {}
    grams = [[vocabulary.setdefault(g, len(vocabulary)) for g in sorted(bigrams(t))] for t, _, _ in REPORTS]
    weights = np.linspace(0.5, 3.0, len(vocabulary))
    day = np.array([date.fromisoformat(d).toordinal() if d else -1 for _, d, _ in REPORTS], np.int64)
    stored = np.array([i for i, r in enumerate(REPORTS) if r[2]], np.int64)
    new = np.array([i for i, r in enumerate(REPORTS) if not r[2]], np.int64)
    return ReportIndex(day, [np.array(g, np.int64) for g in grams], weights, stored, new), grams, day


def _plain(me: int, grams: list[list[int]], day: np.ndarray, weights: np.ndarray, reach: int,
           ceiling: int) -> tuple[dict[int, float], float]:
    """The definition, report by report and bigram by bigram."""
    found: dict[int, float] = {}
    left_out = 0.0
    for stored_set, back, ahead in ((True, reach, reach), (False, reach, 0)):
        members = [i for i, r in enumerate(REPORTS) if r[2] == stored_set]
        out = 0.0
        for g in grams[me]:
            around = [i for i in members if g in grams[i] and (
                day[i] < 0 or day[me] < 0 or day[me] - back <= day[i] <= day[me] + ahead)]
            if len(around) > ceiling:
                out += weights[g]
                continue
            for i in around:
                found[i] = found.get(i, 0.0) + weights[g]
        left_out = max(left_out, out)
    found.pop(me, None)
    return found, left_out


@pytest.mark.parametrize("me, reach, ceiling", [
    pytest.param(2, 3, 100, id="index.stored_on_both_sides_new_only_before"),
    pytest.param(5, 1, 100, id="index.window_of_one_day"),
    pytest.param(4, 3, 100, id="index.same_story_next_day"),
    pytest.param(8, 3, 100, id="index.undated_report_sees_all"),
    pytest.param(2, 3, 2, id="index.bigram_of_too_many_reports_left_out"),
])
def test_candidates_are_those_of_the_plain_definition(me, reach, ceiling):
    index, grams, day = _index()
    found = index.candidates([me], None if day[me] < 0 else int(day[me]), reach, ceiling)
    expected, left_out = _plain(me, grams, day, index.weights, reach, ceiling)
    assert dict(zip(found.others.tolist(), found.weights.tolist())) == pytest.approx(expected)
    assert set(found.rows.tolist()) <= {0}
    assert float(found.left_out[0]) == pytest.approx(left_out)


def test_a_batch_gives_each_report_what_it_gets_alone():
    index, _, day = _index()
    together = index.candidates([2, 3], int(day[2]), 3, 100)
    for row, me in enumerate([2, 3]):
        alone = index.candidates([me], int(day[me]), 3, 100)
        mine = together.rows == row
        assert together.others[mine].tolist() == alone.others.tolist()
        assert together.weights[mine].tolist() == alone.weights.tolist()


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_postings_are_ordered_by_bigram_day_and_report(seed):
    """The postings' stable sort of 64-bit keys (bigram × day span + day) gives the order a lexsort by
    bigram, day and report gives, with codes of 32 bits."""
    rng = np.random.default_rng(seed)
    n = 300
    day = np.where(rng.random(n) < 0.1, -1, rng.integers(738_000, 738_060, n)).astype(np.int64)
    codes = [rng.integers(0, 2_000_000, rng.integers(0, 40)).astype(np.int32) for _ in range(n)]
    index = ReportIndex(day, codes, np.ones(2_000_000), np.arange(0, n, 2), np.arange(1, n, 2))
    for postings, members in ((index.stored, np.arange(0, n, 2)), (index.new, np.arange(1, n, 2))):
        dated = [i for i in members if day[i] != -1]
        expected = sorted((int(g), int(day[i]), int(i)) for i in dated for g in codes[i])
        got = [(int(k) // (1 << 22), int(k) % (1 << 22), int(i)) for k, i in zip(postings.key, postings.ids)]
        assert got == expected
        undated = sorted((int(g), int(i)) for i in members if day[i] == -1 for g in codes[i])
        assert [(int(k), int(i)) for k, i in zip(postings.undated_key, postings.undated_ids)] == undated
