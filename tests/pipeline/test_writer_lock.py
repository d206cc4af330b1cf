"""One writer at a time: a second ingest waits (saying who holds the database) or, --no-wait, stops with exit 3."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from pipeline.writer_lock import WriterLock, lock_path
from tests.conftest import ROOT, shared_path


def _feed(path: Path, n: int) -> Path:
    with shared_path("bench", "xwlb_2022_2024.jsonl").open(encoding="utf-8") as f:
        path.write_text("".join(next(f) for _ in range(n)), encoding="utf-8")
    return path


def _ingest(feed: Path, db: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "pipeline.cli", "ingest", str(feed), "--db", str(db), "--workers", "1",
                             "--quiet", *extra], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _wait_for_holder(db: Path, first: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and first.poll() is None:
        if lock_path(db).exists() and f"pid {first.pid} " in lock_path(db).read_text():
            return
        time.sleep(0.05)
    raise AssertionError("the first ingest never took the lock")


def test_a_second_ingest_with_no_wait_stops_with_exit_3_and_names_the_holder(tmp_path):
    db = tmp_path / "facts.db"
    first = _ingest(_feed(tmp_path / "a.jsonl", 300), db)
    _wait_for_holder(db, first)
    second = _ingest(_feed(tmp_path / "b.jsonl", 5), db, "--no-wait")
    out, err = second.communicate(timeout=60)
    assert second.returncode == 3
    assert err.strip().splitlines() == [err.strip()] and f"pid {first.pid} on " in err and "since" in err
    # queries work while the first one writes (WAL)
    assert sqlite3.connect(f"file:{db}?mode=ro", uri=True).execute("SELECT count(*) FROM documents").fetchone()[0] >= 0
    assert first.wait(timeout=300) == 0
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM errors").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 300


def test_a_second_ingest_waits_for_the_holder_and_then_writes(tmp_path):
    """The holder here is this test process (a real lock, another process): deterministic timing."""
    db = tmp_path / "facts.db"
    feed = _feed(tmp_path / "a.jsonl", 20)
    holder = WriterLock(db)
    waiting = _ingest(feed, db)
    try:
        deadline = time.monotonic() + 60
        line = ""
        while time.monotonic() < deadline and not line:
            line = waiting.stderr.readline()
        assert line.startswith(f"waiting: {db} is being written by pid {os.getpid()} on ") and "since" in line
        time.sleep(0.5)
        assert waiting.poll() is None  # still waiting while the lock is held
    finally:
        holder.release()
    out, err = waiting.communicate(timeout=600)
    assert waiting.returncode == 0
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM errors").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 20
