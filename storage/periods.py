"""Reference periods: one canonical spelling per span of days, so that equal periods meet.

The extractor may write `2025H1`, `2025Q1-Q2` or `2025-01..2025-06` for the same half-year (the
contract accepts all three); the store keys observations on the canonical form computed here.
"""
from __future__ import annotations

import re
from calendar import monthrange
from dataclasses import dataclass
from datetime import date
from functools import lru_cache


class PeriodError(ValueError):
    pass


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # inclusive
    canonical: str
    grain: str  # year | years | half | quarter | quarters | month | months | day | days

    def shifted_years(self, years: int) -> tuple[date, date]:
        """The same span `years` earlier or later (month-aligned spans stay month-aligned)."""
        if _month_aligned(self.start, self.end):
            s = _add_months(self.start, 12 * years)
            e_first = _add_months(self.end.replace(day=1), 12 * years)
            return s, _month_end(e_first.year, e_first.month)
        return _add_years(self.start, years), _add_years(self.end, years)


_YEAR = r"(\d{4})"
_PATTERNS: list[tuple[re.Pattern, str]] = [
    (re.compile(rf"^{_YEAR}$"), "year"),
    (re.compile(rf"^{_YEAR}H([12])$"), "half"),
    (re.compile(rf"^{_YEAR}Q([1-4])$"), "quarter"),
    (re.compile(rf"^{_YEAR}Q([1-4])-Q([1-4])$"), "quarters"),
    (re.compile(rf"^{_YEAR}-(\d{{1,2}})$"), "month"),
    (re.compile(rf"^{_YEAR}-(\d{{1,2}})-(\d{{1,2}})$"), "day"),
]


def _month_end(y: int, m: int) -> date:
    return date(y, m, monthrange(y, m)[1])


def _add_months(d: date, n: int) -> date:
    y, m = divmod(d.month - 1 + n, 12)
    y += d.year
    return date(y, m + 1, min(d.day, monthrange(y, m + 1)[1]))


def _add_years(d: date, n: int) -> date:
    try:
        return d.replace(year=d.year + n)
    except ValueError:  # 29 February
        return d.replace(year=d.year + n, day=28)


def _month_aligned(start: date, end: date) -> bool:
    return start.day == 1 and end == _month_end(end.year, end.month)


def _bounds(text: str) -> tuple[date, date]:
    """First and last day of one period written without '..'."""
    for pattern, grain in _PATTERNS:
        m = pattern.match(text)
        if not m:
            continue
        y = int(m.group(1))
        if grain == "year":
            return date(y, 1, 1), date(y, 12, 31)
        if grain == "half":
            h = int(m.group(2))
            return (date(y, 1, 1), date(y, 6, 30)) if h == 1 else (date(y, 7, 1), date(y, 12, 31))
        if grain == "quarter":
            q = int(m.group(2))
            return date(y, 3 * q - 2, 1), _month_end(y, 3 * q)
        if grain == "quarters":
            a, b = int(m.group(2)), int(m.group(3))
            if a > b:
                raise PeriodError(f"period {text!r}: quarters run backwards")
            return date(y, 3 * a - 2, 1), _month_end(y, 3 * b)
        if grain == "month":
            mo = int(m.group(2))
            if not 1 <= mo <= 12:
                raise PeriodError(f"period {text!r}: no month {mo}")
            return date(y, mo, 1), _month_end(y, mo)
        if grain == "day":
            try:
                d = date(y, int(m.group(2)), int(m.group(3)))
            except ValueError as exc:
                raise PeriodError(f"period {text!r}: {exc}") from exc
            return d, d
    raise PeriodError(f"unreadable period {text!r} (expected 2025, 2025H1, 2025Q3, 2025Q1-Q3, 2025-07, "
                      f"2025-07-01 or two of these joined by '..')")


def parse_period(text: str) -> Period:
    """Parse any contract spelling; raises PeriodError with the text when it cannot."""
    if not isinstance(text, str) or not text.strip():
        raise PeriodError(f"empty period {text!r}")
    return _parse_period(text)


