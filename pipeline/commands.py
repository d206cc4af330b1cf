"""Sub-commands over the library: ingest, clean, extract, stats, query, export.

Each handler parses nothing itself: ``register`` declares the arguments, the handler
calls one library function and prints.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import IO, Any

from newsfacts_cluster.commands import add_ingest_arguments, cmd_ingest_shards, wants_cluster
from pipeline.cli import database_to_write, non_negative_int, positive_int
from pipeline.errors import UserError
from pipeline.options import DEFAULT_DB, PipelineOptions
from pipeline.output import FORMATS, write_rows
from pipeline.queries import EXPORT_VIEWS, collect_stats, run_query



def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("ingest", help="ingest files and folders into the facts database",
                       description="Read HTML, text, WARC and JSONL (optionally gzipped), clean, extract facts "
                                   "and store them. Incremental: unchanged pages are skipped.")
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or folders (searched recursively)")
    p.add_argument("--db", default=DEFAULT_DB, type=database_to_write,
                   help="database file, created with its folder when missing (default: %(default)s)")
    p.add_argument("--workers", type=non_negative_int, default=0, help="worker processes (default 0: one per core)")
    p.add_argument("--limit", type=positive_int, default=None, help="stop after this many documents")
    p.add_argument("--max-bytes", type=positive_int, default=PipelineOptions().max_bytes,
                   help="larger files/records are errors (default: %(default)s)")
    p.add_argument("--quiet", action="store_true", help="no progress bar or summary")
    p.add_argument("--strict", action="store_true", help="exit with status 1 when any input failed")
    p.add_argument("--no-wait", action="store_true",
                   help="when another ingest is writing the database, stop at once (exit code 3) instead of waiting")
    add_ingest_arguments(p)
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("clean", help="clean pages: JSONL {id, html|text, url?, published?} in, JSONL out",
                       description="Prints one JSON object per input line: id, title, published, paragraphs, "
                                   "script, site, url, authors, source, quality, removed.")
    _input_argument(p)
    p.set_defaults(func=cmd_clean)

    p = sub.add_parser("extract", help="extract facts: JSONL {id, text, published?} in, JSONL {id, facts, events} out",
                       description="Runs the extractors on already clean text (FACTS.md §2-3). Optional fields "
                                   "site, url and source (来源) decide the page's own currency (bare 元 on a "
                                   "Taiwanese page is TWD); `newsfacts clean` writes them.")
    _input_argument(p)
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("stats", help="what the database holds: documents, facts by kind and rule, events, errors")
    _db_argument(p)
    p.add_argument("--json", action="store_true", help="one JSON object")
    p.set_defaults(func=cmd_stats)

    p = sub.add_parser("query", help="run a read-only SQL query on the database",
                       description="Example: newsfacts query \"select text, amount_min, currency from v_money\"")
    p.add_argument("sql")
    _db_argument(p)
    p.add_argument("--format", choices=FORMATS, default="table")
    p.set_defaults(func=cmd_query)

    p = sub.add_parser("export", help="export a view as JSONL, CSV or Parquet (read-only)",
                       description="Views: " + ", ".join(EXPORT_VIEWS))
    p.add_argument("view", nargs="?", default="v_documents", choices=EXPORT_VIEWS)
    _db_argument(p)
    p.add_argument("--format", choices=("jsonl", "csv", "parquet"), default="jsonl")
    p.add_argument("-o", "--output", help="file to write (default: standard output; required for parquet); "
                                          "never the database itself, and its folder must exist")
    p.add_argument("--force", action="store_true", help="replace the output file if it exists")
    p.add_argument("--all", action="store_true",
                   help="every table and view, one file each (NAME.jsonl|csv|parquet) in the folder given by -o")
    p.set_defaults(func=cmd_export)


def _db_argument(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", default=DEFAULT_DB, help="database file (default: %(default)s)")


def _input_argument(p: argparse.ArgumentParser) -> None:
    p.add_argument("input", nargs="?", default="-", help="JSONL file (default: standard input)")


# -- ingest --------------------------------------------------------------------------------------
def cmd_ingest(args: argparse.Namespace) -> int:
    from pipeline.runner import run_ingest

    options = replace(PipelineOptions(), db=Path(args.db), workers=args.workers, limit=args.limit,
                      max_bytes=args.max_bytes, quiet=args.quiet, strict=args.strict,
                      wait_for_writer=not args.no_wait)
    if wants_cluster(args):
        return cmd_ingest_shards(args, options)
    # Missing, looping or unlistable paths come back from the readers as errors of stage "read".
    summary = run_ingest(args.paths, options)
    if not args.quiet:
        print(summary.render())
        print(f"database     {args.db}")
    return 1 if (args.strict and summary.errors) else 0


# -- clean / extract (JSONL filters) -------------------------------------------------------------
def _read_jsonl(path: str) -> Iterator[tuple[int, dict[str, Any] | None, str | None]]:
    """(line number, object or None, error or None) for each non-empty line."""
    try:
        stream: IO[bytes] = sys.stdin.buffer if path == "-" else open(path, "rb")
    except OSError as exc:
        raise UserError(f"cannot read {path}: {exc.strerror or exc}") from None
    try:
        for number, raw in enumerate(stream, start=1):
            try:  # bytes in, decoded per line: one line that is not UTF-8 must not end the stream
                line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                yield number, None, f"line {number}: not UTF-8 ({exc.reason} at byte {exc.start})"
                continue
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                yield number, None, f"line {number}: not JSON ({exc.msg})"
                continue
            if not isinstance(obj, dict):
                yield number, None, f"line {number}: not a JSON object"
                continue
            yield number, obj, None
    finally:
        if path != "-":
            stream.close()


def _emit(obj: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")


def cmd_clean(args: argparse.Namespace) -> int:
    from pipeline.clean import clean_record
    from pipeline.document import RawRecord, StageFailure
    from pipeline.readers import jsonl_metadata

    options = PipelineOptions()
    failures = 0
    for number, obj, error in _read_jsonl(args.input):
        if error is None and not isinstance(obj.get("html", obj.get("text")), str):
            error = f"line {number}: needs an 'html' or 'text' field"
        if error is not None:
            failures += 1
            print(f"error: {error}", file=sys.stderr)
            continue
        doc_id = obj.get("id", number)
        fmt = "html" if "html" in obj else "text"
        # the page's metadata read as ingest reads a JSON line (date/published_at, site, source …)
        raw = RawRecord(source=args.input, record=number, content=obj[fmt], format=fmt,
                        **{**jsonl_metadata(obj), "id": str(doc_id)})
        try:
            doc = clean_record(raw, options)
        except StageFailure as exc:
            failures += 1
            print(f"error: line {number} (id {doc_id}): {exc}", file=sys.stderr)
            _emit({"id": doc_id, "error": str(exc)})
            continue
        _emit({"id": doc_id, "title": doc.title, "published": doc.published, "paragraphs": doc.paragraphs,
               "script": doc.script, "site": doc.site, "url": doc.url, "authors": doc.authors,
               "source": doc.source_name, "quality": doc.quality, "mojibake": doc.mojibake,
               "removed": doc.counters, "text": doc.text})
    return 1 if failures else 0


def cmd_extract(args: argparse.Namespace) -> int:
    from extractors import extract
    from pipeline.readers import jsonl_metadata

    failures = 0
    for number, obj, error in _read_jsonl(args.input):
        if error is None and not isinstance(obj.get("text"), str):
            error = f"line {number}: needs a 'text' field"
        if error is not None:
            failures += 1
            print(f"error: {error}", file=sys.stderr)
            continue
        meta = jsonl_metadata(obj)  # published also from date/published_at, as ingest reads it
        result = extract(obj["text"], meta["published"], site=meta["site"], url=meta["url"], source=meta["source_name"])
        _emit({"id": obj.get("id", number), **result.to_json()})
    return 1 if failures else 0


# -- database readers ----------------------------------------------------------------------------
def _open_read_only(path: str, command: str):
    from pipeline.readonly import open_read_only

    return open_read_only(path, command=command)


def cmd_stats(args: argparse.Namespace) -> int:
    db = _open_read_only(args.db, "stats")
    stats = collect_stats(db)
    if args.json:
        _emit(stats)
        return 0
    for key, value in stats.items():
        if isinstance(value, dict):
            shown = ", ".join(f"{k}: {v}" for k, v in list(value.items())[:15]) or "-"
            print(f"{key:<14} {shown}")
        else:
            print(f"{key:<14} {value}")
    return 0


def cmd_query(args: argparse.Namespace) -> int:
    db = _open_read_only(args.db, "query")
    columns, rows = run_query(db, args.sql)  # refused or bad SQL: a UserError, one line and exit 2
    write_rows(columns, rows, args.format, sys.stdout)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from pipeline.export import export_view

    db = _open_read_only(args.db, "export")
    output = Path(args.output) if args.output else None
    if args.all:
        from pipeline.errors import UserError
        from pipeline.export import export_all

        if output is None:
            raise UserError("--all needs -o FOLDER")
        counts = export_all(db, Path(args.db), output, args.format, force=args.force)
        print(f"{len(counts)} tables and views, {sum(counts.values())} rows → {output}/", file=sys.stderr)
        return 0
    count = export_view(db, Path(args.db), args.view, args.format, output, force=args.force)
    if output is not None:
        print(f"{count} rows → {output}", file=sys.stderr)
    return 0
