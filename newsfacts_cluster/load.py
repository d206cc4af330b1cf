"""``newsfacts load``: check a shard folder, then merge it into SQLite as the one writer.

Before anything is written, every task of every stage must have its completion marker and
its manifest, and every shard must match its manifest (sha256, rows) and parse. Then the
documents of all tasks are merged in input order (the order the local runner reads them)
and stored through ``FactStore`` with the canonical copy the cluster stage chose; then the
local runner's last stage (stories) runs, so the database is the one the local runner would
have written. Loading the same shards again
finds every document unchanged and writes nothing but the run's row.
"""

from __future__ import annotations

import heapq
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import fsspec

from newsfacts_cluster import shards
from newsfacts_cluster.engine import STAGES, logging_dir
from pipeline.document import Processed, StageError
from pipeline.options import PipelineOptions
from pipeline.runner import run_corpus_stages  # the runner's own last stages
from pipeline.storage import FactStore
from pipeline.story_store import StoriesUpdate

Seq = tuple[int, int]


@dataclass
class LoadSummary:
    tasks: int = 0
    documents: Counter = field(default_factory=Counter)  # new / updated / unchanged / duplicate
    errors: int = 0
    elapsed: float = 0.0
    stories: StoriesUpdate | None = None

    def render(self) -> str:
        d = self.documents
        return "\n".join([
            f"tasks        {self.tasks}",
            f"documents    {sum(d.values())}: {d['new']} new, {d['updated']} updated, "
            f"{d['unchanged']} unchanged, {d['duplicate']} duplicate",
            *([self.stories.render()] if self.stories else []),
            f"errors       {self.errors}",
            f"elapsed      {self.elapsed:.1f}s"])


def check_shards(folder: str) -> dict:
    """The plan of a complete, readable shard folder; ``ShardError`` (one line) otherwise."""
    try:
        plan = shards.read_json(f"{folder.rstrip('/')}/{shards.PLAN}")
    except FileNotFoundError:
        raise shards.ShardError(f"{folder}: no {shards.PLAN} (not a shard folder written by `newsfacts ingest --shards`)") from None
    except (OSError, ValueError) as exc:
        raise shards.ShardError(f"{folder}: unreadable {shards.PLAN}: {exc}") from None
    counts = {"ingest": plan["tasks"], "buckets": plan["buckets"], "clusters": 1}
    stage_kinds = {"ingest": shards.KINDS, "buckets": ("buckets",), "clusters": ("clusters",)}
    for stage in STAGES:
        fs, root = fsspec.core.url_to_fs(logging_dir(folder, stage))
        done = {p.rsplit("/", 1)[-1] for p in (fs.ls(f"{root}/completions", detail=False)
                                                if fs.exists(f"{root}/completions") else [])}
        missing = [t for t in range(counts[stage]) if f"{t:05d}" not in done]
        if missing:
            raise shards.ShardError(f"{folder}: stage {stage}: {len(missing)} of {counts[stage]} tasks did not complete "
                                    f"(first: {missing[0]}); run the same `newsfacts ingest` again to finish them")
        for task in range(counts[stage]):
            shards.verify_task(folder, task, stage_kinds[stage])
    return plan


def _task_documents(folder: str, task: int) -> Iterator[shards.ShardDocument]:
    """One task's documents in input order, reassembled from its documents, facts, events and signatures."""
    decode = shards.Decoder()
    facts = _grouped(shards.read_rows(shards.shard_path(folder, "facts", task)))
    events = _grouped(shards.read_rows(shards.shard_path(folder, "events", task)))
    sigs = shards.read_rows(shards.shard_path(folder, "signatures", task))
    for row in shards.read_rows(shards.shard_path(folder, "documents", task)):
        seq = tuple(row["seq"])
        sig = next(sigs)
        yield shards.document_from_rows(row, facts.take(seq), events.take(seq), decode(sig["minhash"]), decode)


class _grouped:
    """Rows of a shard sorted by ``seq``, taken one document's worth at a time."""

    def __init__(self, rows: Iterator[dict]):
        self._rows = rows
        self._next = next(rows, None)

    def take(self, seq: Seq) -> list[dict]:
        out = []
        while self._next is not None and tuple(self._next["seq"]) == seq:
            out.append(self._next)
            self._next = next(self._rows, None)
        return out


