"""The date prefilter (extractors/dates/prefilter.py): what it reads off the rules, and that the stretches
find exactly what running every rule on the whole text finds."""

from __future__ import annotations

import json
import re
from datetime import date
from re import _parser

import pytest

from extractors import dates
from extractors.dates import extract_dates, prefilter
from extractors.dates.rules import RULES
from tests.conftest import CORPUS, shared_path


@pytest.mark.parametrize(("chars", "inside"), [
    pytest.param("0123456789０１２年月日号至今去明旬季度农历", True, id="date_characters"),
    pytest.param("的了在是公司。，", False, id="prose"),
])
def test_alphabet_is_what_the_rules_consume(chars: str, inside: bool) -> None:
    alphabet = re.compile(f"[{prefilter.ALPHABET}]")
    assert all(bool(alphabet.match(c)) == inside for c in chars), chars
    assert set(chars) <= prefilter.ALPHABET_CHARS if inside else not set(chars) & prefilter.ALPHABET_CHARS


def test_trimmed_edges_are_read_off_the_rules() -> None:
    assert {"日", "月", "号", "、", "至"} <= prefilter._NEVER_FIRST  # they end or join dates, never begin one
    assert {"、", "今", "第"} <= prefilter._NEVER_LAST  # they begin or join dates, never end one
    assert "至" not in prefilter._NEVER_LAST  # it joins ranges, and ends 冬至 and 夏至 (date.solar_term)
    assert not set("0123456789") & (prefilter._NEVER_FIRST | prefilter._NEVER_LAST)


@pytest.mark.parametrize(("pattern", "problem"), [
    pytest.param("[^年月]日", "negated class", id="negated_class"),
    pytest.param("[^年]日", "NOT_LITERAL", id="negated_character"),
    pytest.param(r"\d日", "class the prefilter cannot read", id="category_class"),
    pytest.param("(?P<d>[0-9])(?P=d)日", None, id="group_reference_inside_is_fine"),
])
def test_prefilter_reads_a_pattern_or_says_why_not(pattern: str, problem: str | None) -> None:
    tree = _parser.parse(pattern)
    if problem is None:
        assert prefilter._consumable(tree)
    else:
        with pytest.raises(ValueError, match=problem):
            prefilter._consumable(tree)


def test_every_key_alternative_starts_with_what_the_stretch_finder_looks_for():
    for rule in RULES:
        for alternative in rule.keys.split():
            assert alternative[0] == "#" or alternative[0] in prefilter._STRETCH_KEYS, (rule.name, alternative)
            assert alternative[0] in prefilter.ALPHABET_CHARS or alternative[0] == "#", (rule.name, alternative)


def _full_scan(text: str, published: date | None) -> list[tuple[int, int, str, str]]:
    """What extract_dates would give if every rule scanned the whole text."""
    candidates = [dates._Candidate(m.start() - m.end(), i, m.start(), m.end(), m)
                  for i, rule in enumerate(RULES) for m in rule.pattern.finditer(text) if m.end() > m.start()]
    year = published.year if published else dates._article_year(dates._select(candidates, dates.Anchor(None, None)))
    anchor = dates.Anchor(published, year)
    return [(c.start, c.end, c.rule.name, r.iso) for c, r in dates._select(candidates, anchor)
            if published is not None or r.resolved not in ("relative", "inferred_year")]  # FACTS.md §1


def _stretch_scan(text: str, published: date | None) -> list[tuple[int, int, str, str]]:
    return [(f.start, f.end, f.rule, f.iso) for f in extract_dates(text, published)]


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.txt")), ids=lambda p: p.name[:3])
@pytest.mark.parametrize("published", [None, date(2020, 6, 24)], ids=["undated", "dated"])
def test_stretches_find_what_a_full_scan_finds_on_the_sample_pages(path, published):
    text = path.read_text(encoding="utf-8")
    assert _stretch_scan(text, published) == _full_scan(text, published)


def _date_rich_texts() -> list[str]:
    texts = [path.read_text(encoding="utf-8") for path in sorted(CORPUS.glob("*.txt"))]
    for parts in (("bench", "xwlb_2022_2024.jsonl"), ("peer-dev", "jionlp_time_extract.jsonl"),
                  ("peer-dev", "jionlp_time_parse.jsonl")):
        with open(shared_path(*parts), encoding="utf-8") as f:
            texts += [json.loads(line)["text"] for _, line in zip(range(3000), f)]
    return texts


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
def test_no_match_begins_or_ends_where_stretches_are_trimmed(rule):
    """_stretches trims characters no match begins (or ends) with; a new rule that does needs them removed."""
    for text in _date_rich_texts():
        for m in rule.pattern.finditer(text):
            if m.end() > m.start():
                assert text[m.start()] not in prefilter._NEVER_FIRST, (rule.name, m.group())
                assert text[m.end() - 1] not in prefilter._NEVER_LAST, (rule.name, m.group())



def test_stretches_find_what_a_full_scan_finds_on_news_bulletins():
    with open(shared_path("bench", "xwlb_2022_2024.jsonl"), encoding="utf-8") as f:
        rows = [json.loads(line) for _, line in zip(range(300), f)]
    for row in rows:
        stamp = row["id"].split("-")[1]
        published = date(int(stamp[:4]), int(stamp[4:6]), int(stamp[6:8]))
        assert _stretch_scan(row["text"], published) == _full_scan(row["text"], published), row["id"]

