"""Full-text search over the clean paragraphs: any term length, several terms, ranked documents.

Chinese search terms are mostly one or two characters (`工会`, `竞赛`). The index
(``documents_fts``, see pipeline/schema.py) holds, per document, the set of characters of its
clean text, no positions and no copy of the text (a fifth of the clean text's size;
docs/storage.md): a term's characters, all of them in one document, pick the candidate documents
through the index, for a term of any length, and ``instr`` then checks which of their paragraphs
hold the term itself. A term without a letter, digit or
Chinese character (``——``) has nothing to look up and is matched by ``instr`` over every
paragraph (a scan: about 2 ms per MB of clean text, docs/search.md).

A document matches when it contains every term (in any paragraph). Documents are ranked by
BM25 over the whole clean text (term frequency, rarity of the term among canonical
documents, length) with a bonus for terms in the title; each hit carries the paragraph with
the most terms as a snippet, terms marked 【like this】. Duplicate documents are left out.
"""

from __future__ import annotations

import math
import unicodedata
import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field

from pipeline.filters import DocumentFilter, document_condition, org_condition, org_ids
from pipeline.script import to_simplified

BM25_K1 = 1.2
BM25_B = 0.75
TITLE_BONUS = 1.0  # added per term found in the title, times the term's idf


@dataclass(frozen=True, slots=True)
class SearchQuery:
    """What to look for (every term must occur) and in which documents."""

    terms: tuple[str, ...]
    documents: DocumentFilter = DocumentFilter()
    org: str | None = None  # an organisation's canonical name or one of its aliases
    limit: int = 20
    marks: tuple[str, str] = ("【", "】")
    snippet_chars: int = 80


@dataclass(frozen=True, slots=True)
class SearchHit:
    doc_id: int
    title: str | None
    published: str | None
    site: str | None
    url: str | None
    score: float
    snippet: str
    counts: dict[str, int] = field(default_factory=dict)  # occurrences of each term in the document

    def row(self) -> dict:
        return {"doc_id": self.doc_id, "published": self.published, "site": self.site, "title": self.title,
                "snippet": self.snippet, "score": round(self.score, 3), "url": self.url}


COLUMNS = ("doc_id", "published", "site", "title", "snippet", "score", "url")


def parse_terms(text: str) -> tuple[str, ...]:
    """Whitespace-separated terms, in Simplified script (the clean text is), without repeats."""
    seen: dict[str, None] = {}
    for term in to_simplified(text).split():
        seen.setdefault(term, None)
    return tuple(seen)


def search_tokens(text: str | None) -> str | None:
    """The text as the search index reads it: each character once (the index keeps no positions: a
    repeat adds nothing but work), a space after each, so that FTS5's unicode61 tokenizer makes each
    letter, digit and Chinese character a token of its own. The worker makes a document's row with it
    (``document_rows``); the store and the migrations call it as the SQL function ``search_tokens``."""
    return None if text is None else " ".join(dict.fromkeys(text))


def index_query(term: str) -> str | None:
    """The FTS5 query of the documents holding every indexed character of ``term`` (each character
    quoted: punctuation inside quotes is no token and is left out by FTS5), or None when ``term`` has no
    letter, digit or Chinese character the index knows."""
    chars = dict.fromkeys(ch for ch in term if unicodedata.category(ch)[0] in "LN")
    return " ".join(f'"{ch}"' for ch in chars) or None


def _indexed(term: str) -> bool:
    return index_query(term) is not None


def _document_filters(conn: sqlite3.Connection, query: SearchQuery) -> tuple[str, list]:
    where, params = document_condition("d", query.documents)
    if query.org:
        org_where, org_params = org_condition("d.doc_id", org_ids(conn, query.org))
        where += " AND " + org_where
        params += org_params
    return where, params


def _docs_with(term: str) -> tuple[str, list]:
    """A subquery of the doc_ids whose clean text holds ``term``."""
    query = index_query(term)
    if query is not None:
        return ("SELECT doc_id FROM paragraphs WHERE doc_id IN "
                "(SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?) AND instr(lower(text), lower(?)) > 0",
                [query, term])
    return "SELECT doc_id FROM paragraphs WHERE instr(lower(text), lower(?)) > 0", [term]


def _count(text: str, term: str) -> int:
    return text.lower().count(term.lower())


def _document_frequency(conn: sqlite3.Connection, term: str) -> int:
    sub, params = _docs_with(term)
    return conn.execute(f"SELECT count(DISTINCT d.doc_id) FROM documents d WHERE d.duplicate_of IS NULL "
                        f"AND d.doc_id IN ({sub})", params).fetchone()[0]


