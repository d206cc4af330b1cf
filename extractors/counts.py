"""Counts of things, people and events (FACTS.md §2 count): ``60名选手``, ``扶贫车间266家``, ``6.5 万职工``.

A count is a number with a classifier (名, 家, 人次 …) or, without one, a number with
a big multiplier (万, 亿) right before a noun. :data:`RULES` is the ordered table of
rules; each names a regex, matched where a number starts, and a reader. One scan finds
the numbers followed by a classifier, 余/多 or a range separator (or ending in 万/亿); at
each the rules are tried in order, the first that reads a count wins, and the scan
resumes after it.

The counted noun (``entity``) is looked for after the classifier first (``60名选手``)
and, when nothing noun-like follows, before the number (``建成扶贫车间266家``): the
words between the last verb or function word of the clause and the number. It is
bounded by punctuation, the words in :data:`ENTITY_STOPS` and :data:`ENTITY_MAX`
characters; :data:`ENTITY_KEEP` lists words that contain a stop but are nouns
(``国有``, ``规模以上``). In a clause opened by ``其中`` ("of which") a count without a noun
counts the same thing as the count before it in the sentence (``建成扶贫车间266家，
其中厦门援建210家``).

Not counts: money and dates (``taken`` spans), ordinals (``第一名``, ``前6名``),
durations (``3个月``), the article ``一`` (``一场``, ``一批``: Chinese 一 with a
classifier is an indefinite article; statistics write ``1名``), digit-by-digit Chinese
(``五一``), vague words (``数百名``, ``十几个``), slogans and names with numerals
(``“四个全面”``, ``四位一体``, ``三个一``, :data:`NUMERAL_NAMES`).
"""

from __future__ import annotations

import bisect
import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from extractors.facts import Approx, CountFact
from extractors.numbers import (
    ADJACENT_RANGE_PATTERN, APPROX_AFTER_PATTERN, CHINESE_DIGITS, MAGNITUDE_BEFORE, MAGNITUDE_BEFORE_PATTERN,
    MULTIPLIERS, NUMBER_PATTERN, QUANTITY_PATTERN, RANGE_SEPARATOR_PATTERN, alternation, approximation, bounds,
    number_scanner, number_start, parse_number, parse_range,
)

log = logging.getLogger(__name__)

__all__ = ["extract_counts", "RULES", "CLASSIFIERS", "CountRule", "ENTITY_MAX"]

