"""Inputs of a cluster run: local paths in the local runner's order, globs, fsspec URLs."""

from __future__ import annotations

import fsspec
import pytest

from newsfacts_cluster.inputs import InputFile, assign_tasks, expand_inputs, read_file
from newsfacts_tools.digest import digest_database
from pipeline.cli import main
from pipeline.options import PipelineOptions
from pipeline.readers import scan_inputs
from tests.conftest import CORPUS


def test_a_folder_expands_in_the_local_runners_order():
    plan = expand_inputs([str(CORPUS)])
    assert [f.path for f in plan.files] == [str(p) for p, _ in scan_inputs([CORPUS]).files]
    assert plan.skipped >= 1  # README.md


@pytest.mark.parametrize("pattern, names", [
    ("samples/*.html", ["big5_taichung_jobfair.html", "html_gbk_huzhou_cooling.html", "html_utf8_mianyang_skills.html"]),
    ("samples/*.gz", ["crawl.warc.gz", "lanzhou_wage_agreement.txt.gz"]),
    ("00[0-1]_*.txt", ["000_6cf9f9d2df5a2af1.txt", "001_88e8e9073576238c.txt"]),
], ids=["html", "gzip", "character-class"])
def test_globs_expand_sorted(pattern, names):
    plan = expand_inputs([str(CORPUS / pattern)])
    assert [f.path.rsplit("/", 1)[-1] for f in plan.files] == names


def test_a_file_named_twice_is_read_once():
    plan = expand_inputs([str(CORPUS / "samples"), str(CORPUS / "samples" / "feed.jsonl")])
    assert [f.path for f in plan.files].count(str(CORPUS / "samples" / "feed.jsonl")) == 1


@pytest.mark.parametrize("given, message", [
    ("nonexistent/*.warc.gz", "no file matches this pattern"),
    ("memory://newsfacts-test/none/", "no such file or directory"),
    ("nosuchprotocol://bucket/x.warc.gz", "cannot open this URL here"),
], ids=["empty-glob", "missing-url", "unknown-protocol"])
def test_inputs_that_are_not_there_are_errors(given, message):
    plan = expand_inputs([given])
    assert plan.files == [] and message in plan.errors[0].message


def test_memory_urls_are_listed_and_read_under_their_url():
    fs = fsspec.filesystem("memory")
    page = (CORPUS / "samples" / "html_gbk_huzhou_cooling.html").read_bytes()
    fs.pipe("/newsfacts-test/site/a.html", page)
    fs.pipe("/newsfacts-test/site/notes.md", b"# not a page")
    try:
        plan = expand_inputs(["memory://newsfacts-test/site/"])
        assert [f.path for f in plan.files] == ["memory:///newsfacts-test/site/a.html"] and plan.skipped == 1  # fsspec canonical
        (record,) = list(read_file(plan.files[0], PipelineOptions()))
        assert record.source == "memory:///newsfacts-test/site/a.html" and record.content == page
    finally:
        fs.rm("/newsfacts-test", recursive=True)


@pytest.mark.parametrize("sizes, tasks, expected", [
    ([100, 1, 1, 1], 2, [0, 1, 1, 1]),
    ([5, 5, 5, 5], 2, [0, 1, 0, 1]),
    ([1, 2, 3], 5, [2, 1, 0]),
], ids=["one-big-file", "equal-files", "more-tasks-than-files"])
def test_files_are_spread_over_tasks_by_size(sizes, tasks, expected):
    files = [InputFile(f"f{i}.warc.gz", "warc", s) for i, s in enumerate(sizes)]
    assert [f.task for f in assign_tasks(files, tasks)] == expected


def test_file_urls_give_the_local_runners_database(sample, local_db, tmp_path):
    shards, db = tmp_path / "shards", tmp_path / "url.db"
    assert main(["ingest", f"file://{sample}", "--shards", str(shards), "--workers", "1", "--tasks", "3",
                 "--quiet"]) == 0
    assert main(["load", str(shards), "--db", str(db), "--quiet"]) == 0
    assert digest_database(db, root=f"file://{sample}") == digest_database(local_db, root=str(sample))
