"""`newsfacts clean | newsfacts extract` gives the facts and events `ingest` gives, page by page
(pipeline/commands.py; issue 12): the same reading of each JSON line's metadata on both paths."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.decoding import decode
from pipeline.document import RawRecord
from pipeline.options import PipelineOptions
from pipeline.readers import read_jsonl, read_page
from pipeline.runner import process_record
from tests.conftest import CORPUS, SHARED

OPTIONS = PipelineOptions()


def _pages() -> list[Path]:
    """Every sample page: the shared seeds and HTML corpus, the project's own pages."""
    found = [*sorted((SHARED / "corpus" / "seeds").glob("*.txt")), *sorted((SHARED / "corpus" / "html").rglob("*.html")),
             *sorted(CORPUS.glob("*.txt")), *sorted((CORPUS / "samples").glob("*.html"))]
    return [p for p in found if p.exists()]


PAGES = _pages()
LEADS = SHARED / "bench" / "tw_rss_leads_2026_sample.jsonl"


def _cli(command: str, stdin: str) -> str:
    result = subprocess.run([sys.executable, "-m", "pipeline.cli", command], input=stdin, capture_output=True,
                            text=True, encoding="utf-8", check=False)
    return result.stdout


def _both_paths(records: list[tuple[str, RawRecord, dict]]) -> dict[str, tuple[dict, dict | None]]:
    """For each (key, record, fields): what ingest's worker stage extracts from the record, and what
    clean | extract prints for the JSON line a user writes of the same page (its decoded content, url,
    title, site and source, and ``fields``)."""
    ingest, lines = {}, []
    for key, raw, fields in records:
        processed = process_record(raw, OPTIONS)
        if not hasattr(processed, "doc"):
            continue
        ingest[key] = processed.doc.extraction.to_json()
        content = raw.content if isinstance(raw.content, str) else decode(raw.content, raw.headers,
                                                                          is_html=raw.format == "html").text
        line = {"id": key, raw.format: content, "url": raw.url, "title": raw.title, "site": raw.site,
                "source": raw.source_name, **fields}
        lines.append(json.dumps(line, ensure_ascii=False))
    printed = _cli("extract", _cli("clean", "\n".join(lines) + "\n"))
    cli = {}
    for row in map(json.loads, printed.splitlines()):
        cli[row.pop("id")] = row
    return {key: (ingest[key], cli.get(key)) for key in ingest}


@pytest.fixture(scope="module")
def page_results() -> dict[str, tuple[dict, dict | None]]:
    if not PAGES:
        pytest.skip("no sample pages")
    return _both_paths([(str(p), next(iter(read_page(p, OPTIONS, page_format="html" if p.suffix == ".html" else "text"))),
                         {}) for p in PAGES])


@pytest.mark.parametrize("page", [pytest.param(str(p), id=f"{p.parent.name}/{p.name}") for p in PAGES])
def test_clean_then_extract_gives_what_ingest_gives(page, page_results):
    if page not in page_results:
        pytest.skip("the page is an error on both paths")
    ingest, cli = page_results[page]
    assert cli == ingest


LEAD_COUNT = 30


@pytest.fixture(scope="module")
def lead_results(tmp_path_factory) -> dict[str, tuple[dict, dict | None]]:
    """Taiwanese leads whose JSON lines give their day as ``date`` (not ``published``) and their outlet as
    ``source``: relative dates (23日) and bare 元 (TWD) depend on both."""
    if not LEADS.exists():
        pytest.skip("../shared not present")
    sample = tmp_path_factory.mktemp("leads") / "leads.jsonl"
    with open(LEADS, encoding="utf-8") as f:
        sample.write_text("".join(next(f) for _ in range(LEAD_COUNT)), encoding="utf-8")
    return _both_paths([(str(raw.record), raw, {"date": raw.published})
                        for raw in read_jsonl(sample, OPTIONS) if isinstance(raw, RawRecord)])


@pytest.mark.parametrize("record", [pytest.param(str(n), id=f"lead-{n}") for n in range(1, LEAD_COUNT + 1)])
def test_a_lead_given_by_date_and_source_gives_what_ingest_gives(record, lead_results):
    ingest, cli = lead_results[record]
    assert cli == ingest
