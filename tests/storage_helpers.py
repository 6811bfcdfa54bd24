"""Hand-built inputs for the storage and alerts tests (the extractor is tested elsewhere)."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timezone

from crawlers.items import FetchedPage
from extract.figure import Figure

UNIT_BASE = {"亿元": ("元", 1e8), "万元": ("元", 1e4), "万人": ("人", 1e4), "天": ("天", 1), "%": ("%", 1),
             "个百分点": ("个百分点", 1), "万人次": ("人次", 1e4)}


@dataclass
class Src:
    id: str
    publisher: str
    authority: int
    region: str = "沈阳"
    kind: str = "press"


SOURCES = [Src("tjj_shenyang", "沈阳市统计局", 1, kind="statistics"),
           Src("gov_shenyang", "沈阳市人民政府", 2, kind="government"),
           Src("lnd", "辽宁日报", 4), Src("hkcd", "香港商报", 4)]


def fig(indicator: str, value: float, unit: str, period: str | None, *, kind: str = "level", region: str = "沈阳",
        qualifier: str | None = None, sentence: str | None = None, indicator_id: str | None = None,
        base: str | None = None, start: int = 0) -> Figure:
    base_unit, mult = UNIT_BASE.get(unit, (unit, 1))
    sentence = sentence or f"{period}年，{region}{indicator}{value:g}{unit}。"
    return Figure(start=start, end=start + 5, value=value, unit=unit, value_base=value * mult, base_unit=base_unit,
                  kind=kind, qualifier=qualifier, indicator=indicator, indicator_id=indicator_id, period=period,
                  region=region, sentence=sentence, sentence_start=0, base=base)


def fetched(url: str, body: str, *, source_id: str = "tjj_shenyang", at: str = "2026-01-15T02:00:00Z",
            status: int = 200, error: str | None = None) -> FetchedPage:
    digest = hashlib.sha256(body.encode()).hexdigest() if not error and status < 400 else None
    return FetchedPage(source_id=source_id, url=url, kind="article", status=status, fetched_at=at,
                       warc_path="data/archive/x.warc.gz", warc_offset=0, content_hash=digest, error=error)


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=timezone.utc)
