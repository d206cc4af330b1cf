"""The command line: every command has --help, and the JSONL filters follow FACTS.md §4."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from pathlib import Path


from pipeline.cli import build_parser, main
from pipeline.queries import EXPORT_VIEWS
from tests.conftest import CORPUS, ROOT

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


@pytest.mark.parametrize("command", ["clean", "extract"])
def test_jsonl_filter_reports_a_line_that_is_not_utf8_and_goes_on(command):
    good = json.dumps({"id": "ok", "text": "6月2日,区总工会举办技能竞赛,60名选手参赛。"}, ensure_ascii=False)
    stdin = b"\xef\xbb\xbf" + good.encode("utf-8") + b"\n\xff\xfe\x00{\n" + good.replace("ok", "ok2").encode("utf-8") + b"\n"
    result = subprocess.run([sys.executable, "-m", "pipeline.cli", command], input=stdin, capture_output=True,
                            timeout=120)
    assert result.returncode == 1
    assert result.stderr.decode("utf-8") == "error: line 2: not UTF-8 (invalid start byte at byte 0)\n"
    assert [json.loads(line)["id"] for line in result.stdout.decode("utf-8").splitlines()] == ["ok", "ok2"]


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


# --- user mistakes: one line, exit code 2, no traceback (-v adds it) ------------------------------

def run_main(args: list[str]) -> int:
    try:
        return main(args)
    except SystemExit as exit_:  # argparse's own errors
        return int(exit_.code)


@pytest.fixture
def tiny_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("cli") / "facts.db"
    assert main(["ingest", str(CORPUS / "samples" / "feed.jsonl"), "--db", str(db), "--quiet", "--workers", "1"]) == 0
    return db


@pytest.mark.parametrize(
    ("args", "line"),
    [
        pytest.param(["ingest", "corpus", "--max-bytes", "-5"],
                     "error: newsfacts ingest: argument --max-bytes: must be a whole number above 0, got -5",
                     id="max_bytes_negative"),
        pytest.param(["ingest", "corpus", "--max-bytes", "64MB"],
                     "error: newsfacts ingest: argument --max-bytes: must be a whole number, got '64MB'",
                     id="max_bytes_not_a_number"),
        pytest.param(["ingest", "corpus", "--workers", "-2"],
                     "error: newsfacts ingest: argument --workers: must be a whole number, 0 or more, got -2",
                     id="workers_negative"),
        pytest.param(["ingest", "corpus", "--limit", "0"],
                     "error: newsfacts ingest: argument --limit: must be a whole number above 0, got 0",
                     id="limit_zero"),
        pytest.param(["ingest", "corpus", "--db", "{tmp}"],
                     "error: newsfacts ingest: argument --db: {tmp} is a folder, not a database file",
                     id="ingest_db_is_a_folder"),
        pytest.param(["ingest", "corpus", "--db", "{readme}"],
                     "error: newsfacts ingest: argument --db: {readme} exists and is not an SQLite database",
                     id="ingest_db_not_sqlite"),
        pytest.param(["ingest", "corpus", "--db", "{readme}/facts.db"],
                     "error: newsfacts ingest: argument --db: cannot create {readme}/facts.db: {readme} is a file, "
                     "not a folder", id="ingest_db_under_a_file"),
        pytest.param(["stats", "--db", "{tmp}/none.db"],
                     "error: no database at {tmp}/none.db (run `newsfacts ingest` first, or give --db)",
                     id="stats_missing_db"),
        pytest.param(["query", "select 1", "--db", "{tmp}/none.db"],
                     "error: no database at {tmp}/none.db (run `newsfacts ingest` first, or give --db)",
                     id="query_missing_db"),
        pytest.param(["export", "v_money", "--db", "{tmp}/none.db"],
                     "error: no database at {tmp}/none.db (run `newsfacts ingest` first, or give --db)",
                     id="export_missing_db"),
        pytest.param(["export", "v_money", "--db", "{db}", "-o", "{tmp}/missing/money.jsonl"],
                     "error: cannot write {tmp}/missing/money.jsonl: the folder {tmp}/missing does not exist",
                     id="export_bad_output_folder"),
        pytest.param(["export", "v_money", "--db", "{db}", "-o", "{db}"],
                     "error: refusing to write {db}: it is the database being exported ({db})",
                     id="export_onto_the_database"),
        pytest.param(["export", "v_nothing", "--db", "{db}"],
                     "error: newsfacts export: argument view: invalid choice: 'v_nothing' (choose from "
                     + ", ".join(f"'{v}'" for v in EXPORT_VIEWS) + ")",
                     id="export_unknown_view"),
        pytest.param(["query", "select * from nowhere", "--db", "{db}"],
                     "error: bad SQL: no such table: nowhere", id="query_bad_sql"),
        *(pytest.param([command, *extra, "--limit", "-3", "--db", "{db}"],
                       f"error: newsfacts {command}: argument --limit: must be a whole number above 0, got -3",
                       id=f"{command}_limit_negative")
          for command, extra in (("search", ["工会"]), ("orgs", []), ("events", []), ("money", []),
                                 ("stories", []))),
        pytest.param(["clean", "{tmp}/none.jsonl"], "error: cannot read {tmp}/none.jsonl: No such file or directory",
                     id="clean_missing_input"),
        pytest.param(["extract", "{tmp}"], "error: cannot read {tmp}: Is a directory", id="extract_folder_input"),
    ],
)
def test_user_mistake_is_one_line_and_exit_2(args, line, tmp_path, tiny_db, capsys):
    fill = {"tmp": tmp_path, "db": tiny_db, "readme": ROOT / "README.md"}
    code = run_main([a.format(**fill) for a in args])
    out, err = capsys.readouterr()
    assert code == 2
    assert err.splitlines()[0].startswith(line.format(**fill)) and len(err.splitlines()) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == []  # nothing created, not even an empty database


@pytest.mark.parametrize("args", [
    pytest.param(["reresolve"], id="reresolve"),
    pytest.param(["stories", "--update"], id="stories_update"),
])
def test_writing_command_on_a_file_that_is_not_sqlite_is_one_line(args, tmp_path, capsys):
    """Commands that write open the database through FactStore.open: a text file given as --db is one line
    and exit 2, and the file is left as it was."""
    notes = tmp_path / "notes.db"
    notes.write_text("工会会员名单，不是数据库\n" * 50, encoding="utf-8")
    before = notes.read_bytes()
    code = run_main([*args, "--db", str(notes)])
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith(f"error: {notes} is not an SQLite database") and len(err.splitlines()) == 1
    assert notes.read_bytes() == before


def test_verbose_user_mistake_shows_the_traceback(tmp_path, capsys):
    assert main(["-v", "stats", "--db", str(tmp_path / "none.db")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Traceback (most recent call last)") and "UserError" in err
    assert err.splitlines()[-1] == f"error: no database at {tmp_path / 'none.db'} (run `newsfacts ingest` first, or give --db)"


def test_real_cli_user_mistake_prints_no_traceback(tmp_path):
    result = subprocess.run([sys.executable, "-m", "pipeline.cli", "query", "select 1", "--db", str(tmp_path / "x.db")],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr == f"error: no database at {tmp_path / 'x.db'} (run `newsfacts ingest` first, or give --db)\n"


README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_documented_in_the_readme(command):
    assert f"newsfacts {command}" in README, f"README.md does not show `newsfacts {command}`"


def test_the_readme_answers_at_least_ten_questions():
    section = README.split("## Querying the database", 1)[1].split("\n## ", 1)[0]
    questions = [line for line in section.splitlines() if line.startswith("**") and line[2:3].isdigit()]
    commands = [line for line in section.splitlines() if line.startswith("$ newsfacts ")]
    assert len(questions) >= 10 and len(commands) >= len(questions)
