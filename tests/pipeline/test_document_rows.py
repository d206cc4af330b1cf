"""A processed document as rows (built in the worker): offsets, sentences, facts, events and their links."""

from __future__ import annotations

import pytest

from extractors import DocumentContext, extract_in_context
from pipeline.article_dedup import LshBands, signature
from pipeline.document import Document, Processed
from pipeline.document_rows import DOCUMENT_COLUMNS, document_rows

TITLE = "厦门市总工会举办技能竞赛"
BODY = ["厦门市总工会主席出席。6月22日,厦门市总工会在湖里区举办技能竞赛,60名选手参赛,奖金3000万元。",
        "3月18日上午,全市劳动和技能竞赛推进会在工业园召开,通报表扬了优胜单位40个、优秀组织单位15个。"]


@pytest.fixture(scope="module")
def rows():
    doc = Document(key="feeds/a.jsonl#0", source="feeds/a.jsonl", record=0, title=TITLE, published="2020-06-24",
                   paragraphs=BODY, raw_hash="r1", counters={"dedup.exact": 1})
    doc.extraction = extract_in_context(doc.text, DocumentContext.make(doc.published))
    return doc, document_rows(Processed(doc, "text", signature("\n".join(BODY), 128)), LshBands(0.8, 128))


def test_paragraph_offsets_point_into_the_clean_text(rows):
    doc, r = rows
    assert [p[3] for p in r.paragraphs] == [TITLE, *BODY]
    assert all(doc.text[start:start + len(text)] == text for _, start, _, text in r.paragraphs)
    assert [p[2] for p in r.paragraphs] == [1, 0, 0]  # the title is marked


def test_document_columns_carry_the_hashes_and_length(rows):
    doc, r = rows
    values = dict(zip(DOCUMENT_COLUMNS, r.document))
    assert values["content_hash"] == doc.content_hash and values["chars"] == len(doc.text) == r.chars
    assert values["counters"] == '{"dedup.exact": 1}'


def test_fact_rows_keep_spans_and_sentences_as_offsets(rows):
    doc, r = rows
    assert len(r.facts.facts) == len(doc.extraction.facts) > 0
    for kind, text, start, end, _rule, s_start, s_end, s_text in r.facts.facts:
        assert doc.text[start:end] == text
        assert s_text is None and s_start <= start < end <= s_end  # one stretch of one paragraph


@pytest.mark.parametrize("role, text", [
    pytest.param("date", "6月22日", id="date-by-span"),
    pytest.param("count", "60名选手", id="count-by-span"),
    pytest.param("money", "3000万元", id="money-by-span"),
    pytest.param("org", "厦门市总工会", id="org-nearest-mention"),
])
def test_the_event_links_its_facts(rows, role, text):
    doc, r = rows
    facts = doc.extraction.facts
    main = next(i for i, e in enumerate(doc.extraction.events) if e.date_fact is not None)
    event = doc.extraction.events[main]
    linked = [facts[f] for e, f, got in r.event_links if e == main and got == role]
    assert [f.text for f in linked] == [text]
    if role == "org":  # of three mentions, the one nearest the trigger
        nearest = min((f for f in facts if f.kind == "org"), key=lambda f: abs(f.start - event.start))
        assert linked[0].start == nearest.start


def test_bands_are_those_of_the_signature(rows):
    _, r = rows
    assert len(r.bands) == 9 and list(r.bands) == LshBands(0.8, 128).keys(r.minhash)


def test_org_rows_name_the_canonical_organisation(rows):
    doc, r = rows
    assert {name for _, name, _, _ in r.facts.orgs} == {"厦门市总工会"}
    assert all(doc.extraction.facts[i].kind == "org" for i, _, _, _ in r.facts.orgs)
