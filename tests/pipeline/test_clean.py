"""pipeline.clean: raw page → Document, checked on the sample pages' gold and the shared HTML pages."""

from __future__ import annotations

import json

import pytest

from pipeline.clean import clean_record, clean_text
from pipeline.document import RawRecord, StageFailure
from pipeline.options import PipelineOptions
from pipeline.paragraph_dedup import paragraph_key
from pipeline.script import PINYIN_GLOSS
from tests.conftest import CORPUS, SHARED, shared_path

OPTIONS = PipelineOptions()
SAMPLES = sorted(p.name for p in CORPUS.glob("*.txt"))


def _gold() -> dict[str, dict]:
    path = shared_path("gold", "seeds.jsonl")
    return {row["doc"]: row for row in map(json.loads, path.read_text(encoding="utf-8").splitlines())}


def _clean_sample(name: str) -> object:
    raw = RawRecord(source=str(CORPUS / name), record=0, content=(CORPUS / name).read_bytes(), format="text")
    return clean_record(raw, OPTIONS)


@pytest.mark.parametrize("name", SAMPLES)
def test_sample_page_matches_gold(name: str) -> None:
    gold = _gold()[name]
    doc = _clean_sample(name)
    assert doc.title == gold["title"]
    assert doc.published == gold["published"]
    assert doc.script == gold["script"]
    assert doc.title not in doc.paragraphs
    for sentence in gold["must_keep"]:
        assert sentence in doc.text
    for line in gold.get("chrome_converted") or gold["chrome"]:
        assert line.strip() not in doc.paragraphs
        assert paragraph_key(line) not in {paragraph_key(p) for p in doc.paragraphs}
    assert abs(len(doc.paragraphs) - gold["distinct_paragraphs"]) <= 2


@pytest.mark.parametrize(
    ("name", "site", "source_name", "authors"),
    [
        pytest.param("000_6cf9f9d2df5a2af1.txt", "甘肃省总工会", "科技站", [], id="meta.copyright_owner_and_source"),
        pytest.param("001_88e8e9073576238c.txt", None, None, ["康劲", "马世元", "鹿慧敏", "陈丽娟", "吴泽思", "肖泽裕"],
                     id="meta.bylines_of_a_newspaper_page"),
        pytest.param("002_d88450911230a997.txt", "广元工会网", "系统管理", [], id="meta.site_line_of_a_traditional_page"),
        pytest.param("003_7814cc359fe4fbb2.txt", "安徽工人日报", None, [], id="meta.paper_name"),
        pytest.param("004_dee300e5f9f99aaa.txt", None, None, ["林伊婷", "秦越", "许金植"], id="meta.issue_team_byline"),
    ],
)
def test_sample_page_metadata(name: str, site: str | None, source_name: str | None, authors: list[str]) -> None:
    doc = _clean_sample(name)
    assert (doc.site, doc.source_name, doc.authors) == (site, source_name, authors)


def test_repeated_paragraph_of_001_is_stored_once() -> None:
    doc = _clean_sample("001_88e8e9073576238c.txt")
    quotes = [p for p in doc.paragraphs if p.startswith("临夏市总工会主席王通华说")]
    assert len(quotes) == 1
    assert doc.counters["dedup.exact"] >= 42


@pytest.mark.parametrize("name", ["002_d88450911230a997.txt", "004_dee300e5f9f99aaa.txt"])
def test_traditional_pages_become_simplified_without_glosses(name: str) -> None:
    doc = _clean_sample(name)
    assert doc.script == "hant"
    assert not PINYIN_GLOSS.search(doc.text)
    assert doc.counters["script.t2s"] == 1 and doc.counters["script.pinyin_gloss"] > 100
    assert "劳动" in doc.text and "勞動" not in doc.text


def test_unrepairable_mojibake_is_counted() -> None:
    doc = _clean_sample("002_d88450911230a997.txt")
    assert "表?yè)P" in doc.text  # left in place, but not silently
    assert doc.mojibake >= 3 * 4 and doc.quality < 1.0


def test_chrome_rules_are_counted_by_name() -> None:
    doc = _clean_sample("000_6cf9f9d2df5a2af1.txt")
    for name in ("chrome.breadcrumb", "chrome.prev_next", "chrome.related", "chrome.icp", "chrome.copyright",
                 "chrome.browser_advice", "chrome.meta_line", "dedup.fragment"):
        assert doc.counters[name] >= 1, name


def test_jsonl_record_with_container_metadata() -> None:
    text = ("习近平 李强 赵乐际 王沪宁 蔡奇 丁薛祥 李希\n"
            "央视网消息（新闻联播）：中共中央政治局常务委员会今天召开会议，研究部署防汛抗旱工作。\n"
            "会议强调，要压实防汛救灾责任，确保人民群众生命财产安全。\n"
            "会议强调，要压实防汛救灾责任，确保人民群众生命财产安全。")
    raw = RawRecord(source="xwlb.jsonl", record=7, content=text, format="text", title="中共中央政治局常务委员会召开会议",
                    published="2023-08-01T19:00:00+08:00", url="https://tv.cctv.com/2023/08/01/x.shtml")
    doc = clean_record(raw, OPTIONS)
    assert (doc.key, doc.url) == ("xwlb.jsonl#7", "https://tv.cctv.com/2023/08/01/x.shtml")
    assert doc.title == "中共中央政治局常务委员会召开会议"
    assert doc.published == "2023-08-01"
    assert doc.paragraphs[0] == "习近平 李强 赵乐际 王沪宁 蔡奇 丁薛祥 李希"
    assert len(doc.paragraphs) == 3 and doc.encoding is None


