"""Engine factory and units of work. No engine is built at import time."""
from __future__ import annotations

import logging
import os
import re
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Iterator

from sqlalchemy import event, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, SQLAlchemyError
from sqlmodel import Session, SQLModel, create_engine

from .types import json_dumps

log = logging.getLogger(__name__)

DEFAULT_URL = "sqlite:///data/monitor.db"
ENV_VAR = "SHENYANG_MONITOR_DB"


class DatabaseError(RuntimeError):
    """The database named by a URL cannot be used; the message names the URL (password hidden)."""


def database_url(url: str | None = None) -> str:
    """The argument, else $SHENYANG_MONITOR_DB, else the embedded SQLite file."""
    return url or os.environ.get(ENV_VAR) or DEFAULT_URL


def _safe(url) -> str:
    return url.render_as_string(hide_password=True)


def _normalise(url_text: str):
    try:
        url = make_url(url_text)
    except ArgumentError as exc:
        raise DatabaseError(f"not a database URL: {url_text!r} ({exc})") from exc
    # psycopg (3) is the installed driver; plain postgresql:// would ask for psycopg2.
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
    return url


def make_engine(url: str | None = None, *, check: bool = True) -> Engine:
    """An engine for `url` (see database_url). SQLite: the file's directory is created, WAL journal,
    foreign keys on. With `check`, one connection is tried now so that a wrong URL fails here, clearly."""
    url = _normalise(database_url(url))
    kwargs = {"json_serializer": json_dumps}
    if url.get_backend_name() == "sqlite":
        if url.database and url.database != ":memory:" and not url.database.startswith("file:"):
            try:
                Path(url.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise DatabaseError(f"cannot create the directory of the database {_safe(url)}: {exc}") from exc
        kwargs["connect_args"] = {"timeout": 30}
    else:
        kwargs["pool_pre_ping"] = True
    try:
        engine = create_engine(url, **kwargs)
    except Exception as exc:  # unknown dialect, missing driver
        raise DatabaseError(f"cannot create an engine for {_safe(url)}: {exc}") from exc
    if url.get_backend_name() == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    if check:
        try:
            with engine.connect() as conn:
                conn.execute(text("SELECT 1"))
        except DBAPIError as exc:  # cannot connect, bad credentials, a file that is no database
            engine.dispose()
            reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
            raise DatabaseError(f"cannot reach the database at {_safe(url)}: {reason}") from exc
    return engine


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")  # readers (CLI, API) do not block the scan's writes
    # NORMAL in WAL mode: a commit survives a crash of the process; a power loss or OS crash may lose the
    # last commits (never corrupts the file). The usual setting for a local WAL store; FULL fsyncs every commit.
    cur.execute("PRAGMA synchronous=NORMAL")
    # Checkpoint (copy the WAL into the file, with its fsyncs) every ~40 MB of WAL rather than every 4 MB:
    # a page's commit appends ~40 pages, so the default checkpointed every ~25 pages (bench/store.py).
    # Durability is the same; the WAL file grows to ~40 MB.
    cur.execute("PRAGMA wal_autocheckpoint=10000")
    cur.close()


def create_schema(engine: Engine) -> None:
    """All tables from the models (idempotent). Production uses `upgrade()` (Alembic) instead."""
    from . import models  # noqa: F401  (registers the tables)

    with engine.begin() as conn:
        _schema_lock(conn)
        SQLModel.metadata.create_all(conn)


# Several workers starting at once must not create or migrate the schema at the same time.
_SCHEMA_LOCK_KEY = 0x5359_4D4F  # "SYMO"


def _schema_lock(conn) -> None:
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _SCHEMA_LOCK_KEY})


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """One unit of work: committed when the block ends, rolled back if it raises."""
    session = Session(engine, expire_on_commit=False)
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config(connection=None):
    """The Alembic configuration of the store (no alembic.ini needed); `connection` is used by env.py."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = connection
    return cfg


def schema_differences(connection) -> list:
    """What differs between the database behind `connection` and the models (Alembic's comparison)."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from . import models  # noqa: F401

    ctx = MigrationContext.configure(connection, opts={"compare_type": True})
    return [d for d in compare_metadata(ctx, SQLModel.metadata) if not _is_alembic_table(d)]


def _is_alembic_table(diff) -> bool:
    return isinstance(diff, tuple) and diff[0] == "remove_table" and diff[1].name == "alembic_version"


def upgrade(url: str | None = None, revision: str = "head", *, engine: Engine | None = None) -> None:
    """Bring the database at `url` to `revision` with the migrations in storage/migrations.

    A database made by create_schema() (no Alembic version yet) is stamped as head when it already
    matches the models exactly, and refused with the differences otherwise."""
    own = engine is None
    engine = engine or make_engine(url)
    try:
        if revision == "head" and _at_head(engine):
            return  # every CLI command calls upgrade(): skip loading Alembic (~0.2 s) when there is nothing to do
        from alembic import command
        from sqlalchemy import inspect

        with engine.begin() as conn:
            _schema_lock(conn)
            cfg = alembic_config(conn)
            tables = set(inspect(conn).get_table_names())
            if tables and "alembic_version" not in tables:
                diffs = schema_differences(conn)
                if not diffs:
                    log.info("stamping %s (made by create_schema) as the current revision", _safe(engine.url))
                    command.stamp(cfg, "head")
                    return
                if not _adopt_first_revision(conn, cfg, revision):
                    raise DatabaseError(f"{_safe(engine.url)} has tables but no migration history, and they differ "
                                        f"from the models: {diffs[:5]}")
                return
            command.upgrade(cfg, revision)
    finally:
        if own:
            engine.dispose()


FIRST_REVISION = "0001"
_REVISION_LINE = re.compile(r"^(down_)?revision\b[^=]*=\s*['\"]?(\w+|None)", re.M)


@lru_cache(maxsize=1)
def head_revision() -> str:
    """The newest migration's id, read from the files in migrations/versions without importing Alembic
    (a linear history: the one revision that no other names as its down_revision)."""
    revisions, downs = set(), set()
    for path in (MIGRATIONS / "versions").glob("[0-9]*.py"):
        for down, rev in _REVISION_LINE.findall(path.read_text(encoding="utf-8")):
            (downs if down else revisions).add(rev)
    heads = revisions - downs
    if len(heads) != 1:
        raise DatabaseError(f"storage/migrations has {len(heads)} heads ({sorted(heads)}); expected one")
    return heads.pop()


def _at_head(engine: Engine) -> bool:
    """True when the database's alembic_version row is the newest migration (False on any doubt)."""
    try:
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT version_num FROM alembic_version")).all()
    except SQLAlchemyError as exc:
        log.debug("no migration history readable at %s (%s): taking the full upgrade path", _safe(engine.url), exc)
        return False  # no alembic_version table yet: the full path decides (create, stamp or refuse)
    return [r[0] for r in rows] == [head_revision()]


def _adopt_first_revision(conn, cfg, revision: str) -> bool:
    """A database made by create_schema() with the models of the first migration (before any later
    one): stamped as that revision and upgraded. True when the result matches the models; otherwise
    the caller raises and the transaction (DDL included) is rolled back."""
    from alembic import command

    try:
        command.stamp(cfg, FIRST_REVISION)
        command.upgrade(cfg, revision)
    except Exception as exc:  # not a first-revision database after all; the caller refuses it
        log.info("%s is not a first-revision database: %s", _safe(conn.engine.url), exc)
        return False
    if schema_differences(conn):
        return False
    log.info("adopted %s (made by create_schema at revision %s) and upgraded it", _safe(conn.engine.url),
             FIRST_REVISION)
    return True


def make_migration(message: str, rev_id: str | None = None) -> list[str]:
    """For developers after changing models.py: write the next migration, autogenerated against a
    scratch SQLite database at head. Read the file it writes before committing it. Returns its paths."""
    import tempfile

    from alembic import command

    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/scratch.db"
        upgrade(url)
        engine = make_engine(url)
        try:
            with engine.begin() as conn:
                scripts = command.revision(alembic_config(conn), message=message, autogenerate=True, rev_id=rev_id)
        finally:
            engine.dispose()
    scripts = scripts if isinstance(scripts, list) else [scripts]
    return [s.path for s in scripts if s is not None]
