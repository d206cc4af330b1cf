"""pipeline.schema migrations: the one-character search index (no positions, no copy of the text; one row
per document since schema 8), sentences kept as offsets (schema 6), and the migration of databases written
before them."""

from __future__ import annotations

import shutil
import sqlite3

import pytest

from pipeline.article_dedup import Signer
from pipeline.document import Document, Processed
from pipeline.schema import FACT_KINDS, MIGRATIONS, SCHEMA_VERSION, stored_sentence
from pipeline.search import index_query
from pipeline.storage import FactStore, _statements, open_database

# every row of the fact and event views, as a reader sees them (sentences included)
VIEW_ROWS = {
    "v_dates": "SELECT doc_id, text, date_start, date_end, rule, start, end, sentence FROM v_dates",
    "v_money": "SELECT doc_id, text, amount_min, amount_max, currency, rule, start, end, sentence FROM v_money",
    "v_counts": "SELECT doc_id, text, count_min, count_max, unit, entity, rule, start, end, sentence FROM v_counts",
    "v_orgs": "SELECT doc_id, text, org_name, org_type, rule, start, end, sentence FROM v_orgs",
    "v_events": "SELECT doc_id, type, trigger, date_start, location, orgs, is_main, sentence, rule FROM v_events",
}


def index_rows(conn, term):
    """Paragraphs of the documents the index offers for ``term``, checked against their text as
    pipeline/search.py does."""
    return sorted(r[0] for r in conn.execute(
        "SELECT paragraph_id FROM paragraphs WHERE doc_id IN (SELECT rowid FROM documents_fts "
        "WHERE documents_fts MATCH ?) AND instr(text, ?)", (index_query(term), term)))


def instr_rows(conn, term):
    return sorted(r[0] for r in conn.execute("SELECT paragraph_id FROM paragraphs WHERE instr(text, ?)", (term,)))


def candidate_count(conn, term):
    return conn.execute("SELECT count(*) FROM documents_fts WHERE documents_fts MATCH ?", (index_query(term),)).fetchone()[0]


def instr_documents(conn, term):
    return conn.execute("SELECT count(DISTINCT doc_id) FROM paragraphs WHERE instr(text, ?)", (term,)).fetchone()[0]


def test_the_index_keeps_no_positions_no_text_and_no_triggers(corpus_db):
    conn = sqlite3.connect(corpus_db)
    sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'documents_fts'").fetchone()[0]
    assert "detail = none" in sql and "content = ''" in sql and "columnsize = 0" in sql
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    assert not {"documents_fts_content", "documents_fts_docsize", "paragraphs_fts"} & names
    assert conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'trigger'").fetchone()[0] == 0


@pytest.mark.parametrize("term", ["会", "工会", "竞赛", "技能竞赛", "夏送清凉", "零八一电子集团", "新台币", "2023年"])
def test_index_finds_the_same_paragraphs_as_a_scan(corpus_db, term):
    conn = sqlite3.connect(corpus_db)
    assert index_rows(conn, term) == instr_rows(conn, term) != []


@pytest.mark.parametrize("term", ["竞赛", "新台币", "技能竞赛", "夏送清凉"])
def test_the_index_narrows_short_and_long_terms(corpus_db, term):
    """Not a scan in disguise: the characters of the term pick fewer documents than there are."""
    conn = sqlite3.connect(corpus_db)
    assert instr_documents(conn, term) <= candidate_count(conn, term) < conn.execute("SELECT count(*) FROM documents").fetchone()[0]


def test_the_index_has_a_row_for_every_document_keyed_by_doc_id(corpus_db):
    """Each document is found by the characters of its last paragraph (the index has no other key)."""
    conn = sqlite3.connect(corpus_db)
    documents = conn.execute("SELECT doc_id, text FROM paragraphs p WHERE idx = (SELECT max(idx) FROM paragraphs q "
                             "WHERE q.doc_id = p.doc_id)").fetchall()
    assert len(documents) > 10
    for doc_id, text in documents:
        found = {r[0] for r in conn.execute("SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?",
                                            (index_query(text[-12:]),))}
        assert doc_id in found
    conn.execute("INSERT INTO documents_fts (documents_fts) VALUES ('integrity-check')")


def test_a_database_of_version_1_is_migrated(corpus_db, tmp_path):
    """A database written before the search migration (index by sqlite-utils, full detail) is rebuilt."""
    db = tmp_path / "old.db"
    shutil.copy(corpus_db, db)
    conn = sqlite3.connect(db)
    conn.executescript("""DROP TABLE documents_fts;
        CREATE VIRTUAL TABLE paragraphs_fts USING FTS5 (text, tokenize='trigram', content=paragraphs);
        INSERT INTO paragraphs_fts (paragraphs_fts) VALUES ('rebuild');
        DROP INDEX documents_url; ALTER TABLE documents DROP COLUMN record_id; DROP TABLE fact_kinds;
        DROP INDEX org_aliases_learned; ALTER TABLE org_aliases DROP COLUMN learned;
        ALTER TABLE facts ADD COLUMN sentence TEXT; ALTER TABLE facts ADD COLUMN value TEXT NOT NULL DEFAULT '{}';
        DROP VIEW v_events; ALTER TABLE events ADD COLUMN sentence TEXT; ALTER TABLE events DROP COLUMN sentence_start;
        ALTER TABLE events DROP COLUMN sentence_end; ALTER TABLE events DROP COLUMN sentence_text;
        ALTER TABLE documents ADD COLUMN minhash BLOB;
        PRAGMA user_version = 1;""")  # and undo migrations 3 (fact-kind map, keys by source), 5 (learned aliases), 6 and 9 (size)
    conn.close()
    conn = open_database(db).conn
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert index_rows(conn, "技能竞赛") == instr_rows(conn, "技能竞赛") != []


