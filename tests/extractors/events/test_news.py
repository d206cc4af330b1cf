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
                 "visit", "会谈", id="talks-are-a-visit"),
    pytest.param("BNT疫苗采购遭诈10亿元　慈济：全力配合调查\n慈济基金会2021年间采购BNT疫苗，遭律师与掮客合谋诈骗10.6亿元。",
                 "crime", "遭诈", id="the-object-of-a-fraud-is-no-deal"),
    pytest.param("花4千帮狗狗配种疑遭骗 男气炸反击\n一名男子花4000元帮爱犬配种，事后怀疑受骗。",
                 "crime", "遭骗", id="cheated-is-a-crime"),
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
    pytest.param("伦敦一座19世纪建筑遭火灾被毁\n英国伦敦一座建于19世纪的教堂发生火灾，火势迅速蔓延。", "2023-01-28", None,
                 id="a-century-names-the-building-not-the-day"),
    pytest.param("80年代建成的老桥昨日垮塌\n一座建于上世纪80年代的老桥昨日垮塌，无人员伤亡。", "2023-01-28", "2023-01-27",
                 id="a-decade-gives-way-to-the-day"),
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


# --- rules of the held-out review (docs/events_review.md), one case each --------------------------

@pytest.mark.parametrize("text, type_", [
    pytest.param("大屯街道举办首届百姓生活节\n5月11日上午，大屯街道在文化广场举办了首届百姓生活节。",
                 "campaign", id="festival-is-a-campaign"),
    pytest.param("费心思骗取拆迁补偿 村干部被调查\n县纪委监委对该村党支部书记进行立案审查调查。",
                 "penalty", id="under-investigation-is-a-penalty"),
    pytest.param("公明工业园区党群服务中心投入使用\n该中心4月初正式投入使用，为园区职工提供会议室借用服务。",
                 "opening", id="put-into-use-is-an-opening"),
    pytest.param("河北警方严厉打击网络水军违法犯罪活动\n河北省公安厅部署全省公安机关开展专项行动。",
                 "campaign", id="crackdown-is-a-campaign-not-the-crime"),
    pytest.param("维卡币传销组织98人被诉 涉案金额150亿\n县检察院将最后4名涉案嫌疑人向法院提起公诉。",
                 "trial", id="indicted-is-a-trial"),
    pytest.param("男童误伤表妹致死\n11岁男孩在家中玩耍时误伤表妹，女孩经抢救无效死亡。",
                 "accident", id="accidental-injury-is-an-accident"),
    pytest.param("幼儿园组织校车安全演练\n12月16日，幼儿园针对校车安全进行了模拟演练。",
                 "training", id="drill-is-training"),
    pytest.param("美退休将领：若总统核弹发射命令不合法，可拒绝\n一名前任高级军官表示，军方可以拒绝不合法的命令。",
                 "statement", id="trigger-before-a-person-noun-is-a-modifier"),
])
def test_held_out_review_types(text, type_):
    assert _main(text, None).type == type_


@pytest.mark.parametrize("text", [
    pytest.param("公用环卫设施还没投入使用竟遭破坏\n市民反映，新安装的垃圾分类设施尚未投入使用就遭到人为破坏。",
                 id="not-yet-in-use-is-no-opening"),
    pytest.param("谷歌新款手机泄漏代号bonito和sargo\n谷歌可能在印度推出两款新手机。",
                 id="a-leaked-code-name-is-no-accident"),
])
def test_held_out_review_non_events(text):
    assert _main(text, None).type not in {"opening", "accident"}


