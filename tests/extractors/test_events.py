"""Events: one case per trigger rule, type and location rule, dates, participants and the main event.

The date, count and money facts an event reads are written out here (``dated``, ``counted``), so
these tests exercise the event rules alone, not the other extractors.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.context import DocumentContext
from extractors.events import LOCATION_RULES, event_lexicon, extract_events
from extractors.facts import CountFact, DateFact, Fact, MoneyFact
from extractors.orgs import extract_orgs
from extractors.sentences import Sentences

NO_CONTEXT = DocumentContext()


def dated(text: str, surface: str, iso: str, granularity: str = "day") -> DateFact:
    start = text.index(surface)
    return DateFact(surface, start, start + len(surface), "date.given", iso, granularity, "absolute")


def counted(text: str, surface: str, value: int, unit: str, entity: str) -> CountFact:
    start = text.index(surface)
    return CountFact(surface, start, start + len(surface), "count.given", Decimal(value), Decimal(value), unit, entity)


def events_of(text: str, *facts: Fact):
    """Events of ``text`` given some date/count/money facts; its organisations are extracted."""
    everything = sorted((*facts, *extract_orgs(text, NO_CONTEXT)), key=lambda f: (f.start, f.end))
    return extract_events(text, tuple(everything), Sentences.of(text), NO_CONTEXT)


def only(text: str, *facts: Fact):
    found = events_of(text, *facts)
    assert len(found) == 1, [(e.trigger, e.type, e.rule) for e in found]
    return found[0]


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("标题\n3月18日上午，劳动和技能竞赛推进会在零八一电子集团有限公司塔山湾工业园召开。",
                 [("劳动和技能竞赛推进会", "meeting", "event.after")], id="event.after"),
    pytest.param("标题\n当天的包装技能竞赛决赛，在和政县吉美包袋有限公司扶贫车间举行。",
                 [("技能竞赛决赛", "competition", "event.after")], id="event.after.across_comma"),
    pytest.param("标题\n6月2日，新平制香公司的扶贫车间举办了一场职业技能竞赛。",
                 [("职业技能竞赛", "competition", "event.before")], id="event.before"),
    pytest.param("标题\n6月13日，安徽省黄山市工匠博物馆正式开馆。",
                 [("开馆", "opening", "event.verb")], id="event.verb"),
    pytest.param("一场“香”飘万家的竞赛\n扶贫车间吸纳了大量劳动力。",
                 [("竞赛", "competition", "event.title")], id="event.title"),
    pytest.param("标题\n竞赛方案明确了竞赛项目和评分细则。", [], id="event.needs_a_predicate"),
    pytest.param("标题\n代表们在人民大会堂会议室休息。", [], id="event.not_a_room"),
])
def test_trigger_rules(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert [(e.trigger, e.type, e.rule) for e in events_of(text)] == expected


@pytest.mark.parametrize(("sentence", "type_"), [
    pytest.param("会议期间，全市劳动和技能竞赛推进会在工业园召开。", "meeting", id="type.head_word"),
    pytest.param("6月16日，省总工会广泛开展走访慰问活动。", "visit", id="type.generic_head"),
    pytest.param("近年来，繁昌区广泛深入开展形式多样的劳动和技能竞赛。", "campaign", id="type.ongoing_competition"),
    pytest.param("2020年扶贫车间技能竞赛启动。", "competition", id="type.verb_as_predicate"),
    pytest.param("10月9日，全市职工技能培训班在市委党校开班。", "training", id="type.training"),
    pytest.param("12月5日，全省总工会系统表彰大会在兰州召开。", "award", id="type.award"),
])
def test_types(sentence: str, type_: str) -> None:
    assert only("标题\n" + sentence).type == type_


@pytest.mark.parametrize(("sentence", "location"), [
    pytest.param("3月18日，推进会在零八一电子集团有限公司塔山湾工业园召开。", "零八一电子集团有限公司塔山湾工业园",
                 id="event.location.zai"),
    pytest.param("第六届职工运动会将于市体育中心隆重开幕。", "市体育中心", id="event.location.yu"),
    pytest.param("6月2日，甘肃临夏回族自治州新平制香公司的扶贫车间举办了一场职业技能竞赛。",
                 "甘肃临夏回族自治州新平制香公司的扶贫车间", id="event.location.venue_subject"),
    pytest.param("——芜湖市繁昌区大力开展劳动和技能竞赛", "芜湖市繁昌区", id="event.location.place_subject"),
    pytest.param("近年来，芜湖市繁昌区围绕中心、服务大局，广泛深入开展形式多样的劳动和技能竞赛。", "芜湖市繁昌区",
                 id="event.location.place_subject.earlier_clause"),
    pytest.param("市总工会召开会议，传达学习全国两会精神。", None, id="event.location.none"),
])
def test_location_rules(sentence: str, location: str | None) -> None:
    assert only("标题\n" + sentence).location == location


def test_location_rules_are_named() -> None:
    assert [rule.name for rule in LOCATION_RULES] == [
        "event.location.zai", "event.location.yu", "event.location.venue_subject", "event.location.place_subject"]


def test_event_date_prefers_a_day_of_the_sentence() -> None:
    text = "标题\n6月22日，以“复工复产”为主题的2020年技能竞赛决赛在和政县举行。"
    event = only(text, dated(text, "6月22日", "2020-06-22"), dated(text, "2020年", "2020", "year"))
    assert (event.date, event.date_fact.text) == ("2020-06-22", "6月22日")


def test_event_date_falls_back_to_the_paragraph() -> None:
    text = "标题\n3月18日上午，全市推进会召开。会议由市总工会主持。\n4月1日，另一段。"
    events = events_of(text, dated(text, "3月18日上午", "2021-03-18"), dated(text, "4月1日", "2021-04-01"))
    assert [(e.trigger, e.date) for e in events] == [("推进会", "2021-03-18"), ("会议", "2021-03-18")]


def test_event_without_a_date_fact_has_no_date() -> None:
    event = only("标题\n日前，晋江市首届劳动关系协调员职业技能竞赛在安海镇举行。")
    assert (event.date, event.date_fact, event.location) == (None, None, "安海镇")


def test_arguments_come_from_the_sentence() -> None:
    text = ("标题\n6月22日，包袋加工技能竞赛决赛在和政县吉美包袋有限公司扶贫车间举行，"
            "来自临夏州的6个代表队的60名选手参加了决赛，奖金共计2万元。")
    start = text.index("2万元")
    prize = MoneyFact("2万元", start, start + 3, "money.given", Decimal(20000), Decimal(20000))
    teams, players = counted(text, "6个代表队", 6, "个", "代表队"), counted(text, "60名选手", 60, "名", "选手")
    event = next(e for e in events_of(text, teams, players, prize) if e.trigger == "技能竞赛决赛")
    assert event.orgs == ("和政县吉美包袋有限公司",)
    assert (event.counts, event.money, event.participants) == ((teams, players), (prize,), Decimal(60))


def test_main_event_is_the_lead_event_of_the_title_type() -> None:
    text = ("全市2021年劳动和技能竞赛推进会召开\n"
            "3月18日上午，全市劳动和技能竞赛推进会在零八一电子集团有限公司召开。市总工会主席出席会议并讲话。\n"
            "会前，与会人员观摩了技能竞赛活动图片展。")
    events = events_of(text, dated(text, "3月18日上午", "2021-03-18"))
    mains = [e for e in events if e.main]
    assert len(mains) == 1
    assert (mains[0].type, mains[0].date, mains[0].location) == ("meeting", "2021-03-18", "零八一电子集团有限公司")


def test_main_event_prefers_a_predicate_in_the_lead_over_a_bare_title() -> None:
    text = ("劳动竞赛增活力技能比武助发展\n"
            "——芜湖市繁昌区大力开展劳动和技能竞赛\n"
            "近年来，芜湖市繁昌区广泛深入开展形式多样、内容丰富的劳动和技能竞赛。")
    main = next(e for e in events_of(text) if e.main)
    assert (main.type, main.date, main.location) == ("campaign", None, "芜湖市繁昌区")


def test_no_events_without_triggers() -> None:
    assert events_of("标题\n扶贫车间吸纳就业人数1.2万人，人均月收入达到2000元以上。") == []


@pytest.mark.parametrize("text", ["", "\n", "？", "会议室", "人民大会堂"], ids=["empty", "break", "punct", "room", "hall"])
def test_odd_text_gives_nothing(text: str) -> None:
    assert extract_events(text, (), Sentences.of(text), NO_CONTEXT) == []


def test_lexicon_types_are_documented() -> None:
    documented = {"competition", "meeting", "ceremony", "award", "training", "visit", "opening", "campaign",
                  "launch", "exhibition", "performance"}
    lexicon = event_lexicon()
    assert {t for w, t in lexicon.types.items() if lexicon.kinds[w] != "modifier"} <= documented


_PIECES = ["竞赛", "推进会", "召开", "举行", "在", "临夏州", "开展", "活动", "开馆", "技能", "，", "。", "\n", "会议室",
           "举办了一场", "启动", "市总工会", "慰问", "于", "车间"]


@given(st.lists(st.sampled_from(_PIECES), max_size=30))
@settings(max_examples=300, deadline=None)
def test_any_text_gives_at_most_one_main_event(pieces: list[str]) -> None:
    text = "".join(pieces)
    events = events_of(text)
    assert sum(e.main for e in events) == (1 if events else 0)
    assert all(text[e.start:e.end] == e.trigger for e in events)
