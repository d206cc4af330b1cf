"""Each pipeline stage timed alone on realistic input, by calling the module functions directly."""

from __future__ import annotations

import functools
import gc
import logging
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from newsfacts_tools.bench_inputs import EXTRACTION_BENCH, BenchInputs, BenchText
from pipeline.document import Document, Processed, RawRecord
from pipeline.options import PipelineOptions

log = logging.getLogger(__name__)

# ---------------------------------------------------------------------------------------------
# Timing
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Measurement:
    """``items`` records (``chars`` characters of input) through one stage in ``seconds``."""

    stage: str
    input: str
    items: int
    chars: int
    seconds: float

    @property
    def items_per_s(self) -> float:
        return self.items / self.seconds if self.seconds else 0.0

    @property
    def chars_per_s(self) -> float:
        return self.chars / self.seconds if self.seconds else 0.0

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "seconds": round(self.seconds, 4), "items_per_s": round(self.items_per_s, 1),
                "chars_per_s": round(self.chars_per_s)}


def time_each(stage: str, label: str, items: Sequence[Any], func: Callable[[Any], Any],
              size: Callable[[Any], int], warm_up: bool = True) -> Measurement:
    """Run ``func`` on every item once; the clock covers only the calls.

    With ``warm_up`` the first item is run once untimed (loading rule tables). The inputs and
    what was loaded are then frozen out of the garbage collector, as a worker does after its
    first record: otherwise every full collection walks the benchmark's own input lists and the
    figure measures the harness.
    """
    chars = sum(size(item) for item in items)
    if warm_up and items:
        func(items[0])
    gc.collect()
    gc.freeze()
    started = time.perf_counter()
    for item in items:
        func(item)
    seconds = time.perf_counter() - started
    gc.unfreeze()
    return Measurement(stage, label, len(items), chars, seconds)


@dataclass(frozen=True, slots=True)
class Workload:
    """What one stage is timed on: ``call`` runs on each of ``items``; ``size`` gives an item's
    input characters; ``records`` is what items/s counts (documents, pages) when an item is a batch."""

    label: str
    items: Sequence[Any]
    size: Callable[[Any], int]
    call: Callable[[Any], Any]
    records: int | None = None
    warm_up: bool = True  # False when a call is not repeatable (storage writes its batch once)

    def measure(self, stage: str) -> Measurement:
        m = time_each(stage, self.label, self.items, self.call, self.size, self.warm_up)
        return m if self.records is None else Measurement(stage, self.label, self.records, m.chars, m.seconds)


@dataclass(frozen=True, slots=True)
class StageBench:
    """One timed stage; ``prepare`` builds its workload from the bench inputs and may raise
    ImportError while the stage's module is not there."""

    name: str
    prepare: Callable[[BenchInputs, "Prepared"], Workload]


@dataclass
class Prepared:
    """Intermediate results shared by the stages (computed untimed, once)."""

    options: PipelineOptions = field(default_factory=PipelineOptions)
    raws: list[RawRecord] = field(default_factory=list)
    decoded: list[tuple[RawRecord, str]] = field(default_factory=list)
    extractions: list[Any] = field(default_factory=list)  # Extraction of each clean text, in order


def _html_raws(inputs: BenchInputs, prep: Prepared) -> list[RawRecord]:
    if not prep.raws:
        from pipeline.readers import iter_records
        prep.raws = [r for r in iter_records(inputs.html_paths, prep.options) if isinstance(r, RawRecord)]
    return prep.raws


def decoded_html(inputs: BenchInputs, prep: Prepared) -> list[tuple[RawRecord, str]]:
    if not prep.decoded:
        prep.decoded = _decoded(_html_raws(inputs, prep))
    return prep.decoded


def decoded_pages(paths: list[Path], prep: Prepared) -> list[tuple[RawRecord, str]]:
    """The records of ``paths`` decoded (untimed): the pages of the HTML ingest, for its peer."""
    from pipeline.readers import iter_records
    return _decoded([r for r in iter_records(paths, prep.options) if isinstance(r, RawRecord)])