@pytest.mark.parametrize("text, type_, rule", [
    pytest.param("某市网约车新规：3月起司机须持证上岗\n市交通运输局昨天印发网约车管理新规。",
                 "policy", "event.news.title", id="topic-before-a-colon-is-no-speaker"),
    pytest.param("震惊：男子街头持刀行凶已被刑拘\n12月19日，男子王某持刀将李某扎伤，已被警方刑事拘留。",
                 "arrest", "event.news.title", id="a-cry-before-a-colon-is-no-speaker"),
    pytest.param("龙岩市新罗区：成功整改一处重大火灾隐患\n该广场因存在众多消防顽疾被责令限期整改。",
                 "penalty", "event.news.title", id="a-chain-of-places-before-a-colon-is-a-dateline"),
    pytest.param("【百日安全行动】交警曝光5起超员违法行为\n近日，交警大队依法查处了5起超员违法行为。",
                 "penalty", "event.news.lead", id="a-column-label-is-no-event"),
    pytest.param("养猪户误把7万元当垃圾扔掉 多人帮忙找回\n网友称，环卫工人在垃圾堆里找到了七万元现金。",
                 "other", "event.news.other", id="says-outside-the-title-is-no-statement"),
    pytest.param("海南59国入境免签政策今起实施\n5月1日凌晨，首批免签游客抵达三亚。当天还有多个旅游团陆续入境。"
                 "机场口岸已做好准备。今年4月18日，公安部在北京召开新闻发布会，宣布这一政策。",
                 "policy", "event.news.title", id="a-title-trigger-beats-a-civic-event-later-in-the-lead"),
])
def test_held_out_review_rules(text, type_, rule):
    main = _main(text, None)
    assert (main.type, main.rule) == (type_, rule)


@pytest.mark.parametrize("text, date", [
    pytest.param("两男子非法燃放烟花爆竹被罚款\n早在2018年1月31日，县政府就下发了禁售禁燃烟花爆竹的通告。", None,
                 id="a-lead-sentence-of-what-came-before-does-not-date-the-event"),
    pytest.param("两男子非法燃放烟花爆竹被罚款\n2018年2月16日，两名男子在县城燃放烟花爆竹，被处以罚款。", "2018-02-16",
                 id="a-lead-sentence-reporting-the-event-dates-it"),
    pytest.param("同学喝酒致高位截瘫 同伴被判赔20余万\n2016年10月的一天，小伟等6名同学相约在宿舍喝酒。", None,
                 id="a-judgment-is-not-dated-by-the-incident-the-lead-narrates"),
    pytest.param("电动自行车撞死人还要跑\n一个接地气的公众号值得你拥有。2018年07月08日01时55分，余某某驾驶电动自行车将行人撞倒在地。",
                 "2018-07-08", id="a-later-lead-sentence-of-the-same-family-dates-the-event"),
])
def test_held_out_review_dates(text, date):
    assert _main(text, None).date == date


# --- rules of the third review (samples D, TW1, X1 of docs/events_review.md), one case each -------

@pytest.mark.parametrize("text, type_", [
    pytest.param("前高管获准保释 保释金500万元\n当地时间11日，法院举行保释听证，批准其保释申请。",
                 "trial", id="bail-is-a-trial"),
    pytest.param("前公务员陈某收受他人财物 被判刑8年\n法院认定陈某利用职务便利收受他人财物300余万元。",
                 "trial", id="sentenced-over-bribery"),
    pytest.param("陈某利用职务便利多次收受他人钱财\n县纪委通报，陈某在任职期间为他人谋取利益。",
                 "crime", id="taking-bribes-is-a-crime"),
    pytest.param("男子超市购买白酒 回家发现竟是假酒\n张先生在某超市购买了两箱白酒，开箱后发现包装异常。",
                 "crime", id="counterfeit-liquor-is-a-crime-not-the-purchase"),
    pytest.param("货车撞上路边护栏致1人死亡\n昨日凌晨，一辆货车撞上路边护栏，司机当场死亡。",
                 "accident", id="a-crash-death-is-an-accident"),
    pytest.param("校车撞货车致2名学生受伤\n今天上午，一辆校车在路口与货车发生碰撞。",
                 "accident", id="vehicle-hits-is-an-accident"),
    pytest.param("苏丹武装冲突已致400余人死亡\n据苏丹卫生部门消息，武装冲突已造成400余人死亡、3000多人受伤。",
                 "attack", id="deaths-of-an-armed-conflict-are-an-attack"),
    pytest.param("国家主席向新任总统致贺电\n国家主席今天致电新任总统，祝贺他就职。",
                 "statement", id="a-message-of-congratulation-is-a-statement"),
    pytest.param("3月份制造业采购经理指数重回扩张区间\n国家统计局今天发布数据，3月份制造业采购经理指数为50.8%。",
                 "release", id="the-pmi-is-data-released-not-a-purchase"),
    pytest.param("明天起，景区这些道路禁行机动车\n经市政府批准，明天起景区内部分道路禁止机动车通行。",
                 "policy", id="a-driving-ban-is-a-policy"),
    pytest.param("某县法院审理一起微信红包赌博案\n两名被告人利用微信群组织赌博，赌资流水达百万元。",
                 "trial", id="a-gambling-case-tried"),
    pytest.param("女双爆冷击败头号种子 夺下赛季首胜\n两人在抢十大战中后来居上，以2比1击败对手。",
                 "competition", id="an-upset-is-a-competition"),
    pytest.param("陆军士官出卖国家机密重判10年\n法院二审认定两人为还债出卖军事机密，重判有期徒刑10年。",
                 "trial", id="heavily-sentenced-is-a-trial"),
])
def test_third_review_types(text, type_):
    assert _main(text, None).type == type_


