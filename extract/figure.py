"""One figure found in a text: the record of the extractor contract (../shared/eval/README.md)."""
from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass
class Figure:
    start: int  # offsets into the input text as given (not the normalised copy)
    end: int
    value: float  # as written, signed (下降2.3% -> -2.3)
    unit: str | None  # as written, simplified, multiplier included: 亿元, %, 个百分点, 万人次
    value_base: float | None  # value in the base unit
    base_unit: str | None
    kind: str  # level | growth | share | change_pp | rank
    qualifier: str | None  # None | over | under | approx | approaching
    indicator: str  # canonical simplified name, context filled in
    indicator_id: str | None  # catalogue id, None when unknown
    period: str | None  # 2025, 2025H1, 2025Q1-Q3, 2025-07, 2025-01..2025-07, 2024-05-01..2024-05-05
    region: str  # 沈阳, 辽宁, 铁西区, ...
    sentence: str
    confidence: float = 0.5
    indicator_raw: str | None = None  # the subject phrase as written
    base: str | None = None  # comparison base when stated: 同比, 环比, 两年平均, 比2019年同期
    sentence_start: int | None = None
    low: float | None = None  # a range (10亿至20亿元, 5%-8%): value is the low bound, these are both bounds
    high: float | None = None

    def contract(self, doc_id: str) -> dict:
        """The JSON object of the extractor contract for this figure (low/high only for a range)."""
        d = asdict(self)
        d.pop("sentence_start")
        if d["low"] is None and d["high"] is None:
            del d["low"], d["high"]
        return {"id": doc_id, **d}
