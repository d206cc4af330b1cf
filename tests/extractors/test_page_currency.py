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