@pytest.mark.parametrize("text", [
    pytest.param("社区开展反诈骗宣传活动\n3月11日，社区民警走进居民小区，向居民讲解常见诈骗手法。", id="anti-fraud-is-no-crime"),
    pytest.param("交警开展降速行动 防事故保平安\n5月22日，交警大队在辖区国道开展超速整治专项行动。", id="preventing-accidents-is-no-accident"),
    pytest.param("台风天见全家守候 主持人术后感动落泪\n主持人近日接受膝盖手术，家人冒雨前来医院陪伴。", id="a-typhoon-day-is-no-disaster"),
    pytest.param("又一合资车主维权 车身生锈严重\n车主王先生反映，新车购买不到一年车身就出现锈蚀。", id="a-joint-venture-car-is-no-deal"),
])
def test_third_review_non_events(text):
    assert _main(text, None).type not in {"crime", "accident", "disaster", "deal"}


@pytest.mark.parametrize("text, type_, rule", [
    pytest.param("寻乌：司机网购假车牌 结果被查受重罚\n近日，交警在路面巡查时查获一辆悬挂假号牌的小车。",
                 "penalty", "event.news.title", id="a-county-without-its-level-is-a-dateline"),
    pytest.param("渑池交警：开展夜查专项行动 整治交通违法\n连日来，交警大队在辖区开展夜查专项行动。",
                 "campaign", "event.before", id="a-places-police-unit-before-a-colon-is-a-dateline"),
    pytest.param("警方：近期网络刷单诈骗高发 请勿轻信\n市公安局今天发布提醒，近期刷单类诈骗案件多发。",
                 "statement", "event.news.quote", id="the-police-alone-stay-a-speaker"),
    pytest.param("歌手为当年言论向前辈致歉\n歌手今天出席新专辑发布活动时，首度向前辈公开道歉。",
                 "statement", "event.news.title", id="a-civic-event-as-the-occasion-gives-way-to-the-title"),
])
def test_third_review_rules(text, type_, rule):
    main = _main(text, None)
    assert (main.type, main.rule) == (type_, rule)


def test_a_pilot_is_a_launch_only_in_the_title():
    title = _main("央行将在五省开展身份证信息核查试点\n人民银行表示，将进一步扩大核查信息范围。", None)
    lead = _main("五一假期出行客流持续高位运行\n多地推行预约试点，铁路客流今天继续保持高位。", None)
    assert (title.type, lead.type) == ("launch", "other")


@pytest.mark.parametrize("text, published, date", [
    pytest.param("食安案立委要求追回补助 院长允依制度处理\n（中央社记者台北14日电）食安案延烧，立委今天在质询时要求严惩厂商。"
                 "行政院长表示，行政上的租税优惠会依现行制度处理。", "2026-07-14", "2026-07-14",
                 id="a-lead-trigger-is-dated-by-the-leads-first-sentence"),
    pytest.param("食安案立委要求追回补助 院长允依制度处理\n早在2025年3月，立委就曾质询食安问题。"
                 "行政院长表示，行政上的租税优惠会依现行制度处理。", "2026-07-14", None,
                 id="not-when-that-sentence-tells-what-came-before"),
])
def test_third_review_dates(text, published, date):
    assert _main(text, published).date == date


