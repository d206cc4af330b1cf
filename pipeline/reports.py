"""The analyst's reports over the facts database: organisations, events, money, one org's timeline.

Each report is a function (connection, filters) → (columns, rows), read-only, over canonical
documents only (duplicates are left out, as in the views). The CLI prints them with
pipeline/output.py; docs/reports.md says how each number is counted.

Money is never summed across currencies. Totals count each amount once per document (a sum
repeated in the title and the body is one sum), take an amount at its stated figure (``min``;
``max`` for "under" amounts like 近900万元), and leave out amounts per unit (per day, month,
person, item): a monthly wage is not a sum of money that changed hands.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

from pipeline.filters import DocumentFilter, date_condition, document_condition, org_ids
from pipeline.schema import sentence_sql

Rows = tuple[list[str], list[tuple[Any, ...]]]


class UnknownOrg(LookupError):
    """No organisation has this canonical name or alias."""


def _split(value: str | None, sep: str = "\x1f") -> list[str]:
    return [v for v in value.split(sep) if v] if value else []


ORGS_COLUMNS = ["name", "type", "aliases", "mentions", "documents", "first_seen", "last_seen"]


def orgs_sql(filters: DocumentFilter = DocumentFilter(), *, org_type: str | None = None,
             limit: int | None = None, separator: str = "char(31)") -> tuple[str, list]:
    """The orgs report's SQL and parameters (the browser's canned query is this, unfiltered)."""
    where, params = document_condition("d", filters)
    if org_type:
        where += " AND o.type = ?"
        params.append(org_type)
    sql = f"""
        SELECT o.name, o.type,
               (SELECT group_concat(alias, {separator}) FROM
                   (SELECT alias FROM org_aliases a WHERE a.org_id = o.org_id ORDER BY alias)) AS aliases,
               count(*) AS mentions, count(DISTINCT f.doc_id) AS documents,
               min(d.published) AS first_seen, max(d.published) AS last_seen
        FROM orgs o JOIN fact_orgs x USING (org_id) JOIN facts f USING (fact_id) JOIN documents d USING (doc_id)
        WHERE {where}
        GROUP BY o.org_id ORDER BY mentions DESC, documents DESC, o.name
        {"LIMIT ?" if limit else ""}"""
    return sql, params + ([limit] if limit else [])


def orgs_report(conn: sqlite3.Connection, filters: DocumentFilter = DocumentFilter(), *,
                org_type: str | None = None, limit: int | None = None) -> Rows:
    """Organisations by mentions: canonical name, type, aliases, mentions, documents, first/last seen."""
    rows = conn.execute(*orgs_sql(filters, org_type=org_type, limit=limit)).fetchall()
    return ORGS_COLUMNS, [(n, t, _split(a), m, docs, first, last) for n, t, a, m, docs, first, last in rows]


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Which events the events report lists (on top of the document filter's dates and site)."""

    type: str | None = None
    org: str | None = None  # canonical name or alias of an organisation taking part
    place: str | None = None  # part of the event's location (or, without one, of its sentence)
    main_only: bool = False
    limit: int | None = None


EVENTS_COLUMNS = ["date", "date_from", "type", "trigger", "location", "orgs", "participants", "money", "main",
                  "title", "doc_id", "event_id"]


def events_sql(conn: sqlite3.Connection | None, filters: DocumentFilter = DocumentFilter(),
               events: EventFilter = EventFilter(), *, separator: str = "char(31)") -> tuple[str, list]:
    """The events report's SQL and parameters (``conn`` resolves an org name; None without one)."""
    where, params = document_condition("d", DocumentFilter(site=filters.site))
    dates, date_params = date_condition("coalesce(e.date_start, d.published)", filters.since, filters.until)
    where += " AND " + dates
    params += date_params
    if events.type:
        where += " AND e.type = ?"
        params.append(events.type)
    if events.place:
        where += f" AND (instr(e.location, ?) > 0 OR (e.location IS NULL AND instr({sentence_sql('e')}, ?) > 0))"
        params += [events.place, events.place]
    if events.main_only:
        where += " AND e.is_main = 1"
    if events.org is not None:
        ids = org_ids(conn, events.org)
        if not ids:
            raise UnknownOrg(events.org)
        marks = ",".join("?" for _ in ids)
        where += (f" AND e.event_id IN (SELECT ef.event_id FROM event_facts ef JOIN fact_orgs fo USING (fact_id) "
                  f"WHERE ef.role = 'org' AND fo.org_id IN ({marks}))")
        params += ids
    sql = f"""
        SELECT coalesce(e.date_start, d.published) AS date,
               CASE WHEN e.date_start IS NULL THEN 'published' ELSE 'event' END AS date_from,
               e.type, e.trigger, e.location,
               (SELECT group_concat(name, {separator}) FROM (
                    SELECT DISTINCT o.name FROM event_facts ef JOIN fact_orgs fo USING (fact_id)
                    JOIN orgs o USING (org_id) WHERE ef.event_id = e.event_id AND ef.role = 'org')) AS orgs,
               e.participants,
               (SELECT group_concat(f.text, {separator}) FROM event_facts ef JOIN facts f USING (fact_id)
                    WHERE ef.event_id = e.event_id AND ef.role = 'money') AS money,
               e.is_main, d.title, e.doc_id, e.event_id
        FROM events e JOIN documents d USING (doc_id)
        WHERE {where}
        ORDER BY date IS NULL, date, e.doc_id, e.start
        {"LIMIT ?" if events.limit else ""}"""
    return sql, params + ([events.limit] if events.limit else [])


