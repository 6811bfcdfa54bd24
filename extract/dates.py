"""Publication dates, by the project's own rules (tried before htmldate, which misreads Chinese pages).

The rules, strongest first (`find_published` tries them in this order):
  meta      <meta name="PubDate" content="2024-03-28 10:00"> and the like (government CMS, Open Graph)
  dateline  a labelled date near the title: 发布时间：2024年03月28日, 时间:2023年11月09日, 發佈時間 …;
            or a date with a clock time: 2026-01-15 14:11:40, 2024年3月28日 10:20;
            or an e-paper issue line: 2025年01月21日 星期二;
            or a date alone in an element the page marks as its date (<span class="time">2024-05-06</span>)
  url       the CMS path: t20231109_4554105.html, /2026/01/15/, /202501/21/, /2025-01/21/, /n/20230724/
A bare date inside the text (2024年12月3日，第101台…) is an event date, never the publication date; and
a year alone (a title's 2023年统计公报) is never a date at all.
"""
from __future__ import annotations

import re
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")  # mainland and Hong Kong pages both state UTC+8 times

_SEP = r"\s*[:：]?\s*"
# One separator style per date: 2024年3月28日, 2024-03-28, 2024/03/28, 2024.03.28 (never 2024年1-7月).
_YMD = ("(?:" + "|".join(
    rf"(?P<y{i}>(?:19|20)\d{{2}}){a}(?P<m{i}>\d{{1,2}}){b}(?P<d{i}>\d{{1,2}}){c}"
    for i, (a, b, c) in enumerate([(r"\s*年\s*", r"\s*月\s*", r"\s*日"), ("-", "-", r"(?!\d)"),
                                   ("/", "/", r"(?!\d)"), (r"\.", r"\.", r"(?!\d)")])) + ")")
_HMS = r"(?:\s*(?P<H>[01]?\d|2[0-3])[:：](?P<M>[0-5]\d)(?:[:：](?P<S>[0-5]\d))?)"

_LABELS = ("发布时间", "发布日期", "發佈時間", "發布時間", "發佈日期", "發布日期", "发表时间", "發表時間",
           "更新时间", "更新時間", "时间", "時間", "日期")
# Longest labels first so 发布时间 wins over 时间.
_LABEL_RE = "|".join(sorted((re.escape(x) for x in _LABELS), key=len, reverse=True))

LABELLED = re.compile(rf"(?:{_LABEL_RE}){_SEP}{_YMD}{_HMS}?")
WITH_TIME = re.compile(rf"(?<!\d){_YMD}{_HMS}")
ANY_DATE = re.compile(rf"(?<!\d){_YMD}{_HMS}?")
ISSUE_LINE = re.compile(rf"(?<!\d){_YMD}\s*(?:星期|週|周|礼拜|禮拜)[一二三四五六日天]")

_URL_RULES = [
    re.compile(r"/t(?P<y>(?:19|20)\d{2})(?P<m>\d{2})(?P<d>\d{2})_\d+"),  # gov CMS t20231109_4554105.html
    re.compile(r"/(?P<y>(?:19|20)\d{2})/(?P<m>\d{2})/(?P<d>\d{2})/"),  # /2026/01/15/
    re.compile(r"/(?P<y>(?:19|20)\d{2})(?P<m>\d{2})/(?P<d>\d{2})/"),  # e-paper /202501/21/
    re.compile(r"/(?P<y>(?:19|20)\d{2})-(?P<m>\d{2})/(?P<d>\d{2})/"),  # /2025-01/21/
    re.compile(r"/(?P<y>(?:19|20)\d{2})-(?P<m>\d{2})-(?P<d>\d{2})/"),  # /2021-11-04/
    re.compile(r"/(?P<y>(?:19|20)\d{2})(?P<m>\d{2})(?P<d>\d{2})/"),  # /n/20230724/
]

