"""Which script a page is written in, Traditional → Simplified, pinyin glosses and mojibake.

FACTS.md §1 wants every article in Simplified Chinese, the original script recorded, the
pinyin glosses of mirror sites (``奮進(jìn)``) gone, and unrepairable mojibake counted on the
document instead of passing as good text. The three concerns share one character model
(what a CJK character is, which Latin letters carry pinyin tones), so they live together.

Conversion uses the official OpenCC package (config ``t2s``). Its converters are loaded
lazily, once per process, by a pure loader behind ``functools.cache`` (OpenCC's dictionaries
are immutable, so sharing one converter holds no state between documents).
"""

from __future__ import annotations

import functools
import logging
import re
from collections import Counter
from dataclasses import dataclass, field

import opencc

log = logging.getLogger(__name__)

# CJK ideographs: Extension A, the URO, compatibility ideographs, Extensions B–H.
CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
CJK_CHAR = re.compile(f"[{CJK}]")

# Scripts a document can be found in (Document.script).
HANS, HANT, MIXED, NONE = "hans", "hant", "mixed", "none"

# A document is Traditional when characters that only exist in Traditional (they change
# under t2s) are at least this share of its CJK characters and outnumber the characters
# that only exist in Simplified (they change under s2t) by TRADITIONAL_DOMINANCE to 1.
# A Simplified page quoting a Taiwanese name stays "hans"; a page with both in bulk is "mixed".
TRADITIONAL_MIN_SHARE = 0.01
TRADITIONAL_MIN_CHARS = 3
TRADITIONAL_DOMINANCE = 3.0


# --- pinyin glosses ---------------------------------------------------------------------

# Tone-marked vowels (and the rare marked nasals ń ň ǹ ḿ) of Hanyu Pinyin.
TONE_MARKED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_TONED_SYLLABLE = rf"[a-zü]*[{TONE_MARKED}][a-zü{TONE_MARKED}]*"
# Neutral-tone syllables carry no mark; these are the ones glossed after common characters
# (們 men, 麼 me, 的 de, 了 le, 子 zi …). Other unmarked Latin words in brackets are left alone.
NEUTRAL_SYLLABLES = ("men", "me", "de", "le", "zi", "ne", "ma", "ba", "zhe", "la", "ya", "wa", "na", "ge", "tou", "mo")
_SYLLABLE = rf"(?:{_TONED_SYLLABLE}|(?:{'|'.join(NEUTRAL_SYLLABLES)})(?![a-z]))"

# A gloss: brackets holding pinyin syllables and nothing else, glued to the character before
# them. With a tone mark the character before may be anything but a space (mojibake can eat the
# character: 表?yè)P(yáng)); unmarked syllables count only right after a CJK character.
# ``(记者 陈华)``, ``（含）``, ``(繁工)``, ``(CEO)``, ``(Wángfǔjǐng)`` do not match.
_TONED_GLOSS = rf"(?<=[^\s(（])[(（]{_TONED_SYLLABLE}(?:[ '’-]?{_SYLLABLE})*[)）]"
_NEUTRAL_GLOSS = rf"(?<=[{CJK}])[(（]{_SYLLABLE}(?:[ '’-]?{_SYLLABLE})*[)）]"
PINYIN_GLOSS = re.compile(f"{_TONED_GLOSS}|{_NEUTRAL_GLOSS}")


# Every gloss opens with a bracket and a pinyin letter: a text without one has none (most texts;
# searched in C at once, where the gloss pattern, led by a look-behind, is tried at every character).
GLOSS_OPENING = re.compile(f"[(（][a-zü{TONE_MARKED}]")


def remove_pinyin_glosses(text: str) -> tuple[str, int]:
    """Drop pinyin glosses after characters (``奮進(jìn)`` → ``奮進``); returns the text and how many."""
    if GLOSS_OPENING.search(text) is None:
        return text, 0
    return PINYIN_GLOSS.subn("", text)


# --- script detection and conversion ------------------------------------------------------


