"""pipeline.decoding: BOM → HTTP charset → <meta> → detection, with lying labels and binary input."""

from __future__ import annotations

import gzip
import html
import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.decoding import META_WINDOW, Decoded, decode, normalise_charset
from pipeline.document import StageFailure
from tests.conftest import SHARED, shared_path

HANS = (
    "2023年9月15日，苏州市总工会在工业园区举行新就业形态劳动者集中入会仪式，现场有326名快递员、"
    "网约车司机加入工会，市总工会为他们每人送上价值200元的慰问品。工会干部王喆介绍，今年全市已发展新会员1.8万人。"
)
# 喆 is in GBK but not GB2312; 䶮 only in GB18030 (four-byte).
HANS_GB18030_ONLY = "据悉，获得一等奖的刘䶮来自苏州工业园区一家精密制造企业，奖金5000元。"
HANT = (
    "臺北市政府勞動局10月21日舉辦「中高齡就業博覽會」，共有62家廠商參與，釋出職缺1,850個，"
    "其中月薪新台幣3萬5千元以上的職缺約占四成，現場吸引約2,300名求職者。"
)
# 嘅 and 邨 are Hong Kong (HKSCS) characters that plain Big5 lacks.
HANT_HKSCS = "香港工會聯合會表示，屋邨嘅長者服務中心將增聘12名社工，新增開支約港幣480萬元。"


def page(body: str, head: str = "") -> str:
    """A small but complete news page around ``body``, its chrome in the body's script."""
    traditional = body.startswith((HANT, HANT_HKSCS))
    home, footer = ("首頁", "版權所有 未經授權不得轉載") if traditional else ("首页", "版权所有 ICP备00000000号")
    return (
        "<!DOCTYPE html>\n<html>\n<head>\n"
        f"{head}<title>{body[:16]}</title>\n"
        '<meta name="viewport" content="width=device-width">\n'
        "</head>\n<body>\n"
        f"<div class=\"nav\"><a href=\"/\">{home}</a></div>\n"
        f"<div class=\"content\"><p>{body}</p></div>\n"
        f"<div class=\"footer\">{footer}</div>\n</body>\n</html>\n"
    )


def visible_text(markup: str) -> str:
    """Tags dropped, entities resolved, whitespace removed: what a reader of the page sees."""
    return re.sub(r"\s+", "", html.unescape(re.sub(r"<[^>]*>", "", markup)))


# --- labels -----------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("label", "expected"),
    [
        pytest.param("GB2312", "gb18030", id="label.gb2312_superset"),
        pytest.param("gbk", "gb18030", id="label.gbk_superset"),
        pytest.param("x-gbk", "gb18030", id="label.x_gbk"),
        pytest.param("cp936", "gb18030", id="label.cp936"),
        pytest.param("GB18030", "gb18030", id="label.gb18030"),
        pytest.param("Big5", "big5hkscs", id="label.big5_superset"),
        pytest.param("x-x-big5", "big5hkscs", id="label.x_x_big5"),
        pytest.param("utf8", "utf-8", id="label.utf8_spelling"),
        pytest.param("'UTF-8'", "utf-8", id="label.quoted"),
        pytest.param("iso-8859-1", "cp1252", id="label.latin1_is_windows1252"),
        pytest.param("UTF-16", "utf-16", id="label.utf16"),
        pytest.param("base64", None, id="label.bytes_codec_is_not_a_charset"),
        pytest.param("x-no-such-charset", None, id="label.unknown"),
    ],
)
def test_normalise_charset(label: str, expected: str | None) -> None:
    assert normalise_charset(label) == expected


# --- self-encoded pages -----------------------------------------------------------------------

