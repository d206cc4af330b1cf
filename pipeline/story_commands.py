"""The ``stories`` sub-command: list the stories of the database, or update them first.

Listing is read-only; ``--update`` places the documents that have no story yet (the stage that
``ingest`` runs at its end) and then lists. The SQL lives in :mod:`pipeline.story_store`.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

from pipeline.cli import positive_int
from pipeline.errors import UserError
from pipeline.options import DEFAULT_DB, PipelineOptions
from pipeline.output import FORMATS, write_rows



def _iso_day(text: str) -> str:
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("stories", help="stories: the same event reported by several documents",
                       description="Lists the stories of the database (v_stories): type, first and last report, "
                                   "title of the first report, number of documents, outlets, organisations, places. "
                                   "--update places new documents first (ingest does it at its end).")
    p.add_argument("--db", default=DEFAULT_DB, help="database file (default: %(default)s)")
    p.add_argument("--since", type=_iso_day, help="stories with a report on or after this date (YYYY-MM-DD)")
    p.add_argument("--until", type=_iso_day, help="stories with a report on or before this date (YYYY-MM-DD)")
    p.add_argument("--type", help="only stories of this event type (FACTS.md §3: accident, trial, …)")
    p.add_argument("--min-documents", type=int, default=2,
                   help="stories with at least this many documents (default: %(default)s; 1 lists single reports)")
    p.add_argument("--limit", type=positive_int, default=None, help="at most this many stories")
    p.add_argument("--format", choices=FORMATS, default="table")
    p.add_argument("--update", action="store_true", help="place new and changed documents in stories first")
    p.set_defaults(func=cmd_stories)


def cmd_stories(args: argparse.Namespace) -> int:
    from pipeline.readonly import open_read_only
    from pipeline.storage import FactStore
    from pipeline.story_store import StoryFilter, list_stories, update_stories

    if args.min_documents < 1:
        raise UserError("--min-documents must be at least 1")
    if not Path(args.db).exists():
        raise UserError(f"no database at {args.db} (run `newsfacts ingest` first, or give --db)")
    if args.update:
        store = FactStore.open(args.db)
        try:
            print(update_stories(store, replace(PipelineOptions(), db=Path(args.db))).render(), file=sys.stderr)
        finally:
            store.close()
    where = StoryFilter(since=args.since, until=args.until, type=args.type, min_documents=args.min_documents,
                        limit=args.limit)
    with open_read_only(args.db, command="stories") as db:
        try:
            columns, rows = list_stories(db.conn, where)
        except sqlite3.OperationalError as exc:
            if "no such" not in str(exc):
                raise
            raise UserError(f"{args.db} has no stories yet (run `newsfacts stories --update --db {args.db}`)") from None
    write_rows(columns, rows, args.format, sys.stdout)
    return 0
