"""Organisation facts: one case per rule of extractors.orgs, generic mentions, and the seeds' gold."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.context import DocumentContext
from extractors.facts import OrgFact
from extractors.orgs import RULES, extract_orgs, org_aliases, place_table

NO_CONTEXT = DocumentContext()


def orgs_of(text: str, context: DocumentContext = NO_CONTEXT) -> list[tuple[str, str, str, str]]:
    return [(f.text, f.name, f.type, f.rule) for f in extract_orgs(text, context)]


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("国务院新闻办公室今天举行新闻发布会，介绍上半年经济运行情况。",
                 ("国务院新闻办公室", "国务院新闻办公室", "government", "org.national"), id="org.national"),
    pytest.param("会后，全总书记处书记一行走访了三家企业。",
                 ("全总", "中华全国总工会", "union", "org.national"), id="org.national.alias"),
    pytest.param("中国外交部发言人在例行记者会上回答了提问。",
                 ("外交部", "外交部", "government", "org.national"), id="org.national.after_china"),
    pytest.param("山东青岛高新区总工会打出“组合拳”，全力支持企业复工复产。",
                 ("山东青岛高新区总工会", "青岛高新区总工会", "union", "org.zone"), id="org.zone"),
    pytest.param("临夏州委副书记张志军在启动仪式上致辞。",
                 ("临夏州委", "临夏州委", "party", "org.place"), id="org.place"),
    pytest.param("在广西柳州市柳南区总工会多方协调下，企业开展了集体协商。",
                 ("广西柳州市柳南区总工会", "柳南区总工会", "union", "org.place"), id="org.place.chain"),
    pytest.param("据了解，内蒙古区总以困难职工为重点建立帮扶台账。",
                 ("内蒙古区总", "内蒙古自治区总工会", "union", "org.place"), id="org.place.province_abbreviation"),
    pytest.param("据介绍，福建工会将推动防暑降温与疫情防控相融合。",
                 ("福建工会", "福建工会", "union", "org.place"), id="org.place.stem"),
    pytest.param("广元市教育局、广元市人社局相关负责人出席会议。",
                 ("广元市教育局", "广元市教育局", "government", "org.place"), id="org.place.department"),
    pytest.param("记者从广元市林草局获悉，今年全市新增造林面积明显增加。",
                 ("广元市林草局", "广元市林草局", "government", "org.place"), id="org.place.free_department"),
    pytest.param("中共广元市委近日印发实施方案。",
                 ("中共广元市委", "广元市委", "party", "org.place"), id="org.place.zhonggong"),
    pytest.param("赛前，安海镇总工会积极组织发动广大职工参与。",
                 ("安海镇总工会", "安海镇总工会", "union", "org.town"), id="org.town"),
    pytest.param("最终，福建省晋工机械有限公司工会副主席柯碧霞获得第一名。",
                 ("福建省晋工机械有限公司", "福建省晋工机械有限公司", "company", "org.named"), id="org.named"),
    pytest.param("6月11日，河北三河市莱尼线束公司生产线上的员工正在加紧生产。",
                 ("莱尼线束公司", "莱尼线束公司", "company", "org.named"), id="org.named.drops_place_chain"),
    pytest.param("瑶海区总工会联合中铁四局集团第四工程有限公司主办职工技能大赛。",
                 ("中铁四局集团第四工程有限公司", "中铁四局集团第四工程有限公司", "company", "org.named"),
                 id="org.named.inner_body"),
    pytest.param("2023年，区总工会组织芜湖机械工程学校职工参加全省工业机器人大赛。",
                 ("芜湖机械工程学校", "芜湖机械工程学校", "school", "org.named"), id="org.named.school"),
    pytest.param("论文昨日在中正大学公布。",
                 ("中正大学", "中正大学", "school", "org.named"), id="org.named.short_stop_inside_name"),
    pytest.param("调查结果昨日在中正大学文学院公布。",
                 ("中正大学文学院", "中正大学文学院", "school", "org.named"), id="org.named.parent_name"),
    pytest.param("临夏州委办公室、州工信局负责人参加了当天的活动。",
                 ("临夏州委办公室", "临夏州委办公室", "party", "org.sub_unit"), id="org.sub_unit"),
])
def test_rule(text: str, expected: tuple[str, str, str, str]) -> None:
    assert expected in orgs_of(text)


def test_every_rule_is_named_by_kind() -> None:
    assert all(rule.name.startswith("org.") for rule in RULES)
    assert len({rule.name for rule in RULES}) == len(RULES)


@pytest.mark.parametrize(("text", "surface", "name"), [
    pytest.param("临夏州政协副主席、州总工会主席高桦主持活动。", "州总工会", "临夏州总工会",
                 id="org.abbreviation.same_paragraph"),
    pytest.param("临夏州人大常委会主任马明杰出席。\n省总工会党组成员张弘强讲话。", "省总工会", "甘肃省总工会",
                 id="org.abbreviation.province_of_places"),
    pytest.param("推进会在零八一电子集团召开。市委常委叶长春出席。\n会议贯彻《广元市产业工人队伍建设改革方案》。",
                 "市委", "广元市委", id="org.abbreviation.dominant_city"),
    pytest.param("推进会召开。\n会议学习省委、市委决策部署，推动治蜀兴川广元市实践。", "省委", "四川省委",
                 id="org.abbreviation.province_of_city"),
    pytest.param("——芜湖市繁昌区大力开展劳动和技能竞赛\n区委组织部和区总工会联合出台相关文件。", "区总工会", "繁昌区总工会",
                 id="org.abbreviation.renamed_district"),
    pytest.param("来自新疆维吾尔自治区阿图什市的干部，这是自治区总工会开展的结对活动。", "自治区总工会",
                 "新疆维吾尔自治区总工会", id="org.abbreviation.autonomous_region"),
    pytest.param("6月22日，临夏州召开扶贫车间推进会。\n会后，州工信局、州人社局负责人调研。", "州工信局", "临夏州工信局",
                 id="org.abbreviation.department"),
    pytest.param("芜湖市繁昌区区经济开发区党工委召开会议。\n各镇总工会和经济开发区总工会承办竞赛项目。",
                 "经济开发区总工会", "繁昌区经济开发区总工会", id="org.zone.earlier_zone"),
])
def test_abbreviation_resolved_from_the_document(text: str, surface: str, name: str) -> None:
    assert (surface, name) in [(f.text, f.name) for f in extract_orgs(text, NO_CONTEXT)]


def test_abbreviation_resolved_from_the_site() -> None:
    context = DocumentContext.make("2020-06-24", site="甘肃省总工会")
    assert [(f.text, f.name) for f in extract_orgs("省总工会会同有关部门开展技能竞赛。", context)] == [
        ("省总工会", "甘肃省总工会")]


def test_unresolved_abbreviation_is_dropped() -> None:
    assert orgs_of("会上，市总工会负责人介绍了今年的帮扶计划。") == []


def test_short_company_name_takes_the_full_form() -> None:
    text = "日前，在福建恒安集团的劳模创新工作室内，恒安集团材料研发副总经理正带领成员攻关。"
    assert [f.name for f in extract_orgs(text, NO_CONTEXT)] == ["福建恒安集团", "福建恒安集团"]


@pytest.mark.parametrize("text", [
    pytest.param("工会组织要围绕扶贫车间发展实际开展竞赛。", id="generic.union_organisation"),
    pytest.param("各县市总工会主席参加了当天的活动。", id="generic.each_county"),
    pytest.param("推动疫情防控在基层工会长效化开展。", id="generic.grassroots"),
    pytest.param("区总工会与镇总工会共同主办劳动竞赛项目。", id="generic.bare_town"),
    pytest.param("在杭州这家科技公司，企业通过数字化转型降本增效。", id="generic.company"),
    pytest.param("去年，我和女儿创办的养殖合作社赚了15万元。", id="generic.cooperative"),
    pytest.param("临夏州是深度贫困的“三区三州”之一。", id="generic.place_alone"),
    pytest.param("形成了全方位、多层次的竞赛格局，服务发展大局。", id="generic.not_a_bureau"),
    pytest.param("加大农民工、下岗职工、大学生定向技能培训。", id="generic.university_student"),
    pytest.param("俄罗斯外交部28日发表声明。", id="generic.foreign_ministry"),
    pytest.param("工程建设区总蓄积增长明显。", id="generic.total_not_union"),
    pytest.param("嘉义县政府与远见杂志合办论坛。", id="generic.place_inside_unknown_name"),
])
def test_not_an_organisation(text: str) -> None:
    assert extract_orgs(text, NO_CONTEXT) == []


def test_offsets_match_the_text() -> None:
    text = "临夏州人大常委会主任马明杰，临夏州政协主席王正君，厦门市总工会党组书记许毅青出席。"
    facts = extract_orgs(text, NO_CONTEXT)
    assert [f.name for f in facts] == ["临夏州人大常委会", "临夏州政协", "厦门市总工会"]
    assert all(text[f.start:f.end] == f.text for f in facts)


@pytest.mark.parametrize("text", ["", "\n\n", "？？？", "市", "abc 123"], ids=["empty", "breaks", "punct", "one", "ascii"])
def test_odd_text_gives_nothing(text: str) -> None:
    assert extract_orgs(text, NO_CONTEXT) == []


def test_org_aliases_pairs_surfaces_with_names() -> None:
    facts = [OrgFact("省总工会", 0, 4, "org.abbreviation", "甘肃省总工会", "union"),
             OrgFact("甘肃省总工会", 9, 15, "org.place", "甘肃省总工会", "union"),
             OrgFact("省总", 20, 22, "org.abbreviation", "甘肃省总工会", "union")]
    assert org_aliases(facts) == {"甘肃省总工会": ("省总", "省总工会")}


def test_place_table_keeps_written_short_forms() -> None:
    forms = place_table().forms
    assert forms["临夏州"].level_char == "州"
    assert forms["繁昌区"].variant and not forms["繁昌县"].variant
    assert forms["甘肃"].level_char is None
    assert "城区" not in forms  # an ordinary word, not a place


def _seed_article(row: dict, corpus) -> str | None:
    """The seed page's text from its title on (Simplified pages only; no cleaning needed)."""
    path = corpus / row["doc"]
    if row.get("script") != "hans" or not path.exists():
        return None
    raw = path.read_text(encoding="utf-8")
    return raw[raw.rfind(row["title"]):] if row["title"] in raw else raw


