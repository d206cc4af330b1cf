"""The scoring library behind `newsfacts eval`: matching, the reference scorer's numbers, peer
conventions, the baseline's floors, and the project's own gold file."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline import evaluation as ev
from pipeline.cli import main
from tests.conftest import ROOT, shared_path

SNIPPETS = ROOT / "eval" / "gold" / "snippets.jsonl"


# --- matching --------------------------------------------------------------------------------


@pytest.mark.parametrize("gold, pred, expected", [
    pytest.param("6个代表队", "6个代表队", 5, id="same"),
    pytest.param("扶贫车间266家", "266家", 4, id="inside"),
    pytest.param("6.5 万职工", "6.5万职工", 6, id="whitespace-ignored"),
    pytest.param("3月18日上午", "2021年3月18日", 5, id="shared-run-over-half"),
    pytest.param("临夏州总工会", "和政县总工会", 3, id="shared-run-exactly-half"),
    pytest.param("临夏州政协", "和政县委", 0, id="nothing-shared"),
    pytest.param("2000元以上", "", 0, id="empty"),
    pytest.param("上月", "本月", 0, id="one-char-run-too-short"),
])
def test_surface_overlap(gold, pred, expected):
    assert ev.surface_overlap(gold, pred) == expected


@pytest.mark.parametrize("tp, npred, ngold, expected", [
    pytest.param(3, 4, 6, (0.75, 0.5, 0.6), id="ordinary"),
    pytest.param(0, 0, 0, (1.0, 1.0, 1.0), id="nothing-to-find-nothing-found"),
    pytest.param(0, 2, 0, (0.0, 1.0, 0.0), id="false-hits-only"),
    pytest.param(0, 0, 3, (0.0, 0.0, 0.0), id="misses-only"),
])
def test_prf(tp, npred, ngold, expected):
    assert ev.prf(tp, npred, ngold) == expected


def _fact(kind, text, **value):
    return {"kind": kind, "text": text, "value": value}


def test_pairs_longest_overlap_first_then_right_value():
    golds = [_fact("count", "扶贫车间266家", min=266, max=266), _fact("count", "266家", min=266, max=266)]
    preds = [_fact("count", "266家", min=266, max=266), _fact("count", "扶贫车间266家", min=266, max=266)]
    assert sorted(ev.pair_facts(golds, preds)) == [(0, 1), (1, 0)]


def test_optional_gold_fact_is_neutral():
    golds = [_fact("count", "百万职工", min=1000000, max=1000000) | {"optional": True},
             _fact("count", "60名选手", min=60, max=60)]
    preds = [_fact("count", "百万职工", min=1000000, max=1000000), _fact("count", "60名选手", min=60, max=60)]
    tally = ev.FactTally()
    tally.add("doc", golds, preds)
    assert tally.table()["kinds"]["count"] == {"span": (1.0, 1.0, 1.0), "value": (1.0, 1.0, 1.0), "gold": 1, "pred": 1}


@pytest.mark.parametrize("kind, gold, pred, ok", [
    pytest.param("date", {"iso": "2023", "iso_alt": ["2023-01/2023-06"]}, {"iso": "2023-01/2023-06"}, True, id="date-iso-alt"),
    pytest.param("date", {"iso": "2020-06-22"}, {"iso": "2019-06-22"}, False, id="date-wrong-year"),
    pytest.param("money", {"min": 2000, "max": None, "currency": "CNY"}, {"min": 2000.0, "max": None}, True, id="money-over-default-currency"),
    pytest.param("money", {"min": 500000, "max": 500000, "currency": "HKD"}, {"min": 500000, "max": 500000, "currency": "CNY"}, False, id="money-wrong-currency"),
    pytest.param("count", {"min": None, "max": 10000}, {"min": 10000, "max": 10000}, False, id="count-under-read-as-exact"),
    pytest.param("org", {"name": "吉美包袋有限公司"}, {"name": "和政县吉美包袋有限公司"}, True, id="org-accepted-name"),
])
def test_value_matches(kind, gold, pred, ok):
    g = {"kind": kind, "value": gold, "accept_names": ["和政县吉美包袋有限公司"]}
    assert ev.value_matches(kind, g, {"kind": kind, "value": pred}) is ok


# --- the same numbers as ../shared/scripts/score_facts.py -------------------------------------


def _perturbed_predictions(gold_rows: list[dict]) -> list[dict]:
    """Predictions with every kind of error: misses, wrong values, shifted spans, false hits,
    wrong main events, lost must_keep lines and leaked chrome."""
    preds = []
    for d, row in enumerate(gold_rows):
        facts = []
        for i, fact in enumerate(row.get("facts", [])):
            fact = copy.deepcopy(fact)
            if i % 5 == 0:
                continue  # missed
            if i % 5 == 1:
                fact["value"] = {"iso": "1999", "min": -1, "max": -1, "name": "某某公司"}  # wrong value
            if i % 5 == 2 and len(fact["text"]) > 3:
                fact["text"] = fact["text"][1:]  # shorter span
            facts.append(fact)
        facts.append({"kind": "count", "text": "三区三州", "value": {"min": 3, "max": 3}})  # false hit
        event = dict(row.get("main_event") or {"type": "meeting"})
        if d % 2:
            event["date"] = "2000-01-01"
        text = "\n".join((row.get("must_keep") or [])[1:] + (row.get("chrome_converted") or row.get("chrome") or [])[:1])
        preds.append({"id": ev.gold_id(row), "facts": facts, "events": [{**event, "main": True}], "text": text})
    return preds


def _reference_scores(gold: Path, predictions: list[dict], tmp_path: Path) -> dict:
    script = shared_path("scripts", "score_facts.py")
    pred_file = tmp_path / "pred.jsonl"
    pred_file.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in predictions), encoding="utf-8")
    done = subprocess.run([sys.executable, str(script), str(gold), str(pred_file), "--json"],
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def _gold_files():
    return [pytest.param(lambda: shared_path("gold", "seeds.jsonl"), id="seeds"),
            pytest.param(lambda: SNIPPETS, id="snippets")]


@pytest.mark.parametrize("gold_file", _gold_files())
def test_scores_equal_reference_scorer_on_perturbed_predictions(gold_file, tmp_path):
    gold = gold_file()
    rows = ev.load_jsonl(gold)
    predictions = _perturbed_predictions(rows)
    ours, _ = ev.score_gold(rows, predictions)
    assert json.loads(json.dumps(ours)) == _reference_scores(gold, predictions, tmp_path)


@pytest.mark.parametrize("gold_file", _gold_files())
def test_scores_equal_reference_scorer_on_pipeline_predictions(gold_file, tmp_path):
    """`newsfacts eval --predictions` writes what the reference scorer reads, and both agree."""
    gold = gold_file()
    pred_file = tmp_path / "pipeline.jsonl"
    out_file = tmp_path / "scores.json"
    args = ["eval", str(gold), "--corpus", str(ROOT / "corpus"), "--predictions", str(pred_file), "--json"]
    with open(out_file, "w", encoding="utf-8") as out:
        done = subprocess.run([sys.executable, "-m", "pipeline.cli", *args], stdout=out, cwd=ROOT, check=True)
    assert done.returncode == 0
    ours = json.loads(out_file.read_text(encoding="utf-8"))["inputs"][0]["scores"]
    predictions = ev.load_jsonl(pred_file)
    assert len(predictions) == len(ev.load_jsonl(gold))
    assert ours == _reference_scores(gold, predictions, tmp_path)


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
    (view,), seen = ev.facts_md_view([fact], ref)
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
    (view,), seen = ev.facts_md_view([fact], REF)
    assert view == fact and not seen


def test_every_peer_convention_is_documented():
    documented = (ROOT / "docs" / "evaluation.md").read_text(encoding="utf-8")
    assert [c.name for c in ev.PEER_CONVENTIONS if f"`{c.name}`" not in documented] == []


def test_peer_alt_reading_accepted():
    gold = _expected("money", "近700万元", {"min": None, "max": 7000000.0, "currency": "CNY", "approx": "under",
                                           "alt": [{"min": 7000000.0, "max": 7000000.0}]})
    assert ev.peer_value_matches("money", gold, {"kind": "money", "value": {"min": 7000000, "max": 7000000}})
    assert ev.peer_value_matches("money", gold, {"kind": "money", "value": {"min": None, "max": 7000000}})
    assert not ev.peer_value_matches("money", gold, {"kind": "money", "value": {"min": 700000, "max": 700000}})


def test_peer_suite_scores_span_and_value():
    rows = [{"suite": "s", "id": "s:0", "text": "花费了47.264287亿元", "ref_date": None,
             "expected": [_expected("money", "47.264287亿元", {"min": 4726428700.0, "max": 4726428700.0, "currency": "CNY"})]},
            {"suite": "s", "id": "s:1", "text": "这个玩具一点都不好玩。", "ref_date": None, "expected": []}]
    preds = [{"id": "s:0", "facts": [_fact("money", "47.264287亿元", min=4726428700, max=4726428700, currency="CNY")]},
             {"id": "s:1", "facts": [_fact("money", "一点", min=1, max=1, currency="CNY"), _fact("date", "x", iso="2020")]}]
    scores, errors = ev.score_peer(rows, preds)
    assert scores["peer"]["span"] == (0.5, 1.0, 0.667)
    assert scores["peer"]["value_acc"] == 1.0
    assert errors[("money", "false hit")] == ["s:1: 一点 (None)"]


# --- the baseline ----------------------------------------------------------------------------


def _scores(date_f1, leak):
    row = lambda f1: {"span": (f1, f1, f1), "value": (f1, f1, f1), "gold": 3, "pred": 3}
    return {"kinds": {"date": row(date_f1), "money": {**row(0.0), "gold": 0}}, "all": row(date_f1),
            "clean_text": {"must_keep_recall": 1.0, "chrome_leak_rate": leak},
            "main_event": {"type_acc": 0.5, "date_acc": 1.0}, "docs": {"gold": 1, "predicted": 1}}


def test_raise_baseline_pins_then_only_raises():
    baseline: dict = {"files": {}}
    ev.raise_baseline(baseline, "g.jsonl", _scores(0.8, 0.2))
    assert baseline["files"]["g.jsonl"] == {"chrome_leak_rate": 0.2, "main_event.date_acc": 1.0, "main_event.type_acc": 0.5,
                                            "must_keep_recall": 1.0, "value_f1.all": 0.8, "value_f1.date": 0.8}
    changes = ev.raise_baseline(baseline, "g.jsonl", _scores(0.7, 0.3))
    assert changes == [] and baseline["files"]["g.jsonl"]["value_f1.date"] == 0.8
    ev.raise_baseline(baseline, "g.jsonl", _scores(0.9, 0.1))
    assert baseline["files"]["g.jsonl"]["value_f1.date"] == 0.9
    assert baseline["files"]["g.jsonl"]["chrome_leak_rate"] == 0.1


@pytest.mark.parametrize("scores, breached", [
    pytest.param(_scores(0.8, 0.2), [], id="at-the-floor"),
    pytest.param(_scores(0.79, 0.2), ["value_f1.date", "value_f1.all"], id="below-a-floor"),
    pytest.param(_scores(0.8, 0.25), ["chrome_leak_rate"], id="above-a-ceiling"),
])
def test_check_baseline(scores, breached):
    baseline: dict = {"files": {}}
    ev.raise_baseline(baseline, "g.jsonl", _scores(0.8, 0.2))
    assert sorted(b.metric for b in ev.check_baseline(baseline, "g.jsonl", scores)) == sorted(breached)


def test_update_baseline_from_the_command_line(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    baseline = tmp_path / "baseline.json"
    key = "eval/gold/snippets.jsonl"
    baseline.write_text(json.dumps({"files": {key: {"value_f1.all": 1.0}}}), encoding="utf-8")
    assert main(["eval", key, "--baseline", str(baseline), "--update-baseline"]) == 0
    pinned = json.loads(baseline.read_text(encoding="utf-8"))["files"][key]
    assert pinned["value_f1.all"] == 1.0  # never lowered
    assert {"value_f1.date", "main_event.type_acc", "main_event.date_acc"} <= set(pinned)
    assert str(baseline) in capsys.readouterr().out


# --- the project's gold ----------------------------------------------------------------------

VALUE_FIELDS = {"date": {"iso"}, "money": {"min", "max", "currency"}, "count": {"min", "max"}, "org": {"name", "type"}}
EVENT_TYPES = {"competition", "meeting", "ceremony", "training", "visit", "opening", "campaign", "award"}


def _snippet_rows():
    return [pytest.param(row, id=row["id"]) for row in ev.load_jsonl(SNIPPETS)]


@pytest.mark.parametrize("row", _snippet_rows())
def test_snippet_gold_is_well_formed(row):
    text = row["text"]
    assert row["published"] and text.split("\n")[0]
    for fact in row["facts"]:
        assert fact["text"] in text, fact
        assert VALUE_FIELDS[fact["kind"]] <= set(fact["value"]), fact
    assert row["main_event"]["type"] in EVENT_TYPES
    assert {f["kind"] for f in row["facts"] if not f.get("optional")} >= {"date", "org"}


def test_snippet_gold_covers_every_kind_and_event_type():
    rows = ev.load_jsonl(SNIPPETS)
    assert 20 <= len(rows) <= 40
    assert {f["kind"] for r in rows for f in r["facts"]} == set(ev.KINDS)
    assert {r["main_event"]["type"] for r in rows} == EVENT_TYPES


def test_baseline_key_keeps_a_symlinked_shared_folder(tmp_path):
    real = tmp_path / "elsewhere" / "shared"
    (real / "gold").mkdir(parents=True)
    (tmp_path / "project").mkdir()
    (tmp_path / "shared").symlink_to(real)
    gold = tmp_path / "project" / ".." / "shared" / "gold" / "seeds.jsonl"
    assert ev.baseline_key(gold, tmp_path / "project") == "../shared/gold/seeds.jsonl"
