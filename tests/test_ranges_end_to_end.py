"""A page that gives a range, from the file to the store and back out (ingest, series, history, export),
then later reports inside and outside it; on SQLite and PostgreSQL, the schema made by the migrations."""
from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

from sqlmodel import select

from shenyang_monitor.ingest import ingest_paths
from storage.db import make_engine, session_scope, upgrade
from storage.models import Observation, ObservationVersion, Series

ROOT = Path(__file__).resolve().parents[1]
PAGE = """<html><head><meta charset="utf-8"><title>{title}</title>
<meta name="PubDate" content="{date} 10:00"></head><body><h1>{title}</h1><p>{date}</p>
<div class="content"><p>{text}</p></div></body></html>"""


def write_page(tmp_path: Path, name: str, text: str, date: str) -> Path:
    path = tmp_path / name
    path.write_text(PAGE.format(title="沈阳经济运行情况", text=text, date=date), encoding="utf-8")
    return path


def cli(*args):
    r = subprocess.run([sys.executable, "-m", "shenyang_monitor", *args], capture_output=True, text=True, cwd=ROOT,
                       env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=120)
    assert r.returncode == 0, f"exit {r.returncode}\nSTDOUT:\n{r.stdout}\nSTDERR:\n{r.stderr}"
    return r.stdout


def versions(engine, indicator):
    with session_scope(engine) as s:
        rows = s.exec(select(ObservationVersion).join(Observation).join(Series)
                      .where(Series.indicator == indicator).order_by(ObservationVersion.id)).all()
        return [(v.source_id, v.value, v.low, v.high, v.qualifier, v.change_type, v.valid_to is None) for v in rows]


def test_a_range_goes_through_ingest_and_later_reports_confirm_or_conflict(db_url, tmp_path, monkeypatch):
    monkeypatch.setenv("SHENYANG_MONITOR_ARCHIVE", str(tmp_path / "archive"))
    upgrade(db_url)
    engine = make_engine(db_url)
    name = "社会消费品零售总额"
    try:
        page = write_page(tmp_path, "a.html", f"2025年1-10月，沈阳市{name}同比增长5%-8%。", "2025-11-20")
        [r] = ingest_paths(engine, [page], source_id="hkcd", url="http://hkcd.example/a.html")
        assert r.status == "new", r
        assert versions(engine, name) == [("hkcd", 5.0, 5.0, 8.0, "range", "new", True)]

        series = cli("series", name, "--db", db_url)
        assert "5–8" in series
        history = json.loads(cli("history", name, "沈阳", "2025-01..2025-10", "--format", "json", "--db", db_url))
        assert [(h["value"], h["low"], h["high"], h["qualifier"]) for h in history] == [(5.0, 5.0, 8.0, "range")]
        assert "5–8%" in cli("history", name, "沈阳", "2025-01..2025-10", "--db", db_url)
        [row] = json.loads(cli("export", "--format", "json", "--indicator", name, "--db", db_url))
        assert (row["value"], row["low"], row["high"], row["qualifier"]) == (5.0, 5.0, 8.0, "range")
        [row] = list(csv.DictReader(io.StringIO(cli("export", "--indicator", name, "--db", db_url))))
        assert (row["low"], row["high"]) == ("5.0", "8.0")
        cli("export", "--format", "parquet", "-o", str(tmp_path / "s.parquet"), "--indicator", name, "--db", db_url)
        import pyarrow.parquet as pq

        table = pq.read_table(tmp_path / "s.parquet")
        assert (table.column("low").to_pylist(), table.column("high").to_pylist()) == ([5.0], [8.0])
        alerts = json.loads(cli("alerts", "--format", "json", "--db", db_url))
        assert [a["value_text"] for a in alerts if a["indicator"] == name] == ["同比增长5–8%"]

        # the bureau's exact figure inside the range: a confirmation, and the headline
        page = write_page(tmp_path, "b.html", f"2025年1-10月，全市{name}同比增长6.5%。", "2025-11-21")
        [r] = ingest_paths(engine, [page], source_id="tjj_shenyang", url="http://tjj.example/b.html")
        assert r.status == "new" and r.alerts == 0, r
        assert versions(engine, name)[-1] == ("tjj_shenyang", 6.5, None, None, None, "confirmed", True)
        # another paper's figure outside it: a conflict
        page = write_page(tmp_path, "c.html", f"2025年1-10月，沈阳市{name}同比增长9.3%。", "2025-11-22")
        [r] = ingest_paths(engine, [page], source_id="cri_ln", url="http://cri.example/c.html")
        assert versions(engine, name)[-1][5] == "conflict"
        # the first paper itself moving outside its range: a revision
        page = write_page(tmp_path, "d.html", f"2025年1-10月，沈阳市{name}同比增长9.1%。", "2025-11-23")
        [r] = ingest_paths(engine, [page], source_id="hkcd", url="http://hkcd.example/d.html")
        got = versions(engine, name)
        assert got[-1][:2] == ("hkcd", 9.1) and got[-1][5] == "revised"
        assert got[0][-1] is False  # the range is no longer hkcd's value of record
        # `changes` says what the revision replaced: the range, bounds and all
        rows = json.loads(cli("changes", "--since", "2020-01-01", "--indicator", name, "--format", "json",
                              "--db", db_url))
        revised = [r for r in rows if r["change_type"] == "revised"]
        assert [(r["value"], r["old_qualifier"], r["old_low"], r["old_high"]) for r in revised] == [
            (9.1, "range", 5.0, 8.0)]
        table = cli("changes", "--since", "2020-01-01", "--indicator", name, "--db", db_url)
        assert table.count("5–8%") == 2  # the new range itself, and what the revision replaced (the conflict replaced 6.5%)
    finally:
        engine.dispose()
