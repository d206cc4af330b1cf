"""The rules of the organisation extractor: each names one way a mention is found (the fact's ``rule``).

The scan (:mod:`extractors.orgs.scan`) takes every rule name from here, so that the table lists every
rule a fact can carry; tests check it against the facts found on the corpus.
"""

from __future__ import annotations

from extractors.protocol import NamedRule

__all__ = ["RULES", "NATIONAL", "COUNTRY", "ZONE", "PLACE", "TOWN", "ABBREVIATION", "NAMED", "SUB_UNIT", "EMBASSY", "CUE", "MEDIA_TITLE"]


RULES: tuple[NamedRule, ...] = (
    NamedRule("org.national", "a whole name from data/national_orgs.tsv (国务院, 全总, 新华社)"),
    NamedRule("org.country", "a foreign country then a government word (美国|国务院, 英|政府)"),
    NamedRule("org.zone", "a development zone then a body (青岛高新区|总工会)"),
    NamedRule("org.place", "a place or a chain of places then a body (临夏州|人大常委会)"),
    NamedRule("org.town", "a town, township or village then a body (安海镇|总工会)"),
    NamedRule("org.abbreviation", "a bare level word then a body, the place resolved from the document (省|总工会)"),
    NamedRule("org.named", "a proper name closed by a company/school/media/social body, its left edge scanned for"),
    NamedRule("org.sub_unit", "an office or unit written right after its parent (临夏州委|办公室, 县公安局|交警大队)"),
    NamedRule("org.embassy", "a country's embassy or consulate somewhere (中国驻日本大使馆)"),
    NamedRule("org.cue", "a name without a body, closed by a cue word of data/org_cues.tsv (通灵珠宝|总裁, THQ|旗下)"),
    NamedRule("org.media_title", "a newspaper or magazine named in title marks (《费加罗报》, 《财新周刊》; data/media_titles.tsv)"),
)
NATIONAL, COUNTRY, ZONE, PLACE, TOWN, ABBREVIATION, NAMED, SUB_UNIT, EMBASSY, CUE, MEDIA_TITLE = (rule.name for rule in RULES)