def _decoded(raws: list[RawRecord]) -> list[tuple[RawRecord, str]]:
    from pipeline.decoding import decode
    return [(raw, decode(raw.content, raw.headers, is_html=raw.format == "html").text)
            for raw in raws if isinstance(raw.content, bytes)]


def _raw_size(raw: RawRecord) -> int:
    return len(raw.content)


def _prepare_read(inputs, prep):
    from pipeline.readers import iter_records
    paths = list(inputs.html_paths)
    return Workload(inputs.html_source, [paths], lambda ps: sum(p.stat().st_size for p in ps),
                    lambda ps: sum(1 for _ in iter_records(ps, prep.options)), records=len(paths))


def _prepare_decode(inputs, prep):
    from pipeline.decoding import decode
    raws = [r for r in _html_raws(inputs, prep) if isinstance(r.content, bytes)]
    return Workload(inputs.html_source, raws, _raw_size, lambda r: decode(r.content, r.headers, is_html=r.format == "html"))


def _prepare_main_content(inputs, prep):
    from pipeline.html_content import extract_main_content
    pages = [(raw, text) for raw, text in decoded_html(inputs, prep) if raw.format == "html"]
    return Workload(inputs.html_source, pages, lambda p: len(p[1]), lambda p: extract_main_content(p[1], p[0].url))


def _prepare_clean(inputs, prep):
    from pipeline.clean import clean_record
    return Workload(inputs.html_source, _html_raws(inputs, prep), _raw_size, lambda r: clean_record(r, prep.options))


def clean_size(t: BenchText) -> int:
    return len(t.clean_text)


def _prepare_chrome(inputs, prep):
    from pipeline.chrome import filter_chrome
    return Workload(EXTRACTION_BENCH, inputs.clean, clean_size, lambda t: filter_chrome(t.clean_text.split("\n")))


def _prepare_paragraph_dedup(inputs, prep):
    from pipeline.paragraph_dedup import dedup_paragraphs
    o = prep.options
    return Workload(EXTRACTION_BENCH, inputs.clean, clean_size,
                    lambda t: dedup_paragraphs(t.text.split("\n"), near_ratio=o.near_duplicate_ratio,
                                               min_fragment_chars=o.min_fragment_chars, seeds=(t.title,)))


def _prepare_conversion(inputs, prep):
    from pipeline.script import detect_script, remove_pinyin_glosses, to_simplified

    def convert(t: BenchText) -> str:
        text, _ = remove_pinyin_glosses(t.clean_text)
        return to_simplified(text) if detect_script(text) in ("hant", "mixed") else text
    return Workload("Traditional bench texts", inputs.traditional, clean_size, convert)


def _first_size(item: tuple) -> int:
    """Input characters of an (text, …) item."""
    return len(item[0])


def _context(t: BenchText):
    from extractors.context import DocumentContext
    return DocumentContext.make(t.published)


def _extractions(inputs: BenchInputs, prep: Prepared) -> list[Any]:
    """The extraction of every clean text, computed once (untimed) for the stages that take facts
    as input (counts, events, storage). The timed "extract: all" stage keeps nothing: holding every result
    alive would slow it down through the garbage collector, which a real run does not pay."""
    if len(prep.extractions) != len(inputs.clean):
        from extractors import extract_in_context
        prep.extractions = [extract_in_context(t.clean_text, _context(t)) for t in inputs.clean]
    return prep.extractions


def prepare_extractor(name: str, inputs: BenchInputs, prep: Prepared) -> Workload:
    """One extractor of the registry timed alone on the input the registry gives it: the text, its
    sentences, the context and (computed untimed) the facts of the kinds it needs."""
    from extractors.protocol import ExtractorInput
    from extractors.registry import by_name
    from extractors.sentences import Sentences

    extractor = by_name(name)
    if extractor.needs:
        found = []
        for x in _extractions(inputs, prep):
            by_kind: dict[str, list] = {kind: [] for kind in extractor.needs}
            for fact in x.facts:
                if fact.kind in by_kind:
                    by_kind[fact.kind].append(fact)
            found.append(by_kind)
    else:
        found = [{} for _ in inputs.clean]
    items = [ExtractorInput(t.clean_text, Sentences.of(t.clean_text), _context(t), facts)
             for t, facts in zip(inputs.clean, found)]
    return Workload(EXTRACTION_BENCH, items, lambda inp: len(inp.text), extractor.run)


