"""pipeline.search on the ingested sample corpus: every term length, several terms, filters, snippets.

The expected documents are computed from the clean text itself (v_documents), so the test
checks the index + scan design against a plain substring search.
"""

from __future__ import annotations

import sqlite3

import pytest

from pipeline.filters import DocumentFilter
from pipeline.search import SearchQuery, index_query, parse_terms, search, snippet, term_spans


@pytest.fixture(scope="module")
def conn(corpus_db):
    connection = sqlite3.connect(f"file:{corpus_db}?mode=ro", uri=True)
    yield connection
    connection.close()


def expected(conn, terms, where="1", params=()) -> set[int]:
    rows = conn.execute(f"SELECT doc_id, text FROM v_documents WHERE duplicate_of IS NULL AND {where}", params)
    return {doc_id for doc_id, text in rows if all(t.lower() in text.lower() for t in terms)}


@pytest.mark.parametrize("query", [
    "会",            # one character
    "工会",          # two characters, the common case
    "ICP",           # Latin letters, any case
    "2023年",
    "竞赛",
    "技能竞赛",      # indexed
    "夏送清凉",
    "工会 竞赛",     # two short terms
    "临夏 技能竞赛",  # a short term narrowed by an indexed one
    "劳动 竞赛 临夏",
    "乡村振兴 工会",
    "不存在的词语",   # no document
])
def test_search_finds_exactly_the_documents_holding_every_term(conn, query):
    terms = parse_terms(query)
    hits = search(conn, SearchQuery(terms, limit=1000))
    assert {h.doc_id for h in hits} == expected(conn, terms)
    for hit in hits:
        assert all(hit.counts[t] > 0 for t in terms)


@pytest.mark.parametrize("term, query", [
    ("会", '"会"'),                  # one character: through the index too
    ("工会", '"工" "会"'),
    ("“夏送清凉”", '"夏" "送" "清" "凉"'),  # punctuation is no token
    ("ICP备案", '"I" "C" "P" "备" "案"'),
    ("——", None),                    # nothing to look up: a scan
])
def test_index_query_quotes_each_letter_digit_and_chinese_character(term, query):
    assert index_query(term) == query


@pytest.mark.parametrize("term", ["会", "工会", "竞赛"])
def test_one_and_two_character_terms_are_found_through_the_index(conn, term):
    candidates = {r[0] for r in conn.execute(
        "SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?",
        (index_query(term),))}
    found = {h.doc_id for h in search(conn, SearchQuery((term,), limit=1000))}
    assert found == expected(conn, (term,)) and len(found) >= 5 and found <= candidates


def test_a_term_without_letters_is_matched_by_a_scan(conn):
    hits = search(conn, SearchQuery(("——",), limit=1000))
    assert {h.doc_id for h in hits} == expected(conn, ("——",))


def test_traditional_terms_search_the_simplified_text(conn):
    simplified = search(conn, SearchQuery(parse_terms("总工会"), limit=1000))
    traditional = search(conn, SearchQuery(parse_terms("總工會"), limit=1000))
    assert [h.doc_id for h in traditional] == [h.doc_id for h in simplified] and simplified


def test_a_document_with_the_term_in_its_title_ranks_first(conn):
    hits = search(conn, SearchQuery(("夏送清凉",)))
    assert hits[0].title.startswith("湖州市总工会启动2023年“夏送清凉”活动")


def test_snippets_mark_the_terms(conn):
    for hit in search(conn, SearchQuery(("工会", "竞赛"), limit=50)):
        assert "【工会】" in hit.snippet or "【竞赛】" in hit.snippet


@pytest.mark.parametrize("filters, where, params", [
    (DocumentFilter(since="2023"), "published >= ?", ("2023",)),
    (DocumentFilter(until="2021-03"), "substr(published, 1, 7) <= ?", ("2021-03",)),
    (DocumentFilter(since="2023-07-01", until="2024-01-12"), "published BETWEEN ? AND ?", ("2023-07-01", "2024-01-12")),
    (DocumentFilter(site="甘肃省总工会"), "site = ?", ("甘肃省总工会",)),
    (DocumentFilter(site="wzzgh"), "instr(url, ?) > 0", ("wzzgh",)),
])
def test_filters_keep_only_the_matching_documents(conn, filters, where, params):
    hits = search(conn, SearchQuery(("工会",), filters, limit=1000))
    assert {h.doc_id for h in hits} == expected(conn, ("工会",), where, params)
    assert hits


@pytest.mark.parametrize("org", ["甘肃省总工会", "省总工会"])  # canonical name and alias
def test_org_filter_accepts_names_and_aliases(conn, org):
    hits = search(conn, SearchQuery(("竞赛",), org=org, limit=1000))
    docs = {r[0] for r in conn.execute(
        "SELECT doc_id FROM v_orgs WHERE org_name = ? OR org_id IN (SELECT org_id FROM org_aliases WHERE alias = ?)",
        (org, org))}
    assert hits and {h.doc_id for h in hits} == expected(conn, ("竞赛",)) & docs


def test_limit(conn):
    assert len(search(conn, SearchQuery(("工会",), limit=3))) == 3


@pytest.mark.parametrize("text, terms, spans", [
    ("市总工会主席出席会议", ("工会",), [(2, 4)]),
    ("市总工会主席出席会议", ("总工会", "工会"), [(1, 4)]),  # overlapping occurrences merge
    ("工会工会", ("工会",), [(0, 4)]),                      # adjacent ones too
    ("ICP备案", ("icp",), [(0, 3)]),                        # Latin letters ignore case
])
def test_term_spans(text, terms, spans):
    assert term_spans(text, terms) == spans


def test_snippet_is_a_window_around_the_first_term():
    text = "甲" * 100 + "技能竞赛" + "乙" * 100
    out = snippet(text, ("技能竞赛",), chars=40)
    assert out.startswith("…") and out.endswith("…") and "【技能竞赛】" in out
    assert len(out.replace("【", "").replace("】", "")) == 42


@pytest.mark.parametrize("text, terms", [("工会  竞赛 工会", ("工会", "竞赛")), ("總工會", ("总工会",)), ("  ", ())])
def test_parse_terms(text, terms):
    assert parse_terms(text) == terms
