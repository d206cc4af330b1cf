"""Content digest of an ingest: proves a refactor or a speed change left the output alone.

    python scripts/content_digest.py                 # ingest the fixed corpus into a temp db, print digests
    python scripts/content_digest.py --db out/x.db   # digest an existing database

The logic lives in ``newsfacts_tools/digest.py`` (what the fixed corpus is, what is digested).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from newsfacts_tools.digest import digest_database, digest_fixed_corpus


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="digest this database instead of ingesting the fixed corpus")
    parser.add_argument("--items", type=int, default=2000, help="bench items added to corpus/ (default 2000)")
    parser.add_argument("--workers", type=int, default=0)
    args = parser.parse_args()
    result = digest_database(args.db) if args.db else digest_fixed_corpus(args.items, args.workers)
    for name, value in result.items():
        print(f"{name:12} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
