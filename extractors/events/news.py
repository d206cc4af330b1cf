"""The main event of any news report (FACTS.md §3): what the title or lead reports, whatever its family.

The event phrases of civic life (competitions, meetings, campaigns …) are found with their
predicates by :mod:`extractors.events`; general news — an arrest, a crash, a layoff, a financing
round, a court case, a price rise, an official warning — is found here, from the trigger lexicon of
``data/event_types.tsv`` (every type of FACTS.md §3, with its priority and argument roles). The
main event is chosen in this order (the rules of :data:`RULES`):

1. ``event.news.quote`` — a title quoting someone (顾立雄：固网不受影响, 警：应重惩重判) reports a
   statement; not a place before the colon (泉州：…, a dateline), nor a headline whose words before
   the colon report harm, justice or business (湖南一原区长被双开：为黑恶势力充当保护伞);
2. ``event.news.title`` — the title's trigger of the highest priority (男子诈骗被刑拘: arrest over
   crime; 车祸致3死: accident over death), unless the event the main extractor found in the title
   has a priority as high (全市劳动竞赛推进会召开 stays a meeting), or it found its event reported in
   the lead and the title's trigger is no harm, justice or business (建强主力军实施职工素质工程 /
   技能竞赛在安海镇举行 stays a competition); a trigger within or right after an event phrase of
   the title is that phrase's word (技能竞赛启动);
3. the main extractor's event, when it is in the title or the lead;
4. ``event.news.lead`` — the trigger of the highest priority in the lead's first two sentences;
5. ``event.news.other`` — the title itself, of type ``other``, when nothing fits.

A trigger inside a word that is no event (上市公司, 死亡率, 犯罪嫌疑人, 被称为) does not count. The
event's date is a date fact of its sentence — for a title trigger, of the title or the lead's first
sentence — of day, range or month granularity (a year names too little); relative dates (昨天) are
already resolved against the publication date by the date extractor. Its orgs, counts and money
are the facts of that sentence.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace
from typing import NamedTuple

from extractors.dates import ERA_RULES
from extractors.events.lexicon import event_lexicon
from extractors.places import PlaceTable
from extractors.protocol import NamedRule
from extractors.facts import CountFact, DateFact, Event, Fact, MoneyFact, OrgFact
from extractors.sentences import Sentences
from extractors.wordlists import read_tsv, scan_pattern

__all__ = ["NewsLexicon", "news_lexicon", "with_main_event", "RULES"]

RULES: tuple[NamedRule, ...] = (
    NamedRule("event.news.quote", "a title quoting someone (顾立雄：固网不受影响): a statement"),
    NamedRule("event.news.title", "the title's trigger of general news of the highest priority (男子诈骗被刑拘: arrest)"),
    NamedRule("event.news.lead", "the trigger of the highest priority in the lead's first sentences"),
    NamedRule("event.news.other", "the title itself, type other, when nothing fits"),
)
_QUOTE, _TITLE, _LEAD, _OTHER = (rule.name for rule in RULES)
_DATE_GRANULARITIES = ("day", "range", "month")
# A civic event reported with its predicate in the lead (竞赛…在安海镇举行) is the report's event unless
# the title has a trigger of harm, justice or business (the types above this priority in the table).
_LEAD_EVENT_PRIORITY = 55
# Reported later in the lead paragraph (…今年4月18日，公安部在北京召开新闻发布会 under 免签政策今起实施),
# it gives way to any title trigger above the civic types (policy, release, business, harm, justice).
_LATER_LEAD_EVENT_PRIORITY = 48
# Right after a civic event of the lead, these make it the occasion of something else (出席…活动时表示).
_SETTING = ("时", "期间", "上表示", "时表示", "现场")
_LEAD_SENTENCES = 2  # the lead's sentences searched for a trigger when the title has none
# A civic event the main extractor found after this many sentences of a lead paragraph (a one-paragraph
# text: the whole article) is deep in the body: any title trigger or lead trigger is the report's event.
_DEEP_SENTENCES = 5
# A speaker and a colon opening a part of the title: 顾立雄：, 警︰, 文化部：, 医师: (not 世足》, not 1:0).
_COLUMN_LABEL = re.compile(r"【[^】\n]{0,20}】")
_WORK_NAME = re.compile(r"《[^》\n]{1,80}》")  # a document's, a book's or a show's name in the title
_COUNTY_LEVELS = ("县", "市", "区", "旗")  # the level words a county-level place is written with
_LATER_LEAD_SENTENCES = 3
_LEAD_LINE_MAX = 32  # characters of a lead's opening line after which its next paragraph may date the event
_RESTATED_TITLE_MAX = 64  # characters of a line that only gives the title again (原标题：…)  # the lead's sentences after the first that may date a title's event
_SPEAKER = re.compile(r"(?:^|[\s　》」』”！？!?])([^\s　：:︰《》「」『』“”，,。！？!?0-9０-９]{1,12})[：:︰](?=\S)")


class TypeInfo(NamedTuple):
    priority: int
    roles: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class NewsLexicon:
    """data/event_types.tsv: the types with their priority and roles, the triggers and the non-events."""

    types: dict[str, TypeInfo]
    triggers: dict[str, str]  # word → type
    pattern: re.Pattern[str]  # the triggers and the words holding one that are no event, longest first
    modifiers: tuple[str, ...] = ()  # nouns making a trigger right before them a modifier (退休|将领)
    topics: tuple[str, ...] = ()  # endings of a title part before a colon that names a topic (…计划：)
    background: tuple[str, ...] = ()  # lead sentence openings telling what came before (早在…)
    late: frozenset[str] = frozenset()  # types of a step after an incident the lead narrates first (trial)
    not_speaker: tuple[str, ...] = ()  # openings of a title part before a colon that is a cry (震惊：)
    title_only: frozenset[str] = frozenset()  # triggers too common to count outside the title (称)
    kin: dict[str, frozenset[str]] | None = None  # type → the types of its family (FACTS.md §3)
    local_units: tuple[str, ...] = ()  # a place's own unit before a colon is a dateline (渑池交警：, 鹤壁中院：)
    restated_title: tuple[str, ...] = ()  # openings of a line that gives the title again (原标题：…)


@functools.cache
def news_lexicon() -> NewsLexicon:
    """The general-news event lexicon (a packaged table, read once by this pure loader)."""
    types: dict[str, TypeInfo] = {}
    triggers: dict[str, str] = {}
    blocked: list[str] = []
    lists: dict[str, list[str]] = {}
    families: list[tuple[str, tuple[str, ...]]] = []
    for kind, type_, value in read_tsv("event_types.tsv"):
        if kind == "type":
            priority, roles = value.split(";", 1)
            types[type_] = TypeInfo(int(priority), tuple(roles.split(",")))
        elif kind == "trigger":
            triggers[value] = type_
        elif kind == "not":
            blocked.append(value)
        elif kind == "family":
            families.append((type_, tuple(value.split(","))))
        else:
            lists.setdefault(kind, []).append(value)
    unknown = sorted({t for t in triggers.values() if t not in types})
    if unknown:
        raise ValueError(f"event_types.tsv: triggers of undeclared types {unknown}")
    late = frozenset(lists.get("late", ()))
    kin: dict[str, set[str]] = {}
    for family, members in families:
        for type_ in members:
            kin.setdefault(type_, set()).update(members)
    undeclared = (late | set(kin)) - set(types)
    if undeclared:
        raise ValueError(f"event_types.tsv: late or family types not declared {sorted(undeclared)}")
    return NewsLexicon(types, triggers, scan_pattern([*triggers, *blocked]), tuple(lists.get("modifier", ())),
                       tuple(lists.get("topic", ())), tuple(lists.get("background", ())), late,
                       tuple(lists.get("not_speaker", ())), frozenset(lists.get("title_only", ())),
                       {type_: frozenset(members) for type_, members in kin.items()},
                       tuple(lists.get("local_unit", ())), tuple(lists.get("restated_title", ())))


class _Hit(NamedTuple):
    start: int
    end: int
    word: str
    type: str
    priority: int


def _hits(text: str, start: int, end: int, lexicon: NewsLexicon, in_title: bool = False,
          names: tuple[tuple[int, int], ...] = ()) -> list[_Hit]:
    """The triggers in text[start:end], left to right (a word holding one that is no event hides it; a
    trigger right before a noun it modifies is none: 退休将领, 命案逃犯; outside the title a word too
    common to report an event is none: …据称, 爆料称; nor a trigger inside a proper name: ``names``, the
    spans of organisations, or right before a name's suffix: …会议展览|中心)."""
    out = []
    for match in lexicon.pattern.finditer(text, start, end):
        type_ = lexicon.triggers.get(match.group())
        if type_ is None or (not in_title and match.group() in lexicon.title_only):
            continue
        if text.startswith(event_lexicon().name_suffixes, match.end()) or any(
                a <= match.start() and match.end() <= b for a, b in names):
            continue  # part of a proper name: 贵阳国际会议展览中心, an organisation the org extractor found
        if not text.startswith(lexicon.modifiers, match.end()):
            out.append(_Hit(match.start(), match.end(), match.group(), type_, lexicon.types[type_].priority))
    return out


@functools.cache
def news_participant_types() -> frozenset[str]:
    """The types whose roles include participants (data/event_types.tsv): a count of people in their
    clause is the number taking part."""
    return frozenset(t for t, info in news_lexicon().types.items() if "participants" in info.roles)


def _best(hits: list[_Hit]) -> _Hit | None:
    """The hit of the highest priority; the earliest among equals."""
    return max(hits, key=lambda h: (h.priority, -h.start), default=None)


def _is_place(words: str, places: PlaceTable) -> bool:
    """A place or a chain of places written together (龙岩市新罗区, 江苏连云港), or a county written
    without its level word (寻乌, 孝义: the table holds 寻乌县, 孝义市 but no bare county stems)."""
    if len(words) >= 2 and any(words + level in places.forms for level in _COUNTY_LEVELS):
        return True
    end = len(words)
    while end > 0:
        k = next((k for k in range(end, 1, -1) if words[end - k:end] in places.forms
                  or words[end - k:end] in places.countries), 0)
        if not k:
            return False
        end -= k
    return True


def _speaker_colon(title: str, places: PlaceTable | None, lexicon: NewsLexicon) -> re.Match[str] | None:
    """A speaker and a colon in the title; a place (连云港：, 龙岩市新罗区：) or a place's local unit
    (渑池交警：, 鹤壁中院：) is a dateline, a topic
    (…网络安全计划：, …内容曝光：) a subject and a cry (震惊：, 起底网络水军：) a column, not a speaker."""
    for match in _SPEAKER.finditer(title):
        speaker = match.group(1)
        if match.end() >= len(title) or speaker.endswith(lexicon.topics) or speaker.startswith(lexicon.not_speaker):
            continue
        if places is not None and (_is_place(speaker, places) or any(
                speaker.endswith(unit) and _is_place(speaker[:-len(unit)], places) for unit in lexicon.local_units)):
            continue  # 泉州：, 寻乌：, 渑池交警：, 鹤壁中院： head a local report, they quote no one
        return match
    return None


def _lead_sentences_end(sentences: Sentences, title_end: int, lead_end: int, count: int = _LEAD_SENTENCES) -> int:
    """Where the lead's first ``count`` sentences end: what a report says first is what it is about."""
    end = title_end
    for _ in range(count):
        if end + 1 >= lead_end:
            break
        end = sentences.span(end + 1)[1]
    return min(end, lead_end)


def _restates(text: str, sentence: tuple[int, int], type_: str, lexicon: NewsLexicon) -> bool:
    """The lead's first sentence reports the title's event, so its date is the event's: not when it
    opens with what came before (早在…曾下发), nor, for a step taken after an incident (a judgment, a
    penalty), when it has no trigger of that type (2016年10月的一天，…喝酒 under …被判赔)."""
    if text[sentence[0]:sentence[1]].lstrip().startswith(lexicon.background):
        return False
    if type_ in lexicon.late:
        return any(h.type == type_ for h in _hits(text, *sentence, lexicon))
    return True


def _lead(text: str, sentences: Sentences, title_end: int, lexicon: NewsLexicon) -> tuple[int, int]:
    """The lead's first sentence: the first after the title, past lines that give the title again
    (原标题：快讯！陈同佳刑满出狱… before …今日（23日）…出狱)."""
    start = title_end + 1
    while start < len(text):
        span = sentences.span(start)
        line_end = text.find("\n", span[0])
        if (not text[span[0]:span[1]].lstrip(" \u3000（(【[").startswith(lexicon.restated_title)
                or line_end < 0 or line_end - span[0] > _RESTATED_TITLE_MAX):
            return span  # not a title again, or a line that runs on into the report (原标题:…央视网消息：5月16日，…)
        start = line_end + 1
    return sentences.span(title_end + 1)


def _later_lead_dates(text: str, facts: tuple[Fact, ...], sentences: Sentences, first: tuple[int, int],
                      type_: str, lexicon: NewsLexicon) -> list[Fact]:
    """When the lead's first sentence gives no date (an advert, the title again): the dates of the
    next sentence of its paragraph that reports an event of the title's family (2018年07月08日01时55分，
    …将…周某某撞倒在地 under 电动自行车撞死人)."""
    paragraph_end = text.find("\n", first[0])
    paragraph_end = len(text) if paragraph_end < 0 else paragraph_end
    if paragraph_end - first[0] <= _LEAD_LINE_MAX:  # a line of its own opens the lead (消防速递, …最大单笔投资出炉。)
        next_end = text.find("\n", paragraph_end + 1)
        paragraph_end = len(text) if next_end < 0 else next_end
    kin = (lexicon.kin or {}).get(type_, frozenset({type_}))
    end = first[1]
    for _ in range(_LATER_LEAD_SENTENCES):
        if end + 1 >= paragraph_end:
            break
        span = sentences.span(end + 1)
        end = span[1]
        in_sentence = _facts_within(facts, *span)
        if any(isinstance(f, DateFact) for f in in_sentence) and any(h.type in kin for h in _hits(text, *span, lexicon)):
            if _restates(text, span, type_, lexicon):
                return in_sentence
    return []


def _date(facts: list[Fact], dated_report: bool) -> DateFact | None:
    dates = [f for f in facts if isinstance(f, DateFact) and f.granularity in _DATE_GRANULARITIES
             and f.rule not in ERA_RULES and (dated_report or f.resolved == "absolute")]
    return min(dates, key=lambda d: _DATE_GRANULARITIES.index(d.granularity), default=None)


def _facts_within(facts: tuple[Fact, ...], start: int, end: int) -> list[Fact]:
    return [f for f in facts if start <= f.start < end]


def _title_event_dates(text: str, facts: tuple[Fact, ...], sentences: Sentences, title_end: int, type_: str,
                       dated_report: bool) -> list[Fact]:
    """The facts that may date an event the title reports: the title's, the lead's first sentence's when
    it restates the title's event, else those of a later lead sentence of the event's family."""
    lexicon = news_lexicon()
    dated = _facts_within(facts, 0, title_end)
    if title_end + 1 >= len(text):
        return dated
    lead = _lead(text, sentences, title_end, lexicon)
    if _restates(text, lead, type_, lexicon):
        dated += _facts_within(facts, *lead)
    if _date(dated, dated_report) is None:
        dated += _later_lead_dates(text, facts, sentences, lead, type_, lexicon)
    return dated


def _event(text: str, facts: tuple[Fact, ...], sentences: Sentences, start: int, end: int, type_: str,
           rule: str, title_end: int, dated_report: bool) -> Event:
    """The main event of a trigger (or of the title), with the arguments of its sentence."""
    sentence = sentences.span(start)
    in_sentence = _facts_within(facts, *sentence)
    dated = in_sentence
    if start < title_end:  # a headline rarely dates its event: the lead's first sentence does
        dated = _title_event_dates(text, facts, sentences, title_end, type_, dated_report)
    elif _date(dated, dated_report) is None and title_end + 1 < sentence[0]:
        # a lead trigger after the lead's first sentence (…今天质询时，要求… / 行政院长表示…): that
        # sentence sets the scene and its date (the dateline's 14日电, 今天) is the event's
        lead = sentences.span(title_end + 1)
        if lead[1] <= sentence[0] and _restates(text, lead, type_, news_lexicon()):
            dated = dated + _facts_within(facts, *lead)
    date = _date(dated, dated_report)
    return Event(
        type=type_, trigger=text[start:end], start=start, end=end, rule=rule,
        sentence=text[sentence[0]:sentence[1]].strip(), date=date.iso if date else None, date_fact=date,
        orgs=tuple(dict.fromkeys(f.name for f in in_sentence if isinstance(f, OrgFact))),
        counts=tuple(f for f in in_sentence if isinstance(f, CountFact)),
        money=tuple(f for f in in_sentence if isinstance(f, MoneyFact)), main=True)


def _dated_from_the_lead(text: str, facts: tuple[Fact, ...], events: list[Event], current: int, sentences: Sentences,
                         title_end: int, dated_report: bool) -> list[Event]:
    """The civic extractor's main event; one it found in the title without a date takes the date the
    lead gives it, as a title trigger of general news does (国务院下午召集会议 / 7月4日下午，国务院召集…开会)."""
    main = events[current]
    if main.start >= title_end or main.date is not None:
        return events
    date = _date(_title_event_dates(text, facts, sentences, title_end, main.type, dated_report), dated_report)
    if date is None:
        return events
    return [replace(e, date=date.iso, date_fact=date) if i == current else e for i, e in enumerate(events)]


def with_main_event(text: str, facts: tuple[Fact, ...], events: list[Event], sentences: Sentences,
                    dated_report: bool, places: PlaceTable | None = None) -> list[Event]:
    """``events`` (of the civic-life extractor) with the report's main event chosen as the module says:
    one of them, or a new event of general news added in text order. Every non-empty text has one.
    ``dated_report``: the report has a publication date (else only absolute dates date its event);
    ``places``: the place table, telling a dateline (泉州：) from a speaker."""
    if not text.strip():
        return events
    lexicon = news_lexicon()
    title_end = text.find("\n")
    title_end = len(text) if title_end < 0 else title_end
    lead_end = text.find("\n", title_end + 1)
    lead_end = len(text) if lead_end < 0 else lead_end
    first_sentences_end = _lead_sentences_end(sentences, title_end, lead_end)
    current = next((i for i, e in enumerate(events) if e.main), None)
    current_priority = -1  # what a title trigger must beat to replace the civic extractor's main event
    deep = current is not None and events[current].start >= _lead_sentences_end(
        sentences, title_end, lead_end, _DEEP_SENTENCES)  # …a bare 参观, 巡视 in the 12th sentence of one paragraph
    if current is not None and not deep:
        if events[current].start < title_end:
            info = lexicon.types.get(events[current].type)
            current_priority = info.priority if info else 0
        elif text.startswith(_SETTING, events[current].end):
            current_priority = 0  # 出席…活动时, …期间: the occasion of what the title reports (致歉, 表示)
        elif events[current].start < first_sentences_end:
            current_priority = _LEAD_EVENT_PRIORITY
        elif events[current].start < lead_end:
            current_priority = _LATER_LEAD_EVENT_PRIORITY
    in_title = [e for e in events if e.start < title_end]

    chosen: Event | None = None
    # a trigger within or right after an event phrase of the title is that event's word (竞赛启动)
    names = tuple((f.start, f.end) for f in facts if isinstance(f, OrgFact))  # no trigger inside a name
    label_spans = [m.span() for m in _COLUMN_LABEL.finditer(text, 0, title_end)]  # 【百日安全行动】: a column
    # 《关于…抗震救灾…的通知》 names a document: only what names a rule (方案, 条例) counts inside it
    names_of_works = [m.span() for m in _WORK_NAME.finditer(text, 0, title_end)]
    title_hits = [h for h in _hits(text, 0, title_end, lexicon, in_title=True, names=names)
                  if not any(e.start <= h.start <= e.end + 1 for e in in_title)
                  and not any(a <= h.start < b for a, b in label_spans)
                  and (h.type == "policy" or not any(a <= h.start < b for a, b in names_of_works))]
    speaker = _speaker_colon(text[:title_end], places, lexicon)
    if speaker is not None and any(h.priority > _LEAD_EVENT_PRIORITY and h.start < speaker.end(1) for h in title_hits):
        speaker = None  # 湖南一原区长被双开：为黑恶势力充当保护伞 — the headline reports the penalty, then explains
    if speaker is not None:
        said = [h for h in title_hits if h.type == "statement"]
        at = said[0] if said else _Hit(speaker.start(1), speaker.end(1), speaker.group(1), "statement", 0)
        chosen = _event(text, facts, sentences, at.start, at.end, "statement", _QUOTE, title_end, dated_report)
    elif (best := _best(title_hits)) is not None and best.priority > current_priority:
        chosen = _event(text, facts, sentences, best.start, best.end, best.type, _TITLE, title_end, dated_report)
    elif current is not None and events[current].start < lead_end and not deep:
        return _dated_from_the_lead(text, facts, events, current, sentences, title_end, dated_report)
    elif (best := _best(_hits(text, title_end, first_sentences_end, lexicon, names=names))) is not None:
        chosen = _event(text, facts, sentences, best.start, best.end, best.type, _LEAD, title_end, dated_report)
    elif current is not None:
        return events
    else:
        start = len(text[:title_end]) - len(text[:title_end].lstrip())
        end = len(text[:title_end].rstrip())
        chosen = _event(text, facts, sentences, start, max(end, start), "other", _OTHER, title_end, dated_report)
    out = [replace(e, main=False) if e.main else e for e in events]
    same = next((i for i, e in enumerate(out) if e.start == chosen.start and e.type == chosen.type), None)
    if same is not None:
        out[same] = replace(out[same], main=True)
        return out
    out.append(chosen)
    out.sort(key=lambda e: (e.start, e.end))
    return out

