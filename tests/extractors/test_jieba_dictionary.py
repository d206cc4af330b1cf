"""jieba's dictionary read once: the tagger gives jieba.posseg's answers, the derived word sets are made once."""

from __future__ import annotations

import json

import pytest

from extractors.jieba_dictionary import JiebaDictionary, Tagged, read_entries
from tests.conftest import shared_path

jieba_posseg = pytest.importorskip("jieba.posseg")


@pytest.fixture(scope="module")
def dictionary() -> JiebaDictionary:
    return JiebaDictionary.load()


# Windows the counts extractor tags (the words after a classifier), and whole sentences: dictionary words,
# words jieba's HMM finds (人名, 新词), Latin letters and digits, spaces.
SENTENCES = [
    pytest.param("3名货车司机送货", id="dictionary_words"),
    pytest.param("20家厂商释出新品", id="verb_after_noun"),
    pytest.param("文明实践站", id="head_tagged_otherwise"),
    pytest.param("王小明和李建国在北京市海淀区签约", id="hmm_names"),
    pytest.param("华为Mate60 Pro于8月29日开售，售价6999元", id="latin_and_digits"),
    pytest.param("记者 从 区人社局了解到\r\n全区新增就业1.2万人", id="spaces_and_newline"),
    pytest.param("兖矿能源集团股份有限公司发布公告", id="company_name"),
    pytest.param("第九届全国人民代表大会常务委员会第十次会议", id="long_dictionary_word"),
]


@pytest.mark.parametrize("sentence", SENTENCES)
def test_tagger_tags_as_jieba_posseg(dictionary: JiebaDictionary, sentence: str) -> None:
    expected = [Tagged(pair.word, pair.flag) for pair in jieba_posseg.lcut(sentence)]
    assert dictionary.tagger().lcut(sentence) == expected


def test_tagger_tags_bench_texts_as_jieba_posseg(dictionary: JiebaDictionary) -> None:
    path = shared_path("bench", "xwlb_2022_2024.jsonl")
    with path.open(encoding="utf-8") as handle:
        texts = [json.loads(line)["text"] for _, line in zip(range(20), handle)]
    windows = [text[i:i + 12] for text in texts for i in range(0, min(len(text), 600), 7)]
    differ = [w for w in windows if dictionary.tagger().lcut(w) != [Tagged(p.word, p.flag) for p in jieba_posseg.lcut(w)]]
    assert windows and differ == []


@pytest.mark.parametrize(("word", "tag"), [
    pytest.param("公司", "n", id="noun"),
    pytest.param("提高", "v", id="verb"),
    pytest.param("阿里巴巴", "nrt", id="name"),
])
def test_entries_carry_count_and_tag(dictionary: JiebaDictionary, word: str, tag: str) -> None:
    assert dictionary.tags[word] == tag
    assert dictionary.count(word) > 0
    assert (word, dictionary.count(word), tag) in set(dictionary.entries())


def test_derived_word_set_is_made_once_per_dictionary(dictionary: JiebaDictionary) -> None:
    calls = []

    def verbs(d: JiebaDictionary) -> frozenset[str]:
        calls.append(d)
        return frozenset(w for w, _, t in d.entries() if t == "v")

    first, second = dictionary.derived(verbs), dictionary.derived(verbs)
    assert first is second and "提高" in first and "公司" not in first
    assert len(calls) == 1


def test_tagger_finds_the_longest_dictionary_words(dictionary: JiebaDictionary) -> None:
    """Candidates stop at the longest word's length (no prefix table): a 16-character word is still one word."""
    longest = max(dictionary.tags, key=len)
    sentence = f"他说{longest}的决定很好"
    assert Tagged(longest, dictionary.tags[longest]) in dictionary.tagger().lcut(sentence)
    assert dictionary.tagger().lcut(sentence) == [Tagged(p.word, p.flag) for p in jieba_posseg.lcut(sentence)]
    assert "第九届全国人民代表大" not in dictionary.tags  # prefixes are not words here


def test_entries_read_a_line_at_a_time_are_the_loaded_ones(dictionary: JiebaDictionary) -> None:
    """The registry of a run with workers reads the lines without holding the dictionary: the same words."""
    streamed = {word: (count, tag) for word, count, tag in read_entries()}
    assert streamed == {word: (count, tag) for word, count, tag in dictionary.entries()}
    assert sum(count for _, count, _ in read_entries()) == dictionary.total  # a repeated line counts twice
