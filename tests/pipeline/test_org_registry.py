"""The organisation registry's rules (pipeline/org_registry.py): what a full name teaches, which forms may be
learned, and which occurrences of a learned form are mentions."""

from __future__ import annotations

import pytest

from pipeline.org_registry import SHORT, STEM, LearnedForm, Registry, RegistryWords, find_mentions, learned_forms


@pytest.fixture(scope="module")
def words() -> RegistryWords:
    return RegistryWords.load()


@pytest.mark.parametrize(("name", "expected"), [
    pytest.param("北京字节跳动科技有限公司", [("字节跳动科技", SHORT), ("字节跳动", STEM)], id="place_and_descriptor"),
    pytest.param("珠海格力电器股份有限公司", [("格力电器", SHORT), ("格力", STEM)], id="joint_stock"),
    pytest.param("深圳市腾讯计算机系统有限公司", [("腾讯计算机系统", SHORT), ("腾讯", STEM)], id="city_with_level"),
    pytest.param("阿里巴巴集团控股有限公司", [("阿里巴巴集团控股", SHORT), ("阿里巴巴", STEM)],
                 id="place_stem_inside_a_name"),
    pytest.param("北京同仁堂股份有限公司", [("同仁堂", SHORT)], id="no_descriptor_no_stem"),
    pytest.param("钉钉(中国)信息科技有限公司", [("钉钉信息科技", SHORT), ("钉钉", STEM)], id="parenthesised_place"),
    pytest.param("商丘市梁苑环境卫生工程有限公司", [("梁苑环境卫生工程", SHORT), ("梁苑环境卫生", STEM)],
                 id="descriptor_cut_once"),
    pytest.param("面业公司", [], id="bare_company_is_no_full_name"),
    pytest.param("恶势力犯罪集团", [], id="name_stop"),
    pytest.param("甘肃省汽车工业总公司酒泉汽车配件有限公司", [], id="branch_name_stop"),
    pytest.param("中铁四局集团第四工程有限公司", [], id="unit_of_a_group"),
    pytest.param("运动器材有限公司", [], id="common_words_only"),
    pytest.param("小米科技有限责任公司", [], id="stem_is_a_common_word"),
])
def test_learned_forms(words, name, expected):
    assert [(f.alias, f.rule) for f in learned_forms(name, "company", words)] == expected


def test_only_companies_teach(words):
    assert learned_forms("北京师范大学", "school", words) == []


@pytest.mark.parametrize(("form", "allowed"), [
    pytest.param("华为", True, id="brand"),
    pytest.param("字节跳动", True, id="brand_four_characters"),
    pytest.param("IBM", True, id="latin"),
    pytest.param("AB", False, id="latin_too_short"),
    pytest.param("北京", False, id="place_stem"),
    pytest.param("北京市", False, id="place_with_level"),
    pytest.param("美国", False, id="country"),
    pytest.param("长城", False, id="stoplist"),
    pytest.param("服饰", False, id="common_word"),
    pytest.param("科技", False, id="descriptor"),
    pytest.param("华", False, id="one_character"),
    pytest.param("5G手机", False, id="mixed_script"),
])
def test_allowed(words, form, allowed):
    assert words.allowed(form) is allowed


GREE = LearnedForm("格力", "珠海格力电器股份有限公司", "company", STEM)
GREE_SHORT = LearnedForm("格力电器", "珠海格力电器股份有限公司", "company", SHORT)
SHENTONG = LearnedForm("申通", "北京申通快递服务有限公司", "company", STEM)
BYTEDANCE = LearnedForm("字节跳动", "北京字节跳动科技有限公司", "company", STEM)