def prepare_dates(inputs: BenchInputs, prep: Prepared) -> Workload:
    return prepare_extractor("dates", inputs, prep)


def prepare_money(inputs: BenchInputs, prep: Prepared) -> Workload:
    return prepare_extractor("money", inputs, prep)


def _extractor_stages() -> tuple[StageBench, ...]:
    """One stage per extractor, in the registry's order (the registry is the one list of extractors)."""
    from extractors.registry import EXTRACTORS
    return tuple(StageBench(f"extract: {extractor.name}", functools.partial(prepare_extractor, extractor.name))
                 for extractor in EXTRACTORS)


def _prepare_all_extractors(inputs, prep):
    from extractors import extract_in_context
    items = [(t.clean_text, _context(t)) for t in inputs.clean]
    return Workload(EXTRACTION_BENCH, items, _first_size, lambda i: extract_in_context(*i))


STORAGE_DOCS = 2000


def _prepare_storage(inputs, prep):
    """The single writer's share: the documents' rows, MinHash signatures and band keys are made
    beforehand (untimed), as the workers hand them over in a run (``pipeline/document_rows.py``)."""
    from pipeline.article_dedup import LshBands, Signer
    from pipeline.document_rows import document_rows
    from pipeline.storage import FactStore

    signer = Signer(prep.options.minhash_perm)
    bands = LshBands(prep.options.minhash_threshold, prep.options.minhash_perm)
    rows = []
    for i, (t, extraction) in enumerate(zip(inputs.clean[:STORAGE_DOCS], _extractions(inputs, prep))):
        doc = Document(key=f"https://bench.invalid/{t.id}", source="bench.jsonl", record=i, title=t.title,
                       published=t.published, paragraphs=t.text.split("\n"), extraction=extraction)
        rows.append(document_rows(Processed(doc, "text", signer.sign("\n".join(doc.paragraphs))), bands))
    folder = tempfile.mkdtemp(prefix="newsfacts-bench-store-")

    def store_all(batch: list) -> None:
        store = FactStore.open(Path(folder) / "store.db")
        store.begin_run(["bench.jsonl"], "bench", prep.options)
        try:
            for start in range(0, len(batch), prep.options.batch_size):
                store.write_batch(batch[start:start + prep.options.batch_size])
        finally:
            store.finish_run({})
            store.close()
    # one item, the whole batch: the figure includes opening the database and the transactions
    return Workload(f"{len(rows)} documents of {EXTRACTION_BENCH}", [rows], lambda b: sum(r.chars for r in b),
                    store_all, records=len(rows), warm_up=False)


# The stages, in pipeline order. Names are those of the table and the JSON.
STAGES: tuple[StageBench, ...] = (
    StageBench("read", _prepare_read),
    StageBench("decode", _prepare_decode),
    StageBench("main content", _prepare_main_content),
    StageBench("clean (all)", _prepare_clean),
    StageBench("chrome filter", _prepare_chrome),
    StageBench("paragraph dedup", _prepare_paragraph_dedup),
    StageBench("conversion", _prepare_conversion),
    StageBench("extract: all", _prepare_all_extractors),  # the target figure first, then its parts
    *_extractor_stages(),
    StageBench("storage", _prepare_storage),
)


def run_stages(inputs: BenchInputs, stages: Iterable[StageBench] = STAGES) -> tuple[list[Measurement], list[str]]:
    """Time every stage whose code exists; the others are listed as skipped."""
    prep = Prepared()
    results, skipped = [], []
    for stage in stages:
        try:  # extractors import their modules on first use: a missing one shows up in measure()
            workload = stage.prepare(inputs, prep)
            if not workload.items:
                skipped.append(f"{stage.name}: no input")
                continue
            measurement = workload.measure(stage.name)
        except ImportError as exc:
            skipped.append(f"{stage.name}: not available ({exc})")
            continue
        results.append(measurement)
        log.info("%s: %.0f chars/s", stage.name, measurement.chars_per_s)
    return results, skipped


