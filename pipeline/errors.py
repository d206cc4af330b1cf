"""Errors of the person running a command (as opposed to bad input, which becomes an error row).

A command raises ``UserError`` for a mistake the user can fix: a missing database, a bad
option value, SQL that is wrong or tries to write. ``pipeline.cli.main`` prints its message
as one line and exits with status 2; ``-v`` shows the traceback as well.
"""

from __future__ import annotations


class UserError(Exception):
    """A mistake in how a command was called: one clear line, exit code 2, no traceback."""

    exit_code = 2
