"""Tests of newsfacts_tools/peer_conventions.py."""

from __future__ import annotations


import pytest

from newsfacts_tools import peer_conventions
from tests.conftest import ROOT

SNIPPETS = ROOT / "eval" / "gold" / "snippets.jsonl"


def _fact(kind, text, **value):
    return {"kind": kind, "text": text, "value": value}



# --- peer suites -----------------------------------------------------------------------------


def _expected(kind, text, value):
    return {"kind": kind, "text": text, "start": 0, "end": len(text), "value": value}


REF = "2021-06-14"


@pytest.mark.parametrize("fact, ref, conventions, projected", [
    pytest.param(_expected("date", "1000多年之后", {"iso": "3020-01-01/..", "granularity": "range"}), REF,
                 ["peer.open_interval"], None, id="peer.open_interval"),
    pytest.param(_expected("date", "未来5年内", {"iso": "2021-06-14T01:06:40/2026-06-13", "granularity": "range"}), REF,
                 ["peer.offset_from_now"], None, id="peer.offset_from_now"),
    pytest.param(_expected("date", "明年6月之前", {"iso": "2021-06-14T01:06:40/2022-06-30", "granularity": "range"}), REF,
                 ["peer.window_from_now"], None, id="peer.window_from_now"),
    pytest.param(_expected("date", "晚上十一点整", {"iso": "2021-06-14T23:00", "granularity": "time"}), REF,
                 ["peer.clock_only"], None, id="peer.clock_only"),
    pytest.param(_expected("date", "2019年6月28日9:30~11:30", {"iso": "2019-06-28T09:30/2019-06-28T11:30", "granularity": "range"}),
                 REF, ["peer.time_of_day"], "2019-06-28", id="peer.time_of_day"),
    pytest.param(_expected("date", "2021年4月20日11:00时至2021年4月25日17:00时",
                           {"iso": "2021-04-20T11:00/2021-04-25T17:00", "granularity": "range"}), REF,
                 ["peer.time_of_day"], "2021-04-20/2021-04-25", id="peer.time_of_day-interval"),
    pytest.param(_expected("date", "明年初", {"iso": "2022-01/2022-02", "granularity": "range"}), REF,
                 ["peer.part_of_year"], "2022", id="peer.part_of_year"),
    pytest.param(_expected("date", "2018年10月底", {"iso": "2018-10-25/2018-10-31", "granularity": "range"}), REF,
                 ["peer.part_of_month"], "2018-10", id="peer.part_of_month"),
    pytest.param(_expected("date", "9月30日", {"iso": "2008-09-30", "granularity": "day"}), "2008-03-13",
                 ["peer.later_month_this_year"], "2007-09-30", id="peer.later_month_this_year"),
    pytest.param(_expected("date", "八月二十八号早上8点11分许", {"iso": "2021-08-28T08:11", "granularity": "time"}), REF,
                 ["peer.later_month_this_year", "peer.time_of_day"], "2020-08-28", id="peer.time_of_day+later_month"),
    pytest.param(_expected("money", "人民币数十亿元", {"min": 1e9, "max": 1e10, "currency": "CNY", "approx": "about"}), None,
                 ["peer.vague_multiple"], None, id="peer.vague_multiple"),
    pytest.param(_expected("money", "二十五万三千二百泰铢", {"min": 253200.0, "max": 253200.0, "currency": "THB", "approx": None}),
                 None, ["peer.other_currency"], 253200.0, id="peer.other_currency"),
])
def test_peer_convention(fact, ref, conventions, projected):
    (view,), seen = peer_conventions.facts_md_view([fact], ref)
    assert sorted(seen) == sorted(conventions)
    if projected is None:
        assert view["optional"] is True
    else:
        assert view.get("optional") is None
        assert projected in (view["value"].get("iso"), view["value"].get("min"))


@pytest.mark.parametrize("text, iso", [
    pytest.param("2017年8月11日至8月22日", "2017-08-11/2017-08-22", id="date-range"),
    pytest.param("去年八月十五", "2020-10-01", id="lunar-relative"),
    pytest.param("下月九号", "2021-07-09", id="relative-month-is-not-a-later-month"),
    pytest.param("大年初十", "2021-02-21", id="lunar-new-year-day-is-not-a-part-of-year"),
    pytest.param("2012年正月初8", "2012-01-30", id="lunar-first-month-day-is-not-a-part-of-month"),
])
def test_facts_md_view_keeps_ordinary_dates(text, iso):
    fact = _expected("date", text, {"iso": iso, "granularity": "day"})
    (view,), seen = peer_conventions.facts_md_view([fact], REF)
    assert view == fact and not seen


def test_every_peer_convention_is_documented():
    documented = (ROOT / "docs" / "evaluation.md").read_text(encoding="utf-8")
    assert [c.name for c in peer_conventions.PEER_CONVENTIONS if f"`{c.name}`" not in documented] == []


def test_peer_alt_reading_accepted():
    gold = _expected("money", "近700万元", {"min": None, "max": 7000000.0, "currency": "CNY", "approx": "under",
                                           "alt": [{"min": 7000000.0, "max": 7000000.0}]})
    assert peer_conventions.peer_value_matches("money", gold, {"kind": "money", "value": {"min": 7000000, "max": 7000000}})
    assert peer_conventions.peer_value_matches("money", gold, {"kind": "money", "value": {"min": None, "max": 7000000}})
    assert not peer_conventions.peer_value_matches("money", gold, {"kind": "money", "value": {"min": 700000, "max": 700000}})


def test_peer_suite_scores_span_and_value():
    rows = [{"suite": "s", "id": "s:0", "text": "花费了47.264287亿元", "ref_date": None,
             "expected": [_expected("money", "47.264287亿元", {"min": 4726428700.0, "max": 4726428700.0, "currency": "CNY"})]},
            {"suite": "s", "id": "s:1", "text": "这个玩具一点都不好玩。", "ref_date": None, "expected": []}]
    preds = [{"id": "s:0", "facts": [_fact("money", "47.264287亿元", min=4726428700, max=4726428700, currency="CNY")]},
             {"id": "s:1", "facts": [_fact("money", "一点", min=1, max=1, currency="CNY"), _fact("date", "x", iso="2020")]}]
    scores, errors = peer_conventions.score_peer(rows, preds)
    assert scores["peer"]["span"] == (0.5, 1.0, 0.667)
    assert scores["peer"]["value_acc"] == 1.0
    assert errors[("money", "false hit")] == ["s:1: 一点 (None)"]
