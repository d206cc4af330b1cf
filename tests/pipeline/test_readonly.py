"""pipeline.readonly: `query`, `export` and `stats` cannot write, create or copy a database."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from pipeline.cli import main
from tests.conftest import CORPUS


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("ro") / "facts.db"
    assert main(["ingest", str(CORPUS / "samples" / "feed.jsonl"), "--db", str(path), "--quiet", "--workers", "1"]) == 0
    return path


def digest(folder: Path) -> dict[str, str]:
    """Every file in the database's folder and its content hash: nothing may change or appear.

    A reader of a WAL database may leave SQLite's shared-memory index (``-shm``) and an empty
    ``-wal`` beside it (how readers coordinate with a running ingest); they hold no data.
    """
    return {p.name: hashlib.sha1(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())
            if p.is_file() and not p.name.endswith("-shm") and not (p.name.endswith("-wal") and not p.stat().st_size)}


@pytest.mark.parametrize(
    ("sql", "refused"),
    [
        pytest.param("vacuum into '{dir}/copy.db'", "VACUUM", id="vacuum_into"),
        pytest.param("vacuum", "VACUUM", id="vacuum"),
        pytest.param("attach database '{dir}/e.db' as e", "ATTACH", id="attach"),
        pytest.param("pragma journal_mode=delete", "PRAGMA journal_mode = delete", id="pragma_journal_mode_write"),
        pytest.param("pragma user_version = 99", "PRAGMA user_version = 99", id="pragma_user_version_write"),
        pytest.param("pragma writable_schema = 1", "PRAGMA writable_schema = 1", id="pragma_writable_schema"),
        pytest.param("create temp table t(a)", "CREATE", id="create_temp_table"),
        pytest.param("delete from facts", "DELETE", id="delete"),
        pytest.param("update documents set title = 'x'", "UPDATE", id="update"),
        pytest.param("insert into runs(run_id) values (999)", "INSERT", id="insert"),
        pytest.param("drop view v_money", "DROP", id="drop_view"),
        pytest.param("begin immediate", "BEGIN", id="begin"),
        pytest.param("select load_extension('/tmp/x.so')", "the function load_extension()", id="load_extension"),
    ],
)
def test_writing_statement_is_refused_with_one_line(db: Path, sql: str, refused: str, capsys) -> None:
    before = digest(db.parent)
    assert main(["query", sql.format(dir=db.parent), "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert err == f"error: query is read-only: {refused} is not allowed\n"
    assert digest(db.parent) == before


@pytest.mark.parametrize(
    ("sql", "check"),
    [
        pytest.param("select count(*) as n from documents", lambda rows: rows[0]["n"] > 0, id="select"),
        pytest.param("pragma user_version", lambda rows: rows[0]["user_version"] > 0, id="pragma_user_version"),
        pytest.param("pragma table_info(documents)", lambda rows: "title" in {r["name"] for r in rows},
                     id="pragma_table_info"),
        pytest.param("select name from pragma_table_info('facts')", lambda rows: "kind" in {r["name"] for r in rows},
                     id="table_valued_pragma"),
        pytest.param("pragma journal_mode", lambda rows: rows[0]["journal_mode"] == "wal", id="pragma_journal_mode_read"),
        pytest.param("with recursive n(i) as (select 1 union all select i + 1 from n where i < 3) select i from n",
                     lambda rows: [r["i"] for r in rows] == [1, 2, 3], id="recursive_cte"),
        pytest.param("select text, amount_min from v_money where currency = 'CNY' limit 3",
                     lambda rows: all(r["amount_min"] is not None for r in rows), id="view"),
    ],
)
def test_reading_statement_runs(db: Path, sql: str, check, capsys) -> None:
    before = digest(db.parent)
    assert main(["query", sql, "--db", str(db), "--format", "json"]) == 0
    assert check(json.loads(capsys.readouterr().out))
    assert digest(db.parent) == before


@pytest.mark.parametrize("command", [["query", "select 1"], ["stats"], ["export", "v_money"]])
def test_missing_database_is_one_line_and_not_created(tmp_path: Path, command: list[str], capsys) -> None:
    missing = tmp_path / "nothing.db"
    assert main([*command, "--db", str(missing)]) == 2
    assert capsys.readouterr().err == f"error: no database at {missing} (run `newsfacts ingest` first, or give --db)\n"
    assert list(tmp_path.iterdir()) == []


def test_file_that_is_not_a_database_is_one_line(tmp_path: Path, capsys) -> None:
    page = tmp_path / "page.html"
    page.write_text("<html><body><p>杭州市总工会召开推进会</p></body></html>", encoding="utf-8")
    assert main(["stats", "--db", str(page)]) == 2
    assert capsys.readouterr().err.startswith(f"error: {page} is not a facts database")


@pytest.mark.parametrize(
    ("sql", "message"),
    [
        pytest.param("selec * from facts", "near \"selec\": syntax error", id="syntax_error"),
        pytest.param("select * from no_such_table", "no such table: no_such_table", id="no_such_table"),
        pytest.param("select 1; select 2", "You can only execute one statement at a time.", id="two_statements"),
    ],
)
def test_bad_sql_is_one_line(db: Path, sql: str, message: str, capsys) -> None:
    assert main(["query", sql, "--db", str(db)]) == 2
    assert capsys.readouterr().err == f"error: bad SQL: {message}\n"


def test_verbose_shows_the_traceback(db: Path, capsys) -> None:
    assert main(["-v", "query", "attach database ':memory:' as m", "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert "Traceback (most recent call last)" in err and "ReadOnlyViolation" in err
    assert err.endswith("error: query is read-only: ATTACH is not allowed\n")
