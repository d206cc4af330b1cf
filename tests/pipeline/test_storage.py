"""The database: migrations, views, FTS on Chinese substrings, replace-on-change, unchanged pages."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from decimal import Decimal

import pytest

from extractors import DocumentContext, extract_in_context, money
from extractors.facts import CountFact, DateFact, Event, Extraction, MoneyFact, OrgFact
from extractors.protocol import Extractor
from extractors.registry import EXTRACTORS
from pipeline.article_dedup import signature
from pipeline.document import Document, Processed, RawRecord
from pipeline.schema import FACT_KINDS, MIGRATIONS, SCHEMA_VERSION
from pipeline.storage import FactStore, SchemaTooNew, open_database

TEXT_TITLE = "厦门市总工会举办技能竞赛"
TEXT_BODY = "6月22日,厦门市总工会在湖里区举办技能竞赛,60名选手参赛,奖金3000万元。"


def make_document(body: str = TEXT_BODY, key: str = "corpus/a.html#0") -> Document:
    source, record = key.rsplit("#", 1)
    doc = Document(key=key, source=source, record=int(record), url="https://example.cn/a.html", title=TEXT_TITLE,
                   published="2020-06-24", site="厦门工会网", paragraphs=[body], raw_hash="r1")
    text = doc.text
    base = len(TEXT_TITLE) + 1

    def span(s: str) -> tuple[int, int]:
        i = text.index(s, base)
        return i, i + len(s)

    date = DateFact("6月22日", *span("6月22日"), rule="date.md_inferred", iso="2020-06-22",
                    granularity="day", resolved="inferred_year")
    org = OrgFact("厦门市总工会", *span("厦门市总工会"), rule="org.suffix", name="厦门市总工会", type="union")
    count = CountFact("60名选手", *span("60名选手"), rule="count.classifier", min=Decimal(60), max=Decimal(60),
                      unit="名", entity="选手")
    money = MoneyFact("3000万元", *span("3000万元"), rule="money.cjk_multiplier", min=Decimal("3E7"),
                      max=Decimal("3E7"))
    event = Event(type="competition", trigger="技能竞赛", start=span("技能竞赛")[0], end=span("技能竞赛")[1],
                  rule="event.held", date="2020-06-22", date_fact=date, location="湖里区", orgs=("厦门市总工会",),
                  counts=(count,), money=(money,), main=True, participants=Decimal(60))
    doc.extraction = Extraction(facts=(date, org, count, money), events=(event,))
    return doc


@pytest.fixture
def store(tmp_path):
    s = FactStore.open(tmp_path / "facts.db")
    yield s
    s.close()


def store_doc(store: FactStore, doc: Document, minhash: bytes | None = None) -> tuple[str, int | None]:
    """Write one document the way the runner does (a run, a batch); (outcome, doc_id)."""
    if store.run_id is None:
        store.begin_run(["corpus"], "v1")
    (stored,) = store.write_batch([Processed(doc, "html", minhash)])
    return stored.outcome, stored.doc_id


def test_new_database_has_schema_version_wal_and_foreign_keys(store):
    conn = store.conn
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_the_pages_a_run_frees_go_back_to_the_disk_when_it_finishes(tmp_path):
    """A new file has incremental auto-vacuum: what a run frees (here forty long pages rewritten
    short: their paragraphs, facts and search rows) is not left in the file as free pages."""
    store = FactStore.open(tmp_path / "facts.db")
    try:
        store.begin_run(["corpus"], "v1")
        long_body = TEXT_BODY * 60
        store.write_batch([Processed(make_document(long_body, f"corpus/a.html#{i}"), "html", None) for i in range(40)])
        store.write_batch([Processed(make_document(key=f"corpus/a.html#{i}"), "html", None) for i in range(40)])
        conn = store.conn
        assert conn.execute("PRAGMA auto_vacuum").fetchone()[0] == 2  # incremental
        assert conn.execute("PRAGMA freelist_count").fetchone()[0] > 10
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        store.finish_run({})
        assert conn.execute("PRAGMA freelist_count").fetchone()[0] == 0
        assert conn.execute("PRAGMA page_count").fetchone()[0] < pages
    finally:
        store.close()


def test_a_file_made_without_auto_vacuum_keeps_working_and_keeps_its_free_pages(tmp_path):
    path = tmp_path / "old.db"
    sqlite3.connect(path).execute("CREATE TABLE t (x)").connection.close()  # auto_vacuum is fixed by the first table
    store = FactStore.open(path)
    try:
        assert store.conn.execute("PRAGMA auto_vacuum").fetchone()[0] == 0
        outcome, _ = store_doc(store, make_document())
        store.finish_run({})
        assert outcome == "new"
    finally:
        store.close()


def test_reopening_applies_no_migration_twice(tmp_path):
    open_database(tmp_path / "f.db").conn.close()
    db = open_database(tmp_path / "f.db")
    assert db.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_newer_schema_is_refused(tmp_path):
    conn = sqlite3.connect(tmp_path / "f.db")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(SchemaTooNew):
        open_database(tmp_path / "f.db")


@pytest.mark.parametrize("view, columns", [
    pytest.param("v_documents", {"doc_id", "source", "title", "published", "url", "site", "script", "duplicate_of", "text"}, id="v_documents"),
    pytest.param("v_dates", {"doc_id", "title", "published", "text", "date_start", "date_end", "granularity", "sentence"}, id="v_dates"),
    pytest.param("v_money", {"doc_id", "title", "published", "text", "amount_min", "amount_max", "currency", "approx", "sentence"}, id="v_money"),
    pytest.param("v_counts", {"doc_id", "title", "published", "text", "count_min", "count_max", "unit", "entity", "approx", "sentence"}, id="v_counts"),
    pytest.param("v_orgs", {"doc_id", "title", "published", "text", "org_id", "org_name", "org_type"}, id="v_orgs"),
    pytest.param("v_events", {"event_id", "doc_id", "title", "type", "trigger", "date_start", "date_end", "location", "orgs", "participants", "is_main"}, id="v_events"),
])
def test_views_have_the_contract_columns(store, view, columns):
    cursor = store.conn.execute(f"SELECT * FROM {view} LIMIT 0")
    assert columns <= {c[0] for c in cursor.description}


def test_document_facts_and_event_land_in_views(store):
    outcome, doc_id = store_doc(store, make_document())
    assert outcome == "new"
    conn = store.conn
    text = conn.execute("SELECT text FROM v_documents WHERE doc_id = ?", (doc_id,)).fetchone()[0]
    assert text == make_document().text
    for fact_text, start, end in conn.execute("SELECT text, start, end FROM facts"):
        assert text[start:end] == fact_text
    assert conn.execute("SELECT amount_min, currency FROM v_money").fetchone() == (30000000, "CNY")
    assert conn.execute("SELECT count_min, unit, entity FROM v_counts").fetchone() == (60, "名", "选手")
    assert conn.execute("SELECT date_start, granularity FROM v_dates").fetchone() == ("2020-06-22", "day")
    assert conn.execute("SELECT org_name, org_type FROM v_orgs").fetchone() == ("厦门市总工会", "union")
    row = conn.execute("SELECT type, date_start, location, orgs, participants, is_main FROM v_events").fetchone()
    assert row == ("competition", "2020-06-22", "湖里区", "厦门市总工会", 60, 1)
    roles = {r for (r,) in conn.execute("SELECT role FROM event_facts")}
    assert roles == {"date", "org", "count", "money"}


def test_fractional_money_is_stored_exactly(store):
    doc = make_document()
    money = next(f for f in doc.extraction.facts if f.kind == "money")
    exact = MoneyFact(money.text, money.start, money.end, money.rule, min=Decimal("601293.11"), max=Decimal("601293.11"))
    doc.extraction = Extraction(facts=(exact,))
    store_doc(store, doc)
    assert store.conn.execute("SELECT amount_min FROM fact_money").fetchone()[0] == pytest.approx(601293.11)


def test_a_count_past_the_64_bit_range_is_stored_not_an_error(store):
    """A real CCTV sentence: 180百亿亿次浮点运算 is 1.8e22, past SQLite's INTEGER (was an OverflowError row)."""
    body = "我国超级计算机实现每秒180百亿亿次浮点运算。"
    doc = Document(key="corpus/b.jsonl#0", source="corpus/b.jsonl", record=0, title="超算新纪录",
                   published="2022-06-01", paragraphs=[body], raw_hash="r2")
    doc.extraction = extract_in_context(doc.text, DocumentContext.make("2022-06-01"))
    huge = [f for f in doc.extraction.facts if f.kind == "count" and f.min > 2 ** 63]
    assert huge, "the extractor reads the count this test is about"
    outcome, doc_id = store_doc(store, doc)
    assert outcome == "new"
    (stored,) = store.conn.execute("SELECT count_min FROM v_counts WHERE doc_id = ? AND text = ?",
                                   (doc_id, huge[0].text)).fetchone()
    assert Decimal(str(stored)) == huge[0].min
    assert store.conn.execute("SELECT count(*) FROM errors").fetchone()[0] == 0


