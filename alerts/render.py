"""An alert as people read it (Chinese plain text) and as programs read it (a JSON-ready dict)."""
from __future__ import annotations

from datetime import datetime, timezone
from decimal import Decimal
from zoneinfo import ZoneInfo

from sqlmodel import Session

from storage.models import (CONFLICT, NEW, REVISED, Alert, Observation, ObservationVersion, Page, PageVersion,
                            Series, Source)
from storage.periods import label as period_label
from storage.queries import previous_period

SHANGHAI = ZoneInfo("Asia/Shanghai")
TYPE_LABELS = {NEW: "新数据", REVISED: "修订", CONFLICT: "来源不一致"}
QUALIFIERS = {"over": "超过", "under": "不足", "approx": "约", "approaching": "近"}
NO_SPACE_UNITS = ("%", "‰", "％")
EVIDENCE_MAX = 120


def number(value: float | None) -> str:
    """328.0 -> 328, 4439.2 -> 4439.2, 44392000000.0 -> 44392000000 (never 4.4e+10)."""
    if value is None:
        return "—"
    d = Decimal(repr(float(value))).normalize()
    return format(d, "f")


def value_text(value: float | None, unit: str | None, qualifier: str | None = None, *, kind: str | None = None,
               base: str | None = None) -> str:
    """328 天, 约8 万户; a rate of change reads as Chinese writes it: 同比增长10%, 同比下降2.3%,
    提高0.2 个百分点."""
    if value is None:
        return "—"
    unit = unit or ""
    magnitude = abs(value) if kind in ("growth", "change_pp") else value
    num = number(magnitude)
    text = f"{num}{unit}" if (not unit or unit.startswith(NO_SPACE_UNITS)) else f"{num} {unit}"
    text = QUALIFIERS.get(qualifier or "", "") + text
    if kind == "growth":
        return f"{base or ''}{'下降' if value < 0 else '增长'}{text}"
    if kind == "change_pp":
        return f"{base or ''}{'下降' if value < 0 else '提高'}{text}"
    return f"{base} {text}" if base else text


def excerpt(evidence: str, start: int | None = None, limit: int = EVIDENCE_MAX) -> str:
    """The evidence on one line; when too long, a window around the figure (at `start` in it)."""
    text = " ".join((evidence or "").split())
    if len(text) <= limit:
        return text
    if start is None or not 0 <= start < len(text):
        start = 0
    lo = max(0, min(start - limit // 3, len(text) - limit))
    hi = lo + limit
    return ("…" if lo > 0 else "") + text[lo:hi] + ("…" if hi < len(text) else "")


def shanghai(ts: datetime | None) -> str | None:
    if ts is None:
        return None
    if ts.tzinfo is None:
        ts = ts.replace(tzinfo=timezone.utc)
    return ts.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M")


def _iso(ts: datetime | None) -> str | None:
    return ts.isoformat() if ts else None


def _figure_in_sentence(version: ObservationVersion) -> int | None:
    """Where the figure starts in its evidence sentence: from the offsets when the digits are there,
    else where its digits (with the unit, if possible) first appear."""
    evidence = version.evidence or ""
    digits = number(abs(version.value))
    if version.figure_start is not None and version.evidence_start is not None:
        pos = version.figure_start - version.evidence_start
        if 0 <= pos < len(evidence) and digits in evidence[pos:pos + len(digits) + 8]:
            return pos
    flat = " ".join(evidence.split())
    for needle in (digits + (version.unit or ""), digits):
        pos = flat.find(needle)
        if pos >= 0:
            return pos
    return None


def alert_dict(alert: Alert, session: Session) -> dict:
    """Every field of the alert for JSON (json.dumps(..., ensure_ascii=False) keeps the Chinese)."""
    if alert is None:
        raise ValueError("alert_dict: no alert given")
    version = session.get(ObservationVersion, alert.version_id)
    obs = session.get(Observation, alert.observation_id)
    series = session.get(Series, obs.series_id)
    source = session.get(Source, alert.source_id)
    page_version = session.get(PageVersion, version.page_version_id)
    page = session.get(Page, page_version.page_id)
    prev = previous_period(session, obs)
    old = session.get(ObservationVersion, alert.old_version_id) if alert.old_version_id else None
    old_source = session.get(Source, old.source_id) if old is not None else None
    head = session.get(ObservationVersion, obs.headline_version_id) if obs.headline_version_id else None
    head_source = session.get(Source, head.source_id) if head is not None else None
    return {
        "id": alert.id,
        "type": alert.type,
        "type_label": TYPE_LABELS.get(alert.type, alert.type),
        "indicator": alert.indicator,
        "indicator_id": series.indicator_id,
        "region": alert.region,
        "period": alert.period,
        "period_label": period_label(alert.period),
        "kind": series.kind,
        "base": series.base or None,
        "value": alert.value,
        "unit": alert.unit,
        "qualifier": alert.qualifier,
        "value_text": value_text(alert.value, alert.unit, alert.qualifier, kind=series.kind, base=series.base or None),
        "previous": None if prev is None else {
            "period": prev[0], "value": prev[1], "unit": prev[2], "value_text": value_text(prev[1], prev[2], kind=series.kind,
                                                                       base=series.base or None)},
        "old_value": alert.old_value,
        "old_unit": alert.old_unit,
        "old_value_text": (value_text(alert.old_value, alert.old_unit, kind=series.kind, base=series.base or None)
                           if alert.old_value is not None else None),
        "old_source_id": old.source_id if old is not None else None,
        "old_publisher": old_source.publisher if old_source is not None else None,
        "headline_source_id": head.source_id if head is not None else None,
        "headline_publisher": head_source.publisher if head_source is not None else None,
        "in_conflict": obs.in_conflict,
        "source_id": alert.source_id,
        "publisher": source.publisher if source else alert.source_id,
        "authority": source.authority if source else None,
        "published": _iso(version.published),
        "published_shanghai": shanghai(version.published),
        "recorded_at": _iso(version.recorded_at),
        "evidence": version.evidence,
        "evidence_excerpt": excerpt(version.evidence, _figure_in_sentence(version)),
        "url": page.url,
        "created_at": _iso(alert.created_at),
        "run_id": alert.run_id,
    }


def render_alert(alert: Alert, session: Session) -> str:
    """Two lines: what changed (with the previous period beside it), then source, time, evidence, link.

    空气质量优良天数 · 沈阳 · 2025: 328 天 (2024: 318 天)
    """
    d = alert_dict(alert, session)
    line = f"[{d['type_label']}] {d['indicator']} · {d['region']} · {d['period']}: {d['value_text']}"
    if d["previous"]:
        line += f" ({d['previous']['period']}: {d['previous']['value_text']})"
    if d["type"] == REVISED and d["old_value_text"]:
        line += f"，此前为 {d['old_value_text']}"
    elif d["type"] == CONFLICT and d["old_value_text"]:
        line += f"，与{d['old_publisher'] or d['old_source_id']}的 {d['old_value_text']} 不一致"
        if d["headline_publisher"]:
            line += f"（采用{d['headline_publisher']}的数据）"
    evidence = d["evidence_excerpt"]
    when = f"发布于 {d['published_shanghai']}" if d["published_shanghai"] else "发布时间不详"
    return f"{line}\n  {d['publisher']}，{when}：“{evidence}” {d['url']}"
