"""Events (FACTS.md §3): competitions, meetings, ceremonies, visits … found from trigger words.

An event is an *event phrase* — adjacent event words, e.g. 劳动和技能|竞赛|推进会 — together
with a *predicate* in its clause: written after it (推进会…召开, 决赛,在…举行) or before it
(举办了一场…竞赛, 开展…活动). Some words are events by themselves (开馆, 会见, 揭牌); outside the
title such a verb needs an *anchor* that reports it as happening (a date in its sentence, 正式,
到/赴 …, 了 after it) and must not be used as a noun (的考察, 致以…慰问) or to date something else
(投产后). In the title (the first line) a bare noun phrase is enough: headlines drop predicates.

Not events: words inside a longer non-event word (会议室, 慰问金, 线上线下), the names of
documents (行动|计划, 《…活动的通知》), what a sentence asks for or supposes (要…开展, 如果…),
what it denies (没有开工). A verb that is the predicate of an event phrase (启动…活动, 大会…开幕)
is part of that event, not a second one.

* type — that of the phrase's head, its last event word (劳动和技能竞赛推进会 → meeting); a generic
  head takes the type of the word before it (走访慰问活动 → visit); a competition that is
  开展-ed is an ongoing campaign (开展劳动和技能竞赛 → campaign); an exhibition or festival that
  opens (书展…开幕, 采摘节…开幕) is an opening.
* date — a date fact of the sentence written before the end of the predicate, else any of the
  sentence, else the nearest one before it in the paragraph; a year (2022年…培训班, a name) comes
  last, then one of the event's own clause or heading the sentence (6月1日，…) before one of another
  clause (…昨日宣布，书展将于2月20日至25日举行), then a day before a range or a month, then the
  nearest. Event.date is its ISO value.
* location — by :data:`LOCATION_RULES`: 到X考察, 对X进行访问, 在X举行, 于X召开, a venue subject (…扶贫车间举办了), a
  place opening a clause of the sentence (芜湖市繁昌区…开展) that is not the start of an
  organisation's name (柳北区教育局举办 has no location); never a time (于今天午夜召开).
* orgs — the organisations the sentence gives a role (由X主办, X召开, X与Y签署), else all of its
  organisations but news sources (央视网消息); counts, money — the facts of the sentence;
  participants — the largest count of people said to take part (60名选手参加, 一行25人).
* main — exactly one event when there are any: the best of the title and the first three
  paragraphs, the lead's report of the title's event first (see :func:`_main_index`); a lead phrase
  naming the title's event again counts even without a predicate (``event.as_titled``).

Word lists: ``data/event_triggers.tsv``; docs/rules-orgs-events.md has the taxonomy.
"""

from __future__ import annotations

import bisect
import logging
import re
from dataclasses import replace
from decimal import Decimal
from typing import NamedTuple

from extractors.context import DocumentContext
from extractors.events.lexicon import (_after_pattern, _anchor_pattern, _before_pattern, _credit_pattern,
                                       _organise_pattern, _participate_pattern,
                                       _sentence_anchor_pattern, _trigger_pattern, EventLexicon, event_lexicon)
from extractors.events.locations import LOCATION_RULES, location as _location
from extractors.dates import ERA_RULES
from extractors.events.news import RULES as NEWS_RULES, news_participant_types, with_main_event
from extractors.facts import CountFact, DateFact, Event, Fact, MoneyFact, OrgFact
from extractors.places import PlaceTable
from extractors.protocol import SHARED_RESOURCES, Extractor, ExtractorInput, NamedRule
from extractors.sentences import Sentences, paragraph_span
from extractors.wordlists import read_word_lists

log = logging.getLogger(__name__)

__all__ = ["extract_events", "event_lexicon", "RULES", "LOCATION_RULES", "EXTRACTOR"]

RULES: tuple[NamedRule, ...] = (
    NamedRule("event.verb", "a word that is an event by itself (开馆, 会见), reported as happening"),
    NamedRule("event.after", "an event phrase with its predicate after it (推进会…召开)"),
    NamedRule("event.before", "an event phrase with its predicate before it (举办了一场…竞赛)"),
    NamedRule("event.title", "a noun phrase in the title (headlines drop predicates)"),
    NamedRule("event.as_titled", "a lead phrase naming the title's event again, without a predicate"),
)
_VERB, _AFTER, _BEFORE, _TITLE, _AS_TITLED = (rule.name for rule in RULES)