_ONE_PARAGRAPH = ("据了解，该案件已持续多年。当事人多次向有关部门反映情况。相关部门表示将认真核实。"
                  "记者多次联系当事人。当事人称材料已经提交。此前有关部门曾到当地巡视。")


@pytest.mark.parametrize("text, type_", [
    pytest.param("村民再次实名举报村干部\n" + _ONE_PARAGRAPH, "statement",
                 id="a-title-trigger-beats-a-civic-verb-deep-in-one-paragraph"),
    pytest.param("当地情况调查\n" + _ONE_PARAGRAPH, "visit",
                 id="a-deep-civic-event-stays-when-nothing-else-fits"),
])
def test_a_civic_event_deep_in_the_body(text, type_):
    assert _main(text, None).type == type_


@pytest.mark.parametrize("text, type_", [
    pytest.param("中央组织部印发《关于在防汛救灾中充分发挥基层党组织战斗堡垒作用的通知》\n近日，中央组织部印发通知，就防汛救灾工作提出要求。",
                 "policy", id="a-documents-name-holds-no-event"),
    pytest.param("国务院印发《关于取消和调整一批罚款事项的决定》\n国务院近日印发决定，取消和调整33个罚款事项。",
                 "policy", id="a-fine-in-a-documents-name-is-no-penalty"),
    pytest.param("特区《维护国家安全条例》今日刊宪生效\n特区政府今天在宪报刊登条例，即日起生效。",
                 "policy", id="the-rule-a-name-names-still-counts"),
])
def test_a_title_trigger_inside_a_works_name(text, type_):
    assert _main(text, "2024-03-23").type == type_


# --- rules of the review of the shared HTML pages (docs/events_review.md §1c), one case each -----

@pytest.mark.parametrize("text, type_", [
    pytest.param("进口豪车黄金期终结 部分车型价格出现崩盘\n今年以来，多款进口车型销量大幅下降，终端价格一降再降。",
                 "price", id="a-price-collapse-is-a-price-move"),
    pytest.param("两大电商平台达成合作\n记者登录平台页面发现，双方已达成合作，海外商品陆续上架。",
                 "deal", id="reaching-cooperation-is-a-deal"),
    pytest.param("新一代芯片本月商用\n这款芯片历经两年研发，将随新机发售投入商用。",
                 "launch", id="going-commercial-is-a-launch"),
    pytest.param("较强冷空气来袭 多地气温骤降\n受较强冷空气影响，北方多地气温下降8到12摄氏度。",
                 "disaster", id="a-cold-wave-is-weather-not-an-attack"),
    pytest.param("四部门下发通知 要求发放高温津贴\n人社部等四部门近日下发通知，要求各地按时足额发放高温津贴。",
                 "policy", id="a-notice-handed-down-is-a-policy"),
    pytest.param("收评：沪指暴跌5.77% 两市逾千股跌停\n两市大幅低开后再度下挫，沪指失守3700点。",
                 "price", id="a-market-close-column-label-is-no-speaker"),
    pytest.param("6月服务业PMI为51.8 跌至五个月低点\n数据显示，6月服务业PMI较上月回落。",
                 "release", id="the-pmi-by-its-acronym"),
    pytest.param("上半年两市大股东套现4774亿\n今年上半年，两市共有上千家公司的重要股东减持套现。",
                 "deal", id="cashing-out-is-a-deal"),
    pytest.param("多省市出台国有资产证券化目标 5年20万亿入股市\n目前已有20个省市出台了国资证券化目标。",
                 "policy", id="into-the-stock-market-is-no-stake"),
    pytest.param("国务院下午召集会议 研究稳定市场措施\n记者获悉，国务院召集有关部门负责人开会，商讨应对之策。",
                 "meeting", id="calling-a-meeting-is-no-rally"),
])
def test_html_review_types(text, type_):
    assert _main(text, None).type == type_


