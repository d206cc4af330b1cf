"""End to end, incremental and scaling runs: ingest in a child process, peak RSS of its process tree."""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from newsfacts_tools.bench_inputs import BenchText, generate_corpus, write_bench_corpus
from pipeline.options import PipelineOptions

# ---------------------------------------------------------------------------------------------
# End to end, incremental, scaling (ingest in a child process, peak RSS of its process tree)
# ---------------------------------------------------------------------------------------------


class PeakRss:
    """Samples the memory of a process and its children every ``interval`` seconds; keeps the peaks.

    Two figures: the sum of the processes' RSS, which counts a page shared by a parent and its
    forked workers once per process (an upper bound), and the sum of their PSS (proportional set
    size: a page shared by k processes counts 1/k in each), which is what the tree really holds.
    PSS walks the page tables (``/proc/PID/smaps_rollup``): it is read every ``pss_every``-th sample
    only, so the sampling thread does not slow the run it measures (read at every sample, it made a
    one-worker ingest ~15 % slower).
    """

    def __init__(self, pid: int, interval: float = 0.05, pss_every: int = 10):
        import psutil
        self.process = psutil.Process(pid)
        self.interval = interval
        self.pss_every = pss_every
        self.peak = 0
        self.peak_pss = 0
        self._samples = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self, with_pss: bool) -> tuple[int, int]:
        import psutil
        rss = pss = 0
        try:
            procs = [self.process, *self.process.children(recursive=True)]
        except psutil.Error:
            return 0, 0
        for proc in procs:
            try:
                info = proc.memory_full_info() if with_pss else proc.memory_info()
            except psutil.Error:
                continue
            rss += info.rss
            pss += getattr(info, "pss", info.rss) if with_pss else 0
        return rss, pss

    def _take(self, with_pss: bool = True) -> None:
        rss, pss = self._sample(with_pss)
        self.peak = max(self.peak, rss)
        self.peak_pss = max(self.peak_pss, pss)

    def _run(self) -> None:
        while not self._stop.is_set():
            self._take(with_pss=self._samples % self.pss_every == 0)
            self._samples += 1
            self._stop.wait(self.interval)

    def __enter__(self) -> "PeakRss":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        self._take()


def ingest_once(corpus: Path, db: Path, workers: int) -> dict[str, Any]:
    """One ``run_ingest`` of ``corpus`` into ``db`` in this process, with its peak RSS (of this
    process and its worker processes) and the database size afterwards."""
    from pipeline.runner import run_ingest

    options = PipelineOptions(workers=workers, db=db, quiet=True)
    with PeakRss(os.getpid()) as rss:
        started = time.perf_counter()
        summary = run_ingest([corpus], options, progress=False, echo=lambda line: None)
        seconds = time.perf_counter() - started
    docs = sum(summary.documents.values())
    # the database and its write-ahead log (not the -shm index or the writer's lock file)
    db_bytes = sum(p.stat().st_size for p in (db, db.with_name(db.name + "-wal")) if p.exists())
    text_bytes = clean_text_bytes(db)
    return {"workers": workers, "docs": docs, "chars": summary.chars, "seconds": round(seconds, 3),
            "docs_per_s": round(docs / seconds, 1) if seconds else 0.0,
            "chars_per_s": round(summary.chars / seconds) if seconds else 0,
            "peak_rss_mb": round(rss.peak / 2**20, 1), "peak_pss_mb": round(rss.peak_pss / 2**20, 1), "db_mb": round(db_bytes / 2**20, 2),
            "text_mb": round(text_bytes / 2**20, 2),
            "db_text_ratio": round(db_bytes / text_bytes, 3) if text_bytes else None,
            "documents": dict(summary.documents), "errors": summary.errors}


def clean_text_bytes(db: Path) -> int:
    """The UTF-8 size of the clean text the database holds: every document's paragraphs joined by newlines."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT coalesce(sum(length(CAST(text AS BLOB)) + 1), 0) - count(DISTINCT doc_id) "
                            "FROM paragraphs").fetchone()[0]
    finally:
        conn.close()


def ingest_in_child(corpus: Path, db: Path, workers: int, timeout: float | None = None) -> dict[str, Any]:
    """``ingest_once`` in a fresh Python process, so its peak memory is its own."""
    done = subprocess.run([sys.executable, "-m", "newsfacts_tools.bench_ingest", "--child-ingest", str(corpus), str(db), str(workers)],
                          capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0:
        raise RuntimeError(f"ingest of {corpus} failed: {done.stderr.strip()[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def run_end_to_end(texts: Sequence[BenchText], folder: Path, workers: Sequence[int]) -> tuple[list[dict], dict | None]:
    """Ingest the same bench corpus with each worker count (fresh database each), then re-run
    the last one on its database: the incremental run."""
    corpus = folder / "e2e.jsonl"
    write_bench_corpus(texts, corpus)
    runs = []
    db = folder / "e2e-w0.db"
    for n in workers:
        db = folder / f"e2e-w{n}.db"
        runs.append(ingest_in_child(corpus, db, n))
    second = ingest_in_child(corpus, db, workers[-1]) if workers else None
    return runs, second


def run_html_ingest(pages: Sequence[Path], folder: Path) -> dict[str, Any]:
    """The HTML pages (linked into a folder of their own) ingested with one worker into a fresh database."""
    corpus = folder / "html-pages"
    corpus.mkdir(exist_ok=True)
    for i, page in enumerate(pages):
        (corpus / f"{i:05d}_{page.name}").symlink_to(page.resolve())
    return ingest_in_child(corpus, folder / "html.db", 1)


def run_scaling(texts: Sequence[BenchText], folder: Path, sizes: Sequence[int], workers: int) -> list[dict]:
    """Generated corpora of each size, each ingested in its own process; database size per 1,000."""
    out = []
    for size in sizes:
        corpus = folder / f"gen-{size}.jsonl"
        generate_corpus(texts, size, corpus)
        result = ingest_in_child(corpus, folder / f"gen-{size}.db", workers)
        result["size"] = size
        result["db_mb_per_1000_docs"] = round(result["db_mb"] * 1000 / max(1, result["docs"]), 3)
        out.append(result)
        corpus.unlink()
    return out


def _child_ingest(argv: list[str]) -> int:
    """``python -m newsfacts_tools.bench_ingest --child-ingest CORPUS DB WORKERS``: one measured ingest, JSON on stdout."""
    corpus, db, workers = Path(argv[0]), Path(argv[1]), int(argv[2])
    logging.basicConfig(level=logging.ERROR)
    print(json.dumps(ingest_once(corpus, db, workers)))
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child-ingest"]:
        sys.exit(_child_ingest(sys.argv[2:]))
    sys.exit("usage: newsfacts bench (this module runs directly only as the bench's child process)")