# Read once, when this module is imported (data/event_words.tsv; the event words are in event_triggers.tsv).
_PEOPLE_ENDINGS = read_word_lists("event_words.tsv")["people_ending"]  # 选手, 职工, 代表: a noun naming people

_SENTENCE_END = "；;。！？!?\n"
_SENTENCE_END_OR_LABEL = frozenset(_SENTENCE_END + "】")  # 】 closes a column label (【运动会】)
_AFTER_REACH = 40  # characters between an event phrase and a predicate written after it
_LEAD_PARAGRAPHS = 3
_GRANULARITY_ORDER = {"day": 0, "range": 1, "month": 2, "year": 3}
_PEOPLE_UNITS = frozenset({"人", "名", "位", "人次"})
_OPENING_TYPES = frozenset({"exhibition", "performance"})

# What a sentence asks for, supposes or forbids before its event (要深入开展…, 如果…举办): no event.
# 要 only as a modal: not in 重要/主要/需要/只要 …, nor 要求/要点/要素 …. Every branch starts with a
# plain character (the look-behind comes after 要), so re jumps to the characters that may begin one.
_DIRECTIVE = re.compile(r"要(?<![重主需只必想紧简提纲扼摘概不]要)(?![求点素闻害职案员件务道领事地是])"
                        r"|应当|应该|必须|务必|鼓励|倡导|号召|如果|假如|一旦|是否|能否|不得|严禁|禁止|不要|不再|可否")
# A negation shortly before the predicate or verb (并没有开工, 不举行, 取消举办, 不让中方干部参加会议).
_NEGATED = re.compile(r"(?:没有|没|未能|尚未|并未|未|不让|不准|不得|不能|不会|不再|无法|停止|取消|暂停|叫停|停办|拒绝|婉拒"
                      r"|不(?![断仅少同久停光但论管然料妨过已]))[^，,。；;]{0,4}$")
# Planned rather than scheduled (预计2025年投产): still an event, but not what a report is about.
_PLANNED = re.compile(r"预计|计划|拟|力争|争取|有望|打算|预期")
# What may stand between two event phrases of one name (运动会|龙舟|比赛): a few characters, no break.
_NAME_PART = re.compile(r"[^\s\u3000，,、。；;：:！？!?和及与并]{0,8}")
# 开展科技兴农、文化宣讲、政企实践等|活动: the items of a list before the event they are kinds of.
_LIST_OF_KINDS = re.compile(r"、[^，,。；;！？\n]{0,16}等")
# After 启动/开启, what does not start an object of its own (活动启动。, 启动了, 启动仪式).
_NOT_AN_OBJECT = "了仪式暨以后时并和及"

# --------------------------------------------------------------------------------------------
# Event phrases
# --------------------------------------------------------------------------------------------


class _Phrase(NamedTuple):
    """Adjacent event words: its span, head (the word giving the type) and any verb after it."""

    start: int
    end: int  # end of the noun part (without a trailing verb used as predicate)
    words: tuple[tuple[int, int, str], ...]

    @property
    def head(self) -> tuple[int, int, str]:
        return self.words[-1]


def _held_in_longer_word(text: str, start: int, word: str, lexicon: EventLexicon) -> bool:
    """会议室, 慰问金, 线上线下: the event word is part of a word that is not an event."""
    for offset, holders in lexicon.not_event.get(word, ()):
        if text.startswith(holders, start - offset):
            return True
    return False


def _phrases(text: str, lexicon: EventLexicon) -> list[tuple[_Phrase, tuple[int, int, str] | None]]:
    """Event phrases in text order, each with the verb written right after it (竞赛|启动), if any."""
    phrases: list[tuple[_Phrase, tuple[int, int, str] | None]] = []
    run: list[tuple[int, int, str]] = []
    run_end = -1
    holders, kinds = lexicon.not_event, lexicon.kinds
    for match in _trigger_pattern().finditer(text):
        start, end = match.span()
        word = match.group()
        if word in holders and _held_in_longer_word(text, start, word, lexicon):
            continue
        if start != run_end and run:
            if len(run) == 1:  # the usual case, without a call
                if kinds[run[0][2]] != "modifier":
                    phrases.append((_Phrase(run[0][0], run[0][1], (run[0],)), None))
            else:
                phrases += _split_run(run, lexicon)
            run = []
        run.append((start, end, word))
        run_end = end
    if run:
        phrases += _split_run(run, lexicon)
    return phrases


