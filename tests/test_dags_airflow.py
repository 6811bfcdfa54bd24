"""A real Airflow (api-server, scheduler, dag-processor; metadata on the local PostgreSQL) runs the
daily scan triggered through the CLI, over the recorded archive; then with the CeleryExecutor (Redis
broker, PostgreSQL result backend) and two Celery workers, the crawl tasks spread over both.

Each test makes its own databases (Airflow's metadata, the project's) and drops them; every process
it starts is stopped in a finally.
"""
from __future__ import annotations

import json
import subprocess
import sys
import time
import uuid

import pytest

from tests.test_dags_support import (SEEDS, SOURCES_WARC, AirflowStack, create_database, drop_database, free_port,
                                     pg_url, query)

pytestmark = [pytest.mark.slow, pytest.mark.postgres]
DAG = "shenyang_daily_scan"


@pytest.fixture
def databases():
    """(Airflow's metadata database, the project's database), created now and dropped afterwards."""
    tag = uuid.uuid4().hex[:10]
    names = (f"af_meta_{tag}", f"sm_proj_{tag}")
    for n in names:
        create_database(n)
    try:
        yield names
    finally:
        for n in names:
            drop_database(n)


def _trigger(stack: AirflowStack, logical_date: str, conf: dict) -> str:
    run_id = f"test__{uuid.uuid4().hex[:8]}"
    stack.airflow("dags", "trigger", DAG, "-l", logical_date, "-r", run_id,
                  "-c", json.dumps(conf, ensure_ascii=False), timeout=120)
    return run_id


def _wait_parsed_and_unpause(stack: AirflowStack) -> None:
    stack.wait_for("the DAG to be parsed", lambda: query(stack.meta_db, "SELECT 1 FROM dag WHERE dag_id = %s", DAG),
                   timeout=150)
    stack.airflow("dags", "unpause", DAG, timeout=120)


def _wait_done(stack: AirflowStack, run_id: str, timeout: float) -> str:
    return stack.wait_for(f"run {run_id} to finish",
                          lambda: (s := stack.dag_run_state(DAG, run_id)) in ("success", "failed") and s,
                          timeout=timeout)


def _project_counts(project_db: str) -> dict:
    return {t: query(project_db, f"SELECT count(*) FROM {t}")[0][0]
            for t in ("observation", "observation_version", "alert", "run")}


def test_a_real_airflow_runs_the_daily_scan_triggered_from_the_cli(tmp_path, databases):
    meta, project = databases
    # The project's database and the replay come from Airflow (a Connection, a Variable), not the environment.
    stack = AirflowStack(tmp_path / "airflow", meta, AIRFLOW__CORE__EXECUTOR="LocalExecutor",
                         SHENYANG_MONITOR_ARCHIVE=tmp_path / "archive")
    t0 = time.monotonic()
    try:
        stack.airflow("db", "migrate")
        stack.airflow("connections", "add", "shenyang_monitor_db", "--conn-uri", pg_url(project, "postgresql"))
        stack.airflow("variables", "set", "shenyang_monitor_replay", json.dumps([str(SEEDS)]))
        stack.start("api-server", "api-server", "--port", str(stack.api_port))
        stack.start("scheduler", "scheduler")
        stack.start("dag-processor", "dag-processor")
        _wait_parsed_and_unpause(stack)
        run_id = _trigger(stack, "2025-01-20T22:00:00+00:00",  # 06:00 in Shanghai, 2025-01-21
                          {"sources": ["lnd_epaper"]})
        state = _wait_done(stack, run_id, timeout=240)
        tis = stack.task_instances(DAG, run_id)
        import urllib.request

        with urllib.request.urlopen(f"http://127.0.0.1:{stack.api_port}/api/v2/monitor/health", timeout=10) as r:
            health = json.loads(r.read())
    finally:
        stack.stop()
    print(f"real Airflow (LocalExecutor): {time.monotonic() - t0:.0f} s from migrate to stop")
    assert state == "success", tis
    assert {t[0] for t in tis} == {"sources", "open_run", "crawl", "process", "deliver", "report"}
    assert all(t[2] == "success" for t in tis), tis
    assert health["metadatabase"]["status"] == "healthy"
    counts = _project_counts(project)
    assert counts["observation"] > 0 and counts["alert"] > 0 and counts["run"] == 1
    assert query(project, "SELECT status, scan_date::text FROM run")[0] == ("ok", "2025-01-21")


