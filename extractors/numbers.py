"""One parser for every numeral form found in Chinese news, and the regex fragments for them.

Money, counts and dates all need "a number": Arabic (``601,293.11``), full-width
(``１２３``, ``82，225.00``), Chinese (``一千二百``, ``二〇二〇``, ``两``, ``廿``),
financial (``壹佰贰拾``, ``9佰``) and mixed (``1.2万``, ``6.5 万``, ``3千万``). They
embed :data:`NUMBER_PATTERN` in their own rules and hand the matched text to
:func:`parse_number`, so there is a single definition of what a number is.

Parsing runs in tiers, cheapest first, because most numbers in news are plain Arabic:
(1) Arabic digits → ``Decimal``; (2) Arabic digits with one trailing run of multipliers
(``1.5亿``, ``3千万``) → exact ``Decimal`` arithmetic; (3) short Chinese numerals (三,
十五, 两百, 三十五) by table; (4) the rest through cn2an (about 40 µs a call, but rare),
after spelling the characters cn2an does not know (``廿``, ``卅``, ``萬``, a bare ``万``).
No state is kept between calls.

Ranges (``八九十``, ``20-30``, ``5000至1万``) are read by :func:`parse_range`; the words
that make a number approximate (``约``, ``余``, ``近``, ``以上`` …) are in
:data:`APPROX_BEFORE`/:data:`APPROX_AFTER`, :func:`approximation` picks the one that
applies and :func:`bounds` turns a number and its approximation into the ``min``/``max``
pair of FACTS.md §2. :func:`number_scanner` builds the one fast scan the money and
count extractors start from.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

import cn2an

from extractors.facts import Approx
from extractors.wordlists import word_alternation

log = logging.getLogger(__name__)

__all__ = [
    "ARABIC_PATTERN", "CHINESE_DIGITS", "LONGEST_NUMERAL", "MULTIPLIER_RUN", "CHINESE_PATTERN", "MULTIPLIERS", "NUMBER_PATTERN", "QUANTITY_PATTERN", "RANGE_PATTERN",
    "RANGE_SEPARATOR_PATTERN", "ADJACENT_RANGE_PATTERN", "APPROX_BEFORE", "APPROX_AFTER", "APPROX_BEFORE_PATTERN", "APPROX_AFTER_PATTERN", "MAGNITUDE_BEFORE",
    "MAGNITUDE_BEFORE_PATTERN", "alternation",
    "approximation", "bounds", "number_start", "parse_number", "parse_range", "number_scanner",
    "normalise_digits",
]

# --- character classes ------------------------------------------------------------------
_FULLWIDTH = str.maketrans("０１２３４５６７８９．", "0123456789.")
CHINESE_DIGITS = "〇零一二两三四五六七八九壹贰叁肆伍陆柒捌玖兩貳參陸"
_SMALL_UNITS = "十百千拾佰仟廿卅"
_BIG_UNITS = "万亿萬億"
MULTIPLIERS = _SMALL_UNITS + _BIG_UNITS
_MULTIPLIER_VALUE = {
    "十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000,
    "万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000,
}
# Characters cn2an does not read, and their standard spelling.
_CN2AN_SPELLING = str.maketrans({"萬": "万", "億": "亿", "兩": "两", "貳": "贰", "參": "叁", "陸": "陆"})
_TENS = {"廿": "二十", "卅": "三十", "卌": "四十"}

# --- regex fragments (no capturing groups, except the named ones of QUANTITY_PATTERN) ---
# A run of Chinese digits or multipliers is read as at most this many characters
# (一千二百三十四万五千六百七十八亿 is 16): a run of 100,000 万 is no number, and unbounded
# runs next to each other (the numeral, then its multipliers) made every match quadratic in it.
LONGEST_NUMERAL = 24
_RUN = f"{{1,{LONGEST_NUMERAL}}}"  # one to LONGEST_NUMERAL characters of a class
_RUN0 = f"{{0,{LONGEST_NUMERAL}}}"  # none to LONGEST_NUMERAL
MULTIPLIER_RUN = rf"[{MULTIPLIERS}]{_RUN0}"  # the multipliers after a number (3000余万), bounded
_D = "[0-9０-９]"
# Digits with optional thousands separators (a group is exactly three digits, so the
# sentence comma in "达到15，2021年" is not read as one) and an optional decimal part.
ARABIC_PATTERN = rf"{_D}+(?:[,，]{_D}{{3}}(?!{_D}))*(?:[.．]{_D}+)?"
# A Chinese numeral: digits and units, optionally with a decimal part (三点五万).
# 陆 is also "land" (大陆, 着陆): as the financial 6 it never leads a numeral alone.
CHINESE_PATTERN = rf"(?![陆陸](?![{MULTIPLIERS}]))[{CHINESE_DIGITS}{MULTIPLIERS}]{_RUN}(?:点[{CHINESE_DIGITS}]+[{MULTIPLIERS}]{_RUN0})?"
# An Arabic number may carry multipliers after an optional space (6.5 万, 3千万, 12万3千), and
# after 万 the four digits of the rest (51万9000 is 519000; 3万5 is colloquial and left alone).
_WAN_REST = rf"(?:(?<=[万萬]){_D}{{4}}(?![0-9０-９]|[.．]{_D}))"
_ARABIC_WITH_UNITS = rf"{ARABIC_PATTERN}(?:[ \u3000]?[{MULTIPLIERS}]{_RUN}(?:{_D}+[{MULTIPLIERS}]{_RUN})*{_WAN_REST}?)?"
NUMBER_PATTERN = rf"(?:{_ARABIC_WITH_UNITS}|{CHINESE_PATTERN})"
# A number with 余/多 and more multipliers after it (2500多, 十多万, 3000余万): groups num, more, mult.
QUANTITY_PATTERN = rf"(?P<num>{NUMBER_PATTERN})(?:[ \u3000]?(?P<more>余|多))?(?P<mult>[{MULTIPLIERS}]{_RUN0})"
# Two numbers joined by a dash, tilde, 至 or 到 (20-30, 5000至1万, 1—2万).
RANGE_SEPARATOR_PATTERN = r"(?:-{1,2}|[－–~～]|—{1,2}|至|到)"
RANGE_PATTERN = rf"(?:{NUMBER_PATTERN}[ \u3000]?{RANGE_SEPARATOR_PATTERN}[ \u3000]?{NUMBER_PATTERN})"

# Two digits written side by side name a range: 八九十 is 80–90, 三五 is 3–5.
_ADJACENT_PAIRS = ("一二", "一两", "两三", "二三", "三四", "四五", "五六", "六七", "七八", "八九", "三五")
_ADJACENT = re.compile("|".join(_ADJACENT_PAIRS))
# A Chinese numeral holding such a pair (八九十, 三四百, 十七八, 七八千).
ADJACENT_RANGE_PATTERN = rf"[{CHINESE_DIGITS}十百千拾佰仟]*(?:{_ADJACENT.pattern})[{MULTIPLIERS}]*"

_PLAIN_ARABIC = re.compile(r"\d+(?:\.\d+)?", re.ASCII)
_ARABIC_THEN_UNITS = re.compile(rf"(\d+(?:\.\d+)?)[ \u3000]?([{MULTIPLIERS}]+)", re.ASCII)
_THOUSANDS = re.compile(r"(?<=\d)[,，](?=\d{3}(?!\d))")
_VALID = re.compile(rf"[0-9.{CHINESE_DIGITS}{MULTIPLIERS}点 \u3000]+")
_SPLIT_RANGE = re.compile(rf"[ \u3000]?{RANGE_SEPARATOR_PATTERN}[ \u3000]?")
_TRAILING_UNITS = re.compile(rf"[{MULTIPLIERS}]+$")
_RANGE_SPAN_MAX = 10_000  # the high end of a range is at most this many times the low end

# --- approximation words (FACTS.md §2); alternation() puts the longest first ---------------
APPROX_BEFORE: dict[str, Approx] = {
    "大约": "about", "约为": "about", "约合": "about", "约": "about", "大概": "about", "估计": "about",
    "将近": "under", "接近": "under", "近": "under", "不到": "under", "不足": "under", "不超过": "under",
    "最多": "under", "至多": "under", "不多于": "under", "不高于": "under", "少于": "under", "低于": "under",
    "小于": "under",
    "超过": "over", "逾": "over", "超": "over", "至少": "over", "最少": "over", "不少于": "over", "不低于": "over",
    "多于": "over", "高于": "over", "大于": "over",
}
# Before a bare multiplier only: 上万元, 上千人 ("in the tens of thousands").
MAGNITUDE_BEFORE: dict[str, Approx] = {**APPROX_BEFORE, "上": "over"}
APPROX_AFTER: dict[str, Approx] = {
    "余": "over", "多": "over", "以上": "over", "开外": "over",
    "左右": "about", "上下": "about",
    "以下": "under", "以内": "under",
}


def alternation(words: Iterable[str]) -> str:
    """A non-capturing regex matching the longest of ``words`` (so 以上 beats 上), to embed in rules.

    The trie-factored pattern of :func:`extractors.wordlists.word_alternation`: the extractors
    use lists of 50-500 words, and a trie tests one character per step (the first one by groups).
    """
    return f"(?:{word_alternation(words)})"


APPROX_BEFORE_PATTERN = alternation(APPROX_BEFORE)
# 上下 is "about" only where a word does not run on: 300家上下游企业 is upstream and downstream.
APPROX_AFTER_PATTERN = rf"(?!上下[游级班楼车])(?:{alternation(APPROX_AFTER)})"
MAGNITUDE_BEFORE_PATTERN = alternation(MAGNITUDE_BEFORE)


# NUMBER_PATTERN for scanning: only where a run of digits starts (no attempt inside a
# number), and without backtracking over digits, so a scan costs about one attempt per number.
# The scanner consumes the number's first character before this, so this is the rest of the
# number, and what the number tests where it starts is tested in a one-character look-behind
# over that first character.
_SCAN_NUMBER_REST = (
    rf"(?:(?<=(?<![0-9０-９.．]){_D}){_D}*+(?:[,，]{_D}{{3}}(?!{_D}))*+(?:[.．]{_D}++)?"
    rf"(?:[ \u3000]?[{MULTIPLIERS}]{_RUN}(?:{_D}++[{MULTIPLIERS}]{_RUN})*{_WAN_REST}?)?"
    rf"|(?<=(?<![{CHINESE_DIGITS}{MULTIPLIERS}])(?![陆陸](?![{MULTIPLIERS}]))[{CHINESE_DIGITS}{MULTIPLIERS}])"
    rf"[{CHINESE_DIGITS}{MULTIPLIERS}]{_RUN0}(?:点[{CHINESE_DIGITS}]++[{MULTIPLIERS}]{_RUN0})?)")


def number_scanner(followed_by: str, *, preceded_by: Iterable[str] = (), big_multiplier: bool = False,
                   skip: str | None = None) -> re.Pattern[str]:
    """A regex finding the numbers worth a closer look, in one C-speed scan of the text.

    A number qualifies when the regex ``followed_by`` matches right after it (a currency,
    a classifier, a range separator), when ``big_multiplier`` and it ends in 万/亿, or
    when its previous non-blank character ends one of the words ``preceded_by`` (￥, $).
    The regex begins by consuming a character that may start a number, so the regex engine
    skips everything else without trying a match there (a leading lookahead would not let it);
    the extractors then try their rules only at these numbers. Numbers matching the regex
    ``skip`` are passed over (the counts' lone article 一).
    """
    first = re.escape(f"0-9０-９{CHINESE_DIGITS}{MULTIPLIERS}").replace("\\-", "-")
    tests = [rf"(?={followed_by})"]
    if big_multiplier:
        tests.append(rf"(?<=[{_BIG_UNITS}])")
    alternatives = [rf"{_SCAN_NUMBER_REST}(?:{'|'.join(tests)})"]
    before = "".join(sorted({re.escape(w[-1]) for w in preceded_by}))
    if before:
        alternatives.insert(0, rf"(?<=(?:(?<=[{before}])|(?<=[{before}][ \u3000])).){_SCAN_NUMBER_REST}")
    skipped = rf"(?<=(?!{skip}).)" if skip else ""  # tested where the number starts
    return re.compile(rf"[{first}]{skipped}(?:{'|'.join(alternatives)})")


def normalise_digits(text: str) -> str:
    """Full-width digits and point → ASCII; thousands separators (``,`` ``，``) removed."""
    return _THOUSANDS.sub("", text.translate(_FULLWIDTH))


def parse_number(text: str) -> Decimal | None:
    """The value of one numeral (any form above), or None if ``text`` is not exactly one number.

    A bare multiplier is one of it (``万`` → 10000, so ``近万名`` and ``上万元`` work);
    digit-by-digit Chinese (``二〇二〇``) is read as written. Vague forms (``十几``,
    ``几十``, ``数千``) and ranges (``八九十``) are not one number: None.
    """
    if not isinstance(text, str):
        return None
    if text.isascii() and text.isdigit():
        return Decimal(int(text))  # the common case, without the normalising below
    single = _SINGLE_NUMERAL.get(text)
    if single is not None:
        return single  # 三, 两, 万: cn2an would take 50 µs for a bare multiplier
    m = _ARABIC_THEN_UNITS.fullmatch(text)  # 30万, 6.5亿 as written (full-width or 1,200万 take the path below)
    if m:
        return _arabic_then_units(m)
    s = normalise_digits(text.strip())
    if not s:
        return None
    if _PLAIN_ARABIC.fullmatch(s):
        return _tidy(Decimal(s))
    if not _VALID.fullmatch(s):
        return None
    m = _ARABIC_THEN_UNITS.fullmatch(s)
    if m:
        return _arabic_then_units(m)
    return _parse_chinese(s)


def _arabic_then_units(m: re.Match[str]) -> Decimal | None:
    value = Decimal(m.group(1))
    for unit in m.group(2):
        value *= _unit_value(unit)
    return _tidy(value) if value else None


def parse_range(text: str) -> tuple[Decimal, Decimal] | None:
    """The (low, high) of a numeric range, or None if ``text`` is not one.

    Two forms: an explicit separator (``20-30``, ``5000至1万``, ``1—2万`` where the
    left side shares the right side's multiplier when it is smaller than the right
    side's digits), and adjacent Chinese digits (``八九十`` → 80–90, ``三四百``,
    ``十七八`` → 17–18, ``三五``, ``一两``). Ends more than four orders of magnitude apart
    are no range (``2019-20亿`` is a year and an amount).
    """
    if not isinstance(text, str):
        return None
    s = text.strip()
    parts = _SPLIT_RANGE.split(s)
    if len(parts) == 2 and all(parts):
        left, right = parts
        high = parse_number(right)
        low = parse_number(left)
        if low is None or high is None:
            return None
        low = _share_multiplier(left, right, low, high)
        if low > 0 and high > low * _RANGE_SPAN_MAX:
            return None  # 2019-20亿: a year, then an amount; the ends of a range are of one scale
        return (low, high) if low < high else None
    return _adjacent_digit_range(s)


def approximation(before: str | None, inside: str | None, after: str | None) -> Approx:
    """The approximation of a number from the words around it (FACTS.md §2).

    ``inside`` is 余/多 between the number and its unit, ``after`` a word such as 以上 or
    左右, ``before`` one such as 约, 近 or 上 (before a bare multiplier). The words at
    the number are the more specific, so they win: 大约十多欧元 is "over 10".
    """
    if inside:
        return APPROX_AFTER.get(inside, "over")
    if after:
        return APPROX_AFTER[after]
    return MAGNITUDE_BEFORE[before] if before else None


def number_start(excluded_before: str = "") -> str:
    """A regex guard for where a number may start: not inside another number or a code
    (G20, 3.5), nor after a vague word (数十, 几千, 若干), nor after ``excluded_before``."""
    return (rf"(?<![0-9０-９.．A-Za-z{excluded_before}{CHINESE_DIGITS}{MULTIPLIERS}])"
            rf"(?!(?<=[数几若干])[{CHINESE_DIGITS}{MULTIPLIERS}])")


def bounds(value: Decimal, approx: Approx) -> tuple[Decimal | None, Decimal | None]:
    """``min``/``max`` of a single number under its approximation (FACTS.md §2)."""
    if approx == "over":
        return value, None
    if approx == "under":
        return None, value
    return value, value


# --- internals --------------------------------------------------------------------------
def _share_multiplier(left: str, right: str, low: Decimal, high: Decimal) -> Decimal:
    """The low end of ``left-right`` when the left side borrows the right side's multiplier.

    Both ends of a range are of one order of magnitude, so ``1-2万`` is 1万–2万,
    ``3至5千万`` 3千万–5千万 and ``一千到两千万`` 一千万–两千万, but ``5000至1万`` stays 5000.
    The borrowed run is the longest tail of the right side's multipliers that is larger
    than every multiplier the left side already has and keeps the low end below the high.
    """
    units = _TRAILING_UNITS.search(right.strip())
    if not units:
        return low
    own = [_unit_value(u) for u in left if u in MULTIPLIERS]
    run = units.group()
    for i in range(len(run)):
        tail = run[i:]
        if own and max(own) >= min(_unit_value(u) for u in tail):
            continue
        shared = parse_number(left.strip() + tail)
        if shared is not None and shared < high:
            return shared
    return low


def _unit_value(unit: str) -> int:
    return _MULTIPLIER_VALUE.get(unit) or _tens_value(unit)


def _adjacent_digit_range(s: str) -> tuple[Decimal, Decimal] | None:
    """八九十 → (80, 90): read the numeral once with each of the two digits."""
    hits = list(_ADJACENT.finditer(s))
    if len(hits) != 1:
        return None
    m = hits[0]
    before, after = s[m.start() - 1:m.start()], s[m.end():m.end() + 1]
    if (before and before in CHINESE_DIGITS) or (after and after in CHINESE_DIGITS):
        return None  # 一二三 is a list of digits, not a range
    low = _parse_chinese(s[:m.start()] + m.group()[0] + s[m.end():])
    high = _parse_chinese(s[:m.start()] + m.group()[1] + s[m.end():])
    if low is None or high is None or low >= high:
        return None
    return low, high


def _tens_value(unit: str) -> int:
    return {"廿": 20, "卅": 30}.get(unit, 0)


_DIGIT_VALUE = {c: i for i, group in enumerate(("〇零", "一壹", "二两贰兩貳", "三叁參", "四肆", "五伍", "六陆陸", "七柒",
                                                  "八捌", "九玖")) for c in group}
# One character that is a whole number on its own: a digit, or a bare multiplier (万 → 10000).
_SINGLE_NUMERAL = {char: Decimal(value) for char, value in (*_DIGIT_VALUE.items(), *_MULTIPLIER_VALUE.items())}


def _parse_short_chinese(s: str) -> int | None:
    """The common short numerals (三, 十五, 二十, 两百, 三十五) without a cn2an call."""
    digit = _DIGIT_VALUE.get
    if len(s) == 1:
        return digit(s) if s in _DIGIT_VALUE else (10 if s in "十拾" else None)
    if len(s) == 2:
        if s[0] in "十拾" and s[1] in _DIGIT_VALUE:
            return 10 + digit(s[1])
        if s[0] in _DIGIT_VALUE and s[1] in _MULTIPLIER_VALUE and s[0] not in "〇零":
            return digit(s[0]) * _MULTIPLIER_VALUE[s[1]]
    if len(s) == 3 and s[1] in "十拾" and s[0] in _DIGIT_VALUE and s[2] in _DIGIT_VALUE and s[0] not in "〇零":
        return digit(s[0]) * 10 + digit(s[2])
    return None


def _parse_chinese(s: str) -> Decimal | None:
    """Chinese (or mixed) numerals: short ones directly, the rest via cn2an, spelled the way cn2an reads them."""
    short = _parse_short_chinese(s) if len(s) <= 3 else None
    if short is not None:
        return Decimal(short)
    for short, long in _TENS.items():
        s = s.replace(short, long)
    s = s.translate(_CN2AN_SPELLING).replace(" ", "").replace("\u3000", "")
    if s[0] in MULTIPLIERS and s[0] not in "十拾":
        s = "一" + s  # 万 → 一万, 千万 → 一千万
    if "几" in s or "数" in s:
        return None
    if _adjacent_run_with_units(s):
        return None  # 八九十 is a range, not 8990
    decimal_then_units = _DECIMAL_THEN_UNITS.fullmatch(s)
    if decimal_then_units:  # 三点五万: cn2an reads 三点五 but not the 万 after it
        head = _parse_chinese(decimal_then_units.group(1))
        if head is None:
            return None
        for unit in decimal_then_units.group(2):
            head *= _MULTIPLIER_VALUE[unit]
        return _tidy(head)
    try:
        value = cn2an.cn2an(s, "smart")
    except (ValueError, KeyError, IndexError, TypeError) as exc:
        log.debug("not a number: %r (%s)", s, exc)
        return None
    try:
        return _tidy(Decimal(str(value)))
    except InvalidOperation:
        return None


_DIGIT_RUN_THEN_UNIT = re.compile(rf"[{CHINESE_DIGITS}]{{2}}[{MULTIPLIERS}]|[{MULTIPLIERS}][{CHINESE_DIGITS}]{{2}}")
_ZERO = "〇零"
_DECIMAL_THEN_UNITS = re.compile(r"(.+点.+?)([千万亿]+)")


def _adjacent_run_with_units(s: str) -> bool:
    """Two non-zero Chinese digits side by side in a numeral with units (八九十, 十七八)."""
    for m in _DIGIT_RUN_THEN_UNIT.finditer(s):
        if not any(ch in _ZERO for ch in m.group()):
            return True
    return False


def _tidy(value: Decimal) -> Decimal:
    """Integral values without an exponent or trailing ``.0``; others without trailing zeros."""
    if value == value.to_integral_value():
        return Decimal(int(value))
    return value.normalize()
