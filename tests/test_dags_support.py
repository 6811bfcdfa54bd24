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
