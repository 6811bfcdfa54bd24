"""The extractor's data files (units, indicators, regions, wording maps, holidays), read once."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

HERE = Path(__file__).resolve().parent


@lru_cache(maxsize=None)
def data_lines(name: str) -> tuple[str, ...]:
    """Non-empty, non-comment lines of a data file in this folder (tabs kept)."""
    path = HERE / name
    if not path.is_file():
        raise FileNotFoundError(f"extractor data file missing: {path}")
    out = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.rstrip("\n\r")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        out.append(line)
    return tuple(out)


def data_rows(name: str) -> list[list[str]]:
    """Tab-separated rows of a data file, cells stripped."""
    return [[c.strip() for c in line.split("\t")] for line in data_lines(name)]