def _split_run(run: list[tuple[int, int, str]], lexicon: EventLexicon) -> list[tuple[_Phrase, tuple[int, int, str] | None]]:
    """技能竞赛启动 → phrase 技能竞赛 with predicate 启动; 开馆 alone → a verb phrase."""
    kinds = [lexicon.kinds[w] for _, _, w in run]
    nouns = [i for i, kind in enumerate(kinds) if kind in ("noun", "generic")]
    if nouns:
        last = nouns[-1]
        verb = next((run[i] for i in range(last + 1, len(run)) if kinds[i] == "verb"), None)
        return [(_Phrase(run[0][0], run[last][1], tuple(run[: last + 1])), verb)]
    verbs = [i for i, kind in enumerate(kinds) if kind == "verb"]
    return [(_Phrase(run[i][0], run[i][1], (run[i],)), None) for i in verbs[-1:]]


def _event_type(phrase: _Phrase, lexicon: EventLexicon, ongoing: bool, opens: bool) -> str:
    head = phrase.head[2]
    type_ = lexicon.types[head]
    if lexicon.kinds[head] == "generic":
        specific = [w for _, _, w in phrase.words[:-1] if lexicon.kinds[w] in ("noun", "verb")]
        if specific:
            head = specific[-1]
            type_ = lexicon.types[head]
    if opens and (type_ in _OPENING_TYPES or head in lexicon.opens):
        return "opening"
    if ongoing and type_ == "competition":
        return "campaign"
    return type_


_LAST_CLAUSE_BREAK = re.compile(r"[，,：:][^，,：:]*\Z")


def _clause_start(text: str, sentence_start: int, pos: int) -> int:
    """Where the clause holding ``pos`` starts: after the last comma or colon of its sentence."""
    last_break = _LAST_CLAUSE_BREAK.search(text, sentence_start, pos)
    return sentence_start if last_break is None else last_break.start() + 1


def _predicate_after(text: str, phrase: _Phrase, next_phrase: int, sentence_end: int, phrase_starts: list[int],
                     index: "_FactIndex") -> tuple[int, int] | None:
    """推进会在零八一…召开 / 决赛,在和政县…举行 / 运动会」，今（16）日在…登场: a predicate after the phrase,
    across one comma at most when the next clause opens with a place or a time (在, 于, 将, a date)."""
    match = _after_pattern().search(text, phrase.end, min(next_phrase, sentence_end, phrase.end + _AFTER_REACH))
    if match is None:
        return None
    between = text[phrase.end:match.start()]
    if not _SENTENCE_END_OR_LABEL.isdisjoint(between):
        return None  # 【运动会】口岸服务保障工作全面启动: a column label is not the subject
    if match.group() == "主持" and not between.lstrip("分别均将").startswith("由"):
        return None  # 会议由X主持, but not 大会报告分别由X主持
    commas = between.count("，") + between.count(",")
    if commas > 1:
        return None
    if commas:
        comma = between.find("，")
        opener = phrase.end + (comma if comma >= 0 else between.find(",")) + 1
        opens_with_date = any(d.start == opener for d in index.within("date", opener, opener + 1))
        if not (opens_with_date or text.startswith(("在", "于", "将", "已", "正式", "隆重"), opener)):
            return None
    if _NEGATED.search(text, max(phrase.end, match.start() - 6), match.start()):
        return None
    after = text[match.end():match.end() + 1]
    if match.group() in ("启动", "开启") and "\u4e00" <= after <= "\u9fff" and after not in _NOT_AN_OBJECT:
        return None  # 艺术季提前启动防台应变措施: 启动 has an object of its own
    following = bisect.bisect_left(phrase_starts, match.end())
    if following < len(phrase_starts):
        next_any = phrase_starts[following]
        if next_any - match.end() <= 12 and _NAME_PART.fullmatch(text, match.end(), next_any):
            return None  # 捐赠…，27日在…举行捐赠仪式, 国际会议期间举行会谈: the next event phrase's predicate
    return match.span()


