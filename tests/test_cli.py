"""The product as a user runs it: the installed command, a real SQLite file, the recorded archive."""
from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
CLI = [sys.executable, "-m", "shenyang_monitor"]


def cli(*args, tmp_path, input=None, check=None):
    env = dict(os.environ, SHENYANG_MONITOR_DATA=str(tmp_path / "data"), COLUMNS="200")
    env.pop("SHENYANG_MONITOR_DB", None)
    r = subprocess.run([*CLI, *args], capture_output=True, text=True, input=input, env=env, timeout=300,
                       cwd=tmp_path)
    if check is not None:
        assert r.returncode == check, f"exit {r.returncode}\nSTDOUT:\n{r.stdout}\nSTDERR:\n{r.stderr}"
    assert "Traceback" not in r.stderr, r.stderr
    return r


def alert_count(db: Path) -> int:
    with sqlite3.connect(db) as con:
        return con.execute("select count(*) from alert").fetchone()[0]


@pytest.mark.slow
def test_demo_prints_day_two_alerts_with_previous_period_and_second_run_is_quiet(tmp_path):
    db = tmp_path / "demo.db"
    first = cli("demo", "--db", f"sqlite:///{db}", tmp_path=tmp_path, check=0)
    day_two = first.stdout[first.stdout.index("Day 2"):]
    # The headline figures of 2025, each with 2024's value beside it (day one recorded those).
    assert "空气质量优良天数" in day_two and "2025: 328 天 (2024: 318 天)" in day_two, day_two
    assert "城镇新增就业" in day_two and "2025: 15 万人 (2024: 14.8 万人)" in day_two, day_two
    assert "\\u" not in first.stdout
    n = alert_count(db)
    assert n > 10
    archives = list((tmp_path / "data" / "archive").glob("*.warc.gz"))
    assert archives, "every fetched response is archived"

    second = cli("demo", "--db", f"sqlite:///{db}", tmp_path=tmp_path, check=0)
    assert alert_count(db) == n
    assert second.stdout.count("No new alerts.") == 2, second.stdout


def test_extract_contract_in_both_scripts(tmp_path):
    docs = [
        {"id": "hans", "text": "2024年，全市城镇新增就业14.8万人，空气质量优良天数达到318天。", "published": "2025-01-21", "url": None, "title": None},
        {"id": "hant", "text": "2025年瀋陽全年城鎮新增就業15萬人，空氣優良天數達328天，地區出口總額增長10%。", "published": "2026-01-15", "url": None, "title": None},
    ]
    r = cli("extract", "--format", "jsonl", tmp_path=tmp_path, check=0,
            input="".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs))
    assert "\\u" not in r.stdout
    figs = [json.loads(line) for line in r.stdout.splitlines()]
    for f in figs:
        text = next(d["text"] for d in docs if d["id"] == f["id"])
        span = text[f["start"]:f["end"]]
        assert format(abs(f["value"]), "g") in span, (span, f)  # the span covers the number as written
        for key in ("value", "unit", "value_base", "base_unit", "kind", "qualifier", "indicator", "indicator_id",
                    "period", "region", "sentence", "confidence"):
            assert key in f
    by = {(f["id"], f["indicator"]): f for f in figs}
    jobs_hans, jobs_hant = by[("hans", "城镇新增就业")], by[("hant", "城镇新增就业")]
    assert (jobs_hans["value"], jobs_hans["unit"], jobs_hans["period"]) == (14.8, "万人", "2024")
    assert (jobs_hant["value"], jobs_hant["unit"], jobs_hant["period"]) == (15, "万人", "2025")
    assert jobs_hant["value_base"] == 150000 and jobs_hant["region"] == "沈阳"
    air = by[("hant", "空气质量优良天数")]
    assert air["indicator_id"] == by[("hans", "空气质量优良天数")]["indicator_id"]
    assert (air["value"], air["unit"], air["kind"]) == (328, "天", "level")
    exports = next(f for f in figs if f["id"] == "hant" and f["unit"] == "%")
    assert "出口总额" in exports["indicator"]
    assert (exports["value"], exports["unit"], exports["kind"]) == (10, "%", "growth")


