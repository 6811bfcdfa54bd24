"""The two statements of a page with the most rows (its versions' INSERT, the read of its observations'
current versions) run on the DBAPI cursor of the session's connection, in the session's transaction.

Why: per row, SQLAlchemy's execution (parameter construction, insertmanyvalues batching, result
wrapping) cost more than SQLite running the statement (bench/store.py). Here the SQL text is built
once per dialect and row count, and values go through the columns' own bind and result processors
(the same conversions SQLAlchemy applies: UTC timestamps as SQLite text, and so on), so the rows
stored and read are the same. A driver whose parameter style is not handled gets None back: the
caller then runs its SQLAlchemy statement. Only the SQLite and PostgreSQL drivers are handled.
"""
from __future__ import annotations

import functools

from sqlalchemy import Table
from sqlmodel import Session

# Parameters per statement: SQLite before 3.32 allows 999, later ones 32766, PostgreSQL 65535; bigger
# INSERTs go in chunks. A page's versions (28 columns) then go in one INSERT, not two (bench/store.py).
MAX_PARAMS = 999


def max_params(dialect) -> int:
    if dialect.name == "postgresql":
        return 65535
    version = getattr(dialect, "dbapi", None) and getattr(dialect.dbapi, "sqlite_version_info", None)
    return 32766 if version and tuple(version) >= (3, 32) else MAX_PARAMS


def placeholder(dialect) -> str | None:
    """The driver's positional parameter marker; None for a database or parameter style not handled here
    (the SQL below is SQLite's and PostgreSQL's: multi-row VALUES … RETURNING, ON CONFLICT)."""
    if dialect.name not in ("sqlite", "postgresql"):
        return None
    return {"qmark": "?", "format": "%s", "pyformat": "%s"}.get(dialect.paramstyle)


def _cursor(session: Session):
    session.flush()  # the driver's statements see the session's pending rows, as its own would
    return session.connection().connection.dbapi_connection.cursor()


@functools.lru_cache(maxsize=32)
def _bind_processors(table: Table, names: tuple[str, ...], dialect) -> tuple:
    return tuple(table.c[n].type.dialect_impl(dialect).bind_processor(dialect) for n in names)


@functools.lru_cache(maxsize=32)
def _result_processors(columns: tuple, coltypes: tuple, dialect) -> tuple:
    # coltypes: the driver's type codes (cursor.description), which some processors choose by
    return tuple(c.type.dialect_impl(dialect).result_processor(dialect, t) for c, t in zip(columns, coltypes))


@functools.lru_cache(maxsize=64)
def _insert_sql(table: Table, names: tuple[str, ...], returning: tuple[str, ...], n_rows: int, dialect,
                skip_conflicts: bool) -> str:
    q, mark = dialect.identifier_preparer.quote, placeholder(dialect)
    row = "(" + ", ".join([mark] * len(names)) + ")"
    return (f"INSERT INTO {q(table.name)} ({', '.join(q(n) for n in names)}) VALUES {', '.join([row] * n_rows)} "
            + ("ON CONFLICT DO NOTHING " if skip_conflicts else "")
            + f"RETURNING {', '.join(q(n) for n in returning)}")


def insert_returning(session: Session, table: Table, names: tuple[str, ...], rows: list[tuple],
                     returning: tuple[str, ...], *, skip_conflicts: bool = False) -> list[tuple] | None:
    """INSERT the rows (tuples of the `names` columns) with multi-row VALUES; the `returning` columns of
    each row inserted, in no particular order (raw driver values: ids and the like). `skip_conflicts`:
    ON CONFLICT DO NOTHING (SQLite and PostgreSQL), a row that clashes with a unique key is left out.
    None: not handled for this driver."""
    dialect = session.get_bind().dialect
    if placeholder(dialect) is None:
        return None
    procs = _bind_processors(table, names, dialect)
    per = max(1, max_params(dialect) // len(names))
    cur = _cursor(session)
    out: list[tuple] = []
    try:
        for start in range(0, len(rows), per):
            chunk = rows[start:start + per]
            params = [p(v) if p is not None else v for r in chunk for p, v in zip(procs, r)]
            cur.execute(_insert_sql(table, names, returning, len(chunk), dialect, skip_conflicts), params)
            out += [tuple(r) for r in cur.fetchall()]
    finally:
        cur.close()
    return out


def select_rows(session: Session, sql_of, columns: tuple, params: list) -> list | None:
    """Run the SELECT sql_of(dialect) (its markers: placeholder(dialect)) with `params`; the rows, each
    column converted by its type's result processor (`columns`: the Column objects selected, in order).
    None: not handled for this driver."""
    dialect = session.get_bind().dialect
    if placeholder(dialect) is None:
        return None
    cur = _cursor(session)
    try:
        cur.execute(sql_of(dialect), params)
        rows = cur.fetchall()
        procs = _result_processors(columns, tuple(d[1] for d in cur.description), dialect)
    finally:
        cur.close()
    conv = [(i, p) for i, p in enumerate(procs) if p is not None]
    if not conv:
        return rows
    out = []
    for r in rows:
        r = list(r)
        for i, p in conv:
            r[i] = p(r[i])
        out.append(r)
    return out