CASES = [
    # (markup, bytes encoding, HTTP headers, expected codec, expected basis)
    pytest.param(page(HANS, '<meta charset="gbk">\n'), "gbk", None, "gb18030", "meta", id="meta.gbk"),
    pytest.param(
        page(HANS, '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">\n'),
        "gbk", None, "gb18030", "meta", id="meta.http_equiv_gb2312_with_gbk_only_char",
    ),
    pytest.param(
        page(HANS + HANS_GB18030_ONLY, '<meta charset="GBK">\n'),
        "gb18030", None, "gb18030", "meta", id="meta.gbk_label_gb18030_bytes",
    ),
    pytest.param(
        page(HANT, '<meta http-equiv="Content-Type" content="text/html; charset=big5" />\n'),
        "big5", None, "big5hkscs", "meta", id="meta.big5",
    ),
    pytest.param(
        page(HANT_HKSCS, '<meta charset="big5">\n'), "big5hkscs", None, "big5hkscs", "meta",
        id="meta.big5_label_hkscs_chars",
    ),
    pytest.param(
        '<?xml version="1.0" encoding="gb2312"?>\n' + page(HANS), "gbk", None, "gb18030", "meta",
        id="meta.xml_declaration",
    ),
    pytest.param(
        page(HANS, "<!-- " + "站点统计代码 " * 500 + "-->\n" + '<meta charset="gbk">\n'),
        "gbk", None, "gb18030", "meta", id="meta.after_several_kb_of_comments",
    ),
    pytest.param(
        page(HANS), "gbk", {"Content-Type": "text/html; charset=GBK"}, "gb18030", "http", id="http.gbk",
    ),
    pytest.param(
        page(HANS, '<meta charset="big5">\n'), "gbk", {"content-type": "text/html;charset=gbk"},
        "gb18030", "http", id="http.wins_over_meta",
    ),
    pytest.param(
        page(HANS, '<meta charset="gbk">\n'), "gbk", {"Content-Type": "text/html; charset=utf-8"},
        "gb18030", "meta", id="http.lies_meta_is_right",
    ),
    pytest.param(
        page(HANS, '<meta charset="gb2312">\n'), "utf-8", None, "utf-8", "utf-8", id="meta.lies_bytes_are_utf8",
    ),
    pytest.param(
        page(HANS, '<meta charset="utf-8">\n'), "gbk", None, "gb18030", "detected", id="meta.lies_bytes_are_gbk",
    ),
    pytest.param(
        page(HANT, '<meta charset="utf-16">\n'), "utf-8", None, "utf-8", "meta", id="meta.utf16_means_utf8",
    ),
    pytest.param(page(HANS), "gbk", None, "gb18030", "detected", id="detect.gbk"),
    pytest.param(page(HANS + HANS_GB18030_ONLY), "gb18030", None, "gb18030", "detected", id="detect.gb18030"),
    pytest.param(page(HANT), "big5", None, "big5hkscs", "detected", id="detect.big5"),
    pytest.param(page(HANS), "utf-8", None, "utf-8", "utf-8", id="detect.utf8"),
    pytest.param(page(HANT), "utf-16-le", None, "utf-16-le", "detected", id="detect.utf16le_without_bom"),
    pytest.param(page(HANS), "utf-16-be", None, "utf-16-be", "detected", id="detect.utf16be_without_bom"),
    pytest.param(
        page(HANS), "utf-16-le", {"Content-Type": "text/html; charset=UTF-16"}, "utf-16-le", "http",
        id="http.utf16_no_bom_little_endian",
    ),
    pytest.param(
        page(HANT), "utf-16-be", {"Content-Type": "text/html; charset=utf-16"}, "utf-16-be", "http",
        id="http.utf16_no_bom_big_endian",
    ),
    pytest.param(
        page(HANS), "utf-16-le", {"Content-Type": "text/html; charset=UTF-16LE"}, "utf-16-le", "http",
        id="http.utf16le_label",
    ),
    pytest.param(
        page(HANS), "utf-8", {"Content-Type": "text/html; charset=utf-16"}, "utf-8", "http",
        id="http.utf16_label_on_bytes_without_nul",
    ),
]


@pytest.mark.parametrize(("markup", "encoding", "headers", "codec", "basis"), CASES)
def test_decode_self_encoded(markup: str, encoding: str, headers, codec: str, basis: str) -> None:
    result = decode(markup.encode(encoding), headers)
    assert (result.text, result.encoding, result.basis) == (markup, codec, basis)


