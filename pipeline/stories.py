"""Stories (FACTS.md §3): the main events of several documents that report one real-world event.

A plain function, :func:`cluster_stories`, takes the documents (their main event and what
identifies the report: title, lead, dates, outlet, place, organisations) and returns which
documents form one story. Two reports are *linked* when

* their types are compatible (the same, the same family of harm or justice — a crash reported
  as a death, an arrest reported as the crime — or one of them a statement or `other`:
  reactions stay with their event);
* their dates agree: the events' own dates within a day when both have one (a match of the
  19th local time is reported on the 20th in Taipei), else the reports within
  ``story_window_days``;
* the story they make would not span more than ``story_max_span_days`` of reports (single
  link would otherwise chain a month of similar reports into one);
* they share most of their distinctive content: the overlap of the character bigrams of
  title and lead, each bigram weighted by how rare it is among the documents (a name or a
  place counts, 表示 or 今天 does not), as a share of both documents' weight (Dice), reaches
  ``story_overlap``; a shared place or organisation of the main events lowers that bar to
  ``story_overlap_shared``, events in two different places (or two incidents of harm whose titles
  name places and none in common) raise it to ``story_overlap_elsewhere``,
  reports two or more days apart need ``story_overlap_later`` (the next match, the next night of
  strikes, the next lottery draw share a name, not the event).

A link is not enough to join a story: the report must also be close (within ``story_support`` of
the bar) to ``story_core_share`` of the story's reports — its core, not its latest report — or
single link would chain a tournament or a saga report by report. The function is incremental:
documents that already belong to a story keep it; new documents, in publication order, are
compared with the stored reports and the new ones before them, and join the stories they are
linked to and close to (two such stories are merged into the older one), or start a story of
their own. Run again on the same input it changes nothing.

Reading documents from and writing stories to the database is :mod:`pipeline.story_store`.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from extractors.places import PlaceTable, load_places
from pipeline.options import PipelineOptions
from pipeline.story_index import CODE_TYPE, Candidates, ReportIndex

# Types whose reports may be one real-world event (a crash reported as a death, an arrest as the
# crime, a final as its trophy ceremony). Within a group any two types are compatible.
COMPATIBLE_TYPES: tuple[frozenset[str], ...] = (
    frozenset({"accident", "disaster", "attack", "death", "rescue"}),
    frozenset({"crime", "arrest", "trial", "penalty"}),
    frozenset({"death", "crime", "arrest"}),  # a death reported, then the suspect held (one incident)
    frozenset({"competition", "award", "ceremony"}),
    frozenset({"opening", "launch", "ceremony", "exhibition", "performance"}),
    frozenset({"meeting", "visit", "deal"}),
    frozenset({"policy", "release", "launch"}),
    frozenset({"deal", "financing"}),
    frozenset({"personnel", "layoff"}),
    frozenset({"training", "campaign"}),
)
# Types that go with any event: a reaction, a comment, a report whose event was not recognised.
WILDCARD_TYPES = frozenset({"statement", "other"})
# Types of an incident that happens in one place: two of them in different places are two incidents.
PLACED_TYPES = frozenset({"accident", "disaster", "death", "rescue"})
_TAIWAN = "71"  # the division codes of Taiwan (data/places_supplement.tsv)
_PLACE_MAX = 6  # the longest place name looked up in a title (乌鲁木齐市, 西双版纳州)
# How much of the lead (after the title) identifies the report; the rest is detail.
LEAD_CHARS = 120
# A bigram seen in this share of the documents or more weighs nothing (今天, 表示, 台湾).
_COMMON_SHARE = 0.2
# Bigrams rarer than this share weigh the same: the weights do not depend on the corpus size.
_RARE_SHARE = 0.01
# Documents without the bigram assumed besides those given: in a handful of documents a name seen
# once is still rare, as it would be among thousands.
_PRIOR_DOCUMENTS = 100
# A site or show named after the title: …｜TVBS新闻 @TVBSNEWS01, … - 新闻 - 易读网, …_凤凰资讯.
_SITE_SUFFIX = re.compile(r"(?:\s*[｜|]|\s+-\s+|_)[^｜|_]{0,40}$|@\w+")
_TEMPLATE_MIN_DOCUMENTS = 20
# The rule of a main event read from a title quoting someone (extractors/events/news.py): its trigger is the speaker.
QUOTE_RULE = "event.news.quote"
# The characters of a quoted speaker that name them (a person's name, 国防部), before a verb (王惠美冷回).
_SPEAKER_CHARS = 3
_NOT_TEXT = re.compile(r"[\W_]+")


@dataclass(frozen=True, slots=True)
class StoryDoc:
    """One report: its main event and what identifies it."""

    doc_id: int
    title: str
    lead: str = ""  # the first paragraph after the title
    published: str | None = None  # ISO date of the report
    type: str | None = None  # of the main event
    event_date: str | None = None  # ISO start of the main event's date, when it has one
    outlet: str | None = None
    location: str | None = None
    orgs: tuple[str, ...] = ()
    duplicate_of: int | None = None  # a copy of another document: always in that one's story
    speaker: str | None = None  # who a statement's title quotes (徐佳青 of 徐佳青：合规…), when it does
    story: int | None = None  # the story it already belongs to


@dataclass(frozen=True, slots=True)
class Membership:
    """Where a document goes: an existing story (``story``) or a new one (``group``, shared by the
    documents that start it together), with the rule that put it there and the link's score."""

    doc_id: int
    story: int | None
    group: int  # the smallest doc_id of its story's new members (new stories are numbered by it)
    rule: str  # story.kept | story.first | story.linked | story.supported | story.duplicate
    score: float | None = None


