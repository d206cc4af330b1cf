"""Stories in the database: read the reports for :func:`pipeline.stories.cluster_stories`, write
its outcome, and list stories for the ``stories`` command.

The writes go through a :class:`~pipeline.storage.FactStore` transaction and touch only what
changed, so updating stories twice on the same database writes nothing the second time. A
document whose content was re-extracted since it joined its story (``documents.updated_run``
moved on) is placed again; one that lost its main event leaves its story; a story left without
documents is deleted.
"""

from __future__ import annotations

import sqlite3
from collections import Counter, defaultdict
from dataclasses import dataclass

from pipeline.options import PipelineOptions
from pipeline.schema import OUTLET_SQL
from pipeline.stories import LEAD_CHARS, QUOTE_RULE, WILDCARD_TYPES, Clustering, StoryDoc, cluster_stories
from pipeline.storage import FactStore

_DOCS_SQL = f"""
SELECT d.doc_id, d.title,
       (SELECT substr(text, 1, {LEAD_CHARS}) FROM paragraphs p WHERE p.doc_id = d.doc_id AND p.is_title = 0 ORDER BY p.idx LIMIT 1) AS lead,
       d.published, e.type, e.date_start, {OUTLET_SQL} AS outlet, e.location,
       (SELECT group_concat(name, char(31)) FROM (
            SELECT DISTINCT o.name FROM event_facts ef JOIN fact_orgs fo USING (fact_id) JOIN orgs o USING (org_id)
            WHERE ef.event_id = e.event_id AND ef.role = 'org' ORDER BY o.name)) AS orgs,
       d.duplicate_of, x.story_id, x.doc_run = d.updated_run AS current,
       CASE WHEN e.rule = '{QUOTE_RULE}' THEN e.trigger END AS speaker
FROM documents d
JOIN events e ON e.doc_id = d.doc_id AND e.is_main = 1
LEFT JOIN story_documents x ON x.doc_id = d.doc_id
ORDER BY d.doc_id"""


def load_story_docs(conn: sqlite3.Connection) -> list[StoryDoc]:
    """Every document with a main event, with its story when it has one that is still current."""
    docs = []
    shared: dict[str, str] = {}  # one string per date, type, outlet and place (memory, at 100k documents)
    for (doc_id, title, lead, published, type_, event_date, outlet, location, orgs, duplicate_of,
         story_id, current, speaker) in conn.execute(_DOCS_SQL):
        published, type_, event_date, outlet, location = (
            None if v is None else shared.setdefault(v, v) for v in (published, type_, event_date, outlet, location))
        docs.append(StoryDoc(
            doc_id=doc_id, title=title or "", lead=lead or "", published=published, type=type_,
            event_date=event_date, outlet=outlet, location=location,
            orgs=tuple(orgs.split("\x1f")) if orgs else (), duplicate_of=duplicate_of,
            story=story_id if current else None, speaker=speaker))
    return docs


def story_type(types: list[str | None]) -> str | None:
    """The story's type: the commonest of its main events, a statement or `other` only when
    nothing else is there; ties go to the earliest document."""
    known = [t for t in types if t is not None]
    preferred = [t for t in known if t not in WILDCARD_TYPES] or known
    if not preferred:
        return None
    counts = Counter(preferred)
    top = max(counts.values())
    return next(t for t in preferred if counts[t] == top)


@dataclass(frozen=True, slots=True)
class StoriesUpdate:
    """What one update did."""

    documents: int  # documents with a main event
    stories: int  # stories in the database afterwards
    placed: int  # documents given a story in this update
    created: int  # new stories
    merged: int  # stories merged into older ones
    removed: int  # stories deleted (no documents left)

    def render(self) -> str:
        return (f"stories      {self.stories} ({self.created} new, {self.merged} merged, {self.removed} removed; "
                f"{self.placed} of {self.documents} documents placed)")


