"""The corpus-level organisation registry: what full company names teach, and the mentions they resolve.

A company written in full anywhere in the database (``北京字节跳动科技有限公司``) teaches two forms that
documents write for it, each a named rule (the rule of the facts it finds):

* ``org.registry.short`` — the **short form**: the full name without its registered legal form (有限公司,
  股份有限公司 … in ``data/org_registry.tsv``), its parenthesised parts and the places written before it:
  ``字节跳动科技``.
* ``org.registry.stem`` — the **brand stem**: the short form cut, one trade word at a time, at its end (the
  organisation lexicon's ``generic`` descriptors and the registry's own: 科技, 电器, 控股 …), the shortest
  such form that may be learned: ``字节跳动``.

Only a full name teaches: a company name closed by a registered legal form. ``XX公司`` and ``XX集团`` alone
teach nothing (面业公司, 安保公司 name a kind of company), nor does a name holding a ``name_stop``
(恶势力犯罪集团, 某公司, XX分公司) or one whose stem still holds 集团 or 公司 (中铁四局集团第四工程有限公司,
a unit of a group; 阿里巴巴集团控股有限公司 is the group and teaches 阿里巴巴).
A form is learned only when it is a name, not a word (:meth:`RegistryWords.allowed`): 2 to 8 characters
of Han script, or 3 or more Latin letters; not a place or a country alone, with or without its level word;
not a descriptor; not in the registry's stoplist (``stem_stop``: 平安, 长城, 华东 …); not a common word of
jieba's dictionary (``COMMON_WORD_COUNT`` or more occurrences, tagged as neither a name nor a place); and
what is left of it without the descriptors and common words at its end must be such a name too (运动器材,
中国银行 are not). A form taught by two organisations (names that differ by more than the places before
them), or that is an organisation's own canonical name, is ambiguous and resolves nothing.

A mention is a learned form found in a document's clean text (:func:`find_mentions`) that overlaps no
organisation the extractors found there, and

* is not part of a longer word: the character before it and its first character, or its last character
  and the one after it, do not form a frequent two-character word of jieba's dictionary (严|格力|度,
  中|华为 are no mentions; 在华为 is: 在 is a function word);
* does not begin another name: no organisation body follows it in the same run of Han characters
  (保利|华南实业有限公司, 联通物联网|产业联盟);
* is not the document's own abbreviation of another organisation (``广东珠江电线电缆有限公司（以下简称“珠江
  电缆”）``, where the registry learned 珠江电缆 from 珠江电缆科技有限公司);
* when it has two characters, the most likely to occur inside other words (万维网, 世茂天成), stands in a
  document that also names the company: by its full name, a longer form, or the form itself right before a
  ``stem_cue`` once (申通表示, 知网回应).

Its fact carries the canonical name and type of the organisation that taught the form.

Everything here is plain data in, data out; :mod:`pipeline.org_registry_store` reads and writes the database.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable, Mapping

from extractors.facts import OrgFact
from extractors.jieba_dictionary import JiebaDictionary, read_entries
from extractors.places import PlaceTable
from extractors.protocol import NamedRule
from extractors.sentences import Sentences
from extractors.wordlists import read_tsv, word_pattern

__all__ = ["RULES", "SHORT", "STEM", "RULE_PREFIX", "LearnedForm", "RegistryWords", "Registry", "learned_forms",
           "find_mentions"]

RULES: tuple[NamedRule, ...] = (
    NamedRule("org.registry.short", "a company's full name less its legal form and places (字节跳动科技)"),
    NamedRule("org.registry.stem", "a company's short form less its trade words (字节跳动)"),
)
SHORT, STEM = (rule.name for rule in RULES)
RULE_PREFIX = "org.registry."

COMMON_WORD_COUNT = 100  # a jieba word this frequent and tagged as no name is a word (服饰, 理想, 百度 n)
BOUNDARY_WORD_COUNT = 50  # two-character words this frequent mark a form as part of a longer word
MIN_FORM, MAX_FORM = 2, 8
_PROPER_TAGS = frozenset({"nz", "nt", "nrt", "nr", "nrfg", "ns", "eng"})  # names (places are checked apart)
# Characters that end a word before a name or begin one after it: 在华为 and 华为的 are mentions.
_FUNCTION_CHARS = frozenset("在和与及同跟对向从被由给将把据为是的了等、称说也都就还又并")
_NAME_CHARS = re.compile(r"[\u4e00-\u9fff]+|[A-Za-z]+")
_PARENTHESISED = re.compile(r"[（(][^（()）]*[）)]")
_BARE_LEVELS = "省市县区州"
_GROUP_BODIES = ("集团", "公司")
# A document's own abbreviation (（以下简称“珠江电缆”）): in that document the form means what it declares.
_DECLARED = re.compile(r"[（(](?:以下简称|下称|简称|以下称)[:：]?[“\"「]?([\u4e00-\u9fffA-Za-z]{2,8})[”\"」]?[）)]")
_HAN_RUN = re.compile(r"[\u4e00-\u9fff]{1,8}")


@dataclass(frozen=True, slots=True)
class LearnedForm:
    """A form a full name teaches: the alias, the organisation's canonical name and type, the rule."""

    alias: str
    name: str
    type: str
    rule: str