def _older_copy(corpus_db, path, version, tables, value_tables=False, then=lambda old: None):
    """The corpus database as schema ``version`` wrote it: its migrations, then the columns of ``tables``
    (every table when empty) that both have (``value_tables``: the fact kinds' tables, which every open
    creates, first), then ``then(old)`` with the corpus database attached as ``new``."""
    old = sqlite3.connect(path)
    old.create_function("search_tokens", 1, lambda text: None if text is None else " ".join(text))  # the triggers'
    for name, sql in MIGRATIONS[:version]:
        for statement in _statements(sql):
            old.execute(statement)
    if value_tables:
        for kind in FACT_KINDS.values():
            for statement in kind.create_sql():
                old.execute(statement)
    old.execute(f"PRAGMA user_version = {version}")
    old.execute("ATTACH ? AS new", (str(corpus_db),))
    for table in tables or [r[0] for r in old.execute("SELECT name FROM main.sqlite_master WHERE type = 'table' "
                                                      "AND name NOT LIKE '%fts%' AND name NOT LIKE 'sqlite_%'")]:
        theirs = {r[1] for r in old.execute(f"PRAGMA new.table_info({table})")}
        columns = ", ".join(r[1] for r in old.execute(f"PRAGMA main.table_info({table})") if r[1] in theirs)
        old.execute(f"INSERT OR IGNORE INTO main.{table} ({columns}) SELECT {columns} FROM new.{table}")
    then(old)
    old.commit()
    old.execute("DETACH new")
    old.close()


def _schema_5_copy(corpus_db, path):
    """The corpus database as schema 5 wrote it: a trigram index over the paragraphs, each fact and event
    holding a copy of its sentence, each fact its JSON value."""
    _older_copy(corpus_db, path, 5, ("runs", "sources", "documents", "paragraphs", "orgs", "org_aliases", "fact_dates",
                                     "fact_money", "fact_counts", "fact_orgs", "event_facts", "stories",
                                     "story_documents", "errors"), then=_sentence_copies)


def _sentence_copies(old):
    old.execute("INSERT INTO main.facts (fact_id, doc_id, kind, text, start, end, rule, sentence, value) "
                "SELECT fact_id, doc_id, kind, text, start, end, rule, sentence, value FROM new.v_facts")
    events = [r[1] for r in old.execute("PRAGMA main.table_info(events)") if r[1] != "sentence"]
    old.execute(f"INSERT INTO main.events ({', '.join(events)}, sentence) SELECT {', '.join('e.' + c for c in events)}, "
                f"(SELECT sentence FROM new.v_events v WHERE v.event_id = e.event_id) FROM new.events e")


def test_a_schema_5_database_is_migrated_with_the_same_content_and_is_searchable(corpus_db, tmp_path):
    db = tmp_path / "schema5.db"
    _schema_5_copy(corpus_db, db)
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM facts WHERE sentence <> ''").fetchone()[0] > 100
    assert conn.execute("SELECT count(*) FROM paragraphs_fts WHERE text LIKE '%技能竞赛%'").fetchone()[0] > 0
    conn.close()
    migrated = open_database(db).conn
    current = sqlite3.connect(f"file:{corpus_db}?mode=ro", uri=True)
    for view, sql in VIEW_ROWS.items():
        rows = sorted(map(repr, migrated.execute(sql)))
        assert rows == sorted(map(repr, current.execute(sql))) and rows, view
    assert migrated.execute("SELECT count(*) FROM facts WHERE sentence_text IS NOT NULL AND sentence_text <> ''").fetchone()[0] == 0
    assert "sentence" not in {r[1] for r in migrated.execute("PRAGMA table_info(facts)")}
    for term in ("会", "工会", "技能竞赛"):
        assert index_rows(migrated, term) == instr_rows(migrated, term) != []


@pytest.mark.parametrize("text, sentence, at, stored", [
    pytest.param("标题\n第一句。第二句。", "第二句。", 7, (7, 11, None), id="a-stretch-of-a-paragraph"),
    pytest.param("好。好。", "好。", 2, (2, 4, None), id="the-copy-holding-the-offset"),
    pytest.param("标题\n正文", "标题\n正文", 0, (None, None, "标题\n正文"), id="across-paragraphs-kept-as-text"),
    pytest.param("正文", "", 0, (None, None, ""), id="no-sentence"),
    pytest.param("正文", "别处的句子", 0, (None, None, "别处的句子"), id="not-in-the-text"),
])
def test_stored_sentence(text, sentence, at, stored):
    assert stored_sentence(text, sentence, at) == stored


