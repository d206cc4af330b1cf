"""Predictions for the event gold files of ``../shared/gold``: main events and stories.

Their rows name items of a bench file by ``id`` and carry no text, so each gold file has its
source (``EVENT_GOLD_SOURCES``):

* ``events_dev.jsonl`` — main events of ``bench/inews_sample.jsonl`` items; the text extracted is
  the title, a line break and the item's text (as ``newsfacts extract`` would get it; the literal
  ``\\n`` sequences some items hold stay as they are).
* ``stories_dev.jsonl`` — stories of ``bench/tw_rss_leads_2026_sample.jsonl`` leads; each lead is
  cleaned and extracted as ``ingest`` does it (the JSONL ``source`` is its outlet), and the main
  events go through :func:`pipeline.stories.cluster_stories`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pipeline.document import RawRecord, StageFailure
from pipeline.options import PipelineOptions
from pipeline.stories import QUOTE_RULE, StoryDoc, cluster_stories

# gold file name → its source, relative to the shared folder (the gold file's grandparent)
EVENT_GOLD_SOURCES = {
    "events_dev.jsonl": ("events", Path("bench/inews_sample.jsonl")),
    "stories_dev.jsonl": ("stories", Path("bench/tw_rss_leads_2026_sample.jsonl")),
}


def event_gold_kind(path: Path, rows: list[dict]) -> str | None:
    """"events", "stories" or None (not an event gold file)."""
    known = EVENT_GOLD_SOURCES.get(path.name)
    if known is not None:
        return known[0]
    if rows and all("story" in r and "id" in r for r in rows):
        return "stories"
    if rows and all("main_event" in r and "id" in r and "text" not in r and "doc" not in r for r in rows):
        return "events"
    return None


def source_rows(path: Path, ids: set[str]) -> dict[str, dict]:
    """The rows of the gold file's source whose id the gold names."""
    name = EVENT_GOLD_SOURCES.get(path.name)
    source = (path.resolve().parent.parent / name[1]) if name else None
    if source is None or not source.exists():
        raise FileNotFoundError(f"{path}: its source items ({name[1] if name else 'unknown'}) are not there")
    found = {}
    with open(source, encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            if row.get("id") in ids:
                found[row["id"]] = row
    return found


def predict_main_events(gold: list[dict], items: dict[str, dict]) -> list[dict[str, Any]]:
    """``{"id", "events"}`` per gold row: extraction on title + "\\n" + text."""
    from extractors import extract

    out = []
    for row in gold:
        item = items.get(row["id"])
        if item is None:
            out.append({"id": row["id"], "events": []})
            continue
        text = (item.get("title") or "") + "\n" + (item.get("text") or "")
        result = extract(text, item.get("published") or item.get("date"))
        out.append({"id": row["id"], "events": [e.to_json() for e in result.events]})
    return out


def _story_doc(number: int, item: dict, options: PipelineOptions) -> StoryDoc | None:
    """Clean and extract one lead as ingest does; None when it has no main event."""
    from extractors import DocumentContext, extract_in_context
    from pipeline.clean import clean_record

    raw = RawRecord(source="gold", record=number, content=item.get("text") or "", format="text",
                    url=item.get("url"), published=item.get("published") or item.get("date"),
                    title=item.get("title"), id=item.get("id"), site=item.get("site"),
                    source_name=item.get("source"))
    try:
        doc = clean_record(raw, options)
    except StageFailure:
        return None
    extraction = extract_in_context(doc.text, DocumentContext.make(doc.published, site=doc.site, url=doc.url))
    main = next((e for e in extraction.events if e.main), None)
    if main is None:
        return None
    return StoryDoc(doc_id=number, title=doc.title or "", lead=doc.paragraphs[0] if doc.paragraphs else "",
                    published=doc.published, type=main.type,
                    event_date=main.date_fact.date_start if main.date_fact else None,
                    outlet=doc.site or doc.source_name, location=main.location, orgs=main.orgs,
                    speaker=main.trigger if main.rule == QUOTE_RULE else None)


def predict_stories(gold: list[dict], items: dict[str, dict], options: PipelineOptions) -> list[dict[str, Any]]:
    """``{"id", "story"}`` per gold row (null: the lead is a story of its own or has no event)."""
    ids = [row["id"] for row in gold]
    docs = [d for number, doc_id in enumerate(ids, start=1) if doc_id in items
            if (d := _story_doc(number, items[doc_id], options)) is not None]
    clustering = cluster_stories(docs, options)
    group = {m.doc_id: m.group for m in clustering.members}
    sizes: dict[int, int] = {}
    for g in group.values():
        sizes[g] = sizes.get(g, 0) + 1
    return [{"id": doc_id, "story": (f"s{group[n]}" if n in group and sizes[group[n]] > 1 else None)}
            for n, doc_id in enumerate(ids, start=1)]