def events_report(conn: sqlite3.Connection, filters: DocumentFilter = DocumentFilter(),
                  events: EventFilter = EventFilter()) -> Rows:
    """Events in date order (the event's date, else the document's), with organisations,
    participants and money. Dates filter the event's date, else the publication date."""
    rows = conn.execute(*events_sql(conn, filters, events)).fetchall()
    return EVENTS_COLUMNS, [(*r[:5], _split(r[5]), r[6], _split(r[7]), *r[8:]) for r in rows]


# One row per amount per document (an amount repeated in one document counts once), lump sums only.
_AMOUNTS = """
    WITH m AS (
        SELECT f.fact_id, f.doc_id, """ + sentence_sql("f") + """ AS sentence, x.amount_min, x.amount_max, x.currency, x.approx, d.published
        FROM facts f JOIN fact_money x USING (fact_id) JOIN documents d USING (doc_id)
        WHERE x.per IS NULL AND {where}),
    amounts AS (
        SELECT doc_id, amount_min, amount_max, currency, approx, min(published) AS published,
               coalesce(amount_min, amount_max) AS amount
        FROM m GROUP BY doc_id, amount_min, amount_max, currency, approx),
    -- an amount belongs to the organisations of the event that carries it and to those named in its sentence
    owners AS (
        SELECT m.doc_id, m.amount_min, m.amount_max, m.currency, m.approx, fo.org_id
        FROM m JOIN event_facts em ON em.fact_id = m.fact_id AND em.role = 'money'
               JOIN event_facts eo ON eo.event_id = em.event_id AND eo.role = 'org'
               JOIN fact_orgs fo ON fo.fact_id = eo.fact_id
        UNION
        SELECT m.doc_id, m.amount_min, m.amount_max, m.currency, m.approx, fo.org_id
        FROM m JOIN facts g ON g.doc_id = m.doc_id AND g.kind = 'org' AND """ + sentence_sql("g") + """ = m.sentence
               JOIN fact_orgs fo ON fo.fact_id = g.fact_id)
"""


def money_sql(filters: DocumentFilter = DocumentFilter(), *, by: str = "org",
              limit: int | None = None) -> tuple[str, list, list[str]]:
    """The money report's SQL, parameters and columns (``by``: "org" or "month")."""
    where, params = document_condition("d", filters)
    head = _AMOUNTS.format(where=where)
    if by == "org":
        sql = head + """
        SELECT coalesce(o.name, '(no organisation)') AS org, a.currency, count(*) AS amounts,
               count(DISTINCT a.doc_id) AS documents, sum(a.amount) AS total,
               sum(a.approx IS NOT NULL) AS approximate, min(a.published) AS first, max(a.published) AS last
        FROM amounts a LEFT JOIN owners w ON w.doc_id = a.doc_id AND w.amount_min IS a.amount_min
             AND w.amount_max IS a.amount_max AND w.currency = a.currency AND w.approx IS a.approx
             LEFT JOIN orgs o ON o.org_id = w.org_id
        GROUP BY o.org_id, a.currency ORDER BY a.currency, o.org_id IS NULL, total DESC, org"""
        columns = ["org", "currency", "amounts", "documents", "total", "approximate", "first", "last"]
    elif by == "month":
        sql = head + """
        SELECT substr(a.published, 1, 7) AS month, a.currency, count(*) AS amounts,
               count(DISTINCT a.doc_id) AS documents, sum(a.amount) AS total, sum(a.approx IS NOT NULL) AS approximate
        FROM amounts a GROUP BY month, a.currency ORDER BY month IS NULL, month, a.currency"""
        columns = ["month", "currency", "amounts", "documents", "total", "approximate"]
    else:
        raise ValueError(f"money totals by 'org' or 'month', not {by!r}")
    return sql + (" LIMIT ?" if limit else ""), params + ([limit] if limit else []), columns