# --- data --------------------------------------------------------------------------------
CLASSIFIERS: tuple[str, ...] = (
    # people and households
    "名", "人", "位", "户", "人次", "户次", "家次",
    # organisations, places, buildings
    "个", "家", "所", "座", "处", "间", "栋", "幢",
    # events and activities
    "场", "场次", "次", "项", "届次", "期次", "班", "班次", "轮", "轮次", "起", "例", "宗", "批", "批次",
    "种次", "台次", "件次", "人份", "列",
    # groups and kinds
    "支", "对", "组", "类", "种", "门", "款",
    # objects, vehicles, animals, documents
    "台", "辆", "架", "架次", "艘", "艘次", "车次", "件", "套", "部", "张", "枚", "颗", "块", "把", "本",
    "册", "篇", "条", "份", "首", "只", "头", "匹", "尾", "棵", "株",
)
# A classifier followed by one of these measures time or a proportion, not things
# (3个月, 5个百分点): never a count.
NOT_COUNTED_AFTER: tuple[str, ...] = (
    "月", "小时", "钟头", "星期", "礼拜", "工作日", "交易日", "季度", "年头", "世纪", "学期",
    "百分点", "基点", "半月", "半小时", "多月", "多小时",
)
# Without a classifier, a number with 万/亿 before a unit of measure is a quantity, not a count
# (83万吨, 25亿千瓦, 1.1万亩, 3万年).
MEASURE_WORDS: tuple[str, ...] = (
    "吨", "千瓦", "瓦", "兆瓦", "千瓦时", "度", "亩", "公顷", "平方", "立方", "方", "升", "毫升", "斤", "公斤",
    "千克", "克", "米", "千米", "公里", "里", "英里", "海里", "桶", "标准煤", "标箱", "元", "美元", "倍", "分",
    "年", "天", "日", "周", "小时", "分钟", "秒", "岁", "字", "册", "点", "KB", "GB", "TB",
)
# Nouns that begin with a classifier's character: 七部门 is 7 departments (not 7 部 of 门),
# 12亿多人口 a population. The number counts the whole noun, without a classifier.
CLASSIFIER_LED_NOUNS: tuple[str, ...] = (
    "部门", "人口", "人民", "人员", "家庭", "家长", "家属", "名单", "位置", "条件", "台湾", "头部", "本地", "本土",
)
# Words that begin with a classifier's character but make the number no count at all
# (2024台北国际书展, 3名字 …).
NOT_CLASSIFIER_WORDS: tuple[str, ...] = (
    "台湾", "台北", "台州", "台中", "台南", "台东", "台商", "台胞", "台企", "台资", "台办", "台青", "台风", "台阶",
    "名字", "名称", "名义", "名誉", "场所", "场地", "场景", "项目组", "本届", "本次", "本年", "本月", "本周",
    "头条", "起步", "起点", "起来", "条款", "对话", "对外", "对于", "对象", "批准", "所以", "所在", "处理", "处于",
    "间隔", "首都", "首次", "首批", "首届", "首位", "把握",
)
# Only these classifiers name a rank after 前/后 (前6名, 后两位).
RANK_CLASSIFIERS = ("名", "位")
RANK_BEFORE = ("前", "后", "倒数")
# Names and slogans made of a numeral and a classifier.
NUMERAL_NAMES: tuple[str, ...] = (
    "四个全面", "四个意识", "四个自信", "两个维护", "两个确立", "两个一百年", "三个代表", "三个务必", "两个结合",
    "五位一体", "四位一体", "三位一体", "两个大局", "两个毫不动摇", "五个必由之路", "四个不摘", "两个巩固",
    "七台河", "五台山", "五台县", "三门峡", "三台县", "九台区", "八所镇", "三门县", "两个文明", "三轮车", "两轮车",
    "四轮驱动", "两条腿走路", "一条龙", "八项规定",
)
# Words that end the counted noun: function words, adverbs and the verbs that introduce or
# follow a count in news prose.
ENTITY_STOPS: tuple[str, ...] = (
    # function words and adverbs
    "的", "了", "着", "过", "在", "是", "为", "有", "被", "把", "将", "从", "向", "对", "于", "到", "以", "让",
    "给", "使", "由", "已", "已经", "均", "都", "共", "也", "还", "又", "并", "就", "才", "等", "正在", "正", "不",
    "中", "里", "内", "上", "下", "来", "去", "达", "约", "近", "逾", "超", "其中", "分别", "共计", "合计", "总计",
    "累计", "共有", "达到", "超过", "包括", "涉及", "同比", "比", "较", "首次", "连续", "最", "更", "再", "仍",
    "多个", "各", "每", "数个", "几个", "诸多", "一些", "附近", "左右", "不等", "以上", "以下", "之间", "一起",
    "共同", "同时", "先后", "相继", "积极", "踊跃", "纷纷", "全部", "全都", "陆续", "成功", "顺利", "一脉相承",
    # verbs that introduce or follow a count
    "建成", "建立", "建设", "新建", "援建", "组建", "创建", "成立", "设立", "培育", "培养", "打造", "认定", "命名",
    "评选", "评出", "选树", "表彰", "表扬", "吸纳", "吸引", "带动", "安置", "帮助", "帮扶", "救助", "慰问", "资助",
    "惠及", "覆盖", "走访", "摸排", "排查", "检查", "发展", "发动", "动员", "组织", "举办", "举行", "开展",
    "召开", "参与", "参加", "出动", "派出", "选派", "招聘", "招募", "录用", "接待", "接收", "收到", "收集", "征集",
    "受理", "办理", "解决", "化解", "新增", "增加", "减少", "完成", "实现", "拥有", "涌现", "涌现出", "产生",
    "引进", "引入", "签约", "签署", "入驻", "落户", "培训", "救治", "治愈", "确诊", "发现", "查处", "查获", "抓获",
    "破获", "关闭", "淘汰", "改造", "提供", "发放", "配备", "开通", "开设", "推出", "发布", "获得", "获", "荣获",
    "授予", "入选", "列入", "纳入", "获批", "就业", "调配", "转移", "来自", "进行", "受益", "报名", "出席", "到场",
    "走进", "接受", "通过", "组成", "结对", "指导", "获评", "上岗", "返岗", "观看", "参观", "登上", "赴", "前往",
    "投入", "签订", "达成", "亮相", "展出", "展示", "设有", "位于", "分布", "作为", "成为", "形成", "获奖", "晋级",
    "入围", "脱贫", "增收", "受到", "遭到", "遭受", "造成", "导致", "致", "参赛", "参会", "参训", "参战", "受伤",
    "遇难", "死亡", "失踪", "失联", "获救", "受灾", "被困", "撤离", "疏散", "购买", "实施", "推进", "投产", "开工",
    "开放", "上线", "运行", "运营", "访问", "到访", "抵达", "出发", "返回", "启动", "完工", "竣工", "占", "占比",
    "创造", "打破", "刷新", "领先", "位居", "排名", "承担", "承办", "主办", "举起", "攻克", "突破", "研发",
    "生产", "销售", "出口", "进口", "交付", "入境", "出境", "出入境", "离境", "入场", "进入", "报道", "表示", "认为",
    "指出", "预计", "发送", "复工", "复产", "死", "死于", "断电", "停电", "生活在", "大部分", "搭建", "落实",
    "每天", "每日", "每年", "每月", "日均", "月均", "年均", "遭", "应该", "开始", "结束", "结果", "进驻", "发起",
    "掌握", "准备", "容纳", "可容纳", "只有", "仅", "仅有", "驻足", "同台", "每场", "每次", "每个", "每名", "每人",
    "每家", "每亩", "每平方米", "这", "那", "该", "此", "这些", "那些", "一直", "处于", "因", "因为", "由于",
    "摆脱", "拓展",
)
# Nouns that contain a stop word (有限公司 is not 有 + 限公司).
ENTITY_KEEP: tuple[str, ...] = (
    "有限", "国有", "所有", "现有", "私有", "以来", "以外", "中小", "中心", "中国", "中华", "中央",
    "中学", "中医", "中层", "上市", "上海", "下岗", "下属", "下辖", "服务站", "服务中心", "服务队", "志愿服务",
    "从业", "对口", "共产党", "公共", "来华", "来访", "在档", "在校", "在职", "在岗", "在建", "在读", "在册",
    "及时", "和谐", "为民", "行为", "有关", "有效", "发展中", "组织部", "参与者", "参加者", "培训班", "培训师",
    "检查组", "帮扶干部", "就业人数", "就业人员", "就业岗位", "新增就业", "达标", "到位", "工会组织", "国际组织",
    "参赛选手", "参赛队", "参赛队伍", "参赛职工", "参赛者", "参会人员", "参会代表", "参训人员", "参训学员",
    "获奖者", "获奖选手", "获奖作品", "获奖项目", "死亡人数", "党组织", "社会组织", "群团组织", "基层组织",
    "经济组织", "组织单位", "发展中国家", "不动产", "正式", "最新", "最美", "上下游", "受灾群众", "受灾户",
    "规模以上", "县级以上", "市级以上", "省级以上", "以上企业", "首席", "连续剧", "受益人", "受益群众",
    "共建", "各界", "各族", "各类", "以色列", "以军", "以方",
)
# Words joining two nouns: they end a noun that follows a number (3名教师和学生) but stay inside one
# that precedes it (技能竞赛和岗位练兵103场次, 大学生及下岗失业职工近500人).
COORDINATORS: tuple[str, ...] = ("和", "与", "及", "以及", "或", "或者")
ENTITY_MAX = 10  # characters of a noun after the number; a longer one is no noun
ENTITY_BEFORE_MAX = 16  # a noun before the number may be longer (全国“安康杯”竞赛先进集体企业 2 个)

