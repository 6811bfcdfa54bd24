"""Commands over the stored series and alerts, registered on the main `cli` group: history, changes,
alerts deliver / digest, subscriptions, export, db upgrade. Data to stdout, messages to stderr."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from .cli import CONTEXT, EXIT_DB, EXIT_PARTIAL, EXIT_USAGE, _engine, _parse_time, alerts, cli, db_option, figure_text, old_figure_text
from . import config


def _emit(rows, fmt, **kw):
    from .display import emit

    emit(rows, fmt, **kw)


def _local(ts) -> str:
    return config.shanghai_str(ts)


# ---------------------------------------------------------------- history

@cli.command(context_settings=CONTEXT)
@click.argument("indicator", required=False)
@click.argument("region", required=False)
@click.argument("period", required=False)
@click.option("--id", "observation_id", type=int, metavar="N", help="The observation's id (instead of the three).")
@click.option("--kind", type=click.Choice(["level", "growth", "share", "change_pp", "rank"]),
              help="Only this kind of series (when the indicator has a level and a rate).")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@db_option
def history(indicator, region, period, observation_id, kind, fmt, db_url) -> None:
    """The revision log of one observation: every report, who said it when, when it was the value
    of record, and the sentence it came from.

    Name the observation by INDICATOR REGION PERIOD (a name or alias in either script; a period as
    2025, 2025H1, 2025Q1-Q3, 2025-07) or by --id. Exit 1 when nothing matches.

    \b
    Examples:
      shenyang-monitor history 地区生产总值 沈阳 2024
      shenyang-monitor history 地區生產總值 沈阳 2025Q1-Q3 --kind growth
      shenyang-monitor history --id 42 --format json
    """
    from storage.db import session_scope
    from storage.history import find_observations
    from storage.models import Observation, Series
    from storage.queries import observation_history

    if observation_id is None and not (indicator and period):
        raise click.UsageError("give INDICATOR REGION PERIOD, or --id N")
    engine = _engine(db_url)
    with session_scope(engine) as session:
        if observation_id is not None:
            obs = session.get(Observation, observation_id)
            found = [] if obs is None else [(obs, session.get(Series, obs.series_id))]
        else:
            try:
                found = find_observations(session, indicator, region, period, kind)
            except ValueError as exc:
                raise click.BadParameter(str(exc), param_hint="PERIOD")
        if not found:
            what = f"observation {observation_id}" if observation_id is not None else f"{indicator} · {region} · {period}"
            click.echo(f"no observation {what}", err=True)
            sys.exit(EXIT_PARTIAL)
        rows = []
        for obs, series in found:
            for r in observation_history(session, obs.id):
                d = r.as_dict() | {"observation_id": obs.id, "indicator": series.indicator, "region": series.region,
                                   "kind": series.kind, "period": obs.period}
                if fmt == "table":
                    d.update(published=_local(r.published), recorded=_local(r.recorded_at),
                             valid=f"{_local(r.valid_from)} → {_local(r.valid_to) if r.valid_to else 'now'}",
                             value=f"{figure_text(r)}{r.unit or ''}" + (" ★" if r.headline else ""))
                rows.append(d)
    if len(found) > 1:
        click.echo(f"{len(found)} series match; narrow with --kind", err=True)
    columns = (["observation_id", "kind", "change_type", "value", "qualifier", "source_id", "published", "valid",
                "evidence", "url"] if fmt == "table" else None)
    _emit(rows, fmt, title=f"{found[0][1].indicator} · {found[0][1].region} · {found[0][0].period} (★ = headline)",
          columns=columns)


# ---------------------------------------------------------------- changes

@cli.command(context_settings=CONTEXT)
@click.option("--since", required=True, metavar="DATE", help="Changes recorded since this time (Asia/Shanghai).")
@click.option("--indicator", metavar="NAME", help="Only this indicator (name or alias, either script).")
@click.option("--region", metavar="R", help="Only this region.")
@click.option("--all", "everything", is_flag=True, help="Include confirmations (a report agreeing with what we had).")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@db_option
def changes(since, indicator, region, everything, fmt, db_url) -> None:
    """What changed since a moment: new observations, revisions, conflicts, extractor changes, …
    each with the value it replaced.

    \b
    Examples:
      shenyang-monitor changes --since 2026-01-14
      shenyang-monitor changes --since 2026-01-14T08:00 --indicator 地区生产总值 --format json
    """
    from storage.db import session_scope
    from storage.history import DEFAULT_CHANGES, changes_since

    engine = _engine(db_url)
    with session_scope(engine) as session:
        rows = changes_since(session, _parse_time(since, "--since"), types=None if everything else DEFAULT_CHANGES,
                             indicator=indicator, region=region)
        data = []
        for r in rows:
            d = r.as_dict()
            if fmt == "table":
                d.update(value=f"{figure_text(r)}{r.value_unit or ''}",
                         was="" if r.old_value is None else f"{old_figure_text(r)}{r.old_unit or ''}",
                         recorded=_local(r.recorded_at), published=_local(r.published))
            data.append(d)
    if not data:
        click.echo("no changes", err=True)
    columns = (["recorded", "change_type", "indicator", "region", "kind", "period", "value", "was", "source_id",
                "published", "url"] if fmt == "table" else None)
    _emit(data, fmt, title=f"Changes since {since}", columns=columns)


# ---------------------------------------------------------------- alerts deliver / digest

def _channels():
    from alerts.channels import channels_from_env

    try:
        return channels_from_env()
    except ValueError as exc:
        raise click.UsageError(f"$SHENYANG_MONITOR_CHANNELS: {exc}")


@alerts.command("deliver", context_settings=CONTEXT)
@click.option("--all", "broadcast", is_flag=True,
              help="Every alert to every configured channel, whatever the subscriptions.")
@click.option("--since", metavar="DATE", help="Only alerts raised since this time (Asia/Shanghai).")
@click.option("--batch", type=click.IntRange(1, 100), default=10, show_default=True, help="Alerts per message.")
@db_option
def alerts_deliver(broadcast, since, batch, db_url) -> None:
    """Send the alerts to the channels of the matching immediate subscriptions; retry the failed
    ones whose backoff has passed. Each alert reaches a channel once.

    Channels come from $SHENYANG_MONITOR_CHANNELS: `name=apprise-url` entries separated by spaces
    or ';'. Exit 1 when a delivery failed (it is retried by a later run).

    \b
    Examples:
      export SHENYANG_MONITOR_CHANNELS='email=mailtos://user:pass@smtp.example.org?to=team@example.org hook=json://127.0.0.1:8080/alerts'
      shenyang-monitor alerts deliver
      shenyang-monitor alerts deliver --all --batch 1
    """
    from alerts.channels import deliver

    channels = _channels()
    if not channels:
        raise click.UsageError("no channels configured: set $SHENYANG_MONITOR_CHANNELS (name=apprise-url …)")
    engine = _engine(db_url)
    try:
        report = deliver(engine, channels, since=_parse_time(since, "--since"), batch=batch, broadcast=broadcast)
    except ValueError as exc:
        raise click.UsageError(str(exc))
    for ch in channels:
        click.echo(f"{ch.name}: {report.sent.get(ch.name, 0)} sent, {report.failed.get(ch.name, 0)} failed")
    for e in report.errors:
        click.echo(f"error: {e}", err=True)
    sys.exit(EXIT_PARTIAL if report.failed else 0)


@alerts.command("digest", context_settings=CONTEXT)
@click.option("--now", metavar="DATETIME", help="Act as if it were this time (Asia/Shanghai); default: now.")
@db_option
def alerts_digest(now, db_url) -> None:
    """Send the daily digests that are due: per digest subscription, one message with the day's
    matching alerts once its local time has passed. Safe to run often (e.g. every 10 minutes).

    \b
    Examples:
      shenyang-monitor alerts digest
      shenyang-monitor alerts digest --now 2026-01-15T08:05
    """
    from alerts.digest import send_digests

    engine = _engine(db_url)
    try:
        report = send_digests(engine, _parse_time(now, "--now"), _channels())
    except ValueError as exc:
        raise click.UsageError(str(exc))
    click.echo(f"digests: {sum(report.sent.values())} sent ({report.alerts} alerts), {report.empty} empty, "
               f"{sum(report.failed.values())} failed")
    for e in report.errors:
        click.echo(f"error: {e}", err=True)
    sys.exit(EXIT_PARTIAL if report.failed or report.errors else 0)


# ---------------------------------------------------------------- subscriptions

@cli.group(context_settings=CONTEXT)
def subscriptions() -> None:
    """Who gets which alerts, on which channel, immediately or as a daily digest.

    \b
    Examples:
      shenyang-monitor subscriptions add 王敏 --channel email --indicator 地区生产总值 --digest 08:30
      shenyang-monitor subscriptions list
      shenyang-monitor subscriptions remove 3
    """


@subscriptions.command("add", context_settings=CONTEXT)
@click.argument("analyst")
@click.option("--channel", required=True, metavar="NAME", help="A channel name from $SHENYANG_MONITOR_CHANNELS.")
@click.option("--indicator", "indicators", multiple=True, metavar="NAME", help="Only this indicator (repeatable).")
@click.option("--region", "regions", multiple=True, metavar="R", help="Only this region (repeatable).")
@click.option("--kind", "kinds", multiple=True, type=click.Choice(["level", "growth", "share", "change_pp", "rank"]),
              help="Only series of this kind (repeatable).")
@click.option("--type", "alert_types", multiple=True,
              type=click.Choice(["new", "revised", "conflict", "threshold", "source_health"]),
              help="Only alerts of this type (repeatable).")
@click.option("--digest", "digest_time", metavar="HH:MM", help="A daily digest at this local time instead of "
                                                               "each alert as it comes.")
@db_option
def subscriptions_add(analyst, channel, indicators, regions, kinds, alert_types, digest_time, db_url) -> None:
    """Subscribe ANALYST to alerts (all of them unless narrowed); prints the new subscription's id.

    \b
    Examples:
      shenyang-monitor subscriptions add 王敏 --channel wecom --indicator 地区生产总值 --indicator 城镇新增就业
      shenyang-monitor subscriptions add 李华 --channel email --region 沈阳 --kind growth --digest 08:30
      shenyang-monitor subscriptions add ops --channel hook --type source_health
    """
    from alerts.subscriptions import add_subscription
    from storage.db import session_scope

    known = [c.name for c in _channels()]
    if channel not in known:
        click.echo(f"warning: channel {channel!r} is not configured in $SHENYANG_MONITOR_CHANNELS "
                   f"(configured: {', '.join(known) or 'none'}); deliveries wait until it is", err=True)
    engine = _engine(db_url)
    try:
        with session_scope(engine) as session:
            sub = add_subscription(session, analyst, channel, indicators=indicators, regions=regions, kinds=kinds,
                                   alert_types=alert_types, mode="digest" if digest_time else "immediate",
                                   digest_time=digest_time)
            sid = sub.id
    except ValueError as exc:
        raise click.UsageError(str(exc))
    click.echo(sid)


@subscriptions.command("list", context_settings=CONTEXT)
@click.option("--all", "everything", is_flag=True, help="Include removed subscriptions.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@db_option
def subscriptions_list(everything, fmt, db_url) -> None:
    """The subscriptions.

    \b
    Examples:
      shenyang-monitor subscriptions list
      shenyang-monitor subscriptions list --format json
    """
    from alerts.subscriptions import list_subscriptions
    from storage.db import session_scope

    engine = _engine(db_url)
    with session_scope(engine) as session:
        subs = list_subscriptions(session, active_only=not everything)
        rows = []
        for s in subs:
            d = s.model_dump()
            d["created_at"] = s.created_at.isoformat()
            if fmt != "json":
                for k in ("indicators", "regions", "kinds", "alert_types"):
                    d[k] = "|".join(d[k]) or ("*" if fmt == "table" else "")
            rows.append(d)
    if not rows:
        click.echo("no subscriptions", err=True)
    columns = ["id", "analyst", "channel", "mode", "digest_time", "indicators", "regions", "kinds", "alert_types",
               "active"]
    _emit(rows, fmt, title="Subscriptions", columns=columns if fmt == "table" else None)


@subscriptions.command("remove", context_settings=CONTEXT)
@click.argument("subscription_id", type=int)
@db_option
def subscriptions_remove(subscription_id, db_url) -> None:
    """Stop a subscription (its history stays). Exit 1 when there is no such active subscription.

    \b
    Example:
      shenyang-monitor subscriptions remove 3
    """
    from alerts.subscriptions import remove_subscription
    from storage.db import session_scope

    engine = _engine(db_url)
    try:
        with session_scope(engine) as session:
            sub = remove_subscription(session, subscription_id)
            who = sub.analyst
    except LookupError as exc:
        click.echo(f"error: {exc.args[0]}", err=True)
        sys.exit(EXIT_PARTIAL)
    click.echo(f"removed subscription {subscription_id} ({who})", err=True)


# ---------------------------------------------------------------- export

EXPORT_COLUMNS = ["indicator", "indicator_id", "region", "kind", "unit", "base", "period", "period_start",
                  "period_end", "value", "value_unit", "value_base", "qualifier", "low", "high", "source_id",
                  "publisher",
                  "authority", "published", "recorded_at", "url", "evidence", "in_conflict", "sources",
                  "observation_id", "version_id", "series_id"]


@cli.command(context_settings=CONTEXT)
@click.option("--format", "fmt", type=click.Choice(["csv", "parquet", "json"]), default="csv", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
              help="Write here (default: standard output; parquet needs a file or a pipe).")
@click.option("--indicator", metavar="NAME", help="Only this indicator (name or alias, either script).")
@click.option("--region", metavar="R", help="Only this region.")
@click.option("--as-of", "as_of", metavar="DATE", help="The values as known at this time (Asia/Shanghai).")
@db_option
def export(fmt, output, indicator, region, as_of, db_url) -> None:
    """Every series point (one row per series and period, its value of record and its source) as
    CSV, Parquet or JSON, for spreadsheets and notebooks. Times are UTC (ISO 8601).

    \b
    Examples:
      shenyang-monitor export > series.csv
      shenyang-monitor export --format parquet -o series.parquet
      shenyang-monitor export --format json --indicator 地区生产总值 --as-of 2025-06-30
    """
    from storage.db import session_scope
    from storage.history import all_points

    if fmt == "parquet" and output is None and sys.stdout.isatty():
        raise click.UsageError("parquet is binary: give --output FILE or redirect standard output")
    engine = _engine(db_url)
    with session_scope(engine) as session:
        rows = [p.as_dict() for p in all_points(session, _parse_time(as_of, "--as-of"), indicator=indicator,
                                                region=region)]
    click.echo(f"{len(rows)} rows", err=True)
    if fmt == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        table = pa.Table.from_pylist(rows, schema=_arrow_schema(pa)) if rows else _arrow_schema(pa).empty_table()
        pq.write_table(table, str(output) if output else sys.stdout.buffer)
        return
    if output is None:
        _emit(rows, fmt, columns=EXPORT_COLUMNS)
        return
    import csv
    import json

    with open(output, "w", encoding="utf-8", newline="") as fh:
        if fmt == "json":
            json.dump(rows, fh, ensure_ascii=False)
        else:
            w = csv.DictWriter(fh, fieldnames=EXPORT_COLUMNS, extrasaction="ignore")
            w.writeheader()
            w.writerows(rows)


def _arrow_schema(pa):
    types = {"value": pa.float64(), "value_base": pa.float64(), "low": pa.float64(), "high": pa.float64(),
             "authority": pa.int64(), "in_conflict": pa.bool_(),
             "sources": pa.int64(), "observation_id": pa.int64(), "version_id": pa.int64(), "series_id": pa.int64()}
    return pa.schema([(c, types.get(c, pa.string())) for c in EXPORT_COLUMNS])


# ---------------------------------------------------------------- db

@cli.group(context_settings=CONTEXT)
def db() -> None:
    """The database itself.

    \b
    Example:
      shenyang-monitor db upgrade --db postgresql://monitor@db.example.org/monitor
    """


@db.command("upgrade", context_settings=CONTEXT)
@click.option("--revision", default="head", show_default=True, help="The migration to go to.")
@db_option
def db_upgrade(revision, db_url) -> None:
    """Apply the migrations (storage/migrations) up to REVISION. A database made by an older version
    keeps its rows; one whose tables differ from every known revision is refused (exit 3).

    \b
    Examples:
      shenyang-monitor db upgrade
      shenyang-monitor db upgrade --db postgresql://postgres@127.0.0.1:5432/monitor
    """
    from storage.db import database_url, make_engine, upgrade

    url = database_url(db_url)
    try:
        engine = make_engine(url)
        upgrade(engine=engine, revision=revision)
        from sqlalchemy import text

        with engine.connect() as conn:
            now = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except Exception as exc:  # any driver or migration error: which database and why, no traceback
        click.echo(f"error: cannot upgrade the database {url}: {exc}", err=True)
        sys.exit(EXIT_DB)
    click.echo(f"database at revision {now}", err=True)


__all__ = ["history", "changes", "alerts_deliver", "alerts_digest", "subscriptions", "export", "db", "EXIT_USAGE"]
