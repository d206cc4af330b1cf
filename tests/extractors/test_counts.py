"""Count facts (FACTS.md §2 count): one case per rule, the counted noun, what is not a count, taken spans, gold."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.counts import RULES, extract_counts
from extractors.money import extract_money
from tests.conftest import CORPUS, shared_path


def _d(value) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _counts(sentence: str):
    """Counts as the pipeline finds them: after money has taken its spans."""
    return extract_counts(sentence, [(f.start, f.end) for f in extract_money(sentence)])


# (sentence, text, min, max, unit, entity, approx, the rule that must fire).
RULE_CASES = [
    pytest.param("来自临夏州包袋扶贫加工车间的60名选手参加了决赛。", "60名选手", 60, 60, "名", "选手", None,
                 "count.classifier", id="count.classifier"),
    pytest.param("临夏州累计建成266家扶贫车间，吸纳近万名贫困群众在家门口就业。", "近万名贫困群众", None, 10000, "名",
                 "贫困群众", "under", "count.classifier", id="count.classifier.bare_wan"),
    pytest.param("通过以赛促训等方式，培养出190多名技术能手。", "190多名技术能手", 190, None, "名", "技术能手", "over",
                 "count.classifier", id="count.classifier.more"),
    pytest.param("活动现场吸引了上千名群众驻足观看。", "上千名群众", 1000, None, "名", "群众", "over",
                 "count.classifier", id="count.classifier.magnitude"),
    pytest.param("全市共有两家企业入选国家级绿色工厂。", "两家企业", 2, 2, "家", "企业", None,
                 "count.classifier", id="count.classifier.chinese"),
    pytest.param("目前，全州建成扶贫车间266家，群众就业稳定。", "扶贫车间266家", 266, 266, "家", "扶贫车间", None,
                 "count.noun_first", id="count.noun_first"),
    pytest.param("疫情防控期间，高新区总分组走访企业80余家。", "企业80余家", 80, None, "家", "企业", "over",
                 "count.noun_first", id="count.noun_first.over"),
    pytest.param("依托创业园，安置大学生及下岗失业职工近500人。", "大学生及下岗失业职工近500人", None, 500, "人",
                 "大学生及下岗失业职工", "under", "count.noun_first", id="count.noun_first.coordinated"),
    pytest.param("组织 760家企业、2800 个班组、6.5 万职工参加“安康杯”竞赛。", "6.5 万职工", 65000, 65000, None,
                 "职工", None, "count.cjk_multiplier", id="count.cjk_multiplier"),
    pytest.param("老吴在直播平台上已有近3万粉丝。", "近3万粉丝", None, 30000, None, "粉丝", "under",
                 "count.cjk_multiplier", id="count.cjk_multiplier.under"),
    pytest.param("教育部等七部门近日联合印发通知。", "七部门", 7, 7, None, "部门", None, "count.noun_led",
                 id="count.noun_led"),
    pytest.param("每场报名人数控制在20-30人。", "20-30人", 20, 30, "人", None, "range", "count.range",
                 id="count.range"),
    pytest.param("两岸计划每周开通一至两个航次。", "一至两个航次", 1, 2, "个", "航次", "range", "count.range",
                 id="count.range.chinese"),
    pytest.param("这个村子平时只有三四十人，大多是老人。", "三四十人", 30, 40, "人", None, "range", "count.cjk_range",
                 id="count.cjk_range"),
    pytest.param("疫情期间，全县万余名干部下沉社区。", "万余名干部", 10000, None, "名", "干部", "over",
                 "count.classifier", id="count.classifier.bare_wan_yu"),
    pytest.param("本届大赛的参赛选手共计260人，创历史新高。", "参赛选手共计260人", 260, 260, "人", "参赛选手", None,
                 "count.noun_first", id="count.noun_first.link_word"),
    pytest.param("目前，全州建成扶贫车间266家，其中厦门援建210家。", "210家", 210, 210, "家", "扶贫车间", None,
                 "count.subset", id="count.subset"),
]


def _find(sentence: str, text: str):
    facts = {f.text: f for f in _counts(sentence)}
    assert text in facts, list(facts)
    return facts[text]


@pytest.mark.parametrize("sentence, text, low, high, unit, entity, approx, rule", RULE_CASES)
def test_rule_reads_count(sentence, text, low, high, unit, entity, approx, rule) -> None:
    fact = _find(sentence, text)
    assert (fact.min, fact.max, fact.unit, fact.entity, fact.approx, fact.rule) == \
        (_d(low), _d(high), unit, entity, approx, rule)
    assert sentence[fact.start:fact.end] == fact.text


def test_every_rule_has_a_case() -> None:
    covered = {p.values[-1] for p in RULE_CASES}
    assert {rule.name for rule in RULES} | {"count.noun_first", "count.subset"} <= covered


@pytest.mark.parametrize("sentence, text, entity", [
    pytest.param("在扶贫车间内建立工会组织245家，发展会员8292人。", "工会组织245家", "工会组织",
                 id="noun_first.after_verb"),
    pytest.param("建立扶贫车间职工周末学堂13所、爱心驿站30个、职工书屋15个。", "爱心驿站30个", "爱心驿站",
                 id="noun_first.list_item"),
    pytest.param("在全州组织技能竞赛和岗位练兵103场次，参与职工13374人次。", "职工13374人次", "职工",
                 id="noun_first.person_times"),
    pytest.param("全区各级工会吸引职工 9100 人次参加培训。", "职工 9100 人次", "职工", id="noun_first.spaces_kept"),
    pytest.param("共有6个代表队的60名选手参加了竞赛。", "6个代表队", "代表队", id="after.stops_at_de"),
    pytest.param("首场竞赛开赛当天，70多名职工参赛。", "70多名职工", "职工", id="after.stops_at_verb"),
    pytest.param("60名参赛选手同台竞技。", "60名参赛选手", "参赛选手", id="after.modifier_verb_kept"),
    pytest.param("泰山数码广场友创业园吸引170余家企业入驻。", "170余家企业", "企业", id="after.over"),
    pytest.param("这项惠民政策预计让260万人受惠。", "260万人", None, id="person_unit.verb_after_ren"),
    pytest.param("全省今年预计新增就业岗位3000个。", "就业岗位3000个", "就业岗位", id="noun_first.verb_cut"),
    pytest.param("全国乡村治理示范镇6个、示范村60个已经授牌。", "乡村治理示范镇6个", "乡村治理示范镇",
                 id="noun_first.place_word_cut"),
    pytest.param("由工商联组织的企业代表团一行25人到园区考察。", "企业代表团一行25人", "企业代表团",
                 id="noun_first.yixing"),
    pytest.param("飓风“米尔顿”已致美17人死亡。", "17人", None, id="noun_first.one_char_is_no_noun"),
    pytest.param("项目建成后已吸纳当地5.1万人次就业。", "5.1万人次", None, id="noun_first.place_is_no_person"),
    pytest.param("省长三次到该村调研脱贫工作。", "三次", None, id="noun_first.subject_of_ci"),
    pytest.param("本届进博会上百家企业参展。", "上百家企业", "企业", id="after.predicate_ends_noun"),
    pytest.param("今年共有35家参展企业签约落户。", "35家参展企业", "参展企业", id="after.verb_modifies_noun"),
    pytest.param("200余名参加培训的学员顺利结业。", "200余名参加培训的学员", "学员", id="after.relative_clause"),
    pytest.param("千余名智能科技领域的专家学者参会。", "千余名智能科技领域的专家学者", "专家学者",
                 id="after.people_after_de"),
    pytest.param("昨日涨停的个股中，107只来自创业板。", "107只", None, id="after.relational_verb"),
    pytest.param("一万多名运动员参加了开幕式。", "一万多名运动员", "运动员", id="after.stop_inside_word_kept"),
    pytest.param("北台湾已准备好1600个SARS床位。", "1600个SARS床位", "SARS床位", id="after.latin_led"),
    pytest.param("空军两架歼-20飞机全程护航。", "两架歼-20飞机", "歼-20飞机", id="after.model_dash"),
    pytest.param("浙江出台“支持跨境电商发展10项措施”。", "10项措施", "措施", id="after.stray_quote"),
    pytest.param("拼多多新设四个“全球购海外站”。", "四个“全球购海外站”", "全球购海外站", id="after.quoted_noun"),
    pytest.param("拍卖赃物十台电脑三万", "十台电脑", "电脑", id="after.number_inside"),
    pytest.param("民政部等五部门日前联合出台意见。", "五部门", "部门", id="noun_led.entity_is_the_noun"),
    pytest.param("目前6家企业已经入驻园区。", "6家企业", "企业", id="not_rank.muqian"),
    pytest.param("2018年度坪地共接报电气火灾警情33宗，其中住宅15宗。", "电气火灾警情33宗", "电气火灾警情",
                 id="noun_first.object_verb_left_out"),
    pytest.param("今年以来，全市共查处吸毒人员240人。", "吸毒人员240人", "吸毒人员", id="noun_first.modifying_verb_kept"),
    pytest.param("特巡警巡逻时发现有两名群众非法燃放烟花爆竹，遂将二人控制。", "两名群众", "群众",
                 id="after.doer_then_how_it_acts"),
    pytest.param("滇池湿地鸟类种群从2007年的89种增至175种。", "89种", None, id="stop.rise_to"),
])
def test_counted_noun(sentence: str, text: str, entity: str) -> None:
    assert _find(sentence, text).entity == entity


@pytest.mark.parametrize("sentence, text, entity", [
    pytest.param("今年共有20家厂商释出新品。", "20家厂商", "厂商", id="noun_not_clause.vendors_release"),
    pytest.param("3名货车司机送货途中被困。", "3名货车司机", "货车司机", id="noun_not_clause.drivers_deliver"),
    pytest.param("发生一起两辆小客车相撞的道路交通事故。", "两辆小客车", "小客车", id="noun_not_clause.cars_collide"),
    pytest.param("全镇有120名农村留守儿童。", "120名农村留守儿童", "农村留守儿童", id="noun_not_clause.verb_inside_a_person_noun_stays"),
    pytest.param("60名参赛选手参加决赛。", "60名参赛选手", "参赛选手", id="noun_not_clause.leading_verb_stays"),
    pytest.param("首批近700个限额很快被抢光。", "近700个限额", "限额", id="noun_not_clause.adverb_after"),
    pytest.param("窃贼将养殖场内的四条灵缇猎犬盗走，价值两万余元。", "四条灵缇猎犬", "灵缇猎犬",
                 id="noun_not_clause.animals_stolen"),
    pytest.param("全村共分为6个村民小组，由村两委干部包片负责。", "6个村民小组", "村民小组",
                 id="village_group.the_groups_themselves_are_counted"),
    # jieba's parts of speech on the words after the classifier (issue 12, inews_sample review)
    pytest.param("据通报，4 个中学女生围殴一个女生致其精神衰弱。", "4 个中学女生", "中学女生",
                 id="pos.verb_after_person_noun"),
    pytest.param("其中，6家公司股价腰斩，跌幅最大的超过八成。", "6家公司", "公司", id="pos.verb_ends_the_words"),
    pytest.param("掘金队落后2个胜场什么概念?", "2个胜场", "胜场", id="pos.pronoun_after_noun"),
    pytest.param("越南中部六个省自上周以来大雨下不停。", "六个省", "省", id="pos.preposition_after_noun"),
    pytest.param("一场车祸，5个家庭瞬间崩塌了。", "5个家庭", "家庭", id="pos.time_word_after_noun"),
    pytest.param("口区纪委公开竞聘现场，25位候选人一一登台亮相。", "25位候选人", "候选人", id="pos.numeral_after_noun"),
    pytest.param("两名男子频繁出入某社区，行踪可疑。", "两名男子", "男子", id="pos.adjective_after_noun"),
    pytest.param("事故伤者回忆，车上有三条钢铁焊成的长凳。", "三条", None, id="pos.clause_closed_by_de"),
    pytest.param("这里还是小区四户居民进出车库的必经之路。", "四户居民", "居民", id="pos.people_before_a_clause_with_de"),
    pytest.param("副县长利用职务便利，为21名管理和服务对象谋取利益。", "21名", None, id="pos.verb_before_coordinator"),
    pytest.param("口诀说，四项仔细看清楚，若有平方数就分组。", "四项", None, id="pos.adverb_leads_no_noun"),
    pytest.param("庄和宫家楼规划建设5个新时代文明实践站。", "5个新时代文明实践站", "新时代文明实践站",
                 id="pos.stays.verb_modifies_head"),
    pytest.param("卫生部门连夜组织13个医疗抢救组赶赴现场。", "13个医疗抢救组", "医疗抢救组",
                 id="pos.stays.verb_before_head_character"),
    pytest.param("民警对现场实行交通管制，并设置了两个分流点。", "两个分流点", "分流点", id="pos.stays.head_tagged_numeral"),
    pytest.param("转往医院救治，2名轻微伤员继续在中卫市医院治疗。", "2名轻微伤员", "轻微伤员",
                 id="pos.stays.adverb_tag_before_a_noun"),
    pytest.param("会上，桐庐、南湖等10个县市区委书记围绕改革强省交流发言。", "10个县市区委书记", "县市区委书记",
                 id="pos.no_modifier_after_a_doer"),
    # the noun before the number ends in a verb: it is the verb's subject, or no noun at all
    pytest.param("去年全市贫困户入会5.17万户，累计借款3.95亿元。", "贫困户入会5.17万户", "贫困户",
                 id="pos_before.noun_naming_the_unit_kept"),
    pytest.param("截至目前，胡某在瑞安法院共涉案28件。", "28件", None, id="pos_before.verb_is_no_noun"),
    pytest.param("接到指令后，南阳中队立即组织路面执勤民警分两组进行拦截。", "两组", None, id="pos_before.subject_of_the_verb"),
    pytest.param("负责人不慎将20多张民工的社保卡丢失。", "20多张", None, id="pos.owner_before_de_of_things"),
    pytest.param("b站与爱奇艺这两家耳熟能详的企业挂牌上市。", "两家", None, id="pos.idiom_leads_no_noun"),
    pytest.param("国家统计局公布了70个大中城市的房价数据。", "70个大中城市", "大中城市", id="keep.large_and_medium"),
    pytest.param("全市共有3座以上跨江大桥。", "3座以上跨江大桥", "跨江大桥", id="seats.bridges_stay_counted"),
    pytest.param("在全州组织技能竞赛和岗位练兵103场次。", "技能竞赛和岗位练兵103场次", "技能竞赛和岗位练兵",
                 id="pos_before.events_are_verbal_nouns"),
    # issue 12, general news: the counted noun without a clause or a second head after it
    pytest.param("*ST信通公告称，公司基本账户等十多个主要银行帐户资金均被冻结。", "十多个主要银行帐户", "主要银行帐户",
                 id="attribute.funds_of_accounts"),
    pytest.param("电咖汽车补贴后，三款车型售价分别为5.98万元、6.18万元和6.78万元。", "三款车型", "车型",
                 id="attribute.price_of_models"),
    pytest.param("每次手拉手活动的开展，两所学校校长都亲自参与。", "两所学校", "学校", id="attribute.principals_of_schools"),
    pytest.param("会议邀请3名学校校长介绍经验。", "3名学校校长", "学校校长", id="attribute.people_counted_stay"),
    pytest.param("昨天，大丰一工厂旁边的垃圾堆着火，9辆消防车紧急救火！", "9辆消防车", "消防车",
                 id="pos.doer_then_adjective_and_verb"),
    pytest.param("为保障项目落实，两所学校研究制定了一整套交流制度。", "两所学校", "学校", id="pos.verbal_noun_then_verb"),
    pytest.param("山东聊城2020年底前至少建两处危废综合处置项目。", "两处危废综合处置项目", "危废综合处置项目",
                 id="pos.verbal_noun_then_verb_inside_a_noun_stays"),
    pytest.param("转发本公众号信息至朋友圈集满51个赞即可获得领取礼品的资格。", "51个赞", "赞", id="stop.jike"),
    pytest.param("警方将“娜姐”及其两名下线同步收网抓捕归案。", "两名下线", "下线", id="keep.downline"),
    pytest.param("抽检发现近10个批次的不合格产品。", "近10个批次", "批次", id="after.classifier_word_is_the_noun"),
    pytest.param("赵文丽的公司自2010年至2013年共制售非法出版物190万件。", "非法出版物190万件", "非法出版物",
                 id="noun_first.object_verb_with_modifiers"),
    pytest.param("这家具备年产摩托车轮胎1000万套的企业损失惨重。", "摩托车轮胎1000万套", "摩托车轮胎",
                 id="noun_first.annual_output"),
    pytest.param("事故现场沿途监控卡口拍摄的过往车辆照片共4000多张。", "过往车辆照片共4000多张", "过往车辆照片",
                 id="keep.passing"),
    pytest.param("有关二房东卷款潜逃的报道及帖子数量多达6万条。", "帖子数量多达6万条", "帖子数量", id="link.duoda"),
    pytest.param("热心市民交给民警一沓社会保障卡，民警仔细一数多达20余张。", "20余张", None,
                 id="pos_before.subject_and_adverb"),
    pytest.param("去年以来，国家只分三批公开了前置审批改后置审批的事项。", "三批", None, id="pos_before.adverb_after_subject"),
    pytest.param("这十年，全国基层老年教育学习点超过4万个。", "基层老年教育学习点超过4万个", "基层老年教育学习点",
                 id="pos_before.head_tagged_numeral_stays"),
    pytest.param("我国共有世界文化和自然双遗产4处，数量居世界首位。", "世界文化和自然双遗产4处", "世界文化和自然双遗产",
                 id="pos_before.adverb_inside_the_noun_stays"),
    pytest.param("总共检查了全市的小区项目，其中包括玄武区6个。", "6个", None, id="noun_first.place_is_no_noun"),
    pytest.param("民兵3可搭载3枚当量17万吨的核弹头。", "3枚", None, id="stop.yield_of_warheads"),
    pytest.param("全市派出两支队伍参赛。", "两支队伍", "队伍", id="name.teams_still_counted"),
    pytest.param("宋铁柱向本院申请两位证人出庭作证。", "两位证人", "证人", id="predicate.appear_in_court"),
    pytest.param("可以预见这700个限额很\n快就会用完。", "700个限额", "限额", id="stop.hen"),
    pytest.param("安置房和素质教育的问题就是两个非常典型的问题。", "两个", None, id="pos.adverb_phrase_before_de"),
    pytest.param("今年，园区企业将新增13条现代化生产线。", "13条现代化生产线", "现代化生产线", id="keep.production_line"),
    pytest.param("据统计，及格人数3409人，及格率10.72%。", "及格人数3409人", "及格人数",
                 id="keep.word_led_by_a_coordinator"),
    pytest.param("全镇有三户农村家庭受灾。", "三户农村家庭", "农村家庭", id="village.a_word_before_cun_counts"),
    pytest.param("伴随着叫骂声，三名男子手持木棍冲进店内。", "三名男子", "男子", id="stop.body_part_and_verb"),
    pytest.param("事发路段，两名男子头戴头盔骑车逆行。", "两名男子", "男子", id="stop.body_part_and_verb_on_head"),
    pytest.param("该县选择12个深度脱贫村开展产业试点。", "12个深度脱贫村", "深度脱贫村", id="keep.poverty_village"),
    pytest.param("民警在嫌疑人车内清点出50张百元面额的假币。", "50张", None, id="pos.measure_phrase_before_de"),
    pytest.param("国庆期间，5名游客违规进入无人区被困。", "5名游客", "游客", id="doer.verbal_noun_ends_the_words"),
    pytest.param("勇士队在过去三年里两次拿下总冠军。", "两次", None, id="lone_verb_is_no_noun"),
    pytest.param("强震发生后，当地又发生了至少78次余震。", "至少78次余震", "余震", id="yu_of_yuzhen_is_the_noun"),
    pytest.param("据了解，这支扫雷大队共有400余人，大多是年轻人。", "400余人", None, id="noun_first.owner_of_the_people"),
    pytest.param("连续两年亏损的上市公司有39家。", "上市公司有39家", "上市公司", id="noun_first.owned_things_stay"),
    pytest.param("这家银行已披露了与同业诉讼的两起终审判决。", "两起终审判决", "终审判决", id="keep.final_judgment"),
    pytest.param("区里已建成8家社区卫生服务中心。", "8家社区卫生服务中心", "社区卫生服务中心",
                 id="doer.verbal_noun_inside_a_noun_stays"),
])
def test_counted_noun_is_a_noun_phrase(sentence: str, text: str, entity: str | None) -> None:
    (fact,) = _counts(sentence)
    assert (fact.text, fact.entity) == (text, entity)


@pytest.mark.parametrize("sentence", [
    pytest.param("博物馆建设历时两年，共投入3年时间。", id="duration.years"),
    pytest.param("项目工期为3个月，预计年底完工。", id="duration.months"),
    pytest.param("热线24小时畅通，随时提供法律服务。", id="duration.hours"),
    pytest.param("他获得线香制作等工种的第一、二名。", id="ordinal.listed"),
    pytest.param("努尔苏力坦的成绩上升到班里前3名。", id="rank.qian"),
    pytest.param("全省第六届工业机器人大赛落下帷幕。", id="ordinal.di"),
    pytest.param("他在全省职业技能大赛中获得一等奖。", id="award_grade"),
    pytest.param("数学又考了100分。", id="score"),
    pytest.param("占地面积约550平方米。", id="measure.area"),
    pytest.param("今年碳酸锂产量已达46万吨。", id="measure.wan_tons"),
    pytest.param("上小学五年级的女孩最喜欢画画。", id="grade"),
    pytest.param("全市开展了一场职业技能竞赛，培育了一批精英工匠。", id="article.yi"),
    pytest.param("临夏州是深度贫困的“三区三州”之一。", id="name.sanqu_sanzhou"),
    pytest.param("建设创业孵化区、教学区等四位一体的服务平台。", id="name.numeral_runs_on"),
    pytest.param("坚持以“四个全面”战略布局为引领。", id="name.quoted_slogan"),
    pytest.param("不少网友留言，一场“香”飘万家的竞赛。", id="bare_wan_is_a_name"),
    pytest.param("明年全国政协十四届三次会议将在北京召开。", id="ordinal.session"),
    pytest.param("降幅为5个百分点，好于预期。", id="percentage_points"),
    pytest.param("参赛的有数百人，另有几十名志愿者。", id="vague"),
    pytest.param("青安3.0只救这类产品。", id="decimal_is_no_count"),
    pytest.param("长征五号火箭于五一期间运抵发射场。", id="digit_by_digit"),
    pytest.param("2024台北国际书展今天开幕。", id="classifier_char_starts_a_word"),
    pytest.param("黑龙江七台河市加快转型发展。", id="name.place"),
    pytest.param("今年前4个月，软件业收入利润实现两位数增长。", id="digits_of_a_number"),
    pytest.param("去年这家公司亏了18个亿。", id="colloquial_ge_yi"),
    pytest.param("他们租了一辆10人座的中巴车。", id="seats"),
    pytest.param("排海计划将给当地居民带来二次伤害。", id="secondary"),
    pytest.param("书店里的练习本五花八门。", id="idiom.classifier"),
    pytest.param("成千上万的游客涌入景区。", id="idiom.magnitude"),
    pytest.param("虽然在前两项上特斯拉有优势。", id="rank.selection"),
    pytest.param("本次比赛前3名将获得奖励。", id="rank.after_a_word"),
    pytest.param("学生票新规8/20起适用。", id="date_slash"),
    pytest.param("iPhone 11支持更好的电子防抖。", id="product_name"),
    pytest.param("他已经连续三个晚上没有睡好。", id="duration.nights"),
    pytest.param("孩子们在草地上四处奔跑。", id="adverb.sichu"),
    pytest.param("他的账户里还有40多万资金。", id="wan.amount_without_yuan"),
    pytest.param("两融余额下破2万亿 板块悉数净偿还", id="wan.headline_gap"),
    pytest.param("球员年薪从91万狂飙到807万", id="wan.verb_after"),
    pytest.param("评论9488条", id="page_counter.comments_noun_first"),
    pytest.param("阅读 13104 次 评论9488条", id="page_counter.reads_and_comments"),
    pytest.param("发布时间：2019-01-26 阅读：13104次", id="page_counter.label_before"),
    pytest.param("一名男子骑着两轮电动车闯红灯，被执勤交警拦下。", id="classifier_inside_noun.two_wheeler"),
    pytest.param("事发时，一辆二轮电动车与重型货车相撞。", id="classifier_inside_noun.electric_bike"),
    pytest.param("他驾驶一辆三轮摩托车在乡道上行驶。", id="classifier_inside_noun.tricycle_motorbike"),
    pytest.param("这款车型标配四轮驱动系统。", id="classifier_inside_noun.four_wheel_drive"),
    pytest.param("导演会按剧本来安排，如代码清单4所示，再如图2所述。", id="classifier_inside_word.as_shown_in"),
    pytest.param("正所谓十次事故九次快，开车应把安全摆在第一位。", id="numeral_name.proverb"),
    pytest.param("提醒广大驾驶员朋友，三轮电动车、电动四轮车都是机动车。", id="classifier_inside_noun.four_wheeler"),
    pytest.param("并在初二、初三、初五多次组织村干部、家族长等参与调解。", id="lunar_day.chuwu_then_duoci"),
    pytest.param("根据《道路交通安全法》第九十条规定，对其处以罚款。", id="article_number.chinese"),
    pytest.param("依照《治安管理处罚条例》第12条的规定作出处理。", id="article_number.arabic"),
    pytest.param("当天下午，该村4组村民李某报警称家中被盗。", id="village_group.before_villagers"),
    pytest.param("家住双河村3组的王大爷今年已经70岁。", id="village_group.after_village"),
    pytest.param("幸福社区2组的居民自发组织了巡逻队。", id="village_group.after_community"),
    pytest.param("独立衣帽间、卫浴空间，都能满足二人世界的理想生活。", id="name.two_person_world"),
    pytest.param("秀山“魔鬼转盘”又出事故，一轿车四轮朝天。", id="name.wheels_up"),
    pytest.param("地址：佛山市顺德区天富来国际商业城一期二座101号首层", id="address.building_and_room"),
    pytest.param("报名地址：南京市合景峰汇商务广场十期3栋1826号", id="address.arabic_building"),
    pytest.param("相关阅读：《30万人要回家》《10万人选课！》", id="title.headline_list"),
    pytest.param("男子30万车子停小区，竟被物业当废品卖了!", id="wan.things_ending_in_zi"),
    pytest.param("尤其是提高二套房贷首付比例，抑制投机购房。", id="name.second_home"),
    pytest.param("人大代表建议取消七座以下私家车年检。", id="seats.below"),
    pytest.param("节假日期间7座及以下小型客车免费通行。", id="seats.at_most"),
    pytest.param("公司新购置了一辆7座商务车。", id="seats.vehicle"),
    pytest.param("《中华人民共和国消防法》二十八条规定：任何单位不得占用消防车通道。", id="article.after_law_title"),
    pytest.param("近日，山西省高速交警四支队七大队民警开展专项行动。", id="name.police_detachment"),
    pytest.param("高一学年5班、6班、11班学生在篮球馆席地而坐。", id="name.numbered_classes"),
    pytest.param("如果在两个务必精神的鼓动下，大家更要艰苦奋斗。", id="slogan.two_musts"),
    pytest.param("考生在家撰写教案，一式三份，考试当天带到候考室。", id="name.in_triplicate"),
    pytest.param("今天早间，ofo宣布完成e2-1轮融资8.66亿美元。", id="name.round_designation"),
    pytest.param("记者来到南口镇七间房村，亲眼目睹了垃圾换土的情形。", id="name.village"),
    pytest.param("英语联盟2015年成立，我们已经走过了两个春秋。", id="duration.springs_and_autumns"),
    pytest.param("订购热线：13869640555本产品网址见下方。", id="name.phone_number"),
    pytest.param("临时号牌车辆超速终被罚，十次交通事故九次快。", id="name.proverb_traffic_accidents"),
    pytest.param("一辆09款大众帕萨特与货车相撞。", id="leading_zero.model_year"),
    pytest.param("买家电要货比三家，别急着下单。", id="idiom.compare_three_shops"),
    pytest.param("医护人员从两班倒调整为四班倒。", id="name.shift_system"),
    pytest.param("报告大致分为三部分，分别介绍背景、做法和成效。", id="not_classifier.bufen"),
    pytest.param("示威队伍起初和平游行，随后发生冲突。", id="wu_of_duiwu_is_no_five"),
    pytest.param("我国成功发射遥感三十三号02组卫星。", id="leading_zero.designation"),
    pytest.param("该团伙涉嫌诈骗30余万 多人上当受骗。", id="after_a_number.yu_wan"),
])
def test_not_counts(sentence: str) -> None:
    assert _counts(sentence) == []


def test_money_and_dates_are_not_counted() -> None:
    sentence = "2023年3月，合作社收入3万元，带动300人就业。"
    date_span = (0, sentence.index("，"))
    facts = extract_counts(sentence, [date_span] + [(f.start, f.end) for f in extract_money(sentence)])
    assert [f.text for f in facts] == ["300人"]


def test_counts_never_overlap_taken_spans() -> None:
    sentence = "共有60名选手参加。"
    taken = [(sentence.index("60"), sentence.index("名") + 1)]
    assert extract_counts(sentence, taken) == []


def test_subset_inheritance_needs_qizhong() -> None:
    sentence = "全州建成扶贫车间266家，厦门援建210家。"
    assert _find(sentence, "210家").entity is None


@given(st.text(alphabet="0123456789一二两三十百千万亿名个家人次多余近约上以前第其中、，。的和企业职工车间建成参加 ",
               max_size=40))
@settings(max_examples=300)
def test_never_raises_and_spans_match(text: str) -> None:
    for fact in extract_counts(text):
        assert text[fact.start:fact.end] == fact.text
        assert fact.min is not None or fact.max is not None


def _gold_count_rows():
    with shared_path("gold", "seeds.jsonl").open(encoding="utf-8") as rows:
        for row in map(json.loads, rows):
            if row["script"] != "hans":
                continue  # Traditional pages are converted by the cleaner first
            lines = (CORPUS / row["doc"]).read_text(encoding="utf-8").splitlines()
            for fact in row["facts"]:
                if fact["kind"] == "count" and not fact.get("optional"):
                    yield lines[fact["line"] - 1], fact


def test_gold_count_facts_are_found_with_their_values() -> None:
    """Each hand-made count of the Simplified sample pages, read from its own line of the page."""
    checked = 0
    for line, gold in _gold_count_rows():
        facts = _counts(line)
        overlapping = [f for f in facts if gold["text"].replace(" ", "") in f.text.replace(" ", "")
                       or f.text.replace(" ", "") in gold["text"].replace(" ", "")]
        assert overlapping, (gold["text"], [f.text for f in facts])
        value = gold["value"]
        assert any((f.min, f.max) == (_d(value["min"]), _d(value["max"])) for f in overlapping), gold["text"]
        checked += 1
    assert checked >= 40
