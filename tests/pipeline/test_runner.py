"""End to end: `newsfacts ingest corpus/` into a temporary database, then the views; idempotency;
incremental updates; bad input recorded and the run going on."""

from __future__ import annotations

import gzip
import json
import shutil
import sqlite3
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.options import PipelineOptions
from pipeline.runner import run_ingest
from tests.conftest import CORPUS, ROOT, shared_path

# Tables whose content must not change when the same corpus is ingested twice.
CONTENT_TABLES = ("sources", "documents", "paragraphs", "facts", "fact_dates", "fact_money", "fact_counts",
                  "fact_orgs", "orgs", "org_aliases", "events", "event_facts")


def dump(db_path: Path) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(db_path)
    try:
        out = {}
        for table in CONTENT_TABLES:
            rows = conn.execute(f"SELECT * FROM {table}").fetchall()
            cols = [c[0] for c in conn.execute(f"SELECT * FROM {table} LIMIT 0").description]
            drop = {i for i, c in enumerate(cols) if c in ("first_run", "last_run", "updated_run")}
            out[table] = sorted(tuple(v for i, v in enumerate(r) if i not in drop) for r in rows)
        return out
    finally:
        conn.close()


def options(db: Path, **kw) -> PipelineOptions:
    return replace(PipelineOptions(), db=db, quiet=True, **kw)


@pytest.fixture(scope="module")
def ingested(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("e2e") / "facts.db"
    assert main(["ingest", str(CORPUS), "--db", str(db), "--quiet", "--workers", "2"]) == 0
    return db


def query(db: Path, sql: str, *args) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, args).fetchall()
    finally:
        conn.close()


def test_every_corpus_file_is_ingested_without_error(ingested):
    assert query(ingested, "SELECT source, stage, message FROM errors") == []
    stored = {Path(p).name for (p,) in query(ingested, "SELECT path FROM sources")}
    on_disk = {p.name for p in CORPUS.rglob("*") if p.is_file() and p.name != "README.md"}
    assert on_disk <= stored


@pytest.mark.parametrize("view", ["v_documents", "v_dates", "v_money", "v_counts", "v_orgs", "v_events"])
def test_views_have_rows_after_ingest(ingested, view):
    assert query(ingested, f"SELECT count(*) FROM {view}")[0][0] > 0


def test_fact_offsets_point_into_the_clean_text(ingested):
    texts = dict(query(ingested, "SELECT doc_id, text FROM v_documents"))
    rows = query(ingested, "SELECT doc_id, text, start, end FROM facts")
    assert rows
    for doc_id, text, start, end in rows:
        assert texts[doc_id][start:end] == text


def test_seed_pages_keep_gold_sentences_and_drop_chrome(ingested):
    gold_path = shared_path("gold", "seeds.jsonl")
    texts = {Path(src.split("#")[0]).name: text
             for src, text in query(ingested, "SELECT source, text FROM v_documents")}
    norm = lambda s: "".join(s.split())  # noqa: E731
    for line in gold_path.read_text(encoding="utf-8").splitlines():
        gold = json.loads(line)
        text = norm(texts[gold["doc"]])
        for sentence in gold["must_keep"]:
            assert norm(sentence) in text, (gold["doc"], sentence)
        for chrome in gold.get("chrome_converted") or gold["chrome"]:
            assert norm(chrome) not in text, (gold["doc"], chrome)


def test_repeated_paragraph_is_stored_once(ingested):
    rows = query(ingested, "SELECT count(*) FROM paragraphs WHERE text LIKE '临夏市总工会主席王通华说%'")
    assert rows[0][0] == 1


@pytest.mark.parametrize("name", ["002_d88450911230a997.txt", "004_dee300e5f9f99aaa.txt"])
def test_traditional_pages_are_stored_simplified_without_glosses(ingested, name):
    (script, text, title), = query(ingested, "SELECT script, text, title FROM v_documents WHERE source LIKE ?",
                                   f"%{name}#%")
    assert script == "hant"
    assert "(jìn)" not in text and "(qiáng)" not in text
    assert "劳动" in text and "勞動" not in text
    assert title and "(" not in title


