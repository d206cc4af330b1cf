"""The analyst's commands: search, orgs, events, money, timeline, seeds, browse (read-only, over canonical documents).

Handlers parse nothing and hold no SQL: they build the filters, call pipeline/search.py or
pipeline/reports.py, and print with pipeline/output.py. A user mistake (no database, a bad
date, an unknown organisation) is one line on stderr and exit code 2.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from pipeline.cli import positive_int
from pipeline.errors import UserError
from pipeline.filters import DocumentFilter, check_date, similar_org_names
from pipeline.options import DEFAULT_DB
from pipeline.output import FORMATS, write_rows

EVENT_TYPES = ("competition", "meeting", "ceremony", "award", "training", "visit", "opening", "campaign",
               "exhibition", "performance", "launch", "policy", "release", "statement", "deal", "financing",
               "price", "product", "personnel", "layoff", "crime", "arrest", "trial", "penalty", "accident",
               "disaster", "attack", "death", "protest", "rescue", "other")


def _date(text: str) -> str:
    try:
        return check_date(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _common(p: argparse.ArgumentParser, *, site: bool = True) -> None:
    p.add_argument("--db", default=DEFAULT_DB, help="database file (default: %(default)s)")
    p.add_argument("--since", type=_date, metavar="DATE", help="published on or after (YYYY, YYYY-MM or YYYY-MM-DD)")
    p.add_argument("--until", type=_date, metavar="DATE", help="published on or before (inclusive, same forms)")
    if site:
        p.add_argument("--site", help="only pages of this site (its name, or part of its URL)")
    p.add_argument("--format", choices=FORMATS, default="table", help="output format (default: %(default)s)")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("search", help="full-text search of the clean text (any term length), ranked",
                       description="Documents holding every term (separate terms with spaces), best first, with "
                                   "title, date, site and a snippet with the terms 【marked】. Terms of 1-2 "
                                   "characters work (exact match); Traditional terms are converted. "
                                   "Example: newsfacts search \"工会 竞赛\" --since 2021")
    p.add_argument("terms", metavar="TERMS", help="one or more terms, separated by spaces")
    _common(p)
    p.add_argument("--org", help="only documents naming this organisation (canonical name or alias)")
    p.add_argument("--limit", type=positive_int, default=20, help="at most this many documents (default: %(default)s)")
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("orgs", help="report: organisations with type, aliases, mentions, documents, first/last seen",
                       description="Every organisation mentioned in canonical documents, most mentioned first.")
    _common(p)
    p.add_argument("--type", dest="org_type", help="only this org type (union, party, government, company, …)")
    p.add_argument("--limit", type=positive_int, help="at most this many rows")
    p.set_defaults(func=cmd_orgs)

    p = sub.add_parser("events", help="report: events in date order with organisations, participants and money",
                       description="--since/--until filter the event's date, or the publication date when the "
                                   "event has none (column date_from says which).")
    _common(p)
    p.add_argument("--type", choices=EVENT_TYPES, help="only events of this type")
    p.add_argument("--org", help="only events this organisation takes part in (canonical name or alias)")
    p.add_argument("--place", help="only events whose location (or, without one, sentence) names this place")
    p.add_argument("--main", action="store_true", help="only each document's main event")
    p.add_argument("--limit", type=positive_int, help="at most this many rows")
    p.set_defaults(func=cmd_events)

    p = sub.add_parser("money", help="report: money totals per currency, by organisation or by month",
                       description="Never sums across currencies. Each amount counts once per document; amounts "
                                   "per unit (per day, month, person, item) are left out of totals; 'under' "
                                   "amounts (近900万元) count at their upper figure, others at their lower one.")
    _common(p)
    p.add_argument("--by", choices=("org", "month"), default="org", help="group by (default: %(default)s)")
    p.add_argument("--limit", type=positive_int, help="at most this many rows")
    p.set_defaults(func=cmd_money)

    p = sub.add_parser("timeline", help="report: one organisation's events and mentions in date order",
                       description="ORG is a canonical name (甘肃省总工会) or an alias seen in the text (省总工会).")
    p.add_argument("org", metavar="ORG")
    _common(p)
    p.set_defaults(func=cmd_timeline)

    p = sub.add_parser("seeds", help="seed files for other tools: jieba, label-studio, doccano, graph",
                       description="jieba: user dictionary of the organisations (name freq nt). label-studio: tasks "
                                   "JSON with DATE/MONEY/COUNT/ORG predictions. doccano: JSONL with label spans. "
                                   "graph: a folder of Neo4j bulk-import CSV files and graph.graphml. "
                                   "Never replaces a file without --force. See docs/seeds.md.")
    p.add_argument("kind", choices=("jieba", "label-studio", "doccano", "graph"))
    p.add_argument("-o", "--output", required=True, metavar="PATH",
                   help="file to write (for graph: a folder, created if missing)")
    p.add_argument("--db", default=DEFAULT_DB, help="database file (default: %(default)s)")
    p.add_argument("--force", action="store_true", help="replace existing files")
    p.set_defaults(func=cmd_seeds)

    p = sub.add_parser("browse", help="browse the database in datasette: tables, canned reports, search, charts",
                       description="Serves the database read-only (immutable) with descriptions, canned queries "
                                   "(search, orgs, events, money, timeline) and a dashboard of charts at "
                                   "/-/dashboards/newsfacts. Needs the 'browse' extra (make setup installs it).")
    p.add_argument("--db", default=DEFAULT_DB, help="database file (default: %(default)s)")
    p.add_argument("--port", type=int, default=8001, help="port (default: %(default)s)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: %(default)s, this machine only)")
    p.set_defaults(func=cmd_browse)


def _run(args: argparse.Namespace, report: Callable) -> int:
    """Open the database read-only, run ``report(conn)`` → (columns, rows), print them."""
    from pipeline.readonly import open_read_only
    from pipeline.reports import UnknownOrg

    with open_read_only(args.db, command=args.command) as db:
        try:
            columns, rows = report(db.conn)
        except UnknownOrg as exc:
            name = exc.args[0]
            hint = similar_org_names(db.conn, name)
            raise UserError(f"no organisation named {name!r}"
                            + (f" (did you mean: {'、'.join(hint)}?)" if hint else "")) from None
    write_rows(columns, rows, args.format, sys.stdout)
    return 0


def _documents(args: argparse.Namespace) -> DocumentFilter:
    return DocumentFilter(since=args.since, until=args.until, site=getattr(args, "site", None))


def cmd_search(args: argparse.Namespace) -> int:
    from pipeline.search import COLUMNS, SearchQuery, parse_terms, search

    terms = parse_terms(args.terms)
    if not terms:
        raise UserError("give at least one search term")
    query = SearchQuery(terms, _documents(args), org=args.org, limit=args.limit)
    return _run(args, lambda conn: (list(COLUMNS), [tuple(h.row().values()) for h in search(conn, query)]))


def cmd_orgs(args: argparse.Namespace) -> int:
    from pipeline.reports import orgs_report

    return _run(args, lambda conn: orgs_report(conn, _documents(args), org_type=args.org_type, limit=args.limit))


def cmd_events(args: argparse.Namespace) -> int:
    from pipeline.reports import EventFilter, events_report

    wanted = EventFilter(type=args.type, org=args.org, place=args.place, main_only=args.main, limit=args.limit)
    return _run(args, lambda conn: events_report(conn, _documents(args), wanted))


def cmd_money(args: argparse.Namespace) -> int:
    from pipeline.reports import money_report

    return _run(args, lambda conn: money_report(conn, _documents(args), by=args.by, limit=args.limit))


def cmd_timeline(args: argparse.Namespace) -> int:
    from pipeline.reports import timeline_report

    return _run(args, lambda conn: timeline_report(conn, args.org, _documents(args)))


def cmd_seeds(args: argparse.Namespace) -> int:
    from pipeline.readonly import open_read_only
    from pipeline.seeds import write_seeds

    with open_read_only(args.db, command="seeds") as db:
        written = write_seeds(db.conn, Path(args.db), args.kind, Path(args.output), force=args.force)
    for path in written:
        print(f"wrote {path}", file=sys.stderr)
    return 0


def cmd_browse(args: argparse.Namespace) -> int:
    from pipeline.browse import serve

    return serve(Path(args.db), host=args.host, port=args.port)
