"""Rows out: one writer for every read command (query, search, reports) in four formats.

``table`` is for people at a terminal: columns are padded by *display* width
(``wcwidth``: a Chinese character takes two cells), so Chinese text lines up, and
long cells are cut to a width with "…". ``json``, ``jsonl`` and ``csv`` are for
programs and keep every value whole.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import IO, Any

from wcwidth import wcswidth, wcwidth

FORMATS = ("table", "json", "jsonl", "csv")


def display_width(text: str) -> int:
    """Terminal cells taken by ``text`` (wide CJK characters count 2, control characters 0)."""
    width = wcswidth(text)
    if width >= 0:
        return width
    return sum(max(wcwidth(ch), 0) for ch in text)  # a non-printable character somewhere


def fit(text: str, width: int) -> str:
    """``text`` cut to at most ``width`` display cells, ending in "…" when cut."""
    if display_width(text) <= width:
        return text
    kept, used = [], 0
    for ch in text:
        cells = max(wcwidth(ch), 0)
        if used + cells > width - 1:
            break
        kept.append(ch)
        used += cells
    return "".join(kept) + "…"


def pad(text: str, width: int, *, right: bool = False) -> str:
    """``text`` padded with spaces to ``width`` display cells (numbers right-aligned)."""
    gap = " " * max(width - display_width(text), 0)
    return gap + text if right else text + gap


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (list, tuple)):
        return "、".join(_cell(v) for v in value)
    return str(value).replace("\n", " ⏎ ")


def _plain(value: Any) -> Any:
    """JSON-safe value: Decimals become int or str, everything else passes."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else str(value)
    return value


def _csv_cell(value: Any) -> Any:
    """Lists go into one CSV cell as JSON."""
    value = _plain(value)
    return json.dumps(value, ensure_ascii=False) if isinstance(value, (list, dict)) else value


def render_table(columns: Sequence[str], rows: Iterable[Sequence[Any]], *, max_width: int = 60) -> str:
    """An aligned text table: header, a rule, one line per row (cells cut to ``max_width`` cells)."""
    cells = [[fit(_cell(v), max_width) for v in row] for row in rows]
    numeric = [bool(cells) and all(_is_number(r[i]) for r in cells if r[i] != "") for i in range(len(columns))]
    widths = [max([display_width(c)] + [display_width(r[i]) for r in cells]) for i, c in enumerate(columns)]
    lines = ["  ".join(pad(c, w) for c, w in zip(columns, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    for row in cells:
        lines.append("  ".join(pad(v, w, right=n) for v, w, n in zip(row, widths, numeric)).rstrip())
    return "\n".join(lines) + "\n"


def _is_number(text: str) -> bool:
    try:
        float(text.replace(",", ""))
    except ValueError:
        return False
    return True


def write_rows(columns: Sequence[str], rows: Iterable[Sequence[Any]], fmt: str, out: IO[str], *,
               max_width: int = 60) -> int:
    """Write ``rows`` (sequences in ``columns`` order) to ``out`` in ``fmt``; returns the row count."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r} (one of {', '.join(FORMATS)})")
    rows = list(rows)
    if fmt == "table":
        out.write(render_table(columns, rows, max_width=max_width))
    elif fmt == "json":
        out.write(json.dumps([{c: _plain(v) for c, v in zip(columns, r)} for r in rows],
                             ensure_ascii=False, indent=2) + "\n")
    elif fmt == "jsonl":
        for r in rows:
            out.write(json.dumps({c: _plain(v) for c, v in zip(columns, r)}, ensure_ascii=False) + "\n")
    else:
        writer = csv.writer(out)
        writer.writerow(columns)
        writer.writerows([[_csv_cell(v) for v in r] for r in rows])
    return len(rows)


def write_records(records: Sequence[dict[str, Any]], fmt: str, out: IO[str], *, columns: Sequence[str] | None = None,
                  max_width: int = 60) -> int:
    """``write_rows`` for a list of dicts (columns: the given ones, else the first record's keys)."""
    columns = list(columns if columns is not None else (records[0].keys() if records else ()))
    return write_rows(columns, ([r.get(c) for c in columns] for r in records), fmt, out, max_width=max_width)
