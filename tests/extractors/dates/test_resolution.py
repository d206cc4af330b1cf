"""Resolving dates against the publication date (extractors/dates/resolution.py): years of year-less
months and days, the article's year when there is no publication date, publication date forms."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from extractors.dates import extract_dates


def _found(text: str, published: str | None) -> list:
    return extract_dates(text, date.fromisoformat(published) if published else None)



@pytest.mark.parametrize("published, sentence, surface, iso", [
    pytest.param("2023-01-07", "粮农组织表示，12月指数回落的原因在于植物油价格下跌。", "12月", "2022-12",
                 id="later_month.previous_year"),
    pytest.param("2020-06-24", "11月1日，他回到家乡创办了养殖合作社。", "11月1日", "2019-11-01",
                 id="later_month.previous_year.day"),
    pytest.param("2024-04-27", "北京时间7月26日晚，巴黎奥运会开幕式将在塞纳河上举行。", "7月26日晚", "2024-07-26",
                 id="later_month.future_word_after"),
    pytest.param("2024-04-27", "7月26日，他在塞纳河畔完成了毕业作品展。", "7月26日", "2023-07-26",
                 id="later_month.next_month_past_event"),
    pytest.param("2020-06-24", "计划明确，11月1日起实施新的帮扶办法。", "11月1日", "2020-11-01",
                 id="later_month.prospective"),
    pytest.param("2024-12-01", "叙利亚总统巴沙尔30日表示，将继续捍卫国家稳定。", "30日", "2024-11-30",
                 id="day_alone.previous_month"),
    pytest.param("2023-01-24", "26日至28日，中东部还会受到冷空气影响。", "26日至28日", "2023-01-26/2023-01-28",
                 id="day_alone.days_ahead"),
    pytest.param("2024-11-12", "增加后春节放假4天（农历除夕、正月初一至初三）。", "正月初一至初三",
                 "2025-01-29/2025-01-31", id="lunar.nearest_occurrence"),
    pytest.param("2021-01-20", "12月28日至1月3日，全市开展安全生产大检查。", "12月28日至1月3日", "2020-12-28/2021-01-03",
                 id="range.across_new_year"),
    pytest.param("2023-06-03", "7月1日零时起，经平台备案的车辆可入境。", "7月1日零时", "2023-07-01",
                 id="later_month.prospective.hour_zero"),
    pytest.param("2026-07-15", "他在周一表示将参选到底。", "周一", "2026-07-13",
                 id="weekday.future_of_the_action_is_not_of_the_day"),
    pytest.param("2026-08-03", "气象署说，最快会在周五发布海上台风警报。", "周五", "2026-08-07",
                 id="weekday.ahead_by_a_word_right_before"),
    pytest.param("2024-01-20", "总台《2024年春节联欢晚会》举行新闻发布会。", "2024年", "2024",
                 id="festival.gala_is_not_the_holiday"),
])
def test_year_inference(published, sentence, surface, iso):
    facts = {f.text: f.iso for f in _found(sentence, published)}
    assert facts.get(surface) == iso, facts


def test_without_publication_date_only_written_years_date_anything():
    """FACTS.md §1: no publication date, no relative or inferred dates (the seeds gold of page 001 expects
    今年 → 2020 from the article's own year; FACTS.md wins, see docs/rules-dates.md)."""
    text = "6月2日，甘肃临夏州总工会举办技能竞赛。今年以来，受疫情影响，务工难。去年，合作社赚了15万元。\n福建省总工会启动2020年防暑降温工作。"
    found = {f.text: (f.iso, f.resolved) for f in extract_dates(text)}
    assert found == {"2020年": ("2020", "absolute")}
    dated = {f.text: (f.iso, f.resolved) for f in extract_dates(text, "2020-06-24")}
    assert dated == {"6月2日": ("2020-06-02", "inferred_year"), "今年": ("2020", "relative"),
                     "去年": ("2019", "relative"), "2020年": ("2020", "absolute")}


@pytest.mark.parametrize("sentence", [
    pytest.param("今天上午，本月、昨天和22日的会议都已结束。", id="day_level"),
    pytest.param("今年以来，6月2日，农历正月初四，去年。", id="year_level_without_any_year"),
])
def test_without_publication_date_nothing_needing_it_is_emitted(sentence):
    assert extract_dates(sentence) == []


@pytest.mark.parametrize("published", [
    pytest.param(datetime(2020, 6, 24, 8, 30), id="datetime"),
    pytest.param("2020-06-24T08:00:00", id="iso_string"),
])
def test_publication_date_forms(published):
    assert [f.iso for f in extract_dates("6月22日，今年以来", published)] == ["2020-06-22", "2020"]