HOSTNAME_MODULE = '''
import os


def name():
    """The worker's name as its task instances' hostname (two workers share this machine)."""
    return os.environ["SHENYANG_TEST_WORKER"]
'''


def test_celery_workers_share_the_crawls(tmp_path, databases):
    meta, project = databases
    (tmp_path / "hostname_of_worker.py").write_text(HOSTNAME_MODULE, encoding="utf-8")
    redis_db = 5
    import redis

    broker = redis.Redis(host="127.0.0.1", port=6379, db=redis_db)
    broker.flushdb()  # our own db number: nothing of another test's queue
    stack = AirflowStack(
        tmp_path / "airflow", meta,
        AIRFLOW__CORE__EXECUTOR="CeleryExecutor",
        AIRFLOW__CELERY__BROKER_URL=f"redis://127.0.0.1:6379/{redis_db}",
        AIRFLOW__CELERY__RESULT_BACKEND="db+" + pg_url(meta),
        AIRFLOW__CELERY__WORKER_CONCURRENCY=2,
        AIRFLOW__CELERY__WORKER_PREFETCH_MULTIPLIER=1,
        SHENYANG_MONITOR_DB=pg_url(project), SHENYANG_MONITOR_ARCHIVE=tmp_path / "archive")
    stack.env["PYTHONPATH"] = f"{stack.env['PYTHONPATH']}:{tmp_path}"
    probe = subprocess.run([sys.executable, "-c", "import airflow.providers.celery.executors.celery_executor"],
                           env=stack.env, capture_output=True, text=True, timeout=120)
    if probe.returncode != 0:  # say why the workers cannot start, instead of a timeout later
        pytest.fail("the CeleryExecutor cannot be imported with the installed versions (requirements.lock): "
                    + probe.stderr.strip().splitlines()[-1], pytrace=False)
    t0 = time.monotonic()
    try:
        stack.airflow("db", "migrate")
        stack.start("api-server", "api-server", "--port", str(stack.api_port))
        stack.start("scheduler", "scheduler")
        stack.start("dag-processor", "dag-processor")
        for w in ("worker1", "worker2"):
            stack.start(w, "celery", "worker", "--celery-hostname", f"{w}@%h", "--concurrency", "2",
                        SHENYANG_TEST_WORKER=w, AIRFLOW__CORE__HOSTNAME_CALLABLE="hostname_of_worker.name",
                        AIRFLOW__LOGGING__WORKER_LOG_SERVER_PORT=free_port())
        for w in ("worker1", "worker2"):  # both must be consuming before the crawls are queued
            stack.wait_for(f"{w} to be ready", lambda: " ready." in (stack.home / "logs" / f"{w}.out").read_text(
                errors="replace"), timeout=120)
        _wait_parsed_and_unpause(stack)
        # Every configured source, replayed from their recorded fixtures (tests/fixtures/build_sources.py).
        run_id = _trigger(stack, "2026-01-14T22:00:00+00:00", {"replay": [str(SOURCES_WARC)]})
        state = _wait_done(stack, run_id, timeout=300)
        tis = stack.task_instances(DAG, run_id)
    finally:
        stack.stop()
        broker.flushdb()
    print(f"Celery (2 workers): {time.monotonic() - t0:.0f} s from migrate to stop; task instances: {tis}")
    crawls = [t for t in tis if t[0] == "crawl"]
    assert len(crawls) == 7 and all(t[2] == "success" for t in crawls), tis
    assert {t[3] for t in crawls} == {"worker1", "worker2"}, f"crawls ran on {[t[3] for t in crawls]}"
    assert {t[2] for t in tis if t[0] in ("process", "deliver")} == {"success"}, tis
    assert state == "success", tis
    assert _project_counts(project)["observation"] > 0
