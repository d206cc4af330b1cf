"""Content digest of an ingest: proves a refactor or a speed change left the output alone.

The fixed corpus is ``corpus/`` plus the first 2,000 items of
``../shared/bench/xwlb_2022_2024.jsonl`` (read from ../shared, written to a temp folder,
never into the project). The digest covers what an analyst sees: the documents (with the
key of the canonical copy of duplicates) and every row of the fact and event views, with
database ids replaced by document keys, so it does not depend on insertion order.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
BENCH_ITEMS = PROJECT.parent / "shared" / "bench" / "xwlb_2022_2024.jsonl"

# view → the columns that carry content (no database ids); rows are keyed by document key
VIEW_COLUMNS = {
    "v_dates": "text, date_start, date_end, granularity, resolved, iso, rule, start, end, sentence",
    "v_money": "text, amount_min, amount_max, currency, approx, per, rule, start, end, sentence",
    "v_counts": "text, count_min, count_max, unit, entity, approx, rule, start, end, sentence",
    "v_orgs": "text, org_name, org_type, rule, start, end, sentence",
    "v_events": "type, trigger, date_start, date_end, location, orgs, participants, is_main, sentence, rule",
}


# A document's label in the digest, as schema 1 keyed documents: the URL the container gave the
# record (JSONL and WARC records carry one; HTML and text files do not), else its file and the
# record's own id or number. Since schema 2 the key is always "path#record" and the URL and the
# record's id are columns of their own; the label is computed from them so that digests of both
# schemas compare.
_LABELS = {
    False: "select doc_id, key from documents",
    True: "select d.doc_id, coalesce(CASE WHEN s.path GLOB '*.jsonl*' OR s.path GLOB '*.warc*' THEN d.url END, "
          "s.path || '#' || coalesce(d.record_id, d.record)) from documents d join sources s using (source_id)",
}


def digest_database(db: Path, root: str | None = None) -> dict[str, str]:
    """sha256 per part (documents and each view) and over all of them.

    ``root``, when given, is cut from the front of document keys (keys of records without a
    URL hold their file's path, which differs between temp folders).
    """
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    keys = {doc_id: label.removeprefix(root) if root else label for doc_id, label in con.execute(_LABELS[
        "record_id" in {row[1] for row in con.execute("pragma table_info(documents)")}])}
    parts: dict[str, list[str]] = {}
    parts["documents"] = sorted(
        json.dumps([keys[key], title, published, url, site, script, keys.get(dup), text], ensure_ascii=False)
        for key, title, published, url, site, script, dup, text in con.execute(
            "select doc_id, title, published, url, site, script, duplicate_of, text from v_documents"))
    for view, columns in VIEW_COLUMNS.items():
        parts[view] = sorted(
            json.dumps([keys[row[0]], *row[1:]], ensure_ascii=False, default=str)
            for row in con.execute(f"select doc_id, {columns} from {view}"))
    con.close()
    result = {name: _sha("\n".join(rows)) + f" ({len(rows)} rows)" for name, rows in parts.items()}
    result["all"] = _sha("\n".join(result[name] for name in sorted(parts)))
    return result


def build_corpus(folder: Path, bench_items: int) -> Path:
    """``corpus/`` and the first ``bench_items`` bench texts, copied into ``folder``."""
    corpus = folder / "corpus"
    shutil.copytree(PROJECT / "corpus", corpus)
    with BENCH_ITEMS.open(encoding="utf-8") as src, (corpus / "xwlb_sample.jsonl").open("w", encoding="utf-8") as dst:
        for i, line in enumerate(src):
            if i >= bench_items:
                break
            dst.write(line)
    return corpus


def digest_fixed_corpus(bench_items: int = 2000, workers: int = 0) -> dict[str, str]:
    """Ingest the fixed corpus into a temp database (in a child process, like a user would) and digest it."""
    with tempfile.TemporaryDirectory() as tmp:
        corpus = build_corpus(Path(tmp), bench_items)
        db = Path(tmp) / "facts.db"
        subprocess.run([sys.executable, "-m", "pipeline.cli", "ingest", str(corpus), "--db", str(db),
                        "--quiet", "--workers", str(workers)], check=True, cwd=PROJECT)
        return digest_database(db, root=str(corpus))


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