_META_NAMES = ("pubdate", "publishdate", "publish_date", "publishtime", "article:published_time",
               "og:article:published_time", "og:release_date", "datepublished", "dc.date.issued",
               "dc.date", "firstpublishedtime", "releasedate")
META_CONTENT = re.compile(rf"{_YMD}T?{_HMS}?")


def _build(m: re.Match) -> datetime | None:
    gd = m.groupdict()
    i = next((k[1:] for k, v in gd.items() if k[0] == "y" and v), None)
    if i is None:
        return None
    try:
        d = date(int(gd["y" + i]), int(gd["m" + i]), int(gd["d" + i]))
    except ValueError:
        return None
    t = time(int(gd["H"]), int(gd["M"]), int(gd["S"] or 0)) if gd.get("H") else time(0, 0)
    return datetime.combine(d, t, tzinfo=SHANGHAI)


def date_from_url(url: str | None) -> date | None:
    """The publication date written in a URL path, or None."""
    if not url:
        return None
    for rule in _URL_RULES:
        for m in rule.finditer(url):
            dt = _build(m)
            if dt:
                return dt.date()
    return None


def read_date(text: str) -> date | None:
    """A string that is one date as pages write them (2026年1月15日, 2026/01/15, 2026.1.15, 2026-01-15 10:00),
    or None."""
    m = ANY_DATE.fullmatch(text.strip())
    dt = _build(m) if m else None
    return dt.date() if dt else None


def date_from_text(text: str) -> datetime | None:
    """A dateline in page text: labelled first, then a date with a clock time, then an issue line."""
    for rule in (LABELLED, WITH_TIME, ISSUE_LINE):
        for m in rule.finditer(text):
            dt = _build(m)
            if dt:
                return dt
    return None


def date_from_meta(meta: dict[str, str]) -> datetime | None:
    """A date from <meta> name/property -> content pairs (names lowercased)."""
    for name in _META_NAMES:
        value = meta.get(name)
        if not value:
            continue
        m = META_CONTENT.search(value)
        if m:
            dt = _build(m)
            if dt:
                return dt
    return None


def htmldate_guess(html: str, *, url: str | None, title: str | None) -> datetime | None:
    """htmldate as the last resort, refusing what is only a title's year (2023年… → 2023-01-01)."""
    from htmldate import find_date

    # No extensive search: in Chinese news the dates scattered in the text are events, not the release.
    found = find_date(html, url=url, extensive_search=False, original_date=True, outputformat="%Y-%m-%d")
    if not found:
        return None
    d = date.fromisoformat(found)
    if (d.month, d.day) == (1, 1) and not re.search(rf"{d.year}\s*(?:年|-|/|\.)\s*0?1\s*(?:月|-|/|\.)\s*0?1(?!\d)",
                                                     html):
        # A January 1st that the page never writes out is a year alone (often the title's): not a date.
        return None
    return datetime.combine(d, time(0, 0), tzinfo=SHANGHAI)


def date_from_marked(snippets: list[str]) -> datetime | None:
    """The first full date in short page elements marked as dates (class/id like "date", "time")."""
    for snippet in snippets:
        for m in ANY_DATE.finditer(snippet):
            dt = _build(m)
            if dt:
                return dt
    return None


def find_published(*, meta: dict[str, str], text: str, url: str | None, html: str | None = None,
                   title: str | None = None, marked: list[str] | None = None) -> tuple[datetime | None, str | None]:
    """(publication time, the rule that found it) by the rules above, then htmldate over `html`.
    `marked` are the texts of short elements the page marks as its date (<span class="time">)."""
    dt = date_from_meta(meta)
    if dt:
        return dt, "meta"
    dt = date_from_text(text) or date_from_marked(marked or [])
    if dt:
        return dt, "dateline"
    d = date_from_url(url)
    if d:
        return datetime.combine(d, time(0, 0), tzinfo=SHANGHAI), "url"
    if html:
        dt = htmldate_guess(html, url=url, title=title)
        if dt:
            return dt, "htmldate"
    return None, None
