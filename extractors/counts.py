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
bounded by punctuation, the words in :data:`ENTITY_STOPS` and :data:`PREDICATE_VERBS`
and :data:`ENTITY_MAX` characters; :data:`ENTITY_KEEP` lists words that contain a stop
but are nouns (``国有``, ``运动员``). Within those bounds jieba's parts of speech, on that short window
only, end the noun at a verb, adverb, preposition or pronoun after it (``4个中学女生|围殴一个女生``):
the counted noun is a noun phrase, never a clause (:data:`CLAUSE_TAGS`). After 人 the words are what the people do
(``260万人受惠``): no noun; a noun before people must name people (``职工13374人次``,
not ``当地5.1万人次``). In a clause opened by ``其中`` ("of which") a count without a noun
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
import functools
import itertools
import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import NamedTuple

from extractors.facts import Approx, CountFact
from extractors.numbers import (
    ADJACENT_RANGE_PATTERN, APPROX_AFTER_PATTERN, CHINESE_DIGITS, MAGNITUDE_BEFORE, MAGNITUDE_BEFORE_PATTERN,
    MULTIPLIER_RUN, MULTIPLIERS, NUMBER_PATTERN, QUANTITY_PATTERN, RANGE_SEPARATOR_PATTERN, alternation, approximation, bounds,
    number_scanner, number_start, parse_number, parse_range,
)
from extractors.jieba_dictionary import JiebaTagger
from extractors.protocol import SHARED_RESOURCES, Extractor, ExtractorInput
from extractors.sentences import Sentences, sentence_at
from extractors.wordlists import DATA, jieba_verbal_nouns, jieba_verbs, read_word_lists

log = logging.getLogger(__name__)

__all__ = ["extract_counts", "RULES", "RULE_NAMES", "CLASSIFIERS", "CountRule", "ENTITY_MAX", "EXTRACTOR"]

# --- data --------------------------------------------------------------------------------
# The word lists live in data/count_words.tsv (one list per name, in order: the order of a list that
# becomes a regex alternation decides which word wins at a position). Read once, when this module is
# imported, like the rule table built from them.
_WORDS = read_word_lists("count_words.tsv")
CLASSIFIERS: tuple[str, ...] = _WORDS["classifiers"]
NOT_COUNTED_AFTER: tuple[str, ...] = _WORDS["not_counted_after"]  # 3个月, 5个百分点: time or a proportion
MEASURE_WORDS: tuple[str, ...] = _WORDS["measure_words"]  # 83万吨, 1.1万亩: a quantity, not a count
CLASSIFIER_LED_NOUNS: tuple[str, ...] = _WORDS["classifier_led_nouns"]  # 七部门: the number counts the noun
NOT_CLASSIFIER_WORDS: tuple[str, ...] = _WORDS["not_classifier_words"]  # 2024台北国际书展: no count at all
OBJECT_VERBS: frozenset[str] = frozenset(_WORDS["object_verbs"])  # 接报|电气火灾警情33宗: the verb is no part of the noun
NUMERAL_NAMES: tuple[str, ...] = _WORDS["numeral_names"]  # 四个全面, 三门峡: names, slogans, idioms
ENTITY_STOPS: tuple[str, ...] = _WORDS["entity_stops"]  # words that end the counted noun
PREDICATE_VERBS: tuple[str, ...] = _WORDS["predicate_verbs"]  # verbs that introduce or follow a count
LINK_WORDS: tuple[str, ...] = _WORDS["link_words"]  # 参赛选手共计260人: the noun is before them
NOMINALISERS: tuple[str, ...] = _WORDS["nominalisers"]  # 参赛人数: no stop there
PLACE_WORDS: tuple[str, ...] = _WORDS["place_words"]  # 全国200家: where, not what
VILLAGE_GROUP_BEFORE: tuple[str, ...] = _WORDS["village_group_before"]  # 双河村3组: an address
LUNAR_DAY_BEFORE: tuple[str, ...] = _WORDS["lunar_day_before"]  # 初五多次: a lunar day
ENTITY_KEEP: tuple[str, ...] = _WORDS["entity_keep"]  # 有限公司, 运动员: nouns holding a stop word
COORDINATORS: tuple[str, ...] = _WORDS["coordinators"]  # 和, 与, 及: join two nouns
PERSON_UNITS: tuple[str, ...] = _WORDS["person_units"]  # classifiers of people (人, 人次, 名, 位)
ATTRIBUTE_NOUNS: tuple[str, ...] = _WORDS["attribute_nouns"]  # 银行帐户|资金: something of the noun counted
# A number right after 前/后 (not 目前, 之后 …) or 倒数 picks a rank or a selection, not a count:
# 前6名, 后两位, 前10家企业, 前两项.
_RANK_BEFORE = re.compile(r"(?:(?<![目之以此当提眼跟面向往空事生战课会饭睡日年月天节])前"
                          r"|(?<![之以然随此今先背落其午前战会赛饭年日月天节课事身善售产灾])后|倒数)\Z")
_RANK_LAST = frozenset("前后数")  # the last characters of _RANK_BEFORE: a quick test before it
_PEOPLE_AS_NOUN = ("人", "人次")  # the classifier is the noun: what follows 260万人 is what they do
_NAMED_PEOPLE = ("名", "位")  # these name the people after them (60名选手)
PERSON_NOUN_ENDS = "人员工众民者生士师兵手友客属胞长部家童子女户力团队伍才官军警匠模侨商表宾将嫂妈姐哥弟妹爷奶婆儿孩孙农夫妇汉徒辈犯质丝数例"
# Titles and pronouns: a noun before 两次 that ends in one is the subject, not the event counted.
_SUBJECT_ENDS = PERSON_NOUN_ENDS + "记理席统相任裁董我你他她它"
ENTITY_MAX = 10  # characters of a noun after the number; a longer one is no noun
ENTITY_BEFORE_MAX = 16  # a noun before the number may be longer (全国“安康杯”竞赛先进集体企业 2 个)

