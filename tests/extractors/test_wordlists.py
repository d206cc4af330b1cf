"""The word-list matchers the organisation and event extractors scan whole texts with."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.wordlists import (read_word_lists, read_words, scan_pattern, scanned_words, skipping_scan_pattern,
                                  word_pattern)

BODIES = ("国务院", "国务院办公厅", "国家发展改革委", "国家统计局", "新华社", "联合国", "联合国大会", "世界卫生组织",
          "中华全国总工会", "全国总工会", "外交部", "商务部", "公安部", "交通运输部")
# Many first characters, so scan_pattern groups them (the path the national table takes).
MANY = BODIES + tuple(f"{a}{b}委员会" for a in "东南西北中上下左右前后内外甲乙丙丁" for b in "省市")


def _longest_leftmost(words, text: str) -> list[tuple[int, int, str]]:
    """What a scan should find: at each position the longest word, then on after its end."""
    found, i = [], 0
    while i < len(text):
        word = max((w for w in words if text.startswith(w, i)), key=len, default=None)
        if word:
            found.append((i, i + len(word), word))
            i += len(word)
        else:
            i += 1
    return found


@pytest.mark.parametrize("text", [
    pytest.param("国务院办公厅印发通知，国家发展改革委、国家统计局联合发布数据。", id="adjacent_bodies"),
    pytest.param("联合国大会通过决议，世界卫生组织表示欢迎。", id="longest_wins"),
    pytest.param("中华全国总工会和全国总工会是同一机构的两种写法。", id="overlapping_words"),
    pytest.param("外交部发言人答记者问；商务部、公安部、交通运输部负责人出席。", id="list_of_ministries"),
    pytest.param("今天天气晴朗，没有任何机构名称。", id="no_word"),
])
@pytest.mark.parametrize("words", [BODIES, MANY], ids=["few_firsts", "many_firsts"])
def test_every_scan_finds_the_longest_leftmost_words(words, text):
    expected = _longest_leftmost(words, text)
    assert [(m.start(), m.end(), m.group()) for m in scan_pattern(words).finditer(text)] == expected
    assert list(scanned_words(skipping_scan_pattern(words), text)) == expected
    plain = word_pattern(words)
    assert [(m.start(), m.end(), m.group()) for m in plain.finditer(text)] == expected


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(list("国务院办公厅联合大会全总工外交部商务，。")), max_size=40).map("".join))
def test_skipping_scan_equals_a_plain_scan_on_any_text(text):
    assert list(scanned_words(skipping_scan_pattern(MANY), text)) == _longest_leftmost(MANY, text)


@pytest.mark.parametrize(("name", "words", "before"), [
    pytest.param("event_words.tsv", "held", ("挂牌上市", "挂牌"), id="event_words.longer_first"),
    pytest.param("count_words.tsv", "classifiers", ("人次", "次"), id="count_words.in_file_order"),
    pytest.param("count_words.tsv", "entity_keep", ("有限", "国有"), id="count_words.entity_keep"),
])
def test_word_lists_keep_their_file_order(name: str, words: str, before: tuple[str, str]) -> None:
    """An alternation's first branch wins: the lists must come back in the order the file writes them."""
    listed = read_word_lists(name)[words]
    assert listed.index(before[0]) < listed.index(before[1])
    assert len(set(listed)) == len(listed)


def test_word_files_skip_comments_and_blank_lines() -> None:
    level_words = read_words("level_words.txt")
    assert "城" in level_words and "全" in level_words
    assert not any(word.startswith("#") or not word for word in level_words)
    lists = read_word_lists("count_words.tsv")
    assert set(lists) >= {"classifiers", "entity_stops", "predicate_verbs", "numeral_names"}
    assert not any(word.startswith("#") for words in lists.values() for word in words)