def _predicate_before(text: str, phrase: _Phrase, clause: int) -> tuple[str, int, int] | None:
    """举办了一场职业技能竞赛 / 开展…劳动和技能竞赛: the last predicate in the phrase's clause before it."""
    found = None
    for match in _before_pattern().finditer(text, clause, phrase.start):
        found = (match.group(), match.start(), match.end())
    if found and _NEGATED.search(text, max(clause, found[1] - 6), found[1]):
        return None
    return found


def _names_a_document(text: str, phrase: _Phrase, sentence_start: int, lexicon: EventLexicon) -> bool:
    """行动|计划, 《关于开展…活动的通知》: the phrase names a document, not an event."""
    end = phrase.end
    if text[end:end + 1] in lexicon.document_starts and any(text[end:end + k] in lexicon.documents for k in (1, 2, 4)):
        return True
    opened = text.rfind("《", sentence_start, phrase.start)
    return opened >= 0 and opened > text.rfind("》", sentence_start, phrase.start)


def _inside_a_name(index: "_FactIndex", start: int, end: int) -> bool:
    """The words lie inside an organisation's name the org extractor found (…会议中心管理有限公司)."""
    return any(o.start <= start and end <= o.end for o in index.within("org", max(0, start - 40), end))


def _verb_is_reported(text: str, phrase: _Phrase, clause: int, sentence: tuple[int, int],
                      index: "_FactIndex", lexicon: EventLexicon) -> bool:
    """An event verb outside the title reports an event: not a noun (的考察, 致以…慰问), not the time
    of something else (投产后, 开馆以来), and anchored by a date of its sentence, a marker before it
    in its clause (正式, 到, 赴, 在 …) or in its sentence (近日，…), or 了 right after it."""
    if text[max(sentence[0], phrase.start - 3):phrase.start].endswith(lexicon.nominal):
        return False
    if _NEGATED.search(text, max(clause, phrase.start - 6), phrase.start):
        return False
    if text.startswith(lexicon.after_verb, phrase.end):
        return False
    if text.startswith("了", phrase.end) or index.within("date", *sentence):
        return True
    return (_anchor_pattern().search(text, clause, phrase.start) is not None
            or _sentence_anchor_pattern().search(text, sentence[0], phrase.start) is not None)


# --------------------------------------------------------------------------------------------
# Arguments from the facts
# --------------------------------------------------------------------------------------------


class _FactIndex:
    """The text's facts by kind and offset, so each event reads its sentence cheaply. A kind is
    indexed when first asked for (most texts ask for dates only, or for nothing)."""

    __slots__ = ("facts", "by_kind", "starts")

    def __init__(self, facts: tuple[Fact, ...]) -> None:
        self.facts = facts  # in text order
        self.by_kind: dict[str, tuple[list[Fact], list[int]]] = {}  # kind → (its facts, their starts)
        self.starts: list[int] | None = None  # of all the facts

    def all_within(self, start: int, end: int) -> tuple[Fact, ...]:
        """The facts of every kind starting in [start, end): one look for an event's counts, orgs and money."""
        if self.starts is None:
            self.starts = [f.start for f in self.facts]
        starts = self.starts
        return self.facts[bisect.bisect_left(starts, start if start > 0 else 0):bisect.bisect_left(starts, end)]

    def within(self, kind: str, start: int, end: int) -> list[Fact]:
        indexed = self.by_kind.get(kind)
        if indexed is None:
            facts = [f for f in self.facts if f.kind == kind]
            indexed = self.by_kind[kind] = (facts, [f.start for f in facts])
        facts, starts = indexed
        return facts[bisect.bisect_left(starts, start if start > 0 else 0):bisect.bisect_left(starts, end)]


def _event_date(text: str, index: _FactIndex, sentence: tuple[int, int], clause: int, trigger: int,
                reach: int) -> DateFact | None:
    """The event's date: a date of its sentence written before the end of the predicate (6月1日，…启动…活动，
    活动持续至6月30日 → 6月1日), else any of the sentence, else the paragraph before it. Among them a
    year comes last (2022年中小学教师培训班 names the event: the day of the sentence is its date), then
    one in the event's own clause or heading the sentence (6月1日，…) comes before one of another
    clause (…昨日宣布，书展将于2月20日至25日举行: 宣布 has its own date), then a day before a range or a
    month, then the nearest to the trigger. A five-year plan (十四五) counts as a year."""
    in_sentence = index.within("date", *sentence)
    if in_sentence:
        dates = [d for d in in_sentence if d.start < reach] or in_sentence
    else:
        dates = index.within("date", paragraph_span(text, trigger)[0], sentence[0])
        if not dates:
            return None
    if len(dates) == 1:
        return dates[0]

    def rank(d: DateFact) -> tuple[bool, bool, int, int]:
        weak = d.granularity == "year" or d.rule in ERA_RULES
        own = d.start >= clause or d.start == sentence[0] or text.startswith(("，", ","), d.end)
        return weak, not own, _GRANULARITY_ORDER.get(d.granularity, 4), abs(d.start - trigger)

    return min(dates, key=rank)


