"""Duplicate articles: the same story under two URLs or reposted with small edits is found; others are not."""

from __future__ import annotations

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
    from datasketch import LeanMinHash, MinHashLSH

    from pipeline.article_dedup import LshBands

    bands, lsh = LshBands(0.8, PERM), MinHashLSH(threshold=0.8, num_perm=PERM)
    stored = {1: signature(ARTICLE, PERM), 2: signature(OTHER, PERM)}
    for doc_id, blob in stored.items():
        lsh.insert(doc_id, LeanMinHash.deserialize(blob))
    blob = signature(candidate, PERM)
    by_keys = {doc_id for doc_id, b in stored.items() if set(bands.keys(b)) & set(bands.keys(blob))}
    assert by_keys == set(lsh.query(LeanMinHash.deserialize(blob))) and expected in by_keys