@pytest.mark.parametrize(("text", "names", "expected"), [
    pytest.param("格力表示，今年将继续加大研发投入，空调出口量有望增长。", (), ["格力"], id="two_characters_before_a_cue"),
    pytest.param("对此，格力电器回应称产品质量符合国家标准。", (), ["格力电器"], id="short_form"),
    pytest.param("据悉，格力今年的研发投入超过60亿元。", (), [], id="two_characters_without_evidence"),
    pytest.param("据悉，格力今年的研发投入超过60亿元。", ("珠海格力电器股份有限公司",), ["格力"],
                 id="two_characters_with_the_full_name_in_the_document"),
    pytest.param("格力电器发布年报。董事长表示，格力将坚持自主创新。", (), ["格力电器", "格力"],
                 id="two_characters_after_a_longer_form"),
    pytest.param("监管部门将严格力度不减地开展检查，坚决查处违法行为。", (), [], id="inside_a_word_on_the_left"),
    pytest.param("字节跳动旗下的短视频平台用户数已超过6亿。", (), ["字节跳动"], id="four_characters_anywhere"),
    pytest.param("王女士随后向申通快递客服进行投诉，申通表示将核实情况。", (), ["申通", "申通"], id="function_word_before"),
])
def test_find_mentions(words, text, names, expected):
    registry = Registry.of([GREE, GREE_SHORT, SHENTONG, BYTEDANCE])
    facts = find_mentions(text, registry, [], words, names=names)
    assert [f.text for f in facts] == expected
    for fact in facts:
        assert text[fact.start:fact.end] == fact.text
        assert fact.name == registry.forms[fact.text].name and fact.type == "company"
        assert fact.rule == registry.forms[fact.text].rule and fact.sentence


def test_mentions_skip_organisations_already_found(words):
    text = "珠海格力电器股份有限公司发布公告，格力电器上半年营收增长。"
    registry = Registry.of([GREE, GREE_SHORT])
    facts = find_mentions(text, registry, [(0, 12)], words)
    assert [(f.text, f.start) for f in facts] == [("格力电器", 17)]


def test_a_form_two_organisations_teach_is_ambiguous():
    other = LearnedForm("格力", "格力地产股份有限公司", "company", STEM)
    assert "格力" not in Registry.of([GREE, other]).forms


def test_names_differing_by_their_place_are_one_organisation():
    with_place = LearnedForm("华为", "深圳华为技术有限公司", "company", STEM)
    without = LearnedForm("华为", "华为技术有限公司", "company", STEM)
    assert Registry.of([with_place, without]).forms["华为"].name == "华为技术有限公司"


def test_a_form_that_is_an_organisations_own_name_resolves_nothing():
    assert "格力电器" not in Registry.of([GREE_SHORT], known_names=["格力电器"]).forms


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("佛山市工商局收到企业投诉，称有工厂仿冒“珠江电缆”；广东珠江电线电缆有限公司（以下简称“珠江电缆”）"
                 "受假货困扰已有十多年。", [], id="the_documents_own_abbreviation"),
    pytest.param("实习岗位由保利华南实业有限公司提供，面向应届毕业生。", [], id="beginning_of_another_name"),
    pytest.param("保利发布公告称，上半年签约金额同比增长12%。", ["保利"], id="brand_before_a_cue"),
])
def test_forms_that_mean_something_else_here(words, text, expected):
    pearl = LearnedForm("珠江电缆", "珠江电缆科技有限公司", "company", STEM)
    poly = LearnedForm("保利", "保利房地产（集团）股份有限公司", "company", STEM)
    facts = find_mentions(text, Registry.of([pearl, poly]), [], words)
    assert [f.text for f in facts] == expected


def test_the_documents_own_abbreviation_of_the_same_company(words):
    text = "北京同仁堂蜂业有限公司（下称同仁堂蜂业）部分经营管理人员存在违规行为，同仁堂蜂业表示将全面整改。"
    form = LearnedForm("同仁堂蜂业", "北京同仁堂蜂业有限公司", "company", SHORT)
    facts = find_mentions(text, Registry.of([form]), [(0, 11)], words)
    assert [(f.text, f.start) for f in facts] == [("同仁堂蜂业", 14), ("同仁堂蜂业", 35)]
