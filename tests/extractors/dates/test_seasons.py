"""Solar terms by the formula and its corrections, against the published days."""

from __future__ import annotations

from datetime import date

import pytest

from extractors.dates.seasons import SOLAR_TERMS, solar_term_day


@pytest.mark.parametrize("year, term, day", [
    pytest.param(2023, "立春", date(2023, 2, 4), id="lichun_2023"),
    pytest.param(2024, "清明", date(2024, 4, 4), id="qingming_2024"),
    pytest.param(2025, "冬至", date(2025, 12, 21), id="dongzhi_2025"),
    pytest.param(2021, "小寒", date(2021, 1, 5), id="xiaohan_2021"),
    pytest.param(2019, "小寒", date(2019, 1, 5), id="correction.xiaohan_2019"),
    pytest.param(2026, "雨水", date(2026, 2, 18), id="correction.yushui_2026"),
    pytest.param(2008, "小满", date(2008, 5, 21), id="correction.xiaoman_2008"),
    pytest.param(2016, "小暑", date(2016, 7, 7), id="correction.xiaoshu_2016"),
])
def test_solar_term_day(year: int, term: str, day: date) -> None:
    assert solar_term_day(year, term) == day


def test_every_term_of_a_year_is_in_its_month_and_in_order() -> None:
    days = [solar_term_day(2024, term) for term in SOLAR_TERMS]
    assert len(days) == 24 and days == sorted(days)
    assert all(day.month == SOLAR_TERMS[term][0] for term, day in zip(SOLAR_TERMS, days))


@pytest.mark.parametrize("year", [1999, 2100])
def test_no_day_outside_the_formulas_century(year: int) -> None:
    assert solar_term_day(year, "冬至") is None
