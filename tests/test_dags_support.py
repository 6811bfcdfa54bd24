"""Helpers for the Airflow tests (test_dags*.py): environments, a webhook sink, free ports, row counts.
No tests here."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DAGS = REPO / "dags"
SEEDS = REPO / "tests" / "fixtures" / "replay" / "seeds.warc.gz"
SOURCES_WARC = REPO / "tests" / "fixtures" / "replay" / "sources.warc.gz"
BIN = Path(sys.executable).parent
PG_ADMIN = os.environ.get("SHENYANG_MONITOR_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def airflow_env(home: Path, **extra) -> dict:
    """The environment of an Airflow process on its own AIRFLOW_HOME; nothing of the caller's Airflow
    or project settings leaks in. `extra` values of None remove a variable."""
    home.mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("AIRFLOW", "SHENYANG_MONITOR_"))}
    env.update({
        "AIRFLOW_HOME": str(home),
        "AIRFLOW__CORE__DAGS_FOLDER": str(DAGS),
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "AIRFLOW__CORE__UNIT_TEST_MODE": "False",
        "AIRFLOW__LOGGING__LOGGING_LEVEL": "INFO",
        "SHENYANG_MONITOR_TASK_RETRIES": "0",  # a failing source must not wait for its retries here
        "SHENYANG_MONITOR_DATA": str(home / "data"),
        "PYTHONPATH": str(REPO),
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
    })
    for k, v in extra.items():
        if v is None:
            env.pop(k, None)
        else:
            env[k] = str(v)
    return env


def migrate_airflow(home: Path, **extra) -> None:
    env = airflow_env(home, **extra)
    out = subprocess.run([str(BIN / "airflow"), "db", "migrate"], env=env, capture_output=True, text=True,
                         timeout=300)
    assert out.returncode == 0, out.stderr[-3000:]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class WebhookSink:
    """A real HTTP server on 127.0.0.1 that keeps the JSON bodies apprise's json:// posts to it."""

    def __init__(self):
        self.messages: list[dict] = []
        sink = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                sink.messages.append(json.loads(body.decode("utf-8")))
                self.send_response(200)
                self.end_headers()

            def log_message(self, *args):  # quiet
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]

    def __enter__(self):
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


def count_rows(engine) -> dict:
    """Row counts of what a scan writes, to compare before and after a re-run."""
    from sqlalchemy import text

    out = {}
    with engine.connect() as conn:
        for table in ("page", "page_version", "observation", "observation_version", "alert", "alert_delivery",
                      "source_scan"):
            out[table] = conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()
        out["run_scan"] = conn.execute(text("SELECT count(*) FROM run WHERE kind = 'scan'")).scalar_one()
        out["alerts_of_airflow_runs"] = conn.execute(text(
            "SELECT count(*) FROM alert WHERE run_id IN (SELECT id FROM run WHERE kind = 'scan')")).scalar_one()
    return out


# --- a real Airflow on PostgreSQL -----------------------------------------------------------------

def _pg_conninfo(dbname: str | None = None) -> str:
    from sqlalchemy.engine import make_url

    u = make_url(PG_ADMIN)
    parts = {"host": u.host or "127.0.0.1", "port": u.port or 5432, "dbname": dbname or u.database,
             "user": u.username, "password": u.password, "connect_timeout": 5}
    return " ".join(f"{k}={v}" for k, v in parts.items() if v)


def pg_url(dbname: str, driver: str = "postgresql+psycopg") -> str:
    from sqlalchemy.engine import make_url

    return make_url(PG_ADMIN).set(drivername=driver, database=dbname).render_as_string(hide_password=False)


