"""pipeline.html_content: trafilatura main content plus the title/site/author corrections."""

from __future__ import annotations

import json
import re

import pytest
import trafilatura
from lxml import html as lxml_html
from trafilatura.metadata import extract_metadata

from pipeline.html_content import (
    _date_params,
    body_text,
    choose_title,
    clean_authors,
    clean_site,
    extract_main_content,
    page_metadata,
    parse_html,
    streamed_body_text,
    strip_site_suffix,
    unwrap_table_rows,
)
from pipeline.clean import clean_record
from pipeline.document import RawRecord
from pipeline.options import PipelineOptions
from tests.conftest import shared_path

PARAGRAPHS = [
    "本报讯（记者 王芳）3月18日上午，全市2023年“建功新时代”劳动和技能竞赛推进会在市职工服务中心召开。市总工会党组书记、常务副主席李明主持会议。",
    "会议总结了2022年全市劳动和技能竞赛工作，通报表扬了优胜单位40个、优秀组织单位15个，命名市级劳模和工匠人才创新工作室9个。",
    "会议要求，各级工会要在重点工程、重点项目中广泛开展劳动和技能竞赛，今年全市计划投入竞赛奖励资金300万元，覆盖职工6.5万人。",
    "据了解，去年全市共举办各类职业技能竞赛126场，参赛职工超过2.3万人次，其中1860人通过竞赛晋升了职业技能等级。",
]
ARTICLE_PAGE = f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<title>全市劳动和技能竞赛推进会召开_工会新闻_广元工会网</title>
<meta property="og:site_name" content="广元工会网">
<meta name="author" content="王芳">
<meta property="article:published_time" content="2023-03-20T09:30:00+08:00">
</head><body>
<div class="nav"><a href="/">首页</a> | <a href="/news">工会新闻</a> | <a href="/about">关于我们</a></div>
<h1 class="logo"><a href="/">广元工会网</a></h1>
<div class="article">
<h2 class="title">全市劳动和技能竞赛推进会召开</h2>
<div class="info">发布时间：2023-03-20 来源：市总工会 点击量：1024</div>
{''.join(f'<p>{p}</p>' for p in PARAGRAPHS)}
</div>
<div class="footer"><p>版权所有 广元工会网 蜀ICP备2021007964号-1</p></div>
</body></html>"""


@pytest.mark.parametrize(
    ("title", "headline", "site"),
    [
        pytest.param("埃洛普离职：微软卧底成弃儿？_网易财经", "埃洛普离职：微软卧底成弃儿？", "网易财经", id="suffix.underscore"),
        pytest.param("法国全国大罢工再次严重影响交通-新华网", "法国全国大罢工再次严重影响交通", "新华网", id="suffix.hyphen"),
        pytest.param("新闻动态--中国地理学会官网", "新闻动态", "中国地理学会官网", id="suffix.double_hyphen"),
        pytest.param("中国人习以为常的地方 为何老外却说“了不得”？|公园|老外_新浪新闻",
                     "中国人习以为常的地方 为何老外却说“了不得”？", "新浪新闻", id="suffix.several_outermost_is_site"),
        pytest.param("1-10月德清县固定资产投资结构趋稳趋优", "1-10月德清县固定资产投资结构趋稳趋优", None, id="keep.hyphen_between_digits"),
        pytest.param("山西省人民政府网站", "山西省人民政府网站", None, id="keep.no_separator"),
    ],
)
def test_strip_site_suffix(title: str, headline: str, site: str | None) -> None:
    assert strip_site_suffix(title) == (headline, site)


def test_choose_title_skips_logo_heading() -> None:
    tree = lxml_html.fromstring(ARTICLE_PAGE)
    assert choose_title(tree, "广元工会网") == ("全市劳动和技能竞赛推进会召开", "广元工会网")


def test_choose_title_without_headings_uses_title_element() -> None:
    tree = lxml_html.fromstring("<html><head><title>6月汇丰服务业PMI为51.8 跌至五个月最低_网易财经</title></head>"
                                "<body><p>正文</p></body></html>")
    assert choose_title(tree, None) == ("6月汇丰服务业PMI为51.8 跌至五个月最低", "网易财经")


@pytest.mark.parametrize(
    ("author", "names"),
    [
        pytest.param("责任编辑：张迪", ("张迪",), id="authors.label_removed"),
        pytest.param("扬眼 企鹅号", ("扬眼",), id="authors.platform_word_dropped"),
        pytest.param("王芳; 李明", ("王芳", "李明"), id="authors.several"),
        pytest.param("艾力·阿布都热合曼", ("艾力·阿布都热合曼",), id="authors.uyghur_name"),
        pytest.param("Kingname", ("Kingname",), id="authors.latin_name"),
        pytest.param("账号 密码 自动登录 登录并发表 我的跟贴; 我的Lofter; 退出 马上发表", (), id="authors.login_widget"),
        pytest.param(None, (), id="authors.none"),
    ],
)
def test_clean_authors(author: str | None, names: tuple[str, ...]) -> None:
    assert clean_authors(author) == names


@pytest.mark.parametrize(
    ("sitename", "title_site", "url", "site"),
    [
        pytest.param("网易版权所有", "网易财经", None, "网易", id="site.copyright_word_removed"),
        pytest.param(None, "新华网", "http://www.news.cn/a.htm", "新华网", id="site.title_suffix"),
        pytest.param("news.ifeng.com", "凤凰网资讯", None, "凤凰网资讯", id="site.host_name_loses_to_title"),
        pytest.param(None, None, "https://readhub.cn/topic/7PM49H7yjs5", "readhub.cn", id="site.host_from_url"),
    ],
)
def test_clean_site(sitename: str | None, title_site: str | None, url: str | None, site: str) -> None:
    assert clean_site(sitename, title_site, url) == site


def test_unwrap_table_rows() -> None:
    text = "| 项目 | 金额（万元） |\n|---|---|\n| 竞赛奖励 | 300 |\n|  | 中华人民共和国监察法 第一章 总 则 |\n正文"
    assert unwrap_table_rows(text).splitlines() == [
        "项目 | 金额（万元）", "--- | ---", "竞赛奖励 | 300", "中华人民共和国监察法 第一章 总 则", "正文"]


def test_body_text_puts_blocks_on_lines() -> None:
    page = "<html><body><script>var a=1;</script><div>第一段<br>第二段</div><p>第三段</p><style>p{}</style></body></html>"
    assert [line for line in body_text(page).splitlines() if line.strip()] == ["第一段", "第二段", "第三段"]


def test_extract_main_content_of_an_article_page() -> None:
    content = extract_main_content(ARTICLE_PAGE, "http://www.gyzgh.gov.cn/news/123.html")
    assert content.method == "trafilatura"
    assert content.title == "全市劳动和技能竞赛推进会召开"
    assert content.published == "2023-03-20"
    assert content.site == "广元工会网"
    assert content.authors == ("王芳",)
    assert content.url == "http://www.gyzgh.gov.cn/news/123.html"
    for paragraph in PARAGRAPHS:
        assert paragraph in content.text
    assert "蜀ICP备" not in content.text and "关于我们" not in content.text


def test_extract_main_content_never_raises_on_junk() -> None:
    content = extract_main_content("<<<>>> not html at all \x00")
    assert content.title is None or isinstance(content.title, str)


def _manifest_rows() -> list[dict]:
    path = shared_path("corpus", "html", "manifest.jsonl")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize("page_id", ["cx_extractor_163/2", "gne_testpages/163__9", "gne_testpages/sina__1",
                                     "newspaper4k_fixtures/chinese_article_002"])
def test_shared_pages_title_is_the_headline_without_site(page_id: str) -> None:
    row = next(r for r in _manifest_rows() if r["id"] == page_id)
    page = (shared_path("corpus", "html") / row["html_path"]).read_bytes().decode(row["encoding"])
    content = extract_main_content(page, row["url"])
    page_title = re.search(r"<title>(.*?)</title>", page, re.S).group(1)
    assert content.title and content.title in page_title
    assert content.site and content.site not in content.title
    assert len(content.text) > 200


def test_shared_pages_with_known_titles() -> None:
    rows = [r for r in _manifest_rows() if "title" in r]
    assert rows
    root = shared_path("corpus", "html")
    for row in rows:
        content = extract_main_content((root / row["html_path"]).read_bytes().decode(row["encoding"]), row["url"])
        assert content.title and content.title in row["title"], row["id"]


# --- deeply nested pages: libxml2 stops at 256 levels, the streamed body text does not ------------

DEEP_PARAGRAPH = ("3月18日上午，杭州市总工会在滨江区召开2024年职工技能提升推进会，宣布今年将投入专项资金1500万元，"
                  "组织开展各类职业技能竞赛200余场，预计参赛职工超过5万人次。")


def deep_page(tag: str, depth: int) -> str:
    return ("<html><head><title>杭州市总工会召开推进会</title><style>p{color:red}</style></head><body>"
            + f"<{tag}>" * depth + f"<p>{DEEP_PARAGRAPH}</p><script>var x = '不是正文';</script>"
            + f"</{tag}>" * depth + "</body></html>")


@pytest.mark.parametrize("depth", [300, 10_000])
@pytest.mark.parametrize("tag", ["div", "span", "font", "blockquote"])
def test_deeply_nested_page_keeps_its_paragraph(tag: str, depth: int) -> None:
    content = extract_main_content(deep_page(tag, depth))
    lines = [line.strip() for line in content.text.splitlines() if line.strip()]
    assert lines == [DEEP_PARAGRAPH]
    assert content.title == "杭州市总工会召开推进会"


def test_deeply_nested_page_cleans_to_title_and_paragraph() -> None:
    raw = RawRecord(source="deep.html", record=0, content=deep_page("div", 10_000).encode("utf-8"), format="html")
    doc = clean_record(raw, PipelineOptions())
    assert doc.text == "杭州市总工会召开推进会\n" + DEEP_PARAGRAPH


@pytest.mark.parametrize(
    ("page", "lines"),
    [
        pytest.param("<body><p>甲</p><br/>乙<li>丙</li></body>", ["甲", "乙", "丙"], id="blocks_are_lines"),
        pytest.param("<head><title>题</title><body><p>正文</p>", ["正文"], id="unclosed_head_does_not_hide_body"),
        pytest.param("<p>前</p><script>var a = '<p>脚本</p>';</script><style>p{}</style><p>后</p>", ["前", "后"],
                     id="script_and_style_dropped"),
        pytest.param("<p>一&amp;二&#20108;</p>", ["一&二二"], id="character_references"),
    ],
)
def test_streamed_body_text(page: str, lines: list[str]) -> None:
    assert [line.strip() for line in streamed_body_text(page).splitlines() if line.strip()] == lines


# --- one parse, trafilatura's metadata steps without the parts never read ---------------------------

# pages whose metadata comes from different places: <meta>, JSON-LD, a date only dateparser reads
# (2019年9月26日 15:10), a date in a script (WeChat), author elements, a canonical link
METADATA_PAGES = ["cx_extractor_163/2", "gne_testpages/ifeng__1", "gne_testpages/xds__1", "gne_testpages/wechat__1",
                  "gne_testpages/stcn__1", "gne_testpages/thepaper__1", "gne_testpages/163__9",
                  "readability_fixtures/qq", "readability_fixtures/pixnet", "newspaper4k_fixtures/chinese_article"]


def _shared_page(page_id: str) -> tuple[str, str | None]:
    row = next(r for r in _manifest_rows() if r["id"] == page_id)
    return (shared_path("corpus", "html") / row["html_path"]).read_bytes().decode(row["encoding"]), row["url"]


@pytest.mark.parametrize("page_id", METADATA_PAGES)
def test_parse_html_builds_trafilaturas_tree(page_id: str) -> None:
    page, _ = _shared_page(page_id)
    tree = parse_html(page)
    assert isinstance(tree, lxml_html.HtmlElement)
    assert lxml_html.tostring(tree) == lxml_html.tostring(trafilatura.load_html(page))


@pytest.mark.parametrize("page, parsed", [
    # an XML declaration with an encoding: lxml refuses it in a str, both parse the bytes
    ('<?xml version="1.0" encoding="utf-8"?><html><body><p>市总工会召开推进会。</p></body></html>', True),
    ("<html><body><p>市总工会召开推进会。</p></body></html>", True),
    ("市总工会召开推进会，180余人参加。", False),  # not HTML: no tree, as trafilatura.load_html
])
def test_parse_html_on_odd_input_as_trafilatura(page: str, parsed: bool) -> None:
    tree, theirs = parse_html(page), trafilatura.load_html(page)
    assert (tree is not None) is parsed and (theirs is not None) is parsed
    if parsed:
        assert lxml_html.tostring(tree) == lxml_html.tostring(theirs)
        assert "市总工会召开推进会" in tree.text_content()


@pytest.mark.parametrize("page_id", METADATA_PAGES)
def test_page_metadata_is_trafilaturas(page_id: str) -> None:
    page, url = _shared_page(page_id)
    tree = parse_html(page)
    before = lxml_html.tostring(tree)
    ours = page_metadata(tree, url, _date_params())
    theirs = extract_metadata(trafilatura.load_html(page), url, _date_params())
    fields = ("title", "author", "url", "hostname", "date", "sitename")
    assert [getattr(ours, f) for f in fields] == [getattr(theirs, f) for f in fields]
    assert lxml_html.tostring(tree) == before  # read only: trafilatura and choose_title get the page whole


def test_page_metadata_of_an_article_page() -> None:
    meta = page_metadata(parse_html(ARTICLE_PAGE), "https://www.gyzgh.example.cn/news/2023/0320/1.html", _date_params())
    assert meta.date == "2023-03-20"
    assert meta.sitename == "广元工会网"
    assert not meta.categories and not meta.tags and meta.license is None  # never read, never looked for
