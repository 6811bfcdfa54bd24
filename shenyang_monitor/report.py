"""The end-of-scan summary people read: counts, failures, and the alerts the scan raised."""
from __future__ import annotations

from rich.table import Table

from .display import bullet_lines, out
from .pipeline import Tally
from .scan import ScanReport


def print_scan_report(report: ScanReport, engine, *, heading: str | None = None) -> None:
    names = ", ".join(report.sources) if len(report.sources) <= 2 else f"{len(report.sources)} sources"
    print_tally(report.tally, engine, heading=heading or f"Scan of {report.scan_date} ({names})",
                source_errors=report.source_errors)
    if report.source_errors and all("DNS lookup failed" in e for e in report.source_errors):
        out.print("No source could be reached: every DNS lookup failed. Is this machine offline? "
                  "(`shenyang-monitor demo` runs on recorded pages.)", highlight=False)


def print_tally(t: Tally, engine, *, heading: str, source_errors: list[str] = (),
                pages_label: str = "pages requested") -> None:
    fetched = sum(t.pages.values())
    table = Table(title=heading, show_header=False)
    table.add_column("what")
    table.add_column("count", justify="right")
    rows = [
        (pages_label, fetched),
        ("  new articles", t.pages.get("new", 0)),
        ("  list pages", t.pages.get("list", 0)),
        ("  unchanged", t.pages.get("unchanged", 0)),
        ("  rejected (no figures to take)", t.pages.get("rejected", 0)),
        ("  failed", t.pages.get("failed", 0)),
        ("figures extracted", t.figures),
        ("new observations", t.changes.get("new", 0)),
        ("revised", t.changes.get("revised", 0)),
        ("extractor changes", t.changes.get("extractor_change", 0)),
        ("conflicts", t.changes.get("conflict", 0)),
        ("confirmed", t.changes.get("confirmed", 0)),
        ("alerts raised", len(t.alert_ids)),
    ]
    for name, n in rows:
        table.add_row(name, str(n))
    out.print(table)
    if source_errors:
        out.print("[bold red]Sources that failed:[/]")
        bullet_lines(source_errors, style="red")
    # A page whose failure its source's message already tells is not listed twice.
    problems = [p for p in t.problems if not any(p.split(": ", 1)[0] in e for e in source_errors)]
    if problems:
        out.print("[yellow]Pages not used:[/]")
        bullet_lines(problems, style="yellow")
    print_alerts(engine, t.alert_ids)


def print_alerts(engine, alert_ids: list[int]) -> None:
    from alerts.render import render_alert
    from storage.db import session_scope
    from storage.models import Alert

    if not alert_ids:
        out.print("No new alerts.")
        return
    out.print(f"[bold]{len(alert_ids)} alert(s):[/]")
    with session_scope(engine) as session:
        for aid in alert_ids:
            out.print(render_alert(session.get(Alert, aid), session), highlight=False, markup=False)
