"""Worker processes: a worker killed mid-run costs one record, not the run; workers end with their parent."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.document import RawRecord
from pipeline.options import PipelineOptions
from pipeline.readers import iter_records
from pipeline.runner import run_ingest
from pipeline.workers import WORKER_DIED, Chunking, chunked, ordered_map
from tests.conftest import ROOT, shared_path

KILL_MARK = "【测试：终止工作进程】"


def write_feed(path: Path, items: list[dict]) -> Path:
    path.write_text("".join(json.dumps(i, ensure_ascii=False) + "\n" for i in items), encoding="utf-8")
    return path


def bench_items(n: int) -> list[dict]:
    with shared_path("bench", "xwlb_2022_2024.jsonl").open(encoding="utf-8") as f:
        return [json.loads(next(f)) for _ in range(n)]


@pytest.mark.parametrize(("count", "victim"), [
    pytest.param(8, 0, id="first"),
    pytest.param(8, 3, id="middle"),
    pytest.param(8, 7, id="last"),
    pytest.param(40, 21, id="second_chunk_of_three"),  # a chunk before it is done, one after it in flight
])
def test_a_worker_killed_with_sigkill_is_an_error_row_and_the_others_are_stored(tmp_path, count, victim):
    items = bench_items(count)
    items[victim]["text"] += KILL_MARK
    feed = write_feed(tmp_path / "feed.jsonl", items)
    db = tmp_path / "facts.db"
    summary = run_ingest([feed], PipelineOptions(db=db, workers=2, quiet=True, die_on=KILL_MARK), progress=False,
                         echo=lambda line: None)
    conn = sqlite3.connect(db)
    errors = conn.execute("SELECT record, stage, message FROM errors").fetchall()
    line = victim + 1  # JSONL records are numbered by line
    assert errors == [(line, "worker", WORKER_DIED)]
    stored = sorted(r for (r,) in conn.execute("SELECT record FROM documents"))
    assert stored == [n for n in range(1, count + 1) if n != line]
    assert summary.errors_by_stage == {"worker": 1}
    # the next run retries the record that failed and skips the others
    again = run_ingest([feed], PipelineOptions(db=db, workers=2, quiet=True), progress=False, echo=lambda line: None)
    assert (again.documents["new"], again.documents["unchanged"]) == (1, count - 1)


def bench_records(n: int, tmp_path: Path) -> list[RawRecord]:
    feed = write_feed(tmp_path / "feed.jsonl", bench_items(n))
    return [r for r in iter_records([str(feed)], PipelineOptions(db=tmp_path / "f.db")) if isinstance(r, RawRecord)]


@pytest.mark.parametrize(("chunking", "sizes"), [
    pytest.param(Chunking(max_items=16, max_weight=1 << 20), [16, 16, 8], id="by_count"),
    pytest.param(Chunking(max_items=16, max_weight=3000), None, id="by_weight"),  # a chunk ends at the record that fills it
    pytest.param(Chunking(max_items=1, max_weight=1 << 20), [1] * 40, id="one_per_chunk"),
])
def test_records_are_chunked_in_order_by_count_and_weight(tmp_path, chunking, sizes):
    records = bench_records(40, tmp_path)
    chunks = list(chunked(iter(records), chunking, lambda r: len(r.content)))
    assert [r for chunk in chunks for r in chunk] == records
    if sizes is not None:
        assert [len(c) for c in chunks] == sizes
    for chunk in chunks[:-1]:
        weights = [len(r.content) for r in chunk]
        assert len(chunk) == chunking.max_items or (sum(weights) >= chunking.max_weight
                                                    and sum(weights[:-1]) < chunking.max_weight)
    if sizes is None:  # the weight closed chunks before they were full
        assert any(len(chunk) < chunking.max_items for chunk in chunks[:-1])


def _children(pid: int) -> set[int]:
    kids = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid and fields[0] != "Z":
                kids.add(int(entry.name))
    return kids


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_workers_end_when_their_parent_is_killed(tmp_path):
    feed = write_feed(tmp_path / "feed.jsonl", bench_items(400))
    parent = subprocess.Popen([sys.executable, "-m", "pipeline.cli", "ingest", str(feed), "--db", str(tmp_path / "f.db"),
                               "--workers", "2", "--quiet"], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        workers: set[int] = set()
        while len(workers) < 2 and time.monotonic() < deadline and parent.poll() is None:
            workers = _children(parent.pid)
            time.sleep(0.1)
        assert len(workers) >= 2, "the ingest never started its workers"
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait()
        deadline = time.monotonic() + 15
        while any(_alive(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert [w for w in workers if _alive(w)] == []
    finally:
        if parent.poll() is None:
            parent.kill()


@pytest.mark.parametrize(("workers", "chunking"), [
    pytest.param(1, Chunking(max_items=16), id="one_worker_in_this_process"),
    pytest.param(2, Chunking(max_items=16), id="two_workers"),
    pytest.param(1, Chunking(max_items=1), id="one_record_per_chunk"),
])
def test_ordered_map_hands_the_function_whole_chunks_and_keeps_input_order(tmp_path, workers, chunking):
    """The function receives a chunk and returns one result per record (the runner runs each stage over
    the chunk); results come back in input order, with one worker as with a pool."""
    records = bench_records(40, tmp_path)
    results = list(ordered_map(_sizes_and_keys, iter(records), workers, lambda r: None, chunking=chunking,
                               weight=lambda r: len(r.content)))
    assert [key for _, key in results] == [r.key for r in records]
    assert {size for size, _ in results} == ({16, 8} if chunking.max_items == 16 else {1})


def _sizes_and_keys(chunk: list[RawRecord]) -> list[tuple[int, str]]:
    """(chunk size, key) of each record: a picklable function of a chunk."""
    return [(len(chunk), r.key) for r in chunk]
