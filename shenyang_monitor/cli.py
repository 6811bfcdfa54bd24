"""`shenyang-monitor`: a thin command layer over the library (crawlers, extract, storage, alerts).

Exit codes: 0 done; 1 done in part (a source, page or file failed; what succeeded is kept);
2 bad usage; 3 the database could not be reached.
"""
from __future__ import annotations

import logging
import sys
from datetime import date, datetime, timezone
from pathlib import Path

import click

from . import config
from .display import emit

EXIT_PARTIAL, EXIT_USAGE, EXIT_DB = 1, 2, 3
CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}

db_option = click.option("--db", "db_url", metavar="URL", default=None,
                         help="Database URL (default: $SHENYANG_MONITOR_DB or sqlite:///data/monitor.db).")


def _engine(db_url):
    """An engine with the schema migrated to the latest revision, or exit 3 with a clear message."""
    from storage.db import database_url, make_engine, upgrade

    url = database_url(db_url)
    try:
        engine = make_engine(url)
        upgrade(engine=engine)  # Alembic: an older store gains the new tables and columns, rows kept
    except Exception as exc:  # any driver error: say which database and why, no traceback
        click.echo(f"error: cannot use the database {url}: {exc}", err=True)
        sys.exit(EXIT_DB)
    return engine


def _parse_date(value: str | None, name: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"expected YYYY-MM-DD, got {value!r}", param_hint=name)


def _parse_time(value: str | None, name: str) -> datetime | None:
    """A date or datetime given by a person, read in Asia/Shanghai, returned in UTC."""
    if value is None:
        return None
    try:
        ts = datetime.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"expected YYYY-MM-DD or YYYY-MM-DDTHH:MM, got {value!r}", param_hint=name)
    if ts.tzinfo is None:
        ts = ts.replace(tzinfo=config.SHANGHAI)
    return ts.astimezone(timezone.utc)