# --- regex fragments --------------------------------------------------------------------
_SP = r"[ \u3000]?"
_NOT_INSIDE_NUMBER = number_start(excluded_before="第")  # 第一名 is an ordinal
# An approximation word right before the number (近30家, 上千名).
_BEFORE = re.compile(rf"(?P<pre>{MAGNITUDE_BEFORE_PATTERN}){_SP}\Z")
_BEFORE_REACH = 5
_BEFORE_ENDS = frozenset(word[-1] for word in MAGNITUDE_BEFORE) | {" ", "\u3000"}
_CLASSIFIER = rf"(?!{alternation(CLASSIFIER_LED_NOUNS + NOT_CLASSIFIER_WORDS)})(?P<unit>{alternation(CLASSIFIERS)})"
_POST = rf"(?:(?P<post>{APPROX_AFTER_PATTERN}))?"
_CJK = r"\u4e00-\u9fff"
_ENTITY_CHARS = re.compile(rf"[{_CJK}“”‘’\"《》·]{{1,{ENTITY_MAX + 6}}}")
_ENTITY_SPLIT = re.compile(rf"(?P<keep>{alternation(ENTITY_KEEP)})|(?P<stop>{alternation(ENTITY_STOPS + COORDINATORS)})")
_ENTITY_BEFORE_SPLIT = re.compile(rf"(?P<keep>{alternation(ENTITY_KEEP + COORDINATORS)})|(?P<stop>{alternation(ENTITY_STOPS)})")
_ORDINAL_LIST = re.compile(rf"第[0-9０-９{CHINESE_DIGITS}十百]+(?:、[0-9０-９{CHINESE_DIGITS}十百]+)*、$")
_NOT_COUNTED = re.compile(alternation(NOT_COUNTED_AFTER))
# A noun before the number: Chinese (quotes allowed inside), not opening or closing with 和/及.
_NOUN_BEFORE = re.compile(rf"[ \u3000]*{alternation(COORDINATORS)}?(?P<noun>[{_CJK}][{_CJK}“”‘’\"《》·]*?)??"
                          rf"{alternation(COORDINATORS)}?[ \u3000]*")
