"""One typed options object for the whole pipeline, passed to every stage that needs a knob."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


DEFAULT_DB = "out/facts.db"  # the database every command reads or writes unless --db says otherwise


@dataclass(frozen=True, slots=True)
class PipelineOptions:
    """Knobs of reading, cleaning, dedup and running. Defaults suit a 2-core laptop."""

    # reading
    # A larger page or record is an error, not a crash: cleaning and extraction take ~8 s and
    # ~150 MB per 1.6 MB of dense text, so 8 MiB bounds one document to about a minute and
    # 1 GB; news pages are far smaller (docs/reliability.md).
    max_bytes: int = 8 * 1024 * 1024
    # cleaning
    convert_traditional: bool = True  # OpenCC t2s on documents detected as Traditional
    near_duplicate_ratio: float = 0.9  # paragraphs this similar (difflib ratio) are near-repeats
    min_fragment_chars: int = 6  # a prefix/suffix fragment must be at least this long to be dropped
    # duplicate articles
    minhash_threshold: float = 0.8  # Jaccard of 5-gram shingles above which two articles are one
    minhash_perm: int = 128
    # stories (pipeline/stories.py)
    story_window_days: int = 3  # reports of one event without event dates are at most this far apart
    story_overlap: float = 0.12  # weighted bigram overlap of title+lead that links two reports
    story_overlap_shared: float = 0.1  # the overlap that suffices when they share a place or organisation
    story_overlap_elsewhere: float = 0.5  # the overlap needed when their events happened in different places
    story_overlap_reaction: float = 0.2  # the overlap needed when one of them is a statement or `other`
    story_overlap_statement: float = 0.15  # …when it quotes a speaker the other report, of the same day, names
    story_max_span_days: int = 3  # nor does a story span more days of reports than this
    story_min_shared: float = 4.0  # the weight two reports must share at least (about two rare bigrams)
    story_support: float = 0.65  # share of the needed overlap that links a report to a story it overlaps…
    story_support_links: int = 2  # …with this many of its reports (a big story's follow-ups and reactions)
    story_support_floor: float = 0.1  # and never below this overlap
    story_overlap_later: float = 0.25  # the overlap needed when the reports are two days apart or more
    story_core_share: float = 0.67  # a report joins a story only when close to this share of its reports
    story_candidate_ceiling: int = 100  # a bigram of more reports than this around a report finds no candidates…
    story_candidates: int = 200  # …and a report is compared with at most this many, the best first
    # running
    # 0 = one per core, resolved when the run starts. On the 2-core bench machine (idle, 1,000 bench
    # texts, f91f6d9, before records went to workers in chunks) 2 workers ran 183 docs/s, 1 worker 147.
    workers: int = 0
    limit: int | None = None  # stop after this many documents
    batch_size: int = 256  # documents per writer transaction (64 → 256: the storage stage +8–10 %, 2,000 bench docs, CPU)
    db: Path = Path(DEFAULT_DB)
    quiet: bool = False
    wait_for_writer: bool = True  # another ingest holds the database: wait (else stop, exit code 3)
    strict: bool = False
    # tests only: a worker process handed a record whose content holds this text kills itself
    # with SIGKILL (shows that a dying worker costs one record, not the run)
    die_on: str | None = None

    def resolved_workers(self) -> int:
        return self.workers if self.workers > 0 else max(1, os.cpu_count() or 1)
