"""Duplicate articles: the same story under two URLs or reposted with small edits is found; others are not."""

from __future__ import annotations

import json
import zlib

import pytest

from pipeline.article_dedup import ArticleIndex, signature

ARTICLE = (
    "3月18日上午,全市劳动和技能竞赛推进会在工业园召开。市总工会主席出席会议并讲话,"
    "会议全面总结了去年全市劳动和技能竞赛活动,安排部署了今年的竞赛工作,通报表扬了优胜单位40个、"
    "优秀组织单位15个,命名市级劳模和工匠人才创新工作室9个。与会人员还集中观摩了企业生产建设情况。"
)
OTHER = (
    "近日,县总工会在政务服务中心工会驿站开展送温暖活动,为快递员、外卖配送员等120名新就业形态劳动者"
    "送去食品大礼包。活动现场,县总工会负责人与劳动者代表围坐在一起,倾听他们的心声和诉求。"
)

PERM = 128


def index_with(*texts: str) -> ArticleIndex:
    index = ArticleIndex(threshold=0.8, num_perm=PERM)
    for doc_id, text in enumerate(texts, start=1):
        index.add(doc_id, signature(text, PERM))
    return index


@pytest.mark.parametrize("candidate, expected", [
    pytest.param(ARTICLE, 1, id="same-article-other-url"),
    pytest.param(ARTICLE.replace("3月18日上午,", "本报讯 3月18日上午,") + "(记者 张三)", 1, id="repost-with-credit"),
    pytest.param(ARTICLE.replace(",", ",").replace("。", ". "), 1, id="punctuation-and-spaces-only"),
    pytest.param(OTHER, 2, id="different-article-finds-its-own"),
    pytest.param("推进会在工业园召开。" * 3 + OTHER[:20], None, id="unrelated-short-text"),
])
def test_match_finds_the_canonical_copy(candidate, expected):
    index = index_with(ARTICLE, OTHER)
    assert index.match(signature(candidate, PERM)) == expected


def test_earliest_document_is_canonical():
    index = index_with(ARTICLE, ARTICLE)
    assert index.match(signature(ARTICLE, PERM)) == 1


def test_a_document_does_not_match_itself_when_excluded():
    index = index_with(ARTICLE)
    assert index.match(signature(ARTICLE, PERM), exclude=1) is None


def test_too_short_text_has_no_signature():
    assert signature("新闻", PERM) is None


def test_index_round_trips_through_stored_signatures():
    blob = signature(ARTICLE, PERM)
    rebuilt = ArticleIndex.from_rows([(7, blob)], threshold=0.8, num_perm=PERM)
    assert rebuilt.match(blob) == 7 and len(rebuilt) == 1


def test_signers_in_different_workers_agree():
    """Each worker builds its own signer: their signatures must be identical, or LSH would miss."""
    from pipeline.article_dedup import Signer

    first, second = Signer(PERM), Signer(PERM)
    assert first.sign(ARTICLE) == second.sign(ARTICLE) == signature(ARTICLE, PERM)
    assert first.sign(ARTICLE) != first.sign(OTHER)


@pytest.mark.parametrize("published, than, earlier", [
    ("2024-09-12", "2024-09-13", True),
    ("2024-09-13", "2024-09-12", False),
    ("2024-09-12", "2024-09-12", False),   # a tie keeps the copy stored first
    ("2024-09", "2024-09-12", False),      # compared at the common precision: not earlier
    ("2024-08", "2024-09-12", True),
    (None, "2024-09-12", False),           # a missing date keeps the copy stored first
    ("2024-09-12", None, False),
])
def test_published_earlier(published, than, earlier):
    from pipeline.article_dedup import published_earlier

    assert published_earlier(published, than) is earlier


@pytest.mark.parametrize("copies, canonical", [
    ([(1, "2024-09-13"), (2, "2024-09-12")], 2),                     # the original read after its repost
    ([(1, "2024-09-12"), (2, "2024-09-13")], 1),
    ([(1, "2024-09-13"), (2, "2024-09-12"), (3, "2024-09-11")], 3),
    ([(1, "2024-09-13"), (2, "2024-09-12"), (3, "2024-09-12")], 2),  # a tie keeps the one stored first
    ([(1, None), (2, "2024-09-12")], 1),                             # no date: the one stored first
])
def test_earliest_copy(copies, canonical):
    from pipeline.article_dedup import earliest_copy

    assert earliest_copy(copies) == canonical


def test_a_signer_sent_to_a_worker_signs_the_same():
    """The runner pickles its signer with every record it sends to a worker process."""
    import pickle

    from pipeline.article_dedup import Signer

    signer = Signer(PERM)
    sent = pickle.loads(pickle.dumps(signer))
    assert sent.sign(ARTICLE) == signer.sign(ARTICLE) and sent.sign(OTHER) == signer.sign(OTHER)


