"""Document filters shared by search and the reports: publication dates, site, organisation.

Each function returns an SQL condition and its parameters; the caller joins them with AND.
Dates compare as text on their own precision, so ``--until 2020-06`` keeps every day of June.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from datetime import date

DATE_FORM = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


@dataclass(frozen=True, slots=True)
class DocumentFilter:
    """Which documents a read command looks at. Duplicates are always left out."""

    since: str | None = None  # published on or after: YYYY, YYYY-MM or YYYY-MM-DD
    until: str | None = None  # published on or before, inclusive at its own precision
    site: str | None = None  # the page's site name, or part of its URL


def check_date(text: str) -> str:
    """``text`` when it is YYYY, YYYY-MM or YYYY-MM-DD, else ValueError (a user mistake)."""
    full = {4: text + "-01-01", 7: text + "-01", 10: text}.get(len(text))
    try:
        if not DATE_FORM.fullmatch(text) or full is None:
            raise ValueError
        date.fromisoformat(full)
    except ValueError:
        raise ValueError(f"not a date: {text!r} (use YYYY, YYYY-MM or YYYY-MM-DD)") from None
    return text


def date_condition(column: str, since: str | None, until: str | None) -> tuple[str, list]:
    """``column`` (an ISO date or NULL) within [since, until]; TRUE without bounds."""
    clauses, params = [], []
    if since:
        clauses.append(f"{column} >= ?")
        params.append(since)
    if until:
        clauses.append(f"substr({column}, 1, ?) <= ?")
        params += [len(until), until]
    return (" AND ".join(clauses) or "1"), params


def document_condition(alias: str, filters: DocumentFilter) -> tuple[str, list]:
    """Canonical documents (``alias`` is the documents table) passing ``filters``."""
    clauses, params = [f"{alias}.duplicate_of IS NULL"], []
    dates, date_params = date_condition(f"{alias}.published", filters.since, filters.until)
    clauses.append(dates)
    params += date_params
    if filters.site:
        clauses.append(f"({alias}.site = ? OR instr({alias}.url, ?) > 0)")
        params += [filters.site, filters.site]
    return " AND ".join(clauses), params


def org_ids(conn: sqlite3.Connection, name: str) -> list[int]:
    """The organisations called ``name``: its canonical name, else every org with that alias."""
    exact = [r[0] for r in conn.execute("SELECT org_id FROM orgs WHERE name = ?", (name,))]
    if exact:
        return exact
    return [r[0] for r in conn.execute("SELECT DISTINCT org_id FROM org_aliases WHERE alias = ? ORDER BY org_id", (name,))]


def similar_org_names(conn: sqlite3.Connection, name: str, limit: int = 5) -> list[str]:
    """Canonical names containing ``name`` (or contained in it), for a 'did you mean' line."""
    rows = conn.execute("SELECT name FROM orgs WHERE instr(name, ?) > 0 OR instr(?, name) > 0 ORDER BY length(name) LIMIT ?",
                        (name, name, limit))
    return [r[0] for r in rows]


def org_condition(doc_column: str, ids: list[int]) -> tuple[str, list]:
    """Documents (``doc_column`` holds their id) that mention one of the organisations ``ids``."""
    marks = ",".join("?" for _ in ids) or "NULL"
    return (f"{doc_column} IN (SELECT f.doc_id FROM facts f JOIN fact_orgs x USING (fact_id) "
            f"WHERE x.org_id IN ({marks}))"), list(ids)
