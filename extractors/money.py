"""Money amounts (FACTS.md §2 money): ``3000万元``, ``2000元以上``, ``八九十元``, ``5000元至1万元``.

One ordered table of rules, :data:`RULES`; each has a regex, matched where a number
starts, and a reader turning the match into ``(min, max, approx)``. A single scan finds
the numbers followed by something an amount needs (a currency, 余/多, a range
separator) or preceded by a currency symbol; at each, the rules are tried in order and
the first that reads an amount wins (so ``5000元至1万元`` is a range before its left
end could be an amount alone), and the scan resumes after it. The currency comes from
a symbol before the number (``￥``, ``HK$``, ``人民币``, ``新台币``) or else the currency
word after it (``新台币 177.1 亿元`` is TWD); a bare ``$`` defers to a word after it. ``per`` comes from words in the clause
before the amount (``人均月收入`` → month, ``每天`` → day, ``每个项目`` → item) or a
``/月`` after it.

Conventions (also in docs/rules-money-counts.md): vague amounts without a number
(``数千元``, ``几十万元``, ``十几块钱``) are not emitted; a bare multiplier needs a word
that bounds it (``上万元`` → min 10000 over, ``近万元`` → max 10000 under); ``块``
is money only when ``钱``, a sub-unit or a clause end follows (``3块金牌`` is a count); a
``(含)`` is read as part of the amount (``50万元(含)以上``); an approximation word at
the number (余, 多, 以上) is more specific than one before it (大约十多欧元 → over 10).
"""

from __future__ import annotations

import functools
import logging
import operator
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from extractors.facts import Approx, MoneyFact, Per
from extractors.numbers import (
    ADJACENT_RANGE_PATTERN, APPROX_AFTER_PATTERN, APPROX_BEFORE_PATTERN, CHINESE_DIGITS, MAGNITUDE_BEFORE_PATTERN, MULTIPLIER_RUN, MULTIPLIERS,
    NUMBER_PATTERN, QUANTITY_PATTERN, RANGE_SEPARATOR_PATTERN, alternation, approximation, bounds,
    number_scanner, number_start, parse_number, parse_range,
)
from extractors.page_currency import HOME_CURRENCY
from extractors.protocol import Extractor, ExtractorInput
from extractors.sentences import Sentences, sentence_at
from extractors.wordlists import DATA, read_tsv, read_words

log = logging.getLogger(__name__)

__all__ = ["extract_money", "RULES", "CURRENCY_WORDS", "CURRENCY_SYMBOLS", "PER_HINTS", "MoneyRule", "EXTRACTOR"]

# --- data: currencies and per-unit hints -------------------------------------------------
# Currencies (data/currencies.tsv: written form, ISO 4217 code, where it is written), read once when this
# module is imported, like the rule table built from them; file order is kept (an alternation's order).
_CURRENCIES = read_tsv("currencies.tsv")
# Currency words written after the number.
CURRENCY_WORDS: dict[str, str] = {word: code for word, code, where in _CURRENCIES if where == "after"}
# Words that are a currency only where a clause ends after them (块 is also "piece", 圆 "round").
CURRENCY_WORDS_AT_CLAUSE_END: dict[str, str] = {
    word: code for word, code, where in _CURRENCIES if where == "after_clause_end"}
# Bare 元 and 块 name no country: they are the page's own currency (FACTS.md §2; CNY, TWD on a
# Taiwanese page, HKD, MOP), decided once per document (extractors.page_currency).
BARE_CURRENCY_WORDS = frozenset({"元", "元整", "圆整", "块钱", "块", "圆"})
# Symbols and words written before the number.
CURRENCY_SYMBOLS: dict[str, str] = {word: code for word, code, where in _CURRENCIES if where == "before"}
# Words in the clause before an amount that say what it is counted per. Ordered by
# precedence: a time unit beats a person (人均月收入 is per month), a person beats an item.
PER_HINTS: tuple[tuple[Per, re.Pattern[str]], ...] = (
    ("day", re.compile(r"日薪|日均|日收入|每天|每日|每晚|一天(?![内来多后前里以])")),
    ("month", re.compile(r"月薪|月均|月收入|月工资|月租|每月|每个月|一个月(?![内来多后前里以])")),
    ("year", re.compile(r"年薪|年均|年收入|年租|年产值|年销售额|年营收|年营业额|年利润|每年|每一年")),
    ("person", re.compile(r"人均|户均|每人|每个?[^，,。；;\d]{0,4}?人(?!民币)|每名|每位|每户|每个家庭")),
    ("item", re.compile(r"每(?:个|件|项|台|套|只|份|张|辆|部|本|株|头|亩|吨|斤|公斤|千克|克|盎司|桶|升|股|平方米|平米|场|次|单"
                        r"|间|笔)")),
)
# 10元/天, 647.81元/吨, 10.05元/股, 8元每小时 (an hour is no Per: not read).
_PER_AFTER = re.compile(r"[ \u3000]?[/／每](天|日|晚|月|年|人|个|件|台|套|只|份|张|辆|部|本|吨|斤|公斤|千克|克|盎司|桶|升|股"
                        r"|平方米|平米|亩|间|次|笔)")