@pytest.mark.parametrize(
    ("bom_encoding", "codec"),
    [
        pytest.param("utf-8-sig", "utf-8", id="bom.utf8"),
        pytest.param("utf-16", "utf-16-le", id="bom.utf16le"),  # Python writes the native (LE) order
        pytest.param("utf-32", "utf-32-le", id="bom.utf32le"),
    ],
)
def test_decode_bom_beats_declarations(bom_encoding: str, codec: str) -> None:
    markup = page(HANT, '<meta charset="gbk">\n')
    result = decode(markup.encode(bom_encoding), {"Content-Type": "text/html; charset=big5"})
    assert result == Decoded(markup, codec, "bom")


def test_decode_utf16_big_endian_bom() -> None:
    markup = page(HANS)
    result = decode(b"\xfe\xff" + markup.encode("utf-16-be"))
    assert result == Decoded(markup, "utf-16-be", "bom")


def test_decode_plain_text_ignores_meta_like_lines() -> None:
    # A text dump quoting markup: is_html=False must not trust the <meta> in it.
    text = HANS + '\n网页源代码中写有 <meta charset="big5"> 字样。\n'
    result = decode(text.encode("gbk"), is_html=False)
    assert (result.text, result.encoding, result.basis) == (text, "gb18030", "detected")


def test_meta_outside_window_is_not_read() -> None:
    markup = page(HANS, "<!-- " + "x" * META_WINDOW + " -->\n" + '<meta charset="big5">\n')
    result = decode(markup.encode("utf-8"))
    assert (result.encoding, result.basis) == ("utf-8", "utf-8")


# --- damaged input ------------------------------------------------------------------------------

def test_one_corrupt_byte_keeps_declared_charset() -> None:
    raw = page(HANS * 3, '<meta charset="gbk">\n').encode("gbk")
    cut = raw.index("慰问品".encode("gbk"))
    damaged = raw[:cut] + b"\xff" + raw[cut:]
    result = decode(damaged)
    assert (result.encoding, result.basis) == ("gb18030", "meta")
    assert result.text.count("\ufffd") == 1
    assert "今年全市已发展新会员1.8万人" in result.text


def test_one_corrupt_byte_in_utf8_page_with_lying_meta() -> None:
    raw = page(HANS * 3, '<meta charset="gb2312">\n').encode("utf-8")
    cut = raw.index("慰问品".encode("utf-8"))
    result = decode(raw[:cut] + b"\xff" + raw[cut:])
    assert result.encoding == "utf-8"
    assert "今年全市已发展新会员1.8万人" in result.text


@pytest.mark.parametrize(
    ("encoding", "head"),
    [
        pytest.param("gbk", '<meta charset="gbk">\n', id="truncated.gbk_declared"),
        pytest.param("utf-8", "", id="truncated.utf8_undeclared"),
        pytest.param("big5", '<meta charset="big5">\n', id="truncated.big5_declared"),
    ],
)
def test_page_cut_mid_character(encoding: str, head: str) -> None:
    text = head + "<p>" + (HANT if encoding == "big5" else HANS)
    raw = text.encode(encoding)[:-1]  # the final "。" / "人" loses its last byte
    result = decode(raw)
    assert result.text == text[:-1] + "\ufffd"


def test_empty_content_is_empty_text() -> None:
    assert decode(b"").text == ""


# --- binary -------------------------------------------------------------------------------------

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x06\x00\x00\x00" + bytes(200)


