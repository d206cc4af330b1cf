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

import contextlib
import json
import sqlite3
from itertools import groupby
from operator import itemgetter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import sqlite_utils

from extractors.facts import Fact
from pipeline.article_dedup import LshBands, Signer, earliest_copy
from pipeline.document import Processed, RawRecord, StageError
from pipeline.document_rows import DOCUMENT_COLUMNS, DocumentRows, FactRows, document_rows, fact_rows
from pipeline.options import PipelineOptions
from pipeline.errors import UserError
from pipeline.writer_lock import WriterLock
from pipeline.schema import FACT_KINDS, MIGRATIONS, SCHEMA_VERSION, VIEWS
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
    # explicit transactions only; the run's writer thread uses it (one thread at a time: runner.BackgroundWriter)
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    db = sqlite_utils.Database(conn)
    if conn.execute("PRAGMA page_count").fetchone()[0] == 0:
        # a new file (the setting must precede its first table): the pages a run frees (the full-text
        # index merging its segments, replaced facts) go back to the disk at ``finish_run``
        conn.execute("PRAGMA auto_vacuum = INCREMENTAL")
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
    # the migrations that (re)build the search index call it (schema 6 and 8)
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
        self._source_ids: dict[str, int] = {}
        self.run_id: int | None = None
        self.rules_version = ""
        self._bands: LshBands | None = None  # begin_run sets the run's own (~20 ms of numerical integration)
        self._signer: Signer | None = None
        self._reader: sqlite3.Connection | None = None  # input_unchanged's own connection (the reading thread)
        self._lock: WriterLock | None = None
        self._references_checked = True  # open_database turns foreign keys on

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
        except sqlite3.DatabaseError as exc:  # a file that is not SQLite (every writing command comes here)
            lock.release()
            raise UserError(f"{path} is not an SQLite database ({exc})") from None
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

    def transaction(self) -> contextlib.AbstractContextManager[None]:
        """One write transaction, foreign keys checked (and their cascades done): every writer but the
        batch's own (``write_batch``, see ``_transaction``)."""
        return self._transaction(check_references=True)

    @contextmanager
    def _transaction(self, check_references: bool) -> Iterator[None]:
        """``write_batch`` writes with foreign keys off: every reference of its rows is an id the store
        has just read or given, checking them cost 12-15 % of the write (docs/storage.md), and what they
        would cascade when a changed document's rows are replaced is deleted explicitly
        (``_DELETE_CHILDREN``). The pragma is set outside the transaction (SQLite ignores it inside one)
        and only when it changes (a change makes SQLite prepare every statement again)."""
        if check_references != self._references_checked:
            self.conn.execute(f"PRAGMA foreign_keys = {'ON' if check_references else 'OFF'}")
            self._references_checked = check_references
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
        self._minhash_parameters(options)
        if not self._bands_complete():
            with self.transaction():
                self._rebuild_bands()
        return self.run_id

    def _minhash_parameters(self, options: PipelineOptions) -> None:
        """The LSH bands and the signer of these options (kept while they stay the same)."""
        if self._bands is None or (self._bands.threshold, self._bands.num_perm) != (options.minhash_threshold,
                                                                                  options.minhash_perm):
            self._bands = LshBands(options.minhash_threshold, options.minhash_perm)
            self._signer = Signer(options.minhash_perm)

    def _bands_complete(self) -> bool:
        """Whether ``article_bands`` holds the bands of the last document with a signature under the
        current parameters (it does not after the migration that created it, or when they changed)."""
        documents = self.conn.execute("SELECT doc_id FROM documents ORDER BY doc_id DESC")
        try:
            for doc_id, in documents:
                if keys := self._bands.keys(self._signature(doc_id)):
                    return self.conn.execute("SELECT 1 FROM article_bands WHERE key = ? AND doc_id = ?",
                                             (keys[0], doc_id)).fetchone() is not None
            return True
        finally:
            documents.close()

    def _rebuild_bands(self) -> None:
        """The band keys of every document, signed again from its stored body (inside a transaction)."""
        self.conn.execute("DELETE FROM article_bands")
        rows: list[tuple[int, int]] = []
        for doc_id, body in self._bodies("ORDER BY doc_id, idx"):
            rows += [(key, doc_id) for key in self._bands.keys(self._signer.sign(body))]
            if len(rows) >= 5_000:
                self.conn.executemany("INSERT INTO article_bands (key, doc_id) VALUES (?, ?)", rows)
                rows = []
        self.conn.executemany("INSERT INTO article_bands (key, doc_id) VALUES (?, ?)", rows)

    def _bodies(self, order: str, doc_id: int | None = None) -> Iterator[tuple[int, str]]:
        """(doc_id, body) of the stored documents, or of one: the text their signature is made of, the
        paragraphs after the title joined as the worker joined them (``runner.process_record``)."""
        where = "is_title = 0" + (" AND doc_id = ?" if doc_id is not None else "")
        rows = self.conn.execute(f"SELECT doc_id, text FROM paragraphs WHERE {where} {order}",
                                 () if doc_id is None else (doc_id,))
        for number, group in groupby(rows, key=itemgetter(0)):
            yield number, "\n".join(text for _, text in group)

    def _signature(self, doc_id: int, pending: Sequence[tuple[int, DocumentRows]] = ()) -> bytes | None:
        """A stored document's MinHash signature, made again from its body: the database keeps none
        (schema 9; only the candidates a document's bands find, and a replaced document, need one). A
        document of the batch being written (``pending``) has no paragraphs yet: its rows carry it."""
        for pending_id, rows in reversed(pending):
            if pending_id == doc_id:
                return rows.minhash
        return next((self._signer.sign(body) for _, body in self._bodies("ORDER BY idx", doc_id)), None)

    def finish_run(self, summary: dict[str, Any]) -> None:
        with self.transaction():
            self.conn.execute("UPDATE runs SET finished_at = ?, summary = ? WHERE run_id = ?",
                              (utc_now(), json.dumps(summary, ensure_ascii=False), self.run_id))
        # every free page back to the disk (a no-op on files made before auto_vacuum was set); run as
        # a script, since a plain execute steps the pragma once and frees one page
        self.conn.executescript("PRAGMA incremental_vacuum")

    # -- the unchanged decision ---------------------------------------------------------------
    def input_unchanged(self, raw: RawRecord) -> bool:
        """The record is stored from this very input with the current rules: nothing to redo."""
        return self.unchanged_inputs([raw])[0]

    def unchanged_inputs(self, raws: Sequence[RawRecord]) -> list[bool]:
        """``input_unchanged`` of each record, in one query (one per record cost the reading thread more
        than its reading).

        Asked by the reading thread while the writer may be writing, so it reads through its own
        connection: what is committed (a record written later in this run is decided by the writer).
        """
        if self._reader is None:
            path = self.conn.execute("PRAGMA database_list").fetchone()[2]
            self._reader = sqlite3.connect(f"file:{path}?mode=ro", uri=True) if path else self.conn
        stored = {key: (raw_hash, version) for marks, keys in _in_lists([raw.key for raw in raws])
                  for key, raw_hash, version in self._reader.execute(
                      f"SELECT key, raw_hash, rules_version FROM documents WHERE key IN ({marks})", keys)}
        return [(known := stored.get(raw.key)) is not None and known[1] == self.rules_version and known[0] == raw.raw_hash
                for raw in raws]

    def _known(self, key: str) -> KnownDocument | None:
        """The stored document of this key, as the writer's transaction sees it."""
        row = self.conn.execute("SELECT doc_id, raw_hash, rules_version, content_hash FROM documents "
                                "WHERE key = ?", (key,)).fetchone()
        return KnownDocument(*row) if row else None

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
    def write_batch(self, items: Sequence[Processed | DocumentRows], errors: Sequence[StageError] = (),
                    near_duplicates: Sequence[int | None] | None = None) -> list[Stored]:
        """Store the errors and the documents of one batch in one transaction.

        Items are ``DocumentRows`` (the local runner's workers build them) or ``Processed``
        documents (turned into rows here). The documents are decided and their ``documents`` rows
        written one by one (a later one must see the earlier ones: same key, same URL, near
        duplicate); their paragraphs, facts and events go in afterwards, table by table, in one
        ``executemany`` each. When any of that fails the batch is redone one document per
        savepoint, so a document that cannot be stored is rolled back alone, recorded as a
        ``store`` error and reported in its ``Stored``; the others are kept. ``near_duplicates``
        (one doc_id or None per item) is a near-duplicate decision made elsewhere (the cluster's
        dedup stage); without it the store's MinHash index decides. A repeated URL is always
        decided here.
        """
        if self._bands is None:  # a batch outside a run (tests): the default parameters
            self._minhash_parameters(PipelineOptions())
        rows = [item if isinstance(item, DocumentRows) else document_rows(item, self._bands) for item in items]
        chosen = near_duplicates if near_duplicates is not None else [_ASK_INDEX] * len(rows)
        with self._transaction(check_references=False):
            for error in errors:
                self.record_error(error)
            self.conn.execute("SAVEPOINT batch")
            try:
                children: list[tuple[int, DocumentRows]] = []
                seen = self._present(rows)
                stored = [self._write_document(doc, near, children, seen) for doc, near in zip(rows, chosen)]
                self._insert_children(children)
            except Exception:  # noqa: BLE001 - find the document that fails: one savepoint each
                self.conn.execute("ROLLBACK TO batch")
                self.conn.execute("RELEASE batch")
                self._source_ids.clear()  # ids handed out inside the savepoint are gone with it
                return [self._write_alone(doc, near) for doc, near in zip(rows, chosen)]
            self.conn.execute("RELEASE batch")
            return stored

    def record_error(self, error: StageError) -> None:
        """One ``errors`` row (inside the caller's transaction)."""
        self.record_errors([error])

    def record_errors(self, errors: Iterable[StageError]) -> None:
        self.conn.executemany(
            "INSERT INTO errors (run_id, source, record, stage, message, at) VALUES (?, ?, ?, ?, ?, ?)",
            [(self.run_id, e.source, e.record, e.stage, e.message, utc_now()) for e in errors])

    def _write_alone(self, doc: DocumentRows, near_duplicate: int | None | object) -> Stored:
        """One document in its own savepoint: rolled back alone and reported when it fails."""
        self.conn.execute("SAVEPOINT doc")
        try:
            children: list[tuple[int, DocumentRows]] = []
            stored = self._write_document(doc, near_duplicate, children)
            self._insert_children(children)
        except Exception as exc:  # noqa: BLE001 - keep what is stored, report, go on
            self.conn.execute("ROLLBACK TO doc")
            self.conn.execute("RELEASE doc")
            self._source_ids.clear()
            error = StageError(doc.source, doc.record, "store", f"{type(exc).__name__}: {exc}", key=doc.key)
            self.record_error(error)
            prior = self._known(doc.key)
            return Stored("failed", prior.doc_id if prior else None, error)
        self.conn.execute("RELEASE doc")
        return stored

    def _present(self, rows: Sequence[DocumentRows]) -> "Present":
        """Which of the batch's keys, band keys and URLs the database holds: one query each."""
        def present(sql: str, values: list) -> set:
            return {v for marks, part in _in_lists(values) for v, in self.conn.execute(sql.format(marks), part)}
        return Present(present("SELECT key FROM documents WHERE key IN ({})", [doc.key for doc in rows]),
                       present("SELECT key FROM article_bands WHERE key IN ({})",
                               list({key for doc in rows for key in doc.bands})),
                       present("SELECT url FROM documents WHERE url IN ({})",
                               list({doc.url for doc in rows if doc.url})))

    def _write_document(self, doc: DocumentRows, near_duplicate: int | None | object,
                        children: list[tuple[int, DocumentRows]], seen: "Present | None" = None) -> Stored:
        """Decide the document and write its ``documents`` row and bands; its other rows go to ``children``.
        With ``seen``, a lookup that can find nothing (the key, bands or URL are nowhere) is not made."""
        prior = self._known(doc.key) if seen is None or doc.key in seen.keys else None
        if self._content_unchanged(doc, prior):
            if prior.raw_hash != doc.raw_hash:  # the same clean text from a changed raw page: remember the new hash
                self.conn.execute("UPDATE documents SET raw_hash = ? WHERE doc_id = ?", (doc.raw_hash, prior.doc_id))
            return Stored("unchanged", prior.doc_id)
        if near_duplicate is _ASK_INDEX:
            near_duplicate = None if seen is not None and seen.bands.isdisjoint(doc.bands) else \
                self._near_duplicate(doc, prior.doc_id if prior else None, children)
        same_url = None if seen is not None and doc.url not in seen.urls else self._same_url_as(doc, prior)
        duplicate_of = same_url or near_duplicate
        values = (*doc.document, self._source_id(doc.source, doc.format), self.rules_version, duplicate_of)
        if prior is None:
            cur = self.conn.execute(_INSERT_DOCUMENT, (*values, self.run_id, self.run_id))
            doc_id = int(cur.lastrowid)
        else:
            doc_id = prior.doc_id
            self.conn.execute(_UPDATE_DOCUMENT, (*values, self.run_id, doc_id))
            # before its paragraphs go: they give the index row's tokens and the old signature's bands
            self.conn.execute(_UNINDEX_DOCUMENT, (doc_id,))
            self.conn.executemany("DELETE FROM article_bands WHERE key = ? AND doc_id = ?",
                                  [(key, doc_id) for key in self._bands.keys(self._signature(doc_id, children))])
            for statement in _DELETE_CHILDREN:  # what the foreign keys would cascade, deleted explicitly
                self.conn.execute(statement, (doc_id,))
        self.conn.executemany("INSERT OR IGNORE INTO article_bands (key, doc_id) VALUES (?, ?)",
                              [(key, doc_id) for key in doc.bands])
        children.append((doc_id, doc))
        if seen is not None:
            seen.written(doc)
        return Stored("duplicate" if duplicate_of else ("updated" if prior else "new"), doc_id)

    def _content_unchanged(self, doc: DocumentRows, known: KnownDocument | None) -> bool:
        return known is not None and known.content_hash == doc.content_hash and known.rules_version == self.rules_version

    def _near_duplicate(self, doc: DocumentRows, exclude: int | None, pending: Sequence[tuple[int, DocumentRows]]
                        ) -> int | None:
        """The earliest canonical document sharing an LSH band with the document and similar enough."""
        if not doc.bands:
            return None
        marks = ",".join("?" * len(doc.bands))
        candidates = [doc_id for doc_id, in self.conn.execute(
            f"SELECT DISTINCT b.doc_id FROM article_bands b JOIN documents d USING (doc_id) "
            f"WHERE b.key IN ({marks}) AND d.duplicate_of IS NULL ORDER BY b.doc_id", doc.bands) if doc_id != exclude]
        mh = self._bands.load(doc.minhash) if candidates else None
        for doc_id in candidates:  # the earliest similar enough: signed again one by one, until one is
            if self._bands.earliest_match(mh, [(doc_id, self._signature(doc_id, pending))]) is not None:
                return doc_id
        return None

    def _same_url_as(self, doc: DocumentRows, prior: KnownDocument | None) -> int | None:
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

    def replace_facts(self, doc_id: int, rule_prefix: str, facts: Sequence[Fact]) -> None:
        """Replace the document's facts whose rule starts with ``rule_prefix`` by ``facts`` (a corpus-level
        stage's own facts, such as the organisation registry's ``org.registry.*``); call inside
        ``transaction()``. Facts of other rules, and events, are left alone."""
        self.conn.execute("DELETE FROM facts WHERE doc_id = ? AND rule LIKE ? ESCAPE '\\'",
                          (doc_id, rule_prefix.replace("_", "\\_").replace("%", "\\%") + "%"))
        if facts:
            self._insert_facts([(doc_id, fact_rows(facts, self._clean_text(doc_id)))])

    def relink_org_facts(self, fact_ids: Sequence[int], name: str, org_type: str) -> None:
        """Point these org facts at the organisation ``name`` (a corpus-level stage resolving a short name
        to its canonical one: the registry's 字节跳动 → 北京字节跳动科技有限公司); their surfaces become its
        aliases. Call inside ``transaction()``."""
        org_id = self._org_ids([(0, name, org_type, None)])[0]
        for fact_id in fact_ids:
            self.conn.execute("UPDATE fact_orgs SET org_id = ? WHERE fact_id = ?", (org_id, fact_id))
            self.conn.execute("INSERT OR IGNORE INTO org_aliases (org_id, alias) SELECT ?, text FROM facts "
                              "WHERE fact_id = ? AND text != ?", (org_id, fact_id, name))

    def _clean_text(self, doc_id: int) -> str:
        return self.conn.execute("SELECT group_concat(text, char(10)) FROM (SELECT text FROM paragraphs "
                                 "WHERE doc_id = ? ORDER BY idx)", (doc_id,)).fetchone()[0] or ""

    def _insert_children(self, children: list[tuple[int, DocumentRows]]) -> None:
        """Paragraphs, facts (``_insert_facts``), events and their links of the batch's documents:
        one ``executemany`` per table, with the ids given here."""
        execute, many = self.conn.execute, self.conn.executemany
        if not children:
            return
        paragraph_id = _next_id(execute, "paragraphs", "paragraph_id")
        event_id = _next_id(execute, "events", "event_id")
        first_facts = self._insert_facts([(doc_id, doc.facts) for doc_id, doc in children])
        paragraphs, events, links, problems = [], [], [], []
        for (doc_id, doc), fact_id in zip(children, first_facts):
            paragraphs += [(paragraph_id + i, doc_id, *p) for i, p in enumerate(doc.paragraphs)]
            events += [(event_id + i, doc_id, *e) for i, e in enumerate(doc.events)]
            links += [(event_id + e, fact_id + f, role) for e, f, role in doc.event_links]
            problems += doc.problems
            paragraph_id += len(doc.paragraphs)
            event_id += len(doc.events)
        many("INSERT INTO paragraphs (paragraph_id, doc_id, idx, start, is_title, text) VALUES (?, ?, ?, ?, ?, ?)",
             paragraphs)
        many("INSERT INTO documents_fts (rowid, text) VALUES (?, ?)",
             [(doc_id, doc.search_text) for doc_id, doc in children if doc.paragraphs])
        many("INSERT INTO events (event_id, doc_id, type, trigger, start, end, rule, sentence_start, sentence_end, "
             "sentence_text, date_start, date_end, location, participants, is_main) "
             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", events)
        many("INSERT INTO event_facts VALUES (?, ?, ?)", links)
        self.record_errors(problems)  # extractors that failed on a document: written with it

    def _insert_facts(self, documents: list[tuple[int, FactRows]]) -> list[int]:
        """The facts of documents with their value rows (``FACT_KINDS``) and organisations: one
        ``executemany`` per table; returns each document's first fact_id."""
        many = self.conn.executemany
        fact_id = _next_id(self.conn.execute, "facts", "fact_id")
        firsts, facts = [], []
        values: dict[str, list[tuple]] = {}
        orgs: list[tuple[int, str, str, str | None]] = []  # (fact_id, name, type, alias)
        for doc_id, rows in documents:
            firsts.append(fact_id)
            facts += [(fact_id + i, doc_id, *f) for i, f in enumerate(rows.facts)]
            for i, (row, fact) in enumerate(zip(rows.values, rows.facts)):
                values.setdefault(fact[0], []).append((fact_id + i, *row))
            orgs += [(fact_id + i, name, org_type, alias) for i, name, org_type, alias in rows.orgs]
            fact_id += len(rows.facts)
        many("INSERT INTO facts (fact_id, doc_id, kind, text, start, end, rule, sentence_start, sentence_end, "
             "sentence_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", facts)
        org_ids = self._org_ids(orgs)
        for kind, rows in values.items():
            spec = FACT_KINDS[kind]
            if spec.org is not None:  # the organisation's id goes in the org_id column
                at = 1 + [name for name, _ in spec.columns].index("org_id")
                rows = [(*row[:at], org_ids[row[0]], *row[at + 1:]) for row in rows]
            many(spec.insert_sql(), rows)
        many("INSERT OR IGNORE INTO org_aliases (org_id, alias) VALUES (?, ?)",
             [(org_ids[fid], alias) for fid, _name, _type, alias in orgs if alias is not None])
        return firsts

    def _org_ids(self, orgs: list[tuple[int, str, str, str | None]]) -> dict[int, int]:
        """fact_id → org_id of the organisations named, inserted in order (the first type seen stays)."""
        if not orgs:
            return {}
        first_types: dict[str, str] = {}  # the first type of each name: the one ON CONFLICT DO NOTHING keeps
        for _, name, org_type, _ in orgs:
            first_types.setdefault(name, org_type)
        self.conn.executemany("INSERT INTO orgs (name, type) VALUES (?, ?) ON CONFLICT(name) DO NOTHING",
                              first_types.items())
        names = list(first_types)
        ids: dict[str, int] = {}
        for start in range(0, len(names), 500):
            part = names[start:start + 500]
            ids.update(self.conn.execute(f"SELECT name, org_id FROM orgs WHERE name IN ({','.join('?' * len(part))})",
                                         part))
        return {fid: ids[name] for fid, name, _, _ in orgs}


@dataclass(frozen=True, slots=True)
class Present:
    """The keys, LSH band keys and URLs of a batch that the database holds, asked once before the batch
    (``FactStore._present``) and added to as its documents are written. A lookup for a document whose
    key, bands or URL are in none of them would find nothing: most documents of a run are new and
    unlike any stored one, and skip three queries each."""

    keys: set[str]
    bands: set[int]
    urls: set[str]

    def written(self, doc: DocumentRows) -> None:
        self.keys.add(doc.key)
        self.bands.update(doc.bands)
        if doc.url:
            self.urls.add(doc.url)


def _in_lists(values: Sequence) -> Iterator[tuple[str, Sequence]]:
    """``values`` in parts of at most 500 (SQLite limits the variables of a statement), each with the
    ``?,?,…`` of its ``IN (…)``."""
    for start in range(0, len(values), 500):
        part = values[start:start + 500]
        yield ",".join("?" * len(part)), part


def _next_id(execute: Callable, table: str, column: str) -> int:
    """The id SQLite would give the next row of ``table``."""
    return execute(f"SELECT coalesce(max({column}), 0) + 1 FROM {table}").fetchone()[0]


# The search index row of a document (search.search_tokens of its clean text), removed: FTS5 needs the
# tokens it was given, and the set of characters is the same however the paragraphs are joined.
_UNINDEX_DOCUMENT = ("INSERT INTO documents_fts (documents_fts, rowid, text) SELECT 'delete', doc_id, "
                     "search_tokens(group_concat(text, char(10))) FROM paragraphs WHERE doc_id = ? GROUP BY doc_id")
# A changed document's rows, children first: what deleting its events, facts and paragraphs cascades
# to with foreign keys on (event links, each kind's value rows), then those (``FactStore._transaction``).
_DELETE_CHILDREN = (
    "DELETE FROM event_facts WHERE event_id IN (SELECT event_id FROM events WHERE doc_id = ?)",
    "DELETE FROM event_facts WHERE fact_id IN (SELECT fact_id FROM facts WHERE doc_id = ?)",
    *(f"DELETE FROM {kind.table} WHERE fact_id IN (SELECT fact_id FROM facts WHERE doc_id = ?)"
      for kind in FACT_KINDS.values()),
    "DELETE FROM events WHERE doc_id = ?", "DELETE FROM facts WHERE doc_id = ?", "DELETE FROM paragraphs WHERE doc_id = ?")
_DOCUMENT_VALUES = (*DOCUMENT_COLUMNS, "source_id", "rules_version", "duplicate_of")
_INSERT_DOCUMENT = (f"INSERT INTO documents ({', '.join(_DOCUMENT_VALUES)}, first_run, updated_run) "
                    f"VALUES ({', '.join('?' * (len(_DOCUMENT_VALUES) + 2))})")
_UPDATE_DOCUMENT = (f"UPDATE documents SET {', '.join(f'{c} = ?' for c in _DOCUMENT_VALUES)}, updated_run = ? "
                    f"WHERE doc_id = ?")
