"""The DAGs: they import fast and clean, and `dag.test()` of the daily scan over the recorded archive
puts the figures and alerts into the project's database, idempotently, and fails visibly (and tells
the alert channels) when a source fails.

Airflow runs in subprocesses with their own AIRFLOW_HOME (set before airflow is imported), so that
nothing of Airflow's configuration leaks into other tests.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.test_dags_support import (DAGS, SEEDS, WebhookSink, airflow_env, count_rows, migrate_airflow)

DAG_FILES = sorted(p for p in DAGS.glob("*.py") if not p.name.startswith("_"))
HEAVY = ("scrapy", "twisted", "trafilatura", "jieba", "sqlmodel", "opencc", "apprise", "warcio",
         "shenyang_monitor", "crawlers", "extract", "storage", "alerts")

IMPORT_PROBE = textwrap.dedent("""
    import importlib.util, json, sys, time
    sys.path.insert(0, sys.argv[2])
    import pendulum  # airflow's own dependencies are already importable: not what is measured
    from airflow.sdk import CronTriggerTimetable, Param, dag, get_current_context, task  # noqa: F401
    before = set(sys.modules)
    t = time.perf_counter()
    spec = importlib.util.spec_from_file_location("dag_under_test", sys.argv[1])
    spec.loader.exec_module(importlib.util.module_from_spec(spec))
    elapsed = time.perf_counter() - t
    heavy = sorted({m.split('.')[0] for m in set(sys.modules) - before} & set(sys.argv[3].split(',')))
    print(json.dumps({"seconds": elapsed, "heavy": heavy}))
""")


def test_there_are_the_three_dags():
    assert {p.stem for p in DAG_FILES} == {"shenyang_daily_scan", "shenyang_reprocess", "shenyang_alert_digest"}


@pytest.mark.parametrize("path", DAG_FILES, ids=lambda p: p.stem)
def test_a_dag_file_imports_in_under_a_second_without_the_pipeline(path, tmp_path):
    env = airflow_env(tmp_path / "airflow")
    out = subprocess.run([sys.executable, "-c", IMPORT_PROBE, str(path), str(DAGS), ",".join(HEAVY)],
                         env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-3000:]
    probe = json.loads(out.stdout.strip().splitlines()[-1])
    assert probe["heavy"] == [], f"{path.name} imports {probe['heavy']} at parse time"
    assert probe["seconds"] < 1.0, f"{path.name} took {probe['seconds']:.2f} s to import"


DAGBAG_PROBE = textwrap.dedent("""
    import json, sys
    from airflow.dag_processing.dagbag import DagBag
    bag = DagBag(dag_folder=sys.argv[1])
    scan = bag.dags["shenyang_daily_scan"]
    t = scan.timetable
    print(json.dumps({
        "errors": {k: str(v)[-500:] for k, v in bag.import_errors.items()},
        "dags": sorted(bag.dag_ids),
        "cron": t.expression, "tz": str(t.timezone),
        "tasks": sorted(scan.task_dict),
        "mapped": sorted(k for k, v in scan.task_dict.items() if "MappedOperator" in type(v).__name__),
        "crawl_retries": scan.task_dict["crawl"].partial_kwargs.get("retries"),
        "trigger_rules": {k: getattr(scan.task_dict[k].trigger_rule, "value", scan.task_dict[k].trigger_rule) for k in ("process", "deliver", "report")},
        "callback": bool(scan.task_dict["process"].on_failure_callback),
        "reprocess_params": sorted(bag.dags["shenyang_reprocess"].params),
        "digest_schedule": bag.dags["shenyang_alert_digest"].timetable.expression,
    }))
""")


def test_the_dagbag_has_no_import_errors_and_the_daily_scan_is_shaped_as_asked(tmp_path):
    env = airflow_env(tmp_path / "airflow", SHENYANG_MONITOR_TASK_RETRIES=None)
    out = subprocess.run([sys.executable, "-c", DAGBAG_PROBE, str(DAGS)], env=env, capture_output=True,
                         text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-3000:]
    bag = json.loads(out.stdout.strip().splitlines()[-1])
    assert bag["errors"] == {}
    assert bag["dags"] == ["shenyang_alert_digest", "shenyang_daily_scan", "shenyang_reprocess"]
    assert bag["cron"] == "0 6 * * *" and bag["tz"] == "Asia/Shanghai"
    assert bag["tasks"] == ["crawl", "deliver", "open_run", "process", "report", "sources"]
    assert bag["mapped"] == ["crawl"] and bag["crawl_retries"] == 2
    assert set(bag["trigger_rules"].values()) == {"all_done"}
    assert bag["callback"]
    assert bag["reprocess_params"] == ["since", "sources", "until"]
    assert bag["digest_schedule"]


DAG_TEST_SCRIPT = textwrap.dedent("""
    import json, sys
    import pendulum
    from airflow.dag_processing.dagbag import DagBag

    bag = DagBag(dag_folder=sys.argv[1])
    assert not bag.import_errors, bag.import_errors
    for run in json.loads(sys.argv[2]):
        dag = bag.dags[run.get("dag", "shenyang_daily_scan")]
        dr = dag.test(logical_date=pendulum.parse(run["logical_date"]), run_conf=run.get("conf"))
        tis = {f"{ti.task_id}[{ti.map_index}]" if ti.map_index >= 0 else ti.task_id: str(ti.state)
               for ti in dr.get_task_instances()}
        print("RESULT " + json.dumps({"state": str(dr.state), "tis": tis}), flush=True)
