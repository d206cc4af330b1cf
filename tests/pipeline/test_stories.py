"""Stories: which reports are one real-world event (pipeline/stories.py), on realistic headlines."""

from __future__ import annotations

import pytest
from dataclasses import replace

from pipeline.options import PipelineOptions
from pipeline.stories import StoryDoc, bigram_weights, bigrams, cluster_stories, dates_agree, types_compatible

OPTIONS = PipelineOptions()

# Background reports of other events: they make the bigram weights realistic (a word every report
# uses weighs nothing, a name seen in two reports weighs a lot).
BACKGROUND = [
    ("台积电第二季营收创新高 董事会核准资本预算", "台积电今天召开董事会，核准资本预算约新台币300亿元。", "deal"),
    ("行政院会通过住宅法修正草案 租屋补贴扩大", "行政院会今天通过住宅法部分条文修正草案，扩大租屋补贴对象。", "policy"),
    ("中央气象署：午后雷阵雨 北部山区防大雨", "中央气象署表示，今天午后各地山区有雷阵雨，北部山区需防大雨。", "release"),
    ("高雄捷运黄线动工 预计2032年通车", "高雄捷运黄线今天举行动工典礼，市长出席致词。", "ceremony"),
    ("台南国际芒果节开幕 吸引万人参观", "台南国际芒果节今天在玉井开幕，主办单位估计吸引上万人。", "opening"),
    ("新北市长视察防汛整备 要求清淤", "新北市长今天视察防汛整备工作，要求各区加强清淤。", "visit"),
    ("教育部公布大学学测成绩 5级分人数增加", "教育部今天公布大学学科能力测验成绩。", "release"),
    ("立法院临时会开议 朝野协商总预算", "立法院临时会今天开议，朝野党团协商中央政府总预算案。", "meeting"),
    ("金融监督管理委员会重罚保险公司 罚款600万元", "金管会今天宣布，对某保险公司违规招揽开罚600万元。", "penalty"),
    ("桃园机场第三航站楼工程进度落后 交通部长：年底前赶工", "交通部长表示，桃园机场第三航站楼工程年底前赶工。", "statement"),
    ("台北市议会定期大会 质询市长施政", "台北市议会今天举行定期大会，议员质询市长施政。", "meeting"),
    ("全国运动会台中登场 选手进场", "全国运动会今天在台中登场，各县市选手代表进场。", "competition"),
]


def _background(start: int = 100) -> list[StoryDoc]:
    return [StoryDoc(doc_id=start + i, title=t, lead=lead, published="2026-07-20", type=typ)
            for i, (t, lead, typ) in enumerate(BACKGROUND)]


def _doc(doc_id: int, title: str, lead: str, published: str = "2026-07-20", type_: str = "accident", **kw) -> StoryDoc:
    return StoryDoc(doc_id=doc_id, title=title, lead=lead, published=published, type=type_, **kw)


FIRE_CNA = _doc(1, "板桥2楼公寓清晨窜浓烟 1男命危送医抢救",
                "新北市板桥区一栋公寓2楼今天清晨发生火警，消防人员在厕所内发现一名20岁男子，送医抢救。",
                outlet="中央社", location="板桥区")
FIRE_EBC = _doc(2, "板桥公寓火警夺命！20岁男厕所寻获已无生命迹象 送医不治",
                "新北市板桥区公寓今天清晨发生火警，20岁男子在厕所被寻获时已无生命迹象，送医不治。",
                outlet="东森新闻", type_="death", location="板桥区")
FIRE_OTHER = _doc(3, "台中大里铁皮工厂大火 浓烟窜天无人伤亡",
                  "台中市大里区一间铁皮工厂今天下午发生火警，浓烟窜天，所幸无人伤亡。",
                  outlet="自由时报", location="大里区")
FIRE_TRIAL = _doc(4, "板桥公寓纵火案 20岁男子一审判刑8年",
                  "新北市板桥区公寓纵火案，法院今天一审判处20岁男子有期徒刑8年。", type_="trial")
FIRE_LATER = _doc(5, "板桥公寓火警夺命 20岁男子送医不治",
                  "新北市板桥区公寓清晨发生火警，20岁男子在厕所被寻获，送医不治。",
                  published="2026-07-29", type_="death")


def _stories(docs: list[StoryDoc]) -> dict[int, int]:
    """doc id → a label of its story (existing story id, else the new group)."""
    result = cluster_stories(docs, OPTIONS)
    return {m.doc_id: (m.story if m.story is not None else -m.group) for m in result.members}


