"""pipeline.chrome: one case per chrome rule, metadata lines, bylines, titles and the page tail."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.chrome import CHROME_RULES, PageMeta, filter_chrome, lift_meta_line, match_chrome, parse_byline
from tests.conftest import CORPUS

BODY = "6月22日，2020年厦门—临夏东西部协作“扶贫车间”技能竞赛启动仪式在和政县吉美包袋有限公司扶贫车间举行。"
BODY2 = "目前，全州建成扶贫车间266家，其中厦门援建210家，吸纳就业人数1.2万人，人均月收入达到2000元以上。"

# One chrome line per rule, as real pages print them (previous_rule for the contextual ones).
RULE_CASES = [
    ("chrome.breadcrumb", "首页 > 新闻动态 > 省总新闻", None),
    ("chrome.prev_next", "上一篇：我市召开2023年职工技能大赛总结表彰会", None),
    ("chrome.related", "【相关新闻】", None),
    ("chrome.share_zoom", "放大 缩小 默认", None),
    ("chrome.nav_label", "标题导航", None),
    ("chrome.site_links", "联系我们 | 网站地图 | 返回顶部 | 设为首页 | 加入收藏", None),
    ("chrome.login", "您需要登录后才可以评论, 登录| 注册", None),
    ("chrome.comment", "网友评论仅供其表达个人看法，并不表明本站立场", None),
    ("chrome.tags", "关键词：劳动竞赛 技能比武 产业工人", None),
    ("chrome.more_link", "更多精彩资讯请点击 网易股票", None),
    ("chrome.pager", "1 2 3 4 下一页 尾页", None),
    ("chrome.copyright", "版权所有 @ 2024 安徽工人日报社", None),
    ("chrome.icp", "备案号:蜀ICP备2021007964号-1", None),
    ("chrome.address", "地址:东坝翠屏街42号 邮编:628017 举报电话:0839-3262473", None),
    ("chrome.tech_support", "技术支持:华文融媒云", None),
    ("chrome.site_owner", "主办单位：临夏州总工会", None),
    ("chrome.browser_advice", "建议使用IE浏览器,IE8~IE10版本1280*768分辨率,16位以上颜色", None),
    ("chrome.image_file", "DSC_0194.JPG", None),
    ("chrome.paper_meta", "期次:第8246期", None),
    ("chrome.site_name", "安徽工人日报社", None),
    ("chrome.column_label", "阅读提示", None),
    ("chrome.link_list", "• 合肥市瑶海区举办产业工人劳动和技能大赛", None),
    ("chrome.headline_list", "摘要:本报讯1月8日,滁州市凤阳县总工会依托工会驿站开展“送温暖”慰问行动,为快递员送去关爱", "chrome.link_list"),
    ("chrome.dated_link", "争春时 赶订单2025-02-13", None),
    ("chrome.table_rule", "|---|---|---|", None),
    ("chrome.nav_menu", "| 首页 | 滚动 | 商学院 | 商业传奇 | 亦观察 | 看商业 |", None),
]


@pytest.mark.parametrize(("rule", "line", "previous"), [pytest.param(*case, id=case[0]) for case in RULE_CASES])
def test_rule_removes_its_line(rule: str, line: str, previous: str | None) -> None:
    hit = match_chrome(line, previous)
    assert hit is not None and hit[0].name == rule


def test_every_rule_has_a_case() -> None:
    assert {r.name for r in CHROME_RULES} == {case[0] for case in RULE_CASES}


# For each rule with ``needs``: a line per alternative of its pattern, as pages print them.
NEEDS_CASES = {
    "chrome.breadcrumb": ["首页 > 新闻动态", "当前位置：首页 &gt; 要闻", "省总 » 新闻 » 正文", "工会→动态→正文"],
    "chrome.login": ["请登录后发表评论", "登录 | 注册 发表评论", "用户名：密码："],
    "chrome.copyright": ["版权所有 @ 2024 安徽工人日报社", "本网版权归工人日报社所有", "Copyright 2024 xinhuanet.com",
                         "©2024 人民网", "(C) 2021 Sohu.com", "ALL RIGHTS RESERVED", "未经本网书面授权不得转载",
                         "转载请注明出处"],
    "chrome.icp": ["蜀ICP备2021007964号-1", "川公网安备 51070302110111号", "公安备案号 11010502030143",
                   "增值电信业务经营许可证：京B2-20090061", "信息网络传播视听节目许可证 0108263号"],
    "chrome.address": ["地址:东坝翠屏街42号", "邮编:628017", "举报电话:0839-3262473", "传真：010-65363311",
                       "E-mail: news@xinhua.org", "邮箱：abc@163.com"],
    "chrome.browser_advice": ["建议使用IE浏览器", "推荐分辨率1280*768", "1024×768像素"],
}
NEEDS_RULES = [rule for rule in CHROME_RULES if rule.needs is not None]


def test_every_rule_with_needs_has_cases() -> None:
    assert {rule.name for rule in NEEDS_RULES} == set(NEEDS_CASES)


@pytest.mark.parametrize("rule", [pytest.param(rule, id=rule.name) for rule in NEEDS_RULES])
def test_needs_finds_a_word_in_every_line_the_rule_matches(rule) -> None:
    """``needs`` only skips the pattern where it could not match: on its cases, on every rule's case and
    on every line of the sample pages, the pattern matching implies ``needs`` matching."""
    for line in NEEDS_CASES[rule.name]:
        assert rule.pattern.search(line), line
    lines = NEEDS_CASES[rule.name] + [case[1] for case in RULE_CASES] + [
        line for path in sorted(CORPUS.rglob("*.txt")) for line in path.read_text(encoding="utf-8").splitlines()]
    for line in lines:
        if rule.pattern.search(line):
            assert rule.needs.search(line), line


@pytest.mark.parametrize("rule", [pytest.param(rule, id=rule.name) for rule in NEEDS_RULES])
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(data=st.data())
def test_needs_finds_a_word_in_any_text_the_pattern_matches(rule, data) -> None:
    line = data.draw(st.from_regex(rule.pattern))
    assert rule.needs.search(line), line


@pytest.mark.parametrize(
    "line",
    [
        pytest.param(BODY, id="prose.lead"),
        pytest.param("加强领导 形成工作合力", id="prose.subhead"),
        pytest.param("习近平 李强 赵乐际 王沪宁 蔡奇 丁薛祥 李希", id="prose.list_of_names"),
        pytest.param("新版《互联网跟帖评论服务管理规定》即将施行", id="prose.headline_about_comments"),
        pytest.param("摘要：在埃洛普入主诺基亚之前，诺基亚如日中天。", id="prose.abstract_not_under_a_headline_list"),
        pytest.param("- 完成固定资产投资1200亿元，同比增长8.5%", id="prose.markdown_list_item"),
        pytest.param("2023年9月7日", id="prose.signing_date_of_a_document"),
        pytest.param("（二）对涉嫌贪污贿赂、滥用职权、玩忽职守等职务违法和职务犯罪进行调查；", id="prose.enumerated_clause"),
    ],
)
def test_article_lines_are_not_chrome(line: str) -> None:
    assert match_chrome(line) is None


@pytest.mark.parametrize(
    ("line", "published", "source", "site"),
    [
        pytest.param("来源:科技站 更新于:2020年6月24日() 阅读:", "2020-06-24", "科技站", None, id="meta.published_label"),
        pytest.param("广元工会网 http://example.com/   发布时间:2021-03-22  点击量:13104   来源:系统管理",
                     "2021-03-22", "系统管理", "广元工会网", id="meta.site_residue"),
        pytest.param("2019-09-07 10:23:11 来源：新浪财经", "2019-09-07", "新浪财经", None, id="meta.published"),
        pytest.param("2024-01-12", "2024-01-12", None, None, id="meta.bare_date_in_head"),
        pytest.param("发布时间：18-03-0823:16", "2018-03-08", None, None, id="meta.published_label_two_digit_year"),
        pytest.param("来源: | 发布时间: 2018-05-17 | 浏览次数: 2168", "2018-05-17", None, None, id="meta.empty_source"),
    ],
)
def test_meta_line_lifts_fields(line: str, published: str | None, source: str | None, site: str | None) -> None:
    meta = PageMeta()
    assert lift_meta_line(line, meta, Counter(), in_head=True)
    assert (meta.published, meta.source_name, meta.site) == (published, source, site)


@pytest.mark.parametrize(
    ("line", "in_head"),
    [
        pytest.param("争春时 赶订单2025-02-13", True, id="not_meta.headline_with_date"),
        pytest.param("2024-01-12", False, id="not_meta.bare_date_below_article"),
        pytest.param("数据显示，2021-03-22当天成交量创新高。", True, id="not_meta.prose"),
    ],
)
def test_meta_line_rejects(line: str, in_head: bool) -> None:
    meta = PageMeta()
    assert not lift_meta_line(line, meta, Counter(), in_head=in_head)
    assert meta.published is None


@pytest.mark.parametrize(
    ("line", "credits"),
    [
        pytest.param("本报记者 康劲 本报通讯员 马世元", [("康劲", True), ("马世元", True)], id="byline.reporter_and_correspondent"),
        pytest.param("本期执行:记者 林伊婷 秦越 许金植", [("林伊婷", True), ("秦越", True), ("许金植", True)], id="byline.issue_team"),
        pytest.param("本期策划:方锦枞 钱健铭 张志耐", [("方锦枞", False), ("钱健铭", False), ("张志耐", False)], id="byline.planners_are_not_authors"),
        pytest.param("（记者陈华 实习生田星星）", [("陈华", True), ("田星星", True)], id="byline.glued_labels"),
        pytest.param("文/李文华", [("李文华", True)], id="byline.one_char_label_and_name_with_it"),
        pytest.param("责任编辑：张迪", [("张迪", False)], id="byline.editor"),
    ],
)
def test_parse_byline(line: str, credits: list[tuple[str, bool]]) -> None:
    assert parse_byline(line) == credits


@pytest.mark.parametrize(
    "line",
    [
        pytest.param(BODY, id="not_byline.prose"),
        pytest.param("记者从国网山西电力了解到", id="not_byline.reporter_in_a_sentence"),
        pytest.param("康劲 马世元", id="not_byline.names_without_label"),
    ],
)
def test_parse_byline_rejects(line: str) -> None:
    assert parse_byline(line) is None


def test_text_dump_title_kicker_and_byline() -> None:
    lines = [
        "",
        "临夏州工会通过技能竞赛助力扶贫车间产业升级，让在家门口就业的“新工人”入会进家——",
        "一场“香”飘万家的竞赛",
        "本报记者 康劲 本报通讯员 马世元",
        BODY,
    ]
    result = filter_chrome(lines)
    assert result.title == "一场“香”飘万家的竞赛"
    assert result.paragraphs == [BODY]
    assert result.meta.authors == ["康劲", "马世元"]
    assert result.counters == {"title.kicker": 1, "chrome.byline": 1}


def test_text_dump_headline_list_before_the_title() -> None:
    lines = [
        "安徽工人日报社", "2024-01-12", "报刊:安徽工人日报", "内容搜索", "标题导航",
        "  • 关注新业态冬日送温暖",
        "    摘要:本报讯1月8日,滁州市凤阳县总工会依托工会驿站开展“送温暖”慰问行动,为快递员送去",
        "放大 缩小 默认",
        "劳动竞赛增活力技能比武助发展",
        "——芜湖市繁昌区大力开展劳动和技能竞赛",
        "   期次:第8246期   ",
        BODY,
    ]
    result = filter_chrome(lines)
    assert result.title == "劳动竞赛增活力技能比武助发展"
    assert result.paragraphs == [BODY]
    assert (result.meta.published, result.meta.site) == ("2024-01-12", "安徽工人日报")
    assert result.counters["title.subtitle"] == 1 and result.counters["chrome.headline_list"] == 1


def test_page_tail_after_related_and_login() -> None:
    lines = ["建强主力军实施职工素质工程", BODY, BODY2, "您需要登录后才可以评论, 登录| 注册",
             "争春时 赶订单2025-02-13", "挖掘泉州的乡村之美、名桥之美、名山之美,让时代记忆在城市更新中焕发光彩"]
    result = filter_chrome(lines)
    assert result.paragraphs == [BODY, BODY2]
    assert result.counters["chrome.tail"] == 1


def test_tail_ends_when_prose_returns() -> None:
    lines = ["标题：职工技能竞赛举行", BODY, "相关链接", "• 我市举行职工技能竞赛", BODY2, "技能竞赛释放多重效应"]
    result = filter_chrome(lines)
    assert result.paragraphs == [BODY, BODY2, "技能竞赛释放多重效应"]


def test_site_links_above_the_article_do_not_start_the_tail() -> None:
    lines = ["添加收藏夹 | 设为首页 | 关于我们", "中华人民共和国监察法", "第一章 总 则", BODY]
    result = filter_chrome(lines)
    assert result.title == "中华人民共和国监察法"
    assert result.paragraphs == ["第一章 总 则", BODY]


def test_no_title_search_when_title_is_known() -> None:
    result = filter_chrome(["加强领导 形成工作合力", BODY], find_title=False)
    assert result.title is None
    assert result.paragraphs == ["加强领导 形成工作合力", BODY]


@pytest.mark.parametrize(
    ("lines", "published"),
    [
        pytest.param(["石佳/中国青年报", "2019-09-24 09:10", "字号", BODY], "2019-09-24", id="head_date.after_a_source_label"),
        pytest.param(["新年伊始，习近平的重要文章谈了啥？", "新华社", "2020-01-03 18:13", BODY], "2020-01-03",
                     id="head_date.after_a_question_headline"),
        pytest.param([BODY, "2019-09-24 09:10"], None, id="head_date.not_below_prose"),
    ],
)
def test_head_date_below_labels(lines: list[str], published: str | None) -> None:
    result = filter_chrome(lines, find_title=False)
    assert result.meta.published == published
    assert "字号" not in result.paragraphs and "2019-09-24 09:10" not in result.paragraphs[:1]


def test_dateline_gives_the_date() -> None:
    result = filter_chrome(["新华社北京2023年3月5日电 第十四届全国人民代表大会第一次会议5日上午在人民大会堂开幕。"], find_title=False)
    assert result.meta.published == "2023-03-05"
