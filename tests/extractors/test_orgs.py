"""Organisation facts: one case per rule of extractors.orgs, generic mentions, and the seeds' gold."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.context import DocumentContext
from extractors.facts import OrgFact
from extractors.orgs import RULES, extract_orgs, org_aliases, verb_stops

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
    # national bodies, media, international organisations, parties, courts
    pytest.param("人民日报、新华社记者从多个渠道证实了这一消息。",
                 ("新华社", "新华社", "media", "org.national"), id="org.national.media"),
    pytest.param("世卫组织当天发布报告，呼吁各国加强疫苗接种。",
                 ("世卫组织", "世界卫生组织", "other", "org.national"), id="org.national.international"),
    pytest.param("民进党与国民党在县市长选举中激烈竞争。",
                 ("国民党", "中国国民党", "party", "org.national"), id="org.national.taiwan_party"),
    pytest.param("港府昨晚发表声明，强烈谴责暴力行为。",
                 ("港府", "香港特别行政区政府", "government", "org.national"), id="org.national.hong_kong"),
    pytest.param("由最高人民法院与中央广播电视总台共同主办的评选活动揭晓。",
                 ("最高人民法院", "最高人民法院", "other", "org.national"), id="org.national.court"),
    pytest.param("我谨代表中国政府和中国人民，向遇难者表示深切哀悼。",
                 ("中国政府", "中国政府", "government", "org.national"), id="org.national.chinese_government"),
    # foreign governments
    pytest.param("美国国务院14日宣布，将对相关实体实施制裁。",
                 ("美国国务院", "美国国务院", "government", "org.country"), id="org.country"),
    pytest.param("俄罗斯外交部28日发表声明，回应北约东扩问题。",
                 ("俄罗斯外交部", "俄罗斯外交部", "government", "org.country"), id="org.country.foreign_ministry"),
    pytest.param("据英政府称，国家财政已无力承担这项开支。",
                 ("英政府", "英国政府", "government", "org.country"), id="org.country.short_form"),
    pytest.param("美国国土安全部发布旅行提醒，提醒民众注意安全。",
                 ("美国国土安全部", "美国国土安全部", "government", "org.country"), id="org.country.free_ministry"),
    # places and their bodies
    pytest.param("北京市卫生健康委员会副主任李昂介绍了疫苗接种进展。",
                 ("北京市卫生健康委员会", "北京市卫生健康委员会", "government", "org.place"),
                 id="org.place.department_committee"),
    pytest.param("浙江省妇女儿童工作委员会近日发布全省儿童发展规划中期评估报告。",
                 ("浙江省妇女儿童工作委员会", "浙江省妇女儿童工作委员会", "government", "org.place"),
                 id="org.place.free_committee"),
    pytest.param("长沙市文化旅游广电局召开春节假期文旅市场工作总结会。",
                 ("长沙市文化旅游广电局", "长沙市文化旅游广电局", "government", "org.place"),
                 id="org.place.long_free_department"),
    pytest.param("中国共产党北京市委员会近日印发通知，部署主题教育。",
                 ("中国共产党北京市委员会", "北京市委", "party", "org.place"), id="org.place.party_committee_written_out"),
    pytest.param("浙江省高级人民法院日前发布一批知识产权保护典型案例。",
                 ("浙江省高级人民法院", "浙江省高级人民法院", "other", "org.place"), id="org.place.court"),
    pytest.param("台北市政府昨日宣布，明年起调整公共运输票价。",
                 ("台北市政府", "台北市政府", "government", "org.place"), id="org.place.taiwan"),
    pytest.param("北市府今天表示，将加强防汛准备工作。",
                 ("北市府", "台北市政府", "government", "org.place"), id="org.place.taiwan_short_form"),
    pytest.param("苗栗县府今天与县议会沟通明年度预算。",
                 ("苗栗县府", "苗栗县政府", "government", "org.place"), id="org.place.body_alias"),
    pytest.param("张家港市永联村党委书记吴惠芳介绍了村里的发展情况。",
                 ("永联村党委", "永联村党委", "party", "org.town"), id="org.town.village"),
    pytest.param("会宁县人社局在县职业技术学校举办电商直播培训班。",
                 ("县职业技术学校", "会宁县职业技术学校", "school", "org.abbreviation"), id="org.abbreviation.named"),
    # proper names: left edges
    pytest.param("法院判决后，宁波银行北京分行不服，上诉苏州银行。",
                 ("苏州银行", "苏州银行", "company", "org.named"), id="org.named.city_bank"),
    pytest.param("据天眼查无锡爱美神影视文化公司2015年报显示，其注册资本为500万元。",
                 ("无锡爱美神影视文化公司", "无锡爱美神影视文化公司", "company", "org.named"), id="org.named.verb_before_the_name"),
    pytest.param("宁德时代新能源科技股份有限公司今日宣布，将在福建扩建电池工厂。",
                 ("宁德时代新能源科技股份有限公司", "宁德时代新能源科技股份有限公司", "company", "org.named"),
                 id="org.named.sentence_start"),
    pytest.param("腾讯控股有限公司2023年营收超过6000亿元。",
                 ("腾讯控股有限公司", "腾讯控股有限公司", "company", "org.named"), id="org.named.name_stop"),
    pytest.param("记者从中国铁塔股份有限公司获悉，5G基站已超过300万个。",
                 ("中国铁塔股份有限公司", "中国铁塔股份有限公司", "company", "org.named"),
                 id="org.named.after_verb"),
    pytest.param("据成都国际铁路港投资发展（集团）有限公司介绍，今年开行班列持续增长。",
                 ("成都国际铁路港投资发展（集团）有限公司", "成都国际铁路港投资发展（集团）有限公司", "company", "org.named"),
                 id="org.named.parenthesised"),
    pytest.param("这里就是中车浦镇公司的智能产线。",
                 ("中车浦镇公司", "中车浦镇公司", "company", "org.named"), id="org.named.town_character_inside"),
    pytest.param("中山大学地理科学与规划学院博士研究生吴某获得优秀论文奖。",
                 ("中山大学地理科学与规划学院", "中山大学地理科学与规划学院", "school", "org.named"),
                 id="org.named.conjoined_fields"),
    pytest.param("中科院高能物理研究所研究员王某介绍了实验进展。",
                 ("中科院高能物理研究所", "中国科学院高能物理研究所", "other", "org.named"), id="org.named.national_parent"),
    pytest.param("普光苏州是由韩国三星集团的供应商设立的外商独资企业。",
                 ("韩国三星集团", "韩国三星集团", "company", "org.named"), id="org.named.country_place"),
    pytest.param("日本航空公司表示，一架客机在羽田机场与海上保安厅飞机相撞。",
                 ("日本航空公司", "日本航空公司", "company", "org.named"), id="org.named.country_industry"),
    pytest.param("钻石和翡翠消费为何如此火？通灵珠宝总裁沈东军认为，年轻人的需求正在改变。",
                 ("通灵珠宝", "通灵珠宝", "company", "org.cue"), id="org.cue"),
    pytest.param("12月24日消息，街电ceo原源23日发文回应判决。", ("街电", "街电", "company", "org.cue"),
                 id="org.cue.latin_cue"),
    pytest.param("首先关门大吉的，是THQ旗下的工作室。", ("THQ", "THQ", "company", "org.cue"), id="org.cue.under"),
    pytest.param("法国全国性日报《费加罗报》以“世界杯成为人质”的醒目标题评论这一事件。",
                 ("费加罗报", "费加罗报", "media", "org.media_title"), id="org.media_title"),
    pytest.param("英国《卫报》援引知情人士的话称，谈判仍在继续。", ("卫报", "卫报", "media", "org.media_title"),
                 id="org.media_title.one_character_name"),
    pytest.param("卫生部今天发出通知，要求各地做好防暑降温工作。", ("卫生部", "卫生部", "government", "org.national"),
                 id="org.national.former_ministry"),
    pytest.param("1998年，国家计委批准了这个项目。", ("国家计委", "国家发展计划委员会", "government", "org.national"),
                 id="org.national.former_commission_short_form"),
    pytest.param("但因特网浏览器和java语言等新科技的发展，直接威胁到微软的地位。",
                 ("微软", "微软公司", "company", "org.national"), id="org.national.company_brand"),
    pytest.param("报告会上，专家呼吁，在过去的历史时期，北大成长了一批科学家。",
                 ("北大", "北京大学", "school", "org.national"), id="org.national.university_short_form"),
    pytest.param("2018年，中国移动咪咕公司成为央视世界杯新媒体合作伙伴。",
                 ("中国移动咪咕公司", "中国移动咪咕公司", "company", "org.named"), id="org.named.company_of_a_group"),
    pytest.param("小三不服上诉，但台南地院二审驳回上诉，全案确定。", ("台南地院", "台南地方法院", "other", "org.place"),
                 id="org.place.taiwan_district_court"),
    pytest.param("致癌物苯骈芘超标，食药署今日公布第三方独立调查结果。", ("食药署", "卫生福利部食品药物管理署", "government", "org.national"),
                 id="org.national.taiwan_agency"),
    pytest.param("鸿海今日公告，董事会通过购买土城工业区不动产。", ("鸿海", "鸿海精密工业股份有限公司", "company", "org.national"),
                 id="org.national.taiwan_company"),
    pytest.param("富邦悍将1日在新庄主场以3比1击退台钢雄鹰，收下2连胜。", ("台钢雄鹰", "台钢雄鹰", "other", "org.national"),
                 id="org.national.after_a_verb"),
    pytest.param("不过，恒新复健科诊所医师王思恒表示，烘焙程度影响不大。", ("恒新复健科诊所", "恒新复健科诊所", "other", "org.named"),
                 id="org.named.clinic"),
    pytest.param("新北市警局表示，将加强取缔酒驾。", ("新北市警局", "新北市警局", "government", "org.place"),
                 id="org.place.taiwan_police_short_form"),
    pytest.param("立院三读民法修正案，删除兄弟姊妹特留分规定。", ("立院", "立法院", "legislature", "org.national"),
                 id="org.national.taiwan_short_form"),
    pytest.param("黎巴嫩真主党领导人纳斯鲁拉19日发表电视讲话。", ("黎巴嫩真主党", "黎巴嫩真主党", "other", "org.national"),
                 id="org.national.armed_movement"),
    pytest.param("中国疾控中心有关专家介绍，全国疫情日趋平稳。", ("中国疾控中心", "中国疾病预防控制中心", "other", "org.national"),
                 id="org.national.agency_short_form"),
    pytest.param("他批评美国政府疫情应对不力，敦促日本政府正视历史。", ("美国政府", "美国政府", "government", "org.country"),
                 id="org.country.after_a_verb"),
    pytest.param("80年代末，可口可乐公司指责法国同行利用不公平手段促销。", ("可口可乐公司", "可口可乐公司", "company", "org.national"),
                 id="org.national.foreign_company"),
    pytest.param("注：本微信视频及图文归赣州广播电视台所有，未经许可，不得转载。", ("赣州广播电视台", "赣州广播电视台", "media", "org.named"),
                 id="org.named.after_a_verb_of_belonging"),
    pytest.param("新华社北京5月7日电国务院副总理李岚清今天会见了美国客人。",
                 ("国务院", "国务院", "government", "org.national"), id="org.national.after_a_dateline"),
    pytest.param("给予北京同仁堂股份有限公司副总经理、同仁堂蜂业董事长张建勋开除党籍处分。",
                 ("同仁堂蜂业", "同仁堂蜂业", "company", "org.cue"), id="org.cue.after_a_list"),
])
def test_rule(text: str, expected: tuple[str, str, str, str]) -> None:
    assert expected in orgs_of(text)


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("1月26日上午10时许，广灵县公安局交警大队按照全省春运统一部署开展整治。",
                 ("广灵县公安局交警大队", "广灵县公安局交警大队", "government", "org.sub_unit"), id="unit.traffic_police"),
    pytest.param("接到报案后，雅安市公安局名山区分局迅速立案侦查。",
                 ("雅安市公安局名山区分局", "雅安市公安局名山区分局", "government", "org.sub_unit"), id="unit.branch_bureau"),
    pytest.param("2017年4月17日，富平县公安局城关派出所接到报警。",
                 ("富平县公安局城关派出所", "富平县公安局城关派出所", "government", "org.sub_unit"), id="unit.police_station"),
    pytest.param("民政部社会救助司有关负责人表示，将加大临时救助力度。",
                 ("民政部社会救助司", "民政部社会救助司", "government", "org.sub_unit"), id="unit.ministry_department"),
    pytest.param("北京市纪委市监委调查发现，北京同仁堂集团党委没有充分发挥作用。",
                 ("北京同仁堂集团党委", "北京同仁堂集团党委", "company", "org.sub_unit"), id="unit.party_committee_of_a_company"),
    pytest.param("该项目由中国驻印尼大使馆和伊联合作实施。",
                 ("中国驻印尼大使馆", "中国驻印尼大使馆", "government", "org.embassy"), id="org.embassy"),
    pytest.param("我国驻洛杉矶总领事馆提醒留学生注意安全。",
                 ("我国驻洛杉矶总领事馆", "中国驻洛杉矶总领事馆", "government", "org.embassy"), id="embassy.we_are_china"),
    pytest.param("记者从长沙市芙蓉区法院获悉，该案已审结。",
                 ("长沙市芙蓉区法院", "芙蓉区人民法院", "other", "org.place"), id="court.district_court_full_name"),
    pytest.param("此前，湖南省高级法院驳回了上诉。",
                 ("湖南省高级法院", "湖南省高级法院", "other", "org.place"), id="court.province_keeps_its_name"),
    pytest.param("据路透社报道，美国可能在未来几周宣布新的援助。", ("路透社", "路透社", "media", "org.national"),
                 id="lexicon.news_agency"),
    pytest.param("联合国粮农组织2日发布的数据显示，食品价格下跌。",
                 ("联合国粮农组织", "联合国粮农组织", "other", "org.national"), id="lexicon.un_agency"),
    pytest.param("全国老龄办发布报告。", ("全国老龄办", "全国老龄工作委员会办公室", "government", "org.national"),
                 id="lexicon.national_office_short_name"),
    pytest.param("湖北省从国开行、工行等中央金融机构引进资金。", ("工行", "中国工商银行", "company", "org.national"),
                 id="lexicon.bank_short_name"),
    pytest.param("上半时进行到20多分钟，右路进攻的辽宁队17号从底线一记漂亮的斜射首破对方城门。",
                 ("辽宁队", "辽宁队", "other", "org.place"), id="team.of_a_place"),
    pytest.param("古巴队以96∶89战胜匈牙利队，取得小组赛两连胜。", ("古巴队", "古巴队", "other", "org.country"),
                 id="team.of_a_country"),
    pytest.param("泰国国际海湾之冠帆船赛落幕，中国队获irc1组亚军。", ("中国队", "中国队", "other", "org.national"),
                 id="team.china"),
    pytest.param("塞浦路斯政府的公民护照计划自2014年起就采用目前的形式。",
                 ("塞浦路斯政府", "塞浦路斯政府", "government", "org.country"), id="country.smaller_state"),
    pytest.param("美国联邦调查局（FBI）发布警告指出，网路犯罪分子正利用社交工程入侵帐号。",
                 ("美国联邦调查局", "美国联邦调查局", "government", "org.country"), id="country.agency_with_a_verb_inside"),
    pytest.param("英国交通警察局（BTP）在社群平台X发文指出，列车出轨。",
                 ("英国交通警察局", "英国交通警察局", "government", "org.country"), id="country.police"),
    pytest.param("据叙利亚军方消息，叙防空部队拦截了多枚导弹。", ("叙利亚军方", "叙利亚军方", "other", "org.country"),
                 id="country.military"),
    pytest.param("俄罗斯国防部还发布了搭载高超音速导弹的俄海军舰艇在挪威海演习的视频。",
                 ("俄海军", "俄罗斯海军", "other", "org.country"), id="country.navy_short_form"),
    pytest.param("俄罗斯国防部6日称，俄军在顿涅茨克地区控制了一处定居点。", ("俄军", "俄军", "other", "org.national"),
                 id="army.short_form"),
    pytest.param("年初也门安全局势突然恶化，中国海军护航编队紧急撤离中国公民。",
                 ("中国海军", "中国人民解放军海军", "other", "org.national"), id="army.chinese_navy"),
    pytest.param("福建高院党组书记、院长吴偕林到福州中院考察调研并召开座谈会。",
                 ("福州中院", "福州市中级人民法院", "other", "org.place"), id="court.intermediate_short_form"),
    pytest.param("福建高院党组书记、院长吴偕林到福州中院考察调研并召开座谈会。",
                 ("福建高院", "福建省高级人民法院", "other", "org.place"), id="court.high_short_form"),
    pytest.param("云浮市高度重视共青团工作，团市委也提出了引领青年投身乡村振兴的工作项目。",
                 ("团市委", "共青团云浮市委", "social", "org.abbreviation"), id="youth_league.short_form"),
    pytest.param("1995年初，在共青团衡阳市委、市教委的联系安排下，两校结成对子。",
                 ("共青团衡阳市委", "共青团衡阳市委", "social", "org.place"), id="youth_league.full_form"),
    pytest.param("新竹县宝山乡公所表示，自行车道工程因变更设计停工。",
                 ("宝山乡公所", "宝山乡公所", "government", "org.town"), id="taiwan.township_office"),
    pytest.param("嘉南疗养院爆出患者吃东西噎到，外包救护车竟等逾1小时才到。",
                 ("嘉南疗养院", "嘉南疗养院", "other", "org.named"), id="named.sanatorium"),
    pytest.param("外资狂砍195亿，所幸在台积电、环球晶、富邦金等权值股撑盘下指数收红。",
                 ("环球晶", "环球晶圆股份有限公司", "company", "org.national"), id="lexicon.taiwan_listed_company"),
    pytest.param("博鳌亚洲论坛年会上，汇丰集团行政总裁祈耀年发表演讲。",
                 ("汇丰集团", "汇丰集团", "company", "org.named"), id="lexicon.short_form_and_group"),
    pytest.param("今年秋粮收购中，中储粮集团充分发挥“一卡通”收购系统作用。",
                 ("中储粮集团", "中国储备粮管理集团有限公司", "company", "org.national"), id="lexicon.short_form_of_a_group"),
    pytest.param("交通银行股份有限公司向泰州市中级人民法院提起诉讼。",
                 ("交通银行股份有限公司", "交通银行股份有限公司", "company", "org.named"), id="lexicon.short_form_and_legal_form"),
    pytest.param("近年来，农行四川分行积极实施“四新”扶贫工程。",
                 ("农行四川分行", "中国农业银行四川分行", "company", "org.sub_unit"), id="unit.bank_branch"),
    pytest.param("澎湃新闻发现，民生银行三亚分行诉宁波银行北京分行一案已二审宣判。",
                 ("宁波银行北京分行", "宁波银行北京分行", "company", "org.sub_unit"), id="unit.bank_branch_of_a_city_bank"),
    pytest.param("郑某某于2006年4月至今先后任中国银行大同分行营业部主任、副行长。",
                 ("中国银行大同分行", "中国银行大同分行", "company", "org.sub_unit"), id="stop.served_as"),
    pytest.param("未列席立院司委会　监院：维护宪政、拒干涉个案。", ("监院", "监察院", "government", "org.national"),
                 id="taiwan.control_yuan_short_form"),
    pytest.param("富邦人寿于7月21日重返境外债券市场筹资。", ("富邦人寿", "富邦人寿", "company", "org.named"),
                 id="named.life_insurer"),
    pytest.param("一名10岁女童在步道疑有高山症，嘉义县警察局竹崎分局获报后会同消防人员救援。",
                 ("嘉义县警察局竹崎分局", "嘉义县警察局竹崎分局", "government", "org.sub_unit"), id="unit.police_branch_taiwan"),
    pytest.param("多年来，宁德时代以创新为发展根本，连续五年全球动力电池使用量排名第一。",
                 ("宁德时代", "宁德时代", "company", "org.national"), id="lexicon.brand_company"),
    pytest.param("温格的球队2比1击败曼联之后仍然留在了夺冠集团之内。",
                 ("曼联", "曼彻斯特联足球俱乐部", "other", "org.national"), id="lexicon.football_club"),
    pytest.param("博茨瓦纳民主党总裁、总统马西西表示，热烈祝贺大会胜利召开。",
                 ("博茨瓦纳民主党", "博茨瓦纳民主党", "party", "org.country"), id="country.party"),
    pytest.param("本社会民主党党首福岛瑞穗，韩国共同民主党党首李在明发来贺电。",
                 ("共同民主党", "共同民主党", "party", "org.national"), id="lexicon.korean_democratic_party"),
    pytest.param("习近平同古巴共产党中央委员会第一书记、国家主席迪亚斯-卡内尔会谈。",
                 ("古巴共产党中央委员会", "古巴共产党中央委员会", "party", "org.sub_unit"), id="country.party_central_committee"),
    pytest.param("美国白宫14日批准加州进入灾难状态。", ("白宫", "白宫", "government", "org.national"),
                 id="lexicon.white_house"),
    pytest.param("中联部负责人介绍了中共二十大的主要精神。",
                 ("中联部", "中共中央对外联络部", "party", "org.national"), id="lexicon.party_department_short_form"),
    pytest.param("世行报告上调今年中国经济增长预期。", ("世行", "世界银行", "other", "org.national"),
                 id="lexicon.world_bank_short_form"),
    pytest.param("更多精彩内容请关注河北新闻网官方河北日报客户端。", ("河北日报", "河北日报", "media", "org.named"),
                 id="stop.official"),
    pytest.param("北检威加国际案今天偕同嘉义地检署指挥调查局搜索17处。",
                 ("嘉义地检署", "嘉义地检署", "other", "org.national"), id="taiwan.prosecutors_of_a_city_and_county"),
    pytest.param("屏东地院一审依杀人罪判8年，高雄高分院认为原审量刑妥适，驳回上诉。",
                 ("高雄高分院", "台湾高等法院高雄分院", "other", "org.national"), id="taiwan.high_court_branch"),
    pytest.param("民众党立院党团总召陈清龙今天召开记者会。",
                 ("民众党立院党团", "台湾民众党立院党团", "party", "org.sub_unit"), id="unit.caucus"),
    pytest.param("台中市清水区农会具有90年历史的检米仓库近年作为农会仓库。",
                 ("台中市清水区农会", "清水区农会", "social", "org.place"), id="taiwan.farmers_association"),
    pytest.param("在武汉大学学生资助管理中心、中国扶贫基金会新长城项目部的指导下开展工作。",
                 ("中国扶贫基金会", "中国扶贫基金会", "social", "org.named"), id="named.verb_inside_a_social_body"),
    pytest.param("师富贵，男，现为兰州手足外科医院、兰州手足外科第二医院院长。",
                 ("兰州手足外科医院", "兰州手足外科医院", "other", "org.named"), id="named.verb_inside_a_hospital_name"),
    pytest.param("统一企业集团空运进口逾4万朵石斛兰向天下爸爸致敬。",
                 ("统一企业集团", "统一企业集团", "company", "org.named"), id="named.one_inside_a_name"),
    pytest.param("中央和国家机关：外交部国防部国家发展和改革委员会教育部科技部公安部监察部民政部司法部财政部。",
                 ("监察部", "监察部", "government", "org.national"), id="lexicon.list_without_commas"),
    pytest.param("民进党立法院党团今天表示，卢秀燕应说明毒油检验情况。",
                 ("民进党立法院党团", "民主进步党立法院党团", "party", "org.sub_unit"), id="unit.caucus_in_full"),
    pytest.param("这些材料包括广东省公路勘察规划设计院出具的设计图纸。",
                 ("广东省公路勘察规划设计院", "广东省公路勘察规划设计院", "other", "org.named"), id="named.survey_institute"),
    pytest.param("现在这个时间，不正是探讨下如何对付天玺集团么。",
                 ("天玺集团", "天玺集团", "company", "org.named"), id="stop.deal_with"),
    pytest.param("李会刚，原任湖南省有色金属工业总公司副总经理。",
                 ("湖南省有色金属工业总公司", "湖南省有色金属工业总公司", "company", "org.named"), id="named.nonferrous"),
    pytest.param("首例外资行理财亏损案开庭渣打银行被指误导投资者。",
                 ("渣打银行", "渣打银行", "company", "org.national"), id="lexicon.full_name_needs_no_boundary"),
    pytest.param("李克强3日在京会见第77届联合国大会主席克勒希。",
                 ("联合国大会", "联合国大会", "other", "org.national"), id="lexicon.full_name_after_an_ordinal"),
    pytest.param("彰化县环保局8月登场的回收换好礼活动门槛太高。环保局表示，行动电源属于高风险回收物。",
                 ("环保局", "彰化县环保局", "government", "org.abbreviation"), id="abbreviation.bureau_named_before"),
    pytest.param("与会领导考察了云南天成科技有限公司、云南昌胜达投资有限公司三家入园企业。",
                 ("云南昌胜达投资有限公司", "云南昌胜达投资有限公司", "company", "org.named"), id="counted.a_list_of_names"),
])
def test_family(text: str, expected: tuple[str, str, str, str]) -> None:
    assert expected in orgs_of(text)


@pytest.mark.parametrize("text", [
    pytest.param("虽然这个保释结果在中国网友们看来与真正的自由相差甚远。", id="lexicon.no_zhongguowang_in_wangyou"),
    pytest.param("邀请黑客设法入侵本国网络，请他们协助查找漏洞。", id="lexicon.no_guowang_in_benguo_wangluo"),
    pytest.param("福建省晋工机械有限公司工会副主席柯碧霞获得第一名。", id="unit.a_company_union_is_not_taken"),
])
def test_family_false_friends(text: str) -> None:
    names = [name for _, name, _, _ in orgs_of(text)]
    assert not any(n in ("中国网", "国家电网有限公司") or n.endswith("公司工会") for n in names), names


def test_party_centre_is_no_national_body_on_a_taiwanese_page() -> None:
    text = "在地绿营分析，饶庆铃的呼声高，下一步前进党中央。"
    taiwanese = DocumentContext.make(None, url="https://news.ltn.com.tw/news/politics/1", text=text)
    assert ("党中央", "中共中央", "party", "org.national") in orgs_of(text)
    assert orgs_of(text, taiwanese) == []


def test_a_bare_department_is_no_bureau_named_before() -> None:
    text = "记者在河南省人力资源和社会保障厅了解到，具体办法由省级教育行政部门、人力资源和社会保障厅制定。"
    assert [surface for surface, _, _, _ in orgs_of(text)] == ["河南省人力资源和社会保障厅"]


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
    pytest.param("勉县供电公司完成线路改造。\n此前，国网勉县供电公司组织人员连夜抢修。", "国网勉县供电公司",
                 "国网勉县供电公司", id="org.named.county_inside_a_name_is_no_abbreviation"),
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


def test_a_bank_word_inside_an_association_name_is_no_bank() -> None:
    text = "中国银行间市场交易商协会发布了新规，北京银行业协会随后转发。"
    assert [f.name for f in extract_orgs(text, NO_CONTEXT)] == ["中国银行间市场交易商协会", "北京银行业协会"]


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
    pytest.param("工程建设区总蓄积增长明显。", id="generic.total_not_union"),
    pytest.param("2023年，不少上市公司加大了研发投入。", id="generic.quantifier"),
    pytest.param("多家银行下调了存款利率，上述银行均表示将继续支持小微企业。", id="generic.determiner"),
    pytest.param("证券公司发行与转让证券公司短期公司债券需报备。", id="generic.body_before_body"),
    pytest.param("监管部门要求涉事学校立即整改，提高医院药学服务水平。", id="generic.verb_before_body"),
    pytest.param("截至发稿前公司并未回复记者的采访请求。", id="generic.time_before_body"),
    pytest.param("浙江上市公司董事长集体发声，看好资本市场长期发展。", id="generic.listed_companies"),
    pytest.param("本次推介会吸引印度学校目光，双方将开展合作。", id="generic.country_and_kind"),
    pytest.param("随着天气转暖，美国南部可能迎来更多极端高温。", id="generic.country_region"),
    pytest.param("15日政府宣布延长防疫措施。", id="generic.date_before_government"),
    pytest.param("记者在桦皮厂胡同8号楼看到，楼道焕然一新。", id="generic.street_name"),
    pytest.param("训练时，你必须学会如何控制呼吸。", id="generic.verb_learn"),
    pytest.param("诈骗分子要求事主提供银行卡账号和密码。", id="generic.bank_card"),
    pytest.param("传台积电要买友达中科两厂，扩大先进封装产能。", id="generic.counted_plants"),
    pytest.param("资金来源为公司自有资金。", id="generic.name_character_inside_verb"),
    pytest.param("河南队伍建设取得明显成效，全省新增技能人才10万人。", id="team.not_a_troop"),
    pytest.param("15:15从昆明队部出发的队员们到达了现场。", id="team.not_a_team_office"),
    pytest.param("锦云堂没有第三方代理业务，也不存在分支公司，付款请认准官方账户。", id="generic.branch_companies"),
    pytest.param("马云董事长表示，将继续投入乡村教育公益。", id="cue.a_persons_name"),
    pytest.param("据悉，和林董事长当天也在现场指挥。", id="cue.conjunction_before_a_name"),
    pytest.param("与品牌创始人兼总裁一同出席了开幕仪式。", id="cue.description_not_a_name"),
    pytest.param("代码中写道 return e instanceof HTMLElement", id="cue.latin_cue_inside_a_word"),
    pytest.param("会上，副总裁和首席执行官分别发言。", id="cue.title_without_a_name"),
    pytest.param("会议尤其强调了金控集团的风险，直指其存在的利益冲突。", id="generic.financial_holding_groups"),
    pytest.param("今年以来，广东银行机构新增贷款同比多增。", id="generic.province_banks"),
    pytest.param("最新发布的《中国水资源公报》显示，全国用水总量保持平稳。", id="media_title.a_bulletin"),
    pytest.param("他把《喜报》和《天气预报》贴在墙上。", id="media_title.notices"),
    pytest.param("本文来自腾讯新闻客户端自媒体，详情请搜索百度贴吧或下载美团外卖。", id="national.brand_of_a_product"),
    pytest.param("本地排放中移动源占比高达45%，我国航天新技术取得进展。", id="national.short_forms_inside_words"),
    pytest.param("加密货币交易所去年向俄罗斯提供了用户资讯。", id="generic.crypto_exchange"),
    pytest.param("为什么美国会如此重视对芬太尼的管控?", id="country.will_is_no_congress"),
    pytest.param("他在一家私人诊所工作，附近还有牙医诊所和社区诊所。", id="generic.clinics"),
    pytest.param("张某杰纠集李某等人，组成恶势力犯罪集团，在县城开吉村某制衣厂附近从事犯罪活动。", id="generic.criminal_group_and_trade"),
    pytest.param("在她小时候小学毕业后，她成为了一名编草帽的工人。", id="generic.time_word_before_school"),
    pytest.param("台湾白阵中有许多松山高中学长。", id="generic.school_word_inside_senior"),
    pytest.param("我2014年3月在天津同公司签订了劳动合同，他在北京和公司同事聚餐。", id="generic.place_and_function_word"),
    pytest.param("整形失败女子维权反遭医院报复，警方已介入。", id="generic.verb_suffer_before_body"),
    pytest.param("银行间市场利率走低，上海银行业整体资产质量稳定。", id="generic.bank_industry_of_a_city"),
    pytest.param("小区业主多次向物管公司反映，保洁公司也迟迟没有清运垃圾。", id="generic.trade_services"),
    pytest.param("他通过海外离岸公司转移资产，名下还有多家空壳公司。", id="generic.kind_of_company"),
    pytest.param("首批试点银行和村镇银行将率先开展这项业务。", id="generic.kind_of_bank"),
    pytest.param("线路故障后，供电公司和煤气公司工作人员赶到现场。", id="generic.utility_companies"),
    pytest.param("当时一辆学校小巴车直冲近百米，横跨英皇道。", id="generic.vehicle_classifier_before_school"),
    pytest.param("该行党支部不断改进工作作风，有力推进和谐银行建设。", id="generic.harmonious_bank"),
    pytest.param("科技巨擘正在寻求收购晶片公司，以强化伺服器处理器的能力。", id="generic.chip_company"),
    pytest.param("美国退役将领和美军事专家都认为，援助无助于解决冲突。", id="army.military_adjective"),
    pytest.param("俄方称打击乌军工企业的能源保障设施。", id="army.military_industry"),
    pytest.param("在俄罗斯国防军工企业最重要的任务是保障前线。", id="country.defence_industry"),
    pytest.param("今年以来中国银行业整体资产质量稳定，不良率有所下降。", id="lexicon.bank_of_china_not_the_industry"),
    pytest.param("涉吸金4亿余元一案，二审判董事长刘威廷10年6月。", id="cue.court_ruling_before_chairman"),
    pytest.param("施工不慎挖破瓦斯管线，随后由瓦斯公司截断管线。", id="generic.gas_company"),
    pytest.param("特朗普今天在白宫表示，如果伊朗不同意将面临后果。", id="lexicon.white_house_the_building"),
    pytest.param("各民主党派人士和几位共和党人都出席了。", id="lexicon.party_members_and_chinese_parties"),
    pytest.param("无锡市区公办幼儿园开始报名，家长通宵排队。", id="category.public_kindergartens"),
    pytest.param("以后看病，千万不要去私立医院，看清楚医院名称。", id="stop.see_clearly"),
    pytest.param("蔡司台湾在新竹县设厂的代表也出席了说明会。", id="verb.set_up_a_factory"),
    pytest.param("陈盈洁72岁病逝！弟弟医院陪最后一程。", id="stop.kinship"),
    pytest.param("工业电脑厂广积积极布局边缘人工智慧与智慧机器人市场。", id="generic.industrial_pc_maker"),
    pytest.param("市场监管部门要求各地要加强保护公司和消费者的合法权益。", id="generic.purpose_word_alone"),
    pytest.param("陕西省榆林市神木市大柳塔镇一轮胎厂发生火灾，现场浓烟滚滚。", id="numeral.a_tyre_factory"),
    pytest.param("更加客观的方式是找一个专业的第三方顾问公司做调查。", id="generic.consultancy"),
    pytest.param("2012年12月11日，18名复旦大学生不听警告，进入黄山未开发景区。", id="lexicon.university_students"),
    pytest.param("首相宣布辞去执政党党首职务，新党首选举将于下周内举行。", id="lexicon.new_party_leader"),
    pytest.param("随后其中一人和其他两名学生殴打了另一人。事发学校系民办学校，被打学生身体无大碍。", id="stop.where_it_happened"),
    pytest.param("要想采访到负责人，即使动用报社时政记者的关系也很难。", id="stop.make_use_of"),
    pytest.param("进一步分析220家亏损公司的行业特征，只有银行、钢铁行业无一亏损。", id="generic.loss_making_companies"),
    pytest.param("成都一家著名电脑公司斥资100多万买下了冠名权。", id="generic.famous_computer_company"),
    pytest.param("这一年他瞄准市场，投巨资上马化纤厂，接纳下岗职工。", id="stop.launch_a_project"),
    pytest.param("机遇摆在面前却抓不住，如大多专科学校，竞聘上岗难。", id="stop.such_as_most"),
    pytest.param("去年10月24日，我家里收到一张银行的信用卡账单。", id="numeral.a_sheet_from_a_bank"),
    pytest.param("按照瑞士联邦最高法院的裁决，这笔存款归还菲律宾。", id="lexicon.a_federal_supreme_court"),
    pytest.param("警方接报后，公安局民警随后赶到现场。", id="abbreviation.bureau_named_nowhere"),
    pytest.param("全县有初级中学19所，特殊教育学校1所，成人中心学校12所，规模幼儿园45所。", id="counted.kinds_of_school"),
    pytest.param("为了维持垄断地位，它们会在中国开厂，用高薪水吸纳人才。", id="verb.open_a_factory"),
    pytest.param("这就是整个世界的辩证法，中国共产党人善于运用马克思主义。", id="lexicon.party_members"),
    pytest.param("群众曾多次希望镇里采取措施关停钢厂，但一直没有结果。", id="stop.take_measures"),
])
def test_not_an_organisation(text: str) -> None:
    assert extract_orgs(text, NO_CONTEXT) == []


@pytest.mark.parametrize(("text", "not_name"), [
    pytest.param("嘉义县政府与远见杂志合办论坛。", "义县政府", id="generic.place_inside_taiwan_name"),
    pytest.param("佛罗里达州政府宣布进入紧急状态。", "达州政府", id="generic.stem_inside_foreign_name"),
])
def test_a_place_starts_a_word(text: str, not_name: str) -> None:
    assert not_name not in [f.name for f in extract_orgs(text, NO_CONTEXT)]


@pytest.mark.parametrize(("text", "name"), [
    pytest.param("“业绩即正义”？瓜子的年末疯狂\\n瓜子二手车长沙分公司的销售人员王成称", "瓜子二手车长沙分公司",
                 id="escape.newline_written_out"),
    pytest.param("接冲入校园造成困扰，强调绝不退让。\\n东华大学校方考量校园安全", "东华大学", id="escape.before_a_school"),
])
def test_an_escape_written_out_is_no_part_of_a_name(text: str, name: str) -> None:
    assert name in [f.name for f in extract_orgs(text, NO_CONTEXT)]


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


def test_verb_stops_leave_out_descriptive_and_name_words() -> None:
    verbs = verb_stops()
    if not verbs:
        pytest.skip("jieba's dictionary is not installed")
    assert "提高" in verbs and "截至" in verbs
    assert "控股" not in verbs and "联想" not in verbs  # org_lexicon.tsv: generic, name_word
    assert "网" in verbs["互联"]  # 互联网 is a noun


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
           "的", "，", "。", "\n", "各", "吉美", "自治区", "镇", "安海", "高新区", "国务院", "全总", "1", "a",
           "美国", "美", "（", "）", "为", "控股", "委员会", "府", "台北", "与", "学院", "研究所", "村"]


@given(st.lists(st.sampled_from(_PIECES), max_size=30), st.sampled_from(["", "甘肃省总工会", "广元工会网"]))
@settings(max_examples=300, deadline=None)
def test_any_text_gives_well_formed_facts(pieces: list[str], site: str) -> None:
    text = "".join(pieces)
    facts = extract_orgs(text, DocumentContext(site=site or None))
    assert all(text[f.start:f.end] == f.text and f.name and f.rule.startswith("org.") for f in facts)
    assert all(a.end <= b.start for a, b in zip(facts, facts[1:]))