@pytest.mark.parametrize("term, found", [("总工会在湖里", [1]), ("工会", [0, 1]), ("赛", [0, 1]), ("奖", [1]),
                                         ("工会在湖外", [])])  # paragraph 0 is the title
def test_full_text_search_finds_chinese_substring(store, term, found):
    from pipeline.search import index_query
    store_doc(store, make_document())
    hits = store.conn.execute(
        "SELECT p.idx FROM paragraphs p WHERE p.doc_id IN (SELECT rowid FROM documents_fts "
        "WHERE documents_fts MATCH ?) AND instr(p.text, ?) ORDER BY p.idx", (index_query(term), term)).fetchall()
    assert [idx for idx, in hits] == found


def test_a_sentence_is_stored_as_offsets_and_read_back_whole(store):
    doc = make_document(body="6月22日,厦门市总工会在湖里区举办技能竞赛。60名选手参赛,奖金3000万元。")
    doc.extraction = extract_in_context(doc.text, DocumentContext.make(doc.published))
    store_doc(store, doc)
    rows = store.conn.execute("SELECT start, sentence_start, sentence_end, sentence_text FROM facts").fetchall()
    sentences = {(f.start, f.sentence) for f in doc.extraction.facts}
    quotes = {sentence for _, sentence in sentences}
    assert rows and all(text is None and doc.text[begin:end] in quotes for _, begin, end, text in rows)
    viewed = {(r[0], r[1]) for view in ("v_dates", "v_money", "v_counts", "v_orgs")
              for r in store.conn.execute(f"SELECT start, sentence FROM {view}")}
    assert viewed == sentences