_PER_AFTER_UNIT: dict[str, Per] = {"天": "day", "日": "day", "晚": "day", "月": "month", "年": "year", "人": "person"}
_PER_WINDOW = 16  # characters of the clause before an amount searched for a per hint
_CLAUSE_END = re.compile(r"[，,。；;！!？?：:\n、]")

# --- regex fragments --------------------------------------------------------------------
_SP = r"[ \u3000]?"
_NOT_INSIDE_NUMBER = number_start()


def _currency_pattern(group: str) -> str:
    """The currency word after a number, captured as ``group``.

    元 alone is not 元旦, 元宵, 一元化 …; a currency word may follow it, and then names the
    currency (9000元日币, 5亿元人民币: ``{group}_then``). 块 and 圆 need a clause end, 钱
    or a sub-unit after them (3块金牌 is a count; 十块三毛 is money), or after 千/万 a final
    particle (五六万块了), and 块 is no money after 亿 (集成电路4176亿块 are chips: nobody says 亿块
    for yuan).
    """
    foreign = alternation(word for word in CURRENCY_WORDS if word != "元")
    return (rf"(?:(?P<{group}>{foreign}|元(?![旦宵素件器化朝代曲音首帅老])(?:(?P<{group}_then>{foreign}))?"
            rf"|(?<![亿億]){alternation(CURRENCY_WORDS_AT_CLAUSE_END)}(?=钱|[0-9一二两三四五六七八九][角毛]|[，,。；;！!？?、（(）)”\s]|$)"
            rf"|(?<=[千万仟萬])块(?=[了啊呀呢吧])))")


_CURRENCY = _currency_pattern("cur")
_SUBUNITS = r"(?:(?P<jiao>[0-9一二两三四五六七八九])[角毛](?:(?P<fen>[0-9一二三四五六七八九])分(?!钟))?钱?)?"
_INCLUSIVE = r"(?:[（(]含[）)])?"
_POST = rf"(?:{_INCLUSIVE}(?P<post>{APPROX_AFTER_PATTERN}))?"
_MORE = rf"(?:{_SP}(?P<more>余|多))?"
# What may stand before the number: an approximation word, a currency symbol, and an
# approximation word again (约合人民币20亿元, 折合人民币约5000万元).
_BEFORE = re.compile(rf"(?:(?P<pre>{MAGNITUDE_BEFORE_PATTERN}){_SP})?(?:(?P<sym>{alternation(CURRENCY_SYMBOLS)}){_SP})?"
                     rf"(?:(?P<pre_at>{MAGNITUDE_BEFORE_PATTERN}){_SP})?\Z")
# Symbols that only say "dollar": with a currency word after the number (台湾 $50元), the word names it.
_GENERIC_SYMBOLS = frozenset({"$", "＄"})
# A minus sign before an amount (净利润-3.2亿元), not a dash after a number or a code (2019-20亿元).
_MINUS = frozenset("-－−")
_NOT_BEFORE_MINUS = re.compile(r"[0-9０-９A-Za-z)）\]%％~～]")
_BEFORE_REACH = 8
# Numbers followed by an amount's tail (余/多, multipliers, a currency), a range or (含), or
# preceded by a currency symbol.
_CANDIDATES = number_scanner(
    rf"{_SP}(?:余|多)?{MULTIPLIER_RUN}{_SP}(?:{alternation(CURRENCY_WORDS)}|{alternation(CURRENCY_WORDS_AT_CLAUSE_END)})"
    rf"|{_SP}{RANGE_SEPARATOR_PATTERN}|[（(]含", preceded_by=CURRENCY_SYMBOLS)
