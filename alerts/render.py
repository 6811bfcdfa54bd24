"""An alert as people read it (Chinese plain text) and as programs read it (a JSON-ready dict)."""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlmodel import Session

from storage.models import (CONFLICT, NEW, REVISED, SOURCE_HEALTH, THRESHOLD, Alert, Observation, ObservationVersion,
                            Page, PageVersion, Series, Source)
from storage.periods import label as period_label
from storage.types import shanghai_text
from storage.queries import previous_point

TYPE_LABELS = {NEW: "新数据", REVISED: "修订", CONFLICT: "来源不一致", THRESHOLD: "大幅变动", SOURCE_HEALTH: "来源异常"}
# Source health problem kinds (crawlers.health), in Chinese and English; an unknown kind shows as given.
HEALTH_LABELS = {
    "layout": ("列表页无文章链接或无法解析（网站版面可能已改）", "list pages without article links or unparsable (layout changed?)"),
    "silence": ("超过常规周期没有新文章", "no new article for longer than usual"),
    "unreachable": ("无法访问", "unreachable"),
    "error_rate": ("请求错误率高", "high error rate"),
    "errors": ("请求失败过多或无法抓取", "too many failed requests, or no crawl"),
    "empty_lists": ("列表页无文章链接（版面可能已改）", "list pages without article links (layout changed?)"),
    "empty_list_pages": ("列表页无文章链接（版面可能已改）", "list pages without article links (layout changed?)"),
    "no_new_articles": ("长期没有新文章", "no new articles for too long"),
    "stale": ("长期没有新文章", "no new articles for too long"),
    "parse_failures": ("页面解析失败", "pages could not be parsed"),
    "blocked": ("被拒绝访问", "access refused"),
    "robots": ("robots.txt 禁止抓取", "forbidden by robots.txt"),
}
RATE_KINDS = ("growth", "share", "change_pp")
QUALIFIERS = {"over": "超过", "under": "不足", "approx": "约", "approaching": "近"}
RANGE = "range"  # storage.series.RANGE: the bounds are in low/high
NO_SPACE_UNITS = ("%", "‰", "％")
EVIDENCE_MAX = 120


def number(value: float | None) -> str:
    """328.0 -> 328, 4439.2 -> 4439.2, 44392000000.0 -> 44392000000 (never 4.4e+10)."""
    if value is None:
        return "—"
    d = Decimal(repr(float(value))).normalize()
    return format(d, "f")


def range_number(low: float, high: float, *, magnitude: bool = False) -> str:
    """5–8; with `magnitude` a range below zero reads by its sizes (−8..−5 → 5–8, said with 下降)."""
    if magnitude and high <= 0:
        low, high = abs(high), abs(low)
    return f"{number(low)}–{number(high)}"


def value_text(value: float | None, unit: str | None, qualifier: str | None = None, *, kind: str | None = None,
               base: str | None = None, low: float | None = None, high: float | None = None) -> str:
    """328 天, 约8 万户, a range 5–8% or 3–5 万人次 (qualifier "range" with its bounds); a rate of change
    reads as Chinese writes it: 同比增长10%, 同比下降2.3%, 提高0.2 个百分点, 同比下降5–8%."""
    if value is None:
        return "—"
    unit = unit or ""
    rate = kind in ("growth", "change_pp")
    if qualifier == RANGE and low is not None and high is not None:
        # a range across zero (−2–3%) keeps its signs and reads without 增长/下降
        if rate and low < 0 < high:
            rate, kind = False, None
        num = range_number(low, high, magnitude=rate)
        qualifier = None
    else:
        num = number(abs(value) if rate else value)
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
    if alert.type == SOURCE_HEALTH:
        return health_dict(alert, session)
    version = session.get(ObservationVersion, alert.version_id)
    obs = session.get(Observation, alert.observation_id)
    series = session.get(Series, obs.series_id)
    source = session.get(Source, alert.source_id)
    page_version = session.get(PageVersion, version.page_version_id)
    page = session.get(Page, page_version.page_id)
    prev_point = previous_point(session, obs)
    prev = None if prev_point is None else (prev_point.period, prev_point.value, prev_point.value_unit)
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
        # A version's value and bounds never change: the bounds are read from it (the alert keeps no copy).
        "low": version.low,
        "high": version.high,
        "value_text": value_text(alert.value, alert.unit, alert.qualifier, kind=series.kind, base=series.base or None,
                                 low=version.low, high=version.high),
        "previous": None if prev is None else {
            "period": prev[0], "value": prev[1], "unit": prev[2], "value_text": value_text(
                prev[1], prev[2], kind=series.kind, **_range_of(prev_point), base=series.base or None)},
        "change": None if prev_point is None else change(version, prev_point, series.kind),
        "threshold": alert.detail if alert.type == THRESHOLD else None,
        "old_value": alert.old_value,
        "old_unit": alert.old_unit,
        "old_value_text": (value_text(alert.old_value, alert.old_unit, kind=series.kind, **_range_of(old),
                                      base=series.base or None)
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
        "published_shanghai": shanghai_text(version.published),
        "recorded_at": _iso(version.recorded_at),
        "evidence": version.evidence,
        "evidence_excerpt": excerpt(version.evidence, _figure_in_sentence(version)),
        "url": page.url,
        "created_at": _iso(alert.created_at),
        "run_id": alert.run_id,
    }


