"""`demo`: two recorded days replayed through the real scan, offline."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from . import config
from .display import out
from .progress import scan_with_progress
from .report import print_scan_report


@dataclass(frozen=True)
class DemoDay:
    scan_date: date
    sources: tuple[str, ...]
    what: str


# The recorded copy (tests/fixtures/replay/) holds each site's list page of that day and its articles.
DAYS = (
    DemoDay(date(2025, 1, 21), ("lnd_epaper",), "辽宁日报 e-paper, 2024 figures, simplified"),
    DemoDay(date(2026, 1, 15), ("hkcd",), "香港商報, 2025 figures, traditional"),
)


def run_demo(engine, replay=None) -> int:
    """Run the demo days in order; returns the exit code (0 when every day's scan went well)."""
    archive = replay or config.DEMO_REPLAY
    if not archive.exists():
        out.print(f"[red]The recorded archive is missing: {archive}[/] (it ships with the repository).")
        return 1
    worst = 0
    for n, day in enumerate(DAYS, 1):
        out.rule(f"Day {n} · {day.scan_date} · {day.what}")
        report = scan_with_progress(engine, source_ids=list(day.sources), scan_date=day.scan_date, replay=[archive])
        print_scan_report(report, engine, heading=f"Day {n}: what the scan did")
        worst = max(worst, report.exit_code)
    out.rule()
    out.print("Data: the database given by --db (default data/monitor.db) and the WARC files in "
              f"{config.archive_dir()}/. Run the demo again: nothing is new, so no alert is raised.")
    return worst
