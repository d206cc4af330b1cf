"""The SQLite facts database: open/migrate, and store documents with their facts and events.

One ``FactStore`` is the single writer of a run. A document is identified by its key
(URL, else ``path#record``); storing a document whose raw input and rules are
unchanged writes nothing, a changed one has its paragraphs, facts and events
replaced in one transaction, and documents whose file disappeared stay.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any

import sqlite_utils

from extractors.facts import CountFact, DateFact, Event, Fact, MoneyFact, OrgFact
from pipeline.document import Document, StageError
from pipeline.schema import MIGRATIONS, SCHEMA_VERSION, VIEWS


def utc_now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class SchemaTooNew(RuntimeError):
    """The database was written by a newer newsfacts than this one."""


def open_database(path: str | Path, *, read_only: bool = False) -> sqlite_utils.Database:
    """Open (creating and migrating when writable) the facts database."""
    path = Path(path)
    if read_only:
        if not path.exists():
            raise FileNotFoundError(f"no database at {path} (run `newsfacts ingest` first)")
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        return sqlite_utils.Database(conn)
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, isolation_level=None)  # explicit transactions only
    db = sqlite_utils.Database(conn)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("PRAGMA foreign_keys = ON")
    migrate(db)
    return db


def migrate(db: sqlite_utils.Database) -> int:
    """Apply the migrations this database lacks; (re)create views and the full-text index."""
    conn = db.conn
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise SchemaTooNew(f"database schema version {version} is newer than this newsfacts ({SCHEMA_VERSION})")
    for number, (_name, sql) in enumerate(MIGRATIONS[version:], start=version + 1):
        conn.execute("BEGIN")
        try:
            for statement in _statements(sql):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {number}")
            conn.execute("COMMIT")
        except Exception:
            conn.execute("ROLLBACK")
            raise
    conn.execute("BEGIN")
    for name, sql in VIEWS:
        conn.execute(f"DROP VIEW IF EXISTS {name}")
        conn.execute(f"CREATE VIEW {name} AS {sql}")
    conn.execute("COMMIT")
    return SCHEMA_VERSION


def _statements(sql: str) -> Iterator[str]:
    """The statements of a migration, one by one (a trigger's body keeps its inner semicolons)."""
    pending = ""
    for part in sql.split(";"):
        pending += part + ";"
        if sqlite3.complete_statement(pending):
            if pending.strip(" \n;"):
                yield pending
            pending = ""
    if pending.strip(" \n;"):
        yield pending


def _num(value: Decimal | None) -> int | str | None:
    """Decimals go in as exact text (NUMERIC affinity stores integral ones as integers)."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else str(value)


@dataclass(frozen=True, slots=True)
class KnownDocument:
    doc_id: int
    raw_hash: str
    rules_version: str
    content_hash: str


class FactStore:
    """The single writer of a run: documents, facts, events, errors."""

    def __init__(self, db: sqlite_utils.Database):
        self.db = db
        self.conn: sqlite3.Connection = db.conn
        self._org_ids: dict[str, int] = {}
        self._source_ids: dict[str, int] = {}

    @classmethod
    def open(cls, path: str | Path) -> "FactStore":
        return cls(open_database(path))

    def close(self) -> None:
        self.conn.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    # -- runs ---------------------------------------------------------------------------------
    def begin_run(self, paths: Iterable[str], rules_version: str) -> int:
        with self.transaction():
            cur = self.conn.execute(
                "INSERT INTO runs (started_at, paths, rules_version) VALUES (?, ?, ?)",
                (utc_now(), json.dumps([str(p) for p in paths], ensure_ascii=False), rules_version))
        return int(cur.lastrowid)

    def finish_run(self, run_id: int, summary: dict[str, Any]) -> None:
        with self.transaction():
            self.conn.execute("UPDATE runs SET finished_at = ?, summary = ? WHERE run_id = ?",
                              (utc_now(), json.dumps(summary, ensure_ascii=False), run_id))

    # -- reads the runner needs ---------------------------------------------------------------
    def known_documents(self) -> dict[str, KnownDocument]:
        rows = self.conn.execute("SELECT key, doc_id, raw_hash, rules_version, content_hash FROM documents")
        return {key: KnownDocument(doc_id, raw, rules, content) for key, doc_id, raw, rules, content in rows}

    def canonical_minhashes(self) -> Iterator[tuple[int, bytes]]:
        """Signatures of the documents that are not themselves duplicates (seed of the LSH index)."""
        yield from self.conn.execute(
            "SELECT doc_id, minhash FROM documents WHERE duplicate_of IS NULL AND minhash IS NOT NULL ORDER BY doc_id")

    def touch_source(self, path: str, fmt: str | None, run_id: int) -> int:
        source_id = self._source_ids.get(path)
        if source_id is None:
            self.conn.execute(
                "INSERT INTO sources (path, format, first_run, last_run) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(path) DO UPDATE SET last_run = excluded.last_run",
                (path, fmt, run_id, run_id))
            source_id = self.conn.execute("SELECT source_id FROM sources WHERE path = ?", (path,)).fetchone()[0]
            self._source_ids[path] = source_id
        return source_id

    # -- writes -------------------------------------------------------------------------------
    def record_error(self, error: StageError, run_id: int | None) -> None:
        self.conn.execute(
            "INSERT INTO errors (run_id, source, record, stage, message, at) VALUES (?, ?, ?, ?, ?, ?)",
            (run_id, error.source, error.record, error.stage, error.message, utc_now()))

    def store_document(self, doc: Document, *, run_id: int, rules_version: str, fmt: str | None = None,
                       duplicate_of: int | None = None, minhash: bytes | None = None,
                       known: KnownDocument | None = None) -> tuple[str, int]:
        """Insert or replace one document with everything derived from it.

        Call inside ``transaction()``. Returns ("new" | "updated" | "unchanged", doc_id).
        """
        if known is not None and known.content_hash == doc.content_hash and known.rules_version == rules_version:
            return "unchanged", known.doc_id
        source_id = self.touch_source(doc.source, fmt, run_id)
        row = {
            "key": doc.key, "source_id": source_id, "record": doc.record, "url": doc.url, "title": doc.title,
            "published": doc.published, "site": doc.site, "source_name": doc.source_name,
            "authors": json.dumps(doc.authors, ensure_ascii=False) if doc.authors else None,
            "fetched_at": doc.fetched_at, "script": doc.script, "encoding": doc.encoding,
            "quality": doc.quality, "mojibake": doc.mojibake, "chars": len(doc.text),
            "raw_hash": doc.raw_hash or "", "content_hash": doc.content_hash, "rules_version": rules_version,
            "minhash": minhash, "duplicate_of": duplicate_of,
            "counters": json.dumps(doc.counters, ensure_ascii=False, sort_keys=True),
        }
        if known is None:
            columns = ", ".join(row) + ", first_run, updated_run"
            marks = ", ".join("?" for _ in row) + ", ?, ?"
            cur = self.conn.execute(f"INSERT INTO documents ({columns}) VALUES ({marks})",
                                    (*row.values(), run_id, run_id))
            doc_id, outcome = int(cur.lastrowid), "new"
        else:
            doc_id, outcome = known.doc_id, "updated"
            sets = ", ".join(f"{k} = ?" for k in row)
            self.conn.execute(f"UPDATE documents SET {sets}, updated_run = ? WHERE doc_id = ?",
                              (*row.values(), run_id, doc_id))
            for table in ("events", "facts", "paragraphs"):  # children cascade
                self.conn.execute(f"DELETE FROM {table} WHERE doc_id = ?", (doc_id,))
        self._insert_paragraphs(doc_id, doc)
        if doc.extraction is not None:
            fact_ids = self._insert_facts(doc_id, doc.extraction.facts)
            self._insert_events(doc_id, doc.extraction.events, fact_ids)
        self._record_problems(doc, run_id)
        return outcome, doc_id

    def _record_problems(self, doc: Document, run_id: int) -> None:
        """An extractor that failed on the document is an ``errors`` row (stage ``extract:<name>``), not a
        silently missing fact."""
        for error in doc.problem_errors():
            self.record_error(error, run_id)

    def _insert_paragraphs(self, doc_id: int, doc: Document) -> None:
        rows, offset = [], 0
        for idx, text in enumerate(doc.clean_paragraphs):
            rows.append((doc_id, idx, offset, int(idx == 0 and bool(doc.title)), text))
            offset += len(text) + 1
        self.conn.executemany("INSERT INTO paragraphs (doc_id, idx, start, is_title, text) VALUES (?, ?, ?, ?, ?)", rows)

    def _org_id(self, fact: OrgFact) -> int:
        org_id = self._org_ids.get(fact.name)
        if org_id is None:
            self.conn.execute("INSERT INTO orgs (name, type) VALUES (?, ?) ON CONFLICT(name) DO NOTHING",
                              (fact.name, fact.type))
            org_id = self.conn.execute("SELECT org_id FROM orgs WHERE name = ?", (fact.name,)).fetchone()[0]
            self._org_ids[fact.name] = org_id
        return org_id

    def _insert_facts(self, doc_id: int, facts: Iterable[Fact]) -> dict[tuple[str, int, int], int]:
        ids: dict[tuple[str, int, int], int] = {}
        execute = self.conn.execute
        for fact in facts:
            cur = execute(
                "INSERT INTO facts (doc_id, kind, text, start, end, rule, sentence, value) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (doc_id, fact.kind, fact.text, fact.start, fact.end, fact.rule, fact.sentence,
                 json.dumps(fact.value, ensure_ascii=False)))
            fact_id = int(cur.lastrowid)
            ids[(fact.kind, fact.start, fact.end)] = fact_id
            if isinstance(fact, DateFact):
                execute("INSERT INTO fact_dates VALUES (?, ?, ?, ?, ?, ?)",
                        (fact_id, fact.iso, fact.date_start, fact.date_end, fact.granularity, fact.resolved))
            elif isinstance(fact, MoneyFact):
                execute("INSERT INTO fact_money VALUES (?, ?, ?, ?, ?, ?)",
                        (fact_id, _num(fact.min), _num(fact.max), fact.currency, fact.approx, fact.per))
            elif isinstance(fact, CountFact):
                execute("INSERT INTO fact_counts VALUES (?, ?, ?, ?, ?, ?)",
                        (fact_id, _num(fact.min), _num(fact.max), fact.unit, fact.entity, fact.approx))
            elif isinstance(fact, OrgFact):
                org_id = self._org_id(fact)
                execute("INSERT INTO fact_orgs VALUES (?, ?)", (fact_id, org_id))
                if fact.text != fact.name:
                    execute("INSERT OR IGNORE INTO org_aliases VALUES (?, ?)", (org_id, fact.text))
        return ids

    def _insert_events(self, doc_id: int, events: Iterable[Event],
                       fact_ids: dict[tuple[str, int, int], int]) -> None:
        org_facts = [(key, fid) for key, fid in fact_ids.items() if key[0] == "org"]
        for event in events:
            date = event.date_fact
            cur = self.conn.execute(
                "INSERT INTO events (doc_id, type, trigger, start, end, rule, sentence, date_start, date_end, "
                "location, participants, is_main) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (doc_id, event.type, event.trigger, event.start, event.end, event.rule, event.sentence,
                 date.date_start if date else _split(event.date, 0), date.date_end if date else _split(event.date, -1),
                 event.location, _num(event.participants), int(event.main)))
            event_id = int(cur.lastrowid)
            links: dict[int, str] = {}
            if date is not None and (fid := fact_ids.get(("date", date.start, date.end))):
                links[fid] = "date"
            for fact in (*event.counts, *event.money):
                if fid := fact_ids.get((fact.kind, fact.start, fact.end)):
                    links[fid] = fact.kind
            wanted = set(event.orgs)
            if wanted:
                # the org mentions nearest to the trigger whose canonical name the event names
                by_name: dict[str, tuple[int, int]] = {}
                names = self._org_names_by_fact(org_facts)
                for (_, start, _end), fid in org_facts:
                    name = names[fid]
                    if name in wanted:
                        distance = abs(start - event.start)
                        if name not in by_name or distance < by_name[name][0]:
                            by_name[name] = (distance, fid)
                for _, fid in by_name.values():
                    links[fid] = "org"
            self.conn.executemany("INSERT INTO event_facts VALUES (?, ?, ?)",
                                  [(event_id, fid, role) for fid, role in links.items()])

    def _org_names_by_fact(self, org_facts: list[tuple[tuple[str, int, int], int]]) -> dict[int, str]:
        ids = [fid for _, fid in org_facts]
        if not ids:
            return {}
        marks = ",".join("?" for _ in ids)
        rows = self.conn.execute(
            f"SELECT x.fact_id, o.name FROM fact_orgs x JOIN orgs o USING (org_id) WHERE x.fact_id IN ({marks})", ids)
        return dict(rows)


def _split(iso: str | None, index: int) -> str | None:
    return iso.split("/")[index] if iso else None