def load_shards(folder: str, db: str, *, options: PipelineOptions | None = None,
                echo: Callable[[str], None] = print) -> LoadSummary:
    """Merge a checked shard folder into the database at ``db`` (see the module doc)."""
    options = options or PipelineOptions()
    started = time.perf_counter()
    plan = check_shards(folder)
    summary = LoadSummary(tasks=plan["tasks"])
    decode = shards.Decoder()
    duplicates: dict[Seq, Seq] = {tuple(r["seq"]): tuple(r["duplicate_of"])
                                  for r in shards.read_rows(shards.shard_path(folder, "clusters", 0))}
    canonical_seqs = set(duplicates.values())
    canonical_ids: dict[Seq, int] = {}
    store = FactStore.open(db)
    version = plan["rules_version"]
    store.begin_run([f["path"] for f in plan["files"]], version, options)

    def record(error: StageError) -> None:
        """Count and show an error the store has written."""
        summary.errors += 1
        echo(f"error: {error.source}" + (f"#{error.record}" if error.record is not None else "")
             + f" [{error.stage}] {error.message}")

    try:
        errors = [decode(error) for error in plan["errors"]]
        errors += [decode(row["error"]) for task in range(plan["tasks"])
                   for row in shards.read_rows(shards.shard_path(folder, "errors", task))]
        store.write_batch([], errors)
        for error in errors:
            record(error)
        merged = heapq.merge(*(_task_documents(folder, t) for t in range(plan["tasks"])), key=lambda d: d.seq)
        batch: list[shards.ShardDocument] = []
        for item in merged:
            batch.append(item)
            if len(batch) >= options.batch_size:
                _store_batch(store, batch, duplicates, canonical_seqs, canonical_ids, summary, record)
        _store_batch(store, batch, duplicates, canonical_seqs, canonical_ids, summary, record)
        summary.stories = run_corpus_stages(store, options, record)  # as the local runner ends
    finally:
        summary.elapsed = time.perf_counter() - started
        store.finish_run({"load": folder, "documents": dict(summary.documents), "errors": summary.errors,
                                  "elapsed_s": round(summary.elapsed, 2)})
        store.close()
    return summary


def _store_batch(store: FactStore, batch: list[shards.ShardDocument], duplicates: dict[Seq, Seq],
                 canonical_seqs: set[Seq], canonical_ids: dict[Seq, int], summary: LoadSummary,
                 record: Callable[[StageError], None]) -> None:
    """Documents in few transactions, each with the canonical copy the cluster stage chose (a
    duplicate whose canonical copy is earlier in the same batch starts a new transaction, so the
    canonical copy's doc_id is known)."""
    start = 0
    for i, item in enumerate(batch):
        canonical = duplicates.get(item.seq)
        if canonical is not None and canonical not in canonical_ids and i > start:
            _store_part(store, batch[start:i], duplicates, canonical_seqs, canonical_ids, summary, record)
            start = i
    _store_part(store, batch[start:], duplicates, canonical_seqs, canonical_ids, summary, record)
    batch.clear()


def _store_part(store: FactStore, part: list[shards.ShardDocument], duplicates: dict[Seq, Seq],
                canonical_seqs: set[Seq], canonical_ids: dict[Seq, int], summary: LoadSummary,
                record: Callable[[StageError], None]) -> None:
    if not part:
        return
    near = [canonical_ids.get(duplicates[item.seq]) if item.seq in duplicates else None for item in part]
    stored = store.write_batch([Processed(item.doc, item.format, item.minhash) for item in part],
                               near_duplicates=near)
    for item, result in zip(part, stored):
        if result.error is not None:
            record(result.error)
            continue
        if item.seq in canonical_seqs:
            canonical_ids[item.seq] = result.doc_id
        summary.documents[result.outcome] += 1
        if result.outcome not in ("unchanged", "failed"):
            for problem in item.doc.problem_errors():  # the store wrote them with the document
                record(problem)
