"""A floor that only rises: the shared scorer (../shared/eval/score.py, run by bench/eval_extract.py) on the
tuned dev part (d01-d30), the held-out part (d31-d40), the seed articles and our own set
(tests/fixtures/extract_gold/own). The test fails when any score falls below the floor recorded in
tests/extract_floors.json.

Floors are raised when scores rise (measured value minus a tiny epsilon for float noise:
`bench/eval_extract.py --raise-floors`), never lowered silently: lowering one is a hand edit recorded under
"lowered" in the JSON with the reason, in a commit that says which score fell and why.
"""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FLOORS = json.loads((ROOT / "tests" / "extract_floors.json").read_text(encoding="utf-8"))
METRICS = ("F1", "P", "R", "record", "kind_acc", "indicator_acc", "indicator_as_written_acc", "period_acc",
           "region_acc", "qualifier_acc")


def _eval_module():
    spec = importlib.util.spec_from_file_location("eval_extract", ROOT / "bench" / "eval_extract.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def results():
    mod = _eval_module()
    if mod.SHARED is None:
        pytest.fail("../shared/eval/score.py is missing: the floors cannot be checked", pytrace=False)
    return mod.evaluate(tuple(FLOORS["floors"]))


def test_floors_cover_every_corpus_and_metric():
    assert set(FLOORS["floors"]) == {"tuned", "heldout", "seeds", "own"}
    for name, floors in FLOORS["floors"].items():
        assert set(floors) == set(METRICS), name
        assert all(0.0 <= v <= 1.0 for v in floors.values()), name


@pytest.mark.parametrize("corpus", ["tuned", "heldout", "seeds", "own"])
def test_no_score_below_its_floor(results, corpus):
    res = results[corpus]
    low = {m: (round(res[m], 4), f) for m, f in FLOORS["floors"][corpus].items() if res[m] < f}
    assert not low, f"{corpus}: scores below their floors (measured, floor): {low}"
