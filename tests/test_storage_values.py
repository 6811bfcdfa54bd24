"""When two reports agree (storage/values.py): ranges and over/under by their stored bounds."""
from __future__ import annotations

import math

from storage.values import Reading, agree, interval, same_reading, width


def rng(low, high, mult=1.0, value=None):
    value = low if value is None else value
    return Reading(value, value * mult if mult != 1.0 else None, "range", low, high)


def exact(value, mult=1.0):
    return Reading(value, value * mult if mult != 1.0 else None, None)


def test_a_range_is_its_bounds_and_holds_the_values_inside():
    lo, hi = interval(rng(5, 8))
    assert math.isclose(lo, 4.5) and math.isclose(hi, 8.5)  # each bound as rounded as written
    assert agree(rng(5, 8), exact(6.5)) and agree(exact(5), rng(5, 8)) and agree(rng(5, 8), exact(8))
    assert not agree(rng(5, 8), exact(9)) and not agree(rng(5, 8), exact(4.2))
    assert width(exact(6.5)) < width(rng(5, 8))  # an exact figure inside is the more precise report


def test_ranges_agree_when_they_overlap():
    assert agree(rng(5, 8), rng(7, 10))
    assert agree(rng(5, 8), rng(6, 7))
    assert not agree(rng(5, 8), rng(9.5, 12))


def test_range_bounds_are_scaled_to_the_base_unit_like_the_value():
    # 3万-5万人次 against 4.2万人次 and 60000 人次 (the base unit)
    r = rng(3, 5, mult=1e4)
    assert interval(r) == (25000.0, 55000.0)
    assert agree(r, exact(4.2, mult=1e4)) and agree(r, Reading(42000, 42000, None))
    assert not agree(r, Reading(60000, 60000, None))


def test_a_falling_range_keeps_its_sign():
    # 下降5%～8%: value -5 as written, bounds -8..-5
    r = rng(-8, -5, value=-5)
    assert agree(r, exact(-6)) and not agree(r, exact(6)) and not agree(r, exact(-9))


def test_stored_over_and_under_bounds_give_the_computed_intervals():
    assert interval(Reading(4400, 4400e8, "over", 4400, None)) == interval(Reading(4400, 4400e8, "over"))
    assert interval(Reading(30, None, "under", None, 30)) == interval(Reading(30, None, "under"))
    assert agree(Reading(4400, 4400e8, "over", 4400, None), exact(4439.2, mult=1e8))


def test_same_reading_tells_ranges_apart():
    assert same_reading(rng(5, 8), rng(5, 8))
    assert not same_reading(rng(5, 8), rng(5, 9))
    assert not same_reading(rng(5, 8), exact(5))