def test_second_run_adds_and_rewrites_nothing(tmp_path):
    db = tmp_path / "facts.db"
    first = run_ingest([CORPUS], options(db))
    before = dump(db)
    second = run_ingest([CORPUS], options(db))
    assert dump(db) == before
    assert second.documents["unchanged"] == sum(first.documents.values())
    assert second.documents["new"] == second.documents["updated"] == 0


def test_changed_page_is_updated_and_vanished_file_kept(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    page = corpus / "page.txt"
    other = corpus / "other.txt"
    page.write_text("市总工会召开推进会\n3月18日,市总工会召开推进会,180余人参加。\n", encoding="utf-8")
    other.write_text("县总工会开展送温暖活动\n1月8日,县总工会为120名快递员送去慰问品。\n", encoding="utf-8")
    db = tmp_path / "facts.db"
    run_ingest([corpus], options(db))
    page.write_text("市总工会召开推进会\n3月18日,市总工会召开推进会,260余人参加。\n", encoding="utf-8")
    other.unlink()
    summary = run_ingest([corpus], options(db))
    assert summary.documents["updated"] == 1
    counts = [t for (t,) in query(db, "SELECT text FROM v_counts")]
    assert any("260" in t for t in counts) and not any("180" in t for t in counts)
    assert any("120" in t for t in counts), "the document of the vanished file is kept"


def test_bad_inputs_become_errors_and_the_run_goes_on(tmp_path, capsys):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_text("区总工会举办技能竞赛\n6月2日,区总工会举办技能竞赛,60名选手参赛。\n", encoding="utf-8")
    (corpus / "broken.jsonl").write_text('{"url": "http://a.cn/1", "text": "好"}\n{not json\n', encoding="utf-8")
    (corpus / "bad.html.gz").write_bytes(b"this is not gzip")
    (corpus / "huge.txt").write_text("大" * 5000, encoding="utf-8")
    db = tmp_path / "facts.db"
    code = main(["ingest", str(corpus), "--db", str(db), "--max-bytes", "4000"])
    assert code == 0
    stages = query(db, "SELECT source, stage FROM errors ORDER BY source")
    sources = {Path(s).name for s, _ in stages}
    assert {"broken.jsonl", "bad.html.gz", "huge.txt"} <= sources
    assert query(db, "SELECT count(*) FROM v_counts WHERE text LIKE '60名%'")[0][0] == 1
    err = capsys.readouterr().err
    assert "bad.html.gz" in err and "huge.txt" in err
    assert main(["ingest", str(corpus), "--db", str(tmp_path / "strict.db"), "--max-bytes", "4000",
                 "--strict", "--quiet"]) == 1


def test_bad_paths_become_error_rows_and_strict_exits_1(tmp_path, capsys):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_text("区总工会举办技能竞赛\n6月2日,区总工会举办技能竞赛,60名选手参赛。\n", encoding="utf-8")
    (corpus / "a.html").symlink_to(corpus / "b.html")
    (corpus / "b.html").symlink_to(corpus / "a.html")
    missing = tmp_path / "not-there"
    for strict, code in ((False, 0), (True, 1)):
        db = tmp_path / f"strict-{strict}.db"
        assert main(["ingest", str(corpus), str(missing), "--db", str(db), "--workers", "1"]
                    + (["--strict"] if strict else [])) == code
        rows = query(db, "SELECT source, stage, message FROM errors ORDER BY source")
        assert [(Path(s).name, stage) for s, stage, _ in rows] == [("a.html", "read"), ("b.html", "read"),
                                                                   ("not-there", "read")]
        assert "symlink loop" in rows[0][2] and rows[2][2] == "no such file or directory"
        assert query(db, "SELECT count(*) FROM v_counts WHERE text LIKE '60名%'")[0][0] == 1
        err = capsys.readouterr().err
        assert err.count("error: ") == 3 and f"error: {missing} [read] no such file or directory" in err


def test_same_article_under_two_urls_is_a_duplicate(tmp_path):
    body = ("3月18日上午,全市劳动和技能竞赛推进会在工业园召开。市总工会主席出席会议并讲话,会议全面总结了去年全市"
            "劳动和技能竞赛活动,通报表扬了优胜单位40个、优秀组织单位15个,命名市级劳模和工匠人才创新工作室9个。")
    lines = [{"url": "http://a.cn/1.html", "text": "推进会召开\n" + body, "published": "2021-03-22"},
             {"url": "http://b.cn/2.html", "text": "推进会召开\n本报讯 " + body + "(记者 张三)", "published": "2021-03-22"}]
    src = tmp_path / "feed.jsonl.gz"
    with gzip.open(src, "wt", encoding="utf-8") as f:
        f.writelines(json.dumps(x, ensure_ascii=False) + "\n" for x in lines)
    db = tmp_path / "facts.db"
    summary = run_ingest([src], options(db))
    assert summary.documents["duplicate"] == 1
    rows = query(db, "SELECT url, duplicate_of FROM v_documents ORDER BY doc_id")
    assert rows[0][1] is None and rows[1][1] is not None
    assert query(db, "SELECT count(DISTINCT doc_id) FROM v_counts")[0][0] == 1


def test_limit_stops_after_n_documents(tmp_path):
    summary = run_ingest([CORPUS], options(tmp_path / "f.db", limit=2))
    assert sum(summary.documents.values()) == 2


def test_shared_html_pages_ingest_with_title_and_body(tmp_path):
    html_dir = shared_path("corpus", "html")
    pages = sorted(html_dir.rglob("*.html"))
    corpus = tmp_path / "html"
    for page in pages:
        target = corpus / page.relative_to(html_dir)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(page, target)
    db = tmp_path / "facts.db"
    summary = run_ingest([corpus], options(db))
    assert summary.errors == 0
    rows = query(db, "SELECT source, title, length(text) FROM v_documents")
    assert len(rows) == len(pages)
    assert [src for src, title, n in rows if not title or n <= len(title or "") + 20] == []


def test_stats_reports_facts_and_removed_lines(ingested, capsys):
    assert main(["stats", "--db", str(ingested), "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["documents"] >= 5 and stats["errors"] == {}
    assert set(stats["facts"]) == {"date", "money", "count", "org"}
    assert stats["removed"].get("dedup.exact", 0) >= 42  # 001's paragraph repeated 43 times
    assert any(name.startswith("chrome.") for name in stats["removed"])


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_export_writes_the_view(ingested, tmp_path, fmt):
    out = tmp_path / f"money.{fmt}"
    assert main(["export", "v_money", "--db", str(ingested), "--format", fmt, "-o", str(out)]) == 0
    expected = query(ingested, "SELECT count(*) FROM v_money")[0][0]
    if fmt == "jsonl":
        rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        assert len(rows) == expected and {"amount_min", "currency", "sentence"} <= set(rows[0])
    elif fmt == "csv":
        assert len(out.read_text(encoding="utf-8").splitlines()) == expected + 1
    else:
        import pyarrow.parquet as pq

        assert pq.read_table(out).num_rows == expected


def test_query_is_read_only(ingested, capsys):
    assert main(["query", "DELETE FROM facts", "--db", str(ingested)]) == 2
    assert capsys.readouterr().err == "error: query is read-only: DELETE is not allowed\n"
    assert query(ingested, "SELECT count(*) FROM facts")[0][0] > 0


def test_same_url_in_two_files_keeps_both_and_a_second_run_changes_nothing(tmp_path):
    url = "https://www.xmzgh.example.cn/news/2020/0624/1.html"
    monday = {"id": "m1", "url": url, "published": "2020-06-24", "title": "厦门市总工会举办职工技能竞赛",
              "text": "6月22日，厦门市总工会在湖里区举办职工技能竞赛，60名选手参赛。"}
    tuesday = {**monday, "id": "t1", "text": "6月22日，厦门市总工会在湖里区举办职工技能竞赛，80名选手参赛，奖金3000元。"}
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "monday.jsonl").write_text(json.dumps(monday, ensure_ascii=False) + "\n", encoding="utf-8")
    (tmp_path / "in" / "tuesday.jsonl").write_text(json.dumps(tuesday, ensure_ascii=False) + "\n", encoding="utf-8")
    db = tmp_path / "facts.db"
    first = run_ingest([tmp_path / "in"], options(db), progress=False)
    assert (first.documents["new"], first.documents["duplicate"]) == (1, 1)
    rows = query(db, "SELECT key, record_id, duplicate_of FROM documents ORDER BY doc_id")
    assert rows == [(f"{tmp_path}/in/monday.jsonl#1", "m1", None), (f"{tmp_path}/in/tuesday.jsonl#1", "t1", 1)]
    second = run_ingest([tmp_path / "in"], options(db), progress=False)
    assert dict(second.documents) == {"unchanged": 2}
    assert query(db, "SELECT count(*) FROM documents") == [(2,)]


def test_rules_version_covers_every_module_and_data_file_of_the_stages():
    from pipeline.runner import RULE_SUFFIXES, rule_files

    tracked = subprocess.run(["git", "ls-files", "pipeline", "extractors"], cwd=ROOT, capture_output=True, text=True,
                             check=True).stdout.split()
    wanted = {ROOT / f for f in tracked if Path(f).suffix in RULE_SUFFIXES}
    assert wanted and wanted <= set(rule_files(ROOT))
    assert {p.suffix for p in wanted} >= {".py", ".tsv"}


def test_a_run_with_one_worker_leaves_the_calling_process_unfrozen(tmp_path):
    import gc

    before = gc.get_freeze_count()
    run_ingest([CORPUS / "samples" / "feed.jsonl"], options(tmp_path / "f.db", workers=1), progress=False)
    assert gc.get_freeze_count() == before


MIANYANG = ("9月11日,绵阳市第十二届职工职业技能大赛决赛在绵阳职业技术学院落下帷幕。来自全市的412名选手在焊工、电工、"
            "数控车工等9个工种同台竞技,经过理论考试和实际操作的比拼,最终决出各工种前三名。市总工会相关负责人表示,"
            "大赛为职工搭建了展示技能、交流学习的平台。")


@pytest.mark.parametrize("runs", ["one_run", "two_runs"])
def test_the_earliest_published_copy_is_canonical(tmp_path, runs):
    """A repost read before its original: the original (published earlier) becomes canonical."""
    repost = {"url": "http://b.cn/repost.html", "text": "绵阳职工技能大赛落幕\n" + MIANYANG + "(转载)",
              "published": "2024-09-13"}
    original = {"url": "http://a.cn/original.html", "text": "绵阳职工技能大赛落幕\n" + MIANYANG, "published": "2024-09-12"}
    again = {"url": "http://c.cn/again.html", "text": "绵阳职工技能大赛落幕\n本报讯 " + MIANYANG, "published": "2024-09-12"}
    db = tmp_path / "facts.db"
    batches = [[repost, original, again]] if runs == "one_run" else [[repost], [original, again]]
    for number, batch in enumerate(batches):
        src = tmp_path / f"feed{number}.jsonl"
        src.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in batch), encoding="utf-8")
        run_ingest([src], options(db))
    rows = dict(query(db, "SELECT url, duplicate_of FROM documents"))
    ids = dict(query(db, "SELECT url, doc_id FROM documents"))
    assert rows["http://a.cn/original.html"] is None
    assert rows["http://b.cn/repost.html"] == rows["http://c.cn/again.html"] == ids["http://a.cn/original.html"]
    assert [u for (u,) in query(db, "SELECT DISTINCT url FROM v_counts JOIN documents USING (doc_id)")] == [
        "http://a.cn/original.html"]


