"""The local runner: read → (workers) clean + extract → (one writer) store.

The stages are plain functions (``process_record``) so a cluster engine can run
them too; this module only adds what a local run needs: a bounded pool of worker
processes, the single SQLite writer, duplicate-article detection against what is
already stored, a progress bar and an end summary.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import sys
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

from extractors import DocumentContext, extract_in_context
from pipeline import article_dedup
from pipeline.document import Document, RawRecord, StageError, StageFailure
from pipeline.options import PipelineOptions
from pipeline.readers import iter_records
from pipeline.storage import FactStore, KnownDocument
from pipeline.story_store import StoriesUpdate, update_stories

log = logging.getLogger(__name__)

# The code whose change must re-process unchanged pages (see rules_version).
_RULE_PACKAGES = ("extractors",)
_RULE_MODULES = ("pipeline/clean.py", "pipeline/chrome.py", "pipeline/html_content.py", "pipeline/paragraph_dedup.py",
                 "pipeline/script.py", "pipeline/decoding.py", "pipeline/readers.py", "pipeline/article_dedup.py")


def rules_version() -> str:
    """A hash of the cleaning and extraction code and data: stored pages are redone when it changes."""
    root = Path(__file__).resolve().parents[1]
    files = [p for pkg in _RULE_PACKAGES for p in sorted((root / pkg).rglob("*"))
             if p.is_file() and p.suffix in {".py", ".tsv", ".json", ".txt", ".csv"}]
    files += [root / m for m in _RULE_MODULES if (root / m).exists()]
    h = hashlib.sha1()
    for path in files:
        h.update(str(path.relative_to(root)).encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


def raw_hash(raw: RawRecord) -> str:
    content = raw.content.encode("utf-8") if isinstance(raw.content, str) else raw.content
    h = hashlib.sha1(content)
    for part in (raw.url or "", raw.published or "", raw.title or ""):
        h.update(b"\0" + part.encode("utf-8"))
    return h.hexdigest()


@dataclass(frozen=True, slots=True)
class Processed:
    """What a worker sends back to the writer for one record."""

    doc: Document
    format: str
    minhash: bytes | None


def process_record(raw: RawRecord, options: PipelineOptions,
                   signer: article_dedup.Signer | None = None) -> Processed | StageError:
    """Clean one record, extract its facts and sign it for duplicate detection (the worker stage)."""
    from pipeline.clean import clean_record  # the heavy imports happen in the worker

    signer = signer or article_dedup.Signer(options.minhash_perm)
    stage = "clean"
    try:
        doc = clean_record(raw, options)
        doc.raw_hash = raw_hash(raw)
        stage = "extract"
        context = DocumentContext.make(doc.published, site=doc.site, url=doc.url, source=doc.source_name, text=doc.text)
        doc.extraction = extract_in_context(doc.text, context)
        stage = "dedup"
        sig = signer.sign("\n".join(doc.paragraphs))
        return Processed(doc, raw.format, sig)
    except StageFailure as exc:
        return StageError(raw.source, raw.record, exc.stage, exc.message, key=raw.key)
    except Exception as exc:  # noqa: BLE001 - one bad page must not stop the run
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


def _ordered_map(func: Callable, items: Iterator, workers: int, window: int) -> Iterator:
    """Map in worker processes keeping at most ``window`` items in flight, results in input order."""
    if workers <= 1:
        for item in items:
            yield func(item)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        pending: deque[Future] = deque()
        for item in items:
            pending.append(pool.submit(func, item))
            if len(pending) >= window:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


class _Work:
    """Picklable callable binding the options (and a MinHash signer per process) to ``process_record``."""

    def __init__(self, options: PipelineOptions):
        self.options = options
        self.signer: article_dedup.Signer | None = None

    def __getstate__(self) -> dict:
        return {"options": self.options, "signer": None}

    def __call__(self, raw: RawRecord) -> Processed | StageError:
        if self.signer is not None:
            return process_record(raw, self.options, self.signer)
        self.signer = article_dedup.Signer(self.options.minhash_perm)
        result = process_record(raw, self.options, self.signer)
        # The first record loaded the rule tables, dictionaries and OpenCC: move them out of the
        # garbage collector's reach, or every full collection walks them again (~20% of the time).
        gc.collect()
        gc.freeze()
        return result


def run_ingest(paths: Iterable[str | Path], options: PipelineOptions, *,
               progress: bool | None = None, echo: Callable[[str], None] | None = None) -> RunSummary:
    """Ingest files and folders into ``options.db``; incremental and idempotent."""
    paths = [str(p) for p in paths]
    started = time.perf_counter()
    echo = echo or (lambda line: print(line, file=sys.stderr))
    show_progress = (not options.quiet) if progress is None else progress
    store = FactStore.open(options.db)
    version = rules_version()
    summary = RunSummary()
    summary.run_id = run_id = store.begin_run(paths, version)
    known: dict[str, KnownDocument] = store.known_documents()
    index = article_dedup.ArticleIndex.from_rows(store.canonical_minhashes(), options.minhash_threshold,
                                                 options.minhash_perm)
    files: set[str] = set()
    bar = None
    if show_progress:
        from tqdm import tqdm
        bar = tqdm(unit="doc", desc="ingest", file=sys.stderr, dynamic_ncols=True)

    def report(error: StageError, *, stored: bool = False) -> None:
        summary.errors += 1
        summary.errors_by_stage[error.stage] += 1
        if not stored:
            store.record_error(error, run_id)
        line = f"error: {error.source}" + (f"#{error.record}" if error.record is not None else "") + \
               f" [{error.stage}] {error.message}"
        (bar.write(line, file=sys.stderr) if bar is not None else echo(line))

    def to_process() -> Iterator[RawRecord]:
        """Records worth cleaning: unchanged inputs (same raw hash, same rules) are counted and skipped."""
        seen = 0
        for item in iter_records(paths, options):
            if isinstance(item, StageError):
                pending_errors.append(item)
                continue
            files.add(item.source)
            seen += 1
            if options.limit is not None and seen > options.limit:
                return
            k = known.get(item.key)
            if k is not None and k.rules_version == version and k.raw_hash == raw_hash(item):
                summary.documents["unchanged"] += 1
                if bar is not None:
                    bar.update(1)
                continue
            yield item

    pending_errors: list[StageError] = []
    batch: list[Processed] = []

    def flush() -> None:
        if not batch and not pending_errors:
            return
        with store.transaction():
            while pending_errors:
                report(pending_errors.pop(0))
            for item in batch:
                _store_one(store, item, summary, known, index, run_id, version, report)
        batch.clear()

    try:
        window = max(4, options.resolved_workers() * 8)
        for result in _ordered_map(_Work(options), to_process(), options.resolved_workers(), window):
            if isinstance(result, StageError):
                pending_errors.append(result)
            else:
                batch.append(result)
            if bar is not None:
                bar.update(1)
            if len(batch) >= options.batch_size or len(pending_errors) >= options.batch_size:
                flush()
        flush()
        if bar is not None:
            bar.close()
            bar = None
        summary.stories = _update_stories(store, options, run_id, report)
    finally:
        if bar is not None:
            bar.close()
        summary.files = len(files)
        summary.elapsed = time.perf_counter() - started
        store.finish_run(run_id, summary.as_dict())
        store.close()
    return summary


def _update_stories(store: FactStore, options: PipelineOptions, run_id: int,
                    report: Callable[[StageError], None]) -> StoriesUpdate | None:
    """The corpus-level stage after storage: place new and changed documents in stories."""
    try:
        return update_stories(store, options, run_id)
    except Exception as exc:  # noqa: BLE001 - the documents are stored; say what failed and go on
        log.debug("stories failed", exc_info=True)
        with store.transaction():
            report(StageError(str(options.db), None, "stories", f"{type(exc).__name__}: {exc}"))
        return None


def _store_one(store: FactStore, item: Processed, summary: RunSummary, known: dict[str, KnownDocument],
               index: article_dedup.ArticleIndex, run_id: int, version: str, report: Callable) -> None:
    doc = item.doc
    prior = known.get(doc.key)
    duplicate_of = index.match(item.minhash, exclude=prior.doc_id if prior else None)
    store.conn.execute("SAVEPOINT doc")
    try:
        outcome, doc_id = store.store_document(doc, run_id=run_id, rules_version=version, fmt=item.format,
                                               duplicate_of=duplicate_of, minhash=item.minhash, known=prior)
    except Exception as exc:  # noqa: BLE001 - keep what is stored, report, go on
        store.conn.execute("ROLLBACK TO doc")
        store.conn.execute("RELEASE doc")
        report(StageError(doc.source, doc.record, "store", f"{type(exc).__name__}: {exc}", key=doc.key))
        return
    store.conn.execute("RELEASE doc")
    if outcome == "unchanged":
        summary.documents["unchanged"] += 1
        if prior.raw_hash != doc.raw_hash:  # same clean text from a changed raw page: remember the new hash
            store.conn.execute("UPDATE documents SET raw_hash = ? WHERE doc_id = ?", (doc.raw_hash, doc_id))
        known[doc.key] = KnownDocument(doc_id, doc.raw_hash or "", version, doc.content_hash)
        return
    summary.documents["duplicate" if duplicate_of else outcome] += 1
    summary.chars += len(doc.text)
    for error in doc.problem_errors():  # the store wrote them with the document: counted and shown here
        report(error, stored=True)
    if doc.extraction is not None:
        summary.facts.update(f.kind for f in doc.extraction.facts)
        summary.events += len(doc.extraction.events)
    known[doc.key] = KnownDocument(doc_id, doc.raw_hash or "", version, doc.content_hash)
    if prior is not None:
        index.remove(doc_id)
    if duplicate_of is None:
        index.add(doc_id, item.minhash)
