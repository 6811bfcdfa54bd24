"""A scan with a live display on stderr (people watching a terminal; silent in logs and pipes)."""
from __future__ import annotations

from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from .display import err
from .scan import ScanReport, run_scan


def scan_with_progress(engine, **kwargs) -> ScanReport:
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=err, transient=True) as bar:
        task = bar.add_task("crawling", total=None)

        def on_event(event, **info):
            if event == "crawl":
                bar.update(task, description=f"crawling {', '.join(info['sources'])}")
            elif event == "crawled":
                # Source failures are listed in the summary; here only the count, as it happens.
                failed = f" ({len(info['errors'])} source(s) failed)" if info["errors"] else ""
                bar.update(task, description=f"processing pages{failed}", total=info["pages"], completed=0)
            elif event == "page":
                o = info["outcome"]
                bar.update(task, advance=1, description=f"{o.status:9} {o.url[-60:]}")

        return run_scan(engine, progress=on_event, **kwargs)