def _event_orgs(text: str, orgs: list[OrgFact], lexicon: EventLexicon) -> tuple[str, ...]:
    """Organisations with a role in the event (由X主办, X召开, X与Y签署), else all those of the sentence
    that are not news sources (央视网消息, 新华社电)."""
    if not orgs:
        return ()
    credit = _credit_pattern()
    named = [o for o in orgs if not credit.match(text, o.end)]
    organise = _organise_pattern()
    role = [o for o in named if text[o.start - 1:o.start] == "由" or organise.match(text, o.end)]
    return tuple(dict.fromkeys(o.name for o in (role or named)))


def _participants(text: str, counts: list[CountFact], lexicon: EventLexicon) -> Decimal | None:
    """The largest count of people said to take part: 60名选手参加, 吸引近千人参与, 代表团一行25人,
    or a count of participants by name (156名选手, 1200余名运动员)."""
    if not counts:
        return None
    participate = _participate_pattern()
    values = []
    for count in counts:
        entity = count.entity or ""
        if not _counts_people(count):
            continue
        if not (entity.endswith(lexicon.participants) or participate.match(text, count.end)
                or text[count.start - 2:count.start] in ("一行", "吸引", "共有", "约有", "组织", "邀请")):
            continue
        value = count.max if count.max is not None else count.min
        if value is not None:
            values.append(value)
    return max(values) if values else None


# --------------------------------------------------------------------------------------------
# Main event
# --------------------------------------------------------------------------------------------


class _Evidence(NamedTuple):
    """What the main-event score reads of an event (the events are made once the main one is known)."""

    start: int
    type: str
    dated: bool  # it has a date
    predicate: bool  # a predicate, or a verb event
    noun: bool  # an event phrase rather than a bare verb
    planned: bool  # 预计, 计划 … before it in its clause
    head: str  # the phrase's head word
    predicate_word: str  # the predicate written with it (启动 of 活动…启动), or ""


def _main_index(events: list[_Evidence], text: str) -> int:
    """The event the article is about: the title's event as reported in the lead, else the best of
    the title and the lead.

    Score: 4 for a predicate, 2 for a lead event of the type or the head word of the title's first
    event (台北国际书展将于2月20日开幕 / 书展将于…举行) and 1 more for its head word (习近平会见… / …出席峰会
    期间会见…) or for a predicate that is the title's event verb (…消费月将在上海启动 / …活动将于11月3日在
    上海启动), 1 for standing
    in the lead, 1 for a date (0.5 for the title itself), 0.5 for an event phrase over a bare verb,
    −1 for a plan (预计2025年投产); ties go to the earlier event. Events beyond the lead count only
    when neither title nor lead has one.
    """
    if len(events) == 1:
        return 0
    title_end = text.find("\n")
    title_end = len(text) if title_end < 0 else title_end
    lead_end = title_end
    for _ in range(_LEAD_PARAGRAPHS):
        next_break = text.find("\n", lead_end + 1)
        lead_end = len(text) if next_break < 0 else next_break
    title_type = next((event.type for event in events if event.start < title_end), None)
    title_head = events[0].head if events[0].start < title_end else None
    best, best_value = 0, None
    for i, event in enumerate(events):
        in_title, in_lead = event.start < title_end, title_end <= event.start < lead_end
        same_head = event.head == title_head or event.predicate_word == title_head
        value = 4 * event.predicate + (2 if in_lead and (event.type == title_type or same_head) else 0)
        value += 1 if in_lead and same_head else 0
        value += 1 * in_lead + 1 * (event.dated and not in_title) + 0.5 * in_title
        value += 0.5 * event.noun - 1 * event.planned
        if not (in_title or in_lead):
            value -= 10  # only when nothing is said of an event in the title or lead
        if best_value is None or value > best_value:  # ties go to the earlier event
            best, best_value = i, value
    return best