@pytest.mark.parametrize("a, b, together", [
    pytest.param(FIRE_CNA, FIRE_EBC, True, id="same-fire-two-outlets-accident-and-death"),
    pytest.param(FIRE_CNA, FIRE_OTHER, False, id="same-day-fire-elsewhere-is-another-story"),
    pytest.param(FIRE_EBC, FIRE_TRIAL, False, id="trial-of-an-arson-is-not-the-fire-report"),
    pytest.param(FIRE_EBC, FIRE_LATER, False, id="same-words-nine-days-later-is-not-linked"),
])
def test_two_reports_are_one_story_or_not(a, b, together):
    stories = _stories([a, b, *_background()])
    assert (stories[a.doc_id] == stories[b.doc_id]) is together


@pytest.mark.parametrize("a, b, compatible", [
    ("accident", "death", True),
    ("arrest", "trial", True),
    ("death", "arrest", True),
    ("death", "trial", False),
    ("attack", "statement", True),
    ("other", "meeting", True),
    ("accident", "trial", False),
    ("meeting", "competition", False),
    (None, "meeting", False),
])
def test_types_compatible(a, b, compatible):
    assert types_compatible(a, b) is compatible
    assert types_compatible(b, a) is compatible


@pytest.mark.parametrize("a, b, agree", [
    pytest.param(dict(published="2026-07-20"), dict(published="2026-07-23"), True, id="reports-3-days-apart"),
    pytest.param(dict(published="2026-07-20"), dict(published="2026-07-24"), False, id="reports-4-days-apart"),
    pytest.param(dict(published="2026-07-20", event_date="2026-07-19"), dict(published="2026-07-20", event_date="2026-07-20"),
                 True, id="event-days-one-apart-time-zones"),
    pytest.param(dict(published="2026-07-20", event_date="2026-07-12"), dict(published="2026-07-20", event_date="2026-07-19"),
                 False, id="event-days-a-week-apart-same-report-day"),
    pytest.param(dict(published="2026-07-20", event_date="2026-08"), dict(published="2026-07-21", event_date="2025-08"),
                 True, id="months-are-too-vague-the-reports-decide"),
    pytest.param(dict(published="2026-07-20", event_date="2026-07-12", type="statement"),
                 dict(published="2026-07-20", event_date="2026-07-19"), True, id="a-statement-is-dated-by-its-report"),
])
def test_dates_agree(a, b, agree):
    a, b = {"type": "accident", **a}, {"type": "accident", **b}
    assert dates_agree(StoryDoc(1, "", **a), StoryDoc(2, "", **b), window_days=OPTIONS.story_window_days) is agree


def test_bigrams_do_not_cross_punctuation():
    assert bigrams("世足》梅西") == {"世足", "梅西"}
    assert bigrams("F罩杯") == {"f罩", "罩杯"}


@pytest.mark.parametrize("copies", [1, 10, 100])
def test_a_word_every_report_uses_weighs_little_a_name_a_lot(copies):
    docs = [bigrams(t + "今天") for t, _, _ in BACKGROUND] * copies + [bigrams("板桥火警"), bigrams("板桥公寓")]
    weights = bigram_weights(docs)
    assert weights["今天"] < 1.0
    assert weights["板桥"] > 2.0
    if copies >= 10:
        assert weights["今天"] == 0.0


def test_existing_story_is_kept_and_a_new_report_joins_it():
    first = cluster_stories([FIRE_CNA, *_background()], OPTIONS)
    assert {m.rule for m in first.members} == {"story.first"}
    stored = [StoryDoc(**{**_fields(d), "story": 7 if d.doc_id == FIRE_CNA.doc_id else 50 + d.doc_id})
              for d in [FIRE_CNA, *_background()]]
    second = cluster_stories([*stored, FIRE_EBC], OPTIONS)
    joined = next(m for m in second.members if m.doc_id == FIRE_EBC.doc_id)
    assert (joined.story, joined.rule) == (7, "story.linked")
    assert all(m.rule == "story.kept" for m in second.members if m.doc_id != FIRE_EBC.doc_id)
    assert second.merged == {}


def test_rerun_without_new_reports_changes_nothing():
    stored = [StoryDoc(**{**_fields(d), "story": d.doc_id}) for d in [FIRE_CNA, FIRE_OTHER, *_background()]]
    result = cluster_stories(stored, OPTIONS)
    assert all(m.rule == "story.kept" and m.story == m.doc_id for m in result.members)


