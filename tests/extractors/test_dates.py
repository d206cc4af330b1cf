"""Date facts (FACTS.md §2 "date"): one case per rule, the conventions, the non-dates, the speed-up's soundness."""

from __future__ import annotations

import json
import re
from datetime import date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors import dates
from extractors.dates import extract_dates
from tests.conftest import CORPUS, shared_path

ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?(/\d{4}(-\d{2}(-\d{2})?)?)?$")


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
    assert {rule.name for rule in dates.RULES} <= tested


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
]


@pytest.mark.parametrize("sentence", NOT_DATES)
def test_not_dates(sentence):
    found = extract_dates(sentence, date(2023, 7, 15))
    assert [f.text for f in found] == []


@pytest.mark.parametrize("published, sentence, surface, iso", [
    pytest.param("2023-01-07", "粮农组织表示，12月指数回落的原因在于植物油价格下跌。", "12月", "2022-12",
                 id="later_month.previous_year"),
    pytest.param("2020-06-24", "11月1日，他回到家乡创办了养殖合作社。", "11月1日", "2019-11-01",
                 id="later_month.previous_year.day"),
    pytest.param("2024-04-27", "北京时间7月26日晚，巴黎奥运会开幕式将在塞纳河上举行。", "7月26日晚", "2024-07-26",
                 id="later_month.future_word_after"),
    pytest.param("2024-04-27", "7月26日，他在塞纳河畔完成了毕业作品展。", "7月26日", "2023-07-26",
                 id="later_month.next_month_past_event"),
    pytest.param("2020-06-24", "计划明确，11月1日起实施新的帮扶办法。", "11月1日", "2020-11-01",
                 id="later_month.prospective"),
    pytest.param("2024-12-01", "叙利亚总统巴沙尔30日表示，将继续捍卫国家稳定。", "30日", "2024-11-30",
                 id="day_alone.previous_month"),
    pytest.param("2023-01-24", "26日至28日，中东部还会受到冷空气影响。", "26日至28日", "2023-01-26/2023-01-28",
                 id="day_alone.days_ahead"),
    pytest.param("2024-11-12", "增加后春节放假4天（农历除夕、正月初一至初三）。", "正月初一至初三",
                 "2025-01-29/2025-01-31", id="lunar.nearest_occurrence"),
    pytest.param("2021-01-20", "12月28日至1月3日，全市开展安全生产大检查。", "12月28日至1月3日", "2020-12-28/2021-01-03",
                 id="range.across_new_year"),
    pytest.param("2023-06-03", "7月1日零时起，经平台备案的车辆可入境。", "7月1日零时", "2023-07-01",
                 id="later_month.prospective.hour_zero"),
    pytest.param("2026-07-15", "他在周一表示将参选到底。", "周一", "2026-07-13",
                 id="weekday.future_of_the_action_is_not_of_the_day"),
    pytest.param("2026-08-03", "气象署说，最快会在周五发布海上台风警报。", "周五", "2026-08-07",
                 id="weekday.ahead_by_a_word_right_before"),
    pytest.param("2024-01-20", "总台《2024年春节联欢晚会》举行新闻发布会。", "2024年", "2024",
                 id="festival.gala_is_not_the_holiday"),
])
def test_year_inference(published, sentence, surface, iso):
    facts = {f.text: f.iso for f in _found(sentence, published)}
    assert facts.get(surface) == iso, facts


def test_without_publication_date_the_article_year_resolves_year_level_dates():
    text = "6月2日，甘肃临夏州总工会举办技能竞赛。今年以来，受疫情影响，务工难。去年，合作社赚了15万元。\n福建省总工会启动2020年防暑降温工作。"
    found = {f.text: (f.iso, f.resolved) for f in extract_dates(text)}
    assert found == {"6月2日": ("2020-06-02", "inferred_year"), "今年": ("2020", "relative"),
                     "去年": ("2019", "relative"), "2020年": ("2020", "absolute")}


@pytest.mark.parametrize("sentence", [
    pytest.param("今天上午，本月、昨天和22日的会议都已结束。", id="day_level"),
    pytest.param("今年以来，6月2日，农历正月初四，去年。", id="year_level_without_any_year"),
])
def test_without_publication_date_nothing_needing_it_is_emitted(sentence):
    assert extract_dates(sentence) == []


@pytest.mark.parametrize("published", [
    pytest.param(datetime(2020, 6, 24, 8, 30), id="datetime"),
    pytest.param("2020-06-24T08:00:00", id="iso_string"),
])
def test_publication_date_forms(published):
    assert [f.iso for f in extract_dates("6月22日，今年以来", published)] == ["2020-06-22", "2020"]


@pytest.mark.parametrize("text", [None, "", 42, "\n\n", "年月日号" * 50, "2020年13月45日", "0000年00月00日", "十十十五五五"])
def test_odd_input_returns_something_sane(text):
    for fact in extract_dates(text, date(2020, 6, 24)):
        assert ISO.match(fact.iso), fact


