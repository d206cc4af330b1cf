"""Read-only access to the facts database, enforced rather than assumed.

``query``, ``export`` and ``stats`` read the database through ``open_read_only``:

- the connection is opened with a ``file:…?mode=ro`` URI, so SQLite itself refuses to write
  the database file, and a missing file is an error instead of a new empty database;
- an authorizer (``sqlite3.Connection.set_authorizer``) allows only what reads: SELECT,
  reading columns, functions, recursive CTEs and the pragmas that only report something.
  It denies what a read-only file does not stop: ``VACUUM INTO`` (writes a copy elsewhere),
  ``ATTACH`` (creates files), temporary tables, pragma writes (``journal_mode=delete``).

A denied statement raises ``ReadOnlyViolation`` with one line naming what was refused
("query is read-only: ATTACH is not allowed").
"""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

from pipeline.errors import UserError

# The authorizer's action codes (sqlite3 exports them by name; several error codes share values).
ACTION_NAMES = {getattr(sqlite3, f"SQLITE_{name}"): name for name in (
    "CREATE_INDEX", "CREATE_TABLE", "CREATE_TEMP_INDEX", "CREATE_TEMP_TABLE", "CREATE_TEMP_TRIGGER",
    "CREATE_TEMP_VIEW", "CREATE_TRIGGER", "CREATE_VIEW", "DELETE", "DROP_INDEX", "DROP_TABLE",
    "DROP_TEMP_INDEX", "DROP_TEMP_TABLE", "DROP_TEMP_TRIGGER", "DROP_TEMP_VIEW", "DROP_TRIGGER", "DROP_VIEW",
    "INSERT", "PRAGMA", "READ", "SELECT", "TRANSACTION", "UPDATE", "ATTACH", "DETACH", "ALTER_TABLE",
    "REINDEX", "ANALYZE", "CREATE_VTABLE", "DROP_VTABLE", "FUNCTION", "SAVEPOINT", "RECURSIVE")}
READ_ACTIONS = frozenset({sqlite3.SQLITE_SELECT, sqlite3.SQLITE_READ, sqlite3.SQLITE_RECURSIVE})
# Pragmas that only report; the first group never takes a value, the second takes a table or index name.
READ_PRAGMAS = frozenset({
    "user_version", "schema_version", "application_id", "data_version", "page_count", "page_size",
    "freelist_count", "encoding", "journal_mode", "compile_options", "collation_list", "database_list",
    "function_list", "module_list", "pragma_list", "foreign_keys", "auto_vacuum", "cache_size",
})
READ_PRAGMAS_WITH_ARGUMENT = frozenset({
    "table_info", "table_xinfo", "table_list", "index_list", "index_info", "index_xinfo",
    "foreign_key_list", "foreign_key_check", "integrity_check", "quick_check",
})
# Functions that have side effects or reach outside the database.
DENIED_FUNCTIONS = frozenset({"load_extension", "readfile", "writefile", "edit", "fts3_tokenizer"})
# Statements named by their first keyword in the message (VACUUM shows up to the authorizer as ATTACH).
STATEMENT_KEYWORDS = frozenset({"VACUUM", "ATTACH", "DETACH", "INSERT", "UPDATE", "DELETE", "REPLACE", "CREATE",
                                "DROP", "ALTER", "REINDEX", "ANALYZE", "BEGIN", "COMMIT", "END", "ROLLBACK",
                                "SAVEPOINT", "RELEASE"})


class ReadOnlyViolation(UserError):
    """A statement the read-only connection refused."""


class ReadOnlyDatabase:
    """A read-only connection and its authorizer: ``execute`` turns refusals into one-line errors."""

    def __init__(self, conn: sqlite3.Connection, command: str):
        self.conn = conn
        self.command = command
        self.denied: str | None = None  # what the authorizer refused in the current statement
        conn.set_authorizer(self._authorize)

    def _authorize(self, action: int, arg1: str | None, arg2: str | None, db: str | None, _trigger: str | None) -> int:
        if allowed(action, arg1, arg2, db):
            return sqlite3.SQLITE_OK
        self.denied = self.denied or describe(action, arg1, arg2)
        return sqlite3.SQLITE_DENY

    def execute(self, sql: str, params: tuple = ()) -> sqlite3.Cursor:
        """Run one statement; a refused statement is a ``ReadOnlyViolation``, bad SQL a ``UserError``."""
        self.denied = None
        try:
            return self.conn.execute(sql, params)
        except sqlite3.Error as exc:
            if self.denied is not None:
                words = sql.lstrip().split(None, 1)
                keyword = words[0].upper() if words else ""
                what = keyword if keyword in STATEMENT_KEYWORDS else self.denied
                raise ReadOnlyViolation(f"{self.command} is read-only: {what} is not allowed") from None
            if "readonly" in str(exc):
                raise ReadOnlyViolation(f"{self.command} is read-only: {exc}") from None
            raise UserError(f"bad SQL: {exc}") from None

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "ReadOnlyDatabase":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_read_only(path: str | Path, *, command: str = "query") -> ReadOnlyDatabase:
    """A read-only, authorizer-guarded connection to an existing facts database.

    Raises ``UserError`` when there is no database at ``path`` (nothing is created) or the
    file is not an SQLite database.
    """
    path = Path(path)
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        raise UserError(f"no database at {path} (run `newsfacts ingest` first, or give --db)") from None
    except OSError as exc:
        raise UserError(f"cannot open the database {path}: {exc.strerror or exc}") from None
    if not stat.S_ISREG(mode):
        raise UserError(f"{path} is not a database file")
    uri = f"{path.resolve().as_uri()}?mode=ro"
    conn = _probe(uri)
    if isinstance(conn, sqlite3.OperationalError) and "readonly" in str(conn):
        # A WAL database in a folder we may not write (a read-only mount, another user's folder):
        # SQLite cannot create the -shm index a reader needs. Nobody with our rights writes it, so
        # it is read as an immutable file.
        conn = _probe(uri + "&immutable=1")
    if isinstance(conn, sqlite3.Error):
        raise UserError(f"{path} is not a facts database ({conn})")
    return ReadOnlyDatabase(conn, command)


def _probe(uri: str) -> sqlite3.Connection | sqlite3.Error:
    """A connection that has read the schema, or the error reading it gave."""
    conn = sqlite3.connect(uri, uri=True)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as exc:
        conn.close()
        return exc
    return conn


def allowed(action: int, arg1: str | None, arg2: str | None, db: str | None) -> bool:
    """True for the authorizer actions a read-only command may take."""
    if action in READ_ACTIONS:
        return True
    if action == sqlite3.SQLITE_FUNCTION:
        return (arg2 or "").lower() not in DENIED_FUNCTIONS
    if action == sqlite3.SQLITE_PRAGMA:
        name = (arg1 or "").lower()
        return (name in READ_PRAGMAS and arg2 is None) or name in READ_PRAGMAS_WITH_ARGUMENT
    # Table-valued pragmas (pragma_table_info) parse the schema of the read-only main database.
    return action == sqlite3.SQLITE_UPDATE and arg1 == "sqlite_master" and db == "main"


def describe(action: int, arg1: str | None, arg2: str | None) -> str:
    """What a denied action is, in a user's words (``ATTACH``, ``PRAGMA journal_mode = delete``)."""
    if action == sqlite3.SQLITE_PRAGMA:
        return f"PRAGMA {arg1}" + (f" = {arg2}" if arg2 is not None else "")
    if action == sqlite3.SQLITE_FUNCTION:
        return f"the function {arg2}()"
    return ACTION_NAMES.get(action, str(action)).replace("_", " ")