def test_changed_page_replaces_its_facts(store):
    _, doc_id = store_doc(store, make_document())
    changed = make_document()
    changed.paragraphs = ["6月22日,厦门市总工会在湖里区举办技能竞赛,80名选手参赛。"]
    changed.extraction = Extraction(facts=tuple(f for f in changed.extraction.facts if f.kind == "date"))
    outcome, same_id = store_doc(store, changed)
    assert (outcome, same_id) == ("updated", doc_id)
    conn = store.conn
    assert conn.execute("SELECT count(*) FROM fact_money").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM events").fetchone()[0] == 0
    assert "80名选手" in conn.execute("SELECT text FROM v_documents").fetchone()[0]
    assert conn.execute("""SELECT count(*) FROM documents_fts WHERE documents_fts MATCH '"奖"'""").fetchone()[0] == 0
    assert conn.execute("""SELECT count(*) FROM documents_fts WHERE documents_fts MATCH '"8"'""").fetchone()[0] == 1


@pytest.mark.parametrize("table", ["fact_dates", "fact_money", "fact_counts", "fact_orgs", "event_facts"])
def test_a_changed_page_leaves_no_rows_of_its_old_facts_and_events(store, table):
    """The batch is written without foreign key checks (docs/storage.md): what their cascades removed
    when a changed document's facts and events are replaced is removed by the store itself."""
    _, doc_id = store_doc(store, make_document())
    assert store.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] > 0
    changed = make_document()
    changed.paragraphs = ["6月22日,厦门市总工会在湖里区举办技能竞赛,80名选手参赛。"]
    changed.extraction = Extraction()
    assert store_doc(store, changed) == ("updated", doc_id)
    conn = store.conn
    assert conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    with store.transaction():  # every other writer has them checked (and cascaded) again
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_unchanged_page_writes_nothing(store):
    store_doc(store, make_document())
    before = store.conn.execute("SELECT total_changes()").fetchone()[0]
    outcome, _ = store_doc(store, make_document())
    after = store.conn.execute("SELECT total_changes()").fetchone()[0]
    assert outcome == "unchanged"
    assert after - before == 0