def _type_as_titled(events: list[_Evidence], main: int, text: str) -> str:
    """The title and the lead report one event: when the title says that the main event (its head word)
    opens (台北国际书展将于2月20日开幕 over the lead's 书展…举行), it is an opening."""
    title_end = text.find("\n")
    if title_end < 0 or events[main].start < title_end:
        return events[main].type
    for event in events:
        if event.start >= title_end:
            break
        if event.head == events[main].head and event.type == "opening":
            return event.type
    return events[main].type


class _Candidate(NamedTuple):
    """An event phrase that passed the filters, with what was found of its predicate."""

    phrase: _Phrase
    sentence: tuple[int, int]
    clause: int
    after: tuple[int, int] | None
    before: tuple[str, int, int] | None
    verb_after: tuple[int, int, str] | None
    is_verb: bool


def _candidates(text: str, lexicon: EventLexicon, index: _FactIndex,
                sentences: Sentences) -> list[_Candidate]:
    """The event phrases that are events, each once: a verb used as another event's predicate is dropped."""
    phrases = _phrases(text, lexicon)
    title_end = text.find("\n")
    title_end = len(text) if title_end < 0 else title_end
    kinds = [lexicon.kinds[phrase.words[-1][2]] for phrase, _ in phrases]  # of the heads
    next_nouns = [len(text)] * len(phrases)  # where the next event phrase that is not a bare verb starts
    following = len(text)
    for i in range(len(phrases) - 1, -1, -1):
        next_nouns[i] = following
        if kinds[i] != "verb":
            following = phrases[i][0].start
    phrase_starts = [phrase.start for phrase, _ in phrases]
    lead_end = text.find("\n", title_end + 1)
    lead_end = len(text) if lead_end < 0 else lead_end
    title_head = None  # the head word of the title's first event phrase
    found: list[_Candidate] = []
    sentence_starts, sentence_ends = sentences.starts, sentences.ends
    bisect_right, directive = bisect.bisect_right, _DIRECTIVE.search  # looked up once: run for every phrase
    for (phrase, verb_after), kind, next_start in zip(phrases, kinds, next_nouns):
        start = phrase.start
        i = bisect_right(sentence_starts, start) - 1  # sentences.span, inlined
        sentence = (sentence_starts[i], sentence_ends[i]) if i >= 0 else sentences.span(start)
        if _names_a_document(text, phrase, sentence[0], lexicon) or directive(text, sentence[0], start):
            continue
        if text.startswith(lexicon.name_suffixes, phrase.end) or _inside_a_name(index, phrase.start, phrase.end):
            continue  # 贵阳国际会议展览中心, 技能竞赛组委会, an organisation's name: no event
        clause = _clause_start(text, sentence[0], start)
        in_title = start < title_end
        if kind == "verb":
            if in_title or _verb_is_reported(text, phrase, clause, sentence, index, lexicon):
                found.append(_Candidate(phrase, sentence, clause, None, None, None, True))
            continue
        after = (_predicate_after(text, phrase, next_start, sentence[1], phrase_starts, index)
                 if verb_after is None else None)
        before = _predicate_before(text, phrase, clause)
        if not (verb_after or after or before):
            if kind == "generic":
                continue
            if not in_title and not (start < lead_end and phrase.words[-1][2] == title_head):
                continue  # outside the title only the title's event, named again in the lead (…向…峰会发表致辞)
            if next_start < sentence[1] and not any(c in text[phrase.end:next_start] for c in "，,、 \u3000"):
                continue  # 运动会|龙舟|比赛: a name part of the next event phrase
        if in_title and title_head is None:
            title_head = phrase.words[-1][2]
        found.append(_Candidate(phrase, sentence, clause, after, before, verb_after, False))
    return _without_predicate_verbs(text, found)


