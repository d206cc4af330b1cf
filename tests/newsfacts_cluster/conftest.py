"""A sample input for the cluster tests: corpus/, bench items in several files, and reposts.

The reposts are edited copies of bench items published elsewhere (another URL, a changed
word, an editor's line), so near-duplicate articles land in different files and so in
different tasks; one repost reuses an original's URL with an edited text, as a page fetched
again after it changed.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from pipeline.cli import main
from tests.conftest import CORPUS, shared_path

FILES = 3  # bench items are split over this many JSONL files
ITEMS = 300  # bench items in the sample


def repost(item: dict, number: int) -> dict:
    text = item["text"].replace("今天", "日前", 1).replace("央视网消息（新闻联播）：", "", 1)
    return {"id": f"repost-{number}", "url": f"https://news.example.cn/zhuanzai/{number}.html",
            "title": item["title"], "date": item["date"], "text": text + "\n（责任编辑：王明）"}


def build_sample(folder: Path, items: int, every: int = 10) -> Path:
    """corpus/ plus ``items`` xwlb items in FILES files and a repost of every ``every``-th item."""
    corpus = folder / "corpus"
    shutil.copytree(CORPUS, corpus)
    lines = shared_path("bench", "xwlb_2022_2024.jsonl").read_text(encoding="utf-8").splitlines()[:items]
    bench = [json.loads(line) for line in lines]
    per_file = -(-len(bench) // FILES)
    for n in range(FILES):
        part = bench[n * per_file:(n + 1) * per_file]
        (corpus / f"xwlb_{n}.jsonl").write_text("".join(json.dumps(i, ensure_ascii=False) + "\n" for i in part),
                                                encoding="utf-8")
    reposts = [repost(item, n) for n, item in enumerate(bench[::every])]
    changed = dict(bench[1], text=bench[1]["text"] + "\n（本文已更新）")  # same URL, edited: replaces the original
    with (corpus / "xwlb_reposts.jsonl").open("w", encoding="utf-8") as out:
        for item in (*reposts, changed):
            out.write(json.dumps(item, ensure_ascii=False) + "\n")
    return corpus


@pytest.fixture(scope="session")
def sample(tmp_path_factory) -> Path:
    return build_sample(tmp_path_factory.mktemp("sample"), items=ITEMS)


@pytest.fixture(scope="session")
def local_db(sample, tmp_path_factory) -> Path:
    """The local runner's database of the sample: what every cluster path must reproduce."""
    db = tmp_path_factory.mktemp("local") / "facts.db"
    assert main(["ingest", str(sample), "--db", str(db), "--quiet", "--workers", "1"]) == 0
    return db
