"""Units and multipliers from the data tables (lexicon/units.tsv, lexicon/multipliers.tsv).

`match_unit(text, pos)` reads, at `pos` of a normalised (simplified, NFKC) text, an optional
multiplier (万, 亿, 万亿, 千 …), an optional 余/多 ("over"), and a unit, longest first.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from extract.lexicon import data_rows

CLASS_KIND = {"pct": "ratio", "permille": "ratio", "pp": "pp", "times": "ratio", "cheng": "ratio",
              "money": "level", "count": "level", "measure": "level"}


@dataclass(frozen=True)
class Unit:
    written: str  # simplified, multiplier included: 亿元, 万人次, %
    base: str | None  # 元, 人次, %
    factor: float  # value * factor = value in base
    cls: str  # pct, permille, pp, times, cheng, money, count, measure, mult (a bare multiplier: 160多万)


@dataclass(frozen=True)
class UnitMatch:
    unit: Unit
    end: int  # end of the unit in the text
    over: bool  # 余/多 between the number and the unit


@lru_cache(maxsize=1)
def tables() -> tuple[dict[str, tuple[str, float, str]], list[tuple[str, float]], int]:
    units = {}
    for row in data_rows("units.tsv"):
        if len(row) < 4:
            raise ValueError(f"units.tsv: a row needs 4 columns, got {row!r}")
        units[row[0]] = (row[1], float(row[2]), row[3])
    mults = sorted(((r[0], float(r[1])) for r in data_rows("multipliers.tsv")), key=lambda x: -len(x[0]))
    return units, mults, max(len(u) for u in units)


@lru_cache(maxsize=1)
def _first_chars() -> tuple[frozenset, frozenset]:
    """First characters of units and of multipliers: most numbers are followed by neither."""
    units, mults, _ = tables()
    return frozenset(u[0] for u in units), frozenset(m[0] for m, _ in mults)


@lru_cache(maxsize=1)
def _lengths_by_first() -> dict[str, tuple[int, ...]]:
    """First character of a unit → the lengths of the units it starts, longest first."""
    out: dict[str, set[int]] = {}
    for u in tables()[0]:
        out.setdefault(u[0], set()).add(len(u))
    return {ch: tuple(sorted(ns, reverse=True)) for ch, ns in out.items()}


def _longest_unit(text: str, pos: int) -> str | None:
    lengths = _lengths_by_first().get(text[pos:pos + 1])
    if lengths is None:
        return None
    units = tables()[0]
    for n in lengths:  # only the lengths a unit starting with this character has
        cand = text[pos:pos + n]
        if len(cand) == n and cand in units:
            return cand
    return None


def _skip_over(text: str, pos: int) -> tuple[int, bool]:
    if pos < len(text) and text[pos] in "余多":
        return pos + 1, True
    return pos, False


@lru_cache(maxsize=1)
def _start_chars() -> frozenset:
    """Characters a unit match can start with: a unit's, a multiplier's, 余 or 多."""
    unit_first, mult_first = _first_chars()
    return unit_first | mult_first | frozenset("余多")


def match_unit(text: str, pos: int) -> UnitMatch | None:
    """The unit written at `pos`, or None."""
    global _START_CHARS, _REACH
    if _START_CHARS is None:  # (the tables, once: this runs for every number of a text)
        _START_CHARS, _REACH = _start_chars(), _reach()
    if text[pos:pos + 1] not in _START_CHARS:
        return None  # most numbers in running text: nothing below could match
    # the match depends only on the characters it can reach (余, a multiplier, 余, a unit): memoised on them
    found = _match_at(text[pos:pos + _REACH])
    if found is None:
        return None
    unit, length, over = found
    return UnitMatch(unit, pos + length, over)


_START_CHARS: frozenset | None = None
_REACH = 0


@lru_cache(maxsize=1)
def _reach() -> int:
    units, mults, maxlen = tables()
    return 1 + max((len(m) for m, _ in mults), default=0) + 1 + maxlen


@lru_cache(maxsize=20000)
def _match_at(window: str) -> tuple[Unit, int, bool] | None:
    m = _match_unit(window, 0)
    return None if m is None else (m.unit, m.end, m.over)


@lru_cache(maxsize=None)  # pure: one Unit per written form (a frozen dataclass is slow to make)
def _unit(written: str, base: str | None, factor: float, cls: str) -> Unit:
    return Unit(written, base, factor, cls)


def _match_unit(text: str, pos: int) -> UnitMatch | None:
    units, mults, _ = tables()
    p, over = _skip_over(text, pos)
    best: UnitMatch | None = None
    # plain unit (千米, 千瓦时 are units of their own, tried before 千 as a multiplier)
    u = _longest_unit(text, p)
    if u:
        best = UnitMatch(_unit(u, *units[u]), p + len(u), over)
    if p >= len(text) or text[p] not in _first_chars()[1]:
        return best
    for m, mf in mults:
        if text.startswith(m, p):
            q, over2 = _skip_over(text, p + len(m))
            u2 = _longest_unit(text, q)
            if u2 and units[u2][2] not in ("pct", "permille", "pp", "times", "cheng"):
                base, f, cls = units[u2]
                cand = UnitMatch(_unit(m + u2, base, f * mf, cls), q + len(u2), over or over2)
            elif m in ("万", "亿", "万亿", "千万", "百万"):
                cand = UnitMatch(_unit(m, None, mf, "mult"), q, over or over2)
            else:
                continue
            if best is None or cand.end > best.end:
                best = cand
            break
    return best
