"""Regex fragments the date rules are written with (years, months, days, times, connectors), and the
helpers that compose them; the rule table (:mod:`extractors.dates.rules`) and the readers of some
contexts (:mod:`extractors.dates.resolution`) share them."""

from __future__ import annotations

_D = "[0-9０-９]"
_CN = "〇零○一二三四五六七八九"
_SP = "[ \u3000]?"
_YEAR4 = rf"(?:{_D}{{4}}|[{_CN}]{{4}})"
_YEAR2 = rf"(?:{_D}{{2}}|[{_CN}]{{2}})"
_MONTH = "(?:1[0-2]|１[０-２]|0?[1-9]|０?[１-９]|十[一二]?|[一二三四五六七八九])"
_DAY = ("(?:[12][0-9]|3[01]|0?[1-9]|[１２][０-９]|３[０１]|０?[１-９]"
        "|三十一?|卅一?|二十[一二三四五六七八九]?|廿[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九])")
# Nothing that would make the number part of a longer number, code or version string.
_START = rf"(?<![0-9０-９{_CN}十百千万.．/\-－A-Za-z])"
# Weekday and time of day after a day are part of its span; the granularity stays "day".
_CLOCK = (rf"(?:{_D}{{1,2}}[:：]{_D}{{2}}(?:[:：]{_D}{{2}})?时?"
          rf"|(?:{_D}{{1,2}}|[零〇一二三四五六七八九十]{{1,3}})[时点](?:(?:{_D}{{1,2}}|[一二三四五六七八九十]{{1,3}})分|半|许)?)")
_DAYTIME = "(?:凌晨|清晨|早晨|早上|上午|中午|午间|午后|下午|傍晚|晚上|晚间|夜间|夜里|深夜|晚(?![会宴饭餐报霞年期辈婚班点]))"
_TIME = (rf"(?:{_SP}[（(]?(?:星期|周)[一二三四五六日天][)）]?)?(?:{_SP}{_DAYTIME})?(?:{_SP}{_CLOCK})?")
_UNIT_AFTER = ("万亿千百十多余个名人元家例米亩吨次号台辆架艘批项件户位座条只头匹套份所场届期级倍度斤克升秒分时天"
               "周月年日岁股款类册页篇部本张幅首行队组班处间栋层平立毫厘公英码磅枚颗粒片块根支株棵朵盏把口扇面"
               "道门尊趟轮圈局盘字句段节章回集卷")
# A day ends in 日/号; an Arabic day may stand bare after its month (10月22出生) when no number or unit follows.
_DAY_END = rf"(?:{_SP}[日号]|(?<=[0-9０-９])(?![0-9０-９.．%％:：{_UNIT_AFTER}]))"
_CONNECT = rf"{_SP}(?:起?至|到|[-－–~～]|—{{1,2}}|―{{1,2}}){_SP}"
_DASH = "(?:[-－–~～]|—{1,2}|―{1,2})"
_REL_YEAR = "(?:今年|去年|明年|前年|上年|本年)"
_MONTH_PART = "(?:份)?(?P<{p}part>上旬|中旬|下旬|月?初(?![步级心次赛选审稿见衷始创具现期])|月?底|月?末)?"


def _ymd_parts(p: str, *, year: bool, month: bool, day: bool, time: bool = True) -> str:
    """Year/month/day groups named with prefix ``p`` (``ay``, ``am``, ``ad`` …) for composing rules."""
    out = ""
    if year:
        out += rf"(?P<{p}y>{_YEAR4}|{_YEAR2}){_SP}年"
    if month:
        out += (_SP if year else "") + rf"(?P<{p}m>{_MONTH}){_SP}月"
    if day:
        out += (_SP if month else "") + rf"(?P<{p}d>{_DAY}){_DAY_END}" + (_TIME if time else "")
    return out


def _iso_parts(p: str) -> str:
    # a two-digit day may run straight into its clock time (2018-12-1209:03, as pages print it)
    return (rf"(?P<{p}y>{_D}{{4}})(?P<{p}sep>[-/.．])(?P<{p}m>{_D}{{1,2}})(?P={p}sep)(?P<{p}d>{_D}{{1,2}})"
            rf"(?:(?![0-9０-９]|[./\-][0-9])(?:(?:{_SP}|T){_CLOCK})?|(?<=[0-9０-９]{{2}})(?={_D}{{2}}[:：]{_D}{{2}}){_CLOCK})")



_CONNECTOR_CHARS = "至到-－–—―~～"  # the characters of _CONNECT


def _joined(keys: str) -> str:
    """Keys of a range: those of its endpoints plus one of the connectors."""
    return " ".join(keys + connector for connector in _CONNECTOR_CHARS)



_YEAR_GROUP = rf"(?P<y>{_YEAR4}|{_YEAR2}){_SP}年"
# 本 of 日本周…, 基本, 成本 is no "this": not after a character that ends such a word.
_WEEK_REL = "上{2,3}个?|下{2,3}个?|上一?个?|下一?个?|(?<![日基根成资版剧样课书账笔文范蓝副原抄标脚])本|这一?个?"
_LUNAR_DAY = rf"初(?:[一二三四五六七八九十]|10|[1-9])|{_DAY}"
# 周三, 星期天, 下周六, 上周星期三; not 每周三, 一周三次, 夏商周三代, 周一围 (a name).
_WEEKDAY_START = (rf"(?:(?P<wrel>{_WEEK_REL})(?:周|星期|礼拜)?"
                  rf"|(?<![0-9０-９一二三四五六七八九十两几多数每逢隔各双单全整半上下本这个前后近商西东宗]))")
_WEEKDAY = "(?:(?:星期|礼拜)(?P<{p}wd>[一二三四五六日天])|周(?P<{p}wd2>[一二三四五六日]))"
_WEEKDAY_END = rf"(?![次个年岁天期届轮趟名位围线]|{_SP}[（(][0-9０-９])(?:{_SP}{_DAYTIME})?(?:{_SP}{_CLOCK})?"
# Taiwan's month/day: 7/18, 07/17, 7／13; not inside a longer number, date, version or fraction.
_SLASH_START = r"(?<![0-9０-９.．/／:：\-－A-Za-z])"
_SLASH_MONTH = "1[0-2]|0?[1-9]"
_SLASH_DAY = "3[01]|[12][0-9]|0?[1-9]"
_WEEKDAY_NOTE = "[（(](?:周|星期)?[一二三四五六日天][)）]"  # 7/18（六）
_YEAR4_GROUP = rf"(?P<y>{_YEAR4}){_SP}年"