def test_the_sample_mianyang_page_is_the_canonical_copy_of_its_feed_repost(ingested):
    rows = query(ingested, "SELECT d.url, d.published, c.url, c.published FROM documents d "
                           "JOIN documents c ON c.doc_id = d.duplicate_of")
    assert rows == [("https://www.scgrrb.example.cn/2024/0913/zhigong/10422.html", "2024-09-13",
                     "https://www.myzgh.example.cn/union/2024/0912/5526.html", "2024-09-12")]


def test_stats_agree_with_the_views_and_say_what_includes_duplicates(ingested, capsys):
    assert main(["stats", "--db", str(ingested), "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    for kind, view in (("money", "v_money"), ("date", "v_dates"), ("count", "v_counts"), ("org", "v_orgs")):
        assert stats["facts"][kind] == query(ingested, f"SELECT count(*) FROM {view}")[0][0]
    assert sum(stats["events"].values()) == query(ingested, "SELECT count(*) FROM v_events")[0][0]
    assert stats["with_duplicates"] == {"facts": query(ingested, "SELECT count(*) FROM facts")[0][0],
                                        "events": query(ingested, "SELECT count(*) FROM events")[0][0]}
    assert stats["with_duplicates"]["facts"] > sum(stats["facts"].values())


def test_the_background_writer_stores_every_batch_and_reports_each_once_in_order(tmp_path):
    """The writer thread: later batches see earlier ones (a repost, an unchanged page), results come back in order."""
    from extractors.facts import Extraction
    from pipeline.article_dedup import LshBands, signature
    from pipeline.document import Document, Processed
    from pipeline.document_rows import document_rows
    from pipeline.runner import BackgroundWriter
    from pipeline.storage import FactStore

    report = ("3月18日上午,全市劳动和技能竞赛推进会在工业园召开。市总工会主席出席会议并讲话,会议全面总结了去年全市劳动"
              "和技能竞赛活动,通报表扬了优胜单位40个、优秀组织单位15个,命名市级劳模和工匠人才创新工作室9个。")
    other = ("近日,县总工会在政务服务中心工会驿站开展送温暖活动,为快递员、外卖配送员等120名新就业形态劳动者送去食品"
             "大礼包。活动现场,县总工会负责人与劳动者代表围坐在一起,倾听他们的心声和诉求。")
    bands = LshBands(0.8, 128)

    def rows(record: int, body: str):
        doc = Document(key=f"feeds/a.jsonl#{record}", source="feeds/a.jsonl", record=record, title="工会动态",
                       published="2021-03-19", paragraphs=[body], raw_hash=str(record), extraction=Extraction())
        return document_rows(Processed(doc, "text", signature(body, 128)), bands)

    store = FactStore.open(tmp_path / "facts.db")
    store.begin_run(["feeds"], "v1")
    reported: list[list[str]] = []
    writer = BackgroundWriter(store, lambda items, errors, results: reported.append([r.outcome for r in results]),
                              depth=1)
    writer.submit([rows(0, report), rows(1, other)], [])
    writer.submit([rows(2, "本报讯 " + report)], [])
    writer.submit([rows(0, report)], [])
    writer.close()
    writer.close()  # a second close (the runner's finally) reports nothing again
    assert reported == [["new", "new"], ["duplicate"], ["unchanged"]]
    assert store.conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 3
    store.close()


def test_the_work_sent_to_workers_carries_its_band_split():
    """A worker unpickles the work with every chunk: the LSH band split must travel with it, worked out
    once in the parent (recomputed per chunk, it doubled the CPU of a two-worker run)."""
    import pickle

    from pipeline.runner import _Work

    work = pickle.loads(pickle.dumps(_Work(PipelineOptions(workers=2))))
    assert "_split" in vars(work.bands)
    assert work.bands.ranges == [(i * 13, (i + 1) * 13) for i in range(9)]  # datasketch's 9 x 13 for 0.8 and 128


def test_records_processed_stage_by_stage_equal_each_processed_alone_and_a_failure_stays_its_own(tmp_path):
    """``process_records`` cleans a chunk, then extracts it, then signs it: the same documents, facts and
    signatures as one record at a time, and a record that fails cleaning is its own error in its place."""
    from pipeline.document import RawRecord, StageError
    from pipeline.readers import iter_records
    from pipeline.runner import process_record, process_records

    with shared_path("bench", "xwlb_2022_2024.jsonl").open(encoding="utf-8") as f:
        items = [json.loads(next(f)) for _ in range(12)]
    items.insert(5, {"title": "", "text": "上一篇：工会动态\n下一篇：职工风采"})  # page chrome only: nothing left
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps(i, ensure_ascii=False) + "\n" for i in items), encoding="utf-8")
    opts = options(tmp_path / "f.db")
    raws = [r for r in iter_records([str(feed)], opts) if isinstance(r, RawRecord)]
    together = process_records(raws, opts)
    alone = [process_record(raw, opts) for raw in raws]
    assert isinstance(together[5], StageError) and (together[5].stage, together[5].record) == ("clean", 6)
    assert together[5] == alone[5]
    for a, b in zip(together[:5] + together[6:], alone[:5] + alone[6:]):
        assert (a.doc.key, a.doc.text, a.doc.extraction, a.minhash) == (b.doc.key, b.doc.text, b.doc.extraction, b.minhash)
        assert a.doc.extraction.facts
