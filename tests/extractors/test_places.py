"""The place table (extractors/places.py): the forms the scans look up, the countries, and how it is held."""

from __future__ import annotations

import pytest

from extractors.places import load_countries, load_places
from extractors.protocol import SHARED_RESOURCES, Resources


@pytest.fixture(scope="module")
def places():
    return SHARED_RESOURCES.places


def test_place_table_keeps_written_short_forms(places) -> None:
    forms = places.forms
    assert forms["临夏州"].level_char == "州"
    # a county since renamed a district is found under both names, one of them as a variant
    assert {forms["繁昌区"].variant, forms["繁昌县"].variant} == {True, False}
    assert forms["甘肃"].level_char is None
    assert "城区" not in forms  # an ordinary word (level_words.txt), not a place
    assert forms["嘉义县"].level_char == "县" and forms["北市"].alias_of == "台北市"  # the Taiwan supplement
    assert forms["韩国"].country == "韩国" and "中国" not in forms  # China is part of company names


@pytest.mark.parametrize(("text", "end", "form"), [
    pytest.param("在甘肃省临夏州和政县举行", 10, "和政县", id="county"),
    pytest.param("在甘肃省临夏州和政县举行", 7, "临夏州", id="prefecture"),
    pytest.param("新疆维吾尔自治区召开会议", 8, "新疆维吾尔自治区", id="official_name"),
    pytest.param("北市府今天宣布", 2, "北市", id="taiwan_short_form"),
])
def test_form_ending_at_finds_the_longest_form(places, text: str, end: int, form: str) -> None:
    found = places.form_ending_at(text, end, places.lengths)
    assert found is not None and found.form == form


def test_stem_tail_finds_where_bare_stems_may_end(places) -> None:
    text = "记者从甘肃了解到"
    starts = [m.start() for m in places.stem_tail.finditer(text)]
    assert 3 in starts  # 甘肃 ends at 5: its last two characters begin at 3
    assert places.form_ending_at(text, 5, places.stem_lengths).form == "甘肃"


def test_level_ends_are_the_level_characters(places) -> None:
    assert places.level_ends == frozenset("省市区县州旗盟")
    assert {"城", "全", "各"} <= places.level_words


def test_countries_know_short_forms_and_home() -> None:
    table = load_countries()
    assert table["俄"].name == "俄罗斯" and table["美利坚合众国"].name == "美国"
    assert table["中国"].home and not table["日本"].home


def test_resources_load_the_table_once_and_keep_it() -> None:
    resources = Resources()
    first = resources.places
    assert resources.places is first  # kept by the holder, not reloaded
    fresh = load_places()  # the loader itself keeps nothing: a new table, equal in content
    assert fresh is not first and fresh.forms.keys() == first.forms.keys()