_DATE_CHARS = "0123456789０１２年月日号至今去明前上下本初底末旬季度十一二三四五六七八九〇农历正腊世纪代—-.：（）“”春节 "


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_DATE_CHARS + "的了在是和", max_size=60))
def test_random_date_like_text_never_breaks_the_contract(text):
    for fact in extract_dates(text, date(2021, 3, 22)):
        assert text[fact.start:fact.end] == fact.text
        assert ISO.match(fact.iso), fact
        assert fact.granularity in {"day", "month", "year", "range"}
        assert fact.resolved in {"absolute", "inferred_year", "relative"}
        assert (fact.granularity == "range") == ("/" in fact.iso)


# --- the stretch finder (speed) must not change what is found -----------------------------------
def _consumable(tree) -> list:
    """(low, high) code point ranges a parsed regex can consume outside lookarounds."""
    from re import _constants as c  # the stdlib's own regex parser: the only exact reading of a pattern

    out = []
    for op, arg in tree:
        if op is c.LITERAL:
            out.append((arg, arg))
        elif op is c.IN:
            assert (c.NEGATE, None) not in arg, "negated classes would need an open alphabet"
            for sub_op, sub_arg in arg:
                if sub_op is c.LITERAL:
                    out.append((sub_arg, sub_arg))
                elif sub_op is c.RANGE:
                    out.append(sub_arg)
        elif op in (c.ASSERT, c.ASSERT_NOT, c.AT, c.GROUPREF):
            continue
        elif op is c.SUBPATTERN:
            out += _consumable(arg[-1])
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            out += _consumable(arg[-1])
        elif op is c.BRANCH:
            for branch in arg[1]:
                out += _consumable(branch)
        else:
            raise AssertionError(f"unexpected regex node {op}")
    return out


def test_alphabet_holds_every_character_a_rule_can_consume():
    from re import _parser

    alphabet = re.compile(f"[{dates.ALPHABET}]")
    for rule in dates.RULES:
        for low, high in _consumable(_parser.parse(rule.pattern.pattern)):
            missing = [chr(c) for c in range(low, high + 1) if not alphabet.match(chr(c))]
            assert not missing, f"{rule.name} consumes {missing} outside ALPHABET"


def test_every_key_alternative_starts_with_what_the_stretch_finder_looks_for():
    for rule in dates.RULES:
        for alternative in rule.keys.split():
            assert alternative[0] == "#" or alternative[0] in dates._STRETCH_KEYS, (rule.name, alternative)
            assert alternative[0] in dates.ALPHABET or alternative[0] == "#", (rule.name, alternative)


def _full_scan(text: str, published: date | None) -> list[tuple[int, int, str, str]]:
    """What extract_dates would give if every rule scanned the whole text."""
    candidates = [dates._Candidate(m.start() - m.end(), i, m.start(), m.end(), m)
                  for i, rule in enumerate(dates.RULES) for m in rule.pattern.finditer(text) if m.end() > m.start()]
    year = published.year if published else dates._article_year(dates._select(candidates, dates.Anchor(None, None)))
    anchor = dates.Anchor(published, year)
    return [(c.start, c.end, c.rule.name, r.iso) for c, r in dates._select(candidates, anchor)]


def _stretch_scan(text: str, published: date | None) -> list[tuple[int, int, str, str]]:
    return [(f.start, f.end, f.rule, f.iso) for f in extract_dates(text, published)]


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.txt")), ids=lambda p: p.name[:3])
@pytest.mark.parametrize("published", [None, date(2020, 6, 24)], ids=["undated", "dated"])
def test_stretches_find_what_a_full_scan_finds_on_the_sample_pages(path, published):
    text = path.read_text(encoding="utf-8")
    assert _stretch_scan(text, published) == _full_scan(text, published)


def _date_rich_texts() -> list[str]:
    texts = [path.read_text(encoding="utf-8") for path in sorted(CORPUS.glob("*.txt"))]
    for parts in (("bench", "xwlb_2022_2024.jsonl"), ("peer-dev", "jionlp_time_extract.jsonl"),
                  ("peer-dev", "jionlp_time_parse.jsonl")):
        with open(shared_path(*parts), encoding="utf-8") as f:
            texts += [json.loads(line)["text"] for _, line in zip(range(3000), f)]
    return texts


@pytest.mark.parametrize("rule", dates.RULES, ids=lambda r: r.name)
def test_no_match_begins_or_ends_where_stretches_are_trimmed(rule):
    """_stretches trims characters no match begins (or ends) with; a new rule that does needs them removed."""
    for text in _date_rich_texts():
        for m in rule.pattern.finditer(text):
            if m.end() > m.start():
                assert text[m.start()] not in dates._NEVER_FIRST, (rule.name, m.group())
                assert text[m.end() - 1] not in dates._NEVER_LAST, (rule.name, m.group())