@pytest.mark.parametrize("text, published, date", [
    pytest.param("前高管刑满出狱 向受害者家属致歉\n原标题：快讯！前高管刑满出狱，向受害者家属致歉\n"
                 "据媒体消息，该案当事人今日（23日）上午在监狱刑满出狱，并向受害者家属鞠躬致歉。",
                 "2019-10-23", "2019-10-23", id="a-line-giving-the-title-again-is-not-the-lead"),
    pytest.param("集团60亿战略投资旅游平台 或酝酿独立IPO\n在线旅游业资本竞争进入白热化。\n"
                 "7月3日，集团宣布与多家资本签约，战略投资该平台，总投资额超过60亿元。",
                 "2015-07-04", "2015-07-03", id="a-one-line-opening-lets-the-next-paragraph-date-the-event"),
    pytest.param("市政府下午召开专题会议 部署防汛工作\n记者获悉，7月4日下午，市政府召集各部门负责人研究部署防汛工作。",
                 "2015-07-05", "2015-07-04", id="a-civic-event-of-the-title-takes-the-leads-date"),
])
def test_html_review_dates(text, published, date):
    assert _main(text, published).date == date


# --- general news vocabulary of business, markets, society, police, courts and accidents
# (docs/events_review.md §1d), one case per family: business and markets, police and courts,
# harm and society, and words holding a new trigger that are no event --------------------------

