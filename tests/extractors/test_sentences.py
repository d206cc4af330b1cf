"""Sentence spans and the quote a fact carries (extractors/sentences.py)."""

from __future__ import annotations

import pytest

from extractors.sentences import MAX_QUOTE, Sentences

NEWS = "6月22日，厦门市总工会在湖里区举办技能竞赛。60名选手参赛！奖金共3000万元"


@pytest.mark.parametrize(("fact", "sentence"), [
    ("湖里区", "6月22日，厦门市总工会在湖里区举办技能竞赛。"),
    ("60名", "60名选手参赛！"),
    ("3000万元", "奖金共3000万元"),
])
def test_a_fact_quotes_its_sentence(fact: str, sentence: str) -> None:
    assert Sentences.of(NEWS).at(NEWS.index(fact)) == sentence


@pytest.mark.parametrize("where", [0.0, 0.5, 1.0], ids=["start", "middle", "end"])
def test_a_sentence_without_punctuation_is_quoted_as_a_window_around_the_fact(where: float) -> None:
    text = "，".join(f"第{i}名选手获奖金{i}00元" for i in range(400))  # one 5,000-character "sentence"
    offset = int(where * (len(text) - 1))
    quote = Sentences.of(text).at(offset)
    assert len(quote) == MAX_QUOTE
    start = text.index(quote)
    assert start <= offset < start + MAX_QUOTE
