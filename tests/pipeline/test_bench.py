"""`newsfacts bench`: its generated corpora, its arithmetic and its outputs (not its timings)."""

from __future__ import annotations

import json

import pytest

from pipeline import bench
from pipeline.cli import main
from tests.conftest import ROOT

TEXTS = [
    bench.BenchText("a", "全市2021年劳动和技能竞赛推进会召开",
                    "3月18日上午，全市劳动和技能竞赛推进会在零八一电子集团有限公司召开。\n市总工会相关负责人出席会议并讲话，180余人参加。",
                    "2021-03-22"),
    bench.BenchText("b", "渝湘高铁重庆至黔江段开通运营",
                    "12月30日，渝湘高铁重庆至黔江段正式开通运营，总投资约530亿元。\n开通初期每天安排开行动车组列车22对。",
                    "2021-12-31"),
]


def test_generated_corpus_resamples_paragraphs_deterministically(tmp_path):
    first, second = tmp_path / "1.jsonl", tmp_path / "2.jsonl"
    chars = bench.generate_corpus(TEXTS, 50, first)
    bench.generate_corpus(TEXTS, 50, second)
    assert first.read_bytes() == second.read_bytes()
    rows = [json.loads(line) for line in first.read_text(encoding="utf-8").splitlines()]
    pool = {p for t in TEXTS for p in t.text.split("\n")}
    assert len(rows) == 50 and len({r["url"] for r in rows}) == 50
    assert all(set(r["text"].split("\n")) <= pool for r in rows)
    assert chars == sum(len(r["text"]) for r in rows)


@pytest.mark.parametrize("items, chars, seconds, per_item, per_char", [
    pytest.param(100, 50_000, 0.5, 200.0, 100_000.0, id="ordinary"),
    pytest.param(0, 0, 0.0, 0.0, 0.0, id="nothing-timed"),
])
def test_measurement_rates(items, chars, seconds, per_item, per_char):
    m = bench.Measurement("extract: money", "x", items, chars, seconds)
    assert (m.items_per_s, m.chars_per_s) == (per_item, per_char)


def test_peer_ratio_is_ours_over_theirs():
    ours = bench.Measurement("conversion", "x", 10, 1_000_000, 1.0)
    theirs = bench.Measurement("opencc t2s", "x", 10, 1_000_000, 0.25)
    assert bench.PeerComparison("conversion vs OpenCC", ours, theirs).ratio == 0.25


def test_machine_reports_cores_and_cpu():
    info = bench.machine()
    assert info["nproc"] >= 1 and info["cpu"]


def test_bench_writes_table_json_and_plot_on_the_project_corpus(tmp_path, capsys, monkeypatch):
    """Without ../shared (an empty folder here) the bench falls back to corpus/ and says so."""
    monkeypatch.chdir(ROOT)
    out = tmp_path / "bench"
    code = main(["bench", "--shared", str(tmp_path / "no-shared"), "--quick", "--sizes", "20",
                 "--skip", "peers", "--skip", "e2e", "--out", str(out)])
    assert code == 0
    printed = capsys.readouterr().out
    assert "stage" in printed and "not found" in printed
    (json_file,) = out.glob("*.json")
    report = json.loads(json_file.read_text(encoding="utf-8"))
    assert {s["stage"] for s in report["stages"]} >= {"read", "decode", "chrome filter", "paragraph dedup"}
    assert report["scaling"] and report["scaling"][0]["size"] == 20
    assert (out / json_file.name.replace(".json", ".png")).stat().st_size > 0