# --- regex fragments --------------------------------------------------------------------
_SP = r"[ \u3000]?"
# 第一名 is an ordinal, 8/20起 a date, iPhone 11 a name.
# not inside a number nor right after one's 余/多 (诈骗20余万|多人: no count 万多人), not the 伍 of 队伍
_NOT_INSIDE_NUMBER = (number_start(excluded_before="第/／") + r"(?<![A-Za-z][ \u3000])"
                      + rf"(?<![0-9０-９{CHINESE_DIGITS}{MULTIPLIERS}][余多][ \u3000])(?<![0-9０-９{CHINESE_DIGITS}{MULTIPLIERS}][余多])"
                      + r"(?!(?<=[队行入落退])伍)")  # 队伍, 行伍, 入伍: 伍 is no 5 there
_NUMBER_STARTS = re.compile(_NOT_INSIDE_NUMBER)  # tested once per number, before the rules (which repeat it)
# An approximation word right before the number (近30家, 上千名).
_BEFORE = re.compile(rf"(?P<pre>{MAGNITUDE_BEFORE_PATTERN}){_SP}\Z")
_BEFORE_REACH = 5
_BEFORE_ENDS = frozenset(word[-1] for word in MAGNITUDE_BEFORE) | {" ", "\u3000"}
_CLASSIFIER = rf"(?!{alternation(CLASSIFIER_LED_NOUNS + NOT_CLASSIFIER_WORDS)})(?P<unit>{alternation(CLASSIFIERS)})"
_NOUN_WITH_YU = "余[震额款粮热温晖波孽]"  # 余震, 余额: a noun after the classifier, not "more than" (78次余震)
_POST = rf"(?:(?!{_NOUN_WITH_YU})(?P<post>{APPROX_AFTER_PATTERN}))?"
_CJK = r"\u4e00-\u9fff"
# A noun: Chinese and quotes, led by a Latin word (SARS床位, A股账户, QFII) or with a model's dash
# inside (歼-20战机); Latin after Chinese ends it (两个司机FacetoFace).
_ENTITY_CHARS = re.compile(rf"(?:[A-Za-z][A-Za-z0-9]*(?:-[0-9A-Za-z]+)*|[{_CJK}“”‘’\"《》·])"
                           rf"(?:[{_CJK}“”‘’\"《》·]+|-[0-9A-Za-z]+(?=[{_CJK}]))*")
# Another number ends a noun: a headline without its punctuation, a list without commas
# (拍卖赃物十台电脑三万, 三个食堂六口锅, 20多家机构数百人).
_NUMBER_INSIDE = re.compile(rf"[{CHINESE_DIGITS}十数几][十百千万亿]|[二两三四五六七八九十][个名家位人口只条座台辆件项次场]")
_MODIFIED_NOUN_MAX = 4  # 5家参展企业: the noun a verb modifies is short; 三次参加江苏代表团 is a predicate
_ENTITY_REACH = ENTITY_MAX + 6


def _word_split(keep: Sequence[str], stop: Sequence[str]) -> re.Pattern[str]:
    """The longest word of ``keep`` (group ``keep``) or else of ``stop`` (group ``stop``) at a position.

    Look-aheads for the words' first characters come first: at most positions of a noun a class
    test or two fail, instead of both alternations being tried (splitting runs 1.5x faster).
    """
    def firsts(words: Sequence[str]) -> str:
        return "[" + "".join(sorted({re.escape(word[0]) for word in words})) + "]"

    return re.compile(rf"(?={firsts((*keep, *stop))})(?:(?={firsts(keep)})(?P<keep>{alternation(keep)})"
                      rf"|(?={firsts(stop)})(?P<stop>{alternation(stop)}))")


_ENTITY_SPLIT = _word_split(ENTITY_KEEP, ENTITY_STOPS + PREDICATE_VERBS + COORDINATORS)
_ENTITY_BEFORE_SPLIT = _word_split(ENTITY_KEEP + COORDINATORS, ENTITY_STOPS + PREDICATE_VERBS + PLACE_WORDS)
_PREDICATES = frozenset(PREDICATE_VERBS)
_LINKS = frozenset(LINK_WORDS)
_POSSESSION_LINKS = frozenset(_WORDS["possession_links"])  # 有, 共有 …: the noun before may own what is counted
_OWNER_HEADS = frozenset("".join(_WORDS["owner_heads"]))  # last characters of a body that has members or things
_NOMINALISER = re.compile(alternation(NOMINALISERS))
_CLOSING_QUOTES = {"”": "“", "’": "‘", "》": "《", "」": "「", "』": "『"}
_OPENING_QUOTES = {opening: closing for closing, opening in _CLOSING_QUOTES.items()}
_ANY_QUOTE = re.compile(f"[{''.join(_CLOSING_QUOTES)}{''.join(_OPENING_QUOTES)}]")
_ORDINAL_LIST = re.compile(rf"第[0-9０-９{CHINESE_DIGITS}十百]+(?:、[0-9０-９{CHINESE_DIGITS}十百]+)*、$")
_NOT_COUNTED = re.compile(alternation(NOT_COUNTED_AFTER))
# A noun before the number: Chinese (quotes allowed inside), not opening or closing with 和/及;
# 一行 ("a party of") stands between a group and its size (企业代表团一行25人).
# A word that begins with a coordinator (及格) is no coordinator before the noun (及格人数3409人).
_KEPT_AFTER_COORDINATOR = tuple(word for word in ENTITY_KEEP if word.startswith(COORDINATORS))
_NOUN_BEFORE = re.compile(rf"[ \u3000]*(?:(?!{alternation(_KEPT_AFTER_COORDINATOR)}){alternation(COORDINATORS)})?(?P<noun>[{_CJK}][{_CJK}“”‘’\"《》·]*?)??"
                          rf"(?:一行)?{alternation(COORDINATORS)}?[ \u3000]*")