# 十四届全国人大二次会议: a session's ordinal after 届, not a number of meetings.
_SESSION = re.compile(r"次(?:会议|全会|全体会议|常委会议|代表大会)")
_TERM = re.compile(r"届[^，,。；;！？!?\n]{0,12}\Z")
_MEASURE = re.compile(rf"[ \u3000]?{alternation(MEASURE_WORDS)}")
_CLAUSE_END = re.compile(r"[，,。；;！!？?：:、\n（(）)]")
_SENTENCE_END = re.compile(r"[。；;！!？?\n]")
_QUOTE_OPEN = "“‘「『\"《"
_HAS_DIGIT = re.compile(rf"[0-9０-９{CHINESE_DIGITS}]")
_HAS_UNIT = re.compile(rf"[{MULTIPLIERS}]")
_ARABIC = re.compile(r"[0-9０-９]")
_BIG_MULTIPLIER_END = re.compile(r"[万亿萬億]$")
_DECIMAL_WITHOUT_MULTIPLIER = re.compile(rf"[.．点][0-9０-９{CHINESE_DIGITS}]+$")
_SUBSET_OPENER = "其中"
_NUMERAL_NAME = re.compile(alternation(NUMERAL_NAMES))
_NAME_REACH = max(len(n) for n in NUMERAL_NAMES)
_LOOKBACK = 24  # characters before a number searched for its noun


@dataclass(frozen=True, slots=True)
class Reading:
    """What a rule read from its match: the bounds, approximation and classifier."""

    low: Decimal | None
    high: Decimal | None
    approx: Approx
    unit: str | None


@dataclass(frozen=True, slots=True)
class CountRule:
    """A named pattern, matched where a number starts, and its reader.

    ``read(match, before)`` gets the approximation word before the number (or None).
    ``needs_noun_after`` rules count only when a noun follows (6.5 万职工, no classifier).
    """

    name: str
    pattern: re.Pattern[str]
    read: Callable[[re.Match[str], str | None], Reading | None]
    needs_noun_after: bool = False


