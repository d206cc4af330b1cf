"""Bodies found from lists rather than from a body word: national, international and Taiwanese bodies by name
(rule ``org.national``, ``data/national_orgs.tsv``), embassies, and a foreign country then a government word,
an agency, an army or a party (rule ``org.country``: 美国|国务院, 叙利亚|军方, 博茨瓦纳|民主党).

:class:`ListedBodies` is a part of :class:`~extractors.orgs.scan.OrgScan` (split out of it to keep modules
short): it uses the scan's word boundaries (``_name_boundary``, ``_verb_ends_at``, ``_starts_other_word``,
``_holds_stop``) and its lexicon, verbs and page currency.
"""

from __future__ import annotations

import functools
import re

from extractors.orgs.candidates import DIGITS as _DIGITS, NUMERALS as _NUMERALS, Candidate as _Candidate
from extractors.orgs.lexicon import _country_body_pattern, _country_pattern, _national_pattern, countries, national_orgs
from extractors.orgs.rules import COUNTRY, EMBASSY, NATIONAL, SUB_UNIT
from extractors.orgs.units import embassies, unit_after
from extractors.wordlists import scanned_words

__all__ = ["ListedBodies"]

_NATIONAL_MARKERS = ("中国", "我国", "中方")  # 中国外交部 is ours, 俄罗斯外交部 is not
_COUNTRY_FREE_BODY = re.compile(r"([\u4e00-\u9fff]{1,6}?)(部|局|署|委员会)")


class ListedBodies:
    """The listed-body rules of :class:`~extractors.orgs.scan.OrgScan`."""

    def national(self) -> list[_Candidate]:
        text, table, found = self.text, national_orgs(), []
        ends: set[int] = set()  # 银监会|证监会|保监会: a list written without commas
        # strict: a short form after a boundary only; a full name of four characters or more anywhere (开庭|渣打银行)
        for start, end, surface in scanned_words(_national_pattern(), text):
            org = table[surface]
            if org.strict and (surface != org.name or len(surface) < 4) and not (self._name_boundary(start) or text.endswith(_NATIONAL_MARKERS, 0, start)
                                   or self._verb_ends_at(start) or start in ends):
                continue
            if org.mainland and self.currency != "CNY":
                continue  # 党中央 on a Taiwanese page: a party's headquarters
            if start > 0 and text[start - 1] in org.not_prev:
                continue  # 在|白宫: the building
            if end < len(text) and (text[end] in org.not_next or (org.name.endswith("部") and text[end] in "门分署队件位")):
                continue
            if org.type == "company" and surface != org.name and text.startswith(self.lexicon.product_words, end):
                continue  # 腾讯|视频, 百度|贴吧, 美团|外卖: a product or a service, not the company
            found.append(self._with_unit(_Candidate(start, end, org.name, org.type, NATIONAL)))
            ends.add(end)
        for start, end, name in embassies(text, _country_forms()):
            found.append(_Candidate(start, end, name, "government", EMBASSY))
        return found

    def _with_unit(self, candidate: _Candidate) -> _Candidate:
        """The candidate with a unit of data/org_units.tsv written right after it (民政部|社会救助司)."""
        unit = unit_after(self.text, candidate.end, candidate.name)
        if unit is None:
            return candidate
        return _Candidate(candidate.start, candidate.end + len(unit), candidate.name + unit, candidate.type, SUB_UNIT)

    def country(self) -> list[_Candidate]:
        """A country then a government word (美国国务院, 英政府, 日本国会), or a country then a short
        name and 部/局/署/委员会 (美国国土安全部, 美国联邦通信委员会)."""
        text, table, bodies, found = self.text, countries(), self.lexicon.country_bodies, []
        body_after = _country_body_pattern()
        for start, end, words in scanned_words(_country_pattern(), text):
            written = words if words in table else words[0]
            if len(written) == 1:  # 美政府: the pattern holds the body
                if start > 0 and (text[start - 1] in _DIGITS or text[start - 1] in _NUMERALS):
                    continue  # 15日政府宣布: a date, not 日本
                type_ = bodies.get(words[1:])
            elif (body := body_after.match(text, end)) is not None and not self._starts_other_word(body.start(), body.end()):
                end, type_ = body.end(), bodies[body.group()]
            else:
                type_ = None
            listed = type_ is not None and len(written) > 1  # 法国|队, 美国|国务院: a listed body after a full name
            if type_ is None:
                free = _COUNTRY_FREE_BODY.match(text, end)
                if free is None or len(free.group(1)) < 2 or free.group(1)[-1] in "东南西北中内外" \
                        or self._holds_stop(free.group(1)) or self._starts_other_word(free.start(2), free.end()) \
                        or text[free.start(2) - 1:free.end()] in self.verbs:
                    continue  # 美国南部, 德国部署, 阿根廷签署, 俄罗斯库尔斯克州局势
                end, type_ = free.end(), "government"
            if not (self._name_boundary(start) or (listed and self._verb_ends_at(start))):  # tested last: most
                continue  # countries are followed by no body at all. 欧美国家; 战胜|南非队 (not 为什么美|国会如此)
            country = written if type_ == "party" and len(written) > 1 else table[written].name  # a party's own name
            found.append(self._with_unit(_Candidate(start, end, country + text[start + len(written):end], type_, COUNTRY)))
        return found


@functools.cache
def _country_forms() -> tuple[str, ...]:
    """Written forms of foreign countries and China (two characters or more), longest first."""
    return tuple(sorted((form for form in countries() if len(form) >= 2), key=len, reverse=True))