@dataclass(frozen=True, slots=True)
class RegistryWords:
    """The word lists the registry decides with (``data/org_registry.tsv``, the organisation lexicon's
    descriptors, the place table, jieba's dictionary); made by :meth:`load`, kept by the caller."""

    legal_forms: tuple[str, ...]  # longest first
    descriptors: tuple[str, ...]  # longest first
    name_stops: frozenset[str]
    stem_stops: frozenset[str]
    stem_cues: tuple[str, ...]
    places: PlaceTable
    common_words: frozenset[str]
    boundary_words: frozenset[str]
    proper_words: frozenset[str]  # jieba's names of 3+ characters (阿里巴巴: not the place 阿里 + 巴巴)
    name_bodies: tuple[str, ...]  # the words that close an organisation's name (公司, 集团, 联盟 …)

    @classmethod
    def load(cls, places: PlaceTable | None = None, jieba: JiebaDictionary | None = None) -> "RegistryWords":
        """``places`` and ``jieba``: the tables the extractors already hold, when given (else read here; jieba's
        dictionary a line at a time, keeping only the words of the three sets)."""
        from extractors.orgs.lexicon import org_lexicon
        from extractors.places import load_places

        rows: dict[str, list[str]] = defaultdict(list)
        for kind, word, *_ in read_tsv("org_registry.tsv"):
            rows[kind].append(word)
        descriptors = {*rows["descriptor"], *(w for w in org_lexicon().generic if len(w) >= 2)}
        common, boundary, proper = _jieba_words(jieba.entries() if jieba is not None else read_entries())
        return cls(
            legal_forms=tuple(sorted(rows["legal_form"], key=len, reverse=True)),
            descriptors=tuple(sorted(descriptors, key=len, reverse=True)),
            name_stops=frozenset(rows["name_stop"]), stem_stops=frozenset(rows["stem_stop"]),
            stem_cues=tuple(rows["stem_cue"]),
            places=places or load_places(), common_words=common, boundary_words=boundary,
            proper_words=proper, name_bodies=(*org_lexicon().named_bodies, *rows["name_body"]))

    def is_place(self, form: str) -> bool:
        """A place or a country alone, with or without its level word (北京, 北京市, 美国)."""
        return form in self.places.forms or form in self.places.countries

    def allowed(self, form: str) -> bool:
        """Whether ``form`` may be learned as a name (see the module's docstring)."""
        if not MIN_FORM <= len(form) <= MAX_FORM or _NAME_CHARS.fullmatch(form) is None:
            return False
        if form.isascii() and len(form) < 3:
            return False
        return self._names(form) and self._names(self._proper_part(form))

    def _names(self, form: str) -> bool:
        return len(form) >= MIN_FORM and not (form in self.stem_stops or form in self.common_words
                                              or self.is_place(form) or form in self.descriptors)

    def _proper_part(self, form: str) -> str:
        """``form`` without the descriptors and common words at its end (运动器材 → 运动, 中国银行 → 中国):
        what is left must name something too."""
        stem = form
        while True:
            cut = next((w for w in self.descriptors if stem.endswith(w) and len(stem) > len(w)), None) \
                or next((stem[-k:] for k in (3, 2) if len(stem) > k and stem[-k:] in self.common_words), None)
            if cut is None:
                return stem
            stem = stem[:-len(cut)]