def _number_text(m: re.Match[str]) -> str:
    """The number with the multipliers after its 余/多 (十多万 → 十万); rules with QUANTITY_PATTERN."""
    return m.group("num") + m.group("mult")


def _numeral_ok(number: str, before: str | None) -> bool:
    """Chinese numerals that are numbers here: not the article 一, not 五一, not a bare 万 without 近/上."""
    if _ARABIC.search(number):
        return True
    if number in ("一", "壹"):
        return False
    if not _HAS_DIGIT.search(number) and not number.startswith(("十", "拾")):
        return before is not None  # 近万名, 上千人; but 万家灯火, 百名职工 are names
    if len(number) > 1 and not _HAS_UNIT.search(number):
        return False  # 五一, 一二九: digits read one by one name days and events
    return True


def _read_single(m: re.Match[str], before: str | None) -> Reading | None:
    """One count; things are counted in whole numbers (3.0只 is a version and an adverb)."""
    number = _number_text(m)
    if not _numeral_ok(m.group("num"), before) or _DECIMAL_WITHOUT_MULTIPLIER.search(number):
        return None
    value = parse_number(number)
    if value is None or value <= 0 or value != value.to_integral_value():
        return None
    groups = m.groupdict()
    approx = approximation(before, groups["more"] or groups.get("more2"), groups.get("post"))
    low, high = bounds(value, approx)
    return Reading(low, high, approx, groups.get("unit"))


def _read_multiplied(m: re.Match[str], before: str | None) -> Reading | None:
    """6.5 万职工: without a classifier only a number ending in 万/亿 counts."""
    return _read_single(m, before) if _BIG_MULTIPLIER_END.search(_number_text(m)) else None


def _read_range(m: re.Match[str], before: str | None) -> Reading | None:
    found = parse_range(f"{m.group('lo')}-{m.group('hi')}") if m.groupdict().get("lo") else parse_range(m.group("num"))
    if not found:
        return None
    return Reading(found[0], found[1], "range", m.group("unit"))


RULES: tuple[CountRule, ...] = (
    CountRule("count.classifier", re.compile(
        rf"{_NOT_INSIDE_NUMBER}{QUANTITY_PATTERN}{_SP}{_CLASSIFIER}"
        rf"(?P<more2>余|多)?{_POST}"
    ), _read_single),
    CountRule("count.noun_led", re.compile(
        rf"{_NOT_INSIDE_NUMBER}{QUANTITY_PATTERN}{_SP}"
        rf"(?={alternation(CLASSIFIER_LED_NOUNS)})"
    ), _read_single, needs_noun_after=True),
    CountRule("count.cjk_multiplier", re.compile(
        rf"{_NOT_INSIDE_NUMBER}{QUANTITY_PATTERN}(?<=[万亿萬億余多])"
    ), _read_multiplied, needs_noun_after=True),
    CountRule("count.range", re.compile(
        rf"{_NOT_INSIDE_NUMBER}(?P<lo>{NUMBER_PATTERN}){_SP}{RANGE_SEPARATOR_PATTERN}{_SP}(?P<hi>{NUMBER_PATTERN})"
        rf"{_SP}{_CLASSIFIER}"
    ), _read_range),
    CountRule("count.cjk_range", re.compile(
        rf"{_NOT_INSIDE_NUMBER}(?P<num>{ADJACENT_RANGE_PATTERN}){_SP}{_CLASSIFIER}"
    ), _read_range),
)
# Numbers followed by 余/多 and a classifier or a classifier-led noun, by 多万 or 余亿, or a
# range separator, or ending in 万/亿.
_CANDIDATES = number_scanner(
    rf"{_SP}(?:余|多)?[{MULTIPLIERS}]*{_SP}(?:{alternation(CLASSIFIERS + CLASSIFIER_LED_NOUNS)})"
    rf"|{_SP}(?:余|多)[{MULTIPLIERS}]*[万亿萬億]|{_SP}{RANGE_SEPARATOR_PATTERN}", big_multiplier=True,
    skip=rf"[一壹](?![{CHINESE_DIGITS}{MULTIPLIERS}点]|{_SP}{RANGE_SEPARATOR_PATTERN})")  # the article 一 (一场)


