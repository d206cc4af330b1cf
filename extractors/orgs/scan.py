"""One document's organisation mentions: the scan behind :func:`extractors.orgs.extract_orgs`.

:class:`OrgScan` finds the places of a text, then, at every body word (公司, 总工会, 局 …), the left part
that makes it a name: a place, a zone, a town, a resolved abbreviation, or a proper name scanned for
leftwards. Rule names come from :mod:`extractors.orgs.rules`; word lists from
:mod:`extractors.orgs.lexicon`; places from the :class:`~extractors.places.PlaceTable` it is given.
"""

from __future__ import annotations

import bisect
import functools
import logging
import re
from collections import Counter, defaultdict
from typing import Iterable, NamedTuple

from extractors.context import DocumentContext
from extractors.facts import OrgType
from extractors.orgs.candidates import DIGITS as _DIGITS, NUMERALS as _NUMERALS, Candidate as _Candidate
from extractors.orgs.lexicon import _body_pattern, _zone_tails, is_han, jieba_words, org_lexicon, Department
from extractors.orgs.listed import ListedBodies
from extractors.orgs.cues import cue_positions, not_a_name
from extractors.orgs.rules import ABBREVIATION, CUE, MEDIA_TITLE, NAMED, NATIONAL, PLACE, SUB_UNIT, TOWN, ZONE
from extractors.orgs.titles import titled_media
from extractors.orgs.units import unit_after
from extractors.places import PlaceForm, PlaceTable

log = logging.getLogger(__name__)

__all__ = ["OrgScan"]

_LEVEL_SCAN = re.compile(r"[省市区县州旗盟]")
_BARE_LEVELS = "省市区县州"  # 旗 and 盟 alone are ordinary words (红旗, 欧盟)
_TOWN_SUFFIXES = ("街道", "社区", "镇", "乡", "村")  # 安海镇|总工会, 永联村|党委
_NAME_STARTS = frozenset({"中国", "中华", "全国"})  # words beginning national names (中国移动, 中华书局)
_NAME_STARTS_TUPLE = (*sorted(_NAME_STARTS), "国家")
_TITLE_WEIGHT, _SITE_WEIGHT = 3, 2
_MAX_NAME_CORE = 12  # characters of a company/school name between its left edge and its body
_PARENTHESISED = re.compile(r"[（(][\u4e00-\u9fff]{1,6}[）)]$")
_PARENTHESISED_PART = re.compile(r"[（(][^（()）]*[）)]")  # left out of the words that name (华为（中国）)
_UNIT_TYPES = ("school", "other", "media", "social")  # bodies that may be units of a parent, or bare
_CONJUNCTIONS = frozenset("与和及")
_COUNTED = re.compile(r"[0-9０-９]+[所家个座]")  # after a body: a kind counted (学校12所; not …有限公司三家入园企业)
_FREE_SUB_UNIT = re.compile(
    r"[\u4e00-\u9fff]{2}[部处科司办](?=[^\u4e00-\u9fff]|主任|部长|处长|科长|司长|副|负责人|相关|有关|工作人员|干部)"
)


@functools.cache
def _lexicon_word_ends() -> frozenset[str]:
    """The characters a zone, a town or a bare level ends with (see :meth:`OrgScan.__init__`)."""
    return frozenset({zone[-1] for zone in org_lexicon().zones} | {suffix[-1] for suffix in _TOWN_SUFFIXES}
                     | set(_BARE_LEVELS))


# --------------------------------------------------------------------------------------------


# The records made for every match of a scan are named tuples: they are built several times faster
# than frozen dataclasses.
class _PlaceMention(NamedTuple):
    start: int
    end: int
    form: PlaceForm
    weight: int = 1

    @property
    def level_char(self) -> str | None:
        return self.form.level_char


class _Prefix(NamedTuple):
    """The left part of a government-type name: where it starts and the place words to print."""

    start: int
    place: str  # 临夏州, 甘肃省, 青岛高新区, 安海镇
    rule: str
    level_char: str | None = None  # the level the place is written with (总 needs one)