@pytest.mark.parametrize("candidate, expected", [
    pytest.param(ARTICLE, 1, id="same-article"),
    pytest.param(ARTICLE.replace("3月18日上午,", "本报讯 3月18日上午,") + "(记者 张三)", 1, id="repost-with-credit"),
    pytest.param(OTHER, 2, id="other-article"),
])
def test_band_keys_and_datasketch_lsh_give_the_same_candidates(candidate, expected):
    """The 64-bit band keys the store keeps in SQLite find what datasketch's own LSH finds."""
    from datasketch import MinHashLSH

    from pipeline.article_dedup import LshBands, unpack_signature

    bands, lsh = LshBands(0.8, PERM), MinHashLSH(threshold=0.8, num_perm=PERM)
    stored = {1: signature(ARTICLE, PERM), 2: signature(OTHER, PERM)}
    for doc_id, blob in stored.items():
        lsh.insert(doc_id, unpack_signature(blob))
    blob = signature(candidate, PERM)
    by_keys = {doc_id for doc_id, b in stored.items() if set(bands.keys(b)) & set(bands.keys(blob))}
    assert by_keys == set(lsh.query(unpack_signature(blob))) and expected in by_keys


def old_signature(text: str) -> bytes:
    """The signature as stored before: datasketch's own MinHash of the shingles (CRC-32, seed 1),
    serialised as a LeanMinHash blob, as old databases hold it."""
    import zlib

    from datasketch import LeanMinHash, MinHash

    from pipeline.article_dedup import shingles

    mh = MinHash(num_perm=PERM, seed=1, hashfunc=zlib.crc32)
    mh.update_batch(shingles(text))
    lean = LeanMinHash(mh)
    buf = bytearray(lean.bytesize())
    lean.serialize(buf)
    return bytes(buf)


def bench_texts(count: int) -> list[str]:
    import json

    from tests.conftest import shared_path

    lines = shared_path("bench", "xwlb_2022_2024.jsonl").read_text(encoding="utf-8").splitlines()[:count]
    return [json.loads(line)["text"] for line in lines]


@pytest.mark.parametrize("text", [
    pytest.param(ARTICLE, id="short-article"),
    pytest.param(OTHER, id="other-short-article"),
    pytest.param(ARTICLE * 8 + OTHER * 8, id="long-article"),
])
def test_signature_values_fit_32_bits_and_pack_smaller_than_leanminhash(text):
    """affine32 values are uint32 (datasketch 2.0 computes them in uint32), so 32 bits always hold
    one; the packed signature keeps only the bits the largest value needs, with an 8-byte header."""
    from datasketch import MinHash

    from pipeline.article_dedup import unpack_signature

    blob = signature(text, PERM)
    mh = unpack_signature(blob)
    assert MinHash(num_perm=PERM).scheme == "affine32" and mh.hashvalues.dtype == "uint32"
    width = int(mh.hashvalues.max()).bit_length()
    assert width <= 32 and int(mh.hashvalues.max()) < 2**32
    assert len(blob) == 8 + (width * PERM + 7) // 8 < len(old_signature(text)) == 16 + 4 * PERM