def test_a_report_linking_two_stories_merges_them_into_the_older():
    cna = StoryDoc(**{**_fields(FIRE_CNA), "story": 3})
    bridge_target = _doc(6, "板桥公寓火警 20岁男子厕所寻获送医不治", "新北市板桥区公寓2楼清晨火警，20岁男子送医不治。",
                         type_="death", story=9)
    result = cluster_stories([cna, bridge_target, FIRE_EBC, *_background()], OPTIONS)
    stories = {m.doc_id: m.story for m in result.members}
    assert stories[FIRE_EBC.doc_id] == stories[cna.doc_id] == stories[bridge_target.doc_id] == 3
    assert result.merged == {9: 3}


def test_a_copy_goes_with_its_original_whatever_its_text():
    copy = _doc(8, "转载：社会新闻一则", "（本文转载自中央社）", duplicate_of=FIRE_CNA.doc_id, type_="other")
    result = cluster_stories([FIRE_CNA, copy, *_background()], OPTIONS)
    members = {m.doc_id: m for m in result.members}
    assert members[8].group == members[FIRE_CNA.doc_id].group
    assert members[8].rule == "story.duplicate"


def test_a_chain_of_similar_reports_stops_at_the_longest_span():
    days = ["2026-07-01", "2026-07-02", "2026-07-04", "2026-07-06"]
    chain = [_doc(20 + i, "板桥公寓火警 20岁男子送医不治", "新北市板桥区公寓火警，20岁男子厕所寻获送医不治。", published=day,
                  type_="death") for i, day in enumerate(days)]
    stories = _stories([*chain, *_background()])
    assert stories[20] == stories[21] == stories[22]  # 3 days from the first report
    assert stories[23] != stories[20]  # 5 days: beyond story_max_span_days


def _fields(doc: StoryDoc) -> dict:
    return {name: getattr(doc, name) for name in StoryDoc.__slots__}


def test_an_outlets_template_does_not_link_its_reports():
    """Twenty reports of one outlet share its show's name and handle: that says who, not what."""
    shows = [_doc(200 + i, f"{t}｜TVBS新闻 @TVBSNEWS01", "TVBS新闻 " + lead, type_=typ, outlet="TVBS")
             for i, (t, lead, typ) in enumerate(BACKGROUND * 2)]
    stories = _stories(shows)
    assert len(set(stories.values())) == len(BACKGROUND)  # each background report only with its own copy


def test_a_reaction_joins_its_event_only_on_much_shared_content():
    reaction = _doc(9, "板桥火警 网友：消防员辛苦了", "网友留言感谢消防员。", type_="statement")
    stories = _stories([FIRE_CNA, reaction, *_background()])
    assert stories[9] != stories[FIRE_CNA.doc_id]


# --- support from several reports, blocking by day ----------------------------------------------

FINAL_ESPN = _doc(11, "世界杯决赛西班牙1比0绝杀阿根廷 夺队史第二冠",
                  "2026年世界杯决赛，西班牙在延长赛靠托雷斯进球，以1比0击败卫冕军阿根廷。", type_="competition")
FINAL_CNA = _doc(12, "西班牙延长赛绝杀阿根廷 世界杯决赛1比0夺队史第二冠",
                 "2026年世界杯决赛，西班牙在延长赛第106分钟靠托雷斯进球，以1比0击败卫冕军阿根廷，夺得队史第二冠。",
                 type_="competition")
FINAL_TEARS = _doc(13, "梅西卫冕梦碎哭了 赛后与亚马尔拥抱",
                   "力求卫冕的阿根廷今天在世界杯冠军赛以0比1不敌西班牙，梅西赛后落泪。", type_="competition")


def _scores(docs: list[StoryDoc]) -> dict[tuple[int, int], float]:
    """The weighted bigram overlap (Dice) of every pair, as cluster_stories computes it."""
    from pipeline.stories import features

    grams = {d.doc_id: features(d) for d in docs}
    weights = bigram_weights(grams.values())
    total = {i: sum(weights[g] for g in gs) for i, gs in grams.items()}
    return {(a, b): 2 * sum(weights[g] for g in grams[a] & grams[b]) / (total[a] + total[b])
            for a in grams for b in grams if a < b}


@pytest.mark.parametrize("with_second_report, joins", [
    pytest.param(True, True, id="support.two_weak_links_join_the_story"),
    pytest.param(False, False, id="support.one_weak_link_is_not_enough"),
])
def test_a_report_close_to_several_reports_of_a_story_joins_it(with_second_report, joins):
    docs = [FINAL_ESPN, FINAL_TEARS, *([FINAL_CNA] if with_second_report else []), *_background()]
    scores = _scores(docs)
    strong = scores[(11, 12)] if with_second_report else 1.0
    weak = [scores[(11, 13)], scores.get((12, 13), scores[(11, 13)])]
    # a bar above the tear-jerker's overlaps, within story_support of them, and below the two reports' overlap
    bar = max(weak) * 1.01
    assert min(weak) >= bar * OPTIONS.story_support and bar < strong
    options = replace(OPTIONS, story_overlap=bar, story_overlap_shared=bar, story_overlap_reaction=bar,
                      story_support_floor=0.0)
    result = {m.doc_id: m for m in cluster_stories(docs, options).members}
    assert (result[13].group == result[11].group) is joins
    if joins:
        assert result[13].rule == "story.supported"


