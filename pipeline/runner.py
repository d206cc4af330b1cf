"""The local runner: read → (workers) clean + extract → (one writer) store.

The stages are plain functions (``process_record``) so a cluster engine can run
them too; this module only adds what a local run needs: a bounded pool of worker
processes, the single SQLite writer, duplicate-article detection against what is
already stored, a progress bar and an end summary.
"""

from __future__ import annotations

import hashlib
import logging
import os
import signal
import sys
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future
from dataclasses import asdict, dataclass, field
from pathlib import Path

from extractors import DocumentContext, extract_in_context
from pipeline import article_dedup
from pipeline.document import Document, Processed, RawRecord, StageError, StageFailure
from pipeline.document_rows import DocumentRows, document_rows
from pipeline.options import PipelineOptions
from pipeline.org_registry_store import update_registry
from pipeline.readers import iter_records
from pipeline.storage import FactStore, Stored
from pipeline.workers import WORKER_DIED, Chunking, chunked, ordered_map
from pipeline.story_store import StoriesUpdate, update_stories

log = logging.getLogger(__name__)

# The packages whose code and data decide what is stored (see rules_version).
RULE_PACKAGES = ("pipeline", "extractors")
RULE_SUFFIXES = frozenset({".py", ".tsv", ".txt", ".json"})


def rule_files(root: Path | None = None) -> list[Path]:
    """Every module and data file of ``pipeline`` and ``extractors``, in a fixed order."""
    root = root or Path(__file__).resolve().parents[1]
    return sorted(p for pkg in RULE_PACKAGES for p in (root / pkg).rglob("*")
                  if p.is_file() and p.suffix in RULE_SUFFIXES and "__pycache__" not in p.parts)


def rules_version() -> str:
    """A hash of ``rule_files()``: stored pages are redone when any of them changes (a new file
    counts without being listed anywhere)."""
    root = Path(__file__).resolve().parents[1]
    h = hashlib.sha1()
    for path in rule_files(root):
        h.update(str(path.relative_to(root)).encode())
        h.update(b"\0")
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


def process_record(raw: RawRecord, options: PipelineOptions,
                   signer: article_dedup.Signer | None = None) -> Processed | StageError:
    """Clean one record, extract its facts and sign it for duplicate detection (the worker stage)."""
    return process_records([raw], options, signer)[0]


def process_records(raws: Sequence[RawRecord], options: PipelineOptions,
                    signer: article_dedup.Signer | None = None) -> list[Processed | StageError]:
    """``process_record`` of each record, in order, done stage by stage over the list: every record
    is cleaned, then every one extracted, then every one signed. The same work as record by record,
    but each stage's code and tables stay in the CPU's caches across the records (on 11,442 bench
    texts, chunks of 16: about 15 % less CPU, docs/performance.md). A record that fails a stage
    becomes its ``StageError`` and skips the later stages; the others go on."""
    from pipeline.clean import clean_record  # the heavy imports happen in the worker

    signer = signer or article_dedup.Signer(options.minhash_perm)
    results: list[Processed | StageError | None] = [None] * len(raws)
    docs: list[tuple[int, Document]] = []
    for i, raw in enumerate(raws):
        try:
            doc = clean_record(raw, options)
        except Exception as exc:  # noqa: BLE001 - one bad page must not stop the run
            results[i] = _stage_error(raw, "clean", exc)
            continue
        doc.raw_hash = raw.raw_hash
        docs.append((i, doc))
    for i, doc in docs:
        try:
            text = doc.text
            context = DocumentContext.make(doc.published, site=doc.site, url=doc.url, source=doc.source_name, text=text)
            doc.extraction = extract_in_context(text, context)
        except Exception as exc:  # noqa: BLE001
            results[i] = _stage_error(raws[i], "extract", exc)
    for i, doc in docs:
        if results[i] is not None:
            continue
        try:
            results[i] = Processed(doc, raws[i].format, signer.sign("\n".join(doc.paragraphs)))
        except Exception as exc:  # noqa: BLE001
            results[i] = _stage_error(raws[i], "dedup", exc)
    return results  # type: ignore[return-value] - every slot is filled


