"""Event locations (extractors/events/locations.py): one case per location rule, and what is never a location."""

from __future__ import annotations

import pytest

from extractors.events import LOCATION_RULES
from tests.extractors.events.given_facts import events_of, only, organised


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
    pytest.param("5月19日，新加坡企业代表团一行25人到苏州工业园区考察访问。", "苏州工业园区", id="event.location.dao"),
    pytest.param("委员长将于5月11日至20日对摩洛哥进行正式友好访问。", "摩洛哥", id="event.location.dui"),
    pytest.param("十四届全国人大常委会第二次会议26日在京闭幕。", "京", id="event.location.zai.city_abbreviation"),
    pytest.param("两国总统11日在土库曼斯坦出席国际会议期间举行会谈。", "土库曼斯坦", id="event.location.zai.trimmed"),
    pytest.param("3月16日，在瑞士日内瓦举行的国际发明展上，该团队获得金奖。", "瑞士日内瓦",
                 id="event.location.zai.earlier_in_the_sentence"),
    pytest.param("熊本县政府于今天午夜0时召开灾害对策本部会议。", None, id="event.location.not_a_time"),
    pytest.param("香港人士表示，在十四届全国人大一次会议闭幕会上的讲话催人奋进。", None,
                 id="event.location.not_an_event_name"),
    pytest.param("位于海水浴场的沙雕艺术季今天正式开幕。", None, id="event.location.not_after_weiyu"),
])
def test_location_rules(sentence: str, location: str | None) -> None:
    assert next(e for e in events_of("标题\n" + sentence) if e.start > 2).location == location


@pytest.mark.parametrize(("sentence", "org"), [
    pytest.param("8月15日，柳州市柳北区教育局举办中小学教师暑期培训班。", "柳州市柳北区教育局",
                 id="event.location.place_subject.organisation"),
    pytest.param("2月18日，长沙市文化旅游广电局召开文旅市场工作总结会。", None,
                 id="event.location.place_subject.organisation_body"),
])
def test_a_place_starting_the_acting_organisation_is_no_location(sentence: str, org: str | None) -> None:
    text = "标题\n" + sentence
    facts = (organised(text, org),) if org else ()
    assert only(text, *facts).location is None


def test_location_rules_are_named() -> None:
    assert [rule.name for rule in LOCATION_RULES] == [
        "event.location.dao", "event.location.dui", "event.location.zai", "event.location.yu",
        "event.location.venue_subject", "event.location.place_subject"]
