"""The SQLite facts database: open/migrate, and the single writer of a run.

``FactStore`` owns every write. A run is ``begin_run`` → ``write_batch`` (one transaction per
batch, one savepoint per document) → ``finish_run``. The store alone decides whether a record is
unchanged (``input_unchanged``: same raw input and rules, skipped before cleaning; or, at write
time, the same clean text and metadata: nothing rewritten but the new raw hash) and whether a
document repeats another one (the same URL as an earlier record, or a near-duplicate article
found by MinHash). Both decisions query the database, not maps in memory: the known documents
by their indexed key, near-duplicates through the ``article_bands`` table of LSH band keys, so a
run's memory does not grow with the corpus. A record is identified by where it came from (``path#record``); a changed
one has its paragraphs, facts and events replaced, and documents whose file disappeared stay.
Fact rows are written through ``schema.FACT_KINDS``.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import sqlite_utils

from extractors.facts import Event, Fact
from pipeline.article_dedup import LshBands, earliest_copy
from pipeline.document import Document, Processed, RawRecord, StageError
from pipeline.options import PipelineOptions
from pipeline.errors import UserError
from pipeline.writer_lock import WriterLock
from pipeline.schema import FACT_KINDS, MIGRATIONS, SCHEMA_VERSION, VIEWS, sql_number, stored_sentence
from pipeline.search import search_tokens


def utc_now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class SchemaTooNew(UserError):
    """The database was written by a newer newsfacts than this one (one line, exit code 2)."""


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
    migrate(db)
    conn.execute("PRAGMA foreign_keys = ON")
    return db


def migrate(db: sqlite_utils.Database) -> int:
    """Apply the migrations this database lacks; sync the fact kinds; (re)create views and the full-text index.

    Foreign keys are off while migrating (a migration may rebuild a table others refer to, as
    migration 3 rebuilds ``facts``); a migration keeps its references whole itself.
    """
    conn = db.conn
    # the search index's triggers call it: every connection that writes paragraphs has it (schema 5)
    conn.create_function("search_tokens", 1, search_tokens, deterministic=True)
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise SchemaTooNew(f"database schema version {version} is newer than this newsfacts ({SCHEMA_VERSION})")
    conn.execute("PRAGMA foreign_keys = OFF")
    if version < SCHEMA_VERSION:
        conn.execute("BEGIN")
        for name, _sql in VIEWS:  # our views may name a table a migration rebuilds; re-created below
            conn.execute(f"DROP VIEW IF EXISTS {name}")
        conn.execute("COMMIT")
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
    _sync_fact_kinds(conn)
    for name, sql in VIEWS:
        conn.execute(f"DROP VIEW IF EXISTS {name}")
        conn.execute(f"CREATE VIEW {name} AS {sql}")
    conn.execute("COMMIT")
    return SCHEMA_VERSION


def _sync_fact_kinds(conn: sqlite3.Connection) -> None:
    """Every kind of ``FACT_KINDS`` has its value table and its ``fact_kinds`` row (a new kind needs no migration)."""
    for kind in FACT_KINDS.values():
        for statement in kind.create_sql():
            conn.execute(statement)
        conn.execute("INSERT INTO fact_kinds (kind, value_table, view) VALUES (?, ?, ?) ON CONFLICT(kind) "
                     "DO UPDATE SET value_table = excluded.value_table, view = excluded.view",
                     (kind.kind, kind.table, kind.view))


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


@dataclass(frozen=True, slots=True)
class KnownDocument:
    doc_id: int
    raw_hash: str
    rules_version: str
    content_hash: str
    minhash: bytes | None = None


_ASK_INDEX = object()  # no near-duplicate decision given: the store's MinHash index decides


@dataclass(frozen=True, slots=True)
class Stored:
    """What ``write_batch`` did with one document."""

    outcome: str  # "new" | "updated" | "unchanged" | "duplicate" | "failed"
    doc_id: int | None = None
    error: StageError | None = None  # the store error, already recorded, when it failed


class FactStore:
    """The single writer of a run: documents, facts, events, errors."""

    def __init__(self, db: sqlite_utils.Database):
        self.db = db
        self.conn: sqlite3.Connection = db.conn
        self._org_ids: dict[str, int] = {}
        self._source_ids: dict[str, int] = {}
        self.run_id: int | None = None
        self.rules_version = ""
        self._bands: LshBands | None = None
        self._reader: sqlite3.Connection | None = None  # input_unchanged's own connection (the reading thread)
        self._lock: WriterLock | None = None

    @classmethod
    def open(cls, path: str | Path, *, wait: bool = True, say: Callable[[str], None] = lambda line: None) -> "FactStore":
        """The writer of the database at ``path``: waits for (or, ``wait=False``, refuses) another writer."""
        try:
            lock = WriterLock(Path(path), wait=wait, say=say)
        except OSError as exc:
            raise UserError(f"cannot write the database {path}: {exc.strerror or exc}") from None
        try:
            store = cls(open_database(path))
        except sqlite3.OperationalError as exc:
            lock.release()
            raise UserError(f"cannot write the database {path}: {exc}") from None
        except BaseException:
            lock.release()
            raise
        store._lock = lock
        return store

    def close(self) -> None:
        if self._reader is not None:
            self._reader.close()
        self.conn.close()
        if self._lock is not None:
            self._lock.release()

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
    def begin_run(self, paths: Iterable[str], rules_version: str, options: PipelineOptions | None = None) -> int:
        """Start a run: record it; fill the near-duplicate index when it lacks the stored signatures."""
        options = options or PipelineOptions()
        with self.transaction():
            cur = self.conn.execute(
                "INSERT INTO runs (started_at, paths, rules_version) VALUES (?, ?, ?)",
                (utc_now(), json.dumps([str(p) for p in paths], ensure_ascii=False), rules_version))
        self.run_id, self.rules_version = int(cur.lastrowid), rules_version
        self._bands = LshBands(options.minhash_threshold, options.minhash_perm)
        if not self._bands_complete():
            with self.transaction():
                self._rebuild_bands()
        return self.run_id

    def _bands_complete(self) -> bool:
        """Whether ``article_bands`` holds the bands of the last stored signature under the current
        parameters (it does not after the migration that created it, or when they changed)."""
        row = self.conn.execute("SELECT doc_id, minhash FROM documents WHERE minhash IS NOT NULL "
                                "ORDER BY doc_id DESC LIMIT 1").fetchone()
        keys = self._bands.keys(row[1]) if row else []
        return not keys or self.conn.execute("SELECT 1 FROM article_bands WHERE key = ? AND doc_id = ?",
                                             (keys[0], row[0])).fetchone() is not None

    def _rebuild_bands(self) -> None:
        """The band keys of every stored signature, streamed from ``documents`` (inside a transaction)."""
        self.conn.execute("DELETE FROM article_bands")
        rows = self.conn.execute("SELECT doc_id, minhash FROM documents WHERE minhash IS NOT NULL")
        while chunk := rows.fetchmany(5_000):
            self.conn.executemany("INSERT INTO article_bands (key, doc_id) VALUES (?, ?)",
                                  [(key, doc_id) for doc_id, blob in chunk for key in self._bands.keys(blob)])

    def finish_run(self, summary: dict[str, Any]) -> None:
        with self.transaction():
            self.conn.execute("UPDATE runs SET finished_at = ?, summary = ? WHERE run_id = ?",
                              (utc_now(), json.dumps(summary, ensure_ascii=False), self.run_id))

    # -- the unchanged decision ---------------------------------------------------------------
    def input_unchanged(self, raw: RawRecord) -> bool:
        """The record is stored from this very input with the current rules: nothing to redo.

        Asked by the reading thread while the writer may be writing, so it reads through its own
        connection: what is committed (a record written later in this run is decided by the writer).
        """
        if self._reader is None:
            path = self.conn.execute("PRAGMA database_list").fetchone()[2]
            self._reader = sqlite3.connect(f"file:{path}?mode=ro", uri=True) if path else self.conn
        row = self._reader.execute("SELECT raw_hash, rules_version FROM documents WHERE key = ?", (raw.key,)).fetchone()
        return row is not None and row[1] == self.rules_version and row[0] == raw.raw_hash

    def _known(self, key: str) -> KnownDocument | None:
        """The stored document of this key, as the writer's transaction sees it."""
        row = self.conn.execute("SELECT doc_id, raw_hash, rules_version, content_hash, minhash FROM documents "
                                "WHERE key = ?", (key,)).fetchone()
        return KnownDocument(*row) if row else None

    def _content_unchanged(self, doc: Document, known: KnownDocument | None) -> bool:
        return known is not None and known.content_hash == doc.content_hash and known.rules_version == self.rules_version

    def settle_canonical_copies(self) -> int:
        """Make the earliest published copy of every duplicate group its canonical document
        (``article_dedup.earliest_copy``); call inside ``transaction()``. Returns the groups changed."""
        groups: dict[int, list[tuple[int, str | None]]] = {}
        for canonical, canonical_published, copy, published in self.conn.execute(
                "SELECT c.doc_id, c.published, d.doc_id, d.published FROM documents d "
                "JOIN documents c ON c.doc_id = d.duplicate_of ORDER BY c.doc_id, d.doc_id"):
            groups.setdefault(canonical, [(canonical, canonical_published)]).append((copy, published))
        changed = 0
        for canonical, copies in groups.items():
            best = earliest_copy(copies)
            if best != canonical:
                self.make_canonical(best, instead_of=canonical)
                changed += 1
        return changed

    def make_canonical(self, doc_id: int, instead_of: int) -> None:
        """``doc_id`` becomes the canonical copy of its group: ``instead_of`` and its duplicates point to it."""
        self.conn.execute("UPDATE documents SET duplicate_of = ? WHERE duplicate_of = ? OR doc_id = ?",
                          (doc_id, instead_of, instead_of))
        self.conn.execute("UPDATE documents SET duplicate_of = NULL WHERE doc_id = ?", (doc_id,))

    # -- writes -------------------------------------------------------------------------------
    def write_batch(self, items: Sequence[Processed], errors: Sequence[StageError] = (),
                    near_duplicates: Sequence[int | None] | None = None) -> list[Stored]:
        """Store the errors and the documents of one batch in one transaction.

        A document that cannot be stored is rolled back alone (its own savepoint), recorded as a
        ``store`` error and reported in its ``Stored``; the others are kept. ``near_duplicates``
        (one doc_id or None per item) is a near-duplicate decision made elsewhere (the cluster's
        dedup stage); without it the store's MinHash index decides. A repeated URL is always
        decided here.
        """
        chosen = near_duplicates if near_duplicates is not None else [_ASK_INDEX] * len(items)
        with self.transaction():
            for error in errors:
                self.record_error(error)
            return [self._write_one(item, near) for item, near in zip(items, chosen)]

    def record_error(self, error: StageError) -> None:
        """One ``errors`` row (inside the caller's transaction)."""
        self.conn.execute(
            "INSERT INTO errors (run_id, source, record, stage, message, at) VALUES (?, ?, ?, ?, ?, ?)",
            (self.run_id, error.source, error.record, error.stage, error.message, utc_now()))

    def _write_one(self, item: Processed, near_duplicate: int | None | object) -> Stored:
        doc = item.doc
        prior = self._known(doc.key)
        if self._content_unchanged(doc, prior):
            if prior.raw_hash != doc.raw_hash:  # the same clean text from a changed raw page: remember the new hash
                self.conn.execute("UPDATE documents SET raw_hash = ? WHERE doc_id = ?", (doc.raw_hash, prior.doc_id))
            return Stored("unchanged", prior.doc_id)
        mh = self._bands.load(item.minhash)
        keys = self._bands.keys_of(mh) if mh is not None else []
        if near_duplicate is _ASK_INDEX:
            near_duplicate = self._near_duplicate(mh, keys, exclude=prior.doc_id if prior else None)
        duplicate_of = self._same_url_as(doc, prior) or near_duplicate
        self.conn.execute("SAVEPOINT doc")
        try:
            doc_id = self._replace_document(doc, item, prior, duplicate_of)
            self._replace_bands(doc_id, prior, keys)
        except Exception as exc:  # noqa: BLE001 - keep what is stored, report, go on
            self.conn.execute("ROLLBACK TO doc")
            self.conn.execute("RELEASE doc")
            self._org_ids.clear()  # ids handed out inside the savepoint are gone with it
            self._source_ids.clear()
            error = StageError(doc.source, doc.record, "store", f"{type(exc).__name__}: {exc}", key=doc.key)
            self.record_error(error)
            return Stored("failed", prior.doc_id if prior else None, error)
        self.conn.execute("RELEASE doc")
        return Stored("duplicate" if duplicate_of else ("updated" if prior else "new"), doc_id)

    def _near_duplicate(self, mh, keys: list[int], exclude: int | None) -> int | None:
        """The earliest canonical document sharing an LSH band with the signature and similar enough."""
        if not keys:
            return None
        marks = ",".join("?" * len(keys))
        candidates = self.conn.execute(
            f"SELECT DISTINCT b.doc_id, d.minhash FROM article_bands b JOIN documents d USING (doc_id) "
            f"WHERE b.key IN ({marks}) AND d.duplicate_of IS NULL ORDER BY b.doc_id", keys).fetchall()
        return self._bands.earliest_match(mh, [(doc_id, blob) for doc_id, blob in candidates if doc_id != exclude])

    def _replace_bands(self, doc_id: int, prior: KnownDocument | None, keys: list[int]) -> None:
        """The document's LSH band keys replace those of its previous signature."""
        if prior is not None and (old := self._bands.keys(prior.minhash)):
            self.conn.executemany("DELETE FROM article_bands WHERE key = ? AND doc_id = ?", [(k, doc_id) for k in old])
        self.conn.executemany("INSERT OR IGNORE INTO article_bands (key, doc_id) VALUES (?, ?)", [(k, doc_id) for k in keys])

    def _same_url_as(self, doc: Document, prior: KnownDocument | None) -> int | None:
        """The canonical document of the earliest record stored before this one with the same URL."""
        if not doc.url:
            return None
        row = self.conn.execute(
            "SELECT doc_id, duplicate_of FROM documents WHERE url = ? AND doc_id < ? ORDER BY doc_id LIMIT 1",
            (doc.url, prior.doc_id if prior else 2**62)).fetchone()
        return None if row is None else (row[1] or row[0])

    def _source_id(self, path: str, fmt: str | None) -> int:
        source_id = self._source_ids.get(path)
        if source_id is None:
            self.conn.execute(
                "INSERT INTO sources (path, format, first_run, last_run) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(path) DO UPDATE SET last_run = excluded.last_run",
                (path, fmt, self.run_id, self.run_id))
            source_id = self.conn.execute("SELECT source_id FROM sources WHERE path = ?", (path,)).fetchone()[0]
            self._source_ids[path] = source_id
        return source_id

    def _replace_document(self, doc: Document, item: Processed, prior: KnownDocument | None,
                          duplicate_of: int | None) -> int:
        """Insert the document, or update its row and replace everything derived from it."""
        row = {
            "key": doc.key, "source_id": self._source_id(doc.source, item.format), "record": doc.record,
            "record_id": doc.record_id, "url": doc.url, "title": doc.title,
            "published": doc.published, "site": doc.site, "source_name": doc.source_name,
            "authors": json.dumps(doc.authors, ensure_ascii=False) if doc.authors else None,
            "fetched_at": doc.fetched_at, "script": doc.script, "encoding": doc.encoding,
            "quality": doc.quality, "mojibake": doc.mojibake, "chars": len(doc.text),
            "raw_hash": doc.raw_hash or "", "content_hash": doc.content_hash, "rules_version": self.rules_version,
            "minhash": item.minhash, "duplicate_of": duplicate_of,
            "counters": json.dumps(doc.counters, ensure_ascii=False, sort_keys=True),
        }
        if prior is None:
            columns = ", ".join(row) + ", first_run, updated_run"
            marks = ", ".join("?" for _ in row) + ", ?, ?"
            cur = self.conn.execute(f"INSERT INTO documents ({columns}) VALUES ({marks})",
                                    (*row.values(), self.run_id, self.run_id))
            doc_id = int(cur.lastrowid)
        else:
            doc_id = prior.doc_id
            sets = ", ".join(f"{k} = ?" for k in row)
            self.conn.execute(f"UPDATE documents SET {sets}, updated_run = ? WHERE doc_id = ?",
                              (*row.values(), self.run_id, doc_id))
            for table in ("events", "facts", "paragraphs"):  # children cascade
                self.conn.execute(f"DELETE FROM {table} WHERE doc_id = ?", (doc_id,))
        self._insert_paragraphs(doc_id, doc)
        if doc.extraction is not None:
            fact_ids = self._insert_facts(doc_id, doc.extraction.facts, doc.text)
            self._insert_events(doc_id, doc.extraction.events, fact_ids, doc.text)
            self._record_problems(doc)
        return doc_id

    def replace_facts(self, doc_id: int, rule_prefix: str, facts: Sequence[Fact]) -> None:
        """Replace the document's facts whose rule starts with ``rule_prefix`` by ``facts`` (a corpus-level
        stage's own facts, such as the organisation registry's ``org.registry.*``); call inside
        ``transaction()``. Facts of other rules, and events, are left alone."""
        self.conn.execute("DELETE FROM facts WHERE doc_id = ? AND rule LIKE ? ESCAPE '\\'",
                          (doc_id, rule_prefix.replace("_", "\\_").replace("%", "\\%") + "%"))
        self._insert_facts(doc_id, facts)

    def relink_org_facts(self, fact_ids: Sequence[int], name: str, org_type: str) -> None:
        """Point these org facts at the organisation ``name`` (a corpus-level stage resolving a short name
        to its canonical one: the registry's 字节跳动 → 北京字节跳动科技有限公司); their surfaces become its
        aliases. Call inside ``transaction()``."""
        org_id = self._org_id(name, org_type)
        for fact_id in fact_ids:
            self.conn.execute("UPDATE fact_orgs SET org_id = ? WHERE fact_id = ?", (org_id, fact_id))
            self.conn.execute("INSERT OR IGNORE INTO org_aliases (org_id, alias) SELECT ?, text FROM facts "
                              "WHERE fact_id = ? AND text != ?", (org_id, fact_id, name))

    def _record_problems(self, doc: Document) -> None:
        """An extractor that failed on the document is an ``errors`` row (stage ``extract:<name>``), not a
        silently missing fact; written with the document, in its savepoint."""
        for error in doc.problem_errors():
            self.record_error(error)

    def _insert_paragraphs(self, doc_id: int, doc: Document) -> None:
        rows, offset = [], 0
        for idx, text in enumerate(doc.clean_paragraphs):
            rows.append((doc_id, idx, offset, int(idx == 0 and bool(doc.title)), text))
            offset += len(text) + 1
        self.conn.executemany("INSERT INTO paragraphs (doc_id, idx, start, is_title, text) VALUES (?, ?, ?, ?, ?)", rows)

    def _org_id(self, name: str, org_type: str) -> int:
        org_id = self._org_ids.get(name)
        if org_id is None:
            self.conn.execute("INSERT INTO orgs (name, type) VALUES (?, ?) ON CONFLICT(name) DO NOTHING", (name, org_type))
            org_id = self.conn.execute("SELECT org_id FROM orgs WHERE name = ?", (name,)).fetchone()[0]
            self._org_ids[name] = org_id
        return org_id

    def _clean_text(self, doc_id: int) -> str:
        return self.conn.execute("SELECT group_concat(text, char(10)) FROM (SELECT text FROM paragraphs "
                                 "WHERE doc_id = ? ORDER BY idx)", (doc_id,)).fetchone()[0] or ""

    def _insert_facts(self, doc_id: int, facts: Iterable[Fact], text: str | None = None) -> dict[tuple[str, int, int], int]:
        """One ``facts`` row per fact and one row in its kind's value table (``FACT_KINDS``); the sentence
        is stored as offsets into the clean ``text`` (read from the paragraphs when not given)."""
        ids: dict[tuple[str, int, int], int] = {}
        execute = self.conn.execute
        facts = list(facts)
        if text is None and facts:
            text = self._clean_text(doc_id)
        for fact in facts:
            kind = FACT_KINDS[fact.kind]
            cur = execute(
                "INSERT INTO facts (doc_id, kind, text, start, end, rule, sentence_start, sentence_end, sentence_text) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (doc_id, fact.kind, fact.text, fact.start, fact.end, fact.rule,
                 *stored_sentence(text, fact.sentence, fact.start)))
            fact_id = int(cur.lastrowid)
            ids[(fact.kind, fact.start, fact.end)] = fact_id
            org_id = None
            if kind.org is not None:
                name, org_type = kind.org(fact)
                org_id = self._org_id(name, org_type)
                if fact.text != name:
                    execute("INSERT OR IGNORE INTO org_aliases (org_id, alias) VALUES (?, ?)", (org_id, fact.text))
            execute(kind.insert_sql(), (fact_id, *kind.row(fact, org_id)))
        return ids

    def _insert_events(self, doc_id: int, events: Iterable[Event],
                       fact_ids: dict[tuple[str, int, int], int], text: str) -> None:
        org_facts = [(key, fid) for key, fid in fact_ids.items() if key[0] == "org"]
        for event in events:
            date = event.date_fact
            cur = self.conn.execute(
                "INSERT INTO events (doc_id, type, trigger, start, end, rule, sentence_start, sentence_end, "
                "sentence_text, date_start, date_end, location, participants, is_main) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (doc_id, event.type, event.trigger, event.start, event.end, event.rule,
                 *stored_sentence(text, event.sentence, event.start),
                 date.date_start if date else _split(event.date, 0), date.date_end if date else _split(event.date, -1),
                 event.location, sql_number(event.participants), int(event.main)))
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