def _stage_error(raw: RawRecord, stage: str, exc: Exception) -> StageError:
    """The error of a record that failed ``stage``: a ``StageFailure`` says its own stage and message."""
    if isinstance(exc, StageFailure):
        return StageError(raw.source, raw.record, exc.stage, exc.message, key=raw.key)
    log.debug("unexpected failure", exc_info=True)
    return StageError(raw.source, raw.record, stage, f"{type(exc).__name__}: {exc}", key=raw.key)


@dataclass
class RunSummary:
    run_id: int | None = None
    files: int = 0
    documents: Counter = field(default_factory=Counter)  # new / updated / unchanged / duplicate
    facts: Counter = field(default_factory=Counter)  # by kind, of the documents written in this run
    events: int = 0
    errors: int = 0
    errors_by_stage: Counter = field(default_factory=Counter)
    elapsed: float = 0.0
    chars: int = 0
    stories: StoriesUpdate | None = None

    def as_dict(self) -> dict:
        return {"run_id": self.run_id, "files": self.files, "documents": dict(self.documents),
                "facts": dict(self.facts), "events": self.events, "errors": self.errors,
                "errors_by_stage": dict(self.errors_by_stage), "elapsed_s": round(self.elapsed, 2),
                "chars": self.chars, "stories": asdict(self.stories) if self.stories else None}

    def render(self) -> str:
        d = self.documents
        lines = [
            f"files        {self.files}",
            f"documents    {sum(d.values())}: {d['new']} new, {d['updated']} updated, "
            f"{d['unchanged']} unchanged, {d['duplicate']} duplicate",
            "facts        " + (", ".join(f"{n} {k}" for k, n in sorted(self.facts.items())) or "none written"),
            f"events       {self.events}",
            *([self.stories.render()] if self.stories else []),
            f"errors       {self.errors}" + (" (" + ", ".join(f"{n} {s}" for s, n in sorted(self.errors_by_stage.items())) + ")"
                                            if self.errors else ""),
            f"elapsed      {self.elapsed:.1f}s" + (f" ({sum(d.values()) / self.elapsed:.1f} docs/s)" if self.elapsed else ""),
        ]
        return "\n".join(lines)


WARM_UP = RawRecord(source="<warm-up>", record=0, format="text",
                    content="全市劳动和技能竞赛推进会召开\n3月18日上午，厦门市总工会在零八一电子集团有限公司召开推进会，"
                            "180余人参加，奖金3000万元。", published="2021-03-22")


class _Work:
    """Picklable callable: ``process_record`` with the options, then the document's rows
    (``document_rows``), so the writer only inserts."""

    def __init__(self, options: PipelineOptions):
        self.options = options
        # made once here and pickled with every chunk sent to a worker (a few µs; making them in the
        # worker would cost ~15 ms each time): the band split too, worked out here before the first
        # pickling (a worker given bands without it worked it out again for every chunk: 2 workers
        # took twice the CPU of one)
        self.signer = article_dedup.Signer(options.minhash_perm)
        self.bands = article_dedup.LshBands(options.minhash_threshold, options.minhash_perm)
        self.bands.ranges  # noqa: B018 - computes and keeps the split

    def __call__(self, chunk: list[RawRecord]) -> list[DocumentRows | StageError]:
        """A chunk of records (``workers.Chunking``) → their rows or errors, in order, stage by stage
        (``process_records``)."""
        if self.options.die_on and _in_worker() and any(self.options.die_on.encode() in _as_bytes(raw.content)
                                                        for raw in chunk):
            os.kill(os.getpid(), signal.SIGKILL)  # tests only: a worker that dies mid-run
        results: list[DocumentRows | StageError] = []
        for raw, result in zip(chunk, process_records(chunk, self.options, self.signer)):
            if isinstance(result, StageError):
                results.append(result)
                continue
            try:
                results.append(document_rows(result, self.bands))
            except Exception as exc:  # noqa: BLE001 - one bad page must not stop the run
                results.append(_stage_error(raw, "store", exc))
        return results

    def warm_up(self) -> None:
        """Load every table once (the pool initializer, before the GC freeze)."""
        self([WARM_UP])

    @staticmethod
    def died(raw: RawRecord) -> StageError:
        return StageError(raw.source, raw.record, "worker", WORKER_DIED, key=raw.key)