def search(conn: sqlite3.Connection, query: SearchQuery) -> list[SearchHit]:
    """The documents holding every term of ``query``, best first, at most ``query.limit``."""
    terms = query.terms
    if not terms:
        return []
    where, params = _document_filters(conn, query)
    indexed = [t for t in terms if _indexed(t)]
    # narrow to documents holding every indexed term (through the index), or to those holding the
    # first term when none is indexed (a scan); the other terms are checked on those documents' text
    narrowing = indexed or [terms[0]]
    for term in narrowing:
        sub, sub_params = _docs_with(term)
        where += f" AND d.doc_id IN ({sub})"
        params += sub_params
    rows = conn.execute(
        f"""SELECT d.doc_id, d.title, d.published, d.site, d.url, p.idx, p.is_title, p.text
            FROM documents d JOIN paragraphs p USING (doc_id)
            WHERE {where} ORDER BY d.doc_id, p.idx""", params).fetchall()
    documents: dict[int, dict] = {}
    paragraphs: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for doc_id, title, published, site, url, idx, is_title, text in rows:
        documents.setdefault(doc_id, {"title": title, "published": published, "site": site, "url": url,
                                      "title_text": ""})
        if is_title:
            documents[doc_id]["title_text"] = text
        paragraphs[doc_id].append((idx, text))
    if not documents:
        return []
    total, average_length = conn.execute(
        "SELECT count(*), avg(chars) FROM documents WHERE duplicate_of IS NULL").fetchone()
    idf = {t: math.log(1 + (total - df + 0.5) / (df + 0.5))
           for t in terms for df in [_document_frequency(conn, t)]}
    hits = []
    for doc_id, meta in documents.items():
        texts = [text for _, text in paragraphs[doc_id]]
        counts = {t: sum(_count(text, t) for text in texts) for t in terms}
        if not all(counts.values()):
            continue
        length = sum(len(text) + 1 for text in texts)
        norm = BM25_K1 * (1 - BM25_B + BM25_B * length / (average_length or 1))
        score = sum(idf[t] * counts[t] * (BM25_K1 + 1) / (counts[t] + norm) for t in terms)
        score += sum(TITLE_BONUS * idf[t] for t in terms if _count(meta["title_text"], t))
        best = max(paragraphs[doc_id], key=lambda p: (sum(1 for t in terms if _count(p[1], t)),
                                                      sum(_count(p[1], t) for t in terms), -p[0]))
        hits.append(SearchHit(doc_id, meta["title"], meta["published"], meta["site"], meta["url"], score,
                              snippet(best[1], terms, query.marks, query.snippet_chars), counts))
    hits.sort(key=lambda h: (-h.score, h.published or "", h.doc_id))
    return hits[: query.limit]


def term_spans(text: str, terms: tuple[str, ...]) -> list[tuple[int, int]]:
    """Every occurrence of every term in ``text``, overlapping ones merged, in order."""
    lowered = text.lower()
    spans = []
    for term in terms:
        needle, start = term.lower(), 0
        while (found := lowered.find(needle, start)) >= 0:
            spans.append((found, found + len(needle)))
            start = found + 1
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def snippet(text: str, terms: tuple[str, ...], marks: tuple[str, str] = ("【", "】"), chars: int = 80) -> str:
    """A window of about ``chars`` characters of ``text`` around its first term, terms marked."""
    spans = term_spans(text, terms)
    first = spans[0][0] if spans else 0
    begin = max(0, min(first - chars // 4, len(text) - chars))
    end = min(len(text), begin + chars)
    out, cursor = [], begin
    for start, stop in spans:
        if stop <= begin or start >= end:
            continue
        start, stop = max(start, begin), min(stop, end)
        out += [text[cursor:start], marks[0], text[start:stop], marks[1]]
        cursor = stop
    out.append(text[cursor:end])
    return ("…" if begin > 0 else "") + "".join(out) + ("…" if end < len(text) else "")


# One term, any length, as a single SQL statement with a named parameter :q (the browser's canned
# query; `newsfacts search` above adds several terms, ranking and snippets). SQL cannot call
# index_query, so the FTS5 query is built by a recursive CTE quoting every character of :q (FTS5 leaves
# out a quoted character that is no token); instr then checks the term. A term the index finds nothing
# for (one of punctuation only) is looked for by instr over every paragraph.
PARAGRAPH_SEARCH_SQL = """
WITH RECURSIVE q(i, fts) AS (
    SELECT 1, ''
    UNION ALL SELECT i + 1, fts || ' "' || replace(substr(:q, i, 1), '"', '""') || '"' FROM q WHERE i <= length(:q)),
candidates AS (
    SELECT rowid AS doc_id FROM documents_fts
    WHERE documents_fts MATCH (SELECT fts FROM q ORDER BY i DESC LIMIT 1))
SELECT d.doc_id, d.published, d.site, d.title, p.idx AS paragraph, p.text
FROM paragraphs p JOIN documents d USING (doc_id)
WHERE d.duplicate_of IS NULL AND instr(lower(p.text), lower(:q)) > 0
  AND (p.doc_id IN candidates OR NOT EXISTS (SELECT 1 FROM candidates))
ORDER BY d.published DESC, d.doc_id, p.idx
LIMIT 200"""
