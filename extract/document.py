"""The cleaned article: what the extraction stage reads."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass
class CleanDocument:
    url: str | None
    title: str | None
    text: str  # main text, paragraphs separated by "\n"
    published: datetime | None = None  # timezone-aware (Asia/Shanghai as stated by the page), or None
    published_from: str | None = None  # which rule found it: "meta", "dateline", "url", "htmldate", "given"
    encoding: str | None = None  # how the bytes were decoded
    script: str = "hans"  # "hans" (simplified) or "hant" (traditional), guessed from the text
    rejected: str | None = None  # why this page gives no figures: "empty", "binary", "too short", "not about Shenyang"
    tables: list[list[list[str]]] = field(default_factory=list)
