"""pipeline.export: `newsfacts export` never harms the database it reads or a file it was not told to replace."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from pipeline.cli import main
from tests.conftest import CORPUS


@pytest.fixture(scope="module")
def source_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("export") / "facts.db"
    assert main(["ingest", str(CORPUS / "samples" / "feed.jsonl"), "--db", str(path), "--quiet", "--workers", "1"]) == 0
    return path


@pytest.fixture
def db(source_db: Path, tmp_path: Path) -> Path:
    """A private copy of the database, in a folder of its own."""
    path = tmp_path / "db" / "facts.db"
    path.parent.mkdir()
    shutil.copy(source_db, path)
    return path


def sha(path: Path) -> str:
    return hashlib.sha1(path.read_bytes()).hexdigest()


def money_rows(db: Path, capsys) -> list[dict]:
    assert main(["export", "v_money", "--db", str(db)]) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def _same_path(db: Path) -> Path:
    return db


def _symlink(db: Path) -> Path:
    link = db.parent.parent / "link.csv"
    link.symlink_to(db)
    return link


def _hard_link(db: Path) -> Path:
    link = db.parent.parent / "hard.csv"
    os.link(db, link)
    return link


def _dotted_path(db: Path) -> Path:
    return db.parent / ".." / db.parent.name / "facts.db"


def _wal_file(db: Path) -> Path:
    return Path(f"{db}-wal")


@pytest.mark.parametrize("force", [False, True], ids=["plain", "force"])
@pytest.mark.parametrize("target", [_same_path, _symlink, _hard_link, _dotted_path, _wal_file],
                         ids=["same_path", "symlink", "hard_link", "dotted_path", "wal_file"])
def test_export_never_writes_onto_the_database(db: Path, target, force: bool, capsys) -> None:
    before = sha(db)
    output = target(db)
    code = main(["export", "v_money", "--format", "csv", "--db", str(db), "-o", str(output)]
                + (["--force"] if force else []))
    assert code == 2
    assert capsys.readouterr().err.startswith(f"error: refusing to write {output}: it is the database being exported")
    assert sha(db) == before
    assert money_rows(db, capsys)


def test_existing_file_needs_force(db: Path, tmp_path: Path, capsys) -> None:
    output = tmp_path / "money.csv"
    output.write_text("分析师的笔记\n", encoding="utf-8")
    assert main(["export", "v_money", "--format", "csv", "--db", str(db), "-o", str(output)]) == 2
    assert capsys.readouterr().err == f"error: {output} exists (use --force to replace it)\n"
    assert output.read_text(encoding="utf-8") == "分析师的笔记\n"
    assert main(["export", "v_money", "--format", "csv", "--db", str(db), "-o", str(output), "--force"]) == 0
    expected = len(money_rows(db, capsys))
    assert len(output.read_text(encoding="utf-8").splitlines()) == expected + 1 > 1


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_export_leaves_only_the_output_file(db: Path, tmp_path: Path, fmt: str, capsys) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    output = folder / f"money.{fmt}"
    assert main(["export", "v_money", "--format", fmt, "--db", str(db), "-o", str(output)]) == 0
    assert [p.name for p in folder.iterdir()] == [output.name] and output.stat().st_size > 0


def test_write_error_is_one_line_and_exit_1(db: Path, capsys) -> None:
    assert main(["export", "v_documents", "--db", str(db), "-o", "/dev/full"]) == 1
    assert capsys.readouterr().err == "error: cannot write /dev/full: No space left on device\n"


def test_folder_that_cannot_be_written_leaves_nothing(db: Path) -> None:
    # As root every folder is writable: act as `nobody` on a folder only root may write.
    top = Path(tempfile.mkdtemp(prefix="newsfacts-export-"))
    try:
        top.chmod(0o755)
        folder = top / "out"
        folder.mkdir(mode=0o755)
        db = Path(shutil.copy(db, top / "facts.db"))
        db.chmod(0o644)
        output = folder / "money.csv"
        if os.geteuid() == 0:
            os.seteuid(65534)
        try:
            code = main(["export", "v_money", "--format", "csv", "--db", str(db), "-o", str(output)])
        finally:
            if os.getuid() == 0:
                os.seteuid(0)
        assert code == 1 and list(folder.iterdir()) == []
    finally:
        shutil.rmtree(top)


@pytest.mark.parametrize(
    ("output", "message"),
    [
        pytest.param("no/such/folder/money.csv", "the folder {tmp}/no/such/folder does not exist", id="missing_folder"),
        pytest.param(".", "it is a folder", id="folder"),
    ],
)
def test_bad_output_path_is_one_line(db: Path, tmp_path: Path, output: str, message: str, capsys) -> None:
    target = tmp_path / output
    assert main(["export", "v_money", "--db", str(db), "-o", str(target)]) == 2
    assert capsys.readouterr().err.rstrip("\n").endswith(message.format(tmp=tmp_path))
    assert not (tmp_path / "no").exists()


def test_parquet_needs_an_output_file(db: Path, capsys) -> None:
    assert main(["export", "v_money", "--format", "parquet", "--db", str(db)]) == 2
    assert capsys.readouterr().err == "error: --format parquet needs -o FILE\n"


# -- export --all: every table and view into a folder ------------------------------------------------
@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_export_all_writes_every_table_and_view(corpus_db: Path, tmp_path: Path, fmt: str, capsys) -> None:
    import sqlite3

    folder = tmp_path / "dump"
    assert main(["export", "--all", "--format", fmt, "-o", str(folder), "--db", str(corpus_db)]) == 0
    conn = sqlite3.connect(corpus_db)
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view') "
                                        "AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'documents_fts%'")}
    assert {p.stem for p in folder.iterdir()} == names and {p.suffix for p in folder.iterdir()} == {f".{fmt}"}
    for name in ("documents", "v_money", "v_events"):
        expected = conn.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
        path = folder / f"{name}.{fmt}"
        if fmt == "parquet":
            import pyarrow.parquet as pq

            table = pq.read_table(path)
            assert table.num_rows == expected and "doc_id" in table.column_names
        elif fmt == "csv":
            assert len(path.read_text("utf-8").splitlines()) >= expected + 1
        else:
            rows = [json.loads(line) for line in path.read_text("utf-8").splitlines()]
            assert len(rows) == expected
    money = conn.execute("SELECT sum(amount_min) FROM v_money").fetchone()[0]
    if fmt == "parquet":
        import pyarrow.parquet as pq

        assert sum(v for v in pq.read_table(folder / "v_money.parquet").column("amount_min").to_pylist() if v) == money


def test_export_all_refuses_existing_files_without_force(corpus_db: Path, tmp_path: Path, capsys) -> None:
    folder = tmp_path / "dump"
    folder.mkdir()
    (folder / "orgs.csv").write_text("mine", "utf-8")
    assert main(["export", "--all", "--format", "csv", "-o", str(folder), "--db", str(corpus_db)]) == 2
    assert "orgs.csv exists" in capsys.readouterr().err
    assert [p.name for p in folder.iterdir()] == ["orgs.csv"]  # nothing written
    assert main(["export", "--all", "--format", "csv", "-o", str(folder), "--db", str(corpus_db), "--force"]) == 0
    assert (folder / "orgs.csv").read_text("utf-8").startswith("org_id,name,type")