def test_same_text_from_a_changed_raw_page_keeps_the_row_and_remembers_the_new_raw_hash(tmp_path):
    raw = RawRecord(source="corpus/a.html", record=0, content=b"<p>v2</p>", format="html")
    store = FactStore.open(tmp_path / "facts.db")
    store_doc(store, make_document(key=raw.key))
    store.close()
    store = FactStore.open(tmp_path / "facts.db")
    store.begin_run(["corpus"], "v1")
    assert not store.input_unchanged(raw)  # a new raw input: cleaned again
    again = make_document(key=raw.key)
    again.raw_hash = raw.raw_hash
    assert store_doc(store, again)[0] == "unchanged"
    assert store.conn.execute("SELECT raw_hash FROM documents").fetchone()[0] == raw.raw_hash
    assert store.input_unchanged(raw)  # the next run skips it before cleaning
    store.close()


@pytest.mark.parametrize("count", [pytest.param(3, id="one_query"), pytest.param(1203, id="more_keys_than_one_in_list")])
def test_unchanged_inputs_answers_each_record_of_a_group_in_order(tmp_path, count):
    """One lookup for a group of records: stored from this input with these rules (unchanged), stored
    from another input or under other rules (redo), never stored (new), each in its place."""
    raws = [RawRecord(source="feeds/a.jsonl", record=n, content=f"{TEXT_TITLE}\n{n}", format="text") for n in range(count)]
    store = FactStore.open(tmp_path / "facts.db")
    for n in (0, 1, count - 1):
        doc = make_document(key=raws[n].key)
        doc.raw_hash = raws[n].raw_hash if n != 1 else "an older input"
        store_doc(store, doc)
    store.close()
    store = FactStore.open(tmp_path / "facts.db")
    store.begin_run(["feeds"], "v1")
    expected = [n in (0, count - 1) for n in range(count)]
    assert store.unchanged_inputs(raws) == expected
    assert [store.input_unchanged(raw) for raw in raws] == expected
    store.begin_run(["feeds"], "v2")  # other rules: everything is redone
    assert store.unchanged_inputs(raws) == [False] * count
    store.close()


def test_org_alias_is_recorded_with_the_canonical_org(store):
    doc = make_document()
    org = next(f for f in doc.extraction.facts if f.kind == "org")
    alias = OrgFact(org.text, org.start, org.end, "org.abbreviation", name="厦门市总工会", type="union")
    short = doc.text.index("总工会")
    short_fact = OrgFact("总工会", short, short + 3, "org.abbreviation", name="厦门市总工会", type="union")
    doc.extraction = Extraction(facts=(alias, short_fact))
    store_doc(store, doc)
    assert store.conn.execute("SELECT o.name, a.alias FROM org_aliases a JOIN orgs o USING (org_id)").fetchall() == [
        ("厦门市总工会", "总工会")]


def test_duplicates_are_left_out_of_fact_views(store):
    body = "\n".join(make_document().paragraphs)
    _, first = store_doc(store, make_document(), minhash=signature(body, 128))
    mirror = make_document(key="mirror/a.html#0")
    mirror.url = "https://mirror.cn/a.html"
    outcome, _ = store_doc(store, mirror, minhash=signature(body, 128))
    assert outcome == "duplicate"
    conn = store.conn
    assert conn.execute("SELECT count(*) FROM v_documents").fetchone()[0] == 2
    assert conn.execute("SELECT count(*) FROM v_money").fetchone()[0] == 1
    assert conn.execute("SELECT count(*) FROM v_events").fetchone()[0] == 1


