"""The read side of the database: what ``stats``, ``query`` and ``export`` read.

The CLI holds no SQL; it calls these. They take a connection opened read-only
(``readonly.open_read_only``; ``export`` reads through ``pipeline/export.py``). The fact kinds, their views and the
export list come from ``schema.FACT_KINDS`` and ``schema.VIEWS``, so a new kind or view
shows up here without an edit.
"""

from __future__ import annotations

from typing import Any, Protocol

from pipeline.schema import FACT_KINDS, VIEWS

class Readable(Protocol):
    """A connection, or ``readonly.ReadOnlyDatabase`` (which refuses anything but reads)."""

    def execute(self, sql: str, params: tuple = ...) -> Any: ...


# The views `newsfacts export` offers: every view of the schema, in schema order.
EXPORT_VIEWS: tuple[str, ...] = tuple(name for name, _ in VIEWS)


CANONICAL = "doc_id IN (SELECT doc_id FROM documents WHERE duplicate_of IS NULL)"


def collect_stats(conn: Readable) -> dict[str, Any]:
    """Counts of what the database holds (the `stats` command's data); every known fact kind is listed, 0 included.
    Facts, rules and events are those of canonical documents, as in the views; ``with_duplicates``
    counts every document's."""
    one = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
    pairs = lambda sql: dict(conn.execute(sql).fetchall())  # noqa: E731
    return {
        "documents": one("SELECT count(*) FROM documents"),
        "duplicates": one("SELECT count(*) FROM documents WHERE duplicate_of IS NOT NULL"),
        "by_script": pairs("SELECT script, count(*) FROM documents GROUP BY script"),
        "paragraphs": one("SELECT count(*) FROM paragraphs"),
        "removed": pairs("SELECT j.key, sum(j.value) FROM documents, json_each(documents.counters) AS j "
                         "GROUP BY j.key ORDER BY sum(j.value) DESC"),
        # facts, rules and events of canonical documents: the numbers the views (v_*) show
        "facts": {kind: 0 for kind in FACT_KINDS} | pairs(f"SELECT kind, count(*) FROM facts WHERE {CANONICAL} GROUP BY kind"),
        "rules": pairs(f"SELECT rule, count(*) FROM facts WHERE {CANONICAL} GROUP BY rule ORDER BY count(*) DESC"),
        "orgs": one("SELECT count(*) FROM orgs"),
        "org_aliases": one("SELECT count(*) FROM org_aliases"),
        "events": pairs(f"SELECT type, count(*) FROM events WHERE {CANONICAL} GROUP BY type ORDER BY count(*) DESC"),
        "with_duplicates": {  # the same counted over every document, duplicates included (the tables)
            "facts": one("SELECT count(*) FROM facts"), "events": one("SELECT count(*) FROM events")},
        "errors": pairs("SELECT stage, count(*) FROM errors GROUP BY stage"),
        "runs": one("SELECT count(*) FROM runs"),
        "schema_version": one("PRAGMA user_version"),
    }


def run_query(conn: Readable, sql: str) -> tuple[list[str], list[tuple]]:
    """The column names and rows of one SQL statement (``ReadOnlyDatabase`` raises a ``UserError`` for a refused one)."""
    cursor = conn.execute(sql)
    return [c[0] for c in cursor.description or ()], cursor.fetchall()