""")


def _dag_test(home: Path, runs: list[dict], **env_extra) -> list[dict]:
    env = airflow_env(home, **env_extra)
    out = subprocess.run([sys.executable, "-c", DAG_TEST_SCRIPT, str(DAGS), json.dumps(runs)], env=env,
                         capture_output=True, text=True, timeout=400, cwd=home)
    results = [json.loads(line[7:]) for line in out.stdout.splitlines() if line.startswith("RESULT ")]
    assert out.returncode == 0 and len(results) == len(runs), (out.stdout[-2000:], out.stderr[-5000:])
    return results


@pytest.mark.slow
def test_the_daily_scan_over_the_replay_archive_records_figures_and_alerts_once(tmp_path):
    from alerts.subscriptions import add_subscription
    from storage.db import make_engine, session_scope, upgrade

    home = tmp_path / "airflow"
    migrate_airflow(home)
    db_url = f"sqlite:///{tmp_path / 'monitor.db'}"
    engine = make_engine(db_url)
    upgrade(engine=engine)
    now = datetime.now(timezone.utc)
    shanghai_now = now.astimezone(ZoneInfo("Asia/Shanghai"))
    with session_scope(engine) as session:  # an analyst who wants every alert on the webhook at once,
        add_subscription(session, "analyst@example.org", "hook")
        # and one who wants a daily digest at a time whose next digest covers the alerts made now
        add_subscription(session, "chief@example.org", "hook", mode="digest",
                         digest_time=(shanghai_now - timedelta(hours=1)).strftime("%H:%M"))
    replay = {"replay": [str(SEEDS)]}
    with WebhookSink() as hook:
        env = dict(SHENYANG_MONITOR_DB=db_url, SHENYANG_MONITOR_ARCHIVE=str(tmp_path / "archive"),
                   SHENYANG_MONITOR_CHANNELS=f"hook=json://127.0.0.1:{hook.port}/alerts")
        day1 = {"logical_date": "2025-01-21T06:00:00+08:00", "conf": {"sources": ["lnd_epaper"], **replay}}
        day2 = {"logical_date": "2026-01-15T06:00:00+08:00", "conf": {"sources": ["hkcd"], **replay}}
        first = _dag_test(home, [day1, day2], **env)
        after_two_days = count_rows(engine)
        alert_messages = len(hook.messages)
        again = _dag_test(home, [day1], **env)  # the same logical date again
        after_rerun = count_rows(engine)
        # A source that is not in the archive fails; the other one is still processed.
        broken = {"logical_date": "2025-01-21T09:00:00+08:00",
                  "conf": {"sources": ["lnd_epaper", "tjj_shenyang"], **replay}}
        today = shanghai_now.date().isoformat()
        reprocess = {"dag": "shenyang_reprocess", "logical_date": now.isoformat(),
                     "conf": {"since": today, "until": today, "sources": ["lnd_epaper"]}}
        digest = {"dag": "shenyang_alert_digest", "logical_date": (now + timedelta(days=1)).isoformat()}
        failed, reprocessed, digested = _dag_test(home, [broken, reprocess, digest], **env)
        messages = list(hook.messages)

    for result in first + again:
        assert result["state"] == "success", result
    assert after_two_days["observation"] > 0 and after_two_days["alert"] > 0
    assert after_two_days["alert"] == after_two_days["alerts_of_airflow_runs"]
    assert after_two_days["run_scan"] == 2
    assert after_rerun == after_two_days, "re-running a logical date changed the project's database"
    assert alert_messages > 0 and any("沈阳" in m["message"] or "瀋陽" in m["message"]
                                      for m in messages[:alert_messages])

    tis = failed["tis"]
    assert failed["state"] == "failed"
    assert tis["crawl[0]"] == "success" and tis["crawl[1]"] == "failed"
    assert tis["process"] == "success" and tis["deliver"] == "success" and tis["report"] == "failed"
    assert reprocessed["state"] == "success" and digested["state"] == "success", (reprocessed, digested)
    assert any(m["title"].startswith("沈阳指标监测日报") for m in messages), [m["title"] for m in messages]
    failure_texts = [m["message"] for m in messages[alert_messages:]]
    assert any("shenyang_daily_scan.crawl[1]" in t and "tjj_shenyang" in t for t in failure_texts), failure_texts
    assert any("shenyang_daily_scan.report" in t for t in failure_texts), failure_texts
    with session_scope(engine) as session:
        from sqlmodel import select

        from storage.models import Run

        run = session.exec(select(Run).where(Run.kind == "scan").order_by(Run.id.desc())).first()
        assert run.status == "failed"
        assert {f["task_id"] for f in run.stats["task_failures"]} == {"crawl", "report"}
        assert run.stats["airflow_per_source"]["lnd_epaper"]["pages"]  # what arrived was processed
        again = session.exec(select(Run).where(Run.kind == "reprocess")).one()
        assert again.status == "ok" and again.stats["until"] and again.sources == ["lnd_epaper"]
    engine.dispose()