def test_gbk_bytes_are_decoded_first() -> None:
    page = ("<html><head><meta charset=\"gbk\"><title>我市举办职工技能大赛_市总工会</title></head><body>"
            "<h1>我市举办职工技能大赛</h1>" + "".join(
                f"<p>第{i}段：本次大赛共有来自全市{i + 20}家企业的360名选手参赛，设置车工、焊工、电工等6个工种，总奖金达50万元。</p>"
                for i in range(1, 6)) + "</body></html>")
    raw = RawRecord(source="page.html", record=0, content=page.encode("gbk"), format="html")
    doc = clean_record(raw, OPTIONS)
    assert doc.encoding == "gb18030"
    assert doc.title == "我市举办职工技能大赛"
    assert any("360名选手" in p for p in doc.paragraphs)


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        pytest.param("html_gbk_huzhou_cooling.html", "html", id="gbk_html"),
        pytest.param("html_utf8_mianyang_skills.html", "html", id="utf8_html"),
    ],
)
def test_nul_sprinkled_page_cleans_like_the_page_and_counts_the_controls(name: str, fmt: str) -> None:
    page = (CORPUS / "samples" / name).read_bytes()
    dirty = page.replace(b"</p>", b"\x00</p>\x00\x08")
    clean = clean_record(RawRecord(source=name, record=0, content=page, format=fmt), OPTIONS)
    sprinkled = clean_record(RawRecord(source=name, record=0, content=dirty, format=fmt), OPTIONS)
    assert sprinkled.text == clean.text and sprinkled.encoding == clean.encoding
    assert sprinkled.counters["decode.control_chars"] == 3 * page.count(b"</p>") > 0


def test_jsonl_text_with_control_characters_is_cleaned() -> None:
    text = "区总工会举办技能竞赛\n6月2日,区总工会\x00举办技能竞赛,60名选手\x07参赛。"
    doc = clean_record(RawRecord(source="feed.jsonl", record=1, content=text, format="text"), OPTIONS)
    assert doc.paragraphs == ["6月2日,区总工会举办技能竞赛,60名选手参赛。"]
    assert doc.counters["decode.control_chars"] == 2


def test_page_without_text_fails_the_stage() -> None:
    with pytest.raises(StageFailure):
        clean_record(RawRecord(source="empty.txt", record=0, content="\n \n\u3000\n", format="text"), OPTIONS)


def test_convert_traditional_option_off_keeps_the_script() -> None:
    options = PipelineOptions(convert_traditional=False)
    cleaned = clean_text("勞動局舉辦就業博覽會\n臺北市政府勞動局10月21日舉辦中高齡就業博覽會，共有62家廠商參與。", None, options)
    assert cleaned.script == "hant" and not cleaned.converted
    assert cleaned.title == "勞動局舉辦就業博覽會"


def test_html_falls_back_to_body_text_when_main_content_is_a_link_list() -> None:
    root = shared_path("corpus", "html")
    raw = RawRecord(source="28.html", record=0, content=(root / "cx_extractor_163" / "28.html").read_bytes(), format="html")
    doc = clean_record(raw, OPTIONS)
    assert doc.counters["html.body_text"] == 1
    assert any("中国6月汇丰服务业PMI为51.8" in p for p in doc.paragraphs)


def _manifest_ids() -> list[str]:
    """Page ids of the shared HTML corpus, read at collection time (none when ../shared is absent)."""
    path = SHARED / "corpus" / "html" / "manifest.jsonl"
    return [json.loads(line)["id"] for line in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []


@pytest.mark.parametrize("page_id", _manifest_ids() or [pytest.param("", id="shared_absent")])
def test_every_shared_html_page_cleans(page_id: str) -> None:
    root = shared_path("corpus", "html")
    rows = [json.loads(line) for line in (root / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]
    row = next(r for r in rows if r["id"] == page_id)
    raw = RawRecord(source=row["html_path"], record=0, content=(root / row["html_path"]).read_bytes(), format="html",
                    url=row["url"])
    doc = clean_record(raw, OPTIONS)
    assert doc.title and doc.paragraphs
    assert doc.published is None or len(doc.published) == 10
    if row["lang"] == "zh-Hant":
        assert doc.script == "hant" and doc.counters["script.t2s"] == 1


@pytest.mark.parametrize(("raw_site", "raw_source", "site", "source_name"), [
    pytest.param(None, "自由時報", None, "自由时报", id="container-source-simplified-with-the-page"),
    pytest.param("中央社", None, "中央社", None, id="container-site"),
])
def test_container_outlet_is_kept(raw_site, raw_source, site, source_name) -> None:
    raw = RawRecord(source="leads.jsonl", record=1, format="text", title="板橋公寓火警奪命 20歲男送醫不治",
                    content="新北市板橋區一棟公寓今天清晨發生火警，消防人員在廁所內發現一名20歲男子。",
                    published="2026-07-20", site=raw_site, source_name=raw_source)
    doc = clean_record(raw, PipelineOptions())
    assert (doc.site, doc.source_name) == (site, source_name)
