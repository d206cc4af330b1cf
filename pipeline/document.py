"""The records that flow between pipeline stages.

A reader yields ``RawRecord``s (bytes or text plus where they came from); the
cleaning stages turn each into a ``Document`` (clean paragraphs plus metadata);
the extraction stage adds facts and events; the writer stores it. Every stage
is a plain function from one record to the next, so the same code runs in the
local runner and on a cluster engine.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from extractors.facts import Extraction, ExtractorProblem


@dataclass(frozen=True, slots=True)
class RawRecord:
    """One page as read from a file: raw bytes (HTML/text) or already-decoded text."""

    source: str  # the file path, as given or found
    record: int  # record number within the file (0 for one-page files)
    content: bytes | str
    format: str  # "html" or "text"
    url: str | None = None
    headers: dict[str, str] = field(default_factory=dict)  # HTTP headers (lower-case names)
    published: str | None = None  # from the container (JSONL field, WARC date is *fetched*)
    fetched_at: str | None = None
    title: str | None = None
    id: str | None = None  # the record's own id (JSONL ``id``), when it has one
    site: str | None = None  # the outlet as the container names it (JSONL ``site``)
    source_name: str | None = None  # the outlet the container credits (JSONL ``source``)

    @property
    def key(self) -> str:
        """The record's identity across runs: where it came from, its file and record number.

        The URL is a second, separate identity: a record whose URL an earlier record already had
        is stored too, as a duplicate of that one (``duplicate_of``).
        """
        return f"{self.source}#{self.record}"

    @property
    def raw_hash(self) -> str:
        """Hash of the input record (content and container metadata): an unchanged input is skipped."""
        content = self.content.encode("utf-8") if isinstance(self.content, str) else self.content
        h = hashlib.sha1(content)
        for part in (self.url or "", self.published or "", self.title or ""):
            h.update(b"\0" + part.encode("utf-8"))
        return h.hexdigest()


@dataclass(slots=True)
class Document:
    """A cleaned page: metadata plus the article as a list of paragraphs (title first)."""

    key: str
    source: str
    record: int
    url: str | None = None
    record_id: str | None = None  # the record's own id (JSONL ``id``), when it has one
    title: str | None = None
    published: str | None = None  # ISO date
    site: str | None = None
    source_name: str | None = None  # 来源:
    authors: list[str] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)  # body paragraphs, title excluded
    script: str = "hans"  # "hans" | "hant" | "mixed" | "none"
    encoding: str | None = None
    mojibake: int = 0  # characters of unrepairable mojibake left in the text
    fetched_at: str | None = None
    raw_hash: str | None = None  # hash of the raw input
    counters: dict[str, int] = field(default_factory=dict)  # what each stage removed, by rule name
    extraction: Extraction | None = None
    minhash: Any = None  # datasketch LeanMinHash of the body, for near-duplicate articles

    @property
    def clean_paragraphs(self) -> list[str]:
        """Title first (when there is one), then the body: the paragraphs facts point into."""
        return ([self.title] if self.title else []) + self.paragraphs

    @property
    def text(self) -> str:
        return "\n".join(self.clean_paragraphs)

    @property
    def problems(self) -> tuple[ExtractorProblem, ...]:
        """Extractors that failed on this document (their facts are missing): stored as ``errors`` rows."""
        return self.extraction.problems if self.extraction is not None else ()

    def problem_errors(self) -> list["StageError"]:
        """The problems as the ``errors`` rows they are stored as: stage ``extract:<extractor>``."""
        return [StageError(self.source, self.record, f"extract:{p.extractor}", p.reason, key=self.key)
                for p in self.problems]

    @property
    def content_hash(self) -> str:
        """Hash of the clean text and metadata: a changed page has a new hash."""
        h = hashlib.sha1()
        for part in (self.title or "", self.published or "", self.site or "", self.text):
            h.update(part.encode("utf-8"))
            h.update(b"\0")
        return h.hexdigest()

    @property
    def quality(self) -> float:
        """Share of the text that is not mojibake (1.0 = clean)."""
        n = len(self.text)
        return 1.0 if n == 0 else round(max(0.0, 1.0 - self.mojibake / n), 4)

    def count(self, name: str, n: int = 1) -> None:
        self.counters[name] = self.counters.get(name, 0) + n


@dataclass(frozen=True, slots=True)
class Processed:
    """What a worker sends back to the writer for one record: the document, ready to store."""

    doc: Document
    format: str
    minhash: bytes | None


@dataclass(frozen=True, slots=True)
class StageError:
    """A record a stage could not handle: stored in ``errors`` and printed, never raised."""

    source: str
    record: int | None
    stage: str
    message: str
    key: str | None = None


class StageFailure(Exception):
    """Raised by a stage for input it cannot handle; the runner records it as a ``StageError``."""

    def __init__(self, stage: str, message: str):
        super().__init__(f"{stage}: {message}")
        self.stage = stage
        self.message = message
