"""The one numeral parser (extractors.numbers): every form, ranges, approximation words, the fragments."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractors.numbers import (
    ADJACENT_RANGE_PATTERN, APPROX_AFTER_PATTERN, NUMBER_PATTERN, RANGE_PATTERN, alternation, approximation, bounds, normalise_digits,
    number_scanner, parse_number, parse_range,
)

FORMS = [
    pytest.param("601,293.11", "601293.11", id="arabic.thousands_and_decimals"),
    pytest.param("82，225.00", "82225", id="arabic.fullwidth_comma"),
    pytest.param("１２３", "123", id="arabic.fullwidth_digits"),
    pytest.param("１.５亿", "150000000", id="mixed.fullwidth_with_multiplier"),
    pytest.param("1.2万", "12000", id="mixed.decimal_wan"),
    pytest.param("6.5 万", "65000", id="mixed.space_before_multiplier"),
    pytest.param("3千万", "30000000", id="mixed.two_multipliers"),
    pytest.param("1.5亿", "150000000", id="mixed.yi"),
    pytest.param("12万3千", "123000", id="mixed.two_groups"),
    pytest.param("9佰", "900", id="mixed.financial_unit"),
    pytest.param("一千二百", "1200", id="chinese.units"),
    pytest.param("一万二千三百四十五", "12345", id="chinese.long"),
    pytest.param("二〇二〇", "2020", id="chinese.digit_by_digit"),
    pytest.param("两", "2", id="chinese.liang"),
    pytest.param("两百", "200", id="chinese.liang_hundred"),
    pytest.param("十五", "15", id="chinese.leading_ten"),
    pytest.param("三十五", "35", id="chinese.tens"),
    pytest.param("廿三", "23", id="chinese.nian"),
    pytest.param("卅", "30", id="chinese.sa"),
    pytest.param("一千零五", "1005", id="chinese.inner_zero"),
    pytest.param("三千五", "3500", id="chinese.colloquial_tail"),
    pytest.param("三点五万", "35000", id="chinese.decimal_point"),
    pytest.param("壹仟玖佰", "1900", id="financial.full"),
    pytest.param("肆佰叁拾萬", "4300000", id="financial.traditional_wan"),
    pytest.param("万", "10000", id="bare.multiplier"),
    pytest.param("51万9000", "519000", id="mixed.wan_and_rest"),
]


@pytest.mark.parametrize("text, expected", FORMS)
def test_parse_number_reads_every_form(text: str, expected: str) -> None:
    assert parse_number(text) == Decimal(expected)


@pytest.mark.parametrize("text", [
    pytest.param("", id="empty"),
    pytest.param("abc", id="latin"),
    pytest.param("十几", id="vague.shiji"),
    pytest.param("几十", id="vague.jishi"),
    pytest.param("数千", id="vague.shu"),
    pytest.param("八九十", id="range_is_not_one_number"),
    pytest.param("12元", id="currency_is_not_part"),
])
def test_parse_number_returns_none_on_what_is_not_one_number(text: str) -> None:
    assert parse_number(text) is None


@given(st.text(max_size=30))
def test_parse_number_never_raises(text: str) -> None:
    result = parse_number(text)
    assert result is None or isinstance(result, Decimal)


@given(st.integers(min_value=0, max_value=10**15))
def test_arabic_round_trip_with_separators_and_fullwidth(n: int) -> None:
    fullwidth = str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    assert parse_number(str(n)) == n
    assert parse_number(f"{n:,}") == n
    assert parse_number(fullwidth) == n


def test_integral_values_have_no_exponent_or_trailing_zero() -> None:
    assert str(parse_number("1.2万")) == "12000"
    assert str(parse_number("82，225.00")) == "82225"
    assert str(parse_number("0.50")) == "0.5"


RANGES = [
    pytest.param("20-30", ("20", "30"), id="range.dash"),
    pytest.param("20—30", ("20", "30"), id="range.em_dash"),
    pytest.param("5000至1万", ("5000", "10000"), id="range.left_keeps_own_scale"),
    pytest.param("1-2万", ("10000", "20000"), id="range.left_borrows_wan"),
    pytest.param("3至5千万", ("30000000", "50000000"), id="range.left_borrows_qianwan"),
    pytest.param("一千到两千万", ("10000000", "20000000"), id="range.left_borrows_only_bigger_units"),
    pytest.param("两到三万", ("20000", "30000"), id="range.chinese_to"),
    pytest.param("八九十", ("80", "90"), id="adjacent.tens"),
    pytest.param("三四百", ("300", "400"), id="adjacent.hundreds"),
    pytest.param("十七八", ("17", "18"), id="adjacent.units_after_ten"),
    pytest.param("三五", ("3", "5"), id="adjacent.three_five"),
]


@pytest.mark.parametrize("text, expected", RANGES)
def test_parse_range(text: str, expected: tuple[str, str]) -> None:
    assert parse_range(text) == (Decimal(expected[0]), Decimal(expected[1]))


@pytest.mark.parametrize("text", [
    pytest.param("30-20", id="descending"),
    pytest.param("一二三", id="digit_list"),
    pytest.param("二〇二〇", id="year_digits"),
    pytest.param("abc-def", id="junk"),
    pytest.param("2019-20亿", id="ends_of_different_scales"),
])
def test_parse_range_rejects(text: str) -> None:
    assert parse_range(text) is None


@pytest.mark.parametrize("before, inside, after, expected", [
    pytest.param("约", None, None, "about", id="about.before"),
    pytest.param(None, None, "左右", "about", id="about.after"),
    pytest.param("近", None, None, "under", id="under.before"),
    pytest.param(None, None, "以下", "under", id="under.after"),
    pytest.param("超过", None, None, "over", id="over.before"),
    pytest.param(None, "余", None, "over", id="over.inside"),
    pytest.param("上", None, None, "over", id="over.magnitude"),
    pytest.param("约合", None, None, "about", id="about.yuehe"),
    pytest.param("大约", "多", None, "over", id="inside_beats_before"),
    pytest.param(None, None, None, None, id="exact"),
])
def test_approximation(before, inside, after, expected) -> None:
    assert approximation(before, inside, after) == expected


def test_bounds_follow_facts_md() -> None:
    ten = Decimal(10)
    assert bounds(ten, "over") == (ten, None)
    assert bounds(ten, "under") == (None, ten)
    assert bounds(ten, "about") == (ten, ten)
    assert bounds(ten, None) == (ten, ten)


def test_number_pattern_finds_numbers_in_a_sentence() -> None:
    sentence = "组织 760家企业、2800 个班组、6.5 万职工参加，资金601,293.11元，达到15，2021年起一千二百人参与。"
    found = [m.group() for m in re.finditer(NUMBER_PATTERN, sentence)]
    assert found == ["760", "2800", "6.5 万", "601,293.11", "15", "2021", "一千二百"]


@pytest.mark.parametrize("text, number", [
    pytest.param("罚款新台币51万9000元", "51万9000", id="wan_and_four_digits"),
    pytest.param("月薪3万5，包吃住", "3万", id="colloquial_tail_left_alone"),
    pytest.param("投资1亿2000万元", "1亿2000万", id="yi_and_wan"),
])
def test_number_pattern_reads_the_rest_after_wan(text: str, number: str) -> None:
    assert re.search(NUMBER_PATTERN, text).group() == number


@pytest.mark.parametrize("text, word", [
    pytest.param("300人左右", "左右", id="about"),
    pytest.param("1000家上下", "上下", id="about.shangxia"),
    pytest.param("3.7万多家上下游供应商", None, id="shangxia_you_is_a_word"),
])
def test_approximation_word_after_a_number(text: str, word: str | None) -> None:
    m = re.search(rf"[家人]({APPROX_AFTER_PATTERN})?", text)
    assert m.group(1) == word


def test_range_and_adjacent_patterns_embed_in_larger_rules() -> None:
    assert re.fullmatch(rf"{RANGE_PATTERN}元", "5000至1万元")
    assert re.fullmatch(rf"{ADJACENT_RANGE_PATTERN}元", "八九十元")
    assert not re.fullmatch(ADJACENT_RANGE_PATTERN, "二十")


def test_alternation_prefers_the_longest_word() -> None:
    pattern = re.compile(alternation(["上", "以上", "人", "人次"]))
    assert [m.group() for m in pattern.finditer("人次以上人上")] == ["人次", "以上", "人", "上"]


def test_number_scanner_keeps_only_numbers_before_the_given_tail() -> None:
    scanner = number_scanner("元", preceded_by=["￥"])
    text = "共有60名选手，奖金3000元，另付￥500，2021年。"
    assert [m.group() for m in scanner.finditer(text)] == ["3000", "500"]


def test_normalise_digits() -> None:
    assert normalise_digits("８２，２２５．００") == "82225.00"