class OrgScan(ListedBodies):
    """What one call of :func:`extract_orgs` knows about its text (no state outlives the call)."""

    def __init__(self, text: str, context: DocumentContext, places: PlaceTable) -> None:
        self.text = text
        self.lexicon = org_lexicon()
        self.table = places
        # 总 abbreviates 总工会 only right after a level word (省总, 柳南区总, 安海镇总, 青岛高新区总), so the
        # many other 总 (总书记, 总统, 总体) need no look at the rules: the characters such a left part ends with.
        self.level_word_ends = places.level_ends | _lexicon_word_ends()
        self.ending: dict[int, _PlaceMention | None] = {}  # place ending at an offset (memo)
        self.variant_end: dict[int, _PlaceMention] = {}  # 繁昌区 written without its city
        self.zone_end: dict[int, tuple[int, str]] = {}
        self.mentions: list[_PlaceMention] = []  # places with a level word, in text order
        self.mention_starts: list[int] = []
        self.site = context.site or ""
        self.currency = context.currency  # the page's region: CNY on the mainland
        self.title_end = 0
        self.last_resolved: dict[str, str] = {}
        self.org_ends: dict[int, _Candidate] = {}  # organisations found so far, by end
        self.body_ends: dict[int, OrgType] = {}  # ends of every named-body word (公司, 大学 …) and its type
        words = jieba_words()
        self.verbs, self.nouns_ending_in_stop = words.verbs, words.nouns_ending_in_stop
        self.words_starting_with_stop = words.words_starting_with_stop
        self._dominance: tuple[dict[str, Counter], Counter] | None = None
        self._scan_places()

    # ---- places ------------------------------------------------------------------------------

    def _scan_places(self) -> None:
        text, zones, zone_tails = self.text, self.lexicon.zones, _zone_tails()
        table, mentions = self.table, self.mentions
        title_end = text.find("\n")
        self.title_end = title_end = len(text) if title_end < 0 else title_end
        for match in _LEVEL_SCAN.finditer(text):
            end = match.end()
            form = table.form_ending_at(text, end, table.lengths)
            if form is not None and len(form.form) == 2 and not self._name_boundary(end - 2):
                form = None  # 嘉义县 is not 义县: a two-character name must start a word
            if form is not None:
                mention = _PlaceMention(end - len(form.form), end, form, _TITLE_WEIGHT if end <= title_end else 1)
                if form.variant and not self._after_parent(mention):
                    self.variant_end[end] = mention  # 南部市场 is not a 南部县 renamed a city
                    continue
                self.ending[end] = mention
                while mentions and mentions[-1].start >= mention.start:
                    mentions.pop()  # 广州 inside 广州市
                mentions.append(mention)
            if match.group() == "区" and (zone_tails is None or text[end - 2:end] in zone_tails):
                zone = next((z for z in zones if text.endswith(z, 0, end)), None)
                if zone is not None:
                    self.zone_end[end] = (end - len(zone), zone)
        self.mention_starts = [m.start for m in mentions]

    def _site_mentions(self) -> list[_PlaceMention]:
        """The places the title names by their stems too, and those in the site's name: what the text
        is about. Only :meth:`_dominant` needs them, and most texts never ask."""
        text, table, site, found = self.text, self.table, self.site, []
        stem_tails = table.stem_lengths
        for pair in self.table.stem_tail.finditer(text, 0, self.title_end):
            end = pair.start() + 2
            if text[end - 2:end] in stem_tails and (mention := self._place_ending_at(end)) is not None:
                found.append(_PlaceMention(-1, -1, mention.form, _TITLE_WEIGHT))
        for end in range(2, len(site) + 1):
            form = table.form_ending_at(site, end, table.lengths)
            if form is not None:
                found.append(_PlaceMention(-1, -1, form, _SITE_WEIGHT))
        return found

    def _after_parent(self, mention: _PlaceMention) -> bool:
        """True when the place is written right after its province or city (芜湖市繁昌区)."""
        parent = self._place_ending_at(mention.start)
        if parent is None:
            return False
        codes = {code for i in mention.form.places for code in self.table.places[i].ancestor_codes[1:]}
        return any(self.table.places[i].code in codes for i in parent.form.places)

    def _place_ending_at(self, end: int) -> _PlaceMention | None:
        """The longest place form ending at ``end`` (level-word forms were found by the scan)."""
        ending = self.ending
        if end in ending:
            return ending[end]
        form = self.table.form_ending_at(self.text, end, self.table.stem_lengths)
        mention = None
        if form is not None and form.level_char is None and (len(form.form) > 2 or self._starts_word(end - 2)):
            mention = _PlaceMention(end - len(form.form), end, form)  # 佛罗里达州 holds no 达州
        ending[end] = mention
        return mention

    def _starts_word(self, pos: int) -> bool:
        """True when a two-character stem may start at ``pos``: a boundary, or right after a date."""
        text = self.text
        return self._name_boundary(pos) or (pos >= 2 and text[pos - 1] in "日月年"
                                            and (text[pos - 2] in _DIGITS or text[pos - 2] in _NUMERALS))

    def _is_province(self, mention: _PlaceMention) -> bool:
        return any(self.table.places[i].level == "province" for i in mention.form.places)

    def _canonical_place(self, mention: _PlaceMention) -> str:
        """The place words a government-type name keeps: as written; a province by its official name;
        a short form by the name it stands for (北市 → 台北市)."""
        if mention.level_char and self._is_province(mention):
            return next(p.name for i in mention.form.places if (p := self.table.places[i]).level == "province")
        return mention.form.alias_of or mention.form.form

    def _chain(self, end: int) -> list[_PlaceMention]:
        """Places written one after another and ending at ``end``, innermost first."""
        chain: list[_PlaceMention] = []
        mention = self._place_ending_at(end) or self.variant_end.get(end)
        while mention is not None and len(chain) < 5:
            chain.append(mention)
            mention = self._place_ending_at(mention.start)
        return chain

    # ---- resolving a bare level word ------------------------------------------------------------

    def _matches_level(self, mention: _PlaceMention, level: str) -> bool:
        if level == "自治区":
            return mention.level_char == "区" and self._is_province(mention)
        return mention.level_char == level

    def _resolve_level(self, level: str, pos: int) -> str | None:
        """The place a bare level word (省, 市, 区, 自治区 …) at ``pos`` stands for."""
        paragraph_start = self.text.rfind("\n", 0, pos) + 1
        index = bisect.bisect_left(self.mention_starts, pos)
        for mention in reversed(self.mentions[:index]):
            if mention.start < paragraph_start:
                break
            if mention.end <= pos and self._matches_level(mention, level):
                return self._canonical_place(mention)
        previous = self.last_resolved.get(_level_key(level))
        return previous if previous is not None else self._dominant(level)

    def _dominant(self, level: str) -> str | None:
        """The place of this level the document is about (mentions weighted; title ×3, site ×2)."""
        if self._dominance is None:
            direct: dict[str, Counter] = defaultdict(Counter)
            ancestors: Counter = Counter()
            for mention in (*self.mentions, *self._site_mentions()):
                if mention.level_char:
                    direct[mention.level_char][mention.form.form] += mention.weight
                    if mention.level_char == "区" and self._is_province(mention):
                        direct["自治区"][mention.form.form] += mention.weight
                for index in mention.form.places:
                    for code in self.table.places[index].ancestor_codes:
                        ancestors[code] += mention.weight
            self._dominance = (direct, ancestors)
        direct, ancestors = self._dominance
        if direct.get(level):
            form = direct[level].most_common(1)[0][0]
            return self._canonical_place(_PlaceMention(0, 0, self.table.forms[form]))
        wanted = {"省": "省", "自治区": "自治区", "市": "市", "州": "自治州"}.get(level)
        if wanted is None:
            return None
        for code, _ in ancestors.most_common():
            place = self.table.by_code.get(code)
            if place is None or not place.name.endswith(wanted) or (level == "州" and place.level != "city"):
                continue
            if level in ("省", "自治区") and place.level != "province":
                continue
            return place.name if place.level == "province" or place.stem == place.name else place.stem + level
        return None

    def _local_dominant(self) -> str | None:
        """The most mentioned district or county, else city: where a zone without a place lies."""
        for level in ("区", "县", "市"):
            if (found := self._dominant(level)) is not None:
                return found
        return None

    # ---- boundaries ---------------------------------------------------------------------------

    def _stop_ends_at(self, pos: int) -> bool:
        text, stops = self.text, self.lexicon.stops
        return pos > 0 and (text[pos - 1] in stops or text[max(0, pos - 2):pos] in stops
                            or text[max(0, pos - 3):pos] in stops)

    def _name_boundary(self, pos: int) -> bool:
        """True when a name may start at ``pos``: text start, punctuation, a stop word, a place or the end
        of a dateline (新华社北京5月7日电|国务院副总理…)."""
        if pos <= 0 or not is_han(self.text[pos - 1]):
            return True
        return self._stop_ends_at(pos) or self._place_ending_at(pos) is not None or self._dateline_ends_at(pos)

    def _verb_ending_at(self, pos: int) -> tuple[int, tuple[str, ...]] | None:
        """The length of the longest of jieba's verbs (2–4 characters) ending at ``pos``, and what may
        follow it in a longer word (互联 → 网, 通 …)."""
        text, verbs = self.text, self.verbs
        for k in (4, 3, 2):
            longer = verbs.get(text[pos - k:pos]) if k <= pos else None
            if longer is not None:
                return k, longer
        return None

    def _verb_ends_at(self, pos: int) -> bool:
        """True when one of jieba's verbs ends at ``pos`` and does not run on into a longer word there
        (击退|台钢雄鹰, 起诉|腾讯; not 互联|通: 互联通)."""
        found = self._verb_ending_at(pos)
        return found is not None and not any(self.text.startswith(rest, pos) for rest in found[1])

    def _dateline_ends_at(self, pos: int) -> bool:
        text = self.text
        return pos >= 3 and text.endswith("日电", 0, pos) and (text[pos - 3] in _DIGITS or text[pos - 3] in _NUMERALS)

    def _short_name(self, end: int, lengths: Iterable[int]) -> int | None:
        """Start of a 2–4 character proper name (a town, a zone) ending at ``end``."""
        text, stops = self.text, self.lexicon.stops
        for k in lengths:
            start = end - k
            if start < 0:
                return None
            name = text[start:end]
            if all(is_han(ch) and ch not in stops and ch not in "省市区县州镇乡村" for ch in name) \
                    and self._name_boundary(start):
                return start
        return None

    # ---- left parts of government-type names (the rules) ------------------------------------------

    def zone_prefix(self, pos: int) -> _Prefix | None:
        found = self.zone_end.get(pos)
        if found is None:
            return None
        zone_start, zone = found
        place = self.place_prefix(zone_start) or self.abbreviation_prefix(zone_start)
        if place is not None:
            return _Prefix(place.start, place.place + zone, ZONE, "区")
        name_start = self._short_name(zone_start, (2, 3, 4))
        if name_start is not None:
            return _Prefix(name_start, self.text[name_start:pos], ZONE, "区")
        if not self._name_boundary(zone_start):
            return None
        earlier = self._earlier_zone_place(zone, zone_start)
        place_words = earlier if earlier is not None else self._local_dominant()
        return _Prefix(zone_start, place_words + zone, ZONE, "区") if place_words else None

    def _earlier_zone_place(self, zone: str, before: int) -> str | None:
        """The place of the nearest earlier mention of the same zone word that names its place."""
        for end in sorted((e for e, (_, z) in self.zone_end.items() if z == zone and e <= before), reverse=True):
            start = self.zone_end[end][0]
            chain = self._chain(start)
            if chain:
                return self._canonical_place(chain[0])
            name_start = self._short_name(start, (2, 3, 4))
            if name_start is not None:
                return self.text[name_start:start]
        return None

    def place_prefix(self, pos: int) -> _Prefix | None:
        chain = self._chain(pos)
        if not chain or chain[0].form.country:
            return None  # a country's bodies are org.country's (美国政府)
        inner = chain[0]
        place = self._canonical_place(inner)
        if inner.level_char:
            self.last_resolved[_level_key(inner.level_char)] = place
        start = chain[-1].start
        for party in ("中国共产党", "中共"):
            if self.text.endswith(party, 0, start):
                start -= len(party)
                break
        return _Prefix(start, place, PLACE, inner.level_char)

    def town_prefix(self, pos: int) -> _Prefix | None:
        text = self.text
        for suffix in _TOWN_SUFFIXES:
            if text.endswith(suffix, 0, pos):
                start = self._short_name(pos - len(suffix), (2, 3))
                return None if start is None else _Prefix(start, text[start:pos], TOWN, suffix[-1])
        return None

    def abbreviation_prefix(self, pos: int) -> _Prefix | None:
        text = self.text
        if text.endswith("自治区", 0, pos):
            level, start = "自治区", pos - 3
        elif pos >= 1 and text[pos - 1] in _BARE_LEVELS:
            level, start = text[pos - 1], pos - 1
        else:
            return None
        if start > 0 and text[start - 1] in self.lexicon.level_words:
            return None  # 全省, 城市, 各县, 社区, 行政区 …
        place = self._resolve_level(level, start)
        if place is None:
            log.debug("no place in the document for the abbreviation at %d (%r)", start, text[start:pos + 4])
            return None
        self.last_resolved[_level_key(level)] = place
        return _Prefix(start, place, ABBREVIATION, _level_key(level))

    # ---- candidates ---------------------------------------------------------------------------

    def _starts_other_word(self, start: int, end: int) -> bool:
        """布局 is not a bureau, 委托 not a committee, 大学生 not a university, 中小学 not a school."""
        text, not_after, not_before = self.text, self.lexicon.not_after, self.lexicon.not_before
        return (text[start:end + 1] in not_after or text[start:end + 2] in not_after
                or text[max(0, end - 2):end] in not_before or text[max(0, end - 3):end] in not_before
                or text[max(0, end - 4):end] in not_before)

    def _street_follows(self, end: int) -> bool:
        """学院路, 桦皮厂胡同, 大学城: the body begins the name of a street or a place."""
        text, words = self.text, self.lexicon.street_words
        return text[end:end + 1] in words or text[end:end + 2] in words

    def _abbreviation_continues(self, end: int) -> bool:
        """After 省总/区总 the next word must not make 总 part of another word (总书记, 总投资)."""
        text, lexicon = self.text, self.lexicon
        if any(text[end:end + k] in lexicon.not_abbrev for k in (1, 2, 3)):
            return False
        return end >= len(text) or not is_han(text[end]) or text[end] in lexicon.abbrev_next

    def government(self, start: int, end: int, body: str, type_: OrgType) -> _Candidate | None:
        text, lexicon = self.text, self.lexicon
        dept: Department | None = None
        left = start
        words = lexicon.departments.get(body, {})
        for k in lexicon.department_lengths.get(body, ()):
            dept = words.get(text[start - k:start]) if k <= start else None
            if dept is not None:
                left = start - k
                break
        if dept is None and body in lexicon.dept_bodies and body not in lexicon.place_bodies:
            return self._free_department(start, end, body, type_)
        if body == "总" and not self._abbreviation_continues(end):
            return None
        for prefix_at in _PREFIXES:
            if (prefix := prefix_at(self, left)) is not None:
                break
        else:  # 长沙市文化旅游|广电局: a listed department word may end a longer unlisted one
            free = self._free_department(start, end, body, type_) if dept is not None or body == "委员会" else None
            return free if free is not None or dept is None or body != "局" else self._earlier_department(left, end, dept.word + body)
        if body == "总" and prefix.level_char is None:
            return None  # 福建总 is not written; 福建省总 and 柳南区总 are
        if dept is None and body == "委员会" and type_ == "party":
            body = "委"  # 中国共产党北京市委员会 is 北京市委
        if prefix.level_char in _COUNTY_LEVELS:  # 芙蓉区法院 is 芙蓉区人民法院
            body = lexicon.county_aliases.get(body, body)
        words = (dept.word if dept else "") + ("总工会" if body == "总" else lexicon.body_aliases.get(body, body))
        place = prefix.place
        if words.endswith("人民法院") and body != words and prefix.level_char is None:
            place = self._official_place(left) or place  # 福州中院 → 福州市中级人民法院
        candidate = _Candidate(prefix.start, end, place + words, dept.type if dept else type_, prefix.rule)
        if words == "委" and (league := self._youth_league_before(prefix.start)):  # 团|市委, 共青团|衡阳市委
            candidate = _Candidate(prefix.start - league, end, "共青团" + place + words, "social", prefix.rule)
        return self._with_sub_unit(candidate, abbreviated=body == "总")

    def _earlier_department(self, start: int, end: int, words: str) -> _Candidate | None:
        """A bureau written bare (环保局表示) after the document named it with its place (彰化县环保局): the nearest
        earlier such organisation, as an abbreviation of it (not a 厅: 由省级教育行政部门、人力资源和社会保障厅制定
        names the provinces' departments in general)."""
        if not self._name_boundary(start):
            return None
        for at in sorted((e for e in self.org_ends if e <= start), reverse=True):
            earlier = self.org_ends[at]
            if earlier.rule in (PLACE, ABBREVIATION) and earlier.name.endswith(words) and len(earlier.name) > len(words):
                return _Candidate(start, end, earlier.name, earlier.type, ABBREVIATION)
        return None

    def _youth_league_before(self, pos: int) -> int:
        """Length of 共青团 or of its short form 团 written right before a committee at ``pos`` (团市委 is the
        Youth League's city committee, not the party's), else 0; not the 团 of 集团, 社团 …"""
        text = self.text
        if text.endswith("共青团", 0, pos):
            return 3
        if pos >= 1 and text[pos - 1] == "团" and (pos < 2 or not is_han(text[pos - 2]) or text[pos - 2:pos] not in self.lexicon.named_bodies
                                                    and text[pos - 2] not in "集社剧乐兵军师旅营连"):
            return 1
        return 0

    def _official_place(self, end: int) -> str | None:
        """The official name of the province or city whose stem ends at ``end`` (福州 → 福州市)."""
        mention = self._place_ending_at(end)
        if mention is None:
            return None
        return next((p.name for i in mention.form.places if (p := self.table.places[i]).level in ("province", "city")), None)

    def _free_department(self, start: int, end: int, body: str, type_: OrgType) -> _Candidate | None:
        """局/厅/委员会 after an explicit place and a short name not in the department list
        (广元市|林草|局, 长沙市|文化旅游广电|局, 山西省|国防科技工业|委员会)."""
        text = self.text
        if body not in ("局", "厅", "委员会"):
            return None
        longest = 8 if body == "委员会" else 6
        for left in range(start - 2, max(-1, start - longest - 1), -1):
            if not is_han(text[left]) or text[left] in self.lexicon.stops or text[left] in "局厅委办部" \
                    or left in self.org_ends:  # 北京市政协|文史委员会 is the 政协's own committee
                return None
            mention = self._place_ending_at(left)
            if mention is not None and mention.level_char:
                prefix = self.place_prefix(left)
                if prefix is None or self._holds_stop(text[left:start], verbs=False):
                    return None  # 市辖区设立|监察委员会 (but 沙坪坝区公安分局 holds no stop: 安分 is a verb)
                return _Candidate(prefix.start, end, prefix.place + text[left:end],
                                  "government" if body == "委员会" else type_, PLACE)
        return None

    def _with_sub_unit(self, candidate: _Candidate, abbreviated: bool) -> _Candidate:
        text, end = self.text, candidate.end
        unit = next((u for u in self.lexicon.sub_units if text.startswith(u, end)), None)
        if unit is None:
            unit = unit_after(text, end, candidate.name)
        if unit is None and not abbreviated and (match := _FREE_SUB_UNIT.match(text, end)) is not None:
            unit = match.group()
        if unit is None:
            return candidate
        return _Candidate(candidate.start, end + len(unit), candidate.name + unit, candidate.type, SUB_UNIT)

    def named(self, start: int, end: int, body: str, type_: OrgType) -> _Candidate | None:
        """A proper name closed by a company/school/media/social body: find its left edge.

        Scanning left from the body: a place (or a chain of places) is taken and ends the name; the
        end of an earlier organisation ends it too (a named parent joins: 中正大学|文学院), and so
        does the end of another body word of its kind (证券公司|短期公司). A stop word, listed or
        one of jieba's verbs, adverbs … ends it; but while what lies between it and the body names
        nothing yet, one listed ``name_stop`` may be passed into the name (华|为|技术, 腾讯|控股,
        中国|联合|网络通信), a one-character one only with one character before it."""
        text, lexicon = self.text, self.lexicon
        pos, chain, longest = start, [], _MAX_NAME_CORE
        passed: str | None = None  # the stop passed into the name
        parent: _Candidate | None = None  # an organisation the name is a part of (中正大学|文学院)
        while pos > 0:
            mention = self._place_ending_at(pos)
            if mention is not None:
                chain.append(mention)
                pos = mention.start
                continue
            if chain:
                break
            earlier = self.org_ends.get(pos)
            if earlier is not None:  # 中铁四局集团|第四工程有限公司, 中科院|高能物理研究所: the parent joins
                if earlier.rule == NATIONAL and earlier.type == type_ == "company" \
                        and (pos < start or body == "集团" or (len(body) >= 4 and body.endswith("公司"))) \
                        and (text[pos:start] in lexicon.name_stops or not self._holds_stop(text[pos:start])):
                    # 中国移动|咪咕公司, 腾讯|控股有限公司: a company of the group, as written; 汇丰|集团 is the group
                    # (中储粮|集团 the group the short form names already: 中国储备粮管理集团有限公司)
                    if pos == start and body == "集团" and "集团" in earlier.name:
                        return earlier._replace(end=end)
                    return _Candidate(earlier.start, end, text[earlier.start:start] + body, type_, NAMED)
                if earlier.rule == NAMED or (earlier.rule == NATIONAL and type_ in _UNIT_TYPES
                                                   and (type_ == "other" or self._names(text[pos:start]))
                                                   and not text.startswith(_NAME_STARTS_TUPLE, pos)):
                    parent = earlier  # not 教育部|中学校长, 工信部|中国电子信息产业发展研究院
                break
            if self.body_ends.get(pos) == type_:
                break  # 证券公司|短期公司, not 中关村上市公司|协会
            if text[pos - 1] in _BARE_LEVELS and not self._names(text[pos:start]) \
                    and self.table.form_ending_at(text, pos, self.table.lengths) is None:
                abbreviated = self._abbreviated_place_name(pos, start, end, body, type_)
                if abbreviated is not None:  # 县|职业技术学校 → 会宁县职业技术学校 (not 国网勉|县|供电公司)
                    return abbreviated
            part = self._name_part_ending_at(pos)
            if part:
                pos -= part
                longest += part if text[pos] in "（(" else 0
                continue
            stop = self._stop_ending_at(pos)
            if stop is not None and passed is not None and len(passed) == 1 \
                    and stop[0] + text[pos] in self.words_starting_with_stop:
                return None  # 资金来|源为|公司: the character before 为 belongs to 来源 (在|同济大学 is a name)
            if stop is not None and type_ in _UNIT_TYPES and stop[0] in _CONJUNCTIONS \
                    and (joined := self._conjoined_start(pos - 1)) is not None:
                pos = joined  # 中山大学地理科学|与|规划学院: one name's two fields
                continue
            if stop is not None:
                word, verb = stop
                core = text[pos:start]
                if passed is not None or verb or word not in lexicon.name_stops or self._names(core) \
                        or (len(core) == 1 and core in lexicon.generic) \
                        or (len(word) == 1 and pos >= 2 and (text[pos - 2:pos] in self.verbs or text[pos - 2] in _NUMERALS)):
                    break  # 勾结|公司, 和|小|公司; 我国共有|特殊教育学校, 三家|公司: 有, 家 belong to a verb or a number
                passed, pos = word, pos - len(word)
                if len(word) == 1:  # 华|为|技术, 日|本|航空: one character more at most
                    longest = min(longest, start - pos + 1)
                continue
            ch = text[pos - 1]
            if ch in "镇乡村" and self._names(text[pos:start]):
                break  # 安海镇|恒安公司: the town is where it is (中车浦镇公司 keeps its 镇)
            if not (is_han(ch) or ("A" <= ch <= "Z") or ("a" <= ch <= "z")) \
                    or (not is_han(ch) and pos >= 2 and text[pos - 2] == "\\"):
                break  # \n瓜子二手车: the letter of an escape written out is no part of a name
            pos -= 1
            if start - pos > longest:
                return None
        if parent is not None:
            return _Candidate(parent.start, end, parent.name + text[parent.end:start] + body, type_, NAMED)
        core = text[chain[0].end if chain else pos:start]
        kept = chain[0] if len(chain) == 1 or (chain and type_ != "company") else None
        left = kept.start if kept else start - len(core)
        if not self._is_name(core, kept, body, type_) or (kept is None and left > 0 and text[left - 1] in _DIGITS):
            return None  # 1.4奈米厂: a number does not start a name
        place = kept.form.form if kept else None
        return _Candidate(left, end, (place or "") + core + body, type_, NAMED, place)

    def _is_name(self, core: str, kept: _PlaceMention | None, body: str, type_: OrgType) -> bool:
        """Whether the words found before a body (and the place kept with them) name something."""
        proper = self._proper_part(core)
        if kept is None and len(proper) < 2:
            return False  # 上小学, 该厂, 促进民营银行: nothing is named
        if core[-1:] and core[-1] in "两几多每各":
            return False  # 友达中科两厂, 几家公司; not 武警三七六医院
        if proper and core.startswith("一", len(proper)) and not core.startswith("一大", len(proper)) \
                and proper[-1] not in _NUMERALS and proper[-1] != "第":
            return False  # 大柳塔镇|一轮胎|厂: "a tyre factory"; not 三一重工, 统一企业集团, 中共一大纪念馆
        if core.endswith(self.lexicon.categories):
            return False  # 无锡市区公办|幼儿园, 北京私立|医院: a kind of school or hospital of a place
        if kept is not None and len(core) == 1 and core in self.lexicon.stops:
            return False  # 在天津|同|公司签订, 北京|和|公司: a place and a function word name nothing
        if not core and type_ not in _UNIT_TYPES:
            return self._place_names_body(kept, body)
        if kept is not None and kept.form.country and not proper:  # a country and a kind only
            if type_ == "company":  # 韩国总公司, 美国生物医药公司; but 法国航空公司
                return len(core) >= 2 and core in self.lexicon.generic
            return len(core + body) >= 4  # 印度学校; but 新加坡工商联合总会
        return True

    def _place_names_body(self, kept: _PlaceMention | None, body: str) -> bool:
        """A city's or county's bank is named by its place alone (宁波银行, 鄞州银行); a province's or a
        country's banks are mostly its banks in general (广东银行机构)."""
        return kept is not None and body in self.lexicon.place_named_bodies and not kept.form.country \
            and not self._is_province(kept)

    def _conjoined_start(self, pos: int) -> int | None:
        """Where an organisation ends before a conjunction at ``pos`` (…科学院地理科学|与|资源研究所),
        when only the words of one field lie between them: the left edge to scan on from."""
        text = self.text
        for left in range(pos - 1, max(-1, pos - 9), -1):
            if left in self.org_ends:
                return pos if not self._holds_stop(text[left:pos]) and pos - left >= 2 else None
            if not is_han(text[left]):
                return None
        return None

    def _abbreviated_place_name(self, pos: int, start: int, end: int, body: str, type_: OrgType) -> _Candidate | None:
        """A bare level word before a descriptive name: 县职业技术学校, 省人民医院, 市第一中学."""
        core = self.text[pos:start]
        if type_ == "company" and not core:
            return None
        prefix = self.abbreviation_prefix(pos)
        if prefix is None:
            return None
        return _Candidate(prefix.start, end, prefix.place + core + body, type_, ABBREVIATION, prefix.place)

    def _name_part_ending_at(self, pos: int) -> int:
        """Length of a part of a name ending at ``pos`` that holds stop characters: a listed name
        word (国家, 美的) or a parenthesised word (成都国际铁路港投资发展|（集团）|有限公司)."""
        text, words = self.text, self.lexicon.name_words
        for k in (4, 3, 2):
            if k <= pos and text[pos - k:pos] in words:
                return k
        if text[pos - 1] in "）)" and (match := _PARENTHESISED.search(text, max(0, pos - 8), pos)) is not None \
                and match.start() > 0 and is_han(text[match.start() - 1]):
            return match.end() - match.start()  # not a byline before the name: （赵毅波）中国投资有限责任公司
        return 0

    def _stop_ending_at(self, pos: int) -> tuple[str, bool] | None:
        """The stop word ending at ``pos`` (longest listed one first) and whether it is one of
        jieba's verbs, adverbs … rather than a listed stop."""
        text, stops = self.text, self.lexicon.stops
        for k in (4, 3, 2, 1):
            if k <= pos and text[pos - k:pos] in stops:
                if k == 1 and text[pos - 2:pos] in self.nouns_ending_in_stop:
                    break  # 第一财经|日报: 经 ends the noun 财经
                return text[pos - k:pos], False
        found = self._verb_ending_at(pos)
        if found is None:
            return None
        k, longer = found
        if self._name_starts_at(pos - 1) or any(self._place_ending_at(i) for i in range(pos - k + 1, pos)) \
                or any(text.startswith(rest, pos) for rest in longer):
            return None  # 记者从|中国移动, 福建|恒安, 互联网: the verb 从中, 建恒, 互联 is not written here
        return text[pos - k:pos], True

    def _name_starts_at(self, pos: int) -> bool:
        """True when a place, a country or a listed name word begins at ``pos`` (中国, 国家, 台北)."""
        text, forms, words = self.text, self.table.forms, self.lexicon.name_words
        return any(text[pos:pos + k] in forms or text[pos:pos + k] in words or text[pos:pos + k] in _NAME_STARTS
                   for k in (2, 3))


    def _names(self, core: str) -> bool:
        return len(self._proper_part(core)) >= 2

    def _proper_part(self, core: str) -> str:
        """The words of a name that name rather than describe: without a parenthesised part and the
        descriptive words at its end (科技, 外贸, 养殖: 华为|技术), nothing when they end in a
        descriptor ending in 型/级/类/式 (研究型, 县级)."""
        generic = self.lexicon.generic
        if "（" in core or "(" in core:
            core = _PARENTHESISED_PART.sub("", core)
        end = len(core)
        while end > 0:
            step = 0
            for k in (4, 3, 2, 1):
                if k <= end and core[end - k:end] in generic:
                    step = k
                    break
            if not step or (step == 1 and end == 2 and (core[0] not in _NUMERALS or core[1] in _NUMERALS)):
                break  # 东电, 三一: a one-character descriptor does not leave one character to name (两大 does)
            end -= step
        return "" if end and core[end - 1] in "型级类式" else core[:end]

    def _holds_stop(self, words: str, verbs: bool = True) -> bool:
        """True when a stop word (or, with ``verbs``, one of jieba's verbs) occurs in ``words``
        (美国|有关|部门 is no ministry)."""
        stops, verb_words = self.lexicon.stops, self.verbs if verbs else {}
        return any(words[i:i + k] in stops or words[i:i + k] in verb_words
                   for i in range(len(words)) for k in (1, 2, 3) if i + k <= len(words))

    def candidates(self) -> list[_Candidate]:
        text, lexicon, org_ends, body_ends = self.text, self.lexicon, self.org_ends, self.body_ends
        found = self.national() + self.country()
        inside_national = bytearray(len(text))  # 1 at the offsets of those found so far
        for c in found:
            inside_national[c.start:c.end] = b"\1" * (c.end - c.start)
            org_ends[c.end] = c
        named_bodies, level_word_ends, starts_other_word = lexicon.named_bodies, self.level_word_ends, self._starts_other_word
        for match in _body_pattern().finditer(text):
            start, end = match.span()
            body = match.group()
            if body == "总" and (start == 0 or text[start - 1] not in level_word_ends):
                continue  # 总书记, 总统: not an abbreviated 总工会 (nor a named body)
            named_type = named_bodies.get(body)
            if named_type is not None:
                body_ends[end] = named_type  # the scan of a later body stops here (left to right)
            if inside_national[start] or starts_other_word(start, end):
                continue
            if named_type is not None:
                if self._street_follows(end) or _COUNTED.match(text, end):
                    continue  # 学院路; 特殊教育学校1所, 成人中心学校12所: a kind, counted
                candidate = self.named(start, end, body, named_type)
                candidate = candidate and self._with_unit(candidate)
            else:
                type_ = lexicon.place_bodies.get(body) or lexicon.dept_bodies[body]
                candidate = self.government(start, end, body, type_)
            if candidate is not None:
                found.append(candidate)
                org_ends[candidate.end] = candidate
        return found + self.cued(found) + self.titled(found)

    def titled(self, found: list[_Candidate]) -> list[_Candidate]:
        """Papers named in title marks where nothing was found (《费加罗报》; 《人民日报》 is national):
        :mod:`extractors.orgs.titles`."""
        return [_Candidate(start, end, name, "media", MEDIA_TITLE) for start, end, name in titled_media(self.text)
                if not any(c.start < end and start < c.end for c in found)]

    def cued(self, found: list[_Candidate]) -> list[_Candidate]:
        """Names closed by a cue instead of a body (通灵珠宝|总裁, THQ|旗下): :mod:`extractors.orgs.cues`."""
        text, cued = self.text, []
        for at, type_ in cue_positions(text):
            if at in self.org_ends or any(c.start < at <= c.end for c in found):
                continue  # 华为公司|董事长: the organisation is found already
            candidate = self.named(at, at, "", type_)
            if candidate is None or candidate.end != at or not_a_name(text[candidate.start:at]) \
                    or any(candidate.start < end < at for end in self.org_ends):
                continue  # 马云|董事长, 和林|董事长; 联想集团…|总裁 is a title of 联想集团
            cued.append(candidate._replace(rule=CUE))
        return cued



_COUNTY_LEVELS = frozenset("区县旗")


# The ways of finding the left part of a government-type name, tried in this order (their rules: zone,
# place, town, abbreviation).
_PREFIXES = (OrgScan.zone_prefix, OrgScan.place_prefix, OrgScan.town_prefix, OrgScan.abbreviation_prefix)


def _level_key(level: str) -> str:
    return "区" if level == "自治区" else level