@lru_cache(maxsize=4096)
def _parse_period(text: str) -> Period:
    # Memoised: a page names the same few periods again and again, and Period is frozen.
    t = text.strip().upper().replace("／", "/").replace("－", "-").replace("—", "-")
    if ".." in t:
        left, _, right = t.partition("..")
        start, _ = _bounds(left.strip())
        _, end = _bounds(right.strip())
    else:
        start, end = _bounds(t)
    if end < start:
        raise PeriodError(f"period {text!r} ends before it starts")
    return from_bounds(start, end)


@lru_cache(maxsize=4096)
def from_bounds(start: date, end: date) -> Period:
    canonical, grain = _render(start, end)
    return Period(start, end, canonical, grain)


def _render(s: date, e: date) -> tuple[str, str]:
    if _month_aligned(s, e):
        months = (e.year - s.year) * 12 + e.month - s.month + 1
        if s.month == 1 and e.month == 12:
            return (f"{s.year}", "year") if s.year == e.year else (f"{s.year}..{e.year}", "years")
        if s.year == e.year and months == 6 and s.month in (1, 7):
            return f"{s.year}H{1 if s.month == 1 else 2}", "half"
        if s.year == e.year and (s.month - 1) % 3 == 0 and e.month % 3 == 0:
            qa, qb = (s.month + 2) // 3, e.month // 3
            return (f"{s.year}Q{qa}", "quarter") if qa == qb else (f"{s.year}Q{qa}-Q{qb}", "quarters")
        if months == 1:
            return f"{s.year}-{s.month:02d}", "month"
        return f"{s.year}-{s.month:02d}..{e.year}-{e.month:02d}", "months"
    if s == e:
        return s.isoformat(), "day"
    return f"{s.isoformat()}..{e.isoformat()}", "days"


def one_year_earlier(period: Period) -> Period:
    s, e = period.shifted_years(-1)
    return from_bounds(s, e)


def duration_days(period: Period) -> int:
    return (period.end - period.start).days + 1


__all__ = ["Period", "PeriodError", "parse_period", "from_bounds", "one_year_earlier", "duration_days", "label"]


_QUARTER_RANGE = {(1, 2): "上半年", (1, 3): "前三季度", (3, 4): "下半年", (2, 3): "第二、三季度", (2, 4): "后三季度"}
_CN_Q = "一二三四"


def label(text: str) -> str:
    """The period as a Chinese report writes it: 2025年上半年, 2025年前三季度, 2025年1-7月."""
    p = parse_period(text)
    s, e = p.start, p.end
    if p.grain == "year":
        return f"{s.year}年"
    if p.grain == "years":
        return f"{s.year}-{e.year}年"
    if p.grain == "half":
        return f"{s.year}年{'上' if s.month == 1 else '下'}半年"
    if p.grain == "quarter":
        return f"{s.year}年第{_CN_Q[e.month // 3 - 1]}季度"
    if p.grain == "quarters":
        qa, qb = (s.month + 2) // 3, e.month // 3
        return f"{s.year}年{_QUARTER_RANGE.get((qa, qb), f'第{_CN_Q[qa - 1]}至第{_CN_Q[qb - 1]}季度')}"
    if p.grain == "month":
        return f"{s.year}年{s.month}月"
    if p.grain == "months":
        if s.year == e.year:
            return f"{s.year}年{s.month}-{e.month}月"
        return f"{s.year}年{s.month}月至{e.year}年{e.month}月"
    if p.grain == "day":
        return f"{s.year}年{s.month}月{s.day}日"
    if s.year == e.year and s.month == e.month:
        return f"{s.year}年{s.month}月{s.day}日至{e.day}日"
    if s.year == e.year:
        return f"{s.year}年{s.month}月{s.day}日至{e.month}月{e.day}日"
    return f"{s.year}年{s.month}月{s.day}日至{e.year}年{e.month}月{e.day}日"