def _without_predicate_verbs(text: str, found: list[_Candidate]) -> list[_Candidate]:
    """启动…活动, 大会…开幕, 技能竞赛启动: the verb is the predicate of the event phrase, not an event.
    Also 运动会…龙舟比赛在…举行, 举行的链博会参展签约仪式: a phrase whose only predicate is shared with
    the next one, written right before it, is part of that one's name; 开展文化宣讲、政企实践等活动: an
    item of a list of the next one's kinds."""
    used = set()
    for cand in found:
        if cand.is_verb:
            continue
        if cand.after:
            used.add(cand.after[0])
        if cand.before:
            used.add(cand.before[1])
    kept = [c for c in found if not (c.is_verb and c.phrase.start in used)]
    out = []
    for cand, nxt in zip(kept, kept[1:]):
        if (cand.before and nxt.before == cand.before and not cand.is_verb and not nxt.is_verb and not cand.after
                and not cand.verb_after and nxt.clause == cand.clause
                and (_NAME_PART.fullmatch(text, cand.phrase.end, nxt.phrase.start)
                     or _LIST_OF_KINDS.fullmatch(text, cand.phrase.end, nxt.phrase.start))):
            continue
        out.append(cand)
    return out + kept[-1:]


def extract_events(text: str, facts: tuple[Fact, ...], sentences: Sentences,
                   context: DocumentContext, *, places: PlaceTable | None = None) -> list[Event]:
    """Events of a clean text, in text order, exactly one of them ``main`` when there are any.
    ``facts`` are the text's facts in text order (as :func:`extractors.extract` sorts them); ``places``
    the place table (the shared one when not given)."""
    if not isinstance(text, str) or not text:
        return []
    if places is None:
        places = SHARED_RESOURCES.places
    lexicon = event_lexicon()
    index = _FactIndex(facts)
    title_end = text.find("\n")
    title_end = len(text) if title_end < 0 else title_end
    arguments: list[dict] = []  # of each Event: the events are made once the main one is known
    evidence: list[_Evidence] = []
    for cand in _candidates(text, lexicon, index, sentences):
        phrase, sentence, clause = cand.phrase, cand.sentence, cand.clause
        opens = (cand.after is not None and lexicon.after.get(text[cand.after[0]:cand.after[1]], False)) or (
            cand.verb_after is not None and lexicon.after.get(cand.verb_after[2], False))
        ongoing = cand.before is not None and lexicon.before[cand.before[0]] and cand.after is None
        reach = cand.after[1] if cand.after else cand.verb_after[1] if cand.verb_after else phrase.end
        date = _event_date(text, index, sentence, clause, phrase.start, reach)
        if date is not None and (date.granularity == "year" or date.rule in ERA_RULES):
            date = None  # a year or an era names too little to date an event (2018年“两会”, 2017年…培训班, 19世纪建筑)
        iso = date.iso if date else None
        type_ = _event_type(phrase, lexicon, ongoing, bool(opens))
        in_sentence = index.all_within(*sentence)
        counts = [f for f in in_sentence if f.kind == "count" and isinstance(f, CountFact)]
        orgs = [f for f in in_sentence if f.kind == "org" and isinstance(f, OrgFact)]
        arguments.append(dict(
            type=type_,
            trigger=text[phrase.start:phrase.end],
            start=phrase.start, end=phrase.end,
            rule=_VERB if cand.is_verb else _AFTER if (cand.after or cand.verb_after) else
                 _BEFORE if cand.before else _TITLE if phrase.start < title_end else _AS_TITLED,
            sentence=sentences.at(phrase.start),  # capped at MAX_QUOTE characters around the trigger
            date=iso, date_fact=date,
            location=_location(text, sentence[0], clause, reach, index, places),
            orgs=_event_orgs(text, orgs, lexicon),
            counts=tuple(counts),
            money=tuple([f for f in in_sentence if f.kind == "money" and isinstance(f, MoneyFact)]),
            participants=_participants(text, counts, lexicon),
        ))
        evidence.append(_Evidence(
            start=phrase.start, type=type_, dated=iso is not None,
            predicate=bool(cand.after or cand.before or cand.verb_after or cand.is_verb),
            noun=not cand.is_verb,
            planned=_PLANNED.search(text, clause, phrase.start) is not None,
            head=phrase.head[2],
            predicate_word=(text[cand.after[0]:cand.after[1]] if cand.after else cand.before[0] if cand.before
                            else cand.verb_after[2] if cand.verb_after else "")))
    if not arguments:
        log.debug("no event phrase with a predicate")
        return []
    main = _main_index(evidence, text)
    arguments[main].update(main=True, type=_type_as_titled(evidence, main, text))
    return [Event(**event) for event in arguments]


_CLAUSE_BREAK = re.compile(r"[，,；;：:]")


