"""The date rules: one ordered table of named patterns, each with the keys the prefilter reads and the
normaliser that reads a match (the rule name is the fact's ``rule``). Ranges come first: on equal
length a range beats its endpoints; among overlapping candidates the longest wins."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from extractors.dates.lunar import _festival, _lunar_date, _lunar_range
from extractors.dates.patterns import (
    _CLOCK, _CN, _CONNECT, _CONNECTOR_CHARS, _D, _DASH, _DAY, _DAYTIME, _DAY_END, _LUNAR_DAY, _MONTH,
    _MONTH_PART, _REL_YEAR, _SLASH_DAY, _SLASH_MONTH, _SLASH_START, _SP, _START, _TIME, _UNIT_AFTER, _WEEKDAY,
    _WEEKDAY_END, _WEEKDAY_NOTE, _WEEKDAY_START, _WEEK_REL, _YEAR2, _YEAR4, _YEAR4_GROUP, _YEAR_GROUP,
    _iso_parts, _joined, _ymd_parts)
from extractors.dates.seasons import SOLAR_TERMS, _month_week, _solar_term, _year_week
from extractors.dates.resolution import (Anchor, Reading, _bare_year, _calendar_date, _calendar_range,
                                         _compact_date, _consecutive_days, _consecutive_months, _day_in_parentheses,
                                         _century, _decade, _five_year_plan, _relative_day, _relative_quarter, _relative_year,
                                         _roc_bare_year, _slash_date, _slash_range, _this_and_next_year, _week,
                                         _weekday, _weekday_range, _written_year, _year_part)

__all__ = ["Rule", "RULES"]


@dataclass(frozen=True, slots=True)
class Rule:
    """A named pattern and its normaliser.

    ``keys`` says what every match holds, as alternatives separated by spaces; each
    alternative is a set of characters that all occur. Three stand for classes: ``0`` any
    digit, Arabic or Chinese; ``〇`` any Chinese digit; ``#`` four Arabic digits in a row
    (``§``: eight). The first character of each alternative is what the stretch finder looks
    for. A rule runs only on stretches that satisfy one of its alternatives.
    """

    name: str
    keys: str
    pattern: re.Pattern[str]
    normalise: Callable[[re.Match[str], Anchor], Reading | None]



def _rule(name: str, keys: str, pattern: str, normalise: Callable[[re.Match[str], Anchor], Reading | None]) -> Rule:
    return Rule(name, keys, re.compile(pattern), normalise)



RULES: tuple[Rule, ...] = (
    # Ranges first: on equal length a range beats its endpoints.
    _rule("date.range_ymd", _joined("年月0"),
          _START + _ymd_parts("a", year=True, month=True, day=True) + _CONNECT
          + rf"(?:(?:(?P<by>{_YEAR4}|{_YEAR2}){_SP}年{_SP})?(?P<bm>{_MONTH}){_SP}月{_SP})?(?P<bd>{_DAY}){_DAY_END}{_TIME}",
          _calendar_range),
    _rule("date.range_md", _joined("月0"),
          rf"(?:(?P<arel>{_REL_YEAR})|(?<![0-9０-９{_CN}十年]))" + _ymd_parts("a", year=False, month=True, day=True) + _CONNECT
          + rf"(?:(?P<bm>{_MONTH}){_SP}月{_SP})?(?P<bd>{_DAY}){_DAY_END}{_TIME}",
          _calendar_range),
    _rule("date.range_d", _joined("日0"),
          rf"(?<![0-9０-９{_CN}十廿卅月第每数几近前后当同次翌该本上下多连整个余来初])(?P<ad>[12]?[0-9]|3[01]){_SP}日"
          + _CONNECT + rf"(?P<bd>[12]?[0-9]|3[01]){_SP}日{_TIME}",
          _calendar_range),
    _rule("date.range_iso", _joined("#"), _START + _iso_parts("a") + _CONNECT + _iso_parts("b"), _calendar_range),
    _rule("date.range_ym", _joined("年月0"),
          rf"(?:{_START}(?P<ay>{_YEAR4}|{_YEAR2}){_SP}年{_SP}|(?P<arel>{_REL_YEAR}))(?P<am>{_MONTH}){_SP}月?" + _CONNECT
          + rf"(?:(?P<by>{_YEAR4}|{_YEAR2}){_SP}年{_SP}|(?P<brel>{_REL_YEAR}))?(?P<bm>{_MONTH}){_SP}月(?:份)?(?![0-9０-９])",
          _calendar_range),
    _rule("date.range_m", _joined("月0"),
          rf"(?:(?P<arel>{_REL_YEAR})|(?<![0-9０-９{_CN}十年第每前近]))(?P<am>{_MONTH}){_SP}月?(?:份)?" + _CONNECT
          + rf"(?P<bm>{_MONTH}){_SP}月(?:份)?(?![0-9０-９]|{_SP}{_DAY}{_SP}[日号])",
          _calendar_range),
    _rule("date.range_relative", " ".join(k + c for k in ("月（", "月(") for c in _CONNECTOR_CHARS),
          # 明天（4月15日）至5月5日: the relative word and its date in parentheses start the range
          rf"(?:今天|明天|昨天|今日|明日|昨日)[（(]" + _ymd_parts("a", year=False, month=True, day=True, time=False)
          + rf"[)）]{_TIME}" + _CONNECT + rf"(?:(?P<bm>{_MONTH}){_SP}月{_SP})?(?P<bd>{_DAY}){_DAY_END}{_TIME}",
          _calendar_range),
    _rule("date.range_slash", " ".join(k + c for k in ("/0", "／0") for c in _CONNECTOR_CHARS),
          _SLASH_START + rf"(?P<am>{_SLASH_MONTH})[/／](?P<ad>{_SLASH_DAY})(?:{_SP}{_WEEKDAY_NOTE})?"
          + rf"{_SP}(?:至|到|[-－–~～]|—{{1,2}}){_SP}(?:(?P<bm>{_SLASH_MONTH})[/／])?(?P<bd>{_SLASH_DAY})(?:[日号])?"
          + rf"(?![0-9０-９/／.．%％:：])(?:{_SP}{_WEEKDAY_NOTE})?",
          _slash_range),
    _rule("date.range_y", _joined("年0"),
          _START + rf"(?P<ay>{_YEAR4}){_SP}年?(?:度)?" + _CONNECT + rf"(?P<by>{_YEAR4}){_SP}年(?:度)?(?!代)",
          _calendar_range),
    _rule("date.range_y_bare", _joined("#"),
          rf"(?<![0-9０-９.．/\-－:：A-Za-z])(?P<ay>(?:19|20)[0-9]{{2}}){_SP}{_DASH}{_SP}(?P<by>(?:19|20)[0-9]{{2}})"
          rf"(?![0-9０-９年月日号]|[./\-][0-9]|{_SP}[{_UNIT_AFTER}])",
          _calendar_range),
    _rule("date.day_list", "月0、 月0和 月0及 月0与",
          rf"(?<![0-9０-９{_CN}十年历])(?P<am>{_MONTH}){_SP}月{_SP}(?P<ad>{_DAY})(?:{_SP}[日号])?"
          rf"(?P<middle>(?:[、和及与]{_SP}{_DAY}(?:{_SP}[日号])?)*)[、和及与]{_SP}(?P<bd>{_DAY}){_SP}[日号]{_TIME}",
          _consecutive_days),
    _rule("date.month_list", "月0、 月0和 月0及 月0与",
          rf"(?<![0-9０-９{_CN}十年第每前近])(?P<am>{_MONTH})(?:{_SP}月)?(?P<middle>(?:[、和及与]{_MONTH}(?:{_SP}月)?)*)"
          rf"[、和及与](?P<bm>{_MONTH}){_SP}月(?:份)?(?![0-9０-９]|{_SP}{_DAY}{_SP}[日号])",
          _consecutive_months),
    _rule("date.five_year_plan", "五十 五六 五七 五八 五九",
          rf"(?:(?<=[“‘\"「『])(?P<n>十[一二三四五]?|[六七八九])五(?=[”’\"」』])"
          rf"|(?<![一二三四五六七八九十])(?P<n2>十[一二三四五]|十)五(?=规划|计划|时期|期间|期末|末期|开局|以来|初期|中期|收官|纲要|目标))",
          _five_year_plan),
    # Single calendar dates.
    _rule("date.iso", "#- #/ #. #．", _START + _iso_parts(""), _calendar_date),
    _rule("date.compact", "#§",
          r"(?<![0-9０-９A-Za-z\-－./])(?P<y>(?:19|20)[0-9]{2})(?P<m>0[1-9]|1[0-2])(?P<d>0[1-9]|[12][0-9]|3[01])"
          rf"(?![0-9０-９A-Za-z]|[\-－./][0-9]|[{_UNIT_AFTER}])",
          _compact_date),
    _rule("date.ymd", "年月0", _START + _ymd_parts("", year=True, month=True, day=True), _calendar_date),
    _rule("date.ym", "年月0", _START + _YEAR_GROUP + rf"{_SP}(?P<m>{_MONTH}){_SP}月" + _MONTH_PART.format(p=""), _calendar_date),
    _rule("date.year", "年0",
          _START + _YEAR4_GROUP + "(?:度|初(?![步级心次赛选审稿见衷始创具现期])|底|末)?(?![代龄])",
          _written_year),
    _rule("date.roc", "年民 年1",
          rf"(?:(?P<roc>民国)|(?<![0-9０-９.．])(?=1[0-9]{{2}}年(?:度|{_MONTH}月)))(?P<y>{_D}{{1,3}}|[{_CN}十]{{1,4}}){_SP}年"
          rf"(?:度)?(?:{_SP}(?P<m>{_MONTH}){_SP}月(?:{_SP}(?P<d>{_DAY}){_DAY_END}{_TIME})?)?",
          _calendar_date),
    _rule("date.roc_year", "年1",
          rf"(?<![0-9０-９.．/／\-－:：A-Za-z第近逾约达有共满历余])(?P<y>1[01][0-9])年(?![0-9０-９度代]|{_SP}{_MONTH}{_SP}月)"
          rf"(?=[\u4e00-\u9fff])",
          _roc_bare_year),
    _rule("date.slash_md", "/0 ／0",
          _SLASH_START + rf"(?P<m>{_SLASH_MONTH})[/／](?P<d>{_SLASH_DAY})(?![0-9０-９/／.．%％:：A-Za-z])"
          rf"(?:{_SP}{_WEEKDAY_NOTE})?(?:{_SP}{_DAYTIME})?(?:{_SP}{_CLOCK})?",
          _slash_date),
    _rule("date.bare_year", "#",
          rf"(?<![0-9０-９A-Za-z.．\-－/:：#＃第号约近共达超逾计合增减降升涨跌为])(?P<y>(?:19|20)[0-9]{{2}})"
          rf"(?=[\u4e00-\u9fff])(?![{_UNIT_AFTER}])",
          _bare_year),
    _rule("date.md", "月0",
          rf"(?<![0-9０-９{_CN}十年历])" + _ymd_parts("", year=False, month=True, day=True),
          _calendar_date),
    _rule("date.month", "月0",
          rf"(?<![0-9０-９{_CN}十年第每个近数几前后头首上下本当同次该这那两半多历])(?P<m>{_MONTH}){_SP}月"
          + _MONTH_PART.format(p="") + "(?![龄大薪票饼光亮球色刊怀天一二三四五六七八九十两])",
          _calendar_date),
    _rule("date.day", "日0",
          rf"(?<![0-9０-９{_CN}十廿卅月第每数几近前后当同次翌该本上下多连整个余来初号])(?P<d>[12]?[0-9]|3[01]|[１２]?[０-９]|３[０１])"
          rf"{_SP}日(?![内后前游元]|以[内后前来]|之[内后前])" + _TIME,
          _calendar_date),
    # Relative to the publication date.
    _rule("date.relative_md", "年月0",
          rf"(?P<rel>{_REL_YEAR})(?P<m>{_MONTH}){_SP}月(?:{_SP}(?P<d>{_DAY}){_DAY_END}{_TIME}|{_MONTH_PART.format(p='')})",
          _calendar_date),
    _rule("date.relative_d", "月本 月上 月下 月这",
          rf"(?P<rel>本月|上{{2,3}}个?月|下{{2,3}}个?月|上一?个?月|下一?个?月|这个月)(?:(?P<d>{_DAY}){_SP}[日号]{_TIME}|(?:初|底|末)?)(?!球|亮|台|光|饼)",
          _relative_day),
    _rule("date.relative_day", "天今 天昨 天明 天前 天后 日今 日昨 日明 日本 晨今 早今 早明 晚今 晚昨 晚明 夜今 夜昨",
          # 明 also ends words (说明, 光明日报, 指明): 明天 right after one of them is not tomorrow.
          "(?<![的好美新])(?P<rel>今天|昨天|前天|今日|昨日|今晨|今早|今晚|今夜|昨晚|昨夜"
          "|(?<![说表证标注阐指申查光文声透鲜聪英分高彰发简开清昌黎澄神严辨讲写载列])明(?:天|日|晚|早)"
          # 后天 is also "acquired" (先天后天, 后天形成, 后天因素); 本日 ends 日本, 基本, 成本 …
          "|大前天|大后天|(?<!先天)(?<!先天和)(?<!先天与)(?<!先天、)后天(?!性|形成|因素|培养|习得|获得|努力|养成|条件|的)"
          "|(?<![日基根成资版剧样课书账笔文范蓝副原抄标脚])本日)"
          "(?!头条|说法)" + _TIME,
          _relative_day),
    _rule("date.relative_day_number", "日今（ 日今( 日昨（ 日昨( 日明（ 日明(",
          rf"(?P<rel>今|昨|明)[（(](?P<d>{_D}{{1,2}})[)）]日" + _TIME, _day_in_parentheses),
    _rule("date.relative_year", "年今 年去 年明 年上 年本 年前 年初 年底 年末",
          "(?<![过失除当同次往每])(?P<rel>今年|去年|明年|上一?年|本年)(?:度|年?初|年?底|年?末)?(?![轻纪龄代级华货])"
          f"|(?<![0-9０-９{_CN}十百千万几多数目提日两半当])(?P<rel2>前年)"
          f"|(?<![0-9０-９{_CN}十百千万年当同次该每往历多近早少成童晚新中全这那青壮老元翌隔整跨])(?P<rel3>年初|年底|年末)",
          _relative_year),
    _rule("date.relative_years", "年今明", "今明两年", _this_and_next_year),
    _rule("date.year_part", "年半 季0 季首 月前0",
          rf"(?:{_START}{_YEAR_GROUP}(?:度)?|(?P<rel>{_REL_YEAR})|(?<![0-9０-９{_CN}十]))"
          rf"(?P<part>上半年|下半年|(?:第?(?P<q>[一二三四1-4１-４])|(?P<q1>首))季度(?P<qedge>末|初)?"
          rf"|前(?P<quarters>[两二三])个?季度|前(?P<months>[一二三四五六七八九十两]{{1,3}}|[1-9]|1[01])个?月)",
          _year_part),
    _rule("date.week", "周上 周下 周本 周这 期上 期下 期本 期这 拜上 拜下 拜本 拜这",
          rf"(?P<wrel>{_WEEK_REL})(?:周|星期|礼拜)(?![一二三四五六日天末年边围期到全密岁转报刊游知详折长身旋济口线薪]|礼拜|星期)",
          _week),
    _rule("date.weekday_range", " ".join(k + c for k in ("周", "期星", "拜礼") for c in "至到-－~～—"),
          _WEEKDAY_START + _WEEKDAY.format(p="") + rf"{_SP}(?:至|到|[-－~～]|—{{1,2}}){_SP}"
          + rf"(?:(?:星期|礼拜)(?P<bwd>[一二三四五六日天])|周(?P<bwd2>[一二三四五六日]))" + _WEEKDAY_END,
          _weekday_range),
    _rule("date.weekday", "周 期星 拜礼", _WEEKDAY_START + _WEEKDAY.format(p="") + _WEEKDAY_END, _weekday),
    _rule("date.month_week", "第月周 第月期 第月拜",
          rf"(?:(?:{_START}(?P<y>{_YEAR4}|{_YEAR2}){_SP}年|(?P<rel>{_REL_YEAR}))?(?<![0-9０-９{_CN}十第每])"
          rf"(?P<m>{_MONTH}){_SP}月份?|(?P<mrel>本月|这个月|上{{1,3}}个?月|下{{1,3}}个?月))"
          rf"第(?P<n>[1-5１-５一二三四五])(?:个(?:周|星期|礼拜)(?P<wd>[一二三四五六日天])|个?(?:周|星期|礼拜)(?![一二三四五六日天]))",
          _month_week),
    _rule("date.year_week", "第年周 第年期 第年拜",
          rf"(?:{_START}(?P<y>{_YEAR4}|{_YEAR2}){_SP}年(?:度)?|(?P<rel>今年|去年|明年|本年))"
          rf"第(?P<n>[0-9０-９]{{1,2}}|[一二三四五六七八九十]{{1,3}})个?(?:周|星期|礼拜)(?![一二三四五六日天年])",
          _year_week),
    _rule("date.solar_term", " ".join(sorted({term[-1] + "年" for term in SOLAR_TERMS})),
          rf"(?:{_START}(?P<y>{_YEAR4}|{_YEAR2}){_SP}年|(?P<rel>今年|去年|明年))(?P<term>{'|'.join(SOLAR_TERMS)})",
          _solar_term),
    _rule("date.relative_quarter", "季本 季这 季上 季下",
          "(?P<rel>本|这|上{1,3}|下{1,3})一?个?季度(?P<qedge>末|初)?", _relative_quarter),
    _rule("date.decade", "年代",
          rf"(?<![0-9０-９])(?P<c>上个?世纪|(?:{_D}{{2}}|[一二]?十[一二三四五六七八九]?)世纪)?"
          rf"(?P<dec>(?:1[0-9]|20)[0-9]0|[0-9]0|[一二三四五六七八九]十){_SP}年代(?:初期?|中期|末期?|前期|后期)?",
          _decade),
    _rule("date.century", "纪世",
          rf"(?<![0-9０-９{_CN}十之])(?P<c>上个?世纪|(?:{_D}{{1,2}}|[一二]?十[一二三四五六七八九]?|[一二三四五六七八九])世纪)"
          rf"(?P<part>初期?|末期?|[上前下后]半叶)?(?!{_SP}[0-9０-９一二三四五六七八九])",
          _century),
    _rule("date.year_short", "年0",
          _START + rf"(?P<y>{_D}{{2}})年(?P<part>底|末|初(?![步级心次赛选审稿见衷始创具现期]))", _calendar_date),
    _rule("date.range_lunar", " ".join(k + c for k in ("月历", "月正", "月腊", "月冬", "月初") for c in _CONNECTOR_CHARS),
          rf"(?P<cal0>农历|阴历)?(?:{_START}{_YEAR4_GROUP}|(?P<rel>今年|去年|明年))?(?P<cal>农历|阴历)?"
          rf"(?<![0-9０-９{_CN}十])(?P<m>正|腊|冬|{_MONTH})月(?P<d>{_LUNAR_DAY})(?![0-9０-９])" + _CONNECT
          + rf"(?:(?P<bm>正|腊|冬|{_MONTH})月)?(?P<bd>{_LUNAR_DAY})(?![0-9０-９])",
          _lunar_range),
    _rule("date.lunar", "月历 月正 月腊 月冬 月初 月廿 月卅 月〇 年大初",
          rf"(?P<cal0>农历|阴历)?(?:{_START}{_YEAR4_GROUP}|(?P<rel>今年|去年|明年))?(?P<cal>农历|阴历)?(?P<leap>闰)?"
          rf"(?<![0-9０-９{_CN}十])(?:(?P<m>正|腊|冬|{_MONTH})月|(?P<m1>大年)(?=初))"
          rf"(?:(?P<d>初(?:[一二三四五六七八九十]|10|[1-9])|{_DAY})(?![0-9０-９])(?P<suffix>{_SP}[日号])?)?",
          _lunar_date),
    _rule("date.festival", "年节 年夕 年旦 年大 年五 年庆 年秋 年端",
          rf"(?:{_START}{_YEAR4_GROUP}|(?P<rel>今年|去年|明年))"
          "(?P<f>春节(?!联欢|晚会)|元宵节|端午节|七夕节?|中秋节|重阳节|腊八节|除夕|大年三十|元旦|劳动节|国庆节|妇女节|儿童节|建党节|建军节|教师节"
          # the holidays named without 节 only as holidays: 2024年五一假期, 今年国庆期间, 2023年中秋当天
          "|(?:五一|国庆|中秋|端午)(?=假期|期间|小长|长假|黄金|当天|前夕|前后|节日|档期))",
          _festival),
)
