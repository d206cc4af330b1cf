"""The bench's generated corpora."""

from __future__ import annotations

import json

from newsfacts_tools import bench_inputs

TEXTS = [
    bench_inputs.BenchText("a", "全市2021年劳动和技能竞赛推进会召开",
                    "3月18日上午，全市劳动和技能竞赛推进会在零八一电子集团有限公司召开。\n市总工会相关负责人出席会议并讲话，180余人参加。",
                    "2021-03-22"),
    bench_inputs.BenchText("b", "渝湘高铁重庆至黔江段开通运营",
                    "12月30日，渝湘高铁重庆至黔江段正式开通运营，总投资约530亿元。\n开通初期每天安排开行动车组列车22对。",
                    "2021-12-31"),
]


def test_generated_corpus_resamples_paragraphs_deterministically(tmp_path):
    first, second = tmp_path / "1.jsonl", tmp_path / "2.jsonl"
    chars = bench_inputs.generate_corpus(TEXTS, 50, first)
    bench_inputs.generate_corpus(TEXTS, 50, second)
    assert first.read_bytes() == second.read_bytes()
    rows = [json.loads(line) for line in first.read_text(encoding="utf-8").splitlines()]
    pool = {p for t in TEXTS for p in t.text.split("\n")}
    assert len(rows) == 50 and len({r["url"] for r in rows}) == 50
    assert all(set(r["text"].split("\n")) <= pool for r in rows)
    assert chars == sum(len(r["text"]) for r in rows)