@pytest.mark.parametrize("days_apart, together", [
    pytest.param(2, True, id="blocking.within_the_window"),
    pytest.param(10, False, id="blocking.beyond_the_window_never_compared"),
])
def test_reports_are_compared_with_the_days_around_them_only(days_apart, together):
    later = replace(FIRE_EBC, published=f"2026-07-{20 + days_apart:02d}", type="accident")
    stories = _stories([FIRE_CNA, later, *_background()])
    assert (stories[1] == stories[2]) is together


# --- against chaining: the story's core, the days between reports ---------------------------------

FIRE_INQUIRY = _doc(40, "板桥公寓火警调查出炉 消防局：起火点在厕所电线走火",
                    "新北市消防局今天公布板桥区公寓火警调查，起火点在2楼厕所，疑电线走火。", location="板桥区")
WIRING_ADVICE = _doc(42, "电线走火酿祸频传 消防局：老旧公寓厕所电线应定期检查",
                     "消防局提醒，老旧公寓厕所电线走火事故频传，民众应定期检查电线。")
FIRE_NEXT = _doc(41, "板桥又传火警 民宅顶楼加盖冒浓烟无人受伤",
                 "新北市板桥区一栋民宅顶楼加盖今天下午冒出浓烟，消防人员到场扑灭，无人受伤。", location="板桥区")


@pytest.mark.parametrize("core_share, joins", [
    pytest.param(0.5, False, id="core.close_to_one_report_of_three_stays_out"),
    pytest.param(0.0, True, id="core.single_link_would_chain_it"),
])
def test_a_report_joins_a_story_only_when_close_to_most_of_it(core_share, joins):
    """Advice on wiring shares 电线走火 with the fire's inquiry, nothing with the fire itself."""
    options = replace(OPTIONS, story_core_share=core_share)
    result = {m.doc_id: m.group for m in cluster_stories([FIRE_CNA, FIRE_EBC, FIRE_INQUIRY, WIRING_ADVICE,
                                                          *_background()], options).members}
    assert result[FIRE_CNA.doc_id] == result[FIRE_EBC.doc_id] == result[FIRE_INQUIRY.doc_id]  # the inquiry: a follow-up
    assert (result[WIRING_ADVICE.doc_id] == result[FIRE_CNA.doc_id]) is joins


@pytest.mark.parametrize("later, published, together", [
    pytest.param(FIRE_EBC, "2026-07-22", True, id="days.same_report_two_days_later_joins"),
    pytest.param(FIRE_INQUIRY, "2026-07-21", True, id="days.inquiry_next_day_joins"),
    pytest.param(FIRE_NEXT, "2026-07-22", False, id="days.another_fire_two_days_later_stays_out"),
])
def test_reports_two_days_apart_need_more_overlap(later, published, together):
    stories = _stories([FIRE_CNA, replace(later, published=published), *_background()])
    assert (stories[FIRE_CNA.doc_id] == stories[later.doc_id]) is together


# --- bounds: which pairs are compared at all --------------------------------------------------------

@pytest.mark.parametrize("days_apart, compared", [
    pytest.param(2, 1, id="bound.within_the_window_compared"),
    pytest.param(10, 0, id="bound.beyond_the_window_not_compared"),
])
def test_a_report_beyond_the_window_is_not_compared(days_apart, compared):
    later = replace(FIRE_EBC, published=f"2026-07-{20 + days_apart:02d}", type="accident")
    assert cluster_stories([FIRE_CNA, later], OPTIONS).compared == compared


TYPHOON = ("台风凯米登陆宜兰 全台停班停课", "台风凯米今天凌晨在宜兰登陆，各县市宣布停班停课。")
REPEATS = 20  # one headline carried by twenty reports of one day (a generated corpus repeats titles so)


PAIRS = REPEATS * (REPEATS - 1) // 2
DOCS = REPEATS + len(BACKGROUND)