# --- the counted noun ---------------------------------------------------------------------
def _noun_after(text: str, pos: int, limit: int) -> str | None:
    """The noun right after a classifier, cut at the first stop word (a stop at its very start is no noun)."""
    if pos < len(text) and text[pos] in " \u3000":
        pos += 1
    m = _ENTITY_CHARS.match(text, pos, limit)
    if not m:
        return None
    candidate = m.group()
    if candidate[0] in _QUOTE_OPEN or candidate[0] in "”’":
        return None
    for hit in _ENTITY_SPLIT.finditer(candidate):
        if hit.group("stop"):
            if hit.start() == 0:
                return None
            candidate = candidate[:hit.start()]
            break
    candidate = candidate.rstrip("“‘\"《")
    if not candidate or len(candidate) > ENTITY_MAX:
        return None
    return candidate


def _noun_before(text: str, pos: int, floor: int) -> tuple[str, int] | None:
    """The noun of ``X266家``: what follows the clause's last stop word before the number, and its start."""
    start = max(floor, pos - _LOOKBACK)
    window = text[start:pos]
    last_end = 0
    for cut in _CLAUSE_END.finditer(window):
        last_end = cut.end()
    for hit in _ENTITY_BEFORE_SPLIT.finditer(window, last_end):
        if hit.group("stop"):
            last_end = hit.end()
    noun = _NOUN_BEFORE.fullmatch(window, last_end)
    if not noun or not noun.group("noun") or len(noun.group("noun")) > ENTITY_BEFORE_MAX:
        return None
    return noun.group("noun"), start + noun.start("noun")


def _is_name_or_rank(text: str, m: re.Match[str], unit: str | None) -> bool:
    """Ranks (前6名, 第一、二名), quoted slogans (“四个全面”), numerals running on (四位一体, 三个一), names."""
    start = m.start()
    if unit in RANK_CLASSIFIERS and any(text.endswith(w, 0, start) for w in RANK_BEFORE):
        return True
    if start and text[start - 1] == "、" and _ORDINAL_LIST.search(text, max(0, start - 16), start):
        return True
    if _ARABIC.match(text, start):
        return False  # the rest concerns Chinese numerals
    if start and text[start - 1] in _QUOTE_OPEN:
        return True
    if unit == "次" and _SESSION.match(text, m.start("unit")) and _TERM.search(text, max(0, start - 13), start):
        return True
    following = text[m.end():m.end() + 1]
    if following and following in CHINESE_DIGITS:
        return True
    left = max(0, start - _NAME_REACH)
    return any(hit.start() < m.end() - left and hit.end() > start - left
               for hit in _NUMERAL_NAME.finditer(text[left:m.end() + _NAME_REACH]))


def _not_counted_after(text: str, pos: int) -> bool:
    return bool(_NOT_COUNTED.match(text, pos))


def extract_counts(text: str, taken: Sequence[tuple[int, int]] = ()) -> list[CountFact]:
    """Counts in ``text`` in text order; none overlaps a span in ``taken`` (dates and money)."""
    if not isinstance(text, str) or not text:
        return []
    spans = TakenSpans.of(taken)
    facts: list[CountFact] = []
    consumed = 0
    for number in _CANDIDATES.finditer(text):
        if number.start() < consumed:
            continue
        found = _read_at(text, number)
        if found is None:
            continue
        rule, m, before, reading = found
        if spans.overlaps(before[1] if before else m.start(), m.end()):
            continue
        floor = max(consumed, spans.end_before(m.start()))
        limit = spans.start_after(m.end(), len(text))
        fact = _attach_noun(text, m, rule, reading, before, floor=floor, limit=limit)
        if fact is None:
            continue
        facts.append(fact)
        consumed = fact.end
    return _inherit_subset_nouns(text, facts)