def money_report(conn: sqlite3.Connection, filters: DocumentFilter = DocumentFilter(), *, by: str = "org",
                 limit: int | None = None) -> Rows:
    """Money totals per currency, by organisation (``by="org"``) or by month of publication."""
    sql, params, columns = money_sql(filters, by=by, limit=limit)
    return columns, [tuple(_whole(v) for v in r) for r in conn.execute(sql, params).fetchall()]


def _whole(value: Any) -> Any:
    return int(value) if isinstance(value, float) and value.is_integer() else value


TIMELINE_COLUMNS = ["date", "what", "text", "facts", "location", "sentence", "title", "doc_id"]
# the organisations called :org: its canonical name, else every org with that alias (as filters.org_ids)
ORG_IDS_BY_NAME = """SELECT org_id FROM orgs WHERE name = :org UNION
    SELECT org_id FROM org_aliases WHERE alias = :org AND NOT EXISTS (SELECT 1 FROM orgs WHERE name = :org)"""


def timeline_sql(org_ids_sql: str, filters: DocumentFilter = DocumentFilter(), *,
                 separator: str = "char(31)") -> tuple[str, list[list]]:
    """The timeline's SQL for the orgs ``org_ids_sql`` selects (``?`` marks or a subquery) and the
    parameters of its three filters (documents, documents, dates), in the order they occur."""
    docs, doc_params = document_condition("d", DocumentFilter(site=filters.site))
    dates, date_params = date_condition("date", filters.since, filters.until)
    sql = f"""
        WITH rows AS (
            SELECT coalesce(e.date_start, d.published) AS date, e.type AS what, e.trigger AS text,
                   (SELECT group_concat(f.text, {separator}) FROM event_facts ef JOIN facts f USING (fact_id)
                        WHERE ef.event_id = e.event_id AND ef.role IN ('money', 'count')) AS facts,
                   e.location, {sentence_sql('e')} AS sentence, d.title, d.doc_id, e.start
            FROM events e JOIN documents d USING (doc_id)
            WHERE {docs} AND e.event_id IN (SELECT ef.event_id FROM event_facts ef JOIN fact_orgs fo USING (fact_id)
                                            WHERE ef.role = 'org' AND fo.org_id IN ({org_ids_sql}))
            UNION ALL
            SELECT d.published, 'mention', f.text, NULL, NULL, {sentence_sql('f')}, d.title, d.doc_id, f.start
            FROM documents d JOIN facts f ON f.doc_id = d.doc_id
                 AND f.fact_id = (SELECT min(g.fact_id) FROM facts g JOIN fact_orgs go USING (fact_id)
                                  WHERE g.doc_id = d.doc_id AND go.org_id IN ({org_ids_sql}))
            WHERE {docs} AND NOT EXISTS (
                SELECT 1 FROM events e JOIN event_facts ef USING (event_id) JOIN fact_orgs fo USING (fact_id)
                WHERE e.doc_id = d.doc_id AND ef.role = 'org' AND fo.org_id IN ({org_ids_sql})))
        SELECT date, what, text, facts, location, sentence, title, doc_id FROM rows
        WHERE {dates} ORDER BY date IS NULL, date, doc_id, start"""
    return sql, [doc_params, doc_params, date_params]


def timeline_report(conn: sqlite3.Connection, org: str, filters: DocumentFilter = DocumentFilter()) -> Rows:
    """One organisation's events, and its other mentions, in date order (``org``: name or alias).

    Each event the organisation takes part in is a row with its counts and money; a document
    that names the organisation in no event gives one ``mention`` row (its first sentence naming it).
    """
    ids = org_ids(conn, org)
    if not ids:
        raise UnknownOrg(org)
    sql, (docs_1, docs_2, dates) = timeline_sql(",".join("?" for _ in ids), filters)
    rows = conn.execute(sql, [*docs_1, *ids, *ids, *docs_2, *ids, *dates]).fetchall()
    return TIMELINE_COLUMNS, [(*r[:3], _split(r[3]), *r[4:]) for r in rows]