def create_database(name: str) -> None:
    import psycopg

    with psycopg.connect(_pg_conninfo(), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')


def drop_database(name: str) -> None:
    import psycopg

    with psycopg.connect(_pg_conninfo(), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def query(dbname: str, sql: str, *args) -> list[tuple]:
    import psycopg

    with psycopg.connect(_pg_conninfo(dbname), autocommit=True) as conn:
        return conn.execute(sql, args).fetchall()


class AirflowStack:
    """Airflow's processes (api-server, scheduler, dag-processor, optional Celery workers) on their own
    AIRFLOW_HOME and metadata database; every process is stopped in `stop()` (call it in a finally)."""

    def __init__(self, home: Path, meta_db: str, **env_extra):
        import secrets

        self.home, self.meta_db = home, meta_db
        self.api_port = free_port()
        url = pg_url(meta_db)
        self.env = airflow_env(home, **{
            "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": url,
            "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN_ASYNC": url,  # else Airflow looks for asyncpg
            "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": f"http://127.0.0.1:{self.api_port}/execution/",
            "AIRFLOW__API__BASE_URL": f"http://127.0.0.1:{self.api_port}",
            "AIRFLOW__API__PORT": self.api_port,
            "AIRFLOW__API__HOST": "127.0.0.1",
            "AIRFLOW__API__WORKERS": 1,
            "AIRFLOW__API_AUTH__JWT_SECRET": secrets.token_hex(16),
            "AIRFLOW__CORE__PARALLELISM": 8,
            "AIRFLOW__DAG_PROCESSOR__REFRESH_INTERVAL": 5,
            "AIRFLOW__SCHEDULER__SCHEDULER_HEARTBEAT_SEC": 2,
            "AIRFLOW__LOGGING__WORKER_LOG_SERVER_PORT": free_port(),
            "AIRFLOW__SCHEDULER__ENABLE_HEALTH_CHECK": "False",
            **env_extra,
        })
        self.procs: list[tuple[str, subprocess.Popen, object]] = []
        (home / "logs").mkdir(parents=True, exist_ok=True)

    def airflow(self, *args, timeout: float = 300, env: dict | None = None) -> subprocess.CompletedProcess:
        out = subprocess.run([str(BIN / "airflow"), *args], env=env or self.env, capture_output=True, text=True,
                             timeout=timeout, cwd=self.home)
        assert out.returncode == 0, f"airflow {' '.join(args)}: {out.stderr[-3000:]}"
        return out

    def start(self, name: str, *args, **env_extra) -> None:
        env = dict(self.env, **{k: str(v) for k, v in env_extra.items()})
        log = open(self.home / "logs" / f"{name}.out", "wb")
        proc = subprocess.Popen([str(BIN / "airflow"), *args], env=env, stdout=log, stderr=subprocess.STDOUT,
                                cwd=self.home, start_new_session=True)  # its own group: stop() ends its children
        self.procs.append((name, proc, log))

    def stop(self) -> None:
        import signal

        for name, proc, log in reversed(self.procs):
            if proc.poll() is None:
                try:
                    os.killpg(proc.pid, signal.SIGTERM)
                except ProcessLookupError:
                    pass
        for name, proc, log in reversed(self.procs):
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                try:
                    os.killpg(proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                proc.wait(timeout=10)
            log.close()
        self.procs.clear()

    def logs_tail(self, n: int = 40) -> str:
        out = []
        for f in sorted((self.home / "logs").glob("*.out")):
            lines = f.read_text(errors="replace").splitlines()[-n:]
            out.append(f"== {f.name}\n" + "\n".join(lines))
        return "\n".join(out)

    def check_alive(self) -> None:
        dead = [(n, p.returncode) for n, p, _ in self.procs if p.poll() is not None]
        assert not dead, f"airflow processes exited: {dead}\n{self.logs_tail()}"

    def wait_for(self, what: str, predicate, timeout: float, every: float = 2.0):
        import time

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.check_alive()
            value = predicate()
            if value:
                return value
            time.sleep(every)
        raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}\n{self.logs_tail()}")

    def dag_run_state(self, dag_id: str, run_id: str) -> str | None:
        rows = query(self.meta_db, "SELECT state FROM dag_run WHERE dag_id = %s AND run_id = %s", dag_id, run_id)
        return rows[0][0] if rows else None

    def task_instances(self, dag_id: str, run_id: str) -> list[tuple]:
        return query(self.meta_db, "SELECT task_id, map_index, state, hostname FROM task_instance "
                                   "WHERE dag_id = %s AND run_id = %s ORDER BY task_id, map_index", dag_id, run_id)