_HAS_DIGIT = re.compile(rf"[0-9０-９{CHINESE_DIGITS}]")
_ARABIC_DIGIT = re.compile(r"[0-9０-９]")

Reading = tuple[Decimal | None, Decimal | None, Approx]


@dataclass(frozen=True, slots=True)
class MoneyRule:
    """A named pattern, matched where a number starts, and its reader.

    ``read(match, before)`` gets the approximation word before the number (or None) and
    returns ``(min, max, approx)``, or None when the match is not an amount after all.
    ``needs`` names what must stand before the number: ``"symbol"`` (￥, HK$) or
    ``"magnitude"`` (上, 近 … before a bare 万).
    """

    name: str
    pattern: re.Pattern[str]
    read: Callable[[re.Match[str], str | None], Reading | None]
    needs: str | None = None
    takes_approx_word: bool = True


def _approx_of(m: re.Match[str], before: str | None) -> Approx:
    groups = m.groupdict()
    return approximation(before, groups.get("more"), groups.get("post"))


def _amount(m: re.Match[str]) -> Decimal | None:
    """The number with its multiplier and 角/分 sub-units (``123元1角1分`` → 123.11)."""
    value = parse_number(m.group("num") + (m.groupdict().get("mult") or ""))
    if value is None:
        return None
    jiao, fen = m.groupdict().get("jiao"), m.groupdict().get("fen")
    if jiao:
        value += (parse_number(jiao) or 0) / Decimal(10)
    if fen:
        value += (parse_number(fen) or 0) / Decimal(100)
    return value


def _read_single(m: re.Match[str], before: str | None) -> Reading | None:
    """One amount. A bare multiplier (万元, 百万元) is vague unless 十 leads it (十万元) or 余/多 bound it;
    a Chinese zero is a slogan (零元购), not an amount."""
    number = m.group("num")
    if not _HAS_DIGIT.search(number) and not number.startswith(("十", "拾")) and not m.groupdict().get("more"):
        return None  # 万元 is vague; 十万元 and 万余元 are amounts
    value = _amount(m)
    if value is None or (value == 0 and not _ARABIC_DIGIT.search(number)):
        return None
    approx = _approx_of(m, before)
    low, high = bounds(value, approx)
    return low, high, approx


def _read_magnitude(m: re.Match[str], before: str | None) -> Reading | None:
    """上万元, 近千万元: a bare multiplier bounded by the word before it."""
    value = parse_number(m.group("num"))
    if value is None or before is None:
        return None
    approx = _approx_of(m, before)
    low, high = bounds(value, approx)
    return low, high, approx


def _read_range(m: re.Match[str], before: str | None) -> Reading | None:
    found = parse_range(f"{m.group('lo')}-{m.group('hi')}")
    return (found[0], found[1], "range") if found else None


def _read_cjk_range(m: re.Match[str], before: str | None) -> Reading | None:
    found = parse_range(m.group("num"))
    return (found[0], found[1], "range") if found else None


RULES: tuple[MoneyRule, ...] = (
    MoneyRule("money.range", re.compile(
        rf"{_NOT_INSIDE_NUMBER}(?P<lo>{NUMBER_PATTERN}){_SP}(?:{_currency_pattern('cur1')})?{_INCLUSIVE}{_SP}"
        rf"{RANGE_SEPARATOR_PATTERN}{_SP}(?P<hi>{NUMBER_PATTERN}){_SP}{_CURRENCY}"
    ), _read_range, takes_approx_word=False),
    MoneyRule("money.cjk_range", re.compile(
        rf"{_NOT_INSIDE_NUMBER}(?P<num>{ADJACENT_RANGE_PATTERN})(?:余|多)?{_SP}{_CURRENCY}"
    ), _read_cjk_range, takes_approx_word=False),
    MoneyRule("money.symbol", re.compile(
        rf"{_NOT_INSIDE_NUMBER}{QUANTITY_PATTERN}(?![0-9０-９]|{_SP}位)(?:{_SP}{_CURRENCY})?{_POST}"
    ), _read_single, needs="symbol"),  # not 人民币两位数: a number of digits
    MoneyRule("money.magnitude", re.compile(
        rf"(?P<num>[{MULTIPLIERS}]+){_MORE}{_SP}{_CURRENCY}"
    ), _read_magnitude, needs="magnitude"),
    MoneyRule("money.cjk_multiplier", re.compile(
        rf"{_NOT_INSIDE_NUMBER}{QUANTITY_PATTERN}(?<=[{MULTIPLIERS}])"
        rf"{_SP}{_CURRENCY}{_SUBUNITS}{_POST}"
    ), _read_single),
    MoneyRule("money.amount", re.compile(
        rf"{_NOT_INSIDE_NUMBER}{QUANTITY_PATTERN}{_SP}{_CURRENCY}{_SUBUNITS}{_POST}"
    ), _read_single),
)


