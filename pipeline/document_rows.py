"""A processed document as the rows the store inserts, built where it was processed.

The single writer is the one part of a run that cannot be spread over cores, so everything
about a document that does not depend on what is already stored is done before it reaches the
writer, in the worker process: the ``documents`` columns (JSON, hashes), paragraph offsets, the
fact rows and each kind's value row (``schema.FACT_KINDS``), the organisations named, the event
rows and which facts each event links to, the MinHash signature's LSH band keys. What is left
for the writer is what depends on the database: whether the document is known or a duplicate,
the ids (documents, facts, events, organisations, sources) and the inserts themselves. The text of
the document's search index row (``search.search_tokens``) is made here too.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from extractors.facts import Event, Fact
from pipeline.article_dedup import LshBands
from pipeline.document import Processed, StageError
from pipeline.schema import FACT_KINDS, sql_number, stored_sentence
from pipeline.search import search_tokens

# The documents columns a worker fills, in order; the writer adds source_id, rules_version,
# duplicate_of and the runs.
DOCUMENT_COLUMNS = ("key", "record", "record_id", "url", "title", "published", "site", "source_name", "authors",
                    "fetched_at", "script", "encoding", "quality", "mojibake", "chars", "raw_hash", "content_hash",
                    "counters")  # no signature: the store recomputes a candidate's from its paragraphs (schema 9)


@dataclass(frozen=True, slots=True)
class FactRows:
    """Facts as rows, ids left to the writer: each fact's ``facts`` columns after doc_id, its kind's
    value row after fact_id (org_id still None) and the organisation it names."""

    facts: tuple[tuple, ...]  # (kind, text, start, end, rule, sentence_start, sentence_end, sentence_text)
    values: tuple[tuple, ...]
    orgs: tuple[tuple[int, str, str, str | None], ...]  # (fact position, canonical name, type, alias or None)

    @property
    def kinds(self) -> tuple[str, ...]:
        return tuple(row[0] for row in self.facts)


def fact_rows(facts: Sequence[Fact], text: str) -> FactRows:
    """The rows of facts found in the clean ``text`` (their sentences are stored as offsets into it)."""
    rows, values, orgs = [], [], []
    for position, fact in enumerate(facts):
        kind = FACT_KINDS[fact.kind]
        rows.append((fact.kind, fact.text, fact.start, fact.end, fact.rule, *stored_sentence(text, fact.sentence, fact.start)))
        values.append(kind.row(fact, None))
        if kind.org is not None:
            name, org_type = kind.org(fact)
            orgs.append((position, name, org_type, fact.text if fact.text != name else None))
    return FactRows(tuple(rows), tuple(values), tuple(orgs))


@dataclass(frozen=True, slots=True)
class DocumentRows:
    """One document's rows, ids left to the writer (facts and events refer to facts by position)."""

    key: str
    source: str  # the file (the writer turns it into a source_id)
    record: int
    format: str
    url: str | None
    raw_hash: str
    content_hash: str
    minhash: bytes | None
    bands: tuple[int, ...]  # LSH band keys of the signature (none without one)
    document: tuple  # the values of DOCUMENT_COLUMNS
    paragraphs: tuple[tuple[int, int, int, str], ...]  # (idx, start, is_title, text)
    search_text: str  # its row of the search index: each character of the clean text once, spaced
    facts: FactRows
    events: tuple[tuple, ...]  # the events columns after doc_id
    event_links: tuple[tuple[int, int, str], ...]  # (event position, fact position, role)
    problems: tuple[StageError, ...]  # extractors that failed on it: errors rows, written with it

    @property
    def fact_kinds(self) -> tuple[str, ...]:
        return self.facts.kinds

    @property
    def chars(self) -> int:
        return self.document[DOCUMENT_COLUMNS.index("chars")]


def document_rows(item: Processed, bands: LshBands) -> DocumentRows:
    """The rows of a processed document (the worker's last step; the store's for other callers)."""
    doc = item.doc
    text = doc.text
    content_hash = doc.content_hash  # a hash of the whole text: made once for both places
    document = (doc.key, doc.record, doc.record_id, doc.url, doc.title, doc.published, doc.site, doc.source_name,
                json.dumps(doc.authors, ensure_ascii=False) if doc.authors else None, doc.fetched_at, doc.script,
                doc.encoding, doc.quality, doc.mojibake, len(text), doc.raw_hash or "", content_hash,
                json.dumps(doc.counters, ensure_ascii=False, sort_keys=True))
    paragraphs, offset = [], 0
    for idx, para in enumerate(doc.clean_paragraphs):
        paragraphs.append((idx, offset, int(idx == 0 and bool(doc.title)), para))
        offset += len(para) + 1
    facts = doc.extraction.facts if doc.extraction is not None else ()
    events = doc.extraction.events if doc.extraction is not None else ()
    event_rows, links = _events(events, facts, text)
    return DocumentRows(
        key=doc.key, source=doc.source, record=doc.record, format=item.format, url=doc.url,
        raw_hash=doc.raw_hash or "", content_hash=content_hash, minhash=item.minhash,
        bands=tuple(bands.keys(item.minhash)), document=document, paragraphs=tuple(paragraphs),
        search_text=search_tokens(text),
        facts=fact_rows(facts, text), events=event_rows, event_links=links, problems=tuple(doc.problem_errors()))


def _events(events: tuple[Event, ...], facts: tuple[Fact, ...], text: str
            ) -> tuple[tuple[tuple, ...], tuple[tuple[int, int, str], ...]]:
    """Event rows, and the facts each event names: its date, counts and money by span, and per
    organisation it names the mention nearest to its trigger."""
    position = {(f.kind, f.start, f.end): i for i, f in enumerate(facts)}  # the last fact of a span wins
    org_mentions = [(key, i) for key, i in position.items() if key[0] == "org"]
    rows, links = [], []
    for number, event in enumerate(events):
        date = event.date_fact
        rows.append((event.type, event.trigger, event.start, event.end, event.rule,
                     *stored_sentence(text, event.sentence, event.start), date.date_start if date else _split(event.date, 0), date.date_end if date else _split(event.date, -1),
                     event.location, sql_number(event.participants), int(event.main)))
        linked: dict[int, str] = {}
        if date is not None and (i := position.get(("date", date.start, date.end))) is not None:
            linked[i] = "date"
        for fact in (*event.counts, *event.money):
            if (i := position.get((fact.kind, fact.start, fact.end))) is not None:
                linked[i] = fact.kind
        wanted = set(event.orgs)
        if wanted:
            by_name: dict[str, tuple[int, int]] = {}
            for (_, start, _end), i in org_mentions:
                name = FACT_KINDS["org"].org(facts[i])[0]
                if name in wanted:
                    distance = abs(start - event.start)
                    if name not in by_name or distance < by_name[name][0]:
                        by_name[name] = (distance, i)
            for _, i in by_name.values():
                linked[i] = "org"
        links += [(number, i, role) for i, role in linked.items()]
    return tuple(rows), tuple(links)


def _split(iso: str | None, index: int) -> str | None:
    return iso.split("/")[index] if iso else None