def test_real_articles_take_fewer_bits_the_longer_they_are():
    """News bodies of a few hundred characters need 25-29 bits a value; a longer body needs fewer."""
    from pipeline.article_dedup import Signer, shingles

    signer = Signer(PERM)
    texts = [text for text in bench_texts(40) if len(shingles(text)) >= 300]
    widths = {len(shingles(text)): (len(signer.sign(text)) - 8) * 8 // PERM for text in texts}
    assert len(widths) >= 15 and all(24 <= width <= 30 for width in widths.values())
    by_length = [widths[n] for n in sorted(widths)]
    assert sum(by_length[:5]) > sum(by_length[-5:])


@pytest.mark.parametrize("candidate", [
    pytest.param(ARTICLE, id="same-article"),
    pytest.param(ARTICLE.replace("3月18日上午,", "本报讯 3月18日上午,") + "(记者 张三)", id="repost-with-credit"),
    pytest.param(OTHER, id="other-article"),
])
def test_old_leanminhash_signatures_read_the_same_as_packed_ones(candidate):
    """Databases written before keep their LeanMinHash blobs: same band keys, same Jaccard, same match."""
    from pipeline.article_dedup import LshBands

    bands = LshBands(0.8, PERM)
    packed, stored = signature(candidate, PERM), signature(ARTICLE, PERM)
    old, old_stored = old_signature(candidate), old_signature(ARTICLE)
    assert old != packed and bands.keys(old) == bands.keys(packed)
    assert bands.load(old).jaccard(bands.load(old_stored)) == bands.load(packed).jaccard(bands.load(stored))
    assert bands.load(old).hashvalues.tobytes() == bands.load(packed).hashvalues.tobytes()
    mixed = ArticleIndex(threshold=0.8, num_perm=PERM)
    mixed.add(1, old_stored)
    new = ArticleIndex(threshold=0.8, num_perm=PERM)
    new.add(1, stored)
    assert mixed.match(packed) == new.match(packed) == mixed.match(old)


@pytest.mark.parametrize("text", [
    pytest.param(ARTICLE, id="chinese"),
    pytest.param("2024年GDP增长5.2%，CPI上涨0.2%。Apple发布iPhone 16，售价5999元起。", id="chinese_with_latin_and_digits"),
    pytest.param("The quick brown fox jumps over the lazy dog", id="ascii_only"),
    pytest.param("《𠀀𠀁𠀂𠀃》收录于“康熙字典”补遗，共计𠀄𠀅𠀆𠀇等字", id="four_byte_characters"),
    pytest.param("哈哈" * 40 + "新闻联播今日好的好的好的", id="repeated_shingles"),
])
def test_signer_values_are_datasketchs_minhash_of_the_shingles(text):
    """The signer hashes slices of the encoded text and permutes in numpy; the values must be
    datasketch's MinHash of ``shingles`` (CRC-32, affine32), or stored signatures would stop matching."""
    import zlib

    from datasketch import MinHash

    from pipeline.article_dedup import Signer, shingles, unpack_signature

    expected = MinHash(num_perm=PERM, seed=1, hashfunc=zlib.crc32)
    expected.update_batch(shingles(text))
    assert (unpack_signature(Signer(PERM).sign(text)).hashvalues == expected.hashvalues).all()


@pytest.mark.parametrize("text, signed", [
    pytest.param("新闻联播今日", False, id="two_shingles"),
    pytest.param("哈" * 60, False, id="one_shingle_repeated"),
    pytest.param("全市劳动技能竞赛", False, id="four_shingles"),
    pytest.param("全市劳动和技能竞赛推进会", True, id="eight_shingles"),
    pytest.param("abcdefghijk", False, id="seven_ascii_shingles"),
])
def test_a_body_needs_eight_distinct_shingles_for_a_signature(text, signed):
    from pipeline.article_dedup import MIN_SHINGLES, Signer, shingles

    assert (len(shingles(text)) >= MIN_SHINGLES) is signed
    assert (Signer(PERM).sign(text) is not None) is signed


@pytest.mark.parametrize("num_perm, seed", [(16, 1), (128, 1), (128, 7), (256, 3)])
def test_permutations_are_datasketchs_affine32_ones(num_perm, seed):
    from datasketch import MinHash

    from pipeline.article_dedup import affine32_permutations

    reference = MinHash(num_perm=num_perm, seed=seed)
    assert reference.scheme == "affine32"
    assert (affine32_permutations(num_perm, seed) == reference.permutations).all()


@pytest.mark.parametrize("num_perm", [32, 64, 128, 256])
@pytest.mark.parametrize("threshold", [0.3, 0.5, 0.7, 0.8, 0.85, 0.9, 0.95])
def test_band_split_is_datasketchs_optimal_parameter(threshold, num_perm):
    from datasketch.lsh import _optimal_param

    from pipeline.article_dedup import optimal_bands

    assert optimal_bands(threshold, num_perm) == _optimal_param(threshold, num_perm, 0.5, 0.5)


def test_jaccard_is_datasketchs_estimate():
    from datasketch import LeanMinHash, MinHash

    from pipeline.article_dedup import shingles, unpack_signature

    edited = ARTICLE.replace("工业园", "高新区")
    ours = unpack_signature(signature(ARTICLE, PERM)).jaccard(unpack_signature(signature(edited, PERM)))
    a, b = (MinHash(num_perm=PERM, seed=1, hashfunc=zlib.crc32) for _ in range(2))
    a.update_batch(list(shingles(ARTICLE)))
    b.update_batch(list(shingles(edited)))
    assert 0.5 < ours < 1.0 and ours == LeanMinHash(a).jaccard(LeanMinHash(b))


def test_an_ingest_imports_neither_datasketch_nor_scipy(tmp_path):
    """datasketch's package imports scipy (~50 MB and ~0.4 s per process): a local run needs neither."""
    import subprocess
    import sys

    corpus = tmp_path / "c.jsonl"
    repost = ARTICLE.replace("3月18日上午,", "本报讯 3月18日上午,") + "(记者 张三)"
    corpus.write_text("".join(json.dumps({"id": str(i), "title": "推进会召开", "text": text}, ensure_ascii=False) + "\n"
                              for i, text in enumerate([ARTICLE, OTHER, repost])), encoding="utf-8")
    code = ("import sys; from pathlib import Path; from pipeline.runner import run_ingest; "
            "from pipeline.options import PipelineOptions; "
            f"s = run_ingest([{str(corpus)!r}], PipelineOptions(workers=1, db=Path({str(tmp_path / 'x.db')!r}), quiet=True), "
            "progress=False, echo=lambda line: None); "
            "print(dict(s.documents), 'datasketch' in sys.modules, any(m.startswith('scipy') for m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split("}")[1].split() == ["False", "False"], done.stdout
    assert "'duplicate': 1" in done.stdout  # the repost was found by its MinHash bands and Jaccard estimate
