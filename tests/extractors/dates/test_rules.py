"""The date rule table (extractors/dates/rules.py): one case per rule, and the non-dates (FACTS.md §2 "date")."""

from __future__ import annotations

from datetime import date

import pytest

from extractors.dates import extract_dates
from extractors.dates.rules import RULES


def _found(text: str, published: str | None) -> list:
    return extract_dates(text, date.fromisoformat(published) if published else None)



# (published, sentence, the fact's text, iso, granularity, resolved); the id is the rule that must fire.
RULE_CASES = [
    pytest.param("2021-03-22", "时间定于2021年4月20日至25日，地点在广元市体育中心。",
                 "2021年4月20日至25日", "2021-04-20/2021-04-25", "range", "absolute", id="date.range_ymd"),
    pytest.param("2024-01-06", "据韩国媒体报道，2023年12月29日至2024年1月4日，韩美进行了联合演习。",
                 "2023年12月29日至2024年1月4日", "2023-12-29/2024-01-04", "range", "absolute", id="date.range_ymd.two_years"),
    pytest.param("2020-06-24", "计划明确，5月10日至7月31日，各级工会上下联动开展帮扶。",
                 "5月10日至7月31日", "2020-05-10/2020-07-31", "range", "inferred_year", id="date.range_md"),
    pytest.param("2026-07-29", "梁咏琪将于今年11月27日至29日在香港红馆举办演唱会。",
                 "今年11月27日至29日", "2026-11-27/2026-11-29", "range", "relative", id="date.range_md.relative"),
    pytest.param("2024-08-23", "纪念邓小平同志诞辰120周年学术研讨会22日至24日在京举行。",
                 "22日至24日", "2024-08-22/2024-08-24", "range", "inferred_year", id="date.range_d"),
    pytest.param("2020-06-01", "申报时间为2020-05-26至2020-05-29，逾期不予受理。",
                 "2020-05-26至2020-05-29", "2020-05-26/2020-05-29", "range", "absolute", id="date.range_iso"),
    pytest.param("2023-02-19", "展览于2022年9月至12月在北京展览馆展出，观众超过百万人次。",
                 "2022年9月至12月", "2022-09/2022-12", "range", "absolute", id="date.range_ym"),
    pytest.param("2023-10-24", "今年1至9月，全国治安和刑事警情同比下降。",
                 "今年1至9月", "2023-01/2023-09", "range", "relative", id="date.range_ym.relative"),
    pytest.param("2024-05-27", "1—4月份，全国规模以上工业企业实现利润总额20946亿元。",
                 "1—4月份", "2024-01/2024-04", "range", "inferred_year", id="date.range_m"),
    pytest.param("2021-03-22", "会议印发了《2021—2025年职工素质建设工程规划》。",
                 "2021—2025年", "2021/2025", "range", "absolute", id="date.range_y"),
    pytest.param("2023-07-12", "《城市一刻钟便民生活圈建设三年行动计划（2023—2025）》提出，重点发展社区商业。",
                 "2023—2025", "2023/2025", "range", "absolute", id="date.range_y_bare"),
    pytest.param("2024-07-20", "牵水车藏文化节将于8月5、6日在大园区举行。",
                 "8月5、6日", "2024-08-05/2024-08-06", "range", "inferred_year", id="date.day_list"),
    pytest.param("2024-08-10", "6、7月份，全市新能源汽车销量持续增长。",
                 "6、7月份", "2024-06/2024-07", "range", "inferred_year", id="date.month_list"),
    pytest.param("2021-03-22", "全市开展“建功‘十四五’、奋进新征程”劳动和技能竞赛。",
                 "十四五", "2021/2025", "range", "absolute", id="date.five_year_plan"),
    pytest.param("2016-03-10", "“十三五”时期是全面建成小康社会的决胜阶段。",
                 "十三五", "2016/2020", "range", "absolute", id="date.five_year_plan.thirteenth"),
    pytest.param(None, "广元工会网 发布时间：2021-03-22 点击量：13104",
                 "2021-03-22", "2021-03-22", "day", "absolute", id="date.iso"),
    pytest.param(None, "通知落款为2021.3.22，自印发之日起执行。",
                 "2021.3.22", "2021-03-22", "day", "absolute", id="date.iso.dots"),
    pytest.param("2018-12-13", "转载：人家为什么欺骗你(2018-12-1209:03)",
                 "2018-12-1209:03", "2018-12-12", "day", "absolute", id="date.iso.clock_run_on"),
    pytest.param(None, "文件落款日期：20240307，请各单位遵照执行。",
                 "20240307", "2024-03-07", "day", "absolute", id="date.compact"),
    pytest.param("2020-06-24", "本报讯 二〇二〇年六月二十二日，技能竞赛决赛在和政县举行。",
                 "二〇二〇年六月二十二日", "2020-06-22", "day", "absolute", id="date.ymd"),
    pytest.param("2024-05-06", "乌云其木格同志因病于2024年4月30日0时33分在北京逝世。",
                 "2024年4月30日0时33分", "2024-04-30", "day", "absolute", id="date.ymd.with_time"),
    pytest.param("2024-06-26", "2012年12月，党的十八大结束后不久，总书记来到广东考察。",
                 "2012年12月", "2012-12", "month", "absolute", id="date.ym"),
    pytest.param("2021-03-22", "大会表扬了全市2020年度劳动和技能竞赛先进集体。",
                 "2020年度", "2020", "year", "absolute", id="date.year"),
    pytest.param("2024-01-12", "2023 年，区总工会组织职工参加各类技能培训80 班次。",
                 "2023 年", "2023", "year", "absolute", id="date.year.spaced"),
    pytest.param("2023-06-01", "民国38年，他随部队来到台湾。",
                 "民国38年", "1949", "year", "absolute", id="date.roc"),
    pytest.param("2023-06-01", "依据112年度预算，市府将补助每户5000元。",
                 "112年度", "2023", "year", "absolute", id="date.roc.three_digits"),
    pytest.param(None, "这是临夏州总工会主办的2020扶贫车间系列技能竞赛的首场。",
                 "2020", "2020", "year", "absolute", id="date.bare_year"),
    pytest.param("2020-06-24", "6月22日，东西部协作技能竞赛在和政县举行。",
                 "6月22日", "2020-06-22", "day", "inferred_year", id="date.md"),
    pytest.param("2021-03-22", "3月18日上午，全市劳动和技能竞赛推进会召开。",
                 "3月18日上午", "2021-03-18", "day", "inferred_year", id="date.md.with_time"),
    pytest.param("2020-06-24", "临夏州各市县从6月初开始进行初赛。",
                 "6月初", "2020-06", "month", "inferred_year", id="date.month"),
    pytest.param("2024-01-25", "活动将持续至4月上旬，覆盖全市所有快递网点。",
                 "4月上旬", "2024-04-01/2024-04-10", "range", "inferred_year", id="date.month.dekad"),
    pytest.param("2024-09-11", "十四届全国人大常委会委员长会议11日下午在北京人民大会堂举行。",
                 "11日下午", "2024-09-11", "day", "inferred_year", id="date.day"),
    pytest.param("2024-12-20", "自去年5月国产大飞机投入商业运营以来，累计运送旅客超百万人次。",
                 "去年5月", "2023-05", "month", "relative", id="date.relative_md"),
    pytest.param("2022-11-08", "本月1日，两国元首举行了视频会晤。",
                 "本月1日", "2022-11-01", "day", "relative", id="date.relative_d"),
    pytest.param("2023-10-08", "新订单指数为53.3%，较上月回升3.8个百分点。",
                 "上月", "2023-09", "month", "relative", id="date.relative_d.month"),
    pytest.param("2023-09-20", "抽水蓄能电站最后一台机组昨天（9月19日）正式投产发电。",
                 "昨天", "2023-09-19", "day", "relative", id="date.relative_day"),
    pytest.param("2023-07-15", "台北市长今（15）日表示，将加强防汛准备。",
                 "今（15）日", "2023-07-15", "day", "relative", id="date.relative_day_number"),
    pytest.param("2020-06-24", "特别是今年以来，临夏州总工会在扶贫车间开展技能竞赛。",
                 "今年", "2020", "year", "relative", id="date.relative_year"),
    pytest.param("2024-03-01", "今年年初，晋江力利玩具有限公司举办了首届女职工技能竞赛。",
                 "今年年初", "2024", "year", "relative", id="date.relative_year.early"),
    pytest.param("2020-03-10", "项目力争年底前全部完工。",
                 "年底", "2020", "year", "relative", id="date.relative_year.year_end"),
    pytest.param("2024-04-11", "今明两年，国家还将制订修订一批养老服务标准。",
                 "今明两年", "2024/2025", "range", "relative", id="date.relative_years"),
    pytest.param("2023-08-05", "今年上半年，在出口面临较大压力的情况下，外贸保持稳定。",
                 "今年上半年", "2023-01/2023-06", "range", "relative", id="date.year_part"),
    pytest.param("2022-10-24", "前三季度，最终消费支出对经济增长的贡献率为41.3%。",
                 "前三季度", "2022-01/2022-09", "range", "inferred_year", id="date.year_part.quarters"),
    pytest.param("2013-06-14", "2013年一季度末，全国金融机构存款余额稳步增长。",
                 "2013年一季度末", "2013-03", "month", "absolute", id="date.year_part.quarter_end"),
    pytest.param("2021-06-14", "本季度全市新增就业岗位1.2万个。",
                 "本季度", "2021-04/2021-06", "range", "relative", id="date.relative_quarter"),
    pytest.param("2022-10-29", "红旗渠是上世纪60年代在太行山腰修建的引水工程。",
                 "上世纪60年代", "1960/1969", "range", "absolute", id="date.decade"),
    pytest.param("2020-06-24", "自农历正月初四开始，柳州市河西工业园区的企业陆续复工。",
                 "农历正月初四", "2020-01-28", "day", "inferred_year", id="date.lunar"),
    pytest.param("2023-01-14", "今天（1月14日）是腊月二十三，各地城市装扮一新。",
                 "腊月二十三", "2023-01-14", "day", "inferred_year", id="date.lunar.layue"),
    pytest.param("2024-02-19", "农历正月初一至正月初八，全市共接待游客312.6万人次。",
                 "农历正月初一至正月初八", "2024-02-10/2024-02-17", "range", "inferred_year", id="date.range_lunar"),
    pytest.param("2024-02-13", "从大年初二开始，外出旅游的人数明显增加。",
                 "大年初二", "2024-02-11", "day", "inferred_year", id="date.lunar.new_year"),
    pytest.param("2024-02-18", "2024年春节假期，全国国内出游4.74亿人次。",
                 "2024年春节", "2024-02-10", "day", "absolute", id="date.festival"),
    pytest.param("2024-05-06", "2024年五一假期，全国铁路累计发送旅客1.2亿人次。",
                 "2024年五一", "2024-05-01", "day", "absolute", id="date.festival.may_day"),
    pytest.param("2023-10-09", "今年国庆期间，全市重点景区接待游客120万人次。",
                 "今年国庆", "2023-10-01", "day", "relative", id="date.festival.national_day"),
    pytest.param("2023-04-14", "第133届广交会将于明天（4月15日）至5月5日在广州举行。",
                 "明天（4月15日）至5月5日", "2023-04-15/2023-05-05", "range", "inferred_year", id="date.range_relative"),
    pytest.param("2026-07-20", "本周（7/20-7/26）十二星座运势出炉。",
                 "7/20-7/26", "2026-07-20/2026-07-26", "range", "inferred_year", id="date.range_slash"),
    pytest.param("2026-07-21", "官方于7／25 至 8／2 在大直美堤河滨公园举办嘉年华。",
                 "7／25 至 8／2", "2026-07-25/2026-08-02", "range", "inferred_year", id="date.range_slash.fullwidth"),
    pytest.param("2026-07-16", "台东海岸漂流木7/17起开放民众捡拾。",
                 "7/17", "2026-07-17", "day", "inferred_year", id="date.slash_md"),
    pytest.param("2026-07-10", "颱风来袭，桃园市7/11（六）停班停课。",
                 "7/11（六）", "2026-07-11", "day", "inferred_year", id="date.slash_md.weekday"),
    pytest.param("2026-08-20", "行政院今天通过116年总预算，岁出3.6兆元。",
                 "116年", "2027", "year", "absolute", id="date.roc_year"),
    pytest.param("2026-08-21", "侯汉廷在113年总统大选期间揭露此事。",
                 "113年", "2024", "year", "absolute", id="date.roc_year.past"),
    pytest.param("2024-06-12", "本周，南方多地迎来强降雨。",
                 "本周", "2024-06-10/2024-06-16", "range", "relative", id="date.week"),
    pytest.param("2021-06-14", "上上周，市政府召开了常务会议。",
                 "上上周", "2021-05-31/2021-06-06", "range", "relative", id="date.week.two_back"),
    pytest.param("2023-01-28", "英国伦敦一座建于19世纪的教堂发生火灾。",
                 "19世纪", "1800/1899", "range", "absolute", id="date.century"),
    pytest.param("2022-11-04", "20世纪初，塔尔萨市格林伍德社区是全美最繁荣的非洲裔社区。",
                 "20世纪初", "1900/1919", "range", "absolute", id="date.century.beginning"),
    pytest.param("2021-06-14", "他在19年底离开了这家公司。",
                 "19年底", "2019", "year", "absolute", id="date.year_short"),
    pytest.param("2024-12-20", "2024年冬至，北方多地迎来降雪。",
                 "2024年冬至", "2024-12-21", "day", "absolute", id="date.solar_term"),
    pytest.param("2023-04-06", "今年清明期间，各地推出鲜花祭扫。",
                 "今年清明", "2023-04-05", "day", "relative", id="date.solar_term.relative_year"),
    pytest.param("2021-06-14", "本月第2周，全市开展消防安全检查。",
                 "本月第2周", "2021-06-14/2021-06-20", "range", "relative", id="date.month_week"),
    pytest.param("2021-06-14", "2023年三月第二周，展会在上海举行。",
                 "2023年三月第二周", "2023-03-13/2023-03-19", "range", "absolute", id="date.month_week.written_year"),
    pytest.param("2021-09-14", "八月份第一个周二，新规正式施行。",
                 "八月份第一个周二", "2021-08-03", "day", "inferred_year", id="date.month_week.nth_weekday"),
    pytest.param("2021-06-14", "今年第三十七个星期将迎来开学季。",
                 "今年第三十七个星期", "2021-09-13/2021-09-19", "range", "relative", id="date.year_week"),
    pytest.param("2021-06-14", "气象台预计，后天起全省有一次降雨过程。",
                 "后天", "2021-06-16", "day", "relative", id="date.relative_day.day_after_tomorrow"),
    pytest.param("2021-06-14", "大前天晚上，小区停车场发生一起剐蹭事故。",
                 "大前天晚上", "2021-06-11", "day", "relative", id="date.relative_day.three_days_ago"),
    pytest.param("2021-06-14", "新馆计划下下下周一正式开放。",
                 "下下下周一", "2021-07-05", "day", "relative", id="date.weekday.three_ahead"),
    pytest.param("2021-06-14", "上上个月五号，他在超市买了这台冰箱。",
                 "上上个月五号", "2021-04-05", "day", "relative", id="date.relative_d.two_months_back"),
    pytest.param("2021-06-14", "公司预计下下个季度恢复盈利。",
                 "下下个季度", "2021-10/2021-12", "range", "relative", id="date.relative_quarter.two_ahead"),
    pytest.param("2024-06-12", "周一，外交部发言人回答了记者提问。",
                 "周一", "2024-06-10", "day", "relative", id="date.weekday"),
    pytest.param("2024-06-12", "周五，美国劳工部公布了就业数据。",
                 "周五", "2024-06-07", "day", "relative", id="date.weekday.later_is_last_week"),
    pytest.param("2024-06-12", "会议将于周五在北京举行。",
                 "周五", "2024-06-14", "day", "relative", id="date.weekday.ahead"),
    pytest.param("2021-06-14", "下周六将举行毕业典礼。",
                 "下周六", "2021-06-26", "day", "relative", id="date.weekday.next_week"),
    pytest.param("2021-06-14", "上周星期三，他回到家乡。",
                 "上周星期三", "2021-06-09", "day", "relative", id="date.weekday.last_week"),
    pytest.param("2026-08-03", "气象署预估周五至周六台风通过琉球群岛。",
                 "周五至周六", "2026-08-07/2026-08-08", "range", "relative", id="date.weekday_range"),
    pytest.param("2024-09-14", "今年中秋节期间，我国肉蛋奶供应充足。",
                 "今年中秋节", "2024-09-17", "day", "relative", id="date.festival.relative"),
]


