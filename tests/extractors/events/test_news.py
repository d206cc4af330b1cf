"""The main event of any report (extractors/events/news.py): general news by family, on realistic news."""

from __future__ import annotations

import pytest

from extractors import extract
from extractors.events.news import RULES as NEWS_RULES, news_lexicon

# FACTS.md §3, by family
FACTS_TYPES = {
    "competition", "meeting", "ceremony", "award", "training", "visit", "opening", "campaign", "exhibition",
    "performance", "launch", "policy", "release", "statement", "deal", "financing", "price", "product",
    "personnel", "layoff", "crime", "arrest", "trial", "penalty", "accident", "disaster", "attack", "death",
    "protest", "rescue", "other",
}


def _main(text: str, published: str | None = "2024-03-12"):
    mains = [e for e in extract(text, published).events if e.main]
    assert len(mains) == 1, [(e.type, e.trigger, e.main) for e in extract(text, published).events]
    return mains[0]


@pytest.mark.parametrize("text, type_, trigger", [
    pytest.param("男子冒充客服诈骗20余万元被刑拘\n3月11日，市公安局通报，犯罪嫌疑人王某已被依法刑事拘留。",
                 "arrest", "刑拘", id="arrest-over-crime"),
    pytest.param("货车与客车相撞致3人死亡\n昨天下午，G15高速一辆货车与客车相撞，事故造成3人死亡、5人受伤。",
                 "accident", "相撞", id="accident-over-death"),
    pytest.param("前副县长受贿案一审宣判 获刑十年\n市中级人民法院今天一审公开宣判，以受贿罪判处被告人有期徒刑十年。",
                 "trial", "一审", id="trial-over-crime"),
    pytest.param("某科技公司宣布裁员15%\n该公司昨日发布内部信，宣布在全球范围内裁员约1200人。",
                 "layoff", "裁员", id="layoff"),
    pytest.param("某芯片企业完成5亿元B轮融资\n3月11日，该企业宣布完成5亿元B轮融资，由某资本领投。",
                 "financing", "B轮", id="financing"),
    pytest.param("市场监管局约谈三家外卖平台\n市市场监管局昨天约谈三家外卖平台，责令限期整改。",
                 "penalty", "约谈", id="penalty-summons"),
    pytest.param("四川发生5.2级地震 暂无人员伤亡报告\n中国地震台网正式测定，3月11日在四川某县发生5.2级地震。",
                 "disaster", "地震", id="disaster"),
    pytest.param("国际油价大涨 布伦特原油突破90美元\n国际油价周一大涨逾3%。",
                 "price", "油价", id="price"),
    pytest.param("某车企宣布召回2万辆汽车\n某车企近日向监管部门备案召回计划，召回2万辆汽车。",
                 "product", "召回", id="product-recall"),
    pytest.param("张某当选某市市长\n在市人大常委会会议上，张某当选某市市长。",
                 "personnel", "当选", id="personnel"),
    pytest.param("数百名工人罢工要求加薪\n某工厂数百名工人昨天罢工，要求提高工资。",
                 "protest", "罢工", id="protest"),
    pytest.param("消防员成功救出被困老人\n消防员经过两小时搜救，成功救出被困老人。",
                 "rescue", "救出", id="rescue"),
    pytest.param("两国外长会谈 就双边关系交换意见\n两国外长昨天在北京会谈。",
                 "meeting", "会谈", id="meeting-with-a-predicate"),
])
def test_title_trigger_of_the_highest_priority_is_the_main_event(text, type_, trigger):
    main = _main(text)
    assert (main.type, main.trigger) == (type_, trigger)


@pytest.mark.parametrize("text, type_, rule", [
    pytest.param("外交部：坚决反对任何形式的干涉\n外交部发言人今天在例行记者会上回应有关提问。",
                 "statement", "event.news.quote", id="speaker-colon-is-a-statement"),
    pytest.param("泉州：小区门口两车相撞 一车还被砸\n昨天下午，泉州某小区门口两车发生碰撞。",
                 "accident", "event.news.title", id="place-colon-is-a-dateline-not-a-speaker"),
    pytest.param("湖南一原区长被双开：为黑恶势力充当保护伞\n湖南省纪委监委日前对该区原区长严重违纪违法问题进行了立案审查。",
                 "penalty", "event.news.title", id="penalty-before-the-colon-wins"),
    pytest.param("全市劳动和技能竞赛推进会召开\n3月18日上午，全市劳动和技能竞赛推进会在市总工会召开。",
                 "meeting", "event.after", id="civic-event-of-the-title-stays"),
    pytest.param("建强主力军实施职工素质工程\n日前，晋江市首届劳动关系协调员职业技能竞赛在安海镇举行。",
                 "competition", "event.after", id="civic-event-of-the-lead-beats-an-announcement-word"),
    pytest.param("一段视频引热议\n近日，一名男子在地铁上的行为被拍下，被警方行政拘留5日。",
                 "arrest", "event.news.lead", id="lead-trigger-when-the-title-has-none"),
    pytest.param("睡前喝一杯它，比安眠药还管用\n很多人都有失眠的烦恼。",
                 "other", "event.news.other", id="nothing-fits-other"),
])
def test_main_event_rules(text, type_, rule):
    main = _main(text)
    assert (main.type, main.rule) == (type_, rule)


@pytest.mark.parametrize("text", [
    pytest.param("三家上市公司发布年报\n三家上市公司昨晚发布2023年年报。", id="listed-company-is-no-listing"),
    pytest.param("交通事故死亡率连续三年下降\n据统计，全省交通事故死亡率连续三年下降。", id="death-rate-is-no-death"),
])
def test_words_holding_a_trigger_are_no_event(text):
    assert _main(text).type not in {"financing", "death"}


@pytest.mark.parametrize("text, published, date", [
    pytest.param("男子醉驾撞上护栏被刑拘\n昨天凌晨，男子王某醉驾撞上护栏，已被刑事拘留。", "2024-03-12", "2024-03-11",
                 id="yesterday-in-a-report-of-the-12th-is-the-11th"),
    pytest.param("男子醉驾撞上护栏被刑拘\n2024年3月9日凌晨，男子王某醉驾撞上护栏，已被刑事拘留。", None, "2024-03-09",
                 id="an-absolute-date-without-publication-date"),
    pytest.param("男子醉驾撞上护栏被刑拘\n3月9日凌晨，男子王某醉驾撞上护栏，已被刑事拘留。", None, None,
                 id="a-day-without-year-and-no-publication-date-is-no-date"),
])
def test_main_event_date(text, published, date):
    assert _main(text, published).date == date


def test_lexicon_covers_every_type_with_its_roles():
    lexicon = news_lexicon()
    assert set(lexicon.types) == FACTS_TYPES
    assert all(info.roles for info in lexicon.types.values())
    assert set(lexicon.triggers.values()) == FACTS_TYPES - {"other"}


def test_rule_names_are_distinct():
    names = [rule.name for rule in NEWS_RULES]
    assert len(set(names)) == len(names)