def _jieba_words(entries: Iterable[tuple[str, int, str]]) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """jieba's common words (not names), its frequent two-character words and its names of three or more
    characters; all empty when jieba is not installed."""
    common, boundary, proper = set(), set(), set()
    for word, count, tag in entries:
        if count >= COMMON_WORD_COUNT and tag not in _PROPER_TAGS:
            common.add(word)
        if len(word) == 2 and count >= BOUNDARY_WORD_COUNT:
            boundary.add(word)
        if len(word) >= 3 and tag in _PROPER_TAGS:
            proper.add(word)
    return frozenset(common), frozenset(boundary), frozenset(proper)


def learned_forms(name: str, org_type: str, words: RegistryWords) -> list[LearnedForm]:
    """The short form and the brand stem a company's full name teaches (see the module's docstring)."""
    if org_type != "company" or any(stop in name for stop in words.name_stops):
        return []
    legal = next((form for form in words.legal_forms if name.endswith(form)), None)
    if legal is None:
        return []
    short = _without_places(_PARENTHESISED.sub("", name[:-len(legal)]), words)
    cuts = _descriptor_cuts(short, words.descriptors)
    if any(body in (cuts[-1] if cuts else short) for body in _GROUP_BODIES):
        return []  # 中铁四局集团第四工程: a unit of a group, not a brand (阿里巴巴集团控股 is the group)
    found: list[LearnedForm] = []
    if words.allowed(short):
        found.append(LearnedForm(short, name, org_type, SHORT))
    stem = next((s for s in reversed(cuts) if words.allowed(s)), None)
    if stem is not None:
        found.append(LearnedForm(stem, name, org_type, STEM))
    return found


def _without_places(core: str, words: RegistryWords) -> str:
    """``core`` without the places written at its start, longest first (北京字节跳动科技 → 字节跳动科技,
    市梁苑环境卫生工程 → 梁苑环境卫生工程); a core that is all place stays as it is, and a place that begins
    a longer name of jieba's dictionary stays (阿里巴巴 is no 阿里 + 巴巴)."""
    start, forms = 0, words.places.forms
    while start < len(core):
        for k in range(min(8, len(core) - start - 1), 1, -1):
            if (form := forms.get(core[start:start + k])) is not None:
                if form.level_char is None and any(core[start:start + n] in words.proper_words
                                                   for n in range(k + 1, min(7, len(core) - start + 1))):
                    return core[start:]  # a bare stem beginning a longer name: 阿里|巴巴
                start += k
                break
        else:
            if core[start] in _BARE_LEVELS and len(core) - start > MIN_FORM:
                start += 1  # a level word standing for a place (市梁苑…)
                continue
            break
    return core[start:]


def _descriptor_cuts(short: str, descriptors: tuple[str, ...]) -> list[str]:
    """The short form cut, one trade word at a time, at its end: 格力电器 → [格力], 中国石油化工 →
    [中国石油, 中国] (the caller takes the shortest that may be learned)."""
    cuts, stem = [], short
    while (cut := next((d for d in descriptors if stem.endswith(d) and len(stem) - len(d) >= MIN_FORM), None)):
        stem = stem[:-len(cut)]
        cuts.append(stem)
    return cuts


