"""Events: one case per trigger rule, filter, type and location rule, dates, orgs, participants and the
main event.

The date, count and money facts an event reads are written out here (``dated``, ``counted``), and so
are the organisations where a rule reads them (``organised``), so these tests exercise the event rules
alone, not the other extractors.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.events import extract_events
from extractors.facts import MoneyFact
from extractors.sentences import Sentences
from tests.extractors.events.given_facts import NO_CONTEXT, counted, dated, events_of, only, organised


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
    pytest.param("习近平向服务贸易峰会发表视频致辞\n9月2日上午，习近平在北京向服务贸易峰会发表视频致辞。",
                 [("峰会", "meeting", "event.title"), ("峰会", "meeting", "event.as_titled")], id="event.as_titled"),
    pytest.param("标题\n竞赛方案明确了竞赛项目和评分细则。", [], id="event.needs_a_predicate"),
    pytest.param("标题\n代表们在人民大会堂会议室休息。", [], id="event.not_a_room"),
])
def test_trigger_rules(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert [(e.trigger, e.type, e.rule) for e in events_of(text)] == expected


# (text, the date fact's surface or None, expected events)
@pytest.mark.parametrize(("text", "day", "expected"), [
    pytest.param("标题\n1月20日，全市工会共慰问困难职工2.3万户，发放慰问金1200万元。", "1月20日",
                 [("慰问", "visit", "event.verb")], id="filter.longer_word.relief_money"),
    pytest.param("标题\n各地积极推广线上线下融合的服务模式，群众办事更方便。", None, [],
                 id="filter.longer_word.online_offline"),
    pytest.param("标题\n沪指从3000点启动，半年时间即突破5000点。", None, [], id="filter.verb_needs_an_anchor"),
    pytest.param("标题\n近日，中国藏学家交流团访问法国、挪威。", None, [("访问", "visit", "event.verb")],
                 id="filter.verb_anchored_in_the_sentence"),
    pytest.param("标题\n他向遇难者家属致以诚挚的慰问。", None, [], id="filter.verb_as_noun"),
    pytest.param("标题\n这座馆开馆以来，已接待游客50万人次。", None, [], id="filter.verb_dates_something_else"),
    pytest.param("标题\n3月2日，由于原材料短缺，公司并没有开工。", "3月2日", [], id="filter.negated"),
    pytest.param("标题\n会议强调，各级工会要深入开展劳动和技能竞赛。", None, [], id="filter.directive"),
    pytest.param("标题\n6月3日，市政府印发《关于开展安全生产月活动的通知》。", "6月3日", [],
                 id="filter.document_in_title_marks"),
    pytest.param("标题\n5月6日，省政府发布数字经济三年行动计划。", "5月6日", [], id="filter.document_name"),
    pytest.param("标题\n6月1日，省安委办在太原启动2024年“安全生产月”活动。", "6月1日",
                 [("活动", "campaign", "event.before")], id="filter.predicate_verb_is_not_a_second_event"),
    pytest.param("标题\n8月5日，由省体育局主办的全民健身运动会龙舟比赛在汨罗江举行。", "8月5日",
                 [("比赛", "competition", "event.after")], id="filter.name_part_of_the_next_phrase"),
    pytest.param("标题\n安南青商会捐赠1辆复康巴士给市政府，27日在市政中心举行捐赠仪式。", "27日",
                 [("捐赠仪式", "ceremony", "event.before")], id="filter.predicate_of_the_next_phrase"),
    pytest.param("标题\n两国总统11日在土库曼斯坦出席国际会议期间举行会谈，讨论双边关系。", "11日",
                 [("会议", "meeting", "event.before"), ("会谈", "visit", "event.verb")],
                 id="filter.predicate_of_the_next_verb"),
    pytest.param("标题\n各院校深入乡村基层开展科技兴农、文化宣讲、政企实践等活动。", None,
                 [("活动", "campaign", "event.before")], id="filter.list_of_kinds"),
    pytest.param("标题\n大会报告分别由广州大学朱竑教授主持。", None, [], id="filter.chaired_needs_you"),
    pytest.param("标题\n会议由市总工会主席高桦主持。", None, [("会议", "meeting", "event.after")], id="filter.chaired_by"),
    pytest.param("【世界大学生运动会】口岸抵离服务保障工作全面启动\n正文。", None,
                 [("运动会", "competition", "event.title"), ("启动", "launch", "event.verb")], id="filter.column_label"),
    pytest.param("标题\n德国总理拒绝出席面对面的峰会。", None, [], id="filter.refused"),
])
def test_filters(text: str, day: str | None, expected: list[tuple[str, str, str]]) -> None:
    facts = (dated(text, day, "2024-06-01"),) if day else ()
    assert [(e.trigger, e.type, e.rule) for e in events_of(text, *facts)] == expected


@pytest.mark.parametrize(("sentence", "type_"), [
    pytest.param("会议期间，全市劳动和技能竞赛推进会在工业园召开。", "meeting", id="type.head_word"),
    pytest.param("6月16日，省总工会广泛开展走访慰问活动。", "visit", id="type.generic_head"),
    pytest.param("近年来，繁昌区广泛深入开展形式多样的劳动和技能竞赛。", "campaign", id="type.ongoing_competition"),
    pytest.param("2020年扶贫车间技能竞赛启动。", "competition", id="type.verb_as_predicate"),
    pytest.param("10月9日，全市职工技能培训班在市委党校开班。", "training", id="type.training"),
    pytest.param("12月5日，全省总工会系统表彰大会在兰州召开。", "award", id="type.award"),
    pytest.param("6月8日，国家副主席在北京会见英国伦敦金融城市长。", "visit", id="type.meeting_verb_is_a_visit"),
    pytest.param("台北国际书展将于2月20日在世贸一馆开幕。", "opening", id="type.exhibition_opens"),
    pytest.param("第八届猕猴桃采摘节在齐镇开幕。", "opening", id="type.festival_opens"),
    pytest.param("第八届猕猴桃采摘节在齐镇举办。", "campaign", id="type.festival"),
    pytest.param("3月16日，该团队凭借康复外骨骼项目获得金奖。", "award", id="type.award_won"),
    pytest.param("9月17日，美的集团在香港联合交易所主板挂牌上市。", "ceremony", id="type.listing"),
])
def test_types(sentence: str, type_: str) -> None:
    assert only("标题\n" + sentence).type == type_


def test_event_date_prefers_a_day_of_the_sentence() -> None:
    text = "标题\n6月22日，以“复工复产”为主题的2020年技能竞赛决赛在和政县举行。"
    event = only(text, dated(text, "6月22日", "2020-06-22"), dated(text, "2020年", "2020", "year"))
    assert (event.date, event.date_fact.text) == ("2020-06-22", "6月22日")


def test_event_date_falls_back_to_the_paragraph() -> None:
    text = "标题\n3月18日上午，全市推进会召开。会议由市总工会主持。\n4月1日，另一段。"
    events = events_of(text, dated(text, "3月18日上午", "2021-03-18"), dated(text, "4月1日", "2021-04-01"))
    assert [(e.trigger, e.date) for e in events] == [("推进会", "2021-03-18"), ("会议", "2021-03-18")]


@pytest.mark.parametrize(("sentence", "given", "expected"), [
    pytest.param("台北书展基金会昨日宣布，台北国际书展将于2月20日至25日在世贸一馆举行。",
                 [("昨日", "2024-02-04", "day"), ("2月20日至25日", "2024-02-20/2024-02-25", "range")],
                 "2024-02-20/2024-02-25", id="date.own_clause_over_another_verbs"),
    pytest.param("6月1日，省安委办在太原启动2024年“安全生产月”活动，活动持续至6月30日。",
                 [("6月1日", "2024-06-01", "day"), ("2024年", "2024", "year"), ("6月30日", "2024-06-30", "day")],
                 "2024-06-01", id="date.heading_the_sentence_over_a_name_year_and_a_later_date"),
    pytest.param("3月18日上午，全市2021年“建功‘十四五’”劳动和技能竞赛推进会在工业园召开。",
                 [("3月18日上午", "2021-03-18", "day"), ("2021年", "2021", "year"),
                  ("十四五", "2021/2025", "range")],
                 "2021-03-18", id="date.a_plan_counts_as_a_year"),
])
def test_event_date_rules(sentence: str, given: list[tuple[str, str, str]], expected: str) -> None:
    text = "标题\n" + sentence
    facts = [dated(text, surface, iso, granularity) for surface, iso, granularity in given]
    facts = [replace(f, rule="date.five_year_plan") if f.text == "十四五" else f for f in facts]
    assert next(e for e in events_of(text, *facts) if e.start > 2).date == expected


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


@pytest.mark.parametrize(("sentence", "orgs", "expected"), [
    pytest.param("10月13日，由临沂市总工会主办的快递员职业技能大赛在物流园举行，市邮政管理局领导出席。",
                 ["临沂市总工会", "市邮政管理局"], ("临沂市总工会",), id="event.orgs.organiser"),
    pytest.param("央视网消息：国务院新闻办公室今天举行新闻发布会。", ["央视网", "国务院新闻办公室"],
                 ("国务院新闻办公室",), id="event.orgs.not_the_news_source"),
    pytest.param("中央社台北22日电 台中石冈热气球嘉年华今天登场，台中市政府邀民众参加。", ["中央社", "台中市政府"],
                 ("台中市政府",), id="event.orgs.not_the_dateline"),
])
def test_event_orgs(sentence: str, orgs: list[str], expected: tuple[str, ...]) -> None:
    text = "标题\n" + sentence
    event = next(e for e in events_of(text, *(organised(text, o) for o in orgs)) if e.start > 2)
    assert event.orgs == expected


@pytest.mark.parametrize(("sentence", "count", "expected"), [
    pytest.param("10月13日，快递员职业技能大赛在物流园举行，156名选手参加比赛。", ("156名选手", 156, "名", "选手"), 156,
                 id="event.participants.take_part"),
    pytest.param("5月19日，企业代表团一行25人到苏州工业园区考察访问。", ("25人", 25, "人", None), 25,
                 id="event.participants.delegation"),
    pytest.param("县政府于今天召开灾害对策会议，目前已有19人下落不明。", ("19人", 19, "人", None), None,
                 id="event.participants.not_victims"),
])
def test_participants(sentence: str, count: tuple, expected: int | None) -> None:
    text = "标题\n" + sentence
    surface, value, unit, entity = count
    event = next(e for e in events_of(text, counted(text, surface, value, unit, entity)) if e.start > 2)
    assert event.participants == (None if expected is None else Decimal(expected))


# (title and lead, the date facts given as (surface, iso, granularity), the main event's trigger, type, date, location)
@pytest.mark.parametrize(("text", "given", "expected"), [
    pytest.param("全市2021年劳动和技能竞赛推进会召开\n"
                 "3月18日上午，全市劳动和技能竞赛推进会在零八一电子集团有限公司召开。市总工会主席出席会议并讲话。\n"
                 "会前，与会人员观摩了技能竞赛活动图片展。",
                 [("3月18日上午", "2021-03-18", "day")],
                 ("劳动和技能竞赛推进会", "meeting", "2021-03-18", "零八一电子集团有限公司"), id="main.lead_report_of_the_title"),
    pytest.param("劳动竞赛增活力技能比武助发展\n——芜湖市繁昌区大力开展劳动和技能竞赛\n"
                 "近年来，芜湖市繁昌区广泛深入开展形式多样、内容丰富的劳动和技能竞赛。", [],
                 ("劳动和技能竞赛", "campaign", None, "芜湖市繁昌区"), id="main.predicate_over_a_bare_title"),
    pytest.param("台北国际书展将于2月20日开幕\n台北书展基金会昨日宣布，台北国际书展将于2月20日至25日在台北世贸一馆举行。",
                 [("2月20日至25日", "2024-02-20/2024-02-25", "range")],
                 ("书展", "opening", "2024-02-20/2024-02-25", "台北世贸一馆"), id="main.opening_said_in_the_title"),
    pytest.param("习近平会见澳大利亚总理\n11月18日上午，国家主席习近平在里约热内卢出席二十国集团领导人峰会期间会见澳大利亚总理。",
                 [("11月18日上午", "2024-11-18", "day")],
                 ("会见", "visit", "2024-11-18", "里约热内卢"), id="main.named_in_the_title_over_its_setting"),
    pytest.param("丰田将在常熟新建电池工厂\n6月20日，丰田汽车公司宣布，将在常熟新建一座电池工厂，预计2025年投产。"
                 "当天，项目签约仪式在常熟市举行。",
                 [("6月20日", "2023-06-20", "day"), ("2025年", "2025", "year")],
                 ("签约仪式", "ceremony", "2023-06-20", "常熟市"), id="main.not_a_plan"),
    pytest.param("苗栗竹南「Fun电一夏」运动会登场 引人潮边玩边逛\n"
                 "由苗栗县竹南镇公所与镇民代表会合办的「夏日欢乐运动会～Fun电一夏」，今（16）日在竹南运动公园热闹登场！",
                 [("今（16）日", "2026-08-16", "day")],
                 ("运动会", "competition", "2026-08-16", "竹南运动公园"), id="main.converted_taiwanese_lead"),
    pytest.param("广交会即将开展 参展企业数量创新高\n央视网消息（新闻联播）：第133届广交会将于明天（4月15日）至5月5日在广州举行。",
                 [("明天（4月15日）至5月5日", "2023-04-15/2023-05-05", "range")],
                 ("广交会", "opening", "2023-04-15/2023-05-05", "广州"), id="main.news_bulletin_with_a_range"),
    pytest.param("首个精品消费月将在上海启动\n在今天国务院新闻办公室举行的新闻发布会上，商务部负责人介绍，"
                 "精品消费月活动将于11月3日在上海启动。活动期间，五个城市将推出50场精品首发活动。",
                 [("11月3日", "2024-11-03", "day")],
                 ("活动", "campaign", "2024-11-03", "上海"), id="main.predicate_is_the_title_verb"),
])
def test_main_event(text: str, given: list[tuple[str, str, str]], expected: tuple) -> None:
    facts = [dated(text, surface, iso, granularity) for surface, iso, granularity in given]
    main = next(e for e in events_of(text, *facts) if e.main)
    assert (main.trigger, main.type, main.date, main.location) == expected


def test_no_events_without_triggers() -> None:
    assert events_of("标题\n扶贫车间吸纳就业人数1.2万人，人均月收入达到2000元以上。") == []


@pytest.mark.parametrize("text", ["", "\n", "？", "会议室", "人民大会堂"], ids=["empty", "break", "punct", "room", "hall"])
def test_odd_text_gives_nothing(text: str) -> None:
    assert extract_events(text, (), Sentences.of(text), NO_CONTEXT) == []

_PIECES = ["竞赛", "推进会", "召开", "举行", "在", "临夏州", "开展", "活动", "开馆", "技能", "，", "。", "\n", "会议室",
           "举办了一场", "启动", "市总工会", "慰问", "于", "车间"]


@given(st.lists(st.sampled_from(_PIECES), max_size=30))
@settings(max_examples=300, deadline=None)
def test_any_text_gives_at_most_one_main_event(pieces: list[str]) -> None:
    text = "".join(pieces)
    events = events_of(text)
    assert sum(e.main for e in events) == (1 if events else 0)
    assert all(text[e.start:e.end] == e.trigger for e in events)


# --- issue 12 item 5: names, clauses, participants (the whole extractor run, other extractors included) --

def _events(text: str):
    from extractors import extract

    return extract(text, "2024-02-19").events


@pytest.mark.parametrize(("text", "not_trigger", "main_trigger"), [
    pytest.param("贵阳春风行动专场招聘会举行\n2月18日，由贵阳市人力资源和社会保障局、贵阳市总工会联合举办的2024年“春风行动”"
                 "专场招聘会在贵阳国际会议展览中心举行。", "会议展览", "招聘会", id="name.venue_suffix"),
    pytest.param("全省职业技能竞赛组委会召开会议\n3月5日，全省职业技能竞赛组委会在兰州召开第一次全体会议。",
                 "职业技能竞赛", "会议", id="name.organising_committee"),
])
def test_no_trigger_inside_a_proper_name(text: str, not_trigger: str, main_trigger: str) -> None:
    events = _events(text)
    assert not any(e.trigger == not_trigger for e in events)
    assert next(e for e in events if e.main).trigger.endswith(main_trigger)


@pytest.mark.parametrize(("text", "trigger", "amount_owners"), [
    pytest.param("两地签约\n3月5日，两市举行合作签约仪式，并召开座谈会，签约项目12个，总投资达50亿元。",
                 "签约", 1, id="clause.one_amount_one_event"),
    pytest.param("捐赠仪式举行\n3月5日，市慈善总会举行捐赠仪式，10家企业现场捐款共计300万元。",
                 "仪式", 1, id="clause.amount_of_a_clause_without_event_goes_to_the_event_before"),
])
def test_money_goes_to_the_event_of_its_clause(text: str, trigger: str, amount_owners: int) -> None:
    events = _events(text)
    owners = [e for e in events if e.money]
    assert len(owners) == amount_owners and trigger in owners[0].trigger


@pytest.mark.parametrize(("text", "participants"), [
    pytest.param("温州劳模疗休养\n11月13日至17日，温州市总工会组织首批120名劳动模范和工匠人才赴文成县、泰顺县开展为期5天的疗休养活动。",
                 120, id="participants.people_of_the_clause"),
    pytest.param("技能竞赛决赛举行\n6月22日，包袋加工技能竞赛决赛在和政县扶贫车间举行，来自临夏州的6个代表队的60名选手参加了包袋加工技能竞赛的决赛。",
                 60, id="participants.said_to_take_part_in_the_event_named_again"),
    pytest.param("货车与客车相撞\n3月5日，一辆货车与客车在高速公路相撞，事故造成3人死亡、5人受伤。",
                 None, id="participants.not_the_dead_of_an_accident"),
])
def test_participants_from_the_people_of_the_clause(text: str, participants: int | None) -> None:
    main = next(e for e in _events(text) if e.main)
    assert main.participants == (Decimal(participants) if participants is not None else None)
