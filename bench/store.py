"""The store's speed: figures recorded per second, and as-of queries on a store of ONE MILLION versions,
on SQLite and on the PostgreSQL at 127.0.0.1:5432 (database `test`, a schema of its own, dropped at the end).

    .venv/bin/python bench/store.py [--versions 1000000] [--pages 100] [--repeat 3] [--queries 200] [--sqlite-only]
    .venv/bin/python bench/store.py --quick   (record on SQLite only, no as-of: for iterating)

1. record: `--pages` pages of 50 figures each into a fresh store, one transaction per page doing what
   shenyang_monitor.pipeline does per page: storage.pages.record_fetch, storage.series.record_figures
   (new observations, confirmations and revisions mixed), alerts.rules.raise_alerts, commit. The figure
   is that whole transaction's rate (figures / seconds of all pages), the median of `--repeat` fresh
   stores (the machine is shared and noisy); record_figures' own rate and the split are logged beside it.
2. as-of: a store of `--versions` versions (2,000 series × 50 periods × 10 reports each) is built
   with bulk inserts (SQLite: cached in /tmp/shenyang_bench_store_<N>.db, built once, ~40 s; PostgreSQL:
   COPY into a fresh schema each run), then `--queries` random `series_latest(indicator, region,
   as_of=T)` calls, each one whole series as known at a random moment.

Last line: `store: <n> figures/s sqlite, <n> figures/s postgres; as-of p95 <ms> ms sqlite, <ms> ms postgres at <N> versions`
"""
from __future__ import annotations

import argparse
import logging
import os
import random
import sys
import time
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extract.figure import Figure  # noqa: E402

