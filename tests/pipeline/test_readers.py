"""pipeline.readers: every input format, gzip variants, size limits, and errors that do not stop a run."""

from __future__ import annotations

import gzip
import io
import json
import os
import shutil
import tempfile
import tracemalloc
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from pipeline.decoding import decode
from pipeline.document import RawRecord, StageError
from pipeline.options import PipelineOptions
from pipeline.readers import iter_records, scan_inputs
from tests.conftest import CORPUS

OPTIONS = PipelineOptions()

ARTICLE = (
    "3月18日上午，杭州市总工会在滨江区召开2024年职工技能提升推进会，宣布今年将投入专项资金1500万元，"
    "组织开展各类职业技能竞赛200余场，预计参赛职工超过5万人次。"
)
ARTICLE_HANT = "高雄市政府勞工局3月9日舉辦徵才活動，42家廠商提供職缺1,260個，現場約有1,500人應徵。"
HTML = f"<html><head><meta charset=\"utf-8\"><title>杭州市总工会召开推进会</title></head><body><p>{ARTICLE}</p></body></html>"


def records(*paths: Path, options: PipelineOptions = OPTIONS) -> list[RawRecord | StageError]:
    return list(iter_records(paths, options))


def only_records(items: list) -> list[RawRecord]:
    return [item for item in items if isinstance(item, RawRecord)]


def only_errors(items: list) -> list[StageError]:
    return [item for item in items if isinstance(item, StageError)]