def _money_failing_on_yen(inp):
    """A money extractor that cannot read yen (a realistic bug on a real sentence)."""
    if "日元" in inp.text:
        raise ValueError("cannot read an amount in 日元")
    return money.EXTRACTOR.run(inp)


def test_an_extractor_failure_is_an_errors_row(store):
    failing = Extractor("money_strict", "money", money.EXTRACTOR.rules, _money_failing_on_yen)
    registry = tuple(failing if e.name == "money" else e for e in EXTRACTORS)
    doc = Document(key="corpus/yen.html#3", source="corpus/yen.html", record=3, title=TEXT_TITLE,
                   published="2020-06-24", paragraphs=[TEXT_BODY + "另有50万日元赞助。"], raw_hash="r1")
    doc.extraction = extract_in_context(doc.text, DocumentContext.make(doc.published), extractors=registry)
    outcome, doc_id = store_doc(store, doc)
    assert outcome == "new"
    rows = store.conn.execute("SELECT source, record, stage, message FROM errors").fetchall()
    assert [tuple(r) for r in rows] == [("corpus/yen.html", 3, "extract:money_strict",
                                         "ValueError: cannot read an amount in 日元")]
    kinds = {r[0] for r in store.conn.execute("SELECT kind FROM facts WHERE doc_id = ?", (doc_id,))}
    assert kinds == {"date", "count", "org"}  # the document is stored with what the others found


def test_a_document_without_problems_writes_no_errors_row(store):
    doc = make_document()
    doc.extraction = extract_in_context(doc.text, DocumentContext.make(doc.published))
    store_doc(store, doc)
    assert store.conn.execute("SELECT COUNT(*) FROM errors").fetchone()[0] == 0


def test_same_url_in_two_files_keeps_both_the_later_a_duplicate(store):
    first = make_document(key="feeds/monday.jsonl#3")
    later = make_document(key="feeds/tuesday.jsonl#0")
    later.paragraphs = ["6月22日,厦门市总工会在湖里区举办技能竞赛,80名选手参赛。"]  # the page changed meanwhile
    assert store_doc(store, first)[0] == "new"
    outcome, later_id = store_doc(store, later)
    assert outcome == "duplicate"
    rows = store.conn.execute("SELECT key, url, duplicate_of FROM documents ORDER BY doc_id").fetchall()
    assert rows == [("feeds/monday.jsonl#3", "https://example.cn/a.html", None),
                    ("feeds/tuesday.jsonl#0", "https://example.cn/a.html", 1)]
    assert "80名选手" in store.conn.execute("SELECT text FROM v_documents WHERE doc_id = ?", (later_id,)).fetchone()[0]
    assert store_doc(store, first)[0] == store_doc(store, later)[0] == "unchanged"


@pytest.mark.parametrize("kind", sorted(FACT_KINDS))
def test_every_fact_kind_has_its_table_view_and_row(store, kind):
    spec = FACT_KINDS[kind]
    conn = store.conn
    assert conn.execute("SELECT value_table, view FROM fact_kinds WHERE kind = ?", (kind,)).fetchone() == (spec.table, spec.view)
    columns = [c[1] for c in conn.execute(f"PRAGMA table_info({spec.table})")]
    assert columns == ["fact_id", *(name for name, _ in spec.columns)]
    store_doc(store, make_document())
    assert conn.execute(f"SELECT count(*) FROM {spec.view}").fetchone()[0] == 1


def test_a_kind_the_map_does_not_know_is_refused_by_the_database(store):
    store_doc(store, make_document())
    with pytest.raises(sqlite3.IntegrityError), store.transaction():  # a writer's transaction checks references
        store.conn.execute("INSERT INTO facts (doc_id, kind, text, start, end, rule) VALUES (1, 'weather', '晴', 0, 1, 'x')")


