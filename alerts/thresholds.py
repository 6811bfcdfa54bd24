"""Threshold rules per indicator (alerts/thresholds.toml): when a move against the previous period is
worth an alert. Read once; `check` says which limit a move exceeds."""
from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

PATH = Path(__file__).with_name("thresholds.toml")
RATE_KINDS = ("growth", "share", "change_pp")
LEVEL_KINDS = ("level",)
KEYS = ("absolute", "relative", "pp")


@dataclass(frozen=True)
class Rule:
    indicator: str  # name, catalogue id or "*"
    absolute: float | None = None
    relative: float | None = None  # percent
    pp: float | None = None  # percentage points


@dataclass(frozen=True)
class Breach:
    rule: str  # absolute | relative | pp
    limit: float
    change: float  # new - previous (base unit for levels, points for rates)
    relative: float | None  # percent, levels only


def parse_rules(data: dict, where: str = "thresholds") -> dict[str, Rule]:
    rules = {}
    for name, entry in data.items():
        if not isinstance(entry, dict):
            raise ValueError(f"{where}: [{name}] must be a table with absolute, relative or pp")
        unknown = set(entry) - set(KEYS)
        if unknown:
            raise ValueError(f"{where}: [{name}] has unknown key(s) {', '.join(sorted(unknown))}; "
                             f"expected {', '.join(KEYS)}")
        for k, v in entry.items():
            if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v) or v <= 0:
                raise ValueError(f"{where}: [{name}] {k} must be a positive number, got {v!r}")
        rules[name] = Rule(name, **{k: float(v) for k, v in entry.items()})
    return rules


@lru_cache(maxsize=8)
def load_rules(path: str | Path = PATH) -> dict[str, Rule]:
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ValueError(f"cannot read the threshold rules {path}: {exc}") from exc
    return parse_rules(data, str(path))


def rule_for(rules: dict[str, Rule], indicator: str, indicator_id: str | None = None) -> Rule | None:
    return rules.get(indicator) or (rules.get(indicator_id) if indicator_id else None) or rules.get("*")


def check(rule: Rule | None, kind: str, new: float, previous: float) -> Breach | None:
    """The first limit of `rule` that the move previous → new reaches, or None."""
    if rule is None or new is None or previous is None:
        return None
    change = new - previous
    if kind in RATE_KINDS:
        if rule.pp is not None and abs(change) >= rule.pp - 1e-9:
            return Breach("pp", rule.pp, change, None)
        return None
    if kind not in LEVEL_KINDS:
        return None  # ranks move by places; no rule for them yet
    rel = change / abs(previous) * 100 if previous else None
    if rule.absolute is not None and abs(change) >= rule.absolute - 1e-9:
        return Breach("absolute", rule.absolute, change, rel)
    if rule.relative is not None and rel is not None and abs(rel) >= rule.relative - 1e-9:
        return Breach("relative", rule.relative, change, rel)
    return None
