"""pipeline.script: script detection, OpenCC t2s, pinyin-gloss removal, mojibake counting."""

from __future__ import annotations

import pytest

from pipeline.script import (
    CJK,
    HANS,
    HANT,
    MIXED,
    NONE,
    PINYIN_GLOSS,
    count_mojibake,
    count_script,
    detect_script,
    remove_pinyin_glosses,
    repair_latin1_mojibake,
    to_simplified,
)
from tests.conftest import CORPUS

HANT_NEWS = (
    "臺北市政府勞動局10月21日舉辦「中高齡就業博覽會」，共有62家廠商參與，釋出職缺1,850個，"
    "其中月薪新台幣3萬5千元以上的職缺約占四成，現場吸引約2,300名求職者。"
)
HANS_NEWS = (
    "2023年9月15日，苏州市总工会在工业园区举行新就业形态劳动者集中入会仪式，现场有326名快递员、"
    "网约车司机加入工会，市总工会为他们每人送上价值200元的慰问品。"
)


@pytest.mark.parametrize(
    ("text", "script"),
    [
        pytest.param(HANT_NEWS, HANT, id="hant.taipei_labour_fair"),
        pytest.param(HANS_NEWS, HANS, id="hans.suzhou_union"),
        pytest.param(HANS_NEWS + "报道援引台湾媒体《聯合報》的消息。", HANS, id="hans.quoting_a_traditional_name"),
        pytest.param(HANS_NEWS + HANT_NEWS, MIXED, id="mixed.both_in_bulk"),
        pytest.param("Apple released the iPhone 11 for 5499 yuan.", NONE, id="none.no_cjk"),
    ],
)
def test_detect_script(text: str, script: str) -> None:
    assert detect_script(text) == script


def test_count_script_counts_traditional_only_characters() -> None:
    counts = count_script("勞動競賽")  # 勞 動 競 賽 all change under t2s
    assert (counts.cjk, counts.traditional) == (4, 4)


@pytest.mark.parametrize(
    ("traditional", "simplified"),
    [
        pytest.param("勞動和技能競賽推進會召開", "劳动和技能竞赛推进会召开", id="t2s.characters"),
        pytest.param("頭髮乾淨後再出門", "头发干净后再出门", id="t2s.phrases_one_to_many"),
        pytest.param("乾隆年間的著名建築", "乾隆年间的著名建筑", id="t2s.keeps_qianlong"),
    ],
)
def test_to_simplified(traditional: str, simplified: str) -> None:
    assert to_simplified(traditional) == simplified


@pytest.mark.parametrize(
    ("text", "expected", "removed"),
    [
        pytest.param("奮進(jìn)新征程", "奮進新征程", 1, id="gloss.toned_syllable"),
        pytest.param("推進(jìn)會(huì)召開(kāi)", "推進會召開", 3, id="gloss.several"),
        pytest.param("問題（wèn tí）不大", "問題不大", 1, id="gloss.full_width_two_syllables"),
        pytest.param("我們(men)一起", "我們一起", 1, id="gloss.neutral_tone_after_cjk"),
        pytest.param("通報表?yè)P(yáng)了", "通報表?yè)P了", 1, id="gloss.after_mojibake_letter"),
        pytest.param("本报讯(记者 陈华)6月13日", "本报讯(记者 陈华)6月13日", 0, id="keep.reporter_credit"),
        pytest.param("劳动竞赛项目(含劳动竞赛前的培训)", "劳动竞赛项目(含劳动竞赛前的培训)", 0, id="keep.chinese_note"),
        pytest.param("有效解决了经费不足的问题。(繁工)", "有效解决了经费不足的问题。(繁工)", 0, id="keep.author_credit"),
        pytest.param("首席执行官(CEO)表示", "首席执行官(CEO)表示", 0, id="keep.latin_abbreviation"),
        pytest.param("王府井(Wángfǔjǐng)大街", "王府井(Wángfǔjǐng)大街", 0, id="keep.capitalised_romanisation"),
        pytest.param("选项 (a) 与 (b)", "选项 (a) 与 (b)", 0, id="keep.enumeration_letters"),
    ],
)
def test_remove_pinyin_glosses(text: str, expected: str, removed: int) -> None:
    assert remove_pinyin_glosses(text) == (expected, removed)