@pytest.mark.parametrize("ceiling, candidates, fewest, most, one_story", [
    pytest.param(1000, 1000, PAIRS, PAIRS + DOCS, True, id="bound.unbounded_compares_all_pairs"),
    pytest.param(1000, 5, 0, 5 * DOCS, False, id="bound.candidates_per_report_best_first"),
    pytest.param(10, 1000, 0, DOCS, False, id="bound.a_bigram_of_many_reports_finds_no_candidates"),
])
def test_repeated_reports_are_not_compared_pair_by_pair(ceiling, candidates, fewest, most, one_story):
    repeats = [_doc(200 + i, *TYPHOON, type_="disaster") for i in range(REPEATS)]
    options = replace(OPTIONS, story_candidate_ceiling=ceiling, story_candidates=candidates)
    clustering = cluster_stories([*repeats, *_background()], options)
    assert fewest <= clustering.compared <= most
    stories = {m.doc_id: m.group for m in clustering.members}
    assert (len({stories[d.doc_id] for d in repeats}) == 1) is one_story


@pytest.mark.parametrize("title, places", [
    pytest.param("法国西南部野火肆虐 逾1万民众连夜撤离", {"法国"}, id="a-country"),
    pytest.param("中国沈阳暴雨疑有民众涉水被电死", {"中国", "沈阳"}, id="a-country-and-a-city"),
    pytest.param("花莲近海发生规模4.1地震 台中市最大震度1级", {"花莲", "台中市"}, id="a-county-without-its-level-word"),
    pytest.param("王凯43岁骤逝 医揭年轻人猝死警讯", set(), id="no-place"),
])
def test_title_places(title, places):
    from extractors.places import load_places
    from pipeline.stories import title_places
    assert title_places(title, load_places()) == places


WILDFIRE_FR = _doc(11, "法国西南部森林野火肆虐 逾万名居民连夜撤离",
                   "法国西南部吉伦特省森林野火持续延烧，当局下令逾万名居民连夜撤离。", type_="disaster")
WILDFIRE_ES = _doc(12, "西班牙多处森林野火失控 进入紧急状态",
                   "西班牙北部多处森林野火失控，政府宣布进入紧急状态，数千名居民撤离。", type_="disaster")
WILDFIRE_FR_2 = _doc(13, "法国森林野火失控 吉伦特省居民撤离",
                     "吉伦特省森林野火持续延烧，消防员彻夜灌救，居民连夜撤离。", type_="accident")


@pytest.mark.parametrize("a, b, together", [
    pytest.param(WILDFIRE_FR, WILDFIRE_ES, False, id="fires-of-two-countries-are-two-stories"),
    pytest.param(WILDFIRE_FR, WILDFIRE_FR_2, True, id="a-fire-of-one-country-reported-twice-is-one"),
])
def test_incidents_whose_titles_name_different_places(a, b, together):
    stories = _stories([a, b, *_background()])
    assert (stories[a.doc_id] == stories[b.doc_id]) is together


# --- a quoted speaker named by the other report ----------------------------------------------------

TRAVEL_TPP = _doc(21, "批徐佳青花2300万纳税钱出国假考察 民众党再呛无耻下台",
                  "民众党立法院党团今天开记者会，指侨委会委员长徐佳青5年出国旅费2383万元。", type_="meeting")
TRAVEL_HSU = _doc(22, "民众党团指5年旅费2383万 徐佳青：合规且服务最多数侨民",
                  "侨委会委员长徐佳青今天回应，出国行程合规，服务最多数侨民。", type_="statement", speaker="徐佳青")


@pytest.mark.parametrize("quote, other, needed", [
    pytest.param(TRAVEL_HSU, TRAVEL_TPP, OPTIONS.story_overlap_statement, id="speaker.named_the_same_day"),
    pytest.param(TRAVEL_HSU, replace(TRAVEL_TPP, published="2026-07-21"), OPTIONS.story_overlap_reaction,
                 id="speaker.named_the_next_day_is_a_reaction"),
    pytest.param(TRAVEL_HSU, replace(TRAVEL_TPP, title="民众党再呛无耻下台", lead="民众党立法院党团今天开记者会。"),
                 OPTIONS.story_overlap_reaction, id="speaker.not_named"),
    pytest.param(TRAVEL_HSU, replace(TRAVEL_TPP, type="other"), OPTIONS.story_overlap_reaction,
                 id="speaker.named_by_a_report_of_no_event"),
    pytest.param(replace(TRAVEL_HSU, speaker=None), TRAVEL_TPP, OPTIONS.story_overlap_reaction,
                 id="speaker.statement_without_a_quote"),
])
def test_a_quoted_speaker_named_by_the_other_report_needs_less_overlap(quote, other, needed):
    from pipeline.stories import overlap_needed

    assert overlap_needed(quote, other, OPTIONS) == needed
    assert overlap_needed(other, quote, OPTIONS) == needed
