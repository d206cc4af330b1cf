"""The one reader of publication dates (extractors/publication_date.py), used by cleaning, the context and dates."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from extractors.context import DocumentContext
from extractors.dates import extract_dates
from extractors.publication_date import iso_date, parse_date


@pytest.mark.parametrize(("value", "expected"), [
    pytest.param("2020年6月24日", date(2020, 6, 24), id="chinese"),
    pytest.param("更新于:2020年6月24日 10:32", date(2020, 6, 24), id="labelled"),
    pytest.param("發布時間:2021-03-22", date(2021, 3, 22), id="labelled_traditional"),
    pytest.param("2021-03-22", date(2021, 3, 22), id="iso"),
    pytest.param("2024-01-12T08:00:00+08:00", date(2024, 1, 12), id="iso_datetime"),
    pytest.param("2021.3.2", date(2021, 3, 2), id="dots"),
    pytest.param("2021/03/22", date(2021, 3, 22), id="slashes"),
    pytest.param("2021/02/30", None, id="invalid_day"),
    pytest.param("阅读:13104", None, id="no_date"),
    pytest.param("", None, id="empty"),
    pytest.param(None, None, id="none"),
    pytest.param(date(2020, 6, 24), date(2020, 6, 24), id="date"),
    pytest.param(datetime(2020, 6, 24, 8, 30), date(2020, 6, 24), id="datetime"),
])
def test_parse_date(value, expected) -> None:
    assert parse_date(value) == expected
    assert type(parse_date(value)) in (date, type(None))  # never a datetime


@pytest.mark.parametrize(("text", "iso"), [
    pytest.param("2020年6月24日", "2020-06-24", id="ymd_chinese"),
    pytest.param("2021-03-22", "2021-03-22", id="iso"),
    pytest.param("2021.3.2", "2021-03-02", id="dots"),
    pytest.param("2021/02/30", None, id="invalid_day"),
    pytest.param("18-03-08", "2018-03-08", id="two_digit_year_alone"),
    pytest.param("第18-03-08号", None, id="two_digit_year_inside_other_text"),
])
def test_iso_date(text: str, iso: str | None) -> None:
    assert iso_date(text) == iso


@pytest.mark.parametrize("published", [
    pytest.param("2020-06-24", id="iso_string"),
    pytest.param("2020-06-24T09:00:00", id="iso_datetime_string"),
    pytest.param("2020年6月24日", id="chinese_string"),
    pytest.param(date(2020, 6, 24), id="date"),
    pytest.param(datetime(2020, 6, 24, 9), id="datetime"),
])
def test_context_and_dates_read_the_same_publication_date(published) -> None:
    """The document's context and the date extractor resolve 6月22日 and 昨天 the same, whatever the form."""
    text = "6月22日，技能竞赛决赛在和政县举行。昨天，选手们返回各自岗位。"
    assert DocumentContext.make(published).published == date(2020, 6, 24)
    found = {f.text: f.iso for f in extract_dates(text, published)}
    assert found == {"6月22日": "2020-06-22", "昨天": "2020-06-23"}