def test_statements_keep_trigger_bodies_whole():
    sql = """CREATE TABLE t (a);
    CREATE TRIGGER t_ai AFTER INSERT ON t BEGIN INSERT INTO t VALUES (1); INSERT INTO t VALUES (2); END;
    INSERT INTO t VALUES ('a;b');"""
    parts = [p.strip() for p in _statements(sql)]
    assert len(parts) == 3 and parts[1].endswith("END;") and parts[2] == "INSERT INTO t VALUES ('a;b');"


def _stored_signatures(old):
    """Schema 7 kept every document's signature (made from its body, as the worker made it)."""
    signer = Signer(128)
    for doc_id, in old.execute("SELECT doc_id FROM main.documents").fetchall():
        body = "\n".join(t for t, in old.execute("SELECT text FROM main.paragraphs WHERE doc_id = ? AND is_title = 0 "
                                                  "ORDER BY idx", (doc_id,)))
        old.execute("UPDATE main.documents SET minhash = ? WHERE doc_id = ?", (signer.sign(body), doc_id))


def test_a_schema_7_database_drops_its_signatures_keeps_its_bands_and_finds_reposts(corpus_db, tmp_path):
    db = tmp_path / "schema7.db"
    _older_copy(corpus_db, db, 7, (), value_tables=True, then=_stored_signatures)
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM documents WHERE minhash IS NOT NULL").fetchone()[0] > 10
    bands = conn.execute("SELECT key, doc_id FROM article_bands ORDER BY key, doc_id").fetchall()
    conn.close()
    current = sqlite3.connect(f"file:{corpus_db}?mode=ro", uri=True)
    views = {view: sorted(map(repr, current.execute(sql))) for view, sql in VIEW_ROWS.items()}
    store = FactStore.open(db)
    store.begin_run(["corpus"], "migrated")
    conn = store.conn
    assert "minhash" not in {r[1] for r in conn.execute("PRAGMA table_info(documents)")}
    assert conn.execute("SELECT key, doc_id FROM article_bands ORDER BY key, doc_id").fetchall() == bands != []
    assert {view: sorted(map(repr, conn.execute(VIEW_ROWS[view]))) for view in views} == views
    doc_id, title, body = conn.execute(
        "SELECT d.doc_id, d.title, group_concat(p.text, char(10)) FROM documents d JOIN paragraphs p USING (doc_id) "
        "WHERE p.is_title = 0 AND d.duplicate_of IS NULL GROUP BY d.doc_id ORDER BY sum(length(p.text)) DESC").fetchone()
    repost = Document(key="mirror/repost.jsonl#0", source="mirror/repost.jsonl", record=0, title=title,
                      published="2099-01-01", paragraphs=body.split("\n"), raw_hash="repost")
    (stored,) = store.write_batch([Processed(repost, "text", Signer(128).sign(body))])
    assert stored.outcome == "duplicate"
    assert conn.execute("SELECT duplicate_of FROM documents WHERE doc_id = ?", (stored.doc_id,)).fetchone()[0] == doc_id
    store.close()


def test_a_schema_7_database_gets_the_per_document_index_and_stays_searchable_after_updates(corpus_db, tmp_path):
    db = tmp_path / "schema7.db"
    _older_copy(corpus_db, db, 7, (), value_tables=True)  # main before schema 8: an index row per paragraph, triggers
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'trigger'").fetchone()[0] == 3
    conn.close()
    store = FactStore.open(db)
    conn = store.conn
    assert {"documents_fts"} <= {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    assert conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' OR name = 'paragraphs_fts'").fetchone()[0] == 0
    for term in ("会", "工会", "技能竞赛", "夏送清凉", "新台币"):
        assert index_rows(conn, term) == instr_rows(conn, term) != []
    # a changed document replaces its row: the new text is found, the old text is not
    key, doc_id = conn.execute("SELECT d.key, d.doc_id FROM documents d JOIN paragraphs p USING (doc_id) "
                               "WHERE instr(p.text, '夏送清凉') LIMIT 1").fetchone()
    source, record = key.rsplit("#", 1)
    changed = Document(key=key, source=source, record=int(record), title="高温慰问", published="2023-07-10",
                       paragraphs=["7月10日,市总工会为一线职工送去绿豆汤和藿香正气水。"], raw_hash="changed")
    store.begin_run(["corpus"], "migrated")
    (stored,) = store.write_batch([Processed(changed, "text", None)])
    assert (stored.outcome, stored.doc_id) == ("updated", doc_id)
    for term in ("夏送清凉", "藿香正气水", "绿豆汤", "工会"):
        assert index_rows(conn, term) == instr_rows(conn, term)
    assert index_rows(conn, "藿香正气水") != [] and index_rows(conn, "夏送清凉") == instr_rows(conn, "夏送清凉")
    conn.execute("INSERT INTO documents_fts (documents_fts) VALUES ('integrity-check')")
    store.close()