log = logging.getLogger("bench.store")
PG_URL = os.environ.get("SHENYANG_MONITOR_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
SERIES, PERIODS, REPORTS = 2000, 50, 10  # 1,000,000 versions
BUILD_FORMAT = 2  # bump when the generated store changes, so a stale cache is rebuilt


def _schema_tag() -> str:
    """A short hash of the models' tables and columns: a schema change (a new migration) makes a new cache."""
    import hashlib

    from sqlmodel import SQLModel

    import storage.models  # noqa: F401  (registers the tables)

    cols = sorted(f"{t.name}.{c.name}:{c.type}" for t in SQLModel.metadata.tables.values() for c in t.columns)
    return hashlib.sha1("\n".join(cols).encode()).hexdigest()[:8]
T0 = datetime(2020, 1, 1, tzinfo=timezone.utc)
SOURCES = [("tjj", "统计局", 1), ("gov", "市政府", 2), ("lnd", "辽宁日报", 4), ("hkcd", "香港商报", 4)]


class Src:
    def __init__(self, sid, publisher, authority):
        self.id, self.publisher, self.authority, self.region, self.kind = sid, publisher, authority, "沈阳", None


def indicator_name(i: int) -> str:
    return f"测试指标{i:04d}"


# ------------------------------------------------------------------ 1. record_figures throughput

def page_figures(rng: random.Random, n: int) -> list[Figure]:
    """A page of n figures: 50 indicators × recent periods, so later pages confirm and revise earlier ones."""
    figs = []
    for _ in range(n):
        i = rng.randrange(400)
        year = rng.choice((2023, 2024, 2025))
        kind = "growth" if i % 3 == 0 else "level"
        value = float(100 + i + (year - 2023) * 5 + (rng.random() < 0.1) * rng.randrange(1, 9))
        unit = "%" if kind == "growth" else "亿元"
        figs.append(Figure(start=0, end=5, value=value, unit=unit, value_base=value if kind == "growth" else value * 1e8,
                           base_unit="%" if kind == "growth" else "元", kind=kind, qualifier=None,
                           indicator=indicator_name(i), indicator_id=None, period=str(year), region="沈阳",
                           sentence=f"{year}年，沈阳{indicator_name(i)}{value:g}{unit}。"))
    return figs


def bench_record(url: str, pages: int, per_page: int = 50) -> float:
    """Figures per second of whole page transactions (record_fetch, record_figures, raise_alerts, commit)."""
    from crawlers.items import FetchedPage
    from alerts.rules import raise_alerts
    from storage.db import create_schema, make_engine, session_scope
    from storage.pages import record_fetch, sync_sources
    from storage.series import record_figures

    engine = make_engine(url)
    create_schema(engine)
    with session_scope(engine) as s:
        sync_sources(s, [Src(*x) for x in SOURCES])
    rng = random.Random(7)
    work = [(rng.choice(SOURCES)[0], page_figures(rng, per_page)) for _ in range(pages)]
    split = dict.fromkeys(("page rows", "record_figures", "raise_alerts", "commit"), 0.0)
    start, cpu = time.perf_counter(), time.process_time()
    for n, (sid, figs) in enumerate(work):
        t0 = time.perf_counter()
        with session_scope(engine) as s:
            at = (T0 + timedelta(hours=n)).isoformat()
            pv = record_fetch(s, FetchedPage(source_id=sid, url=f"https://bench.example/{n}.html", kind="article",
                                             status=200, fetched_at=at, content_hash=f"h{n}"))
            t1 = time.perf_counter()
            changes = record_figures(s, pv, figs, source_id=sid, published=T0 + timedelta(hours=n),
                                     extractor_version="bench", recorded_at=T0 + timedelta(hours=n, minutes=1))
            t2 = time.perf_counter()
            raise_alerts(s, changes)
            t3 = time.perf_counter()
        t4 = time.perf_counter()
        for k, dt in zip(split, (t1 - t0, t2 - t1, t3 - t2, t4 - t3)):
            split[k] += dt
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    engine.dispose()
    n_figs = pages * per_page
    # The CPU time of this process (SQLite runs in it) says how much work a page is when other processes
    # share the machine; the figure reported is the wall-clock one.
    log.info("%s: %.0f figures/s per page transaction (%.0f per CPU second of this process; record_figures "
             "alone %.0f figures/s); ms per page: %s", engine.dialect.name, n_figs / seconds, n_figs / cpu,
             n_figs / split["record_figures"], ", ".join(f"{k} {v * 1000 / pages:.2f}" for k, v in split.items()))
    return n_figs / seconds


def bench_record_median(url_of, pages: int, repeat: int) -> float:
    """The median rate of `repeat` runs, each into a fresh store (url_of(i) gives run i's URL)."""
    rates = sorted(bench_record(url_of(i), pages) for i in range(repeat))
    return rates[len(rates) // 2]


# ------------------------------------------------------------------ 2. the million-version store

def rows(versions: int):
    """Bulk rows of every table, deterministic. Per observation REPORTS reports, alternating sources; each
    closes the previous one of its source (a revision) so that as-of intervals are what record_figures
    would leave."""
    n_series = max(1, versions // (PERIODS * REPORTS))
    indicators = [(f"bench{i:04d}", indicator_name(i), None) for i in range(n_series)]
    series = [(i + 1, indicator_name(i), f"bench{i:04d}", "沈阳", "level", "元", "", T0) for i in range(n_series)]
    observations, obs_versions = [], []
    pages = [(1, "https://bench.example/bulk.html", "tjj", "article", T0)]
    page_versions = [(1, 1, "bulk", T0, 200)]
    oid = vid = 0
    for s in range(n_series):
        for p in range(PERIODS):
            oid += 1
            year, month = 2000 + p // 12, p % 12 + 1
            start = datetime(year, month, 1).date()
            end = (datetime(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)).date()
            head = None
            open_by_source: dict[str, int] = {}
            times = [T0 + timedelta(days=30 * p + 3 * k, hours=s % 24) for k in range(REPORTS + 1)]
            for k in range(REPORTS):
                vid += 1
                sid = SOURCES[k % 2][0]
                t = times[k]
                # the source's next report (two steps on) closes this one
                valid_to = times[k + 2] if k + 2 < REPORTS else None
                value = 1000.0 + s + p + k
                obs_versions.append((vid, oid, sid, 1, value, "亿元", value * 1e8, "bench evidence", t, t, t,
                                     valid_to, "revised" if valid_to else None, "bench",
                                     "new" if k == 0 else "revised"))
                open_by_source[sid] = vid
                head = vid if sid == "tjj" else head
            observations.append((oid, s + 1, f"{year}-{month:02d}", start, end, "month", head, False))
    return indicators, series, observations, obs_versions, pages, page_versions


COLUMNS = {
    "indicator": ("id", "name", "aliases"),
    "series": ("id", "indicator", "indicator_id", "region", "kind", "unit", "base", "created_at"),
    "observation": ("id", "series_id", "period", "period_start", "period_end", "grain", "headline_version_id",
                    "in_conflict"),
    "observation_version": ("id", "observation_id", "source_id", "page_version_id", "value", "unit", "value_base",
                            "evidence", "published", "recorded_at", "valid_from", "valid_to", "closed_reason",
                            "extractor_version", "change_type"),
    "page": ("id", "url", "source_id", "kind", "first_seen"),
    "page_version": ("id", "page_id", "content_hash", "fetched_at", "status"),
}


def _sqlite_value(v):
    if isinstance(v, datetime):
        return v.astimezone(timezone.utc).replace(tzinfo=None).isoformat(sep=" ")
    return v


def build_sqlite(path: Path, versions: int) -> None:
    from storage.db import create_schema, make_engine, session_scope
    from storage.pages import sync_sources

    tmp = path.with_suffix(".building")
    tmp.unlink(missing_ok=True)
    engine = make_engine(f"sqlite:///{tmp}")
    create_schema(engine)
    with session_scope(engine) as s:
        sync_sources(s, [Src(*x) for x in SOURCES])
    engine.dispose()
    import sqlite3

    ind, ser, obs, ver, pages, pvs = rows(versions)
    con = sqlite3.connect(tmp)
    con.execute("PRAGMA journal_mode=OFF")
    con.execute("PRAGMA synchronous=OFF")
    for table, data in (("indicator", ind), ("series", ser), ("page", pages), ("page_version", pvs),
                        ("observation", obs), ("observation_version", ver)):
        cols = COLUMNS[table]
        con.executemany(f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                        ([_sqlite_value(v) for v in r] for r in data))
    con.commit()
    con.execute("ANALYZE")
    con.close()
    tmp.rename(path)


def build_postgres(url: str, versions: int) -> None:
    import psycopg

    from storage.db import create_schema, make_engine, session_scope
    from storage.pages import sync_sources

    engine = make_engine(url)
    create_schema(engine)
    with session_scope(engine) as s:
        sync_sources(s, [Src(*x) for x in SOURCES])
    raw = engine.raw_connection()
    try:
        conn: psycopg.Connection = raw.driver_connection
        ind, ser, obs, ver, pages, pvs = rows(versions)
        with conn.cursor() as cur:
            for table, data in (("indicator", ind), ("series", ser), ("page", pages), ("page_version", pvs),
                                ("observation", obs), ("observation_version", ver)):
                with cur.copy(f"COPY {table} ({', '.join(COLUMNS[table])}) FROM STDIN") as copy:
                    for r in data:
                        copy.write_row(r)
            for table in ("series", "observation", "observation_version", "page", "page_version"):
                cur.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
            cur.execute("ANALYZE")
        conn.commit()
    finally:
        raw.close()
        engine.dispose()


def bench_asof(url: str, queries: int, versions: int) -> tuple[float, int]:
    """(p95 ms of series_latest(as_of=random T) on one whole series, versions in the store)."""
    from sqlalchemy import text
    from sqlmodel import Session

    from storage.db import make_engine
    from storage.queries import series_latest

    engine = make_engine(url)
    with engine.connect() as conn:
        total = conn.execute(text("SELECT count(*) FROM observation_version")).scalar()
    rng = random.Random(11)
    n_series = max(1, versions // (PERIODS * REPORTS))
    span = (PERIODS * 30 + REPORTS * 3) * 86400
    times = []
    with Session(engine) as s:
        series_latest(s, indicator_name(0), "沈阳", as_of=T0 + timedelta(days=400))  # warm-up (OpenCC, caches)
        for _ in range(queries):
            name = indicator_name(rng.randrange(n_series))
            as_of = T0 + timedelta(seconds=rng.randrange(span))
            t = time.perf_counter()
            points = series_latest(s, name, "沈阳", as_of=as_of)
            times.append((time.perf_counter() - t) * 1000)
            if not points and as_of > T0 + timedelta(days=1):
                raise AssertionError(f"no points for {name} as of {as_of}: the bench store is broken")
    engine.dispose()
    times.sort()
    return times[min(len(times) - 1, int(0.95 * len(times)))], total


def _pg_schema_url(schema: str) -> str:
    sep = "&" if "?" in PG_URL else "?"
    return f"{PG_URL}{sep}options={quote('-csearch_path=' + schema)}"


def _pg_admin(sql: str) -> None:
    import psycopg
    from sqlalchemy.engine import make_url

    u = make_url(PG_URL)
    with psycopg.connect(host=u.host or "127.0.0.1", port=u.port or 5432, dbname=u.database, user=u.username,
                         password=u.password, autocommit=True, connect_timeout=5) as conn:
        conn.execute(sql)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--versions", type=int, default=SERIES * PERIODS * REPORTS)
    ap.add_argument("--pages", type=int, default=100, help="pages of 50 figures recorded (default 100)")
    ap.add_argument("--repeat", type=int, default=3, help="record runs per database, the median is reported")
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--quick", action="store_true", help="record on SQLite only (no as-of, no postgres)")
    ap.add_argument("--sqlite-only", action="store_true")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, stream=sys.stderr, format="%(asctime)s %(message)s")
    logging.getLogger("storage").setLevel(logging.WARNING)
    import tempfile

    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        results["rec_sqlite"] = bench_record_median(lambda i: f"sqlite:///{tmp}/record{i}.db", args.pages,
                                                    args.repeat)
    log.info("record sqlite: %.0f figures/s (median of %d)", results["rec_sqlite"], args.repeat)
    if args.quick:
        print(f"store: {results['rec_sqlite']:.0f} figures/s sqlite (quick: no postgres, no as-of)")
        return 0

    cache = Path(f"/tmp/shenyang_bench_store_{args.versions}_v{BUILD_FORMAT}_{_schema_tag()}.db")
    if not cache.exists():
        t = time.perf_counter()
        build_sqlite(cache, args.versions)
        log.info("built %s in %.0f s (cached for the next run)", cache, time.perf_counter() - t)
    results["asof_sqlite"], n_sqlite = bench_asof(f"sqlite:///{cache}", args.queries, args.versions)
    log.info("as-of sqlite: p95 %.1f ms at %d versions", results["asof_sqlite"], n_sqlite)

    pg = "skipped"
    if not args.sqlite_only:
        schema = f"bench_{uuid.uuid4().hex[:10]}"
        _pg_admin(f'CREATE SCHEMA "{schema}"')
        try:
            url = _pg_schema_url(schema)

            def fresh(i: int) -> str:  # a fresh schema per run
                if i:
                    _pg_admin(f'DROP SCHEMA "{schema}" CASCADE')
                    _pg_admin(f'CREATE SCHEMA "{schema}"')
                return url

            results["rec_pg"] = bench_record_median(fresh, args.pages, args.repeat)
            log.info("record postgres: %.0f figures/s (median of %d)", results["rec_pg"], args.repeat)
            _pg_admin(f'DROP SCHEMA "{schema}" CASCADE')
            _pg_admin(f'CREATE SCHEMA "{schema}"')
            t = time.perf_counter()
            build_postgres(url, args.versions)
            log.info("built the postgres store in %.0f s", time.perf_counter() - t)
            results["asof_pg"], n_pg = bench_asof(url, args.queries, args.versions)
            log.info("as-of postgres: p95 %.1f ms at %d versions", results["asof_pg"], n_pg)
        finally:
            _pg_admin(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
        pg = f"{results['rec_pg']:.0f}"
    pg_asof = f"{results['asof_pg']:.1f}" if "asof_pg" in results else "skipped"
    print(f"store: {results['rec_sqlite']:.0f} figures/s sqlite, {pg} figures/s postgres; as-of p95 "
          f"{results['asof_sqlite']:.1f} ms sqlite, {pg_asof} ms postgres at {n_sqlite} versions")
    return 0


if __name__ == "__main__":
    sys.exit(main())