def _clause_span(text: str, sentence: tuple[int, int], pos: int) -> tuple[int, int]:
    """The clause of the sentence holding ``pos``: between the commas or colons around it (a semicolon
    ends a sentence already)."""
    end = _CLAUSE_BREAK.search(text, pos, sentence[1])
    return (_clause_start(text, sentence[0], pos), end.start() if end else sentence[1])


def _owner(fact: Fact, events: list[Event], clauses: list[tuple[int, int]]) -> int:
    """The event a count or an amount of the sentence belongs to: the one whose clause holds it (the
    nearest before it when its clause holds several), else the nearest event before it (…举行签约仪式，
    签约金额达10亿元), else the first. An event named again later in the sentence is its first mention
    (…技能竞赛决赛…举行，…60名选手参加了…竞赛的决赛: the 60 take part in the first)."""
    in_clause = [i for i, (a, b) in enumerate(clauses) if a <= fact.start < b]
    if in_clause:
        before = [i for i in in_clause if events[i].start <= fact.start]
        owner = before[-1] if before else in_clause[0]
    else:
        before = [i for i, e in enumerate(events) if e.start <= fact.start]
        owner = before[-1] if before else 0
    return next(i for i, e in enumerate(events) if e.type == events[owner].type)


def attach_to_own_clause(text: str, events: list[Event], sentences: Sentences) -> list[Event]:
    """Each count and amount of a sentence goes to one event — that of its own clause — instead of to
    every event of the sentence (one amount was the money of four events); then the participants are
    the people counted in the event's own arguments: said to take part (60名选手参加) or, for a type
    with participants (a meeting, a campaign, a competition …), any count of people of its clause
    (组织120名劳动模范…开展疗休养活动)."""
    if not events:
        return events
    lexicon = event_lexicon()
    participant_types = news_participant_types()
    by_sentence: dict[tuple[int, int], list[int]] = {}
    for i, event in enumerate(events):
        by_sentence.setdefault(sentences.span(event.start), []).append(i)
    out = list(events)
    for sentence, members in by_sentence.items():
        if len(members) == 1:  # the usual case: the sentence's facts are its one event's already
            event = events[members[0]]
            if event.participants is None and event.type in participant_types:
                people = _participants(text, list(event.counts), lexicon)
                people = people if people is not None else _people_in(
                    event.counts, _clause_span(text, sentence, event.start))
                out[members[0]] = replace(event, participants=people)
            continue
        group = [events[i] for i in members]
        clauses = [_clause_span(text, sentence, e.start) for e in group]
        facts = {f.start: f for e in group for f in (*e.counts, *e.money)}  # each fact once
        owned: list[list[Fact]] = [[] for _ in group]
        for start in sorted(facts):
            owned[_owner(facts[start], group, clauses)].append(facts[start])
        for k, i in enumerate(members):
            counts = tuple(f for f in owned[k] if isinstance(f, CountFact))
            money = tuple(f for f in owned[k] if isinstance(f, MoneyFact))
            people = _participants(text, list(counts), lexicon)
            if people is None and group[k].type in participant_types:
                people = _people_in(counts, clauses[k])
            out[i] = replace(group[k], counts=counts, money=money, participants=people)
    return out


def _people_in(counts: tuple[CountFact, ...], clause: tuple[int, int]) -> Decimal | None:
    """The largest count of people written in the clause."""
    values = [c.max if c.max is not None else c.min for c in counts
              if clause[0] <= c.start < clause[1] and _counts_people(c)]
    return max((v for v in values if v is not None), default=None)


def _counts_people(count: CountFact) -> bool:
    return count.unit in _PEOPLE_UNITS or (count.entity or "").endswith(_PEOPLE_ENDINGS)


def _run(inp: ExtractorInput) -> list[Event]:
    """The events of civic life, then the report's main event of any family (events/news.py)."""
    places = inp.resources.places
    events = extract_events(inp.text, inp.facts(), inp.sentences, inp.context, places=places)
    events = with_main_event(inp.text, inp.facts(), events, inp.sentences, inp.context.published is not None, places)
    return attach_to_own_clause(inp.text, events, inp.sentences)


EXTRACTOR = Extractor(name="events", kind="event", rules=tuple(rule.name for rule in (*RULES, *NEWS_RULES)), run=_run,
                      needs=("date", "money", "count", "org"))