@pytest.mark.parametrize("text, type_", [
    pytest.param("某科技公司上半年业绩预增超两倍\n该公司预计上半年归母盈利3.2亿元至3.6亿元，主要受益于产品量价齐升。",
                 "release", id="results-forecast-is-a-release"),
    pytest.param("大立光7月营收月增31％ 8月拉货动能可望续升\n光学镜头厂大立光今天公布7月合并营收60.5亿元。",
                 "release", id="monthly-revenue-is-a-release"),
    pytest.param("某药业大股东拟减持不超过2%股份\n某药业大股东计划在未来三个月内通过集中竞价方式减持公司股份。",
                 "deal", id="a-share-sale-by-a-holder-is-a-deal"),
    pytest.param("某地产股今起停牌 筹划重大资产重组\n某地产公司公告，因筹划重大资产重组事项，公司股票自今日开市起停牌。",
                 "financing", id="a-trading-halt-is-a-listing-event"),
    pytest.param("*ST某某将于下月退市 股票进入退市整理期\n公司股票将在退市整理期交易十五个交易日后被摘牌。",
                 "financing", id="a-delisting-is-a-listing-event"),
    pytest.param("外资上周卖超824亿元 记忆体股遭砍最多\n根据证交所统计，外资上周在集中市场合计卖超824亿元。",
                 "price", id="net-selling-by-foreign-investors-is-a-market-move"),
    pytest.param("排队烧腊店无预警歇业 传同行想接手\n开业十多年的人气烧腊店日前贴出公告，宣布即日起歇业。",
                 "layoff", id="a-shop-closing-is-a-closure"),
    pytest.param("台积电获大单 微软新一代晶片下月发表\n市场传出，微软自研AI晶片已交由台积电代工。",
                 "deal", id="winning-a-big-order-is-a-deal"),
    pytest.param("建议款涉指定厂商承包 基隆市议员遭声押\n基隆地检署侦办市议员建议款弊案，今天复讯后向法院声请羁押。",
                 "arrest", id="a-detention-request-is-an-arrest"),
    pytest.param("酒后开垃圾车追撞前车 清洁队员遭送办\n一名清洁队员酒后驾驶垃圾车追撞前车，警方依公共危险罪嫌将他移送法办。",
                 "arrest", id="sent-to-prosecutors-is-an-arrest"),
    pytest.param("60岁女车手被逮 装傻称自己是被害人\n一名60岁妇人替诈骗集团到银行领钱，被行员察觉报警后当场被警方逮捕。",
                 "arrest", id="caught-is-an-arrest"),
    pytest.param("涉隐匿疫情相关文件 前白宫顾问认罪\n一名前白宫防疫顾问今天在联邦法院认罪，承认隐匿公务文件。",
                 "trial", id="pleading-guilty-is-a-trial"),
    pytest.param("歌手遭网络抹黑 同步提告民事刑事\n歌手工作室今天发表声明，已委托律师就网络造谣行为提起民事及刑事诉讼程序。",
                 "trial", id="filing-suit-is-a-trial"),
    pytest.param("运输公司会计业务侵占等罪判1年8月\n被告多次将公司货款转入个人账户，金额达300余万元。",
                 "trial", id="sentenced-for-a-crime-is-a-trial"),
    pytest.param("技术性索贿？海岛入境传要小费才加速放行\n多名旅客反映，入境时被要求支付额外费用。",
                 "crime", id="soliciting-a-bribe-is-a-crime"),
    pytest.param("中和公公持刀砍死媳妇 邻居惊呼不敢相信\n一名男子昨天上午持刀攻击儿媳，女子送医后不治。",
                 "crime", id="hacked-to-death-is-a-crime"),
    pytest.param("某生物公司连续三年财务造假 虚增利润超10亿元\n经查，该公司通过虚构销售业务等方式虚增营业收入和利润。",
                 "crime", id="financial-fraud-is-a-crime"),
    pytest.param("女子27楼自拍坠亡\n一名年轻女子在高层住宅阳台外自拍，警方到场时她已无生命迹象。",
                 "accident", id="a-fatal-fall-is-an-accident"),
    pytest.param("台积电厂区工安出事 工人遭配电盘压死\n一名22岁工人在厂区搬运配电盘时遭压，送医不治。",
                 "accident", id="a-workplace-accident"),
    pytest.param("美国10岁男童梦游走进池塘溺毙\n一名男童半夜梦游离家，沿着校车路线走进池塘。",
                 "accident", id="drowned-is-an-accident"),
    pytest.param("万里溪堰塞湖今凌晨溢流 下游居民紧急撤离\n花莲万里溪堰塞湖今天凌晨开始溢流，水位持续上升。",
                 "disaster", id="a-landslide-lake-is-a-disaster"),
    pytest.param("欧洲热浪加剧 逾1.35亿人面临35度以上高温\n热浪持续笼罩南欧多国，多地气温创下同期纪录。",
                 "disaster", id="a-heatwave-is-a-disaster"),
    pytest.param("31岁女子抽脂手术中猝逝 家属要求医院说明\n一名31岁女子日前在诊所接受抽脂手术时突然失去生命迹象。",
                 "death", id="a-sudden-death"),
    pytest.param("兰屿小海龟遭流浪犬猎杀 巡守队从狗嘴中救下\n巡守队员巡逻时发现流浪犬叼着一只小海龟，立即上前驱赶。",
                 "rescue", id="saved-from-harm-is-a-rescue"),
    pytest.param("花莲万荣乡保全户明日停班课\n花莲县政府宣布，因应豪雨影响，万荣乡保全户明天停止上班上课。",
                 "policy", id="a-closure-of-offices-and-schools-is-a-measure"),
    pytest.param("美国德州军用直升机坠毁 两名陆军官兵丧生\n一架陆军阿帕契直升机在训练飞行中坠落于农田。",
                 "accident", id="a-crash-of-an-aircraft-is-an-accident"),
    pytest.param("6人受困捷运电梯85分钟 捷运公司致歉\n捷运站一部电梯昨晚故障停在两层楼之间，维修人员赶到后将乘客接出。",
                 "rescue", id="people-trapped-and-freed-is-a-rescue"),
    pytest.param("小偷深夜潜入工地 警方调阅监视器追查\n工地负责人表示，损失金额还在清点中。",
                 "crime", id="a-thief-is-a-crime"),
    pytest.param("城管部门强制拆除8幢违建 面积4100平方米\n镇里组织执法人员对辖区内的违法建筑依法实施拆除。",
                 "penalty", id="demolishing-illegal-buildings-is-a-penalty"),
    pytest.param("美联储再次加息75个基点\n美国联邦储备委员会宣布将联邦基金利率目标区间上调75个基点。",
                 "policy", id="a-rate-rise-is-a-policy"),
    pytest.param("公路局联手检察官举办培训 教公务员免触图利罪\n公路局今天举办廉政培训，邀请检察官讲解依法行政。", "training",
                 id="the-name-of-a-crime-in-a-course-is-no-crime"),
    pytest.param("南京大屠杀死难者国家公祭仪式在南京举行\n南京大屠杀死难者国家公祭仪式13日上午在侵华日军南京大屠杀遇难同胞纪念馆隆重举行。",
                 "ceremony", id="a-massacre-victims-memorial-is-no-killing"),
])
def test_general_news_vocabulary(text, type_):
    assert _main(text, None).type == type_
