"""The organisation registry in the database (pipeline/org_registry_store.py): ingest learns from the
documents it writes and resolves them; `newsfacts reresolve` resolves the documents stored before."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.options import PipelineOptions
from pipeline.org_registry_store import update_registry
from pipeline.runner import run_ingest
from pipeline.storage import FactStore

# A stem before the full name was ever seen: nothing to resolve yet.
EARLIER = {"id": "e1", "date": "2026-03-02", "title": "字节跳动上线青少年模式",
           "text": "3月1日，字节跳动宣布短视频平台上线青少年模式，每日使用时长不超过40分钟。"}
# The full name, then the short form and the stem in the same document.
FULL = {"id": "f1", "date": "2026-03-05", "title": "北京字节跳动科技有限公司发布年度社会责任报告",
        "text": "3月4日，北京字节跳动科技有限公司发布年度社会责任报告。报告显示，字节跳动科技去年公益投入超过5亿元，"
                "字节跳动表示将继续加大乡村教育投入。"}


def _ingest(tmp_path: Path, name: str, rows: list[dict]) -> None:
    path = tmp_path / name
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    run_ingest([path], replace(PipelineOptions(), db=tmp_path / "facts.db", quiet=True, workers=1))


def _registry_facts(db: Path) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(
            "SELECT d.record_id, f.text, o.name, o.type, f.rule FROM facts f JOIN fact_orgs USING (fact_id) "
            "JOIN orgs o USING (org_id) JOIN documents d USING (doc_id) WHERE f.rule LIKE 'org.registry.%' "
            "ORDER BY d.record_id, f.start").fetchall()
    finally:
        conn.close()


def test_ingest_learns_and_resolves_its_documents_reresolve_the_earlier_ones(tmp_path):
    db = tmp_path / "facts.db"
    _ingest(tmp_path, "a.jsonl", [EARLIER])
    assert _registry_facts(db) == []
    _ingest(tmp_path, "b.jsonl", [FULL])
    name = "北京字节跳动科技有限公司"
    assert _registry_facts(db) == [("f1", "字节跳动科技", name, "company", "org.registry.short"),
                                   ("f1", "字节跳动", name, "company", "org.registry.stem")]
    conn = sqlite3.connect(db)
    learned = conn.execute("SELECT a.alias, a.learned FROM org_aliases a JOIN orgs o USING (org_id) "
                           "WHERE o.name = ? AND a.learned IS NOT NULL ORDER BY a.alias", (name,)).fetchall()
    conn.close()
    assert learned == [("字节跳动", "org.registry.stem"), ("字节跳动科技", "org.registry.short")]

    assert main(["reresolve", "--db", str(db)]) == 0
    earlier = [row for row in _registry_facts(db) if row[0] == "e1"]
    assert earlier == [("e1", "字节跳动", name, "company", "org.registry.stem")] * 2  # the title and the lead
    conn = sqlite3.connect(db)
    rows = conn.execute("SELECT v.text, f.text, f.start, f.end FROM facts f JOIN v_documents v USING (doc_id) "
                        "WHERE f.rule LIKE 'org.registry.%'").fetchall()
    conn.close()
    assert all(clean[start:end] == text for clean, text, start, end in rows)


def test_reresolve_twice_writes_nothing_the_second_time(tmp_path):
    db = tmp_path / "facts.db"
    _ingest(tmp_path, "a.jsonl", [EARLIER])
    _ingest(tmp_path, "b.jsonl", [FULL])
    store = FactStore.open(db)
    try:
        first = update_registry(store)
        second = update_registry(store)
    finally:
        store.close()
    assert first.rewritten == 1 and first.mentions == 4
    assert (second.learned, second.dropped, second.rewritten, second.mentions) == (0, 0, 0, 4)


def test_reingesting_a_changed_document_keeps_its_mentions(tmp_path):
    db = tmp_path / "facts.db"
    _ingest(tmp_path, "b.jsonl", [FULL])
    _ingest(tmp_path, "b.jsonl", [{**FULL, "text": FULL["text"] + "字节跳动称，相关项目覆盖12个省份。"}])
    assert [row[1] for row in _registry_facts(db)] == ["字节跳动科技", "字节跳动", "字节跳动"]


def test_reresolve_needs_a_database(tmp_path, capsys):
    assert main(["reresolve", "--db", str(tmp_path / "missing.db")]) == 2
    assert "no database" in capsys.readouterr().err


def test_reresolve_help(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["reresolve", "--help"])
    assert exit_.value.code == 0
    assert "brand stem" in capsys.readouterr().out


def test_an_extractors_short_company_name_resolves_to_the_full_name(tmp_path):
    """格力公司 (org.named) and 字节跳动旗下 (org.cue) in one document, the full names in a later one: after
    reresolve both facts name the canonical company, and their surfaces are its aliases."""
    db = tmp_path / "facts.db"
    _ingest(tmp_path, "a.jsonl", [{"id": "s1", "date": "2026-03-02", "title": "两家企业发布新品",
                                  "text": "格力公司当天发布新款空调。字节跳动旗下短视频平台同日上线新功能。"}])
    _ingest(tmp_path, "b.jsonl", [{"id": "f2", "date": "2026-03-05", "title": "企业年报",
                                  "text": "珠海格力电器股份有限公司和北京字节跳动科技有限公司分别发布年度报告。"}])
    store = FactStore.open(db)
    try:
        first, second = update_registry(store), update_registry(store)
    finally:
        store.close()
    assert first.relinked == 2 and second.relinked == 0
    conn = sqlite3.connect(db)
    rows = conn.execute("SELECT f.text, f.rule, o.name FROM facts f JOIN fact_orgs USING (fact_id) JOIN orgs o USING (org_id) "
                        "JOIN documents d USING (doc_id) WHERE d.record_id = 's1' AND f.kind = 'org' ORDER BY f.start").fetchall()
    aliases = {alias for (alias,) in conn.execute(
        "SELECT a.alias FROM org_aliases a JOIN orgs o USING (org_id) WHERE o.name = '珠海格力电器股份有限公司'")}
    conn.close()
    assert ("格力公司", "org.named", "珠海格力电器股份有限公司") in rows
    assert ("字节跳动", "org.cue", "北京字节跳动科技有限公司") in rows
    assert "格力公司" in aliases