@functools.cache
def opencc_converter(config: str) -> opencc.OpenCC:
    """The OpenCC converter for ``config`` ("t2s", "s2t"), loaded once per process.

    A pure loader of OpenCC's immutable dictionaries: cached so that every document does not
    pay for parsing them again, and holding no state between documents.
    """
    return opencc.OpenCC(config)


@dataclass(frozen=True, slots=True)
class ScriptCounts:
    """The script-specific characters of a text; ``cjk`` (all its CJK characters) is counted when asked,
    and ``script`` asks only when the Traditional ones are too few to settle it against the text's length."""

    text: str = field(repr=False)
    traditional: int  # characters that change under t2s: they only exist in Traditional
    simplified: int  # characters that change under s2t (only counted when there are Traditional ones)

    @property
    def cjk(self) -> int:
        return sum(map(len, CJK_RUN.findall(self.text)))

    @property
    def script(self) -> str:
        if not self.traditional:
            return HANS if CJK_CHAR.search(self.text) else NONE
        # trad ≥ max(3, 1 % of the CJK characters); there are no more of them than characters
        trad_enough = self.traditional >= TRADITIONAL_MIN_CHARS and (
            self.traditional >= TRADITIONAL_MIN_SHARE * len(self.text)
            or self.traditional >= TRADITIONAL_MIN_SHARE * self.cjk)
        if not trad_enough:
            return HANS
        if self.traditional >= TRADITIONAL_DOMINANCE * self.simplified:
            return HANT
        return MIXED


# Runs of CJK characters: counted by their lengths, without a string per character.
CJK_RUN = re.compile(f"[{CJK}]+")
# The CJK blocks of ``CJK`` as code point ranges, every character of which OpenCC is asked about once.
CJK_BLOCKS = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x3134F))


# Characters past the BMP (CJK Extensions B–H): rare, so looked for only in a text that has one.
ASTRAL = re.compile("[\U00010000-\U0010ffff]")


@dataclass(frozen=True, slots=True)
class ChangedCharacters:
    """The CJK characters one OpenCC direction changes, as two character classes: ``re`` tests a class
    of BMP characters with a bitmap (C speed), a class that also holds astral ones item by item."""

    bmp: re.Pattern[str]
    astral: re.Pattern[str]

    def count(self, text: str) -> int:
        found = len(self.bmp.findall(text))
        return found + len(self.astral.findall(text)) if ASTRAL.search(text) else found


@dataclass(frozen=True, slots=True)
class ScriptCharacters:
    """``traditional``: the characters t2s changes (they only exist in Traditional); ``simplified``:
    those s2t changes."""

    traditional: ChangedCharacters
    simplified: ChangedCharacters


@functools.cache
def script_characters() -> ScriptCharacters:
    """Ask OpenCC once per process about every CJK character, one a line (as a document's characters
    were asked before: the same answers), and keep those it changes as character classes.

    A pure loader of OpenCC's immutable dictionaries, like ``opencc_converter`` (0.2 s once), so that
    detecting a document's script is a scan in C instead of a Counter and two conversions per document.
    """
    chars = [chr(c) for first, last in CJK_BLOCKS for c in range(first, last + 1)]
    return ScriptCharacters(*(_changed_by(chars, config) for config in ("t2s", "s2t")))


def _changed_by(chars: list[str], config: str) -> ChangedCharacters:
    converted = opencc_converter(config).convert("\n".join(chars)).split("\n")
    if len(converted) != len(chars):  # never seen; be safe rather than misalign
        raise RuntimeError(f"OpenCC {config} changed the number of lines of the CJK blocks")
    changed = [c for c, o in zip(chars, converted) if o != c]
    return ChangedCharacters(re.compile(_char_class([c for c in changed if c < "\U00010000"])),
                             re.compile(_char_class([c for c in changed if c >= "\U00010000"])))


def _char_class(chars: list[str]) -> str:
    """A regex character class of ``chars``, consecutive code points as ranges (``[^\\s\\S]`` when empty)."""
    ranges: list[list[int]] = []
    for c in sorted(map(ord, chars)):
        if ranges and c == ranges[-1][1] + 1:
            ranges[-1][1] = c
        else:
            ranges.append([c, c])
    body = "".join(re.escape(chr(a)) + ("-" + re.escape(chr(b)) if b > a else "") for a, b in ranges)
    return f"[{body}]" if body else "[^\\s\\S]"