def _edge_chars(tree, last: bool) -> tuple[set[str], bool]:
    """The characters a match of a parsed regex can begin (or, with ``last``, end) with, and whether
    it can be empty (then what follows it counts too)."""
    from re import _constants as c

    chars: set[str] = set()
    for op, arg in (reversed(list(tree)) if last else tree):
        if op in (c.ASSERT, c.ASSERT_NOT, c.AT):
            continue
        if op in (c.LITERAL, c.IN):
            return chars | {chr(n) for low, high in _consumable([(op, arg)]) for n in range(low, high + 1)}, False
        if op is c.SUBPATTERN:
            found, empty = _edge_chars(arg[-1], last)
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            found, empty = _edge_chars(arg[-1], last)
            empty = empty or arg[0] == 0
        elif op is c.BRANCH:
            ends = [_edge_chars(branch, last) for branch in arg[1]]
            found, empty = set().union(*(f for f, _ in ends)), any(e for _, e in ends)
        else:  # a group reference at the edge would need its group's characters
            raise AssertionError(f"unexpected regex node {op} at a match's edge")
        chars |= found
        if not empty:
            return chars, False
    return chars, True


@pytest.mark.parametrize("rule", dates.RULES, ids=lambda r: r.name)
def test_no_rule_can_begin_or_end_with_a_trimmed_character(rule):
    """The same as the test above, read off the pattern itself: it holds for any text."""
    from re import _parser

    tree = _parser.parse(rule.pattern.pattern)
    for last, trimmed in ((False, dates._NEVER_FIRST), (True, dates._NEVER_LAST)):
        chars, empty = _edge_chars(tree, last)
        assert not empty and not chars & trimmed, (rule.name, "last" if last else "first", sorted(chars & trimmed))


def test_stretches_find_what_a_full_scan_finds_on_news_bulletins():
    with open(shared_path("bench", "xwlb_2022_2024.jsonl"), encoding="utf-8") as f:
        rows = [json.loads(line) for _, line in zip(range(300), f)]
    for row in rows:
        stamp = row["id"].split("-")[1]
        published = date(int(stamp[:4]), int(stamp[4:6]), int(stamp[6:8]))
        assert _stretch_scan(row["text"], published) == _full_scan(row["text"], published), row["id"]


# --- the hand-made answers for the sample pages ----------------------------------------------
def _gold_rows():
    with open(shared_path("gold", "seeds.jsonl"), encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def test_gold_dates_of_the_simplified_sample_pages():
    """Every non-optional gold date of the Simplified pages, read from its line of the page."""
    checked = 0
    for row in _gold_rows():
        if row["script"] != "hans":
            continue
        text = (CORPUS / row["doc"]).read_text(encoding="utf-8")
        lines = text.split("\n")
        published = date.fromisoformat(row["published"]) if row["published"] else None
        found = extract_dates(text, published)
        for gold in row["facts"]:
            if gold["kind"] != "date" or gold.get("optional"):
                continue
            line_start = sum(len(line) + 1 for line in lines[:gold["line"] - 1])
            line_end = line_start + len(lines[gold["line"] - 1])
            at_line = {(f.text, f.iso) for f in found if line_start <= f.start < line_end}
            assert (gold["text"], gold["value"]["iso"]) in at_line, (row["doc"], gold, at_line)
            checked += 1
    assert checked >= 25


# --- JioNLP's own time-parsing cases that fall under FACTS.md's conventions -------------------
JIONLP_AGREED = [0, 2, 6, 18, 19, 20, 22, 24, 25, 27, 28, 29, 31, 32, 33, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 47,
                 56, 57, 58, 59, 62, 81, 82, 92, 95, 96, 99, 111, 112, 113, 114, 118, 120, 136, 137, 138, 139, 148,
                 150, 151, 159, 160, 161, 173, 174, 176, 205, 216, 218, 233, 235, 386]


def _jionlp_cases(name: str) -> dict[str, dict]:
    with open(shared_path("peer-dev", name), encoding="utf-8") as f:
        return {row["id"]: row for row in map(json.loads, f)}


@pytest.mark.parametrize("number", JIONLP_AGREED, ids=lambda n: f"jionlp_time_parse:{n}")
def test_jionlp_time_parse(number):
    row = _jionlp_cases("jionlp_time_parse.jsonl")[f"jionlp_time_parse:{number}"]
    expected = row["expected"][0]
    found = {f.iso for f in _found(row["text"], row["ref_date"])
             if f.start < expected["end"] and expected["start"] < f.end}
    assert expected["value"]["iso"] in found, (row["text"], found)


def test_jionlp_time_extract_negatives():
    rows = [r for r in _jionlp_cases("jionlp_time_extract.jsonl").values() if not r["expected"]]
    assert len(rows) >= 10
    for row in rows:
        assert extract_dates(row["text"], date(2021, 6, 14)) == [], row["text"]
