"""How the CLI shows things to people: rich tables and progress on a terminal, Chinese as Chinese."""
from __future__ import annotations

import csv
import json
import sys
from typing import Iterable

from rich.console import Console
from rich.table import Table

# Data and summaries go to stdout. Piped output gets a wide page rather than rich's 80 columns,
# so that tables of Chinese text stay readable in files and pagers.
out = Console(width=None if sys.stdout.isatty() else 160)
err = Console(stderr=True)  # progress and logs: stderr


def dumps(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, default=str)


def emit(rows: list[dict], fmt: str, *, title: str | None = None, columns: list[str] | None = None) -> None:
    """Rows as a table (people), CSV or JSON (programs)."""
    columns = columns or (list(rows[0]) if rows else [])
    if fmt == "json":
        sys.stdout.write(dumps(rows) + "\n")
    elif fmt == "jsonl":
        for r in rows:
            sys.stdout.write(dumps(r) + "\n")
    elif fmt == "csv":
        w = csv.DictWriter(sys.stdout, fieldnames=columns, extrasaction="ignore")
        w.writeheader()
        w.writerows(rows)
    elif rows:
        table = Table(title=title, show_lines=False)
        for c in columns:
            table.add_column(c, overflow="fold")
        for r in rows:
            table.add_row(*("" if r.get(c) is None else str(r.get(c)) for c in columns))
        out.print(table)


def bullet_lines(lines: Iterable[str], style: str = "") -> None:
    for line in lines:
        out.print(f"  • {line}", style=style, highlight=False, markup=False)