@pytest.mark.parametrize(
    ("text", "rule", "chars"),
    [
        pytest.param("会议通报\ufffd\ufffd了先进集体", "mojibake.replacement", 2, id="mojibake.replacement"),
        pytest.param("劳动\ue4c6模范代表发言", "mojibake.private_use", 1, id="mojibake.private_use"),
        pytest.param("通报表?yè)P了全市优胜单位", "mojibake.question_mark", 4, id="mojibake.question_mark"),
        pytest.param("培育选树“五一劳动奖?wù)隆?、劳动模范", "mojibake.question_mark", 5, id="mojibake.question_mark_twice"),
        pytest.param("ÖÐ»ªÈËÃñ¹²ºÍ¹ú成立", "mojibake.latin1_run", 14, id="mojibake.latin1_run"),
        # a '?' glued between CJK characters cannot be told from a lost character: counted, by design
        pytest.param("你知道吗?他说明天出发。", "mojibake.question_mark", 1, id="mojibake.question_mark_between_cjk"),
    ],
)
def test_count_mojibake(text: str, rule: str, chars: int) -> None:
    assert count_mojibake(text)[rule] == chars


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("记者问：“还要多久?”他答：三天。", id="clean.question_before_quote"),
        pytest.param("张××同志，温度25°C，规格3×3。", id="clean.times_and_degree_signs"),
        pytest.param("Müller先生出席了会议。", id="clean.single_accented_letter"),
        pytest.param("会议于\u00a0\u00a0\u00a0上午举行", id="clean.no_break_spaces"),
    ],
)
def test_count_mojibake_ignores_real_text(text: str) -> None:
    assert not count_mojibake(text)


@pytest.mark.parametrize(
    ("codec", "original"),
    [
        pytest.param("gb18030", "中华人民共和国", id="repair.gbk_as_latin1"),
        pytest.param("utf-8", "国务院常务会议", id="repair.utf8_as_latin1"),
    ],
)
def test_repair_latin1_mojibake(codec: str, original: str) -> None:
    broken = original.encode(codec).decode("latin-1")
    assert repair_latin1_mojibake(f"据报道，{broken}今天召开。") == (f"据报道，{original}今天召开。", 1)


def test_repair_leaves_western_names_alone() -> None:
    assert repair_latin1_mojibake("Müller和Zoë出席。") == ("Müller和Zoë出席。", 0)


def test_traditional_sample_page_reads_simplified_after_gloss_removal() -> None:
    raw = (CORPUS / "002_d88450911230a997.txt").read_text(encoding="utf-8")
    text, removed = remove_pinyin_glosses(raw)
    assert removed > 100 and detect_script(text) == HANT
    simplified = to_simplified(text)
    assert "劳动和技能竞赛推进会在零八一电子集团有限公司塔山湾工业园召开" in simplified
    assert "(jìn)" not in simplified and "(huì)" not in simplified
    assert count_mojibake(simplified)["mojibake.question_mark"] > 0


def _per_character_reference(text: str) -> tuple[int, int, int]:
    """count_script's definition, asked of OpenCC directly (as it was computed before the character
    classes): CJK characters, those t2s changes, those s2t changes (only when some t2s changes)."""
    import re
    from collections import Counter

    import opencc
    counts = Counter(c for c in text if re.match(f"[{CJK}]", c))
    t2s, s2t = opencc.OpenCC("t2s"), opencc.OpenCC("s2t")
    trad = sum(n for c, n in counts.items() if t2s.convert(c) != c)
    simp = sum(n for c, n in counts.items() if s2t.convert(c) != c) if trad else 0
    return sum(counts.values()), trad, simp


def _bench_texts(name: str, count: int) -> list[str]:
    import json
    from tests.conftest import shared_path
    with shared_path("bench", name).open(encoding="utf-8") as f:
        rows = [json.loads(line) for line, _ in zip(f, range(count))]
    return [f"{r.get('title') or ''}\n{r.get('text') or ''}" for r in rows]


@pytest.mark.parametrize("name, script", [
    pytest.param("appledaily_tw_2003.jsonl", HANT, id="apple-daily-traditional"),
    pytest.param("tw_rss_leads_2026_sample.jsonl", HANT, id="taiwan-rss-traditional"),
    pytest.param("xwlb_2022_2024.jsonl", HANS, id="xwlb-simplified"),
    pytest.param("inews_sample.jsonl", None, id="inews"),
])
def test_count_script_equals_asking_opencc_per_character_on_real_texts(name: str, script: str | None) -> None:
    texts = _bench_texts(name, 150)
    for text in texts:
        counts = count_script(text)
        assert (counts.cjk, counts.traditional, counts.simplified) == _per_character_reference(text)
    if script is not None:
        assert [detect_script(t) for t in texts].count(script) > len(texts) * 0.9


@pytest.mark.parametrize("name", ["appledaily_tw_2003.jsonl", "tw_rss_leads_2026_sample.jsonl"])
def test_gloss_removal_skips_only_texts_without_a_gloss_opening(name: str) -> None:
    for text in _bench_texts(name, 300) + [(CORPUS / "002_d88450911230a997.txt").read_text(encoding="utf-8")]:
        assert remove_pinyin_glosses(text) == PINYIN_GLOSS.subn("", text)
