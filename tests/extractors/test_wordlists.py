"""The word-list matchers the organisation and event extractors scan whole texts with."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.wordlists import scan_pattern, scanned_words, skipping_scan_pattern, word_pattern

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
