"""The shard format: a Document written as rows and read back is equal, field for field."""

from __future__ import annotations

import gzip
from dataclasses import fields
from decimal import Decimal

import pytest

from newsfacts_cluster import shards
from pipeline import article_dedup
from pipeline.document import RawRecord, StageError
from pipeline.options import PipelineOptions
from pipeline.runner import process_record
from tests.conftest import CORPUS

# Realistic news texts whose facts carry Decimal amounts, ranges, dates and events.
TEXTS = {
    "money-decimal": "2023年3月15日，杭州市财政局宣布投入1.25亿元，用于支持全市约3500家中小企业数字化改造，"
                     "每家企业最高可获补贴50万元。",
    "event-meeting": "新华社北京10月24日电 国务院总理李强10月23日主持召开国务院常务会议，部署进一步做好防汛抗旱工作。"
                     "会议指出，今年以来全国共有超过1200万人次参与抢险救灾，中央财政下达资金逾3.8亿元。",
    "range-count": "据统计，春节假期全国共有3000万至3500万人次出游，实现国内旅游收入2.5亿美元左右，同比增长约12.3%。",
}


def processed(text: str, record: int):
    raw = RawRecord(source="news.jsonl", record=record, content=text, format="text",
                    url=f"https://www.example.cn/{record}.html", published="2023-10-24", title="要闻")
    return process_record(raw, PipelineOptions(), article_dedup.Signer(128))


def round_trip(item: shards.ShardDocument) -> shards.ShardDocument:
    rows = shards.document_rows(item)
    decode = shards.Decoder()
    return shards.document_from_rows(rows["documents"][0], rows["facts"], rows["events"],
                                     decode(rows["signatures"][0]["minhash"]), decode)


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_a_document_comes_back_equal(name):
    result = processed(TEXTS[name], 7)
    item = shards.ShardDocument((3, 7), result.doc, result.format, result.minhash)
    back = round_trip(item)
    assert back == item
    for f in fields(type(result.doc)):
        assert getattr(back.doc, f.name) == getattr(result.doc, f.name), f.name
    assert back.doc.content_hash == result.doc.content_hash


def test_the_round_trip_covers_money_dates_and_events():
    kinds = set()
    for n, text in enumerate(TEXTS.values()):
        doc = processed(text, n).doc
        kinds.update(f.kind for f in doc.extraction.facts)
        kinds.update("event" for _ in doc.extraction.events)
        money = [f for f in doc.extraction.facts if f.kind == "money"]
        for fact in money:
            back = round_trip(shards.ShardDocument((0, n), doc, "text", None)).doc
            same = [g for g in back.extraction.facts if g.kind == "money" and g.start == fact.start][0]
            assert type(same.min) is Decimal and str(same.min) == str(fact.min)
    assert {"money", "date", "count", "org", "event"} <= kinds


@pytest.mark.parametrize("path", sorted(p.name for p in (CORPUS / "samples").iterdir()))
def test_corpus_pages_come_back_equal(path):
    from pipeline.readers import input_kind

    options = PipelineOptions()
    signer = article_dedup.Signer(options.minhash_perm)
    file = CORPUS / "samples" / path
    for number, raw in enumerate(input_kind(file).read(file, options)):
        result = process_record(raw, options, signer)
        if isinstance(result, StageError):
            continue
        item = shards.ShardDocument((0, number), result.doc, result.format, result.minhash)
        assert round_trip(item) == item


@pytest.mark.parametrize("value", [
    Decimal("1.50"), Decimal("-0.000001"), Decimal("123456789012345678901234567890"),
    b"\x00\xffminhash", ("北京", "上海"), {"removed:nav": 3}, None, 2.5,
], ids=["decimal-trailing-zero", "decimal-small", "decimal-huge", "bytes", "tuple-as-list", "dict", "none", "float"])
def test_tagged_values_survive_json(value):
    import json

    back = shards.Decoder()(json.loads(json.dumps(shards.encode(value))))
    assert back == (list(value) if isinstance(value, tuple) else value)
    assert str(back) == str(list(value) if isinstance(value, tuple) else value)


def test_extractor_problems_come_back_with_the_document():
    from dataclasses import replace

    from extractors.facts import ExtractorProblem

    result = processed(TEXTS["money-decimal"], 2)
    problem = ExtractorProblem("orgs", "MemoryError: 无法分配内存")
    doc = replace(result.doc, extraction=replace(result.doc.extraction, problems=(problem,)))
    back = round_trip(shards.ShardDocument((0, 2), doc, "text", result.minhash))
    assert back.doc.extraction.problems == (problem,)
    assert back.doc.problem_errors() == doc.problem_errors()


def test_an_error_row_comes_back_equal():
    error = StageError("crawl.warc.gz", 12, "decode", "无法识别编码 (bytes 0x8f…)", key="https://www.example.cn/a")
    assert shards.Decoder()(shards.error_row((1, 12), error)["error"]) == error


def test_a_shard_naming_a_foreign_type_is_refused():
    with pytest.raises(shards.ShardError, match="outside the pipeline"):
        shards.Decoder()({"$type": "os:system", "command": "true"})


def test_a_task_writes_its_manifest_last_and_verify_reads_it_back(tmp_path):
    out = shards.TaskShards(str(tmp_path), 5)
    result = processed(TEXTS["event-meeting"], 1)
    out.write_document(shards.ShardDocument((0, 1), result.doc, result.format, result.minhash))
    manifest = out.close()
    assert manifest["rows"]["documents"] == 1 and manifest["rows"]["facts"] == len(result.doc.extraction.facts)
    assert shards.verify_task(str(tmp_path), 5) == manifest
    assert gzip.decompress((tmp_path / "errors" / "00005.jsonl.gz").read_bytes()) == b""
