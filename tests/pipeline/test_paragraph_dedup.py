"""pipeline.paragraph_dedup: exact repeats, near-repeats and layout fragments inside one document."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.paragraph_dedup import MAX_COMPARED_PARAGRAPHS, WIDE_PUNCTUATION, dedup_paragraphs, paragraph_key
from tests.conftest import CORPUS

LEAD = "6月22日，2020年厦门—临夏东西部协作“扶贫车间”技能竞赛启动仪式在和政县吉美包袋有限公司扶贫车间举行。"
GUESTS = "临夏州人大常委会主任马明杰出席活动并为获奖选手颁奖。活动由临夏州政协副主席、州总工会主席高桦主持。"
QUOTE = "临夏市总工会主席王通华说，通过技能竞赛，推动扶贫车间的工会工作逐步实现组织健全、活动丰富、企业欢迎、职工满意。"
FUNDS = "据初步统计，全省工会已筹集3000万元防暑降温专项资金，将分级、分层、分片组织开展慰问活动。"


@pytest.mark.parametrize(
    ("paragraphs", "kept", "counter"),
    [
        pytest.param([LEAD, QUOTE, QUOTE, QUOTE], [LEAD, QUOTE], {"dedup.exact": 2}, id="dedup.exact"),
        pytest.param(
            [QUOTE, QUOTE.replace("，", ",").replace("。", "") + "  "], [QUOTE], {"dedup.exact": 1},
            id="dedup.exact_after_punctuation_and_space"),
        pytest.param(
            [QUOTE, QUOTE.replace("逐步实现", "逐渐实现")], [QUOTE], {"dedup.near": 1}, id="dedup.near"),
        pytest.param(
            [GUESTS, "临夏州政协副主席、州总工会主席高桦主持"], [GUESTS], {"dedup.fragment": 1},
            id="dedup.fragment_suffix_caption"),
        pytest.param(
            [LEAD, "6月22日，2020年厦门—临夏东西部协作“扶贫车间”技能"], [LEAD], {"dedup.fragment": 1},
            id="dedup.fragment_prefix"),
        pytest.param(
            ["据初步统计，全省工会已筹集3000万元防暑降温专项资金", FUNDS], [FUNDS], {"dedup.fragment": 1},
            id="dedup.fragment_teaser_before_full_paragraph"),
        pytest.param(["……", "——", LEAD], [LEAD], {"dedup.no_text": 2}, id="dedup.no_text"),
    ],
)
def test_dedup_removes(paragraphs: list[str], kept: list[str], counter: dict[str, int]) -> None:
    result = dedup_paragraphs(paragraphs, near_ratio=0.9, min_fragment_chars=6)
    assert result.paragraphs == kept
    assert dict(result.counters) == counter


@pytest.mark.parametrize(
    "paragraphs",
    [
        pytest.param(
            ["第一二三号主席令说，《中华人民共和国黄河保护法》已由第十三届全国人民代表大会常务委员会第三十七次会议通过，现予公布。",
             "第一二四号主席令说，《中华人民共和国畜牧法》已由第十三届全国人民代表大会常务委员会第三十七次会议通过，现予公布。"],
            id="keep.same_template_other_law"),
        pytest.param(
            ["福建省总工会今年筹集3000万元防暑降温专项资金，分级组织开展慰问活动，覆盖一线职工。",
             "福建省总工会今年筹集2000万元防暑降温专项资金，分级组织开展慰问活动，覆盖一线职工。"],
            id="keep.different_number"),
        pytest.param(["张弘强讲话", "张志军讲话"], id="keep.short_captions"),
        pytest.param(["高桦主持", GUESTS], id="keep.fragment_shorter_than_minimum"),
        pytest.param(["加强领导 形成工作合力", "突出重点 彰显“工”字特色", "创新机制 打造工会品牌"], id="keep.subheads"),
    ],
)
def test_dedup_keeps_different_paragraphs(paragraphs: list[str]) -> None:
    result = dedup_paragraphs(paragraphs, near_ratio=0.9, min_fragment_chars=6)
    assert result.paragraphs == paragraphs
    assert not result.counters


def test_title_seed_removes_its_repeat_but_is_not_returned() -> None:
    title = "全面复工复产 助力脱贫攻坚 2020年厦门—临夏东西部协作“扶贫车间”技能竞赛启动"
    result = dedup_paragraphs([title, LEAD], seeds=[title])
    assert result.paragraphs == [LEAD]
    assert result.counters == {"dedup.title": 1}


def test_near_ratio_option_is_honoured() -> None:
    edited = QUOTE.replace("组织健全、活动丰富", "机构完善、形式多样")
    assert dedup_paragraphs([QUOTE, edited], near_ratio=0.95).paragraphs == [QUOTE, edited]
    assert dedup_paragraphs([QUOTE, edited], near_ratio=0.8).paragraphs == [QUOTE]


def test_paragraph_key_folds_width_case_and_punctuation() -> None:
    assert paragraph_key("ＣＲ４５０动车组，研制取得“阶段性”成果！") == paragraph_key("cr450动车组研制取得阶段性成果")


@pytest.mark.parametrize("wide", [wide for wide, _ in WIDE_PUNCTUATION])
def test_each_wide_punctuation_mark_is_replaced_by_its_compatibility_decomposition(wide: str) -> None:
    assert dict(WIDE_PUNCTUATION)[wide] == unicodedata.normalize("NFKD", wide)


@pytest.mark.parametrize("paragraph", [
    pytest.param(QUOTE, id="wide_comma"),
    pytest.param("（记者 陈华）当日气温达３５℃，Ⅱ级预警……", id="brackets_digits_degrees_roman"),
    pytest.param("e，\u0301 가，\u11a8", id="punctuation_between_letters_and_combining_marks"),
    pytest.param("①全省工会筹集３０００万元；②慰问一线职工！？", id="circled_numbers"),
])
def test_paragraph_key_is_the_nfkc_form_without_punctuation(paragraph: str) -> None:
    """The replacements before NFKC are a shortcut: the key is that of the plain definition."""
    assert paragraph_key(paragraph) == re.sub(r"[\W_]+", "", unicodedata.normalize("NFKC", paragraph)).lower()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from([w for w, _ in WIDE_PUNCTUATION] + [QUOTE, "\u0301", "\u3099", "\u1161", "가", "Ａ", "℃"]),
                          st.text(max_size=8)), max_size=20).map("".join))
def test_paragraph_key_of_any_text_is_the_plain_nfkc_form(paragraph: str) -> None:
    assert paragraph_key(paragraph) == re.sub(r"[\W_]+", "", unicodedata.normalize("NFKC", paragraph)).lower()


def test_sample_page_001_stores_the_repeated_paragraph_once() -> None:
    lines = [line.strip() for line in (CORPUS / "001_88e8e9073576238c.txt").read_text(encoding="utf-8").splitlines()]
    lines = [line for line in lines if line]
    repeated = next(line for line in lines if line.startswith("临夏市总工会主席王通华说"))
    assert lines.count(repeated) == 43
    result = dedup_paragraphs(lines)
    assert result.paragraphs.count(repeated) == 1
    assert result.counters["dedup.exact"] >= 42 + 4  # the 43 copies and the four repeated lines 133–139


# --- budget: past MAX_COMPARED_PARAGRAPHS only exact repeats are removed ---------------------------

def templated_page(count: int) -> list[str]:
    return [f"第{i}段：3月18日上午，杭州市总工会在滨江区召开职工技能提升推进会，宣布投入专项资金{i}万元，组织竞赛{i}场。"
            for i in range(count)]


def test_templated_paragraphs_differing_in_numbers_are_all_kept() -> None:
    page = templated_page(300)
    assert dedup_paragraphs(page).paragraphs == page


def test_past_the_budget_only_exact_repeats_are_removed() -> None:
    page = templated_page(MAX_COMPARED_PARAGRAPHS + 100)
    late = page[-1]
    near = late.replace("推进会", "推进大会")  # a near-repeat the budget no longer looks for
    assert dedup_paragraphs([late, near]).paragraphs == [late]  # within the budget it goes
    result = dedup_paragraphs([*page, late, near, page[3]])
    assert result.paragraphs == [*page, near]
    assert result.counters["dedup.exact"] == 2
    assert result.counters["dedup.budget_exact_only"] == 100 + 1
