"""The organisation extractor's word lists: data/org_lexicon.tsv, national_orgs.tsv, the countries and
jieba's dictionary, and the patterns built from them (each a pure loader of packaged data, read once)."""

from __future__ import annotations

import functools
import logging
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Mapping

from extractors.facts import OrgType
from extractors.jieba_dictionary import JiebaDictionary
from extractors.places import Country, load_countries
from extractors.wordlists import read_tsv, read_words, skipping_scan_pattern, word_pattern

log = logging.getLogger(__name__)

__all__ = ["OrgLexicon", "Department", "NationalOrg", "JiebaWords", "org_lexicon", "countries", "jieba_words",
           "verb_stops", "national_orgs", "is_han"]

# Parts of speech of jieba's dictionary whose words end a name on their left (verbs, adverbs,
# conjunctions, prepositions, pronouns, time words, classifiers, particles, locatives, idioms):
# 提高|医院, 截至发稿前|公司, 勾结|公司. Numerals other than quantities (三一重工) and set phrases
# (生命科学) are left out.
_VERB_STOP_TAGS = frozenset({"v", "vd", "ad", "d", "c", "p", "r", "t", "q", "u", "y", "f", "i"})
_QUANTITY_STARTS = frozenset("一两几数多每各半")  # numerals of jieba that are quantities (一份, 两家),
_CLASSIFIERS = frozenset("份种批家个些位名项座所只类部次群支条件款届期辆艘架台张")  # not names (三一重工, 中国一重)
_VERB_MIN_COUNT = 20  # rarer dictionary entries are mostly segmentation debris (建恒)