@pytest.mark.parametrize(
    ("content", "headers"),
    [
        pytest.param(PNG, None, id="binary.png"),
        pytest.param(PNG, {"Content-Type": "text/html; charset=iso-8859-1"}, id="binary.png_served_as_latin1_html"),
        pytest.param(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", None, id="binary.pdf"),
        pytest.param(gzip.compress(page(HANS).encode("utf-8")), None, id="binary.still_gzipped"),
        pytest.param(bytes(range(256)) * 16, {"Content-Type": "text/html; charset=utf-8"}, id="binary.control_bytes"),
        pytest.param(b"\x00" * 4096, None, id="binary.all_nul"),
    ],
)
def test_binary_raises_stage_failure(content: bytes, headers) -> None:
    with pytest.raises(StageFailure) as failure:
        decode(content, headers)
    assert failure.value.stage == "decode"


# --- BOM-less UTF-16 and text with control characters -------------------------------------------

@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize(
    "text",
    [
        pytest.param(HANS, id="hans_prose"),
        pytest.param(HANT, id="hant_prose"),
        pytest.param(page(HANS), id="html_page"),
    ],
)
def test_utf16_without_bom_decodes_the_same_as_html_and_text(text: str, encoding: str) -> None:
    content = text.encode(encoding)
    as_html, as_text = decode(content, is_html=True), decode(content, is_html=False)
    assert (as_html.text, as_html.encoding) == (as_text.text, as_text.encoding) == (text, encoding)


def _sprinkle(text: str, every: int, junk: str) -> str:
    return "".join(ch + (junk if i % every == every - 1 else "") for i, ch in enumerate(text))


@pytest.mark.parametrize(
    ("text", "encoding", "every", "junk"),
    [
        pytest.param(HANS, "utf-8", 40, "\x00", id="controls.utf8_few_nuls"),
        pytest.param(HANS, "utf-8", 3, "\x00\x00", id="controls.utf8_many_nuls"),
        pytest.param(HANS, "gb18030", 7, "\x00\x08", id="controls.gbk_nul_backspace"),
        pytest.param(HANT, "big5hkscs", 5, "\x01\x1f", id="controls.big5_control_bytes"),
        pytest.param(page(HANS), "utf-8", 10, "\x00", id="controls.html_page_with_nuls"),
    ],
)
def test_mostly_text_is_decoded_with_its_control_characters_counted_and_removed(
        text: str, encoding: str, every: int, junk: str) -> None:
    dirty = _sprinkle(text, every, junk)
    decoded = decode(dirty.encode(encoding), is_html=text.startswith("<!DOCTYPE"))
    assert decoded.text == text
    assert decoded.controls == len(dirty) - len(text) > 0


def test_text_without_control_characters_counts_none() -> None:
    assert decode(HANS.encode("utf-8"), is_html=False).controls == 0


# --- third-party pages (../shared) ------------------------------------------------------------

def _manifest_params(dataset: str | None = None) -> list:
    """One param per page in ../shared/corpus/html/manifest.jsonl (one skipped param without it)."""
    manifest = SHARED / "corpus" / "html" / "manifest.jsonl"
    if not manifest.exists():
        return [pytest.param(None, id="shared-missing")]
    rows = [json.loads(line) for line in manifest.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [pytest.param(row, id=row["id"]) for row in rows if dataset in (None, row["dataset"])]


@pytest.mark.parametrize("row", _manifest_params())
def test_manifest_page_decodes_as_its_true_encoding(row) -> None:
    folder = shared_path("corpus", "html")
    raw = (folder / row["html_path"]).read_bytes()
    result = decode(raw)
    assert result.encoding == row["encoding"]
    assert result.text == raw.decode(row["encoding"])


@pytest.mark.parametrize("row", _manifest_params("cx_extractor_163"))
def test_gbk_page_contains_start_of_gold_text(row) -> None:
    folder = shared_path("corpus", "html")
    gold = (folder / row["gold_path"]).read_text(encoding="utf-8")
    gold_start = re.sub(r"\s+", "", gold)[:20]
    assert len(gold_start) == 20
    assert gold_start in visible_text(decode((folder / row["html_path"]).read_bytes()).text)


# --- any bytes at all ---------------------------------------------------------------------------

@settings(max_examples=300, deadline=None)
@given(
    content=st.one_of(
        st.binary(max_size=600),
        st.text(max_size=200).map(lambda t: t.encode("utf-8")),
        st.text(alphabet=HANS + HANT + "<>/=\"' ", max_size=200).map(lambda t: t.encode("gb18030")),
    ),
    charset=st.sampled_from([None, "utf-8", "gbk", "big5", "utf-16", "iso-8859-1", "no-such"]),
    is_html=st.booleans(),
)
def test_decode_returns_text_or_stage_failure(content: bytes, charset: str | None, is_html: bool) -> None:
    headers = {"Content-Type": f"text/html; charset={charset}"} if charset else None
    try:
        result = decode(content, headers, is_html=is_html)
    except StageFailure as failure:
        assert failure.stage == "decode"
    else:
        assert isinstance(result.text, str) and result.basis in ("bom", "http", "meta", "detected", "utf-8")