# 二次 before a word is "secondary" (二次整改, 二次伤害); counts say 两次. 以二次为限 counts.
_SECONDARY = re.compile(rf"次[{_CJK}](?<![为以的了后前之左上])")
_PEOPLE_MAX = Decimal(10) ** 10  # more than there are people: 21万亿 股民 is money in a headline
# 十四届全国人大二次会议: a session's ordinal after 届, not a number of meetings.
_SESSION = re.compile(r"次(?:会议|全会|全体会议|常委会议|代表大会)")
_TERM = re.compile(r"届[^，,。；;！？!?\n]{0,12}\Z")
_MEASURE = re.compile(rf"[ \u3000]?{alternation(MEASURE_WORDS)}")
_CLAUSE_END = re.compile(r"[，,。；;！!？?：:、\n（(）)]")
_LAST_CLAUSE_END = re.compile(rf"(?s:.*){_CLAUSE_END.pattern}")  # matched from the start: ends after the last one
_SENTENCE_END = re.compile(r"[。；;！!？?\n]")
_QUOTE_OPEN = "“‘「『\"《"
_SPACES = frozenset(" \u3000")
_HAS_DIGIT = re.compile(rf"[0-9０-９{CHINESE_DIGITS}]")
_HAS_UNIT = re.compile(rf"[{MULTIPLIERS}]")
_ARABIC_DIGITS = frozenset("0123456789０１２３４５６７８９")
_BIG_MULTIPLIER_END = re.compile(r"[万亿萬億]$")
_DECIMAL_WITHOUT_MULTIPLIER = re.compile(rf"[.．点][0-9０-９{CHINESE_DIGITS}]+$")
_SUBSET_OPENER = "其中"
_NUMERAL_NAME = re.compile(alternation(NUMERAL_NAMES))
_NAME_REACH = max(len(n) for n in NUMERAL_NAMES)
_LOOKBACK = 24  # characters before a number searched for its noun


class Reading(NamedTuple):
    """What a rule read from its match: the bounds, approximation and classifier (a named tuple:
    one is made for every number read, and it is built several times faster than a dataclass)."""

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


def _group(m: re.Match[str], name: str) -> str | None:
    """A named group that only some rules have (None in the others); cheaper than ``groupdict()``."""
    return m.group(name) if name in m.re.groupindex else None


def _numeral_ok(number: str, before: str | None, more: str | None) -> bool:
    """Chinese numerals that are numbers here: not the article 一, not 五一, not a bare 万 without 近/上/余."""
    if number[0] in _ARABIC_DIGITS:  # Arabic numbers start with a digit, Chinese ones hold none
        return True
    if number in ("一", "壹"):
        return False
    if not _HAS_DIGIT.search(number) and not number.startswith(("十", "拾")):
        return before is not None or more is not None  # 近万名, 上千人, 万余名; but 万家灯火, 百名职工 are names
    if len(number) > 1 and not _HAS_UNIT.search(number):
        return False  # 五一, 一二九: digits read one by one name days and events
    return True


def _read_single(m: re.Match[str], before: str | None) -> Reading | None:
    """One count without a classifier (七部门, 6.5 万职工)."""
    num, more, mult = m.group("num", "more", "mult")
    return _whole_count(num, mult, more, before, None, None)


def _read_classified(m: re.Match[str], before: str | None) -> Reading | None:
    """One count with its classifier and the 余/多 or 以上 after either (300多名, 50余家, 30个以上)."""
    num, more, mult, unit, more2, post = m.group("num", "more", "mult", "unit", "more2", "post")
    return _whole_count(num, mult, more or more2, before, post, unit)


def _whole_count(num: str, mult: str, more: str | None, before: str | None, post: str | None, unit: str | None
                 ) -> Reading | None:
    """Things are counted in whole numbers (3.0只 is a version and an adverb)."""
    number = num + mult
    if num[:1] in "0０" and num[1:2].isdigit():
        return None  # a code or a model year, not a count: 06款福特, 01号
    digits = number.isdigit()  # most counts (60名): Arabic digits, a whole number, nothing to check
    if not digits and (not _numeral_ok(num, before, more) or _DECIMAL_WITHOUT_MULTIPLIER.search(number)):
        return None
    value = parse_number(number)
    if value is None or value <= 0 or (not digits and value != value.to_integral_value()):
        return None
    approx = approximation(before, more, post)
    low, high = bounds(value, approx)
    return Reading(low, high, approx, unit)


def _read_multiplied(m: re.Match[str], before: str | None) -> Reading | None:
    """6.5 万职工: without a classifier only a number ending in 万/亿 counts."""
    return _read_single(m, before) if _BIG_MULTIPLIER_END.search(_number_text(m)) else None


def _read_range(m: re.Match[str], before: str | None) -> Reading | None:
    found = parse_range(f"{m.group('lo')}-{m.group('hi')}") if _group(m, "lo") else parse_range(m.group("num"))
    if not found:
        return None
    return Reading(found[0], found[1], "range", m.group("unit"))