def _currency(m: re.Match[str], symbol: str | None, home: str) -> str:
    """ISO code: the symbol before the number, else the (last) currency word after it; bare 元 and
    块 are the page's own currency ``home``.

    A bare ``$`` only says "dollar": a currency word after the number names the currency.
    """
    groups = m.groupdict()
    if symbol and not (symbol in _GENERIC_SYMBOLS and groups.get("cur")):
        return CURRENCY_SYMBOLS[symbol]
    for key in ("cur_then", "cur", "cur1_then", "cur1"):
        word = groups.get(key)
        if word:
            if word in BARE_CURRENCY_WORDS:
                return home
            return CURRENCY_WORDS.get(word) or CURRENCY_WORDS_AT_CLAUSE_END[word]
    return home


def _per(text: str, start: int, end: int, floor: int) -> Per:
    """What the amount is counted per, from the clause before it (or ``/月`` right after)."""
    after = _PER_AFTER.match(text, end)
    if after:
        return _PER_AFTER_UNIT.get(after.group(1), "item")
    window = text[max(floor, start - _PER_WINDOW):start]
    cut = None
    for cut in _CLAUSE_END.finditer(window):
        pass
    if cut is not None:
        window = window[cut.end():]
    for per, pattern in PER_HINTS:
        if pattern.search(window):
            return per
    return None


def _read_at(text: str, number: re.Match[str], floor: int, sentences: Sentences | None,
             home: str = HOME_CURRENCY) -> MoneyFact | None:
    """The first rule of :data:`RULES` that reads an amount at this number, with what stands before it
    and what it is counted per (the clause before it, not before ``floor``)."""
    before = _BEFORE.search(text, max(0, number.start() - _BEFORE_REACH), number.start())
    sym = before.group("sym")
    pre_group = "pre_at" if before.group("pre_at") else "pre"
    pre = before.group(pre_group)
    for rule in RULES:
        if (rule.needs == "symbol" and not sym) or (rule.needs == "magnitude" and not pre):
            continue
        m = rule.pattern.match(text, number.start())
        if not m:
            continue
        # 上 bounds only a bare multiplier (上万元); a range carries its own approximation.
        word = pre if rule.takes_approx_word and (pre != "上" or rule.needs == "magnitude") else None
        try:
            reading = rule.read(m, word)
        except (ArithmeticError, ValueError, KeyError) as exc:  # never raise on odd text
            log.debug("%s: cannot read %r: %r", rule.name, m.group(), exc)
            continue
        if reading is None:
            log.debug("%s: %r is not an amount", rule.name, m.group())
            continue
        shown = [group for group in ("sym", pre_group) if before.group(group) and (group == "sym" or word)]
        start = min((before.start(group) for group in shown), default=m.start())
        low, high, approx = reading
        if not shown and approx in (None, "about") and _negative(text, start):
            start, low, high = start - 1, -low, -high
        return MoneyFact(text=text[start:m.end()], start=start, end=m.end(), rule=rule.name, min=low, max=high,
                         currency=_currency(m, sym, home), approx=approx, per=_per(text, start, m.end(), floor),
                         sentence=sentence_at(sentences, start))
    return None


def _negative(text: str, start: int) -> bool:
    """A minus sign right before the amount that is not a dash after a number (净亏损为-3.2亿元)."""
    return (start > 0 and text[start - 1] in _MINUS
            and (start == 1 or not _NOT_BEFORE_MINUS.match(text, start - 2)))