def test_ingest_reports_each_bad_file_and_keeps_going(tmp_path):
    db = tmp_path / "ingest.db"
    gbk = FIXTURES / "pages" / "gbk_no_charset.html"
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    binary = FIXTURES / "pages" / "binary.png"
    missing = tmp_path / "missing.html"
    r = cli("ingest", str(empty), str(binary), str(missing), str(gbk), "--source", "tjj_shenyang",
            "--db", f"sqlite:///{db}", tmp_path=tmp_path, check=1)
    lines = r.stdout.splitlines()
    assert len(lines) == 4, r.stdout
    assert "empty" in lines[0]
    assert "binary" in lines[1].lower() or "not text" in lines[1].lower()
    assert "no such file" in lines[2].lower() or "not found" in lines[2].lower()
    assert lines[3].startswith("ok"), lines[3]  # decoded as GB18030 though nothing declares it
    with sqlite3.connect(db) as con:
        texts = [t for (t,) in con.execute("select evidence from observation_version")]
    assert texts and all("\ufffd" not in t for t in texts)
    assert any("沈阳" in t for t in texts)


def test_live_run_fails_per_source_with_a_clear_message(tmp_path):
    # No machine here reaches the news sites: each source must say so, without a traceback.
    r = cli("run", "--source", "hkcd", "--source", "lnd_epaper", "--db", f"sqlite:///{tmp_path/'live.db'}",
            tmp_path=tmp_path)
    assert r.returncode == 1, r.stdout + r.stderr
    assert "hkcd" in r.stdout and "lnd_epaper" in r.stdout
    assert "Sources that failed" in r.stdout


def test_unknown_source_is_a_usage_error(tmp_path):
    r = cli("run", "--source", "nope", "--db", f"sqlite:///{tmp_path/'x.db'}", tmp_path=tmp_path, check=2)
    assert "unknown source" in r.stderr


def test_unreachable_database_exits_3(tmp_path):
    r = cli("series", "城镇新增就业", "--db", "postgresql+psycopg://nobody@127.0.0.1:1/none", tmp_path=tmp_path, check=3)
    assert "cannot use the database" in r.stderr


def test_sources_check_through_replay_and_live(tmp_path):
    replay = FIXTURES / "replay" / "sources.warc.gz"
    ok = cli("sources", "check", "--replay", str(replay), "--date", "2026-01-15", tmp_path=tmp_path, check=0)
    lines = ok.stdout.replace("\n ", " ").splitlines()
    assert sum(": OK: " in line for line in lines) == 7, ok.stdout
    # From here no site resolves: each source must say so on its own line, exit 1.
    live = cli("sources", "check", "--live", "--source", "hkcd", "--source", "cri_ln", tmp_path=tmp_path, check=1)
    assert "hkcd: UNREACHABLE" in live.stdout and "cri_ln: UNREACHABLE" in live.stdout
    cli("sources", "check", tmp_path=tmp_path, check=2)


def test_run_since_backfills_older_list_pages(tmp_path):
    replay = str(FIXTURES / "replay" / "sources.warc.gz")
    args = ("run", "--source", "tjj_shenyang", "--date", "2026-01-15", "--replay", replay)
    daily = cli(*args, "--db", f"sqlite:///{tmp_path / 'daily.db'}", tmp_path=tmp_path)
    backfill = cli(*args, "--since", "2025-06-01", "--db", f"sqlite:///{tmp_path / 'backfill.db'}", tmp_path=tmp_path)

    def count(out, label):
        line = next(l for l in out.splitlines() if label in l)
        return int(line.split("│")[-2])

    assert count(backfill.stdout, "list pages") > count(daily.stdout, "list pages"), backfill.stdout
    assert count(backfill.stdout, "new articles") > count(daily.stdout, "new articles")
    cli(*args, "--since", "2026-02-01", "--db", f"sqlite:///{tmp_path / 'x.db'}", tmp_path=tmp_path, check=2)