RULES: tuple[CountRule, ...] = (
    CountRule("count.classifier", re.compile(
        rf"{_NOT_INSIDE_NUMBER}{QUANTITY_PATTERN}{_SP}{_CLASSIFIER}"
        rf"(?P<more2>(?!{_NOUN_WITH_YU})余|多)?{_POST}"
    ), _read_classified),
    CountRule("count.noun_led", re.compile(
        rf"{_NOT_INSIDE_NUMBER}{QUANTITY_PATTERN}{_SP}"
        rf"(?=(?P<led>{alternation(CLASSIFIER_LED_NOUNS)}))"
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
# Names a count read by the rules above takes when its noun decides it (the fact's rule names one of them).
NOUN_FIRST = "count.noun_first"  # a classifier count whose noun is written before the number (扶贫车间266家)
SUBSET = "count.subset"  # a count in a 其中 clause that takes the noun of the count before it
RULE_NAMES: tuple[str, ...] = (*(rule.name for rule in RULES), NOUN_FIRST, SUBSET)
_CLASSIFIED, _CJK_MULTIPLIER = RULES[0].name, RULES[2].name

# Numbers followed by 余/多 and a classifier or a classifier-led noun, by 多万 or 余亿, or a
# range separator, or ending in 万/亿.
_CANDIDATES = number_scanner(
    rf"{_SP}(?:余|多)?{MULTIPLIER_RUN}{_SP}(?:{alternation(CLASSIFIERS + CLASSIFIER_LED_NOUNS)})"
    rf"|{_SP}(?:余|多){MULTIPLIER_RUN}[万亿萬億]|{_SP}{RANGE_SEPARATOR_PATTERN}", big_multiplier=True,
    skip=rf"[一壹](?![{CHINESE_DIGITS}{MULTIPLIERS}点]|{_SP}{RANGE_SEPARATOR_PATTERN})")  # the article 一 (一场)


# --- the counted noun ---------------------------------------------------------------------
def _noun_after(text: str, pos: int, limit: int, unit: str | None) -> tuple[str, int] | None:
    """The noun right after a classifier and where it ends, cut at the first stop word.

    A stop at its very start means there is no noun, except a verb modifying a short noun
    after it (5家参展企业; not after 次, where the verb is what was done: 三次参加…); a verb
    alone (三处损毁) is no noun. A quoted noun is read inside its quotes (四个“全球购海外站”).
    After 名/位 a relative clause or a modifier with 的 precedes the people counted
    (200余名参加培训的学员, 千余名智能科技领域的专家). An entity of "" means a noun follows that
    cannot be read (5家参展企业的产品…, a run longer than :data:`ENTITY_MAX`): none should be
    looked for before the number.
    """
    if text[pos:pos + 1] in _SPACES:
        pos += 1
    m = _ENTITY_CHARS.match(text, pos, min(limit, pos + _ENTITY_REACH))
    if not m:
        return None
    candidate = m.group()
    if candidate[0] in _CLOSING_QUOTES:
        return None
    if candidate[0] in _QUOTE_OPEN:
        return _quoted_noun(candidate, pos)
    number = _NUMBER_INSIDE.search(candidate)
    if number:
        candidate = candidate[:number.start()]
    modifier_end = 0
    cut_by = ""
    for hit in _ENTITY_SPLIT.finditer(candidate):
        if not hit.group("stop"):
            continue
        if hit.start() == 0:
            if unit in _NAMED_PEOPLE and "的" in candidate:
                return _people_after_de(candidate, candidate.index("的") + 1, pos)  # 300多名来自各地的选手
            if hit.group() not in _PREDICATES or unit == "次":
                return None
            modifier_end = hit.end()
            continue
        if hit.group() == "的" and unit in _NAMED_PEOPLE and candidate[hit.start() - 1] not in PERSON_NOUN_ENDS:
            return _people_after_de(candidate, hit.end(), pos)  # 千余名智能科技领域的专家学者
        if modifier_end and hit.group() == "的":
            return "", pos
        candidate, cut_by = candidate[:hit.start()], hit.group()
        break
    candidate = _without_stray_quotes(candidate)
    if candidate and not modifier_end:
        candidate = _noun_phrase(candidate, cut_by)
        if candidate is None:
            return None  # 四项|仔细看清楚: an adverb, a pronoun or a preposition, no noun
        if not candidate or (cut_by == "的" and unit and unit not in _PEOPLE_COUNTERS and candidate[-1] in _OWNERS):
            return "", pos  # 三条|钢铁焊成|的长凳, 20多张|民工的社保卡: the noun counted is after 的, unread
    candidate = _cut_at_verb(candidate)
    if candidate.endswith(ATTRIBUTE_NOUNS):
        candidate = _without_attribute(candidate, unit)
    if len(candidate) > (modifier_end + _MODIFIED_NOUN_MAX if modifier_end else ENTITY_MAX):
        return "", pos
    if len(candidate) <= modifier_end:
        return None
    if modifier_end and pos_tokenizer().lcut(candidate[modifier_end:])[0].flag in _FUNCTION_TAGS:
        return None  # 8款|入围前: a direction, preposition or adverb after the verb, no noun it modifies
    if len(candidate) == 1 and candidate not in _NOUN_HEADS and pos_tokenizer().lcut(candidate)[0].flag in _LONE_NON_NOUN_TAGS:
        return "", pos  # 两次|拿下, 1~2次|可治愈: one character that is a verb or a function word: no noun, none before
    return candidate, pos + len(candidate)


def _without_attribute(candidate: str, unit: str | None) -> str:
    """``主要银行帐户|资金``, ``车型|售价``, ``学校|校长`` after 所: the noun counted, without what is said of it
    (:data:`ATTRIBUTE_NOUNS`); people (校长) stay the noun after a classifier of people (3名学校校长)."""
    word = next(w for w in ATTRIBUTE_NOUNS if candidate.endswith(w))
    rest = candidate[:-len(word)]
    if len(rest) < 2 or (unit in _PEOPLE_COUNTERS and word[-1] in PERSON_NOUN_ENDS):
        return candidate
    return rest


def pos_tokenizer() -> JiebaTagger:
    """jieba's part-of-speech tagger on its own dictionary (read-only data, like the word lists); only the
    short window after a classifier is ever tagged. It is the shared dictionary's
    (:attr:`extractors.protocol.Resources.jieba`), built once on the same tables as the other word
    sets read from jieba's dictionary."""
    return SHARED_RESOURCES.jieba.tagger()


_OWNERS = frozenset("".join(_WORDS["owners_before_de"]))
_FUNCTION_TAGS = frozenset(_WORDS["function_tags"])
_LONE_NON_NOUN_TAGS = _FUNCTION_TAGS | {"v"}
_PEOPLE_COUNTERS = frozenset((*PERSON_UNITS, "个", "户"))  # classifiers that may count the people before 的

# Parts of speech (jieba's tags) that end a counted noun once a noun has begun: verbs, adverbs,
# prepositions, pronouns, time words, numerals, adjectives (6家公司|股价腰斩, 2个胜场|什么概念, 六个省|自8日以来,
# 5个家庭|瞬间崩塌, 25位候选人|一一登台, 两名男子|频繁出入).
CLAUSE_TAGS = frozenset(_WORDS["clause_tags"])
# Tags of an adverb or pronoun that, leading the words after a classifier before a verb (or alone), mean no
# noun follows (四项|仔细看清楚, 我们两个|本是).
NO_NOUN_TAGS = frozenset(_WORDS["no_noun_tags"])
# Tags a noun phrase is made of after the verb or adjective that modifies its head (农村|留守|儿童).
_PHRASE_TAGS = frozenset(_WORDS["noun_phrase_tags"])
# Characters that head a noun although jieba tags them otherwise (文明实践|站, 医疗抢救|组).
_NOUN_HEADS = frozenset("".join(_WORDS["noun_heads"]))


def _noun_phrase(candidate: str, cut_by: str) -> str | None:
    """The noun phrase that begins ``candidate`` (the words after a classifier, up to the first stop word
    ``cut_by``), by jieba's parts of speech: it ends at the first verb, adverb, preposition, pronoun, time
    word, numeral or adjective after a noun (4个中学女生|围殴一个女生). A verb or adjective of two characters
    or more with only a noun phrase after it modifies that noun and stays (农村留守儿童, 文明实践站).
    None: no noun follows (an adverb leads a verb); "": one follows that cannot be read (a verb's clause
    closed by 的: 三条钢铁焊成的长凳; a verb alone before 和: 21名管理和服务对象)."""
    if len(candidate) > 1 and candidate in _CLASSIFIER_SET:
        return candidate  # 近10个|批次的…: a classifier after 个 is the noun (jieba tags 批次 an adverb)
    tokens = [(pair.word, pair.flag) for pair in pos_tokenizer().lcut(candidate)]
    if tokens[0][1] in NO_NOUN_TAGS and (len(tokens) == 1 or tokens[1][1] in ("v", "l")):
        return None
    if cut_by == "的" and (tokens[0][1] in ("d", "ad") or (tokens[0][1] == "m" and tokens[0][0].endswith(MEASURE_WORDS))):
        return ""  # 两个|非常典型的问题, 100张|百元面额的美元: an adverb's or a measure's phrase modifies the noun after 的, unread
    offset, seen_noun = 0, False
    for i, (word, flag) in enumerate(tokens):
        if flag == "vn" and seen_noun and i + 1 < len(tokens) and tokens[i + 1][1] == "v" \
                and not any(f[0] == "n" for _, f in tokens[i + 2:]):
            return _without_stray_quotes(candidate[:offset])  # 两所学校|研究制定: a verbal noun and a verb, no noun after
        if flag[0] == "n" or flag in ("eng", "vn"):
            seen_noun = True
        elif seen_noun and flag == "b" and candidate[offset - 1] in _DOER_ENDS:
            return _without_stray_quotes(candidate[:offset])  # 两名群众|非法燃放烟花爆竹: a doer, then how it acts
        elif seen_noun and flag in CLAUSE_TAGS:
            if i == len(tokens) - 1 and word in _NOUN_HEADS:
                break  # 分流|点, 文明实践|站: a head jieba tags as a numeral or a verb
            if (flag in ("v", "a") and len(word) > 1 and candidate[offset - 1] not in _SUBJECT_ENDS
                    and candidate[offset - 1] not in _DOER_ENDS and _modifies_head(tokens[i + 1:])):
                offset += len(word)
                continue  # 农村|留守|儿童: the verb modifies the noun that ends the words (not after a doer)
            if cut_by == "的" and candidate[offset - 1] not in _DOER_ENDS:
                return ""  # 三条钢铁|焊成的长凳: a clause modifies the noun after 的 (四户居民|进出车库的… is people)
            return _without_stray_quotes(candidate[:offset])
        offset += len(word)
    if cut_by in COORDINATORS and all(f in ("v", "vn") for _, f in tokens):
        return ""  # 21名管理|和服务对象: the verb is half of a coordinated noun
    return candidate


def _modifies_head(rest: list[tuple[str, str]]) -> bool:
    """Whether the words after a verb are a noun phrase ending in its head (儿童, 站): then the verb modifies it."""
    if not rest or not all(flag[0] == "n" or flag in _PHRASE_TAGS for _, flag in rest) \
            or any(flag == "v" and any(f[0] == "n" for _, f in rest[:i]) for i, (_, flag) in enumerate(rest)):
        return False  # 三次针治|配合穴位外敷中药: a noun and a verb after it, a clause
    word, flag = rest[-1]
    return flag[0] == "n" or flag in ("zg", "j") or word[-1] in _NOUN_HEADS


def _cut_at_verb(candidate: str) -> str:
    """The noun phrase before a verb that runs on from it (厂商|释出新品, 货车司机|送货途, 电动车|相撞): the
    counted noun is never a clause. Cut only after a noun that does things (:data:`_DOER_ENDS`); a verb
    inside a noun that ends like a person (外出务工人员) or one leading it (参赛选手) stays."""
    if len(candidate) < 4 or candidate[-1] in PERSON_NOUN_ENDS:
        return candidate
    verbs, verbal_nouns = jieba_verbs(), jieba_verbal_nouns()
    for i in range(2, len(candidate) - 1):
        if candidate[i - 1] in _DOER_ENDS and (candidate[i:i + 2] in verbs or candidate[i:i + 3] in verbs
                                               or candidate[i:] in verbal_nouns):
            return candidate[:i]  # a verbal noun only when it ends the words: 社区卫生|服务中心 stays whole
    return candidate


# The last characters of a noun that does things (a person, a vehicle, an animal): a verb right after it
# starts a clause (学生|殴打, 小客车|相撞, 猎犬|盗走); after other words it may be part of a noun
# (医疗抢救组, 人工呼吸).
_DOER_ENDS = frozenset(PERSON_NOUN_ENDS + "车机犬狗猫牛羊猪马驴鸡鸭鹅鱼鸟")


def _people_after_de(candidate: str, start: int, pos: int) -> tuple[str, int]:
    """The people in ``名 X 的 Y`` when X names no people: Y, if it does (近千名受困的列车旅客 → 列车旅客)."""
    rest = candidate[start:]
    stop = next((hit for hit in _ENTITY_SPLIT.finditer(rest) if hit.group("stop")), None)
    noun = _without_stray_quotes(rest[:stop.start()] if stop else rest)
    if noun and len(noun) <= ENTITY_MAX and noun[-1] in PERSON_NOUN_ENDS:
        return noun, pos + start + len(noun)
    return "", pos


def _quoted_noun(candidate: str, pos: int) -> tuple[str, int] | None:
    """``“全球购海外站”`` after a classifier: the words inside the quotes, and the end of the closing one."""
    closing = next((i for i, ch in enumerate(candidate) if i and ch in _CLOSING_QUOTES), 0)
    if not 1 < closing <= ENTITY_MAX + 1:
        return None
    return candidate[1:closing], pos + closing + 1


def _without_stray_quotes(noun: str) -> str:
    """``措施”`` → ``措施``, ``理论教材《深刻领悟`` → ``理论教材``: a quote without its pair is not the noun's."""
    if not _ANY_QUOTE.search(noun):
        return noun  # most nouns: nothing to look at
    for i, ch in enumerate(noun):
        if ch in _OPENING_QUOTES and _OPENING_QUOTES[ch] not in noun[i + 1:]:
            noun = noun[:i]
            break
    while noun and noun[-1] in _CLOSING_QUOTES and _CLOSING_QUOTES[noun[-1]] not in noun:
        noun = noun[:-1]
    return noun


def _noun_before(text: str, pos: int, floor: int, unit: str | None) -> tuple[str, int] | None:
    """The noun of ``X266家``: what follows the clause's last stop word before the number, and its start.

    One character is no noun (致美17人, 仍差1支); before a classifier of people the noun must
    name people (职工13374人次, not 当地5.1万人次); before 次 it must not be the subject
    (总书记两次到…).
    """
    start = max(floor, pos - _LOOKBACK)
    window = text[start:pos]
    last_cut = _LAST_CLAUSE_END.match(window)
    clause_start = last_cut.end() if last_cut else 0
    end = len(window.rstrip(" \u3000"))
    if end - clause_start < 2:
        return None  # no room for a noun (，3人)
    stops = [hit for hit in _ENTITY_BEFORE_SPLIT.finditer(window, clause_start) if hit.group("stop")
             and not (hit.group() in _PREDICATES and _NOMINALISER.match(window, hit.end()))]
    possessed = False
    while stops and stops[-1].end() == end and stops[-1].group() in _LINKS:
        possessed = possessed or stops[-1].group() in _POSSESSION_LINKS
        end = stops.pop().start()  # 参赛选手共计260人: the noun stands before 共计
    found = _NOUN_BEFORE.fullmatch(window, stops[-1].end() if stops else clause_start, end)
    noun = found.group("noun") if found else None
    if not noun or not 2 <= len(noun) <= ENTITY_BEFORE_MAX:
        return None
    if possessed and noun[-1] in _OWNER_HEADS and unit in _PEOPLE_COUNTERS:
        return None  # 扫雷大队共有400余人: the body that has the people, not them (上市公司有39家 stays)
    noun_start = start + found.start("noun")
    if unit not in _EVENT_UNITS:
        written = noun
        noun = _noun_before_verb(noun, unit)  # 贫困户|入会5.17万户; 缺席4场, 涉案28件: a verb, no noun
        if len(noun) < 2:
            return None
        if noun != written[:len(noun)]:
            noun_start += len(written) - len(noun)  # 接报|电气火灾警情: the verb led the noun
    if noun in SHARED_RESOURCES.places.forms:
        return None  # 栖霞区6个, 高淳区4个: where the things are, not what they are
    head = noun.rstrip("”’》」』")[-1:]
    if (unit in PERSON_UNITS and head not in PERSON_NOUN_ENDS) or (unit == "次" and head in _SUBJECT_ENDS):
        return None
    return noun, noun_start


_EVENT_UNITS = frozenset(("次", "场次", "人次", "届次", "期次"))
_CLASSIFIER_SET = frozenset(CLASSIFIERS)
_OBJECT_MODIFIER_TAGS = frozenset(("b", "a", "l", "vn"))  # 查扣|非法(b)一日游(l)小(a)广告: the object's modifiers
_CLAUSE_BEFORE_TAGS = frozenset(("d", "ad", "m"))  # ending the words before a number after a noun: a clause (学习|点 is a noun)  # events are counted by verbal nouns (岗位练兵103场次)


def _noun_before_verb(noun: str, unit: str | None) -> str:
    """The words before a number are no noun when they end in a verb (jieba's parts of speech): ``涉案28件``,
    ``处罚258家``, ``民警分两组`` (the noun before the verb is its subject). Only a noun naming what the
    classifier counts stays without its verb: ``贫困户入会5.17万户`` → 贫困户. A verb leading nouns is what
    was done to them and goes: ``接报电气火灾警情33宗`` → 电气火灾警情."""
    tokens = [(pair.word, pair.flag) for pair in pos_tokenizer().lcut(noun)]
    if tokens[-1][1] != "v":
        if len(tokens) > 1 and tokens[0][0] in OBJECT_VERBS and tokens[-1][1][0] == "n" \
                and all(f[0] == "n" or f in _OBJECT_MODIFIER_TAGS for _, f in tokens[1:]):
            return noun[len(tokens[0][0]):]  # 接报|电气火灾警情33宗, 查扣|非法一日游小广告: what was done to the nouns
        if tokens[-1][1] in _CLAUSE_BEFORE_TAGS and len(tokens) > 1 and tokens[0][1][0] == "n" \
                and tokens[-1][0] not in _NOUN_HEADS:
            return ""  # 国家|只分三批, 民警仔细一|数多达20余张: a subject, then an adverb or numeral: no noun counted
        return noun
    while tokens and tokens[-1][1] == "v":
        tokens.pop()
    kept = "".join(word for word, _ in tokens)
    return kept if unit and kept.endswith(unit) else ""


def _not_a_count(text: str, m: re.Match[str], rule: CountRule) -> bool:
    """A match that counts nothing whatever its number reads: time or a proportion after it (3个月,
    5个百分点), a rank or a name (前6名, 四个全面), or, without a classifier, a unit of measure
    (83万吨) or a headline's gap (28951亿 发行进度) where its noun should be."""
    end = m.end()
    return bool(_NOT_COUNTED.match(text, end) or _is_name_or_rank(text, m)
                or (rule.needs_noun_after and (_MEASURE.match(text, end) or text[end:end + 1] in _SPACES)))


_BUILDING_UNITS = frozenset("座栋幢")
_PHONE_DIGITS = 10  # ten digits or more in a row are a telephone number: counts that big are written with 万/亿
_ARTICLE_UNITS = frozenset("条款章项")  # after a title in 《》 a number of these is an article (《消防法》二十八条)
_NUMBERED_UNITS = frozenset("班")  # in a list (5班、6班) classes are named by their numbers
_ROOM_NUMBER = re.compile(r"[0-9０-９]+[号室层楼]")


def _is_name_or_rank(text: str, m: re.Match[str]) -> bool:
    """Ranks (前6名, 前两项, 第一、二名), village groups (双河村3组), lunar days (初五多次), quoted slogans (“四个全面”), numerals
    running on (四位一体, 三个一), 二次 as "secondary", names and idioms (五花八门)."""
    start = m.start()
    previous = text[start - 1] if start else ""
    if previous in _RANK_LAST and _RANK_BEFORE.search(text, max(0, start - 3), start):
        return True
    if previous == "、" and _ORDINAL_LIST.search(text, max(0, start - 16), start):
        return True
    if _group(m, "unit") == "组" and text.endswith(VILLAGE_GROUP_BEFORE, 0, start):
        return True  # 双河村3组: a village group, an address
    if previous == "《":
        return True  # 《10万人选课！》: a title (of a work, or a headline in a list), not a fact
    unit = _group(m, "unit")
    if previous == "》" and unit in _ARTICLE_UNITS:
        return True  # 《中华人民共和国消防法》二十八条规定: an article of the law, not 28 rules
    if unit == "支" and text[m.end():m.end() + 1] == "队" and text[m.end() + 1:m.end() + 2] != "伍":
        return True  # 山西省高速交警四支队: a detachment's name (两支队伍 counts)
    if unit in _NUMBERED_UNITS and (text[m.end():m.end() + 1] == "、" or text[start - 2:start] == unit + "、"):
        return True  # 高一学年5班、6班、11班: classes by their numbers, not a count
    if _group(m, "unit") in _BUILDING_UNITS and _ROOM_NUMBER.match(text, m.end()):
        return True  # 国际商业城一期二座101号: a building in an address
    if previous == "-" and start > 1 and text[start - 2].isascii() and text[start - 2].isalnum():
        return True  # e2-1轮融资: a round's or a model's designation, not a count
    if text[start] in _ARABIC_DIGITS:  # the rest concerns Chinese numerals
        number = _group(m, "num") or ""
        return len(number) >= _PHONE_DIGITS and number.isdigit()  # 13869640555本产品: a telephone number
    if text.endswith(LUNAR_DAY_BEFORE, 0, start):
        return True  # 初五多次: the fifth day of the lunar month, then 多次
    if previous and previous in _QUOTE_OPEN:
        return True
    if unit == "次" and _SESSION.match(text, m.start("unit")) and _TERM.search(text, max(0, start - 13), start):
        return True
    if unit == "次" and _group(m, "num") == "二" and _SECONDARY.match(text, m.start("unit")):
        return True
    following = text[m.end():m.end() + 1]
    if following and following in CHINESE_DIGITS:
        return True
    if text[m.end() + 1:m.end() + 2] == "村" and unit != "个" and not SHARED_RESOURCES.jieba.count(text[m.end():m.end() + 2]):
        return True  # 七间房村: a village named by a numeral and a classifier (三户农村家庭 counts: 农村 is a word)
    left = max(0, start - _NAME_REACH)
    return any(hit.start() < m.end() - left and hit.end() > start - left
               for hit in _NUMERAL_NAME.finditer(text[left:m.end() + _NAME_REACH]))


def extract_counts(text: str, taken: Sequence[tuple[int, int]] = (), *, sentences: Sentences | None = None
                   ) -> list[CountFact]:
    """Counts in ``text`` in text order; none overlaps a span in ``taken`` (dates and money). With the
    text's ``sentences`` each quotes its sentence."""
    if not isinstance(text, str) or not text:
        return []
    numbers = list(_CANDIDATES.finditer(text))
    if not numbers:
        return []  # a third of the texts: no taken spans to sort
    spans = TakenSpans.of(taken)
    facts: list[CountFact] = []
    consumed = 0
    for number in numbers:
        start = number.start()
        if start < consumed or spans.covers(start):
            continue  # read already, or inside a date or an amount (3万元)
        found = _read_at(text, start)
        if found is None:
            continue
        rule, m, before, reading = found
        gap = spans.gap(before[1] if before else m.start(), m.end(), len(text))
        if gap is None:
            continue
        floor, limit = gap
        fact = _attach_noun(text, m, rule, reading, before, max(consumed, floor), limit, sentences)
        if fact is None or _page_counter(text, fact):
            continue
        facts.append(fact)
        consumed = fact.end
    return _inherit_subset_nouns(text, facts)


def _read_at(text: str, start: int) -> tuple[CountRule, re.Match[str], tuple[str, int] | None, Reading] | None:
    """The first rule of :data:`RULES` that reads a count at ``start``, and the word before it;
    None if that is no count whatever its number (3个月, 前6名, 83万吨: see :func:`_not_a_count`)."""
    if not _NUMBER_STARTS.match(text, start):
        return None  # 第二次, 8/20起: every rule starts with this test
    before = None
    if start and text[start - 1] in _BEFORE_ENDS:
        hit = _BEFORE.search(text, max(0, start - _BEFORE_REACH), start)
        if hit:
            before = (hit.group("pre"), hit.start())
    for i, rule in enumerate(RULES):
        m = rule.pattern.match(text, start)
        if not m:
            continue
        dropped = _not_a_count(text, m, rule)
        if dropped and not any(later.pattern.match(text, start) for later in RULES[i + 1:]):
            return None  # no other rule to try: its number need not be read
        # 上 bounds only a bare multiplier (上千名); 线上300人 is not "over 300".
        word = before if before and (before[0] != "上" or not _HAS_DIGIT.search(_group(m, "num") or "x")) else None
        try:
            reading = rule.read(m, word[0] if word else None)
        except (ArithmeticError, ValueError, KeyError) as exc:  # never raise on odd text
            log.debug("%s: cannot read %r: %r", rule.name, m.group(), exc)
            continue
        if reading is not None:
            return None if dropped else (rule, m, word, reading)
        log.debug("%s: %r is not a count", rule.name, m.group())
    return None


class TakenSpans(NamedTuple):
    """Spans (int pairs) already claimed by dates and money, sorted, with the running maximum of their
    ends (a named tuple, like :class:`Reading`: one is made per text, and most texts are short)."""

    starts: tuple[int, ...]
    reach: tuple[int, ...]  # reach[i] = max end of spans 0..i

    @classmethod
    def of(cls, spans: Sequence[tuple[int, int]]) -> "TakenSpans":
        if not spans:
            return cls((), ())
        starts, ends = zip(*sorted(spans))
        return cls(starts, tuple(itertools.accumulate(ends, max)))

    def covers(self, pos: int) -> bool:
        """Whether ``pos`` is inside a taken span (then so is any span around it)."""
        i = bisect.bisect_right(self.starts, pos)
        return i > 0 and self.reach[i - 1] > pos

    def gap(self, start: int, end: int, text_end: int) -> tuple[int, int] | None:
        """The free stretch holding ``start:end``: where the last taken span before it ends (0 if
        none) and where the next one starts (``text_end`` if none); None if a span overlaps it."""
        i = bisect.bisect_left(self.starts, end)
        floor = self.reach[i - 1] if i else 0
        if floor > start:
            return None
        return floor, self.starts[i] if i < len(self.starts) else text_end


def _attach_noun(text: str, m: re.Match[str], rule: CountRule, reading: Reading, before: tuple[str, int] | None,
                 floor: int, limit: int, sentences: Sentences | None) -> CountFact | None:
    """Find the counted noun after, else before, the number; without a classifier, a number needs one after."""
    start = before[1] if before else m.start()
    end = m.end()
    name = rule.name
    led = m.group("led") if m.lastgroup == "led" else None  # the last group of count.noun_led only
    if led:  # 七部门: the noun is the one the number runs into
        after = led, end + len(led)
    elif reading.unit in _PEOPLE_AS_NOUN:  # 260万人受惠: what the people do, not a noun
        after = None
    else:
        after = _noun_after(text, end, limit, reading.unit)
    if after and after[0] and (name != _CJK_MULTIPLIER or _counts_people(after[0], reading)):
        entity, end = after
    elif rule.needs_noun_after:
        return None  # 6.5 万 alone (a noun must follow when there is no classifier)
    else:
        noun = _noun_before(text, start, floor, reading.unit) if after is None else None
        entity = None
        if noun:
            entity, start = noun
            if name == _CLASSIFIED:
                name = NOUN_FIRST
    low, high, approx, unit = reading
    # positional (text, start, end, rule, min, max, unit, entity, approx, sentence): a third cheaper
    return CountFact(text[start:end], start, end, name, low, high, unit, entity, approx, sentence_at(sentences, start))


@functools.cache
def page_counter_words() -> frozenset[str]:
    """data/page_counters.txt: 评论, 阅读, 点赞 … (a packaged list, read once)."""
    lines = (DATA / "page_counters.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


def _page_counter(text: str, fact: CountFact) -> bool:
    """评论9488条, 13104 次 评论, 阅读 13104 次: a page's counter, chrome rather than a fact."""
    words = page_counter_words()
    if fact.entity in words:
        return True
    before = text[max(0, fact.start - 3):fact.start].rstrip(" \u3000:：")
    return any(before.endswith(word) for word in words)


_PEOPLE_BEFORE_ZI = frozenset("".join(_WORDS["people_before_zi"]))


def _counts_people(noun: str, reading: Reading) -> bool:
    """Without a classifier, 万/亿 count people and households (6.5 万职工, 3万粉丝, 160万用户);
    before anything else the number is an amount without its 元 (8万罚金, 2000亿填海项目)."""
    if noun[-1] == "子" and noun[-2:-1] not in _PEOPLE_BEFORE_ZI:
        return False  # 30万车子: 子 ends things too (车子, 房子); 孩子, 男子, 学子 are people
    return noun[-1] in PERSON_NOUN_ENDS and (reading.low or reading.high or 0) <= _PEOPLE_MAX


def _inherit_subset_nouns(text: str, facts: list[CountFact]) -> list[CountFact]:
    """In ``…266家，其中厦门援建210家`` the 210 counts the same noun as the count before it.

    Only a clause opened by 其中, only within one sentence, only with the same classifier.
    """
    if len(facts) < 2:
        return facts  # most texts: no count before another
    out: list[CountFact] = []
    for fact in facts:
        previous = out[-1] if out else None
        if fact.entity is None and previous is not None and previous.entity and previous.unit == fact.unit:
            between = text[previous.end:fact.start]
            clause = _CLAUSE_END.split(between)[-1]
            if clause.startswith(_SUBSET_OPENER) and not _SENTENCE_END.search(between):
                fact = replace(fact, entity=previous.entity, rule=SUBSET)
        out.append(fact)
    return out


def _run(inp: ExtractorInput) -> list[CountFact]:
    return extract_counts(inp.text, inp.spans("date", "money"), sentences=inp.sentences)


EXTRACTOR = Extractor(name="counts", kind="count", rules=RULE_NAMES, run=_run, needs=("date", "money"))
