"""The bench's inputs: shared HTML pages and clean bench texts, and corpora generated from them."""

from __future__ import annotations

import json
import logging
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

log = logging.getLogger(__name__)

# The clean Simplified text the extractors are timed on (FACTS.md speed target: ≥ 500,000 chars/s).
EXTRACTION_BENCH = "xwlb_2022_2024.jsonl"
# Bench files whose text is Traditional.
TRADITIONAL_BENCH = ("appledaily_tw_2003.jsonl", "tw_rss_leads_2026_sample.jsonl")
# HTML stages run on every HTML_STRIDE-th shared page (all datasets, a third of the time); --full: all.
HTML_STRIDE = 3

# ---------------------------------------------------------------------------------------------
# Inputs
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BenchText:
    """One bench record: a clean text (title first) and its publication date."""

    id: str
    title: str
    text: str  # body paragraphs joined with "\n"
    published: str | None

    @property
    def clean_text(self) -> str:
        return f"{self.title}\n{self.text}" if self.title else self.text


@dataclass
class BenchInputs:
    """What the stages are timed on; every list may be empty when its source is missing."""

    html_paths: list[Path] = field(default_factory=list)
    html_ingest_paths: list[Path] = field(default_factory=list)  # every page: HTML ingest against trafilatura
    html_source: str = ""
    clean: list[BenchText] = field(default_factory=list)  # Simplified news texts
    traditional: list[BenchText] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def read_bench_texts(path: Path, limit: int | None = None) -> list[BenchText]:
    """Records of a bench JSONL file (fields id, title, text, date)."""
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            row = json.loads(line)
            out.append(BenchText(str(row.get("id", len(out))), (row.get("title") or "").strip(),
                                 (row.get("text") or "").strip(), row.get("date") or row.get("published")))
            if limit is not None and len(out) >= limit:
                break
    return out


def gather_inputs(shared: Path, corpus: Path, quick: bool = False, full: bool = False) -> BenchInputs:
    """The shared HTML pages and bench texts when ../shared is there, else the project's corpus."""
    inputs = BenchInputs()
    limit = 300 if quick else None
    html_root = shared / "corpus" / "html"
    if html_root.is_dir():
        pages = sorted(html_root.rglob("*.html"))
        stride = 1 if full else HTML_STRIDE * (4 if quick else 1)
        inputs.html_paths = pages[::stride]
        inputs.html_ingest_paths = pages[::4] if quick else pages
        inputs.html_source = str(html_root)
        if stride > 1:
            inputs.notes.append(f"HTML stages timed on one page in {stride} of {html_root} "
                                f"({len(inputs.html_paths)} of {len(pages)}; --full for all)")
    else:
        inputs.html_paths = sorted(p for p in corpus.rglob("*") if p.suffix.lower() in (".html", ".htm", ".txt"))
        inputs.html_ingest_paths = list(inputs.html_paths)
        inputs.html_source = str(corpus)
        inputs.notes.append(f"{html_root} not found: stages timed on the project's {corpus}/ pages "
                            f"({len(inputs.html_paths)} files), a much smaller run")
    bench = shared / "bench"
    if (bench / EXTRACTION_BENCH).exists():
        inputs.clean = read_bench_texts(bench / EXTRACTION_BENCH, limit)
    for name in TRADITIONAL_BENCH:
        if (bench / name).exists():
            inputs.traditional += read_bench_texts(bench / name, limit)
    if not inputs.clean:
        inputs.notes.append(f"{bench / EXTRACTION_BENCH} not found: extractors timed on the project's "
                            f"{corpus}/ text pages, a much smaller run")
        inputs.clean = [BenchText(p.stem, "", p.read_text(encoding="utf-8", errors="replace"), None)
                        for p in sorted(corpus.rglob("*.txt"))]
    if not inputs.traditional:
        inputs.notes.append("no Traditional bench texts: conversion not timed")
    return inputs


def generate_corpus(texts: Sequence[BenchText], size: int, path: Path, seed: int = 0) -> int:
    """Write ``size`` documents made of paragraphs resampled from ``texts`` as JSONL (id, url,
    title, text, published); returns the characters written. Deterministic for a seed."""
    rng = random.Random(seed * 1_000_003 + size)
    paragraphs = [p for t in texts for p in t.text.split("\n") if len(p.strip()) >= 10]
    titles = [t.title for t in texts if t.title] or ["新闻"]
    dates = [t.published for t in texts if t.published] or [None]
    if not paragraphs:
        raise ValueError("no paragraphs to resample")
    chars = 0
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as out:
        for i in range(size):
            body = "\n".join(rng.choice(paragraphs) for _ in range(rng.randint(2, 8)))
            row = {"id": f"gen-{i}", "url": f"https://bench.invalid/{size}/{i}", "title": rng.choice(titles),
                   "text": body, "published": rng.choice(dates)}
            chars += len(body)
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    return chars


def write_bench_corpus(texts: Sequence[BenchText], path: Path) -> int:
    """The bench texts themselves as an ingestible JSONL corpus; returns the characters written."""
    chars = 0
    with open(path, "w", encoding="utf-8") as out:
        for t in texts:
            chars += len(t.clean_text)
            out.write(json.dumps({"id": t.id, "url": f"https://bench.invalid/{t.id}", "title": t.title,
                                  "text": t.text, "published": t.published}, ensure_ascii=False) + "\n")
    return chars


