"""Regions named in a text (lexicon/regions.tsv), and which one a figure belongs to.

A figure takes the last region named before it in its sentence; else the region that opens its
paragraph; else the document's region (the city or province its opening names, else the source's
default). 全省 is the province of the document's region, 全市/我市 the document's city.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from extract.lexicon import data_lines, data_rows

# 县域 is all the city's counties together: the city, not the last county named before it
SELF_CITY = ("全市", "我市", "本市", "市区", "县域")
SELF_PROVINCE = ("全省", "我省", "本省")


@dataclass(frozen=True)
class Region:
    name: str
    level: str
    parent: str | None


@dataclass
class RegionMention:
    start: int
    end: int
    region: str | None  # canonical name; None for 全市/全省 (resolved later)
    self_word: str | None = None


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, Region], re.Pattern]:
    names: dict[str, Region] = {}
    for row in data_rows("regions.tsv"):
        names[row[0]] = Region(row[1], row[2], (row[3] if len(row) > 3 and row[3] else None))
    blockers = [b.strip() for b in data_lines("region_blockers.txt")]
    alts = "|".join(re.escape(n) for n in sorted(list(names) + list(SELF_CITY) + list(SELF_PROVINCE), key=len, reverse=True))
    block = "|".join(re.escape(b) for b in sorted(blockers, key=len, reverse=True))
    pat = re.compile(rf"(?:{alts})(?!{block})")
    return names, pat


@lru_cache(maxsize=1)
def _venue_pattern() -> re.Pattern:
    names = _table()[0]
    cities = "|".join(re.escape(n) for n in sorted((n for n, r in names.items() if r.level == "city"), key=len, reverse=True))
    venues = "|".join(re.escape(v.strip()) for v in data_lines("region_venues.txt"))
    return re.compile(rf"(?:{cities})(?={venues})")


def venue_mentions(text: str) -> list[RegionMention]:
    """City names that open a venue's name (沈阳故宫, 沈阳北站): not region mentions, but the city a figure
    for the venue belongs to (lexicon/region_venues.txt)."""
    names = _table()[0]
    return [RegionMention(m.start(), m.end(), names[m.group()].name) for m in _venue_pattern().finditer(text)]


def canonical(name: str) -> Region | None:
    return _table()[0].get(name)


def find_mentions(text: str) -> list[RegionMention]:
    names, pat = _table()
    out = []
    for m in pat.finditer(text):
        w = m.group()
        if w in SELF_CITY or w in SELF_PROVINCE:
            out.append(RegionMention(m.start(), m.end(), None, w))
        else:
            out.append(RegionMention(m.start(), m.end(), names[w].name))
    return out


@lru_cache(maxsize=4096)
def province_of(region: str) -> str:
    r = None
    for reg in _table()[0].values():
        if reg.name == region:
            r = reg
            break
    if r is None:
        return "辽宁"
    if r.level == "province":
        return r.name
    if r.level == "city":
        return r.parent or "辽宁"
    return province_of(r.parent) if r.parent else "辽宁"


@lru_cache(maxsize=4096)
def city_of(region: str) -> str:
    for reg in _table()[0].values():
        if reg.name == region:
            if reg.level in ("district", "county"):
                return reg.parent or region
            return region
    return region


_GOV_HOST = re.compile(r"^(?:[a-z]+://)?(?:[\w-]+\.)*?([a-z]+)\.gov\.cn(?:[:/]|$)")


def host_region(url: str | None) -> str | None:
    """The region whose government site a URL is on (tjj.tieling.gov.cn → 铁岭), else None."""
    m = _GOV_HOST.match((url or "").strip().lower())
    if m is None:
        return None
    return {r[0]: r[1] for r in data_rows("region_hosts.tsv")}.get(m[1])


def document_region(text: str, default: str, mentions: list[RegionMention], title: str | None = None,
                    url: str | None = None) -> str:
    """The region a document is about: the city or province most named in its opening (and title); when
    neither names one, the region whose government site the page is on; else the source's default."""
    opening = 400
    counts: dict[str, int] = {}
    first: dict[str, int] = {}
    lead_end = _LEAD_END.search(text)
    lead_end = lead_end.start() if lead_end else len(text)
    for m in mentions:
        if m.start < lead_end and m.self_word in SELF_PROVINCE and not _benchmark(text, m):
            # 全省外贸进出口… in the lead of a 辽宁日报 report that names 沈阳 as often: the province's report
            prov = province_of(default)
            counts[prov] = counts.get(prov, 0) + 1
            first.setdefault(prov, m.start)
        if m.start > opening or m.region is None:
            continue
        reg = canonical_level(m.region)
        if reg is None:
            continue
        counts[m.region] = counts.get(m.region, 0) + 1
        first.setdefault(m.region, m.start)
    masthead = _masthead(text[:opening])
    if masthead is not None:
        # 大连日报讯, 鞍山日报记者: a city paper's own report is about its city unless the opening names more
        counts[masthead[0]] = counts.get(masthead[0], 0) + 1
        first[masthead[0]] = min(first.get(masthead[0], masthead[1]), masthead[1])
    if title:
        for m in find_mentions(title):
            if m.region and canonical_level(m.region):
                counts[m.region] = counts.get(m.region, 0) + 3
                first.setdefault(m.region, -1)
    if not counts:
        return host_region(url) or default
    # 全省 in the opening means the document is about the province
    # the most named; on a tie the most specific ((辽宁省)沈阳市于洪区…统计公报 is about 于洪区)
    rank = {"district": 3, "county": 3, "city": 2, "province": 1}
    best = max(counts, key=lambda r: (counts[r], rank.get(canonical_level(r) or "", 0), -first[r]))
    if canonical_level(best) in ("district", "county"):
        # 昌图县增长5.1%,西丰县下降8.2%…: several districts of one city, none named more, are the city's list
        tied = [r for r in counts if counts[r] == counts[best] and canonical_level(r) in ("district", "county")]
        parents = {city_of(r) for r in tied}
        if len(tied) >= 2 and len(parents) == 1:
            return parents.pop()
    return best


# (增速高于全省2.2个百分点, 占全省的27.4%, 全省首位: the province as a benchmark or a whole, not the actor)
_BENCHMARK_BEFORE = re.compile(r"(?:比|较|高于|低于|快于|慢于|超过|占|与|和|在)$")
_BENCHMARK_AFTER = re.compile(r"(?:首位|第|排|前列|前|中|平均|水平|的|领先|范围)")


_LEAD_END = re.compile(r"[。！？!?]")


def _benchmark(text: str, m: RegionMention) -> bool:
    return bool(_BENCHMARK_BEFORE.search(text, max(0, m.start - 2), m.start) or _BENCHMARK_AFTER.match(text, m.end))


@lru_cache(maxsize=4096)  # a walk over the whole table, asked for every figure
def canonical_level(name: str) -> str | None:
    for reg in _table()[0].values():
        if reg.name == name:
            return reg.level
    return None


@lru_cache(maxsize=1)
def _masthead_re() -> re.Pattern:
    names = _table()[0]
    alts = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    # the paper's name, then 讯 or its reporter: the byline of a local paper (not a paper cited as a source)
    return re.compile(rf"({alts})(?:日报|晚报|新闻网|广播电视台)(?:社)?(?:讯|记者|消息|客户端讯)")


def _masthead(opening: str) -> tuple[str, int] | None:
    """(the region whose paper the opening's byline names, its position) or None."""
    m = _masthead_re().search(opening[:120])
    if m is None:
        return None
    reg = _table()[0][m.group(1)]
    return (reg.name, m.start()) if reg.level in ("city", "province") else None