def test_a_document_that_cannot_be_stored_is_an_error_row_and_the_batch_goes_on(store):
    bad = make_document(key="corpus/b.html#0")
    date = next(f for f in bad.extraction.facts if f.kind == "date")
    # an organisation without a name: orgs.name is NOT NULL, so its insert fails inside the batch
    bad.extraction = Extraction(facts=(OrgFact("厦门市总工会", date.start, date.end, "org.suffix", name=None, type="union"),))
    store.begin_run(["corpus"], "v1")
    good = make_document()
    stored = store.write_batch([Processed(bad, "html", None), Processed(good, "html", None)])
    assert [s.outcome for s in stored] == ["failed", "new"]
    assert stored[0].error.stage == "store"
    conn = store.conn
    assert conn.execute("SELECT source, stage FROM errors").fetchall() == [("corpus/b.html", "store")]
    assert conn.execute("SELECT key FROM documents").fetchall() == [("corpus/a.html#0",)]


def test_a_document_rolled_back_leaves_nothing_in_the_search_index(store):
    """The failed document's index row goes with its savepoint: the next document, which takes its doc_id,
    is not found by the failed one's words."""
    bad = Document(key="corpus/b.html#0", source="corpus/b.html", record=0, title="厦门港吞吐量创新高",
                   published="2020-07-01", paragraphs=["7月1日,厦门港集装箱吞吐量创新高。"], raw_hash="r1")
    bad.extraction = Extraction(facts=(OrgFact("厦门港", bad.text.index("厦门港"), bad.text.index("厦门港") + 3,
                                               "org.suffix", name=None, type="port"),))
    store.begin_run(["corpus"], "v1")
    stored = store.write_batch([Processed(bad, "html", None), Processed(make_document(), "html", None)])
    assert [s.outcome for s in stored] == ["failed", "new"]
    from pipeline.search import SearchQuery, search
    assert [h.doc_id for h in search(store.conn, SearchQuery(("竞赛",)))] == [stored[1].doc_id]
    assert search(store.conn, SearchQuery(("集装箱",))) == []
    assert store.conn.execute("""SELECT count(*) FROM documents_fts WHERE documents_fts MATCH '"箱"'""").fetchone()[0] == 0


@pytest.mark.parametrize("versions", [
    pytest.param(("a", "b", "a"), id="changed-then-changed-back"),
    pytest.param(("a", "a", "b"), id="unchanged-then-changed"),
])
def test_search_follows_each_version_of_a_changed_input(store, versions):
    """Right after each write the current text is found and the replaced text is not (never a miss)."""
    from pipeline.search import SearchQuery, search
    bodies = {"a": "6月22日,厦门市总工会在湖里区举办技能竞赛。", "b": "7月1日,厦门港集装箱吞吐量创新高。"}
    words = {"a": "技能竞赛", "b": "集装箱"}
    for run, version in enumerate(versions):
        store.begin_run(["corpus"], f"v{run}")
        doc = Document(key="corpus/a.html#0", source="corpus/a.html", record=0, title="厦门快讯",
                       published="2020-07-01", paragraphs=[bodies[version]], raw_hash=version)
        (stored,) = store.write_batch([Processed(doc, "html", None)])
        for other, word in words.items():
            hits = [h.doc_id for h in search(store.conn, SearchQuery((word,)))]
            assert hits == ([stored.doc_id] if other == version else []), (run, version, word)
    store.conn.execute("INSERT INTO documents_fts (documents_fts) VALUES ('integrity-check')")


def test_schema_1_database_is_migrated_keys_by_source_and_facts_kept(tmp_path):
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    conn.executescript(MIGRATIONS[0][1] + "PRAGMA user_version = 1;")
    conn.executescript("""
        INSERT INTO runs VALUES (1, '2024-01-01', NULL, '[]', 'old', NULL);
        INSERT INTO sources VALUES (1, 'feeds/a.jsonl', 'html', 1, 1);
        INSERT INTO documents (doc_id, key, source_id, record, url, script, quality, chars, raw_hash, content_hash,
                               rules_version) VALUES
            (1, 'https://example.cn/a.html', 1, 0, 'https://example.cn/a.html', 'hans', 1, 4, 'r', 'c', 'old'),
            (2, 'feeds/a.jsonl#id-7', 1, 1, NULL, 'hans', 1, 4, 'r', 'c', 'old');
        INSERT INTO facts VALUES (1, 1, 'date', '6月', 0, 2, 'date.month', NULL, '{}');
        INSERT INTO fact_dates VALUES (1, '2020-06', '2020-06', '2020-06', 'month', 'inferred_year');
    """)
    conn.close()
    db = open_database(path)
    rows = db.conn.execute("SELECT doc_id, key, url FROM documents ORDER BY doc_id").fetchall()
    assert rows == [(1, "feeds/a.jsonl#0", "https://example.cn/a.html"), (2, "feeds/a.jsonl#1", None)]
    assert db.conn.execute("SELECT text, date_start FROM v_dates").fetchall() == [("6月", "2020-06")]
    assert db.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert "CHECK" not in db.conn.execute("SELECT sql FROM sqlite_master WHERE name = 'facts'").fetchone()[0]
    db.conn.close()