def _range_of(v) -> dict:
    """value_text's qualifier, low and high when `v` (a version or series point) is a range, else no
    qualifier: the previous and the replaced values show as before, only a range shows its bounds."""
    if v is not None and getattr(v, "qualifier", None) == RANGE:
        return {"qualifier": RANGE, "low": v.low, "high": v.high}
    return {}


def change(version: ObservationVersion, prev, kind: str) -> dict | None:
    """The move from the previous period: in the unit as written when both reports use it, else in the
    base unit; rates move in percentage points; levels also get their relative change."""
    if prev.value_unit == version.unit or kind in RATE_KINDS:
        diff, unit = version.value - prev.value, version.unit
    elif version.value_base is not None and prev.value_base is not None:
        diff, unit = None, None  # different units as written: only the relative change reads well
    else:
        return None
    rel = None
    if kind not in RATE_KINDS:
        new_b = version.value_base if version.value_base is not None else version.value
        old_b = prev.value_base if prev.value_base is not None else prev.value
        rel = (new_b - old_b) / abs(old_b) * 100 if old_b else None
    parts = []
    if diff is not None:
        if kind in RATE_KINDS:
            parts.append(f"{'提高' if diff > 0 else '下降' if diff < 0 else '持平'}"
                         + (f"{number(round(abs(diff), 6))} 个百分点" if diff else ""))
        else:
            word = "增加" if diff > 0 else "减少" if diff < 0 else "持平"
            parts.append(word + (value_text(round(abs(diff), 6), unit) if diff else ""))
    if rel is not None and (diff is None or diff):
        parts.append(f"{rel:+.1f}%")
    return {"value": diff, "unit": unit, "relative_pct": rel, "text": "较上期" + " ".join(parts) if parts else None}


def threshold_text(detail: dict, unit: str | None) -> str:
    limit = number(detail.get("limit"))
    rule = detail.get("rule")
    if rule == "pp":
        return f"±{limit} 个百分点"
    if rule == "relative":
        return f"±{limit}%"
    return f"±{limit} {detail.get('base_unit') or unit or ''}".rstrip()


def health_label(kind: str) -> tuple[str, str]:
    return HEALTH_LABELS.get(kind, (kind, kind))


def health_dict(alert: Alert, session: Session) -> dict:
    detail = alert.detail or {}
    source = session.get(Source, alert.source_id)
    zh, en = health_label(detail.get("kind", ""))
    return {
        "id": alert.id,
        "type": alert.type,
        "type_label": TYPE_LABELS[SOURCE_HEALTH],
        "source_id": alert.source_id,
        "publisher": source.publisher if source else alert.source_id,
        "region": alert.region,
        "scan_date": detail.get("scan_date") or alert.period,
        "problem": detail.get("kind"),
        "problem_zh": zh,
        "problem_en": en,
        "message": detail.get("message", ""),
        "detail": detail,
        "indicator": "",
        "period": alert.period,
        "created_at": _iso(alert.created_at),
        "run_id": alert.run_id,
    }