def _in_worker() -> bool:
    import multiprocessing
    return multiprocessing.parent_process() is not None


def _content_size(raw: RawRecord) -> int:
    """What a record weighs in a chunk sent to a worker (``workers.Chunking.max_weight``)."""
    return len(raw.content)


def _as_bytes(content: bytes | str) -> bytes:
    return content.encode("utf-8") if isinstance(content, str) else content


def run_ingest(paths: Iterable[str | Path], options: PipelineOptions, *,
               progress: bool | None = None, echo: Callable[[str], None] | None = None) -> RunSummary:
    """Ingest files and folders into ``options.db``; incremental and idempotent."""
    paths = [str(p) for p in paths]
    started = time.perf_counter()
    echo = echo or (lambda line: print(line, file=sys.stderr))
    show_progress = (not options.quiet) if progress is None else progress
    store = FactStore.open(options.db, wait=options.wait_for_writer, say=echo)
    summary = RunSummary()
    summary.run_id = store.begin_run(paths, rules_version(), options)
    files: set[str] = set()
    bar = None
    if show_progress:
        from tqdm import tqdm
        bar = tqdm(unit="doc", desc="ingest", file=sys.stderr, dynamic_ncols=True)

    def say(error: StageError) -> None:
        summary.errors += 1
        summary.errors_by_stage[error.stage] += 1
        line = f"error: {error.source}" + (f"#{error.record}" if error.record is not None else "") + \
               f" [{error.stage}] {error.message}"
        (bar.write(line, file=sys.stderr) if bar is not None else echo(line))

    def read() -> Iterator[RawRecord]:
        """The records of the inputs (up to ``options.limit``); reading errors go to the next batch."""
        seen = 0
        for item in iter_records(paths, options):
            if isinstance(item, StageError):
                pending_errors.append(item)
                continue
            files.add(item.source)
            seen += 1
            if options.limit is not None and seen > options.limit:
                return
            yield item

    def to_process() -> Iterator[RawRecord]:
        """Records worth cleaning: the store says which inputs are unchanged (one query per chunk's
        worth of records); they are counted and skipped."""
        for group in chunked(read(), Chunking(), lambda raw: 0):
            for item, unchanged in zip(group, store.unchanged_inputs(group)):
                if not unchanged:
                    yield item
                    continue
                summary.documents["unchanged"] += 1
                if bar is not None:
                    bar.update(1)

    pending_errors: list[StageError] = []
    batch: list[DocumentRows] = []

    def stored(items: list[DocumentRows], errors: list[StageError], results: list[Stored]) -> None:
        """A batch the writer has committed: count it, say its errors."""
        for error in errors:
            say(error)
        for item, result in zip(items, results):
            _count(summary, item, result.outcome)
            if result.error is not None:
                say(result.error)
            elif result.outcome not in ("unchanged", "failed"):
                for problem in item.problems:  # the store wrote them with the document
                    say(problem)

    def flush() -> None:
        if not batch and not pending_errors:
            return
        writer.submit(list(batch), list(pending_errors))
        pending_errors.clear()
        batch.clear()

    work = _Work(options)
    workers = options.resolved_workers()
    writer = BackgroundWriter(store, stored)
    try:
        for result in ordered_map(work, to_process(), workers, work.died, work.warm_up, weight=_content_size):
            if isinstance(result, StageError):
                pending_errors.append(result)
            else:
                batch.append(result)
            if bar is not None:
                bar.update(1)
            if len(batch) >= options.batch_size or len(pending_errors) >= options.batch_size:
                flush()
        flush()
        writer.close()
        if bar is not None:
            bar.close()
            bar = None
        summary.stories = run_corpus_stages(store, options, say)
    finally:
        try:
            writer.close()  # what the workers finished is stored, also when the run stops early
        except Exception:  # noqa: BLE001 - the run is failing already; its first error is the one raised
            log.debug("writer failed while the run stopped", exc_info=True)
        if bar is not None:
            bar.close()
        summary.files = len(files)
        summary.elapsed = time.perf_counter() - started
        store.finish_run(summary.as_dict())
        store.close()
    return summary


