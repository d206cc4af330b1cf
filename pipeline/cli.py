"""The ``newsfacts`` command line: a thin layer over the pipeline's library functions.

Each sub-command lives with the code it drives and registers itself here through a
``register(subparsers)`` function that adds its parser and sets ``func``.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
import traceback
from pathlib import Path

from pipeline.errors import UserError

# module → the sub-commands it registers, in the order --help lists them
COMMAND_MODULES = (
    "pipeline.commands",     # ingest, clean, extract, stats, query, export
    "pipeline.analyst_commands",  # search, orgs, events, money, timeline, seeds, browse
    "pipeline.story_commands",  # stories
    "pipeline.registry_commands",  # reresolve
    "newsfacts_tools.evaluation",   # eval
    "newsfacts_tools.bench",        # bench
    "newsfacts_cluster.commands",   # load (and ingest's --shards options)
)


class Parser(argparse.ArgumentParser):
    """argparse with one-line errors: ``error: newsfacts ingest: argument --max-bytes: …`` and exit code 2.

    The usage block argparse prints by default hides the one line that says what is wrong;
    ``--help`` still shows it.
    """

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"error: {self.prog}: {message} (see {self.prog} --help)\n")


def positive_int(text: str) -> int:
    """argparse type: a whole number above 0 (sizes, limits)."""
    value = _whole_number(text)
    if value <= 0:
        raise argparse.ArgumentTypeError(f"must be a whole number above 0, got {text}")
    return value


def non_negative_int(text: str) -> int:
    """argparse type: a whole number, 0 or more (0 often means "automatic")."""
    value = _whole_number(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be a whole number, 0 or more, got {text}")
    return value


SQLITE_HEADER = b"SQLite format 3\x00"


def database_to_write(text: str) -> str:
    """argparse type: a path where ``ingest`` can create or update a facts database.

    Missing folders are created; a folder, a path through a file or a file that is not an
    SQLite database is a mistake caught before the run starts.
    """
    path = Path(text)
    if path.is_dir():
        raise argparse.ArgumentTypeError(f"{text} is a folder, not a database file")
    for parent in path.parents:
        if parent.exists():
            if not parent.is_dir():
                raise argparse.ArgumentTypeError(f"cannot create {text}: {parent} is a file, not a folder")
            break
    if path.is_file() and path.stat().st_size:
        with open(path, "rb") as head:
            if head.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
                raise argparse.ArgumentTypeError(f"{text} exists and is not an SQLite database")
    return text


def _whole_number(text: str) -> int:
    try:
        return int(text.replace("_", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number, got {text!r}") from None


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
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
    """Run one command. A ``UserError`` is one line on stderr and exit code 2 (``-v``: with its traceback)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    level = logging.WARNING - 10 * min(args.verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    try:
        return int(args.func(args) or 0)
    except UserError as exc:
        if args.verbose:
            traceback.print_exc(file=sys.stderr)
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    except BrokenPipeError:  # `newsfacts extract | head`
        return 0
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
