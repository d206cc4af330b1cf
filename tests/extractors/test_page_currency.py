"""extractors/page_currency.py: the page's own currency from its host, outlet or dateline."""

from __future__ import annotations

import json

import pytest

from extractors import DocumentContext
from extractors.page_currency import page_currency
from pipeline.script import to_simplified
from tests.conftest import shared_path


@pytest.mark.parametrize(
    ("kwargs", "currency"),
    [
        pytest.param({"url": "https://www.cna.com.tw/news/aopl/202608170310.aspx"}, "TWD", id="host.tw"),
        pytest.param({"url": "https://star.ettoday.net/news/2871234"}, "TWD", id="host.taiwanese_outlet_outside_tw"),
        pytest.param({"url": "https://news.mingpao.com.hk/x.html"}, "HKD", id="host.hk"),
        pytest.param({"url": "https://budn.com/x.html"}, "CNY", id="host.only_whole_labels"),
        pytest.param({"site": "自由时报"}, "TWD", id="outlet.site"),
        pytest.param({"source": "中央社"}, "TWD", id="outlet.source"),
        pytest.param({"text": "美推加萨和平路线图\n（中央社耶路撒冷17日综合外电报导）美国总统川普特使今天与以色列总理会谈。"},
                     "TWD", id="dateline.cna_abroad"),
        pytest.param({"text": "台股收盘\n中央社记者田裕斌台北11日电 台股今天上涨，成交金额新台币3000亿元。"}, "TWD",
                     id="dateline.cna_taipei"),
        pytest.param({"text": "军民共建\n新华社台北11日电 ……"}, "CNY", id="dateline.xinhua_is_mainland"),
        pytest.param({"text": "台北市政府劳动局10月21日举办中高龄就业博览会，共有62家厂商参与，月薪3万元起。"}, "CNY",
                     id="taiwan_in_the_text_alone_decides_nothing"),
        pytest.param({"url": "https://news.example.cn/a.html", "site": "新华网"}, "CNY", id="mainland"),
        pytest.param({}, "CNY", id="nothing_known"),
    ],
)
def test_page_currency(kwargs: dict, currency: str) -> None:
    assert page_currency(**kwargs) == currency


def test_context_carries_the_currency() -> None:
    assert DocumentContext.make("2026-07-26", site="自由时报").currency == "TWD"
    assert DocumentContext.make("2026-07-26").currency == "CNY"


@pytest.mark.parametrize("name", ["tw_rss_leads_2026_sample.jsonl", "appledaily_tw_2003.jsonl"])
def test_every_taiwanese_bench_item_is_twd(name: str) -> None:
    """Real Taiwanese items: their URL (or source, Simplified as the pipeline has it) names a Taiwanese outlet."""
    path = shared_path("bench", name)
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()[:300]]
    found = [page_currency(url=r.get("url"), source=to_simplified(r.get("source") or "")) for r in rows]
    assert found.count("TWD") == len(rows), [r.get("url") for r, c in zip(rows, found) if c != "TWD"][:5]


def test_mainland_bench_items_stay_cny() -> None:
    path = shared_path("bench", "xwlb_2022_2024.jsonl")
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()[:300]]
    assert {page_currency(url=r.get("url"), source=r.get("source"), text=r["text"]) for r in rows} == {"CNY"}


# --- every input path (FACTS.md §2 money, issue 12 item 4) -----------------------------------------
TAIPEI_TITLE = "台北市加强查缉违规业者"
TAIPEI_BODY = ("（中央社记者王某台北11日电）台北市政府今天宣布，违规业者将被处罚款3000元；"
               "一名业者为还债30万向地下钱庄借款，市府拨款2亿用于辅导转业。")
MAINLAND_BODY = "（新华社北京11日电）北京市政府今天宣布，违规业者将被处罚款3000元；一名业者为还债30万向亲友借款。"


def _record(tmp_path, kind: str, title: str, body: str, url: str):
    """The same article as an HTML file, a JSONL record, a WARC response and a text dump: one RawRecord."""
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    from pipeline.options import PipelineOptions
    from pipeline.readers import iter_records

    page = (f"<html><head><meta charset=\"utf-8\"><title>{title}</title></head><body><h1>{title}</h1>"
            f"<div class=\"article\"><p>{body}</p><p>{body}</p></div></body></html>")
    if kind == "html":
        path = tmp_path / "page.html"
        path.write_text(page, encoding="utf-8")
    elif kind == "jsonl":
        path = tmp_path / "pages.jsonl"
        path.write_text(json.dumps({"id": "p1", "url": url, "html": page}, ensure_ascii=False) + "\n", encoding="utf-8")
    elif kind == "warc":
        out = io.BytesIO()
        writer = WARCWriter(out, gzip=True)
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(page.encode("utf-8")),
                                                      http_headers=http))
        path = tmp_path / "crawl.warc.gz"
        path.write_bytes(out.getvalue())
    else:
        path = tmp_path / "page.txt"
        path.write_text(f"{title}\n{body}\n", encoding="utf-8")
    (raw,) = list(iter_records([path], PipelineOptions()))
    return raw


@pytest.mark.parametrize("kind", ["html", "jsonl", "warc", "text"])
@pytest.mark.parametrize(("title", "body", "url", "currency"), [
    pytest.param(TAIPEI_TITLE, TAIPEI_BODY, "https://www.cna.com.tw/news/a/1.aspx", "TWD", id="taiwanese"),
    pytest.param("北京市加强查处违规业者", MAINLAND_BODY, "https://www.news.example.cn/a/1.html", "CNY", id="mainland"),
])
def test_bare_and_implied_amounts_take_the_pages_currency_on_every_path(tmp_path, kind, title, body, url, currency):
    from pipeline.options import PipelineOptions
    from pipeline.runner import process_record

    doc = process_record(_record(tmp_path, kind, title, body, url), PipelineOptions()).doc
    money = {(f.text, f.rule): f.currency for f in doc.extraction.facts if f.kind == "money"}
    assert money[("3000元", "money.amount")] == currency
    assert money[("30万", "money.implied")] == currency
    assert set(money.values()) == {currency}