@pytest.mark.parametrize("make_db, message", [
    pytest.param(lambda tmp: Path("/proc/no-such-dir/facts.db"), "error: cannot write the database /proc/no-such-dir/facts.db",
                 id="unwritable-place"),
    pytest.param(lambda tmp: _newer_db(tmp), "error: database schema version 99 is newer than this newsfacts",
                 id="schema-too-new"),
])
def test_a_database_the_writer_cannot_use_is_one_line_and_exit_2(tmp_path, capsys, make_db, message):
    from pipeline.cli import main

    db = make_db(tmp_path)
    assert main(["ingest", str(tmp_path), "--db", str(db), "--quiet"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(message) and "\n" not in err


def _newer_db(tmp: Path) -> Path:
    db = tmp / "newer.db"
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    return db


# -- the near-duplicate index in SQLite (article_bands) ------------------------------------------
REPORT = ("3月18日上午,全市劳动和技能竞赛推进会在工业园召开。市总工会主席出席会议并讲话,会议全面总结了去年全市劳动和"
          "技能竞赛活动,安排部署了今年的竞赛工作,通报表扬了优胜单位40个、优秀组织单位15个,命名市级劳模和工匠人才"
          "创新工作室9个。与会人员还集中观摩了企业生产建设情况。")
REPOST = "本报讯 " + REPORT + "(记者 张三)"
OTHER_REPORT = ("近日,县总工会在政务服务中心工会驿站开展送温暖活动,为快递员、外卖配送员等120名新就业形态劳动者送去食品"
                "大礼包。活动现场,县总工会负责人与劳动者代表围坐在一起,倾听他们的心声和诉求。")


def article(key: str, body: str) -> Processed:
    source, record = key.rsplit("#", 1)
    doc = Document(key=key, source=source, record=int(record), title="劳动和技能竞赛推进会召开",
                   published="2021-03-19", paragraphs=[body], raw_hash=key)
    doc.extraction = Extraction()
    return Processed(doc, "text", signature(body, 128))


def outcomes(store: FactStore, *items: Processed) -> list[str]:
    return [s.outcome for s in store.write_batch(list(items))]


def test_a_repost_in_a_later_batch_and_a_later_run_is_found_through_the_stored_bands(tmp_path):
    store = FactStore.open(tmp_path / "facts.db")
    store.begin_run(["feeds"], "v1")
    assert outcomes(store, article("feeds/a.jsonl#0", REPORT), article("feeds/a.jsonl#1", OTHER_REPORT)) == ["new", "new"]
    assert outcomes(store, article("feeds/a.jsonl#2", REPOST)) == ["duplicate"]  # the next batch
    store.close()
    store = FactStore.open(tmp_path / "facts.db")  # the next run: nothing is held in memory between runs
    store.begin_run(["feeds"], "v1")
    assert outcomes(store, article("feeds/b.jsonl#0", REPOST), article("feeds/b.jsonl#1", OTHER_REPORT)) == [
        "duplicate", "duplicate"]
    rows = store.conn.execute("SELECT key, duplicate_of FROM documents WHERE duplicate_of IS NOT NULL ORDER BY doc_id")
    assert rows.fetchall() == [("feeds/a.jsonl#2", 1), ("feeds/b.jsonl#0", 1), ("feeds/b.jsonl#1", 2)]
    store.close()


def test_a_repost_within_one_batch_is_found(store):
    store.begin_run(["feeds"], "v1")
    assert outcomes(store, article("feeds/a.jsonl#0", REPORT), article("feeds/a.jsonl#1", REPOST)) == ["new", "duplicate"]


def test_an_article_rewritten_in_place_no_longer_matches_its_old_text(store):
    store.begin_run(["feeds"], "v1")
    assert outcomes(store, article("feeds/a.jsonl#0", REPORT)) == ["new"]
    assert outcomes(store, article("feeds/a.jsonl#0", OTHER_REPORT)) == ["updated"]  # its bands are replaced
    assert outcomes(store, article("feeds/b.jsonl#0", REPOST), article("feeds/b.jsonl#1", OTHER_REPORT)) == [
        "new", "duplicate"]


def test_the_band_index_is_filled_from_the_stored_texts_when_empty(tmp_path):
    """A database written before the index was on disk (or under other MinHash parameters) has no bands:
    the next run signs every stored body again and fills them (schema 9 keeps no signatures)."""
    store = FactStore.open(tmp_path / "facts.db")
    store.begin_run(["feeds"], "v1")
    outcomes(store, article("feeds/a.jsonl#0", REPORT), article("feeds/a.jsonl#1", OTHER_REPORT))
    bands = store.conn.execute("SELECT count(*) FROM article_bands").fetchone()[0]
    store.conn.execute("DELETE FROM article_bands")
    store.close()
    store = FactStore.open(tmp_path / "facts.db")
    store.begin_run(["feeds"], "v1")
    assert store.conn.execute("SELECT count(*) FROM article_bands").fetchone()[0] == bands > 0
    assert outcomes(store, article("feeds/b.jsonl#0", REPOST)) == ["duplicate"]
    store.close()


def test_the_database_keeps_no_signature_and_a_candidate_is_signed_again_from_its_body(store):
    """The decision needs the candidate's signature: made again from its stored paragraphs, it is the one
    the worker made (same body, same seeded signer), so the decision is the same."""
    store.begin_run(["feeds"], "v1")
    outcomes(store, article("feeds/a.jsonl#0", REPORT))
    assert "minhash" not in {r[1] for r in store.conn.execute("PRAGMA table_info(documents)")}
    assert outcomes(store, article("feeds/b.jsonl#0", REPOST), article("feeds/b.jsonl#1", OTHER_REPORT)) == [
        "duplicate", "new"]


def test_a_batch_with_a_changed_document_links_every_event_to_facts_of_its_own_document(store):
    """Rows of a batch go in table by table with ids given by the store: each document keeps its own."""
    store.begin_run(["corpus"], "v1")
    docs = [make_document(key=f"corpus/a.html#{i}") for i in range(3)]
    for i, doc in enumerate(docs):
        doc.url = f"https://example.cn/{i}.html"
    store.write_batch([Processed(doc, "html", None) for doc in docs])
    changed = make_document(key="corpus/a.html#1")
    changed.url = "https://example.cn/1.html"
    changed.paragraphs = ["厦门市总工会主席出席。6月22日,厦门市总工会在湖里区举办技能竞赛,80名选手参赛,奖金3000万元。"]
    changed.extraction = extract_in_context(changed.text, DocumentContext.make(changed.published))
    new = make_document(key="corpus/a.html#3")
    new.url = "https://example.cn/3.html"
    stored = store.write_batch([Processed(new, "html", None), Processed(changed, "html", None)])
    assert [s.outcome for s in stored] == ["new", "updated"]
    conn = store.conn
    assert conn.execute("SELECT count(*) FROM event_facts x JOIN events e USING (event_id) JOIN facts f USING (fact_id) "
                        "WHERE e.doc_id != f.doc_id").fetchone()[0] == 0
    assert conn.execute("SELECT count(DISTINCT e.doc_id) FROM events e JOIN event_facts USING (event_id)").fetchone()[0] == 4
    names = conn.execute("SELECT DISTINCT o.name FROM fact_orgs JOIN orgs o USING (org_id)").fetchall()
    assert names == [("厦门市总工会",)]
    for doc_id, text in conn.execute("SELECT doc_id, text FROM v_documents"):
        for fact_text, start, end in conn.execute("SELECT text, start, end FROM facts WHERE doc_id = ?", (doc_id,)):
            assert text[start:end] == fact_text
