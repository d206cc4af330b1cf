"""Money facts (FACTS.md §2 money): one case per rule, currencies, per hints, what is not money, gold and peers."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors import extract
from extractors.money import EXTRACTOR, RULES, extract_money
from tests.conftest import CORPUS, shared_path


def _d(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def _only(sentence: str):
    facts = extract_money(sentence)
    assert len(facts) == 1, [f.text for f in facts]
    return facts[0]


# (sentence, text, min, max, currency, approx, per, the rule that must fire).
RULE_CASES = [
    pytest.param("报账金额在1 万(含)-5 万元之间的交由上级批复。", "1 万(含)-5 万元", "10000", "50000", "CNY", "range",
                 None, "money.range", id="money.range"),
    pytest.param("每人每月补助标准为5000元至1万元不等。", "5000元至1万元", "5000", "10000", "CNY", "range", "month",
                 "money.range", id="money.range.2"),
    pytest.param("为养牛户每年带来2万—5万元收益。", "2万—5万元", "20000", "50000", "CNY", "range", "year",
                 "money.range", id="money.range.3"),
    pytest.param("今年因为疫情不能出去，就来扶贫车间上班，一天可以挣到八九十元。", "八九十元", "80", "90", "CNY",
                 "range", "day", "money.cjk_range", id="money.cjk_range"),
    pytest.param("新台币 177.1 亿元的特别预算昨日三读通过。", "新台币 177.1 亿元", "17710000000", "17710000000",
                 "TWD", None, None, "money.symbol", id="money.symbol"),
    pytest.param("商品售价为￥1,299，比上月下调了一成。", "￥1,299", "1299", "1299", "CNY", None, None,
                 "money.symbol", id="money.symbol.2"),
    pytest.param("这些设备动辄上万元，普通农户难以负担。", "上万元", "10000", None, "CNY", "over", None,
                 "money.magnitude", id="money.magnitude"),
    pytest.param("诈骗集团共骗取近千万元，警方已冻结部分账户。", "近千万元", None, "10000000", "CNY", "under", None,
                 "money.magnitude", id="money.magnitude.2"),
    pytest.param("据初步统计，全省工会已筹集3000万元防暑降温专项资金。", "3000万元", "30000000", "30000000", "CNY",
                 None, None, "money.cjk_multiplier", id="money.cjk_multiplier"),
    pytest.param("区总工会补助每个项目 2 万元。", "2 万元", "20000", "20000", "CNY", None, "item",
                 "money.cjk_multiplier", id="money.cjk_multiplier.2"),
    pytest.param("合作社今年的收入预计会超过20万元。", "超过20万元", "200000", None, "CNY", "over",
                 None, "money.cjk_multiplier", id="money.cjk_multiplier.3"),
    pytest.param("美国宣布将提供约4.287亿美元的援助。", "约4.287亿美元", "428700000", "428700000", "USD", "about",
                 None, "money.cjk_multiplier", id="money.cjk_multiplier.4"),
    pytest.param("目前，全州人均月收入达到2000元以上。", "2000元以上", "2000", None, "CNY", "over", "month",
                 "money.amount", id="money.amount"),
    pytest.param("现在每个月能拿到2500多元工资。", "2500多元", "2500", None, "CNY", "over", "month",
                 "money.amount", id="money.amount.2"),
    pytest.param("他家还在村里打短工，旺季每天有300元的收入。", "300元", "300", "300", "CNY", None, "day",
                 "money.amount", id="money.amount.3"),
    pytest.param("今天去超市，开销123元1角1分。", "123元1角1分", "123.11", "123.11", "CNY", None, None,
                 "money.amount", id="money.amount.4"),
    pytest.param("工厂费一万二千三百四十五元，已当场结清。", "一万二千三百四十五元", "12345", "12345", "CNY", None,
                 None, "money.amount", id="money.amount.5"),
    pytest.param("这笔投资约合人民币62亿元。", "约合人民币62亿元", "6200000000", "6200000000",
                 "CNY", "about", None, "money.symbol", id="money.symbol.approx_before_symbol"),
    pytest.param("兖煤澳洲的注册资本折合人民币约147亿元。", "人民币约147亿元", "14700000000", "14700000000",
                 "CNY", "about", None, "money.symbol", id="money.symbol.approx_after_symbol"),
    pytest.param("联盟上季判罚罚款总额共计新台币51万9000元。", "新台币51万9000元", "519000", "519000", "TWD", None, None,
                 "money.symbol", id="money.symbol.wan_and_rest"),
    pytest.param("煤价下跌对公司收入的影响为-40.47亿元。", "-40.47亿元", "-4047000000", "-4047000000", "CNY", None,
                 None, "money.cjk_multiplier", id="money.cjk_multiplier.negative"),
    pytest.param("为了给孩子治病，他先后花了万余元。", "万余元", "10000", None, "CNY", "over", None, "money.amount",
                 id="money.amount.bare_wan_yu"),
    pytest.param("今日头条起诉腾讯索赔4千万，称对方屏蔽和拦截其内容。", "4千万", "40000000", "40000000", "CNY", None, None,
                 "money.implied", id="money.implied.suo_pei"),
    pytest.param("受此影响，公司净利润减少超5700万。", "超5700万", "57000000", None, "CNY", "over", None,
                 "money.implied", id="money.implied.approx_before"),
    pytest.param("天津97个重点项目竣工，总投资超600亿。", "超600亿", "60000000000", None, "CNY", "over", None,
                 "money.implied", id="money.implied.tou_zi"),
    pytest.param("他欠下的债务，家人帮他还债30万。", "30万", "300000", "300000", "CNY", None, None,
                 "money.implied", id="money.implied.huan_zhai"),
    pytest.param("市政府拨款3亿用于防汛抗旱设施建设。", "3亿", "300000000", "300000000", "CNY", None, None,
                 "money.implied", id="money.implied.next_phrase_yongyu"),
    pytest.param("这家新能源车企去年亏损两个多亿，今年仍在烧钱。", "两个多亿", "200000000", None, "CNY", "over", None,
                 "money.implied", id="money.implied.spoken_ge_yi"),
    pytest.param("一名业者为还债30万向地下钱庄借款，最终血本无归。", "30万", "300000", "300000", "CNY", None, None,
                 "money.implied", id="money.implied.next_phrase_xiang"),
]


@pytest.mark.parametrize("sentence, text, low, high, currency, approx, per, rule", RULE_CASES)
def test_rule_reads_amount(sentence, text, low, high, currency, approx, per, rule) -> None:
    fact = _only(sentence)
    assert (fact.text, fact.min, fact.max, fact.currency, fact.approx, fact.per) == \
        (text, _d(low), _d(high), currency, approx, per)
    assert fact.rule == rule
    assert sentence[fact.start:fact.end] == fact.text


def test_every_rule_has_a_case() -> None:
    covered = {p.values[-1] for p in RULE_CASES}
    assert set(EXTRACTOR.rules) <= covered


@pytest.mark.parametrize("sentence, text, currency", [
    pytest.param("台北市一碗牛肉面涨到180元。", "180元", "TWD", id="bare_yuan_is_the_page_currency"),
    pytest.param("他每个月房租一万五千块。", "一万五千块", "TWD", id="bare_kuai_is_the_page_currency"),
    pytest.param("法院判他须赔偿116万。", "116万", "TWD", id="implied_amount_in_the_page_currency"),
    pytest.param("陆客来台消费金额约合人民币20亿元。", "约合人民币20亿元", "CNY", id="renminbi_stays_cny"),
    pytest.param("台股今天上涨，成交金额新台币3000亿元。", "新台币3000亿元", "TWD", id="named_twd"),
    pytest.param("苹果公司第三季营收达897亿美元。", "897亿美元", "USD", id="usd_stays_usd"),
])
def test_page_currency_on_a_taiwanese_page(sentence: str, text: str, currency: str) -> None:
    facts = [f for f in extract_money(sentence, currency="TWD") if f.text.startswith(text)]
    assert facts and facts[0].currency == currency


@pytest.mark.parametrize(("kwargs", "currency"), [
    pytest.param({"url": "https://www.cna.com.tw/news/afe/202607260123.aspx"}, "TWD", id="tw_host"),
    pytest.param({"site": "中央社"}, "TWD", id="tw_outlet"),
    pytest.param({}, "CNY", id="mainland"),
])
def test_extract_uses_the_page_currency(kwargs: dict, currency: str) -> None:
    text = "油价调涨\n中油宣布，自明天起汽油每公升调涨0.3元，柴油调涨0.2元。"
    money = [f for f in extract(text, "2026-07-26", **kwargs).facts if f.kind == "money"]
    assert [f.currency for f in money] == [currency, currency]


@pytest.mark.parametrize("sentence, text, currency", [
    pytest.param("利息9佰日元，由借款人承担。", "9佰日元", "JPY", id="JPY"),
    pytest.param("欧盟或将因此损失1200亿欧元。", "1200亿欧元", "EUR", id="EUR"),
    pytest.param("该航线单程票价25481港元。", "25481港元", "HKD", id="HKD.yuan"),
    pytest.param("港币两千九百六十元即可办理。", "港币两千九百六十元", "HKD", id="HKD.prefix"),
    pytest.param("英国政府追加拨款5亿英镑。", "5亿英镑", "GBP", id="GBP"),
    pytest.param("澳门特区政府发放每人1万澳门元。", "1万澳门元", "MOP", id="MOP"),
    pytest.param("合同总金额超过210亿元人民币。", "超过210亿元人民币", "CNY", id="CNY.yuan_renminbi"),
    pytest.param("他出价9000元日币买下旧相机。", "9000元日币", "JPY", id="yuan_then_currency"),
    pytest.param("打印费十块钱，由学校报销。", "十块钱", "CNY", id="CNY.kuaiqian"),
    pytest.param("孩子报几个兴趣班，一年就得七八万块了。", "七八万块", "CNY", id="CNY.wan_kuai_then_particle"),
    pytest.param("税额共计壹仟玖佰圆整，限月底缴清。", "壹仟玖佰圆整", "CNY", id="CNY.yuanzheng"),
    pytest.param("他在拍卖会上以US$3,500拍得此画。", "US$3,500", "USD", id="USD.symbol"),
    pytest.param("枫红期间森林游乐区入园费$50元。", "$50元", "CNY", id="dollar_sign_then_yuan"),
])
def test_currencies(sentence: str, text: str, currency: str) -> None:
    fact = _only(sentence)
    assert (fact.text, fact.currency) == (text, currency)


@pytest.mark.parametrize("sentence, per", [
    pytest.param("该岗位日薪300元，包吃住。", "day", id="day.rixin"),
    pytest.param("技术工人月薪8000元左右。", "month", id="month.yuexin"),
    pytest.param("这位工程师年薪50万元。", "year", id="year.nianxin"),
    pytest.param("参加培训的学员每人补贴200元。", "person", id="person.meiren"),
    pytest.param("这相当于每个美国人负债近10.4万美元。", "person", id="person.meige_ren"),
    pytest.param("商户每件商品加收5元服务费。", "item", id="item.meijian"),
    pytest.param("停车收费标准为10元/天。", "day", id="day.slash"),
    pytest.param("去年，养殖合作社赚了15万元。", None, id="none"),
    pytest.param("公司上半年每股收益0.73元。", "item", id="item.meigu"),
    pytest.param("公司拟以不超过10.05元/股的价格回购。", "item", id="item.slash_share"),
    pytest.param("布伦特原油收于每桶62.07美元。", "item", id="item.meitong"),
    pytest.param("这轮下跌中股民户均损失超过40万元。", "person", id="person.hujun"),
])
def test_per(sentence: str, per: str | None) -> None:
    assert _only(sentence).per == per


@pytest.mark.parametrize("sentence", [
    pytest.param("不少家庭为此花费数千元。", id="vague.shu"),
    pytest.param("一场婚礼下来要花几十万元。", id="vague.ji"),
    pytest.param("一瓶水也就十几块钱。", id="vague.shiji"),
    pytest.param("元旦期间全市接待游客120万人次。", id="yuandan"),
    pytest.param("中国选手在本届赛事中共获得3块金牌。", id="kuai_is_a_classifier_here"),
    pytest.param("这笔费用按每万元计提。", id="bare_wan_without_bound"),
    pytest.param("2021年，全市新增就业岗位3万个。", id="no_currency"),
    pytest.param("2018年中国出口集成电路2171亿块。", id="kuai_after_yi_is_a_classifier"),
    pytest.param("从视频大战到电商们的零元购物。", id="chinese_zero_is_a_slogan"),
    pytest.param("该县户籍人口30万，常住人口28万。", id="bare_number_without_money_word"),
    pytest.param("项目投入3万人参与建设。", id="implied_needs_nothing_counted_after"),
    pytest.param("合作社投资2万亩土地种植中药材。", id="implied_measure_after"),
    pytest.param("137家公司亏损过亿，乐视网成亏损王。", id="implied_bare_multiplier_is_vague"),
    pytest.param("心梗男子猝死，对方被判赔偿百万。", id="implied_hundreds_of_thousands_is_vague"),
    pytest.param("这个项目前后投资了几个亿，至今没有回本。", id="implied_spoken_ji_ge_yi_is_vague"),
    pytest.param("给你端一杯总价不会超过人民币两位数的奶茶。", id="symbol_before_a_number_of_digits"),
])
def test_not_money(sentence: str) -> None:
    assert extract_money(sentence) == []


def test_amounts_in_a_row_are_each_read_once() -> None:
    sentence = "张三赔偿李大花人民币车费601,293.11元，工厂费一万二千三百四十五元,利息9佰日元，打印费十块钱。"
    assert [f.text for f in extract_money(sentence)] == ["601,293.11元", "一万二千三百四十五元", "9佰日元", "十块钱"]


@given(st.text(alphabet="0123456789一二三四五六七八九十百千万亿元块多余近约上以左右至-—美港 ，。人数几", max_size=40))
@settings(max_examples=300)
def test_never_raises_and_spans_match(text: str) -> None:
    for fact in extract_money(text):
        assert text[fact.start:fact.end] == fact.text
        assert fact.min is not None or fact.max is not None


def _gold_money_rows():
    with shared_path("gold", "seeds.jsonl").open(encoding="utf-8") as rows:
        for row in map(json.loads, rows):
            lines = (CORPUS / row["doc"]).read_text(encoding="utf-8").splitlines()
            for fact in row["facts"]:
                if fact["kind"] == "money" and not fact.get("optional"):
                    yield lines[fact["line"] - 1], fact


def test_gold_money_facts_are_found_with_their_values() -> None:
    """Each hand-made money fact of the sample pages, read from its own line of the page."""
    checked = 0
    for line, gold in _gold_money_rows():
        found = {f.text: f for f in extract_money(line)}
        assert gold["text"] in found, (gold["text"], list(found))
        fact, value = found[gold["text"]], gold["value"]
        assert (fact.min, fact.max, fact.currency) == (_d(value["min"] and str(value["min"])),
                                                       _d(value["max"] and str(value["max"])), value["currency"])
        assert fact.per == value.get("per")
        checked += 1
    assert checked >= 9


def _peer_cases():
    with shared_path("peer-dev", "jionlp_money_parse.jsonl").open(encoding="utf-8") as rows:
        return [json.loads(row) for row in rows]


# Where our convention differs from the peer's (see docs/rules-money-counts.md): no currency
# word, vague amounts, k/w shorthand, 个亿, a 从 before a range, literal 八到九百亿, cents rounding.
PEER_DIFFERENCES = {"233,333，333,434.344元", "15k左右", "30w上下", "三百万", "肆佰叁拾萬", "两个亿卢布", "小于40万", "几十万块", "人民币数十亿元",
                    "数十亿元人民币", "十几块钱", "从8500到3万港元", "10~15k元", "八到九百亿泰铢"}


def test_peer_parse_suite_agrees_where_conventions_match() -> None:
    agreed = 0
    for case in _peer_cases():
        if case["text"] in PEER_DIFFERENCES:
            continue
        expected = case["expected"][0]
        value = expected["value"]
        accepted = [(value["min"], value["max"])] + [(a["min"], a["max"]) for a in value.get("alt", [])]
        fact = _only(case["text"])
        assert fact.text == expected["text"]
        assert fact.currency == value["currency"]
        assert any(fact.min == _d(lo if lo is None else repr(lo)) and fact.max == _d(hi if hi is None else repr(hi))
                   for lo, hi in accepted), (case["text"], fact.min, fact.max)
        agreed += 1
    assert agreed >= 40