def test_seed_gold_orgs_are_found_with_their_names(shared) -> None:
    from tests.conftest import CORPUS

    rows = [json.loads(line) for line in shared("gold", "seeds.jsonl").read_text(encoding="utf-8").splitlines() if line]
    found = right = 0
    for row in rows:
        text = _seed_article(row, CORPUS)
        if text is None:
            continue
        facts = extract_orgs(text, DocumentContext.make(row.get("published")))
        for gold in (f for f in row["facts"] if f["kind"] == "org" and not f.get("optional")):
            names = {gold["value"]["name"], *gold.get("accept_names", [])}
            matches = [f for f in facts if gold["text"] in f.text or f.text in gold["text"]]
            found += bool(matches)
            right += any(f.name in names for f in matches)
    assert found >= 90 and right / found >= 0.95


_PIECES = ["临夏州", "省", "市", "区", "总工会", "总", "委", "政府", "人社局", "有限公司", "集团", "大学", "在", "和",
           "的", "，", "。", "\n", "各", "吉美", "自治区", "镇", "安海", "高新区", "国务院", "全总", "1", "a"]


@given(st.lists(st.sampled_from(_PIECES), max_size=30), st.sampled_from(["", "甘肃省总工会", "广元工会网"]))
@settings(max_examples=300, deadline=None)
def test_any_text_gives_well_formed_facts(pieces: list[str], site: str) -> None:
    text = "".join(pieces)
    facts = extract_orgs(text, DocumentContext(site=site or None))
    assert all(text[f.start:f.end] == f.text and f.name and f.rule.startswith("org.") for f in facts)
    assert all(a.end <= b.start for a, b in zip(facts, facts[1:]))