@pytest.mark.parametrize("published, sentence, surface, iso, granularity, resolved", RULE_CASES)
def test_rule(request, published, sentence, surface, iso, granularity, resolved):
    rule = request.node.callspec.id.split(".")[0] + "." + request.node.callspec.id.split(".")[1]
    facts = _found(sentence, published)
    hit = [f for f in facts if f.text == surface]
    assert hit, f"{surface!r} not found in {[f.text for f in facts]}"
    fact = hit[0]
    assert (fact.iso, fact.granularity, fact.resolved, fact.rule) == (iso, granularity, resolved, rule)
    assert sentence[fact.start:fact.end] == fact.text


def test_every_rule_has_a_case():
    tested = {p.id.split(".")[0] + "." + p.id.split(".")[1] for p in RULE_CASES}
    assert {rule.name for rule in RULES} <= tested




# Words and numbers that look like dates but are not (FACTS.md §2 "Not dates").
NOT_DATES = [
    pytest.param("经过近二十年的积极实践，这项活动已成为品牌。", id="duration.years_chinese"),
    pytest.param("两年来，3年的帮扶、1年时间、半年、几周、多年来的坚持都有了回报。", id="duration.years"),
    pytest.param("24小时值守，3日内完成整改。", id="duration.hours_days"),
    pytest.param("这座古城已有2000年的历史。", id="duration.year_number"),
    pytest.param("日前、近日、近年来、目前、当天、前不久，有关部门陆续出台措施。", id="vague"),
    pytest.param("当年6月，同年、次日，他们又来到这里。", id="anaphora"),
    pytest.param("期次：第8246期，第六届技能大赛，获得第一名。", id="ordinal"),
    pytest.param("身份证号140302197706220124。", id="id_number"),
    pytest.param("举报电话：20231215。", id="phone_number"),
    pytest.param("共有2020人参加，投入1500万元。", id="bare_number"),
    pytest.param("杨女依杀人未遂罪被判刑11年2月，判处有期徒刑3月。", id="prison_term"),
    pytest.param("光明日报社记者说明天气情况。", id="ming_word"),
    pytest.param("正值一月一次的大检修。", id="lunar_lookalike"),
    pytest.param("天团五月天演唱会门票售罄。", id="band_name"),
    pytest.param("这位35岁的老党员已带出12名徒弟。", id="age"),
    pytest.param("这里发现了夏商周三代的大型城址。", id="weekday.dynasties"),
    pytest.param("展馆每周一至周五开放，一周三次安排讲解。", id="weekday.recurring"),
    pytest.param("受指数影响，股价创下周线最大涨幅。", id="week.weekly_chart"),
    pytest.param("日本周增新冠确诊病例数再创新高，企业成本周期性上升。", id="week.japan_and_cost"),
    pytest.param("北市动保处缺额达1/3，约1/5的职位空缺。", id="slash.fraction"),
    pytest.param("1/4决赛门票售罄，8/16核处理器性能强劲。", id="slash.round_and_cores"),
    pytest.param("该校创校已有113年历史，113年来培养人才无数。", id="roc_year.duration"),
    pytest.param("专家认为，这种能力是后天形成的，与先天和后天的环境都有关。", id="relative_day.acquired"),
    pytest.param("日本日产汽车公司宣布召回部分车型。", id="relative_day.japan_nissan"),
    pytest.param("多位市场人士对21世纪经济报道记者表示，政策仍有空间。", id="century.the_present_names_things"),
    pytest.param("为庆祝车系问世四分之一世纪，厂商发表限量车型。", id="century.a_quarter_century"),
    pytest.param("这项工作已初步完成，20年初步见成效。", id="year_short.chubu"),
]


@pytest.mark.parametrize("sentence", NOT_DATES)
def test_not_dates(sentence):
    found = extract_dates(sentence, date(2023, 7, 15))
    assert [f.text for f in found] == []

