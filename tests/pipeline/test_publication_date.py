"""pipeline.publication_date: FACTS.md §1 order of date evidence, on real pages and every input path."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from extractors import extract
from pipeline.clean import clean_record
from pipeline.document import RawRecord
from pipeline.options import PipelineOptions
from pipeline.publication_date import DateEvidence, shown_outside_text, url_date, written_forms
from pipeline.readers import iter_records
from tests.conftest import shared_path

OPTIONS = PipelineOptions()


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        pytest.param("https://tv.cctv.com/2023/08/01/VIDE1690896002.shtml", "2023-08-01", id="slashes"),
        pytest.param("http://www.gov.cn/xinwen/2021-03/22/content_5594712.htm", "2021-03-22", id="year_month_dash_day"),
        pytest.param("http://www.xinhuanet.com/politics/20200624/c_1126152.htm", "2020-06-24", id="compact"),
        pytest.param("http://gs.people.com.cn/n2/t20200624_123456.html", "2020-06-24", id="compact_after_letter"),
        pytest.param("http://news.example.cn/a/2020/13/45/x.html", None, id="not_a_day"),
        pytest.param("http://news.example.cn/article/123456789.html", None, id="an_id_is_no_date"),
        pytest.param("http://20200624.example.cn/news.html", None, id="the_host_is_no_date"),
        pytest.param(None, None, id="no_url"),
    ],
)
def test_url_date(url: str | None, expected: str | None) -> None:
    assert url_date(url) == expected


@pytest.mark.parametrize(
    ("iso", "page", "text", "expected"),
    [
        pytest.param("2006-01-01", "<p>某某公司召开年度大会。</p><div>© 2000-2006 某某网 版权所有</div>",
                     "某某公司召开年度大会。", None, id="copyright_year_is_written_as_no_day"),
        pytest.param("2013-05-03", "<p>某某公司于2013年5月3日成立。</p>", "某某公司于2013年5月3日成立。", None,
                     id="date_only_in_the_article_text"),
        pytest.param("2013-05-03", '<meta name="pubdate" content="2013-05-03 10:00"><p>某某公司于2013年5月3日成立。</p>',
                     "某某公司于2013年5月3日成立。", "2013-05-03", id="also_in_the_page_metadata"),
        pytest.param("2019-09-24", "<p>2019-09-24 09:10</p><p>共享充电宝涨价。</p>", "共享充电宝涨价。", "2019-09-24",
                     id="printed_in_the_page_header"),
        pytest.param("2020-06-04", "<p>2020-06-14 发布</p>", "", None, id="a_longer_day_is_not_this_day"),
    ],
)
def test_shown_outside_text(iso: str, page: str, text: str, expected: str | None) -> None:
    assert shown_outside_text(iso, page, text) == expected


def test_written_forms_cover_padded_and_unpadded_days() -> None:
    forms = written_forms("2020-06-04")
    assert {"2020-06-04", "2020-6-4", "2020/6/4", "2020.06.04", "2020年6月4日", "2020年06月04日", "20200604"} <= set(forms)


@pytest.mark.parametrize(
    ("evidence", "expected"),
    [
        pytest.param(DateEvidence(container="2023-08-01", labelled="2023-07-30", url="2023-07-29"), "2023-08-01",
                     id="container_first"),
        pytest.param(DateEvidence(labelled="2023-07-30", dateline="2023-07-29", metadata="2023-07-28"), "2023-07-30",
                     id="labelled_before_dateline"),
        pytest.param(DateEvidence(dateline="2023-07-29", metadata="2023-07-28", url="2023-07-27"), "2023-07-29",
                     id="dateline_before_metadata"),
        pytest.param(DateEvidence(metadata="2023-07-28", url="2023-07-27"), "2023-07-28", id="metadata_before_url"),
        pytest.param(DateEvidence(url="2023-07-27"), "2023-07-27", id="url_last"),
        pytest.param(DateEvidence(), None, id="no_evidence_no_date"),
    ],
)
def test_evidence_order(evidence: DateEvidence, expected: str | None) -> None:
    assert evidence.decide() == expected


# --- real pages of ../shared/corpus/html --------------------------------------------------------------

@pytest.mark.parametrize(
    ("page", "expected"),
    [
        # htmldate reads 发布时间：18-03-08 as 2008-03-18, a day the page shows nowhere.
        pytest.param("gne_testpages/baijiahao__3.html", "2018-03-08", id="labelled_two_digit_year_in_the_header"),
        pytest.param("gne_testpages/thepaper__1.html", "2019-09-24", id="printed_date_under_a_byline"),
        pytest.param("gne_testpages/sxmu__1.html", "2018-05-17", id="labelled_line_with_an_empty_source"),
        pytest.param("cx_extractor_163/14.html", "2015-07-03", id="page_metadata"),
    ],
)
def test_real_page_publication_date(page: str, expected: str) -> None:
    path = shared_path("corpus", "html", page)
    doc = clean_record(RawRecord(source=page, record=0, content=path.read_bytes(), format="html"), OPTIONS)
    assert doc.published == expected
    assert all(expected not in p for p in doc.paragraphs[:3])  # the header line is metadata, not article text


def _manifest() -> list[dict]:
    path = shared_path("corpus", "html", "manifest.jsonl")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_no_shared_page_gets_a_day_it_does_not_show() -> None:
    """Every published date of the shared HTML pages is written on the page outside its article text."""
    root = shared_path("corpus", "html")
    for row in _manifest():
        content = (root / row["html_path"]).read_bytes()
        doc = clean_record(RawRecord(source=row["html_path"], record=0, content=content, format="html"), OPTIONS)
        if doc.published is None:
            continue
        page = content.decode(row["encoding"], errors="replace")
        y, m, d = doc.published.split("-")
        shown = (*written_forms(doc.published), f"{y[2:]}-{m}-{d}")
        assert any(form in page for form in shown), (row["id"], doc.published)
        assert not doc.published.endswith("-01-01") or "01-01" in page or "1月1日" in page, (row["id"], doc.published)


def _copyright_page() -> str:
    """A real article (cx_extractor_163/1's text) on a page whose only years are a copyright line and the body's."""
    gold = shared_path("corpus", "html", "cx_extractor_163", "1.gold.txt").read_text(encoding="utf-8")
    paragraphs = [p.strip() for p in gold.splitlines() if len(p.strip()) > 20][:6]
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return ("<html><head><meta charset=\"utf-8\"><title>某某公司召开年度大会_某某网</title></head><body>"
            "<h1>某某公司召开年度大会</h1><div class=\"article\">"
            "<p>某某公司成立于2000年，今年6月8日在北京召开年度大会。</p>" + body +
            "</div><div class=\"footer\">© 2000-2006 某某网 版权所有</div></body></html>")


def _inputs(tmp_path: Path, page: str) -> dict[str, Path]:
    """The same page as an HTML file, a JSONL html record, a WARC response and a text dump."""
    html = tmp_path / "page.html"
    html.write_text(page, encoding="utf-8")
    jsonl = tmp_path / "pages.jsonl"
    jsonl.write_text(json.dumps({"id": "p1", "html": page}, ensure_ascii=False) + "\n", encoding="utf-8")
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record("https://news.example.cn/a/123.html", "response",
                                                  payload=io.BytesIO(page.encode("utf-8")), http_headers=http,
                                                  warc_headers_dict={"WARC-Date": "2024-03-19T01:00:00Z"}))
    warc = tmp_path / "crawl.warc.gz"
    warc.write_bytes(out.getvalue())
    text = tmp_path / "page.txt"
    text.write_text("某某公司召开年度大会\n某某公司成立于2000年，今年6月8日在北京召开年度大会。\n© 2000-2006 某某网 版权所有\n",
                    encoding="utf-8")
    return {"html": html, "jsonl": jsonl, "warc": warc, "text": text}


@pytest.mark.parametrize("kind", ["html", "jsonl", "warc", "text"])
def test_copyright_and_body_years_never_date_the_page(tmp_path: Path, kind: str) -> None:
    path = _inputs(tmp_path, _copyright_page())[kind]
    (raw,) = list(iter_records([path], OPTIONS))
    doc = clean_record(raw, OPTIONS)
    assert doc.published is None  # not 2006-01-01 (copyright), not 2000-01-01 (成立于2000年)
    facts = extract(doc.text, doc.published).facts
    assert not [f for f in facts if f.kind == "date" and f.iso.startswith("2006")]


def test_container_date_wins_on_the_jsonl_path(tmp_path: Path) -> None:
    path = tmp_path / "pages.jsonl"
    path.write_text(json.dumps({"id": "p1", "html": _copyright_page(), "published": "2021-03-22"},
                               ensure_ascii=False) + "\n", encoding="utf-8")
    (raw,) = list(iter_records([path], OPTIONS))
    assert clean_record(raw, OPTIONS).published == "2021-03-22"


@pytest.mark.parametrize("kind", ["html_url", "text_url"])
def test_url_date_is_the_last_resort_on_every_path(kind: str) -> None:
    url = "http://www.gov.cn/xinwen/2021-03/22/content_5594712.htm"
    page = _copyright_page() if kind == "html_url" else "某某公司召开年度大会\n某某公司成立于2000年，今年在北京召开年度大会。"
    raw = RawRecord(source="x", record=0, content=gzip.decompress(gzip.compress(page.encode("utf-8"))),
                    format="html" if kind == "html_url" else "text", url=url)
    assert clean_record(raw, OPTIONS).published == "2021-03-22"
