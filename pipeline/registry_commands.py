"""The ``reresolve`` sub-command: run the organisation registry over every stored document.

``ingest`` learns from the documents it writes and resolves them with what is known so far; a
document stored before a full name was learned gets its mentions of it from ``reresolve``. The work
is :func:`pipeline.org_registry_store.update_registry`; this module only parses and prints.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pipeline.errors import UserError
from pipeline.options import DEFAULT_DB


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("reresolve", help="learn company short forms from the whole database and link their mentions",
                       description="Every full company name in the database (XX科技股份有限公司) teaches its short "
                                   "form (XX科技) and brand stem (XX); every stored document is scanned for them and "
                                   "their mentions become org facts (rules org.registry.short, org.registry.stem) "
                                   "of the canonical organisation. Ingest does this for the documents it writes; "
                                   "run this after an ingest to resolve the documents stored before. Idempotent.")
    p.add_argument("--db", default=DEFAULT_DB, help="database file (default: %(default)s)")
    p.set_defaults(func=cmd_reresolve)


def cmd_reresolve(args: argparse.Namespace) -> int:
    from pipeline.org_registry_store import update_registry
    from pipeline.storage import FactStore

    if not Path(args.db).is_file():
        raise UserError(f"no database at {args.db} (run `newsfacts ingest` first, or give --db)")
    store = FactStore.open(args.db)
    try:
        print(update_registry(store).render(), file=sys.stderr)
    finally:
        store.close()
    return 0
