"""Properties of cleaning on random input (hypothesis): no crash, idempotent, offsets that hold.

The random text is built from pieces of real Chinese news pages (sentences with dates, money,
counts and organisations, chrome lines, Traditional text with pinyin glosses, control
characters) mixed with arbitrary Unicode, so the rules actually fire.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractors import extract
from pipeline.clean import clean_record
from pipeline.document import RawRecord, StageFailure
from pipeline.options import PipelineOptions

OPTIONS = PipelineOptions()

PIECES = [
    "3月18日上午，杭州市总工会在滨江区召开2024年职工技能提升推进会，宣布今年将投入专项资金1500万元。",
    "组织开展各类职业技能竞赛200余场，预计参赛职工超过5万人次。",
    "臺北市政府勞動局10月21日舉辦「中高齡就業博覽會」，共有62家廠商參與，釋出職缺1,850個。",
    "奮進(jìn)新時代，", "临夏州委副书记张志军出席会议。", "省总工会拨款3亿元，", "近万名贫困群众",
    "首页 > 新闻动态 > 工作动态", "上一篇：我市召开推进会", "下一篇：", "来源：新华社", "本报记者 康劲",
    "发布时间：2020-06-24 09:30", "版权所有 ICP备00000000号", "放大 缩小 默认", "阅读:13104", "DSC_0194.JPG",
    "二〇二〇年六月二十二日", "八九十元", "2021—2025年", "十四五", "一千二百", "６．５万职工",
    "\n", "\n", "\n", "。", "，", " ", "\u3000", "\t", "\x00", "\x07", "\ufffd", "Ã©", "<p>", "</p>",
]

page_text = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=30)), max_size=40).map("".join)


def clean_or_none(content: str | bytes, fmt: str) -> object | None:
    try:
        return clean_record(RawRecord(source="random", record=0, content=content, format=fmt), OPTIONS)
    except StageFailure:
        return None


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.one_of(page_text, st.text()), fmt=st.sampled_from(["text", "html"]))
def test_arbitrary_unicode_cleans_or_fails_the_stage(text: str, fmt: str) -> None:
    doc = clean_or_none(text, fmt)
    assert doc is None or isinstance(doc.text, str)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(content=st.one_of(st.binary(max_size=2000),
                         page_text.map(lambda t: t.encode("utf-8")),
                         page_text.map(lambda t: t.encode("gb18030", errors="replace")),
                         page_text.map(lambda t: t.encode("utf-16-le"))),
       fmt=st.sampled_from(["text", "html"]))
def test_arbitrary_bytes_decode_and_clean_or_fail_the_stage(content: bytes, fmt: str) -> None:
    doc = clean_or_none(content, fmt)
    assert doc is None or "\x00" not in doc.text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=page_text)
def test_cleaning_is_idempotent_on_its_own_output(text: str) -> None:
    once = clean_or_none(text, "text")
    if once is None:
        return
    twice = clean_or_none(once.text, "text")
    assert twice is not None and twice.text == once.text


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=page_text, published=st.sampled_from([None, "2020-06-24", "2023-01-01"]))
def test_every_fact_points_into_the_clean_text(text: str, published: str | None) -> None:
    doc = clean_or_none(text, "text")
    if doc is None:
        return
    clean = doc.text
    result = extract(clean, published)
    for fact in result.facts:
        assert clean[fact.start:fact.end] == fact.text, fact
