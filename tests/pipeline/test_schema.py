"""pipeline.schema migrations: the paragraph search index (trigram, no positions, no copy of the text)."""

from __future__ import annotations

import shutil
import sqlite3

import pytest

from pipeline.schema import SCHEMA_VERSION
from pipeline.storage import _statements, open_database


def like_rows(conn, term):
    return sorted(r[0] for r in conn.execute("SELECT rowid FROM paragraphs_fts WHERE text LIKE ?", (f"%{term}%",)))


def instr_rows(conn, term):
    return sorted(r[0] for r in conn.execute("SELECT paragraph_id FROM paragraphs WHERE instr(text, ?)", (term,)))


def test_the_index_keeps_no_positions_and_no_text(corpus_db):
    conn = sqlite3.connect(corpus_db)
    sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'paragraphs_fts'").fetchone()[0]
    assert "detail = none" in sql and "content = 'paragraphs'" in sql
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert "paragraphs_fts_content" not in {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}


@pytest.mark.parametrize("term", ["技能竞赛", "夏送清凉", "零八一电子集团", "新台币"])
def test_index_finds_the_same_paragraphs_as_a_scan(corpus_db, term):
    conn = sqlite3.connect(corpus_db)
    assert like_rows(conn, term) == instr_rows(conn, term) != []


def test_triggers_keep_the_index_in_step(corpus_db, tmp_path):
    db = tmp_path / "copy.db"
    shutil.copy(corpus_db, db)
    conn = open_database(db).conn
    before = like_rows(conn, "夏送清凉")
    doc_id = conn.execute("SELECT doc_id FROM paragraphs WHERE paragraph_id = ?", (before[0],)).fetchone()[0]
    conn.execute("DELETE FROM paragraphs WHERE doc_id = ?", (doc_id,))
    assert like_rows(conn, "夏送清凉") == instr_rows(conn, "夏送清凉")
    conn.execute("UPDATE paragraphs SET text = text || '夏送清凉' WHERE paragraph_id = (SELECT min(paragraph_id) FROM paragraphs)")
    assert like_rows(conn, "夏送清凉") == instr_rows(conn, "夏送清凉") != []
    conn.execute("INSERT INTO paragraphs_fts (paragraphs_fts) VALUES ('integrity-check')")


def test_a_database_of_version_1_is_migrated(corpus_db, tmp_path):
    """A database written before the search migration (index by sqlite-utils, full detail) is rebuilt."""
    db = tmp_path / "old.db"
    shutil.copy(corpus_db, db)
    conn = sqlite3.connect(db)
    conn.executescript("""DROP TRIGGER paragraphs_ai; DROP TRIGGER paragraphs_ad; DROP TRIGGER paragraphs_au;
        DROP TABLE paragraphs_fts;
        CREATE VIRTUAL TABLE paragraphs_fts USING FTS5 (text, tokenize='trigram', content=paragraphs);
        INSERT INTO paragraphs_fts (paragraphs_fts) VALUES ('rebuild');
        DROP INDEX documents_url; ALTER TABLE documents DROP COLUMN record_id; DROP TABLE fact_kinds;
        DROP INDEX org_aliases_learned; ALTER TABLE org_aliases DROP COLUMN learned;
        PRAGMA user_version = 1;""")  # and undo migrations 3 (the fact-kind map, documents keyed by source), 4 (learned aliases)
    conn.close()
    conn = open_database(db).conn
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert like_rows(conn, "技能竞赛") == instr_rows(conn, "技能竞赛") != []


def test_statements_keep_trigger_bodies_whole():
    sql = """CREATE TABLE t (a);
    CREATE TRIGGER t_ai AFTER INSERT ON t BEGIN INSERT INTO t VALUES (1); INSERT INTO t VALUES (2); END;
    INSERT INTO t VALUES ('a;b');"""
    parts = [p.strip() for p in _statements(sql)]
    assert len(parts) == 3 and parts[1].endswith("END;") and parts[2] == "INSERT INTO t VALUES ('a;b');"
