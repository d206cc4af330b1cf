"""The cleaning stage: one raw page → a ``Document`` with metadata and clean paragraphs.

The steps, in order (FACTS.md §1; docs/cleaning.md explains each decision):

1. decode bytes (``pipeline.decoding``; JSONL records arrive as text already);
2. HTML: main content and metadata through trafilatura (``pipeline.html_content``);
   text dumps go on as they are;
3. Latin-1 mojibake that re-decodes to CJK is repaired (before the script step, which must
   see the repaired characters);
4. script: pinyin glosses out, Traditional (or stray Traditional characters) → Simplified
   with OpenCC, so that every later rule is written for Simplified text only;
5. line-level chrome filter, lifting title, date, site, source and authors
   (``pipeline.chrome``);
6. duplicate paragraphs removed (``pipeline.paragraph_dedup``), the title counting as seen;
7. mojibake left in the text counted on the document.

If trafilatura's main content leaves almost no text after steps 3–6 (it sometimes picks a
related-links box), the page's whole body text goes through them instead, and the longer
result is kept. What each step
removed is counted in ``Document.counters`` by rule name.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from extractors.publication_date import iso_date
from pipeline.chrome import (
    PRIORITY_DATELINE,
    PRIORITY_HEAD_DATE,
    PRIORITY_LABELLED_DATE,
    PageMeta,
    filter_chrome,
    first_labelled_date,
    normalise_line,
)
from pipeline.decoding import decode, strip_controls
from pipeline.document import Document, RawRecord, StageFailure
from pipeline.html_content import extract_main_content, page_body_text
from pipeline.options import PipelineOptions
from pipeline.paragraph_dedup import dedup_paragraphs
from pipeline.publication_date import DateEvidence, shown_outside_text, url_date
from pipeline.script import (
    NONE,
    count_mojibake,
    count_script,
    remove_pinyin_glosses,
    repair_latin1_mojibake,
    to_simplified,
)

# Less body text than this after cleaning trafilatura's main content means it picked a box of
# links (or a comment count) rather than the article: the page's whole body text is tried.
MIN_MAIN_CONTENT_CHARS = 40
# What ends a line of a page's text. Not str.splitlines(): it also breaks at U+0085, a byte
# of UTF-8 mojibake (党 = E5 85 9A read as Latin-1), and at the file/group/record separators,
# so cleaning its own output would split lines the first pass kept whole.
LINE_BREAK = re.compile("\r\n|[\n\r\v\f\u2028\u2029]")


@dataclass(slots=True)
class CleanText:
    """Steps 3–6 applied to one text: body paragraphs, title, script and lifted metadata."""

    paragraphs: list[str]
    title: str | None
    script: str
    converted: bool  # OpenCC t2s was applied (metadata from elsewhere must follow)
    meta: PageMeta
    counters: Counter[str]


def clean_text(text: str, title: str | None, options: PipelineOptions) -> CleanText:
    """Clean a page's text (one paragraph a line). ``title`` None: find it among the lines."""
    counters: Counter[str] = Counter()
    # Mojibake first: repaired text is CJK like any other, so the script step must see it
    # (repairing after it left Traditional characters that a second cleaning converted).
    text, repaired = repair_latin1_mojibake(text)
    if repaired:
        counters["mojibake.repaired"] += repaired
    text, glosses = remove_pinyin_glosses(text)
    if title:
        title = remove_pinyin_glosses(normalise_line(title))[0]
    if glosses:
        counters["script.pinyin_gloss"] += glosses
    counts = count_script(f"{title or ''}\n{text}")
    # Traditional pages, and Simplified ones with stray Traditional characters (OCR, quotes),
    # become Simplified; a page without any Traditional character is not touched.
    converted = options.convert_traditional and counts.script != NONE and counts.traditional > 0
    if converted:
        counters["script.t2s"] += 1
        text, title = to_simplified(text), to_simplified(title) if title else title

    chrome = filter_chrome(LINE_BREAK.split(text), find_title=title is None)
    counters.update(chrome.counters)
    title = title or chrome.title
    deduped = dedup_paragraphs(
        chrome.paragraphs,
        near_ratio=options.near_duplicate_ratio,
        min_fragment_chars=options.min_fragment_chars,
        seeds=[title] if title else (),
    )
    counters.update(deduped.counters)
    return CleanText(deduped.paragraphs, title, counts.script, converted, chrome.meta, counters)