@click.group(context_settings=CONTEXT)
@click.option("-v", "--verbose", count=True, help="More log detail on stderr (-vv for debug).")
def cli(verbose: int) -> None:
    """Shenyang indicator monitor: figures from Shenyang's reports as versioned time series, with alerts.

    \b
    Examples:
      shenyang-monitor demo                       # two recorded days, offline
      shenyang-monitor run                        # today's scan of every enabled source
      shenyang-monitor series 地区生产总值 --format csv
      shenyang-monitor alerts --since 2026-01-01
    """
    level = logging.WARNING - 10 * verbose
    logging.basicConfig(level=max(level, logging.DEBUG), stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")


@cli.command(context_settings=CONTEXT)
@click.option("--source", "sources", multiple=True, metavar="ID", help="Only this source (repeatable).")
@click.option("--date", "scan_date", metavar="YYYY-MM-DD", help="The scan date (default: today in Asia/Shanghai).")
@click.option("--since", "since", metavar="YYYY-MM-DD",
              help="Backfill: follow list pages back to this date (default: only what is new).")
@click.option("--replay", multiple=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              metavar="WARC", help="Answer requests from this WARC archive instead of the network (repeatable).")
@db_option
def run(sources, scan_date, since, replay, db_url) -> None:
    """One scan: crawl → archive → clean → extract → record → alert.

    Prints a summary (pages fetched / new / unchanged / failed, figures, new and revised
    observations, alerts) and exits 1 if any source or page failed; what succeeded is kept.

    \b
    Examples:
      shenyang-monitor run
      shenyang-monitor run --source tjj_shenyang --source hkcd
      shenyang-monitor run --source tjj_shenyang --since 2025-01-01     # backfill older list pages
      shenyang-monitor run --source hkcd --date 2026-01-15 --replay tests/fixtures/replay/seeds.warc.gz
    """
    from .progress import scan_with_progress
    from .report import print_scan_report

    engine = _engine(db_url)
    day = _parse_date(scan_date, "--date") or config.today_shanghai()
    try:
        report = scan_with_progress(engine, source_ids=list(sources) or None, scan_date=day, replay=list(replay),
                                    since=_parse_date(since, "--since"))
    except ValueError as exc:
        raise click.UsageError(str(exc))
    print_scan_report(report, engine)
    sys.exit(report.exit_code)


@cli.command(context_settings=CONTEXT)
@db_option
def demo(db_url) -> None:
    """Two daily scans over the recorded seed articles, offline, then the alerts.

    Day one replays the Liaoning Daily e-paper (2024 figures, simplified characters); day two the
    Hong Kong Commercial Daily (2025 figures, traditional characters). Run it twice: the second
    time nothing is new, so no alert is raised.

    \b
    Example:
      shenyang-monitor demo
      shenyang-monitor demo --db sqlite:///tmp/demo.db
    """
    from .demo import run_demo

    engine = _engine(db_url)
    sys.exit(run_demo(engine))


@cli.command(context_settings=CONTEXT)
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--source", "source_id", required=True, metavar="ID", help="The source these pages come from.")
@click.option("--url", metavar="URL", help="The page's address (for one HTML file).")
@click.option("--published", metavar="YYYY-MM-DD", help="Publication date when the page does not state it.")
@db_option
def ingest(paths, source_id, url, published, db_url) -> None:
    """Process saved HTML files or WARC archives without crawling.

    Each file is archived, cleaned, extracted and recorded like a crawled page. A file that cannot be
    used (empty, binary, undecodable) gets a message and the others go on; exit 1 if any failed.

    \b
    Examples:
      shenyang-monitor ingest report.html --source tjj_shenyang --url https://tjj.shenyang.gov.cn/sjfb/sqfx/202408/t20240823_4721012.html
      shenyang-monitor ingest crawl.warc.gz --source hkcd
    """
    from .ingest import ingest_paths

    engine = _engine(db_url)
    try:
        results = ingest_paths(engine, paths, source_id=source_id, url=url,
                               published=_parse_date(published, "--published"))
    except ValueError as exc:
        raise click.UsageError(str(exc))
    failed = 0
    for r in results:
        mark = {"new": "ok", "unchanged": "unchanged", "list": "list page"}.get(r.status, r.status)
        line = f"{mark:9} {r.path}"
        if r.url and str(r.path) != r.url:
            line += f" ({r.url})"
        if r.status == "new":
            line += f": {r.figures} figures, {r.alerts} alerts"
        if r.detail:
            line += f": {r.detail}"
        click.echo(line)
        failed += r.status in ("failed", "rejected")
    sys.exit(EXIT_PARTIAL if failed else 0)


@cli.command(context_settings=CONTEXT)
@click.option("--since", metavar="DATE", help="Only pages fetched since this time (Asia/Shanghai).")
@click.option("--until", metavar="DATE", help="Only pages fetched before this time (Asia/Shanghai).")
@click.option("--source", "sources", multiple=True, metavar="ID", help="Only this source (repeatable).")
@db_option
def reprocess(since, until, sources, db_url) -> None:
    """Clean, extract and record archived pages again with the current extractor; nothing is fetched.

    Pages already recorded by this extractor version are left alone. A value the new extractor reads
    differently is recorded as an extractor change, not as a revision by the source.

    \b
    Examples:
      shenyang-monitor reprocess
      shenyang-monitor reprocess --since 2026-01-01 --source hkcd
    """
    from .reprocess import reprocess as run_reprocess
    from .report import print_tally

    engine = _engine(db_url)
    try:
        tally = run_reprocess(engine, since=_parse_time(since, "--since"), until=_parse_time(until, "--until"),
                              source_ids=list(sources) or None)
    except ValueError as exc:
        raise click.UsageError(str(exc))
    if not tally.pages:
        from extract import EXTRACTOR_VERSION

        click.echo(f"Nothing to reprocess: every archived article was already read by extractor {EXTRACTOR_VERSION}.")
        return
    print_tally(tally, engine, heading="Reprocessed from the archive", pages_label="pages read from the archive")
    sys.exit(EXIT_PARTIAL if tally.pages.get("failed") else 0)


@cli.command(context_settings=CONTEXT)
@click.option("--format", "fmt", type=click.Choice(["jsonl"]), default="jsonl", show_default=True)
@click.argument("file", required=False, default="-", type=click.File("r", encoding="utf-8"))
def extract(fmt, file) -> None:
    """Figures from documents: JSON lines in, one JSON line per figure out (../shared/eval/README.md).

    Input lines: {"id", "text", "published", "url", "title"}; FILE or standard input ("-").

    \b
    Example:
      echo '{"id":"a","text":"2025年全市城镇新增就业15万人。","published":"2026-01-15"}' | shenyang-monitor extract --format jsonl
    """
    from extract.contract import extract_jsonl

    extract_jsonl(file, sys.stdout)


@cli.command(context_settings=CONTEXT)
@click.argument("indicator")
@click.option("--region", metavar="R", help="Only this region (沈阳, 辽宁, 铁西区, …).")
@click.option("--as-of", "as_of", metavar="DATE", help="What was known at this time (Asia/Shanghai).")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@db_option
def series(indicator, region, as_of, fmt, db_url) -> None:
    """An indicator's time series: one row per region, kind and period, with its source.

    INDICATOR is a name or alias, in simplified or traditional characters.

    \b
    Examples:
      shenyang-monitor series 城镇新增就业
      shenyang-monitor series 空氣優良天數 --region 沈阳 --format csv
      shenyang-monitor series 地区生产总值 --as-of 2025-03-01 --format json
    """
    from storage.db import session_scope
    from storage.queries import series_latest

    engine = _engine(db_url)
    with session_scope(engine) as session:
        rows = series_latest(session, indicator, region=region, as_of=_parse_time(as_of, "--as-of"))
        data = [_row_dict(r, fmt) for r in rows]
    if not data:
        click.echo(f"no figures recorded for {indicator}" + (f" in {region}" if region else ""), err=True)
    columns = (["indicator", "region", "kind", "period", "value", "unit", "qualifier", "source", "published", "recorded"]
               if fmt == "table" else None)
    emit(data, fmt, title=f"{indicator}" + (f" · {region}" if region else ""), columns=columns)


def _row_dict(point, fmt: str) -> dict:
    """A series point as people (table) or programs (csv, json) want it."""
    d = point.as_dict()
    if fmt == "table":
        d.update(unit=point.value_unit, source=point.publisher, published=config.shanghai_str(point.published),
                 recorded=config.shanghai_str(point.recorded_at),
                 value=figure_text(point) + (" ⚠ conflict" if point.in_conflict else ""))
    return d


def figure_text(row) -> str:
    """A row's value for a table: 4439.2, or a range's bounds 5–8 (qualifier "range", storage/models.py)."""
    return _value_text(row.value, row.qualifier, row.low, row.high)


def old_figure_text(row) -> str:
    """figure_text of the report a change replaced (storage.history.ChangeRow's old_* columns)."""
    return _value_text(row.old_value, row.old_qualifier, row.old_low, row.old_high)


def _value_text(value: float, qualifier: str | None, low: float | None, high: float | None) -> str:
    if qualifier == "range" and low is not None and high is not None:
        return f"{low:g}–{high:g}"
    return f"{value:g}"


@cli.group(context_settings=CONTEXT, invoke_without_command=True)
@click.option("--since", metavar="DATE", help="Only alerts raised since this time (Asia/Shanghai).")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@db_option
@click.pass_context
def alerts(ctx, since, fmt, db_url) -> None:
    """Alerts raised: new figures, revisions, conflicts between sources, moves beyond a threshold,
    source health. Without a subcommand: list them (as `alerts list`).

    \b
    Examples:
      shenyang-monitor alerts
      shenyang-monitor alerts --since 2026-01-15 --format json
      shenyang-monitor alerts deliver
      shenyang-monitor alerts digest
    """
    if ctx.invoked_subcommand is None:
        _list_alerts(since, fmt, db_url)


@alerts.command("list", context_settings=CONTEXT)
@click.option("--since", metavar="DATE", help="Only alerts raised since this time (Asia/Shanghai).")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@db_option
def alerts_list(since, fmt, db_url) -> None:
    """List the alerts raised (the default of `alerts`).

    \b
    Examples:
      shenyang-monitor alerts list
      shenyang-monitor alerts list --since 2026-01-15 --format json
    """
    _list_alerts(since, fmt, db_url)


def _list_alerts(since, fmt, db_url) -> None:
    from alerts.render import alert_dict, render_alert
    from storage.db import session_scope
    from storage.queries import alerts_since

    from .display import dumps, out

    engine = _engine(db_url)
    with session_scope(engine) as session:
        found = alerts_since(session, _parse_time(since, "--since"))
        if fmt == "json":
            click.echo(dumps([alert_dict(a, session) for a in found]))
            return
        if not found:
            click.echo("no alerts", err=True)
        for a in found:
            out.print(render_alert(a, session), highlight=False, markup=False)


@cli.group(context_settings=CONTEXT, invoke_without_command=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.pass_context
def sources(ctx, fmt) -> None:
    """The configured sources (crawlers/sources.toml); `sources check` tests their selectors.

    \b
    Examples:
      shenyang-monitor sources
      shenyang-monitor sources --format json
      shenyang-monitor sources check --live
    """
    if ctx.invoked_subcommand is not None:
        return
    from crawlers.sources import load_sources

    rows = [{"id": s.id, "publisher": s.publisher, "authority": s.authority, "region": s.region,
             "enabled": s.enabled, "start_urls": " ".join(s.start_urls)} for s in load_sources()]
    emit(rows, fmt, title="Sources")


@sources.command("check", context_settings=CONTEXT)
@click.option("--live", is_flag=True, help="Fetch from the sites themselves.")
@click.option("--replay", multiple=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              metavar="WARC", help="Check against recorded pages instead (repeatable).")
@click.option("--source", "source_ids", multiple=True, metavar="ID", help="Only this source (repeatable).")
@click.option("--date", "scan_date", metavar="YYYY-MM-DD", help="Date for dated list pages (default: today, Shanghai).")
def sources_check(live, replay, source_ids, scan_date) -> None:
    """Do the configured selectors still find links, a date and a body? One list page and one article
    per source. Exit 1 when any source is unreachable or its selectors find nothing.

    \b
    Examples:
      shenyang-monitor sources check --live
      shenyang-monitor sources check --live --source hkcd
      shenyang-monitor sources check --replay tests/fixtures/replay/sources.warc.gz --date 2026-01-15
    """
    from crawlers.check import check_sources

    from .display import out

    if live == bool(replay):
        raise click.UsageError("say where to check: --live (the sites) or --replay WARC (recorded pages)")
    try:
        checks = check_sources(list(source_ids) or None, replay=list(replay) or None,
                               scan_date=_parse_date(scan_date, "--date"))
    except ValueError as exc:
        raise click.UsageError(str(exc))
    for c in checks:
        style = "green" if c.ok else ("red" if not c.reachable else "yellow")
        out.print(str(c), style=style, highlight=False, markup=False)
    sys.exit(0 if all(c.ok for c in checks) else EXIT_PARTIAL)


def main() -> None:
    cli(prog_name="shenyang-monitor")


# Commands on the stored data (history, changes, subscriptions, export, db, deliveries) live in their
# own module; importing it registers them on `cli`.
from . import cli_data  # noqa: E402,F401
