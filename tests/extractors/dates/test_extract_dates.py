"""extract_dates (extractors/dates/__init__.py) on whole texts: odd input, random text, the gold answers of
the sample pages and JioNLP's cases that fall under FACTS.md's conventions."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.dates import extract_dates
from tests.conftest import CORPUS, shared_path

ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?(/\d{4}(-\d{2}(-\d{2})?)?)?$")


def _found(text: str, published: str | None) -> list:
    return extract_dates(text, date.fromisoformat(published) if published else None)



@pytest.mark.parametrize("text", [None, "", 42, "\n\n", "年月日号" * 50, "2020年13月45日", "0000年00月00日", "十十十五五五"])
def test_odd_input_returns_something_sane(text):
    for fact in extract_dates(text, date(2020, 6, 24)):
        assert ISO.match(fact.iso), fact


_DATE_CHARS = "0123456789０１２年月日号至今去明前上下本初底末旬季度十一二三四五六七八九〇农历正腊世纪代—-.：（）“”春节 "


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_DATE_CHARS + "的了在是和", max_size=60))
def test_random_date_like_text_never_breaks_the_contract(text):
    for fact in extract_dates(text, date(2021, 3, 22)):
        assert text[fact.start:fact.end] == fact.text
        assert ISO.match(fact.iso), fact
        assert fact.granularity in {"day", "month", "year", "range"}
        assert fact.resolved in {"absolute", "inferred_year", "relative"}
        assert (fact.granularity == "range") == ("/" in fact.iso)



# --- the hand-made answers for the sample pages ----------------------------------------------
def _gold_rows():
    with open(shared_path("gold", "seeds.jsonl"), encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def test_gold_dates_of_the_simplified_sample_pages():
    """Every non-optional gold date of the Simplified pages, read from its line of the page (on a page without a
    publication date, those that need one are left out: FACTS.md §1 over the seeds gold)."""
    checked = 0
    for row in _gold_rows():
        if row["script"] != "hans":
            continue
        text = (CORPUS / row["doc"]).read_text(encoding="utf-8")
        lines = text.split("\n")
        published = date.fromisoformat(row["published"]) if row["published"] else None
        found = extract_dates(text, published)
        for gold in row["facts"]:
            if gold["kind"] != "date" or gold.get("optional"):
                continue
            if published is None and gold["value"]["resolved"] in ("relative", "inferred_year"):
                continue  # FACTS.md §1: not resolved without a publication date (the gold of pages 001/004 does)
            line_start = sum(len(line) + 1 for line in lines[:gold["line"] - 1])
            line_end = line_start + len(lines[gold["line"] - 1])
            at_line = {(f.text, f.iso) for f in found if line_start <= f.start < line_end}
            assert (gold["text"], gold["value"]["iso"]) in at_line, (row["doc"], gold, at_line)
            checked += 1
    assert checked >= 10  # 11 on the pages with a publication date; 21 more on the two without need one


# --- JioNLP's own time-parsing cases that fall under FACTS.md's conventions -------------------
JIONLP_AGREED = [0, 2, 6, 18, 19, 20, 22, 24, 25, 27, 28, 29, 31, 32, 33, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 47,
                 56, 57, 58, 59, 62, 81, 82, 92, 95, 96, 99, 111, 112, 113, 114, 118, 120, 136, 137, 138, 139, 148,
                 150, 151, 159, 160, 161, 173, 174, 176, 205, 216, 218, 233, 235, 386]


def _jionlp_cases(name: str) -> dict[str, dict]:
    with open(shared_path("peer-dev", name), encoding="utf-8") as f:
        return {row["id"]: row for row in map(json.loads, f)}


@pytest.mark.parametrize("number", JIONLP_AGREED, ids=lambda n: f"jionlp_time_parse:{n}")
def test_jionlp_time_parse(number):
    row = _jionlp_cases("jionlp_time_parse.jsonl")[f"jionlp_time_parse:{number}"]
    expected = row["expected"][0]
    found = {f.iso for f in _found(row["text"], row["ref_date"])
             if f.start < expected["end"] and expected["start"] < f.end}
    assert expected["value"]["iso"] in found, (row["text"], found)


def test_jionlp_time_extract_negatives():
    rows = [r for r in _jionlp_cases("jionlp_time_extract.jsonl").values() if not r["expected"]]
    assert len(rows) >= 10
    for row in rows:
        assert extract_dates(row["text"], date(2021, 6, 14)) == [], row["text"]