def _read_at(text: str, number: re.Match[str]
             ) -> tuple[CountRule, re.Match[str], tuple[str, int] | None, Reading] | None:
    """The first rule of :data:`RULES` that reads a count at this number, and the word before it."""
    start = number.start()
    before = None
    if start and text[start - 1] in _BEFORE_ENDS:
        hit = _BEFORE.search(text, max(0, start - _BEFORE_REACH), start)
        if hit:
            before = (hit.group("pre"), hit.start())
    for rule in RULES:
        m = rule.pattern.match(text, start)
        if not m:
            continue
        bare = not _HAS_DIGIT.search(m.groupdict().get("num") or "x")
        # 上 bounds only a bare multiplier (上千名); 线上300人 is not "over 300".
        word = before if before and (before[0] != "上" or bare) else None
        try:
            reading = rule.read(m, word[0] if word else None)
        except (ArithmeticError, ValueError, KeyError) as exc:  # never raise on odd text
            log.debug("%s: cannot read %r: %r", rule.name, m.group(), exc)
            continue
        if reading is not None:
            return rule, m, word, reading
        log.debug("%s: %r is not a count", rule.name, m.group())
    return None


@dataclass(frozen=True, slots=True)
class TakenSpans:
    """Spans already claimed by dates and money, sorted, with the running maximum of their ends."""

    starts: tuple[int, ...]
    reach: tuple[int, ...]  # reach[i] = max end of spans 0..i

    @classmethod
    def of(cls, spans: Sequence[tuple[int, int]]) -> "TakenSpans":
        ordered = sorted((int(s), int(e)) for s, e in spans)
        reach, furthest = [], 0
        for _, end in ordered:
            furthest = max(furthest, end)
            reach.append(furthest)
        return cls(tuple(s for s, _ in ordered), tuple(reach))

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self.starts, end)
        return i > 0 and self.reach[i - 1] > start

    def end_before(self, pos: int) -> int:
        """Where the last taken span before ``pos`` ends (0 if none)."""
        i = bisect.bisect_right(self.starts, pos)
        return min(self.reach[i - 1], pos) if i else 0

    def start_after(self, pos: int, default: int) -> int:
        i = bisect.bisect_left(self.starts, pos)
        return self.starts[i] if i < len(self.starts) else default


def _attach_noun(text: str, m: re.Match[str], rule: CountRule, reading: Reading, before: tuple[str, int] | None,
                 floor: int, limit: int) -> CountFact | None:
    """Find the counted noun after, else before, the number; drop what is not a count after all."""
    if _not_counted_after(text, m.end()) or _is_name_or_rank(text, m, reading.unit):
        return None
    if rule.needs_noun_after and _MEASURE.match(text, m.end()):
        return None
    start = before[1] if before else m.start()
    after = _noun_after(text, m.end(), limit)
    if after:
        end = text.index(after, m.end()) + len(after)
        return CountFact(text=text[start:end], start=start, end=end, rule=rule.name, min=reading.low,
                         max=reading.high, unit=reading.unit, entity=after, approx=reading.approx)
    if rule.needs_noun_after:
        return None  # 6.5 万 alone (a noun must follow when there is no classifier)
    noun = _noun_before(text, start, floor)
    if noun:
        entity, start = noun
        name = "count.noun_first" if rule.name == "count.classifier" else rule.name
        return CountFact(text=text[start:m.end()], start=start, end=m.end(), rule=name, min=reading.low,
                         max=reading.high, unit=reading.unit, entity=entity, approx=reading.approx)
    return CountFact(text=text[start:m.end()], start=start, end=m.end(), rule=rule.name, min=reading.low,
                     max=reading.high, unit=reading.unit, entity=None, approx=reading.approx)


def _inherit_subset_nouns(text: str, facts: list[CountFact]) -> list[CountFact]:
    """In ``…266家，其中厦门援建210家`` the 210 counts the same noun as the count before it.

    Only a clause opened by 其中, only within one sentence, only with the same classifier.
    """
    out: list[CountFact] = []
    for fact in facts:
        previous = out[-1] if out else None
        if fact.entity is None and previous is not None and previous.entity and previous.unit == fact.unit:
            between = text[previous.end:fact.start]
            clause = _CLAUSE_END.split(between)[-1]
            if clause.startswith(_SUBSET_OPENER) and not _SENTENCE_END.search(between):
                fact = replace(fact, entity=previous.entity, rule="count.subset")
        out.append(fact)
    return out
