"""When do two reports of one figure agree? Each report stands for an interval of values.

`4439亿元` stands for [4438.5, 4439.5) (it was rounded), `突破4400亿元` for [4400, ∞), `约4400亿元` for
4400 ± 5%, `近4500亿元` for [4050, 4500], a range `5%-8%` for its stored bounds [5, 8] (each rounded
as written). Two reports agree when their intervals meet, so a rounded press figure confirms the
bureau's exact one instead of looking like a conflict, a range confirms a figure inside it and a range
it overlaps, while 328 vs 329 天 (each exact to the unit) disagree. Values are compared in the base
unit when both are known.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

APPROX = 0.05  # 约 / 左右: within 5%
APPROACHING = 0.10  # 近 / 逼近 / 接近: up to 10% below


@dataclass(frozen=True)
class Reading:
    value: float  # as written
    value_base: float | None
    qualifier: str | None
    low: float | None = None  # stored bounds as written (a range; over: low; under: high), models.py
    high: float | None = None


def decimals(value: float) -> int:
    """Decimal places as the figure was written (328.0 -> 0, 4439.2 -> 1), from the shortest repr."""
    exp = Decimal(repr(float(value))).normalize().as_tuple().exponent
    return max(0, -int(exp))


def interval(r: Reading) -> tuple[float, float]:
    scale = 1.0
    v = r.value
    if r.value_base is not None and r.value not in (0, 0.0):
        scale = r.value_base / r.value
        v = r.value_base
    if r.low is not None or r.high is not None:
        # Stored bounds say what was written: a range [low, high], over [low, ∞), under (-∞, high],
        # each bound widened by its rounding like an exact figure (3万-5万人次 covers 3.04万).
        lo = -math.inf if r.low is None else (r.low - 0.5 * 10 ** (-decimals(r.low))) * scale
        hi = math.inf if r.high is None else (r.high + 0.5 * 10 ** (-decimals(r.high))) * scale
        return lo, hi
    half_step = 0.5 * 10 ** (-decimals(r.value)) * abs(scale)
    q = r.qualifier
    if q == "over":
        return v - half_step, math.inf
    if q == "under":
        return -math.inf, v + half_step
    if q == "approx":
        d = max(half_step, abs(v) * APPROX)
        return v - d, v + d
    if q == "approaching":
        return v - abs(v) * APPROACHING - half_step, v + half_step
    return v - half_step, v + half_step


def agree(a: Reading, b: Reading) -> bool:
    lo1, hi1 = interval(a)
    lo2, hi2 = interval(b)
    eps = 1e-9 * max(1.0, abs(lo1 if math.isfinite(lo1) else hi1), abs(lo2 if math.isfinite(lo2) else hi2))
    # Half-open rounding intervals touching at one point (328 vs 329) must not agree: strict overlap.
    return lo1 < hi2 - eps and lo2 < hi1 - eps


def width(r: Reading) -> float:
    lo, hi = interval(r)
    return hi - lo


def same_reading(a: Reading, b: Reading) -> bool:
    """Exactly the same report (used for re-extractions of one page): value, qualifier and bounds."""
    return (a.qualifier == b.qualifier and a.low == b.low and a.high == b.high
            and math.isclose(a.value, b.value, rel_tol=1e-12, abs_tol=0.0)) and (
        a.value_base is None or b.value_base is None or math.isclose(a.value_base, b.value_base, rel_tol=1e-12))