def update_stories(store: FactStore, options: PipelineOptions, run_id: int | None = None) -> StoriesUpdate:
    """Place the documents that have no current story; write only what changed."""
    docs = load_story_docs(store.conn)
    clustering = cluster_stories(docs, options)
    with store.transaction():
        return _write(store.conn, docs, clustering, run_id)


def _write(conn: sqlite3.Connection, docs: list[StoryDoc], clustering: Clustering,
           run_id: int | None) -> StoriesUpdate:
    by_id = {d.doc_id: d for d in docs}
    # documents that lost their main event leave their story
    conn.execute("DELETE FROM story_documents WHERE doc_id NOT IN "
                 "(SELECT doc_id FROM events WHERE is_main = 1)")
    for absorbed, into in sorted(clustering.merged.items()):
        conn.execute("UPDATE story_documents SET story_id = ? WHERE story_id = ?", (into, absorbed))
    new_story: dict[int, int] = {}
    placed = created = 0
    runs = dict(conn.execute("SELECT doc_id, updated_run FROM documents"))
    for m in clustering.members:
        if m.rule == "story.kept":
            continue
        story = m.story
        if story is None:
            story = new_story.get(m.group)
            if story is None:
                cur = conn.execute("INSERT INTO stories (created_run) VALUES (?)", (run_id,))
                story = new_story[m.group] = int(cur.lastrowid)
                created += 1
        conn.execute("INSERT INTO story_documents (story_id, doc_id, doc_run, rule, score) VALUES (?, ?, ?, ?, ?) "
                     "ON CONFLICT(doc_id) DO UPDATE SET story_id = excluded.story_id, doc_run = excluded.doc_run, "
                     "rule = excluded.rule, score = excluded.score",
                     (story, m.doc_id, runs.get(m.doc_id), m.rule, m.score))
        placed += 1
    removed = conn.execute("DELETE FROM stories WHERE story_id NOT IN (SELECT story_id FROM story_documents)").rowcount
    types: dict[int, list[str | None]] = defaultdict(list)
    for story_id, doc_id in conn.execute("SELECT story_id, doc_id FROM story_documents ORDER BY doc_id"):
        types[story_id].append(by_id[doc_id].type if doc_id in by_id else None)
    for story_id, stored in conn.execute("SELECT story_id, type FROM stories").fetchall():
        wanted = story_type(types.get(story_id, []))
        if wanted != stored:
            conn.execute("UPDATE stories SET type = ? WHERE story_id = ?", (wanted, story_id))
    stories = conn.execute("SELECT count(*) FROM stories").fetchone()[0]
    return StoriesUpdate(len(docs), stories, placed, created, len(clustering.merged), removed)


@dataclass(frozen=True, slots=True)
class StoryFilter:
    """What the ``stories`` command lists."""

    since: str | None = None  # last report on or after this ISO date
    until: str | None = None  # first report on or before this ISO date
    type: str | None = None
    min_documents: int = 1
    limit: int | None = None


def list_stories(conn: sqlite3.Connection, where: StoryFilter) -> tuple[list[str], list[tuple]]:
    """Rows of v_stories matching the filter, the largest and latest stories first."""
    clauses, params = ["documents >= ?"], [where.min_documents]
    if where.since:
        clauses.append("last_date >= ?")
        params.append(where.since)
    if where.until:
        clauses.append("first_date <= ?")
        params.append(where.until)
    if where.type:
        clauses.append("type = ?")
        params.append(where.type)
    sql = ("SELECT story_id, type, first_date, last_date, title, documents, outlets, orgs, places FROM v_stories "
           f"WHERE {' AND '.join(clauses)} ORDER BY documents DESC, last_date DESC, story_id")
    if where.limit is not None:
        sql += " LIMIT ?"
        params.append(where.limit)
    cursor = conn.execute(sql, params)
    return [c[0] for c in cursor.description], cursor.fetchall()