@dataclass(frozen=True, slots=True)
class Clustering:
    """The outcome: a membership for every document, and the stories merged into others."""

    members: tuple[Membership, ...] = ()
    merged: dict[int, int] = field(default_factory=dict)  # absorbed story → the story it joined
    compared: int = 0  # pairs of reports whose overlap was computed (bounded per report by story_candidates)


def types_compatible(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return False
    if a == b or a in WILDCARD_TYPES or b in WILDCARD_TYPES:
        return True
    return any(a in group and b in group for group in COMPATIBLE_TYPES)


def _day(iso: str | None) -> date | None:
    if not iso or len(iso) < 10:
        return None
    try:
        return date.fromisoformat(iso[:10])
    except ValueError:
        return None


def dates_agree(a: StoryDoc, b: StoryDoc, window_days: int) -> bool:
    """Event days within a day when both events have one (and neither is a statement, whose date is
    the day it was said); else reports within the window."""
    da, db = _day(a.event_date), _day(b.event_date)
    if da and db and a.type not in WILDCARD_TYPES and b.type not in WILDCARD_TYPES:
        return abs((da - db).days) <= 1
    pa, pb = _day(a.published), _day(b.published)
    if pa is None or pb is None:
        return pa is None and pb is None  # two undated reports: only their content decides
    return abs((pa - pb).days) <= window_days


def bigrams(text: str) -> frozenset[str]:
    """The character bigrams of a text, never across punctuation or spaces (Latin words count too)."""
    out: set[str] = set()
    for part in _NOT_TEXT.split(text.lower()):
        out.update(part[i:i + 2] for i in range(len(part) - 1))
    return frozenset(out)


def features(doc: StoryDoc) -> frozenset[str]:
    """The bigrams of the title (without a site suffix: …｜TVBS新闻 @TVBSNEWS01, …_凤凰资讯) and the lead's start."""
    return bigrams(_SITE_SUFFIX.sub("", doc.title)) | bigrams(doc.lead[:LEAD_CHARS])


def _remove_templates(docs: Sequence[StoryDoc], codes: list[np.ndarray], vocabulary: int) -> None:
    """Leaves out of each report the bigrams of its outlet's template: in a fifth or more of the
    outlet's reports (of 20 at least) — a show's name, a presenter, a handle. They say who published
    a report, not what it reports. ``codes``: per report (in the order of ``docs``), its bigrams' codes."""
    by_outlet: dict[str, list[int]] = defaultdict(list)
    for i, d in enumerate(docs):
        if d.outlet:
            by_outlet[d.outlet].append(i)
    for members in by_outlet.values():
        if len(members) < _TEMPLATE_MIN_DOCUMENTS:
            continue
        counts = np.bincount(np.concatenate([codes[i] for i in members]), minlength=vocabulary)
        template = counts >= len(members) * _COMMON_SHARE
        for i in members:
            codes[i] = codes[i][~template[codes[i]]]


def bigram_weights(grams: Iterable[Collection[str]]) -> dict[str, float]:
    """How distinctive each bigram is: log(1/share) above a floor, nothing for common ones; the share
    counts ``_PRIOR_DOCUMENTS`` more documents, so that the weights hardly depend on the corpus size."""
    return _weights(*document_frequencies(grams))


def document_frequencies(grams: Iterable[Collection[str]]) -> tuple[dict[str, int], int]:
    """How many documents hold each bigram, and how many documents there are."""
    counts: dict[str, int] = defaultdict(int)
    n = 0
    for doc_grams in grams:
        n += 1
        for g in doc_grams:
            counts[g] += 1
    return counts, n


def _weights(counts: dict[str, int], n: int) -> dict[str, float]:
    if not n:
        return {}
    return {g: _weight(c, n) for g, c in counts.items()}


def _weight(count: int, n: int) -> float:
    """The weight of a bigram held by ``count`` of ``n`` documents."""
    return max(0.0, math.log(1 / max(count / (n + _PRIOR_DOCUMENTS), _RARE_SHARE)) - math.log(1 / _COMMON_SHARE))


def _same_place(a: StoryDoc, b: StoryDoc, places: dict[int, frozenset[str]] | None = None) -> bool | None:
    """True/False when both events have a place (one naming the other counts as the same), else None.
    Two incidents of harm (a crash, a fire, a storm) whose titles name places and no place in common
    happened in two places (法国西南部野火 / 西班牙森林大火): ``places``, the titles' places."""
    if a.location and b.location:
        return a.location in b.location or b.location in a.location
    if places is not None and a.type in PLACED_TYPES and b.type in PLACED_TYPES:
        pa, pb = places.get(a.doc_id), places.get(b.doc_id)
        if pa and pb and not any(x in y or y in x for x in pa for y in pb):
            return False  # a place in common says little (两起台中车祸): only different places count
    return None


def title_places(title: str, table: PlaceTable) -> frozenset[str]:
    """The places a title names (countries, provinces, cities, counties: 法国, 沈阳, 花莲县, and a
    Taiwanese county without its level word: 花莲, 屏东 — a mainland county stem is often a word:
    南部, 和平), the longest where they overlap."""
    found: list[tuple[int, int]] = []
    n = len(title)
    for i in range(n - 1):
        for k in range(min(_PLACE_MAX, n - i), 1, -1):
            w = title[i:i + k]
            county = table.forms.get(w + "县")
            if w in table.forms or w in table.countries or (
                    county is not None and any(table.places[p].code.startswith(_TAIWAN) for p in county.places)):
                found.append((i, i + k))
                break
    spans = [s for s in found if not any(o != s and o[0] <= s[0] and s[1] <= o[1] for o in found)]
    return frozenset(title[a:b] for a, b in spans)


def overlap_needed(a: StoryDoc, b: StoryDoc, options: PipelineOptions,
                   places: dict[int, frozenset[str]] | None = None) -> float:
    """The overlap that links two reports: lower when they share a place or an organisation,
    higher when their events happened in different places (全国…会议在京召开 / 全省…会议在兰州召开)."""
    return max(_overlap_needed_by_content(a, b, options, places), _overlap_needed_by_days(a, b, options))


def _overlap_needed_by_content(a: StoryDoc, b: StoryDoc, options: PipelineOptions,
                               places: dict[int, frozenset[str]] | None = None) -> float:
    place = _same_place(a, b, places)
    if place is False:
        return options.story_overlap_elsewhere
    if a.type in WILDCARD_TYPES or b.type in WILDCARD_TYPES:
        if _speaker_named(a, b) or _speaker_named(b, a):
            return options.story_overlap_statement  # a named actor's words the day the other report names them
        return options.story_overlap_reaction  # a reaction joins its event on its content, not on a name
    if place or set(a.orgs) & set(b.orgs):
        return options.story_overlap_shared
    return options.story_overlap


def _speaker_named(quote: StoryDoc, other: StoryDoc) -> bool:
    """Whether ``quote`` is a statement whose title quotes a speaker that ``other``, reported the same
    day and no statement or `other` itself, names in its title or lead (徐佳青：合规… / 批徐佳青花2300万…).
    The speaker is the words before the colon; their first three characters are the name (王惠美冷回 →
    王惠美, 国防部)."""
    if quote.type != "statement" or not quote.speaker or other.type in WILDCARD_TYPES:
        return False
    if quote.published is None or other.published is None or quote.published[:10] != other.published[:10]:
        return False
    name = quote.speaker[:_SPEAKER_CHARS]
    return len(name) >= 2 and (name in other.title or name in other.lead[:LEAD_CHARS])


def _overlap_needed_by_days(a: StoryDoc, b: StoryDoc, options: PipelineOptions) -> float:
    """Reports of one day or of the next need no more; reports further apart are the next match, the
    next night of strikes, the next draw of a lottery, unless they say much the same."""
    pa, pb = _day(a.published), _day(b.published)
    if pa is None or pb is None or abs((pa - pb).days) < 2:
        return 0.0
    return options.story_overlap_later


class _Groups:
    """Union-find over doc ids, keeping the first and last report day of each group."""

    def __init__(self, docs: Iterable[StoryDoc]):
        self.parent: dict[int, int] = {}
        self.days: dict[int, tuple[date, date] | None] = {}
        self._members: dict[int, list[int]] = {}
        for d in docs:
            self.parent[d.doc_id] = d.doc_id
            self._members[d.doc_id] = [d.doc_id]
            day = _day(d.published)
            self.days[d.doc_id] = (day, day) if day else None

    def span_days(self, a: int, b: int) -> int:
        """Days between the first and the last report of the two groups together."""
        da, db = self.days[self.find(a)], self.days[self.find(b)]
        if da is None or db is None:
            return 0
        return (max(da[1], db[1]) - min(da[0], db[0])).days

    def members(self, x: int) -> list[int]:
        """The documents of x's group."""
        return self._members[self.find(x)]

    def find(self, x: int) -> int:
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            keep, drop = min(ra, rb), max(ra, rb)
            self.parent[drop] = keep
            self._members[keep].extend(self._members.pop(drop))
            da, db = self.days[keep], self.days[drop]
            if da and db:
                self.days[keep] = (min(da[0], db[0]), max(da[1], db[1]))
            else:
                self.days[keep] = da or db


def shared_weight(mine: Sequence[int], theirs: Collection[int], weights: Sequence[float]) -> float:
    """The weight of the bigrams (codes) two reports share, summed in the order of ``mine``."""
    theirs = theirs if isinstance(theirs, (set, frozenset)) else set(theirs)
    return sum(weights[g] for g in mine if g in theirs and weights[g] > 0)


def cluster_stories(docs: Sequence[StoryDoc], options: PipelineOptions) -> Clustering:
    """Stories of the documents (see the module docstring): existing memberships are kept, new
    documents are linked to the reports they share an event with."""
    by_id = {d.doc_id: d for d in docs}
    groups = _Groups(docs)
    first_of_story: dict[int, int] = {}
    for d in docs:  # what is stored already stays together
        if d.story is not None:
            if d.story in first_of_story:
                groups.union(first_of_story[d.story], d.doc_id)
            else:
                first_of_story[d.story] = d.doc_id
    # new reports in the order they were published, so a story grows from its first report
    new = sorted((d for d in docs if d.story is None), key=lambda d: (d.published or "", d.doc_id))
    rank = {d.doc_id: i for i, d in enumerate(new)}
    if not new:
        return _memberships(docs, groups, {})
    rule: dict[int, tuple[str, float | None]] = {}
    copies = set()
    for d in new:
        if d.duplicate_of is not None and d.duplicate_of in by_id:
            groups.union(d.doc_id, d.duplicate_of)
            rule[d.doc_id] = ("story.duplicate", None)
            copies.add(d.doc_id)
    # reports by position, in the order of their ids (candidates of equal weight are taken by id); each
    # report's bigrams as codes of one vocabulary (a set of strings per report would take ten times the
    # memory, most of the stage's with a hundred thousand reports)
    order = sorted(by_id)
    position = {doc_id: i for i, doc_id in enumerate(order)}
    vocabulary: dict[str, int] = {}
    codes = [np.fromiter((vocabulary.setdefault(g, len(vocabulary)) for g in features(by_id[i])), CODE_TYPE)
             for i in order]
    size = len(vocabulary)
    del vocabulary
    table = load_places()
    places = {d.doc_id: title_places(_SITE_SUFFIX.sub("", d.title), table) for d in docs if d.type in PLACED_TYPES}
    _remove_templates([by_id[i] for i in order], codes, size)
    counts = np.zeros(size, np.int64)
    for chunk in _chunks(codes):
        counts += np.bincount(np.concatenate(chunk), minlength=size)
    weights = np.fromiter((_weight(c, len(order)) for c in counts.tolist()), np.float64, size)
    # each report's total weight: its bigrams' weights added in their order (a chunk of reports at a
    # time: one array of every report's bigrams was the stage's largest with a hundred thousand reports)
    total_at = np.zeros(len(order))
    first = 0
    for chunk in _chunks(codes):
        owner = np.repeat(np.arange(len(chunk)), [len(c) for c in chunk])
        total_at[first:first + len(chunk)] = np.bincount(owner, weights=weights[np.concatenate(chunk)],
                                                         minlength=len(chunk))
        first += len(chunk)
    # a bigram of one report links it to none: left out of the index (most of a large corpus's bigrams)
    indexed = (weights > 0) & (counts > 1)
    del counts
    report_day = np.fromiter((day.toordinal() if (day := _day(by_id[i].published)) else -1 for i in order),
                             np.int64, len(order))
    index = ReportIndex(report_day, [c[indexed[c]] for c in codes], weights,
                        np.array([position[d.doc_id] for d in docs if d.story is not None], np.int64),
                        np.array(sorted(position[d.doc_id] for d in new), np.int64))
    # from here on a report's indexed bigrams are all it can share: a bigram of one report is in no
    # other, one that weighs nothing adds nothing (the full codes are dropped: memory)
    codes = index.codes
    reach = max(options.story_window_days, options.story_max_span_days)
    # stored reports are looked up on both sides of a new one; new ones only before it (a pair of new
    # reports is decided from the later one), a day's new reports together
    new_rank = np.full(len(order), -1, np.int64)  # rank of a new report, -1 for a stored one
    for d in new:
        new_rank[position[d.doc_id]] = rank[d.doc_id]
    weak: list[tuple[int, int, float]] = []  # links short of the bar but within story_support of it
    compared = 0  # pairs whose overlap was computed
    lowest = options.story_support * min(options.story_overlap, options.story_overlap_shared,
                                         options.story_overlap_elsewhere, options.story_overlap_reaction)
    batches = _Batches(index, [d for d in new if d.doc_id not in copies], position, order,
                       total_at, new_rank, reach, options, lowest)
    for d in new:
        if d.doc_id in copies:
            continue
        candidates, shared, left_out = batches.of(d)
        compared += len(candidates)
        # the weights are looked up in the numpy array (its float64 is a float: the same sums), not in a
        # list of a Python float per bigram of the vocabulary (~50 MB at 100,000 reports)
        mine = codes[position[d.doc_id]].tolist() if left_out else None
        strong: dict[int, float] = {}  # earlier reports the overlap links d to → score
        close: dict[int, float] = {}  # earlier reports d is close to (within story_support of the bar)
        for other, weight in zip(candidates, shared):
            if left_out:
                weight = shared_weight(mine, codes[position[other]].tolist(), weights)
            o = by_id[other]
            both = float(total_at[position[d.doc_id]] + total_at[position[other]])
            score = 2 * weight / both if both else 0.0
            if score < lowest or weight < options.story_min_shared:
                continue  # short of the lowest bar there is: no need to ask which bar applies
            needed = overlap_needed(d, o, options, places)
            if weight < options.story_min_shared or score < needed * options.story_support:
                continue
            if not types_compatible(d.type, o.type) or not dates_agree(d, o, options.story_window_days):
                continue
            close[other] = score
            if score >= needed:
                strong[other] = score
            elif score >= options.story_support_floor:  # a shared name's lowered bar supports nothing
                weak.append((d.doc_id, other, score))
        for root in sorted({groups.find(o) for o in strong}):
            if groups.find(d.doc_id) == groups.find(root):
                continue
            if groups.span_days(d.doc_id, root) > options.story_max_span_days:
                continue  # one event is not reported over weeks: a chain of similar reports is not one story
            seen = [m for m in groups.members(root) if by_id[m].story is not None or rank[m] < rank[d.doc_id]]
            if not _close_to_core(seen, close, options):
                continue  # close to one report of the story, not to the story
            best = max(score for o, score in strong.items() if groups.find(o) == groups.find(root))
            groups.union(d.doc_id, root)
            if d.doc_id not in copies:
                _, before = rule.get(d.doc_id, ("", None))
                rule[d.doc_id] = ("story.linked", round(max(best, before or 0.0), 3))
            for o, score in strong.items():  # the earlier reports it joins record their best link too
                if by_id[o].story is None and o not in copies and groups.find(o) == groups.find(d.doc_id):
                    name, before = rule.get(o, ("story.linked", None))
                    rule[o] = (name, round(max(score, before or 0.0), 3))
    _join_supported(weak, groups, by_id, copies, rule, options)
    return _memberships(docs, groups, rule, compared)


_CHUNK_REPORTS = 8192


def _chunks(codes: list[np.ndarray]) -> Iterator[list[np.ndarray]]:
    """The reports' codes a few thousand reports at a time."""
    for start in range(0, len(codes), _CHUNK_REPORTS):
        yield codes[start:start + _CHUNK_REPORTS]


class _Batches:
    """The candidates of the new reports, computed for all the new reports of a report day at once
    (a day's reports share their window) when the first of them is looked at, and dropped when the
    last of them has been. A report's candidates are the stored reports and the new ones before it
    that it may reach the lowest bar with (even with all the bigrams left out), at most
    ``story_candidates`` of them, the best first."""

    def __init__(self, index: ReportIndex, new: Sequence[StoryDoc], position: dict[int, int], order: list[int],
                 total: np.ndarray, new_rank: np.ndarray, reach: int, options: PipelineOptions, lowest: float) -> None:
        self.index, self.position, self.order, self.total, self.new_rank = index, position, order, total, new_rank
        self.reach, self.options, self.lowest = reach, options, lowest
        self.day = {d.doc_id: int(index.day[position[d.doc_id]]) for d in new}
        self.members: dict[int, list[int]] = defaultdict(list)
        for d in new:
            self.members[self.day[d.doc_id]].append(d.doc_id)
        self.left = {day: len(ids) for day, ids in self.members.items()}
        self.done: dict[int, dict[int, tuple[list[int], list[float], float]]] = {}

    def of(self, d: StoryDoc) -> tuple[list[int], list[float], float]:
        """The candidates' doc ids (ascending), the weight ``d`` shares with each, and its left-out weight."""
        day = self.day[d.doc_id]
        if day not in self.done:
            self.done[day] = self._compute(self.members[day], day)
        self.left[day] -= 1
        return self.done[day].pop(d.doc_id) if self.left[day] else self.done.pop(day)[d.doc_id]

    def _compute(self, ids: list[int], day: int) -> dict[int, tuple[list[int], list[float], float]]:
        options = self.options
        at = np.array([self.position[i] for i in ids], np.int64)
        found = self.index.candidates(at, None if day < 0 else day, self.reach, options.story_candidate_ceiling)
        rows, others, weights = found.rows, found.others, found.weights
        upper = weights + found.left_out[rows]  # the most each may share
        both = self.total[at[rows]] + self.total[others]
        keep = self.new_rank[others] <= self.new_rank[at[rows]]  # stored ones (-1) and the new ones before
        keep &= upper >= options.story_min_shared
        with np.errstate(divide="ignore", invalid="ignore"):
            keep &= (both == 0) | ~(2 * upper / both < self.lowest)
        rows, others, weights = rows[keep], others[keep], weights[keep]
        best = np.lexsort((others, -weights, rows))  # per row, the best first
        rows, others, weights = rows[best], others[best], weights[best]
        starts = np.searchsorted(rows, np.arange(len(ids) + 1))
        top = np.arange(len(rows)) - starts[rows] < options.story_candidates
        rows, others, weights = rows[top], others[top], weights[top]
        by_id = np.lexsort((others, rows))
        rows, others, weights = rows[by_id], others[by_id], weights[by_id]
        bounds = np.searchsorted(rows, np.arange(len(ids) + 1)).tolist()
        doc_ids, weights_list, left_out = [self.order[o] for o in others.tolist()], weights.tolist(), found.left_out.tolist()
        return {doc_id: (doc_ids[bounds[r]:bounds[r + 1]], weights_list[bounds[r]:bounds[r + 1]], left_out[r])
                for r, doc_id in enumerate(ids)}


def _close_to_core(members: list[int], close: dict[int, float], options: PipelineOptions) -> bool:
    """Whether a report is close (within ``story_support`` of the bar) to ``story_core_share`` of a
    story's reports: a story grows from what most of its reports say, not from its latest report
    (single link would chain the matches of a tournament, the nights of a war, day after day)."""
    return sum(1 for m in members if m in close) >= options.story_core_share * len(members)


def _join_supported(weak: list[tuple[int, int, float]], groups: "_Groups", by_id: dict[int, StoryDoc],
                    copies: set[int], rule: dict[int, tuple[str, float | None]], options: PipelineOptions) -> None:
    """A report whose overlap with a story falls short of the bar for each report but comes within
    ``story_support`` of it for ``story_support_links`` of the story's reports joins that story: the
    tenth report of a World Cup final shares a little with each of the nine others. Decided on the
    stories the strong links made, once, in the order of the reports."""
    support: dict[tuple[int, int], list[float]] = defaultdict(list)  # (document, story root) → scores
    for a, b, score in weak:
        for doc_id, other in ((a, b), (b, a)):
            support[(doc_id, groups.find(other))].append(score)
    for (doc_id, root), scores in sorted(support.items()):
        if len(scores) < options.story_support_links or groups.find(doc_id) == groups.find(root):
            continue
        if groups.span_days(doc_id, root) > options.story_max_span_days:
            continue
        groups.union(doc_id, root)
        if by_id[doc_id].story is None and doc_id not in copies:
            rule.setdefault(doc_id, ("story.supported", round(max(scores), 3)))


def _memberships(docs: Sequence[StoryDoc], groups: _Groups,
                 rule: dict[int, tuple[str, float | None]], compared: int = 0) -> Clustering:
    stories_of: dict[int, set[int]] = defaultdict(set)
    for d in docs:
        if d.story is not None:
            stories_of[groups.find(d.doc_id)].add(d.story)
    merged: dict[int, int] = {}
    members = []
    for d in docs:
        root = groups.find(d.doc_id)
        existing = stories_of.get(root)
        story = min(existing) if existing else None
        if existing:
            merged.update({s: story for s in existing if s != story})
        if d.story is not None and d.story == story:
            members.append(Membership(d.doc_id, story, root, "story.kept"))
            continue
        name, score = rule.get(d.doc_id, ("story.first", None))
        members.append(Membership(d.doc_id, story, root, name, score))
    return Clustering(tuple(members), merged, compared)