def _chars(cleaned: CleanText) -> int:
    return sum(len(p) for p in cleaned.paragraphs)


def publication_date(raw: RawRecord, lifted: PageMeta, metadata: str | None, url: str | None) -> str | None:
    """FACTS.md §1 order on every input path: container, labelled date, dateline, the page's date
    metadata (its HTML metadata as checked by ``shown_outside_text``, or a labelled date of the page
    header outside the article; then a bare date printed at its head), URL; else None (never a date
    of the body)."""
    chrome_date, priority = lifted.published, lifted.priority.get("published")
    evidence = DateEvidence(
        container=iso_date(raw.published) if raw.published else None,
        labelled=chrome_date if priority == PRIORITY_LABELLED_DATE else None,
        dateline=chrome_date if priority == PRIORITY_DATELINE else None,
        metadata=metadata or (chrome_date if priority == PRIORITY_HEAD_DATE else None),
        url=url_date(url),
    )
    return evidence.decide()


def clean_record(raw: RawRecord, options: PipelineOptions) -> Document:
    """Clean one page. Raises ``StageFailure`` only for a page with no text at all."""
    if isinstance(raw.content, bytes):
        decoded = decode(raw.content, raw.headers, is_html=raw.format == "html")
        page, encoding, controls = decoded.text, decoded.encoding, decoded.controls
    else:
        (page, controls), encoding = strip_controls(raw.content), None

    doc = Document(key=raw.key, source=raw.source, record=raw.record, url=raw.url, record_id=raw.id,
                   fetched_at=raw.fetched_at, encoding=encoding)
    if controls:
        doc.count("decode.control_chars", controls)
    html = PageMeta()  # what the HTML metadata says; the chrome lifts its own into cleaned.meta
    title = raw.title
    if raw.format == "html":
        content = extract_main_content(page, raw.url)
        doc.count(f"html.{content.method}")
        title = title or content.title
        doc.url = doc.url or content.url
        html.published, html.site, html.authors = content.published, content.site, list(content.authors)
        cleaned = clean_text(content.text, title, options)
        if _chars(cleaned) < MIN_MAIN_CONTENT_CHARS and content.method == "trafilatura":
            fallback = clean_text(page_body_text(page), title, options)
            if _chars(fallback) > _chars(cleaned):
                doc.counters.update(cleaned.counters)
                doc.count("html.body_text")
                cleaned = fallback
    else:
        cleaned = clean_text(page, title, options)

    doc.counters.update(cleaned.counters)
    doc.title, doc.paragraphs, doc.script = cleaned.title, cleaned.paragraphs, cleaned.script
    if not doc.paragraphs and not doc.title:
        raise StageFailure("clean", "no article text left after cleaning")

    lifted = cleaned.meta
    metadata = shown_outside_text(html.published, page, "\n".join(doc.paragraphs), doc.url) if html.published else None
    if raw.format == "html" and not metadata and not raw.published and lifted.priority.get("published") not in (
            PRIORITY_LABELLED_DATE, PRIORITY_DATELINE):
        metadata = first_labelled_date(page_body_text(page).splitlines())  # the page header, outside the article
    doc.published = publication_date(raw, lifted, metadata, doc.url)
    simplify = to_simplified if cleaned.converted else str
    # the container's outlet (JSONL site/source) wins over what the page says, as for the date
    site = raw.site or html.site or lifted.site
    doc.site = simplify(site) if site else None
    source_name = raw.source_name or lifted.source_name
    doc.source_name = simplify(source_name) if source_name else None
    doc.authors = list(dict.fromkeys(simplify(a) for a in html.authors + lifted.authors))

    mojibake = count_mojibake(doc.text)
    doc.counters.update(mojibake)
    doc.mojibake = sum(mojibake.values())
    return doc
