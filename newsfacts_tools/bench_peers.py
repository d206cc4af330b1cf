"""Peers on the same input as our stages, as ratios (ours ÷ theirs, above 1 = we are faster)."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from newsfacts_tools.bench_inputs import BenchInputs, BenchText
from newsfacts_tools.bench_stages import Measurement, Prepared, clean_size, decoded_html, decoded_pages, prepare_dates, prepare_money, time_each

# ---------------------------------------------------------------------------------------------
# Peers
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PeerComparison:
    """Our stage and a peer tool on the same input: ``ratio`` = our speed ÷ theirs."""

    name: str
    ours: Measurement
    theirs: Measurement

    @property
    def ratio(self) -> float:
        return self.ours.chars_per_s / self.theirs.chars_per_s if self.theirs.chars_per_s else 0.0

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "ours": self.ours.to_json(), "theirs": self.theirs.to_json(), "ratio": round(self.ratio, 3)}


JIONLP_SAMPLE_DOCS = 500


def run_peers(inputs: BenchInputs, stages: list[Measurement],
              html_ingest: dict[str, Any] | None = None) -> tuple[list[PeerComparison], list[str]]:
    """trafilatura, OpenCC and (when installed) JioNLP on the same inputs as our stages; ``html_ingest``
    (``bench_ingest.run_html_ingest``'s result on the same pages) is set against trafilatura with metadata."""
    by_name = {m.stage: m for m in stages}
    prep = Prepared()
    out, notes = [], []
    ours_html = by_name.get("main content")
    if ours_html is not None:
        import trafilatura
        pages = [text for raw, text in decoded_html(inputs, prep) if raw.format == "html"]
        theirs = time_each("trafilatura.extract", inputs.html_source, pages, trafilatura.extract, len)
        out.append(PeerComparison("main content vs trafilatura.extract", ours_html, theirs))
    if ours_html is not None and html_ingest is not None:
        theirs = trafilatura_in_child(inputs.html_ingest_paths, inputs.html_source)
        # both sides over the same pages: the ratio of speeds is the ratio of seconds
        ours = Measurement("ingest, 1 worker", inputs.html_source, html_ingest["docs"], theirs.chars, html_ingest["seconds"])
        out.append(PeerComparison("HTML ingest (1 worker) vs trafilatura.extract(with_metadata=True)", ours, theirs))
    ours_conv = by_name.get("conversion")
    if ours_conv is not None:
        import opencc
        converter = opencc.OpenCC("t2s")
        texts = [t.clean_text for t in inputs.traditional]
        theirs = time_each("opencc t2s", ours_conv.input, texts, converter.convert, len)
        out.append(PeerComparison("conversion vs OpenCC t2s alone", ours_conv, theirs))
    try:
        import jionlp
    except ImportError:
        notes.append("jionlp not installed (pip install -e '.[peers]'): JioNLP comparison skipped")
        return out, notes
    sample = inputs.clean[:JIONLP_SAMPLE_DOCS]
    try:
        dates = prepare_dates(BenchInputs(clean=sample), prep)
        money = prepare_money(BenchInputs(clean=sample), prep)
    except ImportError as exc:
        notes.append(f"JioNLP comparison skipped: our date/money extractors not available ({exc})")
        return out, notes
    ours = time_each("extract: dates + money", f"{len(sample)} documents of {dates.label}",
                     list(zip(dates.items, money.items)), lambda p: (dates.call(p[0]), money.call(p[1])),
                     lambda p: len(p[1].text))

    def jio(t: BenchText) -> None:
        base = time.mktime(date.fromisoformat(t.published[:10]).timetuple()) if t.published else time.time()
        jionlp.ner.extract_time(t.clean_text, time_base=base)
        jionlp.ner.extract_money(t.clean_text)
    logging.disable(logging.ERROR)  # JioNLP logs a traceback for every expression it cannot parse
    try:
        theirs = time_each("jionlp extract_time + extract_money", ours.input, sample, jio, clean_size)
    finally:
        logging.disable(logging.NOTSET)
    out.append(PeerComparison("dates + money vs JioNLP extract_time + extract_money", ours, theirs))
    return out, notes


def trafilatura_in_child(paths: Sequence[Path], label: str) -> Measurement:
    """``trafilatura.extract(with_metadata=True)`` over the pages in a fresh Python process, as the HTML
    ingest it is set against runs (``bench_ingest.ingest_in_child``): modules imported and pages decoded
    before the clock, every first use inside it (dateparser's language tables, htmldate's, trafilatura's
    own), no warm-up page. Timed in the bench's process instead, trafilatura found those already paid by
    the stages before it while the ingest paid its own (~3 s of 14): the ratio compared a warm peer with a
    cold ingest."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as handle:
        json.dump([str(p) for p in paths], handle)
    try:
        done = subprocess.run([sys.executable, "-m", "newsfacts_tools.bench_peers", "--child-trafilatura", handle.name],
                              capture_output=True, text=True)
    finally:
        os.unlink(handle.name)
    if done.returncode != 0:
        raise RuntimeError(f"trafilatura over {len(paths)} pages failed: {done.stderr.strip()[-2000:]}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    return Measurement("trafilatura.extract(with_metadata=True), own process", label, result["items"], result["chars"],
                       result["seconds"])


def _child_trafilatura(argv: list[str]) -> int:
    """``python -m newsfacts_tools.bench_peers --child-trafilatura PATHS.json``: one timed pass, JSON on stdout."""
    import trafilatura
    logging.basicConfig(level=logging.ERROR)
    paths = [Path(p) for p in json.loads(Path(argv[0]).read_text(encoding="utf-8"))]
    pages = [text for raw, text in decoded_pages(paths, Prepared()) if raw.format == "html"]
    started = time.perf_counter()
    for page in pages:
        trafilatura.extract(page, with_metadata=True)
    seconds = time.perf_counter() - started
    print(json.dumps({"items": len(pages), "chars": sum(len(page) for page in pages), "seconds": round(seconds, 4)}))
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child-trafilatura"]:
        sys.exit(_child_trafilatura(sys.argv[2:]))
    sys.exit("usage: newsfacts bench (this module runs directly only as the bench's child process)")