def extract_money(text: str, *, sentences: Sentences | None = None, currency: str = HOME_CURRENCY) -> list[MoneyFact]:
    """Money amounts in ``text``, in text order, each with the rule that read it (and its sentence
    when given the text's ``sentences``); ``currency`` is the page's own (what bare 元 means)."""
    if not isinstance(text, str) or not text:
        return []
    facts: list[MoneyFact] = []
    consumed = 0
    for number in _CANDIDATES.finditer(text):
        if number.start() < consumed:
            continue
        fact = _read_at(text, number, consumed, sentences, currency)
        if fact is None:
            continue
        facts.append(fact)
        consumed = fact.end
    implied = implied_amounts(text, facts, sentences, currency)
    return sorted(facts + implied, key=_START) if implied else facts


# --- amounts without a currency word (money.implied) -------------------------------------------

_START = operator.attrgetter("start")
_IMPLIED_GAP = 6  # characters between the money word and the number (索赔|金额达|116万)


@functools.cache
def _implied_pattern() -> re.Pattern[str]:
    """A money word (data/money_cues.txt), a short gap inside the clause, then a number ending in 万 or
    亿 that nothing counted follows: punctuation, 的 or a word that begins the next phrase
    (data/money_after.txt: 拨款3亿|用于) (还债30万, 索赔116万元 is money.amount already, 投入3万人 is a count);
    also the spoken 亏损两个多亿, 融资3个亿."""
    cues = alternation(line.strip() for line in (DATA / "money_cues.txt").read_text(encoding="utf-8").splitlines()
                       if line.strip() and not line.startswith("#"))
    after = alternation(read_words("money_after.txt"))
    return re.compile(
        rf"(?:{cues})(?P<gap>[^，,。；;！!？?：:\n、0-9０-９]{{0,{_IMPLIED_GAP}}}?)(?P<pre>{APPROX_BEFORE_PATTERN})?"
        rf"{_NOT_INSIDE_NUMBER}"
        rf"(?:(?P<num>{NUMBER_PATTERN})(?<=[万亿萬億])(?:[ \u3000]?(?P<more>余|多))?(?P<mult>[万亿萬億]*)"
        rf"|(?P<ge>[0-9０-９]{{1,4}}|[一二两三四五六七八九十几]{{1,3}})个(?P<ge_more>多)?(?P<ge_mult>[亿億]))"
        rf"(?P<post>左右|以上|以下)?(?=[，,。；;！!？?：:、）)”\"\s]|的|{after}|$)")


def implied_amounts(text: str, found: list[MoneyFact], sentences: Sentences | None, home: str) -> list[MoneyFact]:
    """Amounts without a currency word whose clause makes them money, in the page's currency."""
    if not any(ch in text for ch in "万亿萬億"):
        return []
    taken = [(f.start, f.end) for f in found]
    out: list[MoneyFact] = []
    for m in _implied_pattern().finditer(text):
        number = m.group("num") or m.group("ge")  # 116万, or the spoken 两个亿 (a number, 个, 亿)
        start, end = m.start("pre") if m.group("pre") else m.start("num" if m.group("num") else "ge"), m.end()
        if any(s < end and start < e for s, e in taken) or not _HAS_DIGIT.search(number) or "几" in number:
            continue  # 过亿, 赔偿百万, 几个亿: vague
        value = parse_number(number + (m.group("mult") or m.group("ge_mult") or ""))
        if value is None or value <= 0:
            continue
        approx = approximation(m.group("pre"), m.group("more") or m.group("ge_more"), m.group("post"))
        low, high = bounds(value, approx)
        out.append(MoneyFact(text=text[start:end], start=start, end=end, rule="money.implied", min=low, max=high,
                             currency=home, approx=approx, per=_per(text, start, end, 0),
                             sentence=sentence_at(sentences, start)))
    return out


def _run(inp: ExtractorInput) -> list[MoneyFact]:
    return extract_money(inp.text, sentences=inp.sentences, currency=inp.context.currency)


EXTRACTOR = Extractor(name="money", kind="money", rules=(*(rule.name for rule in RULES), "money.implied"), run=_run)
