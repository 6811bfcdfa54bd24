"""The DAGs: they import fast and clean, and `dag.test()` of the daily scan over the recorded archive
puts the figures and alerts into the project's database, idempotently, and fails visibly (and tells
the alert channels) when a source fails.

Airflow runs in subprocesses with their own AIRFLOW_HOME (set before airflow is imported), so that
nothing of Airflow's configuration leaks into other tests.
"""
from __future__ import annotations

import json
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
        "cron": t.expression, "tz": str(t.timezone), "run_immediately": str(t.run_immediately),
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
    # (no scan at unpause time: Airflow's default would start one when unpaused between 06:00 and 08:24)
    assert bag["run_immediately"] == "0:00:00", bag["run_immediately"]
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
        sys.stdin.readline()  # the test looks at the databases before the next run starts
""")


def _dag_test(home: Path, runs: list[dict], on_result=lambda i, result: None, **env_extra) -> list[dict]:
    """dag.test() of each run in order, in one Airflow process; `on_result(i, result)` is called
    after run i, before run i+1 starts."""
    env = airflow_env(home, **env_extra)
    results = []
    with open(home / "dag_test.err", "w+", encoding="utf-8") as err:
        proc = subprocess.Popen([sys.executable, "-c", DAG_TEST_SCRIPT, str(DAGS), json.dumps(runs)], env=env,
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=err, text=True, cwd=home)
        try:
            for line in proc.stdout:
                if line.startswith("RESULT "):
                    results.append(json.loads(line[7:]))
                    on_result(len(results) - 1, results[-1])
                    proc.stdin.write("\n")
                    proc.stdin.flush()
            code = proc.wait(timeout=60)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        err.seek(0)
        assert code == 0 and len(results) == len(runs), err.read()[-5000:]
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
        # A source that is not in the archive fails; the other one is still processed.
        broken = {"logical_date": "2025-01-21T09:00:00+08:00",
                  "conf": {"sources": ["lnd_epaper", "tjj_shenyang"], **replay}}
        today = shanghai_now.date().isoformat()
        reprocess = {"dag": "shenyang_reprocess", "logical_date": now.isoformat(),
                     "conf": {"since": today, "until": today, "sources": ["lnd_epaper"]}}
        digest = {"dag": "shenyang_alert_digest", "logical_date": (now + timedelta(days=1)).isoformat()}
        seen = {}

        def look(i, result):
            seen[i] = (count_rows(engine), len(hook.messages))

        # day one, day two, day one again (the same logical date), a broken run, reprocess, digests
        first_day, second_day, again, failed, reprocessed, digested = _dag_test(
            home, [day1, day2, day1, broken, reprocess, digest], on_result=look, **env)
        after_two_days, alert_messages = seen[1]
        after_rerun = seen[2][0]
        messages = list(hook.messages)

    for result in (first_day, second_day, again):
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
