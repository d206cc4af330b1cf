"""`newsfacts ingest --executor local --shards DIR` then `newsfacts load DIR` (twice) give the local
runner's database; an incomplete or damaged shard folder is refused with one line and exit 2."""

from __future__ import annotations

import gzip
import shutil
import sqlite3
from pathlib import Path

import pytest

from newsfacts_cluster import shards
from newsfacts_tools.digest import digest_database
from pipeline.cli import main


def count(db: Path, sql: str) -> int:
    con = sqlite3.connect(db)
    try:
        return con.execute(sql).fetchone()[0]
    finally:
        con.close()


@pytest.fixture(scope="module")
def shard_dir(sample, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("run") / "shards"
    assert main(["ingest", str(sample), "--executor", "local", "--shards", str(folder), "--workers", "2",
                 "--tasks", "4", "--buckets", "2", "--quiet"]) == 0
    return folder


def stories(db: Path) -> list[tuple[str, ...]]:
    """Each story as the sorted keys of its documents, with the rule that placed each."""
    con = sqlite3.connect(db)
    try:
        rows = con.execute("select x.story_id, d.key || ' ' || x.rule from story_documents x join documents d using (doc_id)")
        grouped: dict[int, list[str]] = {}
        for story, member in rows:
            grouped.setdefault(story, []).append(member)
        return sorted(tuple(sorted(members)) for members in grouped.values())
    finally:
        con.close()


def test_local_executor_then_load_reproduces_the_local_runner(local_db, shard_dir, tmp_path):
    db = tmp_path / "merged.db"
    assert main(["load", str(shard_dir), "--db", str(db), "--quiet"]) == 0
    assert digest_database(db) == digest_database(local_db)
    assert count(db, "select count(*) from documents where duplicate_of is not null") >= 25
    assert stories(db) == stories(local_db) and len(stories(db)) >= 3


def test_duplicates_are_found_across_tasks(shard_dir):
    plan = shards.read_json(str(shard_dir / "plan.json"))
    task_of_file = [f["task"] for f in plan["files"]]
    pairs = list(shards.read_rows(shards.shard_path(str(shard_dir), "clusters", 0)))
    across = [p for p in pairs if task_of_file[p["seq"][0]] != task_of_file[p["duplicate_of"][0]]]
    assert len(across) >= 25


def test_loading_twice_changes_nothing(shard_dir, tmp_path, capsys):
    db = tmp_path / "twice.db"
    assert main(["load", str(shard_dir), "--db", str(db), "--quiet"]) == 0
    first = digest_database(db), count(db, "select count(*) from facts"), count(db, "select count(*) from events")
    assert main(["load", str(shard_dir), "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert " 0 new, 0 updated" in out and "0 duplicate" in out
    assert (digest_database(db), count(db, "select count(*) from facts"), count(db, "select count(*) from events")) == first


def damage_missing_marker(folder: Path) -> None:
    (folder / "logs" / "ingest" / "completions" / "00002").unlink()


def damage_truncated_shard(folder: Path) -> None:
    path = folder / "facts" / "00001.jsonl.gz"
    path.write_bytes(path.read_bytes()[:-20])


def damage_altered_shard(folder: Path) -> None:
    path = folder / "events" / "00000.jsonl.gz"
    text = gzip.decompress(path.read_bytes()).replace("会议".encode(), "会谈".encode())
    path.write_bytes(gzip.compress(text))


def damage_missing_shard(folder: Path) -> None:
    (folder / "signatures" / "00003.jsonl.gz").unlink()


def damage_missing_plan(folder: Path) -> None:
    (folder / "plan.json").unlink()


@pytest.mark.parametrize("damage, message", [
    (damage_missing_marker, "stage ingest: 1 of 4 tasks did not complete (first: 2)"),
    (damage_truncated_shard, "task 1: shard"),
    (damage_altered_shard, "differs from what the task wrote"),
    (damage_missing_shard, "task 3: missing shard"),
    (damage_missing_plan, "no plan.json"),
], ids=["missing-completion", "truncated-shard", "altered-shard", "missing-shard", "missing-plan"])
def test_load_refuses_an_incomplete_or_damaged_folder(shard_dir, tmp_path, capsys, damage, message):
    folder = tmp_path / "copy"
    shutil.copytree(shard_dir, folder)
    damage(folder)
    db = tmp_path / "refused.db"
    assert main(["load", str(folder), "--db", str(db)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error: ") and message in err[0]
    assert not db.exists()


def test_running_the_same_ingest_again_resumes_and_skips_completed_tasks(sample, shard_dir, tmp_path, capsys):
    folder = tmp_path / "resumed"
    shutil.copytree(shard_dir, folder)
    (folder / "logs" / "ingest" / "completions" / "00001").unlink()
    kept = (folder / "documents" / "00000.jsonl.gz").stat().st_mtime_ns
    assert main(["ingest", str(sample), "--executor", "local", "--shards", str(folder), "--workers", "2",
                 "--tasks", "4", "--buckets", "2", "--quiet"]) == 0
    assert (folder / "logs" / "ingest" / "completions" / "00001").exists()
    assert (folder / "documents" / "00000.jsonl.gz").stat().st_mtime_ns == kept
    assert main(["load", str(folder), "--db", str(tmp_path / "resumed.db"), "--quiet"]) == 0


def test_a_shard_folder_of_other_inputs_is_refused(sample, shard_dir, tmp_path, capsys):
    folder = tmp_path / "other"
    shutil.copytree(shard_dir, folder)
    assert main(["ingest", str(sample / "samples"), "--shards", str(folder), "--quiet"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "holds shards of another run" in err[0]


@pytest.mark.parametrize("argv, message", [
    (["ingest", "corpus", "--executor", "ray"], "add --shards DIR"),
    (["ingest", "corpus", "--executor", "slurm", "--shards", "x"], "needs --slurm-partition"),
    (["ingest", "no/such/folder", "--shards", "x"], "nothing to ingest"),
], ids=["executor-without-shards", "slurm-without-partition", "no-inputs"])
def test_cluster_mistakes_are_one_line_and_exit_2(argv, message, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(Path(__file__).resolve().parents[2])
    argv = [a if a != "x" else str(tmp_path / "x") for a in argv]
    assert main(argv) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and message in err[0]
