"""The command line: every command has --help, and the JSONL filters follow FACTS.md §4."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from pipeline.cli import build_parser, main

COMMANDS = sorted(build_parser()._subparsers._group_actions[0].choices)


def test_the_documented_commands_exist():
    assert {"ingest", "clean", "extract", "stats", "query", "export", "eval", "bench", "browse"} <= set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command, capsys):
    with pytest.raises(SystemExit) as exit_:
        main([command, "--help"])
    assert exit_.value.code == 0
    assert "usage: newsfacts " + command in capsys.readouterr().out


def run_cli(args: list[str], stdin: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline.cli", *args], input=stdin, capture_output=True,
                          text=True, timeout=120)


def test_extract_reads_jsonl_and_prints_facts_and_events():
    line = json.dumps({"id": "x", "text": "3月18日上午,全市劳动和技能竞赛推进会召开,180余人参加了会议。",
                       "published": "2021-03-22"}, ensure_ascii=False)
    result = run_cli(["extract"], line + "\n")
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["id"] == "x" and set(out) >= {"facts", "events"}
    dates = [f for f in out["facts"] if f["kind"] == "date"]
    assert dates and dates[0]["value"]["iso"] == "2021-03-18"


def test_extract_reports_a_bad_line_and_goes_on():
    good = json.dumps({"id": "ok", "text": "60名选手参加决赛。"}, ensure_ascii=False)
    result = run_cli(["extract"], "{oops\n" + good + "\n")
    assert result.returncode == 1
    assert "line 1" in result.stderr
    assert json.loads(result.stdout)["id"] == "ok"


def test_clean_prints_title_paragraphs_and_script():
    html = ("<html><head><title>市总工会召開推進會</title></head><body><div class='nav'>首页 > 新闻</div>"
            "<article><h1>市總工會召開推進會</h1><p>3月18日上午,全市勞動和技能競賽推進會在工業園召開。"
            "市總工會主席出席會議並講話,與會人員觀摩了企業生產建設情況。</p>"
            "<p>會議通報表揚了優勝單位40個、優秀組織單位15個,命名市級勞模和工匠人才創新工作室9個。</p></article>"
            "<div class='footer'>版權所有 蜀ICP備2021007964號-1</div></body></html>")
    result = run_cli(["clean"], json.dumps({"id": "p1", "html": html}, ensure_ascii=False) + "\n")
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["id"] == "p1" and out["script"] == "hant"
    joined = "\n".join(out["paragraphs"])
    assert "劳动和技能竞赛推进会" in joined and "ICP" not in joined
