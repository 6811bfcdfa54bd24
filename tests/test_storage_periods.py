"""Canonical periods: equal spans meet whatever the spelling; shifts and labels."""
from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storage.periods import PeriodError, from_bounds, label, one_year_earlier, parse_period


@pytest.mark.parametrize("spellings,canonical", [
    (["2025H1", "2025Q1-Q2", "2025-01..2025-06", "2025h1", "2025-01-01..2025-06-30"], "2025H1"),
    (["2025", "2025Q1-Q4", "2025-01..2025-12"], "2025"),
    (["2025Q1-Q3", "2025-01..2025-09", "2025-01-01..2025-09-30"], "2025Q1-Q3"),
    (["2025-07", "2025-7", "2025-07..2025-07"], "2025-07"),
    (["2025-01..2025-07"], "2025-01..2025-07"),
    (["2024-05-01..2024-05-05"], "2024-05-01..2024-05-05"),
])
def test_spellings_meet(spellings, canonical):
    assert {parse_period(s).canonical for s in spellings} == {canonical}


@pytest.mark.parametrize("bad", ["", "2025-13", "2025Q3-Q1", "2025-02-30", "上半年", "2025-05..2025-03", None])
def test_bad_periods_say_what_is_wrong(bad):
    with pytest.raises(PeriodError):
        parse_period(bad)


def test_one_year_earlier():
    assert one_year_earlier(parse_period("2025Q1-Q3")).canonical == "2024Q1-Q3"
    assert one_year_earlier(parse_period("2024-02")).canonical == "2023-02"
    assert one_year_earlier(parse_period("2024-02-29")).canonical == "2023-02-28"


def test_labels():
    assert [label(p) for p in ("2025", "2025Q1-Q2", "2025Q1-Q3", "2025-01..2025-07", "2025-07")] == [
        "2025年", "2025年上半年", "2025年前三季度", "2025年1-7月", "2025年7月"]


@given(st.dates(date(1990, 1, 1), date(2100, 12, 31)), st.integers(0, 800))
def test_canonical_spelling_reads_back_to_the_same_span(start, days):
    end = date.fromordinal(min(start.toordinal() + days, date(2100, 12, 31).toordinal()))
    p = from_bounds(start, end)
    again = parse_period(p.canonical)
    assert (again.start, again.end, again.canonical) == (start, end, p.canonical)
    assert label(p.canonical)
