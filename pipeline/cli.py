"""The ``newsfacts`` command line: a thin layer over the pipeline's library functions.

Each sub-command lives with the code it drives and registers itself here through a
``register(subparsers)`` function that adds its parser and sets ``func``.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys

# module → the sub-commands it registers, in the order --help lists them
COMMAND_MODULES = (
    "pipeline.commands",     # ingest, clean, extract, stats, query, export, browse
    "newsfacts_tools.evaluation",   # eval
    "newsfacts_tools.bench",        # bench
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsfacts",
        description="Turn crawled Chinese news pages into a queryable SQLite database of facts.",
    )
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more logging (-vv for debug)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    level = logging.WARNING - 10 * min(args.verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    try:
        return int(args.func(args) or 0)
    except BrokenPipeError:  # `newsfacts extract | head`
        return 0
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