# --- single-page files --------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("name", "data", "fmt", "content"),
    [
        pytest.param("page.html", HTML.encode("utf-8"), "html", HTML.encode("utf-8"), id="page.html"),
        pytest.param("page.htm", HTML.encode("gbk"), "html", HTML.encode("gbk"), id="page.htm_gbk_bytes_kept"),
        pytest.param("page.HTML", HTML.encode("utf-8"), "html", HTML.encode("utf-8"), id="page.upper_case_suffix"),
        pytest.param("article.txt", ARTICLE.encode("utf-8"), "text", ARTICLE.encode("utf-8"), id="page.txt"),
        pytest.param(
            "page.html.gz", gzip.compress(HTML.encode("utf-8")), "html", HTML.encode("utf-8"), id="page.html_gz",
        ),
        pytest.param(
            "article.txt.gz", gzip.compress(ARTICLE_HANT.encode("big5")), "text", ARTICLE_HANT.encode("big5"),
            id="page.txt_gz_big5",
        ),
        pytest.param(
            "saved.html", gzip.compress(HTML.encode("utf-8")), "html", HTML.encode("utf-8"),
            id="page.gzip_without_gz_suffix",
        ),
    ],
)
def test_single_page_file(tmp_path: Path, name: str, data: bytes, fmt: str, content: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    assert records(path) == [RawRecord(source=str(path), record=0, content=content, format=fmt)]


def test_page_over_size_limit_is_an_error_and_reading_goes_on(tmp_path: Path) -> None:
    big = tmp_path / "a_big.html"
    big.write_bytes(HTML.encode("utf-8") * 20)
    small = tmp_path / "b_small.txt"
    small.write_bytes(ARTICLE.encode("utf-8"))
    items = records(tmp_path, options=PipelineOptions(max_bytes=len(HTML.encode("utf-8")) * 2))
    assert [type(item).__name__ for item in items] == ["StageError", "RawRecord"]
    error = items[0]
    assert (error.source, error.stage) == (str(big), "read")
    assert "max_bytes" in error.message
    assert items[1].content == ARTICLE.encode("utf-8")


def test_gzip_bomb_over_size_limit_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "bomb.html.gz"
    path.write_bytes(gzip.compress(b"<p>" + b" " * 1_000_000 + b"</p>"))
    [error] = records(path, options=PipelineOptions(max_bytes=10_000))
    assert isinstance(error, StageError) and "larger than the limit" in error.message


def gzip_bomb(data: bytes, copies: int) -> bytes:
    """``copies`` gzip members of ``data``: a file that expands to len(data) * copies bytes (fast to build)."""
    return gzip.compress(data, compresslevel=9) * copies


def test_gigabyte_gzip_bomb_page_stops_in_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "bomb.html.gz"
    path.write_bytes(gzip_bomb(bytes(1 << 20), 1024))  # 1 GiB of zeros in about 1 MB
    fine = tmp_path / "fine.txt"
    fine.write_bytes(ARTICLE.encode("utf-8"))
    tracemalloc.start()
    try:
        items = records(tmp_path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    [error] = only_errors(items)
    assert error.source == str(path) and "gzip bomb: the stream expands more than 200 times" in error.message
    assert [r.source for r in only_records(items)] == [str(fine)]
    assert peak < 3 * OPTIONS.max_bytes


def test_gzip_page_over_the_limit_that_is_no_bomb_stops_at_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.txt.gz"
    path.write_bytes(gzip.compress(os.urandom(30_000).hex().encode() * 2))  # ~120 KB, compresses ~4x
    [error] = records(path, options=PipelineOptions(max_bytes=100_000))
    assert "is larger than the limit of 100000 bytes" in error.message


def test_jsonl_gzip_bomb_of_small_lines_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "bomb.jsonl.gz"
    line = json.dumps({"url": "https://a.cn/1", "text": ARTICLE}, ensure_ascii=False).encode("utf-8") + b"\n"
    path.write_bytes(gzip.compress(line) + gzip_bomb(b"\n" * (1 << 20), 64))  # one record, then 64 MiB of blank lines
    items = records(path)
    assert [type(i).__name__ for i in items] == ["RawRecord", "StageError"]
    assert "gzip bomb: the stream expands more than 200 times its size" in items[1].message


def test_truncated_gzip_page_is_an_error(tmp_path: Path) -> None:
    data = gzip.compress((HTML * 50).encode("utf-8"))
    broken = tmp_path / "a.html.gz"
    broken.write_bytes(data[: len(data) // 2])
    fine = tmp_path / "b.html"
    fine.write_bytes(HTML.encode("utf-8"))
    items = records(tmp_path)
    assert isinstance(items[0], StageError) and items[0].source == str(broken)
    assert isinstance(items[1], RawRecord) and items[1].source == str(fine)


# --- folders and unknown files ----------------------------------------------------------------

def test_folders_are_walked_recursively_in_sorted_order(tmp_path: Path) -> None:
    for name in ["b/2.html", "a.txt", "b/1.txt", "c/d/3.htm", ".hidden/x.html", "b/.notes.txt", "b/photo.jpg"]:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(ARTICLE.encode("utf-8"))
    scan = scan_inputs([tmp_path])
    assert [p.relative_to(tmp_path).as_posix() for p, _ in scan.files] == ["a.txt", "b/1.txt", "b/2.html", "c/d/3.htm"]
    assert [p.name for p in scan.skipped] == ["photo.jpg"]
    assert [r.source for r in records(tmp_path)] == [str(p) for p, _ in scan.files]


def test_file_reached_twice_is_read_once(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    page = tmp_path / "sub" / "page.html"
    page.write_bytes(HTML.encode("utf-8"))
    assert len(records(tmp_path, tmp_path / "sub", page)) == 1


@pytest.mark.parametrize(
    ("name", "message"),
    [
        pytest.param(None, "no such file", id="input.missing_path"),
        pytest.param("report.pdf", "unsupported file type", id="input.explicit_unknown_kind"),
    ],
)
def test_bad_explicit_input_is_an_error(tmp_path: Path, name: str | None, message: str) -> None:
    path = tmp_path / (name or "missing.html")
    if name:
        path.write_bytes(b"%PDF-1.7")
    fine = tmp_path / "fine.txt"
    fine.write_bytes(ARTICLE.encode("utf-8"))
    items = records(path, fine)
    assert isinstance(items[0], StageError) and message in items[0].message
    assert only_records(items)[0].source == str(fine)


# --- paths that cannot be read: each an error, the rest of the run goes on ---------------------

def _loop(folder: Path) -> list[Path]:
    (folder / "a.html").symlink_to(folder / "b.html")
    (folder / "b.html").symlink_to(folder / "a.html")
    return [folder / "a.html", folder / "b.html"]


def _dangling(folder: Path) -> list[Path]:
    (folder / "moved.html").symlink_to(folder / "gone" / "page.html")
    return [folder / "moved.html"]


def _fifo(folder: Path) -> list[Path]:
    os.mkfifo(folder / "pipe.html")  # opening it for reading would block the run forever
    return [folder / "pipe.html"]


def _proc_file(folder: Path) -> list[Path]:
    # /proc/self/clear_refs is a regular file that even root cannot read (EINVAL on read).
    (folder / "refs.txt").symlink_to("/proc/self/clear_refs")
    return [folder / "refs.txt"]


def _unknown_kind_loop(folder: Path) -> list[Path]:
    (folder / "x").symlink_to(folder / "y")
    (folder / "y").symlink_to(folder / "x")
    return [folder / "x", folder / "y"]


@pytest.mark.parametrize(
    ("make", "message"),
    [
        pytest.param(_loop, "symlink loop", id="path.symlink_loop"),
        pytest.param(_unknown_kind_loop, "symlink loop", id="path.symlink_loop_of_unknown_kind"),
        pytest.param(_dangling, "a link to a missing file", id="path.dangling_link"),
        pytest.param(_fifo, "not a regular file (a named pipe)", id="path.fifo"),
        pytest.param(_proc_file, "cannot read", id="path.unreadable_file"),
    ],
)
def test_bad_path_in_a_folder_is_an_error_and_the_folder_goes_on(tmp_path: Path, make, message: str) -> None:
    bad = make(tmp_path)
    fine = tmp_path / "z_fine.txt"
    fine.write_bytes(ARTICLE.encode("utf-8"))
    items = records(tmp_path)
    errors = only_errors(items)
    assert sorted(e.source for e in errors) == sorted(str(p) for p in bad)
    assert all(message in e.message and e.stage == "read" for e in errors), errors
    assert [r.source for r in only_records(items)] == [str(fine)]


@pytest.mark.parametrize(
    ("make", "message"),
    [
        pytest.param(lambda d: d / "missing", "no such file or directory", id="explicit.missing_path"),
        pytest.param(lambda d: _loop(d)[0], "symlink loop", id="explicit.symlink_loop"),
        pytest.param(lambda d: _fifo(d)[0], "not a regular file", id="explicit.fifo"),
        pytest.param(lambda d: (d / "z_fine.txt") / "page.html", "no such file or directory",
                     id="explicit.file_used_as_folder"),
    ],
)
def test_bad_explicit_path_is_an_error(tmp_path: Path, make, message: str) -> None:
    fine = tmp_path / "z_fine.txt"
    fine.write_bytes(ARTICLE.encode("utf-8"))
    bad = make(tmp_path)
    items = records(bad, fine)
    [error] = only_errors(items)
    assert (error.source, error.stage) == (str(bad), "read") and message in error.message
    assert [r.source for r in only_records(items)] == [str(fine)]


@contextmanager
def _as_nobody():
    """Act as user ``nobody`` (root bypasses file permissions; the real uid stays root to switch back)."""
    if os.geteuid() != 0:
        yield
        return
    os.seteuid(NOBODY)
    try:
        yield
    finally:
        os.seteuid(0)


NOBODY = 65534


def test_folder_that_cannot_be_listed_is_an_error(tmp_path: Path) -> None:
    # chmod 000 on a folder, read as an unprivileged user (tests run as root, which can list anything).
    top = Path(tempfile.mkdtemp(prefix="newsfacts-unlistable-"))
    try:
        top.chmod(0o755)
        (top / "a_locked").mkdir()
        (top / "a_locked" / "page.html").write_bytes(HTML.encode("utf-8"))
        (top / "b_fine.txt").write_bytes(ARTICLE.encode("utf-8"))
        (top / "b_fine.txt").chmod(0o644)
        (top / "a_locked").chmod(0o000)
        with _as_nobody():
            items = records(top)
        [error] = only_errors(items)
        assert (error.source, error.stage) == (str(top / "a_locked"), "read")
        assert error.message == "cannot list folder: Permission denied"
        assert [r.source for r in only_records(items)] == [str(top / "b_fine.txt")]
    finally:
        (top / "a_locked").chmod(0o755)
        shutil.rmtree(top)


# --- JSONL ----------------------------------------------------------------------------------------

JSONL_LINES = [
    {"id": "a1", "url": "https://news.example.cn/a1.html", "html": HTML, "published": "2024-03-18",
     "fetched_at": "2024-03-19T01:00:00Z", "title": "杭州市总工会召开推进会"},
    {"id": "a2", "text": ARTICLE_HANT, "date": "2024-03-09"},
]


def write_jsonl(path: Path, lines: list[str]) -> None:
    data = "".join(line + "\n" for line in lines).encode("utf-8")
    path.write_bytes(gzip.compress(data) if path.name.endswith(".gz") else data)


@pytest.mark.parametrize(
    "name", [pytest.param("feed.jsonl", id="jsonl.plain"), pytest.param("feed.jsonl.gz", id="jsonl.gz")]
)
def test_jsonl_fields(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    write_jsonl(path, [json.dumps(line, ensure_ascii=False) for line in JSONL_LINES])
    assert records(path) == [
        RawRecord(source=str(path), record=1, content=HTML, format="html", url="https://news.example.cn/a1.html",
                  published="2024-03-18", fetched_at="2024-03-19T01:00:00Z", title="杭州市总工会召开推进会", id="a1"),
        RawRecord(source=str(path), record=2, content=ARTICLE_HANT, format="text", published="2024-03-09", id="a2"),
    ]


@pytest.mark.parametrize(("fields", "site", "source_name"), [
    pytest.param({"source": "自由時報"}, None, "自由時報", id="jsonl.source-is-the-outlet"),
    pytest.param({"site": "甘肃日报"}, "甘肃日报", None, id="jsonl.site"),
    pytest.param({"site": "中央社", "source": "CNA"}, "中央社", "CNA", id="jsonl.site-and-source"),
    pytest.param({"source": {"name": "x"}}, None, None, id="jsonl.source-not-text-ignored"),
])
def test_jsonl_outlet_fields(tmp_path: Path, fields: dict, site: str | None, source_name: str | None) -> None:
    path = tmp_path / "leads.jsonl"
    write_jsonl(path, [json.dumps({"id": "l1", "text": ARTICLE, **fields}, ensure_ascii=False)])
    [record] = records(path)
    assert (record.site, record.source_name) == (site, source_name)


BAD_LINES = [
    pytest.param('{"url": "https://news.example.cn/x", "text": "未闭合', "malformed JSON", id="jsonl.malformed"),
    pytest.param('{"url": "https://news.example.cn/x", "title": "只有标题"}', "no html or text", id="jsonl.no_content"),
    pytest.param(
        '{"url": "https://news.example.cn/x", "html": null, "text": "  "}', "no html or text", id="jsonl.blank_content"
    ),
    pytest.param('["不是", "对象"]', "expected a JSON object", id="jsonl.not_an_object"),
]


@pytest.mark.parametrize(("bad", "message"), BAD_LINES)
def test_bad_jsonl_line_is_an_error_and_the_file_goes_on(tmp_path: Path, bad: str, message: str) -> None:
    path = tmp_path / "feed.jsonl"
    good = json.dumps({"text": ARTICLE}, ensure_ascii=False)
    write_jsonl(path, [good, bad, "", good])
    items = records(path)
    assert [(type(i).__name__, i.record) for i in items] == [("RawRecord", 1), ("StageError", 2), ("RawRecord", 4)]
    assert items[1].stage == "read" and message in items[1].message and items[1].source == str(path)


def test_jsonl_line_not_utf8_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_bytes(json.dumps({"text": ARTICLE}, ensure_ascii=False).encode("gbk") + b"\n"
                     + json.dumps({"text": ARTICLE}, ensure_ascii=False).encode("utf-8") + b"\n")
    items = records(path)
    assert isinstance(items[0], StageError) and "not UTF-8" in items[0].message
    assert items[1].content == ARTICLE


def test_jsonl_line_over_size_limit_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    write_jsonl(path, [json.dumps({"text": text}, ensure_ascii=False) for text in (ARTICLE * 40, ARTICLE)])
    items = records(path, options=PipelineOptions(max_bytes=2000))
    assert isinstance(items[0], StageError) and items[0].record == 1 and "max_bytes" in items[0].message
    assert isinstance(items[1], RawRecord) and (items[1].record, items[1].content) == (2, ARTICLE)


def test_truncated_jsonl_gz_keeps_the_lines_before_the_break(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl.gz"
    lines = [json.dumps({"text": f"第{i}条：{ARTICLE}"}, ensure_ascii=False) for i in range(300)]
    data = gzip.compress("".join(line + "\n" for line in lines).encode("utf-8"))
    path.write_bytes(data[: len(data) * 2 // 3])
    items = records(path)
    assert isinstance(items[-1], StageError) and items[-1].source == str(path)
    good = only_records(items)
    assert good and [r.record for r in good] == list(range(1, len(good) + 1))
    assert good[0].content.startswith("第0条")


# --- WARC -----------------------------------------------------------------------------------------

def warc_bytes(compress: bool = True, *, extra_body: bytes = b"") -> bytes:
    """warcinfo, request, an HTML response, a text/plain response, a 404, a PNG, a gzip-encoded HTML response."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=compress)
    writer.write_record(writer.create_warcinfo_record("test.warc", {"software": "tests"}))
    request = StatusAndHeaders("GET /a1.html HTTP/1.1", [("Host", "news.example.cn")], is_http_request=True)
    writer.write_record(
        writer.create_warc_record(
            "https://news.example.cn/a1.html", "request", payload=io.BytesIO(b""), http_headers=request
        )
    )

    def response(url: str, status: str, headers: list[tuple[str, str]], body: bytes, date: str) -> None:
        http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
        record = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http,
                                           warc_headers_dict={"WARC-Date": date})
        writer.write_record(record)

    response("https://news.example.cn/a1.html", "200 OK",
             [("Content-Type", "text/html; charset=GBK"), ("Set-Cookie", "a=1"), ("SET-COOKIE", "b=2")],
             HTML.encode("gbk") + extra_body, "2024-03-19T01:00:00Z")
    response("https://news.example.cn/a2.txt", "200 OK", [("Content-Type", "text/plain; charset=big5")],
             ARTICLE_HANT.encode("big5"), "2024-03-19T01:00:05Z")
    response("https://news.example.cn/gone.html", "404 Not Found", [("Content-Type", "text/html")],
             b"<h1>404</h1>", "2024-03-19T01:00:06Z")
    response("https://news.example.cn/logo.png", "200 OK", [("Content-Type", "image/png")],
             b"\x89PNG\r\n\x1a\n", "2024-03-19T01:00:07Z")
    response("https://news.example.cn/a3.html", "200 OK",
             [("Content-Type", "text/html; charset=utf-8"), ("Content-Encoding", "gzip")],
             gzip.compress(HTML.encode("utf-8")), "2024-03-19T01:00:08Z")
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "compress"),
    [pytest.param("crawl.warc.gz", True, id="warc.gz"), pytest.param("crawl.warc", False, id="warc.plain")],
)
def test_warc_responses(tmp_path: Path, name: str, compress: bool) -> None:
    path = tmp_path / name
    path.write_bytes(warc_bytes(compress))
    items = records(path)
    assert not only_errors(items)
    assert [(r.url, r.format, r.fetched_at, r.record) for r in items] == [
        ("https://news.example.cn/a1.html", "html", "2024-03-19T01:00:00Z", 3),
        ("https://news.example.cn/a2.txt", "text", "2024-03-19T01:00:05Z", 4),
        ("https://news.example.cn/a3.html", "html", "2024-03-19T01:00:08Z", 7),
    ]
    first, second, third = items
    assert first.content == HTML.encode("gbk")
    assert first.headers["content-type"] == "text/html; charset=GBK"
    assert first.headers["set-cookie"] == "a=1, b=2"
    assert all(name == name.lower() for name in first.headers)
    assert decode(second.content, second.headers, is_html=False).text == ARTICLE_HANT
    assert third.content == HTML.encode("utf-8")  # Content-Encoding undone
    assert first.published is None and first.source == str(path)


def test_warc_record_over_size_limit_is_an_error_and_the_file_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(warc_bytes(extra_body=b"<!-- padding -->" * 2000))
    items = records(path, options=PipelineOptions(max_bytes=20_000))
    assert [type(i).__name__ for i in items] == ["StageError", "RawRecord", "RawRecord"]
    assert items[0].key == "https://news.example.cn/a1.html" and "max_bytes" in items[0].message


@pytest.mark.parametrize(
    ("compress", "keep"),
    [
        pytest.param(True, 0.8, id="warc.gz_cut_in_last_records"),
        pytest.param(False, 0.8, id="warc.plain_cut_in_last_records"),
        pytest.param(False, 0.97, id="warc.plain_cut_in_last_body"),
    ],
)
def test_truncated_warc_is_an_error_after_the_intact_records(tmp_path: Path, compress: bool, keep: float) -> None:
    data = warc_bytes(compress)
    path = tmp_path / "a.warc.gz"
    path.write_bytes(data[: int(len(data) * keep)])
    after = tmp_path / "b.txt"
    after.write_bytes(ARTICLE.encode("utf-8"))
    items = records(tmp_path)
    warc_items = [i for i in items if i.source == str(path)]
    assert isinstance(warc_items[-1], StageError) and "WARC" in warc_items[-1].message
    # a1 and a2 end well before 80 % of the file; the cut record itself is never passed on
    urls = [r.url for r in only_records(warc_items)]
    assert urls == ["https://news.example.cn/a1.html", "https://news.example.cn/a2.txt"]
    assert isinstance(items[-1], RawRecord) and items[-1].source == str(after)


def test_file_that_is_not_a_warc_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc"
    path.write_bytes(HTML.encode("utf-8"))
    [error] = records(path)
    assert isinstance(error, StageError) and error.stage == "read"


# --- the sample corpus (the default input of `make ingest`) ---------------------------------------

SAMPLES = CORPUS / "samples"


@pytest.mark.parametrize(
    ("name", "count", "formats"),
    [
        pytest.param("html_utf8_mianyang_skills.html", 1, {"html"}, id="samples.html_utf8"),
        pytest.param("html_gbk_huzhou_cooling.html", 1, {"html"}, id="samples.html_gbk"),
        pytest.param("big5_taichung_jobfair.html", 1, {"html"}, id="samples.big5"),
        pytest.param("crawl.warc.gz", 2, {"html"}, id="samples.warc"),
        pytest.param("feed.jsonl", 4, {"html", "text"}, id="samples.jsonl"),
        pytest.param("lanzhou_wage_agreement.txt.gz", 1, {"text"}, id="samples.txt_gz"),
    ],
)
def test_sample_corpus_file_reads_and_decodes(name: str, count: int, formats: set[str]) -> None:
    items = records(SAMPLES / name)
    assert not only_errors(items)
    assert len(items) == count and {r.format for r in items} == formats
    for record in items:
        if isinstance(record.content, bytes):
            text = decode(record.content, record.headers, is_html=record.format == "html").text
        else:
            text = record.content
        assert "\ufffd" not in text
        assert any(word in text for word in ("总工会", "勞工局", "應急", "应急管理局", "人力资源"))


# --- any bytes at all ---------------------------------------------------------------------------

@settings(max_examples=150, deadline=None)
@given(
    name=st.sampled_from(["x.warc", "x.warc.gz", "x.jsonl", "x.jsonl.gz", "x.html", "x.txt.gz"]),
    data=st.one_of(
        st.binary(max_size=400),
        st.builds(lambda cut: warc_bytes(True)[:cut], st.integers(0, 3000)),
        st.builds(lambda cut: gzip.compress(HTML.encode("utf-8"))[:cut], st.integers(0, 200)),
    ),
)
def test_any_bytes_give_records_or_errors_never_exceptions(name: str, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        items = records(path, options=PipelineOptions(max_bytes=1000))
    assert all(isinstance(item, (RawRecord, StageError)) for item in items)
    assert all(item.stage == "read" for item in only_errors(items))
