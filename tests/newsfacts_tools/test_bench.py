"""`newsfacts bench`: its generated corpora, its arithmetic and its outputs (not its timings)."""

from __future__ import annotations

import json


from newsfacts_tools import bench
from pipeline.cli import main
from tests.conftest import ROOT

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