def count_script(text: str) -> ScriptCounts:
    """Count the script-specific characters (``script_characters``); Simplified-only ones only when
    there are Traditional ones (they only matter to tell "hant" from "mixed")."""
    chars = script_characters()
    trad = chars.traditional.count(text)
    return ScriptCounts(text, trad, chars.simplified.count(text) if trad else 0)


def detect_script(text: str) -> str:
    """``"hans"``, ``"hant"``, ``"mixed"`` or ``"none"`` (no CJK at all) for a whole document."""
    return count_script(text).script


def to_simplified(text: str) -> str:
    """Traditional → Simplified with OpenCC ``t2s`` (phrase-aware: 頭髮 → 头发, 乾淨 → 干净)."""
    return opencc_converter("t2s").convert(text) if text else text


# --- mojibake ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MojibakeRule:
    """A named kind of broken text; every character a match covers counts as mojibake."""

    name: str
    pattern: re.Pattern[str]


# Latin-1/cp1252 characters that a GBK or UTF-8 page read as Latin-1 turns into. × · ° are
# left out: they appear in real Chinese text (张××, 3×3, 25°C), and so is the no-break space.
_LATIN1_MOJIBAKE_CLASS = "\u0080-\u009f\u00a1-\u00af\u00b1-\u00b6\u00b8-\u00d6\u00d8-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2039\u203a\u20ac\u2122"

# Three or more Latin-1 letters in a row: GBK/UTF-8 bytes read as Latin-1 (ÖÐ¹ú, ä¸­å›½).
LATIN1_RUN = re.compile(f"[{_LATIN1_MOJIBAKE_CLASS}]{{3,}}")

MOJIBAKE_RULES: tuple[MojibakeRule, ...] = (
    # U+FFFD: bytes the decoder could not map.
    MojibakeRule("mojibake.replacement", re.compile("\ufffd+")),
    # Private-use characters: GBK user-defined area or a font hack; no reader can see them.
    MojibakeRule("mojibake.private_use", re.compile("[\ue000-\uf8ff]+")),
    # A half-width '?' wedged into CJK text where an undecodable character was (表?yè)P,
    # 重?zé)s光): the '?' and a broken pinyin gloss glued to it. A '?' before a space, a line
    # end, a closing quote or bracket is an ordinary question mark.
    MojibakeRule(
        "mojibake.question_mark",
        re.compile(rf"(?<=[{CJK}])\?(?:[a-zü{TONE_MARKED}]+\))?(?=[^\s”’\"')）」』\]?!。，,])"),
    ),
    MojibakeRule("mojibake.latin1_run", LATIN1_RUN),
)


def repair_latin1_mojibake(text: str) -> tuple[str, int]:
    """Re-decode Latin-1 runs that are really UTF-8 or GB18030 bytes; returns text and runs repaired.

    A run is replaced only when its bytes decode strictly and give CJK text, so Western
    names (Müller) and genuinely broken bytes are left for ``count_mojibake`` to count.
    """
    repaired = 0

    def fix(match: re.Match[str]) -> str:
        nonlocal repaired
        run = match.group()
        for to_bytes, codec in (("cp1252", "utf-8"), ("latin-1", "utf-8"), ("latin-1", "gb18030")):
            try:
                fixed = run.encode(to_bytes).decode(codec)
            except (UnicodeEncodeError, UnicodeDecodeError):
                continue
            if fixed and len(CJK_CHAR.findall(fixed)) * 2 >= len(fixed):
                repaired += 1
                return fixed
        return run

    return LATIN1_RUN.sub(fix, text), repaired


def count_mojibake(text: str) -> Counter[str]:
    """Characters of unrepairable mojibake in ``text``, by rule name (sum them for the total)."""
    found: Counter[str] = Counter()
    for rule in MOJIBAKE_RULES:
        for m in rule.pattern.finditer(text):
            found[rule.name] += m.end() - m.start()
    return found