def is_han(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff"


@dataclass(frozen=True, slots=True)
class NationalOrg:
    name: str
    type: OrgType
    strict: bool  # the surface counts only after a word boundary (全总, 中办)
    not_next: str = ""  # characters after which the surface is no mention (美军|事专家, 中国银行|业)
    mainland: bool = False  # the surface names the body only on a mainland page (党中央)
    not_prev: str = ""  # characters before which the surface is no mention (在|白宫: the building)


@dataclass(frozen=True, slots=True)
class Department:
    word: str
    type: OrgType
    bodies: str  # the body words it combines with, concatenated: "局厅委"



@dataclass(frozen=True, slots=True)
class OrgLexicon:
    """The word lists of data/org_lexicon.tsv (see the comments at its top)."""

    place_bodies: dict[str, OrgType]
    dept_bodies: dict[str, OrgType]
    named_bodies: dict[str, OrgType]
    place_named_bodies: frozenset[str]  # a body that names a company after a city or county alone (宁波|银行)
    product_words: tuple[str, ...]  # after a company's brand, a product or service (腾讯|视频, 百度|贴吧)
    departments: dict[str, dict[str, Department]]  # body → department word → department
    department_lengths: dict[str, tuple[int, ...]]  # body → lengths of its department words, longest first
    sub_units: tuple[str, ...]
    zones: tuple[str, ...]
    stops: frozenset[str]
    generic: frozenset[str]
    categories: tuple[str, ...]  # who runs it, ending a description after a place (无锡市区|公办|幼儿园)
    level_words: frozenset[str]
    not_abbrev: frozenset[str]
    abbrev_next: frozenset[str]
    not_after: frozenset[str]
    not_before: frozenset[str]
    name_stops: frozenset[str]
    name_words: frozenset[str]
    street_words: frozenset[str]
    country_bodies: dict[str, OrgType]
    body_aliases: dict[str, str]
    county_aliases: dict[str, str]  # a body's full form after a county-level place (区法院 → 区人民法院)


@functools.cache
def org_lexicon() -> OrgLexicon:
    """The organisation word lists (a packaged table, read once)."""
    by_kind: dict[str, list[list[str]]] = defaultdict(list)
    for row in read_tsv("org_lexicon.tsv"):
        by_kind[row[0]].append(row[1:] + [""] * 3)
    departments: dict[str, list[Department]] = defaultdict(list)
    for word, type_, bodies, *_ in by_kind["department"]:
        dept = Department(word, type_, bodies)  # type: ignore[arg-type]
        for body in ("局", "厅", "委", "办", "部", "工会"):
            if body in bodies:
                departments[body].append(dept)
        if "委" in bodies:  # 卫生健康委 is also written 卫生健康委员会
            departments["委员会"].append(dept)

    def words(kind: str) -> frozenset[str]:
        return frozenset(row[0] for row in by_kind[kind])

    def types(kind: str) -> dict[str, OrgType]:
        return {row[0]: row[1] for row in by_kind[kind]}  # type: ignore[misc]

    return OrgLexicon(
        place_bodies=types("place_body"), dept_bodies=types("dept_body"), named_bodies=types("named_body"),
        place_named_bodies=words("place_named_body"),
        product_words=tuple(sorted(words("product_word"), key=len, reverse=True)),
        departments={body: {d.word: d for d in depts} for body, depts in departments.items()},
        department_lengths={body: tuple(sorted({len(d.word) for d in depts}, reverse=True))
                            for body, depts in departments.items()},
        sub_units=tuple(sorted(words("sub_unit"), key=len, reverse=True)),
        zones=tuple(sorted(words("zone"), key=len, reverse=True)),
        stops=words("stop"), generic=words("generic"), categories=tuple(sorted(words("category"))), level_words=frozenset(read_words("level_words.txt")),
        not_abbrev=words("not_abbrev"), abbrev_next=words("abbrev_next"),
        not_after=words("not_after"), not_before=words("not_before"),
        name_stops=words("name_stop"), name_words=words("name_word"), street_words=words("street_word"),
        country_bodies=types("country_body"), body_aliases=types("body_alias"),  # type: ignore[arg-type]
        county_aliases=types("county_alias"),  # type: ignore[arg-type]
    )



@functools.cache
def countries() -> Mapping[str, Country]:
    """Written form (美国, 美利坚合众国, 美) → country (:func:`extractors.places.load_countries`, read once)."""
    return load_countries()


@dataclass(frozen=True, slots=True)
class JiebaWords:
    """What jieba's dictionary says about where names end (see :func:`jieba_words`)."""

    verbs: dict[str, tuple[str, ...]]  # verb, adverb … → what makes it the start of a longer noun
    nouns_ending_in_stop: frozenset[str]  # 财经, 记者, 供应: the listed one-character stop ends a word
    words_starting_with_stop: frozenset[str]  # 来源, 在于: the listed one-character stop begins a word


def jieba_words(dictionary: JiebaDictionary | None = None) -> JiebaWords:
    """What jieba's dictionary says about where names end, derived once per dictionary (``dictionary``:
    the shared one, :attr:`extractors.protocol.Resources.jieba`, when not given).

    ``verbs``: words of 2–4 characters that end a proper name on its left, the verbs, adverbs,
    conjunctions, pronouns, time words … less the words org_lexicon.tsv says describe or name things
    (控股, 联想); each maps to the characters that make it the start of a longer noun instead
    (互联 + 网 = 互联网: 互联网研究院 is not 互联|网研究院). ``nouns_ending_in_stop``: two-character
    words of other parts of speech whose last character is a listed one-character stop (第一财|经,
    环保志愿|者): there it is no stop. ``words_starting_with_stop``: two-character words beginning
    with one (来源): 资金来源为公司 holds no name 源为公司. All are empty when jieba is not installed."""
    if dictionary is None:
        from extractors.protocol import SHARED_RESOURCES
        dictionary = SHARED_RESOURCES.jieba
    return dictionary.derived(_name_ends)


def _name_ends(dictionary: JiebaDictionary) -> JiebaWords:
    if not dictionary:
        log.debug("jieba's dictionary is not installed: proper names end only at the listed stop words")
        return JiebaWords({}, frozenset(), frozenset())
    lexicon = org_lexicon()
    keep = lexicon.generic | lexicon.name_words
    one_character_stops = {w for w in lexicon.stops if len(w) == 1}
    verbs: set[str] = set()
    nouns: list[str] = []
    ending_in_stop: set[str] = set()
    starting_with_stop: set[str] = set()
    for word, count, tag in dictionary.entries():
        if not (2 <= len(word) <= 4 and count >= _VERB_MIN_COUNT):
            continue
        if len(word) == 2 and word[0] in one_character_stops:
            starting_with_stop.add(word)
        if tag in _VERB_STOP_TAGS or (tag == "m" and word[0] in _QUANTITY_STARTS and word[1] in _CLASSIFIERS):
            if word[0] != "第" and all(map(is_han, word)):
                verbs.add(word)  # and quantities: 一份|头部数据公司, not 三一|重工
        elif len(word) > 2:
            nouns.append(word)
        elif word[1] in one_character_stops and tag not in ("m", "mq"):  # not 多名, 三家
            ending_in_stop.add(word)
    verbs -= keep
    longer: dict[str, set[str]] = defaultdict(set)
    for noun in nouns:
        for k in range(2, len(noun)):
            if noun[:k] in verbs:
                longer[noun[:k]].add(noun[k:])
    return JiebaWords({verb: tuple(longer.get(verb, ())) for verb in verbs}, frozenset(ending_in_stop),
                      frozenset(starting_with_stop))


def verb_stops() -> dict[str, tuple[str, ...]]:
    """jieba's verbs, adverbs … that end a name on its left (:func:`jieba_words`)."""
    return jieba_words().verbs



@functools.cache
def national_orgs() -> dict[str, NationalOrg]:
    """Surface form → national/international body (data/national_orgs.tsv, read once)."""
    table: dict[str, NationalOrg] = {}
    for row in read_tsv("national_orgs.tsv"):
        name, type_, aliases, flags = (row + ["", ""])[:4]
        for surface in (name, *filter(None, aliases.split("|"))):
            flag = {key: value for key, _, value in (f.partition("=") for f in flags.split())}
            table.setdefault(surface, NationalOrg(name, type_, "strict" in flag, flag.get("next", ""),  # type: ignore[arg-type]
                                                  "mainland" in flag, flag.get("prev", "")))
    return table


@functools.cache
def _national_pattern() -> re.Pattern[str]:
    return skipping_scan_pattern(national_orgs().keys())


@functools.cache
def _country_pattern() -> re.Pattern[str]:
    """A foreign country, or a one-character form of one followed by a government word (美政府,
    俄外交部): every such pair is a word of the pattern, so that 日 alone never matches."""
    table, bodies = countries(), org_lexicon().country_bodies
    full = [w for w, c in table.items() if not c.home and len(w) >= 2]
    short = [w + body for w, c in table.items() if not c.home and len(w) == 1 for body in bodies]
    return skipping_scan_pattern([*full, *short])


@functools.cache
def _country_body_pattern() -> re.Pattern[str]:
    """The government words written after a country's name (美国|国务院), longest first."""
    return word_pattern(org_lexicon().country_bodies)


@functools.cache
def _body_pattern() -> re.Pattern[str]:
    """Every body word in one pattern, longest first, so a single scan finds all anchors."""
    lexicon = org_lexicon()
    return word_pattern({*lexicon.place_bodies, *lexicon.dept_bodies, *lexicon.named_bodies})


@functools.cache
def _zone_tails() -> frozenset[str] | None:
    """The last two characters of the zone words (开发区 → 发区): a 区 ending none of them ends no zone.
    None when a zone word is shorter than two characters (then every 区 is looked at)."""
    zones = org_lexicon().zones
    return None if any(len(zone) < 2 for zone in zones) else frozenset(zone[-2:] for zone in zones)