@dataclass(frozen=True, slots=True)
class Registry:
    """The unambiguous learned forms: alias → the one form that resolves it."""

    forms: Mapping[str, LearnedForm]

    @classmethod
    def of(cls, learned: Iterable[LearnedForm], known_names: Iterable[str] = ()) -> "Registry":
        """Keep each alias taught by one organisation and that is no organisation's own name. Names that
        differ only by the places before them (深圳华为技术有限公司, 华为技术有限公司) are one organisation:
        the shortest of them resolves the alias."""
        by_alias: dict[str, dict[str, LearnedForm]] = defaultdict(dict)
        for form in learned:
            by_alias[form.alias][form.name] = form
        names = set(known_names)
        forms = {}
        for alias, taught in by_alias.items():
            shortest = min(taught, key=lambda name: (len(name), name))
            if alias not in names and all(name.endswith(shortest) for name in taught):
                forms[alias] = taught[shortest]
        return cls(forms)

    def pattern(self) -> re.Pattern[str] | None:
        return word_pattern(self.forms) if self.forms else None


def find_mentions(text: str, registry: Registry, taken: Iterable[tuple[int, int]], words: RegistryWords,
                  pattern: re.Pattern[str] | None = None, names: Iterable[str] = ()) -> list[OrgFact]:
    """The mentions of learned forms in a clean text outside the spans ``taken`` by organisation facts,
    as facts of the rule that taught each form, in text order (``pattern``: ``registry.pattern()``;
    ``names``: the canonical names of the organisations the extractors found in the text).

    A two-character form counts only in a text that names its company otherwise too: by one of ``names``,
    a longer learned form, or the form itself right before a ``stem_cue`` once (申通表示)."""
    pattern = pattern if pattern is not None else registry.pattern()
    if pattern is None or not text:
        return []
    covered = bytearray(len(text))
    for start, end in taken:
        covered[start:end] = b"\1" * (end - start)
    declared: dict[str, str] = {}  # form → the text before the document's own declaration of it
    for m in _DECLARED.finditer(text):
        declared.setdefault(m.group(1), text[max(0, m.start() - 40):m.start()])
    matches: list[tuple[int, int, LearnedForm]] = []
    pos = 0
    while (match := pattern.search(text, pos)) is not None:
        start, end = match.span()
        pos = start + 1
        if any(covered[start:end]) or _inside_word(text, start, end, words.boundary_words) \
                or _inside_longer_name(text, end, words.name_bodies):
            continue
        form = registry.forms[match.group()]
        if form.alias in declared and not declared[form.alias].endswith(form.name):
            continue  # 广东珠江电线电缆有限公司（以下简称“珠江电缆”）: another company's short name here
        matches.append((start, end, form))
        pos = end
    named = set(names) | {form.name for _, end, form in matches
                          if len(form.alias) > MIN_FORM or text.startswith(words.stem_cues, end)}
    sentences = Sentences.of(text) if matches else None
    return [OrgFact(text=text[start:end], start=start, end=end, rule=form.rule, name=form.name, type=form.type,
                    sentence=sentences.at(start))  # type: ignore[arg-type, union-attr]
            for start, end, form in matches if form.name in named]


def _inside_longer_name(text: str, end: int, bodies: tuple[str, ...]) -> bool:
    """True when an organisation body follows the form within a few characters of the same word
    (保利|华南实业有限公司, 联通物联网|产业联盟): the form begins a longer name the extractors did not find."""
    tail = _HAN_RUN.match(text, end)
    return tail is not None and any(body in tail.group() for body in bodies)


def _inside_word(text: str, start: int, end: int, boundary_words: frozenset[str]) -> bool:
    """True when the form at ``start:end`` is part of a longer word (严|格力|度, 中|华为, IBM in IBMX)."""
    before, after = text[start - 1:start], text[end:end + 1]
    if text[start].isascii():
        return (before.isascii() and before.isalnum()) or (after.isascii() and after.isalnum())
    if before and before not in _FUNCTION_CHARS and before + text[start] in boundary_words:
        return True
    return bool(after) and after not in _FUNCTION_CHARS and text[end - 1] + after in boundary_words
