"""The data commands end to end (a subprocess each, as a person or a cron job runs them)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def cli(*args, check=0, env=None):
    r = subprocess.run([sys.executable, "-m", "shenyang_monitor", *args], capture_output=True, text=True, cwd=ROOT,
                       env={**os.environ, **(env or {})}, timeout=120)
    assert r.returncode == check, f"exit {r.returncode}\nSTDOUT:\n{r.stdout}\nSTDERR:\n{r.stderr}"
    assert "Traceback" not in r.stderr, r.stderr
    return r


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    """A store with the demo's two days in it, made by the real scan (upgrade() through _engine)."""
    tmp = tmp_path_factory.mktemp("cli_data")
    url = f"sqlite:///{tmp / 'monitor.db'}"
    cli("demo", "--db", url, env={"SHENYANG_MONITOR_DATA": str(tmp)})
    return url, tmp


def test_history_changes_and_export(store):
    url, tmp = store
    changes = json.loads(cli("changes", "--since", "2000-01-01", "--format", "json", "--db", url).stdout)
    assert changes and all(c["change_type"] != "confirmed" for c in changes)
    jobs = next(c for c in changes if c["indicator"] == "城镇新增就业" and c["period"] == "2025")
    hist = json.loads(cli("history", "城镇新增就业", jobs["region"], "2025", "--format", "json", "--db", url).stdout)
    assert hist[0]["value"] == jobs["value"] and hist[0]["url"] == jobs["url"] and hist[0]["evidence"]
    by_id = json.loads(cli("history", "--id", str(jobs["observation_id"]), "--format", "json", "--db", url).stdout)
    assert [r["version_id"] for r in by_id] == [r["version_id"] for r in hist]
    r = cli("history", "城镇新增就业", "沈阳", "1999", "--db", url, check=1)
    assert "no observation" in r.stderr
    assert cli("history", "--db", url, check=2).stderr.count("--id")
    assert "城镇新增就业" in cli("history", "城鎮新增就業", jobs["region"], "2025", "--db", url).stdout

    cli("export", "--format", "parquet", "-o", str(tmp / "s.parquet"), "--db", url)
    import pyarrow.parquet as pq

    table = pq.read_table(tmp / "s.parquet")
    csv_out = cli("export", "--db", url).stdout.splitlines()
    assert table.num_rows == len(csv_out) - 1 and table.num_rows > 10
    assert "城镇新增就业" in table.column("indicator").to_pylist()
    one = json.loads(cli("export", "--format", "json", "--indicator", "城镇新增就业", "--db", url).stdout)
    assert {r["indicator"] for r in one} == {"城镇新增就业"}


def test_subscriptions_and_deliver(store):
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    url, _ = store
    got = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            got.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *a):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    env = {"SHENYANG_MONITOR_CHANNELS": f"hook=json://127.0.0.1:{server.server_address[1]}/a"}
    try:
        sid = cli("subscriptions", "add", "王敏", "--channel", "hook", "--indicator", "城镇新增就业", "--db", url,
                  env=env).stdout.strip()
        cli("subscriptions", "add", "李华", "--channel", "hook", "--digest", "08:30", "--db", url, env=env)
        listed = json.loads(cli("subscriptions", "list", "--format", "json", "--db", url).stdout)
        assert [(s["analyst"], s["mode"]) for s in listed] == [("王敏", "immediate"), ("李华", "digest")]
        cli("subscriptions", "add", "x", "--channel", "hook", "--digest", "8h", "--db", url, env=env, check=2)
        # The demo's alerts are dated now (within the 7-day window); only the jobs ones match.
        out = cli("alerts", "deliver", "--batch", "1", "--db", url, env=env).stdout
        n = int(out.split(":")[1].split()[0])
        assert n == len(got) >= 1 and all("城镇新增就业" in b["title"] for b in got)
        assert cli("alerts", "deliver", "--db", url, env=env).stdout.startswith("hook: 0 sent")
        cli("subscriptions", "remove", sid, "--db", url)
        cli("subscriptions", "remove", sid, "--db", url, check=1)
        assert len(json.loads(cli("subscriptions", "list", "--format", "json", "--db", url).stdout)) == 1
        assert cli("alerts", "--since", "2000-01-01", "--format", "json", "--db", url).stdout.startswith("[")
        assert cli("alerts", "list", "--format", "json", "--db", url).stdout.startswith("[")
        cli("alerts", "deliver", "--db", url, check=2)  # no channels configured
    finally:
        server.shutdown()
        server.server_close()


def test_db_upgrade(tmp_path):
    url = f"sqlite:///{tmp_path / 'new.db'}"
    assert "revision 0004" in cli("db", "upgrade", "--db", url).stderr
    assert "revision 0004" in cli("db", "upgrade", "--db", url).stderr
    (tmp_path / "junk.db").write_text("not a database")
    assert "cannot upgrade" in cli("db", "upgrade", "--db", f"sqlite:///{tmp_path / 'junk.db'}", check=3).stderr