class BackgroundWriter:
    """The store's ``write_batch`` in a thread of its own, so that reading, dispatching and (with
    one worker) processing go on while a batch is written: SQLite releases the GIL while it
    works. At most ``depth`` batches wait; each committed batch is handed to ``done`` on the
    calling thread, in order, when the next one is submitted or at ``close``. A writer error is
    raised there too. ``close`` waits for every submitted batch: nothing processed is dropped.
    """

    def __init__(self, store: FactStore,
                 done: Callable[[list[DocumentRows], list[StageError], list[Stored]], None], depth: int = 2):
        from concurrent.futures import ThreadPoolExecutor

        self.store = store
        self.done = done
        self.depth = depth
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsfacts-writer")
        self._pending: deque[tuple[list[DocumentRows], list[StageError], Future]] = deque()
        self._closed = False

    def submit(self, items: list[DocumentRows], errors: list[StageError]) -> None:
        self._pending.append((items, errors, self._thread.submit(self.store.write_batch, items, errors)))
        while len(self._pending) > self.depth:
            self._finish_oldest()

    def _finish_oldest(self) -> None:
        items, errors, future = self._pending.popleft()
        self.done(items, errors, future.result())

    def close(self) -> None:
        """Wait for every batch (reporting them while nothing has failed), then end the thread."""
        if self._closed:
            return
        self._closed = True
        try:
            while self._pending:
                self._finish_oldest()
        finally:
            self._pending.clear()
            self._thread.shutdown(wait=True)


def run_corpus_stages(store: FactStore, options: PipelineOptions,
                      say: Callable[[StageError], None]) -> StoriesUpdate | None:
    """The corpus-level stages after storage, shared by ``ingest`` and ``newsfacts load``.

    The earliest published copy of each duplicate group becomes canonical (an original read
    after its repost), the organisation registry learns from the run's documents and resolves
    their mentions (:mod:`pipeline.org_registry_store`), then new and changed documents are placed
    in stories.
    """
    with store.transaction():
        store.settle_canonical_copies()
    try:
        update_registry(store, store.run_id)
    except Exception as exc:  # noqa: BLE001 - the documents are stored; say what failed and go on
        log.debug("registry failed", exc_info=True)
        error = StageError(str(options.db), None, "registry", f"{type(exc).__name__}: {exc}")
        store.write_batch([], [error])
        say(error)
    try:
        return update_stories(store, options, store.run_id)
    except Exception as exc:  # noqa: BLE001 - the documents are stored; say what failed and go on
        log.debug("stories failed", exc_info=True)
        error = StageError(str(options.db), None, "stories", f"{type(exc).__name__}: {exc}")
        store.write_batch([], [error])
        say(error)
        return None


def _count(summary: RunSummary, item: DocumentRows, outcome: str) -> None:
    """What one stored document adds to the end summary."""
    if outcome == "failed":
        return
    summary.documents[outcome] += 1
    if outcome == "unchanged":
        return
    summary.chars += item.chars
    summary.facts.update(item.fact_kinds)
    summary.events += len(item.events)