def render_alert(alert: Alert, session: Session) -> str:
    """Two lines: what changed (with the previous period beside it), then source, time, evidence, link.

    空气质量优良天数 · 沈阳 · 2025: 328 天 (2024: 318 天)
    """
    d = alert_dict(alert, session)
    if d["type"] == SOURCE_HEALTH:
        return (f"[{d['type_label']} / source health] {d['publisher']} ({d['source_id']}) · {d['scan_date']}: "
                f"{d['problem_zh']} / {d['problem_en']}\n  {d['message']}")
    line = f"[{d['type_label']}] {d['indicator']} · {d['region']} · {d['period']}: {d['value_text']}"
    if d["previous"]:
        line += f" ({d['previous']['period']}: {d['previous']['value_text']})"
        if d["change"] and d["change"]["text"]:
            line += f"，{d['change']['text']}"
    if d["type"] == THRESHOLD and d["threshold"]:
        line += f"，超过提醒阈值（{threshold_text(d['threshold'], d['unit'])}）"
    if d["type"] == REVISED and d["old_value_text"]:
        line += f"，此前为 {d['old_value_text']}"
    elif d["type"] == CONFLICT and d["old_value_text"]:
        line += f"，与{d['old_publisher'] or d['old_source_id']}的 {d['old_value_text']} 不一致"
        if d["headline_publisher"]:
            line += f"（采用{d['headline_publisher']}的数据）"
    evidence = d["evidence_excerpt"]
    when = f"发布于 {d['published_shanghai']}" if d["published_shanghai"] else "发布时间不详"
    # the alert number lets a reader recognise the rare repeat after a crashed delivery (alerts/ledger.py)
    return f"{line}\n  {d['publisher']}，{when}：“{evidence}” {d['url']} （提醒编号 {d['id']}）"


def render_html(alerts: list[Alert], session: Session, title: str | None = None) -> str:
    """The alerts as an HTML email body: every text from a page or a source is escaped."""
    from html import escape

    items = []
    for a in alerts:
        d = alert_dict(a, session)
        if d["type"] == SOURCE_HEALTH:
            items.append(f"<li><b>[{escape(d['type_label'])} / source health]</b> {escape(d['publisher'])} "
                         f"({escape(d['source_id'])}) · {escape(str(d['scan_date']))}: {escape(d['problem_zh'])} / "
                         f"{escape(d['problem_en'])}<br>{escape(d['message'])}</li>")
            continue
        head = f"[{d['type_label']}] {d['indicator']} · {d['region']} · {d['period']}: {d['value_text']}"
        lines = [f"<b>{escape(head)}</b>"]
        if d["previous"]:
            prev = f"上期 {d['previous']['period']}: {d['previous']['value_text']}"
            if d["change"] and d["change"]["text"]:
                prev += f"，{d['change']['text']}"
            lines.append(escape(prev))
        if d["type"] == THRESHOLD and d["threshold"]:
            lines.append(escape(f"超过提醒阈值（{threshold_text(d['threshold'], d['unit'])}）"))
        if d["type"] == REVISED and d["old_value_text"]:
            lines.append(escape(f"此前为 {d['old_value_text']}"))
        elif d["type"] == CONFLICT and d["old_value_text"]:
            lines.append(escape(f"与{d['old_publisher'] or d['old_source_id']}的 {d['old_value_text']} 不一致"))
        when = f"发布于 {d['published_shanghai']}" if d["published_shanghai"] else "发布时间不详"
        lines.append(escape(f"{d['publisher']}，{when}（提醒编号 {d['id']}）"))
        lines.append(f"<blockquote>{escape(d['evidence_excerpt'])}</blockquote>")
        lines.append(f'<a href="{escape(d["url"], quote=True)}">{escape(d["url"])}</a>')
        items.append("<li>" + "<br>".join(lines) + "</li>")
    heading = f"<h3>{escape(title)}</h3>" if title else ""
    return f'<html><body>{heading}<ul>{"".join(items)}</ul></body></html>'
