"""The prefilter of the date rules: which short stretches of a text can hold a date, and which rules
each stretch calls for (speed only: it finds exactly what running every rule on the whole text finds)."""

from __future__ import annotations

import re
from collections import Counter
from re import _constants as _c  # the stdlib's own regex parser: the only exact reading of a pattern
from re import _parser
from types import MappingProxyType
from typing import Mapping

from extractors.dates.patterns import _D
from extractors.dates.rules import RULES


# Speed: rather than running every rule over the whole text, the text is cut into *stretches*:
# maximal runs of the characters any rule can consume (ALPHABET) that hold a key character
# (or four digits). A match never crosses a character outside the alphabet, so running the
# rules whose keys a stretch satisfies, on that stretch, finds what a full scan finds
# (tests/extractors/dates/test_prefilter.py checks the equivalence). The alphabet and the characters
# trimmed off a stretch's edges (below) are read off the rules' patterns by the stdlib's own regex
# parser, so a new rule never needs them edited by hand.


def _consumable(tree) -> list[tuple[int, int]]:
    """(low, high) code point ranges a parsed regex can consume outside lookarounds."""
    out: list[tuple[int, int]] = []
    for op, arg in tree:
        if op is _c.LITERAL:
            out.append((arg, arg))
        elif op is _c.IN:
            if (_c.NEGATE, None) in arg:
                raise ValueError("a date rule consumes a negated class: the prefilter needs a closed alphabet")
            for sub_op, sub_arg in arg:
                if sub_op is _c.LITERAL:
                    out.append((sub_arg, sub_arg))
                elif sub_op is _c.RANGE:
                    out.append(sub_arg)
                else:
                    raise ValueError(f"a date rule consumes a class the prefilter cannot read ({sub_op})")
        elif op in (_c.ASSERT, _c.ASSERT_NOT, _c.AT, _c.GROUPREF):
            continue
        elif op in (_c.SUBPATTERN, _c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
            out += _consumable(arg[-1])
        elif op is _c.BRANCH:
            for branch in arg[1]:
                out += _consumable(branch)
        else:
            raise ValueError(f"a date rule uses {op}: the prefilter cannot read it")
    return out


def _edge_chars(tree, last: bool) -> tuple[set[str], bool]:
    """The characters a match of a parsed regex can begin (or, with ``last``, end) with, and whether
    it can be empty (then what follows it counts too)."""
    chars: set[str] = set()
    for op, arg in (reversed(list(tree)) if last else tree):
        if op in (_c.ASSERT, _c.ASSERT_NOT, _c.AT):
            continue
        if op in (_c.LITERAL, _c.IN):
            return chars | {chr(n) for low, high in _consumable([(op, arg)]) for n in range(low, high + 1)}, False
        if op is _c.SUBPATTERN:
            found, empty = _edge_chars(arg[-1], last)
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
            found, empty = _edge_chars(arg[-1], last)
            empty = empty or arg[0] == 0
        elif op is _c.BRANCH:
            ends = [_edge_chars(branch, last) for branch in arg[1]]
            found, empty = set().union(*(f for f, _ in ends)), any(e for _, e in ends)
        else:
            raise ValueError(f"a date rule has {op} at a match's edge: the prefilter cannot read it")
        chars |= found
        if not empty:
            return chars, False
    return chars, True


def _read_rules() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """What the rules can consume, and the characters of that alphabet no match begins / ends with."""
    alphabet: set[str] = set()
    firsts: set[str] = set()
    lasts: set[str] = set()
    for rule in RULES:
        tree = _parser.parse(rule.pattern.pattern)
        alphabet |= {chr(n) for low, high in _consumable(tree) for n in range(low, high + 1)}
        for last, edge in ((False, firsts), (True, lasts)):
            chars, empty = _edge_chars(tree, last)
            if empty:
                raise ValueError(f"{rule.name} can match nothing: every date rule must consume a character")
            edge |= chars
    return frozenset(alphabet), frozenset(alphabet - firsts), frozenset(alphabet - lasts)


ALPHABET_CHARS, _NEVER_FIRST, _NEVER_LAST = _read_rules()
ALPHABET = "".join(re.escape(char) for char in sorted(ALPHABET_CHARS))  # the inside of a character class
_ARABIC_CHARS = frozenset("0123456789０１２３４５６７８９")
_CHINESE_DIGIT_CHARS = frozenset("〇零○一二三四五六七八九十廿卅两")


_ALTERNATIVES = tuple((i, frozenset(alt), alt[0]) for i, rule in enumerate(RULES) for alt in rule.keys.split())
_STRETCH_KEYS = "".join(sorted({first for _, _, first in _ALTERNATIVES} - {"#", "0"}))
_KEY_CHARS = frozenset().union(*(alt for _, alt, _ in _ALTERNATIVES))
# A stretch starts with an alphabet character not preceded by one; written to begin with that character
# (not a lookaround) so that ``re`` skips everything outside the alphabet without trying a match there.
_STRETCH = re.compile(rf"[{ALPHABET}](?<![{ALPHABET}].)"
                      rf"(?:(?<=[{_STRETCH_KEYS}])|(?<={_D})(?={_D}{{3}})|[{ALPHABET}]*?(?:[{_STRETCH_KEYS}]|{_D}{{4}}))"
                      rf"[{ALPHABET}]*")
_FOUR_DIGITS = re.compile(rf"{_D}{{4}}")
_EIGHT_DIGITS = re.compile(rf"{_D}{{8}}")
_LOOKAHEAD = 2  # the longest lookahead of any rule past the characters it consumes (头条 after 今日)
_SEARCHES = tuple(rule.pattern.search for rule in RULES)
# A character that every match of the rule holds (all its key alternatives name it), or "".
_HELD_BY_EVERY_MATCH = tuple(
    min(frozenset.intersection(*(frozenset(alt) for alt in rule.keys.split())) - set("0〇#§"), default="")
    for rule in RULES)

# Which rules a stretch calls for is worked out on bit masks: each key symbol (a key character, or
# one of the classes 0 〇 # §) is a bit, a stretch holds the bits of its characters, and an
# alternative is satisfied when it holds all of the alternative's bits. The symbols that most date
# stretches of news text hold take the low bits, so that what their alternatives call for is one
# lookup in a table of every combination of them; an alternative with another symbol is filed
# under the least used of those, and looked at only when a stretch holds it.
_COMMON_KEYS = "0〇1#年月日今天（("
_KEY_USE = Counter(char for _, alt, _ in _ALTERNATIVES for char in alt)
_SYMBOLS = (*_COMMON_KEYS, *sorted(_KEY_CHARS - set(_COMMON_KEYS), key=lambda c: (-_KEY_USE[c], c)))
_BIT: Mapping[str, int] = MappingProxyType({symbol: 1 << n for n, symbol in enumerate(_SYMBOLS)})
_COMMON_BITS = (1 << len(_COMMON_KEYS)) - 1
_RARE_BITS = (1 << len(_SYMBOLS)) - 1 - _COMMON_BITS
_ARABIC_BIT = 1 << len(_SYMBOLS)  # not a key: the stretch has an Arabic digit, so maybe four in a row (#)
_CHAR_BITS: Mapping[str, int] = MappingProxyType({
    **{char: _BIT[char] for char in _KEY_CHARS - set("0〇#§")},
    **{char: _BIT.get(char, 0) | _BIT["0"] | _ARABIC_BIT for char in _ARABIC_CHARS},
    **{char: _BIT.get(char, 0) | _BIT["0"] | _BIT["〇"] for char in _CHINESE_DIGIT_CHARS}})
_ALTERNATIVE_BITS = tuple((i, sum(_BIT[char] for char in alt)) for i, alt, _ in _ALTERNATIVES)
_RULES_BY_COMMON_BITS: tuple[tuple[int, ...], ...] = tuple(
    tuple(sorted({i for i, bits in _ALTERNATIVE_BITS if not bits & _RARE_BITS and not bits & ~held}))
    for held in range(_COMMON_BITS + 1))
_ALTERNATIVES_BY_RARE_BIT: Mapping[int, tuple[tuple[int, int], ...]] = MappingProxyType({
    bit: tuple((i, bits) for i, bits in _ALTERNATIVE_BITS if bits & _RARE_BITS and 1 << (bits.bit_length() - 1) == bit)
    for bit in (_BIT[symbol] for symbol in _SYMBOLS[len(_COMMON_KEYS):])})


def _rules_for(piece: str) -> tuple[int, ...]:
    """Indices of the rules whose keys the stretch satisfies, in table order."""
    held = 0
    for char in piece:
        held |= _CHAR_BITS.get(char, 0)
    if held & _ARABIC_BIT and _FOUR_DIGITS.search(piece):
        held |= _BIT["#"] | (_BIT["§"] if _EIGHT_DIGITS.search(piece) else 0)
    rules = _RULES_BY_COMMON_BITS[held & _COMMON_BITS]
    rare = held & _RARE_BITS
    if not rare:
        return rules
    more = set(rules)
    while rare:
        bit = rare & -rare  # the lowest rare bit held
        rare ^= bit
        for i, bits in _ALTERNATIVES_BY_RARE_BIT[bit]:
            if not bits & ~held:
                more.add(i)
    return rules if len(more) == len(rules) else tuple(sorted(more))


# _NEVER_FIRST and _NEVER_LAST (read off the rules above): characters of the alphabet no match begins (or
# ends) with (日, 月 and 年 end dates; 、 and 至 join them), trimmed off a stretch's edges before its rules
# are chosen, so that 。12月 and 日至 call for no rule.


def _stretches(text: str) -> list[tuple[int, int, int, tuple[int, ...]]]:
    """(start, end, limit, rules) of the stretches of a text that some rule may match in.

    The shortest date, 今年 or 3月, has two characters.
    """
    out: list[tuple[int, int, int, tuple[int, ...]]] = []
    size = len(text)
    chosen: dict[str, tuple[int, ...]] = {}  # stretches repeat within a text (今年, 今天)
    for stretch in _STRETCH.finditer(text):
        start, end = stretch.span()
        first, last = start, end
        while first < last and text[first] in _NEVER_FIRST:
            first += 1
        while first < last and text[last - 1] in _NEVER_LAST:
            last -= 1
        if last - first < 2:
            continue
        piece = text[first:last]
        rules = chosen.get(piece)
        if rules is None:
            rules = chosen[piece] = _rules_for(piece)
        if rules:
            out.append((first, last, min(size, end + _LOOKAHEAD), rules))
    return out
